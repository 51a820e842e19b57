/* test-search-panel.c: the project search's options, saved searches,
 * Code All Hits with its extend choice and the results grouped by document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ui-test-util.h"

static guint
search_hits (UiFixture     *fixture,
             const char    *term,
             CbSearchFlags  flags)
{
  CbSearchPanel *panel = cb_window_get_search_panel (fixture->window);
  GPtrArray *hits;

  cb_search_panel_set_flags (panel, flags);
  cb_search_panel_set_text (panel, term);
  _cb_window_search (fixture->window);
  ui_pump ();
  hits = cb_search_panel_get_hits (panel);
  return hits != NULL ? hits->len : G_MAXUINT;
}

static guint
core_count (UiFixture             *fixture,
            const char            *term,
            const CbSearchOptions *options)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cb_search_count (fixture->project, term, options, NULL, &error);

  g_assert_no_error (error);
  return n;
}

/* The toggles reach the search: the equivalence by default, off with
 * Exact Typography; case; queries; a bad query shows no hits. */
static void
test_options (UiFixture     *fixture,
              gconstpointer  data)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  guint n;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  ui_pump ();

  /* the file writes l'école, the term the typographic apostrophe */
  n = search_hits (fixture, "l\xE2\x80\x99\xC3\xA9" "cole", 0);
  g_assert_cmpuint (n, >=, 5);
  g_assert_cmpuint (n, ==, core_count (fixture, "l'école", &options));
  g_assert_cmpuint (search_hits (fixture, "l\xE2\x80\x99\xC3\xA9" "cole", CB_SEARCH_EXACT), ==, 0);

  /* Euh… in MA07 */
  n = search_hits (fixture, "euh...", 0);
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (search_hits (fixture, "euh...", CB_SEARCH_MATCH_CASE), ==, 0);
  g_assert_cmpuint (search_hits (fixture, "Euh...", CB_SEARCH_MATCH_CASE), ==, n);
  g_assert_cmpuint (cb_search_panel_get_flags (cb_window_get_search_panel (fixture->window)), ==,
                    CB_SEARCH_MATCH_CASE);

  /* a query */
  options.flags = 0;
  n = search_hits (fixture, "leefloon NEAR/5 dienst", 0);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, ==, core_count (fixture, "leefloon NEAR/5 dienst", &options));
  g_assert_cmpuint (search_hits (fixture, "leefloon AND", 0), ==, G_MAXUINT);

  /* a regular expression */
  g_assert_cmpuint (search_hits (fixture, "cli[eë]nt", CB_SEARCH_REGEX), ==,
                    search_hits (fixture, "client", CB_SEARCH_MATCH_ACCENTS) +
                    search_hits (fixture, "cliënt", CB_SEARCH_MATCH_ACCENTS));

  /* the speaker scope: fewer hits, and an unknown speaker is an error */
  n = search_hits (fixture, "een", 0);
  cb_search_panel_set_scopes (cb_window_get_search_panel (fixture->window), NULL, "R");
  g_assert_cmpuint (search_hits (fixture, "een", 0), <, n);
  cb_search_panel_set_scopes (cb_window_get_search_panel (fixture->window), NULL, "Nobody");
  g_assert_cmpuint (search_hits (fixture, "een", 0), ==, G_MAXUINT);
  cb_search_panel_set_scopes (cb_window_get_search_panel (fixture->window), NULL, NULL);
  g_assert_cmpuint (search_hits (fixture, "een", 0), ==, n);
}

/* Results: a header above the first hit of each document, none above the
 * others; rows stay one a hit. */
