<?xml version="1.0" encoding="UTF-8"?>
<!--
  What an element is, whatever the output: a block, an inline phrase, a heading,
  a note, or a milestone (an empty point such as pb or lb). Outputs decide how
  each kind looks; the generic fallback of every output relies on tp:display()
  so that an element no template knows is rendered with its content, never dropped.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- Elements that are always blocks. -->
  <xsl:variable name="tp:block-names" as="xs:string+" select="(
    'p', 'ab', 'div', 'div1', 'div2', 'div3', 'div4', 'div5', 'div6', 'div7',
    'lg', 'l', 'sp', 'speaker', 'spGrp', 'list', 'item', 'table', 'row', 'figure', 'figDesc',
    'castList', 'castGroup', 'castItem', 'titlePage', 'docTitle', 'titlePart', 'byline', 'docAuthor',
    'docImprint', 'docEdition', 'argument', 'epigraph', 'trailer', 'postscript', 'opener', 'closer',
    'floatingText', 'front', 'body', 'back', 'group', 'text', 'listBibl', 'listPerson', 'listPlace',
    'listOrg', 'listEvent', 'listObject', 'listWit', 'listApp', 'listRelation', 'person', 'personGrp',
    'place', 'org', 'event', 'object', 'witness', 'biblStruct', 'msDesc', 'egXML', 'eg', 'set',
    'move', 'view', 'camera', 'sound', 'caption', 'entry', 'superEntry', 'standOff',
    'sourceDoc', 'surface', 'zone', 'facsimile', 'line', 'notatedMusic', 'spanGrp', 'linkGrp')"/>

  <!-- Elements that are always phrases inside a block. -->
  <xsl:variable name="tp:inline-names" as="xs:string+" select="(
    'hi', 'emph', 'foreign', 'term', 'gloss', 'mentioned', 'soCalled', 'title', 'q', 'name',
    'persName', 'placeName', 'orgName', 'geogName', 'objectName', 'rs', 'roleName', 'forename',
    'surname', 'addName', 'genName', 'nameLink', 'settlement', 'country', 'region', 'district',
    'bloc', 'street', 'date', 'time', 'num', 'measure', 'abbr', 'expan', 'sic', 'corr', 'orig',
    'reg', 'choice', 'app', 'lem', 'rdg', 'rdgGrp', 'wit', 'supplied', 'unclear', 'damage', 'add',
    'del', 'subst', 'mod', 'restore', 'retrace', 'surplus', 'secl', 'ex', 'am', 'gap', 'space',
    'handShift', 'ref', 'ptr', 'seg', 'w', 'pc', 'c', 'g', 'graphic', 'anchor', 'idno', 'email',
    'affiliation', 'age', 'metamark', 'catchword', 'fw', 'distinct', 'code', 'gi', 'att', 'val',
    'tag', 'ident', 'formula', 'interp', 'index', 'link', 'span', 'author',
    'editor', 'publisher', 'pubPlace', 'biblScope', 'edition', 'said', 'cb', 'unit', 'locus',
    'material', 'origDate', 'origPlace', 'stamp', 'watermark', 'origin')"/>

  <!-- Containers: their element children are blocks even when they are ambiguous. -->
  <xsl:variable name="tp:container-names" as="xs:string+" select="(
    'text', 'body', 'front', 'back', 'group', 'floatingText', 'div', 'div1', 'div2', 'div3', 'div4',
    'div5', 'div6', 'div7', 'sp', 'spGrp', 'lg', 'list', 'listBibl', 'titlePage', 'opener', 'closer',
    'postscript', 'argument', 'epigraph', 'figure', 'castList', 'castGroup', 'table', 'row',
    'listPerson', 'listPlace', 'listOrg', 'listEvent', 'listObject', 'person', 'place', 'org',
    'event', 'object', 'standOff', 'msDesc')"/>

  <!-- Empty points in the text: page, line and column breaks, milestones. -->
  <xsl:variable name="tp:milestone-names" as="xs:string+" select="('pb', 'lb', 'cb', 'milestone', 'gb')"/>

  <!-- The kind of each known name ('milestone', 'block' or 'inline'), for a look-up per element instead of a scan of the lists. -->
  <xsl:variable name="tp:display-of-name" as="map(xs:string, xs:string)" select="map:merge((
    $tp:milestone-names ! map {.: 'milestone'}, $tp:block-names ! map {.: 'block'}, $tp:inline-names ! map {.: 'inline'}),
    map {'duplicates': 'use-first'})"/>

  <!-- The container names as map keys. -->
  <xsl:variable name="tp:is-container-name" as="map(xs:string, xs:boolean)" select="map:merge($tp:container-names ! map {.: true()})"/>

  <!--
    What $el is: 'block', 'inline', 'heading', 'note' or 'milestone'.
    Known names decide; an ambiguous or unknown element (quote, bibl, stage,
    dateline, a foreign-namespace element) is a block when its parent is a
    container or when one of its children is a block, else inline.
    Cached: templates ask it of an element and of its descendants again and again.
  -->
  <xsl:function name="tp:display" as="xs:string" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="name" select="local-name($el)"/>
    <xsl:sequence select="
      if ($name eq 'note') then 'note'
      else if ($name eq 'head') then 'heading'
      else if (map:contains($tp:display-of-name, $name)) then $tp:display-of-name($name)
      else if (map:contains($tp:is-container-name, local-name($el/..))) then 'block'
      else if (some $c in $el/* satisfies tp:display($c) = ('block', 'heading')) then 'block'
      else 'inline'"/>
  </xsl:function>

  <!-- True when $el is shown as a block (a block or a heading). -->
  <xsl:function name="tp:is-block" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="tp:display($el) = ('block', 'heading')"/>
  </xsl:function>

  <!-- True when a block or heading lies inside $el (not counting note contents, shown elsewhere). -->
  <xsl:function name="tp:contains-blocks" as="xs:boolean" cache="yes">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="some $c in $el/*[not(self::tei:note)]
      satisfies (tp:is-block($c) or tp:contains-blocks($c))"/>
  </xsl:function>

  <!-- The rendition tokens of $el (@rend words, @rendition fragment ids), as class-safe names
       (asked of every element rendered: most have neither attribute, and skip the regular expressions). -->
  <xsl:function name="tp:rend-tokens" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="if (empty($el/(@rend | @rendition))) then () else (tokenize(normalize-space($el/@rend), '\s+'),
                           for $r in tokenize(normalize-space($el/@rendition), '\s+') return replace($r, '^.*#', ''))
                          [. ne ''] ! replace(lower-case(.), '[^a-z0-9_-]+', '-')"/>
  </xsl:function>
</xsl:stylesheet>
