/* cb-cli-edit.c: codeboom-cli text replace, names, pseudonymise, depseudonymise
 *
 * Output formats (a contract, see README.md):
 *   text replace:    nothing on stdout; removed codings as a note on stderr
 *   names:           NAME<TAB>COUNT<TAB>KIND (speaker or word), most frequent first
 *   pseudonymise:    DOCUMENT<TAB>REPLACEMENTS per changed document (also
 *                    with --dry-run), then notes on stderr
 *   depseudonymise:  DOCUMENT<TAB>REPLACEMENTS per restored document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-cli.h"

static int run_text_replace (int argc, char **argv);
static int run_names (int argc, char **argv);
static int run_pseudonymise (int argc, char **argv);
static int run_depseudonymise (int argc, char **argv);

const CbCliCommand cb_cli_edit_commands[] = {
  { "text replace", N_("PROJECT DOC (START END NEWTEXT | --find TEXT --with NEWTEXT [--occurrence N | --all] [--whole-word])"),
    N_("Replace part of a document's text; codings and every other span follow the edit"),
    run_text_replace },
  { "names", N_("PROJECT [--min-count N]"),
    N_("List candidate names to pseudonymise: speakers and capitalised words not at a sentence start, with counts"),
    run_names },
  { "pseudonymise", N_("PROJECT --key KEY.tsv [--log LOG.tsv] [--fold] [--codes] [--dry-run] [--yes]"),
    N_("Replace names by placeholders everywhere in the project and remove every trace of them from the file"),
    run_pseudonymise },
  { "depseudonymise", N_("PROJECT --log LOG.tsv"),
    N_("Put the names of a pseudonymisation back, exactly, from its log"),
    run_depseudonymise },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  for (const CbCliCommand *c = cb_cli_edit_commands; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c;
  g_assert_not_reached ();
}

/* "note: 2 codings lay inside the replaced text and were removed: …" */
static void
note_removed (GPtrArray *removed)
{
  g_autoptr(GString) list = g_string_new (NULL);

  if (removed == NULL || removed->len == 0)
    return;
  for (guint i = 0; i < removed->len; i++)
    {
      CbSegment *segment = removed->pdata[i];

      g_string_append_printf (list, "%s%s %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " (%s)",
                              i > 0 ? "; " : "", segment->code_path != NULL ? segment->code_path : "?",
                              segment->start, segment->end, segment->coder);
    }
  cb_cli_error (g_dngettext (GETTEXT_PACKAGE,
                             "note: %u coding lay inside the replaced text and was removed: %s",
                             "note: %u codings lay inside the replaced text and were removed: %s",
                             removed->len),
                removed->len, list->str);
}

static int
run_text_replace (int    argc,
                  char **argv)
{
  const CbCliCommand *command = self_command ("text replace");
  g_autofree char *find = NULL;
  g_autofree char *with = NULL;
  gint occurrence = 0;
  gboolean all = FALSE;
  gboolean whole_word = FALSE;
  GOptionEntry entries[] = {
    { "find", 0, 0, G_OPTION_ARG_STRING, &find, N_("The text to replace, found exactly in the stored text"), N_("TEXT") },
    { "with", 0, 0, G_OPTION_ARG_STRING, &with, N_("Its replacement (empty: delete it)"), N_("NEWTEXT") },
    { "occurrence", 0, 0, G_OPTION_ARG_INT, &occurrence, N_("Replace the Nth match (default: the first)"), N_("N") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Replace every match, as one undo step"), NULL },
    { "whole-word", 0, 0, G_OPTION_ARG_NONE, &whole_word, N_("Only matches that are whole words"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;

  if (find != NULL || with != NULL)
    {
      if (find == NULL || with == NULL)
        return cb_cli_usage (command, _("--find and --with go together"));
      if (all && occurrence != 0)
        return cb_cli_usage (command, _("--occurrence and --all exclude each other"));
      if (occurrence < 0)
        return cb_cli_usage (command, _("--occurrence counts from 1"));
      if (!cb_cli_expect_args (command, argc, 2, 2))
        return CB_CLI_EXIT_USAGE;
      if (!(project = cb_cli_open_project (argv[1])) || !cb_cli_backup_if_requested (project))
        return CB_CLI_EXIT_FAILURE;
      if (!(info = cb_project_get_document (project, argv[2], &error)) ||
          cb_project_find_replace (project, info->id, find, with, all ? 0 : MAX (occurrence, 1),
                                   whole_word, &removed, &error) < 0)
        return cb_cli_fail (error);
    }
  else
    {
      gint64 start, end;

      if (all || occurrence != 0 || whole_word)
        return cb_cli_usage (command, _("--occurrence, --all and --whole-word go with --find"));
      if (!cb_cli_expect_args (command, argc, 5, 5))
        return CB_CLI_EXIT_USAGE;
      if (!cb_tsv_parse_offset (argv[3], &start) || !cb_tsv_parse_offset (argv[4], &end))
        return cb_cli_usage (command, _("START and END must be character offsets (0 or more)"));
      if (!(project = cb_cli_open_project (argv[1])) || !cb_cli_backup_if_requested (project))
        return CB_CLI_EXIT_FAILURE;
      if (!(info = cb_project_get_document (project, argv[2], &error)) ||
          !cb_project_replace_text (project, info->id, start, end, argv[5], &removed, &error))
        return cb_cli_fail (error);
    }

  note_removed (removed);
  return CB_CLI_EXIT_OK;
}

static int run_names (int argc, char **argv) { return 2; }
static int run_pseudonymise (int argc, char **argv) { return 2; }
static int run_depseudonymise (int argc, char **argv) { return 2; }
