"""Diagnostics, the exception hierarchy and the exit codes of teipress."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses of the command line, documented in the README."""

    OK = 0
    INVALID = 1  # the input has errors (validation or build)
    USAGE = 2  # the command was used wrongly: missing path, unreadable schema
    SYSTEM = 3  # the file system refused: a full disk, a read-only or forbidden folder
    INTERNAL = 4  # teipress failed where it should not have (a bug)


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in an input file, located by line and column (1-based)."""

    file: str
    line: int
    col: int
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def as_dict(self) -> dict:
        """Give the diagnostic as a plain dict (for JSON output)."""
        return asdict(self)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class TeipressError(Exception):
    """Base class of every error teipress reports to its user."""

    exit_code = ExitCode.INVALID


class UsageError(TeipressError):
    """The caller asked for something impossible: a missing path, an unreadable schema."""

    exit_code = ExitCode.USAGE


class InputError(TeipressError):
    """An input document cannot be used; carries the diagnostics that say why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


class TransformError(TeipressError):
    """A stylesheet failed on a document."""


class StylesheetError(TransformError):
    """A stylesheet is missing or does not compile: no document is at fault, the build stops."""


class OutputError(TeipressError):
    """The file system refused what a build had to do (a full disk, a read-only or
    forbidden folder): what was not published by then stays as it was."""

    exit_code = ExitCode.SYSTEM

    @classmethod
    def of(cls, exc: OSError) -> "OutputError":
        """Give the one-line error of an OSError: the path and what the system said."""
        where = exc.filename if exc.filename is not None else ""
        if exc.filename2 is not None:
            where = f"{where} -> {exc.filename2}"
        reason = exc.strerror or str(exc)
        return cls(f"{where}: {reason}" if where else reason)
