"""Bytes, paths, streams and URLs → text. The only module that imports charset-normalizer.

Decoding order: a BOM decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then the charset the
input declares (an HTTP header, an HTML ``<meta>``), if it decodes; then a UTF-8 text with some
lines in a Latin code page, line by line; then the Latin code page whose letters read as one
language (cp1252 unless another fits clearly better); then charset-normalizer's detection for
everything else (Cyrillic, Greek, CJK, …). Bytes that look like an image or a binary file are
refused rather than summarised as mojibake.

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

_HIGH_BYTES = bytes(range(0x80, 0x100))
_ASCII_LETTERS = bytes(range(0x41, 0x5B)) + bytes(range(0x61, 0x7B))
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_IN_WORDS = frozenset("’‘“”„—–…·\u00ad´\u00a0")
"""Non-letters that do stand between two letters: apostrophes, dashes, a soft hyphen, …"""
_MAX_LATIN_DENSITY = 0.5
"""Above this share of non-ASCII bytes, text is not in a Latin script (Latin text is mostly
ASCII: 0.1% in English news, about 3% in French, 11% in Czech; Cyrillic, Greek and CJK are
over 60%)."""
_CLEARLY_BETTER = 2
"""Another code page replaces cp1252 only when it misfits by at least this much less (one odd
letter, a "Niccolò" in English copy, does not turn it into Czech "Niccolň")."""
_MISFIT_ALLOWED = 2
_MISFIT_SHARE = 0.15
"""A Latin reading is plausible when at most max(2, 15%) of its non-ASCII letters and oddities
misfit its best alphabet."""


def _alphabets(*letters: str) -> tuple[frozenset[str], ...]:
    """Each language's non-ASCII letters, both cases, with the ordinal and micro signs."""
    return tuple(frozenset(a + a.upper() + "ªºµ") for a in letters)


_LOANWORDS = _alphabets("àáâãäåçèéêëíîïñòóôöúûüšž")[0]
"""The letters of names and loanwords in English copy ("Zürich", "Niccolò", "São Paulo"); an
alphabet for cp1252 only where such letters are rare, as in English text (at most
:data:`_SPARSE` of the letters): as an alphabet of its own it would read Slovak as English."""
_SPARSE = 0.06

