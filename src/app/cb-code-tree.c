/* cb-code-tree.c: the code tree sidebar
 *
 * A GtkListView over a GtkTreeListModel of CbCodeItems; the rows are in
 * cb-code-tree-rows.c, the dialogs of the code.* actions in
 * cb-code-dialogs.c.  Every
 * operation goes through CbProject, which records it for undo; the window
 * calls back here after the project's ::changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-error.h"
#include "cb-code-dialogs.h"
#include "cb-code-item.h"
#include "cb-code-tree-private.h"
#include "cb-empty-hint.h"
#include "cb-window-private.h"

G_DEFINE_FINAL_TYPE (CbCodeTree, cb_code_tree, GTK_TYPE_WIDGET)

guint _cb_code_tree_signals[CB_CODE_TREE_N_SIGNALS];

CbCodeItem *
_cb_code_tree_get_selected_item (CbCodeTree *self)
{
  GtkTreeListRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL)
    return NULL;
  return CB_CODE_ITEM (gtk_tree_list_row_get_item (row));
}

static GListModel *
create_child_model (gpointer item,
                    gpointer user_data)
{
  GListStore *children = cb_code_item_get_children (CB_CODE_ITEM (item));

  if (g_list_model_get_n_items (G_LIST_MODEL (children)) == 0)
    return NULL;
  return g_object_ref (G_LIST_MODEL (children));
}

void
_cb_code_tree_report (CbCodeTree   *self,
        const GError *error)
{
  cb_widget_show_error (GTK_WIDGET (self), error);
}

/* Signals from the list ------------------------------------------------- */

static void
on_list_activate (CbCodeTree  *self,
                  guint        position,
                  GtkListView *list_view)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree_model), position);
  g_autoptr(CbCodeItem) item = NULL;

  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  g_signal_emit (self, _cb_code_tree_signals[CB_CODE_TREE_CODE_ACTIVATED], 0, cb_code_item_get_path (item));
}

static void
update_actions (CbCodeTree *self)
{
  gboolean has_project = self->project != NULL;
  gboolean has_selection = _cb_code_tree_get_selected_item (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.add", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.add-child", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.rename", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.delete", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.recolor", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.describe", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "code.merge", has_selection);
}

static void
on_selection_changed (CbCodeTree *self)
{
  update_actions (self);
  g_signal_emit (self, _cb_code_tree_signals[CB_CODE_TREE_SELECTION_CHANGED], 0);
}

/* Actions --------------------------------------------------------------- */

static void
add_code (CbCodeTree *self,
          const char *parent_path)
{
  g_autoptr(GError) error = NULL;
  guint n;

  for (n = 1; n < 1000; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (_("New Code"))
                                     : g_strdup_printf (_("New Code %u"), n);
      g_autofree char *path = parent_path ? g_strconcat (parent_path, CB_CODE_PATH_SEPARATOR, name, NULL)
                                          : g_strdup (name);

      g_clear_error (&error);
      if (cb_project_add_code (self->project, path, NULL, NULL, &error) > 0)
        {
          /* The window reloads the tree after ::changed; rename it then. */
          g_free (self->pending_rename);
          self->pending_rename = g_strdup (path);
          cb_code_tree_reload (self, NULL);
          cb_code_tree_select_path (self, path);
          return;
        }
      if (!g_error_matches (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS))
        break;
    }
  _cb_code_tree_report (self, error);
}

static void
code_add_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  add_code (CB_CODE_TREE (widget), NULL);
}

static void
code_add_child_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CbCodeTree *self = CB_CODE_TREE (widget);
  CbCodeItem *item = _cb_code_tree_get_selected_item (self);
  g_autofree char *parent = NULL;

  if (item == NULL)
    return;
  parent = g_strdup (cb_code_item_get_path (item));
  g_object_unref (item);
  add_code (self, parent);
}

