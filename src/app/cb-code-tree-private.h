/* cb-code-tree-private.h: what the code tree's own files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-code-item.h"
#include "cb-code-tree.h"

G_BEGIN_DECLS

struct _CbCodeTree
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkListView        *list_view;
  GMenuModel         *code_menu;

  /* Owned */
  CbProject          *project;
  GListStore         *roots;
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  GHashTable         *items;            /* code id (owned copy) -> CbCodeItem (borrowed) */
  char               *pending_rename;   /* path to rename once it shows */
  double              scroll_value;     /* kept across a rebuild */
  guint               scroll_tick;
  guint               scroll_frames;
  guint               count_source;     /* counts read after the first frame */

  /* Borrowed */
  AdwMessageDialog   *dialog;
};

enum {
  CB_CODE_TREE_CODE_ACTIVATED,
  CB_CODE_TREE_SELECTION_CHANGED,
  CB_CODE_TREE_SELECTION_DROPPED,
  CB_CODE_TREE_N_SIGNALS
};

extern guint _cb_code_tree_signals[CB_CODE_TREE_N_SIGNALS];

/* The item's row, while one shows it: its GtkStack of label and entry. */
#define ROW_STACK_KEY "cb-code-tree-row-stack"

/* cb-code-tree.c */
CbCodeItem *_cb_code_tree_get_selected_item (CbCodeTree   *self);
void        _cb_code_tree_report            (CbCodeTree   *self,
                                             const GError *error);

/* cb-code-tree-rows.c: the list item factory's handlers */
void        _cb_code_tree_setup_row         (GtkSignalListItemFactory *factory,
                                             GtkListItem              *list_item,
                                             CbCodeTree               *self);
void        _cb_code_tree_bind_row          (GtkSignalListItemFactory *factory,
                                             GtkListItem              *list_item,
                                             CbCodeTree               *self);
void        _cb_code_tree_unbind_row        (GtkSignalListItemFactory *factory,
                                             GtkListItem              *list_item,
                                             CbCodeTree               *self);
/* What a row's tooltip says: the code's whole name and its definition. */
char       *_cb_code_tree_dup_row_tooltip   (GtkWidget                *row);

G_END_DECLS
