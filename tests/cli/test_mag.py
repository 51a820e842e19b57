#!/usr/bin/env python3
# test_mag.py: codeboom-cli MAG sessions (issue 19): phases, roles, the
# convergence/divergence grid and matrix --columns phases, on the French
# MAG session of the corpus (labels "Nom :")
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# LC_ALL=C.UTF-8; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_mag.py [NAME...]
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import html as html_module
import os
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
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
PROJECT = 'p.codeboom'
DOC = 's2'

import clitest  # noqa: E402
from clitest import CLI, PREFIX, cli, fails, ok  # noqa: E402

TESTS = []
test = clitest.collect(TESTS)


def rows(tsv):
    return [line.split('\t') for line in tsv.splitlines()]


def check_ok(project):
    assert ok('check', project) == 'ok\n'


def session_with_markers():
    """The corpus session with marker lines added (it has none): a Markdown
    heading before the narrative and two bracketed rounds of
    interpretation, as transcribers write them.  Returns its text."""
    with open(os.path.join(CORPUS, 'mag-session-2-fr.txt'), encoding='utf-8') as f:
        source = f.read()
    out = []
    for line in source.split('\n'):
        if line.startswith('Hélène : On reprend'):
            out += ['## Récit', '']
        elif line.startswith("Hélène : On fait un premier tour"):
            out += ['[Interprétations – tour 1]', '']
        elif line.startswith('Hélène : Deuxième tour'):
            out += ['[Interprétations – tour 2]', '']
        out.append(line)
    text = '\n'.join(out)
    with open('s2.txt', 'w', encoding='utf-8') as f:
        f.write(text)
    return unicodedata.normalize('NFC', text)


def span(text, words, after=0):
    """The code point span of @words in @text (Python indexes code points)."""
    start = text.index(words, after)
    return start, start + len(words)


def add_memo(project, title, memo_type, links):
    """A free-standing memo with evidence links, through `memo new` and
    `memo link`; memos come in the order they are made (the grid's rows)."""
    ok('memo', 'new', project, title, '--type', memo_type)
    for document, start, end in links:
        ok('memo', 'link', project, title, document, str(start), str(end))


def mag_project():
    text = session_with_markers()
    ok('new', PROJECT)
    ok('import', PROJECT, 's2.txt', '--name', DOC)
    return text


def give_roles():
    ok('speaker', 'role', PROJECT, DOC, 'Hélène', 'facilitator')
    ok('speaker', 'role', PROJECT, DOC, 'Nadia', 'narrator')
    for name in ('Karim', 'Lucie', 'Marc'):
        ok('speaker', 'role', PROJECT, DOC, name, 'participant')


@test
def test_default_phase_list_follows_the_language():
    mag_project()
    fr = ok('phase', 'names', PROJECT, language='fr_BE.UTF-8').splitlines()
    assert fr == ['récits', 'choix du récit', 'récit', 'questions', 'interprétations 1',
                  'réaction du narrateur', 'interprétations 2', 'analyse', 'perspectives',
                  'évaluation'], fr
    nl = ok('phase', 'names', PROJECT, language='nl').splitlines()
    assert nl[0] == 'verhaalvoorstellen' and nl[4] == 'interpretaties 1' and len(nl) == 10, nl
    en = ok('phase', 'names', PROJECT).splitlines()
    assert en[0] == 'narrative proposals' and en[-1] == 'evaluation' and len(en) == 10, en
    # a project's own list wins over every language, and undo takes it back
    ok('phase', 'names', PROJECT, 'tour de table', 'récit', 'analyse')
    assert ok('phase', 'names', PROJECT, language='nl') == 'tour de table\nrécit\nanalyse\n'
    fails(1, 'phase', 'names', PROJECT, 'récit', 'Récit')
    fails(1, 'phase', 'names', PROJECT, 'récit', '  ')
    assert ok('undo', PROJECT).strip() != ''
    assert ok('phase', 'names', PROJECT, language='fr') .splitlines()[0] == 'récits'
    ok('phase', 'names', PROJECT, 'x', 'y')
    ok('phase', 'names', PROJECT, '--default')
    assert ok('phase', 'names', PROJECT, language='fr').splitlines()[0] == 'récits'
    # a list it already has changes nothing: no undo step (the default once
    # more, or the same list twice)
    ok('phase', 'names', PROJECT, '--default')
    ok('phase', 'names', PROJECT, 'x', 'y')
    ok('phase', 'names', PROJECT, 'x', 'y')
    assert ok('undo', PROJECT).startswith('Change the phase list')
    assert ok('phase', 'names', PROJECT, language='fr').splitlines()[0] == 'récits'
    assert ok('undo', PROJECT).startswith('Change the phase list')
    assert ok('phase', 'names', PROJECT).splitlines() == ['x', 'y']


