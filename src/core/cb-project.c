/* cb-project.c: a Codeboom project: every operation, each one transaction
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
#define G_LOG_DOMAIN "Codeboom"

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-names.h"
#include "cb-import.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store.h"
#include "cb-text.h"

/* Files above this size are refused before they are read into memory:
 * a transcript of a few hours is well under 1 MB. */
#define MAX_IMPORT_BYTES (64 * 1024 * 1024)

struct _CbProject
{
  GObject   parent_instance;

  CbStore  *store;
  char     *coder;
};

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
}

CbStore *
_cb_project_get_store (CbProject *self)
{
  return self->store;
}

void
_cb_project_emit_changed (CbProject     *self,
                          CbChangeFlags  flags)
{
  g_signal_emit (self, signals[CHANGED], 0, (guint) flags);
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

/* Documents */

/* Validates and normalises a document name; NULL with @error set. */
static char *
document_name_from (const char  *name,
                    GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name);

  if (normalized == NULL || normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A document name cannot be empty"));
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

gint64
_cb_project_lookup_document (CbProject   *self,
                             const char  *name,
                             GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name);
  gint64 id;

  id = _cb_store_find_document (self->store, normalized != NULL ? normalized : "", error);
  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no document named “%s”"), name);

  return MAX (id, 0);
}

static gint64
add_document_in_transaction (CbProject    *self,
                             const char   *name,
                             const char   *text,
                             gsize         length,
                             gint64        n_chars,
                             const char   *source_name,
                             GBytes       *source_bytes,
                             GError      **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sha256 = NULL;
  CbStoreNewDocument document = { 0 };
  gint64 existing;
  gint64 id;

  existing = _cb_store_find_document (self->store, name, error);
  if (existing < 0)
    return 0;
  if (existing > 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A document named “%s” already exists"), name);
      return 0;
    }

  if (source_bytes != NULL)
    {
      document.source_bytes = g_bytes_get_data (source_bytes, &document.source_length);
      sha256 = cb_text_sha256 (document.source_bytes, document.source_length);

      /* A UTF-8 transcript that needed no normalising is its own original:
       * keeping its bytes twice would double what an import writes.  The
       * store gives the text back as the original (the sha256 vouches). */
      if (document.source_length == length && memcmp (document.source_bytes, text, length) == 0)
        document.source_bytes = NULL, document.source_length = 0;
    }
  else
    sha256 = cb_text_sha256 ((const guint8 *) text, length);

  document.uuid = uuid;
  document.name = name;
  document.text = text;
  document.length = length;
  document.n_chars = n_chars;
  document.source_name = source_name != NULL ? source_name : "";
  document.source_sha256 = sha256;

  id = _cb_store_insert_document (self->store, &document, error);

  /* Speaker turns are recognised in the same transaction (cb-project-turns.c). */
  if (id > 0 && !_cb_project_store_turns (self, id, text, length, error))
    return 0;

  return id;
}

gint64
cb_project_add_document (CbProject   *self,
                         const char  *name,
                         const char  *text,
                         const char  *source_name,
                         GBytes      *source_bytes,
                         GError     **error)
{
  g_autofree char *valid_name = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *label = NULL;
  gsize length;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  if (!(valid_name = document_name_from (name, error)))
    return 0;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The text of “%s” is not valid UTF-8"), valid_name);
      return 0;
    }
  normalized = cb_text_normalize (text, -1);
  length = strlen (normalized);

  label = g_strdup_printf (_("Add document “%s”"), valid_name);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  id = add_document_in_transaction (self, valid_name, normalized, length,
                                    cb_text_count_chars (normalized, length),
                                    source_name, source_bytes, error);
  if (!_cb_project_finish (self, id > 0, CB_CHANGE_DOCUMENTS, error))
    return 0;

  return id;
}

/* Reads and decodes one file, refusing folders and oversized files before
 * reading them. */
static CbImportedText *
read_import (GFile                  *file,
             const CbImportOptions  *options,
             char                  **display,
             GBytes                **bytes,
             GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  GError *local_error = NULL;

  *display = g_filename_display_basename (basename);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: %s"), *display, local_error->message);
      g_clear_error (&local_error);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: it is a folder"), *display);
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_IMPORT_BYTES)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("Cannot import “%s”: the file is larger than %d MB"),
                   *display, MAX_IMPORT_BYTES / (1024 * 1024));
      return NULL;
    }

  *bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (*bytes == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: %s"), *display, local_error->message);
      g_clear_error (&local_error);
      return NULL;
    }

  return cb_import_bytes (*display, g_bytes_get_data (*bytes, NULL), g_bytes_get_size (*bytes),
                          options, error);
}

