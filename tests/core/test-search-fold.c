/* test-search-fold.c: the matching equivalence, the folded copy's offset
 * map, the query grammar and saved searches
 *
 * Offsets below were counted by hand on the literal texts; every hit is
 * also checked against cb_text_dup_range() of the stored text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cb-core.h"
#include "cb-search-fold.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cb-test-search-fold-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "fold.codeboom", NULL);
  f->project = cb_project_create (f->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (f->project, "tester");
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
add_document (Fixture    *f,
              const char *name,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cb_project_add_document (f->project, name, text, "test.txt", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

static void
run_sql (Fixture    *f,
         const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->project);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);

  f->project = cb_project_open (f->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (f->project, "tester");
}

static char *
search (Fixture       *f,
        const char    *term,
        CbSearchFlags  flags)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 count;

  options.flags = flags;
  options.context = 2;
  hits = cb_search_find (f->project, term, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);

  count = cb_search_count (f->project, term, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, hits->len);

  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = hits->pdata[i];
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      gsize length;

      text = cb_project_dup_document_text (f->project, hit->document_id, &length, &error);
      g_assert_no_error (error);
      g_assert_cmpint (hit->start, >=, 0);
      g_assert_cmpint (hit->start, <, hit->end);
      expected = cb_text_dup_range (text, length, hit->start, hit->end);
      g_assert_cmpstr (hit->match, ==, expected);
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", hit->start, hit->end);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_search(f, term, flags, expected) \
  G_STMT_START { \
    g_autofree char *got_ = search ((f), (term), (flags)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

/* An emoji and a letter with a mark NFC cannot compose come first, so an
 * offset counted in bytes or UTF-16, or without the map, is off.
 *   0 😀  1 q  2 U+0303  3 space  then: */
#define PREFIX "\xF0\x9F\x98\x80q\xCC\x83 "

static void
test_equivalences (Fixture       *f,
                   gconstpointer  data)
{
  /*               4         1         2         3         4         5
   *               456789012345678901234567890123456789012345678901234567 */
  add_document (f, "e", PREFIX "d’école « oui » Euh… het  niet\nOn-\nly Straße ﬁn a – b x\xC2\xA0" "y\n");

  assert_search (f, "d'ecole", 0, "4-11");
  assert_search (f, "\" oui", 0, "12-17");
  assert_search (f, "oui \"", 0, "14-19");
  assert_search (f, "euh...", 0, "20-24");
  assert_search (f, "het niet on", 0, "25-37");
  assert_search (f, "only", 0, "35-41");
  assert_search (f, "on", 0, "35-37");
  assert_search (f, "strasse", 0, "42-48");
  assert_search (f, "s", 0, "42-43");             /* S, never half of ß */
  assert_search (f, "fin", 0, "49-51");
  assert_search (f, "in", 0, "");                 /* never half of ﬁ */
  assert_search (f, "a - b", 0, "52-57");
  assert_search (f, "x y", 0, "58-61");
  assert_search (f, "q", 0, "1-3");               /* with its mark */
  assert_search (f, "\xF0\x9F\x98\x80q d", 0, "0-5");

  /* matching case and accents still apply on top */
  assert_search (f, "D'ecole", CB_SEARCH_MATCH_CASE, "");
  assert_search (f, "d'ecole", CB_SEARCH_MATCH_ACCENTS, "");
  assert_search (f, "d'école", CB_SEARCH_MATCH_ACCENTS | CB_SEARCH_MATCH_CASE, "4-11");
  assert_search (f, "STRASSE", CB_SEARCH_MATCH_CASE, "");
  assert_search (f, "Strasse", CB_SEARCH_MATCH_CASE, "42-48");
  assert_search (f, "only", CB_SEARCH_WHOLE_WORD, "35-41");

  /* --exact: as written (case and accents folded) */
  assert_search (f, "d'ecole", CB_SEARCH_EXACT, "");
  assert_search (f, "d’ecole", CB_SEARCH_EXACT, "4-11");
  assert_search (f, "only", CB_SEARCH_EXACT, "");
  assert_search (f, "het niet", CB_SEARCH_EXACT, "");
  assert_search (f, "het  niet", CB_SEARCH_EXACT, "25-34");
  assert_search (f, "q", CB_SEARCH_EXACT, "1-3");
}

