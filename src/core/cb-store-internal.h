/* cb-store-internal.h: the store's own state, shared by cb-store.c (the
 * connection and its transactions) and cb-store-journal.c (the undo
 * journal).  No other file includes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* How many undo steps a project keeps; older ones are dropped. */
#define JOURNAL_MAX_STEPS 1000

struct _CbStore
{
  sqlite3    *db;
  char       *path;
  char       *display_name;
  GHashTable *statements;      /* const char *sql (by address) → sqlite3_stmt * */
  GHashTable *replay_statements; /* char *sql (by content) → sqlite3_stmt *, for undo */
  gint64      journal_step;    /* the step being recorded, 0 when none */
  int         changes_at_begin; /* sqlite3_total_changes() once the step is set up */
  GRand      *rand;            /* for UUIDs; seeded from the system's entropy */
  gint64      now_second;      /* cache of the timestamp string below */
  char       *now_iso8601;
  GHashTable *valid_texts;     /* document id → itself: its text was found to be
                                * UTF-8 while the data version was valid_version */
  guint64     valid_version;
  guint       in_transaction : 1;
  guint       journal_installed : 1;
};

/* The journal's part of a transaction (cb-store-journal.c). */
gboolean _cb_store_journal_ensure   (CbStore     *self,
                                     GError     **error);
gboolean _cb_store_journal_set_step (CbStore     *self,
                                     gint64       step,
                                     GError     **error);
gint64   _cb_store_journal_add_step (CbStore     *self,
                                     int          kind,
                                     const char  *label,
                                     GError     **error);

G_END_DECLS
