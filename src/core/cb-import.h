/* cb-import.h: the one entry point from a file's bytes to Codeboom text
 *
 * Every importer turns bytes into the same clean text (see cb-text.h) and
 * never touches the project; the project stores what comes out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  /* Overrides encoding detection for plain text; NULL to detect. */
  const char *encoding;
} CbImportOptions;

typedef struct
{
  char      *text;              /* normalised: UTF-8, NFC, LF, no BOM */
  gsize      length;            /* bytes of @text */
  gint64     n_chars;           /* code points of @text */
  char      *format;            /* "txt", "docx", … */
  char      *encoding;          /* what plain text was decoded from, else NULL */
  gboolean   encoding_guessed;  /* TRUE when @encoding came from the detector */
  GPtrArray *warnings;          /* (element-type utf8): things the user should know */
} CbImportedText;

void            cb_imported_text_free (CbImportedText        *imported);

/**
 * cb_import_bytes:
 * @filename: the file's name; its extension picks the importer and it names
 *   the file in error messages
 * @data: the file's bytes
 * @length: their length
 * @options: (nullable): options
 * @error: a #GError in %CB_IMPORT_ERROR
 *
 * Returns: (transfer full): the imported text, or %NULL with @error set
 */
CbImportedText *cb_import_bytes       (const char            *filename,
                                       const guint8          *data,
                                       gsize                  length,
                                       const CbImportOptions *options,
                                       GError               **error);

/* TRUE when Codeboom has an importer for @filename's extension. */
gboolean        cb_import_supports    (const char            *filename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbImportedText, cb_imported_text_free)

G_END_DECLS
