/* test-agreement.c: coders (counts, rename, merge) and intercoder agreement (issue 17)
 *
 * The coefficients are checked against figures computed by hand here and
 * against Krippendorff's own worked examples ("Computing Krippendorff's
 * Alpha-Reliability", 2011: A, binary data, two observers, α = 0.095; C,
 * nominal data, four observers with missing values, α = 0.743).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-core.h"

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("codeboom-agreement-XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

static CbProject *
new_project (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_path ("agreement.codeboom");
  CbProject *project = cb_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "doc", text, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (project, "X", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "X / sub", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "Y", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return project;
}

static void
code (CbProject  *project,
      const char *coder,
      const char *path,
      gint64      start,
      gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_set_coder (project, coder);
  g_assert_cmpint (cb_project_apply (project, "doc", path, start, end, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static CbAgreementTable *
agreement (CbProject          *project,
           CbAgreementQuery   *query)
{
  g_autoptr(GError) error = NULL;
  CbAgreementTable *table = cb_project_agreement (project, query, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

static CbAgreementRow *
find_row (CbAgreementTable *table,
          const char       *code_path,
          const char       *document)
{
  for (guint i = 0; i < table->rows->len; i++)
    {
      CbAgreementRow *row = table->rows->pdata[i];

      if (g_strcmp0 (row->code, code_path) == 0 && g_strcmp0 (row->document, document) == 0)
        return row;
    }
  g_assert_not_reached ();
}

static void
test_kappa (void)
{
  /* p_o = 0.6, p_e = 0.2·0.4 + 0.8·0.6 = 0.56: κ = 0.04 / 0.44 */
  g_assert_cmpfloat_with_epsilon (cb_agreement_kappa (1, 1, 3, 5), 0.04 / 0.44, 1e-12);
  /* perfect agreement, and none at all (each codes what the other leaves) */
  g_assert_cmpfloat_with_epsilon (cb_agreement_kappa (4, 0, 0, 6), 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (cb_agreement_kappa (0, 5, 5, 0), -1.0, 1e-12);
  /* chance level: independent coders with the same marginals */
  g_assert_cmpfloat_with_epsilon (cb_agreement_kappa (25, 25, 25, 25), 0.0, 1e-12);
  /* p_e = 1: both coded nothing, or both everything */
  g_assert_cmpfloat (cb_agreement_kappa (0, 0, 0, 10), ==, 1.0);
  g_assert_cmpfloat (cb_agreement_kappa (10, 0, 0, 0), ==, 1.0);
  g_assert_true (isnan (cb_agreement_kappa (0, 0, 0, 0)));
}

static void
test_alpha_published (void)
{
  /* Krippendorff (2011), A: binary data, two observers, no missing data */
  static const int a[] = {
    0, 1, 0, 0, 0, 0, 0, 0, 1, 0,
    1, 1, 1, 0, 0, 1, 0, 0, 0, 0,
  };
  /* C: nominal data, four observers, 12 units, missing values (-1) */
  static const int c[] = {
     1,  2, 3, 3, 2, 1, 4, 1, 2, -1, -1, -1,
     1,  2, 3, 3, 2, 2, 4, 1, 2,  5, -1,  3,
    -1,  3, 3, 3, 2, 3, 4, 2, 2,  5,  1, -1,
     1,  2, 3, 3, 2, 4, 4, 1, 2,  5,  1, -1,
  };
  static const int same[] = { 1, 1, 1, 1, 1, 1 };

  g_assert_cmpfloat_with_epsilon (cb_agreement_alpha_nominal (a, 2, 10), 1.0 - 19.0 * 4 / (14.0 * 6), 1e-12);
  g_assert_cmpfloat (fabs (cb_agreement_alpha_nominal (a, 2, 10) - 0.095), <, 0.0005);
  g_assert_cmpfloat (fabs (cb_agreement_alpha_nominal (c, 4, 12) - 0.743), <, 0.0005);
  g_assert_cmpfloat (cb_agreement_alpha_nominal (same, 2, 3), ==, 1.0);
}

