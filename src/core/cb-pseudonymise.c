/* cb-pseudonymise.c: names out, placeholders in, and no trace left
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-edit-private.h"
#include "cb-error.h"
#include "cb-name-candidates.h"
#include "cb-names.h"
#include "cb-project-turns.h"
#include "cb-pseudonymise.h"
#include "cb-store-pseudonymise.h"
#include "cb-text.h"
#include "cb-tsv.h"

void
cb_pseudonym_free (CbPseudonym *pseudonym)
{
  if (pseudonym == NULL)
    return;
  g_free (pseudonym->name);
  g_free (pseudonym->placeholder);
  g_free (pseudonym);
}

void
cb_name_candidate_free (CbNameCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->name);
  g_free (candidate);
}

void
cb_pseudonymise_report_free (CbPseudonymiseReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->documents);
  g_array_unref (report->counts);
  g_free (report);
}

static CbPseudonymiseReport *
report_new (void)
{
  CbPseudonymiseReport *report = g_new0 (CbPseudonymiseReport, 1);

  report->documents = g_ptr_array_new_with_free_func (g_free);
  report->counts = g_array_new (FALSE, FALSE, sizeof (guint));
  return report;
}

static gint
compare_longest_first (gconstpointer a,
                       gconstpointer b)
{
  const CbPseudonym *x = *(CbPseudonym * const *) a;
  const CbPseudonym *y = *(CbPseudonym * const *) b;
  glong lx = g_utf8_strlen (x->name, -1);
  glong ly = g_utf8_strlen (y->name, -1);

  return lx != ly ? (ly > lx ? 1 : -1) : strcmp (x->name, y->name);
}

GPtrArray *
cb_pseudonym_key_read (const char  *path,
                       GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *display = NULL;
  g_auto(GStrv) lines = cb_tsv_read_lines (file, &display, error);
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_pseudonym_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (lines == NULL)
    return NULL;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      CbPseudonym *pseudonym;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      cells = cb_tsv_split_line (lines[i], 3);
      if (cells == NULL || g_strv_length (cells) != 2)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: expected a name, a tab and its placeholder"), display, i + 1);
          return NULL;
        }
      pseudonym = g_new0 (CbPseudonym, 1);
      pseudonym->name = cb_text_normalize_name (cells[0]);
      pseudonym->placeholder = cb_text_normalize (cells[1], -1);
      g_ptr_array_add (key, pseudonym);
      if (pseudonym->name[0] == '\0' || strchr (pseudonym->placeholder, '\n') != NULL)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: the name is empty or the placeholder holds a line break"), display, i + 1);
          return NULL;
        }
      if (!g_hash_table_add (seen, pseudonym->name))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: “%s” is in the key twice"), display, i + 1, pseudonym->name);
          return NULL;
        }
    }
  if (key->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID, _("%s holds no names"), display);
      return NULL;
    }
  g_ptr_array_sort (key, compare_longest_first);
  return g_steal_pointer (&key);
}

gboolean
cb_pseudonym_key_write (GPtrArray   *key,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;

  for (guint i = 0; i < key->len; i++)
    {
      CbPseudonym *pseudonym = key->pdata[i];

      cb_tsv_append_escaped (out, pseudonym->name);
      g_string_append_c (out, '\t');
      cb_tsv_append_escaped (out, pseudonym->placeholder);
      g_string_append_c (out, '\n');
    }
  /* the key names every person: as private as the transcripts */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  return stream != NULL &&
         g_output_stream_write_all (G_OUTPUT_STREAM (stream), out->str, out->len, NULL, NULL, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

/* Case and accents away: the first code point of the full decomposition,
 * lower case. */
static gunichar
fold_char (gunichar c)
{
  gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

  if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
    c = decomposed[0];
  return g_unichar_tolower (c);
}

/* Whether @name matches @text at byte @at: code point by code point
 * (folded with @fold); a space in the name matches any run of white space,
 * a line break included.  *@end: the byte after the match. */
static gboolean
match_at (const char *text,
          gsize       length,
          gsize       at,
          const char *name,
          gboolean    fold,
          gsize      *end)
{
  const char *t = text + at;
  const char *limit = text + length;
  const char *n = name;

  while (*n != '\0')
    {
      gunichar nc = g_utf8_get_char (n);
      gunichar tc;

      if (t >= limit)
        return FALSE;
      tc = g_utf8_get_char (t);
      if (nc == ' ')
        {
          if (!g_unichar_isspace (tc))
            return FALSE;
          while (t < limit && g_unichar_isspace (g_utf8_get_char (t)))
            t = g_utf8_next_char (t);
          n = g_utf8_next_char (n);
          continue;
        }
      if (fold)
        {
          if (fold_char (nc) != fold_char (tc))
            return FALSE;
          t = g_utf8_next_char (t);
          /* a combining accent in the text after a folded letter */
          while (t < limit && g_unichar_ismark (g_utf8_get_char (t)))
            t = g_utf8_next_char (t);
        }
      else
        {
          if (nc != tc)
            return FALSE;
          t = g_utf8_next_char (t);
        }
      n = g_utf8_next_char (n);
    }
  *end = t - text;
  return TRUE;
}

typedef struct
{
  gsize        start;     /* bytes */
  gsize        end;
  CbPseudonym *pseudonym;
} Match;

/* Every whole-word match of @key (longest name first) in @text, left to
 * right, not overlapping. */
static GArray *
find_matches (const char *text,
              gsize       length,
              GPtrArray  *key,
              gboolean    fold)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  gsize at = 0;

  while (at < length)
    {
      gboolean word_start = at == 0;
      gsize next = g_utf8_next_char (text + at) - text;

      if (!word_start)
        {
          gunichar before = g_utf8_get_char (g_utf8_find_prev_char (text, text + at));

          word_start = !g_unichar_isalnum (before) && !g_unichar_ismark (before);
        }
      if (word_start)
        for (guint k = 0; k < key->len; k++)
          {
            CbPseudonym *pseudonym = key->pdata[k];
            gsize end;

            if (match_at (text, length, at, pseudonym->name, fold, &end) &&
                cb_text_is_whole_word (text, length, at, end))
              {
                Match match = { at, end, pseudonym };

                g_array_append_val (matches, match);
                next = end;
                break;
              }
          }
      at = next;
    }
  return matches;
}

