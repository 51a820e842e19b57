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
#include "cb-text.h"

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

char *
cb_name_fold (const char *name)
{
  g_autofree char *normalized = cb_text_normalize_name (name != NULL ? name : "");
  g_autofree char *decomposed = g_utf8_normalize (normalized != NULL ? normalized : "", -1, G_NORMALIZE_NFKD);
  g_autoptr(GString) bare = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      g_string_append_unichar (bare, g_unichar_isspace (c) ? ' ' : c);
    }
  return g_utf8_casefold (bare->str, -1);
}

gboolean
cb_name_resolve (const char  *name,
                 GPtrArray   *candidates,
                 const char **found,
                 GError     **error)
{
  g_autofree char *normalized = cb_text_normalize_name (name != NULL ? name : "");
  g_autofree char *folded = NULL;
  g_autoptr(GPtrArray) alike = g_ptr_array_new ();

  g_return_val_if_fail (candidates != NULL && found != NULL, FALSE);

  *found = NULL;
  for (guint i = 0; i < candidates->len; i++)
    if (g_strcmp0 (candidates->pdata[i], normalized) == 0)
      {
        *found = candidates->pdata[i];
        return TRUE;
      }

  /* the same name read the way a user types it: exactly one, or ask */
  folded = cb_name_fold (normalized);
  for (guint i = 0; i < candidates->len; i++)
    {
      g_autofree char *candidate = cb_name_fold (candidates->pdata[i]);

      if (g_str_equal (candidate, folded))
        g_ptr_array_add (alike, candidates->pdata[i]);
    }
  if (alike->len == 1)
    *found = alike->pdata[0];
  else if (alike->len > 1)
    {
      g_autoptr(GString) list = g_string_new (NULL);

      for (guint i = 0; i < alike->len; i++)
        /* TRANSLATORS: one name in a list of names, quoted */
        g_string_append_printf (list, i == 0 ? _("“%s”") : _(", “%s”"), (const char *) alike->pdata[i]);
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   /* TRANSLATORS: "“helene” is ambiguous: it could be “Hélène”, “Helene”" */
                   _("“%s” is ambiguous: it could be %s"), name, list->str);
      return FALSE;
    }
  return TRUE;
}
