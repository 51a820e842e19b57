/* test-export-dialog.c: Export ▸ Quotes… (the quote export dialog)
 *
 * The dialog is opened through the window's action, as the menu does, and
 * driven through its own widgets: the format drop-down, the scope, the
 * template entry and its field buttons, the block quote spin.  The preview
 * must show the citation the export then writes, and the choices must come
 * back when the dialog is opened again for the same project.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cb-app-util.h"
#include "cb-export-quotes-dialog.h"
#include "cb-import-zip.h"
#include "cb-project-turns.h"
#include "ui-test-util.h"

/* One line of the transcript, so that it is one run of text in the file */
#define QUOTE_TEXT "Ik ben Sofie, ik werk nu bijna zes jaar als maatschappelijk assistent"

static gint64 quote_start;
static gint64 quote_end;

/* The open export dialog, or NULL. */
static CbExportQuotesDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (CB_IS_EXPORT_QUOTES_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return CB_EXPORT_QUOTES_DIALOG (window);
    }
  return NULL;
}

/* The file chooser the dialog opened (GtkFileChooserNative falls back to a
 * GtkFileChooserDialog without a portal, as in the tests), or NULL. */
static GtkWidget *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* A button activated by Enter shows itself pressed for a moment before it
 * emits ::clicked: waits (at most 5 s) for the file chooser. */
static GtkWidget *
wait_for_file_chooser (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  GtkWidget *chooser;

  while ((chooser = find_file_chooser ()) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  ui_pump ();
  return chooser;
}

static CbExportQuotesDialog *
open_dialog (UiFixture *fixture)
{
  CbExportQuotesDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.export-quotes", NULL));
  ui_pump ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  return dialog;
}

static gpointer
child (CbExportQuotesDialog *dialog,
       const char           *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (dialog), CB_TYPE_EXPORT_QUOTES_DIALOG, name);

  g_assert_nonnull (object);
  return object;
}

/* The position of the drop-down item whose label contains @text. */
static guint
format_position (CbExportQuotesDialog *dialog,
                 const char           *text)
{
  GListModel *model = adw_combo_row_get_model (child (dialog, "format_row"));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (strstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) != NULL)
      return i;
  g_assert_not_reached ();
}

/* Clicks the field button labelled @label. */
static void
click_field (CbExportQuotesDialog *dialog,
             const char           *label)
{
  GtkWidget *box = child (dialog, "fields_box");

  for (GtkWidget *item = gtk_widget_get_first_child (box); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      GtkWidget *button = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (item));

      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) == 0)
        {
          g_signal_emit_by_name (button, "clicked");
          ui_pump ();
          return;
        }
    }
  g_error ("no field button %s", label);
}

/* Presses @accelerator as the dialog's shortcut controller would: the
 * shortcut with that trigger, activated on the dialog.  FALSE when the
 * dialog has none. */
static gboolean
press_shortcut (CbExportQuotesDialog *dialog,
                const char           *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (dialog));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                 GTK_WIDGET (dialog), NULL);
        }
    }
  return FALSE;
}

/* Imports a transcript and codes one passage with "Vertrouwen"; returns
 * the quote's text. */
static char *
code_one_quote (UiFixture *fixture)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);

  g_autoptr(CbDocumentInfo) document = NULL;
  g_autofree char *text = NULL;
  const char *found;

  ui_import (fixture, "interview-ma07.txt");
  ui_add_code (fixture, "Vertrouwen");
  ui_add_code (fixture, "Vertrouwen / Leeg");
  document = cb_project_get_document (fixture->project, "interview-ma07", NULL);
  g_assert_nonnull (document);
  text = cb_project_dup_document_text (fixture->project, document->id, NULL, NULL);
  g_assert_nonnull (text);
  found = strstr (text, QUOTE_TEXT);
  g_assert_nonnull (found);
  quote_start = g_utf8_pointer_to_offset (text, found);
  quote_end = quote_start + g_utf8_strlen (QUOTE_TEXT, -1);
  cb_transcript_view_select_range (view, quote_start, quote_end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.apply-code", "s", "Vertrouwen");
  ui_pump ();
  return cb_transcript_view_dup_selected_text (view);
}

/* The citation of the quote as the project's turns give it, independent of
 * the export: "(document, speaker)". */
static char *
expected_citation (UiFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = cb_project_list_turns (fixture->project, "interview-ma07", &error);
  const CbTurnInfo *turn;

  g_assert_no_error (error);
  turn = cb_turn_find_for_span (turns, quote_start, quote_end);
  g_assert_nonnull (turn);
  return g_strdup_printf ("(interview-ma07, %s)", turn->speaker);
}

