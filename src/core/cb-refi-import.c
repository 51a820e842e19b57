/* cb-refi-import.c: reading REFI-QDA projects (.qdpx) and codebooks (.qdc)
 *
 * project.qde can be hundreds of megabytes (a million codings are 451 MB),
 * so it is never held whole: it is parsed as a stream (libxml2's
 * xmlTextReader, through cb_xml_reader_new_for_member(): inflated from the
 * zip member as it is read) in two passes.  The first reads everything but
 * the sources (users, code book, notes, which the schema puts after the
 * sources that refer to them) and checks the whole file is well-formed; the
 * second parses, resolves and stores one source at a time, so that only one
 * source's text and codings are ever in memory.  Everything is written in
 * one transaction into a new project in a scratch folder, moved into place
 * only when complete, so that a bad file never leaves anything behind.
 * Archives on disk are opened in place (cb_zip_open_file()) and never
 * extracted; their XML has no DTD, no entities, no network.
 *
 * Positions: REFI-QDA counts characters, but tools disagree on what a
 * character is (NVivo counts UTF-16 units, most others code points), and
 * count them in the text as written (a BOM is not counted, CRLF is two).
 * For each source with characters outside the BMP, both readings are tried
 * and the one under which the selections' names match the text wins, else
 * the one under which selections start and end on word boundaries; then
 * positions are mapped from the text as written to the stored, normalised
 * text.  The reading is decided per selection when the file mixes them
 * (QualCoder stores the positions it imported in code points and those of
 * its editor's codings in UTF-16 units): a selection whose name matches
 * under one reading only is read that way, the others the document's way.
 *
 * Notes that belong to no code, source, coding or project are free-standing
 * memos (their type and level from a Description "Codeboom memo; type: T;
 * level: L", as the export writes it); a selection without Coding holding
 * NoteRefs is evidence of those memos.  A TextSource's Description that
 * our export wrote ("Codeboom document; edited: T; pseudonymised: T")
 * gives the document its status again.  Project-level <Sets> of sources are
 * document sets.  Code names that an export made unique across the tree
 * ("Overig (Strategieën)", cb-refi-names.h) are restored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <libxml/xmlreader.h>

#include "cb-cases-private.h"
#include "cb-error.h"
#include "cb-names.h"
#include "cb-import-zip.h"
#include "cb-project-private.h"
#include "cb-project-turns.h"
#include "cb-pseudonymise.h"
#include "cb-refi-import.h"
#include "cb-refi-names.h"
#include "cb-search-private.h"
#include "cb-store-pseudonymise.h"
#include "cb-sets.h"
#include "cb-store-refi.h"
#include "cb-store-refi-notes.h"
#include "cb-store-sets.h"
#include "cb-text.h"

/* A .qdpx that is not a file on disk is read into memory whole; beyond
 * this it is refused.  One on disk is opened in place, and only its
 * members' limits apply. */
#define MAX_ARCHIVE_SIZE (1024 * 1024 * 1024)

/* The page cache of the project an import builds (see
 * _cb_store_refi_set_cache_size()): what the store needs, beside the one
 * source in memory at a time. */
#define IMPORT_CACHE_MIB 64

/* The share of the progress bar given to the first pass, which reads the
 * whole file but stores nothing: the second does the work. */
#define READ_SHARE 0.1

typedef struct _Code Code;

struct _Code
{
  char      *guid;
  char      *name;
  char      *color;        /* "#RRGGBB" or NULL */
  char      *description;
  GPtrArray *notes;        /* note guids */
  GPtrArray *children;     /* (element-type Code) */
  gint64     id;           /* once stored */
};

typedef struct
{
  char      *guid;
  char      *code_guid;
  char      *user_guid;
  char      *created;
  char      *selection_name;
  GPtrArray *notes;
  gint64     raw_start;
  gint64     raw_end;
  gint64     start;        /* in the stored text, -1 when invalid */
  gint64     end;
  GPtrArray *cases;        /* (element-type Case) (nullable): a span of
                            * these cases' coverage, not a coding */
  GPtrArray *evidence;     /* (nullable) note guids: a span that is evidence
                            * of these notes' memos, not a coding */
} Coding;

typedef struct
{
  char      *guid;
  char      *name;
  char      *created;
  GPtrArray *notes;
  char      *raw;          /* as written, BOM removed, valid UTF-8 */
  gsize      raw_length;
  char      *text;         /* normalised */
  gsize      length;
  gint64     n_chars;
  GBytes    *original;
  char      *original_name;
  char      *plain_path;
  char      *rich_path;
  GPtrArray *codings;      /* (element-type Coding) */
  char      *description;  /* (nullable) the TextSource's Description */
} Source;

/* A <Variable>: an attribute. */
typedef struct
{
  char            *guid;
  char            *name;
  CbAttributeType  type;
  gint64           id;     /* once stored; 0 when refused */
} Variable;

/* A <VariableValue> of a case. */
typedef struct
{
  char *variable_guid;
  char *value;
} CaseValue;

/* A <Case>: its values now, its coverage once its sources are stored. */
typedef struct
{
  char      *guid;
  char      *name;
  GPtrArray *values;       /* (element-type CaseValue) */
  gint64     id;           /* once stored; 0 when refused */
} Case;

/* A <Note>'s attributes, for a free-standing memo. */
typedef struct
{
  char *name;
  char *user_guid;
  char *created;
  char *modified;
  char *description;
} NoteMeta;

static void
note_meta_free (gpointer data)
{
  NoteMeta *meta = data;

  g_free (meta->name);
  g_free (meta->user_guid);
  g_free (meta->created);
  g_free (meta->modified);
  g_free (meta->description);
  g_free (meta);
}

/* A project-level <Set> of sources. */
typedef struct
{
  char      *guid;
  char      *name;
  char      *description;
  GPtrArray *sources;      /* source guids */
} DocumentSet;

static void
document_set_free (gpointer data)
{
  DocumentSet *set = data;

  g_free (set->guid);
  g_free (set->name);
  g_free (set->description);
  g_ptr_array_unref (set->sources);
  g_free (set);
}

/* The cases that refer to one source or selection. */
typedef struct
{
  GPtrArray *cases;        /* (element-type Case) borrowed */
  gboolean   found;
} CaseRef;

typedef struct
{
  const char  *filename;
  CbZip       *zip;          /* NULL for a bare .qde/.qdc */
  const char  *qde;          /* the .qde member of @zip */
  GBytes      *xml;          /* a bare .qde/.qdc */
  GHashTable  *members;      /* lower-case member name -> member name */
  char        *name;
  char        *created;
  char        *creating_user; /* the project's creatingUserGUID */
  GHashTable  *users;        /* guid -> name */
  GPtrArray   *codes;        /* top level (element-type Code) */
  GHashTable  *code_guids;   /* guid -> Code (borrowed) */
  GHashTable  *notes;        /* guid -> text */
  GHashTable  *note_meta;    /* guid -> NoteMeta */
  GPtrArray   *note_order;   /* note guids in file order */
  GPtrArray   *sets;         /* (element-type DocumentSet) */
  GPtrArray   *project_notes;
  GHashTable  *skipped;      /* element kind (translated, plural) -> count */
  GPtrArray   *warnings;
  GHashTable  *used_notes;   /* guids referenced and imported */
  GHashTable  *sibling_index; /* (GPtrArray *) siblings -> SiblingIndex */
  GPtrArray   *variables;    /* (element-type Variable) */
  GHashTable  *variable_guids; /* guid -> Variable (borrowed) */
  GPtrArray   *cases;        /* (element-type Case) */
  GHashTable  *case_sources; /* source guid -> CaseRef (<SourceRef>s) */
  GHashTable  *case_selections; /* selection guid -> CaseRef (<SelectionRef>s) */
  guint        n_sources;    /* every kind, counted by the first pass */
  CbProgressFunc progress;   /* (nullable) */
  gpointer     progress_data;
  GCancellable *cancellable; /* (nullable) */
} Model;

static void sibling_index_free (gpointer data);

static void
code_free (gpointer data)
{
  Code *code = data;

  g_free (code->guid);
  g_free (code->name);
  g_free (code->color);
  g_free (code->description);
  g_ptr_array_unref (code->notes);
  g_ptr_array_unref (code->children);
  g_free (code);
}

static Code *
code_new (void)
{
  Code *code = g_new0 (Code, 1);

  code->notes = g_ptr_array_new_with_free_func (g_free);
  code->children = g_ptr_array_new_with_free_func (code_free);
  return code;
}

static void
coding_free (gpointer data)
{
  Coding *coding = data;

  g_free (coding->guid);
  g_free (coding->code_guid);
  g_free (coding->user_guid);
  g_free (coding->created);
  g_free (coding->selection_name);
  g_clear_pointer (&coding->notes, g_ptr_array_unref);
  g_clear_pointer (&coding->evidence, g_ptr_array_unref);
  g_free (coding);
}

static void
source_free (gpointer data)
{
  Source *source = data;

  g_free (source->guid);
  g_free (source->name);
  g_free (source->created);
  g_free (source->raw);
  g_free (source->text);
  g_clear_pointer (&source->original, g_bytes_unref);
  g_free (source->original_name);
  g_free (source->plain_path);
  g_free (source->rich_path);
  g_free (source->description);
  g_clear_pointer (&source->notes, g_ptr_array_unref);
  g_clear_pointer (&source->codings, g_ptr_array_unref);
  g_free (source);
}

static void
variable_free (gpointer data)
{
  Variable *variable = data;

  g_free (variable->guid);
  g_free (variable->name);
  g_free (variable);
}

static void
case_value_free (gpointer data)
{
  CaseValue *value = data;

  g_free (value->variable_guid);
  g_free (value->value);
  g_free (value);
}

static void
case_free (gpointer data)
{
  Case *item = data;

  g_free (item->guid);
  g_free (item->name);
  g_ptr_array_unref (item->values);
  g_free (item);
}

static void
case_ref_free (gpointer data)
{
  CaseRef *ref = data;

  g_ptr_array_unref (ref->cases);
  g_free (ref);
}

static void
model_init (Model      *model,
            const char *filename)
{
  memset (model, 0, sizeof *model);
  model->filename = filename;
  model->members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  model->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  model->codes = g_ptr_array_new_with_free_func (code_free);
  model->code_guids = g_hash_table_new (g_str_hash, g_str_equal);
  model->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  model->note_meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, note_meta_free);
  model->note_order = g_ptr_array_new_with_free_func (g_free);
  model->sets = g_ptr_array_new_with_free_func (document_set_free);
  model->project_notes = g_ptr_array_new_with_free_func (g_free);
  model->skipped = g_hash_table_new (g_str_hash, g_str_equal);
  model->warnings = g_ptr_array_new_with_free_func (g_free);
  model->used_notes = g_hash_table_new (g_str_hash, g_str_equal);
  model->sibling_index = g_hash_table_new_full (NULL, NULL, NULL, sibling_index_free);
  model->variables = g_ptr_array_new_with_free_func (variable_free);
  model->variable_guids = g_hash_table_new (g_str_hash, g_str_equal);
  model->cases = g_ptr_array_new_with_free_func (case_free);
  model->case_sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, case_ref_free);
  model->case_selections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, case_ref_free);
}

static void
model_clear (Model *model)
{
  g_clear_pointer (&model->zip, cb_zip_free);
  g_clear_pointer (&model->xml, g_bytes_unref);
  g_hash_table_unref (model->members);
  g_free (model->name);
  g_free (model->created);
  g_hash_table_unref (model->users);
  g_hash_table_unref (model->code_guids);
  g_ptr_array_unref (model->codes);
  g_hash_table_unref (model->notes);
  g_hash_table_unref (model->note_meta);
  g_ptr_array_unref (model->note_order);
  g_ptr_array_unref (model->sets);
  g_free (model->creating_user);
  g_ptr_array_unref (model->project_notes);
  g_hash_table_unref (model->skipped);
  g_hash_table_unref (model->used_notes);
  g_hash_table_unref (model->sibling_index);
  g_hash_table_unref (model->case_sources);
  g_hash_table_unref (model->case_selections);
  g_hash_table_unref (model->variable_guids);
  g_ptr_array_unref (model->variables);
  g_ptr_array_unref (model->cases);
  if (model->warnings != NULL)
    g_ptr_array_unref (model->warnings);
}

