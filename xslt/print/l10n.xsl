<?xml version="1.0" encoding="UTF-8"?>
<!--
  Localisation in print: the print strings (l10n.xml in this folder) first,
  then the shared ones (../common/l10n.xml). Overrides the map tp:l10n-map, which
  every look-up (tp:l10n) goes through.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- The print strings (l10n.xml of this folder), parsed and handed over by teipress: a stylesheet reads no file. -->
  <xsl:param name="print-l10n-strings" as="document-node()" required="yes"/>

  <xsl:variable name="tp:print-l10n-doc" as="document-node()" select="$print-l10n-strings"/>

  <!-- The print strings first, then the shared ones (tp:l10n looks a key up in this map). -->
  <xsl:variable name="tp:l10n-map" as="map(xs:string, xs:string)"
    select="map:merge((tp:strings-map($tp:print-l10n-doc), tp:strings-map($tp:l10n-doc)), map {'duplicates': 'use-first'})"/>
</xsl:stylesheet>
