/* cb-search-fold.c: folding for search, and the offset map of a folded copy
 *
 * One function folds in every mode (cb-search-fold.h): the stored copy
 * (everything folded), the term, and the check of a candidate when the
 * user matches case or accents (the same function with less folded), so a
 * candidate is always judged by the folding that found it.  Most of a
 * Dutch or French transcript is ASCII, which goes eight bytes at a time
 * while a block holds nothing the equivalence changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "cb-search-fold.h"

/* Code points below this fold through a table per mode, built once; the
 * rest (CJK, emoji, …) ask ICU each time. */
#define FOLD_TABLE_SIZE 0x3000

/* What a code point folds to, when not a code point. */
#define FOLD_DROP    0xFFFFFFFFu   /* nothing: part of the unit before */
#define FOLD_WHITE   0xFFFFFFFEu   /* white space: runs are one space */
#define FOLD_HYPHEN  0xFFFFFFFDu   /* a hyphen: nothing before a line break inside a word */
#define FOLD_EXPAND  0xFFFF0000u   /* | index into expansions[] */

static const char * const expansions[] = {
  "...", "ff", "fi", "fl", "ffi", "ffl", "st", "ss", "SS",
};

enum { EXPAND_ELLIPSIS, EXPAND_FF, EXPAND_FI, EXPAND_FL, EXPAND_FFI, EXPAND_FFL, EXPAND_ST,
       EXPAND_SS, EXPAND_SS_CAPITAL };

/* The base of @c's canonical decomposition: é → e, ǘ → u.  A combining mark
 * (canonical combining class > 0, the marks Python's unicodedata.combining()
 * reports) has no base: FOLD_DROP.  Marks of class 0 (Indic vowel signs,
 * variation selectors) are part of their letter and stay.  A code point
 * whose decomposition has several bases (Hangul syllables) stays whole. */
static guint32
strip_accents_char (gunichar c)
{
  UErrorCode status = U_ZERO_ERROR;
  const UNormalizer2 *nfd = unorm2_getNFDInstance (&status);
  UChar decomposition[32];
  UChar32 base = 0;
  int32_t length;
  int32_t i = 0;
  guint n_bases = 0;

  if (c < 0x80)
    return c;

  g_assert (U_SUCCESS (status));
  length = unorm2_getDecomposition (nfd, c, decomposition, G_N_ELEMENTS (decomposition), &status);
  if (U_FAILURE (status) || length < 0)
    return u_getCombiningClass (c) != 0 ? FOLD_DROP : c;

  while (i < length)
    {
      UChar32 part;

      U16_NEXT (decomposition, i, length, part);
      if (u_getCombiningClass (part) == 0)
        {
          if (n_bases++ == 0)
            base = part;
        }
    }

  if (n_bases == 0)
    return FOLD_DROP;
  if (n_bases > 1)
    return c;
  return base;
}

static guint32
fold_case_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_tolower (c);
  return u_foldCase (c, U_FOLD_CASE_DEFAULT);
}

static gboolean
is_white (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r');
  return u_isUWhiteSpace (c);
}

/* The equivalence's classes: what @c is before case and accents, or 0 when
 * it is not in one. */
static guint32
equivalence_char (gunichar c,
                  CbFoldMode mode)
{
  if (is_white (c))
    return FOLD_WHITE;

  switch (c)
    {
    case '-':
    case 0x2010:    /* hyphen */
    case 0x00AD:    /* soft hyphen */
      return FOLD_HYPHEN;

    case '\'':
    case 0x2018:    /* ‘ */
    case 0x2019:    /* ’ */
    case 0x201A:    /* ‚ */
    case 0x201B:    /* ‛ */
    case 0x02BC:    /* ʼ modifier letter apostrophe */
    case 0x2032:    /* ′ prime */
      return '\'';

    case '"':
    case 0x201C:    /* “ */
    case 0x201D:    /* ” */
    case 0x201E:    /* „ */
    case 0x201F:    /* ‟ */
    case 0x00AB:    /* « */
    case 0x00BB:    /* » */
    case 0x2033:    /* ″ double prime */
      return '"';

    case 0x2011:    /* non-breaking hyphen */
    case 0x2012:    /* figure dash */
    case 0x2013:    /* – */
    case 0x2014:    /* — */
    case 0x2015:    /* horizontal bar */
    case 0x2212:    /* − minus */
      return '-';

    case 0x2026:
      return FOLD_EXPAND | EXPAND_ELLIPSIS;
    case 0xFB00:
      return FOLD_EXPAND | EXPAND_FF;
    case 0xFB01:
      return FOLD_EXPAND | EXPAND_FI;
    case 0xFB02:
      return FOLD_EXPAND | EXPAND_FL;
    case 0xFB03:
      return FOLD_EXPAND | EXPAND_FFI;
    case 0xFB04:
      return FOLD_EXPAND | EXPAND_FFL;
    case 0xFB05:    /* ſt */
    case 0xFB06:
      return FOLD_EXPAND | EXPAND_ST;
    case 0x00DF:    /* ß */
      return FOLD_EXPAND | EXPAND_SS;
    case 0x1E9E:    /* ẞ */
      return FOLD_EXPAND | ((mode & CB_FOLD_CASE) ? EXPAND_SS : EXPAND_SS_CAPITAL);
    default:
      return 0;
    }
}

