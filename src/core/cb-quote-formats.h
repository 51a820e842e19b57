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
 * cb_quote_template_fields:
 *
 * The fields a citation template may use, without their braces, in the
 * order a user would look for them: "document", "speaker", … A name ending
 * in ':' ("attribute:") takes a name after it: {attribute:NAME}.  Front
 * ends list these rather than keep their own list.
 *
 * Returns: (transfer none): a %NULL-terminated array
 */
const char * const *cb_quote_template_fields (void);

/**
 * cb_quote_template_check:
 * @template: (nullable): a citation template, %NULL for the default
 * @error: a #GError in %CB_EXPORT_ERROR
 *
 * An unknown field is an error, not an empty citation: the message names
 * the field and lists the known ones.
 *
 * Returns: %TRUE when every {field} of @template is known
 */
gboolean  cb_quote_template_check       (const char      *template,
                                         GError         **error);

/**
 * cb_quote_list_preview:
 * @quotes_xml: the quotes XML of cb_export_quotes()
 * @template: (nullable): the citation template, %NULL for the default
 * @block_words: as for cb_quote_list_render()
 * @text: (out) (optional): the first quote's text, %NULL when there is none
 * @citation: (out) (optional): its citation, as the quote list writes it
 * @block: (out) (optional): whether it becomes a block quote
 * @error: a #GError in %CB_EXPORT_ERROR
 *
 * The first quote of @quotes_xml as cb_quote_list_render() would cite it
 * (the same fields and fallbacks), for a preview.
 *
 * Returns: %FALSE with @error set when the template or the XML is bad;
 *   %TRUE otherwise, also when there is no quote
 */
gboolean  cb_quote_list_preview         (GBytes          *quotes_xml,
                                         const char      *template,
                                         guint            block_words,
                                         char           **text,
                                         char           **citation,
                                         gboolean        *block,
                                         GError         **error);

/**
 * cb_quote_list_render:
 * @quotes_xml: the quotes XML of cb_export_quotes()
 * @format: the format wanted
 * @template: (nullable): the citation template, %NULL for the default
 * @block_words: quotes of more words than this are block quotes
 * @error: a #GError in %CB_EXPORT_ERROR
 *
 * Fields of the template: {document}, {speaker}, {timestamp}, {code} (the
 * code's name), {path} (its path), {coder}, {start}, {end}, {paragraph}
 * (the number of the paragraph the quote starts in, CbParagraphIndex),
 * {case} (the first case, by name, the quote belongs to) and
 * {attribute:NAME} (that case's value of a case attribute; dates written
 * out by ICU); see cb_quote_template_fields().  An unknown field is an
 * error (cb_quote_template_check()).
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

/* cb_quote_template_check(), and FALSE with @error set when an
 * {attribute:NAME} of @template is not one of @attributes (the project's
 * attribute names, NULL-terminated). */
gboolean  cb_quote_template_check_attributes (const char          *template,
                                              const char * const  *attributes,
                                              GError             **error);

G_END_DECLS