static void
code_rename_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cb_code_tree_start_rename (CB_CODE_TREE (widget));
}

/* The dialogs live in cb-code-dialogs.c; the tree remembers the last one
 * for the tests. */
static void
show_dialog (CbCodeTree *self,
             AdwMessageDialog *(*open) (GtkWidget *, CbProject *, CbCodeItem *))
{
  g_autoptr(CbCodeItem) item = _cb_code_tree_get_selected_item (self);
  AdwMessageDialog *dialog;

  if (item == NULL || self->project == NULL)
    return;
  /* a project just opened, its counts not read yet: the delete dialog
   * says how many codings go */
  if (cb_code_item_get_n_codings_total (item) < 0)
    {
      g_clear_handle_id (&self->count_source, g_source_remove);
      cb_code_tree_refresh_counts (self, NULL);
    }
  dialog = open (GTK_WIDGET (self), self->project, item);
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  if (dialog != NULL)
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
}

static void
code_dialog_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CbCodeTree *self = CB_CODE_TREE (widget);

  if (g_str_equal (action_name, "code.delete"))
    show_dialog (self, cb_code_dialog_delete);
  else if (g_str_equal (action_name, "code.recolor"))
    show_dialog (self, cb_code_dialog_recolor);
  else if (g_str_equal (action_name, "code.describe"))
    show_dialog (self, cb_code_dialog_describe);
  else if (g_str_equal (action_name, "code.merge"))
    show_dialog (self, cb_code_dialog_merge);
}

/* GObject --------------------------------------------------------------- */

static void
cb_code_tree_dispose (GObject *object)
{
  CbCodeTree *self = (CbCodeTree *)object;

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      self->dialog = NULL;
    }
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->scroll_tick);
  self->scroll_tick = 0;
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_CODE_TREE);
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->selection);
  g_clear_object (&self->tree_model);
  g_clear_object (&self->roots);
  g_clear_object (&self->project);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->pending_rename, g_free);

  G_OBJECT_CLASS (cb_code_tree_parent_class)->dispose (object);
}

static gboolean
cb_code_tree_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (CB_CODE_TREE (widget)->list_view));
}

