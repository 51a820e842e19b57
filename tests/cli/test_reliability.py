#!/usr/bin/env python3
# test_reliability.py: codeboom-cli never loses committed work, never
# corrupts a project, and fails clearly on hostile or broken project files.
#
# - SIGKILL during `apply --batch --commit-each` and during `import`, at
#   moments chosen by watching the project from another connection (not by
#   sleeping): afterwards `check` passes and everything committed is there;
# - two CLIs writing one project at once;
# - a read-only file or folder, a full disk (a small tmpfs when we may mount
#   one, else RLIMIT_FSIZE), a path with spaces and non-ASCII characters;
# - backups: backup, backups (rotation to five), restore, --backup;
# - a .codeboom that is another SQLite database, truncated, with garbage
#   pages, or from a future schema version: a clear error naming the file,
#   and the file left byte for byte as it was.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI and G_TEST_SRCDIR; prints TAP.
# By hand: CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_reliability.py [NAME...]
#
# Standard library only.  No assertion depends on timing.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import multiprocessing
import os
import pwd
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
CLI = os.environ.get('CODEBOOM_CLI')
MA07 = os.path.join(CORPUS, 'interview-ma07.txt')
PREFIX = b'codeboom-cli: '
APPLICATION_ID = 0x43426f4d

TESTS = []


class Skip(Exception):
    pass


def test(fn):
    TESTS.append(fn)
    return fn


def run_one(fn):
    """Runs one test in a directory of its own; returns (status, lines)."""
    directory = tempfile.mkdtemp(prefix='cb-reliability-')
    origin = os.getcwd()
    try:
        os.chdir(directory)
        fn()
        return 'ok', []
    except Skip as skip:
        return 'skip', [str(skip)]
    except Exception:
        return 'fail', traceback.format_exc().rstrip('\n').split('\n')
    finally:
        os.chdir(origin)
        unmount_all()
        shutil.rmtree(directory, ignore_errors=True)


def main(argv):
    selected = [t for t in TESTS if not argv or any(a in t.__name__ for a in argv)]
    print(f'1..{len(selected)}', flush=True)
    if CLI is None or not os.access(CLI, os.X_OK):
        for number, fn in enumerate(selected, 1):
            print(f'not ok {number} - {fn.__name__}\n# CODEBOOM_CLI is not set: {CLI!r}')
        return 1
    # The tests are independent and mostly wait (for fsync, for a busy
    # timeout), so they run two at a time; results print in order.
    jobs = int(os.environ.get('CODEBOOM_TEST_JOBS') or 2)
    pool = multiprocessing.get_context('fork').Pool(jobs) if jobs > 1 and len(selected) > 1 else None
    results = pool.imap(run_one, selected) if pool else map(run_one, selected)
    failures = 0
    try:
        for number, (fn, (status, lines)) in enumerate(zip(selected, results), 1):
            name = fn.__name__.removeprefix('test_').replace('_', '-')
            if status == 'ok':
                print(f'ok {number} - {name}')
            elif status == 'skip':
                print(f'ok {number} - {name} # SKIP {lines[0]}')
            else:
                failures += 1
                print(f'not ok {number} - {name}')
                for line in lines:
                    print(f'# {line}')
            sys.stdout.flush()
    finally:
        if pool:
            pool.close()
            pool.join()
    return 1 if failures else 0


# --------------------------------------------------------- running the CLI

def env(**changes):
    e = dict(os.environ)
    e.setdefault('CODEBOOM_CODER', 'tester')
    e.setdefault('LC_ALL', 'C.UTF-8')
    e.pop('CODEBOOM_BACKUP', None)
    e.update(changes)
    return e


class Result:
    def __init__(self, args, code, out, err):
        self.args, self.code, self.out, self.err = args, code, out, err

    @property
    def stdout(self):
        return self.out.decode('utf-8')

    @property
    def stderr(self):
        return self.err.decode('utf-8', 'replace')

    def describe(self):
        return (f'codeboom-cli {" ".join(map(repr, self.args))}\nexit status {self.code}\n'
                f'stdout: {self.out[:1500]!r}\nstderr: {self.err[:1500]!r}')


def checked(result):
    if result.code < 0 or result.code > 2:
        raise AssertionError(f'codeboom-cli crashed or used an unknown exit status\n{result.describe()}')
    for noise in (b'CRITICAL', b'WARNING **', b'Sanitizer', b'runtime error:'):
        if noise in result.err:
            raise AssertionError(f'codeboom-cli complained internally\n{result.describe()}')
    return result


