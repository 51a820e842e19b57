/* test-turns.c: speaker-turn recognition, and speakers and turns in a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cb-core.h"
#include "cb-project-turns.h"
#include "cb-turns.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static CbImportedText *
import_fixture (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  CbImportedText *imported;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  imported = cb_import_bytes (name, (const guint8 *) data, length, NULL, &error);
  g_assert_no_error (error);

  return imported;
}

static GPtrArray *
recognize (const char *text)
{
  return cb_turns_recognize (text, strlen (text));
}

/* "speaker=count ..." in order of first appearance. */
static char *
count_speakers (GPtrArray *turns)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < turns->len; i++)
    {
      CbTurn *turn = turns->pdata[i];
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, turn->speaker));

      if (count == 0)
        g_ptr_array_add (names, turn->speaker);
      g_hash_table_insert (counts, turn->speaker, GUINT_TO_POINTER (count + 1));
    }
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s=%u", i > 0 ? " " : "", (char *) names->pdata[i],
                            GPOINTER_TO_UINT (g_hash_table_lookup (counts, names->pdata[i])));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
turn_text (const char *text,
           gint64      start,
           gint64      end)
{
  return cb_text_dup_range (text, strlen (text), start, end);
}

/* ---------------------------------------------------------------- the corpus */

static void
test_corpus_ma07 (void)
{
  static const char * const names[] = {
    "interview-ma07.txt", "interview-ma07.docx", "interview-ma07.odt", "interview-ma07.rtf",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CbImportedText) imported = import_fixture (names[i]);
      g_autoptr(GPtrArray) turns = cb_turns_recognize (imported->text, imported->length);
      g_autofree char *counts = count_speakers (turns);
      CbTurn *first = turns->pdata[0];
      CbTurn *last = turns->pdata[turns->len - 1];
      g_autofree char *first_text = turn_text (imported->text, first->text_start, first->end);
      g_autofree char *first_whole = turn_text (imported->text, first->start, first->text_start);
      g_autofree char *last_text = turn_text (imported->text, last->text_start, last->end);

      g_test_message ("%s", names[i]);
      g_assert_cmpstr (counts, ==, "I=18 R=18");
      g_assert_cmpstr (first->timestamp, ==, "00:00:05");
      g_assert_cmpstr (first_whole, ==, "[00:00:05] I: ");
      g_assert_cmpstr (first_text, ==, "Goed, de opname loopt. Om te beginnen, kan je jezelf kort even voorstellen?");
      g_assert_cmpstr (last->timestamp, ==, "00:09:26");
      g_assert_cmpstr (last_text, ==, "Graag gedaan.");
      g_assert_cmpint (last->end, ==, imported->n_chars - 1);   /* the final newline is not said */
    }
}

static void
test_corpus_mag (void)
{
  g_autoptr(CbImportedText) imported = import_fixture ("mag-session-2-fr.txt");
  g_autoptr(GPtrArray) turns = cb_turns_recognize (imported->text, imported->length);
  g_autofree char *counts = count_speakers (turns);
  CbTurn *first = turns->pdata[0];
  g_autofree char *label = turn_text (imported->text, first->start, first->text_start);

  g_assert_cmpstr (counts, ==, "H\xc3\xa9l\xc3\xa8ne=5 Nadia=3 Karim=2 Lucie=3 Marc=2");
  g_assert_null (first->timestamp);
  g_assert_cmpstr (label, ==, "H\xc3\xa9l\xc3\xa8ne : ");
}

static void
test_corpus_hma02 (void)
{
  g_autoptr(CbImportedText) imported = import_fixture ("interview-hma02-cp1252-crlf.txt");
  g_autoptr(GPtrArray) turns = cb_turns_recognize (imported->text, imported->length);
  g_autofree char *counts = count_speakers (turns);

  g_assert_cmpstr (counts, ==, "I=4 R=4");
}

/* ---------------------------------------------------------------- the rules */

static void
test_header_is_not_a_turn (void)
{
  g_autoptr(GPtrArray) dutch = recognize ("Interview X\nDatum: 14 maart 2024\nLocatie: Gent\n\n"
                                          "I: Vraag?\n\nR: Antwoord.\n\nI: Nog een?\n\nR: Ja.\n");
  g_autoptr(GPtrArray) french = recognize ("Séance 2\n\nLieu : Bruxelles, 9 novembre\n\n"
                                           "Hélène : Bonjour.\n\nNadia : Oui.\n\nHélène : Merci.\n");
  g_autofree char *dutch_counts = count_speakers (dutch);
  g_autofree char *french_counts = count_speakers (french);

  g_assert_cmpstr (dutch_counts, ==, "I=2 R=2");
  g_assert_cmpstr (french_counts, ==, "H\xc3\xa9l\xc3\xa8ne=2 Nadia=1");
}

