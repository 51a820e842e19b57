/* cb-window-layout.c: the window's layout
 *
 * The side panes (AdwFlaps: beside the centre when there is room, over it
 * when not) with their resize handles and remembered widths, the split
 * between documents and codes, the centre's view switcher, the bar of
 * recently applied codes, paragraph numbers in the transcript's margin,
 * the Document Properties window, and the accessors the tests and tools
 * use to reach the parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-coding-gutter.h"
#include "cb-document-properties.h"
#include "cb-window-private.h"

#define MAX_RECENT_CODES 6
/* Below this a pane is too narrow for its names; above, the centre is. */
#define PANE_MIN_WIDTH   180
#define PANE_MAX_WIDTH   640

/* Panes: resizable, remembered ----------------------------------------- */

/* A pane's handle is dragged: the pane takes the new width, saved in the
 * settings when the drag ends.  The details pane grows leftwards. */
static void
on_handle_drag_begin (GtkGestureDrag *gesture,
                      double          x,
                      double          y,
                      CbWindow       *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget *pane = handle == self->sidebar_handle ? self->sidebar : self->details_pane;

  self->drag_start_width = gtk_widget_get_width (pane);
}

static void
on_handle_drag_update (GtkGestureDrag *gesture,
                       double          dx,
                       double          dy,
                       CbWindow       *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  gboolean sidebar = handle == self->sidebar_handle;
  int width = self->drag_start_width + (int) (sidebar ? dx : -dx);

  if (gtk_widget_get_direction (handle) == GTK_TEXT_DIR_RTL)
    width = self->drag_start_width - (int) (sidebar ? dx : -dx);
  width = CLAMP (width, PANE_MIN_WIDTH, PANE_MAX_WIDTH);
  gtk_widget_set_size_request (sidebar ? self->sidebar : self->details_pane, width, -1);
}

static void
on_handle_drag_end (GtkGestureDrag *gesture,
                    double          dx,
                    double          dy,
                    CbWindow       *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  gboolean sidebar = handle == self->sidebar_handle;
  int width;

  gtk_widget_get_size_request (sidebar ? self->sidebar : self->details_pane, &width, NULL);
  g_settings_set_int (self->settings, sidebar ? "sidebar-width" : "details-width", width);
}

static void
setup_handle (CbWindow  *self,
              GtkWidget *handle)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_widget_set_cursor_from_name (handle, "col-resize");
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_handle_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_handle_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_handle_drag_end), self);
  gtk_widget_add_controller (handle, GTK_EVENT_CONTROLLER (drag));
}

void
_cb_window_apply_pane_widths (CbWindow *self)
{
  gtk_widget_set_size_request (self->sidebar,
                               CLAMP (g_settings_get_int (self->settings, "sidebar-width"),
                                      PANE_MIN_WIDTH, PANE_MAX_WIDTH), -1);
  gtk_widget_set_size_request (self->details_pane,
                               CLAMP (g_settings_get_int (self->settings, "details-width"),
                                      PANE_MIN_WIDTH, PANE_MAX_WIDTH), -1);
}

/* The switcher bar shows once the centre has a second view. */
static void
update_view_switcher (CbWindow *self)
{
  GtkSelectionModel *pages = adw_view_stack_get_pages (self->view_stack);

  adw_view_switcher_bar_set_reveal (self->view_switcher_bar,
                                    g_list_model_get_n_items (G_LIST_MODEL (pages)) > 1);
  g_object_unref (pages);
}

/* F9 and Shift+F9 show or hide a side pane, as its header button does. */
static void
toggle_pane_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  AdwFlap *flap = g_str_equal (action_name, "win.show-sidebar") ? self->sidebar_flap : self->details_flap;

  if (self->project != NULL)
    adw_flap_set_reveal_flap (flap, !adw_flap_get_reveal_flap (flap));
}

/* Paragraph numbers ------------------------------------------------------ */

static void
apply_paragraph_numbers (CbWindow *self)
{
  GtkWidget *gutter = cb_transcript_view_get_gutter (self->transcript_view);

  cb_coding_gutter_set_show_paragraph_numbers (CB_CODING_GUTTER (gutter),
                                               g_settings_get_boolean (self->settings,
                                                                       "show-paragraph-numbers"));
}

/* Document Properties ---------------------------------------------------- */

/* win.document-properties (s): the properties of the document named by the
 * parameter, or of the open one when it is "" (Alt+Enter). */
static void
document_properties_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CbWindow *self = CB_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  CbDocumentProperties *properties;

  /* While a job's connection works, this one stays idle. */
  if (self->project == NULL || self->job_exclusive)
    return;
  if (name[0] == '\0')
    name = self->document_name;
  if (name == NULL)
    return;

  if ((info = cb_project_get_document (self->project, name, &error)) == NULL ||
      (properties = cb_document_properties_new (self->project, info->id, &error)) == NULL)
    {
      cb_window_show_error (self, error);
      return;
    }
  gtk_window_set_transient_for (GTK_WINDOW (properties), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (properties));
}

