/* cb-window-actions.c: what the window does (win.* actions)
 *
 * Every action that changes the project is one CbProject call, hence one
 * transaction and one undo step; the window redraws after ::changed.
 * Imports read and decode files on a worker thread (GTask) and store each
 * result on the main thread, with progress and a cancel button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-quote-formats.h"
#include "cb-refi-export.h"
#include "cb-import.h"
#include "cb-project-turns.h"
#include "cb-window-private.h"

#define MAX_RESULT_ROWS 500
#define MAX_IN_VIVO_CHARS 60

/* Undo and redo ---------------------------------------------------------- */

/* gtk_widget_action_set_enabled() notifies every observer even when
 * nothing changes, which is expensive; only pass on real changes. */
static void
set_enabled (CbWindow   *self,
             const char *name,
             gboolean    enabled)
{
  gpointer state = GINT_TO_POINTER (1 + !!enabled);

  if (g_hash_table_lookup (self->action_enabled, name) == state)
    return;
  g_hash_table_insert (self->action_enabled, (gpointer) name, state);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), name, enabled);
}

void
_cb_window_update_actions (CbWindow *self)
{
  /* While a job's connection works, this one stays idle (see
   * cb-window-jobs.c): nothing that reads or writes the project. */
  gboolean has_project = self->project != NULL && !self->job_exclusive;
  gboolean has_document = has_project && cb_transcript_view_get_document_id (self->transcript_view) != 0;
  gboolean has_selection = has_document && cb_transcript_view_get_selection (self->transcript_view, NULL, NULL);
  gboolean has_code = has_project && cb_code_tree_get_selected_id (self->code_tree) != 0;
  gboolean busy = self->job_cancellable != NULL;
  gboolean shown = self->project != NULL;
  g_autofree char *undo = has_project ? cb_project_dup_undo_label (self->project) : NULL;
  g_autofree char *redo = has_project ? cb_project_dup_redo_label (self->project) : NULL;
  g_autofree char *undo_tip = undo ? g_strdup_printf (_("Undo “%s”"), undo) : g_strdup (_("Nothing to undo"));
  g_autofree char *redo_tip = redo ? g_strdup_printf (_("Redo “%s”"), redo) : g_strdup (_("Nothing to redo"));

  set_enabled (self, "win.close-project", has_project);
  set_enabled (self, "win.import", has_project && !busy);
  set_enabled (self, "win.import-codebook", has_project);
  set_enabled (self, "win.undo", undo != NULL);
  set_enabled (self, "win.redo", redo != NULL);
  set_enabled (self, "win.apply-code", has_selection);
  set_enabled (self, "win.quick-code", has_selection);
  set_enabled (self, "win.in-vivo", has_selection);
  set_enabled (self, "win.uncode", has_document);
  set_enabled (self, "win.search", has_project);
  set_enabled (self, "win.search-project", has_project);
  set_enabled (self, "win.code-hits",
               !busy && has_code && self->search_hits != NULL && self->search_hits->len > 0);
  set_enabled (self, "win.export-codebook", has_project && !busy);
  set_enabled (self, "win.export-quotes", has_code && !busy);
  set_enabled (self, "win.export-project", has_project && !busy);
  set_enabled (self, "win.rename-document", has_project);
  set_enabled (self, "win.delete-document", has_project);
  set_enabled (self, "win.rename-speaker", has_document);
  set_enabled (self, "win.set-interviewer", has_document);
  set_enabled (self, "win.autocode-speakers", has_project && !busy);
  set_enabled (self, "win.autocode-all-speakers", has_project && !busy);
  set_enabled (self, "win.new-code", has_project);
  set_enabled (self, "win.new-subcode", has_code);
  set_enabled (self, "win.backups", has_project);

  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  gtk_widget_set_visible (self->import_button, shown);
  gtk_widget_set_visible (self->undo_button, shown);
  gtk_widget_set_visible (self->redo_button, shown);
  gtk_widget_set_visible (self->export_menu_button, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), shown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->documents_list), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_tree), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->segments_stack), has_project);
  /* Not insensitive: the memo or the search entry may have the focus. */
  gtk_text_view_set_editable (self->memo_view, !self->job_exclusive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_codes_box), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->results_list), has_project);
}

