<?xml version="1.0" encoding="UTF-8"?>
<!--
  Rendering conventions (teipress.conventions): which convention a text follows
  and the signs each one uses. The signs themselves are strings of l10n.xml
  (keys sign-*); the rules of the outputs (html/leiden.xsl, html/diplomatic.xsl,
  print/leiden.xsl) and the How to read page take them from the functions here,
  so a sign is stated once.

  'leiden' follows the Leiden conventions as the EpiDoc Guidelines give them
  (Krummrey and Panciera 1980; Panciera 1991): [abc] lost and restored,
  ⟨abc⟩ omitted by the scribe, [abc?] restored with doubt, a(bc) an expansion,
  abc(- - -) an abbreviation not resolved, [- - -] a lacuna of unknown extent,
  [. . .] one dot per lost letter, . . . illegible letters, ạḅc̣ unclear letters,
  ⟦abc⟧ erased, {abc} superfluous, line numbers every fifth line.
  'diplomatic' keeps the signs of what the source does not let one read
  (lacunae, unclear letters, erasures, line numbers) and shows the source's side.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!--
    The convention of the text holding $node: the edition's setting
    (tp:edition/@conventions) when given, else 'leiden' for an EpiDoc text
    (marked @tp:epidoc by teipress), else 'default'.
  -->
  <xsl:function name="tp:conventions" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="given" select="string(root($node)/tp:edition/@conventions)"/>
    <xsl:sequence select="if ($given ne '') then $given
      else if ($node/ancestor-or-self::*[@tp:epidoc = 'true']) then 'leiden' else 'default'"/>
  </xsl:function>

  <!-- True when $node's text follows the Leiden conventions. -->
  <xsl:function name="tp:leiden" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="tp:conventions($node) eq 'leiden'"/>
  </xsl:function>

  <!-- True when $node's text shows the signs of what cannot be read (Leiden and diplomatic). -->
  <xsl:function name="tp:reading-signs" as="xs:boolean">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="tp:conventions($node) = ('leiden', 'diplomatic')"/>
  </xsl:function>

  <!-- The view a text page opens in: the diplomatic one under the diplomatic convention. -->
  <xsl:function name="tp:first-view" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="if (tp:conventions($node) eq 'diplomatic') then 'diplomatic' else 'reading'"/>
  </xsl:function>

  <!-- A sign: the string sign-$name of l10n.xml. -->
  <xsl:function name="tp:sign" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:sequence select="tp:l10n('sign-' || $name)"/>
  </xsl:function>

  <!--
    The sign of a supplied element: 'omitted' (⟨ ⟩) for text the scribe left out,
    'undefined' (underlined letters) for text restored from a parallel copy or a
    previous editor without saying whether it is lost, else 'lost' ([ ]).
  -->
  <xsl:function name="tp:supplied-sign" as="xs:string">
    <xsl:param name="supplied" as="element()"/>
    <xsl:sequence select="if ($supplied/@reason = ('omitted', 'undefined')) then string($supplied/@reason) else 'lost'"/>
  </xsl:function>

  <!--
    The sign of a gap: its @reason ('lost': in brackets; 'illegible': without),
    @unit (characters, lines or another unit), @quantity (one dot per letter;
    'c. n' when @precision is low) or @extent (unknown: dashes). () for any
    other reason (an editor's omission keeps the default sign).
  -->
  <xsl:function name="tp:gap-sign" as="xs:string?">
    <xsl:param name="gap" as="element()"/>
    <xsl:variable name="quantity" select="$gap/@quantity[. castable as xs:integer] ! xs:integer(.)"/>
    <xsl:sequence select="tp:gap-sign(string($gap/@reason), ($gap/@unit, 'character')[1], $quantity, $gap/@precision = 'low')"/>
  </xsl:function>

  <xsl:function name="tp:gap-sign" as="xs:string?">
    <xsl:param name="reason" as="xs:string"/>
    <xsl:param name="unit" as="xs:string"/>
    <xsl:param name="quantity" as="xs:integer?"/>
    <xsl:param name="circa" as="xs:boolean"/>
    <xsl:variable name="inner" select="
      if ($unit eq 'line') then tp:sign('gap-line')
      else if ($unit eq 'character' and exists($quantity) and $circa) then tp:l10n('sign-gap-circa', $quantity)
      else if ($unit eq 'character' and exists($quantity)) then string-join((1 to $quantity) ! tp:sign('gap-letter'), ' ')
      else tp:sign('gap-unknown')"/>
    <xsl:variable name="lines" select="if ($unit eq 'line' and exists($quantity)) then $quantity else 1"/>
    <xsl:sequence select="
      if ($reason eq 'lost' and not($unit eq 'line' and empty($quantity)))
        then string-join((1 to $lines) ! (tp:sign('lost-open') || $inner || tp:sign('lost-close')), ' ')
      else if ($reason = ('lost', 'illegible')) then string-join((1 to $lines) ! $inner, ' ')
      else ()"/>
  </xsl:function>

  <!-- $text with a dot below (U+0323) after each letter, as Leiden marks letters read with doubt. -->
  <xsl:function name="tp:underdotted" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="tp:marked($text, tp:sign('underdot'))"/>
  </xsl:function>

  <!-- $text with the combining sign $mark after each letter (and its own combining signs). -->
  <xsl:function name="tp:marked" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="mark" as="xs:string"/>
    <xsl:sequence select="replace($text, '([^\s\p{M}]\p{M}*)', '$1' || $mark)"/>
  </xsl:function>

  <!-- The signs a convention uses, in the order How to read lists them. -->
  <xsl:function name="tp:signs" as="xs:string*">
    <xsl:param name="convention" as="xs:string"/>
    <xsl:sequence select="
      if ($convention eq 'leiden') then ('lost', 'omitted', 'uncertain', 'undefined', 'expan', 'abbr', 'gap-unknown',
        'gap-letters', 'gap-illegible', 'unclear', 'erasure', 'surplus', 'line-numbers')
      else if ($convention eq 'diplomatic') then ('gap-unknown', 'gap-letters', 'gap-illegible', 'unclear',
        'erasure', 'line-numbers')
      else ()"/>
  </xsl:function>

  <!-- A sign as How to read shows it, built from the same strings and functions the rules use. -->
  <xsl:function name="tp:sign-example" as="xs:string">
    <xsl:param name="name" as="xs:string"/>
    <xsl:variable name="letters" select="tp:l10n('sign-example-letters')"/>
    <xsl:sequence select="
      if ($name = ('lost', 'omitted', 'erasure', 'surplus')) then tp:sign($name || '-open') || $letters || tp:sign($name || '-close')
      else if ($name eq 'uncertain') then tp:sign('lost-open') || $letters || tp:sign('uncertain') || tp:sign('lost-close')
      else if ($name eq 'expan') then substring($letters, 1, 1) || tp:sign('ex-open') || substring($letters, 2) || tp:sign('ex-close')
      else if ($name eq 'abbr') then $letters || tp:sign('abbr-unresolved')
      else if ($name eq 'gap-unknown') then tp:gap-sign('lost', 'character', (), false())
      else if ($name eq 'gap-letters') then tp:gap-sign('lost', 'character', 3, false())
      else if ($name eq 'gap-illegible') then tp:gap-sign('illegible', 'character', 3, false())
      else if ($name eq 'unclear') then tp:underdotted($letters)
      else if ($name eq 'undefined') then tp:marked($letters, tp:sign('underline'))
      else if ($name eq 'line-numbers') then string($tp:line-number-every)
      else ''"/>
  </xsl:function>

  <!-- Line numbers (lb/@n) stand at the first line of a block and at every fifth line. -->
  <xsl:variable name="tp:line-number-every" as="xs:integer" select="5"/>
</xsl:stylesheet>
