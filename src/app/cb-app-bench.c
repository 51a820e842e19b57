/* cb-app-bench.c: timings of the real window for bench/cases/10_app_speed.py
 *
 *   codeboom-app-bench PROJECT CODE [N]
 *
 * Opens PROJECT in a CbWindow and prints, one per line:
 *   first-window-ms MS cpu-ms MS
 *                           from creating the window and opening PROJECT
 *                           to the end of its first frame; the main
 *                           thread's CPU time over the same span
 *   first-paint-ms DOC MS   from asking for a document to the end of the
 *                           first frame painted with it (N documents)
 *   apply-ms MS (stored after MS) cpu-ms MS
 *                           from win.apply-code to the end of the first frame
 *                           painted with the new highlight (N codings); when
 *                           the core had stored it; the main thread's CPU
 *                           time over the same span
 *   baseline-rss-kb KB      resident memory once GTK and libadwaita are up,
 *                           before any Codeboom window (GL drivers included)
 *   peak-rss-kb KB          the process's peak resident memory (VmHWM)
 * Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-drawing.h"

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cb-window-private.h"

static gboolean painted;
static gint64 last_paint;   /* when the last frame ended */

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  painted = TRUE;
  last_paint = g_get_monotonic_time ();
}

static void
wait_for_paint (void)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  painted = FALSE;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  if (!painted)
    g_error ("no frame was painted");
}

/* Lets the frame clock go idle: GDK paces frames at the display's refresh
 * interval, so an action while frames are still coming (a text view still
 * laying out a document it just showed, a list scrolling back) waits for
 * the next slot (up to 16.7 ms at 60 Hz) whatever it costs; a user's click
 * comes at any moment, usually long after the last frame.  So: until no
 * frame was painted for 100 ms, and at least 50 ms, at most 3 s. */
static void
settle (void)
{
  gint64 start = g_get_monotonic_time ();
  gint64 now;

  do
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
      now = g_get_monotonic_time ();
    }
  while (now - start < 50 * 1000 ||
         (now - last_paint < 100 * 1000 && now - start < 3 * G_USEC_PER_SEC));
}

/* The main thread's CPU time: on a loaded machine the wall time of a
 * frame includes waiting for a core; this is what the work itself cost. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gint64
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoll (line + 6, NULL, 10) : -1;
}

/* With $CB_BENCH_MEMORY, the resident memory at each stage, on stderr. */
static void
note_memory (const char *stage)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_getenv ("CB_BENCH_MEMORY") == NULL ||
      !g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  line = strstr (status, "VmRSS:");
  g_printerr ("memory %-28s rss %" G_GINT64_FORMAT " kB, peak %" G_GINT64_FORMAT " kB\n", stage,
              line ? g_ascii_strtoll (line + 6, NULL, 10) : -1, peak_rss_kb ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  GdkFrameClock *clock;
  CbWindow *window;
  gint64 window_start;
  double window_cpu_start;
  guint n, i;

  if (argc < 3)
    {
      g_printerr ("usage: %s PROJECT CODE [N]\n", argv[0]);
      return 2;
    }
  n = argc > 3 ? (guint) atoi (argv[3]) : 10;

  /* as the app does (main.c): without a GPU, no GL */
  cb_drawing_choose_before_gtk ();
  gtk_init ();
  adw_init ();
  note_memory ("gtk and adwaita");
  {
    g_autofree char *status = NULL;
    const char *line;

    if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
        (line = strstr (status, "VmRSS:")) != NULL)
      g_print ("baseline-rss-kb %" G_GINT64_FORMAT "\n", g_ascii_strtoll (line + 6, NULL, 10));
  }

  window_start = g_get_monotonic_time ();
  window_cpu_start = thread_cpu_ms ();
  window = cb_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!cb_window_open_project (window, file, &error))
    g_error ("%s", error->message);
  gtk_window_present (GTK_WINDOW (window));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_for_paint ();
  g_print ("first-window-ms %.3f cpu-ms %.3f\n", (g_get_monotonic_time () - window_start) / 1000.0,
           thread_cpu_ms () - window_cpu_start);
  wait_for_paint ();
  note_memory ("project open, painted");

  documents = cb_project_list_documents (cb_window_get_project (window), &error);
  if (documents == NULL || documents->len == 0)
    g_error ("no documents");

  /* Opening a document: each one only once, so nothing is cached.
   * $CB_BENCH_DOCUMENTS opens fewer (to profile the codings alone). */
  for (i = 0; i < n && i < documents->len && (!g_getenv ("CB_BENCH_DOCUMENTS") || i < (guint) atoi (g_getenv ("CB_BENCH_DOCUMENTS"))); i++)
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);
      gint64 start;

      settle ();
      start = g_get_monotonic_time ();

      if (!cb_window_show_document (window, info->id, &error))
        g_error ("%s", error->message);
      wait_for_paint ();
      g_print ("first-paint-ms %s %.3f %" G_GINT64_FORMAT "\n", info->name,
               (g_get_monotonic_time () - start) / 1000.0, info->n_codings);
    }

  note_memory ("documents shown");

  /* Coding: select a span, apply, until the highlight is on screen. */
  for (i = 0; i < n; i++)
    {
      gint64 offset = 200 + i * 97;
      gint64 start, stored;
      double cpu_start;
      gint64 code_id;
      GtkTextTag *tag;
      GtkTextIter iter;

      cb_transcript_view_select_range (window->transcript_view, offset, offset + 40);
      wait_for_paint ();
      settle ();

      start = g_get_monotonic_time ();
      cpu_start = thread_cpu_ms ();
      gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-code", "s", argv[2]);
      stored = g_get_monotonic_time ();
      wait_for_paint ();
      g_print ("apply-ms %.3f (stored after %.3f) cpu-ms %.3f\n", (g_get_monotonic_time () - start) / 1000.0,
               (stored - start) / 1000.0, thread_cpu_ms () - cpu_start);

      {
        g_autoptr(CbCodeInfo) info = cb_project_get_code (cb_window_get_project (window), argv[2], &error);

        if (info == NULL)
          g_error ("%s", error->message);
        code_id = info->id;
      }
      tag = cb_transcript_view_get_code_tag (window->transcript_view, code_id);
      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (cb_transcript_view_get_text_view (window->transcript_view)),
                                          &iter, offset);
      if (tag == NULL || !gtk_text_iter_has_tag (&iter, tag))
        g_error ("the new coding is not highlighted");
    }

  note_memory ("codings applied");
  g_print ("peak-rss-kb %" G_GINT64_FORMAT "\n", peak_rss_kb ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
