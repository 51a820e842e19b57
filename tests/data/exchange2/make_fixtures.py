#!/usr/bin/env python3
# make_fixtures.py: the .qdpx fixtures of tests/cli/test_exchange2.py
#
#   python3 tests/data/exchange2/make_fixtures.py   (writes beside itself)
#
# - qualcoder-mixed.qdpx: a project as QualCoder exports it after coding in
#   its editor (qualcoder_shape.py): emoji-dense texts (skin tones, ZWJ
#   families, flags) and a combining mark; in each document some selections
#   in code points (codings QualCoder imported) and some in UTF-16 units
#   (codings made in its editor), each with its text as `name` and its coder
#   as the selection's creatingUser only; one selection with no user (the
#   project's creatingUserGUID is its coder).  qualcoder-mixed.json lists
#   every coding as it must come out: document, code path, coder, text.
# - maxqda-sets.qdpx: a project in the shape MAXQDA writes (upper-case
#   GUIDs, texts inline as PlainTextContent, document groups as <Sets> of
#   <MemberSource>s, memos as <Notes>: one on a code, one free, one "in
#   document" on an uncoded selection).
#
# Standard library only.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import qualcoder_shape  # noqa: E402

ANNA = ('Interviewer: Hoe begon het? 😀\n'
        'Anna: Moeilijk 😩😩, echt moeilijk 👍🏽 maar de buurvrouw hielp.\n'
        'Interviewer: En je familie? 👨‍👩‍👧\n'
        'Anna: Mijn broer 🇳🇱🇧🇪 belde elke dag, de x\u0301-factor 🎉🎉🎉 bleef.\n')
BRAM = ('Interviewer: Vertel eens 🙂\n'
        'Bram: Werk 💼💼 was alles. Daarna 🏥 het ziekenhuis, 😔 lang.\n'
        'Bram: Nu gaat het 💪🏿 beter, dankzij 🐕 Max.\n')

USERS = {'6f1c0d52-1b1e-4c2a-9f7e-0a1b2c3d4e01': 'ans',
         '6f1c0d52-1b1e-4c2a-9f7e-0a1b2c3d4e02': 'bert'}
ANS, BERT = list(USERS)
CODES = [
    {'guid': 'a0000000-0000-4000-8000-000000000001', 'name': 'Gevoel', 'color': '#E01B24', 'children': [
        {'guid': 'a0000000-0000-4000-8000-000000000002', 'name': 'Frustratie', 'children': []},
        {'guid': 'a0000000-0000-4000-8000-000000000003', 'name': 'Opluchting', 'children': []}]},
    {'guid': 'a0000000-0000-4000-8000-000000000004', 'name': 'Steun', 'children': [
        {'guid': 'a0000000-0000-4000-8000-000000000005', 'name': 'Familie', 'children': []}]},
]
PATHS = {'a0000000-0000-4000-8000-000000000001': 'Gevoel',
         'a0000000-0000-4000-8000-000000000002': 'Gevoel / Frustratie',
         'a0000000-0000-4000-8000-000000000003': 'Gevoel / Opluchting',
         'a0000000-0000-4000-8000-000000000004': 'Steun',
         'a0000000-0000-4000-8000-000000000005': 'Steun / Familie'}

# (document, quote, code, user, unit)
CODINGS = [
    ('Anna', 'Moeilijk 😩😩, echt moeilijk', '002', ANS, 'cp'),
    ('Anna', 'de buurvrouw hielp', '004', BERT, 'utf16'),
    ('Anna', 'Mijn broer 🇳🇱🇧🇪 belde elke dag', '005', ANS, 'utf16'),
    ('Anna', 'de x\u0301-factor 🎉🎉🎉 bleef', '003', BERT, 'cp'),
    ('Anna', 'En je familie? 👨‍👩‍👧', '005', None, 'utf16'),
    ('Anna', 'echt moeilijk 👍🏽', '001', BERT, 'utf16'),
    ('Bram', 'Werk 💼💼 was alles', '002', BERT, 'cp'),
    ('Bram', 'het ziekenhuis, 😔 lang', '002', ANS, 'utf16'),
    ('Bram', 'Nu gaat het 💪🏿 beter', '003', ANS, 'cp'),
    ('Bram', 'dankzij 🐕 Max', '004', BERT, 'utf16'),
]


