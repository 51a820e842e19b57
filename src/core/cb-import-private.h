/* cb-import-private.h: the importers behind cb_import_bytes()
 *
 * Each importer turns a file's bytes into UTF-8 text; cb_import_bytes()
 * normalises what they return (cb_text_normalize()), so an importer only
 * has to produce valid UTF-8 with paragraphs as lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-import.h"

G_BEGIN_DECLS

/* Fills @imported->text (valid UTF-8, not yet normalised) and whatever else
 * it knows (encoding, warnings); @filename is for messages only. */
typedef gboolean (*CbImporterFunc) (const char            *filename,
                                    const guint8          *data,
                                    gsize                  length,
                                    const CbImportOptions *options,
                                    CbImportedText        *imported,
                                    GError               **error);

gboolean _cb_import_txt (const char            *filename,
                         const guint8          *data,
                         gsize                  length,
                         const CbImportOptions *options,
                         CbImportedText        *imported,
                         GError               **error);

/* The structured formats, each in its own cb-import-FORMAT.c; they lay out
 * paragraphs as cb-import-paragraphs.h says and leave normalising to
 * cb_import_bytes(). */
gboolean _cb_import_docx (const char            *filename,
                          const guint8          *data,
                          gsize                  length,
                          const CbImportOptions *options,
                          CbImportedText        *imported,
                          GError               **error);

gboolean _cb_import_odt  (const char            *filename,
                          const guint8          *data,
                          gsize                  length,
                          const CbImportOptions *options,
                          CbImportedText        *imported,
                          GError               **error);

gboolean _cb_import_rtf  (const char            *filename,
                          const guint8          *data,
                          gsize                  length,
                          const CbImportOptions *options,
                          CbImportedText        *imported,
                          GError               **error);

gboolean _cb_import_pdf  (const char            *filename,
                          const guint8          *data,
                          gsize                  length,
                          const CbImportOptions *options,
                          CbImportedText        *imported,
                          GError               **error);

gboolean _cb_import_html (const char            *filename,
                          const guint8          *data,
                          gsize                  length,
                          const CbImportOptions *options,
                          CbImportedText        *imported,
                          GError               **error);

G_END_DECLS
