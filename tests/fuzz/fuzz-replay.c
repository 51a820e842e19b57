/* fuzz-replay.c: runs a harness over a corpus without libFuzzer
 *
 * Linked with each harness in a normal build: every file of the directories
 * (or the files) named on the command line goes through
 * LLVMFuzzerTestOneInput() once, in name order.  That is what
 * `meson test --suite fuzz` does with tests/fuzz/corpus/NAME/, so that
 * every interesting input found by fuzzing keeps being checked in CI, with
 * the sanitizers when the build has them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  guint8 *copy;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  /* An exact-size copy, so that ASan sees a read past the end; never
   * NULL, even when empty, as under libFuzzer. */
  copy = g_malloc (MAX (length, 1));
  memcpy (copy, data, length);
  if (g_getenv ("FUZZ_VERBOSE") != NULL)
    g_printerr ("replaying %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput (copy, length);
  g_free (copy);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  guint n_inputs = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          if (!replay_file (argv[i]))
            return 1;
          n_inputs++;
          continue;
        }
      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        {
          const char *path = g_ptr_array_index (names, j);

          if (g_file_test (path, G_FILE_TEST_IS_DIR))
            continue;
          if (!replay_file (path))
            return 1;
          n_inputs++;
        }
    }

  /* An empty or missing corpus would make the test pass for nothing. */
  if (n_inputs == 0)
    {
      g_printerr ("no inputs to replay\n");
      return 1;
    }
  g_print ("replayed %u inputs\n", n_inputs);
  return 0;
}
