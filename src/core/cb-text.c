/* cb-text.c: decoding, normalisation and offset conversions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <glib/gi18n-lib.h>
#include <nettle/sha2.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "cb-error.h"
#include "cb-text.h"

/* ICU's UTF-16 APIs take int32_t lengths; texts beyond this are refused
 * long before (the importer's size limit), but never overflow silently. */
#define MAX_UTF16_UNITS (G_MAXINT32 / 2)

static gboolean
is_continuation_byte (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* Lead bytes (anything but 10xxxxxx) among the eight bytes of @word. */
static inline guint
count_lead_bytes (guint64 word)
{
  guint64 continuation = word & ~(word << 1) & G_GUINT64_CONSTANT (0x8080808080808080);

  /* Sum the eight flags with one multiplication (no popcnt on baseline x86-64). */
  return 8 - (guint) (((continuation >> 7) * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
}

gint64
cb_text_count_chars (const char *text,
                     gsize       length)
{
  const guchar *p = (const guchar *) text;
  gint64 n = 0;
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 word;

      memcpy (&word, p + i, 8);
      n += count_lead_bytes (word);
    }

  for (; i < length; i++)
    n += !is_continuation_byte (p[i]);

  return n;
}

gsize
cb_text_char_to_byte (const char *text,
                      gsize       length,
                      gint64      char_offset)
{
  const guchar *p = (const guchar *) text;
  gsize i = 0;

  if (char_offset <= 0)
    return 0;

  /* Skip whole words while the code point sought lies beyond them: a
   * word holds at most eight lead bytes, so counting them is exact. */
  while (i + 8 <= length)
    {
      guint64 word;
      guint leads;

      memcpy (&word, p + i, 8);
      leads = count_lead_bytes (word);
      if ((gint64) leads > char_offset)
        break;
      char_offset -= leads;
      i += 8;
    }

  /* The code point is the char_offset-th lead byte from here (we may be
   * inside a sequence whose lead byte was counted already). */
  for (; i < length; i++)
    {
      if (is_continuation_byte (p[i]))
        continue;
      if (char_offset == 0)
        return i;
      char_offset--;
    }

  return length;
}

/* The byte @n_chars code points after @p (clamped at @end), counting lead
 * bytes as cb_text_char_to_byte() does; sixteen bytes at a time where the
 * processor has SSE2 (every x86-64 does). */
static const guchar *
skip_chars (const guchar *p,
            const guchar *end,
            gint64        n_chars)
{
#ifdef __SSE2__
  const __m128i below = _mm_set1_epi8 (-64);   /* 0x80–0xBF, signed */

  while (end - p >= 16)
    {
      __m128i v = _mm_loadu_si128 ((const __m128i *) p);
      guint continuations = _mm_movemask_epi8 (_mm_cmplt_epi8 (v, below));
      guint leads;

      /* the sixteen flags summed in place (no popcnt instruction on
       * baseline x86-64: the compiler would call a library function) */
      continuations = continuations - ((continuations >> 1) & 0x5555);
      continuations = (continuations & 0x3333) + ((continuations >> 2) & 0x3333);
      continuations = (continuations + (continuations >> 4)) & 0x0F0F;
      leads = 16 - ((continuations + (continuations >> 8)) & 0x1F);

      if ((gint64) leads > n_chars)
        break;
      n_chars -= leads;
      p += 16;
    }
#endif
  for (; p < end; p++)
    {
      if (is_continuation_byte (*p))
        continue;
      if (n_chars == 0)
        return p;
      n_chars--;
    }
  return end;
}

/* Whether the @n_chars code points from @p (or up to @end) are valid UTF-8
 * without NUL; where they end in *@out. */
static gboolean
validate_chars (const guchar  *p,
                const guchar  *end,
                gint64         n_chars,
                const guchar **out)
{
  while (n_chars > 0 && p < end)
    {
      /* The ASCII bytes before the first that is not are taken at once: a
       * transcript's accented letters come every few words.  A NUL among
       * them fails. */
#ifdef __SSE2__
      if (end - p >= 16)
        {
          __m128i v = _mm_loadu_si128 ((const __m128i *) p);
          guint high = _mm_movemask_epi8 (v);
          guint zero = _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_setzero_si128 ()));
          gint64 ascii = high != 0 ? __builtin_ctz (high) : 16;

          if (zero != 0 && __builtin_ctz (zero) < ascii)
            return FALSE;
          if (ascii > 0)
            {
              ascii = MIN (ascii, n_chars);
              p += ascii;
              n_chars -= ascii;
              continue;
            }
        }
#endif
      if (*p < 0x80)
        {
          if (*p == '\0')
            return FALSE;
          p++;
        }
      /* two bytes (Latin accents) here; the rest as GLib checks them */
      else if (*p >= 0xC2 && *p <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80)
        p += 2;
      else
        {
          gunichar c = g_utf8_get_char_validated ((const char *) p, end - p);

          if (c == (gunichar) -1 || c == (gunichar) -2)
            return FALSE;
          p = (const guchar *) g_utf8_next_char (p);
        }
      n_chars--;
    }
  /* a stray continuation byte right after would belong to the last code
   * point as offsets count them (lead bytes): the span is not valid */
  if (p < end && (*p & 0xC0) == 0x80)
    return FALSE;
  *out = p;
  return TRUE;
}

