/* test-quote-formats.c: quote lists in HTML, Markdown, DOCX and ODT
 *
 * Citation templates with their fallbacks, then a project with an emoji, a
 * French elision, curly quotes, speakers with timestamps and a long quote,
 * rendered in every format: each must hold every quote exactly and its
 * citation; DOCX and ODT must be zips with the parts Word and LibreOffice
 * read, whose XML is well-formed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <string.h>

#include "cb-core.h"
#include "cb-export-xml.h"
#include "cb-import-zip.h"
#include "cb-quote-formats.h"

/* A timestamped transcript: the turn recogniser gives each paragraph its
 * speaker and timestamp. */
#define TRANSCRIPT \
  "[00:01:05] Interviewer: Qu’est-ce qui vous pèse le plus ?\n\n" \
  "[00:01:12] Nadia: “L’administration, c’est kafkaïen” 😩, vraiment.\n\n" \
  "[00:02:40] Nadia: On remplit un formulaire, puis un autre formulaire, puis on nous demande " \
  "de recommencer parce que le premier a expiré entre-temps et personne ne sait " \
  "pourquoi ni comment on pourrait faire autrement dans ce système.\n"

#define SHORT_QUOTE "“L’administration, c’est kafkaïen” 😩"
#define LONG_QUOTE \
  "On remplit un formulaire, puis un autre formulaire, puis on nous demande " \
  "de recommencer parce que le premier a expiré entre-temps et personne ne sait " \
  "pourquoi ni comment on pourrait faire autrement dans ce système."

static const char *
lookup_table (const char *field,
              gpointer    data)
{
  return g_hash_table_lookup (data, field);
}

static void
test_citation (void)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
  struct { const char *template; const char *expected; } cases[] = {
    { NULL, "(Interview 3, 00:01:12)" },
    { "{document}", "Interview 3" },
    { "({document}, {speaker}, {attribute:Age})", "(Interview 3, Nadia)" },
    { "({attribute:Age}, {document})", "(Interview 3)" },
    { "{{{document}}}", "{Interview 3}" },
    { "no fields", "no fields" },
    { "({attribute:Age})", "" },
    { "— {speaker} ({document}, {timestamp})", "— Nadia (Interview 3, 00:01:12)" },
  };

  g_hash_table_insert (fields, "document", "Interview 3");
  g_hash_table_insert (fields, "speaker", "Nadia");
  g_hash_table_insert (fields, "timestamp", "00:01:12");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *citation = cb_quote_format_citation (cases[i].template, lookup_table, fields);

      g_assert_cmpstr (citation, ==, cases[i].expected);
    }

  /* without a timestamp the default falls back to the document alone */
  g_hash_table_remove (fields, "timestamp");
  {
    g_autofree char *citation = cb_quote_format_citation (NULL, lookup_table, fields);

    g_assert_cmpstr (citation, ==, "(Interview 3)");
  }
}

static void
test_format_from_filename (void)
{
  CbQuoteFormat format;

  g_assert_true (cb_quote_format_from_filename ("a/b.HTML", &format));
  g_assert_cmpint (format, ==, CB_QUOTE_FORMAT_HTML);
  g_assert_true (cb_quote_format_from_filename ("q.md", &format));
  g_assert_cmpint (format, ==, CB_QUOTE_FORMAT_MARKDOWN);
  g_assert_true (cb_quote_format_from_filename ("q.docx", &format));
  g_assert_cmpint (format, ==, CB_QUOTE_FORMAT_DOCX);
  g_assert_true (cb_quote_format_from_filename ("q.odt", &format));
  g_assert_cmpint (format, ==, CB_QUOTE_FORMAT_ODT);
  g_assert_true (cb_quote_format_from_filename ("q.xml", &format));
  g_assert_cmpint (format, ==, CB_QUOTE_FORMAT_XML);
  g_assert_false (cb_quote_format_from_filename ("q.pdf", &format));
  g_assert_false (cb_quote_format_from_filename ("noextension", &format));
}

typedef struct
{
  char      *dir;
  CbProject *project;
  GBytes    *quotes;
} Fixture;

