/* cb-cases-sheet.c: reading a sheet (CSV/TSV) as spreadsheets save it
 *
 * Researchers keep their classification sheets in LibreOffice or Excel;
 * Dutch and French Excel save CSV with semicolons, in windows-1252, with
 * CRLF line ends and line breaks inside quoted fields.  This reads all of
 * that into rows of NFC UTF-8 fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-cases.h"
#include "cb-cases-sheet.h"
#include "cb-error.h"
#include "cb-project.h"

void
cb_sheet_free (CbSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_ptr_array_unref (sheet->rows);
  g_array_unref (sheet->lines);
  g_free (sheet);
}

/* The separator the first line holds most of, outside quotes. */
static char
guess_separator (const char *text)
{
  guint counts[3] = { 0, 0, 0 };
  const char separators[3] = { ',', ';', '\t' };
  gboolean quoted = FALSE;
  guint best = 0;

  for (const char *p = text; *p != '\0' && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint s = 0; s < 3; s++)
          if (*p == separators[s])
            counts[s]++;
    }
  for (guint s = 1; s < 3; s++)
    if (counts[s] > counts[best])
      best = s;
  return separators[best];
}

static char *
finish_field (GString *field)
{
  g_autofree char *raw = g_strndup (field->str, field->len);
  char *normalized = g_utf8_normalize (raw, -1, G_NORMALIZE_NFC);

  g_string_truncate (field, 0);
  return normalized != NULL ? normalized : g_strdup ("");
}

static gboolean
row_is_empty (GPtrArray *row)
{
  for (guint i = 0; i < row->len; i++)
    {
      const char *p = row->pdata[i];

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p != '\0')
        return FALSE;
    }
  return TRUE;
}

static gboolean
sheet_error (GError     **error,
             const char  *display_name,
             guint        line,
             guint        column,
             const char  *what)
{
  g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
               _("%s, line %u, column %u: %s"), display_name, line, column, what);
  return FALSE;
}

CbSheet *
cb_sheet_parse (GBytes      *bytes,
                const char  *display_name,
                GError     **error)
{
  g_autoptr(CbSheet) sheet = g_new0 (CbSheet, 1);
  g_autofree char *converted = NULL;
  g_autoptr(GString) field = g_string_new (NULL);
  g_autoptr(GPtrArray) row = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const char *text;
  const char *end;
  const char *p;
  guint line = 1;
  guint row_line = 1;
  guint column = 1;

  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sheet->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("%s is not a text sheet (CSV or TSV)"), display_name);
      return NULL;
    }
  if (g_utf8_validate_len (data, length, NULL))
    converted = g_strndup (data, length);
  else if (!(converted = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL)))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("%s is neither UTF-8 nor windows-1252"), display_name);
      return NULL;
    }
  text = converted;
  end = text + strlen (text);
  sheet->separator = guess_separator (text);

  row = g_ptr_array_new_with_free_func (g_free);
  p = text;
  while (p < end)
    {
      if (*p == '"' && field->len == 0)
        {
          guint quote_line = line;
          guint quote_column = column;

          /* a quoted field: up to the lone closing quote */
          for (p++;; p++)
            {
              if (p >= end)
                return sheet_error (error, display_name, quote_line, quote_column,
                                    _("a quoted field is not closed")), NULL;
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p++;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\r' && p + 1 < end && p[1] == '\n')
                continue;
              if (*p == '\n' || *p == '\r')
                {
                  g_string_append_c (field, '\n');
                  line++;
                  continue;
                }
              g_string_append_c (field, *p);
            }
          if (p < end && *p != sheet->separator && *p != '\n' && *p != '\r')
            return sheet_error (error, display_name, line, column,
                                _("text after the closing quote of a field")), NULL;
          continue;
        }

      if (*p == sheet->separator)
        {
          g_ptr_array_add (row, finish_field (field));
          column++;
          p++;
          continue;
        }

      if (*p == '\n' || *p == '\r')
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          g_ptr_array_add (row, finish_field (field));
          /* blank lines, and the ";;;;" rows spreadsheets leave below a
           * sheet, are no rows */
          if (!row_is_empty (row))
            {
              g_ptr_array_add (row, NULL);
              g_ptr_array_add (sheet->rows, g_ptr_array_steal (row, NULL));
              g_array_append_val (sheet->lines, row_line);
            }
          g_ptr_array_set_size (row, 0);
          line++;
          row_line = line;
          column = 1;
          continue;
        }

      g_string_append_c (field, *p);
      p++;
    }

  if (field->len > 0 || row->len > 0)
    g_ptr_array_add (row, finish_field (field));
  if (row->len > 0 && !row_is_empty (row))
    {
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (sheet->rows, g_ptr_array_steal (row, NULL));
      g_array_append_val (sheet->lines, row_line);
    }

  if (sheet->rows->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("%s is empty"), display_name);
      return NULL;
    }

  return g_steal_pointer (&sheet);
}

CbAttributeType
cb_sheet_infer_type (CbSheet *sheet,
                     guint    column)
{
  static const CbAttributeType candidates[] = { CB_ATTRIBUTE_NUMBER, CB_ATTRIBUTE_DATE, CB_ATTRIBUTE_BOOLEAN };

  for (guint c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      gboolean fits = TRUE;
      gboolean any = FALSE;

      for (guint r = 1; fits && r < sheet->rows->len; r++)
        {
          char **row = sheet->rows->pdata[r];
          g_autofree char *value = NULL;
          g_autofree char *stripped = NULL;

          if (column >= g_strv_length (row))
            continue;
          stripped = g_strstrip (g_strdup (row[column]));
          if (stripped[0] == '\0')
            continue;
          any = TRUE;
          value = cb_attribute_value_normalize (candidates[c], stripped, NULL);
          fits = value != NULL;
        }
      if (fits && any)
        return candidates[c];
    }
  return CB_ATTRIBUTE_TEXT;
}
