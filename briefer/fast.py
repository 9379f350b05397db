"""Vectorized subclasses of sumy's summarizers: sumy's ratings, without sumy's quadratic loops.

sumy compares every pair of sentences in Python (LexRank, TextRank, Reduction), expands a
dense |words|×|sentences| matrix cell by cell (LSA), re-scores every sentence against the
whole summary at every greedy step (KL-Sum, SumBasic) and stems every occurrence of a word
again and again (all of them). Each class here subclasses sumy's own, keeps its attributes,
its ``__call__`` and the shape of its ratings (dicts keyed by sentence, so identical
sentences share a rating; KL-Sum and SumBasic rate by negative selection order), and
computes the same numbers with numpy, in memory linear in the size of the text.

Where floating-point rounding could flip a discrete decision (a similarity right at
LexRank's threshold, a near-tie in KL-Sum's greedy choice), the few cases involved are
recomputed with sumy's own code, so the chosen sentences are sumy's.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from warnings import warn

import numpy as np
from numpy.typing import NDArray
from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.edmundson import EdmundsonSummarizer
from sumy.summarizers.edmundson_cue import EdmundsonCueMethod
from sumy.summarizers.edmundson_key import EdmundsonKeyMethod
from sumy.summarizers.edmundson_location import EdmundsonLocationMethod
from sumy.summarizers.edmundson_title import EdmundsonTitleMethod
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.reduction import ReductionSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from briefer.rank import StemCache, clear_stem_cache, stem_cache  # noqa: F401 (re-exported)

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

NEAR = 1e-9
"""Relative distance under which two floats are treated as a possible tie and settled by
recomputing them exactly as sumy does."""

_BLOCK_CELLS = 1 << 22
"""Cells of one dense block of pairwise similarities (32 MB of float64)."""

_BLOCK_PAIRS = 1 << 21
"""Sentence pairs expanded at once from the inverted index."""

_KL_REFRESH = 256
"""KL-Sum updates its running sums incrementally; recompute them from scratch this often."""


class _CachedStems(AbstractSummarizer):  # type: ignore[misc]
    """Memoize ``stem_word``: sumy stems every occurrence of a word, often several times."""

    def _stems(self) -> StemCache:
        stems: StemCache | None = self.__dict__.get("_stem_cache")
        if stems is None:
            stems = self._stem_cache = stem_cache(self._stemmer)
        return stems

    def stem_word(self, word: str) -> str:
        return self._stems()[word]


@dataclass(frozen=True, slots=True)
class _Entries:
    """Sentences as sparse term counts: one entry per (sentence, distinct term), row-major."""

    n: int
    n_terms: int
    rows: Ints
    terms: Ints
    counts: Floats
    lengths: Ints  # words per sentence, repeats included
    row_ptr: Ints  # entries of sentence i are row_ptr[i]:row_ptr[i + 1]

    @property
    def df(self) -> Ints:
        """Sentences containing each term."""
        return np.bincount(self.terms, minlength=self.n_terms)


def _entries(token_lists: Sequence[Sequence[str]], vocab: dict[str, int] | None = None) -> _Entries:
    """Count the tokens of each sentence; ``vocab`` (term → id) is extended as needed."""
    vocab = {} if vocab is None else vocab
    ids = [vocab.setdefault(w, len(vocab)) for words in token_lists for w in words]
    n = len(token_lists)
    n_terms = max(len(vocab), 1)
    lengths = np.fromiter((len(w) for w in token_lists), dtype=np.int64, count=n)
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    keys, counts = np.unique(rows * n_terms + np.asarray(ids, dtype=np.int64), return_counts=True)
    rows, terms = np.divmod(keys, n_terms)
    row_ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=row_ptr[1:])
    return _Entries(n, n_terms, rows, terms, counts.astype(np.float64), lengths, row_ptr)


def _sum_by(index: Ints, weights: Floats, size: int) -> Floats:
    """Sums of ``weights`` grouped by ``index`` into ``size`` bins (float64, even if empty)."""
    out: Floats = np.bincount(index, weights=weights, minlength=size).astype(np.float64, copy=False)
    return out


def _postings(terms: Ints, n_terms: int) -> tuple[Ints, Ints]:
    """Inverted index: entries of term t are ``order[ptr[t]:ptr[t + 1]]``."""
    order = np.argsort(terms, kind="stable")
    ptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=n_terms), out=ptr[1:])
    return order, ptr


def _ranges(starts: Ints, sizes: Ints) -> Ints:
    """The concatenation of ``range(s, s + k)`` for every start s and size k."""
    total = int(sizes.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.cumsum(sizes) - sizes
    return np.repeat(starts - offsets, sizes) + np.arange(total, dtype=np.int64)


def _gram_blocks(e: _Entries, values: Floats) -> Iterator[tuple[int, int, Floats]]:
    """Dense row blocks of ``X @ X.T`` for the sparse sentence × term matrix X = ``values``.

    Frequent terms go through a small dense matrix product; the others are expanded pair by
    pair from the inverted index. Blocks are sized so that neither the block nor the pairs
    expanded for it exceed a fixed budget, whatever the length of the document.
    """
    n = e.n
    df = e.df
    frequent = df > max(32, n // 8)
    dense_ids = np.flatnonzero(frequent)
    dense = np.zeros((n, len(dense_ids)))
    if len(dense_ids):
        column = np.full(e.n_terms, -1, dtype=np.int64)
        column[dense_ids] = np.arange(len(dense_ids))
        sel = frequent[e.terms]
        dense[e.rows[sel], column[e.terms[sel]]] = values[sel]
    rare = ~frequent[e.terms]
    order, ptr = _postings(e.terms, e.n_terms)
    pair_cost = _sum_by(e.rows[rare], df[e.terms[rare]].astype(np.float64), n)
    max_rows = max(1, _BLOCK_CELLS // max(n, 1))
    start = 0
    while start < n:
        stop = start + 1
        spent = pair_cost[start]
        while stop < n and stop - start < max_rows and spent + pair_cost[stop] <= _BLOCK_PAIRS:
            spent += pair_cost[stop]
            stop += 1
        block = dense[start:stop] @ dense.T if len(dense_ids) else np.zeros((stop - start, n))
        lo, hi = e.row_ptr[start], e.row_ptr[stop]
        mine = np.arange(lo, hi)[rare[lo:hi]]
        if len(mine):
            t = e.terms[mine]
            sizes = df[t]
            post = order[_ranges(ptr[t], sizes)]
            owner = np.repeat(mine, sizes)
            flat = (e.rows[owner] - start) * n + e.rows[post]
            weights = values[owner] * values[post]
            block += _sum_by(flat, weights, (stop - start) * n).reshape(stop - start, n)
        yield start, stop, block
        start = stop


class FastLsaSummarizer(_CachedStems, LsaSummarizer):  # type: ignore[misc]
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
        e = _entries(stems, dict(dictionary))
        if not len(e.rows):
            return [0.0] * len(sentences)
        smooth = 0.4  # the default of sumy's _compute_term_frequency
        starts = e.row_ptr[:-1][e.lengths > 0]
        top = np.zeros(e.n)
        top[e.lengths > 0] = np.maximum.reduceat(e.counts, starts)
        cells = smooth + (1.0 - smooth) * (e.counts / top[e.rows])
        nonzero = np.bincount(e.rows, minlength=e.n)
        squares = _sum_by(e.rows, cells * cells, e.n)
        squares += (len(dictionary) - nonzero) * (smooth * smooth)
        squares[top == 0] = 0.0  # a sentence without dictionary words keeps a zero column
        return [math.sqrt(x) for x in squares.tolist()]


class FastLexRankSummarizer(_CachedStems, LexRankSummarizer):  # type: ignore[misc]
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
        e = _entries(sentences_words, vocab)
        n = e.n
        top = np.ones(n)
        starts = e.row_ptr[:-1][e.lengths > 0]
        if len(starts):
            top[e.lengths > 0] = np.maximum.reduceat(e.counts, starts)
        tf = e.counts / top[e.rows]
        idf_of = {d: math.log(n / (1 + d)) for d in set(e.df.tolist())}
        idf = np.array([idf_of[d] for d in e.df.tolist()])
        weights = tf * idf[e.terms]
        norms = np.sqrt(_sum_by(e.rows, weights * weights, n))
        valid = norms > 0
        safe = np.where(valid, norms, 1.0)
        edge_rows: list[Ints] = []
        edge_cols: list[Ints] = []
        exact = _ExactCosine(self, sentences_words, vocab, e.df)
        for start, stop, block in _gram_blocks(e, weights):
            cosine = block / (safe[start:stop, None] * safe[None, :])
            cosine[:, ~valid] = 0.0
            cosine[~valid[start:stop], :] = 0.0
            above = cosine > self.threshold
            for i, j in zip(*np.nonzero(np.abs(cosine - self.threshold) <= NEAR), strict=True):
                above[i, j] = exact(start + int(i), int(j)) > self.threshold
            rows, cols = np.nonzero(above)
            edge_rows.append((rows + start).astype(np.int64))
            edge_cols.append(cols.astype(np.int64))
        rows, cols = np.concatenate(edge_rows), np.concatenate(edge_cols)
        degrees = np.bincount(rows, minlength=n).astype(np.float64)
        degrees[degrees == 0] = 1.0
        cell = 1.0 / degrees[rows]
        p = np.array([1.0 / n] * n)
        change = 1.0
        while change > self.epsilon:
            nxt = _sum_by(cols, cell * p[rows], n)
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

    def __init__(self, e: _Entries, single: float) -> None:
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
        row_cls = np.zeros(e.n, dtype=np.int64)
        row_cls[e.rows] = self.entry_cls
        squares = _sum_by(e.rows, e.counts * e.counts, e.n)
        self.diagonal = self.factor[row_cls, row_cls] * squares if self.k else squares

    def __matmul__(self, x: Floats) -> Floats:
        e = self.e
        if not len(e.rows):
            return np.zeros(e.n)
        by_class = _sum_by(
            e.terms * self.k + self.entry_cls,
            e.counts * x[e.rows],
            e.n_terms * self.k,
        ).reshape(e.n_terms, self.k)
        spread = by_class @ self.factor.T
        y: Floats = _sum_by(e.rows, e.counts * spread[e.terms, self.entry_cls], e.n)
        return y


class FastTextRankSummarizer(_CachedStems, TextRankSummarizer):  # type: ignore[misc]
    """sumy's TextRank (damped PageRank over word-overlap weights), matrix-free."""

    def rate_sentences(self, document: Any) -> dict[Any, float]:
        words = [self._to_words_set(s) for s in document.sentences]
        n = len(words)
        w = _Overlap(_entries(words), single=1.0)
        denominator = (w @ np.ones(n)) + self._ZERO_DIVISION_PREVENTION
        p = np.array([1.0 / n] * n)
        change = 1.0
        while change > self.epsilon:
            nxt = (1.0 - self.damping) / n * p.sum() + self.damping * (w @ (p / denominator))
            change = float(np.linalg.norm(np.subtract(nxt, p)))
            p = nxt
        return dict(zip(document.sentences, p.tolist(), strict=True))


