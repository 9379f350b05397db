"""The edges a new user hit (issue 14): budgets that cannot be met and over-long lines say so."""

from __future__ import annotations

from briefer import Options, summarize

from .conftest import SAMPLES

SEED = (SAMPLES / "fidan-paris-visit.txt").read_text(encoding="utf-8")


def test_a_word_budget_that_cannot_be_met_says_so() -> None:
    brief = summarize(SEED, Options(words=10))
    assert brief.stats.brief_words > 10
    assert brief.notes == (
        "the budget of 10 words cannot be met: key points are whole sentences, and the best "
        f"one alone has {brief.stats.brief_words} words",
    )
    assert summarize(SEED, Options(words=200)).notes == ()  # a budget that is met: no note


def test_a_line_without_punctuation_gives_points_a_reader_can_read() -> None:
    text = " ".join(f"word{i % 97}" for i in range(40_000))  # about 270 KB, no punctuation
    brief = summarize(text)
    assert max(len(p.sentence.text) for p in brief.points) <= 1_000
    assert all(text[p.sentence.start : p.sentence.end] == p.sentence.text for p in brief.points)
    assert brief.stats.compression < 0.1  # not the whole text as its gist
    (note,) = brief.notes
    assert note.startswith("over-long sentences were cut into ")
    assert note.endswith(" pieces of at most 1,000 characters, at a clause mark or between words")
