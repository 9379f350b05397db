"""The fetch policy (never | public | any), URL credentials and server text in messages.

Nothing leaves 127.0.0.1: names resolve through the ``dns`` table below, and a connection to
any other address is refused (and recorded) before it is made.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from briefer.errors import ExitCode, NetworkError, UsageError
from briefer.ingest import (
    FetchPolicy,
    address_refusal,
    display_url,
    extract,
    fetch,
    fetch_many,
    fetch_policy,
    http_session,
)

from . import test_web

server, http = test_web.server, test_web.http  # the loopback HTTP server, as test_web has it

PUBLIC = "93.184.215.14"  # a public address: never reached, the guard refuses it

ALLOW = "pass fetch='any' to allow it"  # the library names its argument (CLI: --fetch any)


class Network:
    """Names resolve through ``table`` (a list of answers is given out one per lookup);
    connections go to loopback only, every other one is refused and recorded."""

    def __init__(self) -> None:
        self.table: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []
        self.refused: list[Any] = []
        self._lock = threading.Lock()

    def answer(self, name: str, *answers: list[str]) -> None:
        self.table[name] = list(answers)

    def getaddrinfo(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        with self._lock:
            self.lookups.append(name)
            answers = self.table.get(name)
            if answers is None:
                addresses = [name] if _is_ip(name) else []
            else:
                addresses = answers.pop(0) if len(answers) > 1 else answers[0]
        if not addresses:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [_info(address, int(port or 80)) for address in addresses]


def _is_ip(name: str) -> bool:
    try:
        socket.inet_pton(socket.AF_INET6 if ":" in name else socket.AF_INET, name)
    except OSError:
        return False
    return True


def _info(address: str, port: int) -> Any:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


@pytest.fixture()
def dns(monkeypatch: pytest.MonkeyPatch) -> Network:
    network = Network()
    network.answer("localhost", ["127.0.0.1"])
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> None:
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1"):
            network.refused.append(address)
            raise ConnectionRefusedError(111, "Connection refused")
        real_connect(self, address)

    monkeypatch.setattr(socket, "getaddrinfo", network.getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", connect)
    for variable in ("http_proxy", "https_proxy", "all_proxy", "no_proxy"):
        monkeypatch.delenv(variable, raising=False)
        monkeypatch.delenv(variable.upper(), raising=False)
    return network


@pytest.fixture()
def loopback_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """For redirect tests: 127.0.0.1 counts as public, so a first hop can be served here."""
    real = address_refusal
    monkeypatch.setattr(
        "briefer.ingest.policy.address_refusal", lambda a: None if a == "127.0.0.1" else real(a)
    )


PAGE = b"<html><body><p>A page served on the loopback.</p></body></html>"


# --- the addresses `public` refuses --------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("169.254.169.254", "a link-local address"),  # cloud metadata
        ("224.0.0.1", "a multicast address"),
        ("239.255.255.250", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("240.0.0.1", "a private address"),  # reserved, which Python files as private too
        ("100.64.0.1", "a non-public address"),  # carrier-grade NAT
        ("::1", "a loopback address"),
        ("::", "an unspecified address"),
        ("fe80::1", "a link-local address"),
        ("fe80::1%2", "a link-local address"),
        ("fc00::1", "a private address"),
        ("fd12:3456::1", "a private address"),
        ("ff02::1", "a multicast address"),
        ("::ffff:127.0.0.1", "a loopback address"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "a private address"),
        ("::ffff:169.254.169.254", "a link-local address"),
        ("64:ff9b::a9fe:a9fe", "a link-local address"),  # NAT64 of 169.254.169.254
        ("2002:7f00:1::", "a loopback address"),  # 6to4 of 127.0.0.1
        ("::7f00:1", "a reserved address"),  # IPv4-compatible, deprecated
        ("2001:db8::1", "a private address"),  # documentation
        ("8.8.8.8", None),
        (PUBLIC, None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_public_refuses_addresses_that_are_not_public(address: str, why: str | None) -> None:
    assert address_refusal(address) == why


# --- never -----------------------------------------------------------------------------------


def test_never_refuses_every_fetch_without_a_request(dns: Network, http: HTTPServer) -> None:
    http.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    url = http.url_for("/page")
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5, policy="never")
    assert str(info.value) == (
        f"{url}: fetching URLs is turned off; pass fetch='public' or fetch='any' to allow it"
    )
    assert info.value.exit_code is ExitCode.NETWORK
    assert (http.log, dns.lookups) == ([], [])


def test_the_policy_is_named_by_string_or_enum() -> None:
    assert fetch_policy("public") is FetchPolicy.PUBLIC is fetch_policy(FetchPolicy.PUBLIC)
    with pytest.raises(UsageError, match=r"^unknown fetch policy 'open'; choose never, public"):
        fetch("http://127.0.0.1/", policy="open")


# --- public ----------------------------------------------------------------------------------


def test_public_refuses_a_loopback_address_and_sends_nothing(
    dns: Network, http: HTTPServer
) -> None:
    http.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    url = http.url_for("/page")
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5, policy=FetchPolicy.PUBLIC)
    assert str(info.value) == f"{url}: 127.0.0.1 is a loopback address; {ALLOW}"
    assert info.value.exit_code is ExitCode.NETWORK
    assert http.log == []
    assert fetch(url, timeout=5, policy="any").body == PAGE  # what `any` is for


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (["127.0.0.1"], "127.0.0.1, a loopback address"),
        (["10.20.30.40"], "10.20.30.40, a private address"),
        (["::ffff:127.0.0.1"], "::ffff:127.0.0.1, a loopback address"),
        (["169.254.169.254"], "169.254.169.254, a link-local address"),
        ([PUBLIC, "127.0.0.1"], "127.0.0.1, a loopback address"),  # one bad address is enough
    ],
)
def test_public_checks_names_after_resolving_them(
    dns: Network, http: HTTPServer, answer: list[str], shown: str
) -> None:
    dns.answer("intranet.example.test", answer)
    url = f"http://intranet.example.test:{http.port}/page"
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5, policy="public")
    assert str(info.value) == f"{url}: intranet.example.test resolves to {shown}; {ALLOW}"
    assert (http.log, dns.refused) == ([], [])


def test_public_connects_to_the_address_it_checked(dns: Network, http: HTTPServer) -> None:
    """DNS rebinding: the name is public when checked and loopback a moment later; the
    connection goes to the checked address, with no second lookup."""
    http.expect_request("/page").respond_with_data(PAGE, content_type="text/html")
    dns.answer("rebind.example.test", [PUBLIC], ["127.0.0.1"])
    url = f"http://rebind.example.test:{http.port}/page"
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5, policy="public")
    assert str(info.value) == f"{url}: connection refused"  # the guard, playing the public host
    assert dns.refused == [(PUBLIC, http.port)]
    assert dns.lookups == ["rebind.example.test"]
    assert http.log == []


@pytest.mark.usefixtures("loopback_is_public")
@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("http://127.0.0.2:{port}/inside", "127.0.0.2 is a loopback address"),
        ("http://[::1]:{port}/inside", "::1 is a loopback address"),
        (
            "http://metadata.example.test/latest",
            "metadata.example.test resolves to 169.254.169.254, a link-local address",
        ),
    ],
)
def test_public_checks_every_redirect(
    dns: Network, http: HTTPServer, location: str, shown: str
) -> None:
    dns.answer("metadata.example.test", ["169.254.169.254"])
    target = location.format(port=http.port)
    http.expect_request("/out").respond_with_data("", status=302, headers={"Location": target})
    url = http.url_for("/out")
    with pytest.raises(NetworkError) as info:
        fetch(url, timeout=5, policy="public")
    assert str(info.value) == f"{url}: {shown} (at {target}); {ALLOW}"
    assert [request.path for request, _ in http.log] == ["/out"]
    assert dns.refused == []


@pytest.mark.usefixtures("loopback_is_public")
def test_public_follows_redirects_between_public_hosts(dns: Network, http: HTTPServer) -> None:
    dns.answer("news.example.test", ["127.0.0.1"])  # public, for this test
    http.expect_request("/short").respond_with_data(
        "", status=301, headers={"Location": f"http://news.example.test:{http.port}/story"}
    )
    http.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    got = fetch(http.url_for("/short"), timeout=5, policy="public")
    assert (got.final_url, got.body) == (f"http://news.example.test:{http.port}/story", PAGE)


def test_public_checks_a_connection_reused_from_the_pool(
    dns: Network, raw: Callable[[bytes], RawAnswer]
) -> None:
    """A keep-alive connection opened under ``any`` is not a way around ``public``."""
    server = raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s"
        % (len(PAGE), PAGE)
    )
    with http_session() as session:
        assert fetch(server.url, timeout=5, http=session).body == PAGE
        assert fetch(server.url, timeout=5, http=session).body == PAGE  # on the same connection
        with pytest.raises(NetworkError) as info:
            fetch(server.url, timeout=5, policy="public", http=session)
    assert str(info.value) == f"{server.url}: 127.0.0.1 is a loopback address; {ALLOW}"
    assert server.requests == 2


def test_fetch_takes_only_sessions_that_check(http: HTTPServer) -> None:
    import requests

    with requests.Session() as plain, pytest.raises(UsageError, match="http_session"):
        fetch(http.url_for("/page"), http=plain)


def test_fetch_many_applies_the_policy_to_each_url(dns: Network, http: HTTPServer) -> None:
    dns.answer("public.example.test", [PUBLIC])
    urls = [http.url_for("/a"), "http://public.example.test/b"]
    results = dict(fetch_many(urls, timeout=5, policy="public"))
    assert str(results[urls[0]]) == f"{urls[0]}: 127.0.0.1 is a loopback address; {ALLOW}"
    assert str(results[urls[1]]) == f"{urls[1]}: connection refused"  # public: it was tried
    assert http.log == []


# --- public through a proxy --------------------------------------------------------------------


@pytest.fixture()
def proxy(http: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> HTTPServer:
    """The test server plays the environment's proxy (itself on the loopback: allowed, since
    the user chose it)."""
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{http.port}")
    return http


def test_through_a_proxy_public_checks_the_target_name_before_sending(
    dns: Network, proxy: HTTPServer
) -> None:
    proxy.expect_request("/story").respond_with_data(PAGE, content_type="text/html")
    dns.answer("news.example.test", [PUBLIC])
    dns.answer("intranet.example.test", ["10.0.0.7"])
    got = fetch("http://news.example.test/story", timeout=5, policy="public")
    assert got.body == PAGE
    assert [request.url for request, _ in proxy.log] == ["http://news.example.test/story"]
    with pytest.raises(NetworkError) as info:
        fetch("http://intranet.example.test/story", timeout=5, policy="public")
    assert str(info.value) == (
        "http://intranet.example.test/story: intranet.example.test resolves to 10.0.0.7, "
        f"a private address; {ALLOW}"
    )
    with pytest.raises(NetworkError) as info:
        fetch("http://10.0.0.7/story", timeout=5, policy="public")
    assert str(info.value) == f"http://10.0.0.7/story: 10.0.0.7 is a private address; {ALLOW}"
    with pytest.raises(NetworkError) as info:
        fetch("http://unknown.example.test/story", timeout=5, policy="public")
    assert str(info.value) == (
        "http://unknown.example.test/story: unknown.example.test does not resolve here, "
        f"so it cannot be checked; {ALLOW}"
    )
    assert len(proxy.log) == 1  # only the public target reached the proxy
    assert fetch("http://intranet.example.test/story", timeout=5, policy="any").body == PAGE


def test_through_a_proxy_public_checks_every_redirect(dns: Network, proxy: HTTPServer) -> None:
    dns.answer("news.example.test", [PUBLIC])
    dns.answer("intranet.example.test", ["192.168.0.10"])
    proxy.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": "http://intranet.example.test/admin"}
    )
    with pytest.raises(NetworkError) as info:
        fetch("http://news.example.test/moved", timeout=5, policy="public")
    assert str(info.value) == (
        "http://news.example.test/moved: intranet.example.test resolves to 192.168.0.10, "
        f"a private address (at http://intranet.example.test/admin); {ALLOW}"
    )
    assert [request.path for request, _ in proxy.log] == ["/moved"]


# --- what reaches messages and metadata ------------------------------------------------------


def test_credentials_in_a_url_are_never_shown(dns: Network, http: HTTPServer) -> None:
    http.expect_request("/private").respond_with_data(PAGE, content_type="text/html")
    http.expect_request("/missing").respond_with_data("", status=404)
    base = f"127.0.0.1:{http.port}"
    got = fetch(f"http://reader:s3cret@{base}/private", timeout=5)
    assert (got.url, got.final_url) == (f"http://{base}/private", f"http://{base}/private")
    for url, policy in (
        (f"http://reader:s3cret@{base}/missing", "any"),
        (f"http://reader:s3cret@{base}/private", "public"),
        (f"http://reader:s3cret@{base}/private", "never"),
        ("ftp://reader:s3cret@example.test/file", "any"),
    ):
        with pytest.raises(Exception) as info:
            fetch(url, timeout=5, policy=policy)
        assert "s3cret" not in str(info.value) and "reader" not in str(info.value)
    assert display_url("https://a:b@c@news.example/x?u=1@2") == "https://news.example/x?u=1@2"


class RawAnswer:
    """A server on 127.0.0.1 that answers every request of one connection with ``response``,
    byte for byte (HTTP servers in Python clean up status lines and headers before sending
    them), and stops when the client hangs up."""

    def __init__(self, response: bytes) -> None:
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(1)
        self._listener.settimeout(10)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/x"
        self.requests = 0
        self._response = response
        self._thread = threading.Thread(target=self._answer, daemon=True)
        self._thread.start()

    def _answer(self) -> None:
        with self._listener, contextlib.suppress(OSError):
            conn, _ = self._listener.accept()
            with conn:
                conn.settimeout(10)
                while conn.recv(4096):  # one request per read: the client waits for each answer
                    self.requests += 1
                    conn.sendall(self._response)

    def close(self) -> None:
        self._thread.join(10)


@pytest.fixture()
def raw() -> Iterator[Callable[[bytes], RawAnswer]]:
    servers: list[RawAnswer] = []

    def start(response: bytes) -> RawAnswer:
        servers.append(RawAnswer(response))
        return servers[-1]

    yield start
    for answer in servers:
        answer.close()


@pytest.mark.usefixtures("loopback_is_public")
@pytest.mark.parametrize(
    ("head", "message"),
    [
        (b"500 \x1b]0;PWNED\x07\x1b[2J Oops\x0b\x85 bad", "HTTP 500 ]0;PWNED [2J Oops bad"),
        (
            b"302 Found\r\nLocation: http://127.0.0.3/\x1b[2J\x1b]0;x\x07 a\xc2\x85b",
            "127.0.0.3 is a loopback address "
            f"(at http://127.0.0.3/%1B[2J%1B]0;x%07%20a%C2%85b); {ALLOW}",
        ),
    ],
    ids=["reason-phrase", "location"],
)
def test_server_text_in_messages_cannot_carry_escapes_or_lines(
    dns: Network, raw: Callable[[bytes], RawAnswer], head: bytes, message: str
) -> None:
    answer = raw(b"HTTP/1.1 " + head + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    with pytest.raises(NetworkError) as info:
        fetch(answer.url, timeout=5, policy="public")
    assert str(info.value) == f"{answer.url}: {message}"


# --- page dates ------------------------------------------------------------------------------

TEXT = "<p>" + "The company was founded in 2008 and listed its shares in March 2015. " * 4 + "</p>"


@pytest.mark.parametrize(
    ("head", "body", "url", "date"),
    [
        ("", TEXT, None, None),  # years in the text are not the page's date
        ("", "<p>Published 12 May 2019</p>" + TEXT, None, None),
        ("", TEXT + "<footer>© 2017 The Ledger</footer>", None, None),
        (
            '<meta property="article:published_time" content="2021-06-02T10:00:00Z">',
            TEXT,
            None,
            "2021-06-02",
        ),
        ("", '<time datetime="2020-01-05">5 January</time>' + TEXT, None, "2020-01-05"),
        ("", TEXT, "https://news.example/2016/04/03/story", "2016-04-03"),
        (
            '<meta property="article:published_time" content="2021-06-02">',
            TEXT,
            "https://news.example/2016/04/03/story",
            "2021-06-02",
        ),  # the page before its URL
    ],
)
def test_a_page_date_is_only_one_the_page_declares(
    head: str, body: str, url: str | None, date: str | None
) -> None:
    html = f"<html><head><title>T</title>{head}</head><body><article>{body}</article></body></html>"
    assert extract(html, url)[1].date == date
