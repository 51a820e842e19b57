/* cb-project-codings.c: codings: apply, batch, unapply and retrieval
 *
 * The pattern of every operation is described in cb-project.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-import.h"
#include "cb-cases-private.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-private.h"
#include "cb-text.h"
#include "cb-tsv.h"

/* Codings */

gboolean
_cb_project_add_codings_in (CbProject          *self,
                            gint64              code_id,
                            const CbNewCoding  *codings,
                            guint               n_codings,
                            gint64             *ids,
                            guint              *n_created,
                            GError            **error)
{
  gint64 own_coder = 0;

  g_return_val_if_fail (cb_store_in_transaction (self->store), FALSE);

  for (guint i = 0; i < n_codings; i++)
    {
      const CbNewCoding *coding = &codings[i];
      gint64 coder = coding->coder_id;
      gboolean created = FALSE;
      gint64 id;

      if (coder == 0)
        {
          if (own_coder == 0 && !(own_coder = _cb_store_ensure_coder (self->store, self->coder, NULL, error)))
            return FALSE;
          coder = own_coder;
        }

      id = _cb_store_insert_coding (self->store, coding->document_id, code_id, coding->start, coding->end,
                                    coder, coding->uuid, coding->created, coding->memo, &created, error);
      if (id == 0)
        return FALSE;
      if (ids != NULL)
        ids[i] = id;
      if (n_created != NULL)
        *n_created += created;
    }

  return TRUE;
}

gboolean
_cb_project_add_codings (CbProject          *self,
                         const char         *label,
                         const char         *code_path,
                         const CbNewCoding  *codings,
                         guint               n_codings,
                         guint              *n_created,
                         guint              *n_existing,
                         GError            **error)
{
  guint created = 0;
  gint64 code;

  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  if (!(code = _cb_project_ensure_code (self, code_path, error)) ||
      !_cb_project_add_codings_in (self, code, codings, n_codings, NULL, &created, error))
    {
      cb_store_rollback (self->store);
      return FALSE;
    }

  /* Nothing new (every span was coded already): no change, no undo step. */
  if (created == 0)
    cb_store_rollback (self->store);
  else if (!_cb_project_finish (self, TRUE, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error))
    return FALSE;

  if (n_created != NULL)
    *n_created = created;
  if (n_existing != NULL)
    *n_existing = n_codings - created;
  return TRUE;
}

/* What a batch looks up again and again: documents and codes by name. */
typedef struct
{
  GHashTable *documents;  /* name → CbDocumentInfo (borrowed from @list) */
  GPtrArray  *list;
  GHashTable *codes;      /* path → id */
  gint64      coder;
} ApplyCache;

static void
apply_cache_clear (ApplyCache *cache)
{
  g_clear_pointer (&cache->documents, g_hash_table_unref);
  g_clear_pointer (&cache->list, g_ptr_array_unref);
  g_clear_pointer (&cache->codes, g_hash_table_unref);
}

static gboolean
apply_cache_init (CbProject   *self,
                  ApplyCache  *cache,
                  GError     **error)
{
  memset (cache, 0, sizeof *cache);

  if (!(cache->list = _cb_store_list_documents (self->store, 0, error)))
    return FALSE;

  cache->documents = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < cache->list->len; i++)
    {
      CbDocumentInfo *info = cache->list->pdata[i];

      g_hash_table_insert (cache->documents, info->name, info);
    }
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return TRUE;
}

/* A cache holding only the document named @name: a single apply need not
 * list (and count the codings of) every document. */
static gboolean
apply_cache_init_one (CbProject   *self,
                      ApplyCache  *cache,
                      const char  *name,
                      GError     **error)
{
  CbDocumentInfo *info;
  gint64 id;
  gint64 n_chars;

  memset (cache, 0, sizeof *cache);
  cache->list = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
  cache->documents = g_hash_table_new (g_str_hash, g_str_equal);
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((id = _cb_store_find_document (self->store, name, error)) < 0)
    return FALSE;
  if (id == 0)
    return TRUE;   /* apply_cached() reports the unknown document */
  if ((n_chars = _cb_store_get_document_length (self->store, id, error)) < 0)
    return FALSE;

  info = g_new0 (CbDocumentInfo, 1);
  info->id = id;
  info->name = g_strdup (name);
  info->n_chars = n_chars;
  g_ptr_array_add (cache->list, info);
  g_hash_table_insert (cache->documents, info->name, info);

  return TRUE;
}

static gboolean
check_span (const CbDocumentInfo  *document,
            gint64                 start,
            gint64                 end,
            GError               **error)
{
  if (start < 0 || end <= start || end > document->n_chars)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot code %" PRId64 "–%" PRId64 " in “%s”: "
                     "a span must have 0 ≤ start < end ≤ %" PRId64 " (the document’s length)"),
                   start, end, document->name, document->n_chars);
      return FALSE;
    }
  return TRUE;
}

