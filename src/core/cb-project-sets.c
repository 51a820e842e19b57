/* cb-project-sets.c: document sets of a project (see cb-sets.h)
 *
 * Each operation: look up, check, change through _cb_store_* inside one
 * _cb_project_begin() … _cb_project_finish(): one transaction, one undo
 * step, ::changed with CB_CHANGE_DOCUMENTS (a set is a way of grouping
 * documents, and the views that list documents show it).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-counts.h"
#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-sets.h"
#include "cb-store-sets.h"
#include "cb-text.h"

static gint64
lookup_set (CbProject   *self,
            const char  *name,
            GError     **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;
  gint64 id = _cb_store_find_set (self->store, normalized != NULL ? normalized : "", error);

  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no set named “%s”"), name);
  return MAX (id, 0);
}

/* FALSE with @error set when another set than @id is named @name. */
static gboolean
check_name_free (CbProject   *self,
                 const char  *name,
                 gint64       id,
                 GError     **error)
{
  gint64 existing = _cb_store_find_set (self->store, name, error);

  if (existing < 0)
    return FALSE;
  if (existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A set named “%s” already exists"), name);
      return FALSE;
    }
  return TRUE;
}

gboolean
cb_project_add_set (CbProject   *self,
                    const char  *name,
                    GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = cb_document_set_name_from (name, error)))
    return FALSE;
  label = g_strdup_printf (_("Add set “%s”"), valid);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = check_name_free (self, valid, 0, error) &&
       _cb_store_insert_set (self->store, uuid, valid, NULL, error) > 0;
  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_rename_set (CbProject   *self,
                       const char  *name,
                       const char  *new_name,
                       GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = cb_document_set_name_from (new_name, error)))
    return FALSE;
  label = g_strdup_printf (_("Rename set “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_set (self, name, error)) > 0 &&
       check_name_free (self, valid, id, error) &&
       _cb_store_rename_set (self->store, id, valid, error);
  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_delete_set (CbProject   *self,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete set “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_set (self, name, error)) > 0 &&
       _cb_store_delete_set (self->store, id, error);
  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

static gboolean
change_members (CbProject          *self,
                const char         *name,
                const char * const *documents,
                gboolean            member,
                GError            **error)
{
  g_autofree char *label = NULL;
  gboolean changed = FALSE;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);

  label = member ? g_strdup_printf (_("Add documents to set “%s”"), name)
                 : g_strdup_printf (_("Take documents out of set “%s”"), name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_set (self, name, error)) > 0;
  for (guint i = 0; ok && documents[i] != NULL; i++)
    {
      gint64 document = _cb_project_lookup_document (self, documents[i], error);

      ok = document > 0 && _cb_store_set_member (self->store, id, document, member, &changed, error);
    }
  if (ok && !changed)
    {
      /* nothing to undo: no step for it */
      _cb_project_finish (self, FALSE, 0, NULL);
      return TRUE;
    }
  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_assign_set (CbProject          *self,
                       const char         *name,
                       const char * const *documents,
                       GError            **error)
{
  return change_members (self, name, documents, TRUE, error);
}

gboolean
cb_project_unassign_set (CbProject          *self,
                         const char         *name,
                         const char * const *documents,
                         GError            **error)
{
  return change_members (self, name, documents, FALSE, error);
}

/* Document id -> name, borrowed from @documents. */
static GHashTable *
document_names (GPtrArray *documents)
{
  GHashTable *names = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *info = documents->pdata[i];

      g_hash_table_insert (names, &info->id, info->name);
    }
  return names;
}

GPtrArray *
cb_project_list_sets (CbProject  *self,
                      GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GPtrArray) sets = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  rows = _cb_store_list_sets (self->store, error);
  /* only the names: the counts would read the whole coding index */
  documents = rows != NULL ? cb_project_list_documents_uncounted (self, error) : NULL;
  _cb_project_end_read (self);
  if (documents == NULL)
    return NULL;

  names = document_names (documents);
  sets = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_set_info_free);
  for (guint i = 0; i < rows->len; i++)
    {
      CbStoreSet *row = rows->pdata[i];
      CbDocumentSetInfo *info = g_new0 (CbDocumentSetInfo, 1);

      info->name = g_strdup (row->name);
      info->uuid = g_strdup (row->uuid);
      info->documents = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < row->documents->len; j++)
        {
          const char *name = g_hash_table_lookup (names, &g_array_index (row->documents, gint64, j));

          if (name != NULL)
            g_ptr_array_add (info->documents, g_strdup (name));
        }
      g_ptr_array_add (sets, info);
    }
  return g_steal_pointer (&sets);
}

GPtrArray *
cb_project_list_set_members (CbProject   *self,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *normalized = name != NULL ? cb_text_normalize_name (name) : NULL;
  g_autoptr(GPtrArray) sets = cb_project_list_sets (self, error);

  if (sets == NULL)
    return NULL;
  for (guint i = 0; i < sets->len; i++)
    {
      CbDocumentSetInfo *info = sets->pdata[i];

      if (normalized != NULL && g_str_equal (info->name, normalized))
        return g_ptr_array_ref (info->documents);
    }
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
               _("There is no set named “%s”"), name);
  return NULL;
}

GPtrArray *
cb_project_list_document_sets (CbProject   *self,
                               const char  *document,
                               GError     **error)
{
  g_autofree char *normalized = document != NULL ? cb_text_normalize_name (document) : NULL;
  g_autoptr(GPtrArray) sets = cb_project_list_sets (self, error);
  GPtrArray *names;

  if (sets == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < sets->len; i++)
    {
      CbDocumentSetInfo *info = sets->pdata[i];

      for (guint j = 0; j < info->documents->len; j++)
        if (normalized != NULL && g_str_equal (info->documents->pdata[j], normalized))
          {
            g_ptr_array_add (names, g_strdup (info->name));
            break;
          }
    }
  return names;
}
