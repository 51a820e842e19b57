/* cb-window-speakers.c: the speakers of one document, from its row's menu
 *
 * The document list's row menu reaches the speakers of any document, not
 * only of the one shown: a dialog lists them, each with its name to edit
 * (Enter or the apply button renames) and a switch that marks the
 * interviewer.  Each change is one core call (cb_project_rename_speaker,
 * cb_project_set_speaker_interviewer, those of `codeboom-cli speakers`),
 * hence one transaction and one undo step, as is "Recognise Turns Again"
 * (`speakers detect`); the transcript's labels and
 * the quotes follow through the window's refresh.  The rows are rebuilt
 * after a change, since a rename onto another speaker's name merges the
 * two.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-project-turns.h"
#include "cb-window-private.h"

#define SPEAKER_KEY "cb-speaker"

static void fill_speakers (AdwMessageDialog *dialog);

static CbWindow *
dialog_window (AdwMessageDialog *dialog)
{
  return CB_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
}

static const char *
dialog_document (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "cb-document");
}

/* The labels and the quotes show speakers: the window redraws them. */
static void
speakers_changed (CbWindow *self)
{
  _cb_window_project_changed_elsewhere (self, CB_WINDOW_CHANGE_TURNS);
}

static void
on_rename_applied (AdwEntryRow      *row,
                   AdwMessageDialog *dialog)
{
  CbWindow *self = dialog_window (dialog);
  const char *name = g_object_get_data (G_OBJECT (row), SPEAKER_KEY);
  g_autofree char *new_name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      gtk_editable_set_text (GTK_EDITABLE (row), name);
      return;
    }
  if (new_name[0] == '\0' || g_strcmp0 (new_name, name) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), name);
      return;
    }
  if (!cb_project_rename_speaker (self->project, dialog_document (dialog), name, new_name, &error))
    {
      cb_window_show_error (self, error);
      gtk_editable_set_text (GTK_EDITABLE (row), name);
      return;
    }
  speakers_changed (self);
  fill_speakers (dialog);
}

static gboolean
on_interviewer_set (GtkSwitch        *toggle,
                    gboolean          state,
                    AdwMessageDialog *dialog)
{
  CbWindow *self = dialog_window (dialog);
  const char *name = g_object_get_data (G_OBJECT (toggle), SPEAKER_KEY);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL)
    return TRUE;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return TRUE;   /* the switch stays as it was */
    }
  if (!cb_project_set_speaker_interviewer (self->project, dialog_document (dialog), name, state, &error))
    {
      cb_window_show_error (self, error);
      return TRUE;
    }
  gtk_switch_set_state (toggle, state);
  speakers_changed (self);
  return TRUE;
}

static GtkWidget *
speaker_row (AdwMessageDialog    *dialog,
             const CbSpeakerInfo *speaker)
{
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  GtkWidget *label = gtk_label_new (_("Interviewer"));
  g_autofree char *turns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u turn", "%u turns",
                                                         (guint) speaker->n_turns),
                                            (guint) speaker->n_turns);
  g_autofree char *a11y = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), turns);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), speaker->name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), SPEAKER_KEY, g_strdup (speaker->name), g_free);
  g_signal_connect_object (row, "apply", G_CALLBACK (on_rename_applied), dialog, 0);

  gtk_widget_add_css_class (label, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), label);
  gtk_switch_set_active (GTK_SWITCH (toggle), speaker->is_interviewer);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  /* Translators: the switch's name for screen readers; %s is a speaker */
  a11y = g_strdup_printf (_("%s is the interviewer"), speaker->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
  g_object_set_data_full (G_OBJECT (toggle), SPEAKER_KEY, g_strdup (speaker->name), g_free);
  g_signal_connect_object (toggle, "state-set", G_CALLBACK (on_interviewer_set), dialog, 0);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), toggle);
  /* the MAG role (cb-window-mag.c) */
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                            _cb_window_speaker_role_picker (dialog_window (dialog), dialog_document (dialog),
                                                            speaker->name));
  return row;
}

static void
fill_speakers (AdwMessageDialog *dialog)
{
  CbWindow *self = dialog_window (dialog);
  GtkListBox *list = GTK_LIST_BOX (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  if (self->project == NULL)
    return;

  speakers = cb_project_list_speakers (self->project, dialog_document (dialog), &error);
  if (speakers == NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  for (guint i = 0; i < speakers->len; i++)
    gtk_list_box_append (list, speaker_row (dialog, g_ptr_array_index (speakers, i)));
  gtk_widget_set_visible (GTK_WIDGET (list), speakers->len > 0);
  if (speakers->len == 0)
    adw_message_dialog_set_body (dialog, _("No speaker turns were recognised in this document: "
                                           "its paragraphs do not start with a name and a colon."));
}

/* "Recognise Turns Again": the document's turns from its text, as
 * `speakers detect` does (renames, roles and interviewer marks are lost;
 * one undo step brings them back). */
static void
on_detect_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          data)
{
  CbWindow *self = dialog_window (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n_turns = 0;

  if (self->project == NULL)
    return;
  if (self->job_exclusive)
    {
      _cb_window_show_toast (self, _("Wait for the running task to finish"));
      return;
    }
  if (!cb_project_detect_turns (self->project, dialog_document (dialog), &n_turns, &error))
    {
      cb_window_show_error (self, error);
      return;
    }
  speakers_changed (self);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u speaker turn recognised", "%u speaker turns recognised",
                                          n_turns), n_turns);
  _cb_window_show_toast (self, message);
}

void
_cb_window_show_speakers (CbWindow   *self,
                          const char *document)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;

  g_return_if_fail (CB_IS_WINDOW (self));
  g_return_if_fail (document != NULL);

  if (self->project == NULL)
    return;

  /* Translators: %s is a document's name */
  heading = g_strdup_printf (_("Speakers of “%s”"), document);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading,
                                                       _("A new name is used in quotes and exports; "
                                                         "the transcript’s text stays as it is. "
                                                         "A name another speaker already has merges the two. "
                                                         "The interviewer’s turns are left out when turns are coded by speaker.")));
  adw_message_dialog_add_response (dialog, "detect", _("_Recognise Turns Again"));
  adw_message_dialog_set_response_appearance (dialog, "detect", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect (dialog, "response::detect", G_CALLBACK (on_detect_response), NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Speakers"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, list);
  g_object_set_data_full (G_OBJECT (dialog), "cb-document", g_strdup (document), g_free);
  fill_speakers (dialog);

  _cb_window_set_dialog (self, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
