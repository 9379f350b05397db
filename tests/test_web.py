"""URLs and HTML pages: fetching from a real server on 127.0.0.1, extraction, the CLI.

No test reaches outside 127.0.0.1: name resolution and connections to anything else fail at once
(see the ``loopback_only`` fixture), so a DNS failure is a mocked resolver, not a lookup.
"""

from __future__ import annotations

import base64
import gzip
import io
import json
import socket
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from rich.console import Console
from typer.testing import CliRunner
from werkzeug import Request, Response

from briefer import Options, summarize
from briefer import output as formats
from briefer.cli import app
from briefer.errors import BrieferError, ExitCode, InputError, NetworkError, UsageError
from briefer.ingest import (
    Fetched,
    extract,
    fetch,
    fetch_many,
    from_fetched,
    is_url,
    looks_like_html,
    read_html,
    read_urls,
)
from briefer.models import Page
from briefer.output.rich import brief_renderable

from .conftest import SAMPLES

PAGE = SAMPLES / "time-warner-profit.html"
EXPECTED = SAMPLES / "time-warner-profit.expected.json"
HTML = PAGE.read_bytes()
LOOPBACK = {"127.0.0.1", "::1", "localhost"}

ARTICLE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Caf\u00e9 owners count the cost - Harbour Times</title>
<meta property="og:title" content="Caf\u00e9 owners count the cost">
<meta property="og:site_name" content="Harbour Times"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Caf\u00e9 owners count the cost</h1>
<p>The owners of the harbour caf\u00e9 say the storm cost them three weeks of trade and most of
their stock, and that the insurer has yet to reply to their claim.</p>
<p>\u201cWe lost everything in the cellar,\u201d said the owner, who reopened on Monday with a
shorter menu and two fewer staff than before the flood.</p>
<p>Other businesses on the quay report smaller losses, but the council expects the repairs to
the sea wall to take until the end of the year.</p></article>
<footer>\u00a9 Harbour Times</footer></body></html>
"""


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every lookup or connection to anything but the loopback fails at once."""
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else host
        if name not in LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)

    def connect(self: socket.socket, address: Any) -> None:
        if isinstance(address, tuple) and address[0] not in LOOPBACK:
            raise AssertionError(f"a test tried to reach {address}")
        real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="module")
def server() -> Iterator[HTTPServer]:
    srv = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    srv.start()
    yield srv
    srv.clear()
    srv.stop()


@pytest.fixture()
def http(server: HTTPServer) -> Iterator[HTTPServer]:
    server.clear()
    yield server
    server.clear()


def article(charset: str = "utf-8") -> bytes:
    return ARTICLE.format(charset=charset).encode("utf-8")


def serve(http: HTTPServer, path: str, body: bytes, content_type: str, **kw: Any) -> str:
    http.expect_request(path).respond_with_data(body, content_type=content_type, **kw)
    return http.url_for(path)


def cli(args: list[str], stdin: bytes | str | None = None) -> Any:
    return CliRunner().invoke(app, args, input=stdin)


# --- fetching ------------------------------------------------------------------------------


def test_fetch_an_article_page(http: HTTPServer) -> None:
    url = serve(http, "/news/cafe", article(), "text/html; charset=utf-8")
    got = fetch(url, timeout=5)
    assert (got.url, got.final_url, got.status) == (url, url, 200)
    assert (got.media_type, got.charset, got.is_html) == ("text/html", "utf-8", True)
    assert got.body == article()
    request, _ = http.log[0]
    assert request.headers["User-Agent"].startswith("Mozilla/5.0 (compatible; briefer/")
    assert "gzip" in request.headers["Accept-Encoding"]
    source = from_fetched(got)
    assert source.page == Page(
        url=url, title="Café owners count the cost", author=None, date=None, site="Harbour Times"
    )
    assert source.text.startswith("The owners of the harbour café say the storm")
    assert "Home" not in source.text and "©" not in source.text


def test_a_redirect_chain_is_followed_and_the_final_url_kept(http: HTTPServer) -> None:
    final = serve(http, "/story", article(), "text/html")
    for here, there in (("/short", "/moved"), ("/moved", "/story")):
        http.expect_request(here).respond_with_data(
            "", status=301 if here == "/short" else 302, headers={"Location": there}
        )
    got = fetch(http.url_for("/short"), timeout=5)
    assert (got.url, got.final_url) == (http.url_for("/short"), final)
    assert from_fetched(got).page is not None
    assert from_fetched(got).page.url == final  # type: ignore[union-attr]


