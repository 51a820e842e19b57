/* cb-analysis.c: matrices, co-occurrence and frequencies
 *
 * A query reads the codes, the codings (ordered by document, start, end)
 * and whatever its columns need in one read snapshot, then sweeps the
 * codings once.  Because the codings arrive in span order, every count is
 * a running state per cell: a span coded twice in a row is the same span
 * twice in a row of the sweep, and the overlapping spans of a cell merge
 * into one interval that is counted (characters, words) when it closes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "cb-analysis.h"
#include "cb-error.h"
#include "cb-project-private.h"
#include "cb-store-analysis.h"
#include "cb-text.h"

#define NO_COLUMN G_MAXUINT

/* What one query has read. */
typedef struct
{
  CbProject   *project;
  CbStore     *store;
  GPtrArray   *codes;          /* CbCodeInfo, tree order */
  GHashTable  *code_index;     /* code id → index in codes + 1 */
  GArray      *codings;        /* CbAnalysisCoding */
  guint       *coding_code;    /* coding → index in codes, or NO_COLUMN */
  GArray      *document_ids;   /* by name */
  GPtrArray   *document_names;
  GHashTable  *document_index; /* id → index + 1 */
} Snapshot;

static void
snapshot_clear (Snapshot *s)
{
  g_clear_pointer (&s->codes, g_ptr_array_unref);
  g_clear_pointer (&s->code_index, g_hash_table_unref);
  g_clear_pointer (&s->codings, g_array_unref);
  g_clear_pointer (&s->coding_code, g_free);
  g_clear_pointer (&s->document_ids, g_array_unref);
  g_clear_pointer (&s->document_names, g_ptr_array_unref);
  g_clear_pointer (&s->document_index, g_hash_table_unref);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Inside the caller's read snapshot. */
static gboolean
snapshot_load (Snapshot      *s,
               CbProject     *project,
               GCancellable  *cancellable,
               GError       **error)
{
  memset (s, 0, sizeof *s);
  s->project = project;
  s->store = _cb_project_get_store (project);

  if (!(s->codes = _cb_project_list_codes (project, FALSE, error)))
    return FALSE;
  s->code_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < s->codes->len; i++)
    {
      CbCodeInfo *code = s->codes->pdata[i];

      g_hash_table_insert (s->code_index, &code->id, GUINT_TO_POINTER (i + 1));
    }

  s->document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  s->document_names = g_ptr_array_new_with_free_func (g_free);
  if (!_cb_store_analysis_names (s->store, FALSE, s->document_ids, s->document_names, error))
    return FALSE;
  s->document_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < s->document_ids->len; i++)
    g_hash_table_insert (s->document_index, &g_array_index (s->document_ids, gint64, i), GUINT_TO_POINTER (i + 1));

  cb_store_set_cancellable (s->store, cancellable);
  s->codings = _cb_store_analysis_codings (s->store, error);
  cb_store_set_cancellable (s->store, NULL);
  if (s->codings == NULL)
    {
      if (check_cancelled (cancellable, NULL))
        {
          g_clear_error (error);
          check_cancelled (cancellable, error);
        }
      return FALSE;
    }

  s->coding_code = g_new (guint, MAX (s->codings->len, 1));
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (s->code_index, &c->code));

      /* codes unreachable from the top are not in the tree: left out */
      s->coding_code[i] = index > 0 ? index - 1 : NO_COLUMN;
    }
  return !check_cancelled (cancellable, error);
}

static guint
document_index (Snapshot *s,
                gint64    id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (s->document_index, &id));

  return index > 0 ? index - 1 : NO_COLUMN;
}

/* ---- Columns ---------------------------------------------------------
 * A column function names the columns (@labels) and gives each coding its
 * column (NO_COLUMN: none).  Cases, phases and attributes each become one
 * more function here. */

typedef gboolean (*ColumnFunc) (Snapshot   *s,
                                const char *attribute,
                                GPtrArray  *labels,
                                guint      *coding_columns,
                                GError    **error);

static gboolean
columns_documents (Snapshot   *s,
                   const char *attribute,
                   GPtrArray  *labels,
                   guint      *coding_columns,
                   GError    **error)
{
  for (guint i = 0; i < s->document_names->len; i++)
    g_ptr_array_add (labels, g_strdup (s->document_names->pdata[i]));
  for (guint i = 0; i < s->codings->len; i++)
    coding_columns[i] = document_index (s, g_array_index (s->codings, CbAnalysisCoding, i).document);
  return TRUE;
}

