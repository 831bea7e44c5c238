<?xml version="1.0" encoding="UTF-8"?>
<!--
  Alternative readings, whatever the output: which branch of an app or choice
  the reading text shows (views.xsl decides; here: whether a node is on that
  path), what the apparatus entry of an item lists against it, how witnesses and
  responsibilities are named.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!--
    True when the reading view shows $node: every app above it shows the
    branch holding it (tp:reading-reading), every choice above it likewise
    (tp:choice-branch in the 'reading' view).
  -->
  <xsl:function name="tp:on-reading-path" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="
      (every $r in $node/ancestor::*[self::tei:lem or self::tei:rdg][ancestor::tei:app]
        satisfies $r is tp:reading-reading($r/ancestor::tei:app[1]))
      and (every $b in $node/ancestor::*[parent::tei:choice]
        satisfies $b is tp:choice-branch($b/parent::tei:choice, 'reading'))"/>
  </xsl:function>

  <!-- The readings an apparatus entry of $app sets against the lemma: every lem or rdg but the one shown. -->
  <xsl:function name="tp:other-readings" as="element()*">
    <xsl:param name="app" as="element(tei:app)"/>
    <xsl:sequence select="($app/tei:lem | $app/tei:rdg | $app/tei:rdgGrp/tei:rdg) except tp:reading-reading($app)"/>
  </xsl:function>

  <!-- The branches of a choice the entry sets against the one shown. -->
  <xsl:function name="tp:other-branches" as="element()*">
    <xsl:param name="choice" as="element(tei:choice)"/>
    <xsl:sequence select="$choice/* except tp:choice-branch($choice, 'reading')"/>
  </xsl:function>

  <!-- The kind of an apparatus item: 'app', 'sic', 'orig', 'abbr', 'choice' (other pairs) or 'supplied'. -->
  <xsl:function name="tp:apparatus-kind" as="xs:string">
    <xsl:param name="item" as="element()"/>
    <xsl:sequence select="
      if ($item/self::tei:app) then 'app'
      else if ($item/self::tei:supplied) then 'supplied'
      else if ($item/tei:sic) then 'sic'
      else if ($item/tei:orig) then 'orig'
      else if ($item/tei:abbr) then 'abbr'
      else 'choice'"/>
  </xsl:function>

  <!-- The siglum of witness $id in the text holding $context: the witness's @n, else its xml:id. -->
  <xsl:function name="tp:siglum" as="xs:string">
    <xsl:param name="context" as="node()"/>
    <xsl:param name="id" as="xs:string"/>
    <xsl:variable name="w" select="tp:resolve($context, '#' || $id)[self::tei:witness]"/>
    <xsl:sequence select="string(($w/@n[normalize-space()], $id)[1])"/>
  </xsl:function>

  <!-- The sigla of the witnesses in $el/@wit, in order. -->
  <xsl:function name="tp:sigla" as="xs:string*">
    <xsl:param name="el" as="element()"/>
    <xsl:sequence select="for $w in tokenize(normalize-space($el/@wit), ' ')
      return tp:siglum($el, replace($w, '^.*#', ''))"/>
  </xsl:function>

  <!--
    Who answers for $el (its @resp, else its parent's when that is a choice or
    app): the editors' abbreviation ("ed.") when @resp points at an editor or
    respStmt of the header, the target's @n when it has one, else the bare id.
  -->
  <xsl:function name="tp:resp-label" as="xs:string?">
    <xsl:param name="el" as="element()"/>
    <xsl:variable name="resp" select="($el/@resp, $el/parent::tei:choice/@resp, $el/parent::tei:app/@resp)[1]"/>
    <xsl:sequence select="if (empty($resp)) then () else string-join(
      for $r in tokenize(normalize-space($resp), ' ') return
      let $t := tp:resolve($el, if (contains($r, '#') or tp:is-external($r)) then $r else '#' || $r)
      return if ($t/@n) then string($t/@n)
        else if ($t/ancestor-or-self::*[self::tei:editor or self::tei:respStmt or self::tei:titleStmt]) then tp:l10n('resp-editors')
        else replace($r, '^.*#', ''), ', ')"/>
  </xsl:function>

  <!-- The label of a choice branch in the apparatus ("sic", "orig.", "abbr." …), or '' for none. -->
  <!-- The words for a supplied/@reason: its string of l10n.xml, else the value with its hyphens as spaces. -->
  <xsl:function name="tp:reason-words" as="xs:string">
    <xsl:param name="reason" as="xs:string"/>
    <xsl:variable name="key" select="'reason-' || normalize-space($reason)"/>
    <xsl:sequence select="if (starts-with(tp:l10n($key), '[')) then translate(normalize-space($reason), '-_', '  ') else tp:l10n($key)"/>
  </xsl:function>

  <xsl:function name="tp:branch-label" as="xs:string">
    <xsl:param name="branch" as="element()"/>
    <xsl:variable name="key" select="'label-' || local-name($branch)"/>
    <xsl:sequence select="if (starts-with(tp:l10n($key), '[')) then '' else tp:l10n($key)"/>
  </xsl:function>
</xsl:stylesheet>
