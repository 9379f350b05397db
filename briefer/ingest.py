"""Bytes, paths and streams → text. The only module that imports charset-normalizer.

Decoding order: a BOM decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
charset-normalizer's detection for legacy encodings (Latin-1, cp1252, …). Bytes that look like
an image or a binary file are refused rather than summarised as mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from briefer.errors import InputError

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


@dataclass(frozen=True, slots=True)
class Source:
    """Where a text came from (a path or ``<stdin>``) and the text itself."""

    name: str
    text: str
    encoding: str


def decode(data: bytes, name: str = "<input>") -> Source:
    """Decode ``data`` to text with normalised line ends.

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
            text, encoding = _detect(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\t\f")
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise InputError(f"{name}: binary data (control characters), not text")
    if not text.strip():
        raise InputError(f"{name}: empty input, nothing to brief")
    return Source(name, text, encoding)


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: binary data or an unknown encoding, not text")
    return str(best), best.encoding


def read_path(path: Path, max_bytes: int) -> Source:
    """Read and decode a file, refusing directories and files over ``max_bytes``."""
    name = str(path)
    if path.is_dir():
        raise InputError(f"{name}: is a directory, not a file")
    try:
        with path.open("rb") as fh:
            return decode(_read_capped(fh, max_bytes, name), name)
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def read_stream(stream: BinaryIO, max_bytes: int, name: str = "<stdin>") -> Source:
    """Read and decode a byte stream (stdin), refusing more than ``max_bytes``."""
    return decode(_read_capped(stream, max_bytes, name), name)


def _read_capped(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: input is over the limit of {max_bytes:,} bytes; raise it with --max-chars"
        )
    return data
