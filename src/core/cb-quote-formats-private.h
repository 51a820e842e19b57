/* cb-quote-formats-private.h: the quote lists' pipeline for other documents made of quotes (private)
 *
 * The memo report (cb-memo-report.c) cites its evidence and is rendered
 * by the same code as the quote lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libxml/tree.h>

#include "cb-quote-formats.h"

G_BEGIN_DECLS

/* Gives @quote (a <quote> of the quotes namespace, with <text> and
 * optionally <case-value> children and the quote attributes) its "block"
 * attribute and its "citation" from @template: on each <code-ref>, or on
 * @quote itself when it has none. */
void     _cb_quote_cite               (xmlNode        *quote,
                                       const char     *template,
                                       guint           block_words,
                                       const char     *locale);

/* Transforms @doc by @stylesheet (a file name of data/xslt/, compiled in)
 * under the quote lists' security rules and packs the result as @format
 * (a zip with its fixed parts for DOCX and ODT). */
GBytes  *_cb_quote_formats_render_doc (xmlDoc         *doc,
                                       const char     *stylesheet,
                                       CbQuoteFormat   format,
                                       GError        **error);

G_END_DECLS