class FastReductionSummarizer(_CachedStems, ReductionSummarizer):  # type: ignore[misc]
    """sumy's Reduction: each sentence's summed overlap with every other sentence."""

    def rate_sentences(self, document: Any) -> defaultdict[Any, float]:
        words = [self._to_words_set(s) for s in document.sentences]
        ratings: defaultdict[Any, float] = defaultdict(float)
        if len(words) < 2:
            return ratings
        w = _Overlap(_entries(words), single=0.0)
        totals = (w @ np.ones(len(words))) - w.diagonal
        for sentence, total in zip(document.sentences, totals.tolist(), strict=True):
            ratings[sentence] += total  # identical sentences are one key: their totals add up
        return ratings


class FastLuhnSummarizer(_CachedStems, LuhnSummarizer):  # type: ignore[misc]
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


class _SentenceStems(_CachedStems):
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


class FastEdmundsonSummarizer(_CachedStems, EdmundsonSummarizer):  # type: ignore[misc]
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


class FastSumBasicSummarizer(_CachedStems, SumBasicSummarizer):  # type: ignore[misc]
    """sumy's SumBasic with lazy greedy selection.

    Word probabilities only ever shrink (p ← p², p ≤ 1), so a sentence's average can only
    fall: a heap of possibly stale averages gives the best sentence after re-scoring only the
    few at its top, with sumy's own arithmetic and sumy's tie-break (the first sentence).
    """

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


