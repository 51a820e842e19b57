#!/usr/bin/env python3
# test_depseudo.py: depseudonymise puts back every field pseudonymise
# changed (issue 18), on the corpus: document names and original file
# names, speakers, roles, case coverage, memos of every kind, code names and
# descriptions, cases, text attribute values, sets and saved searches.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=$PWD/build/src/cli/codeboom-cli python3 tests/cli/test_depseudo.py [NAME...]
#
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
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')

import clitest  # noqa: E402
from clitest import CLI, PREFIX, cli_text as cli, fails, ok  # noqa: E402

TESTS = []
test = clitest.collect(TESTS)

# J + a combining diaeresis has no precomposed form: it stays two code
# points in NFC; the flower is outside the BMP
JANA = 'J\u0308ana'
KIM = 'Kim\U0001F338'

KEY = [
    ('Sofie', '[respondent 3]'),
    ('team Noord', '[team]'),
    ('Nadia', '[narratrice]'),
    ('Karim', '[participant 1]'),
    ('Lucie', '[participant 2]'),
    ('Hélène', '[animatrice]'),
    (JANA, '[collega]'),
    (KIM, '[buur]'),
]

SMALL = ('I: Ken je ' + JANA + ' en ' + KIM + '?\n'
         'R: Ja, ' + JANA + ' is mijn collega. ' + KIM + ' woont naast Sofie.\n'
         'I: Dank je.\n')


def rows(tsv):
    return [line.split('\t') for line in tsv.splitlines()]


def write_key(path='key.tsv'):
    with open(path, 'w', encoding='utf-8') as f:
        for name, placeholder in KEY:
            f.write(f'{name}\t{placeholder}\n')


def offsets(text, needle, occurrence=1):
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return len(text[:at]), len(text[:at]) + len(needle)


