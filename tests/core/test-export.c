/* test-export.c: the REFI-QDA codebook and quotes XML exports
 *
 * A project is built through CbProject from the real corpus (interview
 * MA07 and the red-tape codebook) plus a document with an emoji, a
 * combining mark and XML's special characters; both exports are validated
 * against their schemas with libxml2 and read back with XPath.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>

#include "cb-core.h"
#include "cb-export-xml.h"

#define QDC_NS "urn:QDA-XML:codebook:1.0"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathObject, xmlXPathFreeObject)

/* Special characters in names, definitions and text.  U+1F469 U+200D
 * U+1F52C is one emoji of three code points (one outside the BMP, so two
 * UTF-16 units); "n" + U+0308 has no precomposed form, so NFC keeps the
 * combining mark as its own code point. */
#define SPECIAL_CODE        "Tags & <marks> \"quoted\" 'single'"
#define SPECIAL_DEFINITION  "Uses & < > \" ' and\ntwo lines"
#define SPECIAL_TEXT \
  "Line one: A & B < C > D, \"quoted\" and 'single'.\n" \
  "Scientist \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac said: the n\xcc\x88 stays.\n" \
  "Last line."

typedef struct
{
  char      *dir;
  CbProject *project;
  char      *ma07_text;
  char      *special_text;
  guint      n_codings;   /* applied in setup */
} Fixture;

static char *
data_path (const char *first,
           ...)
{
  va_list args;
  char *relative;
  char *path;

  va_start (args, first);
  relative = g_build_filename_valist (first, &args);
  va_end (args);
  path = g_test_build_filename (G_TEST_DIST, "data", relative, NULL);
  g_free (relative);
  return path;
}

static char *
schema_path (const char *name)
{
  /* data/xml/ of the source tree, where the installed schema comes from */
  return g_test_build_filename (G_TEST_DIST, "..", "data", "xml", name, NULL);
}

/* Code-point offset of the first @needle in @text, found independently of
 * cb-text so that the test does not check the core with itself. */