static gboolean
import_files (CbProject              *self,
              GFile                 **files,
              guint                   n_files,
              const char             *name,
              const CbImportOptions  *options,
              GPtrArray             **out_imported,
              GArray                 *ids,
              GError                **error)
{
  g_autoptr(GPtrArray) imported = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_imported_text_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) displays = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (n_files > 0, FALSE);
  g_return_val_if_fail (name == NULL || n_files == 1, FALSE);

  /* Every file is read and decoded before the project is touched: one bad
   * file refuses the whole import, and parsing never holds the write lock. */
  for (guint i = 0; i < n_files; i++)
    {
      CbImportedText *text;
      GBytes *bytes = NULL;
      char *display = NULL;
      char *valid_name;

      text = read_import (files[i], options, &display, &bytes, error);
      g_ptr_array_add (displays, display);
      g_ptr_array_add (sources, bytes);
      if (text == NULL)
        return FALSE;
      g_ptr_array_add (imported, text);

      if (name == NULL)
        {
          const char *dot = strrchr (display, '.');
          g_autofree char *stem = dot != NULL && dot != display
            ? g_strndup (display, dot - display) : g_strdup (display);

          valid_name = document_name_from (stem, error);
        }
      else
        valid_name = document_name_from (name, error);
      if (valid_name == NULL)
        {
          g_prefix_error (error, _("Cannot import “%s”: "), display);
          return FALSE;
        }

      for (guint j = 0; j < names->len; j++)
        if (g_str_equal (names->pdata[j], valid_name))
          {
            g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                         _("Cannot import “%s”: another file of this import is also named “%s”"),
                         display, valid_name);
            g_free (valid_name);
            return FALSE;
          }
      g_ptr_array_add (names, valid_name);
    }

  label = n_files == 1
    ? g_strdup_printf (_("Import “%s”"), (char *) names->pdata[0])
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Import %u document", "Import %u documents", n_files), n_files);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  for (guint i = 0; ok && i < n_files; i++)
    {
      CbImportedText *text = imported->pdata[i];

      gint64 id = add_document_in_transaction (self, names->pdata[i], text->text, text->length,
                                               text->n_chars, displays->pdata[i], sources->pdata[i],
                                               error);

      ok = id > 0;
      if (ok && ids != NULL)
        g_array_append_val (ids, id);
      if (!ok)
        g_prefix_error (error, _("Cannot import “%s”: "), (char *) displays->pdata[i]);
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error))
    return FALSE;

  if (out_imported != NULL)
    *out_imported = g_steal_pointer (&imported);
  return TRUE;
}

gboolean
cb_project_import_files (CbProject              *self,
                         GFile                 **files,
                         guint                   n_files,
                         const char             *name,
                         const CbImportOptions  *options,
                         GPtrArray             **out_imported,
                         GError                **error)
{
  return import_files (self, files, n_files, name, options, out_imported, NULL, error);
}

gint64
cb_project_import_file (CbProject              *self,
                        GFile                  *file,
                        const char             *name,
                        const CbImportOptions  *options,
                        CbImportedText        **out_imported,
                        GError                **error)
{
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (G_IS_FILE (file), 0);

  if (!import_files (self, &file, 1, name, options, &imported, ids, error))
    return 0;

  if (out_imported != NULL)
    *out_imported = g_ptr_array_steal_index (imported, 0);
  return g_array_index (ids, gint64, 0);
}

GPtrArray *
cb_project_list_documents (CbProject  *self,
                           GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_list_documents (self->store, 0, error);
}

CbDocumentInfo *
cb_project_get_document (CbProject   *self,
                         const char  *name,
                         GError     **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!(id = _cb_project_lookup_document (self, name, error)))
    return NULL;
  if (!(documents = _cb_store_list_documents (self->store, id, error)))
    return NULL;
  if (documents->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document named “%s”"), name);
      return NULL;
    }

  return g_ptr_array_steal_index (documents, 0);
}

char *
cb_project_dup_document_text (CbProject  *self,
                              gint64      document_id,
                              gsize      *length,
                              GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_document_text (self->store, document_id, length, error);
}

GBytes *
cb_project_dup_document_source (CbProject  *self,
                                gint64      document_id,
                                GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_dup_document_source (self->store, document_id, error);
}

gboolean
cb_project_rename_document (CbProject   *self,
                            const char  *name,
                            const char  *new_name,
                            GError     **error)
{
  g_autofree char *valid_name = NULL;
  g_autofree char *label = NULL;
  gint64 id;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid_name = document_name_from (new_name, error)))
    return FALSE;

  label = g_strdup_printf (_("Rename document “%s”"), name);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_document (self, name, error)) > 0 &&
       (existing = _cb_store_find_document (self->store, valid_name, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A document named “%s” already exists"), valid_name);
      ok = FALSE;
    }
  ok = ok && _cb_store_update_document_text_field (self->store, id, "name", valid_name, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CODINGS, error);
}

gboolean
cb_project_delete_document (CbProject   *self,
                            const char  *name,
                            GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete document “%s”"), name);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_document (self, name, error)) > 0 &&
       _cb_store_delete_document (self->store, id, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS | CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

gboolean
cb_project_set_document_memo (CbProject   *self,
                              const char  *name,
                              const char  *memo,
                              GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  text = cb_text_normalize (memo != NULL ? memo : "", -1);
  label = g_strdup_printf (_("Edit the memo of “%s”"), name);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_document (self, name, error)) > 0 &&
       _cb_store_update_document_text_field (self->store, id, "memo", text, error);

  return _cb_project_finish (self, ok, CB_CHANGE_DOCUMENTS, error);
}

/* Code paths */

static gboolean
validate_code_name (const char  *name,
                    const char  *path,
                    GError     **error)
{
  if (name[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is not a valid code path: a code name cannot be empty"), path);
      return FALSE;
    }
  /* " / " separates levels; a name that began with "/ " or ended with " /"
   * would make the joined path ambiguous. */
  if (strstr (name, CB_CODE_PATH_SEPARATOR) != NULL ||
      g_str_has_prefix (name, "/ ") || g_str_has_suffix (name, " /"))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is not a valid code name: it cannot contain “ / ”"), name);
      return FALSE;
    }
  return cb_name_check_characters (name, error);
}

char **
cb_code_path_split (const char  *path,
                    GError     **error)
{
  g_autofree char *normalized = NULL;
  g_auto(GStrv) levels = NULL;

  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A code path must be valid UTF-8"));
      return NULL;
    }

  normalized = cb_text_normalize_name (path);
  if (normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("A code path cannot be empty"));
      return NULL;
    }

  levels = g_strsplit (normalized, CB_CODE_PATH_SEPARATOR, -1);
  for (guint i = 0; levels[i] != NULL; i++)
    {
      g_strstrip (levels[i]);
      if (!validate_code_name (levels[i], path, error))
        return NULL;
    }

  return g_steal_pointer (&levels);
}

