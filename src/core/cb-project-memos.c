/* cb-project-memos.c: memos of owners, free-standing memos and their evidence (issue 19)
 *
 * Each change: look up, check, change through _cb_store_* (cb-store-memos.c)
 * inside one _cb_project_begin() … _cb_project_finish(): one transaction,
 * one undo step, ::changed with CB_CHANGE_MEMOS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-cases.h"
#include "cb-error.h"
#include "cb-memos.h"
#include "cb-memos-private.h"
#include "cb-names.h"
#include "cb-paragraph-index.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-cases.h"
#include "cb-store-memos.h"
#include "cb-text.h"

/* Values */

void
cb_memo_info_free (CbMemoInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->title);
  g_free (info->type);
  g_free (info->level);
  g_free (info->author);
  g_free (info->created);
  g_free (info->modified);
  g_free (info->text);
  g_free (info);
}

CbMemoInfo *
cb_memo_info_copy (const CbMemoInfo *info)
{
  CbMemoInfo *copy;

  if (info == NULL)
    return NULL;
  copy = g_memdup2 (info, sizeof *info);
  copy->uuid = g_strdup (info->uuid);
  copy->title = g_strdup (info->title);
  copy->type = g_strdup (info->type);
  copy->level = g_strdup (info->level);
  copy->author = g_strdup (info->author);
  copy->created = g_strdup (info->created);
  copy->modified = g_strdup (info->modified);
  copy->text = g_strdup (info->text);
  return copy;
}

void
cb_memo_link_free (CbMemoLink *link)
{
  if (link == NULL)
    return;
  g_free (link->document);
  g_free (link->document_uuid);
  g_free (link->text);
  g_free (link->speaker);
  g_free (link->timestamp);
  g_free (link->case_name);
  g_free (link);
}

/* Types and levels */

static const char * const memo_types[] = {
  "note", "observation", "concern", "recommendation", "hypothesis", "perspective",
  "convergence", "divergence", NULL
};

static const char * const memo_levels[] = { "profession", "institutions", "politics", NULL };

const char * const *
cb_memo_types (void)
{
  return memo_types;
}

const char * const *
cb_memo_levels (void)
{
  return memo_levels;
}

const char *
cb_memo_type_label (const char *type)
{
  static const char * const labels[] = {
    /* TRANSLATORS: memo types (issue 19): a free-standing memo is one of these */
    N_("Note"), N_("Observation"), N_("Concern"), N_("Recommendation"), N_("Hypothesis"),
    N_("Perspective"), N_("Convergence"), N_("Divergence"),
  };

  for (guint i = 0; type != NULL && memo_types[i] != NULL; i++)
    if (g_str_equal (type, memo_types[i]))
      return g_dgettext (GETTEXT_PACKAGE, labels[i]);
  return type;
}

const char *
cb_memo_level_label (const char *level)
{
  static const char * const labels[] = {
    /* TRANSLATORS: the levels of a MAG perspective or memo */
    N_("Profession"), N_("Institutions"), N_("Politics"),
  };

  for (guint i = 0; level != NULL && memo_levels[i] != NULL; i++)
    if (g_str_equal (level, memo_levels[i]))
      return g_dgettext (GETTEXT_PACKAGE, labels[i]);
  return level;
}

int
_cb_memo_type_rank (const char *type)
{
  for (int i = 0; memo_types[i] != NULL; i++)
    if (g_strcmp0 (type, memo_types[i]) == 0)
      return i;
  return G_N_ELEMENTS (memo_types);
}

/* @value normalised; a named one (or its translated label) in its
 * canonical spelling whatever its case.  "" when empty. */
