/* cb-store-documents.c: the SQL for documents, the project row and coders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-store-private.h"
#include "cb-text.h"

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
_cb_store_insert_document (CbStore                  *self,
                           const CbStoreNewDocument *document,
                           GError                  **error)
{
  g_autofree char *imported = now_iso8601 ();
  g_autoptr(GBytes) char_index = cb_text_build_char_index (document->text, document->length);
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = cb_store_prepare (self,
                           "INSERT INTO document (uuid, name, n_chars, source_name, source_sha256, imported, text, char_index)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, document->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, document->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, document->n_chars);
  sqlite3_bind_text (stmt, 4, document->source_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, document->source_sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, imported, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, document->text, document->length, SQLITE_STATIC);
  /* an empty blob must still be bound as a blob, not as NULL */
  sqlite3_bind_blob64 (stmt, 8, g_bytes_get_size (char_index) > 0 ? g_bytes_get_data (char_index, NULL) : (gconstpointer) "",
                       g_bytes_get_size (char_index), SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  id = sqlite3_last_insert_rowid (cb_store_get_db (self));

  if (document->source_bytes != NULL)
    {
      stmt = cb_store_prepare (self, "INSERT INTO document_source (document, bytes) VALUES (?, ?)", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_blob64 (stmt, 2, document->source_bytes, document->source_length, SQLITE_STATIC);
      if (!cb_store_step_done (self, stmt, error))
        return 0;
    }

  return id;
}

gint64
_cb_store_find_document (CbStore     *self,
                         const char  *name,
                         GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id FROM document WHERE name = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  return cb_store_query_int64 (self, stmt, 0, error);
}

GPtrArray *
_cb_store_list_documents (CbStore  *self,
                          gint64    only_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
  sqlite3_stmt *stmt;
  int rc;

  /* The coding counts come from one grouped scan of the (document, start)
   * index rather than a count per document. */
  stmt = cb_store_prepare (self,
                           "SELECT d.id, d.uuid, d.name, d.n_chars, ifnull (c.n, 0), d.source_name,"
                           "       d.source_sha256, d.imported, d.memo"
                           " FROM document d"
                           " LEFT JOIN (SELECT document, count(*) AS n FROM coding GROUP BY document) c"
                           "   ON c.document = d.id"
                           " WHERE ?1 = 0 OR d.id = ?1"
                           " ORDER BY d.name",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, only_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbDocumentInfo *info = g_new0 (CbDocumentInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->uuid = dup_column (stmt, 1);
      info->name = dup_column (stmt, 2);
      info->n_chars = sqlite3_column_int64 (stmt, 3);
      info->n_codings = sqlite3_column_int64 (stmt, 4);
      info->source_name = dup_column (stmt, 5);
      info->source_sha256 = dup_column (stmt, 6);
      info->imported = dup_column (stmt, 7);
      info->memo = dup_column (stmt, 8);
      g_ptr_array_add (documents, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&documents);
}

gint64
_cb_store_get_document_length (CbStore  *self,
                               gint64    id,
                               GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT n_chars FROM document WHERE id = ?", error);
  gint64 n_chars;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, id);
  n_chars = cb_store_query_int64 (self, stmt, -2, error);
  if (n_chars == -2)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document with id %" PRId64), id);
      return -1;
    }

  return n_chars;
}

gboolean
_cb_store_check_document_text (CbStore     *self,
                               gint64       id,
                               const char  *text,
                               gsize        length,
                               GError     **error)
{
  if (text != NULL && _cb_store_text_was_validated (self, id))
    return TRUE;
  if (text != NULL && cb_text_validate_utf8 (text, length))
    {
      _cb_store_remember_validated_text (self, id);
      return TRUE;
    }

  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
               _("The project “%s” is damaged: the text of document %" PRId64 " is not valid UTF-8; restore a backup, or run “check” for details"),
               cb_store_get_display_name (self), id);
  return FALSE;
}

gboolean
_cb_store_char_index_is_valid (const char   *text,
                               gsize         length,
                               const guint8 *index,
                               gsize         index_length)
{
  guint32 previous = 0;

  if (index_length % sizeof previous != 0)
    return FALSE;

  /* strictly increasing, inside the text, each on a character's first
   * byte; at least a stride of bytes apart (a code point is 1 to 4) */
  for (gsize k = 0; k < index_length / sizeof previous; k++)
    {
      guint32 le;
      guint32 byte;

      memcpy (&le, index + k * sizeof le, sizeof le);
      byte = GUINT32_FROM_LE (le);
      if (byte <= previous || byte >= length ||
          byte - previous < CB_TEXT_INDEX_STRIDE || byte - previous > 4 * CB_TEXT_INDEX_STRIDE ||
          ((guchar) text[byte] & 0xC0) == 0x80)
        return FALSE;
      previous = byte;
    }

  return TRUE;
}

