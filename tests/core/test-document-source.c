/* test-document-source.c: what the project can tell about a document's
 * source (format, encoding) and how its paragraphs are numbered
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"

static void
test_paragraph_numbers (void)
{
  /* A title, a blank line, two paragraphs, a line of spaces (no-break
   * included), one more, and no final line break. */
  static const char text[] = "Titel\n\nÉén\nTwee\n  \xc2\xa0\t\nDrie";
  g_autoptr(CbParagraphIndex) index = cb_paragraph_index_new (text, strlen (text));
  gint64 start, end;

  g_assert_cmpuint (cb_paragraph_index_get_n (index), ==, 4);
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 0), ==, 1);
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 4), ==, 1);
  /* the line break after "Titel" and the blank line: the next paragraph */
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 5), ==, 2);
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 6), ==, 2);
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 7), ==, 2);   /* "É" */
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 11), ==, 3);  /* "Twee" */
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 16), ==, 4);  /* the spaces */
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 21), ==, 4);  /* "Drie" */
  g_assert_cmpuint (cb_paragraph_index_number_at (index, 25), ==, 0);  /* the end */

  g_assert_true (cb_paragraph_index_get_span (index, 2, &start, &end));
  g_assert_cmpint (start, ==, 7);
  g_assert_cmpint (end, ==, 10);
  g_assert_true (cb_paragraph_index_get_span (index, 4, &start, &end));
  g_assert_cmpint (start, ==, 21);
  g_assert_cmpint (end, ==, 25);
  g_assert_false (cb_paragraph_index_get_span (index, 0, NULL, NULL));
  g_assert_false (cb_paragraph_index_get_span (index, 5, NULL, NULL));

  {
    g_autoptr(CbParagraphIndex) empty = cb_paragraph_index_new ("", 0);

    g_assert_cmpuint (cb_paragraph_index_get_n (empty), ==, 0);
    g_assert_cmpuint (cb_paragraph_index_number_at (empty, 0), ==, 0);
  }
}

/* The index in bytes numbers every place as the index in code points
 * numbers the same place (blank lines, Unicode spaces, accents, emoji). */
static void
test_paragraph_numbers_in_bytes (void)
{
  static const char *pieces[] = { "woord", " ", "\n", "\n\n", "\xc2\xa0", "\xe2\x80\x83", "één", "🙂", "\t", "e\xcc\x81" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);

  for (guint k = 0; k < 200; k++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(CbParagraphIndex) chars = NULL;
      g_autoptr(CbParagraphIndex) bytes = NULL;
      guint n = g_rand_int_range (rand, 0, 80);
      gint64 n_chars;

      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      chars = cb_paragraph_index_new (text->str, text->len);
      bytes = cb_paragraph_index_new_bytes (text->str, text->len);
      g_assert_cmpuint (cb_paragraph_index_get_n (bytes), ==, cb_paragraph_index_get_n (chars));
      n_chars = g_utf8_strlen (text->str, text->len);
      for (gint64 c = 0; c <= n_chars; c++)
        {
          gsize byte = g_utf8_offset_to_pointer (text->str, c) - text->str;

          g_assert_cmpuint (cb_paragraph_index_number_at (bytes, byte), ==,
                            cb_paragraph_index_number_at (chars, c));
        }
    }
}

