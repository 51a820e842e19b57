/* cb-document-list.c: the project's documents, in the sidebar
 *
 * A GtkListBox bound to a list of CbDocumentItems; each row is a
 * CbDocumentRow (ui/cb-document-row.ui).  Selecting a row emits
 * ::document-activated; the window opens the document.  The list is
 * replaced only when documents came, went, moved or were renamed; else the
 * items take the new counts and the rows follow.  Above the list, the
 * document sets (CbDocumentSets) narrow it to one set; rows drag onto them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-document-item.h"
#include "cb-document-list.h"
#include "cb-document-row.h"
#include "cb-document-sets.h"
#include "cb-window.h"

struct _CbDocumentList
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkStack   *stack;
  GtkListBox *list_box;
  CbDocumentSets *sets;       /* a child, made in init */
  GtkFilter      *filter;     /* the chosen set's documents */

  /* Owned */
  GListStore *documents;      /* of CbDocumentItem */
  gboolean    selecting;      /* selecting from code: no signal */
  gint64      selected_id;    /* the document of the selected row, 0: none */
};

G_DEFINE_FINAL_TYPE (CbDocumentList, cb_document_list, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  GtkWidget *row = cb_document_row_new (CB_DOCUMENT_ITEM (item));

  cb_document_sets_add_drag_source (row, cb_document_item_get_id (CB_DOCUMENT_ITEM (item)));
  return row;
}

/* Only the documents of the set chosen above the list. */
static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  CbDocumentList *self = user_data;

  return self->sets == NULL || cb_document_sets_shows (self->sets, cb_document_item_get_name (CB_DOCUMENT_ITEM (item)));
}

static void
on_sets_filter_changed (CbDocumentList *self)
{
  gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
}

CbDocumentSets *
cb_document_list_get_sets (CbDocumentList *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), NULL);
  return self->sets;
}

static gint64
row_id (GtkListBoxRow *row)
{
  return CB_IS_DOCUMENT_ROW (row) ? cb_document_item_get_id (cb_document_row_get_item (CB_DOCUMENT_ROW (row))) : 0;
}

void
cb_document_list_set_documents (CbDocumentList *self,
                                GPtrArray      *documents)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  gint64 selected = cb_document_list_get_selected (self);
  gboolean same;
  guint i;

  g_return_if_fail (CB_IS_DOCUMENT_LIST (self));
  g_return_if_fail (documents != NULL);

  /* Same documents in the same order: only the counts changed. */
  same = g_list_model_get_n_items (model) == documents->len;
  for (i = 0; same && i < documents->len; i++)
    {
      const CbDocumentInfo *info = g_ptr_array_index (documents, i);
      g_autoptr(CbDocumentItem) item = g_list_model_get_item (model, i);

      same = cb_document_item_get_id (item) == info->id &&
             g_strcmp0 (cb_document_item_get_name (item), info->name) == 0;
    }

  if (same)
    {
      for (i = 0; i < documents->len; i++)
        {
          g_autoptr(CbDocumentItem) item = g_list_model_get_item (model, i);

          cb_document_item_update (item, g_ptr_array_index (documents, i));
        }
    }
  else
    {
      g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

      for (i = 0; i < documents->len; i++)
        g_ptr_array_add (items, cb_document_item_new (g_ptr_array_index (documents, i)));
      self->selecting = TRUE;
      g_list_store_splice (self->documents, 0, g_list_model_get_n_items (model),
                           items->pdata, items->len);
      self->selecting = FALSE;
      cb_document_list_select (self, selected);
    }

  gtk_stack_set_visible_child_name (self->stack, documents->len > 0 ? "list" : "empty");

  /* the sets change with the documents (CB_CHANGE_DOCUMENTS) */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

    cb_document_sets_set_project (self->sets, CB_IS_WINDOW (root) ? cb_window_get_project (CB_WINDOW (root)) : NULL);
  }
}

GListModel *
cb_document_list_get_model (CbDocumentList *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), NULL);
  return G_LIST_MODEL (self->documents);
}

gboolean
cb_document_list_shows_list (CbDocumentList *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0;
}

