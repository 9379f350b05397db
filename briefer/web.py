"""URLs → bytes, and HTML → article text. The only module that imports urllib3 and trafilatura.

Fetching: http and https only, a time-out for the whole request, a redirect limit, a size cap on
the (decompressed) body, gzip/deflate, an honest User-Agent. Responses that are neither HTML nor
text (PDF, images, archives) are refused from their Content-Type before the body is read.

Extraction: trafilatura finds the article in the page (no navigation, ads, comments, related
links) and reads its metadata (title, author, date, site name). Nothing is downloaded at run
time. Both libraries are imported by this module only, and this module is imported only when an
input is a URL or an HTML page, so ``briefer --help`` stays fast.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
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
    ResponseError,
    SSLError,
    URLSchemeUnknown,
)
from urllib3.util import Retry, Timeout

from briefer import __version__
from briefer.errors import BrieferError, InputError, NetworkError, UsageError
from briefer.models import Page

DEFAULT_TIMEOUT = 30.0
"""Seconds for a request: the limit for connecting and getting the headers (per redirect), and
the deadline, checked between chunks, for the whole request with its body."""

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
_KNOWN_TYPES = {
    "application/pdf": "a PDF document",
    "application/zip": "a ZIP archive",
    "application/json": "JSON data",
    "application/octet-stream": "binary data",
}


@dataclass(frozen=True, slots=True)
class Fetched:
    """A successful response: its final URL, media type, declared charset and body."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    media_type: str  # e.g. "text/html"; "" when the server did not say
    charset: str | None  # from the Content-Type header
    body: bytes  # with gzip/deflate undone

    @property
    def is_html(self) -> bool:
        return self.media_type in HTML_TYPES


def check_url(url: str) -> None:
    """Refuse URLs briefer does not fetch: other schemes, no host.

    Raises:
        InputError: the scheme is not http or https, or the URL has no host.
    """
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise InputError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(
            f"{url}: unsupported URL scheme {parts.scheme.lower()!r}; "
            "briefer fetches http:// and https:// URLs"
        )
    if not host:
        raise InputError(f"{url}: not a valid URL (no host)")


def pool_manager(max_connections: int = 1) -> urllib3.PoolManager:
    """A connection pool for :func:`fetch`; close it with ``.clear()`` (or use ``with``).

    Requests go through the proxy that the environment names for their scheme
    (``https_proxy``/``HTTPS_PROXY``, ``http_proxy``/``HTTP_PROXY``, ``all_proxy``), except
    for hosts that ``no_proxy``/``NO_PROXY`` exempts: what curl and requests do.
    """
    return _ProxyRouting(
        num_pools=max(10, max_connections),
        maxsize=max_connections,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
        },
    )


class _ProxyRouting(urllib3.PoolManager):
    """A PoolManager that sends each request direct or through the environment's proxy.

    The proxies are read when the pool is made (stdlib ``urllib.request.getproxies``, and
    ``proxy_bypass`` for ``no_proxy``: the rules Python's own ``urlopen`` follows); every
    request and every redirect is routed on its own URL. Proxies are http(s) proxies, with
    their ``user:password@`` sent as basic authentication, as curl and requests do.
    """

    def __init__(self, **kwargs: Any) -> None:
        import threading
        import urllib.request

        super().__init__(**kwargs)
        self._settings = kwargs
        self._proxies = urllib.request.getproxies()
        self._bypass = urllib.request.proxy_bypass
        self._via: dict[str, _RoutedProxy] = {}
        self._lock = threading.Lock()  # fetch_many's threads share the pool

    def urlopen(  # type: ignore[override]  # as PoolManager's own
        self, method: str, url: str, redirect: bool = True, **kw: Any
    ) -> urllib3.BaseHTTPResponse:
        proxy = self.proxy_for(url)
        if proxy is None:
            return super().urlopen(method, url, redirect=redirect, **kw)
        with self._lock:
            via = self._via.get(proxy)
            if via is None:
                via = self._via[proxy] = _RoutedProxy(self, proxy, self._settings)
        return via.urlopen(method, url, redirect=redirect, **kw)

    def proxy_for(self, url: str) -> str | None:
        """The proxy URL for ``url`` (with its credentials), or ``None`` to go direct."""
        parts = urlsplit(url)
        proxy = self._proxies.get(parts.scheme.lower()) or self._proxies.get("all")
        host = parts.netloc.rpartition("@")[2]  # host:port, so no_proxy may name a port too
        if not proxy or not parts.hostname or self._bypass(host):
            return None
        proxy = proxy if "://" in proxy else f"http://{proxy}"  # curl reads host:port as http
        scheme = proxy.split("://", 1)[0].lower()
        if scheme not in ("http", "https"):
            raise NetworkError(
                f"{url}: the environment's proxy {_without_credentials(proxy)} is a {scheme} "
                "proxy; briefer goes through http:// and https:// proxies only"
            )
        return proxy

    def clear(self) -> None:
        with self._lock:
            for via in self._via.values():
                via.clear()
        super().clear()


