/* cb-name-candidates.h: capitalised words that may be names, found with ICU (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CbNameScan CbNameScan;

CbNameScan *_cb_name_scan_new    (void);
void        _cb_name_scan_free   (CbNameScan  *scan);

/* Counts the capitalised words of @text (@length bytes of UTF-8) that do
 * not start a sentence (ICU's sentence and word boundaries).  @labels:
 * @n_labels byte ranges [start, end) of speaker labels ("[00:01] R: "),
 * whose words are not counted and whose ends start a sentence. */
gboolean    _cb_name_scan_text   (CbNameScan  *scan,
                                  const char  *text,
                                  gsize        length,
                                  const gsize *labels,
                                  guint        n_labels,
                                  GError     **error);

/* The candidates so far (word → GUINT_TO_POINTER (count)): each word seen
 * capitalised inside a sentence at least once, counted there and, when the
 * texts never write it in lower case, at sentence starts too. */
GHashTable *_cb_name_scan_counts (CbNameScan  *scan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbNameScan, _cb_name_scan_free)

G_END_DECLS
