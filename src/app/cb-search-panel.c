/* cb-search-panel.c: the search bar: this document or all documents
 *
 * The entry, the previous/next buttons, the "All Documents" toggle, the
 * number of hits and "Code All Hits" (win.code-hits).  The options
 * popover holds the matching toggles (case, accents, whole words, regular
 * expression, exact typography), the scopes (a code, a speaker), how far
 * Code All Hits widens each hit, and the project's saved searches: one
 * click runs one again, and the current search can be saved by name.  The panel runs the
 * search and keeps the hits; the window shows them, as highlights in the
 * transcript or as a list of results, on ::results-changed.  In one
 * document it reads every hit (cb_search_find).  In all documents it
 * counts them (cb_search_count) and reads only the first documents' hits
 * (cb_search_find_page, a page of at least PAGE_HITS): the results list
 * asks for the next page as it shows more (cb_search_panel_read_more), and
 * Code All Hits reads the rest first (cb_search_panel_get_all_hits).  With
 * a case filter the count needs every hit filtered, so they are read at
 * once as before.  Enter and the arrows emit ::activate,
 * ::next-match and ::previous-match.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cb-search.h"
#include "cb-search-panel.h"

/* Hits read at a time in all documents (whole documents: a page ends with
 * the document that brings it to this many). */
#define PAGE_HITS 500

struct _CbSearchPanel
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkSearchBar    *search_bar;
  GtkSearchEntry  *entry;
  GtkToggleButton *project_toggle;
  GtkLabel        *count;
  GtkCheckButton  *match_case;
  GtkCheckButton  *match_accents;
  GtkCheckButton  *whole_word;
  GtkCheckButton  *regex;
  GtkCheckButton  *exact;
  GtkEntry        *within_entry;
  GtkEntry        *speaker_entry;
  GtkDropDown     *extend_dropdown;
  GtkListBox      *saved_list;
  GtkEntry        *save_name;

  /* Owned */
  CbProject       *project;
  char            *document;
  GPtrArray       *hits;        /* of CbSearchHit: all, or the pages read */
  gint64           n_hits;      /* all the hits, counted */
  char            *next_document;  /* where the next page starts; NULL: all read */
  char            *paged_term;  /* the search the pages are of: the term, */
  CbSearchOptions  paged_options;  /* its options (the strings below) */
  char            *paged_within;
  char            *paged_speaker;
  gboolean         busy;
  gboolean         busy_setting;  /* several options being set: search once after */
  CbCaseFilter    *case_filter; /* hits only in passing cases' coverage, or NULL */
};

G_DEFINE_FINAL_TYPE (CbSearchPanel, cb_search_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RESULTS_CHANGED,
  ACTIVATE,
  NEXT_MATCH,
  PREVIOUS_MATCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A scope entry's name, or NULL when it is empty. */
static const char *
scope_name (GtkEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  return text[0] != '\0' ? text : NULL;
}

CbSearchFlags
cb_search_panel_get_flags (CbSearchPanel *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), 0);

  return (gtk_check_button_get_active (self->match_case) ? CB_SEARCH_MATCH_CASE : 0) |
         (gtk_check_button_get_active (self->match_accents) ? CB_SEARCH_MATCH_ACCENTS : 0) |
         (gtk_check_button_get_active (self->whole_word) ? CB_SEARCH_WHOLE_WORD : 0) |
         (gtk_check_button_get_active (self->regex) ? CB_SEARCH_REGEX : 0) |
         (gtk_check_button_get_active (self->exact) ? CB_SEARCH_EXACT : 0);
}

void
cb_search_panel_set_flags (CbSearchPanel *self,
                           CbSearchFlags  flags)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  gtk_check_button_set_active (self->match_case, (flags & CB_SEARCH_MATCH_CASE) != 0);
  gtk_check_button_set_active (self->match_accents, (flags & CB_SEARCH_MATCH_ACCENTS) != 0);
  gtk_check_button_set_active (self->whole_word, (flags & CB_SEARCH_WHOLE_WORD) != 0);
  gtk_check_button_set_active (self->regex, (flags & CB_SEARCH_REGEX) != 0);
  gtk_check_button_set_active (self->exact, (flags & CB_SEARCH_EXACT) != 0);
}

void
cb_search_panel_set_scopes (CbSearchPanel *self,
                            const char    *within_code,
                            const char    *speaker)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->within_entry), within_code != NULL ? within_code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->speaker_entry), speaker != NULL ? speaker : "");
}

