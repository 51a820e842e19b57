/* cb-store-refi.h: the SQL REFI-QDA imports need beyond cb-store-private.h (private)
 *
 * An import recreates entities with the uuids, timestamps and coders they
 * had in the file it comes from, inside one transaction of the caller's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* Names the project and sets its creation time (a new project's identity). */
gboolean  _cb_store_refi_set_project    (CbStore     *self,
                                         const char  *name,
                                         const char  *created,
                                         GError     **error);
/* Whether @uuid is already used in @table ("code", "coding", "document"). */
gboolean  _cb_store_refi_uuid_exists    (CbStore     *self,
                                         const char  *table,
                                         const char  *uuid,
                                         gboolean    *exists,
                                         GError     **error);
gboolean  _cb_store_refi_set_document_imported (CbStore     *self,
                                                gint64       document,
                                                const char  *imported,
                                                GError     **error);
/* The project's creation time, ISO 8601. */
char     *_cb_store_refi_dup_project_created (CbStore *self);

/* A page cache of @mib MiB for this connection: a large import into a new
 * project inserts into several indexes at random places, and with SQLite's
 * default 2 MiB every insert spills pages to the WAL and reads them back. */
gboolean  _cb_store_refi_set_cache_size (CbStore     *self,
                                         guint        mib,
                                         GError     **error);

G_END_DECLS
