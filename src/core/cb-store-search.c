/* cb-store-search.c: the SQL behind search (the folded copies, the scopes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-search-private.h"
#include "cb-store-private.h"
#include "cb-text.h"

/* A folded copy is valid when it was made by this folding from a text of
 * the document's length.  Text never changes after import and deleting a
 * document cascades to its copy, so this only guards against a copy made
 * by another version of Codeboom or ICU (and, cheaply, against the
 * impossible). */
GArray *
_cb_store_search_list_unfolded (CbStore     *store,
                                const char  *fold_key,
                                GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (store,
                           "SELECT d.id FROM document d"
                           " LEFT JOIN document_folded f ON f.document = d.id"
                           " WHERE f.document IS NULL OR f.fold_key <> ?1"
                           "  OR f.n_chars <> d.n_chars"
                           " ORDER BY d.id",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, fold_key, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

char *
_cb_store_search_dup_text (CbStore  *store,
                           gint64    document,
                           gsize    *length,
                           gint64   *n_chars,
                           GError  **error)
{
  sqlite3_stmt *stmt;
  char *text;
  int rc;

  stmt = cb_store_prepare (store,
                           "SELECT text, n_chars FROM document WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                     _("The document no longer exists"));
      else
        cb_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }

  *length = sqlite3_column_bytes (stmt, 0);
  if (!_cb_store_check_document_text (store, document, (const char *) sqlite3_column_text (stmt, 0), *length, error))
    {
      sqlite3_reset (stmt);
      return NULL;
    }
  text = g_strndup ((const char *) sqlite3_column_text (stmt, 0), *length);
  if (n_chars != NULL)
    *n_chars = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);

  return text;
}

gboolean
_cb_store_search_put_folded (CbStore     *store,
                             gint64       document,
                             const char  *fold_key,
                             gint64       n_chars,
                             const char  *folded,
                             gsize        folded_length,
                             const guint8 *map,
                             gsize        map_length,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (store,
                           "INSERT OR REPLACE INTO document_folded"
                           " (document, fold_key, n_chars, dropped, text)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, fold_key, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, n_chars);

  /* The offset map of the folded copy (cb-search-fold.h); the column is
   * still named for what it held before the map. */
  if (map_length > 0)
    sqlite3_bind_blob (stmt, 4, map, map_length, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);

  sqlite3_bind_text (stmt, 5, folded, folded_length, SQLITE_STATIC);

  return cb_store_step_done (store, stmt, error);
}

gboolean
_cb_store_search_foreach_document (CbStore               *store,
                                   gint64                 document,
                                   const char            *after_name,
                                   const char            *fold_key,
                                   gboolean               with_text,
                                   CbSearchDocumentFunc   func,
                                   gpointer               user_data,
                                   const gboolean        *stop,
                                   GError               **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The document's own text is read only when it is asked for or there is
   * no folded copy: a plain count reads the folded copies alone (SQLite
   * does not load a column a CASE does not reach, and text is the last
   * column of document, so its overflow pages stay on disk). */
  stmt = cb_store_prepare (store,
                           "SELECT d.id, d.name, d.n_chars, f.text, f.dropped,"
                           "  CASE WHEN ?3 OR f.document IS NULL THEN d.text END"
                           " FROM document d"
                           " LEFT JOIN document_folded f ON f.document = d.id"
                           "  AND f.fold_key = ?2 AND f.n_chars = d.n_chars"
                           " WHERE (?1 = 0 OR d.id = ?1) AND (?4 IS NULL OR d.name > ?4)"
                           " ORDER BY d.name",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, document);
  sqlite3_bind_text (stmt, 2, fold_key, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, with_text ? 1 : 0);
  if (after_name != NULL)
    sqlite3_bind_text (stmt, 4, after_name, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbSearchDocument doc = { 0 };
      g_autofree char *own_text = NULL;

      doc.id = sqlite3_column_int64 (stmt, 0);
      doc.name = (const char *) sqlite3_column_text (stmt, 1);
      doc.n_chars = sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          doc.folded = (const char *) sqlite3_column_text (stmt, 3);
          doc.folded_length = sqlite3_column_bytes (stmt, 3);
          doc.map = sqlite3_column_blob (stmt, 4);
          doc.map_length = sqlite3_column_bytes (stmt, 4);
        }
      if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
        {
          doc.text = (const char *) sqlite3_column_text (stmt, 5);
          doc.text_length = sqlite3_column_bytes (stmt, 5);
        }

      /* The copy is derived data, but read from a file: one that cannot be
       * this text's folding is not used (the search folds the text). */
      if (doc.folded != NULL &&
          (!cb_text_validate_utf8 (doc.folded, doc.folded_length) ||
           !_cb_search_folded_is_consistent (doc.folded, doc.folded_length, doc.map, doc.map_length,
                                             doc.n_chars, &doc.n_units)))
        {
          g_debug ("The folded copy of document %" G_GINT64_FORMAT " does not match its text; folding it again", doc.id);
          doc.folded = NULL;
          doc.map = NULL;
          doc.folded_length = doc.map_length = 0;
          if (doc.text == NULL)
            {
              gsize length;

              own_text = _cb_store_search_dup_text (store, doc.id, &length, NULL, error);
              if (own_text == NULL)
                {
                  sqlite3_reset (stmt);
                  return FALSE;
                }
              doc.text = own_text;
              doc.text_length = length;
            }
        }

      /* texts from the file are untrusted (cb-store-documents.c) */
      if ((doc.text != NULL && !_cb_store_check_document_text (store, doc.id, doc.text, doc.text_length, error)) ||
          !func (&doc, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      /* a page is full: the later documents are not even read */
      if (stop != NULL && *stop)
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return FALSE;
    }

  return TRUE;
}

static GArray *
collect_ranges (CbStore       *store,
                sqlite3_stmt  *stmt,
                GError       **error)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (CbSearchRange));
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbSearchRange range;

      range.document = sqlite3_column_int64 (stmt, 0);
      range.start = sqlite3_column_int64 (stmt, 1);
      range.end = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (ranges, range);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&ranges);
}

