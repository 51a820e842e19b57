/* cb-analysis-view.c: the Analysis view
 *
 * Three tabs over the core's queries (cb-analysis.h): the matrix (codes ×
 * documents, speakers, coders, cases or an attribute's values; the column
 * picker lists the project's attributes after the fixed entries),
 * co-occurrence and frequencies.  Each
 * table is a GtkColumnView whose cells are shaded by their value (ten CSS
 * classes, one hue).  Beside the matrix, the quotes of the clicked cell
 * (the quotes pane's CbSegmentRows; activating one emits
 * ::quote-activated and the window opens the transcript at the span);
 * beside the other two, their chart (a co-occurrence cell lists the pairs
 * of segments behind it in its place), drawn by the same cb-chart code as
 * the exported files.  The view recomputes when the project changes and it
 * is shown, or when it is next shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-analysis-view.h"
#include "cb-app-util.h"
#include "cb-case-filter-bar.h"
#include "cb-chart.h"
#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-project-turns.h"
#include "cb-segment-row.h"

#define N_SHADES 10

/* The column picker's fixed entries (the .ui), then one per attribute. */
static const CbAnalysisColumns fixed_columns[] = {
  CB_ANALYSIS_COLUMNS_DOCUMENTS, CB_ANALYSIS_COLUMNS_SPEAKERS, CB_ANALYSIS_COLUMNS_CODERS,
  CB_ANALYSIS_COLUMNS_CASES,
};
#define FIXED_COLUMNS G_N_ELEMENTS (fixed_columns)

struct _CbAnalysisView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkDropDown      *rows_dropdown;
  GtkDropDown      *columns_dropdown;
  GtkDropDown      *count_dropdown;
  GtkDropDown      *percent_dropdown;
  GtkEntry         *filter_entry;
  GtkStack         *tabs;
  GtkColumnView    *matrix_view;
  GtkColumnView    *cooccurrence_view;
  GtkColumnView    *frequencies_view;
  GtkStack         *side_stack;
  GtkLabel         *quotes_title;
  GtkWidget        *chart_button;
  GtkListView      *quotes_list;
  GtkDrawingArea   *chart_area;

  /* Owned */
  CbProject        *project;
  CbAnalysisTable  *table;         /* of the visible tab */
  char             *table_tab;     /* which tab it belongs to */
  GListStore       *quotes;        /* of CbSegmentItem */
  double           *shade_max;     /* the value of the darkest shade, per column */
  guint             n_shade_max;
  GPtrArray        *attributes;    /* names, as the column picker lists them after FIXED_COLUMNS */
  CbCaseFilter     *filter;        /* the filter entry's and the scope's, NULL: none */
  CbCaseFilterBar  *scope_bar;     /* in the Scope button's popover (borrowed) */
  gboolean          filter_unparsed; /* the entry's text is no filter: nothing is counted */
  gboolean          updating;      /* the pickers are being filled, not chosen */
  gboolean          stale;
  gboolean          busy;          /* a job owns the project */
  guint             refresh_source;
};

G_DEFINE_FINAL_TYPE (CbAnalysisView, cb_analysis_view, GTK_TYPE_WIDGET)

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
visible_tab (CbAnalysisView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->tabs);

  return name != NULL ? name : "matrix";
}

static CbChartKind
chart_kind (CbAnalysisView *self)
{
  return g_str_equal (visible_tab (self), "frequencies") ? CB_CHART_BARS : CB_CHART_HEAT_MAP;
}

/* What the column picker asks for; *@attribute points into the view. */
static CbAnalysisColumns
selected_columns (CbAnalysisView  *self,
                  const char     **attribute)
{
  guint selected = gtk_drop_down_get_selected (self->columns_dropdown);

  *attribute = NULL;
  if (selected >= FIXED_COLUMNS && self->attributes != NULL &&
      selected - FIXED_COLUMNS < self->attributes->len)
    {
      *attribute = self->attributes->pdata[selected - FIXED_COLUMNS];
      return CB_ANALYSIS_COLUMNS_ATTRIBUTE;
    }
  return selected < FIXED_COLUMNS ? fixed_columns[selected] : CB_ANALYSIS_COLUMNS_DOCUMENTS;
}

/* The column picker's entries after the fixed ones: "By regio", one per
 * attribute of the project, in their order.  The choice stays when the
 * attribute does; else it falls back to documents. */
