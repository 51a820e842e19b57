/* cb-refi-import.h: reading REFI-QDA projects (.qdpx) and codebooks (.qdc)
 *
 * Files written by NVivo, ATLAS.ti, MAXQDA, QualCoder and others are read
 * leniently (any .qde name, any case of "sources/", namespaces 1.0, 1:0 and
 * 0:4, BOMs and CRLF, positions in code points or UTF-16 units detected per
 * source and per selection, braces and upper case in GUIDs, "Parent::Child"
 * names, inline text, missing colours); Notes that belong to nothing else
 * become free-standing memos and Sets of sources document sets; what
 * Codeboom cannot hold (pictures, audio, video, PDFs, graphs, links, sets
 * of codes, variables of sources) is named in a warning.  Hostile files are refused with CB_IMPORT_ERROR naming the file:
 * unsafe member names, size and ratio limits, DTDs and entities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* What an import brought in; warnings are sentences for the user. */
typedef struct
{
  guint      n_documents;
  guint      n_codes;
  guint      n_codings;
  guint      n_memos;
  GPtrArray *warnings;     /* (element-type utf8) */
} CbRefiImportReport;

void         cb_refi_import_report_free      (CbRefiImportReport *report);

/**
 * cb_refi_import_new_project:
 * @project_path: the project file to create (must not exist)
 * @filename: the .qdpx's name, for messages
 * @bytes: the .qdpx's bytes
 * @report: (out) (optional): what was imported
 * @error: a #GError
 *
 * Reads the whole .qdpx first, then creates the project and imports it in
 * one transaction; on any failure the project file does not exist
 * afterwards.
 *
 * Returns: (transfer full): the new project, or %NULL with @error set
 */
CbProject   *cb_refi_import_new_project      (const char          *project_path,
                                              const char          *filename,
                                              GBytes              *bytes,
                                              CbRefiImportReport **report,
                                              GError             **error);
CbProject   *cb_refi_import_new_project_from_file (const char          *project_path,
                                                   GFile               *file,
                                                   CbRefiImportReport **report,
                                                   GError             **error);
/* cb_refi_import_new_project_from_file() with progress (the first pass,
 * then per source) and a cancel that stops the work and leaves no project
 * file (%G_IO_ERROR_CANCELLED). */
CbProject   *cb_refi_import_new_project_from_file_full (const char          *project_path,
                                                        GFile               *file,
                                                        CbProgressFunc       progress,
                                                        gpointer             progress_data,
                                                        GCancellable        *cancellable,
                                                        CbRefiImportReport **report,
                                                        GError             **error);

/* Adds the codes of a .qdc (or of a .qdpx's code book) that @project does
 * not have yet, matched by path, in one undoable transaction. */
gboolean     cb_refi_import_codebook         (CbProject           *project,
                                              const char          *filename,
                                              GBytes              *bytes,
                                              CbRefiImportReport **report,
                                              GError             **error);
gboolean     cb_refi_import_codebook_from_file (CbProject           *project,
                                                GFile               *file,
                                                CbRefiImportReport **report,
                                                GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbRefiImportReport, cb_refi_import_report_free)

G_END_DECLS
