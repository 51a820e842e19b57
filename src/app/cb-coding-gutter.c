/* cb-coding-gutter.c: coding stripes beside the transcript
 *
 * One thin vertical bar per coding, in its code's colour, from the line
 * where the coding starts to the line where it ends.  Codings that overlap
 * get different lanes (greedy interval packing), so every code stays
 * visible.  Only the stripes crossing the visible part are drawn.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-coding-gutter.h"

#define LANE_WIDTH   4
#define LANE_SPACING 2
#define PADDING      6
#define MAX_LANES    12

typedef struct
{
  gint64   start;
  gint64   end;
  GdkRGBA  color;
  char    *label;
  guint    lane;
} Stripe;

struct _CbCodingGutter
{
  GtkWidget      parent_instance;

  /* Borrowed */
  GtkTextView   *view;
  GtkAdjustment *vadjustment;

  /* Owned */
  GArray        *stripes;   /* of Stripe, sorted by start */
  guint          n_lanes;
};

G_DEFINE_FINAL_TYPE (CbCodingGutter, cb_coding_gutter, GTK_TYPE_WIDGET)

static void
stripe_clear (gpointer data)
{
  Stripe *stripe = data;

  g_clear_pointer (&stripe->label, g_free);
}

static int
compare_stripes (gconstpointer a,
                 gconstpointer b)
{
  const Stripe *sa = a;
  const Stripe *sb = b;

  if (sa->start != sb->start)
    return sa->start < sb->start ? -1 : 1;
  if (sa->end != sb->end)
    return sa->end > sb->end ? -1 : 1;
  return 0;
}

static void
on_vadjustment_changed (CbCodingGutter *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
track_vadjustment (CbCodingGutter *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->view));

  if (adjustment == self->vadjustment)
    return;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_changed, self);
  g_set_object (&self->vadjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect_swapped (adjustment, "value-changed",
                              G_CALLBACK (on_vadjustment_changed), self);
}

static void
cb_coding_gutter_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  CbCodingGutter *self = CB_CODING_GUTTER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint lanes = MAX (self->n_lanes, 1);

      *minimum = *natural = PADDING * 2 + lanes * LANE_WIDTH + (lanes - 1) * LANE_SPACING;
    }
  else
    *minimum = *natural = 0;
}

static int
line_top (GtkTextView *view,
          gint64       offset)
{
  GtkTextIter iter;
  int y, height;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_line_yrange (view, &iter, &y, &height);
  return y;
}

static int
line_bottom (GtkTextView *view,
             gint64       offset)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (view), &iter, offset);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  return rect.y + rect.height;
}

static void
cb_coding_gutter_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CbCodingGutter *self = CB_CODING_GUTTER (widget);
  GdkRectangle visible;
  GtkTextIter first, last;
  gint64 first_offset, last_offset;
  guint i;

  if (self->stripes->len == 0)
    return;

  track_vadjustment (self);

  gtk_text_view_get_visible_rect (self->view, &visible);
  gtk_text_view_get_line_at_y (self->view, &first, visible.y, NULL);
  gtk_text_view_get_line_at_y (self->view, &last, visible.y + visible.height, NULL);
  gtk_text_iter_forward_to_line_end (&last);
  first_offset = gtk_text_iter_get_offset (&first);
  last_offset = gtk_text_iter_get_offset (&last);

  for (i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      gint64 start, end;
      int top, bottom, x;

      if (stripe->start > last_offset)
        break;
      if (stripe->end < first_offset || stripe->lane >= MAX_LANES)
        continue;

      start = MAX (stripe->start, first_offset);
      end = MIN (MAX (stripe->end - 1, stripe->start), last_offset);
      top = line_top (self->view, start);
      bottom = line_bottom (self->view, end);
      gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                             0, top, NULL, &top);
      gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                             0, bottom, NULL, &bottom);
      x = PADDING + stripe->lane * (LANE_WIDTH + LANE_SPACING);

      {
        GskRoundedRect rounded;

        gsk_rounded_rect_init_from_rect (&rounded,
                                         &GRAPHENE_RECT_INIT (x, top + 1, LANE_WIDTH,
                                                              MAX (bottom - top - 2, 4)),
                                         LANE_WIDTH / 2.0);
        gtk_snapshot_push_rounded_clip (snapshot, &rounded);
        gtk_snapshot_append_color (snapshot, &stripe->color, &rounded.bounds);
        gtk_snapshot_pop (snapshot);
      }
    }
}

