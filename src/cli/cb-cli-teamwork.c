/* cb-cli-teamwork.c: coders, coder rename and agreement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli.h"

static const CbCliCommand *
self_command (const char *name);

#define COMMAND(name) (self_command (name))

/* ---- coders ------------------------------------------------------------ */

static int
run_coders (int    argc,
            char **argv)
{
  const CbCliCommand *command = COMMAND ("coders");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(coders = cb_project_list_coder_summaries (project, &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < coders->len; i++)
    {
      CbCoderSummary *coder = coders->pdata[i];

      cb_tsv_append_escaped (out, coder->name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                              coder->n_codings, coder->n_documents);
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static int
run_coder_rename (int    argc,
                  char **argv)
{
  const CbCliCommand *command = COMMAND ("coder rename");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 merged = 0;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 3, 3))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_cli_backup_if_requested (project))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_rename_coder (project, argv[2], argv[3], &merged, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

/* ---- agreement ----------------------------------------------------------- */

static int
run_agreement (int    argc,
               char **argv)
{
  const CbCliCommand *command = COMMAND ("agreement");
  g_auto(GStrv) codes = NULL;
  g_auto(GStrv) docs = NULL;
  g_auto(GStrv) where = NULL;
  g_autofree char *coders_option = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *by = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *overlap_text = NULL;
  g_auto(GStrv) coders = NULL;
  gboolean only = FALSE;
  gboolean alpha = FALSE;
  GOptionEntry entries[] = {
    { "coders", 0, 0, G_OPTION_ARG_STRING, &coders_option, N_("The coders to compare, separated by commas (with --alpha)"), N_("A,B,C") },
    { "alpha", 0, 0, G_OPTION_ARG_NONE, &alpha, N_("Krippendorff’s alpha for two coders or more"), NULL },
    { "code", 0, 0, G_OPTION_ARG_STRING_ARRAY, &codes, N_("Only this code, with its descendants (repeatable)"), N_("CODE") },
    { "only", 0, 0, G_OPTION_ARG_NONE, &only, N_("Each code alone, not with its descendants"), NULL },
    { "doc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &docs, N_("Only this document (repeatable; default: those every coder coded)"), N_("DOC") },
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, N_("Only the text of the cases that match (repeatable: all must hold)"), N_("EXPR") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("character (default) or segment"), N_("UNIT") },
    { "overlap", 0, 0, G_OPTION_ARG_STRING, &overlap_text, N_("Segments: how much two must overlap, in percent of the longer (default 90)"), N_("P") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("document: a row per code and document too"), N_("WHAT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("tsv (default), csv or html"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(CbCaseFilter) filter = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbAgreementTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CbAgreementQuery query = { 0 };
  CbAgreementFormat format = CB_AGREEMENT_FORMAT_TSV;
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;
  if (coders_option != NULL)
    {
      if (!cb_cli_expect_args (command, argc, 1, 1))
        return CB_CLI_EXIT_USAGE;
      coders = g_strsplit (coders_option, ",", -1);
      for (guint i = 0; coders[i] != NULL; i++)
        g_strstrip (coders[i]);
    }
  else
    {
      if (!cb_cli_expect_args (command, argc, 3, 3))
        return CB_CLI_EXIT_USAGE;
      coders = g_new0 (char *, 3);
      coders[0] = g_strdup (argv[2]);
      coders[1] = g_strdup (argv[3]);
    }
  if (!alpha && g_strv_length (coders) != 2)
    return cb_cli_usage (command, _("Compare two coders, or add --alpha for more"));
  if (g_strv_length (coders) < 2)
    return cb_cli_usage (command, _("--coders needs two coders or more"));

  query.unit = CB_AGREEMENT_UNIT_CHARACTER;
  if (unit != NULL && g_str_equal (unit, "segment"))
    query.unit = CB_AGREEMENT_UNIT_SEGMENT;
  else if (unit != NULL && !g_str_equal (unit, "character"))
    return cb_cli_usage (command, _("Unknown unit “%s”: use character or segment"), unit);
  if (alpha && query.unit == CB_AGREEMENT_UNIT_SEGMENT)
    return cb_cli_usage (command, _("--alpha works on character units: leave out --unit segment"));
  if (overlap_text != NULL)
    {
      char *end = NULL;
      double overlap = g_ascii_strtod (overlap_text, &end);

      if (query.unit != CB_AGREEMENT_UNIT_SEGMENT)
        return cb_cli_usage (command, _("--overlap goes with --unit segment"));
      if (end == overlap_text || *end != '\0' || !(overlap >= 1 && overlap <= 100))
        return cb_cli_usage (command, _("The overlap is a percentage from 1 to 100, not “%s”"), overlap_text);
      query.overlap = overlap;
    }
  if (by != NULL && !g_str_equal (by, "document"))
    return cb_cli_usage (command, _("Unknown --by “%s”: use document"), by);
  if (format_name != NULL && !cb_agreement_parse_format (format_name, &format))
    return cb_cli_usage (command, _("Unknown format “%s”: use tsv, csv or html"), format_name);

  if (!cb_cli_parse_where (where, &filter))
    return CB_CLI_EXIT_FAILURE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  query.coders = (const char * const *) coders;
  query.codes = (const char * const *) codes;
  query.only = only;
  query.documents = (const char * const *) docs;
  query.filter = filter;
  query.alpha = alpha;
  query.by_document = by != NULL;

  started = g_get_monotonic_time ();
  if (!(table = cb_project_agreement (project, &query, NULL, &error)))
    return cb_cli_fail (error);
  cb_cli_report_timing ("agreement", started);
  bytes = cb_agreement_table_write (table, format);
  fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
  return CB_CLI_EXIT_OK;
}

const CbCliCommand cb_cli_teamwork_commands[] = {
  { "coders", N_("PROJECT"), N_("List coders: name, codings, documents"), run_coders },
  { "coder rename", N_("PROJECT OLD NEW"),
    N_("Rename a coder (onto an existing coder: merge their codings)"), run_coder_rename },
  { "agreement", N_("PROJECT CODER_A CODER_B | --coders A,B,C --alpha [--code CODE]... [--only] [--doc DOC]... "
                    "[--where EXPR]... [--unit character|segment] [--overlap P] [--by document] [--format tsv|csv|html]"),
    N_("Intercoder agreement: percentage and Cohen’s kappa per code, or Krippendorff’s alpha"), run_agreement },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_teamwork_commands, name);
}
