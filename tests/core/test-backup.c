/* test-backup.c: backups beside a project, their rotation, restoring one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cb-backup.h"
#include "cb-core.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

#define INTERVIEW "I: Hoe begon het?\nR: \xc3\x89\xc3\xa9n keer per week kwamen we samen.\n"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("codeboom-backup-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "study \xc3\xa9t\xc3\xa9.codeboom", NULL);
  fixture->project = cb_project_create (fixture->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (fixture->project, "tester");
  g_assert_cmpint (cb_project_add_document (fixture->project, "interview", INTERVIEW, "interview.txt", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (fixture->project, "Red Tape / GPMI", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->project);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static guint
n_codings (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = cb_project_retrieve (project, "Red Tape", TRUE, &error);

  g_assert_no_error (error);
  return segments->len;
}

static gboolean
has_code (CbProject  *project,
          const char *path)
{
  g_autoptr(CbCodeInfo) code = cb_project_get_code (project, path, NULL);

  return code != NULL;
}

static void
assert_check_ok (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
on_changed (CbProject *project,
            guint      flags,
            guint     *emitted)
{
  *emitted |= flags;
}

static void
test_backup_rotates (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_free);

  backups = cb_project_list_backups (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  for (guint i = 0; i < CB_BACKUP_KEEP + 3; i++)
    {
      char *path = cb_project_backup (fixture->project, &error);

      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      g_assert_true (g_str_has_prefix (path, fixture->path));
      g_ptr_array_add (made, path);
    }

  backups = cb_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, CB_BACKUP_KEEP);
  for (guint i = 0; i < backups->len; i++)
    {
      CbBackupInfo *info = backups->pdata[i];
      g_autofree char *wal = g_strconcat (info->path, "-wal", NULL);

      /* newest first: the last made is listed first */
      g_assert_cmpstr (info->path, ==, made->pdata[made->len - 1 - i]);
      g_assert_cmpint (info->size, >, 0);
      g_assert_nonnull (info->created);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < made->len - CB_BACKUP_KEEP; i++)
    g_assert_false (g_file_test (made->pdata[i], G_FILE_TEST_EXISTS));

  /* Files that only look like backups are neither listed nor removed. */
  {
    g_autofree char *lookalike = g_strconcat (fixture->path, ".2024-not-a-stamp.backup", NULL);
    g_autoptr(GPtrArray) again = NULL;

    g_assert_true (g_file_set_contents (lookalike, "x", 1, NULL));
    g_free (cb_project_backup (fixture->project, &error));
    g_assert_no_error (error);
    again = cb_backup_list (fixture->path, &error);
    g_assert_cmpuint (again->len, ==, CB_BACKUP_KEEP);
    g_assert_true (g_file_test (lookalike, G_FILE_TEST_EXISTS));
  }
}

static guint
n_backups (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = cb_backup_list (fixture->path, &error);

  g_assert_no_error (error);
  return backups->len;
}

static gboolean
backup_if_changed (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_true (cb_project_backup_if_changed (fixture->project, &path, &error));
  g_assert_no_error (error);
  if (path != NULL)
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path != NULL;
}

/* Five opens in twenty minutes without a change make one backup, not
 * five; any change (a memo, a code, an undo) makes the next open back up. */
