/* cb-cli-merge.c: merge and copy (a second coder's copy and bringing it back)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cb-cli.h"

static const CbCliCommand *self_command (const char *name);

static int
run_merge (int    argc,
           char **argv)
{
  const CbCliCommand *command = self_command ("merge");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *prefer_name = NULL;
  g_autofree char *summary = NULL;
  gboolean dry_run = FALSE;
  CbMergePrefer prefer = CB_MERGE_PREFER_OURS;
  GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Print what a merge would do and change nothing"), NULL },
    { "prefer", 0, 0, G_OPTION_ARG_STRING, &prefer_name, N_("Whose value a conflict keeps: ours (the default) or theirs"), N_("ours|theirs") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (prefer_name != NULL && g_str_equal (prefer_name, "theirs"))
    prefer = CB_MERGE_PREFER_THEIRS;
  else if (prefer_name != NULL && !g_str_equal (prefer_name, "ours"))
    return cb_cli_usage (command, _("--prefer takes “ours” or “theirs”, not “%s”"), prefer_name);

  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_merge (project, argv[2], prefer, dry_run, &report, &error))
    return cb_cli_fail (error);
  for (guint i = 0; i < report->warnings->len; i++)
    fprintf (stderr, "codeboom-cli: warning: %s\n", (const char *) report->warnings->pdata[i]);

  summary = cb_merge_report_format (report);
  g_string_append (out, summary);
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static int
run_copy (int    argc,
          char **argv)
{
  const CbCliCommand *command = self_command ("copy");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *coder = NULL;
  gboolean without_codings = FALSE;
  CbCopyMode mode = CB_COPY_ALL;
  GOptionEntry entries[] = {
    { "without-codings", 0, 0, G_OPTION_ARG_NONE, &without_codings, N_("Leave every coding out"), NULL },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Keep only this coder's codings"), N_("NAME") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (without_codings && coder != NULL)
    return cb_cli_usage (command, _("Give --without-codings or --coder, not both"));
  if (without_codings)
    mode = CB_COPY_WITHOUT_CODINGS;
  else if (coder != NULL)
    mode = CB_COPY_ONLY_CODER;

  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_copy_for_coder (project, argv[2], mode, coder, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

const CbCliCommand cb_cli_merge_commands[] = {
  { "merge", N_("PROJECT OTHER [--dry-run] [--prefer ours|theirs]"),
    N_("Merge another project (.codeboom or .qdpx) into PROJECT, losing nothing; prints what was added, what was there already and the conflicts"),
    run_merge },
  { "copy", N_("PROJECT OUT.codeboom [--without-codings | --coder NAME]"),
    N_("Write a copy for a second coder (every uuid kept, no undo history), to merge back later"),
    run_copy },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_merge_commands, name);
}
