/* cb-agreement.c: κ, percentage agreement and Krippendorff's α
 *
 * One read snapshot: the coders' codings (one statement per coder), the
 * code tree, the documents' lengths and, with --where, the passing cases'
 * coverage.  The codings are expanded to (row, document, coder, span),
 * sorted, and each (row, document) group is swept once:
 *
 * - character units: the group's span starts and ends (and the edges of
 *   the scope) as events in position order; between two events every
 *   character has the same state (which coders cover it, whether it is in
 *   scope), so a stretch adds its length to the counts of that state.  A
 *   (row, document) pair without codings is all "neither": the document's
 *   scope size, counted without a sweep.
 * - segment units: each coder's distinct spans; candidate pairs overlap
 *   by the query's percent of the longer span, and are taken greedily by
 *   that overlap (largest first), each segment at most once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-agreement-private.h"
#include "cb-cases-private.h"
#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-store-cases.h"
#include "cb-store-coders.h"

#define NO_ROW G_MAXUINT

void
cb_agreement_table_free (CbAgreementTable *table)
{
  if (table == NULL)
    return;
  g_strfreev (table->coders);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

static void
row_free (CbAgreementRow *row)
{
  g_free (row->code);
  g_free (row->document);
  g_free (row);
}

/* ---- The query ---------------------------------------------------------- */

typedef struct
{
  gint64  start;
  gint64  end;
} Span;

/* One coding in one row. */
typedef struct
{
  guint   row;
  guint   document;   /* index into the documents */
  guint   coder;
  gint64  start;
  gint64  end;
} Item;

typedef struct
{
  gint64  position;
  int     delta;
  guint   who;        /* a coder, or m for the scope */
} Event;

/* What one (row, document) sweep found. */
typedef struct
{
  gint64  state[4];        /* two coders: characters by (a ? 1 : 0) | (b ? 2 : 0), in scope */
  gint64 *hist;            /* α: characters in scope by how many coders coded them (m + 1) */
  gint64  matched;
  gint64  a_unmatched;
  gint64  b_unmatched;
} Counts;

typedef struct
{
  CbProject              *project;
  const CbAgreementQuery *query;
  guint                   m;            /* coders */
  gint64                 *coder_ids;
  GPtrArray              *codes;        /* CbCodeInfo, tree order */
  GHashTable             *code_index;   /* id → index + 1 */
  GArray                **rows_of_code; /* per code: the rows it counts in */
  GArray                 *row_code;     /* row → code index */
  GArray                 *documents;    /* CbAgreementDocument by name */
  GHashTable             *document_index; /* id → index + 1 */
  gboolean               *in_scope;     /* per document */
  GArray                **scope;        /* per document: Span, merged, by start */
  gint64                 *scope_size;   /* per document */
  GArray                 *items;        /* Item */
} Query;

static void
query_clear (Query *q)
{
  for (guint i = 0; q->codes != NULL && i < q->codes->len; i++)
    if (q->rows_of_code[i] != NULL)
      g_array_unref (q->rows_of_code[i]);
  for (guint d = 0; q->documents != NULL && d < q->documents->len; d++)
    if (q->scope != NULL && q->scope[d] != NULL)
      g_array_unref (q->scope[d]);
  g_clear_pointer (&q->rows_of_code, g_free);
  g_clear_pointer (&q->scope, g_free);
  g_clear_pointer (&q->scope_size, g_free);
  g_clear_pointer (&q->in_scope, g_free);
  g_clear_pointer (&q->coder_ids, g_free);
  g_clear_pointer (&q->codes, g_ptr_array_unref);
  g_clear_pointer (&q->code_index, g_hash_table_unref);
  g_clear_pointer (&q->row_code, g_array_unref);
  g_clear_pointer (&q->documents, g_array_unref);
  g_clear_pointer (&q->document_index, g_hash_table_unref);
  g_clear_pointer (&q->items, g_array_unref);
}

static guint
document_index (Query  *q,
                gint64  id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (q->document_index, &id));

  return index > 0 ? index - 1 : G_MAXUINT;
}

