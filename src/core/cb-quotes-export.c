/* cb-quotes-export.c: coded quotes as Codeboom XML (urn:codeboom:quotes:1)
 *
 * Written through libxml2's xmlTextWriter (cb-xml-writer.h), valid against
 * data/xml/codeboom-quotes-1.xsd, which documents the format.  The quote
 * lists for publication (cb-quote-formats.c) are made from this XML.
 *
 * The export streams: it reads one snapshot of the project, a document at
 * a time, twice: first to count (the <codes> and <documents> lists with
 * their counts come before the quotes), then to write the quotes.  Memory
 * holds the code tree, the document list and one document's codings and
 * text, whatever the size of the project, and the XML goes straight to
 * its stream.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-cases.h"
#include "cb-code-tree-flat.h"
#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-paragraph-index.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-qdc-private.h"
#include "cb-store-cases.h"
#include "cb-store-counts.h"
#include "cb-quotes-export.h"
#include "cb-text.h"
#include "cb-xml-writer.h"

#define GENERATOR "Codeboom " PACKAGE_VERSION

/* What the export sorts by; the segments themselves are borrowed. */
typedef struct
{
  CbSegment *segment;
  guint      code_index;      /* in tree order */
  gint64     start;           /* the segment's, beside it for sorting */
  gint64     end;
} CbQuotePart;

/* compare_quote_parts() inlined, on the keys beside the segment. */
static inline int
compare_parts_inline (const CbQuotePart *a,
                      const CbQuotePart *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if (a->code_index != b->code_index)
    return a->code_index < b->code_index ? -1 : 1;
  return g_strcmp0 (a->segment->coder, b->segment->coder);
}

/* A stable merge sort of @n parts: each code's codings come sorted by
 * start and end already, so most merges find their two runs in order
 * at the seam and only copy. */
static void
sort_parts (CbQuotePart *parts,
            guint        n)
{
  g_autofree CbQuotePart *scratch = NULL;
  CbQuotePart *from = parts;
  CbQuotePart *to;

  if (n < 2)
    return;
  to = scratch = g_new (CbQuotePart, n);
  for (guint width = 1; width < n; width *= 2)
    {
      for (guint low = 0; low < n; low += 2 * width)
        {
          guint middle = MIN (low + width, n);
          guint high = MIN (low + 2 * width, n);
          guint a = low, b = middle, k = low;

          if (middle == high || compare_parts_inline (&from[middle - 1], &from[middle]) <= 0)
            {
              memcpy (to + low, from + low, (high - low) * sizeof *to);
              continue;
            }
          while (a < middle && b < high)
            to[k++] = compare_parts_inline (&from[b], &from[a]) < 0 ? from[b++] : from[a++];
          while (a < middle)
            to[k++] = from[a++];
          while (b < high)
            to[k++] = from[b++];
        }
      {
        CbQuotePart *swap = from;

        from = to;
        to = swap;
      }
    }
  if (from != parts)
    memcpy (parts, from, n * sizeof *parts);
}

/* Parts on the same span make one quote, whoever coded them. */
static gboolean
same_span (const CbQuotePart *a,
           const CbQuotePart *b)
{
  return a->segment->start == b->segment->start && a->segment->end == b->segment->end;
}

typedef struct
{
  CbProject           *project;
  CbExportQuotesFlags  flags;
  CbCodeTree           tree;
  CbCodeInfo          *root;            /* the code asked for, or NULL */
  GPtrArray           *exported;        /* CbCodeInfo in scope, tree order (borrowed) */
  GHashTable          *code_quotes;     /* code id -> quote count, codes in scope only */
  GPtrArray           *documents;
  guint               *document_quotes; /* per document */
  GPtrArray           *code_rows;       /* CbStoreCodeRows a code in scope, for one code's
                                         * subtree (cb-store-retrieve.c); NULL: whole project */
  GHashTable          *coders;          /* coder id → name, with code_rows */
  GHashTable          *speakers;        /* speaker id → name */
  GPtrArray           *span_rows;       /* CbStoreCodeRows of spans only, parallel to code_rows,
                                         * for counting without a filter */
  const CbCaseFilter  *filter;          /* only quotes of passing cases, or NULL */
  GPtrArray           *attributes;      /* CbAttributeInfo, when the project has cases */
  GHashTable          *cases;           /* case id -> CbCaseInfo (borrowed from case_list) */
  GPtrArray           *case_list;
} QuotesExport;