typedef struct
{
  GPtrArray *key;
  gboolean   fold;
  gboolean   dry_run;
  guint      n_fields;
  GString   *log;      /* the fields' rows of LOG.tsv */
} RewriteData;

/* @value with its names replaced; NULL when it holds none. */
static char *
replace_names (const char  *value,
               RewriteData *data)
{
  gsize length = strlen (value);
  g_autoptr(GArray) matches = find_matches (value, length, data->key, data->fold);
  GString *out;
  gsize at = 0;

  if (matches->len == 0)
    return NULL;
  out = g_string_new (NULL);
  for (guint i = 0; i < matches->len; i++)
    {
      Match *m = &g_array_index (matches, Match, i);

      g_string_append_len (out, value + at, m->start - at);
      g_string_append (out, m->pseudonym->placeholder);
      at = m->end;
    }
  g_string_append (out, value + at);
  return g_string_free (out, FALSE);
}

/* A field (name, memo, value) with its names replaced, NULL when none;
 * logged whole as <TAB>field<TAB>key<TAB>original<TAB>pseudonymised (a
 * document name is never empty, so the empty first cell tells these rows
 * from a text's). */
static char *
rewrite_field (const char *kind,
               const char *key,
               const char *value,
               gpointer    user_data)
{
  RewriteData *data = user_data;
  char *changed = replace_names (value, data);

  if (changed == NULL)
    return NULL;
  if (data->dry_run)
    {
      data->n_fields++;
      g_free (changed);
      return NULL;
    }
  g_string_append_c (data->log, '\t');
  cb_tsv_append_escaped (data->log, kind);
  g_string_append_c (data->log, '\t');
  cb_tsv_append_escaped (data->log, key);
  g_string_append_c (data->log, '\t');
  cb_tsv_append_escaped (data->log, value);
  g_string_append_c (data->log, '\t');
  cb_tsv_append_escaped (data->log, changed);
  g_string_append_c (data->log, '\n');
  return changed;
}

static gboolean
write_all (GOutputStream *out,
           GString       *text,
           GError       **error)
{
  return g_output_stream_write_all (out, text->str, text->len, NULL, NULL, error);
}

