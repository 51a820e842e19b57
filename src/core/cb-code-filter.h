/* cb-code-filter.h: finding a code by typing a few letters of it
 *
 * The quick-code popover of the app and `codeboom-cli codes --filter` share
 * this: a filter matches a code path when every word of the filter occurs
 * in the path, ignoring case and accents ("coord" finds "Thema 01
 * coördinatie").  Better matches score higher: words found in the code's
 * own name beat words found in its parents, the start of a name beats the
 * start of a word beats the middle of one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cb-types.h"

G_BEGIN_DECLS

typedef struct _CbCodeFilter CbCodeFilter;

/* A filter for @text; words are separated by white space or "/". */
CbCodeFilter *cb_code_filter_new    (const char          *text);
void          cb_code_filter_free   (CbCodeFilter        *filter);

/* TRUE when the filter has no words and so matches everything. */
gboolean      cb_code_filter_is_empty (const CbCodeFilter *filter);

/* How well @path ("A / B / C") matches: -1 when it does not, else a score,
 * higher for better matches; 0 for every path when the filter is empty. */
int           cb_code_filter_score  (const CbCodeFilter  *filter,
                                     const char          *path);

/**
 * cb_code_filter_apply:
 * @filter: a filter
 * @codes: (element-type CbCodeInfo): codes, for instance from
 *   cb_project_list_codes()
 *
 * Returns: (transfer full) (element-type CbCodeInfo): copies of the codes
 *   that match, best match first; equal matches keep the order of @codes
 */
GPtrArray    *cb_code_filter_apply  (const CbCodeFilter  *filter,
                                     GPtrArray           *codes);

/* cb_code_filter_apply() for a one-off @text. */
GPtrArray    *cb_code_filter_codes  (GPtrArray           *codes,
                                     const char          *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCodeFilter, cb_code_filter_free)

G_END_DECLS