/* Applies one coding inside a transaction, through @cache. */
static gint64
apply_cached (CbProject   *self,
              ApplyCache  *cache,
              const char  *document_name,
              const char  *code_path,
              gboolean     create_code,
              gint64       start,
              gint64       end,
              gboolean    *created,
              GError     **error)
{
  CbDocumentInfo *document = g_hash_table_lookup (cache->documents, document_name);
  CbNewCoding coding = { 0 };
  guint n_created = 0;
  gint64 id = 0;
  gpointer code;

  if (document == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("There is no document named “%s”"), document_name);
      return 0;
    }
  if (!check_span (document, start, end, error))
    return 0;

  if (!g_hash_table_lookup_extended (cache->codes, code_path, NULL, &code))
    {
      gint64 code_id = create_code
        ? _cb_project_ensure_code (self, code_path, error)
        : _cb_project_lookup_code (self, code_path, error);

      if (code_id == 0)
        return 0;
      code = GSIZE_TO_POINTER ((gsize) code_id);
      g_hash_table_insert (cache->codes, g_strdup (code_path), code);
    }

  if (cache->coder == 0 && !(cache->coder = _cb_store_ensure_coder (self->store, self->coder, NULL, error)))
    return 0;

  coding.document_id = document->id;
  coding.start = start;
  coding.end = end;
  coding.coder_id = cache->coder;
  if (!_cb_project_add_codings_in (self, (gint64) GPOINTER_TO_SIZE (code), &coding, 1, &id, &n_created, error))
    return 0;
  if (created != NULL)
    *created = n_created > 0;
  return id;
}

static gint64
apply_one (CbProject   *self,
           const char  *document,
           const char  *code_path,
           gboolean     create_code,
           gint64       start,
           gint64       end,
           gboolean    *created,
           GError     **error)
{
  ApplyCache cache;
  g_autofree char *label = NULL;
  g_autofree char *doc_name = cb_text_normalize_name (document);
  gint64 id = 0;

  label = g_strdup_printf (_("Code “%s”"), code_path);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  if (apply_cache_init_one (self, &cache, doc_name != NULL ? doc_name : "", error))
    id = apply_cached (self, &cache, doc_name != NULL ? doc_name : "", code_path, create_code,
                       start, end, created, error);
  apply_cache_clear (&cache);

  if (!_cb_project_finish (self, id > 0, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error))
    return 0;
  return id;
}

gint64
cb_project_apply (CbProject   *self,
                  const char  *document,
                  const char  *code_path,
                  gint64       start,
                  gint64       end,
                  gboolean    *created,
                  GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return apply_one (self, document, code_path, FALSE, start, end, created, error);
}

gint64
cb_project_apply_creating (CbProject   *self,
                           const char  *document,
                           const char  *code_path,
                           gint64       start,
                           gint64       end,
                           gboolean    *created,
                           GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return apply_one (self, document, code_path, TRUE, start, end, created, error);
}

gint64
cb_project_apply_quote (CbProject   *self,
                        const char  *document,
                        const char  *code_path,
                        const char  *quote,
                        guint        occurrence,
                        gint64      *out_start,
                        gint64      *out_end,
                        GError     **error)
{
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize length;
  gsize needle_length;
  gsize hit;
  gint64 start;
  gint64 end;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);
  g_return_val_if_fail (quote != NULL, 0);

  if (!g_utf8_validate (quote, -1, NULL) || quote[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The quote must be non-empty UTF-8 text"));
      return 0;
    }

  if (!(info = cb_project_get_document (self, document, error)) ||
      !(text = _cb_store_dup_document_text (self->store, info->id, &length, error)))
    return 0;

  /* The quote is matched against stored text, so it is normalised the same way. */
  needle = cb_text_normalize (quote, -1);
  needle_length = strlen (needle);

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += needle_length)
    {
      hit = p - text;
      g_array_append_val (hits, hit);
    }

  if (hits->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The quote “%s” does not occur in “%s”"), quote, info->name);
      return 0;
    }
  if (occurrence == 0 && hits->len > 1)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_AMBIGUOUS,
                   _("The quote “%s” occurs %u times in “%s”: say which occurrence to code"),
                   quote, hits->len, info->name);
      return 0;
    }
  if (occurrence > hits->len)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The quote “%s” occurs only %u time(s) in “%s”, not %u"),
                   quote, hits->len, info->name, occurrence);
      return 0;
    }

  hit = g_array_index (hits, gsize, occurrence > 0 ? occurrence - 1 : 0);
  start = cb_text_count_chars (text, hit);
  end = start + cb_text_count_chars (needle, needle_length);

  /* Like a batch line and code-all-hits, a quote creates a missing code
   * (and its parents), in the same undo step. */
  id = cb_project_apply_creating (self, info->name, code_path, start, end, NULL, error);
  if (id > 0)
    {
      if (out_start != NULL)
        *out_start = start;
      if (out_end != NULL)
        *out_end = end;
    }
  return id;
}

