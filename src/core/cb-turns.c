/* cb-turns.c: recognising speaker turns in a transcript
 *
 * Works on bytes of the normalised text and converts to code points once,
 * in order, through cb_text_count_chars() (offsets are converted in
 * cb-text only).  See cb-turns.h for the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-text.h"
#include "cb-turns.h"

typedef struct
{
  gsize     start;          /* bytes, into the text */
  gsize     label_start;
  gsize     label_end;
  gsize     stamp_start;    /* stamp_start == stamp_end: no timestamp */
  gsize     stamp_end;
  gsize     text_start;
  gboolean  name_like;
  gboolean  recurs;         /* another line has the same label */
} Candidate;

void
cb_turn_free (CbTurn *turn)
{
  if (turn == NULL)
    return;

  g_free (turn->speaker);
  g_free (turn->timestamp);
  g_free (turn);
}

static gboolean
is_blank (gunichar c)
{
  return c == ' ' || c == '\t' || c == 0x00a0 || c == 0x202f || c == 0x2009;
}

/* Digits from @p; returns how many (at most @max + 1, to notice too many). */
static guint
count_digits (const char *p,
              const char *end,
              guint       max)
{
  guint n = 0;

  while (p + n < end && g_ascii_isdigit (p[n]) && n <= max)
    n++;

  return n;
}

/* h:mm:ss or mm:ss, optionally with a fraction: "00:03:34", "3:34", "00:03:34.5".
 * Returns the end of the timestamp, or NULL. */
