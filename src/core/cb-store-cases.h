/* cb-store-cases.h: the SQL of cases, attributes, values and coverage (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-store-private.h"

G_BEGIN_DECLS

/* 0 when there is none (no error), -1 on failure */
gint64      _cb_store_find_case          (CbStore          *self,
                                          const char       *name,
                                          GError          **error);
gint64      _cb_store_insert_case        (CbStore          *self,
                                          const char       *uuid,
                                          const char       *name,
                                          GError          **error);
/* The name of case @id, or NULL. */
char       *_cb_store_dup_case_name      (CbStore          *self,
                                          gint64            id);
gboolean    _cb_store_rename_case        (CbStore          *self,
                                          gint64            id,
                                          const char       *name,
                                          GError          **error);
gboolean    _cb_store_delete_case        (CbStore          *self,
                                          gint64            id,
                                          GError          **error);

/* 0 when there is none (no error), -1 on failure; @type (optional) */
gint64      _cb_store_find_attribute     (CbStore          *self,
                                          const char       *name,
                                          CbAttributeType  *type,
                                          GError          **error);
gint64      _cb_store_insert_attribute   (CbStore          *self,
                                          const char       *uuid,
                                          const char       *name,
                                          CbAttributeType   type,
                                          const char * const *choices,
                                          GError          **error);
gboolean    _cb_store_rename_attribute   (CbStore          *self,
                                          gint64            id,
                                          const char       *name,
                                          GError          **error);
gboolean    _cb_store_delete_attribute   (CbStore          *self,
                                          gint64            id,
                                          GError          **error);
/* 1 when @value is one of choice attribute @id's values, 0 not, -1 on failure */
int         _cb_store_has_choice         (CbStore          *self,
                                          gint64            id,
                                          const char       *value,
                                          GError          **error);
/* @value: canonical (cb_attribute_value_normalize()), NULL clears. */
gboolean    _cb_store_set_case_value     (CbStore          *self,
                                          gint64            case_id,
                                          gint64            attribute_id,
                                          CbAttributeType   type,
                                          const char       *value,
                                          GError          **error);
/* The id of the new coverage row, 0 when the same is there already. */
gint64      _cb_store_insert_coverage    (CbStore          *self,
                                          gint64            case_id,
                                          gint64            document_id,
                                          const char       *speaker,
                                          gint64            start,
                                          gint64            end,
                                          GError          **error);
/* How many rows went, or -1 with @error set. */
gint64      _cb_store_delete_coverage    (CbStore          *self,
                                          gint64            case_id,
                                          gint64            document_id,
                                          const char       *speaker,
                                          gint64            start,
                                          gint64            end,
                                          GError          **error);

/* A speaker renamed (or merged into another) in document @document_id:
 * the coverage of @name becomes the coverage of @new_name. */
gboolean    _cb_store_rename_coverage_speaker (CbStore     *self,
                                               gint64       document_id,
                                               const char  *name,
                                               const char  *new_name,
                                               GError     **error);
GPtrArray  *_cb_store_list_attributes    (CbStore          *self,
                                          GError          **error);
/* Every case (@only: those whose id is in the set) by name, with counts
 * and values aligned with @attributes. */
GPtrArray  *_cb_store_list_cases         (CbStore          *self,
                                          GPtrArray        *attributes,
                                          GHashTable       *only,
                                          GError          **error);

/* Filters: the set of case ids (gint64 *) whose value of attribute @id
 * compares with @value by @op ("=", "!=", "<", ">"); @value canonical. */
GHashTable *_cb_store_cases_comparing    (CbStore          *self,
                                          gint64            attribute_id,
                                          CbAttributeType   type,
                                          const char       *op,
                                          const char       *value,
                                          GError          **error);
/* Case id → its value of attribute @id as text, for matching in C. */
GHashTable *_cb_store_case_value_texts   (CbStore          *self,
                                          gint64            attribute_id,
                                          GError          **error);
/* Every case id (set). */
GHashTable *_cb_store_all_case_ids       (CbStore          *self,
                                          GError          **error);
/* Fills temp.cb_case_span with the effective coverage (document, start,
 * end) of the cases in @case_ids. */
gboolean    _cb_store_fill_case_spans    (CbStore          *self,
                                          GHashTable       *case_ids,
                                          GError          **error);
/* temp.cb_case_span as CbStoreCoverage (document, start, end; no case),
 * by document and start: the filter's scope tests in memory with it. */
GArray     *_cb_store_list_case_spans    (CbStore          *self,
                                          GError          **error);
/* The first case by name whose coverage overlaps the span, with its value
 * of @attribute_id (when > 0) in @value; 0 when none, -1 on failure. */
gint64      _cb_store_span_case          (CbStore          *self,
                                          gint64            document_id,
                                          gint64            start,
                                          gint64            end,
                                          gint64            attribute_id,
                                          char            **name,
                                          char            **value,
                                          GError          **error);

/* A case's coverage for the REFI-QDA export: a whole document, or a span
 * (explicit, or a turn of a covered speaker). */
typedef struct
{
  gint64   case_id;
  gint64   document_id;
  gboolean whole;
  gint64   start;
  gint64   end;
} CbStoreCoverage;

/* (element-type CbStoreCoverage) every case's coverage, by case, document
 * and start, each span once */
GArray     *_cb_store_list_coverage      (CbStore          *self,
                                          GError          **error);

/* The coverage spans of every case in document @document_id, the cases in
 * name order (element-type CbStoreCoverage; whole documents as spans). */
GArray     *_cb_store_document_case_spans (CbStore         *self,
                                           gint64           document_id,
                                           GError         **error);

/* check's invariants of cases; appends a message per problem */
gboolean    _cb_store_check_cases        (CbStore          *self,
                                          GPtrArray        *problems,
                                          GError          **error);

G_END_DECLS
