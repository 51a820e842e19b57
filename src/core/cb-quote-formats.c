/* cb-quote-formats.c: quote lists for publication (HTML, Markdown, DOCX, ODT)
 *
 * The quotes XML is parsed, each quote is given its citations and its
 * block/inline choice (things XSLT 1.0 does badly: templates with
 * fallbacks, word counts), and one of the stylesheets of data/xslt/ turns
 * it into the format.  The stylesheets are compiled into the core as a
 * GResource and loaded through a libxslt loader that serves that resource
 * and nothing else; the transformation may neither read nor write files nor
 * touch the network.  DOCX and ODT are zipped with their fixed parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <libxml/parser.h>
#include <libxslt/documents.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "cb-core-resources.h"
#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-import-zip.h"
#include "cb-quote-formats.h"
#include "cb-quote-formats-private.h"
#include "cb-zip-write.h"

#define RESOURCE_PREFIX "/io/github/codeboom/Codeboom/core/xslt/"
#define RESOURCE_URI    "resource://" RESOURCE_PREFIX

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

gboolean
cb_quote_format_from_filename (const char    *filename,
                               CbQuoteFormat *format)
{
  static const struct { const char *extension; CbQuoteFormat format; } formats[] = {
    { ".xml", CB_QUOTE_FORMAT_XML },
    { ".html", CB_QUOTE_FORMAT_HTML },
    { ".htm", CB_QUOTE_FORMAT_HTML },
    { ".md", CB_QUOTE_FORMAT_MARKDOWN },
    { ".markdown", CB_QUOTE_FORMAT_MARKDOWN },
    { ".docx", CB_QUOTE_FORMAT_DOCX },
    { ".odt", CB_QUOTE_FORMAT_ODT },
  };
  const char *dot;

  g_return_val_if_fail (filename != NULL, FALSE);

  dot = strrchr (filename, '.');
  if (dot == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot, formats[i].extension) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

char *
cb_quote_format_citation (const char       *template,
                          CbCitationLookup  lookup,
                          gpointer          data)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) pending = g_string_new (NULL);
  gboolean seen_field = FALSE;
  gboolean any = FALSE;
  const char *p;

  g_return_val_if_fail (lookup != NULL, NULL);

  if (template == NULL)
    template = CB_QUOTE_DEFAULT_TEMPLATE;

  for (p = template; *p != '\0'; )
    {
      const char *close;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          g_string_append_c (seen_field ? pending : prefix, p[0]);
          p += 2;
          continue;
        }
      if (p[0] != '{' || (close = strchr (p + 1, '}')) == NULL)
        {
          g_string_append_c (seen_field ? pending : prefix, p[0]);
          p++;
          continue;
        }

      {
        g_autofree char *field = g_strndup (p + 1, close - p - 1);
        const char *value = lookup (g_strstrip (field), data);

        seen_field = TRUE;
        if (value != NULL && value[0] != '\0')
          {
            /* the text joining it to the previous field, when there is one */
            if (any)
              g_string_append_len (body, pending->str, pending->len);
            g_string_append (body, value);
            any = TRUE;
          }
        g_string_truncate (pending, 0);
        p = close + 1;
      }
    }

  if (!seen_field)
    return g_string_free (g_steal_pointer (&prefix), FALSE);
  if (!any)
    return g_strdup ("");
  g_string_append_len (prefix, body->str, body->len);
  g_string_append_len (prefix, pending->str, pending->len);
  return g_string_free (g_steal_pointer (&prefix), FALSE);
}

/* The fields a template may use; "attribute:" takes a name.  Kept in step
 * with lookup_field() below. */
static const char * const template_fields[] = {
  "document", "speaker", "timestamp", "code", "path", "coder", "start", "end", "paragraph",
  "case", "attribute:", NULL
};

const char * const *
cb_quote_template_fields (void)
{
  return template_fields;
}

