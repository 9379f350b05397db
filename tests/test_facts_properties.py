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


def test_a_run_inside_a_sentence_is_cut_alike_in_every_article() -> None:
    """A capitalised run that does not open its sentence is cut without the article's words
    (and kept across articles): on every such run of the quality sets, in English, French and
    Portuguese, the names are those an article's own cutter gives."""
    from briefer.facts import mentions
    from briefer.facts.lang import words_for
    from briefer.split import document

    from .conftest import quality_articles

    checked = 0
    for language, article in quality_articles():
        words = words_for(language)
        sentences = document(article, language)[0].sentences
        cutter = mentions._cutter(sentences, stop_words(language), words)
        for s in sentences:
            lead = mentions._lead(s.text)
            for m in mentions._cap_run(words).finditer(s.text):
                if m.start() > lead:
                    own = mentions._cut_run(m.group(), False, cutter)
                    assert list(mentions._names_inside(m.group(), words)) == own
                    checked += 1
    assert checked > 5000
