/* cb-mag-grid-view.c: the MAG grid view (see cb-mag-grid-view.h)
 *
 * A page of the window's view stack: the convergence/divergence grid of
 * every session of the project (cb_project_mag_grid()), a button per cell
 * with its number of quotes; clicking one lists the quotes below, and
 * activating a quote opens it in the transcript (::quote-activated).  The
 * Export menu writes the grid as the CLI's `mag grid` does.  The view
 * recomputes when the project changes and it is shown, or when it is next
 * shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-export-xml.h"
#include "cb-mag-grid-view.h"

struct _CbMagGridView
{
  GtkWidget     parent_instance;

  GtkWidget    *box;
  GtkWidget    *export_button;
  GtkWidget    *empty_page;
  GtkWidget    *table_scroller;
  GtkGrid      *table;
  GtkLabel     *cell_title;
  GtkWidget    *quote_scroller;
  GtkListBox   *quote_list;

  CbProject    *project;
  CbMagGrid    *grid;
  GPtrArray    *shown_quotes;   /* borrowed from grid: the listed cell's */
  gboolean      dirty;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (CbMagGridView, cb_mag_grid_view, GTK_TYPE_WIDGET)

enum
{
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define CELL_POINT_KEY "cb-point"
#define CELL_COLUMN_KEY "cb-column"

static void
clear_quotes (CbMagGridView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quote_list))) != NULL)
    gtk_list_box_remove (self->quote_list, child);
  self->shown_quotes = NULL;
  gtk_label_set_text (self->cell_title, "");
  gtk_widget_set_visible (self->quote_scroller, FALSE);
}

static void
on_cell_clicked (GtkButton     *button,
                 CbMagGridView *self)
{
  cb_mag_grid_view_show_cell (self,
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), CELL_POINT_KEY)),
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), CELL_COLUMN_KEY)));
}

static GtkWidget *
header_label (const char *text,
              gboolean    wrap)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), wrap);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_table (CbMagGridView *self)
{
  GtkWidget *child;
  gboolean empty = self->grid == NULL || self->grid->points->len == 0 || self->grid->columns->len == 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->table))) != NULL)
    gtk_grid_remove (self->table, child);
  clear_quotes (self);
  gtk_widget_set_visible (self->empty_page, empty);
  gtk_widget_set_visible (self->table_scroller, !empty);
  gtk_widget_set_sensitive (self->export_button, !empty);
  if (empty)
    return;

  gtk_grid_attach (self->table, header_label (_("Point"), FALSE), 0, 0, 1, 1);
  for (guint c = 0; c < self->grid->columns->len; c++)
    gtk_grid_attach (self->table, header_label (self->grid->columns->pdata[c], FALSE), c + 1, 0, 1, 1);
  for (guint p = 0; p < self->grid->points->len; p++)
    {
      CbMagPoint *point = self->grid->points->pdata[p];
      gboolean divergence = g_str_equal (point->type, "divergence");
      g_autofree char *title = g_strdup_printf ("%s %s", divergence ? "±" : "+", point->title);
      GtkWidget *label = header_label (title, TRUE);

      gtk_widget_set_tooltip_text (label, divergence ? _("Divergence") : _("Convergence"));
      gtk_grid_attach (self->table, label, 0, p + 1, 1, 1);
      for (guint c = 0; c < self->grid->columns->len; c++)
        {
          GPtrArray *cell = cb_mag_grid_get_cell (self->grid, p, c);
          g_autofree char *count = g_strdup_printf ("%u", cell->len);
          /* Translators: a grid cell for screen readers: a point, a
           * participant and the number of quotes */
          g_autofree char *a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %s: %u quote",
                                                                "%s, %s: %u quotes", cell->len),
                                                   point->title,
                                                   (const char *) self->grid->columns->pdata[c], cell->len);
          GtkWidget *button = gtk_button_new_with_label (count);

          gtk_widget_set_sensitive (button, cell->len > 0);
          if (cell->len == 0)
            gtk_widget_add_css_class (button, "flat");
          gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
          g_object_set_data (G_OBJECT (button), CELL_POINT_KEY, GUINT_TO_POINTER (p));
          g_object_set_data (G_OBJECT (button), CELL_COLUMN_KEY, GUINT_TO_POINTER (c));
          g_signal_connect (button, "clicked", G_CALLBACK (on_cell_clicked), self);
          gtk_grid_attach (self->table, button, c + 1, p + 1, 1, 1);
        }
    }
}

void
cb_mag_grid_view_refresh (CbMagGridView *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CB_IS_MAG_GRID_VIEW (self));

  g_clear_pointer (&self->grid, cb_mag_grid_free);
  self->dirty = FALSE;
  if (self->project != NULL && !self->busy &&
      !(self->grid = cb_project_mag_grid (self->project, NULL, &error)))
    cb_widget_show_error (GTK_WIDGET (self), error);
  build_table (self);
}

static void
cb_mag_grid_view_map (GtkWidget *widget)
{
  CbMagGridView *self = CB_MAG_GRID_VIEW (widget);

  GTK_WIDGET_CLASS (cb_mag_grid_view_parent_class)->map (widget);
  if (self->dirty)
    cb_mag_grid_view_refresh (self);
}

static void
on_quote_row_activated (CbMagGridView *self,
                        GtkListBoxRow *row,
                        GtkListBox    *list)
{
  int index = gtk_list_box_row_get_index (row);
  const CbMagQuote *quote;

  if (self->shown_quotes == NULL || index < 0 || (guint) index >= self->shown_quotes->len)
    return;
  quote = self->shown_quotes->pdata[index];
  g_signal_emit (self, signals[QUOTE_ACTIVATED], 0, quote->document_id, quote->start, quote->end);
}

