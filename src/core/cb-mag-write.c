/* cb-mag-write.c: the convergence/divergence grid as TSV, HTML, ODT and
 * DOCX
 *
 * TSV gives the counts (a header row "point, type, participants…", then a
 * row per point); the documents give the quotes, each marked "+" for a
 * convergence and "±" for a divergence, and cited by session.  ODT and
 * DOCX are small hand-made packages (one table) built with the XML writer
 * and the zip writer: the quote lists' XSLT pipeline formats lists of
 * quotes, not a table of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-mag-private.h"
#include "cb-tsv.h"
#include "cb-xml-writer.h"
#include "cb-zip-write.h"

static const char *
point_mark (const CbMagPoint *point)
{
  return g_str_equal (point->type, "divergence") ? "±" : "+";
}

static const char *
grid_title (void)
{
  return _("Convergences and divergences");
}

/* "“words” (session)" */
static char *
quote_line (const CbMagPoint *point,
            const CbMagQuote *quote)
{
  return g_strdup_printf ("%s “%s” (%s)", point_mark (point), quote->text, quote->document);
}

static void
write_tsv (CbMagGrid *grid,
           GString   *out)
{
  g_string_append (out, "point\ttype");
  for (guint c = 0; c < grid->columns->len; c++)
    {
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, grid->columns->pdata[c]);
    }
  g_string_append_c (out, '\n');
  for (guint p = 0; p < grid->points->len; p++)
    {
      CbMagPoint *point = grid->points->pdata[p];

      cb_tsv_append_escaped (out, point->title);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, point->type);
      for (guint c = 0; c < grid->columns->len; c++)
        g_string_append_printf (out, "\t%u", cb_mag_grid_get_cell (grid, p, c)->len);
      g_string_append_c (out, '\n');
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
write_html (CbMagGrid *grid,
            GString   *out)
{
  g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
  append_escaped (out, grid_title ());
  g_string_append (out, "</title>\n<style>\n"
                   "body { font-family: sans-serif; margin: 2em; }\n"
                   "table { border-collapse: collapse; }\n"
                   "th, td { padding: 0.4em 0.6em; border: 1px solid #ccc; vertical-align: top; }\n"
                   "th { text-align: left; font-weight: 600; }\n"
                   "td p { margin: 0 0 0.4em 0; }\n"
                   ".divergence th.point { color: #a33; }\n"
                   ".convergence th.point { color: #2a6; }\n"
                   "</style>\n</head>\n<body>\n<h1>");
  append_escaped (out, grid_title ());
  g_string_append (out, "</h1>\n<table>\n<thead><tr><th>");
  append_escaped (out, _("Point"));
  g_string_append (out, "</th>");
  for (guint c = 0; c < grid->columns->len; c++)
    {
      g_string_append (out, "<th>");
      append_escaped (out, grid->columns->pdata[c]);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint p = 0; p < grid->points->len; p++)
    {
      CbMagPoint *point = grid->points->pdata[p];

      g_string_append_printf (out, "<tr class=\"%s\"><th class=\"point\">%s ",
                              g_str_equal (point->type, "divergence") ? "divergence" : "convergence",
                              point_mark (point));
      append_escaped (out, point->title);
      g_string_append (out, "</th>");
      for (guint c = 0; c < grid->columns->len; c++)
        {
          GPtrArray *cell = cb_mag_grid_get_cell (grid, p, c);

          g_string_append (out, "<td>");
          for (guint q = 0; q < cell->len; q++)
            {
              g_autofree char *line = quote_line (point, cell->pdata[q]);

              g_string_append (out, "<p>");
              append_escaped (out, line);
              g_string_append (out, "</p>");
            }
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</body>\n</html>\n");
}

static void
add_static (CbZipWriter *zip,
            const char  *name,
            const char  *content,
            gboolean     store)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (content, strlen (content));

  cb_zip_writer_add (zip, name, bytes, store);
}

/* ---- ODT ------------------------------------------------------------- */

#define ODF_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define ODF_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define ODF_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define ODF_STYLE "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define ODF_FO "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

static const char odt_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>";

static void
odt_cell (CbXmlOut   *xml,
          GPtrArray  *paragraphs)
{
  _cb_xml_out_start (xml, "table:table-cell");
  _cb_xml_out_attr (xml, "table:style-name", "cell");
  _cb_xml_out_attr (xml, "office:value-type", "string");
  for (guint i = 0; i < paragraphs->len; i++)
    _cb_xml_out_text_element (xml, "text:p", paragraphs->pdata[i]);
  if (paragraphs->len == 0)
    _cb_xml_out_text_element (xml, "text:p", "");
  _cb_xml_out_end (xml);
}

static GPtrArray *
header_cell (const char *text)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (paragraphs, g_strdup (text));
  return paragraphs;
}

