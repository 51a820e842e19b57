/* cb-project-retrieve.c: retrieval: a code's segments (whole, counted, or
 * page by page through a CbSegmentCursor) and a document's codings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-cases-private.h"
#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-segment-cursor-private.h"
#include "cb-store-private.h"

/* A segment with its sort keys resolved, so that sorting compares integers. */
typedef struct
{
  int        document_rank;  /* by document name */
  int        code_rank;      /* depth-first order of the code */
  CbSegment *segment;
} SortedSegment;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(CbSegment **) a)->document_name, (*(CbSegment **) b)->document_name);
}

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const SortedSegment *x = a;
  const SortedSegment *y = b;

  if (x->document_rank != y->document_rank)
    return x->document_rank - y->document_rank;
  if (x->segment->start != y->segment->start)
    return x->segment->start < y->segment->start ? -1 : 1;
  if (x->segment->end != y->segment->end)
    return x->segment->end < y->segment->end ? -1 : 1;
  if (x->code_rank != y->code_rank)
    return x->code_rank - y->code_rank;
  return g_strcmp0 (x->segment->coder, y->segment->coder);
}

/* Fills code paths, sorts by document, position and tree order, and reads texts. */
static gboolean
finish_segments (CbProject  *self,
                 GPtrArray  *codes,
                 GPtrArray  *segments,
                 GError    **error)
{
  g_autoptr(GHashTable) codes_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) document_ranks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  g_autofree SortedSegment *sorted = g_new (SortedSegment, MAX (segments->len, 1));

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      code->position = i;   /* reused as the depth-first rank */
      g_hash_table_insert (codes_by_id, &code->id, code);
    }

  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];
      CbCodeInfo *code = g_hash_table_lookup (codes_by_id, &segment->code_id);

      segment->code_path = g_strdup (code != NULL ? code->path : NULL);
      sorted[i].segment = segment;
      sorted[i].code_rank = code != NULL ? (int) code->position : G_MAXINT;
      if (!g_hash_table_contains (document_ranks, &segment->document_id))
        {
          g_hash_table_insert (document_ranks, &segment->document_id, NULL);
          g_ptr_array_add (firsts, segment);
        }
    }

  /* Documents sort by name: rank the few names once, then compare ranks. */
  g_ptr_array_sort (firsts, compare_names);
  for (guint i = 0; i < firsts->len; i++)
    g_hash_table_insert (document_ranks, &((CbSegment *) firsts->pdata[i])->document_id, GINT_TO_POINTER (i));
  for (guint i = 0; i < segments->len; i++)
    sorted[i].document_rank = GPOINTER_TO_INT (g_hash_table_lookup (document_ranks, &sorted[i].segment->document_id));

  qsort (sorted, segments->len, sizeof *sorted, compare_sorted);
  for (guint i = 0; i < segments->len; i++)
    segments->pdata[i] = sorted[i].segment;

  return _cb_store_fill_segment_texts (self->store, segments, error);
}

/* The code tree (depth first) and the ids of @code_path and, when asked,
 * its subtree; inside a read snapshot. */
static GArray *
codes_in_scope (CbProject   *self,
                const char  *code_path,
                gboolean     with_descendants,
                GPtrArray  **out_codes,
                GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;
  guint i;

  if (!(id = _cb_project_lookup_code (self, code_path, error)) ||
      !(codes = _cb_project_list_codes (self, FALSE, error)))
    return NULL;

  /* a subtree is contiguous in depth-first order */
  for (i = 0; i < codes->len && ((CbCodeInfo *) codes->pdata[i])->id != id; i++)
    ;
  if (i < codes->len)
    {
      guint end = with_descendants ? cb_code_list_subtree_end (codes, i) : i + 1;

      for (; i < end; i++)
        g_array_append_val (ids, ((CbCodeInfo *) codes->pdata[i])->id);
    }

  if (out_codes != NULL)
    *out_codes = g_steal_pointer (&codes);
  return g_steal_pointer (&ids);
}

static CbSegmentCursor *
retrieve_cursor (CbProject           *self,
                 const char          *code_path,
                 const CbCaseFilter  *filter,
                 CbRetrieveFlags      flags,
                 GError             **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GArray) ids = NULL;
  CbSegmentCursor *cursor = NULL;

  /* The tree, the names, the filter's coverage and (with
   * CB_RETRIEVE_SNAPSHOT) every page after them see one state, even while
   * another process writes. */
  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((ids = codes_in_scope (self, code_path, (flags & CB_RETRIEVE_DESCENDANTS) != 0, &codes, error)))
    cursor = _cb_segment_cursor_new (self, g_steal_pointer (&codes), ids, filter, flags, error);
  _cb_project_end_read (self);

  return cursor;
}

CbSegmentCursor *
cb_project_retrieve_cursor (CbProject        *self,
                            const char       *code_path,
                            CbRetrieveFlags   flags,
                            GError          **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (code_path != NULL, NULL);

  return retrieve_cursor (self, code_path, NULL, flags, error);
}

CbSegmentCursor *
cb_project_retrieve_cursor_filtered (CbProject           *self,
                                     const char          *code_path,
                                     CbRetrieveFlags      flags,
                                     const CbCaseFilter  *filter,
                                     GError             **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (code_path != NULL, NULL);

  return retrieve_cursor (self, code_path, filter, flags, error);
}

GPtrArray *
cb_project_retrieve (CbProject   *self,
                     const char  *code_path,
                     gboolean     with_descendants,
                     GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return cb_project_retrieve_filtered (self, code_path, with_descendants, NULL, error);
}

/* One page of a (filtered) cursor holding everything: each document's text
 * is read once, and the segments that fail the filter are dropped before
 * their texts are cut. */
GPtrArray *
cb_project_retrieve_filtered (CbProject           *self,
                              const char          *code_path,
                              gboolean             with_descendants,
                              const CbCaseFilter  *filter,
                              GError             **error)
{
  g_autoptr(CbSegmentCursor) cursor = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (code_path != NULL, NULL);

  cursor = retrieve_cursor (self, code_path, filter,
                            CB_RETRIEVE_SNAPSHOT | (with_descendants ? CB_RETRIEVE_DESCENDANTS : 0),
                            error);
  if (cursor == NULL)
    return NULL;
  return cb_segment_cursor_next_page (cursor, G_MAXUINT, error);
}

gint64
cb_project_count_segments (CbProject   *self,
                           const char  *code_path,
                           gboolean     with_descendants,
                           GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  gint64 total = 0;

  g_return_val_if_fail (CB_IS_PROJECT (self), -1);
  g_return_val_if_fail (code_path != NULL, -1);

  if (!_cb_project_begin_read (self, error))
    return -1;
  if (!(ids = codes_in_scope (self, code_path, with_descendants, NULL, error)))
    total = -1;
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 n = _cb_store_count_codings (_cb_project_get_store (self), g_array_index (ids, gint64, i), error);

      if (n < 0)
        {
          total = -1;
          break;
        }
      total += n;
    }
  _cb_project_end_read (self);

  return total;
}

GPtrArray *
cb_project_list_document_codings (CbProject  *self,
                                  gint64      document_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document_id > 0, NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;

  if ((codes = _cb_project_list_codes (self, FALSE, error)) != NULL &&
      (segments = _cb_store_list_segments (self->store, NULL, document_id, error)) != NULL &&
      !finish_segments (self, codes, segments, error))
    g_clear_pointer (&segments, g_ptr_array_unref);

  _cb_project_end_read (self);
  return g_steal_pointer (&segments);
}

