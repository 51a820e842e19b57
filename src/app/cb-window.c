/* cb-window.c: the main window (start page, or one open project)
 *
 * The window holds the layout and coordinates the parts, each a widget of
 * its own: the start page (cb-start-page.c); in a project, the sidebar with
 * the document list (cb-document-list.c) and the code tree
 * (cb-code-tree.c), the centre's views (the transcript, cb-transcript-view.c,
 * with the search bar, cb-search-panel.c, and its results,
 * cb-search-results.c) and the details pane with the quotes of the selected
 * code (cb-quotes-pane.c) and the memo editor (cb-memo-editor.c).  The
 * window knows which document and which code are selected and tells the
 * parts; they tell it what the user picked through their signals.
 *
 * The window owns the CbProject and listens to its ::changed: every change
 * (ours, an undo, a redo) is coalesced into one refresh before the next
 * frame, and each part re-reads only what the change flags say.  Actions
 * live in cb-window-actions.c and cb-window-files.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cb-app-util.h"
#include "cb-error.h"
#include "cb-segment-item.h"
#include "cb-window-private.h"

#define MAX_RECENT_PROJECTS  8
#define DATA_VERSION_POLL_MS 1000

G_DEFINE_FINAL_TYPE (CbWindow, cb_window, ADW_TYPE_APPLICATION_WINDOW)

void
_cb_window_show_toast (CbWindow   *self,
                       const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cb_window_show_error (CbWindow     *self,
                      const GError *error)
{
  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_message ("%s", error->message);
  _cb_window_show_toast (self, error->message);
}

void
_cb_window_set_dialog (CbWindow         *self,
                       AdwMessageDialog *dialog)
{
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

void
_cb_window_flush_memo (CbWindow *self)
{
  cb_memo_editor_flush (self->memo_editor);
}

void
_cb_window_set_job_exclusive (CbWindow *self,
                              gboolean  exclusive)
{
  self->job_exclusive = !!exclusive;
  /* The parts are gone when the window closed during the job. */
  if (self->memo_editor != NULL)
    cb_memo_editor_set_busy (self->memo_editor, exclusive);
  if (self->search_panel != NULL)
    cb_search_panel_set_busy (self->search_panel, exclusive);
  if (self->quotes_pane != NULL)
    cb_quotes_pane_set_busy (self->quotes_pane, exclusive);
  if (self->analysis_view != NULL)
    cb_analysis_view_set_busy (self->analysis_view, exclusive);
  if (self->agreement_view != NULL)
    cb_agreement_view_set_busy (self->agreement_view, exclusive);
  if (self->mag_grid_view != NULL)
    cb_mag_grid_view_set_busy (self->mag_grid_view, exclusive);
  if (self->memos_view != NULL)
    cb_memos_view_set_busy (self->memos_view, exclusive);
}

void
_cb_window_set_document_name (CbWindow   *self,
                              const char *name)
{
  gboolean memo_follows = cb_memo_editor_get_target (self->memo_editor) == CB_MEMO_DOCUMENT;

  if (g_strcmp0 (self->document_name, name) == 0)
    return;
  g_free (self->document_name);
  self->document_name = g_strdup (name);
  adw_window_title_set_subtitle (self->window_title, name);
  cb_search_panel_set_document (self->search_panel, name);
  if (memo_follows && name != NULL)
    cb_memo_editor_set_document (self->memo_editor, name);
}

/* Documents -------------------------------------------------------------- */

/* Showing another transcript frees the last one's text, tags and layout
 * (megabytes in many small blocks); glibc keeps such freed memory in its
 * heap unless asked to hand it back.  Asked once things are quiet. */
