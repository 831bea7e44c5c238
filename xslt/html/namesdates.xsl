<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates in HTML.
  - A mention (persName, placeName, orgName, name, rs … with @ref) links to its
    entry's page (tp:entity-href): <a class="name person" href="persons/pers-x.html"
    title="Normalised, Name"> (or to the element it points to in a text).
    Calls of notes and apparatus items inside the name are moved after the
    link (links cannot nest).
  - A date is <time datetime="…"> with its attributes in words as title.
  - A register with every entry whole (names, dates or coordinates, note, authority
    links and every mention, grouped per text): the EPUB's register parts. The web
    edition's register pages are indexes of the entries' own pages (entity.xsl).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Mentions -->

  <xsl:template match="tei:*[@ref][tp:is-mention(.)]" priority="2">
    <xsl:param name="tp:in-link" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:param name="tp:ids" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:variable name="entry" select="tp:mention-entry(.)"/>
    <xsl:variable name="target" select="if (exists($entry)) then () else tp:resolve(., tokenize(normalize-space(@ref), ' ')[1])"/>
    <xsl:variable name="href" select="
      if (exists($entry)) then (if (tp:is-published-entry-of(., $entry)) then tp:href(., $entry) else ())
      else if (exists($target)) then tp:href(., $target)
      else ()"/>
    <xsl:variable name="kind" select="(($entry ! tp:entry-kind(.)), tp:mention-kind(.))[1]"/>
    <xsl:variable name="id" select="if ($tp:ids and exists(ancestor::tei:text) and (@xml:id or tp:locus-id(.) eq tp:mention-id(.)))
                                    then tp:mention-id(.) else ()"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not($tp:in-link)">
        <a href="{$href}">
          <xsl:call-template name="tp:mention-attributes">
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="entry" select="$entry"/>
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
          <xsl:apply-templates>
            <xsl:with-param name="tp:in-link" select="true()" tunnel="yes"/>
          </xsl:apply-templates>
        </a>
        <xsl:apply-templates select="tp:calls-within(.)" mode="tp:call"/>
      </xsl:when>
      <xsl:otherwise>
        <span>
          <xsl:call-template name="tp:mention-attributes">
            <xsl:with-param name="kind" select="$kind"/>
            <xsl:with-param name="entry" select="$entry"/>
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="tp:mention-attributes">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="entry" as="element()?"/>
    <xsl:param name="id" as="xs:string?"/>
    <xsl:param name="tp:web" as="xs:boolean" select="false()" tunnel="yes"/>
    <xsl:call-template name="tp:attributes">
      <xsl:with-param name="class" select="'name', $kind"/>
      <xsl:with-param name="id" select="$id"/>
      <xsl:with-param name="with-id" select="false()"/>
    </xsl:call-template>
    <xsl:if test="exists($entry)">
      <xsl:attribute name="title" select="tp:entry-name($entry)"/>
      <xsl:attribute name="data-entry" select="$entry/@xml:id"/>
      <!-- On the web page the entry's card (tp:entity-cards) describes the mention, for screen readers too. -->
      <xsl:if test="$tp:web and tp:is-published-entry-of(., $entry)">
        <xsl:attribute name="aria-describedby" select="'card-' || $entry/@xml:id"/>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!--
    The cards of the published register entries a text mentions, one per
    entry: normalised name (a link to the register), kind, dates or place,
    the register's note, authority links. Hidden; teipress.js shows a card on
    hover or focus of a mention; aria-describedby lets screen readers read it.
    Left out of the search index (the register pages are indexed).
  -->
  <xsl:template name="tp:entity-cards">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="entries" select="tp:text-entries($tei)"/>
    <xsl:if test="exists($entries)">
      <!-- Not indexed for search, but the title is the search page's filter by text and the names its filters by entity. -->
      <div class="entity-cards" hidden="" data-pagefind-ignore="">
        <span data-pagefind-filter="{tp:l10n('filter-text')}">{tp:pagefind-filter-value(tp:text-title($tei))}</span>
        <xsl:for-each select="$entries">
          <span data-pagefind-filter="{tp:l10n('page-' || tp:register-page(tp:entry-kind(.)))}">{tp:pagefind-filter-value(tp:entry-name(.))}</span>
        </xsl:for-each>
        <xsl:apply-templates select="$entries" mode="tp:card"/>
      </div>
    </xsl:if>
  </xsl:template>

  <!--
    A text as the content of a data-pagefind-filter element. Pagefind 1.5.2
    decodes character references in a filter value once more after the HTML
    parser has (measured: "&amp;lt;" in the page's text is stored as "<"), and
    its default interface inserts the stored value into the filter list as
    HTML. Escaped twice, the value is stored escaped once and the filter list
    shows the literal text: a name such as "Evil </script><img src=x>"
    creates no element. (The value in the index is then the escaped text: a
    script filtering through Pagefind's API must escape "&", "<" and ">".)
  -->
  <xsl:function name="tp:pagefind-filter-value" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="tp:escape-markup(tp:escape-markup($text))"/>
  </xsl:function>

  <!-- A text with the characters that HTML reads as markup ("&amp;", "&lt;", "&gt;") as character references. -->
  <xsl:function name="tp:escape-markup" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="$text => replace('&amp;', '&amp;amp;') => replace('&lt;', '&amp;lt;') => replace('&gt;', '&amp;gt;')"/>
  </xsl:function>

  <xsl:template match="*" mode="tp:card">
    <xsl:variable name="kind" select="tp:entry-kind(.)"/>
    <div class="entity-card {$kind}" id="card-{@xml:id}" role="tooltip">
      <p class="card-name"><a href="{tp:entity-href(.)}">{tp:entry-name(.)}</a>
        <xsl:text> </xsl:text>
        <span class="card-kind">{tp:l10n('kind-' || $kind)}</span></p>
      <xsl:variable name="life" select="(tei:birth, tei:death)[tp:date-value(.) or normalize-space()]"/>
      <xsl:if test="exists($life)">
        <p class="card-dates">
          <xsl:for-each select="$life">
            <xsl:if test="position() gt 1">; </xsl:if>
            <xsl:text>{tp:l10n(if (self::tei:birth) then 'entry-born' else 'entry-died')} </xsl:text>
            <xsl:apply-templates select="." mode="tp:register-event"/>
          </xsl:for-each>
        </p>
      </xsl:if>
      <xsl:for-each select="(tei:location/tei:geo, tei:geo)[normalize-space()][1]">
        <p class="card-dates">{tp:l10n('entry-coordinates')} {string-join(tokenize(normalize-space(translate(., ',', ' ')), ' '), ', ')}</p>
      </xsl:for-each>
      <xsl:for-each select="tei:note[1]">
        <p class="card-note"><xsl:apply-templates mode="tp:apparatus"/></p>
      </xsl:for-each>
      <xsl:variable name="authorities" select="tei:idno[exists(tp:authority-url(.))]"/>
      <xsl:if test="exists($authorities)">
        <p class="card-links">
          <xsl:for-each select="$authorities">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:variable name="label" select="tp:l10n('authority-' || lower-case(@type))"/>
            <a class="authority" href="{tp:authority-url(.)}">{if (starts-with($label, '[')) then tp:authority-url(.) else $label}</a>
          </xsl:for-each>
        </p>
      </xsl:if>
    </div>
  </xsl:template>

  <!-- Parts of a structured name written without spaces between them (<forename/><surname/>) are spaced. -->
  <xsl:template match="tei:forename | tei:surname | tei:addName | tei:genName | tei:roleName | tei:nameLink" priority="1">
    <xsl:if test="preceding-sibling::node()[1][self::tei:forename or self::tei:surname or self::tei:addName
                  or self::tei:genName or self::tei:roleName or self::tei:nameLink]">
      <xsl:text> </xsl:text>
    </xsl:if>
    <xsl:next-match/>
  </xsl:template>

  <!-- Names without @ref and their parts: spans. -->
  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:objectName | tei:name | tei:rs
                       | tei:roleName | tei:forename | tei:surname | tei:addName | tei:genName | tei:nameLink
                       | tei:settlement | tei:country | tei:region | tei:district | tei:bloc | tei:street">
    <span>
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name(),
          if (self::tei:persName | self::tei:placeName | self::tei:orgName | self::tei:geogName | self::tei:objectName | self::tei:name | self::tei:rs)
          then ('name', tp:mention-kind(.)) else ()"/>
      </xsl:call-template>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Dates -->

  <xsl:template match="tei:date | tei:time | tei:origDate">
    <xsl:variable name="value" select="tp:date-value(.)"/>
    <xsl:variable name="words" select="tp:date-description(.)"/>
    <xsl:element name="{if (tp:is-html-date($value) and not(tp:contains-blocks(.))) then 'time' else 'span'}">
      <xsl:call-template name="tp:attributes">
        <xsl:with-param name="class" select="'tei-' || local-name(),
          if (@from or @to or @notBefore or @notAfter) then 'date-range' else ()"/>
      </xsl:call-template>
      <xsl:if test="tp:is-html-date($value)">
        <xsl:attribute name="datetime" select="$value"/>
      </xsl:if>
      <xsl:for-each select="@from, @to, @notBefore, @notAfter">
        <xsl:attribute name="data-{lower-case(replace(local-name(), '([A-Z])', '-$1'))}" select="."/>
      </xsl:for-each>
      <xsl:if test="exists($words) and $words ne normalize-space(.) and normalize-space(.) ne ''">
        <xsl:attribute name="title" select="$words"/>
      </xsl:if>
      <xsl:apply-templates/>
      <xsl:if test="normalize-space(.) eq '' and not(*)">{($words, $value)[1]}</xsl:if>
    </xsl:element>
  </xsl:template>

  <!-- Register pages -->

  <!-- The content of a register page: heading, introduction, the published entries of $kind, sorted. -->
  <xsl:template name="tp:register-page">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:variable name="entries" select="tp:entries(., $kind)[tp:is-published(.)]"/>
    <h1>{tp:l10n('page-' || $page)}</h1>
    <p class="register-intro">{tp:l10n('register-intro')}</p>
    <p class="register-count">{tp:count-label(count($entries))}</p>
    <xsl:choose>
      <xsl:when test="empty($entries)">
        <p class="register-empty">{tp:l10n('register-empty')}</p>
      </xsl:when>
      <xsl:otherwise>
        <div class="register register-{$page}">
          <xsl:apply-templates select="$entries" mode="tp:register">
            <xsl:sort select="tp:entry-sort-key(.)" collation="{$register-collation}"/>
            <xsl:sort select="tp:entry-sort-key(.)"/>
            <xsl:sort select="tp:entry-anchor(.)"/>
          </xsl:apply-templates>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1 entry", "3 entries". -->
  <xsl:function name="tp:count-label" as="xs:string">
    <xsl:param name="n" as="xs:integer"/>
    <xsl:sequence select="if ($n eq 1) then tp:l10n('register-count-one') else tp:l10n('register-count', $n)"/>
  </xsl:function>

  <!-- One entry: name, facts (variants, dates, coordinates, authority files, mentions), note. -->
  <xsl:template match="*" mode="tp:register">
    <xsl:variable name="kind" select="tp:entry-kind(.)"/>
    <xsl:variable name="anchor" select="tp:entry-anchor(.)"/>
    <article class="entry {$kind}" id="{$anchor}">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang" select="tp:html-lang(@xml:lang)"/>
      </xsl:if>
      <h2 class="entry-name">{tp:entry-name(.)}</h2>
      <dl class="entry-facts">
        <xsl:call-template name="tp:entry-fact-items"/>
        <dt>{tp:l10n('entry-mentions')}</dt><xsl:text> </xsl:text>
        <dd class="entry-mentions">
          <xsl:call-template name="tp:entry-mentions"/>
        </dd><xsl:text> </xsl:text>
      </dl>
      <xsl:for-each select="tei:note">
        <div class="entry-note">
          <xsl:call-template name="tp:attributes">
            <xsl:with-param name="class" select="'entry-note'"/>
            <xsl:with-param name="with-id" select="false()"/>
          </xsl:call-template>
          <xsl:apply-templates/>
        </div>
      </xsl:for-each>
    </article>
  </xsl:template>

  <!-- The facts of an entry as dt/dd pairs of a dl: variant names, birth and death, coordinates, authority files. -->
  <xsl:template name="tp:entry-fact-items">
    <xsl:variable name="variants" select="tp:variant-names(.)[normalize-space()]"/>
    <xsl:if test="exists($variants)">
      <dt>{tp:l10n('entry-variants')}</dt><xsl:text> </xsl:text>
      <dd class="entry-variants">
        <xsl:for-each select="$variants">
          <xsl:if test="position() gt 1">; </xsl:if>
          <span class="variant">{tp:name-string(.)}</span>
        </xsl:for-each>
      </dd><xsl:text> </xsl:text>
    </xsl:if>
    <xsl:for-each select="tei:birth, tei:death">
      <dt>{tp:l10n(if (self::tei:birth) then 'entry-born' else 'entry-died')}</dt><xsl:text> </xsl:text>
      <dd class="entry-{local-name()}"><xsl:apply-templates select="." mode="tp:register-event"/></dd><xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:for-each select="(tei:location/tei:geo, tei:geo)[normalize-space()][1]">
      <xsl:variable name="ll" select="tokenize(normalize-space(translate(., ',', ' ')), ' ')"/>
      <dt>{tp:l10n('entry-coordinates')}</dt><xsl:text> </xsl:text>
      <dd class="entry-geo">
        <xsl:choose>
          <xsl:when test="count($ll) eq 2 and ($ll[1] castable as xs:double) and ($ll[2] castable as xs:double)">
            <a class="geo" href="https://www.openstreetmap.org/?mlat={$ll[1]}&amp;mlon={$ll[2]}#map=12/{$ll[1]}/{$ll[2]}"
               data-lat="{$ll[1]}" data-long="{$ll[2]}">{$ll[1]}, {$ll[2]}</a>
          </xsl:when>
          <xsl:otherwise>{normalize-space(.)}</xsl:otherwise>
        </xsl:choose>
      </dd><xsl:text> </xsl:text>
    </xsl:for-each>
    <xsl:variable name="authorities" select="tei:idno[exists(tp:authority-url(.))]"/>
    <xsl:if test="exists($authorities)">
      <dt>{tp:l10n('entry-authorities')}</dt><xsl:text> </xsl:text>
      <dd class="entry-authorities">
        <xsl:for-each select="$authorities">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:variable name="label" select="tp:l10n('authority-' || lower-case(@type))"/>
          <a class="authority authority-{lower-case(@type)}" href="{tp:authority-url(.)}">{if (starts-with($label, '[')) then tp:authority-url(.) else $label}</a>
        </xsl:for-each>
      </dd><xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Birth and death: their words, else the date of @when in words; @when as datetime. -->
  <xsl:template match="*" mode="tp:register-event">
    <xsl:variable name="value" select="tp:date-value(.)"/>
    <xsl:choose>
      <xsl:when test="normalize-space(.) ne ''">
        <xsl:apply-templates/>
      </xsl:when>
      <xsl:when test="tp:is-html-date($value)">
        <time datetime="{$value}">{tp:date-description(.)}</time>
      </xsl:when>
      <xsl:otherwise>{($value, '?')[1]}</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Every mention of the entry, grouped per text in edition order:
    <li class="mention-group" data-text="ID"><cite class="mention-text"><a href="ID.html">Title</a></cite>,
    <a class="mention" href="ID.html#p-3">§ 3</a> …</li>; several mentions at one locus make one link with a count.
  -->
  <xsl:template name="tp:entry-mentions">
    <ul class="mention-groups">
      <xsl:for-each-group select="tp:mentions(.)" group-adjacent="string(tp:part(.)/@id)">
        <xsl:variable name="text" select="tp:part(.)"/>
        <xsl:variable name="title" select="tp:text-title(tp:tei($text))"/>
        <li class="mention-group" data-text="{$text/@id}">
          <cite class="mention-text"><a href="{tp:file-href($text/@html)}">{$title}</a></cite>
          <xsl:for-each-group select="current-group()" group-by="tp:locus-id(.)">
            <xsl:text>, </xsl:text>
            <a class="mention" href="{tp:file-href($text/@html)}#{tp:locus-id(.)}" title="{$title}, {tp:locus-label(.)}">{tp:locus-label(.)}</a>
            <xsl:if test="count(current-group()) gt 1">
              <xsl:text> </xsl:text>
              <span class="mention-count">({tp:l10n('entry-mention-count', count(current-group()))})</span>
            </xsl:if>
          </xsl:for-each-group>
        </li>
      </xsl:for-each-group>
    </ul>
  </xsl:template>
</xsl:stylesheet>
