<?xml version="1.0" encoding="UTF-8"?>
<!--
  Localisation: every user-facing string comes from l10n.xml through tp:l10n();
  teipress passes the file's document as the parameter l10n-strings.
  Shared by every output; no template here, only the look-up.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  xmlns:tp="https://teipress.org/ns"
  exclude-result-prefixes="#all">

  <!--
    Language of the interface strings (a language of l10n.xml; English is the fallback): [edition] language
    of teipress.toml, which reaches every transformation as @language of the source's tp:edition root;
    'en' for a source without one (a TEI file on its own). A text's xml:lang never changes it.
  -->
  <xsl:param name="l10n-lang" as="xs:string" select="string((/tp:edition/@language[. ne ''], 'en')[1])"/>

  <!-- The strings (l10n.xml of this folder), parsed and handed over by teipress: a stylesheet reads no file. -->
  <xsl:param name="l10n-strings" as="document-node()" required="yes"/>

  <xsl:variable name="tp:l10n-doc" as="document-node()" select="$l10n-strings"/>

  <!--
    Every string by its key, made once per transformation (tp:l10n runs hundreds of
    times a page): the interface language's string, else the English one; of several
    strings of a key in a language, the first (an override folder's come first).
  -->
  <xsl:variable name="tp:l10n-map" as="map(xs:string, xs:string)" select="tp:strings-map($tp:l10n-doc)"/>

  <!-- The strings of a strings file (l10n.xml) by key, as tp:l10n-map holds them. -->
  <xsl:function name="tp:strings-map" as="map(xs:string, xs:string)">
    <xsl:param name="doc" as="document-node()"/>
    <xsl:sequence select="map:merge(($doc//tp:s[../@xml:lang = $l10n-lang], $doc//tp:s[../@xml:lang = 'en'])
      ! map {string(@key): string(.)}, map {'duplicates': 'use-first'})"/>
  </xsl:function>

  <!-- The string $key in the interface language, else in English, else '[key]'. -->
  <xsl:function name="tp:l10n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="($tp:l10n-map($key), '[' || $key || ']')[1]"/>
  </xsl:function>

  <!-- The string $key with {1}, {2} … replaced by the items of $args. -->
  <xsl:function name="tp:l10n" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <xsl:sequence select="tp:fill(tp:l10n($key), $args, 1)"/>
  </xsl:function>

  <xsl:function name="tp:fill" as="xs:string">
    <xsl:param name="template" as="xs:string"/>
    <xsl:param name="args" as="xs:anyAtomicType*"/>
    <xsl:param name="i" as="xs:integer"/>
    <xsl:sequence select="if ($i gt count($args)) then $template
      else tp:fill(tp:replace-all($template, '{' || $i || '}', string($args[$i])), $args, $i + 1)"/>
  </xsl:function>

  <!-- $text with every $placeholder replaced by $value, left to right, as plain strings (no regular expression to build per call). -->
  <xsl:function name="tp:replace-all" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="placeholder" as="xs:string"/>
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="if (not(contains($text, $placeholder))) then $text
      else substring-before($text, $placeholder) || $value || tp:replace-all(substring-after($text, $placeholder), $placeholder, $value)"/>
  </xsl:function>

  <!--
    ISO 639-2/639-3 codes that have an ISO 639-1 equivalent, with that equivalent (639-2/B codes too).
    BCP 47, which HTML's lang follows, wants the two-letter code where one exists: "fra" is not a valid
    tag, "fr" is. Data: ISO 639-2 and 639-3 as published by the iso-codes project.
  -->
  <xsl:variable name="tp:iso639-1" as="map(xs:string, xs:string)" select="map {
      'aar': 'aa', 'abk': 'ab', 'afr': 'af', 'aka': 'ak', 'alb': 'sq', 'amh': 'am', 'ara': 'ar', 'arg': 'an',
      'arm': 'hy', 'asm': 'as', 'ava': 'av', 'ave': 'ae', 'aym': 'ay', 'aze': 'az', 'bak': 'ba', 'bam': 'bm',
      'baq': 'eu', 'bel': 'be', 'ben': 'bn', 'bih': 'bh', 'bis': 'bi', 'bod': 'bo', 'bos': 'bs', 'bre': 'br',
      'bul': 'bg', 'bur': 'my', 'cat': 'ca', 'ces': 'cs', 'cha': 'ch', 'che': 'ce', 'chi': 'zh', 'chu': 'cu',
      'chv': 'cv', 'cor': 'kw', 'cos': 'co', 'cre': 'cr', 'cym': 'cy', 'cze': 'cs', 'dan': 'da', 'deu': 'de',
      'div': 'dv', 'dut': 'nl', 'dzo': 'dz', 'ell': 'el', 'eng': 'en', 'epo': 'eo', 'est': 'et', 'eus': 'eu',
      'ewe': 'ee', 'fao': 'fo', 'fas': 'fa', 'fij': 'fj', 'fin': 'fi', 'fra': 'fr', 'fre': 'fr', 'fry': 'fy',
      'ful': 'ff', 'geo': 'ka', 'ger': 'de', 'gla': 'gd', 'gle': 'ga', 'glg': 'gl', 'glv': 'gv', 'gre': 'el',
      'grn': 'gn', 'guj': 'gu', 'hat': 'ht', 'hau': 'ha', 'hbs': 'sh', 'heb': 'he', 'her': 'hz', 'hin': 'hi',
      'hmo': 'ho', 'hrv': 'hr', 'hun': 'hu', 'hye': 'hy', 'ibo': 'ig', 'ice': 'is', 'ido': 'io', 'iii': 'ii',
      'iku': 'iu', 'ile': 'ie', 'ina': 'ia', 'ind': 'id', 'ipk': 'ik', 'isl': 'is', 'ita': 'it', 'jav': 'jv',
      'jpn': 'ja', 'kal': 'kl', 'kan': 'kn', 'kas': 'ks', 'kat': 'ka', 'kau': 'kr', 'kaz': 'kk', 'khm': 'km',
      'kik': 'ki', 'kin': 'rw', 'kir': 'ky', 'kom': 'kv', 'kon': 'kg', 'kor': 'ko', 'kua': 'kj', 'kur': 'ku',
      'lao': 'lo', 'lat': 'la', 'lav': 'lv', 'lim': 'li', 'lin': 'ln', 'lit': 'lt', 'ltz': 'lb', 'lub': 'lu',
      'lug': 'lg', 'mac': 'mk', 'mah': 'mh', 'mal': 'ml', 'mao': 'mi', 'mar': 'mr', 'may': 'ms', 'mkd': 'mk',
      'mlg': 'mg', 'mlt': 'mt', 'mon': 'mn', 'mri': 'mi', 'msa': 'ms', 'mya': 'my', 'nau': 'na', 'nav': 'nv',
      'nbl': 'nr', 'nde': 'nd', 'ndo': 'ng', 'nep': 'ne', 'nld': 'nl', 'nno': 'nn', 'nob': 'nb', 'nor': 'no',
      'nya': 'ny', 'oci': 'oc', 'oji': 'oj', 'ori': 'or', 'orm': 'om', 'oss': 'os', 'pan': 'pa', 'per': 'fa',
      'pli': 'pi', 'pol': 'pl', 'por': 'pt', 'pus': 'ps', 'que': 'qu', 'roh': 'rm', 'ron': 'ro', 'rum': 'ro',
      'run': 'rn', 'rus': 'ru', 'sag': 'sg', 'san': 'sa', 'sin': 'si', 'slk': 'sk', 'slo': 'sk', 'slv': 'sl',
      'sme': 'se', 'smo': 'sm', 'sna': 'sn', 'snd': 'sd', 'som': 'so', 'sot': 'st', 'spa': 'es', 'sqi': 'sq',
      'srd': 'sc', 'srp': 'sr', 'ssw': 'ss', 'sun': 'su', 'swa': 'sw', 'swe': 'sv', 'tah': 'ty', 'tam': 'ta',
      'tat': 'tt', 'tel': 'te', 'tgk': 'tg', 'tgl': 'tl', 'tha': 'th', 'tib': 'bo', 'tir': 'ti', 'ton': 'to',
      'tsn': 'tn', 'tso': 'ts', 'tuk': 'tk', 'tur': 'tr', 'twi': 'tw', 'uig': 'ug', 'ukr': 'uk', 'urd': 'ur',
      'uzb': 'uz', 'ven': 've', 'vie': 'vi', 'vol': 'vo', 'wel': 'cy', 'wln': 'wa', 'wol': 'wo', 'xho': 'xh',
      'yid': 'yi', 'yor': 'yo', 'zha': 'za', 'zho': 'zh', 'zul': 'zu'
    }"/>

  <!-- The two-letter codes themselves: a two-letter code outside them (e.g. "sp") is no language of BCP 47. -->
  <xsl:variable name="tp:iso639-1-codes" as="xs:string*" select="distinct-values(map:for-each($tp:iso639-1, function($k, $v) { $v }))"/>

  <!--
    The lang attribute of HTML for a TEI @xml:lang: a three-letter language subtag with a two-letter
    equivalent becomes that ("fra-FR" gives "fr-FR"); a two-letter subtag that names no language
    gives '' (HTML's "language unknown"), since a wrong tag is worse than none; anything else stays.
  -->
  <xsl:function name="tp:html-lang" as="xs:string" cache="yes">
    <xsl:param name="code" as="xs:string?"/>
    <xsl:variable name="primary" select="lower-case(replace(normalize-space($code), '-.*$', ''))"/>
    <xsl:variable name="rest" select="substring(normalize-space($code), string-length($primary) + 1)"/>
    <xsl:sequence select="
      if (map:contains($tp:iso639-1, $primary)) then $tp:iso639-1($primary) || $rest
      else if (string-length($primary) eq 2 and not($primary = $tp:iso639-1-codes)) then ''
      else normalize-space($code)"/>
  </xsl:function>

</xsl:stylesheet>