void
_cb_window_class_layout_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.document-properties", "s", document_properties_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_ALT_MASK,
                                       "win.document-properties", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_ALT_MASK,
                                       "win.document-properties", "s", "");
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, toggle_pane_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, toggle_pane_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.show-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, GDK_SHIFT_MASK, "win.show-details", NULL);
}

void
_cb_window_setup_panes (CbWindow *self)
{
  _cb_window_apply_pane_widths (self);
  setup_handle (self, self->sidebar_handle);
  setup_handle (self, self->details_handle);
  g_settings_bind (self->settings, "sidebar-split", self->sidebar_paned, "position",
                   G_SETTINGS_BIND_DEFAULT);
  /* win.show-paragraph-numbers toggles the setting; every window follows it. */
  {
    g_autoptr(GAction) action = g_settings_create_action (self->settings, "show-paragraph-numbers");

    g_action_map_add_action (G_ACTION_MAP (self), action);
  }
  g_signal_connect_object (self->settings, "changed::show-paragraph-numbers",
                           G_CALLBACK (apply_paragraph_numbers), self, G_CONNECT_SWAPPED);
  apply_paragraph_numbers (self);
  /* The buttons show whether the panes show (a folded pane hides itself). */
  g_object_bind_property (self->sidebar_flap, "reveal-flap", self->sidebar_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->details_flap, "reveal-flap", self->details_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  update_view_switcher (self);
}

/* Recent codes ----------------------------------------------------------- */

void
_cb_window_note_recent_code (CbWindow   *self,
                             const char *path)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-codes");
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) codes = NULL;
  guint i, n = 1;

  if (old[0] != NULL && g_strcmp0 (old[0], path) == 0)
    return;   /* already the most recent: nothing to redo */
  builder = g_strv_builder_new ();

  g_strv_builder_add (builder, path);
  for (i = 0; old[i] != NULL && n < MAX_RECENT_CODES; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  codes = g_strv_builder_end (builder);
  /* The settings' ::changed rebuilds the bar. */
  g_settings_set_strv (self->settings, "recent-codes", (const char * const *) codes);
}

void
_cb_window_refresh_recent_codes (CbWindow *self)
{
  g_auto(GStrv) codes = g_settings_get_strv (self->settings, "recent-codes");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GHashTable) by_path = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child, *next;
  guint i, shown = 0;

  if (self->job_exclusive)
    return;   /* rebuilt when the job is done */

  if (self->project != NULL && codes[0] != NULL)
    all = cb_project_list_codes (self->project, NULL);
  for (i = 0; all != NULL && i < all->len; i++)
    {
      CbCodeInfo *info = g_ptr_array_index (all, i);

      g_hash_table_insert (by_path, info->path, info);
    }

  /* Keep the leading label, rebuild the buttons. */
  child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_codes_box));
  for (child = child ? gtk_widget_get_next_sibling (child) : NULL; child != NULL; child = next)
    {
      next = gtk_widget_get_next_sibling (child);
      gtk_box_remove (self->recent_codes_box, child);
    }

  for (i = 0; self->project != NULL && codes[i] != NULL; i++)
    {
      const CbCodeInfo *info = g_hash_table_lookup (by_path, codes[i]);
      g_autofree char *markup = NULL;
      g_autofree char *css = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *button, *label;
      GdkRGBA rgba;

      if (info == NULL)
        continue;

      cb_code_color_to_rgba (info->color, info->id, &rgba);
      css = cb_rgba_to_hex (&rgba);
      markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span> %s", css, info->name);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.apply-code");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (info->path));
      tooltip = g_strdup_printf (_("Code the selection with “%s”"), info->path);
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      gtk_box_append (self->recent_codes_box, button);
      shown++;
    }

  gtk_revealer_set_reveal_child (self->recent_codes_revealer, shown > 0);
}

/* Parts, for the tests and the tools -------------------------------------- */

CbTranscriptView *
cb_window_get_transcript_view (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->transcript_view;
}

CbCodeTree *
cb_window_get_code_tree (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->code_tree;
}

CbDocumentList *
cb_window_get_document_list (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->document_list;
}

CbQuotesPane *
cb_window_get_quotes_pane (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->quotes_pane;
}

CbMemoEditor *
cb_window_get_memo_editor (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->memo_editor;
}

CbSearchPanel *
cb_window_get_search_panel (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->search_panel;
}

CbSearchResults *
cb_window_get_search_results (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->search_results;
}

CbStartPage *
cb_window_get_start_page (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->start_page;
}

const char *
cb_window_get_page (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->main_stack);
}

const char *
cb_window_get_centre_page (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->centre_stack);
}

const char *
cb_window_get_document_name (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return self->document_name;
}

const char *
cb_window_get_subtitle (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->window_title);
}

gboolean
cb_window_get_job_visible (CbWindow *self)
{
  g_return_val_if_fail (CB_IS_WINDOW (self), FALSE);
  return gtk_revealer_get_reveal_child (self->progress_revealer);
}
