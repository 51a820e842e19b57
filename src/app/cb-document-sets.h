/* cb-document-sets.h: the document sets above the documents list (issue 21)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cb-core.h"

G_BEGIN_DECLS

#define CB_TYPE_DOCUMENT_SETS (cb_document_sets_get_type ())

G_DECLARE_FINAL_TYPE (CbDocumentSets, cb_document_sets, CB, DOCUMENT_SETS, GtkWidget)

GtkWidget  *cb_document_sets_new              (void);
/* The project whose sets are shown (NULL: none); reads them. */
void        cb_document_sets_set_project      (CbDocumentSets *self,
                                               CbProject      *project);
/* Reads the sets again (after ::changed); keeps the chosen set when it is
 * still there. */
void        cb_document_sets_refresh          (CbDocumentSets *self);
/* The set the list is narrowed to, NULL for all documents. */
const char *cb_document_sets_get_selected     (CbDocumentSets *self);
void        cb_document_sets_select           (CbDocumentSets *self,
                                               const char     *name);
/* Whether the document named @name shows under the chosen set. */
gboolean    cb_document_sets_shows            (CbDocumentSets *self,
                                               const char     *name);
/* What dropping document @document_id on set @name does: puts it in the
 * set (one undo step). */
gboolean    cb_document_sets_drop             (CbDocumentSets *self,
                                               const char     *name,
                                               gint64          document_id,
                                               GError        **error);

G_END_DECLS
