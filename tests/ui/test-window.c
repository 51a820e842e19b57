/* test-window.c: the main window, projects, documents, search and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-coding-gutter.h"
#include "cb-document-row.h"
#include "cb-import-zip.h"
#include "ui-test-util.h"

/* A new window shows the start screen; creating a project opens it and
 * remembers it among the recent projects. */

/* The project.qde of a .qdpx's bytes, as text (freed with the test). */
static const char *
qde_of (const char *zip_bytes,
        gsize       length)
{
  static char *last;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("export.qdpx", (const guint8 *) zip_bytes, length, NULL, &error);
  g_autoptr(GBytes) member = NULL;

  g_assert_no_error (error);
  member = cb_zip_read_member (zip, "project.qde", &error);
  g_assert_no_error (error);
  g_free (last);
  last = g_strndup (g_bytes_get_data (member, NULL), g_bytes_get_size (member));
  return last;
}

static void
test_start_screen (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-ui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "study", NULL);
  g_autofree char *expected = g_strconcat (path, ".codeboom", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) recent = NULL;
  CbWindow *window;

  window = g_object_ref_sink (cb_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  ui_pump ();
  g_assert_cmpstr (cb_window_get_page (window), ==, "start");
  g_assert_null (cb_window_get_project (window));
  g_assert_false (gtk_widget_is_visible (window->undo_button));

  /* The same path as the New Project button's file chooser hands over. */
  g_assert_true (cb_window_create_project (window, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (cb_window_get_page (window), ==, "project");
  g_assert_false (cb_document_list_shows_list (cb_window_get_document_list (window)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "study");

  recent = g_settings_get_strv (settings, "recent-projects");
  g_assert_nonnull (recent[0]);
  g_assert_cmpstr (recent[0], ==, expected);

  /* Closing goes back to the start screen, which now lists it. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.close-project", NULL);
  ui_pump ();
  g_assert_cmpstr (cb_window_get_page (window), ==, "start");
  g_assert_cmpuint (cb_start_page_get_n_recent (cb_window_get_start_page (window)), >, 0);

  /* Activating the recent row opens it again. */
  cb_start_page_activate_recent (cb_window_get_start_page (window), 0);
  ui_pump ();
  g_assert_nonnull (cb_window_get_project (window));
  g_assert_cmpstr (cb_project_get_path (cb_window_get_project (window)), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  g_unlink (expected);
  g_rmdir (dir);
}

/* Importing a corpus file off the main thread adds it to the list and
 * opens it in the transcript view. */
static void
test_import (UiFixture     *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = NULL;
  GtkTextBuffer *buffer;

  ui_import (fixture, "interview-ma07.txt");

  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpstr (((CbDocumentInfo *) g_ptr_array_index (documents, 0))->name, ==, "interview-ma07");

  g_assert_true (cb_document_list_shows_list (cb_window_get_document_list (fixture->window)));
  g_assert_cmpuint (g_list_model_get_n_items (cb_document_list_get_model (cb_window_get_document_list (fixture->window))), ==, 1);
  g_assert_cmpint (cb_document_list_get_selected (cb_window_get_document_list (fixture->window)), ==,
                   ((CbDocumentInfo *) g_ptr_array_index (documents, 0))->id);

  g_assert_cmpstr (cb_window_get_centre_page (fixture->window), ==, "transcript");
  buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (cb_window_get_transcript_view (fixture->window)));
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==,
                   ((CbDocumentInfo *) g_ptr_array_index (documents, 0))->n_chars);
  g_assert_cmpstr (cb_window_get_subtitle (fixture->window), ==, "interview-ma07");

  /* The import is one undo step. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 0);
  g_assert_cmpstr (cb_window_get_centre_page (fixture->window), ==, "empty");
  g_assert_false (cb_document_list_shows_list (cb_window_get_document_list (fixture->window)));
}

/* A file that is not a transcript is reported, and nothing is lost. */
static void
test_import_failure (UiFixture     *fixture,
                     gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "broken.docx", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *good = ui_corpus_file ("mag-session-2-fr.txt");
  g_autoptr(GPtrArray) documents = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (g_file_set_contents (bad, "this is not a zip file", -1, NULL));
  g_ptr_array_add (files, g_file_new_for_path (bad));
  g_ptr_array_add (files, g_file_new_for_path (good));
  _cb_window_import_files (fixture->window, files);
  while (_cb_window_import_busy (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  ui_pump ();

  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_nonnull (fixture->window->dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "broken.docx"));
  adw_message_dialog_response (fixture->window->dialog, "close");
  ui_pump ();
}

static void
note_finalized (gpointer  data,
                GObject  *where_the_object_was)
{
  *(GThread **) data = g_thread_self ();
}

/* Closing a window while its import runs: the import finishes on its own,
 * and the window (with its project) is finalized on the main thread, never
 * in the worker (where it once freed the SQLite connection under another
 * test's feet: a double free in sqlite3_reset). */
static void
test_close_during_import (UiFixture     *fixture,
                          gconstpointer  data)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dir = g_dir_make_tmp ("codeboom-ui-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closing.codeboom", NULL);
  g_autofree char *doc = ui_corpus_file ("interview-ma07.txt");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GThread *finalized_in = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  CbWindow *window = cb_window_new (NULL);

  g_object_ref_sink (window);
  g_assert_true (cb_window_create_project (window, file, &error));
  g_assert_no_error (error);
  g_object_weak_ref (G_OBJECT (window), note_finalized, &finalized_in);
  g_ptr_array_add (files, g_file_new_for_path (doc));
  g_ptr_array_add (files, g_file_new_for_path (doc));
  _cb_window_import_files (window, files);
  g_assert_true (_cb_window_import_busy (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  while (finalized_in == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (finalized_in == g_thread_self ());

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
}

/* Deleting a document asks first; Cancel keeps it, Delete removes it. */
static void
test_delete_document (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) documents = NULL;

  ui_import (fixture, "interview-ma07.txt");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-document", "s", "interview-ma07");
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  adw_message_dialog_response (fixture->window->dialog, "cancel");
  ui_pump ();
  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 1);
  g_clear_pointer (&documents, g_ptr_array_unref);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.delete-document", "s", "interview-ma07");
  ui_pump ();
  adw_message_dialog_response (fixture->window->dialog, "delete");
  ui_pump ();
  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 0);
  g_assert_cmpint (cb_transcript_view_get_document_id (cb_window_get_transcript_view (fixture->window)), ==, 0);
}

/* Renaming a document through its dialog renames it in the store, the
 * list and the title. */
static void
test_rename_document (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(CbDocumentInfo) info = NULL;
  GtkEditable *entry;

  ui_import (fixture, "interview-ma07.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.rename-document", "s", "interview-ma07");
  ui_pump ();
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (fixture->window->dialog));
  gtk_editable_set_text (entry, "Sofie (MA07)");
  adw_message_dialog_response (fixture->window->dialog, "rename");
  ui_pump ();

  info = cb_project_get_document (fixture->project, "Sofie (MA07)", NULL);
  g_assert_nonnull (info);
  g_assert_cmpstr (cb_window_get_subtitle (fixture->window), ==, "Sofie (MA07)");
}

/* Ctrl+F: searching the open document highlights every hit, accent- and
 * case-insensitively (the core's search). */
static void
test_search_document (UiFixture     *fixture,
                      gconstpointer  data)
{
  GtkTextTag *tag;
  GArray *matches;
  gint64 start, end;

  ui_import (fixture, "interview-ma07.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search", NULL);
  ui_pump ();
  g_assert_true (cb_search_panel_get_search_mode (cb_window_get_search_panel (fixture->window)));

  cb_search_panel_set_text (cb_window_get_search_panel (fixture->window), "CLIENT");
  _cb_window_search (fixture->window);
  ui_pump ();

  matches = cb_transcript_view_get_search_matches (cb_window_get_transcript_view (fixture->window));
  g_assert_cmpuint (matches->len, >=, 2);
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (
                                     gtk_text_view_get_buffer (
                                       cb_transcript_view_get_text_view (cb_window_get_transcript_view (fixture->window)))),
                                   "cb:search");
  g_assert_true (ui_has_tag_at (cb_window_get_transcript_view (fixture->window), tag, g_array_index (matches, gint64, 0)));

  /* "client" finds "cliënt" */
  {
    g_autofree char *text = cb_project_dup_document_text (fixture->project,
                                                          cb_transcript_view_get_document_id (cb_window_get_transcript_view (fixture->window)),
                                                          NULL, NULL);
    g_autofree char *hit = g_utf8_substring (text, g_array_index (matches, gint64, 0),
                                             g_array_index (matches, gint64, 1));

    g_assert_cmpstr (hit, ==, "cliënt");
  }

  g_assert_true (cb_transcript_view_search_next (cb_window_get_transcript_view (fixture->window), FALSE));
  g_assert_true (cb_transcript_view_get_selection (cb_window_get_transcript_view (fixture->window), &start, &end));
  g_assert_cmpint (end - start, ==, 6);

  /* Ctrl+Shift+F: the whole project, as a result list. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  ui_pump ();
  g_assert_cmpstr (cb_window_get_centre_page (fixture->window), ==, "results");
  g_assert_cmpuint (cb_search_results_get_n_shown (cb_window_get_search_results (fixture->window)), >, 0);
}

/* Code All Hits runs in a worker thread on its own connection; the window
 * then shows the new codings (counts, segments) and one undo takes them
 * all away. */
static void
test_code_hits (UiFixture     *fixture,
                gconstpointer  data)
{
  guint n_hits;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Cliënt");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Cliënt"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  cb_search_panel_set_text (cb_window_get_search_panel (fixture->window), "client");
  _cb_window_search (fixture->window);
  ui_pump ();
  n_hits = cb_search_panel_get_hits (cb_window_get_search_panel (fixture->window))->len;
  g_assert_cmpuint (n_hits, >=, 2);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.code-hits", NULL);
  g_assert_true (_cb_window_busy (fixture->window));
  ui_wait_job (fixture);
  g_assert_cmpuint (ui_count_codings (fixture), ==, n_hits);
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (cb_window_get_quotes_pane (fixture->window))), ==, n_hits);
  g_assert_null (fixture->window->dialog);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_assert_cmpuint (ui_count_codings (fixture), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (cb_quotes_pane_get_quotes (cb_window_get_quotes_pane (fixture->window))), ==, 0);
}

