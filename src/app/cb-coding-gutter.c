/* cb-coding-gutter.c: coding stripes beside the transcript
 *
 * One thin vertical bar per coding, in its code's colour, from the top of
 * the line where the coded text starts to the bottom of the line where it
 * ends (display lines, not paragraphs: a coding in the middle of a long
 * paragraph is drawn beside just those lines).  Stripes that would touch
 * get different lanes by greedy interval colouring: in text order, each
 * stripe takes the first lane whose last stripe ended before it, on an
 * earlier display line; so two codings in one paragraph show as two
 * stripes when they share a line and stay in one lane when they do not.
 *
 * While there are few lanes, each lane has room for the code's own name,
 * written downwards beside its stripe wherever the stripe is long enough;
 * the full paths are in the tooltip.
 *
 * Speed: a stripe's extent needs its paragraph laid out, and laying out
 * every coded paragraph of a long transcript takes tens of milliseconds.
 * So extents are computed only for the stripes being drawn (whose lines
 * the text view has just laid out itself), and lanes compare offsets.
 * Only where one stripe ends and the next begins in the same paragraph
 * must the layout say whether they share a line; those answers are kept
 * (highlights do not move line breaks) until the text, its width or its
 * font size change.  Answers not known yet count as "not the same line"
 * at first, and are found in an idle moment, after which the lanes are
 * given again: opening a transcript and applying a coding stay fast.
 *
 * Paragraph numbers (optional) stand left of the stripes, beside the first
 * display line of each paragraph, numbered by the core's
 * CbParagraphIndex, the numbering the quote export cites, so the two
 * cannot disagree.  The index is built from the text once when the text
 * changes (highlights do not change it); drawing numbers only the visible
 * lines, each a binary search, so coding stays as fast as without them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-coding-gutter.h"
#include "cb-paragraph-index.h"
#include "cb-types.h"

#define LANE_WIDTH       4
#define LANE_SPACING     3
#define LABEL_GAP        2
#define PADDING          6
#define MAX_LANES        12
/* Beyond this many lanes the names would take too much of the window. */
#define MAX_LABEL_LANES  4
/* A name is written only beside a stripe at least this tall. */
#define MIN_LABEL_LENGTH 28
/* Between the paragraph numbers and the first lane. */
#define NUMBER_GAP       6

typedef struct
{
  gint64   start;
  gint64   end;
  GdkRGBA  color;
  char    *label;
  char    *name;     /* the code's own name: the last part of label */
  guint    lane;
  guint    group;
} Stripe;

typedef struct
{
  gint64 a;
  gint64 b;
} LinePair;

struct _CbCodingGutter
{
  GtkWidget      parent_instance;

  /* Borrowed */
  GtkTextView   *view;
  GtkAdjustment *vadjustment;

  /* Owned */
  GArray        *stripes;   /* of Stripe, sorted by start */
  GArray        *geometry;  /* of CbStripeGeometry, for cb_coding_gutter_get_geometry() */
  guint          n_lanes;
  GHashTable    *same_line;       /* LinePair -> 1 (same line) or 2 (not) */
  GArray        *unknown_pairs;   /* of LinePair, to ask the layout later */
  guint          refine_source;
  gboolean       lanes_valid;
  int            lanes_width;     /* the text view's width and font size, */
  int            lanes_font_size; /* for which same_line holds */
  gboolean       show_stripes;
  gboolean       show_numbers;
  CbParagraphIndex *paragraphs;   /* of the text shown; NULL until needed */
  int            numbers_width;   /* of the widest number, in pixels */
  GArray        *bands;           /* MAG phases: gint64 start, end pairs (cb-transcript-phases.c) */
};

G_DEFINE_FINAL_TYPE (CbCodingGutter, cb_coding_gutter, GTK_TYPE_WIDGET)

static void
stripe_clear (gpointer data)
{
  Stripe *stripe = data;

  g_clear_pointer (&stripe->label, g_free);
  g_clear_pointer (&stripe->name, g_free);
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
    {
      g_signal_connect_swapped (adjustment, "value-changed",
                                G_CALLBACK (on_vadjustment_changed), self);
      /* The buffer's height changes as lines are laid out. */
      g_signal_connect_swapped (adjustment, "changed",
                                G_CALLBACK (on_vadjustment_changed), self);
    }
}

