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
#include "cb-empty-hint.h"
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

/* Codes @path on [start, end) through the window's action. */
static void
code_span (UiFixture  *fixture,
           const char *path,
           gint64      start,
           gint64      end)
{
  cb_transcript_view_select_range (fixture->window->transcript_view, start, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", path);
  ui_pump ();
  ui_assert_no_dialog (fixture);
}

/* The stripe of the coding [start, end), or a failure. */
static const CbStripeGeometry *
find_stripe (GArray *geometry,
             gint64  start,
             gint64  end)
{
  for (guint i = 0; i < geometry->len; i++)
    {
      const CbStripeGeometry *stripe = &g_array_index (geometry, CbStripeGeometry, i);

      if (stripe->start == start && stripe->end == end)
        return stripe;
    }
  g_error ("no stripe for %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, start, end);
  return NULL;
}

/* The top of the display line of @offset and the bottom of the display
 * line of @last, in buffer coordinates. */
static void
lines_extent (GtkTextView *text_view,
              gint64       offset,
              gint64       last,
              int         *top,
              int         *bottom)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  *top = rect.y;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, last);
  gtk_text_view_get_iter_location (text_view, &iter, &rect);
  *bottom = rect.y + rect.height;
}

/* Paragraph 15 of the interview (offsets 984 to 1521) runs over several
 * lines.  Two codings that overlap get two lanes; each stripe starts and
 * ends at its own coded lines, not at the paragraph's top; a third
 * coding further down the same paragraph, on other lines, shares the
 * first lane. */
#define PARAGRAPH_START 984
#define PARAGRAPH_END   1521

static void
test_stripes_overlap (UiFixture     *fixture,
                      gconstpointer  data)
{
  CbTranscriptView *view = fixture->window->transcript_view;
  GtkTextView *text_view = cb_transcript_view_get_text_view (view);
  CbCodingGutter *gutter = CB_CODING_GUTTER (cb_transcript_view_get_gutter (view));
  const CbStripeGeometry *a, *b, *c;
  GArray *geometry;
  int top, bottom, paragraph_top, paragraph_height;
  GtkTextIter iter;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  ui_add_code (fixture, "Red Tape / Digitalisering");

  code_span (fixture, "Vertrouwen", PARAGRAPH_START + 100, PARAGRAPH_START + 220);
  code_span (fixture, "Red Tape / Digitalisering", PARAGRAPH_START + 180, PARAGRAPH_START + 300);
  code_span (fixture, "Vertrouwen", PARAGRAPH_START + 450, PARAGRAPH_START + 500);
  ui_wait_frames (GTK_WIDGET (text_view), 3);
  ui_pump ();

  geometry = cb_coding_gutter_get_geometry (gutter);
  g_assert_cmpuint (geometry->len, ==, 3);
  a = find_stripe (geometry, PARAGRAPH_START + 100, PARAGRAPH_START + 220);
  b = find_stripe (geometry, PARAGRAPH_START + 180, PARAGRAPH_START + 300);
  c = find_stripe (geometry, PARAGRAPH_START + 450, PARAGRAPH_START + 500);

  /* The two that overlap: side by side, not one under the other. */
  g_assert_cmpuint (a->lane, !=, b->lane);
  g_assert_cmpuint (cb_coding_gutter_get_n_lanes (gutter), ==, 2);
  g_assert_cmpstr (b->label, ==, "Red Tape / Digitalisering");

  /* Each from its own first line to its own last line. */
  lines_extent (text_view, PARAGRAPH_START + 100, PARAGRAPH_START + 219, &top, &bottom);
  g_assert_cmpint (a->y, ==, top);
  g_assert_cmpint (a->y + a->height, ==, bottom);
  lines_extent (text_view, PARAGRAPH_START + 180, PARAGRAPH_START + 299, &top, &bottom);
  g_assert_cmpint (b->y, ==, top);
  g_assert_cmpint (b->y + b->height, ==, bottom);
  g_assert_cmpint (b->y, >, a->y);

  /* Not the paragraph's top: the paragraph starts lines above. */
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, PARAGRAPH_START);
  gtk_text_view_get_line_yrange (text_view, &iter, &paragraph_top, &paragraph_height);
  g_assert_cmpint (a->y, >, paragraph_top);

  /* Lines of its own further down: back in the first lane, below both. */
  g_assert_cmpuint (c->lane, ==, 0);
  g_assert_cmpint (c->y, >=, b->y + b->height);
  g_assert_cmpint (c->y + c->height, <=, paragraph_top + paragraph_height);

  /* With two lanes there is room for the names beside stripes of more
   * than one line. */
  g_assert_true (a->label_shown);
  g_assert_true (b->label_shown);

  /* Hovering over the overlap names both codes. */
  {
    g_autofree char *labels = cb_coding_gutter_dup_labels_at_y (gutter, b->y + 1);

    g_assert_nonnull (strstr (labels, "Vertrouwen"));
    g_assert_nonnull (strstr (labels, "Red Tape / Digitalisering"));
  }

  /* Removing one coding takes its lane away. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.uncode", "(sxx)",
                              "Red Tape / Digitalisering",
                              (gint64) PARAGRAPH_START + 180, (gint64) PARAGRAPH_START + 300);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (text_view), 2);
  g_assert_cmpuint (cb_coding_gutter_get_geometry (gutter)->len, ==, 2);
  g_assert_cmpuint (cb_coding_gutter_get_n_lanes (gutter), ==, 1);
}

/* A short coding in the middle of a long paragraph: the stripe covers
 * just its line, well inside the paragraph, and it follows the text when
 * a larger text size wraps the paragraph again. */
