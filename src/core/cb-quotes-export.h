/* cb-quotes-export.h: coded quotes as Codeboom XML (urn:codeboom:quotes:1)
 *
 * Written with libxml2's xmlTextWriter, valid against
 * data/xml/codeboom-quotes-1.xsd; the source of the quote lists in HTML,
 * Markdown, DOCX and ODT (cb-quote-formats.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* The namespace of the quotes XML. */
#define CB_QUOTES_NAMESPACE "urn:codeboom:quotes:1"

typedef enum
{
  CB_EXPORT_QUOTES_NONE             = 0,
  /* with a code: that code alone, not its descendants */
  CB_EXPORT_QUOTES_ONLY             = 1 << 0,
  /* list every code in scope, also those without quotes (by default a
   * code is listed when it or a code below it has a quote) */
  CB_EXPORT_QUOTES_WITH_EMPTY_CODES = 1 << 1,
  /* only the first document (in document order) that has a quote in
   * scope, and its quotes: a sample for a preview, without reading the
   * rest of the project */
  CB_EXPORT_QUOTES_FIRST_DOCUMENT   = 1 << 2,
  /* each code's memo (<code><memo>) and each coding's memo (<code-ref><memo>)
   * beside the quotes, when they have one */
  CB_EXPORT_QUOTES_WITH_MEMOS       = 1 << 3,
} CbExportQuotesFlags;

/* The coded quotes of @code_path (with its descendants unless @only), or of
 * every code when @code_path is NULL: the codes involved (path, colour,
 * definition) in tree order, then every quote (document, start, end, code
 * path(s), coders, exact text) ordered by document and position; one
 * quote per coded span, whoever coded it. */
GBytes   *cb_export_quotes_full       (CbProject            *project,
                                       const char           *code_path,
                                       CbExportQuotesFlags   flags,
                                       GError              **error);
/* cb_export_quotes_full() keeping only the quotes of cases that pass
 * @filter (NULL: every quote). */
GBytes   *cb_export_quotes_where      (CbProject            *project,
                                       const char           *code_path,
                                       CbExportQuotesFlags   flags,
                                       const CbCaseFilter   *filter,
                                       GError              **error);
/* cb_export_quotes_where() streamed into @stream (not closed), a document
 * at a time; on failure part of it may have been written. */
gboolean  cb_export_quotes_to_stream  (CbProject            *project,
                                       const char           *code_path,
                                       CbExportQuotesFlags   flags,
                                       const CbCaseFilter   *filter,
                                       GOutputStream        *stream,
                                       GError              **error);
/* cb_export_quotes_full() with CB_EXPORT_QUOTES_ONLY when @only. */
GBytes   *cb_export_quotes            (CbProject    *project,
                                       const char   *code_path,
                                       gboolean      only,
                                       GError      **error);
/* The same XML streamed into @file (replaced atomically), so that memory
 * does not grow with the export. */
gboolean  cb_export_quotes_to_file    (CbProject            *project,
                                       const char           *code_path,
                                       CbExportQuotesFlags   flags,
                                       GFile                *file,
                                       GError              **error);
/* cb_export_quotes_to_file() with progress per document and a cancel that
 * leaves @file as it was (G_IO_ERROR_CANCELLED). */
gboolean  cb_export_quotes_to_file_full (CbProject          *project,
                                         const char         *code_path,
                                         CbExportQuotesFlags flags,
                                         GFile              *file,
                                         CbProgressFunc      progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GError            **error);

G_END_DECLS
