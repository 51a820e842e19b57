/* cb-transcript-coders.c: the transcript's coder selector
 *
 * A small button at the transcript's top right (shown once the project has
 * two coders) opens a popover: every coder, one coder, or two compared.
 * The filter drops the other coders' codings where the transcript reads
 * them (cb-transcript-view.c's reload), so the highlights, the overlap
 * underlines, the tooltip and the gutter all follow; comparing gives each
 * of the two coders a lane set of their own in the gutter.  The state is
 * kept on the widget as object data: the transcript's struct stays as it
 * is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-transcript-coders.h"
#include "cb-transcript-view-private.h"

typedef struct
{
  CbCoderFilterMode  mode;
  char              *a;
  char              *b;
  GtkWidget         *button;     /* our child (borrowed: the view unparents it) */
  GtkDropDown       *mode_dropdown;
  GtkDropDown       *a_dropdown;
  GtkDropDown       *b_dropdown;
  GtkStringList     *coders;
  gboolean           filling;
} Filter;

#define FILTER_KEY "cb-transcript-coders"

static void
filter_free (Filter *filter)
{
  g_free (filter->a);
  g_free (filter->b);
  g_clear_object (&filter->coders);
  g_free (filter);
}

static Filter *
get_filter (CbTranscriptView *self)
{
  return g_object_get_data (G_OBJECT (self), FILTER_KEY);
}

static const char *
selected_coder (GtkDropDown *dropdown)
{
  GtkStringObject *object = gtk_drop_down_get_selected_item (dropdown);

  return object != NULL ? gtk_string_object_get_string (object) : NULL;
}

static void
on_selector_changed (CbTranscriptView *self)
{
  Filter *filter = get_filter (self);
  g_autoptr(GError) error = NULL;
  CbCoderFilterMode mode;

  if (filter == NULL || filter->filling)
    return;
  mode = gtk_drop_down_get_selected (filter->mode_dropdown);
  gtk_widget_set_sensitive (GTK_WIDGET (filter->a_dropdown), mode != CB_CODER_FILTER_ALL);
  gtk_widget_set_sensitive (GTK_WIDGET (filter->b_dropdown), mode == CB_CODER_FILTER_COMPARE);
  if (!cb_transcript_view_set_coder_filter (self, mode, selected_coder (filter->a_dropdown),
                                            selected_coder (filter->b_dropdown), &error))
    g_warning ("%s", error->message);
}

void
_cb_transcript_coders_init (CbTranscriptView *self)
{
  Filter *filter = g_new0 (Filter, 1);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();
  const char *modes[] = { N_("All Coders"), N_("One Coder"), N_("Compare Two"), NULL };
  const char *translated[4];

  for (guint i = 0; i < 4; i++)
    translated[i] = modes[i] != NULL ? _(modes[i]) : NULL;
  filter->coders = gtk_string_list_new (NULL);
  filter->mode_dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (translated));
  filter->a_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (filter->coders)), NULL));
  filter->b_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (filter->coders)), NULL));
  gtk_widget_set_sensitive (GTK_WIDGET (filter->a_dropdown), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (filter->b_dropdown), FALSE);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Show")), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (filter->mode_dropdown), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Coder A")), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (filter->a_dropdown), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), gtk_label_new (_("Coder B")), 0, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (filter->b_dropdown), 1, 2, 1, 1);
  gtk_popover_set_child (GTK_POPOVER (popover), grid);

  filter->button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (filter->button), "system-users-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (filter->button), popover);
  gtk_widget_set_tooltip_text (filter->button, _("Whose codings to show"));
  /* osd without flat: a flat osd button is a white icon on the white page */
  gtk_widget_add_css_class (filter->button, "osd");
  gtk_widget_add_css_class (filter->button, "circular");
  gtk_widget_set_halign (filter->button, GTK_ALIGN_END);
  gtk_widget_set_valign (filter->button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (filter->button, 4);
  /* left of the round Edit button (cb-transcript-edit.c), which is at 16 */
  gtk_widget_set_margin_end (filter->button, 16 + 34 + 8);
  gtk_widget_set_visible (filter->button, FALSE);
  /* last child: drawn over the text's top margin */
  gtk_widget_set_parent (filter->button, GTK_WIDGET (self));

  g_signal_connect_swapped (filter->mode_dropdown, "notify::selected", G_CALLBACK (on_selector_changed), self);
  g_signal_connect_swapped (filter->a_dropdown, "notify::selected", G_CALLBACK (on_selector_changed), self);
  g_signal_connect_swapped (filter->b_dropdown, "notify::selected", G_CALLBACK (on_selector_changed), self);
  g_object_set_data_full (G_OBJECT (self), FILTER_KEY, filter, (GDestroyNotify) filter_free);
}