char *
cb_code_path_join (const char * const *names)
{
  return g_strjoinv (CB_CODE_PATH_SEPARATOR, (char **) names);
}

/* Finds the code at @path level by level; 0 with NOT_FOUND naming the
 * first missing level. */
gint64
_cb_project_lookup_code (CbProject   *self,
                         const char  *path,
                         GError     **error)
{
  g_auto(GStrv) levels = cb_code_path_split (path, error);
  gint64 id = 0;

  if (levels == NULL)
    return 0;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      id = _cb_store_find_code (self->store, id, levels[i], error);
      if (id < 0)
        return 0;
      if (id == 0)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("There is no code “%s”"), path);
          return 0;
        }
    }

  return id;
}

/* Normalises a colour to "#RRGGBB"; NULL for none; FALSE when malformed. */
static gboolean
parse_color (const char  *color,
             char       **out,
             GError     **error)
{
  *out = NULL;
  if (color == NULL || color[0] == '\0')
    return TRUE;

  if (strlen (color) != 7 || color[0] != '#')
    goto invalid;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      goto invalid;

  *out = g_ascii_strup (color, -1);
  return TRUE;

invalid:
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
               _("“%s” is not a colour: write it as #RRGGBB"), color);
  return FALSE;
}

static gint64
append_code (CbProject   *self,
             gint64       parent,
             const char  *name,
             const char  *color,
             const char  *description,
             GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  gint64 position = _cb_store_count_children (self->store, parent, error);

  if (position < 0)
    return 0;
  return _cb_store_insert_code (self->store, uuid, parent, name, position, color, description, error);
}

/* Walks @path creating missing levels; *@created tells whether the last
 * level was new.  Inside a transaction. */
static gint64
ensure_code (CbProject   *self,
             const char  *path,
             gboolean    *created,
             GError     **error)
{
  g_auto(GStrv) levels = cb_code_path_split (path, error);
  gint64 id = 0;

  if (levels == NULL)
    return 0;

  for (guint i = 0; levels[i] != NULL; i++)
    {
      gint64 child = _cb_store_find_code (self->store, id, levels[i], error);

      if (child < 0)
        return 0;
      if (created != NULL)
        *created = child == 0;
      if (child == 0 && !(child = append_code (self, id, levels[i], NULL, NULL, error)))
        return 0;
      id = child;
    }

  return id;
}

gint64
_cb_project_ensure_code (CbProject   *self,
                         const char  *path,
                         GError     **error)
{
  return ensure_code (self, path, NULL, error);
}

gint64
cb_project_add_code (CbProject   *self,
                     const char  *path,
                     const char  *color,
                     const char  *description,
                     GError     **error)
{
  g_autofree char *valid_color = NULL;
  g_autofree char *valid_description = NULL;
  g_autofree char *label = NULL;
  gboolean created = FALSE;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  if (!parse_color (color, &valid_color, error))
    return 0;
  valid_description = cb_text_normalize (description != NULL ? description : "", -1);

  label = g_strdup_printf (_("Add code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  ok = (id = ensure_code (self, path, &created, error)) > 0;
  if (ok && !created)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("The code “%s” already exists"), path);
      ok = FALSE;
    }
  ok = ok && (valid_color == NULL || _cb_store_update_code_field (self->store, id, "color", valid_color, error));
  ok = ok && _cb_store_update_code_field (self->store, id, "description", valid_description, error);

  if (!_cb_project_finish (self, ok, CB_CHANGE_CODES, error))
    return 0;
  return id;
}

/* Splits a TSV line into at most @max fields, unescaping each; NULL when
 * an escape is malformed.  Fields without a backslash are copied as they
 * are: a batch splits tens of thousands of lines. */
static char **
split_tsv_line (const char *line,
                guint       max)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  for (;;)
    {
      const char *tab = fields->len + 1 < max ? strchr (p, '\t') : NULL;
      gsize length = tab != NULL ? (gsize) (tab - p) : strlen (p);
      const char *backslash = memchr (p, '\\', length);

      if (backslash == NULL)
        g_ptr_array_add (fields, g_strndup (p, length));
      else
        {
          GString *out = g_string_sized_new (length);

          for (const char *q = p; q < p + length; q++)
            {
              if (*q != '\\')
                {
                  g_string_append_c (out, *q);
                  continue;
                }
              switch (++q < p + length ? *q : '\0')
                {
                case '\\': g_string_append_c (out, '\\'); break;
                case 't': g_string_append_c (out, '\t'); break;
                case 'n': g_string_append_c (out, '\n'); break;
                default:
                  g_string_free (out, TRUE);
                  return NULL;
                }
            }
          g_ptr_array_add (fields, g_string_free (out, FALSE));
        }

      if (tab == NULL)
        break;
      p = tab + 1;
    }

  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

/* Reads a UTF-8 TSV file into lines (LF or CRLF, BOM ignored). */
static char **
read_tsv_lines (GFile       *file,
                char       **display,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  GError *local_error = NULL;
  gsize size;
  const char *data;

  *display = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), *display, local_error->message);
      g_clear_error (&local_error);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!g_utf8_validate_len (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                   _("Cannot read “%s”: it is not UTF-8 text"), *display);
      return NULL;
    }

  text = cb_text_normalize (data, size);
  return g_strsplit (text, "\n", -1);
}

