/* cb-analysis-sweep.c: counting the codings of each cell in one pass
 *
 * The codings arrive in span order (document, start, end), so every count
 * is a running state per cell: a span coded twice in a row is the same
 * span twice in a row of the sweep, and the overlapping spans of a cell
 * merge into one interval that is counted (characters, words) when it
 * closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "cb-analysis-private.h"
#include "cb-error.h"
#include "cb-text.h"

/* ---- Counting words -------------------------------------------------
 * ICU finds the words of a document's coded text once; a span's words are
 * then the words that overlap it (two binary searches), however many rows
 * and cells count the same text. */

typedef struct
{
  UBreakIterator *words;
  UText          *utext;
  GArray         *starts;       /* code points, ascending */
  GArray         *ends;
} WordCounter;

static void
word_counter_clear (WordCounter *w)
{
  g_clear_pointer (&w->words, ubrk_close);
  g_clear_pointer (&w->utext, utext_close);
  g_clear_pointer (&w->starts, g_array_unref);
  g_clear_pointer (&w->ends, g_array_unref);
}

/* Finds the words of the coded text of the document of coding @first:
 * the union of its codings' spans, each stretch broken on its own, so
 * the uncoded text costs nothing. */
static gboolean
word_counter_load (WordCounter  *w,
                   Snapshot     *s,
                   guint         first,
                   GError      **error)
{
  UErrorCode status = U_ZERO_ERROR;
  gint64 document_id = g_array_index (s->codings, CbAnalysisCoding, first).document;
  g_autofree char *text = NULL;
  CbTextWalker walker;
  CbTextWalker word_walker;
  gsize length;
  guint i = first;

  if (w->starts == NULL)
    {
      w->starts = g_array_new (FALSE, FALSE, sizeof (gint64));
      w->ends = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  g_array_set_size (w->starts, 0);
  g_array_set_size (w->ends, 0);
  if (!(text = _cb_store_dup_document_text (s->store, document_id, &length, error)))
    return FALSE;
  if (w->words == NULL)
    w->words = ubrk_open (UBRK_WORD, "", NULL, 0, &status);
  if (U_FAILURE (status))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("ICU cannot find word boundaries: %s"), u_errorName (status));
      return FALSE;
    }

  /* codings come by start: merge them into stretches and walk forward */
  cb_text_walker_init (&walker, text, length, FALSE);
  cb_text_walker_init (&word_walker, text, length, FALSE);
  while (i < s->codings->len && g_array_index (s->codings, CbAnalysisCoding, i).document == document_id)
    {
      gint64 from = g_array_index (s->codings, CbAnalysisCoding, i).start;
      gint64 to = g_array_index (s->codings, CbAnalysisCoding, i).end;
      gsize byte_from;
      gsize byte_to;
      int32_t start;
      int32_t end;

      for (i++; i < s->codings->len; i++)
        {
          CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);

          if (c->document != document_id || c->start > to)
            break;
          to = MAX (to, c->end);
        }
      byte_from = cb_text_walker_byte_at (&walker, from);
      byte_to = cb_text_walker_byte_at (&walker, to);
      if (byte_to <= byte_from)
        continue;
      w->utext = utext_openUTF8 (w->utext, text + byte_from, (int64_t) (byte_to - byte_from), &status);
      ubrk_setUText (w->words, w->utext, &status);
      if (U_FAILURE (status))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                       _("ICU cannot find word boundaries: %s"), u_errorName (status));
          return FALSE;
        }
      /* boundaries are UTF-8 byte offsets into the stretch, in order */
      start = ubrk_first (w->words);
      while ((end = ubrk_next (w->words)) != UBRK_DONE)
        {
          if (ubrk_getRuleStatus (w->words) >= UBRK_WORD_NONE_LIMIT)
            {
              gint64 word_start = cb_text_walker_char_at (&word_walker, byte_from + (gsize) start);
              gint64 word_end = cb_text_walker_char_at (&word_walker, byte_from + (gsize) end);

              g_array_append_val (w->starts, word_start);
              g_array_append_val (w->ends, word_end);
            }
          start = end;
        }
    }
  /* the break iterator must not keep the text that is freed here */
  ubrk_setText (w->words, NULL, 0, &status);
  return TRUE;
}

