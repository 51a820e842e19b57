/* cb-coding-gutter.h: coding stripes beside the transcript
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  gint64   start;     /* code points, end-exclusive */
  gint64   end;
  GdkRGBA  color;
  char    *label;     /* the code's path, for the tooltip */
  guint    group;     /* stripes of one group share lanes; groups sit side
                       * by side (a coder each, when comparing two) */
} CbStripe;

/* Where a stripe is drawn, in the text view's buffer coordinates. */
typedef struct
{
  gint64       start;
  gint64       end;
  guint        lane;         /* 0 is nearest the margin's left edge */
  int          y;            /* top of the first coded line */
  int          height;       /* down to the bottom of the last coded line */
  gboolean     label_shown;  /* the code's name is written beside it */
  const char  *label;        /* the code's path */
} CbStripeGeometry;

#define CB_TYPE_CODING_GUTTER (cb_coding_gutter_get_type ())

G_DECLARE_FINAL_TYPE (CbCodingGutter, cb_coding_gutter, CB, CODING_GUTTER, GtkWidget)

GtkWidget *cb_coding_gutter_new          (GtkTextView    *view);
/* Takes the stripes (copies them); lanes are assigned here. */
void       cb_coding_gutter_set_stripes  (CbCodingGutter *self,
                                          const CbStripe *stripes,
                                          guint           n_stripes);
guint      cb_coding_gutter_get_n_lanes  (CbCodingGutter *self);
/* Every stripe with its lane and place, in text order (element-type
 * CbStripeGeometry); laid out now if the text's layout changed.  Valid
 * until the next call or cb_coding_gutter_set_stripes(). */
GArray    *cb_coding_gutter_get_geometry (CbCodingGutter *self);
/* The paths of the codes whose stripes cross buffer y @y, newline-
 * separated, or NULL. */
char      *cb_coding_gutter_dup_labels_at_y (CbCodingGutter *self,
                                             int             y);

/* MAG phases drawn as section bands behind the stripes: @n_bands pairs
 * (start, end) of code point offsets in @spans. */
void       cb_coding_gutter_set_bands    (CbCodingGutter *self,
                                          const gint64   *spans,
                                          guint           n_bands);
guint      cb_coding_gutter_get_n_bands  (CbCodingGutter *self);

/* Whether the stripes show; the gutter hides when neither they nor the
 * paragraph numbers do. */
void       cb_coding_gutter_set_show_stripes (CbCodingGutter *self,
                                              gboolean        show);
/* Paragraph numbers (CbParagraphIndex) left of the stripes. */
void       cb_coding_gutter_set_show_paragraph_numbers (CbCodingGutter *self,
                                                        gboolean        show);
gboolean   cb_coding_gutter_get_show_paragraph_numbers (CbCodingGutter *self);
/* The paragraph number written beside the buffer line at buffer y @y, as
 * drawing writes it: 0 beside a blank line or when numbers are off. */
guint      cb_coding_gutter_get_paragraph_number_at_y (CbCodingGutter *self,
                                                       int             y);

G_END_DECLS
