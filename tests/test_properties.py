"""Any text gives a brief of verbatim sentences in article order, or a clean BrieferError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefer import BrieferError, Options, split_sentences, summarize
from briefer.split import sanitize

WORDS = st.sampled_from(
    [
        "The",
        "council",
        "said",
        "U.S.",
        "Dr.",
        "$7.1",
        "billion",
        "“quoted”",
        '"x"',
        "—",
        "29%",
        "Jan.",
        "e.g.",
        "NATO",
        "café",
        "...",
        "?",
        "!",
        "\n",
        "\n\n",
        "1.",
        "-",
        "[bold]",
        "\x1b",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=400),
    st.lists(WORDS, max_size=120).map(" ".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, method=st.sampled_from(["default", "lead", "lexrank", "luhn", "textrank"]))
def test_brief_or_clean_error(text: str, method: str) -> None:
    try:
        brief = summarize(text, Options(method=method, sentences=3))
    except BrieferError as exc:
        assert str(exc)
        return
    clean = sanitize(text)
    indices = [p.sentence.index for p in brief.points]
    assert indices == sorted(set(indices))
    assert 1 <= len(brief.points) <= 3
    for p in brief.points:
        assert clean[p.sentence.start : p.sentence.end] == p.sentence.text
        assert p.sentence.text.strip()


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_split_round_trip(text: str) -> None:
    clean = sanitize(text)
    previous_end = 0
    for s in split_sentences(text):
        assert clean[s.start : s.end] == s.text
        assert s.start >= previous_end
        assert not clean[previous_end : s.start].strip()
        previous_end = s.end
    assert not clean[previous_end:].strip()
