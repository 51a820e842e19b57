/* cb-xml-writer.c: libxml2's xmlTextWriter for the exports, into memory or a stream
 *
 * A memory sink serves small documents and producers that hand the bytes
 * on piecewise (the .qdpx's project.qde, pulled by the zip writer); a
 * stream sink serves exports written straight into their file, so that
 * memory does not grow with the project.  Export files are written into
 * a temporary file that replaces the target only when everything worked,
 * so a failed export never leaves half a file behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-xml-writer.h"

static int
memory_write_cb (void       *context,
                 const char *buffer,
                 int         len)
{
  CbXmlOut *out = context;

  g_byte_array_append (out->bytes, (const guint8 *) buffer, len);
  return len;
}

static int
stream_write_cb (void       *context,
                 const char *buffer,
                 int         len)
{
  CbXmlOut *out = context;

  if (out->error != NULL)
    return -1;
  if (!g_output_stream_write_all (out->stream, buffer, len, NULL, NULL, &out->error))
    return -1;
  return len;
}

static int
close_cb (void *context)
{
  return 0;
}

static gboolean
start_document (CbXmlOut                *out,
                xmlOutputWriteCallback   write_cb)
{
  xmlOutputBufferPtr buffer;

  out->failed = FALSE;
  buffer = xmlOutputBufferCreateIO (write_cb, close_cb, out, NULL);
  if (buffer == NULL)
    return FALSE;
  /* the writer owns the buffer from here on */
  out->writer = xmlNewTextWriter (buffer);
  if (out->writer == NULL)
    {
      xmlOutputBufferClose (buffer);
      return FALSE;
    }
  xmlTextWriterSetIndent (out->writer, 1);
  xmlTextWriterSetIndentString (out->writer, BAD_CAST "  ");
  return xmlTextWriterStartDocument (out->writer, "1.0", "UTF-8", NULL) >= 0;
}

gboolean
_cb_xml_out_init (CbXmlOut *out)
{
  out->bytes = g_byte_array_new ();
  out->stream = NULL;
  out->error = NULL;
  return start_document (out, memory_write_cb);
}

gboolean
_cb_xml_out_init_stream (CbXmlOut      *out,
                         GOutputStream *stream)
{
  out->bytes = NULL;
  out->stream = g_object_ref (stream);
  out->error = NULL;
  return start_document (out, stream_write_cb);
}

void
_cb_xml_out_clear (CbXmlOut *out)
{
  g_clear_pointer (&out->writer, xmlFreeTextWriter);
  if (out->bytes != NULL)
    g_byte_array_unref (g_steal_pointer (&out->bytes));
  g_clear_object (&out->stream);
  g_clear_error (&out->error);
}

/* Ends the document; freeing the writer flushes and closes its buffer. */
static void
end_document (CbXmlOut *out)
{
  if (!out->failed && xmlTextWriterEndDocument (out->writer) < 0)
    out->failed = TRUE;
  g_clear_pointer (&out->writer, xmlFreeTextWriter);
  if (out->error != NULL)
    out->failed = TRUE;
}

GBytes *
_cb_xml_out_finish (CbXmlOut    *out,
                    const char  *message,
                    GError     **error)
{
  end_document (out);
  if (out->failed)
    {
      _cb_xml_out_clear (out);
      g_set_error_literal (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out->bytes));
}

gboolean
_cb_xml_out_finish_stream (CbXmlOut    *out,
                           const char  *message,
                           GError     **error)
{
  end_document (out);
  if (out->failed)
    {
      if (out->error != NULL)
        g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_IO,
                     "%s: %s", message, out->error->message);
      else
        g_set_error_literal (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, message);
      _cb_xml_out_clear (out);
      return FALSE;
    }
  _cb_xml_out_clear (out);
  return TRUE;
}

