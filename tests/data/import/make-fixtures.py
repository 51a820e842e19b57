#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the generated import fixtures of tests/data/import/ (standard library only).

Run from anywhere: python3 tests/data/import/make-fixtures.py
Same script, same bytes: zip entries carry a fixed date and the PDFs fixed IDs.
The interview-ma07.* and other corpus files next to it are copies of
/work/shared/corpus and are not generated.

Good files (tests compare them with the *.expected text written by hand below):
  features.docx/.odt/.rtf/.html   every construct the importers handle
  text.pdf                         two pages of text, with a hyphen at a line end
  interview-ma07-utf16{le,be}{-bom,}.txt, mag-session-2-fr.md
Bad files (each must be refused with a clear error and leave the project alone):
  empty.*, truncated.docx, crc.docx, not-a-zip.odt, odt-as.docx, docx-as.odt,
  encrypted.docx (OLE2 EncryptedPackage), encrypted-zip.docx (PKWARE flag),
  encrypted.odt (ODF manifest encryption), encrypted.pdf (RC4, user password),
  dtd.docx, xxe.docx (DTD / external entity), bomb.docx (ratio),
  huge.docx (declared size over the limit), no-text.pdf (image only), truncated.pdf,
  not-a.pdf, deep.rtf (groups nested too deep), not-rtf.rtf, legacy.docx (OLE2 .doc)
