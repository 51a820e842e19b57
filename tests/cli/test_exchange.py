#!/usr/bin/env python3
# test_exchange.py: REFI-QDA and quote lists through codeboom-cli
#
# `export --qdpx` then `new --from` must give back the same documents, codes
# and codings (compared through the CLI's own listings); `export --codebook`
# then `code import FILE.qdc` the same code tree; a hostile .qdpx is refused
# without leaving a project file; `export --quotes` writes all five formats
# with the quotes and their citations.
#
# Run by meson (suite 'cli') with CODEBOOM_CLI, G_TEST_SRCDIR and
# CODEBOOM_CODER=tester; prints TAP.  By hand:
#   CODEBOOM_CLI=build/src/cli/codeboom-cli python3 tests/cli/test_exchange.py
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.environ.get('G_TEST_SRCDIR') or os.path.dirname(HERE)
CORPUS = os.path.join(SRCDIR, 'data', 'corpus')
EXCHANGE = os.path.join(SRCDIR, 'data', 'exchange')
CLI = os.environ.get('CODEBOOM_CLI') or os.path.join(os.path.dirname(SRCDIR), 'build', 'src', 'cli',
                                                     'codeboom-cli')
TESTS = []

EMOJI_DOC = ('[00:00:10] I: Qu\u2019est-ce qui p\u00e8se ?\n\n'
             '[00:00:14] Nadia: \u201cL\u2019administration, c\u2019est kafka\u00efen\u201d \U0001F629, vraiment.\n\n'
             '[00:00:20] I: Merci.\n')
QUOTE = '\u201cL\u2019administration, c\u2019est kafka\u00efen\u201d \U0001F629'


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


def make_project(path):
    cli('new', path)
    cli('import', path, os.path.join(CORPUS, 'interview-ma07.txt'),
        os.path.join(CORPUS, 'interview-hma02-cp1252-crlf.txt'))
    with open('emoji.txt', 'w', encoding='utf-8') as f:
        f.write(EMOJI_DOC)
    cli('import', path, 'emoji.txt')
    cli('code', 'import', path, os.path.join(CORPUS, 'codebook-redtape.tsv'))
    cli('apply', path, 'interview-ma07', 'Generalistisch werken / 1 cliënt = 1 MA',
        '--quote', 'één cliënt, één maatschappelijk assistent')
    cli('apply', path, 'interview-hma02-cp1252-crlf', 'Red Tape / Dimensies / Hoge nalevingslast',
        '--quote', 'Dat is "Red Tape" in de zuiverste vorm', '--coder', 'bob')
    cli('apply', path, 'emoji', 'Red Tape', '--quote', QUOTE)


def listing(path):
    """Everything the CLI shows of a project's content."""
    result = {'docs': out('docs', path), 'codes': out('codes', path)}
    for line in result['docs'].splitlines():
        name = line.split('\t')[0]
        result['text ' + name] = out('text', path, name)
    for line in result['codes'].splitlines():
        code = line.split('\t')[0]
        if '/' not in code:
            result['retrieve ' + code] = out('retrieve', path, code, '--format', 'tsv')
    return result


@test
def qdpx_round_trip():
    make_project('a.codeboom')
    for options in ([], ['--nvivo-offsets']):
        if os.path.exists('b.codeboom'):
            os.remove('b.codeboom')
        cli('export', 'a.codeboom', '--qdpx', 'a.qdpx', *options)
        with zipfile.ZipFile('a.qdpx') as z:
            names = z.namelist()
            assert 'project.qde' in names, names
            eq(sum(1 for n in names if n.startswith('sources/') and n.endswith('.txt')), 3, 'texts')
            root = ET.fromstring(z.read('project.qde'))
            eq(root.tag, '{urn:QDA-XML:project:1.0}Project', 'root')
            eq([child.tag.split('}')[1] for child in root], ['Users', 'CodeBook', 'Sources'], 'order')
        cli('new', 'b.codeboom', '--from', 'a.qdpx')
        eq(listing('b.codeboom'), listing('a.codeboom'), 'the imported project ' + ' '.join(options))
        eq(out('check', 'b.codeboom'), 'ok\n', 'check')


