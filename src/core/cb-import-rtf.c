/* cb-import-rtf.c: Rich Text Format (.rtf)
 *
 * A small reader of our own, written to survive hostile files: one pass
 * over the bytes with an explicit, bounded stack of groups (no recursion),
 * every read checked against the end, control words and numbers of bounded
 * length.  What it understands:
 *
 *  - groups and destinations: the font, colour and style tables, document
 *    info, pictures, objects, headers and footers, footnotes, annotations,
 *    field instructions, list numbering text and every "\*" destination we
 *    do not know are skipped; field results are text;
 *  - \par, \sect and \row end a paragraph, \line is a line break, \tab and
 *    \cell a tab (paragraphs inside a table cell join with a space);
 *  - \'hh bytes are decoded with the code page of the current font's
 *    \fcharset, else the document's \ansicpg (ICU converters); the Symbol
 *    font (\fcharset2) maps through its own table;
 *  - \uN with \ucN fallback skipping (surrogate pairs joined), \~, \-, \_,
 *    \emdash, \endash, quotes, bullets and spaces;
 *  - hidden text (\v) is dropped.
 *
 * A file that ends before its groups close is imported with a warning.
 * Layout follows cb-import-paragraphs.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unicode/ucnv.h>

#include "cb-error.h"
#include "cb-import-paragraphs.h"
#include "cb-import-private.h"

/* Word nests a few dozen groups deep; a thousand is an attack. */
#define RTF_MAX_DEPTH 1000
/* The specification caps control words at 32 letters. */
#define RTF_MAX_WORD 32
/* \ucN fallbacks are a handful of bytes. */
#define RTF_MAX_UC 16

/* Pseudo code page: bytes are Symbol-font glyphs. */
#define CODEPAGE_SYMBOL (-2)

typedef struct
{
  guint skip : 1;        /* a destination whose text is not ours */
  guint hidden : 1;      /* \v */
  guint fonttbl : 1;     /* inside the font table */
  guint upr : 1;         /* inside \upr: only its \ud part is text */
  int   uc;              /* \ucN */
  int   codepage;        /* of the current font, 0 for the document's */
} RtfGroup;

typedef struct
{
  const guint8  *p;
  const guint8  *end;

  GArray        *groups;           /* RtfGroup; the last is current */
  int            ansi_codepage;
  gint64         default_font;
  GHashTable    *font_codepages;   /* font number → code page (GINT_TO_POINTER) */
  gint64         fonttbl_font;     /* the font being defined */
  gboolean       in_table;         /* \intbl until \pard */
  gboolean       starred;          /* "\*" seen, waiting for its control word */
  int            skip_fallback;    /* bytes (or tokens) still to skip after \uN */
  gunichar2      high_surrogate;   /* pending half of a \uN pair, or 0 */

  GByteArray    *pending;          /* bytes waiting to be decoded together */
  int            pending_codepage;

  GHashTable    *converters;       /* code page → UConverter* */
  GHashTable    *bad_codepages;    /* code pages ICU does not know (warned once) */
  CbParagraphs   paragraphs;
  GPtrArray     *warnings;
} RtfReader;

static RtfGroup *
current (RtfReader *reader)
{
  g_assert (reader->groups->len > 0);
  return &g_array_index (reader->groups, RtfGroup, reader->groups->len - 1);
}

static gboolean
discarding (RtfReader *reader)
{
  RtfGroup *group = current (reader);

  return group->skip || group->hidden;
}

/* fcharset → Windows code page; 0 for "the document's". */
static int
charset_codepage (gint64 charset)
{
  switch (charset)
    {
    case 0: case 1: return 0;
    case 2: return CODEPAGE_SYMBOL;
    case 77: return 10000;
    case 128: return 932;
    case 129: return 949;
    case 130: return 1361;
    case 134: return 936;
    case 136: return 950;
    case 161: return 1253;
    case 162: return 1254;
    case 163: return 1258;
    case 177: return 1255;
    case 178: return 1256;
    case 186: return 1257;
    case 204: return 1251;
    case 222: return 874;
    case 238: return 1250;
    case 254: return 437;
    case 255: return 850;
    default: return 0;
    }
}

