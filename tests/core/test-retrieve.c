/* test-retrieve.c: retrieval in pages (CbSegmentCursor) against the whole
 * retrieval, counts, seeking, and the order across documents, spans, codes
 * and coders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

/* Documents added out of name order (ids do not follow names), with
 * astral emoji, combining marks and accents, so that code point offsets
 * differ from bytes and UTF-16 alike. */
static const char *document_names[] = { "zeta", "Alpha", "beta", "empty", "Mid", "alpha" };
static const char *words[] = {
  "één", "cliënt", "👩‍👩‍👧", "q̇", "naïef", "🙂", "zorg", "e\xcc\x81\xcc\xa3", "Ⅻ", "koördinatie", "\xf0\x9d\x90\x80",
};
static const char *code_paths[] = { "A", "A / B", "A / B / C", "A / D", "E" };

static char *
make_text (GRand *rand,
           guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_c (text, i % 17 == 16 ? '\n' : ' ');
    }
  return g_string_free (text, FALSE);
}

/* Writes a batch of @n codings on @documents (CbDocumentInfo) with spans
 * drawn from @rand, several on the same span with other codes. */
static void
apply_batch (Fixture    *fixture,
             GPtrArray  *documents,
             GRand      *rand,
             guint       n)
{
  g_autoptr(GString) tsv = g_string_new (NULL);
  g_autofree char *file_path = g_build_filename (fixture->dir, "batch.tsv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      CbDocumentInfo *document = documents->pdata[g_rand_int_range (rand, 0, documents->len)];
      gint64 start;
      gint64 end;

      if (document->n_chars < 2)
        continue;
      start = g_rand_int_range (rand, 0, document->n_chars - 1);
      end = start + g_rand_int_range (rand, 1, 40);   /* not inside MIN(): evaluated once */
      end = MIN (end, document->n_chars);
      /* a span coded with two codes of the subtree */
      for (guint k = 0; k < (i % 5 == 0 ? 2u : 1u); k++)
        g_string_append_printf (tsv, "%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n", document->name,
                                start, end, code_paths[g_rand_int_range (rand, 0, G_N_ELEMENTS (code_paths))]);
    }
  g_file_set_contents (file_path, tsv->str, tsv->len, &error);
  g_assert_no_error (error);
  cb_project_apply_batch (fixture->project, file, FALSE, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) coded = g_ptr_array_new ();

  fixture->dir = g_dir_make_tmp ("codeboom-retrieve-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "p.codeboom", NULL);
  fixture->project = cb_project_create (fixture->path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (document_names); i++)
    {
      g_autofree char *text = g_str_equal (document_names[i], "empty")
        ? g_strdup ("niets gecodeerd hier")
        : make_text (rand, 400 + 150 * i);

      cb_project_add_document (fixture->project, document_names[i], text, "t.txt", NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (code_paths); i++)
    {
      cb_project_add_code (fixture->project, code_paths[i], NULL, NULL, &error);
      g_assert_no_error (error);
    }

  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    if (!g_str_equal (((CbDocumentInfo *) documents->pdata[i])->name, "empty"))
      g_ptr_array_add (coded, documents->pdata[i]);

  /* two coders, the second partly on the first one's spans */
  cb_project_set_coder (fixture->project, "ruth");
  apply_batch (fixture, coded, rand, 1500);
  g_rand_set_seed (rand, 20261203);
  cb_project_set_coder (fixture->project, "bert");
  apply_batch (fixture, coded, rand, 900);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
  g_autofree char *batch = g_build_filename (fixture->dir, "batch.tsv", NULL);

  g_clear_object (&fixture->project);

  g_remove (fixture->path);
  g_remove (wal);
  g_remove (shm);
  g_remove (batch);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
assert_same_segment (const CbSegment *a,
                     const CbSegment *b)
{
  g_assert_cmpint (a->coding_id, ==, b->coding_id);
  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpint (a->document_id, ==, b->document_id);
  g_assert_cmpstr (a->document_name, ==, b->document_name);
  g_assert_cmpint (a->code_id, ==, b->code_id);
  g_assert_cmpstr (a->code_path, ==, b->code_path);
  g_assert_cmpint (a->start, ==, b->start);
  g_assert_cmpint (a->end, ==, b->end);
  g_assert_cmpstr (a->coder, ==, b->coder);
  g_assert_cmpstr (a->created, ==, b->created);
  g_assert_cmpstr (a->memo, ==, b->memo);
  g_assert_cmpstr (a->text, ==, b->text);
}

static int
code_rank (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (code_paths); i++)
    if (g_str_equal (code_paths[i], path))
      return i;
  g_assert_not_reached ();
}

/* The order promised, checked pair by pair, and each text cut by code
 * points from its document's text. */
static void
assert_order_and_texts (Fixture   *fixture,
                        GPtrArray *segments)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];
      g_autofree char *text = NULL;
      g_autofree char *expected = NULL;
      gsize length;
      g_autoptr(GError) error = NULL;

      g_assert_false (g_hash_table_contains (seen, &segment->coding_id));
      g_hash_table_add (seen, &segment->coding_id);

      text = cb_project_dup_document_text (fixture->project, segment->document_id, &length, &error);
      g_assert_no_error (error);
      expected = cb_text_dup_range (text, length, segment->start, segment->end);
      g_assert_cmpstr (segment->text, ==, expected);

      if (i > 0)
        {
          CbSegment *previous = segments->pdata[i - 1];
          int c = strcmp (previous->document_name, segment->document_name);

          if (c == 0)
            c = previous->start < segment->start ? -1 : previous->start > segment->start;
          if (c == 0)
            c = previous->end < segment->end ? -1 : previous->end > segment->end;
          if (c == 0)
            c = code_rank (previous->code_path) - code_rank (segment->code_path);
          if (c == 0)
            c = strcmp (previous->coder, segment->coder);
          g_assert_cmpint (c, <, 0);
        }
    }
}

