/* cb-refi-export.h: a whole project as a REFI-QDA project exchange file (.qdpx)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

#define CB_REFI_PROJECT_NAMESPACE "urn:QDA-XML:project:1.0"

typedef enum
{
  CB_REFI_EXPORT_NONE          = 0,
  /* positions in UTF-16 units, as NVivo counts, instead of code points */
  CB_REFI_EXPORT_NVIVO_OFFSETS = 1 << 0,
  /* user names and the project's folder (basePath) left blank */
  CB_REFI_EXPORT_ANONYMOUS     = 1 << 1,
  /* code names unique across the whole tree, as some tools require: a
   * repeated name gets its parent in parentheses, "Overig (Strategieën)"
   * (more ancestors while still repeated); the import restores them */
  CB_REFI_EXPORT_UNIQUE_NAMES  = 1 << 2,
} CbRefiExportFlags;

/* The code names that occur more than once in the project's code tree
 * (under different parents), sorted, each once: what tools that need
 * unique names would lose codings over (element-type utf8). */
GPtrArray *cb_refi_export_repeated_code_names (CbProject  *project,
                                               GError    **error);

/* project.qde alone (valid against Project-mrt2019.xsd). */
GBytes  *cb_refi_export_qde      (CbProject          *project,
                                  CbRefiExportFlags   flags,
                                  GError            **error);

/* The .qdpx: a zip of project.qde and sources/<guid>.txt (UTF-8, no BOM)
 * for each document, plus its original file when it was kept as
 * sources/<guid>.<ext> (richTextPath for .docx, .odt and .rtf). */
GBytes  *cb_refi_export_project  (CbProject          *project,
                                  CbRefiExportFlags   flags,
                                  GError            **error);

/* The same archive written straight into @file, a member at a time, so
 * that memory does not grow with the project; @file is replaced only when
 * all went well. */
gboolean cb_refi_export_project_to_file (CbProject          *project,
                                         CbRefiExportFlags   flags,
                                         GFile              *file,
                                         GError            **error);
/* cb_refi_export_project_to_file() with progress per document and a cancel
 * that leaves @file as it was (G_IO_ERROR_CANCELLED). */
gboolean cb_refi_export_project_to_file_full (CbProject          *project,
                                              CbRefiExportFlags   flags,
                                              GFile              *file,
                                              CbProgressFunc      progress,
                                              gpointer            progress_data,
                                              GCancellable       *cancellable,
                                              GError            **error);

G_END_DECLS
