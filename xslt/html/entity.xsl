<?xml version="1.0" encoding="UTF-8"?>
<!--
  One page per register entry, the register pages as indexes of them, the chronology
  in pages by period, and the list of texts in pages when it is long.

  - An entity's page (tp:entity-file: "persons/pers-x.html"): its card (name, kind, variant
    names, dates, coordinates, authority files, notes), the sections other modules add
    (mode tp:entity-sections, below), every mention with the words of its sentence
    around it (keyword in context: tp:before and tp:after, which the build gives each
    mention of a text's extract, teipress.kwic, or $kwic) linking to its paragraph, the texts that
    name it, and the entries named with it in the same passages. Made only from the entry and
    the texts that name it, so a text rebuilds only the pages of the entries it names.
  - A register page lists its published entries sorted (name, dates, mentions, a link to
    the entry's page) under their initials, in pages of at most $register-page-size
    entries ("persons.html", "persons-2.html" …). Each row carries the entry's id, so an
    old link "persons.html#pers-x" still finds it; assets/entity-index.js sends the reader
    on to the entry's page.
  - The chronology in periods: chronology.xsl.
  - The list of texts in pages of at most $index-page-size texts ("index.html", "index-2.html" …).

  Pages in a folder are made with links from the site's root and moved there by mode tp:relocate.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- How many entries a page of a register lists at most. -->
  <xsl:param name="register-page-size" as="xs:integer" select="500"/>
  <!-- How many texts a page of the list of texts lists at most. -->
  <xsl:param name="index-page-size" as="xs:integer" select="500"/>
  <!-- How many entries named with an entry its page lists at most. -->
  <xsl:param name="entity-related-count" as="xs:integer" select="12"/>
  <!--
    The contexts of the mentions of this set's entries, when the edition document holds the texts'
    shapes (their extracts without contexts, teipress.edition_document): a JSON object whose keys are
    a text's id and a mention's number there (tp:n), "letter-1 12", and whose values are the words
    before and after it, ["… wrote to ", " about the visa."]. Empty: the mentions carry their own.
  -->
  <xsl:param name="kwic" as="xs:string" select="''"/>
  <xsl:variable name="tp:kwic" as="map(*)" select="if ($kwic) then parse-json($kwic) else map{}"/>

  <!-- The words of $mention's sentence before it (1) or after it (2): its own tp:before or tp:after, else from $kwic. -->
  <xsl:function name="tp:kwic" as="xs:string">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="side" as="xs:integer"/>
    <xsl:variable name="own" select="if ($side eq 1) then $mention/@tp:before else $mention/@tp:after"/>
    <xsl:sequence select="if (exists($own)) then string($own)
      else string($tp:kwic(tp:part($mention)/@id || ' ' || $mention/@tp:n)?($side))"/>
  </xsl:function>

  <!--
    THE EXTENSION HOOK. On an entity page, after the card, the entry is processed in mode
    tp:entity-sections, with the tunnel parameters
      edition   element(tp:edition)  the edition document;
      mentions  element()*           the entry's mentions in the texts, in document order
                                     (each in its tp:text; tp:part(.) gives the text).
    A module adds a section (a map for a place, a correspondent's letters, an event's
    participants) from its own stylesheet, imported in modules.xsl, with a rule such as
      <xsl:template match="tei:place" mode="tp:entity-sections">
        <xsl:param name="mentions" as="element()*" tunnel="yes"/>
        <section class="entity-map">…</section>
        <xsl:next-match/>
      </xsl:template>
    ending in xsl:next-match, so that the other modules' sections follow. An entry no
    module has a rule for gets no section (the mode's deep-skip). The mode has no template
    rule here: a rule of this module, imported after the extension modules, would win over
    theirs whatever its priority (import precedence comes first). Links are written from
    the site's root, as on every page.
  -->
  <xsl:mode name="tp:entity-sections" on-no-match="deep-skip"/>

  <!-- The entity page of an entry: a whole HTML page, its links from the site's root. -->
  <xsl:template match="*" mode="tp:entity-page">
    <xsl:variable name="kind" select="tp:entry-kind(.)"/>
    <xsl:variable name="page" select="tp:register-page($kind)"/>
    <xsl:variable name="mentions" select="tp:mentions(.)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="tp:entry-name(.)"/>
      <xsl:with-param name="current" select="$page"/>
      <xsl:with-param name="page-class" select="'entity-page ' || $kind || '-page'"/>
      <xsl:with-param name="content" as="node()*">
        <article class="entity {$kind}" id="{tp:entry-anchor(.)}" data-entry="{@xml:id}" data-pagefind-body="">
          <xsl:if test="@xml:lang">
            <xsl:attribute name="lang" select="tp:html-lang(@xml:lang)"/>
          </xsl:if>
          <p class="entity-register"><a href="{tp:register-href($kind)}">{tp:l10n('page-' || $page)}</a></p>
          <h1 class="entity-name">{tp:entry-name(.)}</h1>
          <p class="entity-kind">{tp:l10n('kind-' || $kind)}</p>
          <xsl:apply-templates select="." mode="tp:entity-card"/>
          <xsl:apply-templates select="." mode="tp:entity-sections">
            <xsl:with-param name="edition" select="tp:edition(.)" tunnel="yes"/>
            <xsl:with-param name="mentions" select="$mentions" tunnel="yes"/>
          </xsl:apply-templates>
          <xsl:call-template name="tp:entity-mentions">
            <xsl:with-param name="mentions" select="$mentions"/>
          </xsl:call-template>
          <xsl:call-template name="tp:entity-related">
            <xsl:with-param name="mentions" select="$mentions"/>
          </xsl:call-template>
        </article>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- The card of an entity page: the entry's facts and notes. -->
  <xsl:template match="*" mode="tp:entity-card">
    <section class="entity-card" aria-label="{tp:entry-name(.)}">
      <dl class="entry-facts">
        <xsl:call-template name="tp:entry-fact-items"/>
      </dl>
      <!-- Searched by its names only: a word of its description, which short pages would rank first, finds the texts. -->
      <xsl:for-each select="tei:note">
        <div class="entry-note" data-pagefind-ignore="">
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'entry-note'"/>
            <xsl:with-param name="with-id" select="false()"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </div>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!--
    Every mention, per text in edition order: the text's title (a link to it), then each
    mention as a line "§ 3 … words before [the mention] words after …", the locus a link
    to its place in the text page; then the texts that name it.
  -->
  <xsl:template name="tp:entity-mentions">
    <xsl:param name="mentions" as="element()*"/>
    <!-- The quotes repeat the texts' words: search finds the entry by its card, the words in the texts. -->
    <section class="entity-mentions" aria-labelledby="entity-mentions-heading" data-pagefind-ignore="">
      <h2 id="entity-mentions-heading">{tp:l10n('entity-mentions-heading')} <span class="entity-count">({count($mentions)})</span></h2>
      <xsl:for-each-group select="$mentions" group-adjacent="string(tp:part(.)/@id)">
        <xsl:variable name="text" select="tp:part(.)"/>
        <xsl:variable name="tei" select="tp:tei($text)"/>
        <section class="entity-text" data-text="{$text/@id}">
          <h3 class="entity-text-title"><a href="{tp:file-href($text/@html)}"><cite>{tp:text-title($tei)}</cite></a>
            <xsl:for-each select="tp:text-date($tei)">
              <xsl:text> </xsl:text>
              <span class="entity-text-date"><xsl:apply-templates select="."/></span>
            </xsl:for-each>
          </h3>
          <ol class="kwic">
            <xsl:for-each select="current-group()">
              <li class="kwic-line">
                <a class="kwic-locus" href="{tp:file-href($text/@html)}#{tp:locus-id(.)}">{tp:locus-label(.)}</a>
                <xsl:text> </xsl:text>
                <span class="kwic-context">
                  <xsl:for-each select="tp:text-lang($tei)">
                    <xsl:attribute name="lang" select="tp:html-lang(.)"/>
                  </xsl:for-each>
                  <span class="kwic-before">{tp:kwic(., 1)}</span>
                  <mark class="kwic-mention"><xsl:apply-templates mode="tp:apparatus"/></mark>
                  <span class="kwic-after">{tp:kwic(., 2)}</span>
                </span>
              </li>
            </xsl:for-each>
          </ol>
        </section>
      </xsl:for-each-group>
    </section>
    <!-- Each text once, in edition order (the mentions are in document order), with its number of mentions. -->
    <xsl:variable name="texts" as="map(*)*">
      <xsl:for-each-group select="$mentions" group-adjacent="generate-id(tp:part(.))">
        <xsl:sequence select="map{'text': tp:part(.), 'count': count(current-group())}"/>
      </xsl:for-each-group>
    </xsl:variable>
    <section class="entity-texts" aria-labelledby="entity-texts-heading" data-pagefind-ignore="">
      <h2 id="entity-texts-heading">{tp:l10n('entity-texts-heading')} <span class="entity-count">({count($texts)})</span></h2>
      <ul class="entity-text-list">
        <xsl:for-each select="$texts">
          <li><a href="{tp:file-href(?text/@html)}"><cite>{tp:text-title(tp:tei(?text))}</cite></a>
            <xsl:text> </xsl:text>
            <span class="mention-count">({tp:l10n('entry-mention-count', ?count)})</span></li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!--
    The entries named in the passages (paragraph, line, heading, note …) that name this one, the
    most often named first: bounded by the passages, not the texts (a text may name thousands).
  -->
  <xsl:template name="tp:entity-related">
    <xsl:param name="mentions" as="element()*"/>
    <xsl:variable name="self" select="."/>
    <xsl:variable name="passages" select="$mentions ! ancestor::*[self::tei:p or self::tei:ab or self::tei:l or self::tei:head
      or self::tei:note or self::tei:item or self::tei:cell or self::tei:quote or self::tei:div][1]"/>
    <xsl:variable name="others" select="$passages//*[@ref][tp:is-mention(.)]"/>
    <xsl:variable name="related" as="element()*">
      <xsl:for-each-group select="$others ! tp:mention-entry(.)[not(. is $self)]" group-by="generate-id(.)">
        <xsl:sort select="count(current-group())" order="descending"/>
        <xsl:sort select="tp:entry-sort-key(.)" collation="{$register-collation}"/>
        <xsl:sequence select="."/>
      </xsl:for-each-group>
    </xsl:variable>
    <xsl:if test="exists($related)">
      <section class="entity-related" aria-labelledby="entity-related-heading" data-pagefind-ignore="">
        <h2 id="entity-related-heading">{tp:l10n('entity-related-heading')}</h2>
        <ul class="entity-related-list">
          <xsl:for-each select="subsequence($related, 1, $entity-related-count)">
            <li class="{tp:entry-kind(.)}"><a href="{tp:entity-href(.)}">{tp:entry-name(.)}</a>
              <xsl:text> </xsl:text><span class="card-kind">{tp:l10n('kind-' || tp:entry-kind(.))}</span></li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>

  <!-- Register indexes -->

  <!-- The published entries of a register page, sorted as the index lists them. -->
  <xsl:function name="tp:register-entries" as="element()*" cache="yes">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="sort(tp:entries($edition, tp:page-kind($page))[tp:is-published(.)], $register-collation,
                               function ($e) { tp:entry-sort-key($e), tp:entry-anchor($e) })"/>
  </xsl:function>

  <!-- The file of page $n (1-based) of a paged list whose first page is "$name.html": "$name-2.html" … -->
  <xsl:function name="tp:paged-file" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n eq 1) then $name || '.html' else $name || '-' || $n || '.html'"/>
  </xsl:function>

  <!-- How many pages $count items take, $size a page (at least one). -->
  <xsl:function name="tp:page-count" as="xs:integer">
    <xsl:param name="count" as="xs:integer"/>
    <xsl:param name="size" as="xs:integer"/>
    <xsl:sequence select="max((1, xs:integer(ceiling($count div max((1, $size))))))"/>
  </xsl:function>

  <!-- The files of a register page's index ("persons.html", "persons-2.html" …). -->
  <xsl:function name="tp:register-index-files" as="xs:string*">
    <xsl:param name="edition" as="element(tp:edition)"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="(1 to tp:page-count(count(tp:register-entries($edition, $page)), $register-page-size)) ! tp:paged-file($page, .)"/>
  </xsl:function>

  <!-- The initial an entry is listed under: the first letter of its sort key, without accents, in capitals. -->
  <xsl:function name="tp:entry-initial" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="first" select="substring(replace(normalize-unicode(tp:entry-sort-key($entry), 'NFD'), '[^\p{L}\p{N}]', ''), 1, 1)"/>
    <xsl:sequence select="if ($first eq '') then '#' else upper-case($first)"/>
  </xsl:function>

  <!-- Page $n of the index of the register page $page (the content of main). -->
  <xsl:template name="tp:register-index">
    <xsl:param name="page" as="xs:string"/>
    <xsl:param name="n" as="xs:integer" select="1"/>
    <xsl:variable name="edition" select="tp:edition(.)"/>
    <xsl:variable name="entries" select="tp:register-entries($edition, $page)"/>
    <xsl:variable name="pages" select="tp:page-count(count($entries), $register-page-size)"/>
    <xsl:variable name="here" select="subsequence($entries, ($n - 1) * $register-page-size + 1, $register-page-size)"/>
    <h1>{tp:l10n('page-' || $page)}</h1>
    <p class="register-intro">{tp:l10n('register-index-intro')}</p>
    <p class="register-count">{tp:count-label(count($entries))}</p>
    <xsl:choose>
      <xsl:when test="empty($entries)">
        <p class="register-empty">{tp:l10n('register-empty')}</p>
      </xsl:when>
      <xsl:otherwise>
        <nav class="register-initials" aria-label="{tp:l10n('register-initials')}">
          <ul>
            <xsl:for-each-group select="$entries" group-adjacent="tp:entry-initial(.)">
              <xsl:variable name="on" select="(index-of($entries ! generate-id(.), generate-id(.))[1] - 1) idiv $register-page-size + 1"/>
              <li><a href="{if ($on eq $n) then '' else tp:paged-file($page, $on)}#initial-{tp:safe-id(current-grouping-key())}">{current-grouping-key()}</a></li>
            </xsl:for-each-group>
          </ul>
        </nav>
        <xsl:call-template name="tp:pager">
          <xsl:with-param name="name" select="$page"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="pages" select="$pages"/>
        </xsl:call-template>
        <!-- Where an old link's fragment (an entry on another page of the index) leads: assets/entity-index.js. -->
        <div class="register register-{$page} register-index" data-entity-prefix="{substring-before(tp:entity-href($entries[1]), encode-for-uri($entries[1]/@xml:id))}">
          <xsl:for-each-group select="$here" group-adjacent="tp:entry-initial(.)">
            <section class="register-initial" aria-labelledby="initial-{tp:safe-id(current-grouping-key())}">
              <h2 id="initial-{tp:safe-id(current-grouping-key())}">{current-grouping-key()}</h2>
              <ul class="register-rows">
                <xsl:apply-templates select="current-group()" mode="tp:register-row"/>
              </ul>
            </section>
          </xsl:for-each-group>
        </div>
        <xsl:call-template name="tp:pager">
          <xsl:with-param name="name" select="$page"/>
          <xsl:with-param name="n" select="$n"/>
          <xsl:with-param name="pages" select="$pages"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <script src="{$page-assets-href}entity-index.js" defer=""></script>
  </xsl:template>

  <!-- One row of a register index: its name (a link to its page), its dates, its number of mentions. -->
  <xsl:template match="*" mode="tp:register-row">
    <xsl:variable name="life" select="tp:entry-years(.)"/>
    <li class="register-row {tp:entry-kind(.)}" id="{tp:entry-anchor(.)}">
      <a class="register-name" href="{tp:entity-href(.)}">{tp:entry-inverted-name(.)}</a>
      <xsl:if test="exists($life)">
        <xsl:text> </xsl:text>
        <span class="register-dates">({$life})</span>
      </xsl:if>
      <xsl:text> </xsl:text>
      <span class="register-mentions" title="{tp:l10n('register-column-mentions')}">{tp:l10n('entry-mention-count', count(tp:mentions(.)))}</span>
    </li>
  </xsl:template>

  <!-- An entry's life in years, "1879–1940", "1879–", "?–1940"; empty when it has neither birth nor death. -->
  <xsl:function name="tp:entry-years" as="xs:string?">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="born" select="$entry/tei:birth[1] ! tp:event-year(.)"/>
    <xsl:variable name="died" select="$entry/tei:death[1] ! tp:event-year(.)"/>
    <xsl:sequence select="if (empty(($born, $died))) then () else ($born, '?')[1] || '–' || $died"/>
  </xsl:function>

  <!-- The year of a birth or death: of its date's first day, else its words. -->
  <xsl:function name="tp:event-year" as="xs:string?">
    <xsl:param name="event" as="element()"/>
    <xsl:sequence select="(tp:date-start($event) ! substring(., 1, 4), normalize-space($event)[. ne ''])[1]"/>
  </xsl:function>

  <!-- The links to the pages of a paged list ($name: the first page's name), when there are several. -->
  <xsl:template name="tp:pager">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="n" as="xs:integer"/>
    <xsl:param name="pages" as="xs:integer"/>
    <xsl:if test="$pages gt 1">
      <nav class="pager" aria-label="{tp:l10n('pages-label')}">
        <ul>
          <xsl:if test="$n gt 1">
            <li><a rel="prev" href="{tp:paged-file($name, $n - 1)}">{tp:l10n('pager-previous')}</a></li>
          </xsl:if>
          <xsl:for-each select="1 to $pages">
            <li>
              <a href="{tp:paged-file($name, .)}">
                <xsl:if test=". eq $n">
                  <xsl:attribute name="aria-current" select="'page'"/>
                </xsl:if>
                <xsl:text>{.}</xsl:text>
              </a>
            </li>
          </xsl:for-each>
          <xsl:if test="$n lt $pages">
            <li><a rel="next" href="{tp:paged-file($name, $n + 1)}">{tp:l10n('pager-next')}</a></li>
          </xsl:if>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- Relocation: a page made with links from the site's root, moved $depth folders down. -->
  <xsl:template match="node()" mode="tp:relocate">
    <xsl:copy>
      <xsl:apply-templates select="@* | node()" mode="tp:relocate"/>
    </xsl:copy>
  </xsl:template>

  <xsl:template match="@*" mode="tp:relocate">
    <xsl:copy/>
  </xsl:template>

  <!-- A relative link (not "#…", not "/…", not "scheme:…") goes up to the root first. -->
  <xsl:template match="@href[not(matches(., '^(#|/|[A-Za-z][A-Za-z0-9+.\-]*:)'))] | @src[not(matches(., '^(/|[A-Za-z][A-Za-z0-9+.\-]*:)'))]"
                mode="tp:relocate">
    <xsl:param name="up" as="xs:string" tunnel="yes"/>
    <xsl:attribute name="{name()}" select="$up || ."/>
  </xsl:template>

  <!-- A whole page as the file $file of the site: relocated when it is in a folder, serialized as HTML. -->
  <xsl:template name="tp:site-file">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="page" as="node()*"/>
    <xsl:variable name="depth" select="count(tokenize($file, '/')) - 1"/>
    <xsl:variable name="placed" as="node()*">
      <xsl:apply-templates select="$page" mode="tp:relocate">
        <xsl:with-param name="up" select="string-join((1 to $depth) ! '../')" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <tp:file name="{$file}">{serialize(if ($depth eq 0) then $page else $placed,
      map{'method': 'html', 'html-version': 5.0, 'encoding': 'UTF-8', 'indent': false(), 'include-content-type': false()})}</tp:file>
  </xsl:template>
</xsl:stylesheet>
