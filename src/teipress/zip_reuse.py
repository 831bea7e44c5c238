"""A zip archive written again with the members it had before copied as they are compressed.

The open data's zip (writers/data.py) holds every TEI file of the edition; an edit of one text
changes one member and the datasets. Compressing them all again is most of the time of a small
rebuild (0.7 s of 1,000 letters, seconds of 10,000), so a member whose bytes are those the previous
archive holds is copied from it compressed, after it is checked to inflate to exactly those bytes.

The archive is the one ``zipfile`` writes (deflate at its default level, no extra fields, the
same headers), byte for byte. An archive ``zipfile`` would write with ZIP64 records (more than
65,535 members, or a member or the archive over 4 GiB) is left to ``zipfile``: :func:`write_members`
then says so by returning False before it writes anything.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

# zipfile's layouts (its structFileHeader, structCentralDir, structEndArchive) and versions.
_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_VERSION = 20  # deflate
_UNIX = 3
_UTF8_NAME = 0x800
_LIMIT = (1 << 31) - 1  # zipfile's ZIP64_LIMIT: at or over it, zipfile writes ZIP64 records
_MAX_MEMBERS = (1 << 16) - 1


def write_members(handle: BinaryIO, members: list[tuple[str, Path]], date_time: tuple, external_attr: int,
                  previous: Path | None) -> bool:
    """Write into ``handle`` (empty, at offset 0) a zip of ``members`` (name in the archive, file),
    deflated, each dated ``date_time`` with ``external_attr``; a member the zip ``previous`` holds with
    these bytes, that date and those attributes is copied from it. Give False, having written nothing,
    when the archive needs ZIP64 records (see the module's doc)."""
    if len(members) > _MAX_MEMBERS or sum(path.stat().st_size for _, path in members) >= _LIMIT:
        return False
    reusable = _members_of(previous, date_time, external_attr)
    dostime = date_time[3] << 11 | date_time[4] << 5 | date_time[5] // 2
    dosdate = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    central, offset = [], 0
    with (open(previous, "rb") if reusable else _Nothing()) as old:
        for name, path in members:
            data = path.read_bytes()
            crc = zlib.crc32(data)
            compressed = _copied(old, reusable.get(name), data, crc) if reusable else None
            if compressed is None:
                packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
                compressed = packer.compress(data) + packer.flush()
            encoded, flags = _name(name)
            header = _LOCAL.pack(b"PK\003\004", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc,
                                 len(compressed), len(data), len(encoded), 0)
            handle.write(header + encoded)
            handle.write(compressed)
            central.append(_CENTRAL.pack(b"PK\001\002", _VERSION, _UNIX, _VERSION, 0, flags, zipfile.ZIP_DEFLATED,
                                         dostime, dosdate, crc, len(compressed), len(data), len(encoded), 0, 0, 0, 0,
                                         external_attr, offset) + encoded)
            offset += len(header) + len(encoded) + len(compressed)
            if offset >= _LIMIT:
                raise OSError("the archive grew over 2 GiB while it was written")  # files grew since their sizes were read
    directory = b"".join(central)
    handle.write(directory)
    handle.write(_END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0))
    return True


def _name(name: str) -> tuple[bytes, int]:
    """Give a member's name as zipfile encodes it, and its flag: ASCII, else UTF-8 flagged."""
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _members_of(previous: Path | None, date_time: tuple, external_attr: int) -> dict[str, zipfile.ZipInfo]:
    """Give the deflated members of the zip ``previous`` dated ``date_time`` with ``external_attr``, by name;
    none when there is no such readable zip."""
    if previous is None or not previous.is_file():
        return {}
    try:
        with zipfile.ZipFile(previous) as archive:
            return {info.filename: info for info in archive.infolist()
                    if info.compress_type == zipfile.ZIP_DEFLATED and info.date_time == date_time
                    and info.external_attr == external_attr and not info.flag_bits & 0x1}  # not encrypted
    except (OSError, zipfile.BadZipFile):
        return {}


def _copied(old: BinaryIO, info: zipfile.ZipInfo | None, data: bytes, crc: int) -> bytes | None:
    """Give the compressed bytes of member ``info`` of the previous zip when they inflate to ``data``; else None."""
    if info is None or info.CRC != crc or info.file_size != len(data):
        return None
    try:
        old.seek(info.header_offset)
        header = old.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != b"PK\003\004":
            return None
        name_length, extra_length = struct.unpack("<2H", header[26:30])
        old.seek(info.header_offset + _LOCAL.size + name_length + extra_length)
        compressed = old.read(info.compress_size)
        unpacker = zlib.decompressobj(-15)
        if unpacker.decompress(compressed, len(data) + 1) != data or not unpacker.eof:
            return None
    except (OSError, zlib.error, struct.error):
        return None
    return compressed


class _Nothing:
    """A context manager giving None (no previous archive to read)."""

    def __enter__(self):
        return None

    def __exit__(self, *exc) -> None:
        return None
