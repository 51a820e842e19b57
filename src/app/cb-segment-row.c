/* cb-segment-row.c: one quote in the segments pane
 *
 * The quote itself first (it is what the researcher reads), then where it
 * comes from: document, speaker, timestamp, and the code when the list
 * includes subcodes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-path-label.h"
#include "cb-segment-row.h"

#define MAX_QUOTE_CHARS 600

struct _CbSegmentRow
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkLabel      *quote_label;
  GtkLabel      *source_label;
  CbPathLabel   *code_label;

  /* Owned */
  CbSegmentItem *item;
};

G_DEFINE_FINAL_TYPE (CbSegmentRow, cb_segment_row, GTK_TYPE_WIDGET)

static void
cb_segment_row_dispose (GObject *object)
{
  CbSegmentRow *self = (CbSegmentRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_SEGMENT_ROW);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cb_segment_row_parent_class)->dispose (object);
}

static void
cb_segment_row_class_init (CbSegmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_segment_row_dispose;

  g_type_ensure (CB_TYPE_PATH_LABEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-segment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbSegmentRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, CbSegmentRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, CbSegmentRow, code_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "segmentrow");
}

static void
cb_segment_row_init (CbSegmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);
}

GtkWidget *
cb_segment_row_new (void)
{
  return g_object_new (CB_TYPE_SEGMENT_ROW, NULL);
}

void
cb_segment_row_set_item (CbSegmentRow  *self,
                         CbSegmentItem *item,
                         gboolean       show_code)
{
  const CbSegment *segment;
  const char *speaker, *timestamp;
  g_autoptr(GString) source = NULL;
  g_autofree char *quote = NULL;

  g_return_if_fail (CB_IS_SEGMENT_ROW (self));

  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  segment = cb_segment_item_get_segment (item);
  speaker = cb_segment_item_get_speaker (item);
  timestamp = cb_segment_item_get_timestamp (item);

  /* Very long quotes are cut for the list; the transcript shows them whole. */
  if (g_utf8_strlen (segment->text, -1) > MAX_QUOTE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (segment->text, 0, MAX_QUOTE_CHARS);

      quote = g_strconcat (cut, "…", NULL);
    }
  else
    quote = g_strdup (segment->text);
  gtk_label_set_text (self->quote_label, quote);

  source = g_string_new (segment->document_name);
  if (speaker != NULL)
    g_string_append_printf (source, " · %s", speaker);
  if (timestamp != NULL)
    g_string_append_printf (source, " · %s", timestamp);
  gtk_label_set_text (self->source_label, source->str);

  /* The path label sets its tooltip, and GTK asks the X server where the
   * pointer is whenever a visible widget's tooltip is set: a round trip
   * for every row bound.  A hidden widget's tooltip is only stored. */
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), FALSE);
  cb_path_label_set_path (self->code_label, segment->code_path);
  gtk_widget_set_visible (GTK_WIDGET (self->code_label), show_code);

  {
    g_autofree char *a11y = g_strdup_printf ("%s. %s", source->str, quote);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                    -1);
  }
}

CbSegmentItem *
cb_segment_row_get_item (CbSegmentRow *self)
{
  g_return_val_if_fail (CB_IS_SEGMENT_ROW (self), NULL);
  return self->item;
}
