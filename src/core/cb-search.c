/* cb-search.c: accent- and case-insensitive search over the stored text
 *
 * How it stays fast.  Each document has a folded copy (table
 * document_folded, built on the first search and kept): every code point of
 * the stored text replaced by the simple case folding of the base of its
 * canonical decomposition, so "Één" is stored as "een".  Each code point
 * folds to exactly one code point, so a code point offset into the folded
 * copy is the same offset into the stored text and no offset map is needed.
 * The only exception is a combining mark that NFC could not compose with
 * its letter (q̃, a mark after an emoji): it folds to nothing, as in the
 * usual NFD-and-drop-marks folding, and the copy lists the offsets of those
 * marks (almost always none) so that offsets can be put back.  A search
 * folds the term the same way and runs memmem() over the folded UTF-8.
 *
 * Where matching case or accents, a hit in the folded copy is only a
 * candidate and is checked against the stored text.  Candidates are tried
 * at every position, not only after the previous hit, so that a rejected
 * candidate never hides an overlapping real hit: the hits are exactly those
 * of a left-to-right, non-overlapping scan (Python's str.count) of the text
 * folded as far as the options say.
 *
 * Why built lazily and not during import: folding costs about as much as
 * reading the text again, and import has its own time budget; the first
 * search pays it once (and cb_search_prepare() lets a front end pay it
 * when the user is not waiting).  The copy is derived data: it is never in
 * the undo journal, deleting a document deletes it (ON DELETE CASCADE),
 * and a missing or stale copy is rebuilt.  A project that cannot be written
 * to is searched with copies folded in memory.
 *
 * Regular expressions run on the stored text itself (ICU regex over a UTF-8
 * UText), and whole-word checks ask ICU's word break iterator whether both
 * ends of a hit are word boundaries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem() is a GNU extension (glibc, musl and the BSDs have it). */
#define _GNU_SOURCE

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/uversion.h>

#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-search-private.h"
#include "cb-text.h"

/* Bump FOLD_VERSION whenever the folding changes: copies made by another
 * folding are rebuilt on the next search. */
#define FOLD_VERSION "1"

/* Code points below this fold through a table built once; the rest (CJK,
 * emoji, …) ask ICU each time. */
#define FOLD_TABLE_SIZE 0x3000

/* ICU regex steps one match may take (see uregex_setTimeLimit()). */
#define REGEX_TIME_LIMIT 5000

/* How many candidates to try between two looks at the GCancellable. */
#define CANCEL_CHECK_INTERVAL 4096

G_DEFINE_BOXED_TYPE (CbSearchHit, cb_search_hit, cb_search_hit_copy, cb_search_hit_free)

CbSearchHit *
cb_search_hit_copy (const CbSearchHit *hit)
{
  CbSearchHit *copy = g_new0 (CbSearchHit, 1);

  *copy = *hit;
  copy->document_name = g_strdup (hit->document_name);
  copy->match = g_strdup (hit->match);
  copy->before = g_strdup (hit->before);
  copy->after = g_strdup (hit->after);
  return copy;
}

void
cb_search_hit_free (CbSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->document_name);
  g_free (hit->match);
  g_free (hit->before);
  g_free (hit->after);
  g_free (hit);
}

/* ------------------------------------------------------------------------
 * Folding
 */

/* The base of @c's canonical decomposition: é → e, ǘ → u.  A combining mark
 * (canonical combining class > 0, the marks Python's unicodedata.combining()
 * reports) has no base: CB_SEARCH_FOLD_DROPPED.  Marks of class 0 (Indic
 * vowel signs, variation selectors) are part of their letter and stay.  A
 * code point whose decomposition has several bases (Hangul syllables) stays
 * whole, so that it still folds to one code point. */
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
    return u_getCombiningClass (c) != 0 ? CB_SEARCH_FOLD_DROPPED : c;

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
    return CB_SEARCH_FOLD_DROPPED;
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

/* Case first so that a capital's decomposition is a small letter's
 * (İ → i̇ → i), then case again for bases that only decompose capital
 * (U+0130's base is I). */
static guint32
fold_char_uncached (gunichar c)
{
  guint32 folded = fold_case_char (c);
  guint32 base = strip_accents_char (folded);

  if (base == CB_SEARCH_FOLD_DROPPED || base == folded)
    return base;
  return fold_case_char (base);
}

static guint32 fold_table[FOLD_TABLE_SIZE];

