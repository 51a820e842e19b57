<?xml version="1.0" encoding="UTF-8"?>
<!--
  memos-odt.xsl: the memo report as the content of an .odt (content.xml)

  SPDX-License-Identifier: GPL-3.0-or-later

  A level-1 heading per type, a level-2 heading per memo (its level beside
  the title), its text, then its evidence: short quotes inline between
  quotation marks, long ones in the BlockQuote style, each followed by its
  citation.  Line breaks become text:line-break (the lines template of
  quotes-odt.xsl).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:m="urn:codeboom:memos:1"
                xmlns:q="urn:codeboom:quotes:1"
                xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
                xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
                xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
                exclude-result-prefixes="m q">

  <xsl:import href="quotes-odt.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/m:memos">
    <office:document-content office:version="1.2">
      <office:automatic-styles>
        <style:style style:name="Level" style:family="text">
          <style:text-properties fo:font-style="italic"/>
        </style:style>
        <style:style style:name="BlockQuote" style:family="paragraph">
          <style:paragraph-properties fo:margin-left="1cm" fo:margin-right="1cm"
                                      fo:margin-top="0.2cm" fo:margin-bottom="0.2cm"/>
        </style:style>
      </office:automatic-styles>
      <office:body>
        <office:text>
          <xsl:apply-templates select="m:type"/>
        </office:text>
      </office:body>
    </office:document-content>
  </xsl:template>

  <xsl:template match="m:type">
    <text:h text:outline-level="1"><xsl:value-of select="@label"/></text:h>
    <xsl:apply-templates select="m:memo"/>
  </xsl:template>

  <xsl:template match="m:memo">
    <text:h text:outline-level="2">
      <xsl:value-of select="@title"/>
      <xsl:if test="@level-label">
        <xsl:text> </xsl:text>
        <text:span text:style-name="Level">(<xsl:value-of select="@level-label"/>)</text:span>
      </xsl:if>
    </text:h>
    <xsl:if test="string(m:text) != ''">
      <text:p>
        <xsl:call-template name="lines">
          <xsl:with-param name="text" select="m:text"/>
        </xsl:call-template>
      </text:p>
    </xsl:if>
    <xsl:for-each select="q:quote">
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <text:p text:style-name="BlockQuote">
            <xsl:call-template name="lines">
              <xsl:with-param name="text" select="q:text"/>
            </xsl:call-template>
            <xsl:if test="string(@citation) != ''">
              <xsl:text> </xsl:text>
              <xsl:value-of select="@citation"/>
            </xsl:if>
          </text:p>
        </xsl:when>
        <xsl:otherwise>
          <text:p>
            <xsl:call-template name="lines">
              <xsl:with-param name="text"><xsl:call-template name="inline-text"/></xsl:with-param>
            </xsl:call-template>
            <xsl:if test="string(@citation) != ''">
              <xsl:text> </xsl:text>
              <xsl:value-of select="@citation"/>
            </xsl:if>
          </text:p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
