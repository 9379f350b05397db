"""requests' session, as briefer fetches with it: requests does the routing (the environment's
proxies, ``no_proxy``, proxy credentials), the redirects (their limit, cookies, credentials
kept to their host) and the TLS settings; briefer adds its own connections (the policy and the
deadline, :mod:`briefer.ingest.connection`) and never reads a redirect's body.

Where requests gets a case wrong, :class:`Session` corrects it, and each correction names the
requests behaviour it works around.
"""

from __future__ import annotations

import socket
import urllib.request
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import requests
import urllib3

from briefer import __version__
from briefer.errors import NetworkError
from briefer.ingest.connection import POOLS, fetching
from briefer.ingest.deadline import resolve
from briefer.ingest.policy import FetchPolicy, Refused, check_addresses, display_url

USER_AGENT = f"Mozilla/5.0 (compatible; briefer/{__version__}; article summarizer)"

_DIRECT: dict[str, Any] = {"http": None, "https": None, "all": None}
"""Proxies that requests reads as "none" (an explicit ``None`` beats the environment's)."""


class RedirectScheme(Exception):
    """A redirect to a URL that is not http(s): raised before requests follows it."""

    def __init__(self, scheme: str) -> None:
        super().__init__(scheme)
        self.scheme = scheme


def http_session(max_connections: int = 1) -> requests.Session:
    """A session for :func:`briefer.ingest.fetch` to share connections between calls; close it
    with ``.close()`` (or use ``with``).

    Requests go through the proxy that the environment names for their scheme
    (``https_proxy``/``HTTPS_PROXY``, ``http_proxy``/``HTTP_PROXY``, ``all_proxy``), except
    for hosts that ``no_proxy``/``NO_PROXY`` exempts, as requests reads them (``trust_env``),
    an entry naming an IP address with its port (``127.0.0.1:8080``) included. A proxy URL's
    ``user:password@`` is sent as Proxy-Authorization.

    Args:
        max_connections: connections kept open per host (the threads that share the session).
    """
    session = Session()
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


class Session(requests.Session):
    """A session from :func:`http_session`: its connections check the fetch policy, and its
    redirect limit is the current fetch's (sessions are shared between threads)."""

    @property
    def max_redirects(self) -> int:
        """The current thread's fetch's redirect limit."""
        return fetching.max_redirects

    @max_redirects.setter
    def max_redirects(self, value: int) -> None:
        """Ignored: requests sets its default here; each fetch sets its own limit."""

    def get_redirect_target(self, resp: requests.Response) -> str | None:
        """The Location of a redirect as a URL to request, or ``None``.

        requests reads the header's bytes as UTF-8 and fails on any other; here they are
        percent-encoded as browsers send them. A target that is not http(s) is refused here,
        before requests looks for an adapter for it.

        Raises:
            RedirectScheme: the target's scheme is not http or https.
        """
        if not resp.is_redirect:
            return None
        target = _location(resp.headers["Location"])
        scheme = urlsplit(urljoin(resp.url, target)).scheme.lower()
        if scheme not in ("http", "https"):
            raise RedirectScheme(scheme)
        return target

    def rebuild_proxies(
        self, prepared_request: requests.PreparedRequest, proxies: Any
    ) -> dict[str, str]:
        """The proxies for a redirect, from the environment afresh.

        requests starts from the previous hop's proxies and only adds to them
        (``resolve_proxies`` copies them before it checks ``no_proxy``), so a redirect to a
        ``no_proxy`` host would still go through the proxy, with its credentials.
        """
        return super().rebuild_proxies(prepared_request, hop_proxies(prepared_request.url or ""))


def hop_proxies(url: str) -> dict[str, Any]:
    """The ``proxies`` to give requests for ``url``: none of ours, so requests reads the
    environment's; or "none at all" for a ``no_proxy`` entry with a port that names an IP
    address (``127.0.0.1:8080``), which requests matches against host names only."""
    exempt = urllib.request.proxy_bypass(urlsplit(url).netloc.rpartition("@")[2])  # host:port
    return dict(_DIRECT) if exempt else {}


def _location(header: str) -> str:
    """A Location header as a URL to request: its bytes (read as Latin-1 by http.client) with
    controls, spaces and non-ASCII percent-encoded, as browsers send them."""
    raw = header.strip().encode("latin-1", "replace")
    return quote(raw, safe="".join(map(chr, range(0x21, 0x7F))))


class _Adapter(requests.adapters.HTTPAdapter):
    """requests' adapter on the checked connection pools, direct or through a proxy.

    Every hop passes here with the proxies requests chose for it: a proxy must be http(s);
    through one, ``public`` checks the target's name; each hop gets the time left; and a
    redirect's body is closed unread (requests would read all of it, whatever its size).
    """

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> urllib3.ProxyManager:
        manager: urllib3.ProxyManager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = POOLS
        return manager

    def send(
        self, request: requests.PreparedRequest, *args: Any, **kwargs: Any
    ) -> requests.Response:
        fetching.hops += 1
        hop = (request.url or "") if fetching.hops > 1 else fetching.url
        try:
            if _proxy_for(hop, kwargs.get("proxies")) and fetching.policy is FetchPolicy.PUBLIC:
                _check_target(hop)
            if fetching.deadline is not None:
                left = fetching.deadline.remaining()
                kwargs["timeout"] = (left, left)
            response = super().send(request, *args, **kwargs)
        except Refused as refused:
            refused.hop = hop
            raise
        if response.is_redirect:
            response.raw.close()  # requests reads it "to release the connection": nothing left
        return response


def _proxy_for(url: str, proxies: Any) -> str | None:
    """The proxy requests sends a request to ``url`` through, or ``None``.

    Raises:
        NetworkError: the proxy is not an http(s) proxy.
    """
    proxy: str | None = requests.utils.select_proxy(url, proxies)
    if not proxy:
        return None
    scheme = proxy.split("://", 1)[0].lower() if "://" in proxy else "http"
    if scheme not in ("http", "https"):
        raise NetworkError(
            f"the environment's proxy {display_url(proxy)} is a {scheme} proxy; "
            "briefer goes through http:// and https:// proxies only",
            source=display_url(url),
        )
    return proxy


def _check_target(url: str) -> None:
    """Through a proxy: the target's name, resolved here, must have only public addresses."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = resolve(host, port, fetching.deadline)
    except socket.gaierror:
        raise Refused(host, None, "does not resolve here, so it cannot be checked") from None
    check_addresses(host, infos)
