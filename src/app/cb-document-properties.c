/* cb-document-properties.c: a document's properties, and renaming it
 *
 * What the project knows about one document, read when the window opens
 * and again after each change of the project (a rename here, an undo):
 * its name, the file it was imported from and that file's format, the
 * encoding plain text was read in (found again from the kept original,
 * see cb_project_get_document_encoding()), when it was imported, and how
 * many characters, paragraphs (numbered as in the transcript's margin),
 * codings and speakers it has, and whether its text was edited or
 * pseudonymised since (a row added to the Source group here, after
 * Imported).  The name row renames on Apply or Enter:
 * one undo step, through the project, so that the window follows through
 * its ::changed refresh like after any rename.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-document-properties.h"
#include "cb-pseudonymise.h"

struct _CbDocumentProperties
{
  AdwWindow     parent_instance;

  /* Template widgets */
  AdwEntryRow  *name_row;
  GtkLabel     *name_error;
  AdwActionRow *source_row;
  GtkLabel     *format_label;
  GtkLabel     *encoding_label;
  GtkLabel     *imported_label;
  GtkLabel     *characters_label;
  GtkLabel     *paragraphs_label;
  GtkLabel     *codings_label;
  AdwActionRow *speakers_row;
  GtkLabel     *status_label;   /* built in init, after the template */

  /* Owned */
  CbProject    *project;
  gint64        id;
  char         *name;        /* the document's name as stored */
};

G_DEFINE_FINAL_TYPE (CbDocumentProperties, cb_document_properties, ADW_TYPE_WINDOW)

static char *
format_imported (const char *iso8601)
{
  g_autoptr(GDateTime) utc = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (iso8601 != NULL ? iso8601 : "");
  local = g_date_time_to_local (utc);
  /* Translators: when a document was imported, a g_date_time_format()
   * format: "March 14, 2024 at 09:30" */
  return g_date_time_format (local, _("%B %-d, %Y at %H:%M"));
}

static char *
format_encoding (const char *format,
                 const char *encoding,
                 gboolean    guessed)
{
  if (encoding != NULL && guessed)
    /* Translators: the encoding a text file was read in, when Codeboom
     * had to guess it: "windows-1252 (guessed)" */
    return g_strdup_printf (_("%s (guessed)"), encoding);
  if (encoding != NULL)
    return g_strdup (encoding);
  if (g_strcmp0 (format, "TXT") == 0 || g_strcmp0 (format, "Markdown") == 0)
    return g_strdup (_("Not known (chosen at import)"));
  if (format == NULL)
    return g_strdup (_("None (no source file)"));
  return g_strdup (_("Set by the file format"));
}

static char *
format_speakers (GPtrArray *speakers)
{
  g_autoptr(GString) names = g_string_new (NULL);

  if (speakers->len == 0)
    return g_strdup (_("None"));
  for (guint i = 0; i < speakers->len; i++)
    {
      const CbSpeakerInfo *speaker = g_ptr_array_index (speakers, i);

      if (i > 0)
        g_string_append (names, ", ");
      g_string_append (names, speaker->name);
    }
  /* Translators: the number of a document's speakers and their names: "2: I, R" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u: %s", "%u: %s", speakers->len),
                          speakers->len, names->str);
}

/* The text as imported, or edited / pseudonymised, and when. */
static char *
format_status (const CbDocumentStatus *status)
{
  g_autofree char *when = NULL;

  if (status->pseudonymised != NULL)
    {
      when = format_imported (status->pseudonymised);
      /* Translators: the document's text, in its properties: "Pseudonymised on March 14, 2024 at 09:30; …" */
      return g_strdup_printf (_("Pseudonymised on %s; the original file was dropped"), when);
    }
  if (status->edited != NULL)
    {
      when = format_imported (status->edited);
      /* Translators: the document's text, in its properties: "Edited on March 14, 2024 at 09:30" */
      return g_strdup_printf (_("Edited on %s"), when);
    }
  return g_strdup (_("As imported"));
}

/* Reads everything again; FALSE with @error set when the document is gone
 * or the project cannot be read. */
static gboolean
load (CbDocumentProperties  *self,
      GError               **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) speakers = NULL;
  g_autoptr(CbParagraphIndex) paragraphs = NULL;
  g_autofree char *text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *encoding_text = NULL;
  g_autofree char *imported = NULL;
  g_autofree char *chars = NULL;
  g_autofree char *n_paragraphs = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *speaker_text = NULL;
  g_autofree char *status_text = NULL;
  g_auto(CbDocumentStatus) status = { NULL, NULL };
  const CbDocumentInfo *info = NULL;
  gboolean guessed = FALSE;
  gsize length = 0;

  if (!(documents = cb_project_list_documents (self->project, error)))
    return FALSE;
  for (guint i = 0; i < documents->len && info == NULL; i++)
    if (((CbDocumentInfo *) g_ptr_array_index (documents, i))->id == self->id)
      info = g_ptr_array_index (documents, i);
  if (info == NULL)
    {
      g_set_error_literal (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                           _("The document is no longer in the project"));
      return FALSE;
    }
  if (!(text = cb_project_dup_document_text (self->project, self->id, &length, error)) ||
      !(speakers = cb_project_list_speakers (self->project, info->name, error)) ||
      !cb_project_get_document_encoding (self->project, self->id, &encoding, &guessed, error) ||
      !cb_project_get_document_status (self->project, self->id, &status, error))
    return FALSE;

  paragraphs = cb_paragraph_index_new (text, length);
  format = cb_document_format_from_source_name (info->source_name);
  encoding_text = format_encoding (format, encoding, guessed);
  imported = format_imported (info->imported);
  chars = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_chars);
  n_paragraphs = g_strdup_printf ("%'u", cb_paragraph_index_get_n (paragraphs));
  codings = g_strdup_printf ("%'" G_GINT64_FORMAT, info->n_codings);
  speaker_text = format_speakers (speakers);
  status_text = format_status (&status);

  g_free (self->name);
  self->name = g_strdup (info->name);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), info->name);
  /* Long file names and speaker lists wrap in the rows' subtitles. */
  adw_action_row_set_subtitle (self->source_row,
                               info->source_name != NULL && info->source_name[0] != '\0'
                                 ? info->source_name : _("No source file"));
  gtk_label_set_text (self->format_label, format != NULL ? format : "—");
  gtk_label_set_text (self->encoding_label, encoding_text);
  gtk_label_set_text (self->imported_label, imported);
  gtk_label_set_text (self->characters_label, chars);
  gtk_label_set_text (self->paragraphs_label, n_paragraphs);
  gtk_label_set_text (self->codings_label, codings);
  adw_action_row_set_subtitle (self->speakers_row, speaker_text);
  gtk_label_set_text (self->status_label, status_text);
  return TRUE;
}

