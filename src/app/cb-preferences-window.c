/* cb-preferences-window.c: coder name, text size, coding stripes, paragraph numbers
 *
 * Every control is bound straight to GSettings; the windows follow the
 * settings, so there is nothing to apply.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-preferences-window.h"

struct _CbPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *coder_row;
  GtkSpinButton        *text_size_spin;
  GtkSwitch            *stripes_switch;
  GtkSwitch            *numbers_switch;

  /* Owned */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (CbPreferencesWindow, cb_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
cb_preferences_window_dispose (GObject *object)
{
  CbPreferencesWindow *self = (CbPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_preferences_window_parent_class)->dispose (object);
}

static void
cb_preferences_window_class_init (CbPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, coder_row);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, text_size_spin);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, stripes_switch);
  gtk_widget_class_bind_template_child (widget_class, CbPreferencesWindow, numbers_switch);
}

static void
cb_preferences_window_init (CbPreferencesWindow *self)
{
  g_autofree char *placeholder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = cb_app_settings_new ();
  g_settings_bind (self->settings, "coder-name", self->coder_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "text-size", self->text_size_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-stripes", self->stripes_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-paragraph-numbers", self->numbers_switch, "active", G_SETTINGS_BIND_DEFAULT);

  /* Translators: %s is the login name used when no coder name is set */
  placeholder = g_strdup_printf (_("Coder name (empty: %s)"), g_get_user_name ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->coder_row), placeholder);
}

GtkWidget *
cb_preferences_window_new (void)
{
  return g_object_new (CB_TYPE_PREFERENCES_WINDOW, NULL);
}
