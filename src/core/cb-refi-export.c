/* cb-refi-export.c: a whole project as a REFI-QDA project exchange file (.qdpx)
 *
 * project.qde is written with the same xmlTextWriter helpers as the
 * codebook (cb-xml-writer.h, cb-qdc-private.h), children in the order
 * Project.xsd requires: Users, CodeBook, Sources, Notes, then the
 * project's NoteRef; Variables and Cases (the case attributes and the
 * cases) between CodeBook and Sources.  A case's whole documents are
 * SourceRefs, its spans and speakers' turns SelectionRefs to
 * PlainTextSelections of the documents (the coded selection's guid when a
 * span is also coded, else a selection without Coding).
 * Each document is a TextSource whose text is sources/<guid>.txt; each span
 * coded with one or more codes is one PlainTextSelection holding one
 * Coding per coding (guid = the coding's uuid, creatingUser = its coder);
 * codings of one span by several coders are one selection per coder, with
 * the coder as the selection's creatingUser too (QualCoder reads the owner
 * from the selection).
 * Memos (of the project, documents, codes and codings) become Notes.
 * Free-standing memos are Notes of their own (guid = the memo's uuid, name
 * = its title, author and times as attributes, type and level in the
 * Description as "Codeboom memo; type: T; level: L"); their evidence spans
 * are PlainTextSelections without Coding holding a NoteRef to the Note.
 * Document sets are <Sets> of <MemberSource>s.  A text edited or
 * pseudonymised since import says so in its TextSource's Description
 * ("Codeboom document; edited: T; pseudonymised: T").
 *
 * GUIDs of things Codeboom does not store (selections, notes) are derived
 * from the uuids they belong to, so that exporting twice gives the same
 * file (with SOURCE_DATE_EPOCH for the timestamps that are "now").
 *
 * The whole export reads one snapshot of the project (one read
 * transaction), the code tree once.  project.qde is produced a document at
 * a time: written into memory for cb_refi_export_qde(), or pulled by the
 * zip writer while it compresses (cb_refi_export_project_to_file()), so
 * that memory holds one document's XML and text, whatever the project's
 * size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <zip.h>

#include "cb-error.h"
#include "cb-cases.h"
#include "cb-code-tree-flat.h"
#include "cb-export-xml.h"
#include "cb-project-private.h"
#include "cb-pseudonymise.h"
#include "cb-qdc-private.h"
#include "cb-refi-export.h"
#include "cb-store-cases.h"
#include "cb-store-counts.h"
#include "cb-store-pseudonymise.h"
#include "cb-refi-names.h"
#include "cb-store-refi.h"
#include "cb-store-refi-notes.h"
#include "cb-store-sets.h"
#include "cb-text.h"
#include "cb-xml-writer.h"
#include "cb-zip-write.h"

#define GENERATOR "Codeboom " PACKAGE_VERSION

/* How much of a selection's text its name attribute carries: enough for a
 * reader to tell code points from UTF-16 units, little enough to keep the
 * file small. */
#define SELECTION_NAME_CHARS 60

typedef struct
{
  char *guid;
  char *name;
  char *text;
} Note;

static void
note_free (gpointer data)
{
  Note *note = data;

  g_free (note->guid);
  g_free (note->name);
  g_free (note->text);
  g_free (note);
}

typedef struct
{
  CbProject         *project;
  CbRefiExportFlags  flags;
  GPtrArray         *notes;       /* (element-type Note) */
  GHashTable        *coder_uuids; /* coder name -> uuid (borrowed) */
  CbCodeTree         tree;        /* the code tree, read once */
  GPtrArray         *code_rows;   /* CbStoreCodeRows of every code, tree order: a document's
                                   * codings read from the covering index (cb-store-retrieve.c) */
  GHashTable        *coder_names; /* coder id -> name, for code_rows */
  GPtrArray         *coders;
  GPtrArray         *documents;
  gboolean          *has_original; /* per document: its rich original is kept */
  char              *name;
  char              *memo;
  char              *uuid;
  char              *created;
  GPtrArray         *attributes;  /* (element-type CbAttributeInfo) */
  GPtrArray         *cases;       /* (element-type CbCaseInfo) */
  GArray            *coverage;    /* (element-type CbStoreCoverage), by case */
  GPtrArray         *memos;       /* (element-type CbStoreMemo) free-standing */
  GPtrArray         *memo_links;  /* (element-type CbStoreMemoLink) by document */
  GPtrArray         *sets;        /* (element-type CbStoreSet) */
  CbProgressFunc     progress;    /* (nullable) the streamed export's */
  gpointer           progress_data;
  GCancellable      *cancellable;
} Export;

/* A name-based UUID (SHA-1, RFC 4122 version 5 layout) for @kind and @key. */
static char *
derived_guid (const char *kind,
              const char *key,
              gint64      a,
              gint64      b)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  char numbers[64];
  guint8 digest[20];
  gsize length = sizeof digest;

  static const char hex[] = "0123456789abcdef";
  char *guid = g_malloc (37);
  char *p = guid;

  g_snprintf (numbers, sizeof numbers, ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, a, b);
  g_checksum_update (checksum, (const guchar *) "codeboom:", -1);
  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, (const guchar *) ":", -1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_update (checksum, (const guchar *) numbers, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  /* 8-4-4-4-12 lower-case hex digits, without printf (one per selection) */
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[digest[i] >> 4];
      *p++ = hex[digest[i] & 0x0f];
    }
  *p = '\0';
  return guid;
}

/* Writes <NoteRef> to a new Note holding @memo, when there is a memo. */
static void
write_note_ref (CbXmlOut   *out,
                Export     *export,
                const char *kind,
                const char *owner_uuid,
                const char *owner_name,
                const char *memo)
{
  Note *note;

  if (memo == NULL || memo[0] == '\0')
    return;
  note = g_new0 (Note, 1);
  note->guid = derived_guid (kind, owner_uuid, 0, 0);
  /* Translators: the name of a REFI-QDA note holding the memo of %s */
  note->name = g_strdup_printf (_("Memo: %s"), owner_name);
  note->text = g_strdup (memo);
  g_ptr_array_add (export->notes, note);

  _cb_xml_out_start (out, "NoteRef");
  _cb_xml_out_attr (out, "targetGUID", note->guid);
  _cb_xml_out_end (out);
}

