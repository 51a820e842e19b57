/* cb-project-codings.c: codings: apply, batch and unapply (retrieval:
 * cb-project-retrieve.c)
 *
 * The pattern of every operation is described in cb-project.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cb-error.h"
#include "cb-import.h"
#include "cb-cases-private.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-store-private.h"
#include "cb-text.h"
#include "cb-tsv.h"

/* Codings */

gboolean
_cb_project_add_codings_in (CbProject          *self,
                            gint64              code_id,
                            const CbNewCoding  *codings,
                            guint               n_codings,
                            gint64             *ids,
                            guint              *n_created,
                            GError            **error)
{
  gint64 own_coder = 0;
  gint64 run_first = 0;
  gint64 run_last = 0;

  g_return_val_if_fail (cb_store_in_transaction (self->store), FALSE);

  for (guint i = 0; i < n_codings; i++)
    {
      const CbNewCoding *coding = &codings[i];
      gint64 coder = coding->coder_id;
      gboolean created = FALSE;
      gint64 id;

      if (coder == 0)
        {
          if (own_coder == 0 && !(own_coder = _cb_store_ensure_coder (self->store, self->coder, NULL, error)))
            return FALSE;
          coder = own_coder;
        }

      id = _cb_store_insert_coding (self->store, coding->document_id, code_id, coding->start, coding->end,
                                    coder, coding->uuid, coding->created, coding->memo, &created, error);
      if (id == 0)
        return FALSE;
      if (ids != NULL)
        ids[i] = id;
      if (n_created != NULL)
        *n_created += created;

      /* New rows get consecutive ids: the undo journal records each run
       * of them as one entry, so that a batch's journal stays small. */
      if (!created)
        continue;
      if (run_last != 0 && id == run_last + 1)
        {
          run_last = id;
          continue;
        }
      if (run_last != 0 && !cb_store_journal_insert_range (self->store, "coding", run_first, run_last, error))
        return FALSE;
      run_first = run_last = id;
    }

  return run_last == 0 || cb_store_journal_insert_range (self->store, "coding", run_first, run_last, error);
}

gboolean
_cb_project_add_codings (CbProject          *self,
                         const char         *label,
                         const char         *code_path,
                         const CbNewCoding  *codings,
                         guint               n_codings,
                         guint              *n_created,
                         guint              *n_existing,
                         GError            **error)
{
  guint created = 0;
  gint64 code;

  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  if (!(code = _cb_project_ensure_code (self, code_path, error)) ||
      !_cb_project_add_codings_in (self, code, codings, n_codings, NULL, &created, error))
    {
      cb_store_rollback (self->store);
      return FALSE;
    }

  /* Nothing new (every span was coded already): no change, no undo step. */
  if (created == 0)
    cb_store_rollback (self->store);
  else if (!_cb_project_finish (self, TRUE, CB_CHANGE_CODES | CB_CHANGE_CODINGS, error))
    return FALSE;

  if (n_created != NULL)
    *n_created = created;
  if (n_existing != NULL)
    *n_existing = n_codings - created;
  return TRUE;
}

/* What a batch looks up again and again: documents and codes by name. */
typedef struct
{
  GHashTable *documents;  /* name → CbDocumentInfo (borrowed from @list) */
  GPtrArray  *list;
  GHashTable *codes;      /* path → id */
  gint64      coder;
} ApplyCache;

static void
apply_cache_clear (ApplyCache *cache)
{
  g_clear_pointer (&cache->documents, g_hash_table_unref);
  g_clear_pointer (&cache->list, g_ptr_array_unref);
  g_clear_pointer (&cache->codes, g_hash_table_unref);
}

static gboolean
apply_cache_init (CbProject   *self,
                  ApplyCache  *cache,
                  GError     **error)
{
  memset (cache, 0, sizeof *cache);

  if (!(cache->list = _cb_store_list_documents (self->store, 0, error)))
    return FALSE;

  cache->documents = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < cache->list->len; i++)
    {
      CbDocumentInfo *info = cache->list->pdata[i];

      g_hash_table_insert (cache->documents, info->name, info);
    }
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return TRUE;
}

/* A cache holding only the document named @name: a single apply need not
 * list (and count the codings of) every document. */
