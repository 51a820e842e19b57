/* cb-cli-turns.c: codeboom-cli speakers, turns, speaker …, autocode-speakers
 *
 * Output formats (a contract, see README.md):
 *   speakers:           SPEAKER<TAB>TURNS<TAB>CHARACTERS[<TAB>ROLE with --long:
 *                       narrator|participant|facilitator|observer, else
 *                       interviewer or empty]
 *                       in order of first appearance; CHARACTERS counts the code
 *                       points of the speaker's turns after their labels
 *   turns:              START<TAB>END<TAB>SPEAKER<TAB>TIMESTAMP (empty when none)
 *   autocode-speakers:  CODE PATH<TAB>TURNS CODED<TAB>NEW CODINGS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-cli.h"
#include "cb-project-turns.h"

static int run_speakers (int argc, char **argv);
static int run_turns (int argc, char **argv);
static int run_speaker_rename (int argc, char **argv);
static int run_speaker_interviewer (int argc, char **argv);
static int run_speakers_detect (int argc, char **argv);
static int run_autocode_speakers (int argc, char **argv);

const CbCliCommand cb_cli_turns_commands[] = {
  { "speakers", N_("PROJECT DOC [--long]"),
    N_("List a document's speakers: name, turns and characters spoken (--long: and role)"),
    run_speakers },
  { "turns", N_("PROJECT DOC"),
    N_("List a document's speaker turns: start, end, speaker and timestamp"),
    run_turns },
  { "speaker rename", N_("PROJECT DOC OLD NEW"),
    N_("Rename a speaker of a document (into an existing name: merge the two)"),
    run_speaker_rename },
  { "speaker interviewer", N_("PROJECT DOC NAME [--unset]"),
    N_("Mark a speaker of a document as the interviewer (or no longer, with --unset)"),
    run_speaker_interviewer },
  { "speaker role", N_("PROJECT DOC SPEAKER (narrator|participant|facilitator|observer|--unset)"),
    N_("Give a speaker of a MAG session a role (or none, with --unset)"),
    cb_cli_run_speaker_role },
  { "speakers detect", N_("PROJECT DOC"),
    N_("Recognise a document's speaker turns again (renames and roles are lost)"),
    run_speakers_detect },
  { "autocode-speakers", N_("PROJECT (DOC|--all) [--parent PATH] [--skip-interviewers] [--coder NAME]"),
    N_("Code every turn's text with a code per speaker, under “Sprekers” unless --parent says otherwise"),
    run_autocode_speakers },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_turns_commands, name);
}

static int
run_speakers (int    argc,
              char **argv)
{
  const CbCliCommand *command = self_command ("speakers");
  gboolean long_format = FALSE;
  GOptionEntry entries[] = {
    { "long", 'l', 0, G_OPTION_ARG_NONE, &long_format, N_("Add a column with the speaker's role (a MAG role, else “interviewer” or empty)"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(GHashTable) roles = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(speakers = cb_project_list_speakers (project, argv[2], &error)) ||
      (long_format && !(roles = cb_project_dup_speaker_roles (project, argv[2], &error))))
    return cb_cli_fail (error);

  for (guint i = 0; i < speakers->len; i++)
    {
      CbSpeakerInfo *speaker = speakers->pdata[i];

      cb_tsv_append_escaped (out, speaker->name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT,
                              speaker->n_turns, speaker->n_chars);
      if (long_format)
        {
          /* a MAG role (narrator, participant, …) when it has one */
          const char *role = cb_speaker_role_to_string (GPOINTER_TO_INT (g_hash_table_lookup (roles, speaker->name)));

          g_string_append_printf (out, "\t%s", role != NULL ? role : speaker->is_interviewer ? "interviewer" : "");
        }
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);

  return CB_CLI_EXIT_OK;
}

static int
run_turns (int    argc,
           char **argv)
{
  const CbCliCommand *command = self_command ("turns");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(turns = cb_project_list_turns (project, argv[2], &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < turns->len; i++)
    {
      CbTurnInfo *turn = turns->pdata[i];

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
                              turn->start, turn->end);
      cb_tsv_append_escaped (out, turn->speaker);
      g_string_append_c (out, '\t');
      if (turn->timestamp != NULL)
        cb_tsv_append_escaped (out, turn->timestamp);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);

  return CB_CLI_EXIT_OK;
}

static int
run_speaker_rename (int    argc,
                    char **argv)
{
  const CbCliCommand *command = self_command ("speaker rename");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 4, 4))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_rename_speaker (project, argv[2], argv[3], argv[4], &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

static int
run_speaker_interviewer (int    argc,
                         char **argv)
{
  const CbCliCommand *command = self_command ("speaker interviewer");
  gboolean unset = FALSE;
  GOptionEntry entries[] = {
    { "unset", 0, 0, G_OPTION_ARG_NONE, &unset, N_("The speaker is not (or no longer) an interviewer"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 3, 3))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_set_speaker_interviewer (project, argv[2], argv[3], !unset, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

static int
run_speakers_detect (int    argc,
                     char **argv)
{
  const CbCliCommand *command = self_command ("speakers detect");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  guint n_turns = 0;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_detect_turns (project, argv[2], &n_turns, &error))
    return cb_cli_fail (error);

  printf ("%u\n", n_turns);

  return CB_CLI_EXIT_OK;
}

static int
run_autocode_speakers (int    argc,
                       char **argv)
{
  const CbCliCommand *command = self_command ("autocode-speakers");
  gboolean all = FALSE;
  gboolean skip_interviewers = FALSE;
  g_autofree char *parent = NULL;
  g_autofree char *coder = NULL;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every document that has speaker turns"), NULL },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, N_("The parent code of the speaker codes (default: “Sprekers”)"), N_("PATH") },
    { "skip-interviewers", 0, 0, G_OPTION_ARG_NONE, &skip_interviewers, N_("Do not code the turns of speakers marked as interviewer"), NULL },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Attribute the codings to this coder"), N_("NAME") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;
  if (all ? !cb_cli_expect_args (command, argc, 1, 1) : !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;

  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  cb_project_set_coder (project, cb_cli_coder (coder));

  codes = cb_project_autocode_speakers (project, all ? NULL : argv[2], parent,
                                        skip_interviewers ? CB_AUTOCODE_SKIP_INTERVIEWERS : CB_AUTOCODE_NONE,
                                        &error);
  if (codes == NULL)
    return cb_cli_fail (error);

  for (guint i = 0; i < codes->len; i++)
    {
      CbSpeakerCode *code = codes->pdata[i];

      cb_tsv_append_escaped (out, code->code_path);
      g_string_append_printf (out, "\t%u\t%u\n", code->n_turns, code->n_created);
    }
  cb_cli_write (out);

  return CB_CLI_EXIT_OK;
}
