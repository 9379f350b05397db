"""One sparse sentence × term matrix, in plain numpy: what every vectorized method counts with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Rows:
    """A sparse sentence × term matrix in compressed rows, without scipy.

    Row ``i``'s entries are ``indices[indptr[i]:indptr[i + 1]]`` (term ids, each once, sorted)
    and the same slice of ``data``; ``rows`` is the row of every entry, and ``lengths`` the
    words of every sentence, repeats included (the row sums of the counts it was made from).
    """

    indptr: Ints
    indices: Ints
    data: Floats
    width: int
    rows: Ints
    lengths: Ints

    @property
    def height(self) -> int:
        """Number of rows (sentences)."""
        return len(self.indptr) - 1

    @property
    def df(self) -> Ints:
        """Rows containing each term (document frequency)."""
        return np.bincount(self.indices, minlength=self.width)

    def with_data(self, data: Floats) -> Rows:
        """The same sparsity pattern with other values."""
        return Rows(self.indptr, self.indices, data, self.width, self.rows, self.lengths)

    def dot(self, vector: Floats) -> Floats:
        """The matrix times a dense column vector (one value per row)."""
        return sum_by(self.rows, self.data * vector[self.indices], self.height)

    def row_sums(self, power: int = 1) -> Floats:
        """Sums of each row's values (raised to ``power``)."""
        return sum_by(self.rows, self.data**power, self.height)

    def column_sums(self, rows: Floats | None = None) -> Floats:
        """Sums of the columns, over all rows or weighted by ``rows`` (one weight per row)."""
        data = self.data if rows is None else self.data * rows[self.rows]
        return sum_by(self.indices, data, self.width)

    def dense(self, rows: Sequence[int] | Ints) -> Floats:
        """The given rows as a dense matrix over only the columns they use."""
        pick = np.asarray(rows, dtype=np.int64)
        starts, ends = self.indptr[pick], self.indptr[pick + 1]
        sizes = ends - starts
        if sizes.sum() == 0:
            return np.zeros((len(pick), 1))
        at = ranges(starts, sizes)
        columns, local = np.unique(self.indices[at], return_inverse=True)
        out = np.zeros((len(pick), len(columns)))
        out[np.repeat(np.arange(len(pick)), sizes), local] = self.data[at]
        return out


def counts_of(tokens: Sequence[Sequence[str]], vocab: dict[str, int] | None = None) -> Rows:
    """Sentence × term counts; ``vocab`` (term → column) is filled in as terms are met."""
    vocab = {} if vocab is None else vocab
    n = len(tokens)
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=n)
    words = list(chain.from_iterable(tokens))
    for w in dict.fromkeys(words):  # new terms numbered in order of first occurrence
        if w not in vocab:
            vocab[w] = len(vocab)
    columns = np.fromiter(map(vocab.__getitem__, words), dtype=np.int64, count=len(words))
    width = max(len(vocab), 1)
    entry_rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys, data = np.unique(entry_rows * width + columns, return_counts=True)
    rows, indices = np.divmod(keys, width)
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return Rows(indptr, indices, data.astype(np.float64), width, rows, lengths)


def sum_by(index: Ints, weights: Floats, size: int) -> Floats:
    """Sums of ``weights`` grouped by ``index`` into ``size`` bins (float64, even if empty)."""
    out: Floats = np.bincount(index, weights=weights, minlength=size).astype(np.float64, copy=False)
    return out


def ranges(starts: Ints, sizes: Ints) -> Ints:
    """The concatenation of ``range(s, s + k)`` for every start s and size k."""
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(sizes) - sizes
    return np.repeat(starts - offsets, sizes) + np.arange(total, dtype=np.int64)


def postings(terms: Ints, n_terms: int) -> tuple[Ints, Ints]:
    """Inverted index: entries of term t are ``order[ptr[t]:ptr[t + 1]]``."""
    order = np.argsort(terms, kind="stable")
    ptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=ptr[1:])
    return order, ptr