"""
import hashlib
import os
import struct
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = (2024, 3, 14, 12, 0, 0)


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path(name), "wb") as f:
        f.write(data)


def make_zip(name, members, stored=()):
    """members: list of (name, bytes-or-str)."""
    with zipfile.ZipFile(path(name), "w") as z:
        for member, data in members:
            info = zipfile.ZipInfo(member, DATE)
            info.compress_type = zipfile.ZIP_STORED if member in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


# ---------------------------------------------------------------- .docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""


def docx_document(body, prolog='<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'):
    return (prolog +
            '<w:document xmlns:w="%s" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'mc:Ignorable="w14"><w:body>%s</w:body></w:document>' % (W, body))


def docx(name, body, extra=(), document=None):
    members = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
               ("word/document.xml", document if document is not None else docx_document(body))]
    members += list(extra)
    make_zip(name, members)


def p(*runs, ppr=""):
    return "<w:p>%s%s</w:p>" % (ppr, "".join(runs))


def r(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text


FEATURES_DOCX_BODY = "".join([
    p(r("Kop")),
    p('<w:r><w:t>Een</w:t><w:tab/><w:t xml:space="preserve">tab, een</w:t><w:br/>'
      '<w:t xml:space="preserve">regeleinde en een niet</w:t><w:noBreakHyphen/>'
      '<w:t xml:space="preserve">brekend koppelteken; zacht</w:t><w:softHyphen/><w:t>afgebroken.</w:t></w:r>'),
    p(r("Dit blijft "),
      '<w:ins w:id="1" w:author="A" w:date="2024-03-14T12:00:00Z">' + r("ingevoegd ") + '</w:ins>',
      '<w:del w:id="2" w:author="A" w:date="2024-03-14T12:00:00Z"><w:r><w:delText xml:space="preserve">GESCHRAPT </w:delText></w:r></w:del>',
      r("staan, "),
      '<w:moveFrom w:id="3" w:author="A"><w:r><w:t xml:space="preserve">WEGGEHAALD </w:t></w:r></w:moveFrom>',
      '<w:moveTo w:id="4" w:author="A">' + r("verplaatst") + '</w:moveTo>',
      r(".")),
    p(r("Deze alinea loopt "), ppr='<w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr>'),
    p(r("door.")),
    p(r("Symbool "), '<w:r><w:sym w:font="Symbol" w:char="F061"/></w:r>', r(" en "),
      '<w:r><w:sym w:font="Symbol" w:char="F0B3"/></w:r>', r(" en "),
      '<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r>', r(".")),
    p(r("Met voetnoot"), '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>',
      r(" en "), '<w:commentRangeStart w:id="0"/>', r("commentaar"), '<w:commentRangeEnd w:id="0"/>',
      '<w:r><w:commentReference w:id="0"/></w:r>', r(".")),
    p(r("Veld "), '<w:fldSimple w:instr=" DATE ">' + r("14-03-2024") + '</w:fldSimple>', r(", pagina "),
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>', r("7"), '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
      r(" en een "), '<w:hyperlink r:id="rId9">' + r("koppeling") + '</w:hyperlink>', r(".")),
    p(r("Alternatief: "),
      '<mc:AlternateContent><mc:Choice Requires="w14">' + r("KEUZE") + '</mc:Choice>'
      '<mc:Fallback>' + r("terugval") + '</mc:Fallback></mc:AlternateContent>',
      '<w:r><w:drawing><wp:inline><w:txbxContent>' + p(r("TEKSTVAK")) + '</w:txbxContent></wp:inline></w:drawing></w:r>',
      '<w14:extension>' + r("UITBREIDING") + '</w14:extension>',
      r(" klaar.")),
    "<w:p/>",
    p(r("   ")),
    '<w:tbl><w:tblPr><w:tblStyle w:val="T"/></w:tblPr><w:tblGrid><w:gridCol w:w="100"/><w:gridCol w:w="100"/></w:tblGrid>'
    '<w:tr><w:trPr/><w:tc><w:tcPr/>' + p(r("Naam")) + '</w:tc><w:tc>' + p(r("Rol")) + '</w:tc></w:tr>'
    '<w:tr><w:tc>' + p(r("Sofie")) + '</w:tc><w:tc>' + p(r("maatschappelijk")) + p(r("assistent")) + '</w:tc></w:tr>'
    '</w:tbl>',
    '<w:sdt><w:sdtPr><w:alias w:val="ALIAS"/></w:sdtPr><w:sdtContent>' + p(r("Inhoudsbesturing.")) + '</w:sdtContent></w:sdt>',
    p(r("I: een beurt")),
    '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/></w:sectPr>',
])

FEATURES_DOCX_EXTRA = [
    ("word/footnotes.xml", '<?xml version="1.0"?><w:footnotes xmlns:w="%s"><w:footnote w:id="1">%s</w:footnote></w:footnotes>'
     % (W, p(r("VOETNOOTTEKST")))),
    ("word/comments.xml", '<?xml version="1.0"?><w:comments xmlns:w="%s"><w:comment w:id="0">%s</w:comment></w:comments>'
     % (W, p(r("COMMENTAARTEKST")))),
    ("word/header1.xml", '<?xml version="1.0"?><w:hdr xmlns:w="%s">%s</w:hdr>' % (W, p(r("KOPTEKST")))),
    ("word/footer1.xml", '<?xml version="1.0"?><w:ftr xmlns:w="%s">%s</w:ftr>' % (W, p(r("VOETTEKST")))),
]

FEATURES_DOCX_EXPECTED = (
    "Kop\n\n"
    "Een\ttab, een\nregeleinde en een niet\u2011brekend koppelteken; zachtafgebroken.\n\n"
    "Dit blijft ingevoegd staan, verplaatst.\n\n"
    "Deze alinea loopt door.\n\n"
    "Symbool \u03b1 en \u2265 en \uf04a.\n\n"
    "Met voetnoot en commentaar.\n\n"
    "Veld 14-03-2024, pagina 7 en een koppeling.\n\n"
    "Alternatief: terugval klaar.\n\n"
    "Naam\tRol\n\n"
    "Sofie\tmaatschappelijk assistent\n\n"
    "Inhoudsbesturing.\n\n"
    "I: een beurt\n")

# ---------------------------------------------------------------- .odt

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')
ODT_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"%s
</manifest:manifest>"""


def odt(name, text_body, encrypted=False, mimetype="application/vnd.oasis.opendocument.text"):
    content = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content %s><office:body><office:text>'
               '%s</office:text></office:body></office:document-content>' % (ODT_NS, text_body))
    if encrypted:
        manifest = ODT_MANIFEST % ('>\n  <manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
                                   '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="AAAA"/>'
                                   '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="AAAA"/>'
                                   '</manifest:encryption-data>\n </manifest:file-entry>')
        content = bytes(range(256)) * 4     # what encrypted content looks like: not XML
    else:
        manifest = ODT_MANIFEST % "/>"
    make_zip(name, [("mimetype", mimetype), ("META-INF/manifest.xml", manifest), ("content.xml", content)],
             stored=("mimetype",))


