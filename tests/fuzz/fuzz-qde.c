/* fuzz-qde.c: reading REFI-QDA projects (.qdpx archives and bare .qde XML)
 *
 * The input is imported with cb_refi_import_new_project(), the same call
 * as `codeboom-cli` and the application make, into a scratch project.  The
 * reader decides by the bytes: "PK" is a .qdpx (zip, then its .qde and
 * sources/), anything else a bare .qde.  A refusal must be a valid UTF-8
 * GError that leaves no project file behind; a project that comes out must
 * pass cb_project_check() (every coding and turn within its document,
 * text normalised, codes a tree).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cb-refi-import.h"
#include "fuzz-common.h"
#include "fuzz-refi.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(CbProject) project = NULL;
  const char *path;

  fuzz_init_once ();
  path = fuzz_refi_project_path ();
  bytes = g_bytes_new_static (data, size);

  project = cb_refi_import_new_project (path, "fuzz.qdpx", bytes, &report, &error);
  if (project == NULL)
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (!g_file_test (path, G_FILE_TEST_EXISTS));
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (report != NULL);
  fuzz_refi_check_warnings (report->warnings);
  fuzz_refi_check_project (project);
  g_clear_object (&project);
  fuzz_refi_remove_project ();
  return 0;
}