static void
test_format_names (void)
{
  static const struct { const char *name; const char *format; } cases[] = {
    { "interview-ma07.docx", "DOCX" },
    { "Interview.TXT", "TXT" },
    { "notes.text", "TXT" },
    { "notes.md", "Markdown" },
    { "page.htm", "HTML" },
    { "scan.pdf", "PDF" },
    { "data.qdx", "QDX" },
    { "README", NULL },
    { ".hidden", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *format = cb_document_format_from_source_name (cases[i].name);

      g_assert_cmpstr (format, ==, cases[i].format);
    }
  g_assert_null (cb_document_format_from_source_name (NULL));
}

static gint64
import (CbProject             *project,
        const char            *name,
        const CbImportOptions *options)
{
  g_autofree char *path = g_build_filename (g_getenv ("CODEBOOM_SOURCE_ROOT"), "data", "demo", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = cb_project_import_file (project, file, NULL, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_encodings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-source-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  CbImportOptions dos = { "IBM850" };
  g_autofree char *encoding = NULL;
  gboolean guessed = TRUE;
  gint64 utf8, cp1252, forced, added;

  g_assert_no_error (error);
  utf8 = import (project, "interview-ma07.txt", NULL);
  cp1252 = import (project, "interview-hma02-cp1252-crlf.txt", NULL);
  added = cb_project_add_document (project, "Pasted", "Tekst", NULL, NULL, &error);
  g_assert_no_error (error);

  /* Valid UTF-8 is read as such, not guessed. */
  g_assert_true (cb_project_get_document_encoding (project, utf8, &encoding, &guessed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "UTF-8");
  g_assert_false (guessed);
  g_clear_pointer (&encoding, g_free);

  /* The windows-1252 file was guessed, as the import said. */
  g_assert_true (cb_project_get_document_encoding (project, cp1252, &encoding, &guessed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "windows-1252");
  g_assert_true (guessed);
  g_clear_pointer (&encoding, g_free);

  /* Read as IBM850 by the user's choice: detection does not give
   * that text again, so the encoding is not known, rather than wrong. */
  {
    g_autofree char *src = g_build_filename (g_getenv ("CODEBOOM_SOURCE_ROOT"), "data", "demo",
                                             "interview-hma02-cp1252-crlf.txt", NULL);
    g_autofree char *copy = g_build_filename (dir, "hma02-dos.txt", NULL);
    g_autofree char *contents = NULL;
    g_autoptr(GFile) file = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (src, &contents, &length, NULL));
    /* ë is 0xEB in windows-1252 and Ù in IBM850 */
    g_assert_nonnull (memchr (contents, 0xEB, length));
    g_assert_true (g_file_set_contents (copy, contents, length, NULL));
    file = g_file_new_for_path (copy);
    forced = cb_project_import_file (project, file, NULL, &dos, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (cb_project_get_document_encoding (project, forced, &encoding, &guessed, &error));
  g_assert_no_error (error);
  g_assert_null (encoding);

  /* Added as text, with no source file: nothing to tell. */
  g_assert_true (cb_project_get_document_encoding (project, added, &encoding, &guessed, &error));
  g_assert_no_error (error);
  g_assert_null (encoding);

  g_assert_false (cb_project_get_document_encoding (project, 9999, &encoding, &guessed, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_object (&project);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

/* The quote export cites the paragraph the app's margin numbers: one
 * coding inside paragraph 5, one starting in the blank line before
 * paragraph 7 (the next one counts). */
static void
test_quote_paragraphs (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-source-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(CbParagraphIndex) paragraphs = NULL;
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) markdown = NULL;
  g_autofree char *text = NULL;
  g_autofree char *xml_text = NULL;
  g_autofree char *markdown_text = NULL;
  gint64 id, start5, end5, start7, end7;
  gsize length;

  g_assert_no_error (error);
  id = import (project, "interview-ma07.txt", NULL);
  text = cb_project_dup_document_text (project, id, &length, &error);
  g_assert_no_error (error);
  paragraphs = cb_paragraph_index_new (text, length);
  g_assert_true (cb_paragraph_index_get_span (paragraphs, 5, &start5, &end5));
  g_assert_true (cb_paragraph_index_get_span (paragraphs, 7, &start7, &end7));
  g_assert_cmpint (cb_project_apply_creating (project, "interview-ma07", "A", start5 + 3, end5 - 2,
                                              NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_apply_creating (project, "interview-ma07", "B", start7 - 1, start7 + 10,
                                              NULL, &error), >, 0);
  g_assert_no_error (error);

  xml = cb_export_quotes (project, NULL, FALSE, &error);
  g_assert_no_error (error);
  xml_text = g_strndup (g_bytes_get_data (xml, NULL), g_bytes_get_size (xml));
  g_assert_nonnull (strstr (xml_text, " paragraph=\"5\""));
  g_assert_nonnull (strstr (xml_text, " paragraph=\"7\""));

  markdown = cb_quote_list_render (xml, CB_QUOTE_FORMAT_MARKDOWN, "({document}, ¶ {paragraph})", 40, &error);
  g_assert_no_error (error);
  markdown_text = g_strndup (g_bytes_get_data (markdown, NULL), g_bytes_get_size (markdown));
  g_assert_nonnull (strstr (markdown_text, "(interview-ma07, ¶ 5)"));
  g_assert_nonnull (strstr (markdown_text, "(interview-ma07, ¶ 7)"));

  g_clear_object (&project);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/document-source/paragraph-numbers", test_paragraph_numbers);
  g_test_add_func ("/core/document-source/paragraph-numbers-in-bytes", test_paragraph_numbers_in_bytes);
  g_test_add_func ("/core/document-source/format-names", test_format_names);
  g_test_add_func ("/core/document-source/encodings", test_encodings);
  g_test_add_func ("/core/document-source/quote-paragraphs", test_quote_paragraphs);
  return g_test_run ();
}
