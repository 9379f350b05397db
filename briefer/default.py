"""The default ranking: small linear models over position, centrality and content features.

Every sentence gets a handful of features that hold in any article: where it sits (in the
article and in its paragraph), how central it is (word-overlap and TF-IDF centrality, closeness
to the article's centroid, the frequency of its words), its length, and whether it carries
figures or a quotation. One feature says how much the article has a lead at all: how central
its opening sentences are. Position counts through it, so a text whose opening is not the
story (a how-to, a shuffled article) is ranked by centrality rather than by order.

Two linear scorers share these features: a ``news`` scorer fitted to pick the sentences that
best reproduce news highlights (CNN, also lowercased without paragraphs and with shuffled
paragraphs), and a ``central`` scorer fitted to reproduce extractive summaries of articles
written in longer paragraphs (BBC). A gate on the paragraph shape (sentences per paragraph)
blends them. The weights are fitted by ``bench/fit_default.py`` and shipped as readable JSON in
``briefer/data/default_model.json``. Ranking ends with a redundancy re-scoring (maximal
marginal relevance), so the top sentences do not repeat one another. No capitalization is used,
and paragraphs only where the text has them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np

from briefer.models import Document
from briefer.rank import content_stems

FEATURES = (
    "pos_inv",
    "pos_rel",
    "first",
    "para_first",
    "para_rel",
    "lead_pos",
    "lead_first",
    "length",
    "short",
    "overlap",
    "overlap_rank",
    "cosine",
    "centroid",
    "frequency",
    "figures",
    "quote",
    "question",
)
"""Names of the model's features, in the order of :func:`features`' columns."""

_QUOTES = frozenset('"“”«»')
_MODEL_FILE = "default_model.json"


def _counts(stems: Sequence[Sequence[str]]) -> np.ndarray:
    """Sentence × stem count matrix."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, words in enumerate(stems):
        for w in words:
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
    m = np.zeros((len(stems), max(len(vocab), 1)))
    np.add.at(m, (rows, cols), 1.0)
    return m


def _rank01(values: np.ndarray) -> np.ndarray:
    """Ranks scaled to [0, 1] (ties broken by order); all zeros for a single value."""
    n = len(values)
    if n < 2:
        return np.zeros(n)
    order = np.argsort(np.argsort(values, kind="stable"), kind="stable")
    result: np.ndarray = order / (n - 1)
    return result


