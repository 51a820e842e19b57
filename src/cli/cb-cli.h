/* cb-cli.h: what the commands of codeboom-cli share
 *
 * codeboom-cli is a thin front end: it parses arguments, calls CbProject and
 * prints.  Its output formats and errors are a contract relied on by scripts
 * outside the project (see README.md): change them only by adding.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>

#include "cb-core.h"

G_BEGIN_DECLS

/* Exit statuses */
#define CB_CLI_EXIT_OK      0
#define CB_CLI_EXIT_FAILURE 1
#define CB_CLI_EXIT_USAGE   2

typedef int (*CbCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char       *name;      /* "import", "code add", … */
  const char       *synopsis;  /* "PROJECT FILE... [--name NAME]" */
  const char       *summary;   /* one line, translatable */
  CbCliCommandFunc  run;       /* argv[0] is the command's name */
} CbCliCommand;

/* Prints "codeboom-cli: MESSAGE" on stderr. */
void        cb_cli_error            (const char   *format,
                                     ...) G_GNUC_PRINTF (1, 2);

/* Prints a GError as above and returns CB_CLI_EXIT_FAILURE. */
int         cb_cli_fail             (const GError *error);

/* Prints a usage error with the command's synopsis; returns CB_CLI_EXIT_USAGE. */
int         cb_cli_usage            (const CbCliCommand *command,
                                     const char   *format,
                                     ...) G_GNUC_PRINTF (2, 3);

/* The command named @name in @table (a file's own command table); a name
 * not there is a programming error. */
const CbCliCommand *cb_cli_command_in (const CbCliCommand *table,
                                       const char         *name);
/* With CODEBOOM_TIMING=1, "timing: WHAT MS" on stderr: the time since
 * @started (g_get_monotonic_time()). */
void        cb_cli_report_timing    (const char   *what,
                                     gint64        started);

/* Checks the number of positional arguments (after argv[0]): FALSE after
 * printing a usage error ("Missing arguments", "Too many arguments"); @max
 * -1 for no limit. */
gboolean    cb_cli_expect_args      (const CbCliCommand *command,
                                     int           argc,
                                     int           min,
                                     int           max);

/* Parses the command's options with GOptionContext; handles --help (prints
 * and exits 0).  Returns FALSE after printing a usage error. */
gboolean    cb_cli_parse            (const CbCliCommand *command,
                                     GOptionEntry *entries,
                                     int          *argc,
                                     char       ***argv);

/* Opens an existing project, or prints why not and returns NULL. */
CbProject  *cb_cli_open_project     (const char   *path);

/* The coder: --coder, else $CODEBOOM_CODER, else the login name. */
const char *cb_cli_coder            (const char   *option);

/* Writes @out to stdout, byte for byte. */
void        cb_cli_write            (GString      *out);

/* The tables of commands, one per source file, NULL-name terminated. */
extern const CbCliCommand cb_cli_project_commands[];
extern const CbCliCommand cb_cli_search_commands[];
extern const CbCliCommand cb_cli_turns_commands[];
extern const CbCliCommand cb_cli_backup_commands[];
extern const CbCliCommand cb_cli_analysis_commands[];
extern const CbCliCommand cb_cli_cases_commands[];
extern const CbCliCommand cb_cli_merge_commands[];
extern const CbCliCommand cb_cli_sets_commands[];
extern const CbCliCommand cb_cli_teamwork_commands[];
extern const CbCliCommand cb_cli_mag_commands[];

/* speaker role (cb-cli-mag.c), listed among the speaker commands */
int         cb_cli_run_speaker_role (int           argc,
                                     char        **argv);
extern const CbCliCommand cb_cli_memos_commands[];
extern const CbCliCommand cb_cli_edit_commands[];

/* --where EXPR... (cb-cli-cases.c): the filter, NULL when none; FALSE
 * after printing why a filter is invalid. */
gboolean    cb_cli_parse_where      (char         **where,
                                     CbCaseFilter **filter);

/* The scope options (cb-cli-scope.c): --where, --coder, --set, --phase,
 * --role and --speaker, filled by GOption. */
typedef struct
{
  char **where;
  char **coder;
  char **set;
  char **phase;
  char **role;
  char **speaker;
} CbCliScope;

typedef enum
{
  CB_CLI_SCOPE_OWN_CODER   = 1 << 0,  /* the command's --coder means something else (search) */
  CB_CLI_SCOPE_OWN_SPEAKER = 1 << 1,  /* the command has its own --speaker (search) */
} CbCliScopeFlags;

/* @own's entries followed by the scope's (a new array, g_free() it). */
GOptionEntry *cb_cli_scope_entries  (const GOptionEntry *own,
                                     CbCliScope   *scope,
                                     CbCliScopeFlags flags);
/* Whether any scope option was given. */
gboolean    cb_cli_scope_given      (const CbCliScope *scope);
/* The filter of the options given, NULL when none; FALSE after printing
 * why a --where is invalid (names are checked when the filter is used). */
gboolean    cb_cli_scope_build      (const CbCliScope *scope,
                                     CbCaseFilter **filter);
void        cb_cli_scope_clear      (CbCliScope   *scope);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CbCliScope, cb_cli_scope_clear)
/* Replaces *@name by the name of @kind it means (exact, else folded when
 * one matches); unchanged when none matches (the command reports it);
 * FALSE after printing the candidates when it is ambiguous. */
gboolean    cb_cli_resolve_name     (CbProject    *project,
                                     CbScopeKind   kind,
                                     char        **name);
/* The same for a code path. */
gboolean    cb_cli_resolve_code     (CbProject    *project,
                                     char        **path);

/* import --records (cb-cli-cases.c): @other_options when --name or
 * --encoding were given too (a usage error). */
int         cb_cli_import_records   (const CbCliCommand *command,
                                     int           argc,
                                     char        **argv,
                                     gboolean      records,
                                     gboolean      other_options,
                                     const char   *name_column,
                                     const char   *text_columns);

/* Whether every field of a quote template is known (the case attributes
 * of @project included); prints why not. */
gboolean    cb_cli_check_template   (CbProject    *project,
                                     const char   *template);

/* After `export --qdpx` (cb-cli-sets.c): a note on stderr naming the code
 * names that repeat across the tree, which tools needing unique names
 * (QualCoder) would lose codings over, unless @unique_names. */
void        cb_cli_note_repeated_code_names (CbProject *project,
                                             gboolean   unique_names);

/* The global --backup (cb-cli-backup.c): after cb_cli_request_backup() or
 * with CODEBOOM_BACKUP=1, the first project opened is backed up first. */
void        cb_cli_request_backup      (void);
gboolean    cb_cli_backup_if_requested (CbProject    *project);

G_END_DECLS
