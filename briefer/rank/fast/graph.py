"""sumy's graph methods (LexRank, TextRank, Reduction), matrix-free or in bounded blocks."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from briefer.rank.fast.common import NEAR, CachedStems
from briefer.rank.sparse import Floats, Ints, Rows, counts_of, postings, ranges, sum_by

BLOCK_CELLS = 1 << 22
"""Cells of one dense block of pairwise similarities (32 MB of float64)."""

CANDIDATE_MARGIN = 1e-6
"""How far under LexRank's threshold a cosine's cheap estimate may fall and still be computed."""

BLOCK_PAIRS = 1 << 21
"""Sentence pairs expanded at once from the inverted index."""


def gram_blocks(e: Rows, values: Floats) -> Iterator[tuple[int, int, Floats]]:
    """Dense row blocks of ``X @ X.T`` for the sparse sentence × term matrix X = ``values``.

    Frequent terms go through a small dense matrix product; the others are expanded pair by
    pair from the inverted index. Blocks are sized so that neither the block nor the pairs
    expanded for it exceed a fixed budget, whatever the length of the document.
    """
    n = e.height
    df = e.df
    frequent = df > max(32, n // 8)
    dense_ids = np.flatnonzero(frequent)
    dense = np.zeros((n, len(dense_ids)))
    if len(dense_ids):
        column = np.full(e.width, -1, dtype=np.int64)
        column[dense_ids] = np.arange(len(dense_ids))
        sel = frequent[e.indices]
        dense[e.rows[sel], column[e.indices[sel]]] = values[sel]
    rare = ~frequent[e.indices]
    order, ptr = postings(e.indices, e.width)
    pair_cost = sum_by(e.rows[rare], df[e.indices[rare]].astype(np.float64), n)
    max_rows = max(1, BLOCK_CELLS // max(n, 1))
    start = 0
    while start < n:
        stop = start + 1
        spent = pair_cost[start]
        while stop < n and stop - start < max_rows and spent + pair_cost[stop] <= BLOCK_PAIRS:
            spent += pair_cost[stop]
            stop += 1
        block = dense[start:stop] @ dense.T if len(dense_ids) else np.zeros((stop - start, n))
        lo, hi = e.indptr[start], e.indptr[stop]
        mine = np.arange(lo, hi)[rare[lo:hi]]
        if len(mine):
            t = e.indices[mine]
            sizes = df[t]
            post = order[ranges(ptr[t], sizes)]
            owner = np.repeat(mine, sizes)
            flat = (e.rows[owner] - start) * n + e.rows[post]
            weights = values[owner] * values[post]
            block += sum_by(flat, weights, (stop - start) * n).reshape(stop - start, n)
        yield start, stop, block
        start = stop


class _StemSets(CachedStems):
    """sumy's ``_to_words_set`` (lower-case, drop stop words, stem) of the graph methods, with
    the stem memo looked up directly instead of through two method calls a word."""

    def _to_words_set(self, sentence: Any) -> list[str]:
        stems = self._stems()
        stop = self._stop_words
        return [stems[w] for w in map(str.lower, sentence.words) if w not in stop]


class FastLexRankSummarizer(_StemSets, LexRankSummarizer):  # type: ignore[misc]
    """sumy's LexRank: idf-modified cosine, threshold graph, normalized power method.

    Similarities are computed in row blocks and only the edges above the threshold are kept,
    so memory grows with the number of edges, not with the square of the sentences.
    """

    def __call__(self, document: Any, sentences_count: Any) -> Any:
        sentences_words = [self._to_words_set(s) for s in document.sentences]
        if not sentences_words:
            return ()
        scores = self._fast_scores(sentences_words)
        ratings = dict(zip(document.sentences, scores, strict=True))
        return self._get_best_sentences(document.sentences, sentences_count, ratings)

    def _fast_scores(self, sentences_words: list[list[str]]) -> Floats:
        vocab: dict[str, int] = {}
        e = counts_of(sentences_words, vocab)
        n = e.height
        top = np.ones(n)
        starts = e.indptr[:-1][e.lengths > 0]
        if len(starts):
            top[e.lengths > 0] = np.maximum.reduceat(e.data, starts)
        tf = e.data / top[e.rows]
        idf_of = {d: math.log(n / (1 + d)) for d in set(e.df.tolist())}
        idf = np.array([idf_of[d] for d in e.df.tolist()])
        weights = tf * idf[e.indices]
        norms = np.sqrt(sum_by(e.rows, weights * weights, n))
        valid = norms > 0
        safe = np.where(valid, norms, 1.0)
        edge_rows: list[Ints] = []
        edge_cols: list[Ints] = []
        exact = _ExactCosine(self, sentences_words, vocab, e.df)
        # A cell can only be an edge (or a near-tie) if its cosine is above the threshold less
        # a margin far wider than any rounding: that cheap test, done on the whole block,
        # leaves a few cells whose cosine is then computed exactly as before.
        floor = (self.threshold - CANDIDATE_MARGIN) * safe
        inverse = 1.0 / safe
        buffer = np.empty(min(n * n, max(BLOCK_CELLS, n)))
        for start, stop, block in gram_blocks(e, weights):
            scaled = buffer[: block.size].reshape(block.shape)
            np.multiply(block, inverse[start:stop, None], out=scaled)
            flat = np.flatnonzero(scaled > floor[None, :])
            rows, cols = np.divmod(flat, n)
            rows += start
            cosine = block.ravel()[flat] / (safe[rows] * safe[cols])
            cosine[~(valid[rows] & valid[cols])] = 0.0
            above = cosine > self.threshold
            for k in np.flatnonzero(np.abs(cosine - self.threshold) <= NEAR).tolist():
                above[k] = exact(int(rows[k]), int(cols[k])) > self.threshold
            edge_rows.append(rows[above].astype(np.int64))
            edge_cols.append(cols[above].astype(np.int64))
        rows, cols = np.concatenate(edge_rows), np.concatenate(edge_cols)
        degrees = np.bincount(rows, minlength=n).astype(np.float64)
        degrees[degrees == 0] = 1.0
        cell = 1.0 / degrees[rows]
        p = np.array([1.0 / n] * n)
        change = 1.0
        while change > self.epsilon:
            nxt = sum_by(cols, cell * p[rows], n)
            nxt /= np.linalg.norm(nxt)
            change = float(np.linalg.norm(np.subtract(nxt, p)))
            p = nxt
        return p


class _ExactCosine:
    """sumy's own ``cosine_similarity`` for one pair, for similarities at the threshold."""

    def __init__(
        self, summarizer: Any, sentences_words: list[list[str]], vocab: dict[str, int], df: Ints
    ) -> None:
        self._summarizer = summarizer
        self._words = sentences_words
        self._vocab = vocab
        self._df = df
        self._idf: dict[str, float] | None = None

    def __call__(self, i: int, j: int) -> float:
        if self._idf is None:  # sumy's _compute_idf, without its quadratic document scan
            n = len(self._words)
            self._idf = {w: math.log(n / (1 + int(self._df[t]))) for w, t in self._vocab.items()}
        s = self._summarizer
        a, b = self._words[i], self._words[j]
        tf1, tf2 = s._compute_tf([a, b])
        value: float = s.cosine_similarity(a, b, tf1, tf2, self._idf)
        return value


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


class FastTextRankSummarizer(_StemSets, TextRankSummarizer):  # type: ignore[misc]
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


class FastReductionSummarizer(_StemSets, ReductionSummarizer):  # type: ignore[misc]
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