static gboolean
columns_coders (Snapshot   *s,
                const char *attribute,
                GPtrArray  *labels,
                guint      *coding_columns,
                GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!_cb_store_analysis_names (s->store, TRUE, ids, labels, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    g_hash_table_insert (index, &g_array_index (ids, gint64, i), GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < s->codings->len; i++)
    {
      gint64 coder = g_array_index (s->codings, CbAnalysisCoding, i).coder;
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (index, &coder));

      coding_columns[i] = column > 0 ? column - 1 : NO_COLUMN;
    }
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* A segment belongs to the speaker of the turn it is cited by, as in
 * cb_turn_find_for_span(): the first turn that overlaps it.  Speakers are
 * columns by name, so "I" of every interview is one column; segments
 * outside every turn go to a last column "no speaker". */
static gboolean
columns_speakers (Snapshot   *s,
                  const char *attribute,
                  GPtrArray  *labels,
                  guint      *coding_columns,
                  GError    **error)
{
  g_autoptr(GStringChunk) chunk = g_string_chunk_new (256);
  g_autoptr(GArray) turns = NULL;
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint none = NO_COLUMN;
  guint t = 0;

  if (!(turns = _cb_store_analysis_turns (s->store, chunk, error)))
    return FALSE;

  /* the speakers of every document, each name once, sorted */
  for (guint i = 0; i < turns->len; i++)
    {
      CbAnalysisTurn *turn = &g_array_index (turns, CbAnalysisTurn, i);

      if (!g_hash_table_contains (by_name, turn->speaker))
        {
          g_hash_table_add (by_name, turn->speaker);
          g_ptr_array_add (names, turn->speaker);
        }
    }
  g_ptr_array_sort (names, compare_names);
  g_hash_table_remove_all (by_name);
  for (guint i = 0; i < names->len; i++)
    {
      g_hash_table_insert (by_name, names->pdata[i], GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (labels, g_strdup (names->pdata[i]));
    }

  /* codings and turns are both in document order: walk them together */
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);
      guint found = NO_COLUMN;
      guint k;

      while (t < turns->len && g_array_index (turns, CbAnalysisTurn, t).document < c->document)
        t++;
      /* the first turn of the document that ends after the start */
      k = t;
      while (k < turns->len)
        {
          CbAnalysisTurn *turn = &g_array_index (turns, CbAnalysisTurn, k);

          if (turn->document != c->document)
            break;
          if (turn->end > c->start)
            {
              if (turn->start < c->end)
                found = GPOINTER_TO_UINT (g_hash_table_lookup (by_name, turn->speaker)) - 1;
              break;
            }
          k++;
        }
      if (found == NO_COLUMN)
        {
          if (none == NO_COLUMN)
            {
              none = labels->len;
              g_ptr_array_add (labels, g_strdup (_("(no speaker)")));
            }
          found = none;
        }
      coding_columns[i] = found;
    }
  return TRUE;
}

static ColumnFunc
column_func (CbAnalysisColumns   columns,
             GError            **error)
{
  switch (columns)
    {
    case CB_ANALYSIS_COLUMNS_DOCUMENTS:
      return columns_documents;
    case CB_ANALYSIS_COLUMNS_SPEAKERS:
      return columns_speakers;
    case CB_ANALYSIS_COLUMNS_CODERS:
      return columns_coders;
    case CB_ANALYSIS_COLUMNS_CASES:
    case CB_ANALYSIS_COLUMNS_ATTRIBUTE:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Columns by case or attribute are not available yet: they come with the cases"));
      return NULL;
    case CB_ANALYSIS_COLUMNS_PHASES:
    default:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Columns by phase are not available yet"));
      return NULL;
    }
}

static const char *
columns_title (CbAnalysisColumns columns)
{
  switch (columns)
    {
    case CB_ANALYSIS_COLUMNS_SPEAKERS:
      return _("Codes × speakers");
    case CB_ANALYSIS_COLUMNS_CODERS:
      return _("Codes × coders");
    case CB_ANALYSIS_COLUMNS_DOCUMENTS:
    default:
      return _("Codes × documents");
    }
}

static const char *
count_unit (CbAnalysisCount count)
{
  switch (count)
    {
    case CB_ANALYSIS_COUNT_DOCUMENTS:
      return _("documents");
    case CB_ANALYSIS_COUNT_CASES:
      return _("cases");
    case CB_ANALYSIS_COUNT_CHARACTERS:
      return _("characters");
    case CB_ANALYSIS_COUNT_WORDS:
      return _("words");
    case CB_ANALYSIS_COUNT_CODINGS:
    default:
      return _("codings");
    }
}

/* ---- Rows ------------------------------------------------------------ */

