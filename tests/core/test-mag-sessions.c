/* test-mag-sessions.c: MAG sessions in the core: phase markers in a text, the
 * default phase lists, phases as sections with their trimming rule, roles
 * and the grid's cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "cb-core.h"

static const char * const names_fr[] = {
  "récits", "choix du récit", "récit", "questions", "interprétations 1",
  "réaction du narrateur", "interprétations 2", "analyse", "perspectives", "évaluation", NULL
};

static void
assert_phase (GPtrArray  *phases,
              guint       i,
              gint64      start,
              gint64      end,
              const char *name)
{
  const CbPhaseInfo *phase;

  g_assert_cmpuint (i, <, phases->len);
  phase = phases->pdata[i];
  g_assert_cmpint (phase->start, ==, start);
  g_assert_cmpint (phase->end, ==, end);
  g_assert_cmpstr (phase->name, ==, name);
}

/* What is a marker and what is not; offsets in code points (an emoji is
 * one), a phase from its marker to the next. */
static void
test_detect (void)
{
  const char *text =
    "Séance 2 😀\n"                          /* 0..10, not a marker */
    "#hashtag is not a heading\n"            /* 11..36 */
    "## Tour 1\n"                            /* 37..46: a phase "Tour 1" */
    "Hélène : On commence.\n"                /* 47..68 */
    "[Interprétations – tour 2]\n"           /* 69..95: interprétations 2 */
    "ANALYSE :\n"                            /* 96..105: analyse */
    "Une analyse qui est une phrase bien plus longue qu’un titre ne le serait jamais, et qui ne nomme donc rien.\n"
    "[ ]\n";                                 /* brackets with nothing: no name */
  g_autoptr(GPtrArray) phases = cb_mag_detect_phases (text, strlen (text), names_fr);
  gint64 n = g_utf8_strlen (text, -1);

  g_assert_cmpuint (phases->len, ==, 3);
  assert_phase (phases, 0, 37, 69, "Tour 1");
  assert_phase (phases, 1, 69, 96, "interprétations 2");
  assert_phase (phases, 2, 96, n, "analyse");

  g_clear_pointer (&phases, g_ptr_array_unref);
  phases = cb_mag_detect_phases ("Geen markeringen.\nNadia: tekst\n", 31, names_fr);
  g_assert_cmpuint (phases->len, ==, 0);
}

static void
test_default_lists (void)
{
  g_assert_cmpstr (cb_mag_default_phase_names ("fr_BE.UTF-8")[0], ==, "récits");
  g_assert_cmpstr (cb_mag_default_phase_names ("nl")[9], ==, "evaluatie");
  g_assert_cmpstr (cb_mag_default_phase_names ("de_DE")[0], ==, "narrative proposals");
  g_assert_cmpstr (cb_mag_default_phase_names ("fry")[0], ==, "narrative proposals");
  g_assert_cmpstr (cb_mag_default_phase_names (NULL)[2], ==, "narrative");
  g_assert_cmpint (cb_speaker_role_from_string ("narrator"), ==, CB_SPEAKER_ROLE_NARRATOR);
  g_assert_cmpint (cb_speaker_role_from_string ("Narrator"), ==, CB_SPEAKER_ROLE_NONE);
  g_assert_cmpstr (cb_speaker_role_to_string (CB_SPEAKER_ROLE_OBSERVER), ==, "observer");
  g_assert_null (cb_speaker_role_to_string (CB_SPEAKER_ROLE_NONE));
}

static CbProject *
new_project (char **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CbProject *project;
  const char *text =
    "Hélène : Bonjour.\n"                    /* 0..17 */
    "Nadia : Mon récit 😀.\n"                /* 18..39 */
    "Karim : Je vois.\n"                     /* 40..56 */
    "Nadia : Oui.\n"                         /* 57..69 */
    "Hélène : Merci.\n";                     /* 70..85 (a label must recur) */

  *dir = g_dir_make_tmp ("codeboom-mag-XXXXXX", NULL);
  path = g_build_filename (*dir, "mag.codeboom", NULL);
  project = cb_project_create (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "s", text, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cb_project_set_phase_names (project, names_fr, &error));
  g_assert_no_error (error);
  return project;
}

