/* cb-window-jobs.c: long work off the main thread
 *
 * Exports, coding every search hit and auto-coding by speaker can take
 * seconds on a big project.  They run in a GTask thread while the window
 * keeps painting, with a progress bar and a Cancel button.  The bar pulses
 * until the job reports progress through _cb_window_job_progress(); then
 * it shows the core's own fraction and message.
 *
 * The thread works on the window's own CbProject, handed over whole: until
 * the job is done the main thread does not touch it (no refresh, and the
 * panes and actions that would read or write the project are off; the
 * transcript can still be read and scrolled).  An SQLite connection may be
 * used by one thread after another, never by two at once, and that is
 * what this gives.  A second connection opened on the same file in the
 * thread was tried first: in the UI tests under load it read pages that
 * were not those of its snapshot ("database disk image is malformed", "file
 * is not a database") about one run in ten, even with the window's
 * connection idle, which the plain-GLib stress test never showed; until
 * that is understood, one connection it is.  The project's ::changed
 * signals are held back during the job; the window then re-reads what the
 * job says it changed.
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

/* On the job's cancellable: a GWeakRef to the window, for progress. */
#define JOB_WINDOW_KEY "cb-window-job-window"

typedef struct
{
  GCancellable *cancellable;   /* whose job reported it; holds the window's weak ref */
  double        fraction;
  char         *message;
} JobProgress;

static void
job_progress_free (gpointer data)
{
  JobProgress *update = data;

  g_clear_object (&update->cancellable);
  g_free (update->message);
  g_free (update);
}

/* Main thread: shows one progress report, unless its job is over. */
static gboolean
show_job_progress (gpointer data)
{
  JobProgress *update = data;
  GWeakRef *window = g_object_get_data (G_OBJECT (update->cancellable), JOB_WINDOW_KEY);
  g_autoptr(CbWindow) self = g_weak_ref_get (window);

  if (self == NULL || self->job_cancellable != update->cancellable || self->progress_bar == NULL)
    return G_SOURCE_REMOVE;
  g_clear_handle_id (&self->job_pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (update->fraction, 0.0, 1.0));
  if (update->message != NULL)
    gtk_progress_bar_set_text (self->progress_bar, update->message);
  return G_SOURCE_REMOVE;
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * _cb_window_job_progress:
 * @fraction: from 0 to 1
 * @message: (nullable): what is being done, translated
 * @cancellable: the cancellable the job function was given
 *
 * A #CbProgressFunc for job functions: called in the job's thread, it
 * hands the report to the main thread, which alone touches the window.
 */
void
_cb_window_job_progress (double      fraction,
                         const char *message,
                         gpointer    cancellable)
{
  JobProgress *update;

  if (g_object_get_data (G_OBJECT (cancellable), JOB_WINDOW_KEY) == NULL)
    return;
  update = g_new0 (JobProgress, 1);
  update->cancellable = g_object_ref (cancellable);
  update->fraction = fraction;
  update->message = g_strdup (message);
  /* no reference to the window here: its last one must never be dropped
   * in this thread; the main thread looks it up through the weak ref */
  cb_main_context_post (NULL, show_job_progress, update, job_progress_free);
}

typedef struct
{
  CbProject       *project;
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
  g_clear_object (&job->project);
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
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!job->func (job->project, job->data, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
job_finished (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  /* The window's reference comes with the callback and goes here, on the
   * main thread, as does the project's: the task's own last reference may
   * be dropped in the worker thread, where neither may be finalized. */
  g_autoptr(CbWindow) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(CbProject) project = g_steal_pointer (&job->project);
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->job_pulse_source, g_source_remove);
  g_task_propagate_boolean (G_TASK (result), &error);

  g_clear_object (&self->job_cancellable);
  _cb_window_set_job_exclusive (self, FALSE);
  if (self->changed_handler != 0 && self->project == project)
    g_signal_handler_unblock (self->project, self->changed_handler);
  if (self->progress_revealer == NULL)
    return;   /* the window was closed meanwhile */
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);

  /* What the job changed, and what was held back meanwhile. */
  if (self->project == project)
    _cb_window_project_changed_elsewhere (self, job->changes);

  if (job->done != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    job->done (self, job->data, error);
  else if (error != NULL)
    _cb_window_show_toast (self, _("Cancelled"));

  _cb_window_update_actions (self);
}

/* A memo being typed is saved before the window's connection goes idle. */
static void
flush_memo_hint (CbWindow *self)
{
  _cb_window_flush_memo (self);
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
  job->project = g_object_ref (self->project);
  job->changes = changes;
  job->func = func;
  job->done = done;
  job->data = data;
  job->data_free = data_free;

  /* Changes not shown yet are shown first: the job may take a while. */
  _cb_window_refresh_now (self);
  flush_memo_hint (self);

  self->job_cancellable = g_cancellable_new ();
  {
    GWeakRef *window = g_new0 (GWeakRef, 1);

    g_weak_ref_init (window, self);
    g_object_set_data_full (G_OBJECT (self->job_cancellable), JOB_WINDOW_KEY, window,
                            weak_ref_free);
  }
  _cb_window_set_job_exclusive (self, TRUE);
  /* ::changed would be emitted in the thread: held back until the end. */
  g_signal_handler_block (self->project, self->changed_handler);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  gtk_progress_bar_set_text (self->progress_bar, message);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  self->job_pulse_source = g_timeout_add (PULSE_INTERVAL_MS, pulse, self);

  task = g_task_new (NULL, self->job_cancellable, job_finished, g_object_ref (self));
  g_task_set_source_tag (task, _cb_window_run_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, job_thread);
  _cb_window_update_actions (self);
  return TRUE;
}