static gboolean
trim_heap (gpointer data)
{
  CbWindow *self = data;

  self->trim_source = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
schedule_trim (CbWindow *self)
{
  g_clear_handle_id (&self->trim_source, g_source_remove);
  self->trim_source = g_idle_add_full (G_PRIORITY_LOW, trim_heap, self, NULL);
}

/* The document shown last, per project (the "last-documents" setting):
 * opening the project again shows it, as an editor reopens the file one
 * was reading. */
static void
remember_document (CbWindow *self,
                   gint64    document_id)
{
  g_autofree char *uuid = cb_project_dup_uuid (self->project);

  if (uuid != NULL)
    cb_settings_remember_for_project (self->settings, "last-documents", uuid,
                                      g_variant_new_int64 (document_id));
}

/* The document last shown in @project's window, if it still exists. */
static gint64
remembered_document (CbWindow *self)
{
  g_autofree char *uuid = cb_project_dup_uuid (self->project);
  g_autoptr(GVariant) id = cb_settings_lookup_for_project (self->settings, "last-documents", uuid);

  if (id == NULL || !g_variant_is_of_type (id, G_VARIANT_TYPE_INT64) ||
      cb_document_list_lookup_name (self->document_list, g_variant_get_int64 (id)) == NULL)
    return 0;
  return g_variant_get_int64 (id);
}

gboolean
cb_window_show_document (CbWindow  *self,
                         gint64     document_id,
                         GError   **error)
{
  const char *name = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  if (self->job_exclusive)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   _("Wait for the running task to finish"));
      return FALSE;
    }
  if (cb_transcript_view_get_document_id (self->transcript_view) == document_id)
    {
      gtk_stack_set_visible_child_name (self->centre_stack, "transcript");
      return TRUE;
    }

  /* Pending changes first, so that the list of names is current. */
  if (self->pending_changes != 0 || self->deferred_changes != 0)
    _cb_window_refresh_now (self);
  name = cb_document_list_lookup_name (self->document_list, document_id);
  if (name == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The document no longer exists"));
      return FALSE;
    }

  if (!cb_transcript_view_load_document (self->transcript_view, document_id, name, error))
    return FALSE;
  schedule_trim (self);

  _cb_window_set_document_name (self, cb_document_list_lookup_name (self->document_list, document_id));
  gtk_stack_set_visible_child_name (self->centre_stack, "transcript");
  cb_document_list_select (self->document_list, document_id);

  cb_memo_editor_set_document (self->memo_editor, self->document_name);
  remember_document (self, document_id);
  if (cb_search_panel_get_search_mode (self->search_panel) &&
      !cb_search_panel_get_whole_project (self->search_panel))
    _cb_window_search (self);
  _cb_window_update_actions (self);
  return TRUE;
}

static void
on_document_activated (CbWindow       *self,
                       gint64          id,
                       CbDocumentList *list)
{
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (!cb_window_show_document (self, id, &error))
    cb_window_show_error (self, error);
  else
    /* Picking a document, even the one shown, makes its memo the target. */
    cb_memo_editor_set_document (self->memo_editor, self->document_name);
  /* A small window shows the sidebar over the transcript: out of the way. */
  if (adw_flap_get_folded (self->sidebar_flap))
    adw_flap_set_reveal_flap (self->sidebar_flap, FALSE);
}

/* Quotes ----------------------------------------------------------------- */

