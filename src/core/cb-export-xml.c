/* cb-export-xml.c: the code tree as a REFI-QDA codebook, coded quotes as Codeboom XML
 *
 * Everything is written through libxml2's xmlTextWriter into memory, so
 * escaping is libxml2's job and a failure never leaves half a file: the
 * caller gets whole bytes or an error, and cb_export_write_file() puts them
 * in place atomically.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Codeboom"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-export-xml-private.h"
#include "cb-project-turns.h"
#include "cb-text.h"

#define QDC_NAMESPACE "urn:QDA-XML:codebook:1.0"
#define GENERATOR     "Codeboom " PACKAGE_VERSION

/* CbXmlOut (a writer into a growing byte array that remembers whether
 * any call failed) is declared in cb-export-xml-private.h, so that the
 * REFI-QDA project export can share these helpers. */

static int
xml_out_write_cb (void       *context,
                  const char *buffer,
                  int         len)
{
  GByteArray *bytes = context;

  g_byte_array_append (bytes, (const guint8 *) buffer, len);
  return len;
}

static int
xml_out_close_cb (void *context)
{
  return 0;
}

static gboolean
xml_out_init (CbXmlOut *out)
{
  xmlOutputBufferPtr buffer;

  out->bytes = g_byte_array_new ();
  out->failed = FALSE;
  buffer = xmlOutputBufferCreateIO (xml_out_write_cb, xml_out_close_cb, out->bytes, NULL);
  if (buffer == NULL)
    return FALSE;
  /* the writer owns the buffer from here on */
  out->writer = xmlNewTextWriter (buffer);
  if (out->writer == NULL)
    {
      xmlOutputBufferClose (buffer);
      return FALSE;
    }
  xmlTextWriterSetIndent (out->writer, 1);
  xmlTextWriterSetIndentString (out->writer, BAD_CAST "  ");
  return xmlTextWriterStartDocument (out->writer, "1.0", "UTF-8", NULL) >= 0;
}

static void
xml_out_clear (CbXmlOut *out)
{
  g_clear_pointer (&out->writer, xmlFreeTextWriter);
  if (out->bytes != NULL)
    g_byte_array_unref (g_steal_pointer (&out->bytes));
}

/* Ends the document and hands over the bytes, or sets @error. */
static GBytes *
xml_out_finish (CbXmlOut    *out,
                const char  *message,
                GError     **error)
{
  if (!out->failed && xmlTextWriterEndDocument (out->writer) < 0)
    out->failed = TRUE;
  /* freeing the writer flushes and closes its buffer */
  g_clear_pointer (&out->writer, xmlFreeTextWriter);

  if (out->failed)
    {
      xml_out_clear (out);
      g_set_error_literal (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, message);
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out->bytes));
}

/* XML 1.0 cannot carry C0 controls other than TAB, LF and CR, nor U+FFFE
 * and U+FFFF.  They are replaced by U+FFFD one for one, so that code-point
 * offsets into the text still line up.  Returns NULL when @text is fine
 * as it is (the usual case, checked without allocating). */
static char *
xml_dup_safe (const char *text)
{
  GString *safe;
  const char *p;

  if (!g_utf8_validate (text, -1, NULL))
    {
      /* stored text is always valid; this is defence, not a path we expect */
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      char *result = xml_dup_safe (valid);

      return result != NULL ? result : g_steal_pointer (&valid);
    }

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        break;
    }
  if (*p == '\0')
    return NULL;

  safe = g_string_new_len (text, p - text);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff)
        g_string_append_unichar (safe, 0xfffd);
      else
        g_string_append_len (safe, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (safe, FALSE);
}

static void
xml_out_start (CbXmlOut   *out,
               const char *name)
{
  if (!out->failed && xmlTextWriterStartElement (out->writer, BAD_CAST name) < 0)
    out->failed = TRUE;
}

static void
xml_out_start_ns (CbXmlOut   *out,
                  const char *name,
                  const char *namespace_uri)
{
  if (!out->failed
      && xmlTextWriterStartElementNS (out->writer, NULL, BAD_CAST name, BAD_CAST namespace_uri) < 0)
    out->failed = TRUE;
}