CbPseudonymiseReport *
cb_project_pseudonymise (CbProject            *self,
                         GPtrArray            *key,
                         CbPseudonymiseFlags   flags,
                         const char           *log_path,
                         GError              **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(CbPseudonymiseReport) report = report_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) log = g_string_new (NULL);
  gboolean dry_run = (flags & CB_PSEUDONYMISE_DRY_RUN) != 0;
  RewriteData data = { key, (flags & CB_PSEUDONYMISE_FOLD) != 0, dry_run, 0, NULL };
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);
  g_return_val_if_fail (key != NULL && key->len > 0, NULL);

  /* longest first, whatever order the caller gave */
  g_ptr_array_sort (key, compare_longest_first);

  /* no undo step: the undo history is cleared at the end */
  if ((!dry_run && !_cb_store_pseudonymise_secure (store, error)) || !_cb_project_begin (self, NULL, error))
    return NULL;
  ok = _cb_store_pseudonymise_list_documents (store, ids, names, error);

  for (guint d = 0; ok && d < ids->len; d++)
    {
      gint64 id = g_array_index (ids, gint64, d);
      gsize length = 0;
      g_autofree char *text = _cb_store_dup_document_text (store, id, &length, error);
      g_autoptr(GArray) matches = NULL;
      g_autoptr(GArray) replacements = NULL;
      g_autofree char *new_name = NULL;
      CbTextWalker walker;
      guint count;

      if (text == NULL)
        {
          ok = FALSE;
          break;
        }
      matches = find_matches (text, length, key, data.fold);
      if (matches->len == 0)
        continue;
      count = matches->len;
      /* the log names the document as it will be called */
      new_name = replace_names (names->pdata[d], &data);
      g_ptr_array_add (report->documents, g_strdup (new_name != NULL ? new_name : names->pdata[d]));
      g_array_append_val (report->counts, count);
      g_array_append_val (changed_ids, id);
      if (dry_run)
        continue;

      replacements = g_array_sized_new (FALSE, FALSE, sizeof (CbReplacement), matches->len);
      cb_text_walker_init (&walker, text, length, FALSE);
      for (guint i = 0; i < matches->len; i++)
        {
          Match *m = &g_array_index (matches, Match, i);
          CbReplacement r;
          g_autofree char *original = g_strndup (text + m->start, m->end - m->start);

          r.start = cb_text_walker_char_at (&walker, m->start);
          r.end = cb_text_walker_char_at (&walker, m->end);
          r.text = m->pseudonym->placeholder;
          g_array_append_val (replacements, r);
          cb_tsv_append_escaped (log, new_name != NULL ? new_name : names->pdata[d]);
          g_string_append_printf (log, "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t", r.start, r.end);
          cb_tsv_append_escaped (log, original);
          g_string_append_c (log, '\t');
          cb_tsv_append_escaped (log, m->pseudonym->placeholder);
          g_string_append_c (log, '\n');
        }
      ok = _cb_project_apply_replacements (self, id, text, length, replacements, TRUE, FALSE, NULL, error);
    }

  /* the fields after the texts: depseudonymise finds a text by the name
   * its document has now, then puts the names back */
  data.log = log;
  if (ok)
    ok = _cb_store_pseudonymise_fields (store, (flags & CB_PSEUDONYMISE_CODES) != 0,
                                        rewrite_field, &data, &report->n_fields, error);
  report->n_fields += data.n_fields;
  if (ok && !dry_run)
    ok = _cb_store_pseudonymise_forget (store, changed_ids, error);

  /* the log first: a pseudonymisation without its log cannot be undone */
  if (ok && !dry_run && log_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (log_path);
      g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);

      ok = out != NULL && write_all (G_OUTPUT_STREAM (out), log, error) &&
           g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
    }

  if (dry_run)
    {
      _cb_project_finish (self, FALSE, 0, NULL);
      if (!ok)
        return NULL;
      return g_steal_pointer (&report);
    }
  /* ::changed only once the file is rewritten: its handlers (in the main
   * thread when this runs in a job) must not read the project while VACUUM
   * still uses the connection */
  if (!_cb_project_finish (self, ok, 0, error))
    return NULL;
  ok = _cb_store_pseudonymise_rewrite (store, &report->checkpointed, error);
  _cb_project_emit_changed (self, CB_CHANGE_ALL);
  if (!ok)
    return NULL;
  return g_steal_pointer (&report);
}

