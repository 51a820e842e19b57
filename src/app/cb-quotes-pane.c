/* cb-quotes-pane.c: the quotes (coded segments) of the selected code
 *
 * A heading with the code's name and how many quotes in how many
 * documents, a toggle for the subcodes' quotes (the "include-descendants"
 * setting, as the win.include-descendants action), and the quotes as
 * CbSegmentRows over a CbSegmentModel, which counts the quotes at once
 * and reads them a page at a time as the list is scrolled.  Clicking a
 * quote emits ::quote-activated; the window opens it in the transcript.
 * The Filter button (shown when the project has attributes) reveals a
 * CbCaseFilterBar; with conditions the cursor reads only the quotes of
 * the cases that pass, paged the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-quotes-pane.h"
#include "cb-segment-model.h"
#include "cb-segment-row.h"

struct _CbQuotesPane
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *title;
  GtkLabel           *subtitle;
  GtkStack           *stack;
  GtkLabel           *empty_label;
  GtkGridView        *list_view;         /* one column: see cb_quotes_pane_init */
  GtkToggleButton    *filter_toggle;
  GtkRevealer        *filter_revealer;
  CbCaseFilterBar    *filter_bar;

  /* Owned */
  gboolean            stale;             /* a refresh waits for the job to end */
  gboolean            busy;              /* a job owns the project */
  gulong              changed_id;
  CbProject          *project;
  GSettings          *settings;
  char               *code_path;
  char               *shown_path;        /* what the list holds, and */
  gboolean            shown_descendants; /* with the subcodes' quotes */
  CbSegmentModel     *quotes;            /* of CbSegmentItem, fetched by page */
  double              restore_fraction;  /* the scroll position to keep, */
  guint               restore_tick;      /* set back on this tick */
  guint               restore_frames;
  guint               restore_position;  /* the quote at the top, if known */
  guint               count_tick;        /* counts after the first frame: */
  guint               count_source;      /* the tick, then an idle */
  gboolean            filtered;          /* the case filter applies */
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (CbQuotesPane, cb_quotes_pane, GTK_TYPE_WIDGET)

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The position of the quote in the row at the top of the list's visible
 * part, or GTK_INVALID_LIST_POSITION. */
static guint
top_visible_position (CbQuotesPane *self)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);
  guint position = GTK_INVALID_LIST_POSITION;
  double best = G_MAXDOUBLE;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *list_item = row != NULL ? g_object_get_data (G_OBJECT (row), "cb-list-item") : NULL;
      graphene_rect_t bounds;

      if (list_item == NULL || !gtk_widget_get_mapped (child) ||
          !gtk_widget_compute_bounds (child, list_view, &bounds) ||
          bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= best)
        continue;
      best = bounds.origin.y;
      position = gtk_list_item_get_position (list_item);
    }
  return position;
}

/* Keeps the list where it was across a refresh of the same code.  The
 * model tells the list that every item went and new ones came (see
 * cb-segment-model.c), so the list starts at the top again.  Once it has
 * placed the new rows (the second frame: ticks come before layout) it is
 * scrolled to where the same position was, then corrected over a few
 * frames by the rows' real heights, which it learns as it shows them. */
#define RESTORE_FRAMES 8

static gboolean
restore_scroll_tick (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  CbQuotesPane *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->quotes));
  guint frame = self->restore_frames++;
  guint top;

  if (frame == 0)
    return G_SOURCE_CONTINUE;
  if (adjustment == NULL || n_items == 0 || frame > RESTORE_FRAMES)
    {
      self->restore_tick = 0;
      return G_SOURCE_REMOVE;
    }

  if (frame == 1 || self->restore_position == GTK_INVALID_LIST_POSITION)
    gtk_adjustment_set_value (adjustment, self->restore_fraction * gtk_adjustment_get_upper (adjustment));
  else if ((top = top_visible_position (self)) != GTK_INVALID_LIST_POSITION && top != self->restore_position)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                          ((double) self->restore_position - top) *
                                          gtk_adjustment_get_upper (adjustment) / n_items);
  else
    {
      self->restore_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
restore_scroll (CbQuotesPane *self,
                double        fraction,
                guint         position)
{
  self->restore_fraction = fraction;
  self->restore_position = position;
  self->restore_frames = 0;
  if (self->restore_tick == 0 && fraction > 0)
    self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), restore_scroll_tick,
                                                       self, NULL);
}

