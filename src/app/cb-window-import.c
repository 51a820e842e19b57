/* cb-window-import.c: the app's import of transcripts
 *
 * Reads and decodes the files on a worker thread (GTask) and stores each
 * result on the main thread, with progress and a cancel button.  The whole
 * pipeline is here, in one place, so that it can give way to the core's
 * import (cb_project_import_files_async) in one change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-error.h"
#include "cb-import.h"
#include "cb-window-private.h"

/* Import ----------------------------------------------------------------- */

typedef struct
{
  GFile          *file;
  char           *name;
  GBytes         *source;
  CbImportedText *imported;
  GError         *error;
} ImportResult;

typedef struct
{
  CbWindow  *window;       /* kept alive by the task's callback data */
  GPtrArray *files;        /* of GFile */
  GPtrArray *failures;     /* of char *, main thread only */
  guint      n_imported;
  gint64     first_id;
} ImportJob;

typedef struct
{
  CbWindow     *window;
  ImportJob    *job;
  ImportResult *result;
  guint         index;
} ImportDelivery;

static void
import_result_free (ImportResult *result)
{
  g_clear_object (&result->file);
  g_clear_pointer (&result->name, g_free);
  g_clear_pointer (&result->source, g_bytes_unref);
  g_clear_pointer (&result->imported, cb_imported_text_free);
  g_clear_error (&result->error);
  g_free (result);
}

static void
import_job_clear (ImportJob *job)
{
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->failures, g_ptr_array_unref);
}

/* The task and every pending delivery hold a reference, so the order in
 * which the main loop runs them does not matter. */
static void
import_job_unref (ImportJob *job)
{
  g_atomic_rc_box_release_full (job, (GDestroyNotify) import_job_clear);
}

static char *
document_name_for (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* Main thread: store one decoded file, under a name not taken yet. */
static gboolean
deliver_import (gpointer data)
{
  ImportDelivery *delivery = data;
  CbWindow *self = delivery->window;
  ImportResult *result = delivery->result;
  ImportJob *job = delivery->job;
  g_autofree char *progress = NULL;
  g_autoptr(GError) error = NULL;
  guint n = job->files->len;

  if (result->error == NULL && self->project != NULL)
    {
      g_autofree char *source_name = g_file_get_basename (result->file);
      guint attempt;

      for (attempt = 1; attempt < 100; attempt++)
        {
          g_autofree char *name = attempt == 1 ? g_strdup (result->name)
                                               : g_strdup_printf ("%s (%u)", result->name, attempt);
          gint64 id;

          g_clear_error (&error);
          id = cb_project_add_document (self->project, name, result->imported->text,
                                        source_name, result->source, &error);
          if (id > 0)
            {
              job->n_imported++;
              if (job->first_id == 0)
                job->first_id = id;
              break;
            }
          if (!g_error_matches (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS))
            break;
        }
      if (error != NULL)
        g_ptr_array_add (job->failures, g_strdup (error->message));
    }
  else if (result->error != NULL)
    g_ptr_array_add (job->failures, g_strdup (result->error->message));

  progress = g_strdup_printf (_("Importing %u of %u"), delivery->index + 1, n);
  gtk_progress_bar_set_text (self->progress_bar, progress);
  gtk_progress_bar_set_fraction (self->progress_bar, (delivery->index + 1) / (double) n);

  import_result_free (result);
  import_job_unref (delivery->job);
  g_object_unref (delivery->window);
  g_free (delivery);
  return G_SOURCE_REMOVE;
}

/* Worker thread: read and decode; never touches the project. */
static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  guint i;

  for (i = 0; i < job->files->len; i++)
    {
      GFile *file = g_ptr_array_index (job->files, i);
      ImportResult *result = g_new0 (ImportResult, 1);
      ImportDelivery *delivery = g_new0 (ImportDelivery, 1);
      g_autofree char *base = g_file_get_basename (file);
      char *contents = NULL;
      gsize length = 0;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_free (result);
          g_free (delivery);
          break;
        }

      result->file = g_object_ref (file);
      result->name = document_name_for (file);
      if (g_file_load_contents (file, cancellable, &contents, &length, NULL, &result->error))
        {
          result->source = g_bytes_new_take (contents, length);
          result->imported = cb_import_bytes (base, g_bytes_get_data (result->source, NULL), length,
                                              NULL, &result->error);
        }

      delivery->window = g_object_ref (job->window);
      delivery->job = g_atomic_rc_box_acquire (job);
      delivery->result = result;
      delivery->index = i;
      g_main_context_invoke (NULL, deliver_import, delivery);
    }

  g_task_return_boolean (task, TRUE);
}

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  /* The window's reference comes with the callback, and goes here, on the
   * main thread: a GTask's own last reference may be dropped in its worker
   * thread, and a window must never be finalized there. */
  g_autoptr(CbWindow) self = user_data;
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->job_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u transcript",
                                          "Imported %u transcripts", job->n_imported),
                             job->n_imported);
  _cb_window_show_toast (self, message);

  if (job->failures->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      AdwMessageDialog *dialog;
      guint i;

      for (i = 0; i < job->failures->len; i++)
        {
          if (i > 0)
            g_string_append (body, "\n\n");
          g_string_append (body, g_ptr_array_index (job->failures, i));
        }
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           g_dngettext (GETTEXT_PACKAGE,
                                                                        "A File Was Not Imported",
                                                                        "Some Files Were Not Imported",
                                                                        job->failures->len),
                                                           body->str));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      _cb_window_set_dialog (self, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
    }

  if (job->first_id != 0 && self->project != NULL &&
      cb_transcript_view_get_document_id (self->transcript_view) == 0)
    {
      g_autoptr(GError) show_error = NULL;

      _cb_window_refresh_now (self);
      if (!cb_window_show_document (self, job->first_id, &show_error))
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
  g_autoptr(GTask) task = NULL;
  ImportJob *job;
  guint i;

  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (files != NULL);

  if (self->project == NULL || files->len == 0)
    return;
  if (self->job_cancellable != NULL)
    {
      _cb_window_show_toast (self, _("Wait for the running import to finish"));
      return;
    }

  job = g_atomic_rc_box_new0 (ImportJob);
  job->window = self;
  job->files = g_ptr_array_new_with_free_func (g_object_unref);
  job->failures = g_ptr_array_new_with_free_func (g_free);
  for (i = 0; i < files->len; i++)
    g_ptr_array_add (job->files, g_object_ref (g_ptr_array_index (files, i)));

  self->job_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, _("Importing…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);

  task = g_task_new (NULL, self->job_cancellable, import_done, g_object_ref (self));
  g_task_set_source_tag (task, _cb_window_import_files);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_unref);
  g_task_run_in_thread (task, import_thread);
  _cb_window_update_actions (self);
}
