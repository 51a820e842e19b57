/* cb-document-row.c: one row of the document list
 *
 * Built from ui/cb-document-row.ui: the name (ellipsised in the middle,
 * whole in the tooltip), the source file and its format, the counts, and a menu whose items are the row's
 * own document.* actions; they pass the row's document to the window's
 * win.* actions.  The list (a GtkListView) makes a few rows and binds
 * them to whichever documents scroll into view, so a row takes its item
 * with cb_document_row_set_item() and lets it go again.
 *
 * What a thousand documents taught: a row is cheap only if binding it
 * asks nothing of the display server.  gtk_widget_set_tooltip_text()
 * asks X where the pointer is on every call, so the tooltips are given
 * on demand (::query-tooltip); the menu's popover is made when first
 * opened.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-document-row.h"

struct _CbDocumentRow
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkLabel       *name_label;
  GtkLabel       *source_label;
  GtkLabel       *details_label;
  GtkMenuButton  *menu_button;
  GMenuModel     *menu;

  /* Owned */
  CbDocumentItem *item;
};

G_DEFINE_FINAL_TYPE (CbDocumentRow, cb_document_row, GTK_TYPE_WIDGET)

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  CbDocumentRow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->menu);
}

static void
update_details (CbDocumentRow *self)
{
  g_autofree char *a11y = NULL;

  gtk_label_set_text (self->details_label, cb_document_item_get_details (self->item));
  a11y = g_strdup_printf ("%s, %s, %s", cb_document_item_get_name (self->item),
                          cb_document_item_get_source (self->item),
                          cb_document_item_get_details (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

void
cb_document_row_set_item (CbDocumentRow  *self,
                          CbDocumentItem *item)
{
  g_return_if_fail (CB_IS_DOCUMENT_ROW (self));
  g_return_if_fail (item == NULL || CB_IS_DOCUMENT_ITEM (item));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, update_details, self);
  g_set_object (&self->item, item);
  if (item == NULL)
    return;

  gtk_label_set_text (self->name_label, cb_document_item_get_name (item));
  gtk_label_set_text (self->source_label, cb_document_item_get_source (item));
  g_signal_connect_swapped (item, "notify::details", G_CALLBACK (update_details), self);
  update_details (self);
}

CbDocumentItem *
cb_document_row_get_item (CbDocumentRow *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ROW (self), NULL);
  return self->item;
}

char *
cb_document_row_dup_tooltip_text (CbDocumentRow *self,
                                  GtkWidget     *widget)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ROW (self), NULL);

  if (self->item == NULL)
    return NULL;
  if (widget == GTK_WIDGET (self->name_label))
    return g_strdup (cb_document_item_get_name (self->item));
  if (widget == GTK_WIDGET (self->source_label))
    return g_strdup (cb_document_item_get_source (self->item));
  return NULL;
}

static gboolean
on_query_tooltip (GtkWidget  *label,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  CbDocumentRow *self = CB_DOCUMENT_ROW (gtk_widget_get_ancestor (label, CB_TYPE_DOCUMENT_ROW));
  g_autofree char *text = self != NULL ? cb_document_row_dup_tooltip_text (self, label) : NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Dragged onto a set's chip (cb-document-sets.c): the document's id. */
static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double         x,
                 double         y,
                 CbDocumentRow *self)
{
  if (self->item == NULL)
    return NULL;
  return gdk_content_provider_new_typed (G_TYPE_INT64, cb_document_item_get_id (self->item));
}

/* Enter on the row, or gtk_widget_activate(): the user picked this
 * document (again); the list says so (cb-document-list.c). */
static void
cb_document_row_activate (CbDocumentRow *self)
{
  if (self->item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "document-list.pick", "x",
                                cb_document_item_get_id (self->item));
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CbDocumentRow *self = CB_DOCUMENT_ROW (widget);
  const char *name;

  if (self->item == NULL)
    return;
  name = cb_document_item_get_name (self->item);
  if (g_str_equal (action_name, "document.properties"))
    gtk_widget_activate_action (widget, "win.document-properties", "s", name);
  else if (g_str_equal (action_name, "document.rename"))
    gtk_widget_activate_action (widget, "win.rename-document", "s", name);
  else if (g_str_equal (action_name, "document.delete"))
    gtk_widget_activate_action (widget, "win.delete-document", "s", name);
  else if (g_str_equal (action_name, "document.speakers"))
    gtk_widget_activate_action (widget, "win.document-speakers", "s", name);
  else if (g_str_equal (action_name, "document.autocode-speakers"))
    gtk_widget_activate_action (widget, "win.autocode-speakers", "s", name);
  else if (g_str_equal (action_name, "document.assign-case"))
    gtk_widget_activate_action (widget, "win.assign-case", "(ssxx)", name, "", (gint64) -1, (gint64) -1);
  else if (g_str_equal (action_name, "document.unassign-case"))
    gtk_widget_activate_action (widget, "win.unassign-case", "(ssxx)", name, "", (gint64) -1, (gint64) -1);
}

GtkWidget *
cb_document_row_new (void)
{
  return g_object_new (CB_TYPE_DOCUMENT_ROW, NULL);
}

static void
cb_document_row_dispose (GObject *object)
{
  CbDocumentRow *self = CB_DOCUMENT_ROW (object);

  cb_document_row_set_item (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_DOCUMENT_ROW);
  /* The template's unnamed box too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cb_document_row_parent_class)->dispose (object);
}

static void
cb_document_row_class_init (CbDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_document_row_dispose;

  /* ::activate: the row's keybinding signal, as a list box row's. */
  signals[ACTIVATE] =
    g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (cb_document_row_activate),
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, menu);
  gtk_widget_class_bind_template_callback (widget_class, on_query_tooltip);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "document.properties", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "document.rename", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "document.delete", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "document.autocode-speakers", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "document.speakers", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "document.assign-case", NULL, forward_action);
  gtk_widget_class_install_action (widget_class, "document.unassign-case", NULL, forward_action);
}

static void
cb_document_row_init (CbDocumentRow *self)
{
  GtkDragSource *source;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu, self, NULL);

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));
}
