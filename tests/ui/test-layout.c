/* test-layout.c: the window fits small screens, in every language
 *
 * A laptop of 1,366 × 768 and a window of 1,024 × 700 must work in
 * English, Dutch and French: the side panes fold over the centre when
 * there is no room, long labels ellipsise instead of widening the window.
 * Each language is loaded from the build tree's catalogues, and checked to
 * be loaded, so that the test cannot pass in English only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cb-path-label.h"
#include "ui-test-util.h"

/* The widest names a project is likely to show (Dutch compounds). */
#define LONG_CODE "Bureaucratie en regeldruk / Doorgeschoven verantwoordelijkheden bij de gemeentelijke toegang"

typedef struct
{
  const char *language;
  const char *probe;        /* msgid */
  const char *translation;  /* its translation, proving the catalogue loaded */
} Language;

static const Language languages[] = {
  { "en", "Import Transcripts", "Import Transcripts" },
  { "nl", "Import Transcripts", "Transcripten importeren" },
  { "fr", "Import Transcripts", "Importer des transcriptions" },
};

static void
use_language (const Language *language)
{
  const char *localedir = g_getenv ("CODEBOOM_LOCALEDIR");

  g_assert_nonnull (localedir);
  g_setenv ("LANGUAGE", language->language, TRUE);
  /* Resets gettext's cache, so that the new LANGUAGE counts. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (_(language->probe), ==, language->translation);
}

static int
min_width (GtkWidget *widget)
{
  int minimum = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  return minimum;
}

/* Sets the window's size and lets it settle: the X server's answer, the
 * panes folding or unfolding (and their animation). */
static void
resize_window (CbWindow *window,
               int       width,
               int       height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  ui_wait_frames (GTK_WIDGET (window), 20);
  ui_pump ();
}

static void
test_small_screens (gconstpointer data)
{
  const Language *language = data;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  UiFixture fixture = { 0 };
  CbWindow *window;
  CbProject *project;

  use_language (language);

  fixture.dir = g_dir_make_tmp ("codeboom-layout-XXXXXX", &error);
  g_assert_no_error (error);
  fixture.path = g_build_filename (fixture.dir, "Interviews gemeentelijke toegang 2026.codeboom", NULL);
  window = fixture.window = g_object_ref_sink (cb_window_new (NULL));
  gtk_window_present (GTK_WINDOW (window));
  resize_window (window, 1024, 700);

  /* The start page. */
  g_assert_cmpstr (cb_window_get_page (window), ==, "start");
  g_assert_cmpint (min_width (GTK_WIDGET (window)), <=, 800);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);

  /* A project with a transcript open, a long code selected, the search
   * bar open: every label the window has is showing something. */
  file = g_file_new_for_path (fixture.path);
  g_assert_true (cb_window_create_project (window, file, &error));
  g_assert_no_error (error);
  project = fixture.project = cb_window_get_project (window);
  ui_import (&fixture, "interview-ma07.txt");
  ui_add_code (&fixture, LONG_CODE);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (window), LONG_CODE));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search-project", NULL);
  ui_pump ();
  g_assert_nonnull (project);
  resize_window (window, 1024, 700);

  g_assert_cmpstr (cb_window_get_page (window), ==, "project");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  g_assert_cmpint (min_width (GTK_WIDGET (window)), <=, 800);
  /* At 1,024 px the documents and codes stay beside the transcript. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_code_tree (window))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_transcript_view (window))) ||
                 g_strcmp0 (cb_window_get_centre_page (window), "results") == 0);

  /* A 1,366 × 768 laptop shows everything at once. */
  resize_window (window, 1366, 740);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1366);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_code_tree (window))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_quotes_pane (window))));

  /* At 800 px the window still fits; the panes fold over the centre. */
  resize_window (window, 800, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_quotes_pane (window))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_search_panel (window))));
  /* …and come back over it when asked (Shift+F9, or the header button). */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-details", NULL);
  ui_wait_frames (GTK_WIDGET (window), 20);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (cb_window_get_quotes_pane (window))));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  g_print ("# %s: minimum width %d\n", language->language, min_width (GTK_WIDGET (window)));

  ui_fixture_tear_down (&fixture, NULL);
}

/* A code's path left out at the separators, in the middle, keeping the
 * code's own name whole; the whole path in the tooltip. */
