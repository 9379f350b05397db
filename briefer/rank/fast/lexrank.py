"""sumy's LexRank: the threshold graph from the pairs of sentences sharing a term, in blocks."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np
from sumy.summarizers.lex_rank import LexRankSummarizer

from briefer.rank.fast.common import NEAR, StemSets
from briefer.rank.sparse import Floats, Ints, Rows, counts_of, postings, ranges, sum_by

BLOCK_CELLS = 1 << 18
"""Cells of one row block of pairwise similarities (2 MB of float64: it stays in cache)."""

CANDIDATE_MARGIN = 1e-6
"""How far under LexRank's threshold a cosine's cheap estimate may fall and still be computed."""

BLOCK_PAIRS = 1 << 20
"""Sentence pairs expanded at once from the inverted index."""


class GramBlock(NamedTuple):
    """Rows ``start:stop`` of the upper triangle of ``X @ X.T`` (columns from ``start`` on)."""

    start: int
    stop: int
    block: Floats
    """The rows, flat: row r, column c at ``(r - start) * (n - start) + c - start``; only the
    cells with c ≥ r are computed."""
    cells: Ints
    """The flat position in ``block`` of every pair of entries, one of row r and one of a
    row c ≥ r, of the same term: a pair of sentences recurs once for each term they share.
    The cells of no pair are zero."""


def gram_blocks(e: Rows, values: Floats) -> Iterator[GramBlock]:
    """Row blocks of the upper triangle of ``X @ X.T`` for the sparse matrix X = ``values``.

    The products are expanded pair by pair from the inverted index, so the time grows with
    the number of pairs of sentences sharing a term, (Σ df(t)²) / 2, not with the square of
    the sentences. Blocks are sized so that neither the block (which stays in the cache) nor
    the pairs expanded for it exceed a fixed budget, whatever the length of the document.
    """
    n = e.height
    df = e.df
    order, ptr = postings(e.indices, e.width)
    # a term's entries are in row order: an entry pairs with itself and the ones after it
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    rank -= ptr[e.indices]
    later = df[e.indices] - rank
    pair_cost = sum_by(e.rows, later.astype(np.float64), n).tolist()
    start = 0
    while start < n:
        width = n - start
        max_rows = max(1, BLOCK_CELLS // width)
        stop = start + 1
        spent = pair_cost[start]
        while stop < n and stop - start < max_rows and spent + pair_cost[stop] <= BLOCK_PAIRS:
            spent += pair_cost[stop]
            stop += 1
        mine = np.arange(e.indptr[start], e.indptr[stop])
        sizes = later[mine]
        post = order[ranges(ptr[e.indices[mine]] + rank[mine], sizes)]
        owner = np.repeat(mine, sizes)
        cells = (e.rows[owner] - start) * width + (e.rows[post] - start)
        block = sum_by(cells, values[owner] * values[post], (stop - start) * width)
        yield GramBlock(start, stop, block, cells)
        start = stop


def row_major(upper: tuple[Ints, Ints], lower: tuple[Ints, Ints], n: int) -> tuple[Ints, Ints]:
    """The edges (row, column) of both halves of a matrix, in row-major order.

    ``upper`` holds edges with column ≥ row in row-major order, ``lower`` the edges with
    column < row ordered by column then row (as the mirror images of upper edges come): a
    stable sort by row of the lower ones then the upper ones puts each row's in column order.
    """
    rows = np.concatenate((lower[0], upper[0]))
    cols = np.concatenate((lower[1], upper[1]))
    keys = rows.astype(np.uint16) if n <= 1 << 16 else rows  # 16 bits: a linear radix sort
    order = np.argsort(keys, kind="stable")
    return rows[order], cols[order]


class FastLexRankSummarizer(StemSets, LexRankSummarizer):  # type: ignore[misc]
    """sumy's LexRank: idf-modified cosine, threshold graph, normalized power method.

    Similarities are computed for the pairs of sentences sharing a term, once a pair, in row
    blocks, and only the edges above the threshold are kept, so memory grows with the number
    of edges, not with the square of the sentences.
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
        unit = weights / np.where(valid, norms, 1.0)[e.rows]
        rows, cols = self._edges(e, unit, valid, _ExactCosine(self, sentences_words, vocab, e.df))
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

    def _edges(self, e: Rows, unit: Floats, valid: Any, exact: _ExactCosine) -> tuple[Ints, Ints]:
        """The cells of sumy's matrix whose cosine is above the threshold, in row-major order.

        A cell can only be an edge (or a near-tie) if its cosine is above the threshold less a
        margin far wider than any rounding: that cheap test leaves a few cells whose cosine is
        then decided, near the threshold by sumy's own arithmetic for each of the two cells
        (i, j) and (j, i). Above a threshold of (about) zero, only the cells of sentences
        sharing a term can pass it, and only those are tested.
        """
        n = e.height
        threshold = self.threshold
        low = threshold - CANDIDATE_MARGIN
        upper: list[tuple[Ints, Ints]] = []
        lower: list[tuple[Ints, Ints]] = []
        seen = np.zeros(min(n * n, max(BLOCK_CELLS, n)), dtype=bool)
        for g in gram_blocks(e, unit):
            width = n - g.start
            if low <= 0.0:
                flat = np.flatnonzero(g.block > low)
                flat = flat[flat % width >= flat // width]  # the upper triangle
            else:
                seen[g.cells[g.block[g.cells] > low]] = True
                flat = np.flatnonzero(seen[: g.block.size])  # each cell once, in order
                seen[flat] = False
            rows, cols = np.divmod(flat, width)
            rows += g.start
            cols += g.start
            cosine = g.block[flat]
            cosine[~(valid[rows] & valid[cols])] = 0.0
            forward = cosine > threshold
            backward = forward & (rows != cols)
            for k in np.flatnonzero(np.abs(cosine - threshold) <= NEAR).tolist():
                i, j = int(rows[k]), int(cols[k])
                forward[k] = exact(i, j) > threshold
                backward[k] = i != j and exact(j, i) > threshold
            upper.append((rows[forward], cols[forward]))
            lower.append((cols[backward], rows[backward]))
        return row_major(_joined(upper), _joined(lower), n)


def _joined(parts: list[tuple[Ints, Ints]]) -> tuple[Ints, Ints]:
    if not parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    return np.concatenate([r for r, _ in parts]), np.concatenate([c for _, c in parts])


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