def test_too_many_redirects(http: HTTPServer) -> None:
    http.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    url = http.url_for("/loop")
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5, max_redirects=3)
    assert str(info.value) == f"{url}: too many redirects (more than 3)"
    assert info.value.exit_code is ExitCode.NETWORK and int(ExitCode.NETWORK) == 4
    assert len(http.log) == 4  # the request and three redirects followed, then it gives up


def test_a_redirect_to_another_scheme_is_refused(http: HTTPServer) -> None:
    http.expect_request("/ftp").respond_with_data(
        "", status=302, headers={"Location": "ftp://127.0.0.1/file.txt"}
    )
    url = http.url_for("/ftp")
    with pytest.raises(InputError, match="redirected to an unsupported URL scheme 'ftp'"):
        fetch(url, timeout=5)


@pytest.mark.parametrize(
    ("status", "reason"), [(404, "NOT FOUND"), (500, "INTERNAL SERVER ERROR"), (403, "FORBIDDEN")]
)
def test_http_errors(http: HTTPServer, status: int, reason: str) -> None:
    url = serve(http, "/gone", b"<html><body>error page</body></html>", "text/html", status=status)
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5)
    assert str(info.value) == f"{url}: HTTP {status} {reason}"


def test_an_http_error_after_a_redirect_names_both_urls(http: HTTPServer) -> None:
    http.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    serve(http, "/new", b"not here", "text/plain", status=404)
    with pytest.raises(NetworkError) as info:
        fetch(http.url_for("/old"), timeout=5)
    assert str(info.value) == (
        f"{http.url_for('/old')}: HTTP 404 NOT FOUND (at {http.url_for('/new')})"
    )


def test_a_slow_server_times_out(http: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(article(), content_type="text/html")

    http.expect_request("/slow").respond_with_handler(slow)
    url = http.url_for("/slow")
    started = time.monotonic()
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=0.2)
    assert time.monotonic() - started < 0.9
    assert (
        str(info.value)
        == f"{url}: timed out after 0.2 s; raise the time-out (timeout, or fetch_timeout in a batch)"
    )


def test_a_trickling_body_is_cut_at_the_deadline(http: HTTPServer) -> None:
    def trickle(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            yield b"<html><body><p>"
            for _ in range(40):  # bounded: at most 4 s
                time.sleep(0.1)
                yield b"word " * 10

        return Response(chunks(), content_type="text/html")

    http.expect_request("/trickle").respond_with_handler(trickle)
    url = http.url_for("/trickle")
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"timed out after 0\.5 s"):
        fetch(url, timeout=0.5)
    assert time.monotonic() - started < 2


