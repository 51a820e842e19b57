/* cb-import-zip.c: safe reading of zip containers and their XML
 *
 * See cb-import-zip.h for the rules.  The archive is never extracted: we
 * inflate single members into memory, each bounded by the size the central
 * directory declares, which itself is bounded by the limits, so a zip bomb
 * costs us at most max_member_size bytes and a few checks (the size limits
 * grow with a large archive's own size: see scaled_limit()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include "cb-error.h"
#include "cb-import-zip.h"

const CbZipLimits cb_zip_default_limits = {
  .max_member_size = 64 * 1024 * 1024,
  .max_total_size = 256 * 1024 * 1024,
  .max_ratio = 100,
  .ratio_min_size = 1024 * 1024,
  .max_members = 20000,
  .scale_above = 4 * 1024 * 1024,
  .hard_member_size = G_GUINT64_CONSTANT (2000) * 1024 * 1024,
  .hard_total_size = G_GUINT64_CONSTANT (4) * 1024 * 1024 * 1024,
  .hard_stream_size = G_GUINT64_CONSTANT (64) * 1024 * 1024 * 1024,
};

struct _CbZip
{
  char        *filename;
  zip_t       *archive;
  CbZipLimits  limits;
  guint64      n_members;
  guint64      total_read;
  guint64      max_member_size;  /* the limits for this archive's size */
  guint64      max_total_size;
  guint64      max_stream_size;
  GBytes      *owned;            /* the archive's bytes when we read them */
};

/* @limit for an archive of @length bytes: as it is up to scale_above, in
 * proportion to @length above it (the bytes an archive really holds bound
 * what it may honestly unpack to; the ratio check still catches a bomb),
 * never beyond @hard nor below @limit.  Anything Codeboom writes is read
 * back: a .qdpx's project.qde unpacks to about 3.5 times the archive. */
static guint64
scaled_limit (const CbZipLimits *limits,
              guint64            limit,
              guint64            hard,
              guint64            length)
{
  guint64 scaled;

  if (limits->scale_above == 0 || length <= limits->scale_above)
    return limit;
  /* limit * length / scale_above without overflow */
  if (limit > G_MAXUINT64 / length)
    scaled = hard;
  else
    scaled = limit * length / limits->scale_above;
  return MAX (limit, MIN (scaled, hard));
}

/* The signature of an OLE2 compound file: what Office writes for legacy
 * .doc files and for any password-protected .docx/.xlsx/.pptx. */
static const guint8 ole2_magic[8] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };

/* "EncryptedPackage" in UTF-16LE, the stream an encrypted OOXML file keeps
 * its real zip in (MS-OFFCRYPTO). */
static gboolean
ole2_has_encrypted_package (const guint8 *data,
                            gsize         length)
{
  static const char name[] = "EncryptedPackage";
  guint8 needle[2 * (sizeof name - 1)];

  for (gsize i = 0; i < sizeof name - 1; i++)
    {
      needle[2 * i] = (guint8) name[i];
      needle[2 * i + 1] = 0;
    }

  if (length < sizeof needle)
    return FALSE;

  for (gsize i = 0; i <= length - sizeof needle; i++)
    if (data[i] == needle[0] && memcmp (data + i, needle, sizeof needle) == 0)
      return TRUE;

  return FALSE;
}

/* Whether @name, read with "\\" as a separator too (as Windows tools read
 * it), is absolute or climbs out with "..": what a zip-slip attack needs.
 * Other odd names (control characters, a lone "\\" inside a name) are left
 * to cb_zip_member_name_is_safe() for callers that map names to places. */
static gboolean
member_name_escapes (const char *name)
{
  g_autofree char *slashed = g_strdelimit (g_strdup (name), "\\", '/');

  if (slashed[0] == '/')
    return TRUE;
  if (g_ascii_isalpha (slashed[0]) && slashed[1] == ':')
    return TRUE;

  for (const char *p = slashed; p != NULL; p = strchr (p, '/'))
    {
      if (*p == '/')
        p++;
      if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
        return TRUE;
    }

  return FALSE;
}

/* When libzip refuses an archive, its own message names a library failure
 * ("No such file", "File already exists"), not what is wrong with the
 * file.  This reads the central directory itself, bounds-checked, for the
 * two defects made archives show: a name twice, and a size of 4 GB or more
 * (0xFFFFFFFF) without the ZIP64 record that must then hold it.  Returns
 * the message, or NULL when it finds neither. */
