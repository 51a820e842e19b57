/* test-quotes.c: the quotes pane over a code with thousands of segments:
 * the count from the count query, the first rows at once, any item fetched
 * by its page, a bounded cache, the scroll position kept on refresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-segment-model.h"
#include "cb-segment-row.h"
#include "ui-test-util.h"

#define N_PER_DOCUMENT 1800

static CbQuotesPane *
pane (UiFixture *fixture)
{
  return cb_window_get_quotes_pane (fixture->window);
}

static GListModel *
quotes (UiFixture *fixture)
{
  return cb_quotes_pane_get_quotes (pane (fixture));
}

/* Two transcripts, each coded N_PER_DOCUMENT times, alternately with
 * "Veel" and "Veel / Sub", in one batch. */
static void
code_many (UiFixture *fixture)
{
  g_autofree char *tsv_path = g_build_filename (fixture->dir, "batch.tsv", NULL);
  g_autoptr(GFile) tsv = g_file_new_for_path (tsv_path);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  ui_add_code (fixture, "Veel");
  ui_add_code (fixture, "Veel / Sub");

  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  for (guint d = 0; d < documents->len; d++)
    {
      const CbDocumentInfo *info = documents->pdata[d];

      g_assert_cmpint (info->n_chars, >, N_PER_DOCUMENT + 10);
      for (guint k = 0; k < N_PER_DOCUMENT; k++)
        g_string_append_printf (lines, "%s\t%u\t%u\t%s\n", info->name, k, k + 2 + k % 5,
                                k % 2 ? "Veel / Sub" : "Veel");
    }
  g_file_set_contents (tsv_path, lines->str, lines->len, &error);
  g_assert_no_error (error);
  g_assert_true (cb_project_apply_batch (fixture->project, tsv, FALSE, NULL, &error));
  g_assert_no_error (error);
  ui_pump ();
}

static void
assert_item_is (GListModel      *model,
                guint            position,
                const CbSegment *expected)
{
  g_autoptr(CbSegmentItem) item = g_list_model_get_item (model, position);
  const CbSegment *segment;

  g_assert_nonnull (item);
  segment = cb_segment_item_get_segment (item);
  g_assert_cmpint (segment->coding_id, ==, expected->coding_id);
  g_assert_cmpstr (segment->document_name, ==, expected->document_name);
  g_assert_cmpint (segment->start, ==, expected->start);
  g_assert_cmpstr (segment->code_path, ==, expected->code_path);
  g_assert_cmpstr (segment->text, ==, expected->text);
}

static void
test_count_and_items (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  CbSegmentModel *model;
  guint n = 2 * N_PER_DOCUMENT;

  code_many (fixture);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Veel"));

  /* the first page shows at once, without the count (the subtitle waits) */
  model = CB_SEGMENT_MODEL (quotes (fixture));
  g_assert_true (cb_quotes_pane_shows_list (pane (fixture)));
  g_assert_false (cb_segment_model_get_counted (model));
  g_assert_cmpuint (g_list_model_get_n_items (quotes (fixture)), ==, CB_SEGMENT_MODEL_PAGE_SIZE);
  g_assert_cmpstr (cb_quotes_pane_get_subtitle (pane (fixture)), ==, "");

  /* counted after the frame that shows it */
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  g_assert_true (cb_segment_model_get_counted (model));
  g_assert_cmpuint (g_list_model_get_n_items (quotes (fixture)), ==, n);
  g_assert_cmpstr (cb_quotes_pane_get_subtitle (pane (fixture)), ==, "3600 segments in 2 documents");

  all = cb_project_retrieve (fixture->project, "Veel", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, n);

  /* the first rows, one far down, the last, then back to the first */
  for (guint i = 0; i < 10; i++)
    assert_item_is (quotes (fixture), i, all->pdata[i]);
  assert_item_is (quotes (fixture), 2345, all->pdata[2345]);
  assert_item_is (quotes (fixture), n - 1, all->pdata[n - 1]);
  assert_item_is (quotes (fixture), 0, all->pdata[0]);
  g_assert_null (g_list_model_get_item (quotes (fixture), n));

  /* every item in turn: the pages kept stay bounded */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CbSegmentItem) item = g_list_model_get_item (quotes (fixture), i);

      g_assert_cmpint (cb_segment_item_get_segment (item)->coding_id, ==, ((CbSegment *) all->pdata[i])->coding_id);
      g_assert_cmpuint (cb_segment_model_get_n_pages (model), <=, CB_SEGMENT_MODEL_MAX_PAGES);
    }

  /* without the subcode: half of them (another list: counted after the
   * frame that shows its first page) */
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.include-descendants", NULL);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (quotes (fixture)), ==, N_PER_DOCUMENT);
  g_assert_cmpstr (cb_quotes_pane_get_subtitle (pane (fixture)), ==, "1800 segments in 2 documents");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.include-descendants", NULL);
  ui_pump ();
}

