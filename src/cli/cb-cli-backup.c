/* cb-cli-backup.c: backup, backups, restore, and the global --backup
 *
 * CLI commands make no backup unless asked: `codeboom-cli --backup COMMAND
 * ...` (or CODEBOOM_BACKUP=1) makes one when the command opens the project,
 * before it changes anything.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cb-backup.h"
#include "cb-cli.h"

static gboolean backup_requested;

void
cb_cli_request_backup (void)
{
  backup_requested = TRUE;
}

gboolean
cb_cli_backup_if_requested (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!backup_requested && g_strcmp0 (g_getenv ("CODEBOOM_BACKUP"), "1") != 0)
    return TRUE;

  /* Once per process, even if a command opens the project twice. */
  backup_requested = FALSE;
  g_unsetenv ("CODEBOOM_BACKUP");

  if (!(path = cb_project_backup (project, &error)))
    {
      cb_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

static const CbCliCommand *self_command (const char *name);

static int
run_backup (int    argc,
            char **argv)
{
  const CbCliCommand *command = self_command ("backup");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;

  /* Straight through the core: the global --backup would make two. */
  if (!(project = cb_project_open (argv[1], &error)))
    return cb_cli_fail (error);
  if (!(path = cb_project_backup (project, &error)))
    return cb_cli_fail (error);

  name = g_path_get_basename (path);
  printf ("%s\n", name);
  return CB_CLI_EXIT_OK;
}

static int
run_backups (int    argc,
             char **argv)
{
  const CbCliCommand *command = self_command ("backups");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;

  /* The project need not open: listing backups is what one does when it
   * no longer does. */
  if (!(backups = cb_backup_list (argv[1], &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < backups->len; i++)
    {
      CbBackupInfo *info = backups->pdata[i];
      g_autofree char *created = g_date_time_format (info->created, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (out, "%s\t%s\t%" G_GINT64_FORMAT "\n",
                              info->name, created, (gint64) info->size);
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static int
run_restore (int    argc,
             char **argv)
{
  const CbCliCommand *command = self_command ("restore");
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *previous = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;

  if (!(backup = cb_backup_resolve (argv[1], argv[2], &error)) ||
      !cb_backup_restore (argv[1], backup, &previous, &error))
    return cb_cli_fail (error);

  /* Where the replaced state is now: a new backup, or the damaged file
   * moved aside. */
  if (previous != NULL)
    {
      g_autofree char *name = g_path_get_basename (previous);

      printf ("%s\n", name);
    }
  return CB_CLI_EXIT_OK;
}

const CbCliCommand cb_cli_backup_commands[] = {
  { "backup", N_("PROJECT"), N_("Keep a copy of the project beside it (the last five are kept); prints its name"), run_backup },
  { "backups", N_("PROJECT"), N_("List the project's backups, newest first: name, time, bytes"), run_backups },
  { "restore", N_("PROJECT BACKUP"), N_("Replace the project by a backup (a name from “backups” or a path); prints where the replaced state was kept"), run_restore },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_backup_commands, name);
}
