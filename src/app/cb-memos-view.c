/* cb-memos-view.c: every memo by type, with a search, its editor and its evidence (issue 19)
 *
 * The list shows the free-standing memos as cb_project_list_memos() orders
 * them (by type, then their own order) under a heading per type; the
 * search keeps the memos whose title, type, level or text holds what is
 * typed, ignoring case.  The selected memo is edited on the right: title,
 * type and level are applied with their rows' apply buttons (or Enter),
 * each one core operation and one undo step; the text is saved a moment
 * after typing stops, when another memo is picked and when the view goes.
 * Its evidence shows as quotes with their place; activating one emits
 * ::evidence-activated so that the window opens it in the transcript.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cb-app-util.h"
#include "cb-memos-view.h"

#define SAVE_DELAY_MS 700

struct _CbMemosView
{
  GtkWidget       parent_instance;

  GtkWidget      *paned;
  GtkSearchEntry *search_entry;
  GtkListBox     *memo_list;
  GtkStack       *detail_stack;
  AdwEntryRow    *title_row;
  AdwEntryRow    *type_row;
  AdwEntryRow    *level_row;
  GtkMenuButton  *type_button;
  GtkMenuButton  *level_button;
  GtkTextView    *text_view;
  GtkLabel       *evidence_heading;
  GtkListBox     *evidence_list;

  CbProject      *project;
  char           *selected;     /* the selected memo's title */
  char           *query;        /* casefolded search, or NULL */
  guint           save_id;
  gboolean        loading;      /* filling the editor: no saves */
  gboolean        dirty;        /* text typed and not saved */
  gboolean        busy;
  gint64          loaded_id;    /* the memo the editor shows */
};

G_DEFINE_FINAL_TYPE (CbMemosView, cb_memos_view, GTK_TYPE_WIDGET)

enum { EVIDENCE_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void load_memo (CbMemosView *self);

static void
show_error (CbMemosView  *self,
            const GError *error)
{
  cb_widget_show_error (GTK_WIDGET (self), error);
}

static CbMemoInfo *
row_memo (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "cb-memo") : NULL;
}

static char *
dup_text (CbMemosView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
cb_memos_view_flush (CbMemosView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (CB_IS_MEMOS_VIEW (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!self->dirty || self->project == NULL || self->selected == NULL || self->busy)
    return;
  self->dirty = FALSE;
  text = dup_text (self);
  if (!cb_project_set_memo_text (self->project, self->selected, text, &error))
    show_error (self, error);
}

static gboolean
save_later (gpointer data)
{
  CbMemosView *self = data;

  self->save_id = 0;
  cb_memos_view_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_text_changed (CbMemosView   *self,
                 GtkTextBuffer *buffer)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (SAVE_DELAY_MS, save_later, self);
}

/* The list */

static gboolean
matches (CbMemosView *self,
         CbMemoInfo  *memo)
{
  const char *fields[] = {
    memo->title, memo->type, cb_memo_type_label (memo->type), memo->level,
    memo->level != NULL ? cb_memo_level_label (memo->level) : NULL, memo->text
  };

  if (self->query == NULL || self->query[0] == '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *folded = fields[i] != NULL ? g_utf8_casefold (fields[i], -1) : NULL;

      if (folded != NULL && strstr (folded, self->query) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       data)
{
  return matches (data, row_memo (row));
}

/* A heading above the first visible memo of each type. */
static void
header_row (GtkListBoxRow *row,
            GtkListBoxRow *before,
            gpointer       data)
{
  CbMemoInfo *memo = row_memo (row);
  CbMemoInfo *previous = row_memo (before);
  GtkWidget *label;

  if (previous != NULL && g_str_equal (previous->type, memo->type))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (cb_memo_type_label (memo->type));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_list_box_row_set_header (row, label);
}

static char *
memo_subtitle (CbMemoInfo *memo)
{
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u quote", "%u quotes", memo->n_links),
                                            memo->n_links);

  if (memo->level != NULL)
    /* TRANSLATORS: a memo's level and its number of quotes, "Institutions · 3 quotes" */
    return g_strdup_printf (_("%s · %s"), cb_memo_level_label (memo->level), count);
  return g_steal_pointer (&count);
}

static GtkWidget *
memo_row (CbMemoInfo *memo)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (memo->title);
  g_autofree char *subtitle_text = memo_subtitle (memo);
  GtkWidget *subtitle = gtk_label_new (subtitle_text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title, memo->title);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "cb-memo", cb_memo_info_copy (memo), (GDestroyNotify) cb_memo_info_free);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkListBoxRow *
find_row (CbMemosView *self,
          const char  *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->memo_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CbMemoInfo *memo = GTK_IS_LIST_BOX_ROW (child) ? row_memo (GTK_LIST_BOX_ROW (child)) : NULL;

      if (memo != NULL && g_strcmp0 (memo->title, title) == 0)
        return GTK_LIST_BOX_ROW (child);
    }
  return NULL;
}

static void
reload_list (CbMemosView *self)
{
  g_autoptr(GPtrArray) memos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = g_strdup (self->selected);
  GtkListBoxRow *row;

  if (self->memo_list == NULL)
    return;   /* disposed */
  self->loading = TRUE;
  clear_list (self->memo_list);
  if (self->project != NULL && !self->busy)
    {
      memos = cb_project_list_memos (self->project, NULL, &error);
      if (memos == NULL)
        show_error (self, error);
      for (guint i = 0; memos != NULL && i < memos->len; i++)
        gtk_list_box_append (self->memo_list, memo_row (memos->pdata[i]));
    }
  row = keep != NULL ? find_row (self, keep) : NULL;
  gtk_list_box_select_row (self->memo_list, row);
  self->loading = FALSE;
  if (row == NULL)
    g_clear_pointer (&self->selected, g_free);
  load_memo (self);
}

/* The editor */

static void
on_unlink_clicked (GtkButton   *button,
                   CbMemosView *self)
{
  CbMemoLink *link = g_object_get_data (G_OBJECT (button), "cb-link");
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || self->selected == NULL || link == NULL)
    return;
  if (!cb_project_unlink_memo (self->project, self->selected, link->document, link->start, link->end, &error))
    show_error (self, error);
}

