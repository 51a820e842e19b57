/* test-coding.c: coding a transcript: apply, undo/redo, segments, quick
 * code, in vivo, uncode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-util.h"

#define SPAN_START 220
#define SPAN_END   300

static GtkTextTag *
code_tag (UiFixture *fixture,
          gint64     code_id)
{
  return cb_transcript_view_get_code_tag (cb_window_get_transcript_view (fixture->window), code_id);
}

/* Select a range, activate the code in the tree: the coding is stored and
 * highlighted; undo removes both, redo brings them back. */
static void
test_apply_undo_redo (UiFixture     *fixture,
                      gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  g_autoptr(GPtrArray) codings = NULL;
  const CbSegment *segment;
  gint64 id;

  ui_import (fixture, "interview-ma07.txt");
  id = ui_add_code (fixture, "Vertrouwen");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Vertrouwen"));

  cb_transcript_view_select_range (view, SPAN_START, SPAN_END);
  ui_pump ();
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (view)));
  /* As a double-click (or Enter) on the code's row does. */
  g_signal_emit_by_name (cb_window_get_code_tree (fixture->window), "code-activated", "Vertrouwen");
  ui_pump ();

  codings = cb_project_list_document_codings (fixture->project,
                                              cb_transcript_view_get_document_id (view), NULL);
  g_assert_cmpuint (codings->len, ==, 1);
  segment = g_ptr_array_index (codings, 0);
  g_assert_cmpint (segment->start, ==, SPAN_START);
  g_assert_cmpint (segment->end, ==, SPAN_END);
  g_assert_cmpstr (segment->code_path, ==, "Vertrouwen");

  g_assert_nonnull (code_tag (fixture, id));
  g_assert_true (ui_has_tag_at (view, code_tag (fixture, id), SPAN_START));
  g_assert_true (ui_has_tag_at (view, code_tag (fixture, id), SPAN_END - 1));
  g_assert_false (ui_has_tag_at (view, code_tag (fixture, id), SPAN_END));
  g_assert_false (ui_has_tag_at (view, code_tag (fixture, id), SPAN_START - 1));

  /* The tree's count follows. */
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (cb_code_tree_get_rows (cb_window_get_code_tree (fixture->window)), 0);
    g_autoptr(CbCodeItem) item = gtk_tree_list_row_get_item (row);

    g_assert_cmpint (cb_code_item_get_n_codings_total (item), ==, 1);
  }

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_cmpuint (ui_count_codings (fixture), ==, 0);
  g_assert_false (ui_has_tag_at (view, code_tag (fixture, id), SPAN_START));

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  ui_pump ();
  g_assert_cmpuint (ui_count_codings (fixture), ==, 1);
  g_assert_true (ui_has_tag_at (view, code_tag (fixture, id), SPAN_START));

  /* And the recently used codes bar offers it for one-click coding. */
  g_assert_true (gtk_revealer_get_reveal_child (fixture->window->recent_codes_revealer));
}

/* The segments pane lists the quotes of the selected code; activating one
 * opens its document with the span selected. */
static void
test_segments (UiFixture     *fixture,
               gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(CbSegmentItem) item = NULL;
  gint64 start, end, french = 0, dutch = 0;
  guint i;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  ui_add_code (fixture, "Red Tape");
  ui_add_code (fixture, "Red Tape / Digitalisering");

  documents = cb_project_list_documents (fixture->project, NULL);
  for (i = 0; i < documents->len; i++)
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);

      if (g_str_has_prefix (info->name, "mag"))
        french = info->id;
      else
        dutch = info->id;
    }

  /* Code a passage of the French session with the subcode. */
  g_assert_true (cb_window_show_document (fixture->window, french, &error));
  g_assert_no_error (error);
  cb_transcript_view_select_range (view, 400, 460);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s",
                              "Red Tape / Digitalisering");
  ui_pump ();

  /* Selecting the parent lists it when subcodes are included... */
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Red Tape"));
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (cb_window_get_quotes_pane (fixture->window))), ==, 1);
  item = g_list_model_get_item (cb_quotes_pane_get_quotes (cb_window_get_quotes_pane (fixture->window)), 0);
  g_assert_cmpstr (cb_segment_item_get_segment (item)->document_name, ==, "mag-session-2-fr");
  g_assert_nonnull (cb_segment_item_get_speaker (item));
  g_assert_true (cb_quotes_pane_shows_list (cb_window_get_quotes_pane (fixture->window)));

  /* ...and not without them. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.include-descendants", NULL);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (cb_window_get_quotes_pane (fixture->window))), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.include-descendants", NULL);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (cb_window_get_quotes_pane (fixture->window))), ==, 1);

  /* Open the other document, then activate the segment. */
  g_assert_true (cb_window_show_document (fixture->window, dutch, &error));
  g_assert_cmpint (cb_transcript_view_get_document_id (view), ==, dutch);
  cb_quotes_pane_activate (cb_window_get_quotes_pane (fixture->window), 0);
  ui_pump ();
  g_assert_cmpint (cb_transcript_view_get_document_id (view), ==, french);
  g_assert_true (cb_transcript_view_get_selection (view, &start, &end));
  g_assert_cmpint (start, ==, 400);
  g_assert_cmpint (end, ==, 460);
}

/* Ctrl+K: the popover filters accent- and case-insensitively; when nothing
 * matches it offers to create the code under the selected code. */