static gboolean
load_coders (Query   *q,
             GError **error)
{
  const char * const *coders = q->query->coders;

  q->m = coders != NULL ? g_strv_length ((char **) coders) : 0;
  if (q->m < 2 || (!q->query->alpha && q->m != 2))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   q->query->alpha ? _("Krippendorff’s α needs two coders or more")
                                   : _("Agreement compares two coders (α: two or more)"));
      return FALSE;
    }
  if (q->query->alpha && q->query->unit == CB_AGREEMENT_UNIT_SEGMENT)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Krippendorff’s α is computed over character units, not segments"));
      return FALSE;
    }
  q->coder_ids = g_new0 (gint64, q->m);
  for (guint i = 0; i < q->m; i++)
    {
      if (!(q->coder_ids[i] = _cb_project_lookup_coder (q->project, coders[i], error)))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (q->coder_ids[j] == q->coder_ids[i])
          {
            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                         _("Coder “%s” is named twice: compare different coders"), coders[i]);
            return FALSE;
          }
    }
  return TRUE;
}

/* Rows: the codes asked for (each with its descendants unless @only), or
 * every code, each alone (those unused are dropped after the sweep). */
static gboolean
load_rows (Query   *q,
           GError **error)
{
  const char * const *paths = q->query->codes;
  gboolean given = paths != NULL && paths[0] != NULL;

  if (!(q->codes = _cb_project_list_codes (q->project, FALSE, error)))
    return FALSE;
  q->code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < q->codes->len; i++)
    g_hash_table_insert (q->code_index, &((CbCodeInfo *) q->codes->pdata[i])->id, GUINT_TO_POINTER (i + 1));
  q->rows_of_code = g_new0 (GArray *, MAX (q->codes->len, 1));
  q->row_code = g_array_new (FALSE, FALSE, sizeof (guint));

  if (given)
    for (guint p = 0; paths[p] != NULL; p++)
      {
        gint64 id = _cb_project_lookup_code (q->project, paths[p], error);
        guint index;

        if (id == 0)
          return FALSE;
        index = GPOINTER_TO_UINT (g_hash_table_lookup (q->code_index, &id));
        if (index == 0)
          {
            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND, _("No code “%s”"), paths[p]);
            return FALSE;
          }
        index--;
        g_array_append_val (q->row_code, index);
      }
  else
    for (guint i = 0; i < q->codes->len; i++)
      g_array_append_val (q->row_code, i);

  for (guint r = 0; r < q->row_code->len; r++)
    {
      guint first = g_array_index (q->row_code, guint, r);
      guint depth = ((CbCodeInfo *) q->codes->pdata[first])->depth;
      gboolean alone = !given || q->query->only;

      /* descendants follow their code in tree order, deeper */
      for (guint i = first; i < q->codes->len; i++)
        {
          if (i > first && (alone || ((CbCodeInfo *) q->codes->pdata[i])->depth <= depth))
            break;
          if (q->rows_of_code[i] == NULL)
            q->rows_of_code[i] = g_array_new (FALSE, FALSE, sizeof (guint));
          /* a code asked for twice counts once in each of its rows */
          g_array_append_val (q->rows_of_code[i], r);
        }
    }
  return TRUE;
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

/* Each document's scope: the whole text, or the passing coverage merged
 * and clamped to the text. */
static gboolean
load_scope (Query   *q,
            GError **error)
{
  guint n = q->documents->len;

  q->scope = g_new0 (GArray *, MAX (n, 1));
  q->scope_size = g_new0 (gint64, MAX (n, 1));
  for (guint d = 0; d < n; d++)
    q->scope[d] = g_array_new (FALSE, FALSE, sizeof (Span));

  if (q->query->filter == NULL)
    {
      for (guint d = 0; d < n; d++)
        {
          CbAgreementDocument *doc = &g_array_index (q->documents, CbAgreementDocument, d);
          Span whole = { 0, doc->n_chars };

          if (doc->n_chars > 0)
            g_array_append_val (q->scope[d], whole);
        }
    }
  else
    {
      g_autoptr(CbScope) scope = _cb_scope_new (q->project, q->query->filter, error);

      if (scope == NULL)
        return FALSE;
      for (guint d = 0; d < n; d++)
        {
          CbAgreementDocument *doc = &g_array_index (q->documents, CbAgreementDocument, d);
          g_autoptr(GArray) region = _cb_scope_document_region (scope, doc->id, doc->n_chars);

          for (guint i = 0; i < region->len; i++)
            {
              CbStoreCoverage *c = &g_array_index (region, CbStoreCoverage, i);
              Span span = { c->start, c->end };

              g_array_append_val (q->scope[d], span);
            }
        }
      for (guint d = 0; d < n; d++)
        {
          GArray *spans = q->scope[d];
          guint out = 0;

          g_array_sort (spans, compare_spans);
          for (guint i = 0; i < spans->len; i++)
            {
              Span s = g_array_index (spans, Span, i);

              if (out > 0 && s.start <= g_array_index (spans, Span, out - 1).end)
                g_array_index (spans, Span, out - 1).end = MAX (g_array_index (spans, Span, out - 1).end, s.end);
              else
                g_array_index (spans, Span, out++) = s;
            }
          g_array_set_size (spans, out);
        }
    }
  for (guint d = 0; d < n; d++)
    for (guint i = 0; i < q->scope[d]->len; i++)
      q->scope_size[d] += g_array_index (q->scope[d], Span, i).end - g_array_index (q->scope[d], Span, i).start;
  return TRUE;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = a, *y = b;

  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->coder != y->coder)
    return x->coder < y->coder ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end ? 1 : 0;
}

