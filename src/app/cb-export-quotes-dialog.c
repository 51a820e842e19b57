/* cb-export-quotes-dialog.c: the choices of a quote export, with a preview
 *
 * Format, the codes in scope, codes without quotes, the citation template
 * (its fields as buttons that insert them) and the block quote length,
 * with one real quote cited as the export will cite it.  The fields, the
 * check of the template and the citation all come from the core
 * (cb-quote-formats.h), so the dialog shows what the command line writes
 * and learns new fields without a change here.  Each attribute of the
 * project has its own {attribute:NAME} button, and the template is checked
 * against the project's attributes (cb_quote_template_check_attributes()).
 *
 * The dialog reads the project once, when it is made (which code to
 * preview, and that code's quotes XML); the preview is then redrawn from
 * that XML as the template changes.  Export… chooses the file and emits
 * ::export; the window runs the export job.  The choices are kept per
 * project in the "quote-export" setting, a dictionary by project UUID
 * (settings, not the project file: they are this user's habits, and the
 * schema stays as it is).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-app-util.h"
#include "cb-export-quotes-dialog.h"

/* How many projects' choices are kept; the oldest go first. */

struct _CbExportQuotesDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkWidget           *export_button;
  AdwComboRow         *format_row;
  GtkWidget           *block_row;
  GtkSpinButton       *block_spin;
  AdwComboRow         *scope_row;
  GtkStringList       *scope_list;
  GtkSwitch           *empty_codes_switch;
  GtkWidget           *citation_group;
  AdwEntryRow         *template_row;
  GtkWidget           *reset_template_button;
  GtkLabel            *template_error_label;
  GtkFlowBox          *fields_box;
  AdwPreferencesGroup *preview_group;
  GtkWidget           *preview_box;
  GtkLabel            *preview_quote_label;
  GtkLabel            *preview_citation_label;
  GtkLabel            *preview_kind_label;

  /* Owned */
  GSettings           *settings;
  char                *project_uuid;
  char                *project_name;
  char                *code_path;          /* the selected code, or NULL */
  char                *code_name;
  char                *scope_id;           /* as restored, kept when forced */
  GBytes              *preview_xml;        /* one code's quotes, or NULL */
  char                *preview_code_name;
  char                *preview_citation;
  gboolean             template_ok;
  char               **attributes;         /* the project's attribute names */
};

G_DEFINE_FINAL_TYPE (CbExportQuotesDialog, cb_export_quotes_dialog, ADW_TYPE_WINDOW)

