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

from briefer.rank.fast.graph import FastReductionSummarizer, FastTextRankSummarizer
from briefer.rank.fast.greedy import FastSumBasicSummarizer
from briefer.rank.fast.kl import FastKLSummarizer
from briefer.rank.fast.lexrank import FastLexRankSummarizer
from briefer.rank.fast.words import FastEdmundsonSummarizer, FastLsaSummarizer, FastLuhnSummarizer

__all__ = [
    "FAST_CLASSES",
    "FastEdmundsonSummarizer",
    "FastKLSummarizer",
    "FastLexRankSummarizer",
    "FastLsaSummarizer",
    "FastLuhnSummarizer",
    "FastReductionSummarizer",
    "FastSumBasicSummarizer",
    "FastTextRankSummarizer",
]

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