gboolean
cb_text_cut_indexed (const char   *text,
                     gsize         length,
                     const guint8 *index,
                     gsize         index_length,
                     gint64        start,
                     gint64        end,
                     gsize        *start_byte,
                     gsize        *end_byte)
{
  const guchar *base = (const guchar *) text;
  const guchar *p = base;
  const guchar *stop = base + length;
  gint64 entry = start / CB_TEXT_INDEX_STRIDE;
  const guchar *after;

  /* from the nearest indexed point; a stale or foreign index (a byte
   * past the end) is ignored: it must never send us outside the text */
  if (index != NULL && start > 0 && entry > 0)
    {
      guint32 le;

      entry = MIN (entry, (gint64) (index_length / sizeof le));
      if (entry > 0)
        {
          memcpy (&le, index + (entry - 1) * sizeof le, sizeof le);
          if (GUINT32_FROM_LE (le) <= length)
            {
              p = base + GUINT32_FROM_LE (le);
              start -= entry * CB_TEXT_INDEX_STRIDE;
              end -= entry * CB_TEXT_INDEX_STRIDE;
            }
        }
    }
  p = start > 0 ? skip_chars (p, stop, start) : p;
  *start_byte = p - base;
  if (end <= start)
    {
      *end_byte = *start_byte;
      return TRUE;
    }
  if (!validate_chars (p, stop, end - start, &after))
    return FALSE;
  *end_byte = after - base;
  return TRUE;
}

GBytes *
cb_text_build_char_index (const char *text,
                          gsize       length)
{
  g_autoptr(GByteArray) index = g_byte_array_new ();
  gsize byte = 0;

  g_return_val_if_fail (length <= G_MAXUINT32, NULL);

  /* entry k is the byte offset of code point k * STRIDE; entry 0 is implied */
  for (;;)
    {
      gsize next = byte + cb_text_char_to_byte (text + byte, length - byte, CB_TEXT_INDEX_STRIDE);
      guint32 le;

      if (next >= length)
        break;
      le = GUINT32_TO_LE ((guint32) next);
      g_byte_array_append (index, (const guint8 *) &le, sizeof le);
      byte = next;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&index));
}

