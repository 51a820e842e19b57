/* cb-mag.c: MAG sessions without a project: roles, the default phase
 * lists, finding phase markers in a text, the grid's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cb-mag-private.h"
#include "cb-search.h"
#include "cb-text.h"

static const char * const role_names[] = {
  NULL, "narrator", "participant", "facilitator", "observer",
};

const char *
cb_speaker_role_to_string (CbSpeakerRole role)
{
  return (guint) role < G_N_ELEMENTS (role_names) ? role_names[role] : NULL;
}

CbSpeakerRole
cb_speaker_role_from_string (const char *text)
{
  for (guint r = 1; text != NULL && r < G_N_ELEMENTS (role_names); r++)
    if (g_str_equal (text, role_names[r]))
      return (CbSpeakerRole) r;
  return CB_SPEAKER_ROLE_NONE;
}

const char *
cb_speaker_role_get_label (CbSpeakerRole role)
{
  switch (role)
    {
    case CB_SPEAKER_ROLE_NARRATOR:
      return _("Narrator");
    case CB_SPEAKER_ROLE_PARTICIPANT:
      return _("Participant");
    case CB_SPEAKER_ROLE_FACILITATOR:
      return _("Facilitator");
    case CB_SPEAKER_ROLE_OBSERVER:
      return _("Observer");
    case CB_SPEAKER_ROLE_NONE:
    default:
      return _("No role");
    }
}

CbPhaseInfo *
cb_phase_info_copy (const CbPhaseInfo *info)
{
  CbPhaseInfo *copy;

  g_return_val_if_fail (info != NULL, NULL);

  copy = g_memdup2 (info, sizeof *info);
  copy->name = g_strdup (info->name);
  return copy;
}

void
cb_phase_info_free (CbPhaseInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info);
}

G_DEFINE_BOXED_TYPE (CbPhaseInfo, cb_phase_info, cb_phase_info_copy, cb_phase_info_free)

/* The method's phases (Van Campenhoudt, Chaumont & Franssen), in the
 * languages of the interface; each research cell may name its own. */
static const char * const phases_en[] = {
  "narrative proposals", "choice of the narrative", "narrative", "questions",
  "interpretations 1", "narrator's reaction", "interpretations 2", "analysis",
  "perspectives", "evaluation", NULL
};
static const char * const phases_nl[] = {
  "verhaalvoorstellen", "keuze van het verhaal", "verhaal", "vragen",
  "interpretaties 1", "reactie van de verteller", "interpretaties 2", "analyse",
  "perspectieven", "evaluatie", NULL
};
static const char * const phases_fr[] = {
  "récits", "choix du récit", "récit", "questions",
  "interprétations 1", "réaction du narrateur", "interprétations 2", "analyse",
  "perspectives", "évaluation", NULL
};

const char * const *
cb_mag_default_phase_names (const char *language)
{
  if (language != NULL && g_ascii_strncasecmp (language, "nl", 2) == 0
      && (language[2] == '\0' || !g_ascii_isalpha (language[2])))
    return phases_nl;
  if (language != NULL && g_ascii_strncasecmp (language, "fr", 2) == 0
      && (language[2] == '\0' || !g_ascii_isalpha (language[2])))
    return phases_fr;
  return phases_en;
}

/* Folds a phase name or a marker for comparing: case and accents as search
 * folds them, every run of punctuation and spaces one space, and the words
 * that number a round ("tour 1", "round 1", "ronde 1") left out. */
