/* test-counts.c: the listings without coding counts (cb-counts.h)
 *
 * They hold what the counted listings hold, in the same order, with -1
 * where a count would be; a code is found by its path with its memo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cb-core.h"

static CbProject *
new_project (char **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-counts-XXXXXX", NULL);
  CbProject *project;

  *path = g_build_filename (dir, "counts.codeboom", NULL);
  project = cb_project_create (*path, &error);
  g_assert_no_error (error);
  /* an emoji and a combining mark before the coded words */
  g_assert_cmpint (cb_project_add_document (project, "Zoë", "Zoë 😀 vertelt over school.\n", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_document (project, "Anna", "Anna zwijgt.\n", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_document (project, "Bram", "Bram lacht.\n", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "School", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "School / Vakken", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "Thuis", NULL, NULL, &error), >, 0);
  g_assert_true (cb_project_set_code_memo (project, "School / Vakken", "wiskunde, taal", &error));
  g_assert_cmpint (cb_project_apply (project, "Zoë", "School", 6, 15, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_apply (project, "Zoë", "School / Vakken", 20, 26, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_apply (project, "Anna", "School / Vakken", 0, 4, NULL, &error), >, 0);
  g_assert_no_error (error);
  return project;
}

static void
remove_project (CbProject *project,
                char      *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_object_unref (project);
  g_remove (path);
  g_rmdir (dir);
  g_free (path);
}

static void
test_documents (void)
{
  char *path = NULL;
  CbProject *project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counted = cb_project_list_documents (project, &error);
  g_autoptr(GPtrArray) uncounted = cb_project_list_documents_uncounted (project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (uncounted->len, ==, 3);
  g_assert_cmpuint (uncounted->len, ==, counted->len);
  for (guint i = 0; i < counted->len; i++)
    {
      CbDocumentInfo *a = counted->pdata[i];
      CbDocumentInfo *b = uncounted->pdata[i];

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->name, ==, b->name);
      g_assert_cmpstr (a->uuid, ==, b->uuid);
      g_assert_cmpint (a->n_chars, ==, b->n_chars);
      g_assert_cmpstr (a->imported, ==, b->imported);
      g_assert_cmpstr (a->memo, ==, b->memo);
      g_assert_cmpint (b->n_codings, ==, -1);
    }
  /* by name, and the counts are there in the counted listing */
  g_assert_cmpstr (((CbDocumentInfo *) uncounted->pdata[0])->name, ==, "Anna");
  g_assert_cmpstr (((CbDocumentInfo *) uncounted->pdata[2])->name, ==, "Zoë");
  g_assert_cmpint (((CbDocumentInfo *) uncounted->pdata[2])->n_chars, ==, 27);
  g_assert_cmpint (((CbDocumentInfo *) counted->pdata[2])->n_codings, ==, 2);
  remove_project (project, path);
}

static void
test_codes (void)
{
  char *path = NULL;
  CbProject *project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) counted = cb_project_list_codes (project, &error);
  g_autoptr(GPtrArray) uncounted = cb_project_list_codes_uncounted (project, &error);
  g_autoptr(CbCodeInfo) code = NULL;
  g_autoptr(CbCodeInfo) with_counts = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (uncounted->len, ==, 3);
  g_assert_cmpuint (uncounted->len, ==, counted->len);
  for (guint i = 0; i < counted->len; i++)
    {
      CbCodeInfo *a = counted->pdata[i];
      CbCodeInfo *b = uncounted->pdata[i];

      g_assert_cmpint (a->id, ==, b->id);
      g_assert_cmpstr (a->path, ==, b->path);
      g_assert_cmpuint (a->depth, ==, b->depth);
      g_assert_cmpint (b->n_codings, ==, -1);
      g_assert_cmpint (b->n_codings_total, ==, -1);
    }
  g_assert_cmpint (((CbCodeInfo *) counted->pdata[0])->n_codings_total, ==, 3);

  /* one code by its path: what the counted one says but the counts */
  code = cb_project_get_code_uncounted (project, "School / Vakken", &error);
  g_assert_no_error (error);
  with_counts = cb_project_get_code (project, "School / Vakken", &error);
  g_assert_no_error (error);
  g_assert_cmpint (code->id, ==, with_counts->id);
  g_assert_cmpstr (code->path, ==, "School / Vakken");
  g_assert_cmpstr (code->memo, ==, "wiskunde, taal");
  g_assert_cmpstr (code->color, ==, with_counts->color);
  g_assert_cmpint (code->n_codings, ==, -1);
  g_assert_cmpint (with_counts->n_codings, ==, 2);

  /* a path that is not there */
  g_assert_null (cb_project_get_code_uncounted (project, "School / Gym", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  remove_project (project, path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/counts/documents", test_documents);
  g_test_add_func ("/counts/codes", test_codes);
  return g_test_run ();
}
