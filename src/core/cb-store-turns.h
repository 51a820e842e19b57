/* cb-store-turns.h: the SQL for speakers and turns (private, see cb-store-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project-turns.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* Id of speaker @name of @document, adding it when new; 0 on failure. */
gint64      _cb_store_ensure_speaker         (CbStore      *self,
                                              gint64        document,
                                              const char   *name,
                                              GError      **error);
/* 0 when there is none (no error), -1 on failure. */
gint64      _cb_store_find_speaker           (CbStore      *self,
                                              gint64        document,
                                              const char   *name,
                                              GError      **error);
gboolean    _cb_store_insert_turn            (CbStore      *self,
                                              gint64        document,
                                              gint64        speaker,
                                              gint64        start,
                                              gint64        end,
                                              gint64        text_start,
                                              const char   *timestamp,
                                              GError      **error);
/* Records in the step being recorded that undoing it removes every turn
 * and speaker of @document: one entry instead of one per inserted row. */
gboolean    _cb_store_journal_document_turns (CbStore      *self,
                                              gint64        document,
                                              GError      **error);
/* Removes every turn and speaker of @document. */
gboolean    _cb_store_delete_turns           (CbStore      *self,
                                              gint64        document,
                                              GError      **error);
/* (element-type CbSpeakerInfo), in order of first turn */
GPtrArray  *_cb_store_list_speakers          (CbStore      *self,
                                              gint64        document,
                                              GError      **error);
/* (element-type CbTurnInfo), in text order; every document when @document is 0 */
GPtrArray  *_cb_store_list_turns             (CbStore      *self,
                                              gint64        document,
                                              GError      **error);
gboolean    _cb_store_rename_speaker         (CbStore      *self,
                                              gint64        speaker,
                                              const char   *name,
                                              GError      **error);
/* Moves @from's turns to @into and deletes @from; @into becomes the
 * interviewer if either was. */
gboolean    _cb_store_merge_speakers         (CbStore      *self,
                                              gint64        from,
                                              gint64        into,
                                              GError      **error);
gboolean    _cb_store_set_speaker_interviewer (CbStore     *self,
                                               gint64       speaker,
                                               gboolean     is_interviewer,
                                               GError     **error);

G_END_DECLS
