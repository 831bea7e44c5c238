<?xml version="1.0" encoding="UTF-8"?>
<!--
  The shared layer, in import order: what TEI elements mean to every output
  (views, strings, lists, numbering, readings, names and dates, the header,
  the edition, the rendering conventions). Each output's entry stylesheet
  imports it first, so that its own modules take precedence.
-->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="views.xsl"/>
  <xsl:import href="l10n.xsl"/>
  <xsl:import href="lists.xsl"/>
  <xsl:import href="core.xsl"/>
  <xsl:import href="linking.xsl"/>
  <xsl:import href="numbering.xsl"/>
  <xsl:import href="textcrit.xsl"/>
  <xsl:import href="namesdates.xsl"/>
  <xsl:import href="header.xsl"/>
  <xsl:import href="edition.xsl"/>
  <xsl:import href="conventions.xsl"/>
</xsl:stylesheet>
