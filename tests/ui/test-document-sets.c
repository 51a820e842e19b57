/* test-document-sets.c: the document sets above the documents list (issue 21)
 *
 * Sets made in the core show as chips; choosing one narrows the list to
 * its documents and "All" widens it again; a document dropped on a chip
 * joins that set as one undo step; renaming and deleting keep the list
 * right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-document-item.h"
#include "cb-document-row.h"
#include "ui-test-util.h"

/* The names of the rows the list shows now, sorted, joined with ",". */
static char *
visible_rows (UiFixture *fixture)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GString *out = g_string_new (NULL);
  GListModel *model = cb_document_list_get_model (fixture->window->document_list);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CbDocumentItem) item = g_list_model_get_item (model, i);

      if (cb_document_sets_shows (cb_document_list_get_sets (fixture->window->document_list),
                                  cb_document_item_get_name (item)))
        g_ptr_array_add (names, (gpointer) cb_document_item_get_name (item));
    }
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", (char *) names->pdata[i]);
  return g_string_free (out, FALSE);
}

/* The rows actually mapped by the list box: what the user sees. */
static guint
n_child_rows_visible (GtkWidget *widget)
{
  guint n = 0;

  if (CB_IS_DOCUMENT_ROW (widget))
    return gtk_widget_get_child_visible (widget) ? 1 : 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += n_child_rows_visible (child);
  return n;
}

static gint64
document_id (UiFixture  *fixture,
             const char *name)
{
  g_autoptr(CbDocumentInfo) info = cb_project_get_document (fixture->project, name, NULL);

  g_assert_nonnull (info);
  return info->id;
}

/* Labels of the chips, joined with ",". */
static char *
chip_labels (CbDocumentSets *sets)
{
  GString *out = g_string_new (NULL);
  /* a scrolled window, its viewport, the box of chips */
  GtkWidget *scroller = gtk_widget_get_first_child (GTK_WIDGET (sets));
  GtkWidget *box = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller))));

  for (GtkWidget *chip = gtk_widget_get_first_child (box); chip != NULL; chip = gtk_widget_get_next_sibling (chip))
    {

      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", gtk_button_get_label (GTK_BUTTON (chip)));
    }
  return g_string_free (out, FALSE);
}

static void
test_filter_and_drop (UiFixture     *fixture,
                      gconstpointer  data)
{
  CbDocumentSets *sets = cb_document_list_get_sets (fixture->window->document_list);
  g_autoptr(GError) error = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *undo = NULL;
  const char *first[] = { "interview-ma07", NULL };

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "interview-hma02-cp1252-crlf.txt");
  g_assert_true (cb_project_add_set (fixture->project, "Maatschappelijk werk", &error));
  g_assert_true (cb_project_assign_set (fixture->project, "Maatschappelijk werk", first, &error));
  g_assert_no_error (error);
  ui_pump ();

  labels = chip_labels (sets);
  g_assert_cmpstr (labels, ==, "All,Maatschappelijk werk");
  rows = visible_rows (fixture);
  g_assert_cmpstr (rows, ==, "interview-hma02-cp1252-crlf,interview-ma07");

  /* choosing the set narrows the list to its documents */
  cb_document_sets_select (sets, "Maatschappelijk werk");
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  g_clear_pointer (&rows, g_free);
  rows = visible_rows (fixture);
  g_assert_cmpstr (rows, ==, "interview-ma07");
  g_assert_cmpuint (n_child_rows_visible (GTK_WIDGET (fixture->window->document_list)), ==, 1);

  /* a row dropped on the chip joins the set: one undo step, and the list follows */
  g_assert_true (cb_document_sets_drop (sets, "Maatschappelijk werk",
                                        document_id (fixture, "interview-hma02-cp1252-crlf"), &error));
  g_assert_no_error (error);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  g_clear_pointer (&rows, g_free);
  rows = visible_rows (fixture);
  g_assert_cmpstr (rows, ==, "interview-hma02-cp1252-crlf,interview-ma07");
  g_assert_cmpuint (n_child_rows_visible (GTK_WIDGET (fixture->window->document_list)), ==, 2);
  undo = cb_project_dup_undo_label (fixture->project);
  g_assert_cmpstr (undo, ==, "Add documents to set “Maatschappelijk werk”");

  /* renamed in the core: the chip follows; deleted: back to all */
  g_assert_true (cb_project_rename_set (fixture->project, "Maatschappelijk werk", "MW", &error));
  ui_pump ();
  g_clear_pointer (&labels, g_free);
  labels = chip_labels (sets);
  g_assert_cmpstr (labels, ==, "All,MW");
  g_assert_null (cb_document_sets_get_selected (sets));
  cb_document_sets_select (sets, "MW");
  g_assert_cmpstr (cb_document_sets_get_selected (sets), ==, "MW");
  g_assert_true (cb_project_delete_set (fixture->project, "MW", &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_null (cb_document_sets_get_selected (sets));
  g_clear_pointer (&rows, g_free);
  rows = visible_rows (fixture);
  g_assert_cmpstr (rows, ==, "interview-hma02-cp1252-crlf,interview-ma07");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_first_child (GTK_WIDGET (sets))));
  ui_assert_no_dialog (fixture);
}

/* The menu's actions exist on the widget; rename and delete only with a set chosen. */
static void
test_actions (UiFixture     *fixture,
              gconstpointer  data)
{
  CbDocumentSets *sets = cb_document_list_get_sets (fixture->window->document_list);
  g_autoptr(GError) error = NULL;

  ui_import (fixture, "interview-ma07.txt");
  g_assert_true (cb_project_add_set (fixture->project, "A", &error));
  ui_pump ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sets), "sets.add", NULL));
  cb_document_sets_select (sets, "A");
  g_assert_cmpstr (cb_document_sets_get_selected (sets), ==, "A");
  cb_document_sets_select (sets, NULL);
  g_assert_null (cb_document_sets_get_selected (sets));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);
  UI_TEST ("/ui/document-sets/filter-and-drop", test_filter_and_drop);
  UI_TEST ("/ui/document-sets/actions", test_actions);
  return g_test_run ();
}
