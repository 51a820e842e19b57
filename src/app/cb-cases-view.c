/* cb-cases-view.c: the case sheet, a row per case and a column per attribute (issue 15)
 *
 * Each cell is edited in place with the editor its attribute's type needs:
 * an entry for text, numbers and dates (the core checks them), a
 * switch for yes/no, a drop-down for a choice.  Every edit is one core
 * operation, so one undo step; a refused value is shown under the sheet
 * and the cell goes back to the stored value.  A case is deleted from its
 * name's menu, an attribute renamed or deleted from its column's header
 * menu; the sheet menu imports a sheet (CSV/TSV, through the core's
 * cb_project_import_attributes(), whose errors name the line and column)
 * and exports one as the spreadsheet programs read it back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cb-cases-view.h"
#include "cb-export-xml.h"

struct _CbCasesView
{
  GtkBox          parent_instance;

  GtkColumnView  *sheet;
  GtkEntry       *case_entry;
  GtkEntry       *attribute_entry;
  GtkDropDown    *type_dropdown;
  GtkLabel       *message_label;

  CbProject      *project;
  gulong          changed_id;
  guint           reload_id;
  GListStore     *cases;        /* GtkStringObject: the case names, in order */
  GHashTable     *infos;        /* name -> CbCaseInfo */
  GPtrArray      *attributes;   /* CbAttributeInfo */
  char           *message;
  char           *columns_key;  /* the attributes the columns were made for */
  GPtrArray      *cells;        /* every cell editor made (setup … teardown) */
  gboolean        binding;      /* setting a cell from the store, not the user */
};

G_DEFINE_FINAL_TYPE (CbCasesView, cb_cases_view, GTK_TYPE_BOX)

/* The column of the case names. */
#define NAME_COLUMN (-1)

static void
show_message (CbCasesView *self,
              const char  *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static CbAttributeInfo *
column_attribute (CbCasesView *self,
                  int          column)
{
  if (column == NAME_COLUMN || self->attributes == NULL || (guint) column >= self->attributes->len)
    return NULL;
  return self->attributes->pdata[column];
}

/* The stored value of @column for the case of @list_item. */
static const char *
cell_value (CbCasesView *self,
            GtkListItem *list_item,
            int          column)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const char *name = item != NULL ? gtk_string_object_get_string (item) : NULL;
  CbCaseInfo *info = name != NULL ? g_hash_table_lookup (self->infos, name) : NULL;

  if (info == NULL)
    return "";
  if (column == NAME_COLUMN)
    return info->name;
  if ((guint) column >= g_strv_length (info->values))
    return "";
  return info->values[column];
}

static void
fill_cell (CbCasesView *self,
           GtkWidget   *cell,
           GtkListItem *list_item,
           int          column)
{
  CbAttributeInfo *attribute = column_attribute (self, column);
  const char *value = cell_value (self, list_item, column);

  self->binding = TRUE;
  if (GTK_IS_SWITCH (cell))
    gtk_switch_set_active (GTK_SWITCH (cell), g_str_equal (value, "yes"));
  else if (GTK_IS_DROP_DOWN (cell))
    {
      guint selected = 0;

      for (guint i = 0; attribute != NULL && attribute->choices != NULL && attribute->choices[i] != NULL; i++)
        if (g_str_equal (attribute->choices[i], value))
          selected = i + 1;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (cell), selected);
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (cell), value);
  if (column == NAME_COLUMN && GTK_IS_ENTRY (cell))
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Delete Case"), NULL);

      g_menu_item_set_action_and_target_value (item, "cases.delete-case", g_variant_new_string (value));
      g_menu_append_item (menu, item);
      gtk_entry_set_extra_menu (GTK_ENTRY (cell), G_MENU_MODEL (menu));
    }
  self->binding = FALSE;
}

