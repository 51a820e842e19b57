#!/usr/bin/env python3
# make-fixtures.py: builds the REFI-QDA fixtures of tests/core/test-refi.c
#
# Each leniency fixture imitates one habit of a real tool (NVivo, ATLAS.ti,
# MAXQDA, QualCoder); each hostile fixture is one attack on an importer.
# The files are committed; run this again only to change them:
#   python3 tests/data/exchange/make-fixtures.py
#
# Every leniency fixture codes the same kind of passages, so that the test
# can check the imported codings by their text: the expected quotes are
# listed in test-refi.c.
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
NS = 'urn:QDA-XML:project:1.0'

# A text with an emoji (outside the BMP: one code point, two UTF-16 units)
# before the coded passages, a French elision and curly quotes.
EMOJI_TEXT = ('I: Hoe ervaart u de regels? \U0001F600\n'
              'R: De papierwinkel is eindeloos. Het formulier komt terug.\n'
              'I: En l\u2019administration\u00a0?\n'
              'R: \u201cC\u2019est kafka\u00efen\u201d, zegt ze.\n')
PLAIN_TEXT = ('I: Hoe ervaart u de regels?\n'
              'R: De papierwinkel is eindeloos. Het formulier komt terug.\n'
              'I: En de administratie?\n'
              'R: Die is kafkaiaans, zegt ze.\n')

USER = '5a0d6a4e-8a55-4c2b-9d1e-0c6f1b2a3c4d'
CODE_A = '11111111-2222-4333-8444-555555555555'
CODE_B = '66666666-7777-4888-9999-aaaaaaaaaaaa'
CODE_C = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff'
SOURCE = '0f0e0d0c-0b0a-4909-8807-060504030201'


def cp_span(text, quote):
    start = text.index(quote)
    return start, start + len(quote)


def utf16_span(text, quote):
    start, end = cp_span(text, quote)
    units = lambda s: len(s.encode('utf-16-le')) // 2
    return units(text[:start]), units(text[:end])


def esc(text):
    return (text.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
            .replace('"', '&quot;'))


def selection(guid, start, end, code, name=None, coding_guid=None, user=USER):
    named = f' name="{esc(name)}"' if name is not None else ''
    coding = coding_guid or ('c0d1' + guid[4:])
    return (f'<PlainTextSelection guid="{guid}"{named} startPosition="{start}" endPosition="{end}"'
            f' creatingUser="{user}">'
            f'<Coding guid="{coding}" creatingUser="{user}"><CodeRef targetGUID="{code}"/></Coding>'
            f'</PlainTextSelection>')


def project(body, ns=NS, users=True, codes=None, name='Fixture'):
    users_xml = f'<Users><User guid="{USER}" name="Tess"/></Users>' if users else ''
    if codes is None:
        codes = (f'<Code guid="{CODE_A}" name="Regels" isCodable="true" color="#FF0000">'
                 f'<Description>Over regels</Description>'
                 f'<Code guid="{CODE_B}" name="Papier" isCodable="true"/></Code>')
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<Project xmlns="{ns}" name="{name}">{users_xml}'
            f'<CodeBook><Codes>{codes}</Codes></CodeBook>{body}</Project>\n').encode('utf-8')


