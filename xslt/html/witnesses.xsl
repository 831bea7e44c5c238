<?xml version="1.0" encoding="UTF-8"?>
<!--
  A text's witnesses in columns (after the Versioning Machine): for a text with a listWit and an
  apparatus, the synoptic page opened with ?witnesses=TEXT sets each witness's view of the text
  (views.xsl: the readings the apparatus gives that witness) in its own column, and pointing at or
  focusing a variant (an element with data-app, textcrit.xsl) lights the same variant in every
  column (assets/witnesses.js). This module links that page from the text page.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- True when a text has witness views (a listWit, and an apparatus that tells their readings). -->
  <xsl:function name="tp:has-witness-columns" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="count(tp:views($tei)) gt 2"/>
  </xsl:function>

  <!-- The link to a text's witnesses in columns, after the link to the synoptic page. -->
  <xsl:template match="tp:text[tp:has-witness-columns(tp:tei(.))]" mode="tp:witnesses-link">
    <xsl:text> · </xsl:text>
    <a class="witnesses-link" href="{tp:page-href('synoptic')}?witnesses={encode-for-uri(@id)}">{tp:l10n('witnesses-link')}</a>
  </xsl:template>

  <!-- A text without witness views has no columns to link. -->
  <xsl:template match="tp:text" mode="tp:witnesses-link"/>

  <!-- The synoptic page's script and style for the columns. -->
  <xsl:template name="tp:witnesses-assets">
    <link rel="stylesheet" href="{$page-assets-href}witnesses.css"/>
    <script src="{$page-assets-href}witnesses.js" defer=""></script>
  </xsl:template>
</xsl:stylesheet>
