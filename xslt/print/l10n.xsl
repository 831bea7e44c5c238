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

  <!-- The print strings (l10n.xml of this folder), parsed and handed over by teipress: a stylesheet reads no file. -->
  <xsl:param name="print-l10n-strings" as="document-node()" required="yes"/>

  <xsl:variable name="tp:print-l10n-doc" as="document-node()" select="$print-l10n-strings"/>

  <xsl:function name="tp:l10n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="string((key('tp:l10n', $l10n-lang || '|' || $key, $tp:print-l10n-doc),
                                  key('tp:l10n', 'en|' || $key, $tp:print-l10n-doc),
                                  key('tp:l10n', $l10n-lang || '|' || $key, $tp:l10n-doc),
                                  key('tp:l10n', 'en|' || $key, $tp:l10n-doc),
                                  '[' || $key || ']')[1])"/>
  </xsl:function>
</xsl:stylesheet>
