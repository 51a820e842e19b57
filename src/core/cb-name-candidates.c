/* cb-name-candidates.c: capitalised words that may be names, found with ICU
 *
 * A capitalised word inside a sentence is probably a name; at a sentence
 * start it could be any word.  ICU finds the words (UBRK_WORD: "d’Hélène"
 * and "Sofie's" are one word each, "Jean-Pierre" three parts we join) and
 * the sentences (UBRK_SENTENCE), whose breaks we correct where transcripts
 * need it: a title or an initial before a full stop ("Mevr. Peeters",
 * "dhr. Janssens", "M. Dubois", "madame B. a") ends no sentence; an opening
 * quotation mark or an ellipsis ("Euh… Dat") and a speaker label
 * ("Respondent: Ja") start one.  A word also counted at sentence starts
 * when it is a candidate anyway and the texts never write it in lower case
 * ("Sofie zei…" at the start of a turn).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include "cb-error.h"
#include "cb-name-candidates.h"

struct _CbNameScan
{
  GHashTable     *inside;    /* word → count, capitalised inside a sentence */
  GHashTable     *initial;   /* word → count, capitalised at a sentence start */
  GHashTable     *lower;     /* words seen in lower case, lower-cased (a set) */
  UBreakIterator *words;
  UBreakIterator *sentences;
};

/* Abbreviations before a full stop that end no sentence: titles (nl, fr,
 * en) and a few abbreviations a name may follow.  Compared lower-cased. */
static const char * const abbreviations[] = {
  "mevr", "mw", "mvr", "dhr", "hr", "mr", "mrs", "ms", "dr", "drs", "ir", "ing", "prof", "pr", "ds",
  "st", "sr", "jr", "zr", "br", "mme", "mmes", "mlle", "mlles", "me", "mgr", "mm", "bv", "bijv", "vgl",
  "cf", "zgn", "resp", "tel", "nr", "no", "vs", "dir", "kol", "lt", "gen", "burg", "ca", "adv", NULL
};

/* Titles written out: capitalised inside a sentence, but no names. */
static const char * const titles[] = {
  "mevrouw", "meneer", "mijnheer", "juffrouw", "dokter", "professor", "meester", "madame", "monsieur",
  "mademoiselle", "mesdames", "messieurs", "docteur", "maître", "mister", "miss", NULL
};

static gboolean
in_list (const char * const *list,
         const char         *word,
         gssize              length)
{
  g_autofree char *lower = g_utf8_strdown (word, length);

  return g_strv_contains (list, lower);
}

CbNameScan *
_cb_name_scan_new (void)
{
  CbNameScan *scan = g_new0 (CbNameScan, 1);

  scan->inside = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->initial = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan->lower = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return scan;
}

void
_cb_name_scan_free (CbNameScan *scan)
{
  if (scan == NULL)
    return;
  g_hash_table_unref (scan->inside);
  g_hash_table_unref (scan->initial);
  g_hash_table_unref (scan->lower);
  g_clear_pointer (&scan->words, ubrk_close);
  g_clear_pointer (&scan->sentences, ubrk_close);
  g_free (scan);
}

static void
count (GHashTable *table,
       const char *word,
       gsize       length)
{
  char *key = g_strndup (word, length);
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_insert (table, key, GUINT_TO_POINTER (n + 1));
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2007;
}

/* Whether ICU's sentence boundary at byte @at follows a title or an
 * initial and a full stop ("Mevr. |Peeters", "M. |Dubois"). */