static gint64
char_offset_of (const char *text,
                const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

static void
apply_span (Fixture    *fixture,
            const char *document,
            const char *code,
            gint64      start,
            gint64      end)
{
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  gint64 id;

  id = cb_project_apply (fixture->project, document, code, start, end, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (created);
  fixture->n_codings++;
}

static void
apply_text (Fixture    *fixture,
            const char *document,
            const char *text,
            const char *code,
            const char *quote)
{
  gint64 start = char_offset_of (text, quote);

  apply_span (fixture, document, code, start, start + g_utf8_strlen (quote, -1));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) interview = NULL;
  g_autoptr(GFile) codebook = NULL;
  g_autofree char *interview_path = data_path ("corpus", "interview-ma07.txt", NULL);
  g_autofree char *codebook_path = data_path ("corpus", "codebook-redtape.tsv", NULL);
  g_autofree char *project_path = NULL;
  gint64 id;
  gint64 start;
  gint64 end;
  guint n_added = 0;

  /* reproducible "generated" attribute */
  g_setenv ("SOURCE_DATE_EPOCH", "1710412200", TRUE);

  fixture->dir = g_dir_make_tmp ("codeboom-test-export-XXXXXX", &error);
  g_assert_no_error (error);
  project_path = g_build_filename (fixture->dir, "export.codeboom", NULL);
  fixture->project = cb_project_create (project_path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (fixture->project, "tester");

  interview = g_file_new_for_path (interview_path);
  id = cb_project_import_file (fixture->project, interview, "MA07", NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->ma07_text = cb_project_dup_document_text (fixture->project, id, NULL, &error);
  g_assert_no_error (error);

  id = cb_project_add_document (fixture->project, "Special <&> \"doc\"", SPECIAL_TEXT,
                                "special.txt", NULL, &error);
  g_assert_no_error (error);
  fixture->special_text = cb_project_dup_document_text (fixture->project, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fixture->special_text, ==, SPECIAL_TEXT);

  codebook = g_file_new_for_path (codebook_path);
  g_assert_true (cb_project_import_codebook_tsv (fixture->project, codebook, &n_added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, >, 40);

  g_assert_true (cb_project_set_code_color (fixture->project, "Generalistisch werken", "#1a5fb4", &error));
  g_assert_no_error (error);
  g_assert_true (cb_project_set_code_color (fixture->project, "Red Tape / Interne Red Tape", "#E01B24", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (fixture->project, SPECIAL_CODE, "#c061cb",
                                        SPECIAL_DEFINITION, &error), >, 0);
  g_assert_no_error (error);
  /* a code without colour nor definition, with a child */
  g_assert_cmpint (cb_project_add_code (fixture->project, "Bare / Child", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* the same span under two codes: one quote with two code-refs */
  apply_text (fixture, "MA07", fixture->ma07_text,
              "Generalistisch werken / 1 cliënt = 1 MA",
              "één cliënt, één maatschappelijk assistent");
  apply_text (fixture, "MA07", fixture->ma07_text,
              "Generalistisch werken / Vertrouwensrelatie",
              "één cliënt, één maatschappelijk assistent");
  /* an overlapping, longer span starting earlier */
  apply_text (fixture, "MA07", fixture->ma07_text,
              "Generalistisch werken",
              "Dat is het principe hier: één cliënt, één maatschappelijk assistent.");
  /* a span over two paragraphs: newlines must survive */
  start = char_offset_of (fixture->ma07_text, "Ik ben niet de specialist");
  end = char_offset_of (fixture->ma07_text, "Kan je de cliënten waarmee") + strlen ("Kan je de");
  apply_span (fixture, "MA07", "Generalistisch werken / Divers doelpubliek", start, end);
  /* a quote with double quotes in it, coded later in the text */
  apply_text (fixture, "MA07", fixture->ma07_text, "Red Tape / Interne Red Tape",
              "\"we waren eigenlijk bezig");
  apply_text (fixture, "MA07", fixture->ma07_text, "Reorganisatie 2014 / Situatie voor de hervorming",
              "Toen was alles opgesplitst per dienst");

  apply_text (fixture, "Special <&> \"doc\"", fixture->special_text, SPECIAL_CODE,
              "A & B < C > D, \"quoted\" and 'single'");
  apply_text (fixture, "Special <&> \"doc\"", fixture->special_text, SPECIAL_CODE,
              "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x94\xac said: the n\xcc\x88");
  apply_text (fixture, "Special <&> \"doc\"", fixture->special_text, "Bare / Child", "Last line.");
  /* the whole document, newlines included */
  apply_span (fixture, "Special <&> \"doc\"", "Red Tape / Interne Red Tape",
              0, g_utf8_strlen (SPECIAL_TEXT, -1));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *project_path = g_build_filename (fixture->dir, "export.codeboom", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->project);
  g_free (fixture->ma07_text);
  g_free (fixture->special_text);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_no_errno (g_unlink (path));
    }
  g_assert_no_errno (g_rmdir (fixture->dir));
  g_free (fixture->dir);
}

/* Parses @bytes without network, entities or DTDs, and validates them
 * against @xsd_path. */
static xmlDoc *
parse_and_validate (GBytes     *bytes,
                    const char *xsd_path)
{
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  xmlSchemaValidCtxtPtr validator;
  xmlDoc *doc;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  int rc;

  doc = xmlReadMemory (data, (int) size, "export.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);

  parser = xmlSchemaNewParserCtxt (xsd_path);
  g_assert_nonnull (parser);
  schema = xmlSchemaParse (parser);
  g_assert_nonnull (schema);
  validator = xmlSchemaNewValidCtxt (schema);
  rc = xmlSchemaValidateDoc (validator, doc);
  if (rc != 0)
    g_test_message ("%.*s", (int) size, data);
  g_assert_cmpint (rc, ==, 0);

  xmlSchemaFreeValidCtxt (validator);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
  return doc;
}

static xmlXPathContext *
new_xpath (xmlDoc *doc)
{
  xmlXPathContext *xpath = xmlXPathNewContext (doc);

  xmlXPathRegisterNs (xpath, BAD_CAST "c", BAD_CAST QDC_NS);
  xmlXPathRegisterNs (xpath, BAD_CAST "q", BAD_CAST CB_QUOTES_NAMESPACE);
  return xpath;
}

static xmlXPathObject *
eval_nodes (xmlXPathContext *xpath,
            xmlNode         *context,
            const char      *expression)
{
  xmlXPathObject *result;

  xpath->node = context != NULL ? context : xmlDocGetRootElement (xpath->doc);
  result = xmlXPathEvalExpression (BAD_CAST expression, xpath);
  g_assert_nonnull (result);
  g_assert_cmpint (result->type, ==, XPATH_NODESET);
  return result;
}

static guint
n_nodes (xmlXPathObject *result)
{
  return result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;
}

static xmlNode *
nth_node (xmlXPathObject *result,
          guint           n)
{
  g_assert_cmpuint (n, <, n_nodes (result));
  return result->nodesetval->nodeTab[n];
}

/* An attribute as a g_malloc'ed string, NULL when absent. */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

static gint64
get_attr_int (xmlNode    *node,
              const char *name)
{
  g_autofree char *value = get_attr (node, name);
  gint64 number = 0;

  g_assert_nonnull (value);
  g_assert_true (g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &number, NULL));
  return number;
}

/* The text of the only @name child of @node, NULL when there is none. */
static char *
get_child_text (xmlNode    *node,
                const char *name)
{
  char *text = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) child->name, name) == 0)
      {
        xmlChar *content = xmlNodeGetContent (child);

        g_assert_null (text);
        text = g_strdup ((const char *) content);
        xmlFree (content);
      }
  return text;
}

static CbCodeInfo *
find_code (GPtrArray  *codes,
           const char *uuid)
{
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = g_ptr_array_index (codes, i);

      if (g_strcmp0 (code->uuid, uuid) == 0)
        return code;
    }
  return NULL;
}

/* Contains @needle as raw bytes (to see how something was escaped). */
static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strstr_len (data, size, needle) != NULL;
}

static void
test_codebook (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) xpath = NULL;
  g_autoptr(xmlXPathObject) all = NULL;
  g_autofree char *xsd = data_path ("refi-qda", "Codebook.xsd", NULL);
  g_autofree char *origin = NULL;
  gboolean saw_special = FALSE;
  gboolean saw_bare = FALSE;

  bytes = cb_export_codebook (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  doc = parse_and_validate (bytes, xsd);

  /* deterministic: the same project gives the same bytes */
  again = cb_export_codebook (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, again));

  g_assert_cmpstr ((const char *) xmlDocGetRootElement (doc)->name, ==, "CodeBook");
  origin = get_attr (xmlDocGetRootElement (doc), "origin");
  g_assert_true (g_str_has_prefix (origin, "Codeboom "));

  codes = cb_project_list_codes (fixture->project, &error);
  g_assert_no_error (error);
  xpath = new_xpath (doc);
  all = eval_nodes (xpath, NULL, "//c:Code");
  g_assert_cmpuint (n_nodes (all), ==, codes->len);

  for (guint i = 0; i < n_nodes (all); i++)
    {
      xmlNode *node = nth_node (all, i);
      g_autofree char *guid = get_attr (node, "guid");
      g_autofree char *name = get_attr (node, "name");
      g_autofree char *codable = get_attr (node, "isCodable");
      g_autofree char *color = get_attr (node, "color");
      g_autofree char *description = get_child_text (node, "Description");
      g_autofree char *expr = g_strdup_printf ("//c:Code[@guid='%s']", guid);
      g_autoptr(xmlXPathObject) same = eval_nodes (xpath, NULL, expr);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *path = NULL;
      CbCodeInfo *code = find_code (codes, guid);

      /* every code once, under its own uuid */
      g_assert_nonnull (code);
      g_assert_cmpuint (n_nodes (same), ==, 1);
      g_assert_cmpstr (name, ==, code->name);
      g_assert_cmpstr (codable, ==, "true");

      /* nesting mirrors the path */
      for (xmlNode *up = node; up != NULL && up->type == XML_ELEMENT_NODE
           && g_strcmp0 ((const char *) up->name, "Code") == 0; up = up->parent)
        g_ptr_array_insert (names, 0, get_attr (up, "name"));
      g_ptr_array_add (names, NULL);
      path = g_strjoinv (CB_CODE_PATH_SEPARATOR, (char **) names->pdata);
      g_assert_cmpstr (path, ==, code->path);

      /* siblings in their order */
      for (xmlNode *previous = node->prev; previous != NULL; previous = previous->prev)
        if (previous->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) previous->name, "Code") == 0)
          {
            g_autofree char *previous_guid = get_attr (previous, "guid");
            CbCodeInfo *previous_code = find_code (codes, previous_guid);

            g_assert_cmpint (previous_code->position, <, code->position);
            break;
          }

      /* colour as #RRGGBB when set, definition when non-empty */
      if (code->color != NULL)
        {
          g_autofree char *upper = g_ascii_strup (code->color, -1);

          g_assert_cmpstr (color, ==, upper);
        }
      else
        g_assert_null (color);
      if (code->description != NULL && code->description[0] != '\0')
        g_assert_cmpstr (description, ==, code->description);
      else
        g_assert_null (description);

      if (g_strcmp0 (code->path, SPECIAL_CODE) == 0)
        {
          saw_special = TRUE;
          g_assert_cmpstr (color, ==, "#C061CB");
          g_assert_cmpstr (description, ==, SPECIAL_DEFINITION);
        }
      if (g_strcmp0 (code->path, "Bare") == 0)
        {
          saw_bare = TRUE;
          g_assert_null (color);
          g_assert_null (description);
        }
      if (g_strcmp0 (code->path, "Red Tape / Interne Red Tape") == 0)
        g_assert_cmpstr (color, ==, "#E01B24");
      if (g_strcmp0 (code->path, "Generalistisch werken") == 0)
        {
          g_assert_cmpstr (color, ==, "#1A5FB4");
          g_assert_true (g_str_has_prefix (description, "Sensitizing concept"));
        }
    }
  g_assert_true (saw_special);
  g_assert_true (saw_bare);

  /* the top level is in sibling order too, starting with the TSV's first */
  {
    g_autoptr(xmlXPathObject) top = eval_nodes (xpath, NULL, "/c:CodeBook/c:Codes/c:Code");
    g_autofree char *first = get_attr (nth_node (top, 0), "name");

    g_assert_cmpstr (first, ==, "Generalistisch werken");
  }

  /* the special characters were escaped, not dropped */
  g_assert_true (bytes_contain (bytes, "Tags &amp; &lt;marks&gt; &quot;quoted&quot;"));
}