static void
ensure_fold_table (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (gunichar c = 0; c < FOLD_TABLE_SIZE; c++)
        fold_table[c] = fold_char_uncached (c);
      g_once_init_leave (&initialized, 1);
    }
}

const char *
_cb_search_fold_key (void)
{
  return FOLD_VERSION ":" U_UNICODE_VERSION;
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

/* Lower-cases eight ASCII bytes at once: a byte gets 0x20 added when it is
 * at least 'A' and not above 'Z'.  No byte has its top bit set, so the
 * additions never carry into the next byte. */
static inline guint64
ascii_tolower8 (guint64 word)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  guint64 at_least_a = word + ones * (0x80 - 'A');
  guint64 above_z = word + ones * (0x7F - 'Z');
  guint64 upper = at_least_a & ~above_z & (ones * 0x80);

  return word | (upper >> 2);
}

char *
_cb_search_fold_text (const char *text,
                      gsize       length,
                      gsize      *folded_length,
                      GArray     *dropped)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + length;
  guint32 offset = 0;
  GString *out;

  ensure_fold_table ();

  /* Folding rarely lengthens the UTF-8 (Ⱥ → ⱥ does); GString grows if so. */
  out = g_string_sized_new (length + 16);

  while (p < end)
    {
      gunichar c;
      guint32 folded;

      /* Most of a Dutch or French transcript is ASCII: fold it eight
       * bytes at a time while it lasts, then byte by byte. */
      if (*p < 0x80)
        {
          const guchar *run = p;

          while (end - p >= 8)
            {
              guint64 word;

              memcpy (&word, p, 8);
              if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
                break;
              word = ascii_tolower8 (word);
              g_string_append_len (out, (const char *) &word, 8);
              p += 8;
            }
          while (p < end && *p < 0x80)
            {
              g_string_append_c (out, g_ascii_tolower (*p));
              p++;
            }
          offset += p - run;
          continue;
        }

      c = next_char (&p);
      folded = c < FOLD_TABLE_SIZE ? fold_table[c] : fold_char_uncached (c);
      if (folded == CB_SEARCH_FOLD_DROPPED)
        {
          if (dropped != NULL)
            g_array_append_val (dropped, offset);
        }
      else
        g_string_append_unichar (out, folded);
      offset++;
    }

  *folded_length = out->len;
  return g_string_free (out, FALSE);
}

char *
cb_search_fold (const char *text,
                gssize      length)
{
  g_autofree char *normalized = NULL;
  gsize folded_length;

  g_return_val_if_fail (text != NULL, NULL);

  normalized = g_utf8_normalize (text, length, G_NORMALIZE_NFC);
  if (normalized == NULL)
    return g_strdup ("");
  return _cb_search_fold_text (normalized, strlen (normalized), &folded_length, NULL);
}

/* Maps code point offsets of a folded copy back to the stored text by
 * adding the dropped marks before them; offsets must come in order. */
typedef struct
{
  const guint32 *dropped;
  gsize          n_dropped;
  gsize          k;
} DroppedMap;

static gint64
dropped_map_to_text (DroppedMap *map,
                     gint64      folded_offset)
{
  /* The stored offset of folded code point p is p + k, k being the number
   * of dropped marks before it: those at stored offsets <= p + k.  At the
   * end of a hit this also takes in the marks that follow its last letter,
   * so a hit never ends between a letter and its accent. */
  while (map->k < map->n_dropped && map->dropped[map->k] <= folded_offset + map->k)
    map->k++;
  return folded_offset + map->k;
}

/* ------------------------------------------------------------------------
 * A search
 */

typedef enum
{
  VERIFY_NONE,        /* the folded copy says it all */
  VERIFY_EXACT,       /* case and accents: the very same code points */
  VERIFY_CASE_FOLD,   /* accents only: equal under case folding */
  VERIFY_ACCENTS,     /* case only: equal with accents stripped */
} VerifyMode;

typedef struct
{
  CbProject            *project;
  CbStore              *store;
  CbSearchFlags         flags;
  GCancellable         *cancellable;

  /* a plain search */
  char                 *needle;           /* the folded term */
  gsize                 needle_length;
  gint64                needle_chars;
  VerifyMode            verify;
  char                 *term;             /* the term, NFC */
  gsize                 term_length;
  GArray               *term_chars;       /* guint32: the term as @verify compares it */

  /* a regular expression */
  URegularExpression   *regex;

  /* where: merged CbSearchRange sorted by document and start, or NULL */
  GArray               *scope;
  gint64                only_document;

  UBreakIterator       *words;
  gboolean              collect;
  int                   context;
  GPtrArray            *hits;
  gint64                count;
  guint                 until_cancel_check;

  /* a page (cb_search_find_page): from after @after, until @min_hits */
  const char           *after;
  guint                 min_hits;
  gboolean              page_full;
  char                 *last_document;    /* the last one read */
} SearchRun;

