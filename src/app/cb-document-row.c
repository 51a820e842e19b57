/* cb-document-row.c: one row of the document list
 *
 * Built from ui/cb-document-row.ui: the name (ellipsised in the middle,
 * whole in the tooltip), the source file and its format, the counts, and a menu whose items are the row's
 * own document.* actions; they pass the row's document to the window's
 * win.* actions.  The menu's popover is made when first opened: fifty
 * popovers up front for fifty documents would cost more than the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-document-row.h"

struct _CbDocumentRow
{
  GtkListBoxRow   parent_instance;

  /* Template widgets */
  GtkLabel       *name_label;
  GtkLabel       *source_label;
  GtkLabel       *details_label;
  GtkMenuButton  *menu_button;
  GMenuModel     *menu;

  /* Owned */
  CbDocumentItem *item;
};

G_DEFINE_FINAL_TYPE (CbDocumentRow, cb_document_row, GTK_TYPE_LIST_BOX_ROW)

static void
create_menu (GtkMenuButton *button,
             gpointer       user_data)
{
  CbDocumentRow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->menu);
}

static void
update_label (CbDocumentRow *self)
{
  g_autofree char *a11y = NULL;

  a11y = g_strdup_printf ("%s, %s, %s", cb_document_item_get_name (self->item),
                          cb_document_item_get_source (self->item),
                          cb_document_item_get_details (self->item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                  -1);
}

static void
forward_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CbDocumentRow *self = CB_DOCUMENT_ROW (widget);
  const char *name = cb_document_item_get_name (self->item);

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
cb_document_row_new (CbDocumentItem *item)
{
  CbDocumentRow *self;

  g_return_val_if_fail (CB_IS_DOCUMENT_ITEM (item), NULL);

  self = g_object_new (CB_TYPE_DOCUMENT_ROW, NULL);
  self->item = g_object_ref (item);
  gtk_label_set_text (self->name_label, cb_document_item_get_name (item));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), cb_document_item_get_name (item));
  gtk_label_set_text (self->source_label, cb_document_item_get_source (item));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), cb_document_item_get_source (item));
  g_object_bind_property (item, "details", self->details_label, "label", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (item, "notify::details", G_CALLBACK (update_label), self, G_CONNECT_SWAPPED);
  update_label (self);
  return GTK_WIDGET (self);
}

CbDocumentItem *
cb_document_row_get_item (CbDocumentRow *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ROW (self), NULL);
  return self->item;
}

static void
cb_document_row_dispose (GObject *object)
{
  CbDocumentRow *self = CB_DOCUMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_DOCUMENT_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cb_document_row_parent_class)->dispose (object);
}

static void
cb_document_row_class_init (CbDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_document_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, source_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentRow, menu);

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
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu, self, NULL);
}
