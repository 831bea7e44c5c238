<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: sitemap.xml of the HTML edition (sitemaps.org): every page,
  with the build date as lastmod. Locations are absolute when the edition has
  a url (teipress.toml); without one they are relative to the site's root.
  Either way they are URIs: file names with spaces or non-ASCII letters are
  percent-encoded.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="https://teipress.org/ns"
  xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:import href="modules.xsl"/>

  <xsl:output method="xml" version="1.0" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:variable name="edition" select="tp:edition"/>
    <urlset>
      <!-- The home page, the texts, then the edition's other pages in the order of lists.xml. -->
      <xsl:variable name="pages" select="tp:edition-pages($edition)"/>
      <!-- A paged list's later pages (index-2.html, persons-2.html …) after its first; an entry's page and a
           period's page after their register and the chronology (entity.xsl, chronology.xsl). -->
      <xsl:for-each select="tp:index-files($edition), $edition/tp:text/@html ! string(),
                            $pages[tp:page(.)/@group ne 'home'] ! tp:sitemap-files($edition, .)">
        <url>
          <!-- A valid absolute URL: the file name percent-encoded by path segment (tp:file-href), and
               what the edition's url holds beyond ASCII (an IRI) percent-encoded as UTF-8 (iri-to-uri). -->
          <loc>{iri-to-uri(tp:site-url($edition, tp:file-href(.)))}</loc>
          <xsl:if test="tp:is-html-date($edition/@build-date)">
            <lastmod>{$edition/@build-date}</lastmod>
          </xsl:if>
        </url>
      </xsl:for-each>
    </urlset>
  </xsl:template>

  <!-- The files of a page of lists.xml: a register's index pages and its entries' pages, the chronology and its periods' pages. -->
  <xsl:function name="tp:sitemap-files" as="xs:string*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="if (exists(tp:page-kind($page))) then (tp:register-index-files($edition, $page),
        tp:register-entries($edition, $page) ! tp:entity-file(.))
      else if ($page eq string(tp:page('chronology')/@name)) then (tp:page-href($page), tp:chronology-periods($edition) ! tp:period-file(.))
      else tp:page-href($page)"/>
  </xsl:function>
</xsl:stylesheet>
