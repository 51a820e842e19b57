/* cb-cli-project.c: the commands over documents, codes, codings and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>

#include "cb-cli.h"
#include "cb-export-xml.h"
#include "cb-refi-export.h"
#include "cb-refi-import.h"
#include "cb-quote-formats.h"

/* With CODEBOOM_TIMING=1 the time an operation took inside the process is
 * printed on stderr, for bench/ to set beside whole-process times. */
static const CbCliCommand *
self_command (const char *name);

#define COMMAND(name) (self_command (name))

static int
run_new (int    argc,
         char **argv)
{
  const CbCliCommand *command = COMMAND ("new");
  g_autofree char *from = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from, N_("Import a REFI-QDA project into the new project"), N_("FILE.qdpx") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;

  if (from != NULL)
    {
      /* the project file exists afterwards only when the import succeeded */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (from);
      g_autoptr(CbRefiImportReport) report = NULL;
      gint64 started = g_get_monotonic_time ();

      if (!(project = cb_refi_import_new_project_from_file (argv[1], file, &report, &error)))
        return cb_cli_fail (error);
      cb_cli_report_timing ("qdpx import", started);
      for (guint i = 0; i < report->warnings->len; i++)
        fprintf (stderr, "codeboom-cli: warning: %s\n", (const char *) report->warnings->pdata[i]);
      return CB_CLI_EXIT_OK;
    }

  if (!(project = cb_project_create (argv[1], &error)))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

static int
run_import (int    argc,
            char **argv)
{
  const CbCliCommand *command = COMMAND ("import");
  g_autofree char *name = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *name_column = NULL;
  g_autofree char *text_columns = NULL;
  gboolean records = FALSE;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The document's name (default: the file name without extension)"), N_("NAME") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Read plain text in this encoding instead of detecting it"), N_("ENCODING") },
    { "records", 0, 0, G_OPTION_ARG_NONE, &records, N_("A CSV sheet: each row a document and a case of the same name"), NULL },
    { "name-column", 0, 0, G_OPTION_ARG_STRING, &name_column, N_("With --records: the column that names each row (default: the first)"), N_("COL") },
    { "text-columns", 0, 0, G_OPTION_ARG_STRING, &text_columns, N_("With --records: the columns that make the text (default: the long ones)"), N_("COL,...") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GError) error = NULL;
  CbImportOptions options = { NULL };
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, -1))
    return CB_CLI_EXIT_USAGE;
  if (name != NULL && argc > 3)
    return cb_cli_usage (command, _("--name can only be used when importing one file"));
  if (records || name_column != NULL || text_columns != NULL)
    return cb_cli_import_records (command, argc, argv, records, name != NULL || encoding != NULL,
                                  name_column, text_columns);

  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  for (int i = 2; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));

  options.encoding = encoding;
  started = g_get_monotonic_time ();
  if (!cb_project_import_files (project, (GFile **) files->pdata, files->len, name, &options,
                                &imported, &error))
    return cb_cli_fail (error);
  cb_cli_report_timing ("import", started);

  for (guint i = 0; i < imported->len; i++)
    {
      CbImportedText *text = imported->pdata[i];
      g_autofree char *display = g_file_get_parse_name (files->pdata[i]);

      if (text->encoding_guessed)
        cb_cli_error (_("note: %s: the encoding was guessed as %s (use --encoding to choose another)"),
                      display, text->encoding);
      for (guint w = 0; w < text->warnings->len; w++)
        cb_cli_error (_("note: %s: %s"), display, (char *) text->warnings->pdata[w]);
    }

  return CB_CLI_EXIT_OK;
}

