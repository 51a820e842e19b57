/* fuzz-text.c: text decoding, normalisation and offset conversion
 *
 * The input is a text file's bytes.  Whatever cb_text_decode() accepts
 * must come out as stored text (valid UTF-8, NFC, LF, no BOM), and every
 * offset conversion of cb-text.h must agree with a plain walk over that
 * text: code points to bytes (with and without the character index), to
 * UTF-16 units and back, and ranges.  cb_text_normalize() must be
 * idempotent on any valid UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-text.h"
#include "fuzz-common.h"

/* Forced encodings tried besides detection, picked by the input's size so
 * that every input keeps meaning the same thing. */
static const char * const forced_encodings[] = {
  "UTF-8", "UTF-16LE", "UTF-16BE", "windows-1252", "ISO-8859-15", "Shift_JIS", "no-such-encoding",
};

static void
check_offsets (const char   *text,
               gsize         length,
               const guint8 *data,
               gsize         size)
{
  gint64 n_chars = g_utf8_strlen (text, length);
  g_autoptr(GBytes) index = cb_text_build_char_index (text, length);
  gsize index_length = 0;
  const guint8 *index_data = g_bytes_get_data (index, &index_length);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 fixed[] = { 0, 1, 2, n_chars - 1, n_chars, n_chars + 1, n_chars + 1000,
                     CB_TEXT_INDEX_STRIDE - 1, CB_TEXT_INDEX_STRIDE, CB_TEXT_INDEX_STRIDE + 1,
                     2 * CB_TEXT_INDEX_STRIDE, G_MAXINT32 };
  g_autofree gsize *byte_of = NULL;
  g_autofree gint64 *utf16_of = NULL;
  const char *p = text;

  /* The index holds one entry per full stride, each on a code point. */
  FUZZ_CHECK (index_length % 4 == 0);
  FUZZ_CHECK ((gint64) (index_length / 4) == MAX (0, (n_chars - 1) / CB_TEXT_INDEX_STRIDE));

  /* The truth, by a plain walk: byte and UTF-16 offset of every code point. */
  byte_of = g_new (gsize, n_chars + 1);
  utf16_of = g_new (gint64, n_chars + 1);
  utf16_of[0] = 0;
  for (gint64 c = 0; c < n_chars; c++)
    {
      gunichar ch = g_utf8_get_char (p);

      byte_of[c] = p - text;
      utf16_of[c + 1] = utf16_of[c] + (ch > 0xFFFF ? 2 : 1);
      p = g_utf8_next_char (p);
    }
  byte_of[n_chars] = length;
  FUZZ_CHECK (p == text + length);

  g_array_append_vals (samples, fixed, G_N_ELEMENTS (fixed));
  /* Offsets taken from the input itself, so that the fuzzer steers them. */
  for (gsize i = 0; i + 2 <= size && i < 16; i += 2)
    {
      gint64 c = (data[i] | (data[i + 1] << 8)) % (n_chars + 2);

      g_array_append_val (samples, c);
    }

  for (guint s = 0; s < samples->len; s++)
    {
      gint64 c = g_array_index (samples, gint64, s);
      gint64 clamped = CLAMP (c, 0, n_chars);
      gint64 units;

      if (c < 0)
        continue;
      FUZZ_CHECK (cb_text_char_to_byte (text, length, c) == byte_of[clamped]);
      FUZZ_CHECK (cb_text_char_to_byte_indexed (text, length, index_data, index_length, c) == byte_of[clamped]);
      FUZZ_CHECK (cb_text_char_to_byte_indexed (text, length, NULL, 0, c) == byte_of[clamped]);
      units = cb_text_char_to_utf16 (text, length, c);
      FUZZ_CHECK (units == utf16_of[clamped]);
      FUZZ_CHECK (cb_text_utf16_to_char (text, length, units) == clamped);
      /* Inside a surrogate pair, or past the end: -1. */
      if (clamped < n_chars && utf16_of[clamped + 1] - utf16_of[clamped] == 2)
        FUZZ_CHECK (cb_text_utf16_to_char (text, length, units + 1) == -1);
      FUZZ_CHECK (cb_text_utf16_to_char (text, length, utf16_of[n_chars] + 1) == -1);
      FUZZ_CHECK (cb_text_utf16_to_char (text, length, -1) == -1);

      if (s > 0)
        {
          gint64 start = MIN (clamped, CLAMP (g_array_index (samples, gint64, s - 1), 0, n_chars));
          gint64 end = MAX (clamped, CLAMP (g_array_index (samples, gint64, s - 1), 0, n_chars));
          g_autofree char *range = cb_text_dup_range (text, length, start, end);

          FUZZ_CHECK (range != NULL);
          FUZZ_CHECK (strlen (range) == byte_of[end] - byte_of[start]);
          FUZZ_CHECK (memcmp (range, text + byte_of[start], byte_of[end] - byte_of[start]) == 0);
        }
    }
}

static void
check_decoded (const guint8 *data,
               gsize         size,
               const char   *encoding)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding_used = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  gboolean guessed = FALSE;
  gsize length;

  text = cb_text_decode (data, size, encoding, &encoding_used, &guessed, &error);
  if (text == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (encoding_used != NULL);
  length = strlen (text);
  fuzz_check_stored_text (text, length);
  /* Stored text normalises to itself. */
  again = cb_text_normalize (text, length);
  FUZZ_CHECK (strcmp (again, text) == 0);
  check_offsets (text, length, data, size);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init_once ();

  check_decoded (data, size, NULL);
  check_decoded (data, size, forced_encodings[size % G_N_ELEMENTS (forced_encodings)]);

  /* Any valid UTF-8 normalises to stored text, once and for all. */
  if (g_utf8_validate_len ((const char *) data, size, NULL))
    {
      g_autofree char *normalized = cb_text_normalize ((const char *) data, size);
      g_autofree char *twice = NULL;
      g_autofree char *name = NULL;
      g_autofree char *nfc_name = NULL;
      g_autofree char *bounded = g_strndup ((const char *) data, size);

      /* Embedded NULs end the text as far as C strings go. */
      if (strlen (bounded) == size)
        {
          fuzz_check_stored_text (normalized, strlen (normalized));
          twice = cb_text_normalize (normalized, -1);
          FUZZ_CHECK (strcmp (twice, normalized) == 0);

          name = cb_text_normalize_name (bounded);
          FUZZ_CHECK (name != NULL && g_utf8_validate (name, -1, NULL));
          FUZZ_CHECK (strpbrk (name, "\r\n\t") == NULL);
          nfc_name = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);
          FUZZ_CHECK (strcmp (nfc_name, name) == 0);
        }
    }
  return 0;
}
