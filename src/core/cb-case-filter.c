/* cb-case-filter.c: CbCaseFilter, the one scope every command shares
 *
 * The --where conditions on case values (issue 15) are parsed here and
 * compiled in the store (cb-store-cases.c) to a temp table of the passing
 * cases' coverage; the scope options (--coder, --set, --document, --phase,
 * --role, --speaker; issues 17, 19–21) are read by cb-store-scope.c.  A
 * CbScope holds both in memory as span layers (sorted, with running
 * maximum ends) plus document and coder sets, and every consumer (the
 * segment cursor, filtered spans and documents, the analysis) tests its
 * items against it: one binary search per layer, no query per item.
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
#include "cb-search-private.h"
#include "cb-store-cases.h"
#include "cb-store-scope.h"
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
  GPtrArray *names[CB_SCOPE_N_KINDS];   /* NULL-terminated */
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
  for (guint k = 0; k < CB_SCOPE_N_KINDS; k++)
    {
      filter->names[k] = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (filter->names[k], NULL);
    }
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
  for (guint k = 0; k < CB_SCOPE_N_KINDS; k++)
    g_ptr_array_unref (filter->names[k]);
  g_free (filter);
}

void
cb_case_filter_add (CbCaseFilter *filter,
                    CbScopeKind   kind,
                    const char   *name)
{
  GPtrArray *names;

  g_return_if_fail (filter != NULL);
  g_return_if_fail (kind < CB_SCOPE_N_KINDS);
  g_return_if_fail (name != NULL);

  names = filter->names[kind];
  g_ptr_array_insert (names, names->len - 1, g_strdup (name));
}

void
cb_case_filter_add_coder (CbCaseFilter *filter,
                          const char   *name)
{
  cb_case_filter_add (filter, CB_SCOPE_CODER, name);
}

void
cb_case_filter_add_set (CbCaseFilter *filter,
                        const char   *name)
{
  cb_case_filter_add (filter, CB_SCOPE_SET, name);
}

void
cb_case_filter_add_document (CbCaseFilter *filter,
                             const char   *name)
{
  cb_case_filter_add (filter, CB_SCOPE_DOCUMENT, name);
}

void
cb_case_filter_add_phase (CbCaseFilter *filter,
                          const char   *name)
{
  cb_case_filter_add (filter, CB_SCOPE_PHASE, name);
}

void
cb_case_filter_add_role (CbCaseFilter *filter,
                         const char   *role)
{
  cb_case_filter_add (filter, CB_SCOPE_ROLE, role);
}

void
cb_case_filter_add_speaker (CbCaseFilter *filter,
                            const char   *name)
{
  cb_case_filter_add (filter, CB_SCOPE_SPEAKER, name);
}

const char * const *
cb_case_filter_get_names (const CbCaseFilter *filter,
                          CbScopeKind         kind)
{
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (kind < CB_SCOPE_N_KINDS, NULL);

  return (const char * const *) filter->names[kind]->pdata;
}

gboolean
cb_case_filter_has_conditions (const CbCaseFilter *filter)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  return filter->conditions->len > 0;
}

static gboolean
has_names (const CbCaseFilter *filter,
           CbScopeKind         kind)
{
  return filter->names[kind]->len > 1;
}

gboolean
cb_case_filter_is_empty (const CbCaseFilter *filter)
{
  g_return_val_if_fail (filter != NULL, TRUE);

  for (guint k = 0; k < CB_SCOPE_N_KINDS; k++)
    if (has_names (filter, k))
      return FALSE;
  return filter->conditions->len == 0;
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

/* *@name (normalised; replaced) resolved among the cases' names: exact,
 * else the one that folds alike; unchanged when none does. */
static gboolean
resolve_case_name (CbProject  *self,
                   char      **name,
                   GError    **error)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *found = NULL;

  if (*name == NULL)
    return TRUE;
  if (!(cases = _cb_store_list_cases (self->store, none, NULL, error)))
    return FALSE;
  for (guint i = 0; i < cases->len; i++)
    g_ptr_array_add (names, ((CbCaseInfo *) cases->pdata[i])->name);
  if (!cb_name_resolve (*name, names, &found, error))
    return FALSE;
  if (found != NULL)
    {
      g_free (*name);
      *name = g_strdup (found);
    }
  return TRUE;
}

/* The attribute @name means (exact, else the one that folds alike), or
 * @name itself for the lookup to report; NULL when ambiguous. */
