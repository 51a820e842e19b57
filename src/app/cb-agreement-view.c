/* cb-agreement-view.c: the Agreement view
 *
 * Two coders picked from the project's coders (or every coder, for
 * Krippendorff's α), characters or segments, every code or one code with
 * its descendants, the documents both coded or one: the table of
 * cb_project_agreement() with a row per code and document, the code
 * pooled and every code pooled.  Selecting a code and document row shows
 * the document beside the table with what coder A coded, what B coded
 * and what both coded tinted apart; the stretches only one of them coded
 * (the disagreements) are underlined too, so a team can go through them.
 * The view recomputes when the project changes and it shows, or when it
 * is next shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "cb-agreement-view.h"
#include "cb-app-util.h"
#include "cb-coders.h"
#include "cb-export-xml.h"

struct _CbAgreementView
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkWidget        *box;
  GtkDropDown      *coder_a_dropdown;
  GtkDropDown      *coder_b_dropdown;
  GtkCheckButton   *alpha_check;
  GtkDropDown      *unit_dropdown;
  GtkDropDown      *code_dropdown;
  GtkDropDown      *document_dropdown;
  GtkStack         *stack;
  AdwStatusPage    *status_page;
  GtkColumnView    *column_view;
  GtkLabel         *compare_title;
  GtkLabel         *legend;
  GtkTextView      *compare_text;

  /* Owned */
  CbProject        *project;
  CbAgreementTable *table;
  GtkStringList    *coders;        /* the pickers' model */
  GtkStringList    *codes;         /* "Every code", then the paths */
  GtkStringList    *documents;     /* "Documents both coded", then names */
  GtkStringList    *rows;          /* an index into table->rows per row */
  GtkSingleSelection *selection;
  GPtrArray        *columns;       /* GtkColumnViewColumn, in enum Column order */
  gboolean          only;          /* the table's rows are codes alone */
  gboolean          stale;
  gboolean          busy;
  gboolean          filling;       /* the pickers are being refilled */
};

G_DEFINE_FINAL_TYPE (CbAgreementView, cb_agreement_view, GTK_TYPE_WIDGET)

typedef enum
{
  COLUMN_CODE,
  COLUMN_DOCUMENT,
  COLUMN_AGREEMENT,
  COLUMN_KAPPA,
  COLUMN_ALPHA,
  COLUMN_BOTH,
  COLUMN_A_ONLY,
  COLUMN_B_ONLY,
  COLUMN_NEITHER,
  COLUMN_MATCHED,
  COLUMN_A_UNMATCHED,
  COLUMN_B_UNMATCHED,
  COLUMN_UNITS,
  N_COLUMNS
} Column;