/* Case first so that a capital's decomposition is a small letter's
 * (İ → i̇ → i), then case again for bases that only decompose capital
 * (U+0130's base is I). */
static guint32
fold_entry (CbFoldMode mode,
            gunichar   c)
{
  guint32 folded = c;

  if (mode & CB_FOLD_EQUIV)
    {
      guint32 special = equivalence_char (c, mode);

      if (special != 0)
        return special;
    }

  if (mode & CB_FOLD_CASE)
    folded = fold_case_char (folded);
  if (mode & CB_FOLD_ACCENTS)
    {
      guint32 base = strip_accents_char (folded);

      if (base == FOLD_DROP)
        return FOLD_DROP;
      if (base != folded)
        folded = (mode & CB_FOLD_CASE) ? fold_case_char (base) : base;
    }
  return folded;
}

static guint32 *fold_tables[CB_FOLD_ALL + 1];

static const guint32 *
fold_table (CbFoldMode mode)
{
  static gsize initialized[CB_FOLD_ALL + 1];

  if (g_once_init_enter (&initialized[mode]))
    {
      guint32 *table = g_new (guint32, FOLD_TABLE_SIZE);

      for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
        table[c] = fold_entry (mode, c);
      fold_tables[mode] = table;
      g_once_init_leave (&initialized[mode], 1);
    }
  return fold_tables[mode];
}

gboolean
_cb_search_fold_may_split (gunichar c,
                           gboolean first)
{
  for (guint i = 0; i < G_N_ELEMENTS (expansions); i++)
    {
      const char *e = expansions[i];
      gsize n = strlen (e);

      /* first: may @c be a unit after the first of an expansion? */
      for (gsize k = first ? 1 : 0; k < (first ? n : n - 1); k++)
        if ((gunichar) g_ascii_tolower (e[k]) == c || (gunichar) e[k] == c)
          return TRUE;
    }
  return FALSE;
}

/* Decodes one code point of valid UTF-8 at @p; *@p moves past it. */
static inline gunichar
next_char (const guchar **p)
{
  const guchar *s = *p;
  gunichar c;

  if (s[0] < 0x80)
    {
      *p = s + 1;
      return s[0];
    }
  if (s[0] < 0xE0)
    {
      c = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
      *p = s + 2;
    }
  else if (s[0] < 0xF0)
    {
      c = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
      *p = s + 3;
    }
  else
    {
      c = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) | ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
      *p = s + 4;
    }
  return c;
}

/* SWAR over eight ASCII bytes (no byte has its top bit set, so no sum
 * carries into the next byte): 0x80 in each byte that ... */
#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* … is below @n (n <= 0x80) */
static inline guint64
bytes_below (guint64 word,
             guint   n)
{
  return ~(word + ONES * (0x80 - n)) & HIGHS;
}

/* … equals @b */
static inline guint64
bytes_equal (guint64 word,
             guchar  b)
{
  guint64 x = word ^ (ONES * b);

  return ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
}

/* Lower-cases eight ASCII bytes at once: a byte gets 0x20 added when it is
 * at least 'A' and not above 'Z'. */
static inline guint64
ascii_tolower8 (guint64 word)
{
  guint64 at_least_a = word + ONES * (0x80 - 'A');
  guint64 above_z = word + ONES * (0x7F - 'Z');
  guint64 upper = at_least_a & ~above_z & HIGHS;

  return word | (upper >> 2);
}

typedef struct
{
  GString   *out;
  GArray    *groups;
  guint32    units;         /* units written */
  guint32    source;        /* code points read */
  gboolean   last_white;    /* the last unit is a white space run that may go on */
} Folder;

static inline gboolean
last_group_ends_here (Folder *f)
{
  const CbFoldGroup *last;

  if (f->groups->len == 0)
    return FALSE;
  last = &g_array_index (f->groups, CbFoldGroup, f->groups->len - 1);
  return last->folded + last->n_folded == f->units && last->source + last->n_source == f->source;
}

/* @n code points that belong to the unit before (a combining mark, the
 * rest of a white space run). */
