"""The default ranking: sentence centrality blended with the article's lead structure."""

from __future__ import annotations

import math

import numpy as np

from briefer.models import Document
from briefer.rank import content_stems


def centrality(stems: list[list[str]]) -> np.ndarray:
    """Mean TF-IDF cosine similarity of each sentence to the others (degree centrality)."""
    n = len(stems)
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, words in enumerate(stems):
        counts: dict[str, int] = {}
        for w in words:
            counts[w] = counts.get(w, 0) + 1
        for w, c in counts.items():
            rows.append(i)
            cols.append(vocab.setdefault(w, len(vocab)))
            vals.append(float(c))
    if not vocab or n < 2:
        return np.zeros(n)
    m = np.zeros((n, len(vocab)))
    m[rows, cols] = vals
    df = (m > 0).sum(axis=0)
    m *= np.log((1 + n) / (1 + df)) + 1.0
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1.0
    m /= norms[:, None]
    sim = m @ m.T
    np.fill_diagonal(sim, 0.0)
    result: np.ndarray = sim.sum(axis=1) / (n - 1)
    return result


def default_scores(doc: Document, language: str) -> list[float]:
    """Score every sentence: centrality (rank-normalised) plus a prior for the lead."""
    n = len(doc.sentences)
    if n == 0:
        return []
    stems = [content_stems(s.text, language) for s in doc.sentences]
    cent = centrality(stems)
    order = np.argsort(np.argsort(cent))
    cent_rank = order / max(n - 1, 1)
    scores = []
    for i, s in enumerate(doc.sentences):
        position = 1.0 / (1.0 + i / 2.0)
        length = min(1.0, len(stems[i]) / 8.0)
        scores.append(float(0.55 * position + 0.45 * cent_rank[i]) * (0.5 + 0.5 * length))
        del s
    return [0.0 if math.isnan(x) else x for x in scores]