/* The documents in scope: those named, or those every coder coded. */
static gboolean
load_documents (Query   *q,
                GArray  *codings,
                GError **error)
{
  const char * const *names = q->query->documents;
  guint n = q->documents->len;

  q->in_scope = g_new0 (gboolean, MAX (n, 1));
  if (names != NULL && names[0] != NULL)
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          guint d;

          for (d = 0; d < n; d++)
            if (g_str_equal (g_array_index (q->documents, CbAgreementDocument, d).name, names[i]))
              break;
          if (d == n)
            {
              g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND, _("No document “%s”"), names[i]);
              return FALSE;
            }
          q->in_scope[d] = TRUE;
        }
    }
  else
    {
      /* per document, a bit for each coder that coded it (α may name
       * more than 64 coders: counted instead) */
      g_autofree guint *n_coders = g_new0 (guint, MAX (n, 1));
      g_autofree guint8 *seen = g_new0 (guint8, (gsize) MAX (n, 1) * q->m);

      for (guint i = 0; i < codings->len; i++)
        {
          CbAgreementCoding *c = &g_array_index (codings, CbAgreementCoding, i);
          guint d = document_index (q, c->document);

          if (d != G_MAXUINT && !seen[(gsize) d * q->m + c->coder])
            {
              seen[(gsize) d * q->m + c->coder] = 1;
              n_coders[d]++;
            }
        }
      for (guint d = 0; d < n; d++)
        q->in_scope[d] = n_coders[d] == q->m;
    }
  return TRUE;
}

static gboolean
load (Query         *q,
      GCancellable  *cancellable,
      GError       **error)
{
  CbStore *store = _cb_project_get_store (q->project);
  g_autoptr(GArray) codings = g_array_new (FALSE, FALSE, sizeof (CbAgreementCoding));

  if (!load_coders (q, error) || !load_rows (q, error))
    return FALSE;
  if (!(q->documents = _cb_store_agreement_documents (store, error)))
    return FALSE;
  q->document_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint d = 0; d < q->documents->len; d++)
    g_hash_table_insert (q->document_index, &g_array_index (q->documents, CbAgreementDocument, d).id,
                         GUINT_TO_POINTER (d + 1));

  cb_store_set_cancellable (store, cancellable);
  for (guint i = 0; i < q->m; i++)
    if (!_cb_store_agreement_codings (store, q->coder_ids[i], i, codings, error))
      {
        cb_store_set_cancellable (store, NULL);
        if (g_cancellable_is_cancelled (cancellable))
          {
            g_clear_error (error);
            g_cancellable_set_error_if_cancelled (cancellable, error);
          }
        return FALSE;
      }
  cb_store_set_cancellable (store, NULL);

  if (!load_documents (q, codings, error) || !load_scope (q, error))
    return FALSE;

  /* a coding in every row of its code, clamped to its document's text (a
   * project file is input: a span past the end counts up to the end) */
  q->items = g_array_sized_new (FALSE, FALSE, sizeof (Item), codings->len);
  for (guint i = 0; i < codings->len; i++)
    {
      CbAgreementCoding *c = &g_array_index (codings, CbAgreementCoding, i);
      guint code = GPOINTER_TO_UINT (g_hash_table_lookup (q->code_index, &c->code));
      guint d = document_index (q, c->document);
      GArray *rows;
      gint64 n_chars;
      Item item;

      if (code == 0 || d == G_MAXUINT || !q->in_scope[d] || !(rows = q->rows_of_code[code - 1]))
        continue;
      n_chars = g_array_index (q->documents, CbAgreementDocument, d).n_chars;
      item.document = d;
      item.coder = c->coder;
      item.start = CLAMP (c->start, 0, n_chars);
      item.end = CLAMP (c->end, 0, n_chars);
      if (item.start >= item.end)
        continue;
      for (guint r = 0; r < rows->len; r++)
        {
          item.row = g_array_index (rows, guint, r);
          g_array_append_val (q->items, item);
        }
    }
  g_array_sort (q->items, compare_items);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *x = a, *y = b;

  return x->position < y->position ? -1 : x->position > y->position ? 1 : 0;
}