static gboolean
labels_shown (CbCodingGutter *self)
{
  return self->n_lanes > 0 && self->n_lanes <= MAX_LABEL_LANES;
}

static PangoLayout *
create_label_layout (CbCodingGutter *self,
                     const char     *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* The width a written name takes: its line height, as it runs downwards. */
static int
label_width (CbCodingGutter *self)
{
  g_autoptr(PangoLayout) layout = create_label_layout (self, "Ag");
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

static int
lane_pitch (CbCodingGutter *self)
{
  return LANE_WIDTH + LANE_SPACING + (labels_shown (self) ? LABEL_GAP + label_width (self) : 0);
}

static PangoLayout *
create_number_layout (CbCodingGutter *self,
                      guint           number)
{
  char digits[16];
  PangoLayout *layout;
  PangoAttrList *attrs = pango_attr_list_new ();

  g_snprintf (digits, sizeof digits, "%u", number);
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), digits);
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

/* The paragraphs of the text shown, found when first needed. */
static CbParagraphIndex *
ensure_paragraphs (CbCodingGutter *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  guint n;

  if (self->paragraphs != NULL || self->view == NULL)
    return self->paragraphs;

  buffer = gtk_text_view_get_buffer (self->view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  self->paragraphs = cb_paragraph_index_new (text, strlen (text));

  /* Room for the widest number: as many digits as the last one. */
  n = cb_paragraph_index_get_n (self->paragraphs);
  {
    guint widest = 8;
    g_autoptr(PangoLayout) layout = NULL;

    for (; n >= 10; n /= 10)
      widest = widest * 10 + 8;
    layout = create_number_layout (self, widest);
    pango_layout_get_pixel_size (layout, &self->numbers_width, NULL);
  }
  return self->paragraphs;
}

static int
numbers_column (CbCodingGutter *self)
{
  return ensure_paragraphs (self) != NULL ? self->numbers_width : 0;
}

/* The number of the paragraph that starts on the buffer line at @line_start
 * (a buffer line is a line of the text), or 0 for a blank line. */
static guint
paragraph_number_of_line (CbCodingGutter    *self,
                          const GtkTextIter *line_start)
{
  CbParagraphIndex *paragraphs = ensure_paragraphs (self);
  gint64 offset = gtk_text_iter_get_offset (line_start);
  gint64 start;
  guint number;

  if (paragraphs == NULL)
    return 0;
  number = cb_paragraph_index_number_at (paragraphs, offset);
  if (number == 0 || !cb_paragraph_index_get_span (paragraphs, number, &start, NULL))
    return 0;
  /* It must start on this line, not on a later one. */
  return start - offset < gtk_text_iter_get_chars_in_line (line_start) ? number : 0;
}

static void
append_numbers (CbCodingGutter *self,
                GtkSnapshot    *snapshot,
                int             visible_top,
                int             visible_bottom)
{
  /* One layout for all the numbers of a frame, its text set for each. */
  g_autoptr(PangoLayout) layout = create_number_layout (self, 0);
  GtkTextIter line;
  GdkRGBA color;
  int right = PADDING + self->numbers_width;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  color.alpha *= 0.55;

  gtk_text_view_get_line_at_y (self->view, &line, visible_top, NULL);
  do
    {
      int y, height, top;
      guint number;

      gtk_text_view_get_line_yrange (self->view, &line, &y, &height);
      if (y > visible_bottom)
        break;
      number = paragraph_number_of_line (self, &line);
      if (number > 0)
        {
          GdkRectangle location;
          char digits[16];
          int width, text_height;

          g_snprintf (digits, sizeof digits, "%u", number);
          pango_layout_set_text (layout, digits, -1);
          /* Centred on the paragraph's first display line. */
          gtk_text_view_get_iter_location (self->view, &line, &location);
          pango_layout_get_pixel_size (layout, &width, &text_height);
          gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                                 0, location.y, NULL, &top);
          top += MAX (0, (location.height - text_height) / 2);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (right - width, top));
          gtk_snapshot_append_layout (snapshot, layout, &color);
          gtk_snapshot_restore (snapshot);
        }
    }
  while (gtk_text_iter_forward_line (&line));
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
      int width = PADDING * 2;

      if (self->show_stripes)
        width += lanes * lane_pitch (self) - LANE_SPACING;
      if (self->show_numbers)
        width += numbers_column (self) + (self->show_stripes ? NUMBER_GAP : 0);
      *minimum = *natural = width;
    }
  else
    *minimum = *natural = 0;
}