/* A cell was changed by the user: store it. */
static void
commit_cell (CbCasesView *self,
             GtkWidget   *cell)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "cb-list-item");
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cb-column"));
  CbAttributeInfo *attribute = column_attribute (self, column);
  g_autoptr(GError) error = NULL;
  g_autofree char *case_name = NULL;
  g_autofree char *value = NULL;
  gboolean ok;

  if (self->binding || self->project == NULL || list_item == NULL || gtk_list_item_get_item (list_item) == NULL)
    return;
  case_name = g_strdup (cell_value (self, list_item, NAME_COLUMN));

  if (GTK_IS_SWITCH (cell))
    value = g_strdup (gtk_switch_get_active (GTK_SWITCH (cell)) ? "yes" : "no");
  else if (GTK_IS_DROP_DOWN (cell))
    {
      guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (cell));

      value = g_strdup (selected > 0 && attribute != NULL ? attribute->choices[selected - 1] : "");
    }
  else
    value = g_strdup (gtk_editable_get_text (GTK_EDITABLE (cell)));

  if (g_strcmp0 (value, cell_value (self, list_item, column)) == 0)
    return;
  if (column == NAME_COLUMN)
    ok = cb_project_rename_case (self->project, case_name, value, &error);
  else
    ok = cb_project_set_case_value (self->project, case_name, attribute->name, value, &error);

  show_message (self, ok ? NULL : error->message);
  if (!ok)
    fill_cell (self, cell, list_item, column);
}

static void
on_entry_activate (GtkEntry    *entry,
                   CbCasesView *self)
{
  commit_cell (self, GTK_WIDGET (entry));
}

static void
on_entry_leave (GtkEventControllerFocus *controller,
                CbCasesView             *self)
{
  commit_cell (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
on_cell_changed (GtkWidget   *cell,
                 GParamSpec  *pspec,
                 CbCasesView *self)
{
  commit_cell (self, cell);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            CbCasesView              *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cb-column"));
  CbAttributeInfo *attribute = column_attribute (self, column);
  GtkWidget *cell;

  if (attribute != NULL && attribute->type == CB_ATTRIBUTE_BOOLEAN)
    {
      cell = gtk_switch_new ();
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      g_signal_connect_object (cell, "notify::active", G_CALLBACK (on_cell_changed), self, 0);
    }
  else if (attribute != NULL && attribute->type == CB_ATTRIBUTE_CHOICE)
    {
      g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

      gtk_string_list_append (strings, "");
      for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
        gtk_string_list_append (strings, attribute->choices[i]);
      cell = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
      g_signal_connect_object (cell, "notify::selected", G_CALLBACK (on_cell_changed), self, 0);
    }
  else
    {
      /* an entry, not a GtkEditableLabel: GTK 4.8's stops editing from an
       * idle that outlives a label the sheet replaced */
      GtkEventController *focus = gtk_event_controller_focus_new ();

      cell = gtk_entry_new ();
      gtk_entry_set_has_frame (GTK_ENTRY (cell), FALSE);
      g_signal_connect_object (cell, "activate", G_CALLBACK (on_entry_activate), self, 0);
      g_signal_connect_object (focus, "leave", G_CALLBACK (on_entry_leave), self, 0);
      gtk_widget_add_controller (cell, focus);
    }
  g_object_set_data (G_OBJECT (cell), "cb-list-item", list_item);
  g_object_set_data (G_OBJECT (cell), "cb-column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (list_item, cell);
  g_ptr_array_add (self->cells, g_object_ref (cell));
}

static void
teardown_cell (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               CbCasesView              *self)
{
  if (self->cells != NULL)
    g_ptr_array_remove_fast (self->cells, gtk_list_item_get_child (list_item));
}

/* The values changed, not the rows or columns: every editor is given its
 * value again, none is made anew (one may be the widget being used). */
static void
refill_cells (CbCasesView *self)
{
  for (guint i = 0; i < self->cells->len; i++)
    {
      GtkWidget *cell = self->cells->pdata[i];
      GtkListItem *list_item = g_object_get_data (G_OBJECT (cell), "cb-list-item");

      /* A cell whose row went without its teardown having found it (its
       * child already unset) has no parent: its list item is gone. */
      if (gtk_widget_get_parent (cell) != NULL && gtk_list_item_get_item (list_item) != NULL)
        fill_cell (self, cell, list_item,
                   GPOINTER_TO_INT (g_object_get_data (G_OBJECT (cell), "cb-column")));
    }
}

static gboolean
same_names (GListModel *model,
            GPtrArray  *names)
{
  if (g_list_model_get_n_items (model) != names->len)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), gtk_string_object_get_string (names->pdata[i])) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           CbCasesView              *self)
{
  int column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "cb-column"));

  fill_cell (self, gtk_list_item_get_child (list_item), list_item, column);
}

