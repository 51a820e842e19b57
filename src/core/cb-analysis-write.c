/* cb-analysis-write.c: an analysis table as TSV, CSV, HTML or an ODF spreadsheet
 *
 * Every format carries the same cells (cb_analysis_table_format_cell): the
 * files are for programs as much as for people.  HTML is one
 * self-contained page whose cells have a heat-map background; the .ods is
 * a spreadsheet of numbers (not text) that LibreOffice and Excel open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-analysis.h"
#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-tsv.h"
#include "cb-xml-writer.h"
#include "cb-zip-write.h"

gboolean
cb_analysis_parse_format (const char       *text,
                          CbAnalysisFormat *format)
{
  static const char * const names[] = { "tsv", "csv", "html", "ods" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *format = (CbAnalysisFormat) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
cb_analysis_format_for_path (const char       *path,
                             CbAnalysisFormat *format)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;

  if (dot == NULL || strchr (dot, '/') != NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".htm") == 0)
    {
      *format = CB_ANALYSIS_FORMAT_HTML;
      return TRUE;
    }
  return cb_analysis_parse_format (dot + 1, format);
}

static void
write_tsv (const CbAnalysisTable *table,
           GString               *out)
{
  g_string_append (out, "code");
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, table->column_labels[c]);
    }
  g_string_append_c (out, '\n');
  for (guint r = 0; r < table->n_rows; r++)
    {
      cb_tsv_append_escaped (out, table->row_labels[r]);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *cell = cb_analysis_table_format_cell (table, r, c);

          g_string_append_printf (out, "\t%s", cell);
        }
      g_string_append_c (out, '\n');
    }
}

/* RFC 4180: quoted when it holds a comma, quote or line break; quotes
 * doubled.  Labels are written as they are (a code may start with "-"). */
static void
append_csv_field (GString    *out,
                  const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
write_csv (const CbAnalysisTable *table,
           GString               *out)
{
  g_string_append (out, "code");
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append_c (out, ',');
      append_csv_field (out, table->column_labels[c]);
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < table->n_rows; r++)
    {
      append_csv_field (out, table->row_labels[r]);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *cell = cb_analysis_table_format_cell (table, r, c);

          g_string_append_printf (out, ",%s", cell);
        }
      g_string_append (out, "\r\n");
    }
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static char *
unit_text (const CbAnalysisTable *table)
{
  switch (table->percent)
    {
    case CB_ANALYSIS_PERCENT_ROW:
      return g_strdup_printf (_("%% of the row’s %s"), table->unit);
    case CB_ANALYSIS_PERCENT_COLUMN:
      return g_strdup_printf (_("%% of the column’s %s"), table->unit);
    case CB_ANALYSIS_PERCENT_NONE:
    default:
      return g_strdup (table->unit);
    }
}

