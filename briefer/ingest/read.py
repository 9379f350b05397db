"""Paths, streams and URLs → text: what the CLI and the batch read their inputs with.

Plain text is decoded by :mod:`briefer.ingest.decode`. HTML (a ``.html`` file, or content that
starts like a page, from a file or stdin) and URLs go through :mod:`briefer.ingest.extract` and
:mod:`briefer.ingest.http`, imported only then: the article is extracted from the page and the
page's title, author, date and site name travel with the text as a :class:`Page`.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefer.errors import BrieferError, InputError, os_error_reason, over_max_chars
from briefer.ingest.decode import Source, decode, looks_like_html
from briefer.models import Page

if TYPE_CHECKING:
    from briefer.ingest.http import Fetched

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def is_url(name: str) -> bool:
    """Whether an input names a URL (``scheme://…``, any scheme) rather than a file."""
    return _URL.match(name) is not None and not Path(name).exists()


def read_path(path: Path, max_bytes: int) -> Source:
    """Read and decode a file, refusing directories and files over ``max_bytes``."""
    name = str(path)
    if path.is_dir():
        raise InputError("is a directory, not a file", source=name)
    try:
        with path.open("rb") as fh:
            data = _read_capped(fh, max_bytes, name)
    except OSError as exc:
        raise InputError(os_error_reason(exc), source=name) from None
    if path.suffix.lower() in _HTML_SUFFIXES or looks_like_html(data):
        return read_html(data, name)
    return decode(data, name)


def read_stream(stream: BinaryIO, max_bytes: int, name: str = "<stdin>") -> Source:
    """Read and decode a byte stream (stdin), refusing more than ``max_bytes``; HTML is sniffed."""
    data = _read_capped(stream, max_bytes, name)
    if looks_like_html(data):
        return read_html(data, name)
    return decode(data, name)


def read_html(
    data: bytes, name: str, *, url: str | None = None, declared: str | None = None
) -> Source:
    """Decode an HTML page and extract its article and metadata.

    Args:
        data: the page's bytes.
        name: how to name it in errors (a path, ``<stdin>``, the URL).
        url: where it was fetched from, kept as ``page.url``.
        declared: the charset of the HTTP header; the page's ``<meta>`` is read otherwise.

    Raises:
        InputError: the page cannot be decoded or holds no article text.
    """
    from briefer.ingest.extract import extract

    if declared is None:
        found = _META_CHARSET.search(data[:4096])
        declared = found.group(1).decode("ascii") if found else None
    page = decode(data, name, declared)
    text, meta = extract(page.text, url, name)
    return Source(name, text, page.encoding, meta)


def from_fetched(fetched: Fetched, name: str | None = None) -> Source:
    """The text of a fetched URL: the article of an HTML page, or a text as it is.

    Raises:
        InputError: the page holds no article text, or the body is binary or empty.
    """
    name = name or fetched.url
    if fetched.is_html or (
        fetched.media_type in ("", "application/octet-stream") and looks_like_html(fetched.body)
    ):
        return read_html(fetched.body, name, url=fetched.final_url, declared=fetched.charset)
    text = decode(fetched.body, name, fetched.charset)
    return Source(name, text.text, text.encoding, Page(fetched.final_url, None, None, None, None))


def read_url(url: str, max_bytes: int, timeout: float | None = None, policy: str = "any") -> Source:
    """Fetch a URL and read its article (see :func:`briefer.ingest.fetch`; ``policy`` says which
    addresses it may reach: ``never``, ``public`` or ``any``).

    Raises:
        NetworkError: the URL could not be fetched.
        InputError: a bad URL, not HTML or text, too large, or no article text.
    """
    from briefer.ingest import http

    fetched = http.fetch(
        url,
        max_bytes=max_bytes,
        timeout=http.DEFAULT_TIMEOUT if timeout is None else timeout,
        policy=policy,
    )
    return from_fetched(fetched)


def read_urls(
    urls: Iterable[str],
    max_bytes: int,
    *,
    timeout: float | None = None,
    max_connections: int | None = None,
    policy: str = "any",
) -> Generator[tuple[str, Source | BrieferError], None, None]:
    """Fetch many URLs concurrently and read their articles, in input order.

    A URL that fails yields ``(url, error)``; the others are still read. Pages are extracted
    here, in the caller's thread, while the next ones download.
    """
    from briefer.ingest import http

    fetched = http.fetch_many(
        urls,
        max_bytes=max_bytes,
        timeout=http.DEFAULT_TIMEOUT if timeout is None else timeout,
        max_connections=max_connections or http.DEFAULT_MAX_CONNECTIONS,
        policy=policy,
    )
    with closing(fetched):
        for url, got in fetched:
            result: Source | BrieferError = got if isinstance(got, BrieferError) else _or_error(got)
            yield url, result


def _or_error(fetched: Fetched) -> Source | BrieferError:
    try:
        return from_fetched(fetched)
    except BrieferError as exc:
        return exc


def _read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            over_max_chars(f"input is over {max_bytes:,} bytes", "brief"),
            source=name,
        )
    return data
