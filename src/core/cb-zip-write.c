/* cb-zip-write.c: building a zip archive with libzip, in memory or streamed into a file
 *
 * In memory, members are collected first and the archive is written in
 * one go by cb_zip_writer_finish(): libzip writes into a buffer source
 * that we keep alive across zip_close() and then read back.  Streamed,
 * libzip writes the file itself (into a temporary file it renames into
 * place) and pulls each member from a function source as it goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

/* A fixed time, so that an export is reproducible; the fastest deflate
 * level: these archives are written once and read once. */
static gboolean
set_member_options (zip_t       *archive,
                    zip_int64_t  index,
                    gboolean     store)
{
  zip_file_set_mtime (archive, index, 315532800 + 86400 * 2, 0);
  return zip_set_file_compression (archive, index, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                   store ? 0 : 1) >= 0;
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
      if (!set_member_options (archive, index, member->store))
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

/* Streamed into a file */

struct _CbZipStream
{
  zip_t *archive;
};

CbZipStream *
cb_zip_stream_new (const char  *path,
                   GError     **error)
{
  CbZipStream *self;
  zip_error_t zerror;
  zip_t *archive;
  int code = 0;

  g_return_val_if_fail (path != NULL, NULL);

  archive = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (archive == NULL)
    {
      zip_error_init_with_code (&zerror, code);
      set_zip_error (error, zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      return NULL;
    }
  self = g_new0 (CbZipStream, 1);
  self->archive = archive;
  return self;
}

void
cb_zip_stream_free (CbZipStream *self)
{
  if (self == NULL)
    return;
  if (self->archive != NULL)
    zip_discard (self->archive);
  g_free (self);
}

gboolean
cb_zip_stream_add_function (CbZipStream         *self,
                            const char          *name,
                            zip_source_callback  callback,
                            gpointer             data,
                            GDestroyNotify       destroy,
                            GError             **error)
{
  zip_source_t *source;
  zip_int64_t index;

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);

  source = zip_source_function (self->archive, callback, data);
  if (source == NULL)
    {
      destroy (data);
      set_zip_error (error, zip_error_strerror (zip_get_error (self->archive)));
      return FALSE;
    }
  index = zip_file_add (self->archive, name, source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
  if (index < 0)
    {
      /* freeing the source frees @data through the callback */
      zip_source_free (source);
      set_zip_error (error, zip_error_strerror (zip_get_error (self->archive)));
      return FALSE;
    }
  if (!set_member_options (self->archive, index, FALSE))
    {
      set_zip_error (error, zip_error_strerror (zip_get_error (self->archive)));
      return FALSE;
    }
  return TRUE;
}

gboolean
cb_zip_stream_close (CbZipStream  *self,
                     GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL && self->archive != NULL, FALSE);

  ok = zip_close (self->archive) == 0;
  if (ok)
    self->archive = NULL;
  else if (error == NULL || *error == NULL)
    set_zip_error (error, zip_error_strerror (zip_get_error (self->archive)));
  /* on failure zip_discard() drops the temporary file */
  cb_zip_stream_free (self);
  return ok;
}