/* The coding shown in the row at the top of the visible part of the list. */
static gint64
top_visible_coding (GtkWidget *list_view)
{
  double best = G_MAXDOUBLE;
  gint64 coding = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;
      GtkWidget *row = gtk_widget_get_first_child (child);
      CbSegmentItem *item;

      if (!gtk_widget_get_mapped (child) || !CB_IS_SEGMENT_ROW (row) ||
          !gtk_widget_compute_bounds (child, list_view, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= best)
        continue;
      item = cb_segment_row_get_item (CB_SEGMENT_ROW (row));
      if (item == NULL)
        continue;
      best = bounds.origin.y;
      coding = cb_segment_item_get_segment (item)->coding_id;
    }
  return coding;
}

/* Scrolled down, the list shows rows from further down; a change to the
 * project refreshes the list where it was. */
static void
test_scroll_kept_on_refresh (UiFixture     *fixture,
                             gconstpointer  data)
{
  GtkScrollable *list_view;
  GtkAdjustment *adjustment;
  g_autoptr(GError) error = NULL;
  double value;
  double upper;
  gint64 top;
  gint64 now;
  gint64 first;
  gint64 top_position = -100;
  gint64 now_position = 100;
  g_autoptr(GPtrArray) all = NULL;

  code_many (fixture);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Veel"));
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);

  list_view = GTK_SCROLLABLE (cb_quotes_pane_get_list_view (pane (fixture)));
  adjustment = gtk_scrollable_get_vadjustment (list_view);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 10 * gtk_adjustment_get_page_size (adjustment));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  ui_wait_frames (GTK_WIDGET (fixture->window), 3);
  ui_pump ();
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 0);
  upper = gtk_adjustment_get_upper (adjustment);
  /* rows from the middle of the list show */
  top = top_visible_coding (GTK_WIDGET (list_view));
  {
    g_autoptr(CbSegmentItem) item = g_list_model_get_item (quotes (fixture), 0);

    first = cb_segment_item_get_segment (item)->coding_id;
  }
  g_assert_cmpint (top, >, 0);
  g_assert_cmpint (top, !=, first);

  /* a new coding of the code: the list is read again */
  g_assert_cmpint (cb_project_apply (fixture->project, "interview-ma07", "Veel", 1, 2, NULL, &error), >, 0);
  g_assert_no_error (error);
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 12);   /* the pane settles in a few */
  ui_pump ();
  g_assert_cmpuint (g_list_model_get_n_items (quotes (fixture)), ==, 2 * N_PER_DOCUMENT + 1);
  /* the same place in the list (as a fraction of its height: the one-column
   * grid view estimates the rows it has not measured afresh each frame, so
   * the height in pixels moves), and the same row at the top */
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adjustment) / gtk_adjustment_get_upper (adjustment) -
                           value / upper), <, 0.05);
  now = top_visible_coding (GTK_WIDGET (list_view));
  all = cb_project_retrieve (fixture->project, "Veel", TRUE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      if (((CbSegment *) all->pdata[i])->coding_id == top)
        top_position = i;
      if (((CbSegment *) all->pdata[i])->coding_id == now)
        now_position = i;
    }
  g_assert_cmpint (ABS (top_position - now_position), <=, 3);

  /* another code starts at the top */
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Veel / Sub"));
  ui_pump ();
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* While a job owns the project the list reads nothing: placeholders,
 * replaced by the real quotes when the job is done. */
