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

/* @name folded for comparing names as a user types them: case-folded, the
 * accents and other combining marks dropped, space variants a space
 * ("Hélène" and "HELENE" fold alike). */
char     *cb_name_fold                (const char  *name);

/* Which of @candidates (element-type utf8) @name means (issue 20): the
 * candidate equal to it (after cb_text_normalize_name()), else the only one
 * that folds alike.  TRUE with *@found that candidate (borrowed), or NULL
 * when none matches; FALSE with @error (CB_PROJECT_ERROR_INVALID) listing
 * the candidates when several fold alike and none is exact. */
gboolean  cb_name_resolve             (const char  *name,
                                       GPtrArray   *candidates,
                                       const char **found,
                                       GError     **error);

G_END_DECLS
