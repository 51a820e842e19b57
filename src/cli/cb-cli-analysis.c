/* cb-cli-analysis.c: matrix, cooccurrence, frequencies and chart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cb-cli.h"
#include "cb-analysis.h"
#include "cb-chart.h"

static const CbCliCommand *
self_command (const char *name);

#define COMMAND(name) (self_command (name))

/* GOption takes one value per option; "--rows A B C" and "--cell ROW
 * COLUMN" take several.  Moves the values of @option (up to @max, -1: until
 * the next option) out of @argv into @values; FALSE when fewer than @min
 * follow it. */
static gboolean
take_values (int          *argc,
             char        **argv,
             const char   *option,
             int           min,
             int           max,
             GPtrArray    *values,
             gboolean     *seen)
{
  int out = 0;

  for (int i = 0; i < *argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        {
          /* everything after -- stays positional */
          while (i < *argc)
            argv[out++] = argv[i++];
          break;
        }
      if (i > 0 && g_str_equal (argv[i], option))
        {
          int n = 0;

          *seen = TRUE;
          while (i + 1 < *argc && (max < 0 || n < max) &&
                 !(g_str_has_prefix (argv[i + 1], "--") && argv[i + 1][2] != '\0'))
            {
              g_ptr_array_add (values, argv[++i]);
              n++;
            }
          if (n < min)
            return FALSE;
          continue;
        }
      argv[out++] = argv[i];
    }
  *argc = out;
  argv[out] = NULL;
  return TRUE;
}

/* The output options every query shares. */
typedef struct
{
  char         *format;
  char         *output;
  CbCliScope    scope;      /* --where, --coder, --set, --phase, --role, --speaker */
  CbCaseFilter *filter;     /* from @scope */
  GPtrArray    *owned;      /* code paths resolved (folded) for the query */
} Output;

static void
output_clear (Output *o)
{
  g_clear_pointer (&o->format, g_free);
  g_clear_pointer (&o->output, g_free);
  cb_cli_scope_clear (&o->scope);
  g_clear_pointer (&o->owned, g_ptr_array_unref);
  g_clear_pointer (&o->filter, cb_case_filter_free);
}

static gboolean
output_format (const CbCliCommand *command,
               Output             *o,
               CbAnalysisFormat   *format)
{
  *format = CB_ANALYSIS_FORMAT_TSV;
  if (o->format != NULL)
    {
      if (!cb_analysis_parse_format (o->format, format))
        {
          cb_cli_usage (command, _("Unknown format “%s”: use tsv, csv, html or ods"), o->format);
          return FALSE;
        }
    }
  else if (o->output != NULL && !cb_analysis_format_for_path (o->output, format))
    *format = CB_ANALYSIS_FORMAT_TSV;
  if (*format == CB_ANALYSIS_FORMAT_ODS && o->output == NULL)
    {
      cb_cli_usage (command, _("An .ods spreadsheet is written to a file: add --output FILE.ods"));
      return FALSE;
    }
  return TRUE;
}

/* The scope options: the filter every query takes (FALSE after an error). */
static gboolean
check_where (Output *o)
{
  return cb_cli_scope_build (&o->scope, &o->filter);
}

/* The code paths in @paths (up to a NULL) as the project names them
 * ("werk" is "Werk" when only it folds alike); FALSE after an error. */
static gboolean
resolve_paths (Output     *o,
               CbProject  *project,
               GPtrArray  *paths)
{
  if (o->owned == NULL)
    o->owned = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < paths->len && paths->pdata[i] != NULL; i++)
    {
      char *path = g_strdup (paths->pdata[i]);

      g_ptr_array_add (o->owned, path);
      if (!cb_cli_resolve_code (project, (char **) &o->owned->pdata[o->owned->len - 1]))
        return FALSE;
      paths->pdata[i] = o->owned->pdata[o->owned->len - 1];
    }
  return TRUE;
}