static void
quotes_export_clear (QuotesExport *export)
{
  _cb_code_tree_clear (&export->tree);
  g_clear_pointer (&export->root, cb_code_info_free);
  g_clear_pointer (&export->exported, g_ptr_array_unref);
  g_clear_pointer (&export->code_quotes, g_hash_table_unref);
  g_clear_pointer (&export->documents, g_ptr_array_unref);
  g_clear_pointer (&export->document_quotes, g_free);
  g_clear_pointer (&export->code_rows, g_ptr_array_unref);
  g_clear_pointer (&export->span_rows, g_ptr_array_unref);
  g_clear_pointer (&export->coders, g_hash_table_unref);
  g_clear_pointer (&export->speakers, g_hash_table_unref);
  g_clear_pointer (&export->attributes, g_ptr_array_unref);
  g_clear_pointer (&export->cases, g_hash_table_unref);
  g_clear_pointer (&export->case_list, g_ptr_array_unref);
}

static const CbSpanRef segment_ref = {
  G_STRUCT_OFFSET (CbSegment, document_id),
  G_STRUCT_OFFSET (CbSegment, start),
  G_STRUCT_OFFSET (CbSegment, end),
  G_STRUCT_OFFSET (CbSegment, coder),
};

/* The case a quote belongs to, for citations: the first by name whose
 * coverage overlaps it; @spans are the document's (cases in name order). */
static CbCaseInfo *
quote_case (QuotesExport *export,
            GArray       *spans,
            CbSegment    *segment)
{
  for (guint i = 0; spans != NULL && i < spans->len; i++)
    {
      CbStoreCoverage *span = &g_array_index (spans, CbStoreCoverage, i);

      if (span->start < MAX (segment->end, segment->start + 1) && span->end > segment->start)
        return g_hash_table_lookup (export->cases, &span->case_id);
    }
  return NULL;
}

/* A quote's case (its name, or with @children its values). */
static void
write_quote_case (QuotesExport  *export,
                  CbXmlOut      *out,
                  CbCaseInfo    *info,
                  gboolean       children)
{
  if (info == NULL)
    return;
  if (!children)
    {
      _cb_xml_out_attr (out, "case", info->name);
      return;
    }
  for (guint a = 0; a < export->attributes->len && info->values[a] != NULL; a++)
    {
      CbAttributeInfo *attribute = export->attributes->pdata[a];

      if (info->values[a][0] == '\0')
        continue;
      _cb_xml_out_start (out, "case-value");
      _cb_xml_out_attr (out, "name", attribute->name);
      _cb_xml_out_attr (out, "type", cb_attribute_type_to_string (attribute->type));
      _cb_xml_out_attr (out, "value", info->values[a]);
      _cb_xml_out_end (out);
    }
}

/* A document's codings as document_parts() read them: either views whose
 * strings are borrowed (one code's subtree) or whole segments. */
typedef struct
{
  GArray       *views;     /* CbSegment, strings in @strings or borrowed */
  GStringChunk *strings;
  GPtrArray    *owned;     /* CbSegment, owned */
} DocumentRows;

static void
document_rows_clear (DocumentRows *rows)
{
  g_clear_pointer (&rows->views, g_array_unref);
  g_clear_pointer (&rows->strings, g_string_chunk_free);
  g_clear_pointer (&rows->owned, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DocumentRows, document_rows_clear)

/* The codings of @document in scope, sorted into quotes (runs of parts on
 * one span); @rows owns what the parts point to. */
static GArray *
document_parts (QuotesExport    *export,
                CbDocumentInfo  *document,
                DocumentRows    *rows,
                GError         **error)
{
  g_autoptr(GPtrArray) segments = NULL;
  GArray *parts;

  /* One code's subtree: only its codings, read by the retrieval's
   * statements (one per code, walking the index (code, document, …)),
   * not every coding of the document, and without copying their strings. */
  if (export->code_rows != NULL)
    {
      rows->views = g_array_new (FALSE, FALSE, sizeof (CbSegment));
      rows->strings = g_string_chunk_new (1 << 14);
      for (guint c = 0; c < export->code_rows->len; c++)
        if (!_cb_store_code_rows_read (export->code_rows->pdata[c], document->id, document->name,
                                       export->coders, rows->views, rows->strings, error))
          return NULL;
      segments = g_ptr_array_sized_new (rows->views->len);
      for (guint i = 0; i < rows->views->len; i++)
        g_ptr_array_add (segments, &g_array_index (rows->views, CbSegment, i));
    }
  else
    {
      rows->owned = _cb_store_list_segments (_cb_project_get_store (export->project), NULL,
                                             document->id, error);
      if (rows->owned == NULL)
        return NULL;
      /* borrowed: the filter below only drops pointers */
      segments = g_ptr_array_copy (rows->owned, NULL, NULL);
      g_ptr_array_set_free_func (segments, NULL);   /* the copy takes the free function too */
    }
  if (export->filter != NULL &&
      !cb_project_filter_spans (export->project, export->filter, segments, &segment_ref, error))
    return NULL;
  parts = g_array_sized_new (FALSE, FALSE, sizeof (CbQuotePart), segments->len);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (segments, i);
      CbQuotePart part;

      if (!g_hash_table_contains (export->code_quotes, &segment->code_id))
        continue;
      part.segment = segment;
      part.code_index = _cb_code_tree_get_index (&export->tree, segment->code_id);
      part.start = segment->start;
      part.end = segment->end;
      g_array_append_val (parts, part);
    }
  sort_parts ((CbQuotePart *) parts->data, parts->len);
  return parts;
}

