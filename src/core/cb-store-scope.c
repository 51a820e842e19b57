/* cb-store-scope.c: the SQL of the filter's scope options
 *
 * The tables of schema version 4 (document_set, document_set_member, phase,
 * speaker_role) are read here for the filter; their own commands live with
 * their features.  Every statement reads a whole selection at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-store-cases.h"
#include "cb-store-scope.h"

gboolean
_cb_store_scope_names (CbStore      *self,
                       CbScopeKind   kind,
                       GArray       *ids,
                       GPtrArray    *names,
                       GError      **error)
{
  const char *sql;
  sqlite3_stmt *stmt;
  int rc;

  switch (kind)
    {
    case CB_SCOPE_CODER:
      sql = "SELECT id, name FROM coder ORDER BY name";
      break;
    case CB_SCOPE_SET:
      sql = "SELECT id, name FROM document_set ORDER BY name";
      break;
    case CB_SCOPE_DOCUMENT:
      sql = "SELECT id, name FROM document ORDER BY name";
      break;
    case CB_SCOPE_PHASE:
      sql = "SELECT DISTINCT 0, name FROM phase ORDER BY name";
      break;
    case CB_SCOPE_SPEAKER:
      sql = "SELECT DISTINCT 0, name FROM speaker ORDER BY name";
      break;
    case CB_SCOPE_ROLE:
      sql = "SELECT DISTINCT 0, role FROM speaker_role ORDER BY role";
      break;
    case CB_SCOPE_N_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
  if (!(stmt = cb_store_prepare (self, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_array_append_val (ids, id);
      g_ptr_array_add (names, g_strdup (name != NULL ? name : ""));
    }
  return cb_store_rows_done (self, stmt, rc, error);
}

gboolean
_cb_store_scope_set_documents (CbStore      *self,
                               gint64        set_id,
                               GHashTable   *documents,
                               GError      **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT m.document FROM document_set_member m"
                                         " JOIN document d ON d.id = m.document"
                                         " WHERE m.document_set = ?",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, set_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (documents, g_memdup2 (&id, sizeof id));
    }
  return cb_store_rows_done (self, stmt, rc, error);
}

static gboolean
append_spans (CbStore       *self,
              sqlite3_stmt  *stmt,
              GArray        *spans,
              GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreCoverage span = {
        0, sqlite3_column_int64 (stmt, 0), FALSE,
        sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2)
      };

      g_array_append_val (spans, span);
    }
  return cb_store_rows_done (self, stmt, rc, error);
}

gboolean
_cb_store_scope_phase_spans (CbStore     *self,
                             const char  *name,
                             GArray      *spans,
                             GError     **error)
{
  /* a project file is input: a section past the text is clipped, an
   * inverted or empty one left out */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT p.document, p.start, min (p.end, d.n_chars) FROM phase p"
                                         " JOIN document d ON d.id = p.document"
                                         " WHERE p.name = ? AND p.start >= 0 AND p.start < min (p.end, d.n_chars)",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  return append_spans (self, stmt, spans, error);
}

gboolean
_cb_store_scope_role_spans (CbStore     *self,
                            const char  *role,
                            GArray      *spans,
                            GError     **error)
{
  /* CROSS JOIN fixes the order: few roles, then each speaker by its
   * unique (document, name), then its turns through the document's */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT t.document, t.text_start, t.end FROM speaker_role r"
                                         " CROSS JOIN speaker s ON s.document = r.document AND s.name = r.speaker"
                                         " CROSS JOIN turn t ON t.document = s.document AND t.speaker = s.id"
                                         " WHERE r.role = ?",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_TRANSIENT);
  return append_spans (self, stmt, spans, error);
}

gboolean
_cb_store_scope_foreach_coding (CbStore            *self,
                                gint64              code,
                                CbStoreCodingFunc   func,
                                gpointer            data,
                                GError            **error)
{
  /* the covering index (code, document, start, end, coder, …) alone */
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT document, start, end, coder FROM coding WHERE code = ?"
                                         " ORDER BY document",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
          sqlite3_column_int64 (stmt, 3), data);
  return cb_store_rows_done (self, stmt, rc, error);
}

gboolean
_cb_store_scope_list_sets (CbStore    *self,
                           GPtrArray  *names,
                           GArray     *members,
                           GError    **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = cb_store_prepare (self, "SELECT id, name FROM document_set ORDER BY position, name, id", error)))
    return FALSE;
  if (!cb_store_collect_ids_names (self, stmt, ids, names, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (index, &g_array_index (ids, gint64, i), GUINT_TO_POINTER (i + 1));

  if (!(stmt = cb_store_prepare (self,
                                 "SELECT DISTINCT document, document_set FROM document_set_member ORDER BY document",
                                 error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 set = sqlite3_column_int64 (stmt, 1);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, &set));
      CbStoreSetMember member = { sqlite3_column_int64 (stmt, 0), at - 1 };

      if (at > 0)
        g_array_append_val (members, member);
    }
  return cb_store_rows_done (self, stmt, rc, error);
}
