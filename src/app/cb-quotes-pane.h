/* cb-quotes-pane.h: the quotes (coded segments) of the selected code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-case-filter-bar.h"
#include "cb-project.h"
#include "cb-segment-item.h"

G_BEGIN_DECLS

#define CB_TYPE_QUOTES_PANE (cb_quotes_pane_get_type ())

G_DECLARE_FINAL_TYPE (CbQuotesPane, cb_quotes_pane, CB, QUOTES_PANE, GtkWidget)

void        cb_quotes_pane_set_project   (CbQuotesPane *self,
                                          CbProject    *project);
/* Shows the quotes of @path (NULL: none), with its subcodes' when the
 * "include-descendants" setting says so.  Re-reads the project. */
void        cb_quotes_pane_set_code      (CbQuotesPane *self,
                                          const char   *path);
void        cb_quotes_pane_refresh       (CbQuotesPane *self);
/* While a job owns the project (cb-window-jobs.c) the list reads nothing:
 * quotes not fetched yet show as placeholders until the job is done. */
void        cb_quotes_pane_set_busy      (CbQuotesPane *self,
                                          gboolean      busy);
/* The quotes shown (element-type CbSegmentItem): counted at once, read a
 * page at a time as items are asked for. */
GListModel *cb_quotes_pane_get_quotes    (CbQuotesPane *self);
/* The line under the title ("N segments in M documents"), and the list (a
 * one-column GtkGridView),
 * for tests. */
const char  *cb_quotes_pane_get_subtitle  (CbQuotesPane *self);
GtkWidget   *cb_quotes_pane_get_list_view (CbQuotesPane *self);
/* The bar of conditions on the cases' attributes that narrows the list
 * (shown from the pane's Filter button when the project has attributes). */
CbCaseFilterBar *cb_quotes_pane_get_filter_bar (CbQuotesPane *self);
/* TRUE when the list shows (there are quotes), FALSE for the hint. */
gboolean    cb_quotes_pane_shows_list    (CbQuotesPane *self);
/* Opens the quote at @position, as clicking it does: emits
 * ::quote-activated with its CbSegmentItem. */
void        cb_quotes_pane_activate      (CbQuotesPane *self,
                                          guint         position);

G_END_DECLS