static void
undo_redo (CbWindow *self,
           gboolean  redo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  if (self->project == NULL)
    return;

  label = redo ? cb_project_redo (self->project, &error) : cb_project_undo (self->project, &error);
  if (label == NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  /* Translators: %s is what was undone, such as Code “Trust” */
  message = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label);
  _cb_window_show_toast (self, message);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (CB_WINDOW (widget), FALSE);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_redo (CB_WINDOW (widget), TRUE);
}

/* Coding ----------------------------------------------------------------- */

gboolean
_cb_window_apply_code (CbWindow    *self,
                       const char  *code_path,
                       gboolean     create,
                       GError     **error)
{
  gint64 start, end;
  gboolean created = FALSE;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->document_name == NULL ||
      !cb_transcript_view_get_selection (self->transcript_view, &start, &end))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Select a passage in the transcript first"));
      return FALSE;
    }

  /* Creating the code is part of the coding's transaction: one undo step. */
  if ((create ? cb_project_apply_creating (self->project, self->document_name, code_path,
                                           start, end, &created, error)
              : cb_project_apply (self->project, self->document_name, code_path,
                                  start, end, &created, error)) == 0)
    return FALSE;

  if (!created)
    {
      g_autofree char *message = g_strdup_printf (_("This passage is already coded with “%s”"), code_path);

      _cb_window_show_toast (self, message);
    }
  _cb_window_note_recent_code (self, code_path);
  return TRUE;
}

static void
apply_code_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_variant_dup_string (parameter, NULL);

  if (path[0] == '\0')
    {
      g_free (path);
      path = cb_code_tree_dup_selected_path (self->code_tree);
      if (path == NULL)
        {
          _cb_window_show_toast (self, _("Select a code in the code tree first"));
          return;
        }
    }

  if (!_cb_window_apply_code (self, path, FALSE, &error))
    cb_window_show_error (self, error);
}

static void
on_quick_code_chosen (CbWindow    *self,
                      const char  *path,
                      gboolean     create,
                      CbQuickCode *quick_code)
{
  g_autoptr(GError) error = NULL;

  if (!_cb_window_apply_code (self, path, create, &error))
    cb_window_show_error (self, error);
  gtk_widget_grab_focus (GTK_WIDGET (self->transcript_view));
}

static void
quick_code_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  GdkRectangle rect;

  if (self->project == NULL)
    return;

  codes = cb_project_list_codes (self->project, &error);
  if (codes == NULL)
    {
      cb_window_show_error (self, error);
      return;
    }

  parent = cb_code_tree_dup_selected_path (self->code_tree);
  cb_quick_code_set_codes (CB_QUICK_CODE (self->quick_code), codes, parent);
  cb_transcript_view_get_selection_rect (self->transcript_view, &rect);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->quick_code), &rect);
  gtk_popover_popup (GTK_POPOVER (self->quick_code));
}

/* A code name from the selected words: one line, no surrounding
 * punctuation, not too long, no path separator. */
static char *
in_vivo_name (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\n", -1);
  GString *name = g_string_new (NULL);
  guint i;

  for (i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, words[i]);
    }

  g_strdelimit (name->str, "/", '-');

  /* Trim punctuation and quotes at both ends. */
  while (name->len > 0)
    {
      gunichar c = g_utf8_get_char (name->str);

      if (!g_unichar_ispunct (c) && !g_unichar_isspace (c))
        break;
      g_string_erase (name, 0, g_utf8_next_char (name->str) - name->str);
    }
  while (name->len > 0)
    {
      const char *last = g_utf8_find_prev_char (name->str, name->str + name->len);
      gunichar c = g_utf8_get_char (last);

      if (!g_unichar_ispunct (c) && !g_unichar_isspace (c))
        break;
      g_string_truncate (name, last - name->str);
    }

  if (g_utf8_strlen (name->str, -1) > MAX_IN_VIVO_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (name->str, 0, MAX_IN_VIVO_CHARS);
      char *space = strrchr (cut, ' ');

      if (space != NULL && space > cut)
        *space = '\0';
      g_string_assign (name, cut);
      g_string_append (name, "…");
    }

  return g_string_free (name, FALSE);
}

