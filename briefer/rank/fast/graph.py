"""sumy's word-overlap graph methods (TextRank, Reduction), matrix-free."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from briefer.rank.fast.common import StemSets
from briefer.rank.sparse import Floats, Rows, counts_of, sum_by


class _Overlap:
    """The matrix W[i, j] = overlap(i, j) / (log len i + log len j), never stored.

    overlap(i, j) counts the pairs of equal words (sumy's ``_rate_sentences_edge``), the dot
    product of the two sentences' term counts. The denominator depends only on the two
    lengths, so W·x is computed class by class of sentence length: O(entries × length
    classes) time and memory instead of O(sentences²).
    """

    def __init__(self, e: Rows, single: float) -> None:
        self.e = e
        lengths, cls = np.unique(e.lengths[e.rows], return_inverse=True)
        self.entry_cls = cls.astype(np.int64)
        logs = np.array([math.log(int(x)) for x in lengths])
        norm = logs[:, None] + logs[None, :]
        with np.errstate(divide="ignore"):
            # sumy returns ``single`` (TextRank: the overlap itself; Reduction: zero) when both
            # sentences have one word and the denominator is zero.
            self.factor = np.where(norm == 0.0, single, 1.0 / np.where(norm == 0.0, 1.0, norm))
        self.k = len(lengths)
        row_cls = np.zeros(e.height, dtype=np.int64)
        row_cls[e.rows] = self.entry_cls
        squares = sum_by(e.rows, e.data * e.data, e.height)
        self.diagonal = self.factor[row_cls, row_cls] * squares if self.k else squares

    def __matmul__(self, x: Floats) -> Floats:
        e = self.e
        if not len(e.rows):
            return np.zeros(e.height)
        by_class = sum_by(
            e.indices * self.k + self.entry_cls,
            e.data * x[e.rows],
            e.width * self.k,
        ).reshape(e.width, self.k)
        spread = by_class @ self.factor.T
        y: Floats = sum_by(e.rows, e.data * spread[e.indices, self.entry_cls], e.height)
        return y


class FastTextRankSummarizer(StemSets, TextRankSummarizer):  # type: ignore[misc]
    """sumy's TextRank (damped PageRank over word-overlap weights), matrix-free."""

    def rate_sentences(self, document: Any) -> dict[Any, float]:
        words = [self._to_words_set(s) for s in document.sentences]
        n = len(words)
        w = _Overlap(counts_of(words), single=1.0)
        denominator = (w @ np.ones(n)) + self._ZERO_DIVISION_PREVENTION
        p = np.array([1.0 / n] * n)
        change = 1.0
        while change > self.epsilon:
            nxt = (1.0 - self.damping) / n * p.sum() + self.damping * (w @ (p / denominator))
            change = float(np.linalg.norm(np.subtract(nxt, p)))
            p = nxt
        return dict(zip(document.sentences, p.tolist(), strict=True))


class FastReductionSummarizer(StemSets, ReductionSummarizer):  # type: ignore[misc]
    """sumy's Reduction: each sentence's summed overlap with every other sentence."""

    def rate_sentences(self, document: Any) -> defaultdict[Any, float]:
        words = [self._to_words_set(s) for s in document.sentences]
        ratings: defaultdict[Any, float] = defaultdict(float)
        if len(words) < 2:
            return ratings
        w = _Overlap(counts_of(words), single=0.0)
        totals = (w @ np.ones(len(words))) - w.diagonal
        for sentence, total in zip(document.sentences, totals.tolist(), strict=True):
            ratings[sentence] += total  # identical sentences are one key: their totals add up
        return ratings