static gboolean
apply_cache_init_one (CbProject   *self,
                      ApplyCache  *cache,
                      const char  *name,
                      GError     **error)
{
  CbDocumentInfo *info;
  gint64 id;
  gint64 n_chars;

  memset (cache, 0, sizeof *cache);
  cache->list = g_ptr_array_new_with_free_func ((GDestroyNotify) cb_document_info_free);
  cache->documents = g_hash_table_new (g_str_hash, g_str_equal);
  cache->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if ((id = _cb_store_find_document (self->store, name, error)) < 0)
    return FALSE;
  if (id == 0)
    return TRUE;   /* apply_cached() reports the unknown document */
  if ((n_chars = _cb_store_get_document_length (self->store, id, error)) < 0)
    return FALSE;

  info = g_new0 (CbDocumentInfo, 1);
  info->id = id;
  info->name = g_strdup (name);
  info->n_chars = n_chars;
  g_ptr_array_add (cache->list, info);
  g_hash_table_insert (cache->documents, info->name, info);

  return TRUE;
}

static gboolean
check_span (const CbDocumentInfo  *document,
            gint64                 start,
            gint64                 end,
            GError               **error)
{
  if (start < 0 || end <= start || end > document->n_chars)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("Cannot code %" PRId64 "–%" PRId64 " in “%s”: "
                     "a span must have 0 ≤ start < end ≤ %" PRId64 " (the document’s length)"),
                   start, end, document->name, document->n_chars);
      return FALSE;
    }
  return TRUE;
}

static CbDocumentInfo *
apply_cache_document (ApplyCache  *cache,
                      const char  *document_name,
                      GError     **error)
{
  CbDocumentInfo *document = g_hash_table_lookup (cache->documents, document_name);

  if (document == NULL)
    g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                 _("There is no document named “%s”"), document_name);
  return document;
}

/* The code at @code_path (created when missing and @create_code), looked
 * up once per batch. */
static gint64
apply_cache_code (CbProject   *self,
                  ApplyCache  *cache,
                  const char  *code_path,
                  gboolean     create_code,
                  GError     **error)
{
  gpointer code;
  gint64 code_id;

  if (g_hash_table_lookup_extended (cache->codes, code_path, NULL, &code))
    return (gint64) GPOINTER_TO_SIZE (code);

  code_id = create_code
    ? _cb_project_ensure_code (self, code_path, error)
    : _cb_project_lookup_code (self, code_path, error);
  if (code_id != 0)
    g_hash_table_insert (cache->codes, g_strdup (code_path), GSIZE_TO_POINTER ((gsize) code_id));
  return code_id;
}

/* Applies one coding inside a transaction, through @cache. */
static gint64
apply_cached (CbProject   *self,
              ApplyCache  *cache,
              const char  *document_name,
              const char  *code_path,
              gboolean     create_code,
              gint64       start,
              gint64       end,
              gboolean    *created,
              GError     **error)
{
  CbDocumentInfo *document;
  CbNewCoding coding = { 0 };
  guint n_created = 0;
  gint64 id = 0;
  gint64 code;

  if (!(document = apply_cache_document (cache, document_name, error)) ||
      !check_span (document, start, end, error) ||
      !(code = apply_cache_code (self, cache, code_path, create_code, error)))
    return 0;

  if (cache->coder == 0 && !(cache->coder = _cb_store_ensure_coder (self->store, self->coder, NULL, error)))
    return 0;

  coding.document_id = document->id;
  coding.start = start;
  coding.end = end;
  coding.coder_id = cache->coder;
  if (!_cb_project_add_codings_in (self, code, &coding, 1, &id, &n_created, error))
    return 0;
  if (created != NULL)
    *created = n_created > 0;
  return id;
}

static gint64
apply_one (CbProject   *self,
           const char  *document,
           const char  *code_path,
           gboolean     create_code,
           gint64       start,
           gint64       end,
           gboolean    *created,
           GError     **error)
{
  ApplyCache cache;
  g_autofree char *label = NULL;
  g_autofree char *doc_name = cb_text_normalize_name (document);
  gint64 id = 0;

  label = g_strdup_printf (_("Code “%s”"), code_path);
  if (!cb_store_begin (self->store, label, error))
    return 0;

  if (apply_cache_init_one (self, &cache, doc_name != NULL ? doc_name : "", error))
    id = apply_cached (self, &cache, doc_name != NULL ? doc_name : "", code_path, create_code,
                       start, end, created, error);
  apply_cache_clear (&cache);

  if (!_cb_project_finish (self, id > 0, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error))
    return 0;
  return id;
}