/* A few words of context on one side of a match: at most @n code points,
 * on one line. */
static char *
context (const char *text,
         gsize       length,
         gsize       at,
         gboolean    before,
         guint       n)
{
  const char *p = text + at;

  for (guint i = 0; i < n; i++)
    {
      const char *next = before ? (p > text ? g_utf8_prev_char (p) : NULL)
                                : (p < text + length ? g_utf8_next_char (p) : NULL);

      if (next == NULL || *(before ? next : p) == '\n')
        break;
      p = next;
    }
  return before ? g_strndup (p, text + at - p) : g_strndup (text + at, p - (text + at));
}

GPtrArray *
cb_project_pseudonymise_preview (CbProject           *self,
                                 GPtrArray           *key,
                                 CbPseudonymiseFlags  flags,
                                 guint                max,
                                 GError             **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  /* the key's own elements, sorted (the array does not own them) */
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (key->len);
  g_autoptr(GPtrArray) preview = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  for (guint i = 0; i < key->len; i++)
    g_ptr_array_add (sorted, key->pdata[i]);
  g_ptr_array_sort (sorted, compare_longest_first);
  if (sorted->len == 0 || max == 0)
    return g_steal_pointer (&preview);
  if (!_cb_project_begin_read (self, error))
    return NULL;
  if (!_cb_store_pseudonymise_list_documents (store, ids, names, error))
    {
      _cb_project_end_read (self);
      return NULL;
    }
  for (guint d = 0; d < ids->len && preview->len < max; d++)
    {
      gsize length = 0;
      g_autofree char *text = _cb_store_dup_document_text (store, g_array_index (ids, gint64, d), &length, error);
      g_autoptr(GArray) matches = NULL;

      if (text == NULL)
        {
          _cb_project_end_read (self);
          return NULL;
        }
      matches = find_matches (text, length, sorted, (flags & CB_PSEUDONYMISE_FOLD) != 0);
      for (guint i = 0; i < matches->len && preview->len < max; i++)
        {
          Match *m = &g_array_index (matches, Match, i);
          g_autofree char *left = context (text, length, m->start, TRUE, 30);
          g_autofree char *right = context (text, length, m->end, FALSE, 30);
          g_autofree char *name = g_strndup (text + m->start, m->end - m->start);

          g_ptr_array_add (preview, g_strdup_printf ("%s: …%s«%s → %s»%s…", (char *) names->pdata[d],
                                                     left, name, m->pseudonym->placeholder, right));
        }
    }
  _cb_project_end_read (self);
  return g_steal_pointer (&preview);
}

typedef struct
{
  gint64  start;
  gint64  end;
  char   *original;
  char   *placeholder;
  guint   line;
} LogEntry;

static void
log_entry_clear (gpointer data)
{
  LogEntry *entry = data;

  g_free (entry->original);
  g_free (entry->placeholder);
}

/* A row of another field: its value before and after, whole. */
typedef struct
{
  char  *kind;
  char  *key;
  char  *original;
  char  *pseudonymised;
  guint  line;
} LogField;

static void
log_field_clear (gpointer data)
{
  LogField *field = data;

  g_free (field->kind);
  g_free (field->key);
  g_free (field->original);
  g_free (field->pseudonymised);
}

/* A field row of line @line: the field known, the key given, and a name
 * put back only if it is one Codeboom would have stored (the log is as
 * untrusted as any file). */
static gboolean
parse_field (char       **cells,
             const char  *display,
             guint        line,
             LogField    *field,
             GError     **error)
{
  gboolean is_name = FALSE;

  if (!_cb_store_pseudonymise_field_known (cells[1], &is_name) || cells[2][0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("%s, line %u: “%s” is not a field a name is replaced in, or its key is missing"),
                   display, line, cells[1]);
      return FALSE;
    }
  if (is_name)
    {
      g_autofree char *normalized = cb_text_normalize_name (cells[3]);
      g_autoptr(GError) local = NULL;

      if (cells[3][0] == '\0' || strcmp (normalized, cells[3]) != 0 ||
          !cb_name_check_characters (cells[3], &local) ||
          (strcmp (cells[1], "code.name") == 0 &&
           (strstr (cells[3], " / ") != NULL || g_str_has_prefix (cells[3], "/ ") || g_str_has_suffix (cells[3], " /"))))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: “%s” is not a valid name"), display, line, cells[3]);
          return FALSE;
        }
    }
  field->kind = g_strdup (cells[1]);
  field->key = g_strdup (cells[2]);
  field->original = g_strdup (cells[3]);
  field->pseudonymised = g_strdup (cells[4]);
  field->line = line;
  return TRUE;
}

