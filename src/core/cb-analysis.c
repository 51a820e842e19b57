/* cb-analysis.c: matrices and frequencies; the snapshot, rows and columns every query shares
 *
 * A query reads the codes, the codings (ordered by document, start, end)
 * and whatever its columns need in one read snapshot, then sweeps the
 * codings once (cb-analysis-sweep.c; co-occurrence pairs segments in
 * cb-analysis-cooccurrence.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-analysis-private.h"
#include "cb-cases-private.h"
#include "cb-error.h"
#include "cb-store-cases.h"
#include "cb-store-scope.h"
#include "cb-store-mag.h"
#include "cb-text.h"

void
_cb_analysis_snapshot_clear (Snapshot *s)
{
  g_clear_pointer (&s->codes, g_ptr_array_unref);
  g_clear_pointer (&s->code_index, g_hash_table_unref);
  g_clear_pointer (&s->codings, g_array_unref);
  g_clear_pointer (&s->coding_code, g_free);
  g_clear_pointer (&s->document_ids, g_array_unref);
  g_clear_pointer (&s->document_names, g_ptr_array_unref);
  g_clear_pointer (&s->document_index, g_hash_table_unref);
  g_clear_pointer (&s->case_ids, g_array_unref);
  g_clear_pointer (&s->case_names, g_ptr_array_unref);
  g_clear_pointer (&s->case_index, g_hash_table_unref);
  g_clear_pointer (&s->case_first, g_free);
  g_clear_pointer (&s->case_list, g_array_unref);
  s->cases_loaded = FALSE;
}

gboolean
_cb_analysis_check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Inside the caller's read snapshot. */
gboolean
_cb_analysis_snapshot_load (Snapshot      *s,
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
      if (_cb_analysis_check_cancelled (cancellable, NULL))
        {
          g_clear_error (error);
          _cb_analysis_check_cancelled (cancellable, error);
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
  return !_cb_analysis_check_cancelled (cancellable, error);
}

guint
_cb_analysis_document_index (Snapshot *s,
                gint64    id)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (s->document_index, &id));

  return index > 0 ? index - 1 : NO_COLUMN;
}

/* ---- Cases -----------------------------------------------------------
 * Which cases each coding belongs to, in one sweep of the coverage (by
 * document and start) beside the codings (by document, start, end): the
 * coverage that starts at or before a coding's start is kept in an active
 * list until it ends, and what starts inside the coding is looked at
 * without being taken, so each coding looks at the coverage that holds a
 * point of it and little more.  The rule is the filter's: the coverage
 * overlaps the coding (cov.start < end and cov.end > start). */

static void
coding_cases_sort (guint *cases,
                   guint  n)
{
  /* a coding belongs to few cases: insertion sort */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && cases[j - 1] > cases[j]; j--)
      {
        guint t = cases[j];

        cases[j] = cases[j - 1];
        cases[j - 1] = t;
      }
}

/* The filter's options (--coder, --set, --phase, --role, --speaker…):
 * the codings outside them are left out like those of no passing case. */
static gboolean
apply_scope (Snapshot            *s,
             const CbCaseFilter  *filter,
             GError             **error)
{
  g_autoptr(CbScope) scope = _cb_scope_new_without_cases (s->project, filter, error);

  if (scope == NULL)
    return FALSE;
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);

      if (s->coding_code[i] != NO_COLUMN &&
          (!_cb_scope_passes_coder_id (scope, c->coder) ||
           !_cb_scope_passes_span (scope, c->document, c->start, c->end)))
        s->coding_code[i] = NO_COLUMN;
    }
  return TRUE;
}

