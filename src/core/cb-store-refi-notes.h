/* cb-store-refi-notes.h: free-standing memos as REFI-QDA Notes (private)
 *
 * The SQL the .qdpx reader and writer need on the schema-4 tables memo and
 * memo_link, kept apart from the memos' own module: an exchange file
 * carries every column of a memo and its evidence spans as they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *title;
  char   *type;
  char   *level;       /* (nullable) */
  char   *author_uuid; /* (nullable) the coder's uuid */
  char   *created;
  char   *modified;
  char   *text;
} CbStoreMemo;

typedef struct
{
  char   *memo_uuid;
  gint64  document;
  gint64  start;
  gint64  end;
} CbStoreMemoLink;

void        _cb_store_memo_free          (CbStoreMemo      *memo);
void        _cb_store_memo_link_free     (CbStoreMemoLink  *link);

/* Every memo in order (element-type CbStoreMemo). */
GPtrArray  *_cb_store_refi_list_memos    (CbStore          *self,
                                          GError          **error);
/* Every evidence span, by document and start (element-type CbStoreMemoLink). */
GPtrArray  *_cb_store_refi_list_memo_links (CbStore        *self,
                                            GError        **error);
/* 1 when a memo has title @title or uuid @uuid (either may be NULL), 0 not, -1 on failure */
int         _cb_store_refi_memo_exists   (CbStore          *self,
                                          const char       *title,
                                          const char       *uuid,
                                          GError          **error);
/* A memo after the last; its id, 0 on failure.  @author 0: none. */
gint64      _cb_store_refi_insert_memo   (CbStore          *self,
                                          const CbStoreMemo *memo,
                                          gint64            author,
                                          GError          **error);
gboolean    _cb_store_refi_insert_memo_link (CbStore       *self,
                                             gint64         memo,
                                             gint64         document,
                                             gint64         start,
                                             gint64         end,
                                             GError       **error);

G_END_DECLS
