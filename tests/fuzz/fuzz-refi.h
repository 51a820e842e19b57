/* fuzz-refi.h: scratch projects and checks for the REFI-QDA harness
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

/* The path of project @name in a private scratch directory (in /dev/shm
 * when there is one) made once a process and removed at exit. */
const char *fuzz_refi_project_path   (const char *name);

/* Removes the project file @path and SQLite's files beside it. */
void        fuzz_refi_remove_project (const char *path);

/* Aborts unless cb_project_check() finds @project sound. */
void        fuzz_refi_check_project  (CbProject  *project);

/* Aborts unless every warning is a non-empty valid UTF-8 sentence. */
void        fuzz_refi_check_warnings (GPtrArray  *warnings);
