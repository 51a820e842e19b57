/* cb-error.h: the error domains of codeboom-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CB_PROJECT_ERROR (cb_project_error_quark ())

/**
 * CbProjectError:
 * @CB_PROJECT_ERROR_NOT_FOUND: a document, code or coding does not exist
 * @CB_PROJECT_ERROR_EXISTS: a name is already taken
 * @CB_PROJECT_ERROR_INVALID: an argument is out of range or malformed
 * @CB_PROJECT_ERROR_NOT_A_PROJECT: the file is not a Codeboom project
 * @CB_PROJECT_ERROR_TOO_NEW: the project was written by a newer Codeboom
 * @CB_PROJECT_ERROR_BUSY: another program holds the project
 * @CB_PROJECT_ERROR_READ_ONLY: the project cannot be written
 * @CB_PROJECT_ERROR_CORRUPT: the project file is damaged
 * @CB_PROJECT_ERROR_FULL: the disk is full
 * @CB_PROJECT_ERROR_IO: another storage failure
 * @CB_PROJECT_ERROR_AMBIGUOUS: a quote or name matches more than once
 * @CB_PROJECT_ERROR_NOTHING_TO_UNDO: the undo (or redo) history is empty
 * @CB_PROJECT_ERROR_FOREIGN_OBJECTS: the file holds schema objects that are
 *   not Codeboom's (triggers, views…): refused, cb_project_repair() makes a
 *   clean copy
 */
typedef enum
{
  CB_PROJECT_ERROR_NOT_FOUND,
  CB_PROJECT_ERROR_EXISTS,
  CB_PROJECT_ERROR_INVALID,
  CB_PROJECT_ERROR_NOT_A_PROJECT,
  CB_PROJECT_ERROR_TOO_NEW,
  CB_PROJECT_ERROR_BUSY,
  CB_PROJECT_ERROR_READ_ONLY,
  CB_PROJECT_ERROR_CORRUPT,
  CB_PROJECT_ERROR_FULL,
  CB_PROJECT_ERROR_IO,
  CB_PROJECT_ERROR_AMBIGUOUS,
  CB_PROJECT_ERROR_NOTHING_TO_UNDO,
  CB_PROJECT_ERROR_FOREIGN_OBJECTS,
} CbProjectError;

#define CB_IMPORT_ERROR (cb_import_error_quark ())

/**
 * CbImportError:
 * @CB_IMPORT_ERROR_UNSUPPORTED: no importer for this kind of file
 * @CB_IMPORT_ERROR_EMPTY: the file holds no text
 * @CB_IMPORT_ERROR_BINARY: the file is binary data, not text
 * @CB_IMPORT_ERROR_ENCODING: the text cannot be decoded
 * @CB_IMPORT_ERROR_CORRUPT: the file is damaged or is not what its name says
 * @CB_IMPORT_ERROR_ENCRYPTED: the file is password-protected
 * @CB_IMPORT_ERROR_TOO_LARGE: the file (or an archive member) exceeds a safety limit
 * @CB_IMPORT_ERROR_UNSAFE: the file asks for something we never do (DTDs, entities, paths outside)
 * @CB_IMPORT_ERROR_NO_TEXT: a document without a text layer (scanned PDF)
 * @CB_IMPORT_ERROR_IO: the file cannot be read
 */
typedef enum
{
  CB_IMPORT_ERROR_UNSUPPORTED,
  CB_IMPORT_ERROR_EMPTY,
  CB_IMPORT_ERROR_BINARY,
  CB_IMPORT_ERROR_ENCODING,
  CB_IMPORT_ERROR_CORRUPT,
  CB_IMPORT_ERROR_ENCRYPTED,
  CB_IMPORT_ERROR_TOO_LARGE,
  CB_IMPORT_ERROR_UNSAFE,
  CB_IMPORT_ERROR_NO_TEXT,
  CB_IMPORT_ERROR_IO,
} CbImportError;

#define CB_EXPORT_ERROR (cb_export_error_quark ())

/**
 * CbExportError:
 * @CB_EXPORT_ERROR_FAILED: the output could not be produced
 * @CB_EXPORT_ERROR_IO: the output file could not be written
 */
typedef enum
{
  CB_EXPORT_ERROR_FAILED,
  CB_EXPORT_ERROR_IO,
} CbExportError;

GQuark cb_project_error_quark (void);
GQuark cb_import_error_quark  (void);
GQuark cb_export_error_quark  (void);

G_END_DECLS
