/* cb-path-label.c: a code's path on one line, its own name kept whole
 *
 * "Bureaucratie / Regeldruk / Doorgeschoven" in a narrow pane becomes
 * "Bureaucratie / … / Doorgeschoven": whole ancestors are left out from
 * the middle, at the separators, so that the code's own name (what the
 * user looks for) stays readable; the full path is in the tooltip.  A
 * plain GtkLabel can only cut at one place, inside a word.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cb-path-label.h"
#include "cb-types.h"

/* The least the label asks for: enough for a short name, and never so
 * much that a long path widens its pane. */
#define MIN_CHARS 10

struct _CbPathLabel
{
  GtkWidget  parent_instance;

  char      *path;
  char     **parts;   /* the path split at its separators */
};

G_DEFINE_FINAL_TYPE (CbPathLabel, cb_path_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
text_width (CbPathLabel *self,
            const char  *text)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* The parts @first.. @last - 1 of the path left out. */
static char *
join_without (CbPathLabel *self,
              guint        first,
              guint        last)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint i, n = g_strv_length (self->parts);

  for (i = 0; i < n; i++)
    {
      if (i >= first && i < last)
        {
          if (i == first)
            g_string_append (text, i == 0 ? "…" : CB_CODE_PATH_SEPARATOR "…");
          continue;
        }
      if (text->len > 0)
        g_string_append (text, CB_CODE_PATH_SEPARATOR);
      g_string_append (text, self->parts[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
cb_path_label_dup_shown (CbPathLabel *self,
                         int          width)
{
  guint n, left_out;

  g_return_val_if_fail (CB_IS_PATH_LABEL (self), NULL);

  if (self->path == NULL)
    return g_strdup ("");
  if (text_width (self, self->path) <= width)
    return g_strdup (self->path);

  /* Keep the root and the name; leave out more and more in between, the
   * ancestors nearest the root first. */
  n = g_strv_length (self->parts);
  for (left_out = 1; n >= 3 && left_out <= n - 2; left_out++)
    {
      g_autofree char *text = join_without (self, 1, 1 + left_out);

      if (text_width (self, text) <= width)
        return g_steal_pointer (&text);
    }
  /* Then the root too: "… / Name". */
  if (n >= 2)
    {
      g_autofree char *text = join_without (self, 0, n - 1);

      if (text_width (self, text) <= width)
        return g_steal_pointer (&text);
    }
  /* The name alone (the snapshot cuts it at its end if need be). */
  return g_strdup (self->parts[n - 1]);
}

static void
cb_path_label_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  CbPathLabel *self = CB_PATH_LABEL (widget);
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, self->path ? self->path : "");
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      PangoContext *context = gtk_widget_get_pango_context (widget);
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      int char_width = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;

      pango_font_metrics_unref (metrics);

      *minimum = MIN (width, MIN_CHARS * char_width);
      *natural = width;
    }
  else
    {
      *minimum = *natural = height;
      *minimum_baseline = *natural_baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;
    }
}

static void
cb_path_label_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  CbPathLabel *self = CB_PATH_LABEL (widget);
  int width = gtk_widget_get_width (widget);
  g_autofree char *shown = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GdkRGBA color;

  if (self->path == NULL)
    return;

  shown = cb_path_label_dup_shown (self, width);
  layout = gtk_widget_create_pango_layout (widget, shown);
  pango_layout_set_width (layout, width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  gtk_snapshot_append_layout (snapshot, layout, &color);
}

void
cb_path_label_set_path (CbPathLabel *self,
                        const char  *path)
{
  g_return_if_fail (CB_IS_PATH_LABEL (self));

  if (g_strcmp0 (self->path, path) == 0)
    return;
  g_free (self->path);
  self->path = g_strdup (path);
  g_strfreev (self->parts);
  self->parts = path ? g_strsplit (path, CB_CODE_PATH_SEPARATOR, -1) : NULL;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, path ? path : "",
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
}

const char *
cb_path_label_get_path (CbPathLabel *self)
{
  g_return_val_if_fail (CB_IS_PATH_LABEL (self), NULL);
  return self->path;
}

GtkWidget *
cb_path_label_new (const char *path)
{
  return g_object_new (CB_TYPE_PATH_LABEL, "path", path, NULL);
}

static void
cb_path_label_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, CB_PATH_LABEL (object)->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_path_label_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_PATH:
      cb_path_label_set_path (CB_PATH_LABEL (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_path_label_finalize (GObject *object)
{
  CbPathLabel *self = CB_PATH_LABEL (object);

  g_free (self->path);
  g_strfreev (self->parts);

  G_OBJECT_CLASS (cb_path_label_parent_class)->finalize (object);
}

static void
cb_path_label_class_init (CbPathLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cb_path_label_get_property;
  object_class->set_property = cb_path_label_set_property;
  object_class->finalize = cb_path_label_finalize;
  widget_class->measure = cb_path_label_measure;
  widget_class->snapshot = cb_path_label_snapshot;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pathlabel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
cb_path_label_init (CbPathLabel *self)
{
}