static void
xml_out_end (CbXmlOut *out)
{
  if (!out->failed && xmlTextWriterEndElement (out->writer) < 0)
    out->failed = TRUE;
}

static void
xml_out_attr (CbXmlOut   *out,
              const char *name,
              const char *value)
{
  g_autofree char *safe = NULL;

  if (out->failed)
    return;
  safe = xml_dup_safe (value != NULL ? value : "");
  if (xmlTextWriterWriteAttribute (out->writer, BAD_CAST name,
                                   BAD_CAST (safe != NULL ? safe : value != NULL ? value : "")) < 0)
    out->failed = TRUE;
}

static void
xml_out_attr_int (CbXmlOut   *out,
                  const char *name,
                  gint64      value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
  xml_out_attr (out, name, buffer);
}

/* An element holding only @text, written exactly (escaped by libxml2). */
static void
xml_out_text_element (CbXmlOut   *out,
                      const char *name,
                      const char *text)
{
  g_autofree char *safe = NULL;

  xml_out_start (out, name);
  if (out->failed)
    return;
  safe = xml_dup_safe (text);
  if (xmlTextWriterWriteString (out->writer, BAD_CAST (safe != NULL ? safe : text)) < 0)
    out->failed = TRUE;
  xml_out_end (out);
}

/* The code tree, flattened depth-first with siblings in their order: the
 * order of the codebook, of the quotes' <codes> and of code-refs.  Walking
 * parent ids ourselves keeps that order independent of how the project
 * happens to list its codes. */
typedef struct
{
  GPtrArray  *codes;        /* (element-type CbCodeInfo) as listed, owns them */
  GHashTable *children;     /* parent id (0 at the top) -> GPtrArray of CbCodeInfo */
  GPtrArray  *tree_order;   /* every CbCodeInfo, depth-first */
  GHashTable *tree_index;   /* code id -> its index in tree_order */
} CbCodeTree;

static void
code_tree_clear (CbCodeTree *tree)
{
  g_clear_pointer (&tree->tree_index, g_hash_table_unref);
  g_clear_pointer (&tree->tree_order, g_ptr_array_unref);
  g_clear_pointer (&tree->children, g_hash_table_unref);
  g_clear_pointer (&tree->codes, g_ptr_array_unref);
}

static int
compare_code_position (gconstpointer a,
                       gconstpointer b)
{
  const CbCodeInfo *code_a = *(const CbCodeInfo * const *) a;
  const CbCodeInfo *code_b = *(const CbCodeInfo * const *) b;

  if (code_a->position != code_b->position)
    return code_a->position < code_b->position ? -1 : 1;
  return g_utf8_collate (code_a->name, code_b->name);
}

static void
code_tree_walk (CbCodeTree *tree,
                gint64      parent_id)
{
  GPtrArray *children = g_hash_table_lookup (tree->children, &parent_id);

  if (children == NULL)
    return;
  for (guint i = 0; i < children->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (children, i);

      g_hash_table_insert (tree->tree_index, &code->id, GUINT_TO_POINTER (tree->tree_order->len));
      g_ptr_array_add (tree->tree_order, code);
      code_tree_walk (tree, code->id);
    }
}

static gboolean
code_tree_load (CbCodeTree  *tree,
                CbProject   *project,
                GError     **error)
{
  GHashTableIter iter;
  gpointer value;

  memset (tree, 0, sizeof *tree);
  tree->codes = cb_project_list_codes (project, error);
  if (tree->codes == NULL)
    return FALSE;

  tree->children = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                          g_free, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < tree->codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (tree->codes, i);
      GPtrArray *siblings = g_hash_table_lookup (tree->children, &code->parent_id);

      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (tree->children, g_memdup2 (&code->parent_id, sizeof (gint64)), siblings);
        }
      g_ptr_array_add (siblings, code);
    }

  g_hash_table_iter_init (&iter, tree->children);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_sort (value, compare_code_position);

  tree->tree_order = g_ptr_array_new ();
  tree->tree_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  code_tree_walk (tree, 0);
  return TRUE;
}

