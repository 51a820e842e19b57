/* cb-import-docx.c: Word (.docx) documents
 *
 * Reads the main document part (found through the package relationships,
 * normally word/document.xml) and nothing else: headers, footers,
 * footnotes, endnotes and comments live in other parts and are not body
 * text.  Tracked changes are taken in their accepted state: insertions and
 * moved-to text are kept, deletions and moved-from text dropped, and a
 * paragraph whose mark was deleted runs on into the next one.  Drawings,
 * text boxes and embedded objects are skipped.  Layout follows
 * cb-import-paragraphs.h.
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

#define NS_W        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_MC       "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define NS_PKG_RELS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_OFFICE_DOCUMENT        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define REL_OFFICE_DOCUMENT_STRICT "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"

typedef struct
{
  CbParagraphs  paragraphs;
  const char   *ns;          /* the WordprocessingML namespace this file uses */
  guint         table_depth;
  /* For each open table, whether its current row has had a cell yet. */
  GArray       *row_has_cell;
} DocxReader;

static gboolean
is_w (const xmlNode *node,
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

/* A paragraph whose mark is a tracked deletion joins the next paragraph
 * once the deletion is accepted. */
static gboolean
paragraph_mark_deleted (const xmlNode *p,
                        const char    *ns)
{
  for (const xmlNode *ppr = p->children; ppr != NULL; ppr = ppr->next)
    {
      if (!is_w (ppr, ns) || !name_is (ppr, "pPr"))
        continue;
      for (const xmlNode *rpr = ppr->children; rpr != NULL; rpr = rpr->next)
        {
          if (!is_w (rpr, ns) || !name_is (rpr, "rPr"))
            continue;
          for (const xmlNode *mark = rpr->children; mark != NULL; mark = mark->next)
            if (is_w (mark, ns) && (name_is (mark, "del") || name_is (mark, "moveFrom")))
              return TRUE;
        }
    }

  return FALSE;
}

static void
append_text_children (DocxReader    *reader,
                      const xmlNode *node)
{
  for (const xmlNode *child = node->children; child != NULL; child = child->next)
    if ((child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        && child->content != NULL)
      cb_paragraphs_append (&reader->paragraphs, (const char *) child->content, -1);
}

/* w:sym: a character from a symbol font.  Word stores Symbol-font glyphs
 * in the private-use range U+F020..U+F0FF; map the Symbol font's to real
 * characters and keep others (Wingdings…) as they are. */
static void
append_symbol (DocxReader    *reader,
               const xmlNode *node)
{
  g_autofree char *code_text = cb_xml_dup_prop (node, reader->ns, "char");
  g_autofree char *font = cb_xml_dup_prop (node, reader->ns, "font");
  guint64 code;
  char *end = NULL;

  if (code_text == NULL)
    return;

  code = g_ascii_strtoull (code_text, &end, 16);
  if (end == code_text || *end != '\0' || code == 0 || code > 0x10ffff)
    return;

  if (code >= 0xf020 && code <= 0xf0ff && font != NULL && g_ascii_strcasecmp (font, "Symbol") == 0)
    {
      gunichar c = cb_import_symbol_font_char ((guint8) (code - 0xf000));

      if (c != 0)
        code = c;
    }

  if (g_unichar_validate ((gunichar) code))
    cb_paragraphs_append_unichar (&reader->paragraphs, (gunichar) code);
}

/* Inside a table cell, paragraphs and nested rows are joined by a space:
 * the outermost row is the paragraph. */
static void
cell_separator (DocxReader *reader)
{
  cb_paragraphs_space (&reader->paragraphs);
}

static CbXmlVisit
docx_enter (xmlNode  *node,
            gpointer  user_data)
{
  DocxReader *reader = user_data;
  static const char * const skipped[] = {
    /* properties, never text */
    "pPr", "rPr", "tblPr", "tblPrEx", "trPr", "tcPr", "sectPr", "tblGrid", "sdtPr",
    "sdtEndPr", "customXmlPr", "smartTagPr",
    /* tracked changes in their accepted state */
    "del", "moveFrom", "delText", "delInstrText",
    /* field codes (their results are ordinary runs) */
    "instrText", "fldData",
    /* notes and comments are other parts; these are only their anchors */
    "footnoteReference", "endnoteReference", "commentReference", "annotationRef",
    "footnoteRef", "endnoteRef", "separator", "continuationSeparator",
    /* drawings, text boxes, objects */
    "drawing", "pict", "object", "txbxContent",
    NULL
  };

  if (node->type != XML_ELEMENT_NODE)
    return CB_XML_SKIP;

  if (node->ns != NULL && node->ns->href != NULL
      && strcmp ((const char *) node->ns->href, NS_MC) == 0)
    {
      /* We understand none of the alternatives' requirements, so by the
       * markup-compatibility rules we take the fallback. */
      if (name_is (node, "AlternateContent") || name_is (node, "Fallback"))
        return CB_XML_DESCEND;
      return CB_XML_SKIP;
    }

  /* Elements of other namespaces (w14:, wp:, v:…) are extensions or
   * drawings: ignorable, content and all. */
  if (!is_w (node, reader->ns))
    return CB_XML_SKIP;

  /* The common elements first: runs, their text and properties. */
  if (name_is (node, "t"))
    {
      append_text_children (reader, node);
      return CB_XML_SKIP;
    }
  if (name_is (node, "r") || name_is (node, "p"))
    return CB_XML_DESCEND;
  if (name_is (node, "rPr") || name_is (node, "pPr"))
    return CB_XML_SKIP;

  if (g_strv_contains (skipped, (const char *) node->name))
    return CB_XML_SKIP;

  if (name_is (node, "tab") || name_is (node, "ptab"))
    {
      cb_paragraphs_tab (&reader->paragraphs);
      return CB_XML_SKIP;
    }
  if (name_is (node, "br") || name_is (node, "cr"))
    {
      cb_paragraphs_line_break (&reader->paragraphs);
      return CB_XML_SKIP;
    }
  if (name_is (node, "noBreakHyphen"))
    {
      cb_paragraphs_append_unichar (&reader->paragraphs, 0x2011);
      return CB_XML_SKIP;
    }
  if (name_is (node, "softHyphen"))
    return CB_XML_SKIP;
  if (name_is (node, "sym"))
    {
      append_symbol (reader, node);
      return CB_XML_SKIP;
    }

  if (name_is (node, "tbl"))
    {
      gboolean no_cell = FALSE;

      reader->table_depth++;
      g_array_append_val (reader->row_has_cell, no_cell);
      return CB_XML_DESCEND;
    }
  if (name_is (node, "tr") && reader->table_depth > 0)
    {
      g_array_index (reader->row_has_cell, gboolean, reader->table_depth - 1) = FALSE;
      return CB_XML_DESCEND;
    }
  if (name_is (node, "tc") && reader->table_depth > 0)
    {
      gboolean *has_cell = &g_array_index (reader->row_has_cell, gboolean, reader->table_depth - 1);

      if (*has_cell)
        {
          if (reader->table_depth == 1)
            cb_paragraphs_cell (&reader->paragraphs);
          else
            cell_separator (reader);
        }
      *has_cell = TRUE;
      return CB_XML_DESCEND;
    }

  /* w:p, w:r, w:hyperlink, w:ins, w:moveTo, w:sdt, w:sdtContent,
   * w:smartTag, w:customXml, w:fldSimple, w:body…: their text is ours. */
  return CB_XML_DESCEND;
}

static void
docx_leave (xmlNode  *node,
            gpointer  user_data)
{
  DocxReader *reader = user_data;

  if (!is_w (node, reader->ns))
    return;

  if (name_is (node, "p"))
    {
      if (paragraph_mark_deleted (node, reader->ns))
        return;
      if (reader->table_depth > 0)
        cell_separator (reader);
      else
        cb_paragraphs_end (&reader->paragraphs);
    }
  else if (name_is (node, "tr") && reader->table_depth > 0)
    {
      if (reader->table_depth == 1)
        cb_paragraphs_end (&reader->paragraphs);
      else
        cell_separator (reader);
    }
  else if (name_is (node, "tbl") && reader->table_depth > 0)
    {
      reader->table_depth--;
      g_array_set_size (reader->row_has_cell, reader->table_depth);
    }
}

/* The main document part named by the package relationships; NULL when
 * the package has none (not a Word document at all). */
static char *
find_main_part (CbZip       *zip,
                const char  *filename,
                GError     **error)
{
  g_autoptr(GBytes) rels_bytes = NULL;
  xmlDoc *rels;
  xmlNode *root;
  char *target = NULL;

  if (!cb_zip_has_member (zip, "_rels/.rels"))
    return cb_zip_has_member (zip, "word/document.xml") ? g_strdup ("word/document.xml") : NULL;

  rels_bytes = cb_zip_read_member (zip, "_rels/.rels", error);
  if (rels_bytes == NULL)
    return NULL;

  rels = cb_xml_parse_safe (filename, "_rels/.rels",
                            g_bytes_get_data (rels_bytes, NULL),
                            g_bytes_get_size (rels_bytes), error);
  if (rels == NULL)
    return NULL;

  root = xmlDocGetRootElement (rels);
  for (xmlNode *rel = root != NULL ? root->children : NULL; rel != NULL && target == NULL; rel = rel->next)
    {
      g_autofree char *type = NULL;

      if (!cb_xml_is (rel, NS_PKG_RELS, "Relationship"))
        continue;
      type = cb_xml_dup_prop (rel, NULL, "Type");
      if (g_strcmp0 (type, REL_OFFICE_DOCUMENT) == 0 || g_strcmp0 (type, REL_OFFICE_DOCUMENT_STRICT) == 0)
        target = cb_xml_dup_prop (rel, NULL, "Target");
    }
  xmlFreeDoc (rels);

  if (target == NULL)
    return cb_zip_has_member (zip, "word/document.xml") ? g_strdup ("word/document.xml") : NULL;

  /* Targets are relative to the package root; "/word/document.xml" and
   * "./word/document.xml" too. */
  if (target[0] == '/')
    memmove (target, target + 1, strlen (target));
  else if (target[0] == '.' && target[1] == '/')
    memmove (target, target + 2, strlen (target) - 1);

  return target;
}

gboolean
_cb_import_docx (const char            *filename,
                 const guint8          *data,
                 gsize                  length,
                 const CbImportOptions *options,
                 CbImportedText        *imported,
                 GError               **error)
{
  g_autoptr(CbZip) zip = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autofree char *part_name = NULL;
  g_autoptr(GError) local_error = NULL;
  DocxReader reader = { 0 };
  xmlDoc *doc;
  xmlNode *root;
  xmlNode *body = NULL;

  zip = cb_zip_open_bytes (filename, data, length, NULL, error);
  if (zip == NULL)
    return FALSE;

  part_name = find_main_part (zip, filename, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (part_name == NULL)
    {
      if (cb_zip_has_member (zip, "content.xml"))
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is an OpenDocument file, not a Word document: "
                       "its name should end in .odt"));
      else
        g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                     _("It is not a Word document: it has no main document part"));
      return FALSE;
    }
  if (!cb_zip_member_name_is_safe (part_name))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE,
                   _("It was refused: its main document part has the unsafe name “%s”"),
                   part_name);
      return FALSE;
    }

  part = cb_zip_read_member (zip, part_name, error);
  if (part == NULL)
    return FALSE;

  doc = cb_xml_parse_safe (filename, part_name, g_bytes_get_data (part, NULL),
                           g_bytes_get_size (part), error);
  if (doc == NULL)
    return FALSE;

  root = xmlDocGetRootElement (doc);
  if (cb_xml_is (root, NS_W, "document"))
    reader.ns = NS_W;
  else if (cb_xml_is (root, NS_W_STRICT, "document"))
    reader.ns = NS_W_STRICT;

  if (reader.ns != NULL)
    for (xmlNode *child = root->children; child != NULL; child = child->next)
      if (cb_xml_is (child, reader.ns, "body"))
        body = child;

  if (body == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not a Word text document (“%s” holds no document body)"),
                   part_name);
      xmlFreeDoc (doc);
      return FALSE;
    }

  cb_paragraphs_init (&reader.paragraphs);
  reader.row_has_cell = g_array_new (FALSE, TRUE, sizeof (gboolean));

  cb_xml_walk (body, docx_enter, docx_leave, &reader);

  imported->text = cb_paragraphs_finish (&reader.paragraphs, &imported->length);
  g_array_unref (reader.row_has_cell);
  xmlFreeDoc (doc);

  return TRUE;
}
