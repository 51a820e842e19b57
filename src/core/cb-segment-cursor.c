/* cb-segment-cursor.c: a code's segments, read a page at a time
 *
 * The order is by document name, then start, end, code (depth first) and
 * coder.  The cursor walks the documents by name and reads one document's
 * codings of the codes in scope at a time (one range of the covering index
 * (code, document, …) per code), sorts them, and hands them out; the text
 * of a page's segments is cut from each document's text once per page.
 * So memory follows the page and the current document, not the code, and
 * the first page costs a few index ranges whatever the code's size.
 *
 * Positions (for seeking, as a list model that is scrolled needs) come
 * from per-document counts, one GROUP BY over the index per code, made on
 * the first seek or count.
 *
 * With a filter, its scope (the passing cases' coverage and the spans,
 * documents and coders its options name; cb-case-filter.c) is read once
 * when the cursor is made and each document's rows are filtered against
 * it before sorting and before any text is cut; the counts then walk the
 * code's (document, start, end, coder) in the index and test each against
 * the same scope.  So a filtered code pages as an unfiltered one does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-cases-private.h"
#include "cb-project-private.h"
#include "cb-segment-cursor-private.h"
#include "cb-store-private.h"
#include "cb-store-cases.h"
#include "cb-store-scope.h"

typedef struct
{
  gint64      id;
  const char *name;    /* borrowed from document_infos */
  gint64      count;   /* segments in scope; -1 until counted */
  guint64     first;   /* position of its first segment, once counted */
} CursorDocument;

struct _CbSegmentCursor
{
  GObject     parent_instance;

  CbProject  *project;
  gboolean    snapshot;        /* holds a read snapshot until finalized */
  GPtrArray  *codes;           /* CbCodeInfo, depth first; position = rank */
  GArray     *code_ids;        /* in scope */
  GPtrArray  *code_rows;       /* CbStoreCodeRows of each, in order */
  GHashTable *code_by_id;      /* id → CbCodeInfo (borrowed) */
  GHashTable *coders;          /* id → name */
  GPtrArray  *document_infos;  /* CbDocumentInfo, by name */
  GArray     *documents;       /* CursorDocument, by name */

  CbScope    *scope;           /* the filter as read; NULL: no filter */

  gboolean    counted;
  guint64     n_segments;
  guint       n_documents;

  /* Where reading is: the document loaded (-1 before the first), its
   * segments sorted (CbSegment whose strings are borrowed: names from the
   * lists above, the coding's own from row_strings), the next one, and
   * the position of that one among all. */
  gint          document;
  GArray       *rows;
  GStringChunk *row_strings;
  guint         row;
  guint64       position;

  /* What the last page handed out still points to: the strings of the
   * documents it left (retired) and the texts it cut; kept until the
   * next page. */
  GPtrArray    *retired;
  GArray       *page;
  GStringChunk *page_strings;
};

G_DEFINE_FINAL_TYPE (CbSegmentCursor, cb_segment_cursor, G_TYPE_OBJECT)

static void
cb_segment_cursor_finalize (GObject *object)
{
  CbSegmentCursor *self = CB_SEGMENT_CURSOR (object);

  /* the statements first: they read in the snapshot */
  g_clear_pointer (&self->code_rows, g_ptr_array_unref);
  if (self->snapshot)
    _cb_project_end_read (self->project);
  g_clear_object (&self->project);
  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->code_ids, g_array_unref);
  g_clear_pointer (&self->code_by_id, g_hash_table_unref);
  g_clear_pointer (&self->coders, g_hash_table_unref);
  g_clear_pointer (&self->document_infos, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_strings, g_string_chunk_free);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_pointer (&self->page, g_array_unref);
  g_clear_pointer (&self->page_strings, g_string_chunk_free);
  g_clear_pointer (&self->scope, _cb_scope_free);

  G_OBJECT_CLASS (cb_segment_cursor_parent_class)->finalize (object);
}

static void
cb_segment_cursor_class_init (CbSegmentCursorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_segment_cursor_finalize;
}

static void
cb_segment_cursor_init (CbSegmentCursor *self)
{
  self->document = -1;
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) g_string_chunk_free);
  self->page = g_array_new (FALSE, FALSE, sizeof (CbSegment));
  self->page_strings = g_string_chunk_new (1 << 16);
}

static gboolean
passes_filter (CbSegmentCursor *self,
               const CbSegment *segment)
{
  return _cb_scope_passes_span (self->scope, segment->document_id, segment->start, segment->end) &&
         _cb_scope_passes_coder (self->scope, segment->coder);
}

