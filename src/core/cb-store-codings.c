/* cb-store-codings.c: the SQL for codings, retrieval and the integrity check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"
#include "cb-text.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_cb_store_insert_coding (CbStore     *self,
                         gint64       document,
                         gint64       code,
                         gint64       start,
                         gint64       end,
                         gint64       coder,
                         const char  *uuid,
                         const char  *at,
                         const char  *memo,
                         gboolean    *created,
                         GError     **error)
{
  g_autofree char *fresh_uuid = uuid == NULL ? cb_store_new_uuid (self) : NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db = cb_store_get_db (self);
  gint64 id = 0;

  /* The same code on the same span by the same coder is one coding: a
   * second apply changes nothing and reports the existing one. */
  stmt = cb_store_prepare (self,
                           "INSERT INTO coding (uuid, document, code, start, end, coder, created, memo)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (document, start, end, code, coder) DO NOTHING",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid != NULL ? uuid : fresh_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, code);
  sqlite3_bind_int64 (stmt, 4, start);
  sqlite3_bind_int64 (stmt, 5, end);
  sqlite3_bind_int64 (stmt, 6, coder);
  sqlite3_bind_text (stmt, 7, at != NULL ? at : cb_store_now (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, memo != NULL ? memo : "", -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  if (sqlite3_changes (db) > 0)
    {
      id = sqlite3_last_insert_rowid (db);
      if (created != NULL)
        *created = TRUE;
      return id;
    }

  if (created != NULL)
    *created = FALSE;

  stmt = cb_store_prepare (self,
                           "SELECT id FROM coding WHERE document = ? AND code = ? AND start = ?"
                           " AND end = ? AND coder = ?",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_int64 (stmt, 5, coder);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

/* A batch writes up to millions of codings (or a codebook tens of
 * thousands of codes) into indexes larger than
 * SQLite's default page cache (2 MB): every insert then reads and writes
 * back pages through the kernel.  For the batch's duration the cache may
 * grow to BULK_CACHE_KIB; SQLite takes the memory only as pages are used. */
#define BULK_CACHE_KIB 49152

gint64
_cb_store_begin_bulk (CbStore  *self,
                      GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "PRAGMA main.cache_size", error);
  gint64 previous;

  if (stmt == NULL || (previous = cb_store_query_int64 (self, stmt, 0, error)) == 0 ||
      !cb_store_exec (self, "PRAGMA main.cache_size = -" G_STRINGIFY (BULK_CACHE_KIB), error))
    return 0;
  return previous;
}

void
_cb_store_end_bulk (CbStore *self,
                    gint64   previous)
{
  g_autofree char *sql = NULL;

  if (previous == 0)
    return;
  sql = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT, previous);
  sqlite3_exec (cb_store_get_db (self), sql, NULL, NULL, NULL);
}

gint64
_cb_store_delete_codings (CbStore  *self,
                          gint64    document,
                          gint64    code,
                          gint64    start,
                          gint64    end,
                          gint64    coder,
                          GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "DELETE FROM coding WHERE document = ? AND code = ?"
                                         " AND start = ? AND end = ? AND (?5 = 0 OR coder = ?5)",
                                         error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_int64 (stmt, 5, coder);
  if (!cb_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (cb_store_get_db (self));
}

gint64
_cb_store_count_codings (CbStore  *self,
                         gint64    id,
                         GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT count(*) FROM coding WHERE code = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_query_int64 (self, stmt, -1, error);
}

gboolean
_cb_store_move_codings (CbStore  *self,
                        gint64    source,
                        gint64    target,
                        GError  **error)
{
  /* OR IGNORE leaves behind the codings the target already has on the
   * same span by the same coder; they go when the source is deleted. */
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE OR IGNORE coding SET code = ? WHERE code = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, source);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_set_coding_memo (CbStore     *self,
                           gint64       id,
                           const char  *memo,
                           GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE coding SET memo = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, memo, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (cb_store_get_db (self)) == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no coding with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

/* id → name of a small table (documents, coders), for filling segments
 * without joining every coding row. */
static GHashTable *
load_names (CbStore     *self,
            const char  *sql,
            GError     **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = cb_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (names, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         dup_column (stmt, 1));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&names);
}

static CbSegment *
segment_from_row (sqlite3_stmt *stmt,
                  GHashTable   *documents,
                  GHashTable   *coders)
{
  CbSegment *segment = g_new0 (CbSegment, 1);
  gint64 coder = sqlite3_column_int64 (stmt, 6);

  segment->coding_id = sqlite3_column_int64 (stmt, 0);
  segment->uuid = dup_column (stmt, 1);
  segment->document_id = sqlite3_column_int64 (stmt, 2);
  segment->document_name = g_strdup (g_hash_table_lookup (documents, &segment->document_id));
  segment->code_id = sqlite3_column_int64 (stmt, 3);
  segment->start = sqlite3_column_int64 (stmt, 4);
  segment->end = sqlite3_column_int64 (stmt, 5);
  segment->coder = g_strdup (g_hash_table_lookup (coders, &coder));
  segment->created = dup_column (stmt, 7);
  segment->memo = dup_column (stmt, 8);

  return segment;
}

GPtrArray *
_cb_store_list_segments (CbStore  *self,
                         GArray   *code_ids,
                         gint64    document_id,
                         GError  **error)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GHashTable) coders = NULL;
  sqlite3_stmt *stmt;
  int rc = SQLITE_DONE;

  if (!(documents = load_names (self, "SELECT id, name FROM document", error)) ||
      !(coders = load_names (self, "SELECT id, name FROM coder", error)))
    return NULL;

  if (document_id > 0)
    {
      stmt = cb_store_prepare (self,
                               "SELECT id, uuid, document, code, start, end, coder, created, memo"
                               " FROM coding WHERE document = ?"
                               " ORDER BY start, end, code",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, document_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (segments, segment_from_row (stmt, documents, coders));
      sqlite3_reset (stmt);
    }
  else
    {
      stmt = cb_store_prepare (self,
                               "SELECT id, uuid, document, code, start, end, coder, created, memo"
                               " FROM coding WHERE code = ?",
                               error);
      if (stmt == NULL)
        return NULL;

      /* One indexed lookup per code, then one sort: cheaper than a
       * recursive join the planner cannot order by document. */
      for (guint i = 0; i < code_ids->len && rc == SQLITE_DONE; i++)
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (code_ids, gint64, i));
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (segments, segment_from_row (stmt, documents, coders));
          sqlite3_reset (stmt);
        }
    }

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&segments);
}