void
cb_refi_import_report_free (CbRefiImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

/* Every error names the file. */
static void
prefix_error (GError     **error,
              const char  *filename)
{
  /* a cancel is not the file's fault */
  if (error != NULL && g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_prefix_error (error, _("Cannot import “%s”: "), filename);
}

/* XML helpers.  project.qde is read as a stream (a million codings are
 * hundreds of megabytes of XML): every parse_* function below is called with
 * the reader on an element's start tag and returns with it anywhere inside
 * that element (next_child() passes over whatever is left of it).  Elements
 * are matched by local name in any REFI-QDA namespace version
 * (urn:QDA-XML:project:1.0, 1:0, 0:4, codebook) or none. */

static gboolean
is_element (CbXmlReader *xr,
            const char  *name)
{
  xmlTextReader *r = cb_xml_reader_get (xr);
  const xmlChar *ns;

  if (xmlTextReaderNodeType (r) != XML_READER_TYPE_ELEMENT
      || strcmp ((const char *) xmlTextReaderConstLocalName (r), name) != 0)
    return FALSE;
  ns = xmlTextReaderConstNamespaceUri (r);
  return ns == NULL || g_str_has_prefix ((const char *) ns, "urn:QDA-XML:");
}

static char *
dup_attr (CbXmlReader *xr,
          const char  *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (cb_xml_reader_get (xr), (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* The next child element of the element at @depth: 1 on it, 0 at the
 * element's end, -1 with @error set. */
static int
next_child (CbXmlReader  *xr,
            int           depth,
            GError      **error)
{
  xmlTextReader *r = cb_xml_reader_get (xr);

  for (;;)
    {
      int ret = cb_xml_reader_read (xr, error);
      int type;
      int at;

      if (ret <= 0)
        return ret;
      type = xmlTextReaderNodeType (r);
      at = xmlTextReaderDepth (r);
      if (type == XML_READER_TYPE_END_ELEMENT && at <= depth)
        return 0;
      if (type == XML_READER_TYPE_ELEMENT && at == depth + 1)
        return 1;
    }
}

/* The first child element of the current element, which sets @depth for
 * next_child(). */
static int
first_child (CbXmlReader  *xr,
             int          *depth,
             GError      **error)
{
  xmlTextReader *r = cb_xml_reader_get (xr);

  *depth = xmlTextReaderDepth (r);
  if (xmlTextReaderIsEmptyElement (r))
    return 0;
  return next_child (xr, *depth, error);
}

/* The text of the current element and all its descendants, as
 * xmlNodeGetContent() gives it; NULL with @error set. */
static char *
read_content (CbXmlReader  *xr,
              GError      **error)
{
  xmlTextReader *r = cb_xml_reader_get (xr);
  g_autoptr(GString) text = g_string_new (NULL);
  int depth = xmlTextReaderDepth (r);

  if (xmlTextReaderIsEmptyElement (r))
    return g_strdup ("");
  for (;;)
    {
      int ret = cb_xml_reader_read (xr, error);
      int type;

      if (ret < 0)
        return NULL;
      if (ret == 0)
        break;
      type = xmlTextReaderNodeType (r);
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth (r) <= depth)
        break;
      if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
          type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        g_string_append (text, (const char *) xmlTextReaderConstValue (r));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* "{ABCDEF01-…}" and "abcdef01-…" are the same GUID: braces stripped,
 * lower case; NULL when it is not a GUID at all. */
static char *
normalize_guid (const char *guid)
{
  g_autofree char *trimmed = NULL;
  gsize length;

  if (guid == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (guid));
  length = strlen (trimmed);
  if (length == 38 && trimmed[0] == '{' && trimmed[37] == '}')
    {
      memmove (trimmed, trimmed + 1, 36);
      trimmed[36] = '\0';
      length = 36;
    }
  if (length != 36)
    return NULL;
  for (gsize i = 0; i < 36; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash ? trimmed[i] != '-' : !g_ascii_isxdigit (trimmed[i]))
        return NULL;
    }
  return g_ascii_strdown (trimmed, -1);
}

static char *
dup_guid_attr (CbXmlReader *xr,
               const char  *name)
{
  g_autofree char *value = dup_attr (xr, name);

  return normalize_guid (value);
}

/* "#RGB" and "#RRGGBB" in any case become "#RRGGBB"; anything else NULL. */
static char *
normalize_color (const char *color)
{
  if (color == NULL || color[0] != '#')
    return NULL;
  for (const char *p = color + 1; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p))
      return NULL;
  if (strlen (color) == 7)
    return g_ascii_strup (color, -1);
  if (strlen (color) == 4)
    {
      char expanded[8] = { '#', color[1], color[1], color[2], color[2], color[3], color[3], 0 };

      return g_ascii_strup (expanded, -1);
    }
  return NULL;
}

/* xs:dateTime as stored: ISO 8601 UTC with a Z; NULL when it does not parse. */
static char *
normalize_time (const char *value)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) in_utc = NULL;

  if (value == NULL || value[0] == '\0')
    return NULL;
  parsed = g_date_time_new_from_iso8601 (value, utc);
  if (parsed == NULL)
    return NULL;
  in_utc = g_date_time_to_utc (parsed);
  return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
dup_time_attr (CbXmlReader *xr,
               const char  *name)
{
  g_autofree char *value = dup_attr (xr, name);

  return normalize_time (value);
}

static void
count_skipped (Model      *model,
               const char *what)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (model->skipped, what));

  g_hash_table_insert (model->skipped, (gpointer) what, GUINT_TO_POINTER (n + 1));
}

/* On a <NoteRef>: adds its target to @notes. */
static void
add_note_ref (CbXmlReader *xr,
              GPtrArray   *notes)
{
  char *guid = dup_guid_attr (xr, "targetGUID");

  if (guid != NULL)
    g_ptr_array_add (notes, guid);
}

/* Archive members */

/* The member a REFI-QDA path refers to: internal:// is sources/, and
 * relative:// and bare paths are looked for in the archive too (by their
 * file name), never on disk.  Case does not matter. */
static const char *
find_member (Model      *model,
             const char *path)
{
  g_autofree char *lower = NULL;
  g_autofree char *in_sources = NULL;
  g_autofree char *basename = NULL;
  const char *rest = path;
  const char *found;

  if (model->zip == NULL || path == NULL || path[0] == '\0')
    return NULL;
  if (g_str_has_prefix (rest, "internal://"))
    rest += strlen ("internal://");
  else if (g_str_has_prefix (rest, "relative://"))
    rest += strlen ("relative://");
  else if (g_str_has_prefix (rest, "file://"))
    rest += strlen ("file://");

  lower = g_utf8_strdown (rest, -1);
  g_strdelimit (lower, "\\", '/');
  found = g_hash_table_lookup (model->members, lower);
  if (found != NULL)
    return found;

  basename = g_path_get_basename (lower);
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      /* then without the braces some tools put around GUIDs in paths only */
      if (attempt == 1)
        {
          char *out = basename;

          for (const char *in = basename; *in != '\0'; in++)
            if (*in != '{' && *in != '}')
              *out++ = *in;
          *out = '\0';
        }
      g_free (in_sources);
      in_sources = g_strconcat ("sources/", basename, NULL);
      found = g_hash_table_lookup (model->members, in_sources);
      if (found == NULL)
        found = g_hash_table_lookup (model->members, basename);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Reads a text file of the archive as written: BOM removed, valid UTF-8
 * (other encodings are decoded, and then already normalised). */
static char *
read_text_member (Model       *model,
                  const char  *member,
                  gsize       *length,
                  GError     **error)
{
  g_autoptr(GBytes) bytes = cb_zip_read_member (model->zip, member, error);
  const char *data;
  gsize size;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }
  if (memchr (data, '\0', size) == NULL && g_utf8_validate (data, size, NULL))
    {
      *length = size;
      return g_strndup (data, size);
    }
  else
    {
      char *decoded = cb_text_decode ((const guint8 *) data, size, NULL, NULL, NULL, error);

      if (decoded == NULL)
        {
          g_prefix_error (error, _("the text “%s” cannot be read: "), member);
          return NULL;
        }
      *length = strlen (decoded);
      return decoded;
    }
}

/* Codes */

/* A code name Codeboom accepts: normalised, not empty, without " / "
 * (the path separator; "/" alone is fine). */
static char *
clean_code_name (const char *name)
{
  g_autofree char *visible = cb_name_strip_forbidden (name);
  g_autofree char *normalized = cb_text_normalize_name (visible);
  GString *clean;

  if (normalized == NULL || normalized[0] == '\0')
    return g_strdup (_("Unnamed code"));
  clean = g_string_new (normalized);
  while (strstr (clean->str, CB_CODE_PATH_SEPARATOR) != NULL)
    {
      const char *at = strstr (clean->str, CB_CODE_PATH_SEPARATOR);

      g_string_erase (clean, at - clean->str, strlen (CB_CODE_PATH_SEPARATOR));
      g_string_insert_c (clean, at - clean->str, '/');
    }
  return g_string_free (clean, FALSE);
}

/* The names taken among one list of siblings, so that a code book with
 * thousands of codes under one parent is read in linear time (comparing
 * each name with every sibling took seconds at 20,000). */
typedef struct
{
  GHashTable *names;   /* name -> Code (borrowed) */
  GHashTable *next;    /* base name -> the last n of "Name (n)" handed out */
} SiblingIndex;

static void
sibling_index_free (gpointer data)
{
  SiblingIndex *index = data;

  g_hash_table_unref (index->names);
  g_hash_table_unref (index->next);
  g_free (index);
}

static SiblingIndex *
sibling_index (Model     *model,
               GPtrArray *siblings)
{
  SiblingIndex *index = g_hash_table_lookup (model->sibling_index, siblings);

  if (index == NULL)
    {
      index = g_new0 (SiblingIndex, 1);
      index->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      index->next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      /* siblings are only ever added through sibling_add(), but be
       * right whatever came before */
      for (guint i = 0; i < siblings->len; i++)
        {
          Code *code = g_ptr_array_index (siblings, i);

          if (!g_hash_table_contains (index->names, code->name))
            g_hash_table_insert (index->names, g_strdup (code->name), code);
        }
      g_hash_table_insert (model->sibling_index, siblings, index);
    }
  return index;
}

static Code *
find_sibling (Model      *model,
              GPtrArray  *siblings,
              const char *name)
{
  return g_hash_table_lookup (sibling_index (model, siblings)->names, name);
}

static void
sibling_add (Model     *model,
             GPtrArray *siblings,
             Code      *code)
{
  SiblingIndex *index = sibling_index (model, siblings);

  /* the first of a name is the one found, as when the list was searched */
  if (!g_hash_table_contains (index->names, code->name))
    g_hash_table_insert (index->names, g_strdup (code->name), code);
  g_ptr_array_add (siblings, code);
}

/* A name not yet used among @siblings: "Name", else "Name (2)", … the
 * smallest n free.  Names are only ever added, so the n found last time
 * for @name was taken for every smaller one and still is: the search
 * resumes there, which keeps many equal names linear too. */
static char *
unique_sibling_name (Model      *model,
                     GPtrArray  *siblings,
                     const char *name)
{
  SiblingIndex *index = sibling_index (model, siblings);
  char *candidate;
  guint n;

  if (!g_hash_table_contains (index->names, name))
    return g_strdup (name);
  n = MAX (2, GPOINTER_TO_UINT (g_hash_table_lookup (index->next, name)));
  candidate = g_strdup_printf ("%s (%u)", name, n);
  while (g_hash_table_contains (index->names, candidate))
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s (%u)", name, ++n);
    }
  g_hash_table_replace (index->next, g_strdup (name), GUINT_TO_POINTER (n));
  return candidate;
}

static char *
fresh_guid (void)
{
  return g_uuid_string_random ();
}

static gboolean parse_codes (Model *model, CbXmlReader *xr, GPtrArray *siblings, GError **error);