static inline int
compare_code_spans (gconstpointer a,
                    gconstpointer b)
{
  const CbStoreCodeSpan *x = a;
  const CbStoreCodeSpan *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

/* The codes' spans sorted as sort_parts() sorts parts: merging the runs
 * each code's codings come in (qsort() was a tenth of the export). */
static void
sort_spans (CbStoreCodeSpan *spans,
            guint            n)
{
  g_autofree CbStoreCodeSpan *scratch = NULL;
  CbStoreCodeSpan *from = spans;
  CbStoreCodeSpan *to;

  if (n < 2)
    return;
  to = scratch = g_new (CbStoreCodeSpan, n);
  for (guint width = 1; width < n; width *= 2)
    {
      for (guint low = 0; low < n; low += 2 * width)
        {
          guint middle = MIN (low + width, n);
          guint high = MIN (low + 2 * width, n);
          guint a = low, b = middle, k = low;

          if (middle == high || compare_code_spans (&from[middle - 1], &from[middle]) <= 0)
            {
              memcpy (to + low, from + low, (high - low) * sizeof *to);
              continue;
            }
          while (a < middle && b < high)
            to[k++] = compare_code_spans (&from[b], &from[a]) < 0 ? from[b++] : from[a++];
          while (a < middle)
            to[k++] = from[a++];
          while (b < high)
            to[k++] = from[b++];
        }
      {
        CbStoreCodeSpan *swap = from;

        from = to;
        to = swap;
      }
    }
  if (from != spans)
    memcpy (spans, from, n * sizeof *spans);
}

/* The first pass without a filter: the same counts from the codings'
 * spans alone (the covering index's integers: no strings, no sort of the
 * parts), a document at a time. */
static gboolean
count_quotes_by_spans (QuotesExport  *export,
                       GError       **error)
{
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbStoreCodeSpan));

  for (guint d = 0; d < export->documents->len; d++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export->documents, d);

      g_array_set_size (spans, 0);
      for (guint c = 0; c < export->span_rows->len; c++)
        {
          CbCodeInfo *code = g_ptr_array_index (export->exported, c);
          guint first = spans->len;
          guint n_spans = 0;

          if (!_cb_store_code_rows_read_spans (export->span_rows->pdata[c], document->id, spans, error))
            return FALSE;
          /* in order by start and end: equal neighbours are one quote
           * coded by several coders */
          for (guint i = first; i < spans->len; i++)
            if (i == first || compare_code_spans (&g_array_index (spans, CbStoreCodeSpan, i - 1),
                                                  &g_array_index (spans, CbStoreCodeSpan, i)) != 0)
              n_spans++;
          if (n_spans > 0)
            g_hash_table_insert (export->code_quotes, &code->id,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (export->code_quotes, &code->id)) + n_spans));
        }
      sort_spans ((CbStoreCodeSpan *) spans->data, spans->len);
      for (guint i = 0; i < spans->len; i++)
        if (i == 0 || compare_code_spans (&g_array_index (spans, CbStoreCodeSpan, i - 1),
                                          &g_array_index (spans, CbStoreCodeSpan, i)) != 0)
          export->document_quotes[d]++;
    }
  return TRUE;
}

/* The first pass: quotes per code (a code counts once per quote, however
 * many coders gave it) and per document. */
