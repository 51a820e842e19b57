/* cb-quick-code.c: the quick-code popover (type part of a code, press Enter)
 *
 * Opened at the selection with Ctrl+K.  Typing filters the code tree by
 * every word of the query, accent- and case-insensitively, best matches
 * first; arrows move, Enter codes.  When nothing matches, the one row left
 * offers to create the code under the selected code.  Emits ::code-chosen
 * with the path and whether it must be created; the window does the rest.
 *
 * The popover keeps the transcript's selection as it was when it opened
 * and puts it back before ::code-chosen (and when it closes): its entry
 * takes the focus and, under X11, the PRIMARY selection, and a text
 * buffer that loses PRIMARY drops its selection.  Without this, Ctrl+K
 * worked once and then said "Select a passage in the transcript first".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-code-filter.h"
#include "cb-quick-code.h"
#include "cb-transcript-view.h"
#include "cb-types.h"

#define MAX_ROWS 50

typedef struct
{
  char   *path;
  gint64  id;
  char   *color;
} Candidate;

typedef struct
{
  char     *path;
  gboolean  create;
} Row;

struct _CbQuickCode
{
  GtkPopover      parent_instance;

  /* Template widgets */
  GtkSearchEntry *entry;
  GtkListBox     *list_box;

  /* Owned */
  GArray         *candidates;   /* of Candidate, tree order */
  GArray         *rows;         /* of Row, as shown */
  char           *parent_path;

  /* The transcript's selection when the popover opened (document 0: none) */
  gint64          target_document;
  gint64          target_start;
  gint64          target_end;
};

G_DEFINE_FINAL_TYPE (CbQuickCode, cb_quick_code, GTK_TYPE_POPOVER)

enum {
  CODE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->path);
  g_free (c->color);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->path);
}

typedef struct
{
  guint index;
  int   rank;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a;
  const Ranked *rb = b;

  if (ra->rank != rb->rank)
    return rb->rank - ra->rank;   /* higher scores first */
  return (int) ra->index - (int) rb->index;
}

static GtkWidget *
create_row_widget (CbQuickCode     *self,
                   const Row       *row,
                   const Candidate *candidate)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label;

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  if (row->create)
    {
      g_autofree char *text = NULL;

      gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("list-add-symbolic"));
      if (self->parent_path != NULL)
        /* Translators: creating code %s under the existing code %s */
        text = g_strdup_printf (_("Create “%s” under “%s”"), row->path + strlen (self->parent_path) + 3,
                                self->parent_path);
      else
        text = g_strdup_printf (_("Create “%s”"), row->path);
      label = gtk_label_new (text);
    }
  else
    {
      const char *last = g_strrstr (row->path, CB_CODE_PATH_SEPARATOR);
      g_autofree char *markup = NULL;
      GtkWidget *swatch = gtk_label_new ("●");
      g_autofree char *css_color = NULL;
      GdkRGBA rgba;

      cb_code_color_to_rgba (candidate->color, candidate->id, &rgba);
      css_color = cb_rgba_to_hex (&rgba);
      markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>", css_color);
      gtk_label_set_markup (GTK_LABEL (swatch), markup);
      gtk_box_append (GTK_BOX (box), swatch);
      g_clear_pointer (&markup, g_free);

      if (last != NULL)
        {
          g_autofree char *parent = g_strndup (row->path, last - row->path);

          markup = g_markup_printf_escaped ("<b>%s</b>  <span alpha=\"55%%\">%s</span>",
                                            last + 3, parent);
        }
      else
        markup = g_markup_printf_escaped ("<b>%s</b>", row->path);
      label = gtk_label_new (NULL);
      gtk_label_set_markup (GTK_LABEL (label), markup);
    }

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static void
refilter (CbQuickCode *self)
{
  g_autoptr(CbCodeFilter) filter = cb_code_filter_new (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  GtkWidget *child;
  guint i;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_array_set_size (self->rows, 0);

  for (i = 0; i < self->candidates->len; i++)
    {
      const Candidate *c = &g_array_index (self->candidates, Candidate, i);
      Ranked r = { i, cb_code_filter_score (filter, c->path) };

      if (r.rank >= 0)
        g_array_append_val (ranked, r);
    }
  g_array_sort (ranked, compare_ranked);

  for (i = 0; i < ranked->len && i < MAX_ROWS; i++)
    {
      const Candidate *c = &g_array_index (self->candidates, Candidate,
                                           g_array_index (ranked, Ranked, i).index);
      Row row = { g_strdup (c->path), FALSE };

      g_array_append_val (self->rows, row);
      gtk_list_box_append (self->list_box, create_row_widget (self, &row, c));
    }

  if (ranked->len == 0)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

      if (name[0] != '\0' && strstr (name, "/") == NULL)
        {
          Row row = { NULL, TRUE };

          row.path = self->parent_path ? g_strconcat (self->parent_path, CB_CODE_PATH_SEPARATOR, name, NULL)
                                       : g_strdup (name);
          g_array_append_val (self->rows, row);
          gtk_list_box_append (self->list_box, create_row_widget (self, &row, NULL));
        }
    }

  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));
}

