/* cb-segment-model.h: a code's segments as a list model that fetches pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_SEGMENT_MODEL (cb_segment_model_get_type ())

G_DECLARE_FINAL_TYPE (CbSegmentModel, cb_segment_model, CB, SEGMENT_MODEL, GObject)

/* Segments fetched at once, and how many such pages are kept. */
#define CB_SEGMENT_MODEL_PAGE_SIZE 100
#define CB_SEGMENT_MODEL_MAX_PAGES 8

CbSegmentModel *cb_segment_model_new             (void);
/* Shows the segments of @cursor (made on @project; NULL for none): counts
 * them now and reads each page when an item of it is first asked for.
 * Emits ::items-changed for the whole list. */
gboolean        cb_segment_model_set_cursor      (CbSegmentModel   *self,
                                                  CbProject        *project,
                                                  CbSegmentCursor  *cursor,
                                                  GError          **error);
guint           cb_segment_model_get_n_documents (CbSegmentModel   *self);
/* While busy (a job owns the project) nothing is read: items not fetched
 * yet are placeholders.  Returns whether placeholders were handed out
 * since the last cb_segment_model_set_cursor(), when leaving busy. */
gboolean        cb_segment_model_set_busy        (CbSegmentModel   *self,
                                                  gboolean          busy);
/* Pages held now (at most CB_SEGMENT_MODEL_MAX_PAGES). */
guint           cb_segment_model_get_n_pages     (CbSegmentModel   *self);

G_END_DECLS
