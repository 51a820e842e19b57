/* cb-window-private.h: what the window's own files (and tests) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cb-agreement-view.h"
#include "cb-analysis-view.h"
#include "cb-mag-grid-view.h"
#include "cb-code-tree.h"
#include "cb-document-list.h"
#include "cb-memo-editor.h"
#include "cb-memos-view.h"
#include "cb-quick-code.h"
#include "cb-cases-view.h"
#include "cb-quotes-pane.h"
#include "cb-refi-export.h"
#include "cb-search.h"
#include "cb-search-panel.h"
#include "cb-search-results.h"
#include "cb-start-page.h"
#include "cb-transcript-view.h"
#include "cb-window.h"

G_BEGIN_DECLS

/* A change the project has no flag for: the speakers' names and roles,
 * redrawn in the transcript's labels.  Kept with the CbChangeFlags. */
#define CB_WINDOW_CHANGE_TURNS (1 << 8)

struct _CbWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets: the layout, and the parts */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkStack             *main_stack;
  GtkWidget            *sidebar_button;
  GtkWidget            *details_button;
  GtkWidget            *import_button;
  GtkWidget            *undo_button;
  GtkWidget            *redo_button;
  GtkWidget            *export_menu_button;
  GtkToggleButton      *search_button;
  AdwFlap              *sidebar_flap;
  AdwFlap              *details_flap;
  GtkWidget            *sidebar;
  GtkWidget            *sidebar_handle;
  GtkPaned             *sidebar_paned;
  GtkWidget            *details_pane;
  GtkWidget            *details_handle;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *recent_codes_revealer;
  GtkBox               *recent_codes_box;
  AdwViewStack         *view_stack;
  AdwViewSwitcherBar   *view_switcher_bar;
  GtkStack             *centre_stack;
  CbStartPage          *start_page;
  CbDocumentList       *document_list;
  CbCodeTree           *code_tree;
  CbSearchPanel        *search_panel;
  CbTranscriptView     *transcript_view;
  CbSearchResults      *search_results;
  CbQuotesPane         *quotes_pane;
  CbCasesView          *cases_view;
  CbMemoEditor         *memo_editor;
  CbAnalysisView       *analysis_view;
  CbAgreementView      *agreement_view;  /* a page of view_stack made in init (weak) */
  CbMagGridView        *mag_grid_view;
  CbMemosView          *memos_view;     /* added by cb-window-memos.c */

  /* Owned */
  CbProject            *project;
  GSettings            *settings;
  GCancellable         *job_cancellable;
  GtkWidget            *quick_code;
  GHashTable           *action_enabled;    /* action name -> GINT_TO_POINTER (1 + enabled) */
  char                 *document_name;
  CbChangeFlags         pending_changes;   /* for the pass before the next frame */
  CbChangeFlags         deferred_changes;  /* for the pass after it */
  guint                 refresh_source;
  guint                 deferred_source;
  guint                 job_pulse_source;
  guint                 trim_source;
  guint                 data_version_source;
  guint64               data_version;      /* the file's, as last shown */
  gboolean              job_exclusive;     /* a job's connection is at work */
  gulong                changed_handler;
  int                   drag_start_width;  /* a pane's width when its resize began */

  /* Borrowed */
  AdwMessageDialog     *dialog;
  guint                 backups_running;  /* backups on open still being written (tests wait) */
};

/* cb-window-refresh.c: what is pending, now */
void      _cb_window_refresh_now        (CbWindow    *self);
/* cb-window-actions.c */
void      _cb_window_update_actions     (CbWindow    *self);
/* cb-window-layout.c: the bar of recently applied codes */
void      _cb_window_refresh_recent_codes (CbWindow  *self);
void      _cb_window_note_recent_code   (CbWindow    *self,
                                         const char  *path);
/* cb-window.c */
void      _cb_window_set_dialog         (CbWindow         *self,
                                         AdwMessageDialog *dialog);
void      _cb_window_search             (CbWindow    *self);
void      _cb_window_show_toast         (CbWindow    *self,
                                         const char  *message);
void      _cb_window_flush_memo         (CbWindow    *self);
/* The open document's name changed (or another document opened): the
 * title, the search and the memo follow. */
void      _cb_window_set_document_name  (CbWindow    *self,
                                         const char  *name);
/* Marks the window's connection idle (a job's has the project) or not,
 * and tells the parts. */
