/* test-scope-bar.c: the filter bar's scope rows in the quotes pane (issue 21)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-analysis-view.h"
#include "ui-test-util.h"

#define DOCUMENT "mag-session-2-fr"

/* The MAG session coded at the start of a few turns by two coders. */
static void
setup_session (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = NULL;

  ui_import (fixture, "mag-session-2-fr.txt");
  ui_add_code (fixture, "Idée");
  turns = cb_project_list_turns (fixture->project, DOCUMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (turns->len, >, 6);
  for (guint i = 0; i < turns->len; i++)
    {
      CbTurnInfo *turn = turns->pdata[i];
      gint64 id;

      cb_project_set_coder (fixture->project, i % 2 == 0 ? "anna" : "bert");
      id = cb_project_apply (fixture->project, DOCUMENT, "Idée", turn->text_start,
                             MIN (turn->text_start + 12, turn->end), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
  ui_pump ();
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Idée"));
  ui_pump ();
}

/* How many segments of Idée the same filter keeps through the core. */
static guint
core_count (UiFixture    *fixture,
            CbCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = cb_project_retrieve_filtered (fixture->project, "Idée", TRUE, filter, &error);

  g_assert_no_error (error);
  return segments->len;
}

static void
test_scope_rows (UiFixture     *fixture,
                 gconstpointer  data)
{
  CbQuotesPane *pane = fixture->window->quotes_pane;
  CbCaseFilterBar *bar = cb_quotes_pane_get_filter_bar (pane);
  GtkWidget *toggle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (pane), CB_TYPE_QUOTES_PANE,
                                                                 "filter_toggle"));
  g_autoptr(CbCaseFilter) by_nadia = cb_case_filter_new (NULL, NULL);
  g_autoptr(CbCaseFilter) by_nadia_bert = cb_case_filter_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint all, nadia, nadia_bert;
  int natural = 0;

  /* an empty project has nothing to filter by */
  g_assert_false (cb_case_filter_bar_has_choices (bar));
  setup_session (fixture);
  /* no attributes, but speakers and two coders: the Filter button shows */
  g_assert_false (cb_case_filter_bar_has_attributes (bar));
  g_assert_true (cb_case_filter_bar_has_choices (bar));
  g_assert_true (gtk_widget_get_visible (toggle));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  ui_pump ();
  all = g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane));
  g_assert_cmpuint (all, ==, core_count (fixture, NULL));

  /* a speaker (Hélène, Nadia… by name), then a coder too: AND */
  cb_case_filter_add_speaker (by_nadia, "Nadia");
  cb_case_filter_add_speaker (by_nadia_bert, "Nadia");
  cb_case_filter_add_coder (by_nadia_bert, "bert");
  cb_case_filter_bar_add_scope (bar, CB_SCOPE_SPEAKER, "Nadia");
  ui_pump ();
  nadia = g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane));
  g_assert_cmpuint (nadia, ==, core_count (fixture, by_nadia));
  g_assert_cmpuint (nadia, >, 0);
  g_assert_cmpuint (nadia, <, all);
  cb_case_filter_bar_add_scope (bar, CB_SCOPE_CODER, "bert");
  ui_pump ();
  nadia_bert = g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane));
  g_assert_cmpuint (nadia_bert, ==, core_count (fixture, by_nadia_bert));
  g_assert_cmpuint (nadia_bert, <, nadia);
  g_assert_cmpuint (cb_case_filter_bar_get_n_scopes (bar), ==, 2);

  /* no document sets in this project: no such row */
  cb_case_filter_bar_add_scope (bar, CB_SCOPE_SET, NULL);
  g_assert_cmpuint (cb_case_filter_bar_get_n_scopes (bar), ==, 2);

  /* compact: two scope rows fit the side pane of a 1366×768 window */
  gtk_widget_measure (GTK_WIDGET (bar), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  g_assert_cmpint (natural, <=, 420);

  /* Clear (and closing the bar) shows everything again */
  cb_case_filter_bar_clear (bar);
  ui_pump ();
  g_assert_cmpuint (cb_case_filter_bar_get_n_scopes (bar), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane)), ==, all);
  g_assert_null (cb_case_filter_bar_dup_filter (bar, &error));
  g_assert_no_error (error);
}

/* The Analysis view's Scope button: its rows narrow the matrix as the
 * core's filter does. */
static void
test_analysis_scope (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbAnalysisView *view = fixture->window->analysis_view;
  GtkWidget *entry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), CB_TYPE_ANALYSIS_VIEW,
                                                                "filter_entry"));
  GtkWidget *holder = gtk_widget_get_parent (entry);
  GtkWidget *button = GTK_IS_FLOW_BOX_CHILD (holder)
                      ? gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (gtk_widget_get_next_sibling (holder)))
                      : gtk_widget_get_next_sibling (entry);
  g_autoptr(CbCaseFilter) by_bert = cb_case_filter_new (NULL, NULL);
  CbCaseFilterBar *bar;
  const CbAnalysisTable *table;
  int row, column;

  setup_session (fixture);
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  bar = CB_CASE_FILTER_BAR (gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "analysis");
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (view), 2);
  ui_pump ();
  table = cb_analysis_view_get_table (view);
  g_assert_nonnull (table);
  row = cb_analysis_table_find_row (table, "Idée");
  column = cb_analysis_table_find_column (table, DOCUMENT);
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (column, >=, 0);
  g_assert_cmpint (cb_analysis_table_count (table, row, column), ==, core_count (fixture, NULL));

  cb_case_filter_add_coder (by_bert, "bert");
  cb_case_filter_bar_add_scope (bar, CB_SCOPE_CODER, "bert");
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (view), 2);
  ui_pump ();
  table = cb_analysis_view_get_table (view);
  g_assert_nonnull (table);
  g_assert_false (cb_analysis_view_filter_has_error (view));
  g_assert_cmpint (cb_analysis_table_count (table, row, column), ==, core_count (fixture, by_bert));
  g_assert_cmpint (cb_analysis_table_count (table, row, column), <, core_count (fixture, NULL));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);
  UI_TEST ("/ui/scope/rows", test_scope_rows);
  UI_TEST ("/ui/scope/analysis", test_analysis_scope);
  return g_test_run ();
}
