/* fuzz-qde.c: reading REFI-QDA projects (.qdpx, bare .qde) and codebooks (.qdc)
 *
 * Every input goes through both REFI-QDA entry points, the same calls as
 * `codeboom-cli` and the application make:
 *
 *  - cb_refi_import_new_project() into a scratch project file.  The reader
 *    decides by the bytes: "PK" is a .qdpx (zip, then its .qde and
 *    sources/), anything else a bare .qde.  A refusal must be a valid UTF-8
 *    GError that leaves no project file behind; a project that comes out
 *    must pass cb_project_check() (every coding and turn within its
 *    document, text normalised, codes a tree).
 *  - cb_refi_import_codebook() into a second scratch project made once
 *    (with one code of its own, so that merging by path is exercised); it
 *    takes a .qdc or a .qdpx's code book.  The project must pass
 *    cb_project_check() after the import and after its undo, which puts
 *    the project back for the next input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-refi-import.h"
#include "fuzz-common.h"
#include "fuzz-refi.h"

static void
import_project (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autoptr(CbProject) project = NULL;
  const char *path = fuzz_refi_project_path ("new");

  project = cb_refi_import_new_project (path, "fuzz.qdpx", bytes, &report, &error);
  if (project == NULL)
    {
      fuzz_debug_error (error);
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      FUZZ_CHECK (!g_file_test (path, G_FILE_TEST_EXISTS));
      return;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (report != NULL);
  fuzz_refi_check_warnings (report->warnings);
  fuzz_refi_check_project (project);
  g_clear_object (&project);
  fuzz_refi_remove_project (path);
}

static CbProject *
codebook_project (void)
{
  static CbProject *project;

  if (project == NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *path = fuzz_refi_project_path ("codebook");

      fuzz_refi_remove_project (path);
      project = cb_project_create (path, &error);
      FUZZ_CHECK (project != NULL);
      FUZZ_CHECK (cb_project_add_code (project, "Bureaucracy", NULL, NULL, &error) > 0);
    }
  return project;
}

static void
import_codebook (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autofree char *label = NULL;
  CbProject *project = codebook_project ();

  if (!cb_refi_import_codebook (project, "fuzz.qdc", bytes, &report, &error))
    {
      fuzz_debug_error (error);
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (report != NULL);
  fuzz_refi_check_warnings (report->warnings);
  fuzz_refi_check_project (project);
  /* An import that added nothing may have left no undo step of its own. */
  label = cb_project_dup_undo_label (project);
  if (g_strcmp0 (label, _("Import the codebook “fuzz.qdc”")) == 0)
    {
      g_autofree char *undone = cb_project_undo (project, &error);
      g_autofree char *label_after = NULL;

      FUZZ_CHECK (undone != NULL);
      fuzz_refi_check_project (project);
      /* Back to the scratch project's own code. */
      label_after = cb_project_dup_undo_label (project);
      FUZZ_CHECK (g_strcmp0 (label_after, label) != 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;

  fuzz_init_once ();
  bytes = g_bytes_new_static (data, size);
  import_project (bytes);
  import_codebook (bytes);
  return 0;
}
