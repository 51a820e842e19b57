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
/* Shows the segments of @cursor (made on @project; NULL for none): reads
 * the first page now, and each other page when an item of it is first
 * asked for.  Until cb_segment_model_count(), a full first page is all the
 * model holds.  Emits ::items-changed for the whole list. */
gboolean        cb_segment_model_set_cursor      (CbSegmentModel   *self,
                                                  CbProject        *project,
                                                  CbSegmentCursor  *cursor,
                                                  GError          **error);
/* Counts the segments (a count query over the code's index range) and
 * grows the list to them (::items-changed at its end); nothing when
 * counted already, or while busy (ask again after). */
gboolean        cb_segment_model_count           (CbSegmentModel   *self,
                                                  GError          **error);
/* TRUE once the length is the count (a short first page is counted). */
gboolean        cb_segment_model_get_counted     (CbSegmentModel   *self);
/* The documents of the segments, once counted (else 0). */
guint           cb_segment_model_get_n_documents (CbSegmentModel   *self);
/* While busy (a job owns the project) nothing is read: items not fetched
 * yet are placeholders.  Returns whether placeholders were handed out
 * since the last cb_segment_model_set_cursor(), when leaving busy. */
gboolean        cb_segment_model_set_busy        (CbSegmentModel   *self,
                                                  gboolean          busy);
/* Pages held now (at most CB_SEGMENT_MODEL_MAX_PAGES). */
guint           cb_segment_model_get_n_pages     (CbSegmentModel   *self);

G_END_DECLS