def build(project='p.codeboom'):
    """A project with the names in every kind of field."""
    ok('new', project)
    shutil.copy(os.path.join(CORPUS, 'interview-ma07.txt'), 'interview Sofie.txt')
    shutil.copy(os.path.join(CORPUS, 'mag-session-2-fr.txt'), 'séance Nadia.txt')
    with open(f'buren {KIM}.txt', 'w', encoding='utf-8') as f:
        f.write(SMALL)
    ok('import', project, 'interview Sofie.txt', '--name', 'MA07 Sofie')
    ok('import', project, 'séance Nadia.txt', '--name', 'Séance Nadia')
    ok('import', project, f'buren {KIM}.txt', '--name', f'Buren van {JANA}')
    ma07 = ok('text', project, 'MA07 Sofie')
    fr = ok('text', project, 'Séance Nadia')
    small = ok('text', project, f'Buren van {JANA}')

    # codes: a name in a code's name (--codes), description and memo
    ok('code', 'add', project, 'Sofie / Loopbaan', '--description', 'Wat Sofie over haar werk zegt')
    ok('code', 'add', project, 'Charge', '--description', 'Ce que Nadia et Karim décrivent')
    ok('code', 'add', project, 'Buren')
    ok('memo', project, '--code', 'Sofie / Loopbaan', 'Sofie (team Noord) twijfelt')
    # codings around, across and after the names (none inside one)
    s, e = offsets(ma07, 'Ik ben Sofie, ik werk nu bijna zes jaar')
    ok('apply', project, 'MA07 Sofie', 'Sofie / Loopbaan', s, e)
    s, e = offsets(ma07, 'team Noord. Daarvoor')
    ok('apply', project, 'MA07 Sofie', 'Sofie / Loopbaan', s - 40, e + 30)
    ok('memo', project, '--coding', 'MA07 Sofie', 'Sofie / Loopbaan', s - 40, e + 30, 'Sofie over team Noord')
    s, e = offsets(fr, 'Nadia : Oui.')
    ok('apply', project, 'Séance Nadia', 'Charge', s, e + 200)
    s, e = offsets(fr, 'Karim : Et il y a la question')
    ok('apply', project, 'Séance Nadia', 'Charge', s + 8, e + 100, '--coder', 'Marc')
    s, e = offsets(small, 'woont naast')
    ok('apply', project, f'Buren van {JANA}', 'Buren', s - len(KIM + ' '), e + 8)
    s, e = offsets(small, JANA + ' is mijn')
    ok('apply', project, f'Buren van {JANA}', 'Buren', s, e)

    # memos of every kind
    ok('memo', project, '--project', 'Interviews met Sofie, Nadia en ' + JANA)
    ok('memo', project, '--doc', 'MA07 Sofie', 'Sofie werkt in team Noord')
    ok('memo', project, '--doc', 'Séance Nadia', 'Hélène anime, Nadia raconte')
    ok('memo', project, '--doc', f'Buren van {JANA}', 'Over ' + KIM)
    ok('memo', 'new', project, 'Wat Nadia zegt', '--type', 'observation', 'Nadia et Lucie\nsont d\'accord.')
    s, e = offsets(fr, 'Lucie : Je vois aussi le non-recours.')
    ok('memo', 'link', project, 'Wat Nadia zegt', 'Séance Nadia', s, e)
    ok('memo', 'new', project, 'Zonder namen', 'Niets te zien')

    # speakers: roles, cases covering a speaker's turns, values, sets, searches
    ok('speaker', 'role', project, 'Séance Nadia', 'Nadia', 'narrator')
    ok('speaker', 'role', project, 'Séance Nadia', 'Hélène', 'facilitator')
    ok('speaker', 'interviewer', project, 'Séance Nadia', 'Hélène')
    ok('case', 'add', project, 'Nadia')
    ok('case', 'assign', project, 'Nadia', 'Séance Nadia', '--speaker', 'Nadia')
    ok('case', 'add', project, 'Sofie')
    ok('case', 'assign', project, 'Sofie', 'MA07 Sofie')
    ok('memo', project, '--case', 'Nadia', 'Nadia, AS au CPAS')
    ok('attribute', 'add', project, 'contact', '--type', 'text')
    ok('attribute', 'add', project, 'leeftijd', '--type', 'number')
    ok('attribute', 'set', project, 'Nadia', 'contact', 'via Karim')
    ok('attribute', 'set', project, 'Sofie', 'contact', 'Sofie zelf')
    ok('attribute', 'set', project, 'Sofie', 'leeftijd', '34')
    ok('set', 'add', project, 'Groep Nadia')
    ok('set', 'assign', project, 'Groep Nadia', 'Séance Nadia', f'Buren van {JANA}')
    ok('search', project, 'Nadia', '--save', 'Nadia bij Karim', '--speaker', 'Karim', '--count')
    ok('search', project, 'collega', '--save', 'Collega', '--doc', f'Buren van {JANA}', '--count')
    ok('check', project)
    # the two fields without a command of their own
    db = sqlite3.connect(project)
    db.execute("UPDATE project SET name = 'Project Sofie'")
    db.execute("UPDATE document_set SET memo = 'De groep van Nadia en Karim'")
    db.commit()
    db.close()