/* The vertical extent of the lines holding [start, end), in buffer
 * coordinates: from the top of the display line of the first coded
 * character to the bottom of the display line of the last one. */
static void
coded_lines_extent (GtkTextView *view,
                    gint64       start,
                    gint64       end,
                    int         *y,
                    int         *height)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter first, last;
  GdkRectangle a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &first, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &last, MAX (end - 1, start));
  gtk_text_view_get_iter_location (view, &first, &a);
  if (gtk_text_iter_equal (&first, &last))
    b = a;
  else
    gtk_text_view_get_iter_location (view, &last, &b);

  *y = a.y;
  *height = MAX (b.y + b.height - a.y, 1);
}

static guint
line_pair_hash (gconstpointer key)
{
  const LinePair *pair = key;

  return (guint) (pair->a * 2654435761u) ^ (guint) pair->b;
}

static gboolean
line_pair_equal (gconstpointer x,
                 gconstpointer y)
{
  const LinePair *p = x;
  const LinePair *q = y;

  return p->a == q->a && p->b == q->b;
}

/* TRUE when the characters at @a and @b (a < b) are on one display line. */
static gboolean
same_display_line (GtkTextView *view,
                   gint64       a,
                   gint64       b)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter ia, ib;
  GdkRectangle ra, rb;

  gtk_text_buffer_get_iter_at_offset (buffer, &ia, a);
  gtk_text_buffer_get_iter_at_offset (buffer, &ib, b);
  gtk_text_view_get_iter_location (view, &ia, &ra);
  gtk_text_view_get_iter_location (view, &ib, &rb);
  return ra.y == rb.y;
}

/* Whether the lines of @a and @b are known to differ; a pair in one
 * paragraph that the layout was not asked about yet is noted for later
 * (or asked now, when @precise). */
static gboolean
lines_differ (CbCodingGutter *self,
              gint64          a,
              gint64          b,
              gboolean        precise)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  LinePair pair = { a, b };
  GtkTextIter ia, ib;
  gpointer known;

  if ((known = g_hash_table_lookup (self->same_line, &pair)) != NULL)
    return GPOINTER_TO_INT (known) == 2;

  /* Different paragraphs never share a line, and need no layout. */
  gtk_text_buffer_get_iter_at_offset (buffer, &ia, a);
  gtk_text_buffer_get_iter_at_offset (buffer, &ib, b);
  if (gtk_text_iter_get_line (&ia) != gtk_text_iter_get_line (&ib))
    return TRUE;

  if (!precise)
    {
      g_array_append_val (self->unknown_pairs, pair);
      return TRUE;
    }
  {
    gboolean same = same_display_line (self->view, a, b);

    g_hash_table_insert (self->same_line, g_memdup2 (&pair, sizeof pair), GINT_TO_POINTER (same ? 1 : 2));
    return !same;
  }
}

static gboolean refine_lanes (gpointer data);

/* Greedy interval colouring in text order: the first lane whose last
 * stripe ends before this one starts, and not on its first line. */
