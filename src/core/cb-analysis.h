/* cb-analysis.h: matrices, co-occurrence and frequencies over a project's codings
 *
 * Every query reads the project in one snapshot, computes its table in
 * memory and can be cancelled.  A table (CbAnalysisTable) is the same for
 * all three: rows are codes, columns what was asked for, each cell a count
 * (and, with a percentage, a value beside it).  Its writers (tsv, csv,
 * html, ods) are cb-analysis-write.c; charts of it are cb-chart.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* What a matrix's columns are.  A coding belongs to every case whose
 * coverage overlaps it (as for --where): CASES is a column per case by
 * name plus "(no case)"; ATTRIBUTE a column per value of the attribute in
 * its order (choices in list order, numbers and dates ascending, no before
 * yes, text by name) plus "(no value)", a coding counting under the value
 * of each case it belongs to.  PHASES a column per MAG phase name (the
 * project's phase list in order, then other names the documents use) plus
 * "(no phase)" when a coding lies outside every phase, a coding counting
 * in each phase it overlaps. */
typedef enum
{
  CB_ANALYSIS_COLUMNS_DOCUMENTS,
  CB_ANALYSIS_COLUMNS_SPEAKERS,
  CB_ANALYSIS_COLUMNS_CODERS,
  CB_ANALYSIS_COLUMNS_CASES,
  CB_ANALYSIS_COLUMNS_PHASES,
  CB_ANALYSIS_COLUMNS_ATTRIBUTE,
  CB_ANALYSIS_COLUMNS_SETS,       /* a column per document set; a coding counts in each of its document's */
} CbAnalysisColumns;

typedef enum
{
  CB_ANALYSIS_COUNT_CODINGS,      /* distinct coded spans of the row */
  CB_ANALYSIS_COUNT_DOCUMENTS,    /* documents holding at least one */
  CB_ANALYSIS_COUNT_CASES,        /* cases holding at least one */
  CB_ANALYSIS_COUNT_CHARACTERS,   /* coded code points, overlaps once */
  CB_ANALYSIS_COUNT_WORDS,        /* ICU words of the coded text, overlaps once */
} CbAnalysisCount;

typedef enum
{
  CB_ANALYSIS_PERCENT_NONE,
  CB_ANALYSIS_PERCENT_ROW,        /* of the row's sum */
  CB_ANALYSIS_PERCENT_COLUMN,     /* of the column's sum */
} CbAnalysisPercent;

/* Co-occurrence counts pairs of segments, or documents holding a pair. */
typedef enum
{
  CB_COOCCURRENCE_COUNT_SEGMENTS,
  CB_COOCCURRENCE_COUNT_DOCUMENTS,
} CbCooccurrenceCount;

typedef enum
{
  CB_ANALYSIS_TABLE_MATRIX,
  CB_ANALYSIS_TABLE_COOCCURRENCE,
  CB_ANALYSIS_TABLE_FREQUENCIES,
} CbAnalysisTableKind;

typedef struct
{
  CbAnalysisTableKind  kind;
  char                *title;          /* "Codes × documents" (translated) */
  char                *unit;           /* "codings", "words"… (translated) */
  guint                n_rows;
  guint                n_columns;
  char               **row_labels;     /* code paths, NULL-terminated */
  char               **row_colors;     /* "#rrggbb" or "" per row */
  guint               *row_depths;     /* tree depth of each row's code */
  char               **column_labels;  /* NULL-terminated */
  gint64              *counts;         /* n_rows × n_columns, row-major */
  double              *values;         /* the percentages, or NULL */
  CbAnalysisPercent    percent;
} CbAnalysisTable;

void             cb_analysis_table_free      (CbAnalysisTable *table);
gint64           cb_analysis_table_count     (const CbAnalysisTable *table,
                                              guint            row,
                                              guint            column);
/* The cell's count, or its percentage when the table has them. */
double           cb_analysis_table_value     (const CbAnalysisTable *table,
                                              guint            row,
                                              guint            column);
/* The cell as written in every format: "12", or "33.3" for a percentage. */
char            *cb_analysis_table_format_cell (const CbAnalysisTable *table,
                                                guint          row,
                                                guint          column);
double           cb_analysis_table_max_value (const CbAnalysisTable *table);
/* The row (column) whose label is @label, or -1. */
int              cb_analysis_table_find_row    (const CbAnalysisTable *table,
                                                const char     *label);
int              cb_analysis_table_find_column (const CbAnalysisTable *table,
                                                const char     *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbAnalysisTable, cb_analysis_table_free)

