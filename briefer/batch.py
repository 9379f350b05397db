"""Many documents: JSON Lines and files in, one result per record out, in input order.

Three engines share one per-record function (:func:`brief_item`), so their output is identical:

* in-process (``jobs=1``);
* a local pool of worker processes (:class:`concurrent.futures.ProcessPoolExecutor`), fed
  chunks through a bounded window so memory stays flat however long the input is;
* a Dask cluster (the optional ``briefer[dask]`` extra), one output file per input file.

The library never prints: it yields :class:`Result` values and the CLI writes them.
"""

from __future__ import annotations

import contextlib
import fnmatch
import itertools
import json
import math
import multiprocessing
import os
import re
import shutil
import signal
import sys
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from briefer.errors import (
    BrieferError,
    ExitCode,
    InputError,
    NetworkError,
    UsageError,
    kind_of,
    os_error_reason,
)
from briefer.models import Brief, Options

FORMATS = ("jsonl", "markdown", "text", "html")
FETCH_POLICIES = ("never", "public", "any")
INPUT_FORMATS = ("auto", "text", "jsonl", "urls")
URL_SUFFIXES = (".urls",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_TEXT_FIELDS = ("article", "text")
DEFAULT_CHUNK = 8
WINDOW_PER_JOB = 4
"""Chunks in flight per worker: enough to keep workers busy, few enough to bound memory."""
KILL_GRACE = 2.0
"""Seconds past ``--timeout`` before a worker that ignored the soft cut-off is killed."""

MAX_STRIKES = 3
"""Restarts of the pool in a row that settle nothing before the batch gives up."""

Summarizer = Callable[[str, Options], Brief]
T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class BatchOptions:
    """How to brief each record of a batch. Validated once, here.

    Attributes:
        options: the brief options, the same for every record.
        fmt: output of each record: ``jsonl``, ``markdown``, ``text``, or ``html`` (a page
            each, written by :class:`HtmlPages`).
        text_fields: JSON Lines fields holding the article, tried in order.
        id_field: the JSON Lines field naming the record.
        title_field: the JSON Lines field holding the headline (used as ``--title`` would be).
        timeout: seconds a record may take before it is cut off and reported; ``None``: no limit.
        fetch: which addresses URLs from the data (``url`` fields, URL lists) may reach:
            ``never``, ``public`` (the default: no loopback, private or link-local address, so
            a feed cannot point briefer at the machine it runs on or its network) or ``any``.
        summarizer: the function that briefs a text (``briefer.summarize`` when ``None``); it
            must be importable by name in worker processes.
    """

    options: Options = field(default_factory=Options)
    fmt: str = "jsonl"
    text_fields: tuple[str, ...] = DEFAULT_TEXT_FIELDS
    id_field: str = "id"
    timeout: float | None = None
    summarizer: Summarizer | None = None
    connections: int = 8
    fetch_timeout: float = 30.0
    title_field: str = "title"
    fetch: str = "public"

    def __post_init__(self) -> None:
        if self.fmt not in FORMATS:
            raise UsageError(
                f"unknown batch format {self.fmt!r}; choose one of: {', '.join(FORMATS)}"
            )
        if not self.text_fields or not all(self.text_fields):
            raise UsageError("--text-field must name a field")
        if not self.id_field:
            raise UsageError("--id-field must name a field")
        if self.timeout is not None and not self.timeout > 0:
            raise UsageError("--timeout must be more than 0 seconds")
        if self.connections < 1:
            raise UsageError("--connections must be at least 1")
        if self.fetch not in FETCH_POLICIES:
            raise UsageError(f"--fetch: {self.fetch!r} is not one of: {', '.join(FETCH_POLICIES)}")

    @property
    def max_bytes(self) -> int:
        """Bytes a file or a JSON line may have: UTF-8 and JSON escapes of ``max_chars``."""
        return self.options.max_chars * 6 + 65_536


@dataclass(frozen=True, slots=True)
class Item:
    """One unit of work: a text file to read, a JSON line to parse, or an input error."""

    index: int
    kind: str  # file | line | url | page | error
    source: str  # path, path:line for a JSON line or a URL list, or the URL itself
    input: str  # the input it came from (a path or <stdin>)
    payload: Any  # file path, raw JSON line, URL, fetched page, or error message


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one record, rendered in the batch's format.

    Attributes:
        index: position of the record in the whole input, from 0.
        source: where it came from: a path, or ``path:line`` for JSON Lines.
        input: the input file it came from, or ``<stdin>``.
        id: the record's id field (JSON Lines) or its path (files); ``None`` if it has none.
        output: what to write for it: a JSON line, or a Markdown or text block.
        error: why it failed; ``None`` when it was briefed.
        kind: ``ok``, ``input`` (bad record), ``timeout``, ``crash`` or ``internal``.
        detail: the traceback of an internal error, kept when ``BRIEFER_DEBUG`` is set.
        exit_code: what this outcome exits with alone (0 when briefed), as a single brief would.
    """

    index: int
    source: str
    input: str
    id: Any
    output: str
    error: str | None = None
    kind: str = "ok"
    detail: str | None = None
    exit_code: int = 0
    entry: Any = None  # with the html format: the record's line on the index page

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def label(self) -> str:
        """The record as an error line names it."""
        if self.id is None or self.id == self.source:
            return self.source
        return f"{self.source} (id {self.id})"


@dataclass(frozen=True, slots=True)
class PartitionReport:
    """What a distributed task did with one input file."""

    input: str
    output: str
    ok: int
    failed: int
    errors: tuple[tuple[str, str], ...]  # (record label, message) of each failed record
    partitions: int = 1  # the byte ranges of the file that were briefed as separate tasks


class RecordTimeout(BaseException):
    """Raised inside a summarizer when the record's time is up (a BaseException, so that a
    summarizer's ``except Exception`` cannot swallow it)."""


# ---------------------------------------------------------------------------------------------
# Reading inputs: lazily, one item at a time.


def is_jsonl(name: str, input_format: str) -> bool:
    if input_format != "auto":
        return input_format == "jsonl"
    return name == "-" or name.lower().endswith(JSONL_SUFFIXES)


def is_url_list(name: str, input_format: str) -> bool:
    """A file (or stdin) with one URL a line."""
    if input_format != "auto":
        return input_format == "urls"
    return name.lower().endswith(URL_SUFFIXES)


def _is_url_argument(name: str) -> bool:
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
        if _is_url_argument(name):
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
        yield from _lines(stdin, label, max_bytes, start)
        return
    try:
        fh = open(name, "rb")  # noqa: SIM115 - closed below; the generator may be left early
    except OSError as exc:
        yield Item(start, "error", label, label, os_error_reason(exc))
        return
    with fh:
        yield from _lines(fh, label, max_bytes, start)


def _lines(
    stream: BinaryIO | _LineRange, label: str, max_bytes: int, start: int, lineno: int = 0
) -> Iterator[Item]:
    """JSON lines of a stream; an over-long line is skipped in pieces, never held whole.

    ``start`` is the index of the first record, ``lineno`` the lines before the stream's first.
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
            message = (
                f"record is over {max_bytes:,} bytes, more than --max-chars allows; "
                "raise --max-chars (a number of characters) to brief it"
            )
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
        url_list = is_url_list(name, input_format) and not _is_url_argument(name)
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


# ---------------------------------------------------------------------------------------------
# One record: the function every engine runs.


def _summarizer(config: BatchOptions) -> Summarizer:
    if config.summarizer is not None:
        return config.summarizer
    from briefer.brief import summarize

    return summarize


def _timed(fn: Callable[[], T], seconds: float | None) -> T:
    """Run ``fn``, raising :class:`RecordTimeout` in it after ``seconds``.

    In the main thread on POSIX, SIGALRM does it; in any other thread (a Dask worker's), a
    timer raises it as an asynchronous exception in the thread. Either interrupts Python code
    only: a long C call ends first (worker processes of ``--jobs`` are killed instead).
    """
    if seconds is None:
        return fn()
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return _timed_in_thread(fn, seconds)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _alarm(signum: int, frame: object) -> None:
    raise RecordTimeout


def _timed_in_thread(fn: Callable[[], T], seconds: float) -> T:
    """:func:`_timed` where no signal reaches: CPython's ``PyThreadState_SetAsyncExc``."""
    import ctypes

    thread = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    done = False

    def fire() -> None:
        with lock:
            if not done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, ctypes.py_object(RecordTimeout))

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn()
    finally:
        with lock:
            done = True
        timer.cancel()
        # a cut-off that fired as ``fn`` returned may still be pending: withdraw it
        ctypes.pythonapi.PyThreadState_SetAsyncExc(thread, None)


def _parse(line: bytes, config: BatchOptions) -> tuple[Any, dict[str, Any], str, str | None]:
    """(id, the other fields, text, url) of a JSON line; raises InputError naming what's wrong.

    A record without a text field but with a ``url`` is returned with an empty text and the URL
    to fetch; its ``url`` field stays among the other fields. A record that could not be
    written back as strict UTF-8 JSON (a lone surrogate, NaN, a number out of range) is refused.
    """
    try:
        data = json.loads(
            line.decode("utf-8-sig"), parse_constant=_no_constant, parse_float=_finite_float
        )
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        what = exc.msg.removesuffix(" at")
        raise InputError(f"malformed JSON line ({what} at column {exc.colno})") from None
    except RecursionError:
        raise InputError("malformed JSON line (nested too deeply)") from None
    except ValueError as exc:  # a NaN, an out-of-range float, an integer of too many digits
        raise InputError(f"malformed JSON line ({_first_line(exc)})") from None
    if not isinstance(data, dict):
        raise InputError(f"a JSON line must hold an object, not {type(data).__name__}")
    rid = data.pop(config.id_field, None)
    record = {config.id_field: rid, **data}
    bad = next((k for k, v in record.items() if _unwritable((k, v))), None)
    if bad is not None:
        raise _Partial(
            scrub(rid),
            scrub(data),
            f"field {scrub(bad)!r} holds a lone surrogate (an escape such as \\ud800 that is not "
            "a character); the record cannot be written as UTF-8",
        )
    for name in config.text_fields:
        if name in data:
            text = data.pop(name)
            if not isinstance(text, str):
                raise _Partial(rid, data, f"field {name!r} is {type(text).__name__}, not text")
            return rid, data, text, None
    url = data.get("url")
    if isinstance(url, str) and url.strip():
        return rid, data, "", url.strip()
    names = [repr(f) for f in (*config.text_fields, "url")]
    fields = ", ".join(names[:-1]) + " or " + names[-1]
    raise _Partial(rid, data, f"no text: the record has no {fields} field")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise ValueError(f"the number {text[:40]} is out of range")
    return value


def _first_line(exc: BaseException) -> str:
    return str(exc).split("\n", 1)[0].split(";", 1)[0][:200]


def _unwritable(value: Any) -> str | None:
    """The first string in ``value`` (walked through lists and objects) holding a lone
    surrogate, which UTF-8 cannot encode; ``None`` when every string can be written."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            if _SURROGATE.search(v):
                return v
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list | tuple):
            stack.extend(v)
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


class _Partial(InputError):
    """A record whose id and fields could be read, but not its text."""

    def __init__(self, rid: Any, extra: dict[str, Any], message: str) -> None:
        super().__init__(message)
        self.rid = rid
        self.extra = extra


def brief_item(item: Item, config: BatchOptions) -> Result:
    """Brief one record; every failure, even an unexpected exception, becomes an error Result."""
    rid: Any = item.source if item.kind in ("file", "url", "page") else None
    extra: dict[str, Any] = {}
    kind = "input"
    exit_code = int(ExitCode.INPUT)
    page = None
    detail = None
    try:
        if item.kind == "error":
            raise InputError(str(item.payload))
        if isinstance(item.payload, BrieferError):  # a URL that could not be fetched
            raise item.payload
        if item.kind in ("page", "url"):
            from briefer.ingest import from_fetched, read_url

            source = (
                from_fetched(item.payload)
                if item.kind == "page"
                else read_url(
                    str(item.payload), config.max_bytes, config.fetch_timeout, config.fetch
                )
            )
            text, page = source.text, source.page
        elif item.kind == "file":
            from briefer.ingest import read_path

            source = read_path(Path(str(item.payload)), config.max_bytes)
            text, page = source.text, source.page  # a saved web page keeps its metadata
        else:
            assert isinstance(item.payload, bytes)
            rid, extra, text, url = _parse(item.payload, config)
            if url is not None:  # a record that names a page instead of holding its text
                from briefer.ingest import read_url

                source = read_url(url, config.max_bytes, config.fetch_timeout, config.fetch)
                text, page = source.text, source.page
        summarize = _summarizer(config)
        options = config.options
        title = extra.get(config.title_field)
        if isinstance(title, str) and title.strip() and options.title is None:
            options = replace(options, title=title.strip())  # the record's own headline
        if config.timeout is not None:
            _warm_up(config.options, summarize)
        if config.fmt == "html":
            return _html_result(item, rid, text, options, page, config)
        brief = _timed(lambda: summarize(text, options), config.timeout)
        if page is not None:
            brief = brief.with_page(page)
        return Result(
            item.index, item.source, item.input, rid, _render(item, rid, extra, brief, config)
        )
    except _Partial as exc:
        rid, extra, message = exc.rid, exc.extra, exc.message
    except BrieferError as exc:
        message = exc.message.removeprefix(f"{item.source}: ")
        exit_code = int(exc.exit_code)
        kind = kind_of(exit_code)
    except RecordTimeout:
        kind, message = "timeout", f"cut off after {config.timeout:g} s (--timeout)"
    except Exception as exc:  # a bug in a summarizer must not end the batch
        kind, exit_code = "internal", int(ExitCode.INTERNAL)
        message = f"internal error: {type(exc).__name__}: {exc} (a bug in briefer)"
        if os.environ.get("BRIEFER_DEBUG"):
            detail = traceback.format_exc()
    output = _render_error(item, rid, extra, message, kind, config, exit_code)
    return Result(
        item.index, item.source, item.input, rid, output, message, kind, detail, exit_code
    )


def html_error_entry(result: Result) -> Any:
    """The index-page entry of a record that failed."""
    from briefer.output.html import IndexEntry

    return IndexEntry(source=result.label, error=result.error)


def _heading(item: Item, rid: Any) -> str:
    return item.source if rid is None else str(rid)


def _json_line(record: dict[str, Any]) -> str:
    """One strict JSON line that is valid UTF-8, whatever the record holds."""
    from briefer.output import dumps

    try:
        line = dumps(record)
    except ValueError:  # a NaN or infinity that reached a record: null, as strict JSON has it
        line = dumps(_no_nan(record))
    if _unwritable(line) is not None:
        line = scrub(line)
    return line + "\n"


def _no_nan(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    return value


def _render(item: Item, rid: Any, extra: dict[str, Any], brief: Brief, config: BatchOptions) -> str:
    from briefer import output as formats

    if config.fmt == "markdown":
        return formats.to_markdown(brief, _heading(item, rid))
    if config.fmt == "text":
        return formats.to_text(brief, _heading(item, rid))
    brief_data = formats.brief_dict(brief, item.source)
    return _json_line({config.id_field: rid, **extra, "brief": brief_data})


def _html_result(
    item: Item, rid: Any, text: str, options: Options, page: Any, config: BatchOptions
) -> Result:
    """A record's page (its ``output``) and its entry on the index page. The brief's own cut
    and scores are handed to the page, so that it need not cut and score the text again."""
    from briefer.brief import summarize_parts
    from briefer.output.html import index_entry, page_filename, render_page

    if config.summarizer is None:
        brief, doc, scores = _timed(lambda: summarize_parts(text, options), config.timeout)
    else:
        summarize = config.summarizer
        brief, doc, scores = _timed(lambda: summarize(text, options), config.timeout), None, None
    if page is not None:
        brief = brief.with_page(page)
    html = render_page(brief, text, meta={"source": item.source}, scores=scores, document=doc)
    href = page_filename(item.source, item.index)
    entry = index_entry(brief, item.source, href)
    return Result(item.index, item.source, item.input, rid, html, entry=entry)


def _render_error(
    item: Item,
    rid: Any,
    extra: dict[str, Any],
    message: str,
    kind: str,
    config: BatchOptions,
    exit_code: int = ExitCode.INPUT,
) -> str:
    from briefer.output import markdown_text, one_line

    if config.fmt == "html":  # no page: the index lists the record with its error
        return ""
    if config.fmt == "markdown":
        return f"## {markdown_text(_heading(item, rid))}\n\n**Error:** {markdown_text(message)}\n"
    if config.fmt == "text":
        return f"# {one_line(_heading(item, rid))}\n\nError: {one_line(message)}\n"
    error = {"source": item.source, "message": message, "kind": kind, "exit_code": exit_code}
    return _json_line({config.id_field: rid, **extra, "error": error})


# ---------------------------------------------------------------------------------------------
# Engines: in-process, a local process pool, and Dask.


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def run(
    items: Iterable[Item],
    config: BatchOptions,
    *,
    jobs: int = 1,
    chunk_size: int = DEFAULT_CHUNK,
) -> Generator[Result, None, None]:
    """Brief every item, yielding one :class:`Result` per item in input order as it is ready.

    Args:
        items: the records, usually from :func:`read_items`; consumed lazily.
        config: how to brief and render each record.
        jobs: worker processes; 1 runs in this process.
        chunk_size: records sent to a worker at a time.

    With ``jobs > 1`` at most ``jobs * 4`` chunks are in flight, so memory does not grow with
    the input. Closing the generator (or Ctrl-C) stops the workers at once.
    """
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if chunk_size < 1:
        raise UsageError("the chunk size must be at least 1")
    if jobs == 1:
        if config.timeout is not None:
            _warm_up(config.options)
        for item in items:
            yield brief_item(item, config)
        return
    yield from _Pool(config, jobs, chunk_size).run(items)


def brief_all(
    inputs: Sequence[str],
    config: BatchOptions,
    *,
    jobs: int = 1,
    input_format: str = "auto",
    glob: str | None = None,
    stdin: BinaryIO | None = None,
) -> Generator[Result, None, None]:
    """Read and brief every record of ``inputs`` (see :func:`read_items` and :func:`run`)."""
    items = read_items(
        inputs, input_format=input_format, glob=glob, stdin=stdin, max_bytes=config.max_bytes
    )
    if input_format == "urls" or any(
        _is_url_argument(n) or is_url_list(n, input_format) for n in inputs
    ):
        items = fetch_pages(items, config)
    return run(items, config, jobs=jobs)


# State of a worker process, set once by _init_worker.
_WORKER: dict[str, Any] = {}


def _init_worker(config: BatchOptions, reports: Any) -> None:
    """Once per worker: leave Ctrl-C to the parent, load the tokenizers, keep the config."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from briefer._env import single_threaded_blas

    single_threaded_blas()  # before numpy loads: the pool is the parallelism
    _WORKER.update(config=config, reports=reports, pid=os.getpid())
    _warm_up(config.options)


_WARM: set[tuple[Summarizer, str, str]] = set()
_WARM_LOCK = threading.Lock()


def _warm_up(options: Options, summarize: Summarizer | None = None) -> None:
    """Load the models (Punkt, stemmer, stop words, ranking) before the first record's clock:
    once per process, summarizer, method and language.

    The first brief imports modules and loads models; a cut-off (``--timeout``) that lands in
    the middle of an import would leave a half-initialised module behind, and every later
    record in that process would fail with it.
    """
    brief = summarize or _summarizer(BatchOptions())
    key = (brief, options.method, options.language)
    with _WARM_LOCK:
        if key in _WARM:
            return
        _WARM.add(key)
        with contextlib.suppress(Exception):  # a broken setup shows in each record's error
            brief("Warm up the worker. It reads the models once. Then it briefs.", options)


def _brief_chunk(items: list[Item]) -> list[Result]:
    """In a worker: brief a chunk, telling the parent when each record starts and ends."""
    config: BatchOptions = _WORKER["config"]
    reports = _WORKER["reports"]
    pid = _WORKER["pid"]
    results = []
    for item in items:
        reports.put(("start", pid, item.index))  # a SimpleQueue: sent before the work starts
        results.append(brief_item(item, config))
        reports.put(("done", pid, item.index))
    return results


def _mp_context() -> Any:
    """forkserver where there is one: no fork of a threaded parent, and cheap replacements.

    The server is started here, with exactly this process's import path: Python starts it with
    ``-c``, which would put the current folder first on its ``sys.path`` (3.11 ignores the path
    it is handed), so a ``textwrap.py`` or a ``briefer/`` checkout in the folder the user runs
    from would be imported, and run, by every worker instead of the installed code.
    """
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        from multiprocessing import forkserver

        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["briefer.batch", "briefer.brief"])
        with parent_import_path():
            forkserver.ensure_running()
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover - not POSIX


