/* cb-code-tree-flat.c: the code tree flattened depth-first, siblings in their order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-code-tree-flat.h"
#include "cb-project-private.h"

void
_cb_code_tree_clear (CbCodeTree *tree)
{
  g_clear_pointer (&tree->tree_index, g_hash_table_unref);
  g_clear_pointer (&tree->tree_order, g_ptr_array_unref);
  g_clear_pointer (&tree->children, g_hash_table_unref);
  g_clear_pointer (&tree->codes, g_ptr_array_unref);
}

static int
compare_code_position (gconstpointer a,
                       gconstpointer b)
{
  const CbCodeInfo *code_a = *(const CbCodeInfo * const *) a;
  const CbCodeInfo *code_b = *(const CbCodeInfo * const *) b;

  if (code_a->position != code_b->position)
    return code_a->position < code_b->position ? -1 : 1;
  return g_utf8_collate (code_a->name, code_b->name);
}

static void
code_tree_walk (CbCodeTree *tree,
                gint64      parent_id)
{
  GPtrArray *children = g_hash_table_lookup (tree->children, &parent_id);

  if (children == NULL)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (children, i);

      g_hash_table_insert (tree->tree_index, &code->id, GUINT_TO_POINTER (tree->tree_order->len));
      g_ptr_array_add (tree->tree_order, code);
      code_tree_walk (tree, code->id);
    }
}

void
_cb_code_tree_init (CbCodeTree *tree,
                    GPtrArray  *codes)
{
  GHashTableIter iter;
  gpointer value;

  memset (tree, 0, sizeof *tree);
  tree->codes = g_ptr_array_ref (codes);
  tree->children = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                          g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < tree->codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (tree->codes, i);
      GPtrArray *siblings = g_hash_table_lookup (tree->children, &code->parent_id);

      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (tree->children, g_memdup2 (&code->parent_id, sizeof (gint64)), siblings);
        }
      g_ptr_array_add (siblings, code);
    }

  g_hash_table_iter_init (&iter, tree->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_code_position);

  tree->tree_order = g_ptr_array_new ();
  tree->tree_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  code_tree_walk (tree, 0);
}

gboolean
_cb_code_tree_load (CbCodeTree  *tree,
                    CbProject   *project,
                    GError     **error)
{
  /* without the coding counts (no writer prints them): counting scans
   * every coding of the project */
  g_autoptr(GPtrArray) codes = _cb_project_list_codes (project, FALSE, error);

  memset (tree, 0, sizeof *tree);
  if (codes == NULL)
    return FALSE;
  _cb_code_tree_init (tree, codes);
  return TRUE;
}

GPtrArray *
_cb_code_tree_get_children (CbCodeTree *tree,
                            gint64      parent_id)
{
  return g_hash_table_lookup (tree->children, &parent_id);
}

guint
_cb_code_tree_get_index (CbCodeTree *tree,
                         gint64      code_id)
{
  gpointer index;

  if (g_hash_table_lookup_extended (tree->tree_index, &code_id, NULL, &index))
    return GPOINTER_TO_UINT (index);
  return G_MAXUINT;
}

CbCodeInfo *
_cb_code_tree_lookup (CbCodeTree *tree,
                      gint64      code_id)
{
  guint index = _cb_code_tree_get_index (tree, code_id);

  return index != G_MAXUINT ? g_ptr_array_index (tree->tree_order, index) : NULL;
}
