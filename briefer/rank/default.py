"""The default ranking: small linear models over position, centrality and content features.

Every sentence gets a handful of features that hold in any article: where it sits (in the
article and in its paragraph), how central it is (word-overlap and TF-IDF centrality, closeness
to the article's centroid and to its opening, the frequency of its words), how much it shares
with the headline when there is one, its length, and whether it carries figures or a quotation.
One feature says how much the article has a lead at all: how central its opening sentences are.
Position counts through it, so a text whose opening is not the story (a how-to, a shuffled
article) is ranked by centrality rather than by order.

Two scorers share these features: a ``news`` scorer fitted to pick the sentences that best
reproduce news highlights (CNN, also lowercased without paragraphs and with shuffled
paragraphs; linear plus a hidden layer of a few tanh units, for the interactions of position
with centrality and length), and a linear ``central`` scorer fitted to reproduce extractive
summaries of articles written in longer paragraphs (BBC). A gate on the paragraph shape
(sentences per paragraph) blends them. The weights are fitted by ``bench/fit_default.py`` and
shipped as readable JSON in ``briefer/rank/default_model.json``. Ranking ends with a redundancy
re-scoring (maximal marginal relevance) among the best sentences, so the top ones do not repeat
one another. No capitalization is used, and paragraphs only where the text has them.

In a language the model was not fitted in (``languages``), a language-neutral variant
(``other_languages``) drops what only the training papers' habits taught: the gate tells CNN
from BBC by their paragraphing, which says nothing measured about papers in other languages (the
scorers count equally); CNN has no headlines, so the news scorer reads its headline feature as
0, as in training, and a headline counts with a fixed weight instead.

Every feature costs time linear in the words of the text (sorting: n log n in sentences) and
memory linear in them: the sentence × word matrices are sparse
(:class:`~briefer.rank.sparse.Rows`), and sums of pairwise similarities are computed from column
sums, never from an n × n matrix.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from briefer.models import Document
from briefer.rank.sparse import Rows, counts_of
from briefer.rank.stems import content_stems

# fmt: off
FEATURES = (
    "pos_inv", "pos_rel", "first", "top3",  # where it sits in the article
    "para_first", "para_rel", "para_inv", "in_para",  # where it sits in its paragraph
    "lead_pos", "lead_first", "lead_top3",  # position, as much as the opening is the story
    "length", "short", "long",
    "overlap", "overlap_rank", "cosine", "centroid", "lead_sim", "frequency",  # centrality
    "title", "figures", "quote", "question",
)
"""Names of the model's features, in the order of :func:`features`' columns."""
# fmt: on

MMR_POOL = 64
"""MMR re-scores only this many of the most relevant sentences (the rest keep their order)."""
LENGTH_GROUPS = 128
"""Word-overlap centrality is exact up to this many distinct sentence lengths, binned beyond."""
GROUPED_AT_ONCE = 1 << 16
"""Sentences × length groups up to which word-overlap centrality is computed for every group at
once (two small matrices), not group after group (a few numpy calls each)."""

_QUOTES = re.compile('["“”«»]')
_DIGITS = re.compile(
    "[\\d\u00b2-\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468"
    "\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
    "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a]"
)
"""The characters for which ``str.isdigit`` is true: ``\\d`` and the digits that are not
decimal (superscripts, circled digits; tests/test_default.py checks every code point). A search
is three times as fast as ``any(ch.isdigit() for ch in text)``."""
_MODEL_FILE = "default_model.json"


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


def _pair_weight(a: np.ndarray, b: float) -> np.ndarray:
    norm = a + b
    result: np.ndarray = np.where(norm > 1e-9, 1.0 / np.where(norm > 1e-9, norm, 1.0), 1.0)
    return result


def overlap_centrality(counts: Rows) -> np.ndarray:
    """TextRank's word-overlap similarity summed over the other sentences (sumy's Reduction).

    The similarity of two sentences is the number of shared content words (with repeats)
    over the sum of the logs of their lengths. The denominator depends on the other
    sentence only through its length, so the sum runs over groups of sentences of one length:
    a column sum per group, one sparse product each.
    """
    logs = np.log(np.maximum(counts.row_sums(), 1.0))
    values, group = np.unique(logs, return_inverse=True)
    if len(values) > LENGTH_GROUPS:  # only for pathological texts: bin the log lengths
        edges = np.linspace(values[0], values[-1], LENGTH_GROUPS + 1)[1:-1]
        group = np.searchsorted(edges, logs)
        values = np.bincount(group, weights=logs) / np.maximum(np.bincount(group), 1)
    if counts.height * len(values) <= GROUPED_AT_ONCE:
        total = _overlap_by_groups(counts, logs, group, values)
    else:
        total = np.zeros(counts.height)
        for g, value in enumerate(values):
            members = group == g
            if members.any():
                total += counts.dot(counts.column_sums(members.astype(float))) * _pair_weight(
                    logs, float(value)
                )
    # Each sentence met itself in its own group: take that pair out.
    result: np.ndarray = total - counts.row_sums(power=2) * _pair_weight(2 * logs, 0.0)
    return result


def _overlap_by_groups(
    counts: Rows, logs: np.ndarray, group: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """The loop of :func:`overlap_centrality` over the length groups, every group at once:
    the same sums in the same order (each bin of ``bincount`` adds its entries in entry order,
    and the groups are added up one after another), so the same floating-point result."""
    n, width, k = counts.height, counts.width, len(values)
    by_group = np.bincount(
        counts.indices * k + group[counts.rows], weights=counts.data, minlength=width * k
    ).reshape(width, k)  # column sums of each group's rows
    products = np.bincount(
        (counts.rows[:, None] * k + np.arange(k)).ravel(),
        weights=(counts.data[:, None] * by_group[counts.indices]).ravel(),
        minlength=n * k,
    ).reshape(n, k)  # each row times each group's column sums
    norm = logs[:, None] + values[None, :]
    weights = np.where(norm > 1e-9, 1.0 / np.where(norm > 1e-9, norm, 1.0), 1.0)
    contributions = np.ascontiguousarray((products * weights).T)
    total = np.zeros(n)
    for row in contributions:  # group after group, as the loop adds them
        total += row
    return total


def tfidf(counts: Rows) -> Rows:
    """Rows of L2-normalised TF-IDF weights (each sentence a document)."""
    n = counts.height
    df = np.bincount(counts.indices, minlength=counts.width)
    idf = np.log((1 + n) / (1 + df)) + 1.0
    m = counts.with_data(counts.data * idf[counts.indices])
    norms = np.sqrt(m.row_sums(power=2))
    norms[norms == 0] = 1.0
    return m.with_data(m.data / norms[m.rows])


def centrality(stems: list[list[str]]) -> np.ndarray:
    """Mean TF-IDF cosine similarity of each sentence to the others (degree centrality)."""
    n = len(stems)
    if n < 2:
        return np.zeros(n)
    m = tfidf(counts_of(stems))
    return degree(m, m.column_sums())


def degree(vectors: Rows, column_sums: np.ndarray) -> np.ndarray:
    """Mean cosine of each (unit or empty) row with the others, without an n×n matrix.

    Row sums of ``vectors @ vectors.T`` without the diagonal are ``vectors @ column_sums``
    minus each row's squared norm.
    """
    result: np.ndarray = (vectors.dot(column_sums) - vectors.row_sums(power=2)) / max(
        vectors.height - 1, 1
    )
    return result


def _cosines(m: Rows, vector: np.ndarray) -> np.ndarray:
    """Cosine of each (unit or empty) row of ``m`` with ``vector``; zeros for a zero vector."""
    norm = float(np.linalg.norm(vector))
    return m.dot(vector / norm) if norm > 0 else np.zeros(m.height)


def _paragraph_features(doc: Document) -> list[np.ndarray]:
    """para_first, para_rel, para_inv, in_para: where each sentence sits in the paragraphs
    (all zeros for a text without paragraphs)."""
    sentences = doc.sentences
    n = len(sentences)
    paragraph = np.fromiter((s.paragraph for s in sentences), dtype=np.int64, count=n)
    starts = np.ones(n, dtype=bool)
    starts[1:] = paragraph[1:] != paragraph[:-1]
    # Position within the paragraph: sentences since the last paragraph start.
    last_start = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
    within = np.arange(n) - last_start
    # (return_inverse also spares numpy 2's plain np.unique from importing numpy.ma: 30 ms)
    distinct, paragraph_rank = np.unique(paragraph, return_inverse=True)
    if len(distinct) <= 1:
        return [np.zeros(n) for _ in range(4)]
    para_rank = paragraph_rank.astype(float)
    return [
        starts.astype(float),
        para_rank / (len(distinct) - 1),
        1.0 / (1.0 + para_rank),
        1.0 / (1.0 + within),
    ]


def _lead_similarity(vectors: Rows, opening: int) -> np.ndarray:
    """Closeness to the opening: the first sentences' centroid, each sentence left out of it."""
    n = vectors.height
    lead_vector = vectors.column_sums((np.arange(n) < opening).astype(float))
    lead_sim = _cosines(vectors, lead_vector)
    if n > 1:
        own = np.sqrt(vectors.row_sums(power=2))
        norm = float(np.linalg.norm(lead_vector))
        for i in range(opening):  # without itself: (lead - v_i)·v_i / |lead - v_i|
            rest = math.sqrt(max(norm**2 - 2 * lead_sim[i] * norm + own[i] ** 2, 0.0))
            lead_sim[i] = (lead_sim[i] * norm - own[i] ** 2) / rest if rest > 1e-9 else 0.0
    return lead_sim


