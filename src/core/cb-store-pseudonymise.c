/* cb-store-pseudonymise.c: the SQL of pseudonymisation
 *
 * Every field outside the texts where a name can hide, and the rewrite of
 * the file afterwards so that no free page, WAL frame or undo entry keeps
 * the old values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-pseudonymise.h"

/* Each field a name can hide in.  The log names a field by @kind and its
 * row by a key that survives VACUUM and is the same in a copy: the row's
 * uuid, or two uuids joined by '/', and for a speaker named in a document
 * (speaker, role, coverage) its document (and case) with the name itself,
 * which is what identifies that row (the names are unique there). */
typedef struct
{
  const char *kind;     /* the log's name of the field */
  const char *select;   /* id, value, key, second key (or NULL) */
  const char *update;   /* ?1 value, ?2 id */
  const char *find;     /* id, value of the row: key ?1, second key ?2, value ?3 */
  guint       flags;
} Field;

enum
{
  FIELD_CODE     = 1 << 0,   /* only with --codes */
  FIELD_NAME     = 1 << 1,   /* a name: non-empty, trimmed, no forbidden characters */
  FIELD_BY_VALUE = 1 << 2,   /* the value is part of what identifies the row */
};

static const Field fields[] = {
  { "project.name", "SELECT id, name, uuid, NULL FROM main.project",
    "UPDATE main.project SET name = ?1 WHERE id = ?2",
    "SELECT id, name FROM main.project WHERE uuid = ?1", FIELD_NAME },
  { "project.memo", "SELECT id, memo, uuid, NULL FROM main.project",
    "UPDATE main.project SET memo = ?1 WHERE id = ?2",
    "SELECT id, memo FROM main.project WHERE uuid = ?1", 0 },
  { "document.name", "SELECT id, name, uuid, NULL FROM main.document",
    "UPDATE main.document SET name = ?1 WHERE id = ?2",
    "SELECT id, name FROM main.document WHERE uuid = ?1", FIELD_NAME },
  { "document.memo", "SELECT id, memo, uuid, NULL FROM main.document",
    "UPDATE main.document SET memo = ?1 WHERE id = ?2",
    "SELECT id, memo FROM main.document WHERE uuid = ?1", 0 },
  { "document.source", "SELECT id, source_name, uuid, NULL FROM main.document",
    "UPDATE main.document SET source_name = ?1 WHERE id = ?2",
    "SELECT id, source_name FROM main.document WHERE uuid = ?1", 0 },
  { "speaker", "SELECT s.id, s.name, d.uuid, NULL FROM main.speaker s JOIN main.document d ON d.id = s.document",
    "UPDATE main.speaker SET name = ?1 WHERE id = ?2",
    "SELECT s.id, s.name FROM main.speaker s JOIN main.document d ON d.id = s.document"
    " WHERE d.uuid = ?1 AND s.name = ?3", FIELD_NAME | FIELD_BY_VALUE },
  { "role.speaker", "SELECT r.id, r.speaker, d.uuid, NULL FROM main.speaker_role r JOIN main.document d ON d.id = r.document",
    "UPDATE main.speaker_role SET speaker = ?1 WHERE id = ?2",
    "SELECT r.id, r.speaker FROM main.speaker_role r JOIN main.document d ON d.id = r.document"
    " WHERE d.uuid = ?1 AND r.speaker = ?3", FIELD_NAME | FIELD_BY_VALUE },
  { "coverage.speaker",
    "SELECT c.id, c.speaker, u.uuid, d.uuid FROM main.case_coverage c JOIN main.case_unit u ON u.id = c.case_unit"
    " JOIN main.document d ON d.id = c.document WHERE c.speaker IS NOT NULL",
    "UPDATE main.case_coverage SET speaker = ?1 WHERE id = ?2",
    "SELECT c.id, c.speaker FROM main.case_coverage c JOIN main.case_unit u ON u.id = c.case_unit"
    " JOIN main.document d ON d.id = c.document WHERE u.uuid = ?1 AND d.uuid = ?2 AND c.speaker = ?3",
    FIELD_NAME | FIELD_BY_VALUE },
  { "code.memo", "SELECT id, memo, uuid, NULL FROM main.code",
    "UPDATE main.code SET memo = ?1 WHERE id = ?2",
    "SELECT id, memo FROM main.code WHERE uuid = ?1", 0 },
  { "code.description", "SELECT id, description, uuid, NULL FROM main.code",
    "UPDATE main.code SET description = ?1 WHERE id = ?2",
    "SELECT id, description FROM main.code WHERE uuid = ?1", 0 },
  { "code.name", "SELECT id, name, uuid, NULL FROM main.code",
    "UPDATE main.code SET name = ?1 WHERE id = ?2",
    "SELECT id, name FROM main.code WHERE uuid = ?1", FIELD_CODE | FIELD_NAME },
  { "coding.memo", "SELECT id, memo, uuid, NULL FROM main.coding WHERE memo <> ''",
    "UPDATE main.coding SET memo = ?1 WHERE id = ?2",
    "SELECT id, memo FROM main.coding WHERE uuid = ?1", 0 },
  { "memo.title", "SELECT id, title, uuid, NULL FROM main.memo",
    "UPDATE main.memo SET title = ?1 WHERE id = ?2",
    "SELECT id, title FROM main.memo WHERE uuid = ?1", FIELD_NAME },
  { "memo.text", "SELECT id, text, uuid, NULL FROM main.memo",
    "UPDATE main.memo SET text = ?1 WHERE id = ?2",
    "SELECT id, text FROM main.memo WHERE uuid = ?1", 0 },
  { "case.name", "SELECT id, name, uuid, NULL FROM main.case_unit",
    "UPDATE main.case_unit SET name = ?1 WHERE id = ?2",
    "SELECT id, name FROM main.case_unit WHERE uuid = ?1", FIELD_NAME },
  { "case.memo", "SELECT id, memo, uuid, NULL FROM main.case_unit",
    "UPDATE main.case_unit SET memo = ?1 WHERE id = ?2",
    "SELECT id, memo FROM main.case_unit WHERE uuid = ?1", 0 },
  { "case.value",
    "SELECT v.id, v.value, u.uuid, a.uuid FROM main.case_value v JOIN main.attribute a ON a.id = v.attribute"
    " JOIN main.case_unit u ON u.id = v.case_unit WHERE a.type = 'text' AND typeof (v.value) = 'text'",
    "UPDATE main.case_value SET value = ?1 WHERE id = ?2",
    "SELECT v.id, v.value FROM main.case_value v JOIN main.attribute a ON a.id = v.attribute"
    " JOIN main.case_unit u ON u.id = v.case_unit WHERE u.uuid = ?1 AND a.uuid = ?2"
    " AND a.type = 'text' AND typeof (v.value) = 'text'", 0 },
  { "set.name", "SELECT id, name, uuid, NULL FROM main.document_set",
    "UPDATE main.document_set SET name = ?1 WHERE id = ?2",
    "SELECT id, name FROM main.document_set WHERE uuid = ?1", FIELD_NAME },
  { "set.memo", "SELECT id, memo, uuid, NULL FROM main.document_set",
    "UPDATE main.document_set SET memo = ?1 WHERE id = ?2",
    "SELECT id, memo FROM main.document_set WHERE uuid = ?1", 0 },
  { "search.name", "SELECT id, name, uuid, NULL FROM main.saved_search",
    "UPDATE main.saved_search SET name = ?1 WHERE id = ?2",
    "SELECT id, name FROM main.saved_search WHERE uuid = ?1", FIELD_NAME },
  { "search.query", "SELECT id, query, uuid, NULL FROM main.saved_search",
    "UPDATE main.saved_search SET query = ?1 WHERE id = ?2",
    "SELECT id, query FROM main.saved_search WHERE uuid = ?1", 0 },
  /* the scope options name documents, speakers and sets by name */
  { "search.options", "SELECT id, options, uuid, NULL FROM main.saved_search",
    "UPDATE main.saved_search SET options = ?1 WHERE id = ?2",
    "SELECT id, options FROM main.saved_search WHERE uuid = ?1", 0 },
};

