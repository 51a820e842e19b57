/* cb-cli-search.c: codeboom-cli search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-cli.h"

/* Code points of context on each side unless --context says otherwise. */
#define DEFAULT_CONTEXT 30

static int search_run (int argc, char **argv);
static int searches_run (int argc, char **argv);

/* With CODEBOOM_TIMING=1 the time the search took inside the process (after
 * opening the project, before printing) goes to stderr for bench/. */
const CbCliCommand cb_cli_search_commands[] = {
  { "search",
    N_("PROJECT (TERM | --saved NAME) [--save NAME] [--doc NAME] [--within PATH] [--speaker NAME] [--match-case] [--match-accents]"
       " [--whole-word] [--regex] [--exact] [--literal] [--context N] [--count] [--format text|tsv]"
       " [--where EXPR]... [--set NAME]... [--phase NAME]... [--role ROLE]..."
       " [--code PATH [--extend hit|sentence|paragraph|turn] [--coder NAME]]"),
    N_("Find a word or a query (AND, OR, NOT, NEAR/n), ignoring case, accents and typography unless told otherwise;"
       " optionally code every hit"),
    search_run },
  { "searches",
    N_("PROJECT [--delete NAME]"),
    N_("List the searches saved with the project (name, query, options), or delete one"),
    searches_run },
  { NULL }
};

/* @text with each line break turned into a space, for one-line context. */
static void
append_flat (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, *p == '\n' ? ' ' : *p);
}

static void
print_tsv (GPtrArray *hits)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = hits->pdata[i];
      g_autoptr(GString) context = g_string_new (NULL);

      append_flat (context, hit->before);
      append_flat (context, hit->match);
      append_flat (context, hit->after);

      cb_tsv_append_escaped (out, hit->document_name);
      g_string_append_printf (out, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t", hit->start, hit->end);
      cb_tsv_append_escaped (out, hit->match);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, context->str);
      g_string_append_c (out, '\n');
    }

  cb_cli_write (out);
}

static void
print_text (GPtrArray *hits,
            gint64    *last_document,
            guint     *n_documents)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* hits come by document, a document's all on one page */
  for (guint i = 0; i < hits->len; i++)
    {
      CbSearchHit *hit = hits->pdata[i];

      if (hit->document_id != *last_document)
        (*n_documents)++;
      *last_document = hit->document_id;
      g_string_append_printf (out, "%s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ": ",
                              hit->document_name, hit->start, hit->end);
      append_flat (out, hit->before);
      g_string_append (out, "[");
      append_flat (out, hit->match);
      g_string_append (out, "]");
      append_flat (out, hit->after);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);
}

static void
print_text_summary (guint n_hits,
                    guint n_documents)
{
  g_autoptr(GString) out = g_string_new (NULL);

  /* TRANSLATORS: the summary after the hits of a search: "12 hits in 3 documents" */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", n_hits), n_hits);
  g_string_append_c (out, ' ');
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "in %u document", "in %u documents", n_documents),
                          n_documents);
  g_string_append_c (out, '\n');

  cb_cli_write (out);
}

/* Hits read and written a few documents at a time (at least this many a
 * page): memory follows the page and the first hits come early.  Each page
 * is a read transaction of its own, with its page-cache misses: smaller
 * pages cost more CPU (1,000: +75 % on a million-coding project). */
#define SEARCH_PAGE 8192

static const CbSpanRef hit_ref = {
  G_STRUCT_OFFSET (CbSearchHit, document_id),
  G_STRUCT_OFFSET (CbSearchHit, start),
  G_STRUCT_OFFSET (CbSearchHit, end),
};

/* The listing (or, with a filter, the count): page by page, each page
 * filtered and written as it comes.  The in-process time is the search's
 * (and filter's), without the writing; the first page's on its own line. */