static void
apply_quote (CbProject  *project,
             const char *path,
             const char *quote)
{
  g_autoptr(GError) error = NULL;
  const char *found = strstr (TRANSCRIPT, quote);
  gint64 start;

  g_assert_nonnull (found);
  start = g_utf8_pointer_to_offset (TRANSCRIPT, found);
  g_assert_cmpint (cb_project_apply (project, "Entretien 2", path, start,
                                     start + g_utf8_strlen (quote, -1), NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("cb-test-quotes-XXXXXX", &error);
  path = g_build_filename (fixture->dir, "q.codeboom", NULL);
  fixture->project = cb_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (fixture->project, "Entretien 2", TRANSCRIPT, "e2.txt", NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (fixture->project, "Bureaucratie", NULL, "Règles & formulaires <vécus>", &error), >, 0);
  g_assert_cmpint (cb_project_add_code (fixture->project, "Bureaucratie / Formulaires", "#aa0000", NULL, &error), >, 0);
  g_assert_no_error (error);
  apply_quote (fixture->project, "Bureaucratie", SHORT_QUOTE);
  apply_quote (fixture->project, "Bureaucratie / Formulaires", LONG_QUOTE);
  fixture->quotes = cb_export_quotes (fixture->project, NULL, FALSE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "q.codeboom", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_pointer (&fixture->quotes, g_bytes_unref);
  g_clear_object (&fixture->project);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
render (Fixture       *fixture,
        CbQuoteFormat  format,
        const char    *template)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cb_quote_list_render (fixture->quotes, format, template, 20, &error);

  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The XML part @member of a zip, checked to be well-formed. */
static char *
zip_part (GBytes     *zip_bytes,
          const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("out", g_bytes_get_data (zip_bytes, NULL),
                                           g_bytes_get_size (zip_bytes), NULL, &error);
  g_autoptr(GBytes) part = NULL;
  xmlDocPtr doc;

  g_assert_no_error (error);
  part = cb_zip_read_member (zip, member, &error);
  g_assert_no_error (error);
  if (g_str_has_suffix (member, ".xml") || g_str_has_suffix (member, ".rels"))
    {
      doc = xmlReadMemory (g_bytes_get_data (part, NULL), g_bytes_get_size (part), member, NULL, XML_PARSE_NONET);
      g_assert_nonnull (doc);
      xmlFreeDoc (doc);
    }
  return g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
}

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *html = render (fixture, CB_QUOTE_FORMAT_HTML, NULL);
  const char *first = strstr (html, "<h1>Bureaucratie</h1>");

  g_assert_nonnull (first);
  g_assert_nonnull (strstr (html, "<h2>Formulaires</h2>"));
  g_assert_nonnull (strstr (html, "Règles &amp; formulaires &lt;vécus&gt;"));
  /* short: inline, emoji and elision intact; it starts with a quotation
   * mark of its own, so no second pair is put around it */
  g_assert_nonnull (strstr (html, "<p class=\"quote\">" SHORT_QUOTE " "));
  g_assert_null (strstr (html, "““"));
  /* long: a block quote */
  g_assert_nonnull (strstr (html, "<blockquote><p>" LONG_QUOTE "</p>"));
  g_assert_nonnull (strstr (html, "(Entretien 2, 00:01:12)"));
  g_assert_nonnull (strstr (html, "(Entretien 2, 00:02:40)"));
  /* headings come before their quotes, in tree order */
  g_assert_true (strstr (html, SHORT_QUOTE) < strstr (html, "<h2>Formulaires</h2>"));
  g_assert_true (strstr (html, "<h2>Formulaires</h2>") < strstr (html, LONG_QUOTE));
}

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *md = render (fixture, CB_QUOTE_FORMAT_MARKDOWN, "({speaker}, {document}, {timestamp}) [{code}]");

  g_assert_true (g_str_has_prefix (md, "# Bureaucratie\n\n"));
  g_assert_nonnull (strstr (md, "\n## Formulaires\n\n"));
  g_assert_nonnull (strstr (md, "*Règles & formulaires \\<vécus\\>*"));
  /* starting with its own quotation mark, it gets no second pair */
  g_assert_nonnull (strstr (md, "\n" SHORT_QUOTE " (Nadia, Entretien 2, 00:01:12) \\[Bureaucratie\\]"));
  g_assert_nonnull (strstr (md, "> " LONG_QUOTE "\n>\n> (Nadia, Entretien 2, 00:02:40) \\[Formulaires\\]"));
}

static void
test_docx (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = cb_quote_list_render (fixture->quotes, CB_QUOTE_FORMAT_DOCX, NULL, 20, &error);
  g_autofree char *types = NULL;
  g_autofree char *rels = NULL;
  g_autofree char *document = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *document_rels = NULL;

  g_assert_no_error (error);
  types = zip_part (docx, "[Content_Types].xml");
  rels = zip_part (docx, "_rels/.rels");
  document = zip_part (docx, "word/document.xml");
  styles = zip_part (docx, "word/styles.xml");
  document_rels = zip_part (docx, "word/_rels/document.xml.rels");
  g_assert_nonnull (strstr (types, "wordprocessingml.document.main+xml"));
  g_assert_nonnull (strstr (rels, "word/document.xml"));
  g_assert_nonnull (strstr (styles, "w:styleId=\"Heading1\""));
  g_assert_nonnull (strstr (document, "<w:pStyle w:val=\"Heading1\"/>"));
  g_assert_nonnull (strstr (document, ">Bureaucratie<"));
  g_assert_nonnull (strstr (document, ">" SHORT_QUOTE "<"));
  g_assert_null (strstr (document, "““"));
  g_assert_nonnull (strstr (document, "<w:pStyle w:val=\"Quote\"/>"));
  g_assert_nonnull (strstr (document, LONG_QUOTE));
  g_assert_nonnull (strstr (document, "(Entretien 2, 00:02:40)"));
}

static void
test_odt (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) odt = cb_quote_list_render (fixture->quotes, CB_QUOTE_FORMAT_ODT, NULL, 20, &error);
  g_autofree char *mimetype = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *content = NULL;
  const char *data_bytes;

  g_assert_no_error (error);
  /* the mimetype comes first, stored, at offset 38 of the file */
  data_bytes = g_bytes_get_data (odt, NULL);
  g_assert_cmpmem (data_bytes + 30, 8, "mimetype", 8);
  g_assert_cmpmem (data_bytes + 38, 39, "application/vnd.oasis.opendocument.text", 39);
  mimetype = zip_part (odt, "mimetype");
  manifest = zip_part (odt, "META-INF/manifest.xml");
  content = zip_part (odt, "content.xml");
  g_assert_nonnull (strstr (manifest, "content.xml"));
  g_assert_nonnull (strstr (content, "<text:h text:outline-level=\"1\">Bureaucratie</text:h>"));
  g_assert_nonnull (strstr (content, "<text:h text:outline-level=\"2\">Formulaires</text:h>"));
  g_assert_nonnull (strstr (content, ">" SHORT_QUOTE " ("));
  g_assert_null (strstr (content, "““"));
  g_assert_nonnull (strstr (content, "text:style-name=\"BlockQuote\">" LONG_QUOTE));
  g_assert_nonnull (strstr (content, "(Entretien 2, 00:01:12)"));
}

/* The fields the dialogs list are the ones the renderer knows; anything
 * else is refused by the check and by the renderer alike. */
static void
test_template_check (Fixture       *fixture,
                     gconstpointer  data)
{
  const char * const *fields = cb_quote_template_fields ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (g_strv_contains (fields, "document"));
  g_assert_true (g_strv_contains (fields, "attribute:"));
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *template = g_strdup_printf ("({%s%s})", fields[i],
                                                   g_str_has_suffix (fields[i], ":") ? "Age" : "");

      g_assert_true (cb_quote_template_check (template, &error));
      g_assert_no_error (error);
    }
  g_assert_true (cb_quote_template_check (NULL, &error));
  g_assert_true (cb_quote_template_check ("{{literal}} { document }", &error));
  g_assert_no_error (error);

  g_assert_false (cb_quote_template_check ("({document}, {documnet})", &error));
  g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "{documnet}"));
  g_assert_nonnull (strstr (error->message, "{attribute:NAME}"));
  g_clear_error (&error);
  g_assert_false (cb_quote_template_check ("{attribute:}", &error));
  g_clear_error (&error);

  bytes = cb_quote_list_render (fixture->quotes, CB_QUOTE_FORMAT_HTML, "{page}", 20, &error);
  g_assert_null (bytes);
  g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "{page}"));
}

