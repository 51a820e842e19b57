/* test-quote-lists.c: the quote lists' bugs, each pinned down
 *
 * - a span coded by two coders is one quote naming both (XML, and once in
 *   HTML, Markdown, DOCX and ODT, where {coder} cites both);
 * - codes without quotes get no heading unless asked;
 * - an inline quote that starts with “ gets no second pair of marks;
 * - a project without codings gives an empty list, not a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "cb-core.h"
#include "cb-export-xml.h"
#include "cb-quote-formats.h"
#include "cb-import-zip.h"

#define SHARED  "twee mensen zagen dit"
#define MARKED  "“Dat mag niet,” zei ze toen."
#define PLAIN   "gewone woorden hier"
#define TEXT \
  "Interviewer: Wat gebeurde er?\n\n" \
  "Respondent: Eerst " SHARED " gebeuren. Daarna " MARKED " En " PLAIN ".\n"

typedef struct
{
  char      *dir;
  CbProject *project;
} Fixture;

static gint64
offset_of (const char *needle)
{
  const char *found = strstr (TEXT, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (TEXT, found);
}

static void
apply_as (Fixture    *fixture,
          const char *coder,
          const char *code,
          const char *quote)
{
  g_autoptr(GError) error = NULL;
  gint64 start = offset_of (quote);

  cb_project_set_coder (fixture->project, coder);
  g_assert_cmpint (cb_project_apply (fixture->project, "Gesprek", code, start,
                                     start + g_utf8_strlen (quote, -1), NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_setenv ("SOURCE_DATE_EPOCH", "1710412200", TRUE);
  fixture->dir = g_dir_make_tmp ("codeboom-test-quote-lists-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "lists.codeboom", NULL);
  fixture->project = cb_project_create (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 4; i++)
    {
      static const char * const codes[] = { "Thema / Gedeeld", "Thema / Citaat", "Thema / Leeg kind", "Leeg" };

      g_assert_cmpint (cb_project_add_code (fixture->project, codes[i], NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  if (user_data != NULL)
    return;   /* codes, no documents, no codings */

  g_assert_cmpint (cb_project_add_document (fixture->project, "Gesprek", TEXT, "gesprek.txt", NULL, &error), >, 0);
  g_assert_no_error (error);
  apply_as (fixture, "ann", "Thema / Gedeeld", SHARED);
  apply_as (fixture, "bob", "Thema / Gedeeld", SHARED);
  apply_as (fixture, "bob", "Thema / Citaat", SHARED);
  apply_as (fixture, "ann", "Thema / Citaat", MARKED);
  apply_as (fixture, "ann", "Thema / Citaat", PLAIN);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *path = g_strdup (cb_project_get_path (fixture->project));
  g_autofree char *out = g_build_filename (fixture->dir, "out.md", NULL);

  g_clear_object (&fixture->project);
  g_unlink (path);
  g_unlink (out);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