static void
write_code_notes (CbXmlOut   *out,
                  CbCodeInfo *code,
                  gpointer    data)
{
  write_note_ref (out, data, "code-memo", code->uuid, code->path, code->memo);
}

static void
write_timestamp (CbXmlOut   *out,
                 const char *name,
                 const char *iso8601)
{
  g_autofree char *formatted = NULL;

  if (iso8601 == NULL || iso8601[0] == '\0')
    return;
  formatted = _cb_xml_format_timestamp (iso8601);
  _cb_xml_out_attr (out, name, formatted);
}

static int
compare_segments (gconstpointer a,
                  gconstpointer b)
{
  const CbSegment *x = *(const CbSegment * const *) a;
  const CbSegment *y = *(const CbSegment * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return g_strcmp0 (x->uuid, y->uuid);
}

static const char *
rich_text_extension (const char *source_name)
{
  static const char * const rich[] = { ".docx", ".odt", ".rtf" };
  const char *dot = source_name != NULL ? strrchr (source_name, '.') : NULL;

  if (dot == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rich); i++)
    if (g_ascii_strcasecmp (dot, rich[i]) == 0)
      return rich[i];
  return NULL;
}

/* "sources/<uuid>.<ext>" (or "internal://…" with @prefix) of @document's
 * original, or NULL when it has none kept. */
static char *
original_path (Export         *export,
               guint           index,
               const char     *prefix)
{
  CbDocumentInfo *document = g_ptr_array_index (export->documents, index);
  const char *extension = rich_text_extension (document->source_name);
  g_autofree char *lower = NULL;

  if (extension == NULL || !export->has_original[index])
    return NULL;
  lower = g_ascii_strdown (extension, -1);
  return g_strdup_printf ("%s%s%s", prefix, document->uuid, lower);
}

/* The PlainTextSelections that only cases need: the spans of cases in
 * document @index that no coding has (those are written with the codings). */
static void
write_case_selections (CbXmlOut    *out,
                       Export      *export,
                       guint        index,
                       const char  *text,
                       gsize        length,
                       GHashTable  *coded)
{
  CbDocumentInfo *document = g_ptr_array_index (export->documents, index);
  gboolean utf16 = (export->flags & CB_REFI_EXPORT_NVIVO_OFFSETS) != 0;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (CbStoreCoverage));
  g_autoptr(GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CbTextWalker walker;

  for (guint i = 0; export->coverage != NULL && i < export->coverage->len; i++)
    {
      CbStoreCoverage *row = &g_array_index (export->coverage, CbStoreCoverage, i);

      if (row->document_id == document->id && !row->whole)
        g_array_append_val (spans, *row);
    }
  if (spans->len == 0)
    return;
  /* in text order, for one walk */
  for (guint i = 1; i < spans->len; i++)
    for (guint j = i; j > 0 && g_array_index (spans, CbStoreCoverage, j - 1).start >
                               g_array_index (spans, CbStoreCoverage, j).start; j--)
      {
        CbStoreCoverage swap = g_array_index (spans, CbStoreCoverage, j);

        g_array_index (spans, CbStoreCoverage, j) = g_array_index (spans, CbStoreCoverage, j - 1);
        g_array_index (spans, CbStoreCoverage, j - 1) = swap;
      }

  cb_text_walker_init (&walker, text, length, utf16);
  for (guint i = 0; i < spans->len; i++)
    {
      CbStoreCoverage *span = &g_array_index (spans, CbStoreCoverage, i);
      g_autofree char *guid = derived_guid ("selection", document->uuid, span->start, span->end);
      g_autofree char *name = NULL;
      gint64 start, end;

      if (g_hash_table_contains (coded, guid) || g_hash_table_contains (written, guid))
        continue;
      cb_text_walker_byte_at (&walker, span->start);
      start = utf16 ? walker.utf16 : span->start;
      end = utf16 ? start + cb_text_char_to_utf16 (text + walker.byte, length - walker.byte,
                                                   span->end - span->start)
                  : span->end;
      name = cb_text_dup_range (text + walker.byte, length - walker.byte, 0,
                                MIN (span->end - span->start, SELECTION_NAME_CHARS));
      _cb_xml_out_start (out, "PlainTextSelection");
      _cb_xml_out_attr (out, "guid", guid);
      _cb_xml_out_attr (out, "name", name);
      _cb_xml_out_attr_int (out, "startPosition", start);
      _cb_xml_out_attr_int (out, "endPosition", end);
      _cb_xml_out_end (out);
      g_hash_table_add (written, g_steal_pointer (&guid));
    }
}

/* The evidence of free-standing memos in document @index: a selection
 * without Coding, holding a NoteRef to the memo's Note. */
static void
write_memo_selections (CbXmlOut    *out,
                       Export      *export,
                       guint        index,
                       const char  *text,
                       gsize        length)
{
  CbDocumentInfo *document = g_ptr_array_index (export->documents, index);
  gboolean utf16 = (export->flags & CB_REFI_EXPORT_NVIVO_OFFSETS) != 0;
  CbTextWalker walker;
  gboolean walking = FALSE;

  for (guint i = 0; export->memo_links != NULL && i < export->memo_links->len; i++)
    {
      CbStoreMemoLink *link = g_ptr_array_index (export->memo_links, i);
      g_autofree char *key = NULL;
      g_autofree char *guid = NULL;
      g_autofree char *name = NULL;
      gint64 start, end;

      /* spans checked against the text: a damaged row is not written */
      if (link->document != document->id || link->start < 0 || link->end <= link->start ||
          link->end > document->n_chars)
        continue;
      if (!walking)
        {
          cb_text_walker_init (&walker, text, length, utf16);
          walking = TRUE;
        }
      key = g_strconcat (link->memo_uuid, ":", document->uuid, NULL);
      guid = derived_guid ("memo-link", key, link->start, link->end);
      cb_text_walker_byte_at (&walker, link->start);
      start = utf16 ? walker.utf16 : link->start;
      end = utf16 ? start + cb_text_char_to_utf16 (text + walker.byte, length - walker.byte,
                                                   link->end - link->start)
                  : link->end;
      name = cb_text_dup_range (text + walker.byte, length - walker.byte, 0,
                                MIN (link->end - link->start, SELECTION_NAME_CHARS));
      _cb_xml_out_start (out, "PlainTextSelection");
      _cb_xml_out_attr (out, "guid", guid);
      _cb_xml_out_attr (out, "name", name);
      _cb_xml_out_attr_int (out, "startPosition", start);
      _cb_xml_out_attr_int (out, "endPosition", end);
      _cb_xml_out_start (out, "NoteRef");
      _cb_xml_out_attr (out, "targetGUID", link->memo_uuid);
      _cb_xml_out_end (out);
      _cb_xml_out_end (out);
    }
}

