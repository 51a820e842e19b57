/* fuzz-import.h: the checks the importer harnesses share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* Imports @data as @filename and checks what comes out (see fuzz-import.c). */
void fuzz_check_import (const char   *filename,
                        const char   *format,
                        const guint8 *data,
                        gsize         size);

/* A zip holding @data as @member (after a stored "mimetype" member holding
 * @mimetype, unless NULL), so that a harness can fuzz the XML inside a
 * container whose CRCs and deflate streams random mutation would break. */
GBytes *fuzz_wrap_in_zip (const guint8 *data,
                          gsize         size,
                          const char   *member,
                          const char   *mimetype);
