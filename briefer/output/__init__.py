"""Output formats: one registry that every command asks how to write a brief.

:data:`FORMATS` maps a name (``text``, ``markdown``, ``json``, ``jsonl``, ``html``) to a
:class:`Format`: how it renders one brief and one failed input, what stands between two items
of one stream, the suffix of its files, and whether many items make one document (a JSON
array). :class:`Writer` applies those rules to a stream, so a new format is one entry here and
its renderer in this folder. The terminal view (:mod:`briefer.output.rich`) is not a format: it
returns a Rich renderable for a console.

Only the standard library is imported here; HTML (Jinja2) and Rich load when they are used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from briefer.models import Brief, Document
from briefer.output import json as json_format
from briefer.output import markdown, text
from briefer.output.json import (
    brief_dict,
    dumps,
    error_dict,
    error_jsonl,
    error_record,
    to_json,
    to_jsonl,
)
from briefer.output.markdown import markdown_text, to_markdown
from briefer.output.text import duration, one_line, page_line, stats_line, to_text

__all__ = [
    "FORMATS",
    "Briefed",
    "Format",
    "Writer",
    "brief_dict",
    "dumps",
    "duration",
    "error_dict",
    "error_jsonl",
    "error_record",
    "get",
    "markdown_text",
    "one_line",
    "page_line",
    "render",
    "stats_line",
    "streams",
    "to_json",
    "to_jsonl",
    "to_markdown",
    "to_text",
]


@dataclass(frozen=True, slots=True)
class Briefed:
    """A brief and what it was made from, as much as a format needs.

    Attributes:
        brief: the brief.
        source: the input's name (a path, URL or ``<stdin>``), when it is to be shown.
        text: the article as it was briefed (the HTML page shows it).
        document: the text as the brief cut it, to save the page cutting it again.
        scores: every sentence's score, to save the page scoring it again.
    """

    brief: Brief
    source: str | None = None
    text: str | None = None
    document: Document | None = None
    scores: Sequence[float] | None = None


@dataclass(frozen=True, slots=True)
class Format:
    """How one output format writes briefs and failures.

    Attributes:
        name: what ``-f`` takes.
        suffix: the suffix of a file in this format.
        render: one brief as text.
        render_error: one input that could not be briefed, from its source, message (without
            the source), exit code and kind.
        separator: what stands between two items of one stream.
        errors_in_stream: whether a failure gets a record among the briefs of ``briefer``
            (JSON); the text formats tell it on stderr only.
        names_source: whether a lone brief names its input (JSON does; text only when many).
        one_input: whether the format holds one brief only (an HTML page).
        wants_parts: whether ``render`` uses the text, the cut and the scores (HTML).
        value: the brief as a JSON value (JSON's object); with ``join``, one item of a document
            of many, and in a batch the ``brief`` of a record's JSON line.
        error_value: the value of one failure in that document.
        join: many values as one document (a JSON array); ``None`` for a stream.
    """

    name: str
    suffix: str
    render: Callable[[Briefed], str]
    render_error: Callable[[str | None, str, int, str | None], str]
    separator: str = ""
    errors_in_stream: bool = False
    names_source: bool = False
    one_input: bool = False
    wants_parts: bool = False
    value: Callable[[Briefed], Any] | None = None
    error_value: Callable[[str | None, str, int, str | None], Any] | None = None
    join: Callable[[Sequence[Any]], str] | None = None


def _html(item: Briefed) -> str:
    from briefer.output.html import render_page

    return render_page(
        item.brief,
        item.text or "",
        meta={"source": item.source},
        scores=item.scores,
        document=item.document,
    )


def _no_record(source: str | None, message: str, exit_code: int, kind: str | None) -> str:
    """A format without a place for a failure (an HTML page: the index lists it)."""
    return ""


FORMATS: dict[str, Format] = {
    "text": Format(
        name="text",
        suffix=".txt",
        render=lambda item: to_text(item.brief, item.source),
        render_error=lambda source, message, code, kind: text.text_error(source, message),
        separator=text.SEPARATOR,
    ),
    "markdown": Format(
        name="markdown",
        suffix=".md",
        render=lambda item: to_markdown(item.brief, item.source),
        render_error=lambda source, message, code, kind: markdown.markdown_error(source, message),
        separator=markdown.SEPARATOR,
    ),
    "json": Format(
        name="json",
        suffix=".json",
        render=lambda item: to_json(item.brief, item.source),
        render_error=lambda source, message, code, kind: (
            dumps(error_dict(source, message, code, kind), indent=2) + "\n"
        ),
        errors_in_stream=True,
        names_source=True,
        value=lambda item: brief_dict(item.brief, item.source),
        error_value=error_dict,
        join=json_format.json_array,
    ),
    "jsonl": Format(
        name="jsonl",
        suffix=".jsonl",
        render=lambda item: to_jsonl(item.brief, item.source),
        render_error=error_jsonl,
        errors_in_stream=True,
        names_source=True,
        value=lambda item: brief_dict(item.brief, item.source),
        error_value=error_dict,
    ),
    "html": Format(
        name="html",
        suffix=".html",
        render=_html,
        render_error=_no_record,
        names_source=True,
        one_input=True,
        wants_parts=True,
    ),
}
"""Every output format by name, in the order ``--help`` lists them."""


def streams() -> tuple[str, ...]:
    """The formats that write item after item (every format but those that ``join`` many
    items into one document): what ``briefer batch -f`` takes."""
    return tuple(name for name, fmt in FORMATS.items() if fmt.join is None)


def get(name: str) -> Format:
    """The format called ``name`` (one of :data:`FORMATS`).

    Raises:
        KeyError: no format has that name.
    """
    return FORMATS[name]


def render(brief: Brief, fmt: str, source: str | None = None) -> str:
    """One brief in the format called ``fmt``, headed by ``source`` when it is given."""
    return get(fmt).render(Briefed(brief, source))


class Writer:
    """Writes a run's briefs and failures in one format, in order, through ``write``.

    A stream format writes each item as it comes, with the separator between two items; a
    format with ``join`` gathers many items and writes one document when the writer closes.
    """

    def __init__(self, fmt: Format, write: Callable[[str], object], *, many: bool) -> None:
        self.fmt = fmt
        self.many = many
        self._write = write
        self._written = 0
        self._values: list[Any] = []

    def brief(self, item: Briefed) -> None:
        """Write one brief; its source is shown when there are many or the format names it."""
        fmt = self.fmt
        if not (self.many or fmt.names_source):
            item = Briefed(item.brief, None, item.text, item.document, item.scores)
        if self.many and fmt.join is not None and fmt.value is not None:
            self._values.append(fmt.value(item))
        else:
            self._emit(fmt.render(item))

    def error(self, source: str | None, message: str, exit_code: int) -> None:
        """Record one input that could not be briefed, where the format has a place for it."""
        fmt = self.fmt
        if not fmt.errors_in_stream:
            return
        if self.many and fmt.join is not None and fmt.error_value is not None:
            self._values.append(fmt.error_value(source, message, exit_code, None))
        elif self.many or fmt.join is None:
            self._emit(fmt.render_error(source, message, exit_code, None))

    def close(self) -> None:
        """Write the gathered document, if the format makes one of many items."""
        if self._values and self.fmt.join is not None:
            self._write(self.fmt.join(self._values))
            self._values = []

    def _emit(self, rendered: str) -> None:
        if not rendered:
            return
        self._write((self.fmt.separator if self._written else "") + rendered)
        self._written += 1