static void
test_grouped_results (UiFixture     *fixture,
                      gconstpointer  data)
{
  CbSearchResults *results = cb_window_get_search_results (fixture->window);
  GtkListBox *list_box = NULL;
  GtkListBoxRow *row;
  GtkWidget *header;
  GPtrArray *hits;
  guint n_headers = 0;
  guint n_rows = 0;

  ui_import (fixture, "interview-ma07.txt");
  ui_import (fixture, "mag-session-2-fr.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  ui_pump ();
  /* "e" is in both documents */
  search_hits (fixture, "administrat", 0);
  hits = cb_search_panel_get_hits (cb_window_get_search_panel (fixture->window));
  g_assert_nonnull (hits);
  g_assert_cmpuint (hits->len, >=, 2);

  for (GtkWidget *w = GTK_WIDGET (results); w != NULL && list_box == NULL; )
    {
      if (GTK_IS_LIST_BOX (w))
        list_box = GTK_LIST_BOX (w);
      else
        w = gtk_widget_get_first_child (w);
    }
  g_assert_nonnull (list_box);
  ui_pump ();

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list_box, i)) != NULL; i++)
    {
      CbSearchHit *hit = hits->pdata[i];

      n_rows++;
      header = gtk_list_box_row_get_header (row);
      if (i == 0 || ((CbSearchHit *) hits->pdata[i - 1])->document_id != hit->document_id)
        {
          g_autofree char *expected = NULL;
          guint in_document = 0;

          g_assert_nonnull (header);
          for (guint k = 0; k < hits->len; k++)
            in_document += ((CbSearchHit *) hits->pdata[k])->document_id == hit->document_id;
          expected = g_strdup_printf ("%s  %u hit%s", hit->document_name, in_document, in_document == 1 ? "" : "s");
          g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, expected);
          n_headers++;
        }
      else
        g_assert_null (header);
    }
  g_assert_cmpuint (n_rows, ==, hits->len);
  g_assert_cmpuint (n_headers, ==, 2);
}

/* Saved searches: saved with the project (term, flags, scope), listed,
 * and run again with everything they had. */
