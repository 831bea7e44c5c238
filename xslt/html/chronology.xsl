<?xml version="1.0" encoding="UTF-8"?>
<!--
  The chronology page: every dated mention of the texts (date with a
  machine-readable value) on one list, ordered by the earliest day it can
  mean, then by the latest (a day before the month or year that starts with it,
  a range at its start), each with its words, its value in words and a link to
  its paragraph. The order comes from tp:date-start and tp:date-end
  (common/namesdates.xsl), so tests can check it against the data attributes.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tp:edition" mode="tp:chronology">
    <xsl:variable name="dates" select="tp:text//tei:text//(tei:date | tei:time)[exists(tp:date-start(.))]"/>
    <h1>{tp:l10n('page-chronology')}</h1>
    <p class="register-intro">{tp:l10n('chronology-intro')}</p>
    <!-- One section per year (of the earliest day), for reading and for the table of contents. -->
    <xsl:variable name="sorted" select="sort($dates, (), function ($d) { tp:date-start($d), tp:date-end($d) })"/>
    <xsl:for-each-group select="$sorted" group-adjacent="substring(tp:date-start(.), 1, 4)">
      <section class="chrono-year" aria-labelledby="year-{current-grouping-key()}">
        <h2 id="year-{current-grouping-key()}">{current-grouping-key()}</h2>
        <ol class="chronology">
          <xsl:apply-templates select="current-group()" mode="tp:chronology"/>
        </ol>
      </section>
    </xsl:for-each-group>
  </xsl:template>

  <!-- One dated mention: its value in words, its words in the text, where it stands. -->
  <xsl:template match="*" mode="tp:chronology">
    <xsl:variable name="text" select="tp:part(.)"/>
    <xsl:variable name="title" select="tp:text-title(tp:tei($text))"/>
    <li class="chrono-item" data-start="{tp:date-start(.)}" data-end="{tp:date-end(.)}" data-text="{$text/@id}">
      <span class="chrono-date">
        <xsl:variable name="value" select="tp:date-value(.)"/>
        <xsl:element name="{if (tp:is-html-date($value)) then 'time' else 'span'}">
          <xsl:if test="tp:is-html-date($value)">
            <xsl:attribute name="datetime" select="$value"/>
          </xsl:if>
          <xsl:text>{tp:date-description(.)}</xsl:text>
        </xsl:element>
      </span>
      <span class="chrono-what">
        <span class="chrono-words">
          <xsl:for-each select="tp:text-lang(tp:tei($text))">
            <xsl:attribute name="lang" select="tp:html-lang(.)"/>
          </xsl:for-each>
          <xsl:text>{tp:l10n('quote-open')}</xsl:text>
          <xsl:apply-templates mode="tp:apparatus"/>
          <xsl:text>{tp:l10n('quote-close')}</xsl:text>
        </span>
        <xsl:text> </xsl:text>
        <span class="chrono-where"><cite>{$title}</cite>, <a href="{tp:file-href($text/@html)}#{tp:locus-id(.)}">{tp:locus-label(.)}</a></span>
      </span>
    </li>
  </xsl:template>
</xsl:stylesheet>
