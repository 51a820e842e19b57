/* cb-store-backup.h: the SQL side of backups (private to codeboom-core)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cb-store-private.h"

G_BEGIN_DECLS

/* Copies the project into a new file @dest_path (which must not exist) with
 * the online backup API, as a standalone file (rollback journal, no -wal),
 * synced to disk.  On failure @dest_path is removed. */
gboolean  _cb_store_backup_to    (CbStore      *self,
                                  const char   *dest_path,
                                  GError      **error);

/* Checks that @path is a Codeboom project this version can read and that
 * SQLite finds it sound (quick_check), without changing it. */
gboolean  _cb_store_check_backup (const char   *path,
                                  GError      **error);

/* Replaces the whole content of the store's database by the file at
 * @backup_path, in one write transaction, then brings it to the current
 * schema version.  The store must not be in a transaction. */
gboolean  _cb_store_restore_from (CbStore      *self,
                                  const char   *backup_path,
                                  GError      **error);

/* A digest (hex) of everything a user can change in the project: equal
 * digests, same content, whatever the pages look like.  For the store's
 * own database, and for a backup file (opened read-only). */
char     *_cb_store_fingerprint      (CbStore      *self,
                                      GError      **error);
char     *_cb_store_fingerprint_file (const char   *path,
                                      GError      **error);

/* The revision token of the store's database or of a backup file (with its
 * schema version): equal tokens of the same version, same content.  NULL
 * (never an error) when the file has none, as before schema 4. */
char     *_cb_store_revision         (CbStore      *self);
char     *_cb_store_revision_file    (const char   *path);

/* The store's file as it is now, on a connection of its own that another
 * thread may use while the store goes on writing (one thread at a time). */
typedef struct _CbStoreBackupSource CbStoreBackupSource;
CbStoreBackupSource *_cb_store_backup_source_new         (CbStore              *self,
                                                          GError              **error);
gboolean  _cb_store_backup_source_copy_to     (CbStoreBackupSource  *source,
                                               const char           *dest_path,
                                               GError              **error);
char     *_cb_store_backup_source_revision    (CbStoreBackupSource  *source);
char     *_cb_store_backup_source_fingerprint (CbStoreBackupSource  *source,
                                               GError              **error);
void      _cb_store_backup_source_free        (CbStoreBackupSource  *source);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbStoreBackupSource, _cb_store_backup_source_free)

G_END_DECLS
