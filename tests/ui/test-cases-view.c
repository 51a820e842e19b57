/* test-cases-view.c: the case sheet (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cb-cases-view.h"
#include "cb-document-row.h"
#include "ui-test-util.h"

/* Every widget of @type inside @root, depth first (rows in order). */
static void
collect (GtkWidget  *root,
         GType       type,
         GPtrArray  *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        g_ptr_array_add (found, child);
      collect (child, type, found);
    }
}

static GtkWidget *
find_label (CbCasesView *view,
            const char  *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (cb_cases_view_get_sheet (view)), GTK_TYPE_ENTRY, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_editable_get_text (labels->pdata[i]), text) == 0)
      return labels->pdata[i];
  return NULL;
}

static char *
value_of (CbProject  *project,
          const char *case_name,
          guint       attribute)
{
  g_autoptr(GPtrArray) cases = cb_project_list_cases (project, NULL, NULL);

  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (((CbCaseInfo *) cases->pdata[i])->name, case_name))
      return g_strdup (((CbCaseInfo *) cases->pdata[i])->values[attribute]);
  return NULL;
}

static void
edit_label (GtkWidget  *label,
            const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (label), text);
  g_signal_emit_by_name (label, "activate");
  ui_pump ();
}

static void
test_sheet (UiFixture     *fixture,
            gconstpointer  data)
{
  CbProject *project = fixture->project;
  const char * const groups[] = { "AS", "OCMW", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  g_autoptr(GPtrArray) drops = g_ptr_array_new ();
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  CbCasesView *view = cb_cases_view_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *cell;

  g_assert_true (cb_project_add_case (project, "Karim", &error));
  g_assert_true (cb_project_add_case (project, "Nadia", &error));
  g_assert_true (cb_project_add_attribute (project, "sinds", CB_ATTRIBUTE_DATE, NULL, &error));
  g_assert_true (cb_project_add_attribute (project, "actief", CB_ATTRIBUTE_BOOLEAN, NULL, &error));
  g_assert_true (cb_project_add_attribute (project, "groep", CB_ATTRIBUTE_CHOICE, groups, &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "sinds", "2014-09-01", &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 500);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  cb_cases_view_set_project (view, project);
  ui_wait_frames (window, 3);
  ui_pump ();

  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (cb_cases_view_get_sheet (view))), ==, 4);

  /* a date edited in place: a wrong one is refused and shown, a right one stored */
  cell = find_label (view, "2014-09-01");
  g_assert_nonnull (cell);
  edit_label (cell, "31/02/2024");
  g_assert_nonnull (cb_cases_view_get_message (view));
  value = value_of (project, "Nadia", 0);
  g_assert_cmpstr (value, ==, "2014-09-01");
  g_clear_pointer (&value, g_free);
  edit_label (find_label (view, "2014-09-01"), "1/3/2024");
  g_assert_null (cb_cases_view_get_message (view));
  value = value_of (project, "Nadia", 0);
  g_assert_cmpstr (value, ==, "2024-03-01");
  g_clear_pointer (&value, g_free);
  ui_wait_frames (window, 2);
  ui_pump ();

  /* a switch for yes/no, a drop-down for a choice; rows by name */
  collect (GTK_WIDGET (cb_cases_view_get_sheet (view)), GTK_TYPE_SWITCH, switches);
  g_assert_cmpuint (switches->len, ==, 2);
  gtk_switch_set_active (switches->pdata[0], TRUE);
  ui_pump ();
  value = value_of (project, "Karim", 1);
  g_assert_cmpstr (value, ==, "yes");
  g_clear_pointer (&value, g_free);
  ui_wait_frames (window, 2);
  ui_pump ();
  collect (GTK_WIDGET (cb_cases_view_get_sheet (view)), GTK_TYPE_DROP_DOWN, drops);
  g_assert_cmpuint (drops->len, ==, 2);
  gtk_drop_down_set_selected (drops->pdata[1], 2);
  ui_pump ();
  value = value_of (project, "Nadia", 2);
  g_assert_cmpstr (value, ==, "OCMW");
  g_clear_pointer (&value, g_free);

  /* each edit is one undo step */
  label = cb_project_undo (project, &error);
  g_assert_cmpstr (label, ==, "Set “groep” of case “Nadia”");
  ui_wait_frames (window, 2);
  ui_pump ();

  /* cases and attributes added through the view's actions; a case renamed in place */
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.add-case", "s", "Lucie");
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.add-attribute", "s", "leeftijd=number");
  ui_wait_frames (window, 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (cb_cases_view_get_sheet (view))), ==, 5);
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.add-case", "s", "Lucie");
  ui_pump ();
  g_assert_nonnull (cb_cases_view_get_message (view));
  edit_label (find_label (view, "Lucie"), "Lucie D.");
  ui_wait_frames (window, 2);
  ui_pump ();
  g_assert_nonnull (find_label (view, "Lucie D."));
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.delete-case", "s", "Lucie D.");
  ui_wait_frames (window, 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 2);

  cb_cases_view_set_project (view, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_pump ();
}