enum
{
  EXPORT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the order of the drop-down in the .ui file. */
static const struct
{
  CbQuoteFormat  format;
  const char    *id;          /* in the remembered choices */
  const char    *extension;
  const char    *filter_name;
  const char    *suffixes[3];
} formats[] = {
  { CB_QUOTE_FORMAT_DOCX, "docx", ".docx", N_("Word Documents (DOCX)"), { "docx", NULL } },
  { CB_QUOTE_FORMAT_ODT, "odt", ".odt", N_("OpenDocument Text (ODT)"), { "odt", NULL } },
  { CB_QUOTE_FORMAT_HTML, "html", ".html", N_("Web Pages (HTML)"), { "html", "htm", NULL } },
  { CB_QUOTE_FORMAT_MARKDOWN, "markdown", ".md", N_("Markdown"), { "md", "markdown", NULL } },
  { CB_QUOTE_FORMAT_XML, "xml", ".xml", N_("Codeboom Quotes XML"), { "xml", NULL } },
};

/* In the order of CbQuoteScope, which is the order of the scope drop-down. */
static const char * const scope_ids[] = { "code", "subcodes", "all" };

static guint
format_index (CbExportQuotesDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  return selected < G_N_ELEMENTS (formats) ? selected : 0;
}

/* What each field is, for its button's tooltip; a field the core adds
 * later simply has none. */
static const char *
field_description (const char *field)
{
  static const struct { const char *field; const char *description; } descriptions[] = {
    { "document", N_("The document’s name") },
    { "speaker", N_("The speaker of the turn the quote starts in") },
    { "timestamp", N_("The time stamp of that turn") },
    { "code", N_("The code’s name") },
    { "path", N_("The code’s full path") },
    { "coder", N_("Who coded the quote") },
    { "start", N_("Where the quote starts, in characters from the start of the document") },
    { "end", N_("Where the quote ends, in characters from the start of the document") },
    { "case", N_("The case the quote belongs to") },
    { "attribute:", N_("A case attribute: type its name after the colon") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (descriptions); i++)
    if (g_str_equal (field, descriptions[i].field))
      return _(descriptions[i].description);
  return NULL;
}

/* Remembered choices --------------------------------------------------- */

static GVariant *
lookup_choices (CbExportQuotesDialog *self)
{
  return cb_settings_lookup_for_project (self->settings, "quote-export", self->project_uuid);
}

static void
save_choices (CbExportQuotesDialog *self)
{
  g_auto(GVariantBuilder) choices = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);

  if (self->project_uuid == NULL)
    return;

  gtk_spin_button_update (self->block_spin);
  g_variant_builder_add (&choices, "{sv}", "format", g_variant_new_string (formats[format_index (self)].id));
  /* without a selected code the scope was forced to every code, not chosen */
  if (self->code_path != NULL)
    {
      g_free (self->scope_id);
      self->scope_id = g_strdup (scope_ids[cb_export_quotes_dialog_get_scope (self)]);
    }
  g_variant_builder_add (&choices, "{sv}", "scope", g_variant_new_string (self->scope_id));
  g_variant_builder_add (&choices, "{sv}", "empty-codes",
                         g_variant_new_boolean (gtk_switch_get_active (self->empty_codes_switch)));
  g_variant_builder_add (&choices, "{sv}", "template",
                         g_variant_new_string (cb_export_quotes_dialog_get_template (self)));
  g_variant_builder_add (&choices, "{sv}", "block-words",
                         g_variant_new_uint32 (cb_export_quotes_dialog_get_block_words (self)));

  cb_settings_remember_for_project (self->settings, "quote-export", self->project_uuid,
                                    g_variant_builder_end (&choices));
}

static void
restore_choices (CbExportQuotesDialog *self,
                 gboolean              with_subcodes)
{
  g_autoptr(GVariant) choices = lookup_choices (self);
  const char *format = "docx";
  const char *scope = with_subcodes ? "subcodes" : "code";
  const char *template = CB_QUOTE_DEFAULT_TEMPLATE;
  gboolean empty_codes = FALSE;
  guint32 block_words = CB_QUOTE_DEFAULT_BLOCK_WORDS;
  guint scope_index = CB_QUOTE_SCOPE_ALL;

  if (choices != NULL)
    {
      g_variant_lookup (choices, "format", "&s", &format);
      g_variant_lookup (choices, "scope", "&s", &scope);
      g_variant_lookup (choices, "template", "&s", &template);
      g_variant_lookup (choices, "empty-codes", "b", &empty_codes);
      g_variant_lookup (choices, "block-words", "u", &block_words);
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (format, formats[i].id))
      adw_combo_row_set_selected (self->format_row, i);

  self->scope_id = g_strdup (scope);
  /* without a selected code, only every code can be exported */
  for (guint i = 0; self->code_path != NULL && i < G_N_ELEMENTS (scope_ids); i++)
    if (g_str_equal (scope, scope_ids[i]))
      scope_index = i;
  adw_combo_row_set_selected (self->scope_row, scope_index);

  gtk_switch_set_active (self->empty_codes_switch, empty_codes);
  gtk_spin_button_set_value (self->block_spin, block_words);
  gtk_editable_set_text (GTK_EDITABLE (self->template_row), template);
}

/* The preview ---------------------------------------------------------- */

/* The code whose first quote is shown: the selected code when it has
 * quotes of its own, else the first below it that has, else the first in
 * the tree that has. */
static CbCodeInfo *
choose_preview_code (CbProject  *project,
                     const char *code_path)
{
  g_autoptr(GPtrArray) codes = cb_project_list_codes (project, NULL);
  guint first = 0;
  guint end;

  if (codes == NULL)
    return NULL;
  end = codes->len;
  for (guint i = 0; code_path != NULL && i < codes->len; i++)
    if (g_str_equal (((CbCodeInfo *) g_ptr_array_index (codes, i))->path, code_path))
      {
        first = i;
        end = cb_code_list_subtree_end (codes, i);
        break;
      }

  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = first; i < end; i++)
        {
          CbCodeInfo *code = g_ptr_array_index (codes, i);

          if (code->n_codings > 0)
            return g_ptr_array_steal_index (codes, i);
        }
      first = 0;
      end = codes->len;
    }
  return NULL;
}