static void
add_column (CbCasesView *self,
            const char  *title,
            int          column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_object_set_data (G_OBJECT (factory), "cb-column", GINT_TO_POINTER (column));
  g_signal_connect_object (factory, "setup", G_CALLBACK (setup_cell), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell), self, 0);
  g_signal_connect_object (factory, "teardown", G_CALLBACK (teardown_cell), self, 0);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  /* wide enough for "Respondent 12" and a typical value; the sheet
   * scrolls sideways rather than squeezing the names */
  gtk_column_view_column_set_fixed_width (view_column, column == NAME_COLUMN ? 180 : 150);
  if (column != NAME_COLUMN)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) rename = g_menu_item_new (_("_Rename Attribute…"), NULL);
      g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete Attribute"), NULL);

      g_menu_item_set_action_and_target_value (rename, "cases.ask-rename-attribute", g_variant_new_string (title));
      g_menu_append_item (menu, rename);
      g_menu_item_set_action_and_target_value (delete, "cases.delete-attribute", g_variant_new_string (title));
      g_menu_append_item (menu, delete);
      gtk_column_view_column_set_header_menu (view_column, G_MENU_MODEL (menu));
    }
  gtk_column_view_append_column (self->sheet, view_column);
  g_object_unref (view_column);
}

/* What the columns depend on: every attribute's name, type and choices. */
static char *
columns_key (GPtrArray *attributes)
{
  GString *key = g_string_new (NULL);

  for (guint a = 0; attributes != NULL && a < attributes->len; a++)
    {
      CbAttributeInfo *attribute = attributes->pdata[a];
      g_autofree char *choices = attribute->choices != NULL ? g_strjoinv ("\x1f", attribute->choices) : NULL;

      g_string_append_printf (key, "%s\x1e%d\x1e%s\x1d", attribute->name, attribute->type,
                              choices != NULL ? choices : "");
    }
  return g_string_free (key, FALSE);
}

/* Reads the cases and attributes again.  The columns are made anew only
 * when the attributes changed (one was added, renamed or retyped): the
 * editors of the other cells stay, and are given their new values. */
static void
reload (CbCasesView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autofree char *key = NULL;
  GListModel *columns = gtk_column_view_get_columns (self->sheet);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_object_unref);

  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_hash_table_remove_all (self->infos);
  if (self->project != NULL &&
      (!(self->attributes = cb_project_list_attributes (self->project, &error)) ||
       !(cases = cb_project_list_cases (self->project, NULL, &error))))
    show_message (self, error->message);

  if (cases != NULL)
    for (guint i = 0; i < cases->len; i++)
      {
        CbCaseInfo *info = cb_case_info_copy (cases->pdata[i]);

        g_hash_table_insert (self->infos, info->name, info);
        g_ptr_array_add (names, gtk_string_object_new (info->name));
      }

  key = columns_key (self->attributes);
  if (g_strcmp0 (key, self->columns_key) == 0 && g_list_model_get_n_items (columns) > 0)
    {
      if (same_names (G_LIST_MODEL (self->cases), names))
        {
          refill_cells (self);
          return;
        }
      goto rows;
    }
  g_free (self->columns_key);
  self->columns_key = g_steal_pointer (&key);
  /* a new sheet rather than columns taken out of the old one: GTK 4.8
   * runs a title's pending gesture on a removed column (a critical) */
  if (g_list_model_get_n_items (columns) > 0)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self->sheet), GTK_TYPE_SCROLLED_WINDOW);
      GtkSelectionModel *model = gtk_column_view_get_model (self->sheet);

      g_ptr_array_set_size (self->cells, 0);
      self->sheet = GTK_COLUMN_VIEW (gtk_column_view_new (g_object_ref (model)));
      gtk_column_view_set_show_column_separators (self->sheet, TRUE);
      gtk_column_view_set_show_row_separators (self->sheet, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->sheet), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Cases and their attributes"), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->sheet));
    }
  add_column (self, _("Case"), NAME_COLUMN);
  for (guint a = 0; self->attributes != NULL && a < self->attributes->len; a++)
    add_column (self, ((CbAttributeInfo *) self->attributes->pdata[a])->name, (int) a);

