/* cb-window-mag.c: the window's MAG commands: "Set Phase…", "Clear
 * Phase" and "Detect Phases" from the transcript's menu, the project's
 * phase names, and a speaker's role
 *
 * Each is one core call (cb_project_set_phase, cb_project_set_speaker_role,
 * those of `codeboom-cli phase set` and `speaker role`), hence one
 * transaction and one undo step; the gutter's phase bands and the MAG grid
 * follow through the window's refresh on the project's ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-window-private.h"

/* The window can change the project now; else a toast says why not. */
static gboolean
can_change (CbWindow *self)
{
  if (self->project == NULL || self->document_name == NULL)
    return FALSE;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_cb_window_set_phase (CbWindow    *self,
                      const char  *name,
                      gint64       start,
                      gint64       end,
                      GError     **error)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->document_name == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND, _("Open a document first"));
      return FALSE;
    }
  return cb_project_set_phase (self->project, self->document_name, name, start, end, FALSE, error);
}

gboolean
_cb_window_set_speaker_role (CbWindow       *self,
                             const char     *speaker,
                             CbSpeakerRole   role,
                             GError        **error)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);

  if (self->project == NULL || self->document_name == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND, _("Open a document first"));
      return FALSE;
    }
  return cb_project_set_speaker_role (self->project, self->document_name, speaker, role, error);
}

static void
on_set_phase_response (AdwMessageDialog *dialog,
                       const char       *response,
                       CbWindow         *self)
{
  GtkDropDown *names = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  GtkStringObject *item = gtk_drop_down_get_selected_item (names);
  gint64 *span = g_object_get_data (G_OBJECT (dialog), "cb-span");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "set") != 0 || item == NULL)
    return;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return;
    }
  if (!_cb_window_set_phase (self, gtk_string_object_get_string (item), span[0], span[1], &error))
    cb_window_show_error (self, error);
}

static void
set_phase_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  gint64 *span = g_new (gint64, 2);

  g_variant_get (parameter, "(xx)", &span[0], &span[1]);
  if (self->project == NULL || self->document_name == NULL || span[1] <= span[0] ||
      !(names = cb_project_dup_phase_names (self->project, &error)))
    {
      if (error != NULL)
        cb_window_show_error (self, error);
      g_free (span);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Set Phase"),
                                                       _("The selection becomes this phase of the session. "
                                                         "Phases do not overlap: the phases it covers are "
                                                         "replaced or shortened.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "set", _("_Set Phase"));
  adw_message_dialog_set_response_appearance (dialog, "set", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "set");
  adw_message_dialog_set_close_response (dialog, "cancel");

  drop_down = gtk_drop_down_new_from_strings ((const char * const *) names);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Phase"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, drop_down);

  g_object_set_data_full (G_OBJECT (dialog), "cb-span", span, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_set_phase_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_speaker_role_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  const char *speaker = NULL;
  const char *role = NULL;

  if (!can_change (self))
    return;
  g_variant_get (parameter, "(&s&s)", &speaker, &role);
  if (!_cb_window_set_speaker_role (self, speaker, cb_speaker_role_from_string (role), &error))
    cb_window_show_error (self, error);
}

/* win.clear-phase (start, end): the phases of the open document in that
 * span go (those crossing its edges are trimmed), as `phase clear` does. */
static void
clear_phase_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gint64 start = 0, end = 0;

  g_variant_get (parameter, "(xx)", &start, &end);
  if (!can_change (self) || end <= start)
    return;
  if (!cb_project_clear_phases (self->project, self->document_name, start, end, &error))
    cb_window_show_error (self, error);
}

/* win.detect-phases: the open document's phases from its marker lines, as
 * `phase detect` does; one undo step. */
static void
detect_phases_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_phases = 0;

  if (!can_change (self))
    return;
  if (!cb_project_detect_phases (self->project, self->document_name, &n_phases, &error))
    {
      if (g_error_matches (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND))
        _cb_window_show_toast (self, error->message);
      else
        cb_window_show_error (self, error);
      return;
    }
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phase found", "%u phases found", n_phases), n_phases);
  _cb_window_show_toast (self, message);
}

/* ---- Phase names ----------------------------------------------------- */

