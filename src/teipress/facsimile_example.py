"""A small facsimile edition made from nothing: page images drawn with Pillow, and the TEI
that transcribes them, each line linked to the zone the drawing put it in.

``teipress new --example facsimile`` writes one into a new edition (it shows the
viewer beside the text); the tests build editions with it, so what they check
(a line's zone, the tiles of a page) comes from images whose every line is known.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

EXAMPLE_ID = "example-facsimile"
# An invented two-page letter: the lines of each page as they are drawn.
LETTER = (
    ("Lisbon, 12 May 1901.", "Dear Marta,", "the proofs arrived this morning,",
     "and I have read the first sheets.", "The printer will wait for us."),
    ("The plates are clear and sharp;", "only the second map is too dark.", "Send me your corrections soon.",
     "With my best wishes,", "Clara Vidal"),
)
MARGIN, LEADING, FONT_SIZE = 60, 64, 34


def draw_page(lines: tuple[str, ...] | list[str], path: Path, width: int = 900, height: int = 700) -> list[tuple[int, int, int, int]]:
    """Draw ``lines`` of text on a page image saved at ``path`` (PNG or JPEG by its suffix) and give
    the box of each line on it (x, y, width, height), in pixels."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (width, height), (244, 236, 218))  # paper
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=FONT_SIZE)
    boxes = []
    for number, line in enumerate(lines):
        y = MARGIN + number * LEADING
        left, top, right, bottom = draw.textbbox((MARGIN, y), line, font=font)
        draw.text((MARGIN, y), line, font=font, fill=(40, 30, 20))
        boxes.append((left - 4, top - 4, right - left + 8, bottom - top + 8))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)
    return boxes


def facsimile_tei(text_id: str, pages: list[tuple[str, tuple[int, int], list[tuple[int, int, int, int]]]],
                  lines: tuple[tuple[str, ...], ...], title: str = "A letter with its facsimile") -> str:
    """Give the TEI of a text transcribing ``pages`` (image url, (width, height), line boxes) whose
    lines are ``lines``: a surface per page, a zone per line, an ``lb`` pointing at each zone."""
    surfaces, body = [], []
    for number, ((url, (width, height), boxes), said) in enumerate(zip(pages, lines), 1):
        zones = "".join(f'\n        <zone xml:id="p{number}-l{n}" ulx="{x}" uly="{y}" lrx="{x + w}" lry="{y + h}"/>'
                        for n, (x, y, w, h) in enumerate(boxes, 1))
        surfaces.append(f'      <surface xml:id="page-{number}" n="{number}" ulx="0" uly="0" lrx="{width}" lry="{height}">\n'
                        f'        <graphic url="{escape(url)}"/>{zones}\n      </surface>')
        text = "".join(f'<lb facs="#p{number}-l{n}"/>{escape(line)}\n' for n, line in enumerate(said, 1))
        body.append(f'      <pb n="{number}" facs="#page-{number}"/>\n      <p>{text}</p>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="{text_id}" xml:lang="en">
  <teiHeader>
    <fileDesc>
      <titleStmt><title type="main">{escape(title)}</title></titleStmt>
      <publicationStmt><p>An example of a text with its facsimile, made by teipress.</p></publicationStmt>
      <sourceDesc><p>An invented letter; its page images are drawn by teipress.</p></sourceDesc>
    </fileDesc>
  </teiHeader>
  <facsimile>
{chr(10).join(surfaces)}
  </facsimile>
  <text>
    <body>
{chr(10).join(body)}
    </body>
  </text>
</TEI>
"""


def write_example(tei_folder: Path, text_id: str = EXAMPLE_ID, lines=LETTER, suffix: str = ".png") -> list[Path]:
    """Write a facsimile text into ``tei_folder``: its page images (``images/<text_id>-<n>``) and its
    TEI file (``<text_id>.xml``); give the files written."""
    written, pages = [], []
    for number, said in enumerate(lines, 1):
        image = tei_folder / "images" / f"{text_id}-{number}{suffix}"
        boxes = draw_page(said, image)
        pages.append((f"images/{image.name}", (900, 700), boxes))
        written.append(image)
    tei = tei_folder / f"{text_id}.xml"
    tei.write_text(facsimile_tei(text_id, pages, lines), encoding="utf-8")
    return [*written, tei]
