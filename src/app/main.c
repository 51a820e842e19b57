/* main.c: codeboom, the GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cb-application.h"
#include "cb-drawing.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CbApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* `meson devenv` (tools/run) points this at the build tree's translations,
   * so the app speaks the user's language before it is installed. */
  localedir = g_getenv ("CODEBOOM_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Before GTK loads anything: without a GPU, GL would only be Mesa's
   * software rasteriser (see cb-drawing.h). */
  cb_drawing_choose_before_gtk ();

  g_set_application_name ("Codeboom");
  app = cb_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
