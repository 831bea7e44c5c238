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
    if path.is_file():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8")).get("edition", {})
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError(f"{path}: not valid TOML: {exc}") from exc
    build_date = str(data.get("build-date") or _today())
    try:
        _dt.date.fromisoformat(build_date)
    except ValueError as exc:
        raise UsageError(f"{path}: build-date '{build_date}' is not an ISO date (YYYY-MM-DD)") from exc
    url = str(data.get("url") or "")
    if url and not url.endswith("/"):
        url += "/"  # pages are resolved against it
    return Settings(title=str(data.get("title") or Settings.title), build_date=build_date, url=url,
                    introduction=str(data.get("introduction") or ""))