char *
_cb_store_dup_document_text (CbStore  *self,
                             gint64    id,
                             gsize    *length,
                             GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT text FROM document WHERE id = ?", error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gsize n = sqlite3_column_bytes (stmt, 0);

      const char *stored = (const char *) sqlite3_column_text (stmt, 0);

      /* a text from a file is untrusted input: the app's text view and
       * every offset conversion assume valid UTF-8 */
      if (!_cb_store_check_document_text (self, id, stored, n, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      text = g_malloc (n + 1);
      memcpy (text, stored, n);
      text[n] = '\0';
      if (length != NULL)
        *length = n;
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no document with id %" PRId64), id);
  else if (rc != SQLITE_ROW)
    cb_store_set_error (self, rc, error);

  return text;
}

GBytes *
_cb_store_dup_document_source (CbStore  *self,
                               gint64    id,
                               GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT bytes FROM document_source WHERE document = ?", error);
  GBytes *bytes = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  if (bytes != NULL)
    return bytes;

  /* No separate copy: the original is the stored text when its sha256 is
   * the original's (see add_document_in_transaction()). */
  stmt = cb_store_prepare (self, "SELECT text, source_sha256 FROM document WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const guint8 *text = sqlite3_column_blob (stmt, 0);
      gsize length = sqlite3_column_bytes (stmt, 0);
      g_autofree char *sha256 = cb_text_sha256 (text != NULL ? text : (const guint8 *) "", length);

      if (g_strcmp0 (sha256, (const char *) sqlite3_column_text (stmt, 1)) == 0)
        bytes = g_bytes_new (text, length);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    cb_store_set_error (self, rc, error);
  else if (bytes == NULL)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("The original file of this document was not kept"));

  return bytes;
}

gboolean
_cb_store_update_document_text_field (CbStore     *self,
                                      gint64       id,
                                      const char  *field,
                                      const char  *value,
                                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (g_str_equal (field, "name"))
    stmt = cb_store_prepare (self, "UPDATE document SET name = ? WHERE id = ?", error);
  else if (g_str_equal (field, "memo"))
    stmt = cb_store_prepare (self, "UPDATE document SET memo = ? WHERE id = ?", error);
  else
    g_return_val_if_reached (FALSE);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_delete_document (CbStore  *self,
                           gint64    id,
                           GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "DELETE FROM document WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return cb_store_step_done (self, stmt, error);
}

gboolean
_cb_store_insert_project (CbStore     *self,
                          const char  *uuid,
                          const char  *name,
                          GError     **error)
{
  g_autofree char *created = now_iso8601 ();
  sqlite3_stmt *stmt;

  stmt = cb_store_prepare (self, "INSERT INTO project (id, uuid, name, created) VALUES (1, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, created, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

char *
_cb_store_dup_project_field (CbStore    *self,
                             const char *field)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  if (g_str_equal (field, "uuid"))
    stmt = cb_store_prepare (self, "SELECT uuid FROM project WHERE id = 1", NULL);
  else if (g_str_equal (field, "name"))
    stmt = cb_store_prepare (self, "SELECT name FROM project WHERE id = 1", NULL);
  else if (g_str_equal (field, "memo"))
    stmt = cb_store_prepare (self, "SELECT memo FROM project WHERE id = 1", NULL);
  else if (g_str_equal (field, "created"))
    stmt = cb_store_prepare (self, "SELECT created FROM project WHERE id = 1", NULL);
  else
    g_return_val_if_reached (NULL);

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = dup_column (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return value;
}

gboolean
_cb_store_set_project_memo (CbStore     *self,
                            const char  *memo,
                            GError     **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self, "UPDATE project SET memo = ? WHERE id = 1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, memo, -1, SQLITE_STATIC);
  return cb_store_step_done (self, stmt, error);
}

gint64
_cb_store_ensure_coder (CbStore     *self,
                        const char  *name,
                        const char  *uuid,
                        GError     **error)
{
  g_autofree char *fresh = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = cb_store_prepare (self, "SELECT id FROM coder WHERE name = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if ((id = cb_store_query_int64 (self, stmt, 0, error)) != 0)
    return MAX (id, 0);

  /* An imported coder keeps the uuid it had, unless the project uses it. */
  if (uuid != NULL)
    {
      stmt = cb_store_prepare (self, "SELECT 1 FROM coder WHERE uuid = ?", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      switch (cb_store_query_int64 (self, stmt, 0, error))
        {
        case 0: break;
        case 1: uuid = NULL; break;
        default: return 0;
        }
    }
  if (uuid == NULL)
    uuid = fresh = cb_store_new_uuid (self);

  stmt = cb_store_prepare (self, "INSERT INTO coder (uuid, name) VALUES (?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (!cb_store_step_done (self, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (cb_store_get_db (self));
}

GPtrArray *
_cb_store_list_coders (CbStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) coders = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_coder_info_free);
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, uuid, name FROM coder ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbCoderInfo *info = g_new0 (CbCoderInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->uuid = dup_column (stmt, 1);
      info->name = dup_column (stmt, 2);
      g_ptr_array_add (coders, info);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&coders);
}
