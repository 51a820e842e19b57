/* cb-segment-row.h: one quote in the segments pane
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-segment-item.h"

G_BEGIN_DECLS

#define CB_TYPE_SEGMENT_ROW (cb_segment_row_get_type ())

G_DECLARE_FINAL_TYPE (CbSegmentRow, cb_segment_row, CB, SEGMENT_ROW, GtkWidget)

GtkWidget     *cb_segment_row_new       (void);
void           cb_segment_row_set_item  (CbSegmentRow  *self,
                                         CbSegmentItem *item,
                                         gboolean       show_code);
CbSegmentItem *cb_segment_row_get_item  (CbSegmentRow  *self);

G_END_DECLS