/* Which rows each code counts in: @rows_of_code[code index] is an array of
 * row numbers, or NULL. */
typedef struct
{
  guint     n_rows;
  guint    *row_code;          /* row → index in codes */
  GArray  **rows_of_code;      /* n_codes */
  guint     n_codes;
} Rows;

static void
rows_clear (Rows *rows)
{
  for (guint i = 0; i < rows->n_codes; i++)
    if (rows->rows_of_code[i] != NULL)
      g_array_unref (rows->rows_of_code[i]);
  g_clear_pointer (&rows->rows_of_code, g_free);
  g_clear_pointer (&rows->row_code, g_free);
}

/* Rows for the codes at @paths (NULL or empty: @all_codes ? every code :
 * the top-level codes), each with its descendants unless @only. */
static gboolean
rows_init (Rows               *rows,
           Snapshot           *s,
           const char * const *paths,
           gboolean            all_codes,
           gboolean            only,
           GError            **error)
{
  g_autoptr(GArray) row_code = g_array_new (FALSE, FALSE, sizeof (guint));

  memset (rows, 0, sizeof *rows);
  rows->n_codes = s->codes->len;
  rows->rows_of_code = g_new0 (GArray *, MAX (rows->n_codes, 1));

  if (paths != NULL && paths[0] != NULL)
    {
      for (guint p = 0; paths[p] != NULL; p++)
        {
          gint64 id = _cb_project_lookup_code (s->project, paths[p], error);
          guint index;

          if (id == 0)
            return FALSE;
          index = GPOINTER_TO_UINT (g_hash_table_lookup (s->code_index, &id));
          if (index == 0)
            {
              g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                           _("No code “%s”"), paths[p]);
              return FALSE;
            }
          index--;
          g_array_append_val (row_code, index);
        }
    }
  else
    {
      for (guint i = 0; i < s->codes->len; i++)
        if (all_codes || ((CbCodeInfo *) s->codes->pdata[i])->depth == 0)
          g_array_append_val (row_code, i);
    }

  rows->n_rows = row_code->len;
  for (guint r = 0; r < row_code->len; r++)
    {
      guint first = g_array_index (row_code, guint, r);
      guint depth = ((CbCodeInfo *) s->codes->pdata[first])->depth;

      /* descendants follow their code in tree order, deeper */
      for (guint i = first; i < s->codes->len; i++)
        {
          if (i > first && (only || ((CbCodeInfo *) s->codes->pdata[i])->depth <= depth))
            break;
          if (rows->rows_of_code[i] == NULL)
            rows->rows_of_code[i] = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (rows->rows_of_code[i], r);
        }
    }
  rows->row_code = (guint *) g_array_free (g_steal_pointer (&row_code), FALSE);
  return TRUE;
}

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

/* The counts of @rows × @n_columns (row-major), each coding in the column
 * @coding_columns gives it. */
static gint64 *
sweep (Snapshot         *s,
       Rows             *rows,
       const guint      *coding_columns,
       guint             n_columns,
       CbAnalysisCount   count,
       GCancellable     *cancellable,
       GError          **error)
{
  gsize n_cells = (gsize) rows->n_rows * n_columns;
  g_autofree Cell *cells = g_new0 (Cell, MAX (n_cells, 1));
  g_autoptr(GArray) open_cells = g_array_new (FALSE, FALSE, sizeof (gsize));
  WordCounter words = { 0 };
  gboolean merging = count == CB_ANALYSIS_COUNT_CHARACTERS || count == CB_ANALYSIS_COUNT_WORDS;
  gint64 document = -1;
  gint64 *counts;
  gboolean ok = TRUE;

  for (gsize i = 0; i < n_cells; i++)
    cells[i].last_document = -1;

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
      if ((i & 4095) == 0 && check_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }

      column = coding_columns[i];
      if (column == NO_COLUMN || s->coding_code[i] == NO_COLUMN)
        continue;
      in_rows = rows->rows_of_code[s->coding_code[i]];
      if (in_rows == NULL)
        continue;

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
            case CB_ANALYSIS_COUNT_CASES:
              if (cell->last_document != c->document)
                cell->count++;
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
  word_counter_clear (&words);
  if (!ok)
    return NULL;

  counts = g_new (gint64, MAX (n_cells, 1));
  for (gsize i = 0; i < n_cells; i++)
    counts[i] = cells[i].count;
  return counts;
}

/* ---- Tables ---------------------------------------------------------- */