/* "N segments in M documents", once the model has counted them; until
 * then (the first page shows before the count) nothing. */
static void
update_subtitle (CbQuotesPane *self)
{
  g_autofree char *subtitle = NULL;
  guint n_segments = g_list_model_get_n_items (G_LIST_MODEL (self->quotes));
  guint n_documents = cb_segment_model_get_n_documents (self->quotes);

  if (!cb_segment_model_get_counted (self->quotes))
    {
      gtk_label_set_text (self->subtitle, "");
      return;
    }

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", n_segments),
                              n_segments);
  if (self->filtered)
    {
      /* Translators: the quotes pane's count when the case filter applies */
      g_autofree char *filtered = g_strdup_printf (_("%s (filtered)"), subtitle);

      g_free (subtitle);
      subtitle = g_steal_pointer (&filtered);
    }
  if (n_segments > 0)
    {
      g_autofree char *docs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "in %u document", "in %u documents",
                                                            n_documents),
                                               n_documents);
      g_autofree char *both = g_strdup_printf ("%s %s", subtitle, docs);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->subtitle, subtitle);
}

static void
count_now (CbQuotesPane *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->count_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->count_tick);
      self->count_tick = 0;
    }
  if (!cb_segment_model_count (self->quotes, &error))
    cb_widget_show_error (GTK_WIDGET (self), error);
  update_subtitle (self);
}

static gboolean
count_idle (gpointer data)
{
  CbQuotesPane *self = data;

  self->count_source = 0;
  count_now (self);
  return G_SOURCE_REMOVE;
}

/* The frame with the first page has begun: count once it is painted (an
 * idle below drawing's priority). */
static gboolean
count_tick (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  CbQuotesPane *self = user_data;

  self->count_tick = 0;
  if (self->count_source == 0)
    self->count_source = g_idle_add_full (G_PRIORITY_LOW, count_idle, self, NULL);
  return G_SOURCE_REMOVE;
}

static void
count_after_frame (CbQuotesPane *self)
{
  if (cb_segment_model_get_counted (self->quotes) || self->count_tick != 0 || self->count_source != 0)
    return;
  /* no frames come for a list that is not on screen */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->list_view)))
    self->count_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), count_tick, self, NULL);
  else
    self->count_source = g_idle_add_full (G_PRIORITY_LOW, count_idle, self, NULL);
}

void
cb_quotes_pane_refresh (CbQuotesPane *self)
{
  g_autoptr(CbSegmentCursor) cursor = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  GtkAdjustment *adjustment;
  const char *path = self->code_path;
  const char *last;
  gboolean descendants;
  gboolean same_list;
  double scrolled = 0;
  guint top = GTK_INVALID_LIST_POSITION;
  guint n_segments;

  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  /* a count waiting for the previous list is of no use now */
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->count_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->count_tick);
      self->count_tick = 0;
    }

  if (path == NULL || self->project == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      cb_segment_model_set_cursor (self->quotes, NULL, NULL, NULL);
      g_clear_pointer (&self->shown_path, g_free);
      gtk_label_set_text (self->title, _("Segments"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), NULL);
      gtk_label_set_text (self->subtitle, "");
      gtk_label_set_text (self->empty_label, _("Select a code to see its quotes."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  descendants = g_settings_get_boolean (self->settings, "include-descendants");
  same_list = g_strcmp0 (self->shown_path, path) == 0 && self->shown_descendants == descendants;
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
  if (same_list && adjustment != NULL && gtk_adjustment_get_upper (adjustment) > 0)
    {
      scrolled = gtk_adjustment_get_value (adjustment) / gtk_adjustment_get_upper (adjustment);
      top = top_visible_position (self);
    }
  else if (adjustment != NULL)
    gtk_adjustment_set_value (adjustment, 0);   /* another code: from the top */

  /* A selected quote would make the selection look for it among all the
   * new items, reading every page: the list is new, nothing stays selected. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  /* Making a cursor reads the project, which a job owns now: read when
   * the job is done (cb_quotes_pane_set_busy). */
  if (self->busy)
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;

  filter = cb_case_filter_bar_dup_filter (self->filter_bar, &error);
  if (filter == NULL && error != NULL)
    {
      cb_widget_show_error (GTK_WIDGET (self), error);
      g_clear_error (&error);
    }
  /* The count now, the segments a page at a time as the list asks. */
  cursor = cb_project_retrieve_cursor_filtered (self->project, path,
                                                descendants ? CB_RETRIEVE_DESCENDANTS : 0, filter, &error);
  if (cursor == NULL || !cb_segment_model_set_cursor (self->quotes, self->project, cursor, &error))
    {
      cb_segment_model_set_cursor (self->quotes, NULL, NULL, NULL);
      g_clear_pointer (&self->shown_path, g_free);
      cb_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  /* The same list again (a refresh after a change): counted now, so that
   * the scroll position is restored in the whole list.  Another code's:
   * its first page shows first, the count comes after that frame. */
  if (same_list)
    count_now (self);
  else
    count_after_frame (self);
  g_free (self->shown_path);
  self->shown_path = g_strdup (path);
  self->shown_descendants = descendants;
  self->filtered = filter != NULL;
  restore_scroll (self, scrolled, top);

  n_segments = g_list_model_get_n_items (G_LIST_MODEL (self->quotes));

  last = g_strrstr (path, CB_CODE_PATH_SEPARATOR);
  gtk_label_set_text (self->title, last ? last + strlen (CB_CODE_PATH_SEPARATOR) : path);
  /* the tooltip only when it changes: setting one asks X where the pointer is */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->title)), path) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), path);
  update_subtitle (self);
  gtk_label_set_text (self->empty_label,
                      _("No quotes yet. Select a passage in the transcript and double-click this code."));
  gtk_stack_set_visible_child_name (self->stack, n_segments > 0 ? "list" : "empty");
}

