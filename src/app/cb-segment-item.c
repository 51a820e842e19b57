/* cb-segment-item.c: one coded segment, as a GObject for the segments list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-segment-item.h"

struct _CbSegmentItem
{
  GObject    parent_instance;

  CbSegment *segment;
  char      *speaker;
  char      *timestamp;
};

G_DEFINE_FINAL_TYPE (CbSegmentItem, cb_segment_item, G_TYPE_OBJECT)

static void
cb_segment_item_finalize (GObject *object)
{
  CbSegmentItem *self = (CbSegmentItem *)object;

  g_clear_pointer (&self->segment, cb_segment_free);
  g_clear_pointer (&self->speaker, g_free);
  g_clear_pointer (&self->timestamp, g_free);

  G_OBJECT_CLASS (cb_segment_item_parent_class)->finalize (object);
}

static void
cb_segment_item_class_init (CbSegmentItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cb_segment_item_finalize;
}

static void
cb_segment_item_init (CbSegmentItem *self)
{
}

CbSegmentItem *
cb_segment_item_new (CbSegment  *segment,
                     const char *speaker,
                     const char *timestamp)
{
  CbSegmentItem *self;

  g_return_val_if_fail (segment != NULL, NULL);

  self = g_object_new (CB_TYPE_SEGMENT_ITEM, NULL);
  self->segment = segment;
  self->speaker = g_strdup (speaker);
  self->timestamp = g_strdup (timestamp);
  return self;
}

const CbSegment *
cb_segment_item_get_segment (CbSegmentItem *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_ITEM (self), NULL);
  return self->segment;
}

const char *
cb_segment_item_get_speaker (CbSegmentItem *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_ITEM (self), NULL);
  return self->speaker;
}

const char *
cb_segment_item_get_timestamp (CbSegmentItem *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_ITEM (self), NULL);
  return self->timestamp;
}