gsize
cb_text_char_to_byte_indexed (const char   *text,
                              gsize         length,
                              const guint8 *index,
                              gsize         index_length,
                              gint64        char_offset)
{
  gint64 entry = char_offset / CB_TEXT_INDEX_STRIDE;
  guint32 le;
  gsize byte;

  if (index == NULL || entry <= 0 || char_offset <= 0)
    return cb_text_char_to_byte (text, length, char_offset);

  entry = MIN (entry, (gint64) (index_length / sizeof le));
  if (entry == 0)
    return cb_text_char_to_byte (text, length, char_offset);

  memcpy (&le, index + (entry - 1) * sizeof le, sizeof le);
  byte = GUINT32_FROM_LE (le);
  /* A stale or foreign index must never send us outside the text. */
  if (byte > length)
    return cb_text_char_to_byte (text, length, char_offset);

  return byte + cb_text_char_to_byte (text + byte, length - byte,
                                      char_offset - entry * CB_TEXT_INDEX_STRIDE);
}

gint64
cb_text_char_to_utf16 (const char *text,
                       gsize       length,
                       gint64      char_offset)
{
  const guchar *p = (const guchar *) text;
  gint64 units = 0;
  gsize i = 0;

  while (i < length && char_offset > 0)
    {
      /* Four-byte sequences are the astral code points: two UTF-16 units. */
      units += (p[i] >= 0xF0) ? 2 : 1;
      i++;
      while (i < length && is_continuation_byte (p[i]))
        i++;
      char_offset--;
    }

  return units;
}

gint64
cb_text_utf16_to_char (const char *text,
                       gsize       length,
                       gint64      utf16_offset)
{
  const guchar *p = (const guchar *) text;
  gint64 chars = 0;
  gsize i = 0;

  if (utf16_offset < 0)
    return -1;

  while (utf16_offset > 0)
    {
      if (i >= length)
        return -1;
      utf16_offset -= (p[i] >= 0xF0) ? 2 : 1;
      if (utf16_offset < 0)
        return -1; /* the offset splits a surrogate pair */
      i++;
      while (i < length && is_continuation_byte (p[i]))
        i++;
      chars++;
    }

  return chars;
}

void
cb_text_walker_init (CbTextWalker *walker,
                     const char   *text,
                     gsize         length,
                     gboolean      with_utf16)
{
  walker->text = text;
  walker->length = length;
  walker->with_utf16 = with_utf16;
  walker->byte = 0;
  walker->chars = 0;
  walker->utf16 = 0;
}

static void
walker_rewind (CbTextWalker *walker)
{
  walker->byte = 0;
  walker->chars = 0;
  walker->utf16 = 0;
}

gsize
cb_text_walker_byte_at (CbTextWalker *walker,
                        gint64        chars)
{
  const char *rest;
  gsize rest_length;
  gint64 delta;

  if (chars < walker->chars)
    walker_rewind (walker);
  delta = chars - walker->chars;
  if (delta == 0)
    return walker->byte;

  rest = walker->text + walker->byte;
  rest_length = walker->length - walker->byte;
  if (walker->with_utf16)
    walker->utf16 += cb_text_char_to_utf16 (rest, rest_length, delta);
  walker->byte += cb_text_char_to_byte (rest, rest_length, delta);
  walker->chars = chars;
  return walker->byte;
}

gint64
cb_text_walker_char_at (CbTextWalker *walker,
                        gsize         byte)
{
  const char *rest;
  gint64 delta;

  g_return_val_if_fail (byte <= walker->length, walker->chars);

  if (byte < walker->byte)
    walker_rewind (walker);
  rest = walker->text + walker->byte;
  delta = cb_text_count_chars (rest, byte - walker->byte);
  if (walker->with_utf16)
    walker->utf16 += cb_text_char_to_utf16 (rest, byte - walker->byte, delta);
  walker->chars += delta;
  walker->byte = byte;
  return walker->chars;
}

