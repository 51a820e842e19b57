/* cb-project.c: a Codeboom project: lifecycle, the change signal, undo and check
 *
 * The pattern of every operation that changes the project:
 *
 *   validate what can be validated without the store
 *   cb_store_begin (store, label)         one transaction, one undo step
 *   look up, check, change through _cb_store_*
 *   cb_store_commit (store)               or cb_store_rollback() on any error
 *   emit ::changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-import.h"
#include "cb-project-private.h"
#include "cb-store-cases.h"
#include "cb-project-turns.h"
#include "cb-store-private.h"
#include "cb-text.h"

G_DEFINE_FINAL_TYPE (CbProject, cb_project, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cb_project_finalize (GObject *object)
{
  CbProject *self = (CbProject *) object;

  g_clear_pointer (&self->store, cb_store_free);
  g_clear_pointer (&self->coder, g_free);
  g_clear_pointer (&self->owner_context, g_main_context_unref);
  g_mutex_clear (&self->changed_lock);

  G_OBJECT_CLASS (cb_project_parent_class)->finalize (object);
}

static void
cb_project_class_init (CbProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_project_finalize;

  /**
   * CbProject::changed:
   * @self: the project
   * @flags: a #CbChangeFlags of what changed
   *
   * Emitted after every committed change, undo and redo included.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cb_project_init (CbProject *self)
{
  self->coder = g_strdup (g_get_user_name ());
  self->owner_thread = g_thread_self ();
  self->owner_context = g_main_context_ref_thread_default ();
  g_mutex_init (&self->changed_lock);
}

CbStore *
_cb_project_get_store (CbProject *self)
{
  return self->store;
}

/* In the owner's context: the changes the workers committed since the
 * last delivery, as one emission. */
static gboolean
deliver_changed (gpointer data)
{
  CbProject *self = data;
  CbChangeFlags flags;

  g_mutex_lock (&self->changed_lock);
  flags = self->changed_pending;
  self->changed_pending = 0;
  g_mutex_unlock (&self->changed_lock);

  if (flags != 0)
    g_signal_emit (self, signals[CHANGED], 0, (guint) flags);
  return G_SOURCE_REMOVE;
}

void
_cb_project_emit_changed (CbProject     *self,
                          CbChangeFlags  flags)
{
  gboolean schedule;

  if (g_thread_self () == self->owner_thread)
    {
      g_signal_emit (self, signals[CHANGED], 0, (guint) flags);
      return;
    }

  /* A worker's commit: the handlers (widgets among them) run in the
   * owner's thread, once for however many commits came before they ran. */
  g_mutex_lock (&self->changed_lock);
  schedule = self->changed_pending == 0;
  self->changed_pending |= flags;
  g_mutex_unlock (&self->changed_lock);
  if (schedule)
    cb_main_context_post (self->owner_context, deliver_changed, g_object_ref (self), g_object_unref);
}

gboolean
_cb_project_begin_read (CbProject  *self,
                        GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (self->read_depth > 0)
    {
      self->read_depth++;
      return TRUE;
    }

  /* Inside an operation's write transaction the reads already see one
   * state: nothing to begin. */
  if (cb_store_in_transaction (self->store))
    self->read_owned = FALSE;
  else if (cb_store_begin_read (self->store, error))
    self->read_owned = TRUE;
  else
    return FALSE;

  self->read_depth = 1;
  return TRUE;
}

void
_cb_project_end_read (CbProject *self)
{
  g_return_if_fail (CB_IS_PROJECT (self));
  g_return_if_fail (self->read_depth > 0);

  if (--self->read_depth == 0 && self->read_owned)
    cb_store_end_read (self->store);
}

gboolean
_cb_project_begin (CbProject   *self,
                   const char  *undo_label,
                   GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->read_depth == 0, FALSE);

  return cb_store_begin (self->store, undo_label, error);
}

/* Ends the transaction begun for an operation: commit when @ok, roll back
 * otherwise, so that a failed operation leaves the file as it was. */
gboolean
_cb_project_finish (CbProject      *self,
                    gboolean        ok,
                    CbChangeFlags   changed,
                    GError        **error)
{
  if (!ok)
    {
      cb_store_rollback (self->store);
      return FALSE;
    }

  if (!cb_store_commit (self->store, error))
    return FALSE;

  if (changed != 0)
    _cb_project_emit_changed (self, changed);
  return TRUE;
}

