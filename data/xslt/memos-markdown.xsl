<?xml version="1.0" encoding="UTF-8"?>
<!--
  memos-markdown.xsl: the memo report as Markdown

  SPDX-License-Identifier: GPL-3.0-or-later

  "#" per type, "##" per memo (its level in parentheses), its text, then
  its evidence: short quotes inline between quotation marks, long ones as
  "> " block quotes, each followed by its citation.  Text is escaped as in
  the quote lists (the escape template of quotes-markdown.xsl).
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:m="urn:codeboom:memos:1"
                xmlns:q="urn:codeboom:quotes:1">

  <xsl:import href="quotes-markdown.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/m:memos">
    <xsl:apply-templates select="m:type"/>
  </xsl:template>

  <xsl:template match="m:type">
    <xsl:text># </xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="@label"/>
    </xsl:call-template>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:apply-templates select="m:memo"/>
  </xsl:template>

  <xsl:template match="m:memo">
    <xsl:text>## </xsl:text>
    <xsl:call-template name="escape">
      <xsl:with-param name="text" select="@title"/>
    </xsl:call-template>
    <xsl:if test="@level-label">
      <xsl:text> (</xsl:text>
      <xsl:call-template name="escape">
        <xsl:with-param name="text" select="@level-label"/>
      </xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>&#10;&#10;</xsl:text>
    <xsl:if test="string(m:text) != ''">
      <xsl:call-template name="escape">
        <xsl:with-param name="text" select="m:text"/>
      </xsl:call-template>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:if>
    <xsl:for-each select="q:quote">
      <xsl:variable name="text">
        <xsl:call-template name="escape">
          <xsl:with-param name="text" select="q:text"/>
        </xsl:call-template>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="@block = 'true'">
          <xsl:text>&gt; </xsl:text>
          <xsl:call-template name="replace">
            <xsl:with-param name="text" select="$text"/>
            <xsl:with-param name="from" select="'&#10;'"/>
            <xsl:with-param name="to" select="'&#10;&gt; '"/>
          </xsl:call-template>
          <xsl:if test="string(@citation) != ''">
            <xsl:text>&#10;&gt;&#10;&gt; </xsl:text>
            <xsl:call-template name="escape">
              <xsl:with-param name="text" select="@citation"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise>
          <xsl:if test="not(starts-with(q:text, '“'))">“</xsl:if>
          <xsl:value-of select="translate($text, '&#10;', ' ')"/>
          <xsl:if test="not(starts-with(q:text, '“'))">”</xsl:if>
          <xsl:if test="string(@citation) != ''">
            <xsl:text> </xsl:text>
            <xsl:call-template name="escape">
              <xsl:with-param name="text" select="@citation"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