void
cb_analysis_table_free (CbAnalysisTable *table)
{
  if (table == NULL)
    return;
  g_free (table->title);
  g_free (table->unit);
  g_strfreev (table->row_labels);
  g_strfreev (table->row_colors);
  g_free (table->row_depths);
  g_strfreev (table->column_labels);
  g_free (table->counts);
  g_free (table->values);
  g_free (table);
}

gint64
cb_analysis_table_count (const CbAnalysisTable *table,
                         guint                  row,
                         guint                  column)
{
  g_return_val_if_fail (row < table->n_rows && column < table->n_columns, 0);
  return table->counts[(gsize) row * table->n_columns + column];
}

double
cb_analysis_table_value (const CbAnalysisTable *table,
                         guint                  row,
                         guint                  column)
{
  g_return_val_if_fail (row < table->n_rows && column < table->n_columns, 0);
  if (table->values != NULL)
    return table->values[(gsize) row * table->n_columns + column];
  return (double) table->counts[(gsize) row * table->n_columns + column];
}

char *
cb_analysis_table_format_cell (const CbAnalysisTable *table,
                               guint                  row,
                               guint                  column)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (table->values == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, cb_analysis_table_count (table, row, column));
  /* one decimal, always with a point: the files are read by programs */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.1f", cb_analysis_table_value (table, row, column)));
}

double
cb_analysis_table_max_value (const CbAnalysisTable *table)
{
  double max = 0;

  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_columns; c++)
      max = MAX (max, cb_analysis_table_value (table, r, c));
  return max;
}

static int
find_label (char      **labels,
            const char *label)
{
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    if (g_str_equal (labels[i], label))
      return (int) i;
  return -1;
}

int
cb_analysis_table_find_row (const CbAnalysisTable *table,
                            const char            *label)
{
  return find_label (table->row_labels, label);
}

int
cb_analysis_table_find_column (const CbAnalysisTable *table,
                               const char            *label)
{
  return find_label (table->column_labels, label);
}

static CbAnalysisTable *
table_new (CbAnalysisTableKind  kind,
           Snapshot            *s,
           Rows                *rows,
           GPtrArray           *column_labels,
           gint64              *counts)
{
  CbAnalysisTable *table = g_new0 (CbAnalysisTable, 1);

  table->kind = kind;
  table->n_rows = rows->n_rows;
  table->n_columns = column_labels->len;
  table->row_labels = g_new0 (char *, rows->n_rows + 1);
  table->row_colors = g_new0 (char *, rows->n_rows + 1);
  table->row_depths = g_new0 (guint, MAX (rows->n_rows, 1));
  for (guint r = 0; r < rows->n_rows; r++)
    {
      CbCodeInfo *code = s->codes->pdata[rows->row_code[r]];

      table->row_labels[r] = g_strdup (code->path);
      table->row_colors[r] = g_strdup (code->color != NULL ? code->color : "");
      table->row_depths[r] = code->depth;
    }
  table->column_labels = g_new0 (char *, column_labels->len + 1);
  for (guint c = 0; c < column_labels->len; c++)
    table->column_labels[c] = g_strdup (column_labels->pdata[c]);
  table->counts = counts;
  return table;
}

static void
table_apply_percent (CbAnalysisTable   *table,
                     CbAnalysisPercent  percent)
{
  g_autofree double *sums = NULL;
  guint n_sums = percent == CB_ANALYSIS_PERCENT_ROW ? table->n_rows : table->n_columns;

  table->percent = percent;
  if (percent == CB_ANALYSIS_PERCENT_NONE)
    return;

  sums = g_new0 (double, MAX (n_sums, 1));
  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_columns; c++)
      sums[percent == CB_ANALYSIS_PERCENT_ROW ? r : c] += cb_analysis_table_count (table, r, c);

  table->values = g_new0 (double, MAX ((gsize) table->n_rows * table->n_columns, 1));
  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_columns; c++)
      {
        double sum = sums[percent == CB_ANALYSIS_PERCENT_ROW ? r : c];

        table->values[(gsize) r * table->n_columns + c] =
          sum > 0 ? 100.0 * cb_analysis_table_count (table, r, c) / sum : 0;
      }
}

/* ---- Parsing --------------------------------------------------------- */