/* The member @name of the zip file @path. */
static char *
zip_member (const char *path,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(CbZip) zip = NULL;
  g_autoptr(GBytes) member = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (contents, 2, "PK", 2);
  zip = cb_zip_open_bytes (path, (const guint8 *) contents, length, NULL, &error);
  g_assert_no_error (error);
  member = cb_zip_read_member (zip, name, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (member, NULL), g_bytes_get_size (member));
}

/* DOCX with a template built from the field buttons: the preview shows the
 * citation, the file holds the cited quote, and the dialog opened again
 * shows the same choices. */
static void
test_docx_and_remembered (UiFixture     *fixture,
                          gconstpointer  data)
{
  g_autofree char *quote = code_one_quote (fixture);
  g_autofree char *citation = expected_citation (fixture);
  g_autofree char *out = g_build_filename (fixture->dir, "Vertrouwen.docx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *document = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) remembered = NULL;
  g_autofree char *uuid = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);
  g_autofree char *current_name = NULL;
  CbExportQuotesDialog *dialog;
  GtkEditable *template;
  GtkWidget *chooser;
  int end;

  g_assert_cmpstr (quote, ==, QUOTE_TEXT);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Vertrouwen"));
  ui_pump ();

  dialog = open_dialog (fixture);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (fixture->window));
  /* Enter exports: the Export button is the default, the entry activates it */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == child (dialog, "export_button"));
  g_assert_true (adw_entry_row_get_activates_default (child (dialog, "template_row")));

  /* format and scope through their widgets */
  adw_combo_row_set_selected (child (dialog, "format_row"), format_position (dialog, "DOCX"));
  adw_combo_row_set_selected (child (dialog, "scope_row"), CB_QUOTE_SCOPE_CODE);
  ui_pump ();
  g_assert_cmpint (cb_export_quotes_dialog_get_format (dialog), ==, CB_QUOTE_FORMAT_DOCX);
  g_assert_cmpint (cb_export_quotes_dialog_get_scope (dialog), ==, CB_QUOTE_SCOPE_CODE);
  g_assert_cmpstr (cb_export_quotes_dialog_get_extension (dialog), ==, ".docx");

  /* the template: typed, then a field inserted at the cursor by its button */
  template = child (dialog, "template_row");
  gtk_editable_set_text (template, "({document}, )");
  gtk_editable_set_position (template, (int) strlen ("({document}, "));
  click_field (dialog, "{speaker}");
  g_assert_cmpstr (gtk_editable_get_text (template), ==, "({document}, {speaker})");
  end = gtk_editable_get_position (template);
  g_assert_cmpint (end, ==, (int) strlen ("({document}, {speaker}"));

  /* the preview: the real quote, cited with the template */
  g_assert_cmpstr (cb_export_quotes_dialog_get_preview_citation (dialog), ==, citation);
  g_assert_cmpstr (gtk_label_get_text (child (dialog, "preview_citation_label")), ==, citation);
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "preview_quote_label")), quote));
  g_assert_true (gtk_widget_get_visible (child (dialog, "preview_box")));

  /* the block quote length decides how the preview sets the quote */
  gtk_spin_button_set_value (child (dialog, "block_spin"), 3);
  ui_pump ();
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "preview_kind_label")), "block"));
  gtk_spin_button_set_value (child (dialog, "block_spin"), 120);
  ui_pump ();
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "preview_kind_label")), "inline"));

  /* an unknown field: the core's message, and no export */
  gtk_editable_set_text (template, "({documnet})");
  ui_pump ();
  g_assert_true (gtk_widget_get_visible (child (dialog, "template_error_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "template_error_label")), "{documnet}"));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_assert_null (cb_export_quotes_dialog_get_preview_citation (dialog));
  g_assert_false (cb_export_quotes_dialog_export_to (dialog, file));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  gtk_editable_set_text (template, "({document}, {speaker})");
  ui_pump ();
  g_assert_false (gtk_widget_get_visible (child (dialog, "template_error_label")));
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "export_button")));

  /* Enter (the default, Export…) asks for the file, named after the code
   * with the format's extension and filter; then the dialog closes and
   * the job writes the file */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "default.activate", NULL));
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (current_name, ==, "Vertrouwen.docx");
  g_assert_nonnull (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser)));
  g_assert_nonnull (strstr (gtk_file_filter_get_name (gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (chooser))), "DOCX"));
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  /* the chooser checks the name it was given in the background first */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       find_dialog () != NULL && g_get_monotonic_time () < deadline; )
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (find_dialog ());
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  document = zip_member (out, "word/document.xml");
  g_assert_nonnull (strstr (document, quote));
  g_assert_nonnull (strstr (document, citation));
  g_assert_nonnull (strstr (document, ">Vertrouwen<"));

  /* remembered under the project's UUID */
  settings = cb_app_settings_new ();
  uuid = cb_project_dup_uuid (fixture->project);
  all = g_settings_get_value (settings, "quote-export");
  remembered = g_variant_lookup_value (all, uuid, NULL);
  g_assert_nonnull (remembered);

  /* opened again: the same choices */
  dialog = open_dialog (fixture);
  g_assert_cmpint (cb_export_quotes_dialog_get_format (dialog), ==, CB_QUOTE_FORMAT_DOCX);
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "format_row")), ==, format_position (dialog, "DOCX"));
  g_assert_cmpint (cb_export_quotes_dialog_get_scope (dialog), ==, CB_QUOTE_SCOPE_CODE);
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "scope_row")), ==, CB_QUOTE_SCOPE_CODE);
  g_assert_cmpstr (gtk_editable_get_text (child (dialog, "template_row")), ==, "({document}, {speaker})");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (dialog, "block_spin")), ==, 120);
  g_assert_cmpstr (cb_export_quotes_dialog_get_preview_citation (dialog), ==, citation);

  /* closing with Escape (or Cancel) keeps what was changed, too */
  adw_combo_row_set_selected (child (dialog, "format_row"), format_position (dialog, "Markdown"));
  g_assert_true (press_shortcut (dialog, "Escape"));
  ui_pump ();
  g_assert_null (find_dialog ());
  dialog = open_dialog (fixture);
  g_assert_cmpint (cb_export_quotes_dialog_get_format (dialog), ==, CB_QUOTE_FORMAT_MARKDOWN);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_pump ();
}

