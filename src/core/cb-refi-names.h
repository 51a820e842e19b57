/* cb-refi-names.h: code names unique across the tree, for REFI-QDA tools (private)
 *
 * Some tools (QualCoder) require a code's name to be unique in the whole
 * code tree, not only among its siblings.  `export --unique-names` writes
 * a repeated name with its parent in parentheses, "Overig (Strategieën)",
 * and more ancestors ("Overig (Thema/Strategieën)": "/" without spaces,
 * as " / " separates a code path) while that is still not unique; an
 * import recognises names made that way and restores them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The names of @n codes made unique: @names[i] is code i's name, @parents[i]
 * the index of its parent (-1 at the top level; parents come before their
 * children).  A name that occurs once stays as it is. */
GStrv     _cb_refi_unique_names      (const char * const *names,
                                      const int          *parents,
                                      guint               n);

/* The names of @names as they were before _cb_refi_unique_names(): a name
 * "X (ancestors)" whose ancestors are its own and which that function
 * makes from X again is X; any other name stays. */
GStrv     _cb_refi_restore_names     (const char * const *names,
                                      const int          *parents,
                                      guint               n);

/* The names that occur more than once in @names, sorted, each once. */
GPtrArray *_cb_refi_repeated_names   (const char * const *names,
                                      guint               n);

G_END_DECLS
