"""Figures, quotes and names, case by case."""

from __future__ import annotations

import pytest

from briefer.facts import figures, names, quotes
from briefer.models import Sentence
from briefer.rank import stop_words
from briefer.split import split_sentences


def _s(text: str) -> list[Sentence]:
    return [Sentence(0, 0, 0, len(text), text)]


@pytest.mark.parametrize(
    ("text", "figure", "kind", "unit"),
    [
        ("Exports reached $7.1 billion last year.", "$7.1 billion", "money", "USD"),
        ("Profit rose to £600m in the quarter.", "£600m", "money", "GBP"),
        ("It was worth €3.5 million to the club.", "€3.5 million", "money", "EUR"),
        ("Revenue was TL 269.88 billion overall.", "TL 269.88 billion", "money", "TRY"),
        ("Sales grew by 29 percent this year.", "29 percent", "percent", "percent"),
        ("Shares fell 6.4% on Monday.", "6.4%", "percent", "percent"),
        ("About 800,000 citizens live there.", "800,000 citizens", "count", "citizens"),
        ("There were 52 million tourists.", "52 million tourists", "count", "tourists"),
        (
            "More than 40 foreign ministers attended.",
            "40 foreign ministers",
            "count",
            "foreign ministers",
        ),
        ("About 800,000 citizens living in France.", "800,000 citizens", "count", "citizens"),
        ("It placed 11th in the world.", "11th", "rank", "rank"),
        ("The resolution was approved on March 17 by the council.", "March 17", "date", "date"),
        ("Trade grew strongly in 2024 for both.", "2024", "date", "year"),
    ],
)
def test_figures(text: str, figure: str, kind: str, unit: str) -> None:
    found = {f.text: f for f in figures(_s(text))}
    assert figure in found, found
    assert (found[figure].kind, found[figure].unit) == (kind, unit)
    f = found[figure]
    assert text[f.start : f.end] == figure


@pytest.mark.parametrize(
    "text",
    [
        "The results for 2003 performance were restated.",
        "He said it twice and then left.",
        "One of the two men was released.",
    ],
)
def test_not_figures(text: str) -> None:
    assert [f.text for f in figures(_s(text)) if f.kind == "count"] == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            '"It is inconceivable to establish security without us," '
            "President Recep Tayyip Erdoğan said last month.",
            "It is inconceivable to establish security without us",
            "Recep Tayyip Erdoğan",
        ),
        (
            "“There has definitely been a decrease in business,” owner Peter Poulakakos told CNN.",
            "There has definitely been a decrease in business",
            "Peter Poulakakos",
        ),
        (
            'Obama told ABC: "We are looking at all our options at this point."',
            "We are looking at all our options at this point.",
            "Obama",
        ),
        (
            '"We will not take revenge on the streets," he said in London.',
            "We will not take revenge on the streets",
            None,
        ),
    ],
)
def test_quotes_and_speakers(text: str, quote: str, speaker: str | None) -> None:
    found = quotes(_s(text), text)
    assert [(q.text, q.speaker) for q in found] == [(quote, speaker)]
    assert text[found[0].start : found[0].end] == quote


def test_short_scare_quotes_are_not_quotes() -> None:
    text = 'The so-called "peace plan" was rejected.'
    assert quotes(_s(text), text) == []


def test_names_prefer_full_forms_and_drop_roles() -> None:
    text = (
        "Foreign Minister Hakan Fidan met officials in Paris. Fidan said NATO mattered. "
        "Later Fidan left Paris."
    )
    found = [n.text for n in names(split_sentences(text), stop_words("english"))]
    assert found[0] == "Hakan Fidan"
    assert "Paris" in found and "NATO" in found
    assert "Foreign Minister Hakan Fidan" not in found and "Later" not in found
