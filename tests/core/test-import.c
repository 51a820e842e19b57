/* test-import.c: every importer on real files, good and bad
 *
 * The fixtures are in tests/data/import/ (make-fixtures.py writes the
 * generated ones and their *.expected texts, which are written by hand).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"
#include "cb-import-paragraphs.h"
#include "cb-import-zip.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static GBytes *
load_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (data, length);
}

static CbImportedText *
import_fixture (const char             *name,
                const CbImportOptions  *options,
                GError                **error)
{
  g_autoptr(GBytes) bytes = load_fixture (name);

  return cb_import_bytes (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          options, error);
}

static CbImportedText *
import_ok (const char *name)
{
  g_autoptr(GError) error = NULL;
  CbImportedText *imported = import_fixture (name, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (imported);
  g_assert_true (cb_text_is_normalized (imported->text, imported->length));
  g_assert_cmpuint (strlen (imported->text), ==, imported->length);

  return imported;
}

/* The non-empty lines of @text, joined by "\n". */
static char *
non_empty_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      {
        g_string_append (out, lines[i]);
        g_string_append_c (out, '\n');
      }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---------------------------------------------------------------- interview-ma07 */

static void
test_ma07_same_lines (void)
{
  static const char * const formats[] = { "docx", "odt", "rtf" };
  g_autoptr(CbImportedText) txt = import_ok ("interview-ma07.txt");
  g_autofree char *expected = non_empty_lines (txt->text);

  g_assert_cmpstr (txt->format, ==, "txt");
  g_assert_cmpuint (strlen (expected), >, 8000);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("interview-ma07.%s", formats[i]);
      g_autoptr(CbImportedText) other = import_ok (name);
      g_autofree char *lines = non_empty_lines (other->text);

      g_test_message ("%s", name);
      g_assert_cmpstr (other->format, ==, formats[i]);
      g_assert_cmpstr (lines, ==, expected);
      /* The layout rule: paragraphs separated by exactly one empty line. */
      g_assert_null (strstr (other->text, "\n\n\n"));
      g_assert_true (g_str_has_suffix (other->text, "Graag gedaan.\n"));
      g_assert_cmpuint (other->warnings->len, ==, 0);
    }
}

/* ---------------------------------------------------------------- every construct */

static void
test_features (gconstpointer data)
{
  const char *name = data;
  g_autofree char *expected_name = g_strconcat (name, ".expected", NULL);
  g_autoptr(GBytes) expected = load_fixture (expected_name);
  g_autoptr(CbImportedText) imported = import_ok (name);
  g_autofree char *expected_text = g_strndup (g_bytes_get_data (expected, NULL),
                                              g_bytes_get_size (expected));

  g_assert_cmpstr (imported->text, ==, expected_text);
}

static void
test_pdf_not_dehyphenated (void)
{
  g_autoptr(CbImportedText) imported = import_ok ("text.pdf");

  g_assert_cmpstr (imported->format, ==, "pdf");
  g_assert_nonnull (strstr (imported->text, "zware admini-\nstratieve last"));
  g_assert_null (strstr (imported->text, "administratieve last"));
  /* Text blocks are paragraphs; the second page starts a new one. */
  g_assert_nonnull (strstr (imported->text, "jullie?\n\nR: Dat is"));
  g_assert_true (g_str_has_suffix (imported->text, "Dank je.\n\nR: Graag gedaan.\n"));
}

static void
test_html_windows_1252 (void)
{
  g_autoptr(CbImportedText) imported = import_ok ("windows-1252.htm");

  g_assert_cmpstr (imported->format, ==, "html");
  g_assert_cmpstr (imported->text, ==, "Caf\xc3\xa9 \xe2\x80\x9cquoted\xe2\x80\x9d\n");
}

static void
test_markdown_is_text (void)
{
  g_autoptr(CbImportedText) md = import_ok ("mag-session-2-fr.md");
  g_autoptr(CbImportedText) txt = import_ok ("mag-session-2-fr.txt");

  g_assert_cmpstr (md->format, ==, "md");
  g_assert_cmpstr (md->text, ==, txt->text);
}

/* ---------------------------------------------------------------- plain text encodings */

