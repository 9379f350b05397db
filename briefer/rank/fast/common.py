"""What the vectorized summarizers share: the stem memo, and the tolerance for a tie."""

from __future__ import annotations

from typing import Any

from sumy.summarizers._summarizer import AbstractSummarizer

from briefer.rank.stems import StemCache, stem_cache

NEAR = 1e-9
"""Relative distance under which two floats are treated as a possible tie and settled by
recomputing them exactly as sumy does."""


class CachedStems(AbstractSummarizer):  # type: ignore[misc]
    """A summarizer that memoizes ``stem_word``: sumy stems every occurrence of a word, often
    several times."""

    def _stems(self) -> StemCache:
        stems: StemCache | None = self.__dict__.get("_stem_cache")
        if stems is None:
            stems = self._stem_cache = stem_cache(self._stemmer)
        return stems

    def stem_word(self, word: str) -> str:
        return self._stems()[word]


class StemSets(CachedStems):
    """sumy's ``_to_words_set`` (lower-case, drop stop words, stem) of the graph methods, with
    the stem memo looked up directly instead of through two method calls a word."""

    def _to_words_set(self, sentence: Any) -> list[str]:
        stems = self._stems()
        stop = self._stop_words
        return [stems[w] for w in map(str.lower, sentence.words) if w not in stop]
