<?xml version="1.0" encoding="UTF-8"?>
<!--
  The synoptic page (synoptic.html): two or three panes side by side, each a
  view of a text of the edition (reading, diplomatic, a witness), chosen by the
  reader and kept in the URL (?panes=agn-arrival:reading,sedova-assassins:reading).
  The panes are filled by assets/synoptic.js from the text pages themselves, so
  every pane shows one whole view once; this page gives the script what it cannot
  read from one page: the texts, their views, and which paragraphs of two texts
  tell the same thing (the "Also told in" links: notes' refs and @corresp, both ways).
  Without script the page lists the texts and, for each, the texts aligned with it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!--
    The numbered paragraphs that tell what a paragraph of a text tells, by their HTML id ("text#id"):
    those of other texts ("Also told in"), and within the text, between the text and its translation
    (a div[@type='translation']), those its @corresp names or whose @corresp names it.
  -->
  <xsl:function name="tp:synoptic-alignment" as="map(xs:string, array(xs:string))">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:sequence select="map:merge(
      for $block in tp:tei($text)/tei:text//(tei:p | tei:ab)[tp:is-numbered-block(.)],
          $others in array { (tp:also-told($block), tp:translation-aligned($block)) ! (tp:part(.)/@id || '#' || tp:html-id(.)) }
      return if (array:size($others) gt 0) then map:entry(tp:html-id($block), $others) else ())"
      xmlns:array="http://www.w3.org/2005/xpath-functions/array"/>
  </xsl:function>

  <!-- True for an element of a text's translation (inside a div[@type='translation']). -->
  <xsl:function name="tp:in-translation" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/ancestor-or-self::tei:div[@type = 'translation'])"/>
  </xsl:function>

  <!-- The numbered paragraphs of the same text on the other side of its translation that $block's @corresp names or that name it. -->
  <xsl:function name="tp:translation-aligned" as="element()*">
    <xsl:param name="block" as="element()"/>
    <xsl:variable name="text" select="tp:part($block)"/>
    <xsl:variable name="out" select="for $u in tokenize(normalize-space($block/@corresp), ' ') return tp:resolve($block, $u)"/>
    <xsl:variable name="in" select="if (root($block) instance of document-node())
      then key('tp:pointers-to', tp:element-key($block), root($block))[@corresp] else ()"/>
    <xsl:sequence select="(($out, $in) ! tp:numbered-block(.))[tp:part(.) is $text]
      [tp:in-translation(.) ne tp:in-translation($block)] | ()"/>
  </xsl:function>

  <!--
    The texts that are translations of $text or of which it is a translation: a text whose TEI or
    text @corresp points at the other and whose header has a relation named (or typed) "translation".
  -->
  <xsl:function name="tp:synoptic-translations" as="element(tp:text)*" cache="yes">
    <xsl:param name="text" as="element(tp:text)"/>
    <!-- Only a text whose header names a translation relation can say it: those are looked at, not every
         pair of texts (a thousand letters would be a million pairs). -->
    <xsl:sequence select="(tp:translating-texts($text/..) except $text)[tp:translates(., $text)]
      | (if (tp:says-translation($text)) then ($text/../tp:text except $text)[tp:translates($text, .)] else ())"/>
  </xsl:function>

  <!-- The texts of $holder whose header names a translation relation (see tp:translates). -->
  <xsl:function name="tp:translating-texts" as="element(tp:text)*" cache="yes">
    <xsl:param name="holder" as="element()"/>
    <xsl:sequence select="$holder/tp:text[tp:says-translation(.)]"/>
  </xsl:function>

  <!-- True when the header of $text names a translation relation. -->
  <xsl:function name="tp:says-translation" as="xs:boolean">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:sequence select="exists(tp:tei($text)/tei:teiHeader//tei:relation[(@name, @type) = 'translation'])"/>
  </xsl:function>

  <!-- True when $text says it is a translation of $other (see tp:synoptic-translations). -->
  <xsl:function name="tp:translates" as="xs:boolean">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:param name="other" as="element(tp:text)"/>
    <xsl:variable name="tei" select="tp:tei($text)"/>
    <xsl:sequence select="tp:says-translation($text)
      and (some $u in tokenize(normalize-space(string-join(($tei/@corresp, $tei/tei:text/@corresp), ' ')), ' ')
           satisfies (tp:resolve($tei, $u) ! tp:part(.)) is $other)"/>
  </xsl:function>

  <!-- The texts aligned with $text: its translations first, then those holding a paragraph that tells what one of its paragraphs tells. -->
  <xsl:function name="tp:synoptic-partners" as="element(tp:text)*">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:sequence select="tp:synoptic-translations($text),
      ((tp:tei($text)/tei:text//(tei:p | tei:ab)[tp:is-numbered-block(.)] ! tp:also-told(.) ! tp:part(.))
        [self::tp:text] except ($text, tp:synoptic-translations($text)))"/>
  </xsl:function>

  <!-- The views of a text as the pane chooser offers them: token, label. -->
  <xsl:function name="tp:synoptic-views" as="map(*)*">
    <xsl:param name="tei" as="element()"/>
    <xsl:for-each select="tp:views($tei)">
      <xsl:variable name="kind" select="if (position() le 2) then . else 'witness'"/>
      <xsl:sequence select="map{'token': tp:view-token(.),
        'label': tp:l10n('view-' || $kind, if ($kind eq 'witness') then tp:siglum($tei, .) else '')}"/>
    </xsl:for-each>
    <!-- The page images (synoptic.js shows them one under another, each beside the text of its page). -->
    <xsl:if test="exists($tei/(tei:facsimile | tei:sourceDoc))">
      <xsl:sequence select="map{'token': 'facsimile', 'label': tp:l10n('facsimile-heading')}"/>
    </xsl:if>
    <!-- A translation within the text (synoptic.js shows only it in this pane, and the text without it beside). -->
    <xsl:if test="exists($tei/tei:text//tei:div[@type = 'translation'])">
      <xsl:sequence select="map{'token': 'translation', 'label': tp:l10n('synoptic-translation')}"/>
    </xsl:if>
  </xsl:function>

  <!-- What the script needs to know of a text (synoptic.js reads it from the page's data block). -->
  <xsl:function name="tp:synoptic-text" as="map(*)">
    <xsl:param name="text" as="element(tp:text)"/>
    <xsl:variable name="tei" select="tp:tei($text)"/>
    <xsl:sequence select="map{
      'id': string($text/@id), 'href': tp:file-href($text/@html), 'title': tp:text-title($tei),
      'first': tp:view-token(tp:first-view($tei)),
      'views': array{tp:synoptic-views($tei)},
      'partners': array{tp:synoptic-partners($text) ! string(@id)},
      'translations': array{tp:synoptic-translations($text) ! string(@id)},
      'align': tp:synoptic-alignment($text)}"/>
  </xsl:function>

  <!-- The synoptic page. -->
  <xsl:template match="tp:page[@name = 'synoptic']" mode="tp:page-content">
    <xsl:param name="edition" as="element(tp:edition)" tunnel="yes"/>
    <link rel="stylesheet" href="{$page-assets-href}synoptic.css"/>
    <div class="synoptic" id="synoptic"
         data-pane-label="{tp:l10n('synoptic-pane')}" data-loading="{tp:l10n('synoptic-loading')}"
         data-failed="{tp:l10n('synoptic-failed')}" data-witnesses-heading="{tp:l10n('witnesses-heading')}"
         data-witnesses-intro="{tp:l10n('witnesses-intro')}" data-page-label="{tp:l10n('synoptic-page')}">
      <h1>{tp:l10n('page-synoptic')}</h1>
      <p class="synoptic-intro">{tp:l10n('synoptic-intro')}</p>
      <xsl:call-template name="tp:synoptic-chooser">
        <xsl:with-param name="edition" select="$edition"/>
      </xsl:call-template>
      <div class="synoptic-tabs" role="tablist" aria-label="{tp:l10n('synoptic-tabs')}" hidden=""></div>
      <div class="synoptic-panes" hidden=""></div>
      <xsl:call-template name="tp:synoptic-fallback">
        <xsl:with-param name="edition" select="$edition"/>
      </xsl:call-template>
      <script type="application/json" class="synoptic-data">{serialize(
        map{'texts': array{$edition/tp:text ! tp:synoptic-text(.)}},
        map{'method': 'json', 'indent': false()}) => replace('&lt;', '\\u003c')}</script>
    </div>
    <script src="{$page-assets-href}synoptic.js" defer=""></script>
    <xsl:call-template name="tp:witnesses-assets"/>
  </xsl:template>

  <!--
    The pane chooser: one select per pane (the third may be empty), each offering every view of
    every text, grouped by text. Hidden without script, which fills and shows it.
  -->
  <xsl:template name="tp:synoptic-chooser">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <form class="synoptic-chooser" hidden="" aria-label="{tp:l10n('synoptic-choose')}">
      <xsl:for-each select="1 to 3">
        <xsl:variable name="n" select="."/>
        <p class="synoptic-choice">
          <label for="synoptic-pane-{$n}">{tp:l10n('synoptic-pane', string($n))}</label>
          <select id="synoptic-pane-{$n}" name="pane{$n}">
            <xsl:if test="$n eq 3">
              <option value="">{tp:l10n('synoptic-none')}</option>
            </xsl:if>
            <xsl:for-each select="$edition/tp:text">
              <xsl:variable name="text" select="."/>
              <optgroup label="{tp:text-title(tp:tei(.))}">
                <xsl:for-each select="tp:synoptic-views(tp:tei(.))">
                  <option value="{$text/@id}:{?token}">{?label} — {tp:text-title(tp:tei($text))}</option>
                </xsl:for-each>
              </optgroup>
            </xsl:for-each>
          </select>
        </p>
      </xsl:for-each>
    </form>
  </xsl:template>

  <!-- Without script: each text, a link to its page, and the texts told alongside it. -->
  <xsl:template name="tp:synoptic-fallback">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <section class="synoptic-fallback" aria-labelledby="synoptic-fallback-heading">
      <h2 id="synoptic-fallback-heading">{tp:l10n('synoptic-texts')}</h2>
      <ul>
        <xsl:for-each select="$edition/tp:text">
          <li>
            <a href="{tp:file-href(@html)}"><cite>{tp:text-title(tp:tei(.))}</cite></a>
            <xsl:variable name="partners" select="tp:synoptic-partners(.)"/>
            <xsl:if test="exists($partners)">
              <xsl:text> — {tp:l10n('synoptic-aligned-with')} </xsl:text>
              <xsl:for-each select="$partners">
                <xsl:if test="position() gt 1">; </xsl:if>
                <a href="{tp:file-href(@html)}"><cite>{tp:text-title(tp:tei(.))}</cite></a>
              </xsl:for-each>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!--
    The link from a text page to the synoptic page, opening with the text beside the first text
    aligned with it, else its reading beside its diplomatic view (layout.xsl calls this for a text page).
  -->
  <xsl:template match="tp:text" mode="tp:synoptic-link">
    <xsl:variable name="tei" select="tp:tei(.)"/>
    <xsl:variable name="partner" select="tp:synoptic-partners(.)[1]"/>
    <xsl:variable name="panes" select="if (exists($partner))
      then (@id || ':' || tp:view-token(tp:first-view($tei)), $partner/@id || ':' || tp:view-token(tp:first-view(tp:tei($partner))))
      else (@id || ':reading', @id || ':diplomatic')"/>
    <li class="synoptic-link" data-pagefind-ignore="all">
      <a href="{tp:page-href('synoptic')}?panes={encode-for-uri(string-join($panes, ','))}">{tp:l10n('synoptic-link')}</a>
      <xsl:apply-templates select="." mode="tp:witnesses-link"/>
    </li>
  </xsl:template>
</xsl:stylesheet>