gboolean
cb_analysis_parse_columns (const char         *text,
                           CbAnalysisColumns  *columns,
                           const char        **attribute)
{
  static const struct { const char *name; CbAnalysisColumns value; } names[] = {
    { "documents", CB_ANALYSIS_COLUMNS_DOCUMENTS },
    { "speakers", CB_ANALYSIS_COLUMNS_SPEAKERS },
    { "coders", CB_ANALYSIS_COLUMNS_CODERS },
    { "cases", CB_ANALYSIS_COLUMNS_CASES },
    { "phases", CB_ANALYSIS_COLUMNS_PHASES },
  };

  *attribute = NULL;
  if (text == NULL)
    return FALSE;
  if (g_str_has_prefix (text, "attribute:") && text[strlen ("attribute:")] != '\0')
    {
      *columns = CB_ANALYSIS_COLUMNS_ATTRIBUTE;
      *attribute = text + strlen ("attribute:");
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i].name))
      {
        *columns = names[i].value;
        return TRUE;
      }
  return FALSE;
}

gboolean
cb_analysis_parse_count (const char      *text,
                         CbAnalysisCount *count)
{
  static const char * const names[] = { "codings", "documents", "cases", "characters", "words" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *count = (CbAnalysisCount) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
cb_analysis_parse_percent (const char        *text,
                           CbAnalysisPercent *percent)
{
  if (g_strcmp0 (text, "row") == 0)
    *percent = CB_ANALYSIS_PERCENT_ROW;
  else if (g_strcmp0 (text, "column") == 0)
    *percent = CB_ANALYSIS_PERCENT_COLUMN;
  else
    return FALSE;
  return TRUE;
}

static gboolean
check_count (CbAnalysisCount   count,
             GError          **error)
{
  if (count == CB_ANALYSIS_COUNT_CASES)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Counting cases is not available yet: it comes with the cases"));
      return FALSE;
    }
  return TRUE;
}

/* ---- The matrix ------------------------------------------------------ */

/* Reads the snapshot and assigns rows and columns, for a matrix and its
 * cells alike. */
static gboolean
matrix_prepare (Snapshot            *s,
                Rows                *rows,
                GPtrArray           *labels,
                guint              **coding_columns,
                CbProject           *project,
                const char * const  *row_paths,
                gboolean             all_codes,
                gboolean             only,
                CbAnalysisColumns    columns,
                const char          *attribute,
                GCancellable        *cancellable,
                GError             **error)
{
  ColumnFunc func = column_func (columns, error);

  if (func == NULL)
    return FALSE;
  if (!snapshot_load (s, project, cancellable, error) ||
      !rows_init (rows, s, row_paths, all_codes, only, error))
    return FALSE;
  *coding_columns = g_new (guint, MAX (s->codings->len, 1));
  return func (s, attribute, labels, *coding_columns, error);
}

static CbAnalysisTable *
matrix_table (CbProject           *project,
              CbAnalysisTableKind  kind,
              const char * const  *row_paths,
              gboolean             all_codes,
              gboolean             only,
              CbAnalysisColumns    columns,
              const char          *attribute,
              CbAnalysisCount      count,
              CbAnalysisPercent    percent,
              GCancellable        *cancellable,
              GError             **error)
{
  Snapshot s = { 0 };
  Rows rows = { 0 };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *coding_columns = NULL;
  gint64 *counts = NULL;
  CbAnalysisTable *table = NULL;

  if (!check_count (count, error) || column_func (columns, error) == NULL)
    return NULL;
  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (matrix_prepare (&s, &rows, labels, &coding_columns, project, row_paths, all_codes, only,
                      columns, attribute, cancellable, error) &&
      (counts = sweep (&s, &rows, coding_columns, labels->len, count, cancellable, error)))
    {
      table = table_new (kind, &s, &rows, labels, counts);
      table->title = g_strdup (columns_title (columns));
      table->unit = g_strdup (count_unit (count));
      table_apply_percent (table, percent);
    }

  _cb_project_end_read (project);
  rows_clear (&rows);
  snapshot_clear (&s);
  return table;
}

CbAnalysisTable *
cb_analysis_matrix (CbProject           *project,
                    const CbMatrixQuery *query,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  return matrix_table (project, CB_ANALYSIS_TABLE_MATRIX, query->rows, FALSE, query->only,
                       query->columns, query->attribute, query->count, query->percent,
                       cancellable, error);
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const CbSegment *x = *(CbSegment **) a;
  const CbSegment *y = *(CbSegment **) b;
  int c = g_strcmp0 (x->document_name, y->document_name);

  if (c != 0)
    return c;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return g_strcmp0 (x->code_path, y->code_path);
}

GPtrArray *
cb_analysis_matrix_cell (CbProject           *project,
                         const CbMatrixQuery *query,
                         const char          *row,
                         const char          *column,
                         GCancellable        *cancellable,
                         GError             **error)
{
  const char *row_paths[] = { row, NULL };
  Snapshot s = { 0 };
  Rows rows = { 0 };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *coding_columns = NULL;
  GPtrArray *result = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (column_func (query->columns, error) == NULL)
    return NULL;
  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (matrix_prepare (&s, &rows, labels, &coding_columns, project, row_paths, FALSE, query->only,
                      query->columns, query->attribute, cancellable, error))
    {
      int c;
      g_autoptr(GArray) code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GPtrArray) segments = NULL;

      g_ptr_array_add (labels, NULL);
      c = find_label ((char **) labels->pdata, column);
      if (c < 0)
        g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                     _("No column “%s”"), column);
      else
        {
          for (guint i = 0; i < s.codes->len; i++)
            if (rows.rows_of_code[i] != NULL)
              g_array_append_val (code_ids, ((CbCodeInfo *) s.codes->pdata[i])->id);
          for (guint i = 0; i < s.codings->len; i++)
            if (coding_columns[i] == (guint) c && s.coding_code[i] != NO_COLUMN &&
                rows.rows_of_code[s.coding_code[i]] != NULL)
              g_hash_table_add (wanted, &g_array_index (s.codings, CbAnalysisCoding, i).id);

          if ((segments = _cb_store_list_segments (s.store, code_ids, 0, error)))
            {
              result = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
              for (guint i = 0; i < segments->len; i++)
                {
                  CbSegment *segment = segments->pdata[i];
                  guint index;

                  if (!g_hash_table_contains (wanted, &segment->coding_id))
                    continue;
                  index = GPOINTER_TO_UINT (g_hash_table_lookup (s.code_index, &segment->code_id));
                  g_free (segment->code_path);
                  segment->code_path = g_strdup (((CbCodeInfo *) s.codes->pdata[index - 1])->path);
                  g_ptr_array_add (result, g_steal_pointer (&segments->pdata[i]));
                }
              g_ptr_array_sort (result, compare_segments);
              if (!_cb_store_fill_segment_texts (s.store, result, error))
                g_clear_pointer (&result, g_ptr_array_unref);
            }
        }
    }

  _cb_project_end_read (project);
  rows_clear (&rows);
  snapshot_clear (&s);
  return result;
}

