/* cb-cli-mag.c: codeboom-cli phases, phase …, speaker role, mag grid
 *
 * Output formats (a contract, see README.md):
 *   phases:       START<TAB>END<TAB>PHASE in text order
 *   phase names:  one phase name a line, in list order
 *   phase detect: the number of phases found
 *   mag grid:     TSV: point<TAB>type<TAB>PARTICIPANT…, then per point
 *                 TITLE<TAB>convergence|divergence<TAB>COUNT…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-cli.h"

static int run_phases (int argc, char **argv);
static int run_phase_set (int argc, char **argv);
static int run_phase_clear (int argc, char **argv);
static int run_phase_detect (int argc, char **argv);
static int run_phase_names (int argc, char **argv);
static int run_mag_grid (int argc, char **argv);

const CbCliCommand cb_cli_mag_commands[] = {
  { "phases", N_("PROJECT DOC"),
    N_("List a MAG session's phases: start, end and phase"),
    run_phases },
  { "phase set", N_("PROJECT DOC PHASE START END [--other]"),
    N_("Make a span a phase (it replaces or trims the phases it covers)"),
    run_phase_set },
  { "phase clear", N_("PROJECT DOC [START END]"),
    N_("Remove a document's phases (or those of a span)"),
    run_phase_clear },
  { "phase detect", N_("PROJECT DOC"),
    N_("Find a document's phases from its marker lines (“## …”, “[…]”, a line naming a phase)"),
    run_phase_detect },
  { "phase names", N_("PROJECT [NAME...] [--default]"),
    N_("Show or set the project's list of phase names"),
    run_phase_names },
  { "mag grid", N_("PROJECT [--doc DOC...] [--format tsv|html|odt|docx] [--output FILE]"),
    N_("Write the convergence/divergence grid: points × participants"),
    run_mag_grid },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_mag_commands, name);
}

static int
run_phases (int    argc,
            char **argv)
{
  const CbCliCommand *command = self_command ("phases");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(phases = cb_project_list_phases (project, argv[2], &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < phases->len; i++)
    {
      CbPhaseInfo *phase = phases->pdata[i];

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
                              phase->start, phase->end);
      cb_tsv_append_escaped (out, phase->name);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static gboolean
parse_span (const CbCliCommand *command,
            const char         *start_text,
            const char         *end_text,
            gint64             *start,
            gint64             *end)
{
  if (!cb_tsv_parse_offset (start_text, start) || !cb_tsv_parse_offset (end_text, end))
    {
      cb_cli_usage (command, _("START and END must be character offsets"));
      return FALSE;
    }
  return TRUE;
}

static int
run_phase_set (int    argc,
               char **argv)
{
  const CbCliCommand *command = self_command ("phase set");
  gboolean other = FALSE;
  GOptionEntry entries[] = {
    { "other", 0, 0, G_OPTION_ARG_NONE, &other, N_("Accept a name that is not in the phase list"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 5, 5) ||
      !parse_span (command, argv[4], argv[5], &start, &end))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_set_phase (project, argv[2], argv[3], start, end, other, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static int
run_phase_clear (int    argc,
                 char **argv)
{
  const CbCliCommand *command = self_command ("phase clear");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = 0, end = 0;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 4))
    return CB_CLI_EXIT_USAGE;
  if (argc - 1 == 3)
    return cb_cli_usage (command, _("Give both START and END, or neither"));
  if (argc - 1 == 4 && !parse_span (command, argv[3], argv[4], &start, &end))
    return CB_CLI_EXIT_USAGE;
  if (argc - 1 == 4 && end <= start)
    return cb_cli_usage (command, _("END must be after START"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_clear_phases (project, argv[2], start, end, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static int
run_phase_detect (int    argc,
                  char **argv)
{
  const CbCliCommand *command = self_command ("phase detect");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  guint n_phases = 0;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_detect_phases (project, argv[2], &n_phases, &error))
    return cb_cli_fail (error);
  printf ("%u\n", n_phases);
  return CB_CLI_EXIT_OK;
}

static int
run_phase_names (int    argc,
                 char **argv)
{
  const CbCliCommand *command = self_command ("phase names");
  gboolean reset = FALSE;
  GOptionEntry entries[] = {
    { "default", 0, 0, G_OPTION_ARG_NONE, &reset, N_("Go back to the default list (in the language of the locale)"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, -1))
    return CB_CLI_EXIT_USAGE;
  if (reset && argc - 1 > 1)
    return cb_cli_usage (command, _("Give names or --default, not both"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if ((reset || argc - 1 > 1) &&
      !cb_project_set_phase_names (project, reset ? NULL : (const char * const *) argv + 2, &error))
    return cb_cli_fail (error);
  if (reset || argc - 1 > 1)
    return CB_CLI_EXIT_OK;

  if (!(names = cb_project_dup_phase_names (project, &error)))
    return cb_cli_fail (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      cb_tsv_append_escaped (out, names[i]);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

int
cb_cli_run_speaker_role (int    argc,
                         char **argv)
{
  const CbCliCommand *command = NULL;
  gboolean unset = FALSE;
  GOptionEntry entries[] = {
    { "unset", 0, 0, G_OPTION_ARG_NONE, &unset, N_("The speaker has no role"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  CbSpeakerRole role = CB_SPEAKER_ROLE_NONE;

  /* listed with the other speaker commands (cb-cli-turns.c) */
  for (const CbCliCommand *c = cb_cli_turns_commands; command == NULL && c->name != NULL; c++)
    if (g_str_equal (c->name, "speaker role"))
      command = c;
  g_assert (command != NULL);

  if (!cb_cli_parse (command, entries, &argc, &argv) ||
      !cb_cli_expect_args (command, argc, unset ? 3 : 4, unset ? 3 : 4))
    return CB_CLI_EXIT_USAGE;
  if (!unset && (role = cb_speaker_role_from_string (argv[4])) == CB_SPEAKER_ROLE_NONE)
    return cb_cli_usage (command, _("Unknown role “%s”: use narrator, participant, facilitator or observer"),
                         argv[4]);
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_set_speaker_role (project, argv[2], argv[3], role, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static int
run_mag_grid (int    argc,
              char **argv)
{
  const CbCliCommand *command = self_command ("mag grid");
  g_auto(GStrv) documents = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "doc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &documents, N_("A session (repeat; default: every document with participants)"), N_("DOC") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("tsv (counts), html, odt or docx (quotes)"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (the format from its extension)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbMagGrid) grid = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CbMagGridFormat format = CB_MAG_GRID_TSV;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (format_text != NULL && !cb_mag_grid_format_from_string (format_text, &format))
    return cb_cli_usage (command, _("Unknown format “%s”: use tsv, html, odt or docx"), format_text);
  if (format_text == NULL && output != NULL)
    {
      const char *dot = strrchr (output, '.');

      if (dot == NULL || !cb_mag_grid_format_from_string (dot + 1, &format))
        format = CB_MAG_GRID_TSV;
    }
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(grid = cb_project_mag_grid (project, (const char * const *) documents, &error)) ||
      !(bytes = cb_mag_grid_write (grid, format, &error)))
    return cb_cli_fail (error);

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!cb_export_write_file (bytes, file, &error))
        return cb_cli_fail (error);
    }
  else
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      fwrite (data, 1, size, stdout);
    }
  return CB_CLI_EXIT_OK;
}