def dump(project='p.codeboom'):
    """Everything a user can see, through every listing, and every row."""
    out = {}
    docs = rows(ok('docs', project))
    out['docs'] = docs
    for name, _, _ in docs:
        for listing in (('text',), ('speakers', '--long'), ('turns',), ('phases',)):
            out[(listing[0], name)] = ok(listing[0], project, name, *listing[1:])
        out[('memo', name)] = ok('memo', project, '--doc', name)
    codes = rows(ok('codes', project))
    out['codes'] = codes
    for path, _, _ in codes:
        out[('retrieve', path)] = ok('retrieve', project, path, '--format', 'tsv')
        xml = ok('retrieve', project, path, '--format', 'xml')
        out[('retrieve-xml', path)] = re.sub(r' generated="[^"]*"', '', xml)
        out[('code memo', path)] = ok('memo', project, '--code', path)
    for listing in ('cases', 'sets', 'searches', 'coders'):
        out[listing] = ok(listing, project)
    out['attributes'] = ok('attributes', project)
    out['memos'] = ok('memos', project, '--format', 'tsv')
    out['project memo'] = ok('memo', project, '--project')
    for name, _, _, _ in rows(out['cases']):
        out[('case memo', name)] = ok('memo', project, '--case', name)
    for name, _ in rows(out['sets']):
        out[('members', name)] = ok('set', 'members', project, name)
    for memo in rows(out['memos']):
        out[('evidence', memo[0])] = ok('memo', 'evidence', project, memo[0])
    ok('export', project, '--codebook', 'codebook.qdc')
    with open('codebook.qdc', encoding='utf-8') as f:
        out['codebook'] = f.read()
    # and every row of every table but those pseudonymising empties on
    # purpose (undo history, original files, search copies) or marks
    db = sqlite3.connect(f'file:{project}?mode=ro', uri=True)
    skip = {'journal_step', 'journal_entry', 'journal_value', 'document_source',
            'document_folded', 'document_status', 'project_setting'}
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                               " AND name NOT LIKE 'sqlite%' ORDER BY name"):
        if table not in skip:
            out[('table', table)] = db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
    db.close()
    return out


def names_in(data):
    return [name for name, _ in KEY if name.encode('utf-8') in data]


def differences(a, b):
    return [k for k in sorted(set(a) | set(b), key=repr) if a.get(k) != b.get(k)]


@test
def test_depseudonymise_restores_every_field():
    build()
    before = dump()
    write_key()
    out = ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--codes', '--yes')
    got = dict(rows(out))
    assert set(got) == {'MA07 [respondent 3]', 'Séance [narratrice]', 'Buren van [collega]'}, got
    after = dump()
    # every kind of field changed, and none of them holds a name
    changed = differences(before, after)
    for kind in ('docs', 'codes', 'cases', 'sets', 'searches', 'attributes', 'memos', 'project memo',
                 ('table', 'speaker'), ('table', 'speaker_role'), ('table', 'case_coverage'),
                 ('table', 'document'), ('table', 'project'), ('table', 'document_set'),
                 ('table', 'coding'), ('table', 'code')):
        assert kind in changed, kind
    assert names_in(repr(after).encode('utf-8')) == [], names_in(repr(after).encode('utf-8'))
    for path in ('p.codeboom', 'p.codeboom-wal'):
        if os.path.exists(path):
            with open(path, 'rb') as f:
                assert names_in(f.read()) == [], path
    ok('check', 'p.codeboom')

    code, out, err = cli('depseudonymise', 'p.codeboom', '--log', 'log.tsv')
    assert code == 0, err
    assert dict(rows(out)) == {'MA07 Sofie': '3', 'Séance Nadia': got['Séance [narratrice]'],
                               f'Buren van {JANA}': '5'}, out
    assert b'outside the texts were put back' in err, err
    restored = dump()
    assert differences(before, restored) == [], differences(before, restored)
    ok('check', 'p.codeboom')
    # one undo step takes it back to the pseudonymised state
    ok('undo', 'p.codeboom')
    assert differences(after, dump()) == []
    ok('redo', 'p.codeboom')
    assert differences(before, dump()) == []