static char *
canonical_name (const char         *value,
                const char * const *named,
                const char       *(*label) (const char *))
{
  g_autofree char *normalized = cb_text_normalize_name (value != NULL ? value : "");
  g_autofree char *folded = g_utf8_casefold (normalized, -1);

  for (guint i = 0; named[i] != NULL; i++)
    {
      g_autofree char *folded_label = g_utf8_casefold (label (named[i]), -1);

      if (g_str_equal (folded, named[i]) || g_str_equal (folded, folded_label))
        return g_strdup (named[i]);
    }
  return g_steal_pointer (&normalized);
}

static char *
memo_type_from (const char  *type,
                GError     **error)
{
  g_autofree char *valid = canonical_name (type, memo_types, cb_memo_type_label);

  if (valid[0] == '\0')
    return g_strdup (CB_MEMO_DEFAULT_TYPE);
  if (!cb_name_check_characters (valid, error))
    return NULL;
  return g_steal_pointer (&valid);
}

/* NULL (none) for an empty level: *@ok says whether it is valid */
char *
_cb_memo_type_canonical (const char *type)
{
  g_autofree char *valid = canonical_name (type, memo_types, cb_memo_type_label);

  return valid[0] == '\0' ? g_strdup (CB_MEMO_DEFAULT_TYPE) : g_steal_pointer (&valid);
}

static char *
memo_level_from (const char  *level,
                 gboolean    *ok,
                 GError     **error)
{
  g_autofree char *valid = canonical_name (level, memo_levels, cb_memo_level_label);

  *ok = TRUE;
  if (valid[0] == '\0')
    return NULL;
  if (!cb_name_check_characters (valid, error))
    {
      *ok = FALSE;
      return NULL;
    }
  return g_steal_pointer (&valid);
}

static char *
memo_title_from (const char  *title,
                 GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (title != NULL ? title : "");

  if (normalized[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("A memo's title cannot be empty"));
      return NULL;
    }
  if (!cb_name_check_characters (normalized, error))
    return NULL;
  return g_steal_pointer (&normalized);
}

/* Id of the memo titled @title, or 0 with @error set. */
static gint64
lookup_memo (CbProject   *self,
             const char  *title,
             GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (title != NULL ? title : "");
  gint64 id = _cb_store_find_memo (self->store, normalized, error);

  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no memo titled “%s”"), title);
  return MAX (id, 0);
}

static gint64
lookup_case (CbProject   *self,
             const char  *name,
             GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name != NULL ? name : "");
  gint64 id = _cb_store_find_case (self->store, normalized, error);

  if (id == 0)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no case named “%s”"), name);
  return MAX (id, 0);
}

/* A span as messages show it: "120–180" (a G_GINT64_FORMAT inside _()
 * would cut the string xgettext extracts). */
static char *
span_text (gint64 start,
           gint64 end)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, start, end);
}

/* The memos of owners */

char *
cb_project_dup_case_memo (CbProject   *self,
                          const char  *case_name,
                          GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if ((id = lookup_case (self, case_name, error)) == 0)
    return NULL;
  return _cb_store_dup_case_memo (self->store, id, error);
}

gboolean
cb_project_set_case_memo (CbProject   *self,
                          const char  *case_name,
                          const char  *memo,
                          GError     **error)
{
  g_autofree char *text = cb_text_normalize (memo != NULL ? memo : "", -1);
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Edit the memo of case “%s”"), case_name);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_case (self, case_name, error)) > 0 &&
       _cb_store_set_case_memo (self->store, id, text, error);
  return _cb_project_finish (self, ok, CB_CHANGE_CASES | CB_CHANGE_MEMOS, error);
}

