/* cb-sets.c: what document sets are, apart from a project (see cb-sets.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-sets.h"
#include "cb-text.h"

void
cb_document_set_info_free (CbDocumentSetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->uuid);
  g_clear_pointer (&info->documents, g_ptr_array_unref);
  g_free (info);
}

char *
cb_document_set_name_from (const char  *name,
                           GError     **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A set name cannot be empty"));
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}
