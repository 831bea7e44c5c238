<?xml version="1.0" encoding="UTF-8"?>
<!--
  A set of pages of the edition from one transformation (entities.xsl: its entry stylesheet), each a
  file of the site (the build writes them: writers/html_sets.py). Source: the
  edition document (tp:edition). Parameter set names the set:
    entities   the pages of the register entries whose xml:ids $ids lists (entity.xsl);
    periods    the pages of the chronology's periods $ids lists (chronology.xsl);
    register   the pages of the index of the register page $page (persons.html, persons-2.html …);
    index      the pages of the list of texts (index.html, index-2.html …).
  Result: <tp:files><tp:file name="persons/pers-x.html">the page, serialized</tp:file>…</tp:files>.
  One transformation makes many pages, so the look-ups (keys, the sorted register)
  are built once for them all.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Which set of pages: entities, periods, register or index. -->
  <xsl:param name="set" as="xs:string" select="''"/>
  <!-- The entries' xml:ids (set entities) or the periods (set periods), separated by spaces. -->
  <xsl:param name="ids" as="xs:string" select="''"/>

  <!-- The default mode, and html/site.xsl's mode of this stylesheet. -->
  <xsl:template match="/" mode="#default tp:entry-page-sets">
    <xsl:variable name="edition" select="tp:edition"/>
    <tp:files>
      <xsl:apply-templates select="$edition" mode="tp:page-set">
        <xsl:with-param name="set" select="$set"/>
      </xsl:apply-templates>
    </tp:files>
  </xsl:template>

  <xsl:template match="tp:edition" mode="tp:page-set">
    <xsl:param name="set" as="xs:string"/>
    <xsl:message terminate="yes" error-code="tp:unknown-set">teipress: unknown set of pages "{$set}" (entities, periods, register, index)</xsl:message>
  </xsl:template>

  <xsl:template match="tp:edition[$set eq 'entities']" mode="tp:page-set">
    <xsl:variable name="registers" select="tp:registers"/>
    <xsl:for-each select="tokenize($ids)">
      <xsl:variable name="id" select="."/>
      <xsl:variable name="entry" select="($registers ! key('tp:id', $id, .))[exists(tp:entry-kind(.))][tp:is-published(.)][1]"/>
      <xsl:if test="empty($entry)">
        <xsl:message terminate="yes" error-code="tp:unknown-entry">teipress: no published register entry with id "{$id}"</xsl:message>
      </xsl:if>
      <xsl:call-template name="tp:site-file">
        <xsl:with-param name="file" select="tp:entity-file($entry)"/>
        <xsl:with-param name="page" as="node()*">
          <xsl:apply-templates select="$entry" mode="tp:entity-page"/>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tp:edition[$set eq 'periods']" mode="tp:page-set">
    <xsl:variable name="edition" select="."/>
    <xsl:for-each select="tokenize($ids)">
      <xsl:call-template name="tp:site-file">
        <xsl:with-param name="file" select="tp:period-file(.)"/>
        <xsl:with-param name="page" as="node()*">
          <xsl:apply-templates select="$edition" mode="tp:chronology-period">
            <xsl:with-param name="period" select="."/>
          </xsl:apply-templates>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tp:edition[$set eq 'register']" mode="tp:page-set">
    <xsl:variable name="edition" select="."/>
    <xsl:for-each select="tp:register-index-files(., $page)">
      <xsl:call-template name="tp:site-file">
        <xsl:with-param name="file" select="."/>
        <xsl:with-param name="page" as="node()*">
          <xsl:apply-templates select="$edition" mode="tp:page">
            <xsl:with-param name="tp:page-number" select="position()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>

  <xsl:template match="tp:edition[$set eq 'index']" mode="tp:page-set">
    <xsl:variable name="edition" select="."/>
    <xsl:for-each select="tp:index-files(.)">
      <xsl:call-template name="tp:site-file">
        <xsl:with-param name="file" select="."/>
        <xsl:with-param name="page" as="node()*">
          <xsl:apply-templates select="$edition" mode="tp:page">
            <xsl:with-param name="tp:page-number" select="position()" tunnel="yes"/>
          </xsl:apply-templates>
        </xsl:with-param>
      </xsl:call-template>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
