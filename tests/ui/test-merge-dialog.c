/* test-merge-dialog.c: Merge Project… and Copy for a Second Coder…
 *
 * The merge is previewed (a dry run whose summary the dialog shows, the
 * project unchanged), then merged through the dialog's Merge button: one
 * undo step.  Cancel merges nothing; a hostile file gives an error dialog
 * naming it.  The menu's actions open their choosers; a copy for one coder
 * keeps only that coder's codings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-merge-dialog.h"
#include "ui-test-util.h"

#define TEXT "Interviewer: Hoe begon het?\n\nNadia: Met een caf\xc3\xa9 \xf0\x9f\x98\x80 om de hoek.\n"

static CbMergeDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CB_IS_MERGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CB_MERGE_DIALOG (window);
    }
  return NULL;
}

static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* A project beside the fixture's with one interview coded by "nadia". */
static char *
make_other (UiFixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, "other.codeboom", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) other = cb_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (other, "Interview 9", TEXT, "i9.txt", NULL, &error), >, 0);
  cb_project_set_coder (other, "nadia");
  g_assert_cmpint (cb_project_apply_creating (other, "Interview 9", "Place", 30, 40, NULL, &error), >, 0);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static CbMergeDialog *
preview (UiFixture  *fixture,
         const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CbMergeDialog *dialog;

  g_assert_true (_cb_window_merge_file (fixture->window, file));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_preview_and_merge (UiFixture     *fixture,
                        gconstpointer  data)
{
  g_autofree char *other = make_other (fixture);
  g_autofree char *undo_before = cb_project_dup_undo_label (fixture->project);
  g_autofree char *undo_after = NULL;
  g_autofree char *summary = NULL;
  CbMergeDialog *dialog = preview (fixture, other);
  g_autoptr(CbDocumentInfo) document = NULL;
  g_autoptr(GError) error = NULL;

  summary = cb_merge_dialog_dup_summary (dialog);
  g_assert_nonnull (strstr (summary, "added: 1 document, 1 code, 1 coding, 1 coder"));
  g_assert_nonnull (strstr (summary, "conflicts: none"));
  /* the preview changed nothing */
  g_assert_null (cb_project_get_document (fixture->project, "Interview 9", NULL));
  undo_after = cb_project_dup_undo_label (fixture->project);
  g_assert_cmpstr (undo_after, ==, undo_before);

  g_signal_emit_by_name (cb_merge_dialog_get_merge_button (dialog), "clicked");
  ui_pump ();
  g_assert_null (find_dialog ());
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);

  document = cb_project_get_document (fixture->project, "Interview 9", &error);
  g_assert_no_error (error);
  g_assert_cmpint (document->n_codings, ==, 1);
  g_clear_pointer (&undo_after, g_free);
  undo_after = cb_project_dup_undo_label (fixture->project);
  g_assert_cmpstr (undo_after, ==, "Merge “other.codeboom”");
  /* the document list shows it */
  g_assert_cmpint (ui_count_codings (fixture), ==, 1);
}

static void
test_cancel (UiFixture     *fixture,
             gconstpointer  data)
{
  g_autofree char *other = make_other (fixture);
  CbMergeDialog *dialog = preview (fixture, other);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL));
  ui_pump ();
  g_assert_null (find_dialog ());
  g_assert_false (_cb_window_busy (fixture->window));
  g_assert_null (cb_project_get_document (fixture->project, "Interview 9", NULL));
}

