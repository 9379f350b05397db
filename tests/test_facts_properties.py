"""Every quote, figure and name mention is a span of the text: ``text[start:end] == text``.

The text is the one sentences are cut from (:func:`briefer.split.sanitize`: control characters
as spaces), which is also the text a brief's offsets refer to."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer.facts import extract
from briefer.rank import stop_words
from briefer.split import sanitize, split_sentences

STOP = stop_words("english")
WORDS = st.sampled_from(
    [
        "The",
        "minister",
        "Mr",
        "Smith",
        "Hakan",
        "Fidan",
        "said",
        "says",
        "he",
        "she",
        "told",
        "CNN",
        "according to",
        "Sen.",
        "GE's",
        "U.S.",
        '"',
        "“",
        "”",
        "'",
        "‘",
        "’",
        "«",
        "»",
        ",",
        ".",
        ":",
        "$7.1",
        "£53m",
        "billion",
        "0.1%",
        "29",
        "percent",
        "three",
        "a million",
        "people",
        "10 to 14",
        "days",
        "March",
        "17",
        "1995",
        "in",
        "F-250",
        "Boeing",
        "737",
        "19,",
        "years old",
        "3-2",
        "11th",
        "café",
        "BERLIN, Germany (CNN) --",
        "\n",
        "\n\n",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS, max_size=80).map(" ".join),
    st.lists(WORDS, max_size=80).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_every_fact_is_a_span_of_the_text(text: str) -> None:
    sentences = split_sentences(text)
    source = sanitize(text)
    found = extract(sentences, source, STOP)
    for e in found.entities:
        assert e.mentions
        for m in e.mentions:
            assert source[m.start : m.end] == m.text
    for q in found.quotes:
        assert source[q.start : q.end] == q.text
        assert q.text.strip() == q.text and q.text
    for f in found.figures:
        assert source[f.start : f.end] == f.text
        assert f.text