static const CbCaseInfo *
find_case (GPtrArray  *cases,
           const char *name)
{
  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (((CbCaseInfo *) cases->pdata[i])->name, name))
      return cases->pdata[i];
  return NULL;
}

/* The target of the item of @menu (or its sections) whose action is
 * @action and whose label is @label, or NULL. */
static GVariant *
menu_target (GMenuModel *menu,
             const char *action,
             const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      g_autofree char *item_label = NULL;

      if (section != NULL)
        {
          GVariant *found = menu_target (section, action, label);

          if (found != NULL)
            return found;
          continue;
        }
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &item_label) &&
          g_str_equal (item_action, action) && g_str_equal (item_label, label))
        return g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
    }
  return NULL;
}

/* Answers the window's case dialog: @name typed (or NULL: picked as it is). */
static void
answer_case_dialog (UiFixture  *fixture,
                    const char *response,
                    const char *name)
{
  AdwMessageDialog *dialog = fixture->window->dialog;

  g_assert_nonnull (dialog);
  if (name != NULL)
    gtk_editable_set_text (g_object_get_data (G_OBJECT (dialog), "cb-entry"), name);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  ui_assert_no_dialog (fixture);
}

/* A document assigned from its row's menu, a speaker from the speaker
 * label's menu, a selection from the transcript's menu: the coverage is
 * the core's, each one undo step, and Remove from Case takes it away. */
