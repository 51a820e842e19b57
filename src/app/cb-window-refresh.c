/* cb-window-refresh.c: the window follows the project
 *
 * Every change (ours, an undo, a redo, a job's, another process's) is
 * coalesced into one refresh: before the next frame only what the frame
 * must show (the transcript's highlights, the undo state), after it the
 * rest (lists, counts, the quotes, the memo), each part re-reading only
 * what the change flags say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-window-private.h"

void
_cb_window_refresh_documents (CbWindow *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = cb_transcript_view_get_document_id (self->transcript_view);
  const char *name;

  /* A list shown for the first time (a project just opened) shows its
   * rows before their counts: the list reads those after the first frame
   * (cb-document-list.c), a whole index's scan on a big project. */
  if (g_list_model_get_n_items (cb_document_list_get_model (self->document_list)) == 0)
    documents = cb_project_list_documents_uncounted (self->project, &error);
  else
    documents = cb_project_list_documents (self->project, &error);
  if (documents == NULL)
    {
      cb_window_show_error (self, error);
      return;
    }

  cb_document_list_set_documents (self->document_list, documents);
  cb_document_list_select (self->document_list, current);
  if (current == 0)
    return;

  name = cb_document_list_lookup_name (self->document_list, current);
  if (name != NULL)
    _cb_window_set_document_name (self, name);
  else
    {
      CbMemoTarget target = cb_memo_editor_get_target (self->memo_editor);

      /* The open document was deleted (or its import undone). */
      cb_transcript_view_clear (self->transcript_view);
      _cb_window_set_document_name (self, NULL);
      gtk_stack_set_visible_child_name (self->centre_stack, "empty");
      if (target == CB_MEMO_DOCUMENT || target == CB_MEMO_CODING)
        cb_memo_editor_clear (self->memo_editor);
    }
}

void
_cb_window_refresh_quotes (CbWindow *self)
{
  g_autofree char *path = NULL;

  if (self->job_exclusive)
    return;   /* the job has the project (cb-window-jobs.c) */
  path = self->project ? cb_code_tree_dup_selected_path (self->code_tree) : NULL;
  cb_quotes_pane_set_code (self->quotes_pane, path);
}

/* The rest of a refresh, after the frame with the new highlights: lists,
 * counts, the quotes and the memo. */
static void
refresh_deferred (CbWindow *self)
{
  CbChangeFlags flags = self->deferred_changes;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->deferred_source, g_source_remove);
  if (self->job_exclusive)
    return;   /* kept for when the job is done (see cb-window-jobs.c) */
  self->deferred_changes = 0;

  if (self->project == NULL || flags == 0)
    return;

  if ((flags & (CB_CHANGE_DOCUMENTS | CB_CHANGE_CODINGS)) != 0)
    _cb_window_refresh_documents (self);

  /* One listing of the code tree serves the tree, the transcript's colours
   * and names, and the recent codes. */
  if ((flags & (CB_CHANGE_CODES | CB_CHANGE_CODINGS)) != 0)
    {
      codes = cb_project_list_codes (self->project, &error);
      if (codes == NULL)
        {
          cb_window_show_error (self, error);
          g_clear_error (&error);
        }
      else
        {
          if (cb_code_tree_update (self->code_tree, codes))
            _cb_window_refresh_recent_codes (self);
          if ((flags & CB_CHANGE_CODES) != 0 &&
              !cb_transcript_view_refresh (self->transcript_view, CB_CHANGE_CODES, codes, &error))
            {
              cb_window_show_error (self, error);
              g_clear_error (&error);
            }
        }
    }

  if ((flags & CB_WINDOW_CHANGE_TURNS) != 0 && self->document_name != NULL)
    cb_transcript_view_reload_turns (self->transcript_view, self->document_name);

  _cb_window_refresh_quotes (self);
  cb_memo_editor_reload (self->memo_editor);
  cb_analysis_view_invalidate (self->analysis_view);
  if (self->agreement_view != NULL)
    cb_agreement_view_invalidate (self->agreement_view);
  cb_mag_grid_view_invalidate (self->mag_grid_view);
  cb_transcript_view_reload_phases (self->transcript_view);
  cb_transcript_view_reload_memo_marks (self->transcript_view);
  if (self->memos_view != NULL)
    cb_memos_view_refresh (self->memos_view, flags);

  if ((flags & CB_CHANGE_PROJECT) != 0)
    {
      g_autofree char *name = cb_project_dup_name (self->project);

      adw_window_title_set_title (self->window_title, name);
      gtk_window_set_title (GTK_WINDOW (self), name);
    }

  if (cb_search_panel_get_search_mode (self->search_panel))
    _cb_window_search (self);

  _cb_window_update_actions (self);
}