CbSegmentCursor *
_cb_segment_cursor_new (CbProject           *project,
                        GPtrArray           *codes,
                        GArray              *code_ids,
                        const CbCaseFilter  *filter,
                        CbRetrieveFlags      flags,
                        GError             **error)
{
  g_autoptr(CbSegmentCursor) self = g_object_new (CB_TYPE_SEGMENT_CURSOR, NULL);
  CbStore *store = _cb_project_get_store (project);

  self->project = g_object_ref (project);
  self->codes = codes;
  self->code_ids = g_array_ref (code_ids);
  self->code_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      code->position = i;   /* reused as the depth-first rank */
      g_hash_table_insert (self->code_by_id, &code->id, code);
    }

  self->code_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_code_rows_free);
  for (guint i = 0; i < code_ids->len; i++)
    {
      CbStoreCodeRows *rows = _cb_store_code_rows_new (store, g_array_index (code_ids, gint64, i), error);

      if (rows == NULL)
        return NULL;
      g_ptr_array_add (self->code_rows, rows);
    }

  if (!(self->coders = _cb_store_load_coder_names (store, error)) ||
      !(self->document_infos = _cb_store_list_document_names (store, error)))
    return NULL;

  self->documents = g_array_sized_new (FALSE, FALSE, sizeof (CursorDocument), self->document_infos->len);
  for (guint i = 0; i < self->document_infos->len; i++)
    {
      CbDocumentInfo *info = self->document_infos->pdata[i];
      CursorDocument document = { info->id, info->name, -1, 0 };

      g_array_append_val (self->documents, document);
    }

  if (filter != NULL)
    {
      if (!(self->scope = _cb_project_compile_scope (project, filter, error)))
        return NULL;
    }

  if ((flags & CB_RETRIEVE_SNAPSHOT) != 0)
    {
      if (!_cb_project_begin_read (project, error))
        return NULL;
      self->snapshot = TRUE;
    }
  return g_steal_pointer (&self);
}

/* Reads inside a snapshot: the cursor's own, or one per call. */
static gboolean
begin_read (CbSegmentCursor  *self,
            GError          **error)
{
  return self->snapshot || _cb_project_begin_read (self->project, error);
}

static void
end_read (CbSegmentCursor *self)
{
  if (!self->snapshot)
    {
      /* an open statement would keep the snapshot */
      for (guint i = 0; i < self->code_rows->len; i++)
        _cb_store_code_rows_reset (self->code_rows->pdata[i]);
      _cb_project_end_read (self->project);
    }
}

typedef struct
{
  CbSegmentCursor *self;
  GHashTable      *index;     /* document id → CursorDocument */
} FilteredCount;

static void
count_filtered (gint64   document_id,
                gint64   start,
                gint64   end,
                gint64   coder,
                gpointer data)
{
  FilteredCount *count = data;
  CursorDocument *document;

  if (_cb_scope_passes_span (count->self->scope, document_id, start, end) &&
      _cb_scope_passes_coder_id (count->self->scope, coder) &&
      (document = g_hash_table_lookup (count->index, &document_id)) != NULL)
    document->count++;
}

static gboolean
ensure_counted (CbSegmentCursor  *self,
                GError          **error)
{
  g_autoptr(GHashTable) index = NULL;
  g_autoptr(GArray) counts = NULL;
  CbStore *store = _cb_project_get_store (self->project);
  guint64 first = 0;

  if (self->counted)
    return TRUE;

  index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < self->documents->len; i++)
    {
      CursorDocument *document = &g_array_index (self->documents, CursorDocument, i);

      document->count = 0;
      g_hash_table_insert (index, &document->id, document);
    }

  counts = g_array_new (FALSE, FALSE, sizeof (CbStoreDocumentCount));
  for (guint c = 0; self->scope != NULL && c < self->code_ids->len; c++)
    {
      FilteredCount count = { self, index };

      if (!_cb_store_scope_foreach_coding (store, g_array_index (self->code_ids, gint64, c),
                                        count_filtered, &count, error))
        return FALSE;
    }
  for (guint c = 0; self->scope == NULL && c < self->code_ids->len; c++)
    {
      g_array_set_size (counts, 0);
      if (!_cb_store_count_code_documents (store, g_array_index (self->code_ids, gint64, c), counts, error))
        return FALSE;
      for (guint i = 0; i < counts->len; i++)
        {
          CbStoreDocumentCount *count = &g_array_index (counts, CbStoreDocumentCount, i);
          CursorDocument *document = g_hash_table_lookup (index, &count->document);

          if (document != NULL)
            document->count += count->count;
        }
    }

  self->n_documents = 0;
  for (guint i = 0; i < self->documents->len; i++)
    {
      CursorDocument *document = &g_array_index (self->documents, CursorDocument, i);

      document->first = first;
      first += document->count;
      self->n_documents += document->count > 0;
    }
  self->n_segments = first;
  self->counted = TRUE;
  return TRUE;
}

