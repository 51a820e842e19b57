/* cb-edit-private.h: what editing shares with pseudonymisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-edit.h"
#include "cb-project-private.h"

G_BEGIN_DECLS

/* One replacement of code points [start, end) of a text by @text. */
typedef struct
{
  gint64  start;
  gint64  end;
  char   *text;     /* normalised */
} CbReplacement;

/* Inside the caller's transaction: applies @replacements (element-type
 * CbReplacement: ascending, not overlapping) to document @document_id,
 * whose current text is @text (@length bytes), moving every span; turns
 * are recognised again on the edited lines when @recognise_turns and a
 * label changed.  Removed codings are appended to @removed (optional) with
 * their old spans and texts. */
gboolean  _cb_project_apply_replacements (CbProject   *self,
                                          gint64       document_id,
                                          const char  *text,
                                          gsize        length,
                                          GArray      *replacements,
                                          gboolean     pseudonymised,
                                          gboolean     recognise_turns,
                                          GPtrArray   *removed,
                                          GError     **error);

G_END_DECLS
