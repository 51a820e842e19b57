/* cb-cases-sheet.h: reading a sheet (CSV/TSV) as spreadsheets save it (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-types.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *rows;     /* (element-type GStrv) the header row first; NFC, LF */
  GArray    *lines;    /* (element-type guint) the line each row starts on, from 1 */
  char       separator;
} CbSheet;

/* Reads @bytes: UTF-8 with or without a BOM, else windows-1252; the
 * separator is the one of comma, semicolon and tab that the header line
 * holds most of (outside quotes); fields may be quoted ("" for a quote)
 * and then hold separators and line breaks.  NULL with @error set
 * (INVALID, naming the line and column) on a malformed sheet. */
CbSheet  *cb_sheet_parse          (GBytes        *bytes,
                                   const char    *display_name,
                                   GError       **error);
void      cb_sheet_free           (CbSheet       *sheet);

/* The type every non-empty value of column @column fits (number, date,
 * boolean, else text), for an attribute created from it. */
CbAttributeType cb_sheet_infer_type (CbSheet    *sheet,
                                     guint       column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbSheet, cb_sheet_free)

G_END_DECLS
