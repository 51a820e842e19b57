/* test-import-project.c: cb_project_import(): all or nothing, or the good
 * files with the bad ones reported; progress, cancelling, the async variant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"

typedef struct
{
  char      *dir;
  CbProject *project;
} Fixture;

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cb-import-project-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "p.codeboom", NULL);
  fixture->project = cb_project_create (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->project);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      if (g_remove (path) != 0)
        g_rmdir (path);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
}

static guint
count_documents (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = cb_project_list_documents (project, &error);

  g_assert_no_error (error);
  return documents->len;
}

/* Two good files, one that is not text, a folder and a name the project
 * already has. */
static GPtrArray *
mixed_files (Fixture *fixture)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.txt", NULL);
  g_autoptr(GError) error = NULL;

  cb_project_add_document (fixture->project, "taken", "already here\n", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  g_ptr_array_add (files, write_file (fixture, "one.txt", "I: Hallo.\nR: Dag.\n", -1));
  g_ptr_array_add (files, write_file (fixture, "bad.txt", "\0\0\0\xff\xfe\0binary", 13));
  g_ptr_array_add (files, g_file_new_for_path (folder));
  g_ptr_array_add (files, write_file (fixture, "taken.txt", "same name\n", -1));
  g_ptr_array_add (files, write_file (fixture, "two.md", "Twee.\n", -1));
  return files;
}

static void
test_all_or_nothing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) files = mixed_files (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;

  report = cb_project_import (fixture->project, (GFile **) files->pdata, files->len, NULL, NULL,
                              CB_IMPORT_ALL_OR_NOTHING, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_cmpuint (count_documents (fixture->project), ==, 1);
}

static void
test_skip_bad (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) files = mixed_files (fixture);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *label = NULL;
  g_autofree char *undone = NULL;
  const char *bad[] = { "bad.txt", "folder.txt", "taken.txt" };

  report = cb_project_import (fixture->project, (GFile **) files->pdata, files->len, NULL, NULL,
                              CB_IMPORT_SKIP_BAD, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);

  g_assert_cmpuint (report->imported->len, ==, 2);
  g_assert_cmpuint (report->ids->len, ==, 2);
  g_assert_cmpuint (report->failures->len, ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      CbImportFailure *failure = report->failures->pdata[i];
      g_autofree char *basename = g_file_get_basename (failure->file);

      g_assert_cmpstr (basename, ==, bad[i]);
      g_assert_nonnull (strstr (failure->error->message, bad[i]));
    }
  g_assert_true (g_error_matches (((CbImportFailure *) report->failures->pdata[2])->error,
                                  CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS));
  g_assert_cmpuint (count_documents (fixture->project), ==, 3);

  /* the good files are one undo step */
  label = cb_project_dup_undo_label (fixture->project);
  undone = cb_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, label);
  g_assert_cmpuint (count_documents (fixture->project), ==, 1);
}

static void
test_skip_bad_with_nothing_good (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = write_file (fixture, "bad.txt", "\0\0\0\xff\xfe\0binary", 13);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *before = cb_project_dup_undo_label (fixture->project);
  g_autofree char *after = NULL;

  report = cb_project_import (fixture->project, &file, 1, NULL, NULL, CB_IMPORT_SKIP_BAD,
                              NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->imported->len, ==, 0);
  g_assert_cmpuint (report->failures->len, ==, 1);
  after = cb_project_dup_undo_label (fixture->project);
  g_assert_cmpstr (after, ==, before);   /* no empty undo step */
}

typedef struct
{
  GArray    *fractions;
  GPtrArray *messages;
  GThread   *thread;
} Progress;

static void
record_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  Progress *progress = user_data;

  g_assert_true (progress->thread == NULL || progress->thread == g_thread_self ());
  g_array_append_val (progress->fractions, fraction);
  g_ptr_array_add (progress->messages, g_strdup (message));
}

static void
check_progress (Progress *progress,
                guint     n_files)
{
  g_assert_cmpuint (progress->fractions->len, >=, n_files + 1);
  for (guint i = 1; i < progress->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (progress->fractions, double, i), >=,
                       g_array_index (progress->fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (progress->fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (progress->fractions, double, progress->fractions->len - 1), ==, 1.0);
  g_assert_nonnull (strstr (progress->messages->pdata[0], "one.txt"));
  g_assert_nonnull (strstr (progress->messages->pdata[0], "1"));
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) one = write_file (fixture, "one.txt", "Een.\n", -1);
  g_autoptr(GFile) two = write_file (fixture, "two.txt", "Twee.\n", -1);
  GFile *files[] = { one, two };
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)),
                        g_ptr_array_new_with_free_func (g_free), g_thread_self () };
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;

  report = cb_project_import (fixture->project, files, 2, NULL, NULL, CB_IMPORT_ALL_OR_NOTHING,
                              record_progress, &progress, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->ids->len, ==, 2);
  check_progress (&progress, 2);

  g_array_unref (progress.fractions);
  g_ptr_array_unref (progress.messages);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GFile) one = write_file (fixture, "one.txt", "Een.\n", -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;

  g_cancellable_cancel (cancellable);
  report = cb_project_import (fixture->project, &one, 1, NULL, NULL, CB_IMPORT_SKIP_BAD,
                              NULL, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_documents (fixture->project), ==, 0);
}

