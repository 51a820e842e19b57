/* cb-document-item.h: one document, as a GObject for the document list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cb-types.h"

G_BEGIN_DECLS

#define CB_TYPE_DOCUMENT_ITEM (cb_document_item_get_type ())

G_DECLARE_FINAL_TYPE (CbDocumentItem, cb_document_item, CB, DOCUMENT_ITEM, GObject)

CbDocumentItem *cb_document_item_new         (const CbDocumentInfo *info);
gint64          cb_document_item_get_id      (CbDocumentItem       *self);
const char     *cb_document_item_get_name    (CbDocumentItem       *self);
/* "interview-ma07.docx · DOCX": the file it was imported from */
const char     *cb_document_item_get_source  (CbDocumentItem       *self);
/* "12,345 characters · 40 codings" */
const char     *cb_document_item_get_details (CbDocumentItem       *self);
/* Takes the counts of @info (same document); notifies "details". */
void            cb_document_item_update      (CbDocumentItem       *self,
                                              const CbDocumentInfo *info);

G_END_DECLS