static char *
resolve_attribute_name (CbProject   *self,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(GPtrArray) attributes = _cb_store_list_attributes (self->store, error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *found = NULL;

  if (attributes == NULL)
    return NULL;
  for (guint i = 0; i < attributes->len; i++)
    g_ptr_array_add (names, ((CbAttributeInfo *) attributes->pdata[i])->name);
  if (!cb_name_resolve (name, names, &found, error))
    return NULL;
  return g_strdup (found != NULL ? found : name);
}

/* The cases whose values pass one condition. */
static GHashTable *
cases_matching (CbProject  *self,
                Condition  *condition,
                GError    **error)
{
  g_autoptr(GHashTable) matching = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *attribute = NULL;
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
      if (!resolve_case_name (self, &name, error) ||
          (case_id = _cb_store_find_case (self->store, name != NULL ? name : "", error)) < 0)
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

  if (!(attribute = resolve_attribute_name (self, condition->name, error)) ||
      (id = _cb_cases_lookup_attribute (self, attribute, &type, error)) == 0)
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

/* ---- The scope: a filter read from the project ----------------------- */

/* One layer's spans of a document: [first, first + n) of its array. */
typedef struct
{
  guint first;
  guint n;
} LayerRange;

/* Spans a segment must overlap one of: by document and start, with the
 * largest end up to each, so that "does [start, end) overlap any" is one
 * binary search. */
typedef struct
{
  GArray     *spans;      /* CbStoreCoverage */
  gint64     *max_end;
  GHashTable *ranges;     /* document id (gint64 *) → LayerRange */
} Layer;

struct _CbScope
{
  GPtrArray  *layers;       /* Layer: every one must be overlapped */
  GHashTable *documents;    /* ids (gint64 *) the spans must be in; NULL: any */
  GHashTable *coder_ids;    /* gint64 *; NULL: any coder */
  GHashTable *coder_names;  /* the same coders by name */
};

static void
layer_free (gpointer data)
{
  Layer *layer = data;

  g_array_unref (layer->spans);
  g_free (layer->max_end);
  g_hash_table_unref (layer->ranges);
  g_free (layer);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const CbStoreCoverage *x = a;
  const CbStoreCoverage *y = b;

  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* A layer of @spans (taken; sorted here). */
static Layer *
layer_new (GArray *spans)
{
  Layer *layer = g_new0 (Layer, 1);

  g_array_sort (spans, compare_spans);
  layer->spans = spans;
  layer->max_end = g_new (gint64, MAX (spans->len, 1));
  layer->ranges = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  for (guint i = 0; i < spans->len; i++)
    {
      CbStoreCoverage *span = &g_array_index (spans, CbStoreCoverage, i);
      LayerRange *range = g_hash_table_lookup (layer->ranges, &span->document_id);

      if (range == NULL)
        {
          range = g_new (LayerRange, 1);
          range->first = i;
          range->n = 0;
          g_hash_table_insert (layer->ranges, &span->document_id, range);
          layer->max_end[i] = span->end;
        }
      else
        layer->max_end[i] = MAX (layer->max_end[i - 1], span->end);
      range->n++;
    }
  return layer;
}

/* The store's rule: a span overlaps [start, end) when span.start <
 * max (end, start + 1) and span.end > start (an empty one when inside). */
static gboolean
layer_passes (const Layer *layer,
              gint64       document,
              gint64       start,
              gint64       end)
{
  LayerRange *range = g_hash_table_lookup (layer->ranges, &document);
  gint64 limit = MAX (end, start + 1);
  guint low = 0;
  guint high;

  if (range == NULL)
    return FALSE;
  /* the spans that start before @limit are a prefix: find its length */
  high = range->n;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (g_array_index (layer->spans, CbStoreCoverage, range->first + middle).start < limit)
        low = middle + 1;
      else
        high = middle;
    }
  return low > 0 && layer->max_end[range->first + low - 1] > start;
}

/* [@start, @end) pairs of @spans of @document, clamped to [0, @n_chars],
 * sorted and merged */
static GArray *
layer_region (const Layer *layer,
              gint64       document,
              gint64       n_chars)
{
  GArray *region = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  LayerRange *range = g_hash_table_lookup (layer->ranges, &document);

  for (guint i = 0; range != NULL && i < range->n; i++)
    {
      CbStoreCoverage span = g_array_index (layer->spans, CbStoreCoverage, range->first + i);

      if (span.whole)
        span.start = 0, span.end = n_chars;
      span.start = CLAMP (span.start, 0, n_chars);
      span.end = CLAMP (span.end, 0, n_chars);
      span.whole = FALSE;
      if (span.start >= span.end)
        continue;
      /* by start already: merge with the last when they touch */
      if (region->len > 0 && span.start <= g_array_index (region, CbStoreCoverage, region->len - 1).end)
        {
          CbStoreCoverage *last = &g_array_index (region, CbStoreCoverage, region->len - 1);

          last->end = MAX (last->end, span.end);
        }
      else
        g_array_append_val (region, span);
    }
  return region;
}

/* The characters of @a that are also in @b (both sorted and merged) */
static GArray *
intersect_regions (GArray *a,
                   GArray *b)
{
  GArray *both = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  guint i = 0, j = 0;

  while (i < a->len && j < b->len)
    {
      CbStoreCoverage *x = &g_array_index (a, CbStoreCoverage, i);
      CbStoreCoverage *y = &g_array_index (b, CbStoreCoverage, j);
      CbStoreCoverage span = *x;

      span.start = MAX (x->start, y->start);
      span.end = MIN (x->end, y->end);
      if (span.start < span.end)
        g_array_append_val (both, span);
      if (x->end < y->end)
        i++;
      else
        j++;
    }
  return both;
}

GArray *
_cb_scope_document_region (const CbScope *scope,
                           gint64         document,
                           gint64         n_chars)
{
  GArray *region = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  CbStoreCoverage whole = { 0, document, FALSE, 0, n_chars };

  if (n_chars <= 0 || (scope->documents != NULL && !g_hash_table_contains (scope->documents, &document)))
    return region;
  g_array_append_val (region, whole);
  for (guint i = 0; i < scope->layers->len && region->len > 0; i++)
    {
      g_autoptr(GArray) layer = layer_region (scope->layers->pdata[i], document, n_chars);
      GArray *narrowed = intersect_regions (region, layer);

      g_array_unref (region);
      region = narrowed;
    }
  return region;
}

void
_cb_scope_free (CbScope *scope)
{
  if (scope == NULL)
    return;
  g_ptr_array_unref (scope->layers);
  g_clear_pointer (&scope->documents, g_hash_table_unref);
  g_clear_pointer (&scope->coder_ids, g_hash_table_unref);
  g_clear_pointer (&scope->coder_names, g_hash_table_unref);
  g_free (scope);
}

gboolean
_cb_scope_passes_span (const CbScope *scope,
                       gint64         document,
                       gint64         start,
                       gint64         end)
{
  if (scope->documents != NULL && !g_hash_table_contains (scope->documents, &document))
    return FALSE;
  for (guint i = 0; i < scope->layers->len; i++)
    if (!layer_passes (scope->layers->pdata[i], document, start, end))
      return FALSE;
  return TRUE;
}

gboolean
_cb_scope_has_coders (const CbScope *scope)
{
  return scope->coder_ids != NULL;
}

gboolean
_cb_scope_passes_coder_id (const CbScope *scope,
                           gint64         id)
{
  return scope->coder_ids == NULL || g_hash_table_contains (scope->coder_ids, &id);
}

gboolean
_cb_scope_passes_coder (const CbScope *scope,
                        const char    *name)
{
  return scope->coder_names == NULL || (name != NULL && g_hash_table_contains (scope->coder_names, name));
}

static GHashTable *
new_id_set (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
not_found (CbScopeKind   kind,
           const char   *name,
           GError      **error)
{
  switch (kind)
    {
    case CB_SCOPE_CODER:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no coder named “%s”"), name);
      break;
    case CB_SCOPE_SET:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document set named “%s”"), name);
      break;
    case CB_SCOPE_DOCUMENT:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document named “%s”"), name);
      break;
    case CB_SCOPE_PHASE:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("No document has a phase named “%s”"), name);
      break;
    case CB_SCOPE_SPEAKER:
    default:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("No document has a speaker named “%s”"), name);
      break;
    }
}

static const char * const roles[] = { "narrator", "participant", "facilitator", "observer" };

/* The names of option @kind resolved (exact, else folded when one), with
 * their ids (0 for names shared across documents), or FALSE with @error. */
static gboolean
resolve_names (CbProject           *self,
               const CbCaseFilter  *filter,
               CbScopeKind          kind,
               GArray              *found_ids,
               GPtrArray           *found_names,
               GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char * const *wanted = cb_case_filter_get_names (filter, kind);

  if (kind == CB_SCOPE_ROLE)
    for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
      {
        gint64 none = 0;

        g_array_append_val (ids, none);
        g_ptr_array_add (names, g_strdup (roles[i]));
      }
  else if (!_cb_store_scope_names (self->store, kind, ids, names, error))
    return FALSE;

  for (guint w = 0; wanted[w] != NULL; w++)
    {
      const char *found = NULL;
      guint at;

      if (!cb_name_resolve (wanted[w], names, &found, error))
        return FALSE;
      if (found == NULL && kind == CB_SCOPE_ROLE)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("Unknown role “%s”: use narrator, participant, facilitator or observer"),
                       wanted[w]);
          return FALSE;
        }
      if (found == NULL)
        {
          not_found (kind, wanted[w], error);
          return FALSE;
        }
      g_ptr_array_find (names, found, &at);
      g_array_append_val (found_ids, g_array_index (ids, gint64, at));
      g_ptr_array_add (found_names, g_strdup (found));
    }
  return TRUE;
}

