/* cb-app-util.h: small helpers shared by the application's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The colour of a code: its own "#rrggbb", or a palette colour chosen by
 * its id when it has none, so every code is recognisable. */
void        cb_code_color_to_rgba  (const char *color,
                                    gint64      code_id,
                                    GdkRGBA    *rgba);

/* The palette offered when recolouring; NULL-terminated "#rrggbb" strings. */
const char * const *cb_code_palette (void);

/* "#rrggbb" of @rgba, for Pango markup (which does not take "rgb()"). */
char       *cb_rgba_to_hex         (const GdkRGBA *rgba);

/* Shows @error to the user in the window holding @widget: a toast when it
 * is a Codeboom window, a warning on the terminal otherwise. */
void        cb_widget_show_error   (GtkWidget    *widget,
                                    const GError *error);

/* Writes something to a file the user picks: called with the chosen file
 * (and @data) when the chooser is accepted; an error it sets is shown by
 * cb_widget_show_error(). */
typedef gboolean (*CbSaveFileFunc) (GtkWidget  *widget,
                                    GFile      *file,
                                    gpointer    data,
                                    GError    **error);

/* A modal "save" file chooser over @widget's window, titled @title,
 * offering @current_name; on Export, @func writes the file.  @data is freed
 * with @data_free when the chooser goes.  The views' Export buttons all go
 * through here. */
void        cb_choose_file_to_save (GtkWidget      *widget,
                                    const char     *title,
                                    const char     *current_name,
                                    CbSaveFileFunc  func,
                                    gpointer        data,
                                    GDestroyNotify  data_free);

/* The application's settings.  Never aborts over a missing schema (as
 * g_settings_new() does): without an installed or build-tree schema in
 * GSettings' search path they are kept in memory for this run, with a
 * warning. */
GSettings  *cb_app_settings_new    (void);

/* Per-project memory in a dictionary setting @key (type a{s…}, by project
 * UUID): cb_settings_remember_for_project() stores @value (floating refs
 * are taken) under @project_uuid first and keeps the
 * CB_REMEMBERED_PROJECTS most recent projects;
 * cb_settings_lookup_for_project() returns it, or NULL. */
#define CB_REMEMBERED_PROJECTS 50
void        cb_settings_remember_for_project (GSettings  *settings,
                                              const char *key,
                                              const char *project_uuid,
                                              GVariant   *value);
GVariant   *cb_settings_lookup_for_project   (GSettings  *settings,
                                              const char *key,
                                              const char *project_uuid);

G_END_DECLS