/* On a <Code>: the code, its description, notes and children. */
static gboolean
parse_code (Model        *model,
            CbXmlReader  *xr,
            GPtrArray    *siblings,
            GError      **error)
{
  g_autofree char *raw_name = dup_attr (xr, "name");
  g_autofree char *color = dup_attr (xr, "color");
  g_auto(GStrv) levels = NULL;
  Code *code;
  int depth;
  int ret;

  /* ATLAS.ti writes a hierarchy as flat names "Parent::Child" */
  if (raw_name != NULL && strstr (raw_name, "::") != NULL)
    levels = g_strsplit (raw_name, "::", -1);
  if (levels != NULL)
    {
      guint n = g_strv_length (levels);

      for (guint i = 0; i + 1 < n; i++)
        {
          g_autofree char *level = clean_code_name (levels[i]);
          Code *parent = find_sibling (model, siblings, level);

          if (parent == NULL)
            {
              parent = code_new ();
              parent->guid = fresh_guid ();
              parent->name = g_steal_pointer (&level);
              parent->description = g_strdup ("");
              sibling_add (model, siblings, parent);
            }
          siblings = parent->children;
        }
      g_free (raw_name);
      raw_name = g_strdup (levels[n - 1]);
    }

  code = code_new ();
  code->guid = dup_guid_attr (xr, "guid");
  if (code->guid == NULL || g_hash_table_contains (model->code_guids, code->guid))
    {
      /* keep the first code under a GUID for references; the other is
       * still a code */
      g_free (code->guid);
      code->guid = fresh_guid ();
    }
  {
    g_autofree char *clean = clean_code_name (raw_name);

    code->name = unique_sibling_name (model, siblings, clean);
    if (!g_str_equal (code->name, clean))
      g_ptr_array_add (model->warnings,
                       g_strdup_printf (_("Two codes at the same level are both named “%s”; "
                                          "the second was imported as “%s”"), clean, code->name));
  }
  code->color = normalize_color (color);
  code->description = g_strdup ("");
  /* in the tree before its children, which come in the same stream */
  g_hash_table_insert (model->code_guids, code->guid, code);
  sibling_add (model, siblings, code);

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (is_element (xr, "Description"))
        {
          g_autofree char *description = read_content (xr, error);

          if (description == NULL)
            return FALSE;
          g_free (code->description);
          code->description = cb_text_normalize (description, -1);
        }
      else if (is_element (xr, "NoteRef"))
        add_note_ref (xr, code->notes);
      else if (is_element (xr, "Code") && !parse_code (model, xr, code->children, error))
        return FALSE;
    }
  return ret == 0;
}

/* On an element whose <Code> children go to @siblings. */
static gboolean
parse_codes (Model        *model,
             CbXmlReader  *xr,
             GPtrArray    *siblings,
             GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    if (is_element (xr, "Code") && !parse_code (model, xr, siblings, error))
      return FALSE;
  return ret == 0;
}

/* Counts the @child elements of the current element as skipped @what. */
static gboolean
count_children (Model        *model,
                CbXmlReader  *xr,
                const char   *child,
                const char   *what,
                GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    if (is_element (xr, child))
      count_skipped (model, what);
  return ret == 0;
}

/* On a <CodeBook>. */
static gboolean
parse_codebook (Model        *model,
                CbXmlReader  *xr,
                GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (is_element (xr, "Codes"))
        {
          if (!parse_codes (model, xr, model->codes, error))
            return FALSE;
        }
      else if (is_element (xr, "Sets") && !count_children (model, xr, "Set", _("sets"), error))
        return FALSE;
    }
  return ret == 0;
}

/* Sources */

/* On a <Coding> of @source (inside @selection's attributes when there is
 * one: @selection_user and @selection_created). */
static gboolean
add_coding (CbXmlReader  *xr,
            Source       *source,
            const char   *selection_user,
            const char   *selection_created,
            gint64        start,
            gint64        end,
            const char   *selection_name,
            GError      **error)
{
  Coding *coding = g_new0 (Coding, 1);
  int depth;
  int ret;

  coding->guid = dup_guid_attr (xr, "guid");
  coding->user_guid = dup_guid_attr (xr, "creatingUser");
  if (coding->user_guid == NULL)
    coding->user_guid = g_strdup (selection_user);
  coding->created = dup_time_attr (xr, "creationDateTime");
  if (coding->created == NULL)
    coding->created = g_strdup (selection_created);
  coding->selection_name = g_strdup (selection_name);
  coding->notes = g_ptr_array_new_with_free_func (g_free);
  coding->raw_start = start;
  coding->raw_end = end;
  coding->start = coding->end = -1;
  g_ptr_array_add (source->codings, coding);

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (is_element (xr, "NoteRef"))
        add_note_ref (xr, coding->notes);
      else if (is_element (xr, "CodeRef"))
        {
          g_free (coding->code_guid);
          coding->code_guid = dup_guid_attr (xr, "targetGUID");
        }
    }
  return ret == 0;
}

static gboolean
parse_integer (const char *text,
               gint64     *value)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return FALSE;
  trimmed = g_strstrip (g_strdup (text));
  return g_ascii_string_to_signed (trimmed, 10, 0, G_MAXINT32, value, NULL);
}

/* On a <PlainTextSelection>: one coding per <Coding> inside. */
static gboolean
parse_selection (Model        *model,
                 CbXmlReader  *xr,
                 Source       *source,
                 GError      **error)
{
  g_autofree char *start_text = dup_attr (xr, "startPosition");
  g_autofree char *end_text = dup_attr (xr, "endPosition");
  g_autofree char *selection_name = dup_attr (xr, "name");
  g_autofree char *user = dup_guid_attr (xr, "creatingUser");
  g_autofree char *created = dup_time_attr (xr, "creationDateTime");
  g_autofree char *guid = dup_guid_attr (xr, "guid");
  g_autoptr(GPtrArray) selection_notes = g_ptr_array_new_with_free_func (g_free);
  CaseRef *case_ref = guid != NULL ? g_hash_table_lookup (model->case_selections, guid) : NULL;
  guint first = source->codings->len;
  gint64 start, end;
  int depth;
  int ret;

  if (!parse_integer (start_text, &start) || !parse_integer (end_text, &end))
    {
      g_ptr_array_add (model->warnings,
                       g_strdup_printf (_("A selection in “%s” has no valid positions and was skipped"),
                                        source->name != NULL ? source->name : "?"));
      return TRUE;
    }
  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (is_element (xr, "Coding"))
        {
          if (!add_coding (xr, source, user, created, start, end, selection_name, error))
            return FALSE;
        }
      else if (is_element (xr, "NoteRef"))
        add_note_ref (xr, selection_notes);
    }
  if (ret < 0)
    return FALSE;

  /* a selection's memo belongs to its codings, after their own notes */
  for (guint i = first; i < source->codings->len; i++)
    {
      Coding *coding = g_ptr_array_index (source->codings, i);

      for (guint j = 0; j < selection_notes->len; j++)
        g_ptr_array_add (coding->notes, g_strdup (selection_notes->pdata[j]));
    }

  /* a selection without codings is evidence of its notes' memos */
  if (first == source->codings->len && selection_notes->len > 0)
    {
      Coding *span = g_new0 (Coding, 1);

      span->selection_name = g_strdup (selection_name);
      span->raw_start = start;
      span->raw_end = end;
      span->start = span->end = -1;
      span->evidence = g_steal_pointer (&selection_notes);
      g_ptr_array_add (source->codings, span);
    }

  /* a span of cases (the first selection under its GUID): its positions
   * are resolved with the codings' */
  if (case_ref != NULL && !case_ref->found)
    {
      Coding *span = g_new0 (Coding, 1);

      span->selection_name = g_steal_pointer (&selection_name);
      span->raw_start = start;
      span->raw_end = end;
      span->start = span->end = -1;
      span->cases = case_ref->cases;
      case_ref->found = TRUE;
      g_ptr_array_add (source->codings, span);
    }
  return TRUE;
}

/* On a <TextSource>: its attributes, inline text, selections and notes.
 * Its text and original are read from the archive afterwards
 * (read_source_members()). */
static gboolean
parse_text_source (Model        *model,
                   CbXmlReader  *xr,
                   Source       *source,
                   GError      **error)
{
  int depth;
  int ret;

  source->guid = dup_guid_attr (xr, "guid");
  source->name = dup_attr (xr, "name");
  source->created = dup_time_attr (xr, "creationDateTime");
  source->plain_path = dup_attr (xr, "plainTextPath");
  source->rich_path = dup_attr (xr, "richTextPath");
  source->notes = g_ptr_array_new_with_free_func (g_free);
  source->codings = g_ptr_array_new_with_free_func (coding_free);

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (is_element (xr, "PlainTextContent"))
        {
          g_free (source->raw);
          if (!(source->raw = read_content (xr, error)))
            return FALSE;
          source->raw_length = strlen (source->raw);
        }
      else if (is_element (xr, "Description"))
        {
          g_free (source->description);
          if (!(source->description = read_content (xr, error)))
            return FALSE;
        }
      else if (is_element (xr, "PlainTextSelection"))
        {
          if (!parse_selection (model, xr, source, error))
            return FALSE;
        }
      else if (is_element (xr, "Coding"))
        {
          /* the whole source is coded */
          if (!add_coding (xr, source, NULL, NULL, 0, G_MAXINT64, NULL, error))
            return FALSE;
        }
      else if (is_element (xr, "VariableValue"))
        count_skipped (model, _("variable values"));
      else if (is_element (xr, "NoteRef"))
        add_note_ref (xr, source->notes);
    }
  return ret == 0;
}

static gboolean
read_source_members (Model   *model,
                     Source  *source,
                     GError **error)
{
  const char *member;

  if (source->raw == NULL)
    {
      member = find_member (model, source->plain_path);
      if (member == NULL)
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                       _("the text of source “%s” (%s) is not in the archive"),
                       source->name != NULL ? source->name : "?",
                       source->plain_path != NULL ? source->plain_path : _("no plainTextPath"));
          return FALSE;
        }
      source->raw = read_text_member (model, member, &source->raw_length, error);
      if (source->raw == NULL)
        return FALSE;
    }

  member = find_member (model, source->rich_path);
  if (member != NULL)
    {
      g_autofree char *basename = g_path_get_basename (member);
      const char *dot = strrchr (basename, '.');

      source->original = cb_zip_read_member (model->zip, member, error);
      if (source->original == NULL)
        return FALSE;
      source->original_name = dot != NULL && source->name != NULL && !g_str_has_suffix (source->name, dot)
        ? g_strconcat (source->name, dot, NULL)
        : g_strdup (source->name != NULL ? source->name : basename);
    }
  return TRUE;
}

/* On a <Notes>. */
static gboolean
parse_notes (Model        *model,
             CbXmlReader  *xr,
             GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      g_autofree char *guid = NULL;
      g_autofree char *path = NULL;
      char *text = NULL;
      NoteMeta *meta;
      int note_depth;
      int note_ret;

      if (!is_element (xr, "Note"))
        continue;
      guid = dup_guid_attr (xr, "guid");
      path = dup_attr (xr, "plainTextPath");
      if (guid == NULL)
        continue;
      meta = g_new0 (NoteMeta, 1);
      meta->name = dup_attr (xr, "name");
      meta->user_guid = dup_guid_attr (xr, "creatingUser");
      meta->created = dup_time_attr (xr, "creationDateTime");
      meta->modified = dup_time_attr (xr, "modifiedDateTime");
      for (note_ret = first_child (xr, &note_depth, error); note_ret > 0;
           note_ret = next_child (xr, note_depth, error))
        if (is_element (xr, "PlainTextContent"))
          {
            g_free (text);
            if (!(text = read_content (xr, error)))
              {
                note_meta_free (meta);
                return FALSE;
              }
          }
        else if (is_element (xr, "Description"))
          {
            g_free (meta->description);
            if (!(meta->description = read_content (xr, error)))
              {
                g_free (text);
                note_meta_free (meta);
                return FALSE;
              }
          }
      if (!g_hash_table_contains (model->notes, guid))
        g_ptr_array_add (model->note_order, g_strdup (guid));
      g_hash_table_replace (model->note_meta, g_strdup (guid), meta);
      if (note_ret < 0)
        {
          g_free (text);
          return FALSE;
        }
      if (text == NULL && path != NULL)
        {
          const char *member = find_member (model, path);
          gsize length;

          if (member != NULL && !(text = read_text_member (model, member, &length, error)))
            return FALSE;
        }
      if (text == NULL)
        text = g_strdup ("");
      g_hash_table_replace (model->notes, g_steal_pointer (&guid), text);
    }
  return ret == 0;
}

/* On a <Variables>. */
static gboolean
parse_variables (Model        *model,
                 CbXmlReader  *xr,
                 GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      g_autofree char *type = NULL;
      Variable *variable;

      if (!is_element (xr, "Variable"))
        continue;
      variable = g_new0 (Variable, 1);
      variable->guid = dup_guid_attr (xr, "guid");
      variable->name = dup_attr (xr, "name");
      type = dup_attr (xr, "typeOfVariable");
      variable->type = _cb_attribute_type_from_refi (type != NULL ? g_strstrip (type) : NULL);
      g_ptr_array_add (model->variables, variable);
      /* the first under a GUID is the one values refer to */
      if (variable->guid != NULL && !g_hash_table_contains (model->variable_guids, variable->guid))
        g_hash_table_insert (model->variable_guids, variable->guid, variable);
    }
  return ret == 0;
}

