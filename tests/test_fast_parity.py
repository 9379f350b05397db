"""briefer.fast against sumy's own summarizers: the same ratings, the same chosen sentences.

Continuous ratings must agree to floating-point rounding; the chosen sentences must agree
except between sentences whose ratings tie (to that rounding), where sumy's own choice is
decided by the order of its float additions. KL-Sum and SumBasic rate by selection order,
so theirs must agree exactly, ties included.
"""

from __future__ import annotations

import json
import random
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter
from pathlib import Path

import numpy as np
import pytest

from briefer import rank
from briefer.models import Document
from briefer.rank import fast
from briefer.rank.fast import kl, lexrank
from briefer.split import analyse

ROOT = Path(__file__).resolve().parents[1]
CNN = ROOT.parent / "shared" / "eval" / "cnn_dev.jsonl"
METHODS = sorted(rank.FAST_METHODS)
ORDINAL = {"kl", "sumbasic"}  # ratings are -(selection order): exact, ties included
RTOL = 1e-9


def _samples() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))}


def _long_text() -> str:
    """All samples, then all of them again: a long document full of exact duplicates."""
    texts = list(_samples().values())
    return "\n\n".join(texts + texts)


def _ties_text(seed: int = 7, count: int = 120) -> str:
    """Sentences over a tiny vocabulary: many sentences tie, many are duplicates."""
    rng = random.Random(seed)
    vocab = ["apple", "banana", "cherry", "dates", "elder", "figs", "grape", "honey"]
    sentences = []
    for _ in range(count):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 5))]
        words += rng.sample(["the", "and", "of"], rng.randint(0, 2))
        rng.shuffle(words)
        sentences.append(f"{rng.choice(['The', 'Some', 'Apple'])} {' '.join(words)}.")
    return "\n\n".join(" ".join(sentences[i : i + 3]) for i in range(0, count, 3))


def _cut(doc: Document, n: int) -> Document:
    return Document(doc.text, doc.sentences[:n], doc.paragraphs, doc.title, doc.headings)


def _ratings(doc: Document, method: str, original: bool) -> np.ndarray:
    with warnings.catch_warnings():
        # sumy's LSA warns when a text has fewer distinct words than sentences (the tie text).
        warnings.filterwarnings("ignore", "Number of words", UserWarning)
        return np.array(rank.sumy_scores(doc, method, "english", original=original))


def _chosen(ratings: np.ndarray, k: int) -> set[int]:
    """sumy's choice: a stable sort by rating, best first, the first k."""
    return set(sorted(range(len(ratings)), key=lambda i: -ratings[i])[:k])


def assert_parity(doc: Document, method: str) -> None:
    try:
        sumy = _ratings(doc, method, original=True)
    except (ValueError, RuntimeWarning) as exc:  # sumy's own failures are kept, too
        with pytest.raises(type(exc), match=str(exc)[:30]):
            _ratings(doc, method, original=False)
        return
    ours = _ratings(doc, method, original=False)
    assert len(sumy) == len(ours) == len(doc.sentences)
    if method in ORDINAL:
        assert ours.tolist() == sumy.tolist()
        return
    scale = float(np.max(np.abs(sumy))) if len(sumy) else 0.0
    atol = RTOL * max(scale, 1e-300)
    np.testing.assert_allclose(ours, sumy, rtol=RTOL, atol=atol)
    for k in sorted({1, 3, 5, 10, len(sumy) // 4}):
        if not 0 < k < len(sumy):
            continue
        differ = _chosen(sumy, k) ^ _chosen(ours, k)
        kth = sorted(sumy, reverse=True)[k - 1]
        assert all(abs(sumy[i] - kth) <= atol + RTOL * abs(kth) for i in differ), (k, differ)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", sorted(_samples()))
def test_samples(name: str, method: str) -> None:
    assert_parity(analyse(_samples()[name]), method)


@pytest.mark.skipif(not CNN.exists(), reason="../shared/eval/cnn_dev.jsonl is not available")
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("record", [0, 17, 101])
def test_cnn_records(record: int, method: str) -> None:
    lines = CNN.read_text(encoding="utf-8").splitlines()
    assert_parity(analyse(json.loads(lines[record])["article"]), method)


@contextmanager
def _small_blocks() -> Iterator[None]:
    """Force many similarity blocks, dense frequent terms and frequent KL refreshes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexrank, "BLOCK_CELLS", 2_000)
        patch.setattr(lexrank, "BLOCK_PAIRS", 500)
        patch.setattr(kl, "KL_REFRESH", 7)
        patch.setattr(kl, "KL_BLOCK", 3)
        yield


@pytest.mark.parametrize("method", METHODS)
def test_long_document_with_duplicates(method: str) -> None:
    doc = analyse(_long_text())
    assert len(doc.sentences) > 200
    doc = _cut(doc, {"kl": 100, "lsa": 150}.get(method, 200))  # sumy's KL-Sum is cubic
    with _small_blocks():
        assert_parity(doc, method)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("seed", [7, 8])
def test_tied_sentences(seed: int, method: str) -> None:
    with _small_blocks():
        assert_parity(analyse(_ties_text(seed)), method)


@pytest.mark.parametrize("method", METHODS)
def test_same_sentences_through_sumys_api(method: str) -> None:
    """Called like sumy's own summarizer, a fast one returns the same sentences."""
    doc = analyse(_samples()["libya-tripoli-attack"])
    sumy_doc = rank.sumy_document(doc, "english")
    picks = []
    for original in (True, False):
        cls = rank.summarizer_class(method, original)
        stops = rank.stop_words("english")
        summarizer = cls(rank.stemmer("english"))
        summarizer.stop_words = stops
        if method == "edmundson":
            summarizer.null_words = stops
            summarizer.bonus_words = rank.bonus_words(sumy_doc, stops)
            summarizer.stigma_words = ("hardly", "impossible")
        picks.append(tuple(map(attrgetter("_text"), summarizer(sumy_doc, 4))))
    assert picks[0] == picks[1]
    assert issubclass(rank.summarizer_class(method), rank.summarizer_class(method, True))


def test_score_uses_the_fast_classes() -> None:
    doc = analyse(_samples()["time-warner-profit"])
    for method in METHODS:
        assert rank.score(doc, method, "english") == rank.sumy_scores(doc, method, "english")
        assert rank.summarizer_class(method) is fast.FAST_CLASSES[method]


@pytest.mark.parametrize("method", METHODS)
def test_one_sentence_and_empty_words(method: str) -> None:
    for text in ("Only one sentence here.", "And the of. The and. Of the."):
        assert_parity(analyse(text), method)


@pytest.mark.parametrize("block", [1, 64])
def test_kl_dropping_chosen_rows_every_refresh(block: int) -> None:
    """KL-Sum drops the chosen sentences' entries at a refresh: refreshed at every step, with
    blocks of one sentence and of many."""
    doc = _cut(analyse(_long_text()), 100)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(kl, "KL_REFRESH", 1)
        patch.setattr(kl, "KL_BLOCK", block)
        assert_parity(doc, "kl")


@pytest.mark.parametrize("threshold", [0.0, 0.02, 0.3])
def test_lexrank_other_thresholds(threshold: float) -> None:
    """LexRank's cheap test of a block keeps every cell near or above any threshold."""
    from sumy.summarizers.lex_rank import LexRankSummarizer

    doc = _cut(analyse(_long_text()), 200)
    with _small_blocks(), pytest.MonkeyPatch.context() as patch:
        patch.setattr(LexRankSummarizer, "threshold", threshold)
        assert_parity(doc, "lexrank")
