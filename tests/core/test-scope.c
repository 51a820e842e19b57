/* test-scope.c: the filter's scope options and name folding (issues 17, 19–21)
 *
 * A MAG-like transcript with emoji, a decomposed é and typographic
 * apostrophes, coded by two coders; phases, roles and sets written with
 * sqlite3 (their commands belong to other modules), then every consumer
 * of a CbCaseFilter asked with each option.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cb-core.h"
#include "cb-analysis.h"
#include "cb-names.h"

/* Each label recurs, so the turns are recognised.  The decomposed é is stored composed (NFC); ẋ̣ has no composed form and
 * stays three code points. */
static const char transcript[] =
  "Hélène: Bonjour 👋🏽 à tous.\n"
  "Nadia: L’e\xcc\x81" "cole 😀 est fermée.\n"
  "Karim: q\xcc\xa3\xcc\x87 Moi aussi 🚀 vraiment.\n"
  "Hélène: Merci à vous.\n"
  "Nadia: Oui.\n"
  "Karim: Bon.\n";

static char *stored;   /* the transcript as the project stores it */

/* The code point offset of @needle in the stored transcript. */
static gint64
at (const char *needle)
{
  const char *found = strstr (stored, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (stored, found);
}

static gint64
after (const char *needle)
{
  return at (needle) + g_utf8_strlen (needle, -1);
}

static void
apply (CbProject  *project,
       const char *coder,
       const char *document,
       gint64      start,
       gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_set_coder (project, coder);
  g_assert_cmpint (cb_project_apply (project, document, "T", start, end, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Phases, roles and a set as the MAG and exchange modules will store them. */
static void
sqlite_add_phases_roles_sets (const char *path)
{
  sqlite3 *db = NULL;
  g_autofree char *phase = g_strdup_printf ("INSERT INTO phase (document, name, start, end)"
                                            " SELECT id, 'récit', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT
                                            " FROM document WHERE name = 'mag'",
                                            at ("Nadia:"), at ("Karim:"));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_sql (db, phase);
  exec_sql (db, "INSERT INTO speaker_role (document, speaker, role) SELECT id, 'Hélène', 'facilitator' FROM document WHERE name = 'mag';"
                "INSERT INTO speaker_role (document, speaker, role) SELECT id, 'Nadia', 'narrator' FROM document WHERE name = 'mag';"
                "INSERT INTO speaker_role (document, speaker, role) SELECT id, 'Karim', 'participant' FROM document WHERE name = 'mag';"
                "INSERT INTO document_set (uuid, name, position) VALUES ('6f1c0e52-0000-4000-8000-000000000001', 'Équipe', 0);"
                "INSERT INTO document_set_member (document_set, document) SELECT 1, id FROM document WHERE name = 'mag';");
  sqlite3_close (db);
}

typedef struct
{
  char      *path;
  CbProject *project;
} Fixture;

/* A: Bonjour 👋🏽 (Anna, Hélène's turn); B: école 😀 (Bruno, Nadia's);
 * C: Moi aussi (Anna, Karim's); D: tous.⏎Nadia: L’ (Bruno, across
 * Hélène's and Nadia's); F: tous.⏎ (Anna, ending where the phase starts);
 * E: the other document (Anna). */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-scope-XXXXXX", NULL);
  g_autoptr(CbProject) project = NULL;
  gint64 id;

  f->path = g_build_filename (dir, "scope.codeboom", NULL);
  project = cb_project_create (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint ((id = cb_project_add_document (project, "mag", transcript, NULL, NULL, &error)), >, 0);
  g_clear_pointer (&stored, g_free);
  stored = cb_project_dup_document_text (project, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "autre", "Une autre pièce.\n", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "T", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  apply (project, "Anna", "mag", at ("Bonjour"), after ("Bonjour 👋🏽"));
  apply (project, "Bruno", "mag", at ("école"), after ("école 😀"));
  apply (project, "Anna", "mag", at ("q\xcc\xa3"), after ("Moi aussi"));
  apply (project, "Bruno", "mag", at ("tous."), after ("Nadia: L’"));
  apply (project, "Anna", "mag", at ("tous."), at ("Nadia:"));
  apply (project, "Anna", "autre", 4, 9);
  g_clear_object (&project);

  sqlite_add_phases_roles_sets (f->path);
  f->project = cb_project_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->project);
  g_free (f->path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* @expected ("a|b|c") in the order kept() gives. */
static char *
sorted (const char *expected)
{
  g_auto(GStrv) texts = g_strsplit (expected, "|", -1);

  qsort (texts, g_strv_length (texts), sizeof (char *), compare_strings);
  return g_strjoinv ("|", texts);
}

/* The texts of the segments @filter keeps, sorted, joined by "|". */
static char *
kept (Fixture      *f,
      CbCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = cb_project_retrieve_filtered (f->project, "T", TRUE, filter, &error);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < segments->len; i++)
    g_ptr_array_add (texts, ((CbSegment *) segments->pdata[i])->text);
  g_ptr_array_sort (texts, compare_strings);
  g_ptr_array_add (texts, NULL);
  return g_strjoinv ("|", (char **) texts->pdata);
}

static CbCaseFilter *
filter_of (CbScopeKind kind,
           ...)
{
  CbCaseFilter *filter = cb_case_filter_new (NULL, NULL);
  va_list args;

  va_start (args, kind);
  for (int k = kind; k != CB_SCOPE_N_KINDS; k = va_arg (args, int))
    cb_case_filter_add (filter, k, va_arg (args, const char *));
  va_end (args);
  return filter;
}

#define A "Bonjour 👋🏽"
#define B "école 😀"
#define C "q\xcc\xa3\xcc\x87 Moi aussi"
#define D "tous.\nNadia: L’"
#define E "autre"
#define F "tous.\n"

static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  static const struct { CbScopeKind k1; const char *v1; CbScopeKind k2; const char *v2; const char *expected; } cases[] = {
    { CB_SCOPE_CODER, "Anna", CB_SCOPE_N_KINDS, NULL, A "|" C "|" E "|" F },
    { CB_SCOPE_CODER, "bruno", CB_SCOPE_N_KINDS, NULL, B "|" D },               /* folded */
    { CB_SCOPE_SPEAKER, "Helene", CB_SCOPE_N_KINDS, NULL, A "|" D "|" F },      /* Hélène */
    { CB_SCOPE_SPEAKER, "Karim", CB_SCOPE_SPEAKER, "Nadia", B "|" C "|" D },    /* OR */
    { CB_SCOPE_ROLE, "narrator", CB_SCOPE_N_KINDS, NULL, B "|" D },
    { CB_SCOPE_ROLE, "participant", CB_SCOPE_N_KINDS, NULL, C },
    { CB_SCOPE_PHASE, "RECIT", CB_SCOPE_N_KINDS, NULL, B "|" D },               /* F ends where it starts */
    { CB_SCOPE_SET, "equipe", CB_SCOPE_N_KINDS, NULL, A "|" B "|" C "|" D "|" F },
    { CB_SCOPE_DOCUMENT, "Autre", CB_SCOPE_N_KINDS, NULL, E },
    { CB_SCOPE_CODER, "Bruno", CB_SCOPE_ROLE, "narrator", B "|" D },            /* AND */
    { CB_SCOPE_CODER, "Anna", CB_SCOPE_ROLE, "narrator", "" },
    { CB_SCOPE_CODER, "Anna", CB_SCOPE_SET, "Équipe", A "|" C "|" F },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CbCaseFilter) filter = filter_of (cases[i].k1, cases[i].v1, cases[i].k2, cases[i].v2,
                                                  CB_SCOPE_N_KINDS);
      g_autofree char *got = kept (f, filter);
      g_autofree char *expected = sorted (cases[i].expected);

      g_test_message ("case %u", i);
      g_assert_cmpstr (got, ==, expected);
    }
}

static void
test_other_consumers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCaseFilter) filter = filter_of (CB_SCOPE_CODER, "Bruno", CB_SCOPE_ROLE, "participant",
                                              CB_SCOPE_N_KINDS);
  g_autoptr(CbCaseFilter) by_anna = filter_of (CB_SCOPE_CODER, "anna", CB_SCOPE_N_KINDS);
  g_autoptr(CbCaseFilter) by_set = filter_of (CB_SCOPE_SET, "Équipe", CB_SCOPE_N_KINDS);
  g_autoptr(GPtrArray) segments = cb_project_retrieve (f->project, "T", TRUE, &error);
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(CbAnalysisTable) table = NULL;
  g_autoptr(CbSegmentCursor) cursor = NULL;
  CbFrequenciesQuery query = { 0 };
  const CbSpanRef without_coder = {
    G_STRUCT_OFFSET (CbSegment, document_id), G_STRUCT_OFFSET (CbSegment, start),
    G_STRUCT_OFFSET (CbSegment, end), 0
  };
  guint64 n = 0;
  guint n_documents = 0;
  int row;

  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 6);
  /* items without a coder (search hits): --coder does not apply */
  g_assert_true (cb_project_filter_spans (f->project, filter, segments, &without_coder, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpstr (((CbSegment *) segments->pdata[0])->text, ==, C);

  /* the documents a scope can reach */
  documents = cb_project_filter_documents (f->project, by_set, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (documents), ==, 1);

  /* the cursor counts as it pages */
  cursor = cb_project_retrieve_cursor_filtered (f->project, "T", CB_RETRIEVE_DESCENDANTS, by_anna, &error);
  g_assert_no_error (error);
  g_assert_true (cb_segment_cursor_count (cursor, &n, &n_documents, &error));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (n_documents, ==, 2);

  /* the analysis: Anna's four codings */
  query.codings_only = TRUE;
  query.filter = by_anna;
  table = cb_analysis_frequencies (f->project, &query, NULL, &error);
  g_assert_no_error (error);
  row = cb_analysis_table_find_row (table, "T");
  g_assert_cmpint (row, >=, 0);
  g_assert_cmpint (cb_analysis_table_count (table, row, 0), ==, 4);
}

static void
test_unknown_and_ambiguous (Fixture       *f,
                            gconstpointer  data)
{
  static const struct { CbScopeKind kind; const char *name; int code; const char *message; } cases[] = {
    { CB_SCOPE_SPEAKER, "Nobody", CB_PROJECT_ERROR_NOT_FOUND, "No document has a speaker named “Nobody”" },
    { CB_SCOPE_CODER, "Zoé", CB_PROJECT_ERROR_NOT_FOUND, "There is no coder named “Zoé”" },
    { CB_SCOPE_SET, "Gent", CB_PROJECT_ERROR_NOT_FOUND, "There is no document set named “Gent”" },
    { CB_SCOPE_PHASE, "analyse", CB_PROJECT_ERROR_NOT_FOUND, "No document has a phase named “analyse”" },
    { CB_SCOPE_ROLE, "boss", CB_PROJECT_ERROR_INVALID, "Unknown role “boss”: use narrator, participant, facilitator or observer" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CbCaseFilter) filter = filter_of (cases[i].kind, cases[i].name, CB_SCOPE_N_KINDS);
      g_autoptr(GPtrArray) segments = cb_project_retrieve_filtered (f->project, "T", TRUE, filter, &error);

      g_assert_null (segments);
      g_assert_error (error, CB_PROJECT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_name_resolve (void)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GPtrArray) two = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *found = NULL;

  g_ptr_array_add (one, "Hélène");
  g_ptr_array_add (two, "Hélène");
  g_ptr_array_add (two, "Helene");

  g_assert_true (cb_name_resolve ("Helene", one, &found, &error));
  g_assert_cmpstr (found, ==, "Hélène");
  g_assert_true (cb_name_resolve ("  HÉLÈNE ", one, &found, &error));
  g_assert_cmpstr (found, ==, "Hélène");
  /* decomposed: the same name once normalised, found exactly */
  g_assert_true (cb_name_resolve ("He\xcc\x81le\xcc\x80ne", two, &found, &error));
  g_assert_cmpstr (found, ==, "Hélène");
  /* exact first */
  g_assert_true (cb_name_resolve ("Helene", two, &found, &error));
  g_assert_cmpstr (found, ==, "Helene");
  g_assert_true (cb_name_resolve ("Karim", two, &found, &error));
  g_assert_null (found);
  g_assert_no_error (error);
  /* two fold alike, neither exact: the candidates are listed */
  g_assert_false (cb_name_resolve ("helene", two, &found, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“helene” is ambiguous: it could be “Hélène”, “Helene”");
  g_clear_error (&error);

  /* ligatures and ß fold to their letters */
  g_ptr_array_add (one, "Straße ﬁnale");
  g_assert_true (cb_name_resolve ("STRASSE finale", one, &found, &error));
  g_assert_cmpstr (found, ==, "Straße ﬁnale");
}

static void
test_where_names_fold (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *by_attribute[] = { "fonction=AS", NULL };
  const char *by_case[] = { "case=helene", NULL };
  g_autoptr(CbCaseFilter) attribute = NULL;
  g_autoptr(CbCaseFilter) named = NULL;
  g_autofree char *got = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (cb_project_add_case (f->project, "Hélène", &error));
  g_assert_true (cb_project_assign_case (f->project, "Hélène", "mag", "Hélène", -1, -1, &error));
  g_assert_true (cb_project_add_attribute (f->project, "Fonction", CB_ATTRIBUTE_TEXT, NULL, &error));
  g_assert_true (cb_project_set_case_value (f->project, "Hélène", "Fonction", "AS", &error));
  g_assert_no_error (error);

  attribute = cb_case_filter_new (by_attribute, &error);
  g_assert_no_error (error);
  got = kept (f, attribute);
  expected = sorted (A "|" D "|" F);
  g_assert_cmpstr (got, ==, expected);
  g_clear_pointer (&got, g_free);

  named = cb_case_filter_new (by_case, &error);
  cb_case_filter_add_coder (named, "Bruno");
  got = kept (f, named);
  g_assert_cmpstr (got, ==, D);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scope/names/resolve", test_name_resolve);
  g_test_add ("/scope/options", Fixture, NULL, fixture_set_up, test_options, fixture_tear_down);
  g_test_add ("/scope/consumers", Fixture, NULL, fixture_set_up, test_other_consumers, fixture_tear_down);
  g_test_add ("/scope/unknown", Fixture, NULL, fixture_set_up, test_unknown_and_ambiguous, fixture_tear_down);
  g_test_add ("/scope/where-folds", Fixture, NULL, fixture_set_up, test_where_names_fold, fixture_tear_down);

  return g_test_run ();
}