static void
update_attribute_columns (CbAnalysisView *self)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->columns_dropdown));
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const char *attribute = NULL;
  g_autofree char *chosen = NULL;
  CbAnalysisColumns columns = selected_columns (self, &attribute);
  guint selected = gtk_drop_down_get_selected (self->columns_dropdown);
  gboolean same;

  if (self->project != NULL && (attributes = cb_project_list_attributes (self->project, NULL)))
    for (guint i = 0; i < attributes->len; i++)
      g_ptr_array_add (names, g_strdup (((CbAttributeInfo *) attributes->pdata[i])->name));
  same = self->attributes != NULL && self->attributes->len == names->len;
  for (guint i = 0; same && i < names->len; i++)
    same = g_str_equal (self->attributes->pdata[i], names->pdata[i]);
  if (same)
    return;

  chosen = g_strdup (attribute);
  for (guint i = 0; i < names->len; i++)
    /* "By regio": the column picker's entry for an attribute */
    g_ptr_array_add (labels, g_strdup_printf (_("By %s"), (const char *) names->pdata[i]));
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  gtk_string_list_splice (list, FIXED_COLUMNS,
                          g_list_model_get_n_items (G_LIST_MODEL (list)) - FIXED_COLUMNS,
                          (const char * const *) labels->pdata);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  self->attributes = g_steal_pointer (&names);
  if (columns == CB_ANALYSIS_COLUMNS_ATTRIBUTE)
    {
      selected = 0;
      for (guint i = 0; i < self->attributes->len; i++)
        if (g_str_equal (self->attributes->pdata[i], chosen))
          selected = FIXED_COLUMNS + i;
    }
  gtk_drop_down_set_selected (self->columns_dropdown, selected);
  self->updating = FALSE;
}

/* ---- The tables ------------------------------------------------------ */

/* A row of a table view: its label, and its index in the table as object
 * data (a GtkStringObject serves; no type of our own is needed). */
static GListModel *
rows_model (const CbAnalysisTable *table)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  for (guint r = 0; r < table->n_rows; r++)
    {
      g_autoptr(GtkStringObject) item = gtk_string_object_new (table->row_labels[r]);

      g_object_set_data (G_OBJECT (item), "cb-row", GUINT_TO_POINTER (r));
      g_list_store_append (store, item);
    }
  return G_LIST_MODEL (store);
}

static void
on_cell_released (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CbAnalysisView  *self)
{
  GtkWidget *label = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "cb-row"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "cb-column"));

  cb_analysis_view_show_cell (self, row, column);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CbAnalysisView           *self)
{
  GtkWidget *label = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();
  gpointer column = g_object_get_data (G_OBJECT (factory), "cb-column");

  gtk_label_set_xalign (GTK_LABEL (label), column != NULL ? 1 : 0);
  gtk_widget_add_css_class (label, "analysis-cell");
  if (column == NULL)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  else
    {
      gtk_widget_add_css_class (label, "numeric");
      g_object_set_data (G_OBJECT (label), "cb-column", GUINT_TO_POINTER (GPOINTER_TO_UINT (column) - 1));
      g_signal_connect_object (click, "released", G_CALLBACK (on_cell_released), self, 0);
      gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (click));
      click = NULL;
    }
  g_clear_object (&click);
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CbAnalysisView           *self)
{
  GtkWidget *label = gtk_list_item_get_child (list_item);
  GObject *item = gtk_list_item_get_item (list_item);
  const CbAnalysisTable *table = g_object_get_data (G_OBJECT (factory), "cb-table");
  gpointer column_data = g_object_get_data (G_OBJECT (factory), "cb-column");
  guint row = GPOINTER_TO_UINT (g_object_get_data (item, "cb-row"));
  double max;
  guint column;
  int shade;
  g_autofree char *text = NULL;
  g_autofree char *shade_class = NULL;

  for (int i = 0; i < N_SHADES; i++)
    {
      g_autofree char *name = g_strdup_printf ("heat-%d", i);

      gtk_widget_remove_css_class (label, name);
    }
  g_object_set_data (G_OBJECT (label), "cb-row", GUINT_TO_POINTER (row));
  if (table == NULL || row >= table->n_rows)
    return;
  if (column_data == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), table->row_labels[row]);
      gtk_widget_set_tooltip_text (label, table->row_labels[row]);
      return;
    }

  column = GPOINTER_TO_UINT (column_data) - 1;
  text = cb_analysis_table_format_cell (table, row, column);
  gtk_label_set_text (GTK_LABEL (label), text);
  max = self->shade_max != NULL && column < self->n_shade_max ? self->shade_max[column] : 0;
  shade = max > 0 ? (int) (cb_analysis_table_value (table, row, column) / max * (N_SHADES - 1) + 0.5) : 0;
  shade_class = g_strdup_printf ("heat-%d", CLAMP (shade, 0, N_SHADES - 1));
  gtk_widget_add_css_class (label, shade_class);
}

