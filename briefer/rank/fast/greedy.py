"""sumy's SumBasic, with lazy greedy re-scoring (KL-Sum is in :mod:`briefer.rank.fast.kl`)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from typing import Any

from sumy.summarizers.sum_basic import SumBasicSummarizer

from briefer.rank.fast.common import CachedStems


class FastSumBasicSummarizer(CachedStems, SumBasicSummarizer):  # type: ignore[misc]
    """sumy's SumBasic with lazy greedy selection.

    Word probabilities only ever shrink (p ← p², p ≤ 1), so a sentence's average can only
    fall: a heap of possibly stale averages gives the best sentence after re-scoring only the
    few at its top, with sumy's own arithmetic and sumy's tie-break (the first sentence).
    """

    def _get_content_words(self, words: Sequence[str]) -> list[str]:
        """sumy's: lower-cased, without stop words, stemmed; the stem memo looked up directly."""
        stems = self._stems()
        stop = self._stop_words
        return [stems[w] for w in map(str.lower, words) if w not in stop]

    def _compute_ratings(self, sentences: Sequence[Any]) -> dict[Any, int]:
        word_freq = self._compute_tf(sentences)
        words = [self._get_content_words_in_sentence(s) for s in sentences]
        average = self._compute_average_probability_of_words
        heap = [(-average(word_freq, ws), i) for i, ws in enumerate(words)]
        heapq.heapify(heap)
        ratings: dict[Any, int] = {}
        while heap:
            bound, i = heapq.heappop(heap)
            current = average(word_freq, words[i])
            if current != -bound:  # stale: some of its words were used since
                heapq.heappush(heap, (-current, i))
                continue
            ratings[sentences[i]] = -len(ratings)
            self._update_tf(word_freq, words[i])
        return ratings
