#!/usr/bin/env python3
# test_exchange2.py: REFI-QDA round two and document sets (issue 21)
#
# - a .qdpx in the shape QualCoder writes after coding in its editor
#   (positions in code points and in UTF-16 units in one document, the
#   coder on the selection only) imports with every coding on exactly its
#   text and every coder's name;
# - a Codeboom project with emoji-dense text coded by two coders, exported,
#   rewritten as QualCoder would after coding further
#   (tests/data/exchange2/qualcoder_shape.py), imported back: the same
#   retrieval plus the new codings, every coder kept, repeated code names
#   (--unique-names) restored;
# - document sets through the CLI, from a MAXQDA-shaped .qdpx, and kept
#   with free-standing memos (Notes) and their evidence (NoteRefs) by a
#   round trip;
# - every export valid against Project-mrt2019.xsd (xmllint).
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# CODEBOOM_CODER=tester; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_exchange2.py
#
# Standard library only (and xmllint).
#
# SPDX-License-Identifier: GPL-3.0-or-later

import collections
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
import unicodedata
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
DATA = os.path.join(SRCDIR, 'data', 'exchange2')
XSD = os.path.join(SRCDIR, 'data', 'refi-qda', 'Project-mrt2019.xsd')
CLI = os.environ.get('CODEBOOM_CLI') or os.path.join(os.path.dirname(SRCDIR), 'build', 'src', 'cli',
                                                     'codeboom-cli')
sys.path.insert(0, DATA)
import qualcoder_shape  # noqa: E402

NS = '{urn:QDA-XML:project:1.0}'
QNS = '{urn:codeboom:quotes:1}'
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


def validate(path):
    """project.qde of @path against the REFI-QDA schema; no xmllint fails."""
    xmllint = shutil.which('xmllint')
    assert xmllint is not None, 'xmllint is installed (package libxml2-utils)'
    assert os.path.exists(XSD), XSD
    with zipfile.ZipFile(path) as z:
        with open('validate.qde', 'wb') as f:
            f.write(z.read('project.qde'))
    completed = subprocess.run([xmllint, '--noout', '--nonet', '--schema', XSD, 'validate.qde'],
                               capture_output=True, timeout=60)
    assert completed.returncode == 0, f'{path}: {completed.stderr[:2000]!r}'


def codings(project):
    """Every coding as (document, code path, coder, text, start, end), counted."""
    found = collections.Counter()
    for line in out('codes', project).splitlines():
        path = line.split('\t')[0]
        root = ET.fromstring(cli('retrieve', project, path, '--only', '--format', 'xml').stdout)
        for quote in root.iter(QNS + 'quote'):
            found[(quote.get('document'), path, quote.get('coder'), quote.find(QNS + 'text').text,
                   int(quote.get('start')), int(quote.get('end')))] += 1
    return found


def without_offsets(found):
    return collections.Counter({key[:4]: n for key, n in found.items()})


def qde(path):
    with zipfile.ZipFile(path) as z:
        return ET.fromstring(z.read('project.qde'))


