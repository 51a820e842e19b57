/* test-merge.c: merging projects loses nothing; copies for a second coder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>
#include <glib/gstdio.h>

#include "cb-core.h"
#include "cb-project-private.h"
#include "cb-store-backup.h"

/* Emoji (astral), a combining mark (e + U+0301) and a precomposed letter:
 * offsets are code points. */
#define TEXT_A "I: Hoe begon het? \xf0\x9f\x98\x80\nR: Ee\xcc\x81n keer per week kwamen we samen, caf\xc3\xa9 om de hoek.\n"
#define TEXT_B "I: Wat was moeilijk?\nR: De formulieren \xf0\x9f\x93\x84\xf0\x9f\x93\x84 en de wachttijd, zegt cli\xc3\xabnt.\n"
#define TEXT_C "I: En nu?\nR: Nu gaat het beter, de\xcc\x81ja\xcc\x80 vu.\n"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("codeboom-merge-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);

      g_remove (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
apply_as (CbProject  *project,
          const char *coder,
          const char *document,
          const char *code,
          gint64      start,
          gint64      end)
{
  g_autoptr(GError) error = NULL;

  cb_project_set_coder (project, coder);
  g_assert_cmpint (cb_project_apply_creating (project, document, code, start, end, NULL, &error), >, 0);
  g_assert_no_error (error);
}

/* Two interviews, a small tree, and codings by two coders. */
static CbProject *
make_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CbProject) project = cb_project_create (path, &error);

  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (project, "Interview 1", TEXT_A, "i1.txt", NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_document (project, "Interview 2", TEXT_B, "i2.txt", NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "Red Tape / Forms", "#aa0000", "Paperwork", &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "Red Tape / Waiting", NULL, NULL, &error), >, 0);
  g_assert_cmpint (cb_project_add_code (project, "Support", "#00aa00", NULL, &error), >, 0);
  g_assert_no_error (error);

  apply_as (project, "alice", "Interview 1", "Support", 0, 19);
  apply_as (project, "alice", "Interview 1", "Support", 20, 30);
  apply_as (project, "alice", "Interview 2", "Red Tape / Forms", 24, 40);
  apply_as (project, "bob", "Interview 2", "Red Tape / Forms", 24, 40);
  apply_as (project, "bob", "Interview 2", "Red Tape / Waiting", 44, 54);
  apply_as (project, "bob", "Interview 1", "Red Tape", 3, 8);
  return g_steal_pointer (&project);
}

/* Every code's segments (document, span, coder, text), in retrieval order. */
static char *
dump (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = cb_project_list_codes (project, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *code = codes->pdata[i];
      g_autoptr(GPtrArray) segments = cb_project_retrieve (project, code->path, FALSE, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "[%s]\n", code->path);
      for (guint j = 0; j < segments->len; j++)
        {
          CbSegment *s = segments->pdata[j];

          g_string_append_printf (out, "%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\t%s\n",
                                  s->document_name, s->start, s->end, s->coder, s->created, s->text);
        }
    }
  return g_string_free (out, FALSE);
}

/* Everything a user sees (not the undo history, which an undo changes):
 * the project memo, coders, documents with their turns, codes, codings. */