/* Character units of one (row, document) group: items[first .. last). */
static void
sweep_characters (Query   *q,
                  guint    first,
                  guint    last,
                  GArray  *events,
                  guint   *depth,
                  Counts  *counts)
{
  guint d = g_array_index (q->items, Item, first).document;
  GArray *scope = q->scope[d];
  guint covering = 0;    /* coders with depth > 0 */
  guint in_scope = 0;
  gint64 previous = 0;

  g_array_set_size (events, 0);
  for (guint i = first; i < last; i++)
    {
      Item *item = &g_array_index (q->items, Item, i);
      Event open = { item->start, +1, item->coder };
      Event close = { item->end, -1, item->coder };

      g_array_append_val (events, open);
      g_array_append_val (events, close);
    }
  for (guint i = 0; i < scope->len; i++)
    {
      Event open = { g_array_index (scope, Span, i).start, +1, q->m };
      Event close = { g_array_index (scope, Span, i).end, -1, q->m };

      g_array_append_val (events, open);
      g_array_append_val (events, close);
    }
  g_array_sort (events, compare_events);
  memset (depth, 0, sizeof (guint) * (q->m + 1));

  for (guint e = 0; e < events->len; e++)
    {
      Event *event = &g_array_index (events, Event, e);

      if (event->position > previous && in_scope > 0 && covering > 0)
        {
          gint64 length = event->position - previous;

          if (counts->hist != NULL)
            counts->hist[covering] += length;
          else
            counts->state[(depth[0] > 0 ? 1 : 0) | (depth[1] > 0 ? 2 : 0)] += length;
        }
      previous = event->position;
      if (event->who == q->m)
        in_scope += event->delta;
      else
        {
          if (event->delta > 0 && depth[event->who]++ == 0)
            covering++;
          else if (event->delta < 0 && --depth[event->who] == 0)
            covering--;
        }
    }
}

typedef struct
{
  guint   a;
  guint   b;
  double  ratio;
} Candidate;

static int
compare_candidates (gconstpointer x,
                    gconstpointer y)
{
  const Candidate *p = x, *r = y;

  if (p->ratio != r->ratio)
    return p->ratio > r->ratio ? -1 : 1;
  if (p->a != r->a)
    return p->a < r->a ? -1 : 1;
  return p->b < r->b ? -1 : p->b > r->b ? 1 : 0;
}

/* Whether @span overlaps the scope of document @d (the filter's rule). */
static gboolean
in_scope_span (Query  *q,
               guint   d,
               Span   *span)
{
  GArray *scope = q->scope[d];
  guint lo = 0, hi = scope->len;

  /* the first scope span that ends after @span starts */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (scope, Span, mid).end <= span->start)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < scope->len && g_array_index (scope, Span, lo).start < span->end;
}

/* Segment units of one (row, document) group: each coder's distinct spans
 * (sorted by the item order), paired. */
