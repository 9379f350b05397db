"""The default ranking: fitted linear scorers over position, centrality and content features."""

from __future__ import annotations

import json
import math
import sys
from importlib import resources
from pathlib import Path

import numpy as np
import pytest

from briefer import Options, summarize
from briefer.evaluate import lowercase_flat, shuffle_paragraphs
from briefer.rank.default import (
    _DIGITS,
    _QUOTES,
    FEATURES,
    LENGTH_GROUPS,
    centrality,
    default_scores,
    features,
    gate,
    mmr_order,
    model,
    overlap_centrality,
    paragraph_shape,
    rescore,
    tfidf,
)
from briefer.rank.sparse import counts_of
from briefer.split import analyse

NEWS = (
    "Seoul (CNN) -- South Korea will allow private groups to send condolences to North Korea "
    "after the death of leader Kim Jong Il, the government said Tuesday.\n\n"
    "The Unification Ministry said the groups would need approval before they travel north.\n\n"
    "South Korea will not send an official delegation to the funeral in Pyongyang.\n\n"
    "Analysts said the decision was meant to show that Seoul has no animosity toward the "
    "North during the transition.\n\n"
    "Kim died on Saturday of a heart attack, North Korean state media reported.\n\n"
    "His son Kim Jong Un is expected to succeed him."
)

HOW_TO = """Baking bread at home

There are many reasons people give for not baking. Some say they have no time. Others say
their kitchen is too small. Whatever the reason, it is worth a try.

Mix the flour, water, salt and yeast in a large bowl until the dough comes together.

Knead the dough on a floured surface for ten minutes, until the dough is smooth and elastic.

Let the dough rise in the bowl, covered, for about two hours, until the dough has doubled.

Shape the dough into a loaf, let it rise again, and bake the bread at 220 degrees for forty
minutes, until the bread sounds hollow.

Enjoy it with butter.
"""


def test_the_model_is_readable_json_for_these_features() -> None:
    text = resources.files("briefer.rank").joinpath("default_model.json").read_text()
    data = json.loads(text)
    assert data == model()
    assert tuple(data["features"]) == FEATURES
    for part in ("news", "central"):
        for key in ("mean", "scale", "weights"):
            assert len(data[part][key]) == len(FEATURES)
            assert all(math.isfinite(v) for v in data[part][key])
        assert all(v > 0 for v in data[part]["scale"])
    assert data["mmr"]["news"] >= 0 and data["mmr"]["central"] >= 0


def test_the_gate_reads_paragraph_shape() -> None:
    params = model()
    assert paragraph_shape(analyse(NEWS)) == pytest.approx(0.2)  # one sentence a paragraph
    assert paragraph_shape(analyse(lowercase_flat(NEWS))) == 0.0  # no paragraphs: news
    assert gate(0.2, params) < 0.2 < 0.8 < gate(0.8, params)


def test_a_score_for_every_sentence() -> None:
    doc = analyse(NEWS)
    scores = default_scores(doc, "english")
    assert len(scores) == len(doc.sentences)
    assert all(0 < s < 1 for s in scores)
    assert scores == default_scores(analyse(NEWS), "english")
    x, vectors = features(doc, "english")
    assert x.shape == (len(doc.sentences), len(FEATURES))
    assert np.isfinite(x).all()
    assert vectors.height == len(doc.sentences)


def test_tiny_documents() -> None:
    assert len(default_scores(analyse("One sentence only."), "english")) == 1
    assert summarize("Short. Text here.", Options(sentences=3)).points


STEMS = [
    ["kim", "die", "heart", "attack"],
    ["kim", "son", "succeed", "kim"],
    [],
    ["seoul", "send", "condol"],
    ["kim", "funer", "seoul", "seoul", "delegation"],
    ["heart"],
]


def _dense(stems: list[list[str]]) -> np.ndarray:
    return counts_of(stems).dense(range(len(stems)))


def test_sparse_rows_match_dense_matrices() -> None:
    counts = _dense(STEMS)
    assert counts.sum() == sum(len(s) for s in STEMS)
    assert counts.max() == 2  # repeats are counted
    vectors = tfidf(counts_of(STEMS)).dense(range(len(STEMS)))
    assert np.allclose(np.linalg.norm(vectors, axis=1), [1, 1, 0, 1, 1, 1])
    sim = vectors @ vectors.T
    np.fill_diagonal(sim, 0.0)
    assert np.allclose(centrality(STEMS), sim.sum(axis=1) / (len(STEMS) - 1))


def _overlap_by_pairs(counts: np.ndarray) -> np.ndarray:
    """The quadratic definition: shared words over the sum of the log lengths, every pair."""
    logs = np.log(np.maximum(counts.sum(axis=1), 1.0))
    n = len(counts)
    out = np.zeros(n)
    for i in range(n):
        for j in range(n):
            if i != j:
                shared = float(counts[i] @ counts[j])
                norm = logs[i] + logs[j]
                out[i] += shared / norm if norm > 1e-9 else shared
    return out


def test_overlap_centrality_is_the_pairwise_sum_without_pairs() -> None:
    assert np.allclose(overlap_centrality(counts_of(STEMS)), _overlap_by_pairs(_dense(STEMS)))


def test_overlap_centrality_bins_many_lengths() -> None:
    rng = np.random.default_rng(1)
    stems = [[f"w{rng.integers(40)}" for _ in range(k + 1)] for k in range(LENGTH_GROUPS + 20)]
    exact = _overlap_by_pairs(_dense(stems))
    binned = overlap_centrality(counts_of(stems))
    assert np.allclose(binned, exact, rtol=0.02)


