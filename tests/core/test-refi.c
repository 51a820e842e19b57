/* test-refi.c: REFI-QDA export (.qdpx) and import (.qdpx, .qdc)
 *
 * A project built from the real corpus plus a text with an emoji, with
 * codes (colours, definitions, memos), codings of two coders and memos
 * everywhere, is exported, validated against Project-mrt2019.xsd, and
 * imported into a new project, which must hold exactly the same documents,
 * codes, codings and memos (uuids included); also with NVivo offsets.
 * Then one fixture per leniency case and per hostile case
 * (tests/data/exchange/, built by make-fixtures.py).
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
#include "cb-import-zip.h"
#include "cb-refi-export.h"
#include "cb-refi-import.h"
#include "cb-refi-names.h"

#define EMOJI_TEXT \
  "I: Hoe was het? 😀 Goed.\n" \
  "R: “C’est kafkaïen”, zegt ze. De papierwinkel is eindeloos.\n"

typedef struct
{
  char      *dir;
  CbProject *project;
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

static gint64
char_offset_of (const char *text,
                const char *needle)
{
  const char *found = strstr (text, needle);

  g_assert_nonnull (found);
  return g_utf8_pointer_to_offset (text, found);
}

static void
apply_quote (CbProject  *project,
             const char *document,
             const char *path,
             const char *text,
             const char *quote)
{
  g_autoptr(GError) error = NULL;
  gint64 start = char_offset_of (text, quote);

  g_assert_cmpint (cb_project_apply (project, document, path, start,
                                     start + g_utf8_strlen (quote, -1), NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *interview = data_path ("corpus", "interview-ma07.txt", NULL);
  g_autofree char *codebook = data_path ("corpus", "codebook-redtape.tsv", NULL);
  g_autoptr(GFile) interview_file = g_file_new_for_path (interview);
  g_autoptr(GFile) codebook_file = g_file_new_for_path (codebook);
  g_autofree char *ma07 = NULL;
  gint64 id;

  fixture->dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "source.codeboom", NULL);
  fixture->project = cb_project_create (path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (fixture->project, "anna");

  id = cb_project_import_file (fixture->project, interview_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ma07 = cb_project_dup_document_text (fixture->project, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cb_project_import_codebook_tsv (fixture->project, codebook_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (fixture->project, "Emoji & co", EMOJI_TEXT, "emoji.txt",
                                            NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_code (fixture->project, "Red Tape / Papier <&> \"x\"", "#12ab34",
                                        "Two\nlines", &error), >, 0);
  g_assert_no_error (error);

  apply_quote (fixture->project, "interview-ma07", "Generalistisch werken / 1 cliënt = 1 MA",
               ma07, "maatschappelijk assistent");
  apply_quote (fixture->project, "interview-ma07", "Generalistisch werken", ma07, "maatschappelijk assistent");
  apply_quote (fixture->project, "Emoji & co", "Red Tape / Papier <&> \"x\"", EMOJI_TEXT,
               "De papierwinkel is eindeloos");
  apply_quote (fixture->project, "Emoji & co", "Red Tape", EMOJI_TEXT,
               "“C’est kafkaïen”");
  cb_project_set_coder (fixture->project, "bob");
  apply_quote (fixture->project, "Emoji & co", "Red Tape", EMOJI_TEXT, "Goed.");
  apply_quote (fixture->project, "Emoji & co", "Red Tape / Papier <&> \"x\"", EMOJI_TEXT,
               "“C’est kafkaïen”");

  g_assert_true (cb_project_set_memo (fixture->project, "Project memo\nwith two lines", &error));
  g_assert_true (cb_project_set_document_memo (fixture->project, "Emoji & co", "Document memo 😀", &error));
  g_assert_true (cb_project_set_code_memo (fixture->project, "Red Tape", "Code memo", &error));
  {
    g_autoptr(GPtrArray) segments = cb_project_retrieve (fixture->project, "Red Tape", FALSE, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (segments->len, >, 0);
    g_assert_true (cb_project_set_coding_memo (fixture->project,
                                               ((CbSegment *) segments->pdata[0])->coding_id,
                                               "Coding memo", &error));
  }
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  g_clear_object (&fixture->project);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A text dump of everything an exchange must carry, one line per entity,
 * sorted, so that two projects can be compared whole. */
