"""Frozen values that flow through briefer: options, sentences and the brief itself."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from briefer import lang
from briefer.errors import Setting, UsageError

SCHEMA_VERSION = 1
"""Version of the JSON shape produced by :meth:`Brief.to_dict`; bumped on any breaking change."""

LANGUAGES = lang.names()
"""Languages briefer briefs: one record each in :mod:`briefer.lang` (a Punkt model, a stemmer
and stop words)."""

AUTO = "auto"
"""``Options.language`` that means: detect the language of each text (the default)."""

SUMY_METHODS = (
    "lsa",
    "lexrank",
    "textrank",
    "luhn",
    "edmundson",
    "kl",
    "sumbasic",
    "reduction",
    "random",
)
"""sumy's summarizers, by briefer's names for them."""

METHODS = ("default", "lead", *SUMY_METHODS)
"""Every ranking method: briefer's default, Lead-N, and sumy's summarizers."""

DEFAULT_MAX_CHARS = 2_000_000
"""Inputs longer than this many characters are refused (about 300,000 words, a long book)."""


@dataclass(frozen=True, kw_only=True)
class Options:
    """How to brief a text. Validated once, here.

    Attributes:
        method: ranking method, one of :data:`METHODS`.
        sentences: number of key points; ``None`` lets the length of the article decide.
        ratio: key points as a fraction of the article's sentences (0 < ratio <= 1).
        words: a word budget for the key points, met on sentence boundaries.
        language: one of :data:`LANGUAGES`, or ``auto`` (the default): detected in each text.
        title: the headline to use instead of detecting one.
        max_chars: refuse longer inputs.
    """

    method: str = "default"
    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None
    language: str = AUTO
    title: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS

    def __post_init__(self) -> None:
        self._check_types()
        if self.method not in METHODS:
            raise UsageError(f"unknown method {self.method!r}; choose one of: {', '.join(METHODS)}")
        if self.language not in (AUTO, *LANGUAGES):
            raise UsageError(
                f"unsupported language {self.language!r}; choose auto or one of: "
                f"{', '.join(LANGUAGES)}"
            )
        given = [n for n in ("sentences", "ratio", "words") if getattr(self, n) is not None]
        if len(given) > 1:
            raise UsageError(f"choose one length option, not {' and '.join(given)}")
        if self.sentences is not None and self.sentences < 1:
            raise UsageError([Setting("sentences"), " must be at least 1"])
        if self.ratio is not None and not (0 < self.ratio <= 1):
            raise UsageError([Setting("ratio"), " must be greater than 0 and at most 1"])
        if self.words is not None and self.words < 1:
            raise UsageError([Setting("words"), " must be at least 1"])
        if self.max_chars < 1:
            raise UsageError([Setting("max_chars"), " must be at least 1"])

    def _check_types(self) -> None:
        """Refuse values of the wrong type with a clear message, not a TypeError later on."""
        for name in ("sentences", "words", "max_chars"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise UsageError([Setting(name), f" must be a whole number, not {value!r}"])
        ratio = self.ratio
        if ratio is not None and (
            isinstance(ratio, bool)
            or not isinstance(ratio, int | float)
            or not math.isfinite(ratio)
        ):
            raise UsageError([Setting("ratio"), f" must be a number, not {ratio!r}"])
        for name in ("method", "language", "title"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                raise UsageError([Setting(name), f" must be text, not {value!r}"])


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the input: ``text == source[start:end]`` (control characters as spaces)."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "paragraph": self.paragraph,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of the input that is not a sentence: a title or a heading."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """The input text cut into paragraphs, headings and sentences."""

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: int
    title: Span | None = None
    headings: tuple[Span, ...] = ()
    given_title: str | None = None  # a headline from the caller (--title, a web page's title)

    @property
    def headline(self) -> str | None:
        """The given title, else the detected one: what ranking may compare sentences with."""
        return (
            self.given_title
            if self.given_title is not None
            else (self.title.text if self.title is not None else None)
        )


@dataclass(frozen=True, slots=True)
class Point:
    """A key point: a sentence of the article with its score and provenance."""

    sentence: Sentence
    score: float
    rank: int  # 1 = the best-scored sentence of the whole article

    def to_dict(self) -> dict[str, Any]:
        return {**self.sentence.to_dict(), "score": _round(self.score), "rank": self.rank}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number worth knowing, with its kind, its unit and the sentence it comes from."""

    text: str  # as written in the article, e.g. "$7.1 billion"
    kind: str  # money | percent | count | rank | date | duration | age | measure | score
    unit: str  # e.g. "USD", "percent", "citizens", "year"
    value: float | None  # the number, scaled (7.1e9), when it can be read
    sentence: int
    start: int  # character offsets of ``text`` in the input
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "unit": self.unit,
            "value": self.value,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation and, when the sentence names one, its speaker."""

    text: str
    speaker: str | None
    sentence: int
    start: int  # character offsets of ``text`` (inside the quotation marks) in the input
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "speaker": self.speaker,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Term:
    """A name (multiword proper name) or a salient term, with how often it occurs."""

    text: str
    kind: str  # name | term
    count: int
    first_sentence: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "count": self.count,
            "first_sentence": self.first_sentence,
        }


@dataclass(frozen=True, slots=True)
class Stats:
    """Size of the article and of the brief, and the reading time saved."""

    words: int
    sentences: int
    paragraphs: int
    brief_words: int
    reading_seconds: int
    brief_reading_seconds: int

    @property
    def compression(self) -> float:
        return self.brief_words / self.words if self.words else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "words": self.words,
            "sentences": self.sentences,
            "paragraphs": self.paragraphs,
            "brief_words": self.brief_words,
            "reading_seconds": self.reading_seconds,
            "brief_reading_seconds": self.brief_reading_seconds,
            "compression": _round(self.compression),
        }


@dataclass(frozen=True, slots=True)
class Page:
    """What a web page says about itself; every field is ``None`` when the page does not say."""

    url: str | None  # where it was fetched from (after redirects), else the page's canonical URL
    title: str | None
    author: str | None
    date: str | None  # publication date as YYYY-MM-DD
    site: str | None  # the site's name, e.g. "The Daily Ledger"

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "site": self.site,
        }


@dataclass(frozen=True, slots=True)
class Brief:
    """The structured brief of one article. ``to_dict`` is the versioned JSON shape."""

    headline: str | None
    headline_source: str  # given | detected | page | none
    gist: Point
    points: tuple[Point, ...]
    figures: tuple[Figure, ...]
    quotes: tuple[Quote, ...]
    names: tuple[Term, ...]
    terms: tuple[Term, ...]
    stats: Stats
    method: str
    language: str
    notes: tuple[str, ...] = field(default=())
    page: Page | None = None  # the web page the article was extracted from

    def with_page(self, page: Page | None) -> Brief:
        """This brief of a web page: the page's title is the headline unless one was given."""
        if page is None:
            return self
        if page.title and self.headline_source != "given":
            return replace(self, headline=page.title, headline_source="page", page=page)
        return replace(self, page=page)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "headline": self.headline,
            "headline_source": self.headline_source,
            "gist": self.gist.to_dict(),
            "points": [p.to_dict() for p in self.points],
            "figures": [f.to_dict() for f in self.figures],
            "quotes": [q.to_dict() for q in self.quotes],
            "names": [t.to_dict() for t in self.names],
            "terms": [t.to_dict() for t in self.terms],
            "stats": self.stats.to_dict(),
            "method": self.method,
            "language": self.language,
            "notes": list(self.notes),
            "page": self.page.to_dict() if self.page is not None else None,
        }


def _round(x: float) -> float:
    """Round scores for JSON so output is stable across platforms."""
    return 0.0 if not math.isfinite(x) else round(x, 6)