gboolean
_cb_analysis_snapshot_load_cases (Snapshot            *s,
                                  const CbCaseFilter  *filter,
                                  GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) passing = NULL;
  g_autoptr(GArray) coverage = NULL;
  g_autoptr(GArray) active = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *coverage_case = NULL;
  g_autofree guint *stamp = NULL;
  guint n_coverage;
  guint p = 0;
  gint64 document = -1;

  if (s->cases_loaded)
    return TRUE;
  if (!_cb_store_analysis_cases (s->store, ids, names, error))
    return FALSE;
  if (filter != NULL && cb_case_filter_has_conditions (filter))
    {
      /* the filter's own passing cases, read in this snapshot */
      if (!(passing = _cb_case_filter_passing (s->project, filter, error)))
        return FALSE;
      s->case_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      s->case_names = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < ids->len; i++)
        if (g_hash_table_contains (passing, &g_array_index (ids, gint64, i)))
          {
            g_array_append_val (s->case_ids, g_array_index (ids, gint64, i));
            g_ptr_array_add (s->case_names, g_steal_pointer (&names->pdata[i]));
          }
    }
  else
    {
      s->case_ids = g_steal_pointer (&ids);
      s->case_names = g_steal_pointer (&names);
    }
  s->case_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < s->case_ids->len; i++)
    g_hash_table_insert (s->case_index, &g_array_index (s->case_ids, gint64, i), GUINT_TO_POINTER (i + 1));

  if (!(coverage = _cb_store_analysis_coverage (s->store, error)))
    return FALSE;
  n_coverage = coverage->len;
  coverage_case = g_new (guint, MAX (n_coverage, 1));
  for (guint i = 0; i < n_coverage; i++)
    coverage_case[i] = GPOINTER_TO_UINT (g_hash_table_lookup (s->case_index,
                                                              &g_array_index (coverage, CbAnalysisCoverage, i).case_id));
  stamp = g_new (guint, MAX (s->case_ids->len, 1));
  for (guint k = 0; k < s->case_ids->len; k++)
    stamp[k] = G_MAXUINT;

  s->case_first = g_new (guint, s->codings->len + 1);
  s->case_list = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);
      guint kept = 0;

      if (c->document != document)
        {
          document = c->document;
          g_array_set_size (active, 0);
          while (p < n_coverage && g_array_index (coverage, CbAnalysisCoverage, p).document < document)
            p++;
        }
      while (p < n_coverage && g_array_index (coverage, CbAnalysisCoverage, p).document == document &&
             g_array_index (coverage, CbAnalysisCoverage, p).start <= c->start)
        {
          g_array_append_val (active, p);
          p++;
        }
      /* codings come by start: what ends at or before this one's start is done */
      for (guint a = 0; a < active->len; a++)
        if (g_array_index (coverage, CbAnalysisCoverage, g_array_index (active, guint, a)).end > c->start)
          g_array_index (active, guint, kept++) = g_array_index (active, guint, a);
      g_array_set_size (active, kept);

      s->case_first[i] = s->case_list->len;
      for (guint a = 0, q = p; ; a++)
        {
          guint at;
          CbAnalysisCoverage *cov;
          guint k;

          if (a < active->len)
            at = g_array_index (active, guint, a);
          else if (q < n_coverage && g_array_index (coverage, CbAnalysisCoverage, q).document == document &&
                   g_array_index (coverage, CbAnalysisCoverage, q).start < c->end)
            at = q++;
          else
            break;
          cov = &g_array_index (coverage, CbAnalysisCoverage, at);
          k = coverage_case[at];
          if (k == 0 || !(cov->start < c->end && cov->end > c->start) || stamp[k - 1] == i)
            continue;
          stamp[k - 1] = i;
          k--;
          g_array_append_val (s->case_list, k);
        }
      coding_cases_sort (&g_array_index (s->case_list, guint, s->case_first[i]),
                         s->case_list->len - s->case_first[i]);
      /* --where: a coding passes when it belongs to a passing case */
      if (passing != NULL && s->case_list->len == s->case_first[i])
        s->coding_code[i] = NO_COLUMN;
    }
  s->case_first[s->codings->len] = s->case_list->len;
  s->cases_loaded = TRUE;
  return filter == NULL || apply_scope (s, filter, error);
}

/* The cases coding @i belongs to, and how many. */
static inline const guint *
coding_cases (Snapshot *s,
              guint     i,
              guint    *n)
{
  *n = s->case_first[i + 1] - s->case_first[i];
  return &g_array_index (s->case_list, guint, s->case_first[i]);
}