/* Puts one field back; errors name the log's line. */
static gboolean
restore_field (CbStore     *store,
               const char  *display,
               LogField    *field,
               GError     **error)
{
  g_autofree char *current = NULL;

  switch (_cb_store_pseudonymise_restore (store, field->kind, field->key, field->pseudonymised,
                                          field->original, &current, error))
    {
    case CB_STORE_RESTORE_DONE:
      return TRUE;
    case CB_STORE_RESTORE_MISSING:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("%s, line %u: the %s “%s” is no longer in the project: it was deleted or changed since"),
                   display, field->line, field->kind, field->pseudonymised);
      return FALSE;
    case CB_STORE_RESTORE_CHANGED:
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("%s, line %u: the %s holds “%s”, not “%s” as pseudonymised: it changed since"),
                   display, field->line, field->kind, current, field->pseudonymised);
      return FALSE;
    case CB_STORE_RESTORE_FAILED:
    default:
      /* a value the table refuses (a title taken, an empty query) */
      g_prefix_error (error, "%s, line %u: ", display, field->line);
      return FALSE;
    }
}

CbPseudonymiseReport *
cb_project_depseudonymise (CbProject   *self,
                           const char  *log_path,
                           GError     **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(CbPseudonymiseReport) report = report_new ();
  g_autoptr(GFile) file = g_file_new_for_path (log_path);
  g_autofree char *display = NULL;
  g_auto(GStrv) lines = cb_tsv_read_lines (file, &display, error);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_document = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                             (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) fields = g_array_new (FALSE, TRUE, sizeof (LogField));
  g_autoptr(GArray) document_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = TRUE;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (lines == NULL)
    return NULL;
  g_array_set_clear_func (fields, log_field_clear);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = NULL;
      GArray *entries;
      LogEntry entry;

      if (lines[i][0] == '\0')
        continue;
      cells = cb_tsv_split_line (lines[i], 6);
      if (cells != NULL && g_strv_length (cells) == 5 && cells[0][0] == '\0')
        {
          LogField field = { 0 };

          if (!parse_field (cells, display, i + 1, &field, error))
            return NULL;
          g_array_append_val (fields, field);
          continue;
        }
      if (cells == NULL || g_strv_length (cells) != 5 ||
          !cb_tsv_parse_offset (cells[1], &entry.start) || !cb_tsv_parse_offset (cells[2], &entry.end) ||
          entry.end < entry.start)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: expected document, start, end, original and placeholder"), display, i + 1);
          return NULL;
        }
      entries = g_hash_table_lookup (by_document, cells[0]);
      if (entries == NULL)
        {
          char *name = g_strdup (cells[0]);

          entries = g_array_new (FALSE, FALSE, sizeof (LogEntry));
          g_array_set_clear_func (entries, log_entry_clear);
          g_ptr_array_add (order, name);
          g_hash_table_insert (by_document, name, entries);
        }
      if (entries->len > 0 && g_array_index (entries, LogEntry, entries->len - 1).end > entry.start)
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: the replacements of a document must be in text order"), display, i + 1);
          return NULL;
        }
      entry.original = cb_text_normalize (cells[3], -1);
      entry.placeholder = cb_text_normalize (cells[4], -1);
      entry.line = i + 1;
      g_array_append_val (entries, entry);
    }

  if (!_cb_project_begin (self, _("Put names back"), error))
    return NULL;
  /* the texts first: the log names each document as pseudonymised, and
   * the fields put its name back */
  for (guint d = 0; ok && d < order->len; d++)
    {
      GArray *entries = g_hash_table_lookup (by_document, order->pdata[d]);
      gint64 id = _cb_project_lookup_document (self, order->pdata[d], error);
      g_autofree char *text = NULL;
      g_autoptr(GArray) replacements = g_array_new (FALSE, FALSE, sizeof (CbReplacement));
      gsize length = 0;
      gint64 shift = 0;
      guint count = entries->len;

      if (id <= 0)
        g_prefix_error (error, "%s, line %u: ", display, g_array_index (entries, LogEntry, 0).line);
      if (id <= 0 || !(text = _cb_store_dup_document_text (store, id, &length, error)))
        {
          ok = FALSE;
          break;
        }
      /* the log's offsets are the original text's: in the pseudonymised
       * one each starts after the earlier placeholders */
      for (guint i = 0; ok && i < entries->len; i++)
        {
          LogEntry *entry = &g_array_index (entries, LogEntry, i);
          gint64 n = g_utf8_strlen (entry->placeholder, -1);
          CbReplacement r = { entry->start + shift, entry->start + shift + n, entry->original };
          g_autofree char *there = cb_text_dup_range (text, length, r.start, r.end);

          if (g_strcmp0 (there, entry->placeholder) != 0)
            {
              g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                           _("%s, line %u: “%s” at %" PRId64 " holds “%s”, not the placeholder “%s”: the text changed since"),
                           display, entry->line, (char *) order->pdata[d], r.start, there, entry->placeholder);
              ok = FALSE;
              break;
            }
          shift += n - (entry->end - entry->start);
          g_array_append_val (replacements, r);
        }
      ok = ok && _cb_project_apply_replacements (self, id, text, length, replacements, FALSE, FALSE, NULL, error);
      if (ok)
        {
          g_array_append_val (document_ids, id);
          g_array_append_val (report->counts, count);
        }
    }
  for (guint f = 0; ok && f < fields->len; f++)
    {
      ok = restore_field (store, display, &g_array_index (fields, LogField, f), error);
      if (ok)
        report->n_fields++;
    }
  /* the report names each document as it is called again */
  if (ok && document_ids->len > 0)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

      ok = _cb_store_pseudonymise_list_documents (store, ids, names, error);
      for (guint i = 0; ok && i < ids->len; i++)
        g_hash_table_insert (by_id, &g_array_index (ids, gint64, i), names->pdata[i]);
      for (guint i = 0; ok && i < document_ids->len; i++)
        {
          const char *name = g_hash_table_lookup (by_id, &g_array_index (document_ids, gint64, i));

          g_ptr_array_add (report->documents, g_strdup (name != NULL ? name : order->pdata[i]));
        }
    }
  if (!_cb_project_finish (self, ok, CB_CHANGE_ALL, error))
    return NULL;
  return g_steal_pointer (&report);
}

