/* fuzz-qdc.c: reading REFI-QDA codebooks (.qdc)
 *
 * The input is imported with cb_refi_import_codebook() into a scratch
 * project made once (with one code of its own, so that merging by path is
 * exercised); a successful import is undone afterwards, so that every input
 * meets the same project.  A refusal must be a valid UTF-8 GError; after
 * an import, and after its undo, the project must pass cb_project_check().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-refi-import.h"
#include "fuzz-common.h"
#include "fuzz-refi.h"

static CbProject *
scratch_project (void)
{
  static CbProject *project;

  if (project == NULL)
    {
      g_autoptr(GError) error = NULL;
      const char *path = fuzz_refi_project_path ();

      fuzz_refi_remove_project ();
      project = cb_project_create (path, &error);
      FUZZ_CHECK (project != NULL);
      FUZZ_CHECK (cb_project_add_code (project, "Bureaucracy", NULL, NULL, &error) > 0);
    }
  return project;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbRefiImportReport) report = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label_after = NULL;
  CbProject *project;

  fuzz_init_once ();
  project = scratch_project ();
  bytes = g_bytes_new_static (data, size);

  if (!cb_refi_import_codebook (project, "fuzz.qdc", bytes, &report, &error))
    {
      FUZZ_CHECK (error != NULL);
      FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (report != NULL);
  fuzz_refi_check_warnings (report->warnings);
  fuzz_refi_check_project (project);
  /* An import that added nothing may have left no undo step of its own. */
  label = cb_project_dup_undo_label (project);
  if (g_strcmp0 (label, _("Import the codebook “fuzz.qdc”")) == 0)
    {
      undone = cb_project_undo (project, &error);
      FUZZ_CHECK (undone != NULL);
      fuzz_refi_check_project (project);
      /* Back to the scratch project's own code. */
      label_after = cb_project_dup_undo_label (project);
      FUZZ_CHECK (g_strcmp0 (label_after, label) != 0);
    }
  return 0;
}