static char *
content (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) coders = cb_project_list_coders (project, &error);
  g_autoptr(GPtrArray) documents = cb_project_list_documents (project, &error);
  g_autoptr(GPtrArray) codes = cb_project_list_codes (project, &error);
  g_autofree char *memo = cb_project_dup_memo (project);
  g_autofree char *segments = dump (project);
  GString *out = g_string_new (memo);

  g_assert_no_error (error);
  for (guint i = 0; i < coders->len; i++)
    {
      CbCoderInfo *coder = coders->pdata[i];

      g_string_append_printf (out, "\ncoder %s %s", coder->uuid, coder->name);
    }
  for (guint i = 0; i < documents->len; i++)
    {
      CbDocumentInfo *d = documents->pdata[i];
      g_autoptr(GPtrArray) turns = cb_project_list_turns (project, d->name, &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "\ndocument %s %s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                              d->uuid, d->name, d->memo, d->n_chars, d->n_codings, d->imported);
      for (guint j = 0; j < turns->len; j++)
        {
          CbTurnInfo *turn = turns->pdata[j];

          g_string_append_printf (out, "\n turn %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                  turn->start, turn->end, turn->speaker);
        }
    }
  for (guint i = 0; i < codes->len; i++)
    {
      CbCodeInfo *c = codes->pdata[i];

      g_string_append_printf (out, "\ncode %s %s %s %s %s", c->uuid, c->path, c->color, c->description, c->memo);
    }
  g_string_append_printf (out, "\n%s", segments);
  return g_string_free (out, FALSE);
}

static char *
fingerprint (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  char *digest = _cb_store_fingerprint (_cb_project_get_store (project), &error);

  g_assert_no_error (error);
  return digest;
}

static void
assert_sound (CbProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = cb_project_check (project, &error);

  g_assert_no_error (error);
  if (problems->len > 0)
    g_error ("check: %s", (const char *) problems->pdata[0]);
}

static CbMergeReport *
merge (CbProject    *project,
       const char   *other,
       CbMergePrefer prefer,
       gboolean      dry_run)
{
  g_autoptr(GError) error = NULL;
  CbMergeReport *report = NULL;

  g_assert_true (cb_project_merge (project, other, prefer, dry_run, &report, &error));
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gboolean
has_message (CbMergeReport *report,
             const char    *part)
{
  for (guint i = 0; i < report->messages->len; i++)
    if (strstr (report->messages->pdata[i], part) != NULL)
      return TRUE;
  return FALSE;
}

static CbProject *
copy_of (CbProject  *project,
         const char *path,
         CbCopyMode  mode,
         const char *coder)
{
  g_autoptr(GError) error = NULL;
  CbProject *copy;

  g_assert_true (cb_project_copy_for_coder (project, path, mode, coder, &error));
  g_assert_no_error (error);
  copy = cb_project_open (path, &error);
  g_assert_no_error (error);
  return copy;
}

/* Split by coder, merged back: the whole again, segment for segment. */
static void
test_split_and_merge (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "whole.codeboom");
  g_autofree char *alice_path = path_in (fixture, "alice.codeboom");
  g_autofree char *bob_path = path_in (fixture, "bob.codeboom");
  g_autoptr(CbProject) whole = make_project (path);
  g_autoptr(CbProject) alice = copy_of (whole, alice_path, CB_COPY_ONLY_CODER, "alice");
  g_autoptr(CbProject) bob = copy_of (whole, bob_path, CB_COPY_ONLY_CODER, "bob");
  g_autoptr(CbMergeReport) report = NULL;
  g_autofree char *expected = dump (whole);
  g_autofree char *alice_dump = dump (alice);
  g_autofree char *merged = NULL;
  g_autofree char *uuid = cb_project_dup_uuid (whole);
  g_autofree char *copy_uuid = cb_project_dup_uuid (alice);
  g_autofree char *undo = cb_project_dup_undo_label (alice);

  g_assert_cmpstr (uuid, ==, copy_uuid);
  g_assert_null (undo);                      /* a copy starts without history */
  g_assert_cmpstr (alice_dump, !=, expected);
  g_assert_null (strstr (alice_dump, "\tbob\t"));

  g_clear_object (&bob);
  report = merge (alice, bob_path, CB_MERGE_PREFER_OURS, FALSE);
  g_assert_cmpuint (report->added[CB_MERGE_CODINGS], ==, 3);
  g_assert_cmpuint (report->present[CB_MERGE_CODINGS], ==, 0);
  g_assert_cmpuint (report->added[CB_MERGE_DOCUMENTS], ==, 0);
  g_assert_cmpuint (report->present[CB_MERGE_DOCUMENTS], ==, 2);
  g_assert_cmpuint (report->added[CB_MERGE_CODES], ==, 0);
  g_assert_cmpuint (report->messages->len, ==, 0);

  merged = dump (alice);
  g_assert_cmpstr (merged, ==, expected);
  assert_sound (alice);
}

/* Split by document: each half keeps one interview's codings. */
static void
test_split_by_document (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "whole.codeboom");
  g_autofree char *one_path = path_in (fixture, "one.codeboom");
  g_autofree char *two_path = path_in (fixture, "two.codeboom");
  g_autoptr(CbProject) whole = make_project (path);
  g_autoptr(CbProject) one = copy_of (whole, one_path, CB_COPY_ALL, NULL);
  g_autoptr(CbProject) two = copy_of (whole, two_path, CB_COPY_ALL, NULL);
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = dump (whole);
  g_autofree char *merged = NULL;

  /* one keeps Interview 1's codings, two Interview 2's (unapply takes
   * every coder's coding of the span) */
  g_assert_true (cb_project_unapply (one, "Interview 2", "Red Tape / Forms", 24, 40, &error));
  g_assert_true (cb_project_unapply (one, "Interview 2", "Red Tape / Waiting", 44, 54, &error));
  g_assert_true (cb_project_unapply (two, "Interview 1", "Support", 0, 19, &error));
  g_assert_true (cb_project_unapply (two, "Interview 1", "Support", 20, 30, &error));
  g_assert_true (cb_project_unapply (two, "Interview 1", "Red Tape", 3, 8, &error));
  g_assert_no_error (error);

  g_clear_object (&two);
  report = merge (one, two_path, CB_MERGE_PREFER_OURS, FALSE);
  g_assert_cmpuint (report->added[CB_MERGE_CODINGS], ==, 3);
  merged = dump (one);
  g_assert_cmpstr (merged, ==, expected);
}

