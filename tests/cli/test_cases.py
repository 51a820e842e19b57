#!/usr/bin/env python3
# test_cases.py: codeboom-cli cases, attributes, sheets, records, --where
# and citations (issue 15), on the Red Tape corpus
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_cases.py [NAME...]
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


def red_tape():
    """The issue's Red Tape case: three interviews, each a respondent."""
    ok('new', 'p.codeboom')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'MA07')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'interview-hma02-cp1252-crlf.txt'), '--name', 'HMA02')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'Respondent 9')
    ok('attributes', 'import', 'p.codeboom', os.path.join(CORPUS, 'respondents-redtape.csv'))
    ok('case', 'rename', 'p.codeboom', 'MA09', 'Respondent 9')
    for name in ('MA07', 'HMA02', 'Respondent 9'):
        ok('case', 'assign', 'p.codeboom', name, name)
    ok('code', 'add', 'p.codeboom', 'Red Tape')
    ok('apply', 'p.codeboom', 'MA07', 'Red Tape', '100', '200')
    ok('apply', 'p.codeboom', 'HMA02', 'Red Tape', '100', '200')
    ok('apply', 'p.codeboom', 'Respondent 9', 'Red Tape', '50', '120')
    return 'p.codeboom'


@test
def test_sheet_imports_as_dutch_excel_saves_it():
    project = red_tape()
    sheet = rows(ok('attributes', project))
    assert sheet[0] == ['case', 'rol', 'team', 'functie', 'reorganisatie_2014', 'interviewdatum', 'opmerking']
    by_case = {row[0]: row for row in sheet[1:]}
    assert len(by_case) == 12, sorted(by_case)
    # windows-1252, d/m/yyyy dates, ja/nee, a quoted field with ; and a line break
    assert by_case['Respondent 1'][4:7] == ['yes', '2024-03-11', 'Eerste, verkennende gesprek;\\nfungeerde als gatekeeper']
    assert by_case['MA11'][6] == 'Budget €-beheer erbij'
    assert by_case['Respondent 9'][5] == '2024-03-28'
    assert by_case['Respondent 1'][2] == ''
    types = dict(sqlite3.connect(project).execute('SELECT name, type FROM attribute').fetchall())
    assert types == {'rol': 'text', 'team': 'text', 'functie': 'text', 'reorganisatie_2014': 'boolean',
                     'interviewdatum': 'date', 'opmerking': 'text'}, types
    # CSV out reads back with Python's csv module
    back = list(csv.reader(io.StringIO(ok('attributes', project, '--format', 'csv'), newline='')))
    assert back[0][0] == 'case' and back[1][0] == 'HMA02'
    assert [r for r in back if r[0] == 'Respondent 1'][0][6] == 'Eerste, verkennende gesprek;\nfungeerde als gatekeeper'
    check_ok(project)


@test
def test_red_tape_end_to_end():
    project = red_tape()
    cases = {row[0]: row[1:] for row in rows(ok('cases', project))}
    assert cases['MA07'][0] == '1' and cases['MA07'][2] == '1'
    assert cases['HMA04'] == ['0', '0', '0']
    # HMA02 and MA07: ja and nee; Respondent 9 (MA09): nee
    got = [row[0] for row in rows(ok('retrieve', project, 'Red Tape', '--format', 'tsv',
                                     '--where', 'reorganisatie_2014=ja'))]
    assert got == ['HMA02'], got
    got = [row[0] for row in rows(ok('retrieve', project, 'Red Tape', '--format', 'tsv',
                                     '--where', 'reorganisatie_2014=nee'))]
    assert got == ['MA07', 'Respondent 9'], got
    assert len(rows(ok('retrieve', project, 'Red Tape', '--format', 'tsv'))) == 3
    ok('export', project, '--quotes', 'q.md', '--where', 'case=Respondent 9', '--locale', 'nl_BE',
       '--template', '({case}, persoonlijke communicatie, {attribute:interviewdatum})')
    text = open('q.md', encoding='utf-8').read()
    assert '(Respondent 9, persoonlijke communicatie, 28 maart 2024)' in text, text
    assert 'MA07' not in text
    ok('export', project, '--quotes', 'q.html', '--locale', 'fr_BE',
       '--template', '({case}, {attribute:interviewdatum})')
    html = open('q.html', encoding='utf-8').read()
    assert '(MA07, 14 mars 2024)' in html and '(HMA02, 21 mars 2024)' in html
    # an unknown field is an error, not an empty citation
    err = fails(1, 'export', project, '--quotes', 'q2.md', '--template', '({attribute:leeftijd})')
    assert 'leeftijd' in err
    fails(1, 'export', project, '--quotes', 'q2.md', '--template', '({cas})')
    assert not os.path.exists('q2.md')


