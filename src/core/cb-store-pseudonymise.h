/* cb-store-pseudonymise.h: the SQL of pseudonymisation (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* Returns a new string when @value holds a name, else NULL.  @kind names
 * the field ("document.name", "memo.text", …) and @key its row, as the log
 * writes them. */
typedef char *(*CbStoreRewriteFunc) (const char *kind,
                                     const char *key,
                                     const char *value,
                                     gpointer    data);

/* Rewrites every name, memo and value field a name can hide in (code
 * names only with @codes) through @func; *@n_changed counts the fields. */
gboolean  _cb_store_pseudonymise_fields (CbStore            *self,
                                         gboolean            codes,
                                         CbStoreRewriteFunc  func,
                                         gpointer            data,
                                         guint              *n_changed,
                                         GError            **error);

/* Whether @kind is a field of the log; *@is_name (optional): the field is
 * a name (non-empty, trimmed, no forbidden characters). */
gboolean  _cb_store_pseudonymise_field_known (const char *kind,
                                              gboolean   *is_name);

typedef enum
{
  CB_STORE_RESTORE_DONE,      /* the field holds @original again */
  CB_STORE_RESTORE_MISSING,   /* no such row (deleted, or renamed since) */
  CB_STORE_RESTORE_CHANGED,   /* the row holds *@current, not @pseudonymised */
  CB_STORE_RESTORE_FAILED,    /* @error set */
} CbStoreRestore;

/* Inside the caller's transaction: sets field @kind of row @key back to
 * @original if it still holds @pseudonymised. */
CbStoreRestore _cb_store_pseudonymise_restore (CbStore     *self,
                                               const char  *kind,
                                               const char  *key,
                                               const char  *pseudonymised,
                                               const char  *original,
                                               char       **current,
                                               GError     **error);

/* Freed pages are zeroed from now on (the connection keeps it). */
gboolean  _cb_store_pseudonymise_secure (CbStore  *self,
                                         GError  **error);

/* The documents (id → text) as (gint64 *, char *) pairs in @ids/@names. */
gboolean  _cb_store_pseudonymise_list_documents (CbStore  *self,
                                                 GArray   *ids,
                                                 GPtrArray *names,
                                                 GError  **error);

/* Drops the original files of @ids and the whole undo history. */
gboolean  _cb_store_pseudonymise_forget (CbStore  *self,
                                         GArray   *ids,
                                         GError  **error);

/* Outside any transaction: secure_delete, VACUUM and a checkpoint that
 * truncates the WAL; *@checkpointed FALSE when a reader kept it. */
gboolean  _cb_store_pseudonymise_rewrite (CbStore   *self,
                                          gboolean  *checkpointed,
                                          GError   **error);

/* A document's status (edited, pseudonymised: times or NULL). */
gboolean  _cb_store_pseudonymise_get_status (CbStore  *self,
                                             gint64    document,
                                             char    **edited,
                                             char    **pseudonymised,
                                             GError  **error);

/* Sets it, for the .qdpx import of a status the export wrote. */
gboolean  _cb_store_pseudonymise_set_status (CbStore     *self,
                                             gint64       document,
                                             const char  *edited,
                                             const char  *pseudonymised,
                                             GError     **error);

G_END_DECLS