/* Merging a project with itself (the same file, or an identical copy)
 * changes nothing and leaves no undo step. */
static void
test_merge_itself (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "p.codeboom");
  g_autofree char *copy_path = path_in (fixture, "copy.codeboom");
  g_autoptr(CbProject) project = make_project (path);
  g_autoptr(CbProject) copy = copy_of (project, copy_path, CB_COPY_ALL, NULL);
  g_autofree char *before = fingerprint (project);
  g_autofree char *dump_before = dump (project);
  g_autofree char *undo_before = cb_project_dup_undo_label (project);
  const char *others[] = { path, copy_path };

  g_clear_object (&copy);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr(CbMergeReport) report = merge (project, others[i], CB_MERGE_PREFER_THEIRS, FALSE);
      g_autofree char *after = fingerprint (project);
      g_autofree char *dump_after = dump (project);
      g_autofree char *undo_after = cb_project_dup_undo_label (project);

      for (guint kind = 0; kind < CB_MERGE_N_KINDS; kind++)
        {
          g_assert_cmpuint (report->added[kind], ==, 0);
          g_assert_cmpuint (report->conflicts[kind], ==, 0);
        }
      g_assert_cmpuint (report->present[CB_MERGE_CODINGS], ==, 6);
      g_assert_cmpuint (report->present[CB_MERGE_CODES], ==, 4);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (dump_after, ==, dump_before);
      g_assert_cmpstr (undo_after, ==, undo_before);
      assert_sound (project);
    }
}

/* Both sides renamed and moved codes: matched by uuid, ours kept, listed;
 * every coding of both sides is there. */
