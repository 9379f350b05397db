"""Facts of an article, each a span of its text: figures, quotes with speakers, names, terms.

``figures``, ``quotes`` and ``names`` read their words from the ``[facts]`` table of the
language's record (:mod:`briefer.facts.lang`), and a language without one gets no facts; every
pass indexes its tokens so the whole is linear in the text.
Quotations are paired in :mod:`~briefer.facts.quotes` and attributed in
:mod:`~briefer.facts.speakers`; names are found in :mod:`~briefer.facts.mentions` and grouped
into entities in :mod:`~briefer.facts.names`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from briefer.facts import figures as _figures
from briefer.facts import names as _names
from briefer.facts import quotes as _quotes
from briefer.facts.lang import FactWords, record, words_for
from briefer.facts.names import Entity, Mention
from briefer.facts.terms import terms
from briefer.models import Figure, Quote, Sentence, Term

__all__ = [
    "Entity",
    "FactWords",
    "Facts",
    "Mention",
    "entities",
    "extract",
    "figures",
    "names",
    "quotes",
    "record",
    "terms",
    "words_for",
]


def figures(
    sentences: Sequence[Sentence],
    language: str = "english",
    stop_words: frozenset[str] = frozenset(),
) -> list[Figure]:
    """Every figure (money, percent, count, date, duration, age, measure, rank, score)."""
    words = record(language)
    return [] if words is None else _figures.figures(sentences, words, stop_words)


def entities(
    sentences: Sequence[Sentence], stop_words: frozenset[str], language: str = "english"
) -> list[Entity]:
    """Names grouped into entities with their mentions, in order of first mention."""
    words = record(language)
    return [] if words is None else _names.entities(sentences, stop_words, words)


def names(
    sentences: Sequence[Sentence],
    stop_words: frozenset[str],
    limit: int = 15,
    language: str = "english",
) -> list[Term]:
    """The names worth showing, most mentioned first, each entity once in its fullest form."""
    words = record(language)
    if words is None:
        return []
    return _names.rank(_names.entities(sentences, stop_words, words), words, limit)


def quotes(
    sentences: Sequence[Sentence],
    text: str,
    found: Sequence[Entity] | None = None,
    language: str = "english",
    stop_words: frozenset[str] = frozenset(),
) -> list[Quote]:
    """Direct quotations (three words or more) with their speakers where the article says."""
    words = record(language)
    if words is None:
        return []
    if found is None:
        found = _names.entities(sentences, stop_words, words)
    return _quotes.quotes(sentences, text, list(found), words)


_DATELINE = re.compile(r"\s*([A-Z][\w.'’ -]{1,30}(?:, [A-Z][\w.'’ -]{1,30})?)\s*(?:\(|--|—)")


def _dateline(sentences: Sequence[Sentence], text: str) -> list[Sentence]:
    """The place of a wire story's dateline ("BERLIN, Germany (CNN) --"), which is kept out of
    the first sentence, as a sentence of its own for names: it says where the story is."""
    if not sentences or sentences[0].start == 0:
        return []
    m = _DATELINE.match(text, 0, sentences[0].start)
    if m is None:
        return []
    first = sentences[0]
    return [Sentence(first.index, first.paragraph, m.start(1), m.end(1), m.group(1))]


class Facts(NamedTuple):
    """Everything :func:`extract` finds."""

    entities: list[Entity]
    names: list[Term]
    quotes: list[Quote]
    figures: list[Figure]


def extract(
    sentences: Sequence[Sentence],
    text: str,
    stop_words: frozenset[str],
    language: str = "english",
    limit: int = 15,
) -> Facts:
    """Entities, the names to show, quotes and figures of one document in one pass each
    (none when the language's record has no ``[facts]`` table: see :func:`record`)."""
    words = record(language)
    if words is None:
        return Facts([], [], [], [])
    found = _names.entities([*_dateline(sentences, text), *sentences], stop_words, words)
    return Facts(
        found,
        _names.rank(found, words, limit),
        _quotes.quotes(sentences, text, found, words),
        _figures.figures(sentences, words, stop_words),
    )
