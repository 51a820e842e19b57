/* cb-document-list.c: the project's documents, in the sidebar
 *
 * A GtkListView over the CbDocumentItems (through the sets' filter and a
 * single selection); its factory makes CbDocumentRows (ui/cb-document-row.ui)
 * and binds them to the documents in view, so a thousand documents cost
 * the rows of a screenful or two, not a thousand rows (a GtkListBox made
 * and measured every one, and was a fifth of the first window's time).
 * Selecting a row emits ::document-activated; the window opens the
 * document.  The list is replaced only when documents came, went, moved or
 * were renamed; else the items take the new counts and the rows follow.
 * Above the list, the document sets (CbDocumentSets) narrow it to one set;
 * rows drag onto them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-document-item.h"
#include "cb-document-list.h"
#include "cb-document-row.h"
#include "cb-document-sets.h"
#include "cb-window-private.h"

struct _CbDocumentList
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkStack    *stack;
  GtkListView *list_view;
  CbDocumentSets *sets;       /* a child, made in init */
  GtkFilter      *filter;     /* the chosen set's documents */
  GtkSingleSelection *selection;  /* over the filtered documents */

  /* Owned */
  GListStore *documents;      /* of CbDocumentItem */
  gboolean    selecting;      /* selecting from code: no signal */
  gint64      selected_id;    /* the document of the selected row, 0: none */
  guint       count_source;   /* reads the counts the list was given without */
};

G_DEFINE_FINAL_TYPE (CbDocumentList, cb_document_list, GTK_TYPE_WIDGET)

enum {
  DOCUMENT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void emit_activated (CbDocumentList *self,
                            gint64          id);

/* A click on the row already selected selects nothing new, yet the user
 * picked that document again (the window then targets its memo).  The
 * row's gesture sees the press before the list item's own selects. */
static void
on_row_pressed (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                GtkListItem     *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CbDocumentList *self = CB_DOCUMENT_LIST (gtk_widget_get_ancestor (row, CB_TYPE_DOCUMENT_LIST));
  CbDocumentItem *item = cb_document_row_get_item (CB_DOCUMENT_ROW (row));

  if (self != NULL && item != NULL && n_press == 1 && gtk_list_item_get_selected (list_item))
    emit_activated (self, cb_document_item_get_id (item));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CbDocumentList           *self)
{
  GtkWidget *row = cb_document_row_new ();
  GtkGesture *gesture = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_row_pressed), list_item);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (gesture));
  gtk_list_item_set_child (list_item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CbDocumentList           *self)
{
  cb_document_row_set_item (CB_DOCUMENT_ROW (gtk_list_item_get_child (list_item)),
                            gtk_list_item_get_item (list_item));
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CbDocumentList           *self)
{
  cb_document_row_set_item (CB_DOCUMENT_ROW (gtk_list_item_get_child (list_item)), NULL);
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

GtkWidget *
cb_document_list_find_row (CbDocumentList *self,
                           const char     *name)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), NULL);

  /* the list view's children are its list items' widgets, each holding a row */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      CbDocumentItem *item = CB_IS_DOCUMENT_ROW (row) ? cb_document_row_get_item (CB_DOCUMENT_ROW (row)) : NULL;

      if (item != NULL && g_strcmp0 (cb_document_item_get_name (item), name) == 0)
        return row;
    }
  return NULL;
}

CbDocumentSets *
cb_document_list_get_sets (CbDocumentList *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), NULL);
  return self->sets;
}

static void
emit_activated (CbDocumentList *self,
                gint64          id)
{
  if (id != 0 && !self->selecting)
    g_signal_emit (self, signals[DOCUMENT_ACTIVATED], 0, id);
}

/* The window's project, or NULL when it has none or a job owns it. */
static CbProject *
free_project (CbDocumentList *self,
              gboolean       *busy)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  *busy = CB_IS_WINDOW (root) && _cb_window_busy (CB_WINDOW (root));
  return CB_IS_WINDOW (root) && !*busy ? cb_window_get_project (CB_WINDOW (root)) : NULL;
}

/* After the first frame: the documents again, with their counts (one
 * grouped scan of the coding index); only the rows' details change. */
