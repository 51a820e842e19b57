/* cb-analysis-cooccurrence.c: pairs of segments of two codes that overlap or lie near
 *
 * Each row's distinct spans, in span order, are swept once: for each span
 * the later ones that start before it ends (plus the proximity) are its
 * partners, so the work grows with the pairs, not with codes squared.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-analysis-private.h"
#include "cb-text.h"

/* ---- Co-occurrence --------------------------------------------------- */

/* One distinct span of one row. */
typedef struct
{
  guint   row;
  guint   document;     /* index by name */
  gint64  document_id;
  gint64  start;
  gint64  end;
} Item;

/* The distinct spans of each row, in document (id), start, end order. */
static GArray *
row_items (Snapshot *s,
           Rows     *rows)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autofree Item *last = g_new0 (Item, MAX (rows->n_rows, 1));

  for (guint r = 0; r < rows->n_rows; r++)
    last[r].document_id = -1;
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);
      GArray *in_rows = s->coding_code[i] != NO_COLUMN ? rows->rows_of_code[s->coding_code[i]] : NULL;

      for (guint k = 0; in_rows != NULL && k < in_rows->len; k++)
        {
          guint r = g_array_index (in_rows, guint, k);
          Item item = { r, _cb_analysis_document_index (s, c->document), c->document, c->start, c->end };

          if (last[r].document_id == c->document && last[r].start == c->start && last[r].end == c->end)
            continue;
          last[r] = item;
          g_array_append_val (items, item);
        }
    }
  return items;
}

/* Whether @b (which starts at or after @a) is paired with @a. */
static inline gboolean
items_meet (const Item *a,
            const Item *b,
            gint64      proximity)
{
  if (proximity < 0)
    return b->start < a->end;
  return b->start - a->end <= proximity;
}

typedef void (*PairFunc) (const Item *a,
                          const Item *b,
                          gpointer    data);

/* Calls @func for every pair of items of different rows that meet. */
static gboolean
for_each_pair (GArray        *items,
               gint64         proximity,
               PairFunc       func,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      const Item *a = &g_array_index (items, Item, i);

      if ((i & 1023) == 0 && _cb_analysis_check_cancelled (cancellable, error))
        return FALSE;
      for (guint j = i + 1; j < items->len; j++)
        {
          const Item *b = &g_array_index (items, Item, j);

          if (b->document_id != a->document_id || !items_meet (a, b, proximity))
            break;
          if (b->row != a->row)
            func (a, b, data);
        }
    }
  return TRUE;
}

typedef struct
{
  guint     n;
  gint64   *counts;
  guint    *seen_in;     /* per cell: the document + 1 counted last */
  gboolean  documents;
} CoCount;

static void
count_pair (const Item *a,
            const Item *b,
            gpointer    data)
{
  CoCount *co = data;
  gsize ab = (gsize) a->row * co->n + b->row;
  gsize ba = (gsize) b->row * co->n + a->row;

  if (co->documents)
    {
      if (co->seen_in[ab] == a->document + 1)
        return;
      co->seen_in[ab] = co->seen_in[ba] = a->document + 1;
    }
  co->counts[ab]++;
  co->counts[ba]++;
}

/* Co-occurrence rows: the given codes (with descendants unless only), or
 * every code alone. */
static gboolean
cooccurrence_rows (Rows                      *rows,
                   Snapshot                  *s,
                   const CbCooccurrenceQuery *query,
                   GError                   **error)
{
  gboolean given = query->codes != NULL && query->codes[0] != NULL;

  return _cb_analysis_rows_init (rows, s, query->codes, TRUE, given ? query->only : TRUE, error);
}

CbAnalysisTable *
cb_analysis_cooccurrence (CbProject                 *project,
                          const CbCooccurrenceQuery *query,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  Snapshot s = { 0 };
  Rows rows = { 0 };
  CbAnalysisTable *table = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (_cb_analysis_snapshot_load (&s, project, cancellable, error) &&
      (query->filter == NULL || _cb_analysis_snapshot_load_cases (&s, query->filter, error)) &&
      cooccurrence_rows (&rows, &s, query, error))
    {
      g_autoptr(GArray) items = row_items (&s, &rows);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      gboolean documents = query->count == CB_COOCCURRENCE_COUNT_DOCUMENTS;
      CoCount co = {
        .n = rows.n_rows,
        .counts = g_new0 (gint64, MAX ((gsize) rows.n_rows * rows.n_rows, 1)),
        .seen_in = documents ? g_new0 (guint, MAX ((gsize) rows.n_rows * rows.n_rows, 1)) : NULL,
        .documents = documents,
      };

      if (for_each_pair (items, query->proximity, count_pair, &co, cancellable, error))
        {
          /* the diagonal: each code's own segments (documents) */
          for (guint i = 0; i < items->len; i++)
            {
              const Item *item = &g_array_index (items, Item, i);
              gsize cell = (gsize) item->row * rows.n_rows + item->row;

              if (documents && co.seen_in[cell] == item->document + 1)
                continue;
              if (documents)
                co.seen_in[cell] = item->document + 1;
              co.counts[cell]++;
            }

          for (guint r = 0; r < rows.n_rows; r++)
            g_ptr_array_add (labels, ((CbCodeInfo *) s.codes->pdata[rows.row_code[r]])->path);
          table = _cb_analysis_table_new (CB_ANALYSIS_TABLE_COOCCURRENCE, &s, &rows, labels, g_steal_pointer (&co.counts));
          table->title = g_strdup (query->proximity < 0
                                   ? _("Co-occurrence: overlapping segments")
                                   : _("Co-occurrence: segments near each other"));
          table->unit = g_strdup (documents ? _("documents") : _("pairs of segments"));
        }
      g_free (co.counts);
      g_free (co.seen_in);
    }

  _cb_project_end_read (project);
  _cb_analysis_rows_clear (&rows);
  _cb_analysis_snapshot_clear (&s);
  return table;
}

