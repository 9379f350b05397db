"""Method → a score for every sentence of a document: the only package that imports sumy and numpy.

- :mod:`~briefer.rank.stems`: a language's stemmer and stop words (from its record), and the
  stem memo every method shares;
- :mod:`~briefer.rank.summarizers`: the sumy adapter (sumy's own ratings of every sentence);
- :mod:`~briefer.rank.fast`: vectorized subclasses of sumy's summarizers (the same ratings);
- :mod:`~briefer.rank.default`: briefer's default method;
- :mod:`~briefer.rank.sparse`: the sparse matrix the last two count with.

Nothing here imports numpy or sumy until a method runs.
"""

from __future__ import annotations

from briefer.models import Document
from briefer.rank.lead import lead_scores
from briefer.rank.stems import (
    SEED_AFTER,
    StemCache,
    Stemmer,
    clear_stem_cache,
    content_stems,
    stem_cache,
    stem_seed,
    stemmer,
    stop_words,
)
from briefer.rank.summarizers import (
    FAST_METHODS,
    bonus_words,
    recorded_ratings,
    summarizer_class,
    sumy_document,
    sumy_scores,
)

__all__ = [
    "FAST_METHODS",
    "SEED_AFTER",
    "StemCache",
    "Stemmer",
    "bonus_words",
    "clear_stem_cache",
    "content_stems",
    "lead_scores",
    "recorded_ratings",
    "score",
    "stem_cache",
    "stem_seed",
    "stemmer",
    "stop_words",
    "summarizer_class",
    "sumy_document",
    "sumy_scores",
]


def score(doc: Document, method: str, language: str) -> list[float]:
    """A score for every sentence of ``doc`` (higher is better) under ``method``.

    Args:
        doc: the document.
        method: one of :data:`briefer.models.METHODS`.
        language: one of :data:`briefer.models.LANGUAGES`.

    Returns:
        One score per sentence, in order.
    """
    if method == "lead":
        return lead_scores(doc)
    if method == "default":
        from briefer.rank.default import default_scores

        return default_scores(doc, language)
    return sumy_scores(doc, method, language)
