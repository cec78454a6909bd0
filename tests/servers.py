"""A real threaded HTTP server on a loopback address with scripted replies and injected faults.

Each path answers with a sequence of Replies (the last one repeats), so a test can say "503 with
Retry-After, then the page". Faults are real socket behaviour: a stall past the client's read
timeout, a connection reset, a body cut short of its Content-Length, an endless 50 MB body.
Every request is logged (method, path, time, in-flight count) so that tests can prove what was
and was not requested. Paths without a script are served from an optional directory.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    fault: str | None = None  # "stall" | "reset" | "truncate" | "endless"
    stall: float = 0.0  # seconds to wait before answering ("stall")
    etag: str | None = None  # answer 304 when If-None-Match carries it


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    at: float
    in_flight: int
    user_agent: str
    conditional: bool


def html_reply(body: bytes | str, **kwargs: object) -> Reply:
    data = body.encode("utf-8") if isinstance(body, str) else body
    headers = {"Content-Type": "text/html"}
    headers.update(kwargs.pop("headers", {}))  # type: ignore[arg-type]
    return Reply(body=data, headers=headers, **kwargs)  # type: ignore[arg-type]


class ScriptedServer:
    """Use as a context manager; ``url`` is the base URL, ``hits`` the request log."""

    def __init__(self, root: Path | None = None, host: str = "127.0.0.1") -> None:
        self.root = root
        self.host = host
        self.routes: dict[str, list[Reply]] = {}
        self.counts: dict[str, int] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.lock = threading.Lock()
        self.url = ""

    def route(self, path: str, *replies: Reply) -> None:
        with self.lock:
            self.routes[path] = list(replies)
            self.counts[path] = 0

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def requested(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit.path == path)

    def next_reply(self, path: str) -> Reply | None:
        with self.lock:
            replies = self.routes.get(path)
            if replies is None:
                return None
            index = min(self.counts[path], len(replies) - 1)
            self.counts[path] += 1
            return replies[index]

    def static(self, path: str) -> Reply:
        if self.root is None:
            return Reply(status=404, body=b"not found")
        rel = urlsplit(path).path.lstrip("/")
        target = (self.root / rel).resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(self.root.resolve()) or not target.is_file():
            return Reply(status=404, body=b"not found")
        ctype = "text/plain" if target.suffix == ".txt" else "text/html"
        return Reply(body=target.read_bytes(), headers={"Content-Type": ctype})

    def __enter__(self) -> ScriptedServer:
        handler = type("Handler", (_Handler,), {"scripted": self})
        self.server = ThreadingHTTPServer((self.host, 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.url = f"http://{self.host}:{self.server.server_address[1]}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    scripted: ScriptedServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass  # the scripted server keeps its own log

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self._serve()

    def _serve(self) -> None:
        server = self.scripted
        with server.lock:
            server.in_flight += 1
            server.hits.append(
                Hit(self.command, self.path, time.monotonic(), server.in_flight,
                    self.headers.get("User-Agent", ""), "If-None-Match" in self.headers)
            )  # fmt: skip
        try:
            reply = server.next_reply(urlsplit(self.path).path) or server.static(self.path)
            self._answer(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on us, as it should on oversized bodies
        finally:
            with server.lock:
                server.in_flight -= 1

    def _answer(self, reply: Reply) -> None:
        if reply.fault == "stall":
            time.sleep(reply.stall)
        if reply.fault == "reset":
            # SO_LINGER 0 turns close() into a TCP RST: a real "connection reset by peer".
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if reply.etag and self.headers.get("If-None-Match") == reply.etag:
            self.send_response(304)
            self.send_header("ETag", reply.etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.etag:
            self.send_header("ETag", reply.etag)
        if reply.fault == "endless":
            self._endless()
            return
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        if reply.fault == "truncate":
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(reply.body)

    def _endless(self) -> None:
        """50 MB without a Content-Length: only a streaming size cap can stop it."""
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<p>" + "招商引资".encode() * 20000 + b"</p>\n"
        sent = 0
        while sent < 50 * 1024 * 1024:
            self.wfile.write(chunk)
            sent += len(chunk)
        self.close_connection = True