/* Krippendorff's example A as characters: the same α through the sweep. */
static void
test_alpha_characters (void)
{
  g_autoptr(CbProject) project = new_project ("abcdefghij");
  const char *coders[] = { "A", "B", NULL };
  CbAgreementQuery query = { .coders = coders, .alpha = TRUE };
  g_autoptr(CbAgreementTable) table = NULL;
  CbAgreementRow *row;

  code (project, "A", "X", 1, 2);
  code (project, "A", "X", 8, 9);
  code (project, "B", "X", 0, 3);
  code (project, "B", "X", 5, 6);
  table = agreement (project, &query);
  row = find_row (table, "X", NULL);
  g_assert_cmpfloat_with_epsilon (row->alpha, 1.0 - 19.0 * 4 / (14.0 * 6), 1e-12);
  g_assert_cmpint (row->units, ==, 10);
  g_assert_cmpint (row->unanimous, ==, 6);
  g_assert_cmpfloat_with_epsilon (find_row (table, NULL, NULL)->alpha, row->alpha, 1e-12);
}

/* Emoji (one code point each, two UTF-16 units, four bytes) and a
 * combining mark that NFC cannot compose (q + U+0307) count as one
 * character each. */
static void
test_characters_emoji (void)
{
  /* 0 🙂, 1 q, 2 U+0307, 3 ' ', 4..7 "café", 8 ' ', 9 👍 10 🏽, 11 ! */
  g_autoptr(CbProject) project = new_project ("🙂q\u0307 café 👍🏽!");
  const char *coders[] = { "ann", "bob", NULL };
  CbAgreementQuery query = { .coders = coders };
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(GError) error = NULL;
  CbAgreementRow *row;
  gsize length;
  g_autofree char *text = NULL;
  gint64 n;

  text = cb_project_dup_document_text (project, 1, &length, &error);
  g_assert_no_error (error);
  n = g_utf8_strlen (text, -1);
  g_assert_cmpint (n, ==, 12);

  code (project, "ann", "X", 0, 3);      /* 🙂é */
  code (project, "ann", "X", 9, 11);     /* 👍🏽 */
  code (project, "bob", "X", 2, 8);      /* ◌́ café */
  code (project, "bob", "Y", 11, 12);    /* ! (Y by bob alone) */
  table = agreement (project, &query);

  row = find_row (table, "X", NULL);
  g_assert_cmpint (row->both, ==, 1);          /* the combining mark */
  g_assert_cmpint (row->a_only, ==, 4);        /* 🙂 q 👍 🏽 */
  g_assert_cmpint (row->b_only, ==, 5);        /* " café" */
  g_assert_cmpint (row->neither, ==, 2);
  g_assert_cmpfloat_with_epsilon (row->kappa, cb_agreement_kappa (1, 4, 5, 2), 1e-12);
  g_assert_cmpfloat_with_epsilon (row->agreement, 100.0 * 3 / 12, 1e-9);

  row = find_row (table, "Y", NULL);
  g_assert_cmpint (row->b_only, ==, 1);
  g_assert_cmpint (row->neither, ==, 11);
  /* "X / sub" was used by neither coder: no row */
  for (guint i = 0; i < table->rows->len; i++)
    g_assert_cmpstr (((CbAgreementRow *) table->rows->pdata[i])->code, !=, "X / sub");

  /* every code × document pooled */
  row = find_row (table, NULL, NULL);
  g_assert_cmpint (row->both, ==, 1);
  g_assert_cmpint (row->a_only, ==, 4);
  g_assert_cmpint (row->b_only, ==, 6);
  g_assert_cmpint (row->neither, ==, 13);
}