@test
def test_phases_detected_from_marker_lines():
    text = mag_project()
    assert ok('phase', 'detect', PROJECT, DOC, language='fr') == '3\n'
    s1 = text.index('## Récit')
    s2 = text.index('[Interprétations – tour 1]')
    s3 = text.index('[Interprétations – tour 2]')
    assert rows(ok('phases', PROJECT, DOC)) == [
        [str(s1), str(s2), 'récit'],
        [str(s2), str(s3), 'interprétations 1'],
        [str(s3), str(len(text)), 'interprétations 2'],
    ]
    check_ok(PROJECT)
    # detecting replaces what was set by hand; undo brings that back
    ok('phase', 'clear', PROJECT, DOC)
    assert ok('phases', PROJECT, DOC) == ''
    ok('phase', 'set', PROJECT, DOC, 'questions', '0', '10', language='fr')
    ok('phase', 'detect', PROJECT, DOC, language='fr')
    assert len(rows(ok('phases', PROJECT, DOC))) == 3
    ok('undo', PROJECT)
    assert rows(ok('phases', PROJECT, DOC)) == [['0', '10', 'questions']]
    ok('undo', PROJECT)
    assert ok('phases', PROJECT, DOC) == ''
    ok('undo', PROJECT)
    assert len(rows(ok('phases', PROJECT, DOC))) == 3
    # the corpus file itself has no markers: refused, nothing changed
    ok('import', PROJECT, os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'plain')
    err = fails(1, 'phase', 'detect', PROJECT, 'plain')
    assert 'plain' in err, err


@test
def test_phase_markers_with_emoji_and_combining_marks():
    # "é" written as e + U+0301, an emoji (one code point, two UTF-16
    # units) before the markers: offsets are code points of the NFC text
    raw = ('Intro 😀 avant\nAnalyse :\nLe groupe 😀 e\u0301value.\n'
           '# Perspectives\nNadia : fin 👍🏽.\n')
    with open('e.txt', 'w', encoding='utf-8') as f:
        f.write(raw)
    text = unicodedata.normalize('NFC', raw)
    ok('new', PROJECT)
    ok('import', PROJECT, 'e.txt', '--name', 'e')
    assert ok('phase', 'detect', PROJECT, 'e', language='fr') == '2\n'
    a = text.index('Analyse')
    p = text.index('# Perspectives')
    assert rows(ok('phases', PROJECT, 'e')) == [[str(a), str(p), 'analyse'],
                                                [str(p), str(len(text)), 'perspectives']]


@test
def test_phase_set_trims_and_replaces():
    mag_project()
    names = {'language': 'fr'}
    ok('phase', 'set', PROJECT, DOC, 'récit', '0', '100', **names)
    ok('phase', 'set', PROJECT, DOC, 'questions', '50', '150', **names)
    assert rows(ok('phases', PROJECT, DOC)) == [['0', '50', 'récit'], ['50', '150', 'questions']]
    # inside another: cut it in two
    ok('phase', 'set', PROJECT, DOC, 'Analyse', '20', '30', **names)
    assert rows(ok('phases', PROJECT, DOC)) == [['0', '20', 'récit'], ['20', '30', 'analyse'],
                                                ['30', '50', 'récit'], ['50', '150', 'questions']]
    # over several: replaces them
    ok('phase', 'set', PROJECT, DOC, 'évaluation', '10', '60', **names)
    assert rows(ok('phases', PROJECT, DOC)) == [['0', '10', 'récit'], ['10', '60', 'évaluation'],
                                                ['60', '150', 'questions']]
    ok('undo', PROJECT)
    assert rows(ok('phases', PROJECT, DOC)) == [['0', '20', 'récit'], ['20', '30', 'analyse'],
                                                ['30', '50', 'récit'], ['50', '150', 'questions']]
    # a span of them cleared, trimming at its edges
    ok('phase', 'clear', PROJECT, DOC, '25', '55')
    assert rows(ok('phases', PROJECT, DOC)) == [['0', '20', 'récit'], ['20', '25', 'analyse'],
                                                ['55', '150', 'questions']]
    ok('undo', PROJECT)
    # refused: a name not in the list (unless --other), a span outside the text
    err = fails(1, 'phase', 'set', PROJECT, DOC, 'pause café', '0', '5')
    assert 'pause café' in err, err
    ok('phase', 'set', PROJECT, DOC, 'pause café', '150', '160', '--other')
    fails(1, 'phase', 'set', PROJECT, DOC, 'récit', '0', '999999')
    fails(1, 'phase', 'set', PROJECT, DOC, 'récit', '10', '10')
    fails(1, 'phase', 'set', PROJECT, 'nothing', 'récit', '0', '5')
    assert cli('phase', 'set', PROJECT, DOC, 'récit', '0', 'x')[0] == 2
    assert cli('phase', 'clear', PROJECT, DOC, '5')[0] == 2
    assert rows(ok('phases', PROJECT, DOC))[-1] == ['150', '160', 'pause café']
    check_ok(PROJECT)