gint64
cb_project_find_coding (CbProject   *self,
                        const char  *document,
                        const char  *code_path,
                        gint64       start,
                        gint64       end,
                        char       **memo,
                        GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  gint64 document_id, code_id;
  guint found = G_MAXUINT;
  guint n_other = 0;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  if (memo != NULL)
    *memo = NULL;
  if ((document_id = _cb_project_lookup_document (self, document, error)) == 0 ||
      (code_id = _cb_project_lookup_code (self, code_path, error)) == 0)
    return 0;
  if (!_cb_store_codings_on_span (self->store, document_id, code_id, start, end, &ids, &coders, &memos, error))
    return 0;
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_strcmp0 (coders->pdata[i], cb_project_get_coder (self)) == 0)
        {
          found = i;
          n_other = 0;
          break;
        }
      if (n_other++ == 0)
        found = i;
    }
  if (found == G_MAXUINT)
    {
      g_autofree char *span = span_text (start, end);

      /* TRANSLATORS: the last %s is a span of characters, "120–180" */
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” has no coding with “%s” at %s"), document, code_path, span);
      return 0;
    }
  if (n_other > 1)
    {
      g_autofree char *span = span_text (start, end);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Several coders coded “%s” at %s with “%s”; choose one with --coder"),
                   document, span, code_path);
      return 0;
    }
  if (memo != NULL)
    *memo = g_strdup (memos->pdata[found]);
  return g_array_index (ids, gint64, found);
}

/* Free-standing memos */

gint64
cb_project_add_memo (CbProject   *self,
                     const char  *title,
                     const char  *type,
                     const char  *level,
                     const char  *text,
                     GError     **error)
{
  g_autofree char *valid_title = NULL;
  g_autofree char *valid_type = NULL;
  g_autofree char *valid_level = NULL;
  g_autofree char *valid_text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *uuid = NULL;
  gint64 author = 0;
  gint64 existing;
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  if (!(valid_title = memo_title_from (title, error)) || !(valid_type = memo_type_from (type, error)))
    return 0;
  valid_level = memo_level_from (level, &ok, error);
  if (!ok)
    return 0;
  valid_text = cb_text_normalize (text != NULL ? text : "", -1);
  label = g_strdup_printf (_("Add memo “%s”"), valid_title);
  if (!_cb_project_begin (self, label, error))
    return 0;

  ok = (existing = _cb_store_find_memo (self->store, valid_title, error)) >= 0;
  if (ok && existing > 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A memo titled “%s” already exists"), valid_title);
      ok = FALSE;
    }
  ok = ok && (author = _cb_store_ensure_coder (self->store, cb_project_get_coder (self), NULL, error)) > 0;
  if (ok)
    {
      uuid = cb_store_new_uuid (self->store);
      ok = (id = _cb_store_insert_memo (self->store, uuid, valid_title, valid_type, valid_level,
                                        author, valid_text, error)) > 0;
    }
  if (!_cb_project_finish (self, ok, CB_CHANGE_MEMOS, error))
    return 0;
  return id;
}

gboolean
cb_project_rename_memo (CbProject   *self,
                        const char  *title,
                        const char  *new_title,
                        GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  gint64 id = 0;
  gint64 existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = memo_title_from (new_title, error)))
    return FALSE;
  label = g_strdup_printf (_("Rename memo “%s”"), title);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_memo (self, title, error)) > 0 &&
       (existing = _cb_store_find_memo (self->store, valid, error)) >= 0;
  if (ok && existing > 0 && existing != id)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("A memo titled “%s” already exists"), valid);
      ok = FALSE;
    }
  ok = ok && _cb_store_set_memo_field (self->store, id, "title", valid, error);
  return _cb_project_finish (self, ok, CB_CHANGE_MEMOS, error);
}

static gboolean
set_memo_field (CbProject   *self,
                const char  *title,
                const char  *field,
                const char  *value,
                const char  *label,
                GError     **error)
{
  gint64 id;
  gboolean ok;

  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_memo (self, title, error)) > 0 &&
       _cb_store_set_memo_field (self->store, id, field, value, error);
  return _cb_project_finish (self, ok, CB_CHANGE_MEMOS, error);
}

gboolean
cb_project_set_memo_type (CbProject   *self,
                          const char  *title,
                          const char  *type,
                          GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!(valid = memo_type_from (type, error)))
    return FALSE;
  label = g_strdup_printf (_("Change the type of memo “%s”"), title);
  return set_memo_field (self, title, "type", valid, label, error);
}