/* An edited or pseudonymised text says so in the source's Description,
 * the one place REFI-QDA gives a source for it, in a form our import reads
 * back (cb_document_status_parse()) and tells from a person's words. */
static gboolean
write_source_status (CbXmlOut        *out,
                     Export          *export,
                     CbDocumentInfo  *document,
                     GError         **error)
{
  g_auto(CbDocumentStatus) status = { NULL, NULL };
  g_autofree char *description = NULL;

  if (!_cb_store_pseudonymise_get_status (_cb_project_get_store (export->project), document->id,
                                          &status.edited, &status.pseudonymised, error))
    return FALSE;
  description = cb_document_status_describe (&status);
  if (description != NULL)
    _cb_xml_out_text_element (out, "Description", description);
  return TRUE;
}

static gboolean
write_source (CbXmlOut        *out,
              Export          *export,
              guint            index,
              GError         **error)
{
  CbDocumentInfo *document = g_ptr_array_index (export->documents, index);
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GArray) views = g_array_new (FALSE, FALSE, sizeof (CbSegment));
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1 << 14);
  g_autofree char *text = NULL;
  g_autofree char *plain_path = g_strdup_printf ("internal://%s.txt", document->uuid);
  g_autofree char *rich_text_path = original_path (export, index, "internal://");
  gboolean utf16 = (export->flags & CB_REFI_EXPORT_NVIVO_OFFSETS) != 0;
  g_autoptr(GHashTable) coded = NULL;
  CbTextWalker walker;
  gsize length = 0;

  text = cb_project_dup_document_text (export->project, document->id, &length, error);
  if (text == NULL)
    return FALSE;
  /* the store's rows as they are, from the covering index (code,
   * document, …) a code at a time: no table row read, no copy of their
   * strings, no texts (the selection names come from @text) */
  for (guint c = 0; c < export->code_rows->len; c++)
    if (!_cb_store_code_rows_read (export->code_rows->pdata[c], document->id, document->name,
                                   export->coder_names, views, strings, error))
      return FALSE;
  codings = g_ptr_array_sized_new (views->len);
  for (guint i = 0; i < views->len; i++)
    g_ptr_array_add (codings, &g_array_index (views, CbSegment, i));
  g_ptr_array_sort (codings, compare_segments);
  /* the selections are in text order: one walk converts every start */
  cb_text_walker_init (&walker, text, length, utf16);

  /* TextSourceType: Description?, PlainTextContent?, PlainTextSelection*,
   * Coding*, NoteRef*, VariableValue* */
  _cb_xml_out_start (out, "TextSource");
  _cb_xml_out_attr (out, "guid", document->uuid);
  _cb_xml_out_attr (out, "name", document->name);
  if (rich_text_path != NULL)
    _cb_xml_out_attr (out, "richTextPath", rich_text_path);
  _cb_xml_out_attr (out, "plainTextPath", plain_path);
  write_timestamp (out, "creationDateTime", document->imported);
  if (!write_source_status (out, export, document, error))
    return FALSE;

  coded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < codings->len; )
    {
      CbSegment *first = g_ptr_array_index (codings, i);
      g_autofree char *guid = derived_guid ("selection", document->uuid, first->start, first->end);
      g_autofree char *name = NULL;
      gint64 start, end;
      guint n;

      for (n = 1; i + n < codings->len; n++)
        {
          CbSegment *next = g_ptr_array_index (codings, i + n);

          if (next->start != first->start || next->end != first->end)
            break;
        }

      cb_text_walker_byte_at (&walker, first->start);
      start = utf16 ? walker.utf16 : first->start;
      /* ends are not in order: count from the start, over the span only */
      end = utf16 ? start + cb_text_char_to_utf16 (text + walker.byte, length - walker.byte,
                                                   first->end - first->start)
                  : first->end;
      name = cb_text_dup_range (text + walker.byte, length - walker.byte, 0,
                                MIN (first->end - first->start, SELECTION_NAME_CHARS));

      /* one selection per coder of the span: tools that keep the owner on
       * the selection (QualCoder) would give every coding the first one's */
      for (guint j = 0; j < n; j++)
        {
          CbSegment *lead = g_ptr_array_index (codings, i + j);
          const char *lead_coder = lead->coder != NULL ? lead->coder : "";
          const char *coder = g_hash_table_lookup (export->coder_uuids, lead_coder);
          g_autofree char *selection_guid = NULL;
          gboolean seen = FALSE;

          for (guint k = 0; k < j && !seen; k++)
            seen = g_strcmp0 (((CbSegment *) g_ptr_array_index (codings, i + k))->coder, lead->coder) == 0;
          if (seen)
            continue;
          /* the span's first coder keeps the guid cases refer to */
          selection_guid = j == 0 ? g_strdup (guid)
                                  : derived_guid ("selection-coder", document->uuid,
                                                  first->start * 1000003 + first->end, g_str_hash (lead_coder));

          _cb_xml_out_start (out, "PlainTextSelection");
          _cb_xml_out_attr (out, "guid", selection_guid);
          _cb_xml_out_attr (out, "name", name);
          _cb_xml_out_attr_int (out, "startPosition", start);
          _cb_xml_out_attr_int (out, "endPosition", end);
          if (coder != NULL)
            _cb_xml_out_attr (out, "creatingUser", coder);
          write_timestamp (out, "creationDateTime", lead->created);

          for (guint k = j; k < n; k++)
            {
              CbSegment *coding = g_ptr_array_index (codings, i + k);
              CbCodeInfo *code = _cb_code_tree_lookup (&export->tree, coding->code_id);
              g_autofree char *owner = NULL;

              if (g_strcmp0 (coding->coder, lead->coder) != 0)
                continue;
              _cb_xml_out_start (out, "Coding");
              _cb_xml_out_attr (out, "guid", coding->uuid);
              if (coder != NULL)
                _cb_xml_out_attr (out, "creatingUser", coder);
              write_timestamp (out, "creationDateTime", coding->created);
              _cb_xml_out_start (out, "CodeRef");
              _cb_xml_out_attr (out, "targetGUID", code != NULL ? code->uuid : NULL);
              _cb_xml_out_end (out);
              /* the note's name only when there is a note */
              if (coding->memo != NULL && coding->memo[0] != '\0')
                owner = g_strdup_printf ("%s %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                                         document->name, coding->start, coding->end);
              write_note_ref (out, export, "coding-memo", coding->uuid, owner, coding->memo);
              _cb_xml_out_end (out);
            }
          _cb_xml_out_end (out);
        }
      g_hash_table_add (coded, g_steal_pointer (&guid));
      i += n;
    }
  write_case_selections (out, export, index, text, length, coded);
  write_memo_selections (out, export, index, text, length);

  write_note_ref (out, export, "document-memo", document->uuid, document->name, document->memo);
  _cb_xml_out_end (out);
  return TRUE;
}