def qualcoder_mixed():
    texts = {'Anna': ANNA, 'Bram': BRAM}
    sources = {name: {'guid': qualcoder_shape.guid('fixture-source:' + name), 'name': name,
                      'text': text, 'codings': []} for name, text in texts.items()}
    expected = []
    for document, quote, code, user, unit in CODINGS:
        text = texts[document]
        start = text.index(quote)
        code_guid = 'a0000000-0000-4000-8000-000000000' + code
        sources[document]['codings'].append({'start': start, 'end': start + len(quote), 'unit': unit,
                                             'code': code_guid, 'user': user,
                                             'guid': qualcoder_shape.guid('fixture-selection:' + quote)})
        expected.append({'document': document, 'code': PATHS[code_guid],
                         'coder': USERS[user] if user else 'ans', 'text': quote})
    project = {'name': 'Gesprekken', 'users': USERS, 'codes': CODES, 'sources': list(sources.values())}
    qualcoder_shape.write(project, os.path.join(HERE, 'qualcoder-mixed.qdpx'), creating_user=ANS)
    with open(os.path.join(HERE, 'qualcoder-mixed.json'), 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write('\n')


MAXQDA_QDE = '''<?xml version="1.0" encoding="utf-8"?>
<Project name="Buurten" origin="MAXQDA 2022 (Release 22.4.0)" creatingUserGUID="B1E2A3D4-0000-4000-8000-0000000000AA" xmlns="urn:QDA-XML:project:1.0">
  <Users>
    <User guid="B1E2A3D4-0000-4000-8000-0000000000AA" name="Sanne"/>
  </Users>
  <CodeBook>
    <Codes>
      <Code guid="C0DE0000-0000-4000-8000-000000000001" name="Wonen" isCodable="true" color="#33AA55">
        <NoteRef targetGUID="B0B00000-0000-4000-8000-000000000001"/>
      </Code>
    </Codes>
  </CodeBook>
  <Sources>
    <TextSource guid="D0C00000-0000-4000-8000-000000000001" name="Interview 1">
      <PlainTextContent>Ik woon hier al twintig jaar 🏠 en ken iedereen.</PlainTextContent>
      <PlainTextSelection guid="5E100000-0000-4000-8000-000000000001" name="twintig jaar" startPosition="16" endPosition="28" creatingUser="B1E2A3D4-0000-4000-8000-0000000000AA">
        <Coding guid="C0D10000-0000-4000-8000-000000000001" creatingUser="B1E2A3D4-0000-4000-8000-0000000000AA">
          <CodeRef targetGUID="C0DE0000-0000-4000-8000-000000000001"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="5E100000-0000-4000-8000-000000000002" name="ken iedereen" startPosition="34" endPosition="46" creatingUser="B1E2A3D4-0000-4000-8000-0000000000AA">
        <NoteRef targetGUID="B0B00000-0000-4000-8000-000000000003"/>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="D0C00000-0000-4000-8000-000000000002" name="Interview 2">
      <PlainTextContent>De stad is druk, maar het dorp is stil.</PlainTextContent>
    </TextSource>
    <TextSource guid="D0C00000-0000-4000-8000-000000000003" name="Interview 3">
      <PlainTextContent>Wij verhuisden vorig jaar naar de stad.</PlainTextContent>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="B0B00000-0000-4000-8000-000000000001" name="Wonen" creatingUser="B1E2A3D4-0000-4000-8000-0000000000AA">
      <PlainTextContent>Alles over de woning en de buurt.</PlainTextContent>
    </Note>
    <Note guid="B0B00000-0000-4000-8000-000000000002" name="Reflectie na veldwerk" creatingUser="B1E2A3D4-0000-4000-8000-0000000000AA" creationDateTime="2026-11-20T14:00:00Z">
      <PlainTextContent>De oudere bewoners praten over vroeger.</PlainTextContent>
    </Note>
    <Note guid="B0B00000-0000-4000-8000-000000000003" name="Sociale cohesie" creatingUser="B1E2A3D4-0000-4000-8000-0000000000AA">
      <PlainTextContent>Iedereen kennen: een teken van cohesie?</PlainTextContent>
    </Note>
  </Notes>
  <Sets>
    <Set guid="5E700000-0000-4000-8000-000000000001" name="Dorp">
      <Description>Bewoners van het dorp</Description>
      <MemberSource targetGUID="D0C00000-0000-4000-8000-000000000001"/>
      <MemberSource targetGUID="D0C00000-0000-4000-8000-000000000002"/>
    </Set>
    <Set guid="5E700000-0000-4000-8000-000000000002" name="Stad">
      <MemberSource targetGUID="D0C00000-0000-4000-8000-000000000002"/>
      <MemberSource targetGUID="D0C00000-0000-4000-8000-000000000003"/>
    </Set>
  </Sets>
</Project>
'''


def maxqda_sets():
    with zipfile.ZipFile(os.path.join(HERE, 'maxqda-sets.qdpx'), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('project.qde', MAXQDA_QDE.encode('utf-8'))


if __name__ == '__main__':
    qualcoder_mixed()
    maxqda_sets()
