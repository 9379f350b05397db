"""A failed fetch in one line: what happened, and the URL (as the error's ``source``)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    LocationValueError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)

from briefer.errors import BrieferError, InputError, NetworkError, Setting, over_max_chars
from briefer.ingest.policy import FetchPolicy, Refused, display_url, one_line


@dataclass(frozen=True, slots=True)
class Ask:
    """One fetch: what was asked, and its limits."""

    url: str
    timeout: float
    max_bytes: int
    max_redirects: int
    policy: FetchPolicy

    @property
    def shown(self) -> str:
        """The URL as messages show it (:func:`display_url`)."""
        return display_url(self.url)


def refusal(ask: Ask, refused: Refused) -> NetworkError:
    """The policy's refusal of a host, and at which hop."""
    where = f" (at {display_url(refused.hop)})" if refused.hop != ask.url else ""
    host = display_url(refused.host)
    if refused.address is None:
        what = f"{host} {refused.why}"
    elif refused.address == refused.host:
        what = f"{host} is {refused.why}"
    else:
        what = f"{host} resolves to {refused.address}, {refused.why}"
    return NetworkError(
        [f"{what}{where}; pass ", Setting("fetch", "any"), " to allow it"], source=ask.shown
    )


def too_large(ask: Ask) -> InputError:
    """A body over the size cap."""
    return InputError(
        over_max_chars(f"the response is over {ask.max_bytes:,} bytes", "fetch"),
        source=ask.shown,
    )


def timed_out(ask: Ask) -> NetworkError:
    """The deadline passed."""
    return NetworkError(
        [
            f"timed out after {ask.timeout:g} s; raise the time-out (",
            Setting("timeout"),
            ", or ",
            Setting("fetch_timeout"),
            " in a batch)",
        ],
        source=ask.shown,
    )


def error(ask: Ask, exc: BaseException) -> BrieferError:
    """One line for a failed request: what happened (requests' and urllib3's wrappers
    unwrapped), naming the URL."""
    shown = ask.shown
    reason = _unwrapped(exc)
    if isinstance(reason, requests.exceptions.InvalidURL | LocationValueError):
        return InputError(f"not a valid URL ({_first_line(reason)})", source=shown)
    if isinstance(reason, ProxyError):  # the proxy from https_proxy/http_proxy failed
        inner = error(ask, reason.original_error)
        return NetworkError(["through the proxy: ", *inner.parts], source=shown)
    if isinstance(reason, NameResolutionError):
        host = display_url(urlsplit(ask.url).hostname or "")
        return NetworkError(f"cannot resolve host {host!r} (DNS lookup failed)", source=shown)
    if isinstance(reason, NewConnectionError):
        cause = reason.__cause__ or reason.__context__
        if isinstance(cause, ConnectionRefusedError):
            return NetworkError("connection refused", source=shown)
        if isinstance(cause, TimeoutError):
            return timed_out(ask)
        detail = str(reason).split("new connection: ", 1)[-1]
        return NetworkError(f"cannot connect ({one_line(detail)})", source=shown)
    if isinstance(reason, ConnectTimeoutError | ReadTimeoutError | TimeoutError):
        return timed_out(ask)
    if isinstance(reason, SSLError):
        return NetworkError(f"TLS error ({_first_line(reason)})", source=shown)
    if isinstance(reason, ProtocolError):
        return NetworkError(f"the connection broke ({_first_line(reason)})", source=shown)
    return NetworkError(f"cannot fetch ({_first_line(reason)})", source=shown)


def _unwrapped(exc: BaseException) -> BaseException:
    """What urllib3 raised, under requests' wrapper and urllib3's retry error."""
    if isinstance(exc, requests.exceptions.InvalidURL):
        return exc
    wrapped = exc.args[0] if isinstance(exc, requests.RequestException) and exc.args else None
    reason = wrapped if isinstance(wrapped, BaseException) else exc
    if isinstance(reason, MaxRetryError) and reason.reason is not None:
        return reason.reason
    return reason


def _first_line(exc: BaseException) -> str:
    lines = str(exc).splitlines()
    return one_line(lines[0] if lines else type(exc).__name__)
