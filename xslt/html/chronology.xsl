<?xml version="1.0" encoding="UTF-8"?>
<!--
  The chronology: an overview page (chronology.html) of its periods (years, or
  decades for a long span: the build decides, teipress.entity_units) and a page
  per period (chronology/1940.html, chronology/1930-1939.html: tp:period-file)
  listing every dated mention of the texts (date with a machine-readable value)
  whose first day falls in it, each once, ordered by the earliest day it can
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

  <!-- The dated mentions of the texts (a date or time with a value tp:date-start reads). -->
  <xsl:function name="tp:dated" as="element()*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="$edition/tp:text//tei:text//(tei:date | tei:time)[exists(tp:date-start(.))]"/>
  </xsl:function>

  <!--
    The periods of the chronology, in time order: as the build decided them (teipress.entity_units:
    tp:edition/@chronology-periods, years "1929 1940" or decades "1920-1929 1930-1939"), else the
    years of the dates.
  -->
  <xsl:function name="tp:chronology-periods" as="xs:string*" cache="yes">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="if ($edition/@chronology-periods) then tokenize(normalize-space($edition/@chronology-periods))
      else sort(distinct-values(tp:dated($edition) ! substring(tp:date-start(.), 1, 4)))"/>
  </xsl:function>

  <!-- True when the date $date falls in $period ("1940" or "1930-1939"): the year of its first day. -->
  <xsl:function name="tp:in-period" as="xs:boolean">
    <xsl:param name="date" as="element()"/>
    <xsl:param name="period" as="xs:string"/>
    <xsl:variable name="year" select="substring(tp:date-start($date), 1, 4)"/>
    <xsl:sequence select="if (contains($period, '-')) then $year ge substring-before($period, '-') and $year le substring-after($period, '-')
      else $year eq $period"/>
  </xsl:function>

  <!-- The page of a period of the chronology, from the site's root: "chronology/1940.html". -->
  <xsl:function name="tp:period-file" as="xs:string">
    <xsl:param name="period" as="xs:string"/>
    <xsl:sequence select="tp:page-href('chronology') => replace('\.html$', '') || '/' || $period || '.html'"/>
  </xsl:function>

  <!-- A period as a reader reads it: "1940", "1930–1939". -->
  <xsl:function name="tp:period-label" as="xs:string">
    <xsl:param name="period" as="xs:string"/>
    <xsl:sequence select="replace($period, '-', '–')"/>
  </xsl:function>

  <!-- The chronology's overview: its periods, each with the number of its dates. -->
  <xsl:template match="tp:edition" mode="tp:chronology">
    <xsl:variable name="dates" select="tp:dated(.)"/>
    <h1>{tp:l10n('page-chronology')}</h1>
    <p class="register-intro">{tp:l10n('chronology-overview-intro')}</p>
    <nav class="chrono-periods" aria-labelledby="chrono-periods-heading">
      <h2 id="chrono-periods-heading">{tp:l10n('chronology-periods-heading')}</h2>
      <ul>
        <xsl:for-each select="tp:chronology-periods(.)">
          <xsl:variable name="period" select="."/>
          <li><a href="{tp:file-href(tp:period-file(.))}">{tp:period-label(.)}</a>
            <xsl:text> </xsl:text>
            <xsl:variable name="count" select="count($dates[tp:in-period(., $period)])"/>
            <span class="chrono-count">({if ($count eq 1) then tp:l10n('chronology-date-count-one') else tp:l10n('chronology-date-count', $count)})</span></li>
        </xsl:for-each>
      </ul>
    </nav>
  </xsl:template>

  <!-- The page of a period: its dated mentions in time order, a section per year. -->
  <xsl:template match="tp:edition" mode="tp:chronology-period">
    <xsl:param name="period" as="xs:string"/>
    <xsl:variable name="all" select="tp:chronology-periods(.)"/>
    <xsl:variable name="at" select="index-of($all, $period)[1]"/>
    <xsl:variable name="dates" select="tp:dated(.)[tp:in-period(., $period)]"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="tp:l10n('chronology-period-title', tp:period-label($period))"/>
      <xsl:with-param name="current" select="string(tp:page('chronology')/@name)"/>
      <xsl:with-param name="page-class" select="'chronology-page chronology-period-page'"/>
      <xsl:with-param name="content" as="node()*">
        <div class="chronology-period">
          <p class="entity-register"><a href="{tp:page-href('chronology')}">{tp:l10n('page-chronology')}</a></p>
          <h1>{tp:l10n('chronology-period-title', tp:period-label($period))}</h1>
          <nav class="pager" aria-label="{tp:l10n('chronology-periods-heading')}">
            <ul>
              <xsl:for-each select="$all[$at - 1]">
                <li><a rel="prev" href="{tp:file-href(tp:period-file(.))}">{tp:l10n('pager-previous')}: {tp:period-label(.)}</a></li>
              </xsl:for-each>
              <xsl:for-each select="$all[$at + 1]">
                <li><a rel="next" href="{tp:file-href(tp:period-file(.))}">{tp:l10n('pager-next')}: {tp:period-label(.)}</a></li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:variable name="sorted" select="sort($dates, (), function ($d) { tp:date-start($d), tp:date-end($d) })"/>
          <xsl:for-each-group select="$sorted" group-adjacent="substring(tp:date-start(.), 1, 4)">
            <section class="chrono-year" aria-labelledby="year-{current-grouping-key()}">
              <h2 id="year-{current-grouping-key()}">{current-grouping-key()}</h2>
              <ol class="chronology">
                <xsl:apply-templates select="current-group()" mode="tp:chronology"/>
              </ol>
            </section>
          </xsl:for-each-group>
        </div>
      </xsl:with-param>
    </xsl:call-template>
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
