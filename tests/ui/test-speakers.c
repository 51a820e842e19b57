/* test-speakers.c: speakers in the transcript: marking the interviewer,
 * renaming a speaker, coding turns by speaker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-document-row.h"
#include "ui-test-util.h"

static const CbSpeakerInfo *
find_speaker (GPtrArray  *speakers,
              const char *name)
{
  guint i;

  for (i = 0; i < speakers->len; i++)
    {
      const CbSpeakerInfo *info = g_ptr_array_index (speakers, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }
  return NULL;
}

static const char *
document_name (UiFixture *fixture)
{
  return cb_window_get_document_name (fixture->window);
}

/* The first turn of @speaker in the open document. */
static const CbTurnInfo *
first_turn_of (UiFixture  *fixture,
               const char *speaker)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (view));
  int n = gtk_text_buffer_get_char_count (buffer);
  int offset;

  for (offset = 0; offset < n; offset++)
    {
      const CbTurnInfo *turn = cb_transcript_view_get_turn_at (view, offset);

      if (turn != NULL && g_strcmp0 (turn->speaker, speaker) == 0)
        return turn;
    }
  return NULL;
}

static GtkTextTag *
lookup_tag (UiFixture  *fixture,
            const char *name)
{
  GtkTextView *text_view = cb_transcript_view_get_text_view (cb_window_get_transcript_view (fixture->window));

  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (text_view)),
                                    name);
}

/* Marking "I" as the interviewer dims their labels; undo brings them back. */
static void
test_interviewer (UiFixture     *fixture,
                  gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  g_autoptr(GPtrArray) speakers = NULL;
  const CbTurnInfo *turn;
  gint64 label;

  ui_import (fixture, "interview-ma07.txt");
  turn = first_turn_of (fixture, "I");
  g_assert_nonnull (turn);
  g_assert_false (turn->is_interviewer);
  label = turn->text_start - 2;   /* the "I" of "I: " */
  g_assert_true (ui_has_tag_at (view, lookup_tag (fixture, "cb:speaker"), label));
  g_assert_false (ui_has_tag_at (view, lookup_tag (fixture, "cb:interviewer"), label));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-interviewer", "(sb)", "I", TRUE);
  ui_pump ();
  speakers = cb_project_list_speakers (fixture->project, document_name (fixture), NULL);
  g_assert_true (find_speaker (speakers, "I")->is_interviewer);
  g_assert_false (find_speaker (speakers, "R")->is_interviewer);
  g_assert_true (ui_has_tag_at (view, lookup_tag (fixture, "cb:interviewer"), label));
  g_assert_true (cb_transcript_view_get_turn_at (view, label)->is_interviewer);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_false (ui_has_tag_at (view, lookup_tag (fixture, "cb:interviewer"), label));
  g_assert_false (cb_transcript_view_get_turn_at (view, label)->is_interviewer);
}

/* Rename asks for the new name; the speaker's turns keep their text. */
static void
test_rename (UiFixture     *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) speakers = NULL;
  GtkEditable *entry;

  ui_import (fixture, "interview-ma07.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-speaker", "s", "R");
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (fixture->window->dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "R");
  gtk_editable_set_text (entry, "Sofie");
  adw_message_dialog_response (fixture->window->dialog, "rename");
  ui_pump ();

  speakers = cb_project_list_speakers (fixture->project, document_name (fixture), NULL);
  g_assert_null (find_speaker (speakers, "R"));
  g_assert_nonnull (find_speaker (speakers, "Sofie"));
  g_assert_nonnull (first_turn_of (fixture, "Sofie"));
  g_assert_null (first_turn_of (fixture, "R"));
}

/* Code Turns by Speaker runs as a job: every respondent turn gets
 * "Sprekers / R", the interviewer's none; one undo takes them away. */