class _RoutedProxy(urllib3.ProxyManager):
    """One proxy of a :class:`_ProxyRouting`; a redirect it meets is routed anew by the router
    (urllib3 would keep every later hop on the proxy, ``no_proxy`` hosts too)."""

    def __init__(self, router: _ProxyRouting, proxy: str, settings: dict[str, Any]) -> None:
        from urllib.parse import unquote

        from urllib3.util import make_headers

        parts = urlsplit(proxy)
        headers = None
        if parts.username is not None:
            user = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
            headers = make_headers(proxy_basic_auth=user)
        super().__init__(_without_credentials(proxy), proxy_headers=headers, **settings)
        self._router = router
        self._proxy = proxy

    def urlopen(  # type: ignore[override]  # as PoolManager's own
        self, method: str, url: str, redirect: bool = True, **kw: Any
    ) -> urllib3.BaseHTTPResponse:
        if self._router.proxy_for(url) != self._proxy:
            return self._router.urlopen(method, url, redirect=redirect, **kw)
        return super().urlopen(method, url, redirect=redirect, **kw)


def _without_credentials(proxy: str) -> str:
    parts = urlsplit(proxy)
    if parts.username is None:
        return proxy
    host = parts.netloc.rsplit("@", 1)[1]
    return parts._replace(netloc=host).geturl()


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    http: urllib3.PoolManager | None = None,
) -> Fetched:
    """Fetch an HTML page or a text over http(s).

    Args:
        url: an http:// or https:// URL.
        timeout: seconds for the whole request (connect, wait, read the body).
        max_bytes: refuse bodies larger than this, counted after decompression.
        max_redirects: redirects to follow before giving up.
        http: a pool to share connections between calls; a private one when omitted.

    Returns:
        The response, with redirects followed and the body decompressed.

    Raises:
        NetworkError: DNS failure, refused connection, time-out, too many redirects,
            an HTTP error status (404, 500…) or a broken connection.
        InputError: a bad URL, a response that is neither HTML nor text, or one over
            ``max_bytes``.
    """
    check_url(url)
    if http is not None:
        return _fetch(http, url, timeout, max_bytes, max_redirects)
    with pool_manager() as own:
        return _fetch(own, url, timeout, max_bytes, max_redirects)


def _fetch(
    http: urllib3.PoolManager, url: str, timeout: float, max_bytes: int, max_redirects: int
) -> Fetched:
    deadline = time.monotonic() + timeout
    retries = Retry(
        total=None,
        connect=0,
        read=0,
        redirect=max_redirects,
        status=0,
        other=0,
        raise_on_redirect=True,
        raise_on_status=False,
        respect_retry_after_header=False,
    )
    try:
        response = http.request(
            "GET",
            url,
            preload_content=False,
            retries=retries,
            timeout=Timeout(total=timeout),
        )
    except (HTTPError, OSError, ValueError) as exc:
        raise _error(url, exc, timeout, max_redirects) from None
    complete = False
    try:
        final_url = _final_url(url, response.retries)
        where = f" (at {final_url})" if final_url != url else ""
        if response.status >= 300:
            reason = f" {response.reason}" if response.reason else ""
            raise NetworkError(f"{url}: HTTP {response.status}{reason}{where}")
        media_type, charset = _content_type(response.headers.get("Content-Type", ""))
        _check_media_type(url, media_type)
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > max_bytes:
            raise _too_large(url, max_bytes)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > max_bytes:
                raise _too_large(url, max_bytes)
            if time.monotonic() > deadline:
                raise _timed_out(url, timeout)
            chunks.append(chunk)
        complete = True
    except (HTTPError, OSError) as exc:
        raise _error(url, exc, timeout, max_redirects) from None
    finally:
        if not complete:
            response.close()  # an unread body must not go back to the pool
        response.release_conn()
    return Fetched(url, final_url, response.status, media_type, charset, b"".join(chunks))


def _final_url(url: str, retries: Retry | None) -> str:
    """The URL the response came from, after the redirects urllib3 followed."""
    for hop in retries.history if retries is not None else ():
        if hop.redirect_location:
            url = urljoin(url, hop.redirect_location)
    return url


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return media_type.strip().lower(), charset


