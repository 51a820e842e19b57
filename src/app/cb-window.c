/* cb-window.c: the main window (start screen, or one open project)
 *
 * Left, the documents and the code tree; centre, the transcript; right, the
 * segments of the selected code and a memo editor.  The window owns the
 * CbProject and listens to its ::changed: every change (ours, an undo, a
 * redo) is coalesced into one refresh before the next frame, and each part
 * re-reads only what the change flags say.  Actions live in
 * cb-window-actions.c.
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
#include "cb-segment-row.h"
#include "cb-project-turns.h"
#include "cb-window-private.h"

#define MAX_RECENT_PROJECTS 8
#define MAX_RECENT_CODES    6
#define MEMO_SAVE_DELAY_MS  800
#define DATA_VERSION_POLL_MS 1000

G_DEFINE_FINAL_TYPE (CbWindow, cb_window, ADW_TYPE_APPLICATION_WINDOW)

static void refresh_segments   (CbWindow *self);
static void refresh_documents  (CbWindow *self);
static void load_memo          (CbWindow *self);

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

/* Memo ------------------------------------------------------------------- */

static gboolean
save_memo (CbWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start, end;
  gboolean ok = TRUE;

  g_clear_handle_id (&self->memo_save_source, g_source_remove);
  if (self->project == NULL)
    return G_SOURCE_REMOVE;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  switch (self->memo_kind)
    {
    case MEMO_DOCUMENT:
      ok = cb_project_set_document_memo (self->project, self->memo_key, text, &error);
      break;
    case MEMO_CODE:
      ok = cb_project_set_code_memo (self->project, self->memo_key, text, &error);
      break;
    case MEMO_CODING:
      ok = cb_project_set_coding_memo (self->project, self->memo_coding_id, text, &error);
      break;
    case MEMO_NONE:
    default:
      break;
    }

  if (!ok)
    cb_window_show_error (self, error);
  return G_SOURCE_REMOVE;
}

static void
flush_memo (CbWindow *self)
{
  if (self->memo_save_source != 0)
    save_memo (self);
}

void
_cb_window_flush_memo (CbWindow *self)
{
  flush_memo (self);
}

static void
on_memo_changed (CbWindow      *self,
                 GtkTextBuffer *buffer)
{
  if (self->memo_loading || self->memo_kind == MEMO_NONE)
    return;
  g_clear_handle_id (&self->memo_save_source, g_source_remove);
  self->memo_save_source = g_timeout_add (MEMO_SAVE_DELAY_MS, (GSourceFunc) save_memo, self);
}

static void
set_memo_target (CbWindow   *self,
                 int         kind,
                 const char *key,
                 gint64      coding_id)
{
  flush_memo (self);
  self->memo_kind = kind;
  g_free (self->memo_key);
  self->memo_key = g_strdup (key);
  self->memo_coding_id = coding_id;
  load_memo (self);
}

static void
load_memo (CbWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *memo = NULL;

  if (self->memo_save_source != 0 || self->job_exclusive)
    return;   /* the user is typing (the pending save wins), or a job runs */

  switch (self->memo_kind)
    {
    case MEMO_DOCUMENT:
      {
        g_autoptr(CbDocumentInfo) info = cb_project_get_document (self->project, self->memo_key, NULL);

        title = g_strdup_printf (_("Memo · %s"), self->memo_key);
        memo = g_strdup (info && info->memo ? info->memo : "");
      }
      break;
    case MEMO_CODE:
      {
        g_autoptr(CbCodeInfo) info = cb_project_get_code (self->project, self->memo_key, NULL);

        title = g_strdup_printf (_("Memo · %s"), info ? info->name : self->memo_key);
        memo = g_strdup (info && info->memo ? info->memo : "");
      }
      break;
    case MEMO_CODING:
      {
        g_autoptr(GPtrArray) codings = cb_project_list_document_codings (self->project,
                                                                         cb_transcript_view_get_document_id (self->transcript_view),
                                                                         NULL);
        guint i;

        title = g_strdup (_("Memo · this coding"));
        for (i = 0; codings != NULL && i < codings->len; i++)
          {
            const CbSegment *segment = g_ptr_array_index (codings, i);

            if (segment->coding_id == self->memo_coding_id)
              memo = g_strdup (segment->memo ? segment->memo : "");
          }
        if (memo == NULL)
          {
            self->memo_kind = MEMO_NONE;
            memo = g_strdup ("");
          }
      }
      break;
    case MEMO_NONE:
    default:
      memo = g_strdup ("");
      break;
    }

  self->memo_loading = TRUE;
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
    GtkTextIter start, end;
    g_autofree char *current = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    current = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    if (g_strcmp0 (current, memo) != 0)
      gtk_text_buffer_set_text (buffer, memo, -1);
  }
  self->memo_loading = FALSE;

  gtk_label_set_text (self->memo_title, title ? title : _("Memo"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->memo_view), self->memo_kind != MEMO_NONE);
}

