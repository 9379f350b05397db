"""sumy's word-counting methods (LSA, Luhn, Edmundson), from each word's stem looked up once."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any
from warnings import warn

import numpy as np
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.edmundson_cue import EdmundsonCueMethod
from sumy.summarizers.edmundson_key import EdmundsonKeyMethod
from sumy.summarizers.edmundson_location import EdmundsonLocationMethod
from sumy.summarizers.edmundson_title import EdmundsonTitleMethod
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer

from briefer.rank.fast.common import CachedStems
from briefer.rank.sparse import counts_of, sum_by
from briefer.rank.stems import stem_cache


class FastLsaSummarizer(CachedStems, LsaSummarizer):  # type: ignore[misc]
    """sumy's LSA ranks, without the SVD.

    sumy keeps every singular value (``REDUCTION_RATIO = 1``), so a sentence's rank
    sqrt(Σ σᵢ² vᵢⱼ²) is exactly the Euclidean norm of its column of the smoothed term matrix:
    computed here from the non-zero cells alone. A smaller ratio falls back to sumy's code.
    """

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        dictionary = self._create_dictionary(document)
        if not dictionary:
            return ()
        sentences = document.sentences
        k = min(len(dictionary), len(sentences))
        if max(self.MIN_DIMENSIONS, int(k * self.REDUCTION_RATIO)) < k:
            return super().__call__(document, sentences_count)
        ranks = iter(self._fast_ranks(sentences, dictionary))
        return self._get_best_sentences(sentences, sentences_count, lambda s: next(ranks))

    def _fast_ranks(self, sentences: Sequence[Any], dictionary: dict[str, int]) -> list[float]:
        if len(dictionary) < len(sentences):
            warn(  # sumy's own warning, from its _create_matrix
                f"Number of words ({len(dictionary)}) is lower than number of sentences "
                f"({len(sentences)}). LSA algorithm may not work properly.",
                stacklevel=3,
            )
        stem = self._stems().__getitem__
        stems = [[w for w in map(stem, s.words) if w in dictionary] for s in sentences]
        e = counts_of(stems, dict(dictionary))
        if not len(e.rows):
            return [0.0] * len(sentences)
        smooth = 0.4  # the default of sumy's _compute_term_frequency
        starts = e.indptr[:-1][e.lengths > 0]
        top = np.zeros(e.height)
        top[e.lengths > 0] = np.maximum.reduceat(e.data, starts)
        cells = smooth + (1.0 - smooth) * (e.data / top[e.rows])
        nonzero = np.bincount(e.rows, minlength=e.height)
        squares = sum_by(e.rows, cells * cells, e.height)
        squares += (len(dictionary) - nonzero) * (smooth * smooth)
        squares[top == 0] = 0.0  # a sentence without dictionary words keeps a zero column
        return [math.sqrt(x) for x in squares.tolist()]


class FastLuhnSummarizer(CachedStems, LuhnSummarizer):  # type: ignore[misc]
    """sumy's Luhn: significant words in a set (sumy searches a tuple for every word), words
    counted with a Counter, and a sentence's chunks found from its significant positions."""

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        words = frozenset(self._get_significant_words(document.words))
        return self._get_best_sentences(
            document.sentences, sentences_count, self.rate_sentence, words
        )

    def _get_significant_words(self, words: Sequence[str]) -> Any:
        if self.significant_percentage != 1:  # pragma: no cover - briefer keeps sumy's 1
            return super()._get_significant_words(words)
        # sumy: every stem, most frequent first, cut to len(words) terms (that is, all of
        # them), then those seen more than once. As a set, the order does not matter.
        stop = self._stop_words
        stems = self._stems()
        # sumy's TfDocumentModel lower-cases its terms (stems) again
        counts = Counter(stems[w].lower() for w in map(str.lower, words) if w not in stop)
        return frozenset(t for t, n in counts.items() if n > 1)

    def rate_sentence(self, sentence: Any, significant_stems: frozenset[str]) -> float:
        """sumy's rating, from the positions of significant words: a chunk runs from one
        significant word to the last one followed by fewer than ``max_gap_size``
        insignificant words; it rates (significant words)² / length, or 0 with only one."""
        is_significant = significant_stems.__contains__
        stems = map(self._stems().__getitem__, sentence.words)
        positions = [i for i, stem in enumerate(stems) if is_significant(stem)]
        best: float = 0
        first = last = -self.max_gap_size - 1
        count = 0
        for p in positions:
            if p - last > self.max_gap_size:  # a gap of max_gap_size zeros ends the chunk
                if count > 1:
                    best = max(best, count**2 / (last - first + 1))
                first, count = p, 0
            last = p
            count += 1
        if count > 1:
            best = max(best, count**2 / (last - first + 1))
        return best


