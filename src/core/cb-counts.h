/* cb-counts.h: the project's listings without their coding counts
 *
 * Counting a big project's codings reads a whole index (a million codings:
 * tens of milliseconds for the documents' counts, more for the codes').  A
 * view that must show its rows at once (the app's first window) lists them
 * without counts and asks for the counted listing afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

G_BEGIN_DECLS

/* cb_project_list_documents() without the counts: every n_codings is -1. */
GPtrArray *cb_project_list_documents_uncounted (CbProject  *self,
                                                GError    **error);
/* cb_project_list_codes() without the counts: every n_codings and
 * n_codings_total is -1. */
GPtrArray *cb_project_list_codes_uncounted     (CbProject  *self,
                                                GError    **error);
/* cb_project_get_code() without the counts (-1): its name, path, colour,
 * description and memo, for a view that shows those (the memo editor)
 * without counting the subtree's codings each time a code is picked. */
CbCodeInfo *cb_project_get_code_uncounted      (CbProject   *self,
                                                const char  *path,
                                                GError     **error);

G_END_DECLS
