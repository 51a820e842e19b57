/* cb-turns.h: recognising speaker turns in a transcript (pure: text in, turns out)
 *
 * A turn starts at the beginning of a line with an optional timestamp
 * ("[00:03:34]", "00:03:34", "(03:34)", "#00:03:34#", with or without
 * fractions of a second) and a speaker label: one to four words, the first
 * starting with a capital letter ("I", "R", "Interviewer", "Respondent 3",
 * "Hélène", "MA07"), followed by ":" or, in French typography, " :".
 *
 * Not every "Word: text" line is a turn.  The header of a transcript
 * ("Datum: 14 maart 2024", "Lieu : Bruxelles, …") looks the same, so:
 *
 *  - the dialogue starts at the first line whose label recurs as the label
 *    of another line: lines before it are the header and never turns;
 *  - after that, a label seen only once is a turn only when it looks like
 *    the dialogue's turns: when most of those carry a timestamp, it must
 *    carry one too; otherwise it must look like a name (every word
 *    capitalised or a number) or carry a timestamp ("Dus ik zei: nee" or
 *    "Voorbeeld: …" at the start of a continuation paragraph of a
 *    timestamped transcript is not a turn).
 *
 * A turn runs from its line's first character to the start of the next
 * turn (trailing white space excluded), so that paragraphs continuing a
 * speaker's answer belong to it; the last runs to the end of the text.
 * text_start is where the words after the label begin.  All offsets are
 * code points into the text, end-exclusive.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Labels are short names: at most this many words and code points. */
#define CB_TURN_MAX_LABEL_WORDS 4
#define CB_TURN_MAX_LABEL_CHARS 40

typedef struct
{
  gint64  start;        /* the line's first character (timestamp or label) */
  gint64  end;          /* end of the turn, exclusive */
  gint64  text_start;   /* the first character after the label and its colon */
  char   *speaker;      /* the label as written */
  char   *timestamp;    /* as written, without its brackets; NULL when none */
} CbTurn;

void       cb_turn_free          (CbTurn     *turn);

/**
 * cb_turns_recognize:
 * @text: normalised text (UTF-8, LF line ends)
 * @length: its length in bytes
 *
 * Returns: (transfer full) (element-type CbTurn): the turns in text order,
 *   possibly none
 */
GPtrArray *cb_turns_recognize    (const char *text,
                                  gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbTurn, cb_turn_free)

G_END_DECLS
