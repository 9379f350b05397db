"""The article inside the page: spans of the text to mark, split so that every tag nests.

The key points, figures, quotes and names become spans of the article's text; overlapping spans
are closed and reopened so that every tag closes inside its parent, and Python hands the
templates a flat list of tokens (the templates in ``templates/`` write every tag).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from briefer.models import Brief, Document, Figure, Point, Term
from briefer.output.text import one_line
from briefer.split import blocks as _paragraphs  # the blocks that analyse() cuts
from briefer.split import neutralize

_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8
CHART_HEIGHT = 1000
CHART_WIDTH = 40

# Nesting order of spans: a sentence holds a quote, a quote holds names and figures.
_LEVEL = {"sentence": 0, "point": 0, "gist": 0, "dateline": 0, "quote": 1, "name": 2, "figure": 3}


@dataclass(slots=True)
class Span:
    """A stretch of the article to mark, with what the page says about it."""

    start: int
    end: int
    kind: str  # sentence | point | gist | dateline | quote | name | figure
    id: str | None = None
    title: str | None = None
    number: int | None = None  # a key point's number in the list (the gist: 0)
    opened: bool = field(default=False)

    @property
    def level(self) -> int:
        return _LEVEL[self.kind]


@dataclass(frozen=True, slots=True)
class Mark:
    """An opening tag for the template: ``<mark>`` or ``<span>`` with its attributes."""

    tag: str
    cls: str
    kind: str
    start: int
    end: int
    id: str | None
    title: str | None
    focusable: bool


@dataclass(frozen=True, slots=True)
class Token:
    """One step of the article's markup: ``open`` a mark, ``text``, ``close`` or ``back``."""

    kind: str
    text: str = ""
    mark: Mark | None = None
    number: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph of the article, a heading, or the detected title."""

    kind: str  # p | h2 | title
    tokens: tuple[Token, ...]


@dataclass(frozen=True, slots=True)
class Bar:
    """One sentence in the margin chart."""

    y: float
    height: float
    width: float
    kind: str  # sentence | point | gist
    href: str
    title: str


def line(text: str) -> str:
    """Text for one line of the page: no control, escape or bidi character, no line break."""
    return one_line(neutralize(text))


def _text(text: str) -> str:
    """Article text for the page, offsets kept: a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def finite(x: float) -> float:
    return x if math.isfinite(x) else 0.0


def point_numbers(brief: Brief) -> dict[int, int]:
    """Sentence index → the point's number on the page: the gist 0, the others 1, 2, ..."""
    numbers = {brief.gist.sentence.index: 0}
    for p in brief.points:
        if p is not brief.gist:
            numbers[p.sentence.index] = len(numbers)
    return numbers


def _figure_title(f: Figure) -> str:
    parts = [f.kind]
    if f.unit and f.unit != f.kind:
        parts.append(f.unit)
    if f.value is not None and math.isfinite(f.value):
        if f.kind in ("date", "rank") or not f.value.is_integer():
            parts.append(f"{f.value:g}" if f.kind != "date" else f"{f.value:.0f}")
        else:
            parts.append(f"{f.value:,.0f}")
    return " · ".join(line(p) for p in parts)


def mark_spans(brief: Brief, doc: Document, numbers: dict[int, int]) -> list[Span]:
    """Every stretch of the article to mark, in no particular order."""
    chosen = {p.sentence.index: p for p in brief.points}
    n = len(doc.sentences)
    spans: list[Span] = []
    for s in doc.sentences:
        point = chosen.get(s.index)
        if point is None:
            spans.append(Span(s.start, s.end, "sentence", id=f"s-{s.index}"))
            continue
        number = numbers[s.index]
        label = "gist" if number == 0 else f"key point {number}"
        spans.append(
            Span(
                s.start,
                s.end,
                "gist" if number == 0 else "point",
                id=f"s-{s.index}",
                title=f"{label} · rank {point.rank} of {n} · score {point.score:.3g}",
                number=number,
            )
        )
    spans += _datelines(doc)
    for f in brief.figures:
        spans.append(Span(f.start, f.end, "figure", title=_figure_title(f)))
    for q in brief.quotes:
        who = f"said by {line(q.speaker)}" if q.speaker else "speaker not named"
        spans.append(Span(q.start, q.end, "quote", title=f"quote · {who}"))
    spans += _name_spans(doc, brief.names)
    return [s for s in spans if 0 <= s.start < s.end <= len(doc.text)]


def _datelines(doc: Document) -> Iterator[Span]:
    """Text inside a paragraph that is no sentence: a dateline or a byline, never a point."""
    heads = [*doc.headings, *([doc.title] if doc.title is not None else [])]
    covered = sorted([(s.start, s.end) for s in doc.sentences] + [(h.start, h.end) for h in heads])
    for start, end in _paragraphs(doc.text):
        pos = start
        for a, b in [*(c for c in covered if start <= c[0] < end), (end, end)]:
            gap = doc.text[pos:a]
            if gap.strip():
                lead = len(gap) - len(gap.lstrip())
                yield Span(pos + lead, pos + len(gap.rstrip()), "dateline")
            pos = max(pos, b)


