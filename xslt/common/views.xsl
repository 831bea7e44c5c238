<?xml version="1.0" encoding="UTF-8"?>
<!--
  Which text a view shows. Every output imports this module: the reading view
  follows the edited text (corr, reg, expan, lem, supplied), the diplomatic view
  the source as received (sic, orig, abbr, the copy-text witness's readings).
  The copy-text is the first witness of sourceDesc/listWit (see tei/README.md).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- The id of the copy-text witness of the document holding $node, or ''. -->
  <xsl:function name="tp:copy-text" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string(($node/ancestor-or-self::tei:TEI[1]/tei:teiHeader//tei:sourceDesc//tei:listWit//tei:witness)[1]/@xml:id)"/>
  </xsl:function>

  <!-- True when $rdg (a lem or rdg) is the reading of the copy-text witness. -->
  <xsl:function name="tp:is-copy-text-reading" as="xs:boolean">
    <xsl:param name="rdg" as="element()"/>
    <xsl:variable name="wit" select="tp:copy-text($rdg)"/>
    <xsl:sequence select="$wit ne '' and
      (some $w in tokenize(normalize-space($rdg/@wit), ' ') satisfies substring-after($w, '#') eq $wit)"/>
  </xsl:function>

  <!-- The branch of an app the diplomatic view follows: the copy-text's reading, else the lemma. -->
  <xsl:function name="tp:diplomatic-reading" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="(($app/(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg))[tp:is-copy-text-reading(.)],
                           $app/tei:lem, $app/tei:rdg)[1]"/>
  </xsl:function>

  <!-- The branch of an app the reading view follows: the lemma, else the first reading. -->
  <xsl:function name="tp:reading-reading" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/tei:lem, $app/tei:rdg, $app/tei:rdgGrp/tei:rdg)[1]"/>
  </xsl:function>

  <!-- The branch of a choice each view follows. -->
  <xsl:function name="tp:choice-branch" as="element()?">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="if ($view eq 'diplomatic')
      then ($choice/(tei:sic | tei:orig | tei:abbr | tei:unclear), $choice/*)[1]
      else ($choice/(tei:corr | tei:reg | tei:expan | tei:unclear), $choice/*)[1]"/>
  </xsl:function>

  <!--
    Alternatives encoded without a choice (valid TEI): a source-side element
    (sic, orig, abbr, am) next to its edited-side partner (corr, reg, expan,
    ex), with at most white space between them, in any parent but choice.
    Each view shows one side of such a pair, as it would of a choice; without
    this both sides reached the reading text and every word came out twice.
    Runs pair off greedily from the left (abbr expan abbr expan is two pairs,
    orig reg reg a pair and a lone reg), so no element is left out of its text.
  -->
  <xsl:variable name="tp:pair-partner" as="map(xs:string, xs:string)" select="map {
    'sic': 'corr', 'corr': 'sic', 'orig': 'reg', 'reg': 'orig',
    'abbr': 'expan', 'expan': 'abbr', 'am': 'ex', 'ex': 'am'}"/>

  <!-- True for the source side of a pair (the side the diplomatic view and the witnesses read). -->
  <xsl:function name="tp:is-source-side" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="exists($el[self::tei:sic or self::tei:orig or self::tei:abbr or self::tei:am])"/>
  </xsl:function>

  <!-- The element just before $el with only white space (or comments) between them, if it is its pair partner. -->
  <xsl:function name="tp:adjacent-partner-before" as="element()?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="prev" select="$el/preceding-sibling::*[1]"/>
    <xsl:sequence select="$prev[namespace-uri(.) eq namespace-uri($el)]
      [$tp:pair-partner(local-name($el)) eq local-name(.)]
      [not($el/parent::tei:choice)]
      [every $n in ($el/preceding-sibling::node() intersect following-sibling::node())
        satisfies ($n/self::comment() or $n/self::processing-instruction() or ($n/self::text() and normalize-space($n) eq ''))]"/>
  </xsl:function>

  <!-- True when $el closes a pair with the element before it (which does not already close one). -->
  <xsl:function name="tp:pairs-with-previous" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="prev" select="tp:adjacent-partner-before($el)"/>
    <xsl:sequence select="exists($prev) and not(tp:pairs-with-previous($prev))"/>
  </xsl:function>

  <!-- The pair without a choice that $el belongs to (source or edited side, in document order), or (). -->
  <xsl:function name="tp:sibling-pair" as="element()*">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="next" select="$el/following-sibling::*[1]"/>
    <xsl:sequence select="
      if (not($el/self::tei:*) or not(map:contains($tp:pair-partner, local-name($el)))) then ()
      else if (tp:pairs-with-previous($el)) then (tp:adjacent-partner-before($el), $el)
      else if (exists($next) and tp:adjacent-partner-before($next) is $el and tp:pairs-with-previous($next)) then ($el, $next)
      else ()"/>
  </xsl:function>

  <!-- True when view $view ('reading', 'diplomatic' or a witness id) shows $el, a member of a pair without a choice. -->
  <xsl:function name="tp:pair-member-shown" as="xs:boolean">
    <xsl:param name="el" as="element()"/>
    <xsl:param name="view" as="xs:string"/>
    <xsl:sequence select="($view eq 'reading') ne tp:is-source-side($el)"/>
  </xsl:function>

  <!--
    The views a text offers: 'reading', 'diplomatic', then one per witness of its listWit (the
    witness's xml:id) when its text has an apparatus: without one a witness view would be the
    diplomatic view again, offered twice.
  -->
  <xsl:function name="tp:views" as="xs:string+" cache="yes">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="'reading', 'diplomatic',
      $tei/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:listWit//tei:witness/@xml:id[normalize-space()]
        [exists($tei/tei:text//tei:app)] ! string()"/>
  </xsl:function>

  <!--
    The branch of an app that witness $wit reads: the lem or rdg whose @wit
    names it; when none does, the lemma (an apparatus names only the witnesses
    that differ, so an unnamed witness agrees with the lemma).
  -->
  <xsl:function name="tp:witness-reading" as="element()?">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:param name="wit" as="xs:string"/>
    <xsl:sequence select="(($app/(tei:lem | tei:rdg | tei:rdgGrp/tei:rdg))
      [some $w in tokenize(normalize-space(@wit), ' ') satisfies replace($w, '^.*#', '') eq $wit],
      $app/tei:lem, tp:reading-reading($app))[1]"/>
  </xsl:function>

  <!--
    The views that show $branch (a lem or rdg of an app, a child of a choice,
    a member of a pair without a choice):
    'reading', 'diplomatic' and witness ids. A witness reads the source side of
    a choice (sic, orig, abbr), as the diplomatic view does.
  -->
  <xsl:function name="tp:branch-views" as="xs:string*">
    <xsl:param name="branch" as="element()"/>
    <xsl:variable name="views" select="tp:views($branch/ancestor::tei:TEI[1])"/>
    <xsl:variable name="app" select="$branch/ancestor::tei:app[1][$branch/(parent::tei:app | parent::tei:rdgGrp)]"/>
    <xsl:variable name="choice" select="$branch/parent::tei:choice"/>
    <xsl:variable name="pair" select="tp:sibling-pair($branch)"/>
    <xsl:sequence select="
      if (exists($app)) then (
        'reading'[$branch is tp:reading-reading($app)],
        'diplomatic'[$branch is tp:diplomatic-reading($app)],
        $views[position() gt 2][$branch is tp:witness-reading($app, .)])
      else if (exists($choice)) then (
        'reading'[$branch is tp:choice-branch($choice, 'reading')],
        if ($branch is tp:choice-branch($choice, 'diplomatic')) then $views[position() gt 1] else ())
      else if (exists($pair)) then $views[tp:pair-member-shown($branch, .)]
      else $views"/>
  </xsl:function>

  <!-- An editorial note: commentary by the editors, not part of the source. -->
  <xsl:function name="tp:is-editorial-note" as="xs:boolean">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="$note/@type = ('editorial', 'commentary') or exists($note/@resp)"/>
  </xsl:function>
</xsl:stylesheet>
