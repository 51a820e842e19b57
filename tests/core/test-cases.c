/* test-cases.c: cases, attributes, coverage, sheets and filters (issue 15)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "cb-core.h"
#include "cb-cases-private.h"
#include "cb-cases-sheet.h"
#include "cb-project-private.h"

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("codeboom-cases-XXXXXX", NULL);

  return g_build_filename (dir, name, NULL);
}

/* Two speakers in a document; "Nadia:" turns start at 0 and 30. */
static const char transcript[] =
  "Nadia: Het formulier is weg.\n"   /* 0..28 */
  "Nadia: Weer een brief.\n"         /* 29..51 */
  "Karim: Ik bel de dienst.\n";      /* 52..75 */

static CbProject *
new_project (char **path)
{
  g_autoptr(GError) error = NULL;
  CbProject *project;

  *path = temp_path ("cases.codeboom");
  project = cb_project_create (*path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "gesprek", transcript, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "andere", "Nog een tekst zonder sprekers.\n", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  return project;
}

static CbCaseInfo *
find_case (GPtrArray  *cases,
           const char *name)
{
  for (guint i = 0; i < cases->len; i++)
    if (g_str_equal (((CbCaseInfo *) cases->pdata[i])->name, name))
      return cases->pdata[i];
  return NULL;
}

static void
assert_no_problems (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_values_normalize (void)
{
  static const struct { CbAttributeType type; const char *in; const char *out; } cases[] = {
    { CB_ATTRIBUTE_NUMBER, "42", "42" },
    { CB_ATTRIBUTE_NUMBER, " 3,5 ", "3.5" },
    { CB_ATTRIBUTE_NUMBER, "-0.25", "-0.25" },
    { CB_ATTRIBUTE_NUMBER, "1e3", "1000" },
    { CB_ATTRIBUTE_NUMBER, "veertig", NULL },
    { CB_ATTRIBUTE_NUMBER, "nan", NULL },
    { CB_ATTRIBUTE_NUMBER, "1,000,000", NULL },
    { CB_ATTRIBUTE_DATE, "2024-03-28", "2024-03-28" },
    { CB_ATTRIBUTE_DATE, "28/03/2024", "2024-03-28" },
    { CB_ATTRIBUTE_DATE, "1/2/2024", "2024-02-01" },
    { CB_ATTRIBUTE_DATE, "2024-02-30", NULL },
    { CB_ATTRIBUTE_DATE, "29/02/2023", NULL },
    { CB_ATTRIBUTE_DATE, "03/28/24", NULL },
    { CB_ATTRIBUTE_BOOLEAN, "ja", "yes" },
    { CB_ATTRIBUTE_BOOLEAN, "Oui", "yes" },
    { CB_ATTRIBUTE_BOOLEAN, "TRUE", "yes" },
    { CB_ATTRIBUTE_BOOLEAN, "1", "yes" },
    { CB_ATTRIBUTE_BOOLEAN, "nee", "no" },
    { CB_ATTRIBUTE_BOOLEAN, "non", "no" },
    { CB_ATTRIBUTE_BOOLEAN, "0", "no" },
    { CB_ATTRIBUTE_BOOLEAN, "misschien", NULL },
    { CB_ATTRIBUTE_TEXT, "  Noord ", "Noord" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = cb_attribute_value_normalize (cases[i].type, cases[i].in, &error);

      g_assert_cmpstr (value, ==, cases[i].out);
      if (cases[i].out == NULL)
        g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
    }
}

static void
test_operations_undo_and_reopen (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  const char * const choices[] = { "AS", "OCMW", NULL };
  g_autofree char *label = NULL;
  CbCaseInfo *info;

  g_assert_true (cb_project_add_case (project, "Nadia", &error));
  g_assert_true (cb_project_assign_case (project, "Nadia", "gesprek", "Nadia", -1, -1, &error));
  g_assert_true (cb_project_assign_case (project, "Nadia", "andere", NULL, 0, 3, &error));
  g_assert_true (cb_project_add_attribute (project, "groep", CB_ATTRIBUTE_CHOICE, choices, &error));
  g_assert_true (cb_project_add_attribute (project, "sinds", CB_ATTRIBUTE_DATE, NULL, &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "groep", "OCMW", &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "sinds", "1/9/2014", &error));
  g_assert_no_error (error);

  g_assert_false (cb_project_set_case_value (project, "Nadia", "groep", "politie", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Nadia"));
  g_assert_nonnull (strstr (error->message, "groep"));
  g_assert_nonnull (strstr (error->message, "politie"));
  g_clear_error (&error);
  g_assert_false (cb_project_add_case (project, " Nadia ", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cb_project_add_attribute (project, "groep", CB_ATTRIBUTE_TEXT, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cb_project_add_attribute (project, "lijst", CB_ATTRIBUTE_CHOICE, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  info = cases->pdata[0];
  g_assert_cmpint (info->n_documents, ==, 2);
  /* the two turns of Nadia (28 + 22 characters, line ends not in them) and 3 characters */
  g_assert_cmpint (info->n_chars, ==, 28 + 22 + 3);
  g_assert_cmpstr (info->values[0], ==, "OCMW");
  g_assert_cmpstr (info->values[1], ==, "2014-09-01");
  g_clear_pointer (&cases, g_ptr_array_unref);

  attributes = cb_project_list_attributes (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attributes->len, ==, 2);
  g_assert_cmpint (((CbAttributeInfo *) attributes->pdata[0])->type, ==, CB_ATTRIBUTE_CHOICE);
  g_assert_cmpstrv (((CbAttributeInfo *) attributes->pdata[0])->choices, choices);

  /* every operation one undo step, also after reopening */
  g_assert_true (cb_project_delete_case (project, "Nadia", &error));
  g_clear_object (&project);
  project = cb_project_open (path, &error);
  g_assert_no_error (error);
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpuint (cases->len, ==, 0);
  g_clear_pointer (&cases, g_ptr_array_unref);
  label = cb_project_undo (project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Delete case “Nadia”");
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  info = cases->pdata[0];
  g_assert_cmpint (info->n_chars, ==, 28 + 22 + 3);
  g_assert_cmpstr (info->values[1], ==, "2014-09-01");
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_clear_pointer (&label, g_free);

  label = cb_project_undo (project, &error);
  g_assert_cmpstr (label, ==, "Set “sinds” of case “Nadia”");
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpstr (((CbCaseInfo *) cases->pdata[0])->values[1], ==, "");
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_clear_pointer (&label, g_free);
  label = cb_project_redo (project, &error);
  g_assert_no_error (error);
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpstr (((CbCaseInfo *) cases->pdata[0])->values[1], ==, "2014-09-01");
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* an attribute deleted takes its values, and undo brings them back */
  g_assert_true (cb_project_delete_attribute (project, "groep", &error));
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpstr (((CbCaseInfo *) cases->pdata[0])->values[0], ==, "2014-09-01");
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_clear_pointer (&label, g_free);
  label = cb_project_undo (project, &error);
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpstr (((CbCaseInfo *) cases->pdata[0])->values[0], ==, "OCMW");

  assert_no_problems (project);
}

static void
test_speaker_coverage_follows_detection (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  guint n_turns = 0;

  g_assert_true (cb_project_add_case (project, "Karim", &error));
  g_assert_true (cb_project_assign_case (project, "Karim", "gesprek", "Karim", -1, -1, &error));
  g_assert_false (cb_project_assign_case (project, "Karim", "gesprek", "Lucie", -1, -1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpint (((CbCaseInfo *) cases->pdata[0])->n_chars, ==, 24);
  g_clear_pointer (&cases, g_ptr_array_unref);

  /* detecting the turns again replaces the speaker rows: the coverage,
   * kept by name, follows */
  g_assert_true (cb_project_detect_turns (project, "gesprek", &n_turns, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_turns, ==, 3);
  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpint (((CbCaseInfo *) cases->pdata[0])->n_chars, ==, 24);
  g_clear_pointer (&cases, g_ptr_array_unref);
  assert_no_problems (project);
}

static void
test_filters (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_autoptr(GHashTable) documents = NULL;
  const char * const age[] = { "leeftijd>40", NULL };
  const char * const region[] = { "regio~BRUSSEL", NULL };
  const char * const bad[] = { "=3", NULL };

  g_assert_true (cb_project_add_case (project, "Nadia", &error));
  g_assert_true (cb_project_add_case (project, "Karim", &error));
  g_assert_true (cb_project_assign_case (project, "Nadia", "gesprek", "Nadia", -1, -1, &error));
  g_assert_true (cb_project_assign_case (project, "Karim", "gesprek", "Karim", -1, -1, &error));
  g_assert_true (cb_project_add_attribute (project, "leeftijd", CB_ATTRIBUTE_NUMBER, NULL, &error));
  g_assert_true (cb_project_add_attribute (project, "regio", CB_ATTRIBUTE_TEXT, NULL, &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "leeftijd", "9", &error));
  g_assert_true (cb_project_set_case_value (project, "Karim", "leeftijd", "41", &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "regio", "Brüssel-Noord", &error));
  g_assert_cmpint (cb_project_apply_creating (project, "gesprek", "brief", 7, 20, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_apply_creating (project, "gesprek", "brief", 60, 70, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_apply_creating (project, "andere", "brief", 0, 5, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* numbers compare as numbers: 9 < 41, though "9" > "41" as text */
  filter = cb_case_filter_new (age, &error);
  g_assert_no_error (error);
  segments = cb_project_retrieve_filtered (project, "brief", TRUE, filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (((CbSegment *) segments->pdata[0])->start, ==, 60);
  g_assert_nonnull (((CbSegment *) segments->pdata[0])->text);
  cases = cb_project_list_cases (project, filter, &error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_nonnull (find_case (cases, "Karim"));
  g_clear_pointer (&cases, g_ptr_array_unref);
  g_clear_pointer (&segments, g_ptr_array_unref);
  g_clear_pointer (&filter, cb_case_filter_free);

  /* accents and case folded as search folds them */
  filter = cb_case_filter_new (region, &error);
  segments = cb_project_retrieve_filtered (project, "brief", TRUE, filter, &error);
  g_assert_cmpuint (segments->len, ==, 1);
  g_assert_cmpint (((CbSegment *) segments->pdata[0])->start, ==, 7);
  documents = cb_project_filter_documents (project, filter, &error);
  g_assert_cmpuint (g_hash_table_size (documents), ==, 1);
  g_clear_pointer (&filter, cb_case_filter_free);

  g_assert_null (cb_case_filter_new (bad, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
}

static void
test_sheet_parsing (void)
{
  /* windows-1252 (é, €), semicolons, CRLF, a quoted field with a
   * separator, a doubled quote and a line break, a blank line */
  static const char cp1252[] = "naam;opmerking\r\nAnn\xe9;\"een; \"\"twee\"\"\nen \x80\"\r\n\r\nBen;\r\n;\r\n;";
  static const char bad[] = "a,b\nx,\"y\"z\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (cp1252, sizeof cp1252 - 1);
  g_autoptr(GBytes) bad_bytes = g_bytes_new_static (bad, sizeof bad - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSheet) sheet = cb_sheet_parse (bytes, "sheet.csv", &error);
  g_autoptr(CbSheet) none = NULL;
  char **row;

  g_assert_no_error (error);
  g_assert_cmpint (sheet->separator, ==, ';');
  g_assert_cmpuint (sheet->rows->len, ==, 3);
  row = sheet->rows->pdata[1];
  g_assert_cmpstr (row[0], ==, "Anné");
  g_assert_cmpstr (row[1], ==, "een; \"twee\"\nen €");
  g_assert_cmpuint (g_array_index (sheet->lines, guint, 2), ==, 5);
  row = sheet->rows->pdata[2];
  g_assert_cmpstr (row[0], ==, "Ben");
  g_assert_cmpstr (row[1], ==, "");

  none = cb_sheet_parse (bad_bytes, "bad.csv", &error);
  g_assert_null (none);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2, column 2"));
}

static void
test_opens_version_2_fixture (void)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "projects", "v2.codeboom", NULL);
  g_autofree char *path = temp_path ("v2.codeboom");
  g_autofree char *contents = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  gsize length;

  /* a project written by version 2 opens, migrates to 3 and keeps its
   * codings and undo history */
  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  project = cb_project_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_get_schema_version (project), ==, CB_PROJECT_SCHEMA_VERSION);
  segments = cb_project_retrieve (project, "Red Tape", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 2);
  assert_no_problems (project);
  g_assert_true (cb_project_add_case (project, "MA07", &error));
  g_assert_true (cb_project_assign_case (project, "MA07", "ma07", NULL, -1, -1, &error));
  g_assert_no_error (error);
  label = cb_project_undo (project, &error);
  g_assert_cmpstr (label, ==, "Assign “ma07” to case “MA07”");
  g_clear_pointer (&label, g_free);
  label = cb_project_undo (project, &error);
  g_clear_pointer (&label, g_free);
  /* the step version 2 recorded */
  label = cb_project_undo (project, &error);
  g_assert_no_error (error);
  g_assert_nonnull (label);
  assert_no_problems (project);
}

static void
test_refi_export_and_import_helpers (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CbProject) project = new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) qde = NULL;
  g_autofree char *schema_path = g_test_build_filename (G_TEST_DIST, "data", "refi-qda", "Project-mrt2019.xsd", NULL);
  g_autoptr(GPtrArray) cases = NULL;
  xmlSchemaParserCtxtPtr parser;
  xmlSchemaPtr schema;
  xmlSchemaValidCtxtPtr valid;
  xmlDocPtr doc;
  const char *xml;
  gsize size;
  gint64 case_id, attribute_id, document_id;

  g_assert_true (cb_project_add_case (project, "Nadia", &error));
  g_assert_true (cb_project_add_case (project, "Gesprek", &error));
  g_assert_true (cb_project_assign_case (project, "Nadia", "gesprek", "Nadia", -1, -1, &error));
  g_assert_true (cb_project_assign_case (project, "Gesprek", "gesprek", NULL, -1, -1, &error));
  g_assert_true (cb_project_add_attribute (project, "leeftijd", CB_ATTRIBUTE_NUMBER, NULL, &error));
  g_assert_true (cb_project_add_attribute (project, "actief", CB_ATTRIBUTE_BOOLEAN, NULL, &error));
  g_assert_true (cb_project_add_attribute (project, "sinds", CB_ATTRIBUTE_DATE, NULL, &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "leeftijd", "41.5", &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "actief", "ja", &error));
  g_assert_true (cb_project_set_case_value (project, "Nadia", "sinds", "2014-09-01", &error));
  /* a coded span that is also a turn of Nadia: one selection */
  g_assert_cmpint (cb_project_apply_creating (project, "gesprek", "brief", 0, 28, NULL, &error), >, 0);
  g_assert_no_error (error);

  qde = cb_refi_export_qde (project, 0, &error);
  g_assert_no_error (error);
  xml = g_bytes_get_data (qde, &size);
  parser = xmlSchemaNewParserCtxt (schema_path);
  schema = xmlSchemaParse (parser);
  valid = xmlSchemaNewValidCtxt (schema);
  doc = xmlReadMemory (xml, size, "project.qde", NULL, XML_PARSE_NONET);
  g_assert_nonnull (schema);
  g_assert_nonnull (doc);
  g_assert_cmpint (xmlSchemaValidateDoc (valid, doc), ==, 0);
  xmlFreeDoc (doc);
  xmlSchemaFreeValidCtxt (valid);
  xmlSchemaFree (schema);
  xmlSchemaFreeParserCtxt (parser);
  g_assert_nonnull (g_strstr_len (xml, size, "typeOfVariable=\"Float\""));
  g_assert_nonnull (g_strstr_len (xml, size, "<BooleanValue>true</BooleanValue>"));
  g_assert_nonnull (g_strstr_len (xml, size, "<DateValue>2014-09-01</DateValue>"));
  g_assert_nonnull (g_strstr_len (xml, size, "<SourceRef "));
  g_assert_nonnull (g_strstr_len (xml, size, "<SelectionRef "));

  /* what the REFI-QDA reader calls, in one transaction */
  g_assert_true (_cb_project_begin (project, "import", &error));
  case_id = _cb_project_import_case (project, "0b0f0c0e-1111-4222-8333-944445555666", "Karim", &error);
  attribute_id = _cb_project_import_attribute (project, NULL, "regio = noord", _cb_attribute_type_from_refi ("Text"), &error);
  document_id = _cb_project_lookup_document (project, "andere", &error);
  g_assert_cmpint (case_id, >, 0);
  g_assert_cmpint (attribute_id, >, 0);
  g_assert_true (_cb_project_import_case_value (project, case_id, attribute_id, "Brussel", &error));
  g_assert_true (_cb_project_import_case_coverage (project, case_id, document_id, -1, -1, &error));
  g_assert_true (_cb_project_import_case_coverage (project, case_id, document_id, 2, 5, &error));
  g_assert_true (_cb_project_finish (project, TRUE, CB_CHANGE_CASES, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_cb_attribute_type_from_refi ("DateTime"), ==, CB_ATTRIBUTE_DATE);
  g_assert_cmpint (_cb_attribute_type_from_refi ("Integer"), ==, CB_ATTRIBUTE_NUMBER);

  cases = cb_project_list_cases (project, NULL, &error);
  g_assert_cmpuint (cases->len, ==, 3);
  g_assert_cmpstr (find_case (cases, "Karim")->uuid, ==, "0b0f0c0e-1111-4222-8333-944445555666");
  g_assert_cmpint (find_case (cases, "Karim")->n_documents, ==, 1);
  g_assert_cmpstr (find_case (cases, "Karim")->values[3], ==, "Brussel");
  assert_no_problems (project);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cases/values-normalize", test_values_normalize);
  g_test_add_func ("/cases/operations-undo-reopen", test_operations_undo_and_reopen);
  g_test_add_func ("/cases/speaker-coverage-follows-detection", test_speaker_coverage_follows_detection);
  g_test_add_func ("/cases/filters", test_filters);
  g_test_add_func ("/cases/sheet-parsing", test_sheet_parsing);
  g_test_add_func ("/cases/refi-export-and-import-helpers", test_refi_export_and_import_helpers);
  g_test_add_func ("/schema/open/v2-fixture", test_opens_version_2_fixture);

  return g_test_run ();
}