static const char *
refi_variable_type (Export          *export,
                    CbAttributeInfo *attribute,
                    guint            index)
{
  switch (attribute->type)
    {
    case CB_ATTRIBUTE_NUMBER:
      /* Integer when every value is one */
      for (guint c = 0; c < export->cases->len; c++)
        {
          const char *value = ((CbCaseInfo *) export->cases->pdata[c])->values[index];

          if (value[0] != '\0' && strpbrk (value, ".eE") != NULL)
            return "Float";
        }
      return "Integer";
    case CB_ATTRIBUTE_DATE:
      return "Date";
    case CB_ATTRIBUTE_BOOLEAN:
      return "Boolean";
    case CB_ATTRIBUTE_TEXT:
    case CB_ATTRIBUTE_CHOICE:
    default:
      return "Text";
    }
}

/* <Variables> and <Cases>, between CodeBook and Sources. */
static void
write_cases (CbXmlOut *out,
             Export   *export)
{
  g_autofree const char **types = NULL;
  guint row = 0;

  if (export->attributes != NULL && export->attributes->len > 0)
    {
      types = g_new0 (const char *, export->attributes->len + 1);
      _cb_xml_out_start (out, "Variables");
      for (guint a = 0; a < export->attributes->len; a++)
        {
          CbAttributeInfo *attribute = export->attributes->pdata[a];

          types[a] = refi_variable_type (export, attribute, a);
          _cb_xml_out_start (out, "Variable");
          _cb_xml_out_attr (out, "guid", attribute->uuid);
          _cb_xml_out_attr (out, "name", attribute->name);
          _cb_xml_out_attr (out, "typeOfVariable", types[a]);
          if (attribute->choices != NULL && attribute->choices[0] != NULL)
            {
              g_autofree char *joined = g_strjoinv (", ", attribute->choices);

              _cb_xml_out_text_element (out, "Description", joined);
            }
          _cb_xml_out_end (out);
        }
      _cb_xml_out_end (out);
    }

  if (export->cases == NULL || export->cases->len == 0)
    return;
  _cb_xml_out_start (out, "Cases");
  for (guint c = 0; c < export->cases->len; c++)
    {
      CbCaseInfo *info = export->cases->pdata[c];
      guint first;

      _cb_xml_out_start (out, "Case");
      _cb_xml_out_attr (out, "guid", info->uuid);
      _cb_xml_out_attr (out, "name", info->name);
      for (guint a = 0; export->attributes != NULL && a < export->attributes->len; a++)
        {
          CbAttributeInfo *attribute = export->attributes->pdata[a];
          const char *value = info->values[a];
          const char *element;

          if (value[0] == '\0')
            continue;
          if (g_str_equal (types[a], "Integer"))
            element = "IntegerValue";
          else if (g_str_equal (types[a], "Float"))
            element = "FloatValue";
          else if (g_str_equal (types[a], "Date"))
            element = "DateValue";
          else if (g_str_equal (types[a], "Boolean"))
            {
              element = "BooleanValue";
              value = g_str_equal (value, "yes") ? "true" : "false";
            }
          else
            element = "TextValue";
          _cb_xml_out_start (out, "VariableValue");
          _cb_xml_out_start (out, "VariableRef");
          _cb_xml_out_attr (out, "targetGUID", attribute->uuid);
          _cb_xml_out_end (out);
          _cb_xml_out_text_element (out, element, value);
          _cb_xml_out_end (out);
        }

      /* the coverage is sorted by case; cases are by name: find its run */
      for (row = 0; row < export->coverage->len &&
                    g_array_index (export->coverage, CbStoreCoverage, row).case_id != info->id; row++)
        ;
      first = row;
      for (; row < export->coverage->len &&
             g_array_index (export->coverage, CbStoreCoverage, row).case_id == info->id; row++)
        {
          CbStoreCoverage *span = &g_array_index (export->coverage, CbStoreCoverage, row);

          for (guint d = 0; span->whole && d < export->documents->len; d++)
            if (((CbDocumentInfo *) export->documents->pdata[d])->id == span->document_id)
              {
                _cb_xml_out_start (out, "SourceRef");
                _cb_xml_out_attr (out, "targetGUID", ((CbDocumentInfo *) export->documents->pdata[d])->uuid);
                _cb_xml_out_end (out);
              }
        }
      for (row = first; row < export->coverage->len &&
                        g_array_index (export->coverage, CbStoreCoverage, row).case_id == info->id; row++)
        {
          CbStoreCoverage *span = &g_array_index (export->coverage, CbStoreCoverage, row);

          for (guint d = 0; !span->whole && d < export->documents->len; d++)
            if (((CbDocumentInfo *) export->documents->pdata[d])->id == span->document_id)
              {
                g_autofree char *guid = derived_guid ("selection", ((CbDocumentInfo *) export->documents->pdata[d])->uuid,
                                                      span->start, span->end);

                _cb_xml_out_start (out, "SelectionRef");
                _cb_xml_out_attr (out, "targetGUID", guid);
                _cb_xml_out_end (out);
              }
        }
      _cb_xml_out_end (out);
    }
  _cb_xml_out_end (out);
}

