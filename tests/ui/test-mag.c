/* test-mag.c: MAG sessions in the app: roles from the speaker menu, a phase
 * set from a selection and shown as a band in the gutter, the grid view
 * with a cell's quotes, opening one in the transcript, and its export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "cb-coding-gutter.h"
#include "ui-test-util.h"

#define DOC "mag-session-2-fr"

/* The code point span of @words in @text. */
static void
find_span (const char *text,
           const char *words,
           gint64     *start,
           gint64     *end)
{
  const char *at = strstr (text, words);

  g_assert_nonnull (at);
  *start = g_utf8_pointer_to_offset (text, at);
  *end = *start + g_utf8_strlen (words, -1);
}

/* A free-standing memo with one evidence link, written straight into the
 * schema-4 tables beside the open window, as another program would: the
 * grid must notice a change it did not make itself. */
static void
insert_memo_for_test (const char *path,
                      const char *title,
                      const char *type,
                      int         position,
                      gint64      start,
                      gint64      end)
{
  sqlite3 *db = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  char *sql;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  sql = sqlite3_mprintf ("INSERT INTO memo (uuid, title, type, position, created, modified)"
                         " VALUES ('%s', %Q, %Q, %d, '2026-12-03T17:00:00Z', '2026-12-03T17:00:00Z');"
                         "INSERT INTO memo_link (memo, document, start, end)"
                         " VALUES (last_insert_rowid (), (SELECT id FROM document WHERE name = '" DOC "'),"
                         " %lld, %lld);",
                         uuid, title, type, position, (long long) start, (long long) end);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("inserting a memo: %s", message);
  sqlite3_free (sql);
  sqlite3_close (db);
}

static gboolean
menu_has_label (GMenuModel *model,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (model, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_str_equal (text, label))
        return TRUE;
      if ((section != NULL && menu_has_label (section, label)) ||
          (submenu != NULL && menu_has_label (submenu, label)))
        return TRUE;
    }
  return FALSE;
}

