#!/usr/bin/env python3
# test_edit.py: codeboom-cli text replace, names, pseudonymise and
# depseudonymise (issue 18), on the corpus
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_edit.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')

import clitest  # noqa: E402
from clitest import CLI, PREFIX, cli_text as cli, fails, ok  # noqa: E402

TESTS = []
test = clitest.collect(TESTS)


def rows(tsv):
    return [line.split('\t') for line in tsv.splitlines()]


def check_ok(project):
    assert ok('check', project) == 'ok\n'


def ma07():
    ok('new', 'p.codeboom')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'MA07')


@test
def test_text_replace_offsets():
    ok('new', 'p.codeboom')
    with open('t.txt', 'w', encoding='utf-8') as f:
        f.write('Zoë zei 👋🏽 tegen q\u0307uinten: koffie.\n')
    ok('import', 'p.codeboom', 't.txt', '--name', 'T')
    for name in ('Groet', 'Naam', 'Weg'):
        ok('code', 'add', 'p.codeboom', name)
    ok('apply', 'p.codeboom', 'T', 'Groet', '8', '10')       # 👋🏽
    ok('apply', 'p.codeboom', 'T', 'Naam', '17', '25')       # q̇uinten
    ok('apply', 'p.codeboom', 'T', 'Weg', '5', '7')          # ei of zei
    code, out, err = cli('text', 'replace', 'p.codeboom', 'T', '4', '7', 'sprak')
    assert code == 0 and out == '', (code, out, err)
    note = err.decode('utf-8')
    assert note.startswith('codeboom-cli: note: 1 coding lay inside the replaced text and was removed: Weg 5–7 (tester)'), note
    assert ok('text', 'p.codeboom', 'T') == 'Zoë sprak 👋🏽 tegen q\u0307uinten: koffie.\n'
    text = ok('text', 'p.codeboom', 'T')
    for code_name, word in (('Groet', '👋🏽'), ('Naam', 'q\u0307uinten')):
        (start, end) = rows(ok('retrieve', 'p.codeboom', code_name, '--format', 'tsv'))[0][1:3]
        assert text[int(start):int(end)] == word, (code_name, start, end)
    check_ok('p.codeboom')
    # undo puts text and spans back
    ok('undo', 'p.codeboom')
    assert ok('text', 'p.codeboom', 'T') == 'Zoë zei 👋🏽 tegen q\u0307uinten: koffie.\n'
    check_ok('p.codeboom')
    # CRLF in NEWTEXT is normalised to LF; an empty NEWTEXT deletes
    ok('text', 'replace', 'p.codeboom', 'T', '0', '0', 'Hallo\r\n')
    assert ok('text', 'p.codeboom', 'T').startswith('Hallo\nZoë')
    ok('text', 'replace', 'p.codeboom', 'T', '0', '6', '')
    assert ok('text', 'p.codeboom', 'T').startswith('Zoë zei')
    # ranges outside the text and bad offsets
    fails(1, 'text', 'replace', 'p.codeboom', 'T', '5', '500', 'x')
    fails(2, 'text', 'replace', 'p.codeboom', 'T', 'a', '5', 'x')
    fails(2, 'text', 'replace', 'p.codeboom', 'T', '1', '2')
    fails(1, 'text', 'replace', 'p.codeboom', 'Nope', '1', '2', 'x')
    # text PROJECT DOC still prints the text
    assert ok('text', 'p.codeboom', 'T').startswith('Zoë')


@test
def test_text_replace_find():
    ma07()
    text = ok('text', 'p.codeboom', 'MA07')
    n = text.count('Sofie')
    assert n >= 1
    ok('text', 'replace', 'p.codeboom', 'MA07', '--find', 'Sofie', '--with', '[respondent]', '--all', '--whole-word')
    after = ok('text', 'p.codeboom', 'MA07')
    assert 'Sofie' not in after and after.count('[respondent]') == n
    # one undo step for --all
    ok('undo', 'p.codeboom')
    assert ok('text', 'p.codeboom', 'MA07') == text
    ok('text', 'replace', 'p.codeboom', 'MA07', '--find', 'dienst', '--with', 'afdeling', '--occurrence', '2')
    after = ok('text', 'p.codeboom', 'MA07')
    first = text.index('dienst')
    second = text.index('dienst', first + 1)
    assert after == text[:second] + 'afdeling' + text[second + len('dienst'):]
    err = fails(1, 'text', 'replace', 'p.codeboom', 'MA07', '--find', 'Zanzibar', '--with', 'x')
    assert 'Zanzibar' in err
    fails(2, 'text', 'replace', 'p.codeboom', 'MA07', '--find', 'x')
    fails(2, 'text', 'replace', 'p.codeboom', 'MA07', '--find', 'x', '--with', 'y', '--all', '--occurrence', '2')
    check_ok('p.codeboom')

NAMES = ('Sofie', 'Noord')


def holds_name(path):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except FileNotFoundError:
        return None
    for name in NAMES:
        for encoding in ('utf-8', 'utf-16-le', 'utf-16-be'):
            if name.encode(encoding) in data:
                return (name, encoding)
    return None


@test
def test_names():
    ma07()
    got = rows(ok('names', 'p.codeboom', '--min-count', '1'))
    assert ['R', '18', 'speaker'] in got, got
    words = {r[0]: int(r[1]) for r in got if r[2] == 'word'}
    assert words.get('Sofie') == 1 and words.get('Noord') == 2, words
    # sentence starts are not names
    assert 'Dat' not in words or words['Dat'] < 16
    assert 'Ik' not in words
    got = rows(ok('names', 'p.codeboom'))
    assert all(int(r[1]) >= 2 for r in got)
    fails(2, 'names', 'p.codeboom', '--min-count', '0')