static GtkColumnViewColumn *
table_column (CbAnalysisView        *self,
              const CbAnalysisTable *table,
              const char            *title,
              int                    column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  /* the factory knows its column (+1: 0 is the codes' column) and table */
  if (column >= 0)
    g_object_set_data (G_OBJECT (factory), "cb-column", GUINT_TO_POINTER ((guint) column + 1));
  g_object_set_data (G_OBJECT (factory), "cb-table", (gpointer) table);
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  view_column = gtk_column_view_column_new (title, factory);
  /* Code paths and document names are long: fixed widths (the titles are
   * ellipsised, the columns resizable), so that several columns fit in
   * the centre instead of one document's name taking it all. */
  gtk_column_view_column_set_fixed_width (view_column, column < 0 ? 220 : 110);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  return view_column;
}

static void
show_table (CbAnalysisView        *self,
            GtkColumnView         *view,
            const CbAnalysisTable *table)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_column_view_set_model (view, NULL);
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (view, column);
    }
  if (table == NULL)
    return;

  /* frequencies count different things per column: each its own scale */
  g_free (self->shade_max);
  self->n_shade_max = table->n_columns;
  self->shade_max = g_new0 (double, MAX (table->n_columns, 1));
  for (guint c = 0; c < table->n_columns; c++)
    for (guint r = 0; r < table->n_rows; r++)
      self->shade_max[c] = MAX (self->shade_max[c], cb_analysis_table_value (table, r, c));
  if (table->kind != CB_ANALYSIS_TABLE_FREQUENCIES)
    {
      double max = 0;

      for (guint c = 0; c < table->n_columns; c++)
        max = MAX (max, self->shade_max[c]);
      for (guint c = 0; c < table->n_columns; c++)
        self->shade_max[c] = max;
    }

  {
    g_autoptr(GtkColumnViewColumn) codes = table_column (self, table, _("Code"), -1);

    gtk_column_view_append_column (view, codes);
  }
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(GtkColumnViewColumn) column = table_column (self, table, table->column_labels[c], (int) c);

      gtk_column_view_append_column (view, column);
    }
  selection = gtk_no_selection_new (rows_model (table));
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

/* ---- Computing ------------------------------------------------------- */

static CbAnalysisTable *
compute (CbAnalysisView  *self,
         const char      *tab,
         GError         **error)
{
  /* the count picker lists them in the enum's order */
  static const CbAnalysisCount counts[] = {
    CB_ANALYSIS_COUNT_CODINGS, CB_ANALYSIS_COUNT_DOCUMENTS, CB_ANALYSIS_COUNT_CASES,
    CB_ANALYSIS_COUNT_CHARACTERS, CB_ANALYSIS_COUNT_WORDS,
  };
  const char *attribute = NULL;
  CbAnalysisColumns columns = selected_columns (self, &attribute);
  static const CbAnalysisPercent percents[] = {
    CB_ANALYSIS_PERCENT_NONE, CB_ANALYSIS_PERCENT_ROW, CB_ANALYSIS_PERCENT_COLUMN,
  };
  guint count = MIN (gtk_drop_down_get_selected (self->count_dropdown), G_N_ELEMENTS (counts) - 1);
  guint percent = MIN (gtk_drop_down_get_selected (self->percent_dropdown), G_N_ELEMENTS (percents) - 1);
  gboolean every_code = gtk_drop_down_get_selected (self->rows_dropdown) == 1;

  if (g_str_equal (tab, "cooccurrence"))
    {
      /* every code alone, or the top-level codes with their descendants */
      g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
      CbCooccurrenceQuery query = { NULL, FALSE, -1, CB_COOCCURRENCE_COUNT_SEGMENTS, self->filter };

      if (!every_code)
        {
          g_autoptr(GPtrArray) all = cb_project_list_codes (self->project, error);

          if (all == NULL)
            return NULL;
          for (guint i = 0; i < all->len; i++)
            if (((CbCodeInfo *) all->pdata[i])->depth == 0)
              g_ptr_array_add (codes, g_strdup (((CbCodeInfo *) all->pdata[i])->path));
          g_ptr_array_add (codes, NULL);
          query.codes = (const char * const *) codes->pdata;
        }
      return cb_analysis_cooccurrence (self->project, &query, NULL, error);
    }
  if (g_str_equal (tab, "frequencies"))
    {
      CbFrequenciesQuery query = { FALSE, 0, NULL, FALSE, 0, FALSE, self->filter };

      return cb_analysis_frequencies (self->project, &query, NULL, error);
    }
  {
    CbMatrixQuery query = { NULL, FALSE, columns, attribute, counts[count], percents[percent], self->filter };
    g_autoptr(GPtrArray) codes = NULL;

    if (every_code)
      {
        g_autoptr(GPtrArray) all = cb_project_list_codes (self->project, error);

        if (all == NULL)
          return NULL;
        codes = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 0; i < all->len; i++)
          g_ptr_array_add (codes, g_strdup (((CbCodeInfo *) all->pdata[i])->path));
        g_ptr_array_add (codes, NULL);
        query.rows = (const char * const *) codes->pdata;
        query.only = TRUE;
      }
    return cb_analysis_matrix (self->project, &query, NULL, error);
  }
}