static void
test_conflicts_listed (UiFixture     *fixture,
                       gconstpointer  data)
{
  g_autofree char *other = make_other (fixture);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  CbMergeDialog *dialog;

  g_assert_cmpint (cb_project_add_document (fixture->project, "Interview 9", "Another text.\n", "x.txt", NULL, &error), >, 0);
  ui_pump ();
  dialog = preview (fixture, other);
  summary = cb_merge_dialog_dup_summary (dialog);
  g_assert_nonnull (strstr (summary, "conflicts: 1 document"));
  g_assert_nonnull (strstr (summary, "Interview 9 (2)"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_pump ();
}

/* A .qdpx with pictures, audio, graphs and links: the preview says what
 * of it is not merged, as its import would. */
static void
test_qdpx_not_brought_in (UiFixture     *fixture,
                          gconstpointer  data)
{
  g_autofree char *qdpx = g_build_filename (g_getenv ("CODEBOOM_SOURCE_ROOT"), "tests", "data", "exchange",
                                            "lenient-unsupported.qdpx", NULL);
  g_autofree char *summary = NULL;
  CbMergeDialog *dialog = preview (fixture, qdpx);

  summary = cb_merge_dialog_dup_summary (dialog);
  g_assert_nonnull (strstr (summary, "added: 1 document, 2 codes, 2 codings, 1 coder"));
  g_assert_nonnull (strstr (summary, "Not imported (Codeboom holds text only): audio sources: 1, graphs: 1, links: 1, pictures: 1"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_pump ();
}

static void
test_hostile (UiFixture     *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "notes.codeboom", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "not a project at all\n", -1, NULL));
  g_assert_true (_cb_window_merge_file (fixture->window, file));
  ui_wait_job (fixture);
  g_assert_null (find_dialog ());
  g_assert_nonnull (fixture->window->dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "notes.codeboom"));
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_pump ();
}

static void
test_menu_actions (UiFixture     *fixture,
                   gconstpointer  data)
{
  GtkWidget *chooser;
  AdwMessageDialog *choice;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.merge-project", NULL));
  ui_pump ();
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ui_pump ();
  g_assert_null (find_file_chooser ());

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.copy-for-coder", NULL));
  ui_pump ();
  choice = fixture->window->dialog;
  g_assert_nonnull (choice);
  g_assert_true (GTK_IS_DROP_DOWN (adw_message_dialog_get_extra_child (choice)));
  adw_message_dialog_response (choice, "copy");
  ui_pump ();
  chooser = find_file_chooser ();
  g_assert_nonnull (chooser);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ui_pump ();
}

static void
test_copy_for_coder (UiFixture     *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "second.codeboom", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CbProject) copy = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cb_project_add_document (fixture->project, "Interview 1", TEXT, "i1.txt", NULL, &error), >, 0);
  cb_project_set_coder (fixture->project, "alice");
  g_assert_cmpint (cb_project_apply_creating (fixture->project, "Interview 1", "A", 0, 5, NULL, &error), >, 0);
  cb_project_set_coder (fixture->project, "bob");
  g_assert_cmpint (cb_project_apply_creating (fixture->project, "Interview 1", "A", 6, 9, NULL, &error), >, 0);
  g_assert_no_error (error);
  ui_pump ();

  g_assert_true (_cb_window_copy_for_coder (fixture->window, file, CB_COPY_ONLY_CODER, "bob"));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  copy = cb_project_open (path, &error);
  g_assert_no_error (error);
  documents = cb_project_list_documents (copy, &error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (((CbDocumentInfo *) documents->pdata[0])->n_codings, ==, 1);
  g_clear_object (&copy);

  /* never over an existing file */
  g_assert_true (_cb_window_copy_for_coder (fixture->window, file, CB_COPY_ALL, NULL));
  ui_wait_job (fixture);
  g_assert_nonnull (fixture->window->dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "already exists"));
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_pump ();
}

int
main (int    argc,
      char **argv)
{
  /* the file chooser may note recent files: into a directory of this run's */
  g_autofree char *data_home = g_dir_make_tmp ("codeboom-ui-data-XXXXXX", NULL);
  g_autofree char *recent = NULL;
  int status;

  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  ui_init (&argc, &argv);

  UI_TEST ("/ui/merge-dialog/preview-and-merge", test_preview_and_merge);
  UI_TEST ("/ui/merge-dialog/cancel", test_cancel);
  UI_TEST ("/ui/merge-dialog/conflicts", test_conflicts_listed);
  UI_TEST ("/ui/merge-dialog/qdpx-not-brought-in", test_qdpx_not_brought_in);
  UI_TEST ("/ui/merge-dialog/hostile", test_hostile);
  UI_TEST ("/ui/merge-dialog/menu-actions", test_menu_actions);
  UI_TEST ("/ui/merge-dialog/copy-for-coder", test_copy_for_coder);

  status = g_test_run ();

  recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_unlink (recent);
  g_rmdir (data_home);
  return status;
}