static CbTranscriptView *
get_transcript_view (CbQuickCode *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return CB_IS_TRANSCRIPT_VIEW (parent) ? CB_TRANSCRIPT_VIEW (parent) : NULL;
}

static void
remember_selection (CbQuickCode *self)
{
  CbTranscriptView *view = get_transcript_view (self);

  self->target_document = 0;
  if (view != NULL &&
      cb_transcript_view_get_selection (view, &self->target_start, &self->target_end))
    self->target_document = cb_transcript_view_get_document_id (view);
}

/* Puts back the selection the popover opened on, when the same document
 * is still shown. */
static void
restore_selection (CbQuickCode *self)
{
  CbTranscriptView *view = get_transcript_view (self);
  gint64 start, end;

  if (view == NULL || self->target_document == 0 ||
      cb_transcript_view_get_document_id (view) != self->target_document)
    return;
  if (cb_transcript_view_get_selection (view, &start, &end) &&
      start == self->target_start && end == self->target_end)
    return;
  cb_transcript_view_set_selection (view, self->target_start, self->target_end);
}

static void
choose_row (CbQuickCode *self,
            int          index)
{
  g_autofree char *path = NULL;
  gboolean create;

  if (index < 0 || (guint) index >= self->rows->len)
    return;

  path = g_strdup (g_array_index (self->rows, Row, index).path);
  create = g_array_index (self->rows, Row, index).create;
  gtk_popover_popdown (GTK_POPOVER (self));
  restore_selection (self);
  g_signal_emit (self, signals[CODE_CHOSEN], 0, path, create);
}

static void
on_entry_changed (CbQuickCode *self)
{
  refilter (self);
}

static void
on_entry_activate (CbQuickCode *self)
{
  cb_quick_code_activate (self);
}

static void
on_stop_search (CbQuickCode *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_row_activated (CbQuickCode   *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list_box)
{
  choose_row (self, gtk_list_box_row_get_index (row));
}

static gboolean
on_entry_key_pressed (CbQuickCode           *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  int index = row ? gtk_list_box_row_get_index (row) : -1;
  int n = (int) self->rows->len;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      index = MIN (index + 1, n - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      index = MAX (index - 1, 0);
      break;
    case GDK_KEY_Page_Down:
      index = MIN (index + 8, n - 1);
      break;
    case GDK_KEY_Page_Up:
      index = MAX (index - 8, 0);
      break;
    default:
      return FALSE;
    }

  row = gtk_list_box_get_row_at_index (self->list_box, index);
  gtk_list_box_select_row (self->list_box, row);
  {
    /* Keep the highlighted row in view while the entry keeps the focus. */
    GtkAdjustment *adjustment = gtk_list_box_get_adjustment (self->list_box);
    graphene_rect_t bounds;

    if (adjustment != NULL &&
        gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->list_box), &bounds))
      gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
  }
  return TRUE;
}