class _SentenceStems(CachedStems):
    """Stem each sentence once for all of Edmundson's methods (sumy stems it once per method)."""

    _sentence_stems: dict[int, tuple[str, ...]]

    def _stems_of(self, sentence: Any) -> tuple[str, ...]:
        memo: dict[int, tuple[str, ...]] | None = self.__dict__.get("_sentence_stems")
        if memo is None:
            memo = self._sentence_stems = {}
        # by id: sumy's Sentence hashes its text on every lookup; the document outlives the memo
        stems = memo.get(id(sentence))
        if stems is None:
            stems = memo[id(sentence)] = tuple(map(self._stems().__getitem__, sentence.words))
        return stems

    def _rate_sentence(self, sentence: Any, significant_words: Any) -> int:
        """How many of the sentence's stems are significant (sumy's count, over a set)."""
        return sum(map(frozenset(significant_words).__contains__, self._stems_of(sentence)))


class _CueMethod(_SentenceStems, EdmundsonCueMethod):  # type: ignore[misc]
    def _rate_sentence(  # type: ignore[override]
        self, sentence: Any, bonus_word_weight: float, stigma_word_weight: float
    ) -> float:
        stems = self._stems_of(sentence)
        bonus_words_count = sum(map(self._bonus_words.__contains__, stems))
        stigma_words_count = sum(map(self._stigma_words.__contains__, stems))
        return float(
            bonus_words_count * bonus_word_weight - stigma_words_count * stigma_word_weight
        )


class _KeyMethod(_SentenceStems, EdmundsonKeyMethod):  # type: ignore[misc]
    def _compute_significant_words(self, document: Any, weight: float) -> tuple[str, ...]:
        # sumy's own, with the document's stems looked up instead of stemmed one by one
        stems = map(self._stems().__getitem__, document.words)
        word_counts = Counter(filter(self._bonus_words.__contains__, stems))
        if not word_counts:
            return ()
        max_word_frequency = max(word_counts.values())
        return tuple(w for w, f in word_counts.items() if f / max_word_frequency > weight)


class _TitleMethod(_SentenceStems, EdmundsonTitleMethod):  # type: ignore[misc]
    pass


class _LocationMethod(_SentenceStems, EdmundsonLocationMethod):  # type: ignore[misc]
    pass


class FastEdmundsonSummarizer(CachedStems, EdmundsonSummarizer):  # type: ignore[misc]
    _sentence_stems: dict[int, tuple[str, ...]]

    """sumy's Edmundson; its four methods share one stem cache instead of stemming 4×."""

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        self._sentence_stems = {}  # one document's stemmed words, for all four methods
        try:
            return super().__call__(document, sentences_count)
        finally:
            del self._sentence_stems

    def _share(self, method: Any) -> Any:
        method._stem_cache = stem_cache(self._stemmer)
        method._sentence_stems = self.__dict__.get("_sentence_stems", {})
        return method

    def _build_cue_method_instance(self) -> Any:
        super()._build_cue_method_instance()  # sumy's checks of the word lists
        return self._share(_CueMethod(self._stemmer, self._bonus_words, self._stigma_words))

    def _build_key_method_instance(self) -> Any:
        super()._build_key_method_instance()
        return self._share(_KeyMethod(self._stemmer, self._bonus_words))

    def _build_title_method_instance(self) -> Any:
        super()._build_title_method_instance()
        return self._share(_TitleMethod(self._stemmer, self._null_words))

    def _build_location_method_instance(self) -> Any:
        super()._build_location_method_instance()
        return self._share(_LocationMethod(self._stemmer, self._null_words))