static void
test_autocode (UiFixture     *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) speakers = NULL;
  const CbSpeakerInfo *respondent;

  ui_import (fixture, "interview-ma07.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-interviewer", "(sb)", "I", TRUE);
  ui_pump ();

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.autocode-speakers", "s", "");
  g_assert_true (_cb_window_busy (fixture->window));
  ui_wait_job (fixture);
  g_assert_null (fixture->window->dialog);

  speakers = cb_project_list_speakers (fixture->project, document_name (fixture), NULL);
  respondent = find_speaker (speakers, "R");
  g_assert_nonnull (respondent);
  g_assert_true (ui_code_exists (fixture, CB_SPEAKERS_DEFAULT_PARENT " / R"));
  g_assert_false (ui_code_exists (fixture, CB_SPEAKERS_DEFAULT_PARENT " / I"));
  g_assert_cmpuint (ui_count_codings (fixture), ==, respondent->n_turns);
  /* The transcript shows them at once. */
  g_assert_cmpuint (cb_transcript_view_get_codings (cb_window_get_transcript_view (fixture->window))->len, ==,
                    respondent->n_turns);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_cmpuint (ui_count_codings (fixture), ==, 0);
  g_assert_false (ui_code_exists (fixture, CB_SPEAKERS_DEFAULT_PARENT " / R"));
  g_assert_cmpuint (cb_transcript_view_get_codings (cb_window_get_transcript_view (fixture->window))->len, ==, 0);
}

/* A speaker renamed through the action: the label's text stays "R:", its
 * tooltip and its menu name the speaker "Sofie"; one undo brings "R" back. */
static void
test_rename_label (UiFixture     *fixture,
                   gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GMenuModel) section = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *heading = NULL;
  GtkEditable *entry;
  gint64 label;
  guint i;

  ui_import (fixture, "interview-ma07.txt");
  label = first_turn_of (fixture, "R")->text_start - 2;   /* the "R" of "R: " */
  tooltip = cb_transcript_view_dup_tooltip_text (view, label);
  g_assert_cmpstr (tooltip, ==, "Speaker: R");
  g_clear_pointer (&tooltip, g_free);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-speaker", "s", "R");
  ui_pump ();
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (fixture->window->dialog));
  gtk_editable_set_text (entry, "Sofie");
  adw_message_dialog_response (fixture->window->dialog, "rename");
  ui_pump ();

  tooltip = cb_transcript_view_dup_tooltip_text (view, label);
  g_assert_cmpstr (tooltip, ==, "Speaker: Sofie");
  g_clear_pointer (&tooltip, g_free);
  /* The right click on the label: the speaker's section, by the new name. */
  menu = cb_transcript_view_build_context_menu (view, label);
  for (i = 0; i < (guint) g_menu_model_get_n_items (menu) && heading == NULL; i++)
    {
      g_autofree char *title = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &title) &&
          g_str_has_prefix (title, "Speaker "))
        {
          heading = g_steal_pointer (&title);
          section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
        }
    }
  g_assert_cmpstr (heading, ==, "Speaker “Sofie”");
  g_assert_nonnull (section);
  target = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_TARGET, NULL);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "Sofie");
  /* The words after the label are no label: no speaker there. */
  tooltip = cb_transcript_view_dup_tooltip_text (view, label + 5);
  g_assert_null (tooltip);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  tooltip = cb_transcript_view_dup_tooltip_text (view, label);
  g_assert_cmpstr (tooltip, ==, "Speaker: R");
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The dialog's row of @speaker. */
static AdwEntryRow *
speaker_row (UiFixture  *fixture,
             const char *speaker)
{
  GtkWidget *list = adw_message_dialog_get_extra_child (fixture->window->dialog);
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ENTRY_ROW (child) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)), speaker) == 0)
      return ADW_ENTRY_ROW (child);
  return NULL;
}

/* The document row's Speakers… reaches the speakers of a document that is
 * not shown: renamed and marked there, each one undo step; marking the
 * interviewer of the shown one dims its labels at once. */