/* ---- Export ---------------------------------------------------------- */

gboolean
cb_mag_grid_view_export (CbMagGridView    *self,
                         CbMagGridFormat   format,
                         GFile            *file,
                         GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CB_IS_MAG_GRID_VIEW (self), FALSE);

  if (self->grid == NULL)
    cb_mag_grid_view_refresh (self);
  if (self->grid == NULL)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND, _("There is no grid to export"));
      return FALSE;
    }
  return (bytes = cb_mag_grid_write (self->grid, format, error)) != NULL &&
         cb_export_write_file (bytes, file, error);
}

static gboolean
write_export (GtkWidget  *widget,
              GFile      *file,
              gpointer    data,
              GError    **error)
{
  CbMagGridFormat format = CB_MAG_GRID_HTML;

  cb_mag_grid_format_from_string (data, &format);
  return cb_mag_grid_view_export (CB_MAG_GRID_VIEW (widget), format, file, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  const char *format = g_variant_get_string (parameter, NULL);
  /* Translators: the exported grid's file name, without its extension */
  g_autofree char *name = g_strdup_printf ("%s.%s", _("grid"), format);

  cb_choose_file_to_save (widget, _("Export Grid"), name, write_export, g_strdup (format), g_free);
}

/* ---- Public ---------------------------------------------------------- */

GtkWidget *
cb_mag_grid_view_new (void)
{
  return g_object_new (CB_TYPE_MAG_GRID_VIEW, NULL);
}

void
cb_mag_grid_view_set_project (CbMagGridView *self,
                              CbProject     *project)
{
  g_return_if_fail (CB_IS_MAG_GRID_VIEW (self));

  if (!g_set_object (&self->project, project))
    return;
  g_clear_pointer (&self->grid, cb_mag_grid_free);
  build_table (self);
  cb_mag_grid_view_invalidate (self);
}

void
cb_mag_grid_view_invalidate (CbMagGridView *self)
{
  g_return_if_fail (CB_IS_MAG_GRID_VIEW (self));

  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->busy)
    cb_mag_grid_view_refresh (self);
}

void
cb_mag_grid_view_set_busy (CbMagGridView *self,
                           gboolean       busy)
{
  g_return_if_fail (CB_IS_MAG_GRID_VIEW (self));

  self->busy = busy;
  if (!busy && self->dirty && gtk_widget_get_mapped (GTK_WIDGET (self)))
    cb_mag_grid_view_refresh (self);
}

CbMagGrid *
cb_mag_grid_view_get_grid (CbMagGridView *self)
{
  g_return_val_if_fail (CB_IS_MAG_GRID_VIEW (self), NULL);

  return self->grid;
}

GtkWidget *
cb_mag_grid_view_get_cell_button (CbMagGridView *self,
                                  guint          point,
                                  guint          column)
{
  g_return_val_if_fail (CB_IS_MAG_GRID_VIEW (self), NULL);

  return gtk_grid_get_child_at (self->table, column + 1, point + 1);
}

void
cb_mag_grid_view_show_cell (CbMagGridView *self,
                            guint          point,
                            guint          column)
{
  CbMagPoint *info;
  GPtrArray *cell;
  g_autofree char *title = NULL;

  g_return_if_fail (CB_IS_MAG_GRID_VIEW (self));

  clear_quotes (self);
  if (self->grid == NULL || point >= self->grid->points->len || column >= self->grid->columns->len)
    return;
  info = self->grid->points->pdata[point];
  cell = cb_mag_grid_get_cell (self->grid, point, column);
  /* Translators: above a cell's quotes: a point and a participant */
  title = g_strdup_printf (_("%s — %s"), info->title, (const char *) self->grid->columns->pdata[column]);
  gtk_label_set_text (self->cell_title, title);
  for (guint q = 0; q < cell->len; q++)
    {
      const CbMagQuote *quote = cell->pdata[q];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *escaped = g_markup_escape_text (quote->text, -1);
      g_autofree char *subtitle = g_markup_escape_text (quote->document, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->quote_list, row);
    }
  self->shown_quotes = cell;
  gtk_widget_set_visible (self->quote_scroller, cell->len > 0);
}

GtkListBox *
cb_mag_grid_view_get_quote_list (CbMagGridView *self)
{
  g_return_val_if_fail (CB_IS_MAG_GRID_VIEW (self), NULL);

  return self->quote_list;
}

void
cb_mag_grid_view_activate_quote (CbMagGridView *self,
                                 guint          index)
{
  GtkListBoxRow *row;

  g_return_if_fail (CB_IS_MAG_GRID_VIEW (self));

  if ((row = gtk_list_box_get_row_at_index (self->quote_list, (int) index)) != NULL)
    on_quote_row_activated (self, row, self->quote_list);
}

static void
cb_mag_grid_view_dispose (GObject *object)
{
  CbMagGridView *self = CB_MAG_GRID_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_MAG_GRID_VIEW);
  self->shown_quotes = NULL;
  g_clear_pointer (&self->grid, cb_mag_grid_free);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (cb_mag_grid_view_parent_class)->dispose (object);
}

static void
cb_mag_grid_view_class_init (CbMagGridViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_mag_grid_view_dispose;
  widget_class->map = cb_mag_grid_view_map;

  /* ::quote-activated (document id, start, end): the user opened a quote. */
  signals[QUOTE_ACTIVATED] =
    g_signal_new ("quote-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "mag.export", "s", export_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/codeboom/Codeboom/ui/cb-mag-grid-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, box);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, export_button);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, table_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, table);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, cell_title);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, quote_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbMagGridView, quote_list);
  gtk_widget_class_bind_template_callback (widget_class, on_quote_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_mag_grid_view_init (CbMagGridView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->dirty = TRUE;
  build_table (self);
}
