/* soak-app.c: stands in for the app in the soak test (tests/soak/soak.py)
 *
 * Uses CbProject exactly as the app does (one project, changes in one
 * transaction each, the data version polled for other programs' changes),
 * and does to the project file what GTK does around it: a file dialog's
 * content-type sniffing (g_file_query_info) and a plain open() and close().
 * Each coding it makes is appended, once committed, to an acknowledgement
 * file (fsync'd) before the next one starts.  It runs until it is killed.
 *
 *   soak-app PROJECT ACK-FILE SEED
 *   soak-app --reopen PROJECT        opens the project and exits 0
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cb-core.h"

#define APP_CODE "Soak app"

static void
acknowledge (int         fd,
             const char *line)
{
  g_autofree char *text = g_strconcat (line, "\n", NULL);

  if (write (fd, text, strlen (text)) != (gssize) strlen (text) || fsync (fd) != 0)
    g_error ("cannot write the acknowledgement file");
}

static void
sniff (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd >= 0)
    close (fd);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GRand) rand = NULL;
  guint64 data_version;
  int ack;

  if (argc == 3 && g_str_equal (argv[1], "--reopen"))
    {
      project = cb_project_open (argv[2], &error);
      if (project == NULL)
        {
          g_printerr ("soak-app: %s\n", error->message);
          return 1;
        }
      documents = cb_project_list_documents (project, &error);
      return documents != NULL ? 0 : 1;
    }

  if (argc != 4)
    {
      g_printerr ("usage: soak-app PROJECT ACK-FILE SEED | soak-app --reopen PROJECT\n");
      return 2;
    }

  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));
  ack = open (argv[2], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (ack < 0)
    g_error ("cannot open %s", argv[2]);

  project = cb_project_open (argv[1], &error);
  if (project == NULL)
    g_error ("%s", error->message);
  cb_project_set_coder (project, "soak-app");
  documents = cb_project_list_documents (project, &error);
  if (documents == NULL || documents->len == 0)
    g_error ("no documents: %s", error != NULL ? error->message : "empty project");
  acknowledge (ack, "-- ready");
  data_version = cb_project_get_data_version (project);

  for (guint i = 0; ; i++)
    {
      CbDocumentInfo *doc = documents->pdata[g_rand_int_range (rand, 0, documents->len)];
      gint64 length = g_rand_int_range (rand, 1, 200);
      gint64 start = g_rand_int_range (rand, 0, MAX (1, doc->n_chars - length));
      g_autofree char *line = NULL;
      guint64 version;

      if (cb_project_apply_creating (project, doc->name, APP_CODE, start, start + length,
                                     NULL, &error) > 0)
        {
          line = g_strdup_printf ("%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT,
                                  doc->name, start, start + length);
          acknowledge (ack, line);
        }
      else
        {
          /* busy (the CLI is writing) is fine: the app tells the user and
           * nothing was changed; anything else is a failure */
          if (!g_error_matches (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_BUSY))
            g_error ("apply: %s", error->message);
          g_clear_error (&error);
        }

      /* what the app's one-second poll does */
      version = cb_project_get_data_version (project);
      if (version != data_version)
        {
          g_autoptr(GPtrArray) codes = cb_project_list_codes (project, &error);

          if (codes == NULL)
            g_error ("list codes: %s", error->message);
          data_version = version;
        }

      if (i % 7 == 0)
        sniff (argv[1]);
      g_usleep (g_rand_int_range (rand, 0, 20000));
    }
}
