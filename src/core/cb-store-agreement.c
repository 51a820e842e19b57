/* cb-store-agreement.c: the SQL of the agreement queries: the documents'
 * lengths and one coder's codings at a time, read inside the caller's
 * snapshot (declared in cb-store-coders.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-store-coders.h"

void
_cb_agreement_document_clear (gpointer document)
{
  g_clear_pointer (&((CbAgreementDocument *) document)->name, g_free);
}

GArray *
_cb_store_agreement_documents (CbStore  *self,
                               GError  **error)
{
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (CbAgreementDocument));
  sqlite3_stmt *stmt = cb_store_prepare (self, "SELECT id, name, n_chars FROM document ORDER BY name", error);
  int rc;

  g_array_set_clear_func (documents, _cb_agreement_document_clear);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbAgreementDocument document = {
        .id = sqlite3_column_int64 (stmt, 0),
        .name = g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        .n_chars = MAX (sqlite3_column_int64 (stmt, 2), 0),
      };

      g_array_append_val (documents, document);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&documents);
}

gboolean
_cb_store_agreement_codings (CbStore  *self,
                             gint64    coder_id,
                             guint     index,
                             GArray   *codings,
                             GError  **error)
{
  sqlite3_stmt *stmt = cb_store_prepare (self,
                                         "SELECT document, code, start, end FROM coding WHERE coder = ?1",
                                         error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, coder_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CbAgreementCoding coding = {
        .document = sqlite3_column_int64 (stmt, 0),
        .code = sqlite3_column_int64 (stmt, 1),
        .start = sqlite3_column_int64 (stmt, 2),
        .end = sqlite3_column_int64 (stmt, 3),
        .coder = index,
      };

      g_array_append_val (codings, coding);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      cb_store_set_error (self, rc, error);
      return FALSE;
    }
  return TRUE;
}
