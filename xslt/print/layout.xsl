<?xml version="1.0" encoding="UTF-8"?>
<!--
  The frame of the print document: print.css instead of the site stylesheet,
  no skip link or site navigation, a colophon with the build date at the end;
  the text without Apparatus and Notes sections (their entries are footnotes,
  or endnotes after the text). The reading text is the element whose lines
  are numbered (class "line-numbered", see teipress.linenumbers): front,
  body and back, as every part of the text may carry apparatus entries;
  headings and figures are not counted.
  With print-volume = true() the document is the whole edition (volume.xsl).
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

  <!-- The document is the whole edition (title page, contents, every text, index) instead of the text text-id. -->
  <xsl:param name="print-volume" as="xs:boolean" select="false()"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$print-volume">
        <xsl:apply-templates select="tp:edition" mode="tp:volume"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:next-match/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    The print stylesheet, the orphans and widows of the reading text (see
    print.css on why a caller may want to retry with other values), and the
    PDF's metadata: WeasyPrint reads title, author, description (the PDF's
    subject), keywords, generator and dcterms.created; html/@lang is the PDF's language.
  -->
  <xsl:template name="tp:page-head">
    <link rel="stylesheet" href="{$print-stylesheet-href}"/>
    <style>.reading-text {{ orphans: {$print-orphans}; widows: {$print-widows}; }}</style>
    <xsl:variable name="teis" select="if ($print-volume) then tp:edition(.)/tp:text ! tp:tei(.) else tp:tei(.)"/>
    <xsl:variable name="authors" select="distinct-values($teis ! tp:text-authors(.)[normalize-space()]
      ! normalize-space(tp:name-string((tei:persName | tei:name | tei:orgName, .)[1])))"/>
    <xsl:if test="exists($authors)">
      <meta name="author" content="{string-join($authors, '; ')}"/>
    </xsl:if>
    <meta name="description" content="{string-join($teis ! tp:print-subject(.), ' ')}"/>
    <meta name="keywords" content="{string-join(('TEI', 'critical edition', tp:edition(.)/@title), ', ')}"/>
    <meta name="generator" content="teipress"/>
    <xsl:variable name="date" select="string(tp:edition(.)/@build-date)"/>
    <xsl:if test="tp:is-html-date($date)">
      <meta name="dcterms.created" content="{$date}"/>
    </xsl:if>
  </xsl:template>

  <!-- The subject of a text in the PDF's metadata: "Title, by Author. Source: citation." -->
  <xsl:function name="tp:print-subject" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()] ! normalize-space(.)"/>
    <xsl:variable name="source" as="xs:string*">
      <xsl:for-each select="tp:text-sources($tei)[1]">
        <xsl:variable name="citation" as="node()*">
          <xsl:apply-templates select="." mode="tp:header"/>
        </xsl:variable>
        <xsl:sequence select="normalize-space(string-join($citation[not(self::*[@class = 'citation-note'])] ! string(.), ''))"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:sequence select="normalize-space(string-join((tp:text-title($tei)
      || (if (exists($authors)) then ', ' || tp:l10n('text-by', string-join($authors, '; ')) else '') || '.',
      $source ! (tp:l10n('print-sources') || ': ' || .)), ' '))"/>
  </xsl:function>

  <xsl:template name="tp:page-body">
    <xsl:param name="current" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <main id="main">
      <xsl:sequence select="$content"/>
    </main>
    <xsl:call-template name="tp:site-footer"/>
  </xsl:template>

  <!-- In print the site's footer links (About, How to cite …) would be relative links to pages
       a reader of the PDF does not have: the colophon gives the web edition's address instead,
       when the edition has one. -->
  <xsl:template name="tp:paratext-footer-links">
    <xsl:variable name="url" select="string(tp:edition(.)/@url)"/>
    <xsl:if test="$url ne ''">
      <p class="web-edition">{tp:l10n('format-html')}: <a href="{$url}">{$url}</a></p>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tp:text" mode="tp:text-content">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <article class="edition-text print" id="text-{@id}">
      <xsl:apply-templates select="." mode="tp:header"/>
      <xsl:call-template name="tp:reading-text">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <xsl:call-template name="tp:print-endnotes">
        <xsl:with-param name="tei" select="$tei"/>
      </xsl:call-template>
      <!-- Its page images, when teipress.toml asks for plates (plates.xsl). -->
      <xsl:call-template name="tp:print-plates">
        <xsl:with-param name="text" select="."/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <!-- The reading text, its lines numbered: front, body, back in the text's language. -->
  <xsl:template name="tp:reading-text">
    <xsl:param name="tei" as="element()"/>
    <section class="reading-text line-numbered" id="{tp:id-prefix($tei)}reading-text">
      <xsl:for-each select="tp:text-lang($tei)">
        <xsl:attribute name="lang" select="."/>
      </xsl:for-each>
      <xsl:apply-templates select="$tei/tei:text">
        <xsl:with-param name="tp:ids" select="true()" tunnel="yes"/>
      </xsl:apply-templates>
    </section>
  </xsl:template>
</xsl:stylesheet>
