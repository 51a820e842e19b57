/* cb-agreement-write.c: an agreement table as TSV, CSV or HTML
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-agreement-private.h"
#include "cb-tsv.h"

gboolean
cb_agreement_parse_format (const char        *text,
                           CbAgreementFormat *format)
{
  if (g_strcmp0 (text, "tsv") == 0)
    *format = CB_AGREEMENT_FORMAT_TSV;
  else if (g_strcmp0 (text, "csv") == 0)
    *format = CB_AGREEMENT_FORMAT_CSV;
  else if (g_strcmp0 (text, "html") == 0)
    *format = CB_AGREEMENT_FORMAT_HTML;
  else
    return FALSE;
  return TRUE;
}

/* @value with @digits decimals in the C locale; "" when undefined; never
 * "-0.0000". */
static char *
format_number (double value,
               int    digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double scale = digits == 2 ? 100.0 : 10000.0;

  if (isnan (value))
    return g_strdup ("");
  value = round (value * scale) / scale;
  if (value == 0)
    value = 0;
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, digits == 2 ? "%.2f" : "%.4f", value));
}

/* The cells of every row, the header first. */
static GPtrArray *
table_cells (const CbAgreementTable *table)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *header = g_ptr_array_new ();

  g_ptr_array_add (header, g_strdup ("code"));
  if (table->by_document)
    g_ptr_array_add (header, g_strdup ("document"));
  if (table->alpha)
    {
      g_ptr_array_add (header, g_strdup ("alpha"));
      g_ptr_array_add (header, g_strdup ("agreement"));
      g_ptr_array_add (header, g_strdup ("characters"));
    }
  else
    {
      g_ptr_array_add (header, g_strdup ("agreement"));
      g_ptr_array_add (header, g_strdup ("kappa"));
      if (table->unit == CB_AGREEMENT_UNIT_CHARACTER)
        {
          g_ptr_array_add (header, g_strdup ("both"));
          g_ptr_array_add (header, g_strdup ("a_only"));
          g_ptr_array_add (header, g_strdup ("b_only"));
          g_ptr_array_add (header, g_strdup ("neither"));
        }
      else
        {
          g_ptr_array_add (header, g_strdup ("matched"));
          g_ptr_array_add (header, g_strdup ("a_unmatched"));
          g_ptr_array_add (header, g_strdup ("b_unmatched"));
        }
    }
  g_ptr_array_add (header, NULL);
  g_ptr_array_add (lines, g_ptr_array_free (header, FALSE));

  for (guint i = 0; i < table->rows->len; i++)
    {
      CbAgreementRow *row = table->rows->pdata[i];
      GPtrArray *cells = g_ptr_array_new ();

      g_ptr_array_add (cells, g_strdup (row->code != NULL ? row->code : "(all codes)"));
      if (table->by_document)
        g_ptr_array_add (cells, g_strdup (row->document != NULL ? row->document : "(all documents)"));
      if (table->alpha)
        {
          g_ptr_array_add (cells, format_number (row->alpha, 4));
          g_ptr_array_add (cells, format_number (row->agreement, 2));
          g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->units));
        }
      else
        {
          g_ptr_array_add (cells, format_number (row->agreement, 2));
          g_ptr_array_add (cells, format_number (row->kappa, 4));
          if (table->unit == CB_AGREEMENT_UNIT_CHARACTER)
            {
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->both));
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->a_only));
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->b_only));
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->neither));
            }
          else
            {
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->matched));
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->a_unmatched));
              g_ptr_array_add (cells, g_strdup_printf ("%" G_GINT64_FORMAT, row->b_unmatched));
            }
        }
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (lines, g_ptr_array_free (cells, FALSE));
    }
  return lines;
}

static void
append_csv (GString    *out,
            const char *cell)
{
  if (strpbrk (cell, ",\"\r\n") == NULL)
    {
      g_string_append (out, cell);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

GBytes *
cb_agreement_table_write (const CbAgreementTable *table,
                          CbAgreementFormat       format)
{
  g_autoptr(GPtrArray) lines = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, NULL);

  lines = table_cells (table);
  if (format == CB_AGREEMENT_FORMAT_HTML)
    {
      g_autofree char *coders = g_strjoinv (", ", table->coders);
      g_autofree char *title = g_markup_printf_escaped (_("Agreement: %s"), coders);

      g_string_append_printf (out, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>%s</title>\n"
                              "<style>td.n{text-align:right}th,td{padding:0 .5em}</style></head>\n"
                              "<body><h1>%s</h1>\n<table>\n", title, title);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      char **cells = lines->pdata[i];

      if (format == CB_AGREEMENT_FORMAT_HTML)
        g_string_append (out, "<tr>");
      for (guint c = 0; cells[c] != NULL; c++)
        switch (format)
          {
          case CB_AGREEMENT_FORMAT_TSV:
            if (c > 0)
              g_string_append_c (out, '\t');
            cb_tsv_append_escaped (out, cells[c]);
            break;
          case CB_AGREEMENT_FORMAT_CSV:
            if (c > 0)
              g_string_append_c (out, ',');
            append_csv (out, cells[c]);
            break;
          case CB_AGREEMENT_FORMAT_HTML:
            {
              g_autofree char *escaped = g_markup_escape_text (cells[c], -1);
              gboolean number = i > 0 && c >= (table->by_document ? 2u : 1u);

              g_string_append_printf (out, i == 0 ? "<th>%s</th>" : number ? "<td class=\"n\">%s</td>" : "<td>%s</td>",
                                      escaped);
            }
            break;
          default:
            g_assert_not_reached ();
          }
      if (format == CB_AGREEMENT_FORMAT_HTML)
        g_string_append (out, "</tr>");
      g_string_append (out, format == CB_AGREEMENT_FORMAT_CSV ? "\r\n" : "\n");
    }
  if (format == CB_AGREEMENT_FORMAT_HTML)
    g_string_append (out, "</table>\n</body></html>\n");
  return g_string_free_to_bytes (out);
}