/* Codes without a colour of their own get the colour the code tree shows
 * them in, so that the chart's bars and the tree's dots agree. */
static void
fill_row_colors (CbAnalysisView  *self,
                 CbAnalysisTable *table)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) by_path = NULL;
  gboolean missing = FALSE;

  for (guint r = 0; r < table->n_rows && !missing; r++)
    missing = table->row_colors[r][0] == '\0';
  if (!missing || !(codes = cb_project_list_codes (self->project, NULL)))
    return;

  by_path = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (by_path, ((CbCodeInfo *) codes->pdata[i])->path, codes->pdata[i]);
  for (guint r = 0; r < table->n_rows; r++)
    {
      CbCodeInfo *code = g_hash_table_lookup (by_path, table->row_labels[r]);
      GdkRGBA rgba;

      if (code == NULL || table->row_colors[r][0] != '\0')
        continue;
      cb_code_color_to_rgba (NULL, code->id, &rgba);
      g_free (table->row_colors[r]);
      table->row_colors[r] = cb_rgba_to_hex (&rgba);
    }
}

static GtkColumnView *
tab_view (CbAnalysisView *self,
          const char     *tab)
{
  if (g_str_equal (tab, "cooccurrence"))
    return self->cooccurrence_view;
  if (g_str_equal (tab, "frequencies"))
    return self->frequencies_view;
  return self->matrix_view;
}

static void
update_chart_size (CbAnalysisView *self)
{
  double width = 0;
  double height = 0;

  if (self->table != NULL && !g_str_equal (visible_tab (self), "matrix"))
    cb_chart_get_size (self->table, chart_kind (self), &width, &height);
  gtk_drawing_area_set_content_width (self->chart_area, (int) width);
  gtk_drawing_area_set_content_height (self->chart_area, (int) height);
  gtk_widget_queue_draw (GTK_WIDGET (self->chart_area));
}

/* Marks the filter entry as wrong, with @message as its tooltip (NULL:
 * as right). */
static void
set_filter_error (CbAnalysisView *self,
                  const char     *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->filter_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_entry), message);
    }
  else if (gtk_widget_has_css_class (GTK_WIDGET (self->filter_entry), "error"))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->filter_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_entry),
                                   _("Only the codings of the cases that match, as --where: NAME=VALUE, NAME!=VALUE, NAME<VALUE, NAME>VALUE, NAME~TEXT or case=NAME, separated by ; (press Enter)"));
    }
}

/* The entry's conditions, separated by ";" (a value may hold spaces and
 * commas: "case=Respondent 9"). */
static void
on_filter_activate (CbAnalysisView *self)
{
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), ";", -1);
  g_autoptr(GPtrArray) expressions = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_ptr_array_add (expressions, parts[i]);
  g_ptr_array_add (expressions, NULL);

  g_clear_pointer (&self->filter, cb_case_filter_free);
  set_filter_error (self, NULL);
  /* a filter that does not parse counts nothing rather than everything */
  self->filter_unparsed = expressions->len > 1 &&
    !(self->filter = cb_case_filter_new ((const char * const *) expressions->pdata, &error));
  if (self->filter_unparsed)
    set_filter_error (self, error->message);
  /* the Scope button's coders, sets, phases, roles and speakers: AND'ed */
  if (!self->filter_unparsed && self->scope_bar != NULL && cb_case_filter_bar_get_n_scopes (self->scope_bar) > 0)
    {
      if (self->filter == NULL)
        self->filter = cb_case_filter_new (NULL, NULL);
      cb_case_filter_bar_add_scopes_to (self->scope_bar, self->filter);
    }
  cb_analysis_view_invalidate (self);
}

