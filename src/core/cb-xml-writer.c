/* cb-xml-writer.c: the exports' XML writer (libxml2's xmlTextWriter, or
 * Codeboom's own plain writer that writes the same bytes), into memory or
 * a stream
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
#include <string.h>
#include <glib/gi18n-lib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-xml-writer.h"

/* ---- The plain writer -------------------------------------------------
 *
 * libxml2's writer goes through several layers per attribute (an escaped
 * copy, an output buffer, an encoder from UTF-8 to UTF-8) and was most of
 * the time of a large export.  The plain writer writes the same bytes for
 * what the helpers below write (elements, attributes, elements holding
 * only text), with xmlTextWriter's indentation of two spaces a level and
 * its escaping: in attributes & < > " as entities and TAB, LF, CR as
 * character references; in text & < > " and CR.  Values are scanned
 * sixteen bytes at a time for a byte that needs anything; the rest is
 * copied into one large buffer that goes to the sink in big pieces.
 * test-xml-writer checks it against libxml2's writer byte for byte. */

#define PLAIN_FLUSH_AT (256 * 1024)

typedef struct
{
  gsize  name;          /* offset of its name in names */
  gsize  name_length;
  gboolean text;        /* its start tag is closed (content follows) */
  char  *namespace_uri; /* declared when its start tag closes, or NULL */
} PlainElement;

struct _CbXmlPlain
{
  char     *buf;
  gsize     len;
  gsize     cap;
  GString  *names;      /* the open elements' names, one after another */
  PlainElement *open;   /* the open elements, the innermost last */
  guint     n_open;
  guint     open_size;
  gboolean  doindent;   /* as xmlTextWriter's: an end tag on a line of its own */
};

static CbXmlPlain *
plain_new (void)
{
  CbXmlPlain *w = g_new0 (CbXmlPlain, 1);

  w->cap = PLAIN_FLUSH_AT * 2;
  w->buf = g_malloc (w->cap);
  w->names = g_string_sized_new (256);
  w->open_size = 16;
  w->open = g_new (PlainElement, w->open_size);
  return w;
}

static void
plain_free (CbXmlPlain *w)
{
  if (w == NULL)
    return;
  for (guint i = 0; i < w->n_open; i++)
    g_free (w->open[i].namespace_uri);
  g_free (w->open);
  g_string_free (w->names, TRUE);
  g_free (w->buf);
  g_free (w);
}

static inline void
plain_reserve (CbXmlPlain *w,
               gsize       n)
{
  if (G_UNLIKELY (w->cap - w->len < n))
    {
      while (w->cap - w->len < n)
        w->cap *= 2;
      w->buf = g_realloc (w->buf, w->cap);
    }
}

static inline void
plain_put (CbXmlPlain *w,
           const char *bytes,
           gsize       n)
{
  plain_reserve (w, n);
  memcpy (w->buf + w->len, bytes, n);
  w->len += n;
}

#define plain_put_literal(w, literal) plain_put ((w), (literal), sizeof (literal) - 1)

/* Hands the buffer to the sink: appended to the memory sink, or written
 * to the stream (its first error kept; the writer has failed then). */
static void
plain_drain (CbXmlOut *out)
{
  CbXmlPlain *w = out->plain;

  if (w->len == 0)
    return;
  if (out->bytes != NULL)
    g_byte_array_append (out->bytes, (const guint8 *) w->buf, w->len);
  else if (out->error == NULL &&
           !g_output_stream_write_all (out->stream, w->buf, w->len, NULL, NULL, &out->error))
    out->failed = TRUE;
  w->len = 0;
}

static void
plain_indent (CbXmlPlain *w,
              guint       levels)
{
  plain_reserve (w, 2 * levels);
  for (guint i = 0; i < levels; i++)
    {
      w->buf[w->len++] = ' ';
      w->buf[w->len++] = ' ';
    }
}

/* Ends the innermost element's start tag (its namespace declaration, then
 * @close) if it is still open. */
static void
plain_close_start_tag (CbXmlPlain *w,
                       const char *close,
                       gsize       close_length)
{
  PlainElement *top;

  if (w->n_open == 0)
    return;
  top = &w->open[w->n_open - 1];
  if (top->text)
    return;
  if (top->namespace_uri != NULL)
    {
      plain_put_literal (w, " xmlns=\"");
      plain_put (w, top->namespace_uri, strlen (top->namespace_uri));
      plain_put_literal (w, "\"");
    }
  plain_put (w, close, close_length);
  top->text = TRUE;
}

