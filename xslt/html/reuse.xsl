<?xml version="1.0" encoding="UTF-8"?>
<!--
  The open data page's links to the edition's interfaces for machines (lists.xml:
  interfaces), each shown when the build makes it (its output names each text's files
  with a link: tp:text/@dts). Imported after paratext.xsl, whose data page it extends.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tp:edition" mode="tp:paratext-data">
    <xsl:next-match/>
    <xsl:variable name="edition" select="."/>
    <xsl:variable name="built" select="$lists/tp:lists/tp:interfaces/tp:interface
      [some $output in @output satisfies exists($edition/tp:text/@*[local-name() eq $output][normalize-space()])]"/>
    <xsl:if test="exists($built)">
      <section aria-labelledby="h-data-interfaces">
        <h2 id="h-data-interfaces">{tp:l10n('data-interfaces')}</h2>
        <dl class="about-facts">
          <xsl:for-each select="$built">
            <dt>{tp:l10n('data-' || @name)}</dt>
            <dd><a class="data-interface" href="{tp:file-href(@file)}" type="{@media-type}">{@file}</a>:
              {tp:l10n('data-' || @name || '-text')}</dd>
          </xsl:for-each>
        </dl>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