void
_cb_analysis_columns_clear (Columns *columns)
{
  g_clear_pointer (&columns->first, g_free);
  g_clear_pointer (&columns->columns, g_array_unref);
  g_clear_pointer (&columns->case_column, g_free);
}

void
_cb_analysis_columns_init_single (Columns     *columns,
                                  Snapshot    *s,
                                  const guint *coding_column)
{
  memset (columns, 0, sizeof *columns);
  columns->first = g_new (guint, s->codings->len + 1);
  columns->columns = g_array_sized_new (FALSE, FALSE, sizeof (guint), s->codings->len);
  for (guint i = 0; i < s->codings->len; i++)
    {
      columns->first[i] = columns->columns->len;
      if (coding_column[i] != NO_COLUMN)
        g_array_append_val (columns->columns, coding_column[i]);
    }
  columns->first[s->codings->len] = columns->columns->len;
}

/* Coding @i's columns: the column of each of its cases (case_column), each
 * once, or @none when it belongs to no case. */
static void
columns_init_by_case (Columns  *columns,
                      Snapshot *s,
                      guint     none)
{
  columns->first = g_new (guint, s->codings->len + 1);
  columns->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->codings->len; i++)
    {
      guint n;
      const guint *cases = coding_cases (s, i, &n);
      guint from = columns->columns->len;

      columns->first[i] = from;
      if (n == 0)
        g_array_append_val (columns->columns, none);
      for (guint k = 0; k < n; k++)
        {
          guint column = columns->case_column[cases[k]];
          gboolean seen = FALSE;

          for (guint j = from; j < columns->columns->len && !seen; j++)
            seen = g_array_index (columns->columns, guint, j) == column;
          if (!seen)
            g_array_append_val (columns->columns, column);
        }
    }
  columns->first[s->codings->len] = columns->columns->len;
}

/* ---- Columns ---------------------------------------------------------
 * A column function names the columns (@labels) and gives each coding its
 * columns (@columns; none: left out).  Documents, speakers and coders give
 * each coding one column (@coding_columns, turned into @columns by the
 * caller); cases and attributes give it the columns of its cases; phases
 * the phases it overlaps. */

typedef gboolean (*ColumnFunc) (Snapshot   *s,
                                const char *attribute,
                                GPtrArray  *labels,
                                guint      *coding_columns,
                                Columns    *columns,
                                GError    **error);

static gboolean
columns_documents (Snapshot   *s,
                   const char *attribute,
                   GPtrArray  *labels,
                   guint      *coding_columns,
                   Columns    *columns,
                   GError    **error)
{
  for (guint i = 0; i < s->document_names->len; i++)
    g_ptr_array_add (labels, g_strdup (s->document_names->pdata[i]));
  for (guint i = 0; i < s->codings->len; i++)
    coding_columns[i] = _cb_analysis_document_index (s, g_array_index (s->codings, CbAnalysisCoding, i).document);
  return TRUE;
}

static gboolean
columns_coders (Snapshot   *s,
                const char *attribute,
                GPtrArray  *labels,
                guint      *coding_columns,
                Columns    *columns,
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

/* A column per document set (in the sets' order); a coding counts in
 * every set its document belongs to, and in none when it is in no set. */
static gboolean
columns_sets (Snapshot   *s,
              const char *attribute,
              GPtrArray  *labels,
              guint      *coding_columns,
              Columns    *columns,
              GError    **error)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (CbStoreSetMember));
  g_autoptr(GHashTable) first = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (!_cb_store_scope_list_sets (s->store, labels, members, error))
    return FALSE;
  /* members come by document: each document's sets are a run */
  for (guint m = members->len; m > 0; m--)
    g_hash_table_insert (first, &g_array_index (members, CbStoreSetMember, m - 1).document,
                         GUINT_TO_POINTER (m));
  columns->first = g_new (guint, s->codings->len + 1);
  columns->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->codings->len; i++)
    {
      gint64 document = g_array_index (s->codings, CbAnalysisCoding, i).document;
      guint m = GPOINTER_TO_UINT (g_hash_table_lookup (first, &document));

      columns->first[i] = columns->columns->len;
      for (m = m > 0 ? m - 1 : members->len;
           m < members->len && g_array_index (members, CbStoreSetMember, m).document == document; m++)
        g_array_append_val (columns->columns, g_array_index (members, CbStoreSetMember, m).set_index);
    }
  columns->first[s->codings->len] = columns->columns->len;
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
                  Columns    *columns,
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

