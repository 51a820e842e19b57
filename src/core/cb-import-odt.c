/* cb-import-odt.c: OpenDocument text (.odt)
 *
 * Reads office:text in content.xml: text:p and text:h are paragraphs
 * (wherever they sit: lists, sections, tables of contents), text:s,
 * text:tab and text:line-break are spaces, tabs and line breaks, and white
 * space in the XML collapses as ODF says it does.  Notes (footnotes and
 * endnotes), annotations (comments), the tracked-changes log (which keeps
 * deleted text: the body is already the accepted state), drawings and
 * index templates are not body text; soft page breaks mean nothing.
 * Layout follows cb-import-paragraphs.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-error.h"
#include "cb-import-paragraphs.h"
#include "cb-import-private.h"
#include "cb-import-zip.h"

#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

#define ODT_MIMETYPE "application/vnd.oasis.opendocument.text"

/* text:s c="…": more spaces than this are a hostile file, not a layout. */
#define MAX_SPACES 1000

typedef struct
{
  CbParagraphs  paragraphs;
  guint         paragraph_depth;   /* text:p inside text:p (via frames) */
  guint         table_depth;
  GArray       *row_has_cell;
} OdtReader;

static gboolean
in_ns (const xmlNode *node,
       const char    *ns)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL
         && strcmp ((const char *) node->ns->href, ns) == 0;
}

static gboolean
name_is (const xmlNode *node,
         const char    *name)
{
  return strcmp ((const char *) node->name, name) == 0;
}

static void
append_spaces (OdtReader     *reader,
               const xmlNode *node)
{
  g_autofree char *count_text = cb_xml_dup_prop (node, NS_TEXT, "c");
  guint64 count = 1;

  if (count_text != NULL)
    {
      count = g_ascii_strtoull (count_text, NULL, 10);
      count = CLAMP (count, 1, MAX_SPACES);
    }

  for (guint64 i = 0; i < count; i++)
    cb_paragraphs_append_unichar (&reader->paragraphs, ' ');
}

static CbXmlVisit
odt_enter (xmlNode  *node,
           gpointer  user_data)
{
  OdtReader *reader = user_data;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      /* White space between block elements is indentation, not text. */
      if (reader->paragraph_depth > 0 && node->content != NULL)
        cb_paragraphs_append_collapsed (&reader->paragraphs, (const char *) node->content);
      return CB_XML_SKIP;
    }
  if (node->type != XML_ELEMENT_NODE)
    return CB_XML_SKIP;

  if (in_ns (node, NS_TEXT))
    {
      if (name_is (node, "p") || name_is (node, "h"))
        {
          reader->paragraph_depth++;
          return CB_XML_DESCEND;
        }
      if (name_is (node, "s"))
        {
          append_spaces (reader, node);
          return CB_XML_SKIP;
        }
      if (name_is (node, "tab"))
        {
          cb_paragraphs_tab (&reader->paragraphs);
          return CB_XML_SKIP;
        }
      if (name_is (node, "line-break"))
        {
          cb_paragraphs_line_break (&reader->paragraphs);
          return CB_XML_SKIP;
        }
      if (name_is (node, "note") || name_is (node, "tracked-changes")
          || name_is (node, "soft-page-break") || name_is (node, "ruby-text")
          || g_str_has_suffix ((const char *) node->name, "-decls")
          || g_str_has_suffix ((const char *) node->name, "-source"))
        return CB_XML_SKIP;
      /* text:span, text:a, text:list, text:list-item, text:section,
       * text:change-start…: their text is ours. */
      return CB_XML_DESCEND;
    }

  if (in_ns (node, NS_TABLE))
    {
      if (name_is (node, "table"))
        {
          gboolean no_cell = FALSE;

          reader->table_depth++;
          g_array_append_val (reader->row_has_cell, no_cell);
          return CB_XML_DESCEND;
        }
      if (name_is (node, "table-row") && reader->table_depth > 0)
        {
          g_array_index (reader->row_has_cell, gboolean, reader->table_depth - 1) = FALSE;
          return CB_XML_DESCEND;
        }
      if (name_is (node, "table-cell") && reader->table_depth > 0)
        {
          gboolean *has_cell = &g_array_index (reader->row_has_cell, gboolean,
                                               reader->table_depth - 1);

          if (*has_cell)
            {
              if (reader->table_depth == 1)
                cb_paragraphs_cell (&reader->paragraphs);
              else
                cb_paragraphs_space (&reader->paragraphs);
            }
          *has_cell = TRUE;
          return CB_XML_DESCEND;
        }
      if (name_is (node, "table-header-rows") || name_is (node, "table-rows")
          || name_is (node, "table-row-group"))
        return CB_XML_DESCEND;
      /* covered (merged) cells, column definitions… */
      return CB_XML_SKIP;
    }

  /* office:annotation (comments), draw:* (frames, text boxes, shapes),
   * office:forms and anything else: not body text. */
  return CB_XML_SKIP;
}