static void
test_mag_session (UiFixture     *fixture,
                  gconstpointer  data)
{
  CbTranscriptView *view = cb_window_get_transcript_view (fixture->window);
  CbCodingGutter *gutter = CB_CODING_GUTTER (cb_transcript_view_get_gutter (view));
  CbMagGridView *grid_view = fixture->window->mag_grid_view;
  const char *names[] = { "récit", "interprétations 1", NULL };
  static const char * const participants[] = { "Nadia", "Karim", "Lucie", "Marc" };
  g_autoptr(GHashTable) roles = NULL;
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *export_path = NULL;
  g_autoptr(GFile) export_file = NULL;
  g_autofree char *exported = NULL;
  const CbTurnInfo *turn = NULL;
  CbMagGrid *grid;
  GtkWidget *button;
  gint64 start, end, s1, e1, s2, e2;
  gsize length = 0;

  ui_import (fixture, "mag-session-2-fr.txt");
  g_assert_cmpstr (cb_window_get_document_name (fixture->window), ==, DOC);
  text = cb_project_dup_document_text (fixture->project, cb_transcript_view_get_document_id (view),
                                       &length, &error);
  g_assert_no_error (error);

  /* roles: the speaker label's menu offers them; each is one undo step */
  for (gint64 offset = 0; offset < (gint64) g_utf8_strlen (text, -1) && turn == NULL; offset++)
    if ((turn = cb_transcript_view_get_turn_at (view, offset)) != NULL && !g_str_equal (turn->speaker, "Nadia"))
      turn = NULL;
  g_assert_nonnull (turn);
  menu = cb_transcript_view_build_context_menu (view, turn->start);
  g_assert_true (menu_has_label (menu, "MAG _Role"));
  g_assert_true (menu_has_label (menu, "Narrator"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-speaker-role", "(ss)", "Hélène", "facilitator");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-speaker-role", "(ss)", "Nadia", "narrator");
  for (guint i = 1; i < G_N_ELEMENTS (participants); i++)
    gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-speaker-role", "(ss)",
                                participants[i], "participant");
  ui_pump ();
  ui_assert_no_dialog (fixture);
  roles = cb_project_dup_speaker_roles (fixture->project, DOC, &error);
  g_assert_no_error (error);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (roles, "Nadia")), ==, CB_SPEAKER_ROLE_NARRATOR);
  g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (roles, "Marc")), ==, CB_SPEAKER_ROLE_PARTICIPANT);
  g_clear_pointer (&menu, g_object_unref);
  menu = cb_transcript_view_build_context_menu (view, turn->start);
  g_assert_true (menu_has_label (menu, "✓ Narrator"));

  /* a phase from a selection: the menu offers it, the dialog sets it, the
   * gutter shows it as a band, undo takes it away */
  g_assert_true (cb_project_set_phase_names (fixture->project, names, &error));
  g_assert_no_error (error);
  find_span (text, "Hélène : On fait un premier tour", &start, &end);
  cb_transcript_view_select_range (view, start, (gint64) g_utf8_strlen (text, -1));
  g_clear_pointer (&menu, g_object_unref);
  menu = cb_transcript_view_build_context_menu (view, start);
  g_assert_true (menu_has_label (menu, "Set _Phase…"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.set-phase", "(xx)",
                              start, (gint64) g_utf8_strlen (text, -1));
  ui_pump ();
  g_assert_nonnull (fixture->window->dialog);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (adw_message_dialog_get_extra_child (fixture->window->dialog)), 1);
  adw_message_dialog_response (fixture->window->dialog, "set");
  gtk_window_destroy (GTK_WINDOW (fixture->window->dialog));
  ui_wait_frames (GTK_WIDGET (fixture->window), 2);
  ui_pump ();
  phases = cb_project_list_phases (fixture->project, DOC, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phases->len, ==, 1);
  g_assert_cmpstr (((CbPhaseInfo *) phases->pdata[0])->name, ==, "interprétations 1");
  g_assert_cmpint (((CbPhaseInfo *) phases->pdata[0])->start, ==, start);
  g_assert_cmpuint (cb_coding_gutter_get_n_bands (gutter), ==, 1);
  g_assert_true (_cb_window_set_phase (fixture->window, "récit", 0, start, &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_cmpuint (cb_coding_gutter_get_n_bands (gutter), ==, 2);
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  ui_pump ();
  g_assert_cmpuint (cb_coding_gutter_get_n_bands (gutter), ==, 1);

  /* the grid: one convergence, one divergence */
  find_span (text, "Le travail administratif n'a pas disparu, il a été déplacé", &s1, &e1);
  find_span (text, "L'école n'est pas forcément de mauvaise foi.", &s2, &e2);
  insert_memo_for_test (fixture->path, "La charge est déplacée", "convergence", 0, s1, e1);
  insert_memo_for_test (fixture->path, "Qui est responsable ?", "divergence", 1, s2, e2);
  adw_view_stack_set_visible_child_name (fixture->window->view_stack, "mag");
  ui_pump ();
  cb_mag_grid_view_refresh (grid_view);
  grid = cb_mag_grid_view_get_grid (grid_view);
  g_assert_nonnull (grid);
  g_assert_cmpuint (grid->columns->len, ==, 4);
  for (guint c = 0; c < G_N_ELEMENTS (participants); c++)
    g_assert_cmpstr (grid->columns->pdata[c], ==, participants[c]);
  g_assert_cmpuint (grid->points->len, ==, 2);
  button = cb_mag_grid_view_get_cell_button (grid_view, 0, 3);   /* Marc */
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "1");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cb_mag_grid_view_get_cell_button (grid_view, 0, 0))), ==, "0");
  g_assert_false (gtk_widget_get_sensitive (cb_mag_grid_view_get_cell_button (grid_view, 1, 0)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_nonnull (gtk_list_box_get_row_at_index (cb_mag_grid_view_get_quote_list (grid_view), 0));
  g_assert_null (gtk_list_box_get_row_at_index (cb_mag_grid_view_get_quote_list (grid_view), 1));
  cb_mag_grid_view_activate_quote (grid_view, 0);
  ui_pump ();
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->window->view_stack), ==, "transcript");
  g_assert_true (cb_transcript_view_get_selection (view, &start, &end));
  g_assert_cmpint (start, ==, s1);
  g_assert_cmpint (end, ==, e1);

  /* export: an ODT package with the quote */
  export_path = g_build_filename (fixture->dir, "grid.html", NULL);
  export_file = g_file_new_for_path (export_path);
  g_assert_true (cb_mag_grid_view_export (grid_view, CB_MAG_GRID_HTML, export_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (export_path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "± “L&apos;école n&apos;est pas forcément de mauvaise foi.”"));
  ui_assert_no_dialog (fixture);
}

#define MARKED_TEXT "[Récit]\nNadia : Elle vient me voir 😀 pour les factures.\n" \
                    "[Interprétations – tour 1]\nMarc : Un transfert de charge, cafe\xcc\x81 compris.\n"

/* Detecting the phases from marker lines, clearing one from the menu
 * over it or from a selection, and the project's phase names: each one
 * undo step through the window's actions, as `phase detect`, `phase
 * clear` and `phase names` do. */