static void
sweep_segments (Query   *q,
                guint    first,
                guint    last,
                Counts  *counts)
{
  guint d = g_array_index (q->items, Item, first).document;
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *a_taken = NULL;
  g_autofree gboolean *b_taken = NULL;
  double percent = q->query->overlap > 0 ? q->query->overlap : 90.0;
  gint64 b_longest = 0;
  guint matched = 0;

  for (guint i = first; i < last; i++)
    {
      Item *item = &g_array_index (q->items, Item, i);
      GArray *spans = item->coder == 0 ? a : b;
      Span span = { item->start, item->end };

      if (spans->len > 0 && g_array_index (spans, Span, spans->len - 1).start == span.start &&
          g_array_index (spans, Span, spans->len - 1).end == span.end)
        continue;
      if (q->query->filter != NULL && !in_scope_span (q, d, &span))
        continue;
      if (spans == b)
        b_longest = MAX (b_longest, span.end - span.start);
      g_array_append_val (spans, span);
    }

  /* b is sorted by start: a's partners start within the longest b span
   * before a's start, and before a's end */
  for (guint i = 0; i < a->len; i++)
    {
      Span *x = &g_array_index (a, Span, i);
      guint lo = 0, hi = b->len;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (g_array_index (b, Span, mid).start < x->start - b_longest)
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint j = lo; j < b->len && g_array_index (b, Span, j).start < x->end; j++)
        {
          Span *y = &g_array_index (b, Span, j);
          gint64 overlap = MIN (x->end, y->end) - MAX (x->start, y->start);
          gint64 longer = MAX (x->end - x->start, y->end - y->start);

          if (overlap > 0 && overlap * 100.0 >= percent * longer)
            {
              Candidate c = { i, j, (double) overlap / longer };

              g_array_append_val (candidates, c);
            }
        }
    }
  g_array_sort (candidates, compare_candidates);
  a_taken = g_new0 (gboolean, MAX (a->len, 1));
  b_taken = g_new0 (gboolean, MAX (b->len, 1));
  for (guint c = 0; c < candidates->len; c++)
    {
      Candidate *p = &g_array_index (candidates, Candidate, c);

      if (a_taken[p->a] || b_taken[p->b])
        continue;
      a_taken[p->a] = b_taken[p->b] = TRUE;
      matched++;
    }
  counts->matched += matched;
  counts->a_unmatched += a->len - matched;
  counts->b_unmatched += b->len - matched;
}

/* ---- Rows -------------------------------------------------------------- */

/* Accumulated counts of one output row. */
typedef struct
{
  gint64  state[4];
  gint64  matched, a_unmatched, b_unmatched;
  gint64 *hist;
} Sum;

static void
sum_add (Sum          *sum,
         const Counts *counts,
         guint         m)
{
  for (guint s = 0; s < 4; s++)
    sum->state[s] += counts->state[s];
  sum->matched += counts->matched;
  sum->a_unmatched += counts->a_unmatched;
  sum->b_unmatched += counts->b_unmatched;
  if (sum->hist != NULL)
    for (guint k = 0; k <= m; k++)
      sum->hist[k] += counts->hist[k];
}

static void
add_row (CbAgreementTable *table,
         Query            *q,
         const char       *code,
         guint             document,
         Sum              *sum,
         gboolean          pooled_codes)
{
  CbAgreementRow *row = g_new0 (CbAgreementRow, 1);

  row->code = g_strdup (code);
  if (document != G_MAXUINT)
    {
      CbAgreementDocument *doc = &g_array_index (q->documents, CbAgreementDocument, document);

      row->document = g_strdup (doc->name);
      row->document_id = doc->id;
    }
  row->both = sum->state[3];
  row->a_only = sum->state[1];
  row->b_only = sum->state[2];
  row->neither = sum->state[0];
  row->matched = sum->matched;
  row->a_unmatched = sum->a_unmatched;
  row->b_unmatched = sum->b_unmatched;
  _cb_agreement_row_finish (table, row, sum->hist, q->m, pooled_codes);
  g_ptr_array_add (table->rows, row);
}

