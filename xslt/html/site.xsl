<?xml version="1.0" encoding="UTF-8"?>
<!--
  The site's three HTML entry stylesheets in one, compiled once instead of three times (a second
  and more of a build's start, in each of its processes: they import the same modules). It imports
  what they import, each module once (a module imported twice declares its accumulators twice), in
  their order, and runs the one that $site-entry names (teipress.transform gives it, and that one's
  own serialization: entities.xsl's is XML) in its mode:
    html/html.xsl      tp:entry-text-page   a text's page (text-page.xsl);
    html/pages.xsl     tp:entry-pages       a page of the edition (edition-pages.xsl);
    html/entities.xsl  tp:entry-page-sets   a set of pages (page-sets.xsl).
  Its own rule for the document node is the default mode's, as each of theirs: an override's rule
  for it (an edition's [build] stylesheets) comes first and reaches this one with xsl:next-match.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="modules.xsl"/>
  <xsl:import href="facsimile.xsl"/>
  <xsl:import href="edition-pages.xsl"/>
  <xsl:import href="page-sets.xsl"/>
  <xsl:import href="text-page.xsl"/>

  <!-- The entry stylesheet this run stands for. -->
  <xsl:param name="site-entry" as="xs:string" select="''"/>

  <xsl:template match="/">
    <xsl:choose>
      <xsl:when test="$site-entry eq 'html/html.xsl'"><xsl:apply-templates select="." mode="tp:entry-text-page"/></xsl:when>
      <xsl:when test="$site-entry eq 'html/pages.xsl'"><xsl:apply-templates select="." mode="tp:entry-pages"/></xsl:when>
      <xsl:when test="$site-entry eq 'html/entities.xsl'"><xsl:apply-templates select="." mode="tp:entry-page-sets"/></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes" error-code="tp:unknown-entry-stylesheet">teipress: site.xsl runs html/html.xsl, html/pages.xsl or html/entities.xsl, not "{$site-entry}"</xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
