/* cb-store-counts.c: the SQL of cb-counts.h's listings
 *
 * The same columns as _cb_store_list_documents() but for the count, which
 * is the expensive part: the join with a grouped scan of the coding index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-store-counts.h"

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
_cb_store_list_documents_uncounted (CbStore  *self,
                                    GError  **error)
{
  g_autoptr(GPtrArray) documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cb_store_prepare (self,
                           "SELECT id, uuid, name, n_chars, source_name, source_sha256, imported, memo"
                           " FROM document ORDER BY name",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbDocumentInfo *info = g_new0 (CbDocumentInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->uuid = dup_column (stmt, 1);
      info->name = dup_column (stmt, 2);
      info->n_chars = sqlite3_column_int64 (stmt, 3);
      info->n_codings = -1;
      info->source_name = dup_column (stmt, 4);
      info->source_sha256 = dup_column (stmt, 5);
      info->imported = dup_column (stmt, 6);
      info->memo = dup_column (stmt, 7);
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