static void
load_preview (CbExportQuotesDialog *self,
              CbProject            *project)
{
  g_autoptr(CbCodeInfo) code = choose_preview_code (project, self->code_path);
  g_autoptr(GError) error = NULL;

  if (code == NULL)
    return;
  /* one document's quotes are enough, and much cheaper than the code's */
  self->preview_xml = cb_export_quotes_full (project, code->path,
                                             CB_EXPORT_QUOTES_ONLY | CB_EXPORT_QUOTES_FIRST_DOCUMENT, &error);
  if (self->preview_xml == NULL)
    {
      g_warning ("No quote for the export preview: %s", error->message);
      return;
    }
  self->preview_code_name = g_strdup (code->name);
}

static void
update_sensitivity (CbExportQuotesDialog *self)
{
  gboolean xml = formats[format_index (self)].format == CB_QUOTE_FORMAT_XML;

  /* the quotes XML has no citations and no layout: it is the source the
   * other formats are made from */
  gtk_widget_set_sensitive (self->citation_group, !xml);
  gtk_widget_set_sensitive (self->block_row, !xml);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_group), !xml);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                               xml ? _("The quotes with their sources, for other programs: no citations")
                                   : "");
  gtk_widget_set_sensitive (self->export_button, xml || self->template_ok);
}

static void
update_preview (CbExportQuotesDialog *self)
{
  const char *template = cb_export_quotes_dialog_get_template (self);
  guint block_words = cb_export_quotes_dialog_get_block_words (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *citation = NULL;
  gboolean block = FALSE;

  /* an {attribute:NAME} the project does not have would cite nothing */
  self->template_ok = cb_quote_template_check_attributes (template, (const char * const *) self->attributes,
                                                          &error);
  if (self->template_ok && self->preview_xml != NULL)
    self->template_ok = cb_quote_list_preview (self->preview_xml, template, block_words,
                                               &text, &citation, &block, &error);

  g_clear_pointer (&self->preview_citation, g_free);
  if (!self->template_ok)
    {
      gtk_label_set_text (self->template_error_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->template_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->template_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->template_error_label), !self->template_ok);

  if (text == NULL)
    {
      gtk_widget_set_visible (self->preview_box, FALSE);
      adw_preferences_group_set_description (self->preview_group,
                                             self->preview_xml == NULL
                                             ? _("No code has quotes yet: code a passage to see one here.")
                                             : _("The citation template must be corrected first."));
    }
  else
    {
      g_autofree char *description = g_strdup_printf (_("A quote of “%s”, as the export will cite it"),
                                                      self->preview_code_name);
      g_autofree char *shown = NULL;

      /* inline quotes get quotation marks unless they start with one, as
       * in the quote list */
      if (block || g_str_has_prefix (text, "“"))
        shown = g_strdup (text);
      else
        shown = g_strdup_printf ("“%s”", text);
      gtk_label_set_text (self->preview_quote_label, shown);
      gtk_widget_set_margin_start (GTK_WIDGET (self->preview_quote_label), block ? 36 : 12);
      gtk_label_set_text (self->preview_citation_label, citation);
      gtk_widget_set_visible (GTK_WIDGET (self->preview_citation_label), citation[0] != '\0');
      gtk_label_set_text (self->preview_kind_label,
                          block ? _("A block quote: longer than the limit, set apart and indented")
                                : _("An inline quote, between quotation marks"));
      adw_preferences_group_set_description (self->preview_group, description);
      gtk_widget_set_visible (self->preview_box, TRUE);
      self->preview_citation = g_steal_pointer (&citation);
    }
  update_sensitivity (self);
}

/* Signal handlers ------------------------------------------------------ */

static void
on_field_clicked (GtkButton            *button,
                  CbExportQuotesDialog *self)
{
  const char *field = g_object_get_data (G_OBJECT (button), "cb-field");
  GtkEditable *editable = GTK_EDITABLE (self->template_row);
  g_autofree char *text = g_strdup_printf ("{%s}", field);
  int position = gtk_editable_get_position (editable);
  int start, end;

  /* a selection is replaced, as typing would */
  if (gtk_editable_get_selection_bounds (editable, &start, &end))
    {
      gtk_editable_delete_text (editable, start, end);
      position = start;
    }
  gtk_editable_insert_text (editable, text, -1, &position);
  gtk_widget_grab_focus (GTK_WIDGET (self->template_row));
  /* {attribute:} waits for its name: the cursor goes before the brace */
  gtk_editable_set_position (editable, g_str_has_suffix (field, ":") ? position - 1 : position);
}

static void
on_reset_template (CbExportQuotesDialog *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->template_row), CB_QUOTE_DEFAULT_TEMPLATE);
}