gboolean
_cb_store_fill_segment_texts (CbStore    *self,
                              GPtrArray  *segments,
                              GError    **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT text, char_index FROM document WHERE id = ?", error);
  guint i = 0;

  if (stmt == NULL)
    return FALSE;

  /* Segments come grouped by document: read each text once and find each
   * span from the nearest point of the document's character index. */
  while (i < segments->len)
    {
      CbSegment *first = segments->pdata[i];
      const char *text;
      const guint8 *index;
      gsize length;
      gsize index_length;
      int rc;

      sqlite3_bind_int64 (stmt, 1, first->document_id);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          cb_store_set_error (self, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
          return FALSE;
        }
      text = (const char *) sqlite3_column_text (stmt, 0);
      length = sqlite3_column_bytes (stmt, 0);
      index = sqlite3_column_blob (stmt, 1);
      index_length = sqlite3_column_bytes (stmt, 1);
      /* Both come from the file: never trusted (cb-store-documents.c).
       * The offset walks stay inside the text whatever its bytes, so only
       * the bytes handed out are checked to be UTF-8: checking the whole
       * text of every document would cost more than the retrieval. */
      if (text == NULL)
        {
          sqlite3_reset (stmt);
          return _cb_store_check_document_text (self, first->document_id, NULL, 0, error);
        }
      if (!_cb_store_char_index_is_valid (text, length, index, index_length))
        index = NULL;

      for (; i < segments->len; i++)
        {
          CbSegment *segment = segments->pdata[i];
          gsize start_byte;
          gsize end_byte;

          if (segment->document_id != first->document_id)
            break;

          start_byte = cb_text_char_to_byte_indexed (text, length, index, index_length, segment->start);
          /* from the start when the end lies in the same stride, else from
           * the end's own indexed point: never more than one stride's walk */
          if (segment->end / CB_TEXT_INDEX_STRIDE == segment->start / CB_TEXT_INDEX_STRIDE)
            end_byte = start_byte + cb_text_char_to_byte (text + start_byte, length - start_byte,
                                                          segment->end - segment->start);
          else
            end_byte = cb_text_char_to_byte_indexed (text, length, index, index_length, segment->end);
          if (end_byte < start_byte)
            end_byte = start_byte;
          if (!cb_text_validate_utf8 (text + start_byte, end_byte - start_byte))
            {
              sqlite3_reset (stmt);
              return _cb_store_check_document_text (self, first->document_id, NULL, 0, error);
            }
          g_free (segment->text);
          segment->text = g_strndup (text + start_byte, end_byte - start_byte);
        }

      sqlite3_reset (stmt);
    }

  return TRUE;
}