static char *
dump_project (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) documents = cb_project_list_documents (project, &error);
  g_autoptr(GPtrArray) codes = cb_project_list_codes (project, &error);
  g_autoptr(GPtrArray) coders = cb_project_list_coders (project, &error);
  g_autofree char *memo = cb_project_dup_memo (project);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  g_ptr_array_add (lines, g_strdup_printf ("project memo=%s", memo));
  for (guint i = 0; i < coders->len; i++)
    {
      CbCoderInfo *coder = coders->pdata[i];

      g_ptr_array_add (lines, g_strdup_printf ("coder %s %s", coder->uuid, coder->name));
    }
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = documents->pdata[i];
      g_autofree char *text = cb_project_dup_document_text (project, document->id, NULL, &error);
      g_autoptr(GPtrArray) codings = cb_project_list_document_codings (project, document->id, &error);

      g_assert_no_error (error);
      g_ptr_array_add (lines, g_strdup_printf ("document %s %s chars=%" G_GINT64_FORMAT
                                               " memo=%s imported=%s text=%s",
                                               document->uuid, document->name, document->n_chars,
                                               document->memo, document->imported, text));
      for (guint j = 0; j < codings->len; j++)
        {
          CbSegment *coding = codings->pdata[j];

          g_ptr_array_add (lines, g_strdup_printf ("coding %s %s %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT
                                                   " coder=%s created=%s memo=%s",
                                                   coding->uuid, document->name, coding->code_path,
                                                   coding->start, coding->end, coding->coder,
                                                   coding->created, coding->memo));
        }
    }
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      g_ptr_array_add (lines, g_strdup_printf ("code %s %s position=%" G_GINT64_FORMAT
                                               " color=%s description=%s memo=%s",
                                               code->uuid, code->path, code->position,
                                               code->color != NULL ? code->color : "none",
                                               code->description, code->memo));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) lines->pdata[i]);
  return g_string_free (out, FALSE);
}

static void
validate (GBytes     *xml,
          const char *schema_name)
{
  g_autofree char *schema_path = data_path ("refi-qda", schema_name, NULL);
  xmlSchemaParserCtxtPtr parser = xmlSchemaNewParserCtxt (schema_path);
  xmlSchemaPtr schema = xmlSchemaParse (parser);
  xmlSchemaValidCtxtPtr valid = xmlSchemaNewValidCtxt (schema);
  gsize size;
  const char *data = g_bytes_get_data (xml, &size);
  xmlDocPtr doc = xmlReadMemory (data, size, "project.qde", NULL, XML_PARSE_NONET);

  g_assert_nonnull (schema);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlSchemaValidateDoc (valid, doc), ==, 0);
  xmlFreeDoc (doc);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
}

static GBytes *
read_member (GBytes     *zip_bytes,
             const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("export.qdpx", g_bytes_get_data (zip_bytes, NULL),
                                           g_bytes_get_size (zip_bytes), NULL, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = cb_zip_read_member (zip, member, &error);
  g_assert_no_error (error);
  return bytes;
}

static void
round_trip (Fixture           *fixture,
            CbRefiExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) qdpx = cb_refi_export_project (fixture->project, flags, &error);
  g_autoptr(GBytes) qde = NULL;
  g_autoptr(CbProject) copy = NULL;
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "copy.codeboom", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) documents = NULL;

  g_assert_no_error (error);
  qde = read_member (qdpx, "project.qde");
  validate (qde, "Project-mrt2019.xsd");

  /* every text is in the archive as UTF-8 without BOM, byte for byte */
  documents = cb_project_list_documents (fixture->project, &error);
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = documents->pdata[i];
      g_autofree char *member = g_strdup_printf ("sources/%s.txt", document->uuid);
      g_autoptr(GBytes) stored = read_member (qdpx, member);
      gsize length;
      g_autofree char *text = cb_project_dup_document_text (fixture->project, document->id, &length, &error);

      g_assert_cmpmem (g_bytes_get_data (stored, NULL), g_bytes_get_size (stored), text, length);
    }

  copy = cb_refi_import_new_project (path, "export.qdpx", qdpx, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpuint (report->warnings->len, ==, 0);
  g_assert_cmpuint (report->n_documents, ==, 2);
  g_assert_cmpuint (report->n_codings, ==, 6);

  before = dump_project (fixture->project);
  after = dump_project (copy);
  if (flags & CB_REFI_EXPORT_ANONYMOUS)
    {
      /* coders keep their uuids, not their names */
      g_assert_null (strstr (after, "coder=anna"));
      g_assert_nonnull (strstr (after, "coder=user-"));
    }
  else
    {
      g_auto(GStrv) before_lines = g_strsplit (before, "\n", -1);
      g_auto(GStrv) after_lines = g_strsplit (after, "\n", -1);

      /* line by line, so that a failure shows what differs */
      for (guint i = 0; before_lines[i] != NULL || after_lines[i] != NULL; i++)
        {
          g_assert_nonnull (before_lines[i]);
          g_assert_nonnull (after_lines[i]);
          g_assert_cmpstr (after_lines[i], ==, before_lines[i]);
        }
    }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  round_trip (fixture, CB_REFI_EXPORT_NONE);
}