static GPtrArray *
code_tree_get_children (CbCodeTree *tree,
                        gint64      parent_id)
{
  return g_hash_table_lookup (tree->children, &parent_id);
}

static guint
code_tree_get_index (CbCodeTree *tree,
                     gint64      code_id)
{
  gpointer index;

  if (g_hash_table_lookup_extended (tree->tree_index, &code_id, NULL, &index))
    return GPOINTER_TO_UINT (index);
  return G_MAXUINT;
}

/* REFI-QDA colours are "#RRGGBB"; anything else is left out rather than
 * producing an invalid codebook. */
static char *
qdc_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return NULL;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return NULL;
  return g_ascii_strup (color, -1);
}

static void
write_qdc_code_full (CbXmlOut          *out,
                     CbCodeTree        *tree,
                     CbCodeInfo        *code,
                     CbExportCodeNotes  notes,
                     gpointer           notes_data)
{
  g_autofree char *color = qdc_color (code->color);
  GPtrArray *children;

  /* CodeType: Description?, Code*; guid, name and isCodable are required */
  xml_out_start (out, "Code");
  xml_out_attr (out, "guid", code->uuid);
  xml_out_attr (out, "name", code->name);
  xml_out_attr (out, "isCodable", "true");
  if (color != NULL)
    xml_out_attr (out, "color", color);
  if (code->description != NULL && code->description[0] != '\0')
    xml_out_text_element (out, "Description", code->description);
  /* Project.xsd allows NoteRef between Description and Code; Codebook.xsd
   * does not, so the codebook passes no @notes */
  if (notes != NULL)
    notes (out, code, notes_data);

  children = code_tree_get_children (tree, code->id);
  for (guint i = 0; children != NULL && i < children->len; i++)
    write_qdc_code_full (out, tree, g_ptr_array_index (children, i), notes, notes_data);
  xml_out_end (out);
}

static void
write_qdc_code (CbXmlOut   *out,
                CbCodeTree *tree,
                CbCodeInfo *code)
{
  write_qdc_code_full (out, tree, code, NULL, NULL);
}

/**
 * cb_export_codebook:
 * @project: a #CbProject
 * @error: a #GError
 *
 * Writes the whole code tree as a REFI-QDA codebook (.qdc, valid against
 * Codebook.xsd): one Code per code, guid = its uuid, children nested in
 * sibling order, its colour and its definition (as Description) when set.
 *
 * Returns: (transfer full): the UTF-8 bytes of the codebook, or %NULL with
 *   @error set (%CB_EXPORT_ERROR_FAILED when the project has no codes, as a
 *   codebook must hold at least one)
 */
GBytes *
cb_export_codebook (CbProject  *project,
                    GError    **error)
{
  CbCodeTree tree;
  CbXmlOut out = { 0 };
  GPtrArray *top;
  GBytes *bytes;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!code_tree_load (&tree, project, error))
    {
      code_tree_clear (&tree);
      return NULL;
    }

  top = code_tree_get_children (&tree, 0);
  if (top == NULL || top->len == 0)
    {
      code_tree_clear (&tree);
      g_set_error_literal (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                           _("The project has no codes: a REFI-QDA codebook must hold at least one code"));
      return NULL;
    }

  if (!xml_out_init (&out))
    out.failed = TRUE;

  xml_out_start_ns (&out, "CodeBook", QDC_NAMESPACE);
  xml_out_attr (&out, "origin", GENERATOR);
  xml_out_start (&out, "Codes");
  for (guint i = 0; i < top->len; i++)
    write_qdc_code (&out, &tree, g_ptr_array_index (top, i));
  xml_out_end (&out);
  xml_out_end (&out);

  bytes = xml_out_finish (&out, _("Could not write the codebook as XML"), error);
  code_tree_clear (&tree);
  return bytes;
}

