#!/usr/bin/env python3
# test_merge.py: `merge` and `copy` through codeboom-cli — nothing is lost
#
# A small workload (make_workload.py --docs 4 --words 2500 --codings 1200)
# coded half by alice and half by bob is split with `copy --coder`, and the
# halves merged back must give a byte-identical `retrieve --format tsv` of
# every code.  Merging a project with itself changes nothing; --dry-run
# leaves the file byte-identical; renamed and moved codes, a document of
# the same name with another text, a .qdpx and hostile files.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI and G_TEST_SRCDIR; prints TAP.
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback

import clitest  # noqa: E402
from clitest import SRCDIR, MAKE_WORKLOAD, PREFIX, cli, eq, fails, ok  # noqa: E402

TESTS = []
test = clitest.collect(TESTS)
SHARED = None     # the run's directory, removed with it
WORKLOAD = None   # made once per run, in SHARED


def workload():
    global WORKLOAD
    if WORKLOAD is None:
        WORKLOAD = tempfile.mkdtemp(prefix='cb-merge-workload-', dir=SHARED)
        subprocess.run([sys.executable, MAKE_WORKLOAD, '--docs', '4', '--words', '2500',
                        '--codings', '1200', WORKLOAD], check=True, stdout=subprocess.DEVNULL)
    return WORKLOAD


def make_whole(path='whole.codeboom'):
    """The workload, its first 600 codings by alice and the rest by bob."""
    w = workload()
    docs = sorted(os.path.join(w, 'docs', name) for name in os.listdir(os.path.join(w, 'docs')))
    ok('new', path)
    ok('import', path, *docs)
    ok('code', 'import', path, os.path.join(w, 'codes.tsv'))
    with open(os.path.join(w, 'codings.tsv'), encoding='utf-8') as f:
        lines = f.readlines()
    with open('alice.tsv', 'w', encoding='utf-8') as f:
        f.writelines(lines[:600])
    with open('bob.tsv', 'w', encoding='utf-8') as f:
        f.writelines(lines[600:])
    ok('apply', path, '--batch', 'alice.tsv', coder='alice')
    ok('apply', path, '--batch', 'bob.tsv', coder='bob')
    return path


def code_paths(path):
    return [line.split('\t')[0] for line in ok('codes', path).splitlines()]


def retrievals(path):
    """Every coding, as each top-level code's retrieval (its subcodes'
    segments included) in TSV, byte for byte: a few processes, not one
    per code."""
    out = {}
    for code in code_paths(path):
        if ' / ' in code:
            continue
        code_status, stdout, err = cli('retrieve', path, code, '--format', 'tsv')
        assert code_status == 0, err
        out[code] = stdout
    return out


def summary(text):
    lines = text.splitlines()
    assert lines[0].startswith('added: '), text
    assert lines[1].startswith('already present: '), text
    assert lines[2].startswith('conflicts: '), text
    return lines


def read(path):
    with open(path, 'rb') as f:
        return f.read()


@test
def split_by_coder_and_merge_back():
    whole = make_whole()
    ok('copy', whole, 'alice.codeboom', '--coder', 'alice')
    ok('copy', whole, 'bob.codeboom', '--coder', 'bob')
    fails(1, 'undo', 'alice.codeboom')          # a copy starts without history
    expected = retrievals(whole)
    assert retrievals('alice.codeboom') != expected

    out = ok('merge', 'alice.codeboom', 'bob.codeboom')
    lines = summary(out)
    eq(lines[0], 'added: 0 documents, 0 codes, 600 codings', 'added')
    eq(lines[1], 'already present: 4 documents, 208 codes, 0 codings, 2 coders', 'present')
    eq(lines[2], 'conflicts: none', 'conflicts')
    eq(len(lines), 3, 'no conflict lines')
    eq(retrievals('alice.codeboom'), expected, 'the whole again')
    eq(ok('check', 'alice.codeboom'), 'ok\n', 'check')
    eq(ok('undo', 'alice.codeboom'), 'Merge “bob.codeboom”\n', 'one undo step')


