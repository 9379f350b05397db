"""Brief → plain text, and the one-line helpers every text format shares (standard library)."""

from __future__ import annotations

from briefer.models import Brief, Page, Point
from briefer.split import neutralize

SEPARATOR = "\n" + "=" * 72 + "\n\n"
"""What stands between two briefs in one plain-text stream."""


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


def page_line(page: Page) -> str:
    """Who wrote the page, where and when: ``By A · Site · 2025-03-04 · https://…``."""
    parts = [
        f"By {one_line(page.author)}" if page.author else None,
        one_line(page.site) if page.site else None,
        page.date,
        page.url,
    ]
    return " · ".join(p for p in parts if p)


def provenance(p: Point) -> str:
    """Where a key point comes from: its sentence, paragraph, characters and score."""
    s = p.sentence
    return (
        f"sentence {s.index}, paragraph {s.paragraph}, chars {s.start}-{s.end}, score {p.score:.3g}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def stats_line(brief: Brief) -> str:
    """The numbers line: words, sentences, compression, reading time and method."""
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


def text_error(source: str | None, message: str) -> str:
    """The plain-text block of an input that could not be briefed."""
    return f"# {one_line(source or '')}\n\nError: {one_line(message)}\n"
