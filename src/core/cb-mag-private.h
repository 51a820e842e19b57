/* cb-mag-private.h: what the MAG files share (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-mag.h"

G_BEGIN_DECLS

/* A phase name or marker folded for comparing (cb-mag.c). */
char   *_cb_mag_fold_phase_name (const char *name);
void    _cb_mag_quote_free      (CbMagQuote *quote);
void    _cb_mag_point_free      (CbMagPoint *point);

G_END_DECLS