static void
on_chooser_response (GtkNativeDialog      *chooser,
                     int                   response,
                     CbExportQuotesDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        cb_export_quotes_dialog_export_to (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export_clicked (CbExportQuotesDialog *self)
{
  guint index = format_index (self);
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;
  GtkFileFilter *all;
  g_autofree char *name = NULL;

  gtk_spin_button_update (self->block_spin);
  if (!gtk_widget_get_sensitive (self->export_button))
    return;

  chooser = gtk_file_chooser_native_new (_("Export Quotes"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* the code's name (or the project's), made safe for a file name */
  name = g_strconcat (self->code_name != NULL && cb_export_quotes_dialog_get_scope (self) != CB_QUOTE_SCOPE_ALL
                      ? self->code_name : self->project_name,
                      formats[index].extension, NULL);
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _(formats[index].filter_name));
  for (guint i = 0; formats[index].suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, formats[index].suffixes[i]);
  all = gtk_file_filter_new ();
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  g_object_unref (all);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_close_request (CbExportQuotesDialog *self)
{
  save_choices (self);
  return FALSE;
}

/* The type ------------------------------------------------------------- */

static void
cb_export_quotes_dialog_dispose (GObject *object)
{
  CbExportQuotesDialog *self = (CbExportQuotesDialog *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_EXPORT_QUOTES_DIALOG);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cb_export_quotes_dialog_parent_class)->dispose (object);
}

static void
cb_export_quotes_dialog_finalize (GObject *object)
{
  CbExportQuotesDialog *self = (CbExportQuotesDialog *) object;

  g_free (self->project_uuid);
  g_free (self->project_name);
  g_free (self->code_path);
  g_free (self->code_name);
  g_free (self->scope_id);
  g_clear_pointer (&self->preview_xml, g_bytes_unref);
  g_free (self->preview_code_name);
  g_free (self->preview_citation);
  g_strfreev (self->attributes);

  G_OBJECT_CLASS (cb_export_quotes_dialog_parent_class)->finalize (object);
}

static void
cb_export_quotes_dialog_class_init (CbExportQuotesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_export_quotes_dialog_dispose;
  object_class->finalize = cb_export_quotes_dialog_finalize;

  /**
   * CbExportQuotesDialog::export:
   * @file: the file chosen
   *
   * The user asked for the export; the choices are read with the getters.
   */
  signals[EXPORT] = g_signal_new ("export", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-export-quotes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, block_row);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, block_spin);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, scope_list);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, empty_codes_switch);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, citation_group);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, template_row);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, reset_template_button);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, template_error_label);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, fields_box);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, preview_box);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, preview_quote_label);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, preview_citation_label);
  gtk_widget_class_bind_template_child (widget_class, CbExportQuotesDialog, preview_kind_label);
}