gint64
cb_text_walker_char_at_utf16 (CbTextWalker *walker,
                              gint64        utf16)
{
  const char *rest;
  gsize rest_length;
  gint64 delta;

  g_return_val_if_fail (walker->with_utf16, -1);

  if (utf16 < 0)
    return -1;
  if (utf16 < walker->utf16)
    walker_rewind (walker);
  rest = walker->text + walker->byte;
  rest_length = walker->length - walker->byte;
  delta = cb_text_utf16_to_char (rest, rest_length, utf16 - walker->utf16);
  if (delta < 0)
    return -1;
  walker->byte += cb_text_char_to_byte (rest, rest_length, delta);
  walker->chars += delta;
  walker->utf16 = utf16;
  return walker->chars;
}

char *
cb_text_dup_range (const char *text,
                   gsize       length,
                   gint64      start,
                   gint64      end)
{
  gsize start_byte;
  gsize end_byte;

  g_return_val_if_fail (start >= 0 && start <= end, NULL);

  start_byte = cb_text_char_to_byte (text, length, start);
  end_byte = start_byte + cb_text_char_to_byte (text + start_byte, length - start_byte, end - start);

  return g_strndup (text + start_byte, end_byte - start_byte);
}

char *
cb_text_sha256 (const guint8 *data,
                gsize         length)
{
  static const char hex[] = "0123456789abcdef";
  struct sha256_ctx context;
  guint8 digest[SHA256_DIGEST_SIZE];
  char *out = g_malloc (SHA256_DIGEST_SIZE * 2 + 1);

  /* Nettle rather than GChecksum: it uses the CPU's SHA instructions, which
   * makes hashing the original files of an import five times faster. */
  sha256_init (&context);
  sha256_update (&context, length, data);
  sha256_digest (&context, SHA256_DIGEST_SIZE, digest);

  for (guint i = 0; i < SHA256_DIGEST_SIZE; i++)
    {
      out[2 * i] = hex[digest[i] >> 4];
      out[2 * i + 1] = hex[digest[i] & 0xF];
    }
  out[SHA256_DIGEST_SIZE * 2] = '\0';

  return out;
}

/* Removes leading BOMs and turns CRLF and lone CR into LF.  All of them:
 * a file saved twice by a BOM-adding tool starts with two, and removing
 * only one would leave text that normalises again to something else. */
static char *
strip_bom_and_line_ends (const char *text,
                         gsize       length,
                         gsize      *out_length)
{
  char *out = g_malloc (length + 1);
  const char *p = text;
  const char *end = text + length;
  char *o = out;

  while (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      const char *cr = memchr (p, '\r', end - p);

      if (cr == NULL)
        {
          memcpy (o, p, end - p);
          o += end - p;
          break;
        }

      memcpy (o, p, cr - p);
      o += cr - p;
      *o++ = '\n';
      p = cr + 1;
      if (p < end && *p == '\n')
        p++;
    }

  *o = '\0';
  *out_length = o - out;
  return out;
}

/* TRUE when @text (valid UTF-8) is certainly NFC already: every code point
 * is below U+0300 (always NFC) or is a starter that NFC keeps as it is
 * (NFC_Quick_Check=Yes, combining class 0), like typographic quotes, dashes
 * and emoji.  Anything else takes ICU's full path.  This saves a round trip
 * through UTF-16 for nearly every transcript. */
static gboolean
certainly_nfc (const char *text,
               gsize       length)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;

  while (p < end)
    {
      const char *next;
      gunichar c;

      /* ASCII, and the lead and continuation bytes of code points below
       * U+0300 (their lead bytes are below 0xCC, all continuation bytes too) */
      if (*p < 0xCC)
        {
          p++;
          continue;
        }

      c = g_utf8_get_char ((const char *) p);
      next = g_utf8_next_char ((const char *) p);
      if (u_getIntPropertyValue (c, UCHAR_NFC_QUICK_CHECK) != UNORM_YES ||
          u_getCombiningClass (c) != 0)
        return FALSE;
      p = (const guchar *) next;
    }

  return TRUE;
}