gboolean
cb_project_apply_batch (CbProject  *self,
                        GFile      *tsv,
                        gboolean    commit_each,
                        guint      *n_applied,
                        GError    **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *display = NULL;
  g_autofree char *label = NULL;
  ApplyCache cache = { 0 };
  guint applied = 0;
  gboolean changed = FALSE;
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (n_applied != NULL)
    *n_applied = 0;

  if (!(lines = cb_tsv_read_lines (tsv, &display, error)))
    return FALSE;

  label = g_strdup_printf (_("Apply codings from “%s”"), display);
  if (!cb_store_begin (self->store, commit_each ? NULL : label, error))
    return FALSE;
  if (!apply_cache_init (self, &cache, error))
    {
      cb_store_rollback (self->store);
      return FALSE;
    }
  if (commit_each)
    cb_store_rollback (self->store);

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *code_path = NULL;
      g_autofree char *line_label = NULL;
      gint64 start = 0;
      gint64 end = 0;
      gboolean created = FALSE;

      if (lines[i][0] == '\0')
        continue;

      fields = cb_tsv_split_line (lines[i], 5);
      if (fields == NULL || g_strv_length (fields) != 4 ||
          !cb_tsv_parse_offset (fields[1], &start) || !cb_tsv_parse_offset (fields[2], &end))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: expected document<TAB>start<TAB>end<TAB>code path"),
                       display, i + 1);
          ok = FALSE;
          break;
        }

      if (commit_each)
        {
          line_label = g_strdup_printf (_("Code “%s”"), fields[3]);
          if (!cb_store_begin (self->store, line_label, error))
            {
              ok = FALSE;
              break;
            }
        }

      ok = apply_cached (self, &cache, fields[0], fields[3], TRUE, start, end, &created, error) > 0;
      if (!ok)
        g_prefix_error (error, _("%s, line %u: "), display, i + 1);

      if (commit_each)
        {
          if (!ok || !cb_store_commit (self->store, error))
            {
              /* deferred checks (a code deleted meanwhile) fail at commit */
              if (ok)
                g_prefix_error (error, _("%s, line %u: "), display, i + 1);
              cb_store_rollback (self->store);
              /* a code created on this line was rolled back with it */
              g_hash_table_remove_all (cache.codes);
              ok = FALSE;
              break;
            }
          changed = TRUE;
        }
      applied += created;
    }

  apply_cache_clear (&cache);

  if (!commit_each)
    {
      if (!_cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error))
        return FALSE;
    }
  else if (changed)
    _cb_project_emit_changed (self, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS);

  if (n_applied != NULL)
    *n_applied = applied;
  return ok;
}

gboolean
cb_project_unapply (CbProject   *self,
                    const char  *document,
                    const char  *code_path,
                    gint64       start,
                    gint64       end,
                    GError     **error)
{
  g_autofree char *label = NULL;
  gint64 document_id;
  gint64 code;
  gint64 removed = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Uncode “%s”"), code_path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0 &&
       (code = _cb_project_lookup_code (self, code_path, error)) > 0 &&
       (removed = _cb_store_delete_codings (self->store, document_id, code, start, end, 0, error)) >= 0;
  if (ok && removed == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” is not coded with “%s” at %" PRId64 "–%" PRId64),
                   document, code_path, start, end);
      ok = FALSE;
    }

  return _cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_set_coding_memo (CbProject   *self,
                            gint64       coding_id,
                            const char  *memo,
                            GError     **error)
{
  g_autofree char *text = cb_text_normalize (memo != NULL ? memo : "", -1);

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!cb_store_begin (self->store, _("Edit the memo of a coding"), error))
    return FALSE;

  return _cb_project_finish (self, _cb_store_set_coding_memo (self->store, coding_id, text, error),
                 CB_CHANGE_CODINGS, error);
}

/* A segment with its sort keys resolved, so that sorting compares integers. */
typedef struct
{
  int        document_rank;  /* by document name */
  int        code_rank;      /* depth-first order of the code */
  CbSegment *segment;
} SortedSegment;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp ((*(CbSegment **) a)->document_name, (*(CbSegment **) b)->document_name);
}

