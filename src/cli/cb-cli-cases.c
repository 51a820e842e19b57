/* cb-cli-cases.c: the commands over cases and attributes, and --where
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli.h"

static const CbCliCommand *
self_command (const char *name);

#define COMMAND(name) (self_command (name))

gboolean
cb_cli_parse_where (char          **where,
                    CbCaseFilter  **filter)
{
  g_autoptr(GError) error = NULL;

  *filter = NULL;
  if (where == NULL || where[0] == NULL)
    return TRUE;
  if (!(*filter = cb_case_filter_new ((const char * const *) where, &error)))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

static int
run_simple (const char *name,
            int         n_args,
            int         argc,
            char      **argv)
{
  const CbCliCommand *command = COMMAND (name);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, n_args, n_args))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  if (g_str_equal (name, "case add"))
    ok = cb_project_add_case (project, argv[2], &error);
  else if (g_str_equal (name, "case rename"))
    ok = cb_project_rename_case (project, argv[2], argv[3], &error);
  else if (g_str_equal (name, "case delete"))
    ok = cb_project_delete_case (project, argv[2], &error);
  else if (g_str_equal (name, "attribute rename"))
    ok = cb_project_rename_attribute (project, argv[2], argv[3], &error);
  else if (g_str_equal (name, "attribute delete"))
    ok = cb_project_delete_attribute (project, argv[2], &error);
  else if (g_str_equal (name, "attribute set"))
    ok = cb_project_set_case_value (project, argv[2], argv[3], argv[4], &error);
  else
    g_assert_not_reached ();

  return ok ? CB_CLI_EXIT_OK : cb_cli_fail (error);
}

static int run_case_add (int argc, char **argv) { return run_simple ("case add", 2, argc, argv); }
static int run_case_rename (int argc, char **argv) { return run_simple ("case rename", 3, argc, argv); }
static int run_case_delete (int argc, char **argv) { return run_simple ("case delete", 2, argc, argv); }
static int run_attribute_rename (int argc, char **argv) { return run_simple ("attribute rename", 3, argc, argv); }
static int run_attribute_delete (int argc, char **argv) { return run_simple ("attribute delete", 2, argc, argv); }
static int run_attribute_set (int argc, char **argv) { return run_simple ("attribute set", 4, argc, argv); }

static int
run_coverage (const char  *name,
              int          argc,
              char       **argv)
{
  const CbCliCommand *command = COMMAND (name);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *speaker = NULL;
  gint64 start = -1;
  gint64 end = -1;
  gboolean ok;
  GOptionEntry entries[] = {
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker, N_("The speaker's turns in the document"), N_("SPEAKER") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 3, 5))
    return CB_CLI_EXIT_USAGE;
  if (argc - 1 == 4)
    return cb_cli_usage (command, _("Give both START and END, or neither"));
  if (argc - 1 == 5)
    {
      if (speaker != NULL)
        return cb_cli_usage (command, _("Give a speaker or a span, not both"));
      if (!cb_tsv_parse_offset (argv[4], &start) || !cb_tsv_parse_offset (argv[5], &end))
        return cb_cli_usage (command, _("START and END are offsets in characters, from 0"));
    }
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  if (g_str_equal (name, "case assign"))
    ok = cb_project_assign_case (project, argv[2], argv[3], speaker, start, end, &error);
  else
    ok = cb_project_unassign_case (project, argv[2], argv[3], speaker, start, end, &error);
  return ok ? CB_CLI_EXIT_OK : cb_cli_fail (error);
}

static int run_case_assign (int argc, char **argv) { return run_coverage ("case assign", argc, argv); }
static int run_case_unassign (int argc, char **argv) { return run_coverage ("case unassign", argc, argv); }

static int
run_cases (int    argc,
           char **argv)
{
  const CbCliCommand *command = COMMAND ("cases");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) where = NULL;
  GOptionEntry entries[] = {
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, N_("Only cases whose values pass EXPR (repeatable)"), N_("EXPR") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!cb_cli_parse_where (where, &filter))
    return CB_CLI_EXIT_FAILURE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(cases = cb_project_list_cases (project, filter, &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < cases->len; i++)
    {
      CbCaseInfo *info = cases->pdata[i];

      cb_tsv_append_escaped (out, info->name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                              info->n_documents, info->n_chars, info->n_codings);
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static int
run_attribute_add (int    argc,
                   char **argv)
{
  const CbCliCommand *command = COMMAND ("attribute add");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type_name = NULL;
  g_autofree char *values = NULL;
  g_auto(GStrv) choices = NULL;
  CbAttributeType type;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_name, N_("text, number, date, boolean or choice"), N_("TYPE") },
    { "values", 0, 0, G_OPTION_ARG_STRING, &values, N_("The values of a choice, in order"), N_("A,B,C") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (type_name == NULL || !cb_attribute_type_from_string (type_name, &type))
    return cb_cli_usage (command, _("--type must be text, number, date, boolean or choice"));
  if ((values != NULL) != (type == CB_ATTRIBUTE_CHOICE))
    return cb_cli_usage (command, _("--values goes with --type choice, and only with it"));
  if (values != NULL)
    choices = g_strsplit (values, ",", -1);
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_add_attribute (project, argv[2], type, (const char * const *) choices, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static void
append_csv (GString    *out,
            const char *text)
{
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_field (GString    *out,
              gboolean    csv,
              gboolean    first,
              const char *text)
{
  if (!first)
    g_string_append_c (out, csv ? ',' : '\t');
  if (csv)
    append_csv (out, text);
  else
    cb_tsv_append_escaped (out, text);
}

static int
run_attributes (int    argc,
                char **argv)
{
  const CbCliCommand *command = COMMAND ("attributes");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  gboolean csv;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("tsv (the default) or csv"), N_("FORMAT") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (format != NULL && !g_str_equal (format, "tsv") && !g_str_equal (format, "csv"))
    return cb_cli_usage (command, _("--format must be tsv or csv"));
  csv = g_strcmp0 (format, "csv") == 0;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  /* one snapshot would need the core's read; two queries are consistent
   * enough for a command that is not writing */
  if (!(attributes = cb_project_list_attributes (project, &error)) ||
      !(cases = cb_project_list_cases (project, NULL, &error)))
    return cb_cli_fail (error);

  append_field (out, csv, TRUE, "case");
  for (guint a = 0; a < attributes->len; a++)
    append_field (out, csv, FALSE, ((CbAttributeInfo *) attributes->pdata[a])->name);
  g_string_append (out, csv ? "\r\n" : "\n");
  for (guint i = 0; i < cases->len; i++)
    {
      CbCaseInfo *info = cases->pdata[i];

      append_field (out, csv, TRUE, info->name);
      for (guint a = 0; a < attributes->len && info->values[a] != NULL; a++)
        append_field (out, csv, FALSE, info->values[a]);
      g_string_append (out, csv ? "\r\n" : "\n");
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static int
run_attributes_import (int    argc,
                       char **argv)
{
  const CbCliCommand *command = COMMAND ("attributes import");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *types = NULL;
  GOptionEntry entries[] = {
    { "types", 0, 0, G_OPTION_ARG_STRING, &types, N_("Types of attributes to create, instead of inferring them"), N_("NAME=TYPE,...") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  file = g_file_new_for_commandline_arg (argv[2]);
  if (!cb_project_import_attributes (project, file, types, NULL, NULL, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

int
cb_cli_import_records (const CbCliCommand  *command,
                       int                  argc,
                       char               **argv,
                       gboolean             records,
                       gboolean             other_options,
                       const char          *name_column,
                       const char          *text_columns)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) columns = NULL;
  gint64 started;

  if (!records)
    return cb_cli_usage (command, _("--name-column and --text-columns go with --records"));
  if (other_options)
    return cb_cli_usage (command, _("--name and --encoding do not go with --records"));
  if (argc != 3)
    return cb_cli_usage (command, _("--records imports one sheet"));
  if (text_columns != NULL)
    {
      columns = g_strsplit (text_columns, ",", -1);
      for (guint i = 0; columns[i] != NULL; i++)
        g_strstrip (columns[i]);
    }
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  file = g_file_new_for_commandline_arg (argv[2]);
  started = g_get_monotonic_time ();
  if (!cb_project_import_records (project, file, name_column, (const char * const *) columns, NULL, &error))
    return cb_cli_fail (error);
  if (g_strcmp0 (g_getenv ("CODEBOOM_TIMING"), "1") == 0)
    fprintf (stderr, "timing: %s %.3f ms\n", "records import", (g_get_monotonic_time () - started) / 1000.0);
  return CB_CLI_EXIT_OK;
}

gboolean
cb_cli_check_template (CbProject  *project,
                       const char *template)
{
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  if (!(attributes = cb_project_list_attributes (project, &error)))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  for (guint i = 0; i < attributes->len; i++)
    g_ptr_array_add (names, ((CbAttributeInfo *) attributes->pdata[i])->name);
  g_ptr_array_add (names, NULL);
  if (!cb_quote_template_check_attributes (template, (const char * const *) names->pdata, &error))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

const CbCliCommand cb_cli_cases_commands[] = {
  { "case add", N_("PROJECT NAME"), N_("Add a case"), run_case_add },
  { "case rename", N_("PROJECT NAME NEWNAME"), N_("Rename a case"), run_case_rename },
  { "case delete", N_("PROJECT NAME"), N_("Delete a case, its coverage and values (codings stay)"), run_case_delete },
  { "case assign", N_("PROJECT NAME DOC [START END | --speaker SPEAKER]"),
    N_("Let a case cover a whole document, a span, or a speaker's turns"), run_case_assign },
  { "case unassign", N_("PROJECT NAME DOC [START END | --speaker SPEAKER]"),
    N_("Take a document, span or speaker out of a case"), run_case_unassign },
  { "cases", N_("PROJECT [--where EXPR]..."), N_("List cases: name, documents, characters, codings"), run_cases },
  { "attribute add", N_("PROJECT NAME --type text|number|date|boolean|choice [--values A,B,C]"),
    N_("Add a case attribute"), run_attribute_add },
  { "attribute rename", N_("PROJECT NAME NEWNAME"), N_("Rename an attribute"), run_attribute_rename },
  { "attribute delete", N_("PROJECT NAME"), N_("Delete an attribute and its values"), run_attribute_delete },
  { "attribute set", N_("PROJECT CASE NAME VALUE"), N_("Set a case's value of an attribute (\"\" clears it)"), run_attribute_set },
  { "attributes", N_("PROJECT [--format tsv|csv]"), N_("Print the case sheet: a row per case, a column per attribute"), run_attributes },
  { "attributes import", N_("PROJECT FILE.{csv,tsv} [--types NAME=TYPE,...]"),
    N_("Set attributes from a sheet, creating missing cases and attributes (all or nothing)"), run_attributes_import },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_cases_commands, name);
}