static gboolean
resolve_among (const char  *name,
               GPtrArray   *names,
               char       **found,
               GError     **error)
{
  const char *match = NULL;

  *found = NULL;
  if (!cb_name_resolve (name, names, &match, error))
    return FALSE;
  *found = g_strdup (match);
  return TRUE;
}

gboolean
cb_project_resolve_name (CbProject    *self,
                         CbScopeKind   kind,
                         const char   *name,
                         char        **found,
                         GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (kind < CB_SCOPE_N_KINDS && name != NULL && found != NULL, FALSE);

  *found = NULL;
  if (kind == CB_SCOPE_ROLE)
    for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
      g_ptr_array_add (names, g_strdup (roles[i]));
  else
    {
      if (!_cb_project_begin_read (self, error))
        return FALSE;
      ok = _cb_store_scope_names (self->store, kind, ids, names, error);
      _cb_project_end_read (self);
    }
  return ok && resolve_among (name, names, found, error);
}

GPtrArray *
cb_project_list_scope_names (CbProject    *self,
                             CbScopeKind   kind,
                             GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (kind < CB_SCOPE_N_KINDS, NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  ok = _cb_store_scope_names (self->store, kind, ids, names, error);
  _cb_project_end_read (self);
  return ok ? g_steal_pointer (&names) : NULL;
}

gboolean
cb_project_resolve_code (CbProject   *self,
                         const char  *path,
                         char       **found,
                         GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (path != NULL && found != NULL, FALSE);

  *found = NULL;
  if (!_cb_project_begin_read (self, error))
    return FALSE;
  codes = _cb_project_list_codes (self, FALSE, error);
  _cb_project_end_read (self);
  if (codes == NULL)
    return FALSE;
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (paths, ((CbCodeInfo *) codes->pdata[i])->path);
  return resolve_among (path, paths, found, error);
}

/* Keeps in @documents (or makes it) only the ids also in @other (taken). */
static void
restrict_documents (CbScope    *scope,
                    GHashTable *other)
{
  if (scope->documents == NULL)
    scope->documents = other;
  else
    {
      intersect (scope->documents, other);
      g_hash_table_unref (other);
    }
}

static gboolean
add_option (CbScope             *scope,
            CbProject           *self,
            const CbCaseFilter  *filter,
            CbScopeKind          kind,
            GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));

  if (!resolve_names (self, filter, kind, ids, names, error))
    return FALSE;

  switch (kind)
    {
    case CB_SCOPE_CODER:
      scope->coder_ids = new_id_set ();
      scope->coder_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < ids->len; i++)
        {
          g_hash_table_add (scope->coder_ids, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
          g_hash_table_add (scope->coder_names, g_strdup (names->pdata[i]));
        }
      return TRUE;

    case CB_SCOPE_SET:
    case CB_SCOPE_DOCUMENT:
      {
        GHashTable *documents = new_id_set ();

        for (guint i = 0; i < ids->len; i++)
          {
            gint64 id = g_array_index (ids, gint64, i);

            if (kind == CB_SCOPE_DOCUMENT)
              g_hash_table_add (documents, g_memdup2 (&id, sizeof id));
            else if (!_cb_store_scope_set_documents (self->store, id, documents, error))
              {
                g_hash_table_unref (documents);
                return FALSE;
              }
          }
        restrict_documents (scope, documents);
        return TRUE;
      }

    case CB_SCOPE_PHASE:
      for (guint i = 0; i < names->len; i++)
        if (!_cb_store_scope_phase_spans (self->store, names->pdata[i], spans, error))
          return FALSE;
      break;

    case CB_SCOPE_ROLE:
      for (guint i = 0; i < names->len; i++)
        if (!_cb_store_scope_role_spans (self->store, names->pdata[i], spans, error))
          return FALSE;
      break;

    case CB_SCOPE_SPEAKER:
      /* the turns search's --speaker looks in, read by the same query */
      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GArray) ranges = NULL;
          gboolean exists = FALSE;

          if (!(ranges = _cb_store_search_speaker_ranges (self->store, names->pdata[i], &exists, error)))
            return FALSE;
          for (guint r = 0; r < ranges->len; r++)
            {
              CbSearchRange *range = &g_array_index (ranges, CbSearchRange, r);
              CbStoreCoverage span = { 0, range->document, FALSE, range->start, range->end };

              g_array_append_val (spans, span);
            }
        }
      break;

    case CB_SCOPE_N_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }

  g_ptr_array_add (scope->layers, layer_new (g_steal_pointer (&spans)));
  return TRUE;
}