static void
odt_leave (xmlNode  *node,
           gpointer  user_data)
{
  OdtReader *reader = user_data;

  if (in_ns (node, NS_TEXT) && (name_is (node, "p") || name_is (node, "h")))
    {
      g_assert (reader->paragraph_depth > 0);
      if (--reader->paragraph_depth > 0)
        return;
      if (reader->table_depth > 0)
        cb_paragraphs_space (&reader->paragraphs);
      else
        cb_paragraphs_end (&reader->paragraphs);
    }
  else if (in_ns (node, NS_TABLE) && reader->table_depth > 0)
    {
      if (name_is (node, "table-row"))
        {
          if (reader->table_depth == 1)
            cb_paragraphs_end (&reader->paragraphs);
          else
            cb_paragraphs_space (&reader->paragraphs);
        }
      else if (name_is (node, "table"))
        {
          reader->table_depth--;
          g_array_set_size (reader->row_has_cell, reader->table_depth);
        }
    }
}

static CbXmlVisit
find_encryption (xmlNode  *node,
                 gpointer  user_data)
{
  gboolean *encrypted = user_data;

  if (cb_xml_is (node, NS_MANIFEST, "encryption-data"))
    *encrypted = TRUE;

  return node->type == XML_ELEMENT_NODE ? CB_XML_DESCEND : CB_XML_SKIP;
}

/* Checks the package is an OpenDocument *text* and not encrypted. */
static gboolean
check_package (CbZip       *zip,
               const char  *filename,
               GError     **error)
{
  if (cb_zip_has_member (zip, "mimetype"))
    {
      g_autoptr(GBytes) mimetype = cb_zip_read_member (zip, "mimetype", error);
      g_autofree char *type = NULL;

      if (mimetype == NULL)
        return FALSE;
      type = g_strstrip (g_strndup (g_bytes_get_data (mimetype, NULL),
                                    MIN (g_bytes_get_size (mimetype), 200)));
      if (!g_str_has_prefix (type, ODT_MIMETYPE))
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSUPPORTED,
                       _("It is not an OpenDocument text document (it is “%s”)"),
                       g_utf8_validate (type, -1, NULL) ? type : "?");
          return FALSE;
        }
    }

  if (!cb_zip_has_member (zip, "content.xml"))
    {
      if (cb_zip_has_member (zip, "word/document.xml") || cb_zip_has_member (zip, "[Content_Types].xml"))
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is a Word document, not an OpenDocument file: "
                       "its name should end in .docx"));
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is not an OpenDocument file: it has no content.xml"));
      return FALSE;
    }

  if (cb_zip_has_member (zip, "META-INF/manifest.xml"))
    {
      g_autoptr(GBytes) bytes = cb_zip_read_member (zip, "META-INF/manifest.xml", error);
      xmlDoc *manifest;
      gboolean encrypted = FALSE;

      if (bytes == NULL)
        return FALSE;
      manifest = cb_xml_parse_safe (filename, "META-INF/manifest.xml",
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    error);
      if (manifest == NULL)
        return FALSE;
      if (xmlDocGetRootElement (manifest) != NULL)
        cb_xml_walk (xmlDocGetRootElement (manifest), find_encryption, NULL, &encrypted);
      xmlFreeDoc (manifest);

      if (encrypted)
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCRYPTED,
                       _("The document is password-protected; open it in LibreOffice, "
                         "remove the password (File ▸ Properties ▸ Security) and "
                         "import it again"));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_cb_import_odt (const char            *filename,
                const guint8          *data,
                gsize                  length,
                const CbImportOptions *options,
                CbImportedText        *imported,
                GError               **error)
{
  g_autoptr(CbZip) zip = NULL;
  g_autoptr(GBytes) content = NULL;
  OdtReader reader = { 0 };
  xmlDoc *doc;
  xmlNode *root;
  xmlNode *text = NULL;

  zip = cb_zip_open_bytes (filename, data, length, NULL, error);
  if (zip == NULL)
    return FALSE;

  if (!check_package (zip, filename, error))
    return FALSE;

  content = cb_zip_read_member (zip, "content.xml", error);
  if (content == NULL)
    return FALSE;

  doc = cb_xml_parse_safe (filename, "content.xml", g_bytes_get_data (content, NULL),
                           g_bytes_get_size (content), error);
  if (doc == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  if (cb_xml_is (root, NS_OFFICE, "document-content"))
    for (xmlNode *body = root->children; body != NULL && text == NULL; body = body->next)
      if (cb_xml_is (body, NS_OFFICE, "body"))
        for (xmlNode *child = body->children; child != NULL; child = child->next)
          if (cb_xml_is (child, NS_OFFICE, "text"))
            {
              text = child;
              break;
            }

  if (text == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not an OpenDocument text document (content.xml holds no text body)"));
      xmlFreeDoc (doc);
      return FALSE;
    }

  cb_paragraphs_init (&reader.paragraphs);
  reader.row_has_cell = g_array_new (FALSE, TRUE, sizeof (gboolean));

  cb_xml_walk (text, odt_enter, odt_leave, &reader);

  imported->text = cb_paragraphs_finish (&reader.paragraphs, &imported->length);
  g_array_unref (reader.row_has_cell);
  xmlFreeDoc (doc);

  return TRUE;
}