def db_rows(project, sql):
    db = sqlite3.connect('file:%s?mode=ro' % os.path.abspath(project), uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


@test
def qualcoder_mixed_units():
    completed = cli('new', 'q.codeboom', '--from', os.path.join(DATA, 'qualcoder-mixed.qdpx'))
    err = completed.stderr.decode('utf-8')
    # both documents hold both units, and the note says how many of each
    assert '“Anna” mixes two position units: 2 selections were read in code points, 4 in UTF-16 units' in err, err
    assert '“Bram” mixes two position units: 2 selections were read in code points, 2 in UTF-16 units' in err, err
    with open(os.path.join(DATA, 'qualcoder-mixed.json'), encoding='utf-8') as f:
        expected = collections.Counter((e['document'], e['code'], e['coder'], unicodedata.normalize('NFC', e['text']))
                                       for e in json.load(f))
    got = without_offsets(codings('q.codeboom'))
    eq(got, expected, 'codings on their text with their coders')
    eq(out('check', 'q.codeboom'), 'ok\n', 'check')


def emoji_project(path):
    """Two coders on emoji-dense text; "Overig" under two parents."""
    cli('new', path)
    with open('anna.txt', 'w', encoding='utf-8') as f:
        f.write('I: Hoe gaat het? 😀\n'
                'Anna: Slecht 😩😩 eerst, toen 👍🏽 beter. Mijn gezin 👨‍👩‍👧 steunt me 💪.\n'
                'I: En werk? 💼\n'
                'Anna: Het café 🇧🇪 is mijn 🏠 tweede thuis, zei ik 🙂 vaak.\n')
    with open('bram.txt', 'w', encoding='utf-8') as f:
        f.write('Bram: 🎉 Feest! Daarna 🏥 ziek, lang 😔 thuis. Overig: niets.\n')
    cli('import', path, 'anna.txt', 'bram.txt')
    for code in ('Gevoel / Overig', 'Strategieën / Overig', 'Strategieën / Steun', 'Overig'):
        cli('code', 'add', path, code)
    cli('apply', path, 'anna', 'Gevoel / Overig', '--quote', 'Slecht 😩😩 eerst', '--coder', 'ans')
    cli('apply', path, 'anna', 'Gevoel / Overig', '--quote', 'Slecht 😩😩 eerst', '--coder', 'bert')
    cli('apply', path, 'anna', 'Strategieën / Steun', '--quote', 'Mijn gezin 👨‍👩‍👧 steunt me 💪', '--coder', 'ans')
    cli('apply', path, 'anna', 'Strategieën / Overig', '--quote', 'Het café 🇧🇪 is mijn 🏠 tweede thuis', '--coder', 'bert')
    cli('apply', path, 'bram', 'Overig', '--quote', '🎉 Feest!', '--coder', 'ans')
    cli('apply', path, 'bram', 'Gevoel / Overig', '--quote', 'lang 😔 thuis', '--coder', 'bert')


@test
def qualcoder_round_trip():
    emoji_project('a.codeboom')
    before = codings('a.codeboom')
    # retrieval shows one span coded by two coders as one quote of "ans, bert"
    eq(sum(before.values()), 5, 'quotes made')
    assert ('anna', 'Gevoel / Overig', 'ans, bert', 'Slecht 😩😩 eerst', 25, 40) in before, before

    # repeated names: a note, unless --unique-names
    completed = cli('export', 'a.codeboom', '--qdpx', 'plain.qdpx')
    assert 'a code name repeats across the tree (“Overig”)' in completed.stderr.decode('utf-8'), completed.stderr
    validate('plain.qdpx')
    completed = cli('export', 'a.codeboom', '--qdpx', 'a.qdpx', '--unique-names')
    eq(completed.stderr.decode('utf-8'), '', 'no note with --unique-names')
    validate('a.qdpx')
    root = qde('a.qdpx')
    names = [c.get('name') for c in root.iter(NS + 'Code')]
    eq(sorted(names), sorted(['Gevoel', 'Overig (Gevoel)', 'Strategieën', 'Overig (Strategieën)', 'Steun',
                              'Overig']), 'unique names')
    # the coder on every selection as on its codings, one selection per coder
    users = {u.get('guid'): u.get('name') for u in root.iter(NS + 'User')}
    for selection in root.iter(NS + 'PlainTextSelection'):
        coders = {users[c.get('creatingUser')] for c in selection.findall(NS + 'Coding')}
        eq(coders, {users[selection.get('creatingUser')]}, 'selection creatingUser')

    # into QualCoder, coded further there in its editor (UTF-16 units), out again
    qualcoder_shape.rewrite('a.qdpx', 'q.qdpx', [
        ('anna', 'Overig (Strategieën)', 'carla', 'zei ik 🙂 vaak'),
        ('anna', 'Steun', 'ans', 'toen 👍🏽 beter'),
        ('bram', 'Overig (Gevoel)', 'carla', 'Daarna 🏥 ziek'),
    ])
    validate('q.qdpx')
    cli('new', 'b.codeboom', '--from', 'q.qdpx')
    eq([line.split('\t')[0] for line in out('codes', 'b.codeboom').splitlines()],
       [line.split('\t')[0] for line in out('codes', 'a.codeboom').splitlines()], 'the original tree')

    # the same codings with the same coders, plus the new ones on their text
    cli('apply', 'a.codeboom', 'anna', 'Strategieën / Overig', '--quote', 'zei ik 🙂 vaak', '--coder', 'carla')
    cli('apply', 'a.codeboom', 'anna', 'Strategieën / Steun', '--quote', 'toen 👍🏽 beter', '--coder', 'ans')
    cli('apply', 'a.codeboom', 'bram', 'Gevoel / Overig', '--quote', 'Daarna 🏥 ziek', '--coder', 'carla')
    eq(codings('b.codeboom'), codings('a.codeboom'), 'retrieval after the round trip')
    eq(out('check', 'b.codeboom'), 'ok\n', 'check')


@test
def sets_cli():
    emoji_project('s.codeboom')
    cli('set', 'add', 's.codeboom', 'Vrouwen')
    cli('set', 'add', 's.codeboom', 'Alle')
    cli('set', 'add', 's.codeboom', 'Alle', status=1)
    cli('set', 'add', 's.codeboom', ' ', status=1)
    cli('set', 'assign', 's.codeboom', 'Alle', 'anna', 'bram')
    cli('set', 'assign', 's.codeboom', 'Vrouwen', 'anna')
    cli('set', 'assign', 's.codeboom', 'Vrouwen', 'niemand', status=1)
    cli('set', 'assign', 's.codeboom', 'Geen', 'anna', status=1)
    cli('set', 'assign', 's.codeboom', 'Vrouwen', status=2)
    eq(out('sets', 's.codeboom'), 'Vrouwen\t1\nAlle\t2\n', 'sets')
    eq(out('set', 'members', 's.codeboom', 'Alle'), 'anna\nbram\n', 'members')
    cli('set', 'rename', 's.codeboom', 'Vrouwen', 'Vrouw')
    cli('set', 'unassign', 's.codeboom', 'Alle', 'bram')
    eq(out('sets', 's.codeboom'), 'Vrouw\t1\nAlle\t1\n', 'renamed, unassigned')
    eq(out('undo', 's.codeboom'), 'Take documents out of set “Alle”\n', 'undo label')
    eq(out('sets', 's.codeboom'), 'Vrouw\t1\nAlle\t2\n', 'undone')
    cli('set', 'delete', 's.codeboom', 'Vrouw')
    eq(out('sets', 's.codeboom'), 'Alle\t2\n', 'deleted')
    eq(len(out('docs', 's.codeboom').splitlines()), 2, 'documents stay')
    eq(out('check', 's.codeboom'), 'ok\n', 'check')


@test
def maxqda_sets_and_memos():
    completed = cli('new', 'm.codeboom', '--from', os.path.join(DATA, 'maxqda-sets.qdpx'))
    err = completed.stderr.decode('utf-8')
    assert 'sets' not in err, err
    eq(out('sets', 'm.codeboom'), 'Dorp\t2\nStad\t2\n', 'the two sets')
    eq(out('set', 'members', 'm.codeboom', 'Dorp'), 'Interview 1\nInterview 2\n', 'Dorp')
    eq(out('set', 'members', 'm.codeboom', 'Stad'), 'Interview 2\nInterview 3\n', 'Stad')
    # the code's note stays its memo; the other two are free-standing memos,
    # one with its evidence
    memos = db_rows('m.codeboom', 'SELECT m.uuid, m.title, m.type, c.name, m.text FROM memo m'
                    ' LEFT JOIN coder c ON c.id = m.author ORDER BY m.position')
    eq([(title, kind, author) for _, title, kind, author, _ in memos],
       [('Reflectie na veldwerk', 'note', 'Sanne'), ('Sociale cohesie', 'note', 'Sanne')], 'memos')
    links = db_rows('m.codeboom', 'SELECT m.title, d.name, l.start, l."end", substr (d.text, l.start + 1, l."end" - l.start)'
                    ' FROM memo_link l JOIN memo m ON m.id = l.memo JOIN document d ON d.id = l.document')
    eq(links, [('Sociale cohesie', 'Interview 1', 34, 46, 'ken iedereen')], 'evidence')
    eq(out('check', 'm.codeboom'), 'ok\n', 'check')

    # out and back: sets, Notes and NoteRefs as the standard has them
    cli('export', 'm.codeboom', '--qdpx', 'm.qdpx')
    validate('m.qdpx')
    root = qde('m.qdpx')
    eq([child.tag[len(NS):] for child in root], ['Users', 'CodeBook', 'Sources', 'Notes', 'Sets'], 'order')
    sets = {s.get('name'): len(s.findall(NS + 'MemberSource')) for s in root.iter(NS + 'Set')}
    eq(sets, {'Dorp': 2, 'Stad': 2}, 'Sets')
    notes = {n.get('guid').upper(): n for n in root.iter(NS + 'Note')}
    assert 'B0B00000-0000-4000-8000-000000000003' in notes, notes.keys()
    refs = [s for s in root.iter(NS + 'PlainTextSelection') if s.find(NS + 'NoteRef') is not None
            and s.find(NS + 'Coding') is None]
    eq([(s.get('startPosition'), s.get('endPosition'), s.get('name'), s.find(NS + 'NoteRef').get('targetGUID').upper())
        for s in refs], [('34', '46', 'ken iedereen', 'B0B00000-0000-4000-8000-000000000003')], 'NoteRef')
    cli('new', 'n.codeboom', '--from', 'm.qdpx')
    eq(out('sets', 'n.codeboom'), out('sets', 'm.codeboom'), 'sets again')
    for name in ('Dorp', 'Stad'):
        eq(out('set', 'members', 'n.codeboom', name), out('set', 'members', 'm.codeboom', name), name)
    sql = ('SELECT m.uuid, m.title, m.type, m.level, c.name, m.created, m.text FROM memo m'
           ' LEFT JOIN coder c ON c.id = m.author ORDER BY m.position')
    eq(db_rows('n.codeboom', sql), db_rows('m.codeboom', sql), 'memos again')
    eq(db_rows('n.codeboom', 'SELECT start, "end" FROM memo_link'), [(34, 46)], 'evidence again')
    eq(codings('n.codeboom'), codings('m.codeboom'), 'codings again')


@test
def memo_type_and_level_survive():
    emoji_project('t.codeboom')
    # a memo with a type and a level, as the memos view writes them
    db = sqlite3.connect('t.codeboom')
    try:
        db.execute("INSERT INTO memo (uuid, title, type, level, position, author, created, modified, text)"
                   " VALUES ('0b0e0000-0000-4000-8000-000000000001', 'Theorie 😀', 'theory', 'case', 0,"
                   " (SELECT id FROM coder WHERE name = 'ans'), '2026-12-01T10:00:00Z', '2026-12-02T11:00:00Z',"
                   " 'Gezin als buffer.')")
        db.execute("INSERT INTO memo_link (memo, document, start, \"end\") SELECT m.id, d.id, 6, 19"
                   " FROM memo m, document d WHERE d.name = 'anna'")
        db.commit()
    finally:
        db.close()
    cli('export', 't.codeboom', '--qdpx', 't.qdpx', '--nvivo-offsets')
    validate('t.qdpx')
    cli('new', 'u.codeboom', '--from', 't.qdpx')
    sql = ('SELECT m.uuid, m.title, m.type, m.level, c.name, m.created, m.modified, m.text,'
           ' l.start, l."end" FROM memo m LEFT JOIN coder c ON c.id = m.author'
           ' LEFT JOIN memo_link l ON l.memo = m.id')
    eq(db_rows('u.codeboom', sql), db_rows('t.codeboom', sql), 'memo, type, level, evidence (UTF-16 positions)')


def main():
    print(f'1..{len(TESTS)}')
    failed = 0
    origin = os.getcwd()
    for number, fn in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix='cb-exchange2-') as directory:
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