void
cb_analysis_view_refresh (CbAnalysisView *self)
{
  g_autoptr(GError) error = NULL;
  const char *tab;
  CbAnalysisTable *table = NULL;

  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->busy)
    return;   /* stays stale until the job is done */
  self->stale = FALSE;
  tab = visible_tab (self);
  update_attribute_columns (self);

  /* the column views point into the table: detach them all first */
  show_table (self, self->matrix_view, NULL);
  show_table (self, self->cooccurrence_view, NULL);
  show_table (self, self->frequencies_view, NULL);
  g_clear_pointer (&self->table, cb_analysis_table_free);
  g_free (self->table_tab);
  self->table_tab = g_strdup (tab);

  if (!self->filter_unparsed)
    set_filter_error (self, NULL);
  if (self->project != NULL && !self->filter_unparsed && !(table = compute (self, tab, &error)))
    {
      /* a filter naming an unknown attribute or a wrong value: said at
       * the entry, as the user types, not in a dialog */
      if (self->filter != NULL && error->domain == CB_PROJECT_ERROR &&
          (error->code == CB_PROJECT_ERROR_INVALID || error->code == CB_PROJECT_ERROR_NOT_FOUND))
        set_filter_error (self, error->message);
      else
        cb_widget_show_error (GTK_WIDGET (self), error);
    }
  if (table != NULL)
    fill_row_colors (self, table);
  self->table = table;
  show_table (self, tab_view (self, tab), self->table);

  gtk_stack_set_visible_child_name (self->side_stack, g_str_equal (tab, "matrix") ? "quotes" : "chart");
  gtk_widget_set_visible (GTK_WIDGET (self->columns_dropdown), g_str_equal (tab, "matrix"));
  gtk_widget_set_visible (GTK_WIDGET (self->count_dropdown), g_str_equal (tab, "matrix"));
  gtk_widget_set_visible (GTK_WIDGET (self->percent_dropdown), g_str_equal (tab, "matrix"));
  gtk_widget_set_visible (GTK_WIDGET (self->rows_dropdown), !g_str_equal (tab, "frequencies"));
  update_chart_size (self);

  g_list_store_remove_all (self->quotes);
  gtk_label_set_text (self->quotes_title, _("Click a cell to see its quotes."));
  gtk_widget_set_visible (self->chart_button, FALSE);
}

static gboolean
refresh_idle (gpointer data)
{
  CbAnalysisView *self = data;

  self->refresh_source = 0;
  cb_analysis_view_refresh (self);
  return G_SOURCE_REMOVE;
}

void
cb_analysis_view_invalidate (CbAnalysisView *self)
{
  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));

  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && !self->busy && self->refresh_source == 0)
    /* before the next frame: a plain idle waits while frames keep coming */
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, refresh_idle, self, NULL);
}

void
cb_analysis_view_set_busy (CbAnalysisView *self,
                           gboolean        busy)
{
  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));

  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self), !self->busy);
  if (!self->busy && self->stale)
    cb_analysis_view_invalidate (self);
}

static void
on_option_changed (CbAnalysisView *self)
{
  if (!self->updating)
    cb_analysis_view_invalidate (self);
}

static void
on_tab_changed (CbAnalysisView *self)
{
  cb_analysis_view_invalidate (self);
}

static void
cb_analysis_view_map (GtkWidget *widget)
{
  CbAnalysisView *self = CB_ANALYSIS_VIEW (widget);

  GTK_WIDGET_CLASS (cb_analysis_view_parent_class)->map (widget);
  if (self->stale)
    cb_analysis_view_invalidate (self);
}

/* ---- The drill-down -------------------------------------------------- */

/* The pairs behind a co-occurrence cell: each pair's two segments, one
 * after the other, in place of the chart until "Chart" is clicked. */
