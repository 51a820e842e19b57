/* cb-drawing.h: how the app draws, chosen before GTK starts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Call before gtk_init() or g_application_run().  Without a GPU that
 * OpenGL can use (no DRM render node: a virtual machine, a remote desktop,
 * Xvfb), Mesa offers GTK only its software rasteriser, which costs about
 * 60 MB of memory at start-up and draws text no faster than cairo.  In that
 * case this turns GL off for the process (GDK_DEBUG=gl-disable), so GTK
 * draws with cairo.  A user who sets GDK_DEBUG (even empty) or asks for a
 * GL or Vulkan renderer in GSK_RENDERER keeps their choice.  Returns
 * whether GL was turned off. */
gboolean cb_drawing_choose_before_gtk (void);

G_END_DECLS
