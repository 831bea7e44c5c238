"""Settings of an edition: ``teipress.toml`` in the edition folder, overridden by CLI flags."""

from __future__ import annotations

import datetime as _dt
import difflib
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .conventions import CONVENTIONS
from .errors import UsageError

SETTINGS_FILE = "teipress.toml"

# The interface languages: those xslt/common/l10n.xml and xslt/print/l10n.xml have every string of.
LANGUAGES = ("en", "es", "de", "fr", "it")


# Every key teipress reads, by table: any other key is a mistake worth reporting (a typo would
# otherwise silently do nothing).
_KEYS = {
    "edition": ("title", "build-date", "introduction", "url", "editors", "licence", "language"),
    "build": ("texts", "formats", "out", "jobs", "scheduler", "stylesheets", "schema", "rules"),
    "pdf": ("line-numbers", "line-number-every", "notes", "facsimile"),
    "render": ("conventions",),
    "map": ("tiles", "attribution"),
}

# [map]: OpenStreetMap's standard tiles, with the attribution their tile usage policy asks for.
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know that is not in the TEI files."""

    title: str = "A teipress edition"
    build_date: str = ""  # ISO date printed on every page; fixed for reproducible builds
    url: str = ""  # absolute URL of the published HTML edition (for citations, JSON-LD, the sitemap); "" if unknown
    introduction: str = ""  # text of the home page's introduction; paragraphs separated by blank lines
    editors: tuple[str, ...] = ()  # [edition] editors: the edition's editors, as they are to be named
    licence: str = ""  # [edition] licence: the licence of the edition as a whole, a name or a URL; "" if not given
    language: str = "en"  # [edition] language: the language of the interface (LANGUAGES), never taken from a text's xml:lang
    pdf_line_numbers: str = "text"  # [pdf] line-numbers: "text" (counted per text) or "page"
    pdf_line_number_every: int = 5  # [pdf] line-number-every: a margin number on every n-th line
    pdf_notes: str = "footnotes"  # [pdf] notes: "footnotes" or "endnotes"
    pdf_facsimile: str = "none"  # [pdf] facsimile: "plates" (a page per page image, after its text) or "none"
    # [render] conventions: "default", "leiden" or "diplomatic" (teipress.conventions); "" when not given:
    # EpiDoc texts then take Leiden, the others the default.
    conventions: str = ""
    # [map] tiles: the URL template of the interactive maps' tiles ({z}/{x}/{y}); "": no tiles, the maps are
    # the SVG drawn at build time. [map] attribution: what the maps say the tiles are from.
    map_tiles: str = DEFAULT_TILES
    map_attribution: str = DEFAULT_ATTRIBUTION
    # The edition folder: where teipress.toml is, and what the paths below were resolved against.
    folder: Path = Path(".")
    texts: tuple[Path, ...] = (Path("tei"),)  # [build] texts: the files and folders of TEI the edition is built from
    formats: str = "all"  # [build] formats: output names (teipress.outputs), comma-separated; "all": every one
    out: Path = Path("output")  # [build] out: the folder the edition is written into
    jobs: int | None = None  # [build] jobs: worker processes of a build; None: one per core
    scheduler: str | None = None  # [build] scheduler: a Dask scheduler's address (tcp://HOST:PORT) to build on; None: this machine
    stylesheets: Path | None = None  # [build] stylesheets: an override folder imported over the built-in xslt/; None: built-in only
    schema: Path | None = None  # [build] schema: RELAX NG grammar used instead of the built-in one
    rules: Path | None = None  # [build] rules: Schematron rules used instead of the built-in ones

    @property
    def file(self) -> Path:
        """Give the path of the settings file of this edition (which may not exist)."""
        return self.folder / SETTINGS_FILE

    def with_overrides(self, **changes) -> "Settings":
        """Give a copy with the non-None ``changes`` applied."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isascii() and epoch.isdigit():  # isdigit alone accepts "²", which int() refuses
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.date.today().isoformat()


def _read(path: Path) -> dict:
    """Give the tables of the settings file at ``path`` ({} when there is none), checked for unknown keys."""
    if not path.is_file():
        return {}
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from exc
    for table, content in document.items():
        if table not in _KEYS:
            raise UsageError(f"{path}: unknown table [{table}]{_did_you_mean(table, _KEYS)}; "
                             f"the tables are {', '.join(f'[{t}]' for t in _KEYS)}")
        if not isinstance(content, dict):
            raise UsageError(f"{path}: '{table}' must be a table ([{table}]), not a single value")
        for key in content:
            if key not in _KEYS[table]:
                raise UsageError(f"{path}: unknown key '{key}' in [{table}]{_did_you_mean(key, _KEYS[table])}; "
                                 f"the keys of [{table}] are {', '.join(_KEYS[table])}")
    return document