/* A column per case by name (the passing ones under a filter), and
 * "(no case)" for the codings that belong to none. */
static gboolean
columns_cases (Snapshot   *s,
               const char *attribute,
               GPtrArray  *labels,
               guint      *coding_columns,
               Columns    *columns,
               GError    **error)
{
  guint n_cases = s->case_ids->len;

  columns->case_column = g_new (guint, MAX (n_cases, 1));
  for (guint k = 0; k < n_cases; k++)
    {
      g_ptr_array_add (labels, g_strdup (s->case_names->pdata[k]));
      columns->case_column[k] = k;
    }
  g_ptr_array_add (labels, g_strdup (_("(no case)")));
  columns_init_by_case (columns, s, n_cases);
  return TRUE;
}

static int
compare_numbers (gconstpointer a,
                 gconstpointer b)
{
  double x = g_ascii_strtod (*(const char **) a, NULL);
  double y = g_ascii_strtod (*(const char **) b, NULL);

  return x < y ? -1 : x > y;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* A column per value of the attribute in its order, and "(no value)" for
 * the cases without one (and the codings of no case). */
static gboolean
columns_attribute (Snapshot   *s,
                   const char *attribute,
                   GPtrArray  *labels,
                   guint      *coding_columns,
                   Columns    *columns,
                   GError    **error)
{
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) attributes = NULL;
  CbAttributeType type = CB_ATTRIBUTE_TEXT;
  gint64 id;
  guint n_cases = s->case_ids->len;
  guint none;

  if ((id = _cb_cases_lookup_attribute (s->project, attribute, &type, error)) == 0 ||
      !(values = _cb_store_case_value_texts (s->store, id, error)))
    return FALSE;

  if (type == CB_ATTRIBUTE_CHOICE)
    {
      /* every choice in list order, used or not */
      if (!(attributes = cb_project_list_attributes (s->project, error)))
        return FALSE;
      for (guint i = 0; i < attributes->len; i++)
        {
          CbAttributeInfo *info = attributes->pdata[i];

          for (guint c = 0; info->id == id && info->choices != NULL && info->choices[c] != NULL; c++)
            if (!g_hash_table_contains (column_of, info->choices[c]))
              {
                g_hash_table_add (column_of, info->choices[c]);
                g_ptr_array_add (order, info->choices[c]);
              }
        }
    }
  else if (type == CB_ATTRIBUTE_BOOLEAN)
    {
      g_ptr_array_add (order, (gpointer) "no");
      g_ptr_array_add (order, (gpointer) "yes");
      g_hash_table_add (column_of, (gpointer) "no");
      g_hash_table_add (column_of, (gpointer) "yes");
    }
  /* the values the cases hold (a stored choice outside the list last) */
  {
    g_autoptr(GPtrArray) held = g_ptr_array_new ();

    for (guint k = 0; k < n_cases; k++)
      {
        const char *value = g_hash_table_lookup (values, &g_array_index (s->case_ids, gint64, k));

        if (value != NULL && !g_hash_table_contains (column_of, value))
          {
            g_hash_table_add (column_of, (gpointer) value);
            g_ptr_array_add (held, (gpointer) value);
          }
      }
    if (type == CB_ATTRIBUTE_NUMBER)
      g_ptr_array_sort (held, compare_numbers);
    else if (type == CB_ATTRIBUTE_TEXT)
      g_ptr_array_sort (held, compare_names);
    else
      g_ptr_array_sort (held, compare_strings);   /* ISO dates sort as text */
    g_ptr_array_extend (order, held, NULL, NULL);
  }

  g_hash_table_remove_all (column_of);
  for (guint c = 0; c < order->len; c++)
    {
      g_hash_table_insert (column_of, order->pdata[c], GUINT_TO_POINTER (c + 1));
      g_ptr_array_add (labels, g_strdup (order->pdata[c]));
    }
  none = labels->len;
  g_ptr_array_add (labels, g_strdup (_("(no value)")));

  columns->case_column = g_new (guint, MAX (n_cases, 1));
  for (guint k = 0; k < n_cases; k++)
    {
      const char *value = g_hash_table_lookup (values, &g_array_index (s->case_ids, gint64, k));

      columns->case_column[k] = value != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (column_of, value)) - 1 : none;
    }
  columns_init_by_case (columns, s, none);
  return TRUE;
}

