/* cb-store-snapshot.c: read transactions, so that several queries see one
 * state of the project even while another program writes to it; and
 * interrupting long statements when the user cancels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "cb-store-private.h"

gboolean
cb_store_begin_read (CbStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (sqlite3_get_autocommit (cb_store_get_db (self)), FALSE);

  /* Deferred: the snapshot is taken by the first read and holds no lock
   * that keeps a writer out (WAL). */
  return cb_store_exec (self, "BEGIN DEFERRED", error);
}

void
cb_store_end_read (CbStore *self)
{
  /* A read transaction has nothing to lose: when COMMIT fails (it cannot
   * for a reader, short of a broken connection) roll back, so that the
   * connection is never left inside a transaction. */
  if (!sqlite3_get_autocommit (cb_store_get_db (self)) &&
      !cb_store_exec (self, "COMMIT", NULL))
    cb_store_exec (self, "ROLLBACK", NULL);
}

static int
interrupt_when_cancelled (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

void
cb_store_set_cancellable (CbStore      *self,
                          GCancellable *cancellable)
{
  /* Every few thousand virtual machine instructions: often enough to stop
   * within milliseconds, rarely enough to cost nothing measurable. */
  if (cancellable != NULL)
    sqlite3_progress_handler (cb_store_get_db (self), 4000, interrupt_when_cancelled, cancellable);
  else
    sqlite3_progress_handler (cb_store_get_db (self), 0, NULL, NULL);
}