/* A code with its descendants; overlapping codings of one coder count once. */
static void
test_descendants_and_overlaps (void)
{
  g_autoptr(CbProject) project = new_project ("0123456789abcdefghij");
  const char *coders[] = { "ann", "bob", NULL };
  const char *codes[] = { "X", NULL };
  CbAgreementQuery query = { .coders = coders, .codes = codes };
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(CbAgreementTable) only = NULL;
  CbAgreementRow *row;

  code (project, "ann", "X", 0, 10);
  code (project, "ann", "X / sub", 5, 15);
  code (project, "bob", "X / sub", 0, 10);
  code (project, "bob", "Y", 0, 20);
  table = agreement (project, &query);
  row = find_row (table, "X", NULL);
  g_assert_cmpint (row->both, ==, 10);
  g_assert_cmpint (row->a_only, ==, 5);
  g_assert_cmpint (row->b_only, ==, 0);
  g_assert_cmpint (row->neither, ==, 5);
  g_assert_cmpuint (table->rows->len, ==, 2);

  query.only = TRUE;
  only = agreement (project, &query);
  row = find_row (only, "X", NULL);
  g_assert_cmpint (row->both, ==, 0);
  g_assert_cmpint (row->a_only, ==, 10);
  g_assert_cmpint (row->neither, ==, 10);
}

static void
test_segments (void)
{
  g_autoptr(CbProject) project = new_project ("0123456789012345678901234567890123456789"
                                              "0123456789012345678901234567890123456789");
  const char *coders[] = { "ann", "bob", NULL };
  CbAgreementQuery query = { .coders = coders, .unit = CB_AGREEMENT_UNIT_SEGMENT };
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(CbAgreementTable) loose = NULL;
  CbAgreementRow *row;

  code (project, "ann", "X", 0, 20);     /* bob 0..19: 19/20 = 95 % */
  code (project, "bob", "X", 0, 19);
  code (project, "bob", "X", 1, 20);     /* also 95 %, but ann's is taken */
  code (project, "ann", "X", 40, 50);    /* bob 42..50: 80 % */
  code (project, "bob", "X", 42, 50);
  code (project, "ann", "Y", 60, 70);    /* same span, other code: no match */
  code (project, "bob", "X", 60, 70);
  table = agreement (project, &query);
  row = find_row (table, "X", NULL);
  g_assert_cmpint (row->matched, ==, 1);
  g_assert_cmpint (row->a_unmatched, ==, 1);
  g_assert_cmpint (row->b_unmatched, ==, 3);
  g_assert_cmpfloat_with_epsilon (row->agreement, 100.0 * 2 / 6, 1e-9);
  g_assert_true (isnan (row->kappa));
  row = find_row (table, "Y", NULL);
  g_assert_cmpint (row->a_unmatched, ==, 1);
  /* pooled: p_o = 2/7, chance 1/2 (two codes) */
  row = find_row (table, NULL, NULL);
  g_assert_cmpint (row->matched, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->kappa, (2.0 / 7 - 0.5) / 0.5, 1e-12);

  query.overlap = 80;
  loose = agreement (project, &query);
  row = find_row (loose, "X", NULL);
  g_assert_cmpint (row->matched, ==, 2);
  g_assert_cmpint (row->a_unmatched, ==, 0);
  g_assert_cmpint (row->b_unmatched, ==, 2);
}

