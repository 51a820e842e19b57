/* test-reliability.c: changes made by another process, automatic backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sqlite3.h>

#include "cb-backup.h"
#include "cb-vfs.h"
#include "ui-test-util.h"

/* The backups beside the project, once the window's backup on open (made
 * in a worker thread) is written. */
static guint
count_backups (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (fixture->window->backups_running > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (fixture->window->backups_running, ==, 0);
  backups = cb_backup_list (fixture->path, &error);

  g_assert_no_error (error);
  return backups->len;
}

/* TRUE when the code tree has a row for @path (top level), without
 * touching the selection. */
static gboolean
code_shown (UiFixture  *fixture,
            const char *path)
{
  GListModel *rows = cb_code_tree_get_rows (cb_window_get_code_tree (fixture->window));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(GObject) item = gtk_tree_list_row_get_item (row);

      if (g_str_equal (cb_code_item_get_path (CB_CODE_ITEM (item)), path))
        return TRUE;
    }
  return FALSE;
}

/* Iterates the main loop until @path is shown in the code tree (at most
 * 10 s, well beyond the one-second poll). */
static gboolean
wait_for_code_shown (UiFixture  *fixture,
                     const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!code_shown (fixture, path))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

/* A second connection (as another process would) adds a code: the window
 * notices through the data version and shows it; its own changes do not
 * count as changes made elsewhere. */
static void
test_changed_elsewhere (UiFixture     *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) other = NULL;
  g_autofree char *selected = NULL;
  guint64 version;

  ui_add_code (fixture, "Hier");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Hier"));
  version = cb_project_get_data_version (fixture->project);
  g_assert_false (_cb_window_check_data_version (fixture->window));

  other = cb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (other, "Elders", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_project_get_data_version (fixture->project), !=, version);
  g_assert_false (code_shown (fixture, "Elders"));

  /* The window is not always active under Xvfb without a window manager:
   * becoming active is what makes it look (as the poll does each second). */
  g_test_message ("window active: %d", gtk_window_is_active (GTK_WINDOW (fixture->window)));
  if (!gtk_window_is_active (GTK_WINDOW (fixture->window)))
    g_assert_true (_cb_window_check_data_version (fixture->window));
  g_assert_true (wait_for_code_shown (fixture, "Elders"));
  /* The earlier code is still there, and still selected. */
  g_assert_true (code_shown (fixture, "Hier"));
  selected = cb_code_tree_dup_selected_path (cb_window_get_code_tree (fixture->window));
  g_assert_cmpstr (selected, ==, "Hier");
  ui_assert_no_dialog (fixture);
}

/* The first button under @widget (the first backup's Restore). */
static GtkWidget *
find_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = find_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

/* Opening a project in the window makes exactly one backup beside it;
 * restoring it brings the state of that moment back, in the window too. */
static void
test_backup_and_restore (UiFixture     *fixture,
                         gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  GtkWidget *restore_button;

  ui_add_code (fixture, "Voor");
  /* Creating a project makes none: there is nothing to keep yet. */
  g_assert_cmpuint (count_backups (fixture), ==, 0);

  cb_window_close_project (fixture->window);
  ui_pump ();
  g_assert_true (cb_window_open_project (fixture->window, file, &error));
  g_assert_no_error (error);
  fixture->project = cb_window_get_project (fixture->window);
  ui_pump ();
  g_assert_cmpuint (count_backups (fixture), ==, 1);

  ui_add_code (fixture, "Na");
  g_assert_cmpuint (count_backups (fixture), ==, 1);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Na"));

  backups = cb_project_list_backups (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 1);

  /* The menu item lists it; its Restore button asks first. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.backups", NULL);
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  restore_button = find_button (adw_message_dialog_get_extra_child (fixture->window->dialog));
  g_assert_nonnull (restore_button);
  g_signal_emit_by_name (restore_button, "clicked");
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==, "Restore Backup?");
  /* Nothing happens before the answer. */
  g_assert_true (ui_code_exists (fixture, "Na"));
  adw_message_dialog_response (fixture->window->dialog, "restore");
  /* A click closes the dialog after the response; here, the test does. */
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_pump ();

  g_assert_true (ui_code_exists (fixture, "Voor"));
  g_assert_false (ui_code_exists (fixture, "Na"));
  g_assert_true (code_shown (fixture, "Voor"));
  g_assert_false (code_shown (fixture, "Na"));
  /* The state before the restore was backed up first. */
  g_assert_cmpuint (count_backups (fixture), ==, 2);
  ui_assert_no_dialog (fixture);
}

