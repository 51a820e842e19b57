/* cb-export-quotes-dialog.h: the choices of a quote export, with a preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-project.h"
#include "cb-quote-formats.h"
#include "cb-quotes-export.h"

G_BEGIN_DECLS

#define CB_TYPE_EXPORT_QUOTES_DIALOG (cb_export_quotes_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CbExportQuotesDialog, cb_export_quotes_dialog, CB, EXPORT_QUOTES_DIALOG, AdwWindow)

/* Which codes' quotes are exported. */
typedef enum
{
  CB_QUOTE_SCOPE_CODE,       /* the selected code alone */
  CB_QUOTE_SCOPE_SUBCODES,   /* the selected code and its descendants */
  CB_QUOTE_SCOPE_ALL,        /* every code */
} CbQuoteScope;

/* A dialog for @project's quotes, transient for @parent.  @code_path is the
 * selected code (NULL: none, so every code); @with_subcodes is the scope
 * offered when the project has no remembered choices.  It reads @project
 * now (the code tree and one code's quotes, for the preview) and never
 * again, so a job may own the project once the dialog asks to export.
 * The choices are remembered per project (GSettings "quote-export", by
 * the project's UUID) when the dialog closes. */
CbExportQuotesDialog *cb_export_quotes_dialog_new       (GtkWindow            *parent,
                                                         CbProject            *project,
                                                         const char           *code_path,
                                                         gboolean              with_subcodes);

CbQuoteFormat         cb_export_quotes_dialog_get_format      (CbExportQuotesDialog *self);
void                  cb_export_quotes_dialog_set_format      (CbExportQuotesDialog *self,
                                                               CbQuoteFormat         format);
CbQuoteScope          cb_export_quotes_dialog_get_scope       (CbExportQuotesDialog *self);
/* The code exported (NULL: every code) and the flags that go with it. */
char                 *cb_export_quotes_dialog_dup_code_path   (CbExportQuotesDialog *self);
CbExportQuotesFlags   cb_export_quotes_dialog_get_flags       (CbExportQuotesDialog *self);
const char           *cb_export_quotes_dialog_get_template    (CbExportQuotesDialog *self);
guint                 cb_export_quotes_dialog_get_block_words (CbExportQuotesDialog *self);
/* The file name extension of the chosen format, with its dot. */
const char           *cb_export_quotes_dialog_get_extension   (CbExportQuotesDialog *self);
/* The citation shown in the preview (NULL when there is no quote or the
 * template is wrong). */
const char           *cb_export_quotes_dialog_get_preview_citation (CbExportQuotesDialog *self);

/* What Export… does once the file is chosen: remembers the choices, emits
 * ::export with @file and closes.  FALSE, doing nothing, while the
 * template has an unknown field. */
gboolean              cb_export_quotes_dialog_export_to       (CbExportQuotesDialog *self,
                                                               GFile                *file);

G_END_DECLS
