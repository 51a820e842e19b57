/* fuzz-refi.c: scratch projects and checks for the REFI-QDA harness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "fuzz-common.h"
#include "fuzz-refi.h"

static char *scratch_dir;
static GPtrArray *project_paths;

static void
remove_scratch (void)
{
  for (guint i = 0; i < project_paths->len; i++)
    fuzz_refi_remove_project (g_ptr_array_index (project_paths, i));
  g_rmdir (scratch_dir);
}

const char *
fuzz_refi_project_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".codeboom", NULL);
  char *path;

  if (scratch_dir == NULL)
    {
      g_autofree char *template = NULL;

      if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
        template = g_build_filename ("/dev/shm", "codeboom-fuzz-XXXXXX", NULL);
      else
        template = g_build_filename (g_get_tmp_dir (), "codeboom-fuzz-XXXXXX", NULL);
      scratch_dir = g_mkdtemp (g_steal_pointer (&template));
      FUZZ_CHECK (scratch_dir != NULL);
      project_paths = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_scratch);
    }

  path = g_build_filename (scratch_dir, file, NULL);
  for (guint i = 0; i < project_paths->len; i++)
    if (g_str_equal (g_ptr_array_index (project_paths, i), path))
      {
        g_free (path);
        return g_ptr_array_index (project_paths, i);
      }
  g_ptr_array_add (project_paths, path);
  return path;
}

void
fuzz_refi_remove_project (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

void
fuzz_refi_check_project (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  FUZZ_CHECK (problems != NULL);
  for (guint i = 0; i < problems->len; i++)
    fprintf (stderr, "project check: %s\n", (const char *) g_ptr_array_index (problems, i));
  FUZZ_CHECK (problems->len == 0);
}

void
fuzz_refi_check_warnings (GPtrArray *warnings)
{
  if (warnings == NULL)
    return;
  for (guint i = 0; i < warnings->len; i++)
    {
      const char *warning = g_ptr_array_index (warnings, i);

      FUZZ_CHECK (warning != NULL && warning[0] != '\0');
      FUZZ_CHECK (g_utf8_validate (warning, -1, NULL));
    }
}
