/* test-text-walker.c: CbTextWalker moves between code point, byte and
 * UTF-16 offsets, forwards and (by restarting) backwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-core.h"

/* "é" is 2 bytes, "😀" 4 bytes and 2 UTF-16 units. */
static const char text[] = "aé😀b\nc";

static void
test_forward (void)
{
  CbTextWalker walker;

  cb_text_walker_init (&walker, text, strlen (text), TRUE);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 0), ==, 0);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 2), ==, 3);
  g_assert_cmpint (walker.utf16, ==, 2);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 3), ==, 7);
  g_assert_cmpint (walker.utf16, ==, 4);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 6), ==, strlen (text));
  g_assert_cmpint (walker.utf16, ==, 7);
}

static void
test_backward_restarts (void)
{
  CbTextWalker walker;

  cb_text_walker_init (&walker, text, strlen (text), FALSE);
  g_assert_cmpint (cb_text_walker_char_at (&walker, 8), ==, 4);
  g_assert_cmpint (cb_text_walker_char_at (&walker, 1), ==, 1);
  g_assert_cmpint (cb_text_walker_char_at (&walker, 7), ==, 3);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 1), ==, 1);
  g_assert_cmpuint (cb_text_walker_byte_at (&walker, 5), ==, 9);
}

static void
test_utf16 (void)
{
  CbTextWalker walker;

  cb_text_walker_init (&walker, text, strlen (text), TRUE);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 2), ==, 2);
  g_assert_cmpuint (walker.byte, ==, 3);
  /* inside the surrogate pair of 😀 */
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 3), ==, -1);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 4), ==, 3);
  g_assert_cmpuint (walker.byte, ==, 7);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 1), ==, 1);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 7), ==, 6);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, 8), ==, -1);
  g_assert_cmpint (cb_text_walker_char_at_utf16 (&walker, -1), ==, -1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-walker/forward", test_forward);
  g_test_add_func ("/text-walker/backward-restarts", test_backward_restarts);
  g_test_add_func ("/text-walker/utf16", test_utf16);

  return g_test_run ();
}