static void
test_stripes_middle_of_paragraph (UiFixture     *fixture,
                                  gconstpointer  data)
{
  CbTranscriptView *view = fixture->window->transcript_view;
  GtkTextView *text_view = cb_transcript_view_get_text_view (view);
  CbCodingGutter *gutter = CB_CODING_GUTTER (cb_transcript_view_get_gutter (view));
  const CbStripeGeometry *stripe;
  int top, bottom, paragraph_top, paragraph_height;
  GtkTextIter iter;
  gint64 start = PARAGRAPH_START + 260, end = PARAGRAPH_START + 270;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  code_span (fixture, "Vertrouwen", start, end);
  ui_wait_frames (GTK_WIDGET (text_view), 3);
  ui_pump ();

  stripe = find_stripe (cb_coding_gutter_get_geometry (gutter), start, end);
  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &iter, PARAGRAPH_START);
  gtk_text_view_get_line_yrange (text_view, &iter, &paragraph_top, &paragraph_height);
  lines_extent (text_view, start, end - 1, &top, &bottom);

  g_assert_cmpint (stripe->lane, ==, 0);
  g_assert_cmpint (stripe->y, ==, top);
  g_assert_cmpint (stripe->y + stripe->height, ==, bottom);
  g_assert_cmpint (stripe->y, >, paragraph_top);
  g_assert_cmpint (stripe->y + stripe->height, <, paragraph_top + paragraph_height);
  /* One line: far shorter than the paragraph, too short for its name. */
  g_assert_cmpint (stripe->height * 3, <, paragraph_height);
  g_assert_false (stripe->label_shown);

  /* Larger text: more and taller lines above it, so the stripe moves
   * down with them. */
  {
    int old_y = stripe->y;

    cb_transcript_view_set_text_size (view, 20);
    ui_wait_frames (GTK_WIDGET (text_view), 4);
    ui_pump ();
    stripe = find_stripe (cb_coding_gutter_get_geometry (gutter), start, end);
    lines_extent (text_view, start, end - 1, &top, &bottom);
    g_assert_cmpint (stripe->y, ==, top);
    g_assert_cmpint (stripe->y + stripe->height, ==, bottom);
    g_assert_cmpint (stripe->y, >, old_y);
  }
}

static void
collect_items (GMenuModel *model,
               GString    *out)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        {
          collect_items (section, out);
          continue;
        }
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
      g_string_append_printf (out, "%s=%s\n", label, action);
    }
}

static char *
menu_items (CbTranscriptView *view,
            gint64            offset)
{
  g_autoptr(GMenuModel) model = cb_transcript_view_build_context_menu (view, offset);
  GString *out = g_string_new (NULL);

  collect_items (model, out);
  return g_string_free (out, FALSE);
}

