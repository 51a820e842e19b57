/* cb-store-codings.c: the SQL for codings and the integrity check (retrieval:
 * cb-store-retrieve.c)
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