gboolean
cb_project_set_memo_level (CbProject   *self,
                           const char  *title,
                           const char  *level,
                           GError     **error)
{
  g_autofree char *valid = NULL;
  g_autofree char *label = NULL;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  valid = memo_level_from (level, &ok, error);
  if (!ok)
    return FALSE;
  label = g_strdup_printf (_("Change the level of memo “%s”"), title);
  return set_memo_field (self, title, "level", valid, label, error);
}

gboolean
cb_project_set_memo_text (CbProject   *self,
                          const char  *title,
                          const char  *text,
                          GError     **error)
{
  g_autofree char *valid = cb_text_normalize (text != NULL ? text : "", -1);
  g_autofree char *label = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Edit memo “%s”"), title);
  return set_memo_field (self, title, "text", valid, label, error);
}

gboolean
cb_project_delete_memo (CbProject   *self,
                        const char  *title,
                        GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Delete memo “%s”"), title);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_memo (self, title, error)) > 0 &&
       _cb_store_delete_memo (self->store, id, error);
  return _cb_project_finish (self, ok, CB_CHANGE_MEMOS, error);
}

gboolean
cb_project_move_memo (CbProject   *self,
                      const char  *title,
                      gint64       position,
                      GError     **error)
{
  g_autofree char *label = NULL;
  gint64 id;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Move memo “%s”"), title);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (id = lookup_memo (self, title, error)) > 0 &&
       _cb_store_move_memo (self->store, id, position, error);
  return _cb_project_finish (self, ok, CB_CHANGE_MEMOS, error);
}

CbMemoInfo *
cb_project_get_memo (CbProject   *self,
                     const char  *title,
                     GError     **error)
{
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if ((id = lookup_memo (self, title, error)) == 0)
    return NULL;
  return _cb_store_get_memo (self->store, id, error);
}

static int
compare_memos (gconstpointer a,
               gconstpointer b)
{
  const CbMemoInfo *memo_a = *(CbMemoInfo * const *) a;
  const CbMemoInfo *memo_b = *(CbMemoInfo * const *) b;
  int rank_a = _cb_memo_type_rank (memo_a->type);
  int rank_b = _cb_memo_type_rank (memo_b->type);
  int by_type;

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;
  if ((by_type = g_strcmp0 (memo_a->type, memo_b->type)) != 0)
    return by_type;
  if (memo_a->position != memo_b->position)
    return memo_a->position < memo_b->position ? -1 : 1;
  return memo_a->id < memo_b->id ? -1 : memo_a->id > memo_b->id;
}

GPtrArray *
cb_project_list_memos (CbProject   *self,
                       const char  *type,
                       GError     **error)
{
  g_autoptr(GPtrArray) memos = NULL;
  g_autofree char *wanted = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (type != NULL && !(wanted = memo_type_from (type, error)))
    return NULL;
  if (!(memos = _cb_store_list_memos (self->store, error)))
    return NULL;
  if (wanted != NULL)
    for (guint i = memos->len; i-- > 0; )
      if (g_strcmp0 (((CbMemoInfo *) memos->pdata[i])->type, wanted) != 0)
        g_ptr_array_remove_index (memos, i);
  g_ptr_array_sort (memos, compare_memos);
  return g_steal_pointer (&memos);
}

/* Evidence */

/* Checks [@start, @end) against the text of @document_id. */
static gboolean
check_span (CbProject   *self,
            const char  *document,
            gint64       document_id,
            gint64       start,
            gint64       end,
            GError     **error)
{
  gint64 n_chars = _cb_store_get_document_length (self->store, document_id, error);

  if (n_chars < 0)
    return FALSE;
  if (start < 0 || start >= end || end > n_chars)
    {
      g_autofree char *span = span_text (start, end);
      g_autofree char *whole = span_text (0, n_chars);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The span %s is not inside “%s” (%s)"), span, document, whole);
      return FALSE;
    }
  return TRUE;
}