static GPtrArray *
grid_cell (CbMagGrid *grid,
           guint      p,
           guint      c)
{
  GPtrArray *paragraphs = g_ptr_array_new_with_free_func (g_free);
  CbMagPoint *point = grid->points->pdata[p];
  GPtrArray *cell = cb_mag_grid_get_cell (grid, p, c);

  for (guint q = 0; q < cell->len; q++)
    g_ptr_array_add (paragraphs, quote_line (point, cell->pdata[q]));
  return paragraphs;
}

static GPtrArray *
point_cell (CbMagGrid *grid,
            guint      p)
{
  CbMagPoint *point = grid->points->pdata[p];
  g_autofree char *title = g_strdup_printf ("%s %s", point_mark (point), point->title);

  return header_cell (title);
}

static GBytes *
odt_content (CbMagGrid  *grid,
             GError    **error)
{
  CbXmlOut xml;

  if (!_cb_xml_out_init (&xml))
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, _("The grid could not be written"));
      return NULL;
    }
  /* ODF collapses white space in text:p: no indentation */
  xmlTextWriterSetIndent (xml.writer, 0);
  _cb_xml_out_start (&xml, "office:document-content");
  _cb_xml_out_attr (&xml, "xmlns:office", ODF_OFFICE);
  _cb_xml_out_attr (&xml, "xmlns:table", ODF_TABLE);
  _cb_xml_out_attr (&xml, "xmlns:text", ODF_TEXT);
  _cb_xml_out_attr (&xml, "xmlns:style", ODF_STYLE);
  _cb_xml_out_attr (&xml, "xmlns:fo", ODF_FO);
  _cb_xml_out_attr (&xml, "office:version", "1.2");

  _cb_xml_out_start (&xml, "office:automatic-styles");
  _cb_xml_out_start (&xml, "style:style");
  _cb_xml_out_attr (&xml, "style:name", "cell");
  _cb_xml_out_attr (&xml, "style:family", "table-cell");
  _cb_xml_out_start (&xml, "style:table-cell-properties");
  _cb_xml_out_attr (&xml, "fo:border", "0.5pt solid #999999");
  _cb_xml_out_attr (&xml, "fo:padding", "0.1cm");
  _cb_xml_out_end (&xml);
  _cb_xml_out_end (&xml);
  /* the points' column wider than the participants': a title is longer
   * than a name (equal columns broke titles a syllable a line) */
  _cb_xml_out_start (&xml, "style:style");
  _cb_xml_out_attr (&xml, "style:name", "grid");
  _cb_xml_out_attr (&xml, "style:family", "table");
  _cb_xml_out_start (&xml, "style:table-properties");
  _cb_xml_out_attr (&xml, "style:width", "17cm");
  _cb_xml_out_attr (&xml, "table:align", "margins");
  _cb_xml_out_end (&xml);
  _cb_xml_out_end (&xml);
  for (guint c = 0; c < 2; c++)
    {
      /* 17 cm shared 3 : 2 : 2 …; LibreOffice wants the width itself */
      char width[G_ASCII_DTOSTR_BUF_SIZE + 2];

      g_ascii_formatd (width, sizeof width - 2, "%.2f", 17.0 * (c == 0 ? 3 : 2) / (3 + 2 * grid->columns->len));
      strcat (width, "cm");
      _cb_xml_out_start (&xml, "style:style");
      _cb_xml_out_attr (&xml, "style:name", c == 0 ? "point" : "participant");
      _cb_xml_out_attr (&xml, "style:family", "table-column");
      _cb_xml_out_start (&xml, "style:table-column-properties");
      _cb_xml_out_attr (&xml, "style:column-width", width);
      _cb_xml_out_attr (&xml, "style:rel-width", c == 0 ? "3*" : "2*");
      _cb_xml_out_end (&xml);
      _cb_xml_out_end (&xml);
    }
  _cb_xml_out_end (&xml);

  _cb_xml_out_start (&xml, "office:body");
  _cb_xml_out_start (&xml, "office:text");
  _cb_xml_out_start (&xml, "text:h");
  _cb_xml_out_attr (&xml, "text:outline-level", "1");
  xmlTextWriterWriteString (xml.writer, BAD_CAST grid_title ());
  _cb_xml_out_end (&xml);
  _cb_xml_out_start (&xml, "table:table");
  _cb_xml_out_attr (&xml, "table:name", "grid");
  _cb_xml_out_attr (&xml, "table:style-name", "grid");
  _cb_xml_out_start (&xml, "table:table-column");
  _cb_xml_out_attr (&xml, "table:style-name", "point");
  _cb_xml_out_end (&xml);
  if (grid->columns->len > 0)
    {
      _cb_xml_out_start (&xml, "table:table-column");
      _cb_xml_out_attr (&xml, "table:style-name", "participant");
      _cb_xml_out_attr_int (&xml, "table:number-columns-repeated", grid->columns->len);
      _cb_xml_out_end (&xml);
    }

  _cb_xml_out_start (&xml, "table:table-header-rows");
  _cb_xml_out_start (&xml, "table:table-row");
  {
    g_autoptr(GPtrArray) cell = header_cell (_("Point"));

    odt_cell (&xml, cell);
  }
  for (guint c = 0; c < grid->columns->len; c++)
    {
      g_autoptr(GPtrArray) cell = header_cell (grid->columns->pdata[c]);

      odt_cell (&xml, cell);
    }
  _cb_xml_out_end (&xml);
  _cb_xml_out_end (&xml);

  for (guint p = 0; p < grid->points->len; p++)
    {
      g_autoptr(GPtrArray) first = point_cell (grid, p);

      _cb_xml_out_start (&xml, "table:table-row");
      odt_cell (&xml, first);
      for (guint c = 0; c < grid->columns->len; c++)
        {
          g_autoptr(GPtrArray) cell = grid_cell (grid, p, c);

          odt_cell (&xml, cell);
        }
      _cb_xml_out_end (&xml);
    }
  _cb_xml_out_end (&xml);   /* table */
  _cb_xml_out_end (&xml);   /* text */
  _cb_xml_out_end (&xml);   /* body */
  _cb_xml_out_end (&xml);   /* document-content */
  return _cb_xml_out_finish (&xml, _("The grid could not be written"), error);
}