static void
cb_code_tree_class_init (CbCodeTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_code_tree_dispose;
  widget_class->grab_focus = cb_code_tree_grab_focus;

  _cb_code_tree_signals[CB_CODE_TREE_CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  _cb_code_tree_signals[CB_CODE_TREE_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _cb_code_tree_signals[CB_CODE_TREE_SELECTION_DROPPED] =
    g_signal_new ("selection-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-code-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCodeTree, list_view);
  gtk_widget_class_bind_template_child (widget_class, CbCodeTree, code_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  g_type_ensure (CB_TYPE_EMPTY_HINT);   /* ui/cb-code-tree.ui's hint when there are no codes */
  gtk_widget_class_set_css_name (widget_class, "codetree");

  gtk_widget_class_install_action (widget_class, "code.add", NULL, code_add_action);
  gtk_widget_class_install_action (widget_class, "code.add-child", NULL, code_add_child_action);
  gtk_widget_class_install_action (widget_class, "code.rename", NULL, code_rename_action);
  gtk_widget_class_install_action (widget_class, "code.delete", NULL, code_dialog_action);
  gtk_widget_class_install_action (widget_class, "code.recolor", NULL, code_dialog_action);
  gtk_widget_class_install_action (widget_class, "code.describe", NULL, code_dialog_action);
  gtk_widget_class_install_action (widget_class, "code.merge", NULL, code_dialog_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "code.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "code.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "code.add-child", NULL);
}

static void
cb_code_tree_init (CbCodeTree *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);

  /* Keyed by copies of the ids: an item's info (and the id in it) is
   * replaced by cb_code_item_update(). */
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->roots = g_list_store_new (CB_TYPE_CODE_ITEM);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)),
                                              FALSE, FALSE, create_child_model, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (_cb_code_tree_setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (_cb_code_tree_bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (_cb_code_tree_unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Codes"),
                                  -1);
  update_actions (self);
}

GtkWidget *
cb_code_tree_new (void)
{
  return g_object_new (CB_TYPE_CODE_TREE, NULL);
}

static gboolean
count_idle (gpointer data)
{
  CbCodeTree *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  self->count_source = 0;
  /* while a job owns the project, try again later */
  if (CB_IS_WINDOW (root) && _cb_window_busy (CB_WINDOW (root)))
    {
      self->count_source = g_timeout_add_full (G_PRIORITY_LOW, 500, count_idle, self, NULL);
      return G_SOURCE_REMOVE;
    }
  cb_code_tree_refresh_counts (self, NULL);
  return G_SOURCE_REMOVE;
}

void
cb_code_tree_set_project (CbCodeTree *self,
                          CbProject  *project)
{
  g_return_if_fail (CB_IS_CODE_TREE (self));

  g_set_object (&self->project, project);
  g_list_store_remove_all (self->roots);
  g_hash_table_remove_all (self->items);
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (project != NULL)
    {
      /* A project just opened shows its codes at once and their counts
       * after the first frame: counting reads the whole coding index (a
       * million codings: some 60 ms of the first window's 0.5 s). */
      g_autoptr(GPtrArray) codes = cb_project_list_codes_uncounted (project, NULL);

      if (codes != NULL)
        {
          cb_code_tree_update (self, codes);
          self->count_source = g_idle_add_full (G_PRIORITY_LOW, count_idle, self, NULL);
        }
    }
  update_actions (self);
}

static int
compare_by_position (gconstpointer a,
                     gconstpointer b)
{
  const CbCodeInfo *ia = *(const CbCodeInfo **) a;
  const CbCodeInfo *ib = *(const CbCodeInfo **) b;

  if (ia->position != ib->position)
    return ia->position < ib->position ? -1 : 1;
  return 0;
}

/* TRUE when @codes has the same codes, names and places as the tree. */
static gboolean
same_structure (CbCodeTree *self,
                GPtrArray  *codes)
{
  guint i;

  if (codes->len != g_hash_table_size (self->items))
    return FALSE;
  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);
      CbCodeItem *item = g_hash_table_lookup (self->items, &info->id);
      const CbCodeInfo *old;

      if (item == NULL)
        return FALSE;
      old = cb_code_item_get_info (item);
      if (old->parent_id != info->parent_id || old->position != info->position ||
          g_strcmp0 (old->path, info->path) != 0)
        return FALSE;
    }
  return TRUE;
}

/* A rebuilt model sends a list view back to its top (or wherever its
 * anchor row went).  The position the user scrolled to is put back at once
 * and again after the next layouts, when the new rows have been measured. */
static gboolean
restore_scroll (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  CbCodeTree *self = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));

  gtk_adjustment_set_value (adjustment, self->scroll_value);
  if (++self->scroll_frames < 3)
    return G_SOURCE_CONTINUE;
  self->scroll_tick = 0;
  return G_SOURCE_REMOVE;
}

static void
keep_scroll (CbCodeTree *self,
             double      value)
{
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)), value);
  self->scroll_value = value;
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view), restore_scroll, self, NULL);
}

