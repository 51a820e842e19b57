/* cb-export-xml-private.h: the XML writer helpers of cb-export-xml.c, shared with the REFI-QDA export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlwriter.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* A writer into a growing byte array that remembers whether any call
 * failed, so that tree walks need not check every call. */
typedef struct
{
  xmlTextWriterPtr  writer;
  GByteArray       *bytes;
  gboolean          failed;
} CbXmlOut;

gboolean  _cb_xml_out_init          (CbXmlOut    *out);
void      _cb_xml_out_clear         (CbXmlOut    *out);
/* Ends the document and hands over the bytes, or sets @error to @message. */
GBytes   *_cb_xml_out_finish        (CbXmlOut    *out,
                                     const char  *message,
                                     GError     **error);
void      _cb_xml_out_start         (CbXmlOut    *out,
                                     const char  *name);
void      _cb_xml_out_start_ns      (CbXmlOut    *out,
                                     const char  *name,
                                     const char  *namespace_uri);
void      _cb_xml_out_end           (CbXmlOut    *out);
/* Attribute and text values are written exactly, characters XML cannot
 * carry replaced one for one by U+FFFD. */
void      _cb_xml_out_attr          (CbXmlOut    *out,
                                     const char  *name,
                                     const char  *value);
void      _cb_xml_out_attr_int      (CbXmlOut    *out,
                                     const char  *name,
                                     gint64       value);
void      _cb_xml_out_text_element  (CbXmlOut    *out,
                                     const char  *name,
                                     const char  *text);

/* ISO 8601 UTC with a Z, as xs:dateTime wants it. */
char     *_cb_export_format_timestamp (const char *iso8601);

/* Called after a code's Description, before its children: writes its NoteRefs. */
typedef void (*CbExportCodeNotes) (CbXmlOut   *out,
                                   CbCodeInfo *code,
                                   gpointer    data);

/* Writes every code as a REFI-QDA <Code> (guid, name, isCodable, color,
 * Description, children nested in sibling order) into the current element;
 * *@n_top is the number of top-level codes. */
gboolean  _cb_export_write_code_tree (CbXmlOut          *out,
                                      CbProject         *project,
                                      CbExportCodeNotes  notes,
                                      gpointer           notes_data,
                                      guint             *n_top,
                                      GError           **error);

G_END_DECLS