gboolean
cb_project_import_codebook_tsv (CbProject  *self,
                                GFile      *file,
                                guint      *n_added,
                                GError    **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  guint added = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(lines = read_tsv_lines (file, &display, error)))
    return FALSE;

  label = g_strdup_printf (_("Import codes from “%s”"), display);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *color = NULL;
      g_autofree char *description = NULL;
      gboolean created = FALSE;
      gint64 id;

      if (lines[i][strspn (lines[i], " \t")] == '\0')
        continue;

      fields = split_tsv_line (lines[i], 3);
      if (fields == NULL)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: a backslash must be followed by \\, t or n"), display, i + 1);
          ok = FALSE;
          break;
        }

      if ((fields[1] != NULL && fields[2] != NULL && !parse_color (g_strstrip (fields[2]), &color, error)) ||
          !(id = ensure_code (self, fields[0], &created, error)))
        {
          g_prefix_error (error, _("%s, line %u: "), display, i + 1);
          ok = FALSE;
          break;
        }

      added += created;
      if (fields[1] != NULL)
        {
          description = cb_text_normalize (fields[1], -1);
          ok = _cb_store_update_code_field (self->store, id, "description", description, error);
        }
      if (ok && color != NULL)
        ok = _cb_store_update_code_field (self->store, id, "color", color, error);
    }

  if (!_cb_project_finish (self, ok, CB_CHANGE_CODES, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

/* The code tree, depth first, children in position order. */
static void
visit_codes (GPtrArray   *rows,
             GHashTable  *children,
             gint64       parent,
             const char  *parent_path,
             guint        depth,
             GPtrArray   *out)
{
  GPtrArray *kids = g_hash_table_lookup (children, &parent);

  if (kids == NULL)
    return;

  for (guint i = 0; i < kids->len; i++)
    {
      CbCodeInfo *info = kids->pdata[i];
      guint index = out->len;

      info->depth = depth;
      info->path = parent_path != NULL
        ? g_strconcat (parent_path, CB_CODE_PATH_SEPARATOR, info->name, NULL)
        : g_strdup (info->name);
      info->n_codings_total = info->n_codings;
      g_ptr_array_add (out, info);

      visit_codes (rows, children, info->id, info->path, depth + 1, out);

      /* everything added after this code is its subtree */
      for (guint j = index + 1; j < out->len; j++)
        if (((CbCodeInfo *) out->pdata[j])->depth == depth + 1)
          info->n_codings_total += ((CbCodeInfo *) out->pdata[j])->n_codings_total;
    }
}

static int
compare_position (gconstpointer a,
                  gconstpointer b)
{
  const CbCodeInfo *x = *(CbCodeInfo **) a;
  const CbCodeInfo *y = *(CbCodeInfo **) b;

  if (x->position != y->position)
    return x->position < y->position ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* The code tree, depth first; coding counts only when @with_counts. */
static GPtrArray *
list_codes (CbProject  *self,
            gboolean    with_counts,
            GError    **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) children = NULL;
  GPtrArray *out;
  GHashTableIter iter;
  gpointer value;

  if (!(rows = _cb_store_list_code_rows (self->store, with_counts, error)))
    return NULL;

  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      CbCodeInfo *info = rows->pdata[i];
      GPtrArray *kids = g_hash_table_lookup (children, &info->parent_id);

      if (kids == NULL)
        {
          kids = g_ptr_array_new ();
          g_hash_table_insert (children, &info->parent_id, kids);
        }
      g_ptr_array_add (kids, info);
    }

  g_hash_table_iter_init (&iter, children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_position);

  /* The rows move into @out; codes unreachable from the top (which
   * cb_project_check() reports) are left out. */
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_code_info_free);
  visit_codes (rows, children, 0, NULL, 0, out);

  g_ptr_array_set_free_func (rows, NULL);
  for (guint i = 0; i < rows->len; i++)
    if (((CbCodeInfo *) rows->pdata[i])->path == NULL)
      cb_code_info_free (rows->pdata[i]);

  return out;
}

GPtrArray *
cb_project_list_codes (CbProject  *self,
                       GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return list_codes (self, TRUE, error);
}

CbCodeInfo *
cb_project_get_code (CbProject   *self,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!(id = _cb_project_lookup_code (self, path, error)))
    return NULL;
  /* the tree without counts, then counts for this code's subtree only */
  if (!(codes = list_codes (self, FALSE, error)))
    return NULL;

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      if (code->id != id)
        continue;

      code->n_codings_total = 0;
      for (guint j = i; j < codes->len; j++)
        {
          CbCodeInfo *member = codes->pdata[j];
          gint64 n;

          if (j > i && member->depth <= code->depth)
            break;
          if ((n = _cb_store_count_codings (self->store, member->id, error)) < 0)
            return NULL;
          if (j == i)
            code->n_codings = n;
          code->n_codings_total += n;
        }
      return g_ptr_array_steal_index (codes, i);
    }

  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
               _("There is no code “%s”"), path);
  return NULL;
}