static void
in_vivo_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *text = cb_transcript_view_dup_selected_text (self->transcript_view);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (text == NULL || self->project == NULL)
    return;

  name = in_vivo_name (text);
  if (name[0] == '\0')
    {
      _cb_window_show_toast (self, _("The selection has no words to name a code after"));
      return;
    }

  if (!_cb_window_apply_code (self, name, TRUE, &error))
    cb_window_show_error (self, error);
}

static void
uncode_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *path = NULL;
  gint64 start, end;

  if (self->project == NULL || self->document_name == NULL)
    return;

  g_variant_get (parameter, "(&sxx)", &path, &start, &end);
  if (!cb_project_unapply (self->project, self->document_name, path, start, end, &error))
    cb_window_show_error (self, error);
}

static void
new_code_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->code_tree),
                              g_str_equal (action_name, "win.new-subcode") ? "code.add-child" : "code.add",
                              NULL);
}

/* Search ----------------------------------------------------------------- */

static GtkWidget *
create_result_row (const CbSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *context = gtk_label_new (NULL);
  GtkWidget *source = gtk_label_new (hit->document_name);
  g_autofree char *markup = NULL;
  g_autofree char *before = g_strdup (hit->before ? hit->before : "");
  g_autofree char *after = g_strdup (hit->after ? hit->after : "");

  g_strdelimit (before, "\n", ' ');
  g_strdelimit (after, "\n", ' ');
  markup = g_markup_printf_escaped ("…%s<b>%s</b>%s…", before, hit->match, after);
  gtk_label_set_markup (GTK_LABEL (context), markup);
  gtk_label_set_wrap (GTK_LABEL (context), TRUE);
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_box_append (GTK_BOX (box), context);
  gtk_box_append (GTK_BOX (box), source);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

void
_cb_window_search (CbWindow *self)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  const char *term = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean whole_project = gtk_toggle_button_get_active (self->search_project_toggle);
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;
  guint i;

  if (self->job_exclusive)
    return;   /* searched again when the job is done */
  g_clear_pointer (&self->search_hits, g_ptr_array_unref);
  cb_transcript_view_set_search_matches (self->transcript_view, NULL);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  g_object_set (self->search_entry, "placeholder-text",
                whole_project ? _("Search all documents") : _("Search this document"),
                NULL);

  if (self->project == NULL || term[0] == '\0' ||
      (!whole_project && self->document_name == NULL))
    {
      gtk_label_set_text (self->search_count, "");
      if (self->project != NULL && !whole_project)
        gtk_stack_set_visible_child_name (self->centre_stack,
                                          self->document_name ? "transcript" : "empty");
      _cb_window_update_actions (self);
      return;
    }

  if (!whole_project)
    options.document = self->document_name;
  else
    options.context = 48;

  self->search_hits = cb_search_find (self->project, term, &options, NULL, &error);
  if (self->search_hits == NULL)
    {
      gtk_label_set_text (self->search_count, error->message);
      _cb_window_update_actions (self);
      return;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", self->search_hits->len),
                           self->search_hits->len);
  gtk_label_set_text (self->search_count, count);

  if (whole_project)
    {
      for (i = 0; i < self->search_hits->len && i < MAX_RESULT_ROWS; i++)
        gtk_list_box_append (self->results_list,
                             create_result_row (g_ptr_array_index (self->search_hits, i)));
      gtk_stack_set_visible_child_name (self->centre_stack, "results");
    }
  else
    {
      g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (i = 0; i < self->search_hits->len; i++)
        {
          const CbSearchHit *hit = g_ptr_array_index (self->search_hits, i);

          g_array_append_val (pairs, hit->start);
          g_array_append_val (pairs, hit->end);
        }
      cb_transcript_view_set_search_matches (self->transcript_view, pairs);
      gtk_stack_set_visible_child_name (self->centre_stack, "transcript");
    }

  _cb_window_update_actions (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  gboolean whole_project = g_str_equal (action_name, "win.search-project");

  gtk_toggle_button_set_active (self->search_project_toggle, whole_project);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  _cb_window_search (self);
}

typedef struct
{
  GPtrArray *hits;        /* of CbSearchHit, shared read-only with the window */
  char      *code_path;
  guint      n_coded;
  guint      n_existing;
} CodeHitsJob;

static void
code_hits_job_free (CodeHitsJob *job)
{
  g_clear_pointer (&job->hits, g_ptr_array_unref);
  g_free (job->code_path);
  g_free (job);
}

static gboolean
code_hits_thread (CbProject     *project,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CodeHitsJob *job = data;

  return cb_search_code_hits (project, job->hits, job->code_path, CB_SEARCH_EXTEND_HIT,
                              &job->n_coded, &job->n_existing, error);
}

static void
code_hits_done (CbWindow     *self,
                gpointer      data,
                const GError *error)
{
  CodeHitsJob *job = data;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Coded %u hit with “%s”",
                                          "Coded %u hits with “%s”", job->n_coded),
                             job->n_coded, job->code_path);
  _cb_window_show_toast (self, message);
  _cb_window_note_recent_code (self, job->code_path);
}