static void
test_renamed_and_moved (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *their_path = path_in (fixture, "theirs.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) theirs = copy_of (ours, their_path, CB_COPY_ALL, NULL);
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) forms = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) codes = NULL;

  g_assert_true (cb_project_rename_code (ours, "Red Tape / Forms", "Paperwork", &error));
  g_assert_true (cb_project_move_code (ours, "Support", "Red Tape", -1, &error));
  g_assert_true (cb_project_rename_code (theirs, "Red Tape / Waiting", "Queues", &error));
  g_assert_true (cb_project_move_code (theirs, "Red Tape / Forms", "", -1, &error));
  g_assert_true (cb_project_set_code_color (theirs, "Forms", "#0000aa", &error));
  g_assert_no_error (error);
  apply_as (theirs, "carol", "Interview 1", "Forms", 40, 50);
  apply_as (theirs, "carol", "Interview 2", "Red Tape / Queues", 0, 5);
  apply_as (theirs, "carol", "Interview 2", "New Theme / Child", 5, 9);
  g_clear_object (&theirs);

  report = merge (ours, their_path, CB_MERGE_PREFER_OURS, FALSE);
  g_assert_cmpuint (report->present[CB_MERGE_CODES], ==, 4);
  g_assert_cmpuint (report->added[CB_MERGE_CODES], ==, 2);
  g_assert_cmpuint (report->added[CB_MERGE_CODINGS], ==, 3);
  g_assert_cmpuint (report->added[CB_MERGE_CODERS], ==, 1);
  g_assert_true (has_message (report, "Red Tape / Paperwork"));
  g_assert_true (has_message (report, "Red Tape / Waiting"));
  g_assert_true (has_message (report, "colour"));

  /* ours' names and places, ours' colour; their codings under them */
  codes = cb_project_list_codes (ours, &error);
  g_assert_no_error (error);
  forms = cb_project_retrieve (ours, "Red Tape / Paperwork", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forms->len, ==, 3);
  waiting = cb_project_retrieve (ours, "Red Tape / Waiting", FALSE, &error);
  g_assert_cmpuint (waiting->len, ==, 2);
  {
    g_autoptr(CbCodeInfo) code = cb_project_get_code (ours, "Red Tape / Paperwork", &error);

    g_assert_cmpstr (code->color, ==, "#AA0000");
  }
  {
    g_autoptr(CbCodeInfo) code = cb_project_get_code (ours, "New Theme / Child", &error);

    g_assert_no_error (error);
    g_assert_cmpint (code->n_codings, ==, 1);
  }
  assert_sound (ours);
}

/* --prefer theirs takes their colour and definition. */
static void
test_prefer_theirs (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *their_path = path_in (fixture, "theirs.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) theirs = copy_of (ours, their_path, CB_COPY_ALL, NULL);
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CbCodeInfo) code = NULL;

  g_assert_true (cb_project_set_code_color (theirs, "Support", "#123456", &error));
  g_assert_true (cb_project_set_code_description (theirs, "Support", "Help from others", &error));
  g_assert_true (cb_project_set_document_memo (theirs, "Interview 1", "Quiet room", &error));
  g_clear_object (&theirs);

  report = merge (ours, their_path, CB_MERGE_PREFER_THEIRS, FALSE);
  g_assert_cmpuint (report->conflicts[CB_MERGE_CODES], ==, 1);  /* the colour; the definition was empty here */
  code = cb_project_get_code (ours, "Support", &error);
  g_assert_cmpstr (code->color, ==, "#123456");
  g_assert_cmpstr (code->description, ==, "Help from others");
  {
    g_autoptr(CbDocumentInfo) document = cb_project_get_document (ours, "Interview 1", &error);

    g_assert_cmpstr (document->memo, ==, "Quiet room");
  }
}

