/* test-window-import.c: the window imports through the core's one import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cb-document-item.h"
#include "cb-refi-export.h"
#include "cb-refi-import.h"
#include "ui-test-util.h"

static void
note_text (GtkProgressBar *bar,
           GParamSpec     *pspec,
           GPtrArray      *texts)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL)
    g_ptr_array_add (texts, g_strdup (text));
}

static void
import_and_wait (UiFixture *fixture,
                 GPtrArray *files)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  _cb_window_import_files (fixture->window, files);
  g_assert_true (_cb_window_import_busy (fixture->window));
  while (_cb_window_import_busy (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cb_window_import_busy (fixture->window));
  ui_pump ();
}

static gboolean
has_document (GPtrArray  *documents,
              const char *name)
{
  guint i;

  for (i = 0; i < documents->len; i++)
    if (g_strcmp0 (((CbDocumentInfo *) g_ptr_array_index (documents, i))->name, name) == 0)
      return TRUE;
  return FALSE;
}

/* Four files, one of them bad: the three good ones are imported in one undo
 * step, the bad one is reported by name, the progress bar shows the files
 * read one by one, and the first document opens. */
static void
test_skip_bad (UiFixture     *fixture,
               gconstpointer  data)
{
  g_autofree char *bad = g_build_filename (fixture->dir, "broken.docx", NULL);
  g_autofree char *first = ui_corpus_file ("interview-ma07.txt");
  g_autofree char *second = ui_corpus_file ("mag-session-2-fr.txt");
  /* windows-1252 without a BOM: its encoding is guessed, and said in a toast */
  g_autofree char *guessed = ui_corpus_file ("interview-hma02-cp1252-crlf.txt");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = NULL;
  gulong handler;
  guint i;
  gboolean saw_second = FALSE;

  g_assert_true (g_file_set_contents (bad, "this is not a zip file", -1, NULL));
  g_ptr_array_add (files, g_file_new_for_path (first));
  g_ptr_array_add (files, g_file_new_for_path (bad));
  g_ptr_array_add (files, g_file_new_for_path (second));
  g_ptr_array_add (files, g_file_new_for_path (guessed));

  handler = g_signal_connect (fixture->window->progress_bar, "notify::text",
                              G_CALLBACK (note_text), texts);
  import_and_wait (fixture, files);
  g_signal_handler_disconnect (fixture->window->progress_bar, handler);

  /* Real progress from the import, not a pulse. */
  for (i = 0; i < texts->len; i++)
    if (strstr (g_ptr_array_index (texts, i), "broken.docx") != NULL &&
        strstr (g_ptr_array_index (texts, i), "2") != NULL &&
        strstr (g_ptr_array_index (texts, i), "4") != NULL)
      saw_second = TRUE;
  g_assert_true (saw_second);

  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 3);
  g_assert_true (has_document (documents, "interview-ma07"));
  g_assert_true (has_document (documents, "mag-session-2-fr"));
  g_assert_true (has_document (documents, "interview-hma02-cp1252-crlf"));

  g_assert_nonnull (fixture->window->dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "broken.docx"));
  adw_message_dialog_response (fixture->window->dialog, "close");
  ui_pump ();

  /* The first imported document is open. */
  g_assert_cmpstr (cb_window_get_centre_page (fixture->window), ==, "transcript");
  g_assert_cmpstr (cb_window_get_subtitle (fixture->window), ==, "interview-ma07");

  /* One Ctrl+Z removes them all. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.undo", NULL);
  ui_pump ();
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 0);
}

/* A name already taken is refused for that file, never renamed; the other
 * file of the same import goes in. */
static void
test_name_clash (UiFixture     *fixture,
                 gconstpointer  data)
{
  g_autofree char *first = ui_corpus_file ("interview-ma07.txt");
  g_autofree char *second = ui_corpus_file ("mag-session-2-fr.txt");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) documents = NULL;

  ui_import (fixture, "interview-ma07.txt");

  g_ptr_array_add (files, g_file_new_for_path (first));
  g_ptr_array_add (files, g_file_new_for_path (second));
  import_and_wait (fixture, files);

  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_true (has_document (documents, "interview-ma07"));
  g_assert_true (has_document (documents, "mag-session-2-fr"));
  g_assert_false (has_document (documents, "interview-ma07 (2)"));

  g_assert_nonnull (fixture->window->dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "interview-ma07"));
  adw_message_dialog_response (fixture->window->dialog, "close");
  ui_pump ();
}