static const char *
column_title (Column column)
{
  switch (column)
    {
    case COLUMN_CODE: return _("Code");
    case COLUMN_DOCUMENT: return _("Document");
    case COLUMN_AGREEMENT: return _("Agreement %");
    case COLUMN_KAPPA: return _("Kappa");
    case COLUMN_ALPHA: return _("Alpha");
    case COLUMN_BOTH: return _("Both");
    case COLUMN_A_ONLY: return _("A Only");
    case COLUMN_B_ONLY: return _("B Only");
    case COLUMN_NEITHER: return _("Neither");
    case COLUMN_MATCHED: return _("Matched");
    case COLUMN_A_UNMATCHED: return _("A Unmatched");
    case COLUMN_B_UNMATCHED: return _("B Unmatched");
    case COLUMN_UNITS: return _("Characters");
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static CbAgreementRow *
row_at (CbAgreementView *self,
        GtkListItem     *item)
{
  GtkStringObject *object = gtk_list_item_get_item (item);
  guint64 index;

  if (object == NULL || self->table == NULL)
    return NULL;
  index = g_ascii_strtoull (gtk_string_object_get_string (object), NULL, 10);
  return index < self->table->rows->len ? self->table->rows->pdata[index] : NULL;
}

static char *
format_figure (double value,
               int    digits)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", digits, value);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column <= COLUMN_DOCUMENT ? 0.0 : 1.0);
  if (column <= COLUMN_DOCUMENT)
    {
      /* room for a code path's last part or a document's name: an
       * ellipsized label asks for no width, and the figures took it all */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_START);
      gtk_label_set_width_chars (GTK_LABEL (label), column == COLUMN_CODE ? 24 : 16);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           CbAgreementView          *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  CbAgreementRow *row = row_at (self, item);
  g_autofree char *text = NULL;

  if (row == NULL)
    {
      gtk_label_set_text (label, "");
      return;
    }
  switch (column)
    {
    case COLUMN_CODE: text = g_strdup (row->code != NULL ? row->code : _("(all codes)")); break;
    case COLUMN_DOCUMENT: text = g_strdup (row->document != NULL ? row->document : _("(all documents)")); break;
    case COLUMN_AGREEMENT: text = format_figure (row->agreement, 2); break;
    case COLUMN_KAPPA: text = format_figure (row->kappa, 4); break;
    case COLUMN_ALPHA: text = format_figure (row->alpha, 4); break;
    case COLUMN_BOTH: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->both); break;
    case COLUMN_A_ONLY: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->a_only); break;
    case COLUMN_B_ONLY: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->b_only); break;
    case COLUMN_NEITHER: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->neither); break;
    case COLUMN_MATCHED: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->matched); break;
    case COLUMN_A_UNMATCHED: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->a_unmatched); break;
    case COLUMN_B_UNMATCHED: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->b_unmatched); break;
    case COLUMN_UNITS: text = g_strdup_printf ("%" G_GINT64_FORMAT, row->units); break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
  /* pooled rows stand out */
  if (row->code == NULL || row->document == NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), "heading");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "heading");
}

static void
show_columns (CbAgreementView *self)
{
  gboolean alpha = self->table != NULL && self->table->alpha;
  gboolean segments = self->table != NULL && self->table->unit == CB_AGREEMENT_UNIT_SEGMENT;

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      gboolean visible;

      switch ((Column) c)
        {
        case COLUMN_KAPPA: visible = !alpha; break;
        case COLUMN_ALPHA: case COLUMN_UNITS: visible = alpha; break;
        case COLUMN_BOTH: case COLUMN_A_ONLY: case COLUMN_B_ONLY: case COLUMN_NEITHER:
          visible = !alpha && !segments; break;
        case COLUMN_MATCHED: case COLUMN_A_UNMATCHED: case COLUMN_B_UNMATCHED:
          visible = !alpha && segments; break;
        default: visible = TRUE; break;
        }
      gtk_column_view_column_set_visible (self->columns->pdata[c], visible);
    }
}

/* The comparison's tags, made once. */
static void
ensure_tags (CbAgreementView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->compare_text);
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);

  if (gtk_text_tag_table_lookup (table, "agreement-both") != NULL)
    return;
  gtk_text_buffer_create_tag (buffer, "agreement-both", "background", "#c8e6c9", NULL);
  gtk_text_buffer_create_tag (buffer, "agreement-a-only", "background", "#bbdefb",
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
  gtk_text_buffer_create_tag (buffer, "agreement-b-only", "background", "#ffe0b2",
                              "underline", PANGO_UNDERLINE_ERROR, NULL);
}

static const char *
selected_string (GtkDropDown *dropdown)
{
  GtkStringObject *object = gtk_drop_down_get_selected_item (dropdown);

  return object != NULL ? gtk_string_object_get_string (object) : NULL;
}

static void
clear_comparison (CbAgreementView *self,
                  const char      *title)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->compare_text), "", 0);
  gtk_label_set_text (self->compare_title, title);
  gtk_label_set_text (self->legend, "");
}

