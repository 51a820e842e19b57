/* cb-cli-edit.c: codeboom-cli text replace, names, pseudonymise, depseudonymise
 *
 * Output formats (a contract, see README.md):
 *   text replace:    nothing on stdout; removed codings as a note on stderr
 *   names:           NAME<TAB>COUNT<TAB>KIND (speaker or word), most frequent first
 *   pseudonymise:    DOCUMENT<TAB>REPLACEMENTS per changed document (also
 *                    with --dry-run), then notes on stderr
 *   depseudonymise:  DOCUMENT<TAB>REPLACEMENTS per restored document
 *   doc status:      DOCUMENT<TAB>original|edited|pseudonymised<TAB>EDITED<TAB>PSEUDONYMISED
 *                    (times, empty for never), per document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-cli.h"
#include "cb-pseudonymise.h"

static int run_text_replace (int argc, char **argv);
static int run_names (int argc, char **argv);
static int run_pseudonymise (int argc, char **argv);
static int run_depseudonymise (int argc, char **argv);
static int run_doc_status (int argc, char **argv);

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
  { "doc status", N_("PROJECT [DOC...]"),
    N_("Show whether documents were edited or pseudonymised since import, and when"),
    run_doc_status },
  { NULL }
};

/* With CODEBOOM_TIMING=1 the time an operation took inside the process
 * goes to stderr, for bench/. */
static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_edit_commands, name);
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
  gint64 started;

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
      started = g_get_monotonic_time ();
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
      started = g_get_monotonic_time ();
      if (!(info = cb_project_get_document (project, argv[2], &error)) ||
          !cb_project_replace_text (project, info->id, start, end, argv[5], &removed, &error))
        return cb_cli_fail (error);
    }

  cb_cli_report_timing ("text replace", started);
  note_removed (removed);
  return CB_CLI_EXIT_OK;
}

