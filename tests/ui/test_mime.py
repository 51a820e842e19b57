#!/usr/bin/python3
"""The .codeboom MIME type: file dialogs name a project "Codeboom project".

Installs data/io.github.codeboom.Codeboom.mime.xml as `meson install` does into
a temporary data directory, compiles it with update-mime-database and asks
GIO, with the system's database behind ours (so SQLite's magic competes),
what a real project is: a file with SQLite's header inside.

    test_mime.py MIME_XML        (CODEBOOM_CLI names codeboom-cli)
"""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

MIME_XML = os.path.abspath(sys.argv[1])
CLI = os.environ['CODEBOOM_CLI']
OURS = 'application/x-codeboom'
SQLITE = 'application/vnd.sqlite3'

root = tempfile.mkdtemp(prefix='cb-mime-test-')
mime_dir = os.path.join(root, 'share', 'mime')
os.makedirs(os.path.join(mime_dir, 'packages'))
shutil.copy(MIME_XML, os.path.join(mime_dir, 'packages', 'io.github.codeboom.Codeboom.xml'))
system_dirs = os.environ.get('XDG_DATA_DIRS') or '/usr/local/share:/usr/share'
# before GIO reads them: our database first, the system's behind it, no user's
os.environ['XDG_DATA_DIRS'] = os.path.join(root, 'share') + ':' + system_dirs
os.environ['XDG_DATA_HOME'] = os.path.join(root, 'home')
os.environ['LC_ALL'] = 'C.UTF-8'
os.environ.pop('LANGUAGE', None)

import gi  # noqa: E402

gi.require_version('Gio', '2.0')
from gi.repository import Gio  # noqa: E402

TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def gio_content_type(path):
    """What `gio info` (g_file_query_info, as a file dialog lists a folder) says."""
    done = subprocess.run(['gio', 'info', '-a', 'standard::content-type', path],
                          capture_output=True, text=True, timeout=60)
    check(done.returncode == 0, f'gio info {path}: {done.stderr}')
    for line in done.stdout.splitlines():
        if line.strip().startswith('standard::content-type:'):
            return line.split(':', 3)[-1].strip()
    raise AssertionError(f'no content type from gio info {path}:\n{done.stdout}')


def head(path, size=4096):
    with open(path, 'rb') as f:
        return f.read(size)


@test
def test_database_compiles_cleanly():
    done = subprocess.run(['update-mime-database', mime_dir], capture_output=True, text=True,
                          timeout=120)
    check(done.returncode == 0, f'update-mime-database failed: {done.stderr}')
    # it reports invalid packages on stderr and goes on
    check(done.stderr.strip() == '', f'update-mime-database complained: {done.stderr}')
    with open(os.path.join(mime_dir, 'globs2')) as f:
        globs = [line.strip().split(':') for line in f if not line.startswith('#')]
    ours = [g for g in globs if g[1] == OURS]
    check(len(ours) == 1 and ours[0][2] == '*.codeboom' and int(ours[0][0]) >= 80,
          f'*.codeboom is registered with a glob weight of 80 or more: {ours}')


@test
def test_a_project_is_a_codeboom_project():
    project = os.path.join(root, 'Thesis interviews.codeboom')
    subprocess.run([CLI, 'new', project], check=True, capture_output=True, timeout=60)
    check(head(project).startswith(b'SQLite format 3\0'), 'the project carries SQLite\'s magic')
    check(gio_content_type(project) == OURS, f'gio info names it {gio_content_type(project)}')
    guessed, uncertain = Gio.content_type_guess(project, head(project))
    check(guessed == OURS and not uncertain, f'guessed {guessed} (uncertain {uncertain})')
    guessed, uncertain = Gio.content_type_guess(project, None)
    check(guessed == OURS and not uncertain, f'by name only: {guessed} (uncertain {uncertain})')
    description = Gio.content_type_get_description(OURS)
    check(description == 'Codeboom project', f'described as {description!r}')
    check(Gio.content_type_is_a(OURS, SQLITE), 'a subclass of SQLite databases')


@test
def test_a_renamed_project_is_still_recognised():
    project = os.path.join(root, 'renamed.codeboom')
    subprocess.run([CLI, 'new', project], check=True, capture_output=True, timeout=60)
    renamed = os.path.join(root, 'project-backup')
    shutil.copy(project, renamed)
    check(gio_content_type(renamed) == OURS,
          f'a project without its extension: {gio_content_type(renamed)}')
    guessed, _ = Gio.content_type_guess(None, head(renamed))
    check(guessed == OURS, f'sniffed as {guessed}')


@test
def test_other_sqlite_files_are_not_claimed():
    other = os.path.join(root, 'cache')
    connection = sqlite3.connect(other)
    connection.execute('CREATE TABLE t (x)')
    connection.commit()
    connection.close()
    check(gio_content_type(other) == SQLITE, f'a plain SQLite file: {gio_content_type(other)}')


def main():
    print(f'1..{len(TESTS)}', flush=True)
    failures = 0
    try:
        for number, fn in enumerate(TESTS, 1):
            name = fn.__name__[len('test_'):].replace('_', ' ')
            try:
                fn()
                print(f'ok {number} - {name}', flush=True)
            except Exception:
                failures += 1
                print(f'not ok {number} - {name}')
                for line in traceback.format_exc().rstrip('\n').split('\n'):
                    print(f'# {line}')
                sys.stdout.flush()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