static char *
diagnose_directory (const guint8 *data,
                    gsize         length)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gsize eocd = 0;
  gboolean found = FALSE;
  gsize pos;
  guint n_entries;

  if (length < 22)
    return NULL;
  for (gsize back = 22; back <= length && back <= 22 + 65535; back++)
    if (memcmp (data + length - back, "PK\x05\x06", 4) == 0)
      {
        eocd = length - back;
        found = TRUE;
        break;
      }
  if (!found)
    return NULL;

  n_entries = data[eocd + 10] | (data[eocd + 11] << 8);
  pos = (gsize) data[eocd + 16] | ((gsize) data[eocd + 17] << 8) |
        ((gsize) data[eocd + 18] << 16) | ((gsize) data[eocd + 19] << 24);

  for (guint i = 0; i < n_entries && pos + 46 <= length; i++)
    {
      const guint8 *h = data + pos;
      guint32 compressed, uncompressed;
      guint name_length, extra_length, comment_length;
      gboolean has_zip64 = FALSE;
      g_autofree char *name = NULL;

      if (memcmp (h, "PK\x01\x02", 4) != 0)
        return NULL;
      compressed = h[20] | (h[21] << 8) | (h[22] << 16) | ((guint32) h[23] << 24);
      uncompressed = h[24] | (h[25] << 8) | (h[26] << 16) | ((guint32) h[27] << 24);
      name_length = h[28] | (h[29] << 8);
      extra_length = h[30] | (h[31] << 8);
      comment_length = h[32] | (h[33] << 8);
      if (pos + 46 + name_length + extra_length + comment_length > length)
        return NULL;

      name = g_utf8_make_valid ((const char *) h + 46, name_length);
      for (gsize e = 0; e + 4 <= extra_length; )
        {
          const guint8 *x = h + 46 + name_length + e;
          guint id = x[0] | (x[1] << 8);
          guint size = x[2] | (x[3] << 8);

          if (id == 0x0001)
            has_zip64 = TRUE;
          e += 4 + size;
        }

      if ((compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF) && !has_zip64)
        return g_strdup_printf (_("It is damaged or was made to mislead: its entry “%s” declares "
                                  "a size of 4 GB or more, but the archive holds no such size"),
                                name);
      if (g_hash_table_contains (names, name))
        return g_strdup_printf (_("It is damaged or was made to mislead: two of its entries "
                                  "have the same name, “%s”"), name);
      g_hash_table_add (names, g_steal_pointer (&name));
      pos += 46 + name_length + extra_length + comment_length;
    }

  return NULL;
}

static gboolean zip_check_entries (CbZip *self, GError **error);

static CbZip *
zip_new (const char        *filename,
         const CbZipLimits *limits,
         guint64            length)
{
  CbZip *self = g_new0 (CbZip, 1);

  self->filename = g_strdup (filename);
  self->limits = limits != NULL ? *limits : cb_zip_default_limits;
  self->max_member_size = scaled_limit (&self->limits, self->limits.max_member_size,
                                        self->limits.hard_member_size, length);
  self->max_total_size = scaled_limit (&self->limits, self->limits.max_total_size,
                                       self->limits.hard_total_size, length);
  self->max_stream_size = scaled_limit (&self->limits, self->limits.max_member_size,
                                        self->limits.hard_stream_size, length);
  return self;
}

