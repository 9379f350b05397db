"""Bytes → text: encodings, BOMs, line ends, binary and empty input, files and directories."""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest

from briefer.errors import InputError
from briefer.ingest import decode, read_path, read_stream

ARTICLE = "Café owners in Zürich said the naïve plan — a “quick fix” — would fail.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        pytest.param(ARTICLE.encode("utf-8"), "utf-8", id="utf-8"),
        pytest.param(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8-sig", id="utf-8-bom"),
        pytest.param(ARTICLE.encode("utf-16"), "utf-16", id="utf-16-bom"),
        pytest.param(ARTICLE.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", id="utf-16be"),
    ],
)
def test_unicode_encodings_decode_exactly(data: bytes, encoding: str) -> None:
    source = decode(data)
    assert source.text == ARTICLE
    assert source.encoding == encoding


def test_legacy_cp1252_is_detected() -> None:
    text = (
        "Le café du coin a fermé. Les habitués étaient déçus, mais le propriétaire a dit "
        "qu’il rouvrira à la rentrée. « C’est la vie », a-t-il ajouté — sans regret.\n"
    ) * 3
    source = decode(text.encode("cp1252"))
    assert source.text == text


def test_crlf_and_cr_are_normalised() -> None:
    assert decode(b"One line.\r\nTwo lines.\rThree.").text == "One line.\nTwo lines.\nThree."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty input", id="empty"),
        pytest.param(b"  \n\t\n ", "empty input", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image", id="png"),
        pytest.param(b"%PDF-1.7\n%\xe2\xe3", "PDF document", id="pdf"),
        pytest.param(b"GIF89a" + os.urandom(64), "GIF image", id="gif"),
        pytest.param(b"abc\x00def\x00" * 20, "binary data", id="nul-bytes"),
        pytest.param(bytes(range(1, 32)) * 20, "binary data", id="control-bytes"),
    ],
)
def test_non_text_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, "x.bin")


def test_random_bytes_never_crash() -> None:
    for seed in range(20):
        data = bytes((seed * 7919 + i * 104729) % 256 for i in range(512))
        with contextlib.suppress(InputError):
            decode(data)


def test_read_path_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt", 1000)
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path, 1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    with pytest.raises(InputError, match="more than max_chars allows; raise max_chars"):
        read_path(big, 100)
    assert read_path(big, 1000).text == "word " * 100


def test_read_stream() -> None:
    assert read_stream(io.BytesIO(ARTICLE.encode()), 1000).text == ARTICLE
    with pytest.raises(InputError, match="<stdin>: empty"):
        read_stream(io.BytesIO(b""), 1000)