@test
def test_log_rows_name_field_and_row():
    build()
    write_key()
    ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--yes')
    with open('log.tsv', encoding='utf-8') as f:
        log = [line.split('\t') for line in f.read().splitlines()]
    texts = [r for r in log if r[0] != '']
    fields = [r for r in log if r[0] == '']
    # the texts first, then the fields
    assert log[:len(texts)] == texts
    assert all(len(r) == 5 for r in log)
    kinds = {r[1] for r in fields}
    assert {'project.name', 'project.memo', 'document.name', 'document.memo', 'document.source',
            'speaker', 'role.speaker', 'coverage.speaker', 'code.memo', 'code.description',
            'coding.memo', 'memo.title', 'memo.text', 'case.name', 'case.memo', 'case.value',
            'set.name', 'set.memo', 'search.name', 'search.query', 'search.options'} <= kinds, kinds
    # without --codes the code names stay
    assert 'code.name' not in kinds
    db = sqlite3.connect('p.codeboom')
    uuid = db.execute("SELECT uuid FROM document WHERE name = 'Séance [narratrice]'").fetchone()[0]
    db.close()
    assert ['', 'document.name', uuid, 'Séance Nadia', 'Séance [narratrice]'] in fields, fields
    assert ['', 'speaker', uuid, 'Nadia', '[narratrice]'] in fields
    assert ['', 'document.source', uuid, 'séance Nadia.txt', 'séance [narratrice].txt'] in fields
    # a memo's line break is escaped, and comes back whole
    assert ['', 'memo.text'] == [r for r in fields if r[1] == 'memo.text'][0][:2]
    assert [r for r in fields if r[1] == 'memo.text'][0][3] == "Nadia et Lucie\\nsont d'accord."


@test
def test_field_changed_since_is_refused():
    build()
    write_key()
    ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--yes')
    pseudonymised = dump()
    ok('memo', 'p.codeboom', '--doc', 'MA07 [respondent 3]', 'Nieuw')
    changed = dump()
    err = fails(1, 'depseudonymise', 'p.codeboom', '--log', 'log.tsv')
    with open('log.tsv', encoding='utf-8') as f:
        line = 1 + [i for i, l in enumerate(f.read().splitlines()) if l.startswith('\tdocument.memo\t')
                    and 'Sofie werkt' in l][0]
    assert f'log.tsv, line {line}:' in err and 'Nieuw' in err and 'changed since' in err, err
    # nothing changed, texts included
    assert differences(changed, dump()) == [], differences(changed, dump())
    ok('undo', 'p.codeboom')
    assert differences(pseudonymised, dump()) == []
    ok('depseudonymise', 'p.codeboom', '--log', 'log.tsv')


@test
def test_deleted_row_and_bad_lines_are_refused():
    build()
    write_key()
    ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--yes')
    before = dump()
    with open('log.tsv', encoding='utf-8') as f:
        log = f.read().splitlines()
    # an unknown field, a name that Codeboom would never store, a bad key
    for bad, what in (('\tdocument.colour\tx\ta\tb', 'not a field'),
                      ('\tcode.name\tx\tA / B\tC', 'not a valid name'),
                      ('\tcase.name\tx\t\u202eevil\tC', 'not a valid name'),
                      ('\tcase.name\t\tA\tB', 'key'),
                      ('\tcase.name\tx\tA', 'expected document')):
        with open('bad.tsv', 'w', encoding='utf-8') as f:
            f.write('\n'.join(log[:3] + [bad] + log[3:]) + '\n')
        err = fails(1, 'depseudonymise', 'p.codeboom', '--log', 'bad.tsv')
        assert 'bad.tsv, line 4:' in err and what in err, (bad, err)
        assert differences(before, dump()) == [], differences(before, dump())
    # a value the project refuses (a memo title another memo has): named by its line
    line = [i for i, l in enumerate(log) if l.startswith('\tmemo.title\t')][0]
    cells = log[line].split('\t')
    cells[3] = 'Zonder namen'
    with open('bad.tsv', 'w', encoding='utf-8') as f:
        f.write('\n'.join(log[:line] + ['\t'.join(cells)] + log[line + 1:]) + '\n')
    err = fails(1, 'depseudonymise', 'p.codeboom', '--log', 'bad.tsv')
    assert f'bad.tsv, line {line + 1}:' in err, err
    assert differences(before, dump()) == [], differences(before, dump())
    # a row that is no longer there
    ok('memo', 'delete', 'p.codeboom', 'Wat [narratrice] zegt')
    deleted = dump()
    err = fails(1, 'depseudonymise', 'p.codeboom', '--log', 'log.tsv')
    assert 'memo.title' in err and 'no longer in the project' in err, err
    assert differences(deleted, dump()) == []


