/* cb-cases-private.h: what the core's own modules may ask of the cases (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-cases.h"

G_BEGIN_DECLS

/* Inside a read: the ids of the cases passing @filter (a set of gint64 *). */
GHashTable *_cb_case_filter_passing    (CbProject           *self,
                                        const CbCaseFilter  *filter,
                                        GError             **error);

/* A filter as read from the project at one moment (issue 21's scope): the
 * passing cases' coverage, the sections, turns, documents and coders its
 * options name, each in memory, so that a segment, hit or coding is tested
 * without a query (a binary search per span layer). */
typedef struct _CbScope CbScope;

/* Inside a read: @filter compiled; NULL with @error when a name is unknown
 * or ambiguous, a role unknown or a condition invalid. */
CbScope  *_cb_scope_new                  (CbProject           *self,
                                          const CbCaseFilter  *filter,
                                          GError             **error);
/* Reads inside its own read snapshot. */
CbScope  *_cb_project_compile_scope      (CbProject           *self,
                                          const CbCaseFilter  *filter,
                                          GError             **error);
/* Inside a read, for the analysis, which sweeps the cases itself: the
 * options only, the conditions left out. */
CbScope  *_cb_scope_new_without_cases    (CbProject           *self,
                                          const CbCaseFilter  *filter,
                                          GError             **error);
void      _cb_scope_free                 (CbScope             *scope);
/* Whether [start, end) of @document passes every span and document option
 * (the coders aside). */
gboolean  _cb_scope_passes_span          (const CbScope       *scope,
                                          gint64               document,
                                          gint64               start,
                                          gint64               end);
/* The characters of @document (of @n_chars) inside every span layer of
 * @scope, as sorted, merged spans (element-type CbStoreCoverage, whole
 * FALSE): for measures made of characters (agreement).  The coders aside. */
GArray   *_cb_scope_document_region      (const CbScope       *scope,
                                          gint64               document,
                                          gint64               n_chars);
/* Whether it has a coder option, and whether coder @id / @name passes it. */
gboolean  _cb_scope_has_coders           (const CbScope       *scope);
gboolean  _cb_scope_passes_coder_id      (const CbScope       *scope,
                                          gint64               id);
gboolean  _cb_scope_passes_coder         (const CbScope       *scope,
                                          const char          *name);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbScope, _cb_scope_free)

/* Shared by cb-project-cases*.c and cb-case-filter.c */
/* A valid, normalised case or attribute name, or NULL with @error set. */
char     *_cb_cases_case_name_from       (const char          *name,
                                          GError             **error);
char     *_cb_cases_attribute_name_from  (const char          *name,
                                          GError             **error);
/* The id (and type) of attribute @name, or 0 with @error set (NOT_FOUND). */
gint64    _cb_cases_lookup_attribute     (CbProject           *self,
                                          const char          *name,
                                          CbAttributeType     *type,
                                          GError             **error);
/* Inside a transaction: adds attribute @name (valid) of @type; its id or 0. */
gint64    _cb_cases_add_attribute_in     (CbProject           *self,
                                          const char          *name,
                                          CbAttributeType      type,
                                          const char * const  *choices,
                                          GError             **error);
/* Inside a transaction: sets (or with "" clears) a value, checked against
 * the type; errors name @case_name, @attribute and the value. */
gboolean  _cb_cases_set_value_in         (CbProject           *self,
                                          gint64               case_id,
                                          const char          *case_name,
                                          gint64               attribute_id,
                                          const char          *attribute,
                                          CbAttributeType      type,
                                          const char          *value,
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