def _by_max(values: np.ndarray) -> np.ndarray:
    top = float(values.max()) if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def overlap_centrality(counts: np.ndarray) -> np.ndarray:
    """TextRank's word-overlap similarity summed over the other sentences (sumy's Reduction).

    The similarity of two sentences is the number of shared content words (with repeats)
    over the sum of the logs of their lengths.
    """
    lengths = counts.sum(axis=1)
    shared = counts @ counts.T
    logs = np.log(np.maximum(lengths, 1.0))
    norm = logs[:, None] + logs[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        sim = np.where(norm > 1e-9, shared / np.where(norm > 1e-9, norm, 1.0), shared)
    np.fill_diagonal(sim, 0.0)
    result: np.ndarray = sim.sum(axis=1)
    return result


def tfidf(counts: np.ndarray) -> np.ndarray:
    """Rows of L2-normalised TF-IDF weights (each sentence a document)."""
    n = counts.shape[0]
    df = (counts > 0).sum(axis=0)
    m = counts * (np.log((1 + n) / (1 + df)) + 1.0)
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    result: np.ndarray = m / norms[:, None]
    return result


def centrality(stems: list[list[str]]) -> np.ndarray:
    """Mean TF-IDF cosine similarity of each sentence to the others (degree centrality)."""
    n = len(stems)
    if n < 2:
        return np.zeros(n)
    m = tfidf(_counts(stems))
    sim = m @ m.T
    np.fill_diagonal(sim, 0.0)
    result: np.ndarray = sim.sum(axis=1) / (n - 1)
    return result


def features(doc: Document, language: str) -> tuple[np.ndarray, np.ndarray]:
    """The feature matrix (sentences × :data:`FEATURES`) and the TF-IDF rows of ``doc``."""
    sentences = doc.sentences
    n = len(sentences)
    stems = [content_stems(s.text, language) for s in sentences]
    counts = _counts(stems)
    vectors = tfidf(counts)
    index = np.arange(n, dtype=float)

    paragraphs = sorted({s.paragraph for s in sentences})
    has_paragraphs = len(paragraphs) > 1
    para_rank = {p: k for k, p in enumerate(paragraphs)}
    para_first = np.zeros(n)
    para_rel = np.zeros(n)
    if has_paragraphs:
        for i, s in enumerate(sentences):
            para_first[i] = float(i == 0 or sentences[i - 1].paragraph != s.paragraph)
            para_rel[i] = para_rank[s.paragraph] / (len(paragraphs) - 1)

    sim = vectors @ vectors.T
    np.fill_diagonal(sim, 0.0)
    cosine = sim.sum(axis=1) / max(n - 1, 1)
    centroid_vec = vectors.sum(axis=0)
    norm = float(np.linalg.norm(centroid_vec))
    centroid = vectors @ (centroid_vec / norm) if norm > 0 else np.zeros(n)
    overlap = overlap_centrality(counts)
    total = counts.sum()
    probs = counts.sum(axis=0) / total if total > 0 else np.zeros(counts.shape[1])
    lengths = counts.sum(axis=1)
    frequency = (counts @ probs) / np.maximum(lengths, 1.0)

    # How much the opening is the story: the centrality rank of the first sentences.
    centroid_rank = _rank01(centroid)
    lead = float(centroid_rank[: min(3, n)].mean()) if n > 1 else 1.0
    pos_inv = 1.0 / (1.0 + index)
    first = (index == 0).astype(float)

    words = np.array([len(s.text.split()) for s in sentences], dtype=float)
    x = np.column_stack(
        [
            pos_inv,
            index / max(n - 1, 1),
            first,
            para_first,
            para_rel,
            lead * pos_inv,
            lead * first,
            np.log1p(lengths),
            (words < 8).astype(float),
            _by_max(overlap),
            _rank01(overlap),
            _by_max(cosine),
            centroid,
            _by_max(frequency),
            np.array([any(ch.isdigit() for ch in s.text) for s in sentences], dtype=float),
            np.array([any(ch in _QUOTES for ch in s.text) for s in sentences], dtype=float),
            np.array([s.text.rstrip("\"'”’) ").endswith("?") for s in sentences], dtype=float),
        ]
    )
    return x, vectors


def paragraph_shape(doc: Document) -> float:
    """Sentences per paragraph, scaled to [0, 1] (5 or more is 1); 0 without paragraphs.

    Wire news writes one or two sentences a paragraph, and leads with the story; reports,
    essays and BBC-style articles write longer paragraphs where the central sentences matter
    more than the first ones. A text without paragraphs gives no evidence and counts as news.
    """
    paragraphs = len({s.paragraph for s in doc.sentences})
    if paragraphs <= 1:
        return 0.0
    return min(len(doc.sentences) / paragraphs, 5.0) / 5.0


@lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The fitted model: two linear scorers (``news``, ``central``), a ``gate`` and ``mmr``."""
    text = resources.files("briefer").joinpath("data", _MODEL_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(f"{_MODEL_FILE} was fitted for other features; refit it")
    return data


def linear(x: np.ndarray, part: dict[str, Any]) -> np.ndarray:
    """One linear scorer: standardised features times weights."""
    mean = np.asarray(part["mean"], dtype=float)
    scale = np.asarray(part["scale"], dtype=float)
    weights = np.asarray(part["weights"], dtype=float)
    result: np.ndarray = ((x - mean) / scale) @ weights
    return result


def _standard(values: np.ndarray) -> np.ndarray:
    spread = float(values.std())
    result: np.ndarray = (values - values.mean()) / (spread if spread > 1e-9 else 1.0)
    return result


def gate(shape: float, params: dict[str, Any]) -> float:
    """How much the central scorer counts (0..1) for a paragraph shape."""
    g = params["gate"]
    return 1.0 / (1.0 + math.exp(-(g["weight"] * shape + g["bias"])))


def logits(x: np.ndarray, shape: float, params: dict[str, Any]) -> np.ndarray:
    """Relevance of each sentence: the two scorers standardised per article, blended by the gate."""
    g = gate(shape, params)
    news = _standard(linear(x, params["news"]))
    central = _standard(linear(x, params["central"]))
    result: np.ndarray = (1.0 - g) * news + g * central
    return result


def mmr_order(relevance: np.ndarray, vectors: np.ndarray, penalty: float) -> list[int]:
    """Sentences best first, each next one chosen for relevance minus redundancy (MMR)."""
    n = len(relevance)
    remaining = list(range(n))
    order: list[int] = []
    redundancy = np.zeros(n)
    sim = vectors @ vectors.T
    while remaining:
        values = relevance[remaining] - penalty * redundancy[remaining]
        best = remaining[int(np.argmax(values))]
        order.append(best)
        remaining.remove(best)
        redundancy = np.maximum(redundancy, sim[best])
    return order


def rescore(relevance: np.ndarray, vectors: np.ndarray, penalty: float) -> list[float]:
    """Probabilities made non-increasing along the MMR order, so that best-first is MMR."""
    probs = 1.0 / (1.0 + np.exp(-relevance))
    scores = [0.0] * len(relevance)
    ceiling = math.inf
    for k, i in enumerate(mmr_order(relevance, vectors, penalty)):
        # A tiny step keeps the order strict when MMR promotes a less probable sentence.
        ceiling = min(ceiling, float(probs[i])) if k == 0 else min(ceiling - 1e-9, float(probs[i]))
        scores[i] = ceiling
    return scores


def default_scores(doc: Document, language: str) -> list[float]:
    """A score in (0, 1) for every sentence: the fitted model's probability, MMR-ordered."""
    n = len(doc.sentences)
    if n == 0:
        return []
    x, vectors = features(doc, language)
    params = model()
    relevance = logits(x, paragraph_shape(doc), params)
    scores = rescore(relevance, vectors, float(params["mmr"]))
    return [0.0 if math.isnan(s) else s for s in scores]
