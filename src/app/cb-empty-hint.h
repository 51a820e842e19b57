/* cb-empty-hint.h: what to do first, shown where a list is empty
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_EMPTY_HINT (cb_empty_hint_get_type ())

G_DECLARE_FINAL_TYPE (CbEmptyHint, cb_empty_hint, CB, EMPTY_HINT, GtkWidget)

GtkWidget  *cb_empty_hint_new       (void);
/* Shown only while @model (any GListModel, such as a list view's
 * selection model) exists and has no items. */
void        cb_empty_hint_set_model (CbEmptyHint *self,
                                     GListModel  *model);
GListModel *cb_empty_hint_get_model (CbEmptyHint *self);

G_END_DECLS
