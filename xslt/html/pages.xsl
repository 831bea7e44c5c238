<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the pages of the edition that are not texts (edition-pages.xsl).
  Source: the edition document (tp:edition); parameter page names the page,
  one of the pages of lists.xml.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="modules.xsl"/>
  <xsl:import href="edition-pages.xsl"/>
</xsl:stylesheet>