FEATURES_ODT_BODY = "".join([
    '<text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Illustration"/></text:sequence-decls>',
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><office:change-info><dc:creator>A</dc:creator>'
    '</office:change-info><text:p>GESCHRAPT</text:p></text:deletion></text:changed-region></text:tracked-changes>',
    '<text:h text:outline-level="1">Kop</text:h>',
    '<text:p>Een<text:tab/>tab, drie<text:s text:c="3"/>spaties, een<text:line-break/>regeleinde<text:soft-page-break/>'
    ' en   ingeklapte\n   witruimte.</text:p>',
    '<text:p>Dit blijft <text:change text:change-id="c1"/>staan.</text:p>',
    '<text:list><text:list-item><text:p>eerste punt</text:p></text:list-item>'
    '<text:list-item><text:list><text:list-item><text:p>genest punt</text:p></text:list-item></text:list></text:list-item></text:list>',
    '<text:p>Met voetnoot<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    '<text:note-body><text:p>VOETNOOT</text:p></text:note-body></text:note> en <office:annotation><dc:creator>A</dc:creator>'
    '<text:p>COMMENTAAR</text:p></office:annotation>commentaar.</text:p>',
    '<text:p>Tekst<draw:frame><draw:text-box><text:p>TEKSTVAK</text:p></draw:text-box></draw:frame> na kader, '
    '<text:span>met <text:a>koppeling</text:a></text:span>.</text:p>',
    '<text:p/><text:p>  </text:p>',
    '<table:table><table:table-column table:number-columns-repeated="2"/>'
    '<table:table-header-rows><table:table-row><table:table-cell><text:p>Naam</text:p></table:table-cell>'
    '<table:table-cell><text:p>Rol</text:p></table:table-cell></table:table-row></table:table-header-rows>'
    '<table:table-row><table:table-cell><text:p>Sofie</text:p></table:table-cell>'
    '<table:table-cell><text:p>maatschappelijk</text:p><text:p>assistent</text:p></table:table-cell>'
    '<table:covered-table-cell><text:p>BEDEKT</text:p></table:covered-table-cell></table:table-row></table:table>',
    '<text:section><text:p>In een sectie.</text:p></text:section>',
])

FEATURES_ODT_EXPECTED = (
    "Kop\n\n"
    "Een\ttab, drie   spaties, een\nregeleinde en ingeklapte witruimte.\n\n"
    "Dit blijft staan.\n\n"
    "eerste punt\n\n"
    "genest punt\n\n"
    "Met voetnoot en commentaar.\n\n"
    "Tekst na kader, met koppeling.\n\n"
    "Naam\tRol\n\n"
    "Sofie\tmaatschappelijk assistent\n\n"
    "In een sectie.\n")

# ---------------------------------------------------------------- .rtf

FEATURES_RTF = (
    b"{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n"
    b"{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}{\\f1\\fswiss\\fcharset204 Arial Cyr;}"
    b"{\\f2\\ftech\\fcharset2 Symbol;}{\\f3\\fnil\\fcharset0 Caf\\'e9 Font;}}\n"
    b"{\\colortbl;\\red0\\green0\\blue0;}\n"
    b"{\\stylesheet{\\s0 Normal STIJL;}{\\*\\cs10 Default Paragraph Font;}}\n"
    b"{\\info{\\title GEHEIM}{\\author AUTEUR}}\n"
    b"{\\*\\generator GENERATOR;}\n"
    b"{\\header \\pard KOPTEKST\\par}{\\footer \\pard VOETTEKST\\par}\n"
    b"\\pard\\plain Caf\\'e9 \\'93aanhalingstekens\\'94 en \\u8364\\'80 euro.\\par\n"
    b"\\pard {\\f1 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2} en {\\f2 \\'61\\'b3}\\par\n"
    b"\\pard Vast\\~spatie, af\\-breek, niet\\_brekend\\emdash lang\\endash kort "
    b"\\lquote enkel\\rquote  \\ldblquote dubbel\\rdblquote\\bullet\\par\n"
    b"\\pard {\\uc2 twee\\u233\\'c3\\'a9 bytes}, smiley \\u-10179?\\u-8704?, "
    b"{\\uc0 nul\\u252  fallback}\\par\n"
    b"\\pard Veld {\\field{\\*\\fldinst HYPERLINK \"http://example.org/\"}{\\fldrslt koppeling}} en voetnoot"
    b"{\\super\\chftn}{\\footnote\\pard\\plain\\chftn VOETNOOT}{\\*\\atnid A}{\\*\\annotation COMMENTAAR}.\\par\n"
    b"\\pard Plaatje{\\pict\\pngblip\\picw1\\pich1 89504e470d0a1a0a}{\\*\\blob\\bin4 }{{}}weg.\\par\n"
    b"\\pard Zicht{\\v VERBORGEN}baar en {\\*\\onbekend ONBEKEND}niets.\\par\n"
    b"\\pard Regel een\\line regel twee\\tab tab\\par\n"
    b"\\trowd\\cellx1000\\cellx2000\\pard\\intbl Naam\\cell Rol\\cell\\row\n"
    b"\\trowd\\cellx1000\\cellx2000\\pard\\intbl Sofie\\cell maatschappelijk\\par assistent\\cell\\row\n"
    b"\\pard\\plain {\\listtext 1.\\tab}Lijstpunt\\par\n"
    b"\\pard\\par\\pard I: een beurt\\par\n"
    b"}\nGEEN RTF MEER")

