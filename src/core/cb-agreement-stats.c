/* cb-agreement-stats.c: the coefficients: Cohen's κ of a 2×2 table,
 * Krippendorff's α (nominal) from reliability data and from the binary
 * histogram the character sweep gathers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "cb-agreement-private.h"

double
cb_agreement_kappa (gint64 both,
                    gint64 a_only,
                    gint64 b_only,
                    gint64 neither)
{
  gint64 n = both + a_only + b_only + neither;
  gint64 a = both + a_only;   /* coded by the first */
  gint64 b = both + b_only;   /* coded by the second */
  double p_o, p_a, p_b, p_e;

  if (n <= 0)
    return NAN;
  /* p_e = 1 exactly when both coded everything or both nothing: κ is
   * then 0/0; the coders agree on every unit, so 1 */
  if ((a == 0 && b == 0) || (a == n && b == n))
    return 1.0;
  p_o = (double) (both + neither) / n;
  p_a = (double) a / n;
  p_b = (double) b / n;
  p_e = p_a * p_b + (1.0 - p_a) * (1.0 - p_b);
  return (p_o - p_e) / (1.0 - p_e);
}

/* α from a binary coincidence: @hist[k] units coded by k of @m coders
 * (every unit rated by all m).  o_01 = Σ hist[k]·k·(m−k)/(m−1),
 * n_1 = Σ hist[k]·k, n_0 = Σ hist[k]·(m−k), n = n_0 + n_1;
 * α = 1 − (n − 1)·o_01 / (n_0·n_1). */
double
_cb_agreement_alpha_from_histogram (const gint64 *hist,
                      guint         m)
{
  double o_01 = 0, n_0 = 0, n_1 = 0, n;

  if (m < 2)
    return NAN;
  for (guint k = 0; k <= m; k++)
    {
      o_01 += (double) hist[k] * k * (m - k) / (m - 1);
      n_1 += (double) hist[k] * k;
      n_0 += (double) hist[k] * (m - k);
    }
  n = n_0 + n_1;
  if (n == 0)
    return NAN;
  if (n_0 == 0 || n_1 == 0)
    return 1.0;    /* no variation: every coder rated every unit alike */
  return 1.0 - (n - 1) * o_01 / (n_0 * n_1);
}

double
cb_agreement_alpha_nominal (const int *values,
                            guint      n_coders,
                            guint      n_units)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree double *o = NULL;
  g_autofree guint *counts = NULL;
  double n = 0, d_o = 0, d_e = 0;
  guint v;

  g_return_val_if_fail (values != NULL || n_coders * n_units == 0, NAN);

  /* the distinct values, in order of first appearance */
  for (guint i = 0; i < n_coders * n_units; i++)
    if (values[i] >= 0)
      {
        gboolean known = FALSE;

        for (guint j = 0; j < seen->len && !known; j++)
          known = g_array_index (seen, int, j) == values[i];
        if (!known)
          g_array_append_val (seen, values[i]);
      }
  v = seen->len;
  if (v == 0)
    return NAN;
  o = g_new0 (double, (gsize) v * v);
  counts = g_new0 (guint, v);

  /* the coincidence matrix: each pairable unit (two values or more) adds
   * every ordered pair of its values from different coders, weighted
   * 1 / (m_u − 1) */
  for (guint u = 0; u < n_units; u++)
    {
      guint m_u = 0;

      memset (counts, 0, sizeof (guint) * v);
      for (guint c = 0; c < n_coders; c++)
        {
          int value = values[(gsize) c * n_units + u];

          if (value < 0)
            continue;
          for (guint j = 0; j < v; j++)
            if (g_array_index (seen, int, j) == value)
              counts[j]++;
          m_u++;
        }
      if (m_u < 2)
        continue;
      for (guint i = 0; i < v; i++)
        for (guint j = 0; j < v; j++)
          {
            double pairs = i == j ? (double) counts[i] * (counts[i] - 1) : (double) counts[i] * counts[j];

            o[i * v + j] += pairs / (m_u - 1);
          }
    }

  for (guint i = 0; i < v; i++)
    for (guint j = 0; j < v; j++)
      n += o[i * v + j];
  if (n == 0)
    return NAN;
  for (guint i = 0; i < v; i++)
    for (guint j = 0; j < v; j++)
      if (i != j)
        {
          double n_i = 0, n_j = 0;

          for (guint k = 0; k < v; k++)
            {
              n_i += o[i * v + k];
              n_j += o[j * v + k];
            }
          d_o += o[i * v + j];
          d_e += n_i * n_j;
        }
  if (d_e == 0)
    return 1.0;
  return 1.0 - (n - 1) * d_o / d_e;
}

/* The percentage and the coefficient of a row from its counts (α: from
 * @hist). */
void
_cb_agreement_row_finish (const CbAgreementTable *table,
            CbAgreementRow         *row,
            const gint64           *hist,
            guint                   m,
            gboolean                pooled_codes)
{
  row->kappa = NAN;
  row->alpha = NAN;
  row->agreement = NAN;
  if (table->alpha)
    {
      row->units = 0;
      for (guint k = 0; k <= m; k++)
        row->units += hist[k];
      row->unanimous = hist[0] + hist[m];
      if (row->units > 0)
        row->agreement = 100.0 * row->unanimous / row->units;
      row->alpha = _cb_agreement_alpha_from_histogram (hist, m);
    }
  else if (table->unit == CB_AGREEMENT_UNIT_CHARACTER)
    {
      gint64 n = row->both + row->a_only + row->b_only + row->neither;

      row->units = n;
      row->unanimous = row->both + row->neither;
      if (n > 0)
        row->agreement = 100.0 * (row->both + row->neither) / n;
      row->kappa = cb_agreement_kappa (row->both, row->a_only, row->b_only, row->neither);
    }
  else
    {
      /* every segment counted once: a matched pair is two agreeing
       * segments; κ (Brennan & Prediger) only over every code, with a
       * chance agreement of 1 / the number of codes */
      gint64 agreeing = 2 * row->matched;
      gint64 n = agreeing + row->a_unmatched + row->b_unmatched;

      row->units = n;
      row->unanimous = agreeing;
      if (n > 0)
        {
          double p_o = (double) agreeing / n;

          row->agreement = 100.0 * p_o;
          if (pooled_codes && table->n_codes > 1)
            {
              double p_c = 1.0 / table->n_codes;

              row->kappa = (p_o - p_c) / (1.0 - p_c);
            }
        }
    }
}