static void
search_run_clear (SearchRun *run)
{
  g_clear_pointer (&run->needle, g_free);
  g_clear_pointer (&run->term, g_free);
  g_clear_pointer (&run->term_chars, g_array_unref);
  g_clear_pointer (&run->regex, uregex_close);
  g_clear_pointer (&run->scope, g_array_unref);
  g_clear_pointer (&run->words, ubrk_close);
  g_clear_pointer (&run->hits, g_ptr_array_unref);
  g_clear_pointer (&run->last_document, g_free);
}

static guint32
verify_char (VerifyMode mode,
             gunichar   c)
{
  switch (mode)
    {
    case VERIFY_CASE_FOLD:
      return fold_case_char (c);
    case VERIFY_ACCENTS:
      return strip_accents_char (c);
    case VERIFY_NONE:
    case VERIFY_EXACT:
    default:
      return c;
    }
}

/* Does the stored text [@start, @end) (bytes) say the term as the options
 * require?  It is already known to fold to the folded term. */
static gboolean
verify_candidate (SearchRun  *run,
                  const char *text,
                  gsize       start,
                  gsize       end)
{
  const guchar *p = (const guchar *) text + start;
  const guchar *stop = (const guchar *) text + end;
  const guint32 *expected = (const guint32 *) run->term_chars->data;
  guint n = run->term_chars->len;
  guint i = 0;

  switch (run->verify)
    {
    case VERIFY_NONE:
      return TRUE;

    case VERIFY_EXACT:
      return end - start == run->term_length && memcmp (p, run->term, run->term_length) == 0;

    case VERIFY_CASE_FOLD:
    case VERIFY_ACCENTS:
    default:
      while (p < stop)
        {
          guint32 c = verify_char (run->verify, next_char (&p));

          /* Without accents, marks that fold away are skipped on both
           * sides (the term's were removed when it was prepared). */
          if (c == CB_SEARCH_FOLD_DROPPED)
            continue;
          if (i >= n || expected[i] != c)
            return FALSE;
          i++;
        }
      return i == n;
    }
}

static gboolean
is_word_boundary (SearchRun *run,
                  gsize      offset)
{
  return ubrk_isBoundary (run->words, (int32_t) offset);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019 || c == 0x02BC;
}

/* Does a whole word start at byte @offset of @text?  UAX #29 keeps a letter,
 * an apostrophe and a letter together (the apostrophe is MidNumLet), so
 * French elisions — l'été, d’accord, qu'il — would hide their second word
 * from a whole-word search; a word also starts right after such an
 * apostrophe. */
static gboolean
is_word_start (SearchRun  *run,
               const char *text,
               gsize       offset)
{
  const char *apostrophe;
  const char *before;

  if (is_word_boundary (run, offset))
    return TRUE;
  if (offset == 0 || !g_unichar_isalpha (g_utf8_get_char (text + offset)))
    return FALSE;

  apostrophe = g_utf8_find_prev_char (text, text + offset);
  if (apostrophe == NULL || !is_apostrophe (g_utf8_get_char (apostrophe)))
    return FALSE;
  before = g_utf8_find_prev_char (text, apostrophe);
  return before != NULL && g_unichar_isalpha (g_utf8_get_char (before));
}

/* Where @document's scope ranges start in run->scope, and how many. */
static const CbSearchRange *
scope_for_document (SearchRun *run,
                    gint64     document,
                    guint     *n_ranges)
{
  const CbSearchRange *ranges = (const CbSearchRange *) run->scope->data;
  guint lo = 0;
  guint hi = run->scope->len;
  guint first;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ranges[mid].document < document)
        lo = mid + 1;
      else
        hi = mid;
    }
  first = lo;
  while (lo < run->scope->len && ranges[lo].document == document)
    lo++;

  *n_ranges = lo - first;
  return ranges + first;
}

/* Tells whether [@start, @end) lies inside one of @ranges; *@next is the
 * first range that can still matter (hits come in order). */
