/* test-edit.c: editing a document's text after coding (issue 18)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem() */
#define _GNU_SOURCE

#include "config.h"

#include <stdlib.h>
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

static void
fixture_set_up (Fixture    *f,
                const char *text)
{
  g_autoptr(GError) error = NULL;

  /* on a RAM disk when there is one: the random test commits 1,500 times,
   * each with an fsync (synchronous = FULL) */
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    f->dir = g_mkdtemp (g_strdup ("/dev/shm/codeboom-edit-XXXXXX"));
  else
    f->dir = g_dir_make_tmp ("codeboom-edit-XXXXXX", &error);
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
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->project);
  g_unlink (f->path);
  {
    g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
assert_no_problems (CbProject *project,
                    gboolean   full)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check_full (project, full ? CB_CHECK_FULL : CB_CHECK_QUICK, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_printerr ("problem: %s\n", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
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

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* "code:start-end" of every coding, by code name */
static char *
spans (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = cb_project_list_document_codings (f->project, f->document, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < codings->len; i++)
    {
      CbSegment *s = codings->pdata[i];

      g_ptr_array_add (items, g_strdup_printf ("%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                                               s->code_path, s->start, s->end));
    }
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (" ", (char **) items->pdata);
}

static char *
text_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char *text = cb_project_dup_document_text (f->project, f->document, NULL, &error);

  g_assert_no_error (error);
  return text;
}

static void
replace (Fixture    *f,
         gint64      start,
         gint64      end,
         const char *with,
         guint       n_removed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) removed = NULL;

  g_assert_true (cb_project_replace_text (f->project, f->document, start, end, with, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, n_removed);
}

/* a(0) b(1) 👋(2) 🏽(3) c(4) d(5) ' '(6) q(7) ◌̇(8) e(9) f(10) ' '(11) g h i j(12-15) */
#define RULES_TEXT "ab\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD" "cd q\xCC\x87" "ef ghij"

static void
test_span_rules (void)
{
  Fixture f = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;

  fixture_set_up (&f, RULES_TEXT);
  code (&f, "before", 0, 2);
  code (&f, "ends-at-a", 2, 4);
  code (&f, "after", 7, 11);
  code (&f, "contains", 2, 9);
  code (&f, "equal", 4, 6);
  code (&f, "inside1", 4, 5);
  code (&f, "inside2", 5, 6);
  code (&f, "left", 3, 5);
  code (&f, "right", 5, 9);
  before = spans (&f);

  /* [4, 6) "cd" → "XYZ": δ = +1 */
  replace (&f, 4, 6, "XYZ", 2);
  after = spans (&f);
  g_assert_cmpstr (after, ==,
                   "after:8-12 before:0-2 contains:2-10 ends-at-a:2-4 equal:4-7 left:3-7 right:4-10");
  text = text_of (&f);
  g_assert_cmpstr (text, ==, "ab\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD" "XYZ q\xCC\x87" "ef ghij");
  assert_no_problems (f.project, TRUE);

  /* undo: text and every span exactly as they were */
  g_free (cb_project_undo (f.project, NULL));
  g_clear_pointer (&after, g_free);
  after = spans (&f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&text, g_free);
  text = text_of (&f);
  g_assert_cmpstr (text, ==, RULES_TEXT);
  assert_no_problems (f.project, TRUE);

  /* redo gives the edit again */
  g_free (cb_project_redo (f.project, NULL));
  g_clear_pointer (&after, g_free);
  after = spans (&f);
  g_assert_cmpstr (after, ==,
                   "after:8-12 before:0-2 contains:2-10 ends-at-a:2-4 equal:4-7 left:3-7 right:4-10");
  g_free (cb_project_undo (f.project, NULL));

  /* an insertion at 7 (before q̇): a span starting there shifts, one
   * ending there stays, one around it grows */
  code (&f, "ends-at-7", 2, 7);
  replace (&f, 7, 7, "\xC2\xBB", 0);
  g_clear_pointer (&after, g_free);
  after = spans (&f);
  g_assert_cmpstr (after, ==,
                   "after:8-12 before:0-2 contains:2-10 ends-at-7:2-7 ends-at-a:2-4 equal:4-6 inside1:4-5 "
                   "inside2:5-6 left:3-5 right:5-10");
  g_free (cb_project_undo (f.project, NULL));

  /* deleting exactly a coded span removes it; the others are clipped */
  replace (&f, 4, 6, "", 3);
  g_clear_pointer (&after, g_free);
  after = spans (&f);
  g_assert_cmpstr (after, ==, "after:5-9 before:0-2 contains:2-7 ends-at-7:2-5 ends-at-a:2-4 left:3-4 right:4-7");
  assert_no_problems (f.project, TRUE);

  /* out of range, and a lone combining mark joined to its neighbour */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (cb_project_replace_text (f.project, f.document, 3, 100, "x", NULL, &error));
    g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  }
  fixture_tear_down (&f);
}

/* Clipping can make two codings of one code and coder equal: the older
 * one stays and the other is reported as removed. */
static void
test_duplicates_merge (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autofree char *after = NULL;

  fixture_set_up (&f, "Zoë zei: één twee drie vier");
  code (&f, "A", 0, 7);     /* older */
  code (&f, "A", 0, 12);
  /* delete [7, 12): both become [0, 7) */
  g_assert_true (cb_project_replace_text (f.project, f.document, 7, 12, "", &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, 1);
  g_assert_cmpint (((CbSegment *) removed->pdata[0])->start, ==, 0);
  g_assert_cmpint (((CbSegment *) removed->pdata[0])->end, ==, 12);
  g_assert_cmpstr (((CbSegment *) removed->pdata[0])->code_path, ==, "A");
  g_assert_cmpstr (((CbSegment *) removed->pdata[0])->text, ==, "Zoë zei: één");
  after = spans (&f);
  g_assert_cmpstr (after, ==, "A:0-7");
  assert_no_problems (f.project, TRUE);
  g_free (cb_project_undo (f.project, NULL));
  g_clear_pointer (&after, g_free);
  after = spans (&f);
  g_assert_cmpstr (after, ==, "A:0-12 A:0-7");
  fixture_tear_down (&f);
}

/* The other span tables of schema 4 follow too: memo links, phases and
 * case coverage; check verifies them. */
static void
test_other_tables (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) got = g_string_new (NULL);

  fixture_set_up (&f, "Één 👋🏽 twee drie vier vijf zes zeven");
  g_assert_true (cb_project_add_case (f.project, "Zoë", &error));
  g_assert_no_error (error);
  g_assert_true (cb_project_assign_case (f.project, "Zoë", "doc", NULL, 5, 12, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO memo (id, uuid, title, position, created, modified) VALUES (1, 'u', 'm', 0, 'x', 'x');"
                                 "INSERT INTO memo_link (memo, document, start, end) VALUES (1, 1, 4, 9);"
                                 "INSERT INTO phase (document, name, start, end) VALUES (1, 'p1', 0, 10), (1, 'p2', 10, 20);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* [8, 12) → "X": δ = −3 */
  replace (&f, 8, 12, "X", 0);
  assert_no_problems (f.project, TRUE);
  g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT 'link', start, end FROM memo_link UNION ALL "
                                       "SELECT name, start, end FROM phase UNION ALL "
                                       "SELECT 'case', start, end FROM case_coverage UNION ALL "
                                       "SELECT 'edited', edited IS NOT NULL, 0 FROM document_status",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (got, "%s:%d-%d ", sqlite3_column_text (stmt, 0),
                            sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  /* link [4,9) overlaps the left side: [4, 9); phases: p1 [0,10) left →
   * [0, 9), p2 [10,20) right (a partition: the new text stays with p1) →
   * [9, 17); the case span [5,12) contains it → [5, 9) */
  g_assert_cmpstr (got->str, ==, "link:4-9 p1:0-9 p2:9-17 case:5-9 edited:1-0 ");

  g_free (cb_project_undo (f.project, NULL));
  assert_no_problems (f.project, TRUE);

  /* check sees a memo link or a phase past the end of the text */
  g_assert_cmpint (sqlite3_open (f.path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE memo_link SET end = 1000; UPDATE phase SET end = 999 WHERE name = 'p2'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  {
    g_autoptr(GPtrArray) problems = cb_project_check (f.project, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 2);
    g_assert_true (g_str_has_prefix (problems->pdata[0], "memo link outside"));
    g_assert_true (g_str_has_prefix (problems->pdata[1], "phase outside"));
  }
  fixture_tear_down (&f);
}

#define TURNS_TEXT "I: Hoe gaat het met jou?\nR: Goed, dank je.\nI: En op het werk?\nR: Ook goed.\n"

static char *
turns_of (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = cb_project_list_turns (f->project, "doc", &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < turns->len; i++)
    {
      CbTurnInfo *t = turns->pdata[i];

      g_string_append_printf (out, "%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " ",
                              t->speaker, t->start, t->end, t->text_start);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_turns (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *turns = NULL;

  fixture_set_up (&f, TURNS_TEXT);
  turns = turns_of (&f);
  g_assert_cmpstr (turns, ==, "I:0-24/3 R:25-42/28 I:43-61/46 R:62-74/65 ");
  g_assert_true (cb_project_rename_speaker (f.project, "doc", "R", "Respondent", &error));
  g_assert_no_error (error);

  /* typing in what a speaker says: the turns move, the rename stays */
  replace (&f, 29, 33, "Heel goed", 0);
  g_clear_pointer (&turns, g_free);
  turns = turns_of (&f);
  g_assert_cmpstr (turns, ==, "I:0-24/3 Respondent:25-47/28 I:48-66/51 Respondent:67-79/70 ");

  /* a label changed: that line's turn is recognised again */
  replace (&f, 48, 49, "R", 0);
  g_clear_pointer (&turns, g_free);
  turns = turns_of (&f);
  g_assert_cmpstr (turns, ==, "I:0-24/3 Respondent:25-47/28 R:48-66/51 Respondent:67-79/70 ");
  assert_no_problems (f.project, TRUE);

  g_free (cb_project_undo (f.project, NULL));
  g_free (cb_project_undo (f.project, NULL));
  g_clear_pointer (&turns, g_free);
  turns = turns_of (&f);
  g_assert_cmpstr (turns, ==, "I:0-24/3 Respondent:25-42/28 I:43-61/46 Respondent:62-74/65 ");
  assert_no_problems (f.project, TRUE);
  fixture_tear_down (&f);
}

static void
test_find_replace (void)
{
  Fixture f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;
  g_autofree char *label = NULL;

  fixture_set_up (&f, "Zoë en Zoëtje: Zoë zei het, zoë niet.");
  code (&f, "A", 7, 13);   /* Zoëtje */
  g_assert_cmpint (cb_project_find_replace (f.project, f.document, "Zoë", "[naam]", 0, TRUE, NULL, &error), ==, 2);
  g_assert_no_error (error);
  text = text_of (&f);
  g_assert_cmpstr (text, ==, "[naam] en Zoëtje: [naam] zei het, zoë niet.");
  after = spans (&f);
  g_assert_cmpstr (after, ==, "A:10-16");
  /* one undo step */
  label = cb_project_undo (f.project, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = text_of (&f);
  g_assert_cmpstr (text, ==, "Zoë en Zoëtje: Zoë zei het, zoë niet.");

  g_assert_cmpint (cb_project_find_replace (f.project, f.document, "Zoë", "Z.", 2, FALSE, NULL, &error), ==, 1);
  g_clear_pointer (&text, g_free);
  text = text_of (&f);
  g_assert_cmpstr (text, ==, "Zoë en Z.tje: Zoë zei het, zoë niet.");

  g_assert_cmpint (cb_project_find_replace (f.project, f.document, "Zoë", "x", 5, FALSE, NULL, &error), ==, -1);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  fixture_tear_down (&f);
}

/* Random edits and undos on a real transcript: check stays ok, a coding
 * away from an edit keeps its words, and undo gives back every span and
 * the text exactly. */
static void
test_random_edits (void)
{
  static const char * const inserts[] = {
    "", "x", "Zoë", "\xF0\x9F\x91\x8B\xF0\x9F\x8F\xBD", "q\xCC\x87", "\n", "R: ", "\nI: Vraag?\n", "  ", "é",
  };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "interview-ma07.txt", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  /* seeded: the same edits every run (CB_EDIT_SEED explores others) */
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_getenv ("CB_EDIT_SEED") ? atoi (g_getenv ("CB_EDIT_SEED")) : 18);
  Fixture f = { 0 };
  gsize length;
  gint64 n_chars;
  guint n_undone = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  {
    g_autofree char *text = cb_text_normalize (data, length);

    fixture_set_up (&f, text);
    n_chars = g_utf8_strlen (text, -1);
  }
  for (guint i = 0; i < 60; i++)
    {
      gint64 start = g_rand_int_range (rand, 0, n_chars - 40);
      g_autofree char *name = g_strdup_printf ("C%u", i % 7);

      code (&f, name, start, start + g_rand_int_range (rand, 1, 40));
    }

  for (guint round = 0; round < 1000; round++)
    {
      g_autoptr(GPtrArray) before = cb_project_list_document_codings (f.project, f.document, &error);
      g_autoptr(GPtrArray) after = NULL;
      g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *text_before = text_of (&f);
      g_autofree char *spans_before = spans (&f);
      gint64 n = g_utf8_strlen (text_before, -1);
      gint64 a = g_rand_int_range (rand, 0, n + 1);
      gint64 b = MIN (n, a + g_rand_int_range (rand, 0, 12));
      const char *with = inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))];
      g_autoptr(GPtrArray) removed = NULL;

      g_assert_no_error (error);
      if (!cb_project_replace_text (f.project, f.document, a, b, with, &removed, &error))
        {
          /* only a combining mark joined to its new neighbour is refused */
          g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
          g_clear_error (&error);
          continue;
        }

      /* codings away from the edit keep their words */
      after = cb_project_list_document_codings (f.project, f.document, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < after->len; i++)
        g_hash_table_insert (by_uuid, ((CbSegment *) after->pdata[i])->uuid, after->pdata[i]);
      {
        g_autofree char *text_after = text_of (&f);

        for (guint i = 0; i < before->len; i++)
          {
            CbSegment *old = before->pdata[i];
            CbSegment *now = g_hash_table_lookup (by_uuid, old->uuid);

            if (old->end < a || old->start > b)
              {
                g_autofree char *was = cb_text_dup_range (text_before, strlen (text_before), old->start, old->end);
                g_autofree char *is = NULL;

                g_assert_nonnull (now);
                is = cb_text_dup_range (text_after, strlen (text_after), now->start, now->end);
                g_assert_cmpstr (was, ==, is);
              }
          }
      }
      if (round % 10 == 0)
        assert_no_problems (f.project, round % 200 == 0);

      if (g_rand_boolean (rand))
        {
          g_autofree char *text_undone = NULL;
          g_autofree char *spans_undone = NULL;

          g_free (cb_project_undo (f.project, &error));
          g_assert_no_error (error);
          text_undone = text_of (&f);
          spans_undone = spans (&f);
          g_assert_cmpstr (text_undone, ==, text_before);
          g_assert_cmpstr (spans_undone, ==, spans_before);
          n_undone++;
        }
    }
  g_assert_cmpuint (n_undone, >, 300);
  assert_no_problems (f.project, TRUE);
  fixture_tear_down (&f);
}

/* Whether any of @names appears in the file at @path as UTF-8, UTF-16LE
 * or UTF-16BE bytes (a missing file holds nothing). */
static gboolean
file_holds_name (const char         *path,
                 const char * const *names)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    {
      static const char * const encodings[] = { "UTF-16LE", "UTF-16BE" };
      gsize utf8_length = strlen (names[i]);

      if (memmem (data, length, names[i], utf8_length) != NULL)
        {
          g_printerr ("%s holds “%s” (UTF-8)\n", path, names[i]);
          return TRUE;
        }
      for (guint e = 0; e < G_N_ELEMENTS (encodings); e++)
        {
          gsize n = 0;
          g_autofree char *wide = g_convert (names[i], -1, encodings[e], "UTF-8", NULL, &n, NULL);

          if (wide != NULL && memmem (data, length, wide, n) != NULL)
            {
              g_printerr ("%s holds “%s” (%s)\n", path, names[i], encodings[e]);
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
fill_texts (Fixture   *f,
            GPtrArray *segments)
{
  g_autofree char *text = text_of (f);

  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *s = segments->pdata[i];

      g_free (s->text);
      s->text = cb_text_dup_range (text, strlen (text), s->start, s->end);
    }
}

static char *
map_names (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "team Noord", "[team]", 0);
  g_string_replace (out, "Sofie", "[respondent 3]", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The issue's test: interview MA07 pseudonymised with a key of its
 * respondent's name and team leaves no byte of them in the project file,
 * its -wal or -shm; every coding keeps its words (names mapped); the log
 * puts back byte-identical texts and spans. */
static void
test_pseudonymise_ma07 (void)
{
  static const char * const names[] = { "Sofie", "Noord", NULL };
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "corpus", "interview-ma07.txt", NULL);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autofree char *spans_before = NULL;
  g_autofree char *spans_after = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) key = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbPseudonymiseReport) report = NULL;
  Fixture f = { 0 };
  gsize length;
  const char *sofie;
  gint64 at;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  text = cb_text_normalize (data, length);
  source = g_bytes_new (data, length);
  f.dir = g_dir_make_tmp ("codeboom-pseudo-XXXXXX", &error);
  g_assert_no_error (error);
  f.path = g_build_filename (f.dir, "p.codeboom", NULL);
  f.project = cb_project_create (f.path, &error);
  g_assert_no_error (error);
  f.document = cb_project_add_document (f.project, "doc", text, "interview-ma07.txt", source, &error);
  g_assert_no_error (error);

  /* codings around, over and beside the names; names in memos, a case and
   * a text value */
  sofie = strstr (text, "Sofie");
  at = g_utf8_pointer_to_offset (text, sofie);
  code (&f, "Intro", at - 10, at + 40);
  code (&f, "Naam", at, at + 5);
  code (&f, "Team", 10, 60);
  code (&f, "Later", 500, 800);
  g_assert_true (cb_project_set_memo (f.project, "Gesprek met Sofie, team Noord", &error));
  g_assert_true (cb_project_set_code_memo (f.project, "Naam", "Sofie zegt dit vaak", &error));
  g_assert_true (cb_project_add_case (f.project, "Sofie", &error));
  g_assert_true (cb_project_add_attribute (f.project, "Team", CB_ATTRIBUTE_TEXT, NULL, &error));
  g_assert_true (cb_project_set_case_value (f.project, "Sofie", "Team", "team Noord", &error));
  g_assert_true (cb_project_rename_speaker (f.project, "doc", "R", "Sofie", &error));
  g_assert_no_error (error);
  /* an edit: its undo step holds the whole old text, names and all */
  replace (&f, 0, 9, "Gesprek", 0);
  g_free (cb_project_undo (f.project, &error));
  g_assert_no_error (error);
  /* a folded search copy that holds the names */
  {
    g_autoptr(GPtrArray) hits = cb_search_find (f.project, "sofie", NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, >, 0);
  }
  before = cb_project_list_document_codings (f.project, f.document, &error);
  g_assert_no_error (error);
  fill_texts (&f, before);
  spans_before = spans (&f);

  key_path = g_build_filename (f.dir, "key.tsv", NULL);
  log_path = g_build_filename (f.dir, "log.tsv", NULL);
  g_assert_true (g_file_set_contents (key_path, "Sofie\t[respondent 3]\nteam Noord\t[team]\nNoord\t[team]\n", -1, &error));
  key = cb_pseudonym_key_read (key_path, &error);
  g_assert_no_error (error);
  report = cb_project_pseudonymise (f.project, key, 0, log_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_true (report->checkpointed);
  g_assert_cmpuint (report->documents->len, ==, 1);

  /* no byte of a name anywhere, the project still open */
  wal = g_strconcat (f.path, "-wal", NULL);
  shm = g_strconcat (f.path, "-shm", NULL);
  g_assert_false (file_holds_name (f.path, names));
  g_assert_false (file_holds_name (wal, names));
  g_assert_false (file_holds_name (shm, names));
  assert_no_problems (f.project, TRUE);
  g_assert_null (cb_project_dup_undo_label (f.project));
  g_assert_null (cb_project_dup_document_source (f.project, f.document, NULL));

  /* every coding covers the same words, names mapped */
  after = cb_project_list_document_codings (f.project, f.document, &error);
  g_assert_no_error (error);
  fill_texts (&f, after);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    for (guint j = 0; j < before->len; j++)
      if (g_str_equal (((CbSegment *) after->pdata[i])->uuid, ((CbSegment *) before->pdata[j])->uuid))
        {
          g_autofree char *mapped = map_names (((CbSegment *) before->pdata[j])->text);

          g_assert_cmpstr (((CbSegment *) after->pdata[i])->text, ==, mapped);
        }

  /* the log puts it all back, byte for byte */
  g_clear_pointer (&report, cb_pseudonymise_report_free);
  report = cb_project_depseudonymise (f.project, log_path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *restored = text_of (&f);

    g_assert_cmpstr (restored, ==, text);
  }
  spans_after = spans (&f);
  g_assert_cmpstr (spans_after, ==, spans_before);
  assert_no_problems (f.project, TRUE);

  g_unlink (key_path);
  g_unlink (log_path);
  fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/edit/span-rules", test_span_rules);
  g_test_add_func ("/edit/duplicates-merge", test_duplicates_merge);
  g_test_add_func ("/edit/other-tables", test_other_tables);
  g_test_add_func ("/edit/turns", test_turns);
  g_test_add_func ("/edit/find-replace", test_find_replace);
  g_test_add_func ("/edit/random", test_random_edits);
  g_test_add_func ("/edit/pseudonymise-ma07", test_pseudonymise_ma07);

  return g_test_run ();
}
