"""Brief + article → one self-contained HTML page, and an index page for a batch.

The only module that imports Jinja2. The page is built from the :class:`~briefer.models.Brief`
and the article's text through the public offsets (``text[start:end]``): the article is cut into
blocks, headings and sentences again (cheap, and the same cut the brief was made from), the key
points, figures, quotes and names become spans of that text, and overlapping spans are split so
that every tag closes inside its parent (:mod:`briefer.output.marks`). Python builds a flat list
of tokens; the templates in ``templates/`` write every tag, with autoescaping on, so article
text is only ever text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

import jinja2

from briefer import lang
from briefer.models import Brief, Document, Sentence
from briefer.output import marks
from briefer.output.marks import line as _line
from briefer.output.text import stats_line
from briefer.split import analyse, sanitize, split_sentences

META_KEYS = ("source", "url", "author", "date", "site")
"""What ``meta`` may hold: the input's name, and what a web page says about itself."""

CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
"""No script, font, image, frame or connection at all; only the page's own inline style."""


def _html_lang(language: str) -> str:
    """The page's ``lang`` attribute: the language's ISO 639-1 code ("und" if unknown)."""
    names = lang.names()
    return lang.get(language).codes[0] if language in names else "und"


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
    numbers = marks.point_numbers(brief)
    values = [chosen[i].score if i in chosen else marks.finite(s) for i, s in enumerate(scores)]
    spans = marks.mark_spans(brief, doc, numbers)
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
            lang=_html_lang(brief.language),
            headline=_line(brief.headline) if brief.headline else None,
            info=info,
            gist_href=f"#s-{brief.gist.sentence.index}",
            gist_text=_line(brief.gist.sentence.text),
            points=points,
            figures=[_line(f.text) for f in brief.figures],
            quotes=[(_line(q.text), _line(q.speaker) if q.speaker else None) for q in brief.quotes],
            names=[_line(n.text) for n in brief.names],
            blocks=list(marks.page_blocks(doc, spans)),
            bars=marks.chart_bars(doc, values, chosen, brief.gist),
            chart_width=marks.CHART_WIDTH,
            chart_height=marks.CHART_HEIGHT,
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
        loader=jinja2.PackageLoader("briefer.output", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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

    return [marks.finite(x) for x in rank.score(doc, brief.method, brief.language)]
