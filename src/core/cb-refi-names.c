/* cb-refi-names.c: code names unique across the tree (see cb-refi-names.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-refi-names.h"

/* @name with its @depth nearest ancestors, outermost first:
 * "Overig (Thema/Strategieën)". */
static char *
qualified (const char * const *names,
           const int          *parents,
           guint               index,
           guint               depth)
{
  g_autoptr(GPtrArray) chain = g_ptr_array_new ();
  GString *out;
  int p = parents[index];

  for (guint d = 0; d < depth && p >= 0; d++, p = parents[p])
    g_ptr_array_insert (chain, 0, (gpointer) names[p]);
  if (chain->len == 0)
    return g_strdup (names[index]);
  out = g_string_new (names[index]);
  g_string_append (out, " (");
  for (guint i = 0; i < chain->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "/" : "", (const char *) chain->pdata[i]);
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static guint
n_ancestors (const int *parents,
             guint      index)
{
  guint n = 0;

  for (int p = parents[index]; p >= 0; p = parents[p])
    n++;
  return n;
}

GStrv
_cb_refi_unique_names (const char * const *names,
                       const int          *parents,
                       guint               n)
{
  g_autofree guint *depth = g_new0 (guint, n + 1);
  GStrv result = g_new0 (char *, n + 1);
  gboolean changed = TRUE;

  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (names[i]);

  /* one more ancestor for every name still repeated, until none is or
   * none can take another */
  while (changed)
    {
      g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

      changed = FALSE;
      for (guint i = 0; i < n; i++)
        g_hash_table_insert (counts, result[i],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, result[i])) + 1));
      for (guint i = 0; i < n; i++)
        if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, result[i])) > 1 &&
            depth[i] < n_ancestors (parents, i))
          {
            depth[i]++;
            changed = TRUE;
          }
      if (changed)
        for (guint i = 0; i < n; i++)
          if (depth[i] > 0)
            {
              g_free (result[i]);
              result[i] = qualified (names, parents, i, depth[i]);
            }
    }
  return result;
}

GStrv
_cb_refi_restore_names (const char * const *names,
                        const int          *parents,
                        guint               n)
{
  g_auto(GStrv) candidates = g_new0 (char *, n + 1);
  g_auto(GStrv) again = NULL;
  GStrv result = g_new0 (char *, n + 1);

  /* the name without a suffix of its own ancestors, when it has one; the
   * ancestors' names are themselves restored first (parents come first) */
  for (guint i = 0; i < n; i++)
    {
      guint max = n_ancestors (parents, i);

      candidates[i] = g_strdup (names[i]);
      for (guint d = 1; d <= max; d++)
        {
          g_autofree char *suffix = NULL;
          g_autofree char *made = NULL;
          const char *chain = NULL;
          gsize length = strlen (names[i]);

          /* the suffix as made from the original ancestors' names */
          made = qualified ((const char * const *) candidates, parents, i, d);
          chain = strchr (made, '(') != NULL ? made + strlen (candidates[i]) : NULL;
          if (chain == NULL)
            break;
          suffix = g_strdup (chain);
          if (length > strlen (suffix) && g_str_has_suffix (names[i], suffix))
            {
              g_free (candidates[i]);
              candidates[i] = g_strndup (names[i], length - strlen (suffix));
              break;
            }
        }
    }

  /* kept only where making the names unique again gives the name read */
  again = _cb_refi_unique_names ((const char * const *) candidates, parents, n);
  for (guint i = 0; i < n; i++)
    result[i] = g_strdup (g_str_equal (again[i], names[i]) ? candidates[i] : names[i]);
  return result;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
_cb_refi_repeated_names (const char * const *names,
                         guint               n)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *repeated = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, names[i])) + 1;

      g_hash_table_insert (counts, (gpointer) names[i], GUINT_TO_POINTER (count));
      if (count == 2)
        g_ptr_array_add (repeated, g_strdup (names[i]));
    }
  g_ptr_array_sort (repeated, compare_names);
  return repeated;
}