CbSearchExtend
cb_search_panel_get_extend (CbSearchPanel *self)
{
  static const CbSearchExtend extends[] = {
    CB_SEARCH_EXTEND_HIT, CB_SEARCH_EXTEND_SENTENCE, CB_SEARCH_EXTEND_PARAGRAPH, CB_SEARCH_EXTEND_TURN,
  };
  guint selected;

  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), CB_SEARCH_EXTEND_HIT);

  selected = gtk_drop_down_get_selected (self->extend_dropdown);
  return selected < G_N_ELEMENTS (extends) ? extends[selected] : CB_SEARCH_EXTEND_HIT;
}

void
cb_search_panel_set_extend (CbSearchPanel  *self,
                            CbSearchExtend  extend)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));
  gtk_drop_down_set_selected (self->extend_dropdown, extend);
}

static void
show_error (CbSearchPanel *self,
            const GError  *error)
{
  gtk_label_set_text (self->count, error->message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count), error->message);
}

/* The saved searches, one row each (its name; the query as tooltip). */
static void
refresh_saved (CbSearchPanel *self)
{
  g_autoptr(GPtrArray) searches = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list))) != NULL)
    gtk_list_box_remove (self->saved_list, child);
  if (self->project == NULL)
    return;

  searches = cb_project_list_searches (self->project, NULL);
  if (searches == NULL || searches->len == 0)
    {
      GtkWidget *none = gtk_label_new (_("None yet"));

      gtk_widget_add_css_class (none, "dim-label");
      gtk_list_box_set_placeholder (self->saved_list, none);
      return;
    }
  for (guint i = 0; i < searches->len; i++)
    {
      CbSavedSearch *search = searches->pdata[i];
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (search->name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 8);
      gtk_widget_set_margin_end (label, 8);
      gtk_widget_set_tooltip_text (row, search->query);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "cb-saved-search", g_strdup (search->name), g_free);
      gtk_list_box_append (self->saved_list, row);
    }
}

guint
cb_search_panel_get_n_saved (CbSearchPanel *self)
{
  guint n = 0;

  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->saved_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row) && g_object_get_data (G_OBJECT (row), "cb-saved-search") != NULL;
  return n;
}

gboolean
cb_search_panel_save_search (CbSearchPanel  *self,
                             const char     *name,
                             GError        **error)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;

  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->project == NULL)
    return FALSE;
  options.flags = cb_search_panel_get_flags (self);
  options.within_code = scope_name (self->within_entry);
  options.speaker = scope_name (self->speaker_entry);
  if (!gtk_toggle_button_get_active (self->project_toggle))
    options.document = self->document;
  if (!cb_project_save_search (self->project, name,
                               gtk_editable_get_text (GTK_EDITABLE (self->entry)), &options, error))
    return FALSE;
  refresh_saved (self);
  return TRUE;
}

gboolean
cb_search_panel_run_saved (CbSearchPanel  *self,
                           const char     *name,
                           GError        **error)
{
  g_autoptr(CbSavedSearch) search = NULL;

  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), FALSE);

  if (self->project == NULL)
    return FALSE;
  search = cb_project_lookup_search (self->project, name, error);
  if (search == NULL)
    return FALSE;

  /* set everything first, then search once */
  self->busy_setting = TRUE;
  cb_search_panel_set_flags (self, search->flags);
  cb_search_panel_set_scopes (self, search->within_code, search->speaker);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), search->query);
  /* a search saved for one document runs in that one when it is open */
  gtk_toggle_button_set_active (self->project_toggle,
                                search->document == NULL || g_strcmp0 (search->document, self->document) != 0);
  self->busy_setting = FALSE;
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  cb_search_panel_search (self);
  return TRUE;
}

static void
on_saved_activated (CbSearchPanel *self,
                    GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "cb-saved-search");
  g_autoptr(GError) error = NULL;

  if (name != NULL && !cb_search_panel_run_saved (self, name, &error) && error != NULL)
    show_error (self, error);
}

static void
on_save_clicked (CbSearchPanel *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->save_name));
  g_autoptr(GError) error = NULL;

  /* unnamed: the term is the name */
  if (name[0] == '\0')
    name = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (!cb_search_panel_save_search (self, name, &error))
    {
      if (error != NULL)
        show_error (self, error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->save_name), "");
}

static void
on_options_shown (CbSearchPanel *self)
{
  refresh_saved (self);
}

static void
clear_hits (CbSearchPanel *self)
{
  g_clear_pointer (&self->hits, g_ptr_array_unref);
  self->n_hits = 0;
  g_clear_pointer (&self->next_document, g_free);
  g_clear_pointer (&self->paged_term, g_free);
  g_clear_pointer (&self->paged_within, g_free);
  g_clear_pointer (&self->paged_speaker, g_free);
}