static void
show_pairs (CbAnalysisView *self,
            guint           row,
            guint           column)
{
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CbCooccurrenceQuery query = { NULL, gtk_drop_down_get_selected (self->rows_dropdown) == 1, -1,
                                CB_COOCCURRENCE_COUNT_SEGMENTS, self->filter };
  const char *a = self->table->row_labels[row];
  const char *b = self->table->column_labels[column];

  pairs = cb_analysis_cooccurrence_pairs (self->project, &query, a, b, NULL, &error);
  if (pairs == NULL)
    {
      cb_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  for (guint i = 0; i < pairs->len; i++)
    {
      CbSegmentPair *pair = pairs->pdata[i];

      for (int side = 0; side < (g_str_equal (a, b) ? 1 : 2); side++)
        {
          CbSegment segment = {
            .document_id = pair->document_id,
            .document_name = pair->document_name,
            .code_path = (char *) (side == 0 ? a : b),
            .start = side == 0 ? pair->a_start : pair->b_start,
            .end = side == 0 ? pair->a_end : pair->b_end,
            .text = side == 0 ? pair->a_text : pair->b_text,
          };

          g_ptr_array_add (items, cb_segment_item_new (cb_segment_copy (&segment), NULL, NULL));
        }
    }
  g_list_store_splice (self->quotes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->quotes)),
                       items->pdata, items->len);
  /* "Trust × Rules: 3 pairs" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s × %s: %u pair", "%s × %s: %u pairs", pairs->len),
                           a, b, pairs->len);
  gtk_label_set_text (self->quotes_title, title);
  gtk_widget_set_visible (self->chart_button, TRUE);
  gtk_stack_set_visible_child_name (self->side_stack, "quotes");
}

static void
on_chart_clicked (CbAnalysisView *self)
{
  gtk_widget_set_visible (self->chart_button, FALSE);
  gtk_stack_set_visible_child_name (self->side_stack, "chart");
}

void
cb_analysis_view_show_cell (CbAnalysisView *self,
                            guint           row,
                            guint           column)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) turns = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  CbMatrixQuery query = { 0 };

  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));

  if (self->project == NULL || self->busy || self->table == NULL ||
      row >= self->table->n_rows || column >= self->table->n_columns)
    return;
  if (g_strcmp0 (self->table_tab, "cooccurrence") == 0)
    {
      show_pairs (self, row, column);
      return;
    }
  if (g_strcmp0 (self->table_tab, "matrix") != 0)
    return;

  query.columns = selected_columns (self, &query.attribute);
  query.filter = self->filter;
  query.only = gtk_drop_down_get_selected (self->rows_dropdown) == 1;
  segments = cb_analysis_matrix_cell (self->project, &query, self->table->row_labels[row],
                                      self->table->column_labels[column], NULL, &error);
  if (segments == NULL)
    {
      cb_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* each quote with the speaker it is cited by, as in the quotes pane */
  turns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *segment = segments->pdata[i];
      GPtrArray *document_turns = g_hash_table_lookup (turns, &segment->document_id);
      const CbTurnInfo *turn;

      if (document_turns == NULL)
        {
          document_turns = cb_project_list_turns (self->project, segment->document_name, NULL);
          if (document_turns == NULL)
            document_turns = g_ptr_array_new ();
          g_hash_table_insert (turns, g_memdup2 (&segment->document_id, sizeof (gint64)), document_turns);
        }
      turn = cb_turn_find_for_span (document_turns, segment->start, segment->end);
      g_ptr_array_add (items, cb_segment_item_new (cb_segment_copy (segment),
                                                   turn ? turn->speaker : NULL,
                                                   turn ? turn->timestamp : NULL));
    }
  g_list_store_splice (self->quotes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->quotes)),
                       items->pdata, items->len);

  /* "Trust × interview-ma07: 3 segments" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s × %s: %u segment", "%s × %s: %u segments",
                                        segments->len),
                           self->table->row_labels[row], self->table->column_labels[column], segments->len);
  gtk_label_set_text (self->quotes_title, title);
}

GListModel *
cb_analysis_view_get_quotes (CbAnalysisView *self)
{
  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), NULL);
  return G_LIST_MODEL (self->quotes);
}

void
cb_analysis_view_activate_quote (CbAnalysisView *self,
                                 guint           position)
{
  g_autoptr(CbSegmentItem) item = NULL;

  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->quotes), position);
  if (item != NULL)
    g_signal_emit (self, signals[QUOTE_ACTIVATED], 0, item);
}

static void
on_quote_activate (CbAnalysisView *self,
                   guint           position,
                   GtkListView    *list_view)
{
  cb_analysis_view_activate_quote (self, position);
}

static void
setup_quote (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             CbAnalysisView           *self)
{
  gtk_list_item_set_child (list_item, cb_segment_row_new ());
}

static void
bind_quote (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CbAnalysisView           *self)
{
  /* a row holds a code and its descendants: say which code */
  cb_segment_row_set_item (CB_SEGMENT_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item), TRUE);
}

static void
unbind_quote (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              CbAnalysisView           *self)
{
  cb_segment_row_set_item (CB_SEGMENT_ROW (gtk_list_item_get_child (list_item)), NULL, FALSE);
}

/* ---- The chart ------------------------------------------------------- */

static void
draw_chart (GtkDrawingArea *area,
            cairo_t        *cr,
            int             width,
            int             height,
            gpointer        data)
{
  CbAnalysisView *self = data;

  if (self->table != NULL && !g_str_equal (visible_tab (self), "matrix"))
    cb_chart_draw (cr, self->table, chart_kind (self));
}

/* ---- Export ---------------------------------------------------------- */

/* What an Export menu item asked for: the format ("csv", "svg", …) and
 * whether it is the chart or the table. */
typedef struct
{
  char     *format;
  gboolean  chart;
} ExportChoice;

static void
export_choice_free (ExportChoice *choice)
{
  g_free (choice->format);
  g_free (choice);
}