/* The Filter button shows only when there is something to filter by. */
static void
update_filter_toggle (CbQuotesPane *self)
{
  gboolean has = cb_case_filter_bar_has_choices (self->filter_bar);

  gtk_widget_set_visible (GTK_WIDGET (self->filter_toggle), has);
  if (!has)
    gtk_toggle_button_set_active (self->filter_toggle, FALSE);
}

static void
on_filter_toggled (CbQuotesPane    *self,
                   GtkToggleButton *toggle)
{
  gboolean active = gtk_toggle_button_get_active (toggle);

  gtk_revealer_set_reveal_child (self->filter_revealer, active);
  /* a hidden bar filters nothing */
  if (!active)
    cb_case_filter_bar_clear (self->filter_bar);
  else if (cb_case_filter_bar_get_n_conditions (self->filter_bar) == 0)
    cb_case_filter_bar_add_condition (self->filter_bar, NULL, CB_CASE_FILTER_EQUAL, NULL);
}

static void
on_filter_changed (CbQuotesPane    *self,
                   CbCaseFilterBar *bar)
{
  cb_quotes_pane_refresh (self);
}

/* Attributes came, went or changed: the bar's drop-downs follow.  The
 * window refreshes the list itself for codings; values and coverage
 * change what a filter lets through, so the list is read again here. */
static void
on_project_changed (CbQuotesPane *self,
                    guint         flags)
{
  if (!(flags & CB_CHANGE_CASES))
    return;
  cb_case_filter_bar_reload (self->filter_bar);
  update_filter_toggle (self);
}

CbCaseFilterBar *
cb_quotes_pane_get_filter_bar (CbQuotesPane *self)
{
  g_return_val_if_fail (CB_IS_QUOTES_PANE (self), NULL);
  return self->filter_bar;
}

void
cb_quotes_pane_set_project (CbQuotesPane *self,
                            CbProject    *project)
{
  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->code_path, g_free);
  if (project != NULL)
    self->changed_id = g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed),
                                                self, G_CONNECT_SWAPPED);
  /* (emits ::changed, which refreshes) */
  cb_case_filter_bar_set_project (self->filter_bar, project);
  update_filter_toggle (self);
}

void
cb_quotes_pane_set_code (CbQuotesPane *self,
                         const char   *path)
{
  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  if (g_strcmp0 (self->code_path, path) != 0)
    {
      g_free (self->code_path);
      self->code_path = g_strdup (path);
    }
  /* coders, speakers, sets and phases come with codings and imports:
   * looked at again when a code is picked, not on every change (a job may
   * hold the project then) */
  update_filter_toggle (self);
  cb_quotes_pane_refresh (self);
}