static void
test_round_trip_nvivo (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) qde = cb_refi_export_qde (fixture->project, CB_REFI_EXPORT_NVIVO_OFFSETS, &error);
  const char *xml;

  g_assert_no_error (error);
  xml = g_bytes_get_data (qde, NULL);
  /* "Goed." starts 18 code points (19 UTF-16 units) into the emoji text */
  g_assert_nonnull (strstr (xml, "name=\"Goed.\" startPosition=\"19\" endPosition=\"24\""));
  g_assert_null (strstr (xml, "name=\"Goed.\" startPosition=\"18\""));
  round_trip (fixture, CB_REFI_EXPORT_NVIVO_OFFSETS);
}

static void
test_anonymous (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) qde = cb_refi_export_qde (fixture->project, CB_REFI_EXPORT_ANONYMOUS, &error);
  g_autoptr(GBytes) named = cb_refi_export_qde (fixture->project, CB_REFI_EXPORT_NONE, &error);
  g_autofree char *xml = g_strndup (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde));
  g_autofree char *named_xml = g_strndup (g_bytes_get_data (named, NULL), g_bytes_get_size (named));

  g_assert_no_error (error);
  validate (qde, "Project-mrt2019.xsd");
  g_assert_null (strstr (xml, "anna"));
  g_assert_null (strstr (xml, "bob"));
  g_assert_null (strstr (xml, "basePath"));
  g_assert_nonnull (strstr (named_xml, "name=\"anna\""));
  g_assert_nonnull (strstr (named_xml, "basePath=\""));
  round_trip (fixture, CB_REFI_EXPORT_ANONYMOUS);
}

static void
test_reproducible (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = cb_refi_export_project (fixture->project, CB_REFI_EXPORT_NONE, &error);
  g_autoptr(GBytes) second = cb_refi_export_project (fixture->project, CB_REFI_EXPORT_NONE, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_codebook_import (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) qdc = cb_export_codebook (fixture->project, &error);
  g_autofree char *path = g_build_filename (fixture->dir, "codes.codeboom", NULL);
  g_autoptr(CbProject) other = cb_project_create (path, &error);
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) original = NULL;
  g_autofree char *label = NULL;

  g_assert_no_error (error);
  g_assert_true (cb_refi_import_codebook (other, "book.qdc", qdc, &report, &error));
  g_assert_no_error (error);
  original = cb_project_list_codes (fixture->project, &error);
  codes = cb_project_list_codes (other, &error);
  g_assert_cmpuint (codes->len, ==, original->len);
  g_assert_cmpuint (report->n_codes, ==, original->len);
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *a = original->pdata[i];
      CbCodeInfo *b = codes->pdata[i];

      g_assert_cmpstr (a->path, ==, b->path);
      g_assert_cmpstr (a->uuid, ==, b->uuid);
      g_assert_cmpstr (a->color, ==, b->color);
      g_assert_cmpstr (a->description, ==, b->description);
    }

  /* importing again adds nothing; importing into the project itself
   * neither (same paths) */
  g_clear_pointer (&report, cb_refi_import_report_free);
  g_assert_true (cb_refi_import_codebook (other, "book.qdc", qdc, &report, &error));
  g_assert_cmpuint (report->n_codes, ==, 0);

  /* one undoable action */
  label = cb_project_dup_undo_label (other);
  g_assert_nonnull (strstr (label, "book.qdc"));
}

