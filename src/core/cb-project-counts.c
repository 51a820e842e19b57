/* cb-project-counts.c: the project's listings without their coding counts
 *
 * See cb-counts.h.  The codes come from the tree walk every listing of
 * codes shares (_cb_project_list_codes), the documents from
 * cb-store-counts.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-counts.h"
#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-store-counts.h"

GPtrArray *
cb_project_list_documents_uncounted (CbProject  *self,
                                     GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_list_documents_uncounted (self->store, error);
}

CbCodeInfo *
cb_project_get_code_uncounted (CbProject   *self,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (!(id = _cb_project_lookup_code (self, path, error)))
    return NULL;
  if (!(codes = cb_project_list_codes_uncounted (self, error)))
    return NULL;
  for (guint i = 0; i < codes->len; i++)
    if (((CbCodeInfo *) codes->pdata[i])->id == id)
      return g_ptr_array_steal_index (codes, i);

  /* found by path yet unreachable from the top: a damaged tree */
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
               _("There is no code “%s”"), path);
  return NULL;
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
