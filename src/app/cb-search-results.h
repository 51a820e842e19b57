/* cb-search-results.h: the hits of a search in all documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CB_TYPE_SEARCH_RESULTS (cb_search_results_get_type ())

G_DECLARE_FINAL_TYPE (CbSearchResults, cb_search_results, CB, SEARCH_RESULTS, GtkWidget)

/* Rows made at a time (and each time more are asked for). */
#define CB_SEARCH_RESULTS_ROWS 100

/* Lists (the first few hundred of) @hits (element-type CbSearchHit; NULL:
 * none).  The hits are kept for ::hit-activated. */
void   cb_search_results_set_hits     (CbSearchResults *self,
                                       GPtrArray       *hits);
/* Rows shown: the first CB_SEARCH_RESULTS_ROWS hits, and as many more each
 * time the last row's "Show More" is clicked (or this is called; FALSE when
 * all are shown). */
guint  cb_search_results_get_n_shown  (CbSearchResults *self);
gboolean cb_search_results_show_more  (CbSearchResults *self);
/* Moves the focus to the first result; FALSE when there is none. */
gboolean cb_search_results_focus_first (CbSearchResults *self);

G_END_DECLS