static void
test_assign (UiFixture     *fixture,
             gconstpointer  data)
{
  CbWindow *window = fixture->window;
  const char *document;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autoptr(CbDocumentInfo) info = NULL;
  gint64 n_chars_r = 0;
  GtkDropDown *drop_down;

  ui_import (fixture, "interview-ma07.txt");
  document = cb_window_get_document_name (window);
  g_assert_nonnull (document);

  /* the whole document, from its row's menu, to a new case typed in the dialog */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (GTK_WIDGET (window->document_list), CB_TYPE_DOCUMENT_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 1);
    g_assert_true (gtk_widget_activate_action (rows->pdata[0], "document.assign-case", NULL));
  }
  ui_pump ();
  g_assert_nonnull (window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->dialog), ==, "Assign “interview-ma07” to a Case");
  g_assert_false (gtk_widget_get_visible (g_object_get_data (G_OBJECT (window->dialog), "cb-cases")));
  answer_case_dialog (fixture, "assign", "MA07");
  cases = cb_project_list_cases (fixture->project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (find_case (cases, "MA07")->n_documents, ==, 1);
  info = cb_project_get_document (fixture->project, document, &error);
  g_assert_cmpint (find_case (cases, "MA07")->n_chars, ==, info->n_chars);
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (window->cases_view)), ==, 1);
  label = cb_project_dup_undo_label (fixture->project);
  g_assert_cmpstr (label, ==, "Assign “interview-ma07” to case “MA07”");
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* speaker R's turns, to another case from the speaker's menu ("": the open document) */
  g_assert_true (cb_project_add_case (fixture->project, "Sofie", &error));
  ui_pump ();
  {
    CbTranscriptView *view = cb_window_get_transcript_view (window);
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (view));
    const CbTurnInfo *turn = NULL;
    g_autoptr(GMenuModel) menu = NULL;
    g_autoptr(GVariant) target = NULL;

    for (int offset = 0; offset < gtk_text_buffer_get_char_count (buffer) && turn == NULL; offset++)
      {
        turn = cb_transcript_view_get_turn_at (view, offset);
        if (turn != NULL && g_strcmp0 (turn->speaker, "R") != 0)
          turn = NULL;
      }
    g_assert_nonnull (turn);
    menu = cb_transcript_view_build_context_menu (view, turn->text_start - 2);   /* the "R" of "R: " */
    target = menu_target (menu, "win.assign-case", "_Assign Speaker to Case…");
    g_assert_nonnull (target);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.assign-case", target));
  }
  ui_pump ();
  drop_down = g_object_get_data (G_OBJECT (window->dialog), "cb-cases");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (drop_down)));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 2);
  gtk_drop_down_set_selected (drop_down, 1);
  answer_case_dialog (fixture, "assign", NULL);
  speakers = cb_project_list_speakers (fixture->project, document, NULL);
  for (guint i = 0; i < speakers->len; i++)
    if (g_str_equal (((CbSpeakerInfo *) speakers->pdata[i])->name, "R"))
      n_chars_r = ((CbSpeakerInfo *) speakers->pdata[i])->n_chars;
  cases = cb_project_list_cases (fixture->project, NULL, &error);
  g_assert_cmpint (find_case (cases, "Sofie")->n_documents, ==, 1);
  g_assert_cmpint (find_case (cases, "Sofie")->n_chars, >, 0);
  /* the turns' labels are the speaker's too, so a little over the text */
  g_assert_cmpint (n_chars_r, >, 0);
  g_assert_cmpint (find_case (cases, "Sofie")->n_chars, >=, n_chars_r);
  g_assert_cmpint (find_case (cases, "Sofie")->n_chars, <, find_case (cases, "MA07")->n_chars);
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* undo takes the speaker's assignment back, in one step */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  ui_pump ();
  cases = cb_project_list_cases (fixture->project, NULL, &error);
  g_assert_cmpint (find_case (cases, "Sofie")->n_documents, ==, 0);
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* a selection, from the transcript's menu */
  {
    CbTranscriptView *view = cb_window_get_transcript_view (window);
    g_autoptr(GMenuModel) menu = NULL;
    g_autoptr(GVariant) target = NULL;

    cb_transcript_view_select_range (view, 10, 30);
    ui_pump ();
    menu = cb_transcript_view_build_context_menu (view, 15);
    target = menu_target (menu, "win.assign-case", "Assign Selection to Case…");
    g_assert_nonnull (target);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.assign-case", target));
  }
  ui_pump ();
  gtk_drop_down_set_selected (g_object_get_data (G_OBJECT (window->dialog), "cb-cases"), 1);
  answer_case_dialog (fixture, "assign", NULL);
  cases = cb_project_list_cases (fixture->project, NULL, &error);
  g_assert_cmpint (find_case (cases, "Sofie")->n_chars, ==, 20);
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* Remove from Case (the row's menu) offers the cases covering the document */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (GTK_WIDGET (window->document_list), CB_TYPE_DOCUMENT_ROW, rows);
    g_assert_true (gtk_widget_activate_action (rows->pdata[0], "document.unassign-case", NULL));
  }
  ui_pump ();
  drop_down = g_object_get_data (G_OBJECT (window->dialog), "cb-cases");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (drop_down)), ==, 2);
  gtk_drop_down_set_selected (drop_down, 0);
  answer_case_dialog (fixture, "remove", NULL);
  cases = cb_project_list_cases (fixture->project, NULL, &error);
  g_assert_cmpint (find_case (cases, "MA07")->n_documents, ==, 0);
  g_assert_cmpint (find_case (cases, "Sofie")->n_chars, ==, 20);
}

