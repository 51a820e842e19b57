/* cb-search-fold.h: folding a text for search, with the offset map back (private)
 *
 * Folding turns the stored text into the sequence a search compares: case
 * and accents folded and, with CB_FOLD_EQUIV, the matching equivalence
 * applied (quotes, dashes, white space runs, line-break hyphens, ligatures,
 * ß, the ellipsis).  A folded code point ("unit") no longer stands for
 * exactly one code point of the text: a run of white space is one unit, an
 * ellipsis three, a line-break hyphen none.  The offset map says which
 * code points of the text each unit stands for.
 *
 * The map is a list of groups: a group is @n_folded units that stand for
 * @n_source code points of the text together.  Only groups other than
 * "one unit for one code point" are listed; between two listed groups the
 * units and the code points go one for one.  A hit must start on the first
 * unit of a group and end on the last unit of one (it never splits an ß or
 * a ligature), and it covers the code points of the groups it holds.  A
 * combining mark that folds away belongs to the group of the unit before
 * it, so a hit never ends between a letter and its accent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CB_FOLD_CASE     = 1 << 0,   /* simple case folding */
  CB_FOLD_ACCENTS  = 1 << 1,   /* the base of the canonical decomposition; marks vanish */
  CB_FOLD_EQUIV    = 1 << 2,   /* the matching equivalence (README, "Searching") */
  CB_FOLD_ALL      = 0x7,
} CbFoldMode;

typedef struct
{
  guint32 folded;     /* the group's first unit */
  guint32 source;     /* its first code point in the text */
  guint32 n_folded;
  guint32 n_source;
} CbFoldGroup;

/* The longest sequence one code point folds to (the ellipsis, ﬃ). */
#define CB_FOLD_MAX_EXPANSION 3

/* Folds @length bytes of valid UTF-8 @text as @mode says.  The units come
 * back as UTF-8 (@folded_length bytes, NUL-terminated), their number in
 * *@n_units; the groups of the map are appended to @groups (CbFoldGroup;
 * may be NULL). */
char     *_cb_search_fold_mode     (const char    *text,
                                    gsize          length,
                                    CbFoldMode     mode,
                                    gsize         *folded_length,
                                    gint64        *n_units,
                                    GArray        *groups);

/* Whether a unit @c can be other than the first (@first) or the last
 * (!@first) unit of its group under CB_FOLD_EQUIV: only then must a hit
 * whose first or last unit it is be checked against the map. */
gboolean  _cb_search_fold_may_split (gunichar      c,
                                     gboolean      first);

/* The map as stored: per group three unsigned LEB128 numbers, the units
 * (= code points) one for one since the previous group, @n_folded and
 * @n_source.  Returns NULL (and 0) for an empty map. */
guint8   *_cb_search_map_encode    (const GArray  *groups,
                                    gsize         *length);

/* Reads a stored map (untrusted: it comes from a file) for a folded copy
 * of @n_units units of a text of @n_chars code points, appending its groups
 * to @groups (may be NULL to only check it).  FALSE when it cannot be such a
 * map: a number too long, a group of no code points that is not empty, a
 * group of units from nothing, more than CB_FOLD_MAX_EXPANSION units, or
 * totals that do not add up to @n_units and @n_chars.  A map that passes
 * gives offsets that only grow and stay within the text. */
gboolean  _cb_search_map_decode    (const guint8  *blob,
                                    gsize          length,
                                    gint64         n_units,
                                    gint64         n_chars,
                                    GArray        *groups);

/* Maps units of a folded copy back to the text; the units asked for must
 * not go backwards (one cursor for the starts of hits, one for the ends). */
typedef struct
{
  const CbFoldGroup *groups;
  guint              n_groups;
  guint              next;      /* the first group that starts after the last unit asked */
} CbFoldCursor;

void      _cb_fold_cursor_init     (CbFoldCursor       *cursor,
                                    const CbFoldGroup  *groups,
                                    guint               n_groups);
/* The code point where unit @unit's group starts; *@aligned tells whether
 * @unit is the group's first unit. */
gint64    _cb_fold_cursor_start    (CbFoldCursor       *cursor,
                                    gint64              unit,
                                    gboolean           *aligned);
/* The code point after the group of unit @end - 1 (so [start, end) of a hit
 * maps to [start, end) of the text); *@aligned tells whether @end - 1 is
 * its group's last unit. */
gint64    _cb_fold_cursor_end      (CbFoldCursor       *cursor,
                                    gint64              end,
                                    gboolean           *aligned);

G_END_DECLS
