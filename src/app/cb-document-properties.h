/* cb-document-properties.h: a document's properties, and renaming it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_DOCUMENT_PROPERTIES (cb_document_properties_get_type ())

G_DECLARE_FINAL_TYPE (CbDocumentProperties, cb_document_properties, CB, DOCUMENT_PROPERTIES, AdwWindow)

/* The properties of document @document_id of @project, in a new window
 * (transfer none: GTK owns it until it is destroyed); NULL with @error set
 * when they cannot be read. */
CbDocumentProperties *cb_document_properties_new       (CbProject             *project,
                                                        gint64                 document_id,
                                                        GError               **error);
gint64                cb_document_properties_get_id    (CbDocumentProperties  *self);
/* The text shown for @field: "name", "source", "format", "encoding",
 * "imported", "characters", "paragraphs", "codings" or "speakers". */
const char           *cb_document_properties_get_value (CbDocumentProperties  *self,
                                                        const char            *field);
/* Renames the document as the name row's Apply does (one undo step); on
 * failure the row shows the message and @error is set. */
gboolean              cb_document_properties_rename    (CbDocumentProperties  *self,
                                                        const char            *new_name,
                                                        GError               **error);

G_END_DECLS