static int
write_output (Output     *o,
              GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;

  if (o->output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (o->output);

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

static int
write_table (Output          *o,
             CbAnalysisTable *table,
             CbAnalysisFormat format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cb_analysis_table_write (table, format, &error);

  if (bytes == NULL)
    return cb_cli_fail (error);
  return write_output (o, bytes);
}

/* The segments behind a cell, as retrieve's TSV. */
static int
write_segments (Output    *o,
                GPtrArray *segments)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];

      cb_tsv_append_escaped (out, segment->document_name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
                              segment->start, segment->end);
      cb_tsv_append_escaped (out, segment->code_path);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, segment->text);
      g_string_append_c (out, '\n');
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  return write_output (o, bytes);
}

static gboolean
parse_columns (const CbCliCommand *command,
               const char         *text,
               CbAnalysisColumns  *columns,
               const char        **attribute)
{
  if (!cb_analysis_parse_columns (text, columns, attribute))
    {
      cb_cli_usage (command, _("Unknown columns “%s”: use documents, cases, speakers, coders, phases, sets or attribute:NAME"), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_count (const CbCliCommand *command,
             const char         *text,
             CbAnalysisCount    *count)
{
  if (text != NULL && !cb_analysis_parse_count (text, count))
    {
      cb_cli_usage (command, _("Unknown count “%s”: use codings, documents, cases, characters or words"), text);
      return FALSE;
    }
  return TRUE;
}

/* ---- matrix ---------------------------------------------------------- */

typedef struct
{
  GPtrArray         *rows;       /* borrowed argv strings, NULL-terminated at use */
  gboolean           only;
  char              *columns;
  char              *count;
  char              *percent;
  Output             out;
} MatrixOptions;

static void
matrix_options_clear (MatrixOptions *m)
{
  g_clear_pointer (&m->rows, g_ptr_array_unref);
  g_clear_pointer (&m->columns, g_free);
  g_clear_pointer (&m->count, g_free);
  g_clear_pointer (&m->percent, g_free);
  output_clear (&m->out);
}

/* Fills @query from @m; FALSE after a usage error. */
static gboolean
matrix_query (const CbCliCommand *command,
              MatrixOptions      *m,
              CbMatrixQuery      *query)
{
  memset (query, 0, sizeof *query);
  if (m->columns == NULL)
    {
      cb_cli_usage (command, _("Missing --columns"));
      return FALSE;
    }
  if (!parse_columns (command, m->columns, &query->columns, &query->attribute) ||
      !parse_count (command, m->count, &query->count))
    return FALSE;
  if (m->percent != NULL && !cb_analysis_parse_percent (m->percent, &query->percent))
    {
      cb_cli_usage (command, _("Unknown --percent “%s”: use row or column"), m->percent);
      return FALSE;
    }
  g_ptr_array_add (m->rows, NULL);
  query->rows = (const char * const *) m->rows->pdata;
  query->only = m->only;
  query->filter = m->out.filter;
  return TRUE;
}

#define MATRIX_ENTRIES(m) \
  { "only", 0, 0, G_OPTION_ARG_NONE, &(m).only, N_("Each row its code alone, not its descendants"), NULL }, \
  { "columns", 0, 0, G_OPTION_ARG_STRING, &(m).columns, N_("documents, cases, speakers, coders, phases, sets or attribute:NAME"), N_("COLUMNS") }, \
  { "count", 0, 0, G_OPTION_ARG_STRING, &(m).count, N_("codings (default), documents, cases, characters or words"), N_("COUNT") }, \
  { "percent", 0, 0, G_OPTION_ARG_STRING, &(m).percent, N_("Each cell as a percentage of its row’s or column’s sum"), N_("row|column") }

static int
run_matrix (int    argc,
            char **argv)
{
  const CbCliCommand *command = COMMAND ("matrix");
  MatrixOptions m = { .rows = g_ptr_array_new () };
  g_autoptr(GPtrArray) cell = g_ptr_array_new ();
  gboolean rows_seen = FALSE;
  gboolean cell_seen = FALSE;
  const GOptionEntry own[] = {
    MATRIX_ENTRIES (m),
    { "format", 0, 0, G_OPTION_ARG_STRING, &m.out.format, N_("tsv (default), csv, html or ods"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &m.out.output, N_("Write to FILE (the format from its extension)"), N_("FILE") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &m.out.scope, 0);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  CbMatrixQuery query;
  CbAnalysisFormat format;
  int status = CB_CLI_EXIT_USAGE;
  gint64 started;

  if (!take_values (&argc, argv, "--rows", 1, -1, m.rows, &rows_seen))
    {
      cb_cli_usage (command, _("--rows needs at least one code"));
      goto out;
    }
  if (!take_values (&argc, argv, "--cell", 2, 2, cell, &cell_seen))
    {
      cb_cli_usage (command, _("--cell needs a row and a column"));
      goto out;
    }
  if (!cb_cli_parse (command, entries, &argc, &argv))
    goto out;
  if (argc - 1 != 1)
    {
      cb_cli_usage (command, argc < 2 ? _("Missing arguments") : _("Too many arguments"));
      goto out;
    }
  if (!matrix_query (command, &m, &query))
    goto out;
  if (cell_seen)
    {
      g_free (m.out.format);
      m.out.format = NULL;
      format = CB_ANALYSIS_FORMAT_TSV;
    }
  else if (!output_format (command, &m.out, &format))
    goto out;

  status = CB_CLI_EXIT_FAILURE;
  if (!check_where (&m.out) || !(project = cb_cli_open_project (argv[1])) ||
      !resolve_paths (&m.out, project, m.rows))
    goto out;
  if (cell_seen)
    {
      /* the row is a code; the column is a column's label */
      g_autoptr(GPtrArray) row = g_ptr_array_new ();

      g_ptr_array_add (row, cell->pdata[0]);
      if (!resolve_paths (&m.out, project, row))
        goto out;
      cell->pdata[0] = row->pdata[0];
    }
  query.filter = m.out.filter;

  started = g_get_monotonic_time ();
  if (cell_seen)
    {
      g_autoptr(GPtrArray) segments = cb_analysis_matrix_cell (project, &query, cell->pdata[0],
                                                               cell->pdata[1], NULL, &error);

      if (segments == NULL)
        status = cb_cli_fail (error);
      else
        status = write_segments (&m.out, segments);
    }
  else
    {
      g_autoptr(CbAnalysisTable) table = cb_analysis_matrix (project, &query, NULL, &error);

      cb_cli_report_timing ("matrix", started);
      if (table == NULL)
        status = cb_cli_fail (error);
      else
        status = write_table (&m.out, table, format);
    }

out:
  matrix_options_clear (&m);
  return status;
}

/* ---- cooccurrence ---------------------------------------------------- */

typedef struct
{
  GPtrArray *codes;
  gboolean   only;
  gint64     proximity;
  gboolean   proximity_set;
  char      *count;
  Output     out;
} CoOptions;

static gboolean
parse_proximity (const char  *name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  CoOptions *co = data;

  if (!cb_tsv_parse_offset (value, &co->proximity))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--proximity is a number of characters, from 0"));
      return FALSE;
    }
  co->proximity_set = TRUE;
  return TRUE;
}

static gboolean
co_query (const CbCliCommand  *command,
          CoOptions           *co,
          CbCooccurrenceQuery *query)
{
  memset (query, 0, sizeof *query);
  query->proximity = co->proximity_set ? co->proximity : -1;
  if (co->count == NULL || g_str_equal (co->count, "segments"))
    query->count = CB_COOCCURRENCE_COUNT_SEGMENTS;
  else if (g_str_equal (co->count, "documents"))
    query->count = CB_COOCCURRENCE_COUNT_DOCUMENTS;
  else
    {
      cb_cli_usage (command, _("Unknown count “%s”: use segments or documents"), co->count);
      return FALSE;
    }
  g_ptr_array_add (co->codes, NULL);
  query->codes = (const char * const *) co->codes->pdata;
  query->only = co->only;
  return TRUE;
}

static GOptionGroup *
co_group (CoOptions *co)
{
  GOptionEntry entries[] = {
    { "proximity", 0, 0, G_OPTION_ARG_CALLBACK, parse_proximity, N_("Pair segments within N characters instead of overlapping ones"), N_("N") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("cooccurrence", "", "", co, NULL);

  g_option_group_add_entries (group, entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  return group;
}

static gboolean
co_parse (const CbCliCommand *command,
          CoOptions          *co,
          GOptionEntry       *entries,
          int                *argc,
          char             ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = g_strdup_printf ("%s %s", command->name, command->synopsis);

  /* cb_cli_parse() with the --proximity callback's group as the main one */
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_set_main_group (context, co_group (co));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      cb_cli_usage (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static void
write_pairs (Output    *o,
             GPtrArray *pairs)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;

  for (guint i = 0; i < pairs->len; i++)
    {
      CbSegmentPair *pair = pairs->pdata[i];

      cb_tsv_append_escaped (out, pair->document_name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
                              "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t",
                              pair->a_start, pair->a_end, pair->b_start, pair->b_end);
      cb_tsv_append_escaped (out, pair->a_text);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, pair->b_text);
      g_string_append_c (out, '\n');
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  write_output (o, bytes);
}

static int
run_cooccurrence (int    argc,
                  char **argv)
{
  const CbCliCommand *command = COMMAND ("cooccurrence");
  CoOptions co = { .codes = g_ptr_array_new () };
  gboolean codes_seen = FALSE;
  const GOptionEntry own[] = {
    { "only", 0, 0, G_OPTION_ARG_NONE, &co.only, N_("With --codes: each code alone, not its descendants"), NULL },
    { "count", 0, 0, G_OPTION_ARG_STRING, &co.count, N_("segments (default) or documents"), N_("COUNT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &co.out.format, N_("tsv (default), csv, html or ods"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &co.out.output, N_("Write to FILE (the format from its extension)"), N_("FILE") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &co.out.scope, 0);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GError) error = NULL;
  CbCooccurrenceQuery query;
  CbAnalysisFormat format = CB_ANALYSIS_FORMAT_TSV;
  int status = CB_CLI_EXIT_USAGE;
  gint64 started;

  if (!take_values (&argc, argv, "--codes", 1, -1, co.codes, &codes_seen))
    {
      cb_cli_usage (command, _("--codes needs at least one code"));
      goto out;
    }
  if (!co_parse (command, &co, entries, &argc, &argv))
    goto out;
  if (argc - 1 != 1 && argc - 1 != 3)
    {
      cb_cli_usage (command, argc < 2 ? _("Missing arguments") : _("Give PROJECT, or PROJECT CODE_A CODE_B"));
      goto out;
    }
  if (!co_query (command, &co, &query))
    goto out;
  if (argc - 1 == 1 && !output_format (command, &co.out, &format))
    goto out;

  status = CB_CLI_EXIT_FAILURE;
  if (!check_where (&co.out) || !(project = cb_cli_open_project (argv[1])) ||
      !resolve_paths (&co.out, project, co.codes))
    goto out;
  query.filter = co.out.filter;

  started = g_get_monotonic_time ();
  if (argc - 1 == 3)
    {
      g_autoptr(GPtrArray) pairs = cb_analysis_cooccurrence_pairs (project, &query, argv[2], argv[3],
                                                                   NULL, &error);

      if (pairs == NULL)
        status = cb_cli_fail (error);
      else
        {
          write_pairs (&co.out, pairs);
          status = CB_CLI_EXIT_OK;
        }
    }
  else
    {
      g_autoptr(CbAnalysisTable) table = cb_analysis_cooccurrence (project, &query, NULL, &error);

      cb_cli_report_timing ("cooccurrence", started);
      if (table == NULL)
        status = cb_cli_fail (error);
      else
        status = write_table (&co.out, table, format);
    }

out:
  g_ptr_array_unref (co.codes);
  g_free (co.count);
  output_clear (&co.out);
  return status;
}

/* ---- frequencies ----------------------------------------------------- */

static gboolean
frequencies_query (const CbCliCommand *command,
                   const char         *by,
                   const char         *count,
                   gboolean            only,
                   CbFrequenciesQuery *query)
{
  memset (query, 0, sizeof *query);
  query->only = only;
  if (by != NULL)
    {
      query->by = TRUE;
      if (!parse_columns (command, by, &query->columns, &query->attribute))
        return FALSE;
    }
  if (!parse_count (command, count, &query->count))
    return FALSE;
  if (count != NULL && by == NULL)
    {
      cb_cli_usage (command, _("--count goes with --by"));
      return FALSE;
    }
  return TRUE;
}

static int
run_frequencies (int    argc,
                 char **argv)
{
  const CbCliCommand *command = COMMAND ("frequencies");
  g_autofree char *by = NULL;
  g_autofree char *count = NULL;
  gboolean only = FALSE;
  Output o = { 0 };
  const GOptionEntry own[] = {
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("documents, cases, speakers, coders or attribute:NAME"), N_("COLUMNS") },
    { "count", 0, 0, G_OPTION_ARG_STRING, &count, N_("With --by: codings (default), documents, cases, characters or words"), N_("COUNT") },
    { "only", 0, 0, G_OPTION_ARG_NONE, &only, N_("Each code alone, not with its descendants"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &o.format, N_("tsv (default), csv, html or ods"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &o.output, N_("Write to FILE (the format from its extension)"), N_("FILE") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &o.scope, 0);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbAnalysisTable) table = NULL;
  g_autoptr(GError) error = NULL;
  CbFrequenciesQuery query;
  CbAnalysisFormat format;
  int status = CB_CLI_EXIT_USAGE;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    goto out;
  if (argc - 1 != 1)
    {
      cb_cli_usage (command, argc < 2 ? _("Missing arguments") : _("Too many arguments"));
      goto out;
    }
  if (!frequencies_query (command, by, count, only, &query) || !output_format (command, &o, &format))
    goto out;

  status = CB_CLI_EXIT_FAILURE;
  if (!check_where (&o) || !(project = cb_cli_open_project (argv[1])))
    goto out;
  query.filter = o.filter;
  if (!(table = cb_analysis_frequencies (project, &query, NULL, &error)))
    status = cb_cli_fail (error);
  else
    status = write_table (&o, table, format);

out:
  output_clear (&o);
  return status;
}

/* ---- chart ----------------------------------------------------------- */

static int
run_chart (int    argc,
           char **argv)
{
  const CbCliCommand *command = COMMAND ("chart");
  MatrixOptions m = { .rows = g_ptr_array_new () };
  CoOptions co = { .codes = g_ptr_array_new () };
  g_autofree char *by = NULL;
  gboolean rows_seen = FALSE;
  gboolean codes_seen = FALSE;
  const GOptionEntry own[] = {
    MATRIX_ENTRIES (m),
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("frequencies: a stacked bar per document, case, speaker, coder or attribute value"), N_("COLUMNS") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &m.out.output, N_("The chart: FILE.svg, FILE.png or FILE.pdf"), N_("FILE") },
    { NULL }
  };
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &m.out.scope, 0);
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbAnalysisTable) table = NULL;
  g_autoptr(GError) error = NULL;
  CbChartFormat format;
  CbChartKind kind;
  int status = CB_CLI_EXIT_USAGE;
  gint64 started = g_get_monotonic_time ();

  if (!take_values (&argc, argv, "--rows", 1, -1, m.rows, &rows_seen) ||
      !take_values (&argc, argv, "--codes", 1, -1, co.codes, &codes_seen))
    {
      cb_cli_usage (command, _("--rows and --codes need at least one code"));
      goto out;
    }
  if (!co_parse (command, &co, entries, &argc, &argv))
    goto out;
  if (argc - 1 != 2)
    {
      cb_cli_usage (command, argc < 3 ? _("Missing arguments") : _("Too many arguments"));
      goto out;
    }
  if (m.out.output == NULL)
    {
      cb_cli_usage (command, _("Missing --output FILE.svg, .png or .pdf"));
      goto out;
    }
  if (!cb_chart_format_for_path (m.out.output, &format))
    {
      cb_cli_usage (command, _("A chart is written as .svg, .png or .pdf"));
      goto out;
    }
  if (!check_where (&m.out))
    {
      status = CB_CLI_EXIT_FAILURE;
      goto out;
    }

  if (!g_str_equal (argv[2], "frequencies") && !g_str_equal (argv[2], "matrix") &&
      !g_str_equal (argv[2], "cooccurrence"))
    {
      cb_cli_usage (command, _("Unknown chart “%s”: use frequencies, matrix or cooccurrence"), argv[2]);
      goto out;
    }

  if (g_str_equal (argv[2], "frequencies"))
    {
      CbFrequenciesQuery query;

      if (!frequencies_query (command, by, m.count, m.only, &query))
        goto out;
      query.filter = m.out.filter;
      status = CB_CLI_EXIT_FAILURE;
      if (!(project = cb_cli_open_project (argv[1])))
        goto out;
      if (by != NULL && !m.only)
        {
          /* a stacked bar per column value, stacked by the top-level codes
           * with their descendants, so that no coding counts twice */
          CbMatrixQuery mq = { NULL, FALSE, query.columns, query.attribute, query.count,
                               CB_ANALYSIS_PERCENT_NONE, query.filter };

          if ((table = cb_analysis_matrix (project, &mq, NULL, &error)))
            {
              g_free (table->title);
              table->title = g_strdup (_("Code frequencies"));
            }
        }
      else
        {
          query.codings_only = TRUE;
          table = cb_analysis_frequencies (project, &query, NULL, &error);
        }
      kind = by != NULL ? CB_CHART_STACKED_BARS : CB_CHART_BARS;
    }
  else if (g_str_equal (argv[2], "matrix"))
    {
      CbMatrixQuery query;

      if (!matrix_query (command, &m, &query))
        goto out;
      status = CB_CLI_EXIT_FAILURE;
      if (!(project = cb_cli_open_project (argv[1])))
        goto out;
      table = cb_analysis_matrix (project, &query, NULL, &error);
      kind = CB_CHART_HEAT_MAP;
    }
  else
    {
      CbCooccurrenceQuery query;

      co.only = m.only;
      co.count = g_steal_pointer (&m.count);
      if (!co_query (command, &co, &query))
        goto out;
      query.filter = m.out.filter;
      status = CB_CLI_EXIT_FAILURE;
      if (!(project = cb_cli_open_project (argv[1])))
        goto out;
      table = cb_analysis_cooccurrence (project, &query, NULL, &error);
      kind = CB_CHART_HEAT_MAP;
    }

  if (table == NULL || !cb_chart_write_file (table, kind, m.out.output, format, &error))
    status = cb_cli_fail (error);
  else
    {
      cb_cli_report_timing ("chart", started);
      status = CB_CLI_EXIT_OK;
    }

out:
  matrix_options_clear (&m);
  g_ptr_array_unref (co.codes);
  g_free (co.count);
  output_clear (&co.out);
  return status;
}

const CbCliCommand cb_cli_analysis_commands[] = {
  { "matrix", N_("PROJECT --columns documents|cases|speakers|coders|phases|sets|attribute:NAME [--rows CODE...] [--only] "
                 "[--count codings|documents|cases|characters|words] [--percent row|column] [SCOPE...] "
                 "[--format tsv|csv|html|ods] [--output FILE] [--cell ROW COLUMN]"),
    N_("Count the codings of codes across documents, cases, speakers, coders or an attribute’s values"), run_matrix },
  { "cooccurrence", N_("PROJECT [CODE_A CODE_B] [--codes CODE...] [--only] [--proximity N] "
                       "[--count segments|documents] [SCOPE...] [--format tsv|csv|html|ods] [--output FILE]"),
    N_("Count the segments of two codes that overlap or lie near each other"), run_cooccurrence },
  { "frequencies", N_("PROJECT [--by documents|cases|speakers|coders|attribute:NAME] [--count COUNT] [--only] "
                      "[SCOPE...] [--format tsv|csv|html|ods] [--output FILE]"),
    N_("Count each code’s codings, documents, characters and words"), run_frequencies },
  { "chart", N_("PROJECT frequencies|matrix|cooccurrence [query options] --output FILE.svg|png|pdf"),
    N_("Draw frequencies, a matrix or co-occurrence as a chart"), run_chart },
  { NULL }
};

static const CbCliCommand *
self_command (const char *name)
{
  return cb_cli_command_in (cb_cli_analysis_commands, name);
}
