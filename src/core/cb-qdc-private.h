/* cb-qdc-private.h: REFI-QDA <Code> elements, shared by the codebook and the project export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-code-tree-flat.h"
#include "cb-xml-writer.h"

G_BEGIN_DECLS

/* Called after a code's Description, before its children: writes its NoteRefs. */
typedef void (*CbQdcCodeNotes) (CbXmlOut   *out,
                                CbCodeInfo *code,
                                gpointer    data);

/* Writes every code of @tree as a REFI-QDA <Code> (guid, name, isCodable,
 * color, Description, @notes, children nested in sibling order) into the
 * current element; returns the number of top-level codes. */
guint     _cb_qdc_write_codes  (CbXmlOut        *out,
                                CbCodeTree      *tree,
                                CbQdcCodeNotes   notes,
                                gpointer         notes_data);

/* "#RRGGBB" in upper case, or NULL for anything REFI-QDA would refuse. */
char     *_cb_qdc_color        (const char      *color);

G_END_DECLS