static void
plain_start (CbXmlPlain *w,
             const char *name,
             const char *namespace_uri)
{
  PlainElement element = { w->names->len, strlen (name), FALSE, g_strdup (namespace_uri) };

  plain_close_start_tag (w, ">\n", 2);
  /* the name kept for its end tag; appended in place while it fits */
  if (w->names->len + element.name_length < w->names->allocated_len)
    {
      memcpy (w->names->str + w->names->len, name, element.name_length);
      w->names->len += element.name_length;
      w->names->str[w->names->len] = '\0';
    }
  else
    g_string_append_len (w->names, name, element.name_length);
  if (w->n_open == w->open_size)
    {
      w->open_size *= 2;
      w->open = g_renew (PlainElement, w->open, w->open_size);
    }
  w->open[w->n_open++] = element;
  plain_indent (w, w->n_open - 1);
  plain_put_literal (w, "<");
  plain_put (w, name, element.name_length);
}

static void
plain_end (CbXmlPlain *w)
{
  PlainElement *top;

  if (w->n_open == 0)
    return;
  top = &w->open[w->n_open - 1];
  if (!top->text)
    {
      plain_close_start_tag (w, "/>", 2);
      w->doindent = TRUE;
    }
  else
    {
      if (w->doindent)
        plain_indent (w, w->n_open - 1);
      w->doindent = TRUE;
      plain_put_literal (w, "</");
      plain_put (w, w->names->str + top->name, top->name_length);
      plain_put_literal (w, ">");
    }
  plain_put_literal (w, "\n");
  w->names->len = top->name;
  w->names->str[top->name] = '\0';
  g_free (top->namespace_uri);
  w->n_open--;
}

/* Appends @length bytes of @text escaped for an attribute value or for
 * text, with what XML cannot carry (C0 controls other than TAB, LF and CR,
 * U+FFFE, U+FFFF) replaced by U+FFFD, as xml_dup_safe() and libxml2 do in
 * turn.  FALSE (and nothing appended) when @text is not valid UTF-8. */
static gboolean
plain_escape (CbXmlPlain *w,
              const char *text,
              gsize       length,
              gboolean    attribute)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;
  gsize saved = w->len;
  char *o;

  /* the longest replacement is six bytes for one ("&quot;") */
  plain_reserve (w, length * 6 + 16);
  o = w->buf + w->len;

  while (p < end)
    {
      guchar c;

#ifdef __SSE2__
      /* sixteen plain bytes at a time: none below 0x20 or above 0x7F
       * (signed, both compare below 0x20), none of " & < >; the last
       * few from a padded copy, so that short values (names, numbers,
       * uuids) take one step too */
      while (p < end)
        {
          __m128i v;
          __m128i special;
          guint mask;
          guint n;
          guint available = end - p >= 16 ? 16 : (guint) (end - p);

          if (available == 16)
            v = _mm_loadu_si128 ((const __m128i *) p);
          else
            {
              guchar tail[16];

              memset (tail, 'a', sizeof tail);
              memcpy (tail, p, available);
              v = _mm_loadu_si128 ((const __m128i *) tail);
            }
          special = _mm_or_si128 (_mm_or_si128 (_mm_cmplt_epi8 (v, _mm_set1_epi8 (0x20)),
                                                _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"'))),
                                  _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('&')),
                                                _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('<')),
                                                              _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('>')))));
          mask = _mm_movemask_epi8 (special);
          n = mask != 0 ? MIN ((guint) __builtin_ctz (mask), available) : available;

          _mm_storeu_si128 ((__m128i *) o, v);   /* room reserved above */
          o += n;
          p += n;
          if (n < available || mask != 0)
            break;
        }
      if (p >= end)
        break;