static int
run_names (int    argc,
           char **argv)
{
  const CbCliCommand *command = self_command ("names");
  gint min_count = 2;
  GOptionEntry entries[] = {
    { "min-count", 0, 0, G_OPTION_ARG_INT, &min_count, N_("Only names seen at least N times (default 2)"), N_("N") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (min_count < 1)
    return cb_cli_usage (command, _("--min-count must be 1 or more"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(candidates = cb_project_list_name_candidates (project, min_count, &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < candidates->len; i++)
    {
      CbNameCandidate *candidate = candidates->pdata[i];

      cb_tsv_append_escaped (out, candidate->name);
      g_string_append_printf (out, "\t%u\t%s\n", candidate->count, candidate->speaker ? "speaker" : "word");
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

static void
print_report (CbPseudonymiseReport *report)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < report->documents->len; i++)
    {
      cb_tsv_append_escaped (out, report->documents->pdata[i]);
      g_string_append_printf (out, "\t%u\n", g_array_index (report->counts, guint, i));
    }
  cb_cli_write (out);
}

static int
run_pseudonymise (int    argc,
                  char **argv)
{
  const CbCliCommand *command = self_command ("pseudonymise");
  g_autofree char *key_path = NULL;
  g_autofree char *log_path = NULL;
  gboolean fold = FALSE, codes = FALSE, dry_run = FALSE, yes = FALSE;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_("The names and their placeholders: name<TAB>placeholder a line"), N_("KEY.tsv") },
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, N_("Write every replacement here, for depseudonymise (as confidential as the names)"), N_("LOG.tsv") },
    { "fold", 0, 0, G_OPTION_ARG_NONE, &fold, N_("Match names regardless of case and accents"), NULL },
    { "codes", 0, 0, G_OPTION_ARG_NONE, &codes, N_("Replace names in code names too"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Count the replacements, change nothing"), NULL },
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Clear the undo history (undo would bring the names back)"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) key = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(CbPseudonymiseReport) report = NULL;
  g_autoptr(GError) error = NULL;
  CbPseudonymiseFlags flags = 0;
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (key_path == NULL)
    return cb_cli_usage (command, _("--key is required"));
  if (!(key = cb_pseudonym_key_read (key_path, &error)))
    return cb_cli_fail (error);
  if (!dry_run && !yes)
    {
      cb_cli_error (_("Pseudonymising clears the undo history of the project, because undo would bring the names back; "
                      "nothing was changed. Run again with --yes to go ahead (--dry-run to only count)"));
      return CB_CLI_EXIT_FAILURE;
    }
  /* a log replaced by mistake would lose the only way back */
  if (log_path != NULL && !dry_run && g_file_test (log_path, G_FILE_TEST_EXISTS))
    {
      cb_cli_error (_("%s exists already; choose a new file for the log"), log_path);
      return CB_CLI_EXIT_FAILURE;
    }
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (fold)
    flags |= CB_PSEUDONYMISE_FOLD;
  if (codes)
    flags |= CB_PSEUDONYMISE_CODES;
  if (dry_run)
    flags |= CB_PSEUDONYMISE_DRY_RUN;
  started = g_get_monotonic_time ();
  if (!(report = cb_project_pseudonymise (project, key, flags, dry_run ? NULL : log_path, &error)))
    return cb_cli_fail (error);
  cb_cli_report_timing ("pseudonymise", started);

  print_report (report);
  if (dry_run)
    {
      cb_cli_error (_("note: dry run: %u names, memos or values outside the texts would change too; nothing was changed"),
                    report->n_fields);
      return CB_CLI_EXIT_OK;
    }
  if (!report->checkpointed)
    cb_cli_error (_("warning: another program is reading the project, so its write-ahead log (%s-wal) may still hold "
                    "old text; close that program and run this command again"), argv[1]);
  backups = cb_project_list_backups (project, NULL);
  if (backups != NULL && backups->len > 0)
    {
      cb_cli_error (_("warning: these backups still hold the names; delete them if they must go:"));
      for (guint i = 0; i < backups->len; i++)
        cb_cli_error ("  %s", ((CbBackupInfo *) backups->pdata[i])->path);
    }
  if (log_path != NULL)
    cb_cli_error (_("note: %s holds every name that was replaced: keep it as safe as the original transcripts"), log_path);
  return CB_CLI_EXIT_OK;
}

static int
run_depseudonymise (int    argc,
                    char **argv)
{
  const CbCliCommand *command = self_command ("depseudonymise");
  g_autofree char *log_path = NULL;
  GOptionEntry entries[] = {
    { "log", 0, 0, G_OPTION_ARG_FILENAME, &log_path, N_("The log that pseudonymise wrote"), N_("LOG.tsv") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbPseudonymiseReport) report = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (log_path == NULL)
    return cb_cli_usage (command, _("--log is required"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(report = cb_project_depseudonymise (project, log_path, &error)))
    return cb_cli_fail (error);
  print_report (report);
  if (report->n_fields > 0)
    cb_cli_error (_("note: %u names, memos or values outside the texts were put back too"), report->n_fields);
  return CB_CLI_EXIT_OK;
}

static int
run_doc_status (int    argc,
                char **argv)
{
  const CbCliCommand *command = self_command ("doc status");
  GOptionEntry entries[] = { { NULL } };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, -1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (argc > 2)
    {
      documents = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
      for (int i = 2; i < argc; i++)
        {
          CbDocumentInfo *document = cb_project_get_document (project, argv[i], &error);

          if (document == NULL)
            return cb_cli_fail (error);
          g_ptr_array_add (documents, document);
        }
    }
  else if (!(documents = cb_project_list_documents (project, &error)))
    return cb_cli_fail (error);

  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *document = documents->pdata[i];
      g_auto(CbDocumentStatus) status = { NULL, NULL };

      if (!cb_project_get_document_status (project, document->id, &status, &error))
        return cb_cli_fail (error);
      cb_tsv_append_escaped (out, document->name);
      g_string_append_printf (out, "\t%s\t%s\t%s\n",
                              status.pseudonymised != NULL ? "pseudonymised" : status.edited != NULL ? "edited" : "original",
                              status.edited != NULL ? status.edited : "",
                              status.pseudonymised != NULL ? status.pseudonymised : "");
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}
