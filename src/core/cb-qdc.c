/* cb-qdc.c: the code tree as a REFI-QDA codebook (.qdc)
 *
 * The same <Code> elements make a .qdpx's CodeBook (cb-refi-export.c),
 * with NoteRefs that Codebook.xsd does not allow.  The .qdc reader stays
 * with the rest of the REFI-QDA reader in cb-refi-import.c: both walk the
 * same parsed model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-error.h"
#include "cb-qdc.h"
#include "cb-qdc-private.h"

#define GENERATOR "Codeboom " PACKAGE_VERSION

char *
_cb_qdc_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return NULL;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return NULL;
  return g_ascii_strup (color, -1);
}

static void
write_code (CbXmlOut        *out,
            CbCodeTree      *tree,
            CbCodeInfo      *code,
            CbQdcCodeNotes   notes,
            gpointer         notes_data)
{
  g_autofree char *color = _cb_qdc_color (code->color);
  GPtrArray *children;

  /* CodeType: Description?, Code*; guid, name and isCodable are required */
  _cb_xml_out_start (out, "Code");
  _cb_xml_out_attr (out, "guid", code->uuid);
  _cb_xml_out_attr (out, "name", code->name);
  _cb_xml_out_attr (out, "isCodable", "true");
  if (color != NULL)
    _cb_xml_out_attr (out, "color", color);
  if (code->description != NULL && code->description[0] != '\0')
    _cb_xml_out_text_element (out, "Description", code->description);
  /* Project.xsd allows NoteRef between Description and Code; Codebook.xsd
   * does not, so the codebook passes no @notes */
  if (notes != NULL)
    notes (out, code, notes_data);

  children = _cb_code_tree_get_children (tree, code->id);
  for (guint i = 0; children != NULL && i < children->len; i++)
    write_code (out, tree, g_ptr_array_index (children, i), notes, notes_data);
  _cb_xml_out_end (out);
}

guint
_cb_qdc_write_codes (CbXmlOut        *out,
                     CbCodeTree      *tree,
                     CbQdcCodeNotes   notes,
                     gpointer         notes_data)
{
  GPtrArray *top = _cb_code_tree_get_children (tree, 0);

  for (guint i = 0; top != NULL && i < top->len; i++)
    write_code (out, tree, g_ptr_array_index (top, i), notes, notes_data);
  return top != NULL ? top->len : 0;
}

/**
 * cb_export_codebook:
 * @project: a #CbProject
 * @error: a #GError
 *
 * Writes the whole code tree as a REFI-QDA codebook (.qdc, valid against
 * Codebook.xsd): one Code per code, guid = its uuid, children nested in
 * sibling order, its colour and its definition (as Description) when set.
 *
 * Returns: (transfer full): the UTF-8 bytes of the codebook, or %NULL with
 *   @error set (%CB_EXPORT_ERROR_FAILED when the project has no codes, as a
 *   codebook must hold at least one)
 */
GBytes *
cb_export_codebook (CbProject  *project,
                    GError    **error)
{
  CbCodeTree tree;
  CbXmlOut out = { 0 };
  GPtrArray *top;
  GBytes *bytes;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_cb_code_tree_load (&tree, project, error))
    return NULL;

  top = _cb_code_tree_get_children (&tree, 0);
  if (top == NULL || top->len == 0)
    {
      _cb_code_tree_clear (&tree);
      g_set_error_literal (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED,
                           _("The project has no codes: a REFI-QDA codebook must hold at least one code"));
      return NULL;
    }

  if (!_cb_xml_out_init (&out))
    out.failed = TRUE;

  _cb_xml_out_start_ns (&out, "CodeBook", CB_QDC_NAMESPACE);
  _cb_xml_out_attr (&out, "origin", GENERATOR);
  _cb_xml_out_start (&out, "Codes");
  _cb_qdc_write_codes (&out, &tree, NULL, NULL);
  _cb_xml_out_end (&out);
  _cb_xml_out_end (&out);

  bytes = _cb_xml_out_finish (&out, _("Could not write the codebook as XML"), error);
  _cb_code_tree_clear (&tree);
  return bytes;
}