rows:
  g_list_store_splice (self->cases, 0, g_list_model_get_n_items (G_LIST_MODEL (self->cases)),
                       names->pdata, names->len);
}

static gboolean
reload_idle (gpointer data)
{
  CbCasesView *self = data;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* An editor that loses the focus commits (the "leave" handler): take
   * the focus out of the sheet first, so that it does so before it may be
   * replaced, and reload after that. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sheet)))
    {
      gtk_root_set_focus (root, NULL);
      return G_SOURCE_CONTINUE;
    }
  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

/* After the edit that caused it has returned: the cell is not rebuilt
 * under its own signal handler. */
static void
on_project_changed (CbCasesView *self,
                    guint        flags)
{
  if ((flags & CB_CHANGE_CASES) && self->reload_id == 0)
    /* after GTK's own idles too: an editor of the sheet may still have one
     * pending (stopping an edit), and reloading can replace that editor */
    self->reload_id = g_idle_add_full (G_PRIORITY_LOW, reload_idle, self, NULL);
}

void
cb_cases_view_set_project (CbCasesView *self,
                           CbProject   *project)
{
  g_return_if_fail (CB_IS_CASES_VIEW (self));

  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_set_object (&self->project, project);
  if (project != NULL)
    self->changed_id = g_signal_connect_swapped (project, "changed", G_CALLBACK (on_project_changed), self);
  show_message (self, NULL);
  reload (self);
}

static void
run_operation (CbCasesView *self,
               gboolean     ok,
               GError      *error)
{
  show_message (self, ok ? NULL : error->message);
}

static void
on_add_case (CbCasesView *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->case_entry));

  gtk_widget_activate_action (GTK_WIDGET (self), "cases.add-case", "s", name);
  if (self->message == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->case_entry), "");
}

static void
on_add_attribute (CbCasesView *self)
{
  static const char * const types[] = { "text", "number", "date", "boolean" };
  guint selected = gtk_drop_down_get_selected (self->type_dropdown);
  g_autofree char *spec = g_strdup_printf ("%s=%s", gtk_editable_get_text (GTK_EDITABLE (self->attribute_entry)),
                                           types[MIN (selected, G_N_ELEMENTS (types) - 1)]);

  gtk_widget_activate_action (GTK_WIDGET (self), "cases.add-attribute", "s", spec);
  if (self->message == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->attribute_entry), "");
}

static void
case_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CbCasesView *self = CB_CASES_VIEW (widget);
  const char *argument = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  if (self->project == NULL)
    return;
  if (g_str_equal (action_name, "cases.add-case"))
    ok = cb_project_add_case (self->project, argument, &error);
  else if (g_str_equal (action_name, "cases.delete-case"))
    ok = cb_project_delete_case (self->project, argument, &error);
  else if (g_str_equal (action_name, "cases.delete-attribute"))
    ok = cb_project_delete_attribute (self->project, argument, &error);
  else
    {
      /* "NAME=TYPE" */
      const char *equals = strrchr (argument, '=');
      g_autofree char *name = equals != NULL ? g_strndup (argument, equals - argument) : g_strdup (argument);
      CbAttributeType type = CB_ATTRIBUTE_TEXT;

      if (equals != NULL && !cb_attribute_type_from_string (equals + 1, &type))
        type = CB_ATTRIBUTE_TEXT;
      ok = cb_project_add_attribute (self->project, name, type, NULL, &error);
    }
  run_operation (self, ok, error);
}

static void
rename_attribute_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CbCasesView *self = CB_CASES_VIEW (widget);
  const char *name, *new_name;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;

  if (self->project == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &name, &new_name);
  stripped = g_strstrip (g_strdup (new_name));
  if (stripped[0] == '\0' || g_str_equal (stripped, name))
    return;
  run_operation (self, cb_project_rename_attribute (self->project, name, stripped, &error), error);
}

