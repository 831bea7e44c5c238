<?xml version="1.0" encoding="UTF-8"?>
<!--
  The timeline page: the published events of the registers and every dated
  mention of the texts on one list in time order (by the earliest day each
  can mean, then the latest; an event before a date of the same days). The
  list is the page: it reads without JavaScript. assets/timeline.js draws
  from it an axis of years with the events as bars (periods) and marks (days),
  and a row of marks per text for its dates; zoomable and keyboard-usable.
  Each item carries its first and last day (data-start, data-end: real
  calendar days, "1929-02" ends on 1929-02-28) for the script and the tests.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tp:page[@name = 'timeline']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:timeline"/>
  </xsl:template>

  <xsl:template match="tp:edition" mode="tp:timeline">
    <xsl:variable name="events" select="tp:entries(., 'event')[tp:is-published(.)][exists(tp:date-start(.))]"/>
    <xsl:variable name="dates" select="tp:text//tei:text//(tei:date | tei:time)[exists(tp:date-start(.))]"/>
    <xsl:variable name="items" select="sort(($events, $dates), (), function ($d) {
      tp:date-start($d), tp:date-end($d), if ($d/self::tei:event) then 0 else 1 })"/>
    <h1>{tp:l10n('page-timeline')}</h1>
    <p class="register-intro">{tp:l10n('timeline-intro')}</p>
    <div class="timeline" data-l10n-zoom-in="{tp:l10n('timeline-zoom-in')}" data-l10n-zoom-out="{tp:l10n('timeline-zoom-out')}"
         data-l10n-reset="{tp:l10n('timeline-reset')}" data-l10n-chart="{tp:l10n('timeline-chart')}"
         data-l10n-keys="{tp:l10n('timeline-keys')}" data-l10n-view="{tp:l10n('timeline-view', ('{1}', '{2}'))}"
         data-l10n-events="{tp:l10n('page-events')}">
      <h2 id="timeline-list-heading" class="timeline-list-heading">{tp:l10n('timeline-list-heading')}</h2>
      <ol class="timeline-list" aria-labelledby="timeline-list-heading">
        <xsl:apply-templates select="$items" mode="tp:timeline"/>
      </ol>
      <link rel="stylesheet" href="{$page-assets-href}timeline.css"/>
      <script src="{$page-assets-href}timeline.js" defer=""></script>
    </div>
  </xsl:template>

  <!-- An event: its dates and its name, a link to its entry. -->
  <xsl:template match="tei:event" mode="tp:timeline">
    <li class="tl-item tl-event" data-kind="event" data-id="{@xml:id}" data-start="{tp:date-start(.)}"
        data-end="{tp:timeline-end(.)}" data-span="{if (tp:date-start(.) eq tp:timeline-end(.)) then 'point' else 'span'}">
      <a class="tl-link" href="{tp:event-href(.)}">
        <span class="tl-date"><xsl:apply-templates select="." mode="tp:event-date"/></span>
        <xsl:text> </xsl:text>
        <span class="tl-label">{tp:entry-name(.)}</span>
      </a>
      <xsl:text> </xsl:text>
      <span class="tl-kind">({tp:l10n('kind-event')})</span>
    </li>
  </xsl:template>

  <!-- A dated mention: its value in words, its words in the text, its text and a link to its paragraph. -->
  <xsl:template match="tei:date | tei:time" mode="tp:timeline">
    <xsl:variable name="text" select="tp:part(.)"/>
    <xsl:variable name="title" select="tp:text-title(tp:tei($text))"/>
    <li class="tl-item tl-date" data-kind="date" data-text="{$text/@id}" data-text-title="{$title}"
        data-start="{tp:date-start(.)}" data-end="{tp:timeline-end(.)}">
      <span class="tl-date">{tp:date-description(.)}</span>
      <xsl:text> </xsl:text>
      <span class="tl-words">
        <xsl:for-each select="tp:text-lang(tp:tei($text))">
          <xsl:attribute name="lang" select="tp:html-lang(.)"/>
        </xsl:for-each>
        <xsl:text>{tp:l10n('quote-open')}</xsl:text>
        <xsl:apply-templates mode="tp:apparatus"/>
        <xsl:text>{tp:l10n('quote-close')}</xsl:text>
      </span>
      <xsl:text> </xsl:text>
      <span class="tl-where"><cite>{$title}</cite>, <a class="tl-locus" href="{tp:file-href($text/@html)}#{tp:locus-id(.)}">{tp:locus-label(.)}</a></span>
    </li>
  </xsl:template>

  <!--
    The last calendar day a date element can mean (tp:date-end gives 31 for
    every month, which only orders): "1929-02" ends on 1929-02-28.
  -->
  <xsl:function name="tp:timeline-end" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="end" select="tp:date-end($date)"/>
    <xsl:sequence select="
      if (empty($end) or $end castable as xs:date) then $end
      else string(xs:date(substring($end, 1, 7) || '-01') + xs:yearMonthDuration('P1M') - xs:dayTimeDuration('P1D'))"/>
  </xsl:function>
</xsl:stylesheet>