static void
test_phase_commands (UiFixture     *fixture,
                     gconstpointer  data)
{
  CbWindow *window = fixture->window;
  CbTranscriptView *view = cb_window_get_transcript_view (window);
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  gint64 id, second_start, n_chars;

  /* an interview without marker lines gets no MAG items */
  ui_import (fixture, "interview-ma07.txt");
  menu = cb_transcript_view_build_context_menu (view, 10);
  g_assert_false (menu_has_label (menu, "_Detect Phases from Marker Lines"));
  g_clear_object (&menu);

  {
    const char *french[] = { "récit", "interprétations 1", NULL };

    g_assert_true (cb_project_set_phase_names (fixture->project, french, &error));
    g_assert_no_error (error);
  }
  id = cb_project_add_document (fixture->project, "sessie 3", MARKED_TEXT, "sessie3.txt", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cb_window_show_document (window, id, &error));
  g_assert_no_error (error);
  ui_pump ();
  {
    /* stored in NFC: the combining accent is one code point with its e */
    g_autoptr(CbDocumentInfo) info = cb_project_get_document (fixture->project, "sessie 3", &error);

    g_assert_no_error (error);
    n_chars = info->n_chars;
    g_assert_cmpint (n_chars, ==, g_utf8_strlen (MARKED_TEXT, -1) - 1);
  }
  menu = cb_transcript_view_build_context_menu (view, 10);
  g_assert_true (menu_has_label (menu, "_Detect Phases from Marker Lines"));
  g_clear_object (&menu);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.detect-phases", NULL);
  ui_pump ();
  ui_assert_no_dialog (fixture);
  phases = cb_project_list_phases (fixture->project, "sessie 3", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phases->len, ==, 2);
  g_assert_cmpstr (((CbPhaseInfo *) phases->pdata[0])->name, ==, "récit");
  g_assert_cmpstr (((CbPhaseInfo *) phases->pdata[1])->name, ==, "interprétations 1");
  second_start = ((CbPhaseInfo *) phases->pdata[1])->start;
  g_assert_cmpint (((CbPhaseInfo *) phases->pdata[1])->end, ==, n_chars);
  g_clear_pointer (&phases, g_ptr_array_unref);

  /* over the second phase, nothing selected: "Clear Phase “…”" */
  cb_transcript_view_select_range (view, second_start + 3, second_start + 3);
  menu = cb_transcript_view_build_context_menu (view, second_start + 3);
  g_assert_true (menu_has_label (menu, "Clear Phase “interprétations 1”"));
  g_clear_object (&menu);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-phase", "(xx)", second_start, n_chars);
  ui_pump ();
  phases = cb_project_list_phases (fixture->project, "sessie 3", &error);
  g_assert_cmpuint (phases->len, ==, 1);
  g_clear_pointer (&phases, g_ptr_array_unref);

  /* a selection across the first phase's end clears that part of it */
  cb_transcript_view_select_range (view, 10, second_start + 2);
  menu = cb_transcript_view_build_context_menu (view, 12);
  g_assert_true (menu_has_label (menu, "Clear Phases in Selection"));
  g_clear_object (&menu);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-phase", "(xx)", (gint64) 10, second_start + 2);
  ui_pump ();
  phases = cb_project_list_phases (fixture->project, "sessie 3", &error);
  g_assert_cmpuint (phases->len, ==, 1);
  g_assert_cmpint (((CbPhaseInfo *) phases->pdata[0])->start, ==, 0);
  g_assert_cmpint (((CbPhaseInfo *) phases->pdata[0])->end, ==, 10);
  g_clear_pointer (&phases, g_ptr_array_unref);
  /* each was one undo step */
  g_free (cb_project_undo (fixture->project, &error));
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  phases = cb_project_list_phases (fixture->project, "sessie 3", &error);
  g_assert_cmpuint (phases->len, ==, 2);
  g_clear_pointer (&phases, g_ptr_array_unref);

  /* the phase names: one per line, blank lines and spaces dropped */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.phase-names", NULL);
  ui_pump ();
  g_assert_nonnull (window->dialog);
  {
    GtkTextView *names_view = g_object_get_data (G_OBJECT (window->dialog), "cb-names");

    gtk_text_buffer_set_text (gtk_text_view_get_buffer (names_view), "Récit\n\n  Analyse 😀 \nPerspectives\n", -1);
  }
  adw_message_dialog_response (window->dialog, "save");
  gtk_window_destroy (GTK_WINDOW (window->dialog));
  ui_pump ();
  names = cb_project_dup_phase_names (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 3);
  g_assert_cmpstr (names[1], ==, "Analyse 😀");
  g_clear_pointer (&names, g_strfreev);
  /* back to the default list */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.phase-names", NULL);
  ui_pump ();
  adw_message_dialog_response (window->dialog, "default");
  gtk_window_destroy (GTK_WINDOW (window->dialog));
  ui_pump ();
  names = cb_project_dup_phase_names (fixture->project, &error);
  g_assert_cmpuint (g_strv_length (names), >, 3);
  ui_assert_no_dialog (fixture);
}

int
main (int   argc,
      char *argv[])
{
  ui_init (&argc, &argv);

  UI_TEST ("/ui/mag/session", test_mag_session);
  UI_TEST ("/ui/mag/phase-commands", test_phase_commands);

  return g_test_run ();
}
