/* cb-store-refi.c: the SQL for REFI-QDA imports (see cb-store-refi.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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
_cb_store_refi_set_cache_size (CbStore  *self,
                               guint     mib,
                               GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%u", mib * 1024);

  return cb_store_exec (self, sql, error);
}
