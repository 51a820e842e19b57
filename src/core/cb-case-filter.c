/* cb-case-filter.c: CbCaseFilter, the --where filters on case values (issue 15)
 *
 * A filter is parsed here and compiled in the store (cb-store-cases.c) to
 * a temp table of the passing cases' coverage, which retrieval, search
 * hits and documents are then joined with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-cases.h"
#include "cb-cases-private.h"
#include "cb-cases-sheet.h"
#include "cb-error.h"
#include "cb-names.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-search.h"
#include "cb-store-cases.h"
#include "cb-text.h"

/* Filters */

typedef struct
{
  char *name;
  char *op;      /* "=", "!=", "<", ">", "~" */
  char *value;
} Condition;

struct _CbCaseFilter
{
  GPtrArray *conditions;
};

static void
condition_free (gpointer data)
{
  Condition *condition = data;

  g_free (condition->name);
  g_free (condition->op);
  g_free (condition->value);
  g_free (condition);
}

CbCaseFilter *
cb_case_filter_new (const char * const  *expressions,
                    GError             **error)
{
  g_autoptr(CbCaseFilter) filter = g_new0 (CbCaseFilter, 1);

  filter->conditions = g_ptr_array_new_with_free_func (condition_free);
  for (guint i = 0; expressions != NULL && expressions[i] != NULL; i++)
    {
      const char *expression = expressions[i];
      const char *at = strpbrk (expression, "!=<>~");
      Condition *condition;
      gsize op_length = 1;

      while (at != NULL && at[0] == '!' && at[1] != '=')
        at = strpbrk (at + 1, "!=<>~");
      if (at != NULL && at[0] == '!')
        op_length = 2;
      if (at == NULL || at == expression)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("“%s” is not a filter (NAME=VALUE, NAME!=VALUE, NAME<VALUE, NAME>VALUE, NAME~TEXT or case=NAME)"),
                       expression);
          return NULL;
        }
      condition = g_new0 (Condition, 1);
      condition->name = g_strstrip (g_strndup (expression, at - expression));
      condition->op = g_strndup (at, op_length);
      condition->value = g_strstrip (g_strdup (at + op_length));
      g_ptr_array_add (filter->conditions, condition);
      if (condition->name[0] == '\0')
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("“%s” is not a filter (NAME=VALUE, NAME!=VALUE, NAME<VALUE, NAME>VALUE, NAME~TEXT or case=NAME)"),
                       expression);
          return NULL;
        }
    }
  return g_steal_pointer (&filter);
}

void
cb_case_filter_free (CbCaseFilter *filter)
{
  if (filter == NULL)
    return;
  g_ptr_array_unref (filter->conditions);
  g_free (filter);
}

static void
intersect (GHashTable *passing,
           GHashTable *matching)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, passing);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (matching, key))
      g_hash_table_iter_remove (&iter);
}