/* Adds @item to the cases that refer to @guid in @refs. */
static void
add_case_ref (GHashTable *refs,
              char       *guid,
              Case       *item)
{
  CaseRef *ref;

  if (guid == NULL)
    return;
  ref = g_hash_table_lookup (refs, guid);
  if (ref == NULL)
    {
      ref = g_new0 (CaseRef, 1);
      ref->cases = g_ptr_array_new ();
      g_hash_table_insert (refs, g_strdup (guid), ref);
    }
  if (ref->cases->len == 0 || ref->cases->pdata[ref->cases->len - 1] != item)
    g_ptr_array_add (ref->cases, item);
  g_free (guid);
}

/* On a <VariableValue> of @item. */
static gboolean
parse_case_value (CbXmlReader  *xr,
                  Case         *item,
                  GError      **error)
{
  g_autofree char *variable_guid = NULL;
  g_autofree char *value = NULL;
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (is_element (xr, "VariableRef"))
        {
          g_free (variable_guid);
          variable_guid = dup_guid_attr (xr, "targetGUID");
        }
      else if (is_element (xr, "TextValue") || is_element (xr, "BooleanValue") ||
               is_element (xr, "IntegerValue") || is_element (xr, "FloatValue") ||
               is_element (xr, "DateValue") || is_element (xr, "DateTimeValue"))
        {
          g_free (value);
          if (!(value = read_content (xr, error)))
            return FALSE;
        }
    }
  if (ret < 0)
    return FALSE;
  if (value != NULL)
    {
      CaseValue *case_value = g_new0 (CaseValue, 1);

      case_value->variable_guid = g_steal_pointer (&variable_guid);
      case_value->value = g_steal_pointer (&value);
      g_ptr_array_add (item->values, case_value);
    }
  return TRUE;
}

/* On a <Cases>: the cases and their values, and which sources and
 * selections they cover, for the second pass to find. */
static gboolean
parse_cases (Model        *model,
             CbXmlReader  *xr,
             GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      Case *item;
      int case_depth;
      int case_ret;

      if (!is_element (xr, "Case"))
        continue;
      item = g_new0 (Case, 1);
      item->guid = dup_guid_attr (xr, "guid");
      item->name = dup_attr (xr, "name");
      item->values = g_ptr_array_new_with_free_func (case_value_free);
      g_ptr_array_add (model->cases, item);
      for (case_ret = first_child (xr, &case_depth, error); case_ret > 0;
           case_ret = next_child (xr, case_depth, error))
        {
          if (is_element (xr, "VariableValue"))
            {
              if (!parse_case_value (xr, item, error))
                return FALSE;
            }
          else if (is_element (xr, "SourceRef"))
            add_case_ref (model->case_sources, dup_guid_attr (xr, "targetGUID"), item);
          else if (is_element (xr, "SelectionRef"))
            add_case_ref (model->case_selections, dup_guid_attr (xr, "targetGUID"), item);
        }
      if (case_ret < 0)
        return FALSE;
    }
  return ret == 0;
}

/* On a <Sources>, first pass: counts them (for the progress of the
 * second), and lets a cancel in. */
static gboolean
count_sources (Model        *model,
               CbXmlReader  *xr,
               GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      if (g_cancellable_set_error_if_cancelled (model->cancellable, error))
        return FALSE;
      model->n_sources++;
    }
  return ret == 0;
}

/* On the project's <Sets>: sets of sources are document sets; the
 * members Codeboom cannot put in one (codes, notes) are counted. */
static gboolean
parse_sets (Model        *model,
            CbXmlReader  *xr,
            GError      **error)
{
  int depth;
  int ret;

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      DocumentSet *set;
      int set_depth;
      int set_ret;

      if (!is_element (xr, "Set"))
        continue;
      set = g_new0 (DocumentSet, 1);
      set->guid = dup_guid_attr (xr, "guid");
      set->name = dup_attr (xr, "name");
      set->sources = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (model->sets, set);
      for (set_ret = first_child (xr, &set_depth, error); set_ret > 0;
           set_ret = next_child (xr, set_depth, error))
        {
          if (is_element (xr, "MemberSource"))
            {
              char *guid = dup_guid_attr (xr, "targetGUID");

              if (guid != NULL)
                g_ptr_array_add (set->sources, guid);
            }
          else if (is_element (xr, "Description"))
            {
              g_free (set->description);
              if (!(set->description = read_content (xr, error)))
                return FALSE;
            }
          else if (is_element (xr, "MemberCode") || is_element (xr, "MemberNote"))
            count_skipped (model, _("set members that are codes or notes"));
        }
      if (set_ret < 0)
        return FALSE;
    }
  return ret == 0;
}

/* On the root <Project>, first pass: everything but the sources, which
 * the second pass streams into the project one at a time
 * (stream_sources()).  Notes may come after the sources that refer to
 * them (they do in the schema's order), hence two passes. */
static gboolean
parse_project (Model        *model,
               CbXmlReader  *xr,
               GError      **error)
{
  int depth;
  int ret;

  model->name = dup_attr (xr, "name");
  model->created = dup_time_attr (xr, "creationDateTime");
  model->creating_user = dup_guid_attr (xr, "creatingUserGUID");

  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      gboolean ok = TRUE;

      if (is_element (xr, "Users"))
        {
          int user_depth;
          int user_ret;

          for (user_ret = first_child (xr, &user_depth, error); user_ret > 0;
               user_ret = next_child (xr, user_depth, error))
            if (is_element (xr, "User"))
              {
                char *guid = dup_guid_attr (xr, "guid");
                char *name = dup_attr (xr, "name");

                if (guid != NULL)
                  g_hash_table_replace (model->users, guid, name != NULL ? name : g_strdup (""));
                else
                  g_free (name);
              }
          ok = user_ret == 0;
        }
      else if (is_element (xr, "CodeBook"))
        ok = parse_codebook (model, xr, error);
      else if (is_element (xr, "Notes"))
        ok = parse_notes (model, xr, error);
      else if (is_element (xr, "NoteRef"))
        add_note_ref (xr, model->project_notes);
      else if (is_element (xr, "Graphs"))
        ok = count_children (model, xr, "Graph", _("graphs"), error);
      else if (is_element (xr, "Links"))
        ok = count_children (model, xr, "Link", _("links"), error);
      else if (is_element (xr, "Sets"))
        ok = parse_sets (model, xr, error);
      else if (is_element (xr, "Variables"))
        ok = parse_variables (model, xr, error);
      else if (is_element (xr, "Cases"))
        ok = parse_cases (model, xr, error);
      else if (is_element (xr, "Sources"))
        ok = count_sources (model, xr, error);
      if (!ok)
        return FALSE;
    }
  return ret == 0;
}

/* Positions */

/* Sorted, distinct positions of one source with what they resolve to
 * under one reading. */
typedef struct
{
  GArray *values;   /* gint64, sorted, distinct */
  GArray *chars;    /* gint64 code points into the raw text, -1 when invalid */
  GArray *bytes;    /* gsize byte offsets into the raw text */
} Positions;

static void
positions_clear (Positions *positions)
{
  g_clear_pointer (&positions->values, g_array_unref);
  g_clear_pointer (&positions->chars, g_array_unref);
  g_clear_pointer (&positions->bytes, g_array_unref);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static guint
positions_index (Positions *positions,
                 gint64     value)
{
  guint index = 0;

  g_array_binary_search (positions->values, &value, compare_int64, &index);
  return index;
}

/* Resolves every position of @source under one reading with one walk of
 * its raw text, all through cb-text. */
static void
positions_resolve (Positions *positions,
                   Source    *source,
                   gint64     raw_chars,
                   gboolean   utf16)
{
  CbTextWalker walker;

  cb_text_walker_init (&walker, source->raw, source->raw_length, utf16);
  g_array_set_size (positions->chars, 0);
  g_array_set_size (positions->bytes, 0);
  for (guint i = 0; i < positions->values->len; i++)
    {
      gint64 value = g_array_index (positions->values, gint64, i);
      gint64 chars = -1;
      gsize bytes = 0;

      if (value == G_MAXINT64)
        {
          chars = raw_chars;
          bytes = source->raw_length;
        }
      else if (value >= 0 && utf16)
        {
          chars = cb_text_walker_char_at_utf16 (&walker, value);
          if (chars >= 0)
            bytes = walker.byte;
        }
      else if (value >= 0 && value <= raw_chars)
        {
          bytes = cb_text_walker_byte_at (&walker, value);
          chars = value;
        }
      g_array_append_val (positions->chars, chars);
      g_array_append_val (positions->bytes, bytes);
    }
}

static gboolean
is_word_char (const char *p)
{
  return g_unichar_isalnum (g_utf8_get_char (p));
}

/* Whether a selection starts and ends between words (or at the text's
 * edges), as people select. */
static gboolean
on_word_boundaries (Source *source,
                    gsize   start,
                    gsize   end)
{
  const char *text = source->raw;

  if (start > 0 && start < source->raw_length
      && is_word_char (g_utf8_prev_char (text + start)) && is_word_char (text + start))
    return FALSE;
  if (end > 0 && end < source->raw_length
      && is_word_char (g_utf8_prev_char (text + end)) && is_word_char (text + end))
    return FALSE;
  return TRUE;
}

/* 2 when a selection's name is its text, 1 when it is the beginning of it
 * (names are often cut short), 0 otherwise; white space and a trailing
 * ellipsis aside. */
static int
name_matches (const char *name,
              const char *text,
              gsize       length)
{
  g_autofree char *wanted = NULL;
  g_autofree char *got = NULL;

  if (name == NULL)
    return 0;
  wanted = g_strstrip (cb_text_normalize (name, -1));
  if (g_str_has_suffix (wanted, "…"))
    wanted[strlen (wanted) - strlen ("…")] = '\0';
  else if (g_str_has_suffix (wanted, "..."))
    wanted[strlen (wanted) - 3] = '\0';
  g_strstrip (wanted);
  if (wanted[0] == '\0')
    return 0;
  got = g_strstrip (cb_text_normalize (text, length));
  if (g_str_equal (got, wanted))
    return 2;
  return g_str_has_prefix (got, wanted) || (got[0] != '\0' && g_str_has_prefix (wanted, got)) ? 1 : 0;
}

typedef struct
{
  guint valid;
  guint named;
  guint names_matched;
  guint names_exact;
  guint on_boundaries;
} Score;

/* How well @coding reads under @positions' reading: -1 when its span is
 * impossible, else name_matches() of its text (0 when it has no name). */
static int
coding_fit (Source    *source,
            Positions *positions,
            Coding    *coding)
{
  guint s = positions_index (positions, coding->raw_start);
  guint e = positions_index (positions, coding->raw_end);
  gint64 start = g_array_index (positions->chars, gint64, s);
  gint64 end = g_array_index (positions->chars, gint64, e);
  gsize start_byte = g_array_index (positions->bytes, gsize, s);
  gsize end_byte = g_array_index (positions->bytes, gsize, e);

  if (start < 0 || end < 0 || start >= end)
    return -1;
  if (coding->selection_name == NULL || coding->selection_name[0] == '\0')
    return 0;
  return name_matches (coding->selection_name, source->raw + start_byte, end_byte - start_byte);
}

static void
score_reading (Source    *source,
               Positions *positions,
               Score     *score)
{
  memset (score, 0, sizeof *score);
  for (guint i = 0; i < source->codings->len; i++)
    {
      Coding *coding = g_ptr_array_index (source->codings, i);
      guint s = positions_index (positions, coding->raw_start);
      guint e = positions_index (positions, coding->raw_end);
      gint64 start = g_array_index (positions->chars, gint64, s);
      gint64 end = g_array_index (positions->chars, gint64, e);
      gsize start_byte = g_array_index (positions->bytes, gsize, s);
      gsize end_byte = g_array_index (positions->bytes, gsize, e);

      if (start < 0 || end < 0 || start >= end)
        continue;
      score->valid++;
      if (coding->selection_name != NULL && coding->selection_name[0] != '\0')
        {
          int match = name_matches (coding->selection_name, source->raw + start_byte, end_byte - start_byte);

          score->named++;
          if (match > 0)
            score->names_matched++;
          if (match == 2)
            score->names_exact++;
        }
      if (on_word_boundaries (source, start_byte, end_byte))
        score->on_boundaries++;
    }
}

/* Code points of the normalised text before raw code point @raw_char,
 * for texts whose normalisation only turned CRLF and CR into LF. */
static void
map_line_ends (Source    *source,
               Positions *positions)
{
  const char *p = source->raw;
  const char *end = source->raw + source->raw_length;
  gint64 raw_char = 0;
  gint64 normalized = 0;

  for (guint i = 0; i < positions->chars->len; i++)
    {
      gint64 *target = &g_array_index (positions->chars, gint64, i);

      if (*target < 0)
        continue;
      while (raw_char < *target && p < end)
        {
          /* the CR of a CRLF disappears */
          if (!(*p == '\r' && p + 1 < end && p[1] == '\n'))
            normalized++;
          p = g_utf8_next_char (p);
          raw_char++;
        }
      *target = normalized;
    }
}

/* The general case (normalisation composed characters): normalise the
 * text up to each position.  Rare, and slower. */
static void
map_by_prefix (Source    *source,
               Positions *positions)
{
  for (guint i = 0; i < positions->chars->len; i++)
    {
      gint64 *target = &g_array_index (positions->chars, gint64, i);
      gsize byte = g_array_index (positions->bytes, gsize, i);
      g_autofree char *prefix = NULL;

      if (*target < 0)
        continue;
      prefix = cb_text_normalize (source->raw, byte);
      *target = cb_text_count_chars (prefix, strlen (prefix));
    }
}

static char *
fix_line_ends (const char *text,
               gsize       length)
{
  GString *fixed = g_string_sized_new (length);

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\r')
        {
          g_string_append_c (fixed, '\n');
          if (i + 1 < length && text[i + 1] == '\n')
            i++;
        }
      else
        g_string_append_c (fixed, text[i]);
    }
  return g_string_free (fixed, FALSE);
}

