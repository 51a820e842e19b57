/* cb-window-actions.c: what the window does (win.* actions)
 *
 * Undo and redo, coding, search, documents, cases and speakers.  Every action
 * that changes the project is one CbProject call, hence one transaction
 * and one undo step; the window redraws after ::changed.  Files (new, open,
 * import, export) are in cb-window-files.c; the import of a REFI-QDA
 * project in cb-window-import.c and the speakers dialog in
 * cb-window-speakers.c, whose actions are installed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cb-error.h"
#include "cb-project-turns.h"
#include "cb-pseudonymise-dialog.h"
#include "cb-window-private.h"

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
  GPtrArray *hits = cb_search_panel_get_hits (self->search_panel);
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
  set_enabled (self, "win.code-hits", !busy && has_code && hits != NULL && hits->len > 0);
  set_enabled (self, "win.export-codebook", has_project && !busy);
  set_enabled (self, "win.export-quotes", has_project && !busy);
  set_enabled (self, "win.export-project", has_project && !busy);
  set_enabled (self, "win.merge-project", has_project && !busy);
  set_enabled (self, "win.copy-for-coder", has_project && !busy);
  set_enabled (self, "win.rename-document", has_project);
  set_enabled (self, "win.delete-document", has_project);
  set_enabled (self, "win.assign-case", has_project);
  set_enabled (self, "win.unassign-case", has_project);
  set_enabled (self, "win.rename-speaker", has_document);
  set_enabled (self, "win.set-interviewer", has_document);
  set_enabled (self, "win.autocode-speakers", has_project && !busy);
  set_enabled (self, "win.autocode-all-speakers", has_project && !busy);
  set_enabled (self, "win.new-code", has_project);
  set_enabled (self, "win.new-subcode", has_code);
  set_enabled (self, "win.backups", has_project);
  set_enabled (self, "win.pseudonymise", has_project && !busy);
  set_enabled (self, "win.restore-names", has_project && !busy);
  set_enabled (self, "win.document-speakers", has_project);
  set_enabled (self, "win.import-refi-project", !busy || self->project != NULL);
  set_enabled (self, "win.cancel-job", busy);

  gtk_widget_set_tooltip_text (self->undo_button, undo_tip);
  gtk_widget_set_tooltip_text (self->redo_button, redo_tip);
  gtk_widget_set_visible (self->import_button, shown);
  gtk_widget_set_visible (self->undo_button, shown);
  gtk_widget_set_visible (self->redo_button, shown);
  gtk_widget_set_visible (self->export_menu_button, shown);
  gtk_widget_set_visible (self->sidebar_button, shown);
  gtk_widget_set_visible (self->details_button, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), shown);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_button), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->document_list), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_tree), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->quotes_pane), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_codes_box), has_project);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_results), has_project);
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

  /* what was typed in Edit mode is the newest step */
  cb_transcript_view_flush_edit (self->transcript_view);
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

/* The panel runs the search; the window shows the hits (cb-window.c). */
void
_cb_window_search (CbWindow *self)
{
  cb_search_panel_search (self->search_panel);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  gboolean whole_project = g_str_equal (action_name, "win.search-project");

  cb_search_panel_open (self->search_panel, whole_project);
}

