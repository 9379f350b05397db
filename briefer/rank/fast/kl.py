"""sumy's KL-Sum, with each sentence's divergence kept up to date incrementally and the best
sentence found among a few blocks of sentences, by lower bounds."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from itertools import chain, repeat
from typing import Any

import numpy as np
from sumy.summarizers.kl import KLSummarizer

from briefer.rank.fast.common import NEAR
from briefer.rank.sparse import Floats, counts_of, postings, sum_by

KL_REFRESH = 256
"""KL-Sum updates its running sums incrementally; recompute them from scratch this often."""

KL_BLOCK = 1024
"""Sentences (of one length) whose divergences share a lower bound."""


class FastKLSummarizer(KLSummarizer):  # type: ignore[misc]
    """sumy's KL-Sum, with every sentence's divergence kept up to date incrementally.

    For the summary S (raw words, as sumy joins them) and a sentence s, sumy computes
    KL(s) = Σ_{w ∈ s ∪ S, P(w) > 0} P(w) log(P(w) (|s| + |S|) / (c_s(w) + c_S(w))). This splits
    into a part of S alone (A, B), per-sentence sums (P, Q) that change only for the sentences
    sharing a word with the sentence just chosen, and log(|s| + |S|):
    KL(s) = A + Q(s) + (B + P(s)) log(|s| + |S|). Only a few sentences are looked at a step
    (see :class:`KLState`). Near-ties are settled with sumy's own ``_joint_freq`` and
    ``_kl_divergence``.
    """

    def _normalize_words(self, words: Sequence[str]) -> list[str]:
        """sumy's ``to_unicode(w).lower()`` of every word, which for a str is ``w.lower()``."""
        return list(map(str.lower, words))

    def compute_tf(self, sentences: Sequence[Any]) -> dict[str, float]:
        """sumy's: the words of all sentences not in the stop words, lower-cased, each one's
        count over their number (in order of first occurrence), counted by a Counter."""
        stop = self.stop_words
        words = [w.lower() for s in sentences for w in s.words if w not in stop]
        counts = Counter(words)
        return {w: f / len(words) for w, f in counts.items()}

    def _compute_ratings(self, sentences: Sequence[Any]) -> dict[Any, int]:
        word_freq: dict[str, float] = self.compute_tf(sentences)
        content = [self._get_content_words_in_sentence(s) for s in sentences]
        state = KLState(word_freq, content, [s.words for s in sentences])
        summary = _KLSummary(word_freq, sentences)
        ratings: dict[Any, int] = {}
        for step in range(len(content)):
            if step and step % KL_REFRESH == 0:
                state.refresh()
            tied = state.best()
            # Sentences with the same content words are the same sumy computation: the first
            # one wins. Others at a tie are settled by sumy's own rounding.
            distinct = sorted({tuple(content[t]): t for t in reversed(tied)}.values())
            i = distinct[0]
            if len(distinct) > 1:
                exact = [summary.divergence(self._compute_word_freq(content[t])) for t in distinct]
                i = distinct[exact.index(min(exact))]
            ratings[sentences[i]] = -len(ratings)
            summary.add(sentences[i].words)
            state.add(i)
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
        self._pending: list[str] = []

    def add(self, words: Sequence[str]) -> None:
        """Add a chosen sentence's words (counted when a divergence is next asked for)."""
        self._pending.extend(words)
        self.length += len(words)

    def _count(self) -> None:
        """Count the words added since the last divergence, in their order."""
        if not self._pending:
            return
        ks: list[int] = []
        for w in self._pending:
            k = self.position.get(w)
            if k is None:
                k = self.position[w] = len(self.position)
                self.freq[k] = self.word_freq.get(w) or 0.0
            ks.append(k)
        np.add.at(self.counts, ks, 1.0)  # whole counts: the same floats in any order
        self._pending.clear()
        self._terms.clear()

    def divergence(self, sentence_freq: dict[str, int]) -> float:
        """sumy's KL divergence of the joint distribution of the summary and a sentence."""
        self._count()
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
            logs = np.zeros(m)
            logs[ratio > 0] = list(map(math.log, ratio[ratio > 0].tolist()))  # sumy's math.log
            terms = self._terms[int(total)] = self.freq[:m] * logs
        keep = self.freq[:m] > 0
        mine = [self.position[w] for w in sentence_freq if w in self.position]
        keep[mine] = False
        return float(np.add.accumulate(np.concatenate(([value], terms[keep])))[-1])


