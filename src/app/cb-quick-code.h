/* cb-quick-code.h: the quick-code popover (type part of a code, press Enter)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CB_TYPE_QUICK_CODE (cb_quick_code_get_type ())

G_DECLARE_FINAL_TYPE (CbQuickCode, cb_quick_code, CB, QUICK_CODE, GtkPopover)

GtkWidget  *cb_quick_code_new              (void);
/* @codes: (element-type CbCodeInfo) in tree order; a code that does not
 * exist yet is created under @parent_path (NULL: at the top level). */
void        cb_quick_code_set_codes        (CbQuickCode *self,
                                            GPtrArray   *codes,
                                            const char  *parent_path);
void        cb_quick_code_set_query        (CbQuickCode *self,
                                            const char  *query);
/* The offered rows: code paths, best match first; the last one is the
 * code to create when nothing matches. */
guint       cb_quick_code_get_n_rows       (CbQuickCode *self);
const char *cb_quick_code_get_row_path     (CbQuickCode *self,
                                            guint        index,
                                            gboolean    *create);
/* Chooses the highlighted row, as Enter does. */
void        cb_quick_code_activate         (CbQuickCode *self);

G_END_DECLS
