/* cb-chart.c: bar charts and heat maps of analysis tables
 *
 * Publication charts: a title, the counting unit, the data, and nothing
 * else (no grid, no axis box, no shadows).  Values are written at the bars
 * and in the cells, so no axis scale is needed.  Each code keeps its own
 * colour; codes without one get a muted colour from a fixed list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "cb-chart.h"
#include "cb-error.h"
#include "cb-export-xml.h"

#define MARGIN        24.0
#define FONT          "Sans 9"
#define TITLE_FONT    "Sans Bold 13"
#define BAR_HEIGHT    14.0
#define BAR_GAP       6.0
#define BAR_LENGTH    360.0
#define LABEL_MAX     240.0
#define INDENT        10.0
#define CELL_MAX      30.0
#define CELL_MIN      12.0
#define COLUMN_LABEL_MAX 130.0
#define HEAD_HEIGHT   44.0    /* title and unit */

gboolean
cb_chart_format_for_path (const char    *path,
                          CbChartFormat *format)
{
  const char *dot = path != NULL ? strrchr (path, '.') : NULL;

  if (dot == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (dot, ".svg") == 0)
    *format = CB_CHART_FORMAT_SVG;
  else if (g_ascii_strcasecmp (dot, ".png") == 0)
    *format = CB_CHART_FORMAT_PNG;
  else if (g_ascii_strcasecmp (dot, ".pdf") == 0)
    *format = CB_CHART_FORMAT_PDF;
  else
    return FALSE;
  return TRUE;
}

/* ---- Colours --------------------------------------------------------- */

typedef struct { double r, g, b; } Rgb;

static Rgb
row_colour (const CbAnalysisTable *table,
            guint                  row)
{
  static const Rgb fallback[] = {
    { 0.30, 0.45, 0.69 }, { 0.87, 0.52, 0.32 }, { 0.33, 0.66, 0.41 }, { 0.77, 0.31, 0.32 },
    { 0.51, 0.45, 0.70 }, { 0.58, 0.47, 0.38 }, { 0.85, 0.55, 0.76 }, { 0.55, 0.55, 0.55 },
  };
  const char *colour = table->row_colors[row];
  guint value;

  if (colour != NULL && colour[0] == '#' && strlen (colour) == 7 &&
      strspn (colour + 1, "0123456789abcdefABCDEF") == 6)
    {
      value = (guint) g_ascii_strtoull (colour + 1, NULL, 16);
      return (Rgb) { ((value >> 16) & 0xff) / 255.0, ((value >> 8) & 0xff) / 255.0, (value & 0xff) / 255.0 };
    }
  return fallback[row % G_N_ELEMENTS (fallback)];
}

static void
set_rgb (cairo_t *cr,
         Rgb      c)
{
  cairo_set_source_rgb (cr, c.r, c.g, c.b);
}

/* ---- Text ------------------------------------------------------------ */

