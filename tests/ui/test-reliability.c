/* test-reliability.c: changes made by another process, automatic backups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-backup.h"
#include "ui-test-util.h"

static guint
count_backups (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = cb_backup_list (fixture->path, &error);

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

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/reliability/changed-elsewhere", test_changed_elsewhere);
  UI_TEST ("/ui/reliability/backup-and-restore", test_backup_and_restore);
  UI_TEST ("/ui/reliability/backup-rotation", test_backup_rotation);

  return g_test_run ();
}
