/* cb-code-item.c: one code of the tree, as a GObject for list models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-code-item.h"

struct _CbCodeItem
{
  GObject     parent_instance;

  CbCodeInfo *info;
  GListStore *children;
};

G_DEFINE_FINAL_TYPE (CbCodeItem, cb_code_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PATH,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_N_CODINGS_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cb_code_item_finalize (GObject *object)
{
  CbCodeItem *self = (CbCodeItem *)object;

  g_clear_pointer (&self->info, cb_code_info_free);
  g_clear_object (&self->children);

  G_OBJECT_CLASS (cb_code_item_parent_class)->finalize (object);
}

static void
cb_code_item_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CbCodeItem *self = CB_CODE_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->info->name);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->info->path);
      break;
    case PROP_COLOR:
      g_value_set_string (value, self->info->color);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->info->description);
      break;
    case PROP_N_CODINGS_TOTAL:
      g_value_set_int64 (value, self->info->n_codings_total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_code_item_class_init (CbCodeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cb_code_item_finalize;
  object_class->get_property = cb_code_item_get_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CODINGS_TOTAL] =
    g_param_spec_int64 ("n-codings-total", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_code_item_init (CbCodeItem *self)
{
  self->children = g_list_store_new (CB_TYPE_CODE_ITEM);
}

CbCodeItem *
cb_code_item_new (const CbCodeInfo *info)
{
  CbCodeItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (CB_TYPE_CODE_ITEM, NULL);
  self->info = cb_code_info_copy (info);
  return self;
}

const CbCodeInfo *
cb_code_item_get_info (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), NULL);
  return self->info;
}

void
cb_code_item_update (CbCodeItem       *self,
                     const CbCodeInfo *info)
{
  CbCodeInfo *old;

  g_return_if_fail (CB_IS_CODE_ITEM (self));
  g_return_if_fail (info != NULL && info->id == self->info->id);

  old = self->info;
  self->info = cb_code_info_copy (info);

  if (g_strcmp0 (old->color, info->color) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
  if (g_strcmp0 (old->description, info->description) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  if (old->n_codings_total != info->n_codings_total)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CODINGS_TOTAL]);

  cb_code_info_free (old);
}

gint64
cb_code_item_get_id (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), 0);
  return self->info->id;
}

const char *
cb_code_item_get_path (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), NULL);
  return self->info->path;
}

const char *
cb_code_item_get_name (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), NULL);
  return self->info->name;
}

const char *
cb_code_item_get_color (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), NULL);
  return self->info->color;
}

gint64
cb_code_item_get_n_codings_total (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), 0);
  return self->info->n_codings_total;
}

GListStore *
cb_code_item_get_children (CbCodeItem *self)
{
  g_return_val_if_fail (CB_IS_CODE_ITEM (self), NULL);
  return self->children;
}