static void
write_html (const CbAnalysisTable *table,
            GString               *out)
{
  double max = cb_analysis_table_max_value (table);
  g_autofree char *unit = unit_text (table);

  g_string_append (out, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
  append_escaped (out, table->title);
  g_string_append (out, "</title>\n<style>\n"
                   "body { font-family: sans-serif; margin: 2em; }\n"
                   "table { border-collapse: collapse; }\n"
                   "th, td { padding: 0.3em 0.6em; border: 1px solid #ddd; }\n"
                   "th { text-align: left; font-weight: 600; }\n"
                   "thead th { vertical-align: bottom; }\n"
                   "td { text-align: right; font-variant-numeric: tabular-nums; }\n"
                   ".swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 0.4em; }\n"
                   "</style>\n</head>\n<body>\n<h1>");
  append_escaped (out, table->title);
  g_string_append (out, "</h1>\n<table>\n<caption>");
  append_escaped (out, unit);
  g_string_append (out, "</caption>\n<thead><tr><th>");
  append_escaped (out, _("Code"));
  g_string_append (out, "</th>");
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append (out, "<th>");
      append_escaped (out, table->column_labels[c]);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < table->n_rows; r++)
    {
      g_string_append (out, "<tr><th>");
      /* only colours of the form #rrggbb reach the style attribute */
      if (table->row_colors[r][0] == '#' && strlen (table->row_colors[r]) == 7 &&
          strspn (table->row_colors[r] + 1, "0123456789abcdefABCDEF") == 6)
        g_string_append_printf (out, "<span class=\"swatch\" style=\"background:%s\"></span>", table->row_colors[r]);
      append_escaped (out, table->row_labels[r]);
      g_string_append (out, "</th>");
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *cell = cb_analysis_table_format_cell (table, r, c);
          double share = max > 0 ? cb_analysis_table_value (table, r, c) / max : 0;
          char alpha[G_ASCII_DTOSTR_BUF_SIZE];

          /* one hue, its strength the cell's share of the largest cell;
           * dark cells get white text */
          g_ascii_formatd (alpha, sizeof alpha, "%.3f", 0.85 * share);
          g_string_append_printf (out, "<td style=\"background:rgba(33,102,172,%s)%s\">%s</td>",
                                  alpha, share > 0.55 ? ";color:#fff" : "", cell);
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n</body>\n</html>\n");
}

#define ODF_OFFICE "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define ODF_TABLE "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define ODF_TEXT "urn:oasis:names:tc:opendocument:xmlns:text:1.0"

static const char ods_mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

static const char ods_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>";

static void
ods_text_cell (CbXmlOut   *xml,
               const char *text)
{
  _cb_xml_out_start (xml, "table:table-cell");
  _cb_xml_out_attr (xml, "office:value-type", "string");
  _cb_xml_out_text_element (xml, "text:p", text);
  _cb_xml_out_end (xml);
}

static GBytes *
ods_content (const CbAnalysisTable *table,
             GError               **error)
{
  CbXmlOut xml;
  g_autofree char *unit = unit_text (table);
  g_autofree char *sheet = NULL;

  if (!_cb_xml_out_init (&xml))
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED, _("The spreadsheet could not be written"));
      return NULL;
    }
  /* ODF collapses white space in text:p: no indentation in cells */
  xmlTextWriterSetIndent (xml.writer, 0);
  _cb_xml_out_start (&xml, "office:document-content");
  _cb_xml_out_attr (&xml, "xmlns:office", ODF_OFFICE);
  _cb_xml_out_attr (&xml, "xmlns:table", ODF_TABLE);
  _cb_xml_out_attr (&xml, "xmlns:text", ODF_TEXT);
  _cb_xml_out_attr (&xml, "office:version", "1.2");
  _cb_xml_out_start (&xml, "office:body");
  _cb_xml_out_start (&xml, "office:spreadsheet");
  _cb_xml_out_start (&xml, "table:table");
  /* sheet names may not hold []*?:/\ */
  sheet = g_strdelimit (g_strdup (table->title), "[]*?:/\\", ' ');
  _cb_xml_out_attr (&xml, "table:name", sheet);

  /* a title row, the header, then the codes */
  _cb_xml_out_start (&xml, "table:table-row");
  ods_text_cell (&xml, table->title);
  ods_text_cell (&xml, unit);
  _cb_xml_out_end (&xml);

  _cb_xml_out_start (&xml, "table:table-row");
  ods_text_cell (&xml, "code");
  for (guint c = 0; c < table->n_columns; c++)
    ods_text_cell (&xml, table->column_labels[c]);
  _cb_xml_out_end (&xml);

  for (guint r = 0; r < table->n_rows; r++)
    {
      _cb_xml_out_start (&xml, "table:table-row");
      ods_text_cell (&xml, table->row_labels[r]);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_autofree char *cell = cb_analysis_table_format_cell (table, r, c);

          _cb_xml_out_start (&xml, "table:table-cell");
          _cb_xml_out_attr (&xml, "office:value-type", "float");
          _cb_xml_out_attr (&xml, "office:value", cell);
          _cb_xml_out_text_element (&xml, "text:p", cell);
          _cb_xml_out_end (&xml);
        }
      _cb_xml_out_end (&xml);
    }
  _cb_xml_out_end (&xml);   /* table */
  _cb_xml_out_end (&xml);   /* spreadsheet */
  _cb_xml_out_end (&xml);   /* body */
  _cb_xml_out_end (&xml);   /* document-content */
  return _cb_xml_out_finish (&xml, _("The spreadsheet could not be written"), error);
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

GBytes *
cb_analysis_table_write (const CbAnalysisTable *table,
                         CbAnalysisFormat       format,
                         GError               **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);

  switch (format)
    {
    case CB_ANALYSIS_FORMAT_CSV:
      write_csv (table, out);
      break;
    case CB_ANALYSIS_FORMAT_HTML:
      write_html (table, out);
      break;
    case CB_ANALYSIS_FORMAT_ODS:
      {
        g_autoptr(CbZipWriter) zip = cb_zip_writer_new ();
        g_autoptr(GBytes) content = ods_content (table, error);

        if (content == NULL)
          return NULL;
        /* ODF: "mimetype" first and stored, so that its bytes sit at a fixed offset */
        add_static (zip, "mimetype", ods_mimetype, TRUE);
        cb_zip_writer_add (zip, "content.xml", content, FALSE);
        add_static (zip, "META-INF/manifest.xml", ods_manifest, FALSE);
        return cb_zip_writer_finish (zip, error);
      }
    case CB_ANALYSIS_FORMAT_TSV:
    default:
      write_tsv (table, out);
      break;
    }
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
