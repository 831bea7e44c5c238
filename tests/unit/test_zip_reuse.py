"""The open data's zip written again with its unchanged members copied compressed: the bytes zipfile
writes, each member checked before it is copied, and ZIP64 archives left to zipfile."""

from __future__ import annotations

import io
import os
import zipfile
import zlib

from teipress import zip_reuse
from teipress.zip_reuse import write_members

STAMP = (2026, 11, 24, 0, 0, 0)
MODE = 0o644 << 16


def _files(folder, contents: dict[str, bytes]):
    members = []
    for name, data in contents.items():
        path = folder / name.replace("/", "_")
        path.write_bytes(data)
        members.append((name, path))
    return members


def _by_zipfile(members) -> bytes:
    """The archive as zipfile writes it, entry by entry (as writers/data.py did)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, path in members:
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = MODE
            with archive.open(info, "w") as entry:
                data = path.read_bytes()
                for start in range(0, len(data), 1 << 20):  # as shutil.copyfileobj feeds it
                    entry.write(data[start:start + (1 << 20)])
    return buffer.getvalue()


def _written(members, previous=None) -> bytes:
    buffer = io.BytesIO()
    assert write_members(buffer, members, STAMP, MODE, previous)
    return buffer.getvalue()


CONTENTS = {"tei/letter-1.xml": b"<TEI>" + b"a quay and a pier " * 2000 + b"</TEI>",
            "tei/Brief-\u00e4.xml": "<TEI>Gänsbacher</TEI>".encode(), "tei/empty.xml": b"",
            "registers.csv": os.urandom(3 << 20)}


def test_a_new_archive_is_the_one_zipfile_writes(tmp_path):
    members = _files(tmp_path, CONTENTS)
    data = _written(members)
    assert data == _by_zipfile(members)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == CONTENTS


def test_only_a_changed_member_is_compressed_again(tmp_path, monkeypatch):
    members = _files(tmp_path, CONTENTS)
    previous = tmp_path / "previous.zip"
    previous.write_bytes(_written(members))
    (tmp_path / "tei_letter-1.xml").write_bytes(CONTENTS["tei/letter-1.xml"].replace(b"quay", b"dock", 1))
    compressed = []
    real = zlib.compressobj
    monkeypatch.setattr(zip_reuse.zlib, "compressobj", lambda *a: (compressed.append(1), real(*a))[1])
    again = _written(members, previous)
    assert len(compressed) == 1
    monkeypatch.setattr(zip_reuse.zlib, "compressobj", real)
    assert again == _by_zipfile(members)


def test_a_member_of_the_previous_archive_that_does_not_inflate_to_the_file_is_not_copied(tmp_path):
    members = _files(tmp_path, {"tei/a.xml": b"<TEI>the pier</TEI>"})
    previous = tmp_path / "previous.zip"
    good = _written(members)
    # The same length of deflate data, inflating to other words: a member whose CRC and size say "unchanged" but lie.
    other = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    forged = other.compress(b"<TEI>the quay</TEI>") + other.flush()
    start = good.index(b"tei/a.xml") + len(b"tei/a.xml")
    assert len(forged) == zipfile.ZipFile(io.BytesIO(good)).getinfo("tei/a.xml").compress_size
    previous.write_bytes(good[:start] + forged + good[start + len(forged):])
    assert zipfile.ZipFile(previous).getinfo("tei/a.xml").CRC == zlib.crc32(b"<TEI>the pier</TEI>")
    assert _written(members, previous) == good


def test_an_archive_that_needs_zip64_is_left_to_zipfile(tmp_path, monkeypatch):
    monkeypatch.setattr(zip_reuse, "_MAX_MEMBERS", 2)
    buffer = io.BytesIO()
    assert write_members(buffer, _files(tmp_path, CONTENTS), STAMP, MODE, None) is False
    assert buffer.getvalue() == b""
