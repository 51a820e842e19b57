/* cb-search-results.c: the hits of a search in all documents
 *
 * Grouped by document: a header with the document's name and its number
 * of hits (the list box's header function, so rows stay one a hit), then
 * one row a hit: the words around it with the hit in bold (keyword in
 * context); MAX_RESULT_ROWS at a time, with a last row that says how many
 * there are and shows more.  The hits of a search in all documents are
 * read a few documents at a time (cb-search-panel.c): when the rows reach
 * the end of what was read, showing more asks the window's search panel
 * for the next page first.  Activating a row emits ::hit-activated with
 * the hit; the window opens the document there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-search.h"
#include "cb-search-panel.h"
#include "cb-search-results.h"
#include "cb-window.h"

/* Rows are made CB_SEARCH_RESULTS_ROWS at a time: a search with tens of
 * thousands of hits shows the first ones at once, and "Show More" adds the
 * next (the panel reads the hits a few hundred at a time too).  A row is a
 * wrapped label that the list box measures when it is added: 500 of them
 * were half a second of a search in a big project. */
#define MAX_RESULT_ROWS CB_SEARCH_RESULTS_ROWS

struct _CbSearchResults
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkListBox *list_box;

  /* Owned */
  GPtrArray  *hits;      /* of CbSearchHit */
  GHashTable *per_document;  /* document id (gint64 *) → hits (guint) */
  guint       n_counted;     /* hits counted into per_document */
  guint       n_shown;
  GtkWidget  *more_row;  /* "Showing the first N of M hits", or NULL */
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
  gtk_box_append (GTK_BOX (box), context);
  /* the row knows its hit: the document headers are not rows */
  g_object_set_data (G_OBJECT (row), "cb-search-hit", (gpointer) hit);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void on_show_more (CbSearchResults *self);

/* The search panel whose hits these are (it reads their further pages),
 * or NULL (hits given whole). */
static CbSearchPanel *
paging_panel (CbSearchResults *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CbSearchPanel *panel = CB_IS_WINDOW (root) ? cb_window_get_search_panel (CB_WINDOW (root)) : NULL;

  return panel != NULL && self->hits != NULL && cb_search_panel_get_hits (panel) == self->hits ? panel : NULL;
}

/* All the hits: counted by the panel when it pages them. */
static guint
n_hits (CbSearchResults *self)
{
  CbSearchPanel *panel = paging_panel (self);

  if (self->hits == NULL)
    return 0;
  return panel != NULL ? (guint) MAX (cb_search_panel_get_n_hits (panel), (gint64) self->hits->len)
                       : self->hits->len;
}

/* Counts the hits read since into their documents' headers: a page holds
 * every hit of its documents, so a header's count is whole once shown. */
static void
count_per_document (CbSearchResults *self)
{
  for (; self->n_counted < self->hits->len; self->n_counted++)
    {
      CbSearchHit *hit = self->hits->pdata[self->n_counted];
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->per_document, &hit->document_id));

      g_hash_table_insert (self->per_document, &hit->document_id, GUINT_TO_POINTER (n + 1));
    }
}

/* Reads the next page when the rows would pass what was read. */
static void
read_ahead (CbSearchResults *self,
            guint            wanted)
{
  CbSearchPanel *panel = paging_panel (self);

  while (panel != NULL && self->hits->len < wanted && cb_search_panel_has_more (panel))
    {
      g_autoptr(GError) error = NULL;

      if (!cb_search_panel_read_more (panel, &error))
        {
          if (error != NULL)
            g_warning ("Could not read more hits: %s", error->message);
          break;
        }
    }
  count_per_document (self);
}

/* A header above the first hit of each document: its name and hits. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  CbSearchResults *self = user_data;
  const CbSearchHit *hit = g_object_get_data (G_OBJECT (row), "cb-search-hit");
  const CbSearchHit *previous = before != NULL ? g_object_get_data (G_OBJECT (before), "cb-search-hit") : NULL;
  g_autofree char *markup = NULL;
  g_autofree char *count = NULL;
  GtkWidget *header;
  guint n;

  if (hit == NULL || (previous != NULL && previous->document_id == hit->document_id))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  n = self->per_document != NULL
        ? GPOINTER_TO_UINT (g_hash_table_lookup (self->per_document, &hit->document_id)) : 0;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", n), n);
  markup = g_markup_printf_escaped ("<b>%s</b>  %s", hit->document_name, count);
  header = gtk_label_new (NULL);
  /* hidden while its tooltip is set: setting a visible widget's asks the X
   * server where the pointer is */
  gtk_widget_set_visible (header, FALSE);
  gtk_label_set_markup (GTK_LABEL (header), markup);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (header, hit->document_name);
  gtk_widget_set_visible (header, TRUE);
  gtk_widget_set_margin_top (header, 8);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_add_css_class (header, "heading");
  gtk_list_box_row_set_header (row, header);
}

/* The next MAX_RESULT_ROWS rows, then the row offering more if any are left. */
static void
append_rows (CbSearchResults *self)
{
  guint end;
  guint total;
  g_autofree char *shown = NULL;
  GtkWidget *box;
  GtkWidget *label;
  GtkWidget *button;

  if (self->more_row != NULL)
    {
      gtk_list_box_remove (self->list_box, self->more_row);
      self->more_row = NULL;
    }
  read_ahead (self, self->n_shown + MAX_RESULT_ROWS);
  end = MIN (self->hits->len, self->n_shown + MAX_RESULT_ROWS);
  for (; self->n_shown < end; self->n_shown++)
    gtk_list_box_append (self->list_box, create_row (g_ptr_array_index (self->hits, self->n_shown)));
  total = n_hits (self);
  if (self->n_shown >= total)
    return;

  shown = g_strdup_printf (_("Showing the first %u of %u hits"), self->n_shown, total);
  label = gtk_label_new (shown);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  button = gtk_button_new_with_mnemonic (_("Show _More"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (on_show_more), self);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  self->more_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->more_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->more_row), box);
  gtk_list_box_append (self->list_box, self->more_row);
}

static void
on_show_more (CbSearchResults *self)
{
  cb_search_results_show_more (self);
}

void
cb_search_results_set_hits (CbSearchResults *self,
                            GPtrArray       *hits)
{
  GtkWidget *child;

  g_return_if_fail (CB_IS_SEARCH_RESULTS (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  self->more_row = NULL;
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  g_clear_pointer (&self->per_document, g_hash_table_unref);
  self->n_shown = 0;
  self->n_counted = 0;
  if (hits == NULL)
    return;

  self->hits = g_ptr_array_ref (hits);
  /* the headers' counts are of all hits read, not only the rows made yet */
  self->per_document = g_hash_table_new (g_int64_hash, g_int64_equal);
  count_per_document (self);
  append_rows (self);
}

gboolean
cb_search_results_show_more (CbSearchResults *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_RESULTS (self), FALSE);

  if (self->hits == NULL || self->n_shown >= n_hits (self))
    return FALSE;
  append_rows (self);
  return TRUE;
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
  const CbSearchHit *hit = g_object_get_data (G_OBJECT (row), "cb-search-hit");

  if (self->hits != NULL && hit != NULL)
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, hit);
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
  g_clear_pointer (&self->per_document, g_hash_table_unref);

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
  gtk_list_box_set_header_func (self->list_box, update_header, self, NULL);
}