class FastKLSummarizer(KLSummarizer):  # type: ignore[misc]
    """sumy's KL-Sum, with every sentence's divergence kept up to date incrementally.

    For the summary S (raw words, as sumy joins them) and a sentence s, sumy computes
    KL(s) = Σ_{w ∈ s ∪ S, P(w) > 0} P(w) log(P(w) (|s| + |S|) / (c_s(w) + c_S(w))). This splits
    into a part of S alone (A, B), per-sentence sums (P, Q) that change only for the sentences
    sharing a word with the sentence just chosen, and log(|s| + |S|). Near-ties are settled
    with sumy's own ``_joint_freq`` and ``_kl_divergence``.
    """

    def _compute_ratings(self, sentences: Sequence[Any]) -> dict[Any, int]:
        word_freq: dict[str, float] = self.compute_tf(sentences)
        content = [self._get_content_words_in_sentence(s) for s in sentences]
        state = _KLState(word_freq, content)
        summary = _KLSummary(word_freq, sentences)
        ratings: dict[Any, int] = {}
        for step in range(len(content)):
            if step and step % _KL_REFRESH == 0:
                state.refresh()
            kl = state.divergences()
            best = float(kl.min())
            tied = np.flatnonzero(kl <= best + NEAR * max(1.0, abs(best))).tolist()
            # Sentences with the same content words are the same sumy computation: the first
            # one wins. Others at a tie are settled by sumy's own rounding.
            distinct = sorted({tuple(content[t]): t for t in reversed(tied)}.values())
            i = distinct[0]
            if len(distinct) > 1:
                exact = [summary.divergence(self._compute_word_freq(content[t])) for t in distinct]
                i = distinct[exact.index(min(exact))]
            ratings[sentences[i]] = -len(ratings)
            summary.add(sentences[i].words)
            state.add(i, sentences[i].words)
        return ratings


