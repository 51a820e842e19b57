/* cb-cli-sets.c: the commands over document sets, and the .qdpx export's note on repeated code names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cb-cli.h"

static const CbCliCommand *
self_command (const char *name);

static int
run_simple (const char *name,
            int         n_args,
            int         argc,
            char      **argv)
{
  const CbCliCommand *command = self_command (name);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, n_args, n_args))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  if (g_str_equal (name, "set add"))
    ok = cb_project_add_set (project, argv[2], &error);
  else if (g_str_equal (name, "set rename"))
    ok = cb_project_rename_set (project, argv[2], argv[3], &error);
  else if (g_str_equal (name, "set delete"))
    ok = cb_project_delete_set (project, argv[2], &error);
  else
    g_assert_not_reached ();

  return ok ? CB_CLI_EXIT_OK : cb_cli_fail (error);
}

static int run_set_add (int argc, char **argv) { return run_simple ("set add", 2, argc, argv); }
static int run_set_rename (int argc, char **argv) { return run_simple ("set rename", 3, argc, argv); }
static int run_set_delete (int argc, char **argv) { return run_simple ("set delete", 2, argc, argv); }

static int
run_members (const char  *name,
             int          argc,
             char       **argv)
{
  const CbCliCommand *command = self_command (name);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 3, -1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  /* argv is NULL-terminated after the documents */
  if (g_str_equal (name, "set assign"))
    ok = cb_project_assign_set (project, argv[2], (const char * const *) argv + 3, &error);
  else
    ok = cb_project_unassign_set (project, argv[2], (const char * const *) argv + 3, &error);
  return ok ? CB_CLI_EXIT_OK : cb_cli_fail (error);
}

static int run_set_assign (int argc, char **argv) { return run_members ("set assign", argc, argv); }
static int run_set_unassign (int argc, char **argv) { return run_members ("set unassign", argc, argv); }

static int
run_sets (int    argc,
          char **argv)
{
  const CbCliCommand *command = self_command ("sets");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(sets = cb_project_list_sets (project, &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < sets->len; i++)
    {
      CbDocumentSetInfo *info = sets->pdata[i];

      cb_tsv_append_escaped (out, info->name);
      g_string_append_printf (out, "\t%u\n", info->documents->len);
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static int
run_set_members (int    argc,
                 char **argv)
{
  const CbCliCommand *command = self_command ("set members");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) members = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(members = cb_project_list_set_members (project, argv[2], &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < members->len; i++)
    {
      cb_tsv_append_escaped (out, members->pdata[i]);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

const CbCliCommand cb_cli_sets_commands[] = {
  { "set add", N_("PROJECT NAME"), N_("Add a document set"), run_set_add },
  { "set rename", N_("PROJECT NAME NEWNAME"), N_("Rename a document set"), run_set_rename },
  { "set delete", N_("PROJECT NAME"), N_("Delete a document set (its documents stay)"), run_set_delete },
  { "set assign", N_("PROJECT NAME DOC..."), N_("Put documents into a set"), run_set_assign },
  { "set unassign", N_("PROJECT NAME DOC..."), N_("Take documents out of a set"), run_set_unassign },
  { "set members", N_("PROJECT NAME"), N_("List the documents of a set, one per line"), run_set_members },
  { "sets", N_("PROJECT"), N_("List document sets: name, documents"), run_sets },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_sets_commands, name);
}

void
cb_cli_note_repeated_code_names (CbProject *project,
                                 gboolean   unique_names)
{
  g_autoptr(GPtrArray) repeated = NULL;
  g_autoptr(GString) list = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (unique_names)
    return;
  if (!(repeated = cb_refi_export_repeated_code_names (project, &error)))
    {
      fprintf (stderr, "codeboom-cli: warning: %s\n", error->message);
      return;
    }
  if (repeated->len == 0)
    return;
  for (guint i = 0; i < repeated->len; i++)
    g_string_append_printf (list, "%s“%s”", i > 0 ? ", " : "", (const char *) repeated->pdata[i]);
  fprintf (stderr, "codeboom-cli: note: ");
  fprintf (stderr,
           ngettext ("a code name repeats across the tree (%s); tools that need unique names (QualCoder) lose codings over it: use --unique-names\n",
                     "code names repeat across the tree (%s); tools that need unique names (QualCoder) lose codings over them: use --unique-names\n",
                     repeated->len),
           list->str);
}
