"""Brief + article → one self-contained HTML page, and an index page for a batch.

The only module that imports Jinja2. The page is built from the :class:`~briefer.models.Brief`
and the article's text through the public offsets (``text[start:end]``): the article is cut into
blocks, headings and sentences again (cheap, and the same cut the brief was made from), the key
points, figures, quotes and names become spans of that text, and overlapping spans are split so
that every tag closes inside its parent. Python builds a flat list of tokens; the templates in
``briefer/templates/`` write every tag, with autoescaping on, so article text is only ever text.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

import jinja2

from briefer.formats import one_line, stats_line
from briefer.models import Brief, Document, Figure, Point, Sentence, Term
from briefer.split import _blocks as _paragraphs  # the blocks that analyse() cuts
from briefer.split import analyse, neutralize, sanitize, split_sentences

META_KEYS = ("source", "url", "author", "date", "site")
"""What ``meta`` may hold: the input's name, and what a web page says about itself."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
"""No script, font, image, frame or connection at all; only the page's own inline style."""

_LANG = {
    "czech": "cs",
    "english": "en",
    "french": "fr",
    "german": "de",
    "greek": "el",
    "italian": "it",
    "polish": "pl",
    "portuguese": "pt",
    "spanish": "es",
    "swedish": "sv",
}
_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8
_CHART_HEIGHT = 1000
_CHART_WIDTH = 40

# Nesting order of spans: a sentence holds a quote, a quote holds names and figures.
_LEVEL = {"sentence": 0, "point": 0, "gist": 0, "dateline": 0, "quote": 1, "name": 2, "figure": 3}


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One record of a batch on the index page.

    Attributes:
        source: where the record came from (a path, ``path:line`` or a URL).
        href: the record's page, relative to the index (``None`` for a failed record).
        headline: the brief's headline, if any.
        gist: the gist's text.
        compression: brief words / article words (0..1).
        error: why the record failed; ``None`` when it was briefed.
    """

    source: str
    href: str | None = None
    headline: str | None = None
    gist: str | None = None
    compression: float | None = None
    error: str | None = None


def index_entry(brief: Brief, source: str, href: str) -> IndexEntry:
    """The index entry of a briefed record whose page is at ``href``."""
    return IndexEntry(
        source=source,
        href=href,
        headline=brief.headline,
        gist=brief.gist.sentence.text,
        compression=brief.stats.compression,
    )


def page_filename(source: str, index: int | None = None) -> str:
    """A safe file name for the page of ``source``: ``fidan-paris-visit.html``.

    Args:
        source: a path, ``path:line``, a URL or ``-``.
        index: the record's position in a batch; when given it prefixes the name
            (``0007-fidan-paris-visit.html``) so that records with the same name stay apart.
    """
    name = source.rstrip("/")
    if "://" in name:
        name = name.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0]
        name = name.rstrip("/").replace("/", "-")
    else:
        stem = PurePath(name.split(":", 1)[0] if ":" in name else name).stem
        line = name.rsplit(":", 1)[1] if ":" in name and name.rsplit(":", 1)[1].isdigit() else ""
        name = f"{stem}-{line}" if line else stem
    slug = re.sub(r"[^\w.]+", "-", name, flags=re.ASCII).strip("-._")[:80] or "brief"
    if slug in ("-", "index"):
        slug = f"{slug}-brief".strip("-")
    return f"{index:04d}-{slug}.html" if index is not None else f"{slug}.html"


@dataclass(slots=True)
class _Span:
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


def render_page(
    brief: Brief,
    text: str,
    *,
    meta: Mapping[str, str | None] | None = None,
    scores: Sequence[float] | None = None,
    document: Document | None = None,
) -> str:
    """One self-contained HTML page: the brief, then the whole article with the brief inside.

    Args:
        brief: the brief of ``text`` (from :func:`briefer.summarize`, perhaps ``with_page``).
        text: the article exactly as it was briefed; the brief's offsets refer to it.
        meta: what to show about the input, each optional: ``source`` (its name: a path, URL or
            ``-``), and ``url``, ``author``, ``date``, ``site``, which override ``brief.page``.
        scores: every sentence's score, in order, as the ranking gave them; when ``None`` they
            are computed again with the brief's method and language (for the margin chart).
        document: the text as the brief cut it (``briefer.split.analyse``); when ``None`` it
            is cut again. A caller that has both (a batch) saves most of the page's cost.

    Returns:
        The page, a complete HTML document with its style inline and no script.

    Raises:
        ValueError: ``meta`` holds an unknown key, ``scores`` has the wrong length, or the
            brief's sentences are not sentences of ``text``.
    """
    info = _meta(brief, meta)
    clean = sanitize(text)
    doc = _document(brief, clean) if document is None else document
    if document is not None and (document.text != clean or not _matches(brief, doc.sentences)):
        raise ValueError("the brief's sentences are not sentences of this document")
    if scores is None:
        scores = _scores(brief, doc)
    if len(scores) != len(doc.sentences):
        raise ValueError(f"{len(scores)} scores for {len(doc.sentences)} sentences")
    chosen = {p.sentence.index: p for p in brief.points}
    numbers = _numbers(brief)
    values = [chosen[i].score if i in chosen else _finite(s) for i, s in enumerate(scores)]
    spans = _spans(brief, doc, numbers)
    points = [
        {
            "number": numbers[p.sentence.index],
            "href": f"#s-{p.sentence.index}",
            "text": _line(p.sentence.text),
        }
        for p in brief.points
        if p is not brief.gist
    ]
    return (
        _env()
        .get_template("page.html.j2")
        .render(
            brief=brief,
            lang=_LANG.get(brief.language, "und"),
            headline=_line(brief.headline) if brief.headline else None,
            info=info,
            gist_href=f"#s-{brief.gist.sentence.index}",
            gist_text=_line(brief.gist.sentence.text),
            points=points,
            figures=[_line(f.text) for f in brief.figures],
            quotes=[(_line(q.text), _line(q.speaker) if q.speaker else None) for q in brief.quotes],
            names=[_line(n.text) for n in brief.names],
            blocks=list(_blocks(doc, spans)),
            bars=_bars(doc, values, chosen, brief.gist),
            chart_width=_CHART_WIDTH,
            chart_height=_CHART_HEIGHT,
            stats=stats_line(brief).removesuffix(f"; method {brief.method}"),
            untitled=_untitled(info["source"] or info["url"]),
            notes=[_line(n) for n in brief.notes],
            csp=CSP,
        )
    )


def render_index(entries: Iterable[IndexEntry], *, title: str = "Briefs") -> str:
    """The index page of a batch: each record's headline, gist, compression and page link.

    Args:
        entries: the records in input order; failed ones carry their ``error``.
        title: the page's heading.

    Returns:
        A complete HTML document with its style inline and no script.
    """
    rows = [
        {
            "source": _line(e.source),
            "href": e.href,
            "headline": _line(e.headline) if e.headline else None,
            "gist": _line(e.gist) if e.gist else None,
            "compression": e.compression,
            "error": _line(e.error) if e.error is not None else None,
        }
        for e in entries
    ]
    for row in rows:
        if row["href"] is not None and not _relative(str(row["href"])):
            raise ValueError(f"index link {row['href']!r} is not a relative page path")
    failed = sum(1 for r in rows if r["error"] is not None)
    return (
        _env()
        .get_template("index.html.j2")
        .render(title=_line(title), rows=rows, failed=failed, csp=CSP)
    )


@lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("briefer", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _line(text: str) -> str:
    """Text for one line of the page: no control, escape or bidi character, no line break."""
    return one_line(neutralize(text))


def _text(text: str) -> str:
    """Article text for the page, offsets kept: a lone surrogate becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _untitled(source: str | None) -> str:
    """The heading of an article without a headline: its file's name, or its URL."""
    if not source:
        return "Brief"
    return source if "://" in source else PurePath(source).name or source