/* The cases whose values pass one condition. */
static GHashTable *
cases_matching (CbProject  *self,
                Condition  *condition,
                GError    **error)
{
  g_autoptr(GHashTable) matching = NULL;
  g_autofree char *canonical = NULL;
  CbAttributeType type = CB_ATTRIBUTE_TEXT;
  gint64 id;

  if (g_ascii_strcasecmp (condition->name, "case") == 0)
    {
      g_autofree char *name = cb_text_normalize_name (condition->value);
      gint64 case_id;

      if (!g_str_equal (condition->op, "=") && !g_str_equal (condition->op, "!=") && !g_str_equal (condition->op, "~"))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("A case is filtered with case=NAME, case!=NAME or case~TEXT"));
          return NULL;
        }
      if (!(matching = _cb_store_all_case_ids (self->store, error)))
        return NULL;
      if (g_str_equal (condition->op, "~"))
        {
          g_autoptr(GPtrArray) none = g_ptr_array_new ();
          g_autoptr(GPtrArray) cases = _cb_store_list_cases (self->store, none, NULL, error);
          g_autofree char *folded = cb_search_fold (condition->value, -1);

          if (cases == NULL)
            return NULL;
          g_hash_table_remove_all (matching);
          for (guint i = 0; i < cases->len; i++)
            {
              CbCaseInfo *info = cases->pdata[i];
              g_autofree char *name_folded = cb_search_fold (info->name, -1);

              if (strstr (name_folded, folded) != NULL)
                g_hash_table_add (matching, g_memdup2 (&info->id, sizeof info->id));
            }
          return g_steal_pointer (&matching);
        }
      if ((case_id = _cb_store_find_case (self->store, name != NULL ? name : "", error)) < 0)
        return NULL;
      if (g_str_equal (condition->op, "="))
        {
          g_hash_table_remove_all (matching);
          if (case_id > 0)
            g_hash_table_add (matching, g_memdup2 (&case_id, sizeof case_id));
        }
      else
        g_hash_table_remove (matching, &case_id);
      return g_steal_pointer (&matching);
    }

  if ((id = _cb_cases_lookup_attribute (self, condition->name, &type, error)) == 0)
    return NULL;

  if (g_str_equal (condition->op, "~"))
    {
      g_autoptr(GHashTable) values = _cb_store_case_value_texts (self->store, id, error);
      g_autofree char *folded = cb_search_fold (condition->value, -1);
      GHashTableIter iter;
      gpointer key, value;

      if (values == NULL)
        return NULL;
      matching = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, values);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_autofree char *value_folded = cb_search_fold (value, -1);

          if (strstr (value_folded, folded) != NULL)
            g_hash_table_add (matching, g_memdup2 (key, sizeof (gint64)));
        }
      return g_steal_pointer (&matching);
    }

  if ((g_str_equal (condition->op, "<") || g_str_equal (condition->op, ">")) &&
      type != CB_ATTRIBUTE_NUMBER && type != CB_ATTRIBUTE_DATE)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("“%s” is a %s attribute: < and > compare numbers and dates only"),
                   condition->name, cb_attribute_type_to_string (type));
      return NULL;
    }
  if (!(canonical = cb_attribute_value_normalize (type, condition->value, NULL)))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Filter on “%s” (%s): “%s” is not a valid value"),
                   condition->name, cb_attribute_type_to_string (type), condition->value);
      return NULL;
    }
  return _cb_store_cases_comparing (self->store, id, type, condition->op, canonical, error);
}

/* Inside a read: the ids of the cases whose values pass (a set of
 * gint64 *); the analysis (cb-analysis.c) sweeps their coverage itself. */
GHashTable *
_cb_case_filter_passing (CbProject           *self,
                         const CbCaseFilter  *filter,
                         GError             **error)
{
  g_autoptr(GHashTable) passing = _cb_store_all_case_ids (self->store, error);

  if (passing == NULL)
    return NULL;
  for (guint i = 0; i < filter->conditions->len; i++)
    {
      g_autoptr(GHashTable) matching = cases_matching (self, filter->conditions->pdata[i], error);

      if (matching == NULL)
        return NULL;
      intersect (passing, matching);
    }
  return g_steal_pointer (&passing);
}

/* Inside a read: the passing cases, and their coverage in the store's
 * temp table for the joins that follow. */
static GHashTable *
compile_filter (CbProject           *self,
                const CbCaseFilter  *filter,
                GError             **error)
{
  g_autoptr(GHashTable) passing = _cb_case_filter_passing (self, filter, error);

  if (passing == NULL || !_cb_store_fill_case_spans (self->store, passing, error))
    return NULL;
  return g_steal_pointer (&passing);
}

GPtrArray *
cb_project_list_cases (CbProject           *self,
                       const CbCaseFilter  *filter,
                       GError             **error)
{
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GHashTable) passing = NULL;
  GPtrArray *cases = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((attributes = _cb_store_list_attributes (self->store, error)) &&
      (filter == NULL || (passing = compile_filter (self, filter, error))))
    cases = _cb_store_list_cases (self->store, attributes, passing, error);
  _cb_project_end_read (self);
  return cases;
}

/* Keeps the items of @array for which @keep holds, in order, freeing the
 * others (they end up past the kept ones, where shrinking frees them). */