/* A segment's sort keys, so that sorting compares integers and moves
 * small records; @index is the segment's place among the rows read. */
typedef struct
{
  gint64 start;
  gint64 end;
  guint  code_rank;
  guint  index;
} SortKey;

/* By start, end, the code's place in the tree, then the coder's name. */
static inline int
compare_keys (const SortKey *x,
              const SortKey *y,
              const CbSegment *rows)
{
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->code_rank != y->code_rank)
    return x->code_rank < y->code_rank ? -1 : 1;
  return g_strcmp0 (rows[x->index].coder, rows[y->index].coder);
}

/* A stable merge sort of @keys with @scratch beside it (as many): each
 * code's rows come sorted by start and end already, so runs are long, but
 * the comparison is inlined here where qsort() calls it through a pointer. */
static void
sort_keys (SortKey         *keys,
           SortKey         *scratch,
           guint            n,
           const CbSegment *rows)
{
  SortKey *from = keys;
  SortKey *to = scratch;

  for (guint width = 1; width < n; width *= 2)
    {
      for (guint low = 0; low < n; low += 2 * width)
        {
          guint middle = MIN (low + width, n);
          guint high = MIN (low + 2 * width, n);
          guint a = low, b = middle, k = low;

          /* already in order across the seam: copy the two as they are */
          if (middle == high || compare_keys (&from[middle - 1], &from[middle], rows) <= 0)
            {
              memcpy (to + low, from + low, (high - low) * sizeof *to);
              continue;
            }
          while (a < middle && b < high)
            to[k++] = compare_keys (&from[b], &from[a], rows) < 0 ? from[b++] : from[a++];
          while (a < middle)
            to[k++] = from[a++];
          while (b < high)
            to[k++] = from[b++];
        }
      {
        SortKey *swap = from;

        from = to;
        to = swap;
      }
    }
  if (from != keys)
    memcpy (keys, from, n * sizeof *keys);
}

/* Reads document @index's segments in scope, sorted, into self->rows. */
static gboolean
load_document (CbSegmentCursor  *self,
               guint             index,
               GError          **error)
{
  CursorDocument *document = &g_array_index (self->documents, CursorDocument, index);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CbSegment));
  g_autoptr(GArray) sorted = NULL;
  GStringChunk *strings = g_string_chunk_new (1 << 14);
  g_autofree SortKey *keys = NULL;
  guint n_kept = 0;

  /* counted empty: no query at all */
  if (document->count != 0)
    for (guint c = 0; c < self->code_rows->len; c++)
      {
        guint before = rows->len;
        CbCodeInfo *code;

        if (!_cb_store_code_rows_read (self->code_rows->pdata[c], document->id, document->name,
                                       self->coders, rows, strings, error))
          {
            g_string_chunk_free (strings);
            return FALSE;
          }
        /* one code's rows: its path (borrowed from the tree) once */
        code = g_hash_table_lookup (self->code_by_id, &g_array_index (self->code_ids, gint64, c));
        for (guint i = before; i < rows->len; i++)
          g_array_index (rows, CbSegment, i).code_path = code != NULL ? code->path : NULL;
      }

  /* The keys of the rows kept: the filter drops the others before the
   * sort and before any text is cut. */
  keys = g_new (SortKey, MAX (rows->len, 1) * 2);
  for (guint i = 0; i < rows->len; i++)
    {
      const CbSegment *segment = &g_array_index (rows, CbSegment, i);
      CbCodeInfo *code;

      if (self->scope != NULL && !passes_filter (self, segment))
        continue;
      code = g_hash_table_lookup (self->code_by_id, &segment->code_id);
      keys[n_kept].start = segment->start;
      keys[n_kept].end = segment->end;
      keys[n_kept].code_rank = code != NULL ? (guint) code->position : G_MAXUINT;
      keys[n_kept].index = i;
      n_kept++;
    }
  sort_keys (keys, keys + MAX (rows->len, 1), n_kept, (const CbSegment *) rows->data);
  sorted = g_array_sized_new (FALSE, FALSE, sizeof (CbSegment), n_kept);
  for (guint i = 0; i < n_kept; i++)
    g_array_append_val (sorted, g_array_index (rows, CbSegment, keys[i].index));

  /* the page being read may still point into the previous document's strings */
  if (self->row_strings != NULL)
    g_ptr_array_add (self->retired, g_steal_pointer (&self->row_strings));
  self->row_strings = strings;
  g_clear_pointer (&self->rows, g_array_unref);
  self->rows = g_steal_pointer (&sorted);
  self->document = index;
  self->row = 0;
  return TRUE;
}