static gboolean
count_quotes (QuotesExport  *export,
              GError       **error)
{
  export->document_quotes = g_new0 (guint, export->documents->len + 1);
  if (export->span_rows != NULL)
    return count_quotes_by_spans (export, error);
  for (guint d = 0; d < export->documents->len; d++)
    {
      g_auto(DocumentRows) rows = { NULL };
      g_autoptr(GArray) parts = document_parts (export, g_ptr_array_index (export->documents, d),
                                                &rows, error);

      if (parts == NULL)
        return FALSE;
      for (guint i = 0; i < parts->len; i++)
        {
          CbQuotePart *part = &g_array_index (parts, CbQuotePart, i);
          gint64 *code_id = &part->segment->code_id;
          gboolean new_quote = i == 0 || !same_span (part - 1, part);

          if (new_quote)
            export->document_quotes[d]++;
          /* the same code by another coder on this span: already counted;
           * insert keeps the key that is there, the tree's own id */
          if (new_quote || part[-1].segment->code_id != *code_id)
            g_hash_table_insert (export->code_quotes, code_id,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (export->code_quotes, code_id)) + 1));
        }
      if ((export->flags & CB_EXPORT_QUOTES_FIRST_DOCUMENT) && export->document_quotes[d] > 0)
        break;
    }
  return TRUE;
}

/* Whether each exported code gets a heading: it or a code below it has a
 * quote (or every code, with CB_EXPORT_QUOTES_WITH_EMPTY_CODES). */
static gboolean *
codes_to_list (QuotesExport *export)
{
  gboolean *listed = g_new0 (gboolean, export->exported->len + 1);
  g_autoptr(GHashTable) position = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < export->exported->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (export->exported, i);

      g_hash_table_insert (position, &code->id, GUINT_TO_POINTER (i));
      listed[i] = (export->flags & CB_EXPORT_QUOTES_WITH_EMPTY_CODES) != 0;
    }
  for (guint i = 0; i < export->exported->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (export->exported, i);
      gpointer at;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (export->code_quotes, &code->id)) == 0)
        continue;
      /* it and its ancestors in scope */
      for (gint64 id = code->id;
           g_hash_table_lookup_extended (position, &id, NULL, &at);
           id = ((CbCodeInfo *) g_ptr_array_index (export->exported, GPOINTER_TO_UINT (at)))->parent_id)
        listed[GPOINTER_TO_UINT (at)] = TRUE;
    }
  return listed;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The coders of a quote's @n parts, each once, sorted, joined by ", ". */
static char *
quote_coders (CbQuotePart *parts,
              guint        n,
              gboolean    *several)
{
  g_autoptr(GPtrArray) coders = g_ptr_array_new ();
  GString *joined = g_string_new (NULL);

  for (guint j = 0; j < n; j++)
    {
      const char *coder = parts[j].segment->coder != NULL ? parts[j].segment->coder : "";

      if (!g_ptr_array_find_with_equal_func (coders, coder, g_str_equal, NULL))
        g_ptr_array_add (coders, (gpointer) coder);
    }
  g_ptr_array_sort (coders, compare_strings);
  for (guint j = 0; j < coders->len; j++)
    g_string_append_printf (joined, "%s%s", j > 0 ? ", " : "", (const char *) g_ptr_array_index (coders, j));
  *several = coders->len > 1;
  return g_string_free (joined, FALSE);
}

/* What writing one document's quotes needs inside the text's read. */
typedef struct
{
  QuotesExport    *export;
  CbXmlOut        *out;
  CbDocumentInfo  *document;
  GArray          *parts;
  GPtrArray       *turns;
  GArray          *case_spans;
  CbStore         *store;
} DocumentQuotes;

/* Writes the quotes of one document while its stored text is read (no
 * copy): each quote's bytes are found from the text's character index and
 * checked in one pass, and written from the text as they are. */