gboolean
_cb_window_code_hits (CbWindow *self)
{
  g_autofree char *path = NULL;
  CodeHitsJob *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  path = cb_code_tree_dup_selected_path (self->code_tree);
  if (path == NULL || self->search_hits == NULL || self->project == NULL)
    return FALSE;

  job = g_new0 (CodeHitsJob, 1);
  job->hits = g_ptr_array_ref (self->search_hits);
  job->code_path = g_steal_pointer (&path);
  return _cb_window_run_job (self, _("Coding the hits…"), CB_CHANGE_ALL,
                             code_hits_thread, code_hits_done,
                             job, (GDestroyNotify) code_hits_job_free);
}

static void
code_hits_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  _cb_window_code_hits (CB_WINDOW (widget));
}

/* Files: new, open, import, export --------------------------------------- */

typedef void (*FileChosenFunc) (CbWindow *self,
                                GFile    *file,
                                GSList   *files);

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     CbWindow        *self)
{
  FileChosenFunc func = g_object_get_data (G_OBJECT (chooser), "cb-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      GSList *list = NULL;
      guint i;

      for (i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      func (self, file, list);
      g_slist_free_full (list, g_object_unref);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (CbWindow             *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *current_name,
             gboolean              multiple,
             GtkFileFilter        *filter,
             FileChosenFunc        func)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), multiple);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  if (filter != NULL)
    {
      GtkFileFilter *all = gtk_file_filter_new ();

      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
      g_object_unref (all);
      g_object_unref (filter);
    }
  g_object_set_data (G_OBJECT (chooser), "cb-func", func);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Codeboom Projects"));
  gtk_file_filter_add_mime_type (filter, "application/x-codeboom");
  gtk_file_filter_add_suffix (filter, "codeboom");
  return filter;
}

