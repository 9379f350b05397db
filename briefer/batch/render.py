"""Turning a record's outcome into what is written for it, in a format of the output registry
(:data:`briefer.output.FORMATS`): a JSON line for a format with a JSON value (the record's id
and fields, and its ``brief`` or ``error``), the format's own block otherwise, or, for a
format of one page an input (HTML), a page and its entry on the index page.

Every rendering call of the batch is made here, through the registry: a new output format
needs no change in the batch.
"""

from __future__ import annotations

import math
import re
from typing import Any

from briefer.batch.options import BatchOptions, Item
from briefer.errors import ExitCode
from briefer.models import Brief

_SURROGATE = re.compile("[\ud800-\udfff]")


def unwritable(value: Any) -> str | None:
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


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate in its strings replaced by U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def _heading(item: Item, rid: Any) -> str:
    return item.source if rid is None else str(rid)


def _json_line(record: dict[str, Any]) -> str:
    """One strict JSON line that is valid UTF-8, whatever the record holds."""
    from briefer.output import dumps

    try:
        line = dumps(record)
    except ValueError:  # a NaN or infinity that reached a record: null, as strict JSON has it
        line = dumps(_no_nan(record))
    if unwritable(line) is not None:
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


def render_brief(
    item: Item, rid: Any, extra: dict[str, Any], brief: Brief, config: BatchOptions
) -> str:
    """What a briefed record writes in ``config.fmt``.

    Args:
        item: the record.
        rid: its id (``None`` when it has none: its source heads the block).
        extra: the record's other fields, passed through to its JSON line.
        brief: its brief.
        config: the batch's options.

    Returns:
        A JSON line (for a format with a JSON value), or the format's block.
    """
    from briefer import output

    fmt = output.get(config.fmt)
    if fmt.value is None:
        return fmt.render(output.Briefed(brief, _heading(item, rid)))
    brief_data = fmt.value(output.Briefed(brief, item.source))
    return _json_line({config.id_field: rid, **extra, "brief": brief_data})


def render_error(
    item: Item,
    rid: Any,
    extra: dict[str, Any],
    message: str,
    kind: str,
    config: BatchOptions,
    exit_code: int = ExitCode.INPUT,
) -> str:
    """What a failed record writes in ``config.fmt``: an error line or block (nothing for a
    format of one page an input, whose index page lists the record with its error).

    Args:
        item: the record.
        rid: its id, if it could be read.
        extra: its other fields, if they could be read.
        message: why it failed.
        kind: the error record's ``kind`` (``input``, ``timeout``, ...).
        config: the batch's options.
        exit_code: what this failure exits with alone.

    Returns:
        The error record's JSON line, or a Markdown or text block.
    """
    from briefer import output

    fmt = output.get(config.fmt)
    if fmt.one_input:  # the index page lists the record with its error
        return ""
    if fmt.value is None:
        return fmt.render_error(_heading(item, rid), message, exit_code, kind)
    error = output.error_record(item.source, message, exit_code, kind)
    return _json_line({config.id_field: rid, **extra, "error": error})


def render_html(item: Item, brief: Brief, text: str, doc: Any, scores: Any) -> tuple[str, Any]:
    """A record's page and its entry on the index page.

    Args:
        item: the record.
        brief: its brief.
        text: the text it was briefed from.
        doc: the brief's own cut of the text, or ``None`` to cut it again.
        scores: the brief's own sentence scores, or ``None`` to score them again.

    Returns:
        (the page's HTML, its :class:`briefer.output.html.IndexEntry`).
    """
    from briefer.output.html import index_entry, page_filename, render_page

    html = render_page(brief, text, meta={"source": item.source}, scores=scores, document=doc)
    href = page_filename(item.source, item.index)
    return html, index_entry(brief, item.source, href)


def html_error_entry(label: str, error: str | None) -> Any:
    """The index-page entry of a record that failed."""
    from briefer.output.html import IndexEntry

    return IndexEntry(source=label, error=error)


def render_index(entries: list[Any]) -> str:
    """The index page of a batch's pages: a link per page, a line per failed record."""
    from briefer.output.html import render_index as index_page

    return index_page(entries)
