"""Fetching on requests: what its session brings (credentials, cookies, no_proxy as requests
reads it), and what briefer keeps on top (a redirect's body is never read). Servers listen on
127.0.0.1 only; the loopback guard of test_web applies here too.
"""

from __future__ import annotations

import base64
import socket
import threading
from collections.abc import Callable

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from briefer.errors import NetworkError
from briefer.ingest import fetch

from . import test_fetch_deadline, test_web
from .test_fetch_deadline import Trickler

server, http, loopback_only = test_web.server, test_web.http, test_web.loopback_only
serve = test_fetch_deadline.serve  # raw servers on 127.0.0.1 that trickle or stall

PAGE = b"<html><body><p>The story itself.</p></body></html>"


def test_a_redirect_body_is_never_read(serve: Callable[..., Trickler]) -> None:
    """A redirect that promises 100 MB of gzip and then stalls: the fetch moves on at once
    (reading it, as requests' own redirect handling does, would stall until the time-out)."""

    def script(conn: socket.socket, request: bytes, stop: threading.Event) -> None:
        if request.startswith(b"GET /moved "):
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: /story\r\nContent-Encoding: gzip\r\n"
                b"Content-Length: 100000000\r\n\r\n\x1f\x8b\x08\x00"
            )
            stop.wait(30)  # stalls (the thing under test) until the test ends
            return
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
            b"Connection: close\r\n\r\n%s" % (len(PAGE), PAGE)
        )

    hostile = serve(script)
    got = fetch(hostile.url("/moved"), timeout=5)
    assert (got.final_url, got.body) == (hostile.url("/story"), PAGE)


def test_credentials_in_the_url_are_sent_to_their_host_only(http: HTTPServer) -> None:
    other = f"http://localhost:{http.port}/elsewhere"
    http.expect_request("/private").respond_with_data(
        "", status=302, headers={"Location": "/private/page"}
    )
    http.expect_request("/private/page").respond_with_data(
        "", status=302, headers={"Location": other}
    )
    http.expect_request("/elsewhere").respond_with_data(PAGE, content_type="text/html")
    got = fetch(f"http://reader:p%40ss@127.0.0.1:{http.port}/private", timeout=5)
    assert got.body == PAGE
    sent = {r.path: r.headers.get("Authorization") for r, _ in http.log}
    basic = "Basic " + base64.b64encode(b"reader:p@ss").decode()
    assert sent == {"/private": basic, "/private/page": basic, "/elsewhere": None}


def test_a_cookie_set_by_a_redirect_is_sent_on(http: HTTPServer) -> None:
    """Consent walls set a cookie and redirect back; without it the page redirects forever."""

    def gate(request: Request) -> Response:
        if request.cookies.get("consent") == "yes":
            return Response(PAGE, content_type="text/html")
        response = Response("", status=302, headers={"Location": "/story"})
        response.set_cookie("consent", "yes")
        return response

    http.expect_request("/story").respond_with_handler(gate)
    assert fetch(http.url_for("/story"), timeout=5, max_redirects=3).body == PAGE


def test_no_proxy_may_name_a_network(http: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A CIDR entry, as requests reads no_proxy (urllib's own rules do not know them)."""
    url = f"http://127.0.0.1:{http.port}/direct"
    http.expect_request("/direct").respond_with_data(PAGE, content_type="text/html")
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{test_web.closed_port()}")
    monkeypatch.setenv("no_proxy", "10.0.0.0/8,127.0.0.0/8")
    assert fetch(url, timeout=5).body == PAGE
    monkeypatch.setenv("no_proxy", "10.0.0.0/8")
    with pytest.raises(NetworkError, match="through the proxy: connection refused"):
        fetch(url, timeout=5)


def test_a_location_in_latin_1_is_followed_percent_encoded(
    serve: Callable[..., Trickler],
) -> None:
    """requests reads a Location's bytes as UTF-8 and fails on others; briefer sends them
    percent-encoded, as browsers do."""

    def script(conn: socket.socket, request: bytes, stop: threading.Event) -> None:
        if request.startswith(b"GET /moved "):
            conn.sendall(
                b"HTTP/1.1 302 Found\r\nLocation: /caf\xe9\r\nContent-Length: 0\r\n"
                b"Connection: close\r\n\r\n"
            )
            return
        status = b"200 OK" if request.startswith(b"GET /caf%E9 ") else b"404 Not Found"
        conn.sendall(
            b"HTTP/1.1 %s\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
            b"Connection: close\r\n\r\n%s" % (status, len(PAGE), PAGE)
        )

    server = serve(script)
    got = fetch(server.url("/moved"), timeout=5)
    assert (got.final_url, got.body) == (server.url("/caf%E9"), PAGE)