/* A document only one coder coded is out of scope unless named. */
static void
test_document_scope (void)
{
  g_autoptr(CbProject) project = new_project ("0123456789");
  g_autoptr(GError) error = NULL;
  const char *coders[] = { "ann", "bob", NULL };
  const char *docs[] = { "other", NULL };
  CbAgreementQuery query = { .coders = coders, .by_document = TRUE };
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(CbAgreementTable) named = NULL;
  CbAgreementRow *row;

  g_assert_cmpint (cb_project_add_document (project, "other", "abcde", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  code (project, "ann", "X", 0, 5);
  code (project, "bob", "X", 0, 5);
  cb_project_set_coder (project, "ann");
  g_assert_cmpint (cb_project_apply (project, "other", "X", 0, 2, NULL, &error), >, 0);
  g_assert_no_error (error);

  table = agreement (project, &query);
  row = find_row (table, "X", "doc");
  g_assert_cmpint (row->both, ==, 5);
  g_assert_cmpint (row->neither, ==, 5);
  g_assert_cmpfloat (row->kappa, ==, 1.0);
  g_assert_cmpuint (table->rows->len, ==, 4);   /* X doc, X pooled, all doc, all pooled */

  query.documents = docs;
  named = agreement (project, &query);
  row = find_row (named, "X", "other");
  g_assert_cmpint (row->a_only, ==, 2);
  g_assert_cmpint (row->neither, ==, 3);
  g_assert_cmpfloat (row->kappa, ==, 0.0);
}

static void
test_errors (void)
{
  g_autoptr(CbProject) project = new_project ("0123456789");
  g_autoptr(GError) error = NULL;
  const char *unknown[] = { "ann", "zoe", NULL };
  const char *twice[] = { "ann", "ann", NULL };
  const char *three[] = { "ann", "bob", "cat", NULL };
  CbAgreementQuery query = { .coders = unknown };

  code (project, "ann", "X", 0, 5);
  code (project, "bob", "X", 0, 5);
  g_assert_null (cb_project_agreement (project, &query, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“zoe”"));
  g_assert_nonnull (strstr (error->message, "ann, bob"));
  g_clear_error (&error);

  query.coders = twice;
  g_assert_null (cb_project_agreement (project, &query, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  query.coders = three;   /* three coders need α */
  g_assert_null (cb_project_agreement (project, &query, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
}

static void
test_stretches (void)
{
  g_autoptr(CbProject) project = new_project ("0123456789abcdefghij");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stretches = NULL;
  static const CbAgreementStretch expected[] = {
    { 0, 3, TRUE, FALSE }, { 3, 6, TRUE, TRUE }, { 6, 8, FALSE, TRUE }, { 12, 14, TRUE, FALSE },
  };

  code (project, "ann", "X", 0, 6);
  code (project, "ann", "X / sub", 12, 14);
  code (project, "bob", "X", 3, 8);
  stretches = cb_project_agreement_stretches (project, "ann", "bob", "X", FALSE, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stretches->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < stretches->len; i++)
    {
      CbAgreementStretch *s = &g_array_index (stretches, CbAgreementStretch, i);

      g_assert_cmpint (s->start, ==, expected[i].start);
      g_assert_cmpint (s->end, ==, expected[i].end);
      g_assert_cmpint (s->a, ==, expected[i].a);
      g_assert_cmpint (s->b, ==, expected[i].b);
    }
}

static gint64
count_codings (CbProject  *project,
               const char *coder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = cb_project_list_coder_summaries (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < coders->len; i++)
    if (g_str_equal (((CbCoderSummary *) coders->pdata[i])->name, coder))
      return ((CbCoderSummary *) coders->pdata[i])->n_codings;
  return -1;
}

static void
test_rename_and_merge (void)
{
  g_autoptr(CbProject) project = new_project ("0123456789abcdefghij");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autofree char *undone = NULL;
  gint64 merged = -1;
  gint64 memo_id;

  code (project, "an", "X", 0, 5);
  code (project, "an", "Y", 5, 10);
  code (project, "ann", "X", 0, 5);     /* the same as an's */
  code (project, "ann", "X", 10, 15);
  /* an's duplicate carries a memo: it must survive the merge */
  segments = cb_project_retrieve (project, "X", FALSE, &error);
  g_assert_no_error (error);
  memo_id = 0;
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *s = segments->pdata[i];

      if (g_str_equal (s->coder, "an") && s->start == 0)
        memo_id = s->coding_id;
    }
  g_assert_cmpint (memo_id, >, 0);
  g_assert_true (cb_project_set_coding_memo (project, memo_id, "eerste lezing", &error));
  g_assert_no_error (error);

  /* a plain rename */
  g_assert_true (cb_project_rename_coder (project, "an", "Anne", &merged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (merged, ==, 0);
  g_assert_cmpint (count_codings (project, "Anne"), ==, 2);
  g_assert_cmpint (count_codings (project, "an"), ==, -1);

  /* onto an existing coder: merged, the duplicate collapsed */
  g_assert_true (cb_project_rename_coder (project, "Anne", "ann", &merged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (merged, ==, 1);
  g_assert_cmpint (count_codings (project, "ann"), ==, 3);
  g_assert_cmpint (count_codings (project, "Anne"), ==, -1);
  g_clear_pointer (&segments, g_ptr_array_unref);
  segments = cb_project_retrieve (project, "X", FALSE, &error);
  g_assert_cmpuint (segments->len, ==, 2);
  for (guint i = 0; i < segments->len; i++)
    if (((CbSegment *) segments->pdata[i])->start == 0)
      g_assert_cmpstr (((CbSegment *) segments->pdata[i])->memo, ==, "eerste lezing");

  /* one undo step brings both coders back */
  undone = cb_project_undo (project, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_codings (project, "Anne"), ==, 2);
  g_assert_cmpint (count_codings (project, "ann"), ==, 2);

  /* errors */
  g_assert_false (cb_project_rename_coder (project, "nobody", "x", NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_coder (project, "ann", "  ", NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_coder (project, "ann", "a\u202Eb", NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
}

static void
test_write (void)
{
  g_autoptr(CbProject) project = new_project ("abcdefghij");
  const char *coders[] = { "A", "B", NULL };
  CbAgreementQuery query = { .coders = coders };
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(GBytes) tsv = NULL;
  g_autoptr(GBytes) csv = NULL;
  g_autofree char *tsv_text = NULL;
  g_autofree char *csv_text = NULL;

  code (project, "A", "X", 1, 2);
  code (project, "B", "X", 0, 3);
  table = agreement (project, &query);
  tsv = cb_agreement_table_write (table, CB_AGREEMENT_FORMAT_TSV);

  /* both 1, b_only 2, neither 7: p_o = 0.8, p_e = 0.1·0.3 + 0.9·0.7 */
  tsv_text = g_strndup (g_bytes_get_data (tsv, NULL), g_bytes_get_size (tsv));
  g_assert_cmpstr (tsv_text, ==,
                   "code\tagreement\tkappa\tboth\ta_only\tb_only\tneither\n"
                   "X\t80.00\t0.4118\t1\t0\t2\t7\n"
                   "(all codes)\t80.00\t0.4118\t1\t0\t2\t7\n");
  csv = cb_agreement_table_write (table, CB_AGREEMENT_FORMAT_CSV);
  csv_text = g_strndup (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv));
  g_assert_cmpstr (csv_text, ==,
                   "code,agreement,kappa,both,a_only,b_only,neither\r\n"
                   "X,80.00,0.4118,1,0,2,7\r\n"
                   "(all codes),80.00,0.4118,1,0,2,7\r\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agreement/kappa", test_kappa);
  g_test_add_func ("/agreement/alpha-published", test_alpha_published);
  g_test_add_func ("/agreement/alpha-characters", test_alpha_characters);
  g_test_add_func ("/agreement/characters-emoji", test_characters_emoji);
  g_test_add_func ("/agreement/descendants-and-overlaps", test_descendants_and_overlaps);
  g_test_add_func ("/agreement/segments", test_segments);
  g_test_add_func ("/agreement/document-scope", test_document_scope);
  g_test_add_func ("/agreement/errors", test_errors);
  g_test_add_func ("/agreement/stretches", test_stretches);
  g_test_add_func ("/agreement/write", test_write);
  g_test_add_func ("/coders/rename-and-merge", test_rename_and_merge);

  return g_test_run ();
}