void
_cb_window_set_memo_target_document (CbWindow *self)
{
  if (self->document_name != NULL)
    set_memo_target (self, MEMO_DOCUMENT, self->document_name, 0);
  else
    set_memo_target (self, MEMO_NONE, NULL, 0);
}

/* Documents -------------------------------------------------------------- */

/* A row's menu is built when it is first opened: a GtkPopoverMenu per
 * row, built up front, would cost fifty of them for fifty documents. */
static void
create_document_menu (GtkMenuButton *button,
                      gpointer       user_data)
{
  const char *name = g_object_get_data (G_OBJECT (button), "cb-doc-name");
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) rename = NULL;
  g_autoptr(GMenuItem) delete = NULL;
  g_autoptr(GMenuItem) speakers = NULL;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;
  rename = g_menu_item_new (_("_Rename…"), NULL);
  g_menu_item_set_action_and_target_value (rename, "win.rename-document", g_variant_new_string (name));
  g_menu_append_item (menu, rename);
  delete = g_menu_item_new (_("_Delete…"), NULL);
  g_menu_item_set_action_and_target_value (delete, "win.delete-document", g_variant_new_string (name));
  g_menu_append_item (menu, delete);
  speakers = g_menu_item_new (_("Code Turns by _Speaker"), NULL);
  g_menu_item_set_action_and_target_value (speakers, "win.autocode-speakers", g_variant_new_string (name));
  g_menu_append_item (menu, speakers);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

static GtkWidget *
create_document_row (const CbDocumentInfo *info)
{
  GtkWidget *row, *box, *labels, *name, *details, *button;

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  gtk_widget_set_margin_top (labels, 3);
  gtk_widget_set_margin_bottom (labels, 3);

  name = gtk_label_new (info->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_box_append (GTK_BOX (labels), name);

  details = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (labels), details);
  gtk_box_append (GTK_BOX (box), labels);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  g_object_set_data_full (G_OBJECT (button), "cb-doc-name", g_strdup (info->name), g_free);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_document_menu, NULL, NULL);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Document Menu"));
  gtk_box_append (GTK_BOX (box), button);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "cb-doc-id", g_memdup2 (&info->id, sizeof info->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "cb-doc-name", g_strdup (info->name), g_free);
  g_object_set_data (G_OBJECT (row), "cb-details", details);
  return row;
}

static void
update_document_row (GtkWidget            *row,
                     const CbDocumentInfo *info)
{
  GtkLabel *details = g_object_get_data (G_OBJECT (row), "cb-details");
  g_autofree char *chars = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_chars);
  g_autofree char *text = NULL;
  g_autofree char *a11y = NULL;

  /* Translators: "12,345 characters · 40 codings" under a document's name */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s characters · %d coding",
                                       "%s characters · %d codings",
                                       info->n_codings),
                          chars, (int) info->n_codings);
  gtk_label_set_text (details, text);
  a11y = g_strdup_printf ("%s, %s", info->name, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

static gint64
row_document_id (GtkListBoxRow *row)
{
  gint64 *id = row ? g_object_get_data (G_OBJECT (row), "cb-doc-id") : NULL;

  return id ? *id : 0;
}

static void
select_document_row (CbWindow *self,
                     gint64    document_id)
{
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child) && row_document_id (GTK_LIST_BOX_ROW (child)) == document_id)
        {
          if (gtk_list_box_get_selected_row (self->documents_list) != GTK_LIST_BOX_ROW (child))
            gtk_list_box_select_row (self->documents_list, GTK_LIST_BOX_ROW (child));
          return;
        }
    }
  gtk_list_box_unselect_all (self->documents_list);
}