/* Leniency: each fixture must give the document "Interview A" with two
 * codings, read back by their text. */
typedef struct
{
  const char *file;
  const char *code_papier;    /* the path "De papierwinkel is eindeloos" is coded with */
  const char *code_regels;    /* the path "Het formulier komt terug" is coded with */
  const char *warning;        /* a substring of a warning, or NULL for none */
} Lenient;

static const Lenient lenient_cases[] = {
  { "lenient-qde-name.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-ns-0-4-inline.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-bom-crlf.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-paths.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-utf16-named.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-utf16-unnamed.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-codepoints-unnamed.qdpx", "Regels / Papier", "Regels", NULL },
  { "lenient-atlas-flat.qdpx", "Regels / Formulieren", "Thema’s / Regels / Papier", NULL },
  { "lenient-unsupported.qdpx", "Regels / Papier", "Regels", "audio sources: 1, graphs: 1, links: 1, pictures: 1" },
};

static void
assert_coded (CbProject  *project,
              const char *path,
              const char *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = cb_project_retrieve (project, path, FALSE, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];

      if (segment->code_id > 0 && g_str_equal (segment->code_path, path)
          && g_str_equal (segment->text, quote))
        found = TRUE;
    }
  if (!found)
    g_error ("“%s” is not coded with “%s”", quote, path);
}

