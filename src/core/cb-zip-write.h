/* cb-zip-write.h: building a zip archive, in memory or streamed into a file (private)
 *
 * CbZipWriter, for .qdpx, .docx and .odt exports: members are added from
 * memory and the whole archive comes back as bytes, so that
 * cb_export_write_file() puts it in place atomically and a failure never
 * leaves half an archive behind.
 *
 * CbZipStream, for exports that grow with the project: each member is
 * produced by a function while the archive is written, into a temporary
 * file that replaces the target only when all went well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <zip.h>

G_BEGIN_DECLS

typedef struct _CbZipWriter CbZipWriter;

CbZipWriter *cb_zip_writer_new     (void);
void         cb_zip_writer_free    (CbZipWriter  *self);
/* Adds member @name holding @bytes (kept alive until the archive is
 * finished); @store leaves it uncompressed (ODF's "mimetype"). */
void         cb_zip_writer_add     (CbZipWriter  *self,
                                    const char   *name,
                                    GBytes       *bytes,
                                    gboolean      store);
/* The archive's bytes, or NULL with @error set (CB_EXPORT_ERROR). */
GBytes      *cb_zip_writer_finish  (CbZipWriter  *self,
                                    GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbZipWriter, cb_zip_writer_free)

typedef struct _CbZipStream CbZipStream;

/* An archive to be written to @path (replaced only by a successful close). */
CbZipStream *cb_zip_stream_new          (const char        *path,
                                         GError           **error);
/* Abandons the archive: @path stays as it was. */
void         cb_zip_stream_free         (CbZipStream       *self);
/* Adds member @name (deflated) whose bytes @callback produces when libzip
 * reads them, in cb_zip_stream_close(); @destroy frees @data, also on
 * failure. */
gboolean     cb_zip_stream_add_function (CbZipStream       *self,
                                         const char        *name,
                                         zip_source_callback callback,
                                         gpointer           data,
                                         GDestroyNotify     destroy,
                                         GError           **error);
/* Writes the archive and frees @self; on failure @path stays as it was and
 * @error is set unless a member's callback set it already. */
gboolean     cb_zip_stream_close        (CbZipStream       *self,
                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbZipStream, cb_zip_stream_free)

G_END_DECLS