static void
on_quote_activated (CbWindow      *self,
                    CbSegmentItem *item,
                    CbQuotesPane  *pane)
{
  g_autoptr(GError) error = NULL;
  const CbSegment *segment = cb_segment_item_get_segment (item);

  if (!cb_window_show_document (self, segment->document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, segment->start, segment->end);
  cb_memo_editor_set_coding (self->memo_editor, segment->document_id, segment->coding_id);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

/* A quote of the Analysis view opens in the transcript's view. */
static void
on_analysis_quote_activated (CbWindow       *self,
                             CbSegmentItem  *item,
                             CbAnalysisView *view)
{
  const CbSegment *segment = cb_segment_item_get_segment (item);
  g_autoptr(GError) error = NULL;

  adw_view_stack_set_visible_child_name (self->view_stack, "transcript");
  if (segment->coding_id != 0)
    {
      on_quote_activated (self, item, self->quotes_pane);
      return;
    }
  /* a segment of a co-occurrence pair is a span, not one coding: no memo */
  if (!cb_window_show_document (self, segment->document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, segment->start, segment->end);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

/* A quote of the MAG grid opens in the transcript's view. */
static void
on_mag_quote_activated (CbWindow      *self,
                        gint64         document_id,
                        gint64         start,
                        gint64         end,
                        CbMagGridView *view)
{
  g_autoptr(GError) error = NULL;

  adw_view_stack_set_visible_child_name (self->view_stack, "transcript");
  if (!cb_window_show_document (self, document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, start, end);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

/* The code tree ---------------------------------------------------------- */

static void
on_code_activated (CbWindow   *self,
                   const char *path,
                   CbCodeTree *tree)
{
  g_autoptr(GError) error = NULL;

  if (!cb_transcript_view_get_selection (self->transcript_view, NULL, NULL))
    {
      _cb_window_show_toast (self, _("Select a passage in the transcript first"));
      return;
    }
  if (!_cb_window_apply_code (self, path, FALSE, &error))
    cb_window_show_error (self, error);
}

static void
on_code_selection_changed (CbWindow   *self,
                           CbCodeTree *tree)
{
  g_autofree char *path = cb_code_tree_dup_selected_path (tree);

  _cb_window_refresh_quotes (self);
  if (path != NULL)
    cb_memo_editor_set_code (self->memo_editor, path);
  _cb_window_update_actions (self);
}

/* Search ----------------------------------------------------------------- */

/* In one document the hits light up in the transcript; in all documents
 * they are listed in the centre. */
static void
on_search_results_changed (CbWindow      *self,
                           CbSearchPanel *panel)
{
  GPtrArray *hits = cb_search_panel_get_hits (panel);
  gboolean whole_project = cb_search_panel_get_whole_project (panel);

  cb_transcript_view_set_search_matches (self->transcript_view, NULL);
  cb_search_results_set_hits (self->search_results, whole_project ? hits : NULL);

  if (self->project == NULL)
    ;
  else if (whole_project && hits != NULL)
    gtk_stack_set_visible_child_name (self->centre_stack, "results");
  else if (!whole_project && hits != NULL)
    {
      g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
      guint i;

      for (i = 0; i < hits->len; i++)
        {
          const CbSearchHit *hit = g_ptr_array_index (hits, i);

          g_array_append_val (pairs, hit->start);
          g_array_append_val (pairs, hit->end);
        }
      cb_transcript_view_set_search_matches (self->transcript_view, pairs);
      gtk_stack_set_visible_child_name (self->centre_stack, "transcript");
    }
  else if (!whole_project)
    gtk_stack_set_visible_child_name (self->centre_stack,
                                      self->document_name ? "transcript" : "empty");

  _cb_window_update_actions (self);
}

static void
on_search_activate (CbWindow *self)
{
  if (cb_search_panel_get_whole_project (self->search_panel))
    cb_search_results_focus_first (self->search_results);
  else
    cb_transcript_view_search_next (self->transcript_view, FALSE);
}

static void
on_search_next (CbWindow *self)
{
  cb_transcript_view_search_next (self->transcript_view, FALSE);
}

static void
on_search_previous (CbWindow *self)
{
  cb_transcript_view_search_next (self->transcript_view, TRUE);
}

static void
on_hit_activated (CbWindow          *self,
                  const CbSearchHit *hit,
                  CbSearchResults   *results)
{
  g_autoptr(GError) error = NULL;

  if (!cb_window_show_document (self, hit->document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, hit->start, hit->end);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

static void
on_search_mode_changed (CbWindow *self)
{
  _cb_window_update_actions (self);
}

/* Recent projects ---------------------------------------------- */

static void
note_recent_project (CbWindow   *self,
                     const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-projects");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;
  guint i, n = 1;

  g_strv_builder_add (builder, path);
  for (i = 0; old[i] != NULL && n < MAX_RECENT_PROJECTS; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  paths = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) paths);
}

static void
on_open_recent (CbWindow    *self,
                const char  *path,
                CbStartPage *page)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (!cb_window_open_project (self, file, &error))
    cb_window_show_open_error (self, file, error);
}

/* Project ---------------------------------------------------------------- */

static void
apply_coder (CbWindow *self)
{
  g_autofree char *coder = g_settings_get_string (self->settings, "coder-name");

  if (self->project == NULL || self->job_exclusive)
    return;
  g_strstrip (coder);
  cb_project_set_coder (self->project, coder[0] ? coder : g_get_user_name ());
}

static void
set_project (CbWindow  *self,
             CbProject *project)
{
  cb_memo_editor_flush (self->memo_editor);
  if (self->project != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->project);
      g_clear_object (&self->project);
    }
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->deferred_source, g_source_remove);
  self->pending_changes = 0;
  self->deferred_changes = 0;
  g_clear_pointer (&self->document_name, g_free);

  if (project != NULL)
    {
      g_autofree char *name = cb_project_dup_name (project);

      self->project = g_object_ref (project);
      self->changed_handler = g_signal_connect (project, "changed",
                                                G_CALLBACK (_cb_window_on_project_changed), self);
      self->data_version = cb_project_get_data_version (project);
      if (self->data_version_source == 0)
        self->data_version_source = g_timeout_add (DATA_VERSION_POLL_MS, _cb_window_poll_data_version, self);
      apply_coder (self);
      adw_window_title_set_title (self->window_title, name);
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), name);
    }
  else
    {
      g_clear_handle_id (&self->data_version_source, g_source_remove);
      adw_window_title_set_title (self->window_title, "Codeboom");
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), "Codeboom");
    }

  cb_transcript_view_set_project (self->transcript_view, project);
  cb_code_tree_set_project (self->code_tree, project);
  cb_quotes_pane_set_project (self->quotes_pane, project);
  cb_cases_view_set_project (self->cases_view, project);
  cb_memo_editor_set_project (self->memo_editor, project);
  cb_search_panel_set_project (self->search_panel, project);
  cb_analysis_view_set_project (self->analysis_view, project);
  if (self->agreement_view != NULL)
    cb_agreement_view_set_project (self->agreement_view, project);
  cb_mag_grid_view_set_project (self->mag_grid_view, project);
  if (self->memos_view != NULL)
    cb_memos_view_set_project (self->memos_view, project);
  gtk_stack_set_visible_child_name (self->centre_stack, "empty");

  if (project != NULL)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      /* A new project's documents replace the last one's rows. */
      cb_document_list_set_documents (self->document_list, none);
      _cb_window_refresh_documents (self);
      _cb_window_refresh_quotes (self);
      _cb_window_refresh_recent_codes (self);
      gtk_stack_set_visible_child_name (self->main_stack, "project");
      note_recent_project (self, cb_project_get_path (project));
      {
        g_autoptr(GError) error = NULL;
        gint64 last = remembered_document (self);

        /* a document that cannot be shown leaves the empty page */
        if (last != 0 && !cb_window_show_document (self, last, &error))
          g_debug ("The last document of %s: %s", cb_project_get_path (project), error->message);
      }
    }
  else
    {
      cb_start_page_refresh (self->start_page);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }

  _cb_window_update_actions (self);
}

