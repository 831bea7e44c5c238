"""The words around each mention (teipress.kwic), as an entity page quotes them: read from the
block the mention stands in, as a reader reads it (no variant readings, no notes, no deletions)."""

from __future__ import annotations

from lxml import etree

from teipress.kwic import AFTER, BEFORE, mark_contexts

TEI = "http://www.tei-c.org/ns/1.0"


def _marked(body: str) -> dict[str, tuple[str, str]]:
    text = etree.fromstring(f'<text xmlns="{TEI}"><body>{body}</body></text>')
    mark_contexts(text)
    return {m.get("ref"): (m.get(BEFORE), m.get(AFTER)) for m in text.iter() if isinstance(m.tag, str) and m.get("ref")}


def test_each_mention_of_a_block_gets_the_words_of_its_own_sentence():
    marked = _marked('<p>It rained. Then <persName ref="#a">Ana</persName> met <persName ref="#b">Boris</persName> in '
                     '<placeName ref="#c">Veracruz <persName ref="#d">Diego</persName>\'s port</placeName>. Then they left.</p>')
    assert marked["#a"] == ("Then ", " met Boris in Veracruz Diego's port.")
    assert marked["#b"] == ("Then Ana met ", " in Veracruz Diego's port.")
    assert marked["#c"] == ("Then Ana met Boris in ", ".")
    assert marked["#d"] == ("Then Ana met Boris in Veracruz ", "'s port.")  # inside another mention: its words count


def test_what_a_reader_does_not_read_is_left_out_and_a_mention_there_has_the_whole_block_before_it():
    marked = _marked('<p>Sent to <app><lem><placeName ref="#e">Oslo</placeName></lem><rdg wit="#w2">'
                     '<placeName ref="#f">Bergen</placeName></rdg></app> by ship<note>a <persName ref="#g">note</persName></note>'
                     ' <del>never</del>today.</p>')
    assert marked["#e"] == ("Sent to ", " by ship today.")
    assert marked["#f"] == ("Sent to Oslo by ship today.", "")  # in a variant reading: never reached
    assert marked["#g"] == ("a ", "")  # a note is a block of its own