typedef struct
{
  GPtrArray *hits;        /* of CbSearchHit, shared read-only with the window */
  char      *code_path;
  CbSearchExtend extend;  /* the search bar's choice */
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

  return cb_search_code_hits_full (project, job->hits, job->code_path, job->extend,
                                   _cb_window_job_progress, cancellable, cancellable,
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
  GPtrArray *hits;
  CodeHitsJob *job;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  path = cb_code_tree_dup_selected_path (self->code_tree);
  /* in all documents the panel has read the first pages only: the rest now */
  hits = path != NULL && self->project != NULL ? cb_search_panel_get_all_hits (self->search_panel, NULL) : NULL;
  if (path == NULL || hits == NULL || self->project == NULL)
    return FALSE;

  job = g_new0 (CodeHitsJob, 1);
  job->hits = g_ptr_array_ref (hits);
  job->code_path = g_steal_pointer (&path);
  job->extend = cb_search_panel_get_extend (self->search_panel);
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

/* Documents -------------------------------------------------------------- */

gboolean
_cb_window_rename_document (CbWindow    *self,
                            const char  *name,
                            const char  *new_name,
                            GError     **error)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  /* A memo being typed is saved under the name it was typed for. */
  _cb_window_flush_memo (self);
  if (!cb_project_rename_document (self->project, name, new_name, error))
    return FALSE;
  if (g_strcmp0 (self->document_name, name) == 0)
    _cb_window_set_document_name (self, new_name);
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
  /* Saved first, so that undoing the deletion brings the memo back whole. */
  _cb_window_flush_memo (self);
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

/* Cases ------------------------------------------------------------------- */

/* What an assign/unassign action targets: @document "" is the open one;
 * @speaker "" none; @start -1 the whole document (or all the speaker's
 * turns), else the span [@start, @end) in code points. */
typedef struct
{
  char   *document;
  char   *speaker;
  gint64  start;
  gint64  end;
} CaseTarget;

static void
case_target_free (CaseTarget *target)
{
  g_free (target->document);
  g_free (target->speaker);
  g_free (target);
}

static CaseTarget *
case_target_from (CbWindow *self,
                  GVariant *parameter)
{
  CaseTarget *target = g_new0 (CaseTarget, 1);
  const char *document, *speaker;

  g_variant_get (parameter, "(&s&sxx)", &document, &speaker, &target->start, &target->end);
  target->document = g_strdup (document[0] != '\0' ? document : self->document_name);
  target->speaker = speaker[0] != '\0' ? g_strdup (speaker) : NULL;
  if (target->start < 0 || target->end <= target->start)
    target->start = target->end = -1;
  return target;
}

/* Past this many cases, Remove from Case offers them all: asking each
 * case whether it covers the document compiles one filter per case. */
#define MAX_CASES_CHECKED 200

/* The names of the project's cases; with @document, only those that cover
 * part of it (a "case=NAME" filter per case, while there are few). */
static GPtrArray *
case_names (CbWindow   *self,
            const char *document)
{
  g_autoptr(GPtrArray) cases = cb_project_list_cases (self->project, NULL, NULL);
  g_autoptr(CbDocumentInfo) info = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  if (cases == NULL)
    return names;
  if (cases->len > MAX_CASES_CHECKED)
    document = NULL;
  if (document != NULL)
    info = cb_project_get_document (self->project, document, NULL);
  for (guint i = 0; i < cases->len; i++)
    {
      const CbCaseInfo *c = g_ptr_array_index (cases, i);

      if (document != NULL)
        {
          g_autofree char *expression = g_strdup_printf ("case=%s", c->name);
          const char *expressions[] = { expression, NULL };
          g_autoptr(CbCaseFilter) filter = cb_case_filter_new (expressions, NULL);
          g_autoptr(GHashTable) ids = NULL;
          gint64 id = info != NULL ? info->id : 0;

          if (filter != NULL)
            ids = cb_project_filter_documents (self->project, filter, NULL);
          if (ids == NULL || !g_hash_table_contains (ids, &id))
            continue;
        }
      g_ptr_array_add (names, g_strdup (c->name));
    }
  return names;
}

/* Assigns @target to case @name, adding the case first when the project
 * has none of that name (then two undo steps: the case, the assignment). */
gboolean
_cb_window_assign_case (CbWindow    *self,
                        const char  *name,
                        const char  *document,
                        const char  *speaker,
                        gint64       start,
                        gint64       end,
                        GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || document == NULL)
    return TRUE;
  names = case_names (self, NULL);
  if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL) &&
      !cb_project_add_case (self->project, name, error))
    return FALSE;
  return cb_project_assign_case (self->project, name, document, speaker, start, end, error);
}

static void
on_case_chosen (GtkDropDown *drop_down,
                GParamSpec  *pspec,
                GtkEditable *entry)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

  if (item != NULL)
    gtk_editable_set_text (entry, gtk_string_object_get_string (item));
}

static void
on_case_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CbWindow         *self)
{
  CaseTarget *target = g_object_get_data (G_OBJECT (dialog), "cb-target");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "cb-entry");
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (dialog), "cb-cases");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  gboolean ok = TRUE;

  if (self->project == NULL)
    return;
  if (g_strcmp0 (response, "assign") == 0)
    {
      name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
      if (name[0] == '\0')
        return;
      ok = _cb_window_assign_case (self, name, target->document, target->speaker,
                                   target->start, target->end, &error);
    }
  else if (g_strcmp0 (response, "remove") == 0)
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);

      if (item == NULL)
        return;
      ok = cb_project_unassign_case (self->project, gtk_string_object_get_string (item),
                                     target->document, target->speaker,
                                     target->start, target->end, &error);
    }
  if (!ok)
    cb_window_show_error (self, error);
}

