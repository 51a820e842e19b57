/* cb-store-memos.c: the SQL of memos, their evidence and the owners' memo columns
 *
 * The tables memo and memo_link are journaled by triggers (cb-schema.c):
 * the statements here are recorded as they run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-memos.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gint64
step_insert (CbStore       *self,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  if (!cb_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

gint64
_cb_store_find_memo (CbStore     *self,
                     const char  *title,
                     GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id FROM memo WHERE title = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_TRANSIENT);
  return cb_store_query_int64 (self, stmt, 0, error);
}

#define MEMO_COLUMNS \
  "SELECT m.id, m.uuid, m.title, m.type, m.level, m.position, c.name, m.created, m.modified, m.text," \
  "       (SELECT count(*) FROM memo_link l WHERE l.memo = m.id)" \
  "  FROM memo m LEFT JOIN coder c ON c.id = m.author"

static CbMemoInfo *
memo_from_row (sqlite3_stmt *stmt)
{
  CbMemoInfo *info = g_new0 (CbMemoInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->uuid = dup_column (stmt, 1);
  info->title = dup_column (stmt, 2);
  info->type = dup_column (stmt, 3);
  info->level = dup_column (stmt, 4);
  info->position = sqlite3_column_int64 (stmt, 5);
  info->author = dup_column (stmt, 6);
  info->created = dup_column (stmt, 7);
  info->modified = dup_column (stmt, 8);
  info->text = dup_column (stmt, 9);
  info->n_links = (guint) MAX (sqlite3_column_int64 (stmt, 10), 0);
  /* the columns are NOT NULL but the file is input: never hand out NULL */
  if (info->uuid == NULL) info->uuid = g_strdup ("");
  if (info->title == NULL) info->title = g_strdup ("");
  if (info->type == NULL) info->type = g_strdup (CB_MEMO_DEFAULT_TYPE);
  if (info->created == NULL) info->created = g_strdup ("");
  if (info->modified == NULL) info->modified = g_strdup ("");
  if (info->text == NULL) info->text = g_strdup ("");
  return info;
}

CbMemoInfo *
_cb_store_get_memo (CbStore     *self,
                    gint64       id,
                    GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, MEMO_COLUMNS " WHERE m.id = ?", error);
  CbMemoInfo *info = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    info = memo_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND, _("The memo is gone"));
  else if (rc != SQLITE_ROW)
    cb_store_set_error (self, rc, error);
  return info;
}

GPtrArray *
_cb_store_list_memos (CbStore  *self,
                      GError  **error)
{
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_memo_info_free);
  sqlite3_stmt *stmt = cb_store_prepare (self, MEMO_COLUMNS " ORDER BY m.position, m.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (memos, memo_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&memos);
}

