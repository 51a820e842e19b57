/* test-speakers.c: speakers in the transcript: marking the interviewer,
 * renaming a speaker, coding turns by speaker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/speakers/interviewer", test_interviewer);
  UI_TEST ("/ui/speakers/rename", test_rename);
  UI_TEST ("/ui/speakers/autocode", test_autocode);

  return g_test_run ();
}