static gint
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const CbNameCandidate *x = *(CbNameCandidate * const *) a;
  const CbNameCandidate *y = *(CbNameCandidate * const *) b;

  if (x->count != y->count)
    return x->count < y->count ? 1 : -1;
  return g_strcmp0 (x->name, y->name);
}

/* Candidates: every speaker (counted by turns), and capitalised words
 * that do not start a sentence (cb-name-candidates.c, on ICU). */
GPtrArray *
cb_project_list_name_candidates (CbProject  *self,
                                 guint       min_count,
                                 GError    **error)
{
  CbStore *store = _cb_project_get_store (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) words = NULL;
  g_autoptr(CbNameScan) scan = _cb_name_scan_new ();
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_name_candidate_free);
  GHashTableIter iter;
  gpointer k, v;

  g_return_val_if_fail (CB_IS_PROJECT (self), NULL);

  if (!_cb_project_begin_read (self, error))
    {
      g_ptr_array_unref (candidates);
      return NULL;
    }
  if (!_cb_store_pseudonymise_list_documents (store, ids, names, error))
    goto failed;
  for (guint d = 0; d < ids->len; d++)
    {
      gint64 id = g_array_index (ids, gint64, d);
      gsize length = 0;
      g_autofree char *text = _cb_store_dup_document_text (store, id, &length, error);
      g_autoptr(GPtrArray) turns = cb_project_list_turns (self, names->pdata[d], error);
      g_autofree gsize *labels = NULL;
      CbTextWalker walker;

      if (text == NULL || turns == NULL)
        goto failed;
      labels = g_new (gsize, 2 * MAX (turns->len, 1));
      cb_text_walker_init (&walker, text, length, FALSE);
      for (guint t = 0; t < turns->len; t++)
        {
          CbTurnInfo *turn = turns->pdata[t];
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (speakers, turn->speaker));

          g_hash_table_insert (speakers, g_strdup (turn->speaker), GUINT_TO_POINTER (count + 1));
          labels[2 * t] = cb_text_walker_byte_at (&walker, turn->start);
          labels[2 * t + 1] = cb_text_walker_byte_at (&walker, turn->text_start);
        }
      if (!_cb_name_scan_text (scan, text, length, labels, turns->len, error))
        goto failed;
    }
  _cb_project_end_read (self);

  g_hash_table_iter_init (&iter, speakers);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (GPOINTER_TO_UINT (v) >= min_count)
      {
        CbNameCandidate *candidate = g_new0 (CbNameCandidate, 1);

        candidate->name = g_strdup (k);
        candidate->count = GPOINTER_TO_UINT (v);
        candidate->speaker = TRUE;
        g_ptr_array_add (candidates, candidate);
      }
  words = _cb_name_scan_counts (scan);
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &k, &v))
    if (GPOINTER_TO_UINT (v) >= min_count && !g_hash_table_contains (speakers, k))
      {
        CbNameCandidate *candidate = g_new0 (CbNameCandidate, 1);

        candidate->name = g_strdup (k);
        candidate->count = GPOINTER_TO_UINT (v);
        g_ptr_array_add (candidates, candidate);
      }
  g_ptr_array_sort (candidates, compare_candidates);
  return candidates;