gint64
cb_project_apply (CbProject   *self,
                  const char  *document,
                  const char  *code_path,
                  gint64       start,
                  gint64       end,
                  gboolean    *created,
                  GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return apply_one (self, document, code_path, FALSE, start, end, created, error);
}

gint64
cb_project_apply_creating (CbProject   *self,
                           const char  *document,
                           const char  *code_path,
                           gint64       start,
                           gint64       end,
                           gboolean    *created,
                           GError     **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), 0);

  return apply_one (self, document, code_path, TRUE, start, end, created, error);
}

gint64
cb_project_apply_quote (CbProject   *self,
                        const char  *document,
                        const char  *code_path,
                        const char  *quote,
                        guint        occurrence,
                        gint64      *out_start,
                        gint64      *out_end,
                        GError     **error)
{
  g_autoptr(CbDocumentInfo) info = NULL;
  g_autofree char *text = NULL;
  g_autofree char *needle = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize length;
  gsize needle_length;
  gsize hit;
  gint64 start;
  gint64 end;
  gint64 id;

  g_return_val_if_fail (CB_IS_PROJECT (self), 0);
  g_return_val_if_fail (quote != NULL, 0);

  if (!g_utf8_validate (quote, -1, NULL) || quote[0] == '\0')
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                   _("The quote must be non-empty UTF-8 text"));
      return 0;
    }

  if (!(info = cb_project_get_document (self, document, error)) ||
      !(text = _cb_store_dup_document_text (self->store, info->id, &length, error)))
    return 0;

  /* The quote is matched against stored text, so it is normalised the same way. */
  needle = cb_text_normalize (quote, -1);
  needle_length = strlen (needle);

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += needle_length)
    {
      hit = p - text;
      g_array_append_val (hits, hit);
    }

  if (hits->len == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The quote “%s” does not occur in “%s”"), quote, info->name);
      return 0;
    }
  if (occurrence == 0 && hits->len > 1)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_AMBIGUOUS,
                   _("The quote “%s” occurs %u times in “%s”: say which occurrence to code"),
                   quote, hits->len, info->name);
      return 0;
    }
  if (occurrence > hits->len)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("The quote “%s” occurs only %u time(s) in “%s”, not %u"),
                   quote, hits->len, info->name, occurrence);
      return 0;
    }

  hit = g_array_index (hits, gsize, occurrence > 0 ? occurrence - 1 : 0);
  start = cb_text_count_chars (text, hit);
  end = start + cb_text_count_chars (needle, needle_length);

  /* Like a batch line and code-all-hits, a quote creates a missing code
   * (and its parents), in the same undo step. */
  id = cb_project_apply_creating (self, info->name, code_path, start, end, NULL, error);
  if (id > 0)
    {
      if (out_start != NULL)
        *out_start = start;
      if (out_end != NULL)
        *out_end = end;
    }
  return id;
}

/* The batch with one transaction per line (--commit-each): the file is
 * read and checked for encoding whole first, as it always was, since each
 * line is committed before the next is applied. */
static gboolean
apply_batch_each (CbProject  *self,
                  GFile      *tsv,
                  guint      *n_applied,
                  GError    **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree char *display = NULL;
  ApplyCache cache = { 0 };
  guint applied = 0;
  gboolean changed = FALSE;
  gboolean ok = TRUE;

  if (!(lines = cb_tsv_read_lines (tsv, &display, error)))
    return FALSE;

  /* the documents, read in a transaction of their own */
  if (!cb_store_begin (self->store, NULL, error))
    return FALSE;
  ok = apply_cache_init (self, &cache, error);
  cb_store_rollback (self->store);
  if (!ok)
    {
      apply_cache_clear (&cache);
      return FALSE;
    }

  for (guint i = 0; ok && lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *line_label = NULL;
      gint64 start = 0;
      gint64 end = 0;
      gboolean created = FALSE;

      if (lines[i][0] == '\0')
        continue;

      fields = cb_tsv_split_line (lines[i], 5);
      if (fields == NULL || g_strv_length (fields) != 4 ||
          !cb_tsv_parse_offset (fields[1], &start) || !cb_tsv_parse_offset (fields[2], &end))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: expected document<TAB>start<TAB>end<TAB>code path"),
                       display, i + 1);
          ok = FALSE;
          break;
        }

      line_label = g_strdup_printf (_("Code “%s”"), fields[3]);
      if (!cb_store_begin (self->store, line_label, error))
        {
          ok = FALSE;
          break;
        }

      ok = apply_cached (self, &cache, fields[0], fields[3], TRUE, start, end, &created, error) > 0;
      if (!ok)
        g_prefix_error (error, _("%s, line %u: "), display, i + 1);

      if (!ok || !cb_store_commit (self->store, error))
        {
          /* deferred checks (a code deleted meanwhile) fail at commit */
          if (ok)
            g_prefix_error (error, _("%s, line %u: "), display, i + 1);
          cb_store_rollback (self->store);
          /* a code created on this line was rolled back with it */
          g_hash_table_remove_all (cache.codes);
          ok = FALSE;
          break;
        }
      changed = TRUE;
      applied += created;
    }

  apply_cache_clear (&cache);

  if (changed)
    _cb_project_emit_changed (self, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS);

  if (n_applied != NULL)
    *n_applied = applied;
  return ok;
}