static void
set_phase (CbProject  *project,
           const char *name,
           gint64      start,
           gint64      end)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_project_set_phase (project, "s", name, start, end, FALSE, &error));
  g_assert_no_error (error);
}

static void
test_sections (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(CbProject) project = new_project (&dir);
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GError) error = NULL;

  set_phase (project, "RÉCIT", 10, 40);          /* the list's spelling is stored */
  set_phase (project, "questions", 40, 60);
  set_phase (project, "analyse", 30, 50);        /* trims both */
  phases = cb_project_list_phases (project, "s", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phases->len, ==, 3);
  assert_phase (phases, 0, 10, 30, "récit");
  assert_phase (phases, 1, 30, 50, "analyse");
  assert_phase (phases, 2, 50, 60, "questions");

  g_assert_false (cb_project_set_phase (project, "s", "pause", 0, 5, FALSE, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cb_project_set_phase (project, "s", "récit", 60, 999, FALSE, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cb_project_clear_phases (project, "s", 0, 0, &error));
  g_clear_pointer (&phases, g_ptr_array_unref);
  phases = cb_project_list_phases (project, "s", &error);
  g_assert_cmpuint (phases->len, ==, 0);
  g_free (cb_project_undo (project, &error));
  g_assert_no_error (error);
  g_clear_pointer (&phases, g_ptr_array_unref);
  phases = cb_project_list_phases (project, "s", &error);
  g_assert_cmpuint (phases->len, ==, 3);
}

static void
test_grid (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(CbProject) project = new_project (&dir);
  g_autoptr(CbMagGrid) grid = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cb_project_set_speaker_role (project, "s", "Hélène", CB_SPEAKER_ROLE_FACILITATOR, &error));
  g_assert_true (cb_project_set_speaker_role (project, "s", "Karim", CB_SPEAKER_ROLE_PARTICIPANT, &error));
  g_assert_true (cb_project_set_speaker_role (project, "s", "Nadia", CB_SPEAKER_ROLE_NARRATOR, &error));
  g_assert_false (cb_project_set_speaker_role (project, "s", "Nobody", CB_SPEAKER_ROLE_OBSERVER, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* no memo yet: the columns, no rows */
  grid = cb_project_mag_grid (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->columns->len, ==, 2);
  g_assert_cmpstr (grid->columns->pdata[0], ==, "Nadia");
  g_assert_cmpstr (grid->columns->pdata[1], ==, "Karim");
  g_assert_cmpuint (grid->points->len, ==, 0);
  {
    g_autoptr(GBytes) tsv = cb_mag_grid_write (grid, CB_MAG_GRID_TSV, &error);

    g_assert_cmpmem (g_bytes_get_data (tsv, NULL), g_bytes_get_size (tsv),
                     "point\ttype\tNadia\tKarim\n", 23);
  }
  g_clear_pointer (&grid, cb_mag_grid_free);

  /* the narrator without a role: her column goes; the facilitator never has one */
  g_assert_true (cb_project_set_speaker_role (project, "s", "Nadia", CB_SPEAKER_ROLE_NONE, &error));
  grid = cb_project_mag_grid (project, NULL, &error);
  g_assert_cmpuint (grid->columns->len, ==, 1);
  g_assert_cmpstr (grid->columns->pdata[0], ==, "Karim");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mag/detect", test_detect);
  g_test_add_func ("/mag/default-lists", test_default_lists);
  g_test_add_func ("/mag/sections", test_sections);
  g_test_add_func ("/mag/grid", test_grid);

  return g_test_run ();
}
