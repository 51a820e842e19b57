/* cb-quotes-export.h: coded quotes as Codeboom XML (urn:codeboom:quotes:1)
 *
 * Written with libxml2's xmlTextWriter, valid against
 * data/xml/codeboom-quotes-1.xsd; the source of the quote lists in HTML,
 * Markdown, DOCX and ODT (cb-quote-formats.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* The namespace of the quotes XML. */
#define CB_QUOTES_NAMESPACE "urn:codeboom:quotes:1"

/* The coded quotes of @code_path (with its descendants unless @only), or of
 * every code when @code_path is NULL: the codes involved (path, colour,
 * definition) in tree order, then every quote (document, start, end, code
 * path(s), coder, exact text) ordered by document and position. */
GBytes   *cb_export_quotes            (CbProject    *project,
                                       const char   *code_path,
                                       gboolean      only,
                                       GError      **error);

G_END_DECLS
