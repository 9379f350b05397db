"""URLs → bytes: one fetch over http(s), or many at once, on requests.

requests routes and redirects (see :mod:`briefer.ingest.session`); on top of it briefer keeps
what requests does not do: http and https only, a deadline for the whole request (connect,
headers, body and redirects, measured from the start), a size cap on the (decompressed) body,
and a policy for which addresses may be reached (:class:`FetchPolicy`). Responses that are
neither HTML nor text (PDF, images, archives) are refused from their Content-Type before the
body is read. This package imports this module only when an input is a URL, so ``briefer
--help`` stays fast.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import requests
import urllib3
from urllib3.exceptions import HTTPError

from briefer.errors import BrieferError, InputError, NetworkError, Setting, UsageError
from briefer.ingest.connection import fetching
from briefer.ingest.deadline import Deadline
from briefer.ingest.failures import Ask, error, refusal, timed_out, too_large
from briefer.ingest.policy import (
    FetchPolicy,
    Refused,
    check_url,
    display_url,
    fetch_policy,
    one_line,
)
from briefer.ingest.session import RedirectScheme, Session, hop_proxies, http_session

DEFAULT_TIMEOUT = 30.0
"""Seconds for a whole request: connecting, the headers, the body and every redirect."""

MAX_REDIRECTS = 10
"""Redirects followed before giving up (browsers allow about 20; a news page needs one or two)."""

DEFAULT_MAX_BYTES = 8_000_000
"""Largest body read, after decompression (the CLI passes 4 × ``--max-chars``)."""

DEFAULT_MAX_CONNECTIONS = 8
"""Requests in flight at once in :func:`fetch_many`."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
"""The media types of an HTML page."""

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
        """Whether the server says the body is an HTML page."""
        return self.media_type in HTML_TYPES


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
    ask = Ask(url, timeout, max_bytes, max_redirects, fetch_policy(policy))
    check_url(url)
    if ask.policy is FetchPolicy.NEVER:
        raise NetworkError(
            [
                "fetching URLs is turned off; pass ",
                Setting("fetch", "public"),
                " or ",
                Setting("fetch", "any"),
                " to allow it",
            ],
            source=ask.shown,
        )
    if http is None:
        with http_session() as own:
            return _fetch(own, ask)
    if not isinstance(http, Session):  # a plain session would skip the policy's checks
        raise UsageError("fetch needs a session made by briefer.ingest.http_session()")
    return _fetch(http, ask)


def _fetch(http: requests.Session, ask: Ask) -> Fetched:
    deadline = Deadline(ask.timeout)
    fetching.policy, fetching.deadline, fetching.url = ask.policy, deadline, ask.url
    fetching.max_redirects, fetching.hops = ask.max_redirects, 0
    try:
        response = http.get(
            ask.url, stream=True, timeout=(ask.timeout, ask.timeout), proxies=hop_proxies(ask.url)
        )
        hop = response.url if response.history else ask.url
        return _read(response.raw, ask, hop, deadline)
    except Refused as refused:
        raise refusal(ask, refused) from None
    except RedirectScheme as redirect:
        raise InputError(
            f"redirected to an unsupported URL scheme {redirect.scheme!r}; "
            "briefer fetches http:// and https:// URLs",
            source=ask.shown,
        ) from None
    except requests.TooManyRedirects as exc:
        if exc.response is not None:
            exc.response.close()
        raise NetworkError(
            f"too many redirects (more than {ask.max_redirects})", source=ask.shown
        ) from None
    except (HTTPError, OSError, ValueError) as exc:
        if deadline.expired or time.monotonic() >= deadline.end:
            raise timed_out(ask) from None
        raise error(ask, exc) from None
    finally:
        fetching.policy, fetching.deadline = FetchPolicy.ANY, None
        deadline.close()


def _read(response: urllib3.BaseHTTPResponse, ask: Ask, hop: str, deadline: Deadline) -> Fetched:
    """The body of the final response, within the size cap and the deadline."""
    complete = False
    try:
        if response.status >= 300:
            reason = one_line(response.reason or "")
            where = f" (at {display_url(hop)})" if hop != ask.url else ""
            raise NetworkError(
                f"HTTP {response.status}{' ' + reason if reason else ''}{where}", source=ask.shown
            )
        media_type, charset = _content_type(response.headers.get("Content-Type", ""))
        _check_media_type(ask.shown, media_type)
        length = response.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > ask.max_bytes:
            raise too_large(ask)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.stream(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > ask.max_bytes:
                raise too_large(ask)
            if deadline.expired:
                raise timed_out(ask)
            chunks.append(chunk)
        if deadline.expired:  # the socket was shut: what came may be only part of the body
            raise timed_out(ask)
        complete = True
    finally:
        if not complete:
            response.close()  # an unread body must not go back to the pool
        response.release_conn()
    body = b"".join(chunks)
    return Fetched(ask.shown, display_url(hop), response.status, media_type, charset, body)


def _content_type(header: str) -> tuple[str, str | None]:
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            charset = value.strip().strip("\"'")
    return one_line(media_type).lower(), charset and one_line(charset, 40)


def _check_media_type(shown: str, media_type: str) -> None:
    if media_type in HTML_TYPES or media_type.startswith("text/") or media_type in _SNIFFED_TYPES:
        return
    what = _KNOWN_TYPES.get(media_type) or (
        f"an {media_type.split('/')[0]}"
        if media_type.split("/")[0] in ("image", "audio", "video")
        else media_type
    )
    raise InputError(
        f"the server sent {what} ({media_type}), not an HTML page or text", source=shown
    )


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
