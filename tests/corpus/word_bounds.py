"""How many of each character a view of a TEI text may show: bounds counted from the TEI.

The house rule is "a reader sees every word of the TEI text once, in each view". A view
shows one branch of each alternative (choice, app, a sibling pair without a choice), so
for every character the count shown must lie between the sum, over the text, of the
fewest any branch carries and the sum of the most any branch carries. Text a view may
leave out (a deletion, a note, a supplied passage, an image description) counts 0 to all
of it. A count above the upper bound is text doubled; below the lower bound, text lost.

The pairing of siblings is written here from the rule in xslt/common/views.xsl
(tp:sibling-pair), not taken from it, so that the test checks the stylesheets."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

TEI_NS = "http://www.tei-c.org/ns/1.0"

# Source side -> edited side, and back: the pairs that may stand without a choice.
PARTNER = {"sic": "corr", "orig": "reg", "abbr": "expan", "am": "ex"}
PARTNER.update({v: k for k, v in list(PARTNER.items())})

# Text a view may leave out of the reading text: deletions (reading view), supplied text and
# the editors' expansions of abbreviations (ex; the diplomatic view of a Leiden or diplomatic
# edition shows the abbreviation as written), notes (their own section), descriptions that are
# not the text.
OPTIONAL = {"del", "note", "supplied", "ex", "figDesc", "witDetail", "graphic", "gap"}

# Register entries inside a text, shown as their parts joined by separators.
ENTRIES = {"person", "place", "org", "event", "personGrp", "object"}

# The mark a gap leaves in a view (l10n gap-text), at most once per gap.
GAP_MARK = "[…]"

# Interface text inside the reading text (calls, numbers, brackets, marks), hidden
# before reading a view's words so that only the text is counted.
HIDE_UI = (".app-call, .note-call, .para-num, .block-label, .also-told, .bracket, .sic-mark,"
           " .tei-gap, .line-num, .tei-pb, .tei-milestone, .visually-hidden, .figure-absent { display: none !important; }")


def characters(text: str) -> Counter:
    """Give the count of each character of ``text`` but white space."""
    return Counter(ch for ch in text if not ch.isspace())


@dataclass
class Bounds:
    """The fewest and the most of each character a view of a text may show."""

    low: Counter = field(default_factory=Counter)
    high: Counter = field(default_factory=Counter)
    alternatives: int = 0

    def add(self, other: "Bounds") -> None:
        self.low.update(other.low)
        self.high.update(other.high)
        self.alternatives += other.alternatives

    def add_text(self, text: str | None) -> None:
        if text:
            counted = characters(text)
            self.low.update(counted)
            self.high.update(counted)

    def check(self, shown: str) -> tuple[dict, dict]:
        """Give (doubled, lost): characters shown more often than any branch allows, and
        fewer times than every branch needs, each with how many too many or too few."""
        counted = characters(shown)
        doubled = {ch: counted[ch] - n for ch, n in self.high.items() if counted[ch] > n}
        lost = {ch: n - counted[ch] for ch, n in self.low.items() if counted[ch] < n}
        return doubled, lost


def _name(el) -> str | None:
    if not isinstance(el.tag, str) or not el.tag.startswith("{" + TEI_NS + "}"):
        return None
    return etree.QName(el).localname


def _adjacent(a, b) -> bool:
    """True when only white space (or comments) stands between sibling elements a and b."""
    if a.tail and a.tail.strip():
        return False
    node = a.getnext()
    while node is not None and node is not b:
        if isinstance(node.tag, str) or (node.tail and node.tail.strip()):
            return False
        node = node.getnext()
    return node is b


def _sibling_pairs(parent) -> dict:
    """Give each member of a pair without a choice among parent's children -> its pair,
    pairing runs greedily from the left (abbr expan abbr expan: two pairs)."""
    if _name(parent) == "choice":
        return {}
    pairs = {}
    children = [c for c in parent if isinstance(c.tag, str)]
    for before, after in zip(children, children[1:]):
        name, other = _name(before), _name(after)
        if (name in PARTNER and PARTNER[name] == other and before not in pairs
                and _adjacent(before, after)):
            pairs[before] = pairs[after] = (before, after)
    return pairs


def _alternative(branches) -> Bounds:
    """One alternative: per character the fewest and the most of its branches."""
    result = Bounds(alternatives=1)
    counted = [bounds(b) for b in branches]
    for ch in set().union(*(c.high for c in counted)) if counted else ():
        result.low[ch] = min(c.low[ch] for c in counted)
        result.high[ch] = max(c.high[ch] for c in counted)
    result.alternatives += sum(c.alternatives for c in counted)
    return result


def _app_branches(el) -> list:
    """The readings of an app or rdgGrp, those of a group among them."""
    out = []
    for c in el:
        if _name(c) in ("lem", "rdg"):
            out.append(c)
        elif _name(c) == "rdgGrp":
            out.extend(_app_branches(c))
    return out


def bounds(el) -> Bounds:
    """Give the bounds of element ``el`` (its text, its children's, not its tail)."""
    name = _name(el)
    if name == "choice":
        return _alternative([c for c in el if isinstance(c.tag, str)])
    if name in ("app", "rdgGrp"):
        return _alternative(_app_branches(el))
    result = Bounds()
    result.add_text(el.text)
    pairs = _sibling_pairs(el)
    for child in el:
        if isinstance(child.tag, str):
            pair = pairs.get(child)
            if pair is not None:
                if child is pair[0]:
                    result.add(_alternative(pair))
            else:
                inner = bounds(child)
                if _name(child) in OPTIONAL:
                    inner.low = Counter()
                if _name(child) in ENTRIES:
                    # A register entry's parts are listed with "; " between them (html/namesdates.xsl).
                    inner.high[";"] += len(child)
                if child.tag == "{http://www.tei-c.org/ns/Examples}egXML":
                    # An example is shown as code: its markup may appear besides its text.
                    inner.high.update(characters(etree.tostring(child, encoding="unicode", with_tail=False)))
                if _name(child) in ("gi", "tag"):
                    # An element name is shown in angle brackets: <emph>.
                    inner.high.update("<>")
                if _name(child) == "ptr":
                    # An empty pointer is shown by its target ("#LL1_16_note1"): text it may add.
                    inner.high.update(characters(child.get("target", "")))
                if _name(child) == "gap":
                    # A gap may be marked in the text ("[…]" in the export and the page).
                    inner.high.update(characters(GAP_MARK))
                result.add(inner)
        result.add_text(child.tail)
    return result


def text_bounds(root) -> Bounds:
    """Give the bounds of the <text> elements of a TEI document (header excluded)."""
    result = Bounds()
    for text in root.iterfind("{%s}text" % TEI_NS):
        result.add(bounds(text))
    return result


def text_pages(out: Path) -> dict[str, Path]:
    """Give each text page of a built site by the file name of its TEI source (its "TEI
    source" link): texts that share an xml:id get pages of their own."""
    pages = {}
    link = '//article[contains(@class, "edition-text")]//a[@class="format-tei"]/@href'
    for page in out.glob("*.html"):
        for href in html.parse(str(page)).getroot().xpath(link):
            pages[href.rsplit("/", 1)[-1]] = page
    return pages


def describe(doubled: dict, lost: dict) -> str:
    """A short account of a failure: the characters most doubled and most lost."""
    top = lambda d: dict(sorted(d.items(), key=lambda kv: -kv[1])[:6])  # noqa: E731
    return f"doubled {top(doubled)}, lost {top(lost)}"


# Generated cases: pairs without a choice of each kind, in w, seg and p, nested, in a poem.
# Words differ letter by letter between the two sides, so a doubled or a lost side
# shows in the character counts. Each case: (name, body, reading words, diplomatic words).
KINDS = {  # source side, edited side, source text, edited text
    "orig-reg": ("orig", "reg", "colour", "color"),
    "sic-corr": ("sic", "corr", "teh", "the"),
    "abbr-expan": ("abbr", "expan", "Dr", "Doctor"),
    "am-ex": ("am", "ex", "~", "omin"),
}

MINIMAL_HEADER = """<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
<publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"""


def tei_document(body: str, xml_id: str) -> str:
    """A small TEI document with ``body`` as the content of its <body>."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<TEI xmlns="{TEI_NS}" xml:id="{xml_id}">'
            f"{MINIMAL_HEADER}<text><body>{body}</body></text></TEI>\n")


def generated_cases() -> list[tuple[str, str, str, str]]:
    """Give the generated cases as (name, body, reading text, diplomatic text)."""
    cases = []
    for kind, (src, ed, s, e) in KINDS.items():
        pair = f"<{src}>{s}</{src}><{ed}>{e}</{ed}>"
        reversed_pair = f"<{ed}>{e}</{ed}> <{src}>{s}</{src}>"
        cases += [
            (f"w-{kind}", f"<p>one <w>{pair}</w> two</p>", f"one {e} two", f"one {s} two"),
            (f"seg-{kind}", f"<p>one <seg>{reversed_pair}</seg> two</p>", f"one {e} two", f"one {s} two"),
            (f"p-{kind}", f"<p>one {pair} two</p>", f"one {e} two", f"one {s} two"),
        ]
    cases += [
        ("run-of-pairs", "<p><abbr>Dr</abbr><expan>Doctor</expan><abbr>St</abbr><expan>Street</expan> end</p>",
         "DoctorStreet end", "DrSt end"),
        ("lone-reg-after-pair", "<p><orig>olde</orig><reg>old</reg><reg>wyf</reg></p>", "oldwyf", "oldewyf"),
        ("am-ex-in-w", "<p><w>D<am>~</am><ex>omin</ex>us</w> vobiscum</p>", "Dominus vobiscum", "D~us vobiscum"),
        ("pair-in-pair", "<p><w><orig><abbr>Jhs</abbr><expan>Jhesus</expan></orig><reg>Jesus</reg></w></p>",
         "Jesus", "Jhs"),
        ("pair-in-choice", "<p><choice><sic><w><orig>kyng</orig><reg>king</reg></w></sic>"
         "<corr><w><orig>quene</orig><reg>queen</reg></w></corr></choice></p>", "queen", "kyng"),
        ("choice-in-pair", "<p><orig><choice><abbr>wt</abbr><expan>with</expan></choice></orig><reg>by</reg></p>",
         "by", "wt"),
        ("pair-in-app", '<p><app><lem><w><orig>hir</orig><reg>her</reg></w></lem><rdg>his</rdg></app></p>',
         "her", "hir"),
        ("poem", "<lg><l><w><orig>Whan</orig><reg>When</reg></w> <w><orig>that</orig><reg>that</reg></w> "
         "<w><orig>Aprill</orig><reg>April</reg></w></l><l><w><orig>shoures</orig><reg>showers</reg></w> "
         "<w><orig>soote</orig><reg>sweet</reg></w></l></lg>",
         "When that April showers sweet", "Whan that Aprill shoures soote"),
    ]
    return cases


def write_generated(folder: Path) -> dict[str, tuple[str, str]]:
    """Write each generated case as a TEI file into ``folder``; give file name -> (reading, diplomatic)."""
    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for name, body, reading, diplomatic in generated_cases():
        (folder / f"{name}.xml").write_text(tei_document(body, "g-" + name), encoding="utf-8")
        expected[f"{name}.xml"] = (reading, diplomatic)
    return expected
