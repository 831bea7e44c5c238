<?xml version="1.0" encoding="UTF-8"?>
<!--
  The title block of the print document: the edition's title, then the HTML
  header block (title; author; facts; its id made unique per text)
  without the links to other formats and with the first paragraph of the
  encoding note only.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tp:text" mode="tp:header">
    <xsl:variable name="header" as="element()">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:variable name="authors" select="tp:text-authors($tei)[normalize-space()]"/>
    <!-- The running heads (print.css: string-set) read the title and author from these attributes,
         set here, on a box that is not split over pages, so that "first-except" leaves only the opening page bare. -->
    <header id="{@id}-header" data-running-title="{tp:text-title($tei)}"
      data-running-author="{string-join($authors ! normalize-space(tp:name-string((tei:persName | tei:name | tei:orgName, .)[1])), '; ')}">
      <xsl:copy-of select="$header/@* except $header/@id"/>
      <p class="edition-title">{tp:edition(.)/@title}</p>
      <xsl:copy-of select="$header/node()"/>
    </header>
  </xsl:template>

  <xsl:template name="tp:text-formats">
    <xsl:param name="reading-links" as="xs:boolean" select="false()"/>
  </xsl:template>

  <!-- In print the facts stand open, and there is nothing to copy a citation from; the abstract and
       keywords are for the web page and the EPUB (in print they would move every page break of the text). -->
  <xsl:template name="tp:about-text">
    <xsl:param name="tei" as="element()"/>
    <xsl:call-template name="tp:text-meta">
      <xsl:with-param name="tei" select="$tei"/>
      <xsl:with-param name="summary" select="false()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The encoding note in print: its first paragraph only. -->
  <xsl:template name="tp:encoding-note">
    <xsl:param name="decl" as="element()+"/>
    <xsl:apply-templates select="$decl/*[1]"/>
  </xsl:template>
</xsl:stylesheet>