static void
resolve_source (Model  *model,
                Source *source)
{
  Positions positions = { 0 };
  Positions other = { 0 };          /* the UTF-16 reading, beside it */
  gboolean *reads_utf16 = NULL;     /* per coding */
  gboolean has_astral = FALSE;
  gboolean utf16 = FALSE;
  gint64 raw_chars;
  guint n_invalid = 0;
  guint n_utf16 = 0;
  guint n_chars = 0;

  source->text = cb_text_normalize (source->raw, source->raw_length);
  source->length = strlen (source->text);
  source->n_chars = cb_text_count_chars (source->text, source->length);
  if (source->codings->len == 0)
    return;

  raw_chars = cb_text_count_chars (source->raw, source->raw_length);
  positions.values = g_array_new (FALSE, FALSE, sizeof (gint64));
  positions.chars = g_array_new (FALSE, FALSE, sizeof (gint64));
  positions.bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (guint i = 0; i < source->codings->len; i++)
    {
      Coding *coding = g_ptr_array_index (source->codings, i);

      g_array_append_val (positions.values, coding->raw_start);
      g_array_append_val (positions.values, coding->raw_end);
    }
  g_array_sort (positions.values, compare_int64);
  for (guint i = 1; i < positions.values->len; )
    if (g_array_index (positions.values, gint64, i) == g_array_index (positions.values, gint64, i - 1))
      g_array_remove_index (positions.values, i);
    else
      i++;

  /* Only characters outside the BMP make the two readings differ. */
  for (gsize i = 0; i < source->raw_length; i++)
    if ((guchar) source->raw[i] >= 0xf0)
      {
        has_astral = TRUE;
        break;
      }

  if (has_astral)
    {
      Score as_chars, as_utf16;

      other.values = g_array_copy (positions.values);
      other.chars = g_array_new (FALSE, FALSE, sizeof (gint64));
      other.bytes = g_array_new (FALSE, FALSE, sizeof (gsize));
      positions_resolve (&other, source, raw_chars, TRUE);
      score_reading (source, &other, &as_utf16);
      positions_resolve (&positions, source, raw_chars, FALSE);
      score_reading (source, &positions, &as_chars);

      /* the document's reading: names first (whole names before names
       * cut short), then word boundaries, then the reading with fewer
       * impossible positions */
      if (as_chars.names_exact != as_utf16.names_exact)
        utf16 = as_utf16.names_exact > as_chars.names_exact;
      else if (as_chars.names_matched != as_utf16.names_matched)
        utf16 = as_utf16.names_matched > as_chars.names_matched;
      else if (as_chars.on_boundaries != as_utf16.on_boundaries)
        utf16 = as_utf16.on_boundaries > as_chars.on_boundaries;
      else
        utf16 = as_utf16.valid > as_chars.valid;

      /* then each selection's own: the reading under which its name fits
       * better (or which is possible at all), else the document's */
      reads_utf16 = g_new0 (gboolean, source->codings->len + 1);
      for (guint i = 0; i < source->codings->len; i++)
        {
          Coding *coding = g_ptr_array_index (source->codings, i);
          int fit_chars = coding_fit (source, &positions, coding);
          int fit_utf16 = coding_fit (source, &other, coding);

          reads_utf16[i] = fit_chars != fit_utf16 ? fit_utf16 > fit_chars : utf16;
        }
    }
  else
    positions_resolve (&positions, source, raw_chars, FALSE);

  if (source->raw_length != source->length || memcmp (source->raw, source->text, source->length) != 0)
    {
      g_autofree char *fixed = fix_line_ends (source->raw, source->raw_length);
      gboolean line_ends_only = g_str_equal (fixed, source->text);

      if (line_ends_only)
        map_line_ends (source, &positions);
      else
        map_by_prefix (source, &positions);
      if (other.values != NULL && line_ends_only)
        map_line_ends (source, &other);
      else if (other.values != NULL)
        map_by_prefix (source, &other);
    }

  for (guint i = 0; i < source->codings->len; i++)
    {
      Coding *coding = g_ptr_array_index (source->codings, i);
      Positions *chosen = reads_utf16 != NULL && reads_utf16[i] ? &other : &positions;
      gint64 start = g_array_index (chosen->chars, gint64, positions_index (chosen, coding->raw_start));
      gint64 end = g_array_index (chosen->chars, gint64, positions_index (chosen, coding->raw_end));

      if (start < 0 || end < 0 || start >= end || end > source->n_chars)
        {
          n_invalid++;
          continue;
        }
      coding->start = start;
      coding->end = end;
      if (reads_utf16 != NULL && reads_utf16[i])
        n_utf16++;
      else
        n_chars++;
    }
  if (n_utf16 > 0 && n_chars > 0)
    g_ptr_array_add (model->warnings,
                     /* TRANSLATORS: a note after a REFI-QDA import; the tool that wrote the file
                      * counted positions in two ways within one document */
                     g_strdup_printf (_("“%s” mixes two position units: %u selections were read in code points, "
                                        "%u in UTF-16 units"), source->name, n_chars, n_utf16));
  if (n_invalid > 0)
    g_ptr_array_add (model->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u selection of “%s” lies outside its text and was skipped",
                                                   "%u selections of “%s” lie outside its text and were skipped",
                                                   n_invalid),
                                      n_invalid, source->name));
  positions_clear (&positions);
  positions_clear (&other);
  g_free (reads_utf16);
}

/* Reading the file */

static gboolean
open_archive (Model   *model,
              GError **error)
{
  for (guint64 i = 0; i < cb_zip_get_n_members (model->zip); i++)
    {
      const char *name = cb_zip_get_member_name (model->zip, i);

      if (name == NULL || !cb_zip_member_name_is_safe (name))
        {
          g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_UNSAFE,
                       _("It was refused: its entry “%s” points outside the archive "
                         "(an absolute path or “..”)"), name != NULL ? name : "?");
          return FALSE;
        }
      g_hash_table_replace (model->members, g_utf8_strdown (name, -1), g_strdup (name));
    }
  return TRUE;
}

/* The .qde of an archive: project.qde when there is one, else the only
 * other *.qde at its top level. */
static const char *
find_qde (Model   *model,
          GError **error)
{
  const char *found = g_hash_table_lookup (model->members, "project.qde");
  GHashTableIter iter;
  gpointer key, value;

  if (found != NULL)
    return found;
  g_hash_table_iter_init (&iter, model->members);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_str_has_suffix (key, ".qde") && strchr (key, '/') == NULL)
      return value;

  g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
               _("It is not a REFI-QDA project: there is no .qde file in the archive"));
  return NULL;
}

static gboolean
is_zip (GBytes *bytes)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  return size >= 2 && data[0] == 'P' && data[1] == 'K';
}

/* Takes @zip (an archive already open) as the model's input. */
static gboolean
model_set_zip (Model   *model,
               CbZip   *zip,
               GError **error)
{
  model->zip = zip;
  return open_archive (model, error) && (model->qde = find_qde (model, error)) != NULL;
}

/* The input in memory: an archive, or a bare .qde/.qdc. */
static gboolean
model_set_bytes (Model   *model,
                 GBytes  *bytes,
                 GError **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  model->xml = g_bytes_ref (bytes);
  if (!is_zip (bytes))
    return TRUE;
  {
    CbZip *zip = cb_zip_open_bytes (model->filename, data, size, NULL, error);

    return zip != NULL && model_set_zip (model, zip, error);
  }
}

/* A fresh reader on the .qde, on its root element. */
static CbXmlReader *
open_root (Model   *model,
           GError **error)
{
  g_autoptr(CbXmlReader) xr = NULL;
  int ret;

  if (model->zip != NULL)
    xr = cb_xml_reader_new_for_member (model->zip, model->qde, error);
  else
    xr = cb_xml_reader_new_for_memory (model->filename, g_bytes_get_data (model->xml, NULL),
                                       g_bytes_get_size (model->xml));
  if (xr == NULL)
    return NULL;
  while ((ret = cb_xml_reader_read (xr, error)) > 0)
    if (xmlTextReaderNodeType (cb_xml_reader_get (xr)) == XML_READER_TYPE_ELEMENT)
      return g_steal_pointer (&xr);
  if (ret == 0)
    g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                 _("It is damaged: “%s” is not well-formed XML (line %d: %s)"),
                 model->qde != NULL ? model->qde : model->filename, 1, _("unknown error"));
  return NULL;
}

/* The first pass: everything but the sources, and the whole file checked
 * to be well-formed before anything is written. */
static void
flatten_codes (GPtrArray *codes,
               int        parent,
               GPtrArray *flat,
               GArray    *parents,
               GPtrArray *sibling_lists)
{
  for (guint i = 0; i < codes->len; i++)
    {
      Code *code = g_ptr_array_index (codes, i);
      int index = flat->len;

      g_ptr_array_add (flat, code);
      g_array_append_val (parents, parent);
      g_ptr_array_add (sibling_lists, codes);
      flatten_codes (code->children, index, flat, parents, sibling_lists);
    }
}

/* Names an export made unique across the tree ("Overig (Strategieën)")
 * back to what they were, where no sibling has that name already. */
static void
restore_unique_names (Model *model)
{
  g_autoptr(GPtrArray) flat = g_ptr_array_new ();
  g_autoptr(GArray) parents = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) sibling_lists = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_auto(GStrv) restored = NULL;

  flatten_codes (model->codes, -1, flat, parents, sibling_lists);
  if (flat->len == 0)
    return;
  for (guint i = 0; i < flat->len; i++)
    g_ptr_array_add (names, ((Code *) flat->pdata[i])->name);
  restored = _cb_refi_restore_names ((const char * const *) names->pdata, (const int *) parents->data, flat->len);
  for (guint i = 0; i < flat->len; i++)
    {
      Code *code = flat->pdata[i];
      GPtrArray *siblings = sibling_lists->pdata[i];
      gboolean free = TRUE;

      if (g_str_equal (restored[i], code->name))
        continue;
      for (guint j = 0; j < siblings->len && free; j++)
        free = !g_str_equal (((Code *) siblings->pdata[j])->name, restored[i]);
      if (!free)
        continue;
      /* a copy: a NULL in the middle would end g_strfreev() there */
      g_free (code->name);
      code->name = g_strdup (restored[i]);
    }
}

static gboolean
read_model (Model    *model,
            gboolean  codebook_only,
            GError  **error)
{
  g_autoptr(CbXmlReader) xr = open_root (model, error);
  int ret;

  if (xr == NULL)
    return FALSE;
  if (is_element (xr, "Project"))
    {
      if (!parse_project (model, xr, error))
        return FALSE;
    }
  else if (is_element (xr, "CodeBook") && codebook_only)
    {
      if (!parse_codebook (model, xr, error))
        return FALSE;
    }
  else
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   codebook_only
                   ? _("It is not a REFI-QDA codebook: its root element is not <CodeBook>")
                   : _("It is not a REFI-QDA project: its root element is not <Project>"));
      return FALSE;
    }
  while ((ret = cb_xml_reader_read (xr, error)) > 0)
    ;
  if (ret == 0)
    restore_unique_names (model);
  return ret == 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