@test
def test_speaker_roles():
    mag_project()
    assert [r[3] for r in rows(ok('speakers', PROJECT, DOC, '--long'))] == [''] * 5
    give_roles()
    assert rows(ok('speakers', PROJECT, DOC, '--long')) == [
        ['Hélène', '5', '408', 'facilitator'],
        ['Nadia', '3', '1064', 'narrator'],
        ['Karim', '2', '426', 'participant'],
        ['Lucie', '3', '547', 'participant'],
        ['Marc', '2', '468', 'participant'],
    ]
    # without --long the format is as before
    assert rows(ok('speakers', PROJECT, DOC))[0] == ['Hélène', '5', '408']
    ok('speaker', 'role', PROJECT, DOC, 'Marc', 'observer')
    assert rows(ok('speakers', PROJECT, DOC, '--long'))[4][3] == 'observer'
    ok('undo', PROJECT)
    assert rows(ok('speakers', PROJECT, DOC, '--long'))[4][3] == 'participant'
    ok('speaker', 'role', PROJECT, DOC, 'Marc', '--unset')
    assert rows(ok('speakers', PROJECT, DOC, '--long'))[4][3] == ''
    ok('undo', PROJECT)
    # a renamed speaker keeps the role
    ok('speaker', 'rename', PROJECT, DOC, 'Marc', 'Marc D.')
    assert rows(ok('speakers', PROJECT, DOC, '--long'))[4] == ['Marc D.', '2', '468', 'participant']
    ok('undo', PROJECT)
    assert rows(ok('speakers', PROJECT, DOC, '--long'))[4][0::3] == ['Marc', 'participant']
    # refused
    assert cli('speaker', 'role', PROJECT, DOC, 'Marc', 'boss')[0] == 2
    assert cli('speaker', 'role', PROJECT, DOC, 'Marc')[0] == 2
    err = fails(1, 'speaker', 'role', PROJECT, DOC, 'Nobody', 'participant')
    assert 'Nobody' in err, err
    check_ok(PROJECT)


def grid_project():
    """Three analytic points over the session: two convergences and one
    divergence, their evidence in the turns of four participants (and one
    link in the facilitator's turn, which no column shows)."""
    text = mag_project()
    give_roles()
    nadia1 = span(text, "Elle n'a pas de smartphone récent")[0]
    nadia2 = span(text, "J'appelle l'école.")[1]
    lucie3 = span(text, "Pas une faveur qu'on accorde si on a le temps.")[0]
    helene = span(text, 'On note ces deux pistes')[1]
    # the grid follows the memos' order
    add_memo(PROJECT, 'La charge est déplacée', 'convergence', [
        (DOC, *span(text, "l'école se décharge")),
        (DOC, *span(text, "Le travail administratif n'a pas disparu, il a été déplacé")),
        (DOC, *span(text, 'Pour moi il y a un transfert de charge.')),
        (DOC, *span(text, "je n'ai rien pu obtenir")),
        # across the facilitator's question, back to the narrator
        (DOC, nadia1, nadia2),
        (DOC, *span(text, 'On note ces deux pistes')),
    ])
    add_memo(PROJECT, 'Le non-recours reste invisible', 'convergence', [
        (DOC, *span(text, "Dans les statistiques, ça n'apparaît nulle part.")),
        (DOC, *span(text, 'Les gens arrivent avec un problème administratif urgent')),
        # into the facilitator's closing turn
        (DOC, lucie3, helene),
    ])
    add_memo(PROJECT, 'Qui est responsable ?', 'divergence', [
        (DOC, *span(text, "L'école n'est pas forcément de mauvaise foi.")),
        (DOC, *span(text, "l'école se décharge")),
    ])
    add_memo(PROJECT, 'Une simple note', 'note', [
        (DOC, *span(text, 'Madame B. avait droit au remboursement.')),
    ])
    return text