/* The flat tree's names and parents, for cb-refi-names. */
static void
tree_names (CbCodeTree  *tree,
            const char ***names,
            int         **parents)
{
  guint n = tree->tree_order->len;

  *names = g_new0 (const char *, n + 1);
  *parents = g_new0 (int, n + 1);
  for (guint i = 0; i < n; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (tree->tree_order, i);

      (*names)[i] = code->name;
      (*parents)[i] = code->parent_id == 0 ? -1 : (int) _cb_code_tree_get_index (tree, code->parent_id);
    }
}

/* CB_REFI_EXPORT_UNIQUE_NAMES: the tree's own copies renamed. */
static void
make_names_unique (CbCodeTree *tree)
{
  g_autofree const char **names = NULL;
  g_autofree int *parents = NULL;
  g_auto(GStrv) unique = NULL;

  tree_names (tree, &names, &parents);
  unique = _cb_refi_unique_names (names, parents, tree->tree_order->len);
  for (guint i = 0; i < tree->tree_order->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (tree->tree_order, i);

      g_free (code->name);
      code->name = g_steal_pointer (&unique[i]);
    }
}

GPtrArray *
cb_refi_export_repeated_code_names (CbProject  *project,
                                    GError    **error)
{
  CbCodeTree tree;
  g_autofree const char **names = NULL;
  g_autofree int *parents = NULL;
  GPtrArray *repeated;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_code_tree_load (&tree, project, error))
    return NULL;
  tree_names (&tree, &names, &parents);
  repeated = _cb_refi_repeated_names (names, tree.tree_order->len);
  _cb_code_tree_clear (&tree);
  return repeated;
}

/* Ends the export's read snapshot, its statements first. */
static void
export_end_read (Export    *export,
                 CbProject *project)
{
  g_clear_pointer (&export->code_rows, g_ptr_array_unref);
  _cb_project_end_read (project);
}

static void
export_clear (Export *export)
{
  g_clear_pointer (&export->code_rows, g_ptr_array_unref);
  g_clear_pointer (&export->coder_names, g_hash_table_unref);
  g_clear_pointer (&export->attributes, g_ptr_array_unref);
  g_clear_pointer (&export->cases, g_ptr_array_unref);
  g_clear_pointer (&export->coverage, g_array_unref);
  g_clear_pointer (&export->memos, g_ptr_array_unref);
  g_clear_pointer (&export->memo_links, g_ptr_array_unref);
  g_clear_pointer (&export->sets, g_ptr_array_unref);
  g_clear_pointer (&export->notes, g_ptr_array_unref);
  g_clear_pointer (&export->coder_uuids, g_hash_table_unref);
  _cb_code_tree_clear (&export->tree);
  g_clear_pointer (&export->coders, g_ptr_array_unref);
  g_clear_pointer (&export->documents, g_ptr_array_unref);
  g_clear_pointer (&export->has_original, g_free);
  g_clear_pointer (&export->name, g_free);
  g_clear_pointer (&export->memo, g_free);
  g_clear_pointer (&export->uuid, g_free);
  g_clear_pointer (&export->created, g_free);
}

/* Reads what the export needs besides the documents' texts and codings;
 * inside the export's read snapshot. */
static gboolean
export_load (Export             *export,
             CbProject          *project,
             CbRefiExportFlags   flags,
             GError            **error)
{
  g_autoptr(GPtrArray) codes = NULL;

  memset (export, 0, sizeof *export);
  export->project = project;
  export->flags = flags;
  export->notes = g_ptr_array_new_with_free_func (note_free);
  export->coder_uuids = g_hash_table_new (g_str_hash, g_str_equal);

  /* documents and codes without their coding counts (nothing here
   * prints them; each count scans every coding of the project) */
  if (!(export->coders = cb_project_list_coders (project, error)) ||
      !(export->documents = _cb_store_list_documents_uncounted (_cb_project_get_store (project), error)) ||
      !(codes = _cb_project_list_codes (project, FALSE, error)) ||
      !(export->coder_names = _cb_store_load_coder_names (_cb_project_get_store (project), error)) ||
      !(export->attributes = cb_project_list_attributes (project, error)) ||
      !(export->cases = cb_project_list_cases (project, NULL, error)) ||
      !(export->coverage = _cb_store_list_coverage (_cb_project_get_store (project), error)) ||
      !(export->memos = _cb_store_refi_list_memos (_cb_project_get_store (project), error)) ||
      !(export->memo_links = _cb_store_refi_list_memo_links (_cb_project_get_store (project), error)) ||
      !(export->sets = _cb_store_list_sets (_cb_project_get_store (project), error)))
    return FALSE;
  _cb_code_tree_init (&export->tree, codes);
  if (flags & CB_REFI_EXPORT_UNIQUE_NAMES)
    make_names_unique (&export->tree);

  /* a statement per code, each walking its range of the covering index
   * as the documents come (freed by export_end_read(), in the snapshot) */
  export->code_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) _cb_store_code_rows_free);
  for (guint i = 0; i < export->tree.tree_order->len; i++)
    {
      CbStoreCodeRows *rows = _cb_store_code_rows_new (_cb_project_get_store (project),
                                                       ((CbCodeInfo *) g_ptr_array_index (export->tree.tree_order, i))->id,
                                                       error);

      if (rows == NULL)
        return FALSE;
      g_ptr_array_add (export->code_rows, rows);
    }

  for (guint i = 0; i < export->coders->len; i++)
    {
      CbCoderInfo *coder = g_ptr_array_index (export->coders, i);

      g_hash_table_insert (export->coder_uuids, coder->name, coder->uuid);
    }

  /* whether each rich document's original is kept decides its
   * richTextPath and its member, so it is asked once */
  export->has_original = g_new0 (gboolean, export->documents->len + 1);
  for (guint i = 0; i < export->documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export->documents, i);
      g_autoptr(GBytes) original = NULL;

      if (rich_text_extension (document->source_name) == NULL)
        continue;
      original = cb_project_dup_document_source (project, document->id, NULL);
      export->has_original[i] = original != NULL;
    }

  export->name = cb_project_dup_name (project);
  export->memo = cb_project_dup_memo (project);
  export->uuid = cb_project_dup_uuid (project);
  export->created = _cb_store_refi_dup_project_created (_cb_project_get_store (project));
  return TRUE;
}

