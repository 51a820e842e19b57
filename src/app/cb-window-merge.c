/* cb-window-merge.c: Merge Project… and Copy for a Second Coder…
 *
 * Merging first runs the merge as a dry run in a job (the other file is
 * read and checked in the worker, the project is rolled back), shows its
 * summary in a CbMergeDialog, and only on Merge runs it for real: one job,
 * one transaction, one undo step.  A copy for a second coder asks what the
 * copy keeps (everything, no codings, one coder's codings), then where.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-merge-dialog.h"
#include "cb-window-private.h"

typedef struct
{
  char          *path;
  char          *name;      /* for titles and messages */
  gboolean       dry_run;
  CbMergeReport *report;    /* the job's result */
} MergeJob;

static void
merge_job_free (gpointer data)
{
  MergeJob *job = data;

  g_free (job->path);
  g_free (job->name);
  g_clear_pointer (&job->report, cb_merge_report_free);
  g_free (job);
}

static MergeJob *
merge_job_new (const char *path,
               gboolean    dry_run)
{
  MergeJob *job = g_new0 (MergeJob, 1);

  job->path = g_strdup (path);
  job->name = g_filename_display_basename (path);
  job->dry_run = dry_run;
  return job;
}

static void
show_error (CbWindow   *self,
            const char *heading,
            const char *message)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, message));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* In the worker thread. */
static gboolean
run_merge (CbProject     *project,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  MergeJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return cb_project_merge (project, job->path, CB_MERGE_PREFER_OURS, job->dry_run, &job->report, error);
}

static void
merged (CbWindow     *self,
        gpointer      data,
        const GError *error)
{
  MergeJob *job = data;
  g_autofree char *added = NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      show_error (self, _("Merge Failed"), error->message);
      return;
    }
  added = cb_merge_report_format_line (job->report, CB_MERGE_LINE_ADDED);
  /* Translators: a toast after a merge; the second %s is "added: 2 documents, …" */
  message = g_strdup_printf (_("Merged “%s” (%s)"), job->name, added);
  _cb_window_show_toast (self, message);
}

static void
on_merge_confirmed (CbMergeDialog *dialog,
                    CbWindow      *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-merge-path");
  MergeJob *job = merge_job_new (path, FALSE);
  g_autofree char *progress = g_strdup_printf (_("Merging “%s”…"), job->name);

  _cb_window_run_job (self, progress, CB_CHANGE_ALL, run_merge, merged, job, merge_job_free);
}