static void
ensure_lanes (CbCodingGutter *self,
              gboolean        precise)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->view));
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->view));
  int font_size = pango_font_description_get_size (pango_context_get_font_description (context));
  g_autoptr(GArray) lane_last = NULL;   /* index of each lane's last stripe */
  guint old_lanes = self->n_lanes;
  guint n_groups = 1;
  guint group;
  guint base = 0;
  guint i;

  if (self->lanes_width != width || self->lanes_font_size != font_size)
    {
      /* Lines break elsewhere now. */
      g_hash_table_remove_all (self->same_line);
      self->lanes_valid = FALSE;
    }
  if (self->lanes_valid && (!precise || self->unknown_pairs->len == 0))
    return;

  g_array_set_size (self->unknown_pairs, 0);
  lane_last = g_array_new (FALSE, FALSE, sizeof (guint));
  for (i = 0; i < self->stripes->len; i++)
    n_groups = MAX (n_groups, g_array_index (self->stripes, Stripe, i).group + 1);
  /* each group its own lanes, the groups side by side (one at least each
   * when there are several, so a coder keeps their place) */
  for (group = 0; group < n_groups; group++)
    {
      g_array_set_size (lane_last, 0);
      for (i = 0; i < self->stripes->len; i++)
        {
          Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
          guint lane;

          if (stripe->group != group)
            continue;
          for (lane = 0; lane < lane_last->len; lane++)
            {
              const Stripe *last = &g_array_index (self->stripes, Stripe,
                                                   g_array_index (lane_last, guint, lane));

              if (last->end <= stripe->start &&
                  lines_differ (self, MAX (last->end - 1, last->start), stripe->start, precise))
                break;
            }
          if (lane == lane_last->len)
            g_array_set_size (lane_last, lane + 1);
          g_array_index (lane_last, guint, lane) = i;
          stripe->lane = base + lane;
        }
      base += n_groups > 1 ? MAX (lane_last->len, 1) : lane_last->len;
    }

  /* Given again once the text view has its width: which words share a
   * line is only known then. */
  self->lanes_valid = width > 0;
  self->lanes_width = width;
  self->lanes_font_size = font_size;
  self->n_lanes = MIN (base, MAX_LANES);
  if (old_lanes != self->n_lanes)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));

  if (self->unknown_pairs->len > 0 && self->refine_source == 0)
    self->refine_source = g_idle_add_full (G_PRIORITY_LOW, refine_lanes, self, NULL);
}