/* Export ▸ Codebook writes a REFI-QDA codebook with the tree, in a worker
 * thread on a connection of its own: the window keeps running its main
 * loop (and refuses a second job) meanwhile, then says what it wrote.
 * A file that cannot be written gets a dialog. */
static void
test_export_codebook (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "codebook.qdc", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "no such folder", "codebook.qdc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autofree char *contents = NULL;

  ui_add_code (fixture, "Vertrouwen / Één keer het verhaal doen");
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->window)));
  g_assert_true (_cb_window_export_codebook (fixture->window, file));
  g_assert_true (_cb_window_busy (fixture->window));
  g_assert_true (cb_window_get_job_visible (fixture->window));
  g_assert_false (_cb_window_export_project (fixture->window, file, CB_REFI_EXPORT_NONE));   /* one at a time */
  ui_wait_job (fixture);
  g_assert_false (cb_window_get_job_visible (fixture->window));
  ui_assert_no_dialog (fixture);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "urn:QDA-XML:codebook:1.0"));
  g_assert_nonnull (strstr (contents, "Één keer het verhaal doen"));
  g_assert_nonnull (strstr (contents, "Vertrouwen"));

  g_assert_true (_cb_window_export_codebook (fixture->window, bad_file));
  ui_wait_job (fixture);
  g_assert_nonnull (fixture->window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==, "Export Failed");
  adw_message_dialog_response (fixture->window->dialog, "close");
  ui_pump ();
}

