"""One record: parsing a JSON line, briefing one item (the function every engine runs), and
the :class:`Result` it gives."""

from __future__ import annotations

import contextlib
import json
import math
import os
import threading
import traceback
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefer.batch.options import BatchOptions, Item, Summarizer
from briefer.batch.render import (
    render_brief,
    render_error,
    render_html,
    scrub,
    unwritable,
)
from briefer.batch.timeouts import RecordTimeout, timed
from briefer.errors import BrieferError, ExitCode, InputError, Setting, kind_of, render
from briefer.models import Options
from briefer.output import get as get_format


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
        """Whether the record was briefed."""
        return self.error is None

    @property
    def label(self) -> str:
        """The record as an error line names it."""
        if self.id is None or self.id == self.source:
            return self.source
        return f"{self.source} (id {self.id})"


def parse(line: bytes, config: BatchOptions) -> tuple[Any, dict[str, Any], str, str | None]:
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
        raise InputError(f"malformed JSON line ({first_line(exc)})") from None
    if not isinstance(data, dict):
        raise InputError(f"a JSON line must hold an object, not {type(data).__name__}")
    rid = data.pop(config.id_field, None)
    record = {config.id_field: rid, **data}
    bad = next((k for k, v in record.items() if unwritable((k, v))), None)
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


def first_line(exc: BaseException) -> str:
    """The first line (and clause) of an exception's message, at most 200 characters."""
    return str(exc).split("\n", 1)[0].split(";", 1)[0][:200]


class _Partial(InputError):
    """A record whose id and fields could be read, but not its text."""

    def __init__(self, rid: Any, extra: dict[str, Any], message: str) -> None:
        super().__init__(message)
        self.rid = rid
        self.extra = extra


def peek_id(item: Item, config: BatchOptions) -> Any:
    """The id of a record, if it can be read without briefing it (for one whose worker was
    lost): a file's path, a JSON line's id field."""
    if item.kind == "file":
        return item.source
    try:
        data = json.loads(bytes(item.payload) if isinstance(item.payload, bytes) else b"")
    except (ValueError, UnicodeDecodeError):
        return None
    return data.get(config.id_field) if isinstance(data, dict) else None


def error_result(item: Item, config: BatchOptions, message: str, kind: str) -> Result:
    """The result of a record that was lost with its worker: ``timeout`` or ``crash``."""
    rid = peek_id(item, config)
    code = int(ExitCode.INTERNAL if kind == "crash" else ExitCode.INPUT)
    output = render_error(item, rid, {}, message, kind, config, code)
    return Result(item.index, item.source, item.input, rid, output, message, kind, None, code)


def summarizer(config: BatchOptions) -> Summarizer:
    """The function that briefs a text: the configured one, or ``briefer.summarize``."""
    if config.summarizer is not None:
        return config.summarizer
    from briefer.brief import summarize

    return summarize


_WARM: set[tuple[Summarizer, str, str]] = set()
_WARM_LOCK = threading.Lock()


def warm_up(options: Options, summarize: Summarizer | None = None) -> None:
    """Load the models (Punkt, stemmer, stop words, ranking) before the first record's clock:
    once per process, summarizer, method and language.

    The first brief imports modules and loads models; a cut-off (``--timeout``) that lands in
    the middle of an import would leave a half-initialised module behind, and every later
    record in that process would fail with it.
    """
    brief = summarize or summarizer(BatchOptions())
    key = (brief, options.method, options.language)
    with _WARM_LOCK:
        if key in _WARM:
            return
        _WARM.add(key)
        with contextlib.suppress(Exception):  # a broken setup shows in each record's error
            brief("Warm up the worker. It reads the models once. Then it briefs.", options)


