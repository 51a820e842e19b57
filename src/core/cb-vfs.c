/* cb-vfs.c: SQLite file locks that nothing else in the process can drop
 *
 * SQLite's "unix" VFS locks a database (and its -shm) with POSIX advisory
 * locks, which belong to the process and the inode: closing ANY descriptor
 * of the file in the process drops them all.  GIO does exactly that when a
 * file dialog sniffs the content type of a project in the folder it lists;
 * another process (codeboom-cli) then believes it is the last connection,
 * checkpoints and deletes the -wal the app is still writing to, and the
 * app's next commits are lost.
 *
 * The fix routes every lock SQLite takes through the unix VFS's documented
 * system-call override (xSetSystemCall ("fcntl")) to an open file
 * description (OFD) lock taken on a descriptor of our own, one per inode,
 * that no other code in the process knows about and so cannot close.  One
 * descriptor per inode keeps POSIX's per-process semantics, which SQLite's
 * in-process bookkeeping (unixInodeInfo) is written for: every connection of
 * the process to the file shares the same locks, exactly as before.  On
 * Linux OFD locks and POSIX locks conflict with each other, so other SQLite
 * tools (POSIX locks) and other Codeboom processes (OFD locks) still see
 * ours.  The descriptor is closed again as soon as it holds no lock, and
 * when SQLite itself closes a descriptor of the file (see cb_close()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "cb-vfs.h"

/* Lock ranges longer than this (or "to the end of the file") are not
 * tracked byte by byte: their descriptor then stays open for good.  SQLite
 * locks at most 510 bytes at a time. */
#define MAX_TRACKED_RANGE 4096

typedef struct
{
  dev_t       dev;
  ino_t       ino;
  int         fd;        /* our own descriptor of the file: holds the locks */
  GHashTable *held;      /* offsets of the bytes we hold a lock on */
  gboolean    untracked; /* a lock whose bytes are not in @held */
} LockFile;

static GMutex lock_mutex;
static GPtrArray *lock_files;          /* LockFile *, under lock_mutex */
static int (*real_fcntl) (int, int, ...);
static int (*real_close) (int);
static gboolean ofd_unsupported;