static void
refresh_documents (CbWindow *self)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = cb_transcript_view_get_document_id (self->transcript_view);
  gboolean same = TRUE;
  gboolean current_found = FALSE;
  GtkWidget *child;
  guint i;

  documents = cb_project_list_documents (self->project, &error);
  if (documents == NULL)
    {
      cb_window_show_error (self, error);
      return;
    }

  /* Same documents in the same order: only the counts changed. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list));
  for (i = 0; i < documents->len; i++)
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);

      if (child == NULL || row_document_id (GTK_LIST_BOX_ROW (child)) != info->id ||
          g_strcmp0 (g_object_get_data (G_OBJECT (child), "cb-doc-name"), info->name) != 0)
        {
          same = FALSE;
          break;
        }
      child = gtk_widget_get_next_sibling (child);
    }
  if (child != NULL)
    same = FALSE;

  g_signal_handlers_block_matched (self->documents_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  if (!same)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list))) != NULL)
        gtk_list_box_remove (self->documents_list, child);
      for (i = 0; i < documents->len; i++)
        gtk_list_box_append (self->documents_list, create_document_row (g_ptr_array_index (documents, i)));
    }

  g_hash_table_remove_all (self->document_names);
  for (i = 0; i < documents->len; i++)
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);

      g_hash_table_insert (self->document_names, g_memdup2 (&info->id, sizeof info->id),
                           g_strdup (info->name));
    }

  child = gtk_widget_get_first_child (GTK_WIDGET (self->documents_list));
  for (i = 0; i < documents->len && child != NULL; i++, child = gtk_widget_get_next_sibling (child))
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);

      update_document_row (child, info);
      if (info->id == current)
        {
          current_found = TRUE;
          if (g_strcmp0 (self->document_name, info->name) != 0)
            {
              g_free (self->document_name);
              self->document_name = g_strdup (info->name);
              adw_window_title_set_subtitle (self->window_title, info->name);
              if (self->memo_kind == MEMO_DOCUMENT)
                set_memo_target (self, MEMO_DOCUMENT, info->name, 0);
            }
        }
    }
  select_document_row (self, current);
  g_signal_handlers_unblock_matched (self->documents_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  gtk_stack_set_visible_child_name (self->documents_stack, documents->len > 0 ? "list" : "empty");

  if (current != 0 && !current_found)
    {
      /* The open document was deleted (or its import undone). */
      cb_transcript_view_clear (self->transcript_view);
      g_clear_pointer (&self->document_name, g_free);
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_stack_set_visible_child_name (self->centre_stack, "empty");
      if (self->memo_kind == MEMO_DOCUMENT || self->memo_kind == MEMO_CODING)
        set_memo_target (self, MEMO_NONE, NULL, 0);
    }
}

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
  name = g_hash_table_lookup (self->document_names, &document_id);
  if (name == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The document no longer exists"));
      return FALSE;
    }

  if (!cb_transcript_view_load_document (self->transcript_view, document_id, name, error))
    return FALSE;
  schedule_trim (self);

  name = g_hash_table_lookup (self->document_names, &document_id);
  g_free (self->document_name);
  self->document_name = g_strdup (name);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_stack_set_visible_child_name (self->centre_stack, "transcript");

  g_signal_handlers_block_matched (self->documents_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  select_document_row (self, document_id);
  g_signal_handlers_unblock_matched (self->documents_list, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

  set_memo_target (self, MEMO_DOCUMENT, name, 0);
  if (gtk_search_bar_get_search_mode (self->search_bar) &&
      !gtk_toggle_button_get_active (self->search_project_toggle))
    _cb_window_search (self);
  _cb_window_update_actions (self);
  return TRUE;
}

static void
on_document_row_selected (CbWindow      *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  g_autoptr(GError) error = NULL;
  gint64 id = row_document_id (row);

  if (id == 0 || self->project == NULL)
    return;
  if (!cb_window_show_document (self, id, &error))
    cb_window_show_error (self, error);
}

/* Segments of the selected code ----------------------------------------- */

/* The turn a segment is cited by, from a per-refresh cache. */
static const CbTurnInfo *
find_turn (CbWindow   *self,
           GHashTable *turns_by_document,
           const CbSegment *segment)
{
  GPtrArray *turns = g_hash_table_lookup (turns_by_document, &segment->document_id);

  if (turns == NULL)
    {
      turns = cb_project_list_turns (self->project, segment->document_name, NULL);
      if (turns == NULL)
        turns = g_ptr_array_new ();
      g_hash_table_insert (turns_by_document, g_memdup2 (&segment->document_id, sizeof segment->document_id), turns);
    }

  return cb_turn_find_for_span (turns, segment->start, segment->end);
}

static void
refresh_segments (CbWindow *self)
{
  g_autofree char *path = cb_code_tree_dup_selected_path (self->code_tree);
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) turns = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GError) error = NULL;
  gboolean descendants = g_settings_get_boolean (self->settings, "include-descendants");
  g_autofree char *subtitle = NULL;
  guint i;

  if (self->job_exclusive)
    return;   /* the job has the project (cb-window-jobs.c) */
  if (path == NULL || self->project == NULL)
    {
      g_list_store_remove_all (self->segments);
      gtk_label_set_text (self->segments_title, _("Segments"));
      gtk_label_set_text (self->segments_subtitle, "");
      gtk_label_set_text (self->segments_empty_label, _("Select a code to see its quotes."));
      gtk_stack_set_visible_child_name (self->segments_stack, "empty");
      return;
    }

  segments = cb_project_retrieve (self->project, path, descendants, &error);
  if (segments == NULL)
    {
      g_list_store_remove_all (self->segments);
      cb_window_show_error (self, error);
      return;
    }

  turns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < segments->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (segments, i);
      const CbTurnInfo *turn = find_turn (self, turns, segment);

      g_hash_table_add (documents, &segment->document_id);
      g_ptr_array_add (items, cb_segment_item_new (cb_segment_copy (segment),
                                                   turn ? turn->speaker : NULL,
                                                   turn ? turn->timestamp : NULL));
    }

  g_list_store_splice (self->segments, 0, g_list_model_get_n_items (G_LIST_MODEL (self->segments)),
                       items->pdata, items->len);

  {
    const char *last = g_strrstr (path, CB_CODE_PATH_SEPARATOR);

    gtk_label_set_text (self->segments_title, last ? last + 3 : path);
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->segments_title), path);
  }
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", segments->len),
                              segments->len);
  if (segments->len > 0)
    {
      g_autofree char *docs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "in %u document", "in %u documents",
                                                            g_hash_table_size (documents)),
                                               g_hash_table_size (documents));
      g_autofree char *both = g_strdup_printf ("%s %s", subtitle, docs);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->segments_subtitle, subtitle);
  gtk_label_set_text (self->segments_empty_label,
                      _("No quotes yet. Select a passage in the transcript and double-click this code."));
  gtk_stack_set_visible_child_name (self->segments_stack, segments->len > 0 ? "list" : "empty");
}

