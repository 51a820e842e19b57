/* cb-store-refi.c: the SQL for REFI-QDA imports (see cb-store-refi.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Codeboom"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-refi.h"

gboolean
_cb_store_refi_set_project (CbStore     *self,
                            const char  *name,
                            const char  *created,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "UPDATE project SET name = ifnull (?1, name), created = ifnull (?2, created)",
                           error);
  if (stmt == NULL)
    return FALSE;
  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (created != NULL)
    sqlite3_bind_text (stmt, 2, created, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

char *
_cb_store_refi_dup_project_created (CbStore *self)
{
  return _cb_store_dup_project_field (self, "created");
}

gboolean
_cb_store_refi_uuid_exists (CbStore     *self,
                            const char  *table,
                            const char  *uuid,
                            gboolean    *exists,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* one literal statement per table: the cache is keyed by address */
  if (g_str_equal (table, "code"))
    stmt = cb_store_prepare (self, "SELECT 1 FROM code WHERE uuid = ?", error);
  else if (g_str_equal (table, "coding"))
    stmt = cb_store_prepare (self, "SELECT 1 FROM coding WHERE uuid = ?", error);
  else if (g_str_equal (table, "document"))
    stmt = cb_store_prepare (self, "SELECT 1 FROM document WHERE uuid = ?", error);
  else if (g_str_equal (table, "coder"))
    stmt = cb_store_prepare (self, "SELECT 1 FROM coder WHERE uuid = ?", error);
  else
    g_return_val_if_reached (FALSE);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  *exists = rc == SQLITE_ROW;
  return TRUE;
}

gint64
_cb_store_refi_ensure_coder (CbStore     *self,
                             const char  *uuid,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *fresh = NULL;
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;
  gint64 id = 0;
  int rc;

  stmt = cb_store_prepare (self, "SELECT id FROM coder WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return 0;
    }
  if (id > 0)
    return id;

  if (uuid != NULL && !_cb_store_refi_uuid_exists (self, "coder", uuid, &taken, error))
    return 0;
  if (uuid == NULL || taken)
    uuid = fresh = cb_store_new_uuid (self);

  stmt = cb_store_prepare (self, "INSERT INTO coder (uuid, name) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gboolean
_cb_store_refi_set_document_imported (CbStore     *self,
                                      gint64       document,
                                      const char  *imported,
                                      GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE document SET imported = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, imported, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_refi_insert_coding (CbStore     *self,
                              const char  *uuid,
                              gint64       document,
                              gint64       code,
                              gint64       start,
                              gint64       end,
                              gint64       coder,
                              const char  *created,
                              const char  *memo,
                              gboolean    *inserted,
                              GError     **error)
{
  sqlite3 *db = cb_store_get_db (self);
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self,
                           "INSERT INTO coding (uuid, document, code, start, end, coder, created, memo)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (document, start, end, code, coder) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, code);
  sqlite3_bind_int64 (stmt, 4, start);
  sqlite3_bind_int64 (stmt, 5, end);
  sqlite3_bind_int64 (stmt, 6, coder);
  sqlite3_bind_text (stmt, 7, created != NULL ? created : cb_store_now (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, memo != NULL ? memo : "", -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  *inserted = sqlite3_changes (db) > 0;
  if (*inserted)
    return cb_store_journal_insert (self, "coding", sqlite3_last_insert_rowid (db), error);
  return TRUE;
}
