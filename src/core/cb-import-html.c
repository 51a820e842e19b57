/* cb-import-html.c: web pages (.html, .htm)
 *
 * libxml2's HTML parser (never the network, never a DTD) reads the page;
 * we keep the text of <body>: block elements (p, div, h1…h6, li, tr,
 * blockquote…) are paragraphs, <br> a line break, white space collapses as
 * a browser collapses it except inside <pre>, table rows are paragraphs
 * with cells separated by tabs.  Scripts, styles, templates, forms'
 * option lists and embedded objects are not text.  Layout follows
 * cb-import-paragraphs.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <libxml/HTMLparser.h>

#include "cb-error.h"
#include "cb-import-paragraphs.h"
#include "cb-import-private.h"
#include "cb-import-zip.h"

typedef struct
{
  CbParagraphs  paragraphs;
  guint         pre_depth;
  guint         table_depth;
  GArray       *row_has_cell;
} HtmlReader;

static const char * const skipped_elements[] = {
  "head", "script", "style", "noscript", "template", "iframe", "object", "embed",
  "svg", "math", "select", "datalist", "textarea", "button", "title", "meta", "link",
  "canvas", "audio", "video", "map", NULL
};

static const char * const block_elements[] = {
  "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "ul", "ol", "dl",
  "blockquote", "pre", "address", "section", "article", "aside", "header", "footer",
  "main", "nav", "figure", "figcaption", "form", "fieldset", "legend", "details",
  "summary", "center", "caption", "hgroup", "body", NULL
};

static gboolean
is_block (const xmlNode *node)
{
  return g_strv_contains (block_elements, (const char *) node->name);
}

static void
block_boundary (HtmlReader *reader)
{
  if (reader->table_depth > 0)
    cb_paragraphs_space (&reader->paragraphs);
  else
    cb_paragraphs_end (&reader->paragraphs);
}

static void
append_preformatted (HtmlReader *reader,
                     const char *text)
{
  const char *line = text;
  const char *newline;

  while ((newline = strchr (line, '\n')) != NULL)
    {
      cb_paragraphs_append (&reader->paragraphs, line, newline - line);
      cb_paragraphs_line_break (&reader->paragraphs);
      line = newline + 1;
    }
  cb_paragraphs_append (&reader->paragraphs, line, -1);
}

static CbXmlVisit
html_enter (xmlNode  *node,
            gpointer  user_data)
{
  HtmlReader *reader = user_data;
  const char *name;

  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content == NULL)
        return CB_XML_SKIP;
      if (reader->pre_depth > 0)
        append_preformatted (reader, (const char *) node->content);
      else
        cb_paragraphs_append_collapsed (&reader->paragraphs, (const char *) node->content);
      return CB_XML_SKIP;
    }
  if (node->type != XML_ELEMENT_NODE)
    return CB_XML_SKIP;

  name = (const char *) node->name;
  if (g_strv_contains (skipped_elements, name))
    return CB_XML_SKIP;

  if (strcmp (name, "br") == 0)
    {
      cb_paragraphs_line_break (&reader->paragraphs);
      return CB_XML_SKIP;
    }
  if (strcmp (name, "hr") == 0)
    {
      block_boundary (reader);
      return CB_XML_SKIP;
    }
  if (strcmp (name, "table") == 0)
    {
      gboolean no_cell = FALSE;

      block_boundary (reader);
      reader->table_depth++;
      g_array_append_val (reader->row_has_cell, no_cell);
      return CB_XML_DESCEND;
    }
  if (strcmp (name, "tr") == 0 && reader->table_depth > 0)
    {
      g_array_index (reader->row_has_cell, gboolean, reader->table_depth - 1) = FALSE;
      return CB_XML_DESCEND;
    }
  if ((strcmp (name, "td") == 0 || strcmp (name, "th") == 0) && reader->table_depth > 0)
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
  if (strcmp (name, "pre") == 0)
    reader->pre_depth++;
  if (is_block (node))
    block_boundary (reader);

  return CB_XML_DESCEND;
}

static void
html_leave (xmlNode  *node,
            gpointer  user_data)
{
  HtmlReader *reader = user_data;
  const char *name = (const char *) node->name;

  if (strcmp (name, "table") == 0 && reader->table_depth > 0)
    {
      reader->table_depth--;
      g_array_set_size (reader->row_has_cell, reader->table_depth);
      block_boundary (reader);
      return;
    }
  if (strcmp (name, "tr") == 0 && reader->table_depth > 0)
    {
      if (reader->table_depth == 1)
        cb_paragraphs_end (&reader->paragraphs);
      else
        cb_paragraphs_space (&reader->paragraphs);
      return;
    }
  if (strcmp (name, "pre") == 0 && reader->pre_depth > 0)
    reader->pre_depth--;
  if (is_block (node))
    block_boundary (reader);
}

static xmlNode *
find_element (xmlNode    *parent,
              const char *name)
{
  for (xmlNode *child = parent != NULL ? parent->children : NULL; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && strcmp ((const char *) child->name, name) == 0)
      return child;

  return NULL;
}

gboolean
_cb_import_html (const char            *filename,
                 const guint8          *data,
                 gsize                  length,
                 const CbImportOptions *options,
                 CbImportedText        *imported,
                 GError               **error)
{
  HtmlReader reader = { 0 };
  const char *encoding = NULL;
  htmlDocPtr doc;
  xmlNode *root;
  xmlNode *body;

  if (length == 0)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_EMPTY,
                   _("The file is empty"));
      return FALSE;
    }
  if (length > G_MAXINT)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("The file is too large"));
      return FALSE;
    }

  /* An explicit choice wins; text that is valid UTF-8 is UTF-8 whatever its
   * <meta> claims (ASCII-only pages read the same either way); otherwise
   * libxml2 follows the page's <meta charset>. */
  if (options != NULL && options->encoding != NULL)
    encoding = options->encoding;
  else if (g_utf8_validate ((const char *) data, length, NULL))
    encoding = "UTF-8";

  doc = htmlReadMemory ((const char *) data, (int) length, NULL, encoding,
                        HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR
                        | HTML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It cannot be read as a web page"));
      return FALSE;
    }

  root = xmlDocGetRootElement (doc);
  body = find_element (root, "body");
  if (body == NULL)
    body = root;

  cb_paragraphs_init (&reader.paragraphs);
  reader.row_has_cell = g_array_new (FALSE, TRUE, sizeof (gboolean));

  if (body != NULL)
    cb_xml_walk (body, html_enter, html_leave, &reader);

  imported->text = cb_paragraphs_finish (&reader.paragraphs, &imported->length);
  g_array_unref (reader.row_has_cell);
  xmlFreeDoc (doc);

  return TRUE;
}