const char *
cb_document_list_lookup_name (CbDocumentList *self,
                              gint64          id)
{
  GListModel *model = G_LIST_MODEL (self->documents);
  guint i, n;

  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), NULL);

  n = g_list_model_get_n_items (model);
  for (i = 0; i < n; i++)
    {
      g_autoptr(CbDocumentItem) item = g_list_model_get_item (model, i);

      /* The store keeps the item, so its name outlives this reference. */
      if (cb_document_item_get_id (item) == id)
        return cb_document_item_get_name (item);
    }
  return NULL;
}

void
cb_document_list_select (CbDocumentList *self,
                         gint64          id)
{
  GtkWidget *child;

  g_return_if_fail (CB_IS_DOCUMENT_LIST (self));

  self->selecting = TRUE;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (id != 0 && GTK_IS_LIST_BOX_ROW (child) && row_id (GTK_LIST_BOX_ROW (child)) == id)
        {
          if (gtk_list_box_get_selected_row (self->list_box) != GTK_LIST_BOX_ROW (child))
            gtk_list_box_select_row (self->list_box, GTK_LIST_BOX_ROW (child));
          break;
        }
    }
  if (child == NULL)
    gtk_list_box_unselect_all (self->list_box);
  self->selecting = FALSE;
}

gint64
cb_document_list_get_selected (CbDocumentList *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), 0);
  return row_id (gtk_list_box_get_selected_row (self->list_box));
}

void
cb_document_list_activate (CbDocumentList *self,
                           guint           index)
{
  GtkListBoxRow *row;

  g_return_if_fail (CB_IS_DOCUMENT_LIST (self));

  row = gtk_list_box_get_row_at_index (self->list_box, index);
  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
}

static void
on_row_selected (CbDocumentList *self,
                 GtkListBoxRow  *row,
                 GtkListBox     *list_box)
{
  gint64 id = row_id (row);
  gboolean changed = id != self->selected_id;

  /* GtkListBox selects the row again when the keyboard focus comes back
   * into the list (a window regaining focus after its focused widget went
   * away): the same row is no new pick, and must not take the memo from
   * whatever the user targeted since.  A real click on it is
   * ::row-activated below. */
  self->selected_id = id;
  if (id != 0 && changed && !self->selecting)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, id);
}

/* A click on the row already selected selects nothing new, yet the user
 * picked that document again (the window then targets its memo). */
static void
on_row_activated (CbDocumentList *self,
                  GtkListBoxRow  *row,
                  GtkListBox     *list_box)
{
  gint64 id = row_id (row);

  if (id != 0 && !self->selecting)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, id);
}

static void
cb_document_list_dispose (GObject *object)
{
  CbDocumentList *self = CB_DOCUMENT_LIST (object);

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  self->sets = NULL;   /* unparented below with the template's children */
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_DOCUMENT_LIST);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->documents);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (cb_document_list_parent_class)->dispose (object);
}

static void
cb_document_list_class_init (CbDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_document_list_dispose;

  /* ::document-activated (id): the user picked a document. */
  signals[DOCUMENT_ACTIVATED] =
    g_signal_new ("document-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CbDocumentList, stack);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cb_document_list_init (CbDocumentList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  self->documents = g_list_store_new (CB_TYPE_DOCUMENT_ITEM);
  self->filter = GTK_FILTER (gtk_custom_filter_new (filter_item, self, NULL));
  {
    g_autoptr(GtkFilterListModel) shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)),
                                                                    g_object_ref (self->filter));

    gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (shown), create_row, NULL, NULL);
  }
  g_signal_connect_object (self->list_box, "row-activated",
                           G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);

  self->sets = CB_DOCUMENT_SETS (cb_document_sets_new ());
  gtk_widget_insert_after (GTK_WIDGET (self->sets), GTK_WIDGET (self),
                           gtk_widget_get_first_child (GTK_WIDGET (self)));
  g_signal_connect_object (self->sets, "filter-changed",
                           G_CALLBACK (on_sets_filter_changed), self, G_CONNECT_SWAPPED);
}