FEATURES_RTF_EXPECTED = (
    "Café \u201caanhalingstekens\u201d en \u20ac euro.\n\n"
    "\u041f\u0440\u0438\u0432\u0435\u0442 en \u03b1\u2265\n\n"
    "Vast\u00a0spatie, afbreek, niet\u2011brekend\u2014lang\u2013kort \u2018enkel\u2019 \u201cdubbel\u201d\u2022\n\n"
    "tweeé bytes, smiley \U0001F600, nulü fallback\n\n"
    "Veld koppeling en voetnoot.\n\n"
    "Plaatjeweg.\n\n"
    "Zichtbaar en niets.\n\n"
    "Regel een\nregel twee\ttab\n\n"
    "Naam\tRol\n\n"
    "Sofie\tmaatschappelijk assistent\n\n"
    "Lijstpunt\n\n"
    "I: een beurt\n")

# ---------------------------------------------------------------- .html

FEATURES_HTML = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>TITEL</title>
<style>p { color: red } /* STIJL */</style><script>var x = "SCRIPT";</script></head>
<body>
<h1>Kop</h1>
<p>Een   alinea
   met <b>vet</b> en <i>cursief</i>&nbsp;en&amp;entiteiten.<br>Tweede regel.</p>
<div>Blok<div>genest blok</div></div>
<ul><li>eerste punt</li><li>tweede punt</li></ul>
<pre>voor
  opgemaakt</pre>
<table>
  <tr><th>Naam</th> <th>Rol</th></tr>
  <tr>
    <td>Sofie</td>
    <td><p>maatschappelijk</p><p>assistent</p></td>
  </tr>
