"""Output files: one per input file (``--output DIR``), or a page per record and an index
(``-f html``); each written under a temporary name and renamed into place."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from briefer import output
from briefer.batch.inputs import Unreadable, expand, is_jsonl, is_url_argument
from briefer.batch.options import JSONL_SUFFIXES
from briefer.batch.records import Result
from briefer.batch.render import html_error_entry, render_index
from briefer.errors import Setting, UsageError


def output_path(input_name: str, output_dir: str | Path, fmt: str = "jsonl") -> Path:
    """Where the results of one input file go: its name, in ``output_dir``."""
    name = "stdin" if input_name in ("-", "<stdin>") else Path(input_name).name
    for suffix in (*JSONL_SUFFIXES, ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return Path(output_dir) / (name + output.get(fmt).suffix)


def plan_outputs(
    inputs: Sequence[str], output_dir: str | Path, fmt: str, *, input_format: str, glob: str | None
) -> list[tuple[str, Path]]:
    """(input file, output file) pairs for ``--output``, checked before anything is written.

    Refuses inputs that would share an output file, and an output file that is one of the
    inputs (by path or as the same file through a link): briefing ``d/feed.jsonl`` into ``d``
    must never overwrite the feed.
    """
    plan: list[tuple[str, Path]] = []
    seen: dict[Path, str] = {}
    names = [
        name for name in expand(inputs, glob, input_format) if not isinstance(name, Unreadable)
    ]
    for name in names:
        if not is_jsonl(name, input_format):
            raise UsageError(
                [Setting("output_dir"), " takes JSON Lines inputs (one output file each)"],
                source=name,
            )
        out = output_path(name, output_dir, fmt)
        if out in seen:
            raise UsageError(f"{seen[out]} and {name} would both be written to {out}")
        seen[out] = name
        plan.append((name, out))
    for name in names:
        for out in seen:
            if same_file(name, out):
                raise UsageError(
                    [
                        f"the output file {out} would overwrite this input; choose another ",
                        Setting("output_dir"),
                        " directory",
                    ],
                    source=name,
                )
    return plan


def same_file(a: str, b: str | Path) -> bool:
    """Whether path ``a`` and ``b`` are one file (through links too), or would be."""
    if a == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


class OutputFiles:
    """Writes each result to the file of its input, one file open at a time (input order).

    Each output is written under a temporary name beside it and renamed into place when its
    input is done, so a half-written file never replaces a complete one. On an interruption the
    finished files stay and the one in progress is removed. Results whose input is not one of
    ``inputs`` (a directory that could not be read) are left to the error lines.
    """

    def __init__(
        self, output_dir: str | Path, fmt: str, inputs: Iterable[str] | None = None
    ) -> None:
        self.dir = Path(output_dir)
        self.fmt = fmt
        self.inputs = None if inputs is None else {"<stdin>" if i == "-" else i for i in inputs}
        self._input: str | None = None
        self._fh: Any = None
        self._path: Path | None = None

    def write(self, result: Result) -> None:
        """Write ``result`` to its input's file (opening that file at its input's first)."""
        if self.inputs is not None and result.input not in self.inputs:
            return
        if result.input != self._input:
            self.close()
            self.dir.mkdir(parents=True, exist_ok=True)
            self._path = output_path(result.input, self.dir, self.fmt)
            self._temp = part_path(self._path)
            self._fh = open(self._temp, "w", encoding="utf-8")  # noqa: SIM115 - closed in close()
            self._input = result.input
        self._fh.write(result.output)
        self._fh.flush()

    def close(self, complete: bool = True) -> None:
        """Rename the file in progress into place (``complete``), or remove it."""
        if self._fh is None:
            return
        self._fh.close()
        self._fh = None
        if complete and self._path is not None:
            os.replace(self._temp, self._path)
        else:
            with contextlib.suppress(OSError):
                os.remove(self._temp)

    def __enter__(self) -> OutputFiles:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(complete=exc_type is None)


class HtmlPages:
    """Writes each record's page into ``output_dir`` and, when the batch is complete, an
    ``index.html`` that links every page and lists every failed record with its error.

    Pages are named after their record and numbered (``0007-fidan-paris-visit.html``); each is
    written under a temporary name and renamed into place.
    """

    def __init__(self, output_dir: str | Path) -> None:
        self.dir = Path(output_dir)
        self.entries: list[Any] = []

    def write(self, result: Result) -> None:
        """Write a briefed record's page, and keep its (or a failed one's) index entry."""
        self.dir.mkdir(parents=True, exist_ok=True)
        if result.entry is None:
            self.entries.append(html_error_entry(result.label, result.error))
            return
        write_replacing(self.dir / result.entry.href, result.output)
        self.entries.append(result.entry)

    def close(self, complete: bool = True) -> None:
        """Write the index page (when complete, or when there is something to list)."""
        if self.entries or complete:
            self.dir.mkdir(parents=True, exist_ok=True)
            write_replacing(self.dir / "index.html", render_index(self.entries))

    def __enter__(self) -> HtmlPages:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(complete=exc_type is None)


def part_path(path: Path) -> Path:
    """The temporary name beside ``path`` that its content is written to before a rename."""
    return path.with_name(f".{path.name}.{os.getpid()}.part")


def write_replacing(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it: never a half file."""
    temp = part_path(path)
    try:
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def check_html_output(inputs: Sequence[str], output_dir: str | Path) -> None:
    """``-f html --output DIR`` writes pages named after records into DIR: refuse a DIR that
    holds an input (or lies inside an input folder), so no page can overwrite an input or be
    read as one."""
    folder = os.path.realpath(output_dir)
    for name in inputs:
        if name == "-" or is_url_argument(name):
            continue
        where = os.path.realpath(name)
        if (
            where == folder
            or folder.startswith(where + os.sep)
            or where.startswith(folder + os.sep)
        ):
            raise UsageError(
                [
                    "is inside the ",
                    Setting("output_dir"),
                    f" folder {output_dir}; write the pages to a folder of their own",
                ],
                source=name,
            )