CbZip *
cb_zip_open_bytes (const char         *filename,
                   const guint8       *data,
                   gsize               length,
                   const CbZipLimits  *limits,
                   GError            **error)
{
  g_autoptr(CbZip) self = NULL;
  zip_error_t zerror;
  zip_source_t *source;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_EMPTY,
                   _("The file is empty"));
      return NULL;
    }

  if (length >= sizeof ole2_magic && memcmp (data, ole2_magic, sizeof ole2_magic) == 0)
    {
      if (ole2_has_encrypted_package (data, length))
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCRYPTED,
                     _("The document is password-protected; open it in your word "
                       "processor, remove the password and import it again"));
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is an old binary Word document (.doc), not a .docx or .odt; "
                       "save it as .docx or .odt and import that"));
      return NULL;
    }

  if (length < 4 || data[0] != 'P' || data[1] != 'K')
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not what its name says: it is not a zip archive"));
      return NULL;
    }

  self = zip_new (filename, limits, length);
  zip_error_init (&zerror);
  source = zip_source_buffer_create (data, length, 0, &zerror);
  if (source == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("It cannot be read: %s"), zip_error_strerror (&zerror));
      zip_error_fini (&zerror);
      return NULL;
    }

  self->archive = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &zerror);
  if (self->archive == NULL)
    {
      g_autofree char *diagnosis = diagnose_directory (data, length);

      if (diagnosis != NULL)
        g_set_error_literal (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT, diagnosis);
      else if (zip_error_code_zip (&zerror) == ZIP_ER_NOZIP)
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is damaged or truncated: its zip directory is missing"));
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is damaged or truncated: %s"), zip_error_strerror (&zerror));
      zip_source_free (source);
      zip_error_fini (&zerror);
      return NULL;
    }
  zip_error_fini (&zerror);

  if (!zip_check_entries (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The central directory's entries: not too many, none escaping. */
static gboolean
zip_check_entries (CbZip   *self,
                   GError **error)
{
  zip_int64_t n_entries;

  n_entries = zip_get_num_entries (self->archive, 0);
  if (n_entries < 0)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is damaged: its zip directory cannot be read"));
      return FALSE;
    }
  if ((guint64) n_entries > self->limits.max_members)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("It holds %" PRId64 " files, more than the safety limit of %" PRIu64),
                   (gint64) n_entries, (guint64) self->limits.max_members);
      return FALSE;
    }
  self->n_members = (guint64) n_entries;

  /* Nothing is ever extracted, but an entry that would land outside the
   * archive (zip slip) is in no real document: the file was made to attack
   * whatever unpacks it, so it is refused whole, whichever member we want. */
  for (guint64 i = 0; i < self->n_members; i++)
    {
      const char *name = zip_get_name (self->archive, i, ZIP_FL_ENC_GUESS);

      if (name != NULL && member_name_escapes (name))
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE,
                       _("It was refused: its entry “%s” points outside the archive "
                         "(an absolute path or “..”)"), name);
          return FALSE;
        }
    }

  return TRUE;
}

CbZip *
cb_zip_open_file (const char         *filename,
                  const char         *path,
                  const CbZipLimits  *limits,
                  GError            **error)
{
  g_autoptr(CbZip) self = NULL;
  GStatBuf info;
  guint8 head[8] = { 0 };
  FILE *file;
  gsize got = 0;
  int zerrno = 0;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (g_stat (path, &info) != 0 || (file = g_fopen (path, "rb")) == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("It cannot be read: %s"), g_strerror (saved_errno));
      return NULL;
    }
  got = fread (head, 1, sizeof head, file);
  fclose (file);

  /* Only a plain zip is opened in place; everything else (empty, OLE2, not
   * a zip) is refused, and diagnosed, as from memory. */
  if (got >= 4 && head[0] == 'P' && head[1] == 'K')
    {
      self = zip_new (filename, limits, (guint64) info.st_size);
      self->archive = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerrno);
      if (self->archive != NULL)
        return zip_check_entries (self, error) ? g_steal_pointer (&self) : NULL;
      g_clear_pointer (&self, cb_zip_free);
    }

  {
    g_autoptr(GMappedFile) mapped = NULL;
    g_autoptr(GError) local_error = NULL;
    g_autoptr(GBytes) bytes = NULL;

    mapped = g_mapped_file_new (path, FALSE, &local_error);
    if (mapped == NULL)
      {
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                     _("It cannot be read: %s"), local_error->message);
        return NULL;
      }
    bytes = g_mapped_file_get_bytes (mapped);
    self = cb_zip_open_bytes (filename, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              limits, error);
    if (self != NULL)
      self->owned = g_steal_pointer (&bytes);
    return g_steal_pointer (&self);
  }
}

void
cb_zip_free (CbZip *self)
{
  if (self == NULL)
    return;

  /* Read-only: discard never writes, and frees the source with it. */
  if (self->archive != NULL)
    zip_discard (self->archive);
  g_clear_pointer (&self->owned, g_bytes_unref);
  g_free (self->filename);
  g_free (self);
}

const char *
cb_zip_get_filename (CbZip *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->filename;
}

guint64
cb_zip_get_n_members (CbZip *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_members;
}

const char *
cb_zip_get_member_name (CbZip   *self,
                        guint64  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_members, NULL);

  return zip_get_name (self->archive, index, ZIP_FL_ENC_GUESS);
}