static void
test_pages_equal_whole (Fixture       *fixture,
                        gconstpointer  data)
{
  static const guint page_sizes[] = { 1, 7, 200, 1000, G_MAXUINT };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = cb_project_retrieve (fixture->project, "A", TRUE, &error);
  g_autoptr(GHashTable) documents = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  g_assert_cmpuint (whole->len, >, 2000);
  assert_order_and_texts (fixture, whole);
  for (guint i = 0; i < whole->len; i++)
    g_hash_table_add (documents, ((CbSegment *) whole->pdata[i])->document_name);
  g_assert_cmpuint (g_hash_table_size (documents), ==, 5);

  for (guint p = 0; p < G_N_ELEMENTS (page_sizes); p++)
    for (guint snapshot = 0; snapshot < 2; snapshot++)
      {
        g_autoptr(CbSegmentCursor) cursor = NULL;
        guint n = 0;

        cursor = cb_project_retrieve_cursor (fixture->project, "A",
                                             CB_RETRIEVE_DESCENDANTS | (snapshot ? CB_RETRIEVE_SNAPSHOT : 0),
                                             &error);
        g_assert_no_error (error);
        for (;;)
          {
            g_autoptr(GPtrArray) page = cb_segment_cursor_next_page (cursor, page_sizes[p], &error);

            g_assert_no_error (error);
            if (page->len == 0)
              break;
            g_assert_cmpuint (page->len, <=, page_sizes[p]);
            /* every page but the last is full */
            g_assert_true (page->len == page_sizes[p] || n + page->len == whole->len);
            for (guint i = 0; i < page->len; i++)
              assert_same_segment (page->pdata[i], whole->pdata[n + i]);
            n += page->len;
            g_assert_cmpuint (cb_segment_cursor_get_position (cursor), ==, n);
          }
        g_assert_cmpuint (n, ==, whole->len);
      }
}