gint64
_cb_store_insert_memo (CbStore     *self,
                       const char  *uuid,
                       const char  *title,
                       const char  *type,
                       const char  *level,
                       gint64       author,
                       const char  *text,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 position;

  stmt = cb_store_prepare (self, "SELECT ifnull (max (position) + 1, 0) FROM memo", error);
  if (stmt == NULL || (position = cb_store_query_int64 (self, stmt, 0, error)) < 0)
    return 0;
  stmt = cb_store_prepare (self,
                           "INSERT INTO memo (uuid, title, type, level, position, author, created, modified, text)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, type, -1, SQLITE_TRANSIENT);
  if (level != NULL)
    sqlite3_bind_text (stmt, 4, level, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, position);
  if (author > 0)
    sqlite3_bind_int64 (stmt, 6, author);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, cb_store_now (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, cb_store_now (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
  return step_insert (self, stmt, error);
}

gboolean
_cb_store_set_memo_field (CbStore     *self,
                          gint64       id,
                          const char  *field,
                          const char  *value,
                          GError     **error)
{
  sqlite3_stmt *stmt;

  /* one literal a column: the statement cache is keyed by the SQL's address */
  if (g_str_equal (field, "title"))
    stmt = cb_store_prepare (self, "UPDATE memo SET title = ?, modified = ? WHERE id = ?", error);
  else if (g_str_equal (field, "type"))
    stmt = cb_store_prepare (self, "UPDATE memo SET type = ?, modified = ? WHERE id = ?", error);
  else if (g_str_equal (field, "level"))
    stmt = cb_store_prepare (self, "UPDATE memo SET level = ?, modified = ? WHERE id = ?", error);
  else if (g_str_equal (field, "text"))
    stmt = cb_store_prepare (self, "UPDATE memo SET text = ?, modified = ? WHERE id = ?", error);
  else
    g_return_val_if_reached (FALSE);
  if (stmt == NULL)
    return FALSE;
  if (value != NULL)
    sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_text (stmt, 2, cb_store_now (self), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_delete_memo (CbStore     *self,
                       gint64       id,
                       GError     **error)
{
  sqlite3_stmt *stmt;

  /* the links first, each recorded by the journal as it goes */
  stmt = cb_store_prepare (self, "DELETE FROM memo_link WHERE memo = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cb_store_step_done (self, stmt, error))
    return FALSE;
  stmt = cb_store_prepare (self, "DELETE FROM memo WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_move_memo (CbStore     *self,
                     gint64       id,
                     gint64       position,
                     GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, position FROM memo ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row = sqlite3_column_int64 (stmt, 0);
      gint64 at = sqlite3_column_int64 (stmt, 1);

      if (row == id)
        continue;
      g_array_append_val (ids, row);
      g_array_append_val (old, at);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  position = CLAMP (position, 0, (gint64) ids->len);
  {
    gint64 none = -1;

    g_array_insert_val (ids, position, id);
    g_array_insert_val (old, position, none);
  }
  /* only the rows whose position changes: each is one journal entry */
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (old, gint64, i) == (gint64) i)
        continue;
      stmt = cb_store_prepare (self, "UPDATE memo SET position = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!cb_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

gint64
_cb_store_find_memo_link (CbStore     *self,
                          gint64       memo,
                          gint64       document,
                          gint64       start,
                          gint64       end,
                          GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT id FROM memo_link"
                                         " WHERE memo = ? AND document = ? AND start = ? AND end = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, memo);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  return cb_store_query_int64 (self, stmt, 0, error);
}

gint64
_cb_store_insert_memo_link (CbStore     *self,
                            gint64       memo,
                            gint64       document,
                            gint64       start,
                            gint64       end,
                            GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "INSERT INTO memo_link (memo, document, start, end) VALUES (?, ?, ?, ?)",
                                         error);

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, memo);
  sqlite3_bind_int64 (stmt, 2, document);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  return step_insert (self, stmt, error);
}

gboolean
_cb_store_delete_memo_link (CbStore     *self,
                            gint64       id,
                            GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "DELETE FROM memo_link WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

/* Links are rare next to codings: ordering them by the document's name
 * through a join costs nothing worth an index. */
GArray *
_cb_store_list_memo_links (CbStore     *self,
                           gint64       memo,
                           GError     **error)
{
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (CbStoreEvidenceRow));
  sqlite3_stmt *stmt;
  int rc;

  if (memo > 0)
    stmt = cb_store_prepare (self,
                             "SELECT l.id, l.memo, l.document, l.start, l.end"
                             "  FROM memo_link l JOIN document d ON d.id = l.document"
                             "  WHERE l.memo = ? ORDER BY d.name, l.start, l.end", error);
  else
    stmt = cb_store_prepare (self,
                             "SELECT l.id, l.memo, l.document, l.start, l.end"
                             "  FROM memo_link l JOIN document d ON d.id = l.document"
                             "  ORDER BY l.memo, d.name, l.start, l.end", error);
  if (stmt == NULL)
    return NULL;
  if (memo > 0)
    sqlite3_bind_int64 (stmt, 1, memo);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbStoreEvidenceRow link = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3), sqlite3_column_int64 (stmt, 4)
      };

      g_array_append_val (links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&links);
}

GArray *
_cb_store_memo_spans (CbStore  *self,
                      gint64    document,
                      GError  **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbMemoSpan));
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT l.memo, l.start, l.end FROM memo_link l"
                                         "  JOIN document d ON d.id = l.document"
                                         "  WHERE l.document = ? AND l.start >= 0 AND l.start < l.end"
                                         "    AND l.end <= d.n_chars"
                                         "  ORDER BY l.start, l.end, l.memo", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbMemoSpan span = {
        .memo_id = sqlite3_column_int64 (stmt, 0),
        .start = sqlite3_column_int64 (stmt, 1),
        .end = sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (spans, span);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&spans);
}

GArray *
_cb_store_memos_at (CbStore     *self,
                    gint64       document,
                    gint64       start,
                    gint64       end,
                    GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT DISTINCT m.id, m.position FROM memo_link l JOIN memo m ON m.id = l.memo"
                                         "  WHERE l.document = ? AND l.start < ? AND l.end > ?"
                                         "  ORDER BY m.position, m.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, MAX (end, start + 1));
  sqlite3_bind_int64 (stmt, 3, start);
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

char *
_cb_store_dup_case_memo (CbStore     *self,
                         gint64       case_id,
                         GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT memo FROM case_unit WHERE id = ?", error);
  char *memo = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, case_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    memo = dup_column (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return memo != NULL ? memo : g_strdup ("");
}

gboolean
_cb_store_set_case_memo (CbStore     *self,
                         gint64       case_id,
                         const char  *memo,
                         GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE case_unit SET memo = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, memo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, case_id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_codings_on_span (CbStore     *self,
                           gint64       document,
                           gint64       code,
                           gint64       start,
                           gint64       end,
                           GArray     **ids,
                           GPtrArray  **coders,
                           GPtrArray  **memos,
                           GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT g.id, c.name, g.memo FROM coding g JOIN coder c ON c.id = g.coder"
                                         "  WHERE g.document = ? AND g.start = ? AND g.end = ? AND g.code = ?"
                                         "  ORDER BY g.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  *coders = g_ptr_array_new_with_free_func (g_free);
  *memos = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  sqlite3_bind_int64 (stmt, 4, code);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      char *memo = dup_column (stmt, 2);

      g_array_append_val (*ids, id);
      g_ptr_array_add (*coders, dup_column (stmt, 1));
      g_ptr_array_add (*memos, memo != NULL ? memo : g_strdup (""));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      g_clear_pointer (ids, g_array_unref);
      g_clear_pointer (coders, g_ptr_array_unref);
      g_clear_pointer (memos, g_ptr_array_unref);
      return FALSE;
    }
  return TRUE;
}
