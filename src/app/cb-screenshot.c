/* cb-screenshot.c: renders a Codeboom window on a project to a PNG
 *
 *   codeboom-screenshot PROJECT OUT.png [DOCUMENT [CODE]]
 *
 * Used by tools/screenshot under Xvfb: opens the project in a real
 * CbWindow, opens DOCUMENT (default: the first), selects CODE in the tree,
 * waits for a few real frames and renders the window with its own
 * renderer.  Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "cb-project-turns.h"
#include "cb-window-private.h"

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (frames < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  CbWindow *window;
  gint64 document_id = 0;
  guint i;

  if (argc < 3)
    {
      g_printerr ("usage: %s PROJECT OUT.png [DOCUMENT [CODE]]\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/codeboom/Codeboom/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/io/github/codeboom/Codeboom/icons");
  }

  window = cb_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 860);
  file = g_file_new_for_commandline_arg (argv[1]);
  if (!cb_window_open_project (window, file, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  documents = cb_project_list_documents (cb_window_get_project (window), &error);
  for (i = 0; documents != NULL && i < documents->len; i++)
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);

      if (document_id == 0 || (argc > 3 && g_strcmp0 (info->name, argv[3]) == 0))
        document_id = info->id;
    }
  if (document_id != 0 && !cb_window_show_document (window, document_id, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (argc > 4)
    cb_code_tree_select_path (window->code_tree, argv[4]);

  /* The interviewer's labels dimmed, as after right-click ▸ Mark as
   * Interviewer on an "I:" label. */
  if (document_id != 0)
    {
      g_autoptr(GPtrArray) speakers = cb_project_list_speakers (cb_window_get_project (window),
                                                                argc > 3 ? argv[3] : "", NULL);

      for (i = 0; speakers != NULL && i < speakers->len; i++)
        if (g_strcmp0 (((CbSpeakerInfo *) g_ptr_array_index (speakers, i))->name, "I") == 0)
          gtk_widget_activate_action (GTK_WIDGET (window), "win.set-interviewer", "(sb)", "I", TRUE);
    }

  gtk_window_present (GTK_WINDOW (window));
  wait_frames (GTK_WIDGET (window), 5);

  /* Scroll to the first coded passage of the document, the cursor before
   * it, so the highlights and stripes show. */
  {
    GPtrArray *codings = cb_transcript_view_get_codings (window->transcript_view);

    if (codings != NULL && codings->len > 0)
      {
        const CbSegment *first = g_ptr_array_index (codings, 0);
        GtkTextView *view = cb_transcript_view_get_text_view (window->transcript_view);
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
        GtkTextIter iter;

        gtk_text_buffer_get_iter_at_offset (buffer, &iter, first->start);
        gtk_text_iter_set_line_offset (&iter, 0);
        gtk_text_buffer_place_cursor (buffer, &iter);
        gtk_text_view_scroll_to_mark (view, gtk_text_buffer_get_insert (buffer), 0.0, TRUE, 0.0, 0.15);
      }
  }
  wait_frames (GTK_WIDGET (window), 10);

  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot,
                          gtk_widget_get_width (GTK_WIDGET (window)),
                          gtk_widget_get_height (GTK_WIDGET (window)));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0,
                                                              gtk_widget_get_width (GTK_WIDGET (window)),
                                                              gtk_widget_get_height (GTK_WIDGET (window))));
  if (!gdk_texture_save_to_png (texture, argv[2]))
    {
      g_printerr ("cannot write %s\n", argv[2]);
      return 1;
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
