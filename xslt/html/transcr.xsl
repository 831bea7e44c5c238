<?xml version="1.0" encoding="UTF-8"?>
<!--
  Transcription of primary sources in HTML: additions and deletions (ins,
  del), unclear and damaged text, omissions (gap: […]), spaces, and the rest of
  the chapter's phrase elements as classed spans.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tei:add">
    <ins>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-add', @place ! ('place-' || replace(., '\W+', '-'))"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template match="tei:del">
    <del>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-del'"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </del>
  </xsl:template>

  <xsl:template match="tei:unclear | tei:damage">
    <span title="{tp:l10n('unclear-title')}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- An omission: […], its reason and extent as title; a description (desc) shown after it. -->
  <xsl:template match="tei:gap">
    <span class="tei-gap" title="{string-join((tp:l10n('gap-title'), @reason, @extent, @quantity ! (. || ' ' || ../@unit)), ', ')}">{tp:l10n('gap-text')}</span>
    <xsl:for-each select="node()[normalize-space() or self::*]">
      <xsl:text> </xsl:text>
      <span class="gap-desc"><xsl:apply-templates select="."/></span>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tei:space">
    <span class="tei-space">
      <xsl:text> </xsl:text>
    </span>
  </xsl:template>

  <xsl:template match="tei:subst | tei:mod | tei:restore | tei:retrace | tei:surplus | tei:secl | tei:ex | tei:am
                       | tei:handShift | tei:metamark | tei:fw | tei:catchword">
    <xsl:element name="{if (tp:is-block(.) or tp:contains-blocks(.)) then 'div' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>
</xsl:stylesheet>