void
cb_segment_pair_free (CbSegmentPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->document_name);
  g_free (pair->a_text);
  g_free (pair->b_text);
  g_free (pair);
}

typedef struct
{
  Snapshot  *s;
  GPtrArray *pairs;
  GArray    *document_ids;   /* per pair */
} PairList;

static void
list_pair (const Item *a,
           const Item *b,
           gpointer    data)
{
  PairList *list = data;
  CbSegmentPair *pair = g_new0 (CbSegmentPair, 1);

  /* row 0 is code A */
  if (a->row != 0)
    {
      const Item *t = a;

      a = b;
      b = t;
    }
  pair->document_id = a->document_id;
  pair->document_name = g_strdup (list->s->document_names->pdata[a->document]);
  pair->a_start = a->start;
  pair->a_end = a->end;
  pair->b_start = b->start;
  pair->b_end = b->end;
  g_ptr_array_add (list->pairs, pair);
  g_array_append_val (list->document_ids, a->document_id);
}

static gboolean
fill_pair_texts (Snapshot   *s,
                 PairList   *list,
                 GError    **error)
{
  g_autofree char *text = NULL;
  gint64 loaded = -1;
  gsize length = 0;

  /* pairs come by document: each text read once */
  for (guint i = 0; i < list->pairs->len; i++)
    {
      CbSegmentPair *pair = list->pairs->pdata[i];
      gint64 id = g_array_index (list->document_ids, gint64, i);

      if (id != loaded)
        {
          g_clear_pointer (&text, g_free);
          if (!(text = _cb_store_dup_document_text (s->store, id, &length, error)))
            return FALSE;
          loaded = id;
        }
      pair->a_text = cb_text_dup_range (text, length, pair->a_start, pair->a_end);
      pair->b_text = cb_text_dup_range (text, length, pair->b_start, pair->b_end);
    }
  return TRUE;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const CbSegmentPair *x = *(CbSegmentPair **) a;
  const CbSegmentPair *y = *(CbSegmentPair **) b;
  int c = g_strcmp0 (x->document_name, y->document_name);

  if (c != 0)
    return c;
  if (x->a_start != y->a_start)
    return x->a_start < y->a_start ? -1 : 1;
  if (x->a_end != y->a_end)
    return x->a_end < y->a_end ? -1 : 1;
  if (x->b_start != y->b_start)
    return x->b_start < y->b_start ? -1 : 1;
  return x->b_end < y->b_end ? -1 : x->b_end > y->b_end;
}

GPtrArray *
cb_analysis_cooccurrence_pairs (CbProject                 *project,
                                const CbCooccurrenceQuery *query,
                                const char                *a,
                                const char                *b,
                                GCancellable              *cancellable,
                                GError                   **error)
{
  const char *paths[] = { a, b, NULL };
  Snapshot s = { 0 };
  Rows rows = { 0 };
  GPtrArray *result = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (_cb_analysis_snapshot_load (&s, project, cancellable, error) &&
      (query->filter == NULL || _cb_analysis_snapshot_load_cases (&s, query->filter, error)) &&
      _cb_analysis_rows_init (&rows, &s, g_str_equal (a, b) ? paths + 1 : paths, FALSE, query->only, error))
    {
      g_autoptr(GArray) items = row_items (&s, &rows);
      g_autoptr(GArray) document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_pair_free);
      PairList list = { &s, pairs, document_ids };
      gboolean ok = TRUE;

      if (g_str_equal (a, b))
        {
          /* the diagonal: each segment is its own pair */
          for (guint i = 0; i < items->len; i++)
            {
              const Item *item = &g_array_index (items, Item, i);

              list_pair (item, item, &list);
            }
        }
      else
        ok = for_each_pair (items, query->proximity, list_pair, &list, cancellable, error);

      if (ok && fill_pair_texts (&s, &list, error))
        {
          g_ptr_array_sort (pairs, compare_pairs);
          result = g_steal_pointer (&pairs);
        }
    }

  _cb_project_end_read (project);
  _cb_analysis_rows_clear (&rows);
  _cb_analysis_snapshot_clear (&s);
  return result;
}