static const char *
parse_clock (const char *p,
             const char *end)
{
  guint n;
  guint fields = 1;

  n = count_digits (p, end, 2);
  if (n < 1 || n > 2)
    return NULL;
  p += n;

  while (fields < 3 && p + 1 < end && *p == ':' && g_ascii_isdigit (p[1]))
    {
      n = count_digits (p + 1, end, 2);
      if (n != 2)
        return NULL;
      p += 1 + n;
      fields++;
    }
  if (fields < 2)
    return NULL;

  if (p + 1 < end && (*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
    {
      n = count_digits (p + 1, end, 3);
      if (n > 3)
        return NULL;
      p += 1 + n;
    }

  return p;
}

/* An optional timestamp at @p: fills the candidate's stamp and returns
 * where what follows it starts (after blanks), else @p. */
static const char *
parse_timestamp (const char *text,
                 const char *p,
                 const char *end,
                 Candidate  *candidate)
{
  const char *clock_start = p;
  const char *clock_end;
  char close = 0;

  switch (*p)
    {
    case '[': close = ']'; clock_start++; break;
    case '(': close = ')'; clock_start++; break;
    case '#': close = '#'; clock_start++; break;
    default: break;
    }

  if (clock_start >= end)
    return p;
  clock_end = parse_clock (clock_start, end);
  if (clock_end == NULL)
    return p;

  if (close != 0)
    {
      if (clock_end >= end || *clock_end != close)
        return p;
      candidate->stamp_start = clock_start - text;
      candidate->stamp_end = clock_end - text;
      p = clock_end + 1;
    }
  else
    {
      /* A bare clock must stand apart from what follows. */
      if (clock_end >= end || !is_blank (g_utf8_get_char (clock_end)))
        return p;
      candidate->stamp_start = clock_start - text;
      candidate->stamp_end = clock_end - text;
      p = clock_end;
    }

  while (p < end && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  return p;
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static gboolean
is_word_joiner (gunichar c)
{
  return c == '.' || c == '-' || c == '\'' || c == 0x2019 || c == '_';
}

/* The label at @p and its colon; returns FALSE when the line does not
 * start a turn. */
static gboolean
parse_label (const char *text,
             const char *p,
             const char *end,
             Candidate  *candidate)
{
  const char *label_end;
  guint n_words = 0;
  guint n_chars = 0;
  guint word_chars;
  gboolean name_like = TRUE;
  gunichar c;

  if (p >= end)
    return FALSE;

  c = g_utf8_get_char (p);
  if (!g_unichar_isupper (c) && !g_unichar_istitle (c))
    return FALSE;
  candidate->label_start = p - text;

  for (;;)
    {
      /* One word: word characters, inner joiners ("Jean-Pierre", "O'Neill"),
       * possibly a final full stop ("Dr."). */
      c = g_utf8_get_char (p);
      if (!is_word_char (c))
        return FALSE;
      if (!g_unichar_isupper (c) && !g_unichar_istitle (c) && !g_unichar_isdigit (c))
        name_like = FALSE;
      n_words++;
      word_chars = 0;

      while (p < end)
        {
          c = g_utf8_get_char (p);
          if (is_word_char (c))
            ;
          else if (is_word_joiner (c))
            {
              const char *next = g_utf8_next_char (p);
              gboolean inner = next < end && is_word_char (g_utf8_get_char (next));

              /* A final full stop only closes an abbreviation ("Dr.", "Mw."),
               * not a sentence ("Goed. Dus: …"). */
              if (!inner && !(c == '.' && word_chars <= 3))
                break;
              if (!inner)
                {
                  p = next;
                  n_chars++;
                  break;
                }
            }
          else
            break;
          p = g_utf8_next_char (p);
          word_chars++;
          if (++n_chars > CB_TURN_MAX_LABEL_CHARS)
            return FALSE;
        }
      label_end = p;

      /* Another word follows after exactly one space. */
      if (p + 1 < end && *p == ' ' && is_word_char (g_utf8_get_char (p + 1)))
        {
          if (n_words == CB_TURN_MAX_LABEL_WORDS)
            return FALSE;
          p++;
          n_chars++;
          continue;
        }
      break;
    }

  /* "Label:" or "Label :" (any blank, as French typography puts a
   * non-breaking one before the colon). */
  while (p < end && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p >= end || *p != ':')
    return FALSE;
  p++;

  /* Not a clock ("Datum:14"), a URL ("http://") or a "::". */
  if (p < end && (g_ascii_isdigit (*p) || *p == '/' || *p == ':'))
    return FALSE;

  while (p < end && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);

  candidate->label_end = label_end - text;
  candidate->text_start = p - text;
  candidate->name_like = name_like;

  return TRUE;
}

static gboolean
parse_line (const char *text,
            gsize       line_start,
            gsize       line_end,
            Candidate  *candidate)
{
  const char *p = text + line_start;
  const char *end = text + line_end;

  memset (candidate, 0, sizeof *candidate);

  while (p < end && is_blank (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (p >= end)
    return FALSE;
  candidate->start = p - text;

  p = parse_timestamp (text, p, end, candidate);

  return parse_label (text, p, end, candidate);
}

/* Converts byte offsets to code points; calls must not go backwards. */
typedef struct
{
  const char *text;
  gsize       byte;
  gint64      chars;
} OffsetWalker;

static gint64
walk_to (OffsetWalker *walker,
         gsize         byte)
{
  g_assert (byte >= walker->byte);

  walker->chars += cb_text_count_chars (walker->text + walker->byte, byte - walker->byte);
  walker->byte = byte;

  return walker->chars;
}

GPtrArray *
cb_turns_recognize (const char *text,
                    gsize       length)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) label_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) accepted = g_array_new (FALSE, FALSE, sizeof (Candidate));
  GPtrArray *turns = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_turn_free);
  OffsetWalker walker = { text, 0, 0 };
  gboolean in_dialogue = FALSE;
  gboolean stamped_dialogue;
  guint n_recurring = 0;
  guint n_stamped = 0;
  gsize line_start = 0;

  g_return_val_if_fail (text != NULL || length == 0, turns);

  while (line_start < length)
    {
      const char *newline = memchr (text + line_start, '\n', length - line_start);
      gsize line_end = newline != NULL ? (gsize) (newline - text) : length;
      Candidate candidate;

      if (parse_line (text, line_start, line_end, &candidate))
        {
          char *label = g_strndup (text + candidate.label_start,
                                   candidate.label_end - candidate.label_start);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (label_counts, label));

          g_hash_table_replace (label_counts, label, GUINT_TO_POINTER (count + 1));
          g_array_append_val (candidates, candidate);
        }

      line_start = line_end + 1;
    }

  /* Which lines recur, and whether the dialogue's turns carry timestamps. */
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);
      g_autofree char *label = g_strndup (text + candidate->label_start,
                                          candidate->label_end - candidate->label_start);

      candidate->recurs = GPOINTER_TO_UINT (g_hash_table_lookup (label_counts, label)) >= 2;
      if (candidate->recurs)
        {
          n_recurring++;
          if (candidate->stamp_end > candidate->stamp_start)
            n_stamped++;
        }
    }
  stamped_dialogue = n_stamped * 2 > n_recurring;

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (candidates, Candidate, i);
      gboolean stamped = candidate->stamp_end > candidate->stamp_start;

      if (!in_dialogue && candidate->recurs)
        in_dialogue = TRUE;
      if (!in_dialogue)
        continue;

      /* A one-off label must look like the dialogue's turns: stamped when
       * they are, else at least like a name. */
      if (candidate->recurs
          || (stamped_dialogue ? stamped : (candidate->name_like || stamped)))
        g_array_append_val (accepted, *candidate);
    }

  for (guint i = 0; i < accepted->len; i++)
    {
      const Candidate *candidate = &g_array_index (accepted, Candidate, i);
      gsize end = i + 1 < accepted->len
        ? g_array_index (accepted, Candidate, i + 1).start
        : length;
      gsize text_start;
      CbTurn *turn;

      while (end > candidate->start && g_ascii_isspace (text[end - 1]))
        end--;
      text_start = MIN (candidate->text_start, end);

      turn = g_new0 (CbTurn, 1);
      turn->speaker = g_strndup (text + candidate->label_start,
                                 candidate->label_end - candidate->label_start);
      if (candidate->stamp_end > candidate->stamp_start)
        turn->timestamp = g_strndup (text + candidate->stamp_start,
                                     candidate->stamp_end - candidate->stamp_start);
      turn->start = walk_to (&walker, candidate->start);
      turn->text_start = walk_to (&walker, text_start);
      turn->end = walk_to (&walker, end);
      g_ptr_array_add (turns, turn);
    }

  return turns;
}