static CbWindow *
window_for_project (CbWindow *self)
{
  /* One project a window: a second one gets a window of its own. */
  if (self->project == NULL)
    return self;
  return cb_window_new (CB_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

static void
project_file_chosen (CbWindow *self,
                     GFile    *file,
                     GSList   *files,
                     gboolean  create)
{
  CbWindow *target = window_for_project (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = create ? cb_window_create_project (target, file, &error)
              : cb_window_open_project (target, file, &error);
  if (!ok)
    {
      AdwMessageDialog *dialog;

      if (target != self)
        gtk_window_destroy (GTK_WINDOW (target));
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           create ? _("Cannot Create the Project")
                                                                  : _("Cannot Open the Project"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      _cb_window_set_dialog (self, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_present (GTK_WINDOW (target));
}

static void
new_project_chosen (CbWindow *self,
                    GFile    *file,
                    GSList   *files)
{
  project_file_chosen (self, file, files, TRUE);
}

static void
open_project_chosen (CbWindow *self,
                     GFile    *file,
                     GSList   *files)
{
  project_file_chosen (self, file, files, FALSE);
}

static void
new_project_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  /* Translators: the file name offered for a new project */
  g_autofree char *name = g_strconcat (_("Untitled"), CB_PROJECT_FILE_EXTENSION, NULL);

  choose_file (CB_WINDOW (widget), _("New Project"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Create"), name, FALSE, project_filter (), new_project_chosen);
}

static void
open_project_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  choose_file (CB_WINDOW (widget), _("Open Project"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Open"), NULL, FALSE, project_filter (), open_project_chosen);
}

static void
close_project_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  cb_window_close_project (CB_WINDOW (widget));
}

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

static void
import_chosen (CbWindow *self,
               GFile    *file,
               GSList   *files)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  GSList *l;

  for (l = files; l != NULL; l = l->next)
    g_ptr_array_add (array, g_object_ref (l->data));
  _cb_window_import_files (self, array);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  static const char * const suffixes[] = { "txt", "docx", "odt", "rtf", "html", "htm", "pdf", "md" };
  guint i;

  gtk_file_filter_set_name (filter, _("Transcripts"));
  for (i = 0; i < G_N_ELEMENTS (suffixes); i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  choose_file (CB_WINDOW (widget), _("Import Transcripts"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), NULL, TRUE, filter, import_chosen);
}

static void
import_codebook_chosen (CbWindow *self,
                        GFile    *file,
                        GSList   *files)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_added = 0;

  if (!cb_project_import_codebook_tsv (self->project, file, &n_added, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %u code", "Added %u codes", n_added),
                             n_added);
  _cb_window_show_toast (self, message);
}

static void
import_codebook_activate (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Codebooks (path, Tab, definition)"));
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  choose_file (CB_WINDOW (widget), _("Import Codebook"), GTK_FILE_CHOOSER_ACTION_OPEN,
               _("_Import"), NULL, FALSE, filter, import_codebook_chosen);
}

/* Export ----------------------------------------------------------------- */

typedef enum
{
  EXPORT_CODEBOOK,
  EXPORT_QUOTES,
  EXPORT_PROJECT,
} ExportKind;

typedef struct
{
  ExportKind  kind;
  GFile      *file;
  char       *code_path;   /* EXPORT_QUOTES: NULL for every code */
  gboolean    only;        /* EXPORT_QUOTES: without descendants */
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_free (job->code_path);
  g_free (job);
}

/* Worker thread, on the job's own project: build the bytes, then write
 * them whole (a temporary file renamed into place) unless cancelled. */
static gboolean
export_thread (CbProject     *project,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportJob *job = data;
  g_autoptr(GBytes) bytes = NULL;

  switch (job->kind)
    {
    case EXPORT_CODEBOOK:
      bytes = cb_export_codebook (project, error);
      break;
    case EXPORT_PROJECT:
      bytes = cb_refi_export_project (project, CB_REFI_EXPORT_NONE, error);
      break;
    case EXPORT_QUOTES:
      {
        g_autofree char *base = g_file_get_basename (job->file);
        CbQuoteFormat format = CB_QUOTE_FORMAT_XML;

        bytes = cb_export_quotes (project, job->code_path, job->only, error);
        if (bytes == NULL)
          return FALSE;
        /* The file name's extension picks the format; XML when it names none. */
        if (cb_quote_format_from_filename (base, &format) && format != CB_QUOTE_FORMAT_XML)
          {
            g_autoptr(GBytes) rendered = NULL;

            if (g_cancellable_set_error_if_cancelled (cancellable, error))
              return FALSE;
            rendered = cb_quote_list_render (bytes, format, NULL, CB_QUOTE_DEFAULT_BLOCK_WORDS, error);
            if (rendered == NULL)
              return FALSE;
            g_bytes_unref (bytes);
            bytes = g_steal_pointer (&rendered);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return cb_export_write_file (bytes, job->file, error);
}

static void
exported (CbWindow     *self,
          gpointer      data,
          const GError *error)
{
  ExportJob *job = data;
  g_autofree char *message = NULL;
  g_autofree char *base = g_file_get_basename (job->file);

  if (error != NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Export Failed"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      _cb_window_set_dialog (self, dialog);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  message = g_strdup_printf (_("Exported “%s”"), base);
  _cb_window_show_toast (self, message);
}

static gboolean
start_export (CbWindow   *self,
              ExportKind  kind,
              GFile      *file,
              const char *code_path,
              gboolean    only)
{
  ExportJob *job = g_new0 (ExportJob, 1);
  g_autofree char *base = g_file_get_basename (file);
  g_autofree char *message = NULL;

  job->kind = kind;
  job->file = g_object_ref (file);
  job->code_path = g_strdup (code_path);
  job->only = only;
  /* Translators: in the progress bar while a file is written */
  message = g_strdup_printf (_("Exporting “%s”…"), base);
  return _cb_window_run_job (self, message, 0, export_thread, exported,
                             job, (GDestroyNotify) export_job_free);
}

gboolean
_cb_window_export_codebook (CbWindow *self,
                            GFile    *file)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  return start_export (self, EXPORT_CODEBOOK, file, NULL, FALSE);
}

gboolean
_cb_window_export_quotes (CbWindow *self,
                          GFile    *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  path = cb_code_tree_dup_selected_path (self->code_tree);
  return start_export (self, EXPORT_QUOTES, file, path,
                       !g_settings_get_boolean (self->settings, "include-descendants"));
}

gboolean
_cb_window_export_project (CbWindow *self,
                           GFile    *file)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  return start_export (self, EXPORT_PROJECT, file, NULL, FALSE);
}

static void
export_codebook_chosen (CbWindow *self,
                        GFile    *file,
                        GSList   *files)
{
  _cb_window_export_codebook (self, file);
}

static void
export_quotes_chosen (CbWindow *self,
                      GFile    *file,
                      GSList   *files)
{
  _cb_window_export_quotes (self, file);
}

static char *
file_name_for (const char *name,
               const char *extension)
{
  g_autofree char *safe = g_strdup (name);

  g_strdelimit (safe, "/\\:*?\"<>|", '-');
  return g_strconcat (safe, extension, NULL);
}

static void
export_codebook_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *project = cb_project_dup_name (self->project);
  g_autofree char *name = file_name_for (project, ".qdc");
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("REFI-QDA Codebooks"));
  gtk_file_filter_add_suffix (filter, "qdc");
  choose_file (self, _("Export Codebook"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), name, FALSE, filter, export_codebook_chosen);
}

static void
export_quotes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *path = cb_code_tree_dup_selected_path (self->code_tree);
  g_autofree char *name = NULL;
  GtkFileFilter *filter = gtk_file_filter_new ();
  const char *last;

  if (path == NULL)
    return;
  last = g_strrstr (path, CB_CODE_PATH_SEPARATOR);
  name = file_name_for (last ? last + 3 : path, ".xml");
  gtk_file_filter_set_name (filter, _("Quote Lists (XML, HTML, Markdown, DOCX, ODT)"));
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_filter_add_suffix (filter, "html");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "docx");
  gtk_file_filter_add_suffix (filter, "odt");
  choose_file (self, _("Export Quotes"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), name, FALSE, filter, export_quotes_chosen);
}

static void
export_project_chosen (CbWindow *self,
                       GFile    *file,
                       GSList   *files)
{
  _cb_window_export_project (self, file);
}

static void
export_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autofree char *project = cb_project_dup_name (self->project);
  g_autofree char *name = file_name_for (project, ".qdpx");
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("REFI-QDA Projects"));
  gtk_file_filter_add_suffix (filter, "qdpx");
  choose_file (self, _("Export Project"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Export"), name, FALSE, filter, export_project_chosen);
}

/* Documents -------------------------------------------------------------- */

gboolean
_cb_window_rename_document (CbWindow    *self,
                            const char  *name,
                            const char  *new_name,
                            GError     **error)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (!cb_project_rename_document (self->project, name, new_name, error))
    return FALSE;
  if (g_strcmp0 (self->document_name, name) == 0)
    {
      g_free (self->document_name);
      self->document_name = g_strdup (new_name);
      adw_window_title_set_subtitle (self->window_title, new_name);
    }
  return TRUE;
}

static void
on_rename_document_response (AdwMessageDialog *dialog,
                             const char       *response,
                             CbWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *name = g_object_get_data (G_OBJECT (dialog), "cb-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *new_name = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  new_name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (new_name[0] == '\0' || g_strcmp0 (new_name, name) == 0)
    return;
  if (!_cb_window_rename_document (self, name, new_name, &error))
    cb_window_show_error (self, error);
}

static void
rename_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Rename Document"), NULL));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  g_object_set_data_full (G_OBJECT (dialog), "cb-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_document_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_document_response (AdwMessageDialog *dialog,
                             const char       *response,
                             CbWindow         *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "cb-name");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!cb_project_delete_document (self->project, name, &error))
    cb_window_show_error (self, error);
}

static void
delete_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(CbDocumentInfo) info = cb_project_get_document (self->project, name, NULL);
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), name);
  g_autofree char *body = NULL;
  gint64 n = info ? info->n_codings : 0;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The transcript and its %d coding will be deleted. You can undo this.",
                                       "The transcript and its %d codings will be deleted. You can undo this.",
                                       n), (int) n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cb-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_document_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Speakers ---------------------------------------------------------------- */

