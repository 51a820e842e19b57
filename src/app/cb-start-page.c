/* cb-start-page.c: the window's page when no project is open
 *
 * A welcome, the New, Open and Import REFI-QDA Project buttons (win.*
 * actions), the progress of such an import with its Cancel (win.cancel-job),
 * and the projects opened recently, from the "recent-projects" setting (the window writes
 * it when it opens a project).  A recent project is opened through the
 * page's own action, start-page.open-recent, which emits ::open-project
 * for the window to act on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-project.h"
#include "cb-app-util.h"
#include "cb-start-page.h"

struct _CbStartPage
{
  GtkWidget   parent_instance;

  /* Template widgets */
  GtkWidget      *buttons_box;
  GtkWidget      *import_refi_button;
  GtkWidget      *busy_box;
  GtkProgressBar *progress_bar;
  GtkWidget      *recent_box;
  GtkListBox     *recent_list;

  /* Owned */
  GSettings  *settings;
  guint       n_recent;
  guint       pulse_source;
};

G_DEFINE_FINAL_TYPE (CbStartPage, cb_start_page, GTK_TYPE_WIDGET)

enum {
  OPEN_PROJECT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
cb_start_page_refresh (CbStartPage *self)
{
  g_auto(GStrv) paths = NULL;
  GtkWidget *child;
  guint i;

  g_return_if_fail (CB_IS_START_PAGE (self));

  paths = g_settings_get_strv (self->settings, "recent-projects");
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  self->n_recent = 0;
  for (i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *base = NULL;
      g_autofree char *dir = NULL;
      GtkWidget *row;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      base = g_path_get_basename (paths[i]);
      dir = g_path_get_dirname (paths[i]);
      if (g_str_has_suffix (base, CB_PROJECT_FILE_EXTENSION))
        base[strlen (base) - strlen (CB_PROJECT_FILE_EXTENSION)] = '\0';

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), base);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      /* A long folder ends in "…" rather than widening the window. */
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      gtk_widget_set_tooltip_text (row, paths[i]);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "cb-path", g_strdup (paths[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
      self->n_recent++;
    }

  gtk_widget_set_visible (self->recent_box, self->n_recent > 0);
}

guint
cb_start_page_get_n_recent (CbStartPage *self)
{
  g_return_val_if_fail (CB_IS_START_PAGE (self), 0);
  return self->n_recent;
}

static void
on_recent_row_activated (CbStartPage   *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list_box)
{
  const char *path = g_object_get_data (G_OBJECT (row), "cb-path");

  if (path != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "start-page.open-recent", "s", path);
}

void
cb_start_page_activate_recent (CbStartPage *self,
                               guint        index)
{
  GtkListBoxRow *row;

  g_return_if_fail (CB_IS_START_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->recent_list, index);
  if (row != NULL)
    g_signal_emit_by_name (self->recent_list, "row-activated", row);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[OPEN_PROJECT], 0, g_variant_get_string (parameter, NULL));
}

static gboolean
pulse (gpointer data)
{
  CbStartPage *self = data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

void
cb_start_page_set_busy (CbStartPage *self,
                        const char  *message)
{
  gboolean busy = message != NULL;

  g_return_if_fail (CB_IS_START_PAGE (self));

  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_widget_set_visible (self->busy_box, busy);
  /* Nothing else is opened here while the import runs: its project will. */
  gtk_widget_set_sensitive (self->buttons_box, !busy);
  gtk_widget_set_sensitive (self->import_refi_button, !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_list), !busy);
  if (!busy)
    return;
  gtk_progress_bar_set_text (self->progress_bar, message);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_pulse_step (self->progress_bar, 0.1);
  self->pulse_source = g_timeout_add (120, pulse, self);
}

void
cb_start_page_set_progress (CbStartPage *self,
                            double       fraction,
                            const char  *message)
{
  g_return_if_fail (CB_IS_START_PAGE (self));

  if (!gtk_widget_get_visible (self->busy_box))
    return;
  /* real progress: the bar stops pulsing for good */
  g_clear_handle_id (&self->pulse_source, g_source_remove);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
  if (message != NULL)
    gtk_progress_bar_set_text (self->progress_bar, message);
}

double
cb_start_page_get_fraction (CbStartPage *self)
{
  g_return_val_if_fail (CB_IS_START_PAGE (self), 0.0);
  return gtk_progress_bar_get_fraction (self->progress_bar);
}

gboolean
cb_start_page_get_busy (CbStartPage *self)
{
  g_return_val_if_fail (CB_IS_START_PAGE (self), FALSE);
  return gtk_widget_get_visible (self->busy_box);
}

const char *
cb_start_page_get_busy_text (CbStartPage *self)
{
  g_return_val_if_fail (CB_IS_START_PAGE (self), NULL);
  return gtk_widget_get_visible (self->busy_box) ? gtk_progress_bar_get_text (self->progress_bar) : NULL;
}

static void
cb_start_page_dispose (GObject *object)
{
  CbStartPage *self = CB_START_PAGE (object);

  g_clear_handle_id (&self->pulse_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_START_PAGE);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_start_page_parent_class)->dispose (object);
}

static void
cb_start_page_class_init (CbStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_start_page_dispose;

  /* ::open-project (path): the user picked a recent project. */
  signals[OPEN_PROJECT] =
    g_signal_new ("open-project", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CbStartPage, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, CbStartPage, import_refi_button);
  gtk_widget_class_bind_template_child (widget_class, CbStartPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, CbStartPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CbStartPage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, CbStartPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_install_action (widget_class, "start-page.open-recent", "s", open_recent_action);
}

static void
cb_start_page_init (CbStartPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = cb_app_settings_new ();
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (cb_start_page_refresh), self, G_CONNECT_SWAPPED);
  cb_start_page_refresh (self);
}