static void
test_quick_code (UiFixture     *fixture,
                 gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  CbQuickCode *quick = CB_QUICK_CODE (fixture->window->quick_code);
  g_autoptr(GPtrArray) codings = NULL;
  gboolean create = TRUE;
  guint i;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Generalistisch werken / Één keer het verhaal doen");
  ui_add_code (fixture, "Reorganisatie 2014");

  cb_transcript_view_select_range (view, SPAN_START, SPAN_END);
  ui_pump ();
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Reorganisatie 2014"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-code", NULL);
  ui_pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (quick)));

  cb_quick_code_set_query (quick, "EEN keer");
  g_assert_cmpuint (cb_quick_code_get_n_rows (quick), ==, 1);
  g_assert_cmpstr (cb_quick_code_get_row_path (quick, 0, &create), ==,
                   "Generalistisch werken / Één keer het verhaal doen");
  g_assert_false (create);

  /* Nothing matches: the one row creates it under the selected code. */
  cb_quick_code_set_query (quick, "Versnippering");
  g_assert_cmpuint (cb_quick_code_get_n_rows (quick), ==, 1);
  g_assert_cmpstr (cb_quick_code_get_row_path (quick, 0, &create), ==,
                   "Reorganisatie 2014 / Versnippering");
  g_assert_true (create);

  cb_quick_code_activate (quick);   /* Enter */
  ui_pump ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (quick)));
  g_assert_true (ui_code_exists (fixture, "Reorganisatie 2014 / Versnippering"));

  codings = cb_project_list_document_codings (fixture->project,
                                              cb_transcript_view_get_document_id (view), NULL);
  g_assert_cmpuint (codings->len, ==, 1);
  for (i = 0; i < codings->len; i++)
    g_assert_cmpstr (((CbSegment *) g_ptr_array_index (codings, i))->code_path, ==,
                     "Reorganisatie 2014 / Versnippering");

  /* Creating the code and coding with it were one step: one undo takes
   * both away, and the step before it (adding "Reorganisatie 2014") stays. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_false (ui_code_exists (fixture, "Reorganisatie 2014 / Versnippering"));
  g_assert_true (ui_code_exists (fixture, "Reorganisatie 2014"));
  g_assert_cmpuint (ui_count_codings (fixture), ==, 0);
  g_assert_cmpuint (cb_transcript_view_get_codings (view)->len, ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.redo", NULL);
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "Reorganisatie 2014 / Versnippering"));
  g_assert_cmpuint (ui_count_codings (fixture), ==, 1);
}

/* In vivo: a code named after the selected words, applied at once. */
static void
test_in_vivo (UiFixture     *fixture,
              gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  g_autofree char *text = NULL;
  g_autofree char *words = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  ui_import (fixture, "interview-ma07.txt");
  buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_nonnull (strstr (text, "het aanspreekpunt voor alles"));
  {
    gint64 at = g_utf8_pointer_to_offset (text, strstr (text, "het aanspreekpunt voor alles"));

    cb_transcript_view_select_range (view, at, at + strlen ("het aanspreekpunt voor alles."));
  }
  ui_pump ();

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.in-vivo", NULL);
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "het aanspreekpunt voor alles"));
  g_assert_cmpuint (ui_count_codings (fixture), ==, 1);

  /* One undo step: the code and its coding go together; the import stays. */
  {
    g_autofree char *label = cb_project_dup_undo_label (fixture->project);

    g_assert_nonnull (strstr (label, "het aanspreekpunt voor alles"));
  }
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_false (ui_code_exists (fixture, "het aanspreekpunt voor alles"));
  g_assert_cmpuint (ui_count_codings (fixture), ==, 0);
  g_assert_cmpint (cb_transcript_view_get_document_id (view), !=, 0);
}

/* Right-click ▸ Remove “code”: the coding goes, the highlight too. */
static void
test_uncode (UiFixture     *fixture,
             gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  gint64 a, b;

  ui_import (fixture, "interview-ma07.txt");
  a = ui_add_code (fixture, "A");
  b = ui_add_code (fixture, "B");

  /* Two overlapping codings: both stay visible. */
  cb_transcript_view_select_range (view, SPAN_START, SPAN_END);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", "A");
  ui_pump ();
  cb_transcript_view_select_range (view, SPAN_START + 20, SPAN_END + 20);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", "B");
  ui_pump ();
  g_assert_cmpuint (ui_count_codings (fixture), ==, 2);
  g_assert_true (ui_has_tag_at (view, code_tag (fixture, a), SPAN_START + 30));
  g_assert_true (ui_has_tag_at (view, code_tag (fixture, b), SPAN_START + 30));
  g_assert_cmpuint (cb_transcript_view_get_codings (view)->len, ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.uncode", "(sxx)",
                              "A", (gint64) SPAN_START, (gint64) SPAN_END);
  ui_pump ();
  g_assert_cmpuint (ui_count_codings (fixture), ==, 1);
  g_assert_false (ui_has_tag_at (view, code_tag (fixture, a), SPAN_START + 30));
  g_assert_true (ui_has_tag_at (view, code_tag (fixture, b), SPAN_START + 30));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/coding/apply-undo-redo", test_apply_undo_redo);
  UI_TEST ("/ui/coding/segments", test_segments);
  UI_TEST ("/ui/coding/quick-code", test_quick_code);
  UI_TEST ("/ui/coding/in-vivo", test_in_vivo);
  UI_TEST ("/ui/coding/uncode", test_uncode);

  return g_test_run ();
}
