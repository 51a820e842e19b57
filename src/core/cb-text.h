/* cb-text.h: decoding, normalisation and the one place where offsets are converted
 *
 * Codeboom stores text once, normalised: UTF-8, NFC, LF line ends, no BOM.
 * Every offset anywhere (database, CLI, REFI-QDA) counts Unicode code points
 * into that stored text, end-exclusive.  Conversions to UTF-8 bytes (what C
 * and SQLite index by) and UTF-16 units (what GTK's a11y, ICU and NVivo count)
 * live here and nowhere else.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * cb_text_decode:
 * @data: the raw bytes of a text file
 * @length: their length
 * @encoding: (nullable): an encoding name that overrides detection
 * @encoding_used: (out) (optional): the encoding that was used
 * @guessed: (out) (optional): whether @encoding_used was guessed by the charset detector
 * @error: a #GError
 *
 * Decodes text bytes: a BOM (UTF-8, UTF-16LE/BE) wins, then valid UTF-8, then
 * UTF-16 without BOM recognised by its NUL pattern, then ICU's charset
 * detector, falling back to windows-1252.  Binary data (NUL bytes in an 8-bit
 * text, undecodable bytes) is refused with %CB_IMPORT_ERROR_BINARY or
 * %CB_IMPORT_ERROR_ENCODING.
 *
 * Returns: (transfer full): the normalised text (see cb_text_normalize()).
 */
char    *cb_text_decode             (const guint8  *data,
                                     gsize          length,
                                     const char    *encoding,
                                     char         **encoding_used,
                                     gboolean      *guessed,
                                     GError       **error);

/**
 * cb_text_normalize:
 * @text: valid UTF-8
 * @length: its length in bytes, or -1 when NUL-terminated
 *
 * Strips a leading BOM, turns CRLF and lone CR into LF and composes to NFC.
 *
 * Returns: (transfer full): the normalised text
 */
char    *cb_text_normalize          (const char    *text,
                                     gssize         length);

/* Normalises a short user-given name: NFC, trimmed, inner white space kept. */
char    *cb_text_normalize_name     (const char    *name);

gboolean cb_text_is_normalized      (const char    *text,
                                     gssize         length);

/* Code points in @length bytes of valid UTF-8 (fast for ASCII-heavy text). */
gint64   cb_text_count_chars        (const char    *text,
                                     gsize          length);

/* Byte offset of code point @char_offset, walking from @text; clamps at @length. */
gsize    cb_text_char_to_byte       (const char    *text,
                                     gsize          length,
                                     gint64         char_offset);

/* A character index: the byte offset of every CB_TEXT_INDEX_STRIDE-th code
 * point, as little-endian uint32s, so that finding a code point in a long
 * text walks at most one stride.  Stored beside each document's text. */
#define CB_TEXT_INDEX_STRIDE 256

GBytes  *cb_text_build_char_index   (const char    *text,
                                     gsize          length);

/* Like cb_text_char_to_byte(), starting from the nearest indexed point;
 * @index may be NULL (then it walks from the start). */
gsize    cb_text_char_to_byte_indexed (const char    *text,
                                       gsize          length,
                                       const guint8  *index,
                                       gsize          index_length,
                                       gint64         char_offset);

/* Where the code points [@start, @end) of @text lie, in bytes (clamped
 * at @length; found from the nearest point of @index, which may be NULL),
 * checking that those bytes are valid UTF-8 without NUL in the same pass
 * that finds their end: cutting a span out of an untrusted text otherwise
 * walks it twice.  FALSE when they are not (then *@end_byte is undefined).
 * The same bytes as cb_text_char_to_byte_indexed() of @start and of @end. */
gboolean cb_text_cut_indexed        (const char    *text,
                                     gsize          length,
                                     const guint8  *index,
                                     gsize          index_length,
                                     gint64         start,
                                     gint64         end,
                                     gsize         *start_byte,
                                     gsize         *end_byte);

/* UTF-16 units in the first @char_offset code points of @text. */
gint64   cb_text_char_to_utf16      (const char    *text,
                                     gsize          length,
                                     gint64         char_offset);

/* Code point offset of UTF-16 unit @utf16_offset, or -1 when it splits a surrogate pair
 * or lies past the end. */
gint64   cb_text_utf16_to_char      (const char    *text,
                                     gsize          length,
                                     gint64         utf16_offset);

/* A walker: a position in a text that moves between offsets, so that a
 * pass over offsets in text order (search hits, a REFI-QDA project's
 * selections) walks the text once.  Moving backwards restarts from the
 * top: correct, only slow if it happens a lot.  With @with_utf16 it also
 * keeps the UTF-16 offset (for cb_text_walker_char_at_utf16() and the
 * utf16 field); without, that costs nothing. */
typedef struct
{
  const char *text;
  gsize       length;
  gboolean    with_utf16;
  gsize       byte;       /* where the walker is: UTF-8 bytes, */
  gint64      chars;      /* code points */
  gint64      utf16;      /* and UTF-16 units (with @with_utf16) */
} CbTextWalker;

void     cb_text_walker_init        (CbTextWalker  *walker,
                                     const char    *text,
                                     gsize          length,
                                     gboolean       with_utf16);
/* Moves to code point @chars (not past the end); returns its byte offset. */
gsize    cb_text_walker_byte_at     (CbTextWalker  *walker,
                                     gint64         chars);
/* Moves to byte @byte (which starts a code point, or is the end); returns
 * its code point offset. */
gint64   cb_text_walker_char_at     (CbTextWalker  *walker,
                                     gsize          byte);
/* Moves to UTF-16 unit @utf16 (needs @with_utf16); returns its code point
 * offset, or -1 when it splits a surrogate pair or lies past the end. */
gint64   cb_text_walker_char_at_utf16 (CbTextWalker *walker,
                                       gint64        utf16);

/* A copy of the code points [@start, @end) of @text. */
char    *cb_text_dup_range          (const char    *text,
                                     gsize          length,
                                     gint64         start,
                                     gint64         end);

/* Lower-case hex SHA-256 of @data. */
char    *cb_text_sha256             (const guint8  *data,
                                     gsize          length);

/* g_utf8_validate_len() with a fast path for runs of ASCII, which most of a
 * transcript is: the check stored texts get before every use. */
gboolean cb_text_validate_utf8      (const char    *text,
                                     gsize          length);

G_END_DECLS