static int
run_docs (int    argc,
          char **argv)
{
  const CbCliCommand *command = COMMAND ("docs");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_autoptr(GHashTable) passing = NULL;
  g_auto(GStrv) where = NULL;
  GOptionEntry entries[] = {
    { "where", 0, 0, G_OPTION_ARG_STRING_ARRAY, &where, N_("Only documents of cases whose values pass EXPR (repeatable)"), N_("EXPR") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!cb_cli_parse_where (where, &filter))
    return CB_CLI_EXIT_FAILURE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(documents = cb_project_list_documents (project, &error)) ||
      (filter != NULL && !(passing = cb_project_filter_documents (project, filter, &error))))
    return cb_cli_fail (error);

  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *info = documents->pdata[i];

      if (passing != NULL && !g_hash_table_contains (passing, &info->id))
        continue;

      cb_tsv_append_escaped (out, info->name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                              info->n_chars, info->n_codings);
    }
  cb_cli_write (out);

  return CB_CLI_EXIT_OK;
}

static int
run_text (int    argc,
          char **argv)
{
  const CbCliCommand *command = COMMAND ("text");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(info = cb_project_get_document (project, argv[2], &error)) ||
      !(text = cb_project_dup_document_text (project, info->id, &length, &error)))
    return cb_cli_fail (error);

  fwrite (text, 1, length, stdout);
  return CB_CLI_EXIT_OK;
}