static gboolean
in_scope (const CbSearchRange *ranges,
          guint                n_ranges,
          guint               *next,
          gint64               start,
          gint64               end)
{
  while (*next < n_ranges && ranges[*next].end <= start)
    (*next)++;
  return *next < n_ranges && ranges[*next].start <= start && end <= ranges[*next].end;
}

/* Per-document state of a hit's text and context. */
typedef struct
{
  const CbSearchDocument *document;
  CbTextWalker              before;
  CbTextWalker              after;
} HitMaker;

static void
add_hit (SearchRun  *run,
         HitMaker   *maker,
         gint64      start,
         gint64      end,
         gsize       start_byte,
         gsize       end_byte)
{
  const CbSearchDocument *document = maker->document;
  CbSearchHit *hit;

  run->count++;
  if (!run->collect)
    return;

  hit = g_new0 (CbSearchHit, 1);
  hit->document_id = document->id;
  hit->document_name = g_strdup (document->name);
  hit->start = start;
  hit->end = end;
  hit->match = g_strndup (document->text + start_byte, end_byte - start_byte);
  if (run->context >= 0)
    {
      gsize from = cb_text_walker_byte_at (&maker->before, MAX (0, start - run->context));
      gsize to = cb_text_walker_byte_at (&maker->after, MIN (document->n_chars, end + run->context));

      hit->before = g_strndup (document->text + from, start_byte - from);
      hit->after = g_strndup (document->text + end_byte, to - end_byte);
    }
  g_ptr_array_add (run->hits, hit);
}

static gboolean
check_cancelled (SearchRun  *run,
                 GError    **error)
{
  if (run->until_cancel_check-- > 0)
    return FALSE;
  run->until_cancel_check = CANCEL_CHECK_INTERVAL;
  return g_cancellable_set_error_if_cancelled (run->cancellable, error);
}

static gboolean
search_folded (SearchRun               *run,
               const CbSearchDocument  *document,
               const char              *folded,
               gsize                    folded_length,
               const guint32           *dropped,
               gsize                    n_dropped,
               const CbSearchRange     *ranges,
               guint                    n_ranges,
               GError                 **error)
{
  const char *p = folded;
  const char *end = folded + folded_length;
  const char *found;
  CbTextWalker folded_cursor;
  CbTextWalker start_cursor;
  CbTextWalker end_cursor;
  DroppedMap start_map = { dropped, n_dropped, 0 };
  DroppedMap end_map = { dropped, n_dropped, 0 };
  HitMaker maker = { document };
  gboolean need_bytes = run->collect || run->verify != VERIFY_NONE || (run->flags & CB_SEARCH_WHOLE_WORD);
  guint next_range = 0;

  /* Counting every hit of the folded term: nothing to convert. */
  if (!need_bytes && ranges == NULL)
    {
      while ((found = memmem (p, end - p, run->needle, run->needle_length)) != NULL)
        {
          run->count++;
          p = found + run->needle_length;
        }
      return TRUE;
    }

  /* The stored text is there whenever need_bytes is set. */
  cb_text_walker_init (&folded_cursor, folded, folded_length, FALSE);
  cb_text_walker_init (&start_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&end_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.before, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.after, document->text, document->text_length, FALSE);

  while ((found = memmem (p, end - p, run->needle, run->needle_length)) != NULL)
    {
      gint64 folded_start = cb_text_walker_char_at (&folded_cursor, found - folded);
      gint64 start = dropped_map_to_text (&start_map, folded_start);
      gint64 stop = dropped_map_to_text (&end_map, folded_start + run->needle_chars);
      gsize start_byte = 0;
      gsize end_byte = 0;
      gboolean accepted = TRUE;

      if (check_cancelled (run, error))
        return FALSE;

      if (ranges != NULL)
        accepted = in_scope (ranges, n_ranges, &next_range, start, stop);

      if (accepted && need_bytes)
        {
          start_byte = cb_text_walker_byte_at (&start_cursor, start);
          end_byte = cb_text_walker_byte_at (&end_cursor, stop);
          accepted = verify_candidate (run, document->text, start_byte, end_byte) &&
                     (!(run->flags & CB_SEARCH_WHOLE_WORD) ||
                      (is_word_start (run, document->text, start_byte) && is_word_boundary (run, end_byte)));
        }

      if (accepted)
        {
          add_hit (run, &maker, start, stop, start_byte, end_byte);
          p = found + run->needle_length;
        }
      else
        p = g_utf8_next_char (found);
    }

  return TRUE;
}

