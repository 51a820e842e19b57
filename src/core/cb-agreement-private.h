/* cb-agreement-private.h: what the agreement's files share (private)
 *
 * cb-agreement.c reads and sweeps; cb-agreement-stats.c holds the
 * coefficients; cb-agreement-write.c writes the table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-agreement.h"

G_BEGIN_DECLS

/* α from a binary coincidence: @hist[k] units coded by k of @m coders,
 * every unit rated by all @m.  NaN without units; 1 without variation. */
double  _cb_agreement_alpha_from_histogram (const gint64 *hist,
                                            guint         m);

/* Sets @row's agreement, κ or α from its counts (α: from @hist, m + 1
 * long); @pooled_codes: the row pools every code (the segment κ). */
void    _cb_agreement_row_finish           (const CbAgreementTable *table,
                                            CbAgreementRow         *row,
                                            const gint64           *hist,
                                            guint                   m,
                                            gboolean                pooled_codes);

G_END_DECLS
