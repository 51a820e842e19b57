/* cb-transcript-phases.c: the transcript's MAG side: phases as section
 * bands in the gutter; in the context menu "Set Phase…" and "Clear Phases
 * in Selection" on a selection, "Clear Phase" over a phase, "Detect
 * Phases", and a speaker's roles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-coding-gutter.h"
#include "cb-mag.h"
#include "cb-transcript-view-private.h"

void
cb_transcript_view_reload_phases (CbTranscriptView *self)
{
  g_autoptr(GPtrArray) phases = NULL;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CB_IS_TRANSCRIPT_VIEW (self));

  if (self->gutter == NULL)
    return;
  if (self->project != NULL && self->document_name != NULL && self->document_id != 0 &&
      !(phases = cb_project_list_phases (self->project, self->document_name, &error)))
    g_debug ("phases of %s: %s", self->document_name, error->message);
  for (guint i = 0; phases != NULL && i < phases->len; i++)
    {
      const CbPhaseInfo *phase = phases->pdata[i];

      g_array_append_val (spans, phase->start);
      g_array_append_val (spans, phase->end);
    }
  cb_coding_gutter_set_bands (CB_CODING_GUTTER (self->gutter), (const gint64 *) spans->data, spans->len / 2);
}

void
cb_transcript_view_append_phase_item (CbTranscriptView *self,
                                      GMenu            *section,
                                      gint64            start,
                                      gint64            end)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (_("Set _Phase…"), NULL);

  g_menu_item_set_action_and_target_value (item, "win.set-phase", g_variant_new ("(xx)", start, end));
  g_menu_append_item (section, item);
  if (self->project != NULL && self->document_name != NULL)
    {
      g_autoptr(GPtrArray) phases = cb_project_list_phases (self->project, self->document_name, NULL);
      gboolean overlaps = FALSE;

      for (guint i = 0; phases != NULL && i < phases->len && !overlaps; i++)
        {
          const CbPhaseInfo *phase = phases->pdata[i];

          overlaps = phase->start < end && start < phase->end;
        }
      if (overlaps)
        {
          g_autoptr(GMenuItem) clear = g_menu_item_new (_("Clear Phases in Selection"), NULL);

          g_menu_item_set_action_and_target_value (clear, "win.clear-phase", g_variant_new ("(xx)", start, end));
          g_menu_append_item (section, clear);
        }
    }
}

/* The phase of the open document that holds @offset, or NULL. */
static CbPhaseInfo *
phase_at (CbTranscriptView *self,
          gint64            offset)
{
  g_autoptr(GPtrArray) phases = NULL;

  if (self->project == NULL || self->document_name == NULL || offset < 0 ||
      !(phases = cb_project_list_phases (self->project, self->document_name, NULL)))
    return NULL;
  for (guint i = 0; i < phases->len; i++)
    {
      const CbPhaseInfo *phase = phases->pdata[i];

      if (phase->start <= offset && offset < phase->end)
        return cb_phase_info_copy (phase);
    }
  return NULL;
}

static gboolean
has_marker_lines (CbTranscriptView *self)
{
  g_auto(GStrv) names = cb_project_dup_phase_names (self->project, NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (names == NULL)
    return FALSE;
  gtk_text_buffer_get_bounds (get_buffer (self), &start, &end);
  text = gtk_text_buffer_get_text (get_buffer (self), &start, &end, TRUE);
  found = cb_mag_detect_phases (text, strlen (text), (const char * const *) names);
  return found != NULL && found->len > 0;
}

void
cb_transcript_view_append_phase_section (CbTranscriptView *self,
                                         GMenu            *menu,
                                         gint64            offset,
                                         gboolean          has_selection)
{
  g_autoptr(GMenu) section = NULL;
  g_autoptr(CbPhaseInfo) phase = NULL;

  if (self->project == NULL || self->document_name == NULL)
    return;
  section = g_menu_new ();
  /* Over a phase (no selection): that phase can go.  With a selection,
   * "Set Phase…" and its clearing twin sit with the coding items. */
  if (!has_selection && (phase = phase_at (self, offset)) != NULL)
    {
      /* Translators: %s is a MAG phase's name */
      g_autofree char *label = g_strdup_printf (_("Clear Phase “%s”"), phase->name);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.clear-phase",
                                               g_variant_new ("(xx)", phase->start, phase->end));
      g_menu_append_item (section, item);
    }
  /* Offered where it would find something: an interview without marker
   * lines gets no MAG item in its menu. */
  if (has_marker_lines (self))
    g_menu_append (section, _("_Detect Phases from Marker Lines"), "win.detect-phases");
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

void
cb_transcript_view_append_role_menu (CbTranscriptView *self,
                                     GMenu            *section,
                                     const char       *speaker)
{
  static const CbSpeakerRole roles[] = {
    CB_SPEAKER_ROLE_NARRATOR, CB_SPEAKER_ROLE_PARTICIPANT,
    CB_SPEAKER_ROLE_FACILITATOR, CB_SPEAKER_ROLE_OBSERVER, CB_SPEAKER_ROLE_NONE,
  };
  g_autoptr(GMenu) submenu = g_menu_new ();
  g_autoptr(GHashTable) current = NULL;
  CbSpeakerRole role = CB_SPEAKER_ROLE_NONE;

  if (self->project != NULL && self->document_name != NULL &&
      (current = cb_project_dup_speaker_roles (self->project, self->document_name, NULL)) != NULL)
    role = GPOINTER_TO_INT (g_hash_table_lookup (current, speaker));

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      const char *name = cb_speaker_role_to_string (roles[i]);
      /* the role the speaker has is marked, as a radio item would be */
      g_autofree char *label = roles[i] == role && role != CB_SPEAKER_ROLE_NONE
        ? g_strdup_printf ("✓ %s", cb_speaker_role_get_label (roles[i]))
        : g_strdup (cb_speaker_role_get_label (roles[i]));
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "win.set-speaker-role",
                                               g_variant_new ("(ss)", speaker, name != NULL ? name : ""));
      g_menu_append_item (submenu, item);
    }
  g_menu_append_submenu (section, _("MAG _Role"), G_MENU_MODEL (submenu));
}