char *
cb_project_link_memo (CbProject   *self,
                      const char  *title,
                      const char  *document,
                      gint64       start,
                      gint64       end,
                      GError     **error)
{
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gint64 memo_id = 0, document_id = 0, existing;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  label = g_strdup_printf (_("Link evidence to memo “%s”"), title);
  if (!_cb_project_begin (self, label, error))
    return NULL;
  ok = (memo_id = lookup_memo (self, title, error)) > 0 &&
       (document_id = _cb_project_lookup_document (self, document, error)) > 0 &&
       check_span (self, document, document_id, start, end, error) &&
       (existing = _cb_store_find_memo_link (self->store, memo_id, document_id, start, end, error)) >= 0;
  if (ok && existing > 0)
    {
      g_autofree char *span = span_text (start, end);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("Memo “%s” already links to %s %s"), title, document, span);
      ok = FALSE;
    }
  ok = ok && _cb_store_insert_memo_link (self->store, memo_id, document_id, start, end, error) > 0 &&
       (text = _cb_store_dup_document_text (self->store, document_id, &length, error)) != NULL;
  if (!_cb_project_finish (self, ok, CB_CHANGE_MEMOS, error))
    return NULL;
  return cb_text_dup_range (text, length, start, end);
}

gboolean
cb_project_unlink_memo (CbProject   *self,
                        const char  *title,
                        const char  *document,
                        gint64       start,
                        gint64       end,
                        GError     **error)
{
  g_autofree char *label = NULL;
  gint64 memo_id = 0, document_id = 0, link = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Unlink evidence from memo “%s”"), title);
  if (!_cb_project_begin (self, label, error))
    return FALSE;
  ok = (memo_id = lookup_memo (self, title, error)) > 0 &&
       (document_id = _cb_project_lookup_document (self, document, error)) > 0 &&
       (link = _cb_store_find_memo_link (self->store, memo_id, document_id, start, end, error)) >= 0;
  if (ok && link == 0)
    {
      g_autofree char *span = span_text (start, end);

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("Memo “%s” has no evidence at %s %s"), title, document, span);
      ok = FALSE;
    }
  ok = ok && _cb_store_delete_memo_link (self->store, link, error);
  return _cb_project_finish (self, ok, CB_CHANGE_MEMOS, error);
}

/* What one document's links need to be cited: its text, turns, paragraph
 * numbers and cases, read once however many links it has. */
typedef struct
{
  CbDocumentInfo   *document;
  char             *text;
  gsize             length;
  GPtrArray        *turns;
  CbParagraphIndex *paragraphs;
  GArray           *case_spans;
} DocumentContext;

static void
document_context_clear (DocumentContext *context)
{
  g_clear_pointer (&context->document, cb_document_info_free);
  g_clear_pointer (&context->text, g_free);
  g_clear_pointer (&context->turns, g_ptr_array_unref);
  g_clear_pointer (&context->paragraphs, cb_paragraph_index_free);
  g_clear_pointer (&context->case_spans, g_array_unref);
}