static void
test_backup_if_changed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (backup_if_changed (fixture));
  g_assert_cmpuint (n_backups (fixture), ==, 1);

  for (guint i = 0; i < 5; i++)
    {
      g_clear_object (&fixture->project);
      fixture->project = cb_project_open (fixture->path, &error);
      g_assert_no_error (error);
      g_assert_false (backup_if_changed (fixture));
    }
  g_assert_cmpuint (n_backups (fixture), ==, 1);

  g_assert_true (cb_project_set_memo (fixture->project, "Eerste ronde", &error));
  g_assert_no_error (error);
  g_assert_true (backup_if_changed (fixture));
  g_assert_false (backup_if_changed (fixture));

  g_assert_cmpint (cb_project_add_code (fixture->project, "Vertrouwen", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (backup_if_changed (fixture));

  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_true (backup_if_changed (fixture));
  g_assert_false (backup_if_changed (fixture));
  g_assert_cmpuint (n_backups (fixture), ==, 4);

  /* A newest backup that cannot be read does not count as the same. */
  {
    g_autoptr(GPtrArray) backups = cb_backup_list (fixture->path, &error);

    g_assert_true (g_file_set_contents (((CbBackupInfo *) backups->pdata[0])->path, "garbage", 7, NULL));
  }
  g_assert_true (backup_if_changed (fixture));
  g_assert_false (backup_if_changed (fixture));
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  char     *path;
  GError   *error;
} AsyncBackup;

static void
async_backup_done (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AsyncBackup *backup = user_data;

  backup->ok = cb_project_backup_if_changed_finish (CB_PROJECT (object), result, &backup->path, &backup->error);
  backup->done = TRUE;
}

static void
wait_for (AsyncBackup *backup)
{
  while (!backup->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (backup->error);
  g_assert_true (backup->ok);
}

/* The async variant decides as the other does, takes the state of the
 * moment it is called, and lets the project be written meanwhile: what is
 * written after the call is not in the backup. */
static void
test_backup_if_changed_async (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) copy = NULL;
  AsyncBackup first = { 0 }, second = { 0 }, third = { 0 };

  cb_project_backup_if_changed_async (fixture->project, NULL, async_backup_done, &first);
  /* written at once, while the worker copies */
  g_assert_cmpint (cb_project_add_code (fixture->project, "Na", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  wait_for (&first);
  g_assert_nonnull (first.path);
  g_assert_cmpuint (n_backups (fixture), ==, 1);

  copy = cb_project_open (first.path, &error);
  g_assert_no_error (error);
  g_assert_true (has_code (copy, "Red Tape / GPMI"));
  g_assert_false (has_code (copy, "Na"));
  g_clear_object (&copy);

  /* changed since ("Na"): one more; then unchanged: none */
  cb_project_backup_if_changed_async (fixture->project, NULL, async_backup_done, &second);
  wait_for (&second);
  g_assert_nonnull (second.path);
  cb_project_backup_if_changed_async (fixture->project, NULL, async_backup_done, &third);
  wait_for (&third);
  g_assert_null (third.path);
  g_assert_cmpuint (n_backups (fixture), ==, 2);
  g_free (first.path);
  g_free (second.path);
}

/* A project without a revision token (as a file migrated and not changed
 * since) is compared with its newest backup by content. */
static void
test_backup_if_changed_without_revision (Fixture       *fixture,
                                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_true (backup_if_changed (fixture));
  g_clear_object (&fixture->project);
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM project_setting WHERE key = 'cb.revision'", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);

  fixture->project = cb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  /* the same content as the backup (which has a token): no backup */
  g_assert_false (backup_if_changed (fixture));
  g_assert_cmpint (cb_project_add_code (fixture->project, "Vertrouwen", NULL, NULL, &error), >, 0);
  g_assert_true (backup_if_changed (fixture));
  g_assert_false (backup_if_changed (fixture));
}

static CbBackupInfo *
fake_info (GDateTime *created)
{
  CbBackupInfo *info = g_new0 (CbBackupInfo, 1);

  info->created = g_date_time_ref (created);
  info->name = g_date_time_format (created, "%Y%m%d-%H%M%S");
  return info;
}

/* The rotation keeps the newest CB_BACKUP_KEEP and the newest of each of
 * the last CB_BACKUP_DAYS days; nothing older. */
static void
test_backup_expired (void)
{
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (today),
                                                     g_date_time_get_month (today),
                                                     g_date_time_get_day_of_month (today),
                                                     12, 0, 0);
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_backup_info_free);
  g_autoptr(GPtrArray) expired = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  /* Newest first: eight this morning, then two a day for nine days. */
  for (int i = 1; i <= 8; i++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_minutes (noon, -i);

      g_ptr_array_add (backups, fake_info (t));
    }
  for (int day = 1; day <= 9; day++)
    for (int hour = 0; hour < 2; hour++)
      {
        g_autoptr(GDateTime) d = g_date_time_add_days (noon, -day);
        g_autoptr(GDateTime) t = g_date_time_add_hours (d, -hour);

        g_ptr_array_add (backups, fake_info (t));
      }

  expired = cb_backup_expired (backups, noon);
  for (guint i = 0; i < backups->len; i++)
    if (!g_ptr_array_find (expired, backups->pdata[i], NULL))
      g_ptr_array_add (kept, backups->pdata[i]);

  /* 5 of today, and the newest of days 1 to 6. */
  g_assert_cmpuint (kept->len, ==, CB_BACKUP_KEEP + CB_BACKUP_DAYS - 1);
  for (guint i = 0; i < CB_BACKUP_KEEP; i++)
    g_assert_true (kept->pdata[i] == backups->pdata[i]);
  for (int day = 1; day < CB_BACKUP_DAYS; day++)
    {
      CbBackupInfo *info = kept->pdata[CB_BACKUP_KEEP + day - 1];
      g_autoptr(GDateTime) d = g_date_time_add_days (noon, -day);

      g_assert_true (g_date_time_equal (info->created, d));
    }

  /* Few backups: all kept, however old. */
  g_ptr_array_set_size (backups, 0);
  for (int day = 0; day < 4; day++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_days (noon, -30 * day);

      g_ptr_array_add (backups, fake_info (t));
    }
  g_clear_pointer (&expired, g_ptr_array_unref);
  expired = cb_backup_expired (backups, noon);
  g_assert_cmpuint (expired->len, ==, 0);
}

/* The rotation on real files: old backups lying beside the project. */
static void
test_backup_rotates_by_day (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *newest = NULL;

  /* One a day for ten days, made some days ago (two hours apart, so that
   * local midnight never puts two on one day). */
  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) t = g_date_time_add_days (now, -day);
      g_autofree char *stamp = g_date_time_format (t, "%Y%m%d-%H%M%S");
      g_autofree char *path = g_strdup_printf ("%s.%s-000000%s", fixture->path, stamp, CB_BACKUP_SUFFIX);

      g_assert_true (g_file_set_contents (path, "old", 3, NULL));
    }
  g_assert_cmpuint (n_backups (fixture), ==, 10);

  newest = cb_project_backup (fixture->project, &error);
  g_assert_no_error (error);

  /* Today's, and those of the last six days: the last five plus one a
   * day for a week. */
  backups = cb_backup_list (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, CB_BACKUP_DAYS);
  g_assert_cmpstr (((CbBackupInfo *) backups->pdata[0])->path, ==, newest);
}