char *
cb_text_normalize (const char *text,
                   gssize      length)
{
  g_autofree char *stripped = NULL;
  g_autofree UChar *utf16 = NULL;
  g_autofree UChar *normalized = NULL;
  const UNormalizer2 *nfc;
  UErrorCode status = U_ZERO_ERROR;
  gsize stripped_length;
  int32_t utf16_length = 0;
  int32_t quick_span;
  int32_t normalized_length;
  int32_t utf8_length = 0;
  char *result;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = strlen (text);

  stripped = strip_bom_and_line_ends (text, length, &stripped_length);

  if (certainly_nfc (stripped, stripped_length))
    return g_steal_pointer (&stripped);

  nfc = unorm2_getNFCInstance (&status);
  if (U_FAILURE (status) || stripped_length > MAX_UTF16_UNITS)
    return g_steal_pointer (&stripped);

  u_strFromUTF8 (NULL, 0, &utf16_length, stripped, stripped_length, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return g_steal_pointer (&stripped);
  status = U_ZERO_ERROR;
  utf16 = g_new (UChar, utf16_length + 1);
  u_strFromUTF8 (utf16, utf16_length + 1, NULL, stripped, stripped_length, &status);
  if (U_FAILURE (status))
    return g_steal_pointer (&stripped);

  quick_span = unorm2_spanQuickCheckYes (nfc, utf16, utf16_length, &status);
  if (U_FAILURE (status) || quick_span == utf16_length)
    return g_steal_pointer (&stripped);

  /* Copy the part known to be normalised, then normalise the rest onto it. */
  normalized = g_new (UChar, (gsize) utf16_length * 3 + 1);
  memcpy (normalized, utf16, quick_span * sizeof (UChar));
  normalized_length = unorm2_normalizeSecondAndAppend (nfc, normalized, quick_span,
                                                       utf16_length * 3 + 1,
                                                       utf16 + quick_span,
                                                       utf16_length - quick_span,
                                                       &status);
  if (U_FAILURE (status))
    return g_steal_pointer (&stripped);

  u_strToUTF8 (NULL, 0, &utf8_length, normalized, normalized_length, &status);
  status = U_ZERO_ERROR;
  result = g_malloc (utf8_length + 1);
  u_strToUTF8 (result, utf8_length + 1, NULL, normalized, normalized_length, &status);
  if (U_FAILURE (status))
    {
      g_free (result);
      return g_steal_pointer (&stripped);
    }
  result[utf8_length] = '\0';

  return result;
}

gboolean
cb_text_is_normalized (const char *text,
                       gssize      length)
{
  g_autofree char *normalized = NULL;

  if (length < 0)
    length = strlen (text);
  if (!g_utf8_validate_len (text, length, NULL))
    return FALSE;
  normalized = cb_text_normalize (text, length);
  return strlen (normalized) == (gsize) length && memcmp (normalized, text, length) == 0;
}

char *
cb_text_normalize_name (const char *name)
{
  g_autofree char *normalized = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;

  normalized = cb_text_normalize (name, -1);
  /* A name is one line: other white space collapses to a single space, and
   * space variants (no-break, narrow no-break, ideographic…) are a space,
   * so that a look-alike of a name is the same name. */
  {
    GString *spaced = g_string_sized_new (strlen (normalized));

    for (const char *p = normalized; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c == '\n' || c == '\t' || c == '\r' || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
          g_string_append_c (spaced, ' ');
        else
          g_string_append_unichar (spaced, c);
      }
    return g_strstrip (g_string_free (spaced, FALSE));
  }
}

/* Converts @length bytes in @charset to UTF-8 with ICU, refusing bytes the
 * charset does not define instead of substituting them silently. */
static char *
convert_to_utf8 (const guint8  *data,
                 gsize          length,
                 const char    *charset,
                 gsize         *out_length,
                 GError       **error)
{
  g_autofree UChar *utf16 = NULL;
  UConverter *converter;
  UErrorCode status = U_ZERO_ERROR;
  int32_t utf16_length;
  int32_t utf8_length = 0;
  char *utf8;

  if (length > MAX_UTF16_UNITS / 2)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("The text is too large to decode"));
      return NULL;
    }

  converter = ucnv_open (charset, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                   _("Unknown encoding “%s”"), charset);
      return NULL;
    }

  ucnv_setToUCallBack (converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
  utf16 = g_new (UChar, length * 2 + 2);
  utf16_length = ucnv_toUChars (converter, utf16, length * 2 + 2, (const char *) data, length, &status);
  ucnv_close (converter);

  if (U_FAILURE (status))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                   _("The text is not valid %s"), charset);
      return NULL;
    }

  u_strToUTF8 (NULL, 0, &utf8_length, utf16, utf16_length, &status);
  status = U_ZERO_ERROR;
  utf8 = g_malloc (utf8_length + 1);
  u_strToUTF8 (utf8, utf8_length + 1, NULL, utf16, utf16_length, &status);
  if (U_FAILURE (status))
    {
      g_free (utf8);
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                   _("The text is not valid %s"), charset);
      return NULL;
    }
  utf8[utf8_length] = '\0';
  *out_length = utf8_length;

  return utf8;
}

