/* cb-window-jobs.c: long work off the main thread
 *
 * Exports, coding every search hit and auto-coding by speaker can take
 * seconds on a big project.  They run in a GTask thread on a CbProject of
 * their own, opened on the same file: a CbProject (an SQLite connection)
 * belongs to one thread, and WAL lets the window's connection keep reading
 * while the worker reads or writes.  The window shows a pulsing progress
 * bar with a Cancel button meanwhile; when the job is done it re-reads what
 * the job says it changed, as if its own project had emitted ::changed.
 *
 * Cancelling stops a job before its next step (before it writes a file or
 * starts its transaction); a transaction already running finishes whole,
 * since every change is all or nothing (and can be undone).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-window-private.h"

#define PULSE_INTERVAL_MS 120

typedef struct
{
  char            *path;
  char            *coder;
  CbChangeFlags    changes;
  CbWindowJobFunc  func;
  CbWindowJobDone  done;
  gpointer         data;
  GDestroyNotify   data_free;
} Job;

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_free (job->path);
  g_free (job->coder);
  g_free (job);
}

/* Worker thread: never touches the window or its project. */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  project = cb_project_open (job->path, &error);
  if (project == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  cb_project_set_coder (project, job->coder);

  if (!job->func (project, job->data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_finished (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CbWindow *self = CB_WINDOW (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->job_pulse_source, g_source_remove);
  g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->job_cancellable);
  if (self->progress_revealer == NULL)
    return;   /* the window was closed meanwhile */
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  /* What the worker's connection changed, the window's has not announced. */
  if (self->project != NULL && job->changes != 0 &&
      g_strcmp0 (cb_project_get_path (self->project), job->path) == 0)
    _cb_window_project_changed_elsewhere (self, job->changes);

  if (job->done != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    job->done (self, job->data, error);
  else if (error != NULL)
    _cb_window_show_toast (self, _("Cancelled"));

  _cb_window_update_actions (self);
}

static gboolean
pulse (gpointer data)
{
  CbWindow *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

gboolean
_cb_window_busy (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  return self->job_cancellable != NULL;
}

gboolean
_cb_window_run_job (CbWindow        *self,
                    const char      *message,
                    CbChangeFlags    changes,
                    CbWindowJobFunc  func,
                    CbWindowJobDone  done,
                    gpointer         data,
                    GDestroyNotify   data_free)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->project == NULL || self->job_cancellable != NULL)
    {
      if (self->project != NULL)
        _cb_window_show_toast (self, _("Wait for the running task to finish"));
      if (data_free != NULL && data != NULL)
        data_free (data);
      return FALSE;
    }

  job = g_new0 (Job, 1);
  job->path = g_strdup (cb_project_get_path (self->project));
  job->coder = g_strdup (cb_project_get_coder (self->project));
  job->changes = changes;
  job->func = func;
  job->done = done;
  job->data = data;
  job->data_free = data_free;

  self->job_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  gtk_progress_bar_set_text (self->progress_bar, message);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->job_pulse_source = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);

  task = g_task_new (self, self->job_cancellable, job_finished, NULL);
  g_task_set_source_tag (task, _cb_window_run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
  _cb_window_update_actions (self);
  return TRUE;
}
