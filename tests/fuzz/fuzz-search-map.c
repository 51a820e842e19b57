/* fuzz-search-map.c: the folded copy's offset map (cb-search-fold.h)
 *
 * Two kinds of input, told apart by the first byte:
 * - odd: a stored map as a project file could hold it, preceded by the
 *   totals it claims (units and code points, 16 bits each).  A map the
 *   decoder accepts must give groups in order that stay within the totals,
 *   and cursors that map any hit of units to code points inside the text,
 *   start before end; encoding the decoded groups and decoding again gives
 *   the same groups.
 * - even: a text (made valid UTF-8 and normalised as an import would),
 *   folded in the mode the second byte names.  Its map must decode with
 *   the fold's totals, and every unit must map inside the text, in order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-search-fold.h"
#include "cb-text.h"
#include "fuzz-common.h"

static void
check_groups (GArray *groups,
              gint64  n_units,
              gint64  n_chars)
{
  gint64 units = 0;
  gint64 source = 0;
  CbFoldCursor starts;
  CbFoldCursor ends;
  gint64 previous_start = 0;
  gint64 previous_end = 0;

  for (guint i = 0; i < groups->len; i++)
    {
      const CbFoldGroup *g = &g_array_index (groups, CbFoldGroup, i);

      FUZZ_CHECK (g->folded >= units && g->source >= source);
      FUZZ_CHECK (g->folded - units == g->source - source);
      FUZZ_CHECK (g->n_source > 0);
      units = (gint64) g->folded + g->n_folded;
      source = (gint64) g->source + g->n_source;
      FUZZ_CHECK (units <= n_units && source <= n_chars);
    }
  FUZZ_CHECK (n_units - units == n_chars - source);

  /* every one-unit hit, in order, maps inside the text */
  _cb_fold_cursor_init (&starts, (const CbFoldGroup *) groups->data, groups->len);
  _cb_fold_cursor_init (&ends, (const CbFoldGroup *) groups->data, groups->len);
  for (gint64 u = 0; u < n_units; u++)
    {
      gboolean aligned;
      gint64 start = _cb_fold_cursor_start (&starts, u, &aligned);
      gint64 end = _cb_fold_cursor_end (&ends, u + 1, &aligned);

      FUZZ_CHECK (0 <= start && start < end && end <= n_chars);
      FUZZ_CHECK (start >= previous_start && end >= previous_end);
      previous_start = start;
      previous_end = end;
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));

  fuzz_init_once ();

  if (size < 2)
    return 0;

  if (data[0] & 1)
    {
      gint64 n_units;
      gint64 n_chars;
      g_autoptr(GArray) again = g_array_new (FALSE, FALSE, sizeof (CbFoldGroup));
      g_autofree guint8 *encoded = NULL;
      gsize encoded_length;

      if (size < 5)
        return 0;
      n_units = data[1] | (data[2] << 8);
      n_chars = data[3] | (data[4] << 8);
      if (!_cb_search_map_decode (data + 5, size - 5, n_units, n_chars, groups))
        return 0;
      check_groups (groups, n_units, n_chars);

      encoded = _cb_search_map_encode (groups, &encoded_length);
      FUZZ_CHECK (_cb_search_map_decode (encoded, encoded_length, n_units, n_chars, again));
      FUZZ_CHECK (again->len == groups->len);
      FUZZ_CHECK (groups->len == 0 ||
                  memcmp (again->data, groups->data, groups->len * sizeof (CbFoldGroup)) == 0);
    }
  else
    {
      CbFoldMode mode = data[1] & CB_FOLD_ALL;
      g_autofree char *valid = g_utf8_make_valid ((const char *) data + 2, size - 2);
      g_autofree char *text = cb_text_normalize (valid, -1);
      gsize length = strlen (text);
      gint64 n_chars = g_utf8_strlen (text, length);
      g_autofree char *folded = NULL;
      g_autofree guint8 *map = NULL;
      gsize folded_length;
      gsize map_length;
      gint64 n_units;

      folded = _cb_search_fold_mode (text, length, mode, &folded_length, &n_units, groups);
      FUZZ_CHECK (g_utf8_validate (folded, folded_length, NULL));
      FUZZ_CHECK (g_utf8_strlen (folded, folded_length) == n_units);
      check_groups (groups, n_units, n_chars);
      map = _cb_search_map_encode (groups, &map_length);
      FUZZ_CHECK (_cb_search_map_decode (map, map_length, n_units, n_chars, NULL));
    }

  return 0;
}