@test
def merge_itself_changes_nothing():
    whole = make_whole()
    before = retrievals(whole)
    ok('copy', whole, 'same.codeboom')
    for other in (whole, 'same.codeboom'):
        out = ok('merge', whole, other, '--prefer', 'theirs')
        eq(out, 'added: 0 documents, 0 codes, 0 codings\n'
                'already present: 4 documents, 208 codes, 1,200 codings, 2 coders\n'
                'conflicts: none\n', 'summary')
        eq(retrievals(whole), before, 'dumps')
        eq(ok('check', whole), 'ok\n', 'check')
    # nothing changed, so no undo step: the last one is bob's batch
    assert 'Merge' not in ok('undo', whole)


@test
def dry_run_leaves_the_file_byte_identical():
    whole = make_whole()
    ok('copy', whole, 'empty.codeboom', '--without-codings')
    eq(ok('retrieve', 'empty.codeboom', code_paths(whole)[0], '--format', 'tsv'), '', 'no codings')
    before = read('empty.codeboom')
    dry = ok('merge', 'empty.codeboom', whole, '--dry-run')
    eq(read('empty.codeboom'), before, 'the file')
    assert not os.path.exists('empty.codeboom-wal') or os.path.getsize('empty.codeboom-wal') == 0
    eq(summary(dry)[0], 'added: 0 documents, 0 codes, 1,200 codings', 'dry')
    real = ok('merge', 'empty.codeboom', whole)
    eq(real, dry, 'the dry run told what the merge did')
    eq(retrievals('empty.codeboom'), retrievals(whole), 'merged')


@test
def renamed_and_moved_on_both_sides():
    whole = make_whole()
    ok('copy', whole, 'theirs.codeboom')
    paths = code_paths(whole)
    leaf = [p for p in paths if p.count(' / ') == 2]
    a, b = leaf[0], leaf[5]
    top = paths[0]
    ok('code', 'rename', whole, a, 'Renamed here')
    ok('code', 'move', whole, b, '')
    ok('code', 'rename', 'theirs.codeboom', b, 'Renamed there')
    ok('code', 'move', 'theirs.codeboom', a, top)
    ok('code', 'color', whole, top, '#654321')
    ok('code', 'color', 'theirs.codeboom', top, '#123456')
    ok('code', 'add', 'theirs.codeboom', 'Brand new / Child')
    ok('apply', 'theirs.codeboom', 'interview_01', 'Brand new / Child', '0', '5', coder='carol')
    theirs_before = retrievals('theirs.codeboom')

    out = ok('merge', whole, 'theirs.codeboom')
    lines = summary(out)
    eq(lines[0], 'added: 0 documents, 2 codes, 1 coding, 1 coder', 'added')
    assert lines[2].startswith('conflicts: 3 codes'), out
    messages = '\n'.join(lines[3:])
    assert all(line.startswith('  ') for line in lines[3:]), out
    assert 'Renamed here' in messages and 'Renamed there' in messages, messages
    assert 'colour' in messages, messages
    # ours' names and places, and every coding of theirs under them
    merged_paths = code_paths(whole)
    assert a.rsplit(' / ', 1)[0] + ' / Renamed here' in merged_paths
    assert b.rsplit(' / ', 1)[1] in merged_paths
    assert 'Brand new / Child' in merged_paths
    merged = retrievals(whole)
    eq(sum(len(v.splitlines()) for v in merged.values()),
       sum(len(v.splitlines()) for v in theirs_before.values()), 'every coding')
    eq(ok('check', whole), 'ok\n', 'check')


@test
def same_name_other_text():
    ok('new', 'ours.codeboom')
    ok('new', 'theirs.codeboom')
    with open('Interview 3.txt', 'w', encoding='utf-8') as f:
        f.write('I: Hoe gaat het? \U0001F600\nR: Goed, cafe\u0301.\n')
    ok('import', 'ours.codeboom', 'Interview 3.txt')
    with open('Interview 3.txt', 'w', encoding='utf-8') as f:
        f.write('I: En nu? \U0001F4C4\nR: Beter.\n')
    ok('import', 'theirs.codeboom', 'Interview 3.txt')
    ok('code', 'add', 'theirs.codeboom', 'Mood')
    ok('apply', 'theirs.codeboom', 'Interview 3', 'Mood', '10', '14', coder='dan')
    out = ok('merge', 'ours.codeboom', 'theirs.codeboom')
    lines = summary(out)
    eq(lines[0], 'added: 1 document, 1 code, 1 coding, 1 coder', 'added')
    eq(lines[2], 'conflicts: 1 document', 'conflicts')
    assert 'Interview 3 (2)' in lines[3], out
    docs = ok('docs', 'ours.codeboom')
    assert 'Interview 3\t' in docs and 'Interview 3 (2)\t' in docs, docs
    eq(ok('retrieve', 'ours.codeboom', 'Mood', '--format', 'tsv').split('\t')[:3],
       ['Interview 3 (2)', '10', '14'], 'the coding on the copy')


