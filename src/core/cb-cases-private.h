/* cb-cases-private.h: what the core's own modules may ask of the cases (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-cases.h"

G_BEGIN_DECLS

/* Keeps in @segments (element-type CbSegment) those that pass @filter
 * (NULL: all); retrieval calls it before reading the segments' texts. */
gboolean  _cb_project_filter_segments  (CbProject           *self,
                                        const CbCaseFilter  *filter,
                                        GPtrArray           *segments,
                                        GError             **error);

G_END_DECLS