static GtkWidget *
evidence_row (CbMemosView *self,
              CbMemoLink  *link)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *quoted = g_strdup_printf ("“%s”", link->text);
  GtkWidget *quote = gtk_label_new (quoted);
  g_autoptr(GString) place = g_string_new (link->document);
  GtkWidget *where;
  GtkWidget *unlink = gtk_button_new_from_icon_name ("list-remove-symbolic");
  CbMemoLink *copy;

  if (link->speaker != NULL)
    g_string_append_printf (place, " · %s", link->speaker);
  if (link->timestamp != NULL)
    g_string_append_printf (place, " · %s", link->timestamp);
  where = gtk_label_new (place->str);
  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 4);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_add_css_class (where, "dim-label");
  gtk_box_append (GTK_BOX (texts), quote);
  gtk_box_append (GTK_BOX (texts), where);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (unlink, "flat");
  gtk_widget_set_tooltip_text (unlink, _("Remove from the Evidence"));
  gtk_box_append (GTK_BOX (box), unlink);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Show in the transcript"));

  copy = g_new0 (CbMemoLink, 1);
  copy->document_id = link->document_id;
  copy->document = g_strdup (link->document);
  copy->start = link->start;
  copy->end = link->end;
  g_object_set_data_full (G_OBJECT (row), "cb-link", copy, (GDestroyNotify) cb_memo_link_free);
  g_object_set_data (G_OBJECT (unlink), "cb-link", copy);
  g_signal_connect (unlink, "clicked", G_CALLBACK (on_unlink_clicked), self);
  return row;
}

/* Shows @text in @row, unless (@keep_edit) the user changed what the row
 * showed and has not applied it yet: a refresh must not take that away. */
static void
set_row_text (AdwEntryRow *row,
              const char  *text,
              gboolean     keep_edit)
{
  const char *loaded = g_object_get_data (G_OBJECT (row), "cb-loaded");

  if (keep_edit && loaded != NULL && g_strcmp0 (loaded, gtk_editable_get_text (GTK_EDITABLE (row))) != 0)
    return;
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_object_set_data_full (G_OBJECT (row), "cb-loaded", g_strdup (text != NULL ? text : ""), g_free);
}