@test
def merge_a_qdpx():
    whole = make_whole()
    ok('copy', whole, 'bob.codeboom', '--coder', 'bob')
    ok('export', 'bob.codeboom', '--qdpx', 'bob.qdpx')
    ok('copy', whole, 'alice.codeboom', '--coder', 'alice')
    # the .qdpx is imported into a temporary project, removed afterwards
    os.mkdir('tmp')
    os.environ['TMPDIR'] = os.path.abspath('tmp')
    try:
        out = ok('merge', 'alice.codeboom', 'bob.qdpx')
    finally:
        del os.environ['TMPDIR']
    eq(os.listdir('tmp'), [], 'no temporary project left')
    eq(summary(out)[0], 'added: 0 documents, 0 codes, 600 codings', 'added')
    eq(retrievals('alice.codeboom'), retrievals(whole), 'the whole again')


@test
def merging_a_qdpx_says_what_was_not_brought_in():
    # a .qdpx with pictures, audio, graphs and links: merged like `new --from`
    # imports it, with the same warning naming what Codeboom does not hold
    ok('new', 'mine.codeboom')
    other = os.path.join(SRCDIR, 'data', 'exchange', 'lenient-unsupported.qdpx')
    code, out, err = cli('merge', 'mine.codeboom', other)
    eq(code, 0, 'exit')
    eq(summary(out.decode('utf-8'))[0], 'added: 1 document, 2 codes, 2 codings, 1 coder', 'added')
    eq(err.decode('utf-8'),
       'codeboom-cli: warning: Not imported (Codeboom holds text only): '
       'audio sources: 1, graphs: 1, links: 1, pictures: 1\n', 'warning')
    # a dry run says it too, before anything is merged
    ok('new', 'dry.codeboom')
    code, out, err = cli('merge', 'dry.codeboom', other, '--dry-run')
    eq(code, 0, 'exit')
    assert b'Not imported' in err, err


@test
def hostile_other_is_refused():
    whole = make_whole()
    before = read(whole)
    for number, (sql, words) in enumerate([
            ('UPDATE coding SET end = 999999 WHERE id = 1', 'spans'),
            ('CREATE TABLE evil (x)', 'evil'),
            ('PRAGMA foreign_keys = OFF; UPDATE coding SET coder = 77 WHERE id = 3', 'coder 77')]):
        other = f'hostile {number}.codeboom'
        ok('copy', whole, other)
        db = sqlite3.connect(other)
        db.executescript(sql)
        db.close()
        err = fails(1, 'merge', whole, other)
        assert other in err and words in err, err
        eq(read(whole), before, 'untouched')
    with open('notes.txt', 'w') as f:
        f.write('not a project\n')
    err = fails(1, 'merge', whole, 'notes.txt')
    assert 'notes.txt' in err, err
    eq(read(whole), before, 'untouched')


@test
def copy_options():
    whole = make_whole()
    fails(2, 'copy', whole, 'x.codeboom', '--without-codings', '--coder', 'alice')
    fails(2, 'merge', whole, whole, '--prefer', 'mine')
    err = fails(1, 'copy', whole, 'y.codeboom', '--coder', 'nobody')
    assert 'nobody' in err, err
    assert not os.path.exists('y.codeboom')
    ok('copy', whole, 'z.codeboom')
    before = read('z.codeboom')
    err = fails(1, 'copy', whole, 'z.codeboom', '--without-codings')
    assert 'z.codeboom' in err and 'exists' in err, err
    eq(read('z.codeboom'), before, 'not overwritten')
    eq(ok('docs', 'z.codeboom'), ok('docs', whole), 'the same documents')
    assert re.search(r'\bmerge PROJECT OTHER\b', ok('--help')), 'listed in --help'


def set_up(shared):
    global SHARED
    SHARED = shared


def main(argv):
    return clitest.run(TESTS, argv, 'cb-merge-', set_up=set_up)


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
