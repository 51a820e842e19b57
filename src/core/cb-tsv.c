/* cb-tsv.c: escaping, splitting and reading TSV (see cb-tsv.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-text.h"
#include "cb-tsv.h"

void
cb_tsv_append_escaped (GString    *out,
                       const char *text)
{
  const char *p = text;

  /* Copy runs of ordinary bytes at once: retrieval prints megabytes. */
  for (;;)
    {
      gsize run = strcspn (p, "\\\t\n");

      g_string_append_len (out, p, run);
      p += run;
      switch (*p++)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\n': g_string_append (out, "\\n"); break;
        default: return;
        }
    }
}

/* Fields without a backslash are copied as they are: a batch splits tens
 * of thousands of lines. */
char **
cb_tsv_split_line (const char *line,
                   guint       max)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  for (;;)
    {
      const char *tab = fields->len + 1 < max ? strchr (p, '\t') : NULL;
      gsize length = tab != NULL ? (gsize) (tab - p) : strlen (p);
      const char *backslash = memchr (p, '\\', length);

      if (backslash == NULL)
        g_ptr_array_add (fields, g_strndup (p, length));
      else
        {
          GString *out = g_string_sized_new (length);

          for (const char *q = p; q < p + length; q++)
            {
              if (*q != '\\')
                {
                  g_string_append_c (out, *q);
                  continue;
                }
              switch (++q < p + length ? *q : '\0')
                {
                case '\\': g_string_append_c (out, '\\'); break;
                case 't': g_string_append_c (out, '\t'); break;
                case 'n': g_string_append_c (out, '\n'); break;
                default:
                  g_string_free (out, TRUE);
                  return NULL;
                }
            }
          g_ptr_array_add (fields, g_string_free (out, FALSE));
        }

      if (tab == NULL)
        break;
      p = tab + 1;
    }

  g_ptr_array_add (fields, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}

char **
cb_tsv_read_lines (GFile   *file,
                   char   **display,
                   GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  GError *local_error = NULL;
  gsize size;
  const char *data;

  *display = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), *display, local_error->message);
      g_clear_error (&local_error);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!g_utf8_validate_len (data, size, NULL) || memchr (data, '\0', size) != NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                   _("Cannot read “%s”: it is not UTF-8 text"), *display);
      return NULL;
    }

  text = cb_text_normalize (data, size);
  return g_strsplit (text, "\n", -1);
}

gboolean
cb_tsv_parse_offset (const char *text,
                     gint64     *value)
{
  guint64 parsed;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &parsed, NULL))
    return FALSE;
  *value = (gint64) parsed;
  return TRUE;
}