class _KLSummary:
    """The summary's word counts in sumy's order, to replay sumy's arithmetic for one sentence.

    sumy's ``_kl_divergence(_joint_freq(s, summary), P)`` adds, in order, a term for each word
    of s and then one for each other word of the summary (first occurrences first). The same
    float operations are done here, the summary's terms as arrays (shared by all candidates
    of one length) and the running sum with ``np.add.accumulate``, which adds in order.
    """

    def __init__(self, word_freq: dict[str, float], sentences: Sequence[Any]) -> None:
        self.word_freq = word_freq
        distinct = {w for s in sentences for w in s.words}
        self.position: dict[str, int] = {}
        self.counts = np.zeros(len(distinct) + 1)
        self.freq = np.zeros(len(distinct) + 1)
        self.length = 0
        self._terms: dict[int, Floats] = {}

    def add(self, words: Sequence[str]) -> None:
        for w in words:
            k = self.position.get(w)
            if k is None:
                k = self.position[w] = len(self.position)
                self.freq[k] = self.word_freq.get(w) or 0.0
            self.counts[k] += 1
        self.length += len(words)
        self._terms.clear()

    def divergence(self, sentence_freq: dict[str, int]) -> float:
        """sumy's KL divergence of the joint distribution of the summary and a sentence."""
        total = float(sum(sentence_freq.values()) + self.length)
        value = 0.0
        for w, c in sentence_freq.items():
            k = self.position.get(w)
            joint = (c + (int(self.counts[k]) if k is not None else 0)) / total
            f = self.word_freq.get(w)
            if f:
                value += f * math.log(f / joint)
        m = len(self.position)
        terms = self._terms.get(int(total))
        if terms is None:
            ratio = self.freq[:m] / (self.counts[:m] / total)
            logs = [math.log(x) if x > 0 else 0.0 for x in ratio.tolist()]
            terms = self._terms[int(total)] = self.freq[:m] * np.array(logs, dtype=np.float64)
        keep = self.freq[:m] > 0
        mine = [self.position[w] for w in sentence_freq if w in self.position]
        keep[mine] = False
        return float(np.add.accumulate(np.concatenate(([value], terms[keep])))[-1])


