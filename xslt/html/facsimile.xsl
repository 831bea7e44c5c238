<?xml version="1.0" encoding="UTF-8"?>
<!--
  The facsimile beside the text (TEI chapter 11, "Representation of Primary Sources"):
  a viewer of the page images (OpenSeadragon, driven by assets/facsimile.js) and, in
  the text, a mark where each element with @facs (lb, line, p, ab, pb) begins, which
  lights its zone on the image (and the image's zones light their text).

  What the viewer shows comes from Python as the parameter facsimile-data (the pages,
  their images and zones, read once by teipress.facsimile for the manifest too); ""
  when the text has no facsimile or the viewer is not installed: then nothing here
  applies and each page break links its image (core.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- The facsimile of the text as JSON (writers/iiif.py viewer_data): {"pages": [{"id", "zones": [{"id"}…]}…]}; "" for none. -->
  <xsl:param name="facsimile-data" as="xs:string" select="''"/>

  <xsl:variable name="tp:facsimile" as="map(*)?" select="if ($facsimile-data eq '') then () else parse-json($facsimile-data)"/>
  <!-- The ids a @facs may point at: the pages' and their zones'. -->
  <xsl:variable name="tp:facs-ids" as="xs:string*"
    select="$tp:facsimile?pages?* ! (?id, ?zones?* ! ?id)"/>

  <!-- The zone that names each element of the text with its @corresp (linking from the image's side), by the element's id. -->
  <xsl:variable name="tp:facs-corresp" as="map(xs:string, xs:string)"
    select="map:merge($tp:facsimile?pages?*?zones?* ! (for $name in ?corresp?* return map:entry(string($name), ?id)),
                      map{'duplicates': 'use-first'})"/>

  <!-- The elements of a text with a facsimile by the page or zone they are linked with. -->
  <xsl:key name="tp:facs-target" match="tei:*[exists($tp:facsimile)][@facs or @xml:id]" use="tp:facs-target(.)"/>

  <!-- The id of the page or zone an element is linked with, if the viewer shows it: its @facs (#id; a
       pb's image URL is its page's id), else a zone's @corresp naming it. -->
  <xsl:function name="tp:facs-target" as="xs:string?">
    <xsl:param name="element" as="element()"/>
    <xsl:sequence select="(tokenize(normalize-space($element/@facs), ' ') ! (if (starts-with(., '#')) then substring(., 2) else .)
                           [. = $tp:facs-ids], $element/@xml:id ! $tp:facs-corresp(string(.)))[1]"/>
  </xsl:function>

  <!-- The mark that links a place of the text with its region: a button (keyboard, screen readers);
       the first mark of a region has the id the IIIF manifest's links point at. -->
  <xsl:template name="tp:facs-mark">
    <xsl:param name="target" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <button type="button" class="facs-mark facs-{local-name()}" data-facs="{$target}" title="{$title}"
            data-pagefind-ignore="" hidden="">
      <xsl:if test="key('tp:facs-target', $target, ancestor::tei:TEI[1])[1] is .">
        <xsl:attribute name="id" select="'facs-' || tp:safe-id($target)"/>
      </xsl:if>
      <xsl:value-of select="$label"/>
    </button>
  </xsl:template>

  <!-- A line of the source: its break, then its mark (numbered from the page's start, or its @n). -->
  <xsl:template match="tei:lb[exists($tp:facsimile)][exists(tp:facs-target(.))]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:next-match/>
    <xsl:if test="$tp:web">
      <xsl:variable name="number" as="xs:string">
        <xsl:number level="any" count="tei:lb[@facs]" from="tei:pb"/>
      </xsl:variable>
      <xsl:call-template name="tp:facs-mark">
        <xsl:with-param name="target" select="tp:facs-target(.)"/>
        <xsl:with-param name="label" select="(normalize-space(@n)[.], $number)[1]"/>
        <xsl:with-param name="title" select="tp:l10n('facsimile-line', (normalize-space(@n)[.], $number)[1])"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A topographic line (sourceDoc and documentary transcriptions): a line of its own, with its mark. -->
  <xsl:template match="tei:line">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-line'"/>
      </xsl:call-template>
      <xsl:if test="$tp:web and exists(tp:facs-target(.))">
        <xsl:variable name="number" as="xs:string">
          <xsl:number level="any" count="tei:line" from="tei:pb | tei:surface"/>
        </xsl:variable>
        <xsl:call-template name="tp:facs-mark">
          <xsl:with-param name="target" select="tp:facs-target(.)"/>
          <xsl:with-param name="label" select="(normalize-space(@n)[.], $number)[1]"/>
          <xsl:with-param name="title" select="tp:l10n('facsimile-line', (normalize-space(@n)[.], $number)[1])"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- A paragraph, block, verse line or segment linked as a whole: its mark first inside it. -->
  <xsl:template match="(tei:p | tei:ab | tei:l | tei:seg)[exists($tp:facsimile)][exists(tp:facs-target(.))]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="made" as="node()*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:variable name="mark" as="element()?">
      <xsl:if test="$tp:web">
        <xsl:call-template name="tp:facs-mark">
          <xsl:with-param name="target" select="tp:facs-target(.)"/>
          <xsl:with-param name="label" select="'▣'"/>
          <xsl:with-param name="title" select="tp:l10n('facsimile-block')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:variable>
    <xsl:for-each select="$made">
      <xsl:choose>
        <xsl:when test="position() eq 1 and self::element()">
          <xsl:copy>
            <xsl:sequence select="@*, $mark, node()"/>
          </xsl:copy>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="."/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- A page break: as core.xsl renders it, telling the viewer which page begins. -->
  <xsl:template match="tei:pb[exists($tp:facsimile)][exists(tp:facs-target(.))]">
    <xsl:variable name="target" select="tp:facs-target(.)"/>
    <xsl:variable name="made" as="element()*">
      <xsl:next-match/>
    </xsl:variable>
    <xsl:for-each select="$made">
      <xsl:copy>
        <xsl:attribute name="data-facs-page" select="$target"/>
        <xsl:sequence select="@*, node()"/>
      </xsl:copy>
    </xsl:for-each>
  </xsl:template>

  <!-- The text of a page with a facsimile: the viewer beside it (shown by facsimile.js). -->
  <xsl:template match="tei:TEI/tei:text[exists($tp:facsimile)]">
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <!-- Before the text: on a narrow screen it stays at the top of the text while the text scrolls. -->
    <xsl:if test="$tp:web">
      <xsl:call-template name="tp:facsimile-viewer"/>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <xsl:template name="tp:facsimile-viewer">
    <xsl:variable name="assets" select="$page-assets-href"/>
    <aside class="facsimile-viewer" aria-labelledby="facsimile-heading" hidden="" data-pagefind-ignore="all"
           data-l10n-zone="{tp:l10n('facsimile-zone', '{1}')}" data-l10n-page="{tp:l10n('facsimile-page-of', ('{1}', '{2}', '{3}'))}">
      <h2 id="facsimile-heading" class="facsimile-heading">{tp:l10n('facsimile-heading')}</h2>
      <div class="facsimile-tools">
        <button type="button" class="facsimile-previous" title="{tp:l10n('facsimile-previous')}" aria-label="{tp:l10n('facsimile-previous')}">‹</button>
        <p class="facsimile-page" aria-live="polite"></p>
        <button type="button" class="facsimile-next" title="{tp:l10n('facsimile-next')}" aria-label="{tp:l10n('facsimile-next')}">›</button>
        <button type="button" class="facsimile-zoom-in" title="{tp:l10n('facsimile-zoom-in')}" aria-label="{tp:l10n('facsimile-zoom-in')}">+</button>
        <button type="button" class="facsimile-zoom-out" title="{tp:l10n('facsimile-zoom-out')}" aria-label="{tp:l10n('facsimile-zoom-out')}">−</button>
        <button type="button" class="facsimile-whole" title="{tp:l10n('facsimile-whole')}" aria-label="{tp:l10n('facsimile-whole')}">⤢</button>
      </div>
      <div class="facsimile-image" id="facsimile-image" role="region" aria-label="{tp:l10n('facsimile-image')}"></div>
      <p class="facsimile-links">
        <xsl:for-each select="$tp:facsimile?manifest">
          <a href="{.}" type="application/ld+json">{tp:l10n('facsimile-manifest')}</a>
          <xsl:text> · </xsl:text>
        </xsl:for-each>
        <a href="{$assets}openseadragon/LICENSE.txt">{tp:l10n('facsimile-licence')}</a>
      </p>
      <script type="application/json" class="facsimile-data">{$facsimile-data}</script>
      <link rel="stylesheet" href="{$assets}facsimile.css"/>
      <script src="{$assets}openseadragon/openseadragon.min.js" defer=""></script>
      <script src="{$assets}facsimile.js" defer=""></script>
    </aside>
  </xsl:template>
</xsl:stylesheet>
