"""URLs → bytes, and HTML → article text. The only module that imports requests, urllib3 and
trafilatura.

Fetching, on requests (its environment proxies, ``no_proxy`` and TLS settings) over urllib3
connections of our own: http and https only, a deadline for the whole request (connect,
headers, body and redirects, measured from the start), a redirect limit, a size cap on the
(decompressed) body, gzip/deflate, an honest User-Agent, and a policy for which addresses may
be reached (:class:`FetchPolicy`). Responses that are neither HTML nor text (PDF, images,
archives) are refused from their Content-Type before the body is read.

Extraction: trafilatura finds the article in the page (no navigation, ads, comments, related
links) and reads its metadata (title, author, date, site name). Nothing is downloaded at run
time. These libraries are imported by this module only, and this module is imported only when an
input is a URL or an HTML page, so ``briefer --help`` stays fast.
"""

from __future__ import annotations

import contextlib
import ipaddress
import itertools
import re
import socket
import threading
import time
import unicodedata
import urllib.request
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import requests
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    LocationValueError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from briefer import __version__
from briefer.errors import BrieferError, InputError, NetworkError, UsageError
from briefer.models import Page

DEFAULT_TIMEOUT = 30.0
"""Seconds for a whole request: connecting, the headers, the body and every redirect."""

MAX_REDIRECTS = 10
"""Redirects followed before giving up (browsers allow about 20; a news page needs one or two)."""

DEFAULT_MAX_BYTES = 8_000_000
"""Largest body read, after decompression (the CLI passes 4 × ``--max-chars``)."""

DEFAULT_MAX_CONNECTIONS = 8
"""Requests in flight at once in :func:`fetch_many`."""

USER_AGENT = f"Mozilla/5.0 (compatible; briefer/{__version__}; article summarizer)"

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFFED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_CHUNK = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_KNOWN_TYPES = {
    "application/pdf": "a PDF document",
    "application/zip": "a ZIP archive",
    "application/json": "JSON data",
    "application/octet-stream": "binary data",
}


class FetchPolicy(StrEnum):
    """Which URLs briefer may fetch.

    ``never``: none; every fetch is refused. ``public``: only hosts whose every address is a
    public (globally routable) one, checked after DNS resolution, on every redirect, and on the
    very address the connection then goes to; loopback, private, link-local, multicast,
    reserved and unspecified addresses (IPv4 and IPv6, IPv4-mapped or embedded ones too) are
    refused. ``any``: every http(s) URL, the local network included.
    """

    NEVER = "never"
    PUBLIC = "public"
    ANY = "any"