/* The borrowed pages (cb_segment_cursor_next_view) hold what the copied
 * ones hold, and stay intact while the caller reads them: each page is
 * checked after a seek elsewhere and back has loaded other documents (the
 * cursor keeps what a page points to until the next page). */
static void
test_views_equal_whole (Fixture       *fixture,
                        gconstpointer  data)
{
  static const guint page_sizes[] = { 1, 5, 333, G_MAXUINT };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = cb_project_retrieve (fixture->project, "A", TRUE, &error);

  g_assert_no_error (error);
  for (guint p = 0; p < G_N_ELEMENTS (page_sizes); p++)
    {
      g_autoptr(CbSegmentCursor) cursor = NULL;
      guint n = 0;

      cursor = cb_project_retrieve_cursor (fixture->project, "A", CB_RETRIEVE_DESCENDANTS | CB_RETRIEVE_SNAPSHOT,
                                           &error);
      g_assert_no_error (error);
      for (;;)
        {
          const CbSegment *page = NULL;
          guint n_page = 0;
          guint64 after;

          g_assert_true (cb_segment_cursor_next_view (cursor, page_sizes[p], &page, &n_page, &error));
          g_assert_no_error (error);
          if (n_page == 0)
            break;
          g_assert_cmpuint (n_page, <=, page_sizes[p]);
          after = cb_segment_cursor_get_position (cursor);
          g_assert_cmpuint (after, ==, n + n_page);
          /* elsewhere (the last document) and back */
          g_assert_true (cb_segment_cursor_seek (cursor, whole->len - 1, &error));
          g_assert_true (cb_segment_cursor_seek (cursor, after, &error));
          g_assert_no_error (error);
          for (guint i = 0; i < n_page; i++)
            assert_same_segment (&page[i], whole->pdata[n + i]);
          n += n_page;
        }
      g_assert_cmpuint (n, ==, whole->len);
    }
}

/* The quotes XML of a code counts its <codes> and <documents> from the
 * codings' spans alone; with a filter it counts from the quotes it reads.
 * A filter that passes every coding (both coders) must give the same
 * bytes, here with several coders on one span, several codes of the
 * subtree on one span, and emoji and combining marks in the texts. */
static void
test_quotes_counts_agree (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char *codes[] = { "A", "A / B", "E" };
  g_autoptr(GError) error = NULL;

  g_setenv ("SOURCE_DATE_EPOCH", "1764720000", TRUE);
  for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
    for (guint only = 0; only < 2; only++)
      {
        g_autoptr(CbCaseFilter) filter = cb_case_filter_new (NULL, &error);
        g_autoptr(GBytes) counted = NULL;
        g_autoptr(GBytes) filtered = NULL;
        CbExportQuotesFlags flags = only ? CB_EXPORT_QUOTES_ONLY : 0;

        g_assert_no_error (error);
        cb_case_filter_add_coder (filter, "ruth");
        cb_case_filter_add_coder (filter, "bert");
        counted = cb_export_quotes_full (fixture->project, codes[c], flags, &error);
        g_assert_no_error (error);
        filtered = cb_export_quotes_where (fixture->project, codes[c], flags, filter, &error);
        g_assert_no_error (error);
        g_assert_true (g_bytes_equal (counted, filtered));
        /* and it holds quotes with counts */
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (counted, NULL), g_bytes_get_size (counted), "<quote "));
      }
  g_unsetenv ("SOURCE_DATE_EPOCH");
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  for (guint c = 0; c < G_N_ELEMENTS (code_paths); c++)
    for (guint descendants = 0; descendants < 2; descendants++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) whole = cb_project_retrieve (fixture->project, code_paths[c], descendants, &error);
        g_autoptr(GHashTable) documents = g_hash_table_new (g_str_hash, g_str_equal);
        g_autoptr(CbSegmentCursor) cursor = NULL;
        guint64 n_segments = 0;
        guint n_documents = 0;

        g_assert_no_error (error);
        for (guint i = 0; i < whole->len; i++)
          g_hash_table_add (documents, ((CbSegment *) whole->pdata[i])->document_name);

        g_assert_cmpint (cb_project_count_segments (fixture->project, code_paths[c], descendants, &error),
                         ==, whole->len);
        g_assert_no_error (error);

        cursor = cb_project_retrieve_cursor (fixture->project, code_paths[c],
                                             descendants ? CB_RETRIEVE_DESCENDANTS : 0, &error);
        g_assert_no_error (error);
        g_assert_true (cb_segment_cursor_count (cursor, &n_segments, &n_documents, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (n_segments, ==, whole->len);
        g_assert_cmpuint (n_documents, ==, g_hash_table_size (documents));
      }
}