static gboolean
is_template_field (const char *field)
{
  for (guint i = 0; template_fields[i] != NULL; i++)
    {
      const char *known = template_fields[i];
      gsize length = strlen (known);

      if (length > 0 && known[length - 1] == ':')
        {
          if (strncmp (field, known, length) == 0 && field[length] != '\0')
            return TRUE;
        }
      else if (strcmp (field, known) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
cb_quote_template_check (const char  *template,
                         GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (template == NULL)
    template = CB_QUOTE_DEFAULT_TEMPLATE;

  /* the same reading as cb_quote_format_citation() */
  for (const char *p = template; *p != '\0'; )
    {
      const char *close;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          p += 2;
          continue;
        }
      if (p[0] != '{' || (close = strchr (p + 1, '}')) == NULL)
        {
          p++;
          continue;
        }

      {
        g_autofree char *field = g_strndup (p + 1, close - p - 1);

        g_strstrip (field);
        if (!is_template_field (field))
          {
            g_autoptr(GString) known = g_string_new (NULL);

            for (guint i = 0; template_fields[i] != NULL; i++)
              {
                const char *name = template_fields[i];

                g_string_append_printf (known, "%s{%s%s}", i > 0 ? ", " : "", name,
                                        g_str_has_suffix (name, ":") ? "NAME" : "");
              }
            /* TRANSLATORS: the first %s is a field of the citation
             * template such as {documnet}, the second the list of fields:
             * "{document}, {speaker}, …" */
            g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                         _("Unknown field “{%s}” in the citation template; the fields are %s"),
                         field, known->str);
            return FALSE;
          }
        p = close + 1;
      }
    }
  return TRUE;
}

/* cb_quote_template_check() and, for {attribute:NAME}, an attribute the
 * project has: the message names the missing attribute. */
gboolean
cb_quote_template_check_attributes (const char          *template,
                                    const char * const  *attributes,
                                    GError             **error)
{
  const char *p;

  if (!cb_quote_template_check (template, error))
    return FALSE;
  if (template == NULL)
    return TRUE;
  for (p = template; *p != '\0'; )
    {
      const char *close;
      g_autofree char *field = NULL;
      gboolean known = FALSE;

      if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}'))
        {
          p += 2;
          continue;
        }
      if (p[0] != '{' || (close = strchr (p + 1, '}')) == NULL)
        {
          p++;
          continue;
        }
      field = g_strstrip (g_strndup (p + 1, close - p - 1));
      if (g_str_has_prefix (field, "attribute:"))
        {
          const char *name = field + strlen ("attribute:");

          for (guint i = 0; attributes != NULL && attributes[i] != NULL; i++)
            known = known || g_strcmp0 (attributes[i], name) == 0;
          if (!known)
            {
              g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                           _("The citation template names “%s”, but the project has no attribute “%s”"),
                           field, name);
              return FALSE;
            }
        }
      else
        {
          for (guint i = 0; template_fields[i] != NULL; i++)
            known = known || (!g_str_has_prefix (template_fields[i], "attribute:") &&
                              g_str_equal (template_fields[i], field));
          if (!known)
            {
              g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                           _("The citation template has an unknown field {%s}"), field);
              return FALSE;
            }
        }
      p = close + 1;
    }
  return TRUE;
}

/* An ISO date written out in @locale's long form ("28 maart 2024"), or
 * NULL when ICU cannot. */
