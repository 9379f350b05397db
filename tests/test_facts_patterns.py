"""The fast forms of the facts' patterns match exactly what the plain forms match."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from briefer.facts.mentions import word_before
from briefer.facts.patterns import alternation, first_characters

_ALPHABET = st.sampled_from(["a", "b", "B", ".", "$", " ", "-", "é", "\n", "1"])
_WORDS = st.sets(st.text(_ALPHABET, min_size=1, max_size=4), min_size=1, max_size=8)


def _longest_first(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@given(_WORDS, st.text(_ALPHABET, max_size=30), st.sampled_from(["", r"\b", "b", r"(?!a)"]))
def test_a_trie_matches_what_the_longest_first_alternation_matches(
    words: set[str], text: str, after: str
) -> None:
    plain = re.compile(f"(?:{_longest_first(words)}){after}")
    trie = re.compile(f"(?:{alternation(words)}){after}")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_a_trie_prefers_the_longer_word_that_shares_a_prefix() -> None:
    pattern = alternation(["six", "sixty", "sixteen", "seven"])
    assert pattern == "s(?:even|ix(?:t(?:een|y))?)"
    assert re.match(pattern, "sixteen").group() == "sixteen"  # type: ignore[union-attr]
    assert re.match(pattern, "sixth").group() == "six"  # type: ignore[union-attr]


def test_first_characters_is_a_class_of_every_word_start() -> None:
    cls = first_characters(["$", "US$", "-x", "]y"])
    assert re.fullmatch(f"[{cls}]+", "$U-]")
    assert not re.search(f"[{cls}]", "xyz")


@given(st.text(_ALPHABET, max_size=40), st.integers(min_value=0, max_value=40))
def test_word_before_is_the_last_word_a_space_separates(text: str, at: int) -> None:
    a = min(at, len(text))
    m = re.search(r"(\w+)\s+$", text[:a][-30:]) if a else None
    assert word_before(text, a) == (m.group(1) if m else None)


_NUMBERISH = st.lists(
    st.sampled_from(
        ["seven", "first", "million", "a", "an", "Seven", "x", " ", "-", "1", "٣", "é", "K", "İ"]
    ),
    max_size=12,
).map("".join)


@given(_NUMBERISH, st.sampled_from(["english", "french", "german", "turkish", "spanish"]))
def test_worth_reading_is_the_digit_or_number_word_pattern(text: str, language: str) -> None:
    from briefer.facts import record
    from briefer.facts.figures import _DIGIT, _WORD, _number_words

    words = record(language)
    assert words is not None
    scales = {w for w in words.scale_words if len(w) > 2}
    names = frozenset(words.number_words) - {"a", "an"} | frozenset(words.ordinals) | scales
    ascii_names = [w for w in names if _WORD.fullmatch(w)]
    pattern = re.compile(rf"\d|(?<![a-z])(?:{alternation(ascii_names)})(?![a-z])")
    worth = _DIGIT.search(text) is not None or _number_words(words)(text)
    assert worth == bool(pattern.search(text.lower()))


_NO_DIGITS = st.lists(
    st.sampled_from(["March", "mars", "May", " ", "of", "de", "third", "No.", "st", ",", "first"]),
    max_size=10,
).map("".join)


@given(_NO_DIGITS, st.sampled_from(["english", "french", "german", "turkish", "spanish"]))
def test_dates_scores_and_ordinals_need_a_digit_or_a_hyphen(text: str, language: str) -> None:
    # figures skips these patterns on a sentence without a digit (and without "-": ordinals)
    from briefer.facts import record
    from briefer.facts.figures import _SCORE, _grammar

    words = record(language)
    assert words is not None
    g = _grammar(words)
    assert not g.date.search(text) and not _SCORE.search(text) and not g.ordinal.search(text)


def _cap_run_plain(language: str) -> re.Pattern[str]:
    """A capitalised run as it reads plainly: a look-ahead for a capital, the look-behinds
    for what may come before it, then the capitalised words."""
    from briefer.facts import mentions as m
    from briefer.facts.lang import words_for

    words = words_for(language)
    extra = "".join("|" + re.escape(w) for w in sorted(words.name_connectors))
    connector = f"(?:{m._CONNECTOR}{extra})"
    letters = "".join(sorted({c for e in words.elisions for c in e[:1] + e[:1].upper()}))
    start = rf"(?:(?<![\w'’-])|(?<=(?<![\w'’-])[{letters}]['’]))" if letters else r"(?<![\w'’-])"
    glue = rf"(?:(?:\s+{connector}){{1,2}}\s+(?:the\s+)?|\s+(?:and|&)\s+|\s+|-)"
    return re.compile(
        rf"(?=[^\W\d_{m.LOWER}]){start}{m._CAP_WORD}(?:{glue}{m._CAP_WORD})*(?:['’]s\b)?"
    )


_CAPITALISED = st.sampled_from(["A", "U", "É", "Ω", "l", "d", "a", ".", "'", "-", " ", "of"])
_RUNS = [
    "É.U. and U.S. troops",
    "Sen. Tom Udall, Gov. Ann Lee and Dr. X. Y. Zhou",
    "St. Louis; Sr.Smith",
    "l'État, d’Artagnan, L'ONU and O'Brien's",
    "Bank of England-Cymru the Netherlands",
    "Ωmega 3M ÉTATS-UNIS",
]


@settings(max_examples=400)
@given(st.lists(_CAPITALISED, max_size=20), st.sampled_from(["english", "french"]))
def test_a_capitalised_run_read_first_character_first_is_the_plain_run(
    parts: list[str], language: str
) -> None:
    from briefer.facts import mentions
    from briefer.facts.lang import words_for

    fast = mentions._cap_run(words_for(language))
    plain = _cap_run_plain(language)
    for text in ["".join(parts), *_RUNS]:
        ours = [m.span() for m in fast.finditer(text)]
        assert ours == [m.span() for m in plain.finditer(text)], text


def test_capitalised_runs_of_the_quality_sets_are_the_plain_runs() -> None:
    from briefer.facts import mentions
    from briefer.facts.lang import words_for
    from briefer.split import split_sentences

    from .conftest import quality_articles

    runs = 0
    for language, article in quality_articles():
        fast, plain = mentions._cap_run(words_for(language)), _cap_run_plain(language)
        for s in split_sentences(article, language):
            found = [m.span() for m in fast.finditer(s.text)]
            assert found == [m.span() for m in plain.finditer(s.text)], s.text
            runs += len(found)
    assert runs > 10_000