static void
test_utf16 (void)
{
  static const struct
  {
    const char *name;
    gboolean    has_bom;
    const char *override;
  } cases[] = {
    { "interview-ma07-utf16le-bom.txt", TRUE, NULL },
    { "interview-ma07-utf16be-bom.txt", TRUE, NULL },
    { "interview-ma07-utf16le.txt", FALSE, NULL },
    { "interview-ma07-utf16be.txt", FALSE, NULL },
    { "interview-ma07-utf16le.txt", FALSE, "UTF-16LE" },
    { "interview-ma07-utf16be.txt", FALSE, "UTF-16BE" },
  };
  g_autoptr(CbImportedText) reference = import_ok ("interview-ma07.txt");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CbImportOptions options = { cases[i].override };
      g_autoptr(GError) error = NULL;
      g_autoptr(CbImportedText) imported = import_fixture (cases[i].name, &options, &error);
      g_autofree char *upper = NULL;

      g_test_message ("%s (encoding %s)", cases[i].name, cases[i].override);
      g_assert_no_error (error);
      g_assert_cmpstr (imported->text, ==, reference->text);
      g_assert_nonnull (imported->encoding);
      upper = g_ascii_strup (imported->encoding, -1);
      g_assert_nonnull (strstr (upper, "UTF-16"));
      /* A BOM or the user's word is certain; only the NUL pattern is a guess. */
      if (cases[i].has_bom || cases[i].override != NULL)
        g_assert_false (imported->encoding_guessed);
    }
}

static void
test_windows_1252_crlf (void)
{
  CbImportOptions forced = { "windows-1252" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportedText) guessed = import_ok ("interview-hma02-cp1252-crlf.txt");
  g_autoptr(CbImportedText) told = import_fixture ("interview-hma02-cp1252-crlf.txt", &forced, &error);

  g_assert_no_error (error);
  g_assert_true (guessed->encoding_guessed);
  g_assert_nonnull (guessed->encoding);
  g_assert_null (strchr (guessed->text, '\r'));
  g_assert_nonnull (strstr (guessed->text, "v\xc3\xb3\xc3\xb3r en na 2014"));
  g_assert_nonnull (strstr (guessed->text, "effici\xc3\xabnt"));
  g_assert_false (told->encoding_guessed);
  g_assert_cmpstr (told->text, ==, guessed->text);
}

/* ---------------------------------------------------------------- bad input */

typedef struct
{
  const char *name;
  int         code;
  const char *says;       /* part of the message */
} BadCase;

static const BadCase bad_cases[] = {
  { "empty.docx", CB_IMPORT_ERROR_EMPTY, "empty" },
  { "empty.odt", CB_IMPORT_ERROR_EMPTY, "empty" },
  { "empty.rtf", CB_IMPORT_ERROR_EMPTY, "empty" },
  { "empty.pdf", CB_IMPORT_ERROR_EMPTY, "empty" },
  { "empty.html", CB_IMPORT_ERROR_EMPTY, "empty" },
  { "empty.txt", CB_IMPORT_ERROR_EMPTY, "empty" },
  { "truncated.docx", CB_IMPORT_ERROR_CORRUPT, "truncated" },
  { "crc.docx", CB_IMPORT_ERROR_CORRUPT, "damaged" },
  { "not-a-zip.odt", CB_IMPORT_ERROR_CORRUPT, "not a zip archive" },
  { "odt-as.docx", CB_IMPORT_ERROR_CORRUPT, "OpenDocument file, not a Word document" },
  { "docx-as.odt", CB_IMPORT_ERROR_CORRUPT, "Word document, not an OpenDocument file" },
  { "legacy.docx", CB_IMPORT_ERROR_CORRUPT, ".doc" },
  { "encrypted.docx", CB_IMPORT_ERROR_ENCRYPTED, "password-protected" },
  { "encrypted-zip.docx", CB_IMPORT_ERROR_ENCRYPTED, "password-protected" },
  { "encrypted.odt", CB_IMPORT_ERROR_ENCRYPTED, "password-protected" },
  { "encrypted.pdf", CB_IMPORT_ERROR_ENCRYPTED, "password-protected" },
  { "dtd.docx", CB_IMPORT_ERROR_UNSAFE, "DTD" },
  { "xxe.docx", CB_IMPORT_ERROR_UNSAFE, "DTD" },
  { "bomb.docx", CB_IMPORT_ERROR_TOO_LARGE, "zip bomb" },
  { "huge.docx", CB_IMPORT_ERROR_TOO_LARGE, "safety limit" },
  { "no-text.pdf", CB_IMPORT_ERROR_NO_TEXT, "no text layer; run OCR" },
  { "not-a.pdf", CB_IMPORT_ERROR_CORRUPT, "not a PDF file" },
  { "truncated.pdf", CB_IMPORT_ERROR_CORRUPT, "damaged PDF" },
  { "deep.rtf", CB_IMPORT_ERROR_CORRUPT, "nest" },
  { "not-rtf.rtf", CB_IMPORT_ERROR_CORRUPT, "not an RTF file" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportedText) imported = import_fixture (bad->name, NULL, &error);

  g_assert_null (imported);
  g_assert_error (error, CB_IMPORT_ERROR, bad->code);
  g_test_message ("%s: %s", bad->name, error->message);
  g_assert_nonnull (strstr (error->message, bad->name));
  g_assert_nonnull (strstr (error->message, bad->says));
}

