/* cb-core.h: the single include of codeboom-core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-code-filter.h"
#include "cb-error.h"
#include "cb-import.h"
#include "cb-project.h"
#include "cb-search.h"
#include "cb-text.h"
#include "cb-types.h"
