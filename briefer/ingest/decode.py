"""Bytes → text: the one module of briefer that imports charset-normalizer.

Decoding order: a BOM decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then the charset the
input declares (an HTTP header, an HTML ``<meta>``), if it decodes; then a UTF-8 text with some
lines in a Latin code page, line by line; then the Latin code page whose letters read as one
language (cp1252 unless another fits clearly better); then charset-normalizer's detection for
everything else (Cyrillic, Greek, CJK, …). Bytes that look like an image or a binary file are
refused rather than summarised as mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from briefer.errors import InputError
from briefer.models import Page

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
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
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
        raise InputError("empty input, nothing to brief", source=name)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"this looks like {what}, not text", source=name)
    text: str | None = None
    encoding = ""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text, encoding = data.decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {enc} text ({exc.reason})", source=name) from None
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(_nul_message(data), source=name)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _declared(data, declared) or _mixed(data) or _detect(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # ESC is left out: coloured terminal output is text (its escapes are blanked by sanitize)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f\x1b")
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise InputError("binary data (control characters), not text", source=name)
    if not text.strip():
        raise InputError("empty input, nothing to brief", source=name)
    return Source(name, text, encoding)


def _nul_message(data: bytes) -> str:
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
                f"this looks like {what} text without a byte-order mark; "
                f"save it as UTF-8 (or {what} with a BOM)"
            )
    return "binary data (NUL bytes), not text"


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
        raise InputError("binary data or an unknown encoding, not text", source=name)
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
