/* cb-export-xml.h: the code tree as a REFI-QDA codebook, coded quotes as Codeboom XML
 *
 * Both are written with libxml2's xmlTextWriter (never string
 * concatenation) and validate against their schemas: REFI-QDA's
 * Codebook.xsd, and data/xml/codeboom-quotes-1.xsd for the quotes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* The namespace of the quotes XML. */
#define CB_QUOTES_NAMESPACE "urn:codeboom:quotes:1"

/* The whole code tree as a .qdc (namespace urn:QDA-XML:codebook:1.0). */
GBytes   *cb_export_codebook          (CbProject    *project,
                                       GError      **error);

/* The coded quotes of @code_path (with its descendants unless @only), or of
 * every code when @code_path is NULL: the codes involved (path, colour,
 * definition) in tree order, then every quote (document, start, end, code
 * path(s), coder, exact text) ordered by document and position. */
GBytes   *cb_export_quotes            (CbProject    *project,
                                       const char   *code_path,
                                       gboolean      only,
                                       GError      **error);

/* Writes @bytes to @file atomically (a temporary file renamed into place),
 * so that a failed export never leaves half a file behind. */
gboolean  cb_export_write_file        (GBytes       *bytes,
                                       GFile        *file,
                                       GError      **error);

G_END_DECLS