/* ---- Co-occurrence --------------------------------------------------- */

/* One distinct span of one row. */
typedef struct
{
  guint   row;
  guint   document;     /* index by name */
  gint64  document_id;
  gint64  start;
  gint64  end;
} Item;

/* The distinct spans of each row, in document (id), start, end order. */
static GArray *
row_items (Snapshot *s,
           Rows     *rows)
{
  GArray *items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autofree Item *last = g_new0 (Item, MAX (rows->n_rows, 1));

  for (guint r = 0; r < rows->n_rows; r++)
    last[r].document_id = -1;
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);
      GArray *in_rows = s->coding_code[i] != NO_COLUMN ? rows->rows_of_code[s->coding_code[i]] : NULL;

      for (guint k = 0; in_rows != NULL && k < in_rows->len; k++)
        {
          guint r = g_array_index (in_rows, guint, k);
          Item item = { r, document_index (s, c->document), c->document, c->start, c->end };

          if (last[r].document_id == c->document && last[r].start == c->start && last[r].end == c->end)
            continue;
          last[r] = item;
          g_array_append_val (items, item);
        }
    }
  return items;
}

/* Whether @b (which starts at or after @a) is paired with @a. */
static inline gboolean
items_meet (const Item *a,
            const Item *b,
            gint64      proximity)
{
  if (proximity < 0)
    return b->start < a->end;
  return b->start - a->end <= proximity;
}

typedef void (*PairFunc) (const Item *a,
                          const Item *b,
                          gpointer    data);

/* Calls @func for every pair of items of different rows that meet. */
static gboolean
for_each_pair (GArray        *items,
               gint64         proximity,
               PairFunc       func,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      const Item *a = &g_array_index (items, Item, i);

      if ((i & 1023) == 0 && check_cancelled (cancellable, error))
        return FALSE;
      for (guint j = i + 1; j < items->len; j++)
        {
          const Item *b = &g_array_index (items, Item, j);

          if (b->document_id != a->document_id || !items_meet (a, b, proximity))
            break;
          if (b->row != a->row)
            func (a, b, data);
        }
    }
  return TRUE;
}

typedef struct
{
  guint     n;
  gint64   *counts;
  guint    *seen_in;     /* per cell: the document + 1 counted last */
  gboolean  documents;
} CoCount;

static void
count_pair (const Item *a,
            const Item *b,
            gpointer    data)
{
  CoCount *co = data;
  gsize ab = (gsize) a->row * co->n + b->row;
  gsize ba = (gsize) b->row * co->n + a->row;

  if (co->documents)
    {
      if (co->seen_in[ab] == a->document + 1)
        return;
      co->seen_in[ab] = co->seen_in[ba] = a->document + 1;
    }
  co->counts[ab]++;
  co->counts[ba]++;
}