/* The fold and its map, without a project. */
static void
test_map (void)
{
  const char *text = "a  b\xE2\x80\xA6" "c-\nd\xC3\x9F" "e\xCC\x81";   /* a␠␠b…c-\ndße + U+0301 */
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));
  g_autoptr(GArray) decoded = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));
  g_autofree char *folded = NULL;
  g_autofree guint8 *map = NULL;
  gsize folded_length;
  gsize map_length;
  gint64 n_units;
  CbFoldCursor cursor;
  gboolean aligned;
  /* text:   a 0, ␠ 1, ␠ 2, b 3, … 4, c 5, - 6, \n 7, d 8, ß 9, e 10, mark 11
   * folded: a 0, ␠ 1, b 2, . 3, . 4, . 5, c 6, d 7, s 8, s 9, e 10 */
  folded = _cb_search_fold_mode (text, strlen (text), CB_FOLD_ALL, &folded_length, &n_units, groups);
  g_assert_cmpstr (folded, ==, "a b...cdsse");
  g_assert_cmpint (n_units, ==, 11);
  g_assert_cmpuint (groups->len, ==, 5);
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 0).folded, ==, 1);
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 0).n_source, ==, 2);
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 1).n_folded, ==, 3);
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 2).folded, ==, 7);     /* the break: no units */
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 2).source, ==, 6);
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 2).n_folded, ==, 0);
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 3).n_folded, ==, 2);  /* ß */
  g_assert_cmpuint (g_array_index (groups, CbFoldGroup, 4).n_source, ==, 2);  /* e and its mark */

  map = _cb_search_map_encode (groups, &map_length);
  g_assert_true (_cb_search_map_decode (map, map_length, n_units, 12, decoded));
  g_assert_cmpuint (decoded->len, ==, groups->len);
  g_assert_cmpmem (decoded->data, decoded->len * sizeof (CbFoldGroup),
                   groups->data, groups->len * sizeof (CbFoldGroup));

  /* totals that do not add up, and broken numbers, are refused */
  g_assert_false (_cb_search_map_decode (map, map_length, n_units, 13, NULL));
  g_assert_false (_cb_search_map_decode (map, map_length, n_units + 1, 12, NULL));
  g_assert_false (_cb_search_map_decode (map, map_length - 1, n_units, 12, NULL));
  g_assert_false (_cb_search_map_decode ((const guint8 *) "\x80\x80\x80\x80\x80\x01\x01\x01", 8, 100, 100, NULL));
  g_assert_false (_cb_search_map_decode ((const guint8 *) "\x00\x01\x00", 3, 100, 100, NULL));  /* units from nothing */
  g_assert_false (_cb_search_map_decode ((const guint8 *) "\x00\x04\x01", 3, 100, 97, NULL));   /* too many units */
  g_assert_false (_cb_search_map_decode ((const guint8 *) "\x05\x01\x07", 3, 4, 10, NULL));     /* past the end */
  g_assert_true (_cb_search_map_decode (NULL, 0, 7, 7, NULL));
  g_assert_false (_cb_search_map_decode (NULL, 0, 7, 8, NULL));

  /* from units back to code points */
  _cb_fold_cursor_init (&cursor, (const CbFoldGroup *) groups->data, groups->len);
  g_assert_cmpint (_cb_fold_cursor_start (&cursor, 0, &aligned), ==, 0);
  g_assert_true (aligned);
  g_assert_cmpint (_cb_fold_cursor_start (&cursor, 2, &aligned), ==, 3);
  g_assert_cmpint (_cb_fold_cursor_start (&cursor, 4, &aligned), ==, 4);
  g_assert_false (aligned);
  g_assert_cmpint (_cb_fold_cursor_start (&cursor, 7, &aligned), ==, 8);      /* d, after the break */
  g_assert_true (aligned);
  g_assert_cmpint (_cb_fold_cursor_start (&cursor, 9, &aligned), ==, 9);
  g_assert_false (aligned);
  _cb_fold_cursor_init (&cursor, (const CbFoldGroup *) groups->data, groups->len);
  g_assert_cmpint (_cb_fold_cursor_end (&cursor, 2, &aligned), ==, 3);        /* "a " ends after both spaces */
  g_assert_true (aligned);
  g_assert_cmpint (_cb_fold_cursor_end (&cursor, 5, &aligned), ==, 5);
  g_assert_false (aligned);
  g_assert_cmpint (_cb_fold_cursor_end (&cursor, 7, &aligned), ==, 6);        /* "c" ends before the hyphen */
  g_assert_true (aligned);
  g_assert_cmpint (_cb_fold_cursor_end (&cursor, 11, &aligned), ==, 12);      /* e with its mark */
  g_assert_true (aligned);
}