def cli(*args, preexec_fn=None, **changes):
    args = [str(a) for a in args]
    completed = subprocess.run([CLI] + args, capture_output=True, timeout=60, env=env(**changes),
                               stdin=subprocess.DEVNULL, preexec_fn=preexec_fn)
    return checked(Result(args, completed.returncode, completed.stdout, completed.stderr))


def ok(*args, **kwargs):
    result = cli(*args, **kwargs)
    if result.code != 0:
        raise AssertionError(f'expected success\n{result.describe()}')
    return result


def fails(*args, mentions=(), **kwargs):
    """A command that must fail with status 1 and a `codeboom-cli: …` line
    naming each of @mentions."""
    result = cli(*args, **kwargs)
    if result.code != 1:
        raise AssertionError(f'expected exit status 1\n{result.describe()}')
    if not result.err.startswith(PREFIX):
        raise AssertionError(f'expected "codeboom-cli: …" on stderr\n{result.describe()}')
    for text in mentions:
        if text not in result.stderr:
            raise AssertionError(f'expected the message to mention {text!r}\n{result.describe()}')
    return result


def check_ok(project):
    result = cli('check', project)
    if result.code != 0 or result.stdout != 'ok\n':
        raise AssertionError(f'check failed\n{result.describe()}')


def files_of(path):
    """Bytes of the project file and of any -wal/-shm/-journal beside it."""
    state = {}
    for suffix in ('', '-wal', '-shm', '-journal'):
        if os.path.exists(path + suffix):
            with open(path + suffix, 'rb') as f:
                state[suffix] = hashlib.sha256(f.read()).hexdigest()
    return state


def codings(project):
    """Every coding as (document, start, end, code path, coder), read
    through a read-only connection of our own, duplicates kept."""
    db = sqlite3.connect(f'file:{project}?mode=ro', uri=True, timeout=30)
    try:
        rows = db.execute(
            'WITH RECURSIVE p(id, path) AS ('
            '  SELECT id, name FROM code WHERE parent IS NULL'
            '  UNION ALL SELECT c.id, p.path || \' / \' || c.name FROM code c JOIN p ON c.parent = p.id)'
            ' SELECT d.name, g.start, g."end", p.path, r.name FROM coding g'
            ' JOIN document d ON d.id = g.document JOIN p ON p.id = g.code'
            ' JOIN coder r ON r.id = g.coder').fetchall()
    finally:
        db.close()
    return rows


def count_rows(project, table):
    db = sqlite3.connect(f'file:{project}?mode=ro', uri=True, timeout=30)
    try:
        return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    except sqlite3.Error:
        return -1
    finally:
        db.close()


def code_apply(project, document, code, start, end):
    ok('code', 'add', project, code)
    ok('apply', project, document, code, start, end)


def make_project(path='p.codeboom'):
    ok('new', path)
    ok('import', path, MA07, '--name', 'ma07')
    return path


def batch_lines(n, document='ma07', length=8000, codes=40, offset=0):
    """n distinct codings; the code paths are created by the batch itself."""
    lines = []
    for i in range(n):
        start = (i * 7 + offset) % (length - 50)
        lines.append((document, start, start + 5 + i % 40,
                      f'Batch / Group {i % codes // 8} / Code {i % codes}'))
    return lines


def write_batch(path, lines):
    with open(path, 'w', encoding='utf-8') as f:
        for document, start, end, code in lines:
            f.write(f'{document}\t{start}\t{end}\t{code}\n')


