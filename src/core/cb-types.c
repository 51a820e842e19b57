/* cb-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cb-types.h"

CbDocumentInfo *
cb_document_info_copy (const CbDocumentInfo *info)
{
  CbDocumentInfo *copy = g_new0 (CbDocumentInfo, 1);

  *copy = *info;
  copy->uuid = g_strdup (info->uuid);
  copy->name = g_strdup (info->name);
  copy->source_name = g_strdup (info->source_name);
  copy->source_sha256 = g_strdup (info->source_sha256);
  copy->imported = g_strdup (info->imported);
  copy->memo = g_strdup (info->memo);
  return copy;
}

void
cb_document_info_free (CbDocumentInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->name);
  g_free (info->source_name);
  g_free (info->source_sha256);
  g_free (info->imported);
  g_free (info->memo);
  g_free (info);
}

CbCodeInfo *
cb_code_info_copy (const CbCodeInfo *info)
{
  CbCodeInfo *copy = g_new0 (CbCodeInfo, 1);

  *copy = *info;
  copy->uuid = g_strdup (info->uuid);
  copy->name = g_strdup (info->name);
  copy->path = g_strdup (info->path);
  copy->color = g_strdup (info->color);
  copy->description = g_strdup (info->description);
  copy->memo = g_strdup (info->memo);
  return copy;
}

void
cb_code_info_free (CbCodeInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->name);
  g_free (info->path);
  g_free (info->color);
  g_free (info->description);
  g_free (info->memo);
  g_free (info);
}

CbSegment *
cb_segment_copy (const CbSegment *segment)
{
  CbSegment *copy = g_new0 (CbSegment, 1);

  *copy = *segment;
  copy->uuid = g_strdup (segment->uuid);
  copy->document_name = g_strdup (segment->document_name);
  copy->code_path = g_strdup (segment->code_path);
  copy->coder = g_strdup (segment->coder);
  copy->created = g_strdup (segment->created);
  copy->memo = g_strdup (segment->memo);
  copy->text = g_strdup (segment->text);
  return copy;
}

void
cb_segment_free (CbSegment *segment)
{
  if (segment == NULL)
    return;
  g_free (segment->uuid);
  g_free (segment->document_name);
  g_free (segment->code_path);
  g_free (segment->coder);
  g_free (segment->created);
  g_free (segment->memo);
  g_free (segment->text);
  g_free (segment);
}

CbCoderInfo *
cb_coder_info_copy (const CbCoderInfo *info)
{
  CbCoderInfo *copy = g_new0 (CbCoderInfo, 1);

  copy->id = info->id;
  copy->uuid = g_strdup (info->uuid);
  copy->name = g_strdup (info->name);
  return copy;
}

void
cb_coder_info_free (CbCoderInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->name);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (CbDocumentInfo, cb_document_info, cb_document_info_copy, cb_document_info_free)
G_DEFINE_BOXED_TYPE (CbCodeInfo, cb_code_info, cb_code_info_copy, cb_code_info_free)
G_DEFINE_BOXED_TYPE (CbSegment, cb_segment, cb_segment_copy, cb_segment_free)
G_DEFINE_BOXED_TYPE (CbCoderInfo, cb_coder_info, cb_coder_info_copy, cb_coder_info_free)

static const char * const attribute_type_names[] = { "text", "number", "date", "boolean", "choice" };

const char *
cb_attribute_type_to_string (CbAttributeType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (attribute_type_names), NULL);
  return attribute_type_names[type];
}

gboolean
cb_attribute_type_from_string (const char      *name,
                               CbAttributeType *type)
{
  for (guint t = 0; name != NULL && t < G_N_ELEMENTS (attribute_type_names); t++)
    if (g_ascii_strcasecmp (name, attribute_type_names[t]) == 0)
      {
        *type = (CbAttributeType) t;
        return TRUE;
      }
  return FALSE;
}

CbAttributeInfo *
cb_attribute_info_copy (const CbAttributeInfo *info)
{
  CbAttributeInfo *copy = g_new0 (CbAttributeInfo, 1);

  *copy = *info;
  copy->uuid = g_strdup (info->uuid);
  copy->name = g_strdup (info->name);
  copy->choices = g_strdupv (info->choices);
  return copy;
}

void
cb_attribute_info_free (CbAttributeInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->name);
  g_strfreev (info->choices);
  g_free (info);
}

CbCaseInfo *
cb_case_info_copy (const CbCaseInfo *info)
{
  CbCaseInfo *copy = g_new0 (CbCaseInfo, 1);

  *copy = *info;
  copy->uuid = g_strdup (info->uuid);
  copy->name = g_strdup (info->name);
  copy->values = g_strdupv (info->values);
  return copy;
}

void
cb_case_info_free (CbCaseInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->name);
  g_strfreev (info->values);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (CbAttributeInfo, cb_attribute_info, cb_attribute_info_copy, cb_attribute_info_free)
G_DEFINE_BOXED_TYPE (CbCaseInfo, cb_case_info, cb_case_info_copy, cb_case_info_free)

void
cb_main_context_post (GMainContext   *context,
                      GSourceFunc     func,
                      gpointer        data,
                      GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[codeboom] post");
  g_source_attach (source, context);
}
