/* cb-code-dialogs.c: the code tree's dialogs (delete, colour, definition,
 * merge into)
 *
 * Each asks about one code and, on its response, changes the project
 * (recorded for undo like any change); a failure shows in the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-code-dialogs.h"

/* A dialog over @parent's window that acts on @project's code @path; the
 * project is kept alive with the dialog. */
static AdwMessageDialog *
new_dialog (GtkWidget  *parent,
            CbProject  *project,
            const char *path,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* It holds the project: it goes with its window. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "cb-project", g_object_ref (project), g_object_unref);
  g_object_set_data_full (G_OBJECT (dialog), "cb-path", g_strdup (path), g_free);
  return dialog;
}

static CbProject *
dialog_project (AdwMessageDialog *dialog)
{
  return g_object_get_data (G_OBJECT (dialog), "cb-project");
}

/* Errors show in the window the dialog belongs to. */
static void
report (AdwMessageDialog *dialog,
        const GError     *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (parent != NULL)
    cb_widget_show_error (GTK_WIDGET (parent), error);
  else
    g_warning ("%s", error->message);
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!cb_project_delete_code (dialog_project (dialog), path, &error))
    report (dialog, error);
}

AdwMessageDialog *
cb_code_dialog_delete (GtkWidget  *parent,
                       CbProject  *project,
                       CbCodeItem *item)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  gint64 n;

  g_return_val_if_fail (CB_IS_CODE_ITEM (item), NULL);

  n = cb_code_item_get_n_codings_total (item);
  heading = g_strdup_printf (_("Delete “%s”?"), cb_code_item_get_name (item));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The code, its subcodes and its %d coding will be deleted. You can undo this.",
                                       "The code, its subcodes and their %d codings will be deleted. You can undo this.",
                                       n), (int) n);
  dialog = new_dialog (parent, project, cb_code_item_get_path (item), heading, body);
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_delete_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_recolor_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  GtkColorChooser *chooser = GTK_COLOR_CHOOSER (adw_message_dialog_get_extra_child (dialog));
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");
  g_autoptr(GError) error = NULL;
  g_autofree char *color = NULL;
  GdkRGBA rgba;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  gtk_color_chooser_get_rgba (chooser, &rgba);
  color = g_strdup_printf ("#%02x%02x%02x",
                           (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5),
                           (int) (rgba.blue * 255 + 0.5));
  if (!cb_project_set_code_color (dialog_project (dialog), path, color, &error))
    report (dialog, error);
}

AdwMessageDialog *
cb_code_dialog_recolor (GtkWidget  *parent,
                        CbProject  *project,
                        CbCodeItem *item)
{
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *chooser;
  GdkRGBA palette[12];
  GdkRGBA current;
  guint i;

  g_return_val_if_fail (CB_IS_CODE_ITEM (item), NULL);

  heading = g_strdup_printf (_("Colour of “%s”"), cb_code_item_get_name (item));
  dialog = new_dialog (parent, project, cb_code_item_get_path (item), heading, NULL);
  adw_message_dialog_add_response (dialog, "apply", _("_Apply"));
  adw_message_dialog_set_response_appearance (dialog, "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "apply");

  chooser = gtk_color_chooser_widget_new ();
  for (i = 0; i < G_N_ELEMENTS (palette); i++)
    gdk_rgba_parse (&palette[i], cb_code_palette ()[i]);
  gtk_color_chooser_add_palette (GTK_COLOR_CHOOSER (chooser), GTK_ORIENTATION_HORIZONTAL,
                                 6, G_N_ELEMENTS (palette), palette);
  gtk_color_chooser_set_use_alpha (GTK_COLOR_CHOOSER (chooser), FALSE);
  cb_code_color_to_rgba (cb_code_item_get_color (item), cb_code_item_get_id (item), &current);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (chooser), &current);
  adw_message_dialog_set_extra_child (dialog, chooser);

  g_signal_connect (dialog, "response", G_CALLBACK (on_recolor_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_describe_response (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  GtkTextView *view = g_object_get_data (G_OBJECT (dialog), "cb-text-view");
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (g_strcmp0 (response, "save") != 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (!cb_project_set_code_description (dialog_project (dialog), path, g_strstrip (text), &error))
    report (dialog, error);
}

AdwMessageDialog *
cb_code_dialog_describe (GtkWidget  *parent,
                         CbProject  *project,
                         CbCodeItem *item)
{
  g_autofree char *heading = NULL;
  const CbCodeInfo *info;
  AdwMessageDialog *dialog;
  GtkWidget *scroller, *view;

  g_return_val_if_fail (CB_IS_CODE_ITEM (item), NULL);

  info = cb_code_item_get_info (item);
  heading = g_strdup_printf (_("Definition of “%s”"), info->name);
  dialog = new_dialog (parent, project, cb_code_item_get_path (item), heading, _("When does a passage belong to this code?"));
  adw_message_dialog_add_response (dialog, "save", _("_Save"));
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);

  view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                            info->description ? info->description : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Definition"),
                                  -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 120);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_add_css_class (scroller, "card");
  adw_message_dialog_set_extra_child (dialog, scroller);

  g_object_set_data (G_OBJECT (dialog), "cb-text-view", view);
  g_object_set_data_full (G_OBJECT (dialog), "cb-path", g_strdup (info->path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_describe_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_merge_response (AdwMessageDialog *dialog,
                   const char       *response,
                   gpointer          user_data)
{
  GtkDropDown *drop_down = GTK_DROP_DOWN (adw_message_dialog_get_extra_child (dialog));
  const char *path = g_object_get_data (G_OBJECT (dialog), "cb-path");
  GtkStringObject *target = gtk_drop_down_get_selected_item (drop_down);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "merge") != 0 || target == NULL)
    return;
  if (!cb_project_merge_codes (dialog_project (dialog), path, gtk_string_object_get_string (target), &error))
    report (dialog, error);
}

AdwMessageDialog *
cb_code_dialog_merge (GtkWidget  *parent,
                      CbProject  *project,
                      CbCodeItem *item)
{
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  GtkStringList *targets;
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  guint i;

  g_return_val_if_fail (CB_IS_CODE_ITEM (item), NULL);

  codes = cb_project_list_codes (project, &error);
  if (codes == NULL)
    {
      cb_widget_show_error (parent, error);
      return NULL;
    }

  /* Any code but itself and its descendants. */
  targets = gtk_string_list_new (NULL);
  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);

      if (cb_code_path_is_within (info->path, cb_code_item_get_path (item)))
        continue;
      gtk_string_list_append (targets, info->path);
    }

  heading = g_strdup_printf (_("Merge “%s” Into…"), cb_code_item_get_name (item));
  dialog = new_dialog (parent, project, cb_code_item_get_path (item), heading,
                       _("Its codings move to the chosen code, its subcodes become the chosen code’s subcodes, and it is deleted."));
  adw_message_dialog_add_response (dialog, "merge", _("_Merge"));
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "merge",
                                           g_list_model_get_n_items (G_LIST_MODEL (targets)) > 0);

  drop_down = gtk_drop_down_new (G_LIST_MODEL (targets),
                                 gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Target code"),
                                  -1);
  adw_message_dialog_set_extra_child (dialog, drop_down);

  g_signal_connect (dialog, "response", G_CALLBACK (on_merge_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

