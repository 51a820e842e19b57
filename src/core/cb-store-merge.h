/* cb-store-merge.h: the SQL of merging projects and of copies for a coder (private)
 *
 * A merge reads the other project whole through its own validated store
 * (one read snapshot, every reference and span checked), then writes into
 * ours inside the caller's transaction.  The codings to add are handed
 * back to the project, which writes codings only through
 * _cb_project_add_codings_in().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-merge.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* One coding of theirs to add, with ids already mapped onto ours. */
typedef struct
{
  gint64  document;
  gint64  code;
  gint64  start;
  gint64  end;
  gint64  coder;
  char   *uuid;      /* NULL: a new one (theirs is taken here by another coding) */
  char   *created;
  char   *memo;
} CbStoreMergeCoding;

typedef struct _CbStoreMerge CbStoreMerge;

/* @other_name names the other project in conflict messages. */
CbStoreMerge *_cb_store_merge_new   (const char     *other_name,
                                     gboolean        prefer_theirs,
                                     CbMergeReport  *report);
void          _cb_store_merge_free  (CbStoreMerge   *merge);

/* Reads every row of @theirs a merge uses, in one read snapshot, and
 * checks it: texts UTF-8 of the stored length, names valid, references
 * resolved, spans inside their documents, the code tree a tree.  A
 * failure is CB_PROJECT_ERROR_CORRUPT saying what is wrong (the caller
 * names the file). */
gboolean      _cb_store_merge_read  (CbStoreMerge   *merge,
                                     CbStore        *theirs,
                                     GError        **error);

/* Inside @ours's transaction: matches and adds everything read but the
 * new codings, which it returns in *@new_codings (element-type
 * CbStoreMergeCoding), ordered by code.  @theirs is read again only for
 * the original files of added documents. */
gboolean      _cb_store_merge_write (CbStoreMerge   *merge,
                                     CbStore        *ours,
                                     CbStore        *theirs,
                                     GArray        **new_codings,
                                     GError        **error);

/* Whether _cb_store_merge_write() changed any row (the new codings aside). */
gboolean      _cb_store_merge_changed (CbStoreMerge *merge);

/* In a copy just written (its own store, no other connection, not in a
 * transaction): deletes the codings @mode drops and the whole undo history
 * in one unrecorded transaction, their pages overwritten (secure_delete).  FALSE with CB_PROJECT_ERROR_NOT_FOUND when @coder has no
 * row. */
gboolean      _cb_store_merge_trim_copy (CbStore    *copy,
                                         CbCopyMode  mode,
                                         const char *coder,
                                         GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbStoreMerge, _cb_store_merge_free)

G_END_DECLS