/* Export ▸ Quotes writes the selected code's quotes; the file name's
 * extension picks the format.  Export ▸ Project writes a .qdpx (a zip). */
static void
test_export_quotes_and_project (UiFixture     *fixture,
                                gconstpointer  data)
{
  g_autofree char *xml = g_build_filename (fixture->dir, "quotes.xml", NULL);
  g_autofree char *html = g_build_filename (fixture->dir, "quotes.html", NULL);
  g_autofree char *qdpx = g_build_filename (fixture->dir, "project.qdpx", NULL);
  g_autoptr(GFile) xml_file = g_file_new_for_path (xml);
  g_autoptr(GFile) html_file = g_file_new_for_path (html);
  g_autoptr(GFile) qdpx_file = g_file_new_for_path (qdpx);
  g_autofree char *contents = NULL;
  g_autofree char *quote = NULL;
  gsize length = 0;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  cb_transcript_view_select_range (cb_window_get_transcript_view (fixture->window), 220, 300);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", "Vertrouwen");
  ui_pump ();
  quote = cb_transcript_view_dup_selected_text (cb_window_get_transcript_view (fixture->window));
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Vertrouwen"));
  ui_pump ();

  g_assert_true (_cb_window_export_quotes (fixture->window, xml_file));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  g_assert_true (g_file_get_contents (xml, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "urn:codeboom:quotes:1"));
  g_assert_nonnull (strstr (contents, quote));
  g_clear_pointer (&contents, g_free);

  g_assert_true (_cb_window_export_quotes (fixture->window, html_file));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  g_assert_true (g_file_get_contents (html, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<html"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (_cb_window_export_project (fixture->window, qdpx_file, CB_REFI_EXPORT_NONE));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  g_assert_true (g_file_get_contents (qdpx, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 2, "PK", 2);
  g_assert_nonnull (strstr (qde_of (contents, length), "basePath="));
  g_clear_pointer (&contents, g_free);

  /* the export options of the chooser: without user names */
  g_assert_true (_cb_window_export_project (fixture->window, qdpx_file, CB_REFI_EXPORT_ANONYMOUS));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  g_assert_true (g_file_get_contents (qdpx, &contents, &length, NULL));
  g_assert_null (strstr (qde_of (contents, length), "basePath="));
  g_clear_pointer (&contents, g_free);

  /* Export ▸ Project…: the options are the chooser's check boxes, and
   * the ones ticked are remembered for the next export */
  g_unlink (qdpx);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-project", NULL));
  ui_pump ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkFileChooser *chooser = NULL;
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
    g_auto(GStrv) remembered = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && chooser == NULL; i++)
      {
        g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

        if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
          chooser = GTK_FILE_CHOOSER (window);
      }
    g_assert_nonnull (chooser);
    g_assert_cmpstr (gtk_file_chooser_get_choice (chooser, "nvivo-offsets"), ==, "false");
    gtk_file_chooser_set_choice (chooser, "nvivo-offsets", "true");
    g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, NULL));
    gtk_file_chooser_set_current_name (chooser, "project.qdpx");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    /* the chooser checks the name asynchronously before it answers */
    for (int i = 0; i < 200 && !_cb_window_busy (fixture->window) && !g_file_test (qdpx, G_FILE_TEST_EXISTS); i++)
      {
        ui_pump ();
        g_usleep (10000);
      }
    ui_wait_job (fixture);
    ui_assert_no_dialog (fixture);
    g_assert_true (g_file_test (qdpx, G_FILE_TEST_EXISTS));
    remembered = g_settings_get_strv (fixture->window->settings, "qdpx-export-options");
    g_assert_cmpuint (g_strv_length (remembered), ==, 1);
    g_assert_cmpstr (remembered[0], ==, "nvivo-offsets");
  }
}

