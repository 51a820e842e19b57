/* test-progress.c: coding all search hits reports its progress and can be
 * cancelled without coding anything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"
#include "cb-export-xml.h"
#include "cb-refi-export.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

typedef struct
{
  GArray       *fractions;
  GPtrArray    *messages;
  GCancellable *cancel_after_first;    /* cancelled from inside the callback */
} Recorder;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *texts[] = { "Een fiets.\n\nEen auto.", "Nog een fiets.", "Geen fiets hier." };
  const char *names[] = { "Anna", "Bert", "Carla" };

  f->dir = g_dir_make_tmp ("cb-test-progress-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "progress.codeboom", NULL);
  f->project = cb_project_create (f->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (f->project, "tester");
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gint64 id = cb_project_add_document (f->project, names[i], texts[i], "test.txt", NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_clear_object (&f->project);
  g_unlink (f->path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
record_progress (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  Recorder *r = user_data;

  g_array_append_val (r->fractions, fraction);
  g_ptr_array_add (r->messages, g_strdup (message));
  if (r->cancel_after_first != NULL)
    g_cancellable_cancel (r->cancel_after_first);
}

static void
test_code_hits_progress (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cb_search_find (f->project, "fiets", NULL, NULL, &error);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) segments = NULL;
  Recorder r = { fractions, messages, NULL };
  guint n_coded = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 3);

  g_assert_true (cb_search_code_hits_full (f->project, hits, "Fiets", CB_SEARCH_EXTEND_SENTENCE,
                                           record_progress, &r, cancellable,
                                           &n_coded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coded, ==, 3);

  /* one call per document, then saving, ending at exactly 1 */
  g_assert_cmpuint (fractions->len, ==, 5);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  g_assert_nonnull (strstr (messages->pdata[0], "Anna"));
  g_assert_nonnull (strstr (messages->pdata[0], "1"));
  g_assert_nonnull (strstr (messages->pdata[2], "Carla"));

  segments = cb_project_retrieve (f->project, "Fiets", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 3);
}

static void
test_code_hits_cancel (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cb_search_find (f->project, "fiets", NULL, NULL, &error);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CbCodeInfo) code = NULL;
  Recorder r = { fractions, messages, cancellable };
  guint n_coded = 99;

  g_assert_no_error (error);
  g_assert_false (cb_search_code_hits_full (f->project, hits, "Fiets", CB_SEARCH_EXTEND_HIT,
                                            record_progress, &r, cancellable,
                                            &n_coded, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (fractions->len, ==, 1);

  /* nothing coded, not even the code created, and no undo step */
  code = cb_project_get_code (f->project, "Fiets", &error);
  g_assert_null (code);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

/* Codes every "fiets" so that the exports have quotes in all three documents. */
static void
code_fiets (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = cb_search_find (f->project, "fiets", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (cb_search_code_hits (f->project, hits, "Fiets", CB_SEARCH_EXTEND_HIT,
                                      NULL, NULL, &error));
  g_assert_no_error (error);
}

typedef gboolean (*ExportFunc) (CbProject *project, GFile *file, CbProgressFunc progress,
                                gpointer progress_data, GCancellable *cancellable, GError **error);

static gboolean
export_quotes (CbProject *project, GFile *file, CbProgressFunc progress,
               gpointer progress_data, GCancellable *cancellable, GError **error)
{
  return cb_export_quotes_to_file_full (project, NULL, 0, file, progress, progress_data,
                                        cancellable, error);
}

static gboolean
export_refi (CbProject *project, GFile *file, CbProgressFunc progress,
             gpointer progress_data, GCancellable *cancellable, GError **error)
{
  return cb_refi_export_project_to_file_full (project, 0, file, progress, progress_data,
                                              cancellable, error);
}

static void
test_export_progress (Fixture       *f,
                      gconstpointer  data)
{
  ExportFunc export = (ExportFunc) data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "out", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GDir) dir = NULL;
  Recorder r = { fractions, messages, NULL };
  guint n_carla = 0;

  code_fiets (f);
  g_assert_true (export (f->project, file, record_progress, &r, cancellable, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpuint (fractions->len, >=, 4);
  g_assert_cmpfloat (g_array_index (fractions, double, 0), ==, 0.0);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
  for (guint i = 0; i < messages->len; i++)
    if (strstr (messages->pdata[i], "Carla") != NULL)
      {
        g_assert_nonnull (strstr (messages->pdata[i], "3"));
        n_carla++;
      }
  g_assert_cmpuint (n_carla, >=, 1);
  g_unlink (path);

  /* cancelled after the first document: no file, and no part file left */
  g_ptr_array_set_size (messages, 0);
  g_array_set_size (fractions, 0);
  r.cancel_after_first = cancellable;
  g_assert_false (export (f->project, file, record_progress, &r, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fractions->len, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (f->dir, 0, NULL);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    g_assert_true (g_str_has_prefix (name, "progress.codeboom"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/progress/code-hits", Fixture, NULL, fixture_set_up, test_code_hits_progress, fixture_tear_down);
  g_test_add ("/progress/code-hits-cancel", Fixture, NULL, fixture_set_up, test_code_hits_cancel, fixture_tear_down);

  g_test_add ("/progress/export-quotes", Fixture, export_quotes, fixture_set_up, test_export_progress, fixture_tear_down);
  g_test_add ("/progress/export-refi", Fixture, export_refi, fixture_set_up, test_export_progress, fixture_tear_down);

  return g_test_run ();
}