def _read(item: Item, config: BatchOptions) -> tuple[Any, dict[str, Any], str, Any, str | None]:
    """(id, other fields, text, page metadata, URL to fetch) of an item: a URL item, or a JSON
    line that names a page instead of holding its text, is left to fetch; raises BrieferError."""
    rid: Any = item.source if item.kind in ("file", "url", "page") else None
    if item.kind == "error":
        payload = item.payload  # a message, or its parts (a tuple: see errors.Setting)
        raise InputError(payload if isinstance(payload, tuple) else str(payload))
    if isinstance(item.payload, BrieferError):  # a URL that could not be fetched
        raise item.payload
    if item.kind == "file":
        from briefer.ingest import read_path

        source = read_path(Path(str(item.payload)), config.max_bytes)
        return rid, {}, source.text, source.page, None  # a saved web page keeps its metadata
    if item.kind == "page":
        from briefer.ingest import from_fetched

        source = from_fetched(item.payload)
        return rid, {}, source.text, source.page, None
    if item.kind == "url":
        return rid, {}, "", None, str(item.payload)
    assert isinstance(item.payload, bytes)
    rid, extra, text, url = parse(item.payload, config)
    return rid, extra, text, None, url


def _fetch(url: str, config: BatchOptions) -> tuple[str, Any]:
    """(text, page metadata) of a URL."""
    from briefer.ingest import read_url

    source = read_url(url, config.max_bytes, config.fetch_timeout, config.fetch)
    return source.text, source.page


def cut_off(config: BatchOptions, then: str = "") -> str:
    """The message of a record cut off at ``config.timeout`` (``then``: what followed)."""
    parts = (f"cut off after {config.timeout:g} s (", Setting("timeout"), f"){then}")
    return render(parts, config.option_names)


def brief_item(item: Item, config: BatchOptions) -> Result:
    """Brief one record.

    Args:
        item: the record.
        config: how to brief and render it.

    Returns:
        Its :class:`Result`; every failure, even an unexpected exception, is an error Result.
    """
    rid: Any = item.source if item.kind in ("file", "url", "page") else None
    extra: dict[str, Any] = {}
    kind, exit_code, detail = "input", int(ExitCode.INPUT), None
    try:
        rid, extra, text, page, url = _read(item, config)
        if url is not None:  # the id and fields are known, should the fetching fail
            text, page = _fetch(url, config)
        return _brief_text(item, rid, extra, text, page, config)
    except _Partial as exc:
        rid, extra, message = exc.rid, exc.extra, exc.text(config.option_names)
    except BrieferError as exc:
        # without its source, which the error record has in a field
        message = exc.text(config.option_names)
        exit_code = int(exc.exit_code)
        kind = kind_of(exit_code)
    except RecordTimeout:
        kind, message = "timeout", cut_off(config)
    except Exception as exc:  # a bug in a summarizer must not end the batch
        kind, exit_code = "internal", int(ExitCode.INTERNAL)
        message = f"internal error: {type(exc).__name__}: {exc} (a bug in briefer)"
        if os.environ.get("BRIEFER_DEBUG"):
            detail = traceback.format_exc()
    output = render_error(item, rid, extra, message, kind, config, exit_code)
    return Result(
        item.index, item.source, item.input, rid, output, message, kind, detail, exit_code
    )


def _brief_text(
    item: Item, rid: Any, extra: dict[str, Any], text: str, page: Any, config: BatchOptions
) -> Result:
    """The result of briefing a record's text, within its time."""
    summarize = summarizer(config)
    options = config.options
    title = extra.get(config.title_field)
    if isinstance(title, str) and title.strip() and options.title is None:
        options = replace(options, title=title.strip())  # the record's own headline
    if config.timeout is not None:
        warm_up(config.options, summarize)
    if get_format(config.fmt).one_input:  # a page a record
        return _html_result(item, rid, text, options, page, config)
    brief = timed(lambda: summarize(text, options), config.timeout)
    if page is not None:
        brief = brief.with_page(page)
    output = render_brief(item, rid, extra, brief, config)
    return Result(item.index, item.source, item.input, rid, output)


def _html_result(
    item: Item, rid: Any, text: str, options: Options, page: Any, config: BatchOptions
) -> Result:
    """A record's page (its ``output``) and its entry on the index page. The brief's own cut
    and scores are handed to the page, so that it need not cut and score the text again."""
    from briefer.brief import summarize_parts

    if config.summarizer is None:
        brief, doc, scores = timed(lambda: summarize_parts(text, options), config.timeout)
    else:
        summarize = config.summarizer
        brief, doc, scores = timed(lambda: summarize(text, options), config.timeout), None, None
    if page is not None:
        brief = brief.with_page(page)
    html, entry = render_html(item, brief, text, doc, scores)
    return Result(item.index, item.source, item.input, rid, html, entry=entry)