@test
def test_pseudonymise():
    ma07()
    ok('code', 'add', 'p.codeboom', 'Intro')
    text = ok('text', 'p.codeboom', 'MA07')
    at = text.index('Sofie')
    ok('apply', 'p.codeboom', 'MA07', 'Intro', at - 20, at + 30)
    before = rows(ok('retrieve', 'p.codeboom', 'Intro', '--format', 'tsv'))
    ok('text', 'replace', 'p.codeboom', 'MA07', '0', '9', 'Gesprek')
    ok('undo', 'p.codeboom')
    with open('key.tsv', 'w', encoding='utf-8') as f:
        f.write('Sofie\t[respondent 3]\nteam Noord\t[team]\n')
    # without --yes: explained, nothing changed
    err = fails(1, 'pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv')
    assert '--yes' in err and 'undo' in err, err
    assert not os.path.exists('log.tsv')
    assert ok('text', 'p.codeboom', 'MA07') == text
    # a dry run counts
    assert rows(ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--dry-run')) == [['MA07', '3']]
    assert ok('text', 'p.codeboom', 'MA07') == text
    # a key with an error names the file and the line
    with open('bad.tsv', 'w', encoding='utf-8') as f:
        f.write('Sofie\t[r]\nnoplaceholder\n')
    err = fails(1, 'pseudonymise', 'p.codeboom', '--key', 'bad.tsv', '--yes')
    assert 'bad.tsv, line 2' in err, err
    code, out, err = cli('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--yes')
    assert code == 0, err
    assert out == 'MA07\t3\n', out
    assert b'log.tsv' in err
    for path in ('p.codeboom', 'p.codeboom-wal', 'p.codeboom-shm'):
        assert holds_name(path) is None, (path, holds_name(path))
    after = ok('text', 'p.codeboom', 'MA07')
    assert after == text.replace('Sofie', '[respondent 3]').replace('team Noord', '[team]')
    got = rows(ok('retrieve', 'p.codeboom', 'Intro', '--format', 'tsv'))
    assert got[0][4] == before[0][4].replace('Sofie', '[respondent 3]').replace('team Noord', '[team]'), got
    fails(1, 'undo', 'p.codeboom')
    check_ok('p.codeboom')
    with open('log.tsv', encoding='utf-8') as f:
        log = [line.split('\t') for line in f.read().splitlines()]
    assert log[0] == ['MA07', '44', '54', 'team Noord', '[team]'], log
    # a second log never replaces the first
    fails(1, 'pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--yes')
    # back, exactly
    assert ok('depseudonymise', 'p.codeboom', '--log', 'log.tsv') == 'MA07\t3\n'
    assert ok('text', 'p.codeboom', 'MA07') == text
    assert rows(ok('retrieve', 'p.codeboom', 'Intro', '--format', 'tsv')) == before
    check_ok('p.codeboom')
    # a log that no longer fits the text is refused
    err = fails(1, 'depseudonymise', 'p.codeboom', '--log', 'log.tsv')
    assert 'placeholder' in err, err


@test
def test_pseudonymise_fold_and_line_break():
    ok('new', 'p.codeboom')
    with open('t.txt', 'w', encoding='utf-8') as f:
        f.write('I: Ken je Sofie\nPeeters?\nR: Ja, SOFIE PEETERS en sofie peeters. Sofietje niet.\nI: Goed.\nR: Ja.\n')
    ok('import', 'p.codeboom', 't.txt', '--name', 'T')
    with open('key.tsv', 'w', encoding='utf-8') as f:
        f.write('Sofie Peeters\t[r3]\nSofie\t[r3v]\n')
    ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--yes')
    assert ok('text', 'p.codeboom', 'T') == \
        'I: Ken je [r3]?\nR: Ja, SOFIE PEETERS en sofie peeters. Sofietje niet.\nI: Goed.\nR: Ja.\n'
    ok('new', 'q.codeboom')
    ok('import', 'q.codeboom', 't.txt', '--name', 'T')
    ok('pseudonymise', 'q.codeboom', '--key', 'key.tsv', '--yes', '--fold')
    assert ok('text', 'q.codeboom', 'T') == \
        'I: Ken je [r3]?\nR: Ja, [r3] en [r3]. Sofietje niet.\nI: Goed.\nR: Ja.\n'
    check_ok('q.codeboom')


@test
def test_pseudonymise_beside_a_reader():
    # another program in a read transaction: the names are replaced in
    # every table, the rewrite waits and the CLI says so
    ma07()
    with open('key.tsv', 'w', encoding='utf-8') as f:
        f.write('Sofie\t[respondent 3]\n')
    reader = sqlite3.connect('p.codeboom')
    reader.execute('BEGIN')
    reader.execute('SELECT count(*) FROM document').fetchone()
    try:
        code, out, err = cli('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--yes')
    finally:
        reader.rollback()
        reader.close()
    assert code == 0, err
    assert b'warning: another program is reading the project' in err, err
    assert 'Sofie' not in ok('text', 'p.codeboom', 'MA07')
    check_ok('p.codeboom')


def main(argv):
    return clitest.run(TESTS, argv, 'cb-edit-test-')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
