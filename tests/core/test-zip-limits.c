/* test-zip-limits.c: the zip reader's size limits follow the archive's real size
 *
 * A member may unpack beyond max_member_size when the archive itself is
 * large (in proportion to its size above scale_above), never beyond the
 * hard limit; a small archive keeps the plain limits, and the ratio limit
 * stops a bomb whatever the size.  Small limits stand in for the real
 * ones (64 MiB, 4 MiB, 2000 MiB) so that the test stays fast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libxml/xmlreader.h>

#include "cb-core.h"
#include "cb-import-zip.h"
#include "cb-zip-write.h"

/* Text that deflates about 3:1, like transcripts and XML. */
static GBytes *
make_text (gsize size,
           guint seed)
{
  GString *text = g_string_sized_new (size);
  GRand *rand = g_rand_new_with_seed (seed);
  static const char * const words[] = { "de ", "cliënt ", "één ", "maatschappelijk ", "assistent ",
                                        "dossier ", "wachtlijst ", "leefloon ", "\n" };

  while (text->len < size)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (text, "%u ", g_rand_int_range (rand, 0, 100000));
    }
  g_string_truncate (text, size);
  g_rand_free (rand);
  return g_string_free_to_bytes (text);
}

/* An archive holding @big (and @padding members of noise to make it large). */
static GBytes *
make_archive (gsize member_size,
              gsize padding)
{
  g_autoptr(CbZipWriter) zip = cb_zip_writer_new ();
  g_autoptr(GBytes) big = make_text (member_size, 1);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  cb_zip_writer_add (zip, "big.txt", big, FALSE);
  if (padding > 0)
    {
      g_autoptr(GBytes) other = make_text (padding, 2);

      cb_zip_writer_add (zip, "other.txt", other, FALSE);
    }
  bytes = cb_zip_writer_finish (zip, &error);
  g_assert_no_error (error);
  return bytes;
}

static gboolean
can_read (GBytes            *archive,
          const CbZipLimits *limits,
          GError           **error)
{
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("limits.zip", g_bytes_get_data (archive, NULL),
                                            g_bytes_get_size (archive), limits, error);
  g_autoptr(GBytes) member = NULL;

  g_assert_nonnull (zip);
  member = cb_zip_read_member (zip, "big.txt", error);
  return member != NULL;
}

