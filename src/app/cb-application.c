/* cb-application.c: the Codeboom application
 *
 * One window a project; `codeboom FILE.codeboom` (or a double-click) opens
 * the project, `codeboom` alone shows the start screen.  Application-wide
 * actions and keyboard shortcuts are set up here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-application.h"
#include "cb-preferences-window.h"
#include "cb-window.h"

struct _CbApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (CbApplication, cb_application, ADW_TYPE_APPLICATION)

static CbWindow *
find_empty_window (CbApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));
  GList *l;

  for (l = windows; l != NULL; l = l->next)
    if (CB_IS_WINDOW (l->data) && cb_window_get_project (l->data) == NULL)
      return l->data;
  return NULL;
}

static void
cb_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL)
    window = GTK_WINDOW (cb_window_new (CB_APPLICATION (application)));
  gtk_window_present (window);
}

static void
cb_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CbApplication *self = CB_APPLICATION (application);
  int i;

  for (i = 0; i < n_files; i++)
    {
      CbWindow *window = find_empty_window (self);
      g_autoptr(GError) error = NULL;

      if (window == NULL)
        window = cb_window_new (self);
      if (!cb_window_open_project (window, files[i], &error))
        {
          gtk_window_present (GTK_WINDOW (window));
          cb_window_show_open_error (window, files[i], error);
          continue;
        }
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing each window saves pending memos and window state. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;

      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  GtkWidget *preferences = cb_preferences_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Codeboom developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", "Codeboom",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Codeboom developers"),
                         "developers", developers,
                         "comments", _("Qualitative coding of interview transcripts"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: your names, one a line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
cb_application_startup (GApplication *application)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-project", { "<Control>n", NULL } },
    { "win.open-project", { "<Control>o", NULL } },
    { "win.close-project", { "<Control>w", NULL } },
    { "win.import", { "<Control><Shift>o", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.quick-code", { "<Control>k", NULL } },
    { "win.in-vivo", { "<Control>i", NULL } },
    { "win.apply-code('')", { "<Control>Return", NULL } },
    { "win.new-code", { "<Control><Shift>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.search-project", { "<Control><Shift>f", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };
  guint i;

  G_APPLICATION_CLASS (cb_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                           accels[i].action, accels[i].accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
cb_application_class_init (CbApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = cb_application_activate;
  app_class->open = cb_application_open;
  app_class->startup = cb_application_startup;
}

static void
cb_application_init (CbApplication *self)
{
}

CbApplication *
cb_application_new (void)
{
  return g_object_new (CB_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/codeboom/Codeboom",
                       NULL);
}
