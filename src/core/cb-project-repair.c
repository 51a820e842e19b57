/* cb-project-repair.c: cb_project_repair(), a sound copy of a project refused for foreign schema objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-project.h"
#include "cb-store-private.h"

gboolean
cb_project_repair (const char  *path,
                   const char  *copy_path,
                   guint       *n_dropped,
                   GError     **error)
{
  g_autoptr(CbProject) copy = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  guint dropped = 0;

  g_return_val_if_fail (path != NULL && copy_path != NULL, FALSE);

  if (!_cb_store_repair_copy (path, copy_path, &dropped, error))
    return FALSE;

  /* the copy must be a sound project by every check there is */
  copy = cb_project_open (copy_path, error);
  if (copy != NULL)
    problems = cb_project_check (copy, error);
  if (problems != NULL && problems->len > 0)
    {
      g_autofree char *display_name = g_filename_display_name (path);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_CORRUPT,
                   _("Cannot repair “%s”: the copy still has problems (%s); restore a backup"),
                   display_name, (char *) problems->pdata[0]);
      g_clear_pointer (&problems, g_ptr_array_unref);
    }
  if (problems == NULL)
    {
      g_clear_object (&copy);
      g_remove (copy_path);
      return FALSE;
    }

  if (n_dropped != NULL)
    *n_dropped = dropped;
  return TRUE;
}