gboolean
cb_window_open_project (CbWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_autoptr(CbProject) project = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Cannot open “%s”: only local files can be projects"),
                   g_file_peek_path (file));
      return FALSE;
    }

  project = cb_project_open (path, error);
  if (project == NULL)
    return FALSE;

  /* Before anything this session does writes to it. */
  _cb_window_backup_on_open (self, project);
  set_project (self, project);
  return TRUE;
}

gboolean
cb_window_create_project (CbWindow  *self,
                          GFile     *file,
                          GError   **error)
{
  g_autoptr(CbProject) project = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path != NULL && !g_str_has_suffix (path, CB_PROJECT_FILE_EXTENSION))
    {
      char *with_extension = g_strconcat (path, CB_PROJECT_FILE_EXTENSION, NULL);

      g_free (path);
      path = with_extension;
    }
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Projects can only be created on this computer’s disks"));
      return FALSE;
    }

  project = cb_project_create (path, error);
  if (project == NULL)
    return FALSE;

  set_project (self, project);
  return TRUE;
}

void
cb_window_close_project (CbWindow *self)
{
  g_return_if_fail (CB_IS_WINDOW (self));

  set_project (self, NULL);
}

CbProject *
cb_window_get_project (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->project;
}

/* Settings --------------------------------------------------------------- */

static void
on_settings_changed (CbWindow   *self,
                     const char *key,
                     GSettings  *settings)
{
  if (g_strcmp0 (key, "text-size") == 0)
    cb_transcript_view_set_text_size (self->transcript_view,
                                      g_settings_get_int (settings, "text-size"));
  else if (g_strcmp0 (key, "show-stripes") == 0)
    cb_transcript_view_set_show_stripes (self->transcript_view,
                                         g_settings_get_boolean (settings, "show-stripes"));
  else if (g_strcmp0 (key, "coder-name") == 0)
    apply_coder (self);
  else if (g_strcmp0 (key, "include-descendants") == 0)
    _cb_window_refresh_quotes (self);
  else if (g_strcmp0 (key, "recent-codes") == 0)
    _cb_window_refresh_recent_codes (self);
  else if (g_strcmp0 (key, "sidebar-width") == 0 || g_strcmp0 (key, "details-width") == 0)
    _cb_window_apply_pane_widths (self);
}

/* GObject ---------------------------------------------------------------- */