static void
test_seek (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = cb_project_retrieve (fixture->project, "A", TRUE, &error);
  g_autoptr(CbSegmentCursor) cursor = cb_project_retrieve_cursor (fixture->project, "A",
                                                                  CB_RETRIEVE_DESCENDANTS, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GPtrArray) end = NULL;

  g_assert_no_error (error);
  /* forwards, backwards, into the middle of a document and to its edges */
  for (guint k = 0; k < 200; k++)
    {
      guint position = k < 3 ? (guint[]) { 0, whole->len - 1, 1 }[k] : (guint) g_rand_int_range (rand, 0, whole->len);
      guint n = g_rand_int_range (rand, 1, 60);
      guint expected_len;
      g_autoptr(GPtrArray) page = NULL;

      g_assert_true (cb_segment_cursor_seek (cursor, position, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (cb_segment_cursor_get_position (cursor), ==, position);
      page = cb_segment_cursor_next_page (cursor, n, &error);
      g_assert_no_error (error);
      expected_len = MIN (n, whole->len - position);
      g_assert_cmpuint (page->len, ==, expected_len);
      for (guint i = 0; i < page->len; i++)
        assert_same_segment (page->pdata[i], whole->pdata[position + i]);
    }

  g_assert_true (cb_segment_cursor_seek (cursor, whole->len, &error));
  end = cb_segment_cursor_next_page (cursor, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (end->len, ==, 0);
}

/* Documents added in name order (ids follow names, so the statements
 * stream without seeking): reading a document again after a seek back,
 * and two cursors' passes, give the same segments. */
static void
test_seek_back_in_id_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-retrieve-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(CbSegmentCursor) cursor = NULL;
  static const char *names[] = { "a", "b", "c" };

  g_assert_no_error (error);
  project = cb_project_create (path, &error);
  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (names); d++)
    {
      cb_project_add_document (project, names[d], "een twee drie vier vijf zes zeven acht negen tien",
                               "t.txt", NULL, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < 8; k++)
        {
          cb_project_apply_creating (project, names[d], k % 2 ? "X / Y" : "X", k, k + 3, NULL, &error);
          g_assert_no_error (error);
        }
    }

  whole = cb_project_retrieve (project, "X", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (whole->len, ==, 24);
  cursor = cb_project_retrieve_cursor (project, "X", CB_RETRIEVE_DESCENDANTS | CB_RETRIEVE_SNAPSHOT, &error);
  g_assert_no_error (error);
  for (guint round = 0; round < 3; round++)
    {
      /* from a document read before: the first, the second, the middle of the first */
      guint from = (guint[]) { 0, 8, 3 }[round];
      g_autoptr(GPtrArray) page = NULL;

      if (round > 0)
        {
          g_assert_true (cb_segment_cursor_seek (cursor, from, &error));
          g_assert_no_error (error);
        }
      page = cb_segment_cursor_next_page (cursor, G_MAXUINT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (page->len, ==, whole->len - from);
      for (guint i = 0; i < page->len; i++)
        assert_same_segment (page->pdata[i], whole->pdata[from + i]);
    }

  g_clear_object (&cursor);
  g_clear_object (&project);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* Without a snapshot the project may change between pages: the cursor
 * goes on (a caller that must see one state starts over on ::changed). */
static void
test_change_between_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSegmentCursor) cursor = cb_project_retrieve_cursor (fixture->project, "E", 0, &error);
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GPtrArray) whole = NULL;

  g_assert_no_error (error);
  first = cb_segment_cursor_next_page (cursor, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 3);

  /* a coding at the very end, in the last document by name */
  cb_project_set_coder (fixture->project, "zoe");
  cb_project_apply (fixture->project, "zeta", "E", 0, 1, NULL, &error);
  g_assert_no_error (error);

  rest = cb_segment_cursor_next_page (cursor, G_MAXUINT, &error);
  g_assert_no_error (error);
  whole = cb_project_retrieve (fixture->project, "E", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len + rest->len, ==, whole->len);
  for (guint i = 0; i < rest->len; i++)
    assert_same_segment (rest->pdata[i], whole->pdata[3 + i]);
}

static void
test_unknown_code (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSegmentCursor) cursor = cb_project_retrieve_cursor (fixture->project, "Z", 0, &error);

  g_assert_null (cursor);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_count_segments (fixture->project, "Z", TRUE, &error), ==, -1);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

