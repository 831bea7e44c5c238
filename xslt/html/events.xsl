<?xml version="1.0" encoding="UTF-8"?>
<!--
  Events in HTML (the entries of a listEvent in the registers).
  - tp:event-href: the one place that says where an event entry is shown
    (its register entry today; its own page when the edition has them). The
    cards, the event sections and the timeline link through it.
  - An event's section (mode tp:entity-sections): when, where, who took part,
    its description and the texts that tell it. A per-entity page applies the
    mode to each entry after its card; the events register page puts it into
    each entry after the name (there without "told in": the entry's mentions
    follow).
  - An event's card (mode tp:card): its name, its dates and its description.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The href of an event entry from any page of the site (all pages sit at the site root). -->
  <xsl:function name="tp:event-href" as="xs:string?">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="tp:href($event, $event)"/>
  </xsl:function>

  <!-- The register entries the pointers of $attribute name, each once, in the order of the pointers. -->
  <xsl:function name="tp:pointed-entries" as="element()*">
    <xsl:param name="attribute" as="attribute()?"/>
    <xsl:sequence select="for $u in tokenize(normalize-space($attribute), ' ')
      return tp:resolve($attribute/.., $u)[exists(tp:entry-kind(.))]"/>
  </xsl:function>

  <!-- The published entries of kind $kind an event names: in @where (places) or @corresp, then with @ref in its words. -->
  <xsl:function name="tp:event-entries" as="element()*">
    <xsl:param name="event" as="element()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="found" select="tp:pointed-entries($event/@where), tp:pointed-entries($event/@corresp),
      $event/(tei:label | tei:desc | tei:p)//*[@ref][tp:is-mention(.)] ! tp:mention-entry(.)"/>
    <xsl:sequence select="fold-left($found[tp:entry-kind(.) eq $kind][tp:is-published(.)], (),
      function ($kept, $e) { if (some $k in $kept satisfies $k is $e) then $kept else ($kept, $e) })"/>
  </xsl:function>

  <!-- An event's dates in words, as a time element when its value suits HTML. -->
  <xsl:template match="tei:event" mode="tp:event-date">
    <xsl:variable name="value" select="tp:date-value(.)"/>
    <xsl:choose>
      <xsl:when test="tp:is-html-date($value) and not(@from or @to or @notBefore or @notAfter)">
        <time datetime="{$value}">{tp:date-description(.)}</time>
      </xsl:when>
      <xsl:otherwise>{tp:date-description(.)}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Links to entries, separated by commas. -->
  <xsl:template name="tp:entry-links">
    <xsl:param name="entries" as="element()*"/>
    <xsl:for-each select="$entries">
      <xsl:if test="position() gt 1">, </xsl:if>
      <a class="name {tp:entry-kind(.)}" href="{tp:href(., .)}">{tp:entry-name(.)}</a>
    </xsl:for-each>
  </xsl:template>

  <!--
    The event's own section: its facts (when, where, who, the texts that tell
    it) and its description. $tp:event-told-in: list the texts that tell it
    (false where the entry's mentions are listed anyway).
  -->
  <xsl:template match="tei:event" mode="tp:entity-sections">
    <xsl:param name="tp:event-told-in" as="xs:boolean" select="true()" tunnel="yes"/>
    <xsl:variable name="places" select="tp:event-entries(., 'place')"/>
    <xsl:variable name="people" select="tp:event-entries(., 'person')"/>
    <section class="event-section" aria-label="{tp:l10n('event-section', tp:entry-name(.))}">
      <dl class="entry-facts event-facts">
        <xsl:if test="exists(tp:date-value(.))">
          <dt>{tp:l10n('event-when')}</dt><xsl:text> </xsl:text>
          <dd class="event-when"><xsl:apply-templates select="." mode="tp:event-date"/></dd><xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="exists($places)">
          <dt>{tp:l10n('event-where')}</dt><xsl:text> </xsl:text>
          <dd class="event-where"><xsl:call-template name="tp:entry-links"><xsl:with-param name="entries" select="$places"/></xsl:call-template></dd><xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="exists($people)">
          <dt>{tp:l10n('event-who')}</dt><xsl:text> </xsl:text>
          <dd class="event-who"><xsl:call-template name="tp:entry-links"><xsl:with-param name="entries" select="$people"/></xsl:call-template></dd><xsl:text> </xsl:text>
        </xsl:if>
        <xsl:if test="$tp:event-told-in and exists(tp:mentions(.))">
          <dt>{tp:l10n('event-told-in')}</dt><xsl:text> </xsl:text>
          <dd class="event-told-in"><xsl:call-template name="tp:entry-mentions"/></dd><xsl:text> </xsl:text>
        </xsl:if>
      </dl>
      <xsl:for-each select="tei:desc | tei:p">
        <p class="event-description"><xsl:apply-templates/></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- The entry on the events register page: the generic entry with the event's section after its name. -->
  <xsl:template match="tei:event" mode="tp:register">
    <xsl:variable name="event" select="."/>
    <xsl:variable name="entry" as="element()">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:for-each select="$entry">
      <xsl:copy>
        <xsl:sequence select="@*"/>
        <xsl:sequence select="*[1]"/>
        <xsl:apply-templates select="$event" mode="tp:entity-sections">
          <xsl:with-param name="tp:event-told-in" select="false()" tunnel="yes"/>
        </xsl:apply-templates>
        <xsl:sequence select="node() except *[1]"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- An event's card on the text pages: name (a link to its entry), kind, dates, description. -->
  <xsl:template match="tei:event" mode="tp:card">
    <div class="entity-card event" id="card-{@xml:id}" role="tooltip">
      <p class="card-name"><a href="{tp:event-href(.)}">{tp:entry-name(.)}</a>
        <xsl:text> </xsl:text>
        <span class="card-kind">{tp:l10n('kind-event')}</span></p>
      <xsl:if test="exists(tp:date-value(.))">
        <p class="card-dates"><xsl:apply-templates select="." mode="tp:event-date"/></p>
      </xsl:if>
      <xsl:for-each select="(tei:desc, tei:p)[1]">
        <p class="card-note"><xsl:apply-templates mode="tp:apparatus"/></p>
      </xsl:for-each>
    </div>
  </xsl:template>
</xsl:stylesheet>