/* The next @max segments (or fewer at the end) into self->page, with texts. */
static gboolean
read_page (CbSegmentCursor  *self,
           guint             max,
           GError          **error)
{
  /* what the last page pointed to */
  g_array_set_size (self->page, 0);
  g_string_chunk_clear (self->page_strings);
  g_ptr_array_set_size (self->retired, 0);

  while (self->page->len < max)
    {
      guint n;

      if (self->rows == NULL || self->row >= self->rows->len)
        {
          if (self->document + 1 >= (gint) self->documents->len)
            break;
          if (!load_document (self, self->document + 1, error))
            return FALSE;
          continue;
        }

      n = MIN (max - self->page->len, self->rows->len - self->row);
      g_array_append_vals (self->page, &g_array_index (self->rows, CbSegment, self->row), n);
      self->row += n;
      self->position += n;
    }

  return _cb_store_cut_segment_texts (_cb_project_get_store (self->project),
                                      (CbSegment *) self->page->data, self->page->len,
                                      self->page_strings, error);
}

/**
 * cb_segment_cursor_next_view:
 * @self: a #CbSegmentCursor
 * @max: at most this many
 * @segments: (out) (transfer none) (array length=n_segments): the segments
 * @n_segments: (out): how many
 * @error: a #GError
 *
 * Like cb_segment_cursor_next_page() without a copy per segment: the
 * segments and their strings belong to the cursor and stay valid until
 * the next call on it or its end.  The CLI and the exports write from
 * them; a list that keeps segments takes cb_segment_cursor_next_page().
 *
 * Returns: FALSE with @error set on failure
 */
gboolean
cb_segment_cursor_next_view (CbSegmentCursor   *self,
                             guint              max,
                             const CbSegment  **segments,
                             guint             *n_segments,
                             GError           **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_SEGMENT_CURSOR (self), FALSE);
  g_return_val_if_fail (segments != NULL && n_segments != NULL, FALSE);

  if (!begin_read (self, error))
    return FALSE;
  ok = read_page (self, max, error);
  end_read (self);

  *segments = ok ? (const CbSegment *) self->page->data : NULL;
  *n_segments = ok ? self->page->len : 0;
  return ok;
}

GPtrArray *
cb_segment_cursor_next_page (CbSegmentCursor  *self,
                             guint             max,
                             GError          **error)
{
  g_autoptr(GPtrArray) page = NULL;
  const CbSegment *segments;
  guint n;

  g_return_val_if_fail (CB_IS_SEGMENT_CURSOR (self), NULL);

  if (!cb_segment_cursor_next_view (self, max, &segments, &n, error))
    return NULL;
  page = g_ptr_array_new_full (n, (GDestroyNotify) cb_segment_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (page, cb_segment_copy (&segments[i]));
  return g_steal_pointer (&page);
}

static gboolean
seek (CbSegmentCursor  *self,
      guint64           position,
      GError          **error)
{
  guint low = 0;
  guint high;
  CursorDocument *document;

  if (!ensure_counted (self, error))
    return FALSE;

  if (position >= self->n_segments)
    {
      if (self->row_strings != NULL)
        g_ptr_array_add (self->retired, g_steal_pointer (&self->row_strings));
      g_clear_pointer (&self->rows, g_array_unref);
      self->document = self->documents->len;
      self->position = self->n_segments;
      return TRUE;
    }

  /* the last document whose first segment is at or before @position and
   * that has segments */
  high = self->documents->len;
  while (high - low > 1)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (self->documents, CursorDocument, middle).first <= position)
        low = middle;
      else
        high = middle;
    }
  while (g_array_index (self->documents, CursorDocument, low).count == 0)
    low--;   /* only empty documents between: they share its end as first */
  document = &g_array_index (self->documents, CursorDocument, low);

  if (self->document != (gint) low || self->rows == NULL)
    {
      if (!load_document (self, low, error))
        return FALSE;
    }
  /* the project may have changed since the count (without a snapshot) */
  self->row = MIN (position - document->first, self->rows->len);
  self->position = position;
  return TRUE;
}

gboolean
cb_segment_cursor_seek (CbSegmentCursor  *self,
                        guint64           position,
                        GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_SEGMENT_CURSOR (self), FALSE);

  if (position == self->position)
    return TRUE;
  if (!begin_read (self, error))
    return FALSE;
  ok = seek (self, position, error);
  end_read (self);
  return ok;
}

guint64
cb_segment_cursor_get_position (CbSegmentCursor *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_CURSOR (self), 0);
  return self->position;
}

gboolean
cb_segment_cursor_count (CbSegmentCursor  *self,
                         guint64          *n_segments,
                         guint            *n_documents,
                         GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_SEGMENT_CURSOR (self), FALSE);

  if (!begin_read (self, error))
    return FALSE;
  ok = ensure_counted (self, error);
  end_read (self);

  if (ok && n_segments != NULL)
    *n_segments = self->n_segments;
  if (ok && n_documents != NULL)
    *n_documents = self->n_documents;
  return ok;
}
