/* test-window-import.c: the window imports through the core's one import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

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

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/import/skip-bad-one-undo-step", test_skip_bad);
  UI_TEST ("/ui/import/name-clash-refused", test_name_clash);
  UI_TEST ("/ui/import/cancel", test_cancel);

  return g_test_run ();
}