static LockFile *
find_lock_file (int      fd,
                gboolean create)
{
  struct stat st;
  g_autofree char *proc = NULL;
  LockFile *lf;
  int own;

  if (fstat (fd, &st) != 0)
    return NULL;

  for (guint i = 0; i < lock_files->len; i++)
    {
      lf = lock_files->pdata[i];
      if (lf->dev == st.st_dev && lf->ino == st.st_ino)
        return lf;
    }

  if (!create)
    return NULL;

  /* A new open file description of the same file, even if it was renamed
   * or unlinked since SQLite opened it. */
  proc = g_strdup_printf ("/proc/self/fd/%d", fd);
  own = open (proc, O_RDWR | O_CLOEXEC | O_NOCTTY);
  if (own < 0)
    own = open (proc, O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (own < 0)
    return NULL;

  lf = g_new0 (LockFile, 1);
  lf->dev = st.st_dev;
  lf->ino = st.st_ino;
  lf->fd = own;
  lf->held = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_ptr_array_add (lock_files, lf);
  return lf;
}

static void
release_if_unused (LockFile *lf)
{
  if (lf->untracked || g_hash_table_size (lf->held) > 0)
    return;

  /* It holds no lock: closing it drops nothing. */
  close (lf->fd);
  g_hash_table_unref (lf->held);
  g_ptr_array_remove_fast (lock_files, lf);
  g_free (lf);
}

static void
account (LockFile           *lf,
         const struct flock *fl)
{
  if (fl->l_type == F_UNLCK)
    {
      GHashTableIter iter;
      gpointer key;

      if (fl->l_len == 0)
        {
          /* to the end of the file: SQLite's "unlock everything" */
          g_hash_table_iter_init (&iter, lf->held);
          while (g_hash_table_iter_next (&iter, &key, NULL))
            if ((off_t) GPOINTER_TO_SIZE (key) >= fl->l_start)
              g_hash_table_iter_remove (&iter);
          if (fl->l_start == 0)
            lf->untracked = FALSE;
        }
      else if (fl->l_len > 0 && fl->l_len <= MAX_TRACKED_RANGE)
        for (off_t o = fl->l_start; o < fl->l_start + fl->l_len; o++)
          g_hash_table_remove (lf->held, GSIZE_TO_POINTER ((gsize) o));
      return;
    }

  if (fl->l_len <= 0 || fl->l_len > MAX_TRACKED_RANGE || fl->l_start < 0)
    {
      lf->untracked = TRUE;
      return;
    }
  for (off_t o = fl->l_start; o < fl->l_start + fl->l_len; o++)
    g_hash_table_add (lf->held, GSIZE_TO_POINTER ((gsize) o));
}

static int
cb_fcntl (int fd,
          int cmd,
          ...)
{
  va_list args;
  void *arg;
  struct flock fl;
  LockFile *lf;
  int ofd_cmd;
  int rc;
  int saved_errno;

  va_start (args, cmd);
  arg = va_arg (args, void *);
  va_end (args);

  switch (cmd)
    {
    case F_SETLK:  ofd_cmd = F_OFD_SETLK; break;
    case F_SETLKW: ofd_cmd = F_OFD_SETLKW; break;
    case F_GETLK:  ofd_cmd = F_OFD_GETLK; break;
    default:
      return real_fcntl (fd, cmd, arg);
    }

  if (g_atomic_int_get (&ofd_unsupported) || arg == NULL)
    return real_fcntl (fd, cmd, arg);

  /* OFD locks want l_pid 0; SQLite leaves it uninitialised. */
  fl = *(struct flock *) arg;
  fl.l_pid = 0;

  g_mutex_lock (&lock_mutex);
  lf = find_lock_file (fd, fl.l_type != F_UNLCK || cmd == F_GETLK);
  if (lf == NULL)
    {
      g_mutex_unlock (&lock_mutex);
      /* no descriptor of our own (none needed, or /proc is missing):
       * SQLite's own POSIX lock, as without this file */
      return real_fcntl (fd, cmd, arg);
    }

  /* Blocking would hold the mutex; SQLite only blocks when built with
   * SQLITE_ENABLE_SETLK_TIMEOUT, which Debian's is not. */
  if (ofd_cmd == F_OFD_SETLKW)
    ofd_cmd = F_OFD_SETLK;

  rc = real_fcntl (lf->fd, ofd_cmd, &fl);
  saved_errno = errno;
  if (rc == -1 && saved_errno == EINVAL)
    {
      /* a kernel without OFD locks: keep SQLite's own */
      g_atomic_int_set (&ofd_unsupported, TRUE);
      release_if_unused (lf);
      g_mutex_unlock (&lock_mutex);
      return real_fcntl (fd, cmd, arg);
    }

  if (rc == 0 && cmd == F_GETLK)
    {
      struct flock *out = arg;

      out->l_type = fl.l_type;
      out->l_whence = fl.l_whence;
      out->l_start = fl.l_start;
      out->l_len = fl.l_len;
      out->l_pid = fl.l_pid;
    }
  else if (rc == 0)
    account (lf, &fl);

  release_if_unused (lf);
  g_mutex_unlock (&lock_mutex);

  errno = saved_errno;
  return rc;
}

/* SQLite closes a descriptor only when it may drop the process's locks on
 * that file (that is POSIX's rule, and its unix VFS is written for it: it
 * keeps a database's descriptor open while another connection holds a
 * lock, and closes a -shm's only when its last connection goes, to drop
 * the "someone uses it" lock).  So a close by SQLite drops our locks on the
 * file too; a close by anyone else does not see this wrapper at all. */
static int
cb_close (int fd)
{
  struct stat st;

  if (fstat (fd, &st) == 0)
    {
      g_mutex_lock (&lock_mutex);
      for (guint i = 0; i < lock_files->len; i++)
        {
          LockFile *lf = lock_files->pdata[i];

          if (lf->dev == st.st_dev && lf->ino == st.st_ino)
            {
              g_hash_table_remove_all (lf->held);
              lf->untracked = FALSE;
              release_if_unused (lf);
              break;
            }
        }
      g_mutex_unlock (&lock_mutex);
    }

  return real_close (fd);
}

static gsize installed;
static gboolean install_result;

gboolean
cb_vfs_install (void)
{
  if (g_once_init_enter (&installed))
    {
      sqlite3_vfs *unix_vfs = sqlite3_vfs_find ("unix");

      lock_files = g_ptr_array_new ();
      if (unix_vfs != NULL && unix_vfs->iVersion >= 3 && unix_vfs->xGetSystemCall != NULL)
        {
          real_fcntl = (int (*) (int, int, ...)) unix_vfs->xGetSystemCall (unix_vfs, "fcntl");
          real_close = (int (*) (int)) unix_vfs->xGetSystemCall (unix_vfs, "close");
          if (real_fcntl != NULL && real_close != NULL &&
              unix_vfs->xSetSystemCall (unix_vfs, "close", (sqlite3_syscall_ptr) cb_close) == SQLITE_OK &&
              unix_vfs->xSetSystemCall (unix_vfs, "fcntl", (sqlite3_syscall_ptr) cb_fcntl) == SQLITE_OK)
            install_result = TRUE;
        }
      if (!install_result)
        g_warning ("SQLite's unix VFS has no fcntl override: project locks stay per process");
      g_once_init_leave (&installed, 1);
    }

  return install_result;
}

guint
cb_vfs_get_n_lock_fds (void)
{
  guint n;

  g_mutex_lock (&lock_mutex);
  n = lock_files != NULL ? lock_files->len : 0;
  g_mutex_unlock (&lock_mutex);
  return n;
}