static PangoLayout *
layout_new (cairo_t    *cr,
            const char *font,
            const char *text,
            double      max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static void
text_size (cairo_t    *cr,
           const char *font,
           const char *text,
           double      max_width,
           double     *width,
           double     *height)
{
  g_autoptr(PangoLayout) layout = layout_new (cr, font, text, max_width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

typedef enum { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } Align;

/* Draws @text with its vertical middle at @y. */
static void
draw_text (cairo_t    *cr,
           const char *font,
           const char *text,
           double      x,
           double      y,
           double      max_width,
           Align       align)
{
  g_autoptr(PangoLayout) layout = layout_new (cr, font, text, max_width);
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  /* an ellipsised layout is max_width wide: measure the ink instead */
  if (max_width > 0)
    {
      PangoRectangle logical;

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      w = logical.width * PANGO_SCALE;
    }
  if (align == ALIGN_RIGHT)
    x -= (double) w / PANGO_SCALE;
  else if (align == ALIGN_CENTER)
    x -= (double) w / PANGO_SCALE / 2;
  cairo_move_to (cr, x, y - (double) h / PANGO_SCALE / 2);
  pango_cairo_show_layout (cr, layout);
}

/* A code's label in a tree-ordered chart: its own name, indented. */
static const char *
short_label (const CbAnalysisTable *table,
             guint                  row)
{
  const char *label = table->row_labels[row];
  const char *last = g_strrstr (label, CB_CODE_PATH_SEPARATOR);

  if (table->kind == CB_ANALYSIS_TABLE_FREQUENCIES && last != NULL)
    return last + strlen (CB_CODE_PATH_SEPARATOR);
  return label;
}

static double
row_indent (const CbAnalysisTable *table,
            guint                  row)
{
  return table->kind == CB_ANALYSIS_TABLE_FREQUENCIES ? INDENT * table->row_depths[row] : 0;
}

static char *
value_text (const CbAnalysisTable *table,
            double                 value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (table->values != NULL)
    return g_strdup_printf ("%s%%", g_ascii_formatd (buffer, sizeof buffer, "%.1f", value));
  return g_strdup_printf ("%.0f", value);
}

static char *
unit_line (const CbAnalysisTable *table,
           CbChartKind            kind)
{
  switch (table->percent)
    {
    case CB_ANALYSIS_PERCENT_ROW:
      return g_strdup_printf (_("%% of the row’s %s"), table->unit);
    case CB_ANALYSIS_PERCENT_COLUMN:
      return g_strdup_printf (_("%% of the column’s %s"), table->unit);
    case CB_ANALYSIS_PERCENT_NONE:
    default:
      if (kind == CB_CHART_BARS && table->kind == CB_ANALYSIS_TABLE_FREQUENCIES)
        return g_strdup (table->column_labels[0]);
      return g_strdup (table->unit);
    }
}

/* ---- Geometry -------------------------------------------------------- */

typedef struct
{
  double width;
  double height;
  double label_width;      /* the row (or column, for stacked bars) labels */
  double column_label_height;
  double cell;
  double legend_height;
} Geometry;

static double
row_sum (const CbAnalysisTable *table,
         guint                  column)
{
  double sum = 0;

  for (guint r = 0; r < table->n_rows; r++)
    sum += cb_analysis_table_value (table, r, column);
  return sum;
}

static void
measure (cairo_t               *cr,
         const CbAnalysisTable *table,
         CbChartKind            kind,
         Geometry              *g)
{
  double title_width = 0;

  memset (g, 0, sizeof *g);
  text_size (cr, TITLE_FONT, table->title, 0, &title_width, NULL);

  switch (kind)
    {
    case CB_CHART_BARS:
      for (guint r = 0; r < table->n_rows; r++)
        {
          double w;

          text_size (cr, FONT, short_label (table, r), LABEL_MAX, &w, NULL);
          g->label_width = MAX (g->label_width, MIN (w, LABEL_MAX) + row_indent (table, r));
        }
      g->width = MARGIN + g->label_width + 8 + BAR_LENGTH + 48 + MARGIN;
      g->height = MARGIN + HEAD_HEIGHT + table->n_rows * (BAR_HEIGHT + BAR_GAP) + MARGIN;
      break;

    case CB_CHART_STACKED_BARS:
      for (guint c = 0; c < table->n_columns; c++)
        {
          double w;

          text_size (cr, FONT, table->column_labels[c], LABEL_MAX, &w, NULL);
          g->label_width = MAX (g->label_width, MIN (w, LABEL_MAX));
        }
      g->width = MARGIN + g->label_width + 8 + BAR_LENGTH + 48 + MARGIN;
      /* the legend: one line per row, two columns */
      g->legend_height = ((table->n_rows + 1) / 2) * (BAR_HEIGHT + 2) + 8;
      g->height = MARGIN + HEAD_HEIGHT + g->legend_height +
                  table->n_columns * (BAR_HEIGHT + BAR_GAP) + MARGIN;
      break;

    case CB_CHART_HEAT_MAP:
    default:
      for (guint r = 0; r < table->n_rows; r++)
        {
          double w;

          text_size (cr, FONT, table->row_labels[r], LABEL_MAX, &w, NULL);
          g->label_width = MAX (g->label_width, MIN (w, LABEL_MAX));
        }
      for (guint c = 0; c < table->n_columns; c++)
        {
          double w;

          text_size (cr, FONT, table->column_labels[c], COLUMN_LABEL_MAX, &w, NULL);
          g->column_label_height = MAX (g->column_label_height, MIN (w, COLUMN_LABEL_MAX));
        }
      /* cells shrink with many columns, down to a size still legible */
      g->cell = CLAMP (720.0 / MAX (table->n_columns, 1), CELL_MIN, CELL_MAX);
      g->width = MARGIN + g->label_width + 8 + table->n_columns * g->cell + MARGIN;
      g->height = MARGIN + HEAD_HEIGHT + g->column_label_height + 8 + table->n_rows * g->cell + MARGIN;
      break;
    }
  g->width = MAX (g->width, MARGIN * 2 + title_width);
}

static cairo_t *
measuring_context (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

void
cb_chart_get_size (const CbAnalysisTable *table,
                   CbChartKind            kind,
                   double                *width,
                   double                *height)
{
  cairo_t *cr = measuring_context ();
  Geometry g;

  measure (cr, table, kind, &g);
  cairo_destroy (cr);
  *width = ceil (g.width);
  *height = ceil (g.height);
}

/* ---- Drawing --------------------------------------------------------- */

static void
draw_head (cairo_t               *cr,
           const CbAnalysisTable *table,
           CbChartKind            kind)
{
  g_autofree char *unit = unit_line (table, kind);

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  draw_text (cr, TITLE_FONT, table->title, MARGIN, MARGIN + 9, 0, ALIGN_LEFT);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  draw_text (cr, FONT, unit, MARGIN, MARGIN + 28, 0, ALIGN_LEFT);
}

static void
draw_bars (cairo_t               *cr,
           const CbAnalysisTable *table,
           const Geometry        *g)
{
  double max = 0;
  double x0 = MARGIN + g->label_width + 8;

  for (guint r = 0; r < table->n_rows; r++)
    max = MAX (max, cb_analysis_table_value (table, r, 0));

  for (guint r = 0; r < table->n_rows; r++)
    {
      double value = table->n_columns > 0 ? cb_analysis_table_value (table, r, 0) : 0;
      double y = MARGIN + HEAD_HEIGHT + r * (BAR_HEIGHT + BAR_GAP);
      double length = max > 0 ? BAR_LENGTH * value / max : 0;
      g_autofree char *text = value_text (table, value);

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, FONT, short_label (table, r), MARGIN + row_indent (table, r), y + BAR_HEIGHT / 2,
                 LABEL_MAX, ALIGN_LEFT);
      set_rgb (cr, row_colour (table, r));
      cairo_rectangle (cr, x0, y, MAX (length, value > 0 ? 1 : 0), BAR_HEIGHT);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, FONT, text, x0 + length + 4, y + BAR_HEIGHT / 2, 0, ALIGN_LEFT);
    }
}

static void
draw_stacked (cairo_t               *cr,
              const CbAnalysisTable *table,
              const Geometry        *g)
{
  double max = 0;
  double x0 = MARGIN + g->label_width + 8;
  double legend_top = MARGIN + HEAD_HEIGHT;
  double legend_column = (g->width - 2 * MARGIN) / 2;
  double top = legend_top + g->legend_height;

  for (guint c = 0; c < table->n_columns; c++)
    max = MAX (max, row_sum (table, c));

  for (guint r = 0; r < table->n_rows; r++)
    {
      double x = MARGIN + (r % 2) * legend_column;
      double y = legend_top + (r / 2) * (BAR_HEIGHT + 2);

      set_rgb (cr, row_colour (table, r));
      cairo_rectangle (cr, x, y + 3, 10, 10);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, FONT, table->row_labels[r], x + 14, y + 8, legend_column - 20, ALIGN_LEFT);
    }

  for (guint c = 0; c < table->n_columns; c++)
    {
      double y = top + c * (BAR_HEIGHT + BAR_GAP);
      double x = x0;
      g_autofree char *text = value_text (table, row_sum (table, c));

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, FONT, table->column_labels[c], MARGIN, y + BAR_HEIGHT / 2, LABEL_MAX, ALIGN_LEFT);
      for (guint r = 0; r < table->n_rows; r++)
        {
          double length = max > 0 ? BAR_LENGTH * cb_analysis_table_value (table, r, c) / max : 0;

          if (length <= 0)
            continue;
          set_rgb (cr, row_colour (table, r));
          cairo_rectangle (cr, x, y, length, BAR_HEIGHT);
          cairo_fill (cr);
          x += length;
        }
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      draw_text (cr, FONT, text, x + 4, y + BAR_HEIGHT / 2, 0, ALIGN_LEFT);
    }
}

