/* cb-segment-model.c: a code's segments as a list model that fetches pages
 *
 * A code of a big project has a hundred thousand segments; making an item
 * of each before showing the first took seconds and hundreds of
 * megabytes.  This model takes its length from the core's count query and
 * makes items only when the list asks for them.  The count itself reads
 * the code's whole range of the coding index (a code with 125,000
 * segments: some 25 ms), so a new cursor reads its first page only, and
 * the list shows that page while the count waits for
 * cb_segment_model_count() (the pane calls it after the first frame); then
 * the model grows to its real length.  The page of
 * CB_SEGMENT_MODEL_PAGE_SIZE segments holding the position asked for is
 * read through the cursor (which seeks there), and the
 * CB_SEGMENT_MODEL_MAX_PAGES pages used last are kept.  An item a row
 * still shows outlives its page; asked for again, its position gets a
 * new item with the same segment.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-project-turns.h"
#include "cb-segment-item.h"
#include "cb-segment-model.h"

/* The turns of this many documents are kept for the speaker lines. */
#define MAX_TURN_DOCUMENTS 16

typedef struct
{
  guint      index;   /* first position / CB_SEGMENT_MODEL_PAGE_SIZE */
  GPtrArray *items;   /* CbSegmentItem */
} Page;

struct _CbSegmentModel
{
  GObject          parent_instance;

  CbProject       *project;
  CbSegmentCursor *cursor;
  guint            n_items;
  guint            n_documents;
  gboolean         counted;           /* n_items is the count, not the first page's */
  GQueue           pages;             /* Page *, used last first */
  GHashTable      *turns;             /* document id → GPtrArray of CbTurnInfo */
  gboolean         busy;
  gboolean         gave_placeholders;
};

static void cb_segment_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CbSegmentModel, cb_segment_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cb_segment_model_list_model_init))

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (CbSegmentModel *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
  g_hash_table_remove_all (self->turns);
}

/* The turn a segment is cited by (the core's rule, as in the quote
 * export), from the cache of recent documents' turns. */
static const CbTurnInfo *
find_turn (CbSegmentModel  *self,
           const CbSegment *segment)
{
  GPtrArray *turns = g_hash_table_lookup (self->turns, &segment->document_id);

  if (turns == NULL)
    {
      if (g_hash_table_size (self->turns) >= MAX_TURN_DOCUMENTS)
        g_hash_table_remove_all (self->turns);
      turns = cb_project_list_turns (self->project, segment->document_name, NULL);
      if (turns == NULL)
        turns = g_ptr_array_new ();
      g_hash_table_insert (self->turns, g_memdup2 (&segment->document_id, sizeof segment->document_id), turns);
    }

  return cb_turn_find_for_span (turns, segment->start, segment->end);
}

/* Stands in for a segment that cannot be read now: the list must hand
 * out an item for every position below its length. */
static CbSegmentItem *
placeholder (CbSegmentModel *self)
{
  CbSegment *segment = g_new0 (CbSegment, 1);

  segment->text = g_strdup ("…");
  segment->document_name = g_strdup ("");
  segment->code_path = g_strdup ("");
  self->gave_placeholders = TRUE;
  return cb_segment_item_new (segment, NULL, NULL);
}

/* Makes the items of @segments (their segments taken) page @index, kept
 * as used last. */
static Page *
store_page (CbSegmentModel *self,
            guint           index,
            GPtrArray      *segments)
{
  Page *page = g_new0 (Page, 1);

  page->index = index;
  page->items = g_ptr_array_new_full (CB_SEGMENT_MODEL_PAGE_SIZE, g_object_unref);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = g_steal_pointer (&segments->pdata[i]);
      const CbTurnInfo *turn = find_turn (self, segment);

      g_ptr_array_add (page->items, cb_segment_item_new (segment,
                                                         turn ? turn->speaker : NULL,
                                                         turn ? turn->timestamp : NULL));
    }
  g_queue_push_head (&self->pages, page);
  while (g_queue_get_length (&self->pages) > CB_SEGMENT_MODEL_MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));
  return page;
}

static Page *
fetch_page (CbSegmentModel *self,
            guint           index)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GError) error = NULL;
  guint64 first = (guint64) index * CB_SEGMENT_MODEL_PAGE_SIZE;
  guint wanted = MIN (CB_SEGMENT_MODEL_PAGE_SIZE, self->n_items - first);
  Page *page;

  /* only the first page is asked for before the count (its length is
   * n_items then), and reading it does not count: seek(0) on a new cursor
   * moves nowhere */
  if (!cb_segment_cursor_seek (self->cursor, first, &error) ||
      !(segments = cb_segment_cursor_next_page (self->cursor, wanted, &error)))
    {
      g_warning ("Could not read segments %" G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT ": %s",
                 first, first + wanted, error->message);
      return NULL;
    }

  page = store_page (self, index, segments);
  /* fewer than counted: the project changed since (a refresh follows) */
  while (page->items->len < wanted)
    g_ptr_array_add (page->items, placeholder (self));
  return page;
}