/* The preview cites the first quote exactly as the quote list does. */
static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *citation = NULL;
  g_autoptr(GBytes) empty = NULL;
  gboolean block = TRUE;

  g_assert_true (cb_quote_list_preview (fixture->quotes, "[{code}] {speaker}", 20,
                                        &text, &citation, &block, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, SHORT_QUOTE);
  g_assert_cmpstr (citation, ==, "[Bureaucratie] Nadia");
  g_assert_false (block);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&citation, g_free);

  /* one word allowed: the first quote becomes a block quote */
  g_assert_true (cb_quote_list_preview (fixture->quotes, NULL, 1, &text, &citation, &block, &error));
  g_assert_cmpstr (citation, ==, "(Entretien 2, 00:01:12)");
  g_assert_true (block);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&citation, g_free);

  g_assert_false (cb_quote_list_preview (fixture->quotes, "{nope}", 20, &text, &citation, NULL, &error));
  g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED);
  g_assert_null (text);
  g_clear_error (&error);

  /* the preview's sample: the first document with a quote in scope, alone */
  {
    g_autoptr(GBytes) all = NULL;
    g_autoptr(GBytes) sample = NULL;
    g_autofree char *all_text = NULL;
    g_autofree char *sample_text = NULL;
    gint64 start = g_utf8_pointer_to_offset (TRANSCRIPT, strstr (TRANSCRIPT, SHORT_QUOTE));

    g_assert_cmpint (cb_project_add_document (fixture->project, "Entretien 3", TRANSCRIPT, "e3.txt", NULL, &error), >, 0);
    g_assert_cmpint (cb_project_apply (fixture->project, "Entretien 3", "Bureaucratie", start,
                                       start + g_utf8_strlen (SHORT_QUOTE, -1), NULL, &error), >, 0);
    g_assert_no_error (error);
    all = cb_export_quotes_full (fixture->project, "Bureaucratie", CB_EXPORT_QUOTES_NONE, &error);
    sample = cb_export_quotes_full (fixture->project, "Bureaucratie", CB_EXPORT_QUOTES_FIRST_DOCUMENT, &error);
    g_assert_no_error (error);
    all_text = g_strndup (g_bytes_get_data (all, NULL), g_bytes_get_size (all));
    sample_text = g_strndup (g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
    g_assert_nonnull (strstr (all_text, "document=\"Entretien 3\""));
    g_assert_null (strstr (sample_text, "Entretien 3"));
    g_assert_nonnull (strstr (sample_text, "document=\"Entretien 2\""));
    g_assert_nonnull (strstr (sample_text, LONG_QUOTE));
    g_assert_true (cb_quote_list_preview (sample, NULL, 20, &text, &citation, NULL, &error));
    g_assert_cmpstr (text, ==, SHORT_QUOTE);
    g_assert_cmpstr (citation, ==, "(Entretien 2, 00:01:12)");
    g_clear_pointer (&text, g_free);
    g_clear_pointer (&citation, g_free);
  }

  /* a code without quotes: no quote, no error */
  g_assert_cmpint (cb_project_add_code (fixture->project, "Leeg", NULL, NULL, &error), >, 0);
  empty = cb_export_quotes_full (fixture->project, "Leeg", CB_EXPORT_QUOTES_WITH_EMPTY_CODES, &error);
  g_assert_no_error (error);
  g_assert_true (cb_quote_list_preview (empty, NULL, 20, &text, &citation, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (text);
  g_assert_null (citation);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quote-formats/citation", test_citation);
  g_test_add_func ("/quote-formats/format-from-filename", test_format_from_filename);
  g_test_add ("/quote-formats/html", Fixture, NULL, fixture_set_up, test_html, fixture_tear_down);
  g_test_add ("/quote-formats/markdown", Fixture, NULL, fixture_set_up, test_markdown, fixture_tear_down);
  g_test_add ("/quote-formats/docx", Fixture, NULL, fixture_set_up, test_docx, fixture_tear_down);
  g_test_add ("/quote-formats/odt", Fixture, NULL, fixture_set_up, test_odt, fixture_tear_down);
  g_test_add ("/quote-formats/template-check", Fixture, NULL, fixture_set_up, test_template_check, fixture_tear_down);
  g_test_add ("/quote-formats/preview", Fixture, NULL, fixture_set_up, test_preview, fixture_tear_down);

  return g_test_run ();
}
