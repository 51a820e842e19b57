/* cb-document-list.h: the project's documents, in the sidebar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-document-sets.h"
#include "cb-types.h"

G_BEGIN_DECLS

#define CB_TYPE_DOCUMENT_LIST (cb_document_list_get_type ())

G_DECLARE_FINAL_TYPE (CbDocumentList, cb_document_list, CB, DOCUMENT_LIST, GtkWidget)

/* Shows @documents (element-type CbDocumentInfo), in their order: rows
 * are kept when only the counts changed.  Keeps the selection when the
 * selected document is still there. */
void         cb_document_list_set_documents   (CbDocumentList *self,
                                               GPtrArray      *documents);
/* The documents shown (element-type CbDocumentItem). */
GListModel  *cb_document_list_get_model       (CbDocumentList *self);
/* TRUE when the list shows (there are documents), FALSE for the hint. */
gboolean     cb_document_list_shows_list      (CbDocumentList *self);
/* The name of the document @id, or NULL when it is not listed. */
const char  *cb_document_list_lookup_name     (CbDocumentList *self,
                                               gint64          id);
/* Selects the row of @id (0 or not listed: none), without emitting
 * ::document-activated. */
void         cb_document_list_select          (CbDocumentList *self,
                                               gint64          id);
gint64       cb_document_list_get_selected    (CbDocumentList *self);
/* Selects the @index-th row as a click does (emits ::document-activated). */
void         cb_document_list_activate        (CbDocumentList *self,
                                               guint           index);
/* The row showing document @name, or NULL: rows are made only for the
 * documents in view (or near it), and reused as the list scrolls. */
GtkWidget   *cb_document_list_find_row        (CbDocumentList *self,
                                               const char     *name);
/* The document sets above the list. */
CbDocumentSets *cb_document_list_get_sets     (CbDocumentList *self);

G_END_DECLS
