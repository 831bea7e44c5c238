<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names and dates, whatever the output: what a mention is and of what kind,
  which register entry it points to, the normalised name and sort key of an
  entry, which entries are published (mentioned by a text), authority links,
  and readable forms of ISO dates.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- Collation of register sorting: Unicode collation, accents secondary ("Cárdenas" near "Cardenas"). -->
  <xsl:param name="register-collation" as="xs:string"
    select="'http://www.w3.org/2013/collation/UCA?lang=en;strength=secondary;fallback=yes'"/>

  <!--
    The elements of the texts with @ref, by the normalised pointer ("registers.xml#pers-x") of each URI of
    their @ref: tp:ref-keys written out, because Saxon keeps a key's index from one transformation to the
    next on the same document only when its use calls no stylesheet function (nor a global variable). The
    edition's pages are many transformations of one document: with tp:ref-keys called here, each built the
    index again (a second at 1,000 letters). tests/xslt/test_lookups.py holds it to tp:ref-keys.
  -->
  <xsl:key name="tp:ref-targets" match="tp:text//tei:text//*[@ref]" use="
    for $u in tokenize(normalize-space(@ref), ' ')
    return if (substring-after($u, '#') eq '' or matches($u, '^[a-zA-Z][a-zA-Z0-9+.\-]*:')) then ()
    else tokenize(replace(if (starts-with($u, '#')) then string(ancestor::*[self::tp:text or self::tp:registers][1]/@src)
                          else substring-before($u, '#'), '[?#].*$', ''), '[/\\]')[last()] || '#' || substring-after($u, '#')"/>

  <!-- Names that mention a register entry: the name elements of the kinds (lists.xml), and the generic ones. -->
  <xsl:variable name="tp:mention-names" as="xs:string+"
    select="($tp:pages/tp:kind/@names ! tokenize(.), 'name', 'rs')"/>

  <!-- True when $el is a mention: a name element with @ref. -->
  <xsl:function name="tp:is-mention" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el/@ref[normalize-space()]) and exists($el/self::tei:*) and local-name($el) = $tp:mention-names"/>
  </xsl:function>

  <!-- The kind a mention names: by its TEI element (a name element of a kind), else by its @type
       (a mention-type of a kind, in any case), else 'name'. -->
  <xsl:function name="tp:mention-kind" as="xs:string" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="((if ($el/self::tei:*) then key('tp:kind-by-name', local-name($el), $lists) else (),
      key('tp:kind-by-type', lower-case(string($el/@type)), $lists))[1]/@name ! string(), 'name')[1]"/>
  </xsl:function>

  <!--
    The kind of a register entry ('person', 'place', 'org', 'object'), or empty
    when $el is none. Register entries are the list entries of the registers
    files (tp:registers); lists inside a text are part of that text.
  -->
  <xsl:function name="tp:entry-kind" as="xs:string?" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="
      if (empty($el/ancestor::tp:registers) or empty($el/self::tei:*)) then ()
      else for $kind in key('tp:kind-by-entry', local-name($el), $lists)
        return $kind[exists($el/ancestor::tei:*[local-name() eq $kind/@list])]/@name ! string()"/>
  </xsl:function>

  <!-- The register page of a kind (lists.xml): 'person' is listed on 'persons' … -->
  <xsl:function name="tp:register-page" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="string(tp:kind($kind)/../@name)"/>
  </xsl:function>

  <!-- The kind of the entries a register page lists; empty for a page that is no register. -->
  <xsl:function name="tp:page-kind" as="xs:string?">
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="key('tp:page', $page, $lists)/tp:kind/@name ! string()"/>
  </xsl:function>

  <!-- The href of the register page of a kind: "persons.html". -->
  <xsl:function name="tp:register-href" as="xs:string">
    <xsl:param name="kind" as="xs:string"/>
    <xsl:sequence select="tp:register-page($kind) || '.html'"/>
  </xsl:function>

  <!--
    The page of a register entry, relative to the site's root: the folder named after its
    register page, the file after its xml:id ("persons/pers-trotsky.html"). No text page
    ("{text-id}.html": an id holds no "/") nor other page of the edition can take that name.
    The build reads an entity page's id back from its file name (teipress.entity_units).
  -->
  <xsl:function name="tp:entity-file" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tp:register-page(tp:entry-kind($entry)) || '/' || $entry/@xml:id || '.html'"/>
  </xsl:function>

  <!-- The href of an entry's page from the site's root: every link to an entry goes through this function. -->
  <xsl:function name="tp:entity-href" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tp:file-href(tp:entity-file($entry))"/>
  </xsl:function>

  <!-- The anchor of an entry on its register page: its xml:id. -->
  <xsl:function name="tp:entry-anchor" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="string($entry/@xml:id)"/>
  </xsl:function>

  <!-- Every register entry of a kind in the registers of the edition, published or not. -->
  <xsl:function name="tp:entries" as="element()*" cache="yes">
    <xsl:param name="edition" as="node()"/>
    <xsl:param name="kind" as="xs:string"/>
    <xsl:variable name="registers" select="root($edition)//tp:registers"/>
    <xsl:variable name="of" select="tp:kind($kind)"/>
    <xsl:sequence select="if (empty($of)) then ()
      else $registers//tei:*[local-name() eq $of/@list]//tei:*[local-name() = tokenize($of/@entries)][@xml:id]"/>
  </xsl:function>

  <!-- True when the edition has a page for the register $page: its registers have entries of that kind. -->
  <xsl:function name="tp:has-register-page" as="xs:boolean">
    <xsl:param name="edition" as="node()"/>
    <xsl:param name="page" as="xs:string"/>
    <xsl:sequence select="exists(tp:entries($edition, tp:page-kind($page)))"/>
  </xsl:function>

  <!-- The pages of lists.xml that the edition has, in site order: every page but a register page without
       entries and an optional page its rule does not call for. -->
  <xsl:function name="tp:edition-pages" as="xs:string*" cache="yes">
    <xsl:param name="edition" as="node()"/>
    <xsl:sequence select="$tp:pages[empty(tp:kind) or tp:has-register-page($edition, @name)]
                                   [not(@optional = 'yes') or tp:has-optional-page($edition, .)]/@name ! string()"/>
  </xsl:function>

  <!-- An optional page (optional="yes") is the edition's when its rule in this mode gives true (e.g. html/network.xsl);
       without a rule it is not. -->
  <xsl:mode name="tp:page-present" on-no-match="deep-skip"/>

  <xsl:function name="tp:has-optional-page" as="xs:boolean">
    <xsl:param name="edition" as="node()"/>
    <xsl:param name="page" as="element(tp:page)"/>
    <xsl:variable name="present" as="xs:boolean*">
      <xsl:apply-templates select="$page" mode="tp:page-present">
        <xsl:with-param name="edition" select="root($edition)/tp:edition" tunnel="yes"/>
      </xsl:apply-templates>
    </xsl:variable>
    <xsl:sequence select="$present = true()"/>
  </xsl:function>

  <!-- The mentions of an entry in the texts of the edition, in document order. -->
  <xsl:function name="tp:mentions" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if (root($entry) instance of document-node())
      then key('tp:ref-targets', tp:element-key($entry), root($entry))[tp:is-mention(.)] else ()"/>
  </xsl:function>

  <!--
    True when an entry is published: some text mentions it. An edition document that holds some of
    the texts only (the pages of a few entries: teipress.edition_document) declares the entries the
    texts mention, @published-entries of its tp:edition.
  -->
  <xsl:function name="tp:is-published" as="xs:boolean" cache="yes">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="declared" select="root($entry)/tp:edition/@published-entries"/>
    <xsl:sequence select="exists($entry/@xml:id) and (if (exists($declared))
      then map:contains(tp:declared-entries($declared), string($entry/@xml:id)) else exists(tp:mentions($entry)))"/>
  </xsl:function>

  <!-- The ids of @published-entries, as a map: made once per document. -->
  <xsl:function name="tp:declared-entries" as="map(xs:string, xs:boolean)" cache="yes">
    <xsl:param name="declared" as="attribute()"/>
    <xsl:sequence select="map:merge(tokenize($declared) ! map{string(.): true()})"/>
  </xsl:function>

  <!--
    True when $entry, the entry $mention points to (tp:mention-entry), is published. A mention in
    the text of a tp:text is one of that entry's mentions itself (the key tp:mentions holds the
    normalised pointer of each URI of its @ref, and the one that resolved names $entry), so the key,
    whose index a text page would build for this alone, is asked only of a mention elsewhere (in a header).
  -->
  <xsl:function name="tp:is-published-entry-of" as="xs:boolean">
    <xsl:param name="mention" as="element()"/>
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="exists($mention/ancestor::tei:text[ancestor::tp:text]) or tp:is-published($entry)"/>
  </xsl:function>

  <!-- The published register entries the mentions in the text of $tei point to, each once, in document order. -->
  <xsl:function name="tp:text-entries" as="element()*">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="(for $m in $tei/tei:text//*[@ref][tp:is-mention(.)] return tp:mention-entry($m)[tp:is-published-entry-of($m, .)]) | ()"/>
  </xsl:function>

  <!-- The register entry a mention points to (first URI of @ref that resolves to an entry). -->
  <xsl:function name="tp:mention-entry" as="element()?" cache="yes">
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(for $u in tokenize(normalize-space($mention/@ref), ' ')
      return tp:resolve($mention, $u)[exists(tp:entry-kind(.))])[1]"/>
  </xsl:function>

  <!-- The name elements of an entry: those of its kind (persName for a person …; lists.xml), then its tei:name. -->
  <xsl:function name="tp:entry-names" as="element()*" cache="yes">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="kind" select="if ($entry/self::tei:*) then key('tp:kind-by-entry', local-name($entry), $lists) else ()"/>
    <xsl:variable name="names" select="tokenize($kind/@names)"/>
    <xsl:sequence select="
      if ($kind/@names-nested = 'yes') then $entry//tei:*[local-name() = $names]
      else $entry/tei:*[local-name() = $names], $entry/tei:name"/>
  </xsl:function>

  <!-- The main name element of an entry: type="main", else the first name. -->
  <xsl:function name="tp:main-name" as="element()?" cache="yes">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="names" select="tp:entry-names($entry)"/>
    <xsl:sequence select="($names[@type = 'main'], $names[not(@type = 'variant')], $names)[1]"/>
  </xsl:function>

  <!-- The variant names of an entry, every name but the main one. -->
  <xsl:function name="tp:variant-names" as="element()*">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="tp:entry-names($entry) except tp:main-name($entry)"/>
  </xsl:function>

  <!-- A name element as one string; parts without spaces between them ("<forename/><surname/>") are joined by a space. -->
  <xsl:function name="tp:name-string" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:sequence select="if (empty($name)) then ''
      else if ($name/*[not(self::tei:note)] and not($name/text()[normalize-space()]))
        then normalize-space(string-join($name/*[not(self::tei:note)] ! normalize-space(.), ' '))
      else normalize-space(string-join($name/(text() | *[not(self::tei:note)]), ''))"/>
  </xsl:function>

  <!-- The normalised name of an entry: its main name, else its id. -->
  <xsl:function name="tp:entry-name" as="xs:string" cache="yes">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="n" select="tp:name-string(tp:main-name($entry))"/>
    <xsl:sequence select="if ($n ne '') then $n else string($entry/@xml:id)"/>
  </xsl:function>

  <!-- The sort key of an entry: its earliest day then its name for a kind sorted by date (sort="date" in
       lists.xml: events), surname then forename for persons that have them, else the normalised name. -->
  <xsl:function name="tp:entry-sort-key" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="tp:main-name($entry)"/>
    <xsl:sequence select="
      if (tp:kind(tp:entry-kind($entry))/@sort = 'date' and exists(tp:date-start($entry)))
        then string-join((tp:date-start($entry), tp:date-end($entry), tp:entry-name($entry)), ' ')
      else if ($main/tei:surname)
      then normalize-space(string-join(($main/tei:surname, $main/tei:forename), ' '))
      else tp:entry-name($entry)"/>
  </xsl:function>

  <!--
    An entry's name as an index gives it, in the order it is sorted: "Alfaro Siqueiros, David" for
    a person whose main name marks its surname, else the name as it stands.
  -->
  <xsl:function name="tp:entry-inverted-name" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:variable name="main" select="tp:main-name($entry)"/>
    <xsl:variable name="rest" select="normalize-space(string-join($main/(tei:forename | tei:addName | tei:genName), ' '))"/>
    <xsl:sequence select="if ($main/tei:surname and $rest ne '')
      then normalize-space(string-join($main/tei:surname, ' ')) || ', ' || $rest
      else tp:entry-name($entry)"/>
  </xsl:function>

  <!-- The URL of an authority record (idno type wikidata, geonames, viaf, or an idno that is a URL). -->
  <xsl:function name="tp:authority-url" as="xs:string?">
    <xsl:param name="idno" as="element()"/>
    <xsl:variable name="v" select="normalize-space($idno)"/>
    <xsl:variable name="type" select="lower-case(string($idno/@type))"/>
    <xsl:sequence select="
      if ($v eq '') then ()
      else if (matches($v, '^https?://')) then $v
      else if ($type eq 'wikidata') then 'https://www.wikidata.org/wiki/' || replace($v, '^.*/', '')
      else if ($type eq 'geonames') then 'https://www.geonames.org/' || replace($v, '^.*/', '')
      else if ($type eq 'viaf') then 'https://viaf.org/viaf/' || replace($v, '^.*/', '')
      else ()"/>
  </xsl:function>

  <!-- True when an ISO value (YYYY, YYYY-MM, YYYY-MM-DD, or a full dateTime) suits HTML's datetime. -->
  <xsl:function name="tp:is-html-date" as="xs:boolean">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:sequence select="matches(string($iso), '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+\-]\d{2}:\d{2})?)?)?)?$')"/>
  </xsl:function>

  <!--
    An ISO date in words in the interface language: "14 February 1931", "February 1931", "1931"; other
    values as given. Month names and the order of day, month and year come from l10n.xml (date-day-month-year,
    date-month-year, month-1 … month-12, date-first-day): Saxon-HE names months in English only.
  -->
  <xsl:function name="tp:format-date" as="xs:string" cache="yes">
    <xsl:param name="iso" as="xs:string?"/>
    <xsl:variable name="v" select="normalize-space($iso)"/>
    <xsl:variable name="day" select="if ($v castable as xs:date) then $v
      else if (matches($v, '^\d{4}-\d{2}-\d{2}T') and substring($v, 1, 10) castable as xs:date) then substring($v, 1, 10)
      else ()"/>
    <xsl:sequence select="
      if (exists($day)) then tp:l10n('date-day-month-year', (tp:day-in-words(day-from-date(xs:date($day))),
        tp:l10n('month-' || month-from-date(xs:date($day))), year-from-date(xs:date($day))))
      else if ($v castable as xs:gYearMonth) then tp:l10n('date-month-year',
        (tp:l10n('month-' || month-from-date(xs:date($v || '-01'))), year-from-date(xs:date($v || '-01'))))
      else $v"/>
  </xsl:function>

  <!-- The day of a month as a date writes it: "1er" for French's first, else the number. -->
  <xsl:function name="tp:day-in-words" as="xs:string">
    <xsl:param name="day" as="xs:integer"/>
    <xsl:sequence select="if ($day eq 1) then tp:l10n('date-first-day') else string($day)"/>
  </xsl:function>

  <!-- The machine-readable value of a date element: @when, else @from, @notBefore … (first that is set). -->
  <xsl:function name="tp:date-value" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="($date/@when, $date/@when-iso, $date/@from, $date/@notBefore, $date/@to, $date/@notAfter)[normalize-space()][1] ! string()"/>
  </xsl:function>

  <!--
    The earliest and the latest day a date element can mean, as YYYY-MM-DD
    strings that sort in time order: "1929" runs from 1929-01-01 to 1929-12-31,
    "1929-01" from 1929-01-01 to 1929-01-31 (31 for every month: only the
    order matters); ranges and vague dates from @from/@notBefore to
    @to/@notAfter. Empty for a date without a usable value. Memoised: the chronology's pages and
    datasets ask them of each of thousands of dates several times (filter, period, sort, row).
  -->
  <xsl:function name="tp:date-start" as="xs:string?" cache="yes">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="v" select="($date/@when, $date/@from, $date/@notBefore, $date/@to, $date/@notAfter)[matches(normalize-space(.), '^\d{4}(-\d{2}(-\d{2})?)?')][1] ! substring(normalize-space(.), 1, 10)"/>
    <xsl:sequence select="if (empty($v)) then () else if (string-length($v) eq 4) then $v || '-01-01'
      else if (string-length($v) eq 7) then $v || '-01' else $v"/>
  </xsl:function>

  <xsl:function name="tp:date-end" as="xs:string?" cache="yes">
    <xsl:param name="date" as="element()"/>
    <xsl:variable name="v" select="($date/@when, $date/@to, $date/@notAfter, $date/@from, $date/@notBefore)[matches(normalize-space(.), '^\d{4}(-\d{2}(-\d{2})?)?')][1] ! substring(normalize-space(.), 1, 10)"/>
    <xsl:sequence select="if (empty($v)) then () else if (string-length($v) eq 4) then $v || '-12-31'
      else if (string-length($v) eq 7) then $v || '-31' else $v"/>
  </xsl:function>

  <!-- A date element's attributes in words: "14 February 1931 to 20 February 1931", "between … and …". -->
  <xsl:function name="tp:date-description" as="xs:string?">
    <xsl:param name="date" as="element()"/>
    <xsl:sequence select="
      if ($date/@when) then tp:format-date($date/@when)
      else if ($date/@from and $date/@to) then tp:l10n('date-range', (tp:format-date($date/@from), tp:format-date($date/@to)))
      else if ($date/@from) then tp:l10n('date-from', tp:format-date($date/@from))
      else if ($date/@to) then tp:l10n('date-to', tp:format-date($date/@to))
      else if ($date/@notBefore and $date/@notAfter) then tp:l10n('date-between', (tp:format-date($date/@notBefore), tp:format-date($date/@notAfter)))
      else if ($date/@notBefore) then tp:l10n('date-not-before', tp:format-date($date/@notBefore))
      else if ($date/@notAfter) then tp:l10n('date-not-after', tp:format-date($date/@notAfter))
      else ()"/>
  </xsl:function>
</xsl:stylesheet>
