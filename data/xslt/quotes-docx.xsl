<?xml version="1.0" encoding="UTF-8"?>
<!--
  quotes-docx.xsl: a quote list as word/document.xml of a .docx

  SPDX-License-Identifier: GPL-3.0-or-later

  Codeboom zips the result with [Content_Types].xml, _rels/.rels and
  word/styles.xml (styles Normal, Heading1 to Heading6, Definition and
  Quote).  Codes in tree order as headings with their definition,
  then each quote: short ones inline between typographic quotation marks
  (none added to a text that starts with one),
  long ones (@block) in the Quote style, each followed by its citation.
  Line breaks in a quote become w:br.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:q="urn:codeboom:quotes:1"
                xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                exclude-result-prefixes="q">

  <xsl:import href="quotes-common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" standalone="yes" indent="no"/>

  <xsl:template match="/q:quotes">
    <w:document>
      <w:body>
        <xsl:apply-templates select="q:codes/q:code"/>
        <w:sectPr>
          <w:pgSz w:w="11906" w:h="16838"/>
          <w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"
                   w:header="708" w:footer="708" w:gutter="0"/>
        </w:sectPr>
      </w:body>
    </w:document>
  </xsl:template>

  <!-- Runs of $text, a w:br for each line break. -->
  <xsl:template name="runs">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;')">
        <w:r><w:t xml:space="preserve"><xsl:value-of select="substring-before($text, '&#10;')"/></w:t></w:r>
        <w:r><w:br/></w:r>
        <xsl:call-template name="runs">
          <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <w:r><w:t xml:space="preserve"><xsl:value-of select="$text"/></w:t></w:r>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="q:code">
    <xsl:variable name="uuid" select="@uuid"/>
    <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
    <w:p>
      <w:pPr><w:pStyle w:val="Heading{$level}"/></w:pPr>
      <w:r><w:t xml:space="preserve"><xsl:value-of select="@name"/></w:t></w:r>
    </w:p>
    <xsl:if test="q:definition">
      <w:p>
        <w:pPr><w:pStyle w:val="Definition"/></w:pPr>
        <xsl:call-template name="runs">
          <xsl:with-param name="text" select="q:definition"/>
        </xsl:call-template>
      </w:p>
    </xsl:if>
    <xsl:apply-templates select="q:memo"/>
    <xsl:for-each select="key('quotes-by-code', $uuid)">
      <xsl:variable name="citation" select="q:code-ref[@code = $uuid]/@citation"/>
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <w:p>
            <w:pPr><w:pStyle w:val="Quote"/></w:pPr>
            <xsl:call-template name="runs">
              <xsl:with-param name="text" select="q:text"/>
            </xsl:call-template>
            <xsl:if test="string($citation) != ''">
              <w:r><w:t xml:space="preserve"> <xsl:value-of select="$citation"/></w:t></w:r>
            </xsl:if>
          </w:p>
        </xsl:when>
        <xsl:otherwise>
          <w:p>
            <xsl:call-template name="runs">
              <xsl:with-param name="text"><xsl:call-template name="inline-text"/></xsl:with-param>
            </xsl:call-template>
            <xsl:if test="string($citation) != ''">
              <w:r><w:t xml:space="preserve"> <xsl:value-of select="$citation"/></w:t></w:r>
            </xsl:if>
          </w:p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="q:code-ref[@code = $uuid]/q:memo"/>
    </xsl:for-each>
  </xsl:template>

  <!-- A code's or a coding's memo (export with memos), indented, its label bold. -->
  <xsl:template match="q:memo">
    <w:p>
      <w:pPr><w:ind w:left="360"/></w:pPr>
      <w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"><xsl:value-of select="@label"/>: </w:t></w:r>
      <xsl:call-template name="runs">
        <xsl:with-param name="text" select="."/>
      </xsl:call-template>
    </w:p>
  </xsl:template>

</xsl:stylesheet>
