/* cb-code-tree.c: the code tree sidebar
 *
 * A GtkListView over a GtkTreeListModel of CbCodeItems: expander, colour
 * swatch, name (renamed in place) and the number of codings including the
 * descendants'.  Rows accept drops: another code (move it before, into or
 * after the row) or the transcript's selected text (code it).  Every
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
#include "cb-code-item.h"
#include "cb-code-tree.h"

struct _CbCodeTree
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkListView        *list_view;
  GMenuModel         *code_menu;

  /* Owned */
  CbProject          *project;
  GListStore         *roots;
  GtkTreeListModel   *tree_model;
  GtkSingleSelection *selection;
  GHashTable         *items;            /* code id -> CbCodeItem (borrowed) */
  char               *pending_rename;   /* path to rename once it shows */

  /* Borrowed */
  AdwMessageDialog   *dialog;
};

G_DEFINE_FINAL_TYPE (CbCodeTree, cb_code_tree, GTK_TYPE_WIDGET)

enum {
  CODE_ACTIVATED,
  SELECTION_CHANGED,
  SELECTION_DROPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define ROW_STACK_KEY "cb-code-tree-row-stack"

static CbCodeItem *
get_selected_item (CbCodeTree *self)
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

static void
report (CbCodeTree   *self,
        const GError *error)
{
  cb_widget_show_error (GTK_WIDGET (self), error);
}

/* Row widgets ------------------------------------------------------------ */

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  CbCodeItem *item = g_object_get_data (G_OBJECT (area), "cb-item");
  GdkRGBA rgba;
  double size = MIN (width, height);

  if (item == NULL)
    return;

  cb_code_color_to_rgba (cb_code_item_get_color (item), cb_code_item_get_id (item), &rgba);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
commit_rename (CbCodeTree *self,
               GtkStack   *stack)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (stack), "cb-list-item");
  GtkEditable *entry = GTK_EDITABLE (gtk_stack_get_child_by_name (stack, "entry"));
  GtkTreeListRow *row;
  g_autoptr(CbCodeItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const char *text;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "entry") != 0)
    return;
  gtk_stack_set_visible_child_name (stack, "label");

  row = list_item ? gtk_list_item_get_item (list_item) : NULL;
  if (row == NULL)
    return;
  item = CB_CODE_ITEM (gtk_tree_list_row_get_item (row));

  text = gtk_editable_get_text (entry);
  if (text[0] == '\0' || g_strcmp0 (text, cb_code_item_get_name (item)) == 0)
    return;

  if (!cb_project_rename_code (self->project, cb_code_item_get_path (item), text, &error))
    report (self, error);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_rename_activate (GtkEntry *entry,
                    gpointer  user_data)
{
  CbCodeTree *self = user_data;

  commit_rename (self, GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (entry))));
}

static gboolean
on_rename_key_pressed (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       gpointer               user_data)
{
  CbCodeTree *self = user_data;
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (keyval == GDK_KEY_Escape)
    {
      gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_parent (entry)), "label");
      gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
      return TRUE;
    }
  return FALSE;
}

static void
on_rename_focus_leave (GtkEventControllerFocus *controller,
                       gpointer                 user_data)
{
  CbCodeTree *self = user_data;
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  commit_rename (self, GTK_STACK (gtk_widget_get_parent (entry)));
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 GtkListItem   *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(CbCodeItem) item = NULL;

  if (row == NULL)
    return NULL;
  item = gtk_tree_list_row_get_item (row);
  return gdk_content_provider_new_typed (CB_TYPE_CODE_ITEM, item);
}

static int
drop_position (GtkWidget *widget,
               double     y)
{
  int height = gtk_widget_get_height (widget);

  if (y < height * 0.25)
    return -1;
  if (y > height * 0.75)
    return 1;
  return 0;
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         GtkListItem   *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  CbCodeTree *self = CB_CODE_TREE (gtk_widget_get_ancestor (widget, CB_TYPE_CODE_TREE));
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(CbCodeItem) target_item = NULL;
  g_autoptr(GError) error = NULL;

  if (row == NULL || self == NULL)
    return FALSE;
  target_item = gtk_tree_list_row_get_item (row);

  if (G_VALUE_HOLDS (value, CB_TYPE_CODE_ITEM))
    {
      CbCodeItem *dragged = g_value_get_object (value);

      if (dragged == target_item)
        return FALSE;
      if (!cb_code_tree_move (self, cb_code_item_get_path (dragged),
                              cb_code_item_get_path (target_item),
                              drop_position (widget, y), &error))
        {
          report (self, error);
          return FALSE;
        }
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      g_signal_emit (self, signals[SELECTION_DROPPED], 0, cb_code_item_get_path (target_item));
      return TRUE;
    }

  return FALSE;
}