gboolean
cb_project_rename_code (CbProject   *self,
                        const char  *path,
                        const char  *new_name,
                        GError     **error)
{
  g_autofree char *name = cb_text_normalize_name (new_name);
  g_autofree char *label = NULL;
  CbStoreCodeRow row = { 0 };
  gint64 id;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (name == NULL || !validate_code_name (name, new_name, error))
    {
      if (name == NULL)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("A code name must be valid UTF-8"));
      return FALSE;
    }

  label = g_strdup_printf (_("Rename code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_get_code_row (self->store, id, &row, error) &&
       (existing = _cb_store_find_code (self->store, row.parent, name, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Cannot rename “%s”: a sibling named “%s” already exists"), path, name);
      ok = FALSE;
    }
  ok = ok && _cb_store_update_code_field (self->store, id, "name", name, error);
  g_free (row.name);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

/* Takes the code out of its siblings' order, closing the gap. */
static gboolean
unlink_code (CbProject       *self,
             CbStoreCodeRow  *row,
             GError         **error)
{
  return _cb_store_shift_positions (self->store, row->parent, row->position + 1, -1, error);
}

/* Puts code @id under @parent at @position (clamped; -1 = last). */
static gboolean
link_code (CbProject  *self,
           gint64      id,
           gint64      parent,
           gint64      position,
           GError    **error)
{
  gint64 n_children = _cb_store_count_children (self->store, parent, error);
  CbStoreCodeRow row = { 0 };

  if (n_children < 0 || !_cb_store_get_code_row (self->store, id, &row, error))
    return FALSE;
  /* the code may still count among @parent's children */
  if (row.parent == parent)
    n_children--;
  g_free (row.name);

  if (position < 0 || position > n_children)
    position = n_children;

  return _cb_store_shift_positions (self->store, parent, position, 1, error) &&
         _cb_store_place_code (self->store, id, parent, position, error);
}

gboolean
cb_project_move_code (CbProject   *self,
                      const char  *path,
                      const char  *new_parent_path,
                      gint64       position,
                      GError     **error)
{
  g_autofree char *label = NULL;
  CbStoreCodeRow row = { 0 };
  gboolean inside = FALSE;
  gint64 id;
  gint64 parent = 0;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Move code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_get_code_row (self->store, id, &row, error);

  if (ok && new_parent_path != NULL && new_parent_path[0] != '\0')
    {
      ok = (parent = _cb_project_lookup_code (self, new_parent_path, error)) > 0 &&
           _cb_store_is_descendant (self->store, id, parent, &inside, error);
      if (ok && (inside || parent == id))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Cannot move “%s” under “%s”: a code cannot go inside itself"),
                       path, new_parent_path);
          ok = FALSE;
        }
    }

  ok = ok && (existing = _cb_store_find_code (self->store, parent, row.name, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Cannot move “%s”: “%s” already has a code named “%s”"),
                   path, parent > 0 ? new_parent_path : _("the top level"), row.name);
      ok = FALSE;
    }

  ok = ok && unlink_code (self, &row, error) && link_code (self, id, parent, position, error);
  g_free (row.name);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

/* Merges code @source into @target inside a transaction: codings move
 * (exact duplicates collapse), children move (a child whose name the target
 * already has is merged into that one), and the source goes. */
static gboolean
merge_into (CbProject  *self,
            gint64      source,
            gint64      target,
            GError    **error)
{
  g_autoptr(GArray) kids = NULL;
  g_autofree char *placeholder = NULL;
  CbStoreCodeRow row = { 0 };
  gboolean ok;

  if (!_cb_store_get_code_row (self->store, source, &row, error))
    return FALSE;

  /* Out of the way first, so that no child can collide with its name
   * when the target is its parent. */
  placeholder = g_strdup_printf ("\x01merging %" G_GINT64_FORMAT, source);
  ok = _cb_store_update_code_field (self->store, source, "name", placeholder, error) &&
       _cb_store_move_codings (self->store, source, target, error) &&
       (kids = _cb_store_list_child_ids (self->store, source, error)) != NULL;

  for (guint i = 0; ok && i < kids->len; i++)
    {
      gint64 kid = g_array_index (kids, gint64, i);
      CbStoreCodeRow kid_row = { 0 };
      gint64 twin;

      ok = _cb_store_get_code_row (self->store, kid, &kid_row, error) &&
           (twin = _cb_store_find_code (self->store, target, kid_row.name, error)) >= 0;
      if (ok && twin > 0)
        ok = merge_into (self, kid, twin, error);
      else if (ok)
        ok = unlink_code (self, &kid_row, error) && link_code (self, kid, target, -1, error);
      g_free (kid_row.name);
    }

  ok = ok && _cb_store_delete_code (self->store, source, error) && unlink_code (self, &row, error);
  g_free (row.name);

  return ok;
}

gboolean
cb_project_merge_codes (CbProject   *self,
                        const char  *source_path,
                        const char  *target_path,
                        GError     **error)
{
  g_autofree char *label = NULL;
  gboolean inside = FALSE;
  gint64 source;
  gint64 target;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Merge “%s” into “%s”"), source_path, target_path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (source = _cb_project_lookup_code (self, source_path, error)) > 0 &&
       (target = _cb_project_lookup_code (self, target_path, error)) > 0 &&
       _cb_store_is_descendant (self->store, source, target, &inside, error);
  if (ok && (inside || source == target))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot merge “%s” into “%s”: a code cannot be merged into itself or its descendants"),
                   source_path, target_path);
      ok = FALSE;
    }

  ok = ok && merge_into (self, source, target, error);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

gboolean
cb_project_delete_code (CbProject   *self,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *label = NULL;
  CbStoreCodeRow row = { 0 };
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete code “%s”"), path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  /* Descendants and codings go by ON DELETE CASCADE, journaled row by row. */
  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_get_code_row (self->store, id, &row, error) &&
       _cb_store_delete_code (self->store, id, error) &&
       unlink_code (self, &row, error);
  g_free (row.name);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error);
}

static gboolean
set_code_field (CbProject   *self,
                const char  *path,
                const char  *field,
                const char  *value,
                const char  *label,
                GError     **error)
{
  gint64 id;
  gboolean ok;

  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (id = _cb_project_lookup_code (self, path, error)) > 0 &&
       _cb_store_update_code_field (self->store, id, field, value, error);

  return _cb_project_finish (self, ok, CB_CHANGE_CODES, error);
}