EXPECTED_GRID = [
    ['point', 'type', 'Nadia', 'Karim', 'Lucie', 'Marc'],
    ['La charge est déplacée', 'convergence', '2', '0', '1', '2'],
    ['Le non-recours reste invisible', 'convergence', '0', '1', '2', '0'],
    ['Qui est responsable ?', 'divergence', '0', '0', '1', '1'],
]


@test
def test_grid_tsv():
    grid_project()
    assert rows(ok('mag', 'grid', PROJECT)) == EXPECTED_GRID
    assert rows(ok('mag', 'grid', PROJECT, '--doc', DOC, '--format', 'tsv')) == EXPECTED_GRID
    ok('mag', 'grid', PROJECT, '--output', 'grid.tsv')
    with open('grid.tsv', encoding='utf-8') as f:
        assert rows(f.read()) == EXPECTED_GRID
    # the narrator no longer a participant: the column goes
    ok('speaker', 'role', PROJECT, DOC, 'Nadia', 'observer')
    assert [r[:2] + r[3:] for r in EXPECTED_GRID] == rows(ok('mag', 'grid', PROJECT))
    ok('undo', PROJECT)
    assert rows(ok('mag', 'grid', PROJECT)) == EXPECTED_GRID
    # a case that covers a speaker takes the speaker's place
    ok('case', 'add', PROJECT, 'AS CPAS')
    ok('case', 'assign', PROJECT, 'AS CPAS', DOC, '--speaker', 'Nadia')
    assert rows(ok('mag', 'grid', PROJECT))[0][2] == 'AS CPAS'
    fails(1, 'mag', 'grid', PROJECT, '--doc', 'nothing')
    assert cli('mag', 'grid', PROJECT, '--format', 'pdf')[0] == 2


@test
def test_grid_quotes_html_odt_docx():
    grid_project()
    page = ok('mag', 'grid', PROJECT, '--format', 'html')
    assert '<td><p>± “L&apos;école n&apos;est pas forcément de mauvaise foi.” (s2)</p></td>' in page, page
    html = html_module.unescape(page)
    # links across the facilitator's turns: only the participants' words
    assert "Qu'est-ce que tu fais" not in html
    assert 'On note ces deux pistes' not in html
    assert 'Madame B. avait droit' not in html

    ok('mag', 'grid', PROJECT, '--output', 'grid.odt')
    with zipfile.ZipFile('grid.odt') as z:
        assert z.read('mimetype') == b'application/vnd.oasis.opendocument.text'
        assert z.infolist()[0].filename == 'mimetype'
        content = ET.fromstring(z.read('content.xml'))
    ns = {'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
          'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0'}
    table = []
    for row in content.iter(f'{{{ns["table"]}}}table-row'):
        table.append(['\n'.join(p.text or '' for p in cell.findall('text:p', ns))
                      for cell in row.findall('table:table-cell', ns)])
    assert table[0] == ['Point', 'Nadia', 'Karim', 'Lucie', 'Marc'], table[0]
    assert [r[0] for r in table[1:]] == ['+ La charge est déplacée', '+ Le non-recours reste invisible',
                                         '± Qui est responsable ?']
    assert table[1][1].split('\n') == [
        "+ “Elle n'a pas de smartphone récent, elle a un vieux téléphone, l'application ne s'installe pas."
        " […] J'appelle l'école.” (s2)",
        "+ “je n'ai rien pu obtenir” (s2)"], table[1][1]
    assert table[1][3] == "+ “l'école se décharge” (s2)", table[1][3]
    assert table[1][4].split('\n') == ['+ “Pour moi il y a un transfert de charge.” (s2)',
                                       "+ “Le travail administratif n'a pas disparu, il a été déplacé” (s2)"], \
        table[1][4]
    assert table[2][3].split('\n')[1] == "+ “Pas une faveur qu'on accorde si on a le temps.” (s2)", table[2][3]
    assert table[3][4] == "± “L'école n'est pas forcément de mauvaise foi.” (s2)"
    assert table[2][2] == '+ “Les gens arrivent avec un problème administratif urgent” (s2)'
    assert table[3][1] == '' and table[3][2] == ''

    ok('mag', 'grid', PROJECT, '--output', 'grid.docx')
    w = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
    with zipfile.ZipFile('grid.docx') as z:
        assert '[Content_Types].xml' in z.namelist()
        document = ET.fromstring(z.read('word/document.xml'))
    docx = [[''.join(t.text or '' for t in cell.iter(f'{w}t')) for cell in tr.findall(f'{w}tc')]
            for tr in document.iter(f'{w}tr')]
    assert docx[0] == ['Point', 'Nadia', 'Karim', 'Lucie', 'Marc']
    assert docx[3][0] == '± Qui est responsable ?'
    assert docx[3][3] == "± “l'école se décharge” (s2)"
    # --format wins over the extension
    ok('mag', 'grid', PROJECT, '--output', 'grid.txt', '--format', 'docx')
    assert zipfile.is_zipfile('grid.txt')


