# benchlib.py: what the benchmark cases share
#
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for bench/cases/NN_name.py.

A case is a module with a function `run(b)`, where `b` is the Bench below.
It times Codeboom and its baseline in the same run and reports each pair with
`b.add(...)`; it reports wrong results with `b.check(...)`, which makes
bench/run exit 1.  Timings are reported against their targets, never
asserted.

Times are wall-clock seconds from time.perf_counter().  A Timing keeps every
sample; tables show the best (the minimum: the least disturbed run on a
shared machine) and the detail lines on stderr show the median too.
"""
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
CASES_DIR = BENCH_DIR / "cases"
OUT_DIR = BENCH_DIR / "out"

sys.path.insert(0, str(CASES_DIR))
import pystore  # noqa: E402  (the baseline; also used in-process for fixtures)

PYSTORE = CASES_DIR / "pystore.py"

# The reference workload (the figures) and the --quick one.
WORKLOAD_ARGS = {
    "reference": [],
    "quick": ["--docs", "10", "--words", "4000", "--codings", "2000"],
    # bench/run --scale: issue 14's research-cell archive
    "scale": ["--docs", "1000", "--words", "10000", "--codings", "1000000"],
}

TIMING_PREFIX = "timing: "


class BenchError(Exception):
    """A command failed: the run cannot go on with this case."""


# -- timing -------------------------------------------------------------------

class Timing:
    """Samples of one measurement: wall seconds of each run and, when the
    program reported it (`timing: OP X ms` on stderr), its in-process
    seconds.  `output` is the stdout of the last run."""

    def __init__(self):
        self.wall = []
        self.inproc = []
        self.output = ""

    @property
    def best(self):
        return min(self.wall) if self.wall else None

    @property
    def median(self):
        return statistics.median(self.wall) if self.wall else None

    @property
    def inproc_best(self):
        return min(self.inproc) if self.inproc else None

    @property
    def inproc_median(self):
        return statistics.median(self.inproc) if self.inproc else None

    def describe(self, inproc=False):
        samples = self.inproc if inproc else self.wall
        if not samples:
            return "no data"
        return (f"best {fmt_time(min(samples))}, median {fmt_time(statistics.median(samples))}"
                f" ({len(samples)} run{'s' if len(samples) != 1 else ''})")


def parse_timing(stderr):
    """Sum of the `timing: OP X ms` lines of a program's stderr, in seconds,
    or None when there are none."""
    total, found = 0.0, False
    for line in stderr.splitlines():
        if line.startswith(TIMING_PREFIX) and line.endswith(" ms"):
            try:
                total += float(line[:-3].rsplit(" ", 1)[1]) / 1000
                found = True
            except (ValueError, IndexError):
                pass
    return total if found else None


def run_process(argv, env=None, input=None):
    """Runs a command to completion; raises BenchError when it fails."""
    proc = subprocess.run([str(a) for a in argv], env=env, input=input,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(str(a) for a in argv)[:300]}: exit {proc.returncode}\n"
                         f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    return proc


def _run_timed(argv, env, timing):
    t0 = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise BenchError(f"{' '.join(argv)[:300]}: exit {proc.returncode}\n"
                         f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}")
    timing.wall.append(elapsed)
    inproc = parse_timing(proc.stderr.decode("utf-8", "replace"))
    if inproc is not None:
        timing.inproc.append(inproc)
    timing.output = proc.stdout.decode("utf-8", "replace")


def time_process(argv, repeat, setup=None, env=None):
    """Best-of/median wall time of a whole process, from fork to exit,
    with stdout and stderr captured.  setup() runs, untimed, before each run."""
    return time_processes([(argv, setup, env)], repeat)[0]


def time_processes(jobs, repeat):
    """Times several commands, each a tuple (argv, setup, env), in turns:
    round 1 runs each once, then round 2, and so on, so that a noisy moment
    on a shared machine hurts them alike.  Returns a Timing per job."""
    timings = [Timing() for _ in jobs]
    jobs = [([str(a) for a in argv], setup, env) for argv, setup, env in jobs]
    for _ in range(repeat):
        for (argv, setup, env), timing in zip(jobs, timings):
            if setup:
                setup()
            _run_timed(argv, env, timing)
    return timings


def time_function(fn, repeat, setup=None):
    """Best-of/median wall time of a Python function in this process.
    setup() runs, untimed, before each call; the last result is kept in
    .output."""
    timing = Timing()
    for _ in range(repeat):
        if setup:
            setup()
        t0 = time.perf_counter()
        result = fn()
        timing.wall.append(time.perf_counter() - t0)
        timing.output = result
    return timing


# -- formatting -----------------------------------------------------------------

def fmt_time(seconds):
    if seconds is None:
        return "n/a"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.1:
        return f"{seconds * 1000:.0f} ms"
    if seconds >= 0.01:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1000:.2f} ms"


class Target:
    """≤ limit × the baseline (ratio) or ≤ limit seconds (absolute)."""

    def __init__(self, kind, limit):
        assert kind in ("ratio", "abs")
        self.kind, self.limit = kind, limit

    def __str__(self):
        if self.kind == "ratio":
            return f"≤ {self.limit:.1f}× baseline"
        if self.limit < 1:
            return f"≤ {self.limit * 1000:g} ms"
        return f"≤ {self.limit:g} s"

    def verdict(self, ours, base):
        if ours is None:
            return "n/a"
        if self.kind == "abs":
            return "PASS" if ours <= self.limit else "MISS"
        if not base:
            return "n/a"
        return "PASS" if ours / base <= self.limit else "MISS"


def ratio(limit):
    return Target("ratio", limit)


def at_most_ms(ms):
    return Target("abs", ms / 1000)


class Row:
    def __init__(self, case, what, ours, base, target):
        self.case, self.what, self.ours, self.base, self.target = case, what, ours, base, target

    def cells(self):
        r = self.ours / self.base if self.ours is not None and self.base else None
        return [self.case, self.what, fmt_time(self.ours), fmt_time(self.base),
                f"{r:.2f}×" if r is not None else "n/a",
                str(self.target) if self.target else "—",
                self.target.verdict(self.ours, self.base) if self.target else "info"]


HEADERS = ["case", "what", "Codeboom", "baseline", "ratio", "target", "result"]


def format_table(rows, markdown=False):
    cells = [HEADERS] + [r.cells() for r in rows]
    if markdown:
        lines = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in cells]
        lines.insert(1, "|" + "|".join("---" if i < 2 else "---:" for i in range(len(HEADERS))) + "|")
        return "\n".join(lines) + "\n"
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADERS))]
    out = []
    for n, row in enumerate(cells):
        out.append("  ".join(c.ljust(widths[i]) if i < 2 else c.rjust(widths[i])
                             for i, c in enumerate(row)).rstrip())
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


# -- the workload -----------------------------------------------------------------

class Workload:
    def __init__(self, directory):
        self.dir = Path(directory)
        self.docs = sorted((self.dir / "docs").glob("*.txt"))
        self.codes_tsv = self.dir / "codes.tsv"
        self.codings_tsv = self.dir / "codings.tsv"
        with open(self.dir / "manifest.json", encoding="utf-8") as f:
            self.manifest = json.load(f)

    def describe(self):
        m = self.manifest
        return (f"{m['documents']} transcripts × {m['words_per_document']:,} words "
                f"({m['bytes'] / 1e6:.1f} MB), {m['codes']} codes, {m['codings']:,} codings")


def find_make_workload():
    # the reference generator lives in ../shared beside the repository (as in CI);
    # it is not copied here, so that the workload is always the shared one
    for candidate in (os.environ.get("CODEBOOM_MAKE_WORKLOAD"),
                      BENCH_DIR.parent.parent / "shared" / "bench" / "make_workload.py"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise BenchError("make_workload.py not found (set CODEBOOM_MAKE_WORKLOAD)")


def ensure_workload(kind):
    """Generates the workload once into bench/out/workload-KIND/; a stamp of
    the generator and its arguments says when it must be made again."""
    script = find_make_workload()
    args = WORKLOAD_ARGS[kind]
    directory = OUT_DIR / f"workload-{kind}"
    stamp = json.dumps({"script": script.read_text(encoding="utf-8"), "args": args})
    stamp_file = directory / ".stamp"
    if not (stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp):
        # Made aside and renamed into place: another bench/run may be reading
        # or making the same workload.
        log(f"generating the {kind} workload into {rel(directory)}")
        OUT_DIR.mkdir(exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".workload-{kind}-", dir=OUT_DIR))
        try:
            run_process([sys.executable, script, fresh] + args)
            (fresh / ".stamp").write_text(stamp, encoding="utf-8")
            if stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp:
                return Workload(directory)      # another run made it meanwhile
            if directory.exists():
                stale = Path(tempfile.mkdtemp(prefix=f".stale-{kind}-", dir=OUT_DIR))
                os.rename(directory, stale / "w")
                shutil.rmtree(stale)
            os.rename(fresh, directory)
        except OSError:
            if not (stamp_file.is_file() and stamp_file.read_text(encoding="utf-8") == stamp):
                raise
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    return Workload(directory)


def write_codebook(path, n_codes):
    """A codebook TSV of @n_codes codes with one wide level (what made code
    import quadratic): a root, n/10 themes under it, nine codes under each;
    parents before children, accents, a description and a colour now and
    then."""
    lines = ["Codebook\tthe root\n"]
    theme = 0
    while len(lines) < n_codes:
        theme += 1
        lines.append(f"Codebook / Theme {theme:05d} coördinatie\tdescription of theme {theme}\n")
        for code in range(1, 10):
            if len(lines) >= n_codes:
                break
            extra = f"\tcode {theme}.{code}\t#A0B0{code:02d}" if code == 1 else ""
            lines.append(f"Codebook / Theme {theme:05d} coördinatie / Code {theme:05d}.{code} één{extra}\n")
    Path(path).write_text("".join(lines), encoding="utf-8")


# -- files --------------------------------------------------------------------------

def rel(path):
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def log(message):
    print(message, file=sys.stderr, flush=True)


def remove_db(path):
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def copy_db(src, dst):
    """Copies a closed SQLite file (and its WAL if one was left) and syncs
    the copy, so that the timed run does not pay for flushing it."""
    if not os.path.isfile(src):
        raise BenchError(f"{src} vanished (is another bench/run cleaning bench/out/?)")
    remove_db(dst)
    for suffix in ("", "-wal"):
        if os.path.exists(f"{src}{suffix}"):
            shutil.copyfile(f"{src}{suffix}", f"{dst}{suffix}")
            with open(f"{dst}{suffix}", "rb+") as f:
                os.fsync(f.fileno())
    dirfd = os.open(os.path.dirname(os.path.abspath(dst)), os.O_RDONLY)
    try:
        os.fsync(dirfd)
    finally:
        os.close(dirfd)


# -- the bench -------------------------------------------------------------------------

FIXTURES = ("empty", "documents", "codes", "coded")


def make_scratch():
    """bench/out/run-PID/: each bench/run its own, so that runs started
    side by side do not clean up each other's projects.  Those of runs that
    no longer exist are removed."""
    OUT_DIR.mkdir(exist_ok=True)
    for old in OUT_DIR.glob("run-*"):
        try:
            os.kill(int(old.name[len("run-"):]), 0)
        except ValueError:
            continue
        except ProcessLookupError:
            shutil.rmtree(old, ignore_errors=True)
        except PermissionError:
            pass
    scratch = OUT_DIR / f"run-{os.getpid()}"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir()
    return scratch


class Bench:
    """What a case gets: the CLI, the workload, repeat counts, a scratch
    directory, fixtures, and the results."""

    def __init__(self, cli, workload, quick=False, repeat=None):
        self.cli = Path(cli)
        self.workload = workload
        self.quick = quick
        self.repeat_override = repeat
        self.python = baseline_python()
        self.scratch = make_scratch()
        self.rows = []
        self.failures = []
        self.notes = []
        self.case = None
        self._fixtures = {}
        (self.scratch / "fixtures").mkdir()
        self.env = dict(os.environ, CODEBOOM_TIMING="1", CODEBOOM_CODER=pystore.CODER)

    def close(self):
        """Removes this run's scratch files (kept with CODEBOOM_BENCH_KEEP=1)."""
        if os.environ.get("CODEBOOM_BENCH_KEEP") == "1":
            log(f"scratch files kept in {rel(self.scratch)}")
        else:
            shutil.rmtree(self.scratch, ignore_errors=True)

    # how many runs: quick runs once; --repeat overrides
    def repeat(self, n):
        if self.repeat_override:
            return self.repeat_override
        return 1 if self.quick else n

    def path(self, name):
        """A file in this case's scratch directory."""
        directory = self.scratch / (self.case or "misc")
        directory.mkdir(exist_ok=True)
        return directory / name

    # commands
    def cli_argv(self, *args):
        return [self.cli] + [str(a) for a in args]

    def run_cli(self, *args):
        """Runs codeboom-cli untimed; returns its stdout."""
        return run_process(self.cli_argv(*args), env=self.env).stdout.decode("utf-8")

    def pystore_argv(self, *args):
        return [self.python, PYSTORE] + [str(a) for a in args]

    def time_cli(self, args, repeat, setup=None):
        return time_process(self.cli_argv(*args), repeat, setup=setup, env=self.env)

    def time_pystore(self, args, repeat, setup=None):
        return time_process(self.pystore_argv(*args), repeat, setup=setup, env=self.env)

    def compare(self, cli_args, py_args, repeat, cli_setup=None, py_setup=None):
        """Times codeboom-cli and the baseline program in turns; returns
        their Timings (ours, base)."""
        return time_processes([(self.cli_argv(*cli_args), cli_setup, self.env),
                               (self.pystore_argv(*py_args), py_setup, self.env)], repeat)

    # fixtures: closed project files at each stage, made untimed, once per run
    def fixture(self, stage, which):
        """Path of a template project at @stage ("empty", "documents",
        "codes", "coded"; each adds to the one before) made by Codeboom
        (which="cli") or by the baseline (which="py").  Copy it with
        b.copy_fixture() before changing it."""
        key = (stage, which)
        if key in self._fixtures:
            return self._fixtures[key]
        index = FIXTURES.index(stage)
        path = self.scratch / "fixtures" / f"{which}-{stage}.codeboom"
        w = self.workload
        if index > 0:
            copy_db(self.fixture(FIXTURES[index - 1], which), path)
        if which == "cli":
            if stage == "empty":
                self.run_cli("new", path)
            elif stage == "documents":
                self.run_cli("import", path, *w.docs)
            elif stage == "codes":
                self.run_cli("code", "import", path, w.codes_tsv)
            else:
                self.run_cli("apply", path, "--batch", w.codings_tsv)
        else:
            if stage == "empty":
                pystore.new(str(path)).close()
            else:
                con = pystore.connect(str(path))
                if stage == "documents":
                    pystore.import_files(con, [str(d) for d in w.docs])
                elif stage == "codes":
                    pystore.code_import(con, str(w.codes_tsv))
                else:
                    pystore.apply_batch(con, str(w.codings_tsv))
                con.close()
        self._fixtures[key] = path
        return path

    def copy_fixture(self, stage, which, dst):
        copy_db(self.fixture(stage, which), dst)

    # reading results
    def parse_segments(self, output):
        """(document, start, end, code path, text) of each line of a
        retrieval's TSV (codeboom-cli retrieve --format tsv, or the
        baseline's)."""
        return parse_segments(output)

    def cli_documents(self, db):
        """[(name, n_chars, n_codings)] from `codeboom-cli docs`."""
        return [(name, int(n_chars), int(n_codings))
                for name, n_chars, n_codings in parse_tsv(self.run_cli("docs", db), 3)]

    def count_all_codings(self, db):
        """Codings in a Codeboom project, counted through the CLI."""
        return sum(n for _, _, n in self.cli_documents(db))

    def check_documents(self, db):
        """Codeboom's project must hold the workload's documents with
        exactly the generator's text (`codeboom-cli docs` and `text`)."""
        m = self.workload.manifest
        listing = self.cli_documents(db)
        self.check(len(listing) == m["documents"],
                   f"Codeboom lists {len(listing)} documents, manifest says {m['documents']}")
        chars = sum(n for _, n, _ in listing)
        self.check(chars == m["characters"],
                   f"Codeboom's documents have {chars} characters, manifest says {m['characters']}")
        h = hashlib.sha256()
        for name in sorted(name for name, _, _ in listing):
            h.update(run_process(self.cli_argv("text", db, name), env=self.env).stdout)
        self.check(h.hexdigest() == m["sha256_text"], "Codeboom's stored text differs from the manifest's sha256")

    def check_codings(self, ours_db, base_db):
        """Every coding must be there once: Codeboom's project (counted
        through the CLI) and the baseline's must each hold the manifest's
        number of distinct codings."""
        want = self.workload.manifest["distinct_codings"]
        ours = self.count_all_codings(ours_db)
        self.check(ours == want, f"Codeboom stored {ours} codings, manifest says {want} distinct")
        con = pystore.connect(str(base_db))
        base = con.execute("SELECT count(*) FROM coding").fetchone()[0]
        con.close()
        self.check(base == want, f"baseline stored {base} codings, manifest says {want} distinct")

    # results
    def add(self, what, ours, base, target=None):
        """Reports one figure beside its baseline (seconds, or Timings whose
        best wall time is taken)."""
        ours = ours.best if isinstance(ours, Timing) else ours
        base = base.best if isinstance(base, Timing) else base
        self.rows.append(Row(self.case, what, ours, base, target))

    def detail(self, what, ours, base, inproc=False):
        log(f"  {what}:\n    Codeboom {ours.describe(inproc)}\n    baseline {base.describe(inproc)}")

    def note(self, message):
        """A remark printed under the table (not a failure)."""
        self.notes.append(f"note ({self.case}): {message}")
        log(f"  note: {message}")

    def check(self, ok, message):
        """Records a correctness failure (bench/run then exits 1)."""
        if not ok:
            self.failures.append(f"{self.case}: {message}")
            log(f"  MISMATCH: {message}")
        return ok