static gboolean
write_quotes_in_text (const char    *text,
                      gsize          length,
                      const guint8  *index,
                      gsize          index_length,
                      gpointer       data,
                      GError       **error)
{
  DocumentQuotes *q = data;
  QuotesExport *export = q->export;
  CbXmlOut *out = q->out;
  CbDocumentInfo *document = q->document;
  GArray *parts = q->parts;
  /* the numbers the app's margin shows beside the paragraphs, found in
   * bytes: the quotes' bytes are known here */
  g_autoptr(CbParagraphIndex) paragraphs = cb_paragraph_index_new_bytes (text, length);

  for (guint i = 0; i < parts->len && !out->failed; )
    {
      CbQuotePart *first = &g_array_index (parts, CbQuotePart, i);
      const char *earliest = first->segment->created;
      g_autofree char *joined = NULL;
      const char *coders;
      gboolean several = FALSE;
      const CbTurnInfo *turn;
      guint paragraph;
      gsize start_byte = 0;
      gsize end_byte = 0;
      guint n;

      for (n = 1; i + n < parts->len && same_span (first, first + n); n++)
        if (g_strcmp0 (first[n].segment->created, earliest) < 0)
          earliest = first[n].segment->created;

      /* untrusted: the quote's bytes are checked as they are found */
      if (!cb_text_cut_indexed (text, length, index, index_length, first->segment->start, first->segment->end,
                                &start_byte, &end_byte))
        return _cb_store_check_document_text (q->store, document->id, NULL, 0, error);

      /* the turn the app shows for this quote: the first that overlaps it */
      turn = cb_turn_find_for_span (q->turns, first->segment->start, first->segment->end);
      if (n == 1)
        coders = first->segment->coder != NULL ? first->segment->coder : "";
      else
        coders = joined = quote_coders (first, n, &several);

      _cb_xml_out_start (out, "quote");
      _cb_xml_out_attr (out, "document", document->name);
      _cb_xml_out_attr (out, "document-uuid", document->uuid);
      _cb_xml_out_attr_int (out, "start", first->segment->start);
      _cb_xml_out_attr_int (out, "end", first->segment->end);
      _cb_xml_out_attr (out, "coder", coders);
      _cb_xml_out_attr_timestamp (out, "created", earliest);
      paragraph = cb_paragraph_index_number_at (paragraphs, start_byte);
      if (paragraph > 0)
        _cb_xml_out_attr_int (out, "paragraph", paragraph);
      if (turn != NULL)
        {
          _cb_xml_out_attr (out, "speaker", turn->speaker);
          if (turn->timestamp != NULL)
            _cb_xml_out_attr (out, "timestamp", turn->timestamp);
        }
      {
        CbCaseInfo *info = quote_case (export, q->case_spans, first->segment);

        write_quote_case (export, out, info, FALSE);
        write_quote_case (export, out, info, TRUE);
      }
      for (guint j = 0; j < n; j++)
        {
          CbSegment *segment = first[j].segment;
          CbCodeInfo *code = g_ptr_array_index (export->tree.tree_order, first[j].code_index);

          /* one code on one span by one coder is one coding (UNIQUE in
           * the store); by several coders, each code-ref says whose */
          _cb_xml_out_start (out, "code-ref");
          _cb_xml_out_attr (out, "code", code->uuid);
          _cb_xml_out_attr (out, "path", code->path);
          _cb_xml_out_attr (out, "coding", segment->uuid);
          _cb_xml_out_attr_timestamp (out, "created", segment->created);
          if (several)
            _cb_xml_out_attr (out, "coder", segment->coder);
          if ((export->flags & CB_EXPORT_QUOTES_WITH_MEMOS) && segment->memo != NULL && segment->memo[0] != '\0')
            _cb_xml_out_text_element (out, "memo", segment->memo);
          _cb_xml_out_end (out);
        }
      _cb_xml_out_text_element_len (out, "text", text + start_byte, end_byte - start_byte);
      _cb_xml_out_end (out);
      i += n;
    }
  return TRUE;
}

/* The second pass for one document: its quotes. */
static gboolean
write_document_quotes (QuotesExport    *export,
                       CbXmlOut        *out,
                       CbDocumentInfo  *document,
                       GError         **error)
{
  g_auto(DocumentRows) rows = { NULL };
  g_autoptr(GArray) parts = NULL;
  g_autoptr(GArray) turn_list = g_array_new (FALSE, FALSE, sizeof (CbTurnInfo));
  g_autoptr(GPtrArray) turns = NULL;
  g_autoptr(GArray) case_spans = NULL;
  CbStore *store = _cb_project_get_store (export->project);
  GStringChunk *timestamps = g_string_chunk_new (1024);
  DocumentQuotes q;
  gboolean ok;

  parts = document_parts (export, document, &rows, error);
  /* the turns without an allocation each (cb_turn_find_for_span() takes
   * pointers to them) */
  if (parts == NULL ||
      !_cb_store_list_turn_spans (store, document->id, export->speakers, turn_list, timestamps, error))
    {
      g_string_chunk_free (timestamps);
      return FALSE;
    }
  turns = g_ptr_array_sized_new (turn_list->len);
  for (guint i = 0; i < turn_list->len; i++)
    g_ptr_array_add (turns, &g_array_index (turn_list, CbTurnInfo, i));
  if (export->cases != NULL && g_hash_table_size (export->cases) > 0 &&
      !(case_spans = _cb_store_document_case_spans (store, document->id, error)))
    {
      g_string_chunk_free (timestamps);
      return FALSE;
    }

  q.export = export;
  q.out = out;
  q.document = document;
  q.parts = parts;
  q.turns = turns;
  q.case_spans = case_spans;
  q.store = store;
  ok = _cb_store_with_document_text (store, document->id, write_quotes_in_text, &q, error);
  g_string_chunk_free (timestamps);
  return ok;
}

