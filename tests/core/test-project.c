/* test-project.c: documents, the code tree, codings, transactions and undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cb-core.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

#define INTERVIEW "I: Hoe begon het?\nR: \xc3\x89\xc3\xa9n keer per week \xf0\x9f\x98\x80 kwamen we samen.\nI: En daarna?\nR: Een keer per maand.\n"

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("codeboom-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.codeboom", NULL);
  fixture->project = cb_project_create (fixture->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (fixture->project, "tester");

  g_assert_cmpint (cb_project_add_document (fixture->project, "interview", INTERVIEW, "interview.txt", NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_object (&fixture->project);
  g_remove (fixture->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* "path own total" lines of the whole tree, for compact assertions. */
static char *
tree_of (CbProject *project)
{
  g_autoptr(GPtrArray) codes = cb_project_list_codes (project, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (codes);
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      g_string_append_printf (out, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n",
                              code->path, code->n_codings, code->n_codings_total);
    }
  return g_string_free (out, FALSE);
}

static void
assert_check_ok (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_tree_add_rename_move (Fixture       *fixture,
                           gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *tree = NULL;

  g_assert_cmpint (cb_project_add_code (project, "Red Tape / Externe Red Tape / GPMI", "#ff0000", "Definitie", &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (project, "  Red Tape / Interne  ", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (project, "Steun / 1/2 dag", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  tree = tree_of (project);
  g_assert_cmpstr (tree, ==,
                   "Red Tape 0 0\n"
                   "Red Tape / Externe Red Tape 0 0\n"
                   "Red Tape / Externe Red Tape / GPMI 0 0\n"
                   "Red Tape / Interne 0 0\n"
                   "Steun 0 0\n"
                   "Steun / 1/2 dag 0 0\n");

  /* the same path twice, an empty level, " / " inside a name */
  g_assert_cmpint (cb_project_add_code (project, "Red Tape / Interne", NULL, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_add_code (project, "Red Tape /  / X", NULL, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_code (project, "Steun", "A / B", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_add_code (project, "Kleur", "red", NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* rename onto a sibling's name fails; to a fresh one works */
  g_assert_false (cb_project_rename_code (project, "Red Tape / Interne", "Externe Red Tape", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (cb_project_rename_code (project, "Red Tape / Interne", "Interne Red Tape", &error));
  g_assert_no_error (error);

  /* move to the top at position 0, then under its old sibling */
  g_assert_true (cb_project_move_code (project, "Red Tape / Interne Red Tape", "", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==,
                   "Interne Red Tape 0 0\n"
                   "Red Tape 0 0\n"
                   "Red Tape / Externe Red Tape 0 0\n"
                   "Red Tape / Externe Red Tape / GPMI 0 0\n"
                   "Steun 0 0\n"
                   "Steun / 1/2 dag 0 0\n");

  /* a code cannot go under itself or its descendants */
  g_assert_false (cb_project_move_code (project, "Red Tape", "Red Tape / Externe Red Tape", -1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cb_project_move_code (project, "Steun", "Red Tape", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==,
                   "Interne Red Tape 0 0\n"
                   "Red Tape 0 0\n"
                   "Red Tape / Steun 0 0\n"
                   "Red Tape / Steun / 1/2 dag 0 0\n"
                   "Red Tape / Externe Red Tape 0 0\n"
                   "Red Tape / Externe Red Tape / GPMI 0 0\n");
  assert_check_ok (project);
}

static void
test_codings_offsets_and_quotes (Fixture       *fixture,
                                 gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  gboolean created = FALSE;
  gint64 start = 0;
  gint64 end = 0;

  cb_project_add_code (project, "Samen / Ritme", NULL, NULL, &error);
  g_assert_no_error (error);

  /* "Één keer per week 😀" starts at 21 and the emoji is one code point */
  g_assert_cmpint (cb_project_apply_quote (project, "interview", "Samen / Ritme",
                                           "\xc3\x89\xc3\xa9n keer per week \xf0\x9f\x98\x80",
                                           0, &start, &end, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, 21);
  g_assert_cmpint (end, ==, 40);

  /* the same again by the same coder is a no-op */
  g_assert_cmpint (cb_project_apply (project, "interview", "Samen / Ritme", 21, 40, &created, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (created);

  /* a quote in decomposed form matches the NFC text */
  g_assert_cmpint (cb_project_apply_quote (project, "interview", "Samen",
                                           "E\xcc\x81" "e\xcc\x81n keer", 0, &start, &end, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, 21);

  /* "keer per" occurs twice: ambiguous without an occurrence */
  g_assert_cmpint (cb_project_apply_quote (project, "interview", "Samen", "keer per", 0, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_AMBIGUOUS);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_apply_quote (project, "interview", "Samen", "keer per", 2, &start, &end, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, 79);
  g_assert_cmpint (cb_project_apply_quote (project, "interview", "Samen", "keer per", 3, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* spans out of range */
  g_assert_cmpint (cb_project_apply (project, "interview", "Samen", 5, 5, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_apply (project, "interview", "Samen", 0, 1000, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_apply (project, "nobody", "Samen", 0, 1, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* retrieval: with descendants by default, in document order, exact texts */
  segments = cb_project_retrieve (project, "Samen", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 3);
  g_assert_cmpstr (((CbSegment *) segments->pdata[0])->text, ==, "\xc3\x89\xc3\xa9n keer");
  g_assert_cmpstr (((CbSegment *) segments->pdata[0])->code_path, ==, "Samen");
  g_assert_cmpstr (((CbSegment *) segments->pdata[1])->text, ==, "\xc3\x89\xc3\xa9n keer per week \xf0\x9f\x98\x80");
  g_assert_cmpstr (((CbSegment *) segments->pdata[1])->code_path, ==, "Samen / Ritme");
  g_assert_cmpstr (((CbSegment *) segments->pdata[1])->coder, ==, "tester");
  g_assert_cmpstr (((CbSegment *) segments->pdata[2])->text, ==, "keer per");
  g_clear_pointer (&segments, g_ptr_array_unref);

  segments = cb_project_retrieve (project, "Samen", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);
  g_clear_pointer (&segments, g_ptr_array_unref);

  g_assert_true (cb_project_unapply (project, "interview", "Samen / Ritme", 21, 40, &error));
  g_assert_no_error (error);
  g_assert_false (cb_project_unapply (project, "interview", "Samen / Ritme", 21, 40, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  assert_check_ok (project);
}

static void
test_merge_semantics (Fixture       *fixture,
                      gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *tree = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  cb_project_add_code (project, "A / Kind", NULL, NULL, &error);
  cb_project_add_code (project, "A / Gedeeld / Diep", NULL, NULL, &error);
  cb_project_add_code (project, "B / Gedeeld", NULL, NULL, &error);
  cb_project_add_code (project, "C", NULL, NULL, &error);
  g_assert_no_error (error);

  /* a duplicate (same span, same coder) and a distinct coding */
  cb_project_apply (project, "interview", "A", 0, 5, NULL, &error);
  cb_project_apply (project, "interview", "B", 0, 5, NULL, &error);
  cb_project_apply (project, "interview", "A", 6, 10, NULL, &error);
  cb_project_apply (project, "interview", "A / Gedeeld", 1, 3, NULL, &error);
  cb_project_apply (project, "interview", "B / Gedeeld", 1, 3, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (cb_project_merge_codes (project, "A", "A / Kind", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_merge_codes (project, "A", "A", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cb_project_merge_codes (project, "A", "B", &error));
  g_assert_no_error (error);

  /* A's codings moved (the duplicate collapsed), its children moved, and a
   * child B already had (Gedeeld) merged into B's own, with its subtree */
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==,
                   "B 2 3\n"
                   "B / Gedeeld 1 1\n"
                   "B / Gedeeld / Diep 0 0\n"
                   "B / Kind 0 0\n"
                   "C 0 0\n");

  segments = cb_project_retrieve (project, "B", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);

  /* merging a child into its parent: its children move up */
  g_assert_true (cb_project_merge_codes (project, "B / Gedeeld", "B", &error));
  g_assert_no_error (error);
  g_clear_pointer (&tree, g_free);
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==,
                   "B 3 3\n"
                   "B / Kind 0 0\n"
                   "B / Diep 0 0\n"
                   "C 0 0\n");
  assert_check_ok (project);
}

static void
test_delete_cascades (Fixture       *fixture,
                      gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *tree = NULL;

  cb_project_add_code (project, "X / Y", NULL, NULL, &error);
  cb_project_add_code (project, "Z", NULL, NULL, &error);
  cb_project_apply (project, "interview", "X / Y", 0, 3, NULL, &error);
  cb_project_apply (project, "interview", "Z", 0, 3, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (cb_project_delete_code (project, "X", &error));
  g_assert_no_error (error);
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==, "Z 1 1\n");

  g_assert_true (cb_project_delete_document (project, "interview", &error));
  g_assert_no_error (error);
  documents = cb_project_list_documents (project, &error);
  g_assert_cmpuint (documents->len, ==, 0);
  g_clear_pointer (&tree, g_free);
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==, "Z 0 0\n");
  assert_check_ok (project);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  g_autofree char *label = NULL;
  g_autoptr(CbProject) reopened = NULL;

  cb_project_add_code (project, "P / Q", "#00FF00", "def", &error);
  cb_project_apply (project, "interview", "P / Q", 0, 4, NULL, &error);
  cb_project_apply (project, "interview", "P", 2, 8, NULL, &error);
  g_assert_no_error (error);

  before = tree_of (project);
  g_assert_true (cb_project_delete_code (project, "P", &error));
  after = tree_of (project);
  g_assert_cmpstr (after, ==, "");

  /* undo survives closing the project: the journal is in the file */
  g_clear_object (&fixture->project);
  reopened = cb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  label = cb_project_dup_undo_label (reopened);
  g_assert_cmpstr (label, ==, "Delete code “P”");
  g_clear_pointer (&label, g_free);

  label = cb_project_undo (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Delete code “P”");
  g_clear_pointer (&label, g_free);
  again = tree_of (reopened);
  g_assert_cmpstr (again, ==, before);
  assert_check_ok (reopened);

  label = cb_project_redo (reopened, &error);
  g_assert_no_error (error);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&again, g_free);
  again = tree_of (reopened);
  g_assert_cmpstr (again, ==, "");

  /* undo everything back to the empty tree, then nothing is left to undo
   * but the import of the document */
  for (guint i = 0; i < 4; i++)
    {
      label = cb_project_undo (reopened, &error);
      g_assert_no_error (error);
      g_clear_pointer (&label, g_free);
    }
  g_clear_pointer (&again, g_free);
  again = tree_of (reopened);
  g_assert_cmpstr (again, ==, "");
  label = cb_project_dup_undo_label (reopened);
  g_assert_cmpstr (label, ==, "Add document “interview”");
  g_clear_pointer (&label, g_free);

  /* a new action drops the redo history */
  cb_project_add_code (reopened, "New", NULL, NULL, &error);
  g_assert_no_error (error);
  label = cb_project_redo (reopened, &error);
  g_assert_null (label);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOTHING_TO_UNDO);
  assert_check_ok (reopened);
}

static void
test_apply_creating_is_one_step (Fixture       *fixture,
                                 gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCodeInfo) code = NULL;
  g_autofree char *label = NULL;
  g_autofree char *tree = NULL;
  gboolean created = FALSE;

  /* plain apply refuses an unknown code; apply_creating makes it */
  g_assert_cmpint (cb_project_apply (project, "interview", "Nieuw / In vivo", 0, 4, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (cb_project_apply_creating (project, "interview", "Nieuw / In vivo", 0, 4, &created, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (created);
  cb_project_apply (project, "interview", "Nieuw", 5, 9, NULL, &error);
  g_assert_no_error (error);

  code = cb_project_get_code (project, "Nieuw", &error);
  g_assert_no_error (error);
  g_assert_cmpint (code->n_codings, ==, 1);
  g_assert_cmpint (code->n_codings_total, ==, 2);
  g_assert_cmpstr (code->path, ==, "Nieuw");

  label = cb_project_undo (project, &error);
  g_clear_pointer (&label, g_free);
  label = cb_project_undo (project, &error);
  g_assert_no_error (error);
  /* one step took both the code and its coding */
  tree = tree_of (project);
  g_assert_cmpstr (tree, ==, "");
}

static void
test_original_bytes_kept (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) utf8 = g_file_new_build_filename (g_test_get_dir (G_TEST_DIST), "data", "corpus", "interview-ma07.txt", NULL);
  g_autoptr(GFile) cp1252 = g_file_new_build_filename (g_test_get_dir (G_TEST_DIST), "data", "corpus", "interview-hma02-cp1252-crlf.txt", NULL);
  GFile *files[] = { utf8, cp1252 };

  g_assert_true (cb_project_import_files (fixture->project, files, 2, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* both give back their exact original bytes, whether the project keeps
   * a separate copy (windows-1252, CRLF) or the text is the original */
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *basename = g_file_get_basename (files[i]);
      g_autofree char *stem = g_strndup (basename, strlen (basename) - 4);
      g_autoptr(CbDocumentInfo) info = cb_project_get_document (fixture->project, stem, &error);
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GBytes) expected = g_file_load_bytes (files[i], NULL, NULL, &error);
      g_autofree char *sha256 = NULL;

      g_assert_no_error (error);
      original = cb_project_dup_document_source (fixture->project, info->id, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (original, expected));
      sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, expected);
      g_assert_cmpstr (info->source_sha256, ==, sha256);
    }
}

static char *
dump_tables (const char *path)
{
  static const char * const tables[] = { "project", "coder", "document", "code", "coding", "journal_step", NULL };
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", path);
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  for (guint t = 0; tables[t] != NULL; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);

  return g_string_free (dump, FALSE);
}

static void
test_failed_operations_change_nothing (Fixture       *fixture,
                                       gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *tsv = g_build_filename (fixture->dir, "batch.tsv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (tsv);
  guint applied = 99;

  cb_project_add_code (project, "K", NULL, NULL, &error);
  g_assert_no_error (error);
  before = dump_tables (fixture->path);

  /* the third line is out of range: the new codes and codings of the first
   * two lines must be rolled back with it */
  g_assert_true (g_file_set_contents (tsv,
                                      "interview\t0\t4\tNieuw / Een\n"
                                      "interview\t5\t9\tK\n"
                                      "interview\t5\t9999\tK\n", -1, NULL));
  g_assert_false (cb_project_apply_batch (project, file, FALSE, &applied, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_assert_cmpuint (applied, ==, 0);
  g_clear_error (&error);
  after = dump_tables (fixture->path);
  g_assert_cmpstr (after, ==, before);

  g_assert_false (cb_project_merge_codes (project, "K", "Nope", &error));
  g_clear_error (&error);
  g_assert_false (cb_project_move_code (project, "K", "K", -1, &error));
  g_clear_error (&error);
  g_assert_false (cb_project_rename_document (project, "interview", "", &error));
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = dump_tables (fixture->path);
  g_assert_cmpstr (after, ==, before);

  /* with a commit per line, the lines before the bad one stay */
  g_assert_false (cb_project_apply_batch (project, file, TRUE, &applied, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&after, g_free);
  after = tree_of (project);
  g_assert_cmpstr (after, ==, "K 1 1\nNieuw 0 1\nNieuw / Een 1 1\n");
  assert_check_ok (project);
  g_remove (tsv);
}

static void
test_check_finds_broken_invariants (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(CbProject) reopened = NULL;
  sqlite3 *db = NULL;

  cb_project_add_code (fixture->project, "A / B", NULL, NULL, &error);
  cb_project_apply (fixture->project, "interview", "A / B", 0, 5, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->project);

  /* another tool damages what SQLite alone cannot guard */
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE coding SET end = 100000;"
                                 "UPDATE code SET position = 7 WHERE parent IS NULL;"
                                 "UPDATE document SET n_chars = n_chars + 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  reopened = cb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  problems = cb_project_check (reopened, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("problem: %s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/project/tree/add-rename-move", test_tree_add_rename_move);
  ADD ("/project/codings/offsets-and-quotes", test_codings_offsets_and_quotes);
  ADD ("/project/tree/merge", test_merge_semantics);
  ADD ("/project/tree/delete-cascades", test_delete_cascades);
  ADD ("/project/undo-redo", test_undo_redo);
  ADD ("/project/codings/apply-creating", test_apply_creating_is_one_step);
  ADD ("/project/documents/original-bytes", test_original_bytes_kept);
  ADD ("/project/transactions/failed-operations-change-nothing", test_failed_operations_change_nothing);
  ADD ("/project/check/broken-invariants", test_check_finds_broken_invariants);
#undef ADD

  return g_test_run ();
}