#endif
      c = *p;
      if (c >= 0x20 && c < 0x80 && c != '"' && c != '&' && c != '<' && c != '>')
        {
          *o++ = c;
          p++;
          continue;
        }
      switch (c)
        {
        case '"': memcpy (o, "&quot;", 6); o += 6; p++; continue;
        case '&': memcpy (o, "&amp;", 5); o += 5; p++; continue;
        case '<': memcpy (o, "&lt;", 4); o += 4; p++; continue;
        case '>': memcpy (o, "&gt;", 4); o += 4; p++; continue;
        case '\r': memcpy (o, "&#13;", 5); o += 5; p++; continue;
        case '\n':
          if (attribute)
            {
              memcpy (o, "&#10;", 5);
              o += 5;
            }
          else
            *o++ = '\n';
          p++;
          continue;
        case '\t':
          if (attribute)
            {
              memcpy (o, "&#9;", 4);
              o += 4;
            }
          else
            *o++ = '\t';
          p++;
          continue;
        default:
          break;
        }
      if (c < 0x20)
        {
          if (c == 0)
            {
              w->len = saved;
              return FALSE;
            }
          memcpy (o, "\xef\xbf\xbd", 3);
          o += 3;
          p++;
          continue;
        }
      /* c >= 0x80: one code point, checked as g_utf8_validate() does */
      if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80)
        {
          o[0] = c;
          o[1] = p[1];
          o += 2;
          p += 2;
          continue;
        }
      {
        gsize n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 1;

        if (n == 1 || (gsize) (end - p) < n || !g_utf8_validate_len ((const char *) p, n, NULL))
          {
            w->len = saved;
            return FALSE;
          }
        if (n == 3 && c == 0xEF && p[1] == 0xBF && (p[2] == 0xBE || p[2] == 0xBF))
          memcpy (o, "\xef\xbf\xbd", 3);
        else
          memcpy (o, p, n);
        o += n;
        p += n;
      }
    }
  w->len = o - w->buf;
  return TRUE;
}

/* @text escaped; text that is not valid UTF-8 (never stored, but this is
 * defence) is first made valid as xml_dup_safe() makes it. */
static void
plain_escaped (CbXmlPlain *w,
               const char *text,
               gsize       length,
               gboolean    attribute)
{
  if (!plain_escape (w, text, length, attribute))
    {
      g_autofree char *valid = g_utf8_make_valid (text, length);

      /* valid now, and without NUL: cannot fail */
      plain_escape (w, valid, strlen (valid), attribute);
    }
}

/* An attribute whose value needs no escaping (digits, a timestamp). */
static void
plain_attr_raw (CbXmlPlain *w,
                const char *name,
                const char *value,
                gsize       length)
{
  gsize name_length = strlen (name);

  plain_reserve (w, name_length + length + 4);
  w->buf[w->len++] = ' ';
  memcpy (w->buf + w->len, name, name_length);
  w->len += name_length;
  w->buf[w->len++] = '=';
  w->buf[w->len++] = '"';
  memcpy (w->buf + w->len, value, length);
  w->len += length;
  w->buf[w->len++] = '"';
}

static void
plain_attr (CbXmlPlain *w,
            const char *name,
            const char *value,
            gsize       length)
{
  gsize name_length = strlen (name);

  plain_reserve (w, name_length + 4);
  w->buf[w->len++] = ' ';
  memcpy (w->buf + w->len, name, name_length);
  w->len += name_length;
  w->buf[w->len++] = '=';
  w->buf[w->len++] = '"';
  plain_escaped (w, value, length, TRUE);
  plain_put_literal (w, "\"");
}

static void
plain_text_element (CbXmlOut   *out,
                    const char *name,
                    const char *text,
                    gsize       length)
{
  CbXmlPlain *w = out->plain;

  plain_start (w, name, NULL);
  plain_close_start_tag (w, ">", 1);
  w->doindent = FALSE;
  plain_escaped (w, text, length, FALSE);
  plain_end (w);
  if (out->stream != NULL && w->len >= PLAIN_FLUSH_AT)
    plain_drain (out);
}

static gboolean
start_plain (CbXmlOut *out)
{
  out->failed = FALSE;
  out->writer = NULL;
  out->plain = plain_new ();
  plain_put_literal (out->plain, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  return TRUE;
}

gboolean
_cb_xml_out_init_plain (CbXmlOut *out)
{
  out->bytes = g_byte_array_new ();
  out->stream = NULL;
  out->error = NULL;
  return start_plain (out);
}

gboolean
_cb_xml_out_init_stream_plain (CbXmlOut      *out,
                               GOutputStream *stream)
{
  out->bytes = NULL;
  out->stream = g_object_ref (stream);
  out->error = NULL;
  return start_plain (out);
}

/* ---- libxml2's writer --------------------------------------------------- */

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
  out->plain = NULL;
  return start_document (out, memory_write_cb);
}

