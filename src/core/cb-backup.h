/* cb-backup.h: copies of a project kept beside it, and restoring one
 *
 * A backup is a complete, standalone copy of the project file made with
 * SQLite's online backup API (a consistent snapshot, even while another
 * process writes), kept in the project's folder as
 *
 *   <project file name>.<YYYYMMDD-HHMMSS-uuuuuu>.backup      (UTC)
 *
 * so that names sort by age.  The rotation keeps the newest CB_BACKUP_KEEP
 * and, for each of the last CB_BACKUP_DAYS days (local time), the newest
 * backup made that day; older ones are removed.  A backup is written to a temporary file and renamed into place: a crash
 * never leaves a half-written backup under a backup's name.
 *
 * Restoring first backs up the current state (so a restore can itself be
 * undone by restoring that backup), then copies the backup into the project
 * in one transaction.  A project that cannot be opened at all (damaged) is
 * moved aside, never deleted, and the backup is put in its place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* How many of the newest backups of a project are always kept. */
#define CB_BACKUP_KEEP 5
/* Besides those, one a day (the day's newest) for this many days. */
#define CB_BACKUP_DAYS 7

#define CB_BACKUP_SUFFIX ".backup"

typedef struct
{
  char      *path;      /* full path of the backup file */
  char      *name;      /* its file name, as `codeboom-cli backups` lists it */
  GDateTime *created;   /* UTC, from the name */
  goffset    size;      /* bytes */
} CbBackupInfo;

void         cb_backup_info_free            (CbBackupInfo  *info);

/* Makes a backup of @self and removes the oldest beyond CB_BACKUP_KEEP.
 * Returns the new backup's path, or NULL with @error set (the project is
 * never changed by a backup, failed or not). */
char        *cb_project_backup              (CbProject     *self,
                                             GError       **error);

/* Backs up @self only when its content differs from that of its newest
 * backup (or it has none): opening a project again and again without
 * changing it does not push older states out of the rotation.  Compares
 * the revision tokens every user action renews (one read each), or when
 * either file has none the content through SQLite (see
 * _cb_store_fingerprint()); never the file's bytes or times.  Returns FALSE with @error set on failure; else
 * TRUE, with @path (when not NULL) set to the new backup's path, or to
 * NULL when no backup was needed. */
gboolean     cb_project_backup_if_changed   (CbProject     *self,
                                             char         **path,
                                             GError       **error);
/* cb_project_backup_if_changed() that returns at once: the project's state
 * is taken now (a read snapshot on a connection of its own), and compared
 * and copied in a worker thread while @self goes on, writes included; what
 * is written after this call is not in the backup.  @callback runs in the
 * caller's thread-default main context. */
void         cb_project_backup_if_changed_async  (CbProject           *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean     cb_project_backup_if_changed_finish (CbProject           *self,
                                                  GAsyncResult        *result,
                                                  char               **path,
                                                  GError             **error);

/* Which of @backups (newest first, as cb_backup_list() gives them) the
 * rotation removes at @now: a new GPtrArray of borrowed CbBackupInfo,
 * newest first. */
GPtrArray   *cb_backup_expired              (GPtrArray     *backups,
                                             GDateTime     *now);

/* The backups of the project at @project_path (it need not open, nor
 * exist), newest first: a GPtrArray of CbBackupInfo. */
GPtrArray   *cb_backup_list                 (const char    *project_path,
                                             GError       **error);
GPtrArray   *cb_project_list_backups        (CbProject     *self,
                                             GError       **error);

/* Resolves what a user names a backup by: a path to a file, or the name of
 * one of @project_path's backups.  NULL with @error set when neither. */
char        *cb_backup_resolve              (const char    *project_path,
                                             const char    *backup,
                                             GError       **error);

/* Replaces the content of the open project @self by the backup at
 * @backup_path, in one transaction, after backing up the current state
 * (its path is returned in @previous when not NULL).  The backup is checked
 * first (a Codeboom project, not newer than this version, not damaged); on
 * any failure the project is left as it was. */
gboolean     cb_project_restore_backup      (CbProject     *self,
                                             const char    *backup_path,
                                             char         **previous,
                                             GError       **error);

/* The same for a project given by its path: when it opens, as above; when it
 * does not exist, the backup is copied into place; when it is damaged (does
 * not open as a project), it is moved aside (its path is returned in
 * @previous) and the backup is copied into place.  A busy project is not
 * touched. */
gboolean     cb_backup_restore              (const char    *project_path,
                                             const char    *backup_path,
                                             char         **previous,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbBackupInfo, cb_backup_info_free)

G_END_DECLS