/* @with_cases: compile the conditions too (the analysis sweeps the cases
 * itself and asks without). */
static CbScope *
scope_new (CbProject           *self,
           const CbCaseFilter  *filter,
           gboolean             with_cases,
           GError             **error)
{
  g_autoptr(CbScope) scope = g_new0 (CbScope, 1);

  scope->layers = g_ptr_array_new_with_free_func (layer_free);
  if (with_cases && filter->conditions->len > 0)
    {
      g_autoptr(GHashTable) passing = compile_filter (self, filter, error);
      GArray *spans;

      if (passing == NULL || !(spans = _cb_store_list_case_spans (self->store, error)))
        return NULL;
      g_ptr_array_add (scope->layers, layer_new (spans));
    }
  for (guint k = 0; k < CB_SCOPE_N_KINDS; k++)
    if (has_names (filter, k) && !add_option (scope, self, filter, k, error))
      return NULL;
  return g_steal_pointer (&scope);
}

CbScope *
_cb_scope_new (CbProject           *self,
               const CbCaseFilter  *filter,
               GError             **error)
{
  return scope_new (self, filter, TRUE, error);
}

CbScope *
_cb_project_compile_scope (CbProject           *self,
                           const CbCaseFilter  *filter,
                           GError             **error)
{
  CbScope *scope;

  if (!_cb_project_begin_read (self, error))
    return NULL;
  scope = scope_new (self, filter, TRUE, error);
  _cb_project_end_read (self);
  return scope;
}

