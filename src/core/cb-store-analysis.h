/* cb-store-analysis.h: the SQL of the analysis queries (private)
 *
 * Each function reads one table whole, ordered so that cb-analysis.c can
 * sweep it once; the caller holds the read snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  document;
  gint64  code;
  gint64  start;
  gint64  end;
  gint64  coder;
} CbAnalysisCoding;

typedef struct
{
  gint64  document;
  gint64  start;
  gint64  end;
  char   *speaker;
} CbAnalysisTurn;

/* Every coding, by document, start and end. (element-type CbAnalysisCoding) */
GArray    *_cb_store_analysis_codings   (CbStore   *self,
                                         GError   **error);
/* Ids and names of the documents by name, or of the coders by name. */
gboolean   _cb_store_analysis_names     (CbStore   *self,
                                         gboolean   coders,
                                         GArray    *ids,
                                         GPtrArray *names,
                                         GError   **error);
/* Every turn with its speaker's name, by document and start.
 * (element-type CbAnalysisTurn, the names owned by @names_chunk) */
GArray    *_cb_store_analysis_turns     (CbStore      *self,
                                         GStringChunk *names_chunk,
                                         GError      **error);

/* One stretch of a case's coverage: a whole document, an explicit span or
 * a covered speaker's turn (EFFECTIVE_COVERAGE in cb-store-cases.c). */
typedef struct
{
  gint64  case_id;
  gint64  document;
  gint64  start;
  gint64  end;
} CbAnalysisCoverage;

/* Ids and names of the cases by name. */
gboolean   _cb_store_analysis_cases     (CbStore   *self,
                                         GArray    *ids,
                                         GPtrArray *names,
                                         GError   **error);
/* Every case's coverage as spans, by document and start (in
 * cb-store-cases.c, beside the coverage's definition).
 * (element-type CbAnalysisCoverage) */
GArray    *_cb_store_analysis_coverage  (CbStore   *self,
                                         GError   **error);

G_END_DECLS
