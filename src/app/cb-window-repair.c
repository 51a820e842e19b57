/* cb-window-repair.c: a project that cannot be opened, said in a dialog;
 * one refused for foreign schema objects offers "Repair a Copy"
 *
 * Every way of opening a project (the file chooser, the recent list, a
 * dropped file, the command line) ends here when it fails, so the user
 * reads the same dialog.  A project file is untrusted: one that holds
 * triggers, views or tables that are not Codeboom's is refused, never
 * opened as it is; `codeboom-cli repair` (cb_project_repair()) writes a copy
 * without them, and the dialog does the same with one click, beside the
 * original (which stays as it is), then opens the copy.  Check Project
 * (win.check-project) is `codeboom-cli check` in a job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-application.h"
#include "cb-window-private.h"

/* "study.codeboom" → "study-repaired.codeboom", or "-repaired-2" and on
 * when that exists: a repair never overwrites a file. */
static char *
free_repaired_path (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, CB_PROJECT_FILE_EXTENSION)
                            ? g_strndup (path, strlen (path) - strlen (CB_PROJECT_FILE_EXTENSION))
                            : g_strdup (path);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *candidate = n == 1
        ? g_strconcat (stem, "-repaired" CB_PROJECT_FILE_EXTENSION, NULL)
        : g_strdup_printf ("%s-repaired-%u" CB_PROJECT_FILE_EXTENSION, stem, n);

      if (!g_file_test (candidate, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

gboolean
_cb_window_repair_project (CbWindow  *self,
                           GFile     *file,
                           GFile    **repaired,
                           GError   **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *copy = NULL;
  g_autoptr(GFile) copy_file = NULL;
  g_autofree char *message = NULL;
  CbWindow *target = self;
  guint n_dropped = 0;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (path == NULL || !(copy = free_repaired_path (path)))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot repair “%s”: no free name for the copy beside it"), g_file_peek_path (file));
      return FALSE;
    }
  if (!cb_project_repair (path, copy, &n_dropped, error))
    return FALSE;

  copy_file = g_file_new_for_path (copy);
  /* one project a window */
  if (self->project != NULL)
    target = cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
  if (!cb_window_open_project (target, copy_file, error))
    {
      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      return FALSE;
    }
  gtk_window_present (GTK_WINDOW (target));
  {
    g_autofree char *base = g_file_get_basename (copy_file);

    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Opened the repaired copy “%s”: %u foreign object left out",
                                            "Opened the repaired copy “%s”: %u foreign objects left out",
                                            n_dropped),
                               base, n_dropped);
  }
  _cb_window_show_toast (target, message);
  if (repaired != NULL)
    *repaired = g_steal_pointer (&copy_file);
  return TRUE;
}

static void
on_open_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        CbWindow         *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "cb-file");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "repair") != 0 || file == NULL)
    return;
  if (!_cb_window_repair_project (self, file, NULL, &error))
    cb_window_show_error (self, error);
}

void
cb_window_show_open_error (CbWindow     *self,
                           GFile        *file,
                           const GError *error)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_message ("%s", error->message);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Cannot Open the Project"),
                                                       error->message));
  if (file != NULL && g_error_matches (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FOREIGN_OBJECTS))
    {
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      adw_message_dialog_add_response (dialog, "repair", _("_Repair a Copy"));
      adw_message_dialog_set_response_appearance (dialog, "repair", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "repair");
      g_object_set_data_full (G_OBJECT (dialog), "cb-file", g_object_ref (file), g_object_unref);
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_error_response), self, 0);
    }
  else
    adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Check Project ---------------------------------------------------- */

typedef struct
{
  GPtrArray *problems;    /* (element-type utf8) from the job */
} CheckJob;

static void
check_job_free (gpointer data)
{
  CheckJob *job = data;

  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

static gboolean
run_check (CbProject     *project,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CheckJob *job = data;

  job->problems = cb_project_check_full (project, CB_CHECK_FULL, error);
  return job->problems != NULL;
}

/* The dialog with what the check found; at most this many problems are
 * listed, then how many more. */
#define MAX_PROBLEMS_SHOWN 20

static void
on_problems_backups (AdwMessageDialog *dialog,
                     const char       *response,
                     CbWindow         *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.backups", NULL);
}

static void
checked (CbWindow     *self,
         gpointer      data,
         const GError *error)
{
  CheckJob *job = data;
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;

  if (error != NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  if (job->problems->len == 0)
    {
      _cb_window_show_toast (self, _("The project is sound: no problems found"));
      return;
    }
  g_string_append (body, _("Codeboom’s check found what a sound project never has. Restore a backup from "
                           "Backups…, or keep working on a copy and compare."));
  g_string_append_c (body, '\n');
  for (guint i = 0; i < job->problems->len && i < MAX_PROBLEMS_SHOWN; i++)
    g_string_append_printf (body, "\n• %s", (const char *) job->problems->pdata[i]);
  if (job->problems->len > MAX_PROBLEMS_SHOWN)
    {
      g_string_append (body, "\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more problem", "and %u more problems",
                                                 job->problems->len - MAX_PROBLEMS_SHOWN),
                              job->problems->len - MAX_PROBLEMS_SHOWN);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Problems Found"), body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_add_response (dialog, "backups", _("_Backups…"));
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response::backups", G_CALLBACK (on_problems_backups), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_cb_window_check_project (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    return FALSE;
  return _cb_window_run_job (self, _("Checking the project…"), 0, run_check, checked,
                             g_new0 (CheckJob, 1), check_job_free);
}

static void
check_project_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);

  if (!_cb_window_check_project (self))
    _cb_window_show_toast (self, _("Wait for the running task to finish"));
}

void
_cb_window_repair_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.check-project", NULL, check_project_action);
}