CbAgreementTable *
cb_project_agreement (CbProject               *project,
                      const CbAgreementQuery  *query,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  Query q = { .project = project, .query = query };
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(GArray) events = NULL;
  g_autofree guint *depth = NULL;
  g_autofree Sum *doc_sums = NULL;     /* per row × document, with by_document */
  g_autofree Sum *row_sums = NULL;     /* per row */
  g_autofree Sum *all_docs = NULL;     /* every row, per document */
  g_autofree gint64 *hists = NULL;     /* the α histograms of all the sums above */
  g_autofree gboolean *used = NULL;
  Sum all = { 0 };
  guint n_rows, n_docs, n_hists, h = 0;
  gint64 scope_total = 0;
  gboolean given;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->unit == CB_AGREEMENT_UNIT_SEGMENT && (query->overlap < 0 || query->overlap > 100))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The overlap is a percentage from 1 to 100"));
      return NULL;
    }
  if (!_cb_project_begin_read (project, error))
    return NULL;
  if (!load (&q, cancellable, error))
    {
      _cb_project_end_read (project);
      query_clear (&q);
      return NULL;
    }
  _cb_project_end_read (project);

  table = g_new0 (CbAgreementTable, 1);
  table->unit = query->unit;
  table->alpha = query->alpha;
  table->by_document = query->by_document;
  table->overlap = query->unit == CB_AGREEMENT_UNIT_SEGMENT ? (query->overlap > 0 ? query->overlap : 90.0) : 0;
  table->coders = g_strdupv ((char **) query->coders);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  n_rows = q.row_code->len;
  n_docs = q.documents->len;
  given = query->codes != NULL && query->codes[0] != NULL;
  row_sums = g_new0 (Sum, MAX (n_rows, 1));
  all_docs = g_new0 (Sum, MAX (n_docs, 1));
  if (query->by_document)
    doc_sums = g_new0 (Sum, MAX ((gsize) n_rows * n_docs, 1));
  used = g_new0 (gboolean, MAX (n_rows, 1));
  if (query->alpha)
    {
      n_hists = n_rows + n_docs + 1 + (query->by_document ? n_rows * n_docs : 0);
      hists = g_new0 (gint64, (gsize) n_hists * (q.m + 1));
      for (guint r = 0; r < n_rows; r++)
        row_sums[r].hist = &hists[(gsize) (h++) * (q.m + 1)];
      for (guint d = 0; d < n_docs; d++)
        all_docs[d].hist = &hists[(gsize) (h++) * (q.m + 1)];
      all.hist = &hists[(gsize) (h++) * (q.m + 1)];
      if (query->by_document)
        for (gsize i = 0; i < (gsize) n_rows * n_docs; i++)
          doc_sums[i].hist = &hists[(gsize) (h++) * (q.m + 1)];
    }

  events = g_array_new (FALSE, FALSE, sizeof (Event));
  depth = g_new0 (guint, q.m + 1);
  for (guint first = 0, last; first < q.items->len; first = last)
    {
      Item *head = &g_array_index (q.items, Item, first);
      g_autofree gint64 *hist = query->alpha ? g_new0 (gint64, q.m + 1) : NULL;
      Counts counts = { .hist = hist };

      for (last = first + 1; last < q.items->len; last++)
        {
          Item *item = &g_array_index (q.items, Item, last);

          if (item->row != head->row || item->document != head->document)
            break;
        }
      if (query->unit == CB_AGREEMENT_UNIT_CHARACTER)
        sweep_characters (&q, first, last, events, depth, &counts);
      else
        sweep_segments (&q, first, last, &counts);

      used[head->row] = TRUE;
      sum_add (&row_sums[head->row], &counts, q.m);
      sum_add (&all_docs[head->document], &counts, q.m);
      if (doc_sums != NULL)
        sum_add (&doc_sums[(gsize) head->row * n_docs + head->document], &counts, q.m);
      if ((first & 0xff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          query_clear (&q);
          return NULL;
        }
    }

  /* the rows shown: those asked for, or every code that was used */
  table->n_codes = 0;
  for (guint r = 0; r < n_rows; r++)
    if (given || used[r])
      table->n_codes++;

  /* what the sweeps did not see is "neither" (coded by no coder) */
  for (guint d = 0; d < n_docs; d++)
    if (q.in_scope[d])
      scope_total += q.scope_size[d];
#define FILL_NEITHER(sum, size) G_STMT_START {                                    \
    gint64 coded_ = (sum)->state[1] + (sum)->state[2] + (sum)->state[3];          \
    if ((sum)->hist != NULL)                                                     \
      {                                                                          \
        coded_ = 0;                                                              \
        for (guint k_ = 1; k_ <= q.m; k_++)                                      \
          coded_ += (sum)->hist[k_];                                             \
        (sum)->hist[0] = (size) - coded_;                                        \
      }                                                                          \
    else                                                                         \
      (sum)->state[0] = (size) - coded_;                                         \
  } G_STMT_END

  for (guint r = 0; r < n_rows; r++)
    {
      const char *path;

      if (!given && !used[r])
        continue;
      path = ((CbCodeInfo *) q.codes->pdata[g_array_index (q.row_code, guint, r)])->path;
      if (query->by_document)
        for (guint d = 0; d < n_docs; d++)
          {
            Sum *sum = &doc_sums[(gsize) r * n_docs + d];

            if (!q.in_scope[d])
              continue;
            if (query->unit == CB_AGREEMENT_UNIT_CHARACTER)
              FILL_NEITHER (sum, q.scope_size[d]);
            add_row (table, &q, path, d, sum, FALSE);
          }
      if (query->unit == CB_AGREEMENT_UNIT_CHARACTER)
        FILL_NEITHER (&row_sums[r], scope_total);
      add_row (table, &q, path, G_MAXUINT, &row_sums[r], FALSE);
      sum_add (&all, &(Counts) { .state = { row_sums[r].state[0], row_sums[r].state[1],
                                            row_sums[r].state[2], row_sums[r].state[3] },
                                 .hist = row_sums[r].hist, .matched = row_sums[r].matched,
                                 .a_unmatched = row_sums[r].a_unmatched,
                                 .b_unmatched = row_sums[r].b_unmatched }, q.m);
    }

  /* every code pooled: each code × document pair is a unit set of its own */
  if (query->by_document)
    for (guint d = 0; d < n_docs; d++)
      {
        if (!q.in_scope[d])
          continue;
        if (query->unit == CB_AGREEMENT_UNIT_CHARACTER)
          FILL_NEITHER (&all_docs[d], q.scope_size[d] * table->n_codes);
        add_row (table, &q, NULL, d, &all_docs[d], TRUE);
      }
  add_row (table, &q, NULL, G_MAXUINT, &all, TRUE);
