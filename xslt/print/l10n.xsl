<?xml version="1.0" encoding="UTF-8"?>
<!--
  Localisation in print: the print strings (l10n.xml in this folder) first,
  then the shared ones (../common/l10n.xml). Overrides tp:l10n#1, which every
  other look-up goes through.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- Absolute URI of the print strings file; defaults to l10n.xml next to this module. -->
  <xsl:param name="print-l10n-file" as="xs:string" select="resolve-uri('l10n.xml', static-base-uri())"/>

  <xsl:variable name="tp:print-l10n-doc" as="document-node()" select="doc($print-l10n-file)"/>

  <xsl:function name="tp:l10n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="string((key('tp:l10n', $l10n-lang || '|' || $key, $tp:print-l10n-doc),
                                  key('tp:l10n', 'en|' || $key, $tp:print-l10n-doc),
                                  key('tp:l10n', $l10n-lang || '|' || $key, $tp:l10n-doc),
                                  key('tp:l10n', 'en|' || $key, $tp:l10n-doc),
                                  '[' || $key || ']')[1])"/>
  </xsl:function>
</xsl:stylesheet>
