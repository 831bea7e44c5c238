<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: a set of pages of the edition from one transformation (page-sets.xsl),
  the pages of the entities, periods, registers or the list of texts, each a file of the site.
  Source: the edition document (tp:edition); parameters set and ids (or page) name the set.
  Result: <tp:files><tp:file name="persons/pers-x.html">the page, serialized</tp:file>…</tp:files>.
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
  <xsl:import href="page-sets.xsl"/>

  <xsl:output method="xml" version="1.0" encoding="UTF-8" indent="no"/>
</xsl:stylesheet>