/* ISO 8601 in UTC with a Z, as xs:dateTime wants it; falls back to the
 * stored string when it does not parse. */
static char *
format_timestamp (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (iso8601 == NULL)
    return g_strdup ("");
  parsed = g_date_time_new_from_iso8601 (iso8601, utc);
  if (parsed == NULL)
    return g_strdup (iso8601);
  in_utc = g_date_time_to_utc (parsed);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* Now, or SOURCE_DATE_EPOCH when set, so that exports can be reproducible. */
static char *
generated_timestamp (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr(GDateTime) when = NULL;
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    when = g_date_time_new_from_unix_utc ((gint64) seconds);
  if (when == NULL)
    when = g_date_time_new_now_utc ();
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

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

  if (!code_tree_load (&tree, project, error))
    goto failed;

  /* the codes in scope, in tree order */
  exported_codes = g_ptr_array_new ();
  if (code_path != NULL)
    {
      guint first;

      root = cb_project_get_code (project, code_path, error);
      if (root == NULL)
        goto failed;
      first = code_tree_get_index (&tree, root->id);
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
      part.code_index = code_tree_get_index (&tree, segment->code_id);
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
  generated = generated_timestamp ();
  document_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_gstring);

  if (!xml_out_init (&out))
    out.failed = TRUE;

  xml_out_start_ns (&out, "quotes", CB_QUOTES_NAMESPACE);
  xml_out_attr (&out, "version", "1");
  xml_out_attr (&out, "project", project_name);
  xml_out_attr (&out, "project-uuid", project_uuid);
  xml_out_attr (&out, "generated", generated);
  xml_out_attr (&out, "generator", GENERATOR);
  if (root != NULL)
    {
      xml_out_attr (&out, "code", root->path);
      xml_out_attr (&out, "descendants", only ? "false" : "true");
    }

  xml_out_start (&out, "codes");
  for (guint i = 0; i < exported_codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (exported_codes, i);
      g_autofree char *color = qdc_color (code->color);

      xml_out_start (&out, "code");
      xml_out_attr (&out, "uuid", code->uuid);
      xml_out_attr (&out, "path", code->path);
      xml_out_attr (&out, "name", code->name);
      xml_out_attr_int (&out, "depth", code->depth);
      xml_out_attr_int (&out, "level", code->depth - top_depth + 1);
      if (color != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (color, -1);

          xml_out_attr (&out, "color", lower);
        }
      xml_out_attr_int (&out, "quotes",
                        GPOINTER_TO_UINT (g_hash_table_lookup (code_quotes, &code->id)));
      if (code->description != NULL && code->description[0] != '\0')
        xml_out_text_element (&out, "definition", code->description);
      xml_out_end (&out);
    }
  xml_out_end (&out);

  xml_out_start (&out, "documents");
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (documents, i);

      if (document_quotes[i] == 0)
        continue;
      xml_out_start (&out, "document");
      xml_out_attr (&out, "uuid", document->uuid);
      xml_out_attr (&out, "name", document->name);
      xml_out_attr (&out, "source-name", document->source_name);
      xml_out_attr_int (&out, "chars", document->n_chars);
      xml_out_attr_int (&out, "quotes", document_quotes[i]);
      xml_out_end (&out);
    }
  xml_out_end (&out);

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

      created = format_timestamp (earliest);
      xml_out_start (&out, "quote");
      xml_out_attr (&out, "document", document->name);
      xml_out_attr (&out, "document-uuid", document->uuid);
      xml_out_attr_int (&out, "start", first->segment->start);
      xml_out_attr_int (&out, "end", first->segment->end);
      xml_out_attr (&out, "coder", first->segment->coder);
      xml_out_attr (&out, "created", created);
      if (turn != NULL)
        {
          xml_out_attr (&out, "speaker", turn->speaker);
          if (turn->timestamp != NULL)
            xml_out_attr (&out, "timestamp", turn->timestamp);
        }
      for (guint j = 0; j < n; j++)
        {
          CbSegment *segment = first[j].segment;
          CbCodeInfo *code = g_ptr_array_index (tree.tree_order, first[j].code_index);
          g_autofree char *coding_created = format_timestamp (segment->created);

          /* two codings of one code on one span by one coder cannot
           * exist (UNIQUE in the store), so every code-ref is distinct */
          xml_out_start (&out, "code-ref");
          xml_out_attr (&out, "code", code->uuid);
          xml_out_attr (&out, "path", code->path);
          xml_out_attr (&out, "coding", segment->uuid);
          xml_out_attr (&out, "created", coding_created);
          xml_out_end (&out);
        }
      xml_out_text_element (&out, "text",
                            computed_text != NULL ? computed_text : first->segment->text);
      xml_out_end (&out);
      i += n;
    }

  xml_out_end (&out);

  bytes = xml_out_finish (&out, _("Could not write the quotes as XML"), error);
  code_tree_clear (&tree);
  return bytes;

