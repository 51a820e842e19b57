/* cb-window-import.c: the app's import of transcripts
 *
 * The app imports through the core's one import
 * (cb_project_import_files_async with CB_IMPORT_SKIP_BAD): the same 64 MiB
 * guard, decoding and normalisation as the command line, a name already
 * taken refused (never renamed), and the good files added in one
 * transaction, so one undo step.  The bad files are listed afterwards.
 *
 * While the import runs its worker thread owns the project (the thread rule
 * in cb-project.h): the window marks its connection idle and holds back
 * ::changed, as for a job (cb-window-jobs.c), and re-reads the documents in
 * the callback.  The progress bar shows the core's own fraction and
 * message; Cancel cancels the whole import (nothing is added).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-window-private.h"

typedef struct
{
  CbWindow  *window;   /* a reference: progress and the callback use it */
  CbProject *project;  /* a reference, dropped on the main thread */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->project);
  g_clear_object (&job->window);
  g_free (job);
}

/* Main thread (the core calls it in our main context). */
static void
import_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  ImportJob *job = user_data;
  CbWindow *self = job->window;

  if (self->progress_bar == NULL)
    return;   /* the window was closed meanwhile */
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (message != NULL)
    gtk_progress_bar_set_text (self->progress_bar, message);
}

static void
show_failures (CbWindow       *self,
               CbImportReport *report)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  guint i;

  for (i = 0; i < report->failures->len; i++)
    {
      CbImportFailure *failure = g_ptr_array_index (report->failures, i);

      if (i > 0)
        g_string_append (body, "\n\n");
      g_string_append (body, failure->error->message);
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       g_dngettext (GETTEXT_PACKAGE,
                                                                    "A File Was Not Imported",
                                                                    "Some Files Were Not Imported",
                                                                    report->failures->len),
                                                       body->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* One toast per text whose encoding was guessed, as the command line's
 * note: the user should check those. */
static void
show_guessed_encodings (CbWindow       *self,
                        CbImportReport *report)
{
  g_autoptr(GPtrArray) documents = NULL;
  guint i;

  for (i = 0; i < report->imported->len && i < report->ids->len; i++)
    {
      CbImportedText *imported = g_ptr_array_index (report->imported, i);
      gint64 id = g_array_index (report->ids, gint64, i);
      const CbDocumentInfo *info = NULL;
      g_autofree char *message = NULL;

      if (!imported->encoding_guessed || imported->encoding == NULL)
        continue;
      if (documents == NULL &&
          (documents = cb_project_list_documents (self->project, NULL)) == NULL)
        return;
      for (guint d = 0; d < documents->len && info == NULL; d++)
        if (((const CbDocumentInfo *) documents->pdata[d])->id == id)
          info = documents->pdata[d];
      if (info == NULL)
        continue;
      /* TRANSLATORS: %s is a file name, then an encoding such as windows-1252 */
      message = g_strdup_printf (_("“%s”: the encoding was guessed as %s"),
                                 info->source_name != NULL ? info->source_name : info->name,
                                 imported->encoding);
      _cb_window_show_toast (self, message);
    }
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* The window's and the project's references go here, on the main thread. */
  ImportJob *job = user_data;
  g_autoptr(CbWindow) self = g_object_ref (job->window);
  g_autoptr(CbProject) project = g_object_ref (job->project);
  g_autoptr(CbImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_imported;

  report = cb_project_import_files_finish (project, result, &error);
  import_job_free (job);

  g_clear_object (&self->job_cancellable);
  _cb_window_set_job_exclusive (self, FALSE);
  if (self->changed_handler != 0 && self->project == project)
    g_signal_handler_unblock (self->project, self->changed_handler);
  if (self->progress_revealer == NULL)
    return;   /* the window was closed meanwhile */
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  if (self->project == project)
    _cb_window_project_changed_elsewhere (self, CB_CHANGE_DOCUMENTS);

  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cb_window_show_toast (self, _("Cancelled"));
      else
        cb_window_show_error (self, error);
      _cb_window_update_actions (self);
      return;
    }

  n_imported = report->ids->len;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u transcript",
                                          "Imported %u transcripts", n_imported),
                             n_imported);
  _cb_window_show_toast (self, message);
  if (self->project == project)
    show_guessed_encodings (self, report);

  if (report->failures->len > 0)
    show_failures (self, report);

  if (n_imported > 0 && self->project == project &&
      cb_transcript_view_get_document_id (self->transcript_view) == 0)
    {
      g_autoptr(GError) show_error = NULL;

      _cb_window_refresh_now (self);
      if (!cb_window_show_document (self, g_array_index (report->ids, gint64, 0), &show_error))
        cb_window_show_error (self, show_error);
    }

  _cb_window_update_actions (self);
}

gboolean
_cb_window_import_busy (CbWindow *self)
{
  return self->job_cancellable != NULL;
}

void
_cb_window_import_files (CbWindow  *self,
                         GPtrArray *files)
{
  ImportJob *job;

  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  if (self->project == NULL || files->len == 0)
    return;
  if (self->job_cancellable != NULL)
    {
      _cb_window_show_toast (self, _("Wait for the running import to finish"));
      return;
    }

  /* Changes not shown yet are shown first, and a memo being typed is saved
   * before the worker takes the project. */
  _cb_window_refresh_now (self);
  _cb_window_flush_memo (self);

  job = g_new0 (ImportJob, 1);
  job->window = g_object_ref (self);
  job->project = g_object_ref (self->project);

  self->job_cancellable = g_cancellable_new ();
  _cb_window_set_job_exclusive (self, TRUE);
  /* ::changed would be emitted in the worker: held back until the end. */
  g_signal_handler_block (self->project, self->changed_handler);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  cb_project_import_files_async (self->project, (GFile **) files->pdata, files->len,
                                 NULL, CB_IMPORT_SKIP_BAD, import_progress, job,
                                 self->job_cancellable, import_done, job);
  _cb_window_update_actions (self);
}
