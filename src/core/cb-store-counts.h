/* cb-store-counts.h: the SQL of cb-counts.h's listings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* Every document by name, n_codings -1 (element-type CbDocumentInfo). */
GPtrArray *_cb_store_list_documents_uncounted (CbStore  *self,
                                               GError  **error);

G_END_DECLS