static int
list_hits (CbProject           *project,
           const char          *term,
           CbSearchOptions     *options,
           const CbCaseFilter  *filter,
           gboolean             count_only,
           gboolean             tsv,
           gint64               started)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  gboolean timing = g_strcmp0 (g_getenv ("CODEBOOM_TIMING"), "1") == 0;
  gint64 searching = 0;
  gint64 last_document = 0;
  guint n_documents = 0;
  guint n_hits = 0;

  for (gboolean first = TRUE; ; first = FALSE)
    {
      gint64 page_started = g_get_monotonic_time ();
      char *next = NULL;
      g_autoptr(GPtrArray) page = cb_search_find_page (project, term, options, after, SEARCH_PAGE, &next,
                                                       NULL, &error);

      if (page == NULL ||
          (filter != NULL && !cb_project_filter_spans (project, filter, page, &hit_ref, &error)))
        {
          g_free (next);
          return cb_cli_fail (error);
        }
      searching += g_get_monotonic_time () - page_started;
      if (first && timing)
        fprintf (stderr, "timing-first-page: search %.3f ms\n", (g_get_monotonic_time () - started) / 1000.0);
      n_hits += page->len;
      if (!count_only && tsv)
        print_tsv (page);
      else if (!count_only)
        print_text (page, &last_document, &n_documents);
      g_free (after);
      after = next;
      if (next == NULL)
        break;
    }
  if (timing)
    fprintf (stderr, "timing: search %.3f ms\n", searching / 1000.0);

  if (count_only)
    g_print ("%u\n", n_hits);
  else if (!tsv)
    print_text_summary (n_hits, n_documents);
  return CB_CLI_EXIT_OK;
}

