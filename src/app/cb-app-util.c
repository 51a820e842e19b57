/* cb-app-util.c: small helpers shared by the application's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-app-util.h"
#include "cb-window.h"

/* GNOME's palette, the 3rd shade of each hue: readable as a highlight in
 * both light and dark styles. */
static const char * const palette[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac",
  "#986a44", "#2ec27e", "#1c71d8", "#e5a50a", "#c061cb", "#613583",
  NULL
};

const char * const *
cb_code_palette (void)
{
  return palette;
}

void
cb_code_color_to_rgba (const char *color,
                       gint64      code_id,
                       GdkRGBA    *rgba)
{
  g_return_if_fail (rgba != NULL);

  if (color != NULL && color[0] != '\0' && gdk_rgba_parse (rgba, color))
    return;

  gdk_rgba_parse (rgba, palette[(guint64) code_id % (G_N_ELEMENTS (palette) - 1)]);
}

void
cb_widget_show_error (GtkWidget    *widget,
                      const GError *error)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  if (CB_IS_WINDOW (root))
    cb_window_show_error (CB_WINDOW (root), error);
  else
    g_warning ("%s", error->message);
}

char *
cb_rgba_to_hex (const GdkRGBA *rgba)
{
  g_return_val_if_fail (rgba != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x",
                          (int) (CLAMP (rgba->red, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (rgba->green, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5));
}