static void
test_member_limit_scales (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = make_archive (30000, 0);
  g_autoptr(GBytes) large = make_archive (30000, 60000);
  CbZipLimits limits = cb_zip_default_limits;
  gsize large_size = g_bytes_get_size (large);

  limits.max_member_size = 20000;
  limits.max_total_size = 200000;
  limits.scale_above = 8000;
  limits.hard_member_size = 1000000;

  /* a small archive keeps the plain limit: 30,000 > 20,000 */
  g_assert_cmpuint (g_bytes_get_size (small), <, limits.scale_above * 2);
  g_assert_false (can_read (small, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "safety limit"));
  g_clear_error (&error);

  /* a large one may unpack in proportion: 20,000 × size / 8,000 */
  g_assert_cmpuint (20000 * large_size / 8000, >=, 30000);
  g_assert_true (can_read (large, &limits, &error));
  g_assert_no_error (error);

  /* never beyond the hard limit */
  limits.hard_member_size = 25000;
  g_assert_false (can_read (large, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* without scaling, the plain limit */
  limits.hard_member_size = 1000000;
  limits.scale_above = 0;
  g_assert_false (can_read (large, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* the ratio limit still stops what compresses too well */
  limits.scale_above = 8000;
  limits.ratio_min_size = 0;
  limits.max_ratio = 1;
  g_assert_false (can_read (large, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
}

/* The real defaults: what a 128 MB .qdpx of a million codings needs (a
 * 451 MB project.qde) fits; a 100 kB archive still stops at 64 MiB. */
static void
test_default_limits (void)
{
  const CbZipLimits *limits = &cb_zip_default_limits;

  g_assert_cmpuint (limits->max_member_size, ==, 64 * 1024 * 1024);
  g_assert_cmpuint (limits->max_member_size / limits->scale_above * G_GUINT64_CONSTANT (127710000),
                    >, G_GUINT64_CONSTANT (450931665));
  g_assert_cmpuint (limits->hard_member_size, >, G_GUINT64_CONSTANT (450931665));
  g_assert_cmpuint (limits->hard_member_size, <, G_MAXINT);
}

/* Reads every node of @xr; the number of elements, or -1 with @error. */
static int
count_elements (CbXmlReader  *xr,
                GError      **error)
{
  int n = 0;
  int ret;

  while ((ret = cb_xml_reader_read (xr, error)) > 0)
    if (xmlTextReaderNodeType (cb_xml_reader_get (xr)) == XML_READER_TYPE_ELEMENT)
      n++;
  return ret < 0 ? -1 : n;
}

/* A member parsed as a stream is never in memory: it may be larger than a
 * member read whole may be (up to hard_stream_size, scaled the same way),
 * and the ratio limit still applies. */
static void
test_stream_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\"?>\n<r>");
  g_autoptr(CbZipWriter) writer = cb_zip_writer_new ();
  g_autoptr(GBytes) member = NULL;
  g_autoptr(GBytes) archive = NULL;
  g_autoptr(CbZip) zip = NULL;
  g_autoptr(CbXmlReader) xr = NULL;
  g_autoptr(GBytes) whole = NULL;
  CbZipLimits limits = cb_zip_default_limits;
  GRand *rand = g_rand_new_with_seed (3);

  for (int i = 0; i < 3000; i++)
    g_string_append_printf (xml, "<c n=\"%u\"/>", g_rand_int (rand));
  g_string_append (xml, "</r>\n");
  g_rand_free (rand);
  member = g_bytes_new (xml->str, xml->len);
  cb_zip_writer_add (writer, "project.qde", member, FALSE);
  archive = cb_zip_writer_finish (writer, &error);
  g_assert_no_error (error);

  limits.max_member_size = 10000;
  limits.ratio_min_size = 0;
  limits.scale_above = 0;
  zip = cb_zip_open_bytes ("s.qdpx", g_bytes_get_data (archive, NULL), g_bytes_get_size (archive), &limits, &error);
  g_assert_no_error (error);

  /* beyond the plain limit, whole or streamed */
  g_assert_cmpuint (xml->len, >, limits.max_member_size);
  whole = cb_zip_read_member (zip, "project.qde", &error);
  g_assert_null (whole);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (cb_xml_reader_new_for_member (zip, "project.qde", &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_pointer (&zip, cb_zip_free);

  /* a large archive: the stream limit grows to hard_stream_size, the
   * whole-member limit only to hard_member_size */
  limits.scale_above = 100;
  limits.hard_member_size = 10000;
  limits.hard_stream_size = 1000000;
  zip = cb_zip_open_bytes ("s.qdpx", g_bytes_get_data (archive, NULL), g_bytes_get_size (archive), &limits, &error);
  g_assert_no_error (error);
  whole = cb_zip_read_member (zip, "project.qde", &error);
  g_assert_null (whole);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  xr = cb_xml_reader_new_for_member (zip, "project.qde", &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_elements (xr, &error), ==, 3001);
  g_assert_no_error (error);
  g_clear_pointer (&xr, cb_xml_reader_free);

  /* the ratio limit whatever the size */
  limits.max_ratio = 1;
  g_clear_pointer (&zip, cb_zip_free);
  zip = cb_zip_open_bytes ("s.qdpx", g_bytes_get_data (archive, NULL), g_bytes_get_size (archive), &limits, &error);
  g_assert_no_error (error);
  g_assert_null (cb_xml_reader_new_for_member (zip, "project.qde", &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
}

typedef struct
{
  const char *xml;
  gsize       length;   /* 0: strlen */
  int         code;     /* -1: parses */
} ReaderCase;

/* The streaming reader refuses a DOCTYPE before the parser sees it (in
 * UTF-16 too), not a comment or processing instruction that only mentions
 * one, and names the file in every error. */
static void
test_stream_safety (void)
{
  static const char utf16[] = "<\0?\0x\0m\0l\0 \0v\0e\0r\0s\0i\0o\0n\0=\0\"\0001\0.\0000\0\"\0 \0"
                              "e\0n\0c\0o\0d\0i\0n\0g\0=\0\"\0U\0T\0F\0-\0001\0006\0\"\0?\0>\0"
                              "<\0!\0D\0O\0C\0T\0Y\0P\0E\0 \0r\0>\0<\0r\0/\0>\0";
  const ReaderCase cases[] = {
    { "<?xml version=\"1.0\"?><r><c/></r>", 0, -1 },
    { "<?xml version=\"1.0\"?><!-- <!DOCTYPE r> --><?pi <!DOCTYPE?><r/>", 0, -1 },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"aaaa\">]><r>&a;</r>", 0, CB_IMPORT_ERROR_UNSAFE },
    { "<!DOCTYPE r SYSTEM \"http://example.invalid/x.dtd\"><r/>", 0, CB_IMPORT_ERROR_UNSAFE },
    { "<?xml version=\"1.0\"?><!-- a --><!DOCTYPE r><r/>", 0, CB_IMPORT_ERROR_UNSAFE },
    { utf16, sizeof utf16 - 1, CB_IMPORT_ERROR_UNSAFE },
    { "<?xml version=\"1.0\"?><r><c></r>", 0, CB_IMPORT_ERROR_CORRUPT },
    { "<r>&undefined;</r>", 0, CB_IMPORT_ERROR_CORRUPT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = cases[i].length > 0 ? cases[i].length : strlen (cases[i].xml);
      g_autoptr(CbXmlReader) xr = cb_xml_reader_new_for_memory ("case.qde", cases[i].xml, length);
      int n = count_elements (xr, &error);

      g_test_message ("case %u", i);
      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_cmpint (n, >, 0);
        }
      else
        {
          g_assert_cmpint (n, ==, -1);
          g_assert_error (error, CB_IMPORT_ERROR, cases[i].code);
          g_assert_nonnull (strstr (error->message, "case.qde"));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }
}

/* An archive on disk is opened in place and reads like one in memory; a
 * file that is not a zip is refused with the same message. */
static void
test_open_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) archive = make_archive (30000, 0);
  g_autofree char *dir = g_dir_make_tmp ("cb-test-zip-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.zip", NULL);
  g_autofree char *other = g_build_filename (dir, "b.zip", NULL);
  g_autoptr(CbZip) zip = NULL;
  g_autoptr(GBytes) member = NULL;
  g_autoptr(GBytes) expected = make_text (30000, 1);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (archive, NULL), g_bytes_get_size (archive), &error));
  zip = cb_zip_open_file ("a.zip", path, NULL, &error);
  g_assert_no_error (error);
  member = cb_zip_read_member (zip, "big.txt", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (member, expected));
  g_clear_pointer (&zip, cb_zip_free);

  g_assert_true (g_file_set_contents (other, "not a zip at all", -1, &error));
  g_assert_null (cb_zip_open_file ("b.zip", other, NULL, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "not a zip archive"));
  g_remove (path);
  g_remove (other);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zip-limits/member-limit-scales", test_member_limit_scales);
  g_test_add_func ("/zip-limits/default-limits", test_default_limits);
  g_test_add_func ("/zip-limits/stream-limit", test_stream_limit);
  g_test_add_func ("/zip-limits/stream-safety", test_stream_safety);
  g_test_add_func ("/zip-limits/open-file", test_open_file);

  return g_test_run ();
}