static gboolean
refine_lanes (gpointer data)
{
  CbCodingGutter *self = data;

  self->refine_source = 0;
  if (self->view != NULL)
    ensure_lanes (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (CbCodingGutter *self)
{
  g_hash_table_remove_all (self->same_line);
  self->lanes_valid = FALSE;
  if (self->paragraphs != NULL)
    {
      g_clear_pointer (&self->paragraphs, cb_paragraph_index_free);
      if (self->show_numbers)
        gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

/* Where the first lane starts: after the numbers, when they show. */
static int
lanes_left (CbCodingGutter *self)
{
  return PADDING + (self->show_numbers ? numbers_column (self) + NUMBER_GAP : 0);
}

static void
append_label (CbCodingGutter *self,
              GtkSnapshot    *snapshot,
              const Stripe   *stripe,
              int             x,
              int             top,
              int             length)
{
  g_autoptr(PangoLayout) layout = create_label_layout (self, stripe->name);
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  color.alpha *= 0.75;

  pango_layout_set_width (layout, length * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  /* Written downwards from the stripe's top: the text's top edge faces
   * the stripe. */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + label_width (self), top));
  gtk_snapshot_rotate (snapshot, 90);
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* MAG phases as section bands behind the stripes: alternating tints from
 * the top of a phase's first line to the bottom of its last, each with a
 * rule at its start. */
static void
append_bands (CbCodingGutter *self,
              GtkSnapshot    *snapshot,
              int             visible_top,
              int             visible_bottom)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  for (guint i = 0; i + 1 < self->bands->len; i += 2)
    {
      gint64 start = g_array_index (self->bands, gint64, i);
      gint64 end = g_array_index (self->bands, gint64, i + 1);
      GdkRGBA tint = { 0.35, 0.55, 0.85, (i / 2) % 2 == 0 ? 0.10 : 0.20 };
      GdkRGBA rule = { 0.35, 0.55, 0.85, 0.7 };
      int y, height, top, bottom;

      coded_lines_extent (self->view, start, end, &y, &height);
      if (y > visible_bottom || y + height < visible_top)
        continue;
      gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT, 0, y, NULL, &top);
      gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT, 0, y + height, NULL, &bottom);
      gtk_snapshot_append_color (snapshot, &tint, &GRAPHENE_RECT_INIT (0, top, width, bottom - top));
      gtk_snapshot_append_color (snapshot, &rule, &GRAPHENE_RECT_INIT (0, top, width, 2));
    }
}

void
cb_coding_gutter_set_bands (CbCodingGutter *self,
                            const gint64   *spans,
                            guint           n_bands)
{
  g_return_if_fail (CB_IS_CODING_GUTTER (self));

  g_array_set_size (self->bands, 0);
  g_array_append_vals (self->bands, spans, n_bands * 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cb_coding_gutter_get_n_bands (CbCodingGutter *self)
{
  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), 0);

  return self->bands->len / 2;
}

static void
cb_coding_gutter_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CbCodingGutter *self = CB_CODING_GUTTER (widget);
  GdkRectangle visible;
  GtkTextIter first, last;
  gint64 first_offset, last_offset;
  gboolean with_labels;
  int pitch, left;
  guint i;

  track_vadjustment (self);
  if (self->view == NULL)
    return;

  gtk_text_view_get_visible_rect (self->view, &visible);
  append_bands (self, snapshot, visible.y, visible.y + visible.height);
  if (self->show_numbers)
    append_numbers (self, snapshot, visible.y, visible.y + visible.height);
  if (self->stripes->len == 0)
    return;

  ensure_lanes (self, FALSE);
  with_labels = labels_shown (self);
  pitch = lane_pitch (self);
  left = lanes_left (self);

  /* Only the stripes crossing the visible text: their lines are laid out. */
  gtk_text_view_get_line_at_y (self->view, &first, visible.y, NULL);
  gtk_text_view_get_line_at_y (self->view, &last, visible.y + visible.height, NULL);
  gtk_text_iter_forward_to_line_end (&last);
  first_offset = gtk_text_iter_get_offset (&first);
  last_offset = gtk_text_iter_get_offset (&last);

  for (i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      GskRoundedRect rounded;
      int y, height, top, bottom, x;

      if (stripe->start > last_offset)
        break;
      if (stripe->end <= first_offset || stripe->lane >= MAX_LANES)
        continue;

      coded_lines_extent (self->view, stripe->start, stripe->end, &y, &height);
      gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                             0, y, NULL, &top);
      gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                             0, y + height, NULL, &bottom);
      x = left + stripe->lane * pitch;

      gsk_rounded_rect_init_from_rect (&rounded,
                                       &GRAPHENE_RECT_INIT (x, top + 1, LANE_WIDTH,
                                                            MAX (bottom - top - 2, 4)),
                                       LANE_WIDTH / 2.0);
      gtk_snapshot_push_rounded_clip (snapshot, &rounded);
      gtk_snapshot_append_color (snapshot, &stripe->color, &rounded.bounds);
      gtk_snapshot_pop (snapshot);

      if (with_labels && height >= MIN_LABEL_LENGTH)
        append_label (self, snapshot, stripe, x + LANE_WIDTH + LABEL_GAP, top + 1, bottom - top - 2);
    }
}

GArray *
cb_coding_gutter_get_geometry (CbCodingGutter *self)
{
  gboolean with_labels;
  guint i;

  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), NULL);

  ensure_lanes (self, TRUE);
  with_labels = labels_shown (self);
  g_array_set_size (self->geometry, 0);
  for (i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      CbStripeGeometry geometry = { stripe->start, stripe->end, stripe->lane, 0, 0, FALSE, stripe->label };

      coded_lines_extent (self->view, stripe->start, stripe->end, &geometry.y, &geometry.height);
      geometry.label_shown = with_labels && stripe->lane < MAX_LANES && geometry.height >= MIN_LABEL_LENGTH;
      g_array_append_val (self->geometry, geometry);
    }
  return self->geometry;
}

char *
cb_coding_gutter_dup_labels_at_y (CbCodingGutter *self,
                                  int             y)
{
  GString *labels;
  g_autoptr(GHashTable) seen = NULL;
  GtkTextIter line_start, line_end;
  guint i;

  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), NULL);

  labels = g_string_new (NULL);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  gtk_text_view_get_line_at_y (self->view, &line_start, y, NULL);
  line_end = line_start;
  gtk_text_iter_forward_to_line_end (&line_end);
  for (i = 0; i < self->stripes->len; i++)
    {
      const Stripe *stripe = &g_array_index (self->stripes, Stripe, i);
      int top, height;

      /* Only the stripes of this paragraph can cross @y. */
      if (stripe->start > gtk_text_iter_get_offset (&line_end))
        break;
      if (stripe->end <= gtk_text_iter_get_offset (&line_start) ||
          g_hash_table_contains (seen, stripe->label))
        continue;
      coded_lines_extent (self->view, stripe->start, stripe->end, &top, &height);
      if (y < top || y >= top + height)
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
  int buffer_y;

  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_LEFT,
                                         x, y, NULL, &buffer_y);
  labels = cb_coding_gutter_dup_labels_at_y (self, buffer_y);
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
  g_clear_handle_id (&self->refine_source, g_source_remove);
  self->view = NULL;

  G_OBJECT_CLASS (cb_coding_gutter_parent_class)->dispose (object);
}