static gboolean
after_abbreviation (const char *text,
                    gsize       at)
{
  const char *p = text + at;
  const char *word_end;

  while (p > text && is_space (g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);
  if (p == text || p[-1] != '.')
    return FALSE;
  word_end = --p;
  while (p > text && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);
  if (p == word_end)
    return FALSE;
  return g_utf8_strlen (p, word_end - p) == 1 || in_list (abbreviations, p, word_end - p);
}

/* Whether what lies between the previous word and the word at @at starts
 * a sentence: an opening quotation mark just before it, or an ellipsis. */
static gboolean
gap_starts_sentence (const char *text,
                     gsize       gap_start,
                     gsize       at)
{
  const char *p = text + at;

  while (p > text + gap_start && is_space (g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);
  if (p > text + gap_start)
    {
      gunichar c = g_utf8_get_char (g_utf8_prev_char (p));

      if (c == 0x00AB || c == 0x201C || c == 0x201E || c == 0x2018 || c == 0x201A || c == 0x2039 ||
          c == '"' || c == '\'')
        return TRUE;
    }
  return g_strstr_len (text + gap_start, at - gap_start, "\u2026") != NULL;
}

static gboolean
gap_opens_aside (const char *text,
                 gsize       gap_start,
                 gsize       at)
{
  const char *p = text + at;

  while (p > text + gap_start && is_space (g_utf8_get_char (g_utf8_prev_char (p))))
    p = g_utf8_prev_char (p);
  return p > text + gap_start && (p[-1] == '(' || p[-1] == '[');
}

static gboolean
gap_closes_aside (const char *text,
                  gsize       gap_start,
                  gsize       at)
{
  return memchr (text + gap_start, ')', at - gap_start) != NULL ||
         memchr (text + gap_start, ']', at - gap_start) != NULL;
}

typedef struct
{
  gsize start;
  gsize end;
} Segment;

static gboolean
open_iterators (CbNameScan  *scan,
                GError     **error)
{
  UErrorCode status = U_ZERO_ERROR;

  if (scan->words != NULL)
    return TRUE;
  scan->words = ubrk_open (UBRK_WORD, "", NULL, 0, &status);
  if (U_SUCCESS (status))
    scan->sentences = ubrk_open (UBRK_SENTENCE, "", NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_clear_pointer (&scan->words, ubrk_close);
      g_clear_pointer (&scan->sentences, ubrk_close);
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("ICU cannot find sentence boundaries: %s"), u_errorName (status));
      return FALSE;
    }
  return TRUE;
}

/* French elision: "d’Hélène" is Hélène, "l’école" école (a lower-case
 * prefix only: "D'Hondt" stays whole). */
static const char *
skip_elision (const char *word,
              const char *end)
{
  static const char * const prefixes[] = { "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu",
                                           "puisqu", NULL };

  for (const char *p = word; p < end && p - word <= 6; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\'' || c == 0x2019)
        {
          const char *rest = g_utf8_next_char (p);

          /* lower case only: "D'Hondt" is a name of its own */
          if (rest < end && g_unichar_islower (g_utf8_get_char (word)) && in_list (prefixes, word, p - word))
            return rest;
          return word;
        }
    }
  return word;
}

/* Without a possessive "'s" ("Sofie's", "Sofie’s"). */
static const char *
strip_possessive (const char *word,
                  const char *end)
{
  if (end - word > 4 && end[-1] == 's' && end[-2] == '\'')
    return end - 2;
  if (end - word > 6 && end[-1] == 's' && memcmp (end - 4, "\u2019", 3) == 0)
    return end - 4;
  return end;
}