@contextlib.contextmanager
def parent_import_path() -> Iterator[None]:
    """While it lasts, a new Python process imports from exactly this process's ``sys.path``:
    ``PYTHONSAFEPATH`` keeps the current folder off, ``PYTHONPATH`` lists this path in order."""
    saved = {name: os.environ.get(name) for name in ("PYTHONSAFEPATH", "PYTHONPATH")}
    os.environ["PYTHONSAFEPATH"] = "1"
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Chunk:
    """A chunk in flight: its items, the future of their results, and results known already."""

    def __init__(self, items: list[Item], future: Future[list[Result]]) -> None:
        self.items = items
        self.future = future
        self.known: dict[int, Result] = {}

    def results(self) -> list[Result]:
        done = {r.index: r for r in self.future.result()} if self.future is not None else {}
        done.update(self.known)
        return [done[item.index] for item in self.items]


class _Pool:
    """A ProcessPoolExecutor driven through a bounded window of chunks, in input order.

    Workers report when each record starts and ends. A worker still on a record
    ``KILL_GRACE`` seconds after its timeout (stuck where SIGALRM cannot reach it) is killed.
    A dead worker breaks the executor, so a new one is started: the record that was cut off
    gets its timeout result; records that were running when a worker died on its own are
    retried one at a time, and one that kills its worker again is reported; the rest of the
    lost chunks are sent again.
    """

    def __init__(self, config: BatchOptions, jobs: int, chunk_size: int) -> None:
        self.config = config
        self.jobs = jobs
        self.chunk_size = chunk_size
        self.ctx = _mp_context()
        self.running: dict[int, tuple[int, float]] = {}  # pid -> (record index, start)
        self.killed: set[int] = set()
        self.strikes = 0  # restarts in a row that settled nothing
        self.executor, self.reports = self._start()

    def _start(self) -> tuple[ProcessPoolExecutor, Any]:
        # A new queue each time: a killed worker may have died holding the old one's lock.
        reports = self.ctx.SimpleQueue()
        executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=self.ctx,
            initializer=_init_worker,
            initargs=(self.config, reports),
        )
        return executor, reports

    def run(self, items: Iterable[Item]) -> Iterator[Result]:
        pending: deque[_Chunk] = deque()
        chunks = _chunked(items, self.chunk_size)
        window = self.jobs * WINDOW_PER_JOB
        try:
            while True:
                while len(pending) < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    pending.append(_Chunk(chunk, self._submit(chunk)))
                if not pending:
                    return
                head = pending[0]
                try:
                    self._wait(head.future)
                except BrokenProcessPool:
                    self._restart(pending)
                    continue
                pending.popleft()
                self.strikes = 0
                yield from head.results()
        finally:
            self._stop()

    def _submit(self, items: list[Item]) -> Future[list[Result]]:
        try:
            return self.executor.submit(_brief_chunk, items)
        except BrokenProcessPool as exc:  # its workers died already: restart at the next wait
            future: Future[list[Result]] = Future()
            future.set_exception(exc)
            return future

    def _wait(self, future: Future[list[Result]]) -> list[Result]:
        """The future's results, watching for stuck workers meanwhile."""
        while True:
            try:
                return future.result(timeout=0.1)
            except TimeoutError:
                self._watch()

    def _drain(self) -> None:
        now = time.monotonic()
        while not self.reports.empty():
            what, pid, index = self.reports.get()
            if what == "start":
                self.running[pid] = (index, now)
            elif self.running.get(pid, (None,))[0] == index:
                del self.running[pid]

    def _watch(self) -> None:
        """Kill a worker stuck on a record past its timeout."""
        self._drain()
        if self.config.timeout is None:
            return
        limit = self.config.timeout + KILL_GRACE
        now = time.monotonic()
        for pid, (index, started) in list(self.running.items()):
            if now - started > limit:
                self.killed.add(index)
                del self.running[pid]
                with contextlib.suppress(OSError):  # it may have ended meanwhile
                    os.kill(pid, signal.SIGKILL)

    def _renew(self) -> set[int]:
        """A new executor for a broken one; returns the records that were running."""
        self._drain()
        running = {index for index, _ in self.running.values()}
        self.running.clear()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor, self.reports = self._start()
        return running

    def _restart(self, pending: deque[_Chunk]) -> None:
        """The executor broke (a worker died): settle what can be, send the rest again."""
        suspects = self._renew() - self.killed
        settled = 0
        lost = [c for c in pending if not (c.future.done() and c.future.exception() is None)]
        for chunk in lost:
            for item in chunk.items:
                if item.index in self.killed and item.index not in chunk.known:
                    message = (
                        f"cut off after {self.config.timeout:g} s (--timeout); "
                        "its worker was stopped and replaced"
                    )
                    chunk.known[item.index] = self._error(item, message, "timeout")
                    settled += 1
        for chunk in lost:  # alone, a record that kills its worker again is known for it
            for item in chunk.items:
                if item.index in suspects and item.index not in chunk.known:
                    chunk.known[item.index] = self._alone(item)
                    settled += 1
        for chunk in lost:
            rest = [item for item in chunk.items if item.index not in chunk.known]
            chunk.future = self._submit(rest)
        self.strikes = 0 if settled else self.strikes + 1
        if self.strikes >= MAX_STRIKES:
            raise BrieferError(
                "the worker processes keep dying before they brief anything; "
                "run with --jobs 1 to see why"
            )

    def _alone(self, item: Item) -> Result:
        """Brief one record with nothing else running."""
        try:
            return self._wait(self._submit([item]))[0]
        except BrokenProcessPool:
            self._renew()
            if item.index in self.killed:
                message = (
                    f"cut off after {self.config.timeout:g} s (--timeout); "
                    "its worker was stopped and replaced"
                )
                return self._error(item, message, "timeout")
            return self._error(item, "the worker process died while briefing this record", "crash")

    def _error(self, item: Item, message: str, kind: str) -> Result:
        rid: Any = item.source if item.kind == "file" else _peek_id(item, self.config)
        code = int(ExitCode.INTERNAL if kind == "crash" else ExitCode.INPUT)
        output = _render_error(item, rid, {}, message, kind, self.config, code)
        return Result(item.index, item.source, item.input, rid, output, message, kind, None, code)

    def _stop(self) -> None:
        """Stop the workers now: on Ctrl-C or an early close, nothing more is wanted."""
        executor = self.executor
        executor.shutdown(wait=False, cancel_futures=True)
        processes = getattr(executor, "_processes", None) or {}
        for process in list(processes.values()):
            if process.is_alive():
                process.kill()
        for process in list(processes.values()):
            process.join(timeout=5)
        self.reports.close()