GArray *
_cb_store_search_code_ranges (CbStore  *store,
                              gint64    code,
                              GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (store,
                           "WITH RECURSIVE subtree (id) AS ("
                           "  SELECT ?1"
                           "  UNION ALL"
                           "  SELECT code.id FROM code JOIN subtree ON code.parent = subtree.id)"
                           " SELECT document, start, end FROM coding"
                           " WHERE code IN subtree"
                           " ORDER BY document, start",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, code);
  return collect_ranges (store, stmt, error);
}

GArray *
_cb_store_search_speaker_ranges (CbStore     *store,
                                 const char  *speaker,
                                 gboolean    *exists,
                                 GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (store,
                           "SELECT EXISTS (SELECT 1 FROM speaker WHERE name = ?1)",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, speaker, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cb_store_set_error (store, rc, error);
      sqlite3_reset (stmt);
      return NULL;
    }
  *exists = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  stmt = cb_store_prepare (store,
                           "SELECT t.document, t.text_start, t.end FROM turn t"
                           " JOIN speaker s ON s.id = t.speaker"
                           " WHERE s.name = ?1"
                           " ORDER BY t.document, t.text_start",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, speaker, -1, SQLITE_STATIC);
  return collect_ranges (store, stmt, error);
}

GArray *
_cb_store_search_turns (CbStore  *store,
                        gint64    document,
                        GError  **error)
{
  g_autoptr(GArray) turns = g_array_new (FALSE, FALSE, sizeof (CbSearchTurn));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (store,
                           "SELECT start, text_start, end FROM turn"
                           " WHERE document = ?1 ORDER BY start",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, document);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbSearchTurn turn;

      turn.start = sqlite3_column_int64 (stmt, 0);
      turn.text_start = sqlite3_column_int64 (stmt, 1);
      turn.end = sqlite3_column_int64 (stmt, 2);
      g_array_append_val (turns, turn);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (store, rc, error);
      return NULL;
    }

  return g_steal_pointer (&turns);
}