gboolean
cb_zip_has_member (CbZip      *self,
                   const char *name)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return zip_name_locate (self->archive, name, 0) >= 0;
}

/* Everything about member @name that can be checked before a byte is
 * inflated: that it exists, is not encrypted, and is within the size and
 * ratio limits (the stream limit when it will be parsed as a stream). */
static gboolean
check_member (CbZip        *self,
              const char   *name,
              gboolean      stream,
              zip_int64_t  *index_out,
              zip_stat_t   *st_out,
              GError      **error)
{
  zip_int64_t index;
  zip_stat_t st;
  guint64 size;
  guint64 limit;
  g_autofree char *size_text = NULL;
  g_autofree char *limit_text = NULL;

  index = zip_name_locate (self->archive, name, 0);
  if (index < 0)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not what its name says: it has no “%s” inside"), name);
      return FALSE;
    }

  zip_stat_init (&st);
  if (zip_stat_index (self->archive, (zip_uint64_t) index, 0, &st) != 0
      || (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) != (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is damaged: the entry for “%s” cannot be read"), name);
      return FALSE;
    }

  if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCRYPTED,
                   _("The document is password-protected (its part “%s” is encrypted); "
                     "remove the password and import it again"), name);
      return FALSE;
    }

  size = st.size;
  limit = stream ? self->max_stream_size : self->max_member_size;
  if (size > limit || (!stream && self->total_read + size > self->max_total_size))
    {
      size_text = g_format_size (size);
      limit_text = g_format_size (size > limit ? limit : self->max_total_size);
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("It is too large: its part “%s” would unpack to %s, "
                     "more than the safety limit of %s"),
                   name, size_text, limit_text);
      return FALSE;
    }

  /* A compressed size of 0 for a non-empty member is as suspicious as a
   * huge ratio; both count as bombs above the minimum size. */
  if (size > self->limits.ratio_min_size
      && (st.comp_size == 0 || size / st.comp_size > self->limits.max_ratio))
    {
      size_text = g_format_size (size);
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("It looks like a zip bomb: its part “%s” would unpack to %s "
                     "from %" PRIu64 " bytes, a compression ratio no real "
                     "document has"),
                   name, size_text, (guint64) st.comp_size);
      return FALSE;
    }

  *index_out = index;
  *st_out = st;
  return TRUE;
}

/* Opens a checked member; the errors as cb_zip_read_member() words them. */
static zip_file_t *
open_member (CbZip        *self,
             const char   *name,
             zip_int64_t   index,
             GError      **error)
{
  zip_file_t *file = zip_fopen_index (self->archive, (zip_uint64_t) index, 0);

  if (file == NULL)
    {
      zip_error_t *zerror = zip_get_error (self->archive);

      if (zip_error_code_zip (zerror) == ZIP_ER_NOPASSWD
          || zip_error_code_zip (zerror) == ZIP_ER_ENCRNOTSUPP)
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCRYPTED,
                     _("The document is password-protected (its part “%s” is encrypted); "
                       "remove the password and import it again"), name);
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is damaged: its part “%s” cannot be unpacked (%s)"),
                     name, zip_error_strerror (zerror));
    }
  return file;
}

GBytes *
cb_zip_read_member (CbZip       *self,
                    const char  *name,
                    GError     **error)
{
  zip_int64_t index;
  zip_stat_t st;
  zip_file_t *file;
  guint8 *buffer;
  guint64 size;
  guint64 got = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!check_member (self, name, FALSE, &index, &st, error))
    return NULL;
  size = st.size;

  if (!(file = open_member (self, name, index, error)))
    return NULL;

  /* One byte more than declared, to notice a member that lies about its
   * size, plus the NUL we promise. */
  buffer = g_malloc (size + 2);
  for (;;)
    {
      zip_int64_t n = zip_fread (file, buffer + got, size + 1 - got);

      if (n < 0)
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                       _("It is damaged: its part “%s” cannot be unpacked (%s)"),
                       name, zip_error_strerror (zip_file_get_error (file)));
          zip_fclose (file);
          g_free (buffer);
          return NULL;
        }
      if (n == 0)
        break;
      got += (guint64) n;
      if (got > size)
        break;
    }
  zip_fclose (file);

  if (got != size)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is damaged: its part “%s” does not have the size the "
                     "archive declares"), name);
      g_free (buffer);
      return NULL;
    }

  self->total_read += size;
  buffer[size] = 0;

  return g_bytes_new_take (buffer, size);
}