/* Without a selected code only "every code" can be chosen; the export
 * holds every code's quotes, and the codes without quotes on request. */
static void
test_every_code (UiFixture     *fixture,
                 gconstpointer  data)
{
  g_autofree char *quote = code_one_quote (fixture);
  g_autofree char *out = g_build_filename (fixture->dir, "all.md", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (out);
  g_autofree char *contents = NULL;
  g_autofree char *citation = NULL;
  CbExportQuotesDialog *dialog;

  cb_code_tree_unselect (cb_window_get_code_tree (fixture->window));
  ui_pump ();
  g_assert_cmpint (cb_code_tree_get_selected_id (cb_window_get_code_tree (fixture->window)), ==, 0);

  dialog = open_dialog (fixture);
  /* another project's choices (the other test's) are not this one's */
  g_assert_cmpint (cb_export_quotes_dialog_get_format (dialog), ==, CB_QUOTE_FORMAT_DOCX);
  g_assert_cmpstr (cb_export_quotes_dialog_get_template (dialog), ==, CB_QUOTE_DEFAULT_TEMPLATE);
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "scope_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (dialog, "scope_row")), ==, CB_QUOTE_SCOPE_ALL);
  g_assert_cmpint (cb_export_quotes_dialog_get_scope (dialog), ==, CB_QUOTE_SCOPE_ALL);
  g_assert_null (cb_export_quotes_dialog_dup_code_path (dialog));
  /* the preview finds a code with a quote by itself, with the default template */
  citation = g_strdup (cb_export_quotes_dialog_get_preview_citation (dialog));
  g_assert_nonnull (citation);
  g_assert_true (g_str_has_prefix (citation, "(interview-ma07"));

  adw_combo_row_set_selected (child (dialog, "format_row"), format_position (dialog, "Markdown"));
  gtk_switch_set_active (child (dialog, "empty_codes_switch"), TRUE);
  ui_pump ();
  g_assert_true (cb_export_quotes_dialog_get_flags (dialog) & CB_EXPORT_QUOTES_WITH_EMPTY_CODES);
  g_assert_true (cb_export_quotes_dialog_export_to (dialog, file));
  ui_wait_job (fixture);
  ui_assert_no_dialog (fixture);
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "# Vertrouwen\n"));
  g_assert_nonnull (strstr (contents, "## Leeg\n"));
  g_assert_nonnull (strstr (contents, citation));

  /* "every code" was forced, not chosen: with a code selected again, the
   * dialog offers that code and its subcodes, as the quotes pane shows */
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Vertrouwen"));
  ui_pump ();
  dialog = open_dialog (fixture);
  g_assert_cmpint (cb_export_quotes_dialog_get_scope (dialog), ==, CB_QUOTE_SCOPE_SUBCODES);
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "scope_row")));
  g_assert_cmpint (cb_export_quotes_dialog_get_format (dialog), ==, CB_QUOTE_FORMAT_MARKDOWN);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_pump ();
}

