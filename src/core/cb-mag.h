/* cb-mag.h: MAG sessions (Méthode d'Analyse en Groupe): phases, speaker
 * roles and the convergence/divergence grid
 *
 * A MAG session is one document with several participants.  Its phases are
 * sections of the document: named spans that never overlap, in text order.
 * The names come from a list kept as a project setting ("mag.phases", one
 * name per line); without one the default list in the language of the
 * user's locale (English, Dutch or French) is used.  A speaker of a
 * document may have a role: narrator, participant, facilitator or
 * observer.  The grid crosses the analytic points (free-standing memos of
 * type "convergence" and "divergence", in memo order) with the
 * participants (speakers with role participant or narrator, or the cases
 * that cover them): each cell holds the point's evidence spans that
 * overlap that participant's turns.
 *
 * Every change (a phase, the phase list, a role) is one transaction and one
 * undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cb-project.h"

G_BEGIN_DECLS

/* The project setting that holds the phase names, one per line. */
#define CB_MAG_PHASES_SETTING "mag.phases"

typedef enum
{
  CB_SPEAKER_ROLE_NONE = 0,
  CB_SPEAKER_ROLE_NARRATOR,
  CB_SPEAKER_ROLE_PARTICIPANT,
  CB_SPEAKER_ROLE_FACILITATOR,
  CB_SPEAKER_ROLE_OBSERVER,
} CbSpeakerRole;

/* "narrator", "participant", … (the stored and CLI names); NULL for NONE. */
const char    *cb_speaker_role_to_string     (CbSpeakerRole  role);
/* CB_SPEAKER_ROLE_NONE when @text names no role. */
CbSpeakerRole  cb_speaker_role_from_string   (const char    *text);
/* The role's name for people, translated. */
const char    *cb_speaker_role_get_label     (CbSpeakerRole  role);

typedef struct
{
  gint64  id;
  gint64  document_id;
  gint64  start;      /* code points, end-exclusive */
  gint64  end;
  char   *name;
} CbPhaseInfo;

GType        cb_phase_info_get_type  (void) G_GNUC_CONST;
CbPhaseInfo *cb_phase_info_copy      (const CbPhaseInfo *info);
void         cb_phase_info_free      (CbPhaseInfo       *info);

/* The default phase names in @language ("en", "nl", "fr"; a locale name
 * such as "fr_BE.UTF-8" works too); English for any other. */
const char * const *cb_mag_default_phase_names (const char *language);

/* The project's phase names: its setting, or the default list in the
 * language of the user's locale (g_get_language_names()). */
char       **cb_project_dup_phase_names  (CbProject          *self,
                                          GError            **error);
/* Sets the phase list (names valid and distinct); NULL or empty goes back
 * to the default list.  One undo step. */
gboolean     cb_project_set_phase_names  (CbProject          *self,
                                          const char * const *names,
                                          GError            **error);

/* The phases of @document in text order (element-type CbPhaseInfo). */
GPtrArray   *cb_project_list_phases      (CbProject          *self,
                                          const char         *document,
                                          GError            **error);

/* Makes [@start, @end) phase @name of @document.  Phases are sections:
 * the new one replaces what it covers, and a phase it partly covers is
 * trimmed to the part outside it (one that holds it whole is cut in two).
 * @name must be in the phase list unless @allow_other. */
gboolean     cb_project_set_phase        (CbProject          *self,
                                          const char         *document,
                                          const char         *name,
                                          gint64              start,
                                          gint64              end,
                                          gboolean            allow_other,
                                          GError            **error);
/* Removes the phases of @document; with @end > @start only that span of
 * them (trimming those that cross its edges). */
gboolean     cb_project_clear_phases     (CbProject          *self,
                                          const char         *document,
                                          gint64              start,
                                          gint64              end,
                                          GError            **error);
/* Replaces the phases of @document by those its marker lines give (see
 * cb_mag_detect_phases()); @n_phases (optional) receives their number.
 * No marker is CB_PROJECT_ERROR_NOT_FOUND. */
gboolean     cb_project_detect_phases    (CbProject          *self,
                                          const char         *document,
                                          guint              *n_phases,
                                          GError            **error);

/* The marker lines of @text (no project): a line that starts with "#"
 * (Markdown headings), a line wholly in square brackets, or a line (up to
 * 80 characters, a final ":" ignored) that is one of @names.  Each
 * marker's phase name is the phase of @names it names (accents, case,
 * dashes and a round number ignored: "[Interprétations – tour 1]" is
 * "interprétations 1"), or its text without the brackets or "#".  A phase
 * runs from its marker to the next marker or the end.  (element-type
 * CbPhaseInfo) */
GPtrArray   *cb_mag_detect_phases        (const char         *text,
                                          gsize               length,
                                          const char * const *names);

/* The role of @speaker in @document; CB_SPEAKER_ROLE_NONE to unset it.
 * One undo step. */
gboolean     cb_project_set_speaker_role (CbProject          *self,
                                          const char         *document,
                                          const char         *speaker,
                                          CbSpeakerRole       role,
                                          GError            **error);
/* The roles of @document's speakers: speaker name → CbSpeakerRole (as
 * GINT_TO_POINTER). */
GHashTable  *cb_project_dup_speaker_roles (CbProject         *self,
                                           const char        *document,
                                           GError           **error);

/* ---- The grid ------------------------------------------------------- */

typedef struct
{
  char   *document;
  gint64  document_id;
  gint64  start;
  gint64  end;
  char   *text;
} CbMagQuote;

typedef struct
{
  char      *title;
  char      *type;        /* "convergence" or "divergence" */
  char      *text;        /* the memo's text */
} CbMagPoint;

typedef struct _CbMagGrid CbMagGrid;

struct _CbMagGrid
{
  GPtrArray  *points;     /* CbMagPoint, in memo order */
  GPtrArray  *columns;    /* char *: participant (or case) names */
  GPtrArray  *cells;      /* n_points × n_columns, row-major: GPtrArray of CbMagQuote */
};

void         cb_mag_grid_free            (CbMagGrid          *grid);
GPtrArray   *cb_mag_grid_get_cell        (CbMagGrid          *grid,
                                          guint               point,
                                          guint               column);

/* The grid of @documents (NULL or empty: every document with a narrator
 * or participant).  Columns are the speakers with role participant or
 * narrator by name in order of first turn (a case that covers a speaker by
 * name takes its place); a point's evidence span counts in each column
 * whose turns it overlaps, quoted as the part inside those turns. */
CbMagGrid   *cb_project_mag_grid         (CbProject          *self,
                                          const char * const *documents,
                                          GError            **error);

typedef enum
{
  CB_MAG_GRID_TSV,
  CB_MAG_GRID_HTML,
  CB_MAG_GRID_ODT,
  CB_MAG_GRID_DOCX,
} CbMagGridFormat;

/* "tsv", "html", "odt", "docx" (also a file name's extension); FALSE when
 * unknown. */
gboolean     cb_mag_grid_format_from_string (const char      *text,
                                             CbMagGridFormat *format);

/* The grid as @format: TSV counts, or HTML/ODT/DOCX with the quotes.
 * A text format (TSV, HTML) as bytes to write anywhere. */
GBytes      *cb_mag_grid_write           (CbMagGrid          *grid,
                                          CbMagGridFormat     format,
                                          GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbPhaseInfo, cb_phase_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CbMagGrid, cb_mag_grid_free)

G_END_DECLS