static void
load_memo (CbMemosView *self)
{
  g_autoptr(CbMemoInfo) memo = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  gboolean keep_edits;

  if (self->detail_stack == NULL)
    return;   /* disposed */
  if (self->project == NULL || self->selected == NULL || self->busy ||
      !(memo = cb_project_get_memo (self->project, self->selected, &error)))
    {
      self->loaded_id = 0;
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  self->loading = TRUE;
  keep_edits = memo->id == self->loaded_id;
  self->loaded_id = memo->id;
  set_row_text (self->title_row, memo->title, keep_edits);
  set_row_text (self->type_row, cb_memo_type_label (memo->type), keep_edits);
  set_row_text (self->level_row, memo->level != NULL ? cb_memo_level_label (memo->level) : "", keep_edits);
  /* what is being typed stays, and the text just saved is not set again
   * (that would move the cursor of someone still typing) */
  if (!self->dirty)
    {
      g_autofree char *shown = dup_text (self);

      if (g_strcmp0 (shown, memo->text) != 0)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), memo->text, -1);
    }

  clear_list (self->evidence_list);
  links = cb_project_list_memo_links (self->project, memo->title, &error);
  if (links == NULL)
    show_error (self, error);
  for (guint i = 0; links != NULL && i < links->len; i++)
    gtk_list_box_append (self->evidence_list, evidence_row (self, links->pdata[i]));
  heading = links != NULL && links->len > 0
            ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Evidence: %u quote", "Evidence: %u quotes", links->len), links->len)
            : g_strdup (_("No evidence yet: select text in a transcript and choose “Link Selection to Memo…” in its menu."));
  gtk_label_set_label (self->evidence_heading, heading);
  gtk_stack_set_visible_child_name (self->detail_stack, "memo");
  self->loading = FALSE;
}

static void
on_row_selected (CbMemosView   *self,
                 GtkListBoxRow *row,
                 GtkListBox    *list)
{
  CbMemoInfo *memo = row_memo (row);

  if (self->loading)
    return;
  cb_memos_view_flush (self);
  g_free (self->selected);
  self->selected = memo != NULL ? g_strdup (memo->title) : NULL;
  self->dirty = FALSE;
  load_memo (self);
}

static void
on_search_changed (CbMemosView    *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_free (self->query);
  self->query = text[0] != '\0' ? g_utf8_casefold (text, -1) : NULL;
  gtk_list_box_invalidate_filter (self->memo_list);
  gtk_list_box_invalidate_headers (self->memo_list);
}

/* A type or level typed as its translated label is the named one. */
static void
apply_field (CbMemosView *self,
             const char  *field,
             AdwEntryRow *row)
{
  g_autofree char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup (self->selected);
  gboolean ok;

  if (self->project == NULL || title == NULL || self->busy)
    return;
  cb_memos_view_flush (self);
  if (g_str_equal (field, "title"))
    {
      ok = cb_project_rename_memo (self->project, title, value, &error);
      if (ok)
        {
          g_free (self->selected);
          self->selected = cb_text_normalize_name (value);
        }
    }
  else if (g_str_equal (field, "type"))
    ok = cb_project_set_memo_type (self->project, title, value, &error);
  else
    ok = cb_project_set_memo_level (self->project, title, value, &error);
  if (ok)
    g_object_set_data (G_OBJECT (row), "cb-loaded", NULL);
  if (!ok)
    {
      show_error (self, error);
      self->loaded_id = 0;
      load_memo (self);
    }
}

static void on_title_apply (CbMemosView *self, AdwEntryRow *row) { apply_field (self, "title", row); }
static void on_type_apply (CbMemosView *self, AdwEntryRow *row) { apply_field (self, "type", row); }
static void on_level_apply (CbMemosView *self, AdwEntryRow *row) { apply_field (self, "level", row); }

static void
on_evidence_activated (CbMemosView   *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  CbMemoLink *link = g_object_get_data (G_OBJECT (row), "cb-link");

  if (link != NULL)
    g_signal_emit (self, signals[EVIDENCE_ACTIVATED], 0, link->document_id, link->start, link->end);
}

/* Actions */

