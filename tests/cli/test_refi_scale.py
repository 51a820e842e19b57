#!/usr/bin/env python3
# test_refi_scale.py: a .qdpx of 200,000 codings goes out and comes back
#
# What Codeboom writes it must read, whatever the size: a project of 40
# documents and 200,000 codings (the shared workload generator) is exported
# with `export --qdpx` and imported back with `new --from`; the documents
# (names, characters, every text byte for byte), the code tree and the
# codings (per document and per code, and in total the workload's distinct
# codings) must be the same, the import must store the folded search copies,
# and the imported project must pass `check`.  A reader that holds the whole
# project.qde, or a member limit that does not follow the archive's size,
# fails here.
#
# Slow (about a minute on a busy 2-core machine): meson suite 'slow', run by
# tools/test with the others.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_refi_scale.py
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
SOURCE_ROOT = os.environ.get('CODEBOOM_SOURCE_ROOT') or os.path.dirname(SRCDIR)
CLI = os.environ.get('CODEBOOM_CLI') or os.path.join(SOURCE_ROOT, 'build', 'src', 'cli', 'codeboom-cli')
# a copy of ../shared/bench/make_workload.py (tests carry their own data)
MAKE_WORKLOAD = os.path.join(SOURCE_ROOT, 'tests', 'data', 'make_workload.py')
N_CODINGS = 200000
TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


def cli(*args, status=0):
    completed = subprocess.run([CLI, *args], capture_output=True)
    if completed.returncode != status:
        raise AssertionError(f'codeboom-cli {" ".join(args)}: exit {completed.returncode}, '
                             f'wanted {status}\n{completed.stderr.decode(errors="replace")}')
    return completed


def out(*args):
    return cli(*args).stdout.decode('utf-8')


def eq(actual, expected, what):
    if actual != expected:
        raise AssertionError(f'{what}: {actual!r} != {expected!r}')


def folded_copies(path):
    con = sqlite3.connect(path)
    try:
        return con.execute('SELECT count(*) FROM document_folded f JOIN document d ON d.id = f.document'
                           ' WHERE f.n_chars = d.n_chars').fetchone()[0]
    finally:
        con.close()


@test
def test_round_trip_200000_codings():
    subprocess.run([sys.executable, MAKE_WORKLOAD, 'w', '--docs', '40', '--words', '5000',
                    '--codings', str(N_CODINGS), '--astral'], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join('w', 'manifest.json'), encoding='utf-8') as f:
        manifest = json.load(f)
    docs = sorted(os.path.join('w', 'docs', n) for n in os.listdir(os.path.join('w', 'docs')))

    cli('new', 'p.codeboom')
    cli('import', 'p.codeboom', *docs)
    cli('code', 'import', 'p.codeboom', os.path.join('w', 'codes.tsv'))
    cli('apply', 'p.codeboom', '--batch', os.path.join('w', 'codings.tsv'))
    cli('export', 'p.codeboom', '--qdpx', 'p.qdpx')

    # big enough to matter: project.qde is far beyond the 64 MiB a member
    # of a small archive may unpack to
    with zipfile.ZipFile('p.qdpx') as archive:
        qde = archive.getinfo('project.qde')
    assert qde.file_size > 64 * 1024 * 1024, qde.file_size

    cli('new', 'back.codeboom', '--from', 'p.qdpx')
    eq(out('docs', 'back.codeboom'), out('docs', 'p.codeboom'), 'documents: names, characters, codings')
    eq(out('codes', 'back.codeboom'), out('codes', 'p.codeboom'), 'codes: paths, codings')
    total = sum(int(line.split('\t')[2]) for line in out('docs', 'back.codeboom').splitlines())
    eq(total, manifest['distinct_codings'], 'codings in all')
    for line in out('docs', 'p.codeboom').splitlines():
        name = line.split('\t')[0]
        eq(cli('text', 'back.codeboom', name).stdout, cli('text', 'p.codeboom', name).stdout, f'text of {name}')
    eq(folded_copies('back.codeboom'), len(docs), 'folded copies made by the import')
    eq(out('check', 'back.codeboom'), 'ok\n', 'check of the imported project')


def main():
    print(f'1..{len(TESTS)}')
    failed = 0
    origin = os.getcwd()
    for number, fn in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix='cb-refi-scale-') as directory:
            os.chdir(directory)
            try:
                fn()
                print(f'ok {number} {fn.__name__}')
            except Exception:
                failed += 1
                print(f'not ok {number} {fn.__name__}')
                for line in traceback.format_exc().splitlines():
                    print('# ' + line)
            finally:
                os.chdir(origin)
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
