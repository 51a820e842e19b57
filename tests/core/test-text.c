/* test-text.c: decoding, normalisation and offset conversions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-core.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", name, NULL);
}

/* "e" + COMBINING ACUTE, an emoji (astral: 4 UTF-8 bytes, 2 UTF-16 units) */
#define MIXED "cafe\xcc\x81 \xf0\x9f\x98\x80 ok"

static void
test_normalize_nfc_and_line_ends (void)
{
  g_autofree char *text = cb_text_normalize ("\xEF\xBB\xBF" "a\r\nb\rc\n" "cafe\xcc\x81", -1);

  g_assert_cmpstr (text, ==, "a\nb\nc\n" "caf\xc3\xa9");
  g_assert_true (cb_text_is_normalized (text, -1));
  g_assert_false (cb_text_is_normalized ("cafe\xcc\x81", -1));
  g_assert_false (cb_text_is_normalized ("a\r\n", -1));
}

static void
test_offsets_emoji_and_combining (void)
{
  g_autofree char *text = cb_text_normalize (MIXED, -1);
  gsize length = strlen (text);
  g_autofree char *emoji = NULL;

  /* NFC composes e + U+0301 into one code point: "café 😀 ok" is 9 */
  g_assert_cmpint (cb_text_count_chars (text, length), ==, 9);
  g_assert_cmpuint (cb_text_char_to_byte (text, length, 5), ==, 6);
  g_assert_cmpuint (cb_text_char_to_byte (text, length, 6), ==, 10);
  g_assert_cmpuint (cb_text_char_to_byte (text, length, 100), ==, length);

  emoji = cb_text_dup_range (text, length, 5, 6);
  g_assert_cmpstr (emoji, ==, "\xf0\x9f\x98\x80");

  /* UTF-16: the emoji counts twice */
  g_assert_cmpint (cb_text_char_to_utf16 (text, length, 5), ==, 5);
  g_assert_cmpint (cb_text_char_to_utf16 (text, length, 6), ==, 7);
  g_assert_cmpint (cb_text_char_to_utf16 (text, length, 9), ==, 10);
  g_assert_cmpint (cb_text_utf16_to_char (text, length, 7), ==, 6);
  g_assert_cmpint (cb_text_utf16_to_char (text, length, 6), ==, -1);
  g_assert_cmpint (cb_text_utf16_to_char (text, length, 11), ==, -1);
}

static void
test_offsets_long_ascii_runs (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* the eight-at-a-time fast path must agree with a plain walk */
  for (guint i = 0; i < 300; i++)
    g_string_append (text, i % 7 == 0 ? "\xc3\xa9\xf0\x9f\x98\x80" : "abcdefghij");

  for (gint64 c = 0; c <= g_utf8_strlen (text->str, -1); c += 13)
    g_assert_cmpuint (cb_text_char_to_byte (text->str, text->len, c), ==,
                      (gsize) (g_utf8_offset_to_pointer (text->str, c) - text->str));
  g_assert_cmpint (cb_text_count_chars (text->str, text->len), ==, g_utf8_strlen (text->str, -1));
}

static void
test_offsets_char_index (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) index = NULL;
  gint64 n_chars;

  /* long enough for several strides, with astral and two-byte characters
   * falling on and around the stride boundaries */
  for (guint i = 0; i < 2000; i++)
    g_string_append (text, i % 3 == 0 ? "\xf0\x9f\x98\x80" : i % 3 == 1 ? "\xc3\xa9" : "x");
  n_chars = g_utf8_strlen (text->str, -1);

  index = cb_text_build_char_index (text->str, text->len);
  g_assert_cmpuint (g_bytes_get_size (index), ==, (n_chars - 1) / CB_TEXT_INDEX_STRIDE * 4);

  for (gint64 c = 0; c <= n_chars + 5; c++)
    g_assert_cmpuint (cb_text_char_to_byte_indexed (text->str, text->len,
                                                    g_bytes_get_data (index, NULL), g_bytes_get_size (index), c),
                      ==, cb_text_char_to_byte (text->str, text->len, c));
}