char *
_cb_mag_fold_phase_name (const char *name)
{
  static const char * const round_words[] = { "tour", "round", "ronde", NULL };
  g_autofree char *folded = cb_search_fold (name, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) spaced = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (spaced, c);
      else if (c == '\'' || c == 0x2019)
        g_string_append_c (spaced, '\'');
      else
        g_string_append_c (spaced, ' ');
    }
  words = g_strsplit (spaced->str, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0' || g_strv_contains (round_words, words[i]))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The marker's label when the line [@line, @line + @length) is a marker by
 * its form ("# …", "[…]"), else NULL. */
static char *
marker_label (const char *line,
              gsize       length)
{
  g_autofree char *copy = g_strstrip (g_strndup (line, length));
  gsize n = strlen (copy);

  if (copy[0] == '#')
    {
      const char *p = copy;

      while (*p == '#')
        p++;
      if (*p != ' ' && *p != '\t')
        return NULL;
      return g_strstrip (g_strdup (p));
    }
  if (n >= 2 && copy[0] == '[' && copy[n - 1] == ']')
    {
      copy[n - 1] = '\0';
      return g_strstrip (g_strdup (copy + 1));
    }
  return NULL;
}

/* Longer lines are sentences, not headings that name a phase. */
#define MAX_NAMING_LINE_CHARS 80

GPtrArray *
cb_mag_detect_phases (const char         *text,
                      gsize               length,
                      const char * const *names)
{
  g_autoptr(GPtrArray) phases = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_phase_info_free);
  g_autoptr(GPtrArray) folded_names = g_ptr_array_new_with_free_func (g_free);
  gsize line = 0;
  gint64 line_chars = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    g_ptr_array_add (folded_names, _cb_mag_fold_phase_name (names[i]));

  while (line < length)
    {
      const char *nl = memchr (text + line, '\n', length - line);
      gsize line_end = nl != NULL ? (gsize) (nl - text) : length;
      gsize line_length = line_end - line;
      g_autofree char *label = marker_label (text + line, line_length);
      gint64 n_chars = cb_text_count_chars (text + line, line_length);
      const char *name = NULL;
      g_autofree char *folded = NULL;

      if (label == NULL && n_chars <= MAX_NAMING_LINE_CHARS)
        {
          /* a line that is a phase's name, a final colon aside */
          g_autofree char *plain = g_strstrip (g_strndup (text + line, line_length));
          gsize n = strlen (plain);

          if (n > 0 && plain[n - 1] == ':')
            plain[n - 1] = '\0';
          folded = _cb_mag_fold_phase_name (plain);
          for (guint i = 0; folded[0] != '\0' && i < folded_names->len; i++)
            if (g_str_equal (folded, folded_names->pdata[i]))
              name = names[i];
        }
      else if (label != NULL && label[0] != '\0')
        {
          folded = _cb_mag_fold_phase_name (label);
          name = label;
          for (guint i = 0; i < folded_names->len; i++)
            if (g_str_equal (folded, folded_names->pdata[i]))
              name = names[i];
        }

      if (name != NULL)
        {
          CbPhaseInfo *phase = g_new0 (CbPhaseInfo, 1);
          g_autofree char *normalized = cb_text_normalize_name (name);

          if (phases->len > 0)
            ((CbPhaseInfo *) phases->pdata[phases->len - 1])->end = line_chars;
          phase->start = line_chars;
          phase->name = g_steal_pointer (&normalized);
          g_ptr_array_add (phases, phase);
        }

      line_chars += n_chars + (nl != NULL ? 1 : 0);
      line = line_end + (nl != NULL ? 1 : 0);
    }
  if (phases->len > 0)
    ((CbPhaseInfo *) phases->pdata[phases->len - 1])->end = line_chars;

  return g_steal_pointer (&phases);
}

/* ---- The grid's data ------------------------------------------------ */

void
_cb_mag_quote_free (CbMagQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->document);
  g_free (quote->text);
  g_free (quote);
}

void
_cb_mag_point_free (CbMagPoint *point)
{
  if (point == NULL)
    return;
  g_free (point->title);
  g_free (point->type);
  g_free (point->text);
  g_free (point);
}

void
cb_mag_grid_free (CbMagGrid *grid)
{
  if (grid == NULL)
    return;
  g_clear_pointer (&grid->points, g_ptr_array_unref);
  g_clear_pointer (&grid->columns, g_ptr_array_unref);
  g_clear_pointer (&grid->cells, g_ptr_array_unref);
  g_free (grid);
}

GPtrArray *
cb_mag_grid_get_cell (CbMagGrid *grid,
                      guint      point,
                      guint      column)
{
  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (point < grid->points->len && column < grid->columns->len, NULL);

  return grid->cells->pdata[point * grid->columns->len + column];
}

gboolean
cb_mag_grid_format_from_string (const char      *text,
                                CbMagGridFormat *format)
{
  static const char * const names[] = { "tsv", "html", "odt", "docx" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *format = (CbMagGridFormat) i;
        return TRUE;
      }
  if (text != NULL && g_ascii_strcasecmp (text, "htm") == 0)
    {
      *format = CB_MAG_GRID_HTML;
      return TRUE;
    }
  return FALSE;
}
