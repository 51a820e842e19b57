/* test-analysis-view.c: the Analysis view: a matrix cell, its quotes, the
 * transcript at the span, and recomputing after a change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ui-test-util.h"

static void
apply (UiFixture  *fixture,
       const char *document,
       const char *path,
       gint64      start,
       gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_apply (fixture->project, document, path, start, end, NULL, &error);
  g_assert_no_error (error);
}

static int
column_of (const CbAnalysisTable *table,
           const char            *label)
{
  int column = cb_analysis_table_find_column (table, label);

  g_assert_cmpint (column, >=, 0);
  return column;
}

/* Two documents, a code with a subcode: the matrix counts the subcode's
 * codings in its parent's row; a cell lists its quotes; a quote opens the
 * transcript at its span; a new coding shows in the matrix. */
static void
test_matrix_drill_down (UiFixture     *fixture,
                        gconstpointer  data)
{
  CbAnalysisView *view = fixture->window->analysis_view;
  const CbAnalysisTable *table;
  g_autoptr(CbSegmentItem) item = NULL;
  gint64 start = 0;
  gint64 end = 0;
  int row;
  int ma07;
  int mag;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  ui_add_code (fixture, "Vertrouwen");
  ui_add_code (fixture, "Vertrouwen / Wantrouwen");
  ui_add_code (fixture, "Regels");
  apply (fixture, "interview-ma07", "Vertrouwen", 100, 180);
  apply (fixture, "interview-ma07", "Vertrouwen / Wantrouwen", 300, 360);
  /* the same span twice in one row counts once */
  apply (fixture, "interview-ma07", "Vertrouwen / Wantrouwen", 100, 180);
  apply (fixture, "mag-session-2-fr", "Regels", 10, 50);

  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "analysis");
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (view), 2);
  ui_pump ();
  ui_assert_no_dialog (fixture);

  table = cb_analysis_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_rows, ==, 2);
  row = cb_analysis_table_find_row (table, "Vertrouwen");
  ma07 = column_of (table, "interview-ma07");
  mag = column_of (table, "mag-session-2-fr");
  g_assert_cmpint (row, ==, 0);
  g_assert_cmpint (cb_analysis_table_count (table, row, ma07), ==, 2);
  g_assert_cmpint (cb_analysis_table_count (table, row, mag), ==, 0);
  g_assert_cmpint (cb_analysis_table_count (table, cb_analysis_table_find_row (table, "Regels"), mag), ==, 1);

  /* the column view shows the table: a header per document */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (cb_analysis_view_get_column_view (view))), ==,
                    1 + table->n_columns);

  /* the cell's quotes: every coding behind it, in text order */
  cb_analysis_view_show_cell (view, (guint) row, (guint) ma07);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_analysis_view_get_quotes (view)), ==, 3);
  item = g_list_model_get_item (cb_analysis_view_get_quotes (view), 2);
  g_assert_cmpint (cb_segment_item_get_segment (item)->start, ==, 300);
  g_assert_cmpstr (cb_segment_item_get_segment (item)->code_path, ==, "Vertrouwen / Wantrouwen");

  /* opening a quote shows the transcript at the span */
  cb_analysis_view_activate_quote (view, 2);
  ui_pump ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->window->view_stack), ==, "transcript");
  g_assert_cmpstr (cb_window_get_document_name (fixture->window), ==, "interview-ma07");
  g_assert_true (cb_transcript_view_get_selection (cb_window_get_transcript_view (fixture->window), &start, &end));
  g_assert_cmpint (start, ==, 300);
  g_assert_cmpint (end, ==, 360);

  /* a change while hidden is there when the view shows again */
  apply (fixture, "interview-ma07", "Vertrouwen", 500, 520);
  ui_pump ();
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "analysis");
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (view), 2);
  ui_pump ();
  table = cb_analysis_view_get_table (view);
  g_assert_cmpint (cb_analysis_table_count (table, cb_analysis_table_find_row (table, "Vertrouwen"),
                                            column_of (table, "interview-ma07")), ==, 3);

  /* the other tabs: symmetric co-occurrence, frequencies with a chart */
  cb_analysis_view_set_tab (view, "cooccurrence");
  ui_pump ();
  table = cb_analysis_view_get_table (view);
  g_assert_cmpuint (table->n_rows, ==, table->n_columns);
  g_assert_cmpint (cb_analysis_table_count (table, 0, 0), ==, 3);
  g_assert_cmpint (cb_analysis_table_count (table, 0, 1), ==, cb_analysis_table_count (table, 1, 0));
  /* the diagonal cell of "Vertrouwen": its 3 segments, each its own pair */
  cb_analysis_view_show_cell (view, 0, 0);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_analysis_view_get_quotes (view)), ==, 3);
  cb_analysis_view_activate_quote (view, 0);
  ui_pump ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->window->view_stack), ==, "transcript");
  g_assert_true (cb_transcript_view_get_selection (cb_window_get_transcript_view (fixture->window), &start, &end));
  g_assert_cmpint (start, ==, 100);
  g_assert_cmpint (end, ==, 180);
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "analysis");
  ui_pump ();
  cb_analysis_view_set_tab (view, "frequencies");
  ui_pump ();
  table = cb_analysis_view_get_table (view);
  g_assert_cmpuint (table->n_rows, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (cb_analysis_view_get_column_view (view))), ==, 5);
  ui_assert_no_dialog (fixture);
}

