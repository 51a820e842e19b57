#!/usr/bin/env python3
# test_memos.py: codeboom-cli memo, memo new|set|delete|link|unlink|evidence, memos
# and export --quotes --with-memos (issue 19), on the Red Tape corpus
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_memos.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
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


def rows(tsv):
    return [line.split('\t') for line in tsv.splitlines()]


def check_ok(project):
    assert ok('check', project) == 'ok\n'


def thesis():
    """A thesis student's project: one interview, a code, a case."""
    ok('new', 'p.codeboom')
    ok('import', 'p.codeboom', os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'MA07')
    ok('code', 'add', 'p.codeboom', 'Red Tape')
    ok('case', 'add', 'p.codeboom', 'Sofie')
    ok('case', 'assign', 'p.codeboom', 'Sofie', 'MA07')
    return 'p.codeboom'


def span_of(project, doc, phrase):
    """The code point span of the first occurrence of @phrase."""
    text = sqlite3.connect(project).execute('SELECT text FROM document WHERE name = ?', (doc,)).fetchone()[0]
    start = text.index(phrase)
    return start, start + len(phrase)


@test
def test_owner_memos():
    project = thesis()
    # the project's memo: set from TEXT, printed without
    assert ok('memo', project) == ''
    ok('memo', project, 'Waarom dit onderzoek 🙂')
    assert ok('memo', project) == 'Waarom dit onderzoek 🙂\n'
    assert ok('memo', project, '--project') == 'Waarom dit onderzoek 🙂\n'
    ok('memo', project, '--doc', 'MA07', 'Eerste interview')
    assert ok('memo', project, '--doc', 'MA07') == 'Eerste interview\n'
    ok('memo', project, '--code', 'Red Tape', 'Regels die werk kosten')
    assert ok('memo', project, '--code', 'Red Tape') == 'Regels die werk kosten\n'
    ok('case', 'assign', project, 'Sofie', 'MA07', '0', '5')
    ok('memo', project, '--case', 'Sofie', 'Zes jaar in team Noord')
    assert ok('memo', project, '--case', 'Sofie') == 'Zes jaar in team Noord\n'
    ok('apply', project, 'MA07', 'Red Tape', '100', '200')
    ok('memo', project, '--coding', 'MA07', 'Red Tape', '100', '200', 'Typisch 😤')
    assert ok('memo', project, '--coding', 'MA07', 'Red Tape', '100', '200') == 'Typisch 😤\n'
    # --file, several lines kept
    with open('memo.txt', 'w', encoding='utf-8') as f:
        f.write('Regel één\nRegel twee\n')
    ok('memo', project, '--doc', 'MA07', '--file', 'memo.txt')
    assert ok('memo', project, '--doc', 'MA07') == 'Regel één\nRegel twee\n'
    # every change one undo step
    assert ok('undo', project).startswith('Edit the memo of')
    assert ok('memo', project, '--doc', 'MA07') == 'Eerste interview\n'
    assert ok('undo', project) == 'Edit the memo of a coding\n'
    assert ok('memo', project, '--coding', 'MA07', 'Red Tape', '100', '200') == ''
    ok('undo', project)  # apply
    ok('undo', project)  # case memo
    assert ok('memo', project, '--case', 'Sofie') == ''
    # errors: missing owners, two owners, TEXT and --file
    assert 'Nobody' in fails(1, 'memo', project, '--case', 'Nobody')
    fails(1, 'memo', project, '--doc', 'Geen')
    fails(1, 'memo', project, '--coding', 'MA07', 'Red Tape', '1', '2')
    fails(2, 'memo', project, '--doc', 'MA07', '--code', 'Red Tape')
    fails(2, 'memo', project, '--doc', 'MA07', 'tekst', '--file', 'memo.txt')
    fails(2, 'memo', project, '--coding', 'MA07', 'Red Tape', 'x', '200')
    check_ok(project)