@test
def test_old_log_of_texts_only():
    # a log written before fields were logged: the texts come back, the
    # other fields stay as they are
    build()
    write_key()
    ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--log', 'log.tsv', '--yes')
    with open('log.tsv', encoding='utf-8') as f:
        log = f.read().splitlines()
    with open('old.tsv', 'w', encoding='utf-8') as f:
        f.write(''.join(line + '\n' for line in log if not line.startswith('\t')))
    code, out, err = cli('depseudonymise', 'p.codeboom', '--log', 'old.tsv')
    assert code == 0, err
    assert 'MA07 [respondent 3]\t3' in out.splitlines(), out
    assert b'put back' not in err
    text = ok('text', 'p.codeboom', 'MA07 [respondent 3]')
    assert 'Sofie, ik werk nu bijna zes jaar als maatschappelijk assistent in team Noord' in text
    assert ok('memo', 'p.codeboom', '--doc', 'MA07 [respondent 3]') == '[respondent 3] werkt in [team]\n'
    ok('check', 'p.codeboom')


def names(project, *files):
    ok('new', project)
    for i, path in enumerate(files):
        ok('import', project, path, '--name', f'D{i}')
    got = rows(ok('names', project, '--min-count', '1'))
    assert all(len(r) == 3 and r[2] in ('speaker', 'word') for r in got), got
    # most frequent first, then by name
    assert got == sorted(got, key=lambda r: (-int(r[1]), r[0])), got
    return ({r[0]: int(r[1]) for r in got if r[2] == 'speaker'},
            {r[0]: int(r[1]) for r in got if r[2] == 'word'})


@test
def test_names_dutch_interview():
    speakers, words = names('p.codeboom', os.path.join(CORPUS, 'interview-ma07.txt'))
    assert speakers == {'I': 18, 'R': 18}, speakers
    # sentence starts ("Dat is…", "(lacht) Dat is…", "R: Dat je…") are no names
    assert words == {'Noord': 2, 'OCMW': 2, 'POD': 2, 'CAW': 1, 'GPMI': 1, 'Kruispuntbank': 1,
                     'RVA': 1, 'Sofie': 1}, words


@test
def test_names_french_session():
    speakers, words = names('p.codeboom', os.path.join(CORPUS, 'mag-session-2-fr.txt'))
    assert speakers == {'Hélène': 5, 'Lucie': 3, 'Nadia': 3, 'Karim': 2, 'Marc': 2}, speakers
    # « on n'imprime plus » and turns ("Nadia : Oui.") start sentences;
    # "madame B." is an initial
    assert words == {'AS': 2, 'CPAS': 2, 'Bruxelles': 1, 'EPN': 1}, words


@test
def test_names_titles_quotes_ellipses_turns():
    with open('c.txt', 'w', encoding='utf-8') as f:
        f.write('I: Hoe ging dat met Mevr. Peeters en dhr. Janssens?\n'
                'Respondent: Sofie zei… Euh… Dat weet ik niet. Ik belde met Jean-Pierre, D\'Hondt en Sofie\'s broer.\n'
                'I: En « Oui, dit-elle » volgens M. Dubois, d’Hélène en madame B. ook?\n'
                'Respondent: (lacht) Goed. Mevrouw Peeters kwam. "Nee," zei ze. Ook Zoë kwam, met '
                + JANA + ' en ' + KIM + '.\n')
    speakers, words = names('p.codeboom', 'c.txt')
    assert speakers == {'I': 2, 'Respondent': 2}, speakers
    # "Sofie" starts a turn once but is never written in lower case
    # "d’Hélène" is Hélène, "D'Hondt" a name of its own
    assert words == {'Peeters': 2, 'Sofie': 2, 'Janssens': 1, 'Jean-Pierre': 1, "D'Hondt": 1, 'Dubois': 1,
                     'Hélène': 1, 'Zoë': 1, JANA: 1, 'Kim': 1}, words


