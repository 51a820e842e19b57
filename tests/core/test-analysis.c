/* test-analysis.c: the analysis queries in the core: words and characters
 * of overlapping segments counted once, speakers, cancelling, the table
 * writers' escaping, and the charts drawn into a cairo context
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"
#include "cb-analysis.h"
#include "cb-chart.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

/* four turns: the interviewer's question is [13,29), the answer [43,…) */
static const char interview[] =
  "Interviewer: Hoe gaat het nu?\n\nRespondent: Het gaat goed, dank je. Het loket helpt.\n\n"
  "Interviewer: En verder?\n\nRespondent: Niets.\n";

static void
apply (Fixture    *f,
       const char *document,
       const char *path,
       gint64      start,
       gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_apply_creating (f->project, document, path, start, end, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cb-test-analysis-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "analysis.codeboom", NULL);
  f->project = cb_project_create (f->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (f->project, "tester");
  g_assert_cmpint (cb_project_add_document (f->project, "A", interview, "a.txt", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (f->project, "B", "Een fiets, twee fietsen.", "b.txt", NULL, &error), >, 0);
  g_assert_no_error (error);

  /* "Het gaat goed" [43,56) and "goed, dank je" [52,65) overlap in "goed" */
  apply (f, "A", "Gevoel / Positief", 43, 56);
  apply (f, "A", "Gevoel / Dank", 52, 65);
  /* the interviewer's question */
  apply (f, "A", "Gevoel", 13, 29);
  apply (f, "B", "Vervoer", 0, 9);
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

static gint64
cell (const CbAnalysisTable *table,
      const char            *row,
      const char            *column)
{
  int r = cb_analysis_table_find_row (table, row);
  int c = cb_analysis_table_find_column (table, column);

  g_assert_cmpint (r, >=, 0);
  g_assert_cmpint (c, >=, 0);
  return cb_analysis_table_count (table, (guint) r, (guint) c);
}

static CbAnalysisTable *
matrix (Fixture          *f,
        CbAnalysisColumns columns,
        CbAnalysisCount   count)
{
  g_autoptr(GError) error = NULL;
  CbMatrixQuery query = { NULL, FALSE, columns, NULL, count, CB_ANALYSIS_PERCENT_NONE };
  CbAnalysisTable *table = cb_analysis_matrix (f->project, &query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Overlapping segments: characters and words of their union, once. */
static void
test_overlaps_counted_once (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(CbAnalysisTable) codings = matrix (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COUNT_CODINGS);
  g_autoptr(CbAnalysisTable) characters = matrix (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COUNT_CHARACTERS);
  g_autoptr(CbAnalysisTable) words = matrix (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COUNT_WORDS);
  g_autoptr(CbAnalysisTable) documents = matrix (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COUNT_DOCUMENTS);

  g_assert_cmpuint (codings->n_rows, ==, 2);
  g_assert_cmpstr (codings->row_labels[0], ==, "Gevoel");
  g_assert_cmpint (cell (codings, "Gevoel", "A"), ==, 3);
  g_assert_cmpint (cell (codings, "Gevoel", "B"), ==, 0);
  /* [13,29) and [43,65): 16 + 22 */
  g_assert_cmpint (cell (characters, "Gevoel", "A"), ==, 38);
  /* "Hoe gaat het nu" + "Het gaat goed, dank je": 4 + 5, punctuation not a word */
  g_assert_cmpint (cell (words, "Gevoel", "A"), ==, 9);
  g_assert_cmpint (cell (words, "Vervoer", "B"), ==, 2);
  g_assert_cmpint (cell (documents, "Gevoel", "A"), ==, 1);
  g_assert_cmpint (cell (documents, "Vervoer", "A"), ==, 0);
}

static void
test_speakers (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CbAnalysisTable) table = matrix (f, CB_ANALYSIS_COLUMNS_SPEAKERS, CB_ANALYSIS_COUNT_CODINGS);

  g_assert_cmpint (cell (table, "Gevoel", "Interviewer"), ==, 1);
  g_assert_cmpint (cell (table, "Gevoel", "Respondent"), ==, 2);
  /* document B has no turns */
  g_assert_cmpint (cell (table, "Vervoer", "(no speaker)"), ==, 1);
}

static void
test_percent (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CbMatrixQuery query = { NULL, FALSE, CB_ANALYSIS_COLUMNS_SPEAKERS, NULL, CB_ANALYSIS_COUNT_CODINGS,
                          CB_ANALYSIS_PERCENT_ROW };
  g_autoptr(CbAnalysisTable) table = cb_analysis_matrix (f->project, &query, NULL, &error);
  g_autofree char *text = NULL;
  int row;

  g_assert_no_error (error);
  row = cb_analysis_table_find_row (table, "Gevoel");
  text = cb_analysis_table_format_cell (table, (guint) row, (guint) cb_analysis_table_find_column (table, "Respondent"));
  g_assert_cmpstr (text, ==, "66.7");
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CbMatrixQuery query = { NULL, FALSE, CB_ANALYSIS_COLUMNS_DOCUMENTS, NULL, CB_ANALYSIS_COUNT_WORDS,
                          CB_ANALYSIS_PERCENT_NONE };
  CbCooccurrenceQuery co = { NULL, FALSE, -1, CB_COOCCURRENCE_COUNT_SEGMENTS };
  g_autoptr(CbAnalysisTable) table = NULL;

  g_cancellable_cancel (cancellable);
  table = cb_analysis_matrix (f->project, &query, cancellable, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  table = cb_analysis_cooccurrence (f->project, &co, cancellable, &error);
  g_assert_null (table);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* the project is usable afterwards: the snapshot ended */
  table = cb_analysis_matrix (f->project, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
}

static void
test_cooccurrence (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CbCooccurrenceQuery query = { NULL, FALSE, -1, CB_COOCCURRENCE_COUNT_SEGMENTS };
  g_autoptr(CbAnalysisTable) table = cb_analysis_cooccurrence (f->project, &query, NULL, &error);
  g_autoptr(GPtrArray) pairs = NULL;
  CbSegmentPair *pair;

  g_assert_no_error (error);
  g_assert_cmpint (cell (table, "Gevoel / Positief", "Gevoel / Dank"), ==, 1);
  g_assert_cmpint (cell (table, "Gevoel / Dank", "Gevoel / Positief"), ==, 1);
  g_assert_cmpint (cell (table, "Gevoel", "Gevoel / Dank"), ==, 0);
  g_assert_cmpint (cell (table, "Gevoel", "Gevoel"), ==, 1);

  pairs = cb_analysis_cooccurrence_pairs (f->project, &query, "Gevoel / Positief", "Gevoel / Dank", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 1);
  pair = pairs->pdata[0];
  g_assert_cmpstr (pair->document_name, ==, "A");
  g_assert_cmpstr (pair->a_text, ==, "Het gaat goed");
  g_assert_cmpstr (pair->b_text, ==, "goed, dank je");
}

/* Labels with markup and separators are escaped in every format. */
static void
test_writers_escape (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbAnalysisTable) table = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) tsv = NULL;
  g_autofree char *html_text = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *tsv_text = NULL;

  g_assert_true (cb_project_rename_document (f->project, "B", "<b>\"x\", y & z</b>", &error));
  g_assert_no_error (error);
  table = matrix (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COUNT_CODINGS);
  html = cb_analysis_table_write (table, CB_ANALYSIS_FORMAT_HTML, &error);
  csv = cb_analysis_table_write (table, CB_ANALYSIS_FORMAT_CSV, &error);
  tsv = cb_analysis_table_write (table, CB_ANALYSIS_FORMAT_TSV, &error);
  g_assert_no_error (error);
  html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  tsv_text = g_strndup (g_bytes_get_data (tsv, NULL), g_bytes_get_size (tsv));
  g_assert_null (strstr (html_text, "<b>"));
  g_assert_nonnull (strstr (html_text, "&lt;b&gt;&quot;x&quot;, y &amp; z&lt;/b&gt;"));
  g_assert_true (g_str_has_prefix (csv_text, "code,\"<b>\"\"x\"\", y & z</b>\",A\r\n"));
  g_assert_true (g_str_has_prefix (tsv_text, "code\t<b>\"x\", y & z</b>\tA\n"));
}

/* Every chart draws into a cairo context without an error, at its size. */
static void
test_charts_draw (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CbAnalysisTable) table = matrix (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COUNT_CODINGS);
  CbChartKind kinds[] = { CB_CHART_BARS, CB_CHART_STACKED_BARS, CB_CHART_HEAT_MAP };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      double width;
      double height;
      cairo_surface_t *surface;
      cairo_t *cr;
      guint32 *pixels;
      gboolean inked = FALSE;

      cb_chart_get_size (table, kinds[k], &width, &height);
      g_assert_cmpfloat (width, >, 100);
      g_assert_cmpfloat (height, >, 60);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width, (int) height);
      cr = cairo_create (surface);
      cb_chart_draw (cr, table, kinds[k]);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_flush (surface);
      pixels = (guint32 *) cairo_image_surface_get_data (surface);
      /* something other than the white background was drawn */
      for (int i = 0; i < (int) width * (int) height && !inked; i++)
        inked = (pixels[i] & 0xffffff) != 0xffffff;
      g_assert_true (inked);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static CbAnalysisTable *
matrix_by (Fixture            *f,
           CbAnalysisColumns   columns,
           const char         *attribute,
           CbAnalysisCount     count,
           const char * const *where)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCaseFilter) filter = where != NULL ? cb_case_filter_new (where, &error) : NULL;
  CbMatrixQuery query = { NULL, FALSE, columns, attribute, count, CB_ANALYSIS_PERCENT_NONE, filter };
  CbAnalysisTable *table;

  g_assert_no_error (error);
  table = cb_analysis_matrix (f->project, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Cases covering a speaker's turns and a whole document; an attribute's
 * values as columns in their order (numbers as numbers: 9.5 < 40 < 100),
 * counting codings and cases; a filter. */
static void
test_cases (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *senior[] = { "senior=yes", NULL };
  g_autoptr(CbAnalysisTable) by_case = NULL;
  g_autoptr(CbAnalysisTable) by_age = NULL;
  g_autoptr(CbAnalysisTable) by_senior = NULL;
  g_autoptr(CbAnalysisTable) cases = NULL;
  g_autoptr(CbAnalysisTable) filtered = NULL;
  g_autoptr(CbAnalysisTable) co = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  CbCooccurrenceQuery co_query = { NULL, FALSE, -1, CB_COOCCURRENCE_COUNT_SEGMENTS, NULL };
  CbMatrixQuery cell_query = { NULL, FALSE, CB_ANALYSIS_COLUMNS_ATTRIBUTE, "leeftijd", CB_ANALYSIS_COUNT_CODINGS,
                               CB_ANALYSIS_PERCENT_NONE, NULL };

  g_assert_true (cb_project_add_case (f->project, "R", &error));
  g_assert_true (cb_project_add_case (f->project, "I", &error));
  g_assert_true (cb_project_add_case (f->project, "Q", &error));
  g_assert_true (cb_project_assign_case (f->project, "R", "A", "Respondent", -1, -1, &error));
  g_assert_true (cb_project_assign_case (f->project, "I", "A", "Interviewer", -1, -1, &error));
  g_assert_true (cb_project_assign_case (f->project, "Q", "B", NULL, -1, -1, &error));
  g_assert_true (cb_project_add_attribute (f->project, "leeftijd", CB_ATTRIBUTE_NUMBER, NULL, &error));
  g_assert_true (cb_project_add_attribute (f->project, "senior", CB_ATTRIBUTE_BOOLEAN, NULL, &error));
  g_assert_true (cb_project_set_case_value (f->project, "R", "leeftijd", "40", &error));
  g_assert_true (cb_project_set_case_value (f->project, "I", "leeftijd", "9.5", &error));
  g_assert_true (cb_project_set_case_value (f->project, "Q", "leeftijd", "100", &error));
  g_assert_true (cb_project_set_case_value (f->project, "R", "senior", "ja", &error));
  g_assert_true (cb_project_set_case_value (f->project, "I", "senior", "nee", &error));
  g_assert_no_error (error);

  by_case = matrix_by (f, CB_ANALYSIS_COLUMNS_CASES, NULL, CB_ANALYSIS_COUNT_CODINGS, NULL);
  g_assert_cmpuint (by_case->n_columns, ==, 4);
  g_assert_cmpstr (by_case->column_labels[0], ==, "I");
  g_assert_cmpstr (by_case->column_labels[3], ==, "(no case)");
  g_assert_cmpint (cell (by_case, "Gevoel", "I"), ==, 1);
  g_assert_cmpint (cell (by_case, "Gevoel", "R"), ==, 2);
  g_assert_cmpint (cell (by_case, "Gevoel", "Q"), ==, 0);
  g_assert_cmpint (cell (by_case, "Vervoer", "Q"), ==, 1);
  g_assert_cmpint (cell (by_case, "Gevoel", "(no case)"), ==, 0);

  by_age = matrix_by (f, CB_ANALYSIS_COLUMNS_ATTRIBUTE, "leeftijd", CB_ANALYSIS_COUNT_CODINGS, NULL);
  g_assert_cmpuint (by_age->n_columns, ==, 4);
  g_assert_cmpstr (by_age->column_labels[0], ==, "9.5");
  g_assert_cmpstr (by_age->column_labels[1], ==, "40");
  g_assert_cmpstr (by_age->column_labels[2], ==, "100");
  g_assert_cmpint (cell (by_age, "Gevoel", "9.5"), ==, 1);
  g_assert_cmpint (cell (by_age, "Gevoel", "40"), ==, 2);
  g_assert_cmpint (cell (by_age, "Vervoer", "100"), ==, 1);

  by_senior = matrix_by (f, CB_ANALYSIS_COLUMNS_ATTRIBUTE, "senior", CB_ANALYSIS_COUNT_CASES, NULL);
  g_assert_cmpstr (by_senior->column_labels[0], ==, "no");
  g_assert_cmpstr (by_senior->column_labels[1], ==, "yes");
  g_assert_cmpstr (by_senior->column_labels[2], ==, "(no value)");
  g_assert_cmpint (cell (by_senior, "Gevoel", "no"), ==, 1);
  g_assert_cmpint (cell (by_senior, "Gevoel", "yes"), ==, 1);
  g_assert_cmpint (cell (by_senior, "Vervoer", "(no value)"), ==, 1);

  cases = matrix_by (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, NULL, CB_ANALYSIS_COUNT_CASES, NULL);
  g_assert_cmpint (cell (cases, "Gevoel", "A"), ==, 2);
  g_assert_cmpint (cell (cases, "Vervoer", "B"), ==, 1);

  /* only the respondent's turns pass */
  filtered = matrix_by (f, CB_ANALYSIS_COLUMNS_DOCUMENTS, NULL, CB_ANALYSIS_COUNT_CODINGS, senior);
  g_assert_cmpint (cell (filtered, "Gevoel", "A"), ==, 2);
  g_assert_cmpint (cell (filtered, "Vervoer", "B"), ==, 0);
  filter = cb_case_filter_new (senior, &error);
  co_query.filter = filter;
  co = cb_analysis_cooccurrence (f->project, &co_query, NULL, &error);
  g_assert_no_error (error);
  /* every code alone: Gevoel's own segment is the interviewer's question */
  g_assert_cmpint (cell (co, "Gevoel", "Gevoel"), ==, 0);
  g_assert_cmpint (cell (co, "Gevoel / Positief", "Gevoel / Positief"), ==, 1);
  g_assert_cmpint (cell (co, "Gevoel / Positief", "Gevoel / Dank"), ==, 1);

  /* a cell's codings, by value */
  segments = cb_analysis_matrix_cell (f->project, &cell_query, "Gevoel", "40", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);
  g_assert_cmpint (((CbSegment *) segments->pdata[0])->start, ==, 43);

  /* an unknown attribute is an error */
  cell_query.attribute = "geslacht";
  g_assert_null (cb_analysis_matrix (f->project, &cell_query, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/analysis/overlaps-counted-once", Fixture, NULL, fixture_set_up, test_overlaps_counted_once, fixture_tear_down);
  g_test_add ("/analysis/speakers", Fixture, NULL, fixture_set_up, test_speakers, fixture_tear_down);
  g_test_add ("/analysis/percent", Fixture, NULL, fixture_set_up, test_percent, fixture_tear_down);
  g_test_add ("/analysis/cancelled", Fixture, NULL, fixture_set_up, test_cancelled, fixture_tear_down);
  g_test_add ("/analysis/cooccurrence", Fixture, NULL, fixture_set_up, test_cooccurrence, fixture_tear_down);
  g_test_add ("/analysis/writers-escape", Fixture, NULL, fixture_set_up, test_writers_escape, fixture_tear_down);
  g_test_add ("/analysis/cases", Fixture, NULL, fixture_set_up, test_cases, fixture_tear_down);
  g_test_add ("/analysis/charts-draw", Fixture, NULL, fixture_set_up, test_charts_draw, fixture_tear_down);

  return g_test_run ();
}