/* The document of @row with both coders' spans of its code. */
static void
show_comparison (CbAgreementView *self,
                 CbAgreementRow  *row)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->compare_text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) stretches = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *legend = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize length;
  gint64 first = -1;

  if (row == NULL || row->code == NULL || row->document == NULL || self->table->alpha ||
      self->table->coders[0] == NULL || self->table->coders[1] == NULL)
    {
      clear_comparison (self, self->table != NULL && self->table->alpha
                                ? _("Compare two coders to see their spans.")
                                : _("Select a code and a document to see both coders’ spans."));
      return;
    }
  if (!(text = cb_project_dup_document_text (self->project, row->document_id, &length, &error)) ||
      !(stretches = cb_project_agreement_stretches (self->project, self->table->coders[0],
                                                    self->table->coders[1], row->code, self->only,
                                                    row->document_id, &error)))
    {
      clear_comparison (self, error->message);
      return;
    }
  ensure_tags (self);
  gtk_text_buffer_set_text (buffer, text, (int) length);
  for (guint i = 0; i < stretches->len; i++)
    {
      CbAgreementStretch *s = &g_array_index (stretches, CbAgreementStretch, i);
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) s->start);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) s->end);
      gtk_text_buffer_apply_tag_by_name (buffer, s->a && s->b ? "agreement-both"
                                                 : s->a ? "agreement-a-only" : "agreement-b-only",
                                         &start, &end);
      if (first < 0 && !(s->a && s->b))
        first = s->start;
    }
  /* TRANSLATORS: the code, then the document */
  title = g_strdup_printf (_("%s in %s"), row->code, row->document);
  gtk_label_set_text (self->compare_title, title);
  /* TRANSLATORS: in the legend; %s is a coder's name */
  a = g_markup_printf_escaped (_("%s only"), self->table->coders[0]);
  b = g_markup_printf_escaped (_("%s only"), self->table->coders[1]);
  legend = g_strdup_printf ("<span background=\"#bbdefb\"> %s </span>  <span background=\"#ffe0b2\"> %s </span>  "
                            "<span background=\"#c8e6c9\"> %s </span>  %s",
                            a, b, _("both"), _("Underlined: coded by one coder alone"));
  gtk_label_set_markup (self->legend, legend);
  if (first >= 0)
    {
      GtkTextIter iter;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) first);
      gtk_text_view_scroll_to_iter (self->compare_text, &iter, 0.1, TRUE, 0.0, 0.3);
    }
}

static void
on_selection_changed (CbAgreementView *self)
{
  GtkStringObject *object = gtk_single_selection_get_selected_item (self->selection);
  guint64 index;

  if (object == NULL || self->table == NULL)
    return;
  index = g_ascii_strtoull (gtk_string_object_get_string (object), NULL, 10);
  if (index < self->table->rows->len)
    show_comparison (self, self->table->rows->pdata[index]);
}

/* Refills @list with @strings, keeping the selected string of @dropdown
 * when it is still there (else @fallback). */
static void
refill (CbAgreementView *self,
        GtkDropDown     *dropdown,
        GtkStringList   *list,
        GPtrArray       *strings,
        guint            fallback)
{
  g_autofree char *kept = g_strdup (selected_string (dropdown));
  guint selected = fallback;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  g_ptr_array_add (strings, NULL);
  gtk_string_list_splice (list, 0, n, (const char * const *) strings->pdata);
  for (guint i = 0; kept != NULL && strings->pdata[i] != NULL; i++)
    if (g_str_equal (strings->pdata[i], kept))
      selected = i;
  if (selected >= strings->len - 1)
    selected = strings->len > 1 ? 0 : GTK_INVALID_LIST_POSITION;
  gtk_drop_down_set_selected (dropdown, selected);
}