static gboolean
deferred_idle (gpointer data)
{
  CbWindow *self = data;

  self->deferred_source = 0;
  refresh_deferred (self);
  return G_SOURCE_REMOVE;
}

/* Runs before the next frame: only what the frame must show, the
 * transcript's highlights and the undo state. */
static void
refresh_fast (CbWindow *self)
{
  CbChangeFlags flags = self->pending_changes;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->job_exclusive)
    return;   /* kept for when the job is done (see cb-window-jobs.c) */
  self->pending_changes = 0;

  if (self->project == NULL || flags == 0)
    return;

  /* A deleted document's view is cleared by the deferred pass. */
  if ((flags & CB_CHANGE_CODINGS) != 0 &&
      !cb_transcript_view_refresh (self->transcript_view, CB_CHANGE_CODINGS, NULL, &error) &&
      !g_error_matches (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND))
    cb_window_show_error (self, error);

  _cb_window_update_actions (self);

  self->deferred_changes |= flags;
  if (self->deferred_source == 0)
    self->deferred_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, deferred_idle, self, NULL);
}

void
_cb_window_refresh_now (CbWindow *self)
{
  refresh_fast (self);
  refresh_deferred (self);
}

static gboolean
refresh_idle (gpointer data)
{
  CbWindow *self = data;

  self->refresh_source = 0;
  refresh_fast (self);
  return G_SOURCE_REMOVE;
}

void
_cb_window_on_project_changed (CbProject *project,
                    guint      flags,
                    CbWindow  *self)
{
  self->pending_changes |= flags;
  /* Everything may have changed (an undo, a job): speakers too. */
  if ((flags & CB_CHANGE_ALL) == CB_CHANGE_ALL)
    self->pending_changes |= CB_WINDOW_CHANGE_TURNS;
  /* Before the next frame is drawn, once for a burst of changes. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle, self, NULL);
}

void
_cb_window_project_changed_elsewhere (CbWindow      *self,
                                      CbChangeFlags  flags)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  if (self->project == NULL)
    return;
  /* Changes held back during a job wait in either pass. */
  if ((self->pending_changes | flags) != 0)
    _cb_window_on_project_changed (self->project, flags, self);
  if (self->deferred_changes != 0 && self->deferred_source == 0)
    self->deferred_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, deferred_idle, self, NULL);
}

/* Another process (codeboom-cli, a second window) may change the file.
 * SQLite's data_version says so cheaply; the window then re-reads
 * everything, as after an undo.  Not while a job holds the connection (see
 * cb-window-jobs.c): its end refreshes anyway. */
gboolean
_cb_window_check_data_version (CbWindow *self)
{
  guint64 version;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->job_exclusive)
    return FALSE;
  version = cb_project_get_data_version (self->project);
  if (version == self->data_version)
    return FALSE;
  self->data_version = version;
  _cb_window_project_changed_elsewhere (self, CB_CHANGE_ALL);
  return TRUE;
}

/* Only while the window is active: a change made meanwhile shows when
 * it becomes active again. */
gboolean
_cb_window_poll_data_version (gpointer data)
{
  CbWindow *self = data;

  if (gtk_window_is_active (GTK_WINDOW (self)))
    _cb_window_check_data_version (self);
  return G_SOURCE_CONTINUE;
}

void
_cb_window_on_active_changed (CbWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    _cb_window_check_data_version (self);
}
