/* test-document-pane.c: the documents pane (issue 12 §7)
 *
 * Each row says which file a document came from and its format; the
 * Document Properties window shows what the core knows about it and
 * renames it as one undo step; the split between documents and codes is
 * kept for the next window; the transcript's margin numbers paragraphs as
 * the core does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-code-item.h"
#include "cb-coding-gutter.h"
#include "cb-document-item.h"
#include "cb-document-properties.h"
#include "cb-document-row.h"
#include "ui-test-util.h"

/* Imports the file at @path (any folder) through the window. */
static void
import_path (UiFixture  *fixture,
             const char *path)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_ptr_array_add (files, g_file_new_for_path (path));
  _cb_window_import_files (fixture->window, files);
  while (_cb_window_import_busy (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cb_window_import_busy (fixture->window));
  ui_pump ();
  ui_assert_no_dialog (fixture);
}

static CbDocumentItem *
find_item (UiFixture  *fixture,
           const char *name)
{
  GListModel *model = cb_document_list_get_model (fixture->window->document_list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CbDocumentItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (cb_document_item_get_name (item), name) == 0)
        return item;   /* the list keeps it */
    }
  g_error ("no document “%s” in the list", name);
}

/* The label of the row of @item that shows @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  GtkWidget *child;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A .docx and a .txt: the rows say so, under the names. */
static void
test_row_subtitles (UiFixture     *fixture,
                    gconstpointer  data)
{
  g_autofree char *docx = g_build_filename (g_getenv ("CODEBOOM_SOURCE_ROOT"), "tests", "data",
                                            "import", "features.docx", NULL);
  CbDocumentList *list = fixture->window->document_list;
  CbDocumentItem *item;

  ui_import (fixture, "interview-ma07.txt");
  import_path (fixture, docx);

  item = find_item (fixture, "features");
  g_assert_cmpstr (cb_document_item_get_source (item), ==, "features.docx · DOCX");
  item = find_item (fixture, "interview-ma07");
  g_assert_cmpstr (cb_document_item_get_source (item), ==, "interview-ma07.txt · TXT");

  /* And the rows show it. */
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_nonnull (find_label (GTK_WIDGET (list), "features.docx · DOCX"));
  g_assert_nonnull (find_label (GTK_WIDGET (list), "interview-ma07.txt · TXT"));
}

static CbDocumentProperties *
find_properties_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CB_IS_DOCUMENT_PROPERTIES (window))
        return CB_DOCUMENT_PROPERTIES (window);
    }
  return NULL;
}

/* The windows-1252 corpus file: what the window shows is what the core
 * counts; renaming is one undo step. */
