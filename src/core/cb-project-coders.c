/* cb-project-coders.c: coders with their counts; renaming and merging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-store-coders.h"
#include "cb-text.h"

GPtrArray *
cb_project_list_coder_summaries (CbProject  *self,
                                 GError    **error)
{
  GPtrArray *coders;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  coders = _cb_store_coder_summaries (_cb_project_get_store (self), error);
  _cb_project_end_read (self);
  return coders;
}

gint64
_cb_project_lookup_coder (CbProject   *self,
                          const char  *name,
                          GError     **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GString) names = NULL;
  gint64 id = _cb_store_find_coder (store, name, error);

  if (id != 0)
    return id < 0 ? 0 : id;
  if (!(coders = _cb_store_coder_summaries (store, error)))
    return 0;
  names = g_string_new (NULL);
  for (guint i = 0; i < coders->len; i++)
    {
      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, ((CbCoderSummary *) coders->pdata[i])->name);
    }
  if (coders->len == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("No coder “%s”: the project has no coders yet"), name);
  else
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("No coder “%s”; the project’s coders: %s"), name, names->str);
  return 0;
}

gboolean
cb_project_rename_coder (CbProject   *self,
                         const char  *name,
                         const char  *new_name,
                         gint64      *n_merged,
                         GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  CbStore *store;
  gint64 id = 0;
  gint64 existing = 0;
  gint64 merged = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL && new_name != NULL, FALSE);

  if (n_merged != NULL)
    *n_merged = 0;
  valid = g_utf8_validate (new_name, -1, NULL) ? cb_text_normalize_name (new_name) : NULL;
  if (valid == NULL || valid[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("A coder needs a name"));
      return FALSE;
    }
  if (!cb_name_check_characters (valid, error))
    return FALSE;

  store = _cb_project_get_store (self);
  label = g_strdup_printf (_("Rename coder “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = _cb_project_lookup_coder (self, name, error)) > 0 &&
       (existing = _cb_store_find_coder (store, valid, error)) >= 0;
  if (ok && (existing == 0 || existing == id))
    ok = _cb_store_rename_coder (store, id, valid, error);
  else if (ok)
    ok = _cb_store_merge_coders (store, id, existing, NULL, &merged, error);
  if (ok && n_merged != NULL)
    *n_merged = merged;
  return _cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_PROJECT, error);
}