@pytest.mark.parametrize("name", ["cnn_dev_60.jsonl", "bbc_dev_40.jsonl", "binned"])
def test_overlap_centrality_of_every_group_at_once_is_the_loops_to_the_bit(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below GROUPED_AT_ONCE the length groups are summed at once: bit for bit the loop's sums."""
    import briefer.rank.default as default
    from briefer.rank.stems import content_stems

    if name == "binned":  # more lengths than LENGTH_GROUPS: bins, some of them empty
        rng = np.random.default_rng(2)
        docs = [[[f"w{rng.integers(60)}" for _ in range(k % 290 + 1)] for k in range(300)]]
        assert len({len(s) for s in docs[0]}) > LENGTH_GROUPS
    else:
        path = Path(__file__).parent / "data" / "quality" / name
        docs = [
            [
                content_stems(s.text, "english")
                for s in analyse(json.loads(line)["article"]).sentences
            ]
            for line in path.read_text(encoding="utf-8").splitlines()
        ]
    for stems in docs:
        counts = counts_of(stems)
        at_once = overlap_centrality(counts)
        monkeypatch.setattr(default, "GROUPED_AT_ONCE", -1)
        assert np.array_equal(overlap_centrality(counts), at_once)
        monkeypatch.setattr(default, "GROUPED_AT_ONCE", 1 << 16)


def test_long_documents_use_no_pairwise_matrix() -> None:
    """Ten thousand sentences: features in linear memory, MMR only among the best."""
    sentence = "Officials in the capital said the {} talks on trade would resume on day {}."
    text = "\n\n".join(sentence.format(f"w{i % 997}", i) for i in range(10_000))
    doc = analyse(text)
    assert len(doc.sentences) == 10_000
    x, vectors = features(doc, "english")
    assert x.shape == (10_000, len(FEATURES)) and np.isfinite(x).all()
    assert vectors.data.size < 20 * 10_000  # sparse: a few entries per sentence
    scores = default_scores(doc, "english")
    assert len(set(scores)) == len(scores)  # a strict order


def test_the_title_feature_needs_a_title() -> None:
    column = FEATURES.index("title")
    x, _ = features(analyse(NEWS), "english")
    assert not x[:, column].any()
    titled = analyse(NEWS, title="North Korea condolences from South Korea groups")
    x, _ = features(titled, "english")
    assert x[0, column] > x[4, column] >= 0  # the first sentence shares most with it
    unknown = analyse(NEWS, title="Zzyzx")
    assert not features(unknown, "english")[0][:, column].any()


def test_mmr_reorders_only_its_pool() -> None:
    relevance = np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]])
    assert mmr_order(relevance, vectors, 2.5, pool=5) == [0, 2, 1, 3, 4]
    assert mmr_order(relevance, vectors, 2.5, pool=2) == [0, 1, 2, 3, 4]


def test_mmr_demotes_a_repeat() -> None:
    relevance = np.array([3.0, 2.9, 1.0])
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    assert mmr_order(relevance, vectors, 0.0) == [0, 1, 2]
    assert mmr_order(relevance, vectors, 2.5) == [0, 2, 1]
    scores = rescore(relevance, vectors, 2.5)
    assert sorted(range(3), key=lambda i: -scores[i]) == [0, 2, 1]


def test_news_leads_with_its_opening() -> None:
    brief = summarize(NEWS, Options(sentences=2))
    assert brief.gist.sentence.index == 0


def test_a_how_to_is_ranked_by_its_steps_not_its_preamble() -> None:
    brief = summarize(HOW_TO, Options(sentences=3))
    chosen = [p.sentence.text for p in brief.points]
    assert sum("dough" in s for s in chosen) >= 2, chosen
    assert [p.sentence.index for p in brief.points] != [0, 1, 2]


def test_news_told_out_of_order_still_finds_its_story() -> None:
    paragraphs = NEWS.split("\n\n")
    reordered = "\n\n".join(paragraphs[i] for i in (5, 4, 0, 1, 2, 3))
    chosen = [p.sentence.text for p in summarize(reordered, Options(sentences=2)).points]
    lead = [
        p.sentence.text for p in summarize(reordered, Options(method="lead", sentences=2)).points
    ]
    assert chosen != lead
    assert paragraphs[0] in chosen  # the story, though it is now the third paragraph


def test_shuffling_is_seeded_and_keeps_every_paragraph() -> None:
    shuffled = shuffle_paragraphs(NEWS, "seed")
    assert shuffled == shuffle_paragraphs(NEWS, "seed")
    assert sorted(shuffled.split("\n\n")) == sorted(NEWS.split("\n\n"))


@pytest.mark.parametrize("text", [NEWS, HOW_TO])
def test_lowercase_text_without_paragraphs_is_briefed(text: str) -> None:
    flat = lowercase_flat(text)
    brief = summarize(flat, Options(sentences=3))
    assert len(brief.points) == 3
    assert all(0 < p.score < 1 for p in brief.points)


def test_the_digit_mark_is_str_isdigit_for_every_code_point() -> None:
    # the figures feature was fit with any(ch.isdigit() ...): the search must agree everywhere
    every = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
    assert [c for c in every if c.isdigit() != (_DIGITS.search(c) is not None)] == []
    assert _QUOTES.search("no marks here") is None
    assert all(_QUOTES.search(f"a {q} b") for q in '"“”«»')
