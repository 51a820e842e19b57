/* cb-refi-export.c: a whole project as a REFI-QDA project exchange file (.qdpx)
 *
 * project.qde is written with the same xmlTextWriter helpers as the
 * codebook (cb-export-xml-private.h), children in the order Project.xsd
 * requires: Users, CodeBook, Sources, Notes, then the project's NoteRef.
 * Each document is a TextSource whose text is sources/<guid>.txt; each span
 * coded with one or more codes is one PlainTextSelection holding one
 * Coding per coding (guid = the coding's uuid, creatingUser = its coder).
 * Memos (of the project, documents, codes and codings) become Notes.
 *
 * GUIDs of things Codeboom does not store (selections, notes) are derived
 * from the uuids they belong to, so that exporting twice gives the same
 * file (with SOURCE_DATE_EPOCH for the timestamps that are "now").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Codeboom"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-error.h"
#include "cb-export-xml-private.h"
#include "cb-project-private.h"
#include "cb-refi-export.h"
#include "cb-store-refi.h"
#include "cb-text.h"
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
  CbRefiExportFlags  flags;
  GPtrArray         *notes;       /* (element-type Note) */
  GHashTable        *coder_uuids; /* coder name -> uuid (borrowed) */
  GHashTable        *code_uuids;  /* code id -> uuid (borrowed) */
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

  g_snprintf (numbers, sizeof numbers, ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, a, b);
  g_checksum_update (checksum, (const guchar *) "codeboom:", -1);
  g_checksum_update (checksum, (const guchar *) kind, -1);
  g_checksum_update (checksum, (const guchar *) ":", -1);
  g_checksum_update (checksum, (const guchar *) key, -1);
  g_checksum_update (checksum, (const guchar *) numbers, -1);
  g_checksum_get_digest (checksum, digest, &length);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
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
  formatted = _cb_export_format_timestamp (iso8601);
  _cb_xml_out_attr (out, name, formatted);
}

/* A position in a document's text, moved forward by offset_advance() so
 * that converting every selection costs one walk of the text. */
typedef struct
{
  gint64 chars;
  gsize  bytes;
  gint64 utf16;
} Cursor;

