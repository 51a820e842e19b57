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
} Snapshot;

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
/* The counts of @rows × @n_columns (row-major), each coding in the column
 * @coding_columns gives it (cb-analysis-sweep.c). */
gint64          *_cb_analysis_sweep           (Snapshot        *s,
                                               Rows            *rows,
                                               const guint     *coding_columns,
                                               guint            n_columns,
                                               CbAnalysisCount  count,
                                               GCancellable    *cancellable,
                                               GError         **error);

G_END_DECLS
