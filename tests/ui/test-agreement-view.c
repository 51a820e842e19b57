/* test-agreement-view.c: the Agreement view: two coders' table, the
 * comparison of a code in a document with the disagreements marked, α over
 * every coder, and recomputing after a change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-util.h"
#include "cb-coding-gutter.h"
#include "cb-transcript-coders.h"

static void
apply_as (UiFixture  *fixture,
          const char *coder,
          const char *path,
          gint64      start,
          gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_set_coder (fixture->project, coder);
  cb_project_apply (fixture->project, "interview-ma07", path, start, end, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
has_tag (GtkTextBuffer *buffer,
         const char    *name,
         int            offset)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static CbAgreementRow *
find_row (const CbAgreementTable *table,
          const char             *code,
          const char             *document)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      CbAgreementRow *row = table->rows->pdata[i];

      if (g_strcmp0 (row->code, code) == 0 && g_strcmp0 (row->document, document) == 0)
        return row;
    }
  g_assert_not_reached ();
}

static void
show_view (UiFixture *fixture)
{
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "agreement");
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window->agreement_view), 2);
  ui_pump ();
  ui_assert_no_dialog (fixture);
}

static void
test_two_coders (UiFixture     *fixture,
                 gconstpointer  data)
{
  CbAgreementView *view = fixture->window->agreement_view;
  const CbAgreementTable *table;
  CbAgreementRow *row;
  GtkTextBuffer *buffer;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  ui_add_code (fixture, "Regels");
  apply_as (fixture, "anna", "Vertrouwen", 100, 180);
  apply_as (fixture, "bram", "Vertrouwen", 120, 200);
  apply_as (fixture, "anna", "Regels", 300, 320);
  apply_as (fixture, "bram", "Regels", 300, 320);

  show_view (fixture);
  g_assert_true (cb_agreement_view_set_coders (view, "anna", "bram"));
  ui_pump ();
  table = cb_agreement_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_cmpstr (table->coders[0], ==, "anna");
  g_assert_cmpstr (table->coders[1], ==, "bram");
  row = find_row (table, "Vertrouwen", "interview-ma07");
  g_assert_cmpint (row->both, ==, 60);
  g_assert_cmpint (row->a_only, ==, 20);
  g_assert_cmpint (row->b_only, ==, 20);
  row = find_row (table, "Regels", NULL);
  g_assert_cmpfloat (row->kappa, ==, 1.0);
  /* the kappa column shows, not α's */
  {
    g_autoptr(GtkColumnViewColumn) kappa =
      g_list_model_get_item (gtk_column_view_get_columns (cb_agreement_view_get_column_view (view)), 3);
    g_autoptr(GtkColumnViewColumn) alpha =
      g_list_model_get_item (gtk_column_view_get_columns (cb_agreement_view_get_column_view (view)), 4);

    g_assert_true (gtk_column_view_column_get_visible (kappa));
    g_assert_false (gtk_column_view_column_get_visible (alpha));
  }

  /* the comparison: both coders' spans and the disagreements */
  g_assert_true (cb_agreement_view_select_row (view, "Vertrouwen", "interview-ma07"));
  ui_pump ();
  buffer = cb_agreement_view_get_compare_buffer (view);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), >, 200);
  g_assert_true (has_tag (buffer, "agreement-a-only", 100));
  g_assert_true (has_tag (buffer, "agreement-a-only", 119));
  g_assert_true (has_tag (buffer, "agreement-both", 120));
  g_assert_true (has_tag (buffer, "agreement-both", 179));
  g_assert_true (has_tag (buffer, "agreement-b-only", 180));
  g_assert_false (has_tag (buffer, "agreement-b-only", 200));
  g_assert_false (has_tag (buffer, "agreement-a-only", 99));

  /* a change shows at once while the view is visible */
  apply_as (fixture, "bram", "Vertrouwen", 100, 120);
  ui_pump ();
  table = cb_agreement_view_get_table (view);
  row = find_row (table, "Vertrouwen", "interview-ma07");
  g_assert_cmpint (row->both, ==, 80);
  g_assert_cmpint (row->a_only, ==, 0);

  /* the Export menu writes the table shown, as the CLI's agreement does */
  {
    g_autofree char *dir = g_dir_make_tmp ("agreement-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "agreement.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *contents = NULL;
    g_autoptr(GError) error = NULL;
    g_auto(GStrv) lines = NULL;
    gboolean found = FALSE;

    g_assert_true (cb_agreement_view_export (view, file, CB_AGREEMENT_FORMAT_CSV, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    lines = g_strsplit (contents, "\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "code,"));
    for (guint i = 1; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "Vertrouwen,interview-ma07,"))
        found = TRUE;
    g_assert_true (found);
    g_unlink (path);

    /* the same through the Export button's menu and its file chooser */
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "agreement.export", "s", "tsv"));
    ui_pump ();
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autofree char *tsv = g_build_filename (dir, "agreement-anna-bram.tsv", NULL);
      GtkFileChooser *chooser = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && chooser == NULL; i++)
        {
          g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

          if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            chooser = GTK_FILE_CHOOSER (window);
        }
      g_assert_nonnull (chooser);
      g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
      /* the name offered says whose agreement it is */
      g_assert_cmpstr (gtk_file_chooser_get_current_name (chooser), ==, "agreement-anna-bram.tsv");
      gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
      for (int i = 0; i < 200 && !g_file_test (tsv, G_FILE_TEST_EXISTS); i++)
        {
          ui_pump ();
          g_usleep (10000);
        }
      g_clear_pointer (&contents, g_free);
      g_assert_true (g_file_get_contents (tsv, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, "code\t"));
      g_unlink (tsv);
    }
    g_rmdir (dir);
  }

  /* segments */
  cb_agreement_view_set_unit (view, CB_AGREEMENT_UNIT_SEGMENT);
  ui_pump ();
  table = cb_agreement_view_get_table (view);
  g_assert_cmpint (table->unit, ==, CB_AGREEMENT_UNIT_SEGMENT);
  g_assert_cmpint (find_row (table, "Regels", NULL)->matched, ==, 1);
}

