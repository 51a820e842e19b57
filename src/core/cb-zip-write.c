/* cb-zip-write.c: building a zip archive in memory with libzip
 *
 * Members are collected first and the archive is written in one go by
 * cb_zip_writer_finish(): libzip writes into a buffer source that we keep
 * alive across zip_close() and then read back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Codeboom"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <zip.h>

#include "cb-error.h"
#include "cb-zip-write.h"

typedef struct
{
  char     *name;
  GBytes   *bytes;
  gboolean  store;
} Member;

struct _CbZipWriter
{
  GArray *members;
};

static void
member_clear (gpointer data)
{
  Member *member = data;

  g_free (member->name);
  g_bytes_unref (member->bytes);
}

CbZipWriter *
cb_zip_writer_new (void)
{
  CbZipWriter *self = g_new0 (CbZipWriter, 1);

  self->members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_array_set_clear_func (self->members, member_clear);
  return self;
}

void
cb_zip_writer_free (CbZipWriter *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->members);
  g_free (self);
}

void
cb_zip_writer_add (CbZipWriter *self,
                   const char  *name,
                   GBytes      *bytes,
                   gboolean     store)
{
  Member member = { g_strdup (name), g_bytes_ref (bytes), store };

  g_return_if_fail (self != NULL);
  g_array_append_val (self->members, member);
}

static void
set_zip_error (GError     **error,
               const char  *detail)
{
  g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
               /* Translators: %s is libzip's explanation */
               _("Could not build the zip archive: %s"), detail);
}

GBytes *
cb_zip_writer_finish (CbZipWriter  *self,
                      GError      **error)
{
  zip_error_t zerror;
  zip_source_t *buffer;
  zip_t *archive;
  zip_stat_t st;
  guint8 *data = NULL;
  zip_int64_t got;

  g_return_val_if_fail (self != NULL, NULL);

  zip_error_init (&zerror);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zerror);
  if (buffer == NULL)
    {
      set_zip_error (error, zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      return NULL;
    }
  /* keep the buffer alive past zip_close(), which would free it */
  zip_source_keep (buffer);
  archive = zip_open_from_source (buffer, ZIP_TRUNCATE, &zerror);
  if (archive == NULL)
    {
      set_zip_error (error, zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      zip_source_free (buffer);
      return NULL;
    }
  zip_error_fini (&zerror);

  for (guint i = 0; i < self->members->len; i++)
    {
      Member *member = &g_array_index (self->members, Member, i);
      gsize size;
      gconstpointer bytes = g_bytes_get_data (member->bytes, &size);
      zip_source_t *source = zip_source_buffer (archive, bytes, size, 0);
      zip_int64_t index;

      if (source == NULL)
        goto failed;
      index = zip_file_add (archive, member->name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
      if (index < 0)
        {
          zip_source_free (source);
          goto failed;
        }
      /* a fixed time, so that an export is reproducible; the fastest
       * deflate level: these archives are written once and read once */
      zip_file_set_mtime (archive, index, 315532800 + 86400 * 2, 0);
      if (zip_set_file_compression (archive, index, member->store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                    member->store ? 0 : 1) < 0)
        goto failed;
    }

  if (zip_close (archive) < 0)
    goto failed;
  archive = NULL;

  zip_stat_init (&st);
  if (zip_source_stat (buffer, &st) < 0 || zip_source_open (buffer) < 0)
    {
      set_zip_error (error, zip_error_strerror (zip_source_error (buffer)));
      zip_source_free (buffer);
      return NULL;
    }
  data = g_malloc (st.size > 0 ? st.size : 1);
  got = zip_source_read (buffer, data, st.size);
  zip_source_close (buffer);
  zip_source_free (buffer);
  if (got < 0 || (zip_uint64_t) got != st.size)
    {
      g_free (data);
      set_zip_error (error, _("the archive could not be read back"));
      return NULL;
    }
  return g_bytes_new_take (data, st.size);

failed:
  set_zip_error (error, zip_error_strerror (zip_get_error (archive)));
  zip_discard (archive);
  zip_source_free (buffer);
  return NULL;
}
