"""A local web server of the built edition, rebuilt as its sources change.

Search (Pagefind) works only over HTTP, and an editor wants to see a saved
change in the browser: :func:`serve` serves the output folder from a background
thread while the watch loop runs in the calling thread, so that Ctrl-C reaches
the build (which then leaves the previous output as it was)."""

from __future__ import annotations

import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterable

from .config import load_settings
from .dtsapi import FOLDER as API_FOLDER
from .dtsapi import MEDIA_TYPES as API_CONTENT_TYPES
from .errors import UsageError
from .events import Progress
from .watch import Rebuild, Stop, watch

# The content type of every kind of file teipress writes, so that the answer does not depend
# on the system's mime.types (a module script or WebAssembly in the wrong type is refused).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".bib": "application/x-bibtex; charset=utf-8",
    ".pdf": "application/pdf",
    ".epub": "application/epub+zip",
    ".zip": "application/zip",
    ".wasm": "application/wasm",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    # Pagefind's index: compressed chunks its script fetches and decodes itself.
    ".pagefind": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}


class OutputHandler(SimpleHTTPRequestHandler):
    """Serves the files of one folder with teipress's content types, never cached by the browser."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **CONTENT_TYPES}

    def guess_type(self, path) -> str:
        # The DTS API's responses are JSON-LD and TEI (DTS 1.0's Content-Type), not plain JSON and XML.
        try:
            parts = Path(path).resolve().relative_to(Path(self.directory).resolve()).parts
        except ValueError:
            parts = ()
        if "/".join(parts[:2]) == API_FOLDER and Path(path).suffix in API_CONTENT_TYPES:
            return API_CONTENT_TYPES[Path(path).suffix]
        return super().guess_type(path)

    def end_headers(self) -> None:
        # A rebuilt page must show on reload, not the browser's cached copy.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        log = getattr(self.server, "log", None)
        if log is not None:
            log(f"{self.address_string()} {format % args}")


class _Server(ThreadingHTTPServer):
    log: Callable[[str], None] | None = None


class _Server6(_Server):
    address_family = socket.AF_INET6


def make_server(root: str | Path, host: str = "127.0.0.1", port: int = 8000,
                log: Callable[[str], None] | None = None) -> ThreadingHTTPServer:
    """Give an HTTP server (not yet serving) of the files under ``root`` on ``host``:``port``
    (port 0: any free port); ``log`` receives one line per request if given."""
    handler = functools.partial(OutputHandler, directory=str(root))
    server_class = _Server6 if ":" in host else _Server
    try:
        server = server_class((host, port), handler)
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from exc
    server.log = log
    return server


def server_url(server: ThreadingHTTPServer) -> str:
    """Give the address of ``server``'s home page, e.g. ``http://127.0.0.1:8000/``."""
    host, port = server.server_address[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def start(server: ThreadingHTTPServer) -> threading.Thread:
    """Give the (daemon) thread now running ``server``; ``server.shutdown()`` ends it."""
    thread = threading.Thread(target=server.serve_forever, name="teipress-serve", daemon=True)
    thread.start()
    return thread


def serve(folder: str | Path, notify: Callable[[Rebuild], None], ready: Callable[[str], None], *,
          host: str = "127.0.0.1", port: int = 8000, paths: Iterable[str | Path] = (),
          overrides: dict | None = None, interval: float = 0.5, stop: Stop = None,
          max_rebuilds: int | None = None, force: bool = False, progress: Progress | None = None,
          log: Callable[[str], None] | None = None, polling: bool | None = None) -> int:
    """Give the number of rebuilds made while serving the output folder of the edition in
    ``folder`` over HTTP and watching its sources (see :func:`teipress.watch.watch`).

    ``ready`` is given the server's URL once it listens, before the first build; the
    server stops when the watch loop ends (``stop``, ``max_rebuilds``, an exception)."""
    settings = load_settings(folder).with_overrides(**(overrides or {}))
    # Served from the start (the first build fills it); a change of `out` while serving is not followed.
    settings.out.mkdir(parents=True, exist_ok=True)
    server = make_server(settings.out, host, port, log)
    thread = start(server)
    try:
        ready(server_url(server))
        return watch(folder, notify, paths=paths, overrides=overrides, interval=interval, stop=stop,
                     max_rebuilds=max_rebuilds, force=force, progress=progress, polling=polling)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