static void
previewed (CbWindow     *self,
           gpointer      data,
           const GError *error)
{
  MergeJob *job = data;
  CbMergeDialog *dialog;

  if (error != NULL)
    {
      show_error (self, _("Cannot Merge"), error->message);
      return;
    }
  dialog = cb_merge_dialog_new (GTK_WINDOW (self), job->name, job->report);
  g_object_set_data_full (G_OBJECT (dialog), "cb-merge-path", g_strdup (job->path), g_free);
  g_signal_connect_object (dialog, "merge", G_CALLBACK (on_merge_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
_cb_window_merge_file (CbWindow *self,
                       GFile    *file)
{
  g_autofree char *path = g_file_get_path (file);
  MergeJob *job;
  g_autofree char *progress = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  if (path == NULL)
    return FALSE;
  job = merge_job_new (path, TRUE);
  progress = g_strdup_printf (_("Reading “%s”…"), job->name);
  /* the dry run rolls back: nothing to refresh */
  return _cb_window_run_job (self, progress, 0, run_merge, previewed, job, merge_job_free);
}

static void
on_merge_chooser_response (GtkNativeDialog *chooser,
                           int              response,
                           CbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _cb_window_merge_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
merge_project_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Merge Project"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Preview Merge"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("Codeboom and REFI-QDA Projects"));
  gtk_file_filter_add_suffix (filter, "codeboom");
  gtk_file_filter_add_suffix (filter, "qdpx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_merge_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Copy for a Second Coder… */

typedef struct
{
  GFile      *file;
  CbCopyMode  mode;
  char       *coder;
} CopyJob;

static void
copy_job_free (gpointer data)
{
  CopyJob *job = data;

  g_clear_object (&job->file);
  g_free (job->coder);
  g_free (job);
}

static gboolean
run_copy (CbProject     *project,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  CopyJob *job = data;
  g_autofree char *path = g_file_get_path (job->file);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return cb_project_copy_for_coder (project, path, job->mode, job->coder, error);
}

static void
copied (CbWindow     *self,
        gpointer      data,
        const GError *error)
{
  CopyJob *job = data;
  g_autofree char *base = g_file_get_basename (job->file);
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      show_error (self, _("Copy Failed"), error->message);
      return;
    }
  message = g_strdup_printf (_("Copied to “%s”"), base);
  _cb_window_show_toast (self, message);
}

gboolean
_cb_window_copy_for_coder (CbWindow    *self,
                           GFile       *file,
                           CbCopyMode   mode,
                           const char  *coder)
{
  CopyJob *job;
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *progress = g_strdup_printf (_("Copying to “%s”…"), base);

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  job = g_new0 (CopyJob, 1);
  job->file = g_object_ref (file);
  job->mode = mode;
  job->coder = g_strdup (coder);
  /* the project itself does not change */
  return _cb_window_run_job (self, progress, 0, run_copy, copied, job, copy_job_free);
}

static void
on_copy_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          CbWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      CbCopyMode mode = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "cb-copy-mode"));
      const char *coder = g_object_get_data (G_OBJECT (chooser), "cb-copy-coder");

      if (file != NULL)
        _cb_window_copy_for_coder (self, file, mode, coder);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_copy_choice (AdwMessageDialog *dialog,
                const char       *response,
                CbWindow         *self)
{
  GtkDropDown *choice = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GStrv coders = g_object_get_data (G_OBJECT (dialog), "cb-coders");
  guint selected = gtk_drop_down_get_selected (choice);
  g_autofree char *project = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!g_str_equal (response, "copy") || self->project == NULL)
    return;

  project = cb_project_dup_name (self->project);
  /* Translators: the proposed file name of a copy for a second coder */
  name = g_strdup_printf (_("%s (second coder).codeboom"), project);
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  chooser = gtk_file_chooser_native_new (_("Copy for a Second Coder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save Copy"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "cb-copy-mode",
                     GINT_TO_POINTER (selected == 0 ? CB_COPY_ALL : selected == 1 ? CB_COPY_WITHOUT_CODINGS
                                                                                  : CB_COPY_ONLY_CODER));
  if (selected >= 2 && coders != NULL && selected - 2 < g_strv_length (coders))
    g_object_set_data_full (G_OBJECT (chooser), "cb-copy-coder", g_strdup (coders[selected - 2]), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_copy_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
copy_for_coder_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *choice;

  if (!(coders = cb_project_list_coders (self->project, &error)))
    {
      show_error (self, _("Copy Failed"), error->message);
      return;
    }
  gtk_string_list_append (choices, _("Everything, codings included"));
  gtk_string_list_append (choices, _("Documents, codes and cases, no codings"));
  for (guint i = 0; i < coders->len; i++)
    {
      CbCoderInfo *coder = coders->pdata[i];
      g_autofree char *label = g_strdup_printf (_("Only the codings of %s"), coder->name);

      gtk_string_list_append (choices, label);
      g_strv_builder_add (names, coder->name);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Copy for a Second Coder"),
                                                       _("The copy keeps every document, code and case with the "
                                                         "identity it has here, so that it can be merged back "
                                                         "with Merge Project…. What should it keep of the codings?")));
  choice = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL);
  adw_message_dialog_set_extra_child (dialog, choice);
  g_object_set_data_full (G_OBJECT (dialog), "cb-coders", g_strv_builder_end (names), (GDestroyNotify) g_strfreev);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "copy", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "copy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_copy_choice), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cb_window_class_merge_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.merge-project", NULL, merge_project_action);
  gtk_widget_class_install_action (widget_class, "win.copy-for-coder", NULL, copy_for_coder_action);
}
