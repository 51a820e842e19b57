/* cb-store-refi-notes.c: the SQL of memos for REFI-QDA (see cb-store-refi-notes.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-store-refi-notes.h"

void
_cb_store_memo_free (CbStoreMemo *memo)
{
  if (memo == NULL)
    return;
  g_free (memo->uuid);
  g_free (memo->title);
  g_free (memo->type);
  g_free (memo->level);
  g_free (memo->author_uuid);
  g_free (memo->created);
  g_free (memo->modified);
  g_free (memo->text);
  g_free (memo);
}

void
_cb_store_memo_link_free (CbStoreMemoLink *link)
{
  if (link == NULL)
    return;
  g_free (link->memo_uuid);
  g_free (link);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

GPtrArray *
_cb_store_refi_list_memos (CbStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_memo_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT m.id, m.uuid, m.title, m.type, m.level, c.uuid, m.created, m.modified, m.text"
                           " FROM memo m LEFT JOIN coder c ON c.id = m.author ORDER BY m.position, m.id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreMemo *memo = g_new0 (CbStoreMemo, 1);

      memo->id = sqlite3_column_int64 (stmt, 0);
      memo->uuid = dup_column (stmt, 1);
      memo->title = dup_column (stmt, 2);
      memo->type = dup_column (stmt, 3);
      memo->level = dup_column (stmt, 4);
      memo->author_uuid = dup_column (stmt, 5);
      memo->created = dup_column (stmt, 6);
      memo->modified = dup_column (stmt, 7);
      memo->text = dup_column (stmt, 8);
      g_ptr_array_add (memos, memo);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&memos);
}

GPtrArray *
_cb_store_refi_list_memo_links (CbStore  *self,
                                GError  **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_memo_link_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT m.uuid, l.document, l.start, l.end FROM memo_link l JOIN memo m ON m.id = l.memo"
                           " ORDER BY l.document, l.start, l.end, m.uuid",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreMemoLink *link = g_new0 (CbStoreMemoLink, 1);

      link->memo_uuid = dup_column (stmt, 0);
      link->document = sqlite3_column_int64 (stmt, 1);
      link->start = sqlite3_column_int64 (stmt, 2);
      link->end = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&links);
}

int
_cb_store_refi_memo_exists (CbStore     *self,
                            const char  *title,
                            const char  *uuid,
                            GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT count(*) FROM memo WHERE title = ?1 OR uuid = ?2", error);
  gint64 n;

  if (stmt == NULL)
    return -1;
  if (title != NULL)
    sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  if (uuid != NULL)
    sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  n = cb_store_query_int64 (self, stmt, 0, error);
  return n < 0 ? -1 : n > 0;
}

gint64
_cb_store_refi_insert_memo (CbStore            *self,
                            const CbStoreMemo  *memo,
                            gint64              author,
                            GError            **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "INSERT INTO memo (uuid, title, type, level, position, author, created, modified, text)"
                                         " VALUES (?1, ?2, ?3, ?4, (SELECT ifnull (max (position) + 1, 0) FROM memo),"
                                         "         ?5, ?6, ?7, ?8)",
                                         error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, memo->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, memo->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, memo->type, -1, SQLITE_TRANSIENT);
  if (memo->level != NULL)
    sqlite3_bind_text (stmt, 4, memo->level, -1, SQLITE_TRANSIENT);
  if (author > 0)
    sqlite3_bind_int64 (stmt, 5, author);
  sqlite3_bind_text (stmt, 6, memo->created, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, memo->modified, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, memo->text != NULL ? memo->text : "", -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gboolean
_cb_store_refi_insert_memo_link (CbStore     *self,
                                 gint64       memo,
                                 gint64       document,
                                 gint64       start,
                                 gint64       end,
                                 GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "INSERT OR IGNORE INTO memo_link (memo, document, start, end) VALUES (?, ?, ?, ?)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, memo);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  return cb_store_step_done (self, stmt, error);
}
