/* fuzz-odt.c: ODT body extraction (the zip container, content.xml, paragraphs, lists, tables, spaces)
 *
 * An input that starts with "PK" is a whole .odt, imported through
 * cb_import_bytes() as a user's file would be: that fuzzes the container.
 * Any other input is content.xml, after the ODF mimetype,
 * stored in a zip made on the spot: random mutation of a real archive
 * mostly breaks its CRCs and deflate streams, so this is what reaches the
 * XML walker.  Refusing it with a GError is fine; what it
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
  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    fuzz_check_import ("fuzz.odt", "odt", data, size);
  else
    {
      g_autoptr(GBytes) zip = fuzz_wrap_in_zip (data, size, "content.xml", "application/vnd.oasis.opendocument.text");
      gsize zip_size;
      const guint8 *zip_data = g_bytes_get_data (zip, &zip_size);

      fuzz_check_import ("fuzz.odt", "odt", zip_data, zip_size);
    }
  return 0;
}
