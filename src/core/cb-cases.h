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

/* Filters ("NAME=VALUE", "NAME!=VALUE", "NAME<VALUE", "NAME>VALUE",
 * "NAME~TEXT", "case=NAME"; all must hold).  A case passes when its values
 * pass every condition; a segment passes when it overlaps the coverage of a
 * passing case. */
typedef struct _CbCaseFilter CbCaseFilter;

/* Parses @expressions (NULL-terminated); the attributes are looked up when
 * the filter is used.  NULL with @error set (INVALID) on a bad one. */
CbCaseFilter *cb_case_filter_new              (const char * const *expressions,
                                               GError           **error);
void         cb_case_filter_free              (CbCaseFilter      *filter);

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
 * first fields are as CbSpanRef says) only those that pass @filter. */
typedef struct
{
  gsize document_id_offset;   /* G_STRUCT_OFFSET of the gint64 document id */
  gsize start_offset;         /* … of the gint64 start */
  gsize end_offset;           /* … of the gint64 end */
} CbSpanRef;
gboolean     cb_project_filter_spans          (CbProject         *self,
                                               const CbCaseFilter *filter,
                                               GPtrArray         *spans,
                                               const CbSpanRef   *ref,
                                               GError           **error);
/* The ids of the documents that hold coverage of a case passing @filter. */
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
