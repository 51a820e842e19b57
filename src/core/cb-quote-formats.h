/* cb-quote-formats.h: quote lists for publication (HTML, Markdown, DOCX, ODT)
 *
 * Built from the quotes XML (cb_export_quotes()) by the XSLT stylesheets in
 * data/xslt/, compiled into the core as a GResource.  Before the
 * transformation each quote gets its citation (from a template) and is
 * marked as a block quote when it is longer than a number of words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CB_QUOTE_FORMAT_XML,
  CB_QUOTE_FORMAT_HTML,
  CB_QUOTE_FORMAT_MARKDOWN,
  CB_QUOTE_FORMAT_DOCX,
  CB_QUOTE_FORMAT_ODT,
} CbQuoteFormat;

#define CB_QUOTE_DEFAULT_TEMPLATE    "({document}, {timestamp})"
#define CB_QUOTE_DEFAULT_BLOCK_WORDS 40

/* The format named by @filename's extension (.xml, .html/.htm, .md,
 * .docx, .odt; any case); FALSE when it names none. */
gboolean  cb_quote_format_from_filename (const char     *filename,
                                         CbQuoteFormat  *format);

/**
 * cb_quote_format_citation:
 * @template: (nullable): the template, %NULL for CB_QUOTE_DEFAULT_TEMPLATE
 * @lookup: returns the value of a field ("document", "attribute:Age"), or
 *   %NULL / "" when it is empty
 * @data: for @lookup
 *
 * Fills in {field}s.  An empty field disappears with the text that joins
 * it to the previous field, so "({document}, {timestamp})" without a
 * timestamp is "(Interview 3)"; with every field empty the citation is "".
 * "{{" and "}}" are literal braces.
 *
 * Returns: (transfer full): the citation
 */
typedef const char *(*CbCitationLookup) (const char *field,
                                         gpointer    data);

char     *cb_quote_format_citation      (const char       *template,
                                         CbCitationLookup  lookup,
                                         gpointer          data);

/**
 * cb_quote_list_render:
 * @quotes_xml: the quotes XML of cb_export_quotes()
 * @format: the format wanted
 * @template: (nullable): the citation template, %NULL for the default
 * @block_words: quotes of more words than this are block quotes
 * @error: a #GError in %CB_EXPORT_ERROR
 *
 * Fields of the template: {document}, {speaker}, {timestamp}, {code} (the
 * code's name), {path} (its path), {coder}, {start}, {end}, {case} (the
 * first case, by name, the quote belongs to) and {attribute:NAME} (that
 * case's value of a case attribute; dates written out by ICU).
 *
 * Returns: (transfer full): the file's bytes (a zip for DOCX and ODT), or
 *   %NULL with @error set
 */
GBytes   *cb_quote_list_render          (GBytes          *quotes_xml,
                                         CbQuoteFormat    format,
                                         const char      *template,
                                         guint            block_words,
                                         GError         **error);
/* cb_quote_list_render() writing dates in @locale ("nl_BE"; NULL: the
 * environment's). */
GBytes   *cb_quote_list_render_full     (GBytes          *quotes_xml,
                                         CbQuoteFormat    format,
                                         const char      *template,
                                         guint            block_words,
                                         const char      *locale,
                                         GError         **error);

/* The fields a citation template may hold, NULL-terminated; "attribute:NAME"
 * stands for every case attribute. */
const char * const *cb_quote_template_fields (void);
/* FALSE with @error set when @template holds a field that is not one of
 * cb_quote_template_fields() or an {attribute:NAME} of one of @attributes. */
gboolean  cb_quote_template_check      (const char          *template,
                                        const char * const  *attributes,
                                        GError             **error);

G_END_DECLS
