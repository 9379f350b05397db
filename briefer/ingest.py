"""Bytes, paths, streams and URLs → text. The only module that imports charset-normalizer.

Decoding order: a BOM decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then the charset the
input declares (an HTTP header, an HTML ``<meta>``), if it decodes; then charset-normalizer's
detection for legacy encodings (Latin-1, cp1252, …). Bytes that look like an image or a binary
file are refused rather than summarised as mojibake.

HTML (a ``.html`` file, or content that starts like a page, from a file or stdin) and URLs go
through :mod:`briefer.web`, imported only then: the article is extracted from the page and the
page's title, author, date and site name travel with the text as a :class:`Page`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Generator, Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from briefer.errors import BrieferError, InputError
from briefer.models import Page

if TYPE_CHECKING:
    from briefer.web import Fetched

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)
_MAX_CONTROL_RATIO = 0.05
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# WHATWG: pages labelled Latin-1 or ASCII are decoded as windows-1252, a superset.
_LABEL_ALIASES = {"iso8859-1": "cp1252", "ascii": "cp1252"}


@dataclass(frozen=True, slots=True)
class Source:
    """Where a text came from (a path, ``<stdin>`` or a URL), the text, and the page if any."""

    name: str
    text: str
    encoding: str
    page: Page | None = None  # set for HTML pages and URLs


def is_url(name: str) -> bool:
    """Whether an input names a URL (``scheme://…``, any scheme) rather than a file."""
    return _URL.match(name) is not None and not Path(name).exists()


def looks_like_html(data: bytes) -> bool:
    """Whether bytes start like an HTML page (a doctype, ``<html>``, ``<head>`` or ``<body>``)."""
    head = data[:4096]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            head = head.decode(encoding, errors="ignore").encode("utf-8")
            break
    if head[:1] == b"\x00" or head[1:2] == b"\x00":  # UTF-16 without a BOM: not sniffed
        return False
    return _HTML_START.match(head) is not None


def decode(data: bytes, name: str = "<input>", declared: str | None = None) -> Source:
    """Decode ``data`` to text with normalised line ends.

    Args:
        data: the bytes.
        name: how to name the input in errors.
        declared: the charset the input says it is in (an HTTP header, a ``<meta>`` tag); used
            when the bytes are not UTF-8 and decode cleanly with it.

    Raises:
        InputError: the data is empty, binary, or in no encoding that can be detected.
    """
    if not data.strip():
        raise InputError(f"{name}: empty input, nothing to brief")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name}: this looks like {what}, not text")
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"{name}: invalid {enc} text ({exc.reason})") from None
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(f"{name}: binary data (NUL bytes), not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _declared(data, declared) or _detect(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f")
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise InputError(f"{name}: binary data (control characters), not text")
    if not text.strip():
        raise InputError(f"{name}: empty input, nothing to brief")
    return Source(name, text, encoding)


def _declared(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """The text in the declared charset, or None when there is none or the bytes do not fit."""
    if not declared:
        return None
    try:
        codec = codecs.lookup(declared).name
    except LookupError:
        return None
    codec = _LABEL_ALIASES.get(codec, codec)
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        return None


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError(f"{name}: binary data or an unknown encoding, not text")
    # On short texts several legacy code pages look alike; windows-1252, the web's default
    # (WHATWG), wins whenever it reads the bytes as cleanly as the best guess.
    cleanest = min(m.chaos for m in matches)
    if any(m.chaos <= cleanest and "cp1252" in m.could_be_from_charset for m in matches):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return str(best), best.encoding


def read_path(path: Path, max_bytes: int) -> Source:
    """Read and decode a file, refusing directories and files over ``max_bytes``."""
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not a file")
    try:
        with path.open("rb") as fh:
            data = _read_capped(fh, max_bytes, name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None
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
    from briefer.web import extract

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


def read_url(url: str, max_bytes: int, timeout: float | None = None) -> Source:
    """Fetch a URL and read its article (see :func:`briefer.web.fetch`).

    Raises:
        NetworkError: the URL could not be fetched.
        InputError: a bad URL, not HTML or text, too large, or no article text.
    """
    from briefer import web

    fetched = web.fetch(
        url, max_bytes=max_bytes, timeout=web.DEFAULT_TIMEOUT if timeout is None else timeout
    )
    return from_fetched(fetched)


def read_urls(
    urls: Iterable[str],
    max_bytes: int,
    *,
    timeout: float | None = None,
    max_connections: int | None = None,
) -> Generator[tuple[str, Source | BrieferError], None, None]:
    """Fetch many URLs concurrently and read their articles, in input order.

    A URL that fails yields ``(url, error)``; the others are still read. Pages are extracted
    here, in the caller's thread, while the next ones download.
    """
    from briefer import web

    fetched = web.fetch_many(
        urls,
        max_bytes=max_bytes,
        timeout=web.DEFAULT_TIMEOUT if timeout is None else timeout,
        max_connections=max_connections or web.DEFAULT_MAX_CONNECTIONS,
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
            f"{name}: input is over the limit of {max_bytes:,} bytes; raise it with --max-chars"
        )
    return data