/* A column per phase name: the project's list in order, then names only
 * the documents use (by name), and "(no phase)" for the codings outside
 * every phase when there are such.  A coding counts in each phase it
 * overlaps, once per name.  Codings (by document and start) and phases (by
 * document and start, without overlap) are walked together. */
static gboolean
columns_phases (Snapshot   *s,
                const char *attribute,
                GPtrArray  *labels,
                guint      *coding_columns,
                Columns    *columns,
                GError    **error)
{
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *phase_column = NULL;
  guint none = NO_COLUMN;
  guint p = 0;

  if (!(names = cb_project_dup_phase_names (s->project, error)) ||
      !(phases = _cb_store_mag_list_phases (s->store, 0, error)))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_hash_table_contains (column_of, names[i]))
      {
        g_hash_table_insert (column_of, names[i], GUINT_TO_POINTER (labels->len + 1));
        g_ptr_array_add (labels, g_strdup (names[i]));
      }
  for (guint i = 0; i < phases->len; i++)
    {
      CbPhaseInfo *phase = phases->pdata[i];

      if (!g_hash_table_contains (column_of, phase->name))
        {
          g_hash_table_insert (column_of, phase->name, GUINT_TO_POINTER (G_MAXUINT));
          g_ptr_array_add (others, phase->name);
        }
    }
  g_ptr_array_sort (others, compare_names);
  for (guint i = 0; i < others->len; i++)
    {
      g_hash_table_insert (column_of, others->pdata[i], GUINT_TO_POINTER (labels->len + 1));
      g_ptr_array_add (labels, g_strdup (others->pdata[i]));
    }
  phase_column = g_new (guint, MAX (phases->len, 1));
  for (guint i = 0; i < phases->len; i++)
    phase_column[i] = GPOINTER_TO_UINT (g_hash_table_lookup (column_of, ((CbPhaseInfo *) phases->pdata[i])->name)) - 1;

  columns->first = g_new (guint, s->codings->len + 1);
  columns->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < s->codings->len; i++)
    {
      CbAnalysisCoding *c = &g_array_index (s->codings, CbAnalysisCoding, i);
      guint from = columns->columns->len;

      columns->first[i] = from;
      /* phases of earlier documents, or ending before this coding starts,
       * end before every later coding too */
      while (p < phases->len &&
             (((CbPhaseInfo *) phases->pdata[p])->document_id < c->document ||
              (((CbPhaseInfo *) phases->pdata[p])->document_id == c->document &&
               ((CbPhaseInfo *) phases->pdata[p])->end <= c->start)))
        p++;
      for (guint k = p; k < phases->len; k++)
        {
          CbPhaseInfo *phase = phases->pdata[k];
          gboolean seen = FALSE;

          if (phase->document_id != c->document || phase->start >= c->end)
            break;
          if (phase->end <= c->start)
            continue;
          for (guint j = from; j < columns->columns->len && !seen; j++)
            seen = g_array_index (columns->columns, guint, j) == phase_column[k];
          if (!seen)
            g_array_append_val (columns->columns, phase_column[k]);
        }
      if (columns->columns->len == from)
        {
          if (none == NO_COLUMN)
            {
              none = labels->len;
              g_ptr_array_add (labels, g_strdup (_("(no phase)")));
            }
          g_array_append_val (columns->columns, none);
        }
    }
  columns->first[s->codings->len] = columns->columns->len;
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
      return columns_cases;
    case CB_ANALYSIS_COLUMNS_ATTRIBUTE:
      return columns_attribute;
    case CB_ANALYSIS_COLUMNS_SETS:
      return columns_sets;
    case CB_ANALYSIS_COLUMNS_PHASES:
      return columns_phases;
    default:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Unknown columns"));
      return NULL;
    }
}