/* A document of the same name with another text comes in as "(2)". */
static void
test_same_name_other_text (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *their_path = path_in (fixture, "theirs.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) theirs = NULL;
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) segments = NULL;
  g_autoptr(CbDocumentInfo) renamed = NULL;
  g_autoptr(CbDocumentInfo) same_text = NULL;

  theirs = cb_project_create (their_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (theirs, "Interview 1", TEXT_C, "c.txt", NULL, &error), >, 0);
  /* Interview 2's text under another name: matched by its text */
  g_assert_cmpint (cb_project_add_document (theirs, "Second", TEXT_B, "b.txt", NULL, &error), >, 0);
  apply_as (theirs, "dan", "Interview 1", "Support", 10, 14);
  apply_as (theirs, "dan", "Second", "Support", 0, 3);
  g_clear_object (&theirs);

  report = merge (ours, their_path, CB_MERGE_PREFER_OURS, FALSE);
  g_assert_cmpuint (report->added[CB_MERGE_DOCUMENTS], ==, 1);
  g_assert_cmpuint (report->present[CB_MERGE_DOCUMENTS], ==, 1);
  g_assert_cmpuint (report->conflicts[CB_MERGE_DOCUMENTS], ==, 1);
  g_assert_true (has_message (report, "Interview 1 (2)"));

  renamed = cb_project_get_document (ours, "Interview 1 (2)", &error);
  g_assert_no_error (error);
  {
    /* stored texts are NFC: e + U+0301 is é */
    g_autofree char *normal = cb_text_normalize (TEXT_C, -1);

    g_assert_cmpint (renamed->n_chars, ==, g_utf8_strlen (normal, -1));
  }
  g_assert_null (cb_project_get_document (ours, "Second", NULL));
  segments = cb_project_retrieve (ours, "Support", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (segments->len, ==, 4);
  for (guint i = 0; i < segments->len; i++)
    {
      CbSegment *s = segments->pdata[i];

      if (g_str_equal (s->coder, "dan") && g_str_equal (s->document_name, "Interview 1 (2)"))
        {
          g_autofree char *text = cb_project_dup_document_text (ours, renamed->id, NULL, &error);
          g_autofree char *expected = g_utf8_substring (text, 10, 14);

          g_assert_cmpstr (s->text, ==, expected);
        }
      else if (g_str_equal (s->coder, "dan"))
        {
          g_assert_cmpstr (s->document_name, ==, "Interview 2");
          g_assert_cmpstr (s->text, ==, "I: ");
        }
    }
  same_text = cb_project_get_document (ours, "Interview 2", &error);
  g_assert_cmpint (same_text->n_codings, ==, 4);
  assert_sound (ours);
}

/* A dry run reports what a merge does and leaves the file as it was. */
static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *their_path = path_in (fixture, "theirs.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) theirs = copy_of (ours, their_path, CB_COPY_WITHOUT_CODINGS, NULL);
  g_autoptr(CbMergeReport) dry = NULL;
  g_autoptr(CbMergeReport) real = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  gsize len_before, len_after;

  g_assert_cmpint (cb_project_add_document (theirs, "Interview 3", TEXT_C, "c.txt", NULL, &error), >, 0);
  apply_as (theirs, "erin", "Interview 3", "Support", 0, 9);
  g_clear_object (&theirs);

  /* the undo history of ours is part of the file too */
  before = fingerprint (ours);
  g_assert_true (g_file_get_contents (path, &bytes_before, &len_before, NULL));
  dry = merge (ours, their_path, CB_MERGE_PREFER_OURS, TRUE);
  after = fingerprint (ours);
  g_assert_true (g_file_get_contents (path, &bytes_after, &len_after, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpmem (bytes_before, len_before, bytes_after, len_after);
  g_assert_null (cb_project_get_document (ours, "Interview 3", NULL));

  real = merge (ours, their_path, CB_MERGE_PREFER_OURS, FALSE);
  for (guint kind = 0; kind < CB_MERGE_N_KINDS; kind++)
    {
      g_assert_cmpuint (dry->added[kind], ==, real->added[kind]);
      g_assert_cmpuint (dry->present[kind], ==, real->present[kind]);
      g_assert_cmpuint (dry->conflicts[kind], ==, real->conflicts[kind]);
    }
  g_assert_cmpuint (real->added[CB_MERGE_DOCUMENTS], ==, 1);
  g_assert_cmpuint (real->added[CB_MERGE_CODINGS], ==, 1);
}

/* Undo of a merge restores the project exactly; redo brings it back. */
static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *their_path = path_in (fixture, "theirs.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) theirs = NULL;
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autofree char *label = NULL;
  g_autofree char *redo_label = NULL;

  theirs = cb_project_create (their_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cb_project_add_document (theirs, "Interview 3",
                                            "Interviewer: Hoe gaat het?\n\nNadia: Goed \xf0\x9f\x98\x80.\n\nInterviewer: Fijn.\n",
                                            "c.txt", NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cb_project_detect_turns (theirs, "Interview 3", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cb_project_set_memo (theirs, "Project memo from theirs", &error));
  apply_as (theirs, "erin", "Interview 3", "Fresh / Code", 0, 9);
  g_assert_true (cb_project_set_code_memo (theirs, "Fresh", "A memo", &error));
  g_clear_object (&theirs);

  before = content (ours);
  report = merge (ours, their_path, CB_MERGE_PREFER_OURS, FALSE);
  label = cb_project_dup_undo_label (ours);
  g_assert_cmpstr (label, ==, "Merge “theirs.codeboom”");
  merged = content (ours);
  g_assert_cmpstr (merged, !=, before);
  {
    g_autoptr(GPtrArray) turns = cb_project_list_turns (ours, "Interview 3", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (turns->len, ==, 3);
  }
  assert_sound (ours);

  g_free (cb_project_undo (ours, &error));
  g_assert_no_error (error);
  undone = content (ours);
  g_assert_cmpstr (undone, ==, before);
  redo_label = cb_project_dup_redo_label (ours);
  g_assert_cmpstr (redo_label, ==, label);
  g_free (cb_project_redo (ours, &error));
  g_assert_no_error (error);
  redone = content (ours);
  g_assert_cmpstr (redone, ==, merged);
  assert_sound (ours);
}

/* A .qdpx exported from the other project merges like the project. */
static void
test_qdpx (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *their_path = path_in (fixture, "theirs.codeboom");
  g_autofree char *qdpx_path = path_in (fixture, "theirs.qdpx");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) theirs = copy_of (ours, their_path, CB_COPY_ONLY_CODER, "bob");
  g_autoptr(GFile) qdpx = g_file_new_for_path (qdpx_path);
  g_autoptr(CbMergeReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *merged = NULL;
  g_autoptr(GDir) tmp = NULL;

  apply_as (theirs, "bob", "Interview 2", "Support", 0, 7);
  g_assert_true (cb_refi_export_project_to_file (theirs, 0, qdpx, &error));
  g_assert_no_error (error);
  g_clear_object (&theirs);

  report = merge (ours, qdpx_path, CB_MERGE_PREFER_OURS, FALSE);
  g_assert_cmpuint (report->added[CB_MERGE_DOCUMENTS], ==, 0);
  g_assert_cmpuint (report->present[CB_MERGE_DOCUMENTS], ==, 2);
  g_assert_cmpuint (report->added[CB_MERGE_CODINGS], ==, 1);
  g_assert_cmpuint (report->present[CB_MERGE_CODINGS], ==, 3);
  g_assert_cmpuint (report->added[CB_MERGE_CODES], ==, 0);
  merged = dump (ours);
  g_assert_nonnull (strstr (merged, "Interview 2\t0\t7\tbob\t"));
  assert_sound (ours);
  (void) expected;
  (void) tmp;
}

static void
corrupt (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* A hostile other project is refused, naming it, and ours is untouched. */
static void
test_hostile (Fixture       *fixture,
              gconstpointer  data)
{
  static const struct
  {
    const char *sql;
    const char *message;
  } cases[] = {
    { "UPDATE coding SET end = 100000 WHERE id = (SELECT min (id) FROM coding)", "spans" },
    { "PRAGMA ignore_check_constraints = ON; UPDATE coding SET start = -5 WHERE id = (SELECT min (id) FROM coding)", "spans" },
    { "UPDATE document SET n_chars = n_chars + 1 WHERE id = 1", "length" },
    { "PRAGMA foreign_keys = OFF; UPDATE coding SET code = 999 WHERE id = (SELECT min (id) FROM coding)", "code 999" },
    { "PRAGMA foreign_keys = OFF; UPDATE code SET parent = id WHERE id = (SELECT min (id) FROM code)", "cycle" },
    { "UPDATE code SET name = 'A' || char (8238) || 'B' WHERE id = (SELECT min (id) FROM code)", "control or text-direction" },
    { "CREATE TABLE evil (x)", "evil" },
    { "CREATE TRIGGER sneaky AFTER INSERT ON coding BEGIN DELETE FROM code; END", "sneaky" },
  };
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autofree char *before = fingerprint (ours);
  g_autofree char *undo_before = cb_project_dup_undo_label (ours);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("hostile-%u.codeboom", i);
      g_autofree char *their_path = path_in (fixture, name);
      g_autoptr(CbProject) theirs = copy_of (ours, their_path, CB_COPY_ALL, NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      g_autofree char *undo_after = NULL;
      CbMergeReport *report = NULL;

      g_clear_object (&theirs);
      corrupt (their_path, cases[i].sql);
      g_assert_false (cb_project_merge (ours, their_path, CB_MERGE_PREFER_OURS, FALSE, &report, &error));
      g_assert_null (report);
      g_assert_nonnull (error);
      if (strstr (error->message, name) == NULL || strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: %s", i, error->message);
      after = fingerprint (ours);
      undo_after = cb_project_dup_undo_label (ours);
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (undo_after, ==, undo_before);
    }

  /* not a project at all */
  {
    g_autofree char *text_path = path_in (fixture, "notes.txt");
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_set_contents (text_path, "just text\n", -1, NULL));
    g_assert_false (cb_project_merge (ours, text_path, CB_MERGE_PREFER_OURS, FALSE, NULL, &error));
    g_assert_nonnull (strstr (error->message, "notes.txt"));
  }
}

/* copy: never over an existing file; without codings; an unknown coder. */
static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = path_in (fixture, "ours.codeboom");
  g_autofree char *copy_path = path_in (fixture, "copy.codeboom");
  g_autofree char *none_path = path_in (fixture, "none.codeboom");
  g_autoptr(CbProject) ours = make_project (path);
  g_autoptr(CbProject) copy = copy_of (ours, copy_path, CB_COPY_WITHOUT_CODINGS, NULL);
  g_autoptr(GPtrArray) ours_docs = NULL;
  g_autoptr(GPtrArray) copy_docs = NULL;
  g_autoptr(GPtrArray) ours_codes = NULL;
  g_autoptr(GPtrArray) copy_codes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *again = NULL;

  ours_docs = cb_project_list_documents (ours, &error);
  copy_docs = cb_project_list_documents (copy, &error);
  g_assert_cmpuint (ours_docs->len, ==, copy_docs->len);
  for (guint i = 0; i < ours_docs->len; i++)
    {
      CbDocumentInfo *a = ours_docs->pdata[i], *b = copy_docs->pdata[i];

      g_assert_cmpstr (a->uuid, ==, b->uuid);
      g_assert_cmpint (b->n_codings, ==, 0);
    }
  ours_codes = cb_project_list_codes (ours, &error);
  copy_codes = cb_project_list_codes (copy, &error);
  g_assert_cmpuint (ours_codes->len, ==, copy_codes->len);
  for (guint i = 0; i < ours_codes->len; i++)
    g_assert_cmpstr (((CbCodeInfo *) ours_codes->pdata[i])->uuid, ==, ((CbCodeInfo *) copy_codes->pdata[i])->uuid);
  assert_sound (copy);

  /* an existing file is refused and left alone */
  g_assert_true (g_file_get_contents (copy_path, &contents, NULL, NULL));
  g_assert_false (cb_project_copy_for_coder (ours, copy_path, CB_COPY_ALL, NULL, &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (copy_path, &again, NULL, NULL));
  g_assert_cmpstr (again, ==, contents);

  g_assert_false (cb_project_copy_for_coder (ours, none_path, CB_COPY_ONLY_CODER, "nobody", &error));
  g_assert_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (none_path, G_FILE_TEST_EXISTS));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/merge/split-by-coder", test_split_and_merge);
  ADD ("/merge/split-by-document", test_split_by_document);
  ADD ("/merge/itself", test_merge_itself);
  ADD ("/merge/renamed-and-moved", test_renamed_and_moved);
  ADD ("/merge/prefer-theirs", test_prefer_theirs);
  ADD ("/merge/same-name-other-text", test_same_name_other_text);
  ADD ("/merge/dry-run", test_dry_run);
  ADD ("/merge/undo", test_undo);
  ADD ("/merge/qdpx", test_qdpx);
  ADD ("/merge/hostile", test_hostile);
  ADD ("/merge/copy", test_copy);
#undef ADD

  return g_test_run ();
}