/* Preferences act at once on open windows: stripes and text size. */
static void
test_preferences (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *gutter;

  ui_import (fixture, "interview-ma07.txt");
  gutter = gtk_text_view_get_gutter (cb_transcript_view_get_text_view (cb_window_get_transcript_view (fixture->window)),
                                     GTK_TEXT_WINDOW_LEFT);
  g_assert_nonnull (gutter);
  /* GtkTextView may wrap the gutter in a child container of its own. */
  if (!CB_IS_CODING_GUTTER (gutter))
    gutter = gtk_widget_get_first_child (gutter);
  g_assert_true (CB_IS_CODING_GUTTER (gutter));
  g_settings_set_boolean (settings, "show-stripes", FALSE);
  ui_pump ();
  g_assert_false (gtk_widget_get_visible (gutter));
  g_settings_set_boolean (settings, "show-stripes", TRUE);
  ui_pump ();
  g_assert_true (gtk_widget_get_visible (gutter));
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  GtkWidget *child;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
document_row (CbWindow   *window,
              const char *name)
{
  ui_wait_frames (GTK_WIDGET (window), 2);
  return cb_document_list_find_row (cb_window_get_document_list (window), name);
}

/* A document row's menu acts on its own document, through the row's
 * document.* actions; the memo editor follows what was picked last and
 * saves what was typed. */
static void
test_document_row_and_memo (UiFixture     *fixture,
                            gconstpointer  data)
{
  CbWindow *window = fixture->window;
  CbMemoEditor *memo = cb_window_get_memo_editor (window);
  GtkWidget *row;
  GtkTextView *view;
  g_autoptr(CbDocumentInfo) info = NULL;

  ui_import (fixture, "interview-ma07.txt");
  row = document_row (window, "interview-ma07");
  g_assert_nonnull (row);
  {
    GtkWidget *name_label = find_widget (row, GTK_TYPE_LABEL);
    g_autofree char *tooltip = cb_document_row_dup_tooltip_text (CB_DOCUMENT_ROW (row), name_label);

    /* the whole name, asked for when the tooltip shows */
    g_assert_true (gtk_widget_get_has_tooltip (name_label));
    g_assert_cmpstr (tooltip, ==, "interview-ma07");
  }

  gtk_widget_activate_action (row, "document.delete", NULL);
  ui_pump ();
  g_assert_nonnull (window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (window->dialog), ==, "Delete “interview-ma07”?");
  adw_message_dialog_response (window->dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (window->dialog));
  ui_pump ();

  /* The open document's memo: typed, saved when the target changes. */
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_DOCUMENT);
  view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (memo), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Eerste interview, rustig verloop.", -1);
  ui_add_code (fixture, "Vertrouwen");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (window), "Vertrouwen"));
  ui_pump ();
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_CODE);
  info = cb_project_get_document (fixture->project, "interview-ma07", NULL);
  g_assert_cmpstr (info->memo, ==, "Eerste interview, rustig verloop.");
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "");
  }
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}


