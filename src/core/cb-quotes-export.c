/* cb-quotes-export.c: coded quotes as Codeboom XML (urn:codeboom:quotes:1)
 *
 * Written through libxml2's xmlTextWriter (cb-xml-writer.h), valid against
 * data/xml/codeboom-quotes-1.xsd, which documents the format.  The quote
 * lists for publication (cb-quote-formats.c) are made from this XML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Codeboom"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-code-tree-flat.h"
#include "cb-error.h"
#include "cb-project-turns.h"
#include "cb-qdc-private.h"
#include "cb-quotes-export.h"
#include "cb-text.h"
#include "cb-xml-writer.h"

#define GENERATOR "Codeboom " PACKAGE_VERSION

/* What the quotes export sorts by; the segments themselves are borrowed. */
typedef struct
{
  CbSegment *segment;
  guint      document_index;  /* in the project's document order */
  guint      code_index;      /* in tree order */
} CbQuotePart;

static int
compare_quote_parts (gconstpointer a,
                     gconstpointer b)
{
  const CbQuotePart *part_a = a;
  const CbQuotePart *part_b = b;
  int cmp;

  if (part_a->document_index != part_b->document_index)
    return part_a->document_index < part_b->document_index ? -1 : 1;
  if (part_a->segment->start != part_b->segment->start)
    return part_a->segment->start < part_b->segment->start ? -1 : 1;
  if (part_a->segment->end != part_b->segment->end)
    return part_a->segment->end < part_b->segment->end ? -1 : 1;
  cmp = g_strcmp0 (part_a->segment->coder, part_b->segment->coder);
  if (cmp != 0)
    return cmp;
  if (part_a->code_index != part_b->code_index)
    return part_a->code_index < part_b->code_index ? -1 : 1;
  return 0;
}

/* Parts with the same document, span and coder make one quote. */
static gboolean
same_quote (const CbQuotePart *a,
            const CbQuotePart *b)
{
  return a->document_index == b->document_index
         && a->segment->start == b->segment->start
         && a->segment->end == b->segment->end
         && g_strcmp0 (a->segment->coder, b->segment->coder) == 0;
}

/* The exact text of @segment cut from its document's text (fetched once per
 * document), for segments that come without their text. */
static char *
quote_text (CbProject   *project,
            CbSegment   *segment,
            GHashTable  *document_texts,
            GError     **error)
{
  const GString *text;

  text = g_hash_table_lookup (document_texts, &segment->document_id);
  if (text == NULL)
    {
      gsize length = 0;
      char *data = cb_project_dup_document_text (project, segment->document_id, &length, error);
      GString *owned;

      if (data == NULL)
        return NULL;
      owned = g_string_new_len (data, length);
      g_free (data);
      g_hash_table_insert (document_texts, g_memdup2 (&segment->document_id, sizeof (gint64)), owned);
      text = owned;
    }
  return cb_text_dup_range (text->str, text->len, segment->start, segment->end);
}

static void
free_gstring (gpointer data)
{
  g_string_free (data, TRUE);
}

/* The turn a quote is cited by: the first that overlaps [@start, @end)
 * (usually the one it starts in; the next one when it starts in the blank
 * lines between turns).  @turns are in text order and quotes come in order
 * of start, so *@cursor only moves forward. */
static CbTurnInfo *
find_turn (GPtrArray *turns,
           guint     *cursor,
           gint64     start,
           gint64     end)
{
  CbTurnInfo *turn;

  if (turns == NULL)
    return NULL;
  while (*cursor < turns->len
         && ((CbTurnInfo *) g_ptr_array_index (turns, *cursor))->end <= start)
    (*cursor)++;
  if (*cursor == turns->len)
    return NULL;
  turn = g_ptr_array_index (turns, *cursor);
  return turn->start < end ? turn : NULL;
}

/**
 * cb_export_quotes:
 * @project: a #CbProject
 * @code_path: (nullable): the code whose quotes to export, or %NULL for
 *   every code
 * @only: with @code_path, leave out its descendants
 * @error: a #GError
 *
 * Writes coded quotes as XML in %CB_QUOTES_NAMESPACE, valid against
 * data/xml/codeboom-quotes-1.xsd (which documents the format): the codes
 * exported in tree order with their definitions, the documents quoted, then
 * every quote ordered by document, start, end and coder.  Codings of several
 * exported codes by one coder on the exact same span are one quote.
 *
 * Returns: (transfer full): the UTF-8 bytes, or %NULL with @error set
 *   (%CB_PROJECT_ERROR_NOT_FOUND when @code_path names no code)
 */