_WESTERN = _alphabets(
    "àâæçéèêëîïôœùûüÿ",  # French
    "äöüß",  # German
    "áéíóúñü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíòóùú",  # Italian
    "àèéíïòóúüç",  # Catalan
    "áéëïóöü",  # Dutch
    "æøåé",  # Danish, Norwegian
    "åäöé",  # Swedish
    "äöåšž",  # Finnish
    "áéíóúýþæöð",  # Icelandic
)
_CENTRAL = _alphabets(
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "čćđšž",  # Slovene, Croatian
    "ăâîşţ",  # Romanian
)
# The Latin code pages tried, cp1252 first (it wins ties), each with the alphabets of the
# languages it is used for and whether English's loanwords may stand for one.
_LATIN_PAGES = (
    ("cp1252", _WESTERN, True),
    ("cp1250", _CENTRAL, False),
    ("iso8859_2", _CENTRAL, False),
    ("cp1254", _alphabets("çğıöşüâîûİ"), False),  # Turkish (İ is the upper case of i here)
    ("cp1257", _alphabets("ąčęėįšųūž", "āčēģīķļņšūž", "äöõüšž"), False),  # Baltic
)


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
            raise InputError(_nul_message(data, name))
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _declared(data, declared) or _mixed(data) or _detect(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # ESC is left out: coloured terminal output is text (its escapes are blanked by sanitize)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\x1b")
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise InputError(f"{name}: binary data (control characters), not text")
    if not text.strip():
        raise InputError(f"{name}: empty input, nothing to brief")
    return Source(name, text, encoding)


def _nul_message(data: bytes, name: str) -> str:
    """Why bytes holding NULs are refused: UTF-16 or UTF-32 without a BOM, or binary data."""
    head = data[:4096]
    for codec in ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be"):
        width = 4 if "32" in codec else 2
        try:
            sample = head[: len(head) // width * width].decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_text(sample):
            what = codec[:6].upper()
            return (
                f"{name}: this looks like {what} text without a byte-order mark; "
                f"save it as UTF-8 (or {what} with a BOM)"
            )
    return f"{name}: binary data (NUL bytes), not text"


def _reads_as_text(sample: str) -> bool:
    """Printable, and mostly in one range: Latin-1 (as Western text is), or beyond it with the
    spaces and digits that put NULs in UTF-16 (as Cyrillic is); not "扡c敤f", which is binary
    read two bytes at a time."""
    if not sample or sum(ch.isprintable() or ch.isspace() for ch in sample) < 0.95 * len(sample):
        return False
    latin1 = sum(ch < "\u0100" for ch in sample) / len(sample)
    return latin1 >= 0.7 or 0.1 <= latin1 <= 0.3


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
    """A legacy encoding: the Latin code page that reads plausibly, else charset-normalizer's."""
    found = _latin(data)
    if found is not None:
        return found
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: binary data or an unknown encoding, not text")
    return str(best), best.encoding


def _latin(data: bytes) -> tuple[str, str] | None:
    """The text in the Latin code page that reads most plausibly, or None when none does.

    charset-normalizer alone ranks its candidates by a "chaos" score that a lone ``£`` or a pair
    of curly quotes hardly moves, so English cp1252 came out as cp932 ("｣100m"), Big5, cp775
    or cp1250. Here each Latin code page that decodes the bytes is scored by how well its
    non-ASCII letters fit the alphabet of one language it serves, plus the symbols it puts
    inside words (Polish cp1250 read as cp1252 gives "rz¹d"). cp1252, the web's default, wins
    unless another page fits clearly better. Text that is mostly non-ASCII (Cyrillic, Greek,
    CJK, …) is left to charset-normalizer.
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    visible = len(data) - sum(data.count(ch) for ch in b" \t\n\r")
    if high > _MAX_LATIN_DENSITY * visible:
        return None
    ascii_letters = len(data) - len(data.translate(None, _ASCII_LETTERS))
    scored: list[tuple[int, int, int, int, str, str]] = []
    for codec, alphabets, loanwords in _LATIN_PAGES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        misfit, odd, counted = _misfit(text, alphabets)
        if loanwords and counted - odd <= _SPARSE * (counted - odd + ascii_letters):
            misfit = min(misfit, _misfit(text, (_LOANWORDS,))[0])
        scored.append((misfit + odd, misfit, odd, counted, codec, text))
    if not scored:
        return None
    best = min(scored, key=lambda s: s[0])  # the first of the best, on a tie
    if scored[0][4] == "cp1252" and best[0] > scored[0][0] - _CLEARLY_BETTER:
        best = scored[0]
    _, misfit, _, counted, codec, text = best
    if misfit > max(_MISFIT_ALLOWED, _MISFIT_SHARE * counted):
        return None  # oddities alone do not rule a reading out: they are mojibake's too
    return text, codec


def _misfit(text: str, alphabets: tuple[frozenset[str], ...]) -> tuple[int, int, int]:
    """How badly ``text`` reads in its best-fitting alphabet: (misfits, oddities, counted).

    Every non-ASCII letter outside the alphabet is a misfit; every character out of place
    (see :func:`_out_of_place`) an oddity; counted is the non-ASCII letters plus the oddities.
    A C1 control rules the text out.
    """
    letters: dict[str, int] = {}
    odd = 0
    end = len(text) - 1
    for m in _NON_ASCII.finditer(text):
        ch, i = m[0], m.start()
        if "\x80" <= ch <= "\x9f":
            return len(text), len(text), 0
        if ch.isalpha():
            letters[ch] = letters.get(ch, 0) + 1
        elif ch in _IN_WORDS:
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i < end else " "
        odd += _out_of_place(ch, before, after)
    misfit = min(
        (sum(n for ch, n in letters.items() if ch not in alphabet) for alphabet in alphabets),
        default=0,
    )
    return misfit, odd, sum(letters.values()) + odd


def _out_of_place(ch: str, before: str, after: str) -> int:
    """How odd a non-ASCII character is between its neighbours, 0 for not at all.

    A symbol between two letters ("rz¹d"), a capital after a lower-case letter ("donÕt") or
    standing alone ("shirt Ð it's"), a letter right after a comma or a question mark ("?Ó")
    are what a wrong code page makes of letters and punctuation.
    """
    if not ch.isalpha():
        return int(before.isalpha() and after.isalpha())
    if ch.isupper():
        if before.islower():
            return 2
        if before.isspace() and after.isspace() and ch not in "ÀÉÈ":
            return 2
    return int(before in ",.;:!?")


def _mixed(data: bytes) -> tuple[str, str] | None:
    """A UTF-8 text with some lines in a Latin code page (two tools appending to one file).

    Lines that are valid UTF-8 are read as UTF-8, the others in the code page they fit
    together; None unless both kinds of non-ASCII line are there and the others read as Latin.
    """
    lines = data.splitlines(keepends=True)
    utf8: dict[int, str] = {}
    legacy: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            utf8[i] = line.decode("utf-8")
        except UnicodeDecodeError:
            legacy.append(i)
    if not utf8 or not legacy:
        return None
    found = _latin(b"".join(lines[i] for i in legacy))
    if found is None:
        return None
    codec = found[1]
    text = "".join(utf8[i] if i in utf8 else line.decode(codec) for i, line in enumerate(lines))
    return text, f"utf-8+{codec}"


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


def read_url(url: str, max_bytes: int, timeout: float | None = None, policy: str = "any") -> Source:
    """Fetch a URL and read its article (see :func:`briefer.web.fetch`; ``policy`` says which
    addresses it may reach: ``never``, ``public`` or ``any``).

    Raises:
        NetworkError: the URL could not be fetched.
        InputError: a bad URL, not HTML or text, too large, or no article text.
    """
    from briefer import web

    fetched = web.fetch(
        url,
        max_bytes=max_bytes,
        timeout=web.DEFAULT_TIMEOUT if timeout is None else timeout,
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
    from briefer import web

    fetched = web.fetch_many(
        urls,
        max_bytes=max_bytes,
        timeout=web.DEFAULT_TIMEOUT if timeout is None else timeout,
        max_connections=max_connections or web.DEFAULT_MAX_CONNECTIONS,
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
            f"{name}: input is over {max_bytes:,} bytes, more than --max-chars allows; "
            "raise --max-chars (a number of characters) to brief it"
        )
    return data
