/* cb-store-codings.c: the SQL for codings and the integrity check (retrieval:
 * cb-store-retrieve.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"
#include "cb-text.h"

/* unused since retrieval moved to cb-store-retrieve.c; kept for the
 * functions that may read text columns here again */
static G_GNUC_UNUSED char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_cb_store_insert_coding (CbStore     *self,
                         gint64       document,
                         gint64       code,
                         gint64       start,
                         gint64       end,
                         gint64       coder,
                         const char  *uuid,
                         const char  *at,
                         const char  *memo,
                         gboolean    *created,
                         GError     **error)
{
  g_autofree char *fresh_uuid = uuid == NULL ? cb_store_new_uuid (self) : NULL;
  sqlite3_stmt *stmt;
  sqlite3 *db = cb_store_get_db (self);
  gint64 id = 0;

  /* The same code on the same span by the same coder is one coding: a
   * second apply changes nothing and reports the existing one. */
  stmt = cb_store_prepare (self,
                           "INSERT INTO coding (uuid, document, code, start, end, coder, created, memo)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT (document, start, end, code, coder) DO NOTHING",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid != NULL ? uuid : fresh_uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, code);
  sqlite3_bind_int64 (stmt, 4, start);
  sqlite3_bind_int64 (stmt, 5, end);
  sqlite3_bind_int64 (stmt, 6, coder);
  sqlite3_bind_text (stmt, 7, at != NULL ? at : cb_store_now (self), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, memo != NULL ? memo : "", -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  if (sqlite3_changes (db) > 0)
    {
      id = sqlite3_last_insert_rowid (db);
      if (!cb_store_journal_insert (self, "coding", id, error))
        return 0;
      if (created != NULL)
        *created = TRUE;
      return id;
    }

  if (created != NULL)
    *created = FALSE;

  stmt = cb_store_prepare (self,
                           "SELECT id FROM coding WHERE document = ? AND code = ? AND start = ?"
                           " AND end = ? AND coder = ?",
                           error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_int64 (stmt, 5, coder);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return id;
}

gint64
_cb_store_delete_codings (CbStore  *self,
                          gint64    document,
                          gint64    code,
                          gint64    start,
                          gint64    end,
                          gint64    coder,
                          GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "DELETE FROM coding WHERE document = ? AND code = ?"
                                         " AND start = ? AND end = ? AND (?5 = 0 OR coder = ?5)",
                                         error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, code);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_int64 (stmt, 5, coder);
  if (!cb_store_step_done (self, stmt, error))
    return -1;

  return sqlite3_changes (cb_store_get_db (self));
}

gint64
_cb_store_count_codings (CbStore  *self,
                         gint64    id,
                         GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT count(*) FROM coding WHERE code = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_query_int64 (self, stmt, -1, error);
}

gboolean
_cb_store_move_codings (CbStore  *self,
                        gint64    source,
                        gint64    target,
                        GError  **error)
{
  /* OR IGNORE leaves behind the codings the target already has on the
   * same span by the same coder; they go when the source is deleted. */
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE OR IGNORE coding SET code = ? WHERE code = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target);
  sqlite3_bind_int64 (stmt, 2, source);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_set_coding_memo (CbStore     *self,
                           gint64       id,
                           const char  *memo,
                           GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE coding SET memo = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, memo, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (cb_store_get_db (self)) == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no coding with id %" PRId64), id);
      return FALSE;
    }
  return TRUE;
}

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
add_problem (GPtrArray  *problems,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Runs @sql and adds one problem per row, formatted from its columns. */
static gboolean
check_rows (CbStore     *self,
            GPtrArray   *problems,
            const char  *sql,
            const char  *what,
            GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (cb_store_get_db (self), sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GString) row = g_string_new (what);
      int n = sqlite3_column_count (stmt);

      for (int c = 0; c < n; c++)
        g_string_append_printf (row, "%s%s", c == 0 ? ": " : ", ",
                                (const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (problems, g_string_free (g_steal_pointer (&row), FALSE));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_cb_store_check (CbStore    *self,
                 GPtrArray  *problems,
                 GError    **error)
{
  sqlite3 *db = cb_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* SQLite's own view of the file first: if the b-trees are damaged the
   * invariants below mean little. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA main.integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *message = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (message, "ok") != 0)
        add_problem (problems, "integrity: %s", message);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  if (problems->len > 0)
    return TRUE;

  if (!check_rows (self, problems, "PRAGMA main.foreign_key_check", "broken reference (table, row, parent, constraint)", error) ||
      !check_rows (self, problems,
                   "SELECT count(*) FROM project HAVING count(*) <> 1",
                   "project metadata rows (expected 1)", error) ||
      !check_rows (self, problems,
                   "SELECT d.name, g.id, g.start, g.end, d.n_chars FROM coding g JOIN document d ON d.id = g.document"
                   " WHERE g.start < 0 OR g.end <= g.start OR g.end > d.n_chars",
                   "coding outside its document's text (document, coding, start, end, characters)", error) ||
      !check_rows (self, problems,
                   "SELECT d.name, t.id, t.start, t.end FROM turn t JOIN document d ON d.id = t.document"
                   " WHERE t.end > d.n_chars",
                   "turn outside its document's text (document, turn, start, end)", error) ||
      !check_rows (self, problems,
                   "SELECT t.id, t.document, s.document FROM turn t JOIN speaker s ON s.id = t.speaker"
                   " WHERE t.document <> s.document",
                   "turn whose speaker belongs to another document (turn, document, speaker's document)", error) ||
      !check_rows (self, problems,
                   "SELECT id, quote (name) FROM code WHERE name <> trim (name) OR name = ''"
                   " OR instr (name, ' / ') > 0 OR instr (name, char (10)) > 0",
                   "code with an invalid name (id, name)", error) ||
      !check_rows (self, problems,
                   "SELECT ifnull (parent, 0), count(*), min (position), max (position) FROM code"
                   " GROUP BY ifnull (parent, 0)"
                   " HAVING min (position) <> 0 OR max (position) <> count(*) - 1"
                   "     OR count (DISTINCT position) <> count(*)",
                   "sibling positions not 0..n-1 (parent, children, min, max)", error) ||
      !check_rows (self, problems,
                   "WITH RECURSIVE reach (id) AS (SELECT id FROM code WHERE parent IS NULL"
                   " UNION SELECT c.id FROM code c JOIN reach r ON c.parent = r.id)"
                   " SELECT id, name FROM code WHERE id NOT IN reach",
                   "code not reachable from the top of the tree (a cycle) (id, name)", error) ||
      !check_rows (self, problems,
                   "SELECT id, name FROM document WHERE name <> trim (name) OR name = ''",
                   "document with an invalid name (id, name)", error))
    return FALSE;

  /* Stored text must be what the text model promises: counted right,
   * normalised, LF only, no BOM. */
  rc = sqlite3_prepare_v2 (db, "SELECT name, n_chars, text, char_index FROM document ORDER BY name", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gint64 n_chars = sqlite3_column_int64 (stmt, 1);
      const char *text = (const char *) sqlite3_column_text (stmt, 2);
      gsize length = sqlite3_column_bytes (stmt, 2);

      if (!g_utf8_validate_len (text, length, NULL))
        add_problem (problems, "document “%s”: text is not valid UTF-8", name);
      else if (cb_text_count_chars (text, length) != n_chars)
        add_problem (problems, "document “%s”: character count %" G_GINT64_FORMAT " does not match its text (%" G_GINT64_FORMAT ")",
                     name, n_chars, cb_text_count_chars (text, length));
      else if (memchr (text, '\r', length) != NULL || g_str_has_prefix (text, "\xEF\xBB\xBF") ||
               !cb_text_is_normalized (text, length))
        add_problem (problems, "document “%s”: text is not normalised (NFC, LF, no BOM)", name);
      else
        {
          g_autoptr(GBytes) expected = cb_text_build_char_index (text, length);
          g_autoptr(GBytes) stored = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));

          if (!g_bytes_equal (expected, stored))
            add_problem (problems, "document “%s”: its character index does not match its text", name);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }

  return TRUE;
}