static int
run_code_add (int    argc,
              char **argv)
{
  const CbCliCommand *command = COMMAND ("code add");
  g_autofree char *color = NULL;
  g_autofree char *description = NULL;
  GOptionEntry entries[] = {
    { "color", 0, 0, G_OPTION_ARG_STRING, &color, N_("The code's colour"), N_("#RRGGBB") },
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("The code's definition"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_add_code (project, argv[2], color, description, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

static int
run_code_import (int    argc,
                 char **argv)
{
  const CbCliCommand *command = COMMAND ("code import");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  file = g_file_new_for_commandline_arg (argv[2]);
  started = g_get_monotonic_time ();
  if (g_str_has_suffix (argv[2], ".qdc") || g_str_has_suffix (argv[2], ".QDC"))
    {
      g_autoptr(CbRefiImportReport) report = NULL;

      if (!cb_refi_import_codebook_from_file (project, file, &report, &error))
        return cb_cli_fail (error);
      for (guint i = 0; i < report->warnings->len; i++)
        fprintf (stderr, "codeboom-cli: warning: %s\n", (const char *) report->warnings->pdata[i]);
    }
  else if (!cb_project_import_codebook_tsv (project, file, NULL, &error))
    return cb_cli_fail (error);
  cb_cli_report_timing ("code import", started);

  return CB_CLI_EXIT_OK;
}

static int
run_code_move (int    argc,
               char **argv)
{
  const CbCliCommand *command = COMMAND ("code move");
  g_autofree char *position_text = NULL;
  GOptionEntry entries[] = {
    { "position", 0, 0, G_OPTION_ARG_STRING, &position_text, N_("Its place among its new siblings, from 0 (default: last)"), N_("N") },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 position = -1;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 3, 3))
    return CB_CLI_EXIT_USAGE;
  if (position_text != NULL && !cb_tsv_parse_offset (position_text, &position))
    return cb_cli_usage (command, _("--position takes a number from 0, not “%s”"), position_text);
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_move_code (project, argv[2], argv[3], position, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

/* The commands that are one project operation on their arguments: parse,
 * open, call, report. */
typedef gboolean (*ProjectOperation) (CbProject  *project,
                                      char      **args,
                                      GError    **error);

static int
run_operation (const char        *name,
               int                n_args,
               ProjectOperation   operation,
               int                argc,
               char             **argv)
{
  const CbCliCommand *command = COMMAND (name);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, n_args, n_args))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!operation (project, argv, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

#define OPERATION(func, name, n_args, call)                                   \
  static gboolean                                                             \
  func##_operation (CbProject *project, char **argv, GError **error)          \
  {                                                                           \
    return call;                                                              \
  }                                                                           \
  static int                                                                  \
  func (int argc, char **argv)                                                \
  {                                                                           \
    return run_operation (name, n_args, func##_operation, argc, argv);        \
  }

OPERATION (run_doc_rename, "doc rename", 3, cb_project_rename_document (project, argv[2], argv[3], error))
OPERATION (run_doc_delete, "doc delete", 2, cb_project_delete_document (project, argv[2], error))
OPERATION (run_code_rename, "code rename", 3, cb_project_rename_code (project, argv[2], argv[3], error))
OPERATION (run_code_merge, "code merge", 3, cb_project_merge_codes (project, argv[2], argv[3], error))
OPERATION (run_code_delete, "code delete", 2, cb_project_delete_code (project, argv[2], error))
OPERATION (run_code_color, "code color", 3, cb_project_set_code_color (project, argv[2], argv[3], error))
OPERATION (run_code_describe, "code describe", 3, cb_project_set_code_description (project, argv[2], argv[3], error))

static int
run_codes (int    argc,
           char **argv)
{
  const CbCliCommand *command = COMMAND ("codes");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *filter = NULL;
  GOptionEntry entries[] = {
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter,
      N_("Only codes whose path has every word of TEXT, ignoring case and accents; best match first"), N_("TEXT") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(codes = cb_project_list_codes (project, &error)))
    return cb_cli_fail (error);
  /* The quick-code popover's ranking (cb-code-filter.h, owned by search). */
  if (filter != NULL)
    {
      GPtrArray *all = g_steal_pointer (&codes);

      codes = cb_code_filter_codes (all, filter);
      g_ptr_array_unref (all);
    }

  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];

      cb_tsv_append_escaped (out, code->path);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n",
                              code->n_codings, code->n_codings_total);
    }
  cb_cli_write (out);

  return CB_CLI_EXIT_OK;
}

static int
run_apply (int    argc,
           char **argv)
{
  const CbCliCommand *command = COMMAND ("apply");
  g_autofree char *coder = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *batch = NULL;
  gboolean commit_each = FALSE;
  int occurrence = -1;    /* -1: not given */
  GOptionEntry entries[] = {
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Who codes (default: $CODEBOOM_CODER, else the login name)"), N_("NAME") },
    { "quote", 0, 0, G_OPTION_ARG_STRING, &quote, N_("Code this exact text instead of offsets"), N_("TEXT") },
    { "occurrence", 0, 0, G_OPTION_ARG_INT, &occurrence, N_("Which match of the quote to code, from 1"), N_("N") },
    { "batch", 0, 0, G_OPTION_ARG_FILENAME, &batch, N_("Apply every line of doc<TAB>start<TAB>end<TAB>path"), N_("FILE.tsv") },
    { "commit-each", 0, 0, G_OPTION_ARG_NONE, &commit_each, N_("With --batch: commit each line on its own"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = 0;
  gint64 end = 0;
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;
  if (occurrence == 0 || occurrence < -1)
    return cb_cli_usage (command, _("--occurrence counts from 1"));
  if (commit_each && batch == NULL)
    return cb_cli_usage (command, _("--commit-each goes with --batch"));

  if (batch != NULL)
    {
      g_autoptr(GFile) file = NULL;

      if (quote != NULL || occurrence != -1)
        return cb_cli_usage (command, _("--batch cannot be combined with --quote or --occurrence"));
      if (!cb_cli_expect_args (command, argc, 1, 1))
        return CB_CLI_EXIT_USAGE;
      if (!(project = cb_cli_open_project (argv[1])))
        return CB_CLI_EXIT_FAILURE;

      cb_project_set_coder (project, cb_cli_coder (coder));
      file = g_file_new_for_commandline_arg (batch);
      started = g_get_monotonic_time ();
      if (!cb_project_apply_batch (project, file, commit_each, NULL, &error))
        return cb_cli_fail (error);
      cb_cli_report_timing ("apply --batch", started);
      return CB_CLI_EXIT_OK;
    }

  if (quote != NULL)
    {
      if (!cb_cli_expect_args (command, argc, 3, 3))
        return CB_CLI_EXIT_USAGE;
    }
  else
    {
      if (occurrence != -1)
        return cb_cli_usage (command, _("--occurrence goes with --quote"));
      if (!cb_cli_expect_args (command, argc, 5, 5))
        return CB_CLI_EXIT_USAGE;
      if (!cb_tsv_parse_offset (argv[4], &start) || !cb_tsv_parse_offset (argv[5], &end))
        return cb_cli_usage (command, _("START and END are offsets in characters, from 0"));
    }

  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  cb_project_set_coder (project, cb_cli_coder (coder));

  if (quote != NULL)
    {
      if (!cb_project_apply_quote (project, argv[2], argv[3], quote, MAX (occurrence, 0), &start, &end, &error))
        return cb_cli_fail (error);
      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\n", start, end);
    }
  else if (!cb_project_apply (project, argv[2], argv[3], start, end, NULL, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

static int
run_unapply (int    argc,
             char **argv)
{
  const CbCliCommand *command = COMMAND ("unapply");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  gint64 end;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 5, 5))
    return CB_CLI_EXIT_USAGE;
  if (!cb_tsv_parse_offset (argv[4], &start) || !cb_tsv_parse_offset (argv[5], &end))
    return cb_cli_usage (command, _("START and END are offsets in characters, from 0"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_unapply (project, argv[2], argv[3], start, end, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

/* Segments per page of `retrieve`: enough that a page's SQL and text
 * reads are amortised, few enough that memory stays small. */
#define RETRIEVE_PAGE 1024

static int
run_retrieve (int    argc,
              char **argv)
{
  const CbCliCommand *command = COMMAND ("retrieve");
  g_autofree char *format = NULL;
  g_autofree char *code_path = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_auto(CbCliScope) scope = { NULL };
  gboolean only = FALSE;
  const GOptionEntry own[] = {
    { "only", 0, 0, G_OPTION_ARG_NONE, &only, N_("Only the code itself, not its descendants"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), tsv or xml"), N_("FORMAT") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &scope, 0);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbSegmentCursor) cursor = NULL;
  const CbSegment *segments = NULL;
  guint n_segments = 0;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 retrieving = 0;
  guint64 n_written = 0;
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_str_equal (format, "text") && !g_str_equal (format, "tsv") && !g_str_equal (format, "xml"))
    return cb_cli_usage (command, _("Unknown format “%s”: use text, tsv or xml"), format);
  if (!cb_cli_scope_build (&scope, &filter))
    return CB_CLI_EXIT_FAILURE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  code_path = g_strdup (argv[2]);
  if (!cb_cli_resolve_code (project, &code_path))
    return CB_CLI_EXIT_FAILURE;

  if (g_str_equal (format, "xml"))
    {
      /* streamed to stdout a document at a time: memory stays small
       * whatever the code's size */
      g_autoptr(GOutputStream) raw = NULL;
      g_autoptr(GHashTable) documents = NULL;

      /* the errors a user makes (no such code: cb_cli_resolve_code()
       * above; a bad filter) before any XML is written: stdout stays
       * empty, as it did unstreamed */
      if (filter != NULL && !(documents = cb_project_filter_documents (project, filter, &error)))
        return cb_cli_fail (error);
      raw = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      fflush (stdout);
      /* unbuffered: the writer hands over a quarter of a megabyte or a
       * document at a time */
      if (!cb_export_quotes_to_stream (project, code_path, only ? CB_EXPORT_QUOTES_ONLY : 0, filter,
                                       raw, &error) ||
          !g_output_stream_close (raw, NULL, &error))
        return cb_cli_fail (error);
      return CB_CLI_EXIT_OK;
    }

  /* Streamed a page at a time in one read snapshot: memory follows the
   * page, not the code.  The in-process time is the retrieval's, without
   * the writing; the first page's is reported on its own line. */
  started = g_get_monotonic_time ();
  /* with a case filter too: the cursor drops the failing segments of each
   * document before their texts are read */
  cursor = cb_project_retrieve_cursor_filtered (project, code_path,
                                                CB_RETRIEVE_SNAPSHOT | (only ? 0 : CB_RETRIEVE_DESCENDANTS),
                                                filter, &error);
  if (cursor == NULL)
    return cb_cli_fail (error);
  retrieving = g_get_monotonic_time () - started;
  for (gboolean first_page = TRUE; ; first_page = FALSE)
    {
      gint64 page_started = g_get_monotonic_time ();

      /* borrowed from the cursor until the next page: written before it */
      if (!cb_segment_cursor_next_view (cursor, RETRIEVE_PAGE, &segments, &n_segments, &error))
        return cb_cli_fail (error);
      retrieving += g_get_monotonic_time () - page_started;
      if (first_page && g_strcmp0 (g_getenv ("CODEBOOM_TIMING"), "1") == 0)
        fprintf (stderr, "timing-first-page: retrieve %.3f ms\n", (g_get_monotonic_time () - started) / 1000.0);
      if (n_segments == 0)
        break;

      g_string_truncate (out, 0);
      for (guint i = 0; i < n_segments; i++, n_written++)
        {
          const CbSegment *segment = &segments[i];

          if (g_str_equal (format, "tsv"))
            {
              cb_tsv_append_escaped (out, segment->document_name);
              g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
                                      segment->start, segment->end);
              cb_tsv_append_escaped (out, segment->code_path);
              g_string_append_c (out, '\t');
              cb_tsv_append_escaped (out, segment->text);
              g_string_append_c (out, '\n');
            }
          else
            {
              g_auto(GStrv) lines = g_strsplit (segment->text, "\n", -1);

              g_string_append_printf (out, "%s%s [%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "] %s (%s)\n",
                                      n_written > 0 ? "\n" : "", segment->document_name,
                                      segment->start, segment->end, segment->code_path, segment->coder);
              for (guint l = 0; lines[l] != NULL; l++)
                g_string_append_printf (out, "    %s\n", lines[l]);
            }
        }
      cb_cli_write (out);
    }
  if (g_strcmp0 (g_getenv ("CODEBOOM_TIMING"), "1") == 0)
    fprintf (stderr, "timing: retrieve %.3f ms\n", retrieving / 1000.0);

  return CB_CLI_EXIT_OK;
}

static int
run_export (int    argc,
            char **argv)
{
  const CbCliCommand *command = COMMAND ("export");
  g_autofree char *codebook = NULL;
  g_autofree char *quotes = NULL;
  g_autofree char *qdpx = NULL;
  g_autofree char *code = NULL;
  g_autofree char *template = NULL;
  g_autofree char *locale = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_auto(CbCliScope) scope = { NULL };
  gboolean only = FALSE;
  gboolean nvivo_offsets = FALSE;
  gboolean anonymous = FALSE;
  gboolean unique_names = FALSE;
  gboolean with_empty_codes = FALSE;
  gboolean with_memos = FALSE;
  int block_words = CB_QUOTE_DEFAULT_BLOCK_WORDS;
  const GOptionEntry own[] = {
    { "codebook", 0, 0, G_OPTION_ARG_FILENAME, &codebook, N_("Write the code tree as a REFI-QDA codebook"), N_("OUT.qdc") },
    { "quotes", 0, 0, G_OPTION_ARG_FILENAME, &quotes, N_("Write the coded quotes; the extension picks the format"), N_("OUT.{xml,html,md,docx,odt}") },
    { "qdpx", 0, 0, G_OPTION_ARG_FILENAME, &qdpx, N_("Write the whole project as a REFI-QDA project"), N_("OUT.qdpx") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("With --quotes: only this code and its descendants"), N_("PATH") },
    { "only", 0, 0, G_OPTION_ARG_NONE, &only, N_("With --code: not its descendants"), NULL },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template, N_("With --quotes: the citation after each quote"), N_("TEXT") },
    { "block-words", 0, 0, G_OPTION_ARG_INT, &block_words, N_("With --quotes: quotes longer than this many words are block quotes"), N_("N") },
    { "with-empty-codes", 0, 0, G_OPTION_ARG_NONE, &with_empty_codes, N_("With --quotes: also list the codes that have no quotes"), NULL },
    { "with-memos", 0, 0, G_OPTION_ARG_NONE, &with_memos, N_("With --quotes: the code memos and coding memos beside the quotes"), NULL },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, N_("With --quotes: the language dates are written in (default: the environment's)"), N_("LOCALE") },
    { "nvivo-offsets", 0, 0, G_OPTION_ARG_NONE, &nvivo_offsets, N_("With --qdpx: positions in UTF-16 units, as NVivo counts"), NULL },
    { "anonymous", 0, 0, G_OPTION_ARG_NONE, &anonymous, N_("With --qdpx: leave user names and the project folder blank"), NULL },
    { "unique-names", 0, 0, G_OPTION_ARG_NONE, &unique_names, N_("With --qdpx: code names unique across the tree, “Name (Parent)”, for tools that need it"), NULL },
    { NULL }
  };
  /* with --quotes: --where, --coder, --set, --phase, --role, --speaker */
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &scope, 0);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CbQuoteFormat format = CB_QUOTE_FORMAT_XML;
  CbExportQuotesFlags quotes_flags;
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if ((codebook != NULL) + (quotes != NULL) + (qdpx != NULL) != 1)
    return cb_cli_usage (command, _("Give exactly one of --codebook, --quotes and --qdpx"));
  if (quotes == NULL && (code != NULL || only))
    return cb_cli_usage (command, _("--code and --only go with --quotes"));
  if (quotes == NULL && template != NULL)
    return cb_cli_usage (command, _("--template goes with --quotes"));
  if (quotes == NULL && with_empty_codes)
    return cb_cli_usage (command, _("--with-empty-codes goes with --quotes"));
  if (quotes == NULL && with_memos)
    return cb_cli_usage (command, _("--with-memos goes with --quotes"));
  if (quotes == NULL && (scope.where != NULL || locale != NULL))
    return cb_cli_usage (command, _("--where and --locale go with --quotes"));
  if (quotes == NULL && cb_cli_scope_given (&scope))
    return cb_cli_usage (command, _("--coder, --set, --phase, --role and --speaker go with --quotes"));
  if (!cb_cli_scope_build (&scope, &filter))
    return CB_CLI_EXIT_FAILURE;
  if (qdpx == NULL && (nvivo_offsets || anonymous))
    return cb_cli_usage (command, _("--nvivo-offsets and --anonymous go with --qdpx"));
  if (qdpx == NULL && unique_names)
    return cb_cli_usage (command, _("--unique-names goes with --qdpx"));
  if (only && code == NULL)
    return cb_cli_usage (command, _("--only goes with --code"));
  if (block_words < 0)
    return cb_cli_usage (command, _("--block-words must not be negative"));
  if (quotes != NULL && !cb_quote_format_from_filename (quotes, &format))
    return cb_cli_usage (command, _("The quotes file must end in .xml, .html, .md, .docx or .odt"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  if (!cb_cli_resolve_code (project, &code))
    return CB_CLI_EXIT_FAILURE;

  started = g_get_monotonic_time ();
  file = g_file_new_for_commandline_arg (codebook != NULL ? codebook : qdpx != NULL ? qdpx : quotes);
  /* the .qdpx and the quotes XML stream into the file: they grow with the project */
  if (qdpx != NULL)
    {
      if (!cb_refi_export_project_to_file (project,
                                           (nvivo_offsets ? CB_REFI_EXPORT_NVIVO_OFFSETS : 0)
                                           | (anonymous ? CB_REFI_EXPORT_ANONYMOUS : 0)
                                           | (unique_names ? CB_REFI_EXPORT_UNIQUE_NAMES : 0),
                                           file, &error))
        return cb_cli_fail (error);
      cb_cli_report_timing ("qdpx export", started);
      cb_cli_note_repeated_code_names (project, unique_names);
      return CB_CLI_EXIT_OK;
    }
  quotes_flags = (only ? CB_EXPORT_QUOTES_ONLY : 0)
                 | (with_empty_codes ? CB_EXPORT_QUOTES_WITH_EMPTY_CODES : 0)
                 | (with_memos ? CB_EXPORT_QUOTES_WITH_MEMOS : 0);
  /* an unknown field is an error, not an empty citation */
  if (template != NULL && !cb_cli_check_template (project, template))
    return CB_CLI_EXIT_FAILURE;
  if (quotes != NULL && format == CB_QUOTE_FORMAT_XML && filter == NULL)
    {
      if (!cb_export_quotes_to_file (project, code, quotes_flags, file, &error))
        return cb_cli_fail (error);
      return CB_CLI_EXIT_OK;
    }

  if (codebook != NULL)
    bytes = cb_export_codebook (project, &error);
  else
    {
      g_autoptr(GBytes) xml = cb_export_quotes_where (project, code, quotes_flags, filter, &error);

      if (xml != NULL && format == CB_QUOTE_FORMAT_XML)
        bytes = g_bytes_ref (xml);
      else if (xml != NULL)
        bytes = cb_quote_list_render_full (xml, format, template, block_words, locale, &error);
    }
  if (bytes == NULL)
    return cb_cli_fail (error);

  if (!cb_export_write_file (bytes, file, &error))
    return cb_cli_fail (error);

  return CB_CLI_EXIT_OK;
}

static int
run_check (int    argc,
           char **argv)
{
  const CbCliCommand *command = COMMAND ("check");
  gboolean quick = FALSE;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("Only SQLite's quick check and the invariants one query answers (seconds on a large project)"), NULL },
    { NULL }
  };
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(problems = cb_project_check_full (project, quick ? CB_CHECK_QUICK : CB_CHECK_FULL, &error)))
    return cb_cli_fail (error);

  if (problems->len == 0)
    {
      printf ("ok\n");
      return CB_CLI_EXIT_OK;
    }

  for (guint i = 0; i < problems->len; i++)
    printf ("%s\n", (char *) problems->pdata[i]);
  return CB_CLI_EXIT_FAILURE;
}

/* The default name of a repaired copy: "study.codeboom" → "study-repaired.codeboom" */
static char *
repaired_name (const char *path)
{
  g_autofree char *stem = g_str_has_suffix (path, ".codeboom")
                          ? g_strndup (path, strlen (path) - strlen (".codeboom"))
                          : g_strdup (path);

  return g_strconcat (stem, "-repaired.codeboom", NULL);
}

static int
run_repair (int    argc,
            char **argv)
{
  const CbCliCommand *command = COMMAND ("repair");
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *display = NULL;
  guint dropped = 0;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 2))
    return CB_CLI_EXIT_USAGE;

  copy = argc > 2 ? g_strdup (argv[2]) : repaired_name (argv[1]);
  if (!cb_project_repair (argv[1], copy, &dropped, &error))
    return cb_cli_fail (error);

  display = g_filename_display_name (copy);
  printf (ngettext ("%s: %u foreign schema object left out\n",
                    "%s: %u foreign schema objects left out\n", dropped),
          display, dropped);
  return CB_CLI_EXIT_OK;
}

static int
run_undo_or_redo (int       argc,
                  char    **argv,
                  gboolean  redo)
{
  const CbCliCommand *command = COMMAND (redo ? "redo" : "undo");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;

  label = redo ? cb_project_redo (project, &error) : cb_project_undo (project, &error);
  if (label == NULL)
    return cb_cli_fail (error);

  printf ("%s\n", label);
  return CB_CLI_EXIT_OK;
}

static int
run_undo (int    argc,
          char **argv)
{
  return run_undo_or_redo (argc, argv, FALSE);
}

static int
run_redo (int    argc,
          char **argv)
{
  return run_undo_or_redo (argc, argv, TRUE);
}

const CbCliCommand cb_cli_project_commands[] = {
  { "new", N_("PROJECT [--from FILE.qdpx]"), N_("Create a new project file, empty or from a REFI-QDA project"), run_new },
  { "import", N_("PROJECT FILE... [--name NAME] [--encoding ENCODING]"), N_("Import transcripts (all or none)"), run_import },
  { "docs", N_("PROJECT"), N_("List documents: name, characters, codings"), run_docs },
  { "text", N_("PROJECT DOC"), N_("Print a document's stored text, byte for byte"), run_text },
  { "doc rename", N_("PROJECT DOC NEWNAME"), N_("Rename a document"), run_doc_rename },
  { "doc delete", N_("PROJECT DOC"), N_("Delete a document and its codings"), run_doc_delete },
  { "code add", N_("PROJECT PATH [--color #RRGGBB] [--description TEXT]"), N_("Add a code (and missing parents)"), run_code_add },
  { "code import", N_("PROJECT FILE.tsv|FILE.qdc"), N_("Add codes from path[<TAB>description[<TAB>#RRGGBB]] lines or a REFI-QDA codebook"), run_code_import },
  { "code rename", N_("PROJECT PATH NEWNAME"), N_("Rename a code"), run_code_rename },
  { "code move", N_("PROJECT PATH NEWPARENT [--position N]"), N_("Move a code under another (\"\" = top level)"), run_code_move },
  { "code merge", N_("PROJECT SOURCE TARGET"), N_("Merge a code into another"), run_code_merge },
  { "code delete", N_("PROJECT PATH"), N_("Delete a code, its descendants and their codings"), run_code_delete },
  { "code color", N_("PROJECT PATH #RRGGBB"), N_("Set a code's colour (\"\" for none)"), run_code_color },
  { "code describe", N_("PROJECT PATH TEXT"), N_("Set a code's definition"), run_code_describe },
  { "codes", N_("PROJECT [--filter TEXT]"), N_("List codes depth first: path, own codings, codings incl. descendants"), run_codes },
  { "apply", N_("PROJECT DOC PATH (START END | --quote TEXT [--occurrence N]) [--coder NAME] | PROJECT --batch FILE.tsv [--commit-each]"),
    N_("Code a span of a document"), run_apply },
  { "unapply", N_("PROJECT DOC PATH START END"), N_("Remove a code from a span"), run_unapply },
  { "retrieve", N_("PROJECT PATH [--only] [--format text|tsv|xml] [SCOPE...]"), N_("Print the segments coded with a code"), run_retrieve },
  { "export", N_("PROJECT (--codebook OUT.qdc | --quotes OUT.{xml,html,md,docx,odt} [--code PATH [--only]] [--template TEXT] [--block-words N] [--with-empty-codes] [--with-memos] [SCOPE...] | --qdpx OUT.qdpx [--nvivo-offsets] [--anonymous] [--unique-names])"),
    N_("Export the code tree, coded quotes or the whole project"), run_export },
  { "check", N_("PROJECT [--quick]"), N_("Check the file's integrity and Codeboom's invariants"), run_check },
  { "repair", N_("PROJECT [COPY]"), N_("Copy a project refused for foreign schema objects (triggers, views…) without them; the default copy is PROJECT-repaired.codeboom"), run_repair },
  { "undo", N_("PROJECT"), N_("Undo the last change; prints what was undone"), run_undo },
  { "redo", N_("PROJECT"), N_("Redo the last undone change; prints what was redone"), run_redo },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_project_commands, name);
}