/* The whole export into @out, inside one read snapshot. */
static gboolean
write_quotes (CbProject            *project,
              const char           *code_path,
              CbExportQuotesFlags   flags,
              const CbCaseFilter   *filter,
              CbXmlOut             *out,
              CbProgressFunc        progress,
              gpointer              progress_data,
              GCancellable         *cancellable,
              GError              **error)
{
  guint n_written = 0;
  guint n_quoted = 0;
  QuotesExport export = { 0 };
  g_autofree gboolean *listed = NULL;
  g_autofree char *project_name = NULL;
  g_autofree char *project_uuid = NULL;
  g_autofree char *generated = NULL;
  gboolean only = (flags & CB_EXPORT_QUOTES_ONLY) != 0;
  guint top_depth = 0;
  gboolean ok = FALSE;

  export.project = project;
  export.flags = flags;
  export.filter = filter;
  if (!_cb_project_begin_read (project, error))
    return FALSE;
  if (!(export.attributes = cb_project_list_attributes (project, error)) ||
      !(export.case_list = cb_project_list_cases (project, NULL, error)))
    goto out;
  export.cases = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < export.case_list->len; i++)
    g_hash_table_insert (export.cases, &((CbCaseInfo *) export.case_list->pdata[i])->id, export.case_list->pdata[i]);
  if (!_cb_code_tree_load (&export.tree, project, error) ||
      !(export.speakers = _cb_store_load_speaker_names (_cb_project_get_store (project), error)))
    goto out;

  /* the codes in scope, in tree order */
  export.exported = g_ptr_array_new ();
  if (code_path != NULL)
    {
      guint first, end;
      gint64 root_id;

      /* looked up, then taken from the tree read already
       * (cb_project_get_code() would also count the code's codings) */
      if (!(root_id = _cb_project_lookup_code (project, code_path, error)))
        goto out;
      first = _cb_code_tree_get_index (&export.tree, root_id);
      if (first != G_MAXUINT)
        export.root = cb_code_info_copy (g_ptr_array_index (export.tree.tree_order, first));
      if (first == G_MAXUINT)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                       _("No code “%s”"), code_path);
          goto out;
        }
      /* a subtree is contiguous in depth-first order */
      end = only ? first + 1 : cb_code_list_subtree_end (export.tree.tree_order, first);
      for (guint i = first; i < end; i++)
        g_ptr_array_add (export.exported, g_ptr_array_index (export.tree.tree_order, i));
      top_depth = export.root->depth;
    }
  else
    g_ptr_array_extend (export.exported, export.tree.tree_order, NULL, NULL);

  export.code_quotes = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < export.exported->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (export.exported, i);

      g_hash_table_insert (export.code_quotes, &code->id, GUINT_TO_POINTER (0));
    }

  if (code_path != NULL)
    {
      CbStore *store = _cb_project_get_store (project);

      if (!(export.coders = _cb_store_load_coder_names (store, error)))
        goto out;
      export.code_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_code_rows_free);
      for (guint i = 0; i < export.exported->len; i++)
        {
          CbStoreCodeRows *rows = _cb_store_code_rows_new (store, ((CbCodeInfo *) g_ptr_array_index (export.exported, i))->id,
                                                           error);

          if (rows == NULL)
            goto out;
          g_ptr_array_add (export.code_rows, rows);
        }
      /* counted from the spans alone, unless a filter must see each
       * coding (its coder, its case) or only the first document counts */
      if (filter == NULL && !(flags & CB_EXPORT_QUOTES_FIRST_DOCUMENT))
        {
          export.span_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_code_rows_free);
          for (guint i = 0; i < export.exported->len; i++)
            {
              CbStoreCodeRows *rows = _cb_store_code_rows_new_spans (store, ((CbCodeInfo *) g_ptr_array_index (export.exported, i))->id,
                                                                     error);

              if (rows == NULL)
                goto out;
              g_ptr_array_add (export.span_rows, rows);
            }
        }
    }

  export.documents = _cb_store_list_documents_uncounted (_cb_project_get_store (project), error);
  if (export.documents == NULL || !count_quotes (&export, error))
    goto out;
  listed = codes_to_list (&export);

  project_name = cb_project_dup_name (project);
  project_uuid = cb_project_dup_uuid (project);
  generated = _cb_xml_generated_timestamp ();

  _cb_xml_out_start_ns (out, "quotes", CB_QUOTES_NAMESPACE);
  _cb_xml_out_attr (out, "version", "1");
  _cb_xml_out_attr (out, "project", project_name);
  _cb_xml_out_attr (out, "project-uuid", project_uuid);
  _cb_xml_out_attr (out, "generated", generated);
  _cb_xml_out_attr (out, "generator", GENERATOR);
  if (export.root != NULL)
    {
      _cb_xml_out_attr (out, "code", export.root->path);
      _cb_xml_out_attr (out, "descendants", only ? "false" : "true");
    }

  _cb_xml_out_start (out, "codes");
  for (guint i = 0; i < export.exported->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (export.exported, i);
      g_autofree char *color = _cb_qdc_color (code->color);

      if (!listed[i])
        continue;
      _cb_xml_out_start (out, "code");
      _cb_xml_out_attr (out, "uuid", code->uuid);
      _cb_xml_out_attr (out, "path", code->path);
      _cb_xml_out_attr (out, "name", code->name);
      _cb_xml_out_attr_int (out, "depth", code->depth);
      _cb_xml_out_attr_int (out, "level", code->depth - top_depth + 1);
      if (color != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (color, -1);

          _cb_xml_out_attr (out, "color", lower);
        }
      _cb_xml_out_attr_int (out, "quotes",
                            GPOINTER_TO_UINT (g_hash_table_lookup (export.code_quotes, &code->id)));
      if (code->description != NULL && code->description[0] != '\0')
        _cb_xml_out_text_element (out, "definition", code->description);
      if ((flags & CB_EXPORT_QUOTES_WITH_MEMOS) && code->memo != NULL && code->memo[0] != '\0')
        _cb_xml_out_text_element (out, "memo", code->memo);
      _cb_xml_out_end (out);
    }
  _cb_xml_out_end (out);

  _cb_xml_out_start (out, "documents");
  for (guint i = 0; i < export.documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export.documents, i);

      if (export.document_quotes[i] == 0)
        continue;
      _cb_xml_out_start (out, "document");
      _cb_xml_out_attr (out, "uuid", document->uuid);
      _cb_xml_out_attr (out, "name", document->name);
      _cb_xml_out_attr (out, "source-name", document->source_name);
      _cb_xml_out_attr_int (out, "chars", document->n_chars);
      _cb_xml_out_attr_int (out, "quotes", export.document_quotes[i]);
      _cb_xml_out_end (out);
    }
  _cb_xml_out_end (out);

  for (guint i = 0; i < export.documents->len; i++)
    if (export.document_quotes[i] > 0)
      n_quoted++;
  for (guint i = 0; i < export.documents->len && !out->failed; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export.documents, i);

      if (export.document_quotes[i] == 0)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL)
        {
          /* TRANSLATORS: progress of an export: "Writing “Anna” (3 of 50)" */
          g_autofree char *message = g_strdup_printf (_("Writing “%s” (%u of %u)"),
                                                      document->name, n_written + 1, n_quoted);

          progress ((double) n_written / n_quoted, message, progress_data);
        }
      if (!write_document_quotes (&export, out, document, error))
        goto out;
      _cb_xml_out_flush (out);
      n_written++;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  _cb_xml_out_end (out);
  if (progress != NULL)
    progress (1.0, _("Export finished"), progress_data);
  ok = TRUE;

