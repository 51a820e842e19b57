/* cb-code-tree.h: the code tree sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-project.h"

G_BEGIN_DECLS

#define CB_TYPE_CODE_TREE (cb_code_tree_get_type ())

G_DECLARE_FINAL_TYPE (CbCodeTree, cb_code_tree, CB, CODE_TREE, GtkWidget)

GtkWidget  *cb_code_tree_new                (void);
void        cb_code_tree_set_project        (CbCodeTree  *self,
                                             CbProject   *project);
/* Re-reads the whole tree, keeping what is expanded and selected. */
gboolean    cb_code_tree_reload             (CbCodeTree  *self,
                                             GError     **error);
/* Shows @codes (element-type CbCodeInfo): rows are updated in place when
 * only counts, colours or definitions changed, else the model is rebuilt,
 * keeping what is expanded and selected.  Returns TRUE when rebuilt. */
gboolean    cb_code_tree_update             (CbCodeTree  *self,
                                             GPtrArray   *codes);
/* Re-reads only the counts and colours (after codings changed). */
gboolean    cb_code_tree_refresh_counts     (CbCodeTree  *self,
                                             GError     **error);
/* The selected code's path, or NULL. */
char       *cb_code_tree_dup_selected_path  (CbCodeTree  *self);
gint64      cb_code_tree_get_selected_id    (CbCodeTree  *self);
/* Expands the code's ancestors and selects it; FALSE when not found. */
gboolean    cb_code_tree_select_path        (CbCodeTree  *self,
                                             const char  *path);
void        cb_code_tree_unselect           (CbCodeTree  *self);
/* The rows as shown (element-type GtkTreeListRow of CbCodeItem). */
GListModel *cb_code_tree_get_rows           (CbCodeTree  *self);
/* Starts renaming the selected code in place; FALSE when no row shows it. */
gboolean    cb_code_tree_start_rename       (CbCodeTree  *self);
/* Moves @path before, into or after @target_path, as a drop would. */
gboolean    cb_code_tree_move               (CbCodeTree  *self,
                                             const char  *path,
                                             const char  *target_path,
                                             int          where,
                                             GError     **error);

/* The dialog opened by the last code.* action, for tests; NULL when closed. */
AdwMessageDialog *_cb_code_tree_get_dialog  (CbCodeTree  *self);
/* The list's vertical scrolling, for tests. */
GtkAdjustment    *_cb_code_tree_get_vadjustment (CbCodeTree *self);

G_END_DECLS
