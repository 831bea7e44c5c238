"""Settings of an edition: ``teipress.toml`` in the edition folder, overridden by CLI flags."""

from __future__ import annotations

import datetime as _dt
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import UsageError

SETTINGS_FILE = "teipress.toml"


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know that is not in the TEI files."""

    title: str = "A teipress edition"
    build_date: str = ""  # ISO date printed on every page; fixed for reproducible builds
    url: str = ""  # absolute URL of the published HTML edition (for citations, JSON-LD, the sitemap); "" if unknown
    introduction: str = ""  # text of the home page's introduction; paragraphs separated by blank lines
    pdf_line_numbers: str = "text"  # [pdf] line-numbers: "text" (counted per text) or "page"
    pdf_line_number_every: int = 5  # [pdf] line-number-every: a margin number on every n-th line
    pdf_notes: str = "footnotes"  # [pdf] notes: "footnotes" or "endnotes"

    def with_overrides(self, **changes) -> "Settings":
        """Give a copy with the non-None ``changes`` applied."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _today() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.timezone.utc).date().isoformat()
    return _dt.date.today().isoformat()


def load_settings(folder: str | Path = ".") -> Settings:
    """Give the Settings of the edition in ``folder`` (defaults where there is no teipress.toml).

    The build date is, in order: ``build-date`` in the file, ``SOURCE_DATE_EPOCH``, today."""
    path = Path(folder) / SETTINGS_FILE
    data: dict = {}
    pdf: dict = {}
    if path.is_file():
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: not valid TOML: {exc}") from exc
        data, pdf = document.get("edition", {}), document.get("pdf", {})
    build_date = str(data.get("build-date") or _today())
    try:
        _dt.date.fromisoformat(build_date)
    except ValueError as exc:
        raise UsageError(f"{path}: build-date '{build_date}' is not an ISO date (YYYY-MM-DD)") from exc
    url = str(data.get("url") or "")
    if url and not url.endswith("/"):
        url += "/"  # pages are resolved against it
    per = str(pdf.get("line-numbers", Settings.pdf_line_numbers))
    if per not in ("text", "page"):
        raise UsageError(f"{path}: [pdf] line-numbers must be \"text\" or \"page\", not \"{per}\"")
    notes = str(pdf.get("notes", Settings.pdf_notes))
    if notes not in ("footnotes", "endnotes"):
        raise UsageError(f"{path}: [pdf] notes must be \"footnotes\" or \"endnotes\", not \"{notes}\"")
    every = pdf.get("line-number-every", Settings.pdf_line_number_every)
    if not isinstance(every, int) or isinstance(every, bool) or every < 1:
        raise UsageError(f"{path}: [pdf] line-number-every must be a whole number of at least 1")
    return Settings(title=str(data.get("title") or Settings.title), build_date=build_date, url=url,
                    introduction=str(data.get("introduction") or ""),
                    pdf_line_numbers=per, pdf_line_number_every=every, pdf_notes=notes)