def _check_media_type(url: str, media_type: str) -> None:
    if media_type in HTML_TYPES or media_type.startswith("text/") or media_type in _SNIFFED_TYPES:
        return
    what = _KNOWN_TYPES.get(media_type) or (
        f"an {media_type.split('/')[0]}"
        if media_type.split("/")[0] in ("image", "audio", "video")
        else media_type
    )
    raise InputError(f"{url}: the server sent {what} ({media_type}), not an HTML page or text")


def _too_large(url: str, max_bytes: int) -> InputError:
    return InputError(
        f"{url}: the response is over the limit of {max_bytes:,} bytes; raise it with --max-chars"
    )


def _timed_out(url: str, timeout: float) -> NetworkError:
    return NetworkError(f"{url}: timed out after {timeout:g} s; raise it with --timeout")


def _error(url: str, exc: BaseException, timeout: float, max_redirects: int) -> BrieferError:
    """One line for a failed request: what happened, and the URL."""
    reason: BaseException = exc
    if isinstance(exc, MaxRetryError) and exc.reason is not None:
        reason = exc.reason
    if isinstance(reason, ProxyError):  # the proxy from https_proxy/http_proxy failed
        inner = _error(url, reason.original_error, timeout, max_redirects)
        return NetworkError(f"{url}: through the proxy: {str(inner).removeprefix(url + ': ')}")
    if isinstance(reason, NameResolutionError):
        host = urlsplit(url).hostname
        return NetworkError(f"{url}: cannot resolve host {host!r} (DNS lookup failed)")
    if isinstance(reason, NewConnectionError):
        cause = reason.__cause__ or reason.__context__
        if isinstance(cause, ConnectionRefusedError):
            return NetworkError(f"{url}: connection refused")
        if isinstance(cause, TimeoutError):
            return _timed_out(url, timeout)
        detail = str(reason).split("new connection: ", 1)[-1]
        return NetworkError(f"{url}: cannot connect ({detail})")
    if isinstance(reason, ConnectTimeoutError | ReadTimeoutError | TimeoutError):
        return _timed_out(url, timeout)
    if isinstance(reason, ResponseError) and "redirect" in str(reason):
        return NetworkError(f"{url}: too many redirects (more than {max_redirects})")
    if isinstance(reason, URLSchemeUnknown):
        return InputError(
            f"{url}: redirected to an unsupported URL scheme {getattr(reason, 'scheme', '')!r}; "
            "briefer fetches http:// and https:// URLs"
        )
    if isinstance(reason, LocationValueError):
        return InputError(f"{url}: not a valid URL ({reason})")
    if isinstance(reason, SSLError):
        return NetworkError(f"{url}: TLS error ({_first_line(reason)})")
    if isinstance(reason, ProtocolError):
        return NetworkError(f"{url}: the connection broke ({_first_line(reason)})")
    return NetworkError(f"{url}: cannot fetch ({_first_line(reason)})")


def _first_line(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return (lines[0] if lines else type(exc).__name__)[:200]


def fetch_many(
    urls: Iterable[str],
    *,
    max_connections: int = DEFAULT_MAX_CONNECTIONS,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Generator[tuple[str, Fetched | BrieferError], None, None]:
    """Fetch many URLs at once, at most ``max_connections`` at a time, results in input order.

    ``urls`` is read lazily and at most ``2 × max_connections`` responses are held at once, so
    a long list streams. A URL that fails yields its error; the others are still fetched.
    Closing the iterator early cancels what has not started and waits for what has.

    Args:
        urls: http(s) URLs, in the order the results should come back.
        max_connections: requests in flight at once (threads and pooled connections).
        timeout, max_bytes, max_redirects: as for :func:`fetch`, per URL.

    Yields:
        ``(url, Fetched)`` or ``(url, NetworkError | InputError)``, one per URL, in input order.

    Raises:
        UsageError: ``max_connections`` is less than 1.
    """
    if max_connections < 1:
        raise UsageError("the connection limit must be at least 1")
    window = 2 * max_connections
    pending: deque[tuple[str, Future[Fetched | BrieferError]]] = deque()
    with (
        pool_manager(max_connections) as http,
        ThreadPoolExecutor(max_connections, thread_name_prefix="briefer-fetch") as pool,
    ):

        def one(url: str) -> Fetched | BrieferError:
            try:
                return fetch(
                    url,
                    timeout=timeout,
                    max_bytes=max_bytes,
                    max_redirects=max_redirects,
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


def _clean(value: object) -> str | None:
    """Metadata for display: control characters (terminal escapes) as spaces, spaces folded."""
    if not isinstance(value, str):
        return None
    folded = " ".join(_CONTROL.sub(" ", value).split())
    return folded or None


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
