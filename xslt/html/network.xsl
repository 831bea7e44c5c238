<?xml version="1.0" encoding="UTF-8"?>
<!--
  The correspondence of a letter edition in HTML:
  - the correspondents' network page (lists.xml: network, an optional page the
    edition has when it has letters): who wrote to whom and how often, computed
    here from the letters' correspDesc (common/correspondence.xsl). Its base is a
    table, readable without JavaScript: one row per sender → addressee pair with
    the count and the links of its letters. With Cytoscape.js installed (parameter
    page-library) assets/network.js draws the pairs as a graph above it, from the
    JSON data block; choosing an edge (click, or Enter from the keyboard) lists its
    letters, taken from the table's row.
  - a person's letters (mode tp:entity-sections): those the person sent and
    received, by date, linked; the per-entity pages apply the mode after the card.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="../common/correspondence.xsl"/>

  <!-- The script of the library an optional page draws with, under the assets folder ("cytoscape/cytoscape.min.js"),
       or '' when it is not installed (teipress.writers.html: the page is then its table only). -->
  <xsl:param name="page-library" as="xs:string" select="''"/>

  <!-- The edition has the network page when it has letters. -->
  <xsl:template match="tp:page[@name = 'network']" mode="tp:page-present" as="xs:boolean">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:sequence select="exists(tp:edition-letters($edition))"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'network']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:variable name="edges" select="tp:correspondence-edges($edition)"/>
    <h1>{tp:l10n('page-network')}</h1>
    <!-- The table's look too (the page's base), with the graph or without it. -->
    <link rel="stylesheet" href="{$page-assets-href}network.css"/>
    <p class="network-intro">{tp:l10n('network-intro', (count(tp:edition-letters($edition)), count($edges)))}</p>
    <xsl:if test="$page-library ne '' and exists($edges)">
      <xsl:call-template name="tp:network-graph">
        <xsl:with-param name="edges" select="$edges"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="tp:network-table">
      <xsl:with-param name="edges" select="$edges"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The id of the table row of the edge at $position. -->
  <xsl:function name="tp:network-edge-id" as="xs:string">
    <xsl:param name="position" as="xs:integer"/>
    <xsl:sequence select="'pair-' || $position"/>
  </xsl:function>

  <!-- The table of pairs: the page's base, and what the graph's edges list. -->
  <xsl:template name="tp:network-table">
    <xsl:param name="edges" as="map(*)*"/>
    <table class="network-table">
      <caption>{tp:l10n('network-table-caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{tp:l10n('network-from')}</th>
          <th scope="col">{tp:l10n('network-to')}</th>
          <th scope="col" class="network-count">{tp:l10n('network-count')}</th>
          <th scope="col">{tp:l10n('network-letters')}</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$edges">
          <tr id="{tp:network-edge-id(position())}" class="network-pair">
            <th scope="row" class="network-sender"><xsl:apply-templates select="?sender" mode="tp:correspondent"/></th>
            <td class="network-addressee"><xsl:apply-templates select="?addressee" mode="tp:correspondent"/></td>
            <td class="network-count">{count(?letters)}</td>
            <td class="network-letters">
              <ul class="letter-list">
                <xsl:apply-templates select="?letters" mode="tp:letter-item"/>
              </ul>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- A correspondent: a link to the register entry when it has a published one, else the name. -->
  <xsl:template match="*" mode="tp:correspondent">
    <xsl:variable name="entry" select="tp:mention-entry(.)"/>
    <xsl:variable name="href" select="$entry[tp:is-published(.)] ! tp:href(., .)"/>
    <xsl:choose>
      <xsl:when test="exists($href)"><a href="{$href}">{tp:correspondent-name(.)}</a></xsl:when>
      <xsl:otherwise>{tp:correspondent-name(.)}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A letter in a list: its title linked to its page, and the date it was sent. -->
  <xsl:template match="tp:text" mode="tp:letter-item">
    <xsl:variable name="date" select="tp:letter-date(.)"/>
    <li>
      <a href="{tp:file-href(@html)}">{tp:text-title(tp:tei(.))}</a>
      <xsl:for-each select="$date">
        <xsl:text> (</xsl:text>
        <xsl:variable name="value" select="tp:date-value(.)"/>
        <xsl:choose>
          <xsl:when test="tp:is-html-date($value)"><time datetime="{$value}">{tp:date-description(.)}</time></xsl:when>
          <xsl:otherwise>{tp:date-description(.)}</xsl:otherwise>
        </xsl:choose>
        <xsl:text>)</xsl:text>
      </xsl:for-each>
    </li>
  </xsl:template>

  <!-- The graph: hidden until network.js draws it; its data (nodes, edges with the ids of their rows) as JSON. -->
  <xsl:template name="tp:network-graph">
    <xsl:param name="edges" as="map(*)*"/>
    <!-- Each correspondent's name element by its key (the first that names it), and its node's id by its key. -->
    <xsl:variable name="names" as="map(xs:string, element())" select="map:merge($edges ! (map{?from: ?sender}, map{?to: ?addressee}),
                                                                          map{'duplicates': 'use-first'})"/>
    <xsl:variable name="keys" select="distinct-values($edges ! (?from, ?to))"/>
    <xsl:variable name="ids" as="map(xs:string, xs:string)" select="map:merge(for $i in 1 to count($keys) return map{$keys[$i]: 'n' || $i})"/>
    <xsl:variable name="data" select="map{
      'nodes': array{$keys ! map{'id': $ids(.), 'label': tp:correspondent-name($names(.))}},
      'edges': array{for $i in 1 to count($edges) return map{'id': 'e' || $i, 'row': tp:network-edge-id($i),
        'source': $ids($edges[$i]?from), 'target': $ids($edges[$i]?to), 'count': count($edges[$i]?letters)}}}"/>
    <section class="network" hidden="" aria-labelledby="network-heading" data-pagefind-ignore="all"
             data-l10n-pair="{tp:l10n('network-pair', ('{1}', '{2}', '{3}'))}"
             data-l10n-person="{tp:l10n('network-person', ('{1}', '{2}'))}">
      <h2 id="network-heading">{tp:l10n('network-graph-heading')}</h2>
      <p class="network-help" id="network-help">{tp:l10n('network-help')}</p>
      <div class="network-graph" tabindex="0" role="img" aria-roledescription="{tp:l10n('network-graph-role')}"
           aria-label="{tp:l10n('network-graph-label')}" aria-describedby="network-help"></div>
      <div class="network-chosen" aria-live="polite"></div>
      <p class="network-credit"><a href="{$page-assets-href}cytoscape/LICENSE">{tp:l10n('network-licence')}</a></p>
      <!-- "<" escaped: the JSON goes into a <script> data block, which "</script>" would end. -->
      <script type="application/json" class="network-data">{replace(serialize($data, map{'method': 'json'}), '&lt;', '\\u003c')}</script>
      <script src="{$page-assets-href}{$page-library}" defer=""></script>
      <script src="{$page-assets-href}network.js" defer=""></script>
    </section>
  </xsl:template>

  <!-- A person's letters, after the entry's card: those sent, then those received, by the date sent. -->
  <xsl:template match="tei:person" mode="tp:entity-sections">
    <xsl:variable name="sent" select="tp:entry-letters(., 'sent')"/>
    <xsl:variable name="received" select="tp:entry-letters(., 'received')"/>
    <xsl:if test="exists(($sent, $received))">
      <section class="entity-letters" aria-labelledby="letters-{@xml:id}">
        <h2 id="letters-{@xml:id}">{tp:l10n('letters-heading')}</h2>
        <xsl:for-each select="('sent', 'received')">
          <xsl:variable name="letters" select="if (. eq 'sent') then $sent else $received"/>
          <xsl:if test="exists($letters)">
            <h3>{tp:l10n('letters-' || .)} ({count($letters)})</h3>
            <ol class="letter-list letters-{.}">
              <xsl:apply-templates select="sort($letters, (), function($l) {(tp:letter-date($l) ! tp:date-start(.), '9999')[1]})"
                                   mode="tp:letter-item"/>
            </ol>
          </xsl:if>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