out:
  /* the statements read in the snapshot: done before it ends */
  g_clear_pointer (&export.code_rows, g_ptr_array_unref);
  g_clear_pointer (&export.span_rows, g_ptr_array_unref);
  _cb_project_end_read (project);
  quotes_export_clear (&export);
  return ok;
}

#define QUOTES_FAILED _("Could not write the quotes as XML")

/**
 * cb_export_quotes_full:
 * @project: a #CbProject
 * @code_path: (nullable): the code whose quotes to export, or %NULL for
 *   every code
 * @flags: #CbExportQuotesFlags
 * @error: a #GError
 *
 * Writes coded quotes as XML in %CB_QUOTES_NAMESPACE, valid against
 * data/xml/codeboom-quotes-1.xsd (which documents the format): the codes
 * exported in tree order with their definitions (those with quotes of
 * their own or below them, unless %CB_EXPORT_QUOTES_WITH_EMPTY_CODES), the
 * documents quoted, then every quote ordered by document, start and end.
 * Codings of one span, by one coder or several, with one exported code or
 * several, are one quote.
 *
 * Returns: (transfer full): the UTF-8 bytes, or %NULL with @error set
 *   (%CB_PROJECT_ERROR_NOT_FOUND when @code_path names no code)
 */
GBytes *
cb_export_quotes_full (CbProject            *project,
                       const char           *code_path,
                       CbExportQuotesFlags   flags,
                       GError              **error)
{
  CbXmlOut out = { 0 };

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_cb_xml_out_init_plain (&out))
    out.failed = TRUE;
  if (!write_quotes (project, code_path, flags, NULL, &out, NULL, NULL, NULL, error))
    {
      _cb_xml_out_clear (&out);
      return NULL;
    }
  return _cb_xml_out_finish (&out, QUOTES_FAILED, error);
}