static char *
format_date (const char *iso,
             const char *locale)
{
  UErrorCode status = U_ZERO_ERROR;
  UChar zone[] = { 'U', 'T', 'C', 0 };
  UChar buffer[128];
  char utf8[512];
  UCalendar *calendar;
  UDateFormat *format;
  int year, month, day;
  int32_t length;
  UDate date;

  if (sscanf (iso, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;
  calendar = ucal_open (zone, -1, locale, UCAL_GREGORIAN, &status);
  if (U_FAILURE (status))
    return NULL;
  ucal_clear (calendar);
  ucal_setDate (calendar, year, month - 1, day, &status);
  date = ucal_getMillis (calendar, &status);
  ucal_close (calendar);
  if (U_FAILURE (status))
    return NULL;
  format = udat_open (UDAT_NONE, UDAT_LONG, locale, zone, -1, NULL, -1, &status);
  if (U_FAILURE (status))
    return NULL;
  length = udat_format (format, date, buffer, G_N_ELEMENTS (buffer), NULL, &status);
  udat_close (format);
  if (U_FAILURE (status) || length >= (int32_t) G_N_ELEMENTS (buffer))
    return NULL;
  u_strToUTF8 (utf8, sizeof utf8, NULL, buffer, length, &status);
  if (U_FAILURE (status))
    return NULL;
  return g_strdup (utf8);
}

/* Citations */

#define QUOTES_NS CB_QUOTES_NAMESPACE

typedef struct
{
  xmlNode    *quote;
  xmlNode    *code_ref;
  GHashTable *code_names;   /* uuid -> name (borrowed from the document) */
  const char *locale;       /* for dates; NULL: the environment's */
  char       *strings[8];   /* values handed out, freed per citation */
  guint       n_strings;
} CitationFields;

static const char *
keep (CitationFields *fields,
      xmlChar        *value)
{
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  if (fields->n_strings == G_N_ELEMENTS (fields->strings))
    {
      g_free (copy);
      return NULL;
    }
  fields->strings[fields->n_strings++] = copy;
  return copy;
}

static const char *
lookup_field (const char *field,
              gpointer    data)
{
  CitationFields *fields = data;
  static const char * const quote_attributes[] = {
    "document", "speaker", "timestamp", "coder", "start", "end", "paragraph", NULL
  };

  for (guint i = 0; quote_attributes[i] != NULL; i++)
    if (g_str_equal (field, quote_attributes[i]))
      return keep (fields, xmlGetNoNsProp (fields->quote, BAD_CAST field));

  if (g_str_equal (field, "code") || g_str_equal (field, "path"))
    {
      xmlChar *uuid;
      const char *name;

      if (fields->code_ref == NULL)
        return NULL;
      if (g_str_equal (field, "path"))
        return keep (fields, xmlGetNoNsProp (fields->code_ref, BAD_CAST "path"));
      uuid = xmlGetNoNsProp (fields->code_ref, BAD_CAST "code");
      name = uuid != NULL ? g_hash_table_lookup (fields->code_names, uuid) : NULL;
      xmlFree (uuid);
      return name;
    }

  if (g_str_equal (field, "case"))
    return keep (fields, xmlGetNoNsProp (fields->quote, BAD_CAST "case"));

  /* {attribute:NAME}: the quote's case's value (<case-value>), dates in
   * the export's language */
  if (g_str_has_prefix (field, "attribute:"))
    for (xmlNode *child = fields->quote->children; child != NULL; child = child->next)
      if (cb_xml_is (child, QUOTES_NS, "case-value"))
        {
          xmlChar *name = xmlGetNoNsProp (child, BAD_CAST "name");
          gboolean match = name != NULL && g_str_equal ((const char *) name, field + strlen ("attribute:"));
          xmlChar *type = NULL;
          xmlChar *value;
          char *date;

          xmlFree (name);
          if (!match)
            continue;
          value = xmlGetNoNsProp (child, BAD_CAST "value");
          type = xmlGetNoNsProp (child, BAD_CAST "type");
          if (value != NULL && type != NULL && g_str_equal ((const char *) type, "date") &&
              (date = format_date ((const char *) value, fields->locale)) != NULL)
            {
              xmlFree (value);
              value = xmlStrdup (BAD_CAST date);
              g_free (date);
            }
          xmlFree (type);
          return keep (fields, value);
        }
  return NULL;
}

static gboolean
is_quotes_element (const xmlNode *node,
                   const char    *name)
{
  return cb_xml_is (node, QUOTES_NS, name);
}

static guint
count_words (const char *text)
{
  guint n = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean space = g_unichar_isspace (g_utf8_get_char (p));

      if (!space && !in_word)
        n++;
      in_word = !space;
    }
  return n;
}

/* The memos of an export with memos are shown under a label in the
 * document's language; the stylesheets read it from @label. */
static void
label_memos (xmlNode *parent)
{
  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_quotes_element (child, "memo"))
      /* TRANSLATORS: the label of a code's or coding's memo in a quote list */
      xmlSetProp (child, BAD_CAST "label", BAD_CAST _("Memo"));
}

/* Marks @quote as a block quote or not and gives each of its code-refs
 * its citation; a quote without code-refs (a memo's evidence) gets its
 * citation itself. */
