/* cb-window-backups.c: the automatic backup, and listing and restoring
 *
 * When the window opens a project it keeps one copy of it beside the file
 * (cb-backup.h) before anything is written, so that whatever this session
 * does can be taken back; only when the project changed since its newest
 * backup, so that opening it again and again does not push older states
 * out of the rotation (the last CB_BACKUP_KEEP plus one a day for
 * CB_BACKUP_DAYS days).  A backup that fails is reported, never fatal: the
 * project still opens.
 *
 * Backups… in the main menu lists them; restoring one asks first, then
 * replaces the project's content in one transaction (after backing up the
 * current state, so a restore can itself be undone by restoring).  The
 * project's ::changed (CB_CHANGE_ALL) then refreshes the whole window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-backup.h"
#include "cb-window-private.h"

static void
backup_on_open_done (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CbWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->backups_running--;
  if (!cb_project_backup_if_changed_finish (CB_PROJECT (object), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("No backup was made: %s"), error->message);

      g_message ("%s", message);
      _cb_window_show_toast (self, message);
    }
}

/* The state the project is opened in is taken at once (a read snapshot);
 * comparing it with the newest backup and copying it happen in a worker
 * thread, so that a big project's window does not wait for its copy and
 * coding may begin while the copy is written. */
void
_cb_window_backup_on_open (CbWindow  *self,
                           CbProject *project)
{
  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (CB_IS_PROJECT (project));

  self->backups_running++;
  cb_project_backup_if_changed_async (project, NULL, backup_on_open_done, g_object_ref (self));
}

gboolean
_cb_window_restore_backup (CbWindow    *self,
                           const char  *backup_path,
                           GError     **error)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (self->project == NULL || self->job_exclusive)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("Wait for the running task to finish"));
      return FALSE;
    }

  /* A memo being typed belongs to the state that is backed up first. */
  _cb_window_flush_memo (self);
  if (!cb_project_restore_backup (self->project, backup_path, NULL, error))
    return FALSE;

  /* The core emits ::changed with CB_CHANGE_ALL: the window re-reads
   * everything before the next frame. */
  _cb_window_show_toast (self, _("Backup restored"));
  return TRUE;
}

static void
on_restore_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CbWindow         *self)
{
  const char *backup_path = g_object_get_data (G_OBJECT (dialog), "backup-path");
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "restore"))
    return;
  if (!_cb_window_restore_backup (self, backup_path, &error))
    cb_window_show_error (self, error);
}

static void
confirm_restore (CbWindow   *self,
                 const char *backup_path,
                 GDateTime  *created)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (created);
  g_autofree char *when = g_date_time_format (local != NULL ? local : created, "%x %X");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Restore Backup?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("The project will be put back as it was on %s. "
                                    "Its current state is backed up first."),
                                  when);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (backup_path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restore_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_clicked (GtkButton *button,
                    CbWindow  *self)
{
  CbBackupInfo *info = g_object_get_data (G_OBJECT (button), "backup-info");
  GtkWidget *list_dialog = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_MESSAGE_DIALOG);
  /* The infos belong to the list dialog, which goes now: the confirmation
   * takes its place. */
  g_autofree char *path = g_strdup (info->path);
  g_autoptr(GDateTime) created = g_date_time_ref (info->created);

  if (list_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (list_dialog));
  confirm_restore (self, path, created);
}

static GtkWidget *
create_backup_row (CbWindow     *self,
                   CbBackupInfo *info)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (info->created);
  g_autofree char *when = g_date_time_format (local != NULL ? local : info->created, "%x %X");
  g_autofree char *size = g_format_size (info->size);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size);
  gtk_widget_set_tooltip_text (row, info->name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "backup-info", info);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_clicked), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

void
_cb_window_show_backups (CbWindow *self)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;
  GtkWidget *box;
  GtkWidget *note;

  g_return_if_fail (CB_IS_WINDOW (self));

  if (self->project == NULL)
    return;
  if (!(backups = cb_project_list_backups (self->project, &error)))
    {
      cb_window_show_error (self, error);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Backups"), NULL));
  adw_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  adw_message_dialog_set_close_response (dialog, "close");

  if (backups->len == 0)
    {
      adw_message_dialog_set_body (dialog, _("This project has no backups yet."));
    }
  else
    {
      adw_message_dialog_format_body (dialog,
                                      ngettext ("%u backup, kept beside the project file:",
                                                "%u backups, newest first, kept beside the project file:",
                                                backups->len),
                                      backups->len);
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < backups->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list), create_backup_row (self, g_ptr_array_index (backups, i)));
      scrolled = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      gtk_box_append (GTK_BOX (box), scrolled);
      /* Why there are not more, and when the next one comes. */
      note = gtk_label_new (_("A backup is made when the project is opened after a change. "
                              "The last five are kept, and one a day for a week."));
      gtk_label_set_wrap (GTK_LABEL (note), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (note), 40);
      gtk_label_set_justify (GTK_LABEL (note), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (note, "dim-label");
      gtk_widget_add_css_class (note, "caption");
      gtk_box_append (GTK_BOX (box), note);
      adw_message_dialog_set_extra_child (dialog, box);
      /* The rows point into the list: it lives as long as the dialog. */
      g_object_set_data_full (G_OBJECT (dialog), "backups", g_steal_pointer (&backups),
                              (GDestroyNotify) g_ptr_array_unref);
    }

  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