GPtrArray *
_cb_project_resolve_memo_links (CbProject   *self,
                                GArray      *rows,
                                GHashTable  *case_names,
                                GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_memo_link_free);
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  DocumentContext context = { 0 };
  gboolean ok = FALSE;

  if (!(documents = cb_project_list_documents (self, error)))
    return NULL;
  for (guint i = 0; i < documents->len; i++)
    g_hash_table_insert (by_id, &((CbDocumentInfo *) documents->pdata[i])->id, documents->pdata[i]);

  for (guint i = 0; i < rows->len; i++)
    {
      CbStoreEvidenceRow *row = &g_array_index (rows, CbStoreEvidenceRow, i);
      CbDocumentInfo *document = g_hash_table_lookup (by_id, &row->document);
      const CbTurnInfo *turn;
      CbMemoLink *link;

      if (document == NULL)
        continue;
      /* the file is input: a span outside its text is not evidence */
      if (row->start < 0 || row->start >= row->end || row->end > document->n_chars)
        continue;
      if (context.document == NULL || context.document->id != document->id)
        {
          document_context_clear (&context);
          context.document = cb_document_info_copy (document);
          if (!(context.text = _cb_store_dup_document_text (self->store, document->id, &context.length, error)) ||
              !(context.turns = cb_project_list_turns (self, document->name, error)))
            goto out;
          context.paragraphs = cb_paragraph_index_new (context.text, context.length);
          if (case_names != NULL && g_hash_table_size (case_names) > 0 &&
              !(context.case_spans = _cb_store_document_case_spans (self->store, document->id, error)))
            goto out;
        }

      link = g_new0 (CbMemoLink, 1);
      link->id = row->id;
      link->document_id = document->id;
      link->document = g_strdup (document->name);
      link->document_uuid = g_strdup (document->uuid);
      link->start = row->start;
      link->end = row->end;
      link->text = cb_text_dup_range (context.text, context.length, row->start, row->end);
      turn = cb_turn_find_for_span (context.turns, row->start, row->end);
      if (turn != NULL)
        {
          link->speaker = g_strdup (turn->speaker);
          link->timestamp = g_strdup (turn->timestamp);
        }
      link->paragraph = cb_paragraph_index_number_at (context.paragraphs, row->start);
      for (guint c = 0; context.case_spans != NULL && c < context.case_spans->len; c++)
        {
          CbStoreCoverage *span = &g_array_index (context.case_spans, CbStoreCoverage, c);

          if (span->start < row->end && span->end > row->start)
            {
              link->case_name = g_strdup (g_hash_table_lookup (case_names, &span->case_id));
              break;
            }
        }
      g_ptr_array_add (links, link);
    }
  ok = TRUE;

out:
  document_context_clear (&context);
  return ok ? g_steal_pointer (&links) : NULL;
}

GHashTable *
_cb_project_case_names (CbProject  *self,
                        GPtrArray **cases,
                        GError    **error)
{
  GHashTable *names;

  if (!(*cases = cb_project_list_cases (self, NULL, error)))
    return NULL;
  names = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < (*cases)->len; i++)
    {
      CbCaseInfo *info = (*cases)->pdata[i];

      g_hash_table_insert (names, &info->id, info->name);
    }
  return names;
}

GPtrArray *
cb_project_list_memo_links (CbProject   *self,
                            const char  *title,
                            GError     **error)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GHashTable) case_names = NULL;
  GPtrArray *links = NULL;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    return NULL;
  if ((id = lookup_memo (self, title, error)) > 0 &&
      (rows = _cb_store_list_memo_links (self->store, id, error)) != NULL &&
      (case_names = _cb_project_case_names (self, &cases, error)) != NULL)
    links = _cb_project_resolve_memo_links (self, rows, case_names, error);
  _cb_project_end_read (self);
  return links;
}

GArray *
cb_project_list_memo_spans (CbProject  *self,
                            gint64      document_id,
                            GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  return _cb_store_memo_spans (self->store, document_id, error);
}

GPtrArray *
cb_project_list_memos_at (CbProject   *self,
                          gint64       document_id,
                          gint64       start,
                          gint64       end,
                          GError     **error)
{
  g_autoptr(GPtrArray) memos = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_memo_info_free);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!(ids = _cb_store_memos_at (self->store, document_id, start, end, error)))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    {
      CbMemoInfo *info = _cb_store_get_memo (self->store, g_array_index (ids, gint64, i), error);

      if (info == NULL)
        return NULL;
      g_ptr_array_add (memos, info);
    }
  return g_steal_pointer (&memos);
}
