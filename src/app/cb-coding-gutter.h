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
} CbStripe;

#define CB_TYPE_CODING_GUTTER (cb_coding_gutter_get_type ())

G_DECLARE_FINAL_TYPE (CbCodingGutter, cb_coding_gutter, CB, CODING_GUTTER, GtkWidget)

GtkWidget *cb_coding_gutter_new          (GtkTextView    *view);
/* Takes the stripes (copies them); lanes are assigned here. */
void       cb_coding_gutter_set_stripes  (CbCodingGutter *self,
                                          const CbStripe *stripes,
                                          guint           n_stripes);
guint      cb_coding_gutter_get_n_lanes  (CbCodingGutter *self);
/* The labels of the stripes covering buffer line @line, newline-separated,
 * or NULL. */
char      *cb_coding_gutter_dup_labels_at_line (CbCodingGutter *self,
                                                int             line);

G_END_DECLS