/* Opening a project again and again without changing it makes one backup,
 * not one an open (they would push the older states out); opening it
 * after a change makes one more, and the rotation keeps the last
 * CB_BACKUP_KEEP of the day. */
static void
test_backup_rotation (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i <= 5; i++)
    {
      g_assert_true (cb_window_open_project (fixture->window, file, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_backups (fixture), ==, 1);
    }

  for (guint i = 2; i <= CB_BACKUP_KEEP + 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("Code %u", i);

      fixture->project = cb_window_get_project (fixture->window);
      ui_add_code (fixture, name);
      g_assert_true (cb_window_open_project (fixture->window, file, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (count_backups (fixture), ==, MIN (i, CB_BACKUP_KEEP));
    }
  fixture->project = cb_window_get_project (fixture->window);
  ui_pump ();
  ui_assert_no_dialog (fixture);
}

/* Appends @line to the file of acknowledged changes, durably: the process
 * is killed right after. */
static void
acknowledge (const char *ack_path,
             const char *line)
{
  int fd = open (ack_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  g_autofree char *text = g_strconcat (line, "\n", NULL);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
}

static char *
run_cli (const char *command,
         const char *path,
         int        *status)
{
  const char *cli = g_getenv ("CODEBOOM_CLI");
  const char *argv[] = { cli, command, path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_assert_nonnull (cli);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, status, &error));
  g_assert_no_error (error);
  return out;
}

/* The child of /ui/reliability/foreign-close: the app, with a project
 * open, sees its file opened and closed by GIO (a file dialog sniffing the
 * content type) and by plain open()/close(); the CLI lists the documents
 * beside it; the app adds codes, acknowledging each, and is killed. */
static void
foreign_close_child (void)
{
  const char *dir = g_getenv ("CB_TEST_FOREIGN_CLOSE_DIR");
  g_autofree char *path = g_build_filename (dir, "test.codeboom", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *ack_path = g_build_filename (dir, "acknowledged", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  CbWindow *window;
  CbProject *project;
  int status;
  int fd;

  window = cb_window_new (NULL);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cb_window_create_project (window, file, &error));
  g_assert_no_error (error);
  project = cb_window_get_project (window);
  ui_pump ();

  g_assert_cmpint (cb_project_add_code (project, "Before", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  acknowledge (ack_path, "Before");
  /* the app's locks now live on a descriptor of their own */
  g_assert_cmpuint (cb_vfs_get_n_lock_fds (), >, 0);

  /* what a file dialog does to the files it lists */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("content type: %s", g_file_info_get_content_type (info));
  fd = open (path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  out = run_cli ("docs", path, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The CLI must not have believed it was the last connection. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("After %u", i);

      g_assert_cmpint (cb_project_add_code (project, name, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
      acknowledge (ack_path, name);
      if (i == 2)
        {
          g_free (out);
          out = run_cli ("codes", path, &status);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          g_assert_nonnull (strstr (out, "After 2"));
        }
    }
  acknowledge (ack_path, "-- killed");
  kill (getpid (), SIGKILL);
}

/* Issue 13: closing any descriptor of a file drops all of a process's
 * POSIX locks on it; the CLI beside the app then deleted the app's -wal and
 * the app's later changes were lost at the next crash. */
static void
test_foreign_close (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ack_path = NULL;
  g_autofree char *acknowledged = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  int status;
  guint n_changes = 0;

  if (g_test_subprocess ())
    {
      foreign_close_child ();
      g_assert_not_reached ();
    }

  dir = g_dir_make_tmp ("codeboom-ui-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "test.codeboom", NULL);
  ack_path = g_build_filename (dir, "acknowledged", NULL);
  g_setenv ("CB_TEST_FOREIGN_CLOSE_DIR", dir, TRUE);

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  g_assert_true (g_file_get_contents (ack_path, &acknowledged, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (acknowledged, "\n", -1);
  /* the child got as far as the kill: it checked the -wal after the CLI */
  g_assert_true (g_strv_contains ((const char * const *) lines, "-- killed"));

  out = run_cli ("check", path, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "ok"));

  project = cb_project_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(CbCodeInfo) info = NULL;

      if (lines[i][0] == '\0' || g_str_has_prefix (lines[i], "--"))
        continue;
      info = cb_project_get_code (project, lines[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (info);
      n_changes++;
    }
  g_assert_cmpuint (n_changes, ==, 6);
  /* the private lock descriptors go with the last connection's locks */
  g_assert_cmpuint (cb_vfs_get_n_lock_fds (), >, 0);
  g_clear_object (&project);
  g_assert_cmpuint (cb_vfs_get_n_lock_fds (), ==, 0);

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

/* A project file with a trigger that is not ours is refused, never opened
 * as it is; the dialog that says so repairs a copy beside it with one
 * click and opens that, leaving the original as it was. */
static void
test_repair_a_copy (UiFixture     *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "hostile.codeboom", NULL);
  g_autofree char *repaired = g_build_filename (fixture->dir, "hostile-repaired.codeboom", NULL);
  g_autofree char *repaired_2 = g_build_filename (fixture->dir, "hostile-repaired-2.codeboom", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autoptr(CbDocumentInfo) document = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  CbWindow *window;
  sqlite3 *db = NULL;
  gsize n_before = 0, n_after = 0;

  {
    g_autoptr(CbProject) project = cb_project_create (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (cb_project_add_document (project, "Interview 1", "Hoe begon het? Met een caf\xc3\xa9 \xf0\x9f\x98\x80.\n",
                                              "i1.txt", NULL, &error), >, 0);
    g_assert_no_error (error);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER evil AFTER INSERT ON coding BEGIN SELECT 1; END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_get_contents (path, &before, &n_before, NULL));

  window = cb_window_new (NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (cb_window_open_project (window, file, &open_error));
  g_assert_error (open_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FOREIGN_OBJECTS);
  cb_window_show_open_error (window, file, open_error);
  ui_pump ();
  g_assert_nonnull (window->dialog);
  g_assert_true (adw_message_dialog_has_response (window->dialog, "repair"));
  adw_message_dialog_response (window->dialog, "repair");
  ui_pump ();
  g_assert_nonnull (cb_window_get_project (window));
  g_assert_cmpstr (cb_project_get_path (cb_window_get_project (window)), ==, repaired);
  document = cb_project_get_document (cb_window_get_project (window), "Interview 1", &error);
  g_assert_no_error (error);
  /* the original is left as it was */
  g_assert_true (g_file_get_contents (path, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);

  /* a second repair never overwrites the first copy; it opens in a window
   * of its own, as this one has a project */
  cb_window_show_open_error (window, file, open_error);
  adw_message_dialog_response (window->dialog, "repair");
  ui_pump ();
  g_assert_true (g_file_test (repaired_2, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (toplevels, i);

      if (CB_IS_WINDOW (other) && other != G_OBJECT (window) && other != G_OBJECT (fixture->window))
        {
          g_assert_cmpstr (cb_project_get_path (cb_window_get_project (CB_WINDOW (other))), ==, repaired_2);
          gtk_window_destroy (GTK_WINDOW (other));
          break;
        }
    }

  /* other errors get no repair */
  g_clear_error (&error);
  g_set_error_literal (&error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT, "not a project");
  cb_window_show_open_error (fixture->window, file, error);
  g_assert_false (adw_message_dialog_has_response (fixture->window->dialog, "repair"));
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_pump ();
}

/* Check Project: the CLI's check in a job; a sound project says so in a
 * toast (no dialog), a damaged one lists its problems in a dialog that
 * leads to the backups. */
static void
test_check_project (UiFixture     *fixture,
                    gconstpointer  data)
{
  sqlite3 *db = NULL;

  ui_import (fixture, "interview-ma07.txt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.check-project", NULL));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);

  /* what a sound project never has: a coding past its document's end,
   * written by another program */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE document SET n_chars = n_chars + 7", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.check-project", NULL));
  ui_wait_job (fixture);
  g_assert_nonnull (fixture->window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==, "Problems Found");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "• "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "interview-ma07"));
  g_assert_true (adw_message_dialog_has_response (fixture->window->dialog, "backups"));
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_pump ();
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/reliability/changed-elsewhere", test_changed_elsewhere);
  UI_TEST ("/ui/reliability/backup-and-restore", test_backup_and_restore);
  UI_TEST ("/ui/reliability/backup-rotation", test_backup_rotation);
  UI_TEST ("/ui/reliability/repair-a-copy", test_repair_a_copy);
  UI_TEST ("/ui/reliability/check-project", test_check_project);
  g_test_add_func ("/ui/reliability/foreign-close", test_foreign_close);

  return g_test_run ();
}
