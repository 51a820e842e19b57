/* cb-document-row.h: one row of the document list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-document-item.h"

G_BEGIN_DECLS

#define CB_TYPE_DOCUMENT_ROW (cb_document_row_get_type ())

G_DECLARE_FINAL_TYPE (CbDocumentRow, cb_document_row, CB, DOCUMENT_ROW, GtkListBoxRow)

GtkWidget      *cb_document_row_new      (CbDocumentItem *item);
CbDocumentItem *cb_document_row_get_item (CbDocumentRow  *self);

G_END_DECLS
