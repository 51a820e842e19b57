/* fuzz-rtf.c: the RTF parser (control words, groups, destinations, \\uN and \\'hh escapes, code pages)
 *
 * The input is a .rtf file's bytes, imported through cb_import_bytes() as a
 * user's file would be.  Refusing it with a GError is fine; what it
 * returns must be stored text (valid UTF-8, NFC, LF, no BOM, no NUL) whose
 * length and code point count are what CbImportedText says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-common.h"
#include "fuzz-import.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init_once ();
  fuzz_check_import ("fuzz.rtf", "rtf", data, size);
  return 0;
}