@test
def test_free_memos_and_evidence():
    project = thesis()
    ok('memo', 'new', project, 'Formulieren', '--type', 'Observation', '--level', 'institutions', 'Men ziet veel formulieren.')
    ok('memo', 'new', project, 'Wachttijd', '--type', 'concern', 'Men maakt zich zorgen.')
    ok('memo', 'new', project, 'Schrappen', '--type', 'recommendation', '--level', 'politics', 'Schaf af.')
    ok('memo', 'new', project, 'Los idee')
    ok('memo', 'new', project, 'Spanning', '--type', 'tension', '--level', 'buurt')
    # a unique title
    err = fails(1, 'memo', 'new', project, 'Formulieren')
    assert 'Formulieren' in err and 'already exists' in err, err
    fails(1, 'memo', 'new', project, '  ')
    listed = rows(ok('memos', project))
    assert [r[0] for r in listed] == ['Los idee', 'Formulieren', 'Wachttijd', 'Schrappen', 'Spanning'], listed
    assert listed[1] == ['Formulieren', 'observation', 'institutions', '0', 'Men ziet veel formulieren.']
    assert listed[0][1:4] == ['note', '', '0']
    assert listed[4][1:3] == ['tension', 'buurt']
    assert [r[0] for r in rows(ok('memos', project, '--type', 'concern'))] == ['Wachttijd']
    assert [r[0] for r in rows(ok('memos', project, '--order', 'recommendation,concern'))][:2] == ['Schrappen', 'Wachttijd']

    # evidence: the span's text comes back, exactly
    start, end = span_of(project, 'MA07', 'aanspreekpunt voor alles')
    assert ok('memo', 'link', project, 'Formulieren', 'MA07', start, end) == 'aanspreekpunt voor alles\n'
    fails(1, 'memo', 'link', project, 'Formulieren', 'MA07', start, end)
    fails(1, 'memo', 'link', project, 'Formulieren', 'MA07', 0, 999999)
    fails(1, 'memo', 'link', project, 'Geen', 'MA07', 0, 5)
    fails(2, 'memo', 'link', project, 'Formulieren', 'MA07', 'a', 5)
    s2, e2 = span_of(project, 'MA07', 'Ik ben Sofie')
    ok('memo', 'link', project, 'Schrappen', 'MA07', s2, e2)
    evidence = rows(ok('memo', 'evidence', project, 'Formulieren'))
    assert evidence == [['MA07', str(start), str(end), 'R', 'aanspreekpunt voor alles']], evidence
    assert rows(ok('memos', project, '--type', 'observation'))[0][3] == '1'
    ok('memo', 'unlink', project, 'Formulieren', 'MA07', start, end)
    assert ok('memo', 'evidence', project, 'Formulieren') == ''
    fails(1, 'memo', 'unlink', project, 'Formulieren', 'MA07', start, end)
    assert ok('undo', project) == 'Unlink evidence from memo “Formulieren”\n'
    assert len(rows(ok('memo', 'evidence', project, 'Formulieren'))) == 1

    # set, rename, move, delete: each one undo step
    ok('memo', 'set', project, 'Los idee', '--type', 'hypothesis', '--level', 'profession')
    assert rows(ok('memos', project, '--type', 'hypothesis'))[0][:3] == ['Los idee', 'hypothesis', 'profession']
    ok('memo', 'set', project, 'Los idee', '--title', 'Hypothese 1')
    ok('memo', '--title', 'Hypothese 1', project, 'Nieuw 👩‍⚕️')
    assert ok('memo', project, '--title', 'Hypothese 1') == 'Nieuw 👩‍⚕️\n'
    assert ok('undo', project) == 'Edit memo “Hypothese 1”\n'
    assert ok('undo', project) == 'Rename memo “Los idee”\n'
    assert ok('undo', project) == 'Change the level of memo “Los idee”\n'
    assert ok('undo', project) == 'Change the type of memo “Los idee”\n'
    assert rows(ok('memos', project, '--type', 'note'))[0][:3] == ['Los idee', 'note', '']
    fails(2, 'memo', 'set', project, 'Los idee')
    ok('memo', 'delete', project, 'Formulieren')
    assert 'Formulieren' not in ok('memos', project)
    ok('undo', project)
    assert len(rows(ok('memo', 'evidence', project, 'Formulieren'))) == 1
    check_ok(project)


def argument(project):
    """ZIET → MAAKT ZICH ZORGEN → BEVEELT AAN, each with evidence."""
    ok('memo', 'new', project, 'Ziet: formulieren', '--type', 'observation', '--level', 'institutions',
       'Men ziet <veel> formulieren.')
    ok('memo', 'new', project, 'Zorg: tijd', '--type', 'concern', 'Tijd gaat op aan papier.')
    ok('memo', 'new', project, 'Beveelt aan: schrappen', '--type', 'recommendation', 'Schaf af.')
    for title, phrase in (('Ziet: formulieren', 'aanspreekpunt voor alles'),
                          ('Zorg: tijd', 'Ik ben Sofie'),
                          ('Beveelt aan: schrappen', 'maatschappelijk assistent in team Noord')):
        start, end = span_of(project, 'MA07', phrase)
        ok('memo', 'link', project, title, 'MA07', start, end)


def before(text, first, second):
    a, b = text.find(first), text.find(second)
    assert a >= 0 and b >= 0 and a < b, f'{first!r} before {second!r} in:\n{text}'