def unescape(field):
    """Undoes the CLI's TSV escaping (backslash, TAB, newline as \\\\ \\t \\n)."""
    if "\\" not in field:
        return field
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(field[i + 1], field[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def parse_tsv(output, n_fields):
    """Rows of the CLI's TSV output (every line ends with LF and has
    @n_fields fields), fields unescaped.  Not splitlines(): that also splits
    at U+2028, U+0085 … inside a text."""
    if output == "":
        return []
    if not output.endswith("\n"):
        raise BenchError(f"TSV output does not end with a newline: {output[-80:]!r}")
    rows = []
    for line in output[:-1].split("\n"):
        fields = line.split("\t")
        if len(fields) != n_fields:
            raise BenchError(f"TSV line with {len(fields)} fields, not {n_fields}: {line[:200]!r}")
        rows.append([unescape(f) for f in fields])
    return rows


def parse_segments(output):
    """(document, start, end, code path, text) per line of
    `codeboom-cli retrieve --format tsv` (or of the baseline's same TSV)."""
    return [(d, int(s), int(e), c, t) for d, s, e, c, t in parse_tsv(output, 5)]


def baseline_python():
    """The interpreter the baseline runs in: $CODEBOOM_BENCH_PYTHON, else the
    system's /usr/bin/python3 (a plain interpreter, as a user has it; version
    managers' shims add start-up time of their own), else this one."""
    env = os.environ.get("CODEBOOM_BENCH_PYTHON")
    if env:
        return env
    if os.access("/usr/bin/python3", os.X_OK):
        return "/usr/bin/python3"
    return sys.executable


def environment_summary(bench):
    python = subprocess.run([bench.python, "-c", "import sys, sqlite3; print(sys.version.split()[0], sqlite3.sqlite_version)"],
                            stdout=subprocess.PIPE, text=True).stdout.split()
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return [
        f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}; machine: {cpu}, {os.cpu_count()} cores; "
        f"load average {os.getloadavg()[0]:.2f}",
        f"workload: {bench.workload.describe()}",
        f"Codeboom: {rel(bench.cli)}; baseline: Python {python[0] if python else '?'} "
        f"({bench.python}) + SQLite {python[1] if len(python) > 1 else '?'} (sqlite3 module)",
        "times: best of N wall-clock runs (median on stderr); ratio = Codeboom / baseline",
    ]
