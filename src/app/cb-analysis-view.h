/* cb-analysis-view.h: the Analysis view: matrix, co-occurrence, frequencies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-analysis.h"

G_BEGIN_DECLS

#define CB_TYPE_ANALYSIS_VIEW (cb_analysis_view_get_type ())
G_DECLARE_FINAL_TYPE (CbAnalysisView, cb_analysis_view, CB, ANALYSIS_VIEW, GtkWidget)

GtkWidget             *cb_analysis_view_new          (void);
void                   cb_analysis_view_set_project  (CbAnalysisView *self,
                                                      CbProject      *project);
/* The project changed: recomputed now when the view shows, else when it
 * is next shown. */
void                   cb_analysis_view_invalidate   (CbAnalysisView *self);
/* While a job owns the project the view computes nothing (it recomputes
 * when the job is done, if anything changed). */
void                   cb_analysis_view_set_busy     (CbAnalysisView *self,
                                                      gboolean        busy);
/* Recomputes the visible tab now. */
void                   cb_analysis_view_refresh      (CbAnalysisView *self);
/* "matrix", "cooccurrence" or "frequencies" */
void                   cb_analysis_view_set_tab      (CbAnalysisView *self,
                                                      const char     *tab);
/* The column picker's entries (GtkStringObject): the fixed ones, then
 * "By NAME" per attribute of the project. */
GListModel            *cb_analysis_view_get_column_choices (CbAnalysisView *self);
/* Picks the matrix's columns as the CLI names them ("documents", "cases",
 * "attribute:NAME"…), as the column picker does; FALSE when it offers no
 * such entry. */
gboolean               cb_analysis_view_select_columns (CbAnalysisView *self,
                                                        const char     *columns);
/* Sets the filter entry's text ("regio=Zuid; leeftijd>40", "" for none)
 * and applies it, as pressing Enter does; FALSE when it does not parse. */
gboolean               cb_analysis_view_set_filter   (CbAnalysisView *self,
                                                      const char     *text);
/* Whether the filter entry shows an error (a filter that does not parse,
 * or names an unknown attribute or a wrong value). */
gboolean               cb_analysis_view_filter_has_error (CbAnalysisView *self);
/* Picks what the matrix counts, as the count picker does. */
void                   cb_analysis_view_select_count (CbAnalysisView  *self,
                                                      CbAnalysisCount  count);
/* The visible tab's table (NULL before the first computation). */
const CbAnalysisTable *cb_analysis_view_get_table    (CbAnalysisView *self);
/* The visible tab's table view. */
GtkColumnView         *cb_analysis_view_get_column_view (CbAnalysisView *self);
/* Lists the quotes of a matrix cell (the segment pairs of a co-occurrence
 * cell), as clicking it does. */
void                   cb_analysis_view_show_cell    (CbAnalysisView *self,
                                                      guint           row,
                                                      guint           column);
/* The quotes listed (element-type CbSegmentItem). */
GListModel            *cb_analysis_view_get_quotes   (CbAnalysisView *self);
/* Opens quote @position, as clicking it does (emits ::quote-activated). */
void                   cb_analysis_view_activate_quote (CbAnalysisView *self,
                                                        guint           position);

G_END_DECLS
