/* fuzz-common.h: what every fuzz harness shares
 *
 * A harness defines LLVMFuzzerTestOneInput() and calls the real core entry
 * points.  Errors (a GError) are fine; a crash, a sanitizer report, a leak,
 * a GLib critical or a broken invariant (FUZZ_CHECK aborts) is a finding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Unlike g_assert(), never compiled out (G_DISABLE_ASSERT) and says which
 * invariant broke in the crash report libFuzzer keeps. */
#define FUZZ_CHECK(expr) \
  G_STMT_START { \
    if (G_UNLIKELY (!(expr))) \
      { \
        fprintf (stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #expr); \
        abort (); \
      } \
  } G_STMT_END

/* Once per process: a critical (a g_return_if_fail() that bad input
 * reached) is a bug, so it aborts; messages go nowhere unless asked for. */
static inline void
fuzz_init_once (void)
{
  static gboolean done = FALSE;

  if (done)
    return;
  done = TRUE;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_FATAL_MASK);
  if (g_getenv ("FUZZ_VERBOSE") == NULL)
    g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
}

/* With FUZZ_VERBOSE set, prints @error's message (escaped) to stderr. */
static inline void
fuzz_debug_error (const GError *error)
{
  if (error != NULL && g_getenv ("FUZZ_VERBOSE") != NULL)
    {
      g_autofree char *escaped = g_strescape (error->message, "\n");

      fprintf (stderr, "error: %s\n", escaped);
    }
}

/* Every importer promises stored text: valid UTF-8, NFC, LF, no BOM, no NUL. */
void fuzz_check_stored_text (const char *text,
                             gsize       length);