static gboolean
search_regex (SearchRun               *run,
              const CbSearchDocument  *document,
              const CbSearchRange     *ranges,
              guint                    n_ranges,
              GError                 **error)
{
  UErrorCode status = U_ZERO_ERROR;
  UText *text = utext_openUTF8 (NULL, document->text, document->text_length, &status);
  CbTextWalker start_cursor;
  CbTextWalker end_cursor;
  HitMaker maker = { document };
  guint next_range = 0;
  gboolean ok = TRUE;

  if (U_FAILURE (status))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot search document “%s”: %s"), document->name, u_errorName (status));
      return FALSE;
    }

  cb_text_walker_init (&start_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&end_cursor, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.before, document->text, document->text_length, FALSE);
  cb_text_walker_init (&maker.after, document->text, document->text_length, FALSE);

  /* On a UText, ICU reports native indexes: bytes of the UTF-8. */
  uregex_setUText (run->regex, text, &status);
  while (U_SUCCESS (status) && uregex_findNext (run->regex, &status))
    {
      gsize start_byte = uregex_start64 (run->regex, 0, &status);
      gsize end_byte = uregex_end64 (run->regex, 0, &status);
      gint64 start;
      gint64 stop;

      if (check_cancelled (run, error))
        {
          ok = FALSE;
          break;
        }

      /* An empty match is nowhere to show or code. */
      if (U_FAILURE (status) || end_byte <= start_byte)
        continue;

      start = cb_text_walker_char_at (&start_cursor, start_byte);
      stop = cb_text_walker_char_at (&end_cursor, end_byte);

      if (ranges != NULL && !in_scope (ranges, n_ranges, &next_range, start, stop))
        continue;
      if ((run->flags & CB_SEARCH_WHOLE_WORD) &&
          !(is_word_start (run, document->text, start_byte) && is_word_boundary (run, end_byte)))
        continue;

      add_hit (run, &maker, start, stop, start_byte, end_byte);
    }

  if (ok && U_FAILURE (status))
    {
      /* Stack or time limits of a pathological pattern. */
      if (status == U_REGEX_TIME_OUT || status == U_REGEX_STACK_OVERFLOW)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("The regular expression takes too long on document “%s”; make it more specific"),
                     document->name);
      else
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                     _("The regular expression failed on document “%s”: %s"),
                     document->name, u_errorName (status));
      ok = FALSE;
    }

  /* Detach the text before it goes away. */
  status = U_ZERO_ERROR;
  uregex_setText (run->regex, (const UChar *) u"", 0, &status);
  utext_close (text);
  return ok;
}

static gboolean
search_one_document (const CbSearchDocument  *document,
                     gpointer                 user_data,
                     GError                 **error)
{
  SearchRun *run = user_data;
  const CbSearchRange *ranges = NULL;
  guint n_ranges = 0;
  g_autofree char *folded_here = NULL;
  g_autoptr(GArray) dropped = NULL;
  const char *folded = document->folded;
  gsize folded_length = document->folded_length;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;

  if (run->min_hits > 0)
    {
      g_free (run->last_document);
      run->last_document = g_strdup (document->name);
    }

  if (run->scope != NULL)
    {
      ranges = scope_for_document (run, document->id, &n_ranges);
      if (n_ranges == 0)
        return TRUE;
    }

  if (run->words != NULL)
    {
      UErrorCode status = U_ZERO_ERROR;
      UText *text = utext_openUTF8 (NULL, document->text, document->text_length, &status);

      /* The iterator clones the UText, so ours can go at once. */
      ubrk_setUText (run->words, text, &status);
      utext_close (text);
      if (U_FAILURE (status))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Cannot search document “%s”: %s"), document->name, u_errorName (status));
          return FALSE;
        }
    }

  if (run->regex != NULL)
    return search_regex (run, document, ranges, n_ranges, error);

  dropped = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (folded == NULL)
    {
      /* No valid stored copy (a read-only project): fold it here. */
      folded_here = _cb_search_fold_text (document->text, document->text_length, &folded_length, dropped);
      folded = folded_here;
    }
  else
    {
      for (gsize i = 0; i < document->n_dropped; i++)
        {
          guint32 le;

          memcpy (&le, document->dropped + 4 * i, 4);
          le = GUINT32_FROM_LE (le);
          g_array_append_val (dropped, le);
        }
    }

  ok = search_folded (run, document, folded, folded_length,
                      (const guint32 *) dropped->data, dropped->len,
                      ranges, n_ranges, error);

  if (run->words != NULL)
    {
      UErrorCode status = U_ZERO_ERROR;

      ubrk_setText (run->words, (const UChar *) u"", 0, &status);
    }

  return ok;
}