/* Parses @bytes and validates them against the quotes schema. */
static xmlDoc *
validate (GBytes *bytes)
{
  g_autofree char *xsd = g_test_build_filename (G_TEST_DIST, "..", "data", "xml", "codeboom-quotes-1.xsd", NULL);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt (xsd);
  xmlSchemaPtr schema = xmlSchemaParse (parser);
  xmlSchemaValidCtxtPtr validator;
  xmlDoc *doc;

  g_assert_nonnull (schema);
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                       "quotes.xml", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  validator = xmlSchemaNewValidCtxt (schema);
  g_assert_cmpint (xmlSchemaValidateDoc (validator, doc), ==, 0);
  xmlSchemaFreeValidCtxt (validator);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
  return doc;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static char *
as_string (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The main part of a DOCX or ODT. */
static char *
member (GBytes     *archive,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("list", g_bytes_get_data (archive, NULL),
                                            g_bytes_get_size (archive), NULL, &error);
  g_autoptr(GBytes) part = NULL;

  g_assert_no_error (error);
  part = cb_zip_read_member (zip, name, &error);
  g_assert_no_error (error);
  return as_string (part);
}

static void
test_two_coders_one_quote (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cb_export_quotes (fixture->project, NULL, FALSE, &error);
  g_autofree char *text = NULL;
  xmlDoc *doc;

  g_assert_no_error (error);
  doc = validate (xml);
  xmlFreeDoc (doc);
  text = as_string (xml);

  /* one quote for the span: both coders, three code-refs (each saying whose) */
  g_assert_cmpuint (count (text, "<quote "), ==, 3);
  g_assert_cmpuint (count (text, "<text>" SHARED "</text>"), ==, 1);
  g_assert_nonnull (strstr (text, "coder=\"ann, bob\""));
  g_assert_cmpuint (count (text, "coder=\"ann\"/>"), ==, 1);
  g_assert_cmpuint (count (text, "coder=\"bob\"/>"), ==, 2);
  /* a code counts a quote once, however many coders gave it */
  g_assert_nonnull (strstr (text, "path=\"Thema / Gedeeld\" name=\"Gedeeld\" depth=\"1\" level=\"2\" quotes=\"1\""));
  g_assert_nonnull (strstr (text, "path=\"Thema / Citaat\" name=\"Citaat\" depth=\"1\" level=\"2\" quotes=\"3\""));
  g_assert_nonnull (strstr (text, "name=\"Gesprek\" source-name=\"gesprek.txt\" chars=\""));
  g_assert_nonnull (strstr (text, "quotes=\"3\"/>"));

  /* every format shows it once under each of its codes, citing both coders */
  for (CbQuoteFormat format = CB_QUOTE_FORMAT_HTML; format <= CB_QUOTE_FORMAT_ODT; format++)
    {
      g_autoptr(GBytes) list = cb_quote_list_render (xml, format, "[{coder}]", 0, &error);
      g_autofree char *body = NULL;

      g_assert_no_error (error);
      if (format == CB_QUOTE_FORMAT_DOCX)
        body = member (list, "word/document.xml");
      else if (format == CB_QUOTE_FORMAT_ODT)
        body = member (list, "content.xml");
      else
        body = as_string (list);
      /* under Gedeeld and under Citaat: twice, not four times */
      g_assert_cmpuint (count (body, SHARED), ==, 2);
      g_assert_cmpuint (count (body, "ann, bob"), ==, 2);
    }
}

static void
test_empty_codes (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cb_export_quotes (fixture->project, NULL, FALSE, &error);
  g_autoptr(GBytes) all = NULL;
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GBytes) md_all = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_all = NULL;
  g_autofree char *list = NULL;
  g_autofree char *list_all = NULL;

  g_assert_no_error (error);
  text = as_string (xml);
  /* the parent of codes with quotes keeps its heading; empty codes go */
  g_assert_nonnull (strstr (text, "path=\"Thema\""));
  g_assert_null (strstr (text, "Leeg"));
  md = cb_quote_list_render (xml, CB_QUOTE_FORMAT_MARKDOWN, NULL, 40, &error);
  g_assert_no_error (error);
  list = as_string (md);
  g_assert_true (g_str_has_prefix (list, "# Thema\n\n## Gedeeld\n\n"));
  g_assert_null (strstr (list, "Leeg"));

  /* asked for, they are there */
  all = cb_export_quotes_full (fixture->project, NULL, CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  xmlFreeDoc (validate (all));
  text_all = as_string (all);
  g_assert_nonnull (strstr (text_all, "path=\"Thema / Leeg kind\" name=\"Leeg kind\" depth=\"1\" level=\"2\" quotes=\"0\""));
  g_assert_nonnull (strstr (text_all, "path=\"Leeg\" name=\"Leeg\" depth=\"0\" level=\"1\" quotes=\"0\""));
  md_all = cb_quote_list_render (all, CB_QUOTE_FORMAT_MARKDOWN, NULL, 40, &error);
  g_assert_no_error (error);
  list_all = as_string (md_all);
  g_assert_nonnull (strstr (list_all, "\n## Leeg kind\n"));
  g_assert_nonnull (strstr (list_all, "\n# Leeg\n"));
}

static void
test_inline_marks (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cb_export_quotes (fixture->project, "Thema / Citaat", TRUE, &error);

  g_assert_no_error (error);
  for (CbQuoteFormat format = CB_QUOTE_FORMAT_HTML; format <= CB_QUOTE_FORMAT_ODT; format++)
    {
      g_autoptr(GBytes) list = cb_quote_list_render (xml, format, "", 40, &error);
      g_autofree char *body = NULL;

      g_assert_no_error (error);
      if (format == CB_QUOTE_FORMAT_DOCX)
        body = member (list, "word/document.xml");
      else if (format == CB_QUOTE_FORMAT_ODT)
        body = member (list, "content.xml");
      else
        body = as_string (list);
      /* its own marks only; the others between a pair */
      g_assert_nonnull (strstr (body, MARKED));
      g_assert_null (strstr (body, "“" MARKED));
      g_assert_null (strstr (body, "““"));
      g_assert_nonnull (strstr (body, "“" PLAIN "”"));
      g_assert_nonnull (strstr (body, "“" SHARED "”"));
    }
}

/* A project with codes but no codings (and one with nothing at all): an
 * empty list in every format, written to a file without a crash. */
static void
test_no_codings (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cb_export_quotes (fixture->project, NULL, FALSE, &error);
  g_autofree char *text = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "out.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *written = NULL;
  gsize length = 1;

  g_assert_no_error (error);
  xmlFreeDoc (validate (xml));
  text = as_string (xml);
  g_assert_nonnull (strstr (text, "<codes/>"));
  g_assert_nonnull (strstr (text, "<documents/>"));
  g_assert_null (strstr (text, "<quote "));

  for (CbQuoteFormat format = CB_QUOTE_FORMAT_XML; format <= CB_QUOTE_FORMAT_ODT; format++)
    {
      g_autoptr(GBytes) list = cb_quote_list_render (xml, format, NULL, 40, &error);

      g_assert_no_error (error);
      g_assert_nonnull (list);
      if (format == CB_QUOTE_FORMAT_MARKDOWN)
        {
          g_assert_cmpuint (g_bytes_get_size (list), ==, 0);
          /* empty bytes made the file writer crash */
          g_assert_true (cb_export_write_file (list, file, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (out, &written, &length, &error));
          g_assert_cmpuint (length, ==, 0);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/quote-lists/two-coders-one-quote", Fixture, NULL, fixture_set_up,
              test_two_coders_one_quote, fixture_tear_down);
  g_test_add ("/quote-lists/empty-codes", Fixture, NULL, fixture_set_up, test_empty_codes, fixture_tear_down);
  g_test_add ("/quote-lists/inline-marks", Fixture, NULL, fixture_set_up, test_inline_marks, fixture_tear_down);
  g_test_add ("/quote-lists/no-codings", Fixture, "no codings", fixture_set_up,
              test_no_codings, fixture_tear_down);

  return g_test_run ();
}
