/* test-edit-journal.c: the compact undo journal of text edits (issue 18)
 *
 * An edit journals the spans that only shift as one entry per table (a
 * shift: from, delta) and its text as the replaced part only (a splice);
 * the spans it clips or removes keep their own row entries.  These tests
 * check that undo and redo give back every span and the text exactly,
 * also after reopening the project, that the journal really is compact,
 * and that a tampered compact entry is refused with nothing changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cb-core.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
  gint64     document;
} Fixture;

/* A transcript of speaker turns with an emoji and its skin tone, a
 * combining mark (q + U+0307) and precomposed letters in every line. */
static char *
make_text (guint n_lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    g_string_append_printf (text, "%s: Zoë zei %u keer \xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD en q\xCC\x87 één woord.\n",
                            i % 2 ? "R" : "I", i);
  return g_string_free (text, FALSE);
}

static void
fixture_set_up (Fixture    *f,
                const char *text)
{
  g_autoptr(GError) error = NULL;

  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    f->dir = g_mkdtemp (g_strdup ("/dev/shm/codeboom-journal-XXXXXX"));
  else
    f->dir = g_dir_make_tmp ("codeboom-journal-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "p.codeboom", NULL);
  f->project = cb_project_create (f->path, &error);
  g_assert_no_error (error);
  f->document = cb_project_add_document (f->project, "doc", text, "doc.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->document, >, 0);
}

static void
remove_project_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->project);
  remove_project_files (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->project);
  f->project = cb_project_open (f->path, &error);
  g_assert_no_error (error);
}