/* The Red Tape sheet, two interviews each the case of its respondent,
 * and a code with quotes in both: MA07 (reorganisatie_2014 nee, team
 * Noord) three, HMA02 (ja, team Zuid) two. */
static void
setup_redtape (UiFixture *fixture)
{
  const char *root = g_getenv ("CODEBOOM_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "tests", "data", "corpus", "respondents-redtape.csv", NULL);
  g_autoptr(GFile) sheet = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint n_cases = 0, n_values = 0;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "interview-hma02-cp1252-crlf.txt");
  g_assert_true (cb_project_import_attributes (fixture->project, sheet, NULL, &n_cases, &n_values, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_cases, ==, 12);
  g_assert_true (cb_project_assign_case (fixture->project, "MA07", "interview-ma07", NULL, -1, -1, &error));
  g_assert_true (cb_project_assign_case (fixture->project, "HMA02", "interview-hma02-cp1252-crlf", NULL, -1, -1, &error));
  g_assert_no_error (error);
  ui_add_code (fixture, "Regels");
  for (gint64 i = 0; i < 3; i++)
    g_assert_cmpint (cb_project_apply (fixture->project, "interview-ma07", "Regels", 100 + 50 * i, 120 + 50 * i, NULL, &error), >, 0);
  for (gint64 i = 0; i < 2; i++)
    g_assert_cmpint (cb_project_apply (fixture->project, "interview-hma02-cp1252-crlf", "Regels", 100 + 50 * i, 120 + 50 * i, NULL, &error), >, 0);
  g_assert_no_error (error);
  ui_pump ();
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Regels"));
  ui_pump ();
}

/* TRUE when every quote the pane shows is of @document. */
static gboolean
all_of (GListModel *quotes,
        const char *document)
{
  for (guint i = 0; i < g_list_model_get_n_items (quotes); i++)
    {
      g_autoptr(CbSegmentItem) item = g_list_model_get_item (quotes, i);

      if (g_strcmp0 (cb_segment_item_get_segment (item)->document_name, document) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The filter bar narrows the quotes pane to the segments of the cases
 * whose attributes meet every condition, and the project search to their
 * coverage; clearing it shows everything again. */
static void
test_filter_bar (UiFixture     *fixture,
                 gconstpointer  data)
{
  CbQuotesPane *pane = fixture->window->quotes_pane;
  CbCaseFilterBar *bar = cb_quotes_pane_get_filter_bar (pane);
  GListModel *quotes;
  g_auto(GStrv) expressions = NULL;
  GPtrArray *hits;
  guint all_hits;

  GtkWidget *toggle = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (pane), CB_TYPE_QUOTES_PANE,
                                                                 "filter_toggle"));

  /* no attributes: no Filter button */
  g_assert_false (cb_case_filter_bar_has_attributes (bar));
  g_assert_false (gtk_widget_get_visible (toggle));
  setup_redtape (fixture);
  g_assert_true (cb_case_filter_bar_has_attributes (bar));
  g_assert_true (gtk_widget_get_visible (toggle));
  /* opening the bar offers a first condition, which filters nothing until it has a value */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  ui_pump ();
  g_assert_cmpuint (cb_case_filter_bar_get_n_conditions (bar), ==, 1);
  g_assert_null (cb_case_filter_bar_dup_expressions (bar));
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane)), ==, 5);
  cb_case_filter_bar_clear (bar);
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane)), ==, 5);

  /* a yes/no attribute is picked from its values */
  cb_case_filter_bar_add_condition (bar, "reorganisatie_2014", CB_CASE_FILTER_EQUAL, "yes");
  ui_pump ();
  expressions = cb_case_filter_bar_dup_expressions (bar);
  g_assert_nonnull (expressions);
  g_assert_cmpstr (expressions[0], ==, "reorganisatie_2014=yes");
  g_assert_null (expressions[1]);
  quotes = cb_quotes_pane_get_quotes (pane);
  g_assert_cmpuint (g_list_model_get_n_items (quotes), ==, 2);
  g_assert_true (all_of (quotes, "interview-hma02-cp1252-crlf"));
  g_assert_nonnull (strstr (cb_quotes_pane_get_subtitle (pane), "in 1 document"));

  /* several conditions: all must hold */
  cb_case_filter_bar_add_condition (bar, "team", CB_CASE_FILTER_EQUAL, "Noord");
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane)), ==, 0);
  g_assert_false (cb_quotes_pane_shows_list (pane));
  cb_case_filter_bar_clear (bar);
  cb_case_filter_bar_add_condition (bar, "reorganisatie_2014", CB_CASE_FILTER_NOT_EQUAL, "yes");
  cb_case_filter_bar_add_condition (bar, "team", CB_CASE_FILTER_CONTAINS, "oor");
  ui_pump ();
  quotes = cb_quotes_pane_get_quotes (pane);
  g_assert_cmpuint (g_list_model_get_n_items (quotes), ==, 3);
  g_assert_true (all_of (quotes, "interview-ma07"));
  /* opening a filtered quote opens that quote */
  cb_quotes_pane_activate (pane, 0);
  ui_pump ();
  g_assert_cmpstr (cb_window_get_document_name (fixture->window), ==, "interview-ma07");

  /* the project search keeps the hits in the passing cases' coverage */
  cb_search_panel_set_text (fixture->window->search_panel, "de");
  cb_search_panel_open (fixture->window->search_panel, TRUE);
  ui_pump ();
  /* (the bar's conditions apply: unfiltered for the count of all hits) */
  cb_search_panel_set_case_filter (fixture->window->search_panel, NULL);
  hits = cb_search_panel_get_hits (fixture->window->search_panel);
  g_assert_nonnull (hits);
  all_hits = hits->len;
  /* the window passes the bar's conditions on */
  cb_case_filter_bar_clear (bar);
  cb_case_filter_bar_add_condition (bar, "rol", CB_CASE_FILTER_EQUAL, "HMA");
  ui_pump ();
  hits = cb_search_panel_get_hits (fixture->window->search_panel);
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >, 0);
  g_assert_cmpuint (hits->len, <, all_hits);
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpstr (((CbSearchHit *) hits->pdata[i])->document_name, ==, "interview-hma02-cp1252-crlf");

  /* cleared: everything again */
  cb_case_filter_bar_clear (bar);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane)), ==, 5);
  g_assert_cmpuint (cb_search_panel_get_hits (fixture->window->search_panel)->len, ==, all_hits);
}