static gboolean
count_idle (gpointer data)
{
  CbDocumentList *self = data;
  g_autoptr(GPtrArray) documents = NULL;
  CbProject *project;
  gboolean busy;

  self->count_source = 0;
  project = free_project (self, &busy);
  if (busy)
    {
      /* the job's end refreshes what it changed; the counts may not be */
      self->count_source = g_timeout_add_full (G_PRIORITY_LOW, 500, count_idle, self, NULL);
      return G_SOURCE_REMOVE;
    }
  if (project != NULL && (documents = cb_project_list_documents (project, NULL)) != NULL)
    cb_document_list_set_documents (self, documents);
  return G_SOURCE_REMOVE;
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

  /* Given without counts (the first window of a big project): they are
   * read when the list is on screen, at a priority below drawing. */
  g_clear_handle_id (&self->count_source, g_source_remove);
  for (i = 0; i < documents->len; i++)
    if (((CbDocumentInfo *) documents->pdata[i])->n_codings < 0)
      {
        self->count_source = g_idle_add_full (G_PRIORITY_LOW, count_idle, self, NULL);
        break;
      }

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
  GListModel *shown;
  guint position = GTK_INVALID_LIST_POSITION;
  guint i, n;

  g_return_if_fail (CB_IS_DOCUMENT_LIST (self));

  /* among the documents shown (the chosen set's) */
  shown = gtk_single_selection_get_model (self->selection);
  n = id != 0 ? g_list_model_get_n_items (shown) : 0;
  for (i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(CbDocumentItem) item = g_list_model_get_item (shown, i);

      if (cb_document_item_get_id (item) == id)
        position = i;
    }
  self->selecting = TRUE;
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

gint64
cb_document_list_get_selected (CbDocumentList *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_LIST (self), 0);
  {
    CbDocumentItem *item = gtk_single_selection_get_selected_item (self->selection);

    return item != NULL ? cb_document_item_get_id (item) : 0;
  }
}

void
cb_document_list_activate (CbDocumentList *self,
                           guint           index)
{
  g_return_if_fail (CB_IS_DOCUMENT_LIST (self));

  if (index < g_list_model_get_n_items (G_LIST_MODEL (self->selection)))
    gtk_single_selection_set_selected (self->selection, index);
}

static void
on_selected_changed (CbDocumentList *self)
{
  gint64 id = cb_document_list_get_selected (self);
  gboolean changed = id != self->selected_id;

  /* Only a new pick: the same document selected again (the list rebuilt
   * around it, the focus coming back into the list) must not take the
   * memo from whatever the user targeted since.  A real click on it is
   * on_row_pressed(), Enter on_list_activate(). */
  self->selected_id = id;
  if (changed)
    emit_activated (self, id);
}

/* Enter, or a double click, on a row. */
static void
on_list_activate (CbDocumentList *self,
                  guint           position,
                  GtkListView    *list_view)
{
  g_autoptr(CbDocumentItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    emit_activated (self, cb_document_item_get_id (item));
}

/* A row's own activation (cb_document_row_activate). */
static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  emit_activated (CB_DOCUMENT_LIST (widget), g_variant_get_int64 (parameter));
}

static void
cb_document_list_dispose (GObject *object)
{
  CbDocumentList *self = CB_DOCUMENT_LIST (object);

  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  self->sets = NULL;   /* unparented below with the template's children */
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_DOCUMENT_LIST);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->documents);
  g_clear_object (&self->filter);
  g_clear_object (&self->selection);

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
  gtk_widget_class_bind_template_child (widget_class, CbDocumentList, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_install_action (widget_class, "document-list.pick", "x", pick_action);
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
    GtkFilterListModel *shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->documents)),
                                                           g_object_ref (self->filter));
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    self->selection = gtk_single_selection_new (G_LIST_MODEL (shown));
    gtk_single_selection_set_autoselect (self->selection, FALSE);
    gtk_single_selection_set_can_unselect (self->selection, TRUE);
    g_signal_connect_swapped (self->selection, "notify::selected-item",
                              G_CALLBACK (on_selected_changed), self);
    g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
    g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
    gtk_list_view_set_factory (self->list_view, factory);
    gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  }

  self->sets = CB_DOCUMENT_SETS (cb_document_sets_new ());
  gtk_widget_insert_after (GTK_WIDGET (self->sets), GTK_WIDGET (self),
                           gtk_widget_get_first_child (GTK_WIDGET (self)));
  g_signal_connect_object (self->sets, "filter-changed",
                           G_CALLBACK (on_sets_filter_changed), self, G_CONNECT_SWAPPED);
}
