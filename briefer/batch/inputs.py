"""Reading a batch's inputs, lazily, one item at a time: files and directories, JSON Lines,
URL lists and URLs; every line read bounded, so no line is ever held whole past its limit."""

from __future__ import annotations

import fnmatch
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, Protocol

from briefer.batch.options import (
    INPUT_FORMATS,
    JSONL_SUFFIXES,
    URL_SUFFIXES,
    BatchOptions,
    Item,
)
from briefer.errors import UsageError, os_error_reason, over_max_chars


class LineReader(Protocol):
    """What :func:`read_lines` reads from: a binary file, or a range of one."""

    def readline(self, limit: int = -1, /) -> bytes:
        """The next line, at most ``limit`` bytes of it; ``b""`` at the end."""
        ...


def is_jsonl(name: str, input_format: str) -> bool:
    """A JSON Lines file (or stdin)."""
    if input_format != "auto":
        return input_format == "jsonl"
    return name == "-" or name.lower().endswith(JSONL_SUFFIXES)


def is_url_list(name: str, input_format: str) -> bool:
    """A file (or stdin) with one URL a line."""
    if input_format != "auto":
        return input_format == "urls"
    return name.lower().endswith(URL_SUFFIXES)


def is_url_argument(name: str) -> bool:
    """An input named on the command line that is a URL (and no file of that name)."""
    from briefer.ingest import is_url

    return is_url(name) and not os.path.exists(name)


def _default_glob(input_format: str) -> str:
    return "*.jsonl" if input_format == "jsonl" else "*.txt"


class Unreadable(str):
    """A directory met while walking the inputs that could not be read (a path, with why)."""

    reason: str

    def __new__(cls, path: str, reason: str) -> Unreadable:
        self = super().__new__(cls, path)
        self.reason = reason
        return self


def _walk(name: str, pattern: str) -> Iterator[str]:
    """Files under a directory that match ``pattern``, recursively, in a stable order.

    A directory that cannot be listed (no permission, renamed or removed meanwhile) is yielded
    as an :class:`Unreadable`, so that it becomes an error record instead of vanishing.
    """
    errors: list[OSError] = []
    for root, dirs, files in os.walk(name, onerror=errors.append):
        while errors:
            exc = errors.pop(0)
            yield _unreadable(exc, root)
        dirs.sort()
        for f in sorted(files):
            if fnmatch.fnmatch(f, pattern):
                yield os.path.join(root, f)
    for exc in errors:
        yield _unreadable(exc, name)


def _unreadable(exc: OSError, where: str) -> Unreadable:
    if isinstance(exc, FileNotFoundError):
        reason = "the directory vanished while its files were listed"
    else:
        reason = f"cannot list this directory: {os_error_reason(exc)}"
    return Unreadable(str(exc.filename or where), reason)


def expand(
    inputs: Sequence[str], glob: str | None = None, input_format: str = "auto"
) -> Iterator[str]:
    """Each input file: named files as given, directories walked for ``glob``; ``-`` is stdin.

    A directory that cannot be read is yielded as an :class:`Unreadable` path.
    """
    pattern = glob or _default_glob(input_format)
    for name in inputs:
        if name != "-" and os.path.isdir(name):
            yield from _walk(name, pattern)
        else:
            yield name


def read_items(
    inputs: Sequence[str],
    *,
    input_format: str = "auto",
    glob: str | None = None,
    stdin: BinaryIO | None = None,
    max_bytes: int = 12_065_536,
) -> Iterator[Item]:
    """Every record of ``inputs`` as an :class:`Item`, reading one line at a time.

    ``-`` reads JSON Lines from ``stdin`` (which the caller passes: the library never reads
    ``sys.stdin`` itself).
    """
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; choose auto, text or jsonl")
    index = 0
    for name in expand(inputs, glob, input_format):
        if isinstance(name, Unreadable):
            yield Item(index, "error", str(name), str(name), name.reason)
            index += 1
            continue
        if is_url_argument(name):
            yield Item(index, "url", name, name, name)
            index += 1
            continue
        if is_url_list(name, input_format):
            for item in _url_items(name, stdin, index):
                yield item
                index += 1
            continue
        if not is_jsonl(name, input_format):
            yield Item(index, "file", name, name, name)
            index += 1
            continue
        for item in _jsonl_items(name, stdin, max_bytes, index):
            yield item
            index += 1


MAX_URL_LINE = 65_536
"""Bytes a line of a URL list may have: no URL is longer; a longer line is skipped in pieces."""


def _line_heads(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes, bool]]:
    """(the first ``limit`` bytes, whether that is the whole line) of each line of ``stream``:
    an over-long line is read past in pieces, never held whole."""
    while raw := stream.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
            yield raw[:limit], False
        else:
            yield raw, True