static void
draw_heat_map (cairo_t               *cr,
               const CbAnalysisTable *table,
               const Geometry        *g)
{
  double max = cb_analysis_table_max_value (table);
  double x0 = MARGIN + g->label_width + 8;
  double top = MARGIN + HEAD_HEIGHT + g->column_label_height + 8;

  /* column labels read upwards, their ends at the cells */
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(PangoLayout) layout = layout_new (cr, FONT, table->column_labels[c], COLUMN_LABEL_MAX);
      PangoRectangle logical;

      pango_layout_get_pixel_extents (layout, NULL, &logical);
      cairo_save (cr);
      cairo_translate (cr, x0 + c * g->cell + g->cell / 2 - logical.height / 2.0, top - 4);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      pango_cairo_show_layout (cr, layout);
      cairo_restore (cr);
    }

  for (guint r = 0; r < table->n_rows; r++)
    {
      double y = top + r * g->cell;

      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      draw_text (cr, FONT, table->row_labels[r], MARGIN, y + g->cell / 2, LABEL_MAX, ALIGN_LEFT);
      for (guint c = 0; c < table->n_columns; c++)
        {
          double value = cb_analysis_table_value (table, r, c);
          double share = max > 0 ? value / max : 0;
          double x = x0 + c * g->cell;

          /* one hue from white to deep blue; empty cells stay white */
          cairo_set_source_rgb (cr, 1 - share * (1 - 0.13), 1 - share * (1 - 0.40), 1 - share * (1 - 0.67));
          cairo_rectangle (cr, x + 0.5, y + 0.5, g->cell - 1, g->cell - 1);
          cairo_fill (cr);
          if (g->cell >= 22 && value > 0)
            {
              g_autofree char *text = table->values != NULL
                ? g_strdup_printf ("%.0f", value) : value_text (table, value);

              if (share > 0.6)
                cairo_set_source_rgb (cr, 1, 1, 1);
              else
                cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
              draw_text (cr, "Sans 7", text, x + g->cell / 2, y + g->cell / 2, 0, ALIGN_CENTER);
            }
        }
    }
}

