/* cb-case-filter-bar.c: conditions on the cases' attributes (issue 15)
 *
 * One row per condition (attribute, operator, value; all must hold), an
 * "Add Condition" button and a "Clear" button.  The value is typed, or
 * picked for a yes/no or choice attribute.  The bar makes no filter of its
 * own: it writes the conditions as the expressions the command line's
 * --where takes and hands them to cb_case_filter_new(), so the app and the
 * CLI read a filter the same way.  ::changed tells when the filter may
 * have changed (at once for a pick, shortly after typing stops).
 *
 * The rows are made in code: their number and their value editor follow
 * the project's attributes.
 *
 * Below the conditions, scope rows (issue 21): "Add Scope" offers a coder,
 * document set, phase, role or speaker (the kinds the project has names
 * for), each a compact row of its kind and a drop-down of the names; they
 * go to the filter through cb_case_filter_add(), with the command line's
 * meaning (one kind OR'ed, kinds AND'ed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-case-filter-bar.h"

/* How long typing may pause before the quotes are read again. */
#define TYPING_DELAY_MS 300

struct _CbCaseFilterBar
{
  GtkWidget   parent_instance;

  GtkWidget  *rows;           /* GtkBox of condition rows */
  GtkWidget  *scopes;         /* GtkBox of scope rows */
  GtkWidget  *scope_button;   /* GtkMenuButton: Add Scope */
  GtkWidget  *scope_items[CB_SCOPE_N_KINDS];
  GtkWidget  *add_button;     /* Add Condition (hidden with scopes only) */
  GtkWidget  *clear_button;

  CbProject  *project;
  GPtrArray  *attributes;     /* of CbAttributeInfo */
  guint       typing_id;
};

G_DEFINE_FINAL_TYPE (CbCaseFilterBar, cb_case_filter_bar, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The parts of a condition row, kept on the row. */
typedef struct
{
  GtkDropDown *attribute;
  GtkDropDown *op;
  GtkEntry    *entry;
  GtkDropDown *choice;
} Row;

static const char * const operators[] = { "=", "!=", "<", ">", "~" };

/* A scope row: its kind and the names to pick from. */
typedef struct
{
  CbScopeKind  kind;
  GtkDropDown *names;
} ScopeRow;

/* The kinds in the order of the Add Scope menu. */
static const struct
{
  CbScopeKind  kind;
  const char  *label;
} scope_kinds[] = {
  { CB_SCOPE_CODER, NC_("filter scope", "Coder") },
  { CB_SCOPE_SET, NC_("filter scope", "Document Set") },
  { CB_SCOPE_PHASE, NC_("filter scope", "Phase") },
  { CB_SCOPE_ROLE, NC_("filter scope", "Role") },
  { CB_SCOPE_SPEAKER, NC_("filter scope", "Speaker") },
};

#define SCOPE_LABEL(i) g_dpgettext2 (GETTEXT_PACKAGE, "filter scope", scope_kinds[i].label)

static void
emit_changed (CbCaseFilterBar *self)
{
  g_clear_handle_id (&self->typing_id, g_source_remove);
  gtk_widget_set_sensitive (self->clear_button,
                            gtk_widget_get_first_child (self->rows) != NULL ||
                            gtk_widget_get_first_child (self->scopes) != NULL);
  g_signal_emit (self, signals[CHANGED], 0);
}

static const CbAttributeInfo *
row_attribute (CbCaseFilterBar *self,
               Row             *row)
{
  guint i = gtk_drop_down_get_selected (row->attribute);

  if (self->attributes == NULL || i >= self->attributes->len)
    return NULL;
  return self->attributes->pdata[i];
}

/* A yes/no or choice attribute is picked from its values, anything else
 * typed; "contains" is typed whatever the type. */
static void
update_value_editor (CbCaseFilterBar *self,
                     Row             *row)
{
  const CbAttributeInfo *attribute = row_attribute (self, row);
  g_autoptr(GtkStringList) values = gtk_string_list_new (NULL);
  gboolean pick = FALSE;

  if (attribute != NULL && gtk_drop_down_get_selected (row->op) != CB_CASE_FILTER_CONTAINS)
    {
      if (attribute->type == CB_ATTRIBUTE_BOOLEAN)
        {
          gtk_string_list_append (values, "yes");
          gtk_string_list_append (values, "no");
          pick = TRUE;
        }
      else if (attribute->type == CB_ATTRIBUTE_CHOICE)
        {
          for (guint i = 0; attribute->choices != NULL && attribute->choices[i] != NULL; i++)
            gtk_string_list_append (values, attribute->choices[i]);
          pick = TRUE;
        }
    }
  if (pick)
    gtk_drop_down_set_model (row->choice, G_LIST_MODEL (values));
  gtk_widget_set_visible (GTK_WIDGET (row->choice), pick);
  gtk_widget_set_visible (GTK_WIDGET (row->entry), !pick);
  gtk_entry_set_placeholder_text (row->entry,
                                  attribute != NULL && attribute->type == CB_ATTRIBUTE_DATE
                                  ? _("YYYY-MM-DD") : _("Value"));
}

static char *
row_expression (CbCaseFilterBar *self,
                Row             *row)
{
  const CbAttributeInfo *attribute = row_attribute (self, row);
  guint op = gtk_drop_down_get_selected (row->op);
  const char *value = NULL;
  g_autofree char *stripped = NULL;

  if (attribute == NULL || op >= G_N_ELEMENTS (operators))
    return NULL;
  if (gtk_widget_get_visible (GTK_WIDGET (row->choice)))
    {
      GtkStringObject *item = gtk_drop_down_get_selected_item (row->choice);

      value = item != NULL ? gtk_string_object_get_string (item) : NULL;
    }
  else
    value = stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row->entry))));
  if (value == NULL || value[0] == '\0')
    return NULL;   /* not complete yet: no condition */
  return g_strconcat (attribute->name, operators[op], value, NULL);
}