@test
def test_grid_reads_hostile_links_safely():
    text = grid_project()
    db = sqlite3.connect(PROJECT)
    # a link past the end of the text: check reports it, the grid leaves it out
    db.execute("INSERT INTO memo_link (memo, document, start, end) VALUES"
               " ((SELECT id FROM memo WHERE title = 'Qui est responsable ?'),"
               "  (SELECT id FROM document WHERE name = 's2'), ?, ?)", (len(text) - 5, len(text) + 500))
    db.commit()
    db.close()
    assert rows(ok('mag', 'grid', PROJECT)) == EXPECTED_GRID


@test
def test_check_refuses_overlapping_phases():
    text = mag_project()
    ok('phase', 'detect', PROJECT, DOC, language='fr')
    db = sqlite3.connect(PROJECT)
    db.execute("UPDATE phase SET end = end + 50 WHERE name = 'récit'")
    db.execute("INSERT INTO phase (document, name, start, end) VALUES"
               " ((SELECT id FROM document WHERE name = 's2'), 'analyse', ?, ?)", (len(text) - 5, len(text) + 7))
    db.commit()
    db.close()
    code, out, err = cli('check', PROJECT)
    out = out.decode('utf-8')
    assert code == 1, (code, out, err)
    assert 'phases that overlap' in out and 'récit' in out and 'interprétations 1' in out, out
    assert 'phase outside' in out and str(len(text) + 7) in out, out


@test
def test_matrix_columns_phases():
    text = mag_project()
    ok('phase', 'detect', PROJECT, DOC, language='fr')
    ok('code', 'add', PROJECT, 'charge')
    ok('code', 'add', PROJECT, 'langue')
    s2 = text.index('[Interprétations – tour 1]')
    # one coding in the narrative, one in round 1, one across rounds 1 and 2
    ok('apply', PROJECT, DOC, 'charge', *span(text, "l'école se décharge"))
    ok('apply', PROJECT, DOC, 'charge', *span(text, 'transfert de charge', s2))
    start = text.index('Nadia : Ce que je ressens')
    end = text.index('Marc : Je voudrais nuancer') + 30
    ok('apply', PROJECT, DOC, 'langue', start, end)
    # the phases in list order (fr), used or not, then no column for none
    table = rows(ok('matrix', PROJECT, '--columns', 'phases', language='fr'))
    header = table[0]
    assert header[1:] == ['récits', 'choix du récit', 'récit', 'questions', 'interprétations 1',
                          'réaction du narrateur', 'interprétations 2', 'analyse', 'perspectives',
                          'évaluation'], header
    counts = {r[0]: r[1:] for r in table[1:]}
    assert counts['charge'] == ['0', '0', '1', '0', '1', '0', '0', '0', '0', '0'], counts
    assert counts['langue'] == ['0', '0', '0', '0', '1', '0', '1', '0', '0', '0'], counts
    # a coding before every phase: "(no phase)"
    ok('apply', PROJECT, DOC, 'langue', '0', '10')
    table = rows(ok('matrix', PROJECT, '--columns', 'phases', language='fr'))
    assert table[0][-1] == '(no phase)', table[0]
    assert {r[0]: r[-1] for r in table[1:]} == {'charge': '0', 'langue': '1'}


def main(argv):
    return clitest.run(TESTS, argv, 'cb-mag-test-')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
