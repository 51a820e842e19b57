# scale.py: bench/run --scale, issue 14's table on the research-cell archive
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""The steps of issue 14's table, each run once as a whole `codeboom-cli`
process on the 1,000-document, million-coding workload
(`make_workload.py --docs 1000 --words 10000 --codings 1000000`, generated
once into bench/out/workload-scale/), with its wall time, CPU time and peak
resident memory (the child's own ru_maxrss, from os.wait4) next to the goal.

Not part of the default bench/run: generating the workload takes a minute
or two and the steps several more.  `--quick` runs the same steps on the
quick workload (a smoke test of this script; its figures mean nothing).
"""
import os
import subprocess
import tempfile
import time
from pathlib import Path

import benchlib
from benchlib import BenchError, log

TOP_CODE = "Thema 01 coördinatie"
SEARCH_TERM = "cliënt"


class Step:
    """One measured process: wall and CPU seconds, peak resident MB, the
    in-process seconds it reported (CODEBOOM_TIMING), its stdout file."""

    def __init__(self, wall, cpu, rss_mb, inproc, stdout_path):
        self.wall, self.cpu, self.rss_mb, self.inproc = wall, cpu, rss_mb, inproc
        self.stdout_path = stdout_path

    def output(self):
        return Path(self.stdout_path).read_text(encoding="utf-8")

    def count_lines(self):
        """The lines of a large output, read a block at a time: this
        process must stay small, since a child forked from it starts with
        its resident size as its peak (ru_maxrss counts it)."""
        n = 0
        with open(self.stdout_path, "rb") as f:
            while block := f.read(1 << 20):
                n += block.count(b"\n")
        return n


class Scale:
    def __init__(self, cli, workload, scratch, quick):
        self.cli, self.workload, self.scratch, self.quick = cli, workload, Path(scratch), quick
        self.env = dict(os.environ, CODEBOOM_TIMING="1", CODEBOOM_CODER="bench")
        self.rows = []
        self.failures = []
        self.n = 0

    def run(self, *args):
        """Runs codeboom-cli ARGS once, measured; raises BenchError when it fails."""
        self.n += 1
        out = self.scratch / f"step-{self.n}.out"
        argv = [str(self.cli)] + [str(a) for a in args]
        with open(out, "wb") as stdout, tempfile.TemporaryFile() as stderr:
            t0 = time.perf_counter()
            process = subprocess.Popen(argv, env=self.env, stdout=stdout, stderr=stderr,
                                       stdin=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - t0
            stderr.seek(0)
            err = stderr.read().decode("utf-8", "replace")
        if os.waitstatus_to_exitcode(status) != 0:
            raise BenchError(f"{' '.join(argv)[:300]}: exit {os.waitstatus_to_exitcode(status)}\n{err[-2000:]}")
        return Step(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    benchlib.parse_timing(err), out)

    def add(self, step, what, time_goal=None, rss_goal=None, goal_text=None, measured=None, verdict=None):
        """A row: @what, its measured figures and the goal with PASS/MISS.
        @time_goal in seconds, @rss_goal in MB; or @goal_text and @verdict."""
        if measured is None:
            measured = f"{benchlib.fmt_time(step.wall)} (CPU {benchlib.fmt_time(step.cpu)}), {step.rss_mb:,.0f} MB"
        goals, ok = [], True
        if time_goal is not None:
            goals.append(f"≤ {benchlib.fmt_time(time_goal)}")
            ok = ok and step.wall <= time_goal
        if rss_goal is not None:
            goals.append(f"≤ {rss_goal} MB")
            ok = ok and step.rss_mb <= rss_goal
        if goal_text is not None:
            goals.append(goal_text)
        if verdict is None:
            verdict = ("PASS" if ok else "MISS") if goals else "info"
        self.rows.append((what, measured, ", ".join(goals) or "—", verdict))
        log(f"  {what}: {measured}  [{', '.join(goals) or '—'}: {verdict}]")

    def check(self, ok, message):
        if not ok:
            self.failures.append(message)
            log(f"  MISMATCH: {message}")

    def table(self):
        lines = ["| step | measured: wall (CPU), peak RSS | goal | result |", "|---|---:|---:|---:|"]
        for what, measured, goal, verdict in self.rows:
            lines.append(f"| {what} | {measured} | {goal} | {verdict} |")
        return "\n".join(lines) + "\n"


def total_codings(scale, db):
    rows = benchlib.parse_tsv(scale.run("docs", db).output(), 3)
    return len(rows), sum(int(n) for _, _, n in rows)


def run_steps(s):
    w = s.workload
    m = w.manifest
    db = s.scratch / "scale.codeboom"
    benchlib.remove_db(db)
    benchlib.run_process([s.cli, "new", db], env=s.env)

    log(f"== import {len(w.docs):,} files")
    step = s.run("import", db, *w.docs)
    s.add(step, f"import {len(w.docs):,} files", 2.0, 100)

    benchlib.run_process([s.cli, "code", "import", db, w.codes_tsv], env=s.env)
    log(f"== apply --batch {m['codings']:,} codings")
    step = s.run("apply", db, "--batch", w.codings_tsv)
    s.add(step, f"`apply --batch` of {m['codings']:,} codings", 15.0, 100)

    step = s.run("docs", db)
    n_docs = len(benchlib.parse_tsv(step.output(), 3))
    n_codings = sum(int(n) for _, _, n in benchlib.parse_tsv(step.output(), 3))
    s.check(n_docs == m["documents"], f"docs lists {n_docs} documents, the manifest {m['documents']}")
    s.check(n_codings == m["distinct_codings"],
            f"docs counts {n_codings:,} codings, the manifest {m['distinct_codings']:,}")
    step = s.run("docs", db)
    s.add(step, "open (`docs`), second run", 0.1)

    expected = m["retrieval"]["with_descendants"]
    tsv = s.run("retrieve", db, TOP_CODE, "--format", "tsv")
    n_segments = tsv.count_lines()
    s.check(n_segments == expected, f"retrieve returned {n_segments:,} segments, the manifest {expected:,}")
    per_segment = tsv.inproc / max(n_segments, 1) if tsv.inproc is not None else None
    s.add(tsv, f"`retrieve` top code, {n_segments:,} segments, TSV (whole process)")
    s.add(tsv, "`retrieve` TSV in process, per segment",
          measured=f"{per_segment * 1e6:.2f} µs" if per_segment is not None else "n/a",
          goal_text="≤ 1 µs",
          verdict="n/a" if per_segment is None else "PASS" if per_segment <= 1e-6 else "MISS")
    xml = s.run("retrieve", db, TOP_CODE, "--format", "xml")
    s.add(xml, "`retrieve --format xml`, same code", goal_text=f"≤ 1.5× TSV ({xml.wall / tsv.wall:.2f}×)",
          verdict="PASS" if xml.wall <= 1.5 * tsv.wall else "MISS")

    expected = m["search"][f"{SEARCH_TERM} (case-insensitive)"]
    for which in ("first", "second"):
        step = s.run("search", db, SEARCH_TERM, "--count")
        found = step.output().strip()
        s.check(found == str(expected), f"search {SEARCH_TERM} --count said {found!r}, the manifest {expected}")
        s.add(step, f"`search {SEARCH_TERM} --count`, {which} search", 0.1)

    step = s.run("check", db)
    s.check(step.output() == "ok\n", f"check said {step.output()[:200]!r}")
    s.add(step, "`check`", 3.0)

    qdpx = s.scratch / "scale.qdpx"
    step = s.run("export", db, "--qdpx", qdpx)
    s.add(step, f"`export --qdpx` ({qdpx.stat().st_size / 1e6:,.0f} MB)", 10.0, 150)
    copy = s.scratch / "copy.codeboom"
    benchlib.remove_db(copy)
    try:
        step = s.run("new", copy, "--from", qdpx)
        s.add(step, "import-project of that `.qdpx` (`new --from`)", goal_text="it imports")
        n_docs, n_codings = total_codings(s, copy)
        s.check((n_docs, n_codings) == (m["documents"], m["distinct_codings"]),
                f"the re-imported project has {n_docs} documents and {n_codings:,} codings")
    except BenchError as e:
        s.add(None, "import-project of that `.qdpx` (`new --from`)", goal_text="it imports",
              measured=str(e).splitlines()[-1][:120], verdict="MISS")

    quotes = s.scratch / "quotes.xml"
    step = s.run("export", db, "--quotes", quotes)
    s.add(step, f"`export --quotes` XML ({quotes.stat().st_size / 1e6:,.0f} MB)", rss_goal=150)
    benchlib.remove_db(copy)
    for path in (qdpx, quotes):
        path.unlink(missing_ok=True)

    sizes = (1000, 4000) if s.quick else (10000, 40000)
    inproc = {}
    for n in sizes:
        book = s.scratch / f"codes-{n}.tsv"
        benchlib.write_codebook(book, n)
        project = s.scratch / f"codes-{n}.codeboom"
        benchlib.remove_db(project)
        benchlib.run_process([s.cli, "new", project], env=s.env)
        step = s.run("code", "import", project, book)
        inproc[n] = step.inproc
        s.add(step, f"`code import` of {n:,} codes", 1.0 if n == 40000 else None)
    ratio = inproc[sizes[1]] / inproc[sizes[0]]
    s.add(None, f"`code import` {sizes[1]:,} / {sizes[0]:,} codes, in-process time ratio",
          measured=f"{ratio:.2f}×", goal_text="< 6 (linear ≈ 4)", verdict="PASS" if ratio < 6 else "MISS")


def run(cli, quick=False):
    workload = benchlib.ensure_workload("quick" if quick else "scale")
    scratch = benchlib.make_scratch()
    s = Scale(cli, workload, scratch, quick)
    header = [f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}; {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.2f}",
              f"workload: {workload.describe()}",
              f"Codeboom: {benchlib.rel(cli)}; each step one process, run once"]
    for line in header:
        log(line)
    try:
        run_steps(s)
    except BenchError as e:
        s.failures.append(str(e))
        log(f"  FAILED: {e}")
    finally:
        if os.environ.get("CODEBOOM_BENCH_KEEP") == "1":
            log(f"scratch files kept in {benchlib.rel(scratch)}")
        else:
            import shutil
            shutil.rmtree(scratch, ignore_errors=True)
    notes = header + ["not measured here: the app's rows (first window, click the top code, backup "
                      "on open; see 10_app_speed) and the first 200 segments of a paged retrieval"]
    notes.append(f"correctness: {len(s.failures)} problem(s)" if s.failures
                 else "correctness: all results as expected")
    text = s.table() + "".join(f"- {n}\n" for n in notes)
    benchlib.OUT_DIR.mkdir(exist_ok=True)
    (benchlib.OUT_DIR / "scale-results.md").write_text(text, encoding="utf-8")
    print()
    print(text, end="")
    for failure in s.failures:
        print(f"FAILED {failure}")
    return 1 if s.failures else 0