void      _cb_window_set_job_exclusive  (CbWindow    *self,
                                         gboolean     exclusive);

/* cb-window-repair.c: writes a repaired copy of @file beside it (a free
 * name) and opens it, in this window or a new one; @repaired (optional)
 * receives the copy. */
gboolean  _cb_window_repair_project     (CbWindow  *self,
                                         GFile     *file,
                                         GFile    **repaired,
                                         GError   **error);
/* win.check-project: the full check in a job, its problems in a dialog;
 * FALSE when a job is running. */
gboolean  _cb_window_check_project      (CbWindow  *self);
void      _cb_window_repair_install_actions (GtkWidgetClass *widget_class);
/* cb-window-coders.c: win.coders, the Coders… dialog (rename, merge) */
void      _cb_window_coders_install_actions (GtkWidgetClass *widget_class);
/* cb-window-memos.c: the Memos page and win.link-memo */
void      _cb_window_memos_init         (CbWindow       *self);
void      _cb_window_class_memos_init   (GtkWidgetClass *widget_class);
gboolean  _cb_window_link_memo          (CbWindow    *self,
                                         const char  *title,
                                         const char  *document,
                                         gint64       start,
                                         gint64       end,
                                         GError     **error);

/* cb-window-refresh.c: the refresh after changes */
void      _cb_window_refresh_documents  (CbWindow    *self);
void      _cb_window_refresh_quotes     (CbWindow    *self);
void      _cb_window_on_project_changed (CbProject   *project,
                                         guint        flags,
                                         CbWindow    *self);
/* What another connection (a job's) changed in the file. */
void      _cb_window_project_changed_elsewhere (CbWindow     *self,
                                                CbChangeFlags flags);
/* Looks at once whether another process changed the file (as the poll
 * does every second while the window is active). */
gboolean  _cb_window_check_data_version (CbWindow    *self);
gboolean  _cb_window_poll_data_version  (gpointer     data);
void      _cb_window_on_active_changed  (CbWindow    *self);

/* cb-window-layout.c: panes, view switcher, recent codes, accessors */
void      _cb_window_class_layout_init  (GtkWidgetClass *widget_class);
void      _cb_window_setup_panes        (CbWindow    *self);
void      _cb_window_apply_pane_widths  (CbWindow    *self);

/* cb-window-jobs.c: long work in a thread, on a CbProject of its own opened
 * on the same file.  @func runs in the thread; @done (if any) runs on the
 * main thread afterwards with the error, or NULL on success (not when the
 * user cancelled).  @changes says what the job may change, for the refresh.
 * Returns FALSE (and frees @data) when another job is running. */
typedef gboolean (*CbWindowJobFunc) (CbProject     *project,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);
typedef void     (*CbWindowJobDone) (CbWindow      *self,
                                     gpointer       data,
                                     const GError  *error);
gboolean  _cb_window_run_job            (CbWindow        *self,
                                         const char      *message,
                                         CbChangeFlags    changes,
                                         CbWindowJobFunc  func,
                                         CbWindowJobDone  done,
                                         gpointer         data,
                                         GDestroyNotify   data_free);
/* A CbProgressFunc for a job function, with its cancellable as the data:
 * the progress bar then shows the fraction and message instead of pulsing. */
void      _cb_window_job_progress       (double           fraction,
                                         const char      *message,
                                         gpointer         cancellable);
/* TRUE while an import or another job runs. */
gboolean  _cb_window_busy               (CbWindow        *self);

/* cb-window-backups.c: one backup when a project is opened (before
 * anything writes; a failure is shown, not fatal), and the Backups… dialog.
 * Restoring replaces the project's content (after backing up the current
 * state) and refreshes the window. */
void      _cb_window_backup_on_open     (CbWindow    *self,
                                         CbProject   *project);
void      _cb_window_show_backups       (CbWindow    *self);
gboolean  _cb_window_restore_backup     (CbWindow    *self,
                                         const char  *backup_path,
                                         GError     **error);

/* cb-window-actions.c: coding, search, documents, speakers (win.*) */
void      _cb_window_class_actions_init (GtkWidgetClass *widget_class);
void      _cb_window_connect_quick_code (CbWindow    *self);
void      _cb_window_connect_case_filter (CbWindow   *self);
/* Codes the selected passage with @code_path; with @create, a missing
 * code is created in the same transaction (one undo step). */