def _is_comment(line: bytes) -> bool:
    """A URL list's ``#`` comment line."""
    return line.lstrip().startswith(b"#")


def _url_items(name: str, stdin: BinaryIO | None, start: int) -> Iterator[Item]:
    """One item a URL: non-empty lines that are not ``#`` comments; lines read bounded."""
    label = "<stdin>" if name == "-" else name
    if name == "-":
        if stdin is None:
            yield Item(start, "error", label, label, "no standard input to read URLs from")
            return
        stream: BinaryIO = stdin
    else:
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed when the generator ends
        except OSError as exc:
            yield Item(start, "error", label, label, os_error_reason(exc))
            return
    index = start
    try:
        for lineno, (raw, whole) in enumerate(_line_heads(stream, MAX_URL_LINE), 1):
            if _is_comment(raw):
                continue  # a comment, however long
            if not whole:
                message = f"line is over {MAX_URL_LINE:,} bytes: not a URL"
                yield Item(index, "error", f"{label}:{lineno}", label, message)
                index += 1
                continue
            url = raw.decode("utf-8", "replace").strip()
            if not url:
                continue
            yield Item(index, "url", url, label, url)
            index += 1
    finally:
        if name != "-":
            stream.close()


def fetch_pages(items: Iterable[Item], config: BatchOptions) -> Iterator[Item]:
    """Fetch the URL items concurrently (``config.connections`` at a time), in input order.

    Every other item passes through unchanged and in place; a URL becomes a ``page`` item
    holding the fetched response, or an ``error`` item. Only the fetching happens here (it waits
    on the network); extracting the article is left to the workers.
    """
    from briefer.ingest import fetch_many

    fifo: deque[Item] = deque()

    def urls() -> Iterator[str]:
        for item in items:
            fifo.append(item)
            if item.kind == "url":
                yield str(item.payload)

    fetched = fetch_many(
        urls(),
        max_connections=config.connections,
        timeout=config.fetch_timeout,
        max_bytes=config.max_bytes,
        policy=config.fetch,
    )
    for _url, result in fetched:
        while fifo[0].kind != "url":
            yield fifo.popleft()
        item = fifo.popleft()
        yield Item(item.index, "page", item.source, item.input, result)
    yield from fifo


def _jsonl_items(name: str, stdin: BinaryIO | None, max_bytes: int, start: int) -> Iterator[Item]:
    label = "<stdin>" if name == "-" else name
    if name == "-":
        if stdin is None:
            yield Item(start, "error", label, label, "no standard input to read JSON Lines from")
            return
        yield from read_lines(stdin, label, max_bytes, start)
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115 - closed below; the generator may be left early
    except OSError as exc:
        yield Item(start, "error", label, label, os_error_reason(exc))
        return
    with fh:
        yield from read_lines(fh, label, max_bytes, start)


def read_lines(
    stream: LineReader, label: str, max_bytes: int, start: int, lineno: int = 0
) -> Iterator[Item]:
    """The JSON lines of a stream as items; an over-long line is skipped in pieces, never held
    whole, and becomes an error item.

    Args:
        stream: the lines to read.
        label: how the items name their input (``path``, or ``<stdin>``).
        max_bytes: the most bytes a line may have.
        start: the index of the first record.
        lineno: the lines before the stream's first, so that line numbers go on from there.

    Yields:
        A ``line`` item per non-blank line, an ``error`` item per over-long one.
    """
    index = start
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drop the rest of the line
                rest = stream.readline(max_bytes + 1)
                if not rest or rest.endswith(b"\n"):
                    break
            message = tuple(over_max_chars(f"record is over {max_bytes:,} bytes", "brief"))
            yield Item(index, "error", f"{label}:{lineno}", label, message)
        elif line.strip():
            yield Item(index, "line", f"{label}:{lineno}", label, line)
        else:
            continue
        index += 1


def count_records(
    inputs: Sequence[str], *, input_format: str = "auto", glob: str | None = None
) -> int | None:
    """How many records :func:`read_items` will yield, or ``None`` when stdin is one input."""
    total = 0
    for name in expand(inputs, glob, input_format):
        if name == "-":
            return None
        if isinstance(name, Unreadable):
            total += 1
            continue
        url_list = is_url_list(name, input_format) and not is_url_argument(name)
        if not url_list and not is_jsonl(name, input_format):
            total += 1
            continue
        try:
            with open(name, "rb") as fh:
                total += sum(
                    1
                    for line, _ in _line_heads(fh, MAX_URL_LINE)
                    if line.strip() and not (url_list and _is_comment(line))
                )
        except OSError:
            total += 1
    return total