/* Through the project: the error names the file and the project is as it was. */
static void
test_bad_input_leaves_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bad.codeboom", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *undo = NULL;

  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *file_path = fixture_path (bad_cases[i].name);
      g_autofree char *good = fixture_path ("interview-ma07.txt");
      GFile *files[2];
      g_autoptr(GError) local_error = NULL;

      /* A good file with a bad one: all or nothing. */
      files[0] = g_file_new_for_path (good);
      files[1] = g_file_new_for_path (file_path);
      g_assert_false (cb_project_import_files (project, files, 2, NULL, NULL, NULL, &local_error));
      g_assert_nonnull (local_error);
      g_assert_nonnull (strstr (local_error->message, bad_cases[i].name));
      g_object_unref (files[0]);
      g_object_unref (files[1]);
    }

  documents = cb_project_list_documents (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 0);
  undo = cb_project_dup_undo_label (project);
  g_assert_null (undo);

  g_clear_object (&project);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);
}

/* Every prefix of a good archive or RTF file is refused or imported, never a crash. */
static void
test_truncations (void)
{
  static const char * const names[] = { "features.docx", "features.odt", "features.rtf", "text.pdf" };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      g_autoptr(GBytes) bytes = load_fixture (names[n]);
      gsize size = g_bytes_get_size (bytes);

      for (gsize length = 1; length < size; length += 7)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(CbImportedText) imported = NULL;
          guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), length);

          imported = cb_import_bytes (names[n], copy, length, NULL, &error);
          g_assert_true ((imported == NULL) != (error == NULL));
          if (error != NULL)
            g_assert_true (error->domain == CB_IMPORT_ERROR);
          g_free (copy);
        }
    }
}

/* Flipped bytes in RTF: the parser is bounded whatever it reads. */
static void
test_rtf_mutations (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("features.rtf");
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240314);
  static const char alphabet[] = "{}\\'*u-0123456789abcdefx ;\n";

  for (guint round = 0; round < 3000; round++)
    {
      gsize size = g_bytes_get_size (bytes);
      guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
      g_autoptr(GError) error = NULL;
      g_autoptr(CbImportedText) imported = NULL;

      for (guint k = 0; k < 4; k++)
        copy[g_rand_int_range (rand, 0, (gint32) size)] =
          alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

      imported = cb_import_bytes ("mutated.rtf", copy, size, NULL, &error);
      g_assert_true ((imported == NULL) != (error == NULL));
      if (imported != NULL)
        g_assert_true (g_utf8_validate (imported->text, -1, NULL));
      g_free (copy);
    }
}

/* ---------------------------------------------------------------- RTF details */

typedef struct
{
  const char *rtf;
  const char *text;
} RtfCase;