def fetch_policy(value: FetchPolicy | str) -> FetchPolicy:
    """The policy that ``value`` names.

    Raises:
        UsageError: ``value`` is not ``never``, ``public`` or ``any``.
    """
    try:
        return FetchPolicy(value)
    except ValueError:
        raise UsageError(f"unknown fetch policy {value!r}; choose never, public or any") from None


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: its final URL, media type, declared charset and body.

    Both URLs are as :func:`display_url` shows them: without ``user:password@``, on one line.
    """

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    media_type: str  # e.g. "text/html"; "" when the server did not say
    charset: str | None  # from the Content-Type header
    body: bytes  # with gzip/deflate undone

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES


def display_url(url: str) -> str:
    """A URL as briefer shows it in messages and metadata: without ``user:password@``, and
    with control, format and line-break characters percent-encoded, so it stays one line and
    cannot carry terminal escapes."""
    return "".join(
        quote(char, safe="") if _unsafe(char) else char for char in _USERINFO.sub(r"\1", url)
    )


_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@")


def _unsafe(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co")


def _one_line(text: str, limit: int = 200) -> str:
    """Server-sent text (a reason phrase) for a message: no control characters, one line."""
    kept = "".join(" " if _unsafe(char) else char for char in text)
    return " ".join(kept.split())[:limit]


def check_url(url: str) -> None:
    """Refuse URLs briefer does not fetch: other schemes, no host.

    Raises:
        InputError: the scheme is not http or https, or the URL has no host.
    """
    shown = display_url(url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise InputError(f"{shown}: not a valid URL ({_one_line(str(exc))})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(
            f"{shown}: unsupported URL scheme {display_url(parts.scheme.lower())!r}; "
            "briefer fetches http:// and https:// URLs"
        )
    if not host:
        raise InputError(f"{shown}: not a valid URL (no host)")


# --- the policy: which addresses a fetch may reach ------------------------------------------

_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def address_refusal(address: str) -> str | None:
    """Why the ``public`` policy refuses an IP address ("a loopback address"), or ``None``.

    An IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged by that.
    """
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(
        address.partition("%")[0]
    )
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip in _NAT64:
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    for kind, flag in (
        ("an unspecified", ip.is_unspecified),
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
        ("a non-public", not ip.is_global),
    ):
        if flag:
            return f"{kind} address"
    return None


class _Refused(Exception):
    """The policy refuses a host: raised inside urllib3, worded by :func:`fetch`."""

    def __init__(self, host: str, address: str | None, why: str) -> None:
        super().__init__(host, address, why)
        self.host, self.address, self.why = host, address, why
        self.hop = ""  # the URL being fetched when refused (set by _follow)


def _check_addresses(host: str, infos: list[Any]) -> None:
    for *_, sockaddr in infos:
        why = address_refusal(str(sockaddr[0]))
        if why is not None:
            raise _Refused(host, str(sockaddr[0]), why)


# --- the deadline: one clock for the whole request --------------------------------------------


class _Deadline:
    """The end of a request's time. When it passes, every socket the request opened or reused
    is shut down, which ends whatever read is waiting on it: a server that trickles its headers
    or body cannot hold a fetch past its time-out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []  # duplicates, owned here: shutdown acts on all
        self._lock = threading.Lock()
        self._closed = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        """Seconds left; a timeout when none are."""
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError("the deadline passed")
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down when the deadline passes (a plain or a TLS socket)."""
        copy = socket.fromfd(sock.fileno(), sock.family, sock.type, sock.proto)
        with self._lock:
            if not self._closed:
                self._sockets.append(copy)
                if not self.expired:
                    return
                _shut(copy)
                return
        copy.close()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            if not self._closed:
                for sock in self._sockets:
                    _shut(sock)

    def close(self) -> None:
        self._timer.cancel()
        with self._lock:
            self._closed = True
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other end
        sock.shutdown(socket.SHUT_RDWR)


class _Fetching(threading.local):
    """What the current thread's fetch asks of the connections it makes or reuses."""

    policy: FetchPolicy = FetchPolicy.ANY
    deadline: _Deadline | None = None


_fetching = _Fetching()


def _resolve(host: str, port: int, deadline: _Deadline | None) -> list[Any]:
    """``getaddrinfo`` for a TCP connection, given up on at the deadline (a stuck resolver
    runs on in a daemon thread; its answer is dropped)."""
    try:
        ipaddress.ip_address(host.partition("%")[0])
        numeric = True
    except ValueError:
        numeric = False
    if deadline is None or numeric:
        return socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)
    answer: list[Any] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the caller's thread
            answer.append(exc)
        finally:
            done.set()

    threading.Thread(target=lookup, name="briefer-dns", daemon=True).start()
    if not done.wait(deadline.remaining()):
        raise TimeoutError(f"looking up {host} took too long")
    if isinstance(answer[0], BaseException):
        raise answer[0]
    return list(answer[0])


