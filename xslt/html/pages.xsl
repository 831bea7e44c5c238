<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the pages of the edition that are not texts.
  Source: the edition document (tp:edition); parameter page names the page:
  index | persons | places | organisations | objects.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="modules.xsl"/>

  <!-- Which page to render: 'index', 'persons', 'places', 'organisations', 'objects', 'chronology', 'search',
       or a paratext page: 'about', 'principles', 'help', 'cite', 'changes', 'data' (paratext.xsl). -->
  <xsl:param name="page" as="xs:string" select="'index'"/>

  <xsl:template match="/">
    <xsl:if test="not($page = ('index', 'persons', 'places', 'organisations', 'objects', 'chronology', 'search', $tp:paratext-pages))">
      <xsl:message terminate="yes" error-code="tp:unknown-page">teipress: unknown page "{$page}" (index, persons, places, organisations, objects, chronology, search, {string-join($tp:paratext-pages, ', ')})</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="tp:edition" mode="tp:page"/>
  </xsl:template>

  <xsl:template match="tp:edition" mode="tp:page">
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="if ($page eq 'index') then string(@title) else tp:l10n('page-' || $page)"/>
      <xsl:with-param name="current" select="$page"/>
      <xsl:with-param name="page-class" select="if ($page = ('index', 'chronology', 'search')) then $page || '-page'
        else if ($page = $tp:paratext-pages) then 'paratext-page ' || $page || '-page' else 'register-page'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:choose>
          <xsl:when test="$page eq 'index'">
            <xsl:apply-templates select="." mode="tp:index"/>
          </xsl:when>
          <xsl:when test="$page eq 'chronology'">
            <xsl:apply-templates select="." mode="tp:chronology"/>
          </xsl:when>
          <xsl:when test="$page eq 'search'">
            <xsl:apply-templates select="." mode="tp:search"/>
          </xsl:when>
          <xsl:when test="$page = $tp:paratext-pages">
            <xsl:call-template name="tp:paratext-page">
              <xsl:with-param name="page" select="$page"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <!-- Register pages are searched too (data-pagefind-body: the text pages mark their article). -->
            <div data-pagefind-body="">
              <xsl:call-template name="tp:register-page">
                <xsl:with-param name="kind" select="tp:page-kind($page)"/>
                <xsl:with-param name="page" select="$page"/>
              </xsl:call-template>
              <!-- The register's entries as open data (written by the data writer). -->
              <p class="register-data"><a href="{$tp:data-folder}registers.json" type="application/json">{tp:l10n('data-register-json')}</a>
                (<a href="{$tp:data-folder}registers.csv" type="text/csv">{tp:l10n('data-csv')}</a>)</p>
            </div>
          </xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
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