def red_tape_cases(path):
    """The Red Tape sheet assigned to corpus documents: whole documents,
    a span and a speaker's turns."""
    cli('new', path)
    cli('import', path, os.path.join(CORPUS, 'interview-ma07.txt'), '--name', 'MA07')
    cli('import', path, os.path.join(CORPUS, 'interview-hma02-cp1252-crlf.txt'), '--name', 'HMA02')
    cli('import', path, os.path.join(CORPUS, 'mag-session-2-fr.txt'), '--name', 'mag')
    with open('emoji.txt', 'w', encoding='utf-8') as f:
        f.write(EMOJI_DOC)
    cli('import', path, 'emoji.txt')
    cli('attributes', 'import', path, os.path.join(CORPUS, 'respondents-redtape.csv'))
    cli('case', 'assign', path, 'MA07', 'MA07')
    cli('case', 'assign', path, 'HMA02', 'HMA02')
    cli('case', 'assign', path, 'MA09', 'mag', '--speaker', 'Nadia')
    # a span after the emoji: positions in code points and UTF-16 differ
    cli('case', 'assign', path, 'Respondent 1', 'emoji', '40', '90')
    cli('case', 'assign', path, 'Respondent 1', 'HMA02', '10', '20')
    cli('code', 'add', path, 'Red Tape')
    cli('apply', path, 'MA07', 'Red Tape', '100', '200')
    cli('apply', path, 'HMA02', 'Red Tape', '100', '200')
    cli('apply', path, 'HMA02', 'Red Tape', '10', '20')
    cli('apply', path, 'mag', 'Red Tape', '50', '120')


def case_listing(path):
    """Every case, value and what each case covers, as the CLI shows them."""
    result = {'cases': out('cases', path), 'attributes': out('attributes', path)}
    for value in ('ja', 'nee'):
        result['retrieve ' + value] = out('retrieve', path, 'Red Tape', '--format', 'tsv',
                                          '--where', 'reorganisatie_2014=' + value)
    for name in ('MA07', 'HMA02', 'MA09', 'Respondent 1'):
        result['retrieve ' + name] = out('retrieve', path, 'Red Tape', '--format', 'tsv',
                                         '--where', 'case=' + name)
    return result


@test
def qdpx_cases_round_trip():
    red_tape_cases('a.codeboom')
    before = case_listing('a.codeboom')
    assert 'MA07\t1\t' in before['cases'], before['cases']
    assert before['retrieve ja'] != '' and before['retrieve Respondent 1'] != '', before
    for options in ([], ['--nvivo-offsets']):
        if os.path.exists('b.codeboom'):
            os.remove('b.codeboom')
        cli('export', 'a.codeboom', '--qdpx', 'a.qdpx', *options)
        with zipfile.ZipFile('a.qdpx') as z:
            z.extract('project.qde')
        # valid against the standard's schema, Variables and Cases included
        schema = os.path.join(SRCDIR, 'data', 'refi-qda', 'Project-mrt2019.xsd')
        completed = subprocess.run(['xmllint', '--noout', '--schema', schema, 'project.qde'],
                                   capture_output=True)
        assert completed.returncode == 0, completed.stderr.decode(errors='replace')[:2000]
        completed = cli('new', 'b.codeboom', '--from', 'a.qdpx')
        err = completed.stderr.decode('utf-8')
        assert 'variables' not in err and 'cases' not in err, err
        eq(case_listing('b.codeboom'), before, 'cases imported ' + ' '.join(options))
        eq(out('check', 'b.codeboom'), 'ok\n', 'check')
    # the types come back (a Date, a Boolean, Text)
    import sqlite3
    types = dict(sqlite3.connect('b.codeboom').execute('SELECT name, type FROM attribute').fetchall())
    eq(types, {'rol': 'text', 'team': 'text', 'functie': 'text', 'reorganisatie_2014': 'boolean',
               'interviewdatum': 'date', 'opmerking': 'text'}, 'attribute types')


@test
def qdpx_nvivo_cases():
    """A hand-written project as NVivo writes one: cases with values of every
    type, whole sources and selections, and the references that go nowhere."""
    fixture = os.path.join(EXCHANGE, 'nvivo-cases.qdpx')
    with zipfile.ZipFile(fixture) as z:
        z.extract('project.qde')
    schema = os.path.join(SRCDIR, 'data', 'refi-qda', 'Project-mrt2019.xsd')
    completed = subprocess.run(['xmllint', '--noout', '--schema', schema, 'project.qde'],
                               capture_output=True)
    assert completed.returncode == 0, completed.stderr.decode(errors='replace')[:2000]
    completed = cli('new', 'n.codeboom', '--from', fixture)
    err = completed.stderr.decode('utf-8')
    # a value of the wrong type and a reference to nothing: warned, skipped
    assert 'abc' in err and 'Aantal jaren' in err, err
    assert '1 reference of a case' in err, err
    sheet = out('attributes', 'n.codeboom')
    eq(sheet, 'case\tGeslacht\tLeeftijd\tDatum interview\tReorganisatie\tAantal jaren\n'
              'Anna\tvrouw\t34\t2024-03-11\tyes\t\n'
              'Bart\tman\t41.5\t2024-03-12\tno\t\n', 'the sheet')
    import sqlite3
    types = dict(sqlite3.connect('n.codeboom').execute('SELECT name, type FROM attribute').fetchall())
    eq(types, {'Geslacht': 'text', 'Leeftijd': 'number', 'Datum interview': 'date',
               'Reorganisatie': 'boolean', 'Aantal jaren': 'number'}, 'types')
    # Anna: the whole of Interview A; Bart: a selection of it
    cases = {line.split('\t')[0]: line.split('\t')[1:] for line in out('cases', 'n.codeboom').splitlines()}
    eq(cases['Anna'][0], '1', 'Anna documents')
    eq(cases['Bart'][0:2], ['1', '24'], 'Bart: one document, the selection\'s 24 characters')
    found = out('retrieve', 'n.codeboom', 'Regels', '--format', 'tsv', '--where', 'case=Bart').splitlines()
    eq(len(found), 1, 'the one coding inside Bart\'s span')
    assert 'Het formulier komt terug' in found[0], found
    eq(out('check', 'n.codeboom'), 'ok\n', 'check')