static char *
columns_title (CbAnalysisColumns  columns,
               const char        *attribute)
{
  switch (columns)
    {
    case CB_ANALYSIS_COLUMNS_CASES:
      return g_strdup (_("Codes × cases"));
    case CB_ANALYSIS_COLUMNS_ATTRIBUTE:
      /* "Codes × gender": the attribute's name */
      return g_strdup_printf (_("Codes × %s"), attribute);
    case CB_ANALYSIS_COLUMNS_SPEAKERS:
      return g_strdup (_("Codes × speakers"));
    case CB_ANALYSIS_COLUMNS_CODERS:
      return g_strdup (_("Codes × coders"));
    case CB_ANALYSIS_COLUMNS_SETS:
      return g_strdup (_("Codes × document sets"));
    case CB_ANALYSIS_COLUMNS_PHASES:
      return g_strdup (_("Codes × phases"));
    case CB_ANALYSIS_COLUMNS_DOCUMENTS:
    default:
      return g_strdup (_("Codes × documents"));
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

void
_cb_analysis_rows_clear (Rows *rows)
{
  for (guint i = 0; i < rows->n_codes; i++)
    if (rows->rows_of_code[i] != NULL)
      g_array_unref (rows->rows_of_code[i]);
  g_clear_pointer (&rows->rows_of_code, g_free);
  g_clear_pointer (&rows->row_code, g_free);
}

/* Rows for the codes at @paths (NULL or empty: @all_codes ? every code :
 * the top-level codes), each with its descendants unless @only. */
gboolean
_cb_analysis_rows_init (Rows               *rows,
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

CbAnalysisTable *
_cb_analysis_table_new (CbAnalysisTableKind  kind,
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
    { "sets", CB_ANALYSIS_COLUMNS_SETS },
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

/* ---- The matrix ------------------------------------------------------ */

/* Reads the snapshot and assigns rows and columns, for a matrix and its
 * cells alike; the cases when the columns, the count or a filter need
 * them. */
static gboolean
matrix_prepare (Snapshot            *s,
                Rows                *rows,
                GPtrArray           *labels,
                Columns             *columns,
                CbProject           *project,
                const char * const  *row_paths,
                gboolean             all_codes,
                gboolean             only,
                CbAnalysisColumns    column_kind,
                const char          *attribute,
                CbAnalysisCount      count,
                const CbCaseFilter  *filter,
                GCancellable        *cancellable,
                GError             **error)
{
  ColumnFunc func = column_func (column_kind, error);
  g_autofree guint *coding_columns = NULL;
  gboolean by_case = column_kind == CB_ANALYSIS_COLUMNS_CASES || column_kind == CB_ANALYSIS_COLUMNS_ATTRIBUTE;

  memset (columns, 0, sizeof *columns);
  if (func == NULL)
    return FALSE;
  if (!_cb_analysis_snapshot_load (s, project, cancellable, error) ||
      ((filter != NULL || by_case || count == CB_ANALYSIS_COUNT_CASES) &&
       !_cb_analysis_snapshot_load_cases (s, filter, error)) ||
      !_cb_analysis_rows_init (rows, s, row_paths, all_codes, only, error))
    return FALSE;
  coding_columns = g_new (guint, MAX (s->codings->len, 1));
  if (!func (s, attribute, labels, coding_columns, columns, error))
    return FALSE;
  if (columns->first == NULL)
    _cb_analysis_columns_init_single (columns, s, coding_columns);
  return TRUE;
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
              const CbCaseFilter  *filter,
              GCancellable        *cancellable,
              GError             **error)
{
  Snapshot s = { 0 };
  Rows rows = { 0 };
  Columns assigned = { 0 };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 *counts = NULL;
  CbAnalysisTable *table = NULL;

  if (column_func (columns, error) == NULL)
    return NULL;
  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (matrix_prepare (&s, &rows, labels, &assigned, project, row_paths, all_codes, only,
                      columns, attribute, count, filter, cancellable, error) &&
      (counts = _cb_analysis_sweep (&s, &rows, &assigned, labels->len, count, cancellable, error)))
    {
      table = _cb_analysis_table_new (kind, &s, &rows, labels, counts);
      table->title = columns_title (columns, attribute);
      table->unit = g_strdup (count_unit (count));
      table_apply_percent (table, percent);
    }

  _cb_project_end_read (project);
  _cb_analysis_columns_clear (&assigned);
  _cb_analysis_rows_clear (&rows);
  _cb_analysis_snapshot_clear (&s);
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
                       query->filter, cancellable, error);
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
  Columns assigned = { 0 };
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *result = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (column_func (query->columns, error) == NULL)
    return NULL;
  if (!_cb_project_begin_read (project, error))
    return NULL;

  if (matrix_prepare (&s, &rows, labels, &assigned, project, row_paths, FALSE, query->only,
                      query->columns, query->attribute, CB_ANALYSIS_COUNT_CODINGS, query->filter,
                      cancellable, error))
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
            {
              gboolean in_column = FALSE;

              if (s.coding_code[i] == NO_COLUMN || rows.rows_of_code[s.coding_code[i]] == NULL)
                continue;
              for (guint j = assigned.first[i]; j < assigned.first[i + 1] && !in_column; j++)
                in_column = g_array_index (assigned.columns, guint, j) == (guint) c;
              if (in_column)
                g_hash_table_add (wanted, &g_array_index (s.codings, CbAnalysisCoding, i).id);
            }

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
  _cb_analysis_columns_clear (&assigned);
  _cb_analysis_rows_clear (&rows);
  _cb_analysis_snapshot_clear (&s);
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
  Columns one = { 0 };
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
                            CB_ANALYSIS_PERCENT_NONE, query->filter, cancellable, error);
      if (table != NULL)
        {
          g_free (table->title);
          table->title = g_strdup (_("Code frequencies"));
        }
      return table;
    }

  if (!_cb_project_begin_read (project, error))
    return NULL;

  ok = _cb_analysis_snapshot_load (&s, project, cancellable, error) &&
       (query->filter == NULL || _cb_analysis_snapshot_load_cases (&s, query->filter, error)) &&
       _cb_analysis_rows_init (&rows, &s, NULL, TRUE, query->only, error);
  if (ok)
    {
      /* every coding in one column, counted four ways */
      coding_columns = g_new0 (guint, MAX (s.codings->len, 1));
      _cb_analysis_columns_init_single (&one, &s, coding_columns);
      all = g_new0 (gint64, MAX ((gsize) rows.n_rows * n_counts, 1));
      for (guint k = 0; ok && k < n_counts; k++)
        {
          g_autofree gint64 *column = _cb_analysis_sweep (&s, &rows, &one, 1, counts[k], cancellable, error);

          ok = column != NULL;
          for (guint r = 0; ok && r < rows.n_rows; r++)
            all[(gsize) r * n_counts + k] = column[r];
          g_ptr_array_add (labels, g_strdup (count_unit (counts[k])));
        }
    }
  if (ok)
    {
      table = _cb_analysis_table_new (CB_ANALYSIS_TABLE_FREQUENCIES, &s, &rows, labels, g_steal_pointer (&all));
      table->title = g_strdup (_("Code frequencies"));
      table->unit = g_strdup (count_unit (CB_ANALYSIS_COUNT_CODINGS));
    }
  g_free (all);

  _cb_project_end_read (project);
  _cb_analysis_columns_clear (&one);
  _cb_analysis_rows_clear (&rows);
  _cb_analysis_snapshot_clear (&s);
  return table;
}