static void
cite_quote (xmlNode    *quote,
            GHashTable *code_names,
            const char *template,
            guint       block_words,
            const char *locale)
{
  gboolean any_code = FALSE;
  guint words = 0;

  for (xmlNode *part = quote->children; part != NULL; part = part->next)
    if (is_quotes_element (part, "text"))
      {
        xmlChar *text = xmlNodeGetContent (part);

        words = text != NULL ? count_words ((const char *) text) : 0;
        xmlFree (text);
      }
  xmlSetProp (quote, BAD_CAST "block", BAD_CAST (words > block_words ? "true" : "false"));

  for (xmlNode *part = quote->children; part != NULL; part = part->next)
    if (is_quotes_element (part, "code-ref"))
      {
        CitationFields fields = { quote, part, code_names, locale, { NULL }, 0 };
        g_autofree char *citation = cb_quote_format_citation (template, lookup_field, &fields);

        for (guint i = 0; i < fields.n_strings; i++)
          g_free (fields.strings[i]);
        xmlSetProp (part, BAD_CAST "citation", BAD_CAST citation);
        label_memos (part);
        any_code = TRUE;
      }
  if (!any_code)
    {
      CitationFields fields = { quote, NULL, code_names, locale, { NULL }, 0 };
      g_autofree char *citation = cb_quote_format_citation (template, lookup_field, &fields);

      for (guint i = 0; i < fields.n_strings; i++)
        g_free (fields.strings[i]);
      xmlSetProp (quote, BAD_CAST "citation", BAD_CAST citation);
    }
}

void
_cb_quote_cite (xmlNode    *quote,
                const char *template,
                guint       block_words,
                const char *locale)
{
  g_autoptr(GHashTable) code_names = g_hash_table_new (g_str_hash, g_str_equal);

  cite_quote (quote, code_names, template, block_words, locale);
}

static void
add_citations (xmlDoc     *doc,
               const char *template,
               guint       block_words,
               const char *locale)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr(GHashTable) code_names = g_hash_table_new_full (g_str_hash, g_str_equal, xmlFree, xmlFree);

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (is_quotes_element (child, "codes"))
        {
          for (xmlNode *code = child->children; code != NULL; code = code->next)
            if (is_quotes_element (code, "code"))
              {
                xmlChar *uuid = xmlGetNoNsProp (code, BAD_CAST "uuid");
                xmlChar *name = xmlGetNoNsProp (code, BAD_CAST "name");

                label_memos (code);
                if (uuid != NULL && name != NULL)
                  g_hash_table_replace (code_names, uuid, name);
                else
                  {
                    xmlFree (uuid);
                    xmlFree (name);
                  }
              }
        }
      else if (is_quotes_element (child, "quote"))
        cite_quote (child, code_names, template, block_words, locale);
    }
}

/* Stylesheets */

/* Serves our stylesheets (and what they import) from the GResource and
 * refuses every other URI: a stylesheet can load nothing else. */
static xmlDocPtr
load_from_resource (const xmlChar   *uri,
                    xmlDictPtr       dict,
                    int              options,
                    void            *ctxt,
                    xsltLoadType     type)
{
  g_autoptr(GBytes) bytes = NULL;
  xmlParserCtxtPtr parser;
  xmlDocPtr doc;
  gconstpointer data;
  gsize size;

  if (uri == NULL || !g_str_has_prefix ((const char *) uri, RESOURCE_URI))
    return NULL;
  bytes = g_resource_lookup_data (cb_core_get_resource (),
                                  (const char *) uri + strlen ("resource://"),
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);

  parser = xmlNewParserCtxt ();
  if (parser == NULL)
    return NULL;
  /* a stylesheet's documents share its dictionary */
  if (dict != NULL)
    {
      if (parser->dict != NULL)
        xmlDictFree (parser->dict);
      parser->dict = dict;
      xmlDictReference (dict);
    }
  doc = xmlCtxtReadMemory (parser, data, (int) size, (const char *) uri, "UTF-8",
                           (options | XML_PARSE_NONET) & ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD));
  xmlFreeParserCtxt (parser);
  return doc;
}

static gpointer
init_xslt (gpointer data)
{
  xmlInitParser ();
  xsltSetLoaderFunc (load_from_resource);
  return NULL;
}

