/* test-transcript.c: the transcript as a user meets it: quick code used
 * again and again, coding stripes, the context menu
 *
 * Run under Xvfb with GDK_BACKEND=x11, so that the PRIMARY selection
 * behaves as on a real X11 desktop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-coding-gutter.h"
#include "ui-test-util.h"

/* Ctrl+K three times in a row, each time on a new selection, choosing an
 * existing code by typing part of it and pressing Enter: every time the
 * selection that existed when the popover opened is coded, even though the
 * popover's entry takes the focus (and, under X11, the PRIMARY selection). */
static void
test_quick_code_repeated (UiFixture     *fixture,
                          gconstpointer  data)
{
  static const struct { gint64 start, end; const char *query, *path; } uses[] = {
    { 100, 140, "vertr", "Vertrouwen" },
    { 300, 360, "red", "Red Tape" },
    { 500, 530, "vertrouwen", "Vertrouwen" },
  };
  CbTranscriptView *view = fixture->window->transcript_view;
  CbQuickCode *quick = CB_QUICK_CODE (fixture->window->quick_code);
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (view));

  g_assert_true (GDK_IS_DISPLAY (display));
  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  ui_add_code (fixture, "Red Tape");

  for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
    {
      g_autoptr(GPtrArray) codings = NULL;
      const CbSegment *found = NULL;
      GtkText *text;

      gtk_widget_grab_focus (GTK_WIDGET (view));
      cb_transcript_view_select_range (view, uses[i].start, uses[i].end);
      ui_pump ();
      g_assert_true (cb_transcript_view_get_selection (view, NULL, NULL));

      gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.quick-code", NULL);
      ui_wait_frames (GTK_WIDGET (quick), 2);
      ui_pump ();
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (quick)));

      /* Typed into the entry, as a user does: the entry (a GtkText) has
       * the focus and selects what it holds. */
      text = GTK_TEXT (gtk_root_get_focus (GTK_ROOT (fixture->window)));
      g_assert_true (GTK_IS_TEXT (text));
      gtk_editable_set_text (GTK_EDITABLE (text), uses[i].query);
      gtk_editable_select_region (GTK_EDITABLE (text), 0, -1);
      ui_pump ();
      g_assert_cmpuint (cb_quick_code_get_n_rows (quick), >=, 1);
      g_assert_cmpstr (cb_quick_code_get_row_path (quick, 0, NULL), ==, uses[i].path);

      g_signal_emit_by_name (text, "activate");   /* Enter */
      ui_pump ();
      ui_assert_no_dialog (fixture);
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (quick)));

      codings = cb_project_list_document_codings (fixture->project,
                                                  cb_transcript_view_get_document_id (view), NULL);
      g_assert_cmpuint (codings->len, ==, i + 1);
      for (guint j = 0; j < codings->len; j++)
        {
          const CbSegment *segment = g_ptr_array_index (codings, j);

          if (segment->start == uses[i].start)
            found = segment;
        }
      g_assert_nonnull (found);
      g_assert_cmpint (found->end, ==, uses[i].end);
      g_assert_cmpstr (found->code_path, ==, uses[i].path);

      /* And the passage stays selected, ready for another code. */
      {
        gint64 start, end;

        g_assert_true (cb_transcript_view_get_selection (view, &start, &end));
        g_assert_cmpint (start, ==, uses[i].start);
        g_assert_cmpint (end, ==, uses[i].end);
      }
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/transcript/quick-code-repeated", test_quick_code_repeated);

  return g_test_run ();
}