static void
cancel_when_saving (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  if (fraction >= 0.5)   /* one file: read at 0, saved from 0.5 */
    g_cancellable_cancel (user_data);
}

static void
test_cancelled_while_saving (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GFile) one = write_file (fixture, "one.txt", "Een.\n", -1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *before = cb_project_dup_undo_label (fixture->project);
  g_autofree char *after = NULL;

  report = cb_project_import (fixture->project, &one, 1, NULL, NULL, CB_IMPORT_ALL_OR_NOTHING,
                              cancel_when_saving, cancellable, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_documents (fixture->project), ==, 0);
  after = cb_project_dup_undo_label (fixture->project);
  g_assert_cmpstr (after, ==, before);

  /* the project is usable afterwards, and the cancellable no longer bound */
  g_clear_error (&error);
  g_clear_pointer (&report, cb_import_report_free);
  report = cb_project_import (fixture->project, &one, 1, NULL, NULL, CB_IMPORT_ALL_OR_NOTHING,
                              NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_documents (fixture->project), ==, 1);
}

typedef struct
{
  GMainLoop      *loop;
  CbImportReport *report;
  GError         *error;
} AsyncResult;

static void
import_done (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *done = user_data;

  done->report = cb_project_import_files_finish (CB_PROJECT (object), result, &done->error);
  g_main_loop_quit (done->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) files = mixed_files (fixture);
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)),
                        g_ptr_array_new_with_free_func (g_free), g_thread_self () };
  AsyncResult done = { g_main_loop_new (NULL, FALSE), NULL, NULL };

  cb_project_import_files_async (fixture->project, (GFile **) files->pdata, files->len, NULL,
                                 CB_IMPORT_SKIP_BAD, record_progress, &progress, NULL,
                                 import_done, &done);
  g_main_loop_run (done.loop);

  g_assert_no_error (done.error);
  g_assert_cmpuint (done.report->imported->len, ==, 2);
  g_assert_cmpuint (done.report->failures->len, ==, 3);
  g_assert_cmpuint (count_documents (fixture->project), ==, 3);
  check_progress (&progress, files->len);

  cb_import_report_free (done.report);
  g_main_loop_unref (done.loop);
  g_array_unref (progress.fractions);
  g_ptr_array_unref (progress.messages);
}

/* Past the memory an import holds before its transaction (24 MiB), files
 * are decoded inside it: a bad one there still leaves the project as it
 * was, or is left out, and the texts stored are whole. */
static GPtrArray *
files_past_the_budget (Fixture *fixture,
                       GString *big)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  /* 13 MiB each, held as text and source: the second is past the budget */
  while (big->len < 13 * 1024 * 1024)
    g_string_append (big, "R: Dag 😀, cafe\u0301 en één.\n");
  g_ptr_array_add (files, write_file (fixture, "big1.txt", big->str, big->len));
  g_ptr_array_add (files, write_file (fixture, "big2.txt", big->str, big->len));
  g_ptr_array_add (files, write_file (fixture, "bad.txt", "\0\0\0\xff\xfe\0binary", 13));
  g_ptr_array_add (files, write_file (fixture, "small.txt", "I: Hallo.\n", -1));
  return files;
}

static void
test_past_the_budget (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GPtrArray) files = files_past_the_budget (fixture, big);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportReport) report = NULL;
  g_autofree char *normalized = cb_text_normalize (big->str, big->len);

  report = cb_project_import (fixture->project, (GFile **) files->pdata, files->len, NULL, NULL,
                              CB_IMPORT_ALL_OR_NOTHING, NULL, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.txt"));
  g_assert_cmpuint (count_documents (fixture->project), ==, 0);
  g_clear_error (&error);

  report = cb_project_import (fixture->project, (GFile **) files->pdata, files->len, NULL, NULL,
                              CB_IMPORT_SKIP_BAD, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->ids->len, ==, 3);
  g_assert_cmpuint (report->imported->len, ==, 3);
  g_assert_cmpuint (report->failures->len, ==, 1);
  g_assert_nonnull (strstr (((CbImportFailure *) report->failures->pdata[0])->error->message, "bad.txt"));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = cb_project_dup_document_text (fixture->project,
                                                            g_array_index (report->ids, gint64, i),
                                                            NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (text), ==, strlen (normalized));
      g_assert_true (strcmp (text, normalized) == 0);
      g_assert_null (((CbImportedText *) report->imported->pdata[i])->text);
    }
  g_assert_cmpuint (count_documents (fixture->project), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-project/all-or-nothing", test_all_or_nothing);
  ADD ("/import-project/skip-bad", test_skip_bad);
  ADD ("/import-project/skip-bad-with-nothing-good", test_skip_bad_with_nothing_good);
  ADD ("/import-project/progress", test_progress);
  ADD ("/import-project/cancelled", test_cancelled);
  ADD ("/import-project/cancelled-while-saving", test_cancelled_while_saving);
  ADD ("/import-project/async", test_async);
  ADD ("/import-project/past-the-budget", test_past_the_budget);
#undef ADD

  return g_test_run ();
}