static void
refresh_view (CbAnalysisView *view)
{
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (view), 2);
  ui_pump ();
}

/* Cases and an attribute: the column picker offers "By case" and one entry
 * per attribute; the counts and a cell's quotes follow the cases. */
static void
test_matrix_by_case (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbAnalysisView *view = fixture->window->analysis_view;
  const CbAnalysisTable *table;
  const char *regions[] = { "Noord", "Zuid", NULL };
  g_autoptr(GError) error = NULL;
  GListModel *choices;
  guint n_choices;
  int row;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  ui_add_code (fixture, "Vertrouwen");
  apply (fixture, "interview-ma07", "Vertrouwen", 100, 180);
  apply (fixture, "interview-ma07", "Vertrouwen", 3000, 3100);
  apply (fixture, "mag-session-2-fr", "Vertrouwen", 10, 50);
  apply (fixture, "mag-session-2-fr", "Vertrouwen", 900, 950);
  g_assert_true (cb_project_add_case (fixture->project, "Sofie", &error));
  g_assert_true (cb_project_add_case (fixture->project, "Groep", &error));
  g_assert_true (cb_project_assign_case (fixture->project, "Sofie", "interview-ma07", NULL, -1, -1, &error));
  /* Sofie also speaks in the group session, up to 100 */
  g_assert_true (cb_project_assign_case (fixture->project, "Sofie", "mag-session-2-fr", NULL, 0, 100, &error));
  g_assert_true (cb_project_add_attribute (fixture->project, "regio", CB_ATTRIBUTE_CHOICE, regions, &error));
  g_assert_true (cb_project_set_case_value (fixture->project, "Sofie", "regio", "Zuid", &error));
  g_assert_no_error (error);

  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "analysis");
  refresh_view (view);
  choices = cb_analysis_view_get_column_choices (view);
  n_choices = g_list_model_get_n_items (choices);
  g_assert_cmpuint (n_choices, ==, 5);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 3), ==, "By case");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 4), ==, "By regio");

  g_assert_true (cb_analysis_view_select_columns (view, "cases"));
  refresh_view (view);
  table = cb_analysis_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_cmpuint (table->n_columns, ==, 3);
  g_assert_cmpstr (table->column_labels[0], ==, "Groep");
  g_assert_cmpstr (table->column_labels[1], ==, "Sofie");
  g_assert_cmpstr (table->column_labels[2], ==, "(no case)");
  row = cb_analysis_table_find_row (table, "Vertrouwen");
  g_assert_cmpint (cb_analysis_table_count (table, row, 0), ==, 0);
  g_assert_cmpint (cb_analysis_table_count (table, row, 1), ==, 3);
  g_assert_cmpint (cb_analysis_table_count (table, row, 2), ==, 1);

  /* the cell's quotes: Sofie's three, the group session's first among them */
  cb_analysis_view_show_cell (view, (guint) row, 1);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_analysis_view_get_quotes (view)), ==, 3);

  /* by the attribute's values, counting cases */
  g_assert_true (cb_analysis_view_select_columns (view, "attribute:regio"));
  cb_analysis_view_select_count (view, CB_ANALYSIS_COUNT_CASES);
  refresh_view (view);
  table = cb_analysis_view_get_table (view);
  g_assert_cmpuint (table->n_columns, ==, 3);
  g_assert_cmpstr (table->column_labels[0], ==, "Noord");
  g_assert_cmpstr (table->column_labels[1], ==, "Zuid");
  g_assert_cmpstr (table->column_labels[2], ==, "(no value)");
  g_assert_cmpint (cb_analysis_table_count (table, row, 0), ==, 0);
  g_assert_cmpint (cb_analysis_table_count (table, row, 1), ==, 1);
  g_assert_cmpint (cb_analysis_table_count (table, row, 2), ==, 0);
  cb_analysis_view_select_count (view, CB_ANALYSIS_COUNT_CODINGS);
  refresh_view (view);
  cb_analysis_view_show_cell (view, (guint) row, 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_analysis_view_get_quotes (view)), ==, 1);

  /* the filter: only Sofie's codings (regio=Zuid), in the cases' columns too */
  g_assert_true (cb_analysis_view_select_columns (view, "cases"));
  g_assert_true (cb_analysis_view_set_filter (view, " regio=Zuid ; case~sof"));
  refresh_view (view);
  table = cb_analysis_view_get_table (view);
  g_assert_false (cb_analysis_view_filter_has_error (view));
  g_assert_cmpuint (table->n_columns, ==, 2);
  g_assert_cmpstr (table->column_labels[0], ==, "Sofie");
  g_assert_cmpint (cb_analysis_table_count (table, row, 0), ==, 3);
  g_assert_cmpint (cb_analysis_table_count (table, row, 1), ==, 0);
  cb_analysis_view_show_cell (view, (guint) row, 0);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_analysis_view_get_quotes (view)), ==, 3);
  cb_analysis_view_set_tab (view, "frequencies");
  refresh_view (view);
  table = cb_analysis_view_get_table (view);
  g_assert_cmpint (cb_analysis_table_count (table, cb_analysis_table_find_row (table, "Vertrouwen"), 0), ==, 3);
  cb_analysis_view_set_tab (view, "matrix");
  refresh_view (view);
  /* a filter that does not parse, or names no attribute: said at the entry, no dialog */
  g_assert_false (cb_analysis_view_set_filter (view, "regio"));
  refresh_view (view);
  g_assert_true (cb_analysis_view_filter_has_error (view));
  g_assert_null (cb_analysis_view_get_table (view));
  g_assert_true (cb_analysis_view_set_filter (view, "geslacht=v"));
  refresh_view (view);
  g_assert_true (cb_analysis_view_filter_has_error (view));
  ui_assert_no_dialog (fixture);
  g_assert_true (cb_analysis_view_set_filter (view, ""));
  refresh_view (view);
  g_assert_false (cb_analysis_view_filter_has_error (view));
  g_assert_true (cb_analysis_view_select_columns (view, "attribute:regio"));
  refresh_view (view);

  /* a new attribute joins the picker; the choice stays */
  g_assert_true (cb_project_add_attribute (fixture->project, "leeftijd", CB_ATTRIBUTE_NUMBER, NULL, &error));
  refresh_view (view);
  choices = cb_analysis_view_get_column_choices (view);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 6);
  table = cb_analysis_view_get_table (view);
  g_assert_cmpstr (table->column_labels[0], ==, "Noord");
  ui_assert_no_dialog (fixture);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/analysis/matrix-drill-down", test_matrix_drill_down);
  UI_TEST ("/ui/analysis/matrix-by-case", test_matrix_by_case);

  return g_test_run ();
}