/* One document of a run; a page is full once a document brings its hits
 * to the page's minimum (a document's hits are never split). */
static gboolean
search_document (const CbSearchDocument  *document,
                 gpointer                 user_data,
                 GError                 **error)
{
  SearchRun *run = user_data;

  if (!search_one_document (document, user_data, error))
    return FALSE;
  if (run->min_hits > 0 && run->hits != NULL && run->hits->len >= run->min_hits)
    run->page_full = TRUE;
  return TRUE;
}

gboolean
_cb_search_store_folded (CbStore      *store,
                         gint64        document,
                         const char   *text,
                         gsize         length,
                         gint64        n_chars,
                         GError      **error)
{
  g_autoptr(GArray) dropped = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *folded = NULL;
  gsize folded_length;

  folded = _cb_search_fold_text (text, length, &folded_length, dropped);
  return _cb_store_search_put_folded (store, document, _cb_search_fold_key (), n_chars,
                                      folded, folded_length, dropped, error);
}

gboolean
_cb_search_folded_is_consistent (const char   *folded,
                                 gsize         folded_length,
                                 const guint8 *dropped,
                                 gsize         n_dropped,
                                 gint64        n_chars)
{
  gint64 previous = -1;

  if (n_chars < 0 || (gint64) n_dropped > n_chars)
    return FALSE;
  for (gsize i = 0; i < n_dropped; i++)
    {
      guint32 le;
      gint64 offset;

      memcpy (&le, dropped + 4 * i, 4);
      offset = GUINT32_FROM_LE (le);
      if (offset <= previous || offset >= n_chars)
        return FALSE;
      previous = offset;
    }
  /* every code point folds to exactly one, or to nothing */
  return cb_text_count_chars (folded, folded_length) == n_chars - (gint64) n_dropped;
}

/* Folds the documents that lack a valid copy and stores the copies, in one
 * transaction of its own (not an undo step: it changes nothing a user made).
 * When the project cannot be written the search folds in memory instead. */
