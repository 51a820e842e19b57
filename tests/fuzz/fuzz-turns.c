/* fuzz-turns.c: the speaker-turn recogniser
 *
 * The input becomes stored text (made valid UTF-8, then normalised as an
 * import would), and cb_turns_recognize() must return turns that are in
 * text order, do not overlap, lie within the text, start a line (after
 * blanks: an indented label is still a label), have start <= text_start <= end, and carry a short label that is
 * written in the turn's first line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-text.h"
#include "cb-turns.h"
#include "fuzz-common.h"

/* What cb-turns.c skips before a label. */
static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *valid = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  gsize length;
  gint64 n_chars;
  gint64 previous_end = 0;

  fuzz_init_once ();

  /* Stored text never holds a NUL (the decoder refuses binary data), so
   * the text ends at the first one. */
  valid = g_utf8_make_valid ((const char *) data, size);
  text = cb_text_normalize (valid, -1);
  length = strlen (text);
  n_chars = g_utf8_strlen (text, length);

  turns = cb_turns_recognize (text, length);
  FUZZ_CHECK (turns != NULL);

  for (guint i = 0; i < turns->len; i++)
    {
      const CbTurn *turn = g_ptr_array_index (turns, i);
      gsize start_byte;
      gsize text_start_byte;
      gsize line_start;
      g_autofree char *head = NULL;

      FUZZ_CHECK (turn->start >= previous_end);
      FUZZ_CHECK (0 <= turn->start);
      FUZZ_CHECK (turn->start <= turn->text_start);
      FUZZ_CHECK (turn->text_start <= turn->end);
      FUZZ_CHECK (turn->start < turn->end);
      FUZZ_CHECK (turn->end <= n_chars);
      previous_end = turn->end;

      start_byte = cb_text_char_to_byte (text, length, turn->start);
      text_start_byte = cb_text_char_to_byte (text, length, turn->text_start);
      /* A turn starts a line, perhaps after blanks, and its label and
       * timestamp are on that line. */
      line_start = start_byte;
      while (line_start > 0 && text[line_start - 1] != '\n')
        line_start--;
      for (const char *p = text + line_start; p < text + start_byte; p = g_utf8_next_char (p))
        FUZZ_CHECK (is_blank (g_utf8_get_char (p)));
      FUZZ_CHECK (memchr (text + start_byte, '\n', text_start_byte - start_byte) == NULL);

      FUZZ_CHECK (turn->speaker != NULL && turn->speaker[0] != '\0');
      FUZZ_CHECK (g_utf8_validate (turn->speaker, -1, NULL));
      FUZZ_CHECK (g_utf8_strlen (turn->speaker, -1) <= CB_TURN_MAX_LABEL_CHARS);
      head = g_strndup (text + start_byte, text_start_byte - start_byte);
      FUZZ_CHECK (strstr (head, turn->speaker) != NULL);
      if (turn->timestamp != NULL)
        {
          FUZZ_CHECK (g_utf8_validate (turn->timestamp, -1, NULL));
          FUZZ_CHECK (strstr (head, turn->timestamp) != NULL);
        }
    }
  return 0;
}