static void
attach (Folder *f,
        guint32 n)
{
  if (last_group_ends_here (f))
    g_array_index (f->groups, CbFoldGroup, f->groups->len - 1).n_source += n;
  else
    {
      CbFoldGroup group;

      if (f->units > 0)
        group = (CbFoldGroup) { f->units - 1, f->source - 1, 1, 1 + n };
      else
        group = (CbFoldGroup) { f->units, f->source, 0, n };
      g_array_append_val (f->groups, group);
    }
  f->source += n;
}

static inline void
emit_unit (Folder  *f,
           guint32  c)
{
  if (c < 0x80)
    g_string_append_c (f->out, (char) c);
  else
    g_string_append_unichar (f->out, c);
  f->units++;
  f->source++;
  f->last_white = FALSE;
}

static void
emit_group (Folder     *f,
            const char *units,
            guint32     n_source)
{
  CbFoldGroup group = { f->units, f->source, strlen (units), n_source };

  g_array_append_val (f->groups, group);
  g_string_append (f->out, units);
  f->units += group.n_folded;
  f->source += n_source;
  f->last_white = FALSE;
}

/* Is the hyphen that ends at @after (its first byte at @hyphen) followed by
 * a line break and the rest of a word, with a letter before it? */
static gboolean
is_line_break_hyphen (const char *text,
                      const char *hyphen,
                      const char *after,
                      const char *end)
{
  const char *before;

  if (end - after < 2 || after[0] != '\n' || hyphen == text)
    return FALSE;
  before = g_utf8_find_prev_char (text, hyphen);
  return before != NULL &&
         g_unichar_isalpha (g_utf8_get_char (before)) &&
         g_unichar_isalpha (g_utf8_get_char (after + 1));
}

char *
_cb_search_fold_mode (const char *text,
                      gsize       length,
                      CbFoldMode  mode,
                      gsize      *folded_length,
                      gint64     *n_units,
                      GArray     *groups)
{
  const guint32 *table = fold_table (mode);
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;
  gboolean equiv = (mode & CB_FOLD_EQUIV) != 0;
  gboolean lower = (mode & CB_FOLD_CASE) != 0;
  g_autoptr(GArray) own_groups = NULL;
  Folder f = { 0 };

  if (groups == NULL)
    groups = own_groups = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));

  /* Folding rarely lengthens the UTF-8 (Ⱥ → ⱥ, ß → ss do); GString grows if so. */
  f.out = g_string_sized_new (length + 16);
  f.groups = groups;

  while (p < end)
    {
      const guchar *at = p;
      gunichar c;
      guint32 folded;

      if (*p < 0x80)
        {
          /* Eight bytes at once while they are ASCII and, under the
           * equivalence, hold no control, hyphen or second space in a
           * row (which change the units). */
          while (end - p >= 8)
            {
              guint64 word;

              memcpy (&word, p, 8);
              word = GUINT64_FROM_LE (word);
              if ((word & HIGHS) != 0)
                break;
              if (equiv)
                {
                  guint64 spaces = bytes_equal (word, ' ');

                  if (bytes_below (word, 0x20) != 0 || bytes_equal (word, '-') != 0 ||
                      (spaces & (spaces << 8)) != 0 || (f.last_white && p[0] == ' '))
                    break;
                  f.last_white = p[7] == ' ';
                }
              if (lower)
                word = ascii_tolower8 (word);
              word = GUINT64_TO_LE (word);
              g_string_append_len (f.out, (const char *) &word, 8);
              f.units += 8;
              f.source += 8;
              p += 8;
            }
          if (p >= end || *p >= 0x80)
            continue;
          c = *p++;
          folded = table[c];
        }
      else
        {
          c = next_char (&p);
          folded = c < FOLD_TABLE_SIZE ? table[c] : fold_entry (mode, c);
        }

      if (folded < 0x110000)
        emit_unit (&f, folded);
      else if (folded == FOLD_DROP)
        attach (&f, 1);
      else if (folded == FOLD_WHITE)
        {
          if (f.last_white)
            attach (&f, 1);
          else
            {
              emit_unit (&f, ' ');
              f.last_white = TRUE;
            }
        }
      else if (folded == FOLD_HYPHEN)
        {
          if (is_line_break_hyphen (text, (const char *) at, (const char *) p, (const char *) end))
            {
              /* "On-\nly" is "Only": the hyphen and the break are no unit */
              CbFoldGroup group = { f.units, f.source, 0, 2 };

              g_array_append_val (f.groups, group);
              f.source += 2;
              f.last_white = FALSE;
              p++;
            }
          else if (c == 0x00AD)
            attach (&f, 1);    /* a soft hyphen elsewhere is invisible */
          else
            emit_unit (&f, '-');
        }
      else
        emit_group (&f, expansions[folded & 0xFFFF], 1);
    }

  *folded_length = f.out->len;
  if (n_units != NULL)
    *n_units = f.units;
  return g_string_free (f.out, FALSE);
}

