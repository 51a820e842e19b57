/* cb-document-row.h: one row of the document list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cb-document-item.h"

G_BEGIN_DECLS

#define CB_TYPE_DOCUMENT_ROW (cb_document_row_get_type ())

G_DECLARE_FINAL_TYPE (CbDocumentRow, cb_document_row, CB, DOCUMENT_ROW, GtkWidget)

/* An empty row; the list's factory makes a few and binds them to items
 * as they scroll into view. */
GtkWidget      *cb_document_row_new      (void);
/* Shows @item (NULL: none, when the row is unbound). */
void            cb_document_row_set_item (CbDocumentRow  *self,
                                          CbDocumentItem *item);
CbDocumentItem *cb_document_row_get_item (CbDocumentRow  *self);
/* The tooltip @widget (a label of the row) shows: its whole text, which
 * the label may ellipsise.  NULL for other widgets. */
char           *cb_document_row_dup_tooltip_text (CbDocumentRow *self,
                                                  GtkWidget     *widget);

G_END_DECLS