gboolean
cb_zip_member_name_is_safe (const char *name)
{
  const char *p;

  g_return_val_if_fail (name != NULL, FALSE);

  if (name[0] == '\0' || name[0] == '/')
    return FALSE;
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return FALSE;

  for (p = name; *p != '\0'; p++)
    if (*p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;

  /* ".." as a whole path component, anywhere. */
  for (p = name; p != NULL; p = strchr (p, '/'))
    {
      if (*p == '/')
        p++;
      if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || p[2] == '\0'))
        return FALSE;
    }

  return TRUE;
}

int
cb_xml_parse_options (void)
{
  /* Deliberately absent: XML_PARSE_NOENT (substitutes entities),
   * XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR, XML_PARSE_DTDVALID,
   * XML_PARSE_XINCLUDE and XML_PARSE_HUGE (lifts the depth and size
   * limits that keep a hostile document cheap). */
  return XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;
}

typedef struct
{
  gboolean declares_dtd;
} XmlSafety;

/* Called at "<!DOCTYPE name ...", before the internal subset is read:
 * stopping here means no entity is ever declared, let alone expanded. */
static void
on_internal_subset (void          *ctx,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  xmlParserCtxt *ctxt = ctx;
  XmlSafety *safety = ctxt->_private;

  safety->declares_dtd = TRUE;
  xmlStopParser (ctxt);
}

static void
on_entity_decl (void          *ctx,
                const xmlChar *name,
                int            type,
                const xmlChar *public_id,
                const xmlChar *system_id,
                xmlChar       *content)
{
  xmlParserCtxt *ctxt = ctx;
  XmlSafety *safety = ctxt->_private;

  safety->declares_dtd = TRUE;
  xmlStopParser (ctxt);
}

static void
ignore_generic_error (void       *context,
                      const char *message,
                      ...)
{
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

xmlDoc *
cb_xml_parse_safe (const char  *filename,
                   const char  *member,
                   const char  *data,
                   gsize        length,
                   GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  XmlSafety safety = { FALSE };
  const char *what = member != NULL ? member : filename;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  g_once (&once, init_libxml, NULL);
  /* Errors reach the user through GError, from the parser context; the
   * generic handler would also print some (encoding errors) on stderr.
   * libxml2 keeps it per thread, so it is set for the calling thread. */
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);

  if (length > G_MAXINT)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("It is too large: “%s” is more than 2 GB of XML"), what);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("libxml2 could not allocate a parser");

  ctxt->_private = &safety;
  ctxt->sax->internalSubset = on_internal_subset;
  ctxt->sax->externalSubset = NULL;
  ctxt->sax->entityDecl = on_entity_decl;

  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL, cb_xml_parse_options ());

  if (safety.declares_dtd)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE,
                   _("It was refused: “%s” declares a document type (DTD), which Codeboom "
                     "never reads because DTDs and entities can be used to attack XML "
                     "readers"), what);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *xerror = xmlCtxtGetLastError (ctxt);
      g_autofree char *message = NULL;

      /* libxml2 quotes the offending bytes as they are, which need not
       * be UTF-8, and a GError message must be. */
      if (xerror != NULL && xerror->message != NULL)
        message = g_strstrip (g_utf8_make_valid (xerror->message, -1));

      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is damaged: “%s” is not well-formed XML (line %d: %s)"),
                   what, xerror != NULL ? xerror->line : 0,
                   message != NULL ? message : _("unknown error"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  ctxt->_private = NULL;
  xmlFreeParserCtxt (ctxt);

  return doc;
}

/* The streaming reader */

/* Where the prolog check stands: a DOCTYPE may only come before the root
 * element, so the bytes are watched until the root's "<" and then passed
 * on untouched.  NUL bytes are skipped, so that UTF-16 and UTF-32 prologs
 * are read as their ASCII. */
typedef enum
{
  PROLOG_TEXT,
  PROLOG_LT,          /* "<" */
  PROLOG_BANG,        /* "<!" */
  PROLOG_BANG_DASH,   /* "<!-" */
  PROLOG_COMMENT,
  PROLOG_COMMENT_1,   /* "-" in a comment */
  PROLOG_COMMENT_2,   /* "--" in a comment */
  PROLOG_PI,
  PROLOG_PI_Q,        /* "?" in a processing instruction */
  PROLOG_DONE,
} PrologState;