def status_rows(project):
    return {r[0]: r[1:] for r in rows(ok('doc', 'status', project))}


def iso(value):
    return re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', value) is not None


@test
def test_status_listed_exported_and_imported():
    ok('new', 'p.codeboom')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'MA07')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'FR')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'interview-hma02-cp1252-crlf.txt'), '--name', 'HMA02')
    ok('text', 'replace', 'p.codeboom', 'HMA02', '0', '0', 'Interview: ')
    with open('key.tsv', 'w', encoding='utf-8') as f:
        f.write('Nadia\t[narratrice]\n')
    ok('pseudonymise', 'p.codeboom', '--key', 'key.tsv', '--yes')
    status = status_rows('p.codeboom')
    assert status['MA07'] == ['original', '', ''], status
    assert status['HMA02'][0] == 'edited' and iso(status['HMA02'][1]) and status['HMA02'][2] == '', status
    assert status['FR'][0] == 'pseudonymised' and iso(status['FR'][1]) and iso(status['FR'][2]), status
    # the documents asked for, in that order; an unknown one is an error
    assert rows(ok('doc', 'status', 'p.codeboom', 'HMA02', 'MA07')) == \
        [['HMA02'] + status['HMA02'], ['MA07'] + status['MA07']]
    err = fails(1, 'doc', 'status', 'p.codeboom', 'Nope')
    assert 'Nope' in err, err

    # the export says so in the source's Description, valid REFI-QDA
    ok('export', 'p.codeboom', '--qdpx', 'p.qdpx')
    with zipfile.ZipFile('p.qdpx') as z:
        z.extract('project.qde')
    schema = os.path.join(SRCDIR, 'data', 'refi-qda', 'Project-mrt2019.xsd')
    completed = subprocess.run(['xmllint', '--noout', '--schema', schema, 'project.qde'], capture_output=True)
    assert completed.returncode == 0, completed.stderr.decode(errors='replace')[:2000]
    ns = {'q': 'urn:QDA-XML:project:1.0'}
    sources = {s.get('name'): s for s in ET.parse('project.qde').getroot().iter('{urn:QDA-XML:project:1.0}TextSource')}
    assert sources['MA07'].find('q:Description', ns) is None
    assert sources['HMA02'].find('q:Description', ns).text == f'Codeboom document; edited: {status["HMA02"][1]}'
    assert sources['FR'].find('q:Description', ns).text == \
        f'Codeboom document; edited: {status["FR"][1]}; pseudonymised: {status["FR"][2]}'
    # the pseudonymised text has no original any more: only its text goes out
    assert sources['FR'].get('richTextPath') is None

    # and our import reads it back; a person's description is no status
    ok('new', 'q.codeboom', '--from', 'p.qdpx')
    assert status_rows('q.codeboom') == status
    ok('check', 'q.codeboom')
    qde = open('project.qde', encoding='utf-8').read()
    qde = qde.replace(f'Codeboom document; edited: {status["HMA02"][1]}</Description>',
                      'Codeboom document edited by hand in 2024</Description>')
    qde = qde.replace(f'edited: {status["FR"][1]}; pseudonymised: {status["FR"][2]}',
                      'edited: yesterday; pseudonymised: 2026-13-45T00:00:00Z')
    with zipfile.ZipFile('p.qdpx') as z, zipfile.ZipFile('r.qdpx', 'w') as out:
        for item in z.infolist():
            out.writestr(item, qde if item.filename == 'project.qde' else z.read(item.filename))
    ok('new', 'r.codeboom', '--from', 'r.qdpx')
    assert {k: v[0] for k, v in status_rows('r.codeboom').items()} == \
        {'MA07': 'original', 'HMA02': 'original', 'FR': 'original'}


def main(argv):
    return clitest.run(TESTS, argv, 'cb-depseudo-test-')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
