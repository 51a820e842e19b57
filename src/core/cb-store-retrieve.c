/* cb-store-retrieve.c: the SQL of retrieval: a code's segments, a
 * document's codings, their texts, and the counts and per-document rows
 * the segment cursor (cb-segment-cursor.c) pages through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-project-turns.h"
#include "cb-store-private.h"
#include "cb-text.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* A column's text copied into @strings, or NULL for SQL NULL. */
static const char *
chunk_column (sqlite3_stmt *stmt,
              int           column,
              GStringChunk *strings)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert_len (strings, text, sqlite3_column_bytes (stmt, column)) : NULL;
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

/* Cuts the texts of @n segments (grouped by document): each into @strings
 * when given, else g_strndup()ed into the segment, whose old text is freed. */
static gboolean
cut_texts (CbStore       *self,
           CbSegment    **segments,
           guint          n,
           GStringChunk  *strings,
           GError       **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT text, char_index FROM document WHERE id = ?", error);
  guint i = 0;

  if (stmt == NULL)
    return FALSE;

  /* Segments come grouped by document: read each text once and find each
   * span from the nearest point of the document's character index. */
  while (i < n)
    {
      CbSegment *first = segments[i];
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
       * the bytes handed out are checked to be UTF-8, in the same pass
       * that finds where they end: checking the whole text of every
       * document would cost more than the retrieval. */
      if (text == NULL)
        {
          sqlite3_reset (stmt);
          return _cb_store_check_document_text (self, first->document_id, NULL, 0, error);
        }
      if (!_cb_store_char_index_is_valid (text, length, index, index_length))
        index = NULL;

      for (; i < n; i++)
        {
          CbSegment *segment = segments[i];
          gsize start_byte = 0;
          gsize end_byte = 0;

          if (segment->document_id != first->document_id)
            break;

          if (!cb_text_cut_indexed (text, length, index, index_length, segment->start, segment->end,
                                    &start_byte, &end_byte))
            {
              sqlite3_reset (stmt);
              return _cb_store_check_document_text (self, first->document_id, NULL, 0, error);
            }
          if (strings != NULL)
            segment->text = g_string_chunk_insert_len (strings, text + start_byte, end_byte - start_byte);
          else
            {
              g_free (segment->text);
              segment->text = g_strndup (text + start_byte, end_byte - start_byte);
            }
        }

      sqlite3_reset (stmt);
    }

  return TRUE;
}

gboolean
_cb_store_fill_segment_texts (CbStore    *self,
                              GPtrArray  *segments,
                              GError    **error)
{
  return cut_texts (self, (CbSegment **) segments->pdata, segments->len, NULL, error);
}