static const Field *
find_field (const char *kind)
{
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (g_strcmp0 (fields[f].kind, kind) == 0)
      return &fields[f];
  return NULL;
}

gboolean
_cb_store_pseudonymise_field_known (const char *kind,
                                    gboolean   *is_name)
{
  const Field *field = find_field (kind);

  if (field != NULL && is_name != NULL)
    *is_name = (field->flags & FIELD_NAME) != 0;
  return field != NULL;
}

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

      if ((fields[f].flags & FIELD_CODE) && !codes)
        continue;
      stmt = cb_store_prepare (self, fields[f].select, error);
      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, 1);
          const char *key = (const char *) sqlite3_column_text (stmt, 2);
          const char *key2 = (const char *) sqlite3_column_text (stmt, 3);
          g_autofree char *joined = NULL;
          char *changed;

          if (value == NULL || !g_utf8_validate (value, -1, NULL) ||
              key == NULL || !g_utf8_validate (key, -1, NULL) ||
              (key2 != NULL && !g_utf8_validate (key2, -1, NULL)))
            continue;
          if (key2 != NULL)
            key = joined = g_strconcat (key, "/", key2, NULL);
          changed = func (fields[f].kind, key, value, data);
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

CbStoreRestore
_cb_store_pseudonymise_restore (CbStore     *self,
                                const char  *kind,
                                const char  *key,
                                const char  *pseudonymised,
                                const char  *original,
                                char       **current,
                                GError     **error)
{
  const Field *field = find_field (kind);
  g_autofree char *key1 = NULL;
  const char *slash;
  sqlite3_stmt *stmt;
  gint64 id = 0;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (field != NULL, CB_STORE_RESTORE_FAILED);

  /* a uuid never holds '/': the first one splits a two-part key */
  slash = strchr (key, '/');
  key1 = slash != NULL ? g_strndup (key, slash - key) : g_strdup (key);
  stmt = cb_store_prepare (self, field->find, error);
  if (stmt == NULL)
    return CB_STORE_RESTORE_FAILED;
  /* each find uses the parameters it needs; binding one it lacks is a
   * harmless SQLITE_RANGE */
  sqlite3_bind_text (stmt, 1, key1, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, slash != NULL ? slash + 1 : "", -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_text (stmt, 3, pseudonymised, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      found = TRUE;
      id = sqlite3_column_int64 (stmt, 0);
      if (g_strcmp0 (value, pseudonymised) != 0)
        {
          *current = g_strdup (value != NULL ? value : "");
          sqlite3_reset (stmt);
          return CB_STORE_RESTORE_CHANGED;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return CB_STORE_RESTORE_FAILED;
    }
  if (!found)
    return CB_STORE_RESTORE_MISSING;

  stmt = cb_store_prepare (self, field->update, error);
  if (stmt == NULL)
    return CB_STORE_RESTORE_FAILED;
  sqlite3_bind_text (stmt, 1, original, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  return cb_store_step_done (self, stmt, error) ? CB_STORE_RESTORE_DONE : CB_STORE_RESTORE_FAILED;
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

gboolean
_cb_store_pseudonymise_get_status (CbStore  *self,
                                   gint64    document,
                                   char    **edited,
                                   char    **pseudonymised,
                                   GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT edited, pseudonymised FROM main.document_status WHERE document = ?",
                                         error);
  int rc;

  *edited = *pseudonymised = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *edited = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      *pseudonymised = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_clear_pointer (edited, g_free);
      g_clear_pointer (pseudonymised, g_free);
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_pseudonymise_set_status (CbStore     *self,
                                   gint64       document,
                                   const char  *edited,
                                   const char  *pseudonymised,
                                   GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "INSERT INTO main.document_status (document, edited, pseudonymised)"
                                         " VALUES (?1, ?2, ?3) ON CONFLICT (document)"
                                         " DO UPDATE SET edited = ?2, pseudonymised = ?3",
                                         error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, edited, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pseudonymised, -1, SQLITE_TRANSIENT);
  return cb_store_step_done (self, stmt, error);
}
