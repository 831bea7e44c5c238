<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: an HTML document for WeasyPrint (CSS paged media) to turn
  into a PDF, of one text (parameter text-id, as in html.xsl) or of the whole
  edition (print-volume = true()). Imports the HTML output and overrides only
  what print needs: the frame (print.css, no site navigation), the title
  block, ids unique across texts, notes as footnotes (or endnotes), the
  apparatus keyed to line numbers at the page foot, names as plain text with
  ids for the index, the volume's title page, contents and index.
  Python renders it with base_url = this folder (print.css is linked relatively).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <xsl:import href="../html/html.xsl"/>

  <xsl:import href="l10n.xsl"/>
  <xsl:import href="numbering.xsl"/>
  <xsl:import href="layout.xsl"/>
  <xsl:import href="core.xsl"/>
  <xsl:import href="textcrit.xsl"/>
  <xsl:import href="namesdates.xsl"/>
  <xsl:import href="linking.xsl"/>
  <xsl:import href="header.xsl"/>
  <xsl:import href="volume.xsl"/>
  <xsl:import href="plates.xsl"/>
  <xsl:import href="map.xsl"/>

  <xsl:output method="html" version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:mode use-accumulators="#all"/>
</xsl:stylesheet>