gboolean
cb_code_tree_update (CbCodeTree *self,
                     GPtrArray  *codes)
{
  g_autoptr(GHashTable) expanded = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autofree char *selected = NULL;
  GListModel *rows;
  double scroll_value;
  guint i;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), FALSE);
  g_return_val_if_fail (codes != NULL, FALSE);

  /* Most changes (a coding, a colour) leave the tree's shape alone: update
   * the rows in place instead of rebuilding the model. */
  if (same_structure (self, codes))
    {
      for (i = 0; i < codes->len; i++)
        {
          const CbCodeInfo *info = g_ptr_array_index (codes, i);

          cb_code_item_update (g_hash_table_lookup (self->items, &info->id), info);
        }
      return FALSE;
    }

  {
    /* Sorted by position, borrowing the caller's elements. */
    GPtrArray *sorted = g_ptr_array_sized_new (codes->len);

    g_ptr_array_extend (sorted, codes, NULL, NULL);
    codes = sorted;
  }
  g_ptr_array_sort (codes, compare_by_position);

  /* What the user had open and selected survives the reload. */
  rows = G_LIST_MODEL (self->tree_model);
  expanded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);

      if (gtk_tree_list_row_get_expanded (row))
        {
          g_autoptr(CbCodeItem) item = gtk_tree_list_row_get_item (row);

          g_hash_table_add (expanded, g_memdup2 (&cb_code_item_get_info (item)->id, sizeof (gint64)));
        }
    }
  {
    g_autoptr(CbCodeItem) item = _cb_code_tree_get_selected_item (self);
    gint64 selected_id = item ? cb_code_item_get_id (item) : 0;

    for (i = 0; selected_id != 0 && i < codes->len; i++)
      {
        const CbCodeInfo *info = g_ptr_array_index (codes, i);

        if (info->id == selected_id)
          selected = g_strdup (info->path);
      }
  }

  g_hash_table_remove_all (self->items);
  for (i = 0; i < codes->len; i++)
    {
      CbCodeItem *item = cb_code_item_new (g_ptr_array_index (codes, i));
      gint64 id = cb_code_item_get_id (item);

      g_hash_table_insert (self->items, g_memdup2 (&id, sizeof id), item);
    }

  roots = g_ptr_array_new ();
  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);
      CbCodeItem *item = g_hash_table_lookup (self->items, &info->id);
      CbCodeItem *parent = info->parent_id ? g_hash_table_lookup (self->items, &info->parent_id) : NULL;

      if (parent != NULL)
        g_list_store_append (cb_code_item_get_children (parent), item);
      else
        g_ptr_array_add (roots, item);
    }

  scroll_value = gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view)));
  g_list_store_splice (self->roots, 0, g_list_model_get_n_items (G_LIST_MODEL (self->roots)),
                       roots->pdata, roots->len);

  /* The stores hold the references now. */
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, self->items);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_object_unref (value);
  }

  for (i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CbCodeItem) item = gtk_tree_list_row_get_item (row);

      if (g_hash_table_contains (expanded, &cb_code_item_get_info (item)->id))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }

  if (selected != NULL)
    cb_code_tree_select_path (self, selected);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  keep_scroll (self, scroll_value);
  update_actions (self);
  g_ptr_array_unref (codes);
  return TRUE;
}

gboolean
cb_code_tree_reload (CbCodeTree  *self,
                     GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), FALSE);

  if (self->project == NULL)
    return TRUE;

  codes = cb_project_list_codes (self->project, error);
  if (codes == NULL)
    return FALSE;
  cb_code_tree_update (self, codes);
  return TRUE;
}

gboolean
cb_code_tree_refresh_counts (CbCodeTree  *self,
                             GError     **error)
{
  g_autoptr(GPtrArray) codes = NULL;
  guint i;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), FALSE);

  if (self->project == NULL)
    return TRUE;

  codes = cb_project_list_codes (self->project, error);
  if (codes == NULL)
    return FALSE;

  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);
      CbCodeItem *item = g_hash_table_lookup (self->items, &info->id);

      if (item != NULL)
        cb_code_item_update (item, info);
    }
  return TRUE;
}

char *
cb_code_tree_dup_selected_path (CbCodeTree *self)
{
  g_autoptr(CbCodeItem) item = NULL;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), NULL);

  item = _cb_code_tree_get_selected_item (self);
  return item ? g_strdup (cb_code_item_get_path (item)) : NULL;
}

