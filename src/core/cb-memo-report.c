/* cb-memo-report.c: the memos as a report, grouped by type, with their evidence cited
 *
 * The report XML (urn:codeboom:memos:1) holds each memo's evidence as
 * quotes of the quotes XML (urn:codeboom:quotes:1: the attributes and
 * <case-value> children citations read), so that the quote lists' citation
 * code and their XSLT pipeline (cb-quote-formats.c) make the HTML,
 * Markdown, DOCX and ODT from it with stylesheets of their own
 * (data/xslt/memos-*.xsl).  A project's memos are few: the report is built
 * in memory, in one read snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/tree.h>

#include "cb-cases.h"
#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-import-zip.h"
#include "cb-memos-private.h"
#include "cb-quote-formats-private.h"
#include "cb-quotes-export.h"
#include "cb-store-memos.h"
#include "cb-xml-writer.h"

#define GENERATOR "Codeboom " PACKAGE_VERSION

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* The types of @memos in the report's order: those of @order first (as
 * given; a type without memos is left out), then the others as listed. */
static GPtrArray *
report_types (GPtrArray          *memos,
              const char * const *order)
{
  GPtrArray *types = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; order != NULL && order[i] != NULL; i++)
    {
      g_autofree char *type = _cb_memo_type_canonical (order[i]);

      if (g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL))
        continue;
      for (guint m = 0; m < memos->len; m++)
        if (g_str_equal (((CbMemoInfo *) memos->pdata[m])->type, type))
          {
            g_ptr_array_add (types, g_steal_pointer (&type));
            break;
          }
    }
  for (guint m = 0; m < memos->len; m++)
    {
      const char *type = ((CbMemoInfo *) memos->pdata[m])->type;

      if (!g_ptr_array_find_with_equal_func (types, type, g_str_equal, NULL))
        g_ptr_array_add (types, g_strdup (type));
    }
  return types;
}

static void
write_evidence (CbXmlOut    *out,
                CbMemoLink  *link,
                GHashTable  *cases,
                GPtrArray   *attributes)
{
  CbCaseInfo *info = link->case_name != NULL ? g_hash_table_lookup (cases, link->case_name) : NULL;

  _cb_xml_out_start (out, "q:quote");
  _cb_xml_out_attr (out, "document", link->document);
  _cb_xml_out_attr (out, "document-uuid", link->document_uuid);
  _cb_xml_out_attr_int (out, "start", link->start);
  _cb_xml_out_attr_int (out, "end", link->end);
  if (link->paragraph > 0)
    _cb_xml_out_attr_int (out, "paragraph", link->paragraph);
  if (link->speaker != NULL)
    _cb_xml_out_attr (out, "speaker", link->speaker);
  if (link->timestamp != NULL)
    _cb_xml_out_attr (out, "timestamp", link->timestamp);
  if (info != NULL)
    {
      _cb_xml_out_attr (out, "case", info->name);
      for (guint a = 0; a < attributes->len && info->values[a] != NULL; a++)
        {
          CbAttributeInfo *attribute = attributes->pdata[a];

          if (info->values[a][0] == '\0')
            continue;
          _cb_xml_out_start (out, "q:case-value");
          _cb_xml_out_attr (out, "name", attribute->name);
          _cb_xml_out_attr (out, "type", cb_attribute_type_to_string (attribute->type));
          _cb_xml_out_attr (out, "value", info->values[a]);
          _cb_xml_out_end (out);
        }
    }
  _cb_xml_out_text_element (out, "q:text", link->text != NULL ? link->text : "");
  _cb_xml_out_end (out);
}