/* The memo editor names its one target by kind and name; typed text goes
 * to the target it was typed for when the target changes (never to the
 * next one); a click on the document already shown targets its memo
 * again; the project has a memo of its own; a rename saves first. */
static void
test_memo_target (UiFixture     *fixture,
                  gconstpointer  data)
{
  CbWindow *window = fixture->window;
  CbMemoEditor *memo = cb_window_get_memo_editor (window);
  GtkTextView *view = GTK_TEXT_VIEW (find_widget (GTK_WIDGET (memo), GTK_TYPE_TEXT_VIEW));
  g_autoptr(CbDocumentInfo) document = NULL;
  g_autoptr(CbDocumentInfo) renamed = NULL;
  g_autoptr(CbCodeInfo) code = NULL;
  g_autofree char *project_memo = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  /* A project without a selection: its own memo. */
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_PROJECT);
  g_assert_cmpstr (cb_memo_editor_get_title (memo), ==, "Project memo");

  ui_import (fixture, "interview-ma07.txt");
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_DOCUMENT);
  g_assert_cmpstr (cb_memo_editor_get_title (memo), ==, "Document memo — interview-ma07");

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Rustig gesprek.", -1);
  ui_add_code (fixture, "Red Tape / GPMI");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (window), "Red Tape / GPMI"));
  ui_pump ();
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_CODE);
  g_assert_cmpstr (cb_memo_editor_get_title (memo), ==, "Code memo — Red Tape / GPMI");
  document = cb_project_get_document (fixture->project, "interview-ma07", NULL);
  g_assert_cmpstr (document->memo, ==, "Rustig gesprek.");
  code = cb_project_get_code (fixture->project, "Red Tape / GPMI", NULL);
  g_assert_cmpstr (code->memo, ==, "");
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  /* Typed for the code, then the shown document clicked again: the code
   * keeps its memo, the document's comes back. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Regels die vastlopen.", -1);
  row = document_row (window, "interview-ma07");
  g_assert_nonnull (row);
  g_assert_cmpint (cb_document_list_get_selected (cb_window_get_document_list (window)), ==,
                   cb_document_item_get_id (cb_document_row_get_item (CB_DOCUMENT_ROW (row))));
  gtk_widget_activate (row);
  ui_pump ();
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_DOCUMENT);
  g_assert_cmpstr (cb_memo_editor_get_title (memo), ==, "Document memo — interview-ma07");
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "Rustig gesprek.");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&code, cb_code_info_free);
  code = cb_project_get_code (fixture->project, "Red Tape / GPMI", NULL);
  g_assert_cmpstr (code->memo, ==, "Regels die vastlopen.");
  g_clear_pointer (&document, cb_document_info_free);
  document = cb_project_get_document (fixture->project, "interview-ma07", NULL);
  g_assert_cmpstr (document->memo, ==, "Rustig gesprek.");

  /* Typing, then renaming the document before the pause is over: the
   * memo is saved under the old name first and travels with it. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Rustig gesprek, lang.", -1);
  g_assert_true (_cb_window_rename_document (window, "interview-ma07", "ma07", &error));
  g_assert_no_error (error);
  ui_pump ();
  renamed = cb_project_get_document (fixture->project, "ma07", NULL);
  g_assert_cmpstr (renamed->memo, ==, "Rustig gesprek, lang.");
  g_assert_cmpstr (cb_memo_editor_get_title (memo), ==, "Document memo — ma07");

  /* The project's memo, through the editor's own button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (memo), "memo-editor.show-project", NULL));
  ui_pump ();
  g_assert_cmpint (cb_memo_editor_get_target (memo), ==, CB_MEMO_PROJECT);
  g_assert_cmpstr (cb_memo_editor_get_title (memo), ==, "Project memo");
  text = buffer_text (view);
  g_assert_cmpstr (text, ==, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "Scriptie, hoofdstuk 3.", -1);
  cb_memo_editor_flush (memo);
  project_memo = cb_project_dup_memo (fixture->project);
  g_assert_cmpstr (project_memo, ==, "Scriptie, hoofdstuk 3.");
  g_clear_pointer (&renamed, cb_document_info_free);
  renamed = cb_project_get_document (fixture->project, "ma07", NULL);
  g_assert_cmpstr (renamed->memo, ==, "Rustig gesprek, lang.");
}

/* Opening a project again shows the document it showed last; a document
 * deleted since leaves the empty page. */
