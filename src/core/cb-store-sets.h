/* cb-store-sets.h: the SQL of document sets (private)
 *
 * Tables document_set and document_set_member of schema version 4.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* One set as stored, with its members' document ids in name order. */
typedef struct
{
  gint64  id;
  char   *uuid;
  char   *name;
  char   *memo;
  GArray *documents;       /* (element-type gint64) */
} CbStoreSet;

void        _cb_store_set_free           (CbStoreSet       *set);

/* 0 when there is none (no error), -1 on failure */
gint64      _cb_store_find_set           (CbStore          *self,
                                          const char       *name,
                                          GError          **error);
/* A new set after the last one; its id, 0 on failure. */
gint64      _cb_store_insert_set         (CbStore          *self,
                                          const char       *uuid,
                                          const char       *name,
                                          const char       *memo,
                                          GError          **error);
gboolean    _cb_store_rename_set         (CbStore          *self,
                                          gint64            id,
                                          const char       *name,
                                          GError          **error);
gboolean    _cb_store_delete_set         (CbStore          *self,
                                          gint64            id,
                                          GError          **error);
/* Adds (a member already there stays) or removes one document; *@changed
 * (optional) becomes TRUE when a row was added or removed. */
gboolean    _cb_store_set_member         (CbStore          *self,
                                          gint64            set,
                                          gint64            document,
                                          gboolean          member,
                                          gboolean         *changed,
                                          GError          **error);
/* Every set in order (element-type CbStoreSet). */
GPtrArray  *_cb_store_list_sets          (CbStore          *self,
                                          GError          **error);
/* Whether @uuid is a set's uuid already. */
gboolean    _cb_store_set_uuid_exists    (CbStore          *self,
                                          const char       *uuid,
                                          gboolean         *exists,
                                          GError          **error);

G_END_DECLS