/* For the analysis, which sweeps the cases itself: whether coding
 * [start, end) of @document by @coder passes the options. */
CbScope *
_cb_scope_new_without_cases (CbProject           *self,
                             const CbCaseFilter  *filter,
                             GError             **error)
{
  return scope_new (self, filter, FALSE, error);
}

typedef struct
{
  const CbScope   *scope;
  const CbSpanRef *ref;
} SpanTest;

static gboolean
span_passes (gpointer item,
             guint    index,
             gpointer data)
{
  SpanTest *test = data;
  const guint8 *span = item;

  if (!_cb_scope_passes_span (test->scope,
                              *(const gint64 *) (span + test->ref->document_id_offset),
                              *(const gint64 *) (span + test->ref->start_offset),
                              *(const gint64 *) (span + test->ref->end_offset)))
    return FALSE;
  return test->ref->coder_offset == 0 ||
         _cb_scope_passes_coder (test->scope, *(char * const *) (span + test->ref->coder_offset));
}

gboolean
cb_project_filter_spans (CbProject           *self,
                         const CbCaseFilter  *filter,
                         GPtrArray           *spans,
                         const CbSpanRef     *ref,
                         GError             **error)
{
  g_autoptr(CbScope) scope = NULL;
  SpanTest test;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (spans != NULL && ref != NULL, FALSE);

  if (filter == NULL || spans->len == 0)
    return TRUE;
  /* names are checked even when nothing is filtered */
  if (!(scope = _cb_project_compile_scope (self, filter, error)))
    return FALSE;
  test.scope = scope;
  test.ref = ref;
  keep_in_place (spans, span_passes, &test);
  return TRUE;
}

GHashTable *
cb_project_filter_documents (CbProject           *self,
                             const CbCaseFilter  *filter,
                             GError             **error)
{
  g_autoptr(CbScope) scope = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  GHashTable *passing = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((scope = scope_new (self, filter, TRUE, error)) &&
      (documents = _cb_store_list_document_names (self->store, error)))
    {
      passing = new_id_set ();
      for (guint i = 0; i < documents->len; i++)
        {
          gint64 id = ((CbDocumentInfo *) documents->pdata[i])->id;
          gboolean in = scope->documents == NULL || g_hash_table_contains (scope->documents, &id);

          for (guint l = 0; in && l < scope->layers->len; l++)
            in = g_hash_table_contains (((Layer *) scope->layers->pdata[l])->ranges, &id);
          if (in)
            g_hash_table_add (passing, g_memdup2 (&id, sizeof id));
        }
    }
  _cb_project_end_read (self);
  return passing;
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