static void
test_properties (UiFixture     *fixture,
                 gconstpointer  data)
{
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(CbParagraphIndex) paragraphs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *chars = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *n_paragraphs = NULL;
  CbDocumentProperties *properties;
  gsize length;

  ui_import (fixture, "interview-hma02-cp1252-crlf.txt");
  cb_document_list_activate (fixture->window->document_list, 0);
  ui_pump ();
  info = cb_project_get_document (fixture->project, "interview-hma02-cp1252-crlf", &error);
  g_assert_no_error (error);
  text = cb_project_dup_document_text (fixture->project, info->id, &length, &error);
  g_assert_no_error (error);
  paragraphs = cb_paragraph_index_new (text, length);
  speakers = cb_project_list_speakers (fixture->project, info->name, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (speakers->len, >, 0);

  /* Alt+Enter's action: the open document. */
  g_assert_null (find_properties_window ());
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.document-properties", "s", "");
  ui_pump ();
  properties = find_properties_window ();
  g_assert_nonnull (properties);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (properties)) == GTK_WINDOW (fixture->window));
  g_assert_cmpint (cb_document_properties_get_id (properties), ==, info->id);

  chars = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_chars);
  codings = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_codings);
  n_paragraphs = g_strdup_printf ("%'u", cb_paragraph_index_get_n (paragraphs));
  g_assert_cmpstr (cb_document_properties_get_value (properties, "name"), ==, "interview-hma02-cp1252-crlf");
  g_assert_cmpstr (cb_document_properties_get_value (properties, "source"), ==, "interview-hma02-cp1252-crlf.txt");
  g_assert_cmpstr (cb_document_properties_get_value (properties, "format"), ==, "TXT");
  g_assert_cmpstr (cb_document_properties_get_value (properties, "encoding"), ==, "windows-1252 (guessed)");
  g_assert_cmpstr (cb_document_properties_get_value (properties, "characters"), ==, chars);
  g_assert_cmpint (info->n_chars, ==, g_utf8_strlen (text, length));
  g_assert_cmpstr (cb_document_properties_get_value (properties, "paragraphs"), ==, n_paragraphs);
  g_assert_cmpuint (cb_paragraph_index_get_n (paragraphs), ==, 10);   /* counted by hand */
  g_assert_cmpstr (cb_document_properties_get_value (properties, "codings"), ==, codings);
  {
    g_autoptr(GString) expected = g_string_new (NULL);
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *year = g_date_time_format (now, "%Y");

    g_string_printf (expected, "%u: ", speakers->len);
    for (guint i = 0; i < speakers->len; i++)
      g_string_append_printf (expected, "%s%s", i > 0 ? ", " : "",
                              ((CbSpeakerInfo *) g_ptr_array_index (speakers, i))->name);
    g_assert_cmpstr (cb_document_properties_get_value (properties, "speakers"), ==, expected->str);
    g_assert_nonnull (strstr (cb_document_properties_get_value (properties, "imported"), year));
  }

  /* A name that is taken: the window says why, nothing changes. */
  ui_import (fixture, "interview-ma07.txt");
  g_assert_false (cb_document_properties_rename (properties, "interview-ma07", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);

  /* Renaming: one undo step, the list and the title follow. */
  g_assert_true (cb_document_properties_rename (properties, "HMA02", &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_cmpstr (cb_document_properties_get_value (properties, "name"), ==, "HMA02");
  g_assert_nonnull (find_item (fixture, "HMA02"));
  g_assert_cmpstr (cb_window_get_document_name (fixture->window), ==, "HMA02");
  {
    g_autofree char *label = cb_project_dup_undo_label (fixture->project);

    g_assert_cmpstr (label, ==, "Rename document “interview-hma02-cp1252-crlf”");
  }
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_cmpstr (cb_document_properties_get_value (properties, "name"), ==, "interview-hma02-cp1252-crlf");

  /* The text as imported, then edited (the window follows the edit) */
  g_assert_cmpstr (cb_document_properties_get_value (properties, "status"), ==, "As imported");
  g_assert_true (cb_project_replace_text (fixture->project, info->id, 0, 0, "Interview: ", NULL, &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_true (g_str_has_prefix (cb_document_properties_get_value (properties, "status"), "Edited on "));

  /* Escape closes it. */
  gtk_widget_activate_action (GTK_WIDGET (properties), "window.close", NULL);
  ui_pump ();
  g_assert_null (find_properties_window ());

  /* From the row's menu: that row's document. */
  {
    GtkWidget *row;

    ui_wait_frames (GTK_WIDGET (fixture->window), 2);
    row = cb_document_list_find_row (fixture->window->document_list, "interview-hma02-cp1252-crlf");
    g_assert_nonnull (row);
    gtk_widget_activate_action (GTK_WIDGET (row), "document.properties", NULL);
    ui_pump ();
    properties = find_properties_window ();
    g_assert_nonnull (properties);
    g_assert_cmpstr (cb_document_properties_get_value (properties, "name"), ==,
                     cb_document_item_get_name (cb_document_row_get_item (CB_DOCUMENT_ROW (row))));
    gtk_window_destroy (GTK_WINDOW (properties));
  }
}

/* The split between documents and codes: the list takes the height it is
 * given (more than five rows), and the next window starts with it. */
static void
test_split (UiFixture     *fixture,
            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CbWindow *second;

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1366, 900);
  ui_wait_frames (GTK_WIDGET (fixture->window), 10);
  gtk_paned_set_position (fixture->window->sidebar_paned, 520);
  ui_wait_frames (GTK_WIDGET (fixture->window), 10);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-split"), ==, 520);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fixture->window->document_list)), ==, 520);

  second = g_object_ref_sink (cb_window_new (NULL));
  gtk_window_set_default_size (GTK_WINDOW (second), 1366, 900);
  gtk_window_present (GTK_WINDOW (second));
  ui_wait_frames (GTK_WIDGET (second), 10);
  g_assert_cmpint (gtk_paned_get_position (second->sidebar_paned), ==, 520);
  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
  g_settings_reset (settings, "sidebar-split");
}

/* The buffer y of the top of the line holding @offset. */
static int
line_y (GtkTextView *view,
        gint64       offset)
{
  GtkTextIter iter;
  int y, height;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  return y;
}

/* Paragraph numbers on: the margin numbers each paragraph as the core's
 * index (the quote export's {paragraph}) does, blank lines none. */
static void
test_paragraph_numbers (UiFixture     *fixture,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  GtkTextView *text_view = cb_transcript_view_get_text_view (view);
  CbCodingGutter *gutter = CB_CODING_GUTTER (cb_transcript_view_get_gutter (view));
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(CbParagraphIndex) paragraphs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;
  gint64 start, end;
  int width_without;
  guint n, numbers[] = { 1, 2, 5, 17 };

  ui_import (fixture, "interview-ma07.txt");
  cb_document_list_activate (fixture->window->document_list, 0);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  info = cb_project_get_document (fixture->project, "interview-ma07", &error);
  g_assert_no_error (error);
  text = cb_project_dup_document_text (fixture->project, info->id, &length, &error);
  g_assert_no_error (error);
  paragraphs = cb_paragraph_index_new (text, length);
  n = cb_paragraph_index_get_n (paragraphs);
  g_assert_cmpuint (n, >, 17);

  /* Off by default: nothing numbered. */
  g_assert_false (cb_coding_gutter_get_show_paragraph_numbers (gutter));
  width_without = gtk_widget_get_width (GTK_WIDGET (gutter));
  g_assert_true (cb_paragraph_index_get_span (paragraphs, 5, &start, &end));
  g_assert_cmpuint (cb_coding_gutter_get_paragraph_number_at_y (gutter, line_y (text_view, start)), ==, 0);

  /* On through the setting (the preferences' switch, win.show-paragraph-numbers). */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-paragraph-numbers", NULL);
  g_assert_true (g_settings_get_boolean (settings, "show-paragraph-numbers"));
  ui_wait_frames (GTK_WIDGET (fixture->window), 5);
  g_assert_true (cb_coding_gutter_get_show_paragraph_numbers (gutter));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (gutter)), >, width_without);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_assert_true (cb_paragraph_index_get_span (paragraphs, numbers[i], &start, &end));
      g_assert_cmpuint (cb_coding_gutter_get_paragraph_number_at_y (gutter, line_y (text_view, start)),
                        ==, numbers[i]);
      /* Its last character's line is the same paragraph. */
      g_assert_cmpuint (cb_coding_gutter_get_paragraph_number_at_y (gutter, line_y (text_view, end - 1)),
                        ==, numbers[i]);
    }
  /* The blank line after the third paragraph has none. */
  g_assert_true (cb_paragraph_index_get_span (paragraphs, 3, &start, &end));
  {
    GtkTextIter blank;

    gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view), &blank, end + 1);
    g_assert_cmpint (gtk_text_iter_get_chars_in_line (&blank), ==, 1);
  }
  g_assert_cmpuint (cb_coding_gutter_get_paragraph_number_at_y (gutter, line_y (text_view, end + 1)), ==, 0);
  /* The last paragraph, far below the visible part. */
  g_assert_true (cb_paragraph_index_get_span (paragraphs, n, &start, &end));
  g_assert_cmpuint (cb_coding_gutter_get_paragraph_number_at_y (gutter, line_y (text_view, start)), ==, n);

  /* Without stripes the numbers still show. */
  g_settings_set_boolean (settings, "show-stripes", FALSE);
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gutter)));
  g_settings_set_boolean (settings, "show-paragraph-numbers", FALSE);
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gutter)));
  g_settings_reset (settings, "show-stripes");
  g_settings_reset (settings, "show-paragraph-numbers");
}