static UConverter *
open_converter (int codepage)
{
  UErrorCode status = U_ZERO_ERROR;
  UConverter *converter = NULL;
  char name[32];

  switch (codepage)
    {
    case 65001: g_strlcpy (name, "UTF-8", sizeof name); break;
    case 10000: g_strlcpy (name, "macintosh", sizeof name); break;
    case 437: case 850: case 852: case 866:
      g_snprintf (name, sizeof name, "ibm-%d", codepage);
      break;
    default:
      g_snprintf (name, sizeof name, "windows-%d", codepage);
      break;
    }

  converter = ucnv_open (name, &status);
  if (U_FAILURE (status) || converter == NULL)
    {
      status = U_ZERO_ERROR;
      g_snprintf (name, sizeof name, "cp%d", codepage);
      converter = ucnv_open (name, &status);
      if (U_FAILURE (status))
        converter = NULL;
    }

  return converter;
}

static UConverter *
get_converter (RtfReader *reader,
               int        codepage)
{
  UConverter *converter;

  converter = g_hash_table_lookup (reader->converters, GINT_TO_POINTER (codepage));
  if (converter != NULL)
    return converter;

  if (!g_hash_table_contains (reader->bad_codepages, GINT_TO_POINTER (codepage)))
    {
      converter = open_converter (codepage);
      if (converter != NULL)
        {
          g_hash_table_insert (reader->converters, GINT_TO_POINTER (codepage), converter);
          return converter;
        }
      g_hash_table_add (reader->bad_codepages, GINT_TO_POINTER (codepage));
      g_ptr_array_add (reader->warnings,
                       g_strdup_printf (_("The code page %d is unknown; its characters "
                                          "were read as windows-1252"), codepage));
    }

  if (codepage == 1252)
    g_error ("ICU has no windows-1252 converter");

  return get_converter (reader, 1252);
}

static void
emit (RtfReader *reader,
      gunichar   c)
{
  if (reader->high_surrogate != 0)
    {
      reader->high_surrogate = 0;
      cb_paragraphs_append_unichar (&reader->paragraphs, 0xfffd);
    }
  if (c != 0)
    cb_paragraphs_append_unichar (&reader->paragraphs, c);
}

/* A UTF-16 unit from \uN or a converter: pairs are joined, halves that
 * stay alone become U+FFFD. */
static void
emit_utf16 (RtfReader *reader,
            gunichar2  unit)
{
  if (unit >= 0xd800 && unit < 0xdc00)
    {
      emit (reader, 0);
      reader->high_surrogate = unit;
      return;
    }
  if (unit >= 0xdc00 && unit < 0xe000)
    {
      if (reader->high_surrogate != 0)
        {
          gunichar c = 0x10000 + (((gunichar) reader->high_surrogate - 0xd800) << 10)
                       + ((gunichar) unit - 0xdc00);

          reader->high_surrogate = 0;
          cb_paragraphs_append_unichar (&reader->paragraphs, c);
        }
      else
        emit (reader, 0xfffd);
      return;
    }

  emit (reader, unit);
}

/* Decodes the bytes collected from \'hh and literal 8-bit text. */
static void
flush_bytes (RtfReader *reader)
{
  UConverter *converter;
  UErrorCode status = U_ZERO_ERROR;
  UChar *units;
  int32_t n_units;

  if (reader->pending->len == 0)
    return;

  if (reader->pending_codepage == CODEPAGE_SYMBOL)
    {
      for (guint i = 0; i < reader->pending->len; i++)
        {
          guint8 byte = reader->pending->data[i];
          gunichar c = cb_import_symbol_font_char (byte);

          /* Word itself keeps unmapped Symbol glyphs in the private use area. */
          emit (reader, c != 0 ? c : (gunichar) (0xf000 + byte));
        }
      g_byte_array_set_size (reader->pending, 0);
      return;
    }

  converter = get_converter (reader, reader->pending_codepage);
  ucnv_reset (converter);

  /* Each byte of these code pages is at most two UTF-16 units. */
  units = g_new (UChar, 2 * (gsize) reader->pending->len + 2);
  n_units = ucnv_toUChars (converter, units, 2 * (int32_t) reader->pending->len + 2,
                           (const char *) reader->pending->data,
                           (int32_t) reader->pending->len, &status);
  if (U_SUCCESS (status) || status == U_STRING_NOT_TERMINATED_WARNING)
    for (int32_t i = 0; i < n_units; i++)
      emit_utf16 (reader, units[i]);
  else
    emit (reader, 0xfffd);

  g_free (units);
  g_byte_array_set_size (reader->pending, 0);
}

