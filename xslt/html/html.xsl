<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the HTML page of one text of the edition (text-page.xsl).
  Source: the edition document (tp:edition); parameter text-id names the
  tp:text to render. Page: site header, the text's header block, the reading
  text (#reading-text), the apparatus (#apparatus), the notes (#notes), footer.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="modules.xsl"/>
  <!-- The facsimile viewer beside the text (only where Python passes facsimile-data). -->
  <xsl:import href="facsimile.xsl"/>
  <xsl:import href="text-page.xsl"/>
</xsl:stylesheet>
