#!/usr/bin/env python3
# test_hostile.py: hostile and broken input never harms codeboom-cli or the open project
#
# Every case of tests/data/hostile/manifest.tsv (zip bombs, XXE and billion
# laughs, zip-slip names, truncated archives, lying extensions, invalid
# UTF-8, RTF nested 100,000 deep, a 200 MB text, .codeboom files that are
# not sound projects, foreign schema objects, tampered undo journals; see
# make-hostile.py there) is fed to codeboom-cli the
# way the manifest says, next to a sound project made at the start from
# tests/data/corpus.  Each run is limited to 2 GiB of address space
# (RLIMIT_AS, not under sanitizers, whose shadow memory needs more) and
# killed after 30 s.  Each must:
#   - exit with the manifest's status, print nothing on stdout, and print
#     "codeboom-cli: " and a message naming the file and the problem;
#   - print no traceback, CRITICAL, GLib warning or sanitizer report;
#   - leave the sound project with the same rows in every table (dumped
#     through a read-only connection before and after) and `check` ok;
#   - create no file anywhere in the test's directory (zip slip: nothing
#     like ../../evil.txt appears; the command runs three levels down)
#     nor the absolute /tmp/codeboom-hostile-evil.txt;
#   - for `new --from`, leave no project file; for a hostile .codeboom,
#     leave its bytes and its folder as they were.
# The time and peak memory of each run are printed as TAP comments (the
# limits above are the only assertions about them).
#
# Run by meson (suite 'cli') with CODEBOOM_CLI and G_TEST_SRCDIR; prints TAP.
# By hand: CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_hostile.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import importlib.util
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
HOSTILE = os.path.join(SRCDIR, 'data', 'hostile')
CLI = os.environ.get('CODEBOOM_CLI')
CLI = os.path.abspath(CLI) if CLI else None
PREFIX = b'codeboom-cli: '
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024
TIME_LIMIT = 30
ESCAPES = ('/tmp/codeboom-hostile-evil.txt',)
# Cases that fail for a known reason, reported as TODO (meson: expected
# failure) until the core is fixed; then meson reports an unexpected pass
# and the entry goes.
KNOWN = {
}
NOISE = (b'Traceback', b'CRITICAL', b'WARNING **', b'Sanitizer', b'runtime error:', b'LeakSanitizer',
         b'Segmentation', b'Aborted')