char **
cb_case_filter_bar_dup_expressions (CbCaseFilterBar *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  g_return_val_if_fail (CB_IS_CASE_FILTER_BAR (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->rows); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *expression = row_expression (self, g_object_get_data (G_OBJECT (child), "cb-row"));

      if (expression != NULL)
        {
          g_strv_builder_add (builder, expression);
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

CbCaseFilter *
cb_case_filter_bar_dup_filter (CbCaseFilterBar  *self,
                               GError          **error)
{
  g_auto(GStrv) expressions = NULL;
  g_autoptr(CbCaseFilter) filter = NULL;

  g_return_val_if_fail (CB_IS_CASE_FILTER_BAR (self), NULL);

  expressions = cb_case_filter_bar_dup_expressions (self);
  if (expressions == NULL && gtk_widget_get_first_child (self->scopes) == NULL)
    return NULL;
  if (!(filter = cb_case_filter_new ((const char * const *) expressions, error)))
    return NULL;
  cb_case_filter_bar_add_scopes_to (self, filter);
  return g_steal_pointer (&filter);
}

void
cb_case_filter_bar_add_scopes_to (CbCaseFilterBar *self,
                                  CbCaseFilter    *filter)
{
  g_return_if_fail (CB_IS_CASE_FILTER_BAR (self));
  g_return_if_fail (filter != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (self->scopes); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ScopeRow *row = g_object_get_data (G_OBJECT (child), "cb-scope");
      GtkStringObject *item = gtk_drop_down_get_selected_item (row->names);

      if (item != NULL)
        cb_case_filter_add (filter, row->kind, gtk_string_object_get_string (item));
    }
}

static void on_pick_changed (CbCaseFilterBar *self);

/* The names a scope row of @kind offers (translated labels for roles are
 * not needed: roles are the same words on the command line). */
static GtkStringList *
scope_names (CbCaseFilterBar *self,
             CbScopeKind      kind)
{
  g_autoptr(GPtrArray) names = NULL;
  GtkStringList *list = gtk_string_list_new (NULL);

  if (self->project != NULL && (names = cb_project_list_scope_names (self->project, kind, NULL)))
    for (guint i = 0; i < names->len; i++)
      gtk_string_list_append (list, names->pdata[i]);
  return list;
}

static void
on_scope_remove_clicked (GtkButton       *button,
                         CbCaseFilterBar *self)
{
  gtk_box_remove (GTK_BOX (self->scopes), gtk_widget_get_parent (GTK_WIDGET (button)));
  emit_changed (self);
}

void
cb_case_filter_bar_add_scope (CbCaseFilterBar *self,
                              CbScopeKind      kind,
                              const char      *name)
{
  g_autoptr(GtkStringList) names = NULL;
  const char *label = NULL;
  GtkWidget *box, *title, *remove;
  ScopeRow *row;
  guint selected = 0;
  guint n;

  g_return_if_fail (CB_IS_CASE_FILTER_BAR (self));
  g_return_if_fail (kind < CB_SCOPE_N_KINDS);

  for (guint i = 0; i < G_N_ELEMENTS (scope_kinds); i++)
    if (scope_kinds[i].kind == kind)
      label = SCOPE_LABEL (i);
  names = scope_names (self, kind);
  if (label == NULL || (n = g_list_model_get_n_items (G_LIST_MODEL (names))) == 0)
    return;
  for (guint i = 0; name != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (names, i), name) == 0)
      selected = i;

  row = g_new0 (ScopeRow, 1);
  row->kind = kind;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_object_set_data_full (G_OBJECT (box), "cb-scope", row, g_free);
  title = gtk_label_new (label);
  gtk_widget_add_css_class (title, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  row->names = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  gtk_drop_down_set_selected (row->names, selected);
  gtk_widget_set_hexpand (GTK_WIDGET (row->names), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->names), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Scope"));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->names));
  gtk_box_append (GTK_BOX (box), remove);
  g_signal_connect_object (row->names, "notify::selected", G_CALLBACK (on_pick_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_scope_remove_clicked), self, 0);
  gtk_box_append (GTK_BOX (self->scopes), box);
  emit_changed (self);
}

guint
cb_case_filter_bar_get_n_scopes (CbCaseFilterBar *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_CASE_FILTER_BAR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->scopes); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* Whether option @kind has something to pick: a single coder narrows
 * nothing. */
static gboolean
scope_has_names (CbCaseFilterBar *self,
                 CbScopeKind      kind)
{
  g_autoptr(GPtrArray) names = NULL;

  if (self->project == NULL || !(names = cb_project_list_scope_names (self->project, kind, NULL)))
    return FALSE;
  return names->len > (kind == CB_SCOPE_CODER ? 1u : 0u);
}

gboolean
cb_case_filter_bar_has_choices (CbCaseFilterBar *self)
{
  g_return_val_if_fail (CB_IS_CASE_FILTER_BAR (self), FALSE);

  if (cb_case_filter_bar_has_attributes (self))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (scope_kinds); i++)
    if (scope_has_names (self, scope_kinds[i].kind))
      return TRUE;
  return FALSE;
}

static void
on_pick_changed (CbCaseFilterBar *self)
{
  emit_changed (self);
}

static void
on_kind_changed (GtkDropDown     *drop_down,
                 GParamSpec      *pspec,
                 CbCaseFilterBar *self)
{
  GtkWidget *row = gtk_widget_get_parent (GTK_WIDGET (drop_down));

  update_value_editor (self, g_object_get_data (G_OBJECT (row), "cb-row"));
  emit_changed (self);
}

static gboolean
typing_done (gpointer data)
{
  CbCaseFilterBar *self = data;

  self->typing_id = 0;
  emit_changed (self);
  return G_SOURCE_REMOVE;
}

static void
on_entry_changed (CbCaseFilterBar *self)
{
  g_clear_handle_id (&self->typing_id, g_source_remove);
  self->typing_id = g_timeout_add (TYPING_DELAY_MS, typing_done, self);
}

static void
on_remove_clicked (GtkButton       *button,
                   CbCaseFilterBar *self)
{
  gtk_box_remove (GTK_BOX (self->rows), gtk_widget_get_parent (GTK_WIDGET (button)));
  emit_changed (self);
}

static GtkStringList *
attribute_names (CbCaseFilterBar *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  for (guint i = 0; self->attributes != NULL && i < self->attributes->len; i++)
    gtk_string_list_append (names, ((CbAttributeInfo *) self->attributes->pdata[i])->name);
  return names;
}

static guint
attribute_index (CbCaseFilterBar *self,
                 const char      *name)
{
  for (guint i = 0; name != NULL && self->attributes != NULL && i < self->attributes->len; i++)
    if (g_strcmp0 (((CbAttributeInfo *) self->attributes->pdata[i])->name, name) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

void
cb_case_filter_bar_add_condition (CbCaseFilterBar      *self,
                                  const char           *attribute,
                                  CbCaseFilterOperator  op,
                                  const char           *value)
{
  const char *operator_labels[] = { "=", "≠", "<", ">", _("contains"), NULL };
  GtkWidget *box, *remove;
  Row *row;
  guint index;

  g_return_if_fail (CB_IS_CASE_FILTER_BAR (self));

  if (self->attributes == NULL || self->attributes->len == 0)
    return;
  index = attribute != NULL ? attribute_index (self, attribute) : 0;
  if (index == GTK_INVALID_LIST_POSITION)
    return;

  row = g_new0 (Row, 1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  g_object_set_data_full (G_OBJECT (box), "cb-row", row, g_free);

  row->attribute = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (attribute_names (self)), NULL));
  gtk_drop_down_set_selected (row->attribute, index);
  gtk_widget_set_hexpand (GTK_WIDGET (row->attribute), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->attribute),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Attribute"), -1);
  row->op = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (operator_labels));
  gtk_drop_down_set_selected (row->op, op);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->op),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Operator"), -1);
  row->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (row->entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (row->entry), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  row->choice = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (row->choice), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->choice),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Value"), -1);
  remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Condition"));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->attribute));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->op));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->choice));
  gtk_box_append (GTK_BOX (box), remove);
  update_value_editor (self, row);

  if (value != NULL && gtk_widget_get_visible (GTK_WIDGET (row->choice)))
    {
      GListModel *values = gtk_drop_down_get_model (row->choice);

      for (guint i = 0; i < g_list_model_get_n_items (values); i++)
        {
          g_autoptr(GtkStringObject) item = g_list_model_get_item (values, i);

          if (g_strcmp0 (gtk_string_object_get_string (item), value) == 0)
            gtk_drop_down_set_selected (row->choice, i);
        }
    }
  else if (value != NULL)
    gtk_editable_set_text (GTK_EDITABLE (row->entry), value);

  g_signal_connect_object (row->attribute, "notify::selected", G_CALLBACK (on_kind_changed), self, 0);
  g_signal_connect_object (row->op, "notify::selected", G_CALLBACK (on_kind_changed), self, 0);
  g_signal_connect_object (row->choice, "notify::selected", G_CALLBACK (on_pick_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->entry, "changed", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row->entry, "activate", G_CALLBACK (emit_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);
  gtk_box_append (GTK_BOX (self->rows), box);
  emit_changed (self);
}

void
cb_case_filter_bar_clear (CbCaseFilterBar *self)
{
  GtkWidget *child;

  g_return_if_fail (CB_IS_CASE_FILTER_BAR (self));

  if (gtk_widget_get_first_child (self->rows) == NULL && gtk_widget_get_first_child (self->scopes) == NULL)
    return;
  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
  while ((child = gtk_widget_get_first_child (self->scopes)) != NULL)
    gtk_box_remove (GTK_BOX (self->scopes), child);
  emit_changed (self);
}

guint
cb_case_filter_bar_get_n_conditions (CbCaseFilterBar *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_CASE_FILTER_BAR (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (self->rows); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

gboolean
cb_case_filter_bar_has_attributes (CbCaseFilterBar *self)
{
  g_return_val_if_fail (CB_IS_CASE_FILTER_BAR (self), FALSE);
  return self->attributes != NULL && self->attributes->len > 0;
}

typedef struct
{
  char *name;
  guint op;
  char *value;
} Kept;

static void
kept_clear (Kept *kept)
{
  g_free (kept->name);
  g_free (kept->value);
}

void
cb_case_filter_bar_reload (CbCaseFilterBar *self)
{
  g_autoptr(GPtrArray) old = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, TRUE, sizeof (Kept));
  GtkWidget *child;

  g_return_if_fail (CB_IS_CASE_FILTER_BAR (self));

  /* The rows name attributes by position: keep them by name across the
   * reload, and drop those whose attribute went or changed type. */
  g_array_set_clear_func (kept, (GDestroyNotify) kept_clear);
  old = g_steal_pointer (&self->attributes);
  if (self->project != NULL)
    self->attributes = cb_project_list_attributes (self->project, NULL);
  if (gtk_widget_get_first_child (self->rows) == NULL)
    return;

  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    {
      Row *row = g_object_get_data (G_OBJECT (child), "cb-row");
      guint i = gtk_drop_down_get_selected (row->attribute);
      const CbAttributeInfo *before = old != NULL && i < old->len ? old->pdata[i] : NULL;
      guint now = before != NULL ? attribute_index (self, before->name) : GTK_INVALID_LIST_POSITION;

      if (now != GTK_INVALID_LIST_POSITION &&
          ((CbAttributeInfo *) self->attributes->pdata[now])->type == before->type)
        {
          GtkStringObject *item = gtk_drop_down_get_selected_item (row->choice);
          Kept k = {
            g_strdup (before->name),
            gtk_drop_down_get_selected (row->op),
            g_strdup (gtk_widget_get_visible (GTK_WIDGET (row->choice))
                      ? (item != NULL ? gtk_string_object_get_string (item) : NULL)
                      : gtk_editable_get_text (GTK_EDITABLE (row->entry))),
          };

          g_array_append_val (kept, k);
        }
      gtk_box_remove (GTK_BOX (self->rows), child);
    }
  g_clear_handle_id (&self->typing_id, g_source_remove);
  for (guint i = 0; i < kept->len; i++)
    {
      Kept *k = &g_array_index (kept, Kept, i);

      cb_case_filter_bar_add_condition (self, k->name, k->op, k->value);
    }
  emit_changed (self);
}

void
cb_case_filter_bar_set_project (CbCaseFilterBar *self,
                                CbProject       *project)
{
  GtkWidget *child;

  g_return_if_fail (CB_IS_CASE_FILTER_BAR (self));

  g_set_object (&self->project, project);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (self->rows)) != NULL)
    gtk_box_remove (GTK_BOX (self->rows), child);
  while ((child = gtk_widget_get_first_child (self->scopes)) != NULL)
    gtk_box_remove (GTK_BOX (self->scopes), child);
  cb_case_filter_bar_reload (self);
  emit_changed (self);
}

static void
on_add_clicked (CbCaseFilterBar *self)
{
  cb_case_filter_bar_add_condition (self, NULL, CB_CASE_FILTER_EQUAL, NULL);
}

static void
on_scope_item_clicked (GtkButton       *item,
                       CbCaseFilterBar *self)
{
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->scope_button));
  cb_case_filter_bar_add_scope (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (item), "cb-kind")), NULL);
}