static void
on_row_secondary_pressed (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          GtkListItem     *list_item)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  CbCodeTree *self = CB_CODE_TREE (gtk_widget_get_ancestor (widget, CB_TYPE_CODE_TREE));
  GtkWidget *popover;

  if (self == NULL)
    return;

  gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (list_item));

  popover = gtk_popover_menu_new_from_model (self->code_menu);
  gtk_widget_set_parent (popover, widget);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CbCodeTree               *self)
{
  GtkWidget *expander, *box, *swatch, *stack, *label, *entry, *count;
  GtkDragSource *drag_source;
  GtkDropTarget *drop_target;
  GtkEventController *controller;
  GtkGesture *gesture;
  GType drop_types[] = { CB_TYPE_CODE_ITEM, G_TYPE_STRING };

  expander = gtk_tree_expander_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);

  swatch = gtk_drawing_area_new ();
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, NULL, NULL);
  gtk_box_append (GTK_BOX (box), swatch);

  stack = gtk_stack_new ();
  gtk_widget_set_hexpand (stack, TRUE);
  gtk_stack_set_hhomogeneous (GTK_STACK (stack), FALSE);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_stack_add_named (GTK_STACK (stack), label, "label");
  entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Code name"),
                                  -1);
  gtk_stack_add_named (GTK_STACK (stack), entry, "entry");
  g_signal_connect (entry, "activate", G_CALLBACK (on_rename_activate), self);
  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_rename_key_pressed), self);
  gtk_widget_add_controller (entry, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (on_rename_focus_leave), self);
  gtk_widget_add_controller (entry, controller);
  g_object_set_data (G_OBJECT (stack), "cb-list-item", list_item);
  gtk_box_append (GTK_BOX (box), stack);

  count = gtk_label_new (NULL);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "caption");
  gtk_box_append (GTK_BOX (box), count);

  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  gtk_list_item_set_child (list_item, expander);

  drag_source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (drag_source, GDK_ACTION_MOVE);
  g_signal_connect (drag_source, "prepare", G_CALLBACK (on_drag_prepare), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drag_source));

  drop_target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  gtk_drop_target_set_gtypes (drop_target, drop_types, G_N_ELEMENTS (drop_types));
  g_signal_connect (drop_target, "drop", G_CALLBACK (on_drop), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drop_target));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_row_secondary_pressed), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (gesture));

  g_object_set_data (G_OBJECT (expander), "cb-swatch", swatch);
  g_object_set_data (G_OBJECT (expander), "cb-stack", stack);
  g_object_set_data (G_OBJECT (expander), "cb-label", label);
  g_object_set_data (G_OBJECT (expander), "cb-count", count);
}

static void
update_row (GtkWidget  *expander,
            CbCodeItem *item)
{
  GtkWidget *label = g_object_get_data (G_OBJECT (expander), "cb-label");
  GtkWidget *count = g_object_get_data (G_OBJECT (expander), "cb-count");
  GtkWidget *swatch = g_object_get_data (G_OBJECT (expander), "cb-swatch");
  const CbCodeInfo *info = cb_code_item_get_info (item);
  g_autofree char *count_text = g_strdup_printf ("%" G_GINT64_FORMAT, info->n_codings_total);
  g_autofree char *a11y = NULL;

  gtk_label_set_text (GTK_LABEL (label), info->name);
  gtk_label_set_text (GTK_LABEL (count), count_text);
  gtk_widget_set_tooltip_text (expander,
                               info->description && info->description[0] ? info->description : NULL);
  gtk_widget_queue_draw (swatch);

  a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d coding",
                                       "%s, %d codings",
                                       info->n_codings_total),
                          info->name, (int) info->n_codings_total);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

