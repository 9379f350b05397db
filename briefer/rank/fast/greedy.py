"""sumy's greedy methods (SumBasic, KL-Sum), with lazy or incremental re-scoring."""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer

from briefer.rank.fast.common import NEAR, CachedStems
from briefer.rank.sparse import Floats, Ints, counts_of, postings, ranges, sum_by

KL_REFRESH = 256
"""KL-Sum updates its running sums incrementally; recompute them from scratch this often."""


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
            if step and step % KL_REFRESH == 0:
                state.refresh()
            kl = state.divergences()
            best = float(kl.min())
            tied = state.ids[np.flatnonzero(kl <= best + NEAR * max(1.0, abs(best)))].tolist()
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
        ks: list[int] = []
        for w in words:
            k = self.position.get(w)
            if k is None:
                k = self.position[w] = len(self.position)
                self.freq[k] = self.word_freq.get(w) or 0.0
            ks.append(k)
        np.add.at(self.counts, ks, 1.0)  # whole counts: the same floats in any order
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
        e = counts_of(content, self.vocab)
        self.n = e.height
        freq = np.zeros(max(len(self.vocab), 1))
        freq[: len(word_freq)] = list(word_freq.values())
        self.freq = freq
        self.log_freq = np.log(np.where(freq > 0, freq, 1.0))
        keep = freq[e.indices] > 0
        self.rows, self.terms, self.counts = e.rows[keep], e.indices[keep], e.data[keep]
        self.order, self.ptr = postings(self.terms, len(freq))
        # An entry's share of P and Q depends only on its term and count: when a sentence is
        # chosen, the shares change once per (term, count) class, then are spread to entries.
        top = int(self.counts.max()) + 1 if len(self.counts) else 1
        keys, self.entry_class = np.unique(
            self.terms * top + self.counts.astype(np.int64), return_inverse=True
        )
        self.class_term = keys // top
        self.class_count = (keys % top).astype(np.float64)
        self.class_ptr = np.zeros(len(freq) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.class_term, minlength=len(freq)), out=self.class_ptr[1:])
        self.class_p = np.zeros(len(keys))
        self.class_q = np.zeros(len(keys))
        self.lengths = e.lengths.astype(np.float64)
        # log(|s| + |S|) is taken once per distinct sentence length, not once per sentence
        self.distinct_lengths, self.length_class = np.unique(self.lengths, return_inverse=True)
        self.ids = np.arange(self.n)
        """The sentence (index into ``content``) of each row still held."""
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
        return self._shares(self.terms[entries], self.counts[entries])

    def _shares(self, t: Ints, c: Floats) -> tuple[Floats, Floats]:
        """The shares of P and Q of a term ``t`` seen ``c`` times in a sentence."""
        f = self.freq[t]
        in_summary = self.summary_counts[t]
        shared = in_summary > 0
        safe = np.where(shared, in_summary, 1.0)
        q = np.where(
            shared,
            f * (np.log(safe) - np.log(c + in_summary)),
            f * (self.log_freq[t] - np.log(c)),
        )
        return np.where(shared, 0.0, f), q

    def compact(self) -> None:
        """Drop the rows of the sentences already chosen (their KL is never read again).

        The entries kept stay in their order, so every row's sums are added up exactly as
        before: the divergences of the sentences left are the same floats.
        """
        keep = self.alive[self.rows]
        row_of = np.cumsum(self.alive) - 1
        entry_of = np.cumsum(keep) - 1
        self.order = entry_of[self.order[keep[self.order]]]
        self.rows = row_of[self.rows[keep]]
        self.terms, self.counts = self.terms[keep], self.counts[keep]
        self.entry_class = self.entry_class[keep]
        self.ptr = np.zeros_like(self.ptr)
        np.cumsum(np.bincount(self.terms, minlength=len(self.ptr) - 1), out=self.ptr[1:])
        self.lengths = self.lengths[self.alive]
        self.length_class = self.length_class[self.alive]
        self.ids = self.ids[self.alive]
        self.n = len(self.ids)
        self.alive = np.ones(self.n, dtype=bool)

    def refresh(self) -> None:
        """Recompute the running sums from scratch (and drop chosen rows once they are many)."""
        if 4 * self.alive.sum() <= 3 * self.n:
            self.compact()
        p, q = self._contributions(np.arange(len(self.rows)))
        self.p = sum_by(self.rows, p, self.n)
        self.q = sum_by(self.rows, q, self.n)
        used = np.flatnonzero((self.summary_counts > 0) & (self.freq > 0))
        f = self.freq[used]
        self.a = float(np.sum(f * (self.log_freq[used] - np.log(self.summary_counts[used]))))
        self.b = float(np.sum(f))

    def divergences(self) -> Floats:
        """KL(s) for every sentence still to choose; +inf for the others."""
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log(self.distinct_lengths + self.summary_length)
            kl = self.a + self.q + (self.b + self.p) * logs[self.length_class]
        if self.summary_length == 0:  # sumy: an empty joint distribution diverges by nothing
            kl[self.lengths == 0] = 0.0
        kl[~self.alive] = np.inf
        return kl

    def add(self, i: int, raw_words: Sequence[str]) -> None:
        """Move sentence ``i`` into the summary (its raw words, as sumy counts them)."""
        self.alive[int(np.searchsorted(self.ids, i))] = False
        self.summary_length += len(raw_words)
        seen = Counter(self.vocab[w] for w in raw_words if w in self.vocab)
        if not seen:
            return
        terms = sorted(seen)  # np.unique's order, without its sort of a few dozen ids
        changed = np.array(terms, dtype=np.int64)
        added = np.array([seen[t] for t in terms], dtype=np.int64)
        keep = self.freq[changed] > 0
        changed, added = changed[keep], added[keep]
        if not len(changed):
            return
        start, stop = self.class_ptr[changed], self.class_ptr[changed + 1]
        classes = ranges(start, stop - start)
        t, c = self.class_term[classes], self.class_count[classes]
        old_p, old_q = self._shares(t, c)
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
        new_p, new_q = self._shares(t, c)
        self.class_p[classes] = new_p - old_p
        self.class_q[classes] = new_q - old_q
        entries = self.order[ranges(self.ptr[changed], self.ptr[changed + 1] - self.ptr[changed])]
        rows = self.rows[entries]
        entry_class = self.entry_class[entries]
        self.p += sum_by(rows, self.class_p[entry_class], self.n)
        self.q += sum_by(rows, self.class_q[entry_class], self.n)
