/* cb-store-memos.h: the SQL of memos, their evidence and the owners' memo columns (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-memos.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* One evidence row as stored (spans not yet checked against the text). */
typedef struct
{
  gint64  id;
  gint64  memo;
  gint64  document;
  gint64  start;
  gint64  end;
} CbStoreEvidenceRow;

/* 0 when there is none (no error), -1 on failure */
gint64      _cb_store_find_memo          (CbStore          *self,
                                          const char       *title,
                                          GError          **error);
/* Memo @id, or NULL with @error set. */
CbMemoInfo *_cb_store_get_memo           (CbStore          *self,
                                          gint64            id,
                                          GError          **error);
/* (element-type CbMemoInfo) every memo by position */
GPtrArray  *_cb_store_list_memos         (CbStore          *self,
                                          GError          **error);
gint64      _cb_store_insert_memo        (CbStore          *self,
                                          const char       *uuid,
                                          const char       *title,
                                          const char       *type,
                                          const char       *level,
                                          gint64            author,
                                          const char       *text,
                                          GError          **error);
/* Sets @field ("title", "type", "level" (NULL clears) or "text") of memo
 * @id and its modification time. */
gboolean    _cb_store_set_memo_field     (CbStore          *self,
                                          gint64            id,
                                          const char       *field,
                                          const char       *value,
                                          GError          **error);
gboolean    _cb_store_delete_memo        (CbStore          *self,
                                          gint64            id,
                                          GError          **error);
/* Renumbers the memos 0, 1, … with memo @id at @position. */
gboolean    _cb_store_move_memo          (CbStore          *self,
                                          gint64            id,
                                          gint64            position,
                                          GError          **error);

/* 0 when there is none, -1 on failure */
gint64      _cb_store_find_memo_link     (CbStore          *self,
                                          gint64            memo,
                                          gint64            document,
                                          gint64            start,
                                          gint64            end,
                                          GError          **error);
gint64      _cb_store_insert_memo_link   (CbStore          *self,
                                          gint64            memo,
                                          gint64            document,
                                          gint64            start,
                                          gint64            end,
                                          GError          **error);
gboolean    _cb_store_delete_memo_link   (CbStore          *self,
                                          gint64            id,
                                          GError          **error);
/* (element-type CbStoreEvidenceRow) of memo @memo (every memo when 0), by
 * document name, start and end */
GArray     *_cb_store_list_memo_links    (CbStore          *self,
                                          gint64            memo,
                                          GError          **error);
/* (element-type CbMemoSpan) every evidence span in @document, by start;
 * spans outside the document's text are left out (the file is untrusted). */
GArray     *_cb_store_memo_spans         (CbStore          *self,
                                          gint64            document,
                                          GError          **error);
/* The ids (element-type gint64) of the memos with evidence overlapping
 * [@start, @end) of @document, by position. */
GArray     *_cb_store_memos_at           (CbStore          *self,
                                          gint64            document,
                                          gint64            start,
                                          gint64            end,
                                          GError          **error);

/* A case's memo column. */
char       *_cb_store_dup_case_memo      (CbStore          *self,
                                          gint64            case_id,
                                          GError          **error);
gboolean    _cb_store_set_case_memo      (CbStore          *self,
                                          gint64            case_id,
                                          const char       *memo,
                                          GError          **error);

/* The codings of @code on exactly [@start, @end) of @document: ids in
 * @ids, their coders' names in @coders and memos in @memos (gchar*
 * arrays, owned). */
gboolean    _cb_store_codings_on_span    (CbStore          *self,
                                          gint64            document,
                                          gint64            code,
                                          gint64            start,
                                          gint64            end,
                                          GArray          **ids,
                                          GPtrArray       **coders,
                                          GPtrArray       **memos,
                                          GError          **error);

G_END_DECLS
