/* cb-quotes-pane.c: the quotes (coded segments) of the selected code
 *
 * A heading with the code's name and how many quotes in how many
 * documents, a toggle for the subcodes' quotes (the "include-descendants"
 * setting, as the win.include-descendants action), and the quotes as
 * CbSegmentRows over a list of CbSegmentItems.  Clicking a quote emits
 * ::quote-activated; the window opens it in the transcript.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-project-turns.h"
#include "cb-quotes-pane.h"
#include "cb-segment-row.h"

struct _CbQuotesPane
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkLabel           *title;
  GtkLabel           *subtitle;
  GtkStack           *stack;
  GtkLabel           *empty_label;
  GtkListView        *list_view;

  /* Owned */
  CbProject          *project;
  GSettings          *settings;
  char               *code_path;
  GListStore         *quotes;            /* of CbSegmentItem */
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (CbQuotesPane, cb_quotes_pane, GTK_TYPE_WIDGET)

enum {
  QUOTE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The turn a segment is cited by (the core's rule, as in the quote
 * export), from a per-refresh cache. */
static const CbTurnInfo *
find_turn (CbQuotesPane    *self,
           GHashTable      *turns_by_document,
           const CbSegment *segment)
{
  GPtrArray *turns = g_hash_table_lookup (turns_by_document, &segment->document_id);

  if (turns == NULL)
    {
      turns = cb_project_list_turns (self->project, segment->document_name, NULL);
      if (turns == NULL)
        turns = g_ptr_array_new ();
      g_hash_table_insert (turns_by_document, g_memdup2 (&segment->document_id, sizeof segment->document_id), turns);
    }

  return cb_turn_find_for_span (turns, segment->start, segment->end);
}

void
cb_quotes_pane_refresh (CbQuotesPane *self)
{
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) turns = NULL;
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  const char *path = self->code_path;
  const char *last;
  gboolean descendants;
  guint i;

  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  if (path == NULL || self->project == NULL)
    {
      g_list_store_remove_all (self->quotes);
      gtk_label_set_text (self->title, _("Segments"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), NULL);
      gtk_label_set_text (self->subtitle, "");
      gtk_label_set_text (self->empty_label, _("Select a code to see its quotes."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  descendants = g_settings_get_boolean (self->settings, "include-descendants");
  segments = cb_project_retrieve (self->project, path, descendants, &error);
  if (segments == NULL)
    {
      g_list_store_remove_all (self->quotes);
      cb_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  turns = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (i = 0; i < segments->len; i++)
    {
      CbSegment *segment = g_ptr_array_index (segments, i);
      const CbTurnInfo *turn = find_turn (self, turns, segment);

      g_hash_table_add (documents, &segment->document_id);
      g_ptr_array_add (items, cb_segment_item_new (cb_segment_copy (segment),
                                                   turn ? turn->speaker : NULL,
                                                   turn ? turn->timestamp : NULL));
    }

  g_list_store_splice (self->quotes, 0, g_list_model_get_n_items (G_LIST_MODEL (self->quotes)),
                       items->pdata, items->len);

  last = g_strrstr (path, CB_CODE_PATH_SEPARATOR);
  gtk_label_set_text (self->title, last ? last + strlen (CB_CODE_PATH_SEPARATOR) : path);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), path);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u segment", "%u segments", segments->len),
                              segments->len);
  if (segments->len > 0)
    {
      g_autofree char *docs = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "in %u document", "in %u documents",
                                                            g_hash_table_size (documents)),
                                               g_hash_table_size (documents));
      g_autofree char *both = g_strdup_printf ("%s %s", subtitle, docs);

      g_free (subtitle);
      subtitle = g_steal_pointer (&both);
    }
  gtk_label_set_text (self->subtitle, subtitle);
  gtk_label_set_text (self->empty_label,
                      _("No quotes yet. Select a passage in the transcript and double-click this code."));
  gtk_stack_set_visible_child_name (self->stack, segments->len > 0 ? "list" : "empty");
}

void
cb_quotes_pane_set_project (CbQuotesPane *self,
                            CbProject    *project)
{
  g_return_if_fail (CB_IS_QUOTES_PANE (self));

  g_set_object (&self->project, project);
  g_clear_pointer (&self->code_path, g_free);
  cb_quotes_pane_refresh (self);
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
  cb_quotes_pane_refresh (self);
}

GListModel *
cb_quotes_pane_get_quotes (CbQuotesPane *self)
{
  g_return_val_if_fail (CB_IS_QUOTES_PANE (self), NULL);
  return G_LIST_MODEL (self->quotes);
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

  item = g_list_model_get_item (G_LIST_MODEL (self->quotes), position);
  if (item != NULL)
    g_signal_emit (self, signals[QUOTE_ACTIVATED], 0, item);
}

static void
on_activate (CbQuotesPane *self,
             guint         position,
             GtkListView  *list_view)
{
  cb_quotes_pane_activate (self, position);
}

/* Rows ------------------------------------------------------------------- */

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CbQuotesPane             *self)
{
  gtk_list_item_set_child (list_item, cb_segment_row_new ());
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

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_QUOTES_PANE);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->quotes);
  g_clear_object (&self->project);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->code_path, g_free);

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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-quotes-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, title);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, subtitle);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, stack);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, empty_label);
  gtk_widget_class_bind_template_child (widget_class, CbQuotesPane, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cb_quotes_pane_init (CbQuotesPane *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->settings = cb_app_settings_new ();
  self->quotes = g_list_store_new (CB_TYPE_SEGMENT_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->quotes)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