static void
test_decode_windows_1252_crlf (void)
{
  g_autofree char *path = data_path ("interview-hma02-cp1252-crlf.txt");
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GError) error = NULL;
  gboolean guessed = FALSE;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_false (g_utf8_validate (data, length, NULL));

  text = cb_text_decode ((guint8 *) data, length, NULL, &encoding, &guessed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "windows-1252");
  g_assert_true (guessed);
  g_assert_nonnull (strstr (text, "V\xc3\xb3\xc3\xb3r 2014"));   /* Vóór */
  g_assert_nonnull (strstr (text, "effici\xc3\xabnt"));          /* efficiënt */
  g_assert_null (strchr (text, '\r'));
  g_assert_true (g_str_has_prefix (text, "Interview HMA02"));
}

static void
test_decode_utf16_and_boms (void)
{
  /* "é😀\r\n" as UTF-16LE with BOM, UTF-16BE without BOM, UTF-8 with BOM */
  static const guint8 le_bom[] = { 0xFF, 0xFE, 0xE9, 0x00, 0x3D, 0xD8, 0x00, 0xDE, 0x0D, 0x00, 0x0A, 0x00 };
  static const guint8 be[] = { 0x00, 'h', 0x00, 'i', 0x00, ' ', 0x00, 0xE9, 0x00, 't', 0x00, 'e', 0x00, '\n' };
  static const guint8 utf8_bom[] = { 0xEF, 0xBB, 0xBF, 'o', 'k', '\r', '\n' };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GError) error = NULL;

  a = cb_text_decode (le_bom, sizeof le_bom, NULL, &encoding, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, "\xc3\xa9\xf0\x9f\x98\x80\n");
  g_assert_cmpstr (encoding, ==, "UTF-16LE");

  b = cb_text_decode (be, sizeof be, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b, ==, "hi \xc3\xa9te\n");

  c = cb_text_decode (utf8_bom, sizeof utf8_bom, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c, ==, "ok\n");
}

static void
test_decode_override_and_refusals (void)
{
  static const guint8 latin[] = { 'c', 'a', 'f', 0xE9 };
  static const guint8 binary[] = { 'P', 'K', 0x03, 0x04, 0x00, 0x00, 0x01, 0x02, 0xFF, 0x00, 0x00, 0x00 };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  char *nothing;

  text = cb_text_decode (latin, sizeof latin, "ISO-8859-1", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "caf\xc3\xa9");

  nothing = cb_text_decode (binary, sizeof binary, NULL, NULL, NULL, &error);
  g_assert_null (nothing);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_BINARY);
  g_clear_error (&error);

  nothing = cb_text_decode (latin, sizeof latin, "UTF-8", NULL, NULL, &error);
  g_assert_null (nothing);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);

  nothing = cb_text_decode (latin, sizeof latin, "no-such-encoding", NULL, NULL, &error);
  g_assert_null (nothing);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING);
}

static void
test_import_names_the_file (void)
{
  g_autoptr(GError) error = NULL;
  CbImportedText *imported;

  imported = cb_import_bytes ("/tmp/empty.txt", (const guint8 *) "", 0, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "empty.txt"));
  g_clear_error (&error);

  imported = cb_import_bytes ("notes.xyz", (const guint8 *) "x", 1, NULL, &error);
  g_assert_null (imported);
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "notes.xyz"));
}

/* The fast UTF-8 check agrees with GLib's on crafted and random input:
 * ASCII runs, NUL bytes, truncated, overlong, surrogate and out-of-range
 * sequences, emoji and combining marks. */
