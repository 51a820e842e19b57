/* cb-core.h: the single include of codeboom-core: every public header
 *
 * Headers named *-private.h, cb-store-*.h, cb-import-zip.h,
 * cb-import-paragraphs.h and cb-zip-write.h belong to the core's own
 * modules (and its tests).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-agreement.h"
#include "cb-backup.h"
#include "cb-code-filter.h"
#include "cb-coders.h"
#include "cb-counts.h"
#include "cb-edit.h"
#include "cb-error.h"
#include "cb-export-xml.h"
#include "cb-import.h"
#include "cb-merge.h"
#include "cb-mag.h"
#include "cb-memos.h"
#include "cb-paragraph-index.h"
#include "cb-project.h"
#include "cb-project-turns.h"
#include "cb-pseudonymise.h"
#include "cb-quote-formats.h"
#include "cb-refi-export.h"
#include "cb-refi-import.h"
#include "cb-search.h"
#include "cb-sets.h"
#include "cb-text.h"
#include "cb-tsv.h"
#include "cb-turns.h"
#include "cb-types.h"
