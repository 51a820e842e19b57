/* cb-cases.h: cases, their typed attributes, and filters on them (issue 15)
 *
 * A case is a unit of analysis (a respondent, a participant, an incident
 * sheet) with a unique name.  It covers whole documents, a speaker's turns
 * in a document, or explicit spans; a coding belongs to every case whose
 * coverage overlaps it.  An attribute has a unique name and a type; a case
 * has at most one value per attribute.  Every change is one transaction and
 * one undo step, like every other operation of CbProject.
 *
 * Included by cb-project.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"
#include "cb-types.h"

G_BEGIN_DECLS

/* Cases */
gboolean     cb_project_add_case              (CbProject         *self,
                                               const char        *name,
                                               GError           **error);
gboolean     cb_project_rename_case           (CbProject         *self,
                                               const char        *name,
                                               const char        *new_name,
                                               GError           **error);
/* Its coverage and values go; codings stay. */
gboolean     cb_project_delete_case           (CbProject         *self,
                                               const char        *name,
                                               GError           **error);
/* Adds to case @name's coverage: the whole @document (@speaker NULL and
 * @start -1), the turns of @speaker in it (kept in step when the turns are
 * detected again), or the span [@start, @end) in code points. */
gboolean     cb_project_assign_case           (CbProject         *self,
                                               const char        *name,
                                               const char        *document,
                                               const char        *speaker,
                                               gint64             start,
                                               gint64             end,
                                               GError           **error);
/* Removes exactly what cb_project_assign_case() with the same arguments
 * added; NOT_FOUND when it is not there. */
gboolean     cb_project_unassign_case         (CbProject         *self,
                                               const char        *name,
                                               const char        *document,
                                               const char        *speaker,
                                               gint64             start,
                                               gint64             end,
                                               GError           **error);

/* Attributes */
/* @choices: the allowed values in order, for CB_ATTRIBUTE_CHOICE only. */
gboolean     cb_project_add_attribute         (CbProject         *self,
                                               const char        *name,
                                               CbAttributeType    type,
                                               const char * const *choices,
                                               GError           **error);
gboolean     cb_project_rename_attribute      (CbProject         *self,
                                               const char        *name,
                                               const char        *new_name,
                                               GError           **error);
/* Its values go with it. */
gboolean     cb_project_delete_attribute      (CbProject         *self,
                                               const char        *name,
                                               GError           **error);
/* Sets case @case_name's value of @attribute; "" or NULL clears it.  A
 * value that is not valid for the type is refused (INVALID), the message
 * naming the case, the attribute and the value. */
gboolean     cb_project_set_case_value        (CbProject         *self,
                                               const char        *case_name,
                                               const char        *attribute,
                                               const char        *value,
                                               GError           **error);
/* (element-type CbAttributeInfo) in their order */
GPtrArray   *cb_project_list_attributes       (CbProject         *self,
                                               GError           **error);

/* A value as @type stores and prints it (numbers shortest, dates ISO,
 * booleans yes/no: "ja", "oui", "true", "1" … are yes), or NULL with
 * @error set.  Dates also read d/m/yyyy. */
char        *cb_attribute_value_normalize     (CbAttributeType    type,
                                               const char        *value,
                                               GError           **error);

/* Reads a sheet (first column the case name, header row the attribute
 * names; UTF-8 with or without BOM, or windows-1252; comma, semicolon or
 * tab; quoted fields may hold line breaks) and sets every value in one
 * transaction, creating missing cases and attributes.  @types: "NAME=TYPE,…"
 * for attributes to create with a given type (NULL: inferred).  An error
 * names the line and column. */
gboolean     cb_project_import_attributes     (CbProject         *self,
                                               GFile             *file,
                                               const char        *types,
                                               guint             *n_cases,
                                               guint             *n_values,
                                               GError           **error);

/* Records: one row of a CSV sheet = one document and one case of the same
 * name.  @name_column: NULL for the first; @text_columns: NULL for every
 * column whose longest value is over 200 characters or holds a line break.
 * Each text column becomes a paragraph of the document headed by the
 * column's name; every other column an attribute.  One transaction. */
gboolean     cb_project_import_records        (CbProject         *self,
                                               GFile             *file,
                                               const char        *name_column,
                                               const char * const *text_columns,
                                               guint             *n_records,
                                               GError           **error);

/* Filters: the one scope every command shares (issues 15, 17, 19–21).
 *
 * Conditions on case values ("NAME=VALUE", "NAME!=VALUE", "NAME<VALUE",
 * "NAME>VALUE", "NAME~TEXT", "case=NAME"; all must hold): a case passes
 * when its values pass every condition; a segment passes when it overlaps
 * the coverage of a passing case.
 *
 * Scope options, added with cb_case_filter_add() (the values of one option
 * are OR'ed, different options and the conditions AND'ed):
 * - CODER: codings by one of these coders (a search hit has no coder: not
 *   applicable there, it passes);
 * - SET: spans in a document of one of these document sets;
 * - DOCUMENT: spans in one of these documents;
 * - PHASE: spans overlapping a phase section of one of these names;
 * - ROLE (narrator, participant, facilitator, observer): spans overlapping
 *   the turn of a speaker given one of these roles in that document (roles
 *   are distinct: participant does not include the narrator);
 * - SPEAKER: spans overlapping a turn of one of these speakers (the words
 *   after the label, as search's --speaker).
 * "Overlapping" is the case rule: start < span end and end > span start (an
 * empty span when it lies inside).  Names are resolved when the filter is
 * used: exactly, else case- and accent-folded when exactly one name folds
 * alike ("Helene" finds "Hélène"), else an error listing the candidates
 * (INVALID) or naming the unknown one (NOT_FOUND). */
