<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page of a collection, a teiCorpus file of the edition (pages.xsl renders
  it when its parameter collection-id names a tp:collection): its title and
  the facts of the corpus's own teiHeader (editors, source, licence, encoding),
  then the list of its texts.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:template match="tp:collection" mode="tp:collection-page">
    <xsl:variable name="corpus" select="tei:teiCorpus"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="tp:text-title($corpus)"/>
      <xsl:with-param name="page-class" select="'collection-page'"/>
      <xsl:with-param name="content" as="node()*">
        <xsl:apply-templates select="." mode="tp:collection-content"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tp:collection" mode="tp:collection-content">
    <xsl:variable name="corpus" select="tei:teiCorpus"/>
    <xsl:variable name="titles" select="tp:title-elements($corpus)"/>
    <header class="text-header collection-header">
      <p class="collection-kind">{tp:l10n('collection-kind')}</p>
      <h1 class="text-title">
        <xsl:choose>
          <xsl:when test="exists($titles)"><xsl:apply-templates select="$titles[1]/node()"/></xsl:when>
          <xsl:otherwise>{tp:text-title($corpus)}</xsl:otherwise>
        </xsl:choose>
      </h1>
      <xsl:for-each select="$titles[position() gt 1]">
        <p class="text-subtitle"><xsl:apply-templates/></p>
      </xsl:for-each>
      <xsl:call-template name="tp:text-meta">
        <xsl:with-param name="tei" select="$corpus"/>
      </xsl:call-template>
    </header>
    <section class="texts" aria-labelledby="collection-texts-heading">
      <h2 id="collection-texts-heading">{tp:l10n('collection-texts', string(count(../tp:text[@collection = current()/@id])))}</h2>
      <ol class="text-list">
        <xsl:apply-templates select="../tp:text[@collection = current()/@id]" mode="tp:index">
          <xsl:with-param name="tp:in-collection" select="true()" tunnel="yes"/>
        </xsl:apply-templates>
      </ol>
    </section>
  </xsl:template>
</xsl:stylesheet>