@test
def test_filters():
    project = red_tape()
    names = lambda *where: [row[0] for row in rows(ok('cases', project, *[a for w in where for a in ('--where', w)]))]
    assert names('rol=HMA') == ['HMA02', 'HMA03', 'HMA04']
    assert names('rol!=MA', 'team=Noord') == ['HMA03']
    assert names('interviewdatum>2024-03-27') == ['MA10', 'MA11', 'MA12', 'Respondent 9']
    assert names('interviewdatum<14/03/2024') == ['Respondent 1']
    assert names('team~NOO', 'reorganisatie_2014=oui') == ['HMA03', 'MA08', 'MA12']
    assert names('opmerking~cafe') == []
    assert names('opmerking~BEHEER') == ['MA11']
    assert names('case=MA07') == ['MA07']
    docs = [row[0] for row in rows(ok('docs', project, '--where', 'rol=MA'))]
    assert docs == ['MA07', 'Respondent 9'], docs
    total = int(ok('search', project, 'de', '--count'))
    part = int(ok('search', project, 'de', '--count', '--where', 'rol=HMA'))
    hits = rows(ok('search', project, 'de', '--format', 'tsv', '--where', 'rol=HMA'))
    assert 0 < part < total and len(hits) == part and all(h[0] == 'HMA02' for h in hits)
    fails(1, 'cases', project, '--where', 'rol<MA')
    # the streamed XML and TSV print nothing for a bad filter or code
    fails(1, 'retrieve', project, 'Red Tape', '--format', 'xml', '--where', 'leeftijd=3')
    fails(1, 'retrieve', project, 'Red Tape', '--format', 'tsv', '--where', 'leeftijd=3')
    fails(1, 'retrieve', project, 'No such code', '--format', 'xml')
    fails(1, 'search', project, 'de', '--where', 'leeftijd=3')
    fails(1, 'cases', project, '--where', 'leeftijd=3')
    fails(1, 'cases', project, '--where', 'interviewdatum=gisteren')
    fails(1, 'cases', project, '--where', 'rol')


@test
def test_case_operations_and_undo():
    ok('new', 'p.codeboom')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'mag')
    ok('case', 'add', 'p.codeboom', 'Nadia')
    fails(1, 'case', 'add', 'p.codeboom', 'Nadia')
    ok('case', 'assign', 'p.codeboom', 'Nadia', 'mag', '--speaker', 'Nadia')
    fails(1, 'case', 'assign', 'p.codeboom', 'Nadia', 'mag', '--speaker', 'Nobody')
    ok('case', 'assign', 'p.codeboom', 'Nadia', 'mag', '0', '10')
    fails(1, 'case', 'assign', 'p.codeboom', 'Nadia', 'mag', '0', '999999')
    assert cli('case', 'assign', 'p.codeboom', 'Nadia', 'mag', '3')[0] == 2
    before = rows(ok('cases', 'p.codeboom'))[0]
    assert before[0] == 'Nadia' and before[1] == '1' and int(before[2]) > 1000
    ok('case', 'unassign', 'p.codeboom', 'Nadia', 'mag', '0', '10')
    before = rows(ok('cases', 'p.codeboom'))[0]
    fails(1, 'case', 'unassign', 'p.codeboom', 'Nadia', 'mag', '0', '10')
    ok('attribute', 'add', 'p.codeboom', 'groep', '--type', 'choice', '--values', 'AS,OCMW,vrijwilliger')
    ok('attribute', 'add', 'p.codeboom', 'leeftijd', '--type', 'number')
    ok('attribute', 'set', 'p.codeboom', 'Nadia', 'groep', 'AS')
    err = fails(1, 'attribute', 'set', 'p.codeboom', 'Nadia', 'groep', 'politie')
    assert 'Nadia' in err and 'groep' in err and 'politie' in err
    err = fails(1, 'attribute', 'set', 'p.codeboom', 'Nadia', 'leeftijd', 'veertig')
    assert 'Nadia' in err and 'leeftijd' in err and 'veertig' in err
    ok('attribute', 'set', 'p.codeboom', 'Nadia', 'leeftijd', '41,5')
    assert rows(ok('attributes', 'p.codeboom'))[1] == ['Nadia', 'AS', '41.5']
    ok('attribute', 'set', 'p.codeboom', 'Nadia', 'leeftijd', '')
    assert rows(ok('attributes', 'p.codeboom'))[1] == ['Nadia', 'AS', '']
    assert ok('undo', 'p.codeboom').startswith('Set')
    assert rows(ok('attributes', 'p.codeboom'))[1] == ['Nadia', 'AS', '41.5']
    ok('attribute', 'rename', 'p.codeboom', 'groep', 'dienst')
    fails(1, 'attribute', 'add', 'p.codeboom', 'case', '--type', 'text')
    assert cli('attribute', 'add', 'p.codeboom', 'x', '--type', 'colour')[0] == 2
    ok('case', 'delete', 'p.codeboom', 'Nadia')
    assert ok('cases', 'p.codeboom') == ''
    ok('undo', 'p.codeboom')
    assert rows(ok('attributes', 'p.codeboom')) == [['case', 'dienst', 'leeftijd'], ['Nadia', 'AS', '41.5']]
    assert rows(ok('cases', 'p.codeboom'))[0] == before
    ok('redo', 'p.codeboom')
    assert ok('cases', 'p.codeboom') == ''
    ok('undo', 'p.codeboom')
    # a document deleted takes its coverage; undo brings it back
    ok('doc', 'delete', 'p.codeboom', 'mag')
    assert rows(ok('cases', 'p.codeboom'))[0][1:] == ['0', '0', '0']
    ok('undo', 'p.codeboom')
    assert rows(ok('cases', 'p.codeboom'))[0] == before
    # a speaker renamed: the coverage follows the name
    ok('speaker', 'rename', 'p.codeboom', 'mag', 'Nadia', 'Nadia B.')
    assert rows(ok('cases', 'p.codeboom'))[0] == before
    ok('undo', 'p.codeboom')
    assert rows(ok('cases', 'p.codeboom'))[0] == before
    ok('attribute', 'delete', 'p.codeboom', 'dienst')
    assert rows(ok('attributes', 'p.codeboom'))[0] == ['case', 'leeftijd']
    check_ok('p.codeboom')