static int
search_run (int    argc,
            char **argv)
{
  g_autofree char *document = NULL;
  g_autofree char *within = NULL;
  g_autofree char *speaker = NULL;
  g_autofree char *format = NULL;
  g_autofree char *code = NULL;
  g_autofree char *extend_name = NULL;
  g_autofree char *coder = NULL;
  g_autofree char *save_name = NULL;
  g_autofree char *saved_name = NULL;
  g_autoptr(CbSavedSearch) saved = NULL;
  const char *term;
  gboolean match_case = FALSE;
  gboolean match_accents = FALSE;
  gboolean whole_word = FALSE;
  gboolean regex = FALSE;
  gboolean exact = FALSE;
  gboolean literal = FALSE;
  gboolean count_only = FALSE;
  g_auto(CbCliScope) scope = { NULL };
  g_autoptr(CbCaseFilter) filter = NULL;
  int context = DEFAULT_CONTEXT;
  const GOptionEntry own[] = {
    { "doc", 0, 0, G_OPTION_ARG_STRING, &document, N_("Search only this document"), N_("NAME") },
    { "within", 0, 0, G_OPTION_ARG_STRING, &within,
      N_("Search only inside segments coded with this code or its descendants"), N_("PATH") },
    { "speaker", 0, 0, G_OPTION_ARG_STRING, &speaker, N_("Search only in this speaker's turns"), N_("NAME") },
    { "match-case", 0, 0, G_OPTION_ARG_NONE, &match_case, N_("Capitals are significant"), NULL },
    { "match-accents", 0, 0, G_OPTION_ARG_NONE, &match_accents, N_("Accents are significant"), NULL },
    { "whole-word", 0, 0, G_OPTION_ARG_NONE, &whole_word, N_("Only hits that are whole words"), NULL },
    { "regex", 0, 0, G_OPTION_ARG_NONE, &regex,
      N_("TERM is an ICU regular expression (accents are significant)"), NULL },
    { "exact", 0, 0, G_OPTION_ARG_NONE, &exact,
      N_("Quotes, dashes, white space, hyphens, ligatures and ß are matched as written"), NULL },
    { "literal", 0, 0, G_OPTION_ARG_NONE, &literal,
      N_("TERM is plain text even when it holds AND, OR, NOT, NEAR/n or parentheses"), NULL },
    { "context", 0, 0, G_OPTION_ARG_INT, &context, N_("Characters of context on each side (default 30)"), N_("N") },
    { "count", 0, 0, G_OPTION_ARG_NONE, &count_only, N_("Print only the number of hits"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: text (default) or tsv"), N_("FORMAT") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code,
      N_("Code every hit with this code (created if missing) instead of listing the hits"), N_("PATH") },
    { "extend", 0, 0, G_OPTION_ARG_STRING, &extend_name,
      N_("With --code: code the hit (default), its sentence, paragraph or turn"), N_("UNIT") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Who codes (with --code)"), N_("NAME") },
    { "save", 0, 0, G_OPTION_ARG_STRING, &save_name,
      N_("Also save this search (term and options) with the project under NAME"), N_("NAME") },
    { "saved", 0, 0, G_OPTION_ARG_STRING, &saved_name,
      N_("Run the search saved as NAME (options given here are added)"), N_("NAME") },
    { NULL }
  };
  /* --where, --set, --phase, --role: search's own --coder is who codes
   * the hits, and its --speaker narrows the search itself */
  g_autofree GOptionEntry *entries = cb_cli_scope_entries (own, &scope,
                                                           CB_CLI_SCOPE_OWN_CODER | CB_CLI_SCOPE_OWN_SPEAKER);
  const CbCliCommand *command = &cb_cli_search_commands[0];
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  CbSearchExtend extend = CB_SEARCH_EXTEND_HIT;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  guint n_coded = 0;
  guint n_existing = 0;
  g_autoptr(GError) error = NULL;
  gint64 started;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;
  if (saved_name == NULL && argc != 3)
    return cb_cli_usage (command, _("Expected a project and a search term"));
  if (saved_name != NULL && argc != 2)
    return cb_cli_usage (command, _("--saved takes the place of the search term"));
  if (context < 0)
    return cb_cli_usage (command, _("--context must not be negative"));
  if (format != NULL && g_strcmp0 (format, "text") != 0 && g_strcmp0 (format, "tsv") != 0)
    return cb_cli_usage (command, _("Unknown format “%s” (expected text or tsv)"), format);
  if (extend_name != NULL && code == NULL)
    return cb_cli_usage (command, _("--extend only goes with --code"));
  if (extend_name != NULL && !cb_search_extend_from_string (extend_name, &extend))
    return cb_cli_usage (command, _("Unknown unit “%s” for --extend (expected hit, sentence, paragraph or turn)"),
                         extend_name);
  if (count_only && code != NULL)
    return cb_cli_usage (command, _("--count and --code cannot be combined"));
  if (!cb_cli_scope_build (&scope, &filter))
    return CB_CLI_EXIT_FAILURE;

  options.flags = (match_case ? CB_SEARCH_MATCH_CASE : 0) |
                  (match_accents ? CB_SEARCH_MATCH_ACCENTS : 0) |
                  (whole_word ? CB_SEARCH_WHOLE_WORD : 0) |
                  (regex ? CB_SEARCH_REGEX : 0) |
                  (exact ? CB_SEARCH_EXACT : 0) |
                  (literal ? CB_SEARCH_LITERAL : 0);
  options.context = context;

  project = cb_cli_open_project (argv[1]);
  if (project == NULL)
    return CB_CLI_EXIT_FAILURE;
  /* names as a user types them: "Helene" finds "Hélène" when only one
   * folds alike (issue 20) */
  if (!cb_cli_resolve_name (project, CB_SCOPE_DOCUMENT, &document) ||
      !cb_cli_resolve_code (project, &within) ||
      !cb_cli_resolve_name (project, CB_SCOPE_SPEAKER, &speaker))
    return CB_CLI_EXIT_FAILURE;
  options.document = document;
  options.within_code = within;
  options.speaker = speaker;

  term = argc == 3 ? argv[2] : NULL;
  if (saved_name != NULL)
    {
      /* the saved flags and scopes, with the ones given here on top */
      saved = cb_project_lookup_search (project, saved_name, &error);
      if (saved == NULL)
        return cb_cli_fail (error);
      term = saved->query;
      options.flags |= saved->flags;
      if (options.document == NULL)
        options.document = saved->document;
      if (options.within_code == NULL)
        options.within_code = saved->within_code;
      if (options.speaker == NULL)
        options.speaker = saved->speaker;
    }
  if (save_name != NULL)
    {
      /* a query that cannot be read is not saved */
      if (!(options.flags & (CB_SEARCH_REGEX | CB_SEARCH_LITERAL)) && cb_search_query_detect (term))
        {
          g_autoptr(CbSearchQuery) query = cb_search_query_parse (term, &error);

          if (query == NULL)
            return cb_cli_fail (error);
        }
      if (!cb_project_save_search (project, save_name, term, &options, &error))
        return cb_cli_fail (error);
    }

  started = g_get_monotonic_time ();
  if (count_only && filter == NULL)
    {
      gint64 n = cb_search_count (project, term, &options, NULL, &error);

      if (n < 0)
        return cb_cli_fail (error);
      cb_cli_report_timing ("search", started);
      g_print ("%" G_GINT64_FORMAT "\n", n);
      return CB_CLI_EXIT_OK;
    }

  if (code == NULL)
    return list_hits (project, term, &options, filter, count_only, g_strcmp0 (format, "tsv") == 0, started);

  /* Coding needs no context; an existing code is found as it is typed
   * ("werk" is "Werk"), a new one created as given */
  options.context = -1;
  if (!cb_cli_resolve_code (project, &code))
    return CB_CLI_EXIT_FAILURE;

  hits = cb_search_find (project, term, &options, NULL, &error);
  if (hits == NULL)
    return cb_cli_fail (error);
  if (filter != NULL && !cb_project_filter_spans (project, filter, hits, &hit_ref, &error))
    return cb_cli_fail (error);

  /* code every hit */
  cb_project_set_coder (project, cb_cli_coder (coder));
  if (!cb_search_code_hits (project, hits, code, extend, &n_coded, &n_existing, &error))
    return cb_cli_fail (error);
  cb_cli_report_timing ("search --code", started);

  /* TRANSLATORS: after coding the hits of a search: "Coded 12 spans with “Theme / Sub”" */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Coded %u span with “%s”", "Coded %u spans with “%s”", n_coded),
           n_coded, code);
  if (n_existing > 0)
    /* TRANSLATORS: continues "Coded 12 spans with “Theme”" */
    g_print (g_dngettext (GETTEXT_PACKAGE, " (%u more already had it)", " (%u more already had it)",
                          n_existing),
             n_existing);
  g_print ("\n");
  return CB_CLI_EXIT_OK;
}

static int
searches_run (int    argc,
              char **argv)
{
  g_autofree char *delete_name = NULL;
  GOptionEntry entries[] = {
    { "delete", 0, 0, G_OPTION_ARG_STRING, &delete_name, N_("Delete the saved search NAME"), N_("NAME") },
    { NULL }
  };
  const CbCliCommand *command = &cb_cli_search_commands[1];
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) searches = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (!cb_cli_parse (command, entries, &argc, &argv))
    return CB_CLI_EXIT_USAGE;
  if (argc != 2)
    return cb_cli_usage (command, _("Expected a project"));

  project = cb_cli_open_project (argv[1]);
  if (project == NULL)
    return CB_CLI_EXIT_FAILURE;

  if (delete_name != NULL)
    {
      if (!cb_project_delete_search (project, delete_name, &error))
        return cb_cli_fail (error);
      return CB_CLI_EXIT_OK;
    }

  searches = cb_project_list_searches (project, &error);
  if (searches == NULL)
    return cb_cli_fail (error);

  /* name, query, options (the key=value lines joined by spaces) */
  for (guint i = 0; i < searches->len; i++)
    {
      CbSavedSearch *search = searches->pdata[i];
      g_auto(GStrv) lines = g_strsplit (search->options, "\n", -1);
      g_autoptr(GString) options = g_string_new (NULL);

      for (guint k = 0; lines[k] != NULL; k++)
        {
          if (*lines[k] == '\0')
            continue;
          if (options->len > 0)
            g_string_append_c (options, ' ');
          g_string_append (options, lines[k]);
        }
      cb_tsv_append_escaped (out, search->name);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, search->query);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, options->str);
      g_string_append_c (out, '\n');
    }
  cb_cli_write (out);
  return CB_CLI_EXIT_OK;
}