static const char *
stylesheet_for (CbQuoteFormat format)
{
  switch (format)
    {
    case CB_QUOTE_FORMAT_HTML:
      return "quotes-html.xsl";
    case CB_QUOTE_FORMAT_MARKDOWN:
      return "quotes-markdown.xsl";
    case CB_QUOTE_FORMAT_DOCX:
      return "quotes-docx.xsl";
    case CB_QUOTE_FORMAT_ODT:
      return "quotes-odt.xsl";
    case CB_QUOTE_FORMAT_XML:
    default:
      return NULL;
    }
}

static GBytes *
transform (xmlDoc         *doc,
           const char     *stylesheet,
           GError        **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autofree char *uri = g_strconcat (RESOURCE_URI, stylesheet, NULL);
  xsltStylesheetPtr style;
  xsltTransformContextPtr context;
  xsltSecurityPrefsPtr prefs;
  xmlDocPtr result;
  xmlChar *output = NULL;
  int length = 0;
  GBytes *bytes = NULL;

  g_once (&once, init_xslt, NULL);

  style = xsltParseStylesheetFile (BAD_CAST uri);
  if (style == NULL)
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                   _("The stylesheet “%s” could not be loaded"), uri);
      return NULL;
    }

  context = xsltNewTransformContext (style, doc);
  prefs = xsltNewSecurityPrefs ();
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_READ_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_WRITE_FILE, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_CREATE_DIRECTORY, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_READ_NETWORK, xsltSecurityForbid);
  xsltSetSecurityPrefs (prefs, XSLT_SECPREF_WRITE_NETWORK, xsltSecurityForbid);
  xsltSetCtxtSecurityPrefs (prefs, context);

  result = xsltApplyStylesheetUser (style, doc, NULL, NULL, NULL, context);
  if (result != NULL && context->state == XSLT_STATE_OK
      && xsltSaveResultToString (&output, &length, result, style) == 0)
    bytes = g_bytes_new (output != NULL ? (const char *) output : "", output != NULL ? length : 0);
  else
    g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                 _("The quote list could not be produced by “%s”"), uri);

  xmlFree (output);
  if (result != NULL)
    xmlFreeDoc (result);
  xsltFreeTransformContext (context);
  xsltFreeSecurityPrefs (prefs);
  xsltFreeStylesheet (style);
  return bytes;
}

/* The fixed parts of a .docx and an .odt */

static const char docx_content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
  "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
  "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
  "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
  "</Types>";

static const char docx_package_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "</Relationships>";

static const char docx_document_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "</Relationships>";

#define DOCX_HEADING(n, size) \
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading" #n "\">" \
  "<w:name w:val=\"heading " #n "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>" \
  "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:outlineLvl w:val=\"" #n "\"/></w:pPr>" \
  "<w:rPr><w:b/><w:sz w:val=\"" #size "\"/></w:rPr></w:style>"

static const char docx_styles[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:style>"
  DOCX_HEADING (1, 32) DOCX_HEADING (2, 28) DOCX_HEADING (3, 26)
  DOCX_HEADING (4, 24) DOCX_HEADING (5, 24) DOCX_HEADING (6, 24)
  "<w:style w:type=\"paragraph\" w:styleId=\"Definition\"><w:name w:val=\"Definition\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:rPr><w:i/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:ind w:left=\"720\" w:right=\"720\"/></w:pPr></w:style>"
  "</w:styles>";

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

static const char odt_manifest[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
  "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
  "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
  "</manifest:manifest>";

static void
add_static (CbZipWriter *zip,
            const char  *name,
            const char  *content,
            gboolean     store)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (content, strlen (content));

  cb_zip_writer_add (zip, name, bytes, store);
}

/* The quotes XML, parsed and checked to be ours. */
static xmlDoc *
parse_quotes (GBytes  *quotes_xml,
              GError **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GError) parse_error = NULL;
  gconstpointer data;
  gsize size;

  data = g_bytes_get_data (quotes_xml, &size);
  doc = cb_xml_parse_safe ("quotes.xml", NULL, data, size, &parse_error);
  if (doc == NULL || !cb_xml_is (xmlDocGetRootElement (doc), QUOTES_NS, "quotes"))
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                   _("The quotes could not be read back for the quote list: %s"),
                   parse_error != NULL ? parse_error->message : _("not Codeboom quotes XML"));
      return NULL;
    }
  return g_steal_pointer (&doc);
}