static const RtfCase rtf_cases[] = {
  /* the document's code page */
  { "{\\rtf1\\ansi\\ansicpg1251 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2}", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82\n" },
  { "{\\rtf1\\mac caf\\'8e}", "caf\xc3\xa9\n" },
  { "{\\rtf1\\ansi\\ansicpg932 \\'93\\'fa\\'96\\'7b}", "\xe6\x97\xa5\xe6\x9c\xac\n" },
  /* \uN and its fallback: a group end stops the skipping */
  { "{\\rtf1 {\\uc3 a\\u233}b}", "a\xc3\xa9" "b\n" },
  { "{\\rtf1 \\uc1\\u233\\'e9\\u-3\\'3f!}", "\xc3\xa9\xef\xbf\xbd!\n" },
  /* a lone surrogate half becomes U+FFFD */
  { "{\\rtf1 x\\u-10179?y}", "x\xef\xbf\xbdy\n" },
  /* \u0 is nothing, a huge parameter is ignored (its fallback still skipped) */
  { "{\\rtf1 a\\u0?b\\u99999999999999999?c}", "abc\n" },
  /* \binN never reads past the end */
  { "{\\rtf1 a{\\pict\\bin99999 xyz}}", "a\n" },
  /* a control word longer than the specification allows is ignored */
  { "{\\rtf1 a\\abcdefghijklmnopqrstuvwxyzabcdefghij b}", "ab\n" },
  /* a backslash-quote at the very end */
  { "{\\rtf1 a\\'4", "a\n" },
  { "{\\rtf1 a\\", "a\n" },
  /* literal 8-bit bytes follow the code page too */
  { "{\\rtf1\\ansi caf\xe9}", "caf\xc3\xa9\n" },
  /* \par and \line, empty paragraphs */
  { "{\\rtf1 a\\par\\par\\par b\\line\\line c\\par}", "a\n\nb\nc\n" },
  /* a backslash before a newline is \par */
  { "{\\rtf1 a\\\nb}", "a\n\nb\n" },
  /* escaped braces and backslashes */
  { "{\\rtf1 \\{x\\}\\\\}", "{x}\\\n" },
  /* the font's charset wins over the document's code page */
  { "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 A;}{\\f1\\fcharset161 G;}}\\f1 \\'e1\\f0 \\'e1}", "\xce\xb1\xc3\xa1\n" },
  /* \upr keeps the Unicode version only */
  { "{\\rtf1 {\\upr{ANSI}{\\*\\ud{\\u233?}}}}", "\xc3\xa9\n" },
};

static void
test_rtf_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rtf_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CbImportedText) imported = NULL;
      g_autofree char *escaped = g_strescape (rtf_cases[i].rtf, NULL);

      g_test_message ("%s", escaped);
      imported = cb_import_bytes ("case.rtf", (const guint8 *) rtf_cases[i].rtf,
                                  strlen (rtf_cases[i].rtf), NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (imported->text, ==, rtf_cases[i].text);
    }
}

static void
test_rtf_warnings (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbImportedText) truncated = NULL;
  g_autoptr(CbImportedText) unknown = NULL;
  static const char truncated_rtf[] = "{\\rtf1 abc\\par {\\b def";
  static const char unknown_rtf[] = "{\\rtf1\\ansi\\ansicpg4242 caf\\'e9}";

  truncated = cb_import_bytes ("t.rtf", (const guint8 *) truncated_rtf, strlen (truncated_rtf), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (truncated->text, ==, "abc\n\ndef\n");
  g_assert_cmpuint (truncated->warnings->len, ==, 1);
  g_assert_nonnull (strstr (truncated->warnings->pdata[0], "truncated"));

  unknown = cb_import_bytes ("u.rtf", (const guint8 *) unknown_rtf, strlen (unknown_rtf), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unknown->text, ==, "caf\xc3\xa9\n");
  g_assert_cmpuint (unknown->warnings->len, ==, 1);
  g_assert_nonnull (strstr (unknown->warnings->pdata[0], "4242"));
}

/* ---------------------------------------------------------------- the zip and XML helper */

