/* cb-drawing.c: how the app draws, chosen before GTK starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-drawing.h"

#include <glib/gstdio.h>
#include <unistd.h>

/* Whether this machine has a device OpenGL could draw with in hardware: a
 * DRM render node (every Mesa driver and NVIDIA's since 470), or the
 * device of NVIDIA's older proprietary driver.  Primary nodes ("card0")
 * do not count: simpledrm and display-only devices have them too. */
static gboolean
has_gpu_device (void)
{
  g_autoptr(GDir) dri = NULL;
  const char *name;

  if (g_file_test ("/dev/nvidia0", G_FILE_TEST_EXISTS))
    return TRUE;

  dri = g_dir_open ("/dev/dri", 0, NULL);
  if (dri == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dri)) != NULL)
    {
      if (g_str_has_prefix (name, "renderD"))
        {
          g_autofree char *path = g_build_filename ("/dev/dri", name, NULL);

          /* A node we may not open is no GPU for us. */
          if (g_access (path, R_OK | W_OK) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

gboolean
cb_drawing_choose_before_gtk (void)
{
  const char *renderer = g_getenv ("GSK_RENDERER");
  const char *software = g_getenv ("LIBGL_ALWAYS_SOFTWARE");
  gboolean forced_software;

  /* The user decided already. */
  if (g_getenv ("GDK_DEBUG") != NULL)
    return FALSE;
  if (renderer != NULL && *renderer != '\0' && g_ascii_strcasecmp (renderer, "cairo") != 0)
    return FALSE;

  /* Mesa reads LIBGL_ALWAYS_SOFTWARE as a boolean: 1, true, yes. */
  forced_software = software != NULL &&
                    (g_str_equal (software, "1") ||
                     g_ascii_strcasecmp (software, "true") == 0 ||
                     g_ascii_strcasecmp (software, "yes") == 0);

  if (has_gpu_device () && !forced_software)
    return FALSE;

  g_setenv ("GDK_DEBUG", "gl-disable", TRUE);
  /* Named, so GSK does not first try GL and log that it may not. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  return TRUE;
}