/* project.qde up to the first TextSource. */
static void
write_head (CbXmlOut *out,
            Export   *export)
{
  _cb_xml_out_start_ns (out, "Project", CB_REFI_PROJECT_NAMESPACE);
  _cb_xml_out_attr (out, "name", export->name);
  _cb_xml_out_attr (out, "origin", GENERATOR);
  write_timestamp (out, "creationDateTime", export->created);
  if (!(export->flags & CB_REFI_EXPORT_ANONYMOUS))
    {
      g_autofree char *folder = g_path_get_dirname (cb_project_get_path (export->project));
      g_autofree char *absolute = g_canonicalize_filename (folder, NULL);

      _cb_xml_out_attr (out, "basePath", absolute);
    }

  if (export->coders->len > 0)
    {
      _cb_xml_out_start (out, "Users");
      for (guint i = 0; i < export->coders->len; i++)
        {
          CbCoderInfo *coder = g_ptr_array_index (export->coders, i);

          _cb_xml_out_start (out, "User");
          _cb_xml_out_attr (out, "guid", coder->uuid);
          _cb_xml_out_attr (out, "name", (export->flags & CB_REFI_EXPORT_ANONYMOUS) ? "" : coder->name);
          _cb_xml_out_end (out);
        }
      _cb_xml_out_end (out);
    }

  if (export->tree.codes->len > 0)
    {
      _cb_xml_out_start (out, "CodeBook");
      _cb_xml_out_start (out, "Codes");
      _cb_qdc_write_codes (out, &export->tree, write_code_notes, export);
      _cb_xml_out_end (out);
      _cb_xml_out_end (out);
    }

  write_cases (out, export);

  if (export->documents->len > 0)
    _cb_xml_out_start (out, "Sources");
}

/* A free-standing memo as a Note of its own (TextSourceType: Description,
 * then PlainTextContent). */
static void
write_memo_note (CbXmlOut    *out,
                 Export      *export,
                 CbStoreMemo *memo)
{
  g_autofree char *description = NULL;

  _cb_xml_out_start (out, "Note");
  _cb_xml_out_attr (out, "guid", memo->uuid);
  _cb_xml_out_attr (out, "name", memo->title);
  if (memo->author_uuid != NULL)
    _cb_xml_out_attr (out, "creatingUser", memo->author_uuid);
  write_timestamp (out, "creationDateTime", memo->created);
  write_timestamp (out, "modifiedDateTime", memo->modified);
  description = memo->level != NULL
                ? g_strdup_printf ("Codeboom memo; type: %s; level: %s", memo->type, memo->level)
                : g_strdup_printf ("Codeboom memo; type: %s", memo->type);
  _cb_xml_out_text_element (out, "Description", description);
  _cb_xml_out_text_element (out, "PlainTextContent", memo->text != NULL ? memo->text : "");
  _cb_xml_out_end (out);
}

/* <Sets>: each document set with its documents as MemberSources. */
static void
write_sets (CbXmlOut *out,
            Export   *export)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (export->sets->len == 0)
    return;
  for (guint i = 0; i < export->documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export->documents, i);

      g_hash_table_insert (uuids, &document->id, document->uuid);
    }
  _cb_xml_out_start (out, "Sets");
  for (guint i = 0; i < export->sets->len; i++)
    {
      CbStoreSet *set = g_ptr_array_index (export->sets, i);

      _cb_xml_out_start (out, "Set");
      _cb_xml_out_attr (out, "guid", set->uuid);
      _cb_xml_out_attr (out, "name", set->name);
      if (set->memo != NULL && set->memo[0] != '\0')
        _cb_xml_out_text_element (out, "Description", set->memo);
      for (guint j = 0; j < set->documents->len; j++)
        {
          const char *uuid = g_hash_table_lookup (uuids, &g_array_index (set->documents, gint64, j));

          if (uuid == NULL)
            continue;
          _cb_xml_out_start (out, "MemberSource");
          _cb_xml_out_attr (out, "targetGUID", uuid);
          _cb_xml_out_end (out);
        }
      _cb_xml_out_end (out);
    }
  _cb_xml_out_end (out);
}

/* project.qde after the last TextSource: the Notes and the project's NoteRef. */
static void
write_tail (CbXmlOut *out,
            Export   *export)
{
  g_autofree char *project_note = NULL;

  if (export->documents->len > 0)
    _cb_xml_out_end (out);

  /* the project memo's NoteRef is written last, but its Note goes with the others */
  if (export->memo != NULL && export->memo[0] != '\0')
    {
      Note *note = g_new0 (Note, 1);

      note->guid = derived_guid ("project-memo", export->uuid, 0, 0);
      note->name = g_strdup_printf (_("Memo: %s"), export->name);
      note->text = g_strdup (export->memo);
      g_ptr_array_add (export->notes, note);
      project_note = g_strdup (note->guid);
    }

  if (export->notes->len > 0 || export->memos->len > 0)
    {
      _cb_xml_out_start (out, "Notes");
      for (guint i = 0; i < export->notes->len; i++)
        {
          Note *note = g_ptr_array_index (export->notes, i);

          _cb_xml_out_start (out, "Note");
          _cb_xml_out_attr (out, "guid", note->guid);
          _cb_xml_out_attr (out, "name", note->name);
          _cb_xml_out_text_element (out, "PlainTextContent", note->text);
          _cb_xml_out_end (out);
        }
      for (guint i = 0; i < export->memos->len; i++)
        write_memo_note (out, export, g_ptr_array_index (export->memos, i));
      _cb_xml_out_end (out);
    }

  write_sets (out, export);

  if (project_note != NULL)
    {
      _cb_xml_out_start (out, "NoteRef");
      _cb_xml_out_attr (out, "targetGUID", project_note);
      _cb_xml_out_end (out);
    }

  _cb_xml_out_end (out);
}

#define QDE_FAILED _("Could not write the project as REFI-QDA XML")

/* The whole project.qde in memory (small projects, the app's export). */
static GBytes *
build_qde (Export  *export,
           GError **error)
{
  CbXmlOut out = { 0 };

  if (!_cb_xml_out_init_plain (&out))
    out.failed = TRUE;
  write_head (&out, export);
  for (guint i = 0; i < export->documents->len; i++)
    if (!write_source (&out, export, i, error))
      {
        _cb_xml_out_clear (&out);
        return NULL;
      }
  write_tail (&out, export);
  return _cb_xml_out_finish (&out, QDE_FAILED, error);
}

/* A zip member produced on demand: libzip pulls its bytes while it
 * compresses, so that only the member being written is in memory. */
