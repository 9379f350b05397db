"""The default ranking: fitted linear scorers over position, centrality and content features."""

from __future__ import annotations

import json
import math
from importlib import resources

import numpy as np
import pytest

from briefer import Options, summarize
from briefer.default import (
    FEATURES,
    default_scores,
    features,
    gate,
    mmr_order,
    model,
    paragraph_shape,
    rescore,
)
from briefer.evaluate import lowercase_flat, shuffle_paragraphs
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
    text = resources.files("briefer").joinpath("data", "default_model.json").read_text()
    data = json.loads(text)
    assert data == model()
    assert tuple(data["features"]) == FEATURES
    for part in ("news", "central"):
        for key in ("mean", "scale", "weights"):
            assert len(data[part][key]) == len(FEATURES)
            assert all(math.isfinite(v) for v in data[part][key])
        assert all(v > 0 for v in data[part]["scale"])
    assert data["mmr"] >= 0


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
    assert vectors.shape[0] == len(doc.sentences)


def test_tiny_documents() -> None:
    assert len(default_scores(analyse("One sentence only."), "english")) == 1
    assert summarize("Short. Text here.", Options(sentences=3)).points


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
