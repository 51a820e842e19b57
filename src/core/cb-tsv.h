/* cb-tsv.h: the TSV of the command line and the batch/codebook files
 *
 * One record a line, fields separated by TAB; inside a field backslash,
 * TAB and newline are written \\ \t \n.  Offsets are decimal, >= 0.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Appends @text to @out with backslash, TAB and newline escaped. */
void      cb_tsv_append_escaped (GString     *out,
                                 const char  *text);

/* Splits @line into at most @max fields (the last keeps any further TABs),
 * unescaping each; NULL when an escape is malformed. */
char    **cb_tsv_split_line     (const char  *line,
                                 guint        max);

/* A non-negative decimal offset; FALSE when @text is NULL or not one. */
gboolean  cb_tsv_parse_offset   (const char  *text,
                                 gint64      *value);

/* Reads a UTF-8 TSV file into lines (LF or CRLF, BOM ignored); sets
 * @display to the file's name for messages, also on failure. */
char    **cb_tsv_read_lines     (GFile       *file,
                                 char       **display,
                                 GError     **error);

G_END_DECLS
