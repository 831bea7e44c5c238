<?xml version="1.0" encoding="UTF-8"?>
<!--
  The frame of the print document: print.css instead of the site stylesheet,
  no skip link or site navigation, a colophon with the build date at the end;
  the text without Apparatus and Notes sections (their entries are footnotes).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Href of the print stylesheet, relative to the base URL WeasyPrint is given (the xslt/print/ folder). -->
  <xsl:param name="print-stylesheet-href" as="xs:string" select="'print.css'"/>

  <!-- Minimum lines of a paragraph left at the foot of a page (CSS orphans of the reading text). -->
  <xsl:param name="print-orphans" as="xs:integer" select="2"/>

  <!-- Minimum lines of a paragraph carried to the top of a page (CSS widows of the reading text). -->
  <xsl:param name="print-widows" as="xs:integer" select="2"/>

  <!--
    The print stylesheet, the orphans and widows of the reading text (see
    print.css on why a caller may want to retry with other values), and the
    PDF's metadata (WeasyPrint reads author, generator, dcterms.created).
  -->
  <xsl:template name="tp:page-head">
    <link rel="stylesheet" href="{$print-stylesheet-href}"/>
    <style>.reading-text {{ orphans: {$print-orphans}; widows: {$print-widows}; }}</style>
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()]"/>
    <xsl:if test="exists($authors)">
      <meta name="author" content="{string-join($authors ! normalize-space(tp:name-string((tei:persName | tei:name | tei:orgName, .)[1])), '; ')}"/>
    </xsl:if>
    <meta name="generator" content="teipress"/>
    <xsl:variable name="date" select="string(tp:edition(.)/@build-date)"/>
    <xsl:if test="tp:is-html-date($date)">
      <meta name="dcterms.created" content="{$date}"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tp:page-body">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <main id="main">
      <xsl:sequence select="$content"/>
    </main>
    <xsl:call-template name="tp:site-footer"/>
  </xsl:template>

  <xsl:template match="tp:text" mode="tp:text-content">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <article class="edition-text print" id="text-{@id}">
      <xsl:apply-templates select="." mode="tp:header"/>
      <xsl:call-template name="tp:reading-text">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
    </article>
  </xsl:template>
</xsl:stylesheet>