def load_generator():
    spec = importlib.util.spec_from_file_location('make_hostile', os.path.join(HOSTILE, 'make-hostile.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_manifest():
    cases = []
    with open(os.path.join(HOSTILE, 'manifest.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            name, use, status, fragments, what = line.rstrip('\n').split('\t')
            cases.append((name, use, int(status), fragments.split('|'), what))
    return cases


# --------------------------------------------------------- running the CLI

def sanitized():
    """Whether codeboom-cli is built with AddressSanitizer (which reserves
    terabytes of address space, so RLIMIT_AS cannot apply)."""
    with open(CLI, 'rb') as f:
        return b'__asan_init' in f.read()


LIMIT_MEMORY = False


def limits():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if LIMIT_MEMORY:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


class Result:
    def __init__(self, args, code, out, err, seconds, peak_kib):
        self.args, self.code, self.out, self.err = args, code, out, err
        self.seconds, self.peak_kib = seconds, peak_kib

    @property
    def stderr(self):
        return self.err.decode('utf-8', 'replace')

    def describe(self):
        return (f'codeboom-cli {" ".join(map(repr, self.args))}\nexit status {self.code} '
                f'after {self.seconds:.2f} s, peak {self.peak_kib // 1024} MiB\n'
                f'stdout: {self.out[:1500]!r}\nstderr: {self.err[:1500]!r}')


def cli(*args, cwd=None):
    """Runs codeboom-cli under the limits; its own rusage gives its peak memory."""
    args = [str(a) for a in args]
    env = dict(os.environ)
    env.setdefault('CODEBOOM_CODER', 'tester')
    env.setdefault('LC_ALL', 'C.UTF-8')
    env.pop('CODEBOOM_BACKUP', None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen([CLI] + args, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                   env=env, cwd=cwd, preexec_fn=limits)
        killed = []

        def kill():
            killed.append(True)
            os.kill(process.pid, signal.SIGKILL)

        timer = threading.Timer(TIME_LIMIT, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - start
        out.seek(0)
        err.seek(0)
        result = Result(args, process.returncode, out.read(), err.read(), seconds, usage.ru_maxrss)
    if killed:
        raise AssertionError(f'codeboom-cli took more than {TIME_LIMIT} s\n{result.describe()}')
    if result.code < 0 or result.code > 2:
        raise AssertionError(f'codeboom-cli crashed (or ran out of memory)\n{result.describe()}')
    for noise in NOISE:
        if noise in result.err:
            raise AssertionError(f'codeboom-cli complained internally\n{result.describe()}')
    return result


def ok(*args, **kwargs):
    result = cli(*args, **kwargs)
    if result.code != 0:
        raise AssertionError(f'expected success\n{result.describe()}')
    return result


# ------------------------------------------------------- what must not change

def dump(project):
    """Every table's rows through a read-only connection."""
    path = os.path.abspath(project)
    uri = 'file:' + urllib.parse.quote(path) + '?mode=ro'
    if not os.path.exists(path + '-wal'):
        uri += '&immutable=1'
    connection = sqlite3.connect(uri, uri=True)
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: connection.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
                for table in tables}
    finally:
        connection.close()


def tree(root, skip=()):
    """Every path under @root with the sha256 of each file (of those not in @skip)."""
    state = {}
    for directory, folders, files in os.walk(root):
        for name in folders:
            state[os.path.relpath(os.path.join(directory, name), root) + '/'] = None
        for name in files:
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, root)
            if relative in skip:
                state[relative] = 'present'
                continue
            with open(path, 'rb') as f:
                digest = hashlib.sha256()
                for block in iter(lambda: f.read(1 << 20), b''):
                    digest.update(block)
                state[relative] = digest.hexdigest()
    return state


# ------------------------------------------------------------------ cases

class Context:
    root = None        # the test's directory
    project = None     # the sound project
    good = None        # a good file to import beside a bad one
    runtime = None     # where runtime hostile files go
    generator = None
    peaks = []


def hostile_path(name):
    if name in Context.generator.RUNTIME:
        path = os.path.join(Context.runtime, name)
        if not os.path.exists(path):
            Context.generator.make_runtime(name, Context.runtime, Context.project)
        return path
    return os.path.join(HOSTILE, name)


def expect_refusal(result, name, status, fragments):
    if result.code != status:
        raise AssertionError(f'expected exit status {status}\n{result.describe()}')
    if not result.err.startswith(PREFIX):
        raise AssertionError(f'stderr must start with "codeboom-cli: "\n{result.describe()}')
    for fragment in [name] + fragments:
        if fragment not in result.stderr:
            raise AssertionError(f'the message must mention {fragment!r}\n{result.describe()}')
    if result.out:
        raise AssertionError(f'a refused command prints nothing on stdout\n{result.describe()}')
    Context.peaks.append((result.peak_kib, result.seconds, ' '.join(result.args[:1]) + ' ' + name))


def run_case(name, use, status, fragments):
    path = hostile_path(name)
    project = Context.project
    work = os.path.join(Context.root, 'work', 'a', 'b')
    project_files = {os.path.relpath(project, Context.root) + suffix for suffix in ('', '-wal', '-shm')}
    runtime_dir = os.path.relpath(Context.runtime, Context.root)
    skip = project_files | {os.path.join(runtime_dir, n) for n in os.listdir(Context.runtime)}
    before_tree = tree(Context.root, skip)
    before = dump(project)
    hostile_before = tree(path) if os.path.isdir(path) else None
    hostile_sum = None
    if os.path.isfile(path) and os.path.getsize(path) < 64 * 1024 * 1024:
        with open(path, 'rb') as f:
            hostile_sum = hashlib.sha256(f.read()).hexdigest()

    if use == 'import':
        expect_refusal(cli('import', project, path, cwd=work), name, status, fragments)
        # beside a good file: all or nothing
        expect_refusal(cli('import', project, Context.good, path, cwd=work), name, status, fragments)
    elif use == 'new-from':
        new = os.path.join(work, 'new.codeboom')
        expect_refusal(cli('new', new, '--from', path, cwd=work), name, status, fragments)
        left = [n for n in os.listdir(work) if n.startswith('new.codeboom')]
        assert not left, f'new --from {name} left {left}'
    elif use == 'code-import':
        expect_refusal(cli('code', 'import', project, path, cwd=work), name, status, fragments)
    elif use == 'open':
        folder = os.path.dirname(path)
        listing = sorted(os.listdir(folder))
        # a command that writes (test_reliability.py runs every command on
        # such files; here the point is the limits and the message)
        expect_refusal(cli('import', path, Context.good, cwd=work), name, status, fragments)
        assert sorted(os.listdir(folder)) == listing, f'opening {name} left files beside it'
    elif use == 'search':
        folder = os.path.dirname(path)
        listing = sorted(os.listdir(folder))
        expect_refusal(cli('search', path, 'regels', cwd=work), name, status, fragments)
        assert sorted(os.listdir(folder)) == listing, f'search in {name} left files beside it'
    elif use == 'undo':
        folder = os.path.dirname(path)
        listing = sorted(os.listdir(folder))
        expect_refusal(cli('undo', path, cwd=work), name, status, fragments)
        assert sorted(os.listdir(folder)) == listing, f'undo in {name} left files beside it'
    else:
        raise AssertionError(f'unknown use {use!r} in the manifest')

    if hostile_sum is not None:
        with open(path, 'rb') as f:
            assert hashlib.sha256(f.read()).hexdigest() == hostile_sum, f'{name} was changed'
    if hostile_before is not None:
        assert tree(path) == hostile_before, f'the folder {name} was changed'
    after = dump(project)
    if after != before:
        changed = [t for t in set(before) | set(after) if before.get(t) != after.get(t)]
        raise AssertionError(f'{name} changed the sound project: tables {sorted(changed)}')
    after_tree = tree(Context.root, skip | {os.path.join(runtime_dir, n) for n in os.listdir(Context.runtime)})
    created = sorted(set(after_tree) - set(before_tree))
    changed = sorted(p for p in before_tree if after_tree.get(p) != before_tree[p])
    assert not created and not changed, f'{name}: files created {created}, changed {changed}'
    for escape in ESCAPES:
        assert not os.path.exists(escape), f'{name}: {escape} was written'
    result = cli('check', project)
    assert result.code == 0 and result.out == b'ok\n', result.describe()


def make_sound_project():
    os.makedirs(os.path.join(Context.root, 'work', 'a', 'b'))
    os.makedirs(Context.runtime)
    project = Context.project
    ok('new', project)
    ok('import', project, os.path.join(CORPUS, 'interview-ma07.txt'),
       os.path.join(CORPUS, 'interview-hma02-cp1252-crlf.txt'))
    ok('code', 'import', project, os.path.join(CORPUS, 'codebook-redtape.tsv'))
    ok('apply', project, 'interview-ma07', 'Generalistisch werken / 1 cliënt = 1 MA',
       '--quote', 'één cliënt, één maatschappelijk assistent')
    ok('apply', project, 'interview-ma07', 'Red Tape', '0', '40')
    assert dump(project)['coding'], 'the sound project has codings'
    result = cli('check', project)
    assert result.out == b'ok\n', result.describe()


def main(argv):
    cases = read_manifest()
    selected = [c for c in cases if not argv or any(a in c[0] for a in argv)]
    print(f'1..{len(selected) + 2}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number in range(1, len(selected) + 3):
            print(f'not ok {number} - CODEBOOM_CLI is not set: {CLI!r}')
        return 1
    global LIMIT_MEMORY
    LIMIT_MEMORY = not sanitized()
    failures = 0
    with tempfile.TemporaryDirectory(prefix='cb-hostile-') as root:
        Context.root = root
        Context.project = os.path.join(root, 'sound', 'p.codeboom')
        Context.runtime = os.path.join(root, 'runtime')
        Context.good = os.path.join(CORPUS, 'mag-session-2-fr.txt')
        Context.generator = load_generator()
        os.makedirs(os.path.dirname(Context.project))
        try:
            make_sound_project()
            committed = Context.generator.committed_cases()
            stale = [n for n, data in committed.items()
                     if open(os.path.join(HOSTILE, n), 'rb').read() != data]
            assert not stale, f'make-hostile.py writes other bytes than those committed: {stale}'
            limit = 'RLIMIT_AS 2 GiB' if LIMIT_MEMORY else 'no RLIMIT_AS (sanitizer build)'
            print(f'ok 1 - sound project made; committed files up to date; {limit}')
        except Exception:
            print('not ok 1 - sound project made; committed files up to date')
            for line in traceback.format_exc().rstrip('\n').split('\n'):
                print(f'# {line}')
            for number in range(2, len(selected) + 3):
                print(f'not ok {number} - no sound project')
            return 1
        for number, (name, use, status, fragments, what) in enumerate(selected, 2):
            try:
                run_case(name, use, status, fragments)
                todo = f' # TODO {KNOWN[name]}' if name in KNOWN else ''
                print(f'ok {number} - {use} {name}: {what}{todo}')
            except Exception:
                if name in KNOWN:
                    print(f'not ok {number} - {use} {name}: {what} # TODO {KNOWN[name]}')
                else:
                    failures += 1
                    print(f'not ok {number} - {use} {name}: {what}')
                for line in traceback.format_exc().rstrip('\n').split('\n'):
                    print(f'# {line}')
            finally:
                if name == 'huge-200mb.txt':
                    os.remove(os.path.join(Context.runtime, name))
            sys.stdout.flush()
        number = len(selected) + 2
        try:
            result = cli('check', Context.project)
            assert result.code == 0 and result.out == b'ok\n', result.describe()
            print(f'ok {number} - the sound project is still sound')
        except Exception:
            failures += 1
            print(f'not ok {number} - the sound project is still sound')
            for line in traceback.format_exc().rstrip('\n').split('\n'):
                print(f'# {line}')
        for peak, seconds, what in sorted(Context.peaks, reverse=True)[:5]:
            print(f'# peak {peak // 1024} MiB, {seconds:.2f} s: {what}')
        print(f'# slowest: {max((s, w) for _, s, w in Context.peaks) if Context.peaks else None}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