static void
test_document_dialog (UiFixture     *fixture,
                      gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  g_autoptr(GPtrArray) speakers = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *row = NULL;
  GtkSwitch *toggle;
  AdwEntryRow *entry;
  gint64 label;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  g_assert_cmpstr (document_name (fixture), ==, "interview-ma07");

  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  row = cb_document_list_find_row (cb_window_get_document_list (fixture->window), "mag-session-2-fr");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (row, "document.speakers", NULL));
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==,
                   "Speakers of “mag-session-2-fr”");

  /* Rename "Hélène" to "Animatrice". */
  entry = speaker_row (fixture, "Hélène");
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Animatrice");
  g_signal_emit_by_name (entry, "apply");
  ui_pump ();
  speakers = cb_project_list_speakers (fixture->project, "mag-session-2-fr", NULL);
  g_assert_null (find_speaker (speakers, "Hélène"));
  g_assert_nonnull (find_speaker (speakers, "Animatrice"));
  g_assert_false (find_speaker (speakers, "Animatrice")->is_interviewer);
  g_clear_pointer (&speakers, g_ptr_array_unref);

  /* Then mark her as the interviewer, from her (rebuilt) row. */
  entry = speaker_row (fixture, "Animatrice");
  g_assert_nonnull (entry);
  toggle = GTK_SWITCH (find_widget (GTK_WIDGET (entry), GTK_TYPE_SWITCH));
  g_assert_false (gtk_switch_get_active (toggle));
  gtk_switch_set_active (toggle, TRUE);
  ui_pump ();
  speakers = cb_project_list_speakers (fixture->project, "mag-session-2-fr", NULL);
  g_assert_true (find_speaker (speakers, "Animatrice")->is_interviewer);
  g_clear_pointer (&speakers, g_ptr_array_unref);

  /* Two changes, two undo steps: the mark goes first, the name stays. */
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  speakers = cb_project_list_speakers (fixture->project, "mag-session-2-fr", NULL);
  g_assert_nonnull (find_speaker (speakers, "Animatrice"));
  g_assert_false (find_speaker (speakers, "Animatrice")->is_interviewer);
  g_clear_pointer (&speakers, g_ptr_array_unref);

  /* The shown document's dialog ("" is the open one): its labels follow. */
  label = first_turn_of (fixture, "I")->text_start - 2;
  g_assert_false (ui_has_tag_at (view, lookup_tag (fixture, "cb:interviewer"), label));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.document-speakers", "s", "");
  ui_pump ();
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==,
                   "Speakers of “interview-ma07”");
  toggle = GTK_SWITCH (find_widget (GTK_WIDGET (speaker_row (fixture, "I")), GTK_TYPE_SWITCH));
  gtk_switch_set_active (toggle, TRUE);
  ui_pump ();
  g_assert_true (ui_has_tag_at (view, lookup_tag (fixture, "cb:interviewer"), label));
  tooltip = cb_transcript_view_dup_tooltip_text (view, label);
  g_assert_cmpstr (tooltip, ==, "Speaker: I (interviewer)");
}

/* "Recognise Turns Again" in the speakers dialog: the turns from the text
 * as `speakers detect` gives them (the rename is lost), one undo step. */
static void
test_recognise_again (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GError) error = NULL;

  ui_import (fixture, "interview-ma07.txt");
  g_assert_true (cb_project_rename_speaker (fixture->project, document_name (fixture), "R", "Sofie", &error));
  g_assert_no_error (error);
  ui_pump ();
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.document-speakers", "s", "");
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  g_assert_nonnull (speaker_row (fixture, "Sofie"));
  adw_message_dialog_response (fixture->window->dialog, "detect");
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_pump ();
  ui_assert_no_dialog (fixture);
  speakers = cb_project_list_speakers (fixture->project, document_name (fixture), NULL);
  g_assert_nonnull (find_speaker (speakers, "R"));
  g_assert_null (find_speaker (speakers, "Sofie"));
  g_clear_pointer (&speakers, g_ptr_array_unref);
  /* the transcript's labels follow: the tooltip names R again */
  {
    g_autofree char *tooltip = cb_transcript_view_dup_tooltip_text (cb_window_get_transcript_view (fixture->window),
                                                                    first_turn_of (fixture, "R")->start);

    g_assert_cmpstr (tooltip, ==, "Speaker: R");
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  speakers = cb_project_list_speakers (fixture->project, document_name (fixture), NULL);
  g_assert_nonnull (find_speaker (speakers, "Sofie"));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/speakers/interviewer", test_interviewer);
  UI_TEST ("/ui/speakers/rename", test_rename);
  UI_TEST ("/ui/speakers/rename-label", test_rename_label);
  UI_TEST ("/ui/speakers/document-dialog", test_document_dialog);
  UI_TEST ("/ui/speakers/recognise-again", test_recognise_again);
  UI_TEST ("/ui/speakers/autocode", test_autocode);

  return g_test_run ();
}