static void
reload_choices (CbAgreementView *self)
{
  g_autoptr(GPtrArray) coders = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();

  if (!(coders = cb_project_list_coder_summaries (self->project, NULL)) ||
      !(codes = cb_project_list_codes (self->project, NULL)) ||
      !(documents = cb_project_list_documents (self->project, NULL)))
    return;
  for (guint i = 0; i < coders->len; i++)
    if (((CbCoderSummary *) coders->pdata[i])->n_codings > 0)
      g_ptr_array_add (names, ((CbCoderSummary *) coders->pdata[i])->name);
  g_ptr_array_add (paths, _("Every Code"));
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (paths, ((CbCodeInfo *) codes->pdata[i])->path);
  g_ptr_array_add (docs, _("Documents Both Coded"));
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (docs, ((CbDocumentInfo *) documents->pdata[i])->name);

  self->filling = TRUE;
  refill (self, self->code_dropdown, self->codes, paths, 0);
  refill (self, self->document_dropdown, self->documents, docs, 0);
  /* the coder pickers share one list: B defaults to the second coder */
  {
    g_autofree char *a = g_strdup (selected_string (self->coder_a_dropdown));
    g_autofree char *b = g_strdup (selected_string (self->coder_b_dropdown));
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->coders));
    guint sa = 0, sb = names->len > 1 ? 1 : 0;

    g_ptr_array_add (names, NULL);
    gtk_string_list_splice (self->coders, 0, n, (const char * const *) names->pdata);
    for (guint i = 0; names->pdata[i] != NULL; i++)
      {
        if (g_strcmp0 (names->pdata[i], a) == 0)
          sa = i;
        if (g_strcmp0 (names->pdata[i], b) == 0)
          sb = i;
      }
    gtk_drop_down_set_selected (self->coder_a_dropdown, names->len > 1 ? sa : GTK_INVALID_LIST_POSITION);
    gtk_drop_down_set_selected (self->coder_b_dropdown, names->len > 1 ? sb : GTK_INVALID_LIST_POSITION);
  }
  self->filling = FALSE;
}

static void
compute_table (CbAgreementView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) indices = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  const char *a = selected_string (self->coder_a_dropdown);
  const char *b = selected_string (self->coder_b_dropdown);
  const char *coders[] = { a, b, NULL };
  const char *codes[] = { NULL, NULL };
  const char *documents[] = { NULL, NULL };
  gboolean alpha = gtk_check_button_get_active (self->alpha_check);
  CbAgreementQuery query = { 0 };
  guint n_coders = g_list_model_get_n_items (G_LIST_MODEL (self->coders));

  g_clear_pointer (&self->table, cb_agreement_table_free);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), NULL);
  clear_comparison (self, _("Select a code and a document to see both coders’ spans."));

  if (n_coders < 2 || (!alpha && (a == NULL || b == NULL || g_str_equal (a, b))))
    {
      adw_status_page_set_description (self->status_page,
                                       n_coders < 2
                                         ? _("Agreement compares the codings of two coders (or more, with α) on the same documents.")
                                         : _("Pick two different coders."));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (alpha)
    {
      for (guint i = 0; i < n_coders; i++)
        g_ptr_array_add (all, (gpointer) gtk_string_list_get_string (self->coders, i));
      g_ptr_array_add (all, NULL);
      query.coders = (const char * const *) all->pdata;
    }
  else
    query.coders = coders;
  query.alpha = alpha;
  query.unit = !alpha && gtk_drop_down_get_selected (self->unit_dropdown) == 1
                 ? CB_AGREEMENT_UNIT_SEGMENT : CB_AGREEMENT_UNIT_CHARACTER;
  query.by_document = TRUE;
  if (gtk_drop_down_get_selected (self->code_dropdown) > 0)
    {
      codes[0] = selected_string (self->code_dropdown);
      query.codes = codes;
    }
  self->only = query.codes == NULL;
  if (gtk_drop_down_get_selected (self->document_dropdown) > 0)
    {
      documents[0] = selected_string (self->document_dropdown);
      query.documents = documents;
    }

  if (!(self->table = cb_project_agreement (self->project, &query, NULL, &error)))
    {
      adw_status_page_set_description (self->status_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  for (guint i = 0; i < self->table->rows->len; i++)
    g_ptr_array_add (indices, g_strdup_printf ("%u", i));
  g_ptr_array_add (indices, NULL);
  gtk_string_list_splice (self->rows, 0, 0, (const char * const *) indices->pdata);
  show_columns (self);
  gtk_stack_set_visible_child_name (self->stack, "table");
  /* nothing selected until the user picks a row */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
compute (CbAgreementView *self)
{
  compute_table (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.export", self->table != NULL);
}

void
cb_agreement_view_refresh (CbAgreementView *self)
{
  g_return_if_fail (CB_IS_AGREEMENT_VIEW (self));

  if (self->project == NULL || self->busy)
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  reload_choices (self);
  compute (self);
}

static void
on_option_changed (CbAgreementView *self)
{
  if (self->filling || self->project == NULL || self->busy)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->coder_a_dropdown), !gtk_check_button_get_active (self->alpha_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->coder_b_dropdown), !gtk_check_button_get_active (self->alpha_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), !gtk_check_button_get_active (self->alpha_check));
  compute (self);
}

void
cb_agreement_view_invalidate (CbAgreementView *self)
{
  g_return_if_fail (CB_IS_AGREEMENT_VIEW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    cb_agreement_view_refresh (self);
  else
    self->stale = TRUE;
}

void
cb_agreement_view_set_busy (CbAgreementView *self,
                            gboolean         busy)
{
  g_return_if_fail (CB_IS_AGREEMENT_VIEW (self));

  self->busy = busy;
  if (!busy && self->stale && gtk_widget_get_mapped (GTK_WIDGET (self)))
    cb_agreement_view_refresh (self);
}

void
cb_agreement_view_set_project (CbAgreementView *self,
                               CbProject       *project)
{
  g_return_if_fail (CB_IS_AGREEMENT_VIEW (self));

  if (!g_set_object (&self->project, project))
    return;
  g_clear_pointer (&self->table, cb_agreement_table_free);
  self->filling = TRUE;
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), NULL);
  gtk_string_list_splice (self->coders, 0, g_list_model_get_n_items (G_LIST_MODEL (self->coders)), NULL);
  self->filling = FALSE;
  cb_agreement_view_invalidate (self);
}

gboolean
cb_agreement_view_set_coders (CbAgreementView *self,
                              const char      *a,
                              const char      *b)
{
  guint n, ia = G_MAXUINT, ib = G_MAXUINT;

  g_return_val_if_fail (CB_IS_AGREEMENT_VIEW (self), FALSE);

  if (self->stale)
    cb_agreement_view_refresh (self);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->coders));
  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (gtk_string_list_get_string (self->coders, i), a) == 0)
        ia = i;
      if (g_strcmp0 (gtk_string_list_get_string (self->coders, i), b) == 0)
        ib = i;
    }
  if (ia == G_MAXUINT || ib == G_MAXUINT)
    return FALSE;
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->coder_a_dropdown, ia);
  self->filling = FALSE;
  gtk_drop_down_set_selected (self->coder_b_dropdown, ib);
  on_option_changed (self);
  return TRUE;
}

