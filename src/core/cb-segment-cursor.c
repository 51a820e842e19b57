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
   * segments sorted (NULL where handed out), the next one, and the
   * position of that one among all. */
  gint        document;
  GPtrArray  *rows;
  guint       row;
  guint64     position;
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
  g_clear_pointer (&self->rows, g_ptr_array_unref);
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
}

static gboolean
passes_filter (CbSegmentCursor *self,
               CbSegment       *segment)
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

/* A segment with its sort keys resolved, so that sorting compares integers. */
typedef struct
{
  guint      code_rank;
  CbSegment *segment;
} SortedSegment;

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const SortedSegment *x = a;
  const SortedSegment *y = b;

  if (x->segment->start != y->segment->start)
    return x->segment->start < y->segment->start ? -1 : 1;
  if (x->segment->end != y->segment->end)
    return x->segment->end < y->segment->end ? -1 : 1;
  if (x->code_rank != y->code_rank)
    return x->code_rank < y->code_rank ? -1 : 1;
  return g_strcmp0 (x->segment->coder, y->segment->coder);
}

/* Reads document @index's segments in scope, sorted, into self->rows. */
static gboolean
load_document (CbSegmentCursor  *self,
               guint             index,
               GError          **error)
{
  CursorDocument *document = &g_array_index (self->documents, CursorDocument, index);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
  g_autofree SortedSegment *sorted = NULL;

  /* counted empty: no query at all */
  if (document->count != 0)
    for (guint c = 0; c < self->code_rows->len; c++)
      if (!_cb_store_code_rows_read (self->code_rows->pdata[c], document->id, document->name,
                                     self->coders, rows, error))
        return FALSE;

  /* dropped before the sort and before any text is cut */
  if (self->scope != NULL)
    {
      guint n_kept = 0;

      /* the kept ones to the front (in order), the others behind them,
       * where shrinking the array frees them */
      for (guint i = 0; i < rows->len; i++)
        {
          CbSegment *segment = rows->pdata[i];

          if (passes_filter (self, segment))
            {
              rows->pdata[i] = rows->pdata[n_kept];
              rows->pdata[n_kept++] = segment;
            }
        }
      g_ptr_array_set_size (rows, n_kept);
    }

  if (rows->len > 1)
    {
      sorted = g_new (SortedSegment, rows->len);
      for (guint i = 0; i < rows->len; i++)
        {
          CbSegment *segment = rows->pdata[i];
          CbCodeInfo *code = g_hash_table_lookup (self->code_by_id, &segment->code_id);

          sorted[i].segment = segment;
          sorted[i].code_rank = code != NULL ? (guint) code->position : G_MAXUINT;
        }
      qsort (sorted, rows->len, sizeof *sorted, compare_sorted);
      for (guint i = 0; i < rows->len; i++)
        rows->pdata[i] = sorted[i].segment;
    }

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  self->rows = g_steal_pointer (&rows);
  self->document = index;
  self->row = 0;
  return TRUE;
}

static gboolean
read_page (CbSegmentCursor  *self,
           GPtrArray        *page,
           guint             max,
           GError          **error)
{
  while (page->len < max)
    {
      CbSegment *segment;
      CbCodeInfo *code;

      if (self->rows == NULL || self->row >= self->rows->len)
        {
          if (self->document + 1 >= (gint) self->documents->len)
            break;
          if (!load_document (self, self->document + 1, error))
            return FALSE;
          continue;
        }

      segment = g_steal_pointer (&self->rows->pdata[self->row]);
      if (segment == NULL)
        {
          /* handed out before a seek back: read the document again */
          guint row = self->row;

          if (!load_document (self, self->document, error))
            return FALSE;
          self->row = row;
          continue;
        }

      code = g_hash_table_lookup (self->code_by_id, &segment->code_id);
      segment->code_path = g_strdup (code != NULL ? code->path : NULL);
      g_ptr_array_add (page, segment);
      self->row++;
      self->position++;
    }

  return _cb_store_fill_segment_texts (_cb_project_get_store (self->project), page, error);
}

GPtrArray *
cb_segment_cursor_next_page (CbSegmentCursor  *self,
                             guint             max,
                             GError          **error)
{
  g_autoptr(GPtrArray) page = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
  gboolean ok;

  g_return_val_if_fail (CB_IS_SEGMENT_CURSOR (self), NULL);

  if (!begin_read (self, error))
    return NULL;
  ok = read_page (self, page, max, error);
  end_read (self);

  return ok ? g_steal_pointer (&page) : NULL;
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
      g_clear_pointer (&self->rows, g_ptr_array_unref);
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