def wait_until(predicate, process, limit=30.0):
    """Polls @predicate until true or @process ends; returns whether true."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if predicate():
            return True
        if process.poll() is not None:
            return predicate()
        time.sleep(0.002)
    return False


# ---------------------------------------------------- mounts and privileges

MOUNTS = []


def mount_tmpfs(path, size):
    """A small tmpfs at @path, or Skip when this machine does not let us."""
    os.makedirs(path, exist_ok=True)
    if os.geteuid() != 0 or shutil.which('mount') is None:
        raise Skip('not root: cannot mount a small tmpfs')
    done = subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size},mode=0777', 'tmpfs', path],
                          capture_output=True)
    if done.returncode != 0:
        raise Skip(f'cannot mount a tmpfs: {done.stderr.decode(errors="replace").strip()}')
    MOUNTS.append(path)


def unmount_all():
    while MOUNTS:
        subprocess.run(['umount', '-l', MOUNTS.pop()], capture_output=True)


def unprivileged():
    """A preexec_fn that makes the child an ordinary user when we are root:
    root ignores file permissions, a user relying on them does not."""
    if os.geteuid() != 0:
        return None, None
    nobody = pwd.getpwnam('nobody')

    def drop():
        os.setgroups([])
        os.setgid(nobody.pw_gid)
        os.setuid(nobody.pw_uid)
    return drop, nobody


# ------------------------------------------------------------ crash safety

@test
def test_kill_during_commit_each_batch():
    base = make_project('base.codeboom')
    code_apply(base, 'ma07', 'Before', 0, 10)
    before = set(codings(base))
    lines = batch_lines(600)
    write_batch('batch.tsv', lines)
    expected = [(d, s, e, c, 'tester') for d, s, e, c in lines]

    # Kill at several moments: at once (while opening), and after a few,
    # some and many commits, as seen from another connection.
    for round, target in enumerate((0, 1, 20, 150, 400)):
        project = f'run-{round}.codeboom'
        shutil.copy(base, project)
        process = subprocess.Popen([CLI, 'apply', project, '--batch', 'batch.tsv', '--commit-each'],
                                   env=env(), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        seen = 0
        if target > 0:
            def committed():
                nonlocal seen
                seen = max(count_rows(project, 'coding') - len(before), 0)
                return seen >= target
            wait_until(committed, process)
        process.send_signal(signal.SIGKILL)
        process.communicate()

        check_ok(project)
        after = codings(project)
        assert len(after) == len(set(after)), 'a coding is duplicated'
        assert before <= set(after), 'a coding committed before the batch was lost'
        new = [row for row in after if row not in before]
        # one coding a transaction, in order: what is there is a prefix
        # of the batch, at least as long as what another connection saw
        assert set(new) == set(expected[:len(new)]), \
            f'after a kill at {target}, the codings are not a prefix of the batch'
        assert len(new) >= seen, f'{seen} codings were seen committed, {len(new)} are left'
        # undo works across the kill: the last committed line goes
        if new:
            ok('undo', project)
            assert set(codings(project)) == before | set(expected[:len(new) - 1])
        if round == 4:
            # running the batch again completes it, nothing twice
            ok('apply', project, '--batch', 'batch.tsv', '--commit-each')
            after = codings(project)
            assert len(after) == len(set(after)) and set(after) == before | set(expected)
        check_ok(project)


@test
def test_kill_during_import():
    project = make_project()
    code_apply(project, 'ma07', 'Kept', 0, 10)
    before_docs = ok('docs', project).stdout
    # Files large enough that the import's single transaction takes a while.
    with open(MA07, encoding='utf-8') as f:
        text = f.read()
    names = []
    for i in range(8):
        name = f'big-{i}.txt'
        with open(name, 'w', encoding='utf-8') as f:
            f.write((f'Transcript {i}.\n' + text) * 120)
        names.append(name)

    wal = project + '-wal'
    for moment in ('start', 'writing', 'end'):
        process = subprocess.Popen([CLI, 'import', project] + names, env=env(),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        if moment == 'writing':
            wait_until(lambda: os.path.exists(wal) and os.path.getsize(wal) > 4 * 1024 * 1024, process)
        elif moment == 'end':
            wait_until(lambda: os.path.exists(wal) and os.path.getsize(wal) > 24 * 1024 * 1024, process)
        process.send_signal(signal.SIGKILL)
        process.communicate()

        check_ok(project)
        docs = ok('docs', project).stdout
        # all or nothing: the import is one transaction
        if docs != before_docs:
            assert all(f'big-{i}\t' in docs for i in range(8)), docs
            ok('undo', project)
            assert ok('docs', project).stdout == before_docs
        assert ('ma07', 0, 10, 'Kept', 'tester') in codings(project)
        check_ok(project)


@test
def test_kill_during_qdpx_import():
    # a project worth exporting: the big transcripts of the test above, coded
    source = make_project('source.codeboom')
    with open(MA07, encoding='utf-8') as f:
        text = f.read()
    names = []
    for i in range(6):
        name = f'qbig-{i}.txt'
        with open(name, 'w', encoding='utf-8') as f:
            f.write((f'Transcript {i}.\n' + text) * 120)
        names.append(name)
    ok('import', source, *names)
    write_batch('q.tsv', [(f'qbig-{i}', s, s + 40, f'Q / {s % 7}') for i in range(6) for s in range(0, 20000, 50)])
    ok('apply', source, '--batch', 'q.tsv')
    ok('export', source, '--qdpx', 'source.qdpx')
    expected_docs = ok('docs', source).stdout

    target = 'from qdpx.codeboom'
    for delay in (0.0, 0.05, 0.15, 0.3, 0.6):
        process = subprocess.Popen([CLI, 'new', target, '--from', 'source.qdpx'], env=env(),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.communicate()
        # never a half-made project under the user's name: none, or a whole one
        if os.path.exists(target):
            check_ok(target)
            assert ok('docs', target).stdout == expected_docs
            for suffix in ('', '-wal', '-shm'):
                if os.path.exists(target + suffix):
                    os.remove(target + suffix)
    # what a kill at the wrong moment leaves (not every kill above does)
    os.mkdir('.codeboom-import-Stale1')
    with open(os.path.join('.codeboom-import-Stale1', target), 'wb') as f:
        f.write(b'half a project')
    # and an uninterrupted import still works
    ok('new', target, '--from', 'source.qdpx')
    assert ok('docs', target).stdout == expected_docs
    # and it removed the scratch folders the killed ones left behind
    leftovers = [n for n in os.listdir('.') if n.startswith('.codeboom-import-')]
    assert not leftovers, leftovers


# -------------------------------------------------------------- concurrency

@test
def test_two_writers_at_once():
    project = make_project()
    a = batch_lines(400, offset=0)
    b = batch_lines(400, offset=3) + a[100:200]     # overlapping on purpose
    write_batch('a.tsv', a)
    write_batch('b.tsv', b)
    runs = [subprocess.Popen([CLI, 'apply', project, '--batch', name] + extra, env=env(),
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for name, extra in (('a.tsv', ['--commit-each']), ('b.tsv', []))]
    results = []
    for process, lines in zip(runs, (a, b)):
        out, err = process.communicate(timeout=60)
        results.append((checked(Result(process.args, process.returncode, out, err)), lines))

    present = codings(project)
    assert len(present) == len(set(present)), 'a coding was written twice'
    union = {(d, s, e, c, 'tester') for d, s, e, c in a + b}
    assert set(present) <= union
    for result, lines in results:
        if result.code == 0:
            assert {(d, s, e, c, 'tester') for d, s, e, c in lines} <= set(present)
        else:
            assert result.code == 1 and 'is busy' in result.stderr, result.describe()
    check_ok(project)

    # Two processes adding the same new code: one code, never two.
    runs = [subprocess.Popen([CLI, 'code', 'add', project, 'Same / New / Code'], env=env(),
                             stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(4)]
    for process in runs:
        out, err = process.communicate(timeout=60)
        checked(Result(process.args, process.returncode, out, err))
    assert ok('codes', project).stdout.count('Same / New / Code\t') == 1
    check_ok(project)


@test
def test_busy_project_is_reported_and_untouched():
    project = make_project()
    before = ok('codes', project).stdout
    # Another program holds the write lock longer than the busy timeout.
    holder = sqlite3.connect(project, timeout=0, isolation_level=None)
    holder.execute('BEGIN IMMEDIATE')
    try:
        fails('code', 'add', project, 'Blocked', mentions=('is busy', project))
    finally:
        holder.execute('ROLLBACK')
        holder.close()
    assert ok('codes', project).stdout == before
    ok('code', 'add', project, 'Blocked')
    check_ok(project)


# ------------------------------------------- read-only, full disk, odd paths

@test
def test_read_only_file_and_folder():
    drop, nobody = unprivileged()
    os.makedirs('ro')
    project = make_project('ro/p.codeboom')
    if nobody is not None:
        for path in ('.', 'ro', project):
            os.chown(path, nobody.pw_uid, nobody.pw_gid)
    before = ok('codes', project).stdout

    # the file read-only, its folder writable
    os.chmod(project, 0o444)
    state = files_of(project)
    fails('code', 'add', project, 'X', preexec_fn=drop,
          mentions=('cannot be changed: the file or its folder is read-only', 'p.codeboom'))
    fails('apply', project, 'ma07', 'X', 0, 5, preexec_fn=drop, mentions=('read-only',))
    assert files_of(project) == state
    assert ok('codes', project, preexec_fn=drop).stdout == before

    # the folder read-only too
    os.chmod('ro', 0o555)
    try:
        state = files_of(project)
        result = cli('code', 'add', project, 'X', preexec_fn=drop)
        assert result.code == 1 and result.err.startswith(PREFIX) and 'p.codeboom' in result.stderr, \
            result.describe()
        assert 'read-only' in result.stderr or 'Cannot open' in result.stderr, result.describe()
        fails('backup', project, preexec_fn=drop, mentions=('read-only',))
        assert files_of(project) == state
        assert sorted(os.listdir('ro')) == ['p.codeboom']
    finally:
        os.chmod('ro', 0o755)
        os.chmod(project, 0o644)
    ok('code', 'add', project, 'X')
    check_ok(project)


@test
def test_full_disk():
    mount_tmpfs('small', '1m')
    project = make_project('small/p.codeboom')
    ok('code', 'add', project, 'Before')
    before = (ok('docs', project).stdout, ok('codes', project).stdout)
    with open(MA07, encoding='utf-8') as f:
        text = f.read()
    with open('huge.txt', 'w', encoding='utf-8') as f:
        f.write(text * 300)              # ~2.4 MB, does not fit

    fails('import', project, 'huge.txt', mentions=('disk is full', 'p.codeboom'))
    check_ok(project)
    assert (ok('docs', project).stdout, ok('codes', project).stdout) == before

    # a full disk: even opening needs room (for the -shm); a clear message
    fd = os.open('small/filler', os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while os.write(fd, b'\0' * 4096) > 0:
            pass
    except OSError:
        pass
    size = os.lseek(fd, 0, os.SEEK_END)
    fails('code', 'add', project, 'Nowhere', mentions=('disk is full', 'p.codeboom'))
    fails('docs', project, mentions=('disk is full', 'p.codeboom'))

    # room to open, not for a backup: it fails clearly, leaves no partial file
    os.ftruncate(fd, size - 64 * 1024)
    os.close(fd)
    fails('backup', project, mentions=('disk is full', 'backup'))
    assert not any(name.endswith(('.backup', '.part')) for name in os.listdir('small')), \
        os.listdir('small')
    os.remove('small/filler')
    check_ok(project)
    assert (ok('docs', project).stdout, ok('codes', project).stdout) == before
    ok('code', 'add', project, 'After')
    check_ok(project)


@test
def test_file_size_limit():
    # The same without a mount: the CLI may not write files beyond a limit.
    project = make_project()
    state = files_of(project)
    with open(MA07, encoding='utf-8') as f:
        text = f.read()
    with open('huge.txt', 'w', encoding='utf-8') as f:
        f.write(text * 300)

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1024 * 1024, 1024 * 1024))
    result = cli('import', project, 'huge.txt', preexec_fn=limit)
    assert result.code == 1 and result.err.startswith(PREFIX) and project in result.stderr, \
        result.describe()
    assert files_of(project) == state
    check_ok(project)


@test
def test_path_with_spaces_and_accents():
    folder = 'mes projets/Études été 2024 – Zoë'
    os.makedirs(folder)
    project = os.path.join(folder, 'entretiens ü ñ 日本.codeboom')
    source = os.path.join(folder, 'interview café.txt')
    shutil.copy(MA07, source)
    ok('new', project)
    ok('import', project, source)
    assert ok('docs', project).stdout.startswith('interview café\t')
    code_apply(project, 'interview café', 'Thème / Sous-thème', 0, 12)
    ok('export', project, '--codebook', os.path.join(folder, 'livre de codes é.qdc'))
    name = ok('backup', project).stdout.strip()
    assert os.path.exists(os.path.join(folder, name))
    assert ok('backups', project).stdout.startswith(name + '\t')
    ok('code', 'delete', project, 'Thème')
    ok('restore', project, name)
    assert ok('codes', project).stdout.startswith('Thème\t0\t1\n')
    check_ok(project)
    fails('docs', os.path.join(folder, 'absent ü.codeboom'), mentions=('absent ü.codeboom',))


# ------------------------------------------------------------------ backups

@test
def test_backups_rotate_and_restore():
    project = make_project()
    assert ok('backups', project).stdout == ''
    # CLI calls make no backup unless asked
    ok('code', 'add', project, 'A')
    assert ok('backups', project).stdout == ''
    names = []
    for i in range(7):
        ok('--backup', 'code', 'add', project, f'Code {i}')
        listed = ok('backups', project).stdout.splitlines()
        names.append(listed[0].split('\t')[0])
    listed = [line.split('\t') for line in ok('backups', project).stdout.splitlines()]
    assert [fields[0] for fields in listed] == names[::-1][:5], listed
    for name, created, size in listed:
        assert created.endswith('Z') and int(size) == os.path.getsize(name)
        # a backup is one standalone file, a Codeboom project, sound
        with open(name, 'rb') as f:
            header = f.read(100)
        assert header[18:20] == b'\x01\x01', 'a backup must not need a -wal'
        assert int.from_bytes(header[68:72], 'big') == APPLICATION_ID
        assert not os.path.exists(name + '-wal') and not os.path.exists(name + '.part')
    # CODEBOOM_BACKUP=1 does the same as --backup
    ok('code', 'add', project, 'Env', CODEBOOM_BACKUP='1')
    newest = ok('backups', project).stdout.split('\t')[0]
    assert newest not in names

    # the newest backup was taken before "Env" was added
    ok('apply', project, 'ma07', 'Env', 0, 4)
    previous = ok('restore', project, newest).stdout.strip()
    codes = ok('codes', project).stdout
    assert 'Code 6\t' in codes and 'Env\t' not in codes
    check_ok(project)
    # the state replaced is a backup itself: restoring it undoes the restore
    assert previous in ok('backups', project).stdout
    ok('restore', project, os.path.abspath(previous))
    assert ('ma07', 0, 4, 'Env', 'tester') in codings(project)
    check_ok(project)

    # backups of backups are refused clearly
    fails('restore', project, 'nonexistent.backup', mentions=('nonexistent.backup',))
    fails('restore', project, project, mentions=('project itself',))
    with open('not-a-backup', 'wb') as f:
        f.write(b'hello')
    state = files_of(project)
    fails('restore', project, 'not-a-backup', mentions=('not-a-backup',))
    assert files_of(project) == state


@test
def test_restore_over_a_damaged_project():
    project = make_project()
    code_apply(project, 'ma07', 'Saved', 0, 9)
    name = ok('backup', project).stdout.strip()
    with open(project, 'r+b') as f:
        f.truncate(4096 + 100)
    fails('docs', project, mentions=('p.codeboom',))
    aside = ok('restore', project, name).stdout.strip()
    assert aside.startswith('p.codeboom.replaced-') and os.path.exists(aside)
    assert ('ma07', 0, 9, 'Saved', 'tester') in codings(project)
    check_ok(project)
    # and a deleted project comes back from its backup
    os.remove(project)
    ok('restore', project, name)
    check_ok(project)


# --------------------------------------------------- hostile project files

def refuses_unchanged(path, *mentions):
    """Every command refuses @path with a message naming it; no byte of it,
    and no file beside it, changes."""
    state = files_of(path)
    listing = sorted(os.listdir(os.path.dirname(path) or '.'))
    for args in (('docs', path), ('codes', path), ('check', path), ('text', path, 'ma07'),
                 ('code', 'add', path, 'X'), ('apply', path, 'ma07', 'X', 0, 3),
                 ('import', path, MA07), ('undo', path), ('backup', path)):
        result = cli(*args)
        assert result.code == 1 and result.err.startswith(PREFIX), result.describe()
        assert os.path.basename(path) in result.stderr, result.describe()
        for text in mentions:
            assert text in result.stderr, result.describe()
        assert files_of(path) == state, f'{args[0]} changed {path}'
        assert sorted(os.listdir(os.path.dirname(path) or '.')) == listing, \
            f'{args[0]} left files beside {path}'


@test
def test_another_sqlite_database():
    db = sqlite3.connect('other.codeboom')
    db.execute('CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)')
    db.execute("INSERT INTO note (text) VALUES ('not ours')")
    db.commit()
    db.close()
    refuses_unchanged('other.codeboom', 'not a Codeboom project')
    db = sqlite3.connect('wal.codeboom')
    db.execute('PRAGMA journal_mode = WAL')
    db.execute('CREATE TABLE t (x)')
    db.commit()
    db.close()
    refuses_unchanged('wal.codeboom', 'not a Codeboom project')
    with open('empty.codeboom', 'wb'):
        pass
    refuses_unchanged('empty.codeboom', 'not a Codeboom project')
    with open('text.codeboom', 'w') as f:
        f.write('just some text\n' * 100)
    refuses_unchanged('text.codeboom', 'not a Codeboom project')


@test
def test_future_schema_version():
    project = make_project()
    db = sqlite3.connect(project)
    db.execute('PRAGMA user_version = 99')
    db.commit()
    db.close()
    refuses_unchanged(project, 'newer version of Codeboom')


@test
def test_truncated_project():
    project = make_project()
    write_batch('codings.tsv', [('ma07', i, i + 10, f'Code {i}') for i in range(30)])
    ok('apply', project, '--batch', 'codings.tsv')
    size = os.path.getsize(project)
    for keep in (50, 4096, size // 2, size - 4096):
        shutil.copy(project, 'cut.codeboom')
        with open('cut.codeboom', 'r+b') as f:
            f.truncate(keep)
        refuses_unchanged('cut.codeboom')


@test
def test_garbage_pages():
    project = make_project()
    write_batch('codings.tsv', [('ma07', i, i + 10, f'Code {i}') for i in range(30)])
    ok('apply', project, '--batch', 'codings.tsv')
    data = bytearray(open(project, 'rb').read())
    page = int.from_bytes(data[16:18], 'big') or 65536
    pages = len(data) // page
    seed = 1
    for victim in (1, pages // 2, pages - 1):
        damaged = bytearray(data)
        for i in range(victim * page, (victim + 1) * page):
            seed = (seed * 1103515245 + 12345) & 0x7fffffff
            damaged[i] = seed >> 16 & 0xff
        name = f'garbage-{victim}.codeboom'
        with open(name, 'wb') as f:
            f.write(damaged)
        state = files_of(name)
        # Some commands may still work on the sound part; none may crash,
        # and `check` must see the damage.
        result = cli('check', name)
        assert result.code == 1, result.describe()
        for args in (('docs', name), ('codes', name), ('text', name, 'ma07'),
                     ('retrieve', name, 'Code 3'), ('export', name, '--quotes', 'q.xml')):
            result = cli(*args)
            if result.code != 0:
                assert result.err.startswith(PREFIX) and name in result.stderr, result.describe()
        assert files_of(name) == state, f'reading {name} changed it'


@test
def test_foreign_trigger_refused_and_repaired():
    """A trigger someone added that silently deletes every new coding: the
    project is refused naming it (check too), and `repair` makes a sound
    copy without it, leaving the original's bytes as they were."""
    project = make_project('foreign.codeboom')
    code_apply(project, 'ma07', 'Kept', 0, 10)
    db = sqlite3.connect(project)
    db.execute('CREATE TRIGGER keep_nothing AFTER INSERT ON coding BEGIN DELETE FROM coding WHERE id = NEW.id; END')
    db.execute('CREATE VIEW everything AS SELECT * FROM coding')
    db.commit()
    db.close()
    state = files_of(project)
    fails('apply', project, 'ma07', 'Kept', 20, 30, mentions=('keep_nothing', 'everything', 'repair'))
    fails('check', project, mentions=('keep_nothing',))
    assert files_of(project) == state, 'refusing the project changed it'
    assert count_rows(project, 'coding') == 1

    result = ok('repair', project)
    assert 'foreign-repaired.codeboom: 2 foreign schema objects left out' in result.stdout, result.describe()
    assert files_of(project) == state, 'repair changed the original'
    copy = 'foreign-repaired.codeboom'
    check_ok(copy)
    ok('apply', copy, 'ma07', 'Kept', 20, 30)
    eq_rows = codings(copy)
    assert sorted(r[1:3] for r in eq_rows) == [(0, 10), (20, 30)], eq_rows
    # never over an existing file
    fails('repair', project, copy, mentions=('already exists',))
    check_ok(copy)