gint64
cb_code_tree_get_selected_id (CbCodeTree *self)
{
  g_autoptr(CbCodeItem) item = NULL;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), 0);

  item = _cb_code_tree_get_selected_item (self);
  return item ? cb_code_item_get_id (item) : 0;
}

gboolean
cb_code_tree_select_path (CbCodeTree *self,
                          const char *path)
{
  GListModel *rows;
  guint i;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rows = G_LIST_MODEL (self->tree_model);
  for (i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr(CbCodeItem) item = gtk_tree_list_row_get_item (row);
      const char *item_path = cb_code_item_get_path (item);

      if (g_strcmp0 (item_path, path) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }

      /* An ancestor: open it so the code's row appears below. */
      if (cb_code_path_is_within (path, item_path))
        gtk_tree_list_row_set_expanded (row, TRUE);
    }
  return FALSE;
}

void
cb_code_tree_unselect (CbCodeTree *self)
{
  g_return_if_fail (CB_IS_CODE_TREE (self));

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

GListModel *
cb_code_tree_get_rows (CbCodeTree *self)
{
  g_return_val_if_fail (CB_IS_CODE_TREE (self), NULL);
  return G_LIST_MODEL (self->tree_model);
}

gboolean
cb_code_tree_start_rename (CbCodeTree *self)
{
  g_autoptr(CbCodeItem) item = NULL;
  GtkStack *stack;
  GtkWidget *entry;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), G_SOURCE_REMOVE);

  item = _cb_code_tree_get_selected_item (self);
  if (item == NULL)
    return G_SOURCE_REMOVE;

  stack = g_object_get_data (G_OBJECT (item), ROW_STACK_KEY);
  if (stack == NULL)
    {
      /* Not on screen yet: rename it when its row is bound. */
      g_free (self->pending_rename);
      self->pending_rename = g_strdup (cb_code_item_get_path (item));
      return G_SOURCE_REMOVE;
    }

  entry = gtk_stack_get_child_by_name (stack, "entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), cb_code_item_get_name (item));
  gtk_stack_set_visible_child_name (stack, "entry");
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
  return G_SOURCE_REMOVE;
}

static char *
dup_parent_path (const char *path)
{
  const char *last = g_strrstr (path, CB_CODE_PATH_SEPARATOR);

  return last ? g_strndup (path, last - path) : NULL;
}

gboolean
cb_code_tree_move (CbCodeTree  *self,
                   const char  *path,
                   const char  *target_path,
                   int          where,
                   GError     **error)
{
  g_autoptr(CbCodeInfo) target = NULL;
  g_autofree char *parent = NULL;
  gint64 position;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), FALSE);
  g_return_val_if_fail (path != NULL && target_path != NULL, FALSE);

  if (where == 0)
    return cb_project_move_code (self->project, path, target_path, -1, error);

  target = cb_project_get_code (self->project, target_path, error);
  if (target == NULL)
    return FALSE;

  parent = dup_parent_path (target_path);
  position = target->position + (where > 0 ? 1 : 0);
  {
    g_autoptr(CbCodeInfo) moved = cb_project_get_code (self->project, path, error);
    g_autofree char *moved_parent = NULL;

    if (moved == NULL)
      return FALSE;
    /* Moving down among the same siblings: the code's own slot closes up. */
    moved_parent = dup_parent_path (path);
    if (g_strcmp0 (moved_parent, parent) == 0 && moved->position < position)
      position--;
  }
  return cb_project_move_code (self->project, path, parent, position, error);
}

AdwMessageDialog *
_cb_code_tree_get_dialog (CbCodeTree *self)
{
  g_return_val_if_fail (CB_IS_CODE_TREE (self), NULL);
  return self->dialog;
}

GtkAdjustment *
_cb_code_tree_get_vadjustment (CbCodeTree *self)
{
  g_return_val_if_fail (CB_IS_CODE_TREE (self), NULL);
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->list_view));
}
