/* cb-store-searches.c: the SQL of saved searches (table saved_search)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-searches.h"
#include "cb-text.h"

gboolean
_cb_store_searches_put (CbStore     *store,
                        const char  *name,
                        const char  *query,
                        const char  *options,
                        GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  /* a new search goes last; one saved again keeps its uuid and place */
  stmt = cb_store_prepare (store,
                           "INSERT INTO saved_search (uuid, name, query, options, position)"
                           " VALUES (?1, ?2, ?3, ?4,"
                           "  (SELECT ifnull (max (position), -1) + 1 FROM saved_search))"
                           " ON CONFLICT (name) DO UPDATE SET query = excluded.query, options = excluded.options",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, query, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, options, -1, SQLITE_STATIC);
  return cb_store_step_done (store, stmt, error);
}

gboolean
_cb_store_searches_delete (CbStore     *store,
                           const char  *name,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (store, "DELETE FROM saved_search WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!cb_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (cb_store_get_db (store)) == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("No saved search named “%s”"), name);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
_cb_store_searches_list (CbStore     *store,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_saved_search_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (store,
                           "SELECT name, query, options FROM saved_search"
                           " WHERE ?1 IS NULL OR name = ?1"
                           " ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return NULL;

  if (name != NULL)
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row_name = (const char *) sqlite3_column_text (stmt, 0);
      const char *query = (const char *) sqlite3_column_text (stmt, 1);
      const char *options = (const char *) sqlite3_column_text (stmt, 2);
      CbSavedSearch *search;

      if (row_name == NULL || query == NULL || *row_name == '\0' || *query == '\0' ||
          !cb_text_validate_utf8 (row_name, sqlite3_column_bytes (stmt, 0)) ||
          !cb_text_validate_utf8 (query, sqlite3_column_bytes (stmt, 1)) ||
          (options != NULL && !cb_text_validate_utf8 (options, sqlite3_column_bytes (stmt, 2))))
        continue;

      search = cb_saved_search_new (row_name, query, options);
      g_ptr_array_add (searches, search);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&searches);
}