static void
on_rename_attribute_response (AdwMessageDialog *dialog,
                              const char       *response,
                              CbCasesView      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *name = g_object_get_data (G_OBJECT (dialog), "cb-name");

  if (g_strcmp0 (response, "rename") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "cases.rename-attribute", "(ss)",
                                name, gtk_editable_get_text (entry));
}

static void
ask_rename_attribute_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CbCasesView *self = CB_CASES_VIEW (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Rename Attribute"), NULL));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "rename", _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("New name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data_full (G_OBJECT (dialog), "cb-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_attribute_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Sheet files ------------------------------------------------------------- */

gboolean
cb_cases_view_import_sheet (CbCasesView *self,
                            GFile       *file)
{
  g_autoptr(GError) error = NULL;
  guint n_cases = 0, n_values = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_CASES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->project == NULL)
    return FALSE;
  /* one transaction, so one undo step; the error names the line and column */
  ok = cb_project_import_attributes (self->project, file, NULL, &n_cases, &n_values, &error);
  run_operation (self, ok, error);
  return ok;
}

gboolean
cb_cases_view_import_records (CbCasesView *self,
                              GFile       *file)
{
  g_autoptr(GError) error = NULL;
  guint n_records = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_CASES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->project == NULL)
    return FALSE;
  /* as `import --records` with its defaults: the first column names the
   * document and its case, long columns are the text, the rest
   * attributes; one transaction, so one undo step */
  ok = cb_project_import_records (self->project, file, NULL, NULL, &n_records, &error);
  run_operation (self, ok, error);
  return ok;
}

/* A field as spreadsheets write it: quoted when it holds the separator, a
 * quote or a line break, its quotes doubled. */