void
_cb_xml_out_flush (CbXmlOut *out)
{
  if (!out->failed && out->writer != NULL && xmlTextWriterFlush (out->writer) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_take_pending (CbXmlOut   *out,
                          GByteArray *into)
{
  g_return_if_fail (out->bytes != NULL);

  _cb_xml_out_flush (out);
  g_byte_array_append (into, out->bytes->data, out->bytes->len);
  g_byte_array_set_size (out->bytes, 0);
}

/* XML 1.0 cannot carry C0 controls other than TAB, LF and CR, nor U+FFFE
 * and U+FFFF.  They are replaced by U+FFFD one for one, so that code-point
 * offsets into the text still line up.  Returns NULL when @text is fine
 * as it is (the usual case, checked without allocating). */
static char *
xml_dup_safe (const char *text)
{
  GString *safe;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    {
      /* stored text is always valid; this is defence, not a path we expect */
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      char *result = xml_dup_safe (valid);

      return result != NULL ? result : g_steal_pointer (&valid);
    }

  /* The characters XML cannot carry are, in valid UTF-8, single control
   * bytes and EF BF BE / EF BF BF: a byte scan finds them without decoding
   * (this runs on every attribute and text of an export). */
  for (p = text; *p != '\0'; p++)
    {
      guchar b = (guchar) *p;

      if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') ||
          (b == 0xef && (guchar) p[1] == 0xbf && ((guchar) p[2] == 0xbe || (guchar) p[2] == 0xbf)))
        break;
    }
  if (*p == '\0')
    return NULL;

  safe = g_string_new_len (text, p - text);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        g_string_append_unichar (safe, 0xfffd);
      else
        g_string_append_len (safe, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (safe, FALSE);
}

void
_cb_xml_out_start (CbXmlOut   *out,
                   const char *name)
{
  if (!out->failed && xmlTextWriterStartElement (out->writer, BAD_CAST name) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_start_ns (CbXmlOut   *out,
                      const char *name,
                      const char *namespace_uri)
{
  if (!out->failed
      && xmlTextWriterStartElementNS (out->writer, NULL, BAD_CAST name, BAD_CAST namespace_uri) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_end (CbXmlOut *out)
{
  if (!out->failed && xmlTextWriterEndElement (out->writer) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_attr (CbXmlOut   *out,
                  const char *name,
                  const char *value)
{
  g_autofree char *safe = NULL;

  if (out->failed)
    return;
  safe = xml_dup_safe (value != NULL ? value : "");
  if (xmlTextWriterWriteAttribute (out->writer, BAD_CAST name,
                                   BAD_CAST (safe != NULL ? safe : value != NULL ? value : "")) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_attr_int (CbXmlOut   *out,
                      const char *name,
                      gint64      value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  _cb_xml_out_attr (out, name, buffer);
}

/* An element holding only @text, written exactly (escaped by libxml2). */
void
_cb_xml_out_text_element (CbXmlOut   *out,
                          const char *name,
                          const char *text)
{
  g_autofree char *safe = NULL;

  _cb_xml_out_start (out, name);
  if (out->failed)
    return;
  safe = xml_dup_safe (text);
  if (xmlTextWriterWriteString (out->writer, BAD_CAST (safe != NULL ? safe : text)) < 0)
    out->failed = TRUE;
  _cb_xml_out_end (out);
}

/* "YYYY-MM-DDTHH:MM:SSZ" exactly */
static gboolean
is_utc_seconds (const char *text)
{
  static const char pattern[] = "dddd-dd-ddTdd:dd:ddZ";

  for (guint i = 0; i < sizeof pattern - 1; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  return text[sizeof pattern - 1] == '\0';
}

char *
_cb_xml_format_timestamp (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (iso8601 == NULL)
    return g_strdup ("");
  /* what the store writes (cb_store_now) is already the form wanted: a
   * quote list formats two per quote, and parsing them was a tenth of it */
  if (is_utc_seconds (iso8601))
    return g_strdup (iso8601);
  parsed = g_date_time_new_from_iso8601 (iso8601, utc);
  if (parsed == NULL)
    return g_strdup (iso8601);
  in_utc = g_date_time_to_utc (parsed);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

char *
_cb_xml_generated_timestamp (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    when = g_date_time_new_from_unix_utc ((gint64) seconds);
  if (when == NULL)
    when = g_date_time_new_now_utc ();
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

/* Export files */

void
_cb_export_set_io_error (GError     **error,
                         GFile       *file,
                         const char  *reason)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_IO,
               /* Translators: the first %s is a file name, the second the reason */
               _("Could not write “%s”: %s"), name, reason);
}

/* The stream writes a hidden file beside the target, moved over it on
 * commit (a rename on one file system) and deleted on abort: whether or
 * not the target existed, a failed or interrupted export never leaves a
 * partial file under its name. */
#define PART_FILE_KEY "codeboom-part-file"

GOutputStream *
_cb_export_file_begin (GFile   *file,
                       GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *part_name = NULL;
  g_autoptr(GFile) part = NULL;
  GFileOutputStream *stream;

  if (parent == NULL || basename == NULL)
    {
      _cb_export_set_io_error (error, file, g_strerror (EISDIR));
      return NULL;
    }
  part_name = g_strdup_printf (".%s.part-%08x", basename, g_random_int ());
  part = g_file_get_child (parent, part_name);
  stream = g_file_create (part, G_FILE_CREATE_NONE, NULL, &local_error);
  if (stream == NULL)
    {
      _cb_export_set_io_error (error, file, local_error->message);
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (stream), PART_FILE_KEY, g_steal_pointer (&part), g_object_unref);
  return G_OUTPUT_STREAM (stream);
}

gboolean
_cb_export_file_commit (GOutputStream  *stream,
                        GFile          *file,
                        GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  GFile *part = g_object_get_data (G_OBJECT (stream), PART_FILE_KEY);

  if (!g_output_stream_close (stream, NULL, &local_error) ||
      !g_file_move (part, file, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, &local_error))
    {
      g_file_delete (part, NULL, NULL);
      _cb_export_set_io_error (error, file, local_error->message);
      return FALSE;
    }
  return TRUE;
}

void
_cb_export_file_abort (GOutputStream *stream)
{
  GFile *part = g_object_get_data (G_OBJECT (stream), PART_FILE_KEY);

  g_output_stream_close (stream, NULL, NULL);
  g_file_delete (part, NULL, NULL);
}

/**
 * cb_export_write_file:
 * @bytes: what to write
 * @file: where
 * @error: a #GError in %CB_EXPORT_ERROR
 *
 * Writes @bytes to @file through a temporary file renamed into place, so
 * that a failed export never leaves half a file behind (nor destroys the
 * file it would have replaced).  Empty @bytes make an empty file.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_export_write_file (GBytes  *bytes,
                      GFile   *file,
                      GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  /* empty GBytes may have no data pointer at all, which GIO refuses */
  if (!g_file_replace_contents (file, data != NULL ? data : "", size, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &local_error))
    {
      _cb_export_set_io_error (error, file, local_error->message);
      return FALSE;
    }
  return TRUE;
}
