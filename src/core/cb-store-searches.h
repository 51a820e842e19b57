/* cb-store-searches.h: the SQL of saved searches (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project-searches.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* Adds the search @name, or replaces the query and options of the one of
 * that name (keeping its place); inside the caller's transaction. */
gboolean   _cb_store_searches_put    (CbStore     *store,
                                      const char  *name,
                                      const char  *query,
                                      const char  *options,
                                      GError     **error);

/* Removes the search @name; FALSE with CB_PROJECT_ERROR_NOT_FOUND when
 * there is none. */
gboolean   _cb_store_searches_delete (CbStore     *store,
                                      const char  *name,
                                      GError     **error);

/* The saved searches (CbSavedSearch) in their order, or the one named
 * @name (NULL: all).  Rows that are not valid (a name or query that is
 * empty or not UTF-8: the file is untrusted) are left out. */
GPtrArray *_cb_store_searches_list   (CbStore     *store,
                                      const char  *name,
                                      GError     **error);

G_END_DECLS