static void
test_validate_utf8 (void)
{
  static const char * const cases[] = {
    "", "abc", "één cliënt 😀 e\u0301 d’école", "abcdefghijklmnop\xc3", "abcdefgh\xff",
    "a\xed\xa0\x80", "ab\xf4\x90\x80\x80", "\xc0\xaf", "0123456789abcdef\xe2\x80",
  };
  static const char alphabet[] = "ab\xc3\xa9\xf0\x9f\x98\x80 \n";
  char nul[] = "abcdefghijklmnopqrs";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  char buffer[48];

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (cb_text_validate_utf8 (cases[i], strlen (cases[i])), ==,
                     g_utf8_validate_len (cases[i], strlen (cases[i]), NULL));
  nul[9] = '\0';
  g_assert_false (cb_text_validate_utf8 (nul, sizeof nul - 1));

  for (guint k = 0; k < 200000; k++)
    {
      gsize n = g_rand_int_range (rand, 0, sizeof buffer);

      for (gsize j = 0; j < n; j++)
        {
          guint32 x = g_rand_int (rand);

          buffer[j] = x % 4 == 0 ? (char) (x >> 8) : alphabet[x % (sizeof alphabet - 1)];
        }
      g_assert_cmpint (cb_text_validate_utf8 (buffer, n), ==, g_utf8_validate_len (buffer, n, NULL));
    }
}

/* cb_text_cut_indexed() finds the bytes cb_text_char_to_byte_indexed()
 * finds for both ends, and refuses exactly the spans whose bytes
 * g_utf8_validate_len() refuses (or that hold a NUL). */
static void
test_cut_indexed (void)
{
  static const char alphabet[] = "ab\xc3\xa9\xf0\x9f\x98\x80" "e\xcc\x81 \n\xe2\x80\x99";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint k = 0; k < 300; k++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GBytes) index = NULL;
      gsize n = g_rand_int_range (rand, 0, 1400);
      gboolean broken = k % 3 == 0;
      gint64 n_chars;
      const guint8 *data;
      gsize index_length;

      /* runs of ASCII longer than sixteen bytes, accents, astral emoji,
       * combining marks; every third text with a bad byte or a NUL */
      for (gsize j = 0; j < n; j++)
        {
          guint32 x = g_rand_int (rand);

          if (x % 5 == 0)
            g_string_append (text, "the quick brown fox jumps");
          else
            g_string_append_c (text, alphabet[x % (sizeof alphabet - 1)]);
        }
      if (broken && text->len > 0)
        text->str[g_rand_int_range (rand, 0, text->len)] = g_rand_boolean (rand) ? '\xff' : '\0';
      n_chars = cb_text_count_chars (text->str, text->len);
      index = cb_text_build_char_index (text->str, text->len);
      data = g_bytes_get_data (index, &index_length);

      for (guint t = 0; t < 60; t++)
        {
          gint64 start = g_rand_int_range (rand, 0, n_chars + 3);
          gint64 end = start + g_rand_int_range (rand, -2, 700);
          gsize start_byte = 0;
          gsize end_byte = 0;
          gsize want_start = cb_text_char_to_byte_indexed (text->str, text->len, data, index_length, start);
          gsize want_end = MAX (want_start, cb_text_char_to_byte_indexed (text->str, text->len, data, index_length, end));
          gboolean valid = g_utf8_validate_len (text->str + want_start, want_end - want_start, NULL);
          gboolean ok = cb_text_cut_indexed (text->str, text->len, t % 2 ? data : NULL, index_length,
                                             start, end, &start_byte, &end_byte);

          g_assert_cmpint (ok, ==, valid);
          g_assert_cmpuint (start_byte, ==, want_start);
          if (ok)
            g_assert_cmpuint (end_byte, ==, want_end);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/normalize/nfc-and-line-ends", test_normalize_nfc_and_line_ends);
  g_test_add_func ("/text/offsets/emoji-and-combining", test_offsets_emoji_and_combining);
  g_test_add_func ("/text/offsets/long-ascii-runs", test_offsets_long_ascii_runs);
  g_test_add_func ("/text/offsets/char-index", test_offsets_char_index);
  g_test_add_func ("/text/decode/windows-1252-crlf", test_decode_windows_1252_crlf);
  g_test_add_func ("/text/decode/utf16-and-boms", test_decode_utf16_and_boms);
  g_test_add_func ("/text/decode/override-and-refusals", test_decode_override_and_refusals);
  g_test_add_func ("/text/import/names-the-file", test_import_names_the_file);
  g_test_add_func ("/text/validate-utf8", test_validate_utf8);
  g_test_add_func ("/text/cut-indexed", test_cut_indexed);

  return g_test_run ();
}
