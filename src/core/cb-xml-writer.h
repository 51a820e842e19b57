/* cb-xml-writer.h: libxml2's xmlTextWriter for the exports, into memory or a stream (private)
 *
 * Every XML export (codebook, quotes, REFI-QDA project) writes through
 * these helpers, so that escaping is libxml2's job and a tree walk need
 * not check every call: the writer remembers whether one failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libxml/xmlwriter.h>

G_BEGIN_DECLS

typedef struct _CbXmlPlain CbXmlPlain;

typedef struct
{
  xmlTextWriterPtr  writer;   /* libxml2's writer; NULL with a plain one */
  CbXmlPlain       *plain;    /* Codeboom's own writer, or NULL */
  GByteArray       *bytes;    /* memory sink, or NULL */
  GOutputStream    *stream;   /* stream sink, or NULL */
  GError           *error;    /* the stream's first failure */
  gboolean          failed;
} CbXmlOut;

/* Starts a document written into memory: the bytes grow in out->bytes
 * until _cb_xml_out_finish(), or are taken piecewise with
 * _cb_xml_out_take_pending() (a streaming producer). */
gboolean  _cb_xml_out_init          (CbXmlOut     *out);
/* Starts a document written to @stream (not closed by the writer). */
gboolean  _cb_xml_out_init_stream   (CbXmlOut     *out,
                                     GOutputStream *stream);
/* The same two with Codeboom's own writer: the same bytes as libxml2's
 * writes through the helpers below (its indentation, its escaping of
 * attributes and text), escaped by a byte scan into one large buffer that
 * goes to the sink in big pieces; several times faster on the large
 * exports.  For writers that use only these helpers, never out->writer
 * (which is NULL). */
gboolean  _cb_xml_out_init_plain        (CbXmlOut      *out);
gboolean  _cb_xml_out_init_stream_plain (CbXmlOut      *out,
                                         GOutputStream *stream);
void      _cb_xml_out_clear         (CbXmlOut     *out);
/* Ends the document and hands over the bytes, or sets @error to @message. */
GBytes   *_cb_xml_out_finish        (CbXmlOut     *out,
                                     const char   *message,
                                     GError      **error);
/* Ends the document written to a stream; FALSE with @error set (@message
 * and the stream's reason) when anything failed. */
gboolean  _cb_xml_out_finish_stream (CbXmlOut     *out,
                                     const char   *message,
                                     GError      **error);
/* Pushes what the writer buffers into the sink. */
void      _cb_xml_out_flush         (CbXmlOut     *out);
/* With a memory sink: flushes, then moves the bytes written so far into
 * @into (appended) and empties the sink. */
void      _cb_xml_out_take_pending  (CbXmlOut     *out,
                                     GByteArray   *into);

void      _cb_xml_out_start         (CbXmlOut     *out,
                                     const char   *name);
void      _cb_xml_out_start_ns      (CbXmlOut     *out,
                                     const char   *name,
                                     const char   *namespace_uri);
void      _cb_xml_out_end           (CbXmlOut     *out);
/* Attribute and text values are written exactly, characters XML cannot
 * carry replaced one for one by U+FFFD. */
void      _cb_xml_out_attr          (CbXmlOut     *out,
                                     const char   *name,
                                     const char   *value);
void      _cb_xml_out_attr_int      (CbXmlOut     *out,
                                     const char   *name,
                                     gint64        value);
void      _cb_xml_out_text_element  (CbXmlOut     *out,
                                     const char   *name,
                                     const char   *text);
/* The same for @length bytes of @text (which need not end in NUL and
 * must hold none). */
void      _cb_xml_out_text_element_len (CbXmlOut   *out,
                                        const char *name,
                                        const char *text,
                                        gsize       length);

/* ISO 8601 UTC with a Z, as xs:dateTime wants it; the stored string when
 * it does not parse, "" for NULL. */
char     *_cb_xml_format_timestamp  (const char   *iso8601);
/* The same as an attribute, without a copy when @iso8601 is already in
 * that form (what the store writes). */
void      _cb_xml_out_attr_timestamp (CbXmlOut    *out,
                                      const char  *name,
                                      const char  *iso8601);
/* Now, or SOURCE_DATE_EPOCH when set, so that exports can be reproducible. */
char     *_cb_xml_generated_timestamp (void);

/* An export file written in place atomically: a stream into a hidden
 * file beside @file that replaces @file only on _cb_export_file_commit()
 * (which also closes the stream); _cb_export_file_abort() closes it and
 * leaves @file as it was. */
GOutputStream *_cb_export_file_begin  (GFile          *file,
                                       GError        **error);
gboolean       _cb_export_file_commit (GOutputStream  *stream,
                                       GFile          *file,
                                       GError        **error);
void           _cb_export_file_abort  (GOutputStream  *stream);
/* The CB_EXPORT_ERROR_IO error for @file failing for @reason. */
void           _cb_export_set_io_error (GError        **error,
                                        GFile          *file,
                                        const char     *reason);

G_END_DECLS
