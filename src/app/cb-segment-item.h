/* cb-segment-item.h: one coded segment, as a GObject for the segments list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cb-types.h"

G_BEGIN_DECLS

#define CB_TYPE_SEGMENT_ITEM (cb_segment_item_get_type ())

G_DECLARE_FINAL_TYPE (CbSegmentItem, cb_segment_item, CB, SEGMENT_ITEM, GObject)

/* Takes ownership of @segment; @speaker and @timestamp may be NULL. */
CbSegmentItem   *cb_segment_item_new           (CbSegment     *segment,
                                                const char    *speaker,
                                                const char    *timestamp);
const CbSegment *cb_segment_item_get_segment   (CbSegmentItem *self);
const char      *cb_segment_item_get_speaker   (CbSegmentItem *self);
const char      *cb_segment_item_get_timestamp (CbSegmentItem *self);

G_END_DECLS