def write_zip(name, members):
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        for member, data in members:
            info = zipfile.ZipInfo(member, date_time=(1980, 1, 2, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def sel_guid(n):
    return f'{n:08x}-0000-4000-8000-000000000000'


def text_source(text_ref, selections, guid=SOURCE, name='Interview A', inline=None):
    inner = ''
    if inline is not None:
        inner += f'<PlainTextContent>{esc(inline)}</PlainTextContent>'
    inner += ''.join(selections)
    path = f' plainTextPath="{text_ref}"' if text_ref else ''
    return f'<Sources><TextSource guid="{guid}" name="{name}"{path}>{inner}</TextSource></Sources>'


def quotes_selections(text, span, names=True, code_a=CODE_A, code_b=CODE_B):
    q1 = 'De papierwinkel is eindeloos'
    q2 = 'Het formulier komt terug'
    s1 = span(text, q1)
    s2 = span(text, q2)
    return [selection(sel_guid(1), *s1, code_b, name=q1 if names else None),
            selection(sel_guid(2), *s2, code_a, name=q2 if names else None)]


def main():
    # -- leniency -----------------------------------------------------------

    # MAXQDA/NVivo habits: the .qde named after the project, "Sources/" in
    # capitals, GUIDs in braces and upper case, namespace written 1:0.
    upper = lambda g: '{' + g.upper() + '}'
    body = text_source(f'internal://{upper(SOURCE)}.txt',
                       [selection(upper(sel_guid(1)), *cp_span(PLAIN_TEXT, 'De papierwinkel is eindeloos'),
                                  upper(CODE_B), user=upper(USER)),
                        selection(upper(sel_guid(2)), *cp_span(PLAIN_TEXT, 'Het formulier komt terug'),
                                  upper(CODE_A), user=upper(USER))],
                       guid=upper(SOURCE))
    codes = (f'<Code guid="{upper(CODE_A)}" name="Regels" isCodable="true" color="#f00">'
             f'<Description>Over regels</Description>'
             f'<Code guid="{upper(CODE_B)}" name="Papier" isCodable="true"/></Code>')
    write_zip('lenient-qde-name.qdpx',
              [('Interviews.qde', project(body, ns='urn:QDA-XML:project:1:0', codes=codes)),
               (f'Sources/{SOURCE.upper()}.TXT', PLAIN_TEXT.encode('utf-8'))])

    # QualCoder 1.x: namespace 0:4, the text inline as PlainTextContent.
    write_zip('lenient-ns-0-4-inline.qdpx',
              [('project.qde', project(text_source(None, quotes_selections(PLAIN_TEXT, cp_span),
                                                   inline=PLAIN_TEXT),
                                       ns='urn:QDA-XML:project:0:4'))])

    # Windows tools: a UTF-8 BOM (not counted) and CRLF (CR counted).
    crlf = PLAIN_TEXT.replace('\n', '\r\n')
    write_zip('lenient-bom-crlf.qdpx',
              [('project.qde', project(text_source(f'internal://{SOURCE}.txt',
                                                   quotes_selections(crlf, cp_span)))),
               (f'sources/{SOURCE}.txt', b'\xef\xbb\xbf' + crlf.encode('utf-8'))])

    # relative:// and bare paths, looked for inside the archive.
    other = '1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b'
    body = ('<Sources>'
            f'<TextSource guid="{SOURCE}" name="Interview A" plainTextPath="relative://texts/a.txt">'
            + ''.join(quotes_selections(PLAIN_TEXT, cp_span)) + '</TextSource>'
            f'<TextSource guid="{other}" name="Interview B" plainTextPath="b.txt"/>'
            '</Sources>')
    write_zip('lenient-paths.qdpx',
              [('project.qde', project(body)),
               ('sources/a.txt', PLAIN_TEXT.encode('utf-8')),
               ('b.txt', 'Tweede interview.\n'.encode('utf-8'))])

    # NVivo: positions in UTF-16 units, selections named by their text.
    write_zip('lenient-utf16-named.qdpx',
              [('project.qde', project(text_source(f'internal://{SOURCE}.txt',
                                                   quotes_selections(EMOJI_TEXT, utf16_span)))),
               (f'sources/{SOURCE}.txt', EMOJI_TEXT.encode('utf-8'))])

    # UTF-16 units without names: word boundaries decide.
    write_zip('lenient-utf16-unnamed.qdpx',
              [('project.qde', project(text_source(f'internal://{SOURCE}.txt',
                                                   quotes_selections(EMOJI_TEXT, utf16_span, names=False)))),
               (f'sources/{SOURCE}.txt', EMOJI_TEXT.encode('utf-8'))])

    # Code points without names, in the same text: code points win.
    write_zip('lenient-codepoints-unnamed.qdpx',
              [('project.qde', project(text_source(f'internal://{SOURCE}.txt',
                                                   quotes_selections(EMOJI_TEXT, cp_span, names=False)))),
               (f'sources/{SOURCE}.txt', EMOJI_TEXT.encode('utf-8'))])

    # The same selection repeated once per code (and once twice for one
    # code), as several tools write it: merged into codings of one span.
    span = cp_span(PLAIN_TEXT, 'De papierwinkel is eindeloos')
    sels = [selection(sel_guid(1), *span, CODE_A),
            selection(sel_guid(2), *span, CODE_B),
            selection(sel_guid(3), *span, CODE_B)]
    write_zip('lenient-repeated-selections.qdpx',
              [('project.qde', project(text_source(f'internal://{SOURCE}.txt', sels))),
               (f'sources/{SOURCE}.txt', PLAIN_TEXT.encode('utf-8'))])

    # ATLAS.ti: flat names "Parent::Child", a folder (isCodable="false"),
    # no colours.
    codes = (f'<Code guid="{CODE_C}" name="Thema\u2019s" isCodable="false">'
             f'<Code guid="{CODE_A}" name="Regels::Papier" isCodable="true"/></Code>'
             f'<Code guid="{CODE_B}" name="Regels::Formulieren" isCodable="true"/>')
    write_zip('lenient-atlas-flat.qdpx',
              [('project.qde', project(text_source(f'internal://{SOURCE}.txt',
                                                   quotes_selections(PLAIN_TEXT, cp_span)),
                                       codes=codes)),
               (f'sources/{SOURCE}.txt', PLAIN_TEXT.encode('utf-8'))])

    # What Codeboom cannot hold: listed in a warning, the rest imported.
    extra = (f'<PictureSource guid="{sel_guid(20)}" name="Foto" path="internal://x.jpg"/>'
             f'<AudioSource guid="{sel_guid(21)}" name="Opname" path="internal://x.mp3"/>')
    body = text_source(f'internal://{SOURCE}.txt', quotes_selections(PLAIN_TEXT, cp_span))
    body = body.replace('</Sources>', extra + '</Sources>')
    body += (f'<Links><Link guid="{sel_guid(22)}" name="verband" direction="OneWay"'
             f' originGUID="{CODE_A}" targetGUID="{CODE_B}"/></Links>'
             f'<Graphs><Graph guid="{sel_guid(23)}" name="Netwerk"/></Graphs>')
    write_zip('lenient-unsupported.qdpx',
              [('project.qde', project(body)),
               (f'sources/{SOURCE}.txt', PLAIN_TEXT.encode('utf-8')),
               ('sources/x.jpg', b'\xff\xd8\xff\xe0 not really a jpeg')])

    # Cases and their variables as NVivo writes them: values of every type
    # (a date-time for a date, 0 for false), a whole source and a selection
    # without codings, GUIDs in upper case; a value of the wrong type and a
    # reference to a selection that is not there, which are warned about.
    var = lambda n: f'{n:08x}-1111-4000-8000-000000000000'
    case_guid = lambda n: f'{n:08x}-2222-4000-8000-000000000000'
    span = cp_span(PLAIN_TEXT, 'Het formulier komt terug')

    def value(n, element, text):
        return (f'<VariableValue><VariableRef targetGUID="{var(n).upper()}"/>'
                f'<{element}>{text}</{element}></VariableValue>')

    variables = ('<Variables>'
                 f'<Variable guid="{var(1)}" name="Geslacht" typeOfVariable="Text"/>'
                 f'<Variable guid="{var(2)}" name="Leeftijd" typeOfVariable="Float"/>'
                 f'<Variable guid="{var(3)}" name="Datum interview" typeOfVariable="Date"/>'
                 f'<Variable guid="{var(4)}" name="Reorganisatie" typeOfVariable="Boolean"/>'
                 f'<Variable guid="{var(5)}" name="Aantal jaren" typeOfVariable="Integer">'
                 '<Description>Jaren in dienst</Description></Variable>'
                 '</Variables>')
    cases = ('<Cases>'
             f'<Case guid="{case_guid(1)}" name="Anna"><Description>Respondent 1</Description>'
             + value(1, 'TextValue', 'vrouw') + value(2, 'FloatValue', '34')
             + value(3, 'DateValue', '2024-03-11') + value(4, 'BooleanValue', 'true')
             + f'<SourceRef targetGUID="{{{SOURCE.upper()}}}"/></Case>'
             f'<Case guid="{case_guid(2)}" name="Bart">'
             + value(1, 'TextValue', 'man') + value(2, 'FloatValue', '41.5')
             + value(3, 'DateTimeValue', '2024-03-12T10:00:00Z') + value(4, 'BooleanValue', '0')
             + value(5, 'TextValue', 'abc')
             + f'<SelectionRef targetGUID="{sel_guid(30).upper()}"/>'
             f'<SelectionRef targetGUID="{sel_guid(31)}"/></Case>'
             '</Cases>')
    case_span = (f'<PlainTextSelection guid="{sel_guid(30)}" name="Het formulier komt terug"'
                 f' startPosition="{span[0]}" endPosition="{span[1]}"/>')
    body = text_source(f'internal://{SOURCE}.txt',
                       quotes_selections(PLAIN_TEXT, cp_span) + [case_span])
    write_zip('nvivo-cases.qdpx',
              [('project.qde', project(variables + cases + body, name='NVivo cases')),
               (f'sources/{SOURCE}.txt', PLAIN_TEXT.encode('utf-8'))])

    # A codebook in ATLAS.ti's style, braces and all.
    with open(os.path.join(HERE, 'lenient-atlas.qdc'), 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<CodeBook xmlns="urn:QDA-XML:codebook:1:0" origin="ATLAS.ti"><Codes>'
                f'<Code guid="{{{CODE_A.upper()}}}" name="Regels::Papier" isCodable="true" color="#0a0"/>'
                f'<Code guid="{{{CODE_B.upper()}}}" name="Regels::Formulieren" isCodable="true">'
                '<Description>Formulieren die terugkomen</Description></Code>'
                '</Codes></CodeBook>\n')

    # -- hostile ------------------------------------------------------------

    good = project(text_source(f'internal://{SOURCE}.txt', quotes_selections(PLAIN_TEXT, cp_span)))
    write_zip('hostile-dotdot.qdpx',
              [('project.qde', good), (f'sources/{SOURCE}.txt', PLAIN_TEXT.encode('utf-8')),
               ('../../evil.txt', b'escaped')])
    write_zip('hostile-absolute.qdpx',
              [('project.qde', good), (f'sources/{SOURCE}.txt', PLAIN_TEXT.encode('utf-8')),
               ('/tmp/codeboom-evil.txt', b'escaped')])
    write_zip('hostile-bomb.qdpx',
              [('project.qde', good), (f'sources/{SOURCE}.txt', b'a' * (8 * 1024 * 1024))])
    laughs = ('<?xml version="1.0"?>\n<!DOCTYPE Project [\n<!ENTITY a "ha">\n'
              + ''.join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n' for i in range(9))
              + ']>\n'
              f'<Project xmlns="{NS}" name="&j;"/>\n')
    write_zip('hostile-entities.qdpx', [('project.qde', laughs.encode('utf-8'))])
    external = ('<?xml version="1.0"?>\n'
                '<!DOCTYPE Project SYSTEM "http://example.invalid/refi.dtd" [\n'
                '<!ENTITY secret SYSTEM "file:///etc/passwd">\n]>\n'
                f'<Project xmlns="{NS}" name="&secret;"/>\n')
    write_zip('hostile-external.qdpx', [('project.qde', external.encode('utf-8'))])
    with open(os.path.join(HERE, 'hostile-dtd.qdc'), 'w', encoding='utf-8') as f:
        f.write('<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x "boom">]>\n'
                '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
                f'<Code guid="{CODE_A}" name="&x;" isCodable="true"/></Codes></CodeBook>\n')
    with open(os.path.join(HERE, 'hostile-not-a-zip.qdpx'), 'wb') as f:
        f.write(b'PK\x03\x04 this is a truncated archive')


if __name__ == '__main__':
    main()