static gboolean
write_report (CbProject           *project,
              const char          *type,
              const char * const  *order,
              CbXmlOut            *out,
              GError             **error)
{
  CbStore *store = _cb_project_get_store (project);
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GHashTable) case_names = NULL;
  g_autoptr(GHashTable) cases_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GHashTable) links_by_memo = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                               (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *project_name = NULL;
  g_autofree char *project_uuid = NULL;
  g_autofree char *generated = NULL;
  gboolean ok = FALSE;

  if (!_cb_project_begin_read (project, error))
    return FALSE;
  if (!(memos = cb_project_list_memos (project, type, error)) ||
      !(attributes = cb_project_list_attributes (project, error)) ||
      !(case_names = _cb_project_case_names (project, &cases, error)) ||
      !(rows = _cb_store_list_memo_links (store, 0, error)) ||
      !(links = _cb_project_resolve_memo_links (project, rows, case_names, error)))
    goto out;
  for (guint i = 0; i < cases->len; i++)
    g_hash_table_insert (cases_by_name, ((CbCaseInfo *) cases->pdata[i])->name, cases->pdata[i]);
  /* resolving keeps the rows' order (memo, document name, start) */
  for (guint i = 0, r = 0; i < links->len; i++)
    {
      CbMemoLink *link = links->pdata[i];
      GPtrArray *list;

      while (r < rows->len && g_array_index (rows, CbStoreEvidenceRow, r).id != link->id)
        r++;
      if (r == rows->len)
        break;
      list = g_hash_table_lookup (links_by_memo, &g_array_index (rows, CbStoreEvidenceRow, r).memo);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (links_by_memo, &g_array_index (rows, CbStoreEvidenceRow, r).memo, list);
        }
      g_ptr_array_add (list, link);
    }

  types = report_types (memos, order);
  project_name = cb_project_dup_name (project);
  project_uuid = cb_project_dup_uuid (project);
  generated = _cb_xml_generated_timestamp ();

  _cb_xml_out_start_ns (out, "memos", CB_MEMOS_NAMESPACE);
  _cb_xml_out_attr (out, "xmlns:q", CB_QUOTES_NAMESPACE);
  _cb_xml_out_attr (out, "version", "1");
  _cb_xml_out_attr (out, "project", project_name);
  _cb_xml_out_attr (out, "project-uuid", project_uuid);
  _cb_xml_out_attr (out, "generated", generated);
  _cb_xml_out_attr (out, "generator", GENERATOR);
  for (guint t = 0; t < types->len; t++)
    {
      const char *name = types->pdata[t];

      _cb_xml_out_start (out, "type");
      _cb_xml_out_attr (out, "name", name);
      _cb_xml_out_attr (out, "label", cb_memo_type_label (name));
      for (guint m = 0; m < memos->len; m++)
        {
          CbMemoInfo *memo = memos->pdata[m];
          GPtrArray *evidence = g_hash_table_lookup (links_by_memo, &memo->id);
          g_autofree char *created = _cb_xml_format_timestamp (memo->created);
          g_autofree char *modified = _cb_xml_format_timestamp (memo->modified);

          if (!g_str_equal (memo->type, name))
            continue;
          _cb_xml_out_start (out, "memo");
          _cb_xml_out_attr (out, "title", memo->title);
          _cb_xml_out_attr (out, "uuid", memo->uuid);
          if (memo->level != NULL)
            {
              _cb_xml_out_attr (out, "level", memo->level);
              _cb_xml_out_attr (out, "level-label", cb_memo_level_label (memo->level));
            }
          if (memo->author != NULL)
            _cb_xml_out_attr (out, "author", memo->author);
          _cb_xml_out_attr (out, "created", created != NULL ? created : memo->created);
          _cb_xml_out_attr (out, "modified", modified != NULL ? modified : memo->modified);
          _cb_xml_out_attr_int (out, "evidence", evidence != NULL ? evidence->len : 0);
          _cb_xml_out_text_element (out, "text", memo->text);
          for (guint e = 0; evidence != NULL && e < evidence->len; e++)
            write_evidence (out, evidence->pdata[e], cases_by_name, attributes);
          _cb_xml_out_end (out);
        }
      _cb_xml_out_end (out);
    }
  _cb_xml_out_end (out);
  ok = TRUE;

out:
  _cb_project_end_read (project);
  return ok;
}

GBytes *
cb_memo_report_xml (CbProject           *project,
                    const char          *type,
                    const char * const  *order,
                    GError             **error)
{
  CbXmlOut out = { 0 };

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_cb_xml_out_init (&out))
    out.failed = TRUE;
  if (!write_report (project, type, order, &out, error))
    {
      _cb_xml_out_clear (&out);
      return NULL;
    }
  return _cb_xml_out_finish (&out, _("Could not write the memos as XML"), error);
}

static const char *
stylesheet_for (CbQuoteFormat format)
{
  switch (format)
    {
    case CB_QUOTE_FORMAT_HTML:
      return "memos-html.xsl";
    case CB_QUOTE_FORMAT_MARKDOWN:
      return "memos-markdown.xsl";
    case CB_QUOTE_FORMAT_DOCX:
      return "memos-docx.xsl";
    case CB_QUOTE_FORMAT_ODT:
      return "memos-odt.xsl";
    case CB_QUOTE_FORMAT_XML:
    default:
      return NULL;
    }
}

GBytes *
cb_memo_report_render (GBytes          *xml,
                       CbQuoteFormat    format,
                       const char      *template,
                       guint            block_words,
                       const char      *locale,
                       GError         **error)
{
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(GError) parse_error = NULL;
  xmlNode *root;
  gconstpointer data;
  gsize size;

  g_return_val_if_fail (xml != NULL, NULL);

  if (format == CB_QUOTE_FORMAT_XML)
    return g_bytes_ref (xml);
  if (!cb_quote_template_check (template, error))
    return NULL;

  data = g_bytes_get_data (xml, &size);
  doc = cb_xml_parse_safe ("memos.xml", NULL, data, size, &parse_error);
  if (doc == NULL || !cb_xml_is (root = xmlDocGetRootElement (doc), CB_MEMOS_NAMESPACE, "memos"))
    {
      g_set_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                   _("The memos could not be read back for the report: %s"),
                   parse_error != NULL ? parse_error->message : _("not a Codeboom memo report"));
      return NULL;
    }
  for (xmlNode *type = root->children; type != NULL; type = type->next)
    for (xmlNode *memo = type->children; cb_xml_is (type, CB_MEMOS_NAMESPACE, "type") && memo != NULL; memo = memo->next)
      for (xmlNode *quote = memo->children; cb_xml_is (memo, CB_MEMOS_NAMESPACE, "memo") && quote != NULL; quote = quote->next)
        if (cb_xml_is (quote, CB_QUOTES_NAMESPACE, "quote"))
          _cb_quote_cite (quote, template, block_words, locale);
  return _cb_quote_formats_render_doc (doc, stylesheet_for (format), format, error);
}