static void
test_codebook_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-test-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.codeboom", NULL);

  g_assert_no_error (error);
  project = cb_project_create (path, &error);
  g_assert_no_error (error);

  /* Codebook.xsd wants at least one Code: refuse rather than write an
   * invalid file */
  bytes = cb_export_codebook (project, &error);
  g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED);
  g_assert_null (bytes);
  g_clear_error (&error);

  /* quotes of an empty project are a valid, empty list */
  bytes = cb_export_quotes (project, NULL, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autofree char *xsd = schema_path ("codeboom-quotes-1.xsd");
    g_autoptr(xmlDoc) doc = parse_and_validate (bytes, xsd);
    g_autoptr(xmlXPathContext) xpath = new_xpath (doc);
    g_autoptr(xmlXPathObject) quotes = eval_nodes (xpath, NULL, "//q:quote");

    g_assert_cmpuint (n_nodes (quotes), ==, 0);
  }

  g_clear_object (&project);
  {
    g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
    const char *name;

    while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
      {
        g_autofree char *entry = g_build_filename (dir, name, NULL);

        g_assert_no_errno (g_unlink (entry));
      }
  }
  g_assert_no_errno (g_rmdir (dir));
}

/* The timestamp and speaker that open the paragraph @offset lies in, read
 * from MA07's "[00:00:35] R: ..." lines independently of the core's turn
 * recognition (each turn of MA07 is one paragraph). */