static void
keep_in_place (GPtrArray *array,
               gboolean (*keep) (gpointer item, guint index, gpointer data),
               gpointer   data)
{
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();
  guint n = array->len;
  guint n_kept = 0;

  for (guint i = 0; i < n; i++)
    {
      if (keep (array->pdata[i], i, data))
        array->pdata[n_kept++] = array->pdata[i];
      else
        g_ptr_array_add (dropped, array->pdata[i]);
    }
  for (guint i = 0; i < dropped->len; i++)
    array->pdata[n_kept + i] = dropped->pdata[i];
  g_ptr_array_set_size (array, n_kept);
}

static gboolean
index_passes (gpointer item,
              guint    index,
              gpointer data)
{
  return g_hash_table_contains (data, GUINT_TO_POINTER (index + 1));
}

static gboolean
filter_spans_in (CbProject           *self,
                 const CbCaseFilter  *filter,
                 GPtrArray           *spans,
                 const CbSpanRef     *ref,
                 GError             **error)
{
  g_autoptr(GHashTable) passing = NULL;
  g_autoptr(GHashTable) keep = NULL;
  g_autofree gint64 *documents = g_new (gint64, spans->len + 1);
  g_autofree gint64 *starts = g_new (gint64, spans->len + 1);
  g_autofree gint64 *ends = g_new (gint64, spans->len + 1);

  if (!(passing = compile_filter (self, filter, error)))
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      const guint8 *span = spans->pdata[i];

      documents[i] = *(const gint64 *) (span + ref->document_id_offset);
      starts[i] = *(const gint64 *) (span + ref->start_offset);
      ends[i] = *(const gint64 *) (span + ref->end_offset);
    }
  if (!(keep = _cb_store_spans_in_case_spans (self->store, documents, starts, ends, spans->len, error)))
    return FALSE;

  keep_in_place (spans, index_passes, keep);
  return TRUE;
}

gboolean
cb_project_filter_spans (CbProject           *self,
                         const CbCaseFilter  *filter,
                         GPtrArray           *spans,
                         const CbSpanRef     *ref,
                         GError             **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (spans != NULL && ref != NULL, FALSE);

  if (filter == NULL || spans->len == 0)
    return TRUE;
  if (!_cb_project_begin_read (self, error))
    return FALSE;
  ok = filter_spans_in (self, filter, spans, ref, error);
  _cb_project_end_read (self);
  return ok;
}

GArray *
_cb_project_case_filter_spans (CbProject           *self,
                               const CbCaseFilter  *filter,
                               GError             **error)
{
  g_autoptr(GHashTable) passing = NULL;
  GArray *spans = NULL;

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((passing = compile_filter (self, filter, error)))
    spans = _cb_store_list_case_spans (self->store, error);
  _cb_project_end_read (self);
  return spans;
}

GHashTable *
cb_project_filter_documents (CbProject           *self,
                             const CbCaseFilter  *filter,
                             GError             **error)
{
  g_autoptr(GHashTable) passing = NULL;
  GHashTable *documents = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((passing = compile_filter (self, filter, error)))
    documents = _cb_store_documents_in_case_spans (self->store, error);
  _cb_project_end_read (self);
  return documents;
}

char *
cb_project_dup_span_case (CbProject        *self,
                          gint64            document_id,
                          gint64            start,
                          gint64            end,
                          const char       *attribute,
                          CbAttributeType  *type,
                          GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  CbAttributeType attribute_type = CB_ATTRIBUTE_TEXT;
  gint64 attribute_id = 0;
  gint64 id = 0;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if (attribute == NULL ||
      (attribute_id = _cb_cases_lookup_attribute (self, attribute, &attribute_type, error)) > 0)
    id = _cb_store_span_case (self->store, document_id, start, end, attribute_id, &name, &value, error);
  _cb_project_end_read (self);

  if (type != NULL)
    *type = attribute_type;
  if (id <= 0)
    return NULL;
  return attribute == NULL ? g_steal_pointer (&name) : g_steal_pointer (&value);
}