static void
test_zip_limits (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("features.docx");
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  gsize size = g_bytes_get_size (bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbZip) zip = NULL;
  g_autoptr(GBytes) member = NULL;
  CbZipLimits limits;

  /* Default limits: everything reads, NUL-terminated, at its real size. */
  zip = cb_zip_open_bytes ("features.docx", data, size, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cb_zip_get_n_members (zip), ==, 7);
  g_assert_cmpstr (cb_zip_get_member_name (zip, 0), ==, "[Content_Types].xml");
  g_assert_true (cb_zip_has_member (zip, "word/document.xml"));
  g_assert_false (cb_zip_has_member (zip, "word/missing.xml"));
  member = cb_zip_read_member (zip, "word/document.xml", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (member, NULL), "<?xml"));
  g_assert_cmpint (((const char *) g_bytes_get_data (member, NULL))[g_bytes_get_size (member)], ==, 0);
  g_clear_pointer (&member, g_bytes_unref);
  g_assert_null (cb_zip_read_member (zip, "word/missing.xml", &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT);
  g_clear_error (&error);
  g_clear_pointer (&zip, cb_zip_free);

  /* Too many members */
  limits = cb_zip_default_limits;
  limits.max_members = 6;
  g_assert_null (cb_zip_open_bytes ("features.docx", data, size, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* A member over the size limit */
  limits = cb_zip_default_limits;
  limits.max_member_size = 100;
  zip = cb_zip_open_bytes ("features.docx", data, size, &limits, &error);
  g_assert_no_error (error);
  g_assert_null (cb_zip_read_member (zip, "word/document.xml", &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "word/document.xml"));
  g_clear_error (&error);
  g_clear_pointer (&zip, cb_zip_free);

  /* The whole archive's budget */
  limits = cb_zip_default_limits;
  limits.max_total_size = 2000;
  zip = cb_zip_open_bytes ("features.docx", data, size, &limits, &error);
  g_assert_no_error (error);
  member = cb_zip_read_member (zip, "_rels/.rels", &error);
  g_assert_no_error (error);
  g_clear_pointer (&member, g_bytes_unref);
  g_assert_null (cb_zip_read_member (zip, "word/document.xml", &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_clear_pointer (&zip, cb_zip_free);

  /* A compression ratio over the limit */
  limits = cb_zip_default_limits;
  limits.ratio_min_size = 0;
  limits.max_ratio = 1;
  zip = cb_zip_open_bytes ("features.docx", data, size, &limits, &error);
  g_assert_no_error (error);
  g_assert_null (cb_zip_read_member (zip, "word/document.xml", &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
  g_clear_error (&error);
}

static void
test_zip_member_names (void)
{
  g_assert_true (cb_zip_member_name_is_safe ("word/document.xml"));
  g_assert_true (cb_zip_member_name_is_safe ("sources/a..b.txt"));
  g_assert_true (cb_zip_member_name_is_safe ("..hidden"));
  g_assert_false (cb_zip_member_name_is_safe (""));
  g_assert_false (cb_zip_member_name_is_safe ("/etc/passwd"));
  g_assert_false (cb_zip_member_name_is_safe ("../evil"));
  g_assert_false (cb_zip_member_name_is_safe ("sources/../../evil"));
  g_assert_false (cb_zip_member_name_is_safe ("sources/.."));
  g_assert_false (cb_zip_member_name_is_safe ("C:evil"));
  g_assert_false (cb_zip_member_name_is_safe ("sources\\evil"));
  g_assert_false (cb_zip_member_name_is_safe ("bad\nname"));
}

static void
test_xml_safe (void)
{
  static const char good[] = "<?xml version=\"1.0\"?><a xmlns:x=\"urn:x\"><x:b x:c=\"d\">t&amp;t</x:b></a>";
  static const char dtd[] = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e \"boom\">]><a>&e;</a>";
  static const char external[] = "<?xml version=\"1.0\"?><!DOCTYPE a SYSTEM \"http://example.invalid/a.dtd\"><a/>";
  static const char undeclared[] = "<?xml version=\"1.0\"?><a>&e;</a>";
  static const char broken[] = "<?xml version=\"1.0\"?><a><b></a>";
  g_autoptr(GError) error = NULL;
  xmlDoc *doc;
  xmlNode *b;
  g_autofree char *value = NULL;

  doc = cb_xml_parse_safe ("good.xml", NULL, good, strlen (good), &error);
  g_assert_no_error (error);
  b = xmlDocGetRootElement (doc)->children;
  g_assert_true (cb_xml_is (b, "urn:x", "b"));
  g_assert_false (cb_xml_is (b, NULL, "b"));
  value = cb_xml_dup_prop (b, "urn:x", "c");
  g_assert_cmpstr (value, ==, "d");
  xmlFreeDoc (doc);

  g_assert_null (cb_xml_parse_safe ("dtd.xml", "member.xml", dtd, strlen (dtd), &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "member.xml"));
  g_clear_error (&error);

  g_assert_null (cb_xml_parse_safe ("external.xml", NULL, external, strlen (external), &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE);
  g_clear_error (&error);

  g_assert_null (cb_xml_parse_safe ("undeclared.xml", NULL, undeclared, strlen (undeclared), &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_null (cb_xml_parse_safe ("broken.xml", NULL, broken, strlen (broken), &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "well-formed"));
  g_clear_error (&error);

  g_assert_cmpint (cb_xml_parse_options () & XML_PARSE_NOENT, ==, 0);
  g_assert_cmpint (cb_xml_parse_options () & XML_PARSE_DTDLOAD, ==, 0);
  g_assert_cmpint (cb_xml_parse_options () & XML_PARSE_NONET, ==, XML_PARSE_NONET);
}

/* ---------------------------------------------------------------- the layout rule */

static void
test_paragraph_layout (void)
{
  CbParagraphs paragraphs;
  g_autofree char *text = NULL;
  gsize length = 0;

  cb_paragraphs_init (&paragraphs);
  /* leading blanks dropped, C0/C1 controls are spaces, U+2028 breaks the
   * line, U+2029 ends the paragraph, other characters pass as they are */
  cb_paragraphs_append (&paragraphs, "  \t caf\xc3\xa9 \xf0\x9f\x98\x80\x01x\xc2\x85y\xc2\xa0z", -1);
  cb_paragraphs_append (&paragraphs, "\xe2\x80\xa8  tweede\xe2\x80\x94regel  \xe2\x80\xa9" "derde", -1);
  cb_paragraphs_line_break (&paragraphs);
  cb_paragraphs_line_break (&paragraphs);
  cb_paragraphs_end (&paragraphs);
  cb_paragraphs_end (&paragraphs);
  cb_paragraphs_append (&paragraphs, "a", -1);
  cb_paragraphs_cell (&paragraphs);
  cb_paragraphs_append_collapsed (&paragraphs, "  b \n\t c ");
  cb_paragraphs_space (&paragraphs);
  cb_paragraphs_tab (&paragraphs);
  text = cb_paragraphs_finish (&paragraphs, &length);

  g_assert_cmpstr (text, ==,
                   "caf\xc3\xa9 \xf0\x9f\x98\x80 x y\xc2\xa0z\n"
                   "tweede\xe2\x80\x94regel\n\n"
                   "derde\n\n"
                   "a\tb c\n");
  g_assert_cmpuint (length, ==, strlen (text));
}

/* ---------------------------------------------------------------- extensions */

static void
test_supports (void)
{
  static const char * const supported[] = {
    "a.txt", "a.md", "a.docx", "A.DOCX", "a.odt", "a.rtf", "a.pdf", "a.html", "a.htm",
  };

  for (guint i = 0; i < G_N_ELEMENTS (supported); i++)
    g_assert_true (cb_import_supports (supported[i]));
  g_assert_false (cb_import_supports ("a.doc"));
  g_assert_false (cb_import_supports ("a.xlsx"));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const features[] = {
    "features.docx", "features.odt", "features.rtf", "features.html", "text.pdf",
  };

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/ma07/same-lines", test_ma07_same_lines);
  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/features/%s", features[i]);

      g_test_add_data_func (path, features[i], test_features);
    }
  g_test_add_func ("/import/pdf/not-dehyphenated", test_pdf_not_dehyphenated);
  g_test_add_func ("/import/html/windows-1252", test_html_windows_1252);
  g_test_add_func ("/import/md/is-text", test_markdown_is_text);
  g_test_add_func ("/import/txt/utf16", test_utf16);
  g_test_add_func ("/import/txt/windows-1252-crlf", test_windows_1252_crlf);
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/import/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/import/bad/leaves-project-unchanged", test_bad_input_leaves_project);
  g_test_add_func ("/import/robust/truncations", test_truncations);
  g_test_add_func ("/import/robust/rtf-mutations", test_rtf_mutations);
  g_test_add_func ("/import/rtf/cases", test_rtf_cases);
  g_test_add_func ("/import/rtf/warnings", test_rtf_warnings);
  g_test_add_func ("/import/zip/limits", test_zip_limits);
  g_test_add_func ("/import/zip/member-names", test_zip_member_names);
  g_test_add_func ("/import/xml/safe", test_xml_safe);
  g_test_add_func ("/import/paragraph-layout", test_paragraph_layout);
  g_test_add_func ("/import/supports", test_supports);

  return g_test_run ();
}