void
_cb_project_remove_files (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

CbProject *
cb_project_create (const char  *path,
                   GError     **error)
{
  g_autoptr(CbProject) self = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  CbStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = cb_store_open (path, TRUE, error);
  if (store == NULL)
    {
      /* Only a file we made ourselves is removed. */
      if (!g_error_matches (*error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS))
        _cb_project_remove_files (path);
      return NULL;
    }

  self = g_object_new (CB_TYPE_PROJECT, NULL);
  self->store = store;

  basename = g_path_get_basename (path);
  name = g_str_has_suffix (basename, CB_PROJECT_FILE_EXTENSION)
    ? g_strndup (basename, strlen (basename) - strlen (CB_PROJECT_FILE_EXTENSION))
    : g_strdup (basename);

  if (!cb_store_begin (self->store, NULL, error) ||
      !_cb_project_finish (self, _cb_store_insert_project (self->store, uuid, name, error), 0, error))
    {
      g_clear_object (&self);
      _cb_project_remove_files (path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

CbProject *
cb_project_open (const char  *path,
                 GError     **error)
{
  CbProject *self;
  CbStore *store;

  g_return_val_if_fail (path != NULL, NULL);

  store = cb_store_open (path, FALSE, error);
  if (store == NULL)
    return NULL;

  self = g_object_new (CB_TYPE_PROJECT, NULL);
  self->store = store;

  return self;
}

const char *
cb_project_get_path (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return cb_store_get_path (self->store);
}

guint64
cb_project_get_data_version (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return cb_store_get_data_version (self->store);
}

int
cb_project_get_schema_version (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), -1);

  return cb_store_get_user_version (self->store);
}

const char *
cb_project_get_coder (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return self->coder;
}

void
cb_project_set_coder (CbProject  *self,
                      const char *coder)
{
  g_autofree char *visible = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (CB_IS_PROJECT (self));

  /* no GError here: a control or text-direction character is dropped */
  visible = coder != NULL && g_utf8_validate (coder, -1, NULL) ? cb_name_strip_forbidden (coder) : NULL;
  name = cb_text_normalize_name (visible);
  if (name == NULL || name[0] == '\0')
    {
      g_free (name);
      name = g_strdup (g_get_user_name ());
    }

  g_free (self->coder);
  self->coder = g_steal_pointer (&name);
}

char *
cb_project_dup_name (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_project_field (self->store, "name");
}

char *
cb_project_dup_uuid (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_project_field (self->store, "uuid");
}

char *
cb_project_dup_memo (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_project_field (self->store, "memo");
}

gboolean
cb_project_set_memo (CbProject   *self,
                     const char  *memo,
                     GError     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  text = cb_text_normalize (memo != NULL ? memo : "", -1);
  if (!cb_store_begin (self->store, _("Edit the project memo"), error))
    return FALSE;

  return _cb_project_finish (self, _cb_store_set_project_memo (self->store, text, error), CB_CHANGE_PROJECT, error);
}

GPtrArray *
cb_project_list_coders (CbProject  *self,
                        GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_list_coders (self->store, error);
}

/* Undo and redo */

char *
cb_project_dup_undo_label (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return cb_store_dup_journal_label (self->store, FALSE);
}

char *
cb_project_dup_redo_label (CbProject *self)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return cb_store_dup_journal_label (self->store, TRUE);
}

char *
cb_project_undo (CbProject  *self,
                 GError    **error)
{
  char *label;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if ((label = cb_store_undo (self->store, FALSE, error)) != NULL)
    _cb_project_emit_changed (self, CB_CHANGE_ALL);
  return label;
}

char *
cb_project_redo (CbProject  *self,
                 GError    **error)
{
  char *label;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if ((label = cb_store_undo (self->store, TRUE, error)) != NULL)
    _cb_project_emit_changed (self, CB_CHANGE_ALL);
  return label;
}

GPtrArray *
cb_project_check (CbProject  *self,
                  GError    **error)
{
  return cb_project_check_full (self, CB_CHECK_FULL, error);
}

GPtrArray *
cb_project_check_full (CbProject     *self,
                       CbCheckFlags   flags,
                       GError       **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if (!_cb_store_check (self->store, (flags & CB_CHECK_QUICK) != 0, problems, error) ||
      !_cb_store_check_cases (self->store, problems, error))
    g_clear_pointer (&problems, g_ptr_array_unref);
  _cb_project_end_read (self);

  return g_steal_pointer (&problems);
}