static void
test_timestamps (void)
{
  static const struct
  {
    const char *line;
    const char *timestamp;
  } cases[] = {
    { "[00:03:34] I: x", "00:03:34" },
    { "00:03:34 I: x", "00:03:34" },
    { "(03:34) I: x", "03:34" },
    { "#00:03:34# I: x", "00:03:34" },
    { "[00:03:34.5] I: x", "00:03:34.5" },
    { "[1:02:03] I: x", "1:02:03" },
    { "I: x", NULL },
    { "[00:03] I: x", "00:03" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("%s\n\nI: y\n", cases[i].line);
      g_autoptr(GPtrArray) turns = recognize (text);
      CbTurn *turn;

      g_test_message ("%s", cases[i].line);
      g_assert_cmpuint (turns->len, ==, 2);
      turn = turns->pdata[0];
      g_assert_cmpstr (turn->speaker, ==, "I");
      g_assert_cmpstr (turn->timestamp, ==, cases[i].timestamp);
      g_assert_cmpint (turn->start, ==, 0);
    }
}

static void
test_labels (void)
{
  static const struct
  {
    const char *label;      /* as it starts the line */
    const char *speaker;    /* NULL: not a turn */
  } cases[] = {
    { "Interviewer:", "Interviewer" },
    { "Respondent 3:", "Respondent 3" },
    { "H\xc3\xa9l\xc3\xa8ne :", "H\xc3\xa9l\xc3\xa8ne" },
    { "H\xc3\xa9l\xc3\xa8ne\xc2\xa0:", "H\xc3\xa9l\xc3\xa8ne" },          /* no-break space */
    { "H\xc3\xa9l\xc3\xa8ne\xe2\x80\xaf:", "H\xc3\xa9l\xc3\xa8ne" },      /* narrow no-break space */
    { "MA07:", "MA07" },
    { "Dr. Peeters:", "Dr. Peeters" },
    { "Jean-Pierre:", "Jean-Pierre" },
    { "Marie de Smet:", "Marie de Smet" },
    { "Een Twee Drie Vier:", "Een Twee Drie Vier" },
    { "R:Ja", "R" },
    { "Een Twee Drie Vier Vijf:", NULL },
    { "interviewer:", NULL },
    { "Goed. Dus:", NULL },
    { "Datum:14", NULL },
    { "Zie http://example.org", NULL },
    { "Zie::", NULL },
    { ": niets", NULL },
    { "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa:", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* Twice, so that the label recurs. */
      g_autofree char *text = g_strdup_printf ("%s ja\n\n%s nee\n", cases[i].label, cases[i].label);
      g_autoptr(GPtrArray) turns = recognize (text);

      g_test_message ("%s", cases[i].label);
      if (cases[i].speaker == NULL)
        g_assert_cmpuint (turns->len, ==, 0);
      else
        {
          g_assert_cmpuint (turns->len, ==, 2);
          g_assert_cmpstr (((CbTurn *) turns->pdata[0])->speaker, ==, cases[i].speaker);
        }
    }
}

static void
test_single_labels (void)
{
  /* After the dialogue has begun, a one-off label is a turn if it looks
   * like a name; "Dus ik zei" is a sentence in a continuation paragraph. */
  g_autoptr(GPtrArray) turns = recognize ("I: Vraag?\n\nR: Antwoord.\n\n"
                                          "Dus ik zei: nee.\n\n"
                                          "Noot: de opname stopt even.\n\n"
                                          "[00:05:00] zij: lowercase met tijd\n\n"
                                          "I: Verder.\n\nR: Ja.\n");
  g_autofree char *counts = count_speakers (turns);

  g_assert_cmpstr (counts, ==, "I=2 R=2 Noot=1");
}

static void
test_single_labels_timestamped (void)
{
  /* In a timestamped transcript a one-off label needs a timestamp too:
   * "Voorbeeld:" opens a continuation paragraph, the stamped "Tolk" speaks. */
  g_autoptr(GPtrArray) turns = recognize ("[00:00:01] I: Vraag?\n\n[00:00:05] R: Antwoord.\n\n"
                                          "Voorbeeld: het formulier.\n\n"
                                          "[00:01:00] Tolk: vertaling.\n\n"
                                          "[00:01:10] I: Verder.\n\n[00:01:20] R: Ja.\n");
  g_autofree char *counts = count_speakers (turns);
  CbTurn *answer = turns->pdata[1];

  g_assert_cmpstr (counts, ==, "I=2 R=2 Tolk=1");
  g_assert_cmpint (answer->end - answer->text_start, ==, strlen ("Antwoord.\n\nVoorbeeld: het formulier."));
}

static void
test_continuation (void)
{
  static const char text[] = "Kop\n\nI: Vraag?\n\nR: Eerste alinea.\n\nTweede alinea van R.  \n\n\nI:\n\nR: Slot.\n";
  g_autoptr(GPtrArray) turns = recognize (text);
  g_autofree char *answer = NULL;
  g_autofree char *empty = NULL;
  CbTurn *turn;

  g_assert_cmpuint (turns->len, ==, 4);

  turn = turns->pdata[1];
  answer = turn_text (text, turn->text_start, turn->end);
  g_assert_cmpstr (answer, ==, "Eerste alinea.\n\nTweede alinea van R.");

  /* A label with nothing said: text_start == end. */
  turn = turns->pdata[2];
  g_assert_cmpstr (turn->speaker, ==, "I");
  g_assert_cmpint (turn->text_start, ==, turn->end);
  g_assert_cmpint (turn->start, <, turn->end);
  empty = turn_text (text, turn->start, turn->end);
  g_assert_cmpstr (empty, ==, "I:");
}

static void
test_offsets_are_code_points (void)
{
  /* An emoji (one code point, four bytes, two UTF-16 units) before the turns. */
  static const char text[] = "\xf0\x9f\x98\x80 h\xc3\xa9\n\nI: \xc3\xa9\xc3\xa9n\n\nR: twee\n\nI: drie\n";
  g_autoptr(GPtrArray) turns = recognize (text);
  CbTurn *turn = turns->pdata[0];

  g_assert_cmpuint (turns->len, ==, 3);
  g_assert_cmpint (turn->start, ==, 6);
  g_assert_cmpint (turn->text_start, ==, 9);
  g_assert_cmpint (turn->end, ==, 12);
}

static void
test_nothing (void)
{
  g_autoptr(GPtrArray) empty = recognize ("");
  g_autoptr(GPtrArray) prose = recognize ("Een verhaal zonder sprekers.\n\nNog een alinea.\n");
  g_autoptr(GPtrArray) once = recognize ("Titel: iets\n\nIk: eenmaal\n");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (prose->len, ==, 0);
  g_assert_cmpuint (once->len, ==, 0);
}

/* ---------------------------------------------------------------- in a project */

typedef struct
{
  char      *dir;
  char      *path;
  CbProject *project;
} Fixture;

static void
import_file (CbProject  *project,
             const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cb_project_import_file (project, file, NULL, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("codeboom-turns-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "turns.codeboom", NULL);
  fixture->project = cb_project_create (fixture->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (fixture->project, "tester");

  import_file (fixture->project, "interview-ma07.docx");
  import_file (fixture->project, "mag-session-2-fr.txt");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);

  g_clear_object (&fixture->project);
  g_remove (fixture->path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* "name:turns:chars[:i]" for each speaker. */
static char *
speakers_of (CbProject  *project,
             const char *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) speakers = cb_project_list_speakers (project, document, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < speakers->len; i++)
    {
      CbSpeakerInfo *speaker = speakers->pdata[i];

      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT "%s",
                              i > 0 ? " " : "", speaker->name, speaker->n_turns,
                              speaker->n_chars, speaker->is_interviewer ? ":i" : "");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_project_import (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ma07 = speakers_of (fixture->project, "interview-ma07");
  g_autofree char *mag = speakers_of (fixture->project, "mag-session-2-fr");
  g_autoptr(GPtrArray) turns = cb_project_list_turns (fixture->project, "interview-ma07", &error);
  g_autoptr(CbDocumentInfo) info = cb_project_get_document (fixture->project, "interview-ma07", &error);
  g_autofree char *text = cb_project_dup_document_text (fixture->project, info->id, NULL, &error);
  g_autoptr(GPtrArray) recognised = cb_turns_recognize (text, strlen (text));
  g_autofree char *i_prefix = NULL;
  gint64 i_chars = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (turns->len, ==, 36);
  g_assert_cmpuint (recognised->len, ==, 36);
  for (guint i = 0; i < turns->len; i++)
    {
      CbTurnInfo *stored = turns->pdata[i];
      CbTurn *turn = recognised->pdata[i];

      g_assert_cmpint (stored->start, ==, turn->start);
      g_assert_cmpint (stored->end, ==, turn->end);
      g_assert_cmpint (stored->text_start, ==, turn->text_start);
      g_assert_cmpstr (stored->speaker, ==, turn->speaker);
      g_assert_cmpstr (stored->timestamp, ==, turn->timestamp);
      g_assert_cmpint (stored->document_id, ==, info->id);
      if (g_str_equal (turn->speaker, "I"))
        i_chars += turn->end - turn->text_start;
    }

  g_assert_true (g_str_has_prefix (ma07, "I:18:"));
  g_assert_nonnull (strstr (ma07, " R:18:"));
  i_prefix = g_strdup_printf ("I:18:%" G_GINT64_FORMAT " R:18:", i_chars);
  g_assert_true (g_str_has_prefix (ma07, i_prefix));
  g_assert_true (g_str_has_prefix (mag, "H\xc3\xa9l\xc3\xa8ne:5:"));
  g_assert_nonnull (strstr (mag, " Nadia:3:"));
  g_assert_nonnull (strstr (mag, " Karim:2:"));
  g_assert_nonnull (strstr (mag, " Lucie:3:"));
  g_assert_nonnull (strstr (mag, " Marc:2:"));

  /* Undoing the import takes the turns with it. */
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  g_assert_null (cb_project_list_turns (fixture->project, "mag-session-2-fr", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
}

static void
test_project_rename (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *label = NULL;

  g_assert_true (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Marc", "Marc D.", &error));
  g_assert_no_error (error);
  renamed = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_nonnull (strstr (renamed, " Marc D.:2:"));

  /* Into an existing name: one speaker with both speakers' turns. */
  g_assert_true (cb_project_set_speaker_interviewer (fixture->project, "mag-session-2-fr", "Karim", TRUE, &error));
  g_assert_true (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Karim", "Lucie", &error));
  g_assert_no_error (error);
  merged = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_null (strstr (merged, "Karim"));
  g_assert_nonnull (strstr (merged, " Lucie:5:"));
  g_assert_nonnull (strstr (merged, ":i"));

  label = cb_project_dup_undo_label (fixture->project);
  g_assert_nonnull (strstr (label, "Karim"));
  g_free (cb_project_undo (fixture->project, &error));
  g_assert_no_error (error);
  undone = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_nonnull (strstr (undone, " Karim:2:"));
  g_assert_nonnull (strstr (undone, " Lucie:3:"));

  /* Errors change nothing. */
  g_assert_false (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Nobody", "X", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_speaker (fixture->project, "nope", "Nadia", "X", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Nadia", "  ", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Nadia", "A / B", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Nadia", "A\x01" "B", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_project_autocode (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(CbCodeInfo) code = NULL;
  CbSpeakerCode *first;

  g_assert_true (cb_project_set_speaker_interviewer (fixture->project, "interview-ma07", "I", TRUE, &error));
  g_assert_no_error (error);

  codes = cb_project_autocode_speakers (fixture->project, NULL, NULL, CB_AUTOCODE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (codes->len, ==, 7);
  first = codes->pdata[0];
  g_assert_cmpstr (first->code_path, ==, "Sprekers / I");
  g_assert_cmpuint (first->n_turns, ==, 18);
  g_assert_cmpuint (first->n_created, ==, 18);

  /* The coded text is what the speaker said, without the label. */
  segments = cb_project_retrieve (fixture->project, "Sprekers / R", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 18);
  g_assert_cmpstr (((CbSegment *) segments->pdata[17])->text, ==, "Graag gedaan.");
  g_assert_true (g_str_has_prefix (((CbSegment *) segments->pdata[0])->text, "Ja. Ik ben Sofie"));
  g_clear_pointer (&segments, g_ptr_array_unref);
  segments = cb_project_retrieve (fixture->project, "Sprekers", TRUE, &error);
  g_assert_cmpuint (segments->len, ==, 36 + 15);

  /* Twice is once. */
  again = cb_project_autocode_speakers (fixture->project, "interview-ma07", NULL, CB_AUTOCODE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 2);
  g_assert_cmpuint (((CbSpeakerCode *) again->pdata[0])->n_created, ==, 0);
  g_clear_pointer (&again, g_ptr_array_unref);

  /* One undo step takes all of it back (after the second run's, if it
   * left one in the history). */
  for (guint i = 0; ; i++)
    {
      g_autofree char *label = cb_project_dup_undo_label (fixture->project);

      g_assert_cmpuint (i, <, 2);
      g_free (cb_project_undo (fixture->project, &error));
      g_assert_no_error (error);
      if (g_str_equal (label, "Code the speakers of every document"))
        break;
    }
  g_assert_null (cb_project_get_code (fixture->project, "Sprekers", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Another parent, without the interviewer. */
  again = cb_project_autocode_speakers (fixture->project, "interview-ma07", "Rollen / Spreker",
                                        CB_AUTOCODE_SKIP_INTERVIEWERS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpstr (((CbSpeakerCode *) again->pdata[0])->code_path, ==, "Rollen / Spreker / R");
  code = cb_project_get_code (fixture->project, "Rollen / Spreker / R", &error);
  g_assert_no_error (error);
  g_assert_cmpint (code->n_codings, ==, 18);

  /* Renamed speakers code under their new name. */
  g_assert_true (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "H\xc3\xa9l\xc3\xa8ne", "Animatrice", &error));
  g_clear_pointer (&again, g_ptr_array_unref);
  again = cb_project_autocode_speakers (fixture->project, "mag-session-2-fr", NULL, CB_AUTOCODE_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CbSpeakerCode *) again->pdata[0])->code_path, ==, "Sprekers / Animatrice");
}

static void
test_project_autocode_errors (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  g_assert_cmpint (cb_project_add_document (fixture->project, "proza", "Geen sprekers hier.\n", NULL, NULL, &error), >, 0);

  g_assert_null (cb_project_autocode_speakers (fixture->project, "proza", NULL, CB_AUTOCODE_NONE, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cb_project_autocode_speakers (fixture->project, "nope", NULL, CB_AUTOCODE_NONE, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cb_project_autocode_speakers (fixture->project, NULL, "", CB_AUTOCODE_NONE, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);

  listed = cb_project_list_codes (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);
}

static void
test_project_detect (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = speakers_of (fixture->project, "mag-session-2-fr");
  g_autofree char *after = NULL;
  guint n_turns = 0;

  g_assert_true (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Marc", "M", &error));
  g_assert_true (cb_project_detect_turns (fixture->project, "mag-session-2-fr", &n_turns, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_turns, ==, 15);
  after = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_cmpstr (after, ==, before);
}

static void
test_project_undo_turns (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *original = speakers_of (fixture->project, "mag-session-2-fr");
  g_autofree char *renamed = NULL;
  g_autofree char *now = NULL;
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  guint n_turns = 0;

  /* turns are reverted in bulk, not row by row: undo must still restore
   * exactly what was there before each step */
  g_assert_true (cb_project_rename_speaker (fixture->project, "mag-session-2-fr", "Marc", "Marc D.", &error));
  g_assert_no_error (error);
  renamed = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_cmpstr (renamed, !=, original);

  g_assert_true (cb_project_detect_turns (fixture->project, "mag-session-2-fr", &n_turns, &error));
  g_assert_no_error (error);
  now = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_cmpstr (now, ==, original);

  label = cb_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&now, g_free);
  now = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_cmpstr (now, ==, renamed);

  label = cb_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_clear_pointer (&label, g_free);
  g_clear_pointer (&now, g_free);
  now = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_cmpstr (now, ==, original);

  /* undo the import itself, then redo it: the turns come back */
  label = cb_project_undo (fixture->project, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (label, ==, "Import “mag-session-2-fr”");
  g_clear_pointer (&label, g_free);
  documents = cb_project_list_documents (fixture->project, &error);
  g_assert_cmpuint (documents->len, ==, 1);

  label = cb_project_redo (fixture->project, &error);
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  now = speakers_of (fixture->project, "mag-session-2-fr");
  g_assert_cmpstr (now, ==, original);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/turns/corpus/ma07", test_corpus_ma07);
  g_test_add_func ("/turns/corpus/mag", test_corpus_mag);
  g_test_add_func ("/turns/corpus/hma02", test_corpus_hma02);
  g_test_add_func ("/turns/header", test_header_is_not_a_turn);
  g_test_add_func ("/turns/timestamps", test_timestamps);
  g_test_add_func ("/turns/labels", test_labels);
  g_test_add_func ("/turns/single-labels", test_single_labels);
  g_test_add_func ("/turns/single-labels-timestamped", test_single_labels_timestamped);
  g_test_add_func ("/turns/continuation", test_continuation);
  g_test_add_func ("/turns/offsets", test_offsets_are_code_points);
  g_test_add_func ("/turns/nothing", test_nothing);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/turns/project/import", test_project_import);
  ADD ("/turns/project/rename", test_project_rename);
  ADD ("/turns/project/autocode", test_project_autocode);
  ADD ("/turns/project/autocode-errors", test_project_autocode_errors);
  ADD ("/turns/project/detect", test_project_detect);
  ADD ("/turns/project/undo", test_project_undo_turns);
#undef ADD

  return g_test_run ();
}