static void
on_cancel_clicked (CbWindow *self)
{
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

static gboolean
on_close_request (CbWindow *self)
{
  int width, height;

  cb_memo_editor_flush (self->memo_editor);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  return FALSE;
}

static void
cb_window_dispose (GObject *object)
{
  CbWindow *self = (CbWindow *)object;

  if (self->memo_editor != NULL)
    cb_memo_editor_flush (self->memo_editor);
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->deferred_source, g_source_remove);
  g_clear_handle_id (&self->job_pulse_source, g_source_remove);
  g_clear_handle_id (&self->trim_source, g_source_remove);
  g_clear_handle_id (&self->data_version_source, g_source_remove);
  _cb_window_set_dialog (self, NULL);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_handler, self->project);
  if (self->quick_code != NULL)
    {
      gtk_widget_unparent (self->quick_code);
      self->quick_code = NULL;
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_WINDOW);

  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->document_name, g_free);
  g_clear_pointer (&self->action_enabled, g_hash_table_unref);

  G_OBJECT_CLASS (cb_window_parent_class)->dispose (object);
}

static void
cb_window_class_init (CbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_window_dispose;

  g_type_ensure (CB_TYPE_CASES_VIEW);
  g_type_ensure (CB_TYPE_CODE_TREE);
  g_type_ensure (CB_TYPE_ANALYSIS_VIEW);
  g_type_ensure (CB_TYPE_MAG_GRID_VIEW);
  g_type_ensure (CB_TYPE_DOCUMENT_LIST);
  g_type_ensure (CB_TYPE_MEMO_EDITOR);
  g_type_ensure (CB_TYPE_QUOTES_PANE);
  g_type_ensure (CB_TYPE_SEARCH_PANEL);
  g_type_ensure (CB_TYPE_SEARCH_RESULTS);
  g_type_ensure (CB_TYPE_START_PAGE);
  g_type_ensure (CB_TYPE_TRANSCRIPT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, details_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, export_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar_flap);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, details_flap);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar_handle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, sidebar_paned);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, details_pane);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, details_handle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_codes_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_codes_box);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, cases_view);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, view_switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, centre_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, document_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, code_tree);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_panel);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_results);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, quotes_pane);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, memo_editor);

  gtk_widget_class_bind_template_callback (widget_class, on_open_recent);
  gtk_widget_class_bind_template_callback (widget_class, on_document_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_results_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_hit_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_quote_activated);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, analysis_view);
  gtk_widget_class_bind_template_callback (widget_class, on_analysis_quote_activated);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, mag_grid_view);
  gtk_widget_class_bind_template_callback (widget_class, on_mag_quote_activated);

  _cb_window_class_actions_init (widget_class);
  _cb_window_class_files_init (widget_class);
  _cb_window_class_layout_init (widget_class);
  _cb_window_class_memos_init (widget_class);
}

static void
cb_window_init (CbWindow *self)
{
  g_autoptr(GAction) descendants_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  _cb_window_memos_init (self);

  self->action_enabled = g_hash_table_new (g_str_hash, g_str_equal);
  self->settings = cb_app_settings_new ();
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self,
                           G_CONNECT_SWAPPED);
  descendants_action = g_settings_create_action (self->settings, "include-descendants");
  g_action_map_add_action (G_ACTION_MAP (self), descendants_action);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (_cb_window_on_active_changed), NULL);

  /* The panes: their widths and the documents/codes split, remembered. */
  _cb_window_setup_panes (self);

  /* The Agreement view: one more page of the centre's stack. */
  self->agreement_view = CB_AGREEMENT_VIEW (cb_agreement_view_new ());
  g_object_add_weak_pointer (G_OBJECT (self->agreement_view), (gpointer *) &self->agreement_view);
  adw_view_stack_page_set_icon_name (adw_view_stack_add_titled (self->view_stack, GTK_WIDGET (self->agreement_view),
                                                                "agreement", _("Agreement")),
                                     "system-users-symbolic");

  cb_transcript_view_set_text_size (self->transcript_view,
                                    g_settings_get_int (self->settings, "text-size"));
  cb_transcript_view_set_show_stripes (self->transcript_view,
                                       g_settings_get_boolean (self->settings, "show-stripes"));

  self->quick_code = cb_quick_code_new ();
  gtk_widget_set_parent (self->quick_code, GTK_WIDGET (self->transcript_view));
  _cb_window_connect_quick_code (self);
  _cb_window_connect_case_filter (self);

  g_object_bind_property (self->search_button, "active", self->search_panel, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->search_panel, "notify::search-mode",
                            G_CALLBACK (on_search_mode_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (cb_transcript_view_get_text_view (self->transcript_view)),
                            "notify::has-selection", G_CALLBACK (_cb_window_update_actions), self);

  _cb_window_setup_drop_target (self);

  gtk_stack_set_visible_child_name (self->main_stack, "start");
  _cb_window_update_actions (self);
}

CbWindow *
cb_window_new (CbApplication *application)
{
  return g_object_new (CB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