gboolean
cb_project_set_code_color (CbProject   *self,
                           const char  *path,
                           const char  *color,
                           GError     **error)
{
  g_autofree char *valid_color = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!parse_color (color, &valid_color, error))
    return FALSE;
  label = g_strdup_printf (_("Recolour code “%s”"), path);
  return set_code_field (self, path, "color", valid_color, label, error);
}

gboolean
cb_project_set_code_description (CbProject   *self,
                                 const char  *path,
                                 const char  *description,
                                 GError     **error)
{
  g_autofree char *text = cb_text_normalize (description != NULL ? description : "", -1);
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Describe code “%s”"), path);
  return set_code_field (self, path, "description", text, label, error);
}

gboolean
cb_project_set_code_memo (CbProject   *self,
                          const char  *path,
                          const char  *memo,
                          GError     **error)
{
  g_autofree char *text = cb_text_normalize (memo != NULL ? memo : "", -1);
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Edit the memo of code “%s”"), path);
  return set_code_field (self, path, "memo", text, label, error);
}

/* Codings */

/* What a batch looks up again and again: documents and codes by name. */
typedef struct
{
  GHashTable *documents;  /* name → CbDocumentInfo (borrowed from @list) */
  GPtrArray  *list;
  GHashTable *codes;      /* path → id */
  gint64      coder;
} ApplyCache;

static void
apply_cache_clear (ApplyCache *cache)
{
  g_clear_pointer (&cache->documents, g_hash_table_unref);
  g_clear_pointer (&cache->list, g_ptr_array_unref);
  g_clear_pointer (&cache->codes, g_hash_table_unref);
}

static gboolean
apply_cache_init (CbProject   *self,
                  ApplyCache  *cache,
                  GError     **error)
{
  memset (cache, 0, sizeof *cache);

  if (!(cache->list = _cb_store_list_documents (self->store, 0, error)))
    return FALSE;

  cache->documents = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < cache->list->len; i++)
    {
      CbDocumentInfo *info = cache->list->pdata[i];

      g_hash_table_insert (cache->documents, info->name, info);
    }
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return TRUE;
}

/* A cache holding only the document named @name: a single apply need not
 * list (and count the codings of) every document. */
static gboolean
apply_cache_init_one (CbProject   *self,
                      ApplyCache  *cache,
                      const char  *name,
                      GError     **error)
{
  CbDocumentInfo *info;
  gint64 id;
  gint64 n_chars;

  memset (cache, 0, sizeof *cache);
  cache->list = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
  cache->documents = g_hash_table_new (g_str_hash, g_str_equal);
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((id = _cb_store_find_document (self->store, name, error)) < 0)
    return FALSE;
  if (id == 0)
    return TRUE;   /* apply_cached() reports the unknown document */
  if ((n_chars = _cb_store_get_document_length (self->store, id, error)) < 0)
    return FALSE;

  info = g_new0 (CbDocumentInfo, 1);
  info->id = id;
  info->name = g_strdup (name);
  info->n_chars = n_chars;
  g_ptr_array_add (cache->list, info);
  g_hash_table_insert (cache->documents, info->name, info);

  return TRUE;
}

static gboolean
check_span (const CbDocumentInfo  *document,
            gint64                 start,
            gint64                 end,
            GError               **error)
{
  if (start < 0 || end <= start || end > document->n_chars)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot code %" PRId64 "–%" PRId64 " in “%s”: "
                     "a span must have 0 ≤ start < end ≤ %" PRId64 " (the document’s length)"),
                   start, end, document->name, document->n_chars);
      return FALSE;
    }
  return TRUE;
}

/* Applies one coding inside a transaction, through @cache. */
static gint64
apply_cached (CbProject   *self,
              ApplyCache  *cache,
              const char  *document_name,
              const char  *code_path,
              gboolean     create_code,
              gint64       start,
              gint64       end,
              gboolean    *created,
              GError     **error)
{
  CbDocumentInfo *document = g_hash_table_lookup (cache->documents, document_name);
  gpointer code;

  if (document == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document named “%s”"), document_name);
      return 0;
    }
  if (!check_span (document, start, end, error))
    return 0;

  if (!g_hash_table_lookup_extended (cache->codes, code_path, NULL, &code))
    {
      gint64 id = create_code
        ? ensure_code (self, code_path, NULL, error)
        : _cb_project_lookup_code (self, code_path, error);

      if (id == 0)
        return 0;
      code = GSIZE_TO_POINTER ((gsize) id);
      g_hash_table_insert (cache->codes, g_strdup (code_path), code);
    }

  if (cache->coder == 0 && !(cache->coder = _cb_store_ensure_coder (self->store, self->coder, error)))
    return 0;

  return _cb_store_insert_coding (self->store, document->id, (gint64) GPOINTER_TO_SIZE (code),
                                  start, end, cache->coder, created, error);
}

static gint64
apply_one (CbProject   *self,
           const char  *document,
           const char  *code_path,
           gboolean     create_code,
           gint64       start,
           gint64       end,
           gboolean    *created,
           GError     **error)
{
  ApplyCache cache;
  g_autofree char *label = NULL;
  g_autofree char *doc_name = cb_text_normalize_name (document);
  gint64 id = 0;

  label = g_strdup_printf (_("Code “%s”"), code_path);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  if (apply_cache_init_one (self, &cache, doc_name != NULL ? doc_name : "", error))
    id = apply_cached (self, &cache, doc_name != NULL ? doc_name : "", code_path, create_code,
                       start, end, created, error);
  apply_cache_clear (&cache);

  if (!_cb_project_finish (self, id > 0, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error))
    return 0;
  return id;
}

