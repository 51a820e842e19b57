/* cb-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "cb-error.h"

G_DEFINE_QUARK (cb-project-error-quark, cb_project_error)
G_DEFINE_QUARK (cb-import-error-quark, cb_import_error)
G_DEFINE_QUARK (cb-export-error-quark, cb_export_error)