@test
def test_v1_journal_is_dropped_on_migration():
    """Version 1 kept SQL in its undo journal, which undo executed: such a
    journal is not trusted, the migration drops it."""
    fixture = os.path.join(SRCDIR, 'data', 'projects', 'v1.codeboom')
    shutil.copy(fixture, 'v1.codeboom')
    db = sqlite3.connect('v1.codeboom')
    step = db.execute("INSERT INTO journal_step (kind, label, at) VALUES (0, 'Code x', '2024')").lastrowid
    db.execute("INSERT INTO journal_entry (step, sql) VALUES (?, 'DELETE FROM coding')", (step,))
    db.commit()
    db.close()
    before = count_rows('v1.codeboom', 'coding')
    assert before > 0
    fails('undo', 'v1.codeboom', mentions=('nothing to undo',))
    assert count_rows('v1.codeboom', 'coding') == before
    assert count_rows('v1.codeboom', 'journal_value') == 0
    check_ok('v1.codeboom')



# --------------------------------------------------------- what messages say

@test
def test_utf16_cjk_without_bom_is_text():
    # Chinese or Japanese in UTF-16 has few zero bytes, and a newline's zero
    # byte used to make it "binary data"
    text = '受访者：我们每天都在社区中心工作。\n采访者：您觉得怎么样？\n私たちは毎日働いています。\n' * 20
    ok('new', 'p.codeboom')
    for order in ('le', 'be'):
        with open(f'cjk-{order}.txt', 'wb') as f:
            f.write(text.encode(f'utf-16-{order}'))
        ok('import', 'p.codeboom', f'cjk-{order}.txt')
        assert ok('text', 'p.codeboom', f'cjk-{order}').stdout == text
    # binary data is still refused
    with open('noise.txt', 'wb') as f:
        f.write(bytes(range(256)) * 8)
    fails('import', 'p.codeboom', 'noise.txt', mentions=('binary data',))
    check_ok('p.codeboom')