static void
on_phase_names_response (AdwMessageDialog *dialog,
                         const char       *response,
                         CbWindow         *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "cb-names");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (self->project == NULL || g_strcmp0 (response, "cancel") == 0 || response == NULL)
    return;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return;
    }
  if (g_str_equal (response, "save"))
    {
      gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
      text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
      lines = g_strsplit (text, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          char *name = g_strstrip (lines[i]);

          if (*name != '\0')
            g_ptr_array_add (names, g_strdup (name));
        }
    }
  /* "default": an empty list, which the core takes as the default names */
  g_ptr_array_add (names, NULL);
  if (!cb_project_set_phase_names (self->project, (const char * const *) names->pdata, &error))
    cb_window_show_error (self, error);
}

/* win.phase-names: the project's list of phase names (what "Set Phase…"
 * offers and detection recognises), one per line, as `phase names`. */
static void
phase_names_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *scroller;
  GtkWidget *view;

  if (self->project == NULL || !(names = cb_project_dup_phase_names (self->project, &error)))
    {
      if (error != NULL)
        cb_window_show_error (self, error);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Phase Names"),
                                                       _("The phases of this project’s MAG sessions, one per line, "
                                                         "in the order of a session. Set Phase offers them and "
                                                         "detection recognises their marker lines.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "default", _("_Default Names"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");

  view = gtk_text_view_new ();
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Phase names, one per line"), -1);
  joined = g_strjoinv ("\n", names);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), joined, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 180);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (dialog, scroller);

  g_object_set_data (G_OBJECT (dialog), "cb-names", view);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_phase_names_response), self, 0);
  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cb_window_mag_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.set-phase", "(xx)", set_phase_action);
  gtk_widget_class_install_action (widget_class, "win.clear-phase", "(xx)", clear_phase_action);
  gtk_widget_class_install_action (widget_class, "win.detect-phases", NULL, detect_phases_action);
  gtk_widget_class_install_action (widget_class, "win.phase-names", NULL, phase_names_action);
  gtk_widget_class_install_action (widget_class, "win.set-speaker-role", "(ss)", set_speaker_role_action);
}

/* ---- The speakers dialog's role picker ------------------------------- */

static void
on_role_selected (GtkDropDown *drop_down,
                  GParamSpec  *pspec,
                  CbWindow    *self)
{
  const char *document = g_object_get_data (G_OBJECT (drop_down), "cb-document");
  const char *speaker = g_object_get_data (G_OBJECT (drop_down), "cb-speaker");
  CbSpeakerRole role = (CbSpeakerRole) gtk_drop_down_get_selected (drop_down);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return;
    }
  if (!cb_project_set_speaker_role (self->project, document, speaker, role, &error))
    cb_window_show_error (self, error);
}

GtkWidget *
_cb_window_speaker_role_picker (CbWindow   *self,
                                const char *document,
                                const char *speaker)
{
  /* in CbSpeakerRole's order: the selected position is the role */
  const char *labels[] = {
    cb_speaker_role_get_label (CB_SPEAKER_ROLE_NONE),
    cb_speaker_role_get_label (CB_SPEAKER_ROLE_NARRATOR),
    cb_speaker_role_get_label (CB_SPEAKER_ROLE_PARTICIPANT),
    cb_speaker_role_get_label (CB_SPEAKER_ROLE_FACILITATOR),
    cb_speaker_role_get_label (CB_SPEAKER_ROLE_OBSERVER),
    NULL
  };
  GtkWidget *drop_down = gtk_drop_down_new_from_strings (labels);
  g_autoptr(GHashTable) roles = NULL;
  g_autofree char *a11y = NULL;

  if (self->project != NULL &&
      (roles = cb_project_dup_speaker_roles (self->project, document, NULL)) != NULL)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                                GPOINTER_TO_UINT (g_hash_table_lookup (roles, speaker)));
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  /* Translators: the role picker's name for screen readers; %s is a speaker */
  a11y = g_strdup_printf (_("Role of %s in a MAG session"), speaker);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  g_object_set_data_full (G_OBJECT (drop_down), "cb-document", g_strdup (document), g_free);
  g_object_set_data_full (G_OBJECT (drop_down), "cb-speaker", g_strdup (speaker), g_free);
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (on_role_selected), self, 0);
  return drop_down;
}