/* Co-occurrence rows: the given codes (with descendants unless only), or
 * every code alone. */
static gboolean
cooccurrence_rows (Rows                      *rows,
                   Snapshot                  *s,
                   const CbCooccurrenceQuery *query,
                   GError                   **error)
{
  gboolean given = query->codes != NULL && query->codes[0] != NULL;

  return rows_init (rows, s, query->codes, TRUE, given ? query->only : TRUE, error);
}

CbAnalysisTable *
cb_analysis_cooccurrence (CbProject                 *project,
                          const CbCooccurrenceQuery *query,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  Snapshot s = { 0 };
  Rows rows = { 0 };
  CbAnalysisTable *table = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (snapshot_load (&s, project, cancellable, error) &&
      cooccurrence_rows (&rows, &s, query, error))
    {
      g_autoptr(GArray) items = row_items (&s, &rows);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      gboolean documents = query->count == CB_COOCCURRENCE_COUNT_DOCUMENTS;
      CoCount co = {
        .n = rows.n_rows,
        .counts = g_new0 (gint64, MAX ((gsize) rows.n_rows * rows.n_rows, 1)),
        .seen_in = documents ? g_new0 (guint, MAX ((gsize) rows.n_rows * rows.n_rows, 1)) : NULL,
        .documents = documents,
      };

      if (for_each_pair (items, query->proximity, count_pair, &co, cancellable, error))
        {
          /* the diagonal: each code's own segments (documents) */
          for (guint i = 0; i < items->len; i++)
            {
              const Item *item = &g_array_index (items, Item, i);
              gsize cell = (gsize) item->row * rows.n_rows + item->row;

              if (documents && co.seen_in[cell] == item->document + 1)
                continue;
              if (documents)
                co.seen_in[cell] = item->document + 1;
              co.counts[cell]++;
            }

          for (guint r = 0; r < rows.n_rows; r++)
            g_ptr_array_add (labels, ((CbCodeInfo *) s.codes->pdata[rows.row_code[r]])->path);
          table = table_new (CB_ANALYSIS_TABLE_COOCCURRENCE, &s, &rows, labels, g_steal_pointer (&co.counts));
          table->title = g_strdup (query->proximity < 0
                                   ? _("Co-occurrence: overlapping segments")
                                   : _("Co-occurrence: segments near each other"));
          table->unit = g_strdup (documents ? _("documents") : _("pairs of segments"));
        }
      g_free (co.counts);
      g_free (co.seen_in);
    }

  _cb_project_end_read (project);
  rows_clear (&rows);
  snapshot_clear (&s);
  return table;
}

void
cb_segment_pair_free (CbSegmentPair *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->document_name);
  g_free (pair->a_text);
  g_free (pair->b_text);
  g_free (pair);
}

typedef struct
{
  Snapshot  *s;
  GPtrArray *pairs;
  GArray    *document_ids;   /* per pair */
} PairList;

static void
list_pair (const Item *a,
           const Item *b,
           gpointer    data)
{
  PairList *list = data;
  CbSegmentPair *pair = g_new0 (CbSegmentPair, 1);

  /* row 0 is code A */
  if (a->row != 0)
    {
      const Item *t = a;

      a = b;
      b = t;
    }
  pair->document_name = g_strdup (list->s->document_names->pdata[a->document]);
  pair->a_start = a->start;
  pair->a_end = a->end;
  pair->b_start = b->start;
  pair->b_end = b->end;
  g_ptr_array_add (list->pairs, pair);
  g_array_append_val (list->document_ids, a->document_id);
}

static gboolean
fill_pair_texts (Snapshot   *s,
                 PairList   *list,
                 GError    **error)
{
  g_autofree char *text = NULL;
  gint64 loaded = -1;
  gsize length = 0;

  /* pairs come by document: each text read once */
  for (guint i = 0; i < list->pairs->len; i++)
    {
      CbSegmentPair *pair = list->pairs->pdata[i];
      gint64 id = g_array_index (list->document_ids, gint64, i);

      if (id != loaded)
        {
          g_clear_pointer (&text, g_free);
          if (!(text = _cb_store_dup_document_text (s->store, id, &length, error)))
            return FALSE;
          loaded = id;
        }
      pair->a_text = cb_text_dup_range (text, length, pair->a_start, pair->a_end);
      pair->b_text = cb_text_dup_range (text, length, pair->b_start, pair->b_end);
    }
  return TRUE;
}

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const CbSegmentPair *x = *(CbSegmentPair **) a;
  const CbSegmentPair *y = *(CbSegmentPair **) b;
  int c = g_strcmp0 (x->document_name, y->document_name);

  if (c != 0)
    return c;
  if (x->a_start != y->a_start)
    return x->a_start < y->a_start ? -1 : 1;
  if (x->a_end != y->a_end)
    return x->a_end < y->a_end ? -1 : 1;
  if (x->b_start != y->b_start)
    return x->b_start < y->b_start ? -1 : 1;
  return x->b_end < y->b_end ? -1 : x->b_end > y->b_end;
}

