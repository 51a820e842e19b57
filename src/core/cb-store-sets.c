/* cb-store-sets.c: the SQL of document sets (see cb-store-sets.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-store-sets.h"

void
_cb_store_set_free (CbStoreSet *set)
{
  if (set == NULL)
    return;
  g_free (set->uuid);
  g_free (set->name);
  g_free (set->memo);
  g_clear_pointer (&set->documents, g_array_unref);
  g_free (set);
}

gint64
_cb_store_find_set (CbStore     *self,
                    const char  *name,
                    GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id FROM document_set WHERE name = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return cb_store_query_int64 (self, stmt, 0, error);
}

gint64
_cb_store_insert_set (CbStore     *self,
                      const char  *uuid,
                      const char  *name,
                      const char  *memo,
                      GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "INSERT INTO document_set (uuid, name, position, memo)"
                                         " VALUES (?1, ?2, (SELECT ifnull (max (position) + 1, 0) FROM document_set), ?3)",
                                         error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, memo != NULL ? memo : "", -1, SQLITE_TRANSIENT);
  if (!cb_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gboolean
_cb_store_rename_set (CbStore     *self,
                      gint64       id,
                      const char  *name,
                      GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE document_set SET name = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_delete_set (CbStore     *self,
                      gint64       id,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  /* the members first: the journal records each deleted row, and the
   * deferred cascade would delete them unrecorded */
  stmt = cb_store_prepare (self, "DELETE FROM document_set_member WHERE document_set = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  stmt = cb_store_prepare (self, "DELETE FROM document_set WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_set_member (CbStore     *self,
                      gint64       set,
                      gint64       document,
                      gboolean     member,
                      gboolean    *changed,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (member)
    stmt = cb_store_prepare (self,
                             "INSERT OR IGNORE INTO document_set_member (document_set, document) VALUES (?, ?)",
                             error);
  else
    stmt = cb_store_prepare (self,
                             "DELETE FROM document_set_member WHERE document_set = ? AND document = ?",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set);
  sqlite3_bind_int64 (stmt, 2, document);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  if (changed != NULL && sqlite3_changes (cb_store_get_db (self)) > 0)
    *changed = TRUE;
  return TRUE;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

GPtrArray *
_cb_store_list_sets (CbStore  *self,
                     GError  **error)
{
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_set_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self, "SELECT id, uuid, name, memo FROM document_set ORDER BY position, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreSet *set = g_new0 (CbStoreSet, 1);

      set->id = sqlite3_column_int64 (stmt, 0);
      set->uuid = dup_column (stmt, 1);
      set->name = dup_column (stmt, 2);
      set->memo = dup_column (stmt, 3);
      set->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_ptr_array_add (sets, set);
      g_hash_table_insert (by_id, &set->id, set);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  stmt = cb_store_prepare (self,
                           "SELECT m.document_set, m.document FROM document_set_member m"
                           " JOIN document d ON d.id = m.document ORDER BY d.name, d.id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 set_id = sqlite3_column_int64 (stmt, 0);
      gint64 document = sqlite3_column_int64 (stmt, 1);
      CbStoreSet *set = g_hash_table_lookup (by_id, &set_id);

      if (set != NULL)
        g_array_append_val (set->documents, document);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&sets);
}

gboolean
_cb_store_set_uuid_exists (CbStore     *self,
                           const char  *uuid,
                           gboolean    *exists,
                           GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT count(*) FROM document_set WHERE uuid = ?", error);
  gint64 n;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  n = cb_store_query_int64 (self, stmt, 0, error);
  if (n < 0)
    return FALSE;
  *exists = n > 0;
  return TRUE;
}