struct _CbXmlReader
{
  xmlTextReader *reader;
  char          *what;         /* the member or file, for messages */
  PrologState    prolog;
  gboolean       declares_dtd;
  GError        *io_error;     /* from the input, wins over the parser's */
  char          *parse_message;
  int            parse_line;
  /* input: a member of an archive, or memory */
  zip_file_t    *file;
  guint64        declared;
  guint64        got;
  const char    *data;
  gsize          length;
  gsize          offset;
};

/* Returns FALSE at a "<!" that is not a comment: a DOCTYPE. */
static gboolean
prolog_scan (CbXmlReader  *self,
             const guint8 *bytes,
             gsize         length)
{
  for (gsize i = 0; i < length && self->prolog != PROLOG_DONE; i++)
    {
      guint8 c = bytes[i];

      if (c == 0)
        continue;
      switch (self->prolog)
        {
        case PROLOG_TEXT:
          if (c == '<')
            self->prolog = PROLOG_LT;
          break;
        case PROLOG_LT:
          self->prolog = c == '!' ? PROLOG_BANG : c == '?' ? PROLOG_PI : PROLOG_DONE;
          break;
        case PROLOG_BANG:
          if (c != '-')
            return FALSE;
          self->prolog = PROLOG_BANG_DASH;
          break;
        case PROLOG_BANG_DASH:
          if (c != '-')
            return FALSE;
          self->prolog = PROLOG_COMMENT;
          break;
        case PROLOG_COMMENT:
          if (c == '-')
            self->prolog = PROLOG_COMMENT_1;
          break;
        case PROLOG_COMMENT_1:
          self->prolog = c == '-' ? PROLOG_COMMENT_2 : PROLOG_COMMENT;
          break;
        case PROLOG_COMMENT_2:
          self->prolog = c == '>' ? PROLOG_TEXT : c == '-' ? PROLOG_COMMENT_2 : PROLOG_COMMENT;
          break;
        case PROLOG_PI:
          if (c == '?')
            self->prolog = PROLOG_PI_Q;
          break;
        case PROLOG_PI_Q:
          self->prolog = c == '>' ? PROLOG_TEXT : c == '?' ? PROLOG_PI_Q : PROLOG_PI;
          break;
        case PROLOG_DONE:
          break;
        }
    }
  return TRUE;
}

static int
reader_input (void *context,
              char *buffer,
              int   wanted)
{
  CbXmlReader *self = context;
  gsize n = 0;

  if (self->io_error != NULL || self->declares_dtd)
    return -1;
  if (self->file != NULL)
    {
      zip_int64_t r = zip_fread (self->file, buffer, (zip_uint64_t) wanted);

      if (r < 0)
        {
          g_set_error (&self->io_error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                       _("It is damaged: its part “%s” cannot be unpacked (%s)"),
                       self->what, zip_error_strerror (zip_file_get_error (self->file)));
          return -1;
        }
      n = (gsize) r;
      self->got += n;
      /* a member that lies about its size is damaged, not bigger */
      if (self->got > self->declared || (n == 0 && self->got != self->declared))
        {
          g_set_error (&self->io_error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                       _("It is damaged: its part “%s” does not have the size the "
                         "archive declares"), self->what);
          return -1;
        }
    }
  else
    {
      n = MIN ((gsize) wanted, self->length - self->offset);
      memcpy (buffer, self->data + self->offset, n);
      self->offset += n;
    }

  if (self->prolog != PROLOG_DONE && !prolog_scan (self, (const guint8 *) buffer, n))
    {
      /* the parser never sees the DOCTYPE, let alone its entities */
      self->declares_dtd = TRUE;
      return -1;
    }
  return (int) n;
}

static int
reader_close (void *context)
{
  return 0;
}

static void
reader_error (void        *context,
              xmlErrorPtr  xerror)
{
  CbXmlReader *self = context;

  if (self->parse_message != NULL || xerror == NULL || xerror->level < XML_ERR_ERROR)
    return;
  /* libxml2 quotes the offending bytes as they are, which need not be
   * UTF-8, and a GError message must be. */
  self->parse_message = g_strstrip (g_utf8_make_valid (xerror->message != NULL ? xerror->message : "", -1));
  self->parse_line = xerror->line;
}

