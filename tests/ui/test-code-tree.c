/* test-code-tree.c: building and editing the code tree
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "ui-test-util.h"

static GtkEditable *
rename_entry (UiFixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  /* The in-place editor is an entry inside the row; the focus is in its text. */
  while (focus != NULL && !GTK_IS_ENTRY (focus))
    focus = gtk_widget_get_parent (focus);
  g_assert_nonnull (focus);
  return GTK_EDITABLE (focus);
}

static guint
n_rows (UiFixture *fixture)
{
  return g_list_model_get_n_items (cb_code_tree_get_rows (cb_window_get_code_tree (fixture->window)));
}

/* New Code adds a code and opens its name for editing; Enter renames it. */
static void
test_add_and_rename (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbCodeTree *tree = cb_window_get_code_tree (fixture->window);

  gtk_widget_activate_action (GTK_WIDGET (tree), "code.add", NULL);
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "New Code"));
  g_assert_cmpuint (n_rows (fixture), ==, 1);
  {
    g_autofree char *selected = cb_code_tree_dup_selected_path (tree);

    g_assert_cmpstr (selected, ==, "New Code");
  }

  gtk_editable_set_text (rename_entry (fixture), "Vertrouwen");
  g_signal_emit_by_name (rename_entry (fixture), "activate");
  ui_pump ();
  g_assert_false (ui_code_exists (fixture, "New Code"));
  g_assert_true (ui_code_exists (fixture, "Vertrouwen"));

  /* A subcode under the selection, then F2 renames it in place. */
  gtk_widget_activate_action (GTK_WIDGET (tree), "code.add-child", NULL);
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "Vertrouwen / New Code"));
  g_signal_emit_by_name (rename_entry (fixture), "activate");   /* unchanged: nothing happens */
  ui_pump ();

  gtk_widget_activate_action (GTK_WIDGET (tree), "code.rename", NULL);
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  gtk_editable_set_text (rename_entry (fixture), "Band met de cliënt");
  g_signal_emit_by_name (rename_entry (fixture), "activate");
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "Vertrouwen / Band met de cliënt"));
  g_assert_cmpuint (n_rows (fixture), ==, 2);   /* the parent stayed expanded */

  /* Both are single undo steps. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "Vertrouwen / New Code"));
}

/* Dropping a code on another moves it into, before or after it. */
static void
test_move (UiFixture     *fixture,
           gconstpointer  data)
{
  CbCodeTree *tree = cb_window_get_code_tree (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCodeInfo) a = NULL;
  g_autoptr(CbCodeInfo) c = NULL;

  ui_add_code (fixture, "A");
  ui_add_code (fixture, "B");
  ui_add_code (fixture, "C");

  g_assert_true (cb_code_tree_move (tree, "C", "A", 0, &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "A / C"));
  g_assert_true (cb_code_tree_select_path (tree, "A / C"));
  g_assert_cmpuint (n_rows (fixture), ==, 3);

  /* Back to the top level, before A. */
  g_assert_true (cb_code_tree_move (tree, "A / C", "A", -1, &error));
  g_assert_no_error (error);
  ui_pump ();
  c = cb_project_get_code (fixture->project, "C", NULL);
  a = cb_project_get_code (fixture->project, "A", NULL);
  g_assert_nonnull (c);
  g_assert_cmpint (c->position, <, a->position);
  {
    g_autoptr(GtkTreeListRow) row = g_list_model_get_item (cb_code_tree_get_rows (tree), 0);
    g_autoptr(CbCodeItem) item = gtk_tree_list_row_get_item (row);

    g_assert_cmpstr (cb_code_item_get_path (item), ==, "C");
  }

  /* A code cannot go inside itself: an error, nothing changes. */
  g_assert_true (cb_code_tree_move (tree, "A", "C", 0, NULL));
  ui_pump ();
  g_assert_false (cb_code_tree_move (tree, "C", "C / A", 0, &error));
  g_assert_nonnull (error);
  g_assert_true (ui_code_exists (fixture, "C / A"));
}

/* Delete asks first: Cancel keeps the code, Delete removes it. */
static void
test_delete_confirm (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbCodeTree *tree = cb_window_get_code_tree (fixture->window);
  AdwMessageDialog *dialog;

  ui_add_code (fixture, "Weg / Ermee");
  g_assert_true (cb_code_tree_select_path (tree, "Weg"));

  gtk_widget_activate_action (GTK_WIDGET (tree), "code.delete", NULL);
  ui_pump ();
  dialog = _cb_code_tree_get_dialog (tree);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "delete"));
  adw_message_dialog_response (dialog, "cancel");
  ui_pump ();
  g_assert_true (ui_code_exists (fixture, "Weg / Ermee"));

  gtk_widget_activate_action (GTK_WIDGET (tree), "code.delete", NULL);
  ui_pump ();
  adw_message_dialog_response (_cb_code_tree_get_dialog (tree), "delete");
  ui_pump ();
  g_assert_false (ui_code_exists (fixture, "Weg"));
  g_assert_false (ui_code_exists (fixture, "Weg / Ermee"));
  g_assert_cmpuint (n_rows (fixture), ==, 0);
}