static void
test_reopen_last_document (UiFixture     *fixture,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (fixture->path);
  g_autoptr(CbDocumentInfo) second = NULL;
  g_autoptr(GError) error = NULL;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  second = cb_project_get_document (fixture->project, "mag-session-2-fr", &error);
  g_assert_no_error (error);
  g_assert_true (cb_window_show_document (fixture->window, second->id, &error));
  g_assert_no_error (error);
  ui_pump ();

  cb_window_close_project (fixture->window);
  ui_pump ();
  g_assert_true (cb_window_open_project (fixture->window, file, &error));
  g_assert_no_error (error);
  fixture->project = cb_window_get_project (fixture->window);
  ui_pump ();
  g_assert_cmpstr (cb_window_get_centre_page (fixture->window), ==, "transcript");
  g_assert_cmpstr (cb_window_get_document_name (fixture->window), ==, "mag-session-2-fr");

  g_assert_true (cb_project_delete_document (fixture->project, "mag-session-2-fr", &error));
  g_assert_no_error (error);
  ui_pump ();
  cb_window_close_project (fixture->window);
  ui_pump ();
  g_assert_true (cb_window_open_project (fixture->window, file, &error));
  g_assert_no_error (error);
  fixture->project = cb_window_get_project (fixture->window);
  ui_pump ();
  g_assert_cmpstr (cb_window_get_centre_page (fixture->window), ==, "empty");
  g_assert_null (cb_window_get_document_name (fixture->window));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  g_test_add_func ("/ui/window/start-screen", test_start_screen);
  UI_TEST ("/ui/window/import", test_import);
  UI_TEST ("/ui/window/import-failure", test_import_failure);
  UI_TEST ("/ui/window/close-during-import", test_close_during_import);
  UI_TEST ("/ui/window/delete-document", test_delete_document);
  UI_TEST ("/ui/window/rename-document", test_rename_document);
  UI_TEST ("/ui/window/document-row-and-memo", test_document_row_and_memo);
  UI_TEST ("/ui/window/memo-target", test_memo_target);
  UI_TEST ("/ui/window/reopen-last-document", test_reopen_last_document);
  UI_TEST ("/ui/window/search-document", test_search_document);
  UI_TEST ("/ui/window/code-hits", test_code_hits);
  UI_TEST ("/ui/window/export-codebook", test_export_codebook);
  UI_TEST ("/ui/window/export-quotes-and-project", test_export_quotes_and_project);
  UI_TEST ("/ui/window/preferences", test_preferences);

  return g_test_run ();
}