static gboolean
write_export (GtkWidget  *widget,
              GFile      *file,
              gpointer    data,
              GError    **error)
{
  CbAnalysisView *self = CB_ANALYSIS_VIEW (widget);
  ExportChoice *choice = data;
  g_autofree char *path = g_file_get_path (file);

  if (self->table == NULL)
    return TRUE;
  if (choice->chart)
    {
      CbChartFormat chart_format = CB_CHART_FORMAT_SVG;
      CbChartKind kind = g_str_equal (visible_tab (self), "frequencies") ? CB_CHART_BARS : CB_CHART_HEAT_MAP;
      g_autofree char *dotted = g_strconcat (".", choice->format, NULL);

      /* the name's extension, else the format picked in the menu */
      if (!cb_chart_format_for_path (path, &chart_format))
        cb_chart_format_for_path (dotted, &chart_format);
      return cb_chart_write_file (self->table, kind, path, chart_format, error);
    }
  else
    {
      CbAnalysisFormat table_format = CB_ANALYSIS_FORMAT_CSV;
      g_autoptr(GBytes) bytes = NULL;

      cb_analysis_parse_format (choice->format, &table_format);
      return (bytes = cb_analysis_table_write (self->table, table_format, error)) != NULL &&
             cb_export_write_file (bytes, file, error);
    }
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbAnalysisView *self = CB_ANALYSIS_VIEW (widget);
  ExportChoice *choice;
  g_autofree char *name = NULL;

  if (self->table == NULL)
    return;
  choice = g_new0 (ExportChoice, 1);
  choice->chart = g_str_equal (action_name, "analysis.export-chart");
  choice->format = g_strdup (g_variant_get_string (parameter, NULL));
  name = g_strdup_printf ("%s.%s", visible_tab (self), choice->format);
  cb_choose_file_to_save (widget, choice->chart ? _("Export Chart") : _("Export Table"), name,
                          write_export, choice, (GDestroyNotify) export_choice_free);
}

/* ---- Public ---------------------------------------------------------- */

/* The Scope button beside the filter entry (issue 21), made here rather
 * than in the template: its popover holds a bar of scope rows. */
static void
attach_scope_button (CbAnalysisView *self)
{
  GtkWidget *entry = GTK_WIDGET (self->filter_entry);
  GtkWidget *button = cb_case_filter_bar_new_scope_button (&self->scope_bar);
  GtkWidget *parent = gtk_widget_get_parent (entry);

  /* the options wrap in a flow box: the button is the entry's next item */
  if (GTK_IS_FLOW_BOX_CHILD (parent))
    gtk_flow_box_insert (GTK_FLOW_BOX (gtk_widget_get_parent (parent)), button,
                         gtk_flow_box_child_get_index (GTK_FLOW_BOX_CHILD (parent)) + 1);
  else if (GTK_IS_BOX (parent))
    gtk_box_insert_child_after (GTK_BOX (parent), button, entry);
  else
    g_return_if_reached ();
  g_signal_connect_object (self->scope_bar, "changed", G_CALLBACK (on_filter_activate), self, G_CONNECT_SWAPPED);
}

void
cb_analysis_view_set_project (CbAnalysisView *self,
                              CbProject      *project)
{
  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));

  if (!g_set_object (&self->project, project))
    return;
  show_table (self, self->matrix_view, NULL);
  show_table (self, self->cooccurrence_view, NULL);
  show_table (self, self->frequencies_view, NULL);
  g_clear_pointer (&self->table, cb_analysis_table_free);
  g_list_store_remove_all (self->quotes);
  update_chart_size (self);
  /* (its ::changed reads the filter again and invalidates) */
  cb_case_filter_bar_set_project (self->scope_bar, project);
}

void
cb_analysis_view_set_tab (CbAnalysisView *self,
                          const char     *tab)
{
  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));
  gtk_stack_set_visible_child_name (self->tabs, tab);
}

GListModel *
cb_analysis_view_get_column_choices (CbAnalysisView *self)
{
  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), NULL);
  update_attribute_columns (self);
  return gtk_drop_down_get_model (self->columns_dropdown);
}

gboolean
cb_analysis_view_select_columns (CbAnalysisView *self,
                                 const char     *columns)
{
  CbAnalysisColumns kind;
  const char *attribute = NULL;

  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), FALSE);

  if (!cb_analysis_parse_columns (columns, &kind, &attribute))
    return FALSE;
  update_attribute_columns (self);
  if (kind == CB_ANALYSIS_COLUMNS_ATTRIBUTE)
    {
      for (guint i = 0; self->attributes != NULL && i < self->attributes->len; i++)
        if (g_str_equal (self->attributes->pdata[i], attribute))
          {
            gtk_drop_down_set_selected (self->columns_dropdown, FIXED_COLUMNS + i);
            return TRUE;
          }
      return FALSE;
    }
  for (guint i = 0; i < FIXED_COLUMNS; i++)
    if (fixed_columns[i] == kind)
      {
        gtk_drop_down_set_selected (self->columns_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
cb_analysis_view_set_filter (CbAnalysisView *self,
                             const char     *text)
{
  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text != NULL ? text : "");
  on_filter_activate (self);
  return !gtk_widget_has_css_class (GTK_WIDGET (self->filter_entry), "error");
}

gboolean
cb_analysis_view_filter_has_error (CbAnalysisView *self)
{
  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), FALSE);
  return gtk_widget_has_css_class (GTK_WIDGET (self->filter_entry), "error");
}

