/* cb-store-mag.h: the SQL of MAG sessions: phases, speaker roles, the phase
 * list setting and what the grid reads (private, see cb-store-private.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-mag.h"
#include "cb-store-private.h"

G_BEGIN_DECLS

/* The value of project setting @key, or NULL (@found FALSE) when unset. */
gboolean    _cb_store_mag_get_setting    (CbStore      *self,
                                          const char   *key,
                                          char        **value,
                                          GError      **error);
/* Sets @key to @value; NULL removes it. */
gboolean    _cb_store_mag_set_setting    (CbStore      *self,
                                          const char   *key,
                                          const char   *value,
                                          GError      **error);

/* (element-type CbPhaseInfo) of @document in text order; every
 * document's, by document id then start, when @document is 0. */
GPtrArray  *_cb_store_mag_list_phases    (CbStore      *self,
                                          gint64        document,
                                          GError      **error);
gboolean    _cb_store_mag_insert_phase   (CbStore      *self,
                                          gint64        document,
                                          const char   *name,
                                          gint64        start,
                                          gint64        end,
                                          GError      **error);
gboolean    _cb_store_mag_move_phase     (CbStore      *self,
                                          gint64        id,
                                          gint64        start,
                                          gint64        end,
                                          GError      **error);
gboolean    _cb_store_mag_delete_phase   (CbStore      *self,
                                          gint64        id,
                                          GError      **error);

/* Sets (or with @role NULL removes) the role of @speaker in @document. */
gboolean    _cb_store_mag_set_role       (CbStore      *self,
                                          gint64        document,
                                          const char   *speaker,
                                          const char   *role,
                                          GError      **error);
/* speaker name (owned) → CbSpeakerRole */
GHashTable *_cb_store_mag_roles          (CbStore      *self,
                                          gint64        document,
                                          GError      **error);
/* Follows a speaker's rename (cb_project_rename_speaker): the role goes
 * with the name; into an existing name, the existing role stays. */
gboolean    _cb_store_mag_rename_role_speaker (CbStore    *self,
                                               gint64      document,
                                               const char *name,
                                               const char *new_name,
                                               GError    **error);

/* The grid's points: memos of type convergence/divergence by position,
 * (element-type CbMagPoint) with @ids (gint64) beside. */
GPtrArray  *_cb_store_mag_points         (CbStore      *self,
                                          GArray       *ids,
                                          GError      **error);
/* A memo's evidence spans in @document as gint64 pairs (start, end), in
 * text order. */
GArray     *_cb_store_mag_links          (CbStore      *self,
                                          gint64        memo,
                                          gint64        document,
                                          GError      **error);
/* The name of the first case (by name) that covers @speaker of @document
 * by name, or NULL. */
char       *_cb_store_mag_speaker_case   (CbStore      *self,
                                          gint64        document,
                                          const char   *speaker,
                                          GError      **error);

G_END_DECLS