def test_an_endless_response_stops_at_the_size_cap(http: HTTPServer) -> None:
    def endless(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            yield b"<html><body>"
            for _ in range(2000):  # bounded: 128 MB, far past the cap; the client hangs up
                yield b"<p>" + b"all work and no play " * 3000 + b"</p>"

        return Response(chunks(), content_type="text/html")

    http.expect_request("/endless").respond_with_handler(endless)
    url = http.url_for("/endless")
    with pytest.raises(InputError) as info:
        fetch(url, timeout=5, max_bytes=200_000)
    assert str(info.value) == (
        f"{url}: the response is over 200,000 bytes, more than max_chars allows; "
        "raise max_chars (a number of characters) to fetch it"
    )


def test_a_declared_length_over_the_cap_is_refused_before_reading(http: HTTPServer) -> None:
    url = serve(http, "/big", b"x" * 300_000, "text/plain")
    with pytest.raises(InputError, match="over 100,000 bytes, more than max_chars allows"):
        fetch(url, timeout=5, max_bytes=100_000)


def test_a_gzip_bomb_is_capped_after_decompression(http: HTTPServer) -> None:
    bomb = gzip.compress(b"<html><body>" + b" " * 5_000_000)
    assert len(bomb) < 10_000
    url = serve(http, "/bomb", bomb, "text/html", headers={"Content-Encoding": "gzip"})
    with pytest.raises(InputError, match="over 1,000,000 bytes, more than max_chars allows"):
        fetch(url, timeout=5, max_bytes=1_000_000)


@pytest.mark.parametrize(
    ("encoding", "compress"), [("gzip", gzip.compress), ("deflate", zlib.compress)]
)
def test_compressed_responses(http: HTTPServer, encoding: str, compress: Any) -> None:
    url = serve(
        http, "/z", compress(article()), "text/html", headers={"Content-Encoding": encoding}
    )
    assert fetch(url, timeout=5).body == article()


def test_a_page_declaring_the_wrong_charset(http: HTTPServer) -> None:
    # The header and the page say UTF-8, but the bytes are windows-1252: detection wins.
    body = ARTICLE.format(charset="utf-8").encode("cp1252")
    url = serve(http, "/cp1252", body, "text/html; charset=utf-8")
    source = from_fetched(fetch(url, timeout=5))
    assert "harbour café say" in source.text
    assert "\u201cWe lost everything in the cellar,\u201d" in source.text
    assert source.page is not None and source.page.title == "Café owners count the cost"


def test_a_page_labelled_latin1_that_is_utf8(http: HTTPServer) -> None:
    url = serve(http, "/utf8", article(charset="iso-8859-1"), "text/html; charset=ISO-8859-1")
    source = from_fetched(fetch(url, timeout=5))
    assert "harbour café say" in source.text and "Ã" not in source.text


def test_the_charset_of_the_meta_tag_is_used_without_a_header(http: HTTPServer) -> None:
    body = ARTICLE.format(charset="windows-1252").encode("cp1252")
    url = serve(http, "/meta", body, "text/html")
    source = from_fetched(fetch(url, timeout=5))
    assert source.encoding == "cp1252"
    assert "\u201cWe lost everything" in source.text


@pytest.mark.parametrize(
    ("content_type", "body", "what"),
    [
        ("application/pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00", "an image"),
        ("application/zip", b"PK\x03\x04", "a ZIP archive"),
    ],
)
def test_responses_that_are_not_html_or_text(
    http: HTTPServer, content_type: str, body: bytes, what: str
) -> None:
    url = serve(http, "/file", body, content_type)
    with pytest.raises(InputError) as info:
        fetch(url, timeout=5)
    assert str(info.value) == (
        f"{url}: the server sent {what} ({content_type}), not an HTML page or text"
    )
    assert info.value.exit_code == ExitCode.INPUT


def test_a_pdf_sent_without_a_content_type_is_refused_by_its_bytes(http: HTTPServer) -> None:
    http.expect_request("/untyped").respond_with_response(Response(b"%PDF-1.7\n...", headers={}))
    url = http.url_for("/untyped")
    got = fetch(url, timeout=5)
    with pytest.raises(InputError, match="looks like a PDF document"):
        from_fetched(got)


def test_plain_text_is_briefed_as_it_is(http: HTTPServer) -> None:
    text = (SAMPLES / "fidan-paris-visit.txt").read_bytes()
    url = serve(http, "/story.txt", text, "text/plain; charset=utf-8")
    source = from_fetched(fetch(url, timeout=5))
    assert source.text == text.decode("utf-8")
    assert source.page == Page(url=url, title=None, author=None, date=None, site=None)


def test_dns_failure(http: HTTPServer) -> None:
    url = "http://nonexistent.invalid/article"
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5)
    assert (
        str(info.value) == f"{url}: cannot resolve host 'nonexistent.invalid' (DNS lookup failed)"
    )


def test_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}/"
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5)
    assert str(info.value) == f"{url}: connection refused"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again: nothing listens there


@pytest.mark.parametrize("variable", ["http_proxy", "HTTP_PROXY", "all_proxy"])
def test_requests_go_through_the_proxy_the_environment_names(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch, variable: str
) -> None:
    """The test server plays the proxy: it gets the absolute URL of a host nobody can resolve."""
    http.expect_request("/story", headers={"Host": "news.example.test"}).respond_with_data(
        article(), content_type="text/html"
    )
    monkeypatch.setenv(variable, f"127.0.0.1:{http.port}")  # no scheme: http, as curl reads it
    got = fetch("http://news.example.test/story", timeout=5)
    assert (got.status, got.body) == (200, article())
    # (the module's server may still log a late request of an earlier, timed-out test)
    assert [r.url for r, _ in http.log if r.path == "/story"] == ["http://news.example.test/story"]