</table>
<noscript>NOSCRIPT</noscript><template>SJABLOON</template>
<p>I: een beurt</p>
</body></html>
"""

FEATURES_HTML_EXPECTED = (
    "Kop\n\n"
    "Een alinea met vet en cursief\u00a0en&entiteiten.\nTweede regel.\n\n"
    "Blok\n\n"
    "genest blok\n\n"
    "eerste punt\n\n"
    "tweede punt\n\n"
    "voor\nopgemaakt\n\n"
    "Naam\tRol\n\n"
    "Sofie\tmaatschappelijk assistent\n\n"
    "I: een beurt\n")

WINDOWS_1252_HTML = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
                     '</head><body><p>Caf\xe9 \x93quoted\x94</p></body></html>').encode("latin-1")

# ---------------------------------------------------------------- .pdf

PAD = bytes([0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
             0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A])


def rc4(key, data):
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) & 0xFF
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) & 0xFF
        j = (j + s[i]) & 0xFF
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) & 0xFF])
    return bytes(out)


def pdf_escape(text):
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(pages, image_only=False, user_password=None):
    """pages: lists of lines; None is an extra gap (a new text block)."""
    file_id = hashlib.md5(repr((pages, image_only, user_password)).encode()).digest()
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>",
               3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"}
    streams = {}
    kids = []
    n = 4
    for lines in pages:
        if image_only:
            content = b"q 200 0 0 100 72 600 cm /Im1 Do Q\n0.5 g 72 500 200 20 re f\n"
            resources = b"<< /XObject << /Im1 %d 0 R >> >>" % (n + 2)
            image = bytes((x * 37 + y * 11) & 0xFF for y in range(8) for x in range(8))
            streams[n + 2] = (b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
                              b"/BitsPerComponent 8", image)
        else:
            content = b"BT /F1 12 Tf 14 TL 72 760 Td\n"
            for line in lines:
                content += b"0 -20 Td\n" if line is None else b"(" + pdf_escape(line) + b") Tj T*\n"
            content += b"ET\n"
            resources = b"<< /Font << /F1 3 0 R >> >>"
        objects[n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources %s /Contents %d 0 R >>"
                      % (resources, n + 1))
        streams[n + 1] = (b"<<", content)
        kids.append(n)
        n += 3 if image_only else 2
    objects[2] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) +
                  b"] /Count %d >>" % len(kids))

    key = None
    encrypt = b""
    if user_password is not None:
        # Standard security handler, revision 2 (40-bit RC4).
        permissions = -4
        owner_key = hashlib.md5((b"eigenaar" + PAD)[:32]).digest()[:5]
        o_value = rc4(owner_key, (user_password.encode() + PAD)[:32])
        key = hashlib.md5((user_password.encode() + PAD)[:32] + o_value +
                          struct.pack("<i", permissions) + file_id).digest()[:5]
        u_value = rc4(key, PAD)
        objects[n] = (b"<< /Filter /Standard /V 1 /R 2 /O <" + o_value.hex().encode() + b"> /U <" +
                      u_value.hex().encode() + b"> /P %d >>" % permissions)
        encrypt = b" /Encrypt %d 0 R" % n
        n += 1

    for number, (dictionary, data) in streams.items():
        if key is not None:
            object_key = hashlib.md5(key + struct.pack("<I", number)[:3] + b"\0\0").digest()[:10]
            data = rc4(object_key, data)
        if dictionary == b"<<":
            objects[number] = b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
        else:
            objects[number] = dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"

    out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += b"%010d 00000 n \n" % offsets[number]
    out += (b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, file_id.hex().encode(), file_id.hex().encode(), encrypt, xref))
    return out


PDF_PAGES = [
    ["Interview PDF \u2013 caf\u00e9 en \u00e9\u00e9n",
     None,
     "I: Hoe verloopt de administratie bij jullie?",
     None,
     "R: Dat is een zware admini-",
     "stratieve last, zeker voor de",
     "nieuwe collega's.",
     None,
     "I: Dank je."],
    ["R: Graag gedaan."],
]

PDF_EXPECTED = (
    "Interview PDF \u2013 caf\u00e9 en \u00e9\u00e9n\n\n"
    "I: Hoe verloopt de administratie bij jullie?\n\n"
    "R: Dat is een zware admini-\nstratieve last, zeker voor de\nnieuwe collega's.\n\n"
    "I: Dank je.\n\n"
    "R: Graag gedaan.\n")

# ---------------------------------------------------------------- OLE2 (password-protected Office)


def make_ole2(stream_names):
    """A minimal compound file whose directory names @stream_names (empty streams)."""
    sector = 512
    header = bytearray(sector)
    header[0:8] = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    struct.pack_into("<I", header, 76, 0)             # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    fat = bytearray(b"\xff" * sector)
    struct.pack_into("<II", fat, 0, 0xFFFFFFFD, 0xFFFFFFFE)   # FAT sector, directory chain end
    directory = bytearray()
    entries = ["Root Entry"] + list(stream_names)
    for index, name in enumerate(entries):
        entry = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        entry[0:len(encoded)] = encoded
        struct.pack_into("<H", entry, 64, len(encoded))
        entry[66] = 5 if index == 0 else 2
        entry[67] = 1
        struct.pack_into("<III", entry, 68, 0xFFFFFFFF,
                         index + 1 if 0 < index < len(entries) - 1 else 0xFFFFFFFF,
                         1 if index == 0 and len(entries) > 1 else 0xFFFFFFFF)
        struct.pack_into("<I", entry, 116, 0xFFFFFFFE)
        directory += entry
    directory += bytes((-len(directory)) % sector)
    return bytes(header) + bytes(fat) + bytes(directory)

# ---------------------------------------------------------------- zip surgery


def patch_sizes(data, member, size):
    """Sets the uncompressed size of @member in its local and central headers."""
    data = bytearray(data)
    name = member.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        name_length = struct.unpack_from("<H", data, pos + 26)[0]
        if data[pos + 30:pos + 30 + name_length] == name:
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        name_length = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_length] == name:
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    return bytes(data)


def set_encrypted_flag(data):
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = 0
        while True:
            pos = data.find(signature, pos)
            if pos < 0:
                break
            flags = struct.unpack_from("<H", data, pos + offset)[0]
            struct.pack_into("<H", data, pos + offset, flags | 1)
            pos += 4
    return bytes(data)


def main():
    # good files
    docx("features.docx", FEATURES_DOCX_BODY, FEATURES_DOCX_EXTRA)
    write("features.docx.expected", FEATURES_DOCX_EXPECTED)
    odt("features.odt", FEATURES_ODT_BODY)
    write("features.odt.expected", FEATURES_ODT_EXPECTED)
    write("features.rtf", FEATURES_RTF)
    write("features.rtf.expected", FEATURES_RTF_EXPECTED)
    write("features.html", FEATURES_HTML)
    write("features.html.expected", FEATURES_HTML_EXPECTED)
    write("windows-1252.htm", WINDOWS_1252_HTML)
    write("text.pdf", make_pdf(PDF_PAGES))
    write("text.pdf.expected", PDF_EXPECTED)

    with open(path("interview-ma07.txt"), encoding="utf-8") as f:
        ma07 = f.read()
    write("interview-ma07-utf16le-bom.txt", "\ufeff".encode("utf-16-le") + ma07.encode("utf-16-le"))
    write("interview-ma07-utf16be-bom.txt", "\ufeff".encode("utf-16-be") + ma07.encode("utf-16-be"))
    write("interview-ma07-utf16le.txt", ma07.encode("utf-16-le"))
    write("interview-ma07-utf16be.txt", ma07.encode("utf-16-be"))
    with open(path("mag-session-2-fr.txt"), "rb") as f:
        write("mag-session-2-fr.md", f.read())

    # bad files
    for extension in ("docx", "odt", "rtf", "pdf", "html", "txt"):
        write("empty." + extension, b"")
    with open(path("interview-ma07.docx"), "rb") as f:
        ma07_docx = f.read()
    write("truncated.docx", ma07_docx[:len(ma07_docx) // 2])

    docx("crc.docx", FEATURES_DOCX_BODY)
    with open(path("crc.docx"), "rb") as f:
        data = bytearray(f.read())
    local = data.find(b"PK\x03\x04", data.find(b"word/document.xml") - 30)
    start = local + 30 + struct.unpack_from("<H", data, local + 26)[0] + struct.unpack_from("<H", data, local + 28)[0]
    for i in range(start + 100, start + 110):
        data[i] ^= 0x55
    write("crc.docx", bytes(data))

    write("not-a-zip.odt", "Dit is gewone tekst met een verkeerde extensie.\n")
    with open(path("interview-ma07.odt"), "rb") as f:
        write("odt-as.docx", f.read())
    write("docx-as.odt", ma07_docx)
    write("legacy.docx", make_ole2(["WordDocument", "1Table"]))
    write("encrypted.docx", make_ole2(["EncryptionInfo", "EncryptedPackage"]))
    docx("encrypted-zip.docx", FEATURES_DOCX_BODY)
    with open(path("encrypted-zip.docx"), "rb") as f:
        write("encrypted-zip.docx", set_encrypted_flag(f.read()))
    odt("encrypted.odt", "", encrypted=True)
    write("encrypted.pdf", make_pdf(PDF_PAGES, user_password="geheim"))

    docx("dtd.docx", None, document=docx_document(
        p(r("&lol3;")),
        prolog='<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n'
               '<!ENTITY lol "lol">\n<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n'
               '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">\n]>\n'))
    docx("xxe.docx", None, document=docx_document(
        p(r("&xxe;")),
        prolog='<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document SYSTEM "http://example.invalid/word.dtd" [\n'
               '<!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n'))

    padding = " " * (20 * 1024 * 1024)
    docx("bomb.docx", None, document=docx_document(p(r("boem")) + padding))

    docx("huge.docx", FEATURES_DOCX_BODY)
    with open(path("huge.docx"), "rb") as f:
        write("huge.docx", patch_sizes(f.read(), "word/document.xml", 3 * 1024 * 1024 * 1024))

    write("no-text.pdf", make_pdf([[]], image_only=True))
    write("truncated.pdf", make_pdf(PDF_PAGES)[:700])
    write("not-a.pdf", "Geen PDF, alleen tekst.\n")
    write("deep.rtf", b"{\\rtf1\\ansi " + b"{" * 5000 + b"diep" + b"}" * 5000 + b"}")
    write("not-rtf.rtf", "Gewone tekst in een .rtf-bestand.\n")


if __name__ == "__main__":
    main()
