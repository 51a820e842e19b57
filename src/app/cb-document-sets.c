/* cb-document-sets.c: the document sets above the documents list (issue 21)
 *
 * One row of toggle "chips": "All" and a chip per set; choosing one
 * narrows the documents list to that set's documents (::filter-changed,
 * the list asks cb_document_sets_shows()).  A document row dragged onto a
 * set's chip joins that set (the row is the drag source, offering the
 * document's id as a gint64).  The menu adds, renames and deletes sets.
 * Every change goes through the core's cb-sets.h: one undo step, and the
 * window's refresh (CB_CHANGE_DOCUMENTS) reads the sets again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-document-sets.h"
#include "cb-window-private.h"

struct _CbDocumentSets
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *chips_scroller;
  GtkBox         *chips;
  GtkMenuButton  *menu_button;

  /* Owned */
  CbProject      *project;
  GPtrArray      *sets;        /* (element-type CbDocumentSetInfo) */
  char           *selected;    /* NULL: all documents */
  GHashTable     *members;     /* names of the selected set's documents */
  gboolean        building;    /* chips being made: no toggles */
};

G_DEFINE_FINAL_TYPE (CbDocumentSets, cb_document_sets, GTK_TYPE_WIDGET)

enum {
  FILTER_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CbDocumentSetInfo *
find_set (CbDocumentSets *self,
          const char     *name)
{
  for (guint i = 0; name != NULL && self->sets != NULL && i < self->sets->len; i++)
    {
      CbDocumentSetInfo *info = self->sets->pdata[i];

      if (g_str_equal (info->name, name))
        return info;
    }
  return NULL;
}

/* While a job runs its worker owns the project: nothing else touches it. */
static gboolean
project_free (CbDocumentSets *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->project == NULL)
    return FALSE;
  if (CB_IS_WINDOW (root) && _cb_window_busy (CB_WINDOW (root)))
    {
      _cb_window_show_toast (CB_WINDOW (root), _("Wait for the running task to finish"));
      return FALSE;
    }
  return TRUE;
}

static void
update_members (CbDocumentSets *self)
{
  CbDocumentSetInfo *info = find_set (self, self->selected);

  g_hash_table_remove_all (self->members);
  for (guint i = 0; info != NULL && i < info->documents->len; i++)
    g_hash_table_add (self->members, g_strdup (info->documents->pdata[i]));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sets.rename", info != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sets.delete", info != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sets.add", self->project != NULL);
}

static void
choose (CbDocumentSets *self,
        const char     *name)
{
  if (g_strcmp0 (self->selected, name) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (name);
  update_members (self);
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void
on_chip_toggled (GtkToggleButton *chip,
                 CbDocumentSets  *self)
{
  if (self->building || !gtk_toggle_button_get_active (chip))
    return;
  choose (self, g_object_get_data (G_OBJECT (chip), "cb-set"));
}

static gboolean
on_drop (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         CbDocumentSets *self)
{
  GtkWidget *chip = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  g_autoptr(GError) error = NULL;

  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  if (!cb_document_sets_drop (self, g_object_get_data (G_OBJECT (chip), "cb-set"),
                              g_value_get_int64 (value), &error))
    {
      if (error != NULL)
        cb_widget_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }
  return TRUE;
}

static GtkWidget *
new_chip (CbDocumentSets *self,
          const char     *name,
          const char     *label,
          GtkToggleButton *group)
{
  GtkWidget *chip = gtk_toggle_button_new_with_label (label);

  gtk_widget_add_css_class (chip, "flat");
  gtk_widget_add_css_class (chip, "caption");
  g_object_set_data_full (G_OBJECT (chip), "cb-set", g_strdup (name), g_free);
  if (group != NULL)
    gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (chip), group);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), g_strcmp0 (name, self->selected) == 0);
  g_signal_connect_object (chip, "toggled", G_CALLBACK (on_chip_toggled), self, 0);
  if (name != NULL)
    {
      GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_COPY);
      g_autofree char *tooltip = g_strdup_printf (_("Drop documents here to add them to “%s”"), name);

      g_signal_connect_object (target, "drop", G_CALLBACK (on_drop), self, 0);
      gtk_widget_add_controller (chip, GTK_EVENT_CONTROLLER (target));
      gtk_widget_set_tooltip_text (chip, tooltip);
    }
  gtk_box_append (self->chips, chip);
  return chip;
}

void
cb_document_sets_refresh (CbDocumentSets *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *all;
  GtkWidget *child;
  gboolean emit = FALSE;

  g_return_if_fail (CB_IS_DOCUMENT_SETS (self));

  g_clear_pointer (&self->sets, g_ptr_array_unref);
  if (self->project != NULL && !(self->sets = cb_project_list_sets (self->project, &error)))
    g_warning ("Cannot read the document sets: %s", error->message);
  if (self->selected != NULL && find_set (self, self->selected) == NULL)
    {
      g_clear_pointer (&self->selected, g_free);
      emit = TRUE;
    }

  self->building = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips))) != NULL)
    gtk_box_remove (self->chips, child);
  /* TRANSLATORS: the chip above the documents list that shows every document, in no set */
  all = new_chip (self, NULL, _("All"), NULL);
  for (guint i = 0; self->sets != NULL && i < self->sets->len; i++)
    {
      CbDocumentSetInfo *info = self->sets->pdata[i];

      new_chip (self, info->name, info->name, GTK_TOGGLE_BUTTON (all));
    }
  self->building = FALSE;
  /* no sets yet: only the menu, to make one */
  gtk_widget_set_visible (self->chips_scroller, self->sets != NULL && self->sets->len > 0);

  update_members (self);
  /* members may have changed even when the chosen set did not */
  if (emit || self->selected != NULL)
    g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

