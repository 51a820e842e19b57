/* test-search.c: accent- and case-insensitive search, its scopes, auto-coding
 * and the code filter
 *
 * Every expected offset below was counted by hand on the literal texts; each
 * hit is also checked against cb_text_dup_range() of the stored text, so an
 * offset that points anywhere but at the hit fails.
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

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cb-test-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "search.codeboom", NULL);
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

/* Checks that every hit's offsets point at its match in the stored text,
 * and describes the hits as "doc:start-end doc:start-end …". */
static char *
describe_hits (Fixture   *f,
               GPtrArray *hits)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = hits->pdata[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      gsize length;

      text = cb_project_dup_document_text (f->project, hit->document_id, &length, &error);
      g_assert_no_error (error);
      expected = cb_text_dup_range (text, length, hit->start, hit->end);
      g_assert_cmpstr (hit->match, ==, expected);

      if (hit->before != NULL)
        {
          g_autofree char *before = cb_text_dup_range (text, length, MAX (0, hit->start - 3), hit->start);

          /* the tests below ask for 3 code points of context */
          g_assert_cmpstr (hit->before, ==, before);
        }

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", hit->document_name, hit->start, hit->end);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
search (Fixture       *f,
        const char    *term,
        CbSearchFlags  flags)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  options.flags = flags;
  options.context = 3;
  hits = cb_search_find (f->project, term, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (hits);

  /* Counting must agree with finding. */
  count = cb_search_count (f->project, term, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, hits->len);

  return describe_hits (f, hits);
}

static char *
search_in (Fixture               *f,
           const char            *term,
           const CbSearchOptions *options)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  hits = cb_search_find (f->project, term, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_search_count (f->project, term, options, NULL, &error), ==, hits->len);
  g_assert_no_error (error);
  return describe_hits (f, hits);
}

