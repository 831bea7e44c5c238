"""Renderings of the TEI chapters beyond the edition's own texts: manuscript descriptions,
references and lists, documentation elements; and the fallback for what no rule knows."""

from __future__ import annotations

from lxml import html

from teipress.config import Settings
from teipress.pipeline import build

from ..conftest import tei, write
from ..htmlview import words


def _page(tmp_path, stylesheets, body: str):
    path = write(tmp_path / "t.xml", tei(body))
    report = build([path], tmp_path / "out", "html", Settings(title="E", build_date="2000-01-01"), stylesheets,
                   report_unhandled=True)
    assert not report.failed
    return html.parse(str(tmp_path / "out" / "t.html")).getroot(), report


def test_manuscript_identifier_and_dimensions_read_as_a_catalogue_line(tmp_path, stylesheets):
    body = """<div><msDesc><msIdentifier><settlement>Wien</settlement><repository>ÖNB</repository>
      <idno>Cod. 123</idno></msIdentifier><physDesc><objectDesc><supportDesc><extent>2 Bl.
      <dimensions unit="mm"><height>210</height><width>148</width></dimensions></extent></supportDesc>
      </objectDesc></physDesc><msContents><msItem><incipit>In principio</incipit></msItem></msContents></msDesc></div>"""
    page, report = _page(tmp_path, stylesheets, body)
    assert report.unhandled == {}
    [identifier] = page.xpath('//p[contains(@class, "tei-msIdentifier")]')
    assert words(identifier) == "Wien, ÖNB, Cod. 123"
    [dimensions] = page.xpath('//span[contains(@class, "tei-dimensions")]')
    assert words(dimensions) == "210 × 148 mm"
    assert page.xpath('//section[contains(@class, "ms-description")]//q[@class="tei-incipit"]/text()') == ["In principio"]


def test_documentation_elements_show_their_notation(tmp_path, stylesheets):
    body = '<p>Use <gi>persName</gi> with <att>ref</att>:</p><egXML xmlns="http://www.tei-c.org/ns/Examples"><p>x &amp; y</p></egXML>'
    page, report = _page(tmp_path, stylesheets, body)
    assert report.unhandled == {}
    assert page.xpath('string(//code[@class="tei-gi"])') == "<persName>"
    assert page.xpath('string(//code[@class="tei-att"])') == "@ref"
    assert page.xpath('string(//pre[@class="tei-egXML"])') == "<p>x & y</p>"


def test_lists_of_persons_in_a_text_are_lists_of_their_members(tmp_path, stylesheets):
    body = """<div><listPerson><person><persName>Ada</persName><birth>1815</birth><occupation>mathematician</occupation>
      </person><person><persName>Charles</persName></person></listPerson></div>"""
    page, report = _page(tmp_path, stylesheets, body)
    assert report.unhandled == {}
    items = page.xpath('//ul[contains(@class, "tei-listPerson")]/li')
    assert [words(item) for item in items] == ["Ada; 1815; mathematician", "Charles"]


def test_an_unknown_element_keeps_its_text_and_its_kind(tmp_path, stylesheets):
    page, report = _page(tmp_path, stylesheets, "<p>a <weird>inline</weird> b</p><weirdBlock><p>block</p></weirdBlock>")
    assert dict(report.unhandled) == {"weird": 1, "weirdBlock": 1}
    assert page.xpath('string(//span[@class="tei-weird"])') == "inline"
    assert page.xpath('string(//div[@class="tei-weirdBlock"]/p)').strip().endswith("block")


def test_page_breaks_link_to_their_facsimile_and_never_to_script(tmp_path, stylesheets):
    body = ('<p>a<pb n="1" facs="https://example.org/p1.jpg"/>b<pb n="2" facs="#s2"/>c'
            '<pb n="3" facs="javascript:alert(1)"/>d<pb n="4"/>e</p>')
    source = tei(body).replace("</text>", '</text><facsimile><surface xml:id="s2"><graphic url="img/p2.jpg"/></surface></facsimile>')
    path = write(tmp_path / "t.xml", source)
    write(tmp_path / "img" / "p2.jpg", "a facsimile")  # an image of the edition folder (teipress.images) is published
    build([path], tmp_path / "out", "html", Settings(title="E", build_date="2000-01-01", folder=tmp_path), stylesheets)
    page = html.parse(str(tmp_path / "out" / "t.html")).getroot()
    breaks = page.xpath('//section[@id="reading-text"]//span[@class="tei-pb"]')
    assert [(b.text_content().strip(), b.xpath("string(a/@href)")) for b in breaks] == [
        ("[p. 1]", "https://example.org/p1.jpg"), ("[p. 2]", "images/img/p2.jpg"), ("[p. 3]", ""), ("[p. 4]", "")]
    assert (tmp_path / "out" / "images" / "img" / "p2.jpg").is_file()


def test_language_and_rendition_reach_the_html(tmp_path, stylesheets):
    body = ('<p>He said <foreign xml:lang="la">carpe diem</foreign> and <hi rend="italic small-caps">this</hi>'
            ' <seg rendition="#red">red</seg>.</p><note target="#x">A note on a place.</note>')
    page, report = _page(tmp_path, stylesheets, body)
    assert report.unhandled == {}
    assert page.xpath('//span[@class="tei-foreign"]/@lang') == ["la"]
    assert page.xpath('//span[contains(@class, "tei-hi")]/@class') == ["tei-hi rend-italic rend-small-caps"]
    assert page.xpath('//span[contains(@class, "tei-seg")]/@class') == ["tei-seg rend-red"]
    assert "A note on a place." in page.xpath("string(//main)")