static void
add_skipped_warning (Model *model)
{
  g_autoptr(GString) list = NULL;
  GHashTableIter iter;
  gpointer key, value;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();

  if (g_hash_table_size (model->skipped) == 0)
    return;
  g_hash_table_iter_init (&iter, model->skipped);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (kinds, key);
  g_ptr_array_sort (kinds, compare_strings);
  list = g_string_new (NULL);
  for (guint i = 0; i < kinds->len; i++)
    g_string_append_printf (list, "%s%s: %u", i > 0 ? ", " : "", (const char *) kinds->pdata[i],
                            GPOINTER_TO_UINT (g_hash_table_lookup (model->skipped, kinds->pdata[i])));
  g_ptr_array_add (model->warnings,
                   g_strdup_printf (_("Not imported (Codeboom holds text only): %s"), list->str));
}

/* Joins the texts of @notes (note guids) with blank lines. */
static char *
join_notes (Model     *model,
            GPtrArray *notes)
{
  GString *memo = g_string_new (NULL);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    {
      gpointer guid, text;

      /* the model's own key: @notes may be gone before the model */
      if (!g_hash_table_lookup_extended (model->notes, notes->pdata[i], &guid, &text))
        continue;
      g_hash_table_add (model->used_notes, guid);
      if (memo->len > 0)
        g_string_append (memo, "\n\n");
      g_string_append (memo, text);
    }
  {
    char *normalized = cb_text_normalize (memo->str, memo->len);

    g_string_free (memo, TRUE);
    return normalized;
  }
}

/* Writing to the project */

