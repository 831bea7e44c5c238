"""Images (issue 11): a graphic shows an image file of the edition folder, in every output, and
nothing else; the per-text PDFs link to the published web pages, never to a local path."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from teipress.cli import main
from teipress.writers.pdf_assets import published_links

from ..conftest import tei, write

MARKER = "TEIPRESS-SECRET-IMAGE"
SITE = "https://example.org/ed/"


def _png(path: Path, width: int, height: int, comment: str) -> Path:
    """Write a PNG of ``width`` x ``height`` red pixels carrying ``comment`` in a text chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"tEXt", b"Comment\x00" + comment.encode()) + chunk(b"IDAT", zlib.compress(rows))
                     + chunk(b"IEND", b""))
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """An edition whose text shows its own image and tries five others; built in every format."""
    root = tmp_path_factory.mktemp("images")
    edition = root / "ed"
    _png(edition / "tei" / "images" / "fig1.png", 4, 4, "legit")
    secret = _png(root / "secret" / "secret.png", 7, 3, MARKER)
    os.symlink(secret, edition / "tei" / "images" / "link.png")
    write(edition / "teipress.toml", f'[edition]\nurl = "{SITE}"\n[build]\njobs = 1\n')
    urls = ["images/fig1.png", str(secret), "../../secret/secret.png", "images/link.png",
            "http://example.org/remote.png", "file:///etc/passwd"]
    body = "<p>Text.</p>\n" + "\n".join(f'<figure><graphic url="{url}"/><figDesc>figure {n}</figDesc></figure>'
                                        for n, url in enumerate(urls, 1))
    source = write(edition / "tei" / "t.xml", tei(body))
    result = CliRunner().invoke(main, ["build", "--edition", str(edition), "--build-date", "2000-01-01"])
    assert result.exit_code == 0, result.output
    return edition / "output", source, result.stderr


def _where(source: Path, url: str) -> str:
    lines = source.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if f'url="{url}"' in text)
    return f"{source}:{line}:{lines[line - 1].index('<graphic') + 1}"


def test_an_image_next_to_the_text_is_copied_and_shown_by_the_page(built):
    out, source, _ = built
    assert (out / "images" / "tei" / "images" / "fig1.png").read_bytes() == (source.parent / "images" / "fig1.png").read_bytes()
    sources = [img.get("src") for img in lxml_html.parse(str(out / "t.html")).iter("img")]
    assert sources == ["images/tei/images/fig1.png", "http://example.org/remote.png"]


@pytest.mark.parametrize("url, why", [
    ("SECRET", "only a relative path to an image inside the edition folder, or an http(s) URL, is shown"),
    ("../../secret/secret.png", "it lies outside the edition folder"),
    ("images/link.png", "it lies outside the edition folder"),
    ("file:///etc/passwd", "only a relative path to an image inside the edition folder, or an http(s) URL, is shown"),
])
def test_a_refused_image_is_a_warning_at_the_graphic(built, url, why):
    out, source, stderr = built
    url = str(out.parent.parent / "secret" / "secret.png") if url == "SECRET" else url
    assert f"{_where(source, url)}: warning: the image '{url}' is left out: {why}" in stderr


def test_a_remote_image_is_linked_by_the_page_and_left_out_of_the_books_with_a_warning(built):
    out, source, stderr = built
    where = _where(source, "http://example.org/remote.png")
    assert f"{where}: warning: the image 'http://example.org/remote.png' is left out of the PDF:" in stderr
    assert f"{where}: warning: the image 'http://example.org/remote.png' is left out of the PDF volume and the EPUB:" in stderr


def test_no_output_holds_a_file_from_outside_the_edition(built):
    out, _, _ = built
    for path in (p for p in out.rglob("*") if p.is_file()):
        assert MARKER.encode() not in path.read_bytes(), path
        if path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                assert not any(MARKER.encode() in book.read(name) for name in book.namelist())


@pytest.mark.parametrize("name", ["t.pdf", "edition.pdf"])
def test_the_pdfs_embed_the_edition_image_and_no_other(built, name):
    listing = subprocess.run(["pdfimages", "-list", str(built[0] / name)], capture_output=True, text=True, check=True)
    sizes = [tuple(line.split()[3:5]) for line in listing.stdout.splitlines()[2:]]
    assert sizes == [("4", "4")]  # fig1.png; the secret is 7 x 3


def _uris(pdf: Path) -> set[str]:
    """Give the URIs of a PDF's link annotations, read from its objects whether compressed or not."""
    data = pdf.read_bytes()
    chunks = [data]
    for start in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompressobj().decompress(data[start.end():]))
        except zlib.error:
            pass
    return {uri.decode("latin-1") for chunk in chunks for uri in re.findall(rb"/URI\s*\(((?:\\.|[^\\)])*)\)", chunk)}


def test_the_text_pdf_links_to_the_published_pages_never_to_a_local_path(built):
    uris = _uris(built[0] / "t.pdf")
    assert SITE in uris  # the colophon names the web edition (the site's page links are not in print)
    assert all(uri.startswith(SITE) for uri in uris), uris


def test_without_a_site_url_relative_links_are_left_out_of_the_pdf():
    page = '<html><body><a href="about.html">a</a> <a href="#n1">b</a> <a href="file:///x">c</a> <a href="https://x.org/">d</a></body></html>'
    hrefs = [a.get("href") for a in lxml_html.fromstring(published_links(page, "")).iter("a")]
    assert hrefs == [None, "#n1", None, "https://x.org/"]
    hrefs = [a.get("href") for a in lxml_html.fromstring(published_links(page, SITE)).iter("a")]
    assert hrefs == [f"{SITE}about.html", "#n1", None, "https://x.org/"]


def test_the_epub_packs_the_image_in_its_manifest_and_epubcheck_finds_no_error(built):
    book = built[0] / "edition.epub"
    with zipfile.ZipFile(book) as archive:
        assert "OEBPS/images/tei/images/fig1.png" in archive.namelist()
        package = archive.read("OEBPS/content.opf").decode()
    assert re.search(r'<item id="image-1" href="images/tei/images/fig1.png" media-type="image/png"/>', package)
    jar = Path("/usr/share/java/epubcheck.jar")
    if not jar.is_file() or not shutil.which("java"):
        pytest.skip("epubcheck is not installed")
    result = subprocess.run(["java", "-jar", str(jar), str(book)], capture_output=True, text=True, timeout=300)
    assert "0 fatals / 0 errors" in result.stdout + result.stderr, result.stdout + result.stderr


def test_a_pdf_with_an_image_has_the_same_bytes_wherever_the_edition_lies(tmp_path):
    """WeasyPrint names an embedded image after its URL: laid out against a real path, the PDF's
    bytes depended on the folder it was built in (and a cluster's workers gave other bytes)."""
    pdfs = []
    for place in ("here", "somewhere/else/entirely"):
        edition = tmp_path / place / "ed"
        _png(edition / "tei" / "images" / "fig1.png", 4, 4, "legit")
        write(edition / "tei" / "t.xml", tei('<p>Text.</p><figure><graphic url="images/fig1.png"/></figure>'))
        # An override folder: the print documents' assets are looked for in it first.
        write(edition / "overrides" / "print" / "nothing.xsl",
              '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>\n')
        write(edition / "teipress.toml", '[build]\nstylesheets = "overrides"\n')
        result = CliRunner().invoke(main, ["build", "--edition", str(edition), "--build-date", "2000-01-01",
                                           "--format", "pdf"])
        assert result.exit_code == 0, result.output
        pdfs.append((edition / "output" / "t.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]
    assert str(tmp_path).encode() not in pdfs[0]