gboolean
cb_search_panel_read_more (CbSearchPanel  *self,
                           GError        **error)
{
  g_autoptr(GPtrArray) page = NULL;
  char *next = NULL;

  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), FALSE);

  if (self->hits == NULL || self->next_document == NULL || self->project == NULL || self->busy)
    return FALSE;
  page = cb_search_find_page (self->project, self->paged_term, &self->paged_options,
                              self->next_document, PAGE_HITS, &next, NULL, error);
  if (page == NULL)
    return FALSE;
  g_free (self->next_document);
  self->next_document = next;
  g_ptr_array_extend_and_steal (self->hits, g_steal_pointer (&page));
  /* every hit counted is read: no page to look for after the last */
  if ((gint64) self->hits->len >= self->n_hits)
    g_clear_pointer (&self->next_document, g_free);
  return TRUE;
}

gboolean
cb_search_panel_has_more (CbSearchPanel *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), FALSE);
  return self->hits != NULL && self->next_document != NULL;
}

gint64
cb_search_panel_get_n_hits (CbSearchPanel *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), 0);
  return self->hits != NULL ? self->n_hits : 0;
}

GPtrArray *
cb_search_panel_get_all_hits (CbSearchPanel  *self,
                              GError        **error)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), NULL);

  while (cb_search_panel_has_more (self))
    if (!cb_search_panel_read_more (self, error))
      return NULL;
  return self->hits;
}

void
cb_search_panel_search (CbSearchPanel *self)
{
  CbSearchOptions options = CB_SEARCH_OPTIONS_INIT;
  const char *term;
  gboolean whole_project;
  g_autoptr(GError) error = NULL;
  g_autofree char *count = NULL;

  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  if (self->busy || self->busy_setting)
    return;   /* searched again when the job is done, or the options are set */

  term = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  whole_project = gtk_toggle_button_get_active (self->project_toggle);
  clear_hits (self);
  g_object_set (self->entry, "placeholder-text",
                whole_project ? _("Search all documents") : _("Search this document"),
                NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count), NULL);

  /* A closed bar finds nothing: the window then shows no hits. */
  if (self->project == NULL || term[0] == '\0' ||
      !gtk_search_bar_get_search_mode (self->search_bar) ||
      (!whole_project && self->document == NULL))
    {
      gtk_label_set_text (self->count, "");
      g_signal_emit (self, signals[RESULTS_CHANGED], 0);
      return;
    }

  if (!whole_project)
    options.document = self->document;
  else
    options.context = 48;
  options.flags = cb_search_panel_get_flags (self);
  options.within_code = scope_name (self->within_entry);
  options.speaker = scope_name (self->speaker_entry);

  if (whole_project && self->case_filter == NULL)
    {
      /* the count, and the first documents' hits; the rest as the list asks */
      self->n_hits = cb_search_count (self->project, term, &options, NULL, &error);
      if (self->n_hits >= 0)
        self->hits = cb_search_find_page (self->project, term, &options, NULL, PAGE_HITS,
                                          &self->next_document, NULL, &error);
      if (self->hits != NULL && (gint64) self->hits->len >= self->n_hits)
        g_clear_pointer (&self->next_document, g_free);
      if (self->hits != NULL && self->next_document != NULL)
        {
          self->paged_term = g_strdup (term);
          self->paged_within = g_strdup (options.within_code);
          self->paged_speaker = g_strdup (options.speaker);
          self->paged_options = options;
          self->paged_options.within_code = self->paged_within;
          self->paged_options.speaker = self->paged_speaker;
        }
    }
  else
    self->hits = cb_search_find (self->project, term, &options, NULL, &error);
  if (self->hits != NULL && self->next_document == NULL)
    self->n_hits = self->hits->len;   /* all read: no doubt about the count */
  if (self->hits != NULL && self->case_filter != NULL)
    {
      static const CbSpanRef hit_ref = {
        G_STRUCT_OFFSET (CbSearchHit, document_id),
        G_STRUCT_OFFSET (CbSearchHit, start),
        G_STRUCT_OFFSET (CbSearchHit, end),
      };

      if (!cb_project_filter_spans (self->project, self->case_filter, self->hits, &hit_ref, &error))
        clear_hits (self);
    }
  if (self->hits == NULL)
    {
      clear_hits (self);
      gtk_label_set_text (self->count, error->message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->count), error->message);
      g_signal_emit (self, signals[RESULTS_CHANGED], 0);
      return;
    }

  if (self->case_filter != NULL)
    self->n_hits = self->hits->len;
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hit", "%u hits", (guint) self->n_hits),
                           (guint) self->n_hits);
  if (self->case_filter != NULL)
    {
      /* Translators: the search bar's count when the case filter applies */
      g_autofree char *filtered = g_strdup_printf (_("%s (filtered)"), count);

      g_free (count);
      count = g_steal_pointer (&filtered);
    }
  gtk_label_set_text (self->count, count);
  g_signal_emit (self, signals[RESULTS_CHANGED], 0);
}

