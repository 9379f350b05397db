"""Brief → JSON, JSON Lines, Markdown and plain-text strings (standard library only)."""

from __future__ import annotations

import json
import re
from typing import Any

from briefer.models import Brief, Page, Point
from briefer.split import neutralize

FORMATS = ("text", "markdown", "json", "jsonl")


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


def one_line(text: str) -> str:
    """Text for display on one line: made inert (escape sequences, controls, bidi overrides
    and zero-width characters blanked by :func:`briefer.split.neutralize`), spaces folded."""
    return " ".join(neutralize(text).split())


def duration(seconds: int) -> str:
    """Reading time as people say it: ``45 s``, ``3 min``, ``1 h 5 min``."""
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"


def brief_dict(brief: Brief, source: str | None = None) -> dict[str, Any]:
    """The JSON object of one brief; ``source`` names the file or record it came from."""
    data = brief.to_dict()
    return {"schema_version": data.pop("schema_version"), "source": source, **data}


def to_json(brief: Brief, source: str | None = None) -> str:
    return dumps(brief_dict(brief, source), indent=2) + "\n"


def to_jsonl(brief: Brief, source: str | None = None) -> str:
    return dumps(brief_dict(brief, source)) + "\n"


def error_jsonl(source: str | None, message: str, exit_code: int) -> str:
    """A JSON Lines record for an input that could not be briefed: its ``error`` object is the
    one ``briefer batch`` writes (``source``, ``message``, ``kind``, ``exit_code``)."""
    from briefer.errors import kind_of

    if source is not None:
        message = message.removeprefix(f"{source}: ")
    error = {
        "source": source,
        "message": message,
        "kind": kind_of(exit_code),
        "exit_code": exit_code,
    }
    return dumps({"source": source, "error": error}) + "\n"


def page_line(page: Page) -> str:
    """Who wrote the page, where and when: ``By A · Site · 2025-03-04 · https://…``."""
    parts = [
        f"By {one_line(page.author)}" if page.author else None,
        one_line(page.site) if page.site else None,
        page.date,
        page.url,
    ]
    return " · ".join(p for p in parts if p)


def _provenance(p: Point) -> str:
    s = p.sentence
    return (
        f"sentence {s.index}, paragraph {s.paragraph}, chars {s.start}-{s.end}, score {p.score:.3g}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def stats_line(brief: Brief) -> str:
    st = brief.stats
    return (
        f"{_count(st.words, 'word')} in {_count(st.sentences, 'sentence')} → "
        f"{_count(st.brief_words, 'word')} "
        f"({st.compression:.0%}); reading time {duration(st.reading_seconds)} → "
        f"{duration(st.brief_reading_seconds)}; method {brief.method}"
    )


def other_points(brief: Brief) -> list[Point]:
    """The key points besides the gist, in article order."""
    return [p for p in brief.points if p is not brief.gist]


def to_text(brief: Brief, source: str | None = None) -> str:
    """Plain text: no colour, no escape codes, one item a line."""
    lines: list[str] = []
    if source:
        lines.append(f"# {one_line(source)}")
    byline = page_line(brief.page) if brief.page is not None else ""
    head = [one_line(brief.headline)] if brief.headline else []
    head += [byline] if byline else []
    lines += [*head, ""] if head else []
    lines.append(f"Gist: {one_line(brief.gist.sentence.text)}")
    points = other_points(brief)
    if points:
        lines += ["", "Key points:"]
        lines += [f"  - {one_line(p.sentence.text)}" for p in points]
    if brief.figures:
        lines += ["", "Key figures:"]
        lines += [
            f"  {f.text} ({f.kind}{', ' + f.unit if f.unit not in (f.kind, '') else ''};"
            f" sentence {f.sentence})"
            for f in brief.figures
        ]
    if brief.quotes:
        lines += ["", "Quotes:"]
        lines += [
            f"  “{one_line(q.text)}” — {q.speaker or 'unattributed'} (sentence {q.sentence})"
            for q in brief.quotes
        ]
    if brief.names:
        lines += ["", "Names: " + ", ".join(n.text for n in brief.names)]
    if brief.terms:
        lines.append("Terms: " + ", ".join(t.text for t in brief.terms))
    lines += ["", stats_line(brief)]
    lines += [f"Note: {n}" for n in brief.notes]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Escape characters that Markdown would read as formatting."""
    out = []
    for ch in one_line(text):
        if ch in "\\`*_[]<>#|":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def to_markdown(brief: Brief, source: str | None = None) -> str:
    """Markdown: a heading, the gist as a quote block, lists and tables."""
    lines = [f"## {markdown_text(brief.headline or source or 'Brief')}", ""]
    if brief.page is not None and page_line(brief.page):
        lines += [f"*{markdown_text(page_line(brief.page))}*", ""]
    lines += [f"> {markdown_text(brief.gist.sentence.text)}", ""]
    points = other_points(brief)
    if points:
        lines += ["### Key points", ""]
        lines += [f"- {markdown_text(p.sentence.text)} <sub>{_provenance(p)}</sub>" for p in points]
        lines.append("")
    if brief.figures:
        lines += ["### Key figures", "", "| Figure | Kind | Unit | Sentence |", "|---|---|---|---|"]
        lines += [
            f"| {markdown_text(f.text)} | {f.kind} | {markdown_text(f.unit)} | {f.sentence} |"
            for f in brief.figures
        ]
        lines.append("")
    if brief.quotes:
        lines += ["### Quotes", "", "| Quote | Speaker |", "|---|---|"]
        lines += [
            f"| “{markdown_text(q.text)}” | {markdown_text(q.speaker or '—')} |"
            for q in brief.quotes
        ]
        lines.append("")
    if brief.names:
        lines += ["**Names:** " + ", ".join(markdown_text(n.text) for n in brief.names), ""]
    if brief.terms:
        lines += ["**Terms:** " + ", ".join(markdown_text(t.text) for t in brief.terms), ""]
    lines.append(f"*{stats_line(brief)}*")
    lines += [f"\n*Note: {markdown_text(n)}*" for n in brief.notes]
    return "\n".join(lines) + "\n"


def render(brief: Brief, fmt: str, source: str | None = None) -> str:
    """The brief in one of :data:`FORMATS`."""
    if fmt == "json":
        return to_json(brief, source)
    if fmt == "jsonl":
        return to_jsonl(brief, source)
    if fmt == "markdown":
        return to_markdown(brief, source)
    return to_text(brief, source)
