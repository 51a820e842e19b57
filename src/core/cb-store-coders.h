/* cb-store-coders.h: the SQL of coders and of the agreement queries (private)
 *
 * cb-store-coders.c: listing coders with their counts, renaming and merging
 * them.  cb-store-agreement.c: what an agreement query reads, inside the
 * caller's read snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-coders.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* (element-type CbCoderSummary) every coder by name with its counts. */
GPtrArray  *_cb_store_coder_summaries    (CbStore     *self,
                                          GError     **error);
/* The id of coder @name; 0 when there is none (no error), -1 on failure. */
gint64      _cb_store_find_coder         (CbStore     *self,
                                          const char  *name,
                                          GError     **error);
gboolean    _cb_store_rename_coder       (CbStore     *self,
                                          gint64       id,
                                          const char  *name,
                                          GError     **error);
/* Moves every coding (and memo authorship) of coder @from to coder @into;
 * a coding @into has already (same document, code and span) is dropped,
 * its memo appended to @into's; then deletes coder @from.  @n_moved and
 * @n_merged (optional) count the codings moved and collapsed. */
gboolean    _cb_store_merge_coders       (CbStore     *self,
                                          gint64       from,
                                          gint64       into,
                                          gint64      *n_moved,
                                          gint64      *n_merged,
                                          GError     **error);

/* (cb-project-coders.c) The id of coder @name, or 0 with @error set
 * (NOT_FOUND) naming it and listing the project's coders. */
gint64      _cb_project_lookup_coder     (CbProject   *project,
                                          const char  *name,
                                          GError     **error);

/* One coding as the agreement sweep reads it. */
typedef struct
{
  gint64  document;
  gint64  code;
  gint64  start;
  gint64  end;
  guint   coder;      /* index into the query's coders */
} CbAgreementCoding;

typedef struct
{
  gint64  id;
  char   *name;
  gint64  n_chars;
} CbAgreementDocument;

/* Every document by name with its length (element-type CbAgreementDocument,
 * freed by the caller with _cb_agreement_document_clear). */
GArray     *_cb_store_agreement_documents (CbStore    *self,
                                           GError    **error);
void        _cb_agreement_document_clear  (gpointer    document);
/* Appends the codings of coder @coder_id to @codings, tagged @index. */
gboolean    _cb_store_agreement_codings   (CbStore    *self,
                                           gint64      coder_id,
                                           guint       index,
                                           GArray     *codings,
                                           GError    **error);

G_END_DECLS