/* The selector's coders: the project's, by name; the button shows from two. */
static void
refresh_coders (CbTranscriptView *self,
                Filter           *filter)
{
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (filter->coders));
  gboolean same = TRUE;

  if (self->project == NULL || !(coders = cb_project_list_coders (self->project, NULL)))
    return;
  for (guint i = 0; i < coders->len; i++)
    g_ptr_array_add (names, ((CbCoderInfo *) coders->pdata[i])->name);
  same = names->len == n;
  for (guint i = 0; same && i < n; i++)
    same = g_str_equal (gtk_string_list_get_string (filter->coders, i), names->pdata[i]);
  if (!same)
    {
      guint sa = 0, sb = names->len > 1 ? 1 : 0;

      for (guint i = 0; i < names->len; i++)
        {
          if (g_strcmp0 (names->pdata[i], filter->a) == 0)
            sa = i;
          if (g_strcmp0 (names->pdata[i], filter->b) == 0)
            sb = i;
        }
      g_ptr_array_add (names, NULL);
      filter->filling = TRUE;
      gtk_string_list_splice (filter->coders, 0, n, (const char * const *) names->pdata);
      gtk_drop_down_set_selected (filter->a_dropdown, sa);
      gtk_drop_down_set_selected (filter->b_dropdown, sb);
      filter->filling = FALSE;
      g_ptr_array_set_size (names, names->len - 1);
    }
  gtk_widget_set_visible (filter->button, names->len > 1 || filter->mode != CB_CODER_FILTER_ALL);
}

void
_cb_transcript_coders_filter (CbTranscriptView *self,
                              GPtrArray        *codings)
{
  Filter *filter = get_filter (self);

  if (filter == NULL)
    return;
  refresh_coders (self, filter);
  if (filter->mode == CB_CODER_FILTER_ALL)
    return;
  /* backwards, so that removing keeps the text order of the rest */
  for (guint i = codings->len; i-- > 0;)
    {
      CbSegment *segment = codings->pdata[i];

      if (g_strcmp0 (segment->coder, filter->a) != 0 &&
          !(filter->mode == CB_CODER_FILTER_COMPARE && g_strcmp0 (segment->coder, filter->b) == 0))
        g_ptr_array_remove_index (codings, i);
    }
}

guint
_cb_transcript_coders_group (CbTranscriptView *self,
                             const char       *coder)
{
  Filter *filter = get_filter (self);

  if (filter == NULL || filter->mode != CB_CODER_FILTER_COMPARE)
    return 0;
  return g_strcmp0 (coder, filter->b) == 0 && g_strcmp0 (coder, filter->a) != 0 ? 1 : 0;
}

gboolean
cb_transcript_view_set_coder_filter (CbTranscriptView   *self,
                                     CbCoderFilterMode   mode,
                                     const char         *a,
                                     const char         *b,
                                     GError            **error)
{
  Filter *filter;

  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), FALSE);

  filter = get_filter (self);
  if (mode != CB_CODER_FILTER_ALL && a == NULL)
    mode = CB_CODER_FILTER_ALL;
  if (mode == CB_CODER_FILTER_COMPARE && b == NULL)
    mode = CB_CODER_FILTER_ONE;
  filter->mode = mode;
  g_free (filter->a);
  g_free (filter->b);
  filter->a = g_strdup (a);
  filter->b = g_strdup (b);

  /* the selector shows what was set (also when set from outside) */
  filter->filling = TRUE;
  gtk_drop_down_set_selected (filter->mode_dropdown, mode);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filter->coders)); i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (filter->coders, i), a) == 0)
        gtk_drop_down_set_selected (filter->a_dropdown, i);
      if (g_strcmp0 (gtk_string_list_get_string (filter->coders, i), b) == 0)
        gtk_drop_down_set_selected (filter->b_dropdown, i);
    }
  filter->filling = FALSE;

  if (self->project == NULL || self->document_id == 0)
    return TRUE;
  return cb_transcript_view_refresh (self, CB_CHANGE_CODINGS, NULL, error);
}

CbCoderFilterMode
cb_transcript_view_get_coder_filter (CbTranscriptView *self)
{
  g_return_val_if_fail (CB_IS_TRANSCRIPT_VIEW (self), CB_CODER_FILTER_ALL);

  return get_filter (self)->mode;
}