static void
speakers_changed (CbWindow *self)
{
  /* The project announced CB_CHANGE_DOCUMENTS; the labels need redrawing. */
  _cb_window_project_changed_elsewhere (self, CB_WINDOW_CHANGE_TURNS);
}

gboolean
_cb_window_rename_speaker (CbWindow    *self,
                           const char  *name,
                           const char  *new_name,
                           GError     **error)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->document_name == NULL)
    return TRUE;
  if (!cb_project_rename_speaker (self->project, self->document_name, name, new_name, error))
    return FALSE;
  speakers_changed (self);
  return TRUE;
}

static void
on_rename_speaker_response (AdwMessageDialog *dialog,
                            const char       *response,
                            CbWindow         *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *name = g_object_get_data (G_OBJECT (dialog), "cb-name");
  g_autoptr(GError) error = NULL;
  g_autofree char *new_name = NULL;

  if (g_strcmp0 (response, "rename") != 0)
    return;

  new_name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (new_name[0] == '\0' || g_strcmp0 (new_name, name) == 0)
    return;
  if (!_cb_window_rename_speaker (self, name, new_name, &error))
    cb_window_show_error (self, error);
}

static void
rename_speaker_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (self->document_name == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Rename Speaker"),
                                                       _("The name is used in quotes and exports; "
                                                         "the transcript’s text stays as it is. "
                                                         "A name another speaker already has merges the two.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  g_object_set_data_full (G_OBJECT (dialog), "cb-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_speaker_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_interviewer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *name = NULL;
  gboolean is_interviewer = FALSE;

  if (self->project == NULL || self->document_name == NULL)
    return;

  g_variant_get (parameter, "(&sb)", &name, &is_interviewer);
  if (!cb_project_set_speaker_interviewer (self->project, self->document_name, name,
                                           is_interviewer, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  speakers_changed (self);
}

typedef struct
{
  char      *document;   /* NULL: every document */
  GPtrArray *codes;      /* of CbSpeakerCode, filled by the thread */
} AutocodeJob;

static void
autocode_job_free (AutocodeJob *job)
{
  g_free (job->document);
  g_clear_pointer (&job->codes, g_ptr_array_unref);
  g_free (job);
}

static gboolean
autocode_thread (CbProject     *project,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  AutocodeJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  /* The interviewer's questions are not data: only the others' turns. */
  job->codes = cb_project_autocode_speakers (project, job->document, NULL,
                                             CB_AUTOCODE_SKIP_INTERVIEWERS, error);
  return job->codes != NULL;
}

static void
autocode_done (CbWindow     *self,
               gpointer      data,
               const GError *error)
{
  AutocodeJob *job = data;
  g_autofree char *message = NULL;
  guint i, n_created = 0;

  if (error != NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  for (i = 0; i < job->codes->len; i++)
    n_created += ((CbSpeakerCode *) g_ptr_array_index (job->codes, i))->n_created;
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Coded %u turn by speaker",
                                          "Coded %u turns by speaker", n_created),
                             n_created);
  _cb_window_show_toast (self, message);
}

gboolean
_cb_window_autocode_speakers (CbWindow   *self,
                              const char *document)
{
  AutocodeJob *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL)
    return FALSE;

  job = g_new0 (AutocodeJob, 1);
  job->document = g_strdup (document);
  return _cb_window_run_job (self, _("Coding turns by speaker…"), CB_CHANGE_ALL,
                             autocode_thread, autocode_done,
                             job, (GDestroyNotify) autocode_job_free);
}

static void
autocode_speakers_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *document = NULL;

  if (g_str_equal (action_name, "win.autocode-speakers"))
    {
      /* "" is the open document. */
      document = g_variant_get_string (parameter, NULL);
      if (document[0] == '\0')
        document = self->document_name;
      if (document == NULL)
        return;
    }
  _cb_window_autocode_speakers (self, document);
}