/* A long code name is cut in the drop-down, not widening the dialog past
 * a small laptop's screen. */
static void
test_long_name (UiFixture     *fixture,
                gconstpointer  data)
{
  const char *path = "Een bijzonder lange codenaam die een onderzoeker echt zo zou kunnen typen "
                     "omdat de definitie er meteen in moet staan, met nog een bijzin erbij";
  CbExportQuotesDialog *dialog;
  int minimum = 0;

  ui_add_code (fixture, path);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), path));
  ui_pump ();
  dialog = open_dialog (fixture);
  g_assert_cmpint (cb_export_quotes_dialog_get_scope (dialog), !=, CB_QUOTE_SCOPE_ALL);
  gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 640);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_pump ();
}

/* With cases: a {case} button and one {attribute:NAME} button per
 * attribute; the preview cites the quote's case; a template naming an
 * attribute the project lacks is refused before exporting. */
static void
test_case_fields (UiFixture     *fixture,
                  gconstpointer  data)
{
  g_autofree char *quote = code_one_quote (fixture);
  g_autoptr(GError) error = NULL;
  CbExportQuotesDialog *dialog;
  GtkEditable *template;
  GtkWidget *box;
  guint n_attribute_buttons = 0;
  int position;

  g_assert_true (cb_project_add_case (fixture->project, "MA07", &error));
  g_assert_true (cb_project_add_attribute (fixture->project, "rol", CB_ATTRIBUTE_TEXT, NULL, &error));
  g_assert_true (cb_project_add_attribute (fixture->project, "team", CB_ATTRIBUTE_TEXT, NULL, &error));
  g_assert_true (cb_project_set_case_value (fixture->project, "MA07", "rol", "MA", &error));
  g_assert_true (cb_project_assign_case (fixture->project, "MA07", "interview-ma07", NULL, -1, -1, &error));
  g_assert_no_error (error);
  g_assert_true (cb_code_tree_select_path (cb_window_get_code_tree (fixture->window), "Vertrouwen"));
  ui_pump ();

  dialog = open_dialog (fixture);
  box = child (dialog, "fields_box");
  for (GtkWidget *item = gtk_widget_get_first_child (box); item != NULL; item = gtk_widget_get_next_sibling (item))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (item))));

      g_assert_cmpstr (label, !=, "{attribute:…}");
      if (g_str_has_prefix (label, "{attribute:"))
        n_attribute_buttons++;
    }
  g_assert_cmpuint (n_attribute_buttons, ==, 2);

  template = GTK_EDITABLE (child (dialog, "template_row"));
  gtk_editable_set_text (template, "(");
  gtk_editable_set_position (template, -1);
  click_field (dialog, "{case}");
  position = gtk_editable_get_position (template);
  gtk_editable_insert_text (template, ", ", -1, &position);
  gtk_editable_set_position (template, -1);
  click_field (dialog, "{attribute:rol}");
  gtk_editable_set_position (template, -1);
  position = gtk_editable_get_position (template);
  gtk_editable_insert_text (template, ")", -1, &position);
  ui_pump ();
  g_assert_cmpstr (cb_export_quotes_dialog_get_template (dialog), ==, "({case}, {attribute:rol})");
  g_assert_cmpstr (cb_export_quotes_dialog_get_preview_citation (dialog), ==, "(MA07, MA)");
  g_assert_true (gtk_widget_get_sensitive (child (dialog, "export_button")));

  /* an attribute the project does not have */
  gtk_editable_set_text (template, "({case}, {attribute:leeftijd})");
  ui_pump ();
  g_assert_null (cb_export_quotes_dialog_get_preview_citation (dialog));
  g_assert_false (gtk_widget_get_sensitive (child (dialog, "export_button")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "template_error_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (child (dialog, "template_error_label")), "leeftijd"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_pump ();
}

int
main (int    argc,
      char **argv)
{
  /* the file chooser adds what it saved to the recent files: into a
   * directory of this run's, never the user's (before GLib reads it) */
  g_autofree char *data_home = g_dir_make_tmp ("codeboom-ui-data-XXXXXX", NULL);
  g_autofree char *recent = NULL;
  int status;

  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  ui_init (&argc, &argv);

  UI_TEST ("/ui/export-dialog/docx-and-remembered", test_docx_and_remembered);
  UI_TEST ("/ui/export-dialog/every-code", test_every_code);
  UI_TEST ("/ui/export-dialog/long-name", test_long_name);
  UI_TEST ("/ui/export-dialog/case-fields", test_case_fields);

  status = g_test_run ();

  recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_unlink (recent);
  g_rmdir (data_home);
  return status;
}
