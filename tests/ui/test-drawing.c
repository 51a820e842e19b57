/* test-drawing.c: the app turns GL off only without a GPU, and never over
 * the user's own choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <unistd.h>

#include "cb-drawing.h"

/* The environment each case starts from: nothing chosen. */
static void
clear_environment (void)
{
  g_unsetenv ("GDK_DEBUG");
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("LIBGL_ALWAYS_SOFTWARE");
}

static void
test_user_gdk_debug_wins (void)
{
  clear_environment ();
  g_setenv ("GDK_DEBUG", "", TRUE);
  g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
  g_assert_false (cb_drawing_choose_before_gtk ());
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "");
  g_assert_null (g_getenv ("GSK_RENDERER"));
}

static void
test_user_gl_renderer_wins (void)
{
  clear_environment ();
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
  g_assert_false (cb_drawing_choose_before_gtk ());
  g_assert_null (g_getenv ("GDK_DEBUG"));
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");
}

static void
test_software_gl_is_turned_off (void)
{
  clear_environment ();
  g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
  g_assert_true (cb_drawing_choose_before_gtk ());
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");

  /* cairo asked for by name needs no GL either */
  clear_environment ();
  g_setenv ("GSK_RENDERER", "Cairo", TRUE);
  g_setenv ("LIBGL_ALWAYS_SOFTWARE", "true", TRUE);
  g_assert_true (cb_drawing_choose_before_gtk ());
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "gl-disable");
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "Cairo");
}

/* This machine: GL stays on exactly when it has a render node we may use. */
static void
test_this_machine (void)
{
  g_autoptr(GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  gboolean gpu = g_file_test ("/dev/nvidia0", G_FILE_TEST_EXISTS);
  const char *name;

  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/dev/dri", name, NULL);

      if (g_str_has_prefix (name, "renderD") && g_file_test (path, G_FILE_TEST_EXISTS)
          && access (path, R_OK | W_OK) == 0)
        gpu = TRUE;
    }

  clear_environment ();
  g_assert_cmpint (cb_drawing_choose_before_gtk (), ==, !gpu);
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, gpu ? NULL : "gl-disable");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/drawing/user-gdk-debug-wins", test_user_gdk_debug_wins);
  g_test_add_func ("/drawing/user-gl-renderer-wins", test_user_gl_renderer_wins);
  g_test_add_func ("/drawing/software-gl-is-turned-off", test_software_gl_is_turned_off);
  g_test_add_func ("/drawing/this-machine", test_this_machine);
  return g_test_run ();
}
