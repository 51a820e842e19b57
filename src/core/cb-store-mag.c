/* cb-store-mag.c: the SQL of MAG sessions (see cb-store-mag.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-mag-private.h"
#include "cb-store-mag.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* Ends a loop over @stmt's rows: FALSE with @error set unless it ran to
 * the end. */
gboolean
_cb_store_mag_get_setting (CbStore     *self,
                           const char  *key,
                           char       **value,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *value = NULL;
  if (!(stmt = cb_store_prepare (self, "SELECT value FROM project_setting WHERE key = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *value = dup_column (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return cb_store_rows_done (self, stmt, rc, error);
}

gboolean
_cb_store_mag_set_setting (CbStore     *self,
                           const char  *key,
                           const char  *value,
                           GError     **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = cb_store_prepare (self, "DELETE FROM project_setting WHERE key = ?1", error);
  else
    stmt = cb_store_prepare (self,
                             "INSERT INTO project_setting (key, value) VALUES (?1, ?2)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

GPtrArray *
_cb_store_mag_list_phases (CbStore  *self,
                           gint64    document,
                           GError  **error)
{
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_phase_info_free);
  sqlite3_stmt *stmt;
  int rc;

  if (document != 0)
    stmt = cb_store_prepare (self,
                             "SELECT id, document, name, start, end FROM phase"
                             " WHERE document = ?1 ORDER BY start",
                             error);
  else
    stmt = cb_store_prepare (self,
                             "SELECT id, document, name, start, end FROM phase"
                             " ORDER BY document, start",
                             error);
  if (stmt == NULL)
    return NULL;
  if (document != 0)
    sqlite3_bind_int64 (stmt, 1, document);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbPhaseInfo *info = g_new0 (CbPhaseInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->document_id = sqlite3_column_int64 (stmt, 1);
      info->name = dup_column (stmt, 2);
      info->start = sqlite3_column_int64 (stmt, 3);
      info->end = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (phases, info);
    }
  if (!cb_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&phases);
}

gboolean
_cb_store_mag_insert_phase (CbStore     *self,
                            gint64       document,
                            const char  *name,
                            gint64       start,
                            gint64       end,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "INSERT INTO phase (document, name, start, end) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_mag_move_phase (CbStore  *self,
                          gint64    id,
                          gint64    start,
                          gint64    end,
                          GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "UPDATE phase SET start = ?2, end = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_mag_delete_phase (CbStore  *self,
                            gint64    id,
                            GError  **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cb_store_prepare (self, "DELETE FROM phase WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_mag_set_role (CbStore     *self,
                        gint64       document,
                        const char  *speaker,
                        const char  *role,
                        GError     **error)
{
  sqlite3_stmt *stmt;

  if (role == NULL)
    stmt = cb_store_prepare (self, "DELETE FROM speaker_role WHERE document = ?1 AND speaker = ?2", error);
  else
    stmt = cb_store_prepare (self,
                             "INSERT INTO speaker_role (document, speaker, role) VALUES (?1, ?2, ?3)"
                             " ON CONFLICT (document, speaker) DO UPDATE SET role = excluded.role",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, speaker, -1, SQLITE_STATIC);
  if (role != NULL)
    sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

GHashTable *
_cb_store_mag_roles (CbStore  *self,
                     gint64    document,
                     GError  **error)
{
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self, "SELECT speaker, role FROM speaker_role WHERE document = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      /* the file is input: a role the schema's CHECK let through but we do
       * not know is no role */
      CbSpeakerRole role = cb_speaker_role_from_string ((const char *) sqlite3_column_text (stmt, 1));

      if (role != CB_SPEAKER_ROLE_NONE)
        g_hash_table_insert (roles, dup_column (stmt, 0), GINT_TO_POINTER (role));
    }
  if (!cb_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&roles);
}

gboolean
_cb_store_mag_rename_role_speaker (CbStore     *self,
                                   gint64       document,
                                   const char  *name,
                                   const char  *new_name,
                                   GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = cb_store_prepare (self,
                                 "UPDATE OR IGNORE speaker_role SET speaker = ?3"
                                 " WHERE document = ?1 AND speaker = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, new_name, -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  /* merged into a speaker that had a role: the old name's role goes */
  if (!(stmt = cb_store_prepare (self, "DELETE FROM speaker_role WHERE document = ?1 AND speaker = ?2", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

GPtrArray *
_cb_store_mag_points (CbStore  *self,
                      GArray   *ids,
                      GError  **error)
{
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_mag_point_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT id, title, type, text FROM memo"
                           " WHERE type IN ('convergence', 'divergence')"
                           " ORDER BY position, id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbMagPoint *point = g_new0 (CbMagPoint, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      point->title = dup_column (stmt, 1);
      point->type = dup_column (stmt, 2);
      point->text = dup_column (stmt, 3);
      g_ptr_array_add (points, point);
      g_array_append_val (ids, id);
    }
  if (!cb_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&points);
}

GArray *
_cb_store_mag_links (CbStore  *self,
                     gint64    memo,
                     gint64    document,
                     GError  **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT start, end FROM memo_link WHERE memo = ? AND document = ?"
                           " ORDER BY start, end",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, memo);
  sqlite3_bind_int64 (stmt, 2, document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 start = sqlite3_column_int64 (stmt, 0);
      gint64 end = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (spans, start);
      g_array_append_val (spans, end);
    }
  if (!cb_store_rows_done (self, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&spans);
}

char *
_cb_store_mag_speaker_case (CbStore     *self,
                            gint64       document,
                            const char  *speaker,
                            GError     **error)
{
  sqlite3_stmt *stmt;
  char *name = NULL;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT u.name FROM case_coverage c JOIN case_unit u ON u.id = c.case_unit"
                           " WHERE c.document = ? AND c.speaker = ? ORDER BY u.name LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, speaker, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      name = dup_column (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  if (!cb_store_rows_done (self, stmt, rc, error))
    {
      g_free (name);
      return NULL;
    }
  return name;
}