/* ---- DOCX ------------------------------------------------------------ */

#define WML "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char docx_content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "</Types>";

static const char docx_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "</Relationships>";

static void
docx_paragraph (CbXmlOut   *xml,
                const char *text,
                gboolean    bold)
{
  _cb_xml_out_start (xml, "w:p");
  _cb_xml_out_start (xml, "w:r");
  if (bold)
    {
      _cb_xml_out_start (xml, "w:rPr");
      _cb_xml_out_start (xml, "w:b");
      _cb_xml_out_end (xml);
      _cb_xml_out_end (xml);
    }
  /* the text element replaces what XML cannot carry (quotes are the
   * project's text, which is input) */
  _cb_xml_out_text_element (xml, "w:t", text);
  _cb_xml_out_end (xml);
  _cb_xml_out_end (xml);
}

static void
docx_cell (CbXmlOut  *xml,
           GPtrArray *paragraphs,
           gboolean   bold)
{
  _cb_xml_out_start (xml, "w:tc");
  for (guint i = 0; i < paragraphs->len; i++)
    docx_paragraph (xml, paragraphs->pdata[i], bold);
  if (paragraphs->len == 0)
    docx_paragraph (xml, "", FALSE);   /* a cell needs a paragraph */
  _cb_xml_out_end (xml);
}

