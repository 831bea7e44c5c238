<?xml version="1.0" encoding="UTF-8"?>
<!--
  Plates ([pdf] facsimile = "plates" in teipress.toml): after a text, a page per image of its
  facsimile, the image scaled to the page and captioned with the surface's label (its @n, else
  its number). Python reads the facsimile (writers/pdf_plates.py) and passes the plates as the
  parameter print-plates; without it (the default, "none") nothing here applies.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The plates as JSON: {"text id": [{"src": "images/…", "label": "1r"}, …]}; "" for none. -->
  <xsl:param name="print-plates" as="xs:string" select="''"/>

  <xsl:variable name="tp:plates" as="map(*)" select="if ($print-plates eq '') then map{} else parse-json($print-plates)"/>

  <!-- The plates of the text $text, after it (its page images, one to a page). -->
  <xsl:template name="tp:print-plates">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:variable name="plates" select="$tp:plates(string($text/@id))?*"/>
    <xsl:if test="exists($plates)">
      <xsl:variable name="title" select="tp:text-title(tp:tei($text))"/>
      <section class="plates">
        <xsl:for-each select="$plates">
          <xsl:variable name="caption" select="tp:l10n('print-plate', (?label, $title))"/>
          <figure class="plate">
            <img src="{tp:file-href(?src)}" alt="{$caption}"/>
            <figcaption>{$caption}</figcaption>
          </figure>
        </xsl:for-each>
      </section>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>