static void
pick_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CbMemosView *self = CB_MEMOS_VIEW (widget);
  const char *value = g_variant_get_string (parameter, NULL);
  gboolean type = g_str_equal (action_name, "memos.set-type");
  AdwEntryRow *row = type ? self->type_row : self->level_row;

  set_row_text (row, type ? cb_memo_type_label (value) : cb_memo_level_label (value), FALSE);
  apply_field (self, type ? "type" : "level", row);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CbMemosView *self = CB_MEMOS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  if (self->project == NULL || self->busy)
    return;
  cb_memos_view_flush (self);
  /* a free title: "New Memo", "New Memo 2", … */
  for (guint n = 1; title == NULL; n++)
    {
      g_autoptr(CbMemoInfo) existing = NULL;
      g_autofree char *candidate = n == 1 ? g_strdup (_("New Memo")) : g_strdup_printf (_("New Memo %u"), n);

      existing = cb_project_get_memo (self->project, candidate, NULL);
      if (existing == NULL)
        title = g_steal_pointer (&candidate);
    }
  if (cb_project_add_memo (self->project, title, NULL, NULL, NULL, &error) == 0)
    {
      show_error (self, error);
      return;
    }
  g_free (self->selected);
  self->selected = g_steal_pointer (&title);
  self->dirty = FALSE;
  reload_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbMemosView *self = CB_MEMOS_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->project == NULL || self->selected == NULL || self->busy)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->dirty = FALSE;
  if (!cb_project_delete_memo (self->project, self->selected, &error))
    show_error (self, error);
}

static gboolean
write_export (GtkWidget  *widget,
              GFile      *file,
              gpointer    data,
              GError    **error)
{
  CbMemosView *self = CB_MEMOS_VIEW (widget);
  g_autofree char *base = g_file_get_basename (file);
  CbQuoteFormat format = GPOINTER_TO_INT (data);

  if (self->project == NULL || self->busy)
    return TRUE;
  /* the extension the user typed wins, as on the command line */
  cb_quote_format_from_filename (base, &format);
  return cb_memos_view_export (self, file, format, error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbMemosView *self = CB_MEMOS_VIEW (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;
  g_autofree char *project_name = NULL;
  CbQuoteFormat format = CB_QUOTE_FORMAT_HTML;

  if (self->project == NULL || self->busy)
    return;
  cb_memos_view_flush (self);
  project_name = cb_project_dup_name (self->project);
  /* TRANSLATORS: the file name offered for the memo report, "thesis – memos.docx" */
  name = g_strdup_printf (_("%s – memos.%s"), project_name, extension);
  g_strdelimit (name, "/\\:*?\"<>|", '-');
  cb_quote_format_from_filename (name, &format);
  cb_choose_file_to_save (widget, _("Export a Report of the Memos"), name, write_export,
                          GINT_TO_POINTER (format), NULL);
}

/* Public */

/* A project's memos are few: the report is made here, in the main
 * thread, like the analysis view's tables. */
gboolean
cb_memos_view_export (CbMemosView    *self,
                      GFile          *file,
                      CbQuoteFormat   format,
                      GError        **error)
{
  g_autoptr(GBytes) xml = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CB_IS_MEMOS_VIEW (self), FALSE);
  g_return_val_if_fail (self->project != NULL, FALSE);

  cb_memos_view_flush (self);
  return (xml = cb_memo_report_xml (self->project, NULL, NULL, error)) != NULL &&
         (bytes = cb_memo_report_render (xml, format, NULL, CB_QUOTE_DEFAULT_BLOCK_WORDS, NULL, error)) != NULL &&
         cb_export_write_file (bytes, file, error);
}

CbMemosView *
cb_memos_view_new (void)
{
  return g_object_new (CB_TYPE_MEMOS_VIEW, NULL);
}

void
cb_memos_view_set_project (CbMemosView *self,
                           CbProject   *project)
{
  g_return_if_fail (CB_IS_MEMOS_VIEW (self));

  cb_memos_view_flush (self);
  g_set_object (&self->project, project);
  g_clear_pointer (&self->selected, g_free);
  self->dirty = FALSE;
  reload_list (self);
}

void
cb_memos_view_refresh (CbMemosView *self,
                       guint        flags)
{
  g_return_if_fail (CB_IS_MEMOS_VIEW (self));

  /* evidence shows documents' names and texts */
  if ((flags & (CB_CHANGE_MEMOS | CB_CHANGE_DOCUMENTS)) != 0)
    reload_list (self);
}

void
cb_memos_view_set_busy (CbMemosView *self,
                        gboolean     busy)
{
  g_return_if_fail (CB_IS_MEMOS_VIEW (self));

  if (busy)
    cb_memos_view_flush (self);
  self->busy = !!busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self), !busy);
  if (!busy)
    reload_list (self);
}

