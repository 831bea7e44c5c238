"""A text's page gets the register entries it points to, those they point to, and the entries holding
them, in their order, with the rest of each register file as it is."""

from __future__ import annotations

import copy

from lxml import etree

from teipress.document import load
from teipress.extract import registers_element
from teipress.register_subset import RegisterSubsets

from ..conftest import TEI

T = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
REGISTER = f"""<TEI xmlns="{T}"><teiHeader><fileDesc><titleStmt><title>Registers</title></titleStmt></fileDesc></teiHeader>
<standOff>
  <listPerson><head>People</head>
    <person xml:id="ana"><persName>Ana</persName><birth><placeName ref="#lisbon">Lisbon</placeName></birth></person>
    <person xml:id="boris"><persName>Boris</persName></person>
    <person xml:id="clara"><persName>Clara</persName><note>Sister of <persName ref="registers.xml#boris">Boris</persName>.</note></person>
    <person xml:id="diego"><persName>Diego</persName></person>
  </listPerson>
  <listPlace>
    <place xml:id="portugal"><placeName>Portugal</placeName>
      <place xml:id="lisbon"><placeName>Lisbon</placeName></place>
      <place xml:id="porto"><placeName>Porto</placeName></place>
    </place>
    <place xml:id="veracruz"><placeName>Veracruz</placeName></place>
    <note>Places as the letters name them.</note>
  </listPlace>
</standOff></TEI>"""
TEXT = f"""<TEI xmlns="{T}"><teiHeader><fileDesc><titleStmt><title>A letter</title></titleStmt></fileDesc>
<profileDesc><correspDesc><correspAction type="sent"><persName ref="diego">Diego</persName></correspAction></correspDesc></profileDesc>
</teiHeader><text><body><p>From <persName ref="registers.xml#ana">Ana</persName> and <rs ref="#clara">her</rs>.</p></body></text></TEI>"""


def _ids(holder) -> list[str]:
    return [e.get(XML_ID) for e in holder.iter(f"{{{T}}}person", f"{{{T}}}place")]


def test_a_page_gets_the_entries_it_points_to_through_other_entries_and_those_holding_them():
    holder = etree.Element("{https://teipress.org/ns}registers", src="registers.xml")
    holder.append(etree.fromstring(REGISTER))
    [cut] = RegisterSubsets([holder]).needed_by([etree.fromstring(TEXT)])
    # Ana (the text), Clara (#clara), Diego (a bare id, in the header); Lisbon (Ana's birth) in the
    # entry that holds it, Portugal, whole (Porto too); Boris (Clara's note). Not Veracruz.
    assert _ids(cut) == ["ana", "boris", "clara", "diego", "portugal", "lisbon", "porto"]
    # The rest of the file is as it was: the cut is the register without the others, in the same order.
    expected = copy.deepcopy(holder)
    for element in list(expected.iter(f"{{{T}}}person", f"{{{T}}}place")):
        if element.get(XML_ID) == "veracruz":
            element.getparent().remove(element)
    assert " ".join(etree.tostring(cut, encoding="unicode").split()) == \
        " ".join(etree.tostring(expected, encoding="unicode").split())
    assert cut.find(f".//{{{T}}}listPerson/{{{T}}}head").text == "People"
    assert cut.find(f".//{{{T}}}listPlace/{{{T}}}note").text == "Places as the letters name them."


def test_a_register_a_page_needs_whole_is_not_copied_and_the_seed_texts_get_what_they_name():
    holder = registers_element(load(TEI / "registers.xml"))
    subsets = RegisterSubsets([holder])
    for name in ("agn-arrival", "sedova-assassins"):
        text = load(TEI / f"{name}.xml").root
        [cut] = subsets.needed_by([text])
        named = {ref.rsplit("#", 1)[-1] for ref in text.xpath("//@ref")}
        kept = set(_ids(cut)) | {e.get(XML_ID) for e in cut.iter() if e.get(XML_ID)}
        assert named & set(_ids(holder)) <= kept
        assert len(_ids(cut)) < len(_ids(holder))
    everything = etree.Element("all")
    for entry in holder.iter():
        if entry.get(XML_ID):
            etree.SubElement(everything, "ptr", target=f"#{entry.get(XML_ID)}")
    assert subsets.needed_by([everything]) == [holder]