static void
setup_segment_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   CbWindow                 *self)
{
  gtk_list_item_set_child (list_item, cb_segment_row_new ());
}

static void
bind_segment_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  CbWindow                 *self)
{
  CbSegmentItem *item = gtk_list_item_get_item (list_item);
  g_autofree char *path = cb_code_tree_dup_selected_path (self->code_tree);

  cb_segment_row_set_item (CB_SEGMENT_ROW (gtk_list_item_get_child (list_item)), item,
                           g_strcmp0 (cb_segment_item_get_segment (item)->code_path, path) != 0);
}

static void
unbind_segment_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CbWindow                 *self)
{
  cb_segment_row_set_item (CB_SEGMENT_ROW (gtk_list_item_get_child (list_item)), NULL, FALSE);
}

void
_cb_window_open_segment (CbWindow *self,
                         guint     position)
{
  g_autoptr(CbSegmentItem) item = g_list_model_get_item (G_LIST_MODEL (self->segments), position);
  g_autoptr(GError) error = NULL;
  const CbSegment *segment;

  if (item == NULL)
    return;

  segment = cb_segment_item_get_segment (item);
  if (!cb_window_show_document (self, segment->document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, segment->start, segment->end);
  set_memo_target (self, MEMO_CODING, NULL, segment->coding_id);
}

static void
on_segment_activated (CbWindow    *self,
                      guint        position,
                      GtkListView *list_view)
{
  _cb_window_open_segment (self, position);
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

  refresh_segments (self);
  if (path != NULL)
    set_memo_target (self, MEMO_CODE, path, 0);
  _cb_window_update_actions (self);
}

/* Recent codes and projects ---------------------------------------------- */

void
_cb_window_note_recent_code (CbWindow   *self,
                             const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-codes");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) codes = NULL;
  guint i, n = 1;

  if (old[0] != NULL && g_strcmp0 (old[0], path) == 0)
    return;   /* already the most recent: nothing to redo */
  builder = g_strv_builder_new ();

  g_strv_builder_add (builder, path);
  for (i = 0; old[i] != NULL && n < MAX_RECENT_CODES; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  codes = g_strv_builder_end (builder);
  /* The settings' ::changed rebuilds the bar. */
  g_settings_set_strv (self->settings, "recent-codes", (const char * const *) codes);
}

void
_cb_window_refresh_recent_codes (CbWindow *self)
{
  g_auto(GStrv) codes = g_settings_get_strv (self->settings, "recent-codes");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) by_path = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child, *next;
  guint i, shown = 0;

  if (self->job_exclusive)
    return;   /* rebuilt when the job is done */

  if (self->project != NULL && codes[0] != NULL)
    all = cb_project_list_codes (self->project, NULL);
  for (i = 0; all != NULL && i < all->len; i++)
    {
      CbCodeInfo *info = g_ptr_array_index (all, i);

      g_hash_table_insert (by_path, info->path, info);
    }

  /* Keep the leading label, rebuild the buttons. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_codes_box));
  for (child = child ? gtk_widget_get_next_sibling (child) : NULL; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_box_remove (self->recent_codes_box, child);
    }

  for (i = 0; self->project != NULL && codes[i] != NULL; i++)
    {
      const CbCodeInfo *info = g_hash_table_lookup (by_path, codes[i]);
      g_autofree char *markup = NULL;
      g_autofree char *css = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button, *label;
      GdkRGBA rgba;

      if (info == NULL)
        continue;

      cb_code_color_to_rgba (info->color, info->id, &rgba);
      css = cb_rgba_to_hex (&rgba);
      markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s", css, info->name);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.apply-code");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (info->path));
      tooltip = g_strdup_printf (_("Code the selection with “%s”"), info->path);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      gtk_box_append (self->recent_codes_box, button);
      shown++;
    }

  gtk_revealer_set_reveal_child (self->recent_codes_revealer, shown > 0);
}

void
_cb_window_refresh_recent_projects (CbWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-projects");
  GtkWidget *child;
  guint i, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      base = g_path_get_basename (paths[i]);
      dir = g_path_get_dirname (paths[i]);
      if (g_str_has_suffix (base, CB_PROJECT_FILE_EXTENSION))
        base[strlen (base) - strlen (CB_PROJECT_FILE_EXTENSION)] = '\0';

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "cb-path", g_strdup (paths[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      shown++;
    }

  gtk_widget_set_visible (self->recent_box, shown > 0);
}

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
on_recent_row_activated (CbWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  const char *path = g_object_get_data (G_OBJECT (row), "cb-path");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    return;
  file = g_file_new_for_path (path);
  if (!cb_window_open_project (self, file, &error))
    cb_window_show_error (self, error);
}

/* Project ---------------------------------------------------------------- */

/* The rest of a refresh, after the frame with the new highlights: lists,
 * counts, the segments and the memo. */
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
    refresh_documents (self);

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

  refresh_segments (self);
  load_memo (self);

  if ((flags & CB_CHANGE_PROJECT) != 0)
    {
      g_autofree char *name = cb_project_dup_name (self->project);

      adw_window_title_set_title (self->window_title, name);
    }

  if (gtk_search_bar_get_search_mode (self->search_bar))
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

static void
on_project_changed (CbProject *project,
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
    on_project_changed (self->project, flags, self);
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
static gboolean
poll_data_version (gpointer data)
{
  CbWindow *self = data;

  if (gtk_window_is_active (GTK_WINDOW (self)))
    _cb_window_check_data_version (self);
  return G_SOURCE_CONTINUE;
}

static void
on_active_changed (CbWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    _cb_window_check_data_version (self);
}

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
  flush_memo (self);
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
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  self->memo_kind = MEMO_NONE;

  if (project != NULL)
    {
      g_autofree char *name = cb_project_dup_name (project);

      self->project = g_object_ref (project);
      self->changed_handler = g_signal_connect (project, "changed",
                                                G_CALLBACK (on_project_changed), self);
      self->data_version = cb_project_get_data_version (project);
      if (self->data_version_source == 0)
        self->data_version_source = g_timeout_add (DATA_VERSION_POLL_MS, poll_data_version, self);
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
  g_list_store_remove_all (self->segments);
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_stack_set_visible_child_name (self->centre_stack, "empty");

  if (project != NULL)
    {
      refresh_documents (self);
      refresh_segments (self);
      _cb_window_refresh_recent_codes (self);
      gtk_stack_set_visible_child_name (self->main_stack, "project");
      note_recent_project (self, cb_project_get_path (project));
    }
  else
    {
      _cb_window_refresh_recent_projects (self);
      gtk_stack_set_visible_child_name (self->main_stack, "start");
    }

  load_memo (self);
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

/* Drag and drop of files onto the window --------------------------------- */

static gboolean
on_files_dropped (GtkDropTarget *target,
                  const GValue  *value,
                  double         x,
                  double         y,
                  CbWindow      *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) transcripts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GSList *l;

  for (l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *base = g_file_get_basename (file);

      if (base != NULL && g_str_has_suffix (base, CB_PROJECT_FILE_EXTENSION))
        {
          if (self->project == NULL && !cb_window_open_project (self, file, &error))
            cb_window_show_error (self, error);
          else if (self->project != NULL)
            {
              CbWindow *window = cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

              if (cb_window_open_project (window, file, &error))
                gtk_window_present (GTK_WINDOW (window));
              else
                {
                  cb_window_show_error (self, error);
                  gtk_window_destroy (GTK_WINDOW (window));
                }
            }
          return TRUE;
        }
      g_ptr_array_add (transcripts, g_object_ref (file));
    }

  if (self->project == NULL)
    {
      _cb_window_show_toast (self, _("Create or open a project before importing transcripts"));
      return FALSE;
    }
  if (transcripts->len > 0)
    _cb_window_import_files (self, transcripts);
  return TRUE;
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
    refresh_segments (self);
  else if (g_strcmp0 (key, "recent-codes") == 0)
    _cb_window_refresh_recent_codes (self);
}

/* GObject ---------------------------------------------------------------- */

static void
on_cancel_clicked (CbWindow *self)
{
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
}

static void
on_search_changed (CbWindow *self)
{
  _cb_window_search (self);
}

static void
on_search_activate (CbWindow *self)
{
  if (gtk_toggle_button_get_active (self->search_project_toggle))
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, 0);

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }
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
on_result_activated (CbWindow      *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list_box)
{
  int index = gtk_list_box_row_get_index (row);
  const CbSearchHit *hit;
  g_autoptr(GError) error = NULL;

  if (self->search_hits == NULL || index < 0 || (guint) index >= self->search_hits->len)
    return;

  hit = g_ptr_array_index (self->search_hits, index);
  if (!cb_window_show_document (self, hit->document_id, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  cb_transcript_view_select_range (self->transcript_view, hit->start, hit->end);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

static void
on_search_mode_changed (CbWindow     *self,
                        GParamSpec   *pspec,
                        GtkSearchBar *search_bar)
{
  if (!gtk_search_bar_get_search_mode (search_bar))
    {
      cb_transcript_view_set_search_matches (self->transcript_view, NULL);
      g_clear_pointer (&self->search_hits, g_ptr_array_unref);
      gtk_toggle_button_set_active (self->search_project_toggle, FALSE);
      if (self->project != NULL)
        gtk_stack_set_visible_child_name (self->centre_stack,
                                          cb_transcript_view_get_document_id (self->transcript_view) ? "transcript" : "empty");
    }
  _cb_window_update_actions (self);
}

static gboolean
on_close_request (CbWindow *self)
{
  int width, height;

  flush_memo (self);
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

  flush_memo (self);
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->deferred_source, g_source_remove);
  g_clear_handle_id (&self->memo_save_source, g_source_remove);
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
  if (self->segments_view != NULL)
    gtk_list_view_set_model (self->segments_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_WINDOW);

  g_clear_object (&self->project);
  g_clear_object (&self->segments_selection);
  g_clear_object (&self->segments);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  g_clear_pointer (&self->document_name, g_free);
  g_clear_pointer (&self->memo_key, g_free);
  g_clear_pointer (&self->action_enabled, g_hash_table_unref);
  g_clear_pointer (&self->document_names, g_hash_table_unref);

  G_OBJECT_CLASS (cb_window_parent_class)->dispose (object);
}

static void
cb_window_class_init (CbWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_window_dispose;

  g_type_ensure (CB_TYPE_CODE_TREE);
  g_type_ensure (CB_TYPE_TRANSCRIPT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CbWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, export_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, documents_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, documents_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, code_tree);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_project_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, search_count);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_codes_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, recent_codes_box);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, centre_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, transcript_view);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, results_list);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, segments_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, segments_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, segments_stack);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, segments_empty_label);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, segments_view);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, memo_title);
  gtk_widget_class_bind_template_child (widget_class, CbWindow, memo_view);

  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_document_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_code_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_code_selection_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_next);
  gtk_widget_class_bind_template_callback (widget_class, on_search_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_result_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_segment_activated);

  _cb_window_class_actions_init (widget_class);
}