class KLState:
    """The running sums of :class:`FastKLSummarizer`, and lower bounds to find its minimum.

    Sentences are numbered here by length, then by position, and cut into blocks of at most
    :data:`KL_BLOCK` sentences of one length. For a sentence s, R(s) = Q(s) + P(s) λ with
    λ = log(|s| + |S|): KL(s) = A + B λ + R(s), the first two terms shared by its block. P(s)
    is a sum of probabilities (≥ 0) and λ only grows, so R(s) only grows until s shares a
    word with a chosen sentence. Each block keeps a lower bound of the R(s) of its sentences,
    lowered when one of them changes and made exact when the block is looked at; a step looks
    at blocks by increasing bound, and only while a bound could hold the minimum or a
    near-tie of it. A chosen sentence's Q is +inf.
    """

    def __init__(
        self, word_freq: dict[str, float], content: list[list[str]], raw: list[Sequence[str]]
    ) -> None:
        """The sums for word probabilities ``word_freq``, sentences' content words ``content``
        and their raw words ``raw`` (those a chosen sentence adds to the summary)."""
        self.vocab = {w: t for t, w in enumerate(word_freq)}
        e = counts_of(content, self.vocab)
        self.n = n = e.height
        freq = np.zeros(max(len(self.vocab), 1))
        freq[: len(word_freq)] = list(word_freq.values())
        self.freq = freq
        self.freq_of = freq.tolist()
        self.log_freq_of = [math.log(f) if f > 0 else 0.0 for f in self.freq_of]
        self.log_freq = np.log(np.where(freq > 0, freq, 1.0))
        # log(|s| + |S|) is taken once per distinct sentence length, not once per sentence
        self.distinct_lengths, length_class = np.unique(
            e.lengths.astype(np.float64), return_inverse=True
        )
        sentence = np.argsort(length_class, kind="stable")
        self.sentence = sentence.tolist()
        """The sentence (index into ``content``) of each row."""
        self.row_of = np.empty(n, dtype=np.int64)
        self.row_of[sentence] = np.arange(n)
        self.length_class = length_class[sentence]
        # the entries stay in their order (by sentence): each row's sums add up in that order
        keep = freq[e.indices] > 0
        self.rows = self.row_of[e.rows[keep]]
        self.terms, self.counts = e.indices[keep], e.data[keep]
        self.order, self.ptr = postings(self.terms, len(freq))
        # An entry's share of P and Q depends only on its term and count: when a sentence is
        # chosen, the shares change once per (term, count) class, then are spread to entries.
        top = int(self.counts.max()) + 1 if len(self.counts) else 1
        keys, self.entry_class = np.unique(
            self.terms * top + self.counts.astype(np.int64), return_inverse=True
        )
        self.class_count = (keys % top).tolist()
        class_ptr = np.zeros(len(freq) + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // top, minlength=len(freq)), out=class_ptr[1:])
        self.class_ptr = class_ptr.tolist()
        self.class_p = np.zeros(len(keys))
        self.class_q = np.zeros(len(keys))
        first = np.flatnonzero(np.diff(self.length_class, prepend=-1)).tolist()
        ends = [*first[1:], n]
        starts = [s for a, b in zip(first, ends, strict=True) for s in range(a, b, KL_BLOCK)]
        self.block_start = np.array(starts, dtype=np.int64)
        self.block_class = self.length_class[self.block_start]
        self.block_of = np.repeat(np.arange(len(starts)), np.diff(self.block_start, append=n))
        self.blocks = list(zip(starts, [*starts[1:], n], self.block_class.tolist(), strict=True))
        """(start, stop, length class) of each block."""
        self.bound = np.zeros(len(starts))
        self._raw_counts(raw)
        self.summary_counts = np.zeros(len(freq))
        self.summary_count_of = [0] * len(freq)
        self.summary_length = 0
        self.alive = np.ones(n, dtype=bool)
        self.a = 0.0
        self.b = 0.0
        self.p = np.zeros(n)
        self.q = np.zeros(n)
        self.refresh()

    def _raw_counts(self, raw: list[Sequence[str]]) -> None:
        """Each sentence's raw words as (term, count) of the terms with a probability, by term:
        what choosing it adds to the summary's counts."""
        self.raw_length = [len(words) for words in raw]
        words = list(chain.from_iterable(raw))
        ids = np.fromiter(map(self.vocab.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        rows = np.repeat(np.arange(self.n, dtype=np.int64), self.raw_length)
        keep = ids >= 0
        keep[keep] = self.freq[ids[keep]] > 0
        width = len(self.freq)
        keys, counts = np.unique(rows[keep] * width + ids[keep], return_counts=True)
        ptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // width, minlength=self.n), out=ptr[1:])
        self.raw_ptr, self.raw_terms = ptr.tolist(), (keys % width).tolist()
        self.raw_counts = counts.tolist()

    def _lambdas(self) -> None:
        """λ of each length class (log 0, of no words at all, as 0: its P is 0)."""
        lengths = self.distinct_lengths + self.summary_length
        if self.summary_length:
            self.lam: Floats = np.log(lengths)
        else:
            self.lam = np.log(np.where(lengths > 0, lengths, 1.0))

    def refresh(self) -> None:
        """Recompute the running sums from scratch (and drop chosen rows' entries when many)."""
        keep = self.alive[self.rows]
        if 4 * np.count_nonzero(keep) <= 3 * len(keep):
            entry_of = np.cumsum(keep) - 1
            self.order = entry_of[self.order[keep[self.order]]]
            self.rows, self.terms = self.rows[keep], self.terms[keep]
            self.counts, self.entry_class = self.counts[keep], self.entry_class[keep]
            self.ptr = np.zeros(len(self.ptr), dtype=np.int64)
            np.cumsum(np.bincount(self.terms, minlength=len(self.ptr) - 1), out=self.ptr[1:])
        # the postings of each term, contiguous: a step reads those of a few terms
        self.posting = np.stack((self.rows[self.order], self.entry_class[self.order]))
        self.posting_at = self.ptr.tolist()
        f = self.freq[self.terms]
        in_summary = self.summary_counts[self.terms]
        shared = in_summary > 0
        safe = np.where(shared, in_summary, 1.0)
        q = np.where(
            shared,
            f * (np.log(safe) - np.log(self.counts + in_summary)),
            f * (self.log_freq[self.terms] - np.log(self.counts)),
        )
        self.p = sum_by(self.rows, np.where(shared, 0.0, f), self.n)
        self.q = sum_by(self.rows, q, self.n)
        self.q[~self.alive] = np.inf
        used = np.flatnonzero((self.summary_counts > 0) & (self.freq > 0))
        f = self.freq[used]
        self.a = float(np.sum(f * (self.log_freq[used] - np.log(self.summary_counts[used]))))
        self.b = float(np.sum(f))
        self._lambdas()
        if self.n:
            rest = self.q + self.p * self.lam[self.length_class]
            self.bound = np.minimum.reduceat(rest, self.block_start)

    def best(self) -> list[int]:
        """The sentences (indices into ``content``) whose KL is the least, or a near-tie of it.

        Blocks are looked at by increasing bound until the next bound is more than twice the
        tie tolerance above the least KL found: rounding (far smaller) cannot hide a near-tie
        behind a bound.
        """
        lam = self.lam
        base = self.a + self.b * lam
        low = base[self.block_class]
        low += self.bound
        least_of = np.minimum.reduce
        best = edge = math.inf
        looked: list[tuple[int, Floats, float, float]] = []
        while True:
            j = int(low.argmin())
            if not low[j] <= edge:
                break
            low[j] = math.inf
            start, stop, c = self.blocks[j]
            rest = self.q[start:stop] + self.p[start:stop] * lam[c]
            self.bound[j] = bound = least_of(rest)
            shared = float(base[c])
            least = shared + float(bound)
            looked.append((start, rest, shared, least))
            if least < best:
                best = least
                edge = best + 2 * NEAR * max(1.0, abs(best))
        near = best + NEAR * max(1.0, abs(best))
        tied = [
            start + int(k)
            for start, rest, shared, least in looked
            if least <= near
            for k in (shared + rest <= near).nonzero()[0]
        ]
        return sorted(self.sentence[r] for r in tied)

    def add(self, i: int) -> None:
        """Move sentence ``i`` into the summary."""
        row = int(self.row_of[i])
        self.alive[row] = False
        self.q[row] = np.inf
        if self.raw_length[i]:
            self.summary_length += self.raw_length[i]
            self._lambdas()
        first, last = self.raw_ptr[i], self.raw_ptr[i + 1]
        if first == last:
            return
        changed = self.raw_terms[first:last]
        log = math.log
        counts, freq_of, log_freq_of = self.summary_count_of, self.freq_of, self.log_freq_of
        class_ptr, class_count = self.class_ptr, self.class_count
        a, b = self.a, self.b
        classes: list[int] = []
        delta_p: list[float] = []
        delta_q: list[float] = []
        for t, added in zip(changed, self.raw_counts[first:last], strict=True):
            f, log_f = freq_of[t], log_freq_of[t]
            before = counts[t]
            after = counts[t] = before + added
            log_after = log(after)
            if before:
                log_before = log(before)
                a += f * (log_before - log_after)  # was f (log f - log before)
                for k in range(class_ptr[t], class_ptr[t + 1]):
                    # the share of (term t, seen c times in a sentence) in Q, before and after
                    c = class_count[k]
                    classes.append(k)
                    delta_p.append(0.0)
                    delta_q.append(
                        f * (log_after - log(c + after)) - f * (log_before - log(c + before))
                    )
            else:
                a += f * (log_f - log_after)
                b += f
                for k in range(class_ptr[t], class_ptr[t + 1]):
                    c = class_count[k]
                    classes.append(k)
                    delta_p.append(-f)  # P counted f while the summary lacked the term
                    delta_q.append(f * (log_after - log(c + after)) - f * (log_f - log(c)))
        self.a, self.b = a, b
        self.summary_counts[changed] = [counts[t] for t in changed]
        self.class_p[classes] = delta_p
        self.class_q[classes] = delta_q
        at, post = self.posting_at, self.posting
        rows, entry_class = np.concatenate([post[:, at[t] : at[t + 1]] for t in changed], axis=1)
        np.add.at(self.p, rows, self.class_p[entry_class])
        np.add.at(self.q, rows, self.class_q[entry_class])
        # the bounds of their blocks may have to fall
        rest = self.q[rows] + self.p[rows] * self.lam[self.length_class[rows]]
        np.minimum.at(self.bound, self.block_of[rows], rest)
