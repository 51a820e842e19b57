/* cb-search-panel.h: the search bar: this document or all documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-project.h"
#include "cb-search.h"

G_BEGIN_DECLS

#define CB_TYPE_SEARCH_PANEL (cb_search_panel_get_type ())

G_DECLARE_FINAL_TYPE (CbSearchPanel, cb_search_panel, CB, SEARCH_PANEL, GtkWidget)

void        cb_search_panel_set_project       (CbSearchPanel *self,
                                               CbProject     *project);
/* The document searched when not searching all documents (NULL: none). */
void        cb_search_panel_set_document      (CbSearchPanel *self,
                                               const char    *name);
/* Shows the bar, focuses the entry and searches. */
void        cb_search_panel_open              (CbSearchPanel *self,
                                               gboolean       whole_project);
gboolean    cb_search_panel_get_search_mode   (CbSearchPanel *self);
void        cb_search_panel_set_search_mode   (CbSearchPanel *self,
                                               gboolean       search_mode);
gboolean    cb_search_panel_get_whole_project (CbSearchPanel *self);
void        cb_search_panel_set_text          (CbSearchPanel *self,
                                               const char    *text);
/* Keeps only the hits in the coverage of cases passing @expressions (the
 * core's filter expressions; NULL: every hit), and searches again. */
void        cb_search_panel_set_case_filter   (CbSearchPanel      *self,
                                               const char * const *expressions);
/* Searches again (after a change to the project); emits ::results-changed. */
void        cb_search_panel_search            (CbSearchPanel *self);
/* The last search's hits (element-type CbSearchHit), or NULL.  In all
 * documents, the pages read so far (see cb_search_panel_has_more()); the
 * array grows in place as more are read. */
GPtrArray  *cb_search_panel_get_hits          (CbSearchPanel *self);
/* How many hits the last search found (counted; read or not). */
gint64      cb_search_panel_get_n_hits        (CbSearchPanel *self);
/* TRUE when hits of further documents are still to be read. */
gboolean    cb_search_panel_has_more          (CbSearchPanel *self);
/* Appends the next page of hits (the next documents' hits, at least a few
 * hundred) to the hits; FALSE when there was none to read (or a job has
 * the project), or with @error set. */
gboolean    cb_search_panel_read_more         (CbSearchPanel  *self,
                                               GError        **error);
/* Every hit, the rest read first (for Code All Hits); NULL with @error set. */
GPtrArray  *cb_search_panel_get_all_hits      (CbSearchPanel  *self,
                                               GError        **error);
/* The options popover: the matching flags (without LITERAL) and scopes. */
CbSearchFlags cb_search_panel_get_flags       (CbSearchPanel *self);
void        cb_search_panel_set_flags         (CbSearchPanel *self,
                                               CbSearchFlags  flags);
/* NULL or "" clears a scope. */
void        cb_search_panel_set_scopes        (CbSearchPanel *self,
                                               const char    *within_code,
                                               const char    *speaker);
/* How far Code All Hits widens each hit. */
CbSearchExtend cb_search_panel_get_extend     (CbSearchPanel *self);
void        cb_search_panel_set_extend        (CbSearchPanel  *self,
                                               CbSearchExtend  extend);
/* Saves the current term, flags and scopes under @name (one undo step). */
gboolean    cb_search_panel_save_search       (CbSearchPanel  *self,
                                               const char     *name,
                                               GError        **error);
/* Sets the term, flags and scopes of the saved search @name and searches. */
gboolean    cb_search_panel_run_saved         (CbSearchPanel  *self,
                                               const char     *name,
                                               GError        **error);
/* The saved searches the popover lists. */
guint       cb_search_panel_get_n_saved       (CbSearchPanel *self);
/* While another connection (a job's) has the project: no searching. */
void        cb_search_panel_set_busy          (CbSearchPanel *self,
                                               gboolean       busy);

G_END_DECLS
