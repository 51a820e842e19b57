/* cb-zip-write.h: building a zip archive in memory (private)
 *
 * For .qdpx, .docx and .odt exports: members are added from memory and the
 * whole archive comes back as bytes, so that cb_export_write_file() puts it
 * in place atomically and a failure never leaves half an archive behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

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

G_END_DECLS
