/* cb-project-counts.c: the project's listings without their coding counts
 *
 * See cb-counts.h.  The codes come from the tree walk every listing of
 * codes shares (_cb_project_list_codes), the documents from
 * cb-store-counts.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-counts.h"
#include "cb-project-private.h"
#include "cb-store-counts.h"

GPtrArray *
cb_project_list_documents_uncounted (CbProject  *self,
                                     GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_list_documents_uncounted (self->store, error);
}

GPtrArray *
cb_project_list_codes_uncounted (CbProject  *self,
                                 GError    **error)
{
  GPtrArray *codes;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!(codes = _cb_project_list_codes (self, FALSE, error)))
    return NULL;
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *info = codes->pdata[i];

      info->n_codings = -1;
      info->n_codings_total = -1;
    }
  return codes;
}
