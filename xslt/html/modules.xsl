<?xml version="1.0" encoding="UTF-8"?>
<!--
  The modules of the HTML output, in import order: the shared layer first
  (what elements mean), then the fallback for unknown elements (lowest
  precedence), then one HTML module per chapter of the TEI Guidelines.
  Imported by the entry stylesheets html.xsl and pages.xsl.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="../common/shared.xsl"/>

  <xsl:import href="fallback.xsl"/>
  <!-- Generic chapters (bibliography, lists, documentation, manuscripts) first: the specific modules after them win. -->
  <xsl:import href="references.xsl"/>
  <xsl:import href="msdescription.xsl"/>
  <xsl:import href="layout.xsl"/>
  <xsl:import href="core.xsl"/>
  <xsl:import href="textstructure.xsl"/>
  <xsl:import href="transcr.xsl"/>
  <xsl:import href="figures.xsl"/>
  <xsl:import href="verse.xsl"/>
  <xsl:import href="drama.xsl"/>
  <xsl:import href="linking.xsl"/>
  <xsl:import href="textcrit.xsl"/>
  <xsl:import href="namesdates.xsl"/>
  <xsl:import href="letters.xsl"/>
  <xsl:import href="network.xsl"/>
  <xsl:import href="collection.xsl"/>
  <xsl:import href="header.xsl"/>
  <xsl:import href="edition.xsl"/>
  <xsl:import href="chronology.xsl"/>
  <xsl:import href="events.xsl"/>
  <xsl:import href="timeline.xsl"/>
  <xsl:import href="map.xsl"/>
  <xsl:import href="entity.xsl"/>
  <xsl:import href="metadata.xsl"/>
  <xsl:import href="paratext.xsl"/>
  <xsl:import href="reuse.xsl"/>
  <!-- Texts side by side (synoptic.html) and a text's witnesses in columns. -->
  <xsl:import href="synoptic.xsl"/>
  <xsl:import href="witnesses.xsl"/>
  <!-- Rendering conventions last: their rules ask the text's convention and win only where it applies. -->
  <xsl:import href="leiden.xsl"/>
  <xsl:import href="diplomatic.xsl"/>

  <xsl:output method="html" version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <!-- Accumulators (paragraph, note, apparatus and mention counts) apply to the edition document. -->
  <xsl:mode use-accumulators="#all"/>
</xsl:stylesheet>
