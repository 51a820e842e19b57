/* cb-code-tree-flat.h: the code tree flattened depth-first, siblings in their order (private)
 *
 * The order of the codebook, of the quotes' <codes> and of code-refs.
 * Walking parent ids here keeps that order independent of how the
 * project happens to list its codes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray  *codes;        /* (element-type CbCodeInfo) as listed, owns them */
  GHashTable *children;     /* parent id (0 at the top) -> GPtrArray of CbCodeInfo */
  GPtrArray  *tree_order;   /* every CbCodeInfo, depth-first */
  GHashTable *tree_index;   /* code id -> its index in tree_order */
} CbCodeTree;

/* Flattens @codes (a list of CbCodeInfo as cb_project_list_codes() gives
 * it; the tree takes a reference). */
void        _cb_code_tree_init      (CbCodeTree  *tree,
                                     GPtrArray   *codes);
/* Reads the project's codes once (without coding counts) and flattens them. */
gboolean    _cb_code_tree_load      (CbCodeTree  *tree,
                                     CbProject   *project,
                                     GError     **error);
void        _cb_code_tree_clear     (CbCodeTree  *tree);
/* The children of @parent_id (0: the top level) in sibling order, or NULL. */
GPtrArray  *_cb_code_tree_get_children (CbCodeTree *tree,
                                        gint64      parent_id);
/* The depth-first index of @code_id, G_MAXUINT when it is not in the tree. */
guint       _cb_code_tree_get_index (CbCodeTree  *tree,
                                     gint64       code_id);
/* The code with id @code_id, or NULL. */
CbCodeInfo *_cb_code_tree_lookup    (CbCodeTree  *tree,
                                     gint64       code_id);

G_END_DECLS