GBytes *
cb_export_quotes_where (CbProject            *project,
                        const char           *code_path,
                        CbExportQuotesFlags   flags,
                        const CbCaseFilter   *filter,
                        GError              **error)
{
  CbXmlOut out = { 0 };

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_cb_xml_out_init_plain (&out))
    out.failed = TRUE;
  if (!write_quotes (project, code_path, flags, filter, &out, NULL, NULL, NULL, error))
    {
      _cb_xml_out_clear (&out);
      return NULL;
    }
  return _cb_xml_out_finish (&out, QUOTES_FAILED, error);
}

/**
 * cb_export_quotes_to_stream:
 * @stream: where to write (not closed)
 *
 * cb_export_quotes_where() written to @stream a document at a time, so
 * that memory does not grow with the export (`retrieve --format xml` to
 * stdout).  On failure part of the XML may have been written.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_export_quotes_to_stream (CbProject            *project,
                            const char           *code_path,
                            CbExportQuotesFlags   flags,
                            const CbCaseFilter   *filter,
                            GOutputStream        *stream,
                            GError              **error)
{
  CbXmlOut out = { 0 };

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_cb_xml_out_init_stream_plain (&out, stream))
    out.failed = TRUE;
  if (!write_quotes (project, code_path, flags, filter, &out, NULL, NULL, NULL, error))
    {
      _cb_xml_out_clear (&out);
      return FALSE;
    }
  return _cb_xml_out_finish_stream (&out, QUOTES_FAILED, error);
}

GBytes *
cb_export_quotes (CbProject   *project,
                  const char  *code_path,
                  gboolean     only,
                  GError     **error)
{
  return cb_export_quotes_full (project, code_path, only ? CB_EXPORT_QUOTES_ONLY : 0, error);
}

/**
 * cb_export_quotes_to_file:
 * @project: a #CbProject
 * @code_path: (nullable): as for cb_export_quotes_full()
 * @flags: #CbExportQuotesFlags
 * @file: where to write
 * @error: a #GError
 *
 * Writes the same XML as cb_export_quotes_full() straight into @file, a
 * document at a time, so that memory does not grow with the export; @file
 * is replaced only when all went well.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_export_quotes_to_file (CbProject            *project,
                          const char           *code_path,
                          CbExportQuotesFlags   flags,
                          GFile                *file,
                          GError              **error)
{
  return cb_export_quotes_to_file_full (project, code_path, flags, file, NULL, NULL, NULL, error);
}

/**
 * cb_export_quotes_to_file_full:
 * @progress: (nullable): called before each document written, then with 1.0
 * @cancellable: (nullable): cancelled gives %G_IO_ERROR_CANCELLED and
 *   leaves @file as it was (the part written is removed)
 *
 * cb_export_quotes_to_file() with progress and a cancel, for front ends.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_export_quotes_to_file_full (CbProject            *project,
                               const char           *code_path,
                               CbExportQuotesFlags   flags,
                               GFile                *file,
                               CbProgressFunc        progress,
                               gpointer              progress_data,
                               GCancellable         *cancellable,
                               GError              **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  CbXmlOut out = { 0 };

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = _cb_export_file_begin (file, error);
  if (stream == NULL)
    return FALSE;
  if (!_cb_xml_out_init_stream_plain (&out, stream))
    out.failed = TRUE;
  if (!write_quotes (project, code_path, flags, NULL, &out, progress, progress_data, cancellable, error))
    {
      _cb_xml_out_clear (&out);
      _cb_export_file_abort (stream);
      return FALSE;
    }
  if (!_cb_xml_out_finish_stream (&out, QUOTES_FAILED, error))
    {
      _cb_export_file_abort (stream);
      return FALSE;
    }
  return _cb_export_file_commit (stream, file, error);
}