static void
test_alpha (UiFixture     *fixture,
            gconstpointer  data)
{
  CbAgreementView *view = fixture->window->agreement_view;
  const CbAgreementTable *table;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  apply_as (fixture, "anna", "Vertrouwen", 100, 180);
  apply_as (fixture, "bram", "Vertrouwen", 100, 180);
  apply_as (fixture, "cato", "Vertrouwen", 100, 180);

  show_view (fixture);
  cb_agreement_view_set_alpha (view, TRUE);
  ui_pump ();
  table = cb_agreement_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_true (table->alpha);
  g_assert_cmpuint (g_strv_length (table->coders), ==, 3);
  g_assert_cmpfloat (find_row (table, "Vertrouwen", NULL)->alpha, ==, 1.0);
}

/* One coder: the view says two are needed. */
static void
test_one_coder (UiFixture     *fixture,
                gconstpointer  data)
{
  CbAgreementView *view = fixture->window->agreement_view;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  apply_as (fixture, "anna", "Vertrouwen", 100, 180);
  show_view (fixture);
  g_assert_null (cb_agreement_view_get_table (view));
  g_assert_false (cb_agreement_view_set_coders (view, "anna", "bram"));
}

static GPtrArray *
coder_rows (UiFixture *fixture)
{
  GtkWidget *list = g_object_get_data (G_OBJECT (fixture->window->dialog), "cb-coders");
  GPtrArray *rows = g_ptr_array_new ();

  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    g_ptr_array_add (rows, row);
  return rows;
}

/* Coders…: every coder with their codings; renaming one into another's
 * name merges them (one undo step), and renaming yourself makes you code
 * on under the new name. */
