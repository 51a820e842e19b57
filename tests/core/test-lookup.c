/* test-lookup.c: the core's one answer to "which turn holds this offset"
 * and "is this code in that subtree"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cb-core.h"

static void
add_turn (GPtrArray  *turns,
          const char *speaker,
          gint64      start,
          gint64      end)
{
  CbTurnInfo *turn = g_new0 (CbTurnInfo, 1);

  turn->speaker = g_strdup (speaker);
  turn->start = start;
  turn->end = end;
  turn->text_start = start + 3;
  g_ptr_array_add (turns, turn);
}

static const char *
speaker_of (const CbTurnInfo *turn)
{
  return turn != NULL ? turn->speaker : NULL;
}

static void
test_turn_at_offset_and_span (void)
{
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_turn_info_free);
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  /* a title before the first turn, blank lines between turns */
  add_turn (turns, "A", 10, 20);
  add_turn (turns, "B", 22, 30);
  add_turn (turns, "A", 30, 40);

  g_assert_null (cb_turn_find_at (turns, 0));
  g_assert_null (cb_turn_find_at (turns, 9));
  g_assert_cmpstr (speaker_of (cb_turn_find_at (turns, 10)), ==, "A");
  g_assert_cmpstr (speaker_of (cb_turn_find_at (turns, 19)), ==, "A");
  g_assert_null (cb_turn_find_at (turns, 20));          /* between turns */
  g_assert_null (cb_turn_find_at (turns, 21));
  g_assert_cmpstr (speaker_of (cb_turn_find_at (turns, 22)), ==, "B");
  g_assert_true (cb_turn_find_at (turns, 30) == turns->pdata[2]);  /* ends are exclusive */
  g_assert_true (cb_turn_find_at (turns, 39) == turns->pdata[2]);
  g_assert_null (cb_turn_find_at (turns, 40));
  g_assert_null (cb_turn_find_at (none, 5));
  g_assert_null (cb_turn_find_at (NULL, 5));

  /* a quote is cited by the first turn it overlaps */
  g_assert_cmpstr (speaker_of (cb_turn_find_for_span (turns, 12, 25)), ==, "A");
  g_assert_cmpstr (speaker_of (cb_turn_find_for_span (turns, 20, 26)), ==, "B");  /* starts between turns */
  g_assert_null (cb_turn_find_for_span (turns, 20, 22));  /* only the blank lines */
  g_assert_null (cb_turn_find_for_span (turns, 0, 10));   /* only the title */
  g_assert_cmpstr (speaker_of (cb_turn_find_for_span (turns, 5, 11)), ==, "A");
  g_assert_true (cb_turn_find_for_span (turns, 29, 35) == turns->pdata[1]);
  g_assert_null (cb_turn_find_for_span (turns, 40, 45));
}

static void
test_code_path_is_within (void)
{
  g_assert_true (cb_code_path_is_within ("Theme", "Theme"));
  g_assert_true (cb_code_path_is_within ("Theme / Sub", "Theme"));
  g_assert_true (cb_code_path_is_within ("Theme / Sub / Deep", "Theme / Sub"));
  g_assert_false (cb_code_path_is_within ("Theme", "Theme / Sub"));
  g_assert_false (cb_code_path_is_within ("Themes", "Theme"));         /* a sibling with a longer name */
  g_assert_false (cb_code_path_is_within ("Theme/Sub", "Theme"));      /* '/' inside a name */
  g_assert_false (cb_code_path_is_within ("Other / Theme", "Theme"));
}

static void
test_code_list_subtree_end (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cb-lookup-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(GPtrArray) codes = NULL;
  const char *paths[] = { "A", "A / One", "A / One / Deep", "A / Two", "B", "B / One" };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      cb_project_add_code (project, paths[i], NULL, NULL, &error);
      g_assert_no_error (error);
    }
  codes = cb_project_list_codes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 6);

  g_assert_cmpuint (cb_code_list_subtree_end (codes, 0), ==, 4);   /* A and its three */
  g_assert_cmpuint (cb_code_list_subtree_end (codes, 1), ==, 3);   /* A / One with Deep */
  g_assert_cmpuint (cb_code_list_subtree_end (codes, 2), ==, 3);   /* a leaf */
  g_assert_cmpuint (cb_code_list_subtree_end (codes, 3), ==, 4);
  g_assert_cmpuint (cb_code_list_subtree_end (codes, 4), ==, 6);   /* the last subtree */
  for (guint i = 0; i < codes->len; i++)
    for (guint j = 0; j < codes->len; j++)
      {
        const CbCodeInfo *a = codes->pdata[i];
        const CbCodeInfo *b = codes->pdata[j];
        gboolean in_range = j >= i && j < cb_code_list_subtree_end (codes, i);

        /* the two answers agree: by position and by path */
        g_assert_cmpint (in_range, ==, cb_code_path_is_within (b->path, a->path));
      }

  g_clear_object (&project);
  for (const char * const *suffix = (const char * const[]) { "", "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_remove (file);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lookup/turn-at-offset-and-span", test_turn_at_offset_and_span);
  g_test_add_func ("/lookup/code-path-is-within", test_code_path_is_within);
  g_test_add_func ("/lookup/code-list-subtree-end", test_code_list_subtree_end);

  return g_test_run ();
}