static void
case_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  gboolean assign = g_str_equal (action_name, "win.assign-case");
  CaseTarget *target;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GtkStringList) list = NULL;
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *box, *drop_down, *entry;

  if (self->project == NULL)
    return;
  target = case_target_from (self, parameter);
  if (target->document == NULL)
    {
      case_target_free (target);
      return;
    }

  if (target->speaker != NULL)
    heading = g_strdup_printf (assign ? _("Assign Speaker “%s” to a Case")
                                      : _("Remove Speaker “%s” from a Case"), target->speaker);
  else if (target->start >= 0)
    heading = g_strdup (_("Assign the Selection to a Case"));
  else
    heading = g_strdup_printf (assign ? _("Assign “%s” to a Case") : _("Remove “%s” from a Case"),
                               target->document);
  names = case_names (self, assign ? NULL : target->document);
  g_ptr_array_add (names, NULL);
  list = gtk_string_list_new ((const char * const *) names->pdata);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       assign ? _("Pick a case or type the name of a new one.")
                                                              : names->len > 1 ? NULL
                                                              : _("No case covers this document.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (assign)
    adw_message_dialog_add_response (dialog, "assign", _("_Assign"));
  else if (names->len > 1)
    adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
  adw_message_dialog_set_response_appearance (dialog, assign ? "assign" : "remove",
                                              assign ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, assign ? "assign" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Case"),
                                  -1);
  gtk_widget_set_visible (drop_down, names->len > 1);
  gtk_box_append (GTK_BOX (box), drop_down);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("New case name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Case name"),
                                  -1);
  if (names->len > 1)
    gtk_editable_set_text (GTK_EDITABLE (entry), names->pdata[0]);
  gtk_widget_set_visible (entry, assign);
  gtk_box_append (GTK_BOX (box), entry);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_case_chosen), entry, 0);
  adw_message_dialog_set_extra_child (dialog, box);

  g_object_set_data_full (G_OBJECT (dialog), "cb-target", target, (GDestroyNotify) case_target_free);
  g_object_set_data (G_OBJECT (dialog), "cb-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "cb-cases", drop_down);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_case_response), self, 0);
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
document_speakers_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *document = g_variant_get_string (parameter, NULL);

  /* "" is the open document. */
  if (document[0] == '\0')
    document = self->document_name;
  if (document != NULL)
    _cb_window_show_speakers (self, document);
}

/* Files ------------------------------------------------------------------ */

static void
import_refi_project_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  _cb_window_choose_refi_project (CB_WINDOW (widget));
}

static void
cancel_job_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);

  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
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
  _cb_window_class_merge_init (widget_class);
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
  gtk_widget_class_install_action (widget_class, "win.rename-document", "s", rename_document_action);
  gtk_widget_class_install_action (widget_class, "win.delete-document", "s", delete_document_action);
  gtk_widget_class_install_action (widget_class, "win.assign-case", "(ssxx)", case_action);
  gtk_widget_class_install_action (widget_class, "win.unassign-case", "(ssxx)", case_action);
  gtk_widget_class_install_action (widget_class, "win.rename-speaker", "s", rename_speaker_action);
  gtk_widget_class_install_action (widget_class, "win.set-interviewer", "(sb)", set_interviewer_action);
  gtk_widget_class_install_action (widget_class, "win.autocode-speakers", "s", autocode_speakers_action);
  gtk_widget_class_install_action (widget_class, "win.autocode-all-speakers", NULL, autocode_speakers_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, backups_action);
  gtk_widget_class_install_action (widget_class, "win.pseudonymise", NULL, _cb_window_pseudonymise_action);
  gtk_widget_class_install_action (widget_class, "win.restore-names", NULL, _cb_window_restore_names_action);
  gtk_widget_class_install_action (widget_class, "win.document-speakers", "s", document_speakers_action);
  gtk_widget_class_install_action (widget_class, "win.import-refi-project", NULL, import_refi_project_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-job", NULL, cancel_job_action);
  _cb_window_mag_install_actions (widget_class);
  _cb_window_coders_install_actions (widget_class);
  _cb_window_repair_install_actions (widget_class);
}

/* The quotes pane's case filter narrows the project search too. */
static void
on_case_filter_changed (CbWindow        *self,
                        CbCaseFilterBar *bar)
{
  g_auto(GStrv) expressions = cb_case_filter_bar_dup_expressions (bar);

  cb_search_panel_set_case_filter (self->search_panel, (const char * const *) expressions);
}

void
_cb_window_connect_case_filter (CbWindow *self)
{
  g_signal_connect_object (cb_quotes_pane_get_filter_bar (self->quotes_pane), "changed",
                           G_CALLBACK (on_case_filter_changed), self, G_CONNECT_SWAPPED);
}

void
_cb_window_connect_quick_code (CbWindow *self)
{
  g_signal_connect_object (self->quick_code, "code-chosen",
                           G_CALLBACK (on_quick_code_chosen), self, G_CONNECT_SWAPPED);
}