def _relative(href: str) -> bool:
    """A page next to the index: no scheme, no host, no way up."""
    return re.fullmatch(
        r"[\w.-]+(?:/[\w.-]+)*", href, flags=re.ASCII
    ) is not None and ".." not in href.split("/")


def _meta(brief: Brief, meta: Mapping[str, str | None] | None) -> dict[str, str | None]:
    """What the header says about the source: the page's fields, then ``meta`` over them."""
    unknown = sorted(set(meta or {}) - set(META_KEYS))
    if unknown:
        raise ValueError(f"unknown meta key {unknown[0]!r}; use {', '.join(META_KEYS)}")
    merged: dict[str, str | None] = dict.fromkeys(META_KEYS)
    if brief.page is not None:
        merged.update(url=brief.page.url, author=brief.page.author, date=brief.page.date)
        merged["site"] = brief.page.site
    merged.update({k: v for k, v in (meta or {}).items() if v is not None})
    shown = {k: _line(v) if v and v.strip() else None for k, v in merged.items()}
    if shown["source"] == shown["url"]:
        shown["source"] = None  # a fetched page: its URL says it
    return shown


def _document(brief: Brief, clean: str) -> Document:
    """The article cut as it was when briefed; the brief's points must be its sentences."""
    title = brief.headline if brief.headline_source == "given" else None
    doc = analyse(clean, brief.language, title)
    if not _matches(brief, doc.sentences):
        # A text that is only a title-like line was briefed as plain sentences.
        doc = Document(clean, split_sentences(clean, brief.language), 1, given_title=title)
    if not _matches(brief, doc.sentences):
        raise ValueError("the brief's sentences are not sentences of this text")
    return doc