@test
def test_report_formats():
    project = thesis()
    argument(project)
    order = 'observation,concern,recommendation'
    template = '({document}, {speaker}, {timestamp}, {case})'
    md = ok('memos', project, '--format', 'md', '--order', order, '--template', template)
    before(md, '# Observation', '# Concern')
    before(md, '# Concern', '# Recommendation')
    before(md, '## Ziet: formulieren (Institutions)', 'Men ziet \\<veel\\> formulieren.')
    before(md, 'Men ziet', '“aanspreekpunt voor alles” (MA07, R, 00:00:35, Sofie)')
    assert '“Ik ben Sofie” (MA07, R, 00:00:12, Sofie)' in md, md
    # another order
    md2 = ok('memos', project, '--format', 'md', '--order', 'recommendation,observation')
    before(md2, '# Recommendation', '# Observation')
    before(md2, '# Observation', '# Concern')
    # the format from --output's extension
    ok('memos', project, '--output', 'r.html', '--order', order)
    html = open('r.html', encoding='utf-8').read()
    before(html, '<h1>Observation</h1>', '<h1>Recommendation</h1>')
    assert 'Men ziet &lt;veel&gt; formulieren.' in html
    assert '(MA07, 00:00:35)' in html, html
    ok('memos', project, '--output', 'r.xml')
    root = ET.parse('r.xml').getroot()
    assert root.tag == '{urn:codeboom:memos:1}memos'
    types = [t.get('name') for t in root]
    assert types == ['observation', 'concern', 'recommendation'], types
    quote = root.find('{urn:codeboom:memos:1}type/{urn:codeboom:memos:1}memo/{urn:codeboom:quotes:1}quote')
    assert quote.get('document') == 'MA07' and quote.get('case') == 'Sofie'
    assert quote.find('{urn:codeboom:quotes:1}text').text == 'aanspreekpunt voor alles'
    ok('memos', project, '--output', 'r.tsv')
    assert open('r.tsv', encoding='utf-8').read() == ok('memos', project)
    # DOCX and ODT: zips with the parts Word and LibreOffice need
    ok('memos', project, '--output', 'r.docx', '--order', order, '--template', template)
    with zipfile.ZipFile('r.docx') as z:
        names = set(z.namelist())
        assert {'[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml'} <= names
        document = z.read('word/document.xml').decode('utf-8')
        ET.fromstring(document)
    before(document, 'Observation', 'Recommendation')
    assert '(MA07, R, 00:00:35, Sofie)' in document
    ok('memos', project, '--output', 'r.odt', '--format', 'odt')
    with zipfile.ZipFile('r.odt') as z:
        assert z.namelist()[0] == 'mimetype'
        assert z.read('mimetype') == b'application/vnd.oasis.opendocument.text'
        content = z.read('content.xml').decode('utf-8')
        ET.fromstring(content)
        ET.fromstring(z.read('META-INF/manifest.xml'))
    assert 'Tijd gaat op aan papier.' in content and '“Ik ben Sofie”' in content
    # usage errors
    fails(2, 'memos', project, '--format', 'pdf')
    fails(2, 'memos', project, '--output', 'r.pdf')
    fails(2, 'memos', project, '--format', 'docx')
    fails(1, 'memos', project, '--format', 'md', '--template', '{documnet}')


@test
def test_export_quotes_with_memos():
    project = thesis()
    start, end = span_of(project, 'MA07', 'aanspreekpunt voor alles')
    ok('apply', project, 'MA07', 'Red Tape', start, end)
    ok('memo', project, '--code', 'Red Tape', 'Over regels')
    ok('memo', project, '--coding', 'MA07', 'Red Tape', start, end, 'Kernzin 😤')
    ok('export', project, '--quotes', 'q.md', '--with-memos')
    md = open('q.md', encoding='utf-8').read()
    before(md, '# Red Tape', '**Memo:** Over regels')
    before(md, '“aanspreekpunt voor alles”', '**Memo:** Kernzin 😤')
    ok('export', project, '--quotes', 'plain.md')
    assert 'Memo' not in open('plain.md', encoding='utf-8').read()
    ok('export', project, '--quotes', 'q.xml', '--with-memos')
    root = ET.parse('q.xml').getroot()
    ns = '{urn:codeboom:quotes:1}'
    assert root.find(f'{ns}codes/{ns}code/{ns}memo').text == 'Over regels'
    assert root.find(f'{ns}quote/{ns}code-ref/{ns}memo').text == 'Kernzin 😤'
    ok('export', project, '--quotes', 'q.odt', '--with-memos')
    with zipfile.ZipFile('q.odt') as z:
        content = z.read('content.xml').decode('utf-8')
    assert 'Kernzin 😤' in content and 'Over regels' in content
    fails(2, 'export', project, '--codebook', 'c.qdc', '--with-memos')


def main(argv):
    return clitest.run(TESTS, argv, 'cb-memos-test-')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