def test_no_proxy_hosts_are_reached_directly(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = serve(http, "/direct", article(), "text/html")
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{closed_port()}")
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5)
    assert str(info.value) == f"{url}: through the proxy: connection refused"
    monkeypatch.setenv("no_proxy", "localhost,127.0.0.1")
    assert fetch(url, timeout=5).body == article()
    assert cli([url, "--format", "json"]).exit_code == 0
    monkeypatch.setenv("no_proxy", f"127.0.0.1:{http.port}")  # a host with its port
    assert fetch(url, timeout=5).body == article()
    monkeypatch.setenv("no_proxy", "127.0.0.1:1")  # another port: through the (dead) proxy
    with pytest.raises(NetworkError):
        fetch(url, timeout=5)


def test_a_redirect_out_of_the_proxy_goes_direct_and_credentials_reach_the_proxy(
    http: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server is proxy and origin: proxied requests carry the Proxy-Authorization that the
    proxy URL's user:password gives; the redirect to a no_proxy host arrives without it."""
    final = f"http://localhost:{http.port}/final"
    http.expect_request("/redir").respond_with_data("", status=302, headers={"Location": final})
    http.expect_request("/final").respond_with_data(article(), content_type="text/html")
    monkeypatch.setenv("http_proxy", f"http://user:p%40ss@127.0.0.1:{http.port}")
    monkeypatch.setenv("no_proxy", "localhost")
    got = fetch("http://news.example.test/redir", timeout=5)
    assert (got.final_url, got.body) == (final, article())
    auth = {r.path: r.headers.get("Proxy-Authorization") for r, _ in http.log}
    assert auth["/redir"] == "Basic " + base64.b64encode(b"user:p@ss").decode()
    assert auth["/final"] is None


@pytest.mark.parametrize("proxy", ["socks5h://127.0.0.1:1080", "ftp://127.0.0.1:21"])
def test_a_proxy_that_is_not_http_is_one_line_and_exit_4(
    monkeypatch: pytest.MonkeyPatch, proxy: str
) -> None:
    monkeypatch.setenv("all_proxy", proxy)
    url = "http://news.example.test/story"
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5)
    scheme = proxy.split(":")[0]
    assert str(info.value) == (
        f"{url}: the environment's proxy {proxy} is a {scheme} proxy; "
        "briefer goes through http:// and https:// proxies only"
    )
    result = cli([url])
    assert result.exit_code == ExitCode.NETWORK
    assert result.stderr == f"briefer: error: {info.value}\n"


