/* ui-test-util.h: helpers shared by the UI tests (suite "ui")
 *
 * Every test drives a real CbWindow on a real project file through the
 * same actions a user triggers, then checks both the widgets and the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cb-code-item.h"
#include "cb-segment-item.h"
#include "cb-window-private.h"

typedef struct
{
  char      *dir;
  char      *path;
  CbWindow  *window;
  CbProject *project;
} UiFixture;

/* Runs the main loop until nothing is pending (refreshes, frames). */
static inline void
ui_pump (void)
{
  guint i;

  for (i = 0; i < 2000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

static inline gboolean
ui_count_frame (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits for @n real frames of @widget (at most 5 s). */
static inline void
ui_wait_frames (GtkWidget *widget,
                guint      n)
{
  guint frames = 0;
  guint id = gtk_widget_add_tick_callback (widget, ui_count_frame, &frames, NULL);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (frames < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
}

static inline char *
ui_corpus_file (const char *name)
{
  const char *root = g_getenv ("CODEBOOM_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, "data", "demo", name, NULL);
}

static inline void
ui_fixture_set_up (UiFixture     *fixture,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("codeboom-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.codeboom", NULL);

  fixture->window = cb_window_new (NULL);
  g_object_ref_sink (fixture->window);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));

  file = g_file_new_for_path (fixture->path);
  g_assert_true (cb_window_create_project (fixture->window, file, &error));
  g_assert_no_error (error);
  fixture->project = cb_window_get_project (fixture->window);
  g_assert_nonnull (fixture->project);
  ui_pump ();
}

static inline void
ui_fixture_tear_down (UiFixture     *fixture,
                      gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  g_clear_object (&fixture->window);
  ui_pump ();

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* Imports a file from data/demo through the window, as the Import button
 * does, and waits for the worker thread to finish. */
static inline void
ui_import (UiFixture  *fixture,
           const char *name)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *path = ui_corpus_file (name);
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_ptr_array_add (files, g_file_new_for_path (path));
  _cb_window_import_files (fixture->window, files);
  g_assert_true (_cb_window_import_busy (fixture->window));
  while (_cb_window_import_busy (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cb_window_import_busy (fixture->window));
  ui_pump ();
}

/* Waits for the running job (an export, coding hits…) to finish. */
static inline void
ui_wait_job (UiFixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (_cb_window_busy (fixture->window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (_cb_window_busy (fixture->window));
  ui_pump ();
}

/* Fails with the dialog's message when the window shows one. */
static inline void
ui_assert_no_dialog (UiFixture *fixture)
{
  if (fixture->window->dialog != NULL)
    g_error ("unexpected dialog: %s: %s",
             adw_message_dialog_get_heading (fixture->window->dialog),
             adw_message_dialog_get_body (fixture->window->dialog));
}

static inline gint64
ui_add_code (UiFixture  *fixture,
             const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cb_project_add_code (fixture->project, path, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  ui_pump ();
  return id;
}

static inline guint
ui_count_codings (UiFixture *fixture)
{
  g_autoptr(GPtrArray) documents = cb_project_list_documents (fixture->project, NULL);
  guint i, n = 0;

  g_assert_nonnull (documents);
  for (i = 0; i < documents->len; i++)
    n += ((CbDocumentInfo *) g_ptr_array_index (documents, i))->n_codings;
  return n;
}

/* TRUE when the character at @offset carries @tag. */
static inline gboolean
ui_has_tag_at (CbTranscriptView *view,
               GtkTextTag       *tag,
               gint64            offset)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (cb_transcript_view_get_text_view (view));
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static inline gboolean
ui_code_exists (UiFixture  *fixture,
                const char *path)
{
  g_autoptr(CbCodeInfo) info = cb_project_get_code (fixture->project, path, NULL);

  return info != NULL;
}

static inline void
ui_init (int    *argc,
         char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

#define UI_TEST(path, func) \
  g_test_add (path, UiFixture, NULL, ui_fixture_set_up, func, ui_fixture_tear_down)
