/* fuzz-common.c: invariants shared by the fuzz harnesses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-text.h"
#include "fuzz-common.h"

void
fuzz_check_stored_text (const char *text,
                        gsize       length)
{
  g_autofree char *nfc = NULL;

  FUZZ_CHECK (text != NULL);
  FUZZ_CHECK (strlen (text) == length);
  FUZZ_CHECK (g_utf8_validate (text, length, NULL));
  FUZZ_CHECK (memchr (text, '\r', length) == NULL);
  FUZZ_CHECK (!g_str_has_prefix (text, "\xEF\xBB\xBF"));
  FUZZ_CHECK (cb_text_is_normalized (text, length));
  /* A second opinion on NFC from GLib's own tables (same Unicode version
   * as ICU 72 on Debian 12). */
  nfc = g_utf8_normalize (text, length, G_NORMALIZE_NFC);
  FUZZ_CHECK (nfc != NULL && strcmp (nfc, text) == 0);
  FUZZ_CHECK (cb_text_count_chars (text, length) == g_utf8_strlen (text, length));
}