static gboolean
ensure_folded (CbProject  *project,
               GError    **error)
{
  CbStore *store = _cb_project_get_store (project);
  const char *key = _cb_search_fold_key ();
  g_autoptr(GArray) missing = NULL;
  g_autoptr(GError) local_error = NULL;

  missing = _cb_store_search_list_unfolded (store, key, error);
  if (missing == NULL)
    return FALSE;
  if (missing->len == 0 || cb_store_in_transaction (store))
    return TRUE;

  /* No undo step and no ::changed: the folded copies are a cache. */
  if (!_cb_project_begin (project, NULL, &local_error))
    goto failed;

  for (guint i = 0; i < missing->len; i++)
    {
      gint64 id = g_array_index (missing, gint64, i);
      g_autofree char *text = NULL;
      gsize length;
      gint64 n_chars;

      text = _cb_store_search_dup_text (store, id, &length, &n_chars, &local_error);
      if (text == NULL ||
          !_cb_search_store_folded (store, id, text, length, n_chars, &local_error))
        break;
    }

  if (_cb_project_finish (project, local_error == NULL, 0, &local_error))
    return TRUE;

failed:
  if (g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_READ_ONLY) ||
      g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_BUSY) ||
      g_error_matches (local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_FULL))
    {
      g_debug ("Searching without stored folded copies: %s", local_error->message);
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
cb_search_prepare (CbProject  *project,
                   GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return ensure_folded (project, error);
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const CbSearchRange *x = a;
  const CbSearchRange *y = b;

  if (x->document != y->document)
    return x->document < y->document ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return 0;
}

/* Sorts @ranges and merges the ones that overlap or touch, in place. */
static void
merge_ranges (GArray *ranges)
{
  CbSearchRange *r = (CbSearchRange *) ranges->data;
  guint n = 0;

  g_array_sort (ranges, compare_ranges);
  for (guint i = 0; i < ranges->len; i++)
    {
      if (n > 0 && r[n - 1].document == r[i].document && r[i].start <= r[n - 1].end)
        r[n - 1].end = MAX (r[n - 1].end, r[i].end);
      else
        r[n++] = r[i];
    }
  g_array_set_size (ranges, n);
}

/* Where both merged sets of ranges agree. */
static GArray *
intersect_ranges (GArray *a,
                  GArray *b)
{
  GArray *both = g_array_new (FALSE, FALSE, sizeof (CbSearchRange));
  const CbSearchRange *x = (const CbSearchRange *) a->data;
  const CbSearchRange *y = (const CbSearchRange *) b->data;
  guint i = 0;
  guint j = 0;

  while (i < a->len && j < b->len)
    {
      if (x[i].document != y[j].document)
        {
          if (x[i].document < y[j].document)
            i++;
          else
            j++;
          continue;
        }

      if (MAX (x[i].start, y[j].start) < MIN (x[i].end, y[j].end))
        {
          CbSearchRange range = { x[i].document, MAX (x[i].start, y[j].start), MIN (x[i].end, y[j].end) };

          g_array_append_val (both, range);
        }
      if (x[i].end < y[j].end)
        i++;
      else
        j++;
    }

  return both;
}

static gboolean
prepare_scope (SearchRun              *run,
               const CbSearchOptions  *options,
               GError                **error)
{
  g_autoptr(GArray) coded = NULL;
  g_autoptr(GArray) spoken = NULL;

  if (options->document != NULL)
    {
      run->only_document = _cb_project_lookup_document (run->project, options->document, error);
      if (run->only_document == 0)
        return FALSE;
    }

  if (options->within_code != NULL)
    {
      gint64 code = _cb_project_lookup_code (run->project, options->within_code, error);

      if (code == 0)
        return FALSE;
      coded = _cb_store_search_code_ranges (run->store, code, error);
      if (coded == NULL)
        return FALSE;
      merge_ranges (coded);
    }

  if (options->speaker != NULL)
    {
      g_autofree char *name = cb_text_normalize_name (options->speaker);
      gboolean exists = FALSE;

      spoken = _cb_store_search_speaker_ranges (run->store, name, &exists, error);
      if (spoken == NULL)
        return FALSE;
      if (!exists)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("No document has a speaker named “%s”"), name);
          return FALSE;
        }
      merge_ranges (spoken);
    }

  if (coded != NULL && spoken != NULL)
    run->scope = intersect_ranges (coded, spoken);
  else if (coded != NULL)
    run->scope = g_steal_pointer (&coded);
  else if (spoken != NULL)
    run->scope = g_steal_pointer (&spoken);

  return TRUE;
}

static gboolean
prepare_term (SearchRun   *run,
              const char  *term,
              GError     **error)
{
  g_autofree char *normalized = NULL;
  const guchar *p;
  const guchar *end;

  if (!g_utf8_validate (term, -1, NULL))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The search term is not valid UTF-8"));
      return FALSE;
    }

  if (run->flags & CB_SEARCH_REGEX)
    {
      UErrorCode status = U_ZERO_ERROR;
      UParseError parse_error = { 0 };
      UText *pattern;
      uint32_t regex_flags = UREGEX_MULTILINE;

      if (*term == '\0')
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("The regular expression is empty"));
          return FALSE;
        }

      /* ^ and $ match at line ends: a transcript's lines are its
       * paragraphs. */
      if (!(run->flags & CB_SEARCH_MATCH_CASE))
        regex_flags |= UREGEX_CASE_INSENSITIVE;

      normalized = cb_text_normalize (term, -1);
      pattern = utext_openUTF8 (NULL, normalized, -1, &status);
      run->regex = uregex_openUText (pattern, regex_flags, &parse_error, &status);
      utext_close (pattern);
      /* A pattern that backtracks without end must not hang the app: ICU
       * gives up on one match after this many steps (on the order of a
       * millisecond each) and the search fails with U_REGEX_TIME_OUT. */
      if (U_SUCCESS (status))
        uregex_setTimeLimit (run->regex, REGEX_TIME_LIMIT, &status);
      if (U_FAILURE (status))
        {
          g_clear_pointer (&run->regex, uregex_close);
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Invalid regular expression “%s”: %s (near character %d)"),
                       term, u_errorName (status), parse_error.offset + 1);
          return FALSE;
        }
      return TRUE;
    }

  /* The term in the stored text's form: NFC, LF. */
  normalized = cb_text_normalize (term, -1);
  run->needle = _cb_search_fold_text (normalized, strlen (normalized), &run->needle_length, NULL);
  if (run->needle_length == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The search term is empty"));
      return FALSE;
    }
  run->needle_chars = cb_text_count_chars (run->needle, run->needle_length);

  switch (run->flags & (CB_SEARCH_MATCH_CASE | CB_SEARCH_MATCH_ACCENTS))
    {
    case CB_SEARCH_MATCH_CASE | CB_SEARCH_MATCH_ACCENTS:
      run->verify = VERIFY_EXACT;
      break;
    case CB_SEARCH_MATCH_ACCENTS:
      run->verify = VERIFY_CASE_FOLD;
      break;
    case CB_SEARCH_MATCH_CASE:
      run->verify = VERIFY_ACCENTS;
      break;
    default:
      run->verify = VERIFY_NONE;
      break;
    }

  run->term_length = strlen (normalized);
  run->term = g_steal_pointer (&normalized);
  run->term_chars = g_array_new (FALSE, FALSE, sizeof (guint32));
  p = (const guchar *) run->term;
  end = p + run->term_length;
  while (p < end)
    {
      guint32 c = verify_char (run->verify, next_char (&p));

      if (c != CB_SEARCH_FOLD_DROPPED)
        g_array_append_val (run->term_chars, c);
    }

  return TRUE;
}

