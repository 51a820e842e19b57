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

/* For the REFI-QDA reader (cb-refi-import.c), inside its own transaction
 * (_cb_project_begin … _cb_project_finish): <Variables> and <Cases>.
 *
 * The type of a REFI typeOfVariable ("Text", "Boolean", "Integer", "Float",
 * "Date", "DateTime"; anything else is text). */
CbAttributeType _cb_attribute_type_from_refi   (const char          *type_of_variable);
/* A <Variable>: the attribute named @name, created with @uuid (NULL: a new
 * one) and @type when missing.  Its id, 0 with @error set. */
gint64    _cb_project_import_attribute (CbProject           *self,
                                        const char          *uuid,
                                        const char          *name,
                                        CbAttributeType      type,
                                        GError             **error);
/* A <Case>: the case named @name (a nameless case is named after @uuid),
 * created with @uuid when missing.  Its id, 0 with @error set. */
gint64    _cb_project_import_case      (CbProject           *self,
                                        const char          *uuid,
                                        const char          *name,
                                        GError             **error);
/* A <VariableValue>: @value as REFI writes it (true/false, ISO dates and
 * date-times, numbers, text), checked against the attribute's type. */
gboolean  _cb_project_import_case_value (CbProject          *self,
                                         gint64              case_id,
                                         gint64              attribute_id,
                                         const char         *value,
                                         GError            **error);
/* A <SourceRef> (@start -1: the whole document) or a <SelectionRef> to a
 * PlainTextSelection [@start, @end) in code points. */
gboolean  _cb_project_import_case_coverage (CbProject       *self,
                                            gint64           case_id,
                                            gint64           document_id,
                                            gint64           start,
                                            gint64           end,
                                            GError         **error);

G_END_DECLS