void
cb_agreement_view_set_alpha (CbAgreementView *self,
                             gboolean         alpha)
{
  g_return_if_fail (CB_IS_AGREEMENT_VIEW (self));

  gtk_check_button_set_active (self->alpha_check, alpha);
}

void
cb_agreement_view_set_unit (CbAgreementView *self,
                            CbAgreementUnit  unit)
{
  g_return_if_fail (CB_IS_AGREEMENT_VIEW (self));

  gtk_drop_down_set_selected (self->unit_dropdown, unit == CB_AGREEMENT_UNIT_SEGMENT ? 1 : 0);
}

const CbAgreementTable *
cb_agreement_view_get_table (CbAgreementView *self)
{
  g_return_val_if_fail (CB_IS_AGREEMENT_VIEW (self), NULL);

  return self->table;
}

GtkColumnView *
cb_agreement_view_get_column_view (CbAgreementView *self)
{
  g_return_val_if_fail (CB_IS_AGREEMENT_VIEW (self), NULL);

  return self->column_view;
}

gboolean
cb_agreement_view_select_row (CbAgreementView *self,
                              const char      *code_path,
                              const char      *document_name)
{
  g_return_val_if_fail (CB_IS_AGREEMENT_VIEW (self), FALSE);

  for (guint i = 0; self->table != NULL && i < self->table->rows->len; i++)
    {
      CbAgreementRow *row = self->table->rows->pdata[i];

      if (g_strcmp0 (row->code, code_path) == 0 && g_strcmp0 (row->document, document_name) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

GtkTextBuffer *
cb_agreement_view_get_compare_buffer (CbAgreementView *self)
{
  g_return_val_if_fail (CB_IS_AGREEMENT_VIEW (self), NULL);

  return gtk_text_view_get_buffer (self->compare_text);
}

gboolean
cb_agreement_view_export (CbAgreementView    *self,
                          GFile              *file,
                          CbAgreementFormat   format,
                          GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CB_IS_AGREEMENT_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->table == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("There is no agreement table to export: choose two coders first"));
      return FALSE;
    }
  bytes = cb_agreement_table_write (self->table, format);
  return cb_export_write_file (bytes, file, error);
}

static gboolean
write_export (GtkWidget  *widget,
              GFile      *file,
              gpointer    data,
              GError    **error)
{
  return cb_agreement_view_export (CB_AGREEMENT_VIEW (widget), file, GPOINTER_TO_INT (data), error);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CbAgreementView *self = CB_AGREEMENT_VIEW (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  CbAgreementFormat format;
  g_autofree char *name = NULL;

  if (self->table == NULL || !cb_agreement_parse_format (extension, &format))
    return;
  /* "agreement-anna-bram.csv", or "agreement-alpha.csv" over every coder */
  if (self->table->alpha || self->table->coders[0] == NULL || self->table->coders[1] == NULL)
    name = g_strdup_printf ("agreement-alpha.%s", extension);
  else
    name = g_strdup_printf ("agreement-%s-%s.%s", self->table->coders[0], self->table->coders[1], extension);
  g_strdelimit (name, "/\\", '-');
  cb_choose_file_to_save (widget, _("Export Agreement"), name, write_export, GINT_TO_POINTER (format), NULL);
}

GtkWidget *
cb_agreement_view_new (void)
{
  return g_object_new (CB_TYPE_AGREEMENT_VIEW, NULL);
}

static void
cb_agreement_view_map (GtkWidget *widget)
{
  CbAgreementView *self = CB_AGREEMENT_VIEW (widget);

  GTK_WIDGET_CLASS (cb_agreement_view_parent_class)->map (widget);
  if (self->stale)
    cb_agreement_view_refresh (self);
}

static void
cb_agreement_view_dispose (GObject *object)
{
  CbAgreementView *self = CB_AGREEMENT_VIEW (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_AGREEMENT_VIEW);
  /* the template's unnamed children too */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->coders);
  g_clear_object (&self->codes);
  g_clear_object (&self->documents);
  g_clear_pointer (&self->columns, g_ptr_array_unref);

  G_OBJECT_CLASS (cb_agreement_view_parent_class)->dispose (object);
}

static void
cb_agreement_view_finalize (GObject *object)
{
  CbAgreementView *self = CB_AGREEMENT_VIEW (object);

  g_clear_pointer (&self->table, cb_agreement_table_free);

  G_OBJECT_CLASS (cb_agreement_view_parent_class)->finalize (object);
}

static void
cb_agreement_view_class_init (CbAgreementViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cb_agreement_view_dispose;
  object_class->finalize = cb_agreement_view_finalize;
  widget_class->map = cb_agreement_view_map;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/codeboom/Codeboom/ui/cb-agreement-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, box);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, coder_a_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, coder_b_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, alpha_check);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, code_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, document_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, stack);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, status_page);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, compare_title);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, legend);
  gtk_widget_class_bind_template_child (widget_class, CbAgreementView, compare_text);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed);
  gtk_widget_class_install_action (widget_class, "agreement.export", "s", export_action);
}

static void
cb_agreement_view_init (CbAgreementView *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  self->coders = gtk_string_list_new (NULL);
  self->codes = gtk_string_list_new (NULL);
  self->documents = gtk_string_list_new (NULL);
  self->rows = gtk_string_list_new (NULL);
  self->stale = TRUE;
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drop_down_set_model (self->coder_a_dropdown, G_LIST_MODEL (self->coders));
  gtk_drop_down_set_model (self->coder_b_dropdown, G_LIST_MODEL (self->coders));
  gtk_drop_down_set_model (self->code_dropdown, G_LIST_MODEL (self->codes));
  gtk_drop_down_set_model (self->document_dropdown, G_LIST_MODEL (self->documents));
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->code_dropdown, expression);
  gtk_drop_down_set_expression (self->document_dropdown, expression);

  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  self->columns = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (c));
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
      column = gtk_column_view_column_new (column_title (c), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (c == COLUMN_CODE)
        gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      g_ptr_array_add (self->columns, column);
    }
  show_columns (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "agreement.export", FALSE);
  self->filling = FALSE;
}
