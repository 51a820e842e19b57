/* cb-store-coders.c: the SQL of coders: counts, rename, merge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-store-coders.h"

void
cb_coder_summary_free (CbCoderSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->name);
  g_free (summary);
}

GPtrArray *
_cb_store_coder_summaries (CbStore  *self,
                           GError  **error)
{
  g_autoptr(GPtrArray) coders = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_coder_summary_free);
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT c.id, c.name, count (k.id), count (DISTINCT k.document)"
                                         " FROM coder c LEFT JOIN coding k ON k.coder = c.id"
                                         " GROUP BY c.id ORDER BY c.name",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbCoderSummary *summary = g_new0 (CbCoderSummary, 1);

      summary->id = sqlite3_column_int64 (stmt, 0);
      summary->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      summary->n_codings = sqlite3_column_int64 (stmt, 2);
      summary->n_documents = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (coders, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&coders);
}

gint64
_cb_store_find_coder (CbStore     *self,
                      const char  *name,
                      GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id FROM coder WHERE name = ?1", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return cb_store_query_int64 (self, stmt, 0, error);
}

gboolean
_cb_store_rename_coder (CbStore     *self,
                        gint64       id,
                        const char  *name,
                        GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE coder SET name = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

/* Runs @stmt with ?1 = @from and ?2 = @into; *@changes: rows it changed. */
static gboolean
run_from_into (CbStore       *self,
               sqlite3_stmt  *stmt,
               gint64         from,
               gint64         into,
               gint64        *changes,
               GError       **error)
{
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int64 (stmt, 2, into);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  if (changes != NULL)
    *changes = sqlite3_changes64 (cb_store_get_db (self));
  return TRUE;
}

gboolean
_cb_store_merge_coders (CbStore     *self,
                        gint64       from,
                        gint64       into,
                        gint64      *n_moved,
                        gint64      *n_merged,
                        GError     **error)
{
  sqlite3_stmt *memos;
  gint64 merged = 0;
  gint64 moved = 0;

  /* a memo of a coding that collapses into one already there is kept:
   * appended to the other's, after a blank line */
  memos = cb_store_prepare (self,
                            "UPDATE coding AS t"
                            " SET memo = CASE WHEN t.memo = '' THEN d.memo ELSE t.memo || ?3 || d.memo END"
                            " FROM coding AS d"
                            " WHERE d.coder = ?1 AND t.coder = ?2 AND t.document = d.document"
                            " AND t.start = d.start AND t.end = d.end AND t.code = d.code"
                            " AND d.memo <> '' AND d.memo <> t.memo",
                            error);
  if (memos == NULL)
    return FALSE;
  sqlite3_bind_text (memos, 3, "\n\n", -1, SQLITE_STATIC);
  if (!run_from_into (self, memos, from, into, NULL, error) ||
      !run_from_into (self,
                      cb_store_prepare (self,
                                        "DELETE FROM coding WHERE coder = ?1 AND EXISTS"
                                        " (SELECT 1 FROM coding t WHERE t.coder = ?2"
                                        " AND t.document = coding.document AND t.start = coding.start"
                                        " AND t.end = coding.end AND t.code = coding.code)",
                                        error),
                      from, into, &merged, error) ||
      !run_from_into (self,
                      cb_store_prepare (self, "UPDATE coding SET coder = ?2 WHERE coder = ?1", error),
                      from, into, &moved, error) ||
      !run_from_into (self,
                      cb_store_prepare (self, "UPDATE memo SET author = ?2 WHERE author = ?1", error),
                      from, into, NULL, error) ||
      !run_from_into (self,
                      cb_store_prepare (self, "DELETE FROM coder WHERE id = ?1", error),
                      from, into, NULL, error))
    return FALSE;
  if (n_moved != NULL)
    *n_moved = moved;
  if (n_merged != NULL)
    *n_merged = merged;
  return TRUE;
}
