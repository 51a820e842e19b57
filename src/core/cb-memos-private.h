/* cb-memos-private.h: what the memo files share (cb-project-memos.c, cb-memo-report.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-memos.h"
#include "cb-project-private.h"

G_BEGIN_DECLS

/* The index of @type in cb_memo_types(), past the end for a free type. */
int         _cb_memo_type_rank              (const char  *type);
/* @type normalised, a named one in its canonical spelling; "note" when empty. */
char       *_cb_memo_type_canonical         (const char  *type);

/* The CbStoreEvidenceRow rows @rows as CbMemoLink, with their texts and
 * citation fields; rows whose span is outside the text are left out.
 * @case_names: case id → name (borrowed), or NULL.  Inside a read. */
GPtrArray  *_cb_project_resolve_memo_links  (CbProject   *self,
                                             GArray      *rows,
                                             GHashTable  *case_names,
                                             GError     **error);

/* case id → name, the names borrowed from *@cases (every case, by name). */
GHashTable *_cb_project_case_names          (CbProject   *self,
                                             GPtrArray  **cases,
                                             GError     **error);

G_END_DECLS