static void
test_saved_searches (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbSearchPanel *panel = cb_window_get_search_panel (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(CbSavedSearch) saved = NULL;
  guint n;

  ui_import (fixture, "interview-ma07.txt");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  ui_pump ();
  g_assert_cmpuint (cb_search_panel_get_n_saved (panel), ==, 0);

  cb_search_panel_set_scopes (panel, NULL, "R");
  n = search_hits (fixture, "dienst OR leefloon", CB_SEARCH_WHOLE_WORD);
  g_assert_cmpuint (n, >, 0);
  g_assert_true (cb_search_panel_save_search (panel, "Diensten", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cb_search_panel_get_n_saved (panel), ==, 1);
  saved = cb_project_lookup_search (fixture->project, "Diensten", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->query, ==, "dienst OR leefloon");
  g_assert_cmpint (saved->flags, ==, CB_SEARCH_WHOLE_WORD);
  g_assert_cmpstr (saved->speaker, ==, "R");

  /* something else, then the saved one again */
  cb_search_panel_set_scopes (panel, NULL, NULL);
  g_assert_cmpuint (search_hits (fixture, "xyz", CB_SEARCH_MATCH_CASE), ==, 0);
  g_assert_true (cb_search_panel_run_saved (panel, "Diensten", &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_cmpuint (cb_search_panel_get_hits (panel)->len, ==, n);
  g_assert_cmpint (cb_search_panel_get_flags (panel), ==, CB_SEARCH_WHOLE_WORD);

  g_assert_false (cb_search_panel_run_saved (panel, "Nergens", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

/* Code All Hits widens the hits as the popover says: by paragraph, the
 * hits of one paragraph are one coding. */
static void
test_code_hits_extend (UiFixture     *fixture,
                       gconstpointer  data)
{
  CbSearchPanel *panel = cb_window_get_search_panel (fixture->window);
  guint n_hits;
  guint n_codings;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Een");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Een"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  n_hits = search_hits (fixture, "een", 0);
  g_assert_cmpuint (n_hits, >, 10);

  cb_search_panel_set_extend (panel, CB_SEARCH_EXTEND_PARAGRAPH);
  g_assert_cmpint (cb_search_panel_get_extend (panel), ==, CB_SEARCH_EXTEND_PARAGRAPH);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.code-hits", NULL);
  ui_wait_job (fixture);
  n_codings = ui_count_codings (fixture);
  g_assert_cmpuint (n_codings, >, 0);
  g_assert_cmpuint (n_codings, <, n_hits);
}

/* A search in all documents with more hits than a page: the panel counts
 * them all but reads the first documents' hits only; the results list
 * reads further pages as it shows more, the headers count whole
 * documents, and Code All Hits codes every hit, read or not. */
static void
test_paged_results (UiFixture     *fixture,
                    gconstpointer  data)
{
  CbSearchPanel *panel = cb_window_get_search_panel (fixture->window);
  CbSearchResults *results = cb_window_get_search_results (fixture->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) all = NULL;
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  GPtrArray *hits;
  guint n_read;

  /* four documents of 300 hits each (an emoji and a combining mark
   * before every hit: offsets are code points) */
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "😀 Zoe\u0308 ziet de cliënt.\n");
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("gesprek-%u", i + 1);

      g_assert_cmpint (cb_project_add_document (fixture->project, name, text->str, NULL, NULL, &error), >, 0);
      g_assert_no_error (error);
    }
  ui_add_code (fixture, "Cliënt");
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Cliënt"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.search-project", NULL);
  ui_pump ();
  g_assert_cmpuint (search_hits (fixture, "client", 0), ==, 600);   /* two documents: 300, then 600 ≥ 500 */

  g_assert_cmpint (cb_search_panel_get_n_hits (panel), ==, 1200);
  g_assert_true (cb_search_panel_has_more (panel));
  all = cb_search_find (fixture->project, "client", &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1200);
  hits = cb_search_panel_get_hits (panel);
  for (guint i = 0; i < hits->len; i++)
    {
      const CbSearchHit *a = all->pdata[i];
      const CbSearchHit *b = hits->pdata[i];

      g_assert_cmpint (a->document_id, ==, b->document_id);
      g_assert_cmpint (a->start, ==, b->start);
      g_assert_cmpint (a->end, ==, b->end);
    }
  g_assert_cmpint (((CbSearchHit *) hits->pdata[0])->start, ==, 14);   /* Zoë is one code point once stored (NFC) */
  g_assert_cmpint (((CbSearchHit *) hits->pdata[0])->end, ==, 20);

  /* the list: a hundred rows of the 1200, then more; the next page is
   * read only when the rows reach the end of what was read */
  g_assert_cmpuint (cb_search_results_get_n_shown (results), ==, CB_SEARCH_RESULTS_ROWS);
  n_read = hits->len;
  while (cb_search_results_get_n_shown (results) + CB_SEARCH_RESULTS_ROWS <= n_read)
    {
      g_assert_true (cb_search_results_show_more (results));
      g_assert_cmpuint (hits->len, ==, n_read);
    }
  for (guint shown = cb_search_results_get_n_shown (results); shown < 1200; )
    {
      g_assert_true (cb_search_results_show_more (results));
      shown = MIN (shown + CB_SEARCH_RESULTS_ROWS, 1200);
      g_assert_cmpuint (cb_search_results_get_n_shown (results), ==, shown);
      g_assert_cmpuint (hits->len, >=, shown);
    }
  g_assert_cmpuint (hits->len, >, n_read);
  g_assert_false (cb_search_results_show_more (results));
  g_assert_false (cb_search_panel_has_more (panel));
  g_assert_cmpuint (hits->len, ==, 1200);

  /* a new search starts from the first page again; Code All Hits codes all */
  g_assert_cmpuint (search_hits (fixture, "client", 0), ==, 600);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.code-hits", NULL);
  ui_wait_job (fixture);
  g_assert_cmpuint (ui_count_codings (fixture), ==, 1200);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/search-panel/options", test_options);
  UI_TEST ("/ui/search-panel/grouped-results", test_grouped_results);
  UI_TEST ("/ui/search-panel/saved-searches", test_saved_searches);
  UI_TEST ("/ui/search-panel/code-hits-extend", test_code_hits_extend);
  UI_TEST ("/ui/search-panel/paged-results", test_paged_results);

  return g_test_run ();
}
