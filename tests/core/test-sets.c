/* test-sets.c: document sets (issue 21)
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
  g_autofree char *dir = g_dir_make_tmp ("codeboom-sets-XXXXXX", NULL);
  CbProject *project;

  *path = g_build_filename (dir, "sets.codeboom", NULL);
  project = cb_project_create (*path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "Anna", "Anna vertelt 😀 over school.\n", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_document (project, "Bram", "Bram zwijgt.\n", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_document (project, "Cas", "Cas lacht.\n", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return project;
}

/* "name:doc,doc;name:…" of every set, in order */
static char *
describe (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sets = cb_project_list_sets (project, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < sets->len; i++)
    {
      CbDocumentSetInfo *info = sets->pdata[i];

      g_string_append_printf (out, "%s%s:", i > 0 ? ";" : "", info->name);
      for (guint j = 0; j < info->documents->len; j++)
        g_string_append_printf (out, "%s%s", j > 0 ? "," : "", (char *) info->documents->pdata[j]);
    }
  return g_string_free (out, FALSE);
}

static void
assert_sets (CbProject  *project,
             const char *expected)
{
  g_autofree char *got = describe (project);

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_no_problems (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_operations (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GPtrArray) of_anna = NULL;
  const char *ab[] = { "Anna", "Bram", NULL };
  const char *c[] = { "Cas", NULL };
  const char *anna[] = { "Anna", NULL };
  const char *nobody[] = { "Anna", "Niemand", NULL };

  assert_sets (project, "");
  g_assert_true (cb_project_add_set (project, "  Groep A ", &error));
  g_assert_no_error (error);
  g_assert_true (cb_project_add_set (project, "Stad", &error));
  assert_sets (project, "Groep A:;Stad:");

  /* names: unique, non-empty, no controls */
  g_assert_false (cb_project_add_set (project, "Stad", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cb_project_add_set (project, "  ", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_add_set (project, "a\x07" "b", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (cb_project_assign_set (project, "Groep A", ab, &error));
  g_assert_true (cb_project_assign_set (project, "Stad", anna, &error));
  g_assert_true (cb_project_assign_set (project, "Stad", c, &error));
  g_assert_no_error (error);
  /* a document in several sets; assigning again changes nothing */
  g_assert_true (cb_project_assign_set (project, "Groep A", anna, &error));
  assert_sets (project, "Groep A:Anna,Bram;Stad:Anna,Cas");

  /* an unknown document refuses the whole change */
  g_assert_false (cb_project_unassign_set (project, "Groep A", nobody, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  assert_sets (project, "Groep A:Anna,Bram;Stad:Anna,Cas");
  g_assert_false (cb_project_assign_set (project, "Geen", anna, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  members = cb_project_list_set_members (project, "Stad", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (members->len, ==, 2);
  g_assert_cmpstr (members->pdata[1], ==, "Cas");
  of_anna = cb_project_list_document_sets (project, "Anna", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (of_anna->len, ==, 2);
  g_assert_cmpstr (of_anna->pdata[0], ==, "Groep A");

  g_assert_true (cb_project_rename_set (project, "Stad", "Platteland", &error));
  g_assert_no_error (error);
  g_assert_false (cb_project_rename_set (project, "Platteland", "Groep A", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (cb_project_unassign_set (project, "Groep A", anna, &error));
  assert_sets (project, "Groep A:Bram;Platteland:Anna,Cas");

  /* a deleted document leaves its sets */
  g_assert_true (cb_project_delete_document (project, "Cas", &error));
  g_assert_no_error (error);
  assert_sets (project, "Groep A:Bram;Platteland:Anna");

  g_assert_true (cb_project_delete_set (project, "Groep A", &error));
  g_assert_no_error (error);
  assert_sets (project, "Platteland:Anna");
  {
    g_autoptr(GPtrArray) documents = cb_project_list_documents (project, &error);

    g_assert_cmpuint (documents->len, ==, 2);
  }
  assert_no_problems (project);
}

/* Every change is one undo step, and undo gives back exactly the state before. */
static void
test_undo (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = new_project (&path);
  g_autoptr(GError) error = NULL;
  const char *ab[] = { "Anna", "Bram", NULL };
  const char *anna[] = { "Anna", NULL };
  const char *states[7];
  char *s[7] = { NULL };   /* freed at the end: g_autofree frees only s[0] */
  guint n = 0;

  s[n++] = describe (project);
  g_assert_true (cb_project_add_set (project, "Groep", &error));
  s[n++] = describe (project);
  g_assert_true (cb_project_assign_set (project, "Groep", ab, &error));
  s[n++] = describe (project);
  /* nothing new: no step */
  g_assert_true (cb_project_assign_set (project, "Groep", anna, &error));
  g_assert_true (cb_project_unassign_set (project, "Groep", anna, &error));
  s[n++] = describe (project);
  g_assert_true (cb_project_rename_set (project, "Groep", "Klas", &error));
  s[n++] = describe (project);
  g_assert_true (cb_project_delete_set (project, "Klas", &error));
  s[n++] = describe (project);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    states[i] = s[i];
  g_assert_cmpstr (states[n - 1], ==, "");

  for (guint i = n - 1; i > 0; i--)
    {
      g_autofree char *label = cb_project_undo (project, &error);
      g_autofree char *now = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (label);
      now = describe (project);
      g_assert_cmpstr (now, ==, states[i - 1]);
    }
  assert_no_problems (project);

  /* and the file keeps what the project said */
  g_clear_object (&project);
  project = cb_project_open (path, &error);
  g_assert_no_error (error);
  assert_sets (project, "");
  for (guint i = 0; i < n; i++)
    g_free (s[i]);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sets/operations", test_operations);
  g_test_add_func ("/sets/undo", test_undo);
  return g_test_run ();
}
