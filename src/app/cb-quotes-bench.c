/* cb-quotes-bench.c: the quotes pane of the real window, timed, for
 * bench/cases/22_app_quotes.py
 *
 *   codeboom-quotes-bench PROJECT CODE
 *
 * Opens PROJECT in a CbWindow and prints, one per line:
 *   quotes-ms MS N (selected after MS) counted-after MS cpu-ms MS
 *                           from selecting CODE in the code tree (as a click
 *                           does) to the end of the first frame painted
 *                           with its quotes; N quotes in the list; how
 *                           long the selection itself took (the reading);
 *                           when the count (which the pane makes after that
 *                           frame) was there, from the same start; the main
 *                           thread's CPU time from the click to the paint
 *   scroll-ms MS            from scrolling the list to its middle to the
 *                           end of the frame painted there
 *   search-ms MS ROWS READ cpu-ms MS
 *                           from searching all documents for "cliënt" (as
 *                           Ctrl+Shift+F and typing do) to the end of the
 *                           first frame painted with the results; the result
 *                           rows shown, the hits read; the main thread's CPU
 *   baseline-rss-kb KB      resident memory once GTK and libadwaita are up
 *   peak-rss-kb KB          the process's peak resident memory (VmHWM)
 * Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-drawing.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "cb-code-item.h"
#include "cb-segment-model.h"
#include "cb-window-private.h"

static gboolean painted;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
}

static void
wait_for_paint (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  painted = FALSE;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!painted)
    g_error ("no frame was painted");
}

/* Lets the frame clock go idle, as before a user's click (see
 * cb-app-bench.c). */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 50 * 1000;

  while (g_get_monotonic_time () < until)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* The main thread's CPU time (see cb-app-bench.c). */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  CbQuotesPane *pane;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  CbWindow *window;
  gint64 start;
  gint64 selected;
  gint64 shown;
  double cpu_start, cpu_shown;

  if (argc != 3)
    {
      g_printerr ("usage: %s PROJECT CODE\n", argv[0]);
      return 2;
    }

  /* as the app does (main.c): without a GPU, no GL */
  cb_drawing_choose_before_gtk ();
  gtk_init ();
  adw_init ();
  g_print ("baseline-rss-kb %" G_GINT64_FORMAT "\n", status_kb ("VmRSS:"));

  window = cb_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!cb_window_open_project (window, file, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_for_paint ();
  wait_for_paint ();

  pane = cb_window_get_quotes_pane (window);
  /* twice: the first click also lays the pane out for the first time */
  for (guint round = 0; round < 2; round++)
    {
      if (round > 0)
        {
          /* another code first: the last row of the tree */
          GListModel *rows = cb_code_tree_get_rows (cb_window_get_code_tree (window));
          g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, g_list_model_get_n_items (rows) - 1);
          g_autoptr(CbCodeItem) item = gtk_tree_list_row_get_item (row);

          cb_code_tree_select_path (cb_window_get_code_tree (window), cb_code_item_get_path (item));
          wait_for_paint ();
        }
      settle ();
      cpu_start = thread_cpu_ms ();
      start = g_get_monotonic_time ();
      if (!cb_code_tree_select_path (cb_window_get_code_tree (window), argv[2]))
        g_error ("no code “%s”", argv[2]);
      selected = g_get_monotonic_time ();
      do
        wait_for_paint ();
      while (!cb_quotes_pane_shows_list (pane));
      shown = g_get_monotonic_time ();
      cpu_shown = thread_cpu_ms ();
      {
        CbSegmentModel *model = CB_SEGMENT_MODEL (cb_quotes_pane_get_quotes (pane));
        gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

        while (!cb_segment_model_get_counted (model) && g_get_monotonic_time () < deadline)
          g_main_context_iteration (NULL, TRUE);
        if (!cb_segment_model_get_counted (model))
          g_error ("the quotes were not counted");
      }
      g_print ("%s %.3f %u (selected after %.3f) counted-after %.3f cpu-ms %.3f\n",
               round == 0 ? "quotes-first-ms" : "quotes-ms",
               (shown - start) / 1000.0,
               g_list_model_get_n_items (cb_quotes_pane_get_quotes (pane)), (selected - start) / 1000.0,
               (g_get_monotonic_time () - start) / 1000.0, cpu_shown - cpu_start);
    }

  settle ();
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (cb_quotes_pane_get_list_view (pane)));
  start = g_get_monotonic_time ();
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
  wait_for_paint ();
  g_print ("scroll-ms %.3f\n", (g_get_monotonic_time () - start) / 1000.0);

  /* the project search, in all documents */
  settle ();
  {
    CbSearchPanel *panel = cb_window_get_search_panel (window);
    GPtrArray *hits;

    cpu_start = thread_cpu_ms ();
    start = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (window), "win.search-project", NULL);
    cb_search_panel_set_text (panel, "cliënt");
    _cb_window_search (window);
    do
      wait_for_paint ();
    while (g_strcmp0 (cb_window_get_centre_page (window), "results") != 0);
    hits = cb_search_panel_get_hits (panel);
    g_print ("search-ms %.3f %u %u cpu-ms %.3f\n", (g_get_monotonic_time () - start) / 1000.0,
             cb_search_results_get_n_shown (cb_window_get_search_results (window)),
             hits != NULL ? hits->len : 0, thread_cpu_ms () - cpu_start);
  }

  g_print ("peak-rss-kb %" G_GINT64_FORMAT "\n", status_kb ("VmHWM:"));
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