static void
cb_coding_gutter_finalize (GObject *object)
{
  CbCodingGutter *self = (CbCodingGutter *)object;

  g_clear_pointer (&self->stripes, g_array_unref);
  g_clear_pointer (&self->geometry, g_array_unref);
  g_clear_pointer (&self->bands, g_array_unref);
  g_clear_pointer (&self->same_line, g_hash_table_unref);
  g_clear_pointer (&self->unknown_pairs, g_array_unref);
  g_clear_pointer (&self->paragraphs, cb_paragraph_index_free);

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
  self->geometry = g_array_new (FALSE, TRUE, sizeof (CbStripeGeometry));
  self->bands = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->same_line = g_hash_table_new_full (line_pair_hash, line_pair_equal, g_free, NULL);
  self->unknown_pairs = g_array_new (FALSE, FALSE, sizeof (LinePair));
  self->show_stripes = TRUE;
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
  /* The text view keeps its buffer; a new text is set into it. */
  g_signal_connect_object (gtk_text_view_get_buffer (view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

void
cb_coding_gutter_set_stripes (CbCodingGutter *self,
                              const CbStripe *stripes,
                              guint           n_stripes)
{
  guint i;

  g_return_if_fail (CB_IS_CODING_GUTTER (self));

  g_array_set_size (self->geometry, 0);
  g_array_set_size (self->stripes, 0);
  for (i = 0; i < n_stripes; i++)
    {
      const char *last = stripes[i].label ? g_strrstr (stripes[i].label, CB_CODE_PATH_SEPARATOR) : NULL;
      Stripe stripe = {
        stripes[i].start, stripes[i].end, stripes[i].color,
        g_strdup (stripes[i].label),
        g_strdup (last != NULL ? last + strlen (CB_CODE_PATH_SEPARATOR)
                               : (stripes[i].label ? stripes[i].label : "")),
        0, stripes[i].group,
      };

      g_array_append_val (self->stripes, stripe);
    }
  g_array_sort (self->stripes, compare_stripes);

  /* Now, so that the width is right in the next frame. */
  self->lanes_valid = FALSE;
  ensure_lanes (self, FALSE);
}

guint
cb_coding_gutter_get_n_lanes (CbCodingGutter *self)
{
  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), 0);

  ensure_lanes (self, TRUE);
  return self->n_lanes;
}

/* The gutter shows while it has something to show. */
static void
update_visible (CbCodingGutter *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self), self->show_stripes || self->show_numbers);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cb_coding_gutter_set_show_stripes (CbCodingGutter *self,
                                   gboolean        show)
{
  g_return_if_fail (CB_IS_CODING_GUTTER (self));

  self->show_stripes = !!show;
  update_visible (self);
}

void
cb_coding_gutter_set_show_paragraph_numbers (CbCodingGutter *self,
                                             gboolean        show)
{
  g_return_if_fail (CB_IS_CODING_GUTTER (self));

  show = !!show;
  if (self->show_numbers == show)
    return;
  self->show_numbers = show;
  update_visible (self);
}

gboolean
cb_coding_gutter_get_show_paragraph_numbers (CbCodingGutter *self)
{
  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), FALSE);
  return self->show_numbers;
}

guint
cb_coding_gutter_get_paragraph_number_at_y (CbCodingGutter *self,
                                            int             y)
{
  GtkTextIter line;

  g_return_val_if_fail (CB_IS_CODING_GUTTER (self), 0);

  if (!self->show_numbers || self->view == NULL)
    return 0;
  gtk_text_view_get_line_at_y (self->view, &line, y, NULL);
  return paragraph_number_of_line (self, &line);
}