def _title_similarity(
    doc: Document, language: str, counts: Rows, vectors: Rows, vocab: dict[str, int]
) -> np.ndarray:
    """TF-IDF cosine of each sentence with the headline; zeros without one."""
    n = counts.height
    known = [w for w in content_stems(doc.headline or "", language) if w in vocab]
    if not known:
        return np.zeros(n)
    idf = np.log((1 + n) / (1 + np.bincount(counts.indices, minlength=counts.width))) + 1
    head = np.zeros(counts.width)
    np.add.at(head, [vocab[w] for w in known], 1.0)
    return _cosines(vectors, head * idf)


def _marks(doc: Document) -> list[np.ndarray]:
    """figures, quote, question: what a sentence carries, from its characters."""
    texts = [s.text for s in doc.sentences]
    n = len(texts)
    return [
        np.fromiter((_DIGITS.search(t) is not None for t in texts), float, n),
        np.fromiter((_QUOTES.search(t) is not None for t in texts), float, n),
        np.fromiter((t.rstrip("\"'”’) ").endswith("?") for t in texts), float, n),
    ]


def features(doc: Document, language: str) -> tuple[np.ndarray, Rows]:
    """The feature matrix (sentences × :data:`FEATURES`) and the TF-IDF rows of ``doc``."""
    sentences = doc.sentences
    n = len(sentences)
    vocab: dict[str, int] = {}
    counts = counts_of([content_stems(s.text, language) for s in sentences], vocab)
    vectors = tfidf(counts)
    index = np.arange(n, dtype=float)

    column_sums = vectors.column_sums()
    cosine = degree(vectors, column_sums)
    centroid = _cosines(vectors, column_sums)
    overlap = overlap_centrality(counts)
    lengths = counts.row_sums()
    total = float(lengths.sum())
    probs = counts.column_sums() / total if total > 0 else np.zeros(counts.width)
    frequency = counts.dot(probs) / np.maximum(lengths, 1.0)
    opening = min(3, n)

    # How much the opening is the story: the centrality rank of the first sentences.
    centroid_rank = _rank01(centroid)
    lead = float(centroid_rank[:opening].mean()) if n > 1 else 1.0
    pos_inv = 1.0 / (1.0 + index)
    first = (index == 0).astype(float)
    top3 = (index < 3).astype(float)

    words = np.fromiter((len(s.text.split()) for s in sentences), dtype=float, count=n)
    x = np.column_stack(
        [
            pos_inv,
            index / max(n - 1, 1),
            first,
            top3,
            *_paragraph_features(doc),
            lead * pos_inv,
            lead * first,
            lead * top3,
            np.log1p(lengths),
            (words < 8).astype(float),
            (words > 40).astype(float),
            _by_max(overlap),
            _rank01(overlap),
            _by_max(cosine),
            centroid,
            _lead_similarity(vectors, opening),
            _by_max(frequency),
            _title_similarity(doc, language, counts, vectors, vocab),
            *_marks(doc),
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
    """The fitted model: two scorers (``news``, ``central``), a ``gate`` and ``mmr`` penalties."""
    text = (Path(__file__).parent / _MODEL_FILE).read_text(encoding="utf-8")  # as briefer.lang
    data: dict[str, Any] = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(f"{_MODEL_FILE} was fitted for other features; refit it")
    return data


def linear(x: np.ndarray, part: dict[str, Any], unseen: tuple[str, ...] = ()) -> np.ndarray:
    """One scorer: standardised features (``unseen`` ones read as 0) times weights, tanh units."""
    mean = np.asarray(part["mean"], dtype=float)
    scale = np.asarray(part["scale"], dtype=float)
    if unseen:
        x = x.copy()
        x[:, [FEATURES.index(name) for name in unseen]] = 0.0
    z = (x - mean) / scale
    result: np.ndarray = z @ np.asarray(part["weights"], dtype=float)
    hidden = part.get("hidden")
    if hidden:
        units = np.tanh(z @ np.asarray(hidden["weights"], dtype=float) + hidden["bias"])
        result = result + units @ np.asarray(hidden["out"], dtype=float)
    return result


def _standard(values: np.ndarray) -> np.ndarray:
    spread = float(values.std())
    result: np.ndarray = (values - values.mean()) / (spread if spread > 1e-9 else 1.0)
    return result


def neutral(params: dict[str, Any], language: str) -> dict[str, Any] | None:
    """The language-neutral settings for a language the model was not fitted in, else None."""
    if language in params.get("languages", (language,)):
        return None
    return dict(params["other_languages"])


def gate(shape: float, params: dict[str, Any], language: str = "english") -> float:
    """How much the central scorer counts (0..1) for a paragraph shape, in ``language``."""
    other = neutral(params, language)
    if other is not None:
        return float(other["gate"])
    g = params["gate"]
    return 1.0 / (1.0 + math.exp(-(g["weight"] * shape + g["bias"])))


def penalty(shape: float, params: dict[str, Any]) -> float:
    """The MMR redundancy penalty of news highlights and central summaries, by the fitted gate."""
    g = gate(shape, params)
    return (1.0 - g) * float(params["mmr"]["news"]) + g * float(params["mmr"]["central"])


def logits(
    x: np.ndarray, shape: float, params: dict[str, Any], language: str = "english"
) -> np.ndarray:
    """Relevance of each sentence: the two scorers standardised per article, blended by the gate."""
    g = gate(shape, params, language)
    other = neutral(params, language)
    news = _standard(linear(x, params["news"], tuple(other["unseen"]) if other else ()))
    headline = x[:, FEATURES.index("title")]
    if other is not None and headline.any():  # a headline, weighed as the model could not learn
        news = _standard(news + float(other["headline"]) * _standard(headline))
    central = _standard(linear(x, params["central"]))
    result: np.ndarray = (1.0 - g) * news + g * central
    return result


def mmr_order(
    relevance: np.ndarray, vectors: Rows | np.ndarray, penalty: float, pool: int = MMR_POOL
) -> list[int]:
    """Sentences best first, each next one chosen for relevance minus redundancy (MMR).

    Only the ``pool`` most relevant sentences are re-ordered (their similarities form a
    pool × pool matrix); the others follow in order of relevance.
    """
    n = len(relevance)
    by_relevance = np.argsort(-relevance, kind="stable")
    candidates = by_relevance[:pool]
    dense = vectors.dense(candidates) if isinstance(vectors, Rows) else vectors[candidates]
    sim = dense @ dense.T
    # the relevance of those not taken yet; a taken one's is -inf, and so is its value then
    local = relevance[candidates].astype(float)
    k = len(candidates)
    taken = np.zeros(k, dtype=bool)
    order: list[int] = []
    redundancy = np.zeros(k)
    values = np.empty(k)
    indices = candidates.tolist()
    for _ in range(k):
        np.multiply(redundancy, -penalty, out=values)
        values += local  # the first best of those not taken, as argmax breaks ties
        best = int(values.argmax())
        if taken[best]:  # every other value is -inf too: the first not taken
            best = int(np.flatnonzero(~taken)[0])
        taken[best] = True
        local[best] = -np.inf
        order.append(indices[best])
        np.maximum(redundancy, sim[best], out=redundancy)
    rest: list[int] = by_relevance[pool:n].tolist()
    return order + rest


def rescore(relevance: np.ndarray, vectors: Rows | np.ndarray, penalty: float) -> list[float]:
    """Probabilities made non-increasing along the MMR order, so that best-first is MMR."""
    order = np.array(mmr_order(relevance, vectors, penalty), dtype=np.int64)
    probs = 1.0 / (1.0 + np.exp(-relevance[order]))
    # s[k] = min(s[k-1] - step, p[k]): a tiny step keeps the order strict when MMR promotes a
    # less probable sentence; with t[k] = s[k] + k * step it is a running minimum.
    step = 1e-9 * np.arange(len(order))
    scores = np.empty(len(order))
    scores[order] = np.minimum.accumulate(probs + step) - step
    result: list[float] = scores.tolist()
    return result


def default_scores(doc: Document, language: str) -> list[float]:
    """A score in (0, 1) for every sentence: the fitted model's probability, MMR-ordered."""
    n = len(doc.sentences)
    if n == 0:
        return []
    x, vectors = features(doc, language)
    params = model()
    shape = paragraph_shape(doc)
    relevance = logits(x, shape, params, language)
    scores = rescore(relevance, vectors, penalty(shape, params))
    return [0.0 if math.isnan(s) else s for s in scores]