static gboolean
store_codes (Model      *model,
             CbProject  *project,
             GPtrArray  *codes,
             gint64      parent,
             gboolean    merge_by_path,
             guint      *n_added,
             GError    **error)
{
  CbStore *store = _cb_project_get_store (project);

  for (guint i = 0; i < codes->len; i++)
    {
      Code *code = g_ptr_array_index (codes, i);
      g_autofree char *memo = join_notes (model, code->notes);
      gboolean taken = FALSE;

      code->id = 0;
      if (merge_by_path)
        {
          code->id = _cb_store_find_code (store, parent, code->name, error);
          if (code->id < 0)
            return FALSE;
        }
      if (code->id == 0)
        {
          gint64 position = i;

          if (merge_by_path)
            {
              position = _cb_store_count_children (store, parent, error);
              if (position < 0)
                return FALSE;
            }
          if (!_cb_store_refi_uuid_exists (store, "code", code->guid, &taken, error))
            return FALSE;
          if (taken)
            {
              g_free (code->guid);
              code->guid = cb_store_new_uuid (store);
            }
          code->id = _cb_store_insert_code (store, code->guid, parent, code->name, position,
                                            code->color, code->description, error);
          if (code->id <= 0)
            return FALSE;
          if (memo[0] != '\0' && !_cb_store_update_code_field (store, code->id, "memo", memo, error))
            return FALSE;
          (*n_added)++;
        }
      if (!store_codes (model, project, code->children, code->id, merge_by_path, n_added, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
coder_name (Model      *model,
            CbProject  *project,
            const char *user_guid,
            GHashTable *made_names)
{
  const char *name = user_guid != NULL ? g_hash_table_lookup (model->users, user_guid) : NULL;
  char *made;

  if (user_guid == NULL || name == NULL)
    {
      /* no user of its own: the project's creating user, else whoever imports */
      if (model->creating_user != NULL && g_strcmp0 (user_guid, model->creating_user) != 0 &&
          g_hash_table_contains (model->users, model->creating_user))
        return coder_name (model, project, model->creating_user, made_names);
      return cb_project_get_coder (project);
    }
  if (name[0] != '\0')
    return name;
  /* anonymous exports blank the names: keep their coders apart */
  made = g_hash_table_lookup (made_names, user_guid);
  if (made == NULL)
    {
      made = g_strdup_printf ("user-%.8s", user_guid);
      g_hash_table_insert (made_names, g_strdup (user_guid), made);
    }
  return made;
}

/* What storing the sources one at a time keeps between them. */
typedef struct
{
  GHashTable *coders;          /* name -> id */
  GHashTable *made_names;      /* user guid -> made-up name */
  GHashTable *document_names;
  GHashTable *document_uuids;
  GHashTable *source_ids;      /* source guid -> (gint64 *) document id */
  GArray     *evidence;        /* (element-type Evidence) memos' spans */
  guint       n_sources;
  guint       n_unknown_codes;
} StoreState;

/* A span of a stored document that is evidence of a note's memo. */
typedef struct
{
  const char *note;            /* a key of model->notes */
  gint64      document;
  gint64      start;
  gint64      end;
} Evidence;

static void
store_state_init (StoreState *state)
{
  state->coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->made_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->document_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->document_uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->source_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->evidence = g_array_new (FALSE, FALSE, sizeof (Evidence));
  state->n_sources = 0;
  state->n_unknown_codes = 0;
}

static void
store_state_clear (StoreState *state)
{
  g_hash_table_unref (state->coders);
  g_hash_table_unref (state->made_names);
  g_hash_table_unref (state->document_names);
  g_hash_table_unref (state->document_uuids);
  g_hash_table_unref (state->source_ids);
  g_array_unref (state->evidence);
}

/* A refusal of something in the file (a name or a value) becomes a
 * warning and the rest goes on; anything else stops the import. */
static gboolean
warn_if_invalid (Model   *model,
                 GError **local_error,
                 GError **error)
{
  if (g_error_matches (*local_error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_INVALID))
    {
      g_ptr_array_add (model->warnings,
                       g_strdup_printf (_("Not imported: %s"), (*local_error)->message));
      g_clear_error (local_error);
      return TRUE;
    }
  g_propagate_error (error, g_steal_pointer (local_error));
  return FALSE;
}

/* The attributes, the cases and their values; their coverage comes with
 * the sources. */
static gboolean
store_cases (Model   *model,
             CbProject *project,
             GError **error)
{
  g_autoptr(GHashTable) case_guids = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_unknown = 0;

  for (guint i = 0; i < model->variables->len; i++)
    {
      Variable *variable = g_ptr_array_index (model->variables, i);
      g_autoptr(GError) local_error = NULL;
      /* a GUID repeated in the file is the first variable's: the other
       * gets a new one */
      const char *guid = variable->guid != NULL &&
                         g_hash_table_lookup (model->variable_guids, variable->guid) == variable
                         ? variable->guid : NULL;

      variable->id = _cb_project_import_attribute (project, guid, variable->name,
                                                   variable->type, &local_error);
      if (variable->id <= 0 && !warn_if_invalid (model, &local_error, error))
        return FALSE;
    }
  for (guint i = 0; i < model->cases->len; i++)
    {
      Case *item = g_ptr_array_index (model->cases, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = item->name != NULL ? g_strstrip (g_strdup (item->name)) : NULL;
      const char *guid = item->guid;

      /* a blank name is no name: the case is named after its GUID */
      if ((name == NULL || name[0] == '\0') && item->guid == NULL)
        guid = item->guid = fresh_guid ();
      /* a GUID repeated in the file: the later case gets a new one */
      if (guid != NULL && g_hash_table_contains (case_guids, guid))
        guid = NULL;
      item->id = _cb_project_import_case (project, guid, name != NULL && name[0] != '\0' ? item->name : NULL,
                                          &local_error);
      if (item->id <= 0)
        {
          if (!warn_if_invalid (model, &local_error, error))
            return FALSE;
          continue;
        }
      if (item->guid != NULL)
        g_hash_table_add (case_guids, item->guid);
      for (guint j = 0; j < item->values->len; j++)
        {
          CaseValue *value = g_ptr_array_index (item->values, j);
          Variable *variable = value->variable_guid != NULL
            ? g_hash_table_lookup (model->variable_guids, value->variable_guid) : NULL;
          g_autofree char *trimmed = g_strstrip (g_strdup (value->value));

          if (variable == NULL)
            {
              n_unknown++;
              continue;
            }
          /* an empty value is no value; a refused variable was named */
          if (variable->id <= 0 || trimmed[0] == '\0')
            continue;
          if (!_cb_project_import_case_value (project, item->id, variable->id, trimmed, &local_error) &&
              !warn_if_invalid (model, &local_error, error))
            return FALSE;
        }
    }
  if (n_unknown > 0)
    g_ptr_array_add (model->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u case value refers to a variable that is not in the project and was skipped",
                                                   "%u case values refer to a variable that is not in the project and were skipped",
                                                   n_unknown), n_unknown));
  return TRUE;
}

/* Adds the coverage of @cases over document @id: whole (@start -1) or
 * [@start, @end). */
static gboolean
store_coverage (CbProject  *project,
                GPtrArray  *cases,
                gint64      id,
                gint64      start,
                gint64      end,
                GError    **error)
{
  for (guint i = 0; i < cases->len; i++)
    {
      Case *item = g_ptr_array_index (cases, i);

      if (item->id > 0 && !_cb_project_import_case_coverage (project, item->id, id, start, end, error))
        return FALSE;
    }
  return TRUE;
}

/* The project's name, its coders and the code book. */
static gboolean
store_begin (Model               *model,
             CbProject           *project,
             CbRefiImportReport  *report,
             StoreState          *state,
             GError             **error)
{
  CbStore *store = _cb_project_get_store (project);
  g_autofree char *project_name = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (model->name != NULL && model->name[0] != '\0')
    project_name = cb_text_normalize_name (model->name);
  if (!_cb_store_refi_set_project (store, project_name, model->created, error))
    return FALSE;

  /* coders: every user, so that their uuids survive even without codings */
  g_hash_table_iter_init (&iter, model->users);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *name = coder_name (model, project, key, state->made_names);
      gint64 id = _cb_store_ensure_coder (store, name, key, error);

      if (id <= 0)
        return FALSE;
      g_hash_table_insert (state->coders, g_strdup (name), GINT_TO_POINTER (id));
    }

  return store_codes (model, project, model->codes, 0, FALSE, &report->n_codes, error)
         && store_cases (model, project, error);
}

/* One source, resolved: its document and codings. */
static gboolean
store_source (Model               *model,
              CbProject           *project,
              CbRefiImportReport  *report,
              StoreState          *state,
              Source              *source,
              GError             **error)
{
  CbStore *store = _cb_project_get_store (project);
  g_autofree char *base_name = cb_text_normalize_name (source->name != NULL ? source->name : "");
  g_autofree char *name = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *memo = join_notes (model, source->notes);
  g_auto(CbDocumentStatus) status = { NULL, NULL };
  CbStoreNewDocument document = { 0 };
  CaseRef *case_ref = NULL;
  gint64 id;

  state->n_sources++;
  /* the cases of the first source under its GUID */
  if (source->guid != NULL && !g_hash_table_contains (state->document_uuids, source->guid))
    case_ref = g_hash_table_lookup (model->case_sources, source->guid);
  if (base_name == NULL || base_name[0] == '\0')
    {
      g_free (base_name);
      base_name = g_strdup_printf (_("Document %u"), state->n_sources);
    }
  name = g_strdup (base_name);
  for (guint n = 2; g_hash_table_contains (state->document_names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s (%u)", base_name, n);
    }
  if (source->guid == NULL || g_hash_table_contains (state->document_uuids, source->guid))
    {
      g_free (source->guid);
      source->guid = cb_store_new_uuid (store);
    }

  document.uuid = source->guid;
  document.name = name;
  document.text = source->text;
  document.length = source->length;
  document.n_chars = source->n_chars;
  document.source_name = source->original_name != NULL ? source->original_name : "";
  if (source->original != NULL)
    {
      document.source_bytes = g_bytes_get_data (source->original, &document.source_length);
      sha256 = cb_text_sha256 (document.source_bytes, document.source_length);
    }
  else
    sha256 = cb_text_sha256 ((const guint8 *) source->text, source->length);
  document.source_sha256 = sha256;

  id = _cb_store_insert_document (store, &document, error);
  if (id <= 0)
    return FALSE;
  if (source->created != NULL && !_cb_store_refi_set_document_imported (store, id, source->created, error))
    return FALSE;
  if (memo[0] != '\0' && !_cb_store_update_document_text_field (store, id, "memo", memo, error))
    return FALSE;
  /* edited or pseudonymised, as our export says in the Description (any
   * other description is a person's, and not ours to read) */
  if (cb_document_status_parse (source->description, &status) &&
      !_cb_store_pseudonymise_set_status (store, id, status.edited, status.pseudonymised, error))
    return FALSE;
  if (!_cb_project_store_turns (project, id, source->text, source->length, error) ||
      !_cb_search_store_folded (store, id, source->text, source->length, source->n_chars, error))
    return FALSE;
  g_hash_table_add (state->document_names, g_steal_pointer (&name));
  g_hash_table_add (state->document_uuids, g_strdup (source->guid));
  g_hash_table_insert (state->source_ids, g_strdup (source->guid), g_memdup2 (&id, sizeof id));
  report->n_documents++;
  if (case_ref != NULL && !case_ref->found)
    {
      case_ref->found = TRUE;
      if (!store_coverage (project, case_ref->cases, id, -1, -1, error))
        return FALSE;
    }

  for (guint j = 0; j < source->codings->len; j++)
    {
      Coding *coding = g_ptr_array_index (source->codings, j);
      Code *code = coding->code_guid != NULL ? g_hash_table_lookup (model->code_guids, coding->code_guid) : NULL;
      const char *coder;
      g_autofree char *coding_memo = NULL;
      gint64 coder_id;
      gboolean taken = FALSE;
      CbNewCoding new_coding = { 0 };
      guint inserted;

      if (coding->start < 0)
        continue;
      if (coding->cases != NULL)
        {
          if (!store_coverage (project, coding->cases, id, coding->start, coding->end, error))
            return FALSE;
          continue;
        }
      if (coding->evidence != NULL)
        {
          for (guint k = 0; k < coding->evidence->len; k++)
            {
              gpointer note_guid, text;
              Evidence evidence = { NULL, id, coding->start, coding->end };

              if (!g_hash_table_lookup_extended (model->notes, coding->evidence->pdata[k], &note_guid, &text))
                continue;
              evidence.note = note_guid;
              g_array_append_val (state->evidence, evidence);
            }
          continue;
        }
      if (code == NULL)
        {
          state->n_unknown_codes++;
          continue;
        }
      coder = coder_name (model, project, coding->user_guid, state->made_names);
      coder_id = GPOINTER_TO_INT (g_hash_table_lookup (state->coders, coder));
      if (coder_id == 0)
        {
          coder_id = _cb_store_ensure_coder (store, coder, coding->user_guid, error);
          if (coder_id <= 0)
            return FALSE;
          g_hash_table_insert (state->coders, g_strdup (coder), GINT_TO_POINTER (coder_id));
        }
      /* a GUID taken by an earlier coding: asked of the project, not kept
       * in memory (a million of them would be) */
      if (coding->guid != NULL && !_cb_store_refi_uuid_exists (store, "coding", coding->guid, &taken, error))
        return FALSE;
      if (coding->guid == NULL || taken)
        {
          g_free (coding->guid);
          coding->guid = cb_store_new_uuid (store);
        }
      coding_memo = join_notes (model, coding->notes);
      new_coding.document_id = id;
      new_coding.start = coding->start;
      new_coding.end = coding->end;
      new_coding.coder_id = coder_id;
      new_coding.uuid = coding->guid;
      new_coding.created = coding->created;
      new_coding.memo = coding_memo;
      inserted = 0;
      if (!_cb_project_add_codings_in (project, code->id, &new_coding, 1, NULL, &inserted, error))
        return FALSE;
      report->n_codings += inserted;
    }
  return TRUE;
}

/* "Codeboom memo; type: T; level: L" (as the export writes it) into
 * @type and @level; other descriptions leave them. */
static void
parse_memo_description (const char  *description,
                        char       **type,
                        char       **level)
{
  g_auto(GStrv) parts = NULL;

  if (description == NULL || !g_str_has_prefix (description, "Codeboom memo"))
    return;
  parts = g_strsplit (description, ";", -1);
  for (guint i = 1; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char **target = g_str_has_prefix (part, "type:") ? type : g_str_has_prefix (part, "level:") ? level : NULL;
      g_autofree char *value = NULL;

      if (target == NULL)
        continue;
      value = cb_text_normalize_name (strchr (part, ':') + 1);
      if (value != NULL && value[0] != '\0')
        {
          g_free (*target);
          *target = g_steal_pointer (&value);
        }
    }
}

/* A memo title not yet taken: @base, else "base (2)", … */
static char *
free_memo_title (CbStore     *store,
                 const char  *base,
                 GError     **error)
{
  char *title = g_strdup (base);
  int taken;

  for (guint n = 2; (taken = _cb_store_refi_memo_exists (store, title, NULL, error)) == 1; n++)
    {
      g_free (title);
      title = g_strdup_printf ("%s (%u)", base, n);
    }
  if (taken < 0)
    g_clear_pointer (&title, g_free);
  return title;
}

/* The notes that belong to nothing else become free-standing memos, with
 * the spans that are their evidence. */
static gboolean
store_memos (Model               *model,
             CbProject           *project,
             StoreState          *state,
             GError             **error)
{
  CbStore *store = _cb_project_get_store (project);
  g_autoptr(GHashTable) memo_ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < model->note_order->len; i++)
    {
      const char *guid = model->note_order->pdata[i];
      gpointer key, text;
      NoteMeta *meta = g_hash_table_lookup (model->note_meta, guid);
      g_autofree char *body = NULL;
      g_autofree char *base = NULL;
      g_autofree char *now = NULL;
      CbStoreMemo memo = { 0 };
      gint64 author = 0;
      gint64 id;
      int taken;

      if (!g_hash_table_lookup_extended (model->notes, guid, &key, &text) ||
          g_hash_table_contains (model->used_notes, key) || g_hash_table_contains (memo_ids, key))
        continue;
      body = cb_text_normalize (text, -1);
      if (meta != NULL && meta->name != NULL)
        {
          g_autofree char *visible = cb_name_strip_forbidden (meta->name);

          base = cb_text_normalize_name (visible);
        }
      if (base == NULL || base[0] == '\0')
        {
          /* untitled: the beginning of its first line */
          g_autofree char *line = g_strndup (body, strcspn (body, "\n"));
          g_autofree char *visible = cb_name_strip_forbidden (line);
          g_autofree char *name = cb_text_normalize_name (visible);

          g_free (base);
          base = name != NULL && name[0] != '\0'
                 ? cb_text_dup_range (name, strlen (name), 0, MIN (cb_text_count_chars (name, strlen (name)), 60))
                 : g_strdup (_("Memo"));
        }
      if (!(memo.title = free_memo_title (store, base, error)))
        return FALSE;
      taken = _cb_store_refi_memo_exists (store, NULL, guid, error);
      if (taken < 0)
        {
          g_free (memo.title);
          return FALSE;
        }
      memo.uuid = taken ? cb_store_new_uuid (store) : g_strdup (guid);
      memo.type = g_strdup ("note");
      parse_memo_description (meta != NULL ? meta->description : NULL, &memo.type, &memo.level);
      now = g_strdup (cb_store_now (store));
      memo.created = g_strdup (meta != NULL && meta->created != NULL ? meta->created : now);
      memo.modified = g_strdup (meta != NULL && meta->modified != NULL ? meta->modified : memo.created);
      memo.text = g_steal_pointer (&body);
      if (meta != NULL && meta->user_guid != NULL && g_hash_table_contains (model->users, meta->user_guid))
        {
          const char *coder = coder_name (model, project, meta->user_guid, state->made_names);

          author = GPOINTER_TO_INT (g_hash_table_lookup (state->coders, coder));
          if (author == 0 && (author = _cb_store_ensure_coder (store, coder, meta->user_guid, error)) <= 0)
            {
              g_free (memo.uuid); g_free (memo.title); g_free (memo.type); g_free (memo.level);
              g_free (memo.created); g_free (memo.modified); g_free (memo.text);
              return FALSE;
            }
        }
      id = _cb_store_refi_insert_memo (store, &memo, author, error);
      g_free (memo.uuid); g_free (memo.title); g_free (memo.type); g_free (memo.level);
      g_free (memo.created); g_free (memo.modified); g_free (memo.text);
      if (id <= 0)
        return FALSE;
      g_hash_table_add (model->used_notes, key);
      g_hash_table_insert (memo_ids, key, g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < state->evidence->len; i++)
    {
      Evidence *evidence = &g_array_index (state->evidence, Evidence, i);
      gint64 *memo = g_hash_table_lookup (memo_ids, evidence->note);

      if (memo != NULL &&
          !_cb_store_refi_insert_memo_link (store, *memo, evidence->document, evidence->start, evidence->end, error))
        return FALSE;
    }
  return TRUE;
}

/* The project's <Sets> of sources as document sets. */
static gboolean
store_sets (Model               *model,
            CbProject           *project,
            StoreState          *state,
            GError             **error)
{
  CbStore *store = _cb_project_get_store (project);
  guint n_missing = 0;

  for (guint i = 0; i < model->sets->len; i++)
    {
      DocumentSet *set = g_ptr_array_index (model->sets, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *visible = cb_name_strip_forbidden (set->name != NULL ? set->name : "");
      g_autofree char *base = cb_document_set_name_from (visible, &local_error);
      g_autofree char *name = NULL;
      g_autofree char *uuid = NULL;
      g_autofree char *memo = set->description != NULL ? cb_text_normalize (set->description, -1) : NULL;
      gboolean taken = FALSE;
      gint64 existing;
      gint64 id;

      if (base == NULL)
        {
          if (!warn_if_invalid (model, &local_error, error))
            return FALSE;
          continue;
        }
      name = g_strdup (base);
      for (guint n = 2; (existing = _cb_store_find_set (store, name, error)) > 0; n++)
        {
          g_free (name);
          name = g_strdup_printf ("%s (%u)", base, n);
        }
      if (existing < 0)
        return FALSE;
      if (set->guid != NULL && !_cb_store_set_uuid_exists (store, set->guid, &taken, error))
        return FALSE;
      uuid = set->guid != NULL && !taken ? g_strdup (set->guid) : cb_store_new_uuid (store);
      if ((id = _cb_store_insert_set (store, uuid, name, memo, error)) <= 0)
        return FALSE;
      for (guint j = 0; j < set->sources->len; j++)
        {
          gint64 *document = g_hash_table_lookup (state->source_ids, set->sources->pdata[j]);

          if (document == NULL)
            n_missing++;
          else if (!_cb_store_set_member (store, id, *document, TRUE, NULL, error))
            return FALSE;
        }
    }
  if (n_missing > 0)
    g_ptr_array_add (model->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u member of a set is not a text source in the project and was skipped",
                                                   "%u members of sets are not text sources in the project and were skipped",
                                                   n_missing), n_missing));
  return TRUE;
}

/* The project's memo and what was not imported. */
static gboolean
store_end (Model               *model,
           CbProject           *project,
           CbRefiImportReport  *report,
           StoreState          *state,
           GError             **error)
{
  CbStore *store = _cb_project_get_store (project);
  g_autofree char *project_memo = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n_loose = 0;

  if (state->n_unknown_codes > 0)
    g_ptr_array_add (model->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u coding refers to a code that is not in the code book and was skipped",
                                                   "%u codings refer to a code that is not in the code book and were skipped",
                                                   state->n_unknown_codes), state->n_unknown_codes));

  {
    GHashTable *refs[] = { model->case_sources, model->case_selections };
    guint n_missing = 0;

    for (guint i = 0; i < G_N_ELEMENTS (refs); i++)
      {
        g_hash_table_iter_init (&iter, refs[i]);
        while (g_hash_table_iter_next (&iter, &key, &value))
          if (!((CaseRef *) value)->found)
            n_missing++;
      }
    if (n_missing > 0)
      g_ptr_array_add (model->warnings,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u reference of a case is not to a text source or selection in the project and was skipped",
                                                     "%u references of cases are not to a text source or selection in the project and were skipped",
                                                     n_missing), n_missing));
  }

  project_memo = join_notes (model, model->project_notes);
  if (!store_memos (model, project, state, error) || !store_sets (model, project, state, error))
    return FALSE;
  g_hash_table_iter_init (&iter, model->notes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (model->used_notes, key))
      n_loose++;
  if (n_loose > 0)
    g_ptr_array_add (model->warnings,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u note is not attached to anything Codeboom imports and was not imported",
                                                   "%u notes are not attached to anything Codeboom imports and were not imported",
                                                   n_loose), n_loose));
  report->n_memos = g_hash_table_size (model->used_notes);
  if (project_memo[0] != '\0' && !_cb_store_set_project_memo (store, project_memo, error))
    return FALSE;

  return TRUE;
}