failed:
  _cb_project_end_read (self);
  g_ptr_array_unref (candidates);
  return NULL;
}

void
cb_document_status_clear (CbDocumentStatus *status)
{
  g_clear_pointer (&status->edited, g_free);
  g_clear_pointer (&status->pseudonymised, g_free);
}

gboolean
cb_project_get_document_status (CbProject        *self,
                                gint64            document_id,
                                CbDocumentStatus *status,
                                GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (!_cb_project_begin_read (self, error))
    return FALSE;
  ok = _cb_store_pseudonymise_get_status (_cb_project_get_store (self), document_id,
                                          &status->edited, &status->pseudonymised, error);
  _cb_project_end_read (self);
  return ok;
}

#define STATUS_PREFIX "Codeboom document"

char *
cb_document_status_describe (const CbDocumentStatus *status)
{
  GString *out;

  if (status->edited == NULL && status->pseudonymised == NULL)
    return NULL;
  out = g_string_new (STATUS_PREFIX);
  if (status->edited != NULL)
    g_string_append_printf (out, "; edited: %s", status->edited);
  if (status->pseudonymised != NULL)
    g_string_append_printf (out, "; pseudonymised: %s", status->pseudonymised);
  return g_string_free (out, FALSE);
}

/* An ISO 8601 time as the store writes them, or NULL. */
static char *
normalize_time (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, utc);
  g_autoptr(GDateTime) in_utc = NULL;

  if (time == NULL)
    return NULL;
  in_utc = g_date_time_to_utc (time);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
cb_document_status_parse (const char       *description,
                          CbDocumentStatus *status)
{
  g_auto(GStrv) fields = NULL;
  g_auto(CbDocumentStatus) parsed = { NULL, NULL };

  if (description == NULL || !g_str_has_prefix (description, STATUS_PREFIX "; "))
    return FALSE;
  fields = g_strsplit (description + strlen (STATUS_PREFIX "; "), "; ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      char **slot = g_str_has_prefix (fields[i], "edited: ") ? &parsed.edited
                  : g_str_has_prefix (fields[i], "pseudonymised: ") ? &parsed.pseudonymised : NULL;

      if (slot == NULL || *slot != NULL ||
          !(*slot = normalize_time (strchr (fields[i], ' ') + 1)))
        return FALSE;
    }
  /* pseudonymising edits the text */
  if (parsed.pseudonymised != NULL && parsed.edited == NULL)
    parsed.edited = g_strdup (parsed.pseudonymised);
  cb_document_status_clear (status);
  *status = parsed;
  parsed.edited = parsed.pseudonymised = NULL;
  return TRUE;
}