typedef struct
{
  const char * const *rows;        /* code paths; NULL or empty: the top-level codes */
  gboolean            only;        /* each row its code alone, not its descendants */
  CbAnalysisColumns   columns;
  const char         *attribute;   /* with CB_ANALYSIS_COLUMNS_ATTRIBUTE */
  CbAnalysisCount     count;
  CbAnalysisPercent   percent;
  const CbCaseFilter *filter;      /* --where: only codings of passing cases; NULL: all */
} CbMatrixQuery;

/* Parses "documents", "coders", "attribute:NAME"…, "codings"…, "row"…;
 * FALSE when unknown.  *@attribute points into @text. */
gboolean         cb_analysis_parse_columns   (const char        *text,
                                              CbAnalysisColumns *columns,
                                              const char       **attribute);
gboolean         cb_analysis_parse_count     (const char        *text,
                                              CbAnalysisCount   *count);
gboolean         cb_analysis_parse_percent   (const char        *text,
                                              CbAnalysisPercent *percent);

CbAnalysisTable *cb_analysis_matrix          (CbProject          *project,
                                              const CbMatrixQuery *query,
                                              GCancellable       *cancellable,
                                              GError            **error);

/* The codings behind one cell of the matrix @query gives: every coding of
 * the row's codes in that column (a span coded twice is listed twice),
 * ordered by document name, start and end, with their texts.
 * Returns: (element-type CbSegment) */
GPtrArray       *cb_analysis_matrix_cell     (CbProject          *project,
                                              const CbMatrixQuery *query,
                                              const char         *row,
                                              const char         *column,
                                              GCancellable       *cancellable,
                                              GError            **error);

typedef struct
{
  const char * const  *codes;      /* NULL or empty: every code, each alone */
  gboolean             only;       /* with @codes: each code alone */
  gint64               proximity;  /* -1: overlapping; N: within N characters */
  CbCooccurrenceCount  count;
  const CbCaseFilter  *filter;     /* NULL: every segment */
} CbCooccurrenceQuery;

/* A symmetric table: rows and columns are the same codes; the diagonal is
 * each code's own number of segments (documents). */
CbAnalysisTable *cb_analysis_cooccurrence    (CbProject          *project,
                                              const CbCooccurrenceQuery *query,
                                              GCancellable       *cancellable,
                                              GError            **error);

typedef struct
{
  gint64  document_id;
  char   *document_name;
  gint64  a_start;
  gint64  a_end;
  gint64  b_start;
  gint64  b_end;
  char   *a_text;
  char   *b_text;
} CbSegmentPair;

void             cb_segment_pair_free        (CbSegmentPair *pair);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSegmentPair, cb_segment_pair_free)

/* The pairs of segments behind the cell of codes @a and @b (each with its
 * descendants unless @query->only), in document name and text order.
 * Returns: (element-type CbSegmentPair) */
GPtrArray       *cb_analysis_cooccurrence_pairs (CbProject        *project,
                                                 const CbCooccurrenceQuery *query,
                                                 const char       *a,
                                                 const char       *b,
                                                 GCancellable     *cancellable,
                                                 GError          **error);

typedef struct
{
  gboolean            by;          /* FALSE: one column per count */
  CbAnalysisColumns   columns;     /* with @by */
  const char         *attribute;
  gboolean            only;        /* each code alone, not with its descendants */
  CbAnalysisCount     count;       /* with @by */
  gboolean            codings_only; /* without @by: the codings column alone */
  const CbCaseFilter *filter;      /* NULL: every coding */
} CbFrequenciesQuery;

/* Every code in tree order.  Without @by the columns are codings,
 * documents, characters and words; with it, @count per column value. */
CbAnalysisTable *cb_analysis_frequencies     (CbProject          *project,
                                              const CbFrequenciesQuery *query,
                                              GCancellable       *cancellable,
                                              GError            **error);

/* Writing a table (cb-analysis-write.c) */
typedef enum
{
  CB_ANALYSIS_FORMAT_TSV,
  CB_ANALYSIS_FORMAT_CSV,
  CB_ANALYSIS_FORMAT_HTML,
  CB_ANALYSIS_FORMAT_ODS,
} CbAnalysisFormat;

gboolean         cb_analysis_parse_format    (const char        *text,
                                              CbAnalysisFormat  *format);
/* The format a file name's extension names; FALSE when none does. */
gboolean         cb_analysis_format_for_path (const char        *path,
                                              CbAnalysisFormat  *format);
GBytes          *cb_analysis_table_write     (const CbAnalysisTable *table,
                                              CbAnalysisFormat  format,
                                              GError          **error);

G_END_DECLS