static void
backups_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _cb_window_show_backups (CB_WINDOW (widget));
}

/* Registration ----------------------------------------------------------- */

void
_cb_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-project", NULL, new_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project", NULL, open_project_action);
  gtk_widget_class_install_action (widget_class, "win.close-project", NULL, close_project_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-codebook", NULL, import_codebook_activate);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.apply-code", "s", apply_code_action);
  gtk_widget_class_install_action (widget_class, "win.quick-code", NULL, quick_code_action);
  gtk_widget_class_install_action (widget_class, "win.in-vivo", NULL, in_vivo_action);
  gtk_widget_class_install_action (widget_class, "win.uncode", "(sxx)", uncode_action);
  gtk_widget_class_install_action (widget_class, "win.new-code", NULL, new_code_action);
  gtk_widget_class_install_action (widget_class, "win.new-subcode", NULL, new_code_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.search-project", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.code-hits", NULL, code_hits_action);
  gtk_widget_class_install_action (widget_class, "win.export-codebook", NULL, export_codebook_action);
  gtk_widget_class_install_action (widget_class, "win.export-quotes", NULL, export_quotes_action);
  gtk_widget_class_install_action (widget_class, "win.export-project", NULL, export_project_action);
  gtk_widget_class_install_action (widget_class, "win.rename-document", "s", rename_document_action);
  gtk_widget_class_install_action (widget_class, "win.delete-document", "s", delete_document_action);
  gtk_widget_class_install_action (widget_class, "win.rename-speaker", "s", rename_speaker_action);
  gtk_widget_class_install_action (widget_class, "win.set-interviewer", "(sb)", set_interviewer_action);
  gtk_widget_class_install_action (widget_class, "win.autocode-speakers", "s", autocode_speakers_action);
  gtk_widget_class_install_action (widget_class, "win.autocode-all-speakers", NULL, autocode_speakers_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
}

void
_cb_window_connect_quick_code (CbWindow *self)
{
  g_signal_connect_object (self->quick_code, "code-chosen",
                           G_CALLBACK (on_quick_code_chosen), self, G_CONNECT_SWAPPED);
}
