/* cb-qdc.h: the code tree as a REFI-QDA codebook (.qdc)
 *
 * Written with libxml2's xmlTextWriter, valid against REFI-QDA's
 * Codebook.xsd.  Reading a .qdc is cb_refi_import_codebook()
 * (cb-refi-import.h): it shares the whole REFI-QDA reader with .qdpx.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

#define CB_QDC_NAMESPACE "urn:QDA-XML:codebook:1.0"

/* The whole code tree as a .qdc (namespace urn:QDA-XML:codebook:1.0). */
GBytes   *cb_export_codebook          (CbProject    *project,
                                       GError      **error);

G_END_DECLS
