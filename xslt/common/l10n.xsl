<?xml version="1.0" encoding="UTF-8"?>
<!--
  Localisation: every user-facing string comes from l10n.xml through tp:l10n();
  teipress passes the file's document as the parameter l10n-strings.
  Shared by every output; no template here, only the look-up.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!-- Language of the interface strings (a language of l10n.xml; English is the fallback). -->
  <xsl:param name="l10n-lang" as="xs:string" select="'en'"/>

  <!-- The strings (l10n.xml of this folder), parsed and handed over by teipress: a stylesheet reads no file. -->
  <xsl:param name="l10n-strings" as="document-node()" required="yes"/>

  <xsl:variable name="tp:l10n-doc" as="document-node()" select="$l10n-strings"/>

  <xsl:key name="tp:l10n" match="tp:s" use="../@xml:lang || '|' || @key"/>

  <!-- The string $key in the interface language, else in English, else '[key]'. -->
  <xsl:function name="tp:l10n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="string((key('tp:l10n', $l10n-lang || '|' || $key, $tp:l10n-doc),
                                  key('tp:l10n', 'en|' || $key, $tp:l10n-doc),
                                  '[' || $key || ']')[1])"/>
  </xsl:function>

  <!-- The string $key with {1}, {2} … replaced by the items of $args. -->
  <xsl:function name="tp:l10n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <xsl:sequence select="tp:fill(tp:l10n($key), $args, 1)"/>
  </xsl:function>

  <xsl:function name="tp:fill" as="xs:string">
    <xsl:param name="template" as="xs:string"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <xsl:param name="i" as="xs:integer"/>
    <xsl:sequence select="if ($i gt count($args)) then $template
      else tp:fill(replace($template, '\{' || $i || '\}', replace(string($args[$i]), '([\\$])', '\\$1')), $args, $i + 1)"/>
  </xsl:function>
</xsl:stylesheet>
