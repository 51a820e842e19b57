/* cb-export-xml.h: the exports as files: codebook, quotes, and writing them in place
 *
 * The formats live in their own files (cb-qdc.h: the REFI-QDA codebook;
 * cb-quotes-export.h: the quotes XML; cb-refi-export.h: the .qdpx); this
 * header gathers them for the CLI and the app, with the one function that
 * puts an export's bytes in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"
#include "cb-qdc.h"
#include "cb-quotes-export.h"

G_BEGIN_DECLS

/* Writes @bytes to @file atomically (a temporary file renamed into place),
 * so that a failed export never leaves half a file behind. */
gboolean  cb_export_write_file        (GBytes       *bytes,
                                       GFile        *file,
                                       GError      **error);

G_END_DECLS