static void
test_coders_dialog (UiFixture     *fixture,
                    gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *setting = NULL;
  AdwEntryRow *bram;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  apply_as (fixture, "anna", "Vertrouwen", 100, 180);
  apply_as (fixture, "bram", "Vertrouwen", 100, 180);
  apply_as (fixture, "bram", "Vertrouwen", 300, 320);
  ui_pump ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.coders", NULL));
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  rows = coder_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (gtk_editable_get_text (rows->pdata[0]), ==, "anna");
  g_assert_cmpstr (adw_preferences_row_get_title (rows->pdata[1]), ==, "2 codings in 1 document");
  bram = rows->pdata[1];

  /* bram (the coder of this window now) becomes anna: merged */
  gtk_editable_set_text (GTK_EDITABLE (bram), "anna");
  g_signal_emit_by_name (bram, "apply");
  ui_pump ();
  coders = cb_project_list_coder_summaries (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (coders->len, ==, 1);
  g_assert_cmpint (((CbCoderSummary *) coders->pdata[0])->n_codings, ==, 2);
  setting = g_settings_get_string (fixture->window->settings, "coder-name");
  g_assert_cmpstr (setting, ==, "anna");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = coder_rows (fixture);
  g_assert_cmpuint (rows->len, ==, 1);

  adw_message_dialog_response (fixture->window->dialog, "close");
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_pump ();
  /* one undo step brings bram back */
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&coders, g_ptr_array_unref);
  coders = cb_project_list_coder_summaries (fixture->project, &error);
  g_assert_cmpuint (coders->len, ==, 2);
}

static guint
n_stripes (CbTranscriptView *transcript)
{
  CbCodingGutter *gutter = CB_CODING_GUTTER (cb_transcript_view_get_gutter (transcript));

  return cb_coding_gutter_get_geometry (gutter)->len;
}

/* The transcript's coder selector: every coder, one, or two compared with
 * a lane set each in the gutter. */
static void
test_transcript_coders (UiFixture     *fixture,
                        gconstpointer  data)
{
  CbTranscriptView *transcript = cb_window_get_transcript_view (fixture->window);
  CbCodingGutter *gutter = CB_CODING_GUTTER (cb_transcript_view_get_gutter (transcript));
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  GArray *geometry;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  ui_add_code (fixture, "Regels");
  apply_as (fixture, "anna", "Vertrouwen", 100, 180);
  apply_as (fixture, "bram", "Regels", 1000, 1050);
  info = cb_project_get_document (fixture->project, "interview-ma07", &error);
  g_assert_no_error (error);
  g_assert_true (cb_window_show_document (fixture->window, info->id, &error));
  g_assert_no_error (error);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (transcript), 2);

  g_assert_cmpuint (n_stripes (transcript), ==, 2);
  g_assert_cmpuint (cb_coding_gutter_get_n_lanes (gutter), ==, 1);

  g_assert_true (cb_transcript_view_set_coder_filter (transcript, CB_CODER_FILTER_ONE, "bram", NULL, &error));
  g_assert_no_error (error);
  ui_pump ();
  geometry = cb_coding_gutter_get_geometry (gutter);
  g_assert_cmpuint (geometry->len, ==, 1);
  g_assert_cmpint (g_array_index (geometry, CbStripeGeometry, 0).start, ==, 1000);

  /* a coding by someone else while filtered stays hidden */
  apply_as (fixture, "anna", "Regels", 1200, 1210);
  ui_pump ();
  g_assert_cmpuint (n_stripes (transcript), ==, 1);

  g_assert_true (cb_transcript_view_set_coder_filter (transcript, CB_CODER_FILTER_COMPARE, "anna", "bram", &error));
  g_assert_no_error (error);
  ui_pump ();
  geometry = cb_coding_gutter_get_geometry (gutter);
  g_assert_cmpuint (geometry->len, ==, 3);
  g_assert_cmpuint (cb_coding_gutter_get_n_lanes (gutter), ==, 2);
  geometry = cb_coding_gutter_get_geometry (gutter);
  for (guint i = 0; i < geometry->len; i++)
    {
      CbStripeGeometry *g = &g_array_index (geometry, CbStripeGeometry, i);

      /* anna's in the first lane set, bram's in the second */
      g_assert_cmpuint (g->lane, ==, g->start == 1000 ? 1 : 0);
    }

  g_assert_true (cb_transcript_view_set_coder_filter (transcript, CB_CODER_FILTER_ALL, NULL, NULL, &error));
  ui_pump ();
  g_assert_cmpuint (n_stripes (transcript), ==, 3);
  g_assert_cmpuint (cb_coding_gutter_get_n_lanes (gutter), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/agreement/two-coders", test_two_coders);
  UI_TEST ("/ui/agreement/alpha", test_alpha);
  UI_TEST ("/ui/agreement/one-coder", test_one_coder);
  UI_TEST ("/ui/agreement/transcript-coders", test_transcript_coders);
  UI_TEST ("/ui/agreement/coders-dialog", test_coders_dialog);

  return g_test_run ();
}