void
cb_quotes_pane_set_busy (CbQuotesPane *self,
                         gboolean      busy)
{
  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  self->busy = busy;
  /* placeholders stood in while the job had the project: read again */
  if (cb_segment_model_set_busy (self->quotes, busy))
    cb_quotes_pane_refresh (self);
  else if (!busy && self->stale)
    cb_quotes_pane_refresh (self);
  else if (!busy)
    count_after_frame (self);   /* a count the job held back */
}

GListModel *
cb_quotes_pane_get_quotes (CbQuotesPane *self)
{
  g_return_val_if_fail (CB_IS_QUOTES_PANE (self), NULL);
  return gtk_single_selection_get_model (self->selection);
}

const char *
cb_quotes_pane_get_subtitle (CbQuotesPane *self)
{
  g_return_val_if_fail (CB_IS_QUOTES_PANE (self), NULL);
  return gtk_label_get_text (self->subtitle);
}

GtkWidget *
cb_quotes_pane_get_list_view (CbQuotesPane *self)
{
  g_return_val_if_fail (CB_IS_QUOTES_PANE (self), NULL);
  return GTK_WIDGET (self->list_view);
}

gboolean
cb_quotes_pane_shows_list (CbQuotesPane *self)
{
  g_return_val_if_fail (CB_IS_QUOTES_PANE (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0;
}

void
cb_quotes_pane_activate (CbQuotesPane *self,
                         guint         position)
{
  g_autoptr(CbSegmentItem) item = NULL;

  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  item = g_list_model_get_item (gtk_single_selection_get_model (self->selection), position);
  if (item != NULL)
    g_signal_emit (self, signals[QUOTE_ACTIVATED], 0, item);
}

static void
on_activate (CbQuotesPane *self,
             guint         position,
             GtkGridView  *list_view)
{
  cb_quotes_pane_activate (self, position);
}

/* Rows ------------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CbQuotesPane             *self)
{
  GtkWidget *row = cb_segment_row_new ();

  /* for top_visible_position(): the list item outlives its child */
  g_object_set_data (G_OBJECT (row), "cb-list-item", list_item);
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CbQuotesPane             *self)
{
  CbSegmentItem *item = gtk_list_item_get_item (list_item);

  /* A subcode's quote says which subcode. */
  cb_segment_row_set_item (CB_SEGMENT_ROW (gtk_list_item_get_child (list_item)), item,
                           g_strcmp0 (cb_segment_item_get_segment (item)->code_path, self->code_path) != 0);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CbQuotesPane             *self)
{
  cb_segment_row_set_item (CB_SEGMENT_ROW (gtk_list_item_get_child (list_item)), NULL, FALSE);
}

/* GObject ---------------------------------------------------------------- */

static void
cb_quotes_pane_dispose (GObject *object)
{
  CbQuotesPane *self = CB_QUOTES_PANE (object);

  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->list_view != NULL)
    {
      if (self->count_tick != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->count_tick);
      self->count_tick = 0;
      gtk_grid_view_set_model (self->list_view, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_QUOTES_PANE);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->quotes);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->code_path, g_free);
  g_clear_pointer (&self->shown_path, g_free);

  G_OBJECT_CLASS (cb_quotes_pane_parent_class)->dispose (object);
}

static void
cb_quotes_pane_class_init (CbQuotesPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_quotes_pane_dispose;

  /* ::quote-activated (CbSegmentItem): the user opened a quote. */
  signals[QUOTE_ACTIVATED] =
    g_signal_new ("quote-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CB_TYPE_SEGMENT_ITEM);

  g_type_ensure (CB_TYPE_CASE_FILTER_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-quotes-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, title);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, subtitle);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, list_view);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, filter_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, filter_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

/* The list is a one-column GtkGridView, not a GtkListView: GTK 4.8's list
 * view makes, binds and measures two hundred rows whatever its height
 * (GTK_LIST_VIEW_MAX_LIST_ITEMS), and measuring two hundred wrapped quotes
 * was most of the half second between clicking a code and seeing its
 * quotes; the grid view keeps the rows of about thirty lines of the grid.
 * The rows look as a sidebar list's (ui/style.css, ".segments > child"). */
static void
cb_quotes_pane_init (CbQuotesPane *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->settings = cb_app_settings_new ();
  self->quotes = cb_segment_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->quotes)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_grid_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_grid_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
