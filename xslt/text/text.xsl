<?xml version="1.0" encoding="UTF-8"?>
<!--
  Plain-text export of a TEI text (front, body, back), in the reading or the
  diplomatic view. Blocks end with a newline; inline elements add nothing, so
  the characters of the source come out exactly as encoded.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/views.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- Which view to export: 'reading' or 'diplomatic'. -->
  <xsl:param name="view" as="xs:string" select="'reading'"/>

  <!-- Elements that end a block of text in the export. -->
  <xsl:variable name="blocks" as="xs:string+" select="('p', 'ab', 'head', 'titlePart', 'docTitle',
    'byline', 'docAuthor', 'docDate', 'docImprint', 'item', 'l', 'lg', 'sp', 'speaker', 'stage',
    'opener', 'closer', 'dateline', 'salute', 'signed', 'figure', 'div', 'quote', 'bibl', 'label',
    'trailer', 'epigraph', 'argument', 'list', 'table', 'row', 'cell', 'postscript')"/>

  <xsl:template match="/">
    <xsl:apply-templates select="(tei:TEI/tei:text, //tei:text)[1]"/>
  </xsl:template>

  <xsl:template match="*[local-name() = $blocks]">
    <xsl:apply-templates/>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="text()">
    <xsl:value-of select="."/>
  </xsl:template>

  <xsl:template match="tei:lb">
    <xsl:if test="not(@break = 'no')"><xsl:text>&#10;</xsl:text></xsl:if>
  </xsl:template>

  <xsl:template match="tei:choice">
    <xsl:apply-templates select="tp:choice-branch(., $view)"/>
  </xsl:template>

  <xsl:template match="tei:app">
    <xsl:apply-templates select="if ($view eq 'diplomatic') then tp:diplomatic-reading(.) else tp:reading-reading(.)"/>
  </xsl:template>

  <xsl:template match="tei:note">
    <xsl:if test="not(tp:is-editorial-note(.))">
      <xsl:apply-templates/>
    </xsl:if>
  </xsl:template>

  <!-- The editors' reference to a quotation's source (html/core.xsl): no words of the text, in neither view. -->
  <xsl:template match="tei:cit/tei:bibl[@resp]" priority="1"/>

  <xsl:template match="tei:supplied">
    <xsl:if test="$view ne 'diplomatic'"><xsl:apply-templates/></xsl:if>
  </xsl:template>

  <!-- A member of a pair without a choice (views.xsl): its text in the views that read its side only. -->
  <xsl:template match="(tei:sic | tei:corr | tei:orig | tei:reg | tei:abbr | tei:expan | tei:am | tei:ex)
                       [exists(tp:sibling-pair(.))]" priority="1">
    <xsl:if test="tp:pair-member-shown(., $view)">
      <xsl:apply-templates/>
    </xsl:if>
  </xsl:template>

  <!-- The branch of an app or choice the view follows, and the same elements met on their own: their text. -->
  <xsl:template match="tei:sic">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:corr">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:orig">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:reg">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:abbr">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:expan">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:lem">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:rdg">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:add">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:del">
    <xsl:if test="$view eq 'diplomatic'"><xsl:apply-templates/></xsl:if>
  </xsl:template>

  <xsl:template match="tei:gap">
    <xsl:if test="$view ne 'diplomatic'"><xsl:text>[…]</xsl:text></xsl:if>
  </xsl:template>

  <!-- Text the source does not carry: descriptions of images, witness details. -->
  <xsl:template match="tei:figDesc | tei:witDetail | tei:graphic"/>
</xsl:stylesheet>