typedef struct
{
  CbWindow *window;
  gboolean  cancelled;
} CancelOnPipe;

static void
cancel_on_pipe (GtkProgressBar *bar,
                GParamSpec     *pspec,
                CancelOnPipe   *state)
{
  const char *text = gtk_progress_bar_get_text (bar);

  if (text != NULL && strstr (text, "pipe.txt") != NULL && state->window->job_cancellable != NULL)
    {
      g_cancellable_cancel (state->window->job_cancellable);
      state->cancelled = TRUE;
    }
}

static gpointer
write_pipe (gpointer data)
{
  int fd = g_open (data, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "Q: Hello\n", 9), ==, 9);
  close (fd);
  return NULL;
}

/* Cancel (as the progress bar's button does) while the files are read:
 * nothing is imported, and the window gets its project back.  The second
 * file is a named pipe, so the worker waits on it until the test has
 * cancelled: no race with a fast machine. */
static void
test_cancel (UiFixture     *fixture,
             gconstpointer  data)
{
  g_autofree char *first = ui_corpus_file ("interview-ma07.txt");
  g_autofree char *third = ui_corpus_file ("mag-session-2-fr.txt");
  g_autofree char *pipe = g_build_filename (fixture->dir, "pipe.txt", NULL);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) documents = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  CancelOnPipe state = { fixture->window, FALSE };
  GThread *writer;
  gulong handler;
  int fd;

  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_ptr_array_add (files, g_file_new_for_path (first));
  g_ptr_array_add (files, g_file_new_for_path (pipe));
  g_ptr_array_add (files, g_file_new_for_path (third));

  handler = g_signal_connect (fixture->window->progress_bar, "notify::text",
                              G_CALLBACK (cancel_on_pipe), &state);
  _cb_window_import_files (fixture->window, files);
  g_assert_true (_cb_window_import_busy (fixture->window));
  while (!state.cancelled && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (fixture->window->progress_bar, handler);
  g_assert_true (state.cancelled);

  /* Lets the worker read the pipe if it had opened it (it then sees the
   * cancel before the next file); if it saw the cancel first, the test's
   * own reader below lets the writer go. */
  writer = g_thread_new ("pipe-writer", write_pipe, pipe);
  while (_cb_window_import_busy (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cb_window_import_busy (fixture->window));
  fd = g_open (pipe, O_RDONLY | O_NONBLOCK, 0);
  g_assert_cmpint (fd, >=, 0);
  g_thread_join (writer);
  close (fd);
  ui_pump ();

  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 0);
  g_assert_null (fixture->window->dialog);

  /* The window has its project back: a new import works. */
  ui_import (fixture, "interview-ma07.txt");
  g_clear_pointer (&documents, g_ptr_array_unref);
  documents = cb_project_list_documents (fixture->project, NULL);
  g_assert_cmpuint (documents->len, ==, 1);
}

/* REFI-QDA projects ------------------------------------------------------ */

