"""Serve a directory of mirrored pages over real HTTP on 127.0.0.1 (demo and tests).

Government servers often send ``text/html`` without a charset, so ``.html`` files go out exactly
like that and the decoder has to rely on ``<meta>`` or detection, as it would on the real site.

Query strings select files too, because list records of Hanweb JCMS portals come from one
dynamic URL (``dataproxy.jsp?startrecord=…``): a request for ``PATH?QUERY`` (GET, or POST with a
form body merged into the query) is answered from the file ``PATH@CANONICAL`` where CANONICAL is
the url-encoded parameters sorted by name; without such a file the query is ignored, like any
static server does.
"""

from __future__ import annotations

import logging
import mimetypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

log = logging.getLogger(__name__)

# Content types by extension; anything else falls back to the mimetypes table.
CONTENT_TYPES = {
    ".html": "text/html",
    ".htm": "text/html",
    ".jsp": "text/xml;charset=UTF-8",
    ".xml": "text/xml",
    ".txt": "text/plain",
    ".css": "text/css",
    ".js": "application/javascript",
}


def canonical_query(params: list[tuple[str, str]]) -> str:
    """The order-independent spelling of query parameters used in mirror file names."""
    return urlencode(sorted(params))


class ServedURL(str):
    """The base URL of a running mirror; ``requests`` lists every requested path (with query)."""

    requests: list[str]


class _Handler(SimpleHTTPRequestHandler):
    server_version = "zhaoshang-mirror/1"
    request_log: list[str]
    log_lock: threading.Lock

    def log_message(self, format: str, *args: object) -> None:
        log.debug("mirror: " + format, *args)

    def _record(self) -> None:
        with self.log_lock:
            self.request_log.append(self.path)

    def do_GET(self) -> None:
        self._record()
        self._respond(self._params(b""), head_only=False)

    def do_HEAD(self) -> None:
        self._record()
        self._respond(self._params(b""), head_only=True)

    def do_POST(self) -> None:
        self._record()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._respond(self._params(body), head_only=False)

    def _params(self, body: bytes) -> list[tuple[str, str]]:
        query = urlsplit(self.path).query
        params = parse_qsl(query, keep_blank_values=True)
        if body:
            params += parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
        return params

    def _resolve(self, params: list[tuple[str, str]]) -> Path | None:
        root = Path(self.directory).resolve()
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            return None
        if target.is_dir():
            target = target / "index.html"
        if params:
            variant = target.with_name(target.name + "@" + canonical_query(params))
            if variant.is_file():
                return variant
        return target if target.is_file() else None

    def _respond(self, params: list[tuple[str, str]], head_only: bool) -> None:
        path = self._resolve(params)
        if path is None:
            self.send_error(404, "Not Found")
            return
        data = path.read_bytes()
        base_name = path.name.split("@", 1)[0]
        suffix = Path(base_name).suffix.lower()
        ctype = CONTENT_TYPES.get(suffix) or mimetypes.guess_type(base_name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head_only:
            self.wfile.write(data)


@contextmanager
def serve_directory(root: Path, host: str = "127.0.0.1", port: int = 0) -> Iterator[ServedURL]:
    """Serve ``root`` in a background thread; yields the base URL (no trailing slash)."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"mirror directory not found: {root}")
    request_log: list[str] = []
    handler = type(
        "MirrorHandler",
        (_Handler,),
        {"request_log": request_log, "log_lock": threading.Lock()},
    )

    def factory(*args: object, **kwargs: object) -> _Handler:
        return handler(*args, directory=str(root), **kwargs)

    server = ThreadingHTTPServer((host, port), factory)
    server.daemon_threads = True
    # A short poll interval keeps shutdown (and so every test using a mirror) fast.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="mirror-server", daemon=True)
    thread.start()
    bound_host, bound_port = server.server_address[:2]
    url = ServedURL(f"http://{bound_host}:{bound_port}")
    url.requests = request_log
    log.info("serving %s at %s", root, url)
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
