/* cb-names.h: which characters the name of a code, document, speaker or coder may hold
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @c may not appear in a name: C0 and C1 control characters and
 * the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069), which make a name display as something else. */
gboolean  cb_name_char_is_forbidden   (gunichar     c);

/* FALSE with @error (CB_PROJECT_ERROR_INVALID) when @name (valid UTF-8)
 * holds a forbidden character. */
gboolean  cb_name_check_characters    (const char  *name,
                                       GError     **error);

/* @name without its forbidden characters, for names read from other
 * programs' files, which are neutralised rather than refused. */
char     *cb_name_strip_forbidden     (const char  *name);

G_END_DECLS
