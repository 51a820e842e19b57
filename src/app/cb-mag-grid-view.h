/* cb-mag-grid-view.h: the MAG grid view: convergences and divergences ×
 * participants, with the quotes behind each cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_MAG_GRID_VIEW (cb_mag_grid_view_get_type ())
G_DECLARE_FINAL_TYPE (CbMagGridView, cb_mag_grid_view, CB, MAG_GRID_VIEW, GtkWidget)

GtkWidget       *cb_mag_grid_view_new            (void);
void             cb_mag_grid_view_set_project    (CbMagGridView *self,
                                                  CbProject     *project);
/* The project changed: recomputed now when the view shows, else when it
 * is next shown. */
void             cb_mag_grid_view_invalidate     (CbMagGridView *self);
/* While a job owns the project the view reads nothing. */
void             cb_mag_grid_view_set_busy       (CbMagGridView *self,
                                                  gboolean       busy);
/* Recomputes now. */
void             cb_mag_grid_view_refresh        (CbMagGridView *self);
/* The grid shown (NULL before the first computation or after a failure). */
CbMagGrid       *cb_mag_grid_view_get_grid       (CbMagGridView *self);
/* The cell's button (its label is the count), NULL outside the grid. */
GtkWidget       *cb_mag_grid_view_get_cell_button (CbMagGridView *self,
                                                   guint          point,
                                                   guint          column);
/* Lists the quotes of a cell, as clicking it does. */
void             cb_mag_grid_view_show_cell      (CbMagGridView *self,
                                                  guint          point,
                                                  guint          column);
/* The quotes listed (rows of a GtkListBox, in order). */
GtkListBox      *cb_mag_grid_view_get_quote_list (CbMagGridView *self);
/* Opens quote @index of the list, as activating its row does
 * (::quote-activated with its document id, start and end). */
void             cb_mag_grid_view_activate_quote (CbMagGridView *self,
                                                  guint          index);
/* Writes the grid as @format to @file (the Export menu's work). */
gboolean         cb_mag_grid_view_export         (CbMagGridView   *self,
                                                  CbMagGridFormat  format,
                                                  GFile           *file,
                                                  GError         **error);

G_END_DECLS