@test
def test_sheet_import_is_all_or_nothing():
    ok('new', 'p.codeboom')
    with open('bad.csv', 'w', encoding='utf-8') as f:
        f.write('naam,leeftijd,start\nAnna,34,2024-01-02\nBen,41,2024-02-30\n')
    err = fails(1, 'attributes', 'import', 'p.codeboom', 'bad.csv', '--types', 'start=date')
    assert 'Line 3, column 3' in err and 'Ben' in err and '2024-02-30' in err, err
    assert ok('cases', 'p.codeboom') == '' and rows(ok('attributes', 'p.codeboom')) == [['case']]
    # inferred: not every value is a date, so the column is text
    ok('attributes', 'import', 'p.codeboom', 'bad.csv')
    assert rows(ok('attributes', 'p.codeboom'))[2] == ['Ben', '41', '2024-02-30']
    with open('open.tsv', 'w', encoding='utf-8') as f:
        f.write('naam\topmerking\nAnna\t"nooit gesloten\n')
    err = fails(1, 'attributes', 'import', 'p.codeboom', 'open.tsv')
    assert 'line 2, column 2' in err, err
    # tab-separated, BOM
    with open('ok.tsv', 'w', encoding='utf-8-sig') as f:
        f.write('naam\tactief\nAnna\tnee\nCor\tJA\n')
    ok('attributes', 'import', 'p.codeboom', 'ok.tsv')
    assert rows(ok('attributes', 'p.codeboom'))[1:] == [['Anna', '34', '2024-01-02', 'no'],
                                                        ['Ben', '41', '2024-02-30', ''],
                                                        ['Cor', '', '', 'yes']]
    check_ok('p.codeboom')