/* Reads a TSV file line by line with the rules of cb_tsv_read_lines()
 * (UTF-8 without NUL, BOMs at the start dropped, CRLF, CR and LF all end a
 * line, NFC), without holding the file: a batch of a million lines is
 * 75 MB, and the whole text, its normalised copy and its lines were three
 * times that in memory. */
typedef struct
{
  GInputStream *stream;
  GString      *buffer;
  gsize         pos;        /* the start of the next line in @buffer */
  gboolean      eof;
  guint         line;       /* the number of the line last returned */
  char         *display;
} LineReader;

static void
line_reader_clear (LineReader *reader)
{
  g_clear_object (&reader->stream);
  if (reader->buffer != NULL)
    g_string_free (g_steal_pointer (&reader->buffer), TRUE);
  g_clear_pointer (&reader->display, g_free);
}

static gboolean
line_reader_init (LineReader  *reader,
                  GFile       *file,
                  GError     **error)
{
  GError *local_error = NULL;

  memset (reader, 0, sizeof *reader);
  reader->display = g_file_get_parse_name (file);
  reader->buffer = g_string_sized_new (1 << 16);
  reader->stream = G_INPUT_STREAM (g_file_read (file, NULL, &local_error));
  if (reader->stream == NULL)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot read “%s”: %s"), reader->display, local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  return TRUE;
}

/* The next line, normalised (free it), or NULL: at the end (@error unset)
 * or on an error. */
static char *
line_reader_next (LineReader  *reader,
                  GError     **error)
{
  for (;;)
    {
      const char *data = reader->buffer->str;
      gsize length = reader->buffer->len;
      gsize end = reader->pos;
      gsize next;

      while (end < length && data[end] != '\n' && data[end] != '\r')
        end++;

      /* a CR last in the buffer may be the first half of a CRLF */
      if ((end < length && (data[end] == '\n' || end + 1 < length || reader->eof)) ||
          (end == length && reader->eof && end > reader->pos))
        {
          const char *line = data + reader->pos;
          gsize line_length = end - reader->pos;

          next = end;
          if (next < length)
            next += data[next] == '\r' && next + 1 < length && data[next + 1] == '\n' ? 2 : 1;
          reader->pos = next;
          reader->line++;

          /* BOMs at the very start of the file */
          if (reader->line == 1)
            while (line_length >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
              {
                line += 3;
                line_length -= 3;
              }

          if (!g_utf8_validate_len (line, line_length, NULL) || memchr (line, '\0', line_length) != NULL)
            {
              g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_ENCODING,
                           _("Cannot read “%s”: it is not UTF-8 text"), reader->display);
              return NULL;
            }
          return cb_text_normalize (line, line_length);
        }

      if (reader->eof)
        return NULL;

      /* more bytes: drop what was read, append a block */
      {
        GError *local_error = NULL;
        gssize n;

        g_string_erase (reader->buffer, 0, reader->pos);
        reader->pos = 0;
        length = reader->buffer->len;
        g_string_set_size (reader->buffer, length + (1 << 16));
        n = g_input_stream_read (reader->stream, reader->buffer->str + length, 1 << 16, NULL, &local_error);
        g_string_set_size (reader->buffer, length + MAX (n, 0));
        if (n < 0)
          {
            g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                         _("Cannot read “%s”: %s"), reader->display, local_error->message);
            g_clear_error (&local_error);
            return NULL;
          }
        reader->eof = n == 0;
      }
    }
}

/* One checked line of a batch, waiting to be inserted. */
typedef struct
{
  gint64 code_id;
  gint64 document_id;
  gint64 start;
  gint64 end;
} BatchRow;