static void
ma07_citation (const char  *text,
               gint64       offset,
               char       **timestamp,
               char       **speaker)
{
  g_autoptr(GRegex) regex = g_regex_new ("^\\[([0-9:]+)\\] ([A-Z]+):", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *at = g_utf8_offset_to_pointer (text, offset);
  const char *paragraph = at;

  while (paragraph > text && !(paragraph - text >= 2 && paragraph[-1] == '\n' && paragraph[-2] == '\n'))
    paragraph--;
  g_assert_true (g_regex_match (regex, paragraph, 0, &match));
  *timestamp = g_match_info_fetch (match, 1);
  *speaker = g_match_info_fetch (match, 2);
}

/* The position of @name in the project's document order. */
static guint
document_index (GPtrArray  *documents,
                const char *name)
{
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = g_ptr_array_index (documents, i);

      if (g_strcmp0 (document->name, name) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* Checks what every quotes export must satisfy and returns the parsed
 * document: the schema, each quote's text against the document text cut
 * by GLib (not by the core), the order, code-refs pointing into <codes>,
 * and the counts. */
static xmlDoc *
check_quotes (Fixture *fixture,
              GBytes  *bytes,
              guint   *n_code_refs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xsd = schema_path ("codeboom-quotes-1.xsd");
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(xmlXPathContext) xpath = NULL;
  g_autoptr(xmlXPathObject) quotes = NULL;
  xmlDoc *doc;
  guint previous_document = 0;
  gint64 previous_start = -1;
  gint64 previous_end = -1;

  doc = parse_and_validate (bytes, xsd);
  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_no_error (error);
  xpath = new_xpath (doc);
  quotes = eval_nodes (xpath, NULL, "/q:quotes/q:quote");
  *n_code_refs = 0;

  for (guint i = 0; i < n_nodes (quotes); i++)
    {
      xmlNode *quote = nth_node (quotes, i);
      g_autofree char *document = get_attr (quote, "document");
      g_autofree char *text = get_child_text (quote, "text");
      g_autofree char *expected = NULL;
      g_autoptr(xmlXPathObject) refs = eval_nodes (xpath, quote, "q:code-ref");
      gint64 start = get_attr_int (quote, "start");
      gint64 end = get_attr_int (quote, "end");
      guint index = document_index (documents, document);
      const char *full;

      full = g_strcmp0 (document, "MA07") == 0 ? fixture->ma07_text : fixture->special_text;
      g_assert_cmpint (end, <=, g_utf8_strlen (full, -1));
      expected = g_utf8_substring (full, start, end);
      g_assert_cmpstr (text, ==, expected);

      /* by document, then start, then end; never the same span twice
       * (one coder here) */
      g_assert_cmpuint (index, >=, previous_document);
      if (index == previous_document)
        {
          g_assert_true (start > previous_start || (start == previous_start && end > previous_end));
        }
      previous_document = index;
      previous_start = start;
      previous_end = end;

      g_assert_cmpuint (n_nodes (refs), >=, 1);
      for (guint j = 0; j < n_nodes (refs); j++)
        {
          g_autofree char *uuid = get_attr (nth_node (refs, j), "code");
          g_autofree char *path = get_attr (nth_node (refs, j), "path");
          g_autofree char *expr = g_strdup_printf ("/q:quotes/q:codes/q:code[@uuid='%s']", uuid);
          g_autoptr(xmlXPathObject) code = eval_nodes (xpath, NULL, expr);
          g_autofree char *code_path = NULL;

          g_assert_cmpuint (n_nodes (code), ==, 1);
          code_path = get_attr (nth_node (code, 0), "path");
          g_assert_cmpstr (path, ==, code_path);
          (*n_code_refs)++;
        }
    }
  return doc;
}

static void
test_quotes_all (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) xpath = NULL;
  g_autoptr(xmlXPathObject) listed = NULL;
  g_autoptr(xmlXPathObject) quotes = NULL;
  g_autoptr(xmlXPathObject) documents = NULL;
  g_autoptr(GBytes) codebook = NULL;
  g_autoptr(xmlDoc) codebook_doc = NULL;
  g_autoptr(xmlXPathContext) codebook_xpath = NULL;
  g_autoptr(xmlXPathObject) codebook_codes = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *project = NULL;
  g_autofree char *name = NULL;
  g_autofree char *scope = NULL;
  guint n_code_refs = 0;
  gboolean saw_merged = FALSE;
  gboolean saw_emoji = FALSE;
  gboolean saw_escaped = FALSE;
  gboolean saw_paragraphs = FALSE;
  guint n_cited = 0;

  /* with the codes without quotes, so that every code is listed */
  bytes = cb_export_quotes_full (fixture->project, NULL, CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  doc = check_quotes (fixture, bytes, &n_code_refs);
  xpath = new_xpath (doc);

  again = cb_export_quotes_full (fixture->project, NULL, CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, again));

  /* the root */
  generated = get_attr (xmlDocGetRootElement (doc), "generated");
  g_assert_cmpstr (generated, ==, "2024-03-14T10:30:00Z");
  project = get_attr (xmlDocGetRootElement (doc), "project");
  name = cb_project_dup_name (fixture->project);
  g_assert_cmpstr (project, ==, name);
  scope = get_attr (xmlDocGetRootElement (doc), "code");
  g_assert_null (scope);

  /* every coding once */
  g_assert_cmpuint (n_code_refs, ==, fixture->n_codings);
  quotes = eval_nodes (xpath, NULL, "/q:quotes/q:quote");
  g_assert_cmpuint (n_nodes (quotes), ==, fixture->n_codings - 1);

  /* every code, in the same tree order as the codebook */
  codes = cb_project_list_codes (fixture->project, &error);
  g_assert_no_error (error);
  listed = eval_nodes (xpath, NULL, "/q:quotes/q:codes/q:code");
  g_assert_cmpuint (n_nodes (listed), ==, codes->len);
  codebook = cb_export_codebook (fixture->project, &error);
  g_assert_no_error (error);
  codebook_doc = xmlReadMemory (g_bytes_get_data (codebook, NULL), (int) g_bytes_get_size (codebook),
                                "codebook.qdc", NULL, XML_PARSE_NONET);
  codebook_xpath = new_xpath (codebook_doc);
  codebook_codes = eval_nodes (codebook_xpath, NULL, "//c:Code");
  for (guint i = 0; i < n_nodes (listed); i++)
    {
      xmlNode *node = nth_node (listed, i);
      g_autofree char *uuid = get_attr (node, "uuid");
      g_autofree char *guid = get_attr (nth_node (codebook_codes, i), "guid");
      g_autofree char *path = get_attr (node, "path");
      g_autofree char *color = get_attr (node, "color");
      g_autofree char *definition = get_child_text (node, "definition");
      g_autofree char *expr = g_strdup_printf ("/q:quotes/q:quote/q:code-ref[@code='%s']", uuid);
      g_autoptr(xmlXPathObject) refs = eval_nodes (xpath, NULL, expr);
      CbCodeInfo *code = find_code (codes, uuid);

      g_assert_cmpstr (uuid, ==, guid);
      g_assert_nonnull (code);
      g_assert_cmpstr (path, ==, code->path);
      g_assert_cmpint (get_attr_int (node, "depth"), ==, code->depth);
      g_assert_cmpint (get_attr_int (node, "level"), ==, code->depth + 1);
      g_assert_cmpint (get_attr_int (node, "quotes"), ==, n_nodes (refs));
      g_assert_cmpint (get_attr_int (node, "quotes"), ==, code->n_codings);
      if (code->color != NULL)
        {
          g_autofree char *lower = g_ascii_strdown (code->color, -1);

          g_assert_cmpstr (color, ==, lower);
        }
      else
        g_assert_null (color);
      if (code->description[0] != '\0')
        g_assert_cmpstr (definition, ==, code->description);
      else
        g_assert_null (definition);
    }

  /* the documents quoted */
  documents = eval_nodes (xpath, NULL, "/q:quotes/q:documents/q:document");
  g_assert_cmpuint (n_nodes (documents), ==, 2);

  for (guint i = 0; i < n_nodes (quotes); i++)
    {
      xmlNode *quote = nth_node (quotes, i);
      g_autofree char *text = get_child_text (quote, "text");
      g_autofree char *coder = get_attr (quote, "coder");
      g_autofree char *document = get_attr (quote, "document");
      g_autoptr(xmlXPathObject) refs = eval_nodes (xpath, quote, "q:code-ref");

      g_assert_cmpstr (coder, ==, "tester");
      /* the citation: every MA07 quote lies in an answer of R */
      if (g_strcmp0 (document, "MA07") == 0)
        {
          g_autofree char *speaker = get_attr (quote, "speaker");
          g_autofree char *timestamp = get_attr (quote, "timestamp");
          g_autofree char *expected_speaker = NULL;
          g_autofree char *expected_timestamp = NULL;

          ma07_citation (fixture->ma07_text, get_attr_int (quote, "start"),
                         &expected_timestamp, &expected_speaker);
          g_assert_cmpstr (speaker, ==, expected_speaker);
          g_assert_cmpstr (timestamp, ==, expected_timestamp);
          g_assert_cmpstr (speaker, ==, "R");
          n_cited++;
        }
      if (g_strcmp0 (text, "één cliënt, één maatschappelijk assistent") == 0)
        {
          g_autofree char *first = get_attr (nth_node (refs, 0), "path");
          g_autofree char *second = NULL;

          /* one quote, its codes in tree order */
          g_assert_cmpuint (n_nodes (refs), ==, 2);
          second = get_attr (nth_node (refs, 1), "path");
          g_assert_cmpstr (first, ==, "Generalistisch werken / 1 cliënt = 1 MA");
          g_assert_cmpstr (second, ==, "Generalistisch werken / Vertrouwensrelatie");
          saw_merged = TRUE;
        }
      else
        g_assert_cmpuint (n_nodes (refs), ==, 1);

      if (g_str_has_prefix (text, "\xf0\x9f\x91\xa9"))
        {
          /* code points, not bytes nor UTF-16 units: the emoji is 3, the
           * n with its diaeresis 2 */
          g_assert_cmpint (get_attr_int (quote, "end") - get_attr_int (quote, "start"), ==,
                           3 + strlen (" said: the ") + 2);
          g_assert_cmpint (get_attr_int (quote, "start"), ==, 58);
          saw_emoji = TRUE;
        }
      if (g_strcmp0 (text, "A & B < C > D, \"quoted\" and 'single'") == 0)
        saw_escaped = TRUE;
      if (g_str_has_prefix (text, "Ik ben niet de specialist"))
        {
          g_assert_nonnull (strstr (text, "houdt.\n\n[00:01:02] I: Kan je de"));
          g_assert_true (g_str_has_suffix (text, "Kan je de"));
          saw_paragraphs = TRUE;
        }
    }
  g_assert_true (saw_merged);
  g_assert_true (saw_emoji);
  g_assert_true (saw_escaped);
  g_assert_true (saw_paragraphs);
  g_assert_cmpuint (n_cited, ==, 5);

  /* escaped by libxml2 (which escapes double quotes in text too) */
  g_assert_true (bytes_contain (bytes, "A &amp; B &lt; C &gt; D, &quot;quoted&quot;"));
  g_assert_true (bytes_contain (bytes, "path=\"Tags &amp; &lt;marks&gt; &quot;quoted&quot; 'single'\""));
  g_assert_true (bytes_contain (bytes, "document=\"Special &lt;&amp;&gt; &quot;doc&quot;\""));
}

static void
test_quotes_scoped (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) xpath = NULL;
  g_autoptr(xmlXPathObject) codes = NULL;
  g_autoptr(xmlXPathObject) quotes = NULL;
  g_autoptr(xmlXPathObject) documents = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *descendants = NULL;
  g_autofree char *first = NULL;
  guint n_code_refs = 0;

  /* a subtree: the code and its descendants, levels counted from it
   * (every one listed, also those without quotes) */
  bytes = cb_export_quotes_full (fixture->project, "Generalistisch werken",
                                 CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  doc = check_quotes (fixture, bytes, &n_code_refs);
  xpath = new_xpath (doc);
  scope = get_attr (xmlDocGetRootElement (doc), "code");
  descendants = get_attr (xmlDocGetRootElement (doc), "descendants");
  g_assert_cmpstr (scope, ==, "Generalistisch werken");
  g_assert_cmpstr (descendants, ==, "true");
  codes = eval_nodes (xpath, NULL, "/q:quotes/q:codes/q:code");
  g_assert_cmpuint (n_nodes (codes), ==, 16);
  first = get_attr (nth_node (codes, 0), "path");
  g_assert_cmpstr (first, ==, "Generalistisch werken");
  g_assert_cmpint (get_attr_int (nth_node (codes, 0), "level"), ==, 1);
  for (guint i = 1; i < n_nodes (codes); i++)
    {
      g_autofree char *path = get_attr (nth_node (codes, i), "path");

      g_assert_true (g_str_has_prefix (path, "Generalistisch werken / "));
      g_assert_cmpint (get_attr_int (nth_node (codes, i), "level"), >=, 2);
    }
  g_assert_cmpuint (n_code_refs, ==, 4);
  quotes = eval_nodes (xpath, NULL, "/q:quotes/q:quote");
  g_assert_cmpuint (n_nodes (quotes), ==, 3);
  documents = eval_nodes (xpath, NULL, "/q:quotes/q:documents/q:document");
  g_assert_cmpuint (n_nodes (documents), ==, 1);
  g_clear_pointer (&documents, xmlXPathFreeObject);
  g_clear_pointer (&codes, xmlXPathFreeObject);
  g_clear_pointer (&quotes, xmlXPathFreeObject);
  g_clear_pointer (&xpath, xmlXPathFreeContext);
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_pointer (&descendants, g_free);

  /* only the code itself */
  bytes = cb_export_quotes (fixture->project, "Generalistisch werken", TRUE, &error);
  g_assert_no_error (error);
  doc = check_quotes (fixture, bytes, &n_code_refs);
  xpath = new_xpath (doc);
  descendants = get_attr (xmlDocGetRootElement (doc), "descendants");
  g_assert_cmpstr (descendants, ==, "false");
  codes = eval_nodes (xpath, NULL, "/q:quotes/q:codes/q:code");
  g_assert_cmpuint (n_nodes (codes), ==, 1);
  g_assert_cmpuint (n_code_refs, ==, 1);
  quotes = eval_nodes (xpath, NULL, "/q:quotes/q:quote/q:text");
  g_assert_cmpuint (n_nodes (quotes), ==, 1);
  {
    xmlChar *text = xmlNodeGetContent (nth_node (quotes, 0));

    g_assert_cmpstr ((const char *) text, ==,
                     "Dat is het principe hier: één cliënt, één maatschappelijk assistent.");
    xmlFree (text);
  }
  g_clear_pointer (&codes, xmlXPathFreeObject);
  g_clear_pointer (&quotes, xmlXPathFreeObject);
  g_clear_pointer (&xpath, xmlXPathFreeContext);
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* a code without quotes is still a valid export: without headings by
   * default, with its heading and its children's when asked */
  bytes = cb_export_quotes (fixture->project, "Reorganisatie 2014 / Aanleiding", FALSE, &error);
  g_assert_no_error (error);
  doc = check_quotes (fixture, bytes, &n_code_refs);
  xpath = new_xpath (doc);
  codes = eval_nodes (xpath, NULL, "/q:quotes/q:codes/q:code");
  g_assert_cmpuint (n_nodes (codes), ==, 0);
  g_assert_cmpuint (n_code_refs, ==, 0);
  g_clear_pointer (&codes, xmlXPathFreeObject);
  g_clear_pointer (&xpath, xmlXPathFreeContext);
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = cb_export_quotes_full (fixture->project, "Reorganisatie 2014 / Aanleiding",
                                 CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  doc = check_quotes (fixture, bytes, &n_code_refs);
  xpath = new_xpath (doc);
  codes = eval_nodes (xpath, NULL, "/q:quotes/q:codes/q:code");
  g_assert_cmpuint (n_nodes (codes), ==, 3);
  g_assert_cmpint (get_attr_int (nth_node (codes, 0), "depth"), ==, 1);
  g_assert_cmpint (get_attr_int (nth_node (codes, 0), "level"), ==, 1);
  g_assert_cmpint (get_attr_int (nth_node (codes, 1), "level"), ==, 2);
  g_assert_cmpuint (n_code_refs, ==, 0);
}

static void
test_quotes_unknown_code (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = cb_export_quotes (fixture->project, "Red Tape / No such code", FALSE, &error);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "No such code"));
  g_assert_null (bytes);
}

/* XML 1.0 cannot carry most C0 controls: the quote keeps its length in code
 * points, with U+FFFD in their place, and stays well-formed. */
static void
test_quotes_control_characters (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *xsd = schema_path ("codeboom-quotes-1.xsd");
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) xpath = NULL;
  g_autoptr(xmlXPathObject) texts = NULL;
  xmlChar *text;
  gint64 id;

  id = cb_project_add_document (fixture->project, "Controls",
                                "page\x0c" "break\x01 and\ttab \x7f" "del", "controls.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  apply_span (fixture, "Controls", "Bare", 0, 24);

  bytes = cb_export_quotes (fixture->project, "Bare", TRUE, &error);
  g_assert_no_error (error);
  doc = parse_and_validate (bytes, xsd);
  xpath = new_xpath (doc);
  texts = eval_nodes (xpath, NULL, "/q:quotes/q:quote/q:text");
  g_assert_cmpuint (n_nodes (texts), ==, 1);
  text = xmlNodeGetContent (nth_node (texts, 0));
  g_assert_cmpstr ((const char *) text, ==, "page\xef\xbf\xbd" "break\xef\xbf\xbd and\ttab \x7f" "del");
  g_assert_cmpint (g_utf8_strlen ((const char *) text, -1), ==, 24);
  xmlFree (text);
}

static void
test_write_file (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) read_back = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) nowhere = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "codes.qdc", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "codes.qdc", NULL);
  char *contents = NULL;
  gsize length = 0;

  bytes = cb_export_codebook (fixture->project, &error);
  g_assert_no_error (error);

  /* over an existing file */
  g_assert_true (g_file_set_contents (path, "old", -1, &error));
  file = g_file_new_for_path (path);
  g_assert_true (cb_export_write_file (bytes, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  read_back = g_bytes_new_take (contents, length);
  g_assert_true (g_bytes_equal (bytes, read_back));

  /* into a folder that does not exist: an error naming the file, nothing left */
  nowhere = g_file_new_for_path (missing);
  g_assert_false (cb_export_write_file (bytes, nowhere, &error));
  g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "codes.qdc"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/export/codebook", Fixture, NULL,
              fixture_set_up, test_codebook, fixture_tear_down);
  g_test_add_func ("/core/export/codebook-empty", test_codebook_empty);
  g_test_add ("/core/export/quotes/all", Fixture, NULL,
              fixture_set_up, test_quotes_all, fixture_tear_down);
  g_test_add ("/core/export/quotes/scoped", Fixture, NULL,
              fixture_set_up, test_quotes_scoped, fixture_tear_down);
  g_test_add ("/core/export/quotes/unknown-code", Fixture, NULL,
              fixture_set_up, test_quotes_unknown_code, fixture_tear_down);
  g_test_add ("/core/export/quotes/control-characters", Fixture, NULL,
              fixture_set_up, test_quotes_control_characters, fixture_tear_down);
  g_test_add ("/core/export/write-file", Fixture, NULL,
              fixture_set_up, test_write_file, fixture_tear_down);

  return g_test_run ();
}
