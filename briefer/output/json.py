"""Brief → JSON and JSON Lines; the error record every command writes (standard library)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from briefer.errors import kind_of
from briefer.models import Brief

_INVISIBLE = re.compile(
    "[\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)


def dumps(value: Any, *, indent: int | None = None) -> str:
    """Strict JSON (no NaN), UTF-8 text, with the characters that would act on a terminal or
    read other than they are (C1 controls, bidi overrides, zero-width) written as ``\\u``
    escapes: the same data for a parser, inert on a screen. (They only occur in strings.)"""
    separators = None if indent else (",", ":")
    text = json.dumps(
        value, ensure_ascii=False, indent=indent, separators=separators, allow_nan=False
    )
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def brief_dict(brief: Brief, source: str | None = None) -> dict[str, Any]:
    """The JSON object of one brief; ``source`` names the file or record it came from."""
    data = brief.to_dict()
    return {"schema_version": data.pop("schema_version"), "source": source, **data}


def to_json(brief: Brief, source: str | None = None) -> str:
    """The brief as one indented JSON document."""
    return dumps(brief_dict(brief, source), indent=2) + "\n"


def to_jsonl(brief: Brief, source: str | None = None) -> str:
    """The brief as one JSON Lines record."""
    return dumps(brief_dict(brief, source)) + "\n"


def error_record(
    source: str | None, message: str, exit_code: int, kind: str | None = None
) -> dict[str, Any]:
    """The ``error`` object of an input that could not be briefed, the same from ``briefer -f
    jsonl``, ``-f json`` and ``briefer batch``: ``source``, ``message`` (without the source),
    ``kind`` (``input``, ``usage``, ``network``, ``internal``, ``timeout``) and ``exit_code``."""
    return {
        "source": source,
        "message": message,
        "kind": kind_of(exit_code) if kind is None else kind,
        "exit_code": exit_code,
    }


def error_dict(
    source: str | None, message: str, exit_code: int, kind: str | None = None
) -> dict[str, Any]:
    """The record of an input that could not be briefed: ``{"source", "error"}``."""
    return {"source": source, "error": error_record(source, message, exit_code, kind)}


def error_jsonl(source: str | None, message: str, exit_code: int, kind: str | None = None) -> str:
    """:func:`error_dict` as one JSON Lines record."""
    return dumps(error_dict(source, message, exit_code, kind)) + "\n"


def json_array(items: Sequence[dict[str, Any]]) -> str:
    """Many briefs (and error records) as one indented JSON array."""
    return dumps(list(items), indent=2) + "\n"
