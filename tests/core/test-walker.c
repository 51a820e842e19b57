/* test-walker.c: cb-text's walker agrees with the one-shot conversions,
 * forwards, backwards and in UTF-16
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-core.h"

/* ASCII, two-byte, three-byte and astral (two UTF-16 units) code points */
static const char text[] = "ab\xC3\xA9" "c\xE2\x82\xAC" "d\xF0\x9F\x98\x80" "e\n\xF0\x9F\x98\x80";

static void
test_walker_matches_conversions (void)
{
  gsize length = strlen (text);
  gint64 n_chars = cb_text_count_chars (text, length);
  CbTextWalker walker;

  g_assert_cmpint (n_chars, ==, 10);

  /* forwards, then backwards: every offset as the one-shot functions say */
  cb_text_walker_init (&walker, text, length, TRUE);
  for (gint64 c = 0; c <= n_chars; c++)
    {
      g_assert_cmpuint (cb_text_walker_byte_at (&walker, c), ==, cb_text_char_to_byte (text, length, c));
      g_assert_cmpint (walker.utf16, ==, cb_text_char_to_utf16 (text, length, c));
    }
  for (gint64 c = n_chars; c >= 0; c--)
    {
      gsize byte = cb_text_char_to_byte (text, length, c);

      g_assert_cmpint (cb_text_walker_char_at (&walker, byte), ==, c);
      g_assert_cmpint (walker.utf16, ==, cb_text_char_to_utf16 (text, length, c));
      g_assert_cmpuint (cb_text_walker_byte_at (&walker, c), ==, byte);
    }

  /* UTF-16: every unit either maps to the code point there or splits a pair */
  cb_text_walker_init (&walker, text, length, TRUE);
  for (gint64 u = 0; u <= 14; u++)
    g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, u), ==, cb_text_utf16_to_char (text, length, u));
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 7), ==, -1);    /* inside the first pair */
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 8), ==, 7);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 12), ==, 10);  /* the end */
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 13), ==, -1);  /* past it */
  g_assert_cmpint (walker.chars, ==, 10);                                  /* a miss does not move it */
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 2), ==, 2);     /* backwards */
  g_assert_cmpuint (walker.byte, ==, 2);

  /* without UTF-16 the code point and byte walks are the same */
  cb_text_walker_init (&walker, text, length, FALSE);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 6), ==, cb_text_char_to_byte (text, length, 6));
  g_assert_cmpint (cb_text_walker_char_at (&walker, length), ==, n_chars);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/walker", test_walker_matches_conversions);

  return g_test_run ();
}