static void
add_byte (RtfReader *reader,
          guint8     byte)
{
  int codepage;

  if (discarding (reader))
    return;

  codepage = current (reader)->codepage;
  if (codepage == 0)
    codepage = reader->ansi_codepage;

  /* ASCII is ASCII in every code page we meet in RTF, except Symbol. */
  if (byte < 0x80 && codepage != CODEPAGE_SYMBOL && reader->pending->len == 0)
    {
      emit (reader, byte);
      return;
    }

  if (reader->pending->len > 0 && reader->pending_codepage != codepage)
    flush_bytes (reader);
  reader->pending_codepage = codepage;
  g_byte_array_append (reader->pending, &byte, 1);

  /* Keep the buffer small: double-byte pairs never span this many. */
  if (reader->pending->len >= 4096 && (reader->pending->len & 1) == 0)
    flush_bytes (reader);
}

static void
add_char (RtfReader *reader,
          gunichar   c)
{
  if (discarding (reader))
    return;
  flush_bytes (reader);
  emit (reader, c);
}

static void
end_paragraph (RtfReader *reader)
{
  if (discarding (reader))
    return;
  flush_bytes (reader);
  emit (reader, 0);
  if (reader->in_table)
    cb_paragraphs_space (&reader->paragraphs);
  else
    cb_paragraphs_end (&reader->paragraphs);
}

static gboolean
push_group (RtfReader  *reader,
            GError    **error)
{
  RtfGroup copy;

  flush_bytes (reader);
  if (reader->groups->len >= RTF_MAX_DEPTH)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not valid RTF: its groups nest more than %d deep"),
                   RTF_MAX_DEPTH);
      return FALSE;
    }

  copy = *current (reader);
  g_array_append_val (reader->groups, copy);
  reader->skip_fallback = 0;
  reader->starred = FALSE;

  return TRUE;
}

static void
pop_group (RtfReader *reader)
{
  flush_bytes (reader);
  g_array_set_size (reader->groups, reader->groups->len - 1);
  reader->skip_fallback = 0;
  reader->starred = FALSE;
}

/* Destinations whose content is never body text. */
static const char * const skipped_destinations[] = {
  "fonttbl", "colortbl", "stylesheet", "info", "pict", "header", "headerl", "headerr",
  "headerf", "footer", "footerl", "footerr", "footerf", "footnote", "annotation",
  "atnid", "atnauthor", "atndate", "atnref", "atnparent", "atrfstart", "atrfend",
  "object", "objdata", "objclass", "objname", "fldinst", "xe", "tc", "tcn", "txe",
  "bkmkstart", "bkmkend", "themedata", "colorschememapping", "latentstyles",
  "datastore", "listtable", "listoverridetable", "rsidtbl", "generator", "revtbl",
  "filetbl", "xmlnstbl", "nonshppict", "shpinst", "shptxt", "sp", "sn", "sv",
  "template", "docvar", "fchars", "lchars", "pntext", "pntxta", "pntxtb", "pnseclvl",
  "listtext", "buptim", "comment", "company", "creatim", "doccomm", "hlinkbase",
  "keywords", "manager", "operator", "printim", "revtim", "subject", "title", "author",
  "userprops", "pgdsctbl", "passwordhash", "protusertbl", "wgrffmtfilter", "ftnsep",
  "ftnsepc", "ftncn", "aftnsep", "aftnsepc", "aftncn", "background", "blipuid",
  "formfield", "datafield", "mmathPr", "defchp", "defpap", "pgptbl", "ud", "upr",
  NULL
};

typedef struct
{
  const char *word;
  gunichar    c;
} RtfCharWord;