def _did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class _Table:
    """One table of a settings file, read key by key with the checks each key needs."""

    def __init__(self, path: Path, name: str, values: dict):
        self.file, self.name, self.values = path, name, values

    def error(self, key: str, message: str) -> UsageError:
        return UsageError(f"{self.file}: [{self.name}] {key} {message}")

    def string(self, key: str, default: str = "") -> str:
        value = self.values.get(key, default)
        if not isinstance(value, str):
            raise self.error(key, f"must be a string (in quotes), not {_shown(value)}")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.string(key, default)
        if value not in choices:
            listed = " or ".join(f'"{c}"' for c in choices) if len(choices) == 2 else ", ".join(f'"{c}"' for c in choices)
            raise self.error(key, f'must be {"" if len(choices) == 2 else "one of "}{listed}, not "{value}"')
        return value

    def strings(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        value = self.values.get(key, list(default))
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, f'must be a list of strings (["…", "…"]), not {_shown(value)}')
        return tuple(value)

    def whole_number(self, key: str, default: int | None) -> int | None:
        value = self.values.get(key, default)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise self.error(key, f"must be a whole number of at least 1, not {_shown(value)}")
        return value

    def path(self, key: str, folder: Path, kind: str) -> Path | None:
        """Give the path of ``key`` resolved against the edition ``folder`` (None when absent or ""),
        checked to be an existing ``kind``: "file", "folder" or "file or folder"."""
        value = self.string(key)
        if not value:
            return None
        return self.existing(key, folder / value, kind)

    def existing(self, key: str, path: Path, kind: str) -> Path:
        exists = {"file": path.is_file, "folder": path.is_dir, "file or folder": path.exists}[kind]()
        if not exists:
            raise self.error(key, f"'{path}': no such {kind}")
        return path


def _formats(build: _Table) -> str:
    """Give ``[build] formats`` (a name, names separated by commas, or a list of names), checked
    against the registered outputs, as one comma-separated string."""
    from .outputs import select

    value = build.values.get("formats", Settings.formats)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        value = ",".join(value)
    if not isinstance(value, str):
        raise build.error("formats", f'must be a string ("html,pdf") or a list of strings, not {_shown(value)}')
    try:
        select(value)
    except UsageError as exc:
        raise build.error("formats", f"names an output teipress does not have: {exc}") from exc
    return value


def _tiles(geo: _Table) -> str:
    """Give ``[map] tiles``: "" (no tiles) or an http(s) URL template with {z}, {x} and {y}."""
    tiles = geo.string("tiles", DEFAULT_TILES)
    if tiles and not (tiles.startswith(("https://", "http://")) and all(f"{{{k}}}" in tiles for k in "zxy")):
        raise geo.error("tiles", f'must be "" (no tiles) or an http(s) URL with {{z}}, {{x}} and {{y}}, not "{tiles}"')
    return tiles


def _shown(value) -> str:
    """Give a TOML value as its user wrote it (near enough), for a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    if isinstance(value, dict):
        return "a table"
    return str(value)


def load_settings(folder: str | Path = ".") -> Settings:
    """Give the Settings of the edition in ``folder`` (defaults where there is no teipress.toml).

    The build date is, in order: ``build-date`` in the file, ``SOURCE_DATE_EPOCH``, today.
    Paths in the file are resolved against ``folder``; a path that does not exist, a
    value of the wrong type and an unknown key are a UsageError naming the file and key."""
    folder = Path(folder)
    path = folder / SETTINGS_FILE
    document = _read(path)
    edition, build, pdf, render, geo = (_Table(path, name, document.get(name, {})) for name in _KEYS)

    build_date = edition.values.get("build-date", "")
    if isinstance(build_date, _dt.date) and not isinstance(build_date, _dt.datetime):
        build_date = build_date.isoformat()  # a TOML date written without quotes: build-date = 2026-11-24
    build_date = str(build_date) or _today()
    try:
        _dt.date.fromisoformat(build_date)
    except ValueError as exc:
        raise UsageError(f"{path}: [edition] build-date '{build_date}' is not an ISO date (YYYY-MM-DD)") from exc
    url = edition.string("url")
    if url and not url.endswith("/"):
        url += "/"  # pages are resolved against it

    texts = build.strings("texts", ("tei",))
    if not texts or not all(texts):
        raise build.error("texts", 'must name at least one file or folder, e.g. ["tei"]')
    if "texts" in build.values:
        # Checked only when given: without the key, a missing tei/ is reported by the command that reads it.
        resolved_texts = tuple(build.existing("texts", folder / text, "file or folder") for text in texts)
    else:
        resolved_texts = tuple(folder / text for text in texts)
    out = build.string("out", "output")
    if not out:
        raise build.error("out", 'must name a folder, e.g. "output"')

    return Settings(
        title=edition.string("title") or Settings.title,
        build_date=build_date,
        url=url,
        introduction=edition.string("introduction"),
        editors=edition.strings("editors"),
        licence=edition.string("licence"),
        language=edition.choice("language", LANGUAGES, Settings.language),
        pdf_line_numbers=pdf.choice("line-numbers", ("text", "page"), Settings.pdf_line_numbers),
        pdf_line_number_every=pdf.whole_number("line-number-every", Settings.pdf_line_number_every),
        pdf_notes=pdf.choice("notes", ("footnotes", "endnotes"), Settings.pdf_notes),
        pdf_facsimile=pdf.choice("facsimile", ("none", "plates"), Settings.pdf_facsimile),
        conventions=render.choice("conventions", CONVENTIONS, "") if "conventions" in render.values else "",
        map_tiles=_tiles(geo),
        map_attribution=geo.string("attribution", DEFAULT_ATTRIBUTION if "tiles" not in geo.values else ""),
        folder=folder,
        texts=resolved_texts,
        formats=_formats(build),
        out=folder / out,
        jobs=build.whole_number("jobs", None),
        scheduler=build.string("scheduler") or None,
        stylesheets=build.path("stylesheets", folder, "folder"),
        schema=build.path("schema", folder, "file"),
        rules=build.path("rules", folder, "file"),
    )