/* Import Sheet shows the core's error with its line and column and
 * changes nothing; Export Sheet writes CSV and TSV that import back whole
 * (a value with a separator, quotes and a line break included). */
static void
test_sheet_files (UiFixture     *fixture,
                  gconstpointer  data)
{
  CbCasesView *view = fixture->window->cases_view;
  const char *root = g_getenv ("CODEBOOM_SOURCE_ROOT");
  g_autofree char *redtape = g_build_filename (root, "tests", "data", "corpus", "respondents-redtape.csv", NULL);
  g_autofree char *bad_path = g_build_filename (fixture->dir, "bad.csv", NULL);
  g_autoptr(GFile) sheet = g_file_new_for_path (redtape);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  const char *formats[] = { "csv", "tsv" };

  g_assert_true (g_file_set_contents (bad_path, "case,rol\nA,\"HMA\nB,MA\n", -1, &error));
  g_assert_false (cb_cases_view_import_sheet (view, bad));
  g_assert_nonnull (cb_cases_view_get_message (view));
  g_assert_nonnull (strstr (cb_cases_view_get_message (view), "line 2, column 2"));
  g_assert_null (cb_project_dup_undo_label (fixture->project));

  g_assert_true (cb_cases_view_import_sheet (view, sheet));
  g_assert_null (cb_cases_view_get_message (view));
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 12);
  original = value_of (fixture->project, "Respondent 1", 5);
  g_assert_nonnull (strchr (original, '\n'));
  g_assert_nonnull (strchr (original, ','));

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *name = g_strdup_printf ("cases.%s", formats[f]);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *contents = NULL;
      g_autofree char *value = NULL;
      g_autofree char *header = NULL;

      g_assert_true (cb_cases_view_export_sheet (view, file, f == 0, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      header = g_strdup_printf ("case%crol%cteam", f == 0 ? ',' : '\t', f == 0 ? ',' : '\t');
      g_assert_true (g_str_has_prefix (contents, header));

      g_assert_true (cb_project_delete_case (fixture->project, "Respondent 1", &error));
      g_assert_true (cb_cases_view_import_sheet (view, file));
      value = value_of (fixture->project, "Respondent 1", 5);
      g_assert_cmpstr (value, ==, original);
      g_unlink (path);
    }
  g_unlink (bad_path);

  /* an attribute renamed from its column's menu, one undo step */
  gtk_widget_activate_action (GTK_WIDGET (view), "cases.rename-attribute", "(ss)", "rol", "functieprofiel");
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  g_assert_null (cb_cases_view_get_message (view));
  g_assert_true (cb_project_has_attribute (fixture->project, "functieprofiel", NULL));
  g_assert_false (cb_project_has_attribute (fixture->project, "rol", NULL));
  {
    GListModel *columns = gtk_column_view_get_columns (cb_cases_view_get_sheet (view));
    g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 1);

    g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, "functieprofiel");
    g_assert_nonnull (gtk_column_view_column_get_header_menu (column));
  }
}