/* Every mode agrees with the fast path: ASCII blocks and the table. */
static void
test_fold_blocks (void)
{
  static const char * const texts[] = {
    "Abcdefgh ijklmnop  QRSTUVWX\tyz-\nab -- x - y",
    "12345678 12345678        1234567-\n8abcdefg",
    "aaaaaaa  bbbbbbb\n\n\nccccccccc ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    for (CbFoldMode mode = 0; mode <= CB_FOLD_ALL; mode++)
      {
        g_autoptr(GString) one_by_one = g_string_new (NULL);
        g_autofree char *whole = NULL;
        gsize length;
        gboolean white = FALSE;
        const char *t = texts[i];

        whole = _cb_search_fold_mode (t, strlen (t), mode, &length, NULL, NULL);
        /* the same, folded by hand: runs of white space, hyphen + break, case */
        for (const char *p = t; *p != '\0'; p++)
          {
            if ((mode & CB_FOLD_EQUIV) && g_ascii_isspace (*p))
              {
                if (!white)
                  g_string_append_c (one_by_one, ' ');
                white = TRUE;
                continue;
              }
            white = FALSE;
            if ((mode & CB_FOLD_EQUIV) && *p == '-' && p[1] == '\n' && p > t &&
                g_ascii_isalpha (p[-1]) && g_ascii_isalpha (p[2]))
              {
                p++;
                continue;
              }
            g_string_append_c (one_by_one, (mode & CB_FOLD_CASE) ? g_ascii_tolower (*p) : *p);
          }
        g_assert_cmpstr (whole, ==, one_by_one->str);
      }
}

/* The folded copy is read from a file: a broken map is not used, a valid
 * map of another text still gives offsets inside the text, and a copy of
 * another folding is made again. */
static void
test_untrusted_copy (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  add_document (f, "u", PREFIX "een  een\xE2\x80\xA6 een\n");
  g_assert_true (cb_search_prepare (f->project, &error));
  g_assert_no_error (error);
  assert_search (f, "een", 0, "4-7 9-12 14-17");

  /* a map that does not decode: folded again in memory */
  run_sql (f, "UPDATE document_folded SET dropped = x'ff'");
  assert_search (f, "een", 0, "4-7 9-12 14-17");
  assert_search (f, "een een...", 0, "4-13");

  /* a map that adds up but says other things: never outside the text */
  run_sql (f, "UPDATE document_folded SET dropped = x'000103' || x'000101'");
  {
    g_autofree char *got = search (f, "een", 0);

    g_assert_nonnull (got);
  }

  /* folded text that is not UTF-8 or not of that length: not used */
  run_sql (f, "UPDATE document_folded SET text = CAST (x'ff65656e' AS TEXT), dropped = NULL");
  assert_search (f, "een", 0, "4-7 9-12 14-17");

  /* a copy of the first folding (key 1) is made again */
  run_sql (f, "UPDATE document_folded SET fold_key = '1:15.0', dropped = NULL");
  assert_search (f, "een", 0, "4-7 9-12 14-17");
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT fold_key, length (dropped) FROM document_folded", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 0), "2:"));
  g_assert_cmpint (sqlite3_column_int (stmt, 1), >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
assert_parse (const char *query,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSearchQuery) parsed = cb_search_query_parse (query, &error);
  g_autofree char *described = NULL;

  g_assert_no_error (error);
  g_assert_true (cb_search_query_detect (query));
  described = cb_search_query_describe (parsed);
  g_assert_cmpstr (described, ==, expected);
}

static void
assert_parse_error (const char *query,
                    guint       position)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSearchQuery) parsed = cb_search_query_parse (query, &error);
  g_autofree char *where = g_strdup_printf ("character %u:", position);

  g_assert_null (parsed);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  if (strstr (error->message, where) == NULL)
    g_error ("%s: “%s” does not name %s", query, error->message, where);
}

static void
test_query_grammar (void)
{
  /* precedence: NEAR, then NOT, AND, OR; left-associative */
  assert_parse ("a OR b AND c", "(OR \"a\" (AND \"b\" \"c\"))");
  assert_parse ("a AND b NOT c", "(AND \"a\" (NOT \"b\" \"c\"))");
  assert_parse ("a NOT b NEAR/3 c", "(NOT \"a\" (NEAR/3 \"b\" \"c\"))");
  assert_parse ("a OR b OR c", "(OR (OR \"a\" \"b\") \"c\")");
  assert_parse ("(a OR b) AND c", "(AND (OR \"a\" \"b\") \"c\")");
  assert_parse ("de client AND \"NOT this\" now", "(AND \"de client\" \"NOT this now\")");
  assert_parse ("\xE2\x80\x9C" "a OR b\xE2\x80\x9D OR c", "(OR \"a OR b\" \"c\")");
  assert_parse ("l’été NEAR/10 d'école", "(NEAR/10 \"l’été\" \"d'école\")");
  assert_parse ("((a))", "\"a\"");

  /* plain terms are no queries */
  g_assert_false (cb_search_query_detect ("a and b"));
  g_assert_false (cb_search_query_detect ("ANDROID OR-gate"));
  g_assert_false (cb_search_query_detect ("\"a b\""));
  g_assert_true (cb_search_query_detect ("ja (lacht)"));
  g_assert_true (cb_search_query_detect ("a NEAR/x b"));

  assert_parse_error ("(a OR b", 1);
  assert_parse_error ("a AND", 6);
  assert_parse_error ("a OR OR b", 6);
  assert_parse_error ("NEAR/x b", 1);
  assert_parse_error ("a NEAR/1000001 b", 3);
  assert_parse_error ("a) OR b", 2);
  assert_parse_error ("ja (lacht)", 4);
  assert_parse_error ("één AND \"b", 9);
  assert_parse_error ("\xF0\x9F\x98\x80 AND ()", 8);
}

