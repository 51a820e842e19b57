/* cb-code-tree-rows.c: the code tree's rows
 *
 * Expander, colour swatch, name (renamed in place, in a GtkStack with an
 * entry) and the number of codings including the descendants'.  A row is
 * a drag source (move the code) and a drop target (a code: move it before,
 * into or after the row; the transcript's selected text: code it), and has
 * the code menu on a right click.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-code-tree-private.h"

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
    _cb_code_tree_report (self, error);
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
          _cb_code_tree_report (self, error);
          return FALSE;
        }
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      g_signal_emit (self, _cb_code_tree_signals[CB_CODE_TREE_SELECTION_DROPPED], 0, cb_code_item_get_path (target_item));
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

/* The whole name (the row may cut it), and the definition if any. */
char *
_cb_code_tree_dup_row_tooltip (GtkWidget *expander)
{
  CbCodeItem *item = g_object_get_data (G_OBJECT (expander), "cb-bound-item");
  const CbCodeInfo *info;

  if (item == NULL)
    return NULL;
  info = cb_code_item_get_info (item);
  if (info->description && info->description[0])
    return g_strdup_printf ("%s\n%s", info->name, info->description);
  return g_strdup (info->name);
}

static gboolean
on_query_tooltip (GtkWidget  *expander,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  g_autofree char *text = _cb_code_tree_dup_row_tooltip (expander);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

void
_cb_code_tree_setup_row (GtkSignalListItemFactory *factory,
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

  gtk_widget_set_has_tooltip (expander, TRUE);
  g_signal_connect (expander, "query-tooltip", G_CALLBACK (on_query_tooltip), NULL);

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
  /* -1: not counted yet (a project just opened, cb-code-tree.c) */
  g_autofree char *count_text = info->n_codings_total >= 0
    ? g_strdup_printf ("%" G_GINT64_FORMAT, info->n_codings_total) : g_strdup ("");
  g_autofree char *a11y = NULL;

  gtk_label_set_text (GTK_LABEL (label), info->name);
  gtk_label_set_text (GTK_LABEL (count), count_text);
  /* The tooltip is asked for when shown (on_query_tooltip): setting it
   * here asked the X server where the pointer is, for every row bound. */
  gtk_widget_queue_draw (swatch);

  if (info->n_codings_total >= 0)
    a11y = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d coding",
                                         "%s, %d codings",
                                         info->n_codings_total),
                            info->name, (int) info->n_codings_total);
  else
    a11y = g_strdup (info->name);
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

void
_cb_code_tree_bind_row (GtkSignalListItemFactory *factory,
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

void
_cb_code_tree_unbind_row (GtkSignalListItemFactory *factory,
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