/* The number of values in @values (ascending) below @limit (or at most
 * @limit with @inclusive). */
static guint
count_below (GArray   *values,
             gint64    limit,
             gboolean  inclusive)
{
  guint lo = 0;
  guint hi = values->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 v = g_array_index (values, gint64, mid);

      if (v < limit || (inclusive && v == limit))
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Words (ICU word segments holding a letter, number or ideograph) that
 * overlap the code points [@start, @end) of the loaded document. */
static gint64
word_counter_count (WordCounter *w,
                    gint64       start,
                    gint64       end)
{
  if (w->starts == NULL || end <= start)
    return 0;
  /* words starting before the end, less those that end at or before the start */
  return (gint64) count_below (w->starts, end, FALSE) - (gint64) count_below (w->ends, start, TRUE);
}

/* ---- Counting cases --------------------------------------------------
 * The distinct cases of a cell cannot be a running state (a case covers
 * several documents), so each (cell, case) pair is remembered: a bit per
 * pair while that stays small, else a hash set. */

typedef struct
{
  guint       n_cases;
  guint8     *bits;
  GHashTable *pairs;
} CaseSet;

static void
case_set_init (CaseSet *set,
               gsize    n_cells,
               guint    n_cases)
{
  guint64 n_bits = (guint64) n_cells * MAX (n_cases, 1);

  set->n_cases = n_cases;
  if (n_bits <= ((guint64) 1 << 28))
    set->bits = g_new0 (guint8, n_bits / 8 + 1);
  else
    set->pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* TRUE when the pair is new. */
static gboolean
case_set_add (CaseSet *set,
              gsize    cell,
              guint    k)
{
  guint64 bit = (guint64) cell * set->n_cases + k;

  if (set->bits != NULL)
    {
      if (set->bits[bit / 8] & (1u << (bit % 8)))
        return FALSE;
      set->bits[bit / 8] |= (guint8) (1u << (bit % 8));
      return TRUE;
    }
  if (g_hash_table_contains (set->pairs, &bit))
    return FALSE;
  g_hash_table_add (set->pairs, g_memdup2 (&bit, sizeof bit));
  return TRUE;
}

static void
case_set_clear (CaseSet *set)
{
  g_clear_pointer (&set->bits, g_free);
  g_clear_pointer (&set->pairs, g_hash_table_unref);
}

/* ---- The sweep ------------------------------------------------------- */

typedef struct
{
  gint64    last_document;
  gint64    last_start;
  gint64    last_end;
  gint64    open_start;       /* the merged interval not yet counted */
  gint64    open_end;
  gboolean  open;
  gint64    count;
} Cell;

static void
cell_close (Cell        *cell,
            CbAnalysisCount count,
            WordCounter *words)
{
  if (!cell->open)
    return;
  cell->open = FALSE;
  if (count == CB_ANALYSIS_COUNT_CHARACTERS)
    cell->count += cell->open_end - cell->open_start;
  else
    cell->count += word_counter_count (words, cell->open_start, cell->open_end);
}

/* The counts of @rows × @n_columns (row-major), each coding in the
 * columns @columns gives it. */
gint64 *
_cb_analysis_sweep (Snapshot         *s,
       Rows             *rows,
       const Columns    *columns,
       guint             n_columns,
       CbAnalysisCount   count,
       GCancellable     *cancellable,
       GError          **error)
{
  gsize n_cells = (gsize) rows->n_rows * n_columns;
  g_autofree Cell *cells = g_new0 (Cell, MAX (n_cells, 1));
  g_autoptr(GArray) open_cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  WordCounter words = { 0 };
  CaseSet case_set = { 0 };
  gboolean merging = count == CB_ANALYSIS_COUNT_CHARACTERS || count == CB_ANALYSIS_COUNT_WORDS;
  gint64 document = -1;
  gint64 *counts;
  gboolean ok = TRUE;

  for (gsize i = 0; i < n_cells; i++)
    cells[i].last_document = -1;
  if (count == CB_ANALYSIS_COUNT_CASES)
    {
      g_return_val_if_fail (s->cases_loaded, NULL);
      case_set_init (&case_set, n_cells, s->case_ids->len);
    }

  for (guint i = 0; ok && i <= s->codings->len; i++)
    {
      CbAnalysisCoding *c = i < s->codings->len ? &g_array_index (s->codings, CbAnalysisCoding, i) : NULL;
      guint column;
      GArray *in_rows;

      if (merging && (c == NULL || c->document != document))
        {
          /* a document ends: count what is open in it */
          for (guint k = 0; k < open_cells->len; k++)
            cell_close (&cells[g_array_index (open_cells, gsize, k)], count, &words);
          g_array_set_size (open_cells, 0);
          if (c != NULL && count == CB_ANALYSIS_COUNT_WORDS)
            ok = word_counter_load (&words, s, i, error);
        }
      if (c == NULL || !ok)
        break;
      document = c->document;
      if ((i & 4095) == 0 && _cb_analysis_check_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      if (s->coding_code[i] == NO_COLUMN)
        continue;
      in_rows = rows->rows_of_code[s->coding_code[i]];
      if (in_rows == NULL)
        continue;

      for (guint j = columns->first[i]; j < columns->first[i + 1]; j++)
        {
          column = g_array_index (columns->columns, guint, j);
          for (guint r = 0; r < in_rows->len; r++)
            {
              gsize index = (gsize) g_array_index (in_rows, guint, r) * n_columns + column;
              Cell *cell = &cells[index];

              switch (count)
                {
                case CB_ANALYSIS_COUNT_CODINGS:
                  if (cell->last_document != c->document || cell->last_start != c->start ||
                      cell->last_end != c->end)
                    cell->count++;
                  break;
                case CB_ANALYSIS_COUNT_DOCUMENTS:
                  if (cell->last_document != c->document)
                    cell->count++;
                  break;
                case CB_ANALYSIS_COUNT_CASES:
                  {
                    /* the coding's cases that this column stands for */
                    guint from = s->case_first[i];
                    guint to = s->case_first[i + 1];

                    for (guint k = from; k < to; k++)
                      {
                        guint case_index = g_array_index (s->case_list, guint, k);

                        if ((columns->case_column == NULL || columns->case_column[case_index] == column) &&
                            case_set_add (&case_set, index, case_index))
                          cell->count++;
                      }
                  }
                  break;
                case CB_ANALYSIS_COUNT_CHARACTERS:
                case CB_ANALYSIS_COUNT_WORDS:
                default:
                  /* spans come by start: an overlapping or touching one widens
                   * the open interval, a later one closes it */
                  if (cell->open && c->start <= cell->open_end)
                    cell->open_end = MAX (cell->open_end, c->end);
                  else
                    {
                      gboolean was_listed = cell->last_document == c->document;

                      cell_close (cell, count, &words);
                      cell->open = TRUE;
                      cell->open_start = c->start;
                      cell->open_end = c->end;
                      if (!was_listed)
                        g_array_append_val (open_cells, index);
                    }
                  break;
                }
              cell->last_document = c->document;
              cell->last_start = c->start;
              cell->last_end = c->end;
            }
        }
    }
  word_counter_clear (&words);
  case_set_clear (&case_set);
  if (!ok)
    return NULL;

  counts = g_new (gint64, MAX (n_cells, 1));
  for (gsize i = 0; i < n_cells; i++)
    counts[i] = cells[i].count;
  return counts;
}
