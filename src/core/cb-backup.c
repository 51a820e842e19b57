/* cb-backup.c: backups kept beside a project, their rotation, restoring one
 *
 * The file names carry the time (UTC, to the microsecond) so that listing
 * and rotation need not open any file, and sorting by name sorts by age.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-backup.h"
#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-store-backup.h"

/* "20240314-100000-123456" */
#define STAMP_LENGTH 22

void
cb_backup_info_free (CbBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_free (info->name);
  g_clear_pointer (&info->created, g_date_time_unref);
  g_free (info);
}

static char *
format_stamp (gint64 usec)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *seconds = g_date_time_format (time, "%Y%m%d-%H%M%S");

  return g_strdup_printf ("%s-%06d", seconds, (int) (usec % G_USEC_PER_SEC));
}

/* The time in a stamp, or NULL when @stamp is not exactly one. */
static GDateTime *
parse_stamp (const char *stamp,
             gsize       length)
{
  static const char pattern[] = "dddddddd-dddddd-dddddd";
  int f[7];

  if (length != STAMP_LENGTH)
    return NULL;
  for (gsize i = 0; i < STAMP_LENGTH; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (stamp[i]) : stamp[i] != pattern[i])
      return NULL;

  if (sscanf (stamp, "%4d%2d%2d-%2d%2d%2d-%6d", &f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6]) != 7)
    return NULL;

  return g_date_time_new_utc (f[0], f[1], f[2], f[3], f[4], f[5] + f[6] / 1e6);
}

static void
sync_folder (const char *folder)
{
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY, 0);

  /* Best effort: the rename is what must reach the disk. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const CbBackupInfo *x = *(CbBackupInfo * const *) a;
  const CbBackupInfo *y = *(CbBackupInfo * const *) b;

  return -strcmp (x->name, y->name);
}

GPtrArray *
cb_backup_list (const char  *project_path,
                GError     **error)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_backup_info_free);
  g_autofree char *folder = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *entry;
  gsize prefix_length;

  g_return_val_if_fail (project_path != NULL, NULL);

  folder = g_path_get_dirname (project_path);
  basename = g_path_get_basename (project_path);
  prefix_length = strlen (basename) + 1;

  if (!(dir = g_dir_open (folder, 0, &local_error)))
    {
      g_autofree char *display = g_filename_display_name (project_path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot list the backups of “%s”: %s"), display, local_error->message);
      return NULL;
    }

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(CbBackupInfo) info = NULL;
      GStatBuf buf;
      gsize length = strlen (entry);

      if (length != prefix_length + STAMP_LENGTH + strlen (CB_BACKUP_SUFFIX) ||
          strncmp (entry, basename, prefix_length - 1) != 0 ||
          entry[prefix_length - 1] != '.' ||
          !g_str_has_suffix (entry, CB_BACKUP_SUFFIX))
        continue;

      info = g_new0 (CbBackupInfo, 1);
      if (!(info->created = parse_stamp (entry + prefix_length, STAMP_LENGTH)))
        continue;
      info->name = g_strdup (entry);
      info->path = g_build_filename (folder, entry, NULL);
      if (g_stat (info->path, &buf) != 0 || !S_ISREG (buf.st_mode))
        continue;
      info->size = buf.st_size;
      g_ptr_array_add (backups, g_steal_pointer (&info));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

GPtrArray *
cb_project_list_backups (CbProject  *self,
                         GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return cb_backup_list (cb_project_get_path (self), error);
}

/* Days from @time's local date back to @now's: 0 the same day, 1 the
 * day before; negative for a time after @now (a clock set back). */
static int
days_before (GDateTime *time,
             GDateTime *now)
{
  g_autoptr(GDateTime) local_time = g_date_time_to_local (time);
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  int y, m, d;
  GDate a, b;

  g_date_time_get_ymd (local_time != NULL ? local_time : time, &y, &m, &d);
  g_date_clear (&a, 1);
  g_date_set_dmy (&a, d, m, y);
  g_date_time_get_ymd (local_now != NULL ? local_now : now, &y, &m, &d);
  g_date_clear (&b, 1);
  g_date_set_dmy (&b, d, m, y);
  return g_date_days_between (&a, &b);
}