char *
cb_coding_gutter_dup_labels_at_line (CbCodingGutter *self,
                                     int             line)
{
  GtkTextIter start, end;
  gint64 line_start, line_end;
  GString *labels;
  g_autoptr(GHashTable) seen = NULL;
  guint i;

  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), NULL);

  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (self->view), &start, line);
  end = start;
  gtk_text_iter_forward_to_line_end (&end);
  line_start = gtk_text_iter_get_offset (&start);
  line_end = gtk_text_iter_get_offset (&end);

  labels = g_string_new (NULL);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);

      if (stripe->start > line_end)
        break;
      if (stripe->end <= line_start || g_hash_table_contains (seen, stripe->label))
        continue;
      g_hash_table_add (seen, stripe->label);
      if (labels->len > 0)
        g_string_append_c (labels, '\n');
      g_string_append (labels, stripe->label);
    }

  if (labels->len == 0)
    {
      g_string_free (labels, TRUE);
      return NULL;
    }
  return g_string_free (labels, FALSE);
}

static gboolean
cb_coding_gutter_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  CbCodingGutter *self = CB_CODING_GUTTER (widget);
  g_autofree char *labels = NULL;
  GtkTextIter iter;
  int buffer_y;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                         x, y, NULL, &buffer_y);
  gtk_text_view_get_line_at_y (self->view, &iter, buffer_y, NULL);
  labels = cb_coding_gutter_dup_labels_at_line (self, gtk_text_iter_get_line (&iter));
  if (labels == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, labels);
  return TRUE;
}

static void
cb_coding_gutter_dispose (GObject *object)
{
  CbCodingGutter *self = (CbCodingGutter *)object;

  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, on_vadjustment_changed, self);
  g_clear_object (&self->vadjustment);
  self->view = NULL;

  G_OBJECT_CLASS (cb_coding_gutter_parent_class)->dispose (object);
}

static void
cb_coding_gutter_finalize (GObject *object)
{
  CbCodingGutter *self = (CbCodingGutter *)object;

  g_clear_pointer (&self->stripes, g_array_unref);

  G_OBJECT_CLASS (cb_coding_gutter_parent_class)->finalize (object);
}

static void
cb_coding_gutter_class_init (CbCodingGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_coding_gutter_dispose;
  object_class->finalize = cb_coding_gutter_finalize;

  widget_class->measure = cb_coding_gutter_measure;
  widget_class->snapshot = cb_coding_gutter_snapshot;
  widget_class->query_tooltip = cb_coding_gutter_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "codinggutter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cb_coding_gutter_init (CbCodingGutter *self)
{
  self->stripes = g_array_new (FALSE, TRUE, sizeof (Stripe));
  g_array_set_clear_func (self->stripes, stripe_clear);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Coding stripes"),
                                  -1);
}

GtkWidget *
cb_coding_gutter_new (GtkTextView *view)
{
  CbCodingGutter *self;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (view), NULL);

  self = g_object_new (CB_TYPE_CODING_GUTTER, NULL);
  self->view = view;
  return GTK_WIDGET (self);
}

void
cb_coding_gutter_set_stripes (CbCodingGutter *self,
                              const CbStripe *stripes,
                              guint           n_stripes)
{
  g_autoptr(GArray) lane_ends = NULL;
  guint old_lanes;
  guint i;

  g_return_if_fail (CB_IS_CODING_GUTTER (self));

  g_array_set_size (self->stripes, 0);
  for (i = 0; i < n_stripes; i++)
    {
      Stripe stripe = {
        stripes[i].start, stripes[i].end, stripes[i].color,
        g_strdup (stripes[i].label), 0,
      };

      g_array_append_val (self->stripes, stripe);
    }
  g_array_sort (self->stripes, compare_stripes);

  /* Greedy packing: the first lane whose last stripe ended before this
   * one starts; a coding is drawn to the end of its last line, so compare
   * by lines would be better, but offsets keep this cheap and stable. */
  lane_ends = g_array_new (FALSE, TRUE, sizeof (gint64));
  for (i = 0; i < self->stripes->len; i++)
    {
      Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      guint lane;

      for (lane = 0; lane < lane_ends->len; lane++)
        if (g_array_index (lane_ends, gint64, lane) < stripe->start)
          break;
      if (lane == lane_ends->len)
        g_array_append_val (lane_ends, stripe->end);
      else
        g_array_index (lane_ends, gint64, lane) = stripe->end;
      stripe->lane = lane;
    }

  old_lanes = self->n_lanes;
  self->n_lanes = MIN (lane_ends->len, MAX_LANES);
  if (old_lanes != self->n_lanes)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cb_coding_gutter_get_n_lanes (CbCodingGutter *self)
{
  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), 0);
  return self->n_lanes;
}