static gpointer
cb_segment_model_get_item (GListModel *model,
                           guint       position)
{
  CbSegmentModel *self = CB_SEGMENT_MODEL (model);
  guint index = position / CB_SEGMENT_MODEL_PAGE_SIZE;
  Page *page = NULL;

  if (position >= self->n_items)
    return NULL;

  for (GList *link = self->pages.head; link != NULL; link = link->next)
    if (((Page *) link->data)->index == index)
      {
        /* used last: to the front */
        g_queue_unlink (&self->pages, link);
        g_queue_push_head_link (&self->pages, link);
        page = link->data;
        break;
      }

  if (page == NULL && (self->busy || !(page = fetch_page (self, index))))
    return placeholder (self);

  return g_object_ref (page->items->pdata[position % CB_SEGMENT_MODEL_PAGE_SIZE]);
}

static GType
cb_segment_model_get_item_type (GListModel *model)
{
  return CB_TYPE_SEGMENT_ITEM;
}

static guint
cb_segment_model_get_n_items (GListModel *model)
{
  return CB_SEGMENT_MODEL (model)->n_items;
}

static void
cb_segment_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item = cb_segment_model_get_item;
  iface->get_item_type = cb_segment_model_get_item_type;
  iface->get_n_items = cb_segment_model_get_n_items;
}

static void
cb_segment_model_finalize (GObject *object)
{
  CbSegmentModel *self = CB_SEGMENT_MODEL (object);

  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
  g_clear_pointer (&self->turns, g_hash_table_unref);
  g_clear_object (&self->cursor);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (cb_segment_model_parent_class)->finalize (object);
}

static void
cb_segment_model_class_init (CbSegmentModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_segment_model_finalize;
}

static void
cb_segment_model_init (CbSegmentModel *self)
{
  g_queue_init (&self->pages);
  self->turns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
}

CbSegmentModel *
cb_segment_model_new (void)
{
  return g_object_new (CB_TYPE_SEGMENT_MODEL, NULL);
}

gboolean
cb_segment_model_set_cursor (CbSegmentModel   *self,
                             CbProject        *project,
                             CbSegmentCursor  *cursor,
                             GError          **error)
{
  g_autoptr(GPtrArray) first = NULL;
  guint old_n_items;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_SEGMENT_MODEL (self), FALSE);
  g_return_val_if_fail (cursor == NULL || CB_IS_PROJECT (project), FALSE);

  /* The first page, without counting: a full page means there may be
   * more (counted by cb_segment_model_count()), a short one is all. */
  if (cursor != NULL && !(first = cb_segment_cursor_next_page (cursor, CB_SEGMENT_MODEL_PAGE_SIZE, error)))
    {
      cursor = NULL;
      ok = FALSE;
    }

  old_n_items = self->n_items;
  clear_pages (self);
  if (cursor == NULL)
    project = NULL;
  g_set_object (&self->project, project);
  g_set_object (&self->cursor, cursor);
  self->gave_placeholders = FALSE;
  self->counted = first == NULL || first->len < CB_SEGMENT_MODEL_PAGE_SIZE;
  self->n_documents = 0;
  if (first != NULL && self->counted)
    {
      /* all of them: the documents are counted from the page */
      g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < first->len; i++)
        g_hash_table_add (documents, &((CbSegment *) first->pdata[i])->document_id);
      self->n_documents = g_hash_table_size (documents);
    }

  /* All gone, then all new, in two steps: told of one replacement, the
   * list view looks through every new item for the old rows' items to
   * reuse their rows, which would read every page. */
  self->n_items = 0;
  if (old_n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, 0);
  if (first != NULL && first->len > 0)
    {
      /* the page read becomes the model's first page */
      self->n_items = first->len;
      store_page (self, 0, first);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, self->n_items);
    }
  return ok;
}

gboolean
cb_segment_model_get_counted (CbSegmentModel *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_MODEL (self), TRUE);
  return self->counted;
}

gboolean
cb_segment_model_count (CbSegmentModel  *self,
                        GError         **error)
{
  guint64 n_segments = 0;
  guint n_documents = 0;
  guint old_n_items, n_items;

  g_return_val_if_fail (CB_IS_SEGMENT_MODEL (self), FALSE);

  if (self->counted || self->cursor == NULL)
    return TRUE;
  if (self->busy)
    return TRUE;   /* asked again when the job is done */
  if (!cb_segment_cursor_count (self->cursor, &n_segments, &n_documents, error))
    return FALSE;

  self->counted = TRUE;
  self->n_documents = n_documents;
  old_n_items = self->n_items;
  n_items = (guint) MIN (n_segments, G_MAXUINT);
  self->n_items = n_items;
  /* the project changed since the first page: a refresh follows */
  if (n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, n_items - old_n_items);
  else if (n_items < old_n_items)
    {
      clear_pages (self);
      g_list_model_items_changed (G_LIST_MODEL (self), n_items, old_n_items - n_items, 0);
    }
  return TRUE;
}

guint
cb_segment_model_get_n_documents (CbSegmentModel *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_MODEL (self), 0);
  return self->n_documents;
}

gboolean
cb_segment_model_set_busy (CbSegmentModel *self,
                           gboolean        busy)
{
  gboolean gave = FALSE;

  g_return_val_if_fail (CB_IS_SEGMENT_MODEL (self), FALSE);

  self->busy = !!busy;
  if (!busy)
    {
      gave = self->gave_placeholders;
      self->gave_placeholders = FALSE;
    }
  return gave;
}

guint
cb_segment_model_get_n_pages (CbSegmentModel *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_MODEL (self), 0);
  return g_queue_get_length (&self->pages);
}