/* Rows are inserted a block at a time, sorted by code, document and
 * position: the coding indexes (by code and by document and position) are
 * then written in runs rather than at a million random places.  A block
 * is small (2 MB) next to the project. */
#define BATCH_BLOCK (1 << 16)

static int
compare_batch_rows (gconstpointer a,
                    gconstpointer b)
{
  const BatchRow *x = a;
  const BatchRow *y = b;

  if (x->code_id != y->code_id)
    return x->code_id < y->code_id ? -1 : 1;
  if (x->document_id != y->document_id)
    return x->document_id < y->document_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

/* The uuids of a batch's codings, in increasing order: random uuids put
 * each insert at a random place of the uuid index (a third of a million-
 * coding batch's time).  These follow RFC 9562's version 7: the time in
 * milliseconds, then random bits fixed for the batch, then a counter that
 * starts at a random value below 2^47; unique as version 4's are, and
 * consecutive in the index. */
typedef struct
{
  guint8  prefix[10];
  guint64 counter;
  char    text[BATCH_BLOCK][37];
} BatchUuids;

static void
batch_uuids_init (BatchUuids *uuids)
{
  guint64 ms = (guint64) (g_get_real_time () / 1000);

  for (guint i = 0; i < 6; i++)
    uuids->prefix[i] = (guint8) (ms >> (8 * (5 - i)));
  for (guint i = 6; i < 10; i++)
    uuids->prefix[i] = (guint8) g_random_int_range (0, 256);
  uuids->prefix[6] = (uuids->prefix[6] & 0x0F) | 0x70;   /* version 7 */
  uuids->prefix[8] = (uuids->prefix[8] & 0x3F) | 0x80;   /* variant 10 */
  uuids->counter = ((guint64) g_random_int () << 15 ^ g_random_int ()) & ((G_GUINT64_CONSTANT (1) << 47) - 1);
}

static const char *
batch_uuids_next (BatchUuids *uuids,
                  guint       slot)
{
  static const char hex[] = "0123456789abcdef";
  guint64 counter = uuids->counter++;
  char *p = uuids->text[slot];
  guint8 bytes[16];

  memcpy (bytes, uuids->prefix, 10);
  for (guint i = 10; i < 16; i++)
    bytes[i] = (guint8) (counter >> (8 * (15 - i)));
  for (guint i = 0; i < 16; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = hex[bytes[i] >> 4];
      *p++ = hex[bytes[i] & 0xF];
    }
  *p = '\0';
  return uuids->text[slot];
}

static gboolean
insert_batch_rows (CbProject    *self,
                   BatchRow     *rows,
                   guint         n_rows,
                   gint64        coder,
                   CbNewCoding  *codings,
                   BatchUuids   *uuids,
                   guint        *n_created,
                   GError      **error)
{
  qsort (rows, n_rows, sizeof *rows, compare_batch_rows);

  for (guint i = 0; i < n_rows;)
    {
      guint n = 0;
      gint64 code_id = rows[i].code_id;

      for (; i < n_rows && rows[i].code_id == code_id; i++, n++)
        codings[n] = (CbNewCoding) {
          .document_id = rows[i].document_id,
          .start = rows[i].start,
          .end = rows[i].end,
          .coder_id = coder,
          .uuid = batch_uuids_next (uuids, n),
        };
      if (!_cb_project_add_codings_in (self, code_id, codings, n, NULL, n_created, error))
        return FALSE;
    }
  return TRUE;
}

/* The batch in one transaction and one undo step.  Every line is checked,
 * in the order of the file, as it is read (the first bad line is the one
 * reported, and a missing code is created where the file first names it);
 * the codings are then inserted a block at a time. */
static gboolean
apply_batch_streamed (CbProject  *self,
                      GFile      *tsv,
                      guint      *n_applied,
                      GError    **error)
{
  g_autofree char *label = NULL;
  g_autofree BatchRow *rows = NULL;
  g_autofree CbNewCoding *codings = NULL;
  g_autofree BatchUuids *uuids = g_new (BatchUuids, 1);
  LineReader reader;
  ApplyCache cache = { 0 };
  guint n_rows = 0;
  guint applied = 0;
  gint64 cache_size = 0;
  gboolean ok = TRUE;

  if (!line_reader_init (&reader, tsv, error))
    {
      line_reader_clear (&reader);
      return FALSE;
    }

  label = g_strdup_printf (_("Apply codings from “%s”"), reader.display);
  if (!cb_store_begin (self->store, label, error))
    {
      line_reader_clear (&reader);
      return FALSE;
    }

  ok = apply_cache_init (self, &cache, error) &&
       (cache.coder = _cb_store_ensure_coder (self->store, self->coder, NULL, error)) > 0 &&
       (cache_size = _cb_store_begin_bulk (self->store, error)) != 0;
  rows = g_new (BatchRow, BATCH_BLOCK);
  codings = g_new (CbNewCoding, BATCH_BLOCK);
  batch_uuids_init (uuids);

  while (ok)
    {
      g_autofree char *line = NULL;
      g_auto(GStrv) fields = NULL;
      GError *local_error = NULL;
      CbDocumentInfo *document;
      gint64 start = 0;
      gint64 end = 0;
      gint64 code_id;

      if (!(line = line_reader_next (&reader, &local_error)))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              ok = FALSE;
            }
          break;
        }
      if (line[0] == '\0')
        continue;

      fields = cb_tsv_split_line (line, 5);
      if (fields == NULL || g_strv_length (fields) != 4 ||
          !cb_tsv_parse_offset (fields[1], &start) || !cb_tsv_parse_offset (fields[2], &end))
        {
          g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID,
                       _("%s, line %u: expected document<TAB>start<TAB>end<TAB>code path"),
                       reader.display, reader.line);
          ok = FALSE;
          break;
        }

      if (!(document = apply_cache_document (&cache, fields[0], error)) ||
          !check_span (document, start, end, error) ||
          !(code_id = apply_cache_code (self, &cache, fields[3], TRUE, error)))
        {
          g_prefix_error (error, _("%s, line %u: "), reader.display, reader.line);
          ok = FALSE;
          break;
        }

      rows[n_rows++] = (BatchRow) { code_id, document->id, start, end };
      if (n_rows == BATCH_BLOCK)
        {
          ok = insert_batch_rows (self, rows, n_rows, cache.coder, codings, uuids, &applied, error);
          n_rows = 0;
        }
    }

  if (ok && n_rows > 0)
    ok = insert_batch_rows (self, rows, n_rows, cache.coder, codings, uuids, &applied, error);

  _cb_store_end_bulk (self->store, cache_size);
  apply_cache_clear (&cache);
  line_reader_clear (&reader);

  if (!_cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error))
    return FALSE;
  if (n_applied != NULL)
    *n_applied = applied;
  return ok;
}

