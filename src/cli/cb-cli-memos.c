/* cb-cli-memos.c: memos of owners, free-standing memos, evidence and the memo report (issue 19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli.h"

static const CbCliCommand *
self_command (const char *name);

#define COMMAND(name) (self_command (name))

/* TEXT or --file F (both: a usage error); NULL with *@given FALSE when
 * neither.  Not CB_CLI_EXIT_OK: the exit status, after printing why. */
static int
memo_text (const CbCliCommand  *command,
           const char          *argument,
           const char          *path,
           char               **text,
           gboolean            *given)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  *text = NULL;
  *given = argument != NULL || path != NULL;
  if (argument != NULL && path != NULL)
    {
      return cb_cli_usage (command, _("Give the text or --file, not both"));
    }
  if (argument != NULL)
    {
      *text = g_strdup (argument);
      return CB_CLI_EXIT_OK;
    }
  if (path == NULL)
    return CB_CLI_EXIT_OK;
  if (!g_file_get_contents (path, text, &length, &error))
    return cb_cli_fail (error);
  if (!g_utf8_validate_len (*text, length, NULL))
    {
      cb_cli_error (_("“%s” is not UTF-8 text"), path);
      g_clear_pointer (text, g_free);
      return CB_CLI_EXIT_FAILURE;
    }
  return CB_CLI_EXIT_OK;
}

static void
print_text (const char *text)
{
  g_autoptr(GString) out = g_string_new (text != NULL ? text : "");

  if (out->len > 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
  cb_cli_write (out);
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
      cb_cli_usage (command, _("START and END are offsets in characters, from 0"));
      return FALSE;
    }
  return TRUE;
}

/* memo PROJECT [--project | --doc DOC | --code CODE | --coding DOC CODE START END
 *               | --case CASE | --title TITLE] [TEXT | --file F] */
