/* cb-store-scope.h: the SQL of the filter's scope options (private)
 *
 * What a CbCaseFilter's --coder, --set, --document, --phase, --role and
 * --speaker select, each read once per use (set-based, never per segment);
 * cb-case-filter.c keeps the results in memory and tests segments, hits
 * and codings against them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-cases.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* The names option @kind may name (@ids: their ids, 0 for phases,
 * speakers and roles, whose names are shared by rows of several
 * documents), by name, each once; for CB_SCOPE_ROLE the roles given. */
gboolean  _cb_store_scope_names          (CbStore      *self,
                                          CbScopeKind   kind,
                                          GArray       *ids,
                                          GPtrArray    *names,
                                          GError      **error);
/* Adds to @documents (set of gint64 *) the members of document set @set_id. */
gboolean  _cb_store_scope_set_documents  (CbStore      *self,
                                          gint64        set_id,
                                          GHashTable   *documents,
                                          GError      **error);
/* Appends to @spans (CbStoreCoverage, case_id 0) the sections of the
 * phases named @name, clipped to their document's text. */
gboolean  _cb_store_scope_phase_spans    (CbStore      *self,
                                          const char   *name,
                                          GArray       *spans,
                                          GError      **error);
/* Appends to @spans the turns (the words after the label, text_start to
 * end) of the speakers given @role in their document. */
gboolean  _cb_store_scope_role_spans     (CbStore      *self,
                                          const char   *role,
                                          GArray       *spans,
                                          GError      **error);
/* A document's membership of a set: @set_index into the names listed. */
typedef struct
{
  gint64 document;
  guint  set_index;
} CbStoreSetMember;

/* Every document set's name in @names (by position, then name) and its
 * members in @members (CbStoreSetMember, by document, then set index), for
 * the matrix's set columns. */
gboolean  _cb_store_scope_list_sets      (CbStore      *self,
                                          GPtrArray    *names,
                                          GArray       *members,
                                          GError      **error);
/* Calls @func with the document, start, end and coder id of each coding of
 * @code, by document (a cursor with a coder filter counts with it). */
typedef void (*CbStoreCodingFunc) (gint64   document,
                                   gint64   start,
                                   gint64   end,
                                   gint64   coder,
                                   gpointer data);
gboolean  _cb_store_scope_foreach_coding (CbStore           *self,
                                          gint64             code,
                                          CbStoreCodingFunc  func,
                                          gpointer           data,
                                          GError           **error);

G_END_DECLS
