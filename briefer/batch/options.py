"""What a batch is told: its options, validated once, and the unit of work (:class:`Item`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from briefer.errors import Setting, UsageError
from briefer.models import Brief, Options
from briefer.output import streams

FETCH_POLICIES = ("never", "public", "any")
INPUT_FORMATS = ("auto", "text", "jsonl", "urls")
URL_SUFFIXES = (".urls",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
DEFAULT_TEXT_FIELDS = ("article", "text")

Summarizer = Callable[[str, Options], Brief]


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
        option_names: how the records' error messages name the options they tell the user to
            change (``{"max_chars": "--max-chars"}``: the command line's flags); any other is
            named as its field here (``max_chars``).
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
    option_names: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.fmt not in streams():
            raise UsageError(
                f"unknown batch format {self.fmt!r}; choose one of: {', '.join(streams())}"
            )
        if not self.text_fields or not all(self.text_fields):
            raise UsageError([Setting("text_fields"), " must name a field"])
        if not self.id_field:
            raise UsageError([Setting("id_field"), " must name a field"])
        if self.timeout is not None and not self.timeout > 0:
            raise UsageError([Setting("timeout"), " must be more than 0 seconds"])
        if self.connections < 1:
            raise UsageError([Setting("connections"), " must be at least 1"])
        if self.fetch not in FETCH_POLICIES:
            choices = ", ".join(FETCH_POLICIES)
            raise UsageError([Setting("fetch"), f": {self.fetch!r} is not one of: {choices}"])

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