/* Merge asks for the target; recolour and describe store what was chosen. */
static void
test_merge_recolor_describe (UiFixture     *fixture,
                             gconstpointer  data)
{
  CbCodeTree *tree = cb_window_get_code_tree (fixture->window);
  AdwMessageDialog *dialog;
  g_autoptr(CbCodeInfo) info = NULL;
  GtkTextView *view;
  GdkRGBA red = { 0.75, 0.11, 0.16, 1.0 };

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Bron");
  ui_add_code (fixture, "Doel");
  cb_transcript_view_select_range (cb_window_get_transcript_view (fixture->window), 10, 30);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", "Bron");
  ui_pump ();

  g_assert_true (cb_code_tree_select_path (tree, "Doel"));
  gtk_widget_activate_action (GTK_WIDGET (tree), "code.recolor", NULL);
  ui_pump ();
  dialog = _cb_code_tree_get_dialog (tree);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (adw_message_dialog_get_extra_child (dialog)), &red);
  adw_message_dialog_response (dialog, "apply");
  ui_pump ();

  gtk_widget_activate_action (GTK_WIDGET (tree), "code.describe", NULL);
  ui_pump ();
  dialog = _cb_code_tree_get_dialog (tree);
  view = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (dialog))));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Wat de MA wil bereiken.", -1);
  adw_message_dialog_response (dialog, "save");
  ui_pump ();

  info = cb_project_get_code (fixture->project, "Doel", NULL);
  g_assert_cmpint (g_ascii_strcasecmp (info->color, "#bf1c29"), ==, 0);
  g_assert_cmpstr (info->description, ==, "Wat de MA wil bereiken.");

  g_assert_true (cb_code_tree_select_path (tree, "Bron"));
  gtk_widget_activate_action (GTK_WIDGET (tree), "code.merge", NULL);
  ui_pump ();
  dialog = _cb_code_tree_get_dialog (tree);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog))), ==, 0);
  adw_message_dialog_response (dialog, "merge");
  ui_pump ();
  g_assert_false (ui_code_exists (fixture, "Bron"));
  g_clear_pointer (&info, cb_code_info_free);
  info = cb_project_get_code (fixture->project, "Doel", NULL);
  g_assert_cmpint (info->n_codings, ==, 1);
}

/* Moving a code (as a drop does) rebuilds the tree; the list stays where
 * the user had scrolled to instead of jumping back to the top. */
static void
test_move_keeps_scroll (UiFixture     *fixture,
                        gconstpointer  data)
{
  CbCodeTree *tree = cb_window_get_code_tree (fixture->window);
  GtkAdjustment *adjustment = _cb_code_tree_get_vadjustment (tree);
  double before;
  guint i;

  for (i = 0; i < 80; i++)
    {
      g_autofree char *path = g_strdup_printf ("Code %02u", i);

      g_assert_cmpint (cb_project_add_code (fixture->project, path, NULL, NULL, NULL), >, 0);
    }
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 5);
  g_assert_cmpuint (n_rows (fixture), ==, 80);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 2 * gtk_adjustment_get_page_size (adjustment));

  /* Scrolled down to the middle: move a code from there into its neighbour. */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  ui_wait_frames (GTK_WIDGET (fixture->window), 5);
  before = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (before, >, 0);

  g_assert_true (cb_code_tree_move (tree, "Code 41", "Code 40", 0, NULL));
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 5);
  g_assert_true (ui_code_exists (fixture, "Code 40 / Code 41"));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - before), <, 1.0);

  /* And after an undo (another rebuild). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 5);
  g_assert_true (ui_code_exists (fixture, "Code 41"));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) - before), <, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/code-tree/add-and-rename", test_add_and_rename);
  UI_TEST ("/ui/code-tree/move", test_move);
  UI_TEST ("/ui/code-tree/move-keeps-scroll", test_move_keeps_scroll);
  UI_TEST ("/ui/code-tree/delete-confirm", test_delete_confirm);
  UI_TEST ("/ui/code-tree/merge-recolor-describe", test_merge_recolor_describe);

  return g_test_run ();
}
