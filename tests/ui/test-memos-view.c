/* test-memos-view.c: the Memos view and "Link Selection to Memo…" (issue 19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-memos-view.h"
#include "ui-test-util.h"

static void
settle (UiFixture *fixture)
{
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
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

/* Every widget of @type inside @root, depth first. */
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

static GPtrArray *
visible (CbMemosView *view)
{
  return cb_memos_view_dup_visible (view);
}

static void
assert_titles (GPtrArray          *titles,
               const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < titles->len; i++)
    g_test_message ("shown: %s", (char *) titles->pdata[i]);
  g_assert_cmpuint (titles->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (titles->pdata[i], ==, expected[i]);
}

/* Every memo by type, the search, editing title, type, level and text,
 * each one undo step. */
static void
test_list_and_edit (UiFixture     *fixture,
                    gconstpointer  data)
{
  CbWindow *window = fixture->window;
  CbMemosView *view = window->memos_view;
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(CbMemoInfo) memo = NULL;
  static const char * const all[] = { "Wachttijd", "Formulieren", "Schrappen", NULL };
  static const char * const found[] = { "Formulieren", NULL };
  static const char * const by_type[] = { "Schrappen", NULL };

  g_assert_nonnull (adw_view_stack_get_child_by_name (window->view_stack, "memos"));
  adw_view_stack_set_visible_child_name (window->view_stack, "memos");
  g_assert_cmpint (cb_project_add_memo (project, "Schrappen", "recommendation", NULL, "Schaf af.", &error), >, 0);
  g_assert_cmpint (cb_project_add_memo (project, "Formulieren", "concern", "institutions", "Veel formulieren.", &error), >, 0);
  g_assert_cmpint (cb_project_add_memo (project, "Wachttijd", "observation", NULL, "Lang wachten.", &error), >, 0);
  g_assert_no_error (error);
  settle (fixture);

  shown = visible (view);
  assert_titles (shown, all);
  g_clear_pointer (&shown, g_ptr_array_unref);
  cb_memos_view_set_search (view, "FORMUL");
  shown = visible (view);
  assert_titles (shown, found);
  g_clear_pointer (&shown, g_ptr_array_unref);
  /* the type's label is searched too */
  cb_memos_view_set_search (view, "recommendation");
  shown = visible (view);
  assert_titles (shown, by_type);
  g_clear_pointer (&shown, g_ptr_array_unref);
  cb_memos_view_set_search (view, NULL);

  g_assert_true (cb_memos_view_select (view, "Formulieren"));
  settle (fixture);
  g_assert_cmpstr (cb_memos_view_get_selected (view), ==, "Formulieren");

  /* type and level from their menus */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "memos.set-type", "s", "hypothesis"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "memos.set-level", "s", "politics"));
  settle (fixture);
  memo = cb_project_get_memo (project, "Formulieren", &error);
  g_assert_cmpstr (memo->type, ==, "hypothesis");
  g_assert_cmpstr (memo->level, ==, "politics");
  g_clear_pointer (&memo, cb_memo_info_free);
  g_assert_cmpstr (cb_memos_view_get_selected (view), ==, "Formulieren");

  /* the text, saved when typing stops (here: flushed) */
  {
    GtkTextView *text_view = NULL;
    g_autoptr(GPtrArray) views = g_ptr_array_new ();
    GtkWidget *w;

    /* the one text view of the editor */
    for (w = GTK_WIDGET (view); w != NULL; )
      {
        if (GTK_IS_TEXT_VIEW (w))
          {
            text_view = GTK_TEXT_VIEW (w);
            break;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && w != GTK_WIDGET (view) && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == GTK_WIDGET (view) || w == NULL ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (text_view);
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), "Te veel papier 📄", -1);
    cb_memos_view_flush (view);
    settle (fixture);
  }
  memo = cb_project_get_memo (project, "Formulieren", &error);
  g_assert_cmpstr (memo->text, ==, "Te veel papier 📄");
  g_clear_pointer (&memo, cb_memo_info_free);

  /* each change is one undo step */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle (fixture);
  memo = cb_project_get_memo (project, "Formulieren", &error);
  g_assert_cmpstr (memo->text, ==, "Veel formulieren.");
  g_assert_cmpstr (memo->level, ==, "politics");
  g_clear_pointer (&memo, cb_memo_info_free);

  /* the title, applied from its row: the view follows the new title */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW, rows);
    g_assert_cmpuint (rows->len, ==, 3);
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "Papierwerk");
    g_signal_emit_by_name (rows->pdata[0], "apply");
    settle (fixture);
    g_assert_cmpstr (cb_memos_view_get_selected (view), ==, "Papierwerk");
    memo = cb_project_get_memo (project, "Papierwerk", &error);
    g_assert_no_error (error);
    g_clear_pointer (&memo, cb_memo_info_free);
    /* a title taken is refused and the row shows the stored one again */
    gtk_editable_set_text (GTK_EDITABLE (rows->pdata[0]), "Schrappen");
    g_signal_emit_by_name (rows->pdata[0], "apply");
    settle (fixture);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows->pdata[0])), ==, "Papierwerk");
    g_assert_cmpstr (cb_memos_view_get_selected (view), ==, "Papierwerk");
  }

  /* a new memo, then deleted */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "memos.new", NULL));
  settle (fixture);
  g_assert_cmpstr (cb_memos_view_get_selected (view), ==, "New Memo");
  memo = cb_project_get_memo (project, "New Memo", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (memo->type, ==, "note");
  g_clear_pointer (&memo, cb_memo_info_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "memos.delete", NULL));
  settle (fixture);
  g_assert_null (cb_project_get_memo (project, "New Memo", NULL));
  g_assert_null (cb_memos_view_get_selected (view));
}