static gboolean
run_search (CbProject              *project,
            const char             *term,
            const CbSearchOptions  *options,
            gboolean                collect,
            GCancellable           *cancellable,
            SearchRun              *run,
            GError                **error)
{
  static const CbSearchOptions defaults = CB_SEARCH_OPTIONS_INIT;
  gboolean with_text;
  gboolean ok;

  if (options == NULL)
    options = &defaults;

  run->project = project;
  run->store = _cb_project_get_store (project);
  run->flags = options->flags;
  run->cancellable = cancellable;
  run->collect = collect;
  run->context = options->context;
  if (collect)
    run->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_search_hit_free);

  if (!prepare_term (run, term, error))
    return FALSE;

  if (run->flags & CB_SEARCH_WHOLE_WORD)
    {
      UErrorCode status = U_ZERO_ERROR;

      run->words = ubrk_open (UBRK_WORD, "", NULL, 0, &status);
      if (U_FAILURE (status))
        {
          g_clear_pointer (&run->words, ubrk_close);
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                       _("ICU cannot find word boundaries: %s"), u_errorName (status));
          return FALSE;
        }
    }

  if (run->regex == NULL && !ensure_folded (project, error))
    return FALSE;

  /* One read transaction: the scopes and the texts agree with each other
   * even while another program writes to the project. */
  if (!_cb_project_begin_read (project, error))
    return FALSE;

  with_text = collect || run->regex != NULL || run->words != NULL || run->verify != VERIFY_NONE;
  ok = prepare_scope (run, options, error) &&
       _cb_store_search_foreach_document (run->store, run->only_document, run->after, _cb_search_fold_key (),
                                          with_text, search_document, run, &run->page_full, error);

  _cb_project_end_read (project);
  return ok;
}

GPtrArray *
cb_search_find (CbProject              *project,
                const char             *term,
                const CbSearchOptions  *options,
                GCancellable           *cancellable,
                GError                **error)
{
  SearchRun run = { 0 };
  GPtrArray *hits = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (term != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (run_search (project, term, options, TRUE, cancellable, &run, error))
    hits = g_steal_pointer (&run.hits);
  search_run_clear (&run);
  return hits;
}

GPtrArray *
cb_search_find_page (CbProject              *project,
                     const char             *term,
                     const CbSearchOptions  *options,
                     const char             *after_document,
                     guint                   min_hits,
                     char                  **next_document,
                     GCancellable           *cancellable,
                     GError                **error)
{
  SearchRun run = { 0 };
  GPtrArray *hits = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (term != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  run.after = after_document;
  run.min_hits = MAX (min_hits, 1);
  if (run_search (project, term, options, TRUE, cancellable, &run, error))
    {
      hits = g_steal_pointer (&run.hits);
      if (next_document != NULL)
        *next_document = run.page_full ? g_steal_pointer (&run.last_document) : NULL;
    }
  search_run_clear (&run);
  return hits;
}

gint64
cb_search_count (CbProject              *project,
                 const char             *term,
                 const CbSearchOptions  *options,
                 GCancellable           *cancellable,
                 GError                **error)
{
  SearchRun run = { 0 };
  gint64 count = -1;

  g_return_val_if_fail (CB_IS_PROJECT (project), -1);
  g_return_val_if_fail (term != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (run_search (project, term, options, FALSE, cancellable, &run, error))
    count = run.count;
  search_run_clear (&run);
  return count;
}
