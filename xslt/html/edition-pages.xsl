<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pages of the edition that are not texts (pages.xsl: their entry stylesheet, with the modules).
  Source: the edition document (tp:edition); parameter page names the page,
  one of the pages of lists.xml. Its content comes from the page's rule in
  mode tp:page-content (matching its entry in lists.xml), its frame from layout.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Which page to render: a page of lists.xml (the home page when not given). -->
  <xsl:param name="page" as="xs:string" select="$tp:home-page"/>

  <!-- A collection's page instead (a teiCorpus file, by the id of its page: see collection.xsl). -->
  <xsl:param name="collection-id" as="xs:string" select="''"/>

  <!-- The default mode, and html/site.xsl's mode of this stylesheet (both rules). -->
  <xsl:template match="document-node()[$collection-id ne '']" priority="1" mode="#default tp:entry-pages">
    <xsl:variable name="collection" select="tp:edition/tp:collection[@id = $collection-id]"/>
    <xsl:if test="empty($collection)">
      <xsl:message terminate="yes" error-code="tp:unknown-collection">teipress: no collection with id "{$collection-id}" in the edition document</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$collection[1]" mode="tp:collection-page"/>
  </xsl:template>

  <xsl:template match="/" mode="#default tp:entry-pages">
    <xsl:if test="empty(key('tp:page', $page, $lists))">
      <xsl:message terminate="yes" error-code="tp:unknown-page">teipress: unknown page "{$page}" ({string-join($tp:pages/@name, ', ')})</xsl:message>
    </xsl:if>
    <!-- An optional page the edition does not have (lists.xml) is nothing: teipress then writes no file. -->
    <xsl:if test="not(tp:page($page)/@optional = 'yes') or $page = tp:edition-pages(tp:edition)">
      <xsl:apply-templates select="tp:edition" mode="tp:page"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tp:edition" mode="tp:page">
    <xsl:variable name="entry" select="tp:page($page)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="if ($entry/@group eq 'home') then string(@title) else tp:l10n('page-' || $page)"/>
      <xsl:with-param name="current" select="$page"/>
      <xsl:with-param name="page-class" select="if ($entry/@group = ('home', 'tool')) then $page || '-page'
        else if ($entry/@group eq 'paratext') then 'paratext-page ' || $page || '-page' else 'register-page'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="$entry" mode="tp:page-content">
          <xsl:with-param name="edition" select="." tunnel="yes"/>
        </xsl:apply-templates>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The content of each page, by its entry in lists.xml; $edition: the tp:edition element. -->
  <xsl:template match="tp:page[@name = 'index']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:index"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'chronology']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:chronology"/>
  </xsl:template>

  <xsl:template match="tp:page[@name = 'search']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:apply-templates select="$edition" mode="tp:search"/>
  </xsl:template>

  <!--
    A register page (any page with a kind): page $tp:page-number of its index (entity.xsl),
    whose rows lead to the entries' own pages (those are searched: the index is not).
  -->
  <xsl:template match="tp:page[tp:kind]" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <xsl:param name="tp:page-number" as="xs:integer" select="1" tunnel="yes"/>
    <xsl:for-each select="$edition">
      <xsl:call-template name="tp:register-index">
        <xsl:with-param name="page" select="$page"/>
        <xsl:with-param name="n" select="$tp:page-number"/>
      </xsl:call-template>
    </xsl:for-each>
    <!-- The register's entries as open data (written by the data writer). -->
    <p class="register-data"><xsl:sequence select="tp:data-link('registers-json', 'data-register-json')"/>
              (<xsl:sequence select="tp:data-link('registers-csv', 'data-csv')"/>)</p>
  </xsl:template>

  <!-- A register page's entries as JSON-LD (schema.org Person, Place, Organization with sameAs). -->
  <xsl:template match="tp:edition" mode="tp:metadata">
    <xsl:variable name="kind" select="tp:page-kind($page)"/>
    <xsl:if test="exists($kind)">
      <xsl:variable name="graph" select="map{'@context': 'https://schema.org',
        '@graph': array{tp:entries(., $kind)[tp:is-published(.)] ! tp:entity-json(.)}}"/>
      <script type="application/ld+json">{serialize($graph, map{'method': 'json', 'indent': false()})}</script>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