class _CheckedHTTPConnection(HTTPConnection):
    """A connection that resolves its host once, checks every address against the fetch's
    policy, connects to one of those very addresses (no second lookup a DNS-rebinding server
    could answer differently), and is watched by the fetch's deadline. Reused from the pool
    by a fetch whose policy is stricter than the one that opened it, it checks its peer."""

    _watched_by: _Deadline | None = None
    _checked = False  # its address passed the ``public`` check

    def _new_conn(self) -> socket.socket:
        deadline = _fetching.deadline
        try:
            infos = _resolve(self._dns_host, self.port, deadline)
            self._checked = self.proxy is None and _fetching.policy is FetchPolicy.PUBLIC
            if self._checked:
                _check_addresses(self.host, infos)  # through a proxy, fetch checks the target
            sock = self._connect_to(infos, deadline)
        except socket.gaierror as exc:
            raise NameResolutionError(self.host, self, exc) from exc
        except TimeoutError as exc:
            raise ConnectTimeoutError(self, f"connecting to {self.host} timed out") from exc
        except OSError as exc:
            raise NewConnectionError(self, f"Failed to establish a new connection: {exc}") from exc
        if deadline is not None:
            deadline.watch(sock)
            self._watched_by = deadline
        return sock

    def _connect_to(self, infos: list[Any], deadline: _Deadline | None) -> socket.socket:
        error: OSError = OSError(f"no address for {self.host}")
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                for option in self.socket_options or ():
                    sock.setsockopt(*option)
                timeout = self.timeout if isinstance(self.timeout, float | int) else None
                if deadline is not None:
                    timeout = min(timeout or deadline.seconds, deadline.remaining())
                sock.settimeout(timeout)
                if self.source_address:
                    sock.bind(self.source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error

    def request(self, *args: Any, **kwargs: Any) -> None:
        strict = _fetching.policy is FetchPolicy.PUBLIC and self.proxy is None
        if strict and self.sock is not None and not self._checked:
            peer = str(self.sock.getpeername()[0])
            why = address_refusal(peer)
            if why is not None:
                raise _Refused(self.host, peer, why)
            self._checked = True
        deadline = _fetching.deadline
        if deadline is not None and self.sock is not None and self._watched_by is not deadline:
            deadline.watch(self.sock)  # a pooled connection, reused by this fetch
            self._watched_by = deadline
        super().request(*args, **kwargs)


class _CheckedHTTPSConnection(_CheckedHTTPConnection, HTTPSConnection):
    """:class:`_CheckedHTTPConnection` with TLS (the certificate is checked for the host name)."""


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _CheckedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _CheckedHTTPSConnection


_POOLS: dict[str, type[HTTPConnectionPool]] = {"http": _HTTPPool, "https": _HTTPSPool}


# --- sessions and proxies ---------------------------------------------------------------------


def http_session(max_connections: int = 1) -> requests.Session:
    """A session for :func:`fetch` to share connections between calls; close it with
    ``.close()`` (or use ``with``).

    Requests go through the proxy that the environment names for their scheme
    (``https_proxy``/``HTTPS_PROXY``, ``http_proxy``/``HTTP_PROXY``, ``all_proxy``), except
    for hosts that ``no_proxy``/``NO_PROXY`` exempts, as requests reads them (``trust_env``),
    an entry naming an IP address with its port (``127.0.0.1:8080``) included. A proxy URL's
    ``user:password@`` is sent as Proxy-Authorization.
    """
    session = _Session()
    session.headers.clear()
    session.headers.update(
        {
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
            "Connection": "keep-alive",
        }
    )
    adapter = _Adapter(pool_connections=max(10, max_connections), pool_maxsize=max_connections)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


class _Session(requests.Session):
    """A session from :func:`http_session`, whose connections check the fetch policy."""


class _Adapter(requests.adapters.HTTPAdapter):
    """requests' adapter on :class:`_CheckedHTTPConnection` pools, direct or through a proxy."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> urllib3.ProxyManager:
        manager: urllib3.ProxyManager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = _POOLS
        return manager


_DIRECT: dict[str, Any] = {"http": None, "https": None, "all": None}
"""Proxies that requests reads as "none": what a no_proxy entry with a port gives."""


def _proxies(session: requests.Session, url: str) -> dict[str, Any]:
    """requests' settings for a request to ``url``: the environment's proxy (or none), and
    its TLS settings (``REQUESTS_CA_BUNDLE``...)."""
    parts = urlsplit(url)
    exempt = urllib.request.proxy_bypass(parts.netloc.rpartition("@")[2])  # host:port too
    return session.merge_environment_settings(
        url, dict(_DIRECT) if exempt else {}, True, None, None
    )


def _proxy_for(url: str, settings: dict[str, Any]) -> str | None:
    """The proxy a request to ``url`` goes through, or ``None``.

    Raises:
        NetworkError: the proxy is not an http(s) proxy.
    """
    proxy: str | None = requests.utils.select_proxy(url, settings["proxies"])
    if not proxy:
        return None
    scheme = proxy.split("://", 1)[0].lower() if "://" in proxy else "http"
    if scheme not in ("http", "https"):
        raise NetworkError(
            f"{display_url(url)}: the environment's proxy {display_url(proxy)} is a "
            f"{scheme} proxy; briefer goes through http:// and https:// proxies only"
        )
    return proxy


# --- fetching ---------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    policy: FetchPolicy | str = FetchPolicy.ANY,
    http: requests.Session | None = None,
) -> Fetched:
    """Fetch an HTML page or a text over http(s).

    Args:
        url: an http:// or https:// URL.
        timeout: seconds for the whole request, measured from the start: connecting, the
            headers, the body and every redirect.
        max_bytes: refuse bodies larger than this, counted after decompression.
        max_redirects: redirects to follow before giving up.
        policy: which hosts may be reached (:class:`FetchPolicy`); ``"any"`` by default.
            Through a proxy, ``public`` resolves and checks the target's name here before
            the request is sent (the proxy resolves it again; a name that does not resolve
            here is refused).
        http: a session from :func:`http_session` to share connections between calls; a
            private one when omitted.

    Returns:
        The response, with redirects followed and the body decompressed.

    Raises:
        NetworkError: the policy refuses the URL or a redirect, DNS failure, refused
            connection, time-out, too many redirects, an HTTP error status (404, 500…) or a
            broken connection.
        InputError: a bad URL, a response that is neither HTML nor text, or one over
            ``max_bytes``.
        UsageError: an unknown policy, or a session not made by :func:`http_session`.
    """
    policy = fetch_policy(policy)
    check_url(url)
    if policy is FetchPolicy.NEVER:
        raise NetworkError(
            f"{display_url(url)}: fetching URLs is turned off; "
            "pass --fetch public or --fetch any to allow it"
        )
    if http is None:
        with http_session() as own:
            return _fetch(own, url, timeout, max_bytes, max_redirects, policy)
    if not isinstance(http, _Session):  # a plain session would skip the policy's checks
        raise UsageError("fetch needs a session made by briefer.web.http_session()")
    return _fetch(http, url, timeout, max_bytes, max_redirects, policy)


@dataclass(frozen=True, slots=True)
class _Ask:
    """One fetch: what was asked, and its limits."""

    url: str
    timeout: float
    max_bytes: int
    max_redirects: int
    policy: FetchPolicy

    @property
    def shown(self) -> str:
        return display_url(self.url)


def _fetch(
    http: requests.Session,
    url: str,
    timeout: float,
    max_bytes: int,
    max_redirects: int,
    policy: FetchPolicy,
) -> Fetched:
    ask = _Ask(url, timeout, max_bytes, max_redirects, policy)
    deadline = _Deadline(timeout)
    _fetching.policy, _fetching.deadline = policy, deadline
    try:
        response, hop = _follow(http, ask, deadline)
        return _read(response, ask, hop, deadline)
    except _Refused as refused:
        raise _refusal(ask, refused) from None
    except (HTTPError, OSError, ValueError) as exc:
        if deadline.expired or time.monotonic() >= deadline.end:
            raise _timed_out(ask) from None
        raise _error(ask, exc) from None
    finally:
        _fetching.policy, _fetching.deadline = FetchPolicy.ANY, None
        deadline.close()


def _follow(
    http: requests.Session, ask: _Ask, deadline: _Deadline
) -> tuple[urllib3.BaseHTTPResponse, str]:
    """The response at the end of the redirects, and its URL. Every hop is routed, checked
    against the policy and timed on its own, as the first request is."""
    hop = ask.url
    for followed in itertools.count():
        try:
            response = _request(http, hop, ask, deadline)
        except _Refused as refused:
            refused.hop = hop
            raise
        location = response.headers.get("Location") if response.status in _REDIRECTS else None
        if location is None:
            return response, hop
        response.close()  # a redirect's body is not read (nor decompressed)
        response.release_conn()
        if followed == ask.max_redirects:
            raise NetworkError(f"{ask.shown}: too many redirects (more than {ask.max_redirects})")
        hop = urljoin(hop, _location(location))
        scheme = urlsplit(hop).scheme.lower()
        if scheme not in ("http", "https"):
            raise InputError(
                f"{ask.shown}: redirected to an unsupported URL scheme {scheme!r}; "
                "briefer fetches http:// and https:// URLs"
            )
    raise AssertionError("unreachable")  # pragma: no cover


def _location(header: str) -> str:
    """A Location header as a URL to request: its bytes (read as Latin-1 by http.client) with
    controls, spaces and non-ASCII percent-encoded, as browsers send them."""
    raw = header.strip().encode("latin-1", "replace")
    return quote(raw, safe="".join(map(chr, range(0x21, 0x7F))))


def _request(
    session: requests.Session, hop: str, ask: _Ask, deadline: _Deadline
) -> urllib3.BaseHTTPResponse:
    """One request, unread: requests' adapter is called directly, since a session's own
    redirect handling reads and decompresses every redirect's body, whatever its size."""
    settings = _proxies(session, hop)
    if _proxy_for(hop, settings) is not None and ask.policy is FetchPolicy.PUBLIC:
        _check_target(hop, deadline)
    prepared = session.prepare_request(requests.Request("GET", hop))
    left = deadline.remaining()
    response = session.get_adapter(hop).send(
        prepared,
        stream=True,
        timeout=(left, left),
        verify=settings["verify"],
        cert=settings["cert"],
        proxies=settings["proxies"],
    )
    requests.cookies.extract_cookies_to_jar(session.cookies, prepared, response.raw)
    raw: urllib3.BaseHTTPResponse = response.raw
    return raw


def _check_target(url: str, deadline: _Deadline) -> None:
    """Through a proxy: the target's name, resolved here, must have only public addresses."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        infos = _resolve(host, parts.port or (443 if parts.scheme == "https" else 80), deadline)
    except socket.gaierror:
        raise _Refused(host, None, "does not resolve here, so it cannot be checked") from None
    _check_addresses(host, infos)


def _read(response: urllib3.BaseHTTPResponse, ask: _Ask, hop: str, deadline: _Deadline) -> Fetched:
    """The body of the final response, within the size cap and the deadline."""
    complete = False
    try:
        where = f" (at {display_url(hop)})" if hop != ask.url else ""
        if response.status >= 300:
            reason = _one_line(response.reason or "")
            raise NetworkError(
                f"{ask.shown}: HTTP {response.status}{' ' + reason if reason else ''}{where}"
            )
        media_type, charset = _content_type(response.headers.get("Content-Type", ""))
        _check_media_type(ask.shown, media_type)
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > ask.max_bytes:
            raise _too_large(ask)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > ask.max_bytes:
                raise _too_large(ask)
            if deadline.expired:
                raise _timed_out(ask)
            chunks.append(chunk)
        if deadline.expired:  # the socket was shut: what came may be only part of the body
            raise _timed_out(ask)
        complete = True
    finally:
        if not complete:
            response.close()  # an unread body must not go back to the pool
        response.release_conn()
    return Fetched(
        ask.shown,
        display_url(hop),
        response.status,
        media_type,
        charset,
        b"".join(chunks),
    )


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return _one_line(media_type).lower(), charset and _one_line(charset, 40)


def _check_media_type(shown: str, media_type: str) -> None:
    if media_type in HTML_TYPES or media_type.startswith("text/") or media_type in _SNIFFED_TYPES:
        return
    what = _KNOWN_TYPES.get(media_type) or (
        f"an {media_type.split('/')[0]}"
        if media_type.split("/")[0] in ("image", "audio", "video")
        else media_type
    )
    raise InputError(f"{shown}: the server sent {what} ({media_type}), not an HTML page or text")


def _refusal(ask: _Ask, refused: _Refused) -> NetworkError:
    where = f" (at {display_url(refused.hop)})" if refused.hop != ask.url else ""
    host = display_url(refused.host)
    if refused.address is None:
        what = f"{host} {refused.why}"
    elif refused.address == refused.host:
        what = f"{host} is {refused.why}"
    else:
        what = f"{host} resolves to {refused.address}, {refused.why}"
    return NetworkError(f"{ask.shown}: {what}{where}; pass --fetch any to allow it")


def _too_large(ask: _Ask) -> InputError:
    return InputError(
        f"{ask.shown}: the response is over {ask.max_bytes:,} bytes, more than --max-chars "
        "allows; raise --max-chars (a number of characters) to fetch it"
    )


def _timed_out(ask: _Ask) -> NetworkError:
    return NetworkError(
        f"{ask.shown}: timed out after {ask.timeout:g} s; "
        "raise the time-out (--timeout, or --fetch-timeout in a batch)"
    )


def _error(ask: _Ask, exc: BaseException) -> BrieferError:
    """One line for a failed request: what happened, and the URL."""
    shown = ask.shown
    reason: BaseException = exc
    if isinstance(reason, requests.exceptions.InvalidURL):
        return InputError(f"{shown}: not a valid URL ({_first_line(reason)})")
    wrapped = (
        reason.args[0] if isinstance(reason, requests.RequestException) and reason.args else None
    )
    if isinstance(wrapped, BaseException):
        reason = wrapped  # what urllib3 raised, under requests' wrapper
    if isinstance(reason, MaxRetryError) and reason.reason is not None:
        reason = reason.reason
    if isinstance(reason, ProxyError):  # the proxy from https_proxy/http_proxy failed
        inner = _error(ask, reason.original_error)
        return NetworkError(f"{shown}: through the proxy: {str(inner).removeprefix(shown + ': ')}")
    if isinstance(reason, NameResolutionError):
        host = display_url(urlsplit(ask.url).hostname or "")
        return NetworkError(f"{shown}: cannot resolve host {host!r} (DNS lookup failed)")
    if isinstance(reason, NewConnectionError):
        cause = reason.__cause__ or reason.__context__
        if isinstance(cause, ConnectionRefusedError):
            return NetworkError(f"{shown}: connection refused")
        if isinstance(cause, TimeoutError):
            return _timed_out(ask)
        detail = str(reason).split("new connection: ", 1)[-1]
        return NetworkError(f"{shown}: cannot connect ({_one_line(detail)})")
    if isinstance(reason, ConnectTimeoutError | ReadTimeoutError | TimeoutError):
        return _timed_out(ask)
    if isinstance(reason, LocationValueError):
        return InputError(f"{shown}: not a valid URL ({_first_line(reason)})")
    if isinstance(reason, SSLError):
        return NetworkError(f"{shown}: TLS error ({_first_line(reason)})")
    if isinstance(reason, ProtocolError):
        return NetworkError(f"{shown}: the connection broke ({_first_line(reason)})")
    return NetworkError(f"{shown}: cannot fetch ({_first_line(reason)})")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return _one_line(lines[0] if lines else type(exc).__name__)


def fetch_many(
    urls: Iterable[str],
    *,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    policy: FetchPolicy | str = FetchPolicy.ANY,
) -> Generator[tuple[str, Fetched | BrieferError], None, None]:
    """Fetch many URLs at once, at most ``max_connections`` at a time, results in input order.

    ``urls`` is read lazily and at most ``2 × max_connections`` responses are held at once, so
    a long list streams. A URL that fails yields its error; the others are still fetched.
    Closing the iterator early cancels what has not started and waits for what has.

    Args:
        urls: http(s) URLs, in the order the results should come back.
        max_connections: requests in flight at once (threads and pooled connections).
        timeout, max_bytes, max_redirects, policy: as for :func:`fetch`, per URL.

    Yields:
        ``(url, Fetched)`` or ``(url, NetworkError | InputError)``, one per URL, in input order
        (the URL as given; show it with :func:`display_url`).

    Raises:
        UsageError: ``max_connections`` is less than 1, or an unknown policy.
    """
    if max_connections < 1:
        raise UsageError("the connection limit must be at least 1")
    policy = fetch_policy(policy)
    window = 2 * max_connections
    pending: deque[tuple[str, Future[Fetched | BrieferError]]] = deque()
    with (
        http_session(max_connections) as http,
        ThreadPoolExecutor(max_connections, thread_name_prefix="briefer-fetch") as pool,
    ):

        def one(url: str) -> Fetched | BrieferError:
            try:
                return fetch(
                    url,
                    timeout=timeout,
                    max_bytes=max_bytes,
                    max_redirects=max_redirects,
                    policy=policy,
                    http=http,
                )
            except BrieferError as exc:
                return exc

        try:
            for url in urls:
                pending.append((url, pool.submit(one, url)))
                if len(pending) >= window:
                    done_url, future = pending.popleft()
                    yield done_url, future.result()
            while pending:
                done_url, future = pending.popleft()
                yield done_url, future.result()
        finally:
            for _, future in pending:
                future.cancel()


def extract(html: str, url: str | None = None, name: str | None = None) -> tuple[str, Page]:
    """The article of an HTML page as plain text, and what the page says about itself.

    Args:
        html: the page, decoded.
        url: where it was fetched from, if anywhere (kept as the page's URL).
        name: how to name the page in errors (defaults to the URL).

    Returns:
        The article's paragraphs separated by blank lines (without the title), and the
        :class:`Page` metadata.

    Raises:
        InputError: no article text could be found in the page.
    """
    import trafilatura

    label = name or url or "<html>"
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params=_declared_dates(),
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(f"{label}: no article text found in the HTML page")
    title = _clean(getattr(doc, "title", None))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and lines[0] == title and len(lines) > 1:
        lines = lines[1:]  # the headline is shown as the headline, not as the first paragraph
    page = Page(
        url=url or _clean(getattr(doc, "url", None)),
        title=title,
        author=_clean(getattr(doc, "author", None)),
        date=_clean(getattr(doc, "date", None)),
        site=_clean(getattr(doc, "sitename", None)),
    )
    return "\n\n".join(lines), page


def _declared_dates() -> dict[str, Any]:
    """htmldate's settings for a date the page declares (its markup: meta tags, ``<time>``,
    structured data; then a full date in its URL), never one guessed from years in the text."""
    from datetime import date

    return {
        "extensive_search": False,
        "original_date": True,
        "deferred_url_extractor": True,
        "max_date": date.today().isoformat(),
    }


def _clean(value: object) -> str | None:
    """Metadata for display: control characters (terminal escapes) as spaces, spaces folded."""
    if not isinstance(value, str):
        return None
    folded = " ".join(_CONTROL.sub(" ", value).split())
    return folded or None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