def _name_spans(doc: Document, names: Sequence[Term]) -> list[Span]:
    """Each whole-word mention of a name in the sentences; longer names win.

    A lone last word of a longer name ("Fidan" for "Hakan Fidan") is a mention of it too, as
    the name's count has it.
    """
    forms = [(t.text, t) for t in names]
    known = {t.text for t in names}
    forms += [
        (t.text.split()[-1], t)
        for t in names
        if " " in t.text and t.text.split()[-1][:1].isupper() and t.text.split()[-1] not in known
    ]
    labels: dict[str, str] = {}
    for form, term in forms:
        mentions = f"{term.count} mention{'' if term.count == 1 else 's'}"
        full = line(term.text)
        label = f"name · {mentions}" if form == term.text else f"name · {full} · {mentions}"
        labels.setdefault(form, label)
    if not labels:
        return []
    alternatives = "|".join(re.escape(f) for f in sorted(labels, key=lambda f: (-len(f), f)))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w)")
    out: list[Span] = []
    for s in doc.sentences:
        for m in pattern.finditer(doc.text, s.start, s.end):
            out.append(Span(m.start(), m.end(), "name", title=labels[m.group()]))
    return out


def page_blocks(doc: Document, spans: list[Span]) -> Iterator[Block]:
    """The article's paragraphs and headings, each with its marks split to nest."""
    heads = sorted(
        [*(("h2", h.start, h.end) for h in doc.headings)]
        + ([("title", doc.title.start, doc.title.end)] if doc.title is not None else []),
        key=lambda h: h[1],
    )
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    carried: list[Span] = []  # spans that run on past the paragraph before
    taken = 0
    for start, end in _paragraphs(doc.text):
        upto = bisect.bisect_left(starts, end)
        here = [s for s in [*carried, *ordered[taken:upto]] if s.end > start]
        carried, taken = [s for s in here if s.end > end], upto
        pos = start
        for kind, a, b in [h for h in heads if start <= h[1] < end]:
            if doc.text[pos:a].strip():
                yield Block("p", tuple(_tokens(doc.text, pos, a, here)))
            yield Block(kind, (Token("text", _text(doc.text[a:b])),))
            pos = b
        if doc.text[pos:end].strip():
            yield Block("p", tuple(_tokens(doc.text, pos, end, here)))


def _tokens(text: str, start: int, end: int, spans: list[Span]) -> Iterator[Token]:
    """Text and tags for ``text[start:end]``: a span crossing another is closed and reopened."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted(
        {start, end, *(max(start, s.start) for s in inside)} | {min(end, s.end) for s in inside}
    )
    stack: list[Span] = []
    for a, b in itertools.pairwise(cuts):
        want = sorted(
            (s for s in inside if s.start <= a and s.end >= b),
            key=lambda s: (s.level, s.start, -s.end),
        )
        keep = 0
        while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
            keep += 1
        yield from _close(stack, keep, a)
        for s in want[keep:]:
            yield Token("open", mark=_mark(s))
            s.opened = True
            stack.append(s)
        yield Token("text", _text(text[a:b]))
    yield from _close(stack, 0, end)


def _close(stack: list[Span], keep: int, at: int) -> Iterator[Token]:
    while len(stack) > keep:
        s = stack.pop()
        yield Token("close", mark=_mark(s))
        if s.number is not None and s.end == at:
            yield Token("back", number=s.number)


def _mark(s: Span) -> Mark:
    first = not s.opened
    is_sentence = s.kind == "sentence"
    return Mark(
        tag="span" if s.kind in ("sentence", "dateline") else "mark",
        cls=s.kind if first else f"{s.kind} cont",
        kind=s.kind,
        start=s.start,
        end=s.end,
        id=s.id if first else None,
        title=s.title,
        focusable=first and not is_sentence and s.kind != "dateline",
    )


def chart_bars(
    doc: Document, values: Sequence[float], chosen: Mapping[int, Point], gist: Point
) -> list[Bar]:
    """The margin chart: each sentence at its place in the article, as long as its score."""
    total = max(1, len(doc.text))
    lo = min(0.0, *values) if values else 0.0
    hi = max(values) if values else 1.0
    span = hi - lo or 1.0
    n = len(doc.sentences)
    ranks = sorted(range(n), key=lambda i: (-values[i], i))
    rank_of = {i: r for r, i in enumerate(ranks, start=1)}
    bars = []
    for s, v in zip(doc.sentences, values, strict=True):
        kind = (
            "gist"
            if s.index == gist.sentence.index
            else "point"
            if s.index in chosen
            else "sentence"
        )
        label = {"gist": " · the gist", "point": " · key point", "sentence": ""}[kind]
        rank = chosen[s.index].rank if s.index in chosen else rank_of[s.index]
        bars.append(
            Bar(
                y=round(s.start / total * CHART_HEIGHT, 1),
                height=round(max(2.0, (s.end - s.start) / total * CHART_HEIGHT - 1), 1),
                width=round(max(1.0, (v - lo) / span * CHART_WIDTH), 1),
                kind=kind,
                href=f"#s-{s.index}",
                title=f"sentence {s.index + 1} · score {v:.3g} · rank {rank} of {n}{label}",
            )
        )
    return bars