/* The sheet is a page of the window, on the window's project. */
static void
test_window_page (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CbCasesView *view = fixture->window->cases_view;

  g_assert_nonnull (adw_view_stack_get_child_by_name (fixture->window->view_stack, "cases"));
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 0);
  g_assert_true (cb_project_add_case (fixture->project, "Respondent 9", &error));
  g_assert_no_error (error);
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 0);
}

/* Import Records: the incident sheets, a document and a case per row (as
 * `import --records`), one undo step; the documents list shows them, and
 * a name taken refuses the whole sheet under the case sheet. */
static void
test_import_records (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbCasesView *view = fixture->window->cases_view;
  const char *root = g_getenv ("CODEBOOM_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "tests", "data", "corpus", "incidentenfiches.csv", NULL);
  g_autoptr(GFile) sheet = g_file_new_for_path (path);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(CbDocumentInfo) first = NULL;
  gsize length = 0;

  g_assert_true (cb_cases_view_import_records (view, sheet));
  g_assert_null (cb_cases_view_get_message (view));
  ui_pump ();
  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 40);
  g_assert_cmpuint (g_list_model_get_n_items (cb_cases_view_get_cases (view)), ==, 40);
  first = cb_project_get_document (fixture->project, "IF-001", &error);
  g_assert_no_error (error);
  text = cb_project_dup_document_text (fixture->project, first->id, &length, &error);
  g_assert_true (g_str_has_prefix (text, "Wat gebeurde er?\nGepensioneerde zonder e-mailadres"));

  /* the same sheet again: every name is taken, nothing is imported */
  g_assert_false (cb_cases_view_import_records (view, sheet));
  g_assert_nonnull (cb_cases_view_get_message (view));
  g_assert_nonnull (strstr (cb_cases_view_get_message (view), "IF-001"));
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_cmpuint (documents->len, ==, 40);

  /* one undo step takes the forty away */
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_cmpuint (documents->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);
  UI_TEST ("/ui/cases/sheet", test_sheet);
  UI_TEST ("/ui/cases/window-page", test_window_page);
  UI_TEST ("/ui/cases/assign", test_assign);
  UI_TEST ("/ui/cases/filter-bar", test_filter_bar);
  UI_TEST ("/ui/cases/sheet-files", test_sheet_files);
  UI_TEST ("/ui/cases/import-records", test_import_records);
  return g_test_run ();
}