static int
run_memo (int    argc,
          char **argv)
{
  const CbCliCommand *command = COMMAND ("memo");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *doc = NULL;
  g_autofree char *code = NULL;
  g_autofree char *case_name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *file = NULL;
  g_autofree char *coder = NULL;
  g_autofree char *text = NULL;
  g_autofree char *current = NULL;
  gboolean whole_project = FALSE;
  gboolean coding = FALSE;
  gboolean given = FALSE;
  gboolean ok = TRUE;
  gint64 start = 0, end = 0;
  int n_owner_args;
  int status;
  GOptionEntry entries[] = {
    { "project", 0, 0, G_OPTION_ARG_NONE, &whole_project, N_("The project's memo (the default)"), NULL },
    { "doc", 0, 0, G_OPTION_ARG_STRING, &doc, N_("The memo of a document"), N_("DOC") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code, N_("The memo of a code"), N_("PATH") },
    { "coding", 0, 0, G_OPTION_ARG_NONE, &coding, N_("The memo of a coding: DOC CODE START END follow PROJECT"), NULL },
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_name, N_("The memo of a case"), N_("CASE") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The text of a free-standing memo"), N_("TITLE") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("Read the memo from FILE"), N_("FILE") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("With --coding: whose coding (default: $CODEBOOM_CODER, else the login name)"), N_("NAME") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;
  if (whole_project + (doc != NULL) + (code != NULL) + coding + (case_name != NULL) + (title != NULL) > 1)
    return cb_cli_usage (command, _("Give one of --project, --doc, --code, --coding, --case and --title"));
  n_owner_args = coding ? 4 : 0;
  if (!cb_cli_expect_args (command, argc, 1 + n_owner_args, 2 + n_owner_args))
    return CB_CLI_EXIT_USAGE;
  if (coding && !parse_span (command, argv[4], argv[5], &start, &end))
    return CB_CLI_EXIT_USAGE;
  if ((status = memo_text (command, argc - 1 > 1 + n_owner_args ? argv[argc - 1] : NULL, file, &text, &given)) != CB_CLI_EXIT_OK)
    return status;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  cb_project_set_coder (project, cb_cli_coder (coder));

  if (doc != NULL)
    {
      g_autoptr(CbDocumentInfo) info = cb_project_get_document (project, doc, &error);

      if (info == NULL)
        return cb_cli_fail (error);
      if (given)
        ok = cb_project_set_document_memo (project, doc, text, &error);
      else
        current = g_strdup (info->memo);
    }
  else if (code != NULL)
    {
      g_autoptr(CbCodeInfo) info = cb_project_get_code (project, code, &error);

      if (info == NULL)
        return cb_cli_fail (error);
      if (given)
        ok = cb_project_set_code_memo (project, code, text, &error);
      else
        current = g_strdup (info->memo);
    }
  else if (coding)
    {
      gint64 id = cb_project_find_coding (project, argv[2], argv[3], start, end, &current, &error);

      if (id == 0)
        return cb_cli_fail (error);
      if (given)
        ok = cb_project_set_coding_memo (project, id, text, &error);
    }
  else if (case_name != NULL)
    {
      if (!(current = cb_project_dup_case_memo (project, case_name, &error)))
        return cb_cli_fail (error);
      if (given)
        ok = cb_project_set_case_memo (project, case_name, text, &error);
    }
  else if (title != NULL)
    {
      g_autoptr(CbMemoInfo) info = cb_project_get_memo (project, title, &error);

      if (info == NULL)
        return cb_cli_fail (error);
      if (given)
        ok = cb_project_set_memo_text (project, title, text, &error);
      else
        current = g_strdup (info->text);
    }
  else if (given)
    ok = cb_project_set_memo (project, text, &error);
  else
    current = cb_project_dup_memo (project);

  if (!ok)
    return cb_cli_fail (error);
  if (!given)
    print_text (current);
  return CB_CLI_EXIT_OK;
}

static int
run_memo_new (int    argc,
              char **argv)
{
  const CbCliCommand *command = COMMAND ("memo new");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *level = NULL;
  g_autofree char *file = NULL;
  g_autofree char *coder = NULL;
  g_autofree char *text = NULL;
  gboolean given = FALSE;
  int status;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("note (the default), observation, concern, recommendation, hypothesis, perspective, convergence, divergence, or any other"), N_("TYPE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("profession, institutions, politics, or any other"), N_("LEVEL") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("Read the memo from FILE"), N_("FILE") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("The memo's author (default: $CODEBOOM_CODER, else the login name)"), N_("NAME") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 3))
    return CB_CLI_EXIT_USAGE;
  if ((status = memo_text (command, argc - 1 == 3 ? argv[3] : NULL, file, &text, &given)) != CB_CLI_EXIT_OK)
    return status;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  cb_project_set_coder (project, cb_cli_coder (coder));
  if (cb_project_add_memo (project, argv[2], type, level, text, &error) == 0)
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

/* memo set PROJECT TITLE [--type TYPE] [--level LEVEL] [--title NEWTITLE] [--position N] */
static int
run_memo_set (int    argc,
              char **argv)
{
  const CbCliCommand *command = COMMAND ("memo set");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *level = NULL;
  g_autofree char *new_title = NULL;
  gint64 position = -1;
  const char *title;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("The memo's type"), N_("TYPE") },
    { "level", 0, 0, G_OPTION_ARG_STRING, &level, N_("The memo's level (\"\" clears it)"), N_("LEVEL") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &new_title, N_("A new title"), N_("TITLE") },
    { "position", 0, 0, G_OPTION_ARG_INT64, &position, N_("Its place among the memos, from 0"), N_("N") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (type == NULL && level == NULL && new_title == NULL && position < 0)
    return cb_cli_usage (command, _("Give --type, --level, --title or --position"));
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  /* each change its own undo step, the rename last so that the others find the memo */
  title = argv[2];
  if ((type != NULL && !cb_project_set_memo_type (project, title, type, &error)) ||
      (level != NULL && !cb_project_set_memo_level (project, title, level, &error)) ||
      (position >= 0 && !cb_project_move_memo (project, title, position, &error)) ||
      (new_title != NULL && !cb_project_rename_memo (project, title, new_title, &error)))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static int
run_memo_delete (int    argc,
                 char **argv)
{
  const CbCliCommand *command = COMMAND ("memo delete");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!cb_project_delete_memo (project, argv[2], &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static int
run_link (const char  *name,
          int          argc,
          char       **argv)
{
  const CbCliCommand *command = COMMAND (name);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end;

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 5, 5))
    return CB_CLI_EXIT_USAGE;
  if (!parse_span (command, argv[4], argv[5], &start, &end))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (g_str_equal (name, "memo link"))
    {
      g_autofree char *text = cb_project_link_memo (project, argv[2], argv[3], start, end, &error);

      if (text == NULL)
        return cb_cli_fail (error);
      print_text (text);
    }
  else if (!cb_project_unlink_memo (project, argv[2], argv[3], start, end, &error))
    return cb_cli_fail (error);
  return CB_CLI_EXIT_OK;
}

static int run_memo_link (int argc, char **argv) { return run_link ("memo link", argc, argv); }
static int run_memo_unlink (int argc, char **argv) { return run_link ("memo unlink", argc, argv); }

/* memo evidence PROJECT TITLE: document, start, end, speaker, text */
static int
run_memo_evidence (int    argc,
                   char **argv)
{
  const CbCliCommand *command = COMMAND ("memo evidence");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cb_cli_parse (command, NULL, &argc, &argv) || !cb_cli_expect_args (command, argc, 2, 2))
    return CB_CLI_EXIT_USAGE;
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (!(links = cb_project_list_memo_links (project, argv[2], &error)))
    return cb_cli_fail (error);
  for (guint i = 0; i < links->len; i++)
    {
      CbMemoLink *link = links->pdata[i];

      cb_tsv_append_escaped (out, link->document);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t", link->start, link->end);
      cb_tsv_append_escaped (out, link->speaker != NULL ? link->speaker : "");
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, link->text);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}

/* The report's format: --format, else --output's extension, else TSV. */
static gboolean
report_format (const CbCliCommand *command,
               const char         *name,
               const char         *output,
               gboolean           *tsv,
               CbQuoteFormat      *format)
{
  static const struct { const char *name; CbQuoteFormat format; } formats[] = {
    { "xml", CB_QUOTE_FORMAT_XML }, { "html", CB_QUOTE_FORMAT_HTML }, { "md", CB_QUOTE_FORMAT_MARKDOWN },
    { "markdown", CB_QUOTE_FORMAT_MARKDOWN }, { "docx", CB_QUOTE_FORMAT_DOCX }, { "odt", CB_QUOTE_FORMAT_ODT },
  };

  *tsv = FALSE;
  if (name == NULL)
    {
      if (output == NULL || g_str_has_suffix (output, ".tsv"))
        *tsv = TRUE;
      else if (!cb_quote_format_from_filename (output, format))
        {
          cb_cli_usage (command, _("The report file must end in .tsv, .xml, .html, .md, .docx or .odt, or give --format"));
          return FALSE;
        }
      return TRUE;
    }
  if (g_str_equal (name, "tsv"))
    {
      *tsv = TRUE;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (name, formats[i].name))
      {
        *format = formats[i].format;
        return TRUE;
      }
  cb_cli_usage (command, _("Unknown format “%s”: tsv, xml, md, html, docx or odt"), name);
  return FALSE;
}

/* memos PROJECT [--type TYPE] [--order a,b,c] [--format F] [--output FILE] */
static int
run_memos (int    argc,
           char **argv)
{
  const CbCliCommand *command = COMMAND ("memos");
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *type = NULL;
  g_autofree char *order = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  g_autofree char *template = NULL;
  g_autofree char *locale = NULL;
  g_auto(GStrv) order_list = NULL;
  g_autoptr(GBytes) bytes = NULL;
  int block_words = CB_QUOTE_DEFAULT_BLOCK_WORDS;
  CbQuoteFormat format = CB_QUOTE_FORMAT_XML;
  gboolean tsv = TRUE;
  GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Only the memos of this type"), N_("TYPE") },
    { "order", 0, 0, G_OPTION_ARG_STRING, &order, N_("The types in this order first"), N_("TYPE,TYPE,...") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("tsv (the default), xml, md, html, docx or odt"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (the format from its extension)"), N_("FILE") },
    { "template", 0, 0, G_OPTION_ARG_STRING, &template, N_("The citation after each quote"), N_("TEXT") },
    { "block-words", 0, 0, G_OPTION_ARG_INT, &block_words, N_("Quotes longer than this many words are block quotes"), N_("N") },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale, N_("The language dates are written in (default: the environment's)"), N_("LOCALE") },
    { NULL }
  };

  if (!cb_cli_parse (command, entries, &argc, &argv) || !cb_cli_expect_args (command, argc, 1, 1))
    return CB_CLI_EXIT_USAGE;
  if (!report_format (command, format_name, output, &tsv, &format))
    return CB_CLI_EXIT_USAGE;
  if (block_words < 0)
    return cb_cli_usage (command, _("--block-words must not be negative"));
  if ((format == CB_QUOTE_FORMAT_DOCX || format == CB_QUOTE_FORMAT_ODT) && !tsv && output == NULL)
    return cb_cli_usage (command, _("DOCX and ODT go to a file: give --output"));
  if (order != NULL)
    order_list = g_strsplit (order, ",", -1);
  if (!(project = cb_cli_open_project (argv[1])))
    return CB_CLI_EXIT_FAILURE;
  if (template != NULL && !cb_cli_check_template (project, template))
    return CB_CLI_EXIT_FAILURE;

  if (tsv)
    {
      g_autoptr(GPtrArray) memos = cb_project_list_memos (project, type, &error);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GPtrArray) sorted = NULL;

      if (memos == NULL)
        return cb_cli_fail (error);
      /* --order: the types named first, the rest as listed */
      sorted = g_ptr_array_new ();
      for (guint o = 0; order_list != NULL && order_list[o] != NULL; o++)
        for (guint i = 0; i < memos->len; i++)
          {
            CbMemoInfo *info = memos->pdata[i];
            g_autofree char *folded_type = g_utf8_casefold (info->type, -1);
            g_autofree char *stripped = g_strstrip (g_strdup (order_list[o]));
            g_autofree char *folded_order = g_utf8_casefold (stripped, -1);

            if (g_str_equal (folded_type, folded_order) && !g_ptr_array_find (sorted, info, NULL))
              g_ptr_array_add (sorted, info);
          }
      for (guint i = 0; i < memos->len; i++)
        if (!g_ptr_array_find (sorted, memos->pdata[i], NULL))
          g_ptr_array_add (sorted, memos->pdata[i]);
      for (guint i = 0; i < sorted->len; i++)
        {
          CbMemoInfo *info = sorted->pdata[i];

          cb_tsv_append_escaped (out, info->title);
          g_string_append_c (out, '\t');
          cb_tsv_append_escaped (out, info->type);
          g_string_append_c (out, '\t');
          cb_tsv_append_escaped (out, info->level != NULL ? info->level : "");
          g_string_append_printf (out, "\t%u\t", info->n_links);
          cb_tsv_append_escaped (out, info->text);
          g_string_append_c (out, '\n');
        }
      if (output == NULL)
        {
          cb_cli_write (out);
          return CB_CLI_EXIT_OK;
        }
      bytes = g_string_free_to_bytes (g_steal_pointer (&out));
    }
  else
    {
      g_autoptr(GBytes) xml = cb_memo_report_xml (project, type, (const char * const *) order_list, &error);

      if (xml != NULL)
        bytes = cb_memo_report_render (xml, format, template, block_words, locale, &error);
      if (bytes == NULL)
        return cb_cli_fail (error);
      if (output == NULL)
        {
          fwrite (g_bytes_get_data (bytes, NULL), 1, g_bytes_get_size (bytes), stdout);
          return CB_CLI_EXIT_OK;
        }
    }
  {
    g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

    if (!cb_export_write_file (bytes, file, &error))
      return cb_cli_fail (error);
  }
  return CB_CLI_EXIT_OK;
}

const CbCliCommand cb_cli_memos_commands[] = {
  { "memo", N_("PROJECT [--project | --doc DOC | --code CODE | --coding DOC CODE START END | --case CASE | --title TITLE] [TEXT | --file F]"),
    N_("Print a memo, or set it to TEXT"), run_memo },
  { "memo new", N_("PROJECT TITLE [--type TYPE] [--level LEVEL] [TEXT | --file F]"),
    N_("Add a free-standing memo"), run_memo_new },
  { "memo set", N_("PROJECT TITLE [--type TYPE] [--level LEVEL] [--title NEWTITLE] [--position N]"),
    N_("Change a free-standing memo's type, level, title or place"), run_memo_set },
  { "memo delete", N_("PROJECT TITLE"), N_("Delete a free-standing memo and its evidence"), run_memo_delete },
  { "memo link", N_("PROJECT TITLE DOC START END"), N_("Link a span to a memo as evidence; prints its text"), run_memo_link },
  { "memo unlink", N_("PROJECT TITLE DOC START END"), N_("Remove a span from a memo's evidence"), run_memo_unlink },
  { "memo evidence", N_("PROJECT TITLE"), N_("List a memo's evidence: document, start, end, speaker, text"), run_memo_evidence },
  { "memos", N_("PROJECT [--type TYPE] [--order TYPE,...] [--format tsv|xml|md|html|docx|odt] [--output FILE]"),
    N_("List the memos (title, type, level, evidence, text), or write them as a report"), run_memos },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_memos_commands, name);
}
