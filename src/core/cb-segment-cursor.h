/* cb-segment-cursor.h: a code's segments, read a page at a time
 *
 * Made by cb_project_retrieve_cursor().  The order is the one
 * cb_project_retrieve() returns and `retrieve` prints: by document name,
 * then start, end, the code's place in the tree (depth first) and the
 * coder's name.  Memory holds the code tree, the document names and the
 * codings of the document being read, never the whole code's segments.
 *
 * Without CB_RETRIEVE_SNAPSHOT each call reads in a snapshot of its own,
 * so the project may change between pages (the caller starts over when it
 * does, as the app does on ::changed); with it, the cursor holds one read
 * snapshot from creation until it is freed, and the project must not be
 * changed meanwhile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cb-types.h"

G_BEGIN_DECLS

typedef enum
{
  CB_RETRIEVE_DESCENDANTS = 1 << 0,  /* the code's subcodes too */
  CB_RETRIEVE_SNAPSHOT    = 1 << 1,  /* one read snapshot for the cursor's life */
} CbRetrieveFlags;

#define CB_TYPE_SEGMENT_CURSOR (cb_segment_cursor_get_type ())

G_DECLARE_FINAL_TYPE (CbSegmentCursor, cb_segment_cursor, CB, SEGMENT_CURSOR, GObject)

/* The next (at most) @max segments (element-type CbSegment, with text and
 * code_path) from the cursor's position, which moves past them; an empty
 * array at the end, NULL with @error set on failure. */
GPtrArray *cb_segment_cursor_next_page       (CbSegmentCursor  *self,
                                              guint             max,
                                              GError          **error);
/* The next (at most) @max segments without copying them: they and their
 * strings belong to the cursor until the next call on it (see the
 * function's documentation); FALSE with @error set on failure. */
gboolean   cb_segment_cursor_next_view       (CbSegmentCursor   *self,
                                              guint              max,
                                              const CbSegment  **segments,
                                              guint             *n_segments,
                                              GError           **error);
/* Moves to segment @position (from 0; the count means the end). */
gboolean   cb_segment_cursor_seek            (CbSegmentCursor  *self,
                                              guint64           position,
                                              GError          **error);
guint64    cb_segment_cursor_get_position    (CbSegmentCursor  *self);
/* How many segments and in how many documents, from a count query (the
 * first call counts; later calls answer from memory). */
gboolean   cb_segment_cursor_count           (CbSegmentCursor  *self,
                                              guint64          *n_segments,
                                              guint            *n_documents,
                                              GError          **error);

G_END_DECLS
