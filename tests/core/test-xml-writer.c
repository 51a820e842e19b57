/* test-xml-writer.c: the plain XML writer writes what libxml2's writer
 * writes through the same helpers, byte for byte, into memory and into a
 * stream
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-xml-writer.h"

/* Values with everything the escaping distinguishes: the five XML
 * specials, TAB, LF, CR, controls XML cannot carry, U+FFFE and U+FFFF,
 * accents, astral emoji, combining marks, runs longer than sixteen bytes
 * around them, empty, and bytes that are not UTF-8. */
static const char *values[] = {
  "",
  "plain",
  "a \"quoted\" <tag> & 'apostrophe' > end",
  "tab\there, line\nbreak, return\r\nand more",
  "bell\a, escape\x1b, form feed\f, vertical tab\v",
  "non-characters \xef\xbf\xbe and \xef\xbf\xbf, replacement \xef\xbf\xbd, \xef\xbc\xa1",
  "één cliënt coördinatie 👩‍👩‍👧 e\xcc\x81\xcc\xa3 q̇ 🙂 \xf0\x9d\x90\x80 Ⅻ",
  "a run of more than sixteen plain bytes, then & and then another long run of them <",
  "0123456789abcde\"0123456789abcdef&0123456789abcdef\n0123456789abcdef\xc3\xa9",
  "broken \xff utf-8 \xc3 here \xed\xa0\x80 surrogate \xf4\x90\x80\x80 beyond",
  "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f",
};

/* The same calls on @out, whichever writer it has. */
static void
write_document (CbXmlOut *out,
                GRand    *rand)
{
  _cb_xml_out_start_ns (out, "root", "urn:example:test:1");
  _cb_xml_out_attr (out, "version", "1");
  _cb_xml_out_attr (out, "none", NULL);
  _cb_xml_out_start (out, "empty");
  _cb_xml_out_end (out);
  _cb_xml_out_start_ns (out, "declared", "urn:example:other");
  _cb_xml_out_end (out);
  for (guint i = 0; i < 400; i++)
    {
      const char *value = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
      const char *text = values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))];
      guint depth = g_rand_int_range (rand, 1, 4);

      for (guint d = 0; d < depth; d++)
        _cb_xml_out_start (out, d == 0 ? "quote" : "child");
      _cb_xml_out_attr (out, "value", value);
      _cb_xml_out_attr_int (out, "n", (gint64) g_rand_int (rand) - G_MAXINT32);
      _cb_xml_out_attr_int (out, "max", G_MAXINT64);
      _cb_xml_out_attr_int (out, "min", G_MININT64);
      _cb_xml_out_attr_timestamp (out, "created", i % 3 == 0 ? "2026-12-03T10:11:12Z"
                                                  : i % 3 == 1 ? "2026-12-03T11:11:12+01:00" : NULL);
      if (i % 4 == 0)
        _cb_xml_out_text_element (out, "memo", text);
      if (i % 5 == 1)
        _cb_xml_out_text_element_len (out, "text", text, strlen (text) / 2);
      for (guint d = 0; d < depth; d++)
        _cb_xml_out_end (out);
      if (i % 50 == 0)
        _cb_xml_out_flush (out);
    }
  _cb_xml_out_start (out, "left-open");
  _cb_xml_out_text_element (out, "last", "the document's end closes what is open");
}

static GBytes *
write_with (gboolean plain,
            gboolean stream)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(GError) error = NULL;
  CbXmlOut out = { 0 };

  if (stream)
    {
      g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

      g_assert_true (plain ? _cb_xml_out_init_stream_plain (&out, memory) : _cb_xml_out_init_stream (&out, memory));
      write_document (&out, rand);
      g_assert_true (_cb_xml_out_finish_stream (&out, "failed", &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (memory, NULL, NULL));
      return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
    }
  g_assert_true (plain ? _cb_xml_out_init_plain (&out) : _cb_xml_out_init (&out));
  write_document (&out, rand);
  {
    GBytes *bytes = _cb_xml_out_finish (&out, "failed", &error);

    g_assert_no_error (error);
    return bytes;
  }
}

static void
assert_same_bytes (GBytes *a,
                   GBytes *b)
{
  gsize na, nb;
  const char *da = g_bytes_get_data (a, &na);
  const char *db = g_bytes_get_data (b, &nb);
  gsize i = 0;

  while (i < na && i < nb && da[i] == db[i])
    i++;
  if (i < na || i < nb)
    g_error ("the writers differ at byte %" G_GSIZE_FORMAT ": «%.*s» against «%.*s»", i,
             (int) MIN (80, na - i), da + i, (int) MIN (80, nb - i), db + i);
}

static void
test_plain_equals_libxml2 (void)
{
  g_autoptr(GBytes) libxml2 = write_with (FALSE, FALSE);
  g_autoptr(GBytes) plain = write_with (TRUE, FALSE);
  g_autoptr(GBytes) libxml2_stream = write_with (FALSE, TRUE);
  g_autoptr(GBytes) plain_stream = write_with (TRUE, TRUE);

  g_assert_cmpuint (g_bytes_get_size (libxml2), >, 50000);
  assert_same_bytes (plain, libxml2);
  assert_same_bytes (plain_stream, libxml2_stream);
  assert_same_bytes (plain_stream, plain);
}

/* A large text goes through the buffer's growth and several drains. */
static void
test_plain_large_text (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  GBytes *results[2];

  for (guint i = 0; i < 60000; i++)
    g_string_append (big, values[i % G_N_ELEMENTS (values)]);
  for (guint plain = 0; plain < 2; plain++)
    {
      g_autoptr(GError) error = NULL;
      CbXmlOut out = { 0 };

      g_assert_true (plain ? _cb_xml_out_init_plain (&out) : _cb_xml_out_init (&out));
      _cb_xml_out_start (&out, "big");
      _cb_xml_out_attr (&out, "value", big->str);
      _cb_xml_out_text_element (&out, "text", big->str);
      _cb_xml_out_end (&out);
      results[plain] = _cb_xml_out_finish (&out, "failed", &error);
      g_assert_no_error (error);
    }
  assert_same_bytes (results[1], results[0]);
  g_bytes_unref (results[0]);
  g_bytes_unref (results[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/xml-writer/plain-equals-libxml2", test_plain_equals_libxml2);
  g_test_add_func ("/xml-writer/plain-large-text", test_plain_large_text);
  return g_test_run ();
}