/* The second pass: each source parsed, resolved and stored in turn, so
 * that only one source's text and codings are ever in memory. */
static gboolean
stream_sources (Model               *model,
                CbProject           *project,
                CbRefiImportReport  *report,
                StoreState          *state,
                GError             **error)
{
  g_autoptr(CbXmlReader) xr = open_root (model, error);
  guint index = 0;
  int depth;
  int ret;

  if (xr == NULL)
    return FALSE;
  for (ret = first_child (xr, &depth, error); ret > 0; ret = next_child (xr, depth, error))
    {
      int sources_depth;
      int sources_ret;

      if (!is_element (xr, "Sources"))
        continue;
      for (sources_ret = first_child (xr, &sources_depth, error); sources_ret > 0;
           sources_ret = next_child (xr, sources_depth, error))
        {
          if (g_cancellable_set_error_if_cancelled (model->cancellable, error))
            return FALSE;
          if (model->progress != NULL)
            {
              g_autofree char *name = dup_attr (xr, "name");
              /* TRANSLATORS: progress of a REFI-QDA import: "Importing “Anna” (3 of 50)" */
              g_autofree char *message = g_strdup_printf (_("Importing “%s” (%u of %u)"),
                                                          name != NULL ? name : "", index + 1,
                                                          MAX (model->n_sources, index + 1));

              model->progress (READ_SHARE + (1 - READ_SHARE) * index / MAX (model->n_sources, index + 1),
                               message, model->progress_data);
            }
          index++;
          if (is_element (xr, "TextSource"))
            {
              Source *source = g_new0 (Source, 1);
              gboolean ok = parse_text_source (model, xr, source, error)
                            && read_source_members (model, source, error);

              if (ok)
                {
                  resolve_source (model, source);
                  ok = store_source (model, project, report, state, source, error);
                }
              source_free (source);
              if (!ok)
                return FALSE;
            }
          else if (is_element (xr, "PictureSource"))
            count_skipped (model, _("pictures"));
          else if (is_element (xr, "PDFSource"))
            count_skipped (model, _("PDF sources"));
          else if (is_element (xr, "AudioSource"))
            count_skipped (model, _("audio sources"));
          else if (is_element (xr, "VideoSource"))
            count_skipped (model, _("video sources"));
          else
            count_skipped (model, _("other sources"));
        }
      if (sources_ret < 0)
        return FALSE;
    }
  return ret == 0;
}

static gboolean
store_project (Model               *model,
               CbProject           *project,
               CbRefiImportReport  *report,
               GError             **error)
{
  StoreState state;
  gboolean ok;

  store_state_init (&state);
  ok = store_begin (model, project, report, &state, error)
       && stream_sources (model, project, report, &state, error)
       && store_end (model, project, report, &state, error);
  store_state_clear (&state);
  return ok;
}

static CbRefiImportReport *
report_new (void)
{
  CbRefiImportReport *report = g_new0 (CbRefiImportReport, 1);

  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

/* Removes the scratch folders of imports that were killed: an import holds
 * a flock() on its folder while it builds, which the kernel releases when
 * the process dies, so a folder we can lock is nobody's any more. */
static void
remove_stale_scratch (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(GDir) inside = NULL;
      const char *entry;
      int fd;

      if (!g_str_has_prefix (name, ".codeboom-import-") || strlen (name) != strlen (".codeboom-import-XXXXXX"))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && (inside = g_dir_open (path, 0, NULL)) != NULL)
        {
          while ((entry = g_dir_read_name (inside)) != NULL)
            {
              g_autofree char *file = g_build_filename (path, entry, NULL);

              g_unlink (file);
            }
          g_rmdir (path);
        }
      close (fd);
    }
}

/* Reads @model (its input set) into a new project at @project_path, and
 * clears it. */
static CbProject *
import_new_project (Model               *model,
                    const char          *project_path,
                    CbRefiImportReport **report_out,
                    GError             **error)
{
  const char *filename = model->filename;
  g_autoptr(CbRefiImportReport) report = report_new ();
  g_autoptr(CbProject) project = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *scratch_template = NULL;
  g_autofree char *scratch_path = NULL;
  int scratch_lock = -1;

  if (model->progress != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Reading “%s”"), filename);

      model->progress (0.0, message, model->progress_data);
    }
  if (!read_model (model, FALSE, error))
    {
      prefix_error (error, filename);
      model_clear (model);
      return NULL;
    }

  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_EXISTS,
                   _("“%s” already exists; Codeboom will not overwrite it"), project_path);
      model_clear (model);
      return NULL;
    }

  /* The project is built in a hidden folder beside its final place and
   * moved there only when complete, so that a crash or a kill at any
   * moment never leaves a half-imported project under the user's name. */
  dir = g_path_get_dirname (project_path);
  basename = g_path_get_basename (project_path);
  scratch_template = g_build_filename (dir, ".codeboom-import-XXXXXX", NULL);
  remove_stale_scratch (dir);
  if (g_mkdtemp (scratch_template) == NULL ||
      (scratch_lock = open (scratch_template, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
      flock (scratch_lock, LOCK_EX) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CB_PROJECT_ERROR, CB_PROJECT_ERROR_IO,
                   _("Cannot create “%s”: %s"), project_path, g_strerror (saved_errno));
      if (scratch_lock >= 0)
        close (scratch_lock);
      g_rmdir (scratch_template);
      model_clear (model);
      return NULL;
    }
  scratch_path = g_build_filename (scratch_template, basename, NULL);

  project = cb_project_create (scratch_path, error);
  if (project == NULL)
    goto failed;
  /* the project is closed (and the cache freed) once imported */
  if (!_cb_store_refi_set_cache_size (_cb_project_get_store (project), IMPORT_CACHE_MIB, error) ||
      !_cb_project_begin (project, NULL, error))
    goto failed;
  if (!store_project (model, project, report, error))
    {
      _cb_project_finish (project, FALSE, 0, NULL);
      prefix_error (error, filename);
      goto failed;
    }
  /* the last moment a cancel still leaves nothing behind */
  if (g_cancellable_set_error_if_cancelled (model->cancellable, error))
    {
      _cb_project_finish (project, FALSE, 0, NULL);
      goto failed;
    }
  if (!_cb_project_finish (project, TRUE, 0, error))
    goto failed;

  /* Closing checkpoints the WAL into the file: one file to move. */
  g_clear_object (&project);
  if (link (scratch_path, project_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CB_PROJECT_ERROR,
                   saved_errno == EEXIST ? CB_PROJECT_ERROR_EXISTS : CB_PROJECT_ERROR_IO,
                   _("Cannot create “%s”: %s"), project_path, g_strerror (saved_errno));
      goto failed;
    }
  _cb_project_remove_files (scratch_path);
  g_rmdir (scratch_template);
  close (scratch_lock);

  project = cb_project_open (project_path, error);
  if (project == NULL)
    {
      model_clear (model);
      return NULL;
    }

  add_skipped_warning (model);
  g_ptr_array_extend_and_steal (report->warnings, g_steal_pointer (&model->warnings));
  if (model->progress != NULL)
    model->progress (1.0, _("Import finished"), model->progress_data);
  model_clear (model);
  _cb_project_emit_changed (project, CB_CHANGE_ALL);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return g_steal_pointer (&project);

failed:
  g_clear_object (&project);
  if (scratch_path != NULL)
    _cb_project_remove_files (scratch_path);
  g_rmdir (scratch_template);
  if (scratch_lock >= 0)
    close (scratch_lock);
  model_clear (model);
  return NULL;
}

CbProject *
cb_refi_import_new_project (const char          *project_path,
                            const char          *filename,
                            GBytes              *bytes,
                            CbRefiImportReport **report_out,
                            GError             **error)
{
  Model model;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  model_init (&model, filename);
  if (!model_set_bytes (&model, bytes, error))
    {
      prefix_error (error, filename);
      model_clear (&model);
      return NULL;
    }
  return import_new_project (&model, project_path, report_out, error);
}

static GBytes *
load_file (GFile   *file,
           GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: it is a folder"), name);
      return NULL;
    }
  if (info != NULL && g_file_info_get_size (info) > MAX_ARCHIVE_SIZE)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE,
                   _("Cannot import “%s”: it is larger than the safety limit of 1 GB"), name);
      return NULL;
    }
  g_clear_error (&local_error);
  if (!g_file_load_contents (file, NULL, &data, &length, NULL, &local_error))
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_IO,
                   _("Cannot import “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return g_bytes_new_take (data, length);
}

/* The model's input from @file: an archive on disk is opened in place
 * (only the members read are ever in memory, and its size limits follow
 * its real size); anything else is loaded.  Errors name the file. */
static gboolean
model_set_file (Model   *model,
                GFile   *file,
                GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GBytes) bytes = NULL;

  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      guint8 head[2] = { 0 };
      FILE *in = g_fopen (path, "rb");
      gsize got = in != NULL ? fread (head, 1, sizeof head, in) : 0;

      if (in != NULL)
        fclose (in);
      if (got == 2 && head[0] == 'P' && head[1] == 'K')
        {
          CbZip *zip = cb_zip_open_file (model->filename, path, NULL, error);

          if (zip == NULL || !model_set_zip (model, zip, error))
            {
              prefix_error (error, model->filename);
              return FALSE;
            }
          return TRUE;
        }
    }

  if (!(bytes = load_file (file, error)))
    return FALSE;
  if (!model_set_bytes (model, bytes, error))
    {
      prefix_error (error, model->filename);
      return FALSE;
    }
  return TRUE;
}

CbProject *
cb_refi_import_new_project_from_file (const char          *project_path,
                                      GFile               *file,
                                      CbRefiImportReport **report,
                                      GError             **error)
{
  return cb_refi_import_new_project_from_file_full (project_path, file, NULL, NULL, NULL,
                                                    report, error);
}

CbProject *
cb_refi_import_new_project_from_file_full (const char          *project_path,
                                           GFile               *file,
                                           CbProgressFunc       progress,
                                           gpointer             progress_data,
                                           GCancellable        *cancellable,
                                           CbRefiImportReport **report,
                                           GError             **error)
{
  g_autofree char *name = g_file_get_basename (file);
  Model model;

  g_return_val_if_fail (project_path != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  model_init (&model, name);
  model.progress = progress;
  model.progress_data = progress_data;
  model.cancellable = cancellable;
  if (!model_set_file (&model, file, error))
    {
      model_clear (&model);
      return NULL;
    }
  return import_new_project (&model, project_path, report, error);
}

/* Reads @model (its input set) as a codebook into @project, and clears it. */
static gboolean
import_codebook (Model               *model,
                 CbProject           *project,
                 CbRefiImportReport **report_out,
                 GError             **error)
{
  g_autoptr(CbRefiImportReport) report = report_new ();
  g_autofree char *label = NULL;
  gboolean ok;

  if (!read_model (model, TRUE, error))
    {
      prefix_error (error, model->filename);
      model_clear (model);
      return FALSE;
    }

  label = g_strdup_printf (_("Import the codebook “%s”"), model->filename);
  if (!_cb_project_begin (project, label, error))
    {
      model_clear (model);
      return FALSE;
    }
  ok = store_codes (model, project, model->codes, 0, TRUE, &report->n_codes, error);
  if (!_cb_project_finish (project, ok, CB_CHANGE_CODES, error))
    {
      model_clear (model);
      return FALSE;
    }

  g_ptr_array_extend_and_steal (report->warnings, g_steal_pointer (&model->warnings));
  model_clear (model);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return TRUE;
}

gboolean
cb_refi_import_codebook (CbProject           *project,
                         const char          *filename,
                         GBytes              *bytes,
                         CbRefiImportReport **report_out,
                         GError             **error)
{
  Model model;

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  model_init (&model, filename);
  if (!model_set_bytes (&model, bytes, error))
    {
      prefix_error (error, filename);
      model_clear (&model);
      return FALSE;
    }
  return import_codebook (&model, project, report_out, error);
}

gboolean
cb_refi_import_codebook_from_file (CbProject           *project,
                                   GFile               *file,
                                   CbRefiImportReport **report,
                                   GError             **error)
{
  g_autofree char *name = g_file_get_basename (file);
  Model model;

  g_return_val_if_fail (CB_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  model_init (&model, name);
  if (!model_set_file (&model, file, error))
    {
      model_clear (&model);
      return FALSE;
    }
  return import_codebook (&model, project, report, error);
}