static void
on_text_read (GObject      *clipboard,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (clipboard), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static char *
read_clipboard (GtkWidget *widget)
{
  char *text = NULL;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_read, &text);
  while (text == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (text);
  return text;
}

/* The answer of paragraph 11: "[00:00:35] R: Euh… ik ben eigenlijk het
 * aanspreekpunt voor alles" */
#define ANSWER_START 527

/* The right-click menu holds only what applies: copying and coding the
 * selection, no Cut, Paste, Delete or Undo (the text view's own, whose
 * Ctrl+Z is not the project's); on coded text the Remove items; nothing
 * at all where nothing applies. */
static void
test_context_menu (UiFixture     *fixture,
                   gconstpointer  data)
{
  CbTranscriptView *view = fixture->window->transcript_view;
  GtkTextView *text_view = cb_transcript_view_get_text_view (view);
  g_autofree char *with_selection = NULL;
  g_autofree char *on_coding = NULL;
  g_autofree char *citation = NULL;
  g_autofree char *selected = NULL;
  g_autofree char *copied = NULL;
  gint64 start = ANSWER_START + 14, end = ANSWER_START + 41;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Rol");
  code_span (fixture, "Rol", ANSWER_START + 60, ANSWER_START + 120);
  g_assert_null (gtk_text_view_get_extra_menu (text_view));
  g_assert_false (gtk_text_buffer_get_enable_undo (gtk_text_view_get_buffer (text_view)));

  cb_transcript_view_select_range (view, start, end);
  ui_pump ();
  with_selection = menu_items (view, start + 2);
  g_assert_nonnull (strstr (with_selection, "=transcript.copy\n"));
  g_assert_nonnull (strstr (with_selection, "=transcript.copy-citation\n"));
  g_assert_nonnull (strstr (with_selection, "=win.quick-code\n"));
  g_assert_nonnull (strstr (with_selection, "=win.in-vivo\n"));
  g_assert_null (strstr (with_selection, "clipboard.cut"));
  g_assert_null (strstr (with_selection, "clipboard.paste"));
  g_assert_null (strstr (with_selection, "undo"));
  g_assert_null (strstr (with_selection, "win.uncode"));

  /* The menu at the cursor (Menu key, Shift+F10) is ours. */
  g_assert_true (cb_transcript_view_popup_context_menu (view));
  ui_pump ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cb_transcript_view_get_context_menu (view))));
  gtk_popover_popdown (cb_transcript_view_get_context_menu (view));
  ui_pump ();

  /* Copy with Citation: the quote, then (document, speaker, timestamp). */
  selected = cb_transcript_view_dup_selected_text (view);
  citation = cb_transcript_view_dup_citation_text (view);
  {
    g_autofree char *expected = g_strdup_printf ("“%s” (interview-ma07, R, 00:00:35)", selected);

    g_assert_cmpstr (citation, ==, expected);
  }
  gtk_widget_activate_action (GTK_WIDGET (view), "transcript.copy-citation", NULL);
  copied = read_clipboard (GTK_WIDGET (view));
  g_assert_cmpstr (copied, ==, citation);
  g_clear_pointer (&copied, g_free);
  gtk_widget_activate_action (GTK_WIDGET (view), "transcript.copy", NULL);
  copied = read_clipboard (GTK_WIDGET (view));
  g_assert_cmpstr (copied, ==, selected);

  /* No selection, on coded text: only the Remove item. */
  cb_transcript_view_set_selection (view, ANSWER_START + 70, ANSWER_START + 70);
  on_coding = menu_items (view, ANSWER_START + 70);
  g_assert_cmpstr (on_coding, ==, "Remove “Rol”=win.uncode\n");

  /* Nothing applies: no menu. */
  cb_transcript_view_set_selection (view, ANSWER_START + 200, ANSWER_START + 200);
  g_assert_false (cb_transcript_view_popup_context_menu (view));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cb_transcript_view_get_context_menu (view))));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Empty places say what to do: the code pane without codes tells how to
 * add one (and the hint goes with the first code, and comes back when it
 * is undone); the transcript page without a document shows an icon that
 * exists in the theme, not the letter "A" of format-text-plaintext. */
static void
test_empty_hints (UiFixture     *fixture,
                  gconstpointer  data)
{
  GtkWidget *hint = find_descendant (GTK_WIDGET (fixture->window->code_tree), CB_TYPE_EMPTY_HINT);
  GtkWidget *empty_page = gtk_stack_get_child_by_name (fixture->window->centre_stack, "empty");
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (empty_page));
  g_autofree char *title = NULL;
  const char *icon;

  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_get_visible (hint));
  g_assert_true (gtk_widget_get_mapped (hint));
  g_object_get (hint, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "No Codes Yet");

  ui_add_code (fixture, "Vertrouwen");
  g_assert_false (gtk_widget_get_visible (hint));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_false (ui_code_exists (fixture, "Vertrouwen"));
  g_assert_true (gtk_widget_get_visible (hint));

  g_assert_true (ADW_IS_STATUS_PAGE (empty_page));
  icon = adw_status_page_get_icon_name (ADW_STATUS_PAGE (empty_page));
  g_assert_cmpstr (icon, !=, "format-text-plaintext-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (theme, icon));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/transcript/quick-code-repeated", test_quick_code_repeated);
  UI_TEST ("/ui/transcript/stripes-overlap", test_stripes_overlap);
  UI_TEST ("/ui/transcript/stripes-middle-of-paragraph", test_stripes_middle_of_paragraph);
  UI_TEST ("/ui/transcript/context-menu", test_context_menu);
  UI_TEST ("/ui/transcript/empty-hints", test_empty_hints);

  return g_test_run ();
}