gboolean
cb_quote_list_preview (GBytes      *quotes_xml,
                       const char  *template,
                       guint        block_words,
                       char       **text,
                       char       **citation,
                       gboolean    *block,
                       GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  g_return_val_if_fail (quotes_xml != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL)
    *text = NULL;
  if (citation != NULL)
    *citation = NULL;
  if (block != NULL)
    *block = FALSE;
  if (!cb_quote_template_check (template, error))
    return FALSE;
  doc = parse_quotes (quotes_xml, error);
  if (doc == NULL)
    return FALSE;

  add_citations (doc, template, block_words, NULL);
  for (xmlNode *quote = xmlDocGetRootElement (doc)->children; quote != NULL; quote = quote->next)
    {
      gboolean cited = FALSE;

      if (!is_quotes_element (quote, "quote"))
        continue;
      for (xmlNode *part = quote->children; part != NULL; part = part->next)
        {
          xmlChar *value = NULL;

          if (is_quotes_element (part, "text") && text != NULL && *text == NULL)
            {
              value = xmlNodeGetContent (part);
              *text = g_strdup (value != NULL ? (const char *) value : "");
            }
          else if (is_quotes_element (part, "code-ref") && !cited)
            {
              value = xmlGetNoNsProp (part, BAD_CAST "citation");
              if (citation != NULL)
                *citation = g_strdup (value != NULL ? (const char *) value : "");
              cited = TRUE;
            }
          xmlFree (value);
        }
      if (block != NULL)
        {
          xmlChar *value = xmlGetNoNsProp (quote, BAD_CAST "block");

          *block = g_strcmp0 ((const char *) value, "true") == 0;
          xmlFree (value);
        }
      break;
    }
  return TRUE;
}

GBytes *
cb_quote_list_render (GBytes         *quotes_xml,
                      CbQuoteFormat   format,
                      const char     *template,
                      guint           block_words,
                      GError        **error)
{
  return cb_quote_list_render_full (quotes_xml, format, template, block_words, NULL, error);
}

GBytes *
cb_quote_list_render_full (GBytes         *quotes_xml,
                           CbQuoteFormat   format,
                           const char     *template,
                           guint           block_words,
                           const char     *locale,
                           GError        **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  g_return_val_if_fail (quotes_xml != NULL, NULL);

  if (format == CB_QUOTE_FORMAT_XML)
    return g_bytes_ref (quotes_xml);

  if (!cb_quote_template_check (template, error))
    return NULL;
  doc = parse_quotes (quotes_xml, error);
  if (doc == NULL)
    return NULL;

  add_citations (doc, template, block_words, locale);
  return _cb_quote_formats_render_doc (doc, stylesheet_for (format), format, error);
}

GBytes *
_cb_quote_formats_render_doc (xmlDoc         *doc,
                              const char     *stylesheet,
                              CbQuoteFormat   format,
                              GError        **error)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(CbZipWriter) zip = NULL;

  body = transform (doc, stylesheet, error);
  if (body == NULL)
    return NULL;

  switch (format)
    {
    case CB_QUOTE_FORMAT_DOCX:
      zip = cb_zip_writer_new ();
      add_static (zip, "[Content_Types].xml", docx_content_types, FALSE);
      add_static (zip, "_rels/.rels", docx_package_rels, FALSE);
      cb_zip_writer_add (zip, "word/document.xml", body, FALSE);
      add_static (zip, "word/_rels/document.xml.rels", docx_document_rels, FALSE);
      add_static (zip, "word/styles.xml", docx_styles, FALSE);
      return cb_zip_writer_finish (zip, error);

    case CB_QUOTE_FORMAT_ODT:
      zip = cb_zip_writer_new ();
      /* ODF: "mimetype" first and stored, so that its bytes sit at a fixed offset */
      add_static (zip, "mimetype", odt_mimetype, TRUE);
      cb_zip_writer_add (zip, "content.xml", body, FALSE);
      add_static (zip, "META-INF/manifest.xml", odt_manifest, FALSE);
      return cb_zip_writer_finish (zip, error);

    case CB_QUOTE_FORMAT_HTML:
    case CB_QUOTE_FORMAT_MARKDOWN:
    case CB_QUOTE_FORMAT_XML:
    default:
      return g_steal_pointer (&body);
    }
}