static const RtfCharWord char_words[] = {
  { "emdash", 0x2014 }, { "endash", 0x2013 }, { "emspace", 0x2003 },
  { "enspace", 0x2002 }, { "qmspace", 0x2005 }, { "bullet", 0x2022 },
  { "lquote", 0x2018 }, { "rquote", 0x2019 }, { "ldblquote", 0x201c },
  { "rdblquote", 0x201d }, { "zwj", 0x200d }, { "zwnj", 0x200c },
  { "zwbo", 0x200b }, { "ltrmark", 0x200e }, { "rtlmark", 0x200f },
};

static void
control_word (RtfReader  *reader,
              const char *word,
              gboolean    has_param,
              gint64      param)
{
  RtfGroup *group = current (reader);
  gboolean starred = reader->starred;

  reader->starred = FALSE;

  /* After \uN, control words count as fallback characters too. */
  if (reader->skip_fallback > 0)
    {
      reader->skip_fallback--;
      return;
    }

  if (strcmp (word, "u") == 0 && has_param)
    {
      gint64 value = param < 0 ? param + 65536 : param;

      if (!discarding (reader) && value > 0 && value <= 0xffff)
        {
          flush_bytes (reader);
          emit_utf16 (reader, (gunichar2) value);
        }
      reader->skip_fallback = group->uc;
      return;
    }

  /* Destinations: \upr holds an ANSI and a Unicode (\ud) version of the
   * same thing; only the latter counts, if it is text at all. */
  if (strcmp (word, "ud") == 0)
    {
      group->skip = FALSE;
      group->upr = FALSE;
      return;
    }
  if (strcmp (word, "upr") == 0)
    {
      group->upr = TRUE;
      group->skip = TRUE;
      return;
    }
  if (strcmp (word, "fonttbl") == 0)
    {
      group->fonttbl = TRUE;
      group->skip = TRUE;
      return;
    }
  if (g_strv_contains (skipped_destinations, word))
    {
      group->skip = TRUE;
      return;
    }
  if (starred)
    {
      /* An optional destination we do not know: not ours. */
      group->skip = TRUE;
      return;
    }

  /* Fonts and code pages */
  if (group->fonttbl)
    {
      if (strcmp (word, "f") == 0 && has_param)
        reader->fonttbl_font = param;
      else if (strcmp (word, "fcharset") == 0 && has_param)
        g_hash_table_insert (reader->font_codepages, GINT_TO_POINTER ((int) reader->fonttbl_font),
                             GINT_TO_POINTER (charset_codepage (param)));
      else if (strcmp (word, "cpg") == 0 && has_param && param > 0 && param < 100000)
        g_hash_table_insert (reader->font_codepages, GINT_TO_POINTER ((int) reader->fonttbl_font),
                             GINT_TO_POINTER ((int) param));
      return;
    }
  if (strcmp (word, "f") == 0 && has_param)
    {
      flush_bytes (reader);
      group->codepage = GPOINTER_TO_INT (g_hash_table_lookup (reader->font_codepages,
                                                              GINT_TO_POINTER ((int) param)));
      return;
    }
  if (strcmp (word, "plain") == 0)
    {
      flush_bytes (reader);
      group->hidden = FALSE;
      group->codepage = GPOINTER_TO_INT (g_hash_table_lookup (reader->font_codepages,
                                                              GINT_TO_POINTER ((int) reader->default_font)));
      return;
    }
  if (strcmp (word, "deff") == 0 && has_param)
    {
      reader->default_font = param;
      return;
    }
  if (strcmp (word, "ansicpg") == 0 && has_param)
    {
      if (param > 0 && param < 100000)
        reader->ansi_codepage = (int) param;
      return;
    }
  if (strcmp (word, "ansi") == 0)
    reader->ansi_codepage = 1252;
  else if (strcmp (word, "mac") == 0)
    reader->ansi_codepage = 10000;
  else if (strcmp (word, "pc") == 0)
    reader->ansi_codepage = 437;
  else if (strcmp (word, "pca") == 0)
    reader->ansi_codepage = 850;
  else if (strcmp (word, "uc") == 0 && has_param)
    group->uc = (int) CLAMP (param, 0, RTF_MAX_UC);
  else if (strcmp (word, "v") == 0)
    {
      flush_bytes (reader);
      group->hidden = !has_param || param != 0;
    }

  /* Structure */
  else if (strcmp (word, "par") == 0 || strcmp (word, "sect") == 0)
    end_paragraph (reader);
  else if (strcmp (word, "row") == 0)
    {
      gboolean was_in_table = reader->in_table;

      reader->in_table = FALSE;
      end_paragraph (reader);
      reader->in_table = was_in_table;
    }
  else if (strcmp (word, "line") == 0)
    {
      if (!discarding (reader))
        {
          flush_bytes (reader);
          emit (reader, 0);
          cb_paragraphs_line_break (&reader->paragraphs);
        }
    }
  else if (strcmp (word, "tab") == 0)
    add_char (reader, '\t');
  else if (strcmp (word, "cell") == 0)
    {
      if (!discarding (reader))
        {
          flush_bytes (reader);
          emit (reader, 0);
          cb_paragraphs_cell (&reader->paragraphs);
        }
    }
  else if (strcmp (word, "nestcell") == 0 || strcmp (word, "nestrow") == 0)
    {
      if (!discarding (reader))
        {
          flush_bytes (reader);
          emit (reader, 0);
          cb_paragraphs_space (&reader->paragraphs);
        }
    }
  else if (strcmp (word, "intbl") == 0)
    reader->in_table = TRUE;
  else if (strcmp (word, "pard") == 0)
    reader->in_table = FALSE;
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (char_words); i++)
        if (strcmp (word, char_words[i].word) == 0)
          {
            add_char (reader, char_words[i].c);
            break;
          }
    }
}