static void
test_path_label (void)
{
  const char *path = "Bureaucratie / Regeldruk / Gemeente / Doorgeschoven verantwoordelijkheden";
  GtkWidget *window = gtk_window_new ();
  CbPathLabel *label = CB_PATH_LABEL (cb_path_label_new (path));
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *shown = NULL;
  int full, shorter, name_only, minimum;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (label));
  gtk_window_present (GTK_WINDOW (window));
  ui_pump ();

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (label), path);
  pango_layout_get_pixel_size (layout, &full, NULL);
  pango_layout_set_text (layout, "Bureaucratie / … / Gemeente / Doorgeschoven verantwoordelijkheden", -1);
  pango_layout_get_pixel_size (layout, &shorter, NULL);
  pango_layout_set_text (layout, "… / Doorgeschoven verantwoordelijkheden", -1);
  pango_layout_get_pixel_size (layout, &name_only, NULL);

  shown = cb_path_label_dup_shown (label, full);
  g_assert_cmpstr (shown, ==, path);
  g_free (shown);
  shown = cb_path_label_dup_shown (label, full - 1);
  g_assert_cmpstr (shown, ==, "Bureaucratie / … / Gemeente / Doorgeschoven verantwoordelijkheden");
  g_free (shown);
  shown = cb_path_label_dup_shown (label, shorter - 1);
  g_assert_cmpstr (shown, ==, "Bureaucratie / … / Doorgeschoven verantwoordelijkheden");
  g_free (shown);
  shown = cb_path_label_dup_shown (label, name_only);
  g_assert_cmpstr (shown, ==, "… / Doorgeschoven verantwoordelijkheden");
  g_free (shown);
  shown = cb_path_label_dup_shown (label, name_only - 1);
  g_assert_cmpstr (shown, ==, "Doorgeschoven verantwoordelijkheden");

  /* It never asks for the whole path's width: a long path does not widen
   * its pane. */
  gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <, name_only);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, path);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The side panes take the width the user dragged them to, and keep it
 * (GSettings) for the next window. */
static void
test_pane_widths (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CbWindow *window = fixture->window;
  GtkGesture *drag = NULL;
  GListModel *model;
  CbWindow *second;
  guint i;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 740);
  ui_wait_frames (GTK_WIDGET (window), 10);
  g_assert_cmpint (gtk_widget_get_width (window->sidebar), ==,
                   g_settings_get_int (settings, "sidebar-width"));

  /* Dragging the sidebar's handle 100 px to the right. */
  model = gtk_widget_observe_controllers (window->sidebar_handle);
  for (i = 0; i < g_list_model_get_n_items (model) && drag == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (model, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        drag = GTK_GESTURE (controller);
    }
  g_object_unref (model);
  g_assert_nonnull (drag);
  g_signal_emit_by_name (drag, "drag-begin", 2.0, 100.0);
  g_signal_emit_by_name (drag, "drag-update", 100.0, 0.0);
  g_signal_emit_by_name (drag, "drag-end", 100.0, 0.0);
  ui_wait_frames (GTK_WIDGET (window), 10);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-width"), ==, 380);
  g_assert_cmpint (gtk_widget_get_width (window->sidebar), ==, 380);

  /* The next window starts with it; the split between documents and codes
   * is kept too. */
  gtk_paned_set_position (window->sidebar_paned, 180);
  g_assert_cmpint (g_settings_get_int (settings, "sidebar-split"), ==, 180);
  second = g_object_ref_sink (cb_window_new (NULL));
  {
    int width;

    gtk_widget_get_size_request (second->sidebar, &width, NULL);
    g_assert_cmpint (width, ==, 380);
    g_assert_cmpint (gtk_paned_get_position (second->sidebar_paned), ==, 180);
  }
  gtk_window_destroy (GTK_WINDOW (second));
  g_object_unref (second);
  g_settings_reset (settings, "sidebar-width");
  g_settings_reset (settings, "sidebar-split");
}

int
main (int   argc,
      char *argv[])
{
  guint i;

  ui_init (&argc, &argv);
  for (i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/ui/layout/small-screens/%s", languages[i].language);

      g_test_add_data_func (name, &languages[i], test_small_screens);
    }
  g_test_add_func ("/ui/layout/path-label", test_path_label);
  UI_TEST ("/ui/layout/pane-widths", test_pane_widths);
  return g_test_run ();
}