static CbXmlReader *
reader_new (CbXmlReader *self)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_libxml, NULL);
  xmlSetGenericErrorFunc (NULL, ignore_generic_error);
  self->reader = xmlReaderForIO (reader_input, reader_close, self, NULL, NULL, cb_xml_parse_options ());
  if (self->reader == NULL)
    g_error ("libxml2 could not allocate a reader");
  xmlTextReaderSetStructuredErrorHandler (self->reader, reader_error, self);
  return self;
}

CbXmlReader *
cb_xml_reader_new_for_member (CbZip       *zip,
                              const char  *name,
                              GError     **error)
{
  CbXmlReader *self;
  zip_int64_t index;
  zip_stat_t st;
  zip_file_t *file;

  g_return_val_if_fail (zip != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (!check_member (zip, name, TRUE, &index, &st, error) ||
      !(file = open_member (zip, name, index, error)))
    return NULL;

  self = g_new0 (CbXmlReader, 1);
  self->what = g_strdup (name);
  self->file = file;
  self->declared = st.size;
  return reader_new (self);
}

CbXmlReader *
cb_xml_reader_new_for_memory (const char *filename,
                              const char *data,
                              gsize       length)
{
  CbXmlReader *self;

  g_return_val_if_fail (filename != NULL, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_new0 (CbXmlReader, 1);
  self->what = g_strdup (filename);
  self->data = data;
  self->length = length;
  return reader_new (self);
}

void
cb_xml_reader_free (CbXmlReader *self)
{
  if (self == NULL)
    return;
  /* the reader closes its input through reader_close(), which owns nothing */
  xmlFreeTextReader (self->reader);
  if (self->file != NULL)
    zip_fclose (self->file);
  g_clear_error (&self->io_error);
  g_free (self->parse_message);
  g_free (self->what);
  g_free (self);
}

xmlTextReader *
cb_xml_reader_get (CbXmlReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->reader;
}

int
cb_xml_reader_read (CbXmlReader  *self,
                    GError      **error)
{
  int ret;
  int type;

  g_return_val_if_fail (self != NULL, -1);

  ret = xmlTextReaderRead (self->reader);
  if (ret == 1)
    {
      /* the input check stops a DOCTYPE first; this is the second lock */
      type = xmlTextReaderNodeType (self->reader);
      if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE ||
          type == XML_READER_TYPE_ENTITY)
        self->declares_dtd = TRUE;
      else
        return 1;
    }

  if (self->declares_dtd)
    g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE,
                 _("It was refused: “%s” declares a document type (DTD), which Codeboom "
                   "never reads because DTDs and entities can be used to attack XML "
                   "readers"), self->what);
  else if (self->io_error != NULL)
    g_propagate_error (error, g_error_copy (self->io_error));
  else if (ret < 0)
    g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                 _("It is damaged: “%s” is not well-formed XML (line %d: %s)"),
                 self->what, self->parse_line,
                 self->parse_message != NULL ? self->parse_message : _("unknown error"));
  else
    return 0;
  return -1;
}

gboolean
cb_xml_is (const xmlNode *node,
           const char    *ns_href,
           const char    *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  if (ns_href == NULL)
    return node->ns == NULL;

  return node->ns != NULL && node->ns->href != NULL
         && strcmp ((const char *) node->ns->href, ns_href) == 0;
}

char *
cb_xml_dup_prop (const xmlNode *node,
                 const char    *ns_href,
                 const char    *name)
{
  xmlChar *value;
  char *copy;

  g_return_val_if_fail (node != NULL, NULL);

  if (ns_href != NULL)
    value = xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) ns_href);
  else
    value = xmlGetNoNsProp (node, (const xmlChar *) name);

  if (value == NULL)
    return NULL;

  copy = g_strdup ((const char *) value);
  xmlFree (value);

  return copy;
}

void
cb_xml_walk (xmlNode        *root,
             CbXmlEnterFunc  enter,
             CbXmlLeaveFunc  leave,
             gpointer        user_data)
{
  xmlNode *node;

  g_return_if_fail (root != NULL);
  g_return_if_fail (enter != NULL);

  node = root->children;
  while (node != NULL)
    {
      if (enter (node, user_data) == CB_XML_DESCEND)
        {
          if (node->children != NULL)
            {
              node = node->children;
              continue;
            }
          if (leave != NULL)
            leave (node, user_data);
        }

      /* Up until there is a next sibling, leaving each parent on the way. */
      while (node->next == NULL)
        {
          node = node->parent;
          if (node == root || node == NULL)
            return;
          if (leave != NULL)
            leave (node, user_data);
        }
      node = node->next;
    }
}
