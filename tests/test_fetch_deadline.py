"""The fetch time-out is a deadline for the whole request, against hostile servers on 127.0.0.1.

Each server is a raw socket in a thread that answers one connection at a time, trickling its
bytes; it stops when the client hangs up, after a bounded number of bytes, or when the test ends.
The only assertions on wall-clock time are the bounded-deadline bars of issue 14 (time-out
plus 3 s of slack).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from briefer.cli import app
from briefer.errors import ExitCode, NetworkError
from briefer.ingest import fetch, fetch_many

SLACK = 3.0
"""Seconds a fetch may overrun its time-out (thread wake-ups on 2 shared cores)."""

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"


class Trickler:
    """A server on 127.0.0.1 that runs ``script(conn, request, stop)`` for each connection."""

    def __init__(self, script: Callable[[socket.socket, bytes, threading.Event], None]) -> None:
        self.stop = threading.Event()
        self.requests: list[bytes] = []
        self._script = script
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(8)
        self._sock.settimeout(0.2)  # so the accept loop sees ``stop``
        self.port = int(self._sock.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _serve(self) -> None:
        with self._sock:
            while not self.stop.is_set():
                try:
                    conn, _ = self._sock.accept()
                except TimeoutError:
                    continue
                threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(10)
            request = b""
            while b"\r\n\r\n" not in request:
                data = conn.recv(4096)
                if not data:
                    return
                request += data
            self.requests.append(request)
            with contextlib.suppress(OSError):  # the client hung up: what a deadline does
                self._script(conn, request, self.stop)

    def close(self) -> None:
        self.stop.set()
        self._thread.join(5)


def trickle(conn: socket.socket, data: bytes, stop: threading.Event, every: float = 2.0) -> None:
    """Send ``data`` one byte at a time, ``every`` seconds apart (the thing under test)."""
    for i in range(len(data)):
        conn.sendall(data[i : i + 1])
        if stop.wait(every):
            return


@pytest.fixture()
def serve() -> Iterator[Callable[..., Trickler]]:
    servers: list[Trickler] = []

    def start(script: Callable[[socket.socket, bytes, threading.Event], None]) -> Trickler:
        servers.append(Trickler(script))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def slow_body(length: bool) -> Callable[[socket.socket, bytes, threading.Event], None]:
    def script(conn: socket.socket, request: bytes, stop: threading.Event) -> None:
        body = b"<html><body><p>" + b"word " * 20
        head = HEAD + (b"Content-Length: %d\r\n" % len(body) if length else b"")
        conn.sendall(head + b"Connection: close\r\n\r\n")
        trickle(conn, body[:30], stop)  # at most 60 s, if nothing cut it

    return script


def slow_headers(conn: socket.socket, request: bytes, stop: threading.Event) -> None:
    trickle(conn, HEAD + b"X-Padding: " + b"x" * 30 + b"\r\n\r\n<html></html>", stop)


def timed_fetch(url: str, timeout: float) -> tuple[NetworkError, float]:
    started = time.monotonic()
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=timeout)
    return info.value, time.monotonic() - started


@pytest.mark.parametrize("length", [True, False], ids=["content-length", "until-close"])
def test_a_body_sent_one_byte_every_2_s_is_cut_at_the_deadline(
    serve: Callable[..., Trickler], length: bool
) -> None:
    server = serve(slow_body(length))
    error, took = timed_fetch(server.url("/story"), 5)
    assert (
        str(error)
        == f"{server.url('/story')}: timed out after 5 s; raise the time-out (timeout, or fetch_timeout in a batch)"
    )
    assert error.exit_code is ExitCode.NETWORK
    assert took < 5 + SLACK


def test_headers_sent_one_byte_every_2_s_are_cut_at_the_deadline(
    serve: Callable[..., Trickler],
) -> None:
    server = serve(slow_headers)
    error, took = timed_fetch(server.url("/story"), 5)
    assert (
        str(error)
        == f"{server.url('/story')}: timed out after 5 s; raise the time-out (timeout, or fetch_timeout in a batch)"
    )
    assert took < 5 + SLACK


def test_the_deadline_covers_every_redirect(serve: Callable[..., Trickler]) -> None:
    """Each hop answers in 0.4 s, well within the time-out; twelve of them are not."""

    def hops(conn: socket.socket, request: bytes, stop: threading.Event) -> None:
        hop = int(request.split(b" ")[1].rsplit(b"/", 1)[1])
        if not stop.wait(0.4):
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: /hop/%d\r\nContent-Length: 0\r\n"
                b"Connection: close\r\n\r\n" % (hop + 1)
            )

    server = serve(hops)
    started = time.monotonic()
    with pytest.raises(NetworkError) as info:
        fetch(server.url("/hop/0"), timeout=1.5, max_redirects=12)
    assert (
        str(info.value)
        == f"{server.url('/hop/0')}: timed out after 1.5 s; raise the time-out (timeout, or fetch_timeout in a batch)"
    )
    assert time.monotonic() - started < 1.5 + SLACK
    assert len(server.requests) <= 5  # 1.5 s of 0.4 s hops: the fetch stopped asking


def test_a_stuck_dns_lookup_is_cut_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = socket.getaddrinfo

    def stuck(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "stuck.example.test":
            release.wait(30)  # a resolver that does not answer (the thing under test)
            raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", stuck)
    try:
        error, took = timed_fetch("http://stuck.example.test/story", 1)
    finally:
        release.set()
    assert (
        str(error)
        == "http://stuck.example.test/story: timed out after 1 s; raise the time-out (timeout, or fetch_timeout in a batch)"
    )
    assert took < 1 + SLACK


def test_fetch_many_keeps_each_url_to_its_deadline(serve: Callable[..., Trickler]) -> None:
    server = serve(slow_body(True))
    urls = [server.url(f"/story/{i}") for i in range(4)]
    started = time.monotonic()
    results = list(fetch_many(urls, max_connections=4, timeout=2))
    assert [str(error) for _, error in results] == [
        f"{url}: timed out after 2 s; raise the time-out (timeout, or fetch_timeout in a batch)"
        for url in urls
    ]
    assert time.monotonic() - started < 2 + SLACK


def test_cli_timeout_bounds_a_trickling_server(serve: Callable[..., Trickler]) -> None:
    server = serve(slow_body(False))
    started = time.monotonic()
    result = CliRunner().invoke(app, ["--timeout", "5", server.url("/story")])
    assert time.monotonic() - started < 5 + SLACK
    assert (result.exit_code, result.stdout) == (ExitCode.NETWORK, "")
    assert result.stderr == (
        f"briefer: error: {server.url('/story')}: timed out after 5 s; raise the time-out (--timeout, or --fetch-timeout in a batch)\n"
    )