failed:
  xml_out_clear (&out);
  code_tree_clear (&tree);
  return NULL;
}

/**
 * cb_export_write_file:
 * @bytes: what to write
 * @file: where
 * @error: a #GError in %CB_EXPORT_ERROR
 *
 * Writes @bytes to @file through a temporary file renamed into place, so
 * that a failed export never leaves half a file behind (nor destroys the
 * file it would have replaced).
 *
 * Returns: %TRUE on success
 */
gboolean
cb_export_write_file (GBytes  *bytes,
                      GFile   *file,
                      GError **error)
{
  g_autoptr(GError) local_error = NULL;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (bytes != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (bytes, &size);
  if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE,
                                NULL, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_IO,
                   /* Translators: the first %s is a file name, the second the reason */
                   _("Could not write “%s”: %s"), name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Shared with the REFI-QDA project export (cb-export-xml-private.h). */

gboolean
_cb_xml_out_init (CbXmlOut *out)
{
  return xml_out_init (out);
}

void
_cb_xml_out_clear (CbXmlOut *out)
{
  xml_out_clear (out);
}

GBytes *
_cb_xml_out_finish (CbXmlOut    *out,
                    const char  *message,
                    GError     **error)
{
  return xml_out_finish (out, message, error);
}

void
_cb_xml_out_start (CbXmlOut   *out,
                   const char *name)
{
  xml_out_start (out, name);
}

void
_cb_xml_out_start_ns (CbXmlOut   *out,
                      const char *name,
                      const char *namespace_uri)
{
  xml_out_start_ns (out, name, namespace_uri);
}

void
_cb_xml_out_end (CbXmlOut *out)
{
  xml_out_end (out);
}

void
_cb_xml_out_attr (CbXmlOut   *out,
                  const char *name,
                  const char *value)
{
  xml_out_attr (out, name, value);
}

void
_cb_xml_out_attr_int (CbXmlOut   *out,
                      const char *name,
                      gint64      value)
{
  xml_out_attr_int (out, name, value);
}

void
_cb_xml_out_text_element (CbXmlOut   *out,
                          const char *name,
                          const char *text)
{
  xml_out_text_element (out, name, text);
}

char *
_cb_export_format_timestamp (const char *iso8601)
{
  return format_timestamp (iso8601);
}

gboolean
_cb_export_write_code_tree (CbXmlOut           *out,
                            CbProject          *project,
                            CbExportCodeNotes   notes,
                            gpointer            notes_data,
                            guint              *n_top,
                            GError            **error)
{
  CbCodeTree tree;
  GPtrArray *top;

  if (!code_tree_load (&tree, project, error))
    {
      code_tree_clear (&tree);
      return FALSE;
    }
  top = code_tree_get_children (&tree, 0);
  if (n_top != NULL)
    *n_top = top != NULL ? top->len : 0;
  for (guint i = 0; top != NULL && i < top->len; i++)
    write_qdc_code_full (out, &tree, g_ptr_array_index (top, i), notes, notes_data);
  code_tree_clear (&tree);
  return TRUE;
}
