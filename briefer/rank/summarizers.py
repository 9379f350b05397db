"""The sumy adapter: a score for every sentence of a document under one of sumy's methods.

sumy's summarizers only return the chosen sentences; briefer needs a score for every sentence
(for provenance, for the default method and for length control). Each summarizer is wrapped in a
subclass whose ``_get_best_sentences`` records the ratings sumy computed instead of choosing,
so the numbers are sumy's own.

By default the summarizers are briefer's vectorized subclasses of sumy's (:mod:`briefer.rank.fast`),
which compute the same ratings without sumy's quadratic loops; ``original=True`` runs sumy's
own classes, for comparison.
"""

from __future__ import annotations

import random
import warnings
from collections import Counter
from collections.abc import Sequence
from typing import Any

from briefer.models import SUMY_METHODS, Document
from briefer.rank.lead import lead_scores
from briefer.rank.stems import WordTokenizer, stemmer, stop_words

FAST_METHODS = frozenset(SUMY_METHODS) - {"random"}
"""Methods computed by briefer's vectorized subclasses of sumy's summarizers by default."""


def _recording(cls: type) -> type:
    """A subclass of a sumy summarizer that records every sentence's rating."""

    def _get_best_sentences(
        self: Any, sentences: Sequence[Any], count: Any, rating: Any, *args: Any, **kwargs: Any
    ) -> tuple[Any, ...]:
        if isinstance(rating, dict):
            self.recorded = [float(rating[s]) for s in sentences]
        else:
            self.recorded = [float(rating(s, *args, **kwargs)) for s in sentences]
        return ()

    return type(f"Recording{cls.__name__}", (cls,), {"_get_best_sentences": _get_best_sentences})


def summarizer_class(method: str, original: bool = False) -> type:
    """The summarizer class of a sumy method: briefer's vectorized one, or sumy's own.

    Args:
        method: one of :data:`briefer.models.SUMY_METHODS`.
        original: sumy's own class even where briefer has a faster subclass of it.
    """
    if not original and method in FAST_METHODS:
        from briefer.rank.fast import FAST_CLASSES

        return FAST_CLASSES[method]
    if method == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif method == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif method == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    elif method == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif method == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer as cls
    elif method == "kl":
        from sumy.summarizers.kl import KLSummarizer as cls
    elif method == "sumbasic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    elif method == "reduction":
        from sumy.summarizers.reduction import ReductionSummarizer as cls
    elif method == "random":
        from sumy.summarizers.random import RandomSummarizer as cls
    else:
        raise ValueError(f"not a sumy method: {method}")
    result: type = cls
    return result


def sumy_document(doc: Document, language: str) -> Any:
    """The document as sumy's object model, with briefer's sentences and headings."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = WordTokenizer(language)
    paragraphs: dict[int, list[Any]] = {}
    if doc.title is not None:
        paragraphs.setdefault(-1, []).append(SumySentence(doc.title.text, tokenizer, True))
    for s in doc.sentences:
        paragraphs.setdefault(s.paragraph, []).append(SumySentence(s.text, tokenizer))
    return ObjectDocumentModel([Paragraph(p) for _, p in sorted(paragraphs.items())])


def sumy_scores(doc: Document, method: str, language: str, original: bool = False) -> list[float]:
    """sumy's rating of every sentence of ``doc`` under ``method`` (higher is better).

    Args:
        doc: the document.
        method: one of :data:`SUMY_METHODS`.
        language: one of :data:`briefer.models.LANGUAGES`.
        original: run sumy's own summarizer instead of briefer's vectorized subclass of it
            (same ratings, to floating-point rounding; much slower on long documents).

    Returns:
        One rating per sentence, in order.
    """
    if not doc.sentences:
        return []
    with warnings.catch_warnings():
        # sumy warns on stderr when a text is short for its method ("Number of words (77) is
        # lower than number of sentences (139). LSA algorithm may not work properly."): the
        # ratings are still usable, and a library must not write to stderr.
        warnings.filterwarnings("ignore", r"Number of words .* may not work", UserWarning)
        return recorded_ratings(sumy_document(doc, language), doc, method, language, original)


def recorded_ratings(
    sumy_doc: Any, doc: Document, method: str, language: str, original: bool = False
) -> list[float]:
    """The ratings of the sentences of ``sumy_doc`` (built by :func:`sumy_document`)."""
    stops = stop_words(language)
    cls = _recording(summarizer_class(method, original))
    summarizer = cls() if method == "random" else cls(stemmer(language))
    if method == "random":
        # sumy shuffles with the global generator; a per-text seed keeps briefs reproducible.
        rng = random.Random(doc.text)

        def shuffled(sentences: Sequence[Any]) -> dict[Any, int]:
            ratings = list(range(len(sentences)))
            rng.shuffle(ratings)
            return dict(zip(sentences, ratings, strict=True))

        summarizer._get_random_ratings = shuffled
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stops
    if method == "edmundson":
        bonus = bonus_words(sumy_doc, stops)
        if not bonus:  # no word Edmundson can use ("1 2 3. 4 5 6."): the article's own order
            return lead_scores(doc)
        summarizer.null_words = stops
        summarizer.bonus_words = bonus
        # sumy needs some stigma words; its CLI uses the parser's defaults, and so do we.
        from sumy.parsers.parser import DocumentParser

        summarizer.stigma_words = DocumentParser.STIGMA_WORDS
    summarizer.recorded = [0.0] * len(doc.sentences)
    summarizer(sumy_doc, len(doc.sentences))
    recorded: list[float] = summarizer.recorded
    return recorded


def bonus_words(sumy_doc: Any, stops: frozenset[str]) -> tuple[str, ...]:
    """Edmundson's cue words: the headline's words, else the article's most frequent words."""
    heading_words = [w for h in sumy_doc.headings for w in h.words if w.lower() not in stops]
    if heading_words:
        return tuple(heading_words)

    counts = Counter(w for w in map(str.lower, sumy_doc.words) if w not in stops)
    return tuple(sorted(counts, key=lambda w: (-counts[w], w))[:10])