/* Recognises UTF-16 without a BOM by its zero bytes: text in Latin script
 * has a zero in the high byte of nearly every unit. */
static const char *
sniff_utf16 (const guint8 *data,
             gsize         length)
{
  gsize sample = MIN (length, 4096) & ~(gsize) 1;
  gsize zero_even = 0;
  gsize zero_odd = 0;

  if (sample < 4)
    return NULL;

  for (gsize i = 0; i < sample; i += 2)
    {
      zero_even += data[i] == 0;
      zero_odd += data[i + 1] == 0;
    }

  if (zero_odd * 10 >= sample / 2 * 4 && zero_even * 20 < sample / 2)
    return "UTF-16LE";
  if (zero_even * 10 >= sample / 2 * 4 && zero_odd * 20 < sample / 2)
    return "UTF-16BE";

  /* Chinese, Japanese or Korean text has few zero bytes: recognise it by
   * nearly all of its units being CJK, kana, hangul, full-width or plain
   * ASCII text characters, in one byte order and not the other. */
  for (int be = 0; be <= 1 && length % 2 == 0; be++)
    {
      gsize textual = 0;

      for (gsize i = 0; i < sample; i += 2)
        {
          guint u = be ? (data[i] << 8 | data[i + 1]) : (data[i + 1] << 8 | data[i]);

          textual += (u >= 0x3000 && u <= 0x9FFF) || (u >= 0xAC00 && u <= 0xD7AF) ||
                     (u >= 0xFF00 && u <= 0xFFEF) || (u >= 0x20 && u < 0x7F) ||
                     u == '\n' || u == '\r' || u == '\t';
        }
      if (textual * 100 >= sample / 2 * 95)
        return be ? "UTF-16BE" : "UTF-16LE";
    }
  return NULL;
}

/* Text, not binary data: no NULs, and few control characters in its
 * first 64 KiB (binary data shows itself there; text is not read twice). */
static gboolean
looks_like_text (const char *text,
                 gsize       length)
{
  gsize controls = 0;

  if (memchr (text, '\0', length) != NULL)
    return FALSE;

  length = MIN (length, 64 * 1024);
  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
        controls++;
    }

  return controls * 100 <= length;
}

/* Asks ICU's detector; maps its answer onto what Western European files
 * really are (ISO-8859-1 is nearly always windows-1252 in practice). */