@test
def qdpx_anonymous():
    make_project('a.codeboom')
    cli('export', 'a.codeboom', '--qdpx', 'a.qdpx', '--anonymous')
    with zipfile.ZipFile('a.qdpx') as z:
        qde = z.read('project.qde').decode('utf-8')
    assert 'bob' not in qde and 'tester' not in qde and 'basePath' not in qde, qde[:400]


@test
def qdc_round_trip():
    make_project('a.codeboom')
    cli('export', 'a.codeboom', '--codebook', 'a.qdc')
    cli('new', 'b.codeboom')
    cli('code', 'import', 'b.codeboom', 'a.qdc')
    codes_a = [line.split('\t')[0] for line in out('codes', 'a.codeboom').splitlines()]
    codes_b = [line.split('\t')[0] for line in out('codes', 'b.codeboom').splitlines()]
    eq(codes_b, codes_a, 'code paths')
    eq(out('undo', 'b.codeboom'), 'Import the codebook “a.qdc”\n', 'one undoable step')
    eq(out('codes', 'b.codeboom'), '', 'undone')


@test
def hostile_refused():
    for name, mentions in (('hostile-dotdot.qdpx', '../../evil.txt'),
                           ('hostile-bomb.qdpx', 'zip bomb'),
                           ('hostile-entities.qdpx', 'DTD')):
        completed = cli('new', 'h.codeboom', '--from', os.path.join(EXCHANGE, name), status=1)
        err = completed.stderr.decode('utf-8')
        assert name in err and mentions in err, err
        assert not os.path.exists('h.codeboom'), name
    # an existing file is never overwritten
    cli('new', 'h.codeboom')
    cli('new', 'h.codeboom', '--from', os.path.join(EXCHANGE, 'lenient-paths.qdpx'), status=1)


@test
def lenient_warns():
    completed = cli('new', 'w.codeboom', '--from', os.path.join(EXCHANGE, 'lenient-unsupported.qdpx'))
    err = completed.stderr.decode('utf-8')
    assert 'pictures: 1' in err and 'audio sources: 1' in err, err


@test
def quote_formats():
    make_project('a.codeboom')
    template = '({document}, {speaker}, {timestamp})'
    for extension in ('xml', 'html', 'md', 'docx', 'odt'):
        args = ['export', 'a.codeboom', '--quotes', 'q.' + extension, '--code', 'Red Tape']
        if extension != 'xml':
            args += ['--template', template]
        cli(*args)
        if extension in ('docx', 'odt'):
            with zipfile.ZipFile('q.' + extension) as z:
                assert z.testzip() is None
                part = 'word/document.xml' if extension == 'docx' else 'content.xml'
                expected = ({'[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml'}
                            if extension == 'docx' else {'mimetype', 'META-INF/manifest.xml', 'content.xml'})
                assert expected <= set(z.namelist()), z.namelist()
                if extension == 'odt':
                    eq(z.namelist()[0], 'mimetype', 'first member')
                    eq(z.getinfo('mimetype').compress_type, zipfile.ZIP_STORED, 'mimetype stored')
                body = z.read(part).decode('utf-8')
                ET.fromstring(body)
        else:
            with open('q.' + extension, encoding='utf-8') as f:
                body = f.read()
        assert QUOTE in body, (extension, body[:300])
        assert 'Dat is "Red Tape" in de zuiverste vorm' in body or \
            'Dat is &quot;Red Tape&quot; in de zuiverste vorm' in body, extension
        if extension != 'xml':
            assert '(emoji, Nadia, 00:00:14)' in body, (extension, body[:2000])
    cli('export', 'a.codeboom', '--quotes', 'q.pdf', status=2)
    cli('export', 'a.codeboom', '--codebook', 'c.qdc', '--nvivo-offsets', status=2)


def main():
    print(f'1..{len(TESTS)}')
    failed = 0
    origin = os.getcwd()
    for number, fn in enumerate(TESTS, 1):
        with tempfile.TemporaryDirectory(prefix='cb-exchange-') as directory:
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
