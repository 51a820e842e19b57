/* cb-project-documents.c: documents of a project: adding, importing, renaming, deleting
 *
 * The pattern of every operation is described in cb-project.c.
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
#include "cb-import.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-private.h"
#include "cb-text.h"

/* Files above this size are refused before they are read into memory:
 * a transcript of a few hours is well under 1 MB. */
#define MAX_IMPORT_BYTES (64 * 1024 * 1024)

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

