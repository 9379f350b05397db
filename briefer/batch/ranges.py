"""Byte ranges of a JSON Lines file, so that one big file can be briefed by many tasks: each
range reads the lines that start in it, numbered as in the whole file."""

from __future__ import annotations

from typing import BinaryIO

DEFAULT_PARTITION_BYTES = 64 * 1024 * 1024
"""The largest byte range of a JSON Lines file that one distributed task briefs by default."""
MIN_PARTITION_BYTES = 1024 * 1024
"""The smallest range :func:`auto_partition` cuts: below that, a task costs more than it saves."""
TASKS_PER_THREAD = 2
"""Ranges per worker thread for one file: enough for a slow range not to leave others idle."""
SKIP_PIECE = 1 << 20
"""Bytes read at a time when a range skips or counts through a file."""


def auto_partition(size: int, threads: int) -> int:
    """The range size for a file of ``size`` bytes on a cluster of ``threads`` worker threads:
    about ``TASKS_PER_THREAD`` ranges a thread, between 1 MB and 64 MB."""
    per_range = -(-size // max(1, threads * TASKS_PER_THREAD))
    return max(MIN_PARTITION_BYTES, min(DEFAULT_PARTITION_BYTES, per_range))


def byte_ranges(size: int, part: int) -> list[tuple[int, int | None]]:
    """``[start, end)`` ranges of about ``part`` bytes covering a file of ``size`` bytes."""
    if size <= part:
        return [(0, None)]
    starts = list(range(0, size, part))
    return [(s, e) for s, e in zip(starts, [*starts[1:], None], strict=True)]


class LineRange:
    """The lines of a binary file that start in the byte range ``[start, end)``.

    A range that starts inside a line leaves that line to the range before it, and a range
    ends after the line that crosses its end: consecutive ranges read every line once.
    ``lines_before`` numbers the lines on from those before the range: give it the count of
    newlines before ``start`` (from :func:`count_newlines` over the ranges before), or it is
    counted here from the start of the file. ``piece`` is how many bytes are read at a time
    while skipping the end of a line that started before the range.
    """

    def __init__(
        self,
        fh: BinaryIO,
        start: int,
        end: int | None,
        newlines_before: int | None = None,
        piece: int = SKIP_PIECE,
    ) -> None:
        """The lines of ``fh`` that start in ``[start, end)`` (to its end for ``None``)."""
        self.fh = fh
        self.end = end
        if newlines_before is None:
            newlines_before = count_newlines(fh, 0, start, piece)
        self.lines_before = newlines_before
        if start > 0:
            # Skip the end of the line that started before ``start``, a piece at a time (it may
            # be an over-long line); a newline at ``start - 1`` is already counted.
            fh.seek(start - 1)
            chunk = fh.readline(piece)
            if chunk != b"\n":
                while chunk and not chunk.endswith(b"\n"):
                    chunk = fh.readline(piece)
                if chunk:
                    self.lines_before += 1
        self._line_start = True

    def readline(self, limit: int = -1, /) -> bytes:
        """The next line of the range, at most ``limit`` bytes of it; ``b""`` past its end."""
        if self._line_start and self.end is not None and self.fh.tell() >= self.end:
            return b""
        line = self.fh.readline(limit)
        self._line_start = line.endswith(b"\n")
        return line


def count_newlines(fh: BinaryIO, start: int, end: int | None, piece: int = SKIP_PIECE) -> int:
    """Newlines in the bytes ``[start, end)`` of ``fh`` (to its end for ``None``), read
    ``piece`` bytes at a time."""
    fh.seek(start)
    count = 0
    while end is None or fh.tell() < end:
        size = piece if end is None else min(piece, end - fh.tell())
        block = fh.read(size)
        if not block:
            break
        count += block.count(b"\n")
    return count


def newlines_in(path: str, start: int, end: int | None) -> int:
    """:func:`count_newlines` of a file's range: a task, so that ranges are numbered at once."""
    with open(path, "rb") as fh:
        return count_newlines(fh, start, end)
