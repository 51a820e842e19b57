/* cb-vfs.h: SQLite file locks that nothing else in the process can drop
 *
 * See src/DESIGN.md, "Locking".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes every SQLite "unix" VFS lock of this process an open file
 * description lock on a descriptor of its own.  Idempotent and thread-safe;
 * must run before the process opens its first SQLite file (cb_store_open()
 * and the backup code call it).  FALSE when the kernel has no OFD locks
 * (SQLite then keeps its POSIX locks). */
gboolean      cb_vfs_install            (void);

/* How many private lock descriptors are open: for tests. */
guint         cb_vfs_get_n_lock_fds     (void);

G_END_DECLS