static void
assert_search (Fixture       *f,
               const char    *term,
               CbSearchFlags  flags,
               const char    *expected)
{
  g_autofree char *got = search (f, term, flags);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_fold (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Één", "een" },
    { "cliënt", "client" },
    { "CURAÇAO déjà-vu", "curacao deja-vu" },
    { "İstanbul", "istanbul" },           /* U+0130: case, then its base, then case again */
    { "q\xCC\x83x", "qx" },               /* q + combining tilde: no precomposed form */
    { "e\xCC\x81", "e" },                 /* decomposed input is composed first */
    { "\xF0\x9F\x98\x80\xCC\x81!", "\xF0\x9F\x98\x80!" },  /* a mark after an emoji */
    { "Straße", "straße" },               /* simple folding: ß stays one code point */
    { "\xEA\xB0\x80", "\xEA\xB0\x80" },   /* a Hangul syllable stays whole */
    { "\xE2\x80\x8D\xEF\xB8\x8F", "\xE2\x80\x8D\xEF\xB8\x8F" },  /* ZWJ, VS16: class 0, kept */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = cb_search_fold (cases[i].in, -1);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

/*                      0         1         2         3
 *                      0123456789012345678901234567890123456 */
#define ACCENTS_TEXT   "één een Één EEN cliënt client Cliënt eens"

static void
test_default_ignores_case_and_accents (Fixture       *f,
                                       gconstpointer  data)
{
  add_document (f, "a", ACCENTS_TEXT);

  assert_search (f, "een", 0, "a:0-3 a:4-7 a:8-11 a:12-15 a:37-40");
  assert_search (f, "ÉÉN", 0, "a:0-3 a:4-7 a:8-11 a:12-15 a:37-40");
  assert_search (f, "client", 0, "a:16-22 a:23-29 a:30-36");
  /* a decomposed term finds the composed text */
  assert_search (f, "e\xCC\x81" "e\xCC\x81n", 0, "a:0-3 a:4-7 a:8-11 a:12-15 a:37-40");
  assert_search (f, "xyz", 0, "");
}

static void
test_match_accents (Fixture       *f,
                    gconstpointer  data)
{
  add_document (f, "a", ACCENTS_TEXT);

  assert_search (f, "één", CB_SEARCH_MATCH_ACCENTS, "a:0-3 a:8-11");
  assert_search (f, "een", CB_SEARCH_MATCH_ACCENTS, "a:4-7 a:12-15 a:37-40");
  assert_search (f, "cliënt", CB_SEARCH_MATCH_ACCENTS, "a:16-22 a:30-36");
}

static void
test_match_case (Fixture       *f,
                 gconstpointer  data)
{
  add_document (f, "a", ACCENTS_TEXT);

  assert_search (f, "een", CB_SEARCH_MATCH_CASE, "a:0-3 a:4-7 a:37-40");
  assert_search (f, "Een", CB_SEARCH_MATCH_CASE, "a:8-11");
  assert_search (f, "Één", CB_SEARCH_MATCH_CASE | CB_SEARCH_MATCH_ACCENTS, "a:8-11");
  assert_search (f, "één", CB_SEARCH_MATCH_CASE | CB_SEARCH_MATCH_ACCENTS, "a:0-3");
  assert_search (f, "EEN", CB_SEARCH_MATCH_CASE | CB_SEARCH_MATCH_ACCENTS, "a:12-15");
}

/* Hits never overlap, and a candidate rejected for its accents does not
 * hide a real hit that overlaps it. */
static void
test_non_overlapping (Fixture       *f,
                      gconstpointer  data)
{
  add_document (f, "a", "aaaaa aáa");

  assert_search (f, "aa", 0, "a:0-2 a:2-4 a:6-8");
  assert_search (f, "áa", CB_SEARCH_MATCH_ACCENTS, "a:7-9");
  assert_search (f, "aa", CB_SEARCH_MATCH_ACCENTS, "a:0-2 a:2-4");
}

/* Marks NFC cannot compose fold to nothing; offsets must still point at
 * the stored text, and a hit keeps a letter's marks with it. */
static void
test_combining_marks (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* 0 x, 1 q, 2 U+0303, 3 y, 4 space, 5 q, 6 U+0303, 7 U+0323, 8 z,
   * 9 space, 10 U+1F600, 11 U+0301, 12 e, 13 e, 14 n, 15 space, 16 e, 17 e, 18 n */
  add_document (f, "m", "xq\xCC\x83y q\xCC\x83\xCC\xA3z \xF0\x9F\x98\x80\xCC\x81" "een een");

  first = search (f, "q", 0);
  g_assert_cmpstr (first, ==, "m:1-3 m:5-8");
  /* the same again, now from the stored folded copy */
  g_assert_true (cb_search_prepare (f->project, &error));
  g_assert_no_error (error);
  second = search (f, "q", 0);
  g_assert_cmpstr (second, ==, first);

  assert_search (f, "qy", 0, "m:1-4");
  assert_search (f, "qz", 0, "m:5-9");
  assert_search (f, "een", 0, "m:12-15 m:16-19");
  assert_search (f, "\xF0\x9F\x98\x80" "een", 0, "m:10-15");
  /* with accents significant a bare q is not a q with a tilde */
  assert_search (f, "q", CB_SEARCH_MATCH_ACCENTS, "");
  assert_search (f, "q\xCC\x83y", CB_SEARCH_MATCH_ACCENTS, "m:1-4");
  assert_search (f, "Q\xCC\x83Y", CB_SEARCH_MATCH_ACCENTS, "m:1-4");
  assert_search (f, "Q\xCC\x83Y", CB_SEARCH_MATCH_ACCENTS | CB_SEARCH_MATCH_CASE, "");
  /* case significant, accents not: the marks do not matter */
  assert_search (f, "qz", CB_SEARCH_MATCH_CASE, "m:5-9");
  assert_search (f, "Qz", CB_SEARCH_MATCH_CASE, "");
  /* whole words through the marks */
  assert_search (f, "qy", CB_SEARCH_WHOLE_WORD, "");
  assert_search (f, "xqy", CB_SEARCH_WHOLE_WORD, "m:0-4");
  assert_search (f, "een", CB_SEARCH_WHOLE_WORD, "m:12-15 m:16-19");
}

static void
test_astral (Fixture       *f,
             gconstpointer  data)
{
  /* emoji count one code point each */
  add_document (f, "e", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 één\xF0\x9F\x98\x80 Een");

  assert_search (f, "een", 0, "e:3-6 e:8-11");
  assert_search (f, "\xF0\x9F\x98\x80", 0, "e:0-1 e:1-2 e:6-7");
  assert_search (f, "een", CB_SEARCH_WHOLE_WORD, "e:3-6 e:8-11");
}

static void
test_whole_word (Fixture       *f,
                 gconstpointer  data)
{
  /*                    0         1         2         3
   *                    0123456789012345678901234567890123 */
  add_document (f, "w", "een eens ideeën één, (een) déjà-vu");

  assert_search (f, "een", CB_SEARCH_WHOLE_WORD, "w:0-3 w:16-19 w:22-25");
  assert_search (f, "een", 0, "w:0-3 w:4-7 w:12-15 w:16-19 w:22-25");
  assert_search (f, "deja", CB_SEARCH_WHOLE_WORD, "w:27-31");
  assert_search (f, "deja-vu", CB_SEARCH_WHOLE_WORD, "w:27-34");
  assert_search (f, "ej", CB_SEARCH_WHOLE_WORD, "");
}

/* French elisions: the word after the apostrophe is a whole word; Dutch
 * "auto's" still does not end after "auto". */
static void
test_whole_word_elision (Fixture       *f,
                         gconstpointer  data)
{
  /*                    0         1         2         3         4
   *                    01234567890123456789012345678901234567890123 */
  add_document (f, "fr", "C'est l'été, d’accord? Les auto's en l’Été.");

  assert_search (f, "ete", CB_SEARCH_WHOLE_WORD, "fr:8-11 fr:39-42");
  assert_search (f, "accord", CB_SEARCH_WHOLE_WORD, "fr:15-21");
  assert_search (f, "c'est", CB_SEARCH_WHOLE_WORD, "fr:0-5");
  assert_search (f, "est", CB_SEARCH_WHOLE_WORD, "fr:2-5");
  assert_search (f, "auto", CB_SEARCH_WHOLE_WORD, "");
  assert_search (f, "auto's", CB_SEARCH_WHOLE_WORD, "fr:27-33");
  /* the typographic apostrophe is the same one (the matching equivalence) */
  assert_search (f, "l'ete", CB_SEARCH_WHOLE_WORD, "fr:6-11 fr:37-42");
  assert_search (f, "l'ete", CB_SEARCH_WHOLE_WORD | CB_SEARCH_EXACT, "fr:6-11");
  assert_search (f, "ete", CB_SEARCH_WHOLE_WORD | CB_SEARCH_REGEX, "");
  assert_search (f, "[ée]t[ée]", CB_SEARCH_WHOLE_WORD | CB_SEARCH_REGEX, "fr:8-11 fr:39-42");
}

static void
test_regex (Fixture       *f,
            gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  /*                    0         1         2         3
   *                    01234567890123456789012345678901234 */
  add_document (f, "r", "Cliënt cliënten client\nÉén een");

  assert_search (f, "cli[eë]nt(en)?", CB_SEARCH_REGEX, "r:0-6 r:7-15 r:16-22");
  assert_search (f, "cliënt", CB_SEARCH_REGEX, "r:0-6 r:7-13");
  assert_search (f, "cliënt", CB_SEARCH_REGEX | CB_SEARCH_MATCH_CASE, "r:7-13");
  assert_search (f, "^één", CB_SEARCH_REGEX, "r:23-26");
  assert_search (f, "\\bcli\\w+\\b", CB_SEARCH_REGEX, "r:0-6 r:7-15 r:16-22");
  assert_search (f, "cli\\w+", CB_SEARCH_REGEX | CB_SEARCH_WHOLE_WORD, "r:0-6 r:7-15 r:16-22");
  assert_search (f, "t\\s+[ÉE]", CB_SEARCH_REGEX | CB_SEARCH_MATCH_CASE, "r:21-24");
  /* empty matches are skipped */
  assert_search (f, "x*", CB_SEARCH_REGEX, "");

  options.flags = CB_SEARCH_REGEX;
  hits = cb_search_find (f->project, "cli(ent", &options, NULL, &error);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_assert_null (hits);
}

static void
test_bad_terms (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;

  add_document (f, "a", "een");

  g_assert_cmpint (cb_search_count (f->project, "", NULL, NULL, &error), ==, -1);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  /* a lone combining mark folds to nothing */
  g_assert_cmpint (cb_search_count (f->project, "\xCC\x81", NULL, NULL, &error), ==, -1);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  options.document = "nope";
  g_assert_cmpint (cb_search_count (f->project, "een", &options, NULL, &error), ==, -1);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  options.document = NULL;
  options.within_code = "Nope";
  g_assert_cmpint (cb_search_count (f->project, "een", &options, NULL, &error), ==, -1);
  g_assert_nonnull (error);
  g_clear_error (&error);

  options.within_code = NULL;
  options.speaker = "Nobody";
  g_assert_cmpint (cb_search_count (f->project, "een", &options, NULL, &error), ==, -1);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

static void
test_context (Fixture       *f,
              gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  CbSearchHit *hit;

  add_document (f, "c", "ab\n\xF0\x9F\x98\x80één\ncd");
  options.context = 2;
  hits = cb_search_find (f->project, "een", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  hit = hits->pdata[0];
  g_assert_cmpint (hit->start, ==, 4);
  g_assert_cmpint (hit->end, ==, 7);
  g_assert_cmpstr (hit->match, ==, "één");
  g_assert_cmpstr (hit->before, ==, "\n\xF0\x9F\x98\x80");
  g_assert_cmpstr (hit->after, ==, "\nc");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* context stops at the ends of the text */
  options.context = 50;
  hits = cb_search_find (f->project, "AB", &options, NULL, &error);
  g_assert_no_error (error);
  hit = hits->pdata[0];
  g_assert_cmpstr (hit->before, ==, "");
  g_assert_cmpstr (hit->after, ==, "\n\xF0\x9F\x98\x80één\ncd");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* no context unless asked for */
  options.context = -1;
  hits = cb_search_find (f->project, "cd", &options, NULL, &error);
  g_assert_no_error (error);
  hit = hits->pdata[0];
  g_assert_null (hit->before);
  g_assert_null (hit->after);
}

static void
test_scope_document (Fixture       *f,
                     gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autofree char *all = NULL;
  g_autofree char *only_b = NULL;

  add_document (f, "b", "een");
  add_document (f, "a", "één een");

  all = search (f, "een", 0);
  g_assert_cmpstr (all, ==, "a:0-3 a:4-7 b:0-3");
  options.document = "b";
  only_b = search_in (f, "een", &options);
  g_assert_cmpstr (only_b, ==, "b:0-3");
}

static void
apply (Fixture    *f,
       const char *document,
       const char *code,
       gint64      start,
       gint64      end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCodeInfo) info = cb_project_get_code (f->project, code, NULL);

  if (info == NULL)
    {
      cb_project_add_code (f->project, code, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  cb_project_apply (f->project, document, code, start, end, NULL, &error);
  g_assert_no_error (error);
}

static void
test_scope_within (Fixture       *f,
                   gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autofree char *under_theme = NULL;
  g_autofree char *under_leaf = NULL;
  g_autofree char *under_other = NULL;

  /*                    0         1         2         3
   *                    0123456789012345678901234567890123456 */
  add_document (f, "a", "een twee een drie een vier een vijf");
  add_document (f, "b", "een een");
  apply (f, "a", "Theme / Leaf", 0, 8);      /* "een twee" */
  apply (f, "a", "Theme / Leaf", 6, 12);     /* overlaps: "ee een" */
  apply (f, "a", "Theme", 17, 24);           /* " een vi": a hit inside */
  apply (f, "a", "Other", 26, 33);           /* " een vi" */
  apply (f, "b", "Theme / Leaf", 1, 7);      /* "en een": only the second */

  options.within_code = "Theme";
  under_theme = search_in (f, "een", &options);
  g_assert_cmpstr (under_theme, ==, "a:0-3 a:9-12 a:18-21 b:4-7");

  options.within_code = "Theme / Leaf";
  under_leaf = search_in (f, "een", &options);
  g_assert_cmpstr (under_leaf, ==, "a:0-3 a:9-12 b:4-7");

  options.within_code = "Other";
  under_other = search_in (f, "een", &options);
  g_assert_cmpstr (under_other, ==, "a:27-30");
}

/* Turns are written by the importers (another module); this test writes
 * them straight into the file so that it depends only on the schema. */
static void
add_turns (Fixture    *f,
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

/*                        0         1         2         3         4
 *                        0123456789012345678901234567890123456789012345 */
#define TURNS_TEXT       "Interviewer: een vraag?\n\nRespondent: Één. Een antwoord. Nog een.\n"

#define TURNS_SQL \
  "INSERT INTO speaker (id, document, name) SELECT 1, id, 'Interviewer' FROM document WHERE name = 't';" \
  "INSERT INTO speaker (id, document, name) SELECT 2, id, 'Respondent' FROM document WHERE name = 't';" \
  "INSERT INTO turn (document, speaker, start, end, text_start)" \
  "  SELECT id, 1, 0, 23, 13 FROM document WHERE name = 't';" \
  "INSERT INTO turn (document, speaker, start, end, text_start)" \
  "  SELECT id, 2, 25, 64, 37 FROM document WHERE name = 't';"

static void
test_scope_speaker (Fixture       *f,
                    gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  g_autofree char *respondent = NULL;
  g_autofree char *interviewer = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *coded_respondent = NULL;

  add_document (f, "t", TURNS_TEXT);
  add_turns (f, TURNS_SQL);

  options.speaker = "Respondent";
  respondent = search_in (f, "een", &options);
  g_assert_cmpstr (respondent, ==, "t:37-40 t:42-45 t:60-63");

  options.speaker = "Interviewer";
  interviewer = search_in (f, "een", &options);
  g_assert_cmpstr (interviewer, ==, "t:13-16");

  /* the speaker labels are not what the speaker said */
  labels = search_in (f, "respondent", &options);
  g_assert_cmpstr (labels, ==, "");

  /* both scopes at once */
  apply (f, "t", "Answer", 33, 50);
  options.speaker = "Respondent";
  options.within_code = "Answer";
  coded_respondent = search_in (f, "een", &options);
  g_assert_cmpstr (coded_respondent, ==, "t:37-40 t:42-45");
}

static GPtrArray *
find_all (Fixture    *f,
          const char *term)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = cb_search_find (f->project, term, NULL, NULL, &error);

  g_assert_no_error (error);
  return hits;
}

static char *
describe_segments (Fixture    *f,
                   const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = cb_project_retrieve (f->project, code, FALSE, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *s = segments->pdata[i];

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", s->document_name, s->start, s->end);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_code_hits (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coded = NULL;
  g_autofree char *label = NULL;
  guint n_coded = 99;
  guint n_existing = 99;

  add_document (f, "a", ACCENTS_TEXT);
  add_document (f, "b", "Een\n\xF0\x9F\x98\x80" "een");

  hits = find_all (f, "een");
  g_assert_cmpuint (hits->len, ==, 7);

  g_assert_true (cb_search_code_hits (f->project, hits, "Auto / één", CB_SEARCH_EXTEND_HIT,
                                      &n_coded, &n_existing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coded, ==, 7);
  g_assert_cmpuint (n_existing, ==, 0);

  /* exactly one coding per hit, on the hit */
  coded = describe_segments (f, "Auto / één");
  g_assert_cmpstr (coded, ==, "a:0-3 a:4-7 a:8-11 a:12-15 a:37-40 b:0-3 b:5-8");

  /* again: nothing new */
  g_assert_true (cb_search_code_hits (f->project, hits, "Auto / één", CB_SEARCH_EXTEND_HIT,
                                      &n_coded, &n_existing, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coded, ==, 0);
  g_assert_cmpuint (n_existing, ==, 7);

  /* the first run was one undo step, the second none: one undo takes
   * away every coding and the code the run created */
  label = cb_project_undo (f->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (label);
  g_assert_null (cb_project_get_code (f->project, "Auto", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

static void
test_code_extend (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sentences = NULL;
  g_autofree char *paragraphs = NULL;
  g_autofree char *turns = NULL;
  guint n_coded = 0;

  add_document (f, "t", TURNS_TEXT);
  add_turns (f, TURNS_SQL);
  hits = find_all (f, "een");
  g_assert_cmpuint (hits->len, ==, 4);

  /* sentences, trimmed of their white space; the interviewer's sentence
   * runs from the label */
  g_assert_true (cb_search_code_hits (f->project, hits, "S", CB_SEARCH_EXTEND_SENTENCE,
                                      &n_coded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coded, ==, 4);
  sentences = describe_segments (f, "S");
  g_assert_cmpstr (sentences, ==, "t:0-23 t:25-41 t:42-55 t:56-64");

  /* paragraphs: two hits share one */
  g_assert_true (cb_search_code_hits (f->project, hits, "P", CB_SEARCH_EXTEND_PARAGRAPH,
                                      &n_coded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coded, ==, 2);
  paragraphs = describe_segments (f, "P");
  g_assert_cmpstr (paragraphs, ==, "t:0-23 t:25-64");

  /* turns: the words after the label */
  g_assert_true (cb_search_code_hits (f->project, hits, "T", CB_SEARCH_EXTEND_TURN,
                                      &n_coded, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_coded, ==, 2);
  turns = describe_segments (f, "T");
  g_assert_cmpstr (turns, ==, "t:13-23 t:37-64");
}

/* Deleting a document deletes its folded copy: a new document that happens
 * to get the same id and length must not be searched through the old copy. */
static void
test_delete_document (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add_document (f, "x", "één");
  assert_search (f, "een", 0, "x:0-3");
  g_assert_true (cb_project_delete_document (f->project, "x", &error));
  g_assert_no_error (error);
  assert_search (f, "een", 0, "");

  add_document (f, "x", "abc");
  assert_search (f, "een", 0, "");
  assert_search (f, "abc", 0, "x:0-3");

  /* undo the add and the delete: the first text is back and found */
  g_free (cb_project_undo (f->project, &error));
  g_assert_no_error (error);
  g_free (cb_project_undo (f->project, &error));
  g_assert_no_error (error);
  assert_search (f, "een", 0, "x:0-3");
}

static void
test_code_filter (void)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_code_info_free);
  static const char * const paths[] = {
    "Thema 01 coördinatie",
    "Thema 01 coördinatie / Subthema 01.1 cliënt",
    "Thema 01 coördinatie / Subthema 01.1 cliënt / Code 01.1.1 één",
    "Coördinatie",
    "Werk / Coordinatoren",
    "Zorg / Cliëntenraad",
  };
  g_autofree char *result = NULL;
  g_autoptr(GPtrArray) matched = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CbCodeFilter) filter = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      CbCodeInfo *info = g_new0 (CbCodeInfo, 1);

      info->id = i + 1;
      info->path = g_strdup (paths[i]);
      info->depth = 0;
      for (const char *p = paths[i]; (p = strstr (p, " / ")) != NULL; p += 3)
        info->depth++;
      g_ptr_array_add (codes, info);
    }

  /* "coord": the name that is it, then names that start with it, then a
   * word inside a name, then parents */
  matched = cb_code_filter_codes (codes, "COORD");
  for (guint i = 0; i < matched->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ((CbCodeInfo *) matched->pdata[i])->id);
  g_assert_cmpstr (out->str, ==, "4,5,1,2,3");
  g_clear_pointer (&matched, g_ptr_array_unref);

  /* every word must match, accents ignored */
  matched = cb_code_filter_codes (codes, "client een");
  g_assert_cmpuint (matched->len, ==, 1);
  g_assert_cmpint (((CbCodeInfo *) matched->pdata[0])->id, ==, 3);
  g_clear_pointer (&matched, g_ptr_array_unref);

  matched = cb_code_filter_codes (codes, "cliënt");
  g_string_truncate (out, 0);
  for (guint i = 0; i < matched->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ((CbCodeInfo *) matched->pdata[i])->id);
  g_assert_cmpstr (out->str, ==, "6,2,3");
  g_clear_pointer (&matched, g_ptr_array_unref);

  /* an empty filter keeps everything in order; nonsense keeps nothing */
  matched = cb_code_filter_codes (codes, "  ");
  g_assert_cmpuint (matched->len, ==, G_N_ELEMENTS (paths));
  g_clear_pointer (&matched, g_ptr_array_unref);
  matched = cb_code_filter_codes (codes, "xyz");
  g_assert_cmpuint (matched->len, ==, 0);

  filter = cb_code_filter_new ("thema / één");
  g_assert_cmpint (cb_code_filter_score (filter, paths[2]), >, 0);
  g_assert_cmpint (cb_code_filter_score (filter, paths[0]), ==, -1);
}

/* Pages of any size joined are the whole search's hits, in the same
 * order with the same texts; a document's hits stay on one page; the page
 * after the last is empty. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  static const guint sizes[] = { 1, 2, 3, 7, 1000 };
  static const CbSearchFlags flags[] = { 0, CB_SEARCH_WHOLE_WORD, CB_SEARCH_MATCH_ACCENTS, CB_SEARCH_REGEX };
  static const char *terms[] = { "een", "een", "één", "e+n" };
  g_autoptr(GError) error = NULL;

  /* added out of name order; one without hits between others */
  add_document (f, "delta", "Één cliënt, een andere; geen een.\nEEN.");
  add_document (f, "Alpha", "Een keer een, twee keer een, drie keer een.");
  add_document (f, "charlie", "Niets te vinden hier.");
  add_document (f, "bravo", "één");
  add_document (f, "echo", "Ze zei: een, eén, één, EEN en geen.");

  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
      g_autoptr(GPtrArray) whole = NULL;

      options.flags = flags[t];
      options.context = 5;
      whole = cb_search_find (f->project, terms[t], &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (whole->len, >=, 3);

      for (guint p = 0; p < G_N_ELEMENTS (sizes); p++)
        {
          g_autofree char *after = NULL;
          guint n = 0;
          guint n_pages = 0;

          for (;;)
            {
              char *next = NULL;
              g_autoptr(GPtrArray) page = cb_search_find_page (f->project, terms[t], &options, after,
                                                               sizes[p], &next, NULL, &error);

              g_assert_no_error (error);
              g_assert_nonnull (page);
              n_pages++;
              for (guint i = 0; i < page->len; i++)
                {
                  CbSearchHit *hit = page->pdata[i];
                  CbSearchHit *expected = whole->pdata[n + i];

                  g_assert_cmpuint (n + i, <, whole->len);
                  g_assert_cmpstr (hit->document_name, ==, expected->document_name);
                  g_assert_cmpint (hit->start, ==, expected->start);
                  g_assert_cmpint (hit->end, ==, expected->end);
                  g_assert_cmpstr (hit->match, ==, expected->match);
                  g_assert_cmpstr (hit->before, ==, expected->before);
                  g_assert_cmpstr (hit->after, ==, expected->after);
                }
              /* a page ends at a document's end: the next hit is in another */
              if (page->len > 0 && n + page->len < whole->len)
                g_assert_cmpstr (((CbSearchHit *) page->pdata[page->len - 1])->document_name, !=,
                                 ((CbSearchHit *) whole->pdata[n + page->len])->document_name);
              /* full pages, but for the last */
              if (next != NULL)
                g_assert_cmpuint (page->len, >=, sizes[p]);
              n += page->len;
              g_free (after);
              after = next;
              if (next == NULL)
                break;
            }
          g_assert_cmpuint (n, ==, whole->len);
          if (sizes[p] == 1)
            g_assert_cmpuint (n_pages, >=, 3);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/search/fold", test_fold);
  ADD ("/search/default-ignores-case-and-accents", test_default_ignores_case_and_accents);
  ADD ("/search/match-accents", test_match_accents);
  ADD ("/search/match-case", test_match_case);
  ADD ("/search/non-overlapping", test_non_overlapping);
  ADD ("/search/combining-marks", test_combining_marks);
  ADD ("/search/astral", test_astral);
  ADD ("/search/whole-word", test_whole_word);
  ADD ("/search/whole-word-elision", test_whole_word_elision);
  ADD ("/search/regex", test_regex);
  ADD ("/search/bad-terms", test_bad_terms);
  ADD ("/search/context", test_context);
  ADD ("/search/scope/document", test_scope_document);
  ADD ("/search/scope/within", test_scope_within);
  ADD ("/search/scope/speaker", test_scope_speaker);
  ADD ("/search/code-hits", test_code_hits);
  ADD ("/search/code-extend", test_code_extend);
  ADD ("/search/delete-document", test_delete_document);
  ADD ("/search/pages", test_pages);
  g_test_add_func ("/code-filter/rank", test_code_filter);

  return g_test_run ();
}