typedef enum
{
  MEMBER_TEXT,
  MEMBER_ORIGINAL,
  MEMBER_QDE,
} MemberKind;

typedef struct
{
  Export       *export;
  MemberKind    kind;
  guint         index;      /* the document, for TEXT and ORIGINAL */
  GByteArray   *pending;    /* bytes produced, not yet read */
  gsize         read;       /* of pending */
  GBytes       *whole;      /* TEXT and ORIGINAL: the member's bytes while open */
  CbXmlOut      out;        /* QDE: the writer */
  guint         next;       /* QDE: the next document to write, then n + 1 */
  gboolean      done;       /* QDE: the document is complete */
  GError      **error;      /* the export's error, set at the first failure */
  zip_error_t   zerror;
} Member;

static void
member_free (Member *member)
{
  g_clear_pointer (&member->pending, g_byte_array_unref);
  g_clear_pointer (&member->whole, g_bytes_unref);
  _cb_xml_out_clear (&member->out);
  zip_error_fini (&member->zerror);
  g_free (member);
}

/* Progress before writing document @index in the half starting at @base. */
static void
report_document (Export         *export,
                 CbDocumentInfo *document,
                 guint           index,
                 double          base)
{
  g_autofree char *message = NULL;

  if (export->progress == NULL)
    return;
  /* TRANSLATORS: progress of an export: "Writing “Anna” (3 of 50)" */
  message = g_strdup_printf (_("Writing “%s” (%u of %u)"), document->name, index + 1,
                             export->documents->len);
  export->progress (base + 0.5 * index / export->documents->len, message, export->progress_data);
}

static gboolean
member_open (Member *member)
{
  Export *export = member->export;
  CbDocumentInfo *document;
  char *text;
  gsize length = 0;

  member->pending = g_byte_array_new ();
  member->read = 0;
  if (g_cancellable_set_error_if_cancelled (export->cancellable, member->error))
    return FALSE;
  switch (member->kind)
    {
    case MEMBER_TEXT:
      document = g_ptr_array_index (export->documents, member->index);
      /* the sources are the first half of the work, project.qde the second */
      report_document (export, document, member->index, 0.0);
      text = cb_project_dup_document_text (export->project, document->id, &length, member->error);
      if (text == NULL)
        return FALSE;
      member->whole = g_bytes_new_take (text, length);
      return TRUE;

    case MEMBER_ORIGINAL:
      document = g_ptr_array_index (export->documents, member->index);
      member->whole = cb_project_dup_document_source (export->project, document->id, member->error);
      return member->whole != NULL;

    case MEMBER_QDE:
    default:
      member->next = 0;
      member->done = FALSE;
      if (!_cb_xml_out_init_plain (&member->out))
        member->out.failed = TRUE;
      write_head (&member->out, export);
      _cb_xml_out_take_pending (&member->out, member->pending);
      return TRUE;
    }
}

/* Writes the next document's TextSource (or the end) into pending. */
static gboolean
member_produce (Member *member)
{
  Export *export = member->export;

  if (member->next < export->documents->len)
    {
      if (g_cancellable_set_error_if_cancelled (export->cancellable, member->error))
        return FALSE;
      report_document (export, g_ptr_array_index (export->documents, member->next), member->next, 0.5);
      if (!write_source (&member->out, export, member->next, member->error))
        return FALSE;
      member->next++;
      _cb_xml_out_take_pending (&member->out, member->pending);
    }
  else
    {
      g_autoptr(GBytes) rest = NULL;
      gsize size;
      gconstpointer data;

      write_tail (&member->out, export);
      /* the last bytes come out when the writer is freed */
      g_byte_array_append (member->pending, member->out.bytes->data, member->out.bytes->len);
      g_byte_array_set_size (member->out.bytes, 0);
      rest = _cb_xml_out_finish (&member->out, QDE_FAILED, member->error);
      if (rest == NULL)
        return FALSE;
      data = g_bytes_get_data (rest, &size);
      g_byte_array_append (member->pending, data, size);
      member->done = TRUE;
    }
  if (member->out.failed)
    {
      g_set_error_literal (member->error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, QDE_FAILED);
      return FALSE;
    }
  return TRUE;
}

static zip_int64_t
member_read (Member *member,
             guint8 *data,
             gsize   len)
{
  gsize available;

  if (member->whole != NULL)
    {
      gsize size;
      const guint8 *bytes = g_bytes_get_data (member->whole, &size);
      gsize n = MIN (len, size - member->read);

      if (n > 0)
        memcpy (data, bytes + member->read, n);
      member->read += n;
      return n;
    }

  /* drop what was read before producing more, so that pending holds at
   * most one document's XML and a read's worth */
  if (!member->done && member->pending->len - member->read < len && member->read > 0)
    {
      g_byte_array_remove_range (member->pending, 0, member->read);
      member->read = 0;
    }
  while (!member->done && member->pending->len - member->read < len)
    if (!member_produce (member))
      return -1;
  available = MIN (len, member->pending->len - member->read);
  memcpy (data, member->pending->data + member->read, available);
  member->read += available;
  return available;
}

static zip_int64_t
member_callback (void             *userdata,
                 void             *data,
                 zip_uint64_t      len,
                 zip_source_cmd_t  cmd)
{
  Member *member = userdata;
  zip_int64_t n;

  switch (cmd)
    {
    case ZIP_SOURCE_OPEN:
      if (*member->error != NULL || !member_open (member))
        {
          zip_error_set (&member->zerror, ZIP_ER_READ, 0);
          return -1;
        }
      return 0;

    case ZIP_SOURCE_READ:
      n = member_read (member, data, MIN (len, G_MAXINT32));
      if (n < 0)
        zip_error_set (&member->zerror, ZIP_ER_READ, 0);
      return n;

    case ZIP_SOURCE_CLOSE:
      g_clear_pointer (&member->pending, g_byte_array_unref);
      g_clear_pointer (&member->whole, g_bytes_unref);
      _cb_xml_out_clear (&member->out);
      return 0;

    case ZIP_SOURCE_STAT:
      {
        zip_stat_t *st = data;

        /* sizes are known only once produced; libzip writes them after */
        zip_stat_init (st);
        return sizeof *st;
      }

    case ZIP_SOURCE_ERROR:
      return zip_error_to_data (&member->zerror, data, len);

    case ZIP_SOURCE_FREE:
      member_free (member);
      return 0;

    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                             ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);

    default:
      zip_error_set (&member->zerror, ZIP_ER_OPNOTSUPP, 0);
      return -1;
    }
}