def _peek_id(item: Item, config: BatchOptions) -> Any:
    """The id of a JSON line, if it can be read (for a record whose worker was lost)."""
    try:
        data = json.loads(bytes(item.payload) if isinstance(item.payload, bytes) else b"")
    except (ValueError, UnicodeDecodeError):
        return None
    return data.get(config.id_field) if isinstance(data, dict) else None


def _chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# ---------------------------------------------------------------------------------------------
# Output files: one per input file (``--output DIR``), locally and on a cluster.

_SUFFIX = {"jsonl": ".jsonl", "markdown": ".md", "text": ".txt"}


def output_path(input_name: str, output_dir: str | Path, fmt: str = "jsonl") -> Path:
    """Where the results of one input file go: its name, in ``output_dir``."""
    name = "stdin" if input_name in ("-", "<stdin>") else Path(input_name).name
    for suffix in (*JSONL_SUFFIXES, ".txt"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return Path(output_dir) / (name + _SUFFIX[fmt])


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
            raise UsageError(f"{name}: --output takes JSON Lines inputs (one output file each)")
        out = output_path(name, output_dir, fmt)
        if out in seen:
            raise UsageError(f"{seen[out]} and {name} would both be written to {out}")
        seen[out] = name
        plan.append((name, out))
    for name in names:
        for out in seen:
            if same_file(name, out):
                raise UsageError(
                    f"{name}: the output file {out} would overwrite this input; "
                    "choose another --output directory"
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
        self.dir.mkdir(parents=True, exist_ok=True)
        if result.entry is None:
            self.entries.append(html_error_entry(result))
            return
        write_replacing(self.dir / result.entry.href, result.output)
        self.entries.append(result.entry)

    def close(self, complete: bool = True) -> None:
        from briefer.output.html import render_index

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
        if name == "-" or _is_url_argument(name):
            continue
        where = os.path.realpath(name)
        if (
            where == folder
            or folder.startswith(where + os.sep)
            or where.startswith(folder + os.sep)
        ):
            raise UsageError(
                f"{name}: is inside the --output folder {output_dir}; "
                "write the pages to a folder of their own"
            )


DEFAULT_PARTITION_BYTES = 64 * 1024 * 1024
"""The largest byte range of a JSON Lines file that one distributed task briefs by default."""
MIN_PARTITION_BYTES = 1024 * 1024
"""The smallest range :func:`auto_partition` cuts: below that, a task costs more than it saves."""
TASKS_PER_THREAD = 2
"""Ranges per worker thread for one file: enough for a slow range not to leave others idle."""


def auto_partition(size: int, threads: int) -> int:
    """The range size for a file of ``size`` bytes on a cluster of ``threads`` worker threads:
    about ``TASKS_PER_THREAD`` ranges a thread, between 1 MB and 64 MB."""
    per_range = -(-size // max(1, threads * TASKS_PER_THREAD))
    return max(MIN_PARTITION_BYTES, min(DEFAULT_PARTITION_BYTES, per_range))


def _threads(client: Any) -> int:
    try:
        return max(1, int(sum(client.nthreads().values())))
    except Exception:  # the cluster's size is unknown: one range a file, as before
        return 1


class _LineRange:
    """The lines of a binary file that start in the byte range ``[start, end)``.

    A range that starts inside a line leaves that line to the range before it, and a range
    ends after the line that crosses its end: consecutive ranges read every line once.
    ``lines_before`` numbers the lines on from those before the range: give it the count of
    newlines before ``start`` (from :func:`count_newlines` over the ranges before), or it is
    counted here from the start of the file.
    """

    def __init__(
        self, fh: BinaryIO, start: int, end: int | None, newlines_before: int | None = None
    ) -> None:
        self.fh = fh
        self.end = end
        if newlines_before is None:
            newlines_before = count_newlines(fh, 0, start)
        self.lines_before = newlines_before
        if start > 0:
            # Skip the end of the line that started before ``start``, a piece at a time (it may
            # be an over-long line); a newline at ``start - 1`` is already counted.
            fh.seek(start - 1)
            piece = fh.readline(_SKIP_PIECE)
            if piece != b"\n":
                while piece and not piece.endswith(b"\n"):
                    piece = fh.readline(_SKIP_PIECE)
                if piece:
                    self.lines_before += 1
        self._line_start = True

    def readline(self, limit: int = -1) -> bytes:
        if self._line_start and self.end is not None and self.fh.tell() >= self.end:
            return b""
        line = self.fh.readline(limit)
        self._line_start = line.endswith(b"\n")
        return line


_SKIP_PIECE = 1 << 20


def count_newlines(fh: BinaryIO, start: int, end: int | None) -> int:
    """Newlines in the bytes ``[start, end)`` of ``fh`` (to its end for ``None``)."""
    fh.seek(start)
    count = 0
    while end is None or fh.tell() < end:
        size = _SKIP_PIECE if end is None else min(_SKIP_PIECE, end - fh.tell())
        block = fh.read(size)
        if not block:
            break
        count += block.count(b"\n")
    return count


def newlines_in(path: str, start: int, end: int | None) -> int:
    """:func:`count_newlines` of a file's range: a task, so that ranges are numbered at once."""
    with open(path, "rb") as fh:
        return count_newlines(fh, start, end)


def byte_ranges(size: int, part: int) -> list[tuple[int, int | None]]:
    """``[start, end)`` ranges of about ``part`` bytes covering a file of ``size`` bytes."""
    if size <= part:
        return [(0, None)]
    starts = list(range(0, size, part))
    return [(s, e) for s, e in zip(starts, [*starts[1:], None], strict=True)]


def brief_partition(
    path: str,
    label: str,
    out_path: str,
    config: BatchOptions,
    start: int = 0,
    end: int | None = None,
    newlines_before: int | None = None,
    stop: str | None = None,
) -> PartitionReport:
    """Brief the JSON lines of one file (those starting in ``[start, end)``) into one output
    file: a task of the distributed engine.

    Runs on a worker, so ``path`` and ``out_path`` are read and written there; ``label`` is how
    the records name their source (the path as the user gave it). ``stop`` names a Dask
    ``Event``: once it is set (Ctrl-C, a lost client) or cannot be read (a lost scheduler), the
    task stops between records and removes what it wrote.
    """
    errors: list[tuple[str, str]] = []
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    partial = out_path + ".part"
    stopped = _stop_check(stop)
    try:
        ok, failed = _brief_range(
            path, label, partial, config, start, end, newlines_before, errors, stopped
        )
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(partial)
        raise
    os.replace(partial, out_path)
    return PartitionReport(label, out_path, ok, failed, tuple(errors))


class RunStopped(Exception):
    """A distributed task found its run cancelled, or its scheduler gone."""


def _stop_check(name: str | None, every: float = 1.0) -> Callable[[], bool]:
    """A callable telling whether the Dask ``Event`` ``name`` is set, asking at most every
    ``every`` seconds; an event that cannot be reached counts as set."""
    if name is None:
        return lambda: False
    from distributed import Event

    event = Event(name)  # type: ignore[no-untyped-call]
    last = [time.monotonic()]

    def stopped() -> bool:
        now = time.monotonic()
        if now - last[0] < every:
            return False
        last[0] = now
        try:
            return bool(event.is_set())  # type: ignore[no-untyped-call]
        except Exception:  # the scheduler is gone: nobody is waiting for these results
            return True

    return stopped


def _brief_range(
    path: str,
    label: str,
    partial: str,
    config: BatchOptions,
    start: int,
    end: int | None,
    newlines_before: int | None,
    errors: list[tuple[str, str]],
    stopped: Callable[[], bool],
) -> tuple[int, int]:
    """(ok, failed) of briefing the range into ``partial``; failures appended to ``errors``."""
    ok = failed = 0
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(open(partial, "w", encoding="utf-8"))
        try:
            fh = stack.enter_context(open(path, "rb"))
        except OSError as exc:  # reported once, by the file's first range
            error = Item(0, "error", label, label, os_error_reason(exc))
            items: Iterator[Item] = iter([error] if start == 0 else [])
        else:
            lines = _LineRange(fh, start, end, newlines_before)
            items = _lines(lines, label, config.max_bytes, 0, lines.lines_before)
        for item in items:
            if stopped():
                raise RunStopped(f"{label}: stopped: the run was cancelled")
            result = brief_item(item, config)
            out.write(result.output)
            if result.ok:
                ok += 1
            else:
                failed += 1
                errors.append((result.label, result.error or ""))
    return ok, failed


def join_partitions(reports: Sequence[PartitionReport], out_path: str) -> PartitionReport:
    """Concatenate the outputs of a file's ranges, in order, into its output file (a task)."""
    partial = out_path + ".part"
    with open(partial, "wb") as out:
        for report in reports:
            with open(report.output, "rb") as part:
                shutil.copyfileobj(part, out)
    os.replace(partial, out_path)
    for report in reports:
        os.remove(report.output)
    return PartitionReport(
        reports[0].input,
        out_path,
        sum(r.ok for r in reports),
        sum(r.failed for r in reports),
        tuple(e for r in reports for e in r.errors),
        len(reports),
    )


def brief_partitions(
    inputs: Sequence[str],
    output_dir: str | Path,
    config: BatchOptions,
    *,
    scheduler: str,
    input_format: str = "auto",
    glob: str | None = None,
    partition_bytes: int | None = None,
) -> Iterator[PartitionReport]:
    """Brief JSON Lines files on a Dask cluster, one output file per input file.

    A file larger than ``partition_bytes`` is briefed in ranges of about that many bytes, one
    task each, whose outputs a last task joins in order: one big file uses the whole cluster.

    Args:
        inputs: JSON Lines files and directories, readable by the workers at the same paths.
        output_dir: where the workers write the results (a shared file system).
        config: how to brief each record; the same function as a local run, so the same output.
        scheduler: the address of a ``dask.distributed`` scheduler, e.g. ``tcp://host:8786``.
        partition_bytes: the size of the ranges a large file is cut into; ``None`` sizes them
            from the file and the cluster (:func:`auto_partition`), so that one file keeps
            every worker busy.

    Yields:
        A :class:`PartitionReport` per input file, in input order.

    Raises:
        UsageError: the ``dask`` extra is not installed, or the inputs are not JSON Lines files.
    """
    try:
        from distributed import Client, Event
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask: install it with pip install 'briefer[dask]'"
        ) from None
    address = dask_address(scheduler)
    plan = plan_outputs(inputs, output_dir, config.fmt, input_format=input_format, glob=glob)
    if any(name == "-" for name, _ in plan):
        raise UsageError("--scheduler reads files on the workers, not standard input")
    try:
        client = Client(address, set_as_default=False, timeout=DASK_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise NetworkError(
            f"cannot reach the Dask scheduler at {address} ({_first_line(exc) or 'timed out'}); "
            "is it running?"
        ) from None
    stop_name = f"briefer-stop-{os.getpid()}-{time.monotonic_ns()}"
    done: set[str] = set()  # output files complete and reported
    with client:
        futures: list[Any] = []  # every task, to cancel
        try:
            for report in _submit_partitions(
                client, plan, config, partition_bytes, stop_name, futures
            ):
                done.add(report.output)
                yield report
        except (KeyboardInterrupt, GeneratorExit):
            _stop_run(client, Event, stop_name, futures)
            raise
        except Exception as exc:
            _stop_run(client, Event, stop_name, futures)
            if not _lost_cluster(exc):
                raise
            raise NetworkError(
                f"lost the Dask cluster at {address} ({type(exc).__name__}: {_first_line(exc)}); "
                "the files it had not finished were removed"
            ) from None
        finally:
            with contextlib.suppress(Exception):
                client.cancel(futures)  # type: ignore[no-untyped-call]
            _remove_partial_outputs([out for _, out in plan if str(out) not in done])


DASK_CONNECT_TIMEOUT = 10
"""Seconds to wait for a Dask scheduler before ``--scheduler`` gives up (exit 4)."""


def dask_address(scheduler: str) -> str:
    """The scheduler address, checked before any connection: ``tcp://host:port`` and the other
    schemes Dask knows; a bare ``host:port`` is TCP. Raises UsageError for anything else."""
    from urllib.parse import urlsplit

    from distributed.comm import registry

    address = scheduler.strip()
    if "://" not in address:
        address = "tcp://" + address
    scheme = address.split("://", 1)[0]
    problem = None
    if scheme not in registry.backends:
        problem = f"unknown scheme {scheme!r}; use one of: {', '.join(sorted(registry.backends))}"
    elif scheme != "inproc":
        try:
            parts = urlsplit(address)
            port = parts.port
        except ValueError:
            parts, port = None, None
        if parts is None or not parts.hostname or port is None or parts.path not in ("", "/"):
            problem = "expected scheme://host:port, such as tcp://127.0.0.1:8786"
    if problem is not None or any(ch.isspace() for ch in address):
        raise UsageError(
            f"--scheduler {scheduler!r} is not a Dask address: {problem or 'it holds spaces'}"
        )
    return address


def _submit_partitions(
    client: Any,
    plan: list[tuple[str, Path]],
    config: BatchOptions,
    partition_bytes: int | None,
    stop: str,
    futures: list[Any],
) -> Iterator[PartitionReport]:
    per_file: list[Any] = []  # the task whose result is the file's report, in input order
    for name, out in plan:
        path, out_path = os.path.abspath(name), os.path.abspath(out)
        try:  # a file the client cannot see is one task, as the workers may see it
            size = os.path.getsize(path)
            part = partition_bytes or auto_partition(size, _threads(client))
            ranges = byte_ranges(size, part)
        except OSError:
            ranges = [(0, None)]
        if len(ranges) == 1:
            task = client.submit(
                brief_partition, path, name, out_path, config, stop=stop, pure=False
            )
            futures.append(task)
            per_file.append(task)
            continue
        # Line numbers go on from range to range: count each range's newlines first,
        # every range at once, and start each range from the sum of those before it.
        counted = client.map(
            newlines_in, [path] * len(ranges), *zip(*ranges, strict=True), pure=False
        )
        futures += counted
        before = list(itertools.accumulate(client.gather(counted), initial=0))
        parts = [
            client.submit(
                brief_partition,
                path,
                name,
                f"{out_path}.{k:05d}",
                config,
                start,
                end,
                before[k],
                stop=stop,
                pure=False,
            )
            for k, (start, end) in enumerate(ranges)
        ]
        join = client.submit(join_partitions, parts, out_path, pure=False)
        futures += [*parts, join]
        per_file.append(join)
    for task in per_file:
        yield task.result()


def _lost_cluster(exc: BaseException) -> bool:
    """Whether ``exc`` says the scheduler or its connection went away (not a task's own error)."""
    from concurrent.futures import CancelledError

    from distributed.comm.core import CommClosedError

    return isinstance(exc, CommClosedError | CancelledError | TimeoutError | ConnectionError)


def _stop_run(client: Any, event: Any, name: str, futures: list[Any]) -> None:
    """Tell running tasks to stop (they check between records) and cancel the rest."""
    with contextlib.suppress(Exception):
        event(name, client=client).set()
    with contextlib.suppress(Exception):
        client.cancel(futures)


_RANGE_FILE = re.compile(r"\.(?:\d{5}(?:\.part)?|part)\Z")


def _remove_partial_outputs(outputs: Iterable[Path]) -> None:
    """Remove the range and ``.part`` files of outputs a stopped run did not finish."""
    for out in outputs:
        out = Path(out)
        with contextlib.suppress(OSError):
            for entry in out.parent.iterdir():
                rest = entry.name[len(out.name) :]
                if entry.name.startswith(out.name) and _RANGE_FILE.match(rest):
                    with contextlib.suppress(OSError):
                        entry.unlink()