static void
show_error (CbDocumentProperties *self,
            const GError         *error)
{
  gtk_label_set_text (self->name_error, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
on_name_changed (CbDocumentProperties *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

gboolean
cb_document_properties_rename (CbDocumentProperties  *self,
                               const char            *new_name,
                               GError               **error)
{
  g_autofree char *name = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CB_IS_DOCUMENT_PROPERTIES (self), FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);

  name = g_strstrip (g_strdup (new_name));
  if (g_strcmp0 (name, self->name) == 0)
    return TRUE;
  /* The project's ::changed reloads this window and refreshes the others. */
  if (!cb_project_rename_document (self->project, self->name, name, &local_error))
    {
      show_error (self, local_error);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static void
on_name_apply (CbDocumentProperties *self)
{
  cb_document_properties_rename (self, gtk_editable_get_text (GTK_EDITABLE (self->name_row)), NULL);
}

static void
on_project_changed (CbDocumentProperties *self,
                    guint                 flags)
{
  g_autoptr(GError) error = NULL;

  /* Undone, deleted: nothing left to show. */
  if (!load (self, &error))
    gtk_window_destroy (GTK_WINDOW (self));
}

CbDocumentProperties *
cb_document_properties_new (CbProject  *project,
                            gint64      document_id,
                            GError    **error)
{
  CbDocumentProperties *self;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  /* Owned by GTK's list of windows until it is destroyed. */
  self = g_object_new (CB_TYPE_DOCUMENT_PROPERTIES, NULL);
  self->project = g_object_ref (project);
  self->id = document_id;
  if (!load (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }
  g_signal_connect_object (project, "changed", G_CALLBACK (on_project_changed), self, G_CONNECT_SWAPPED);
  return self;
}

gint64
cb_document_properties_get_id (CbDocumentProperties *self)
{
  g_return_val_if_fail (CB_IS_DOCUMENT_PROPERTIES (self), 0);
  return self->id;
}

const char *
cb_document_properties_get_value (CbDocumentProperties *self,
                                  const char           *field)
{
  const struct { const char *field; GtkLabel *label; } labels[] = {
    { "format", self->format_label },
    { "encoding", self->encoding_label },
    { "imported", self->imported_label },
    { "characters", self->characters_label },
    { "paragraphs", self->paragraphs_label },
    { "codings", self->codings_label },
    { "status", self->status_label },
  };

  g_return_val_if_fail (CB_IS_DOCUMENT_PROPERTIES (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (g_str_equal (field, "name"))
    return gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  if (g_str_equal (field, "source"))
    return adw_action_row_get_subtitle (self->source_row);
  if (g_str_equal (field, "speakers"))
    return adw_action_row_get_subtitle (self->speakers_row);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (field, labels[i].field))
      return gtk_label_get_text (labels[i].label);
  g_return_val_if_reached (NULL);
}

static void
cb_document_properties_dispose (GObject *object)
{
  CbDocumentProperties *self = CB_DOCUMENT_PROPERTIES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_DOCUMENT_PROPERTIES);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (cb_document_properties_parent_class)->dispose (object);
}

static void
cb_document_properties_finalize (GObject *object)
{
  CbDocumentProperties *self = CB_DOCUMENT_PROPERTIES (object);

  g_free (self->name);

  G_OBJECT_CLASS (cb_document_properties_parent_class)->finalize (object);
}

static void
cb_document_properties_class_init (CbDocumentPropertiesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_document_properties_dispose;
  object_class->finalize = cb_document_properties_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-document-properties.ui");
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, name_row);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, name_error);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, source_row);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, format_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, imported_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, characters_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, paragraphs_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, codings_label);
  gtk_widget_class_bind_template_child (widget_class, CbDocumentProperties, speakers_row);
  gtk_widget_class_bind_template_callback (widget_class, on_name_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cb_document_properties_init (CbDocumentProperties *self)
{
  GtkWidget *group;
  GtkWidget *row;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* "Text: Edited on …", last in the Source group, below Imported */
  group = gtk_widget_get_ancestor (GTK_WIDGET (self->imported_label), ADW_TYPE_PREFERENCES_GROUP);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), C_("document property", "Text"));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_selectable (self->status_label, TRUE);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 1.0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->status_label));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}
