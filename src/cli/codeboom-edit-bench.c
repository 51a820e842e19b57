/* codeboom-edit-bench.c: edits timed inside one process (bench/cases/17_edit.py)
 *
 *   codeboom-edit-bench PROJECT DOC N
 *
 * Inserts two characters near the start of DOC (so that nearly every span
 * after them moves), undoes and redoes that, and deletes them again, N
 * times each after one warm-up round; each edit one cb_project_replace_text()
 * = one transaction and undo step.  Prints "timing: text replace X ms" for
 * each insertion and "timing: undo X ms" for each undo of one on stderr (the
 * bench takes the best), nothing on stdout.  Not installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cb-core.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(CbProject) project = NULL;
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int n;

  if (argc != 4 || (n = atoi (argv[3])) < 1)
    {
      fprintf (stderr, "usage: codeboom-edit-bench PROJECT DOC N\n");
      return 2;
    }
  if (!(project = cb_project_open (argv[1], &error)) ||
      !(info = cb_project_get_document (project, argv[2], &error)))
    {
      fprintf (stderr, "codeboom-edit-bench: %s\n", error->message);
      return 1;
    }

  for (int i = -1; i < n; i++)
    {
      gint64 started = g_get_monotonic_time ();
      gint64 took;

      g_autofree char *undone = NULL;
      g_autofree char *redone = NULL;

      if (!cb_project_replace_text (project, info->id, 100, 100, "xy", NULL, &error))
        break;
      took = g_get_monotonic_time () - started;
      if (i >= 0)
        fprintf (stderr, "timing: text replace %.3f ms\n", took / 1000.0);

      /* Ctrl+Z after a pause of typing: the compact step backwards */
      started = g_get_monotonic_time ();
      if (!(undone = cb_project_undo (project, &error)))
        break;
      took = g_get_monotonic_time () - started;
      if (i >= 0)
        fprintf (stderr, "timing: undo %.3f ms\n", took / 1000.0);
      if (!(redone = cb_project_redo (project, &error)) ||
          !cb_project_replace_text (project, info->id, 100, 102, "", NULL, &error))
        break;
    }
  if (error != NULL)
    {
      fprintf (stderr, "codeboom-edit-bench: %s\n", error->message);
      return 1;
    }
  return 0;
}
