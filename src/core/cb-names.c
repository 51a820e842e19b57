/* cb-names.c: which characters the name of a code, document, speaker or coder may hold
 *
 * A name is shown in the tree, in exports and on the terminal.  A control
 * character (U+0001) does not survive XML (a .qdpx round trip turns it
 * into U+FFFD), and a bidi override (U+202E) makes "gnidoc" display as
 * "coding": a name that looks like another is a trap in a shared project.
 * Space variants (no-break, narrow, ideographic) are mapped to a plain
 * space by cb_text_normalize_name(), so that a look-alike of an existing
 * path is the same path.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-error.h"
#include "cb-names.h"

gboolean
cb_name_char_is_forbidden (gunichar c)
{
  return c <= 0x1F || (c >= 0x7F && c <= 0x9F) ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

gboolean
cb_name_check_characters (const char  *name,
                          GError     **error)
{
  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (cb_name_char_is_forbidden (c))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("A name cannot contain control or text-direction characters (U+%04X)"), c);
          return FALSE;
        }
    }
  return TRUE;
}

char *
cb_name_strip_forbidden (const char *name)
{
  GString *clean = g_string_new (NULL);

  for (const char *p = name; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t' || c == '\n' || c == '\r')
        g_string_append_c (clean, ' ');
      else if (!cb_name_char_is_forbidden (c))
        g_string_append_unichar (clean, c);
    }
  return g_string_free (clean, FALSE);
}
