/* cb-import.c: the one entry point from a file's bytes to Codeboom text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-import-private.h"
#include "cb-text.h"

typedef struct
{
  const char     *extension;   /* lower case, with the dot */
  const char     *format;
  CbImporterFunc  import;
  gboolean        normalizes;  /* hands over text already normalised */
} CbImporter;

static const CbImporter importers[] = {
  { ".txt", "txt", _cb_import_txt, TRUE },
  { ".text", "txt", _cb_import_txt, TRUE },
  { ".md", "md", _cb_import_txt, TRUE },
  { ".docx", "docx", _cb_import_docx, FALSE },
  { ".odt", "odt", _cb_import_odt, FALSE },
  { ".rtf", "rtf", _cb_import_rtf, FALSE },
  { ".pdf", "pdf", _cb_import_pdf, FALSE },
  { ".html", "html", _cb_import_html, FALSE },
  { ".htm", "html", _cb_import_html, FALSE },
};

void
cb_imported_text_free (CbImportedText *imported)
{
  if (imported == NULL)
    return;
  g_free (imported->text);
  g_free (imported->format);
  g_free (imported->encoding);
  g_clear_pointer (&imported->warnings, g_ptr_array_unref);
  g_free (imported);
}

static const CbImporter *
find_importer (const char *filename)
{
  g_autofree char *basename = g_path_get_basename (filename);
  g_autofree char *lower = g_utf8_strdown (basename, -1);

  for (guint i = 0; i < G_N_ELEMENTS (importers); i++)
    if (g_str_has_suffix (lower, importers[i].extension))
      return &importers[i];

  return NULL;
}

gboolean
cb_import_supports (const char *filename)
{
  return find_importer (filename) != NULL;
}

/* Prefixes @error's message with the file's name, so that every import
 * error says which file it is about. */
static void
prefix_with_file (GError     **error,
                  const char  *filename)
{
  g_autofree char *basename = g_path_get_basename (filename);

  g_prefix_error (error, _("Cannot import “%s”: "), basename);
}

CbImportedText *
cb_import_bytes (const char             *filename,
                 const guint8           *data,
                 gsize                   length,
                 const CbImportOptions  *options,
                 GError                **error)
{
  g_autoptr(CbImportedText) imported = NULL;
  static const CbImportOptions no_options = { NULL };
  const CbImporter *importer;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (options == NULL)
    options = &no_options;

  importer = find_importer (filename);
  if (importer == NULL)
    {
      g_autofree char *basename = g_path_get_basename (filename);

      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSUPPORTED,
                   _("Cannot import “%s”: Codeboom does not know this kind of file"),
                   basename);
      return NULL;
    }

  if (length == 0)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_EMPTY, _("The file is empty"));
      prefix_with_file (error, filename);
      return NULL;
    }

  imported = g_new0 (CbImportedText, 1);
  imported->format = g_strdup (importer->format);
  imported->warnings = g_ptr_array_new_with_free_func (g_free);

  if (!importer->import (filename, data, length, options, imported, error))
    {
      prefix_with_file (error, filename);
      return NULL;
    }

  g_assert (imported->text != NULL);

  /* Importers hand over UTF-8; normalising here, once, is what makes every
   * format come out the same. */
  if (importer->normalizes)
    ;
  else if (!g_utf8_validate (imported->text, -1, NULL))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                   _("The text is not valid UTF-8"));
      prefix_with_file (error, filename);
      return NULL;
    }
  else
    {
      char *normalized = cb_text_normalize (imported->text, -1);

      g_free (imported->text);
      imported->text = normalized;
    }

  imported->length = strlen (imported->text);
  imported->n_chars = cb_text_count_chars (imported->text, imported->length);

  if (imported->n_chars == 0 || strspn (imported->text, " \t\n\f\v") == imported->length)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_EMPTY, _("The file holds no text"));
      prefix_with_file (error, filename);
      return NULL;
    }

  return g_steal_pointer (&imported);
}

gboolean
_cb_import_txt (const char             *filename,
                const guint8           *data,
                gsize                   length,
                const CbImportOptions  *options,
                CbImportedText         *imported,
                GError                **error)
{
  imported->text = cb_text_decode (data, length, options->encoding,
                                   &imported->encoding, &imported->encoding_guessed,
                                   error);
  return imported->text != NULL;
}
