/* cb-search-results.c: the hits of a search in all documents
 *
 * One row a hit: the words around it with the hit in bold, and the
 * document's name.  Activating a row emits ::hit-activated with the hit;
 * the window opens the document there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-search.h"
#include "cb-search-results.h"

/* More rows cost more than they help: refine the search instead. */
#define MAX_RESULT_ROWS 500

struct _CbSearchResults
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkListBox *list_box;

  /* Owned */
  GPtrArray  *hits;      /* of CbSearchHit */
  guint       n_shown;
};

G_DEFINE_FINAL_TYPE (CbSearchResults, cb_search_results, GTK_TYPE_WIDGET)

enum {
  HIT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (const CbSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *context = gtk_label_new (NULL);
  GtkWidget *source = gtk_label_new (hit->document_name);
  g_autofree char *markup = NULL;
  g_autofree char *before = g_strdup (hit->before ? hit->before : "");
  g_autofree char *after = g_strdup (hit->after ? hit->after : "");

  g_strdelimit (before, "\n", ' ');
  g_strdelimit (after, "\n", ' ');
  markup = g_markup_printf_escaped ("…%s<b>%s</b>%s…", before, hit->match, after);
  gtk_label_set_markup (GTK_LABEL (context), markup);
  gtk_label_set_wrap (GTK_LABEL (context), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (context), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_xalign (GTK_LABEL (source), 0);
  gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (source, hit->document_name);
  gtk_widget_add_css_class (source, "caption");
  gtk_widget_add_css_class (source, "dim-label");
  gtk_box_append (GTK_BOX (box), context);
  gtk_box_append (GTK_BOX (box), source);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

void
cb_search_results_set_hits (CbSearchResults *self,
                            GPtrArray       *hits)
{
  GtkWidget *child;
  guint i;

  g_return_if_fail (CB_IS_SEARCH_RESULTS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->n_shown = 0;
  if (hits == NULL)
    return;

  self->hits = g_ptr_array_ref (hits);
  for (i = 0; i < hits->len && i < MAX_RESULT_ROWS; i++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (hits, i)));
  self->n_shown = i;
}

guint
cb_search_results_get_n_shown (CbSearchResults *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULTS (self), 0);
  return self->n_shown;
}

gboolean
cb_search_results_focus_first (CbSearchResults *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CB_IS_SEARCH_RESULTS (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->list_box, 0);
  return row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
on_row_activated (CbSearchResults *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list_box)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->hits != NULL && index >= 0 && (guint) index < self->hits->len)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, g_ptr_array_index (self->hits, index));
}

static void
cb_search_results_dispose (GObject *object)
{
  CbSearchResults *self = CB_SEARCH_RESULTS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_SEARCH_RESULTS);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_pointer (&self->hits, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_search_results_parent_class)->dispose (object);
}

static void
cb_search_results_class_init (CbSearchResultsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_search_results_dispose;

  /* ::hit-activated (const CbSearchHit *): the user opened a hit. */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-search-results.ui");
  gtk_widget_class_bind_template_child (widget_class, CbSearchResults, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_search_results_init (CbSearchResults *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