def test_cli_through_a_proxy(http: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    http.expect_request("/story").respond_with_data(article(), content_type="text/html")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{http.port}")
    result = cli(["http://news.example.test/story", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["page"]["url"] == "http://news.example.test/story"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/a.txt", "unsupported URL scheme 'ftp'"),
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("http:///no-host", "not a valid URL (no host)"),
        ("http://[::1/", "not a valid URL"),
    ],
)
def test_urls_that_are_not_fetched(url: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        fetch(url)


def test_is_url() -> None:
    assert is_url("https://example.com/a") and is_url("ftp://x") and is_url("HTTP://X")
    assert not is_url("article.txt") and not is_url("-") and not is_url("C:\\news.txt")


# --- many URLs at once ---------------------------------------------------------------------


def test_fetch_many_keeps_input_order_and_yields_errors(http: HTTPServer) -> None:
    def delayed(seconds: float) -> Any:
        def handler(request: Request) -> Response:
            time.sleep(seconds)
            return Response(request.path.encode(), content_type="text/plain")

        return handler

    for i, delay in enumerate([0.3, 0.0, 0.1, 0.0]):
        http.expect_request(f"/p{i}").respond_with_handler(delayed(delay))
    serve(http, "/missing", b"", "text/plain", status=404)
    urls = [http.url_for(p) for p in ("/p0", "/p1", "/missing", "/p2", "/p3")]
    urls.insert(3, "ftp://127.0.0.1/x")
    results = list(fetch_many(urls, max_connections=3, timeout=5))
    assert [url for url, _ in results] == urls
    kinds = [r.body.decode() if isinstance(r, Fetched) else type(r).__name__ for _, r in results]
    assert kinds == ["/p0", "/p1", "NetworkError", "InputError", "/p2", "/p3"]


def test_fetch_many_limits_connections(http: HTTPServer) -> None:
    """Each request waits at a barrier for two others: three are in flight at once, never
    more (a fourth would be counted before the barrier let the three go)."""
    lock = threading.Lock()
    barrier = threading.Barrier(3, timeout=10)
    active = peak = 0

    def handler(request: Request) -> Response:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        barrier.wait()
        with lock:
            active -= 1
        return Response(b"ok", content_type="text/plain")

    http.expect_request("/n").respond_with_handler(handler)
    urls = [http.url_for(f"/n?i={i}") for i in range(12)]
    results = list(fetch_many(urls, max_connections=3, timeout=5))
    assert all(isinstance(r, Fetched) for _, r in results)
    assert peak == 3


def test_fetch_many_reads_its_input_lazily_and_stops_when_closed(http: HTTPServer) -> None:
    serve(http, "/a", b"a", "text/plain")
    taken: list[int] = []

    def urls() -> Iterator[str]:
        for i in range(1000):
            taken.append(i)
            yield http.url_for("/a")

    results = fetch_many(urls(), max_connections=2, timeout=5)
    first = next(results)
    results.close()
    assert isinstance(first[1], Fetched)
    assert len(taken) <= 5  # the window is 2 × max_connections
    assert len(http.log) <= 5


def test_fetch_many_needs_a_connection() -> None:
    with pytest.raises(UsageError):
        list(fetch_many(["http://127.0.0.1/"], max_connections=0))


def test_read_urls_extracts_pages_and_keeps_errors(http: HTTPServer) -> None:
    good = serve(http, "/good", article(), "text/html")
    bad = serve(http, "/pdf", b"%PDF-1.4", "application/pdf")
    empty = serve(http, "/empty", b"<html><body><script>app()</script></body></html>", "text/html")
    results = dict(read_urls([good, bad, empty], 1_000_000, timeout=5, max_connections=2))
    assert results[good].page.title == "Café owners count the cost"  # type: ignore[union-attr]
    assert isinstance(results[bad], InputError)
    assert isinstance(results[empty], BrieferError)
    assert str(results[empty]) == f"{empty}: no article text found in the HTML page"


# --- HTML pages ----------------------------------------------------------------------------


def test_the_sample_page_gives_its_expected_brief() -> None:
    """The saved page's brief. After a deliberate change to the default method, regenerate:

    briefer -f json samples/time-warner-profit.html | python -c 'import json, sys;
    d = json.load(sys.stdin); e = json.load(open("samples/time-warner-profit.expected.json"));
    e.update(gist=d["gist"]["text"], points=[p["text"] for p in d["points"]]);
    print(json.dumps(e, ensure_ascii=False, indent=2))'
    """
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    source = read_html(HTML, expected["source"])
    brief = summarize(source.text, Options(method=expected["method"])).with_page(source.page)
    got = {
        "headline": brief.headline,
        "headline_source": brief.headline_source,
        "page": brief.page.to_dict() if brief.page else None,
        "gist": brief.gist.sentence.text,
        "points": [p.sentence.text for p in brief.points],
    }
    assert got == {k: expected[k] for k in got}, (
        f"the brief of {PAGE.name} changed; if that is intended, regenerate {EXPECTED.name}"
    )


@pytest.mark.parametrize("method", ["default", "lead", "textrank"])
def test_the_sample_page_briefs_like_its_text(method: str) -> None:
    """Boilerplate is gone: the page's article gives the same points as the plain-text sample."""
    source = read_html(HTML, PAGE.name)
    text = (SAMPLES / "time-warner-profit.txt").read_text(encoding="utf-8")
    options = Options(method=method)
    assert [p.sentence.text for p in summarize(source.text, options).points] == [
        p.sentence.text for p in summarize(text, options).points
    ]
    for junk in ("Advertisement", "cookies", "Most read", "Read more", "Sign up", "Catwoman was"):
        assert junk not in source.text


def test_extract_refuses_a_page_without_an_article() -> None:
    with pytest.raises(InputError, match=r"^page\.html: no article text found in the HTML page$"):
        extract("<html><head><title>App</title></head><body></body></html>", name="page.html")


def test_page_metadata_cannot_carry_terminal_escapes() -> None:
    html = ARTICLE.format(charset="utf-8").replace(
        "<title>Caf\u00e9 owners", "<title>\x1b[31mCaf\u00e9 owners"
    )
    html = html.replace('content="Caf\u00e9 owners', 'content="\x1b[31mCaf\u00e9 owners')
    _, page = extract(html)
    assert page.title is not None and "\x1b" not in page.title


@pytest.mark.parametrize(
    ("data", "html"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", True),
        (b"\n\n  <html lang='en'>", True),
        (b"<!-- saved page --><HTML>", True),
        (
            b'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
            True,
        ),
        (b"\xef\xbb\xbf<!doctype html>", True),
        ("<!doctype html>".encode("utf-16"), True),
        (b"The <html> tag starts a page.", False),
        (b"Headline\n\nThe body of the story.", False),
    ],
)
def test_looks_like_html(data: bytes, html: bool) -> None:
    assert looks_like_html(data) is html


# --- the command line ----------------------------------------------------------------------


def test_cli_briefs_a_url(http: HTTPServer) -> None:
    url = serve(http, "/news/cafe", article(), "text/html; charset=utf-8")
    result = cli(["-f", "json", url])
    assert (result.exit_code, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["source"] == url
    assert (data["headline"], data["headline_source"]) == ("Café owners count the cost", "page")
    assert data["page"] == {
        "url": url,
        "title": "Café owners count the cost",
        "author": None,
        "date": None,
        "site": "Harbour Times",
    }
    assert list(data)[-1] == "page"  # added at the end: the shape only grows


def test_cli_title_option_beats_the_page_title(http: HTTPServer) -> None:
    url = serve(http, "/news/cafe", article(), "text/html")
    data = json.loads(cli(["-f", "json", "--title", "Mine", url]).stdout)
    assert (data["headline"], data["headline_source"]) == ("Mine", "given")
    assert data["page"]["title"] == "Café owners count the cost"


def test_cli_text_output_shows_the_page_line(http: HTTPServer) -> None:
    url = serve(http, "/news/cafe", article(), "text/html")
    out = cli(["-f", "text", url]).stdout
    assert out.startswith(f"Café owners count the cost\nHarbour Times · {url}\n\nGist: ")


@pytest.mark.parametrize(("status", "reason"), [(404, "NOT FOUND"), (500, "INTERNAL SERVER ERROR")])
def test_cli_http_error_is_one_line_and_exit_4(http: HTTPServer, status: int, reason: str) -> None:
    url = serve(http, "/x", b"", "text/html", status=status)
    result = cli([url])
    assert (result.exit_code, result.stdout) == (4, "")
    assert result.stderr == f"briefer: error: {url}: HTTP {status} {reason}\n"


def test_cli_timeout_option(http: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response(article(), content_type="text/html")

    http.expect_request("/slow").respond_with_handler(slow)
    url = http.url_for("/slow")
    result = cli(["--timeout", "0.2", url])
    assert result.exit_code == ExitCode.NETWORK
    assert (
        result.stderr
        == f"briefer: error: {url}: timed out after 0.2 s; raise the time-out (--timeout, or --fetch-timeout in a batch)\n"
    )


def test_cli_dns_failure_exit_4() -> None:
    result = cli(["http://nonexistent.invalid/"])
    assert result.exit_code == 4
    assert result.stderr == (
        "briefer: error: http://nonexistent.invalid/: cannot resolve host "
        "'nonexistent.invalid' (DNS lookup failed)\n"
    )


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        (
            "ftp://example.com/a",
            "unsupported URL scheme 'ftp'; briefer fetches http:// and https:// URLs",
        ),
        (
            "file:///etc/hosts",
            "unsupported URL scheme 'file'; briefer fetches http:// and https:// URLs",
        ),
    ],
)
def test_cli_other_schemes_exit_1(arg: str, message: str) -> None:
    result = cli([arg])
    assert (result.exit_code, result.stderr) == (1, f"briefer: error: {arg}: {message}\n")


def test_cli_pdf_url_exit_1(http: HTTPServer) -> None:
    url = serve(http, "/report.pdf", b"%PDF-1.7", "application/pdf")
    result = cli([url])
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (
        f"briefer: error: {url}: the server sent a PDF document (application/pdf), "
        "not an HTML page or text\n"
    )


def test_cli_files_and_urls_in_order_with_a_failing_url(http: HTTPServer) -> None:
    good = serve(http, "/good", article(), "text/html")
    bad = serve(http, "/bad", b"", "text/html", status=404)
    text = str(SAMPLES / "fidan-paris-visit.txt")
    result = cli(["-f", "jsonl", good, text, bad, str(PAGE)])
    assert result.exit_code == ExitCode.PARTIAL
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == [good, text, bad, str(PAGE)]
    assert records[2]["error"] == {
        "source": bad,
        "message": "HTTP 404 NOT FOUND",
        "kind": "network",
        "exit_code": 4,
    }
    assert records[1]["page"] is None and records[3]["page"]["site"] == "The Daily Ledger"
    assert result.stderr == f"briefer: error: {bad}: HTTP 404 NOT FOUND\n"


def test_cli_every_url_failing_the_same_way_exits_4(http: HTTPServer) -> None:
    bad = serve(http, "/bad", b"", "text/html", status=500)
    assert cli([bad, bad]).exit_code == ExitCode.NETWORK


def test_cli_html_file() -> None:
    result = cli(["-f", "json", str(PAGE)])
    assert result.exit_code == 0
    source = read_html(HTML, str(PAGE))
    assert result.stdout == formats.to_json(
        summarize(source.text).with_page(source.page), str(PAGE)
    )
    assert json.loads(result.stdout)["page"] == json.loads(EXPECTED.read_text("utf-8"))["page"]


def test_cli_html_on_stdin_is_detected_from_the_content() -> None:
    result = cli(["-f", "json"], stdin=HTML)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"] == "<stdin>"
    assert data["page"]["title"] == "Ad sales boost Time Warner profit"
    assert "Advertisement" not in result.stdout


def test_cli_plain_text_has_no_page() -> None:
    data = json.loads(
        cli(["-f", "json", "-"], stdin=(SAMPLES / "time-warner-profit.txt").read_bytes()).stdout
    )
    assert data["page"] is None and data["headline_source"] == "detected"


def test_cli_sentences_of_an_html_page() -> None:
    result = cli(["sentences", str(PAGE)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("Quarterly profits at US media giant")
    assert "Advertisement" not in result.stdout


# --- output ----------------------------------------------------------------------------------


def _page_brief() -> Any:
    source = read_html(HTML, PAGE.name)
    return summarize(source.text).with_page(source.page)


def test_markdown_and_rich_show_the_page() -> None:
    brief = _page_brief()
    md = formats.to_markdown(brief)
    assert md.startswith(
        "## Ad sales boost Time Warner profit\n\n*By Sarah Whitfield · The Daily Ledger · "
        "2005-02-04 · https://www.dailyledger.example/business/time-warner-profit*\n\n> "
    )
    console = Console(record=True, width=120, color_system=None, file=io.StringIO())
    console.print(brief_renderable(brief, PAGE.name))
    shown = console.export_text()
    assert "Ad sales boost Time Warner profit" in shown
    assert "By Sarah Whitfield · The Daily Ledger · 2005-02-04" in shown


def test_with_page_keeps_a_given_title() -> None:
    text = (SAMPLES / "time-warner-profit.txt").read_text(encoding="utf-8")
    page = Page(url=None, title="From the page", author=None, date=None, site=None)
    given = summarize(text, Options(title="Given")).with_page(page)
    assert (given.headline, given.headline_source, given.page) == ("Given", "given", page)
    detected = summarize(text).with_page(page)
    assert (detected.headline, detected.headline_source) == ("From the page", "page")
    untitled = Page(url="https://x.example/", title=None, author=None, date=None, site=None)
    assert summarize(text).with_page(untitled).headline_source == "detected"
    assert summarize(text).with_page(None).page is None


# --- offline and fast start ------------------------------------------------------------------


def test_help_and_version_do_not_import_the_web_stack() -> None:
    code = (
        "import sys\n"
        "from briefer.cli import main\n"
        "for args in (['--version'], ['--help'], ['brief', '--help']):\n"
        "    sys.argv = ['briefer', *args]\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = ('trafilatura', 'lxml', 'urllib3', 'requests', 'httpx', 'briefer.ingest.http')\n"
        "sys.stderr.write(repr(sorted(m for m in heavy if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stderr == "[]"


def test_extraction_reaches_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """trafilatura (and htmldate, courlan) must not download anything while extracting."""

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("extraction tried to use the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    text, page = extract(HTML.decode("utf-8"), "https://www.dailyledger.example/a")
    assert page.site == "The Daily Ledger" and text


def test_an_existing_file_named_like_a_url_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert is_url("http://example.com/a.txt")
    Path("http:/example.com").mkdir(parents=True)
    Path("http:/example.com/a.txt").write_text("One sentence here. And another one here.\n")
    assert not is_url("http://example.com/a.txt")  # the path exists: it is read as a file
    assert cli(["http://example.com/a.txt"]).exit_code == 0