void
cb_analysis_view_select_count (CbAnalysisView  *self,
                               CbAnalysisCount  count)
{
  g_return_if_fail (CB_IS_ANALYSIS_VIEW (self));
  /* the picker lists the counts in the enum's order */
  gtk_drop_down_set_selected (self->count_dropdown, (guint) count);
}

const CbAnalysisTable *
cb_analysis_view_get_table (CbAnalysisView *self)
{
  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), NULL);
  return self->table;
}

GtkColumnView *
cb_analysis_view_get_column_view (CbAnalysisView *self)
{
  g_return_val_if_fail (CB_IS_ANALYSIS_VIEW (self), NULL);
  return tab_view (self, visible_tab (self));
}

GtkWidget *
cb_analysis_view_new (void)
{
  return g_object_new (CB_TYPE_ANALYSIS_VIEW, NULL);
}

/* ---- GObject --------------------------------------------------------- */

/* The shades of the heat map: one hue, ten steps; the darker half with
 * light text.  Installed once for the display. */
static void
install_shades (void)
{
  static gboolean installed;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (installed || display == NULL)
    return;
  installed = TRUE;
  css = g_string_new (".analysis-cell { padding: 2px 6px; }\n");
  for (int i = 1; i < N_SHADES; i++)
    {
      char alpha[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (alpha, sizeof alpha, "%.2f", 0.85 * i / (N_SHADES - 1));
      g_string_append_printf (css, ".analysis-cell.heat-%d { background-color: rgba(33, 102, 172, %s);%s }\n",
                              i, alpha, i >= 6 ? " color: white;" : "");
    }
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
cb_analysis_view_dispose (GObject *object)
{
  CbAnalysisView *self = CB_ANALYSIS_VIEW (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->matrix_view != NULL)
    {
      show_table (self, self->matrix_view, NULL);
      show_table (self, self->cooccurrence_view, NULL);
      show_table (self, self->frequencies_view, NULL);
    }
  if (self->quotes_list != NULL)
    gtk_list_view_set_model (self->quotes_list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), CB_TYPE_ANALYSIS_VIEW);
  /* the template's unnamed children too */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_object (&self->quotes);

  G_OBJECT_CLASS (cb_analysis_view_parent_class)->dispose (object);
}

static void
cb_analysis_view_finalize (GObject *object)
{
  CbAnalysisView *self = CB_ANALYSIS_VIEW (object);

  g_clear_pointer (&self->table, cb_analysis_table_free);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->filter, cb_case_filter_free);
  g_free (self->table_tab);
  g_free (self->shade_max);

  G_OBJECT_CLASS (cb_analysis_view_parent_class)->finalize (object);
}

static void
cb_analysis_view_class_init (CbAnalysisViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_analysis_view_dispose;
  object_class->finalize = cb_analysis_view_finalize;
  widget_class->map = cb_analysis_view_map;

  /* ::quote-activated (CbSegmentItem): the user opened a quote. */
  signals[QUOTE_ACTIVATED] =
    g_signal_new ("quote-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_SEGMENT_ITEM);

  gtk_widget_class_install_action (widget_class, "analysis.export-table", "s", export_action);
  gtk_widget_class_install_action (widget_class, "analysis.export-chart", "s", export_action);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/codeboom/Codeboom/ui/cb-analysis-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, rows_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, columns_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, count_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, percent_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, tabs);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, cooccurrence_view);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, frequencies_view);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, side_stack);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, quotes_title);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, chart_button);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, quotes_list);
  gtk_widget_class_bind_template_child (widget_class, CbAnalysisView, chart_area);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_tab_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_quote_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_chart_clicked);
}

static void
cb_analysis_view_init (CbAnalysisView *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkNoSelection) selection = NULL;

  self->quotes = g_list_store_new (CB_TYPE_SEGMENT_ITEM);
  self->stale = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  install_shades ();
  attach_scope_button (self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_quote), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_quote), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_quote), self);
  gtk_list_view_set_factory (self->quotes_list, factory);
  g_object_unref (factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->quotes)));
  gtk_list_view_set_model (self->quotes_list, GTK_SELECTION_MODEL (selection));

  gtk_drawing_area_set_draw_func (self->chart_area, draw_chart, self, NULL);
}
