"""A DOCTYPE whose internal subset refers to external parameter entities (``%ents;``):
libxml2 would stop at an entity only they could declare, and teipress never reads them.
The references are found here, so that they can be blanked out before parsing (lines and
columns stay put) and reported as a note."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class ExternalSubset:
    """The DOCTYPE's references to external parameter entities (never read)."""

    line: int  # where the DOCTYPE starts
    col: int
    names: list[str]
    references: list[tuple[int, int]]  # byte spans of the ``%name;`` references


_DOCTYPE = re.compile(rb"<!DOCTYPE\s+[^\s\[>]+")
_EXTERNAL_PE = re.compile(rb"<!ENTITY\s+%\s+([^\s]+)\s+(?:SYSTEM|PUBLIC)\s")
_PE_REFERENCE = re.compile(rb"%([^\s;%]+);")
# What may come before the DOCTYPE: a byte order mark, the XML declaration, comments, processing instructions.
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.S)


def external_parameter_references(head: bytes) -> ExternalSubset | None:
    """Give the references to external parameter entities in the internal subset of the DOCTYPE
    at the beginning of the file (``head``), or None when there are none."""
    start = _DOCTYPE.search(head)
    # Only the DOCTYPE of the prolog: the same characters in a comment or a CDATA section of the text are words.
    if start is None or not _PROLOG.fullmatch(head[:start.start()]):
        return None
    subset = _subset_start(head, start.end())
    scanned = _scan_subset(head, subset) if subset is not None else None
    if scanned is None:
        return None
    declarations, spans = scanned
    names = {match[1] for match in map(_EXTERNAL_PE.match, declarations) if match}
    external = [(a, b) for a, b, name in spans if name in names]
    if not external:
        return None
    before = head[:start.start()].decode("utf-8", "replace")
    line = before.count("\n") + 1
    col = len(before) - (before.rfind("\n") + 1) + 1
    used = sorted({name.decode("utf-8", "replace") for a, b, name in spans if name in names})
    return ExternalSubset(line, col, [f"%{n};" for n in used], external)


def _subset_start(head: bytes, i: int) -> int | None:
    """Give where the internal subset begins (just past its ``[``), reading from ``i`` past the
    DOCTYPE's external id; None when the DOCTYPE has no internal subset."""
    end = len(head)
    while i < end and head[i:i + 1] not in (b"[", b">"):  # past the external id's literals
        if head[i:i + 1] in (b'"', b"'"):
            i = head.find(head[i:i + 1], i + 1)
            if i < 0:
                return None
        i += 1
    return i + 1 if head[i:i + 1] == b"[" else None


def _scan_subset(head: bytes, i: int) -> tuple[list[bytes], list[tuple[int, int, bytes]]] | None:
    """Give the declarations of the internal subset starting at ``i`` and the spans of its
    parameter entity references (start, end, name); None when the subset goes on past ``head``
    or is not well-formed (left to the parser as it is)."""
    end = len(head)
    declarations, spans = [], []
    while i < end:
        if head[i:i + 1] == b"]":
            return declarations, spans
        if head.startswith(b"<!--", i) or head.startswith(b"<?", i):
            close = head.find(b"-->" if head[i + 1:i + 2] == b"!" else b"?>", i + 2)
            if close < 0:
                return None
            i = close + 2
        elif head.startswith(b"<!", i):
            # A declaration: its literals may hold '%', ']' or '>', none of which ends it.
            j = i + 2
            while j < end and head[j:j + 1] != b">":
                if head[j:j + 1] in (b'"', b"'"):
                    j = head.find(head[j:j + 1], j + 1)
                    if j < 0:
                        return None
                j += 1
            declarations.append(head[i:j + 1])
            i = j + 1
        elif (match := _PE_REFERENCE.match(head, i)) is not None:
            spans.append((match.start(), match.end(), match[1]))
            i = match.end()
        else:
            i += 1
    return None


def blank(head: bytes, spans: list[tuple[int, int]]) -> bytes:
    """Give ``head`` with the bytes of ``spans`` replaced by spaces (lines and columns stay put)."""
    data = bytearray(head)
    for a, b in spans:
        data[a:b] = b" " * (b - a)
    return bytes(data)