static void
test_busy (UiFixture     *fixture,
           gconstpointer  data)
{
  g_autoptr(CbSegmentItem) during = NULL;
  g_autoptr(CbSegmentItem) after = NULL;

  code_many (fixture);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Veel"));
  ui_pump ();

  cb_quotes_pane_set_busy (pane (fixture), TRUE);
  during = g_list_model_get_item (quotes (fixture), 3000);
  g_assert_cmpint (cb_segment_item_get_segment (during)->coding_id, ==, 0);
  cb_quotes_pane_set_busy (pane (fixture), FALSE);
  after = g_list_model_get_item (quotes (fixture), 3000);
  g_assert_cmpint (cb_segment_item_get_segment (after)->coding_id, >, 0);
}

/* A search with more hits than the list makes rows for at once: the
 * first CB_SEARCH_RESULTS_ROWS, a last row saying how many there are, and
 * as many more on each request. */
static void
test_search_results_more (UiFixture     *fixture,
                          gconstpointer  data)
{
  CbSearchResults *results = cb_window_get_search_results (fixture->window);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);
  GtkListBox *list_box = NULL;
  GtkWidget *last;
  guint n_rows = 0;

  for (guint i = 0; i < 1234; i++)
    {
      CbSearchHit *hit = g_new0 (CbSearchHit, 1);

      hit->document_id = 1;
      hit->document_name = g_strdup ("interview-ma07");
      hit->start = i;
      hit->end = i + 1;
      hit->match = g_strdup ("een");
      g_ptr_array_add (hits, hit);
    }
  cb_search_results_set_hits (results, hits);
  g_assert_cmpuint (cb_search_results_get_n_shown (results), ==, CB_SEARCH_RESULTS_ROWS);

  /* the list box is the only one in the widget */
  for (GtkWidget *w = GTK_WIDGET (results); w != NULL && list_box == NULL; )
    {
      if (GTK_IS_LIST_BOX (w))
        list_box = GTK_LIST_BOX (w);
      else
        w = gtk_widget_get_first_child (w);
    }
  g_assert_nonnull (list_box);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows += GTK_IS_LIST_BOX_ROW (row);
  g_assert_cmpuint (n_rows, ==, CB_SEARCH_RESULTS_ROWS + 1);
  last = GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, CB_SEARCH_RESULTS_ROWS));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (last)));

  for (guint shown = CB_SEARCH_RESULTS_ROWS; shown < 1234; )
    {
      g_assert_true (cb_search_results_show_more (results));
      shown = MIN (shown + CB_SEARCH_RESULTS_ROWS, 1234);
      g_assert_cmpuint (cb_search_results_get_n_shown (results), ==, shown);
    }
  g_assert_false (cb_search_results_show_more (results));
  /* every row a hit now: no more row */
  g_assert_true (gtk_list_box_row_get_activatable (gtk_list_box_get_row_at_index (list_box, 1233)));
  g_assert_null (gtk_list_box_get_row_at_index (list_box, 1234));

  cb_search_results_set_hits (results, NULL);
  g_assert_cmpuint (cb_search_results_get_n_shown (results), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/quotes/count-and-items", test_count_and_items);
  UI_TEST ("/ui/quotes/scroll-kept-on-refresh", test_scroll_kept_on_refresh);
  UI_TEST ("/ui/quotes/busy", test_busy);
  UI_TEST ("/ui/search-results/show-more", test_search_results_more);

  return g_test_run ();
}