static const char *
detect_charset (const guint8 *data,
                gsize         length)
{
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector *detector = ucsdet_open (&status);
  const UCharsetMatch *match;
  const char *name = NULL;
  const char *result = "windows-1252";

  if (U_FAILURE (status))
    return result;

  ucsdet_setText (detector, (const char *) data, MIN (length, (gsize) G_MAXINT32), &status);
  match = ucsdet_detect (detector, &status);
  if (U_SUCCESS (status) && match != NULL && ucsdet_getConfidence (match, &status) >= 30)
    name = ucsdet_getName (match, &status);

  if (U_SUCCESS (status) && name != NULL)
    {
      static const char * const western[] = {
        "ISO-8859-1", "ISO-8859-15", "windows-1252", NULL
      };
      static const char * const trusted[] = {
        "ISO-8859-2", "windows-1250", "ISO-8859-5", "windows-1251", "KOI8-R",
        "ISO-8859-7", "windows-1253", "ISO-8859-9", "windows-1254",
        "Shift_JIS", "EUC-JP", "EUC-KR", "GB18030", "Big5", NULL
      };

      if (g_strv_contains (western, name))
        result = "windows-1252";
      else if (g_strv_contains (trusted, name))
        result = name;
    }

  ucsdet_close (detector);
  return result;
}

char *
cb_text_decode (const guint8  *data,
                gsize          length,
                const char    *encoding,
                char         **encoding_used,
                gboolean      *guessed,
                GError       **error)
{
  g_autofree char *converted = NULL;
  const char *utf8 = NULL;
  const char *charset = NULL;
  gboolean was_guessed = FALSE;
  gboolean valid_utf8 = FALSE;
  gsize utf8_length = 0;
  gsize skip = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (encoding != NULL)
    charset = encoding;
  else if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    charset = "UTF-8";
  else if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    charset = "UTF-16LE", skip = 2;
  else if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    charset = "UTF-16BE", skip = 2;
  else if ((valid_utf8 = g_utf8_validate_len ((const char *) data, length, NULL)) &&
           (length == 0 || memchr (data, '\0', length) == NULL))   /* data may be NULL when empty */
    charset = "UTF-8";
  else if ((charset = sniff_utf16 (data, length)) != NULL)
    ;
  else if (length > 0 && memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_BINARY,
                   _("This is binary data, not text"));
      return NULL;
    }
  else
    {
      charset = detect_charset (data, length);
      was_guessed = TRUE;
    }

  if (g_ascii_strcasecmp (charset, "UTF-8") == 0 || g_ascii_strcasecmp (charset, "UTF8") == 0)
    {
      if (!valid_utf8 && !g_utf8_validate_len ((const char *) data, length, NULL))
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                       _("The text is not valid UTF-8"));
          return NULL;
        }
      utf8 = (const char *) data;
      utf8_length = length;
      charset = "UTF-8";
    }
  else
    {
      converted = convert_to_utf8 (data + skip, length - skip, charset, &utf8_length, error);
      if (converted == NULL)
        return NULL;
      utf8 = converted;
    }

  if (!looks_like_text (utf8, utf8_length))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_BINARY,
                   _("This is binary data, not text"));
      return NULL;
    }

  if (encoding_used != NULL)
    *encoding_used = g_strdup (charset);
  if (guessed != NULL)
    *guessed = was_guessed;

  return cb_text_normalize (utf8, utf8_length);
}

gboolean
cb_text_validate_utf8 (const char *text,
                       gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  while (p < end)
    {
      guint64 word;

      /* eight ASCII bytes at a time */
      if (end - p >= (ptrdiff_t) sizeof word)
        {
          memcpy (&word, p, sizeof word);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              /* a NUL byte among them (no high bit is set, so the
               * subtraction borrows into a high bit only at a zero) */
              if (((word - G_GUINT64_CONSTANT (0x0101010101010101)) & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
                return FALSE;
              p += sizeof word;
              continue;
            }
        }
      if ((guchar) *p < 0x80)
        {
          if (*p == '\0')
            return FALSE;
          p++;
          continue;
        }
      {
        gunichar c = g_utf8_get_char_validated (p, end - p);

        if (c == (gunichar) -1 || c == (gunichar) -2)
          return FALSE;
        p = g_utf8_next_char (p);
      }
    }
  return TRUE;
}
