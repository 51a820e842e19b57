/* test-memos.c: memos of owners, free-standing memos, evidence and the memo report (issue 19)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <libxml/parser.h>

#include "cb-core.h"
#include "cb-import-zip.h"

/* Two speakers; an emoji (one code point, two UTF-16 units) and a combining
 * accent (e + U+0301: two code points) before the evidence, so that byte,
 * UTF-16 and code point offsets all differ. */
static const char transcript[] =
  "[00:00:05] Nadia: Het formulier 😤 is weg.\n"   /* 0..41 */
  "\n"
  "[00:01:10] Karim: Ik bel de dienst, café\xcc\x81 dicht.\n"
  "\n"
  "[00:01:20] Nadia: Ja.\n";

/* Code point offsets into transcript */
#define EMOJI_START   32   /* "😤" */
#define KARIM_TEXT    61   /* "Ik bel …" */

typedef struct
{
  char      *path;
  CbProject *project;
  guint      n_changed;
  guint      last_flags;
} Fixture;

static void
on_changed (CbProject     *project,
            CbChangeFlags  flags,
            Fixture       *fixture)
{
  fixture->n_changed++;
  fixture->last_flags = flags;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("codeboom-memos-XXXXXX", &error);

  g_assert_no_error (error);
  fixture->path = g_build_filename (dir, "memos.codeboom", NULL);
  fixture->project = cb_project_create (fixture->path, &error);
  g_assert_no_error (error);
  cb_project_set_coder (fixture->project, "anna");
  g_assert_cmpint (cb_project_add_document (fixture->project, "gesprek", transcript, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (fixture->project, "andere", "Nog een tekst.\n", NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cb_project_detect_turns (fixture->project, "gesprek", NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->project, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (fixture->path);

  g_clear_object (&fixture->project);
  for (const char *suffix = ""; suffix != NULL; suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (fixture->path, suffix, NULL);

      g_remove (file);
    }
  g_rmdir (dir);
  g_free (fixture->path);
}

static void
assert_no_problems (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) problems->pdata[i]);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
undo (CbProject  *project,
      const char *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *undone = cb_project_undo (project, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (undone, ==, label);
}

/* The project, document, code, coding and case memos: set, read, undone. */
static void
test_owner_memos (Fixture       *fixture,
                  gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbDocumentInfo) document = NULL;
  g_autoptr(CbCodeInfo) code = NULL;
  g_autofree char *memo = NULL;
  g_autofree char *project_memo = NULL;
  gint64 coding, found;

  g_assert_true (cb_project_set_memo (project, "Het argument 🙂", &error));
  g_assert_no_error (error);
  project_memo = cb_project_dup_memo (project);
  g_assert_cmpstr (project_memo, ==, "Het argument 🙂");

  g_assert_true (cb_project_set_document_memo (project, "gesprek", "Lang gesprek", &error));
  document = cb_project_get_document (project, "gesprek", &error);
  g_assert_cmpstr (document->memo, ==, "Lang gesprek");

  g_assert_cmpint (cb_project_add_code (project, "Regels", NULL, NULL, &error), >, 0);
  g_assert_true (cb_project_set_code_memo (project, "Regels", "Code-memo", &error));
  code = cb_project_get_code (project, "Regels", &error);
  g_assert_cmpstr (code->memo, ==, "Code-memo");

  coding = cb_project_apply (project, "gesprek", "Regels", 18, 41, NULL, &error);
  g_assert_no_error (error);
  found = cb_project_find_coding (project, "gesprek", "Regels", 18, 41, &memo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found, ==, coding);
  g_assert_cmpstr (memo, ==, "");
  g_clear_pointer (&memo, g_free);
  g_assert_true (cb_project_set_coding_memo (project, coding, "Waarom dit", &error));
  cb_project_find_coding (project, "gesprek", "Regels", 18, 41, &memo, &error);
  g_assert_cmpstr (memo, ==, "Waarom dit");
  g_clear_pointer (&memo, g_free);
  /* no coding on that span */
  g_assert_cmpint (cb_project_find_coding (project, "gesprek", "Regels", 18, 40, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (cb_project_add_case (project, "Nadia", &error));
  fixture->n_changed = 0;
  g_assert_true (cb_project_set_case_memo (project, "Nadia", "Respondent 1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->n_changed, ==, 1);
  g_assert_true (fixture->last_flags & CB_CHANGE_MEMOS);
  memo = cb_project_dup_case_memo (project, "Nadia", &error);
  g_assert_cmpstr (memo, ==, "Respondent 1");
  g_clear_pointer (&memo, g_free);
  g_assert_null (cb_project_dup_case_memo (project, "Nobody", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* each one undo step */
  undo (project, "Edit the memo of case “Nadia”");
  memo = cb_project_dup_case_memo (project, "Nadia", &error);
  g_assert_cmpstr (memo, ==, "");
  g_clear_pointer (&memo, g_free);
  undo (project, "Add case “Nadia”");
  undo (project, "Edit the memo of a coding");
  cb_project_find_coding (project, "gesprek", "Regels", 18, 41, &memo, &error);
  g_assert_cmpstr (memo, ==, "");
  assert_no_problems (project);
}

/* A coding of another coder is found when the project's coder has none;
 * two other coders make the choice ambiguous. */
static void
test_coding_memo_coders (Fixture       *fixture,
                         gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  gint64 bert, carla, anna;

  cb_project_set_coder (project, "bert");
  bert = cb_project_apply_creating (project, "gesprek", "Regels", 0, 10, NULL, &error);
  g_assert_no_error (error);
  cb_project_set_coder (project, "anna");
  g_assert_cmpint (cb_project_find_coding (project, "gesprek", "Regels", 0, 10, NULL, &error), ==, bert);
  cb_project_set_coder (project, "carla");
  carla = cb_project_apply (project, "gesprek", "Regels", 0, 10, NULL, &error);
  g_assert_cmpint (carla, !=, bert);
  g_assert_cmpint (cb_project_find_coding (project, "gesprek", "Regels", 0, 10, NULL, &error), ==, carla);
  cb_project_set_coder (project, "anna");
  g_assert_cmpint (cb_project_find_coding (project, "gesprek", "Regels", 0, 10, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  anna = cb_project_apply (project, "gesprek", "Regels", 0, 10, NULL, &error);
  g_assert_cmpint (cb_project_find_coding (project, "gesprek", "Regels", 0, 10, NULL, &error), ==, anna);
}

static CbMemoInfo *
get_memo (CbProject  *project,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  CbMemoInfo *info = cb_project_get_memo (project, title, &error);

  g_assert_no_error (error);
  return info;
}

/* Titles, types and levels. */
static void
test_free_memos (Fixture       *fixture,
                 gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbMemoInfo) note = NULL;
  g_autoptr(CbMemoInfo) seen = NULL;
  g_autoptr(CbMemoInfo) tension = NULL;
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GPtrArray) only = NULL;

  g_assert_cmpint (cb_project_add_memo (project, "  Een gedachte ", NULL, NULL, "Tekst", &error), >, 0);
  g_assert_no_error (error);
  note = get_memo (project, "Een gedachte");
  g_assert_cmpstr (note->title, ==, "Een gedachte");
  g_assert_cmpstr (note->type, ==, "note");
  g_assert_null (note->level);
  g_assert_cmpstr (note->author, ==, "anna");
  g_assert_cmpstr (note->text, ==, "Tekst");

  /* named types and levels in any case; free ones as typed */
  g_assert_cmpint (cb_project_add_memo (project, "Wachttijden", "OBSERVATION", "Institutions", "", &error), >, 0);
  seen = get_memo (project, "Wachttijden");
  g_assert_cmpstr (seen->type, ==, "observation");
  g_assert_cmpstr (seen->level, ==, "institutions");
  g_assert_cmpint (cb_project_add_memo (project, "Spanning", "tension", "buurt", NULL, &error), >, 0);
  tension = get_memo (project, "Spanning");
  g_assert_cmpstr (tension->type, ==, "tension");
  g_assert_cmpstr (tension->level, ==, "buurt");
  g_assert_cmpint (cb_project_add_memo (project, "Zorg", "concern", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_memo (project, "Eerste waarneming", "observation", NULL, NULL, &error), >, 0);

  /* unique, non-empty titles */
  g_assert_cmpint (cb_project_add_memo (project, "Wachttijden", NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_add_memo (project, "  ", NULL, NULL, NULL, &error), ==, 0);
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cb_project_add_memo (project, "Stiekem\xe2\x80\xaeweg", NULL, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (cb_project_rename_memo (project, "Zorg", "Wachttijden", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cb_project_set_memo_text (project, "Geen", "x", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* by type (named types in their order, free ones after), then position */
  memos = cb_project_list_memos (project, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (memos->len, ==, 5);
  g_assert_cmpstr (((CbMemoInfo *) memos->pdata[0])->title, ==, "Een gedachte");
  g_assert_cmpstr (((CbMemoInfo *) memos->pdata[1])->title, ==, "Wachttijden");
  g_assert_cmpstr (((CbMemoInfo *) memos->pdata[2])->title, ==, "Eerste waarneming");
  g_assert_cmpstr (((CbMemoInfo *) memos->pdata[3])->title, ==, "Zorg");
  g_assert_cmpstr (((CbMemoInfo *) memos->pdata[4])->title, ==, "Spanning");
  only = cb_project_list_memos (project, "Observation", &error);
  g_assert_cmpuint (only->len, ==, 2);

  /* reorder: "Eerste waarneming" before "Wachttijden" */
  g_assert_true (cb_project_move_memo (project, "Eerste waarneming", 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&only, g_ptr_array_unref);
  only = cb_project_list_memos (project, "observation", &error);
  g_assert_cmpstr (((CbMemoInfo *) only->pdata[0])->title, ==, "Eerste waarneming");
  g_assert_cmpstr (((CbMemoInfo *) only->pdata[1])->title, ==, "Wachttijden");
  undo (project, "Move memo “Eerste waarneming”");
  g_clear_pointer (&only, g_ptr_array_unref);
  only = cb_project_list_memos (project, "observation", &error);
  g_assert_cmpstr (((CbMemoInfo *) only->pdata[0])->title, ==, "Wachttijden");

  /* each change one undo step */
  g_assert_true (cb_project_set_memo_type (project, "Zorg", "Recommendation", &error));
  g_assert_true (cb_project_set_memo_level (project, "Zorg", "politics", &error));
  g_assert_true (cb_project_set_memo_text (project, "Zorg", "Meer personeel 👩‍⚕️", &error));
  g_assert_true (cb_project_rename_memo (project, "Zorg", "Personeel", &error));
  g_assert_no_error (error);
  {
    g_autoptr(CbMemoInfo) changed = get_memo (project, "Personeel");

    g_assert_cmpstr (changed->type, ==, "recommendation");
    g_assert_cmpstr (changed->level, ==, "politics");
    g_assert_cmpstr (changed->text, ==, "Meer personeel 👩‍⚕️");
  }
  g_assert_true (cb_project_set_memo_level (project, "Personeel", "", &error));
  undo (project, "Change the level of memo “Personeel”");
  undo (project, "Rename memo “Zorg”");
  undo (project, "Edit memo “Zorg”");
  undo (project, "Change the level of memo “Zorg”");
  undo (project, "Change the type of memo “Zorg”");
  {
    g_autoptr(CbMemoInfo) back = get_memo (project, "Zorg");

    g_assert_cmpstr (back->type, ==, "concern");
    g_assert_null (back->level);
    g_assert_cmpstr (back->text, ==, "");
  }
  g_assert_true (cb_project_delete_memo (project, "Zorg", &error));
  g_assert_null (cb_project_get_memo (project, "Zorg", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  undo (project, "Delete memo “Zorg”");
  g_clear_pointer (&memos, g_ptr_array_unref);
  memos = cb_project_list_memos (project, NULL, &error);
  g_assert_cmpuint (memos->len, ==, 5);
  undo (project, "Add memo “Eerste waarneming”");
  assert_no_problems (project);
}

/* Evidence: spans checked, the text returned exactly (emoji, combining
 * marks), the citation fields, undo. */
static void
test_evidence (Fixture       *fixture,
               gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GPtrArray) at = NULL;
  g_autofree char *text = NULL;
  g_autofree char *second = NULL;
  g_autoptr(CbMemoInfo) info = NULL;
  g_autoptr(CbDocumentInfo) document = cb_project_get_document (project, "gesprek", &error);
  CbMemoLink *link;

  g_assert_cmpint (cb_project_add_memo (project, "Frustratie", "observation", NULL, "Boos", &error), >, 0);
  g_assert_true (cb_project_add_case (project, "Resp 1", &error));
  g_assert_true (cb_project_assign_case (project, "Resp 1", "gesprek", NULL, -1, -1, &error));
  g_assert_no_error (error);

  text = cb_project_link_memo (project, "Frustratie", "gesprek", 18, EMOJI_START + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Het formulier 😤");
  second = cb_project_link_memo (project, "Frustratie", "gesprek", KARIM_TEXT, KARIM_TEXT + 30, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "Ik bel de dienst, café\xcc\x81 dicht.");

  /* checked against the text */
  g_assert_null (cb_project_link_memo (project, "Frustratie", "gesprek", 5, document->n_chars + 1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cb_project_link_memo (project, "Frustratie", "gesprek", 7, 7, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (cb_project_link_memo (project, "Frustratie", "gesprek", 18, EMOJI_START + 1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (cb_project_link_memo (project, "Frustratie", "geen", 0, 1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cb_project_link_memo (project, "Geen memo", "gesprek", 0, 1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  links = cb_project_list_memo_links (project, "Frustratie", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 2);
  link = links->pdata[0];
  g_assert_cmpstr (link->document, ==, "gesprek");
  g_assert_cmpint (link->start, ==, 18);
  g_assert_cmpstr (link->text, ==, "Het formulier 😤");
  g_assert_cmpstr (link->speaker, ==, "Nadia");
  g_assert_cmpstr (link->timestamp, ==, "00:00:05");
  g_assert_cmpuint (link->paragraph, ==, 1);
  g_assert_cmpstr (link->case_name, ==, "Resp 1");
  link = links->pdata[1];
  g_assert_cmpstr (link->speaker, ==, "Karim");
  g_assert_cmpuint (link->paragraph, ==, 2);
  info = get_memo (project, "Frustratie");
  g_assert_cmpuint (info->n_links, ==, 2);

  at = cb_project_list_memos_at (project, document->id, EMOJI_START, EMOJI_START + 1, &error);
  g_assert_cmpuint (at->len, ==, 1);
  g_clear_pointer (&at, g_ptr_array_unref);
  at = cb_project_list_memos_at (project, document->id, 45, 50, &error);
  g_assert_cmpuint (at->len, ==, 0);
  /* the transcript's marks: both spans, by start, in code points */
  {
    g_autoptr(GArray) spans = cb_project_list_memo_spans (project, document->id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (spans->len, ==, 2);
    g_assert_cmpint (g_array_index (spans, CbMemoSpan, 0).start, ==, 18);
    g_assert_cmpint (g_array_index (spans, CbMemoSpan, 0).end, ==, EMOJI_START + 1);
    g_assert_cmpint (g_array_index (spans, CbMemoSpan, 1).start, ==, KARIM_TEXT);
    g_assert_cmpint (g_array_index (spans, CbMemoSpan, 0).memo_id, ==, info->id);
  }

  g_assert_true (cb_project_unlink_memo (project, "Frustratie", "gesprek", 18, EMOJI_START + 1, &error));
  g_assert_no_error (error);
  g_assert_false (cb_project_unlink_memo (project, "Frustratie", "gesprek", 18, EMOJI_START + 1, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  undo (project, "Unlink evidence from memo “Frustratie”");
  undo (project, "Link evidence to memo “Frustratie”");
  g_clear_pointer (&links, g_ptr_array_unref);
  links = cb_project_list_memo_links (project, "Frustratie", &error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((CbMemoLink *) links->pdata[0])->start, ==, 18);

  /* deleting the memo takes its evidence; undo brings both back */
  g_assert_true (cb_project_delete_memo (project, "Frustratie", &error));
  undo (project, "Delete memo “Frustratie”");
  g_clear_pointer (&links, g_ptr_array_unref);
  links = cb_project_list_memo_links (project, "Frustratie", &error);
  g_assert_cmpuint (links->len, ==, 1);
  /* deleting the document takes the evidence in it */
  g_assert_true (cb_project_delete_document (project, "gesprek", &error));
  g_clear_pointer (&links, g_ptr_array_unref);
  links = cb_project_list_memo_links (project, "Frustratie", &error);
  g_assert_cmpuint (links->len, ==, 0);
  assert_no_problems (project);
}

/* A project file is input: evidence outside its document's text is not
 * shown (nor cited) as if it were a quote. */
static void
test_evidence_hostile (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autofree char *text = NULL;
  sqlite3 *db;

  g_assert_cmpint (cb_project_add_memo (fixture->project, "M", NULL, NULL, NULL, &error), >, 0);
  text = cb_project_link_memo (fixture->project, "M", "andere", 0, 3, &error);
  g_assert_no_error (error);
  g_clear_object (&fixture->project);

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE memo_link SET end = 100000", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  fixture->project = cb_project_open (fixture->path, &error);
  g_assert_no_error (error);
  links = cb_project_list_memo_links (fixture->project, "M", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 0);
  /* nor marked in the transcript */
  {
    g_autoptr(CbDocumentInfo) document = cb_project_get_document (fixture->project, "andere", &error);
    g_autoptr(GArray) spans = NULL;

    g_assert_no_error (error);
    spans = cb_project_list_memo_spans (fixture->project, document->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (spans->len, ==, 0);
  }
}

/* The XML part @member of a zip, checked to be well-formed. */
static char *
zip_part (GBytes     *zip_bytes,
          const char *member)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("out", g_bytes_get_data (zip_bytes, NULL),
                                           g_bytes_get_size (zip_bytes), NULL, &error);
  g_autoptr(GBytes) part = NULL;
  xmlDocPtr doc;

  g_assert_no_error (error);
  part = cb_zip_read_member (zip, member, &error);
  g_assert_no_error (error);
  if (g_str_has_suffix (member, ".xml"))
    {
      doc = xmlReadMemory (g_bytes_get_data (part, NULL), g_bytes_get_size (part), member, NULL, XML_PARSE_NONET);
      g_assert_nonnull (doc);
      xmlFreeDoc (doc);
    }
  return g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
}

/* @first comes before @second in @text, both present. */
static void
assert_before (const char *text,
               const char *first,
               const char *second)
{
  const char *a = strstr (text, first);
  const char *b = strstr (text, second);

  if (a == NULL || b == NULL || a >= b)
    g_error ("expected “%s” before “%s” in:\n%s", first, second, text);
}

static GBytes *
report (Fixture             *fixture,
        const char * const  *order,
        CbQuoteFormat        format)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) xml = cb_memo_report_xml (fixture->project, NULL, order, &error);
  GBytes *bytes;

  g_assert_no_error (error);
  bytes = cb_memo_report_render (xml, format, "({document}, {speaker}, {timestamp}, ¶{paragraph})", 5, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static char *
report_text (Fixture             *fixture,
             const char * const  *order,
             CbQuoteFormat        format)
{
  g_autoptr(GBytes) bytes = report (fixture, order, format);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* The report: types in the chosen order, each memo's text and its
 * evidence cited by the template, in every format. */
static void
test_report (Fixture       *fixture,
             gconstpointer  data)
{
  CbProject *project = fixture->project;
  static const char * const order[] = { "recommendation", "Concern", "observation", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(GBytes) odt = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *html = NULL;
  g_autofree char *md = NULL;
  g_autofree char *document = NULL;
  g_autofree char *content = NULL;
  g_autofree char *mimetype = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL;

  g_assert_cmpint (cb_project_add_memo (project, "Ziet: formulieren", "observation", "institutions", "Men ziet <veel> & formulieren.", &error), >, 0);
  g_assert_cmpint (cb_project_add_memo (project, "Zorgen: wachttijd", "concern", NULL, "Men maakt zich zorgen.", &error), >, 0);
  g_assert_cmpint (cb_project_add_memo (project, "Beveelt aan: minder", "recommendation", "politics", "Schaf af.", &error), >, 0);
  g_assert_no_error (error);
  t1 = cb_project_link_memo (project, "Ziet: formulieren", "gesprek", 18, EMOJI_START + 1, &error);
  t2 = cb_project_link_memo (project, "Beveelt aan: minder", "gesprek", KARIM_TEXT, KARIM_TEXT + 16, &error);
  t3 = cb_project_link_memo (project, "Zorgen: wachttijd", "andere", 0, 14, &error);
  g_assert_no_error (error);

  xml = report_text (fixture, order, CB_QUOTE_FORMAT_XML);
  assert_before (xml, "name=\"recommendation\"", "name=\"concern\"");
  assert_before (xml, "name=\"concern\"", "name=\"observation\"");
  g_assert_nonnull (strstr (xml, "xmlns=\"" CB_MEMOS_NAMESPACE "\""));

  html = report_text (fixture, order, CB_QUOTE_FORMAT_HTML);
  assert_before (html, "<h1>Recommendation</h1>", "<h1>Concern</h1>");
  assert_before (html, "<h1>Concern</h1>", "<h1>Observation</h1>");
  assert_before (html, "Beveelt aan: minder", "Schaf af.");
  assert_before (html, "Schaf af.", "“Ik bel de dienst”");
  g_assert_nonnull (strstr (html, "(gesprek, Karim, 00:01:10, ¶2)"));
  g_assert_nonnull (strstr (html, "“Het formulier 😤”"));
  g_assert_nonnull (strstr (html, "(gesprek, Nadia, 00:00:05, ¶1)"));
  g_assert_nonnull (strstr (html, "(andere, ¶1)"));
  g_assert_nonnull (strstr (html, "Men ziet &lt;veel&gt; &amp; formulieren."));
  g_assert_nonnull (strstr (html, "(Institutions)"));

  md = report_text (fixture, order, CB_QUOTE_FORMAT_MARKDOWN);
  assert_before (md, "# Recommendation\n", "# Concern\n");
  assert_before (md, "# Concern\n", "# Observation\n");
  assert_before (md, "## Beveelt aan: minder (Politics)", "“Ik bel de dienst” (gesprek, Karim, 00:01:10, ¶2)");
  g_assert_nonnull (strstr (md, "Men ziet \\<veel\\> & formulieren."));

  /* the default order: the named types' own */
  {
    g_autofree char *plain = report_text (fixture, NULL, CB_QUOTE_FORMAT_MARKDOWN);

    assert_before (plain, "# Observation\n", "# Concern\n");
    assert_before (plain, "# Concern\n", "# Recommendation\n");
  }

  docx = report (fixture, order, CB_QUOTE_FORMAT_DOCX);
  document = zip_part (docx, "word/document.xml");
  g_free (zip_part (docx, "[Content_Types].xml"));
  g_free (zip_part (docx, "word/styles.xml"));
  assert_before (document, "Recommendation", "Concern");
  assert_before (document, "Schaf af.", "Ik bel de dienst");
  g_assert_nonnull (strstr (document, "(gesprek, Karim, 00:01:10, ¶2)"));
  g_assert_nonnull (strstr (document, "w:val=\"Heading2\""));

  odt = report (fixture, order, CB_QUOTE_FORMAT_ODT);
  mimetype = zip_part (odt, "mimetype");
  g_assert_cmpstr (mimetype, ==, "application/vnd.oasis.opendocument.text");
  content = zip_part (odt, "content.xml");
  g_free (zip_part (odt, "META-INF/manifest.xml"));
  assert_before (content, "Recommendation", "Observation");
  g_assert_nonnull (strstr (content, "“Het formulier 😤” (gesprek, Nadia, 00:00:05, ¶1)"));

  /* only one type */
  {
    g_autoptr(GBytes) only_xml = cb_memo_report_xml (project, "concern", NULL, &error);
    g_autofree char *only = g_strndup (g_bytes_get_data (only_xml, NULL), g_bytes_get_size (only_xml));

    g_assert_nonnull (strstr (only, "Zorgen: wachttijd"));
    g_assert_null (strstr (only, "Schaf af."));
  }
  /* a bad template is refused, not rendered empty */
  {
    g_autoptr(GBytes) xml_bytes = cb_memo_report_xml (project, NULL, NULL, &error);

    g_assert_null (cb_memo_report_render (xml_bytes, CB_QUOTE_FORMAT_HTML, "{documnet}", 5, NULL, &error));
    g_assert_error (error, CB_EXPORT_ERROR, CB_EXPORT_ERROR_FAILED);
  }
}

/* Quote exports with memos: the code's memo and the coding's beside the quotes. */
static void
test_quotes_with_memos (Fixture       *fixture,
                        gconstpointer  data)
{
  CbProject *project = fixture->project;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) with = NULL;
  g_autoptr(GBytes) without = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autofree char *with_text = NULL;
  g_autofree char *without_text = NULL;
  g_autofree char *html_text = NULL;
  gint64 coding;

  coding = cb_project_apply_creating (project, "gesprek", "Regels", 18, EMOJI_START + 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cb_project_set_code_memo (project, "Regels", "Over regels", &error));
  g_assert_true (cb_project_set_coding_memo (project, coding, "Boos 😤", &error));

  with = cb_export_quotes_full (project, NULL, CB_EXPORT_QUOTES_WITH_MEMOS, &error);
  g_assert_no_error (error);
  with_text = g_strndup (g_bytes_get_data (with, NULL), g_bytes_get_size (with));
  g_assert_nonnull (strstr (with_text, "<memo>Over regels</memo>"));
  g_assert_nonnull (strstr (with_text, "<memo>Boos 😤</memo>"));
  without = cb_export_quotes_full (project, NULL, 0, &error);
  without_text = g_strndup (g_bytes_get_data (without, NULL), g_bytes_get_size (without));
  g_assert_null (strstr (without_text, "<memo>"));

  html = cb_quote_list_render (with, CB_QUOTE_FORMAT_HTML, NULL, 40, &error);
  g_assert_no_error (error);
  html_text = g_strndup (g_bytes_get_data (html, NULL), g_bytes_get_size (html));
  assert_before (html_text, "Over regels", "“Het formulier 😤”");
  assert_before (html_text, "“Het formulier 😤”", "Boos 😤");
  g_assert_nonnull (strstr (html_text, "Memo: </span>Boos 😤"));
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/memos/owners", test_owner_memos);
  ADD ("/memos/coding-coders", test_coding_memo_coders);
  ADD ("/memos/free", test_free_memos);
  ADD ("/memos/evidence", test_evidence);
  ADD ("/memos/evidence-hostile", test_evidence_hostile);
  ADD ("/memos/report", test_report);
  ADD ("/memos/quotes-with-memos", test_quotes_with_memos);
#undef ADD

  return g_test_run ();
}
