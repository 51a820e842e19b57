/* fuzz-refi.h: a scratch place for the projects the REFI-QDA harnesses make
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-project.h"

/* A project path in a private scratch directory (in /dev/shm when there is
 * one), that does not exist; the same for the whole process. */
const char *fuzz_refi_project_path (void);

/* Removes the project file and SQLite's files beside it. */
void        fuzz_refi_remove_project (void);

/* Aborts unless cb_project_check() finds @project sound. */
void        fuzz_refi_check_project (CbProject *project);

/* Aborts unless every warning is a non-empty valid UTF-8 sentence. */
void        fuzz_refi_check_warnings (GPtrArray *warnings);
