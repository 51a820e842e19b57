/* cb-sets.h: document sets, named groups of documents (issue 21)
 *
 * A document may be in several sets.  Sets are addressed by name; each
 * change is one transaction and one undo step, announced on ::changed
 * with CB_CHANGE_DOCUMENTS.  REFI-QDA <Sets> of sources import into them
 * and export from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

G_BEGIN_DECLS

typedef struct
{
  char      *name;
  char      *uuid;
  GPtrArray *documents;     /* (element-type utf8) member names, sorted */
} CbDocumentSetInfo;

void        cb_document_set_info_free (CbDocumentSetInfo *info);

/* The set name @name normalised, or NULL with @error set (empty, or
 * characters a name may not hold). */
char       *cb_document_set_name_from (const char  *name,
                                       GError     **error);

gboolean    cb_project_add_set        (CbProject          *self,
                                       const char         *name,
                                       GError            **error);
gboolean    cb_project_rename_set     (CbProject          *self,
                                       const char         *name,
                                       const char         *new_name,
                                       GError            **error);
/* The set goes; its documents stay. */
gboolean    cb_project_delete_set     (CbProject          *self,
                                       const char         *name,
                                       GError            **error);
/* Puts @documents (names, NULL-terminated) into set @name, or takes them
 * out; members already in (or out) are fine, an unknown document refuses
 * the whole change.  No undo step when nothing changed. */
gboolean    cb_project_assign_set     (CbProject          *self,
                                       const char         *name,
                                       const char * const *documents,
                                       GError            **error);
gboolean    cb_project_unassign_set   (CbProject          *self,
                                       const char         *name,
                                       const char * const *documents,
                                       GError            **error);
/* Every set in order (element-type CbDocumentSetInfo). */
GPtrArray  *cb_project_list_sets      (CbProject          *self,
                                       GError            **error);
/* The names of set @name's documents, sorted (element-type utf8). */
GPtrArray  *cb_project_list_set_members (CbProject        *self,
                                         const char       *name,
                                         GError          **error);
/* The names of the sets document @document is in, in set order. */
GPtrArray  *cb_project_list_document_sets (CbProject      *self,
                                           const char     *document,
                                           GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbDocumentSetInfo, cb_document_set_info_free)

G_END_DECLS
