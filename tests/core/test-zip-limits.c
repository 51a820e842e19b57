/* test-zip-limits.c: the zip reader's size limits follow the archive's real size
 *
 * A member may unpack beyond max_member_size when the archive itself is
 * large (in proportion to its size above scale_above), never beyond the
 * hard limit; a small archive keeps the plain limits, and the ratio limit
 * stops a bomb whatever the size.  Small limits stand in for the real
 * ones (64 MiB, 4 MiB, 2000 MiB) so that the test stays fast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cb-core.h"
#include "cb-import-zip.h"
#include "cb-zip-write.h"

/* Text that deflates about 3:1, like transcripts and XML. */
static GBytes *
make_text (gsize size,
           guint seed)
{
  GString *text = g_string_sized_new (size);
  GRand *rand = g_rand_new_with_seed (seed);
  static const char * const words[] = { "de ", "cliënt ", "één ", "maatschappelijk ", "assistent ",
                                        "dossier ", "wachtlijst ", "leefloon ", "\n" };

  while (text->len < size)
    {
      g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
      g_string_append_printf (text, "%u ", g_rand_int_range (rand, 0, 100000));
    }
  g_string_truncate (text, size);
  g_rand_free (rand);
  return g_string_free_to_bytes (text);
}

/* An archive holding @big (and @padding members of noise to make it large). */
static GBytes *
make_archive (gsize member_size,
              gsize padding)
{
  g_autoptr(CbZipWriter) zip = cb_zip_writer_new ();
  g_autoptr(GBytes) big = make_text (member_size, 1);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  cb_zip_writer_add (zip, "big.txt", big, FALSE);
  if (padding > 0)
    {
      g_autoptr(GBytes) other = make_text (padding, 2);

      cb_zip_writer_add (zip, "other.txt", other, FALSE);
    }
  bytes = cb_zip_writer_finish (zip, &error);
  g_assert_no_error (error);
  return bytes;
}

static gboolean
can_read (GBytes            *archive,
          const CbZipLimits *limits,
          GError           **error)
{
  g_autoptr(CbZip) zip = cb_zip_open_bytes ("limits.zip", g_bytes_get_data (archive, NULL),
                                            g_bytes_get_size (archive), limits, error);
  g_autoptr(GBytes) member = NULL;

  g_assert_nonnull (zip);
  member = cb_zip_read_member (zip, "big.txt", error);
  return member != NULL;
}

static void
test_member_limit_scales (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) small = make_archive (30000, 0);
  g_autoptr(GBytes) large = make_archive (30000, 60000);
  CbZipLimits limits = cb_zip_default_limits;
  gsize large_size = g_bytes_get_size (large);

  limits.max_member_size = 20000;
  limits.max_total_size = 200000;
  limits.scale_above = 8000;
  limits.hard_member_size = 1000000;

  /* a small archive keeps the plain limit: 30,000 > 20,000 */
  g_assert_cmpuint (g_bytes_get_size (small), <, limits.scale_above * 2);
  g_assert_false (can_read (small, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "safety limit"));
  g_clear_error (&error);

  /* a large one may unpack in proportion: 20,000 × size / 8,000 */
  g_assert_cmpuint (20000 * large_size / 8000, >=, 30000);
  g_assert_true (can_read (large, &limits, &error));
  g_assert_no_error (error);

  /* never beyond the hard limit */
  limits.hard_member_size = 25000;
  g_assert_false (can_read (large, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* without scaling, the plain limit */
  limits.hard_member_size = 1000000;
  limits.scale_above = 0;
  g_assert_false (can_read (large, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* the ratio limit still stops what compresses too well */
  limits.scale_above = 8000;
  limits.ratio_min_size = 0;
  limits.max_ratio = 1;
  g_assert_false (can_read (large, &limits, &error));
  g_assert_error (error, CB_IMPORT_ERROR, CB_IMPORT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "zip bomb"));
}

/* The real defaults: what a 128 MB .qdpx of a million codings needs (a
 * 451 MB project.qde) fits; a 100 kB archive still stops at 64 MiB. */
static void
test_default_limits (void)
{
  const CbZipLimits *limits = &cb_zip_default_limits;

  g_assert_cmpuint (limits->max_member_size, ==, 64 * 1024 * 1024);
  g_assert_cmpuint (limits->max_member_size / limits->scale_above * G_GUINT64_CONSTANT (127710000),
                    >, G_GUINT64_CONSTANT (450931665));
  g_assert_cmpuint (limits->hard_member_size, >, G_GUINT64_CONSTANT (450931665));
  g_assert_cmpuint (limits->hard_member_size, <, G_MAXINT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/zip-limits/member-limit-scales", test_member_limit_scales);
  g_test_add_func ("/zip-limits/default-limits", test_default_limits);

  return g_test_run ();
}