GPtrArray *
cb_backup_expired (GPtrArray *backups,
                   GDateTime *now)
{
  GPtrArray *expired = g_ptr_array_new ();
  int last_day = G_MININT;

  g_return_val_if_fail (backups != NULL, expired);
  g_return_val_if_fail (now != NULL, expired);

  /* Newest first: the first one seen of each day is that day's newest. */
  for (guint i = 0; i < backups->len; i++)
    {
      CbBackupInfo *info = backups->pdata[i];
      int day = days_before (info->created, now);
      gboolean days_newest = day != last_day;

      last_day = day;
      if (i < CB_BACKUP_KEEP || (days_newest && day < CB_BACKUP_DAYS))
        continue;
      g_ptr_array_add (expired, info);
    }
  return expired;
}

/* Removes what the rotation does not keep; failures are ignored (an extra
 * backup harms no one). */
static void
rotate (const char *project_path)
{
  g_autoptr(GPtrArray) backups = cb_backup_list (project_path, NULL);
  g_autoptr(GPtrArray) expired = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (backups == NULL)
    return;
  expired = cb_backup_expired (backups, now);
  for (guint i = 0; i < expired->len; i++)
    g_remove (((CbBackupInfo *) expired->pdata[i])->path);
}

/* Copies the project at @project_path, from @source or else from @store,
 * into a new backup beside it; its path, or NULL with @error set. */
static char *
make_backup (const char           *project_path,
             CbStore              *store,
             CbStoreBackupSource  *source,
             GError              **error)
{
  g_autofree char *folder = g_path_get_dirname (project_path);
  g_autofree char *basename = g_path_get_basename (project_path);
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  gint64 usec = g_get_real_time ();

  /* Two backups in the same microsecond: take the next free one. */
  for (;;)
    {
      g_autofree char *stamp = format_stamp (usec);
      g_autofree char *name = g_strconcat (basename, ".", stamp, CB_BACKUP_SUFFIX, NULL);

      g_free (path);
      path = g_build_filename (folder, name, NULL);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        break;
      usec++;
    }

  /* Written under another name and renamed: a crash never leaves a
   * half-written file that looks like a backup. */
  partial = g_strconcat (path, ".part", NULL);
  if (source != NULL ? !_cb_store_backup_source_copy_to (source, partial, error)
                     : !_cb_store_backup_to (store, partial, error))
    return NULL;

  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_remove (partial);
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot write the backup “%s”: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  sync_folder (folder);

  return g_steal_pointer (&path);
}

char *
cb_project_backup (CbProject  *self,
                   GError    **error)
{
  char *path;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (!cb_store_in_transaction (_cb_project_get_store (self)), NULL);

  if ((path = make_backup (cb_project_get_path (self), _cb_project_get_store (self), NULL, error)) != NULL)
    rotate (cb_project_get_path (self));

  return path;
}

static gboolean source_equals_backup (CbStoreBackupSource *source,
                                      const char          *backup_path);

gboolean
cb_project_backup_if_changed (CbProject  *self,
                              char      **path,
                              GError    **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(CbStoreBackupSource) source = NULL;
  char *made;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (path != NULL)
    *path = NULL;

  /* the same decision and copy as the async variant's worker, here in
   * the caller's thread */
  backups = cb_project_list_backups (self, NULL);
  if (!(source = _cb_store_backup_source_new (_cb_project_get_store (self), error)))
    return FALSE;
  if (backups != NULL && backups->len > 0 &&
      source_equals_backup (source, ((CbBackupInfo *) backups->pdata[0])->path))
    return TRUE;

  made = make_backup (cb_project_get_path (self), NULL, source, error);
  g_clear_pointer (&source, _cb_store_backup_source_free);
  if (made == NULL)
    return FALSE;
  rotate (cb_project_get_path (self));
  if (path != NULL)
    *path = made;
  else
    g_free (made);
  return TRUE;
}

/* The async variant: the snapshot is taken now, in the caller's thread;
 * comparing and copying it happen in a worker. */
typedef struct
{
  char                *project_path;
  GPtrArray           *backups;      /* (element-type CbBackupInfo) as listed now */
  CbStoreBackupSource *source;
} BackupTask;

