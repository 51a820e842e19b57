/* cb-segment-cursor-private.h: how cb-project-retrieve.c makes a cursor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-cases.h"
#include "cb-project.h"
#include "cb-segment-cursor.h"

G_BEGIN_DECLS

/* A cursor over the codings of @code_ids (in scope) of @project that pass
 * @filter (NULL: all; its passing coverage is read now and kept); @codes is
 * the whole tree, depth first (element-type CbCodeInfo; taken).  Call it
 * inside a read snapshot; with CB_RETRIEVE_SNAPSHOT the cursor takes one
 * more level of it and keeps it until it is finalized. */
CbSegmentCursor *_cb_segment_cursor_new (CbProject           *project,
                                         GPtrArray           *codes,
                                         GArray              *code_ids,
                                         const CbCaseFilter  *filter,
                                         CbRetrieveFlags      flags,
                                         GError             **error);

G_END_DECLS
