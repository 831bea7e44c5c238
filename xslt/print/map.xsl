<?xml version="1.0" encoding="UTF-8"?>
<!--
  The map page of the PDF volume, before the index: the map drawn at build time
  (html/map.xsl's SVG, as an image WeasyPrint draws) of every published place
  with coordinates, and the list of those places with the pages that name them
  (the index's page references: target-counter in print.css).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The places the volume maps: the published places with coordinates that a printed text names. -->
  <xsl:function name="tp:volume-map-places" as="element()*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:sequence select="tp:map-places($edition)[exists(tp:place-point(.))][exists(tp:index-mentions(.))]"/>
  </xsl:function>

  <xsl:template match="tp:edition" mode="tp:map-page">
    <xsl:variable name="mapped" select="tp:volume-map-places(.)"/>
    <xsl:if test="exists($mapped)">
      <section class="map-page" id="map-page">
        <h2 class="map-page-title">{tp:l10n('page-map')}</h2>
        <figure class="place-map">
          <!-- As an image: the print HTML is parsed as HTML, where an inline svg loses its namespace,
               and WeasyPrint draws only an svg in the SVG namespace. -->
          <xsl:variable name="svg" as="element()">
            <xsl:call-template name="tp:map-svg">
              <xsl:with-param name="places" select="$mapped"/>
              <xsl:with-param name="id" select="'map-page'"/>
            </xsl:call-template>
          </xsl:variable>
          <img class="map-svg" alt="{tp:l10n('map-label')}"
               src="data:image/svg+xml;charset=utf-8,{encode-for-uri(serialize($svg))}"/>
          <figcaption class="map-caption">{tp:l10n('map-outline-source')}</figcaption>
        </figure>
        <ul class="map-page-places">
          <xsl:for-each select="$mapped">
            <li class="map-page-place">
              <span class="map-page-name">{tp:entry-name(.)}</span>
              <xsl:text> </xsl:text>
              <span class="index-pages">
                <xsl:for-each select="tp:index-mentions(.)">
                  <a class="index-page" href="#{tp:mention-id(.)}"/>
                </xsl:for-each>
              </span>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Its line in the contents, before the index's. -->
  <xsl:template match="tp:edition" mode="tp:map-contents">
    <xsl:if test="exists(tp:volume-map-places(.))">
      <li class="toc-entry toc-back"><a href="#map-page">{tp:l10n('page-map')}</a></li>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
