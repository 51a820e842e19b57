# 09_code_import_linear.py: code import time against codebook size
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""code import linear: `code import` of 10,000 and 40,000 codes; the time ratio 40k/10k (linear: about 4, goal < 6).

Issue 14 measured 8 / 35 / 128 s for 10k / 20k / 40k codes: each new code
counted its siblings, so a wide level made the import quadratic.  The
codebooks here have such a level: one root with a tenth of the codes as
children, each with nine children of its own (`Codebook / Theme 00042 … /
Code 00042.3 …`), with accents and a description on every tenth line.
Each size is timed in process (CODEBOOM_TIMING) into a new empty project;
--quick uses 1,000 and 4,000 codes.  No baseline: the figure is the ratio.
"""
import benchlib


def time_import(b, n_codes, repeat):
    book = b.path(f"codes-{n_codes}.tsv")
    benchlib.write_codebook(book, n_codes)
    db = b.path(f"codes-{n_codes}.codeboom")

    def setup():
        benchlib.remove_db(db)
        benchlib.run_process(b.cli_argv("new", db), env=b.env)

    timing = b.time_cli(["code", "import", db, book], repeat, setup=setup)
    listed = b.run_cli("codes", db).count("\n")
    b.check(listed == n_codes, f"code import of {n_codes:,} codes listed {listed:,} codes")
    return timing


def run(b):
    small, large = (1000, 4000) if b.quick else (10000, 40000)
    n = b.repeat(3)
    t_small = time_import(b, small, n)
    t_large = time_import(b, large, n)
    b.add(f"code import {small:,} codes (in process)", t_small.inproc_best, None)
    b.add(f"code import {large:,} codes (in process)", t_large.inproc_best, None,
          None if b.quick else benchlib.at_most_ms(1000))
    ratio = t_large.inproc_best / t_small.inproc_best
    b.note(f"code import: {large:,} / {small:,} codes take {ratio:.2f}× the time "
           f"(linear ≈ 4; goal < 6{', and ≤ 1 s for 40,000' if not b.quick else ''}): "
           f"{'PASS' if ratio < 6 else 'MISS'}")