@test
def test_records_import():
    ok('new', 'p.codeboom')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'incidentenfiches.csv'), '--records')
    docs = rows(ok('docs', 'p.codeboom'))
    assert len(docs) == 40 and docs[0][0] == 'IF-001'
    text = ok('text', 'p.codeboom', 'IF-001')
    assert text.startswith('Wat gebeurde er?\nGepensioneerde zonder e-mailadres')
    assert '\n\nWat deed de hulpverlener?\nSamen met de cliënt' in text
    sheet = rows(ok('attributes', 'p.codeboom'))
    assert sheet[0] == ['case', 'datum', 'organisatie', 'regio', 'instelling', 'kanaal', 'profiel',
                        'gevolg', 'tijd_minuten', 'uitkomst'], sheet[0]
    assert sheet[1][1] == '2024-03-16' and sheet[1][8] == '180'
    assert [row[1] for row in rows(ok('cases', 'p.codeboom'))] == ['1'] * 40
    # the headings can be coded with search
    assert ok('search', 'p.codeboom', 'Wat gebeurde er?', '--count') == '40\n'
    slow = [row[0] for row in rows(ok('cases', 'p.codeboom', '--where', 'tijd_minuten>120'))]
    db = sqlite3.connect('p.codeboom')
    expected = sorted(r[0] for r in csv.reader(open(os.path.join(CORPUS, 'incidentenfiches.csv'), encoding='utf-8-sig'))
                      if r[10].isdigit() and int(r[10]) > 120)
    assert slow == expected, (slow, expected)
    ok('undo', 'p.codeboom')
    assert ok('docs', 'p.codeboom') == '' and ok('cases', 'p.codeboom') == ''
    # chosen columns; a name taken refuses the whole sheet
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'incidentenfiches.csv'), '--records',
       '--name-column', 'fiche', '--text-columns', 'Wat gebeurde er?')
    assert 'Wat deed de hulpverlener?' in rows(ok('attributes', 'p.codeboom'))[0]
    fails(1, 'import', 'p.codeboom', os.path.join(CORPUS, 'incidentenfiches.csv'), '--records')
    assert len(rows(ok('docs', 'p.codeboom'))) == 40
    fails(1, 'import', 'p.codeboom', os.path.join(CORPUS, 'incidentenfiches.csv'), '--records', '--name-column', 'nope')
    assert cli('import', 'p.codeboom', 'x.csv', '--name-column', 'fiche')[0] == 2
    check_ok('p.codeboom')


@test
def test_v2_project_upgrades():
    fixture = os.path.join(SRCDIR, 'data', 'projects', 'v2.codeboom')
    with open(fixture, 'rb') as f, open('v2.codeboom', 'wb') as g:
        g.write(f.read())
    assert len(rows(ok('retrieve', 'v2.codeboom', 'Red Tape', '--format', 'tsv'))) == 2
    assert sqlite3.connect('v2.codeboom').execute('PRAGMA user_version').fetchone()[0] == 4
    check_ok('v2.codeboom')
    # the undo history written by version 2 still undoes
    assert ok('undo', 'v2.codeboom').startswith('Code')
    ok('case', 'add', 'v2.codeboom', 'MA07')
    ok('case', 'assign', 'v2.codeboom', 'MA07', 'ma07')
    assert rows(ok('cases', 'v2.codeboom')) == [['MA07', '1', '8116', '1']]

@test
def test_v3_project_upgrades():
    # written by version 3 (cases): two codings by two coders, a case with a
    # choice value, nine undo steps
    fixture = os.path.join(SRCDIR, 'data', 'projects', 'v3.codeboom')
    with open(fixture, 'rb') as f, open('v3.codeboom', 'wb') as g:
        g.write(f.read())
    assert len(rows(ok('retrieve', 'v3.codeboom', 'Red Tape', '--format', 'tsv'))) == 2
    db = sqlite3.connect('v3.codeboom')
    assert db.execute('PRAGMA user_version').fetchone()[0] == 4
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    db.close()
    for table in ('document_status', 'memo', 'memo_link', 'phase', 'speaker_role',
                  'document_set', 'document_set_member', 'saved_search', 'project_setting'):
        assert table in tables, table
    check_ok('v3.codeboom')
    assert rows(ok('cases', 'v3.codeboom')) == [['MA07', '1', '8116', '2']]
    # the undo history written by version 3 still undoes: the code added last
    assert ok('undo', 'v3.codeboom').startswith('Add code')
    check_ok('v3.codeboom')



@test
def test_check_finds_broken_values():
    project = red_tape()
    db = sqlite3.connect(project)
    db.execute("UPDATE case_value SET value = 'misschien' WHERE attribute = "
               "(SELECT id FROM attribute WHERE name = 'reorganisatie_2014') AND case_unit = "
               "(SELECT id FROM case_unit WHERE name = 'MA07')")
    db.execute("UPDATE case_coverage SET start = 0, end = 99999 WHERE case_unit = "
               "(SELECT id FROM case_unit WHERE name = 'HMA02')")
    db.commit()
    db.close()
    code, out, err = cli('check', project)
    assert code == 1, (code, out, err)
    assert 'MA07' in out and 'misschien' in out, out
    assert 'HMA02' in out and '99999' in out, out


def main(argv):
    return clitest.run(TESTS, argv, 'cb-cases-test-')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