void
cb_search_panel_set_case_filter (CbSearchPanel      *self,
                                 const char * const *expressions)
{
  g_autoptr(CbCaseFilter) filter = NULL;

  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  /* a bad condition is shown by the quotes pane, which has the same */
  if (expressions != NULL)
    filter = cb_case_filter_new (expressions, NULL);
  if (filter == NULL && self->case_filter == NULL)
    return;
  g_clear_pointer (&self->case_filter, cb_case_filter_free);
  self->case_filter = g_steal_pointer (&filter);
  cb_search_panel_search (self);
}

void
cb_search_panel_set_project (CbSearchPanel *self,
                             CbProject     *project)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  g_set_object (&self->project, project);
  g_clear_pointer (&self->document, g_free);
  clear_hits (self);
  cb_search_panel_set_search_mode (self, FALSE);
  refresh_saved (self);
}

void
cb_search_panel_set_document (CbSearchPanel *self,
                              const char    *name)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  if (g_strcmp0 (self->document, name) == 0)
    return;
  g_free (self->document);
  self->document = g_strdup (name);
}

void
cb_search_panel_open (CbSearchPanel *self,
                      gboolean       whole_project)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));

  gtk_toggle_button_set_active (self->project_toggle, whole_project);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  cb_search_panel_search (self);
}

gboolean
cb_search_panel_get_search_mode (CbSearchPanel *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), FALSE);
  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
cb_search_panel_set_search_mode (CbSearchPanel *self,
                                 gboolean       search_mode)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

gboolean
cb_search_panel_get_whole_project (CbSearchPanel *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), FALSE);
  return gtk_toggle_button_get_active (self->project_toggle);
}

void
cb_search_panel_set_text (CbSearchPanel *self,
                          const char    *text)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

GPtrArray *
cb_search_panel_get_hits (CbSearchPanel *self)
{
  g_return_val_if_fail (CB_IS_SEARCH_PANEL (self), NULL);
  return self->hits;
}

void
cb_search_panel_set_busy (CbSearchPanel *self,
                          gboolean       busy)
{
  g_return_if_fail (CB_IS_SEARCH_PANEL (self));
  self->busy = !!busy;
}

static void
on_search_changed (CbSearchPanel *self)
{
  cb_search_panel_search (self);
}

static void
on_entry_activate (CbSearchPanel *self)
{
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static void
on_next_match (CbSearchPanel *self)
{
  g_signal_emit (self, signals[NEXT_MATCH], 0);
}

static void
on_previous_match (CbSearchPanel *self)
{
  g_signal_emit (self, signals[PREVIOUS_MATCH], 0);
}

/* Closing the bar forgets the hits. */
static void
on_search_mode_changed (CbSearchPanel *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    {
      g_signal_handlers_block_by_func (self->project_toggle, on_search_changed, self);
      gtk_toggle_button_set_active (self->project_toggle, FALSE);
      g_signal_handlers_unblock_by_func (self->project_toggle, on_search_changed, self);
      cb_search_panel_search (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
cb_search_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CbSearchPanel *self = CB_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, cb_search_panel_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_search_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CbSearchPanel *self = CB_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      cb_search_panel_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cb_search_panel_dispose (GObject *object)
{
  CbSearchPanel *self = CB_SEARCH_PANEL (object);

  if (self->search_bar != NULL)
    g_signal_handlers_disconnect_by_data (self->search_bar, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CB_TYPE_SEARCH_PANEL);
  /* The template's unnamed children too. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_first_child (GTK_WIDGET (self)))
    gtk_widget_unparent (child);
  g_clear_object (&self->project);
  g_clear_pointer (&self->document, g_free);
  clear_hits (self);
  g_clear_pointer (&self->case_filter, cb_case_filter_free);

  G_OBJECT_CLASS (cb_search_panel_parent_class)->dispose (object);
}

static void
cb_search_panel_class_init (CbSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cb_search_panel_get_property;
  object_class->set_property = cb_search_panel_set_property;
  object_class->dispose = cb_search_panel_dispose;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESULTS_CHANGED] =
    g_signal_new ("results-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[NEXT_MATCH] =
    g_signal_new ("next-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PREVIOUS_MATCH] =
    g_signal_new ("previous-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/codeboom/Codeboom/ui/cb-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, entry);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, project_toggle);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, count);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, match_case);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, match_accents);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, whole_word);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, regex);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, exact);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, within_entry);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, speaker_entry);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, extend_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, saved_list);
  gtk_widget_class_bind_template_child (widget_class, CbSearchPanel, save_name);
  gtk_widget_class_bind_template_callback (widget_class, on_saved_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_options_shown);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_next_match);
  gtk_widget_class_bind_template_callback (widget_class, on_previous_match);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cb_search_panel_init (CbSearchPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->entry));
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (on_search_mode_changed), self);
}
