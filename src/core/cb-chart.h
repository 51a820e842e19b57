/* cb-chart.h: charts of analysis tables, drawn with cairo and Pango
 *
 * The same drawing code makes the files (SVG, PNG, PDF) and the app's
 * GtkDrawingArea: cb_chart_draw() draws into any cairo context.  Text is
 * laid out with PangoCairo (in the stack through GTK, and a package of its
 * own for the command line), so labels are shaped, ellipsised and legible
 * in print.  No GTK here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "cb-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  CB_CHART_BARS,          /* one horizontal bar per row (column 0), tree order */
  CB_CHART_STACKED_BARS,  /* one bar per column, stacked by the rows */
  CB_CHART_HEAT_MAP,      /* every cell, its shade its value */
} CbChartKind;

typedef enum
{
  CB_CHART_FORMAT_SVG,
  CB_CHART_FORMAT_PNG,
  CB_CHART_FORMAT_PDF,
} CbChartFormat;

gboolean  cb_chart_format_for_path (const char            *path,
                                    CbChartFormat         *format);
/* The size the chart wants, in points (1/72 inch). */
void      cb_chart_get_size        (const CbAnalysisTable *table,
                                    CbChartKind            kind,
                                    double                *width,
                                    double                *height);
/* Draws the chart at its size (cb_chart_get_size()) from the origin of @cr. */
void      cb_chart_draw            (cairo_t               *cr,
                                    const CbAnalysisTable *table,
                                    CbChartKind            kind);
/* Writes the chart to @path whole or not at all (PNG at 2× for print). */
gboolean  cb_chart_write_file      (const CbAnalysisTable *table,
                                    CbChartKind            kind,
                                    const char            *path,
                                    CbChartFormat          format,
                                    GError               **error);

G_END_DECLS