@test
def test_tampered_char_index_is_not_trusted():
    """A character index with 4 bytes prepended (once an abort: g_strndup
    of a negative length) is ignored: retrieve and export give the same
    text as with the true index, and check names the problem."""
    project = make_project('index.codeboom')
    ok('code', 'add', project, 'Spot')
    for start in (10, 300, 2000, 5000):
        ok('apply', project, 'ma07', 'Spot', start, start + 300)
    expected = ok('retrieve', project, 'Spot', '--format', 'tsv').stdout
    db = sqlite3.connect(project)
    db.execute("UPDATE document SET char_index = x'00100000' || char_index")
    db.commit()
    db.close()
    assert ok('retrieve', project, 'Spot', '--format', 'tsv').stdout == expected
    ok('export', project, '--quotes', 'quotes.md')
    result = cli('check', project)
    assert result.code == 1 and 'character index' in result.stdout, result.describe()


@test
def test_invalid_utf8_text_is_a_damaged_project():
    project = make_project('utf8.codeboom')
    code_apply(project, 'ma07', 'Spot', 0, 10)
    db = sqlite3.connect(project)
    text = db.execute('SELECT CAST(text AS BLOB) FROM document').fetchone()[0]
    db.execute('UPDATE document SET text = CAST(? AS TEXT)', (b'\xff\xfe' + text[2:],))
    db.commit()
    db.close()
    for args in (('retrieve', project, 'Spot'), ('text', project, 'ma07'), ('search', project, 'regels')):
        fails(*args, mentions=('damaged', 'not valid UTF-8'))
    result = cli('check', project)
    assert result.code == 1 and 'not valid UTF-8' in result.stdout, result.describe()