static char *
exchange_file (const char *name)
{
  const char *root = g_getenv ("CODEBOOM_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "tests", "data", "exchange", name, NULL);
}

static void
wait_window (CbWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (_cb_window_busy (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cb_window_busy (window));
  ui_pump ();
}

static gboolean
list_shows (CbWindow   *window,
            const char *name)
{
  GListModel *model = cb_document_list_get_model (cb_window_get_document_list (window));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CbDocumentItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (cb_document_item_get_name (item), name) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_scratch (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, ".codeboom-import-"))
      return TRUE;
  return FALSE;
}

/* A .qdpx made from the corpus through the core's export, imported from a
 * window that has a project: a new window runs it (its start page shows
 * the progress), then shows the new project, its documents and its codes;
 * Codeboom's own export brings no warnings. */
static void
test_refi_project (UiFixture     *fixture,
                   gconstpointer  data)
{
  g_autofree char *qdpx = g_build_filename (fixture->dir, "study.qdpx", NULL);
  g_autofree char *target_path = g_build_filename (fixture->dir, "Study", NULL);
  g_autofree char *expected_path = g_build_filename (fixture->dir, "Study.codeboom", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (qdpx);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  CbProject *project;
  CbWindow *window;
  guint n_codings = 0;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  ui_add_code (fixture, "Red Tape / GPMI");
  ui_add_code (fixture, "Vertrouwen");
  g_assert_cmpint (cb_project_apply (fixture->project, "interview-ma07", "Vertrouwen", 200, 320, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cb_refi_export_project_to_file (fixture->project, CB_REFI_EXPORT_NONE, source, &error));
  g_assert_no_error (error);

  window = _cb_window_import_refi_project (fixture->window, source, target);
  g_assert_nonnull (window);
  g_assert_true (window != fixture->window);
  g_assert_true (_cb_window_busy (window));
  g_assert_cmpstr (cb_window_get_page (window), ==, "start");
  g_assert_cmpstr (cb_start_page_get_busy_text (cb_window_get_start_page (window)), ==,
                   "Importing “study.qdpx”…");
  wait_window (window);

  g_assert_null (window->dialog);
  g_assert_false (cb_start_page_get_busy (cb_window_get_start_page (window)));
  g_assert_cmpstr (cb_window_get_page (window), ==, "project");
  project = cb_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (cb_project_get_path (project), ==, expected_path);
  g_assert_true (list_shows (window, "interview-ma07"));
  g_assert_true (list_shows (window, "mag-session-2-fr"));
  /* The first document is open. */
  g_assert_cmpstr (cb_window_get_centre_page (window), ==, "transcript");
  g_assert_nonnull (cb_window_get_document_name (window));
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (window), "Red Tape / GPMI"));
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (window), "Vertrouwen"));
  documents = cb_project_list_documents (project, NULL);
  g_assert_cmpuint (documents->len, ==, 2);
  for (guint i = 0; i < documents->len; i++)
    n_codings += ((CbDocumentInfo *) g_ptr_array_index (documents, i))->n_codings;
  g_assert_cmpuint (n_codings, ==, 1);
  /* The window that asked keeps its own project. */
  g_assert_true (cb_window_get_project (fixture->window) == fixture->project);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_pump ();
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What another program's .qdpx holds and Codeboom cannot (pictures, sets,
 * variables…): the same warnings the core gives the command line, listed
 * in a dialog over the new project. */
static void
test_refi_warnings (UiFixture     *fixture,
                    gconstpointer  data)
{
  g_autofree char *qdpx = exchange_file ("lenient-unsupported.qdpx");
  g_autofree char *expected_path = g_build_filename (fixture->dir, "expected.codeboom", NULL);
  g_autofree char *target_path = g_build_filename (fixture->dir, "lenient.codeboom", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (qdpx);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(CbProject) expected = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *label;
  const char *text;

  expected = cb_refi_import_new_project_from_file (expected_path, source, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->warnings->len, >, 0);

  /* From the start page: this window runs it. */
  cb_window_close_project (fixture->window);
  fixture->project = NULL;
  g_assert_true (_cb_window_import_refi_project (fixture->window, source, target) == fixture->window);
  wait_window (fixture->window);

  g_assert_cmpstr (cb_window_get_page (fixture->window), ==, "project");
  g_assert_cmpstr (cb_project_get_path (cb_window_get_project (fixture->window)), ==, target_path);
  g_assert_nonnull (fixture->window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==, "Imported with Warnings");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "lenient-unsupported.qdpx"));
  label = find_named (adw_message_dialog_get_extra_child (fixture->window->dialog), "refi-warnings");
  g_assert_nonnull (label);
  text = gtk_label_get_text (GTK_LABEL (label));
  for (guint i = 0; i < report->warnings->len; i++)
    g_assert_nonnull (strstr (text, report->warnings->pdata[i]));
  adw_message_dialog_response (fixture->window->dialog, "close");
  ui_pump ();
}

/* A file that is no .qdpx: the core's message naming it, no project file
 * and no scratch folder left, the start page as it was. */
static void
test_refi_failure (UiFixture     *fixture,
                   gconstpointer  data)
{
  g_autofree char *qdpx = exchange_file ("hostile-not-a-zip.qdpx");
  g_autofree char *target_path = g_build_filename (fixture->dir, "hostile.codeboom", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (qdpx);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);

  cb_window_close_project (fixture->window);
  fixture->project = NULL;
  _cb_window_import_refi_project (fixture->window, source, target);
  wait_window (fixture->window);

  g_assert_cmpstr (cb_window_get_page (fixture->window), ==, "start");
  g_assert_false (cb_start_page_get_busy (cb_window_get_start_page (fixture->window)));
  g_assert_nonnull (fixture->window->dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (fixture->window->dialog), ==, "Cannot Import the Project");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (fixture->window->dialog), "hostile-not-a-zip.qdpx"));
  g_assert_false (g_file_test (target_path, G_FILE_TEST_EXISTS));
  g_assert_false (has_scratch (fixture->dir));
  adw_message_dialog_response (fixture->window->dialog, "close");
  ui_pump ();
}