gboolean
_cb_store_cut_segment_texts (CbStore       *self,
                             CbSegment     *segments,
                             guint          n,
                             GStringChunk  *strings,
                             GError       **error)
{
  g_autofree CbSegment **pointers = g_new (CbSegment *, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    pointers[i] = &segments[i];
  return cut_texts (self, pointers, n, strings, error);
}

GPtrArray *
_cb_store_list_document_names (CbStore  *self,
                               GError  **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
  /* BINARY collation compares bytes, as strcmp() does: the order
   * retrieval has always printed documents in */
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, name FROM document ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbDocumentInfo *info = g_new0 (CbDocumentInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = dup_column (stmt, 1);
      g_ptr_array_add (documents, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

GHashTable *
_cb_store_load_speaker_names (CbStore  *self,
                              GError  **error)
{
  return load_names (self, "SELECT id, name FROM speaker", error);
}

gboolean
_cb_store_list_turn_spans (CbStore       *self,
                           gint64         document,
                           GHashTable    *speakers,
                           GArray        *turns,
                           GStringChunk  *strings,
                           GError       **error)
{
  /* _cb_store_list_turns()'s rows in its order (the index (document,
   * start)), without its join: the speakers' names come from @speakers,
   * and a turn whose speaker is not there is left out as the join leaves
   * it out.  (Reading the document's range of row ids in table order and
   * sorting was tried: no cheaper.) */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT speaker, start, end, timestamp"
                                         " FROM turn WHERE document = ?1 ORDER BY start",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 speaker = sqlite3_column_int64 (stmt, 0);
      const char *name = g_hash_table_lookup (speakers, &speaker);
      CbTurnInfo *turn;

      if (name == NULL)
        continue;
      g_array_set_size (turns, turns->len + 1);
      turn = &g_array_index (turns, CbTurnInfo, turns->len - 1);
      memset (turn, 0, sizeof *turn);
      turn->document_id = document;
      turn->speaker_id = speaker;
      turn->speaker = (char *) name;
      turn->start = sqlite3_column_int64 (stmt, 1);
      turn->end = sqlite3_column_int64 (stmt, 2);
      turn->timestamp = (char *) chunk_column (stmt, 3, strings);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

GHashTable *
_cb_store_load_coder_names (CbStore  *self,
                            GError  **error)
{
  return load_names (self, "SELECT id, name FROM coder", error);
}

gboolean
_cb_store_count_code_documents (CbStore  *self,
                                gint64    code,
                                GArray   *counts,
                                GError  **error)
{
  /* the covering index (code, document, …) hands the groups over in
   * order: no sort, no table row read */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT document, count(*) FROM coding WHERE code = ?"
                                         " GROUP BY document",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreDocumentCount count = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (counts, count);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_foreach_code_span (CbStore           *self,
                             gint64             code,
                             CbStoreSpanFunc    func,
                             gpointer           data,
                             GError           **error)
{
  /* the covering index (code, document, start, end, …) alone */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT document, start, end FROM coding WHERE code = ?"
                                         " ORDER BY document",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2), data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

struct _CbStoreCodeRows
{
  CbStore      *store;
  sqlite3_stmt *stmt;
  int           document_column;
  gint64        code;
  gboolean      active;   /* bound and stepped: a row (or the end) is current */
  gint64        last;     /* the document read last */
  gint64        current;  /* the current row's document; G_MAXINT64 at the end */
};

static CbStoreCodeRows *code_rows_new (CbStore *self, gint64 code, gboolean spans_only, GError **error);

CbStoreCodeRows *
_cb_store_code_rows_new (CbStore  *self,
                         gint64    code,
                         GError  **error)
{
  return code_rows_new (self, code, FALSE, error);
}

CbStoreCodeRows *
_cb_store_code_rows_new_spans (CbStore  *self,
                               gint64    code,
                               GError  **error)
{
  return code_rows_new (self, code, TRUE, error);
}

static CbStoreCodeRows *
code_rows_new (CbStore   *self,
               gint64     code,
               gboolean   spans_only,
               GError   **error)
{
  CbStoreCodeRows *rows = g_new0 (CbStoreCodeRows, 1);
  sqlite3_stmt *any = cb_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM coding WHERE code = ?)", error);
  gint64 used;
  int rc;

  rows->store = self;
  rows->code = code;

  /* Preparing a statement costs more than a lookup: a code without
   * codings (a parent that only groups others) gets none. */
  if (any == NULL)
    {
      g_free (rows);
      return NULL;
    }
  sqlite3_bind_int64 (any, 1, code);
  if ((used = cb_store_query_int64 (self, any, -1, error)) < 0)
    {
      g_free (rows);
      return NULL;
    }
  if (used == 0)
    return rows;

  /* the covering index coding_code (code, document, start, end, …) in
   * its own order: no sort, no table row read */
  rc = sqlite3_prepare_v3 (cb_store_get_db (self),
                           spans_only
                           ? "SELECT start, end, document"
                             " FROM coding WHERE code = ?1 AND document >= ?2"
                             " ORDER BY document, start, end"
                           : "SELECT id, uuid, start, end, coder, created, memo, document"
                             " FROM coding WHERE code = ?1 AND document >= ?2"
                             " ORDER BY document, start, end",
                           -1, SQLITE_PREPARE_PERSISTENT, &rows->stmt, NULL);
  rows->document_column = spans_only ? 2 : 7;

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      g_free (rows);
      return NULL;
    }
  return rows;
}

void
_cb_store_code_rows_reset (CbStoreCodeRows *rows)
{
  if (rows->stmt != NULL)
    sqlite3_reset (rows->stmt);
  rows->active = FALSE;
}

void
_cb_store_code_rows_free (CbStoreCodeRows *rows)
{
  if (rows == NULL)
    return;
  sqlite3_finalize (rows->stmt);
  g_free (rows);
}

static gboolean
code_rows_step (CbStoreCodeRows  *rows,
                GError          **error)
{
  int rc = sqlite3_step (rows->stmt);

  if (rc == SQLITE_ROW)
    rows->current = sqlite3_column_int64 (rows->stmt, rows->document_column);
  else if (rc == SQLITE_DONE)
    rows->current = G_MAXINT64;
  else
    {
      cb_store_set_error (rows->store, rc, error);
      _cb_store_code_rows_reset (rows);
      return FALSE;
    }
  return TRUE;
}

/* A coder's name from @coders, or read (and added) when the coder came
 * after @coders was loaded: a cursor without a snapshot lives that long. */
static const char *
coder_name (CbStore    *self,
            GHashTable *coders,
            gint64      coder)
{
  const char *name = g_hash_table_lookup (coders, &coder);
  sqlite3_stmt *stmt;

  if (name != NULL || !(stmt = cb_store_prepare (self, "SELECT name FROM coder WHERE id = ?", NULL)))
    return name;
  sqlite3_bind_int64 (stmt, 1, coder);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *found = dup_column (stmt, 0);

      g_hash_table_insert (coders, g_memdup2 (&coder, sizeof coder), found);
      name = found;
    }
  sqlite3_reset (stmt);
  return name;
}

/* Stands the statement on @document's first row (rows->current is
 * another document when it has none). */
static gboolean
code_rows_seek (CbStoreCodeRows  *rows,
                gint64            document,
                GError          **error)
{
  sqlite3_stmt *stmt = rows->stmt;

  if (stmt == NULL)
    {
      rows->current = G_MAXINT64;   /* no codings at all */
      return TRUE;
    }

  /* The statement stands on the first row after the document read last:
   * a document between the two has none.  (Not one read before: it may be
   * read again, after a seek back or in a second pass.) */
  if (rows->active && rows->last < document && document < rows->current)
    {
      rows->last = document;
      return TRUE;
    }

  /* Documents in name order usually come in id order too: then the
   * statement just goes on; otherwise it seeks. */
  if (!rows->active || rows->current != document)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, rows->code);
      sqlite3_bind_int64 (stmt, 2, document);
      rows->active = TRUE;
      if (!code_rows_step (rows, error))
        return FALSE;
    }
  rows->last = document;
  return TRUE;
}

gboolean
_cb_store_code_rows_read_spans (CbStoreCodeRows  *rows,
                                gint64            document,
                                GArray           *spans,
                                GError          **error)
{
  if (!code_rows_seek (rows, document, error))
    return FALSE;
  while (rows->current == document)
    {
      CbStoreCodeSpan span = { sqlite3_column_int64 (rows->stmt, 0), sqlite3_column_int64 (rows->stmt, 1) };

      g_array_append_val (spans, span);
      if (!code_rows_step (rows, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_with_document_text (CbStore               *self,
                              gint64                 document,
                              CbStoreDocumentTextFunc func,
                              gpointer               data,
                              GError               **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT text, char_index FROM document WHERE id = ?", error);
  const char *text;
  const guint8 *index;
  gsize length;
  gsize index_length;
  gboolean ok;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
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
  if (text == NULL)
    {
      sqlite3_reset (stmt);
      return _cb_store_check_document_text (self, document, NULL, 0, error);
    }
  /* both from the file: the index only when it fits the text */
  if (!_cb_store_char_index_is_valid (text, length, index, index_length))
    index = NULL;
  ok = func (text, length, index, index != NULL ? index_length : 0, data, error);
  sqlite3_reset (stmt);
  return ok;
}

gboolean
_cb_store_code_rows_read (CbStoreCodeRows  *rows,
                          gint64            document,
                          const char       *document_name,
                          GHashTable       *coders,
                          GArray           *segments,
                          GStringChunk     *strings,
                          GError          **error)
{
  sqlite3_stmt *stmt = rows->stmt;
  gint64 last_coder = -1;
  const char *last_coder_name = NULL;

  if (!code_rows_seek (rows, document, error))
    return FALSE;
  while (rows->current == document)
    {
      CbSegment segment;
      gint64 coder = sqlite3_column_int64 (stmt, 4);

      /* a document's codings mostly share a coder: one lookup a run */
      if (coder != last_coder)
        {
          last_coder_name = coder_name (rows->store, coders, coder);
          last_coder = coder;
        }
      segment.coding_id = sqlite3_column_int64 (stmt, 0);
      segment.uuid = (char *) chunk_column (stmt, 1, strings);
      segment.document_id = document;
      segment.document_name = (char *) document_name;
      segment.code_id = rows->code;
      segment.code_path = NULL;
      segment.start = sqlite3_column_int64 (stmt, 2);
      segment.end = sqlite3_column_int64 (stmt, 3);
      segment.coder = (char *) last_coder_name;
      segment.created = (char *) chunk_column (stmt, 5, strings);
      segment.memo = (char *) chunk_column (stmt, 6, strings);
      segment.text = NULL;
      g_array_append_val (segments, segment);
      if (!code_rows_step (rows, error))
        return FALSE;
    }
  return TRUE;
}
