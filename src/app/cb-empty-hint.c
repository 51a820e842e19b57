/* cb-empty-hint.c: what to do first, shown where a list is empty
 *
 * A compact status page (icon, title, description) that follows a list
 * model: visible while the model has no items, hidden as soon as it has
 * one.  Bound to a list view's model in a .ui file, it needs no code in
 * the widget that holds the list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cb-empty-hint.h"

struct _CbEmptyHint
{
  GtkWidget      parent_instance;

  AdwStatusPage *page;
  GListModel    *model;
};

G_DEFINE_FINAL_TYPE (CbEmptyHint, cb_empty_hint, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_DESCRIPTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visible (CbEmptyHint *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->model != NULL && g_list_model_get_n_items (self->model) == 0);
}

static void
cb_empty_hint_dispose (GObject *object)
{
  CbEmptyHint *self = CB_EMPTY_HINT (object);

  cb_empty_hint_set_model (self, NULL);
  if (self->page != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->page));
      self->page = NULL;
    }

  G_OBJECT_CLASS (cb_empty_hint_parent_class)->dispose (object);
}

static void
cb_empty_hint_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CbEmptyHint *self = CB_EMPTY_HINT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, adw_status_page_get_icon_name (self->page));
      break;
    case PROP_TITLE:
      g_value_set_string (value, adw_status_page_get_title (self->page));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, adw_status_page_get_description (self->page));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_empty_hint_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CbEmptyHint *self = CB_EMPTY_HINT (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      cb_empty_hint_set_model (self, g_value_get_object (value));
      break;
    case PROP_ICON_NAME:
      adw_status_page_set_icon_name (self->page, g_value_get_string (value));
      break;
    case PROP_TITLE:
      adw_status_page_set_title (self->page, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      adw_status_page_set_description (self->page, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_empty_hint_class_init (CbEmptyHintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_empty_hint_dispose;
  object_class->get_property = cb_empty_hint_get_property;
  object_class->set_property = cb_empty_hint_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "emptyhint");
}

static void
cb_empty_hint_init (CbEmptyHint *self)
{
  self->page = ADW_STATUS_PAGE (adw_status_page_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->page), "compact");
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));
  update_visible (self);
}

GtkWidget *
cb_empty_hint_new (void)
{
  return g_object_new (CB_TYPE_EMPTY_HINT, NULL);
}

void
cb_empty_hint_set_model (CbEmptyHint *self,
                         GListModel  *model)
{
  g_return_if_fail (CB_IS_EMPTY_HINT (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, update_visible, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (update_visible), self,
                             G_CONNECT_SWAPPED);
  update_visible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

GListModel *
cb_empty_hint_get_model (CbEmptyHint *self)
{
  g_return_val_if_fail (CB_IS_EMPTY_HINT (self), NULL);
  return self->model;
}
