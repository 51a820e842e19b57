/* codeboom-cli.c: the command-line front end of Codeboom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli.h"

/* Every table of commands; each command group adds its own. */
static const CbCliCommand *command_tables[] = {
  cb_cli_project_commands,
  cb_cli_search_commands,
  cb_cli_turns_commands,
  cb_cli_backup_commands,
  cb_cli_analysis_commands,
  cb_cli_cases_commands,
  cb_cli_merge_commands,
  cb_cli_sets_commands,
  cb_cli_teamwork_commands,
  cb_cli_mag_commands,
  cb_cli_memos_commands,
  cb_cli_edit_commands,
};

void
cb_cli_error (const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fflush (stdout);
  fprintf (stderr, "codeboom-cli: %s\n", message);
}

int
cb_cli_fail (const GError *error)
{
  cb_cli_error ("%s", error->message);
  return CB_CLI_EXIT_FAILURE;
}

const CbCliCommand *
cb_cli_command_in (const CbCliCommand *table,
                   const char         *name)
{
  for (const CbCliCommand *c = table; c->name != NULL; c++)
    if (g_str_equal (c->name, name))
      return c;
  g_assert_not_reached ();
}

void
cb_cli_report_timing (const char *what,
                      gint64      started)
{
  if (g_strcmp0 (g_getenv ("CODEBOOM_TIMING"), "1") == 0)
    fprintf (stderr, "timing: %s %.3f ms\n", what, (g_get_monotonic_time () - started) / 1000.0);
}

gboolean
cb_cli_expect_args (const CbCliCommand *command,
                    int                 argc,
                    int                 min,
                    int                 max)
{
  if (argc - 1 < min)
    {
      cb_cli_usage (command, _("Missing arguments"));
      return FALSE;
    }
  if (max >= 0 && argc - 1 > max)
    {
      cb_cli_usage (command, _("Too many arguments"));
      return FALSE;
    }
  return TRUE;
}

int
cb_cli_usage (const CbCliCommand *command,
              const char         *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  cb_cli_error ("%s", message);
  fprintf (stderr, _("Usage: codeboom-cli %s %s\n"), command->name, command->synopsis);
  return CB_CLI_EXIT_USAGE;
}

gboolean
cb_cli_parse (const CbCliCommand   *command,
              GOptionEntry         *entries,
              int                  *argc,
              char               ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, command->synopsis);

  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cb_cli_usage (command, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

CbProject *
cb_cli_open_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  CbProject *project = cb_project_open (path, &error);

  if (project == NULL)
    cb_cli_fail (error);
  else if (!cb_cli_backup_if_requested (project))
    g_clear_object (&project);

  return project;
}

const char *
cb_cli_coder (const char *option)
{
  const char *env = g_getenv ("CODEBOOM_CODER");

  if (option != NULL && option[0] != '\0')
    return option;
  if (env != NULL && env[0] != '\0')
    return env;
  return g_get_user_name ();
}

void
cb_cli_write (GString *out)
{
  fwrite (out->str, 1, out->len, stdout);
}

static void
print_commands (FILE *stream)
{
  fprintf (stream, _("Usage: codeboom-cli COMMAND ARGUMENTS...\n\n"
                     "Codeboom: qualitative coding of interview transcripts.\n\n"
                     "Commands:\n"));
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CbCliCommand *c = command_tables[t]; c->name != NULL; c++)
      fprintf (stream, "  %s %s\n      %s\n", c->name, c->synopsis, _(c->summary));
  fprintf (stream, _("\nRun “codeboom-cli COMMAND --help” for the options of a command.\n"));
}

/* Finds the command named by the first one or two words of @argv; sets
 * *@n_words to how many it took. */
static const CbCliCommand *
find_command (int     argc,
              char  **argv,
              int    *n_words)
{
  g_autofree char *two = argc >= 3 ? g_strdup_printf ("%s %s", argv[1], argv[2]) : NULL;

  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CbCliCommand *c = command_tables[t]; c->name != NULL; c++)
      if (two != NULL && g_str_equal (c->name, two))
        {
          *n_words = 2;
          return c;
        }

  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const CbCliCommand *c = command_tables[t]; c->name != NULL; c++)
      if (g_str_equal (c->name, argv[1]))
        {
          *n_words = 1;
          return c;
        }

  return NULL;
}

int
main (int    argc,
      char **argv)
{
  const CbCliCommand *command;
  g_autofree char *name = NULL;
  int n_words = 0;
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("codeboom-cli");

  if (argc < 2)
    {
      print_commands (stderr);
      return CB_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_commands (stdout);
      return CB_CLI_EXIT_OK;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      printf ("codeboom-cli %s\n", PACKAGE_VERSION);
      return CB_CLI_EXIT_OK;
    }

  /* codeboom-cli --backup COMMAND ...: back the project up before the
   * command changes it (cb-cli-backup.c). */
  if (g_str_equal (argv[1], "--backup") && argc >= 3)
    {
      cb_cli_request_backup ();
      argv[1] = argv[0];
      argc--;
      argv++;
    }

  command = find_command (argc, argv, &n_words);
  if (command == NULL)
    {
      cb_cli_error (_("Unknown command “%s”; run “codeboom-cli --help” for the list"), argv[1]);
      return CB_CLI_EXIT_USAGE;
    }

  /* The command sees itself as argv[0], so that option parsing and its
   * --help work as for a program of its own. */
  name = g_strdup (command->name);
  argv[n_words] = name;
  status = command->run (argc - n_words, argv + n_words);

  fflush (stdout);
  if (ferror (stdout))
    {
      cb_cli_error (_("Cannot write the output"));
      return CB_CLI_EXIT_FAILURE;
    }

  return status;
}