static void
cursor_advance (Cursor     *cursor,
                const char *text,
                gsize       length,
                gint64      target,
                gboolean    utf16)
{
  gint64 delta;

  if (target < cursor->chars)
    memset (cursor, 0, sizeof *cursor);
  delta = target - cursor->chars;
  if (delta == 0)
    return;
  if (utf16)
    cursor->utf16 += cb_text_char_to_utf16 (text + cursor->bytes, length - cursor->bytes, delta);
  cursor->bytes += cb_text_char_to_byte (text + cursor->bytes, length - cursor->bytes, delta);
  cursor->chars = target;
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

static gboolean
write_source (CbXmlOut        *out,
              Export          *export,
              CbProject       *project,
              CbDocumentInfo  *document,
              const char      *text,
              gsize            length,
              const char      *rich_text_path,
              GError         **error)
{
  g_autoptr(GPtrArray) codings = NULL;
  g_autofree char *plain_path = g_strdup_printf ("internal://%s.txt", document->uuid);
  gboolean utf16 = (export->flags & CB_REFI_EXPORT_NVIVO_OFFSETS) != 0;
  Cursor start_cursor = { 0 };

  codings = cb_project_list_document_codings (project, document->id, error);
  if (codings == NULL)
    return FALSE;
  g_ptr_array_sort (codings, compare_segments);

  /* TextSourceType: Description?, PlainTextContent?, PlainTextSelection*,
   * Coding*, NoteRef*, VariableValue* */
  _cb_xml_out_start (out, "TextSource");
  _cb_xml_out_attr (out, "guid", document->uuid);
  _cb_xml_out_attr (out, "name", document->name);
  if (rich_text_path != NULL)
    _cb_xml_out_attr (out, "richTextPath", rich_text_path);
  _cb_xml_out_attr (out, "plainTextPath", plain_path);
  write_timestamp (out, "creationDateTime", document->imported);

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

      cursor_advance (&start_cursor, text, length, first->start, utf16);
      start = utf16 ? start_cursor.utf16 : first->start;
      /* ends are not in order: count from the start, over the span only */
      end = utf16 ? start + cb_text_char_to_utf16 (text + start_cursor.bytes, length - start_cursor.bytes,
                                                   first->end - first->start)
                  : first->end;
      name = cb_text_dup_range (text + start_cursor.bytes, length - start_cursor.bytes, 0,
                                MIN (first->end - first->start, SELECTION_NAME_CHARS));

      _cb_xml_out_start (out, "PlainTextSelection");
      _cb_xml_out_attr (out, "guid", guid);
      _cb_xml_out_attr (out, "name", name);
      _cb_xml_out_attr_int (out, "startPosition", start);
      _cb_xml_out_attr_int (out, "endPosition", end);
      /* who and when are on each Coding; repeating them on the selection
       * would add a fifth to the file for nothing */

      for (guint j = 0; j < n; j++)
        {
          CbSegment *coding = g_ptr_array_index (codings, i + j);
          const char *coder = g_hash_table_lookup (export->coder_uuids,
                                                   coding->coder != NULL ? coding->coder : "");
          g_autofree char *owner = NULL;

          _cb_xml_out_start (out, "Coding");
          _cb_xml_out_attr (out, "guid", coding->uuid);
          if (coder != NULL)
            _cb_xml_out_attr (out, "creatingUser", coder);
          write_timestamp (out, "creationDateTime", coding->created);
          _cb_xml_out_start (out, "CodeRef");
          _cb_xml_out_attr (out, "targetGUID", g_hash_table_lookup (export->code_uuids, &coding->code_id));
          _cb_xml_out_end (out);
          owner = g_strdup_printf ("%s %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT,
                                   document->name, coding->start, coding->end);
          write_note_ref (out, export, "coding-memo", coding->uuid, owner, coding->memo);
          _cb_xml_out_end (out);
        }
      _cb_xml_out_end (out);
      i += n;
    }

  write_note_ref (out, export, "document-memo", document->uuid, document->name, document->memo);
  _cb_xml_out_end (out);
  return TRUE;
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

static GBytes *
build (CbProject          *project,
       CbRefiExportFlags   flags,
       CbZipWriter        *zip,
       GError            **error)
{
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *name = NULL;
  g_autofree char *memo = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *created = NULL;
  CbXmlOut out = { 0 };
  Export export = { 0 };
  guint n_top = 0;
  GBytes *bytes;

  coders = cb_project_list_coders (project, error);
  if (coders == NULL)
    return NULL;
  documents = cb_project_list_documents (project, error);
  if (documents == NULL)
    return NULL;
  codes = cb_project_list_codes (project, error);
  if (codes == NULL)
    return NULL;

  export.flags = flags;
  export.notes = g_ptr_array_new_with_free_func (note_free);
  export.coder_uuids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < coders->len; i++)
    {
      CbCoderInfo *coder = g_ptr_array_index (coders, i);

      g_hash_table_insert (export.coder_uuids, coder->name, coder->uuid);
    }
  export.code_uuids = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (codes, i);

      g_hash_table_insert (export.code_uuids, &code->id, code->uuid);
    }

  name = cb_project_dup_name (project);
  memo = cb_project_dup_memo (project);
  uuid = cb_project_dup_uuid (project);
  created = _cb_store_refi_dup_project_created (_cb_project_get_store (project));

  if (!_cb_xml_out_init (&out))
    out.failed = TRUE;

  _cb_xml_out_start_ns (&out, "Project", CB_REFI_PROJECT_NAMESPACE);
  _cb_xml_out_attr (&out, "name", name);
  _cb_xml_out_attr (&out, "origin", GENERATOR);
  write_timestamp (&out, "creationDateTime", created);
  if (!(flags & CB_REFI_EXPORT_ANONYMOUS))
    {
      g_autofree char *folder = g_path_get_dirname (cb_project_get_path (project));
      g_autofree char *absolute = g_canonicalize_filename (folder, NULL);

      _cb_xml_out_attr (&out, "basePath", absolute);
    }

  if (coders->len > 0)
    {
      _cb_xml_out_start (&out, "Users");
      for (guint i = 0; i < coders->len; i++)
        {
          CbCoderInfo *coder = g_ptr_array_index (coders, i);

          _cb_xml_out_start (&out, "User");
          _cb_xml_out_attr (&out, "guid", coder->uuid);
          _cb_xml_out_attr (&out, "name", (flags & CB_REFI_EXPORT_ANONYMOUS) ? "" : coder->name);
          _cb_xml_out_end (&out);
        }
      _cb_xml_out_end (&out);
    }

  if (codes->len > 0)
    {
      _cb_xml_out_start (&out, "CodeBook");
      _cb_xml_out_start (&out, "Codes");
      if (!_cb_export_write_code_tree (&out, project, write_code_notes, &export, &n_top, error))
        goto failed;
      _cb_xml_out_end (&out);
      _cb_xml_out_end (&out);
    }

  if (documents->len > 0)
    {
      _cb_xml_out_start (&out, "Sources");
      for (guint i = 0; i < documents->len; i++)
        {
          CbDocumentInfo *document = g_ptr_array_index (documents, i);
          g_autofree char *text = NULL;
          g_autofree char *rich_path = NULL;
          gsize length = 0;

          text = cb_project_dup_document_text (project, document->id, &length, error);
          if (text == NULL)
            goto failed;

          if (zip != NULL)
            {
              g_autofree char *member = g_strdup_printf ("sources/%s.txt", document->uuid);
              g_autoptr(GBytes) text_bytes = g_bytes_new (text, length);
              const char *extension = rich_text_extension (document->source_name);

              cb_zip_writer_add (zip, member, text_bytes, FALSE);
              if (extension != NULL)
                {
                  g_autoptr(GBytes) original = cb_project_dup_document_source (project, document->id, NULL);

                  if (original != NULL)
                    {
                      g_autofree char *lower = g_ascii_strdown (extension, -1);
                      g_autofree char *original_member = g_strdup_printf ("sources/%s%s", document->uuid, lower);

                      cb_zip_writer_add (zip, original_member, original, FALSE);
                      rich_path = g_strdup_printf ("internal://%s%s", document->uuid, lower);
                    }
                }
            }

          if (!write_source (&out, &export, project, document, text, length, rich_path, error))
            goto failed;
        }
      _cb_xml_out_end (&out);
    }

  /* the project memo's NoteRef is written last, but its Note goes with the others */
  {
    g_autofree char *project_note = NULL;

    if (memo != NULL && memo[0] != '\0')
      {
        Note *note = g_new0 (Note, 1);

        note->guid = derived_guid ("project-memo", uuid, 0, 0);
        note->name = g_strdup_printf (_("Memo: %s"), name);
        note->text = g_strdup (memo);
        g_ptr_array_add (export.notes, note);
        project_note = g_strdup (note->guid);
      }

    if (export.notes->len > 0)
      {
        _cb_xml_out_start (&out, "Notes");
        for (guint i = 0; i < export.notes->len; i++)
          {
            Note *note = g_ptr_array_index (export.notes, i);

            _cb_xml_out_start (&out, "Note");
            _cb_xml_out_attr (&out, "guid", note->guid);
            _cb_xml_out_attr (&out, "name", note->name);
            _cb_xml_out_text_element (&out, "PlainTextContent", note->text);
            _cb_xml_out_end (&out);
          }
        _cb_xml_out_end (&out);
      }

    if (project_note != NULL)
      {
        _cb_xml_out_start (&out, "NoteRef");
        _cb_xml_out_attr (&out, "targetGUID", project_note);
        _cb_xml_out_end (&out);
      }
  }

  _cb_xml_out_end (&out);
  bytes = _cb_xml_out_finish (&out, _("Could not write the project as REFI-QDA XML"), error);
  g_ptr_array_unref (export.notes);
  g_hash_table_unref (export.coder_uuids);
  g_hash_table_unref (export.code_uuids);
  return bytes;

failed:
  _cb_xml_out_clear (&out);
  g_ptr_array_unref (export.notes);
  g_hash_table_unref (export.coder_uuids);
  g_hash_table_unref (export.code_uuids);
  return NULL;
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
  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  return build (project, flags, NULL, error);
}

/**
 * cb_refi_export_project:
 * @project: a #CbProject
 * @flags: #CbRefiExportFlags
 * @error: a #GError
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

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  zip = cb_zip_writer_new ();
  qde = build (project, flags, zip, error);
  if (qde == NULL)
    return NULL;
  cb_zip_writer_add (zip, "project.qde", qde, FALSE);
  return cb_zip_writer_finish (zip, error);
}