static void
on_item_notify (CbCodeItem *item,
                GParamSpec *pspec,
                GtkWidget  *expander)
{
  update_row (expander, item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          CbCodeTree               *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  CbCodeItem *item = CB_CODE_ITEM (gtk_tree_list_row_get_item (row));
  GtkWidget *stack = g_object_get_data (G_OBJECT (expander), "cb-stack");

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (expander), "cb-swatch")),
                     "cb-item", item);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "label");
  update_row (expander, item);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify), expander, 0);
  g_object_set_data (G_OBJECT (item), ROW_STACK_KEY, stack);
  g_object_set_data_full (G_OBJECT (expander), "cb-bound-item", g_object_ref (item), g_object_unref);

  if (self->pending_rename != NULL &&
      g_strcmp0 (self->pending_rename, cb_code_item_get_path (item)) == 0)
    {
      g_clear_pointer (&self->pending_rename, g_free);
      g_idle_add_full (G_PRIORITY_HIGH_IDLE,
                       (GSourceFunc) cb_code_tree_start_rename,
                       g_object_ref (self), g_object_unref);
    }

  g_object_unref (item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CbCodeTree               *self)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  CbCodeItem *item = g_object_get_data (G_OBJECT (expander), "cb-bound-item");

  if (item != NULL)
    {
      g_signal_handlers_disconnect_by_func (item, on_item_notify, expander);
      if (g_object_get_data (G_OBJECT (item), ROW_STACK_KEY) ==
          g_object_get_data (G_OBJECT (expander), "cb-stack"))
        g_object_set_data (G_OBJECT (item), ROW_STACK_KEY, NULL);
      g_object_set_data (G_OBJECT (expander), "cb-bound-item", NULL);
    }
  g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (expander), "cb-swatch")),
                     "cb-item", NULL);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
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
  g_signal_emit (self, signals[CODE_ACTIVATED], 0, cb_code_item_get_path (item));
}

static void
update_actions (CbCodeTree *self)
{
  gboolean has_project = self->project != NULL;
  gboolean has_selection = get_selected_item (self) != NULL;

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
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
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
  report (self, error);
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
  CbCodeItem *item = get_selected_item (self);
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

static AdwMessageDialog *
new_dialog (CbCodeTree *self,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (self->dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  return dialog;
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CbCodeTree       *self)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!cb_project_delete_code (self->project, path, &error))
    report (self, error);
}

static void
code_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CbCodeTree *self = CB_CODE_TREE (widget);
  g_autoptr(CbCodeItem) item = get_selected_item (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 n;

  if (item == NULL)
    return;

  n = cb_code_item_get_n_codings_total (item);
  heading = g_strdup_printf (_("Delete “%s”?"), cb_code_item_get_name (item));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The code, its subcodes and its %d coding will be deleted. You can undo this.",
                                       "The code, its subcodes and their %d codings will be deleted. You can undo this.",
                                       n), (int) n);
  dialog = new_dialog (self, heading, body);
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "cb-path",
                          g_strdup (cb_code_item_get_path (item)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_recolor_response (AdwMessageDialog *dialog,
                     const char       *response,
                     CbCodeTree       *self)
{
  GtkColorChooser *chooser = GTK_COLOR_CHOOSER (adw_message_dialog_get_extra_child (dialog));
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  gtk_color_chooser_get_rgba (chooser, &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5),
                           (int) (rgba.blue * 255 + 0.5));
  if (!cb_project_set_code_color (self->project, path, color, &error))
    report (self, error);
}

static void
code_recolor_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CbCodeTree *self = CB_CODE_TREE (widget);
  g_autoptr(CbCodeItem) item = get_selected_item (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *chooser;
  GdkRGBA palette[12];
  GdkRGBA current;
  guint i;

  if (item == NULL)
    return;

  heading = g_strdup_printf (_("Colour of “%s”"), cb_code_item_get_name (item));
  dialog = new_dialog (self, heading, NULL);
  adw_message_dialog_add_response (dialog, "apply", _("_Apply"));
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");

  chooser = gtk_color_chooser_widget_new ();
  for (i = 0; i < G_N_ELEMENTS (palette); i++)
    gdk_rgba_parse (&palette[i], cb_code_palette ()[i]);
  gtk_color_chooser_add_palette (GTK_COLOR_CHOOSER (chooser), GTK_ORIENTATION_HORIZONTAL,
                                 6, G_N_ELEMENTS (palette), palette);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (chooser), FALSE);
  cb_code_color_to_rgba (cb_code_item_get_color (item), cb_code_item_get_id (item), &current);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (chooser), &current);
  adw_message_dialog_set_extra_child (dialog, chooser);

  g_object_set_data_full (G_OBJECT (dialog), "cb-path",
                          g_strdup (cb_code_item_get_path (item)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recolor_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_describe_response (AdwMessageDialog *dialog,
                      const char       *response,
                      CbCodeTree       *self)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "cb-text-view");
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (g_strcmp0 (response, "save") != 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!cb_project_set_code_description (self->project, path, g_strstrip (text), &error))
    report (self, error);
}