gboolean
_cb_name_scan_text (CbNameScan  *scan,
                    const char  *text,
                    gsize        length,
                    const gsize *labels,
                    guint        n_labels,
                    GError     **error)
{
  UErrorCode status = U_ZERO_ERROR;
  UText *utext;
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GArray) segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  guint next_start = 0, next_label = 0;
  gsize gap_start = 0;
  gboolean sentence_start = TRUE;
  gboolean aside = FALSE;
  int32_t at, prev;

  if (length > G_MAXINT32)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("The text is too long to look for names in"));
      return FALSE;
    }
  if (!open_iterators (scan, error))
    return FALSE;
  utext = utext_openUTF8 (NULL, text, (int64_t) length, &status);
  /* the iterators clone the UText, so ours can go at once */
  ubrk_setUText (scan->sentences, utext, &status);
  ubrk_setUText (scan->words, utext, &status);
  utext_close (utext);
  if (U_FAILURE (status))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("ICU cannot find sentence boundaries: %s"), u_errorName (status));
      return FALSE;
    }

  /* sentence starts (bytes, ascending): ICU's, but not after a title, and
   * the ends of speaker labels */
  for (at = ubrk_first (scan->sentences); at != UBRK_DONE; at = ubrk_next (scan->sentences))
    if ((gsize) at < length && (at == 0 || !after_abbreviation (text, at)))
      {
        gsize start = at;

        g_array_append_val (starts, start);
      }
  for (guint i = 0; i < n_labels; i++)
    {
      gsize end = labels[2 * i + 1];

      g_array_append_val (starts, end);
    }
  {
    gsize *s = (gsize *) starts->data;

    /* insertion sort is enough: two ascending runs */
    for (guint i = 1; i < starts->len; i++)
      for (guint j = i; j > 0 && s[j - 1] > s[j]; j--)
        {
          gsize t = s[j];

          s[j] = s[j - 1];
          s[j - 1] = t;
        }
  }

  /* the letter words, "Jean-Pierre" joined */
  prev = ubrk_first (scan->words);
  for (at = ubrk_next (scan->words); at != UBRK_DONE; prev = at, at = ubrk_next (scan->words))
    {
      int32_t rule = ubrk_getRuleStatus (scan->words);
      Segment segment = { prev, at };

      if (rule < UBRK_WORD_LETTER || rule >= UBRK_WORD_LETTER_LIMIT)
        continue;
      if (segments->len > 0)
        {
          Segment *last = &g_array_index (segments, Segment, segments->len - 1);

          if (last->end + 1 == segment.start && text[last->end] == '-')
            {
              last->end = segment.end;
              continue;
            }
        }
      g_array_append_val (segments, segment);
    }

  for (guint i = 0; i < segments->len; i++)
    {
      Segment *segment = &g_array_index (segments, Segment, i);
      const char *word = text + segment->start;
      const char *end = text + segment->end;
      gunichar first;
      gsize word_length;

      while (next_start < starts->len && g_array_index (starts, gsize, next_start) <= segment->start)
        {
          next_start++;
          sentence_start = TRUE;
        }
      if (gap_starts_sentence (text, gap_start, segment->start))
        sentence_start = TRUE;
      /* an aside at a sentence start ("(lacht) Dat is…") leaves the
       * sentence to start after it */
      if (aside && gap_closes_aside (text, gap_start, segment->start))
        {
          aside = FALSE;
          sentence_start = TRUE;
        }
      else if (sentence_start && !aside && gap_opens_aside (text, gap_start, segment->start))
        aside = TRUE;
      gap_start = segment->end;
      while (next_label < n_labels && labels[2 * next_label + 1] <= segment->start)
        next_label++;
      if (next_label < n_labels && labels[2 * next_label] <= segment->start)
        continue;   /* a speaker's label: listed as a speaker */

      word = skip_elision (word, end);
      end = strip_possessive (word, end);
      first = g_utf8_get_char (word);
      word_length = end - word;
      if (!u_isupper (first) && !u_istitle (first))
        {
          g_hash_table_add (scan->lower, g_utf8_strdown (word, word_length));
          sentence_start = sentence_start && aside;
          continue;
        }
      if (g_utf8_strlen (word, word_length) > 1 && !in_list (titles, word, word_length) &&
          !(end < text + length && *end == '.' && in_list (abbreviations, word, word_length)))
        count (sentence_start ? scan->initial : scan->inside, word, word_length);
      sentence_start = sentence_start && aside;
    }
  return TRUE;
}

GHashTable *
_cb_name_scan_counts (CbNameScan *scan)
{
  GHashTable *counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, scan->inside);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *lower = g_utf8_strdown (key, -1);
      guint n = GPOINTER_TO_UINT (value);

      if (!g_hash_table_contains (scan->lower, lower))
        n += GPOINTER_TO_UINT (g_hash_table_lookup (scan->initial, key));
      g_hash_table_insert (counts, g_strdup (key), GUINT_TO_POINTER (n));
    }
  return counts;
}
