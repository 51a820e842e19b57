/* cb-store-codes.c: the SQL for the code tree
 *
 * Top-level codes have a NULL parent; callers pass 0 for "no parent".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-private.h"

static void
bind_parent (sqlite3_stmt *stmt,
             int           index,
             gint64        parent)
{
  if (parent > 0)
    sqlite3_bind_int64 (stmt, index, parent);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_cb_store_find_code (CbStore     *self,
                     gint64       parent,
                     const char  *name,
                     GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT id FROM code WHERE ifnull (parent, 0) = ? AND name = ?",
                                         error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, parent);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  return cb_store_query_int64 (self, stmt, 0, error);
}

gboolean
_cb_store_get_code_row (CbStore         *self,
                        gint64           id,
                        CbStoreCodeRow  *row,
                        GError         **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT ifnull (parent, 0), position, name FROM code WHERE id = ?",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = id;
      row->parent = sqlite3_column_int64 (stmt, 0);
      row->position = sqlite3_column_int64 (stmt, 1);
      row->name = dup_column (stmt, 2);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no code with id %" PRId64), id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gint64
_cb_store_count_children (CbStore  *self,
                          gint64    parent,
                          GError  **error)
{
  /* Sibling positions are 0..n-1 (an invariant `check` verifies), so the
   * count is the highest position plus one, which the (parent, position)
   * index answers at once; count(*) visited every sibling, and adding
   * thousands of codes under one parent was quadratic. */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT ifnull (max (position) + 1, 0) FROM code WHERE parent IS ?",
                                         error);

  if (stmt == NULL)
    return -1;
  bind_parent (stmt, 1, parent);
  return cb_store_query_int64 (self, stmt, -1, error);
}

gint64
_cb_store_insert_code (CbStore     *self,
                       const char  *uuid,
                       gint64       parent,
                       const char  *name,
                       gint64       position,
                       const char  *color,
                       const char  *description,
                       GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "INSERT INTO code (uuid, parent, name, position, color, description)"
                                         " VALUES (?, ?, ?, ?, ?, ?)",
                                         error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  bind_parent (stmt, 2, parent);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, position);
  if (color != NULL)
    sqlite3_bind_text (stmt, 5, color, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, description != NULL ? description : "", -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gboolean
_cb_store_shift_positions (CbStore  *self,
                           gint64    parent,
                           gint64    from,
                           gint64    delta,
                           GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "UPDATE code SET position = position + ?"
                                         " WHERE ifnull (parent, 0) = ? AND position >= ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, delta);
  sqlite3_bind_int64 (stmt, 2, parent);
  sqlite3_bind_int64 (stmt, 3, from);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_place_code (CbStore  *self,
                      gint64    id,
                      gint64    parent,
                      gint64    position,
                      GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "UPDATE code SET parent = ?, position = ? WHERE id = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  bind_parent (stmt, 1, parent);
  sqlite3_bind_int64 (stmt, 2, position);
  sqlite3_bind_int64 (stmt, 3, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_update_code_field (CbStore     *self,
                             gint64       id,
                             const char  *field,
                             const char  *value,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_str_equal (field, "name"))
    stmt = cb_store_prepare (self, "UPDATE code SET name = ? WHERE id = ?", error);
  else if (g_str_equal (field, "color"))
    stmt = cb_store_prepare (self, "UPDATE code SET color = ? WHERE id = ?", error);
  else if (g_str_equal (field, "description"))
    stmt = cb_store_prepare (self, "UPDATE code SET description = ? WHERE id = ?", error);
  else if (g_str_equal (field, "memo"))
    stmt = cb_store_prepare (self, "UPDATE code SET memo = ? WHERE id = ?", error);
  else
    g_return_val_if_reached (FALSE);

  if (stmt == NULL)
    return FALSE;
  if (value != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);
  return cb_store_step_done (self, stmt, error);
}

GArray *
_cb_store_list_child_ids (CbStore  *self,
                          gint64    parent,
                          GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT id FROM code WHERE ifnull (parent, 0) = ? ORDER BY position",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, parent);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
_cb_store_is_descendant (CbStore   *self,
                         gint64     ancestor,
                         gint64     id,
                         gboolean  *result,
                         GError   **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "WITH RECURSIVE up (id) AS ("
                                         "  SELECT parent FROM code WHERE id = ?2"
                                         "  UNION SELECT c.parent FROM code c JOIN up ON c.id = up.id"
                                         ") SELECT count(*) FROM up WHERE id = ?1",
                                         error);
  gint64 n;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ancestor);
  sqlite3_bind_int64 (stmt, 2, id);
  if ((n = cb_store_query_int64 (self, stmt, 0, error)) < 0)
    return FALSE;

  *result = n > 0;
  return TRUE;
}

gboolean
_cb_store_delete_code (CbStore  *self,
                       gint64    id,
                       GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "DELETE FROM code WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

GPtrArray *
_cb_store_list_code_rows (CbStore   *self,
                          gboolean   with_counts,
                          GError   **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_code_info_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Counting reads the whole coding index: only when asked. */
  if (with_counts)
    stmt = cb_store_prepare (self,
                             "SELECT c.id, c.uuid, ifnull (c.parent, 0), c.name, c.position, c.color,"
                             "       c.description, c.memo, ifnull (n.n, 0)"
                             " FROM code c"
                             " LEFT JOIN (SELECT code, count(*) AS n FROM coding GROUP BY code) n"
                             "   ON n.code = c.id",
                             error);
  else
    stmt = cb_store_prepare (self,
                             "SELECT id, uuid, ifnull (parent, 0), name, position, color,"
                             "       description, memo, 0"
                             " FROM code",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbCodeInfo *info = g_new0 (CbCodeInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->uuid = dup_column (stmt, 1);
      info->parent_id = sqlite3_column_int64 (stmt, 2);
      info->name = dup_column (stmt, 3);
      info->position = sqlite3_column_int64 (stmt, 4);
      info->color = dup_column (stmt, 5);
      info->description = dup_column (stmt, 6);
      info->memo = dup_column (stmt, 7);
      info->n_codings = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (codes, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&codes);
}