/* The widget under @widget whose action is @action_name. */
static GtkWidget *
find_action_widget (GtkWidget  *widget,
                    const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_widget (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A .qdpx of @n small sources (a bare project.qde, texts inline) in @dir:
 * long enough to import that a cancel comes in the middle. */
static char *
write_many_sources (const char *dir,
                    guint       n)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Many\">"
                                         "<Sources>");
  g_autofree char *path = g_build_filename (dir, "many.qdpx", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<TextSource guid=\"%08x-0000-4000-8000-000000000000\" name=\"Doc %u\">"
                            "<PlainTextContent>I: Vraag %u?\nR: Antwoord %u.\n</PlainTextContent>"
                            "</TextSource>", i + 1, i + 1, i, i);
  g_string_append (xml, "</Sources></Project>\n");
  g_assert_true (g_file_set_contents (path, xml->str, xml->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The start page's bar shows the reader's own progress (per source, not
 * a pulse), and its Cancel (win.cancel-job) stops the reader in the
 * middle: the bar never reaches the end, no project is left and the start
 * page is usable again. */
static void
test_refi_cancel (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autofree char *qdpx = write_many_sources (fixture->dir, 20000);
  g_autofree char *target_path = g_build_filename (fixture->dir, "cancelled.codeboom", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (qdpx);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autofree char *wal = g_strconcat (target_path, "-wal", NULL);
  CbStartPage *start_page = cb_window_get_start_page (fixture->window);
  GtkWidget *import_button, *cancel_button;

  cb_window_close_project (fixture->window);
  fixture->project = NULL;
  ui_pump ();
  /* The start page offers the import; while it runs, its Cancel instead. */
  import_button = find_action_widget (GTK_WIDGET (start_page), "win.import-refi-project");
  cancel_button = find_action_widget (GTK_WIDGET (start_page), "win.cancel-job");
  g_assert_nonnull (import_button);
  g_assert_nonnull (cancel_button);
  g_assert_true (gtk_widget_is_sensitive (import_button));
  g_assert_false (gtk_widget_is_visible (cancel_button));
  _cb_window_import_refi_project (fixture->window, source, target);
  g_assert_true (cb_start_page_get_busy (start_page));
  g_assert_false (gtk_widget_is_sensitive (import_button));
  g_assert_true (gtk_widget_is_visible (cancel_button));
  g_assert_true (gtk_widget_is_sensitive (cancel_button));
  /* the first source's report: the first pass is done, the sources begin */
  {
    gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

    while (cb_start_page_get_fraction (start_page) < 0.05 && _cb_window_busy (fixture->window) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_true (_cb_window_busy (fixture->window));
  g_assert_cmpfloat (cb_start_page_get_fraction (start_page), >=, 0.05);
  g_assert_nonnull (strstr (cb_start_page_get_busy_text (start_page), "of 20000"));
  g_signal_emit_by_name (cancel_button, "clicked");
  wait_window (fixture->window);
  g_assert_true (gtk_widget_is_sensitive (import_button));
  /* stopped early: far from the last of the 20,000 sources */
  g_assert_cmpfloat (cb_start_page_get_fraction (start_page), <, 0.5);

  g_assert_cmpstr (cb_window_get_page (fixture->window), ==, "start");
  g_assert_null (fixture->window->dialog);
  g_assert_false (cb_start_page_get_busy (cb_window_get_start_page (fixture->window)));
  g_assert_false (g_file_test (target_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_false (has_scratch (fixture->dir));
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/import/skip-bad-one-undo-step", test_skip_bad);
  UI_TEST ("/ui/import/name-clash-refused", test_name_clash);
  UI_TEST ("/ui/import/cancel", test_cancel);
  UI_TEST ("/ui/import/refi-project", test_refi_project);
  UI_TEST ("/ui/import/refi-warnings", test_refi_warnings);
  UI_TEST ("/ui/import/refi-failure", test_refi_failure);
  UI_TEST ("/ui/import/refi-cancel", test_refi_cancel);

  return g_test_run ();
}
