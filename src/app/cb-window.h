/* cb-window.h: the main window (start screen, or one open project)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-application.h"
#include "cb-code-tree.h"
#include "cb-document-list.h"
#include "cb-memo-editor.h"
#include "cb-project.h"
#include "cb-quotes-pane.h"
#include "cb-search-panel.h"
#include "cb-search-results.h"
#include "cb-start-page.h"
#include "cb-transcript-view.h"

G_BEGIN_DECLS

#define CB_TYPE_WINDOW (cb_window_get_type ())

G_DECLARE_FINAL_TYPE (CbWindow, cb_window, CB, WINDOW, AdwApplicationWindow)

CbWindow  *cb_window_new            (CbApplication *application);
gboolean   cb_window_open_project   (CbWindow      *self,
                                     GFile         *file,
                                     GError       **error);
gboolean   cb_window_create_project (CbWindow      *self,
                                     GFile         *file,
                                     GError       **error);
void       cb_window_close_project  (CbWindow      *self);
CbProject *cb_window_get_project    (CbWindow      *self);
gboolean   cb_window_show_document  (CbWindow      *self,
                                     gint64         document_id,
                                     GError       **error);
/* Shows @error as a toast, with the core's message. */
void       cb_window_show_error     (CbWindow      *self,
                                     const GError  *error);
/* Says in a dialog that @file could not be opened, with the core's
 * message; a project refused for foreign schema objects gets "Repair a
 * Copy" (cb-window-repair.c). */
void       cb_window_show_open_error (CbWindow     *self,
                                      GFile        *file,
                                      const GError *error);

/* The parts, for the tests and the tools. */
CbTranscriptView *cb_window_get_transcript_view (CbWindow *self);
CbCodeTree       *cb_window_get_code_tree       (CbWindow *self);
CbDocumentList   *cb_window_get_document_list   (CbWindow *self);
CbQuotesPane     *cb_window_get_quotes_pane     (CbWindow *self);
CbMemoEditor     *cb_window_get_memo_editor     (CbWindow *self);
CbSearchPanel    *cb_window_get_search_panel    (CbWindow *self);
CbSearchResults  *cb_window_get_search_results  (CbWindow *self);
CbStartPage      *cb_window_get_start_page      (CbWindow *self);
/* "start" or "project" */
const char       *cb_window_get_page            (CbWindow *self);
/* What the transcript view's place shows: "empty", "transcript" or
 * "results" (of a search in all documents). */
const char       *cb_window_get_centre_page     (CbWindow *self);
/* The open document's name, or NULL. */
const char       *cb_window_get_document_name   (CbWindow *self);
/* The header's subtitle (the open document). */
const char       *cb_window_get_subtitle        (CbWindow *self);
/* TRUE while a job's progress bar shows. */
gboolean          cb_window_get_job_visible     (CbWindow *self);

G_END_DECLS
