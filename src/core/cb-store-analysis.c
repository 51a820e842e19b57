/* cb-store-analysis.c: the SQL of the analysis queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-store-analysis.h"

GArray *
_cb_store_analysis_codings (CbStore  *self,
                            GError  **error)
{
  g_autoptr(GArray) codings = g_array_new (FALSE, FALSE, sizeof (CbAnalysisCoding));
  /* the UNIQUE (document, start, end, code, coder) index gives this order */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT id, document, code, start, end, coder FROM coding"
                                         " ORDER BY document, start, end",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbAnalysisCoding coding = {
        .id = sqlite3_column_int64 (stmt, 0),
        .document = sqlite3_column_int64 (stmt, 1),
        .code = sqlite3_column_int64 (stmt, 2),
        .start = sqlite3_column_int64 (stmt, 3),
        .end = sqlite3_column_int64 (stmt, 4),
        .coder = sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (codings, coding);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&codings);
}

gboolean
_cb_store_analysis_names (CbStore    *self,
                          gboolean    coders,
                          GArray     *ids,
                          GPtrArray  *names,
                          GError    **error)
{
  sqlite3_stmt *stmt = coders
    ? cb_store_prepare (self, "SELECT id, name FROM coder ORDER BY name", error)
    : cb_store_prepare (self, "SELECT id, name FROM document ORDER BY name", error);

  return stmt != NULL && cb_store_collect_ids_names (self, stmt, ids, names, error);
}

gboolean
_cb_store_analysis_cases (CbStore    *self,
                          GArray     *ids,
                          GPtrArray  *names,
                          GError    **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, name FROM case_unit ORDER BY name", error);

  return stmt != NULL && cb_store_collect_ids_names (self, stmt, ids, names, error);
}

GArray *
_cb_store_analysis_turns (CbStore       *self,
                          GStringChunk  *names_chunk,
                          GError       **error)
{
  g_autoptr(GArray) turns = g_array_new (FALSE, FALSE, sizeof (CbAnalysisTurn));
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT t.document, t.start, t.end, s.name"
                                         " FROM turn t JOIN speaker s ON s.id = t.speaker"
                                         " ORDER BY t.document, t.start",
                                         error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbAnalysisTurn turn = {
        .document = sqlite3_column_int64 (stmt, 0),
        .start = sqlite3_column_int64 (stmt, 1),
        .end = sqlite3_column_int64 (stmt, 2),
        .speaker = g_string_chunk_insert_const (names_chunk, (const char *) sqlite3_column_text (stmt, 3)),
      };

      g_array_append_val (turns, turn);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&turns);
}