static GtkWidget *
add_field_button (CbExportQuotesDialog *self,
                  const char           *field,
                  const char           *label,
                  const char           *description)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "monospace");
  gtk_widget_add_css_class (gtk_button_get_child (GTK_BUTTON (button)), "caption");
  if (description != NULL)
    gtk_widget_set_tooltip_text (button, description);
  g_object_set_data_full (G_OBJECT (button), "cb-field", g_strdup (field), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_field_clicked), self);
  gtk_flow_box_append (self->fields_box, button);
  /* Tab goes from button to button, not through the box's children */
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  return button;
}

/* One {attribute:NAME} button per attribute of the project, in place of
 * the {attribute:…} that waits for a name to be typed. */
static void
add_attribute_buttons (CbExportQuotesDialog *self,
                       CbProject            *project)
{
  g_autoptr(GPtrArray) attributes = cb_project_list_attributes (project, NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    g_strv_builder_add (names, ((CbAttributeInfo *) attributes->pdata[i])->name);
  self->attributes = g_strv_builder_end (names);
  if (self->attributes[0] == NULL)
    return;

  for (GtkWidget *item = gtk_widget_get_first_child (GTK_WIDGET (self->fields_box)); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (item));

      if (g_strcmp0 (g_object_get_data (G_OBJECT (button), "cb-field"), "attribute:") == 0)
        {
          gtk_flow_box_remove (self->fields_box, item);
          break;
        }
    }
  for (guint i = 0; self->attributes[i] != NULL; i++)
    {
      g_autofree char *field = g_strdup_printf ("attribute:%s", self->attributes[i]);
      g_autofree char *label = g_strdup_printf ("{%s}", field);
      /* Translators: the tooltip of an {attribute:NAME} button of the quote export */
      g_autofree char *description = g_strdup_printf (_("The value of “%s” of the quote’s case"),
                                                      self->attributes[i]);

      add_field_button (self, field, label, description);
    }
}

static void
cb_export_quotes_dialog_init (CbExportQuotesDialog *self)
{
  const char * const *fields = cb_quote_template_fields ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = cb_app_settings_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      gboolean takes_name = g_str_has_suffix (fields[i], ":");
      g_autofree char *label = g_strdup_printf ("{%s%s}", fields[i], takes_name ? "…" : "");

      add_field_button (self, fields[i], label, field_description (fields[i]));
    }

  g_signal_connect_swapped (self->export_button, "clicked", G_CALLBACK (on_export_clicked), self);
  g_signal_connect_swapped (self->reset_template_button, "clicked", G_CALLBACK (on_reset_template), self);
  /* Enter in the spin button exports, as it does in the entry (GTK 4.8's
   * spin button has no activates-default of its own; its text has) */
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->block_spin))), TRUE);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
}