GBytes *
cb_export_quotes (CbProject   *project,
                  const char  *code_path,
                  gboolean     only,
                  GError     **error)
{
  CbCodeTree tree;
  CbXmlOut out = { 0 };
  g_autoptr(CbCodeInfo) root = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) exported_codes = NULL;
  g_autoptr(GHashTable) code_quotes = NULL;      /* code id -> quote count */
  g_autoptr(GHashTable) document_index = NULL;   /* document id -> index */
  g_autoptr(GHashTable) document_texts = NULL;   /* document id -> GString */
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GPtrArray) turns = NULL;             /* of the current document */
  g_autofree guint *document_quotes = NULL;
  g_autofree char *project_name = NULL;
  g_autofree char *project_uuid = NULL;
  g_autofree char *generated = NULL;
  guint top_depth = 0;
  guint turns_document = G_MAXUINT;
  guint turn_cursor = 0;
  GBytes *bytes;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_cb_code_tree_load (&tree, project, error))
    goto failed;

  /* the codes in scope, in tree order */
  exported_codes = g_ptr_array_new ();
  if (code_path != NULL)
    {
      guint first;

      root = cb_project_get_code (project, code_path, error);
      if (root == NULL)
        goto failed;
      first = _cb_code_tree_get_index (&tree, root->id);
      if (first == G_MAXUINT)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("No code “%s”"), code_path);
          goto failed;
        }
      /* a subtree is contiguous in depth-first order */
      g_ptr_array_add (exported_codes, g_ptr_array_index (tree.tree_order, first));
      for (guint i = first + 1; !only && i < tree.tree_order->len; i++)
        {
          CbCodeInfo *code = g_ptr_array_index (tree.tree_order, i);

          if (code->depth <= root->depth)
            break;
          g_ptr_array_add (exported_codes, code);
        }
      top_depth = root->depth;
    }
  else
    g_ptr_array_extend (exported_codes, tree.tree_order, NULL, NULL);

  code_quotes = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  for (guint i = 0; i < exported_codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (exported_codes, i);

      g_hash_table_insert (code_quotes, &code->id, GUINT_TO_POINTER (0));
    }

  documents = cb_project_list_documents (project, error);
  if (documents == NULL)
    goto failed;
  document_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (documents, i);

      g_hash_table_insert (document_index, &document->id, GUINT_TO_POINTER (i));
    }
  document_quotes = g_new0 (guint, documents->len + 1);

  /* the codings in scope */
  if (code_path != NULL)
    {
      segments = cb_project_retrieve (project, code_path, !only, error);
      if (segments == NULL)
        goto failed;
    }
  else
    {
      segments = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_segment_free);
      for (guint i = 0; i < documents->len; i++)
        {
          CbDocumentInfo *document = g_ptr_array_index (documents, i);
          g_autoptr(GPtrArray) codings = NULL;

          codings = cb_project_list_document_codings (project, document->id, error);
          if (codings == NULL)
            goto failed;
          g_ptr_array_extend_and_steal (segments, g_steal_pointer (&codings));
        }
    }

  parts = g_array_sized_new (FALSE, FALSE, sizeof (CbQuotePart), segments->len);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (segments, i);
      CbQuotePart part;
      gpointer index;

      if (!g_hash_table_contains (code_quotes, &segment->code_id))
        continue;
      part.segment = segment;
      part.code_index = _cb_code_tree_get_index (&tree, segment->code_id);
      if (!g_hash_table_lookup_extended (document_index, &segment->document_id, NULL, &index))
        continue;
      part.document_index = GPOINTER_TO_UINT (index);
      g_array_append_val (parts, part);
    }
  g_array_sort (parts, compare_quote_parts);

  /* count quotes per code and per document before writing the lists */
  for (guint i = 0; i < parts->len; i++)
    {
      CbQuotePart *part = &g_array_index (parts, CbQuotePart, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (code_quotes, &part->segment->code_id));

      g_hash_table_insert (code_quotes, &part->segment->code_id, GUINT_TO_POINTER (n + 1));
      if (i == 0 || !same_quote (part - 1, part))
        document_quotes[part->document_index]++;
    }

  project_name = cb_project_dup_name (project);
  project_uuid = cb_project_dup_uuid (project);
  generated = _cb_xml_generated_timestamp ();
  document_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_gstring);

  if (!_cb_xml_out_init (&out))
    out.failed = TRUE;

  _cb_xml_out_start_ns (&out, "quotes", CB_QUOTES_NAMESPACE);
  _cb_xml_out_attr (&out, "version", "1");
  _cb_xml_out_attr (&out, "project", project_name);
  _cb_xml_out_attr (&out, "project-uuid", project_uuid);
  _cb_xml_out_attr (&out, "generated", generated);
  _cb_xml_out_attr (&out, "generator", GENERATOR);
  if (root != NULL)
    {
      _cb_xml_out_attr (&out, "code", root->path);
      _cb_xml_out_attr (&out, "descendants", only ? "false" : "true");
    }

  _cb_xml_out_start (&out, "codes");
  for (guint i = 0; i < exported_codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (exported_codes, i);
      g_autofree char *color = _cb_qdc_color (code->color);

      _cb_xml_out_start (&out, "code");
      _cb_xml_out_attr (&out, "uuid", code->uuid);
      _cb_xml_out_attr (&out, "path", code->path);
      _cb_xml_out_attr (&out, "name", code->name);
      _cb_xml_out_attr_int (&out, "depth", code->depth);
      _cb_xml_out_attr_int (&out, "level", code->depth - top_depth + 1);
      if (color != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (color, -1);

          _cb_xml_out_attr (&out, "color", lower);
        }
      _cb_xml_out_attr_int (&out, "quotes",
                        GPOINTER_TO_UINT (g_hash_table_lookup (code_quotes, &code->id)));
      if (code->description != NULL && code->description[0] != '\0')
        _cb_xml_out_text_element (&out, "definition", code->description);
      _cb_xml_out_end (&out);
    }
  _cb_xml_out_end (&out);

  _cb_xml_out_start (&out, "documents");
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (documents, i);

      if (document_quotes[i] == 0)
        continue;
      _cb_xml_out_start (&out, "document");
      _cb_xml_out_attr (&out, "uuid", document->uuid);
      _cb_xml_out_attr (&out, "name", document->name);
      _cb_xml_out_attr (&out, "source-name", document->source_name);
      _cb_xml_out_attr_int (&out, "chars", document->n_chars);
      _cb_xml_out_attr_int (&out, "quotes", document_quotes[i]);
      _cb_xml_out_end (&out);
    }
  _cb_xml_out_end (&out);

  for (guint i = 0; i < parts->len; )
    {
      CbQuotePart *first = &g_array_index (parts, CbQuotePart, i);
      CbDocumentInfo *document = g_ptr_array_index (documents, first->document_index);
      g_autofree char *computed_text = NULL;
      const char *earliest = first->segment->created;
      g_autofree char *created = NULL;
      CbTurnInfo *turn;
      guint n;

      for (n = 1; i + n < parts->len && same_quote (first, first + n); n++)
        if (g_strcmp0 (first[n].segment->created, earliest) < 0)
          earliest = first[n].segment->created;

      if (first->segment->text == NULL)
        {
          computed_text = quote_text (project, first->segment, document_texts, error);
          if (computed_text == NULL)
            goto failed;
        }

      if (first->document_index != turns_document)
        {
          g_clear_pointer (&turns, g_ptr_array_unref);
          turns = cb_project_list_turns (project, document->name, error);
          if (turns == NULL)
            goto failed;
          turns_document = first->document_index;
          turn_cursor = 0;
        }
      turn = find_turn (turns, &turn_cursor, first->segment->start, first->segment->end);

      created = _cb_xml_format_timestamp (earliest);
      _cb_xml_out_start (&out, "quote");
      _cb_xml_out_attr (&out, "document", document->name);
      _cb_xml_out_attr (&out, "document-uuid", document->uuid);
      _cb_xml_out_attr_int (&out, "start", first->segment->start);
      _cb_xml_out_attr_int (&out, "end", first->segment->end);
      _cb_xml_out_attr (&out, "coder", first->segment->coder);
      _cb_xml_out_attr (&out, "created", created);
      if (turn != NULL)
        {
          _cb_xml_out_attr (&out, "speaker", turn->speaker);
          if (turn->timestamp != NULL)
            _cb_xml_out_attr (&out, "timestamp", turn->timestamp);
        }
      for (guint j = 0; j < n; j++)
        {
          CbSegment *segment = first[j].segment;
          CbCodeInfo *code = g_ptr_array_index (tree.tree_order, first[j].code_index);
          g_autofree char *coding_created = _cb_xml_format_timestamp (segment->created);

          /* two codings of one code on one span by one coder cannot
           * exist (UNIQUE in the store), so every code-ref is distinct */
          _cb_xml_out_start (&out, "code-ref");
          _cb_xml_out_attr (&out, "code", code->uuid);
          _cb_xml_out_attr (&out, "path", code->path);
          _cb_xml_out_attr (&out, "coding", segment->uuid);
          _cb_xml_out_attr (&out, "created", coding_created);
          _cb_xml_out_end (&out);
        }
      _cb_xml_out_text_element (&out, "text",
                            computed_text != NULL ? computed_text : first->segment->text);
      _cb_xml_out_end (&out);
      i += n;
    }

  _cb_xml_out_end (&out);

  bytes = _cb_xml_out_finish (&out, _("Could not write the quotes as XML"), error);
  _cb_code_tree_clear (&tree);
  return bytes;

failed:
  _cb_xml_out_clear (&out);
  _cb_code_tree_clear (&tree);
  return NULL;
}