def _matches(brief: Brief, sentences: Sequence[Sentence]) -> bool:
    return all(
        p.sentence.index < len(sentences) and sentences[p.sentence.index] == p.sentence
        for p in brief.points
    ) and any(s == brief.gist.sentence for s in sentences[brief.gist.sentence.index :][:1])


def _scores(brief: Brief, doc: Document) -> list[float]:
    from briefer import rank

    return [_finite(x) for x in rank.score(doc, brief.method, brief.language)]


def _finite(x: float) -> float:
    return x if math.isfinite(x) else 0.0


def _numbers(brief: Brief) -> dict[int, int]:
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
    return " · ".join(_line(p) for p in parts)


def _spans(brief: Brief, doc: Document, numbers: dict[int, int]) -> list[_Span]:
    """Every stretch of the article to mark, in no particular order."""
    chosen = {p.sentence.index: p for p in brief.points}
    n = len(doc.sentences)
    spans: list[_Span] = []
    for s in doc.sentences:
        point = chosen.get(s.index)
        if point is None:
            spans.append(_Span(s.start, s.end, "sentence", id=f"s-{s.index}"))
            continue
        number = numbers[s.index]
        label = "gist" if number == 0 else f"key point {number}"
        spans.append(
            _Span(
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
        spans.append(_Span(f.start, f.end, "figure", title=_figure_title(f)))
    for q in brief.quotes:
        who = f"said by {_line(q.speaker)}" if q.speaker else "speaker not named"
        spans.append(_Span(q.start, q.end, "quote", title=f"quote · {who}"))
    spans += _name_spans(doc, brief.names)
    return [s for s in spans if 0 <= s.start < s.end <= len(doc.text)]


def _datelines(doc: Document) -> Iterator[_Span]:
    """Text inside a paragraph that is no sentence: a dateline or a byline, never a point."""
    heads = [*doc.headings, *([doc.title] if doc.title is not None else [])]
    covered = sorted([(s.start, s.end) for s in doc.sentences] + [(h.start, h.end) for h in heads])
    for start, end in _paragraphs(doc.text):
        pos = start
        for a, b in [*(c for c in covered if start <= c[0] < end), (end, end)]:
            gap = doc.text[pos:a]
            if gap.strip():
                lead = len(gap) - len(gap.lstrip())
                yield _Span(pos + lead, pos + len(gap.rstrip()), "dateline")
            pos = max(pos, b)


def _name_spans(doc: Document, names: Sequence[Term]) -> list[_Span]:
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
        full = _line(term.text)
        label = f"name · {mentions}" if form == term.text else f"name · {full} · {mentions}"
        labels.setdefault(form, label)
    if not labels:
        return []
    alternatives = "|".join(re.escape(f) for f in sorted(labels, key=lambda f: (-len(f), f)))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?!\w)")
    out: list[_Span] = []
    for s in doc.sentences:
        for m in pattern.finditer(doc.text, s.start, s.end):
            out.append(_Span(m.start(), m.end(), "name", title=labels[m.group()]))
    return out


def _blocks(doc: Document, spans: list[_Span]) -> Iterator[Block]:
    """The article's paragraphs and headings, each with its marks split to nest."""
    heads = sorted(
        [*(("h2", h.start, h.end) for h in doc.headings)]
        + ([("title", doc.title.start, doc.title.end)] if doc.title is not None else []),
        key=lambda h: h[1],
    )
    ordered = sorted(spans, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    carried: list[_Span] = []  # spans that run on past the paragraph before
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


def _tokens(text: str, start: int, end: int, spans: list[_Span]) -> Iterator[Token]:
    """Text and tags for ``text[start:end]``: a span crossing another is closed and reopened."""
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted(
        {start, end, *(max(start, s.start) for s in inside)} | {min(end, s.end) for s in inside}
    )
    stack: list[_Span] = []
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


def _close(stack: list[_Span], keep: int, at: int) -> Iterator[Token]:
    while len(stack) > keep:
        s = stack.pop()
        yield Token("close", mark=_mark(s))
        if s.number is not None and s.end == at:
            yield Token("back", number=s.number)


def _mark(s: _Span) -> Mark:
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


def _bars(
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
                y=round(s.start / total * _CHART_HEIGHT, 1),
                height=round(max(2.0, (s.end - s.start) / total * _CHART_HEIGHT - 1), 1),
                width=round(max(1.0, (v - lo) / span * _CHART_WIDTH), 1),
                kind=kind,
                href=f"#s-{s.index}",
                title=f"sentence {s.index + 1} · score {v:.3g} · rank {rank} of {n}{label}",
            )
        )
    return bars