gboolean
cb_memos_view_select (CbMemosView *self,
                      const char  *title)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CB_IS_MEMOS_VIEW (self), FALSE);

  row = find_row (self, title);
  if (row == NULL)
    return FALSE;
  gtk_list_box_select_row (self->memo_list, row);
  return TRUE;
}

const char *
cb_memos_view_get_selected (CbMemosView *self)
{
  g_return_val_if_fail (CB_IS_MEMOS_VIEW (self), NULL);

  return self->selected;
}

void
cb_memos_view_set_search (CbMemosView *self,
                          const char  *text)
{
  g_return_if_fail (CB_IS_MEMOS_VIEW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  on_search_changed (self, self->search_entry);
}

GPtrArray *
cb_memos_view_dup_visible (CbMemosView *self)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CB_IS_MEMOS_VIEW (self), titles);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->memo_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CbMemoInfo *memo = GTK_IS_LIST_BOX_ROW (child) ? row_memo (GTK_LIST_BOX_ROW (child)) : NULL;

      if (memo != NULL && matches (self, memo))
        g_ptr_array_add (titles, g_strdup (memo->title));
    }
  return titles;
}

guint
cb_memos_view_get_n_evidence (CbMemosView *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_MEMOS_VIEW (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->evidence_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += GTK_IS_LIST_BOX_ROW (child);
  return n;
}

void
cb_memos_view_activate_evidence (CbMemosView *self,
                                 guint        index)
{
  GtkListBoxRow *row;

  g_return_if_fail (CB_IS_MEMOS_VIEW (self));

  row = gtk_list_box_get_row_at_index (self->evidence_list, index);
  if (row != NULL)
    on_evidence_activated (self, row, self->evidence_list);
}

/* GObject */

static GMenuModel *
choices_menu (const char * const *names,
              const char       *(*label) (const char *),
              const char         *action)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (label (names[i]), NULL);

      g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (names[i]));
      g_menu_append_item (menu, item);
    }
  return G_MENU_MODEL (menu);
}

static void
cb_memos_view_init (CbMemosView *self)
{
  g_autoptr(GMenuModel) types = choices_menu (cb_memo_types (), cb_memo_type_label, "memos.set-type");
  g_autoptr(GMenuModel) levels = choices_menu (cb_memo_levels (), cb_memo_level_label, "memos.set-level");
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_menu_model (self->type_button, types);
  gtk_menu_button_set_menu_model (self->level_button, levels);
  gtk_list_box_set_filter_func (self->memo_list, filter_row, self, NULL);
  gtk_list_box_set_header_func (self->memo_list, header_row, self, NULL);
  placeholder = gtk_label_new (_("No memos yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->memo_list, placeholder);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_changed), self);
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

static void
cb_memos_view_dispose (GObject *object)
{
  CbMemosView *self = CB_MEMOS_VIEW (object);

  cb_memos_view_flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_object (&self->project);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_MEMOS_VIEW);
  G_OBJECT_CLASS (cb_memos_view_parent_class)->dispose (object);
}

static void
cb_memos_view_finalize (GObject *object)
{
  CbMemosView *self = CB_MEMOS_VIEW (object);

  g_free (self->selected);
  g_free (self->query);
  G_OBJECT_CLASS (cb_memos_view_parent_class)->finalize (object);
}

static void
cb_memos_view_class_init (CbMemosViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_memos_view_dispose;
  object_class->finalize = cb_memos_view_finalize;

  /**
   * CbMemosView::evidence-activated:
   * @document_id: the document
   * @start: the span's start, in code points
   * @end: its end
   *
   * A quote of the evidence was activated: show it in the transcript.
   */
  signals[EVIDENCE_ACTIVATED] =
    g_signal_new ("evidence-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/codeboom/Codeboom/ui/cb-memos-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, paned);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, memo_list);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, title_row);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, type_row);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, level_row);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, type_button);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, level_button);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, text_view);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, evidence_heading);
  gtk_widget_class_bind_template_child (widget_class, CbMemosView, evidence_list);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_title_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_type_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_level_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_evidence_activated);
  gtk_widget_class_install_action (widget_class, "memos.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "memos.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "memos.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "memos.set-type", "s", pick_action);
  gtk_widget_class_install_action (widget_class, "memos.set-level", "s", pick_action);
}