static void
code (Fixture    *f,
      const char *path,
      gint64      start,
      gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_apply_creating (f->project, "doc", path, start, end, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_no_problems (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check_full (f->project, CB_CHECK_FULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = open_db (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
exec_sql (const char *path,
          const char *sql)
{
  sqlite3 *db = open_db (path);
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The text and every span of every span table, by row id: what undo must
 * give back exactly. */
static char *
state_of (Fixture *f)
{
  static const char sql[] =
    "SELECT 'text ' || n_chars || ' ' || hex (text) FROM document UNION ALL "
    "SELECT * FROM (SELECT 'coding ' || id || ' ' || code || ' ' || start || '-' || end FROM coding ORDER BY id) UNION ALL "
    "SELECT * FROM (SELECT 'turn ' || id || ' ' || start || '-' || end || '/' || text_start FROM turn ORDER BY id) UNION ALL "
    "SELECT * FROM (SELECT 'link ' || id || ' ' || start || '-' || end FROM memo_link ORDER BY id) UNION ALL "
    "SELECT * FROM (SELECT 'phase ' || id || ' ' || start || '-' || end FROM phase ORDER BY id) UNION ALL "
    "SELECT * FROM (SELECT 'case ' || id || ' ' || ifnull (start, '-') || '-' || ifnull (end, '-')"
    " FROM case_coverage ORDER BY id)";
  sqlite3 *db = open_db (f->path);
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* The words of coding @id: its text, cut from the stored text. */
static char *
coding_text (Fixture *f,
             gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = cb_project_list_document_codings (f->project, f->document, &error);
  g_autofree char *text = cb_project_dup_document_text (f->project, f->document, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      CbSegment *s = codings->pdata[i];

      if (s->coding_id == id)
        return cb_text_dup_range (text, strlen (text), s->start, s->end);
    }
  return NULL;
}

static void
undo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = cb_project_undo (f->project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (label);
}

static void
redo (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = cb_project_redo (f->project, &error);

  g_assert_no_error (error);
  g_assert_nonnull (label);
}

/* The entries and the bytes of values of the newest undo step. */
static void
newest_step (Fixture *f,
             gint64  *n_entries,
             gint64  *n_bytes)
{
  *n_entries = query_int (f->path,
                          "SELECT count (*) FROM journal_entry WHERE step ="
                          " (SELECT max (id) FROM journal_step WHERE kind = 0)");
  *n_bytes = query_int (f->path,
                        "SELECT total (length (CAST (value AS BLOB))) FROM journal_value WHERE entry IN"
                        " (SELECT seq FROM journal_entry WHERE step = (SELECT max (id) FROM journal_step WHERE kind = 0))");
}

typedef struct
{
  const char *name;
  gint64      start;      /* relative to the fixture's edit point */
  gint64      end;
  const char *with;
  guint       n_removed;
} EditCase;

/* One edit in the middle of a coded transcript, for each kind: the text
 * grows, shrinks, is only deleted (a coding starting exactly at the end of
 * the deletion lands where a clipped one does), or only inserted.  Around
 * the edit: codings before it, around it, overlapping either side, inside
 * it and just after it; after it, two hundred codings, turns, a memo link,
 * phases and a case span that only shift. */
static void
test_compact_steps (void)
{
  static const EditCase cases[] = {
    { "grows", 0, 10, "X\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBDq\xCC\x87 Zoë was hier en daar", 1 },
    { "shrinks", 0, 12, "é\xF0\x9F\x91\x8B", 1 },
    { "deleted", 0, 10, "", 1 },
    { "inserted", 0, 0, "Zoë\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD q\xCC\x87", 0 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      const EditCase *e = &cases[c];
      g_autofree char *text = make_text (60);
      Fixture f = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) removed = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *words_before = NULL;
      gint64 n_chars, point, a, b, far_id, n_entries, n_bytes;

      g_test_message ("case %s", e->name);
      fixture_set_up (&f, text);
      n_chars = g_utf8_strlen (text, -1);
      point = n_chars / 2;
      a = point + e->start;
      b = point + e->end;

      /* around the edit */
      code (&f, "before", a - 20, a - 5);
      code (&f, "contains", a - 3, b + 3);
      code (&f, "left", a - 4, a + 2);
      if (b > a)
        {
          code (&f, "right", a + 2, b + 6);
          code (&f, "inside", a + 1, b - 1);
        }
      code (&f, "at-end", b, b + 6);
      /* after it, every few characters */
      for (gint64 s = b + 7; s + 5 < n_chars && s < b + 7 + 200 * 4; s += 4)
        code (&f, (s / 4) % 2 ? "A" : "B", s, s + 5);
      far_id = query_int (f.path, "SELECT max (id) FROM coding");
      words_before = coding_text (&f, far_id);

      g_assert_true (cb_project_add_case (f.project, "Zoë", &error));
      g_assert_no_error (error);
      g_assert_true (cb_project_assign_case (f.project, "Zoë", "doc", NULL, b + 30, b + 90, &error));
      g_assert_no_error (error);
      g_assert_true (cb_project_assign_case (f.project, "Zoë", "doc", NULL, a + 1, b + 40, &error));
      g_assert_no_error (error);
      {
        g_autofree char *sql = g_strdup_printf (
          "INSERT INTO memo (id, uuid, title, position, created, modified) VALUES (1, 'u', 'm', 0, 'x', 'x');"
          "INSERT INTO memo_link (memo, document, start, end) VALUES (1, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "),"
          " (1, 1, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");"
          "INSERT INTO phase (document, name, start, end) VALUES (1, 'p1', 0, %" G_GINT64_FORMAT "),"
          " (1, 'p2', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "), (1, 'p3', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ");",
          b + 50, b + 60, a - 2, a + 1, a + 1, a + 1, b + 100, b + 100, n_chars);

        exec_sql (f.path, sql);
      }
      assert_no_problems (&f);
      before = state_of (&f);

      g_assert_true (cb_project_replace_text (f.project, f.document, a, b, e->with, &removed, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (removed->len, ==, e->n_removed);
      assert_no_problems (&f);
      after = state_of (&f);
      g_assert_cmpstr (after, !=, before);
      {
        g_autofree char *words_after = coding_text (&f, far_id);

        g_assert_cmpstr (words_after, ==, words_before);
      }

      /* compact: a few entries, not one per moved span (two hundred
       * codings and thirty turns moved), and not the whole text */
      newest_step (&f, &n_entries, &n_bytes);
      g_assert_cmpint (n_entries, <, 40);
      g_assert_cmpint (n_bytes, <, (gint64) strlen (text) / 4);

      /* undo, redo, undo: exactly the states before and after */
      undo (&f);
      {
        g_autofree char *undone = state_of (&f);

        g_assert_cmpstr (undone, ==, before);
      }
      assert_no_problems (&f);
      redo (&f);
      {
        g_autofree char *redone = state_of (&f);

        g_assert_cmpstr (redone, ==, after);
      }
      assert_no_problems (&f);

      /* the journal is in the file: after reopening, undo and redo again */
      reopen (&f);
      undo (&f);
      {
        g_autofree char *undone = state_of (&f);

        g_assert_cmpstr (undone, ==, before);
      }
      reopen (&f);
      redo (&f);
      {
        g_autofree char *redone = state_of (&f);

        g_assert_cmpstr (redone, ==, after);
      }
      undo (&f);
      {
        g_autofree char *undone = state_of (&f);

        g_assert_cmpstr (undone, ==, before);
      }
      assert_no_problems (&f);
      fixture_tear_down (&f);
    }
}

/* Codings of one code and coder two characters apart: shifting them by two
 * in one statement meets a UNIQUE collision half way (the first one lands
 * where the second still is), which the shift survives by parking the rows
 * beyond any text first; undo meets the same chain backwards. */
static void
test_collision_chain (void)
{
  g_autofree char *text = make_text (10);
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_set_up (&f, text);
  code (&f, "A", 20, 30);
  code (&f, "A", 22, 32);
  code (&f, "A", 24, 34);
  code (&f, "A", 26, 36);
  before = state_of (&f);

  /* the chain does collide in a single UPDATE (on a copy of the file) */
  {
    sqlite3 *db = open_db (f.path);

    g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE coding SET start = start + 2, end = end + 2 WHERE start >= 10",
                                   NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
    g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  g_assert_true (cb_project_replace_text (f.project, f.document, 10, 10, "é\xF0\x9F\x91\x8B", NULL, &error));
  g_assert_no_error (error);
  after = state_of (&f);
  g_assert_nonnull (strstr (after, " 22-32\n"));
  g_assert_nonnull (strstr (after, " 28-38\n"));
  assert_no_problems (&f);
  undo (&f);
  {
    g_autofree char *undone = state_of (&f);

    g_assert_cmpstr (undone, ==, before);
  }
  redo (&f);
  {
    g_autofree char *redone = state_of (&f);

    g_assert_cmpstr (redone, ==, after);
  }

  /* and shrinking: [22, 32) lands where [20, 30) still is */
  undo (&f);
  g_assert_true (cb_project_replace_text (f.project, f.document, 8, 10, "", NULL, &error));
  g_assert_no_error (error);
  assert_no_problems (&f);
  undo (&f);
  {
    g_autofree char *undone = state_of (&f);

    g_assert_cmpstr (undone, ==, before);
  }
  fixture_tear_down (&f);
}

typedef struct
{
  const char *what;
  const char *sql;
} Tamper;

/* A journal from a file is untrusted: a compact entry whose table, values
 * or range are not what Codeboom writes makes undo refuse the step as a
 * damaged history, with nothing changed. */
static void
test_hostile_entries (void)
{
#define SHIFT_ENTRY "(SELECT seq FROM journal_entry WHERE col = 'start+' AND tbl = 'coding')"
#define SPLICE_ENTRY "(SELECT seq FROM journal_entry WHERE col = 'text~')"
  static const Tamper tampers[] = {
    { "delta is text", "UPDATE journal_value SET value = 'x' WHERE name = 'delta' AND entry = " SHIFT_ENTRY },
    { "delta is zero", "UPDATE journal_value SET value = 0 WHERE name = 'delta' AND entry = " SHIFT_ENTRY },
    { "delta is huge", "UPDATE journal_value SET value = 1 << 50 WHERE name = 'delta' AND entry = " SHIFT_ENTRY },
    { "from is negative", "UPDATE journal_value SET value = -5 WHERE name = 'from' AND entry = " SHIFT_ENTRY },
    { "from is missing", "DELETE FROM journal_value WHERE name = 'from' AND entry = " SHIFT_ENTRY },
    { "an extra value", "INSERT INTO journal_value VALUES (" SHIFT_ENTRY ", 'sql', 'DROP TABLE coding')" },
    { "no span table", "UPDATE journal_entry SET tbl = 'code' WHERE col = 'start+' AND tbl = 'coding'" },
    { "unknown table", "UPDATE journal_entry SET tbl = 'sqlite_schema' WHERE col = 'start+' AND tbl = 'coding'" },
    { "no document", "UPDATE journal_entry SET row_key = 0 WHERE col = 'start+' AND tbl = 'coding'" },
    { "splice past the text", "UPDATE journal_value SET value = 100000 WHERE name = 'end' AND entry = " SPLICE_ENTRY },
    { "splice backwards", "UPDATE journal_value SET value = 0 WHERE name = 'end' AND entry = " SPLICE_ENTRY },
    { "splice not UTF-8", "UPDATE journal_value SET value = CAST (X'C328' AS TEXT) WHERE name = 'text' AND entry = " SPLICE_ENTRY },
    { "splice with a NUL", "UPDATE journal_value SET value = CAST (X'410042' AS TEXT) WHERE name = 'text' AND entry = " SPLICE_ENTRY },
    { "splice of a blob", "UPDATE journal_value SET value = X'41' WHERE name = 'text' AND entry = " SPLICE_ENTRY },
    { "splice of another table", "UPDATE journal_entry SET tbl = 'coding' WHERE col = 'text~'" },
  };
  g_autofree char *text = make_text (20);
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *template = NULL;

  fixture_set_up (&f, text);
  for (gint64 s = 200; s < 600; s += 10)
    code (&f, "A", s, s + 6);
  g_assert_true (cb_project_replace_text (f.project, f.document, 100, 104, "Zoë en \xF0\x9F\x91\x8B", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&f.project);
  template = g_build_filename (f.dir, "template.codeboom", NULL);
  g_assert_cmpint (query_int (f.path, "SELECT count (*) FROM journal_entry WHERE col = 'start+' AND tbl = 'coding'"), ==, 1);
  g_assert_cmpint (query_int (f.path, "SELECT count (*) FROM journal_entry WHERE col = 'text~'"), ==, 1);
  {
    g_autofree char *contents = NULL;
    gsize length;

    exec_sql (f.path, "PRAGMA wal_checkpoint (TRUNCATE)");
    g_assert_true (g_file_get_contents (f.path, &contents, &length, &error));
    g_assert_true (g_file_set_contents (template, contents, length, &error));
  }

  for (guint i = 0; i < G_N_ELEMENTS (tampers); i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *state = NULL;
      g_autofree char *unchanged = NULL;
      g_autofree char *label = NULL;
      gsize length;

      g_test_message ("tampered: %s", tampers[i].what);
      remove_project_files (f.path);
      g_assert_true (g_file_get_contents (template, &contents, &length, &error));
      g_assert_true (g_file_set_contents (f.path, contents, length, &error));
      exec_sql (f.path, tampers[i].sql);
      f.project = cb_project_open (f.path, &error);
      g_assert_no_error (error);
      state = state_of (&f);

      label = cb_project_undo (f.project, &error);
      g_assert_null (label);
      g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT);
      g_clear_error (&error);
      unchanged = state_of (&f);
      g_assert_cmpstr (unchanged, ==, state);
      g_clear_object (&f.project);
    }

  /* the untampered file undoes */
  remove_project_files (f.path);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (template, &contents, &length, &error));
    g_assert_true (g_file_set_contents (f.path, contents, length, &error));
  }
  f.project = cb_project_open (f.path, &error);
  g_assert_no_error (error);
  undo (&f);
  {
    g_autofree char *now = cb_project_dup_document_text (f.project, f.document, NULL, &error);

    g_assert_cmpstr (now, ==, text);
  }
  g_unlink (template);
  fixture_tear_down (&f);
#undef SHIFT_ENTRY
#undef SPLICE_ENTRY
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit-journal/compact-steps", test_compact_steps);
  g_test_add_func ("/edit-journal/collision-chain", test_collision_chain);
  g_test_add_func ("/edit-journal/hostile-entries", test_hostile_entries);

  return g_test_run ();
}