static GBytes *
docx_document (CbMagGrid  *grid,
               GError    **error)
{
  static const char * const borders[] = { "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV" };
  CbXmlOut xml;

  if (!_cb_xml_out_init (&xml))
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, _("The grid could not be written"));
      return NULL;
    }
  xmlTextWriterSetIndent (xml.writer, 0);
  _cb_xml_out_start (&xml, "w:document");
  _cb_xml_out_attr (&xml, "xmlns:w", WML);
  _cb_xml_out_start (&xml, "w:body");
  docx_paragraph (&xml, grid_title (), TRUE);
  _cb_xml_out_start (&xml, "w:tbl");
  _cb_xml_out_start (&xml, "w:tblPr");
  _cb_xml_out_start (&xml, "w:tblBorders");
  for (guint b = 0; b < G_N_ELEMENTS (borders); b++)
    {
      _cb_xml_out_start (&xml, borders[b]);
      _cb_xml_out_attr (&xml, "w:val", "single");
      _cb_xml_out_attr (&xml, "w:sz", "4");
      _cb_xml_out_attr (&xml, "w:color", "999999");
      _cb_xml_out_end (&xml);
    }
  _cb_xml_out_end (&xml);
  _cb_xml_out_end (&xml);
  /* the schema wants the grid of columns before the rows */
  _cb_xml_out_start (&xml, "w:tblGrid");
  for (guint c = 0; c <= grid->columns->len; c++)
    {
      _cb_xml_out_start (&xml, "w:gridCol");
      _cb_xml_out_attr_int (&xml, "w:w", c == 0 ? 3200 : 1800);
      _cb_xml_out_end (&xml);
    }
  _cb_xml_out_end (&xml);

  _cb_xml_out_start (&xml, "w:tr");
  {
    g_autoptr(GPtrArray) cell = header_cell (_("Point"));

    docx_cell (&xml, cell, TRUE);
  }
  for (guint c = 0; c < grid->columns->len; c++)
    {
      g_autoptr(GPtrArray) cell = header_cell (grid->columns->pdata[c]);

      docx_cell (&xml, cell, TRUE);
    }
  _cb_xml_out_end (&xml);

  for (guint p = 0; p < grid->points->len; p++)
    {
      g_autoptr(GPtrArray) first = point_cell (grid, p);

      _cb_xml_out_start (&xml, "w:tr");
      docx_cell (&xml, first, TRUE);
      for (guint c = 0; c < grid->columns->len; c++)
        {
          g_autoptr(GPtrArray) cell = grid_cell (grid, p, c);

          docx_cell (&xml, cell, FALSE);
        }
      _cb_xml_out_end (&xml);
    }
  _cb_xml_out_end (&xml);   /* tbl */
  /* Word wants a paragraph after a table at the end of the body */
  docx_paragraph (&xml, "", FALSE);
  _cb_xml_out_end (&xml);   /* body */
  _cb_xml_out_end (&xml);   /* document */
  return _cb_xml_out_finish (&xml, _("The grid could not be written"), error);
}

GBytes *
cb_mag_grid_write (CbMagGrid        *grid,
                   CbMagGridFormat   format,
                   GError          **error)
{
  g_return_val_if_fail (grid != NULL, NULL);

  switch (format)
    {
    case CB_MAG_GRID_ODT:
      {
        g_autoptr(CbZipWriter) zip = cb_zip_writer_new ();
        g_autoptr(GBytes) content = odt_content (grid, error);

        if (content == NULL)
          return NULL;
        add_static (zip, "mimetype", odt_mimetype, TRUE);
        cb_zip_writer_add (zip, "content.xml", content, FALSE);
        add_static (zip, "META-INF/manifest.xml", odt_manifest, FALSE);
        return cb_zip_writer_finish (zip, error);
      }
    case CB_MAG_GRID_DOCX:
      {
        g_autoptr(CbZipWriter) zip = cb_zip_writer_new ();
        g_autoptr(GBytes) document = docx_document (grid, error);

        if (document == NULL)
          return NULL;
        add_static (zip, "[Content_Types].xml", docx_content_types, FALSE);
        add_static (zip, "_rels/.rels", docx_rels, FALSE);
        cb_zip_writer_add (zip, "word/document.xml", document, FALSE);
        return cb_zip_writer_finish (zip, error);
      }
    case CB_MAG_GRID_HTML:
      {
        GString *out = g_string_new (NULL);

        write_html (grid, out);
        return g_string_free_to_bytes (out);
      }
    case CB_MAG_GRID_TSV:
    default:
      {
        GString *out = g_string_new (NULL);

        write_tsv (grid, out);
        return g_string_free_to_bytes (out);
      }
    }
}