/* A project opened in a window shows its documents and codes at once and
 * their coding counts after the first frame (counting reads the whole
 * coding index of a big project): first without, then with them. */
static void
test_counts_after_first_frame (UiFixture     *fixture,
                               gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(CbDocumentItem) item = NULL;
  g_autoptr(GtkTreeListRow) row = NULL;
  g_autoptr(CbCodeItem) code = NULL;
  g_autofree char *chars = NULL;
  g_autofree char *without = NULL;
  g_autofree char *with = NULL;
  CbWindow *second;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  g_assert_cmpint (cb_project_apply (fixture->project, "interview-ma07", "Vertrouwen", 3, 40, NULL, &error), >, 0);
  g_assert_no_error (error);
  ui_pump ();
  info = cb_project_get_document (fixture->project, "interview-ma07", &error);
  g_assert_no_error (error);
  chars = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_chars);
  without = g_strdup_printf ("%s characters", chars);
  with = g_strdup_printf ("%s characters · 1 coding", chars);

  second = g_object_ref_sink (cb_window_new (NULL));
  g_assert_true (cb_window_open_project (second, file, &error));
  g_assert_no_error (error);

  item = g_list_model_get_item (cb_document_list_get_model (second->document_list), 0);
  g_assert_cmpstr (cb_document_item_get_details (item), ==, without);
  row = g_list_model_get_item (cb_code_tree_get_rows (cb_window_get_code_tree (second)), 0);
  code = gtk_tree_list_row_get_item (row);
  g_assert_cmpstr (cb_code_item_get_path (code), ==, "Vertrouwen");
  g_assert_cmpint (cb_code_item_get_info (code)->n_codings_total, ==, -1);

  /* deleting a code before its count came still says how many codings go */
  {
    CbCodeTree *tree = cb_window_get_code_tree (second);
    AdwMessageDialog *dialog;

    g_assert_true (cb_code_tree_select_path (tree, "Vertrouwen"));
    gtk_widget_activate_action (GTK_WIDGET (tree), "code.delete", NULL);
    dialog = _cb_code_tree_get_dialog (tree);
    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), " 1 coding "));
    g_assert_cmpint (cb_code_item_get_info (code)->n_codings_total, ==, 1);
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    cb_code_tree_unselect (tree);
  }

  gtk_window_present (GTK_WINDOW (second));
  ui_wait_frames (GTK_WIDGET (second), 2);
  ui_pump ();
  g_assert_cmpstr (cb_document_item_get_details (item), ==, with);
  g_assert_cmpint (cb_code_item_get_info (code)->n_codings_total, ==, 1);

  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);
  UI_TEST ("/ui/document-pane/row-subtitles", test_row_subtitles);
  UI_TEST ("/ui/document-pane/properties", test_properties);
  UI_TEST ("/ui/document-pane/split", test_split);
  UI_TEST ("/ui/document-pane/paragraph-numbers", test_paragraph_numbers);
  UI_TEST ("/ui/document-pane/counts-after-first-frame", test_counts_after_first_frame);
  return g_test_run ();
}
