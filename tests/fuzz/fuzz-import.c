/* fuzz-import.c: importing one file and checking the result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-error.h"
#include "cb-import.h"
#include "cb-zip-write.h"
#include "fuzz-common.h"
#include "fuzz-import.h"

GBytes *
fuzz_wrap_in_zip (const guint8 *data,
                  gsize         size,
                  const char   *member,
                  const char   *mimetype)
{
  g_autoptr(CbZipWriter) writer = cb_zip_writer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = g_bytes_new_static (data, size);
  g_autoptr(GBytes) type = NULL;
  GBytes *zip;

  /* OpenDocument wants its mimetype first and stored. */
  if (mimetype != NULL)
    {
      type = g_bytes_new_static (mimetype, strlen (mimetype));
      cb_zip_writer_add (writer, "mimetype", type, TRUE);
    }
  cb_zip_writer_add (writer, member, content, TRUE);
  zip = cb_zip_writer_finish (writer, &error);
  FUZZ_CHECK (zip != NULL);
  return zip;
}

void
fuzz_check_import (const char   *filename,
                   const char   *format,
                   const guint8 *data,
                   gsize         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportedText) imported = NULL;

  imported = cb_import_bytes (filename, data, size, NULL, &error);
  if (imported == NULL)
    {
      /* A refusal is a sentence in CB_IMPORT_ERROR that names the file. */
      fuzz_debug_error (error);
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (error->domain == CB_IMPORT_ERROR);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (strstr (error->message, filename) != NULL);
      return;
    }

  FUZZ_CHECK (error == NULL);
  fuzz_check_stored_text (imported->text, imported->length);
  FUZZ_CHECK (imported->n_chars == g_utf8_strlen (imported->text, imported->length));
  FUZZ_CHECK (g_strcmp0 (imported->format, format) == 0);
  if (imported->warnings != NULL)
    for (guint i = 0; i < imported->warnings->len; i++)
      FUZZ_CHECK (g_utf8_validate (g_ptr_array_index (imported->warnings, i), -1, NULL));
}