static void
code_describe_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CbCodeTree *self = CB_CODE_TREE (widget);
  g_autoptr(CbCodeItem) item = get_selected_item (self);
  g_autofree char *heading = NULL;
  const CbCodeInfo *info;
  AdwMessageDialog *dialog;
  GtkWidget *scroller, *view;

  if (item == NULL)
    return;

  info = cb_code_item_get_info (item);
  heading = g_strdup_printf (_("Definition of “%s”"), info->name);
  dialog = new_dialog (self, heading, _("When does a passage belong to this code?"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            info->description ? info->description : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Definition"),
                                  -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (dialog, scroller);

  g_object_set_data (G_OBJECT (dialog), "cb-text-view", view);
  g_object_set_data_full (G_OBJECT (dialog), "cb-path", g_strdup (info->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_describe_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   CbCodeTree       *self)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");
  GtkStringObject *target = gtk_drop_down_get_selected_item (drop_down);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "merge") != 0 || target == NULL)
    return;
  if (!cb_project_merge_codes (self->project, path, gtk_string_object_get_string (target), &error))
    report (self, error);
}

static void
code_merge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CbCodeTree *self = CB_CODE_TREE (widget);
  g_autoptr(CbCodeItem) item = get_selected_item (self);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkStringList *targets;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  guint i;

  if (item == NULL)
    return;

  codes = cb_project_list_codes (self->project, &error);
  if (codes == NULL)
    {
      report (self, error);
      return;
    }

  /* Any code but itself and its descendants. */
  targets = gtk_string_list_new (NULL);
  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);

      if (cb_code_path_is_within (info->path, cb_code_item_get_path (item)))
        continue;
      gtk_string_list_append (targets, info->path);
    }

  heading = g_strdup_printf (_("Merge “%s” Into…"), cb_code_item_get_name (item));
  dialog = new_dialog (self, heading,
                       _("Its codings move to the chosen code, its subcodes become the chosen code’s subcodes, and it is deleted."));
  adw_message_dialog_add_response (dialog, "merge", _("_Merge"));
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "merge",
                                           g_list_model_get_n_items (G_LIST_MODEL (targets)) > 0);

  drop_down = gtk_drop_down_new (G_LIST_MODEL (targets),
                                 gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Target code"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, drop_down);

  g_object_set_data_full (G_OBJECT (dialog), "cb-path",
                          g_strdup (cb_code_item_get_path (item)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
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

  signals[CODE_ACTIVATED] =
    g_signal_new ("code-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SELECTION_DROPPED] =
    g_signal_new ("selection-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-code-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCodeTree, list_view);
  gtk_widget_class_bind_template_child (widget_class, CbCodeTree, code_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "codetree");

  gtk_widget_class_install_action (widget_class, "code.add", NULL, code_add_action);
  gtk_widget_class_install_action (widget_class, "code.add-child", NULL, code_add_child_action);
  gtk_widget_class_install_action (widget_class, "code.rename", NULL, code_rename_action);
  gtk_widget_class_install_action (widget_class, "code.delete", NULL, code_delete_action);
  gtk_widget_class_install_action (widget_class, "code.recolor", NULL, code_recolor_action);
  gtk_widget_class_install_action (widget_class, "code.describe", NULL, code_describe_action);
  gtk_widget_class_install_action (widget_class, "code.merge", NULL, code_merge_action);

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

  self->items = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->roots = g_list_store_new (CB_TYPE_CODE_ITEM);
  self->tree_model = gtk_tree_list_model_new (g_object_ref (G_LIST_MODEL (self->roots)),
                                              FALSE, FALSE, create_child_model, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->tree_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selection_changed), self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
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

void
cb_code_tree_set_project (CbCodeTree *self,
                          CbProject  *project)
{
  g_return_if_fail (CB_IS_CODE_TREE (self));

  g_set_object (&self->project, project);
  g_list_store_remove_all (self->roots);
  g_hash_table_remove_all (self->items);
  if (project != NULL)
    cb_code_tree_reload (self, NULL);
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

gboolean
cb_code_tree_update (CbCodeTree *self,
                     GPtrArray  *codes)
{
  g_autoptr(GHashTable) expanded = NULL;
  g_autoptr(GPtrArray) roots = NULL;
  g_autofree char *selected = NULL;
  GListModel *rows;
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
    g_autoptr(CbCodeItem) item = get_selected_item (self);
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

      g_hash_table_insert (self->items, &((CbCodeInfo *) cb_code_item_get_info (item))->id, item);
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

  item = get_selected_item (self);
  return item ? g_strdup (cb_code_item_get_path (item)) : NULL;
}

gint64
cb_code_tree_get_selected_id (CbCodeTree *self)
{
  g_autoptr(CbCodeItem) item = NULL;

  g_return_val_if_fail (CB_IS_CODE_TREE (self), 0);

  item = get_selected_item (self);
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

  item = get_selected_item (self);
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