void
cb_document_sets_set_project (CbDocumentSets *self,
                              CbProject      *project)
{
  g_return_if_fail (CB_IS_DOCUMENT_SETS (self));

  if (self->project != project)
    {
      g_set_object (&self->project, project);
      g_clear_pointer (&self->selected, g_free);
    }
  cb_document_sets_refresh (self);
}

const char *
cb_document_sets_get_selected (CbDocumentSets *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_SETS (self), NULL);
  return self->selected;
}

void
cb_document_sets_select (CbDocumentSets *self,
                         const char     *name)
{
  g_return_if_fail (CB_IS_DOCUMENT_SETS (self));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->chips));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *chip = child;

      if (g_strcmp0 (g_object_get_data (G_OBJECT (chip), "cb-set"), name) == 0)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (chip), TRUE);
    }
  choose (self, find_set (self, name) != NULL ? name : NULL);
}

gboolean
cb_document_sets_shows (CbDocumentSets *self,
                        const char     *name)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_SETS (self), TRUE);
  return self->selected == NULL || (name != NULL && g_hash_table_contains (self->members, name));
}

gboolean
cb_document_sets_drop (CbDocumentSets  *self,
                       const char      *name,
                       gint64           document_id,
                       GError         **error)
{
  g_autoptr(GPtrArray) documents = NULL;

  g_return_val_if_fail (CB_IS_DOCUMENT_SETS (self), FALSE);

  if (name == NULL || !project_free (self))
    return FALSE;
  if (!(documents = cb_project_list_documents (self->project, error)))
    return FALSE;
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *info = documents->pdata[i];

      if (info->id == document_id)
        {
          const char *names[] = { info->name, NULL };

          return cb_project_assign_set (self->project, name, names, error);
        }
    }
  return FALSE;
}

/* The menu's dialogs: a name asked for, then one core call. */

typedef enum { ASK_ADD, ASK_RENAME } AskKind;

static void
on_name_response (AdwMessageDialog *dialog,
                  const char       *response,
                  CbDocumentSets   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  AskKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cb-kind"));
  const char *old_name = g_object_get_data (G_OBJECT (dialog), "cb-set");
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (entry);
  gboolean ok;

  if (!g_str_equal (response, "ok") || !project_free (self))
    return;
  ok = kind == ASK_ADD ? cb_project_add_set (self->project, name, &error)
                       : cb_project_rename_set (self->project, old_name, name, &error);
  if (!ok)
    cb_widget_show_error (GTK_WIDGET (self), error);
  else if (kind == ASK_RENAME && g_strcmp0 (self->selected, old_name) == 0)
    {
      g_autofree char *normalized = cb_document_set_name_from (name, NULL);

      g_free (self->selected);
      self->selected = g_steal_pointer (&normalized);
      cb_document_sets_refresh (self);
    }
}

static void
ask_name (CbDocumentSets *self,
          AskKind         kind)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *heading = kind == ASK_ADD ? g_strdup (_("New Document Set"))
                                             : g_strdup_printf (_("Rename “%s”"), self->selected);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       heading, NULL));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "ok", kind == ASK_ADD ? _("_Add") : _("_Rename"));
  adw_message_dialog_set_response_appearance (dialog, "ok", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "ok");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  if (kind == ASK_RENAME)
    gtk_editable_set_text (GTK_EDITABLE (entry), self->selected);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_object_set_data (G_OBJECT (dialog), "cb-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (dialog), "cb-set", g_strdup (self->selected), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_name_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_response (AdwMessageDialog *dialog,
                    const char       *response,
                    CbDocumentSets   *self)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || !project_free (self))
    return;
  if (!cb_project_delete_set (self->project, g_object_get_data (G_OBJECT (dialog), "cb-set"), &error))
    cb_widget_show_error (GTK_WIDGET (self), error);
}

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ask_name (CB_DOCUMENT_SETS (widget), ASK_ADD);
}

static void
action_rename (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbDocumentSets *self = CB_DOCUMENT_SETS (widget);

  if (self->selected != NULL)
    ask_name (self, ASK_RENAME);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbDocumentSets *self = CB_DOCUMENT_SETS (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->selected == NULL)
    return;
  heading = g_strdup_printf (_("Delete “%s”?"), self->selected);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                                       _("The set goes; its documents stay. You can undo this.")));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "cb-set", g_strdup (self->selected), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cb_document_sets_dispose (GObject *object)
{
  CbDocumentSets *self = CB_DOCUMENT_SETS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_DOCUMENT_SETS);
  g_clear_object (&self->project);
  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->members, g_hash_table_unref);

  G_OBJECT_CLASS (cb_document_sets_parent_class)->dispose (object);
}

static void
cb_document_sets_class_init (CbDocumentSetsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_document_sets_dispose;

  /* ::filter-changed: another set was chosen, or the chosen one changed. */
  signals[FILTER_CHANGED] =
    g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-document-sets.ui");
  gtk_widget_class_bind_template_child (widget_class, CbDocumentSets, chips);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentSets, chips_scroller);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentSets, menu_button);
  gtk_widget_class_install_action (widget_class, "sets.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "sets.rename", NULL, action_rename);
  gtk_widget_class_install_action (widget_class, "sets.delete", NULL, action_delete);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
cb_document_sets_init (CbDocumentSets *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_margin_start (GTK_WIDGET (self), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self), 6);
  self->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  update_members (self);
  cb_document_sets_refresh (self);
}

GtkWidget *
cb_document_sets_new (void)
{
  return g_object_new (CB_TYPE_DOCUMENT_SETS, NULL);
}