/* "Link Selection to Memo…" from the transcript's menu, to a new memo and
 * to an existing one; the evidence in the view opens in the transcript. */
static void
test_link_selection (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbWindow *window = fixture->window;
  CbMemosView *view = window->memos_view;
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(CbDocumentInfo) info = NULL;
  gint64 start = 0, end = 0;

  ui_import (fixture, "interview-ma07.txt");
  g_assert_nonnull (cb_window_get_document_name (window));
  info = cb_project_get_document (project, cb_window_get_document_name (window), &error);
  g_assert_no_error (error);

  cb_transcript_view_select_range (window->transcript_view, 100, 160);
  settle (fixture);
  g_assert_true (cb_transcript_view_get_selection (window->transcript_view, &start, &end));
  menu = cb_transcript_view_build_context_menu (window->transcript_view, 120);
  target = menu_target (menu, "win.link-memo", "Link Selection to _Memo…");
  g_assert_nonnull (target);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.link-memo", target));
  ui_pump ();
  g_assert_nonnull (window->dialog);
  gtk_editable_set_text (g_object_get_data (G_OBJECT (window->dialog), "cb-entry"), "Eerste indruk");
  adw_message_dialog_response (window->dialog, "link");
  gtk_window_destroy (GTK_WINDOW (window->dialog));
  settle (fixture);
  ui_assert_no_dialog (fixture);

  links = cb_project_list_memo_links (project, "Eerste indruk", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((CbMemoLink *) links->pdata[0])->start, ==, start);
  g_assert_cmpint (((CbMemoLink *) links->pdata[0])->end, ==, end);
  g_clear_pointer (&links, g_ptr_array_unref);

  /* the view shows it as evidence; activating it selects it in the transcript */
  adw_view_stack_set_visible_child_name (window->view_stack, "memos");
  g_assert_true (cb_memos_view_select (view, "Eerste indruk"));
  settle (fixture);
  g_assert_cmpuint (cb_memos_view_get_n_evidence (view), ==, 1);
  cb_transcript_view_select_range (window->transcript_view, 0, 1);
  cb_memos_view_activate_evidence (view, 0);
  settle (fixture);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "transcript");
  {
    gint64 s = 0, e = 0;

    g_assert_true (cb_transcript_view_get_selection (window->transcript_view, &s, &e));
    g_assert_cmpint (s, ==, start);
    g_assert_cmpint (e, ==, end);
  }

  /* a second span to the same memo, picked from the list as it is */
  cb_transcript_view_select_range (window->transcript_view, 300, 340);
  settle (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.link-memo", "(xx)", (gint64) 300, (gint64) 340));
  ui_pump ();
  g_assert_nonnull (window->dialog);
  g_assert_cmpstr (gtk_editable_get_text (g_object_get_data (G_OBJECT (window->dialog), "cb-entry")), ==, "Eerste indruk");
  adw_message_dialog_response (window->dialog, "link");
  gtk_window_destroy (GTK_WINDOW (window->dialog));
  settle (fixture);
  links = cb_project_list_memo_links (project, "Eerste indruk", &error);
  g_assert_cmpuint (links->len, ==, 2);
  g_assert_true (cb_memos_view_select (view, "Eerste indruk"));
  settle (fixture);
  g_assert_cmpuint (cb_memos_view_get_n_evidence (view), ==, 2);

  /* the report, as the view's export menu writes it */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "memos.html", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *html = NULL;

    g_assert_true (cb_memos_view_export (view, file, CB_QUOTE_FORMAT_HTML, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &html, NULL, &error));
    g_assert_nonnull (strstr (html, "<h1>Note</h1>"));
    g_assert_nonnull (strstr (html, "<h2>Eerste indruk</h2>"));
    g_assert_nonnull (strstr (html, "(interview-ma07, 00:00:"));
  }

  /* undo takes the link away, and the view follows */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle (fixture);
  g_assert_cmpuint (cb_memos_view_get_n_evidence (view), ==, 1);
}