static void
on_closed (CbQuickCode *self)
{
  /* Escape or a click elsewhere: the passage stays selected. */
  restore_selection (self);
}

/* Runs before the popover is mapped and its entry focused: "show"
 * handlers run after that, when the entry, still holding the last query,
 * has already selected it and taken PRIMARY from the transcript. */
static void
cb_quick_code_show (GtkWidget *widget)
{
  CbQuickCode *self = CB_QUICK_CODE (widget);

  remember_selection (self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");

  GTK_WIDGET_CLASS (cb_quick_code_parent_class)->show (widget);
}

static void
on_show (CbQuickCode *self)
{
  refilter (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
cb_quick_code_finalize (GObject *object)
{
  CbQuickCode *self = (CbQuickCode *)object;

  g_clear_pointer (&self->candidates, g_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->parent_path, g_free);

  G_OBJECT_CLASS (cb_quick_code_parent_class)->finalize (object);
}

static void
cb_quick_code_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CB_TYPE_QUICK_CODE);

  G_OBJECT_CLASS (cb_quick_code_parent_class)->dispose (object);
}

static void
cb_quick_code_class_init (CbQuickCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_quick_code_dispose;
  object_class->finalize = cb_quick_code_finalize;
  widget_class->show = cb_quick_code_show;

  signals[CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-quick-code.ui");
  gtk_widget_class_bind_template_child (widget_class, CbQuickCode, entry);
  gtk_widget_class_bind_template_child (widget_class, CbQuickCode, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_show);
}

static void
cb_quick_code_init (CbQuickCode *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->candidates = g_array_new (FALSE, TRUE, sizeof (Candidate));
  g_array_set_clear_func (self->candidates, candidate_clear);
  self->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (self->rows, row_clear);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), controller);

  g_signal_connect (self, "closed", G_CALLBACK (on_closed), NULL);
}

GtkWidget *
cb_quick_code_new (void)
{
  return g_object_new (CB_TYPE_QUICK_CODE, NULL);
}

void
cb_quick_code_set_codes (CbQuickCode *self,
                         GPtrArray   *codes,
                         const char  *parent_path)
{
  guint i;

  g_return_if_fail (CB_IS_QUICK_CODE (self));
  g_return_if_fail (codes != NULL);

  g_array_set_size (self->candidates, 0);
  for (i = 0; i < codes->len; i++)
    {
      const CbCodeInfo *info = g_ptr_array_index (codes, i);
      Candidate c = { g_strdup (info->path), info->id, g_strdup (info->color) };

      g_array_append_val (self->candidates, c);
    }

  g_free (self->parent_path);
  self->parent_path = g_strdup (parent_path);
  refilter (self);
}

void
cb_quick_code_set_query (CbQuickCode *self,
                         const char  *query)
{
  g_return_if_fail (CB_IS_QUICK_CODE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), query ? query : "");
  refilter (self);
}

guint
cb_quick_code_get_n_rows (CbQuickCode *self)
{
  g_return_val_if_fail (CB_IS_QUICK_CODE (self), 0);
  return self->rows->len;
}

const char *
cb_quick_code_get_row_path (CbQuickCode *self,
                            guint        index,
                            gboolean    *create)
{
  g_return_val_if_fail (CB_IS_QUICK_CODE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  if (create != NULL)
    *create = g_array_index (self->rows, Row, index).create;
  return g_array_index (self->rows, Row, index).path;
}

void
cb_quick_code_activate (CbQuickCode *self)
{
  GtkListBoxRow *row;

  g_return_if_fail (CB_IS_QUICK_CODE (self));

  row = gtk_list_box_get_selected_row (self->list_box);
  if (row != NULL)
    choose_row (self, gtk_list_box_row_get_index (row));
}