static void
cb_window_init (CbWindow *self)
{
  GtkListItemFactory *factory;
  GtkDropTarget *drop_target;
  g_autoptr(GAction) descendants_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->action_enabled = g_hash_table_new (g_str_hash, g_str_equal);
  self->document_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->settings = g_settings_new (APP_ID);
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
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_active_changed), NULL);

  cb_transcript_view_set_text_size (self->transcript_view,
                                    g_settings_get_int (self->settings, "text-size"));
  cb_transcript_view_set_show_stripes (self->transcript_view,
                                       g_settings_get_boolean (self->settings, "show-stripes"));

  self->segments = g_list_store_new (CB_TYPE_SEGMENT_ITEM);
  self->segments_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->segments)));
  gtk_single_selection_set_autoselect (self->segments_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->segments_selection, TRUE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_segment_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_segment_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_segment_row), self);
  gtk_list_view_set_factory (self->segments_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->segments_view, GTK_SELECTION_MODEL (self->segments_selection));
  gtk_list_view_set_single_click_activate (self->segments_view, TRUE);

  self->quick_code = cb_quick_code_new ();
  gtk_widget_set_parent (self->quick_code, GTK_WIDGET (self->transcript_view));
  _cb_window_connect_quick_code (self);

  g_object_bind_property (self->search_button, "active", self->search_bar, "search-mode-enabled",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->memo_view), "changed",
                            G_CALLBACK (on_memo_changed), self);
  g_signal_connect_swapped (gtk_text_view_get_buffer (cb_transcript_view_get_text_view (self->transcript_view)),
                            "notify::has-selection", G_CALLBACK (_cb_window_update_actions), self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_stack_set_visible_child_name (self->main_stack, "start");
  _cb_window_refresh_recent_projects (self);
  _cb_window_update_actions (self);
}

CbWindow *
cb_window_new (CbApplication *application)
{
  return g_object_new (CB_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