gboolean
_cb_xml_out_init_stream (CbXmlOut      *out,
                         GOutputStream *stream)
{
  out->bytes = NULL;
  out->stream = g_object_ref (stream);
  out->error = NULL;
  out->plain = NULL;
  return start_document (out, stream_write_cb);
}

void
_cb_xml_out_clear (CbXmlOut *out)
{
  g_clear_pointer (&out->writer, xmlFreeTextWriter);
  g_clear_pointer (&out->plain, plain_free);
  if (out->bytes != NULL)
    g_byte_array_unref (g_steal_pointer (&out->bytes));
  g_clear_object (&out->stream);
  g_clear_error (&out->error);
}

/* Ends the document; freeing the writer flushes and closes its buffer. */
static void
end_document (CbXmlOut *out)
{
  if (out->plain != NULL)
    {
      /* as xmlTextWriterEndDocument(): every open element ends */
      while (!out->failed && out->plain->n_open > 0)
        plain_end (out->plain);
      if (!out->failed)
        plain_drain (out);
      g_clear_pointer (&out->plain, plain_free);
    }
  else if (!out->failed && xmlTextWriterEndDocument (out->writer) < 0)
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
  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_drain (out);
    }
  else if (!out->failed && out->writer != NULL && xmlTextWriterFlush (out->writer) < 0)
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
  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_start (out->plain, name, NULL);
    }
  else if (!out->failed && xmlTextWriterStartElement (out->writer, BAD_CAST name) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_start_ns (CbXmlOut   *out,
                      const char *name,
                      const char *namespace_uri)
{
  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_start (out->plain, name, namespace_uri);
    }
  else if (!out->failed
           && xmlTextWriterStartElementNS (out->writer, NULL, BAD_CAST name, BAD_CAST namespace_uri) < 0)
    out->failed = TRUE;
}

void
_cb_xml_out_end (CbXmlOut *out)
{
  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_end (out->plain);
      if (!out->failed && out->stream != NULL && out->plain->len >= PLAIN_FLUSH_AT)
        plain_drain (out);
    }
  else if (!out->failed && xmlTextWriterEndElement (out->writer) < 0)
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
  if (out->plain != NULL)
    {
      plain_attr (out->plain, name, value != NULL ? value : "", value != NULL ? strlen (value) : 0);
      return;
    }
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
  char *p = buffer + sizeof buffer;
  guint64 magnitude = value < 0 ? -(guint64) value : (guint64) value;

  /* digits from the end, without printf's machinery */
  do
    {
      *--p = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (value < 0)
    *--p = '-';
  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_attr_raw (out->plain, name, p, buffer + sizeof buffer - p);
      return;
    }
  {
    g_autofree char *digits = g_strndup (p, buffer + sizeof buffer - p);

    _cb_xml_out_attr (out, name, digits);
  }
}

/* An element holding only @text, written exactly (escaped by libxml2). */
void
_cb_xml_out_text_element (CbXmlOut   *out,
                          const char *name,
                          const char *text)
{
  g_autofree char *safe = NULL;

  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_text_element (out, name, text, strlen (text));
      return;
    }
  _cb_xml_out_start (out, name);
  if (out->failed)
    return;
  safe = xml_dup_safe (text);
  if (xmlTextWriterWriteString (out->writer, BAD_CAST (safe != NULL ? safe : text)) < 0)
    out->failed = TRUE;
  _cb_xml_out_end (out);
}

void
_cb_xml_out_text_element_len (CbXmlOut   *out,
                              const char *name,
                              const char *text,
                              gsize       length)
{
  g_autofree char *copy = NULL;

  if (out->plain != NULL)
    {
      if (!out->failed)
        plain_text_element (out, name, text, length);
      return;
    }
  copy = g_strndup (text, length);
  _cb_xml_out_text_element (out, name, copy);
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

void
_cb_xml_out_attr_timestamp (CbXmlOut   *out,
                            const char *name,
                            const char *iso8601)
{
  g_autofree char *formatted = NULL;

  if (iso8601 != NULL && is_utc_seconds (iso8601))
    {
      /* digits, '-', ':', 'T' and 'Z': nothing to escape */
      if (out->plain != NULL && !out->failed)
        plain_attr_raw (out->plain, name, iso8601, 20);
      else
        _cb_xml_out_attr (out, name, iso8601);
      return;
    }
  formatted = _cb_xml_format_timestamp (iso8601);
  _cb_xml_out_attr (out, name, formatted);
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