typedef struct _CbCaseFilter CbCaseFilter;

typedef enum
{
  CB_SCOPE_CODER,
  CB_SCOPE_SET,
  CB_SCOPE_DOCUMENT,
  CB_SCOPE_PHASE,
  CB_SCOPE_ROLE,
  CB_SCOPE_SPEAKER,
  CB_SCOPE_N_KINDS
} CbScopeKind;

/* Parses @expressions (NULL-terminated, or NULL for none); the attributes
 * are looked up when the filter is used.  NULL with @error set (INVALID) on
 * a bad one. */
CbCaseFilter *cb_case_filter_new              (const char * const *expressions,
                                               GError           **error);
void         cb_case_filter_free              (CbCaseFilter      *filter);
/* Adds @name to the values of option @kind (repeat for several). */
void         cb_case_filter_add               (CbCaseFilter      *filter,
                                               CbScopeKind        kind,
                                               const char        *name);
void         cb_case_filter_add_coder         (CbCaseFilter      *filter,
                                               const char        *name);
void         cb_case_filter_add_set           (CbCaseFilter      *filter,
                                               const char        *name);
void         cb_case_filter_add_document      (CbCaseFilter      *filter,
                                               const char        *name);
void         cb_case_filter_add_phase         (CbCaseFilter      *filter,
                                               const char        *name);
void         cb_case_filter_add_role          (CbCaseFilter      *filter,
                                               const char        *role);
void         cb_case_filter_add_speaker       (CbCaseFilter      *filter,
                                               const char        *name);
/* The values of option @kind (NULL-terminated, possibly empty). */
const char * const *cb_case_filter_get_names  (const CbCaseFilter *filter,
                                               CbScopeKind        kind);
/* Which name @name means among the names option @kind can take (the
 * coders, sets, documents, phases, roles or speakers of the project): the
 * exact one, else the only one that folds alike (case and accents; issue
 * 20).  TRUE with *@found a new string, or NULL when none matches; FALSE
 * with @error (INVALID, listing the candidates) when several fold alike. */
gboolean     cb_project_resolve_name          (CbProject         *self,
                                               CbScopeKind        kind,
                                               const char        *name,
                                               char             **found,
                                               GError           **error);
/* The names option @kind can take in this project, by name (for ROLE:
 * the roles some speaker has).  Returns: (element-type utf8) */
GPtrArray   *cb_project_list_scope_names      (CbProject         *self,
                                               CbScopeKind        kind,
                                               GError           **error);
/* The same for a code path among every code's path. */
gboolean     cb_project_resolve_code          (CbProject         *self,
                                               const char        *path,
                                               char             **found,
                                               GError           **error);
/* Whether it has conditions on case values. */
gboolean     cb_case_filter_has_conditions    (const CbCaseFilter *filter);
/* Whether it keeps everything (no condition, no option). */
gboolean     cb_case_filter_is_empty          (const CbCaseFilter *filter);

/* (element-type CbCaseInfo) every case (or those passing @filter), by name,
 * with its values in the order of cb_project_list_attributes(). */
GPtrArray   *cb_project_list_cases            (CbProject         *self,
                                               const CbCaseFilter *filter,
                                               GError           **error);
/* cb_project_retrieve() keeping the segments that pass @filter (NULL: all). */
GPtrArray   *cb_project_retrieve_filtered     (CbProject         *self,
                                               const char        *code_path,
                                               gboolean           with_descendants,
                                               const CbCaseFilter *filter,
                                               GError           **error);
/* cb_project_retrieve_cursor() over the segments that pass @filter (NULL:
 * all); the passing cases' coverage is read when the cursor is made. */
CbSegmentCursor *cb_project_retrieve_cursor_filtered (CbProject          *self,
                                                      const char         *code_path,
                                                      CbRetrieveFlags     flags,
                                                      const CbCaseFilter *filter,
                                                      GError            **error);
/* Keeps in @spans (element-type CbSegment, CbSearchHit or anything whose
 * fields are where CbSpanRef says) only those that pass @filter. */
typedef struct
{
  gsize document_id_offset;   /* G_STRUCT_OFFSET of the gint64 document id */
  gsize start_offset;         /* … of the gint64 start */
  gsize end_offset;           /* … of the gint64 end */
  gsize coder_offset;         /* … of the char * coder name; 0: the items
                               * have no coder (the CODER option passes) */
} CbSpanRef;
gboolean     cb_project_filter_spans          (CbProject         *self,
                                               const CbCaseFilter *filter,
                                               GPtrArray         *spans,
                                               const CbSpanRef   *ref,
                                               GError           **error);
/* The ids of the documents where a span may pass @filter: in its sets and
 * documents, holding coverage of a passing case (with conditions), a
 * section of its phases, a turn of its roles and of its speakers (its
 * coders are not looked at). */
GHashTable  *cb_project_filter_documents      (CbProject         *self,
                                               const CbCaseFilter *filter,
                                               GError           **error);

/* For citations: the name of the first case (by name) that span [@start,
 * @end) of document @document_id belongs to, or NULL when none; with
 * @attribute, that case's value of it instead (NULL when unset).  @found is
 * FALSE (no error) when @attribute does not exist. */
char        *cb_project_dup_span_case         (CbProject         *self,
                                               gint64             document_id,
                                               gint64             start,
                                               gint64             end,
                                               const char        *attribute,
                                               CbAttributeType   *type,
                                               GError           **error);
gboolean     cb_project_has_attribute         (CbProject         *self,
                                               const char        *name,
                                               GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbCaseFilter, cb_case_filter_free)

G_END_DECLS