/* ------------------------------------------------------------------------
 * The stored map
 */

static void
put_number (GByteArray *out,
            guint32     n)
{
  do
    {
      guint8 byte = n & 0x7F;

      n >>= 7;
      if (n != 0)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (n != 0);
}

guint8 *
_cb_search_map_encode (const GArray *groups,
                       gsize        *length)
{
  g_autoptr(GByteArray) out = NULL;
  guint32 units = 0;

  *length = 0;
  if (groups == NULL || groups->len == 0)
    return NULL;

  out = g_byte_array_sized_new (groups->len * 3);
  for (guint i = 0; i < groups->len; i++)
    {
      const CbFoldGroup *g = &g_array_index (groups, CbFoldGroup, i);

      put_number (out, g->folded - units);
      put_number (out, g->n_folded);
      put_number (out, g->n_source);
      units = g->folded + g->n_folded;
    }

  *length = out->len;
  return g_byte_array_free (g_steal_pointer (&out), FALSE);
}

static gboolean
get_number (const guint8 **p,
            const guint8  *end,
            guint64       *n)
{
  *n = 0;
  for (guint shift = 0; shift < 35; shift += 7)
    {
      guint8 byte;

      if (*p >= end)
        return FALSE;
      byte = *(*p)++;
      *n |= (guint64) (byte & 0x7F) << shift;
      if (!(byte & 0x80))
        return *n <= G_MAXUINT32;
    }
  return FALSE;
}

gboolean
_cb_search_map_decode (const guint8 *blob,
                       gsize         length,
                       gint64        n_units,
                       gint64        n_chars,
                       GArray       *groups)
{
  const guint8 *p = blob;
  const guint8 *end = blob + length;
  gint64 units = 0;
  gint64 source = 0;

  if (n_units < 0 || n_chars < 0 || n_units > G_MAXUINT32 || n_chars > G_MAXUINT32)
    return FALSE;
  if (length > 0 && blob == NULL)
    return FALSE;

  while (p < end)
    {
      guint64 gap;
      guint64 n_folded;
      guint64 n_source;
      CbFoldGroup group;

      if (!get_number (&p, end, &gap) || !get_number (&p, end, &n_folded) || !get_number (&p, end, &n_source))
        return FALSE;
      if (n_source == 0 || n_folded > CB_FOLD_MAX_EXPANSION)
        return FALSE;

      units += gap;
      source += gap;
      if (units + (gint64) n_folded > n_units || source + (gint64) n_source > n_chars)
        return FALSE;

      group.folded = units;
      group.source = source;
      group.n_folded = n_folded;
      group.n_source = n_source;
      if (groups != NULL)
        g_array_append_val (groups, group);
      units += n_folded;
      source += n_source;
    }

  /* after the last group, one for one to the end */
  return n_units - units == n_chars - source;
}

void
_cb_fold_cursor_init (CbFoldCursor      *cursor,
                      const CbFoldGroup *groups,
                      guint              n_groups)
{
  cursor->groups = groups;
  cursor->n_groups = n_groups;
  cursor->next = 0;
}

/* The last group that starts at or before @unit, or NULL. */
static const CbFoldGroup *
group_at (CbFoldCursor *cursor,
          gint64        unit)
{
  /* Units asked for only grow; a step back (never in a search) restarts. */
  if (cursor->next > 0 && cursor->groups[cursor->next - 1].folded > unit)
    cursor->next = 0;
  while (cursor->next < cursor->n_groups && cursor->groups[cursor->next].folded <= unit)
    cursor->next++;
  return cursor->next > 0 ? &cursor->groups[cursor->next - 1] : NULL;
}

gint64
_cb_fold_cursor_start (CbFoldCursor *cursor,
                       gint64        unit,
                       gboolean     *aligned)
{
  const CbFoldGroup *g = group_at (cursor, unit);

  *aligned = TRUE;
  if (g == NULL)
    return unit;
  if (unit < (gint64) g->folded + g->n_folded)
    {
      *aligned = unit == g->folded;
      return g->source;
    }
  return (gint64) g->source + g->n_source + (unit - ((gint64) g->folded + g->n_folded));
}

gint64
_cb_fold_cursor_end (CbFoldCursor *cursor,
                     gint64        end,
                     gboolean     *aligned)
{
  gint64 last = end - 1;
  const CbFoldGroup *g = group_at (cursor, last);

  *aligned = TRUE;
  if (g == NULL)
    return end;
  if (last < (gint64) g->folded + g->n_folded)
    {
      *aligned = last == (gint64) g->folded + g->n_folded - 1;
      return (gint64) g->source + g->n_source;
    }
  return (gint64) g->source + g->n_source + (end - ((gint64) g->folded + g->n_folded));
}
