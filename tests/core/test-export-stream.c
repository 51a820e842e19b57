/* test-export-stream.c: the streaming writers give what the in-memory writers gave
 *
 * tests/data/golden/ holds a project made from the real corpus (three
 * transcripts, the red-tape codebook, codings by two coders) and its
 * exports as written by the in-memory writers before the streaming ones
 * replaced them (make-golden.py).  The streamed quotes XML must be the
 * same bytes; the streamed .qdpx the same members, in the same order, with
 * the same bytes (the zip container itself differs: sizes unknown while
 * streaming are written as zip64 data descriptors).  A failed streamed
 * export leaves nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>

#include "cb-core.h"
#include "cb-export-xml.h"
#include "cb-refi-export.h"

typedef struct
{
  char      *dir;
  CbProject *project;
} Fixture;

static char *
golden_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "golden", name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = golden_path ("corpus.codeboom");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* the generated times of the goldens */
  g_setenv ("SOURCE_DATE_EPOCH", "1710412200", TRUE);

  fixture->dir = g_dir_make_tmp ("codeboom-test-stream-XXXXXX", &error);
  g_assert_no_error (error);
  /* a copy: opening a project may write beside it */
  path = g_build_filename (fixture->dir, "corpus.codeboom", NULL);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  fixture->project = cb_project_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->project);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* Nothing in the folder but the project (and SQLite's companions) and @expected. */
static void
assert_only_files (Fixture    *fixture,
                   const char *expected)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (!g_str_has_prefix (name, "corpus.codeboom") && g_strcmp0 (name, expected) != 0)
      g_error ("left behind: %s", name);
}

static void
check_quotes (Fixture    *fixture,
              const char *code_path,
              const char *golden)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "quotes.xml", NULL);
  g_autofree char *golden_file = golden_path (golden);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) streamed = NULL;
  g_autoptr(GBytes) expected = read_file (golden_file);
  g_autoptr(GBytes) in_memory = NULL;

  g_assert_true (cb_export_quotes_to_file (fixture->project, code_path,
                                           CB_EXPORT_QUOTES_WITH_EMPTY_CODES, file, &error));
  g_assert_no_error (error);
  streamed = read_file (path);
  g_assert_cmpuint (g_bytes_get_size (streamed), ==, g_bytes_get_size (expected));
  g_assert_true (g_bytes_equal (streamed, expected));
  assert_only_files (fixture, "quotes.xml");

  /* the in-memory form (for the quote lists) is the same document */
  in_memory = cb_export_quotes_full (fixture->project, code_path,
                                     CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (in_memory, expected));

  /* and so is the one streamed to any GOutputStream (retrieve --format xml) */
  {
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr(GBytes) to_stream = NULL;

    g_assert_true (cb_export_quotes_to_stream (fixture->project, code_path, CB_EXPORT_QUOTES_WITH_EMPTY_CODES,
                                               NULL, memory, &error));
    g_assert_no_error (error);
    g_assert_true (g_output_stream_close (memory, NULL, &error));
    to_stream = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
    g_assert_true (g_bytes_equal (to_stream, expected));
  }
}

static void
test_quotes_all (Fixture       *fixture,
                 gconstpointer  user_data)
{
  check_quotes (fixture, NULL, "quotes-all.xml");
}

static void
test_quotes_code (Fixture       *fixture,
                  gconstpointer  user_data)
{
  check_quotes (fixture, "Generalistisch werken", "quotes-code.xml");
}

/* Every member of @a and @b: same names, same order, same bytes. */
static void
assert_same_members (const char *a,
                     const char *b)
{
  int code = 0;
  zip_t *za = zip_open (a, ZIP_RDONLY | ZIP_CHECKCONS, &code);
  zip_t *zb = zip_open (b, ZIP_RDONLY | ZIP_CHECKCONS, &code);
  zip_int64_t n;

  g_assert_nonnull (za);
  g_assert_nonnull (zb);
  n = zip_get_num_entries (za, 0);
  g_assert_cmpint (n, >, 3);
  g_assert_cmpint (n, ==, zip_get_num_entries (zb, 0));
  for (zip_int64_t i = 0; i < n; i++)
    {
      zip_stat_t sa, sb;
      g_autofree guint8 *da = NULL;
      g_autofree guint8 *db = NULL;
      zip_file_t *fa, *fb;

      g_assert_cmpint (zip_stat_index (za, i, 0, &sa), ==, 0);
      g_assert_cmpint (zip_stat_index (zb, i, 0, &sb), ==, 0);
      g_assert_cmpstr (sa.name, ==, sb.name);
      g_assert_cmpuint (sa.size, ==, sb.size);
      g_assert_cmpuint (sa.crc, ==, sb.crc);
      da = g_malloc (sa.size + 1);
      db = g_malloc (sb.size + 1);
      fa = zip_fopen_index (za, i, 0);
      fb = zip_fopen_index (zb, i, 0);
      g_assert_cmpint (zip_fread (fa, da, sa.size), ==, (zip_int64_t) sa.size);
      g_assert_cmpint (zip_fread (fb, db, sb.size), ==, (zip_int64_t) sb.size);
      zip_fclose (fa);
      zip_fclose (fb);
      g_assert_cmpmem (da, sa.size, db, sb.size);
    }
  zip_close (za);
  zip_close (zb);
}

static void
test_qdpx (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "project.qdpx", NULL);
  g_autofree char *golden = golden_path ("corpus.qdpx");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) in_memory = NULL;
  g_autoptr(GBytes) expected = read_file (golden);

  g_assert_true (cb_refi_export_project_to_file (fixture->project, CB_REFI_EXPORT_ANONYMOUS, file, &error));
  g_assert_no_error (error);
  assert_only_files (fixture, "project.qdpx");
  assert_same_members (path, golden);

  /* the in-memory archive is still byte for byte the one it was */
  in_memory = cb_refi_export_project (fixture->project, CB_REFI_EXPORT_ANONYMOUS, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (in_memory, expected));
}

/* A streamed export that fails leaves the old file as it was and no part
 * file beside it. */
static void
test_failure_leaves_nothing (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "quotes.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = NULL;
  g_autofree char *contents = NULL;

  g_assert_false (cb_export_quotes_to_file (fixture->project, "No such code", 0, file, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_only_files (fixture, NULL);

  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  g_assert_false (cb_export_quotes_to_file (fixture->project, "No such code", 0, file, &error));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, "old");
  assert_only_files (fixture, "quotes.xml");

  /* a folder that does not exist: an error, not a crash */
  nowhere = g_file_new_build_filename (fixture->dir, "missing", "p.qdpx", NULL);
  g_assert_false (cb_refi_export_project_to_file (fixture->project, CB_REFI_EXPORT_NONE, nowhere, &error));
  g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-stream/quotes-all", Fixture, NULL, fixture_set_up, test_quotes_all, fixture_tear_down);
  g_test_add ("/export-stream/quotes-code", Fixture, NULL, fixture_set_up, test_quotes_code, fixture_tear_down);
  g_test_add ("/export-stream/qdpx", Fixture, NULL, fixture_set_up, test_qdpx, fixture_tear_down);
  g_test_add ("/export-stream/failure-leaves-nothing", Fixture, NULL, fixture_set_up,
              test_failure_leaves_nothing, fixture_tear_down);

  return g_test_run ();
}