/* 50 cases over the coded documents (spans of all lengths, some whole
 * documents, some overlapping), each with a number: a filtered cursor,
 * read in pages of any size and counted, gives what the whole retrieval
 * filtered by the store's own overlap query (cb_project_filter_spans)
 * gives. */
static void
test_filtered_pages (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char *filters[] = { "n>20", "n<5", "case=c07", "n=999", "n!=3" };
  static const guint page_sizes[] = { 1, 7, 1000, G_MAXUINT };
  static const CbSpanRef ref = {
    G_STRUCT_OFFSET (CbSegment, document_id), G_STRUCT_OFFSET (CbSegment, start), G_STRUCT_OFFSET (CbSegment, end)
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = cb_project_list_documents (fixture->project, &error);
  g_autoptr(GPtrArray) coded = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < documents->len; i++)
    if (!g_str_equal (((CbDocumentInfo *) documents->pdata[i])->name, "empty"))
      g_ptr_array_add (coded, documents->pdata[i]);
  g_assert_true (cb_project_add_attribute (fixture->project, "n", CB_ATTRIBUTE_NUMBER, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 50; i++)
    {
      CbDocumentInfo *document = coded->pdata[i % coded->len];
      g_autofree char *name = g_strdup_printf ("c%02u", i);
      g_autofree char *value = g_strdup_printf ("%u", i);
      gint64 start = (i * 97) % (document->n_chars - 60);
      gint64 end = start + 1 + (i * 13) % 55;

      g_assert_true (cb_project_add_case (fixture->project, name, &error));
      g_assert_true (cb_project_assign_case (fixture->project, name, document->name, NULL,
                                             i % 10 == 9 ? -1 : start, end, &error));
      /* a second span elsewhere in the same document for some */
      if (i % 3 == 0)
        g_assert_true (cb_project_assign_case (fixture->project, name, document->name, NULL,
                                               (end + 200) % (document->n_chars - 60),
                                               (end + 200) % (document->n_chars - 60) + 60, &error));
      g_assert_true (cb_project_set_case_value (fixture->project, name, "n", value, &error));
      g_assert_no_error (error);
    }

  for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
    for (guint descendants = 0; descendants < 2; descendants++)
      {
        const char *expressions[] = { filters[f], NULL };
        g_autoptr(CbCaseFilter) filter = cb_case_filter_new (expressions, &error);
        g_autoptr(GPtrArray) expected = cb_project_retrieve (fixture->project, "A", descendants, &error);
        g_autoptr(GPtrArray) whole = NULL;
        g_autoptr(GHashTable) expected_documents = g_hash_table_new (g_int64_hash, g_int64_equal);

        g_assert_no_error (error);
        g_assert_true (cb_project_filter_spans (fixture->project, filter, expected, &ref, &error));
        g_assert_no_error (error);
        for (guint i = 0; i < expected->len; i++)
          g_hash_table_add (expected_documents, &((CbSegment *) expected->pdata[i])->document_id);
        /* the filters keep some and drop some (none for n=999) */
        if (g_str_equal (filters[f], "n=999"))
          g_assert_cmpuint (expected->len, ==, 0);
        else if (descendants)
          {
            g_autoptr(GPtrArray) all = cb_project_retrieve (fixture->project, "A", TRUE, &error);

            g_assert_cmpuint (expected->len, >, 0);
            g_assert_cmpuint (expected->len, <, all->len);
          }

        whole = cb_project_retrieve_filtered (fixture->project, "A", descendants, filter, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (whole->len, ==, expected->len);
        for (guint i = 0; i < whole->len; i++)
          assert_same_segment (whole->pdata[i], expected->pdata[i]);

        for (guint p = 0; p < G_N_ELEMENTS (page_sizes); p++)
          {
            CbRetrieveFlags flags = (descendants ? CB_RETRIEVE_DESCENDANTS : 0) | (p % 2 ? CB_RETRIEVE_SNAPSHOT : 0);
            g_autoptr(CbSegmentCursor) cursor = cb_project_retrieve_cursor_filtered (fixture->project, "A", flags,
                                                                                     filter, &error);
            guint64 n_segments = 0;
            guint n_documents = 0;
            guint n = 0;

            g_assert_no_error (error);
            g_assert_true (cb_segment_cursor_count (cursor, &n_segments, &n_documents, &error));
            g_assert_cmpuint (n_segments, ==, expected->len);
            g_assert_cmpuint (n_documents, ==, g_hash_table_size (expected_documents));
            for (;;)
              {
                g_autoptr(GPtrArray) page = cb_segment_cursor_next_page (cursor, page_sizes[p], &error);

                g_assert_no_error (error);
                if (page->len == 0)
                  break;
                g_assert_true (page->len == page_sizes[p] || n + page->len == expected->len);
                for (guint i = 0; i < page->len; i++)
                  assert_same_segment (page->pdata[i], expected->pdata[n + i]);
                n += page->len;
              }
            g_assert_cmpuint (n, ==, expected->len);

            /* seeking back lands on the filtered position */
            if (expected->len > 2)
              {
                g_autoptr(GPtrArray) page = NULL;
                guint middle = expected->len / 2;

                g_assert_true (cb_segment_cursor_seek (cursor, middle, &error));
                page = cb_segment_cursor_next_page (cursor, 2, &error);
                g_assert_no_error (error);
                g_assert_cmpuint (page->len, ==, 2);
                assert_same_segment (page->pdata[0], expected->pdata[middle]);
                assert_same_segment (page->pdata[1], expected->pdata[middle + 1]);
              }
          }
      }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/retrieve/pages-equal-whole", Fixture, NULL, fixture_setup, test_pages_equal_whole, fixture_teardown);
  g_test_add ("/retrieve/views-equal-whole", Fixture, NULL, fixture_setup, test_views_equal_whole, fixture_teardown);
  g_test_add ("/retrieve/quotes-counts-agree", Fixture, NULL, fixture_setup, test_quotes_counts_agree, fixture_teardown);
  g_test_add ("/retrieve/counts", Fixture, NULL, fixture_setup, test_counts, fixture_teardown);
  g_test_add ("/retrieve/seek", Fixture, NULL, fixture_setup, test_seek, fixture_teardown);
  g_test_add_func ("/retrieve/seek-back-in-id-order", test_seek_back_in_id_order);
  g_test_add ("/retrieve/change-between-pages", Fixture, NULL, fixture_setup, test_change_between_pages, fixture_teardown);
  g_test_add ("/retrieve/filtered-pages", Fixture, NULL, fixture_setup, test_filtered_pages, fixture_teardown);
  g_test_add ("/retrieve/unknown-code", Fixture, NULL, fixture_setup, test_unknown_code, fixture_teardown);

  return g_test_run ();
}