static int
hex_value (guint8 c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads what follows a backslash; @reader->p is just past it. */
static void
control (RtfReader *reader)
{
  guint8 c;

  if (reader->p >= reader->end)
    return;

  c = *reader->p;
  if (g_ascii_isalpha (c))
    {
      char word[RTF_MAX_WORD + 1];
      gsize n = 0;
      gboolean has_param = FALSE;
      gboolean negative = FALSE;
      gint64 param = 0;
      guint n_digits = 0;

      while (reader->p < reader->end && g_ascii_isalpha (*reader->p))
        {
          if (n < RTF_MAX_WORD)
            word[n] = (char) *reader->p;
          n++;
          reader->p++;
        }
      if (n > RTF_MAX_WORD)
        n = 0;     /* not a control word of any kind: ignored below */
      word[n] = '\0';

      if (reader->p + 1 < reader->end && *reader->p == '-' && g_ascii_isdigit (reader->p[1]))
        {
          negative = TRUE;
          reader->p++;
        }
      while (reader->p < reader->end && g_ascii_isdigit (*reader->p))
        {
          /* Parameters are 16- or 32-bit; more digits are consumed, not used. */
          if (n_digits < 10)
            param = param * 10 + (*reader->p - '0');
          n_digits++;
          has_param = TRUE;
          reader->p++;
        }
      if (negative)
        param = -param;
      if (reader->p < reader->end && *reader->p == ' ')
        reader->p++;

      /* \binN: N raw bytes follow, whatever they are. */
      if (n > 0 && strcmp (word, "bin") == 0)
        {
          gint64 skip = has_param ? MAX (param, 0) : 0;

          if ((guint64) skip > (guint64) (reader->end - reader->p))
            reader->p = reader->end;
          else
            reader->p += skip;
          return;
        }

      if (n > 0)
        control_word (reader, word, has_param, param);
      else
        reader->starred = FALSE;
      return;
    }

  /* A control symbol. */
  reader->p++;
  if (c == '*')
    {
      reader->starred = TRUE;
      return;
    }
  reader->starred = FALSE;

  if (c == '\'')
    {
      int high;
      int low;

      if (reader->end - reader->p < 2)
        {
          reader->p = reader->end;
          return;
        }
      high = hex_value (reader->p[0]);
      low = hex_value (reader->p[1]);
      reader->p += 2;
      if (high < 0 || low < 0)
        return;
      if (reader->skip_fallback > 0)
        {
          reader->skip_fallback--;
          return;
        }
      add_byte (reader, (guint8) (high * 16 + low));
      return;
    }

  if (reader->skip_fallback > 0)
    {
      reader->skip_fallback--;
      return;
    }

  switch (c)
    {
    case '\\': case '{': case '}':
      add_char (reader, c);
      break;
    case '~':
      add_char (reader, 0x00a0);
      break;
    case '_':
      add_char (reader, 0x2011);
      break;
    case '-':           /* optional hyphen: invisible unless the line breaks there */
      break;
    case '\n': case '\r':
      end_paragraph (reader);
      break;
    case '\t':
      add_char (reader, '\t');
      break;
    default:
      break;
    }
}

static void
rtf_reader_clear (RtfReader *reader)
{
  g_clear_pointer (&reader->groups, g_array_unref);
  g_clear_pointer (&reader->font_codepages, g_hash_table_unref);
  g_clear_pointer (&reader->converters, g_hash_table_unref);
  g_clear_pointer (&reader->bad_codepages, g_hash_table_unref);
  if (reader->pending != NULL)
    g_byte_array_unref (reader->pending);
  reader->pending = NULL;
  cb_paragraphs_clear (&reader->paragraphs);
}

gboolean
_cb_import_rtf (const char            *filename,
                const guint8          *data,
                gsize                  length,
                const CbImportOptions *options,
                CbImportedText        *imported,
                GError               **error)
{
  RtfReader reader = { 0 };
  RtfGroup outside = { 0 };
  gboolean closed = FALSE;
  gsize skip = 0;

  /* A UTF-8 BOM or leading white space before "{\rtf" is tolerated. */
  if (length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    skip = 3;
  while (skip < length && g_ascii_isspace (data[skip]))
    skip++;
  if (length - skip < 5 || memcmp (data + skip, "{\\rtf", 5) != 0)
    {
      g_set_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_CORRUPT,
                   _("It is not what its name says: it is not an RTF file (it does not "
                     "start with “{\\rtf”)"));
      return FALSE;
    }

  reader.p = data + skip;
  reader.end = data + length;
  reader.groups = g_array_new (FALSE, TRUE, sizeof (RtfGroup));
  reader.ansi_codepage = 1252;
  reader.font_codepages = g_hash_table_new (NULL, NULL);
  reader.converters = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) ucnv_close);
  reader.bad_codepages = g_hash_table_new (NULL, NULL);
  reader.pending = g_byte_array_new ();
  reader.warnings = imported->warnings;
  cb_paragraphs_init (&reader.paragraphs);

  /* The group around the document: uc 1 by default, no font yet. */
  outside.uc = 1;
  g_array_append_val (reader.groups, outside);

  while (reader.p < reader.end)
    {
      guint8 c = *reader.p;

      if (c == '{')
        {
          reader.p++;
          if (!push_group (&reader, error))
            {
              rtf_reader_clear (&reader);
              return FALSE;
            }
          continue;
        }
      if (c == '}')
        {
          reader.p++;
          pop_group (&reader);
          if (reader.groups->len == 1)
            {
              closed = TRUE;
              break;        /* the document's group is closed: the rest is not RTF */
            }
          continue;
        }
      if (c == '\\')
        {
          reader.p++;
          control (&reader);
          continue;
        }

      reader.p++;
      if (c == '\r' || c == '\n')
        continue;
      reader.starred = FALSE;
      if (reader.skip_fallback > 0)
        {
          reader.skip_fallback--;
          continue;
        }
      if (c == '\t')
        add_char (&reader, '\t');
      else if (c >= 0x20)
        add_byte (&reader, c);
    }

  flush_bytes (&reader);
  emit (&reader, 0);

  if (!closed && imported->warnings != NULL)
    g_ptr_array_add (imported->warnings,
                     g_strdup (_("The file ends before its last group is closed; it may be "
                                 "truncated")));

  imported->text = cb_paragraphs_finish (&reader.paragraphs, &imported->length);
  rtf_reader_clear (&reader);

  return TRUE;
}