static void
backup_task_free (BackupTask *data)
{
  g_free (data->project_path);
  g_clear_pointer (&data->backups, g_ptr_array_unref);
  g_clear_pointer (&data->source, _cb_store_backup_source_free);
  g_free (data);
}

/* Unchanged when its content is the newest backup's.  Both revision
 * tokens decide when both have one (a read each, where hashing every row
 * of a million codings took seconds); else the content's digests.  A
 * backup that cannot be read does not count: better one copy too many. */
static gboolean
source_equals_backup (CbStoreBackupSource *source,
                      const char          *backup_path)
{
  g_autofree char *their_revision = _cb_store_revision_file (backup_path);
  g_autofree char *our_revision = _cb_store_backup_source_revision (source);
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;

  if (their_revision != NULL && our_revision != NULL)
    return g_str_equal (their_revision, our_revision);
  theirs = _cb_store_fingerprint_file (backup_path, NULL);
  ours = theirs != NULL ? _cb_store_backup_source_fingerprint (source, NULL) : NULL;
  return ours != NULL && g_str_equal (ours, theirs);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  BackupTask *data = task_data;
  GError *error = NULL;
  char *path;

  if (data->backups != NULL && data->backups->len > 0 &&
      source_equals_backup (data->source, ((CbBackupInfo *) data->backups->pdata[0])->path))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  path = make_backup (data->project_path, NULL, data->source, &error);
  /* the snapshot's read transaction ends as soon as the copy is made */
  g_clear_pointer (&data->source, _cb_store_backup_source_free);
  if (path == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  rotate (data->project_path);
  g_task_return_pointer (task, path, g_free);
}

void
cb_project_backup_if_changed_async (CbProject           *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BackupTask *data;
  GError *error = NULL;
  CbStore *store;
  g_autofree char *their_revision = NULL;
  g_autofree char *our_revision = NULL;

  g_return_if_fail (CB_IS_PROJECT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cb_project_backup_if_changed_async);
  store = _cb_project_get_store (self);

  data = g_new0 (BackupTask, 1);
  data->project_path = g_strdup (cb_project_get_path (self));
  data->backups = cb_project_list_backups (self, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) backup_task_free);

  /* The usual case, decided at once: unchanged since the newest backup. */
  if (data->backups != NULL && data->backups->len > 0 &&
      (our_revision = _cb_store_revision (store)) != NULL &&
      (their_revision = _cb_store_revision_file (((CbBackupInfo *) data->backups->pdata[0])->path)) != NULL &&
      g_str_equal (our_revision, their_revision))
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  if (!(data->source = _cb_store_backup_source_new (store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, backup_thread);
}

gboolean
cb_project_backup_if_changed_finish (CbProject     *self,
                                     GAsyncResult  *result,
                                     char         **path,
                                     GError       **error)
{
  char *made;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  made = g_task_propagate_pointer (G_TASK (result), error);
  if (made == NULL && g_task_had_error (G_TASK (result)))
    return FALSE;
  if (path != NULL)
    *path = made;
  else
    g_free (made);
  return TRUE;
}

char *
cb_backup_resolve (const char  *project_path,
                   const char  *backup,
                   GError     **error)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (backup != NULL, NULL);

  /* A name as listed first: the listing is relative to the project's
   * folder, not to the current one. */
  if (strchr (backup, G_DIR_SEPARATOR) == NULL &&
      (backups = cb_backup_list (project_path, NULL)) != NULL)
    for (guint i = 0; i < backups->len; i++)
      {
        CbBackupInfo *info = backups->pdata[i];

        if (g_str_equal (info->name, backup))
          return g_strdup (info->path);
      }

  if (g_file_test (backup, G_FILE_TEST_IS_REGULAR))
    return g_strdup (backup);

  display = g_filename_display_name (backup);
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
               _("There is no backup “%s”"), display);
  return NULL;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf x, y;

  return g_stat (a, &x) == 0 && g_stat (b, &y) == 0 &&
         x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

gboolean
cb_project_restore_backup (CbProject   *self,
                           const char  *backup_path,
                           char       **previous,
                           GError     **error)
{
  CbStore *store;
  g_autofree char *safety = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  store = _cb_project_get_store (self);
  g_return_val_if_fail (!cb_store_in_transaction (store), FALSE);

  if (same_file (backup_path, cb_project_get_path (self)))
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is the project itself, not a backup of it"), display);
      return FALSE;
    }

  /* Check the backup before anything is written, then keep the current
   * state; rotate only afterwards, so that the backup being restored is
   * not removed to make room. */
  if (!_cb_store_check_backup (backup_path, error) ||
      !(safety = make_backup (cb_project_get_path (self), _cb_project_get_store (self), NULL, error)))
    return FALSE;

  if (!_cb_store_restore_from (store, backup_path, error))
    {
      /* The project is as it was: the extra copy would only push out an
       * older backup. */
      g_remove (safety);
      return FALSE;
    }

  rotate (cb_project_get_path (self));
  _cb_project_emit_changed (self, CB_CHANGE_ALL);

  if (previous != NULL)
    *previous = g_steal_pointer (&safety);
  return TRUE;
}