gint64
cb_project_apply (CbProject   *self,
                  const char  *document,
                  const char  *code_path,
                  gint64       start,
                  gint64       end,
                  gboolean    *created,
                  GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return apply_one (self, document, code_path, FALSE, start, end, created, error);
}

gint64
cb_project_apply_creating (CbProject   *self,
                           const char  *document,
                           const char  *code_path,
                           gint64       start,
                           gint64       end,
                           gboolean    *created,
                           GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return apply_one (self, document, code_path, TRUE, start, end, created, error);
}

gint64
cb_project_apply_quote (CbProject   *self,
                        const char  *document,
                        const char  *code_path,
                        const char  *quote,
                        guint        occurrence,
                        gint64      *out_start,
                        gint64      *out_end,
                        GError     **error)
{
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize length;
  gsize needle_length;
  gsize hit;
  gint64 start;
  gint64 end;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);
  g_return_val_if_fail (quote != NULL, 0);

  if (!g_utf8_validate (quote, -1, NULL) || quote[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The quote must be non-empty UTF-8 text"));
      return 0;
    }

  if (!(info = cb_project_get_document (self, document, error)) ||
      !(text = _cb_store_dup_document_text (self->store, info->id, &length, error)))
    return 0;

  /* The quote is matched against stored text, so it is normalised the same way. */
  needle = cb_text_normalize (quote, -1);
  needle_length = strlen (needle);

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += needle_length)
    {
      hit = p - text;
      g_array_append_val (hits, hit);
    }

  if (hits->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The quote “%s” does not occur in “%s”"), quote, info->name);
      return 0;
    }
  if (occurrence == 0 && hits->len > 1)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_AMBIGUOUS,
                   _("The quote “%s” occurs %u times in “%s”: say which occurrence to code"),
                   quote, hits->len, info->name);
      return 0;
    }
  if (occurrence > hits->len)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The quote “%s” occurs only %u time(s) in “%s”, not %u"),
                   quote, hits->len, info->name, occurrence);
      return 0;
    }

  hit = g_array_index (hits, gsize, occurrence > 0 ? occurrence - 1 : 0);
  start = cb_text_count_chars (text, hit);
  end = start + cb_text_count_chars (needle, needle_length);

  id = cb_project_apply (self, info->name, code_path, start, end, NULL, error);
  if (id > 0)
    {
      if (out_start != NULL)
        *out_start = start;
      if (out_end != NULL)
        *out_end = end;
    }
  return id;
}

static gboolean
parse_offset_field (const char *text,
                    gint64     *value)
{
  guint64 parsed;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *value = (gint64) parsed;
  return TRUE;
}

gboolean
cb_project_apply_batch (CbProject  *self,
                        GFile      *tsv,
                        gboolean    commit_each,
                        guint      *n_applied,
                        GError    **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  ApplyCache cache = { 0 };
  guint applied = 0;
  gboolean changed = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (n_applied != NULL)
    *n_applied = 0;

  if (!(lines = read_tsv_lines (tsv, &display, error)))
    return FALSE;

  label = g_strdup_printf (_("Apply codings from “%s”"), display);
  if (!cb_store_begin (self->store, commit_each ? NULL : label, error))
    return FALSE;
  if (!apply_cache_init (self, &cache, error))
    {
      cb_store_rollback (self->store);
      return FALSE;
    }
  if (commit_each)
    cb_store_rollback (self->store);

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *code_path = NULL;
      g_autofree char *line_label = NULL;
      gint64 start = 0;
      gint64 end = 0;
      gboolean created = FALSE;

      if (lines[i][0] == '\0')
        continue;

      fields = split_tsv_line (lines[i], 5);
      if (fields == NULL || g_strv_length (fields) != 4 ||
          !parse_offset_field (fields[1], &start) || !parse_offset_field (fields[2], &end))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: expected document<TAB>start<TAB>end<TAB>code path"),
                       display, i + 1);
          ok = FALSE;
          break;
        }

      if (commit_each)
        {
          line_label = g_strdup_printf (_("Code “%s”"), fields[3]);
          if (!cb_store_begin (self->store, line_label, error))
            {
              ok = FALSE;
              break;
            }
        }

      ok = apply_cached (self, &cache, fields[0], fields[3], TRUE, start, end, &created, error) > 0;
      if (!ok)
        g_prefix_error (error, _("%s, line %u: "), display, i + 1);

      if (commit_each)
        {
          if (!ok || !cb_store_commit (self->store, error))
            {
              /* deferred checks (a code deleted meanwhile) fail at commit */
              if (ok)
                g_prefix_error (error, _("%s, line %u: "), display, i + 1);
              cb_store_rollback (self->store);
              /* a code created on this line was rolled back with it */
              g_hash_table_remove_all (cache.codes);
              ok = FALSE;
              break;
            }
          changed = TRUE;
        }
      applied += created;
    }

  apply_cache_clear (&cache);

  if (!commit_each)
    {
      if (!_cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error))
        return FALSE;
    }
  else if (changed)
    _cb_project_emit_changed (self, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS);

  if (n_applied != NULL)
    *n_applied = applied;
  return ok;
}