@test
def test_batch_stopped_by_a_deleted_code_names_the_line():
    # the code is deleted by another program while a --commit-each batch
    # runs; the batch stops at the first line whose commit finds it gone
    project = make_project('fk.codeboom')
    ok('code', 'add', project, 'Doomed')
    lines = [('ma07', s, s + 5 + k, 'Doomed') for k in range(3) for s in range(0, 7000)]
    write_batch('fk.tsv', lines)
    process = subprocess.Popen([CLI, 'apply', project, '--batch', 'fk.tsv', '--commit-each'], env=env(),
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert wait_until(lambda: count_rows(project, 'coding') >= 50, process)
    # the batch takes the write lock again right after each commit, so the
    # delete may be told the project is busy: it tries again, as a user would
    while process.poll() is None:
        if cli('code', 'delete', project, 'Doomed').code == 0:
            break
    _, err = process.communicate(timeout=60)
    err = err.decode('utf-8')
    # 21,000 durable commits take long enough for the delete to land inside
    assert process.returncode == 1, err
    assert err.startswith('codeboom-cli: ') and 'fk.tsv, line ' in err, err
    line = int(err.split('fk.tsv, line ')[1].split(':')[0])
    assert 50 < line <= len(lines), err
    print(f'# {err.strip()}')
    check_ok(project)


@test
def test_look_alike_names():
    """Control and text-direction characters are refused in names; space
    variants are a space, so a look-alike of a path is the same path."""
    project = make_project('names.codeboom')
    ok('code', 'add', project, 'Red Tape')
    for bad in ('Red\u202eepaT', 'Red\u0001Tape', 'Red\u2066Tape', 'A / B\u0085'):
        fails('code', 'add', project, bad, mentions=('control or text-direction',))
    fails('doc', 'rename', project, 'ma07', 'ma07\u202etxt.exe', mentions=('control or text-direction',))
    for look_alike in ('Red\u00a0Tape', 'Red\u202fTape', 'Red\u3000Tape'):
        fails('code', 'add', project, look_alike, mentions=('already exists',))
        ok('apply', project, 'ma07', look_alike, 0, 10)
    assert ok('codes', project).stdout == 'Red Tape\t1\t1\n', ok('codes', project).describe()
    check_ok(project)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