gboolean
cb_project_apply_batch (CbProject  *self,
                        GFile      *tsv,
                        gboolean    commit_each,
                        guint      *n_applied,
                        GError    **error)
{
  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (n_applied != NULL)
    *n_applied = 0;

  if (commit_each)
    return apply_batch_each (self, tsv, n_applied, error);
  return apply_batch_streamed (self, tsv, n_applied, error);
}

gboolean
cb_project_unapply (CbProject   *self,
                    const char  *document,
                    const char  *code_path,
                    gint64       start,
                    gint64       end,
                    GError     **error)
{
  g_autofree char *label = NULL;
  gint64 document_id;
  gint64 code;
  gint64 removed = 0;
  gboolean ok;

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  label = g_strdup_printf (_("Uncode “%s”"), code_path);
  if (!cb_store_begin (self->store, label, error))
    return FALSE;

  ok = (document_id = _cb_project_lookup_document (self, document, error)) > 0 &&
       (code = _cb_project_lookup_code (self, code_path, error)) > 0 &&
       (removed = _cb_store_delete_codings (self->store, document_id, code, start, end, 0, error)) >= 0;
  if (ok && removed == 0)
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_NOT_FOUND,
                   _("“%s” is not coded with “%s” at %" PRId64 "–%" PRId64),
                   document, code_path, start, end);
      ok = FALSE;
    }

  return _cb_project_finish (self, ok, CB_CHANGE_CODINGS | CB_CHANGE_CODES | CB_CHANGE_DOCUMENTS, error);
}

gboolean
cb_project_set_coding_memo (CbProject   *self,
                            gint64       coding_id,
                            const char  *memo,
                            GError     **error)
{
  g_autofree char *text = cb_text_normalize (memo != NULL ? memo : "", -1);

  g_return_val_if_fail (CB_IS_PROJECT (self), FALSE);

  if (!cb_store_begin (self->store, _("Edit the memo of a coding"), error))
    return FALSE;

  return _cb_project_finish (self, _cb_store_set_coding_memo (self->store, coding_id, text, error),
                 CB_CHANGE_CODINGS, error);
}
