/* cb-store-turns.c: the SQL for speakers and turns
 *
 * The tables are in schema version 1 (cb-schema.c): speaker (id, document,
 * name, is_interviewer) and turn (id, document, speaker, start, end,
 * text_start, timestamp).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-store-turns.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_cb_store_find_speaker (CbStore     *self,
                        gint64       document,
                        const char  *name,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "SELECT id FROM speaker WHERE document = ? AND name = ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  return cb_store_query_int64 (self, stmt, 0, error);
}

gint64
_cb_store_ensure_speaker (CbStore     *self,
                          gint64       document,
                          const char  *name,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  id = _cb_store_find_speaker (self, document, name, error);
  if (id != 0)
    return id < 0 ? 0 : id;

  stmt = cb_store_prepare (self, "INSERT INTO speaker (document, name) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gboolean
_cb_store_insert_turn (CbStore     *self,
                       gint64       document,
                       gint64       speaker,
                       gint64       start,
                       gint64       end,
                       gint64       text_start,
                       const char  *timestamp,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "INSERT INTO turn (document, speaker, start, end, text_start, timestamp)"
                           " VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, speaker);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_int64 (stmt, 5, text_start);
  if (timestamp != NULL)
    sqlite3_bind_text (stmt, 6, timestamp, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 6);

  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_journal_document_turns (CbStore  *self,
                                  gint64    document,
                                  GError  **error)
{
  /* Entries are undone last first: the turns go before their speakers. */
  return cb_store_journal_delete_rows (self, "speaker", "document", document, error) &&
         cb_store_journal_delete_rows (self, "turn", "document", document, error);
}

gboolean
_cb_store_delete_turns (CbStore  *self,
                        gint64    document,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "DELETE FROM turn WHERE document = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cb_store_prepare (self, "DELETE FROM speaker WHERE document = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);

  return cb_store_step_done (self, stmt, error);
}

GPtrArray *
_cb_store_list_speakers (CbStore  *self,
                         gint64    document,
                         GError  **error)
{
  g_autoptr(GPtrArray) speakers = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_speaker_info_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT s.id, s.name, s.is_interviewer, count (t.id),"
                           "       ifnull (sum (t.end - t.text_start), 0)"
                           /* t.document = s.document lets the (document, start)
                            * index find a document's turns */
                           " FROM speaker s LEFT JOIN turn t ON t.document = s.document AND t.speaker = s.id"
                           " WHERE s.document = ?"
                           " GROUP BY s.id"
                           " ORDER BY min (t.start) NULLS LAST, s.name",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbSpeakerInfo *info = g_new0 (CbSpeakerInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->document_id = document;
      info->name = dup_column (stmt, 1);
      info->is_interviewer = sqlite3_column_int (stmt, 2) != 0;
      info->n_turns = sqlite3_column_int64 (stmt, 3);
      info->n_chars = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (speakers, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&speakers);
}

GPtrArray *
_cb_store_list_turns (CbStore  *self,
                      gint64    document,
                      GError  **error)
{
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_turn_info_free);
  sqlite3_stmt *stmt;
  int rc;

  /* two statements: "?1 = 0 OR t.document = ?1" would scan every turn
   * of the project for one document's */
  if (document != 0)
    stmt = cb_store_prepare (self,
                             "SELECT t.id, t.document, t.speaker, s.name, s.is_interviewer,"
                             "       t.start, t.end, t.text_start, t.timestamp"
                             " FROM turn t JOIN speaker s ON s.id = t.speaker"
                             " WHERE t.document = ?1"
                             " ORDER BY t.start",
                             error);
  else
    stmt = cb_store_prepare (self,
                             "SELECT t.id, t.document, t.speaker, s.name, s.is_interviewer,"
                             "       t.start, t.end, t.text_start, t.timestamp"
                             " FROM turn t JOIN speaker s ON s.id = t.speaker"
                             " ORDER BY t.document, t.start",
                             error);
  if (stmt == NULL)
    return NULL;
  if (document != 0)
    sqlite3_bind_int64 (stmt, 1, document);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbTurnInfo *info = g_new0 (CbTurnInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->document_id = sqlite3_column_int64 (stmt, 1);
      info->speaker_id = sqlite3_column_int64 (stmt, 2);
      info->speaker = dup_column (stmt, 3);
      info->is_interviewer = sqlite3_column_int (stmt, 4) != 0;
      info->start = sqlite3_column_int64 (stmt, 5);
      info->end = sqlite3_column_int64 (stmt, 6);
      info->text_start = sqlite3_column_int64 (stmt, 7);
      info->timestamp = dup_column (stmt, 8);
      g_ptr_array_add (turns, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&turns);
}

gboolean
_cb_store_rename_speaker (CbStore     *self,
                          gint64       speaker,
                          const char  *name,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "UPDATE speaker SET name = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, speaker);

  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_merge_speakers (CbStore  *self,
                          gint64    from,
                          gint64    into,
                          GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "UPDATE speaker SET is_interviewer = 1"
                           " WHERE id = ?2 AND is_interviewer = 0"
                           "   AND (SELECT is_interviewer FROM speaker WHERE id = ?1) <> 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, into);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cb_store_prepare (self, "UPDATE turn SET speaker = ? WHERE speaker = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, into);
  sqlite3_bind_int64 (stmt, 2, from);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  stmt = cb_store_prepare (self, "DELETE FROM speaker WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);

  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_set_speaker_interviewer (CbStore   *self,
                                   gint64     speaker,
                                   gboolean   is_interviewer,
                                   GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "UPDATE speaker SET is_interviewer = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, is_interviewer ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, speaker);

  return cb_store_step_done (self, stmt, error);
}