class _KLState:
    """The running sums of :class:`FastKLSummarizer` (see its docstring)."""

    def __init__(self, word_freq: dict[str, float], content: list[list[str]]) -> None:
        self.vocab = {w: t for t, w in enumerate(word_freq)}
        e = _entries(content, self.vocab)
        self.n = e.n
        freq = np.zeros(max(len(self.vocab), 1))
        freq[: len(word_freq)] = list(word_freq.values())
        self.freq = freq
        self.log_freq = np.log(np.where(freq > 0, freq, 1.0))
        keep = freq[e.terms] > 0
        self.rows, self.terms, self.counts = e.rows[keep], e.terms[keep], e.counts[keep]
        self.order, self.ptr = _postings(self.terms, len(freq))
        self.lengths = e.lengths.astype(np.float64)
        self.summary_counts = np.zeros(len(freq))
        self.summary_length = 0
        self.alive = np.ones(self.n, dtype=bool)
        self.a = 0.0
        self.b = 0.0
        self.p = np.zeros(self.n)
        self.q = np.zeros(self.n)
        self.refresh()

    def _contributions(self, entries: Ints) -> tuple[Floats, Floats]:
        """Each entry's share of P and Q under the current summary counts."""
        t = self.terms[entries]
        f = self.freq[t]
        c = self.counts[entries]
        in_summary = self.summary_counts[t]
        shared = in_summary > 0
        safe = np.where(shared, in_summary, 1.0)
        q = np.where(
            shared,
            f * (np.log(safe) - np.log(c + in_summary)),
            f * (self.log_freq[t] - np.log(c)),
        )
        return np.where(shared, 0.0, f), q

    def refresh(self) -> None:
        p, q = self._contributions(np.arange(len(self.rows)))
        self.p = _sum_by(self.rows, p, self.n)
        self.q = _sum_by(self.rows, q, self.n)
        used = np.flatnonzero((self.summary_counts > 0) & (self.freq > 0))
        f = self.freq[used]
        self.a = float(np.sum(f * (self.log_freq[used] - np.log(self.summary_counts[used]))))
        self.b = float(np.sum(f))

    def divergences(self) -> Floats:
        """KL(s) for every sentence still to choose; +inf for the others."""
        total = self.lengths + self.summary_length
        with np.errstate(divide="ignore", invalid="ignore"):
            kl = self.a + self.q + (self.b + self.p) * np.log(total)
        kl[total == 0] = 0.0  # sumy: an empty joint distribution diverges by nothing
        kl[~self.alive] = np.inf
        return kl

    def add(self, i: int, raw_words: Sequence[str]) -> None:
        """Move sentence ``i`` into the summary (its raw words, as sumy counts them)."""
        self.alive[i] = False
        self.summary_length += len(raw_words)
        ids = [self.vocab[w] for w in raw_words if w in self.vocab]
        if not ids:
            return
        changed, added = np.unique(np.asarray(ids, dtype=np.int64), return_counts=True)
        keep = self.freq[changed] > 0
        changed, added = changed[keep], added[keep]
        if not len(changed):
            return
        entries = self.order[_ranges(self.ptr[changed], self.ptr[changed + 1] - self.ptr[changed])]
        old_p, old_q = self._contributions(entries)
        f = self.freq[changed]
        before = self.summary_counts[changed]
        self.a -= float(
            np.sum(
                np.where(
                    before > 0,
                    f * (self.log_freq[changed] - np.log(np.where(before > 0, before, 1.0))),
                    0.0,
                )
            )
        )
        self.b -= float(np.sum(np.where(before > 0, f, 0.0)))
        self.summary_counts[changed] += added
        after = self.summary_counts[changed]
        self.a += float(np.sum(f * (self.log_freq[changed] - np.log(after))))
        self.b += float(np.sum(f))
        new_p, new_q = self._contributions(entries)
        rows = self.rows[entries]
        self.p += _sum_by(rows, new_p - old_p, self.n)
        self.q += _sum_by(rows, new_q - old_q, self.n)


FAST_CLASSES: dict[str, type] = {
    "lsa": FastLsaSummarizer,
    "lexrank": FastLexRankSummarizer,
    "textrank": FastTextRankSummarizer,
    "luhn": FastLuhnSummarizer,
    "edmundson": FastEdmundsonSummarizer,
    "kl": FastKLSummarizer,
    "sumbasic": FastSumBasicSummarizer,
    "reduction": FastReductionSummarizer,
}
"""briefer's summarizer for each sumy method it speeds up (``random`` is sumy's own)."""
