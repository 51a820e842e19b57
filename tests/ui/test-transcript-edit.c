/* test-transcript-edit.c: the transcript's Edit mode (issue 18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cb-pseudonymise-dialog.h"
#include "ui-test-util.h"

static gboolean
has_tag_at (CbTranscriptView *view,
            GtkTextTag       *tag,
            int               offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (view));
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static char *
stored_text (UiFixture *fixture)
{
  CbTranscriptView *view = fixture->window->transcript_view;

  return cb_project_dup_document_text (fixture->project, cb_transcript_view_get_document_id (view), NULL, NULL);
}

/* Off by default; typing while it is on edits the text, the highlight
 * moves with it at once, a pause (here: a flush) stores one edit that moves
 * the coding, and undo puts text and coding back. */
static void
test_edit_mode (UiFixture     *fixture,
                gconstpointer  data)
{
  CbTranscriptView *view = fixture->window->transcript_view;
  GtkTextView *text_view = cb_transcript_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  GtkTextTag *tag;
  GtkTextIter iter;
  gint64 code_id;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  cb_transcript_view_select_range (view, 300, 340);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", "Vertrouwen");
  ui_pump ();
  ui_assert_no_dialog (fixture);
  before = stored_text (fixture);

  g_assert_false (cb_transcript_view_get_editing (view));
  g_assert_false (gtk_text_view_get_editable (text_view));
  codings = cb_project_list_document_codings (fixture->project, cb_transcript_view_get_document_id (view), NULL);
  g_assert_cmpuint (codings->len, ==, 1);
  code_id = ((CbSegment *) codings->pdata[0])->code_id;
  tag = cb_transcript_view_get_code_tag (view, code_id);
  g_assert_nonnull (tag);
  g_assert_true (has_tag_at (view, tag, 300));

  cb_transcript_view_set_editing (view, TRUE);
  g_assert_true (gtk_text_view_get_editable (text_view));

  /* typed before the coded span: the highlight moves as the text does */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 100);
  gtk_text_buffer_insert_interactive (buffer, &iter, "héhé ", -1, TRUE);
  g_assert_true (has_tag_at (view, tag, 305));
  g_assert_false (has_tag_at (view, tag, 302));
  /* nothing stored before the pause */
  {
    g_autofree char *now = stored_text (fixture);

    g_assert_cmpstr (now, ==, before);
  }

  cb_transcript_view_flush_edit (view);
  ui_pump ();
  after = stored_text (fixture);
  g_assert_cmpuint (strlen (after), ==, strlen (before) + strlen ("héhé "));
  g_assert_true (g_str_has_prefix (g_utf8_offset_to_pointer (after, 100), "héhé "));
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = cb_project_list_document_codings (fixture->project, cb_transcript_view_get_document_id (view), NULL);
  g_assert_cmpint (((CbSegment *) codings->pdata[0])->start, ==, 305);
  g_assert_cmpint (((CbSegment *) codings->pdata[0])->end, ==, 345);
  g_assert_true (has_tag_at (view, tag, 305));
  {
    g_autofree char *label = cb_project_dup_undo_label (fixture->project);

    g_assert_cmpstr (label, ==, "Edit text");
  }

  /* undo: the text in the view and the coding go back */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  undone = stored_text (fixture);
  g_assert_cmpstr (undone, ==, before);
  {
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
    g_assert_cmpstr (shown, ==, before);
  }
  g_assert_true (has_tag_at (view, tag, 300));

  /* redo: the typed text and the moved coding again (the pause's step is
   * a compact one: the shift of the spans after it and the typed text);
   * undo once more for what follows */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  ui_pump ();
  {
    g_autofree char *redone = stored_text (fixture);

    g_assert_cmpstr (redone, ==, after);
  }
  g_clear_pointer (&codings, g_ptr_array_unref);
  codings = cb_project_list_document_codings (fixture->project, cb_transcript_view_get_document_id (view), NULL);
  g_assert_cmpint (((CbSegment *) codings->pdata[0])->start, ==, 305);
  g_assert_true (has_tag_at (view, tag, 305));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_true (has_tag_at (view, tag, 300));

  /* leaving Edit mode stores what was typed */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 0);
  gtk_text_buffer_insert_interactive (buffer, &iter, "X", -1, TRUE);
  cb_transcript_view_set_editing (view, FALSE);
  ui_pump ();
  g_assert_false (gtk_text_view_get_editable (text_view));
  {
    g_autofree char *now = stored_text (fixture);

    g_assert_true (g_str_has_prefix (now, "XInterview MA07"));
  }
}

static CbPseudonymiseDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* not ours */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CB_IS_PSEUDONYMISE_DIALOG (window))
        return CB_PSEUDONYMISE_DIALOG (window);
    }
  return NULL;
}

/* Pseudonymise…: the candidates with a placeholder to fill in, the
 * preview in context, the log where the user chose, then the job. */
static void
test_pseudonymise_dialog (UiFixture     *fixture,
                          gconstpointer  data)
{
  CbTranscriptView *view = fixture->window->transcript_view;
  CbPseudonymiseDialog *dialog;
  g_autofree char *dir = g_dir_make_tmp ("cb-pseudo-ui-XXXXXX", NULL);
  g_autofree char *log_path = g_build_filename (dir, "log.tsv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *log = NULL;

  ui_import (fixture, "interview-ma07.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.pseudonymise", NULL);
  ui_pump ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (cb_pseudonymise_dialog_set_placeholder (dialog, "Sofie", "[respondent 3]"));
  g_assert_false (cb_pseudonymise_dialog_set_placeholder (dialog, "Zanzibar", "[x]"));
  g_assert_nonnull (strstr (cb_pseudonymise_dialog_get_preview (dialog), "«Sofie → [respondent 3]»"));
  cb_pseudonymise_dialog_set_log_path (dialog, log_path);
  cb_pseudonymise_dialog_apply (dialog);
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);

  text = cb_project_dup_document_text (fixture->project, cb_transcript_view_get_document_id (view), NULL, NULL);
  g_assert_null (strstr (text, "Sofie"));
  g_assert_nonnull (strstr (text, "[respondent 3]"));
  label = cb_project_dup_undo_label (fixture->project);
  g_assert_null (label);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "\tSofie\t[respondent 3]\n"));

  /* Restore Names from Log… puts them back, byte for byte, one undo step */
  g_assert_true (_cb_window_restore_names (fixture->window, log_path));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  {
    g_autofree char *restored = cb_project_dup_document_text (fixture->project, cb_transcript_view_get_document_id (view),
                                                              NULL, NULL);
    g_autofree char *original_path = ui_corpus_file ("interview-ma07.txt");
    g_autofree char *original = NULL;

    g_assert_true (g_file_get_contents (original_path, &original, NULL, NULL));
    g_assert_cmpstr (restored, ==, original);
    g_clear_pointer (&label, g_free);
    label = cb_project_dup_undo_label (fixture->project);
    g_assert_nonnull (label);
  }
  /* the log no longer fits: refused, nothing changed */
  g_assert_true (_cb_window_restore_names (fixture->window, log_path));
  ui_wait_job (fixture);
  g_unlink (log_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/transcript/edit-mode", test_edit_mode);
  UI_TEST ("/ui/pseudonymise/dialog", test_pseudonymise_dialog);

  return g_test_run ();
}
