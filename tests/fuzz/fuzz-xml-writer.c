/* fuzz-xml-writer.c: Codeboom's own XML writer against libxml2's
 *
 * The quotes XML and the .qdpx are written by the plain writer of
 * cb-xml-writer.c, which promises the very bytes libxml2's xmlTextWriter
 * writes through the same helpers.  The input is read as a program of
 * writer calls (elements, attributes, text, numbers) with values taken from
 * the input itself, invalid UTF-8, controls and U+FFFE included; both
 * writers run it, and their outputs must be byte for byte the same, or both
 * fail.  Only well-formed call sequences are made (an attribute right after
 * its element's start), as the exports make them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-xml-writer.h"
#include "fuzz-common.h"

static const char * const names[] = { "quotes", "quote", "Code", "Selection", "text", "x" };

typedef struct
{
  const uint8_t *data;
  size_t         size;
  size_t         at;
} Input;

static gboolean
next_byte (Input   *in,
           uint8_t *byte)
{
  if (in->at >= in->size)
    return FALSE;
  *byte = in->data[in->at++];
  return TRUE;
}

/* A value: a length byte, then that many bytes (NULs dropped: the writer
 * takes C strings). */
static char *
next_value (Input *in)
{
  uint8_t length = 0;
  GString *value = g_string_new (NULL);

  next_byte (in, &length);
  for (uint8_t i = 0; i < length && in->at < in->size; i++)
    {
      uint8_t byte = in->data[in->at++];

      if (byte != 0)
        g_string_append_c (value, (char) byte);
    }
  return g_string_free (value, FALSE);
}

static GBytes *
run_program (const uint8_t *data,
             size_t         size,
             gboolean       plain)
{
  Input in = { data, size, 0 };
  CbXmlOut out;
  int depth = 0;
  gboolean attributes_allowed = FALSE;
  uint8_t op;

  FUZZ_CHECK (plain ? _cb_xml_out_init_plain (&out) : _cb_xml_out_init (&out));
  _cb_xml_out_start (&out, "root");
  depth = 1;
  attributes_allowed = TRUE;
  while (next_byte (&in, &op))
    {
      switch (op % 6)
        {
        case 0:
          if (depth < 20)
            {
              _cb_xml_out_start (&out, names[(op / 6) % G_N_ELEMENTS (names)]);
              depth++;
              attributes_allowed = TRUE;
            }
          break;
        case 1:
          if (depth > 1)
            {
              _cb_xml_out_end (&out);
              depth--;
              attributes_allowed = FALSE;
            }
          break;
        case 2:
          {
            g_autofree char *value = next_value (&in);

            if (attributes_allowed)
              _cb_xml_out_attr (&out, names[(op / 6) % G_N_ELEMENTS (names)], value);
          }
          break;
        case 3:
          {
            guint64 bits = 0;

            for (int i = 0; i < 8; i++)
              {
                uint8_t byte = 0;

                next_byte (&in, &byte);
                bits = (bits << 8) | byte;
              }
            if (attributes_allowed)
              _cb_xml_out_attr_int (&out, "n", (gint64) bits);
          }
          break;
        case 4:
          {
            g_autofree char *text = next_value (&in);

            _cb_xml_out_text_element (&out, "text", text);
            attributes_allowed = FALSE;
          }
          break;
        default:
          {
            g_autofree char *text = next_value (&in);

            _cb_xml_out_text_element_len (&out, "Description", text, strlen (text));
            attributes_allowed = FALSE;
          }
          break;
        }
    }
  while (depth-- > 0)
    _cb_xml_out_end (&out);
  return _cb_xml_out_finish (&out, "fuzz", NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) theirs = run_program (data, size, FALSE);
  g_autoptr(GBytes) ours = run_program (data, size, TRUE);

  FUZZ_CHECK ((theirs == NULL) == (ours == NULL));
  if (theirs != NULL)
    FUZZ_CHECK (g_bytes_equal (theirs, ours));
  return 0;
}