gboolean  _cb_window_apply_code         (CbWindow    *self,
                                         const char  *code_path,
                                         gboolean     create,
                                         GError     **error);
/* Auto-codes the turns of @document (NULL: every document) by speaker, in
 * a job; the interviewer's turns are left out. */
gboolean  _cb_window_autocode_speakers  (CbWindow    *self,
                                         const char  *document);
/* Renames a speaker of the open document. */
gboolean  _cb_window_rename_speaker     (CbWindow    *self,
                                         const char  *name,
                                         const char  *new_name,
                                         GError     **error);
/* cb-window-mag.c: MAG phases and roles in the open document, each one
 * undo step (the "Set Phase…" dialog and the speaker menu's roles call
 * them); the actions win.set-phase (xx) and win.set-speaker-role (ss). */
gboolean  _cb_window_set_phase          (CbWindow      *self,
                                         const char    *name,
                                         gint64         start,
                                         gint64         end,
                                         GError       **error);
gboolean  _cb_window_set_speaker_role   (CbWindow      *self,
                                         const char    *speaker,
                                         CbSpeakerRole  role,
                                         GError       **error);
void      _cb_window_mag_install_actions (GtkWidgetClass *widget_class);
/* A picker of @speaker's role in @document for the speakers dialog. */
GtkWidget *_cb_window_speaker_role_picker (CbWindow   *self,
                                           const char *document,
                                           const char *speaker);
/* cb-window-speakers.c: the dialog of @document's speakers (rename, mark
 * the interviewer), from the document row's menu. */
void      _cb_window_show_speakers      (CbWindow    *self,
                                         const char  *document);
/* Codes every search hit with the selected code, in a job. */
gboolean  _cb_window_code_hits          (CbWindow    *self);
gboolean  _cb_window_assign_case        (CbWindow    *self,
                                         const char  *name,
                                         const char  *document,
                                         const char  *speaker,
                                         gint64       start,
                                         gint64       end,
                                         GError     **error);
gboolean  _cb_window_rename_document    (CbWindow    *self,
                                         const char  *name,
                                         const char  *new_name,
                                         GError     **error);

/* cb-window-files.c: new, open, import and export (win.* actions), and
 * files dropped on the window */
void      _cb_window_class_files_init   (GtkWidgetClass *widget_class);
void      _cb_window_setup_drop_target  (CbWindow    *self);
/* Exports in a job (see _cb_window_run_job); FALSE when one is running. */
gboolean  _cb_window_export_codebook    (CbWindow    *self,
                                         GFile       *file);
gboolean  _cb_window_export_quotes      (CbWindow    *self,
                                         GFile       *file);
gboolean  _cb_window_export_project     (CbWindow          *self,
                                         GFile             *file,
                                         CbRefiExportFlags  flags);

/* cb-window-merge.c: Merge Project… and Copy for a Second Coder….
 * _cb_window_merge_file() runs a dry run of merging @file in a job, then
 * shows its summary (CbMergeDialog), whose Merge runs the merge in a job;
 * _cb_window_copy_for_coder() writes the copy in a job.  FALSE when a job
 * is running. */
void      _cb_window_class_merge_init   (GtkWidgetClass *widget_class);
gboolean  _cb_window_merge_file         (CbWindow    *self,
                                         GFile       *file);
gboolean  _cb_window_copy_for_coder     (CbWindow    *self,
                                         GFile       *file,
                                         CbCopyMode   mode,
                                         const char  *coder);

/* cb-window-import.c: the app's import of transcripts.  Imports @files
 * (element-type GFile) off the main thread. */
void      _cb_window_import_files       (CbWindow    *self,
                                         GPtrArray   *files);
gboolean  _cb_window_import_busy        (CbWindow    *self);
/* A REFI-QDA project (.qdpx) as a new project: the choosers (the .qdpx,
 * then the new file, proposed beside it), and the import itself, in a
 * thread of a window without a project (this one, or a new one when this
 * one has a project; returned, or NULL when refused at once).  The new
 * project opens with the warnings about what was not imported. */
void      _cb_window_choose_refi_project (CbWindow   *self);
CbWindow *_cb_window_import_refi_project (CbWindow   *self,
                                          GFile      *source,
                                          GFile      *target);

G_END_DECLS
