/* test-schema.c: opening project files, refusing others, migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cb-core.h"

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("codeboom-schema-XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static int
pragma_int (const char *path,
            const char *pragma)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA %s", pragma);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
test_new_project_pragmas (void)
{
  g_autofree char *path = temp_path ("new.codeboom");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(CbProject) again = NULL;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (cb_project_get_schema_version (project), ==, CB_PROJECT_SCHEMA_VERSION);
  name = cb_project_dup_name (project);
  g_assert_cmpstr (name, ==, "new");
  g_clear_object (&project);

  g_assert_cmpint (pragma_int (path, "application_id"), ==, CB_PROJECT_APPLICATION_ID);
  g_assert_cmpint (pragma_int (path, "user_version"), ==, CB_PROJECT_SCHEMA_VERSION);

  /* creating over an existing file is refused and leaves it alone */
  again = cb_project_create (path, &error);
  g_assert_null (again);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_assert_cmpint (pragma_int (path, "application_id"), ==, CB_PROJECT_APPLICATION_ID);
}

static void
test_refuses_other_files (void)
{
  g_autofree char *other_db = temp_path ("other.sqlite");
  g_autofree char *text = temp_path ("notes.codeboom");
  g_autofree char *missing = temp_path ("missing.codeboom");
  g_autofree char *future = temp_path ("future.codeboom");
  g_autoptr(GError) error = NULL;
  CbProject *project;

  exec_sql (other_db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  project = cb_project_open (other_db, &error);
  g_assert_null (project);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT);
  g_assert_nonnull (strstr (error->message, "other.sqlite"));
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (text, "just some text, not a database\n", -1, NULL));
  project = cb_project_open (text, &error);
  g_assert_null (project);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);

  project = cb_project_open (missing, &error);
  g_assert_null (project);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  project = cb_project_create (future, &error);
  g_assert_no_error (error);
  g_object_unref (project);
  exec_sql (future, "PRAGMA user_version = 99");
  project = cb_project_open (future, &error);
  g_assert_null (project);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_TOO_NEW);
  g_assert_cmpint (pragma_int (future, "user_version"), ==, 99);
}

static void
test_migrates_from_version_0 (void)
{
  g_autofree char *path = temp_path ("v0.codeboom");
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA application_id = %d;", CB_PROJECT_APPLICATION_ID);

  /* a file with our id and no schema yet: every migration runs, in order */
  exec_sql (path, sql);
  project = cb_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_get_schema_version (project), ==, CB_PROJECT_SCHEMA_VERSION);
  documents = cb_project_list_documents (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);
}

static void
test_opens_version_1_fixture (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "projects", "v1.codeboom", NULL);
  g_autofree char *path = temp_path ("v1.codeboom");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gsize length;

  /* a project written by version 1 stays readable by every later version */
  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  project = cb_project_open (path, &error);
  g_assert_no_error (error);
  segments = cb_project_retrieve (project, "Red Tape", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);
  problems = cb_project_check (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/new-project-pragmas", test_new_project_pragmas);
  g_test_add_func ("/schema/refuses-other-files", test_refuses_other_files);
  g_test_add_func ("/schema/migrate/v0-to-current", test_migrates_from_version_0);
  g_test_add_func ("/schema/open/v1-fixture", test_opens_version_1_fixture);

  return g_test_run ();
}