GPtrArray *
cb_analysis_cooccurrence_pairs (CbProject                 *project,
                                const CbCooccurrenceQuery *query,
                                const char                *a,
                                const char                *b,
                                GCancellable              *cancellable,
                                GError                   **error)
{
  const char *paths[] = { a, b, NULL };
  Snapshot s = { 0 };
  Rows rows = { 0 };
  GPtrArray *result = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (snapshot_load (&s, project, cancellable, error) &&
      rows_init (&rows, &s, g_str_equal (a, b) ? paths + 1 : paths, FALSE, query->only, error))
    {
      g_autoptr(GArray) items = row_items (&s, &rows);
      g_autoptr(GArray) document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_pair_free);
      PairList list = { &s, pairs, document_ids };
      gboolean ok = TRUE;

      if (g_str_equal (a, b))
        {
          /* the diagonal: each segment is its own pair */
          for (guint i = 0; i < items->len; i++)
            {
              const Item *item = &g_array_index (items, Item, i);

              list_pair (item, item, &list);
            }
        }
      else
        ok = for_each_pair (items, query->proximity, list_pair, &list, cancellable, error);

      if (ok && fill_pair_texts (&s, &list, error))
        {
          g_ptr_array_sort (pairs, compare_pairs);
          result = g_steal_pointer (&pairs);
        }
    }

  _cb_project_end_read (project);
  rows_clear (&rows);
  snapshot_clear (&s);
  return result;
}

/* ---- Frequencies ----------------------------------------------------- */

CbAnalysisTable *
cb_analysis_frequencies (CbProject                *project,
                         const CbFrequenciesQuery *query,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  static const CbAnalysisCount counts[] = {
    CB_ANALYSIS_COUNT_CODINGS, CB_ANALYSIS_COUNT_DOCUMENTS,
    CB_ANALYSIS_COUNT_CHARACTERS, CB_ANALYSIS_COUNT_WORDS,
  };
  Snapshot s = { 0 };
  Rows rows = { 0 };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *coding_columns = NULL;
  gint64 *all = NULL;
  CbAnalysisTable *table = NULL;
  guint n_counts = query->codings_only ? 1 : G_N_ELEMENTS (counts);
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (query->by)
    {
      table = matrix_table (project, CB_ANALYSIS_TABLE_FREQUENCIES, NULL, TRUE, query->only,
                            query->columns, query->attribute, query->count,
                            CB_ANALYSIS_PERCENT_NONE, cancellable, error);
      if (table != NULL)
        {
          g_free (table->title);
          table->title = g_strdup (_("Code frequencies"));
        }
      return table;
    }

  if (!_cb_project_begin_read (project, error))
    return NULL;

  ok = snapshot_load (&s, project, cancellable, error) &&
       rows_init (&rows, &s, NULL, TRUE, query->only, error);
  if (ok)
    {
      /* every coding in one column, counted four ways */
      coding_columns = g_new0 (guint, MAX (s.codings->len, 1));
      all = g_new0 (gint64, MAX ((gsize) rows.n_rows * n_counts, 1));
      for (guint k = 0; ok && k < n_counts; k++)
        {
          g_autofree gint64 *column = sweep (&s, &rows, coding_columns, 1, counts[k], cancellable, error);

          ok = column != NULL;
          for (guint r = 0; ok && r < rows.n_rows; r++)
            all[(gsize) r * n_counts + k] = column[r];
          g_ptr_array_add (labels, g_strdup (count_unit (counts[k])));
        }
    }
  if (ok)
    {
      table = table_new (CB_ANALYSIS_TABLE_FREQUENCIES, &s, &rows, labels, g_steal_pointer (&all));
      table->title = g_strdup (_("Code frequencies"));
      table->unit = g_strdup (count_unit (CB_ANALYSIS_COUNT_CODINGS));
    }
  g_free (all);

  _cb_project_end_read (project);
  rows_clear (&rows);
  snapshot_clear (&s);
  return table;
}