static gboolean
memo_mark_at (CbTranscriptView *transcript,
              int               offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (transcript));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "cb:memo");
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* The transcript shows where memos have evidence: the words marked, the
 * memo named in the tooltip, and "Open Memo" in the context menu showing
 * it in the Memos view; undo takes the mark away with the link. */
static void
test_transcript_marks_evidence (UiFixture     *fixture,
                                gconstpointer  data)
{
  CbWindow *window = fixture->window;
  CbTranscriptView *transcript = window->transcript_view;
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *linked = NULL;
  const char *document;

  ui_import (fixture, "interview-ma07.txt");
  document = cb_window_get_document_name (window);
  g_assert_nonnull (document);
  g_assert_cmpint (cb_project_add_memo (project, "Wantrouwen", "theoretical", NULL, "Zie ook MA03.", &error), >, 0);
  g_assert_no_error (error);
  linked = cb_project_link_memo (project, "Wantrouwen", document, 200, 260, &error);
  g_assert_no_error (error);
  settle (fixture);

  g_assert_false (memo_mark_at (transcript, 199));
  g_assert_true (memo_mark_at (transcript, 200));
  g_assert_true (memo_mark_at (transcript, 259));
  g_assert_false (memo_mark_at (transcript, 260));

  tooltip = cb_transcript_view_dup_tooltip_text (transcript, 230);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "Memo: Wantrouwen"));
  g_clear_pointer (&tooltip, g_free);
  tooltip = cb_transcript_view_dup_tooltip_text (transcript, 261);
  g_assert_true (tooltip == NULL || strstr (tooltip, "Memo:") == NULL);

  /* the same marks when the document is opened again */
  {
    g_autoptr(CbDocumentInfo) info = cb_project_get_document (project, document, &error);

    g_assert_no_error (error);
    g_assert_true (cb_window_show_document (window, info->id, &error));
    g_assert_no_error (error);
  }
  settle (fixture);
  g_assert_true (memo_mark_at (transcript, 230));

  menu = cb_transcript_view_build_context_menu (transcript, 230);
  target = menu_target (menu, "win.open-memo", "Open Memo “Wantrouwen”");
  g_assert_nonnull (target);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-memo", target));
  settle (fixture);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (window->view_stack), ==, "memos");
  g_assert_cmpstr (cb_memos_view_get_selected (window->memos_view), ==, "Wantrouwen");

  adw_view_stack_set_visible_child_name (window->view_stack, "transcript");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  settle (fixture);
  g_assert_false (memo_mark_at (transcript, 230));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);
  UI_TEST ("/ui/memos/list-and-edit", test_list_and_edit);
  UI_TEST ("/ui/memos/link-selection", test_link_selection);
  UI_TEST ("/ui/memos/transcript-marks-evidence", test_transcript_marks_evidence);
  return g_test_run ();
}