static gboolean
add_member (CbZipStream  *zip,
            Export       *export,
            const char   *name,
            MemberKind    kind,
            guint         index,
            GError      **error)
{
  Member *member = g_new0 (Member, 1);

  member->export = export;
  member->kind = kind;
  member->index = index;
  member->error = error;
  zip_error_init (&member->zerror);
  return cb_zip_stream_add_function (zip, name, member_callback, member,
                                     (GDestroyNotify) member_free, error);
}

/**
 * cb_refi_export_qde:
 * @project: a #CbProject
 * @flags: #CbRefiExportFlags
 * @error: a #GError
 *
 * Returns: (transfer full): project.qde's bytes, or %NULL with @error set
 */
GBytes *
cb_refi_export_qde (CbProject          *project,
                    CbRefiExportFlags   flags,
                    GError            **error)
{
  Export export;
  GBytes *bytes = NULL;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;
  if (export_load (&export, project, flags, error))
    bytes = build_qde (&export, error);
  export_end_read (&export, project);
  export_clear (&export);
  return bytes;
}

/**
 * cb_refi_export_project:
 * @project: a #CbProject
 * @flags: #CbRefiExportFlags
 * @error: a #GError
 *
 * The archive is built in memory; cb_refi_export_project_to_file() writes
 * the same archive without holding it.
 *
 * Returns: (transfer full): the .qdpx archive's bytes, or %NULL with @error set
 */
GBytes *
cb_refi_export_project (CbProject          *project,
                        CbRefiExportFlags   flags,
                        GError            **error)
{
  g_autoptr(CbZipWriter) zip = NULL;
  g_autoptr(GBytes) qde = NULL;
  GBytes *bytes = NULL;
  Export export;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  if (!_cb_project_begin_read (project, error))
    return NULL;
  if (!export_load (&export, project, flags, error))
    goto out;

  zip = cb_zip_writer_new ();
  for (guint i = 0; i < export.documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export.documents, i);
      g_autofree char *member = g_strdup_printf ("sources/%s.txt", document->uuid);
      g_autofree char *original_member = original_path (&export, i, "sources/");
      g_autofree char *text = NULL;
      g_autoptr(GBytes) text_bytes = NULL;
      gsize length = 0;

      text = cb_project_dup_document_text (project, document->id, &length, error);
      if (text == NULL)
        goto out;
      text_bytes = g_bytes_new_take (g_steal_pointer (&text), length);
      cb_zip_writer_add (zip, member, text_bytes, FALSE);
      if (original_member != NULL)
        {
          g_autoptr(GBytes) original = cb_project_dup_document_source (project, document->id, error);

          if (original == NULL)
            goto out;
          cb_zip_writer_add (zip, original_member, original, FALSE);
        }
    }
  qde = build_qde (&export, error);
  if (qde == NULL)
    goto out;
  cb_zip_writer_add (zip, "project.qde", qde, FALSE);
  bytes = cb_zip_writer_finish (zip, error);

out:
  export_end_read (&export, project);
  export_clear (&export);
  return bytes;
}

/**
 * cb_refi_export_project_to_file:
 * @project: a #CbProject
 * @flags: #CbRefiExportFlags
 * @file: the .qdpx to write (replaced atomically)
 * @error: a #GError
 *
 * Writes the same archive as cb_refi_export_project() straight into @file,
 * a member at a time and project.qde a document at a time, so that memory
 * does not grow with the project.  On failure @file is left as it was.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_refi_export_project_to_file (CbProject          *project,
                                CbRefiExportFlags   flags,
                                GFile              *file,
                                GError            **error)
{
  return cb_refi_export_project_to_file_full (project, flags, file, NULL, NULL, NULL, error);
}

/**
 * cb_refi_export_project_to_file_full:
 * @progress: (nullable): called per document (the sources, then
 *   project.qde), then with 1.0
 * @cancellable: (nullable): cancelled gives %G_IO_ERROR_CANCELLED and
 *   leaves @file as it was
 *
 * cb_refi_export_project_to_file() with progress and a cancel, for front
 * ends.
 *
 * Returns: %TRUE on success
 */
gboolean
cb_refi_export_project_to_file_full (CbProject          *project,
                                     CbRefiExportFlags   flags,
                                     GFile              *file,
                                     CbProgressFunc      progress,
                                     gpointer            progress_data,
                                     GCancellable       *cancellable,
                                     GError            **error)
{
  g_autoptr(CbZipStream) zip = NULL;
  g_autofree char *path = NULL;
  GError *local_error = NULL;
  gboolean ok = FALSE;
  Export export;

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      /* not a local file: libzip needs a path, so build it in memory */
      g_autoptr(GBytes) bytes = cb_refi_export_project (project, flags, error);

      return bytes != NULL && cb_export_write_file (bytes, file, error);
    }

  if (!_cb_project_begin_read (project, error))
    return FALSE;
  if (!export_load (&export, project, flags, error))
    goto out;
  export.progress = progress;
  export.progress_data = progress_data;
  export.cancellable = cancellable;

  zip = cb_zip_stream_new (path, error);
  if (zip == NULL)
    goto out;
  for (guint i = 0; i < export.documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (export.documents, i);
      g_autofree char *member = g_strdup_printf ("sources/%s.txt", document->uuid);
      g_autofree char *original_member = original_path (&export, i, "sources/");

      if (!add_member (zip, &export, member, MEMBER_TEXT, i, &local_error) ||
          (original_member != NULL &&
           !add_member (zip, &export, original_member, MEMBER_ORIGINAL, i, &local_error)))
        break;
    }
  if (local_error == NULL &&
      add_member (zip, &export, "project.qde", MEMBER_QDE, 0, &local_error))
    {
      /* the members are produced here, while libzip writes the archive */
      ok = cb_zip_stream_close (g_steal_pointer (&zip), &local_error);
    }
  if (ok && progress != NULL)
    progress (1.0, _("Export finished"), progress_data);
  if (!ok)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, QDE_FAILED);
      g_propagate_error (error, local_error);
    }

out:
  g_clear_pointer (&zip, cb_zip_stream_free);
  export_end_read (&export, project);
  export_clear (&export);
  return ok;
}