/* Renames @path and its -wal and -shm (so that the pair stays readable
 * together) to @path.@tag-STAMP; returns the new name of @path. */
static char *
move_aside (const char  *path,
            const char  *tag,
            GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };
  g_autofree char *stamp = format_stamp (g_get_real_time ());
  g_autofree char *aside = g_strdup_printf ("%s.%s-%s", path, tag, stamp);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_rename (from, to) != 0 && (errno != ENOENT || i == 0))
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (from);

          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                       _("Cannot move “%s” aside: %s"), display, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&aside);
}

/* Puts a copy of the checked backup at @project_path, which does not
 * exist, and opens it once (WAL mode, migration). */
static gboolean
copy_into_place (const char  *project_path,
                 const char  *backup_path,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CbProject) project = NULL;
  gsize length;

  if (!g_file_get_contents (backup_path, &contents, &length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot read the backup “%s”: %s"), display, local_error->message);
      return FALSE;
    }
  if (!g_file_set_contents_full (project_path, contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0666, &local_error))
    {
      g_autofree char *display = g_filename_display_name (project_path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot write the project “%s”: %s"), display, local_error->message);
      return FALSE;
    }

  project = cb_project_open (project_path, error);
  return project != NULL;
}

gboolean
cb_backup_restore (const char  *project_path,
                   const char  *backup_path,
                   char       **previous,
                   GError     **error)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) open_error = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (project_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (previous != NULL)
    *previous = NULL;

  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      if ((project = cb_project_open (project_path, &open_error)) != NULL)
        return cb_project_restore_backup (project, backup_path, previous, error);

      /* Busy, unreadable or read-only: restoring cannot help and must not
       * touch the file. */
      if (!g_error_matches (open_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT) &&
          !g_error_matches (open_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FOREIGN_OBJECTS) &&
          !g_error_matches (open_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_A_PROJECT) &&
          !g_error_matches (open_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_TOO_NEW))
        {
          g_propagate_error (error, g_steal_pointer (&open_error));
          return FALSE;
        }
    }

  if (same_file (backup_path, project_path))
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is the project itself, not a backup of it"), display);
      return FALSE;
    }

  if (!_cb_store_check_backup (backup_path, error))
    return FALSE;

  /* The damaged file is kept, never deleted: it may hold work the backup
   * does not.  A stale -wal without its file is moved too, since SQLite
   * would replay it into the restored copy. */
  {
    g_autofree char *wal = g_strconcat (project_path, "-wal", NULL);

    if (g_file_test (project_path, G_FILE_TEST_EXISTS))
      {
        if (!(aside = move_aside (project_path, "replaced", error)))
          return FALSE;
      }
    else if (g_file_test (wal, G_FILE_TEST_EXISTS))
      {
        g_autofree char *orphan = g_strdup_printf ("%s.orphan", wal);

        if (g_rename (wal, orphan) != 0)
          {
            int saved_errno = errno;
            g_autofree char *display = g_filename_display_name (wal);

            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                         _("Cannot move “%s” aside: %s"), display, g_strerror (saved_errno));
            return FALSE;
          }
      }
  }

  if (!copy_into_place (project_path, backup_path, error))
    return FALSE;

  if (previous != NULL)
    *previous = g_steal_pointer (&aside);
  return TRUE;
}
