/* cb-app-util.c: small helpers shared by the application's widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

/* for g_memory_settings_backend_new(), the fallback without a schema */
#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-app-util.h"
#include "cb-window.h"

/* GNOME's palette, the 3rd shade of each hue: readable as a highlight in
 * both light and dark styles. */
static const char * const palette[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac",
  "#986a44", "#2ec27e", "#1c71d8", "#e5a50a", "#c061cb", "#613583",
  NULL
};

const char * const *
cb_code_palette (void)
{
  return palette;
}

void
cb_code_color_to_rgba (const char *color,
                       gint64      code_id,
                       GdkRGBA    *rgba)
{
  g_return_if_fail (rgba != NULL);

  if (color != NULL && color[0] != '\0' && gdk_rgba_parse (rgba, color))
    return;

  gdk_rgba_parse (rgba, palette[(guint64) code_id % (G_N_ELEMENTS (palette) - 1)]);
}

void
cb_widget_show_error (GtkWidget    *widget,
                      const GError *error)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  if (CB_IS_WINDOW (root))
    cb_window_show_error (CB_WINDOW (root), error);
  else
    g_warning ("%s", error->message);
}

char *
cb_rgba_to_hex (const GdkRGBA *rgba)
{
  g_return_val_if_fail (rgba != NULL, NULL);

  return g_strdup_printf ("#%02x%02x%02x",
                          (int) (CLAMP (rgba->red, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (rgba->green, 0, 1) * 255 + 0.5),
                          (int) (CLAMP (rgba->blue, 0, 1) * 255 + 0.5));
}

/* Our schema from a directory holding a compiled gschemas.compiled. */
static GSettingsSchema *
lookup_schema_in (const char *dir)
{
  g_autoptr(GSettingsSchemaSource) source = NULL;

  source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, NULL);
  return source != NULL ? g_settings_schema_source_lookup (source, APP_ID, FALSE) : NULL;
}

/* Our schema compiled from its XML in @xml_dir into a private temporary
 * directory: for an installation whose schemas were never compiled.  The
 * compiled file is mapped on loading, so it can go at once. */
static GSettingsSchema *
compile_schema_from (const char *xml_dir)
{
  g_autofree char *xml = g_strconcat (xml_dir, G_DIR_SEPARATOR_S, APP_ID, ".gschema.xml", NULL);
  g_autofree char *program = g_find_program_in_path ("glib-compile-schemas");
  g_autofree char *tmp = NULL;
  g_autofree char *compiled = NULL;
  g_autofree char *targetdir = NULL;
  GSettingsSchema *schema = NULL;
  int status = 0;

  if (program == NULL || !g_file_test (xml, G_FILE_TEST_IS_REGULAR))
    return NULL;
  tmp = g_dir_make_tmp ("codeboom-gschema-XXXXXX", NULL);
  if (tmp == NULL)
    return NULL;
  targetdir = g_strconcat ("--targetdir=", tmp, NULL);
  {
    const char *argv[] = { program, "--strict", targetdir, xml_dir, NULL };

    if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, &status, NULL)
        && g_spawn_check_wait_status (status, NULL))
      schema = lookup_schema_in (tmp);
  }
  compiled = g_build_filename (tmp, "gschemas.compiled", NULL);
  g_unlink (compiled);
  g_rmdir (tmp);
  return schema;
}

GSettings *
cb_app_settings_new (void)
{
  /* One schema and one memory backend for the whole run, so the windows
   * and the preferences still share their settings. */
  static GSettingsSchema *fallback_schema;
  static GSettingsBackend *memory_backend;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    return g_settings_new_full (schema, NULL, NULL);

  if (memory_backend == NULL)
    {
      fallback_schema = lookup_schema_in (CODEBOOM_BUILD_SCHEMADIR);
      if (fallback_schema == NULL)
        fallback_schema = lookup_schema_in (CODEBOOM_SCHEMADIR);
      if (fallback_schema == NULL)
        fallback_schema = compile_schema_from (CODEBOOM_SCHEMADIR);
      if (fallback_schema == NULL)
        fallback_schema = compile_schema_from (CODEBOOM_SOURCE_DATADIR);
      if (fallback_schema == NULL)
        g_error ("Settings schema %s is neither installed nor found in %s or %s",
                 APP_ID, CODEBOOM_BUILD_SCHEMADIR, CODEBOOM_SCHEMADIR);
      g_warning ("Settings schema %s is not installed: settings are kept in memory for "
                 "this run only (from a build tree, start Codeboom with tools/run or "
                 "meson devenv)", APP_ID);
      memory_backend = g_memory_settings_backend_new ();
    }
  return g_settings_new_full (fallback_schema, memory_backend, NULL);
}

void
cb_settings_remember_for_project (GSettings  *settings,
                                  const char *key,
                                  const char *project_uuid,
                                  GVariant   *value)
{
  g_autoptr(GVariant) all = g_settings_get_value (settings, key);
  g_auto(GVariantBuilder) projects = G_VARIANT_BUILDER_INIT (g_variant_get_type (all));
  gsize n = g_variant_n_children (all);
  guint kept = 1;

  g_return_if_fail (project_uuid != NULL);

  /* this project first, then the others, newest first */
  g_variant_builder_add_value (&projects, g_variant_new_dict_entry (g_variant_new_string (project_uuid), value));
  for (gsize i = 0; i < n && kept < CB_REMEMBERED_PROJECTS; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (all, i);
      g_autoptr(GVariant) uuid = g_variant_get_child_value (entry, 0);

      if (!g_str_equal (g_variant_get_string (uuid, NULL), project_uuid))
        {
          g_variant_builder_add_value (&projects, entry);
          kept++;
        }
    }
  g_settings_set_value (settings, key, g_variant_builder_end (&projects));
}

GVariant *
cb_settings_lookup_for_project (GSettings  *settings,
                                const char *key,
                                const char *project_uuid)
{
  g_autoptr(GVariant) all = NULL;

  if (project_uuid == NULL)
    return NULL;
  all = g_settings_get_value (settings, key);
  return g_variant_lookup_value (all, project_uuid, NULL);
}

typedef struct
{
  GtkWidget      *widget;
  CbSaveFileFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
} SaveChoice;

static void
save_choice_free (SaveChoice *choice)
{
  if (choice->data_free != NULL)
    choice->data_free (choice->data);
  g_object_unref (choice->widget);
  g_free (choice);
}

static void
on_save_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          SaveChoice      *choice)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      !choice->func (choice->widget, file, choice->data, &error))
    cb_widget_show_error (choice->widget, error);
  save_choice_free (choice);
  g_object_unref (chooser);
}

void
cb_choose_file_to_save (GtkWidget      *widget,
                        const char     *title,
                        const char     *current_name,
                        CbSaveFileFunc  func,
                        gpointer        data,
                        GDestroyNotify  data_free)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  SaveChoice *choice = g_new0 (SaveChoice, 1);

  choice->widget = g_object_ref (widget);
  choice->func = func;
  choice->data = data;
  choice->data_free = data_free;
  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), current_name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_chooser_response), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