/* The menu offers the kinds the project has names for, as it is now. */
static void
on_scope_menu_shown (CbCaseFilterBar *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (scope_kinds); i++)
    gtk_widget_set_sensitive (self->scope_items[scope_kinds[i].kind], scope_has_names (self, scope_kinds[i].kind));
}

static void
cb_case_filter_bar_dispose (GObject *object)
{
  CbCaseFilterBar *self = CB_CASE_FILTER_BAR (object);
  GtkWidget *child;

  g_clear_handle_id (&self->typing_id, g_source_remove);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_case_filter_bar_parent_class)->dispose (object);
}

static void
cb_case_filter_bar_class_init (CbCaseFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_case_filter_bar_dispose;

  /* ::changed: the conditions may make another filter. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "casefilterbar");
}

static void
cb_case_filter_bar_init (CbCaseFilterBar *self)
{
  GtkWidget *buttons, *add, *menu, *popover;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), 4);

  self->rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->rows, GTK_WIDGET (self));
  self->scopes = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->scopes, GTK_WIDGET (self));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  add = self->add_button = gtk_button_new_with_mnemonic (_("_Add Condition"));
  gtk_widget_set_tooltip_text (add, _("Only quotes of cases whose attributes meet every condition"));
  g_signal_connect_object (add, "clicked", G_CALLBACK (on_add_clicked), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), add);
  /* one compact button for every other kind of filter */
  menu = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  for (guint i = 0; i < G_N_ELEMENTS (scope_kinds); i++)
    {
      GtkWidget *item = gtk_button_new_with_label (SCOPE_LABEL (i));

      gtk_widget_add_css_class (item, "flat");
      gtk_widget_set_halign (gtk_button_get_child (GTK_BUTTON (item)), GTK_ALIGN_START);
      g_object_set_data (G_OBJECT (item), "cb-kind", GUINT_TO_POINTER (scope_kinds[i].kind));
      g_signal_connect_object (item, "clicked", G_CALLBACK (on_scope_item_clicked), self, 0);
      self->scope_items[scope_kinds[i].kind] = item;
      gtk_box_append (GTK_BOX (menu), item);
    }
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), menu);
  g_signal_connect_object (popover, "show", G_CALLBACK (on_scope_menu_shown), self, G_CONNECT_SWAPPED);
  self->scope_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->scope_button), _("_Scope"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (self->scope_button), TRUE);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->scope_button), popover);
  gtk_widget_set_tooltip_text (self->scope_button,
                               _("Only the quotes of a coder, document set, phase, role or speaker"));
  gtk_box_append (GTK_BOX (buttons), self->scope_button);
  self->clear_button = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_set_sensitive (self->clear_button, FALSE);
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (cb_case_filter_bar_clear), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), self->clear_button);
  gtk_widget_set_parent (buttons, GTK_WIDGET (self));
}

CbCaseFilterBar *
cb_case_filter_bar_new (void)
{
  return g_object_new (CB_TYPE_CASE_FILTER_BAR, NULL);
}

GtkWidget *
cb_case_filter_bar_new_scope_button (CbCaseFilterBar **bar)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  CbCaseFilterBar *scopes = cb_case_filter_bar_new ();

  g_return_val_if_fail (bar != NULL, NULL);

  gtk_widget_set_visible (scopes->add_button, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (scopes), 280, -1);
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (scopes));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("_Scope"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (button), TRUE);
  gtk_widget_set_tooltip_text (button, _("Only the codings of a coder, document set, phase, role or speaker"));
  *bar = scopes;
  return button;
}
