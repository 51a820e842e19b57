<?xml version="1.0" encoding="UTF-8"?>
<!--
  memos-html.xsl: the memo report as one HTML page

  SPDX-License-Identifier: GPL-3.0-or-later

  Input: the memo report XML (urn:codeboom:memos:1, cb_memo_report_xml())
  with each evidence q:quote given @block and @citation by Codeboom.
  A heading per type in the report's order, a heading per memo (its level
  beside the title), its text, then its evidence as the quote lists show
  quotes: short ones inline, long ones as block quotes, each cited.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:m="urn:codeboom:memos:1"
                xmlns:q="urn:codeboom:quotes:1"
                exclude-result-prefixes="m q">

  <xsl:import href="quotes-common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
              doctype-system="about:legacy-compat"/>

  <xsl:template match="/m:memos">
    <html>
      <head>
        <meta charset="UTF-8"/>
        <title><xsl:value-of select="@project"/></title>
        <style>
          body { font-family: serif; max-width: 40em; margin: 2em auto; line-height: 1.5; }
          .memo, .quote, blockquote p { white-space: pre-wrap; }
          .level { font-weight: normal; font-style: italic; }
          blockquote { margin: 1em 2em; }
          .citation { white-space: nowrap; }
        </style>
      </head>
      <body>
        <xsl:apply-templates select="m:type"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="m:type">
    <h1><xsl:value-of select="@label"/></h1>
    <xsl:apply-templates select="m:memo"/>
  </xsl:template>

  <xsl:template match="m:memo">
    <h2>
      <xsl:value-of select="@title"/>
      <xsl:if test="@level-label">
        <xsl:text> </xsl:text>
        <span class="level">(<xsl:value-of select="@level-label"/>)</span>
      </xsl:if>
    </h2>
    <xsl:if test="string(m:text) != ''">
      <p class="memo"><xsl:value-of select="m:text"/></p>
    </xsl:if>
    <xsl:for-each select="q:quote">
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <blockquote>
            <p><xsl:value-of select="q:text"/></p>
            <xsl:if test="string(@citation) != ''">
              <footer class="citation"><xsl:value-of select="@citation"/></footer>
            </xsl:if>
          </blockquote>
        </xsl:when>
        <xsl:otherwise>
          <p class="quote">
            <xsl:call-template name="inline-text"/>
            <xsl:if test="string(@citation) != ''">
              <xsl:text> </xsl:text>
              <span class="citation"><xsl:value-of select="@citation"/></span>
            </xsl:if>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
