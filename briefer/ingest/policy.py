"""Which URLs and addresses a fetch may reach: the URL checks, the fetch policy, and URLs as
briefer shows them (no credentials, one line, no terminal escapes)."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from enum import StrEnum
from typing import Any
from urllib.parse import quote, urlsplit

from briefer.errors import InputError, UsageError


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


def one_line(text: str, limit: int = 200) -> str:
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
        raise InputError(f"not a valid URL ({one_line(str(exc))})", source=shown) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(
            f"unsupported URL scheme {display_url(parts.scheme.lower())!r}; "
            "briefer fetches http:// and https:// URLs",
            source=shown,
        )
    if not host:
        raise InputError("not a valid URL (no host)", source=shown)


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


class Refused(Exception):
    """The policy refuses a host: raised inside urllib3 (which passes it on unwrapped), worded
    as a :class:`~briefer.errors.NetworkError` by :func:`briefer.ingest.fetch`."""

    def __init__(self, host: str, address: str | None, why: str) -> None:
        super().__init__(host, address, why)
        self.host, self.address, self.why = host, address, why
        self.hop = ""  # the URL being fetched when refused (set by the adapter)


def check_addresses(host: str, infos: list[Any]) -> None:
    """Refuse ``host`` unless every address it resolved to (``getaddrinfo`` answers) is public.

    Raises:
        Refused: an address is not public.
    """
    for *_, sockaddr in infos:
        check_address(host, str(sockaddr[0]))


def check_address(host: str, address: str) -> None:
    """Refuse ``host`` if ``address`` (one it resolved or connected to) is not public.

    Raises:
        Refused: the address is not public.
    """
    why = address_refusal(address)
    if why is not None:
        raise Refused(host, address, why)
