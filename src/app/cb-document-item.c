/* cb-document-item.c: one document, as a GObject for the document list
 *
 * The row (ui/cb-document-row.ui) shows the "name", "source" and
 * "details" properties; a refresh that changes only the counts updates the items in
 * place, so the rows stay.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-core.h"
#include "cb-document-item.h"

struct _CbDocumentItem
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *source;
  char    *details;
};

G_DEFINE_FINAL_TYPE (CbDocumentItem, cb_document_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SOURCE,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_details (const CbDocumentInfo *info)
{
  g_autofree char *chars = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_chars);

  /* not counted yet (cb_project_list_documents_uncounted) */
  if (info->n_codings < 0)
    /* Translators: "12,345 characters" under a document's name, before its codings are counted */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s character", "%s characters",
                                         (gulong) MIN (info->n_chars, G_MAXLONG)),
                            chars);
  /* Translators: "12,345 characters · 40 codings" under a document's name */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s characters · %d coding",
                                       "%s characters · %d codings",
                                       info->n_codings),
                          chars, (int) info->n_codings);
}

/* Duplicates imported as "interview-ma07 (3)" say which file they are. */
static char *
format_source (const CbDocumentInfo *info)
{
  g_autofree char *format = NULL;

  if (info->source_name == NULL || info->source_name[0] == '\0')
    return g_strdup (_("No source file"));
  format = cb_document_format_from_source_name (info->source_name);
  if (format == NULL)
    return g_strdup (info->source_name);
  /* Translators: a document's source file and its format, "interview-ma07.docx · DOCX" */
  return g_strdup_printf (_("%s · %s"), info->source_name, format);
}

CbDocumentItem *
cb_document_item_new (const CbDocumentInfo *info)
{
  CbDocumentItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (CB_TYPE_DOCUMENT_ITEM, NULL);
  self->id = info->id;
  self->name = g_strdup (info->name);
  self->source = format_source (info);
  self->details = format_details (info);
  return self;
}

gint64
cb_document_item_get_id (CbDocumentItem *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ITEM (self), 0);
  return self->id;
}

const char *
cb_document_item_get_name (CbDocumentItem *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ITEM (self), NULL);
  return self->name;
}

const char *
cb_document_item_get_source (CbDocumentItem *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ITEM (self), NULL);
  return self->source;
}

const char *
cb_document_item_get_details (CbDocumentItem *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_ITEM (self), NULL);
  return self->details;
}

void
cb_document_item_update (CbDocumentItem       *self,
                         const CbDocumentInfo *info)
{
  g_autofree char *details = NULL;

  g_return_if_fail (CB_IS_DOCUMENT_ITEM (self));
  g_return_if_fail (info != NULL);

  details = format_details (info);
  if (g_strcmp0 (details, self->details) == 0)
    return;
  g_free (self->details);
  self->details = g_steal_pointer (&details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}

static void
cb_document_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CbDocumentItem *self = CB_DOCUMENT_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_DETAILS:
      g_value_set_string (value, self->details);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_document_item_finalize (GObject *object)
{
  CbDocumentItem *self = CB_DOCUMENT_ITEM (object);

  g_free (self->name);
  g_free (self->source);
  g_free (self->details);

  G_OBJECT_CLASS (cb_document_item_parent_class)->finalize (object);
}

static void
cb_document_item_class_init (CbDocumentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cb_document_item_get_property;
  object_class->finalize = cb_document_item_finalize;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cb_document_item_init (CbDocumentItem *self)
{
}