static void
append_sheet_field (GString    *out,
                    char        separator,
                    gboolean    first,
                    const char *text)
{
  if (!first)
    g_string_append_c (out, separator);
  if (strchr (text, separator) == NULL && strpbrk (text, "\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

gboolean
cb_cases_view_export_sheet (CbCasesView  *self,
                            GFile        *file,
                            gboolean      csv,
                            GError      **error)
{
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  char separator = csv ? ',' : '\t';

  g_return_val_if_fail (CB_IS_CASES_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->project == NULL)
    return TRUE;
  if (!(attributes = cb_project_list_attributes (self->project, error)) ||
      !(cases = cb_project_list_cases (self->project, NULL, error)))
    return FALSE;
  /* the header row as the import reads it: the case name first */
  append_sheet_field (out, separator, TRUE, "case");
  for (guint a = 0; a < attributes->len; a++)
    append_sheet_field (out, separator, FALSE, ((CbAttributeInfo *) attributes->pdata[a])->name);
  g_string_append (out, "\r\n");
  for (guint i = 0; i < cases->len; i++)
    {
      CbCaseInfo *info = cases->pdata[i];

      append_sheet_field (out, separator, TRUE, info->name);
      for (guint a = 0; a < attributes->len && info->values[a] != NULL; a++)
        append_sheet_field (out, separator, FALSE, info->values[a]);
      g_string_append (out, "\r\n");
    }
  bytes = g_string_free_to_bytes (g_steal_pointer (&out));
  return cb_export_write_file (bytes, file, error);
}

static void
on_import_response (GtkNativeDialog *chooser,
                    int              response,
                    CbCasesView     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && g_object_get_data (G_OBJECT (chooser), "cb-records") != NULL)
        cb_cases_view_import_records (self, file);
      else if (file != NULL)
        cb_cases_view_import_sheet (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export_response (GtkNativeDialog *chooser,
                    int              response,
                    CbCasesView     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      gboolean csv = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "cb-csv"));

      if (file != NULL)
        run_operation (self, cb_cases_view_export_sheet (self, file, csv, &error), error);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
sheet_file_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CbCasesView *self = CB_CASES_VIEW (widget);
  gboolean records = g_str_equal (action_name, "cases.import-records");
  gboolean import = records || g_str_equal (action_name, "cases.import-sheet");
  gboolean csv = !import && g_str_equal (g_variant_get_string (parameter, NULL), "csv");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->project == NULL)
    return;
  chooser = gtk_file_chooser_native_new (records ? _("Import Records") : import ? _("Import Sheet") : _("Export Sheet"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         import ? GTK_FILE_CHOOSER_ACTION_OPEN : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         import ? _("_Import") : _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (import)
    {
      gtk_file_filter_set_name (filter, _("Sheets (CSV, TSV)"));
      gtk_file_filter_add_suffix (filter, "csv");
      gtk_file_filter_add_suffix (filter, "tsv");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      if (records)
        g_object_set_data (G_OBJECT (chooser), "cb-records", GINT_TO_POINTER (TRUE));
      g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), g_object_ref (self));
    }
  else
    {
      /* Translators: the file name offered for an exported case sheet */
      g_autofree char *name = g_strdup_printf ("%s.%s", _("cases"), csv ? "csv" : "tsv");

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      g_object_set_data (G_OBJECT (chooser), "cb-csv", GINT_TO_POINTER (csv));
      g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GListModel *
cb_cases_view_get_cases (CbCasesView *self)
{
  g_return_val_if_fail (CB_IS_CASES_VIEW (self), NULL);
  return G_LIST_MODEL (self->cases);
}

GtkColumnView *
cb_cases_view_get_sheet (CbCasesView *self)
{
  g_return_val_if_fail (CB_IS_CASES_VIEW (self), NULL);
  return self->sheet;
}

const char *
cb_cases_view_get_message (CbCasesView *self)
{
  g_return_val_if_fail (CB_IS_CASES_VIEW (self), NULL);
  return self->message;
}

CbCasesView *
cb_cases_view_new (void)
{
  return g_object_new (CB_TYPE_CASES_VIEW, NULL);
}

static void
cb_cases_view_dispose (GObject *object)
{
  CbCasesView *self = CB_CASES_VIEW (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->project != NULL)
    g_clear_signal_handler (&self->changed_id, self->project);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_CASES_VIEW);
  G_OBJECT_CLASS (cb_cases_view_parent_class)->dispose (object);
}

static void
cb_cases_view_finalize (GObject *object)
{
  CbCasesView *self = CB_CASES_VIEW (object);

  g_clear_object (&self->cases);
  g_clear_pointer (&self->infos, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_free (self->message);
  g_free (self->columns_key);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  G_OBJECT_CLASS (cb_cases_view_parent_class)->finalize (object);
}

static void
cb_cases_view_class_init (CbCasesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_cases_view_dispose;
  object_class->finalize = cb_cases_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/codeboom/Codeboom/ui/cb-cases-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbCasesView, sheet);
  gtk_widget_class_bind_template_child (widget_class, CbCasesView, case_entry);
  gtk_widget_class_bind_template_child (widget_class, CbCasesView, attribute_entry);
  gtk_widget_class_bind_template_child (widget_class, CbCasesView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbCasesView, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_add_case);
  gtk_widget_class_bind_template_callback (widget_class, on_add_attribute);

  gtk_widget_class_install_action (widget_class, "cases.add-case", "s", case_action);
  gtk_widget_class_install_action (widget_class, "cases.add-attribute", "s", case_action);
  gtk_widget_class_install_action (widget_class, "cases.delete-case", "s", case_action);
  gtk_widget_class_install_action (widget_class, "cases.delete-attribute", "s", case_action);
  gtk_widget_class_install_action (widget_class, "cases.rename-attribute", "(ss)", rename_attribute_action);
  gtk_widget_class_install_action (widget_class, "cases.ask-rename-attribute", "s", ask_rename_attribute_action);
  gtk_widget_class_install_action (widget_class, "cases.import-sheet", NULL, sheet_file_action);
  gtk_widget_class_install_action (widget_class, "cases.import-records", NULL, sheet_file_action);
  gtk_widget_class_install_action (widget_class, "cases.export-sheet", "s", sheet_file_action);
}

static void
cb_cases_view_init (CbCasesView *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cases = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  /* held: a cell outlives a row torn down without its child */
  self->cells = g_ptr_array_new_with_free_func (g_object_unref);
  self->infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cb_case_info_free);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->cases)));
  gtk_column_view_set_model (self->sheet, GTK_SELECTION_MODEL (selection));
}
