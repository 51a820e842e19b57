/* cb-analysis-private.h: what the analysis queries' files share (private)
 *
 * cb-analysis.c reads a snapshot and assigns rows and columns;
 * cb-analysis-sweep.c counts; cb-analysis-cooccurrence.c pairs segments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-analysis.h"
#include "cb-project-private.h"
#include "cb-store-analysis.h"

G_BEGIN_DECLS

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

  /* The cases, when the query needs them (_cb_analysis_snapshot_load_cases):
   * a coding belongs to every case whose coverage overlaps it.  With a
   * filter only the passing cases are here, and the codings that belong to
   * none of them are left out (coding_code NO_COLUMN). */
  gboolean     cases_loaded;
  GArray      *case_ids;       /* by name */
  GPtrArray   *case_names;
  GHashTable  *case_index;     /* id → index + 1 */
  guint       *case_first;     /* n_codings + 1: coding i's cases are */
  GArray      *case_list;      /* case_list[case_first[i] .. case_first[i + 1]), by name */
} Snapshot;

/* The columns each coding counts in: coding i's are columns[first[i] ..
 * first[i + 1]), each once.  With @case_column, a column stands for cases
 * (a case, or an attribute's value): a coding's case k counts in column
 * case_column[k] only (for --count cases). */
typedef struct
{
  guint   *first;             /* n_codings + 1 */
  GArray  *columns;           /* guint */
  guint   *case_column;       /* per case, or NULL */
} Columns;

/* Which rows each code counts in: @rows_of_code[code index] is an array of
 * row numbers, or NULL. */
typedef struct
{
  guint     n_rows;
  guint    *row_code;          /* row → index in codes */
  GArray  **rows_of_code;      /* n_codes */
  guint     n_codes;
} Rows;

gboolean         _cb_analysis_check_cancelled (GCancellable  *cancellable,
                                               GError       **error);
/* Inside the caller's read snapshot. */
gboolean         _cb_analysis_snapshot_load   (Snapshot      *s,
                                               CbProject     *project,
                                               GCancellable  *cancellable,
                                               GError       **error);
void             _cb_analysis_snapshot_clear  (Snapshot      *s);
/* Reads the cases and which codings belong to which; with @filter keeps
 * the passing cases only and leaves out the codings of none of them. */
gboolean         _cb_analysis_snapshot_load_cases (Snapshot           *s,
                                                   const CbCaseFilter *filter,
                                                   GError            **error);
/* Each coding in the one column @coding_column gives it (NO_COLUMN: none). */
void             _cb_analysis_columns_init_single (Columns     *columns,
                                                   Snapshot    *s,
                                                   const guint *coding_column);
void             _cb_analysis_columns_clear   (Columns       *columns);
/* The index of document @id by name, or NO_COLUMN. */
guint            _cb_analysis_document_index  (Snapshot      *s,
                                               gint64         id);
/* Rows for the codes at @paths (NULL or empty: @all_codes ? every code :
 * the top-level codes), each with its descendants unless @only. */
gboolean         _cb_analysis_rows_init       (Rows               *rows,
                                               Snapshot           *s,
                                               const char * const *paths,
                                               gboolean            all_codes,
                                               gboolean            only,
                                               GError            **error);
void             _cb_analysis_rows_clear      (Rows          *rows);
/* A table of @rows × @column_labels taking @counts (row-major). */
CbAnalysisTable *_cb_analysis_table_new       (CbAnalysisTableKind  kind,
                                               Snapshot            *s,
                                               Rows                *rows,
                                               GPtrArray           *column_labels,
                                               gint64              *counts);
/* The counts of @rows × @n_columns (row-major), each coding in the
 * columns @columns gives it (cb-analysis-sweep.c). */
gint64          *_cb_analysis_sweep           (Snapshot        *s,
                                               Rows            *rows,
                                               const Columns   *columns,
                                               guint            n_columns,
                                               CbAnalysisCount  count,
                                               GCancellable    *cancellable,
                                               GError         **error);

G_END_DECLS