static void
test_lenient (gconstpointer data)
{
  const Lenient *lenient = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = data_path ("exchange", lenient->file, NULL);
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "imported.codeboom", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbDocumentInfo) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *text = NULL;

  project = cb_refi_import_new_project_from_file (path, file, &report, &error);
  g_assert_no_error (error);
  document = cb_project_get_document (project, "Interview A", &error);
  g_assert_no_error (error);
  text = cb_project_dup_document_text (project, document->id, NULL, &error);
  g_assert_null (strchr (text, '\r'));
  g_assert_false (g_str_has_prefix (text, "﻿"));
  assert_coded (project, lenient->code_papier, "De papierwinkel is eindeloos");
  assert_coded (project, lenient->code_regels, "Het formulier komt terug");
  if (lenient->warning != NULL)
    {
      gboolean warned = FALSE;

      for (guint i = 0; i < report->warnings->len; i++)
        if (strstr (report->warnings->pdata[i], lenient->warning) != NULL)
          warned = TRUE;
      g_assert_true (warned);
    }
  else
    g_assert_cmpuint (report->warnings->len, ==, 0);

  problems = cb_project_check (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);

  g_clear_object (&project);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_lenient_details (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "imported.codeboom", NULL);
  g_autofree char *fixture = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbCodeInfo) code = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) coders = NULL;

  /* GUIDs in braces and upper case become lower case uuids; #f00 is #FF0000 */
  fixture = data_path ("exchange", "lenient-qde-name.qdpx", NULL);
  file = g_file_new_for_path (fixture);
  project = cb_refi_import_new_project_from_file (path, file, NULL, &error);
  g_assert_no_error (error);
  code = cb_project_get_code (project, "Regels", &error);
  g_assert_cmpstr (code->uuid, ==, "11111111-2222-4333-8444-555555555555");
  g_assert_cmpstr (code->color, ==, "#FF0000");
  g_assert_cmpstr (code->description, ==, "Over regels");
  coders = cb_project_list_coders (project, &error);
  g_assert_cmpuint (coders->len, ==, 1);
  g_assert_cmpstr (((CbCoderInfo *) coders->pdata[0])->name, ==, "Tess");
  g_assert_cmpstr (((CbCoderInfo *) coders->pdata[0])->uuid, ==, "5a0d6a4e-8a55-4c2b-9d1e-0c6f1b2a3c4d");
  g_clear_object (&project);
  g_remove (path);
  g_clear_pointer (&code, cb_code_info_free);

  /* the same span once per code, and twice for one code: two codings */
  g_free (fixture);
  g_clear_object (&file);
  fixture = data_path ("exchange", "lenient-repeated-selections.qdpx", NULL);
  file = g_file_new_for_path (fixture);
  project = cb_refi_import_new_project_from_file (path, file, NULL, &error);
  g_assert_no_error (error);
  segments = cb_project_retrieve (project, "Regels", TRUE, &error);
  g_assert_cmpuint (segments->len, ==, 2);
  assert_coded (project, "Regels", "De papierwinkel is eindeloos");
  assert_coded (project, "Regels / Papier", "De papierwinkel is eindeloos");
  g_clear_object (&project);
  g_remove (path);

  /* flat names, no colours, a folder */
  g_free (fixture);
  g_clear_object (&file);
  fixture = data_path ("exchange", "lenient-atlas-flat.qdpx", NULL);
  file = g_file_new_for_path (fixture);
  project = cb_refi_import_new_project_from_file (path, file, NULL, &error);
  g_assert_no_error (error);
  code = cb_project_get_code (project, "Thema’s / Regels / Papier", &error);
  g_assert_no_error (error);
  g_assert_null (code->color);
  g_clear_object (&project);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_lenient_codebook (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autofree char *fixture = data_path ("exchange", "lenient-atlas.qdc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(CbCodeInfo) papier = NULL;
  g_autoptr(CbCodeInfo) formulieren = NULL;

  g_assert_true (cb_refi_import_codebook_from_file (project, file, NULL, &error));
  g_assert_no_error (error);
  papier = cb_project_get_code (project, "Regels / Papier", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (papier->uuid, ==, "11111111-2222-4333-8444-555555555555");
  g_assert_cmpstr (papier->color, ==, "#00AA00");
  formulieren = cb_project_get_code (project, "Regels / Formulieren", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (formulieren->description, ==, "Formulieren die terugkomen");
  g_clear_object (&project);
  g_remove (path);
  g_rmdir (dir);
}

/* Hostile: refused with a message naming the file and what was refused;
 * no project file left behind. */
typedef struct
{
  const char *file;
  int         code;
  const char *mentions;
} Hostile;

static const Hostile hostile_cases[] = {
  { "hostile-dotdot.qdpx", CB_IMPORT_ERROR_UNSAFE, "../../evil.txt" },
  { "hostile-absolute.qdpx", CB_IMPORT_ERROR_UNSAFE, "/tmp/codeboom-evil.txt" },
  { "hostile-bomb.qdpx", CB_IMPORT_ERROR_TOO_LARGE, "zip bomb" },
  { "hostile-entities.qdpx", CB_IMPORT_ERROR_UNSAFE, "DTD" },
  { "hostile-external.qdpx", CB_IMPORT_ERROR_UNSAFE, "DTD" },
  { "hostile-not-a-zip.qdpx", CB_IMPORT_ERROR_CORRUPT, "damaged" },
};

static void
test_hostile (gconstpointer data)
{
  const Hostile *hostile = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixture = data_path ("exchange", hostile->file, NULL);
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "imported.codeboom", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(CbProject) project = NULL;

  project = cb_refi_import_new_project_from_file (path, file, NULL, &error);
  g_assert_null (project);
  g_assert_error (error, CB_IMPORT_ERROR, hostile->code);
  g_assert_nonnull (strstr (error->message, hostile->file));
  g_assert_nonnull (strstr (error->message, hostile->mentions));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/tmp/codeboom-evil.txt", G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

static void
test_hostile_codebook (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autofree char *fixture = data_path ("exchange", "hostile-dtd.qdc", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_false (cb_refi_import_codebook_from_file (project, file, NULL, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE);
  g_assert_nonnull (strstr (error->message, "hostile-dtd.qdc"));
  g_clear_error (&error);
  codes = cb_project_list_codes (project, &error);
  g_assert_cmpuint (codes->len, ==, 0);
  g_clear_object (&project);
  g_remove (path);
  g_rmdir (dir);
}

/* Duplicate names among siblings: the tree is the one the reader built
 * when it compared each name with every sibling ("Name", "Name (2)", …,
 * the smallest number free, literal "Name (2)"s and ATLAS.ti's
 * "Parent::Child" included), now that it looks names up in a hash. */
static void
test_codebook_duplicate_siblings (void)
{
  static const char qdc[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes>"
    "<Code guid=\"00000001-0000-4000-8000-000000000000\" name=\"A\" isCodable=\"true\"/>"
    "<Code guid=\"00000002-0000-4000-8000-000000000000\" name=\"A\" isCodable=\"true\"/>"
    "<Code guid=\"00000003-0000-4000-8000-000000000000\" name=\"A (2)\" isCodable=\"true\"/>"
    "<Code guid=\"00000004-0000-4000-8000-000000000000\" name=\"A\" isCodable=\"true\"/>"
    "<Code guid=\"00000005-0000-4000-8000-000000000000\" name=\"A (3)\" isCodable=\"true\"/>"
    "<Code guid=\"00000006-0000-4000-8000-000000000000\" name=\"B\" isCodable=\"true\">"
    "<Code guid=\"00000007-0000-4000-8000-000000000000\" name=\"C\" isCodable=\"true\"/>"
    "<Code guid=\"00000008-0000-4000-8000-000000000000\" name=\" C \" isCodable=\"true\"/>"
    "</Code>"
    "<Code guid=\"00000009-0000-4000-8000-000000000000\" name=\"P::X\" isCodable=\"true\"/>"
    "<Code guid=\"0000000a-0000-4000-8000-000000000000\" name=\"P::X\" isCodable=\"true\"/>"
    "<Code guid=\"0000000b-0000-4000-8000-000000000000\" name=\"P\" isCodable=\"true\"/>"
    "<Code guid=\"0000000c-0000-4000-8000-000000000000\" name=\"A\" isCodable=\"true\"/>"
    "</Codes></CodeBook>\n";
  static const char * const expected[] = {
    "A", "A (2)", "A (2) (2)", "A (3)", "A (3) (2)", "B", "B / C", "B / C (2)",
    "P", "P / X", "P / X (2)", "P (2)", "A (4)",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autoptr(CbProject) project = cb_project_create (path, &error);
  g_autoptr(GBytes) bytes = g_bytes_new_static (qdc, sizeof qdc - 1);
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_warnings = 0;

  g_assert_true (cb_refi_import_codebook (project, "dup.qdc", bytes, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_codes, ==, G_N_ELEMENTS (expected));
  codes = cb_project_list_codes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, G_N_ELEMENTS (expected));
  /* each path there, at its place among its siblings */
  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (positions, ((CbCodeInfo *) codes->pdata[i])->path, codes->pdata[i]);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CbCodeInfo *code = g_hash_table_lookup (positions, expected[i]);

      if (code == NULL)
        g_error ("no code “%s”", expected[i]);
    }
  g_assert_cmpint (((CbCodeInfo *) g_hash_table_lookup (positions, "A (4)"))->position, ==, 8);
  g_assert_cmpint (((CbCodeInfo *) g_hash_table_lookup (positions, "P (2)"))->position, ==, 7);
  g_assert_cmpint (((CbCodeInfo *) g_hash_table_lookup (positions, "B / C (2)"))->position, ==, 1);
  g_assert_cmpstr (((CbCodeInfo *) g_hash_table_lookup (positions, "A (3)"))->uuid, ==,
                   "00000004-0000-4000-8000-000000000000");
  /* a warning for each renamed code */
  for (guint i = 0; i < report->warnings->len; i++)
    if (strstr (report->warnings->pdata[i], "same level") != NULL)
      n_warnings++;
  g_assert_cmpuint (n_warnings, ==, 8);
  g_clear_object (&project);
  g_remove (path);
  g_rmdir (dir);
}

/* Cases and variables as a careless or hostile writer may give them: a
 * nameless variable, a name with a filter's operators, GUIDs repeated, a
 * value of the wrong type, references to nothing, a blank case name, a
 * selection beyond the text.  All warned about, the rest imported, the
 * project sound. */
static void
test_lenient_cases (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autofree char *fixture = data_path ("exchange", "lenient-odd-cases.qde", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (fixture);
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GString) warnings = g_string_new (NULL);
  CbCaseInfo *zonder = NULL;

  project = cb_refi_import_new_project_from_file (path, file, &report, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  for (guint i = 0; i < report->warnings->len; i++)
    g_string_append_printf (warnings, "%s\n", (const char *) report->warnings->pdata[i]);
  g_assert_nonnull (strstr (warnings->str, "An attribute name cannot be empty"));
  g_assert_nonnull (strstr (warnings->str, "“maybe”"));
  g_assert_nonnull (strstr (warnings->str, "2 case values refer to a variable"));
  g_assert_null (strstr (warnings->str, "UNIQUE"));

  attributes = cb_project_list_attributes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attributes->len, ==, 3);
  g_assert_cmpstr (((CbAttributeInfo *) attributes->pdata[0])->name, ==, "a b c");
  g_assert_cmpint (((CbAttributeInfo *) attributes->pdata[0])->type, ==, CB_ATTRIBUTE_BOOLEAN);
  g_assert_cmpint (((CbAttributeInfo *) attributes->pdata[1])->type, ==, CB_ATTRIBUTE_NUMBER);
  g_assert_cmpint (((CbAttributeInfo *) attributes->pdata[2])->type, ==, CB_ATTRIBUTE_TEXT);
  /* the repeated GUID went to the first variable */
  g_assert_cmpstr (((CbAttributeInfo *) attributes->pdata[0])->uuid, ==, "00000002-1111-4000-8000-000000000000");
  g_assert_cmpstr (((CbAttributeInfo *) attributes->pdata[1])->uuid, !=, "00000002-1111-4000-8000-000000000000");

  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 3);
  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (((CbCaseInfo *) cases->pdata[i])->name, "Zonder guid"))
      zonder = cases->pdata[i];
  g_assert_nonnull (zonder);
  /* two <Case>s of one name are one case; its value from the second */
  g_assert_cmpstr (zonder->values[0], ==, "yes");
  /* the first source under the GUID, whole */
  g_assert_cmpint (zonder->n_documents, ==, 1);
  g_assert_cmpint (zonder->n_chars, ==, 26);
  g_assert_cmpstr (((CbCaseInfo *) cases->pdata[0])->name, ==, "00000001-2222-4000-8000-000000000000");

  problems = cb_project_check (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_object (&project);
  g_remove (path);
  g_rmdir (dir);
}

/* A .qdpx of @n sources written as a bare project.qde (inline texts), in
 * @dir; its path. */
static char *
write_many_sources (const char *dir,
                    guint       n)
{
  g_autoptr(GString) xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"Many\">"
                                         "<Sources>");
  g_autofree char *path = g_build_filename (dir, "many.qdpx", NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (xml, "<TextSource guid=\"%08x-0000-4000-8000-000000000000\" name=\"Doc %u\">"
                            "<PlainTextContent>I: Vraag %u?\nR: Antwoord %u.\n</PlainTextContent>"
                            "</TextSource>", i + 1, i + 1, i, i);
  g_string_append (xml, "</Sources></Project>\n");
  g_assert_true (g_file_set_contents (path, xml->str, xml->len, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

typedef struct
{
  GArray       *fractions;
  GPtrArray    *messages;
  GCancellable *cancel_at;     /* cancelled at the @stop_after-th report */
  guint         stop_after;
} Progress;

static void
on_progress (double      fraction,
             const char *message,
             gpointer    data)
{
  Progress *progress = data;

  g_array_append_val (progress->fractions, fraction);
  g_ptr_array_add (progress->messages, g_strdup (message));
  if (progress->cancel_at != NULL && progress->fractions->len == progress->stop_after)
    g_cancellable_cancel (progress->cancel_at);
}

/* Progress per source, rising to 1; a cancel stops the reader at the next
 * source and leaves nothing behind. */
static void
test_import_progress_cancel (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cb-test-refi-XXXXXX", NULL);
  g_autofree char *qdpx = write_many_sources (dir, 40);
  g_autofree char *path = g_build_filename (dir, "p.codeboom", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (qdpx);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GDir) listing = NULL;
  Progress progress = { g_array_new (FALSE, FALSE, sizeof (double)),
                        g_ptr_array_new_with_free_func (g_free), NULL, 0 };

  /* all of it: a report before the first pass, one per source, one at the end */
  project = cb_refi_import_new_project_from_file_full (path, file, on_progress, &progress, NULL,
                                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (project);
  g_assert_cmpuint (progress.fractions->len, ==, 42);
  for (guint i = 1; i < progress.fractions->len; i++)
    g_assert_cmpfloat (g_array_index (progress.fractions, double, i), >,
                       g_array_index (progress.fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 0), ==, 0.0);
  g_assert_cmpfloat (g_array_index (progress.fractions, double, 41), ==, 1.0);
  g_assert_nonnull (strstr (progress.messages->pdata[40], "Doc 40"));
  g_assert_nonnull (strstr (progress.messages->pdata[40], "40"));
  g_clear_object (&project);
  g_remove (path);

  /* cancelled at the fifth source's report: no further report, no file */
  g_array_set_size (progress.fractions, 0);
  g_ptr_array_set_size (progress.messages, 0);
  progress.cancel_at = cancellable;
  progress.stop_after = 6;
  project = cb_refi_import_new_project_from_file_full (path, file, on_progress, &progress,
                                                       cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (project);
  g_assert_cmpuint (progress.fractions->len, ==, 6);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* nor a scratch folder: the directory holds the .qdpx alone */
  listing = g_dir_open (dir, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "many.qdpx");
  g_assert_null (g_dir_read_name (listing));
  g_clear_error (&error);

  /* cancelled before it starts: the same */
  project = cb_refi_import_new_project_from_file_full (path, file, NULL, NULL, cancellable, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (project);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_array_unref (progress.fractions);
  g_ptr_array_unref (progress.messages);
  g_remove (qdpx);
  g_rmdir (dir);
}

/* --unique-names and its undoing: only names made by the rule come back. */
static void
test_unique_names (void)
{
  /* 0 Gevoel, 1 Gevoel/Overig, 2 Thema, 3 Thema/Gevoel, 4 Thema/Gevoel/Overig,
   * 5 Overig, 6 Lijst, 7 Lijst/"Kort (Lijst)" (a user's own name) */
  const char *names[] = { "Gevoel", "Overig", "Thema", "Gevoel", "Overig", "Overig", "Lijst", "Kort (Lijst)" };
  const int parents[] = { -1, 0, -1, 2, 3, -1, -1, 6 };
  const char *expected[] = { "Gevoel", "Overig (Gevoel)", "Thema", "Gevoel (Thema)", "Overig (Thema/Gevoel)",
                             "Overig", "Lijst", "Kort (Lijst)" };
  g_auto(GStrv) unique = _cb_refi_unique_names (names, parents, G_N_ELEMENTS (names));
  g_auto(GStrv) restored = _cb_refi_restore_names ((const char * const *) unique, parents, G_N_ELEMENTS (names));
  g_autoptr(GPtrArray) repeated = _cb_refi_repeated_names (names, G_N_ELEMENTS (names));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (unique[i], ==, expected[i]);
      g_assert_cmpstr (restored[i], ==, names[i]);
    }
  g_assert_cmpuint (repeated->len, ==, 2);
  g_assert_cmpstr (repeated->pdata[0], ==, "Gevoel");
  g_assert_cmpstr (repeated->pdata[1], ==, "Overig");

  /* a name that looks made but is unique without its suffix stays */
  {
    const char *own[] = { "Strategieën", "Overig (Strategieën)" };
    const int own_parents[] = { -1, 0 };
    g_auto(GStrv) kept = _cb_refi_restore_names (own, own_parents, 2);

    g_assert_cmpstr (kept[1], ==, "Overig (Strategieën)");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/refi/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/refi/round-trip-nvivo-offsets", Fixture, NULL, fixture_set_up, test_round_trip_nvivo, fixture_tear_down);
  g_test_add ("/refi/anonymous", Fixture, NULL, fixture_set_up, test_anonymous, fixture_tear_down);
  g_test_add ("/refi/reproducible", Fixture, NULL, fixture_set_up, test_reproducible, fixture_tear_down);
  g_test_add ("/refi/codebook-import", Fixture, NULL, fixture_set_up, test_codebook_import, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (lenient_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/refi/lenient/%s", lenient_cases[i].file);

      g_test_add_data_func (name, &lenient_cases[i], test_lenient);
    }
  g_test_add_func ("/refi/unique-names", test_unique_names);
  g_test_add_func ("/refi/lenient/details", test_lenient_details);
  g_test_add_func ("/refi/lenient/codebook", test_lenient_codebook);
  g_test_add_func ("/refi/codebook-duplicate-siblings", test_codebook_duplicate_siblings);
  g_test_add_func ("/refi/lenient/cases", test_lenient_cases);
  g_test_add_func ("/refi/import-progress-cancel", test_import_progress_cancel);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/refi/hostile/%s", hostile_cases[i].file);

      g_test_add_data_func (name, &hostile_cases[i], test_hostile);
    }
  g_test_add_func ("/refi/hostile/codebook-dtd", test_hostile_codebook);

  return g_test_run ();
}