gboolean
cb_project_unapply (CbProject   *self,
                    const char  *document,
                    const char  *code_path,
                    gint64       start,
                    gint64       end,
                    GError     **error)
{
  g_autofree char *label = NULL;
  gint64 document_id;
  gint64 code;
  gint64 removed = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Uncode “%s”"), code_path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0 &&
       (code = _cb_project_lookup_code (self, code_path, error)) > 0 &&
       (removed = _cb_store_delete_codings (self->store, document_id, code, start, end, 0, error)) >= 0;
  if (ok && removed == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” is not coded with “%s” at %" PRId64 "–%" PRId64),
                   document, code_path, start, end);
      ok = FALSE;
    }

  return _cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_set_coding_memo (CbProject   *self,
                            gint64       coding_id,
                            const char  *memo,
                            GError     **error)
{
  g_autofree char *text = cb_text_normalize (memo != NULL ? memo : "", -1);

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!cb_store_begin (self->store, _("Edit the memo of a coding"), error))
    return FALSE;

  return _cb_project_finish (self, _cb_store_set_coding_memo (self->store, coding_id, text, error),
                 CB_CHANGE_CODINGS, error);
}

/* A segment with its sort keys resolved, so that sorting compares integers. */
typedef struct
{
  int        document_rank;  /* by document name */
  int        code_rank;      /* depth-first order of the code */
  CbSegment *segment;
} SortedSegment;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(CbSegment **) a)->document_name, (*(CbSegment **) b)->document_name);
}

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const SortedSegment *x = a;
  const SortedSegment *y = b;

  if (x->document_rank != y->document_rank)
    return x->document_rank - y->document_rank;
  if (x->segment->start != y->segment->start)
    return x->segment->start < y->segment->start ? -1 : 1;
  if (x->segment->end != y->segment->end)
    return x->segment->end < y->segment->end ? -1 : 1;
  if (x->code_rank != y->code_rank)
    return x->code_rank - y->code_rank;
  return g_strcmp0 (x->segment->coder, y->segment->coder);
}

/* Fills code paths, sorts by document, position and tree order, and reads texts. */
static gboolean
finish_segments (CbProject  *self,
                 GPtrArray  *codes,
                 GPtrArray  *segments,
                 GError    **error)
{
  g_autoptr(GHashTable) codes_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) document_ranks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  g_autofree SortedSegment *sorted = g_new (SortedSegment, MAX (segments->len, 1));

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      code->position = i;   /* reused as the depth-first rank */
      g_hash_table_insert (codes_by_id, &code->id, code);
    }

  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];
      CbCodeInfo *code = g_hash_table_lookup (codes_by_id, &segment->code_id);

      segment->code_path = g_strdup (code != NULL ? code->path : NULL);
      sorted[i].segment = segment;
      sorted[i].code_rank = code != NULL ? (int) code->position : G_MAXINT;
      if (!g_hash_table_contains (document_ranks, &segment->document_id))
        {
          g_hash_table_insert (document_ranks, &segment->document_id, NULL);
          g_ptr_array_add (firsts, segment);
        }
    }

  /* Documents sort by name: rank the few names once, then compare ranks. */
  g_ptr_array_sort (firsts, compare_names);
  for (guint i = 0; i < firsts->len; i++)
    g_hash_table_insert (document_ranks, &((CbSegment *) firsts->pdata[i])->document_id, GINT_TO_POINTER (i));
  for (guint i = 0; i < segments->len; i++)
    sorted[i].document_rank = GPOINTER_TO_INT (g_hash_table_lookup (document_ranks, &sorted[i].segment->document_id));

  qsort (sorted, segments->len, sizeof *sorted, compare_sorted);
  for (guint i = 0; i < segments->len; i++)
    segments->pdata[i] = sorted[i].segment;

  return _cb_store_fill_segment_texts (self->store, segments, error);
}

GPtrArray *
cb_project_retrieve (CbProject   *self,
                     const char  *code_path,
                     gboolean     with_descendants,
                     GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;
  guint i;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  /* One read transaction: the tree and the codings agree with each other
   * even while another process writes. */
  if (!cb_store_exec (self->store, "BEGIN", error))
    return NULL;

  if (!(id = _cb_project_lookup_code (self, code_path, error)) ||
      !(codes = list_codes (self, FALSE, error)))
    goto out;

  /* The code and, when asked, its subtree: the codes after it in depth-first
   * order that are deeper than it. */
  for (i = 0; i < codes->len && ((CbCodeInfo *) codes->pdata[i])->id != id; i++)
    ;
  if (i < codes->len)
    {
      guint depth = ((CbCodeInfo *) codes->pdata[i])->depth;

      g_array_append_val (ids, id);
      for (i++; with_descendants && i < codes->len && ((CbCodeInfo *) codes->pdata[i])->depth > depth; i++)
        g_array_append_val (ids, ((CbCodeInfo *) codes->pdata[i])->id);
    }

  if ((segments = _cb_store_list_segments (self->store, ids, 0, error)) != NULL &&
      !finish_segments (self, codes, segments, error))
    g_clear_pointer (&segments, g_ptr_array_unref);

out:
  cb_store_exec (self->store, "COMMIT", NULL);
  return g_steal_pointer (&segments);
}

GPtrArray *
cb_project_list_document_codings (CbProject  *self,
                                  gint64      document_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document_id > 0, NULL);

  if (!cb_store_exec (self->store, "BEGIN", error))
    return NULL;

  if ((codes = list_codes (self, FALSE, error)) != NULL &&
      (segments = _cb_store_list_segments (self->store, NULL, document_id, error)) != NULL &&
      !finish_segments (self, codes, segments, error))
    g_clear_pointer (&segments, g_ptr_array_unref);

  cb_store_exec (self->store, "COMMIT", NULL);
  return g_steal_pointer (&segments);
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
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!cb_store_exec (self->store, "BEGIN", error))
    return NULL;
  if (!_cb_store_check (self->store, problems, error))
    g_clear_pointer (&problems, g_ptr_array_unref);
  cb_store_exec (self->store, "COMMIT", NULL);

  return g_steal_pointer (&problems);
}