void
cb_chart_draw (cairo_t               *cr,
               const CbAnalysisTable *table,
               CbChartKind            kind)
{
  Geometry g;

  measure (cr, table, kind, &g);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, g.width, g.height);
  cairo_fill (cr);
  draw_head (cr, table, kind);
  switch (kind)
    {
    case CB_CHART_BARS:
      draw_bars (cr, table, &g);
      break;
    case CB_CHART_STACKED_BARS:
      draw_stacked (cr, table, &g);
      break;
    case CB_CHART_HEAT_MAP:
    default:
      draw_heat_map (cr, table, &g);
      break;
    }
  cairo_restore (cr);
}

/* ---- Files ----------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
cb_chart_write_file (const CbAnalysisTable *table,
                     CbChartKind            kind,
                     const char            *path,
                     CbChartFormat          format,
                     GError               **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width;
  double height;

  g_return_val_if_fail (table != NULL, FALSE);

  cb_chart_get_size (table, kind, &width, &height);
  switch (format)
    {
    case CB_CHART_FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) width * 2, (int) height * 2);
      break;
    case CB_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    case CB_CHART_FORMAT_SVG:
    default:
      surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
      break;
    }

  cr = cairo_create (surface);
  if (format == CB_CHART_FORMAT_PNG)
    cairo_scale (cr, 2, 2);
  cb_chart_draw (cr, table, kind);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == CB_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_bytes, bytes);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                   _("The chart could not be drawn: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  data = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  return cb_export_write_file (data, file, error);
}