static void
test_query_hits (Fixture       *f,
                 gconstpointer  data)
{
  /*               4         1         2         3         4         5
   *               456789012345678901234567890123456789012345678901 */
  add_document (f, "q", PREFIX "een twee drie vier\nvijf een zes\n\ntwee zeven\n");

  assert_search (f, "een NEAR/1 twee", 0, "4-12");
  assert_search (f, "twee NEAR/1 een", 0, "4-12");
  /* words: q̃ 0, een 1, twee 2, drie 3, vier 4, vijf 5, een 6, zes 7,
   * twee 8, zeven 9 (the emoji is no word); the pairs' spans merge */
  assert_search (f, "een NEAR/3 vier", 0, "4-31");
  assert_search (f, "een NEAR/2 vier", 0, "18-31");            /* across the line */
  assert_search (f, "een NEAR/1 vijf", 0, "23-31");
  assert_search (f, "een AND twee", 0, "4-7 8-12");
  assert_search (f, "een NOT twee", 0, "28-31");
  assert_search (f, "twee NOT een", 0, "37-41");
  assert_search (f, "zeven OR zes OR \"drie vier\"", 0, "13-22 32-35 42-47");
  assert_search (f, "een AND twee", CB_SEARCH_LITERAL, "");
  assert_search (f, "EEN AND twee", CB_SEARCH_MATCH_CASE, "");
}

static void
test_saved_searches (Fixture       *f,
                     gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  CbSearchOptions loaded = CB_SEARCH_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(CbSavedSearch) found = NULL;
  g_autofree char *undone = NULL;
  CbSavedSearch *first;

  add_document (f, "s", "een\n");
  options.flags = CB_SEARCH_WHOLE_WORD | CB_SEARCH_EXACT;
  options.document = "s";
  g_assert_true (cb_project_save_search (f->project, "  Eén  ", "een OR twee", &options, &error));
  g_assert_no_error (error);
  g_assert_true (cb_project_save_search (f->project, "Tweede", "twee", NULL, &error));
  g_assert_no_error (error);

  list = cb_project_list_searches (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = list->pdata[0];
  g_assert_cmpstr (first->name, ==, "Eén");
  g_assert_cmpstr (first->query, ==, "een OR twee");
  g_assert_cmpstr (first->options, ==, "whole-word=true\nexact=true\ndoc=s\n");
  cb_saved_search_get_options (first, &loaded);
  g_assert_cmpint (loaded.flags, ==, CB_SEARCH_WHOLE_WORD | CB_SEARCH_EXACT);
  g_assert_cmpstr (loaded.document, ==, "s");

  found = cb_project_lookup_search (f->project, "Tweede", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (found->query, ==, "twee");
  g_assert_null (cb_project_lookup_search (f->project, "Derde", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* names and queries are checked */
  g_assert_false (cb_project_save_search (f->project, " ", "x", NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_save_search (f->project, "a\x01", "x", NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_save_search (f->project, "Leeg", "", NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* each change is one undo step */
  g_assert_true (cb_project_delete_search (f->project, "Tweede", &error));
  g_assert_no_error (error);
  undone = cb_project_undo (f->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (undone, "Tweede"));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cb_project_list_searches (f->project, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_false (cb_project_delete_search (f->project, "Derde", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* rows from a file that are not valid are left out */
  run_sql (f, "INSERT INTO saved_search (uuid, name, query, options, position)"
              " VALUES ('x', CAST (x'ff' AS TEXT), 'q', '', 9)");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cb_project_list_searches (f->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/search-fold/equivalences", Fixture, NULL, fixture_set_up, test_equivalences, fixture_tear_down);
  g_test_add_func ("/search-fold/map", test_map);
  g_test_add_func ("/search-fold/blocks", test_fold_blocks);
  g_test_add ("/search-fold/untrusted-copy", Fixture, NULL, fixture_set_up, test_untrusted_copy, fixture_tear_down);
  g_test_add_func ("/search-fold/query-grammar", test_query_grammar);
  g_test_add ("/search-fold/query-hits", Fixture, NULL, fixture_set_up, test_query_hits, fixture_tear_down);
  g_test_add ("/search-fold/saved", Fixture, NULL, fixture_set_up, test_saved_searches, fixture_tear_down);

  return g_test_run ();
}