#undef FILL_NEITHER

  query_clear (&q);
  return g_steal_pointer (&table);
}

/* ---- Stretches for the side-by-side view -------------------------------- */

GArray *
cb_project_agreement_stretches (CbProject   *project,
                                const char  *a,
                                const char  *b,
                                const char  *code_path,
                                gboolean     only,
                                gint64       document_id,
                                GError     **error)
{
  const char *coders[] = { a, b, NULL };
  const char *codes[] = { code_path, NULL };
  CbAgreementQuery query = {
    .coders = coders, .codes = codes, .only = only, .unit = CB_AGREEMENT_UNIT_CHARACTER,
  };
  Query q = { .project = project, .query = &query };
  g_autoptr(GArray) stretches = g_array_new (FALSE, FALSE, sizeof (CbAgreementStretch));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  guint d;
  int depth[2] = { 0, 0 };
  gint64 previous = 0;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (a != NULL && b != NULL && code_path != NULL, NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;
  if (!load (&q, NULL, error))
    {
      _cb_project_end_read (project);
      query_clear (&q);
      return NULL;
    }
  _cb_project_end_read (project);
  d = document_index (&q, document_id);
  for (guint i = 0; d != G_MAXUINT && i < q.items->len; i++)
    {
      Item *item = &g_array_index (q.items, Item, i);
      Event open = { item->start, +1, item->coder };
      Event close = { item->end, -1, item->coder };

      if (item->document != d)
        continue;
      g_array_append_val (events, open);
      g_array_append_val (events, close);
    }
  g_array_sort (events, compare_events);
  for (guint e = 0; e < events->len; e++)
    {
      Event *event = &g_array_index (events, Event, e);

      if (event->position > previous && (depth[0] > 0 || depth[1] > 0))
        {
          CbAgreementStretch *last = stretches->len > 0
            ? &g_array_index (stretches, CbAgreementStretch, stretches->len - 1) : NULL;
          CbAgreementStretch stretch = { previous, event->position, depth[0] > 0, depth[1] > 0 };

          if (last != NULL && last->end == stretch.start && last->a == stretch.a && last->b == stretch.b)
            last->end = stretch.end;
          else
            g_array_append_val (stretches, stretch);
        }
      previous = event->position;
      depth[event->who] += event->delta;
    }
  query_clear (&q);
  return g_steal_pointer (&stretches);
}