static int
compare_sorted (gconstpointer a,
                gconstpointer b)
{
  const SortedSegment *x = a;
  const SortedSegment *y = b;

  if (x->document_rank != y->document_rank)
    return x->document_rank - y->document_rank;
  if (x->segment->start != y->segment->start)
    return x->segment->start < y->segment->start ? -1 : 1;
  if (x->segment->end != y->segment->end)
    return x->segment->end < y->segment->end ? -1 : 1;
  if (x->code_rank != y->code_rank)
    return x->code_rank - y->code_rank;
  return g_strcmp0 (x->segment->coder, y->segment->coder);
}

/* Fills code paths, sorts by document, position and tree order, and reads texts. */
static gboolean
finish_segments (CbProject  *self,
                 GPtrArray  *codes,
                 GPtrArray  *segments,
                 GError    **error)
{
  g_autoptr(GHashTable) codes_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) document_ranks = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GPtrArray) firsts = g_ptr_array_new ();
  g_autofree SortedSegment *sorted = g_new (SortedSegment, MAX (segments->len, 1));

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      code->position = i;   /* reused as the depth-first rank */
      g_hash_table_insert (codes_by_id, &code->id, code);
    }

  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];
      CbCodeInfo *code = g_hash_table_lookup (codes_by_id, &segment->code_id);

      segment->code_path = g_strdup (code != NULL ? code->path : NULL);
      sorted[i].segment = segment;
      sorted[i].code_rank = code != NULL ? (int) code->position : G_MAXINT;
      if (!g_hash_table_contains (document_ranks, &segment->document_id))
        {
          g_hash_table_insert (document_ranks, &segment->document_id, NULL);
          g_ptr_array_add (firsts, segment);
        }
    }

  /* Documents sort by name: rank the few names once, then compare ranks. */
  g_ptr_array_sort (firsts, compare_names);
  for (guint i = 0; i < firsts->len; i++)
    g_hash_table_insert (document_ranks, &((CbSegment *) firsts->pdata[i])->document_id, GINT_TO_POINTER (i));
  for (guint i = 0; i < segments->len; i++)
    sorted[i].document_rank = GPOINTER_TO_INT (g_hash_table_lookup (document_ranks, &sorted[i].segment->document_id));

  qsort (sorted, segments->len, sizeof *sorted, compare_sorted);
  for (guint i = 0; i < segments->len; i++)
    segments->pdata[i] = sorted[i].segment;

  return _cb_store_fill_segment_texts (self->store, segments, error);
}

GPtrArray *
cb_project_retrieve (CbProject   *self,
                     const char  *code_path,
                     gboolean     with_descendants,
                     GError     **error)
{
  return cb_project_retrieve_filtered (self, code_path, with_descendants, NULL, error);
}

/* The case filter (cb-project-cases.c) drops segments before their texts
 * are read. */
GPtrArray *
cb_project_retrieve_filtered (CbProject           *self,
                              const char          *code_path,
                              gboolean             with_descendants,
                              const CbCaseFilter  *filter,
                              GError             **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id;
  guint i;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  /* One read transaction: the tree and the codings agree with each other
   * even while another process writes. */
  if (!_cb_project_begin_read (self, error))
    return NULL;

  if (!(id = _cb_project_lookup_code (self, code_path, error)) ||
      !(codes = _cb_project_list_codes (self, FALSE, error)))
    goto out;

  /* The code and, when asked, its subtree. */
  for (i = 0; i < codes->len && ((CbCodeInfo *) codes->pdata[i])->id != id; i++)
    ;
  if (i < codes->len)
    {
      guint end = with_descendants ? cb_code_list_subtree_end (codes, i) : i + 1;

      for (; i < end; i++)
        g_array_append_val (ids, ((CbCodeInfo *) codes->pdata[i])->id);
    }

  if ((segments = _cb_store_list_segments (self->store, ids, 0, error)) != NULL &&
      (!_cb_project_filter_segments (self, filter, segments, error) ||
       !finish_segments (self, codes, segments, error)))
    g_clear_pointer (&segments, g_ptr_array_unref);

out:
  _cb_project_end_read (self);
  return g_steal_pointer (&segments);
}

GPtrArray *
cb_project_list_document_codings (CbProject  *self,
                                  gint64      document_id,
                                  GError    **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) segments = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (document_id > 0, NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;

  if ((codes = _cb_project_list_codes (self, FALSE, error)) != NULL &&
      (segments = _cb_store_list_segments (self->store, NULL, document_id, error)) != NULL &&
      !finish_segments (self, codes, segments, error))
    g_clear_pointer (&segments, g_ptr_array_unref);

  _cb_project_end_read (self);
  return g_steal_pointer (&segments);
}

