/* cb-agreement.h: intercoder agreement between the coders of a project
 *
 * Two coders: Cohen's κ and percentage agreement over character units (the
 * way NVivo computes them) or over coded segments (the way MAXQDA does);
 * two or more: Krippendorff's α (nominal) over character units.  The
 * formulas are in README.md ("Coders and agreement").  A query reads the
 * project in one snapshot and sweeps sorted spans: nothing is ever an
 * array the size of a document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-cases.h"
#include "cb-project.h"

G_BEGIN_DECLS

typedef enum
{
  /* every character of a document in scope is a unit, coded or not coded
   * with each code by each coder */
  CB_AGREEMENT_UNIT_CHARACTER,
  /* a segment of one coder matches one of the other's with the same code
   * when they overlap by at least the query's overlap percent of the
   * longer; each segment matches at most one */
  CB_AGREEMENT_UNIT_SEGMENT,
} CbAgreementUnit;

typedef struct
{
  const char * const *coders;      /* two; with @alpha two or more */
  const char * const *codes;       /* NULL or empty: each code either coder used in scope, alone */
  gboolean            only;        /* with @codes: each code alone, not with its descendants */
  const char * const *documents;   /* NULL or empty: the documents every coder coded */
  const CbCaseFilter *filter;      /* --where: only the passing cases' coverage; NULL: all */
  CbAgreementUnit     unit;
  double              overlap;     /* segments: percent of the longer span (0: 90) */
  gboolean            alpha;       /* Krippendorff's α (character units) */
  gboolean            by_document; /* a row per code and document too */
} CbAgreementQuery;

typedef struct
{
  char    *code;          /* the code's path; NULL: every code pooled */
  char    *document;      /* NULL: every document in scope pooled */
  gint64   document_id;   /* 0 with @document NULL */
  /* character units, two coders (characters) */
  gint64   both;
  gint64   a_only;
  gint64   b_only;
  gint64   neither;
  /* segment units */
  gint64   matched;       /* pairs */
  gint64   a_unmatched;
  gint64   b_unmatched;
  /* α: characters in scope, and those every coder rated alike */
  gint64   units;
  gint64   unanimous;
  double   agreement;     /* percent; NaN when there is no unit */
  double   kappa;         /* NaN when undefined (and for α) */
  double   alpha;         /* NaN unless the query asked for α */
} CbAgreementRow;

typedef struct
{
  CbAgreementUnit  unit;
  gboolean         alpha;
  gboolean         by_document;
  double           overlap;
  char           **coders;        /* NULL-terminated, in the query's order */
  guint            n_codes;       /* code rows (the k of the segment κ's chance) */
  GPtrArray       *rows;          /* (element-type CbAgreementRow): per code
                                   * (with @by_document each document first,
                                   * then the code pooled), then every code
                                   * pooled the same way */
} CbAgreementTable;

void              cb_agreement_table_free (CbAgreementTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbAgreementTable, cb_agreement_table_free)

/* The table of @query; NULL with @error set (NOT_FOUND naming an unknown
 * coder, code or document; INVALID for a bad combination). */
CbAgreementTable *cb_project_agreement    (CbProject              *project,
                                           const CbAgreementQuery *query,
                                           GCancellable           *cancellable,
                                           GError                **error);

/* Cohen's κ of a 2×2 table of units (@both coded by both, @a_only by the
 * first alone…): 1 when the expected agreement is 1 (each coder coded all
 * or nothing alike), NaN when there is no unit. */
double            cb_agreement_kappa      (gint64 both,
                                           gint64 a_only,
                                           gint64 b_only,
                                           gint64 neither);

/* Krippendorff's α for nominal data: @values holds @n_coders rows of
 * @n_units values each (coder-major), a negative value is missing.  NaN
 * when no unit has two values; 1 when every value is the same. */
double            cb_agreement_alpha_nominal (const int *values,
                                              guint      n_coders,
                                              guint      n_units);

typedef enum
{
  CB_AGREEMENT_FORMAT_TSV,
  CB_AGREEMENT_FORMAT_CSV,
  CB_AGREEMENT_FORMAT_HTML,
} CbAgreementFormat;

gboolean          cb_agreement_parse_format (const char        *text,
                                             CbAgreementFormat *format);
/* The table with a header row; numbers as "97.50" (agreement) and
 * "0.8125" (κ, α), in the C locale; an undefined one empty. */
GBytes           *cb_agreement_table_write  (const CbAgreementTable *table,
                                             CbAgreementFormat       format);

/* For showing a disagreement: how each stretch of document @document_id
 * was coded with the code at @code_path (with its descendants unless
 * @only) by coders @a and @b.  Returns (element-type CbAgreementStretch)
 * the stretches where at least one of them coded, in text order. */
typedef struct
{
  gint64   start;
  gint64   end;
  gboolean a;             /* coded by @a */
  gboolean b;             /* coded by @b */
} CbAgreementStretch;

GArray           *cb_project_agreement_stretches (CbProject    *project,
                                                  const char   *a,
                                                  const char   *b,
                                                  const char   *code_path,
                                                  gboolean      only,
                                                  gint64        document_id,
                                                  GError      **error);

G_END_DECLS