CbExportQuotesDialog *
cb_export_quotes_dialog_new (GtkWindow  *parent,
                             CbProject  *project,
                             const char *code_path,
                             gboolean    with_subcodes)
{
  CbExportQuotesDialog *self;

  g_return_val_if_fail (CB_IS_PROJECT (project), NULL);

  self = g_object_new (CB_TYPE_EXPORT_QUOTES_DIALOG, "transient-for", parent, NULL);
  self->project_uuid = cb_project_dup_uuid (project);
  self->project_name = cb_project_dup_name (project);
  adw_window_title_set_subtitle (self->window_title, self->project_name);

  if (code_path != NULL)
    {
      g_autoptr(CbCodeInfo) code = cb_project_get_code (project, code_path, NULL);

      if (code != NULL)
        {
          self->code_path = g_strdup (code->path);
          self->code_name = g_strdup (code->name);
        }
    }
  if (self->code_name != NULL)
    {
      g_autofree char *only = g_strdup_printf (_("Only “%s”"), self->code_name);
      g_autofree char *subcodes = g_strdup_printf (_("“%s” and its subcodes"), self->code_name);

      gtk_string_list_append (self->scope_list, only);
      gtk_string_list_append (self->scope_list, subcodes);
    }
  else
    {
      gtk_string_list_append (self->scope_list, _("Only the selected code"));
      gtk_string_list_append (self->scope_list, _("The selected code and its subcodes"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scope_row),
                                   _("Select a code in the tree to export its quotes alone"));
    }
  gtk_string_list_append (self->scope_list, _("Every code"));
  /* after the items: the combo row makes itself sensitive when it has some */
  if (self->code_path == NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->scope_row), FALSE);

  add_attribute_buttons (self, project);
  load_preview (self, project);
  restore_choices (self, with_subcodes);

  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (update_sensitivity), self);
  g_signal_connect_swapped (self->template_row, "changed", G_CALLBACK (update_preview), self);
  g_signal_connect_swapped (self->block_spin, "value-changed", G_CALLBACK (update_preview), self);
  update_preview (self);
  return self;
}

CbQuoteFormat
cb_export_quotes_dialog_get_format (CbExportQuotesDialog *self)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), CB_QUOTE_FORMAT_XML);

  return formats[format_index (self)].format;
}

void
cb_export_quotes_dialog_set_format (CbExportQuotesDialog *self,
                                    CbQuoteFormat         format)
{
  g_return_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      adw_combo_row_set_selected (self->format_row, i);
}

const char *
cb_export_quotes_dialog_get_extension (CbExportQuotesDialog *self)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), NULL);

  return formats[format_index (self)].extension;
}

CbQuoteScope
cb_export_quotes_dialog_get_scope (CbExportQuotesDialog *self)
{
  guint selected;

  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), CB_QUOTE_SCOPE_ALL);

  selected = adw_combo_row_get_selected (self->scope_row);
  if (self->code_path == NULL || selected >= CB_QUOTE_SCOPE_ALL)
    return CB_QUOTE_SCOPE_ALL;
  return (CbQuoteScope) selected;
}

char *
cb_export_quotes_dialog_dup_code_path (CbExportQuotesDialog *self)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), NULL);

  if (cb_export_quotes_dialog_get_scope (self) == CB_QUOTE_SCOPE_ALL)
    return NULL;
  return g_strdup (self->code_path);
}

CbExportQuotesFlags
cb_export_quotes_dialog_get_flags (CbExportQuotesDialog *self)
{
  CbExportQuotesFlags flags = CB_EXPORT_QUOTES_NONE;

  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), flags);

  if (cb_export_quotes_dialog_get_scope (self) == CB_QUOTE_SCOPE_CODE)
    flags |= CB_EXPORT_QUOTES_ONLY;
  if (gtk_switch_get_active (self->empty_codes_switch))
    flags |= CB_EXPORT_QUOTES_WITH_EMPTY_CODES;
  return flags;
}

const char *
cb_export_quotes_dialog_get_template (CbExportQuotesDialog *self)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->template_row));
}

guint
cb_export_quotes_dialog_get_block_words (CbExportQuotesDialog *self)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), CB_QUOTE_DEFAULT_BLOCK_WORDS);

  return (guint) gtk_spin_button_get_value_as_int (self->block_spin);
}

const char *
cb_export_quotes_dialog_get_preview_citation (CbExportQuotesDialog *self)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), NULL);

  return self->preview_citation;
}

gboolean
cb_export_quotes_dialog_export_to (CbExportQuotesDialog *self,
                                   GFile                *file)
{
  g_return_val_if_fail (CB_IS_EXPORT_QUOTES_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  gtk_spin_button_update (self->block_spin);
  if (!gtk_widget_get_sensitive (self->export_button))
    return FALSE;
  save_choices (self);
  g_signal_emit (self, signals[EXPORT], 0, file);
  gtk_window_close (GTK_WINDOW (self));
  return TRUE;
}
