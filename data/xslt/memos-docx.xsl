<?xml version="1.0" encoding="UTF-8"?>
<!--
  memos-docx.xsl: the memo report as the main part of a .docx (word/document.xml)

  SPDX-License-Identifier: GPL-3.0-or-later

  Heading1 per type, Heading2 per memo (its level beside the title), its
  text, then its evidence: short quotes inline between quotation marks,
  long ones in the Quote style, each followed by its citation.  The styles
  and the package are the quote lists' (cb-quote-formats.c); line breaks
  become w:br (the runs template of quotes-docx.xsl).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:m="urn:codeboom:memos:1"
                xmlns:q="urn:codeboom:quotes:1"
                xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
                exclude-result-prefixes="m q">

  <xsl:import href="quotes-docx.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" standalone="yes" indent="no"/>

  <xsl:template match="/m:memos">
    <w:document>
      <w:body>
        <xsl:apply-templates select="m:type"/>
        <w:sectPr>
          <w:pgSz w:w="11906" w:h="16838"/>
          <w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417"
                   w:header="708" w:footer="708" w:gutter="0"/>
        </w:sectPr>
      </w:body>
    </w:document>
  </xsl:template>

  <xsl:template match="m:type">
    <w:p>
      <w:pPr><w:pStyle w:val="Heading1"/></w:pPr>
      <w:r><w:t xml:space="preserve"><xsl:value-of select="@label"/></w:t></w:r>
    </w:p>
    <xsl:apply-templates select="m:memo"/>
  </xsl:template>

  <xsl:template match="m:memo">
    <w:p>
      <w:pPr><w:pStyle w:val="Heading2"/></w:pPr>
      <w:r><w:t xml:space="preserve"><xsl:value-of select="@title"/></w:t></w:r>
      <xsl:if test="@level-label">
        <w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve"> (<xsl:value-of select="@level-label"/>)</w:t></w:r>
      </xsl:if>
    </w:p>
    <xsl:if test="string(m:text) != ''">
      <w:p>
        <xsl:call-template name="runs">
          <xsl:with-param name="text" select="m:text"/>
        </xsl:call-template>
      </w:p>
    </xsl:if>
    <xsl:for-each select="q:quote">
      <w:p>
        <xsl:choose>
          <xsl:when test="@block = 'true'">
            <w:pPr><w:pStyle w:val="Quote"/></w:pPr>
            <xsl:call-template name="runs">
              <xsl:with-param name="text" select="q:text"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="runs">
              <xsl:with-param name="text"><xsl:call-template name="inline-text"/></xsl:with-param>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="string(@citation) != ''">
          <w:r><w:t xml:space="preserve"> <xsl:value-of select="@citation"/></w:t></w:r>
        </xsl:if>
      </w:p>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
