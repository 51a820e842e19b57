/* cb-store-pseudonymise.c: the SQL of pseudonymisation
 *
 * Every field outside the texts where a name can hide, and the rewrite of
 * the file afterwards so that no free page, WAL frame or undo entry keeps
 * the old values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-pseudonymise.h"

typedef struct
{
  const char *select;   /* id, value */
  const char *update;   /* ?1 value, ?2 id */
  gboolean    code;     /* only with --codes */
} Field;

static const Field fields[] = {
  { "SELECT id, name FROM main.project", "UPDATE main.project SET name = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, memo FROM main.project", "UPDATE main.project SET memo = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, name FROM main.document", "UPDATE main.document SET name = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, memo FROM main.document", "UPDATE main.document SET memo = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, source_name FROM main.document", "UPDATE main.document SET source_name = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, name FROM main.speaker", "UPDATE main.speaker SET name = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, speaker FROM main.speaker_role", "UPDATE main.speaker_role SET speaker = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, speaker FROM main.case_coverage WHERE speaker IS NOT NULL",
    "UPDATE main.case_coverage SET speaker = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, memo FROM main.code", "UPDATE main.code SET memo = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, description FROM main.code", "UPDATE main.code SET description = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, name FROM main.code", "UPDATE main.code SET name = ?1 WHERE id = ?2", TRUE },
  { "SELECT id, memo FROM main.coding WHERE memo <> ''", "UPDATE main.coding SET memo = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, title FROM main.memo", "UPDATE main.memo SET title = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, text FROM main.memo", "UPDATE main.memo SET text = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, name FROM main.case_unit", "UPDATE main.case_unit SET name = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, memo FROM main.case_unit", "UPDATE main.case_unit SET memo = ?1 WHERE id = ?2", FALSE },
  { "SELECT v.id, v.value FROM main.case_value v JOIN main.attribute a ON a.id = v.attribute"
    " WHERE a.type = 'text' AND typeof (v.value) = 'text'",
    "UPDATE main.case_value SET value = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, name FROM main.document_set", "UPDATE main.document_set SET name = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, memo FROM main.document_set", "UPDATE main.document_set SET memo = ?1 WHERE id = ?2", FALSE },
  { "SELECT id, query FROM main.saved_search", "UPDATE main.saved_search SET query = ?1 WHERE id = ?2", FALSE },
};

gboolean
_cb_store_pseudonymise_fields (CbStore            *self,
                               gboolean            codes,
                               CbStoreRewriteFunc  func,
                               gpointer            data,
                               guint              *n_changed,
                               GError            **error)
{
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
      sqlite3_stmt *stmt;
      int rc;

      if (fields[f].code && !codes)
        continue;
      stmt = cb_store_prepare (self, fields[f].select, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, 1);
          char *changed;

          if (value == NULL || !g_utf8_validate (value, -1, NULL))
            continue;
          changed = func (value, data);
          if (changed != NULL)
            {
              gint64 id = sqlite3_column_int64 (stmt, 0);

              g_array_append_val (ids, id);
              g_ptr_array_add (values, changed);
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          cb_store_set_error (self, rc, error);
          return FALSE;
        }

      stmt = cb_store_prepare (self, fields[f].update, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < ids->len; i++)
        {
          sqlite3_bind_text (stmt, 1, values->pdata[i], -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
          if (!cb_store_step_done (self, stmt, error))
            return FALSE;
          (*n_changed)++;
        }
    }
  return TRUE;
}

gboolean
_cb_store_pseudonymise_secure (CbStore  *self,
                               GError  **error)
{
  return cb_store_exec (self, "PRAGMA main.secure_delete = ON", error);
}

gboolean
_cb_store_pseudonymise_list_documents (CbStore   *self,
                                       GArray    *ids,
                                       GPtrArray *names,
                                       GError   **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, name FROM main.document ORDER BY name", error);

  return stmt != NULL && cb_store_collect_ids_names (self, stmt, ids, names, error);
}

gboolean
_cb_store_pseudonymise_forget (CbStore  *self,
                               GArray   *ids,
                               GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "DELETE FROM main.document_source WHERE document = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
    }
  /* undo would bring the names back; the search copies hold them folded */
  return cb_store_exec (self,
                        "DELETE FROM main.journal_value; DELETE FROM main.journal_entry;"
                        " DELETE FROM main.journal_step; DELETE FROM main.document_folded;",
                        error);
}

/* Only what VACUUM itself runs: its attached copy, and the functions of
 * its own statements. */
static int
allow_vacuum (void       *data,
              int         action,
              const char *arg1,
              const char *arg2,
              const char *database,
              const char *trigger)
{
  switch (action)
    {
    case SQLITE_ATTACH:
    case SQLITE_DETACH:
      return SQLITE_OK;
    case SQLITE_FUNCTION:
      /* vacuum.c's own statements, and the expression indexes of the
       * schema (checked to be Codeboom's own on open) */
      return arg2 != NULL && (g_ascii_strcasecmp (arg2, "coalesce") == 0 ||
                              g_ascii_strcasecmp (arg2, "quote") == 0 ||
                              g_ascii_strcasecmp (arg2, "ifnull") == 0)
             ? SQLITE_OK : SQLITE_DENY;
    default:
      return SQLITE_OK;
    }
}

gboolean
_cb_store_pseudonymise_rewrite (CbStore   *self,
                                gboolean  *checkpointed,
                                GError   **error)
{
  sqlite3 *db = cb_store_get_db (self);
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  /* VACUUM writes every page anew into the WAL; the checkpoint copies them
   * into the file, truncates it to its new size and empties the WAL, so
   * that no old page or frame is left.  secure_delete zeroes what is freed
   * on the way. */
  /* VACUUM attaches a database of its own, which the hardened connection
   * forbids: allowed for this one statement of ours, then hardened again */
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 1);
  sqlite3_set_authorizer (db, allow_vacuum, NULL);
  ok = cb_store_exec (self, "PRAGMA main.secure_delete = ON; VACUUM main;", &local);
  cb_store_harden_connection (db);
  if (!ok && g_error_matches (local, CB_PROJECT_ERROR, CB_PROJECT_ERROR_BUSY))
    {
      /* another program reads the project: the names are gone from every
       * table, only the rewrite must wait (the caller warns) */
      *checkpointed = FALSE;
      return TRUE;
    }
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  stmt = cb_store_prepare (self, "PRAGMA main.wal_checkpoint (TRUNCATE)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *checkpointed = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}