static void
test_restore (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *again = NULL;
  guint emitted = 0;

  g_assert_cmpint (cb_project_apply (fixture->project, "interview", "Red Tape / GPMI", 0, 5, NULL, &error), >, 0);
  g_assert_no_error (error);
  backup = cb_project_backup (fixture->project, &error);
  g_assert_no_error (error);

  g_assert_true (cb_project_delete_code (fixture->project, "Red Tape", &error));
  g_assert_no_error (error);
  g_assert_false (has_code (fixture->project, "Red Tape"));

  g_signal_connect (fixture->project, "changed", G_CALLBACK (on_changed), &emitted);
  g_assert_true (cb_project_restore_backup (fixture->project, backup, &previous, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (emitted, ==, CB_CHANGE_ALL);
  g_assert_cmpuint (n_codings (fixture->project), ==, 1);
  assert_check_ok (fixture->project);

  /* The replaced state was kept, and the undo history is the backup's. */
  g_assert_nonnull (previous);
  g_assert_true (g_file_test (previous, G_FILE_TEST_IS_REGULAR));
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_codings (fixture->project), ==, 0);

  /* Restoring the kept state undoes the restore. */
  g_assert_true (cb_project_restore_backup (fixture->project, previous, &again, &error));
  g_assert_no_error (error);
  g_assert_false (has_code (fixture->project, "Red Tape"));
  assert_check_ok (fixture->project);

  /* Work goes on as usual after a restore. */
  g_assert_cmpint (cb_project_add_code (fixture->project, "After", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  assert_check_ok (fixture->project);
}

static void
test_restore_refuses (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *garbage = g_build_filename (fixture->dir, "garbage.backup", NULL);
  g_autofree char *truncated = g_build_filename (fixture->dir, "truncated.backup", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_set_contents (garbage, "SQLite format 3\0 but then nothing", 34, NULL));
  g_assert_false (cb_project_restore_backup (fixture->project, garbage, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "garbage.backup"));
  g_clear_error (&error);

  backup = cb_project_backup (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (backup, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, NULL));
  g_assert_false (cb_project_restore_backup (fixture->project, truncated, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "truncated.backup"));
  g_clear_error (&error);

  g_assert_false (cb_project_restore_backup (fixture->project, fixture->path, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* Refusals make no backups and change nothing. */
  backups = cb_project_list_backups (fixture->project, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_true (has_code (fixture->project, "Red Tape / GPMI"));
  assert_check_ok (fixture->project);

  g_assert_null (cb_backup_resolve (fixture->path, "no-such.backup", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

static void
test_restore_damaged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) reopened = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *name = NULL;
  g_autofree char *resolved = NULL;

  backup = cb_project_backup (fixture->project, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->project);

  g_assert_true (g_file_set_contents (fixture->path, "SQLite format 3\0garbage", 23, NULL));
  g_assert_null (cb_project_open (fixture->path, &error));
  g_clear_error (&error);

  name = g_path_get_basename (backup);
  resolved = cb_backup_resolve (fixture->path, name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (resolved, ==, backup);

  g_assert_true (cb_backup_restore (fixture->path, resolved, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));

  reopened = cb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (has_code (reopened, "Red Tape / GPMI"));
  assert_check_ok (reopened);
  fixture->project = g_steal_pointer (&reopened);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/rotates", test_backup_rotates);
  ADD ("/backup/rotates-by-day", test_backup_rotates_by_day);
  ADD ("/backup/if-changed", test_backup_if_changed);
  ADD ("/backup/if-changed-async", test_backup_if_changed_async);
  ADD ("/backup/if-changed-without-revision", test_backup_if_changed_without_revision);
  g_test_add_func ("/backup/expired", test_backup_expired);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-refuses", test_restore_refuses);
  ADD ("/backup/restore-damaged", test_restore_damaged);
#undef ADD

  return g_test_run ();
}
