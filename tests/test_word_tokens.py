"""The word tokenizer: NLTK's own code with stdlib patterns, cutting exactly as NLTK does."""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize import NLTKWordTokenizer

from briefer import split

from .conftest import ROOT, SAMPLES

NLTK = NLTKWordTokenizer()


def test_the_patterns_run_on_the_standard_library_engine() -> None:
    tokenizer = split.word_tokenizer()
    assert isinstance(tokenizer, NLTKWordTokenizer)  # NLTK's class and its tokenize()
    assert all(isinstance(p, re.Pattern) for p, _ in tokenizer.PUNCTUATION)
    assert not isinstance(NLTK.PUNCTUATION[0][0], re.Pattern)  # NLTK's own go through redos


def _sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    for name in ("cnn_dev_60.jsonl", "bbc_dev_40.jsonl"):
        with open(ROOT / "tests" / "data" / "quality" / name, encoding="utf-8") as fh:
            texts += [json.loads(line)["article"] for line in fh]
    return [s.text for t in texts for s in split.split_sentences(t)]


def test_every_sentence_of_the_pinned_articles_is_cut_as_nltk_cuts_it() -> None:
    sentences = _sentences()
    assert len(sentences) > 3000
    assert [split.word_tokens(s) for s in sentences] == [NLTK.tokenize(s) for s in sentences]


PIECES = [*"aZ9 .,;:!?'\"`()[]{}<>-–—…$%&@#*/\\«»“”‘’\t\n", "n't", "'s", "can", "U.S."]
PUNCTUATION_HEAVY = st.lists(st.sampled_from(PIECES), max_size=200).map("".join)


@settings(max_examples=400, deadline=None)
@given(PUNCTUATION_HEAVY)
def test_adversarial_text_is_cut_as_nltk_cuts_it(text: str) -> None:
    """Runs of quotes, dots and dashes (where backtracking would show): the same tokens."""
    assert split.word_tokens(text) == NLTK.tokenize(text)


def test_sentences_cut_in_batches_get_nltks_tokens() -> None:
    """A split document's sentences are tokenized in batches: every token as NLTK's."""
    assert split.sentence_batcher() is not None
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    sentences = [s.text for s in split.document(text)[0].sentences]
    assert [split.word_tokens(s) for s in sentences] == [NLTK.tokenize(s) for s in sentences]
    backwards = [split.word_tokens(s) for s in reversed(sentences)]  # out of order: one by one
    assert backwards == [NLTK.tokenize(s) for s in reversed(sentences)]


@settings(max_examples=200, deadline=None)
@given(st.lists(PUNCTUATION_HEAVY, max_size=12))
def test_adversarial_batches_are_cut_as_nltk_cuts_each_text(texts: list[str]) -> None:
    """Sentences that start or end in quotes, dots, newlines: a batch cuts each as alone."""
    batch = split.sentence_batcher()
    assert batch is not None
    clean = [t.replace("\x00", "") for t in texts]
    assert batch.tokenize(clean) == [NLTK.tokenize(t) for t in clean]


_CONTRACTION_PIECES = [
    "cannot", "CanNot", "gonna", "Gonna", "wanna", "d'ye", "more'n", "lemme", "gimme", "gotta",
    "xcannot", "cannotx", "ſ", "K", ".", "'", " 'tis", " 'Twas", " ", "\t",
    "gımme", "gİmme", " 'tiſ", "LEMME", "\u212aan", "I", "é",
]  # fmt: skip
CONTRACTED = st.lists(st.sampled_from(_CONTRACTION_PIECES), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(CONTRACTED, min_size=1, max_size=6))
def test_contractions_in_batches_are_cut_as_nltk_cuts_them(texts: list[str]) -> None:
    """The batch skips a contraction's pattern when its letters are absent: never wrongly."""
    batch = split.sentence_batcher()
    assert batch is not None
    assert batch.tokenize(texts) == [NLTK.tokenize(t) for t in texts]


def test_only_contraction_shaped_patterns_get_a_letters_search() -> None:
    from briefer.split.tokens import required

    need = required(re.compile(r"(?i)\b(can)(?#X)(not)\b"))
    assert need is not None and need.search("I CANNOT go")
    assert required(re.compile(r"(?i) ('t)(?#X)(is)\b")).pattern == re.escape(" 'tis")  # type: ignore[union-attr]
    assert required(re.compile(r"([^' ])('[sS]|'[mM]|'[dD]|') ")) is None


def test_case_odd_lists_every_character_that_ignorecase_matches_to_an_ascii_letter() -> None:
    from briefer.split.tokens import CASE_ODD

    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = [chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))]
    assert "".join(odd) == CASE_ODD


def test_the_absence_check_agrees_with_case_insensitive_searches() -> None:
    from briefer.split.tokens import absence_check

    absent = absence_check(["cannot", " 'tis"])
    assert absent is not None
    assert absent("I can not go, it's late") and not absent("I CanNot go")
    assert not absent("x 'TIS") and absent("x'TIS")
    assert not absent("gımme cannot") and not absent("\u0130 nothing")  # odd letters: unknown
    assert absence_check(["cannot", None]) is None and absence_check(["çà"]) is None


def test_a_class_before_a_literal_moves_into_a_look_behind_only_where_exact() -> None:
    from briefer.split.tokens import _END, literal_first

    final = re.compile(r"([^\x00\.])(\.)([\]\)}>\"\']*)\s*" + _END)
    moved, template = literal_first(final, r"\1 \2\3 ")
    assert moved.pattern.startswith(r"(\.(?<=[^\x00\.]\.))") and template == r" \1\2 "
    text = '\x00He left.\x00Mr. X said "no." \x00...\x00'
    assert moved.sub(template, text) == final.sub(r"\1 \2\3 ", text)
    # refused: a match may end where the next one's class character is (no end anchor)
    quote = re.compile(r"([^\x00'])(') ")
    assert literal_first(quote, r"\1 \2 ") == (quote, r"\1 \2 ")
    # refused: a template that does not write the class's character back first, or twice
    assert literal_first(final, r" \2\3 ") == (final, r" \2\3 ")
    assert literal_first(final, r"\1 \2\1 ") == (final, r"\1 \2\1 ")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab1é_'’.-  \n\t,", max_size=40))
def test_words_are_counted_as_words_trimmed_of_their_marks(text: str) -> None:
    trimmed = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")  # the reader's word, without its marks
    assert split.count_words(text) == len(trimmed.findall(text))


def test_white_space_is_squeezed_as_the_pattern_squeezes_it() -> None:
    from briefer.split.tokens import squeeze_spaces

    space = re.compile(r"\s")
    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert [c for c in every if c.isspace() != bool(space.match(c))] == []
    for text in ["", " ", "\t\n", "a", " a ", "a  b\u00a0\u2003c\n", "\x00 a\x1c\x1db "]:
        assert squeeze_spaces(text) == re.sub(r"\s+", " ", text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="a' \t\n\u00a0\x00.", max_size=30))
def test_squeezing_matches_the_pattern_on_any_text(text: str) -> None:
    from briefer.split.tokens import squeeze_spaces

    assert squeeze_spaces(text) == re.sub(r"\s+", " ", text)


def test_each_alternative_of_a_group_opens_with_its_literal() -> None:
    from briefer.split.tokens import literal_first

    clitic = re.compile(r"([^\x00' ])('ll|n't|') ")
    moved, template = literal_first(clitic, r"\1 \2 ")
    assert moved.pattern == r"('(?<=[^\x00' ]')ll|n(?<=[^\x00' ]n)'t|'(?<=[^\x00' ]')) "
    assert template == r" \1 "
    for text in ["we'll go' don't ' x'  a' ' b'' c''ll ", "\x00' \x00it' s\x00"]:
        assert moved.sub(template, text) == clitic.sub(r"\1 \2 ", text)
    # refused: the class holds the closing space, so matches could chain
    loose = re.compile(r"([^\x00'])('s) ")
    assert literal_first(loose, r"\1 \2 ") == (loose, r"\1 \2 ")
    whole = re.compile(r"([^\x00'])('s) |x")
    assert literal_first(whole, r"\1 \2 ") == (whole, r"\1 \2 ")


def test_openings_are_the_characters_every_match_starts_with() -> None:
    from briefer.split.tokens import openings

    assert openings(re.compile(r"([«“‘„]|[`]+)")) == frozenset("«“‘„`")
    assert openings(re.compile(r"--")) == frozenset("-")
    for unknown in [r"[a-z]", r"(?<=x)y", r"\s+", r"x?y", r"(?i:x)", r"[^x]", r"(?i)x", r"x*"]:
        assert openings(re.compile(unknown)) is None, unknown
    assert openings(re.compile("[abcdefghi]")) is None  # too many to test each


def test_contained_is_a_run_of_characters_every_match_holds() -> None:
    from briefer.split.tokens import contained

    known = {
        r"([^\x00'])' ": "' ",  # NLTK's closing single quote: a class first, tried everywhere
        r"\.{2,}": "..",
        r"a{2}b": "aab",
        r"a(bc)d": "abcd",
        r"ab(c|d)ef": "ab",  # the alternatives end the run; "ef" is as long, and later
        r"ab(?:cd)?ef": "ab",
        r"x+y": "x",
        r"(?i)(?<!\w)(\')(?=\w)": "'",  # no case: fine under IGNORECASE
        r"(?<=\x00)\"": '"',
    }
    for pattern, run in known.items():
        assert contained(re.compile(pattern)) == run, pattern
    for unknown in [r"[?!]", r"([:,])([^\d])", r"(a)b|c", r"(?i)ab", r"\w+", r"x*", r"a(?i:b)"]:
        found = contained(re.compile(unknown))
        assert found is None or found == "a", unknown  # a(?i:b): only the "a" is sure


def _same_matches(one: re.Pattern[str], other: re.Pattern[str], alphabet: str, seed: int) -> int:
    """How many random texts over ``alphabet`` the two patterns match alike (asserting each)."""
    import random

    rng = random.Random(seed)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        ours = [(m.span(), m.groups()) for m in one.finditer(text)]
        assert ours == [(m.span(), m.groups()) for m in other.finditer(text)], text
    return 20_000


@pytest.mark.parametrize(
    ("pattern", "moved"),
    [
        (  # NLTK's opening single quote, batched
            r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)",
            r"(?i)(\'(?<!(?:\w)\'))(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)",
        ),
        (r"(?<=\x00)\"", r"\"(?<=(?:\x00)\")"),  # "^\"", batched
        (r"(?<![(])x", r"x(?<!(?:[(])x)"),
        (r"(?<=a)(b)c", r"(b(?<=(?:a)b))c"),
        (r"(?<=a|b)x", r"x(?<=(?:a|b)x)"),  # the alternatives are kept together
        (r"(?<=a)(b|c)", r"(?<=a)(b|c)"),  # a group of alternatives: unchanged
        (r"(?<=a)(b)*", r"(?<=a)(b)*"),  # a repeated group: unchanged
        (r"(?<=a)b+", r"(?<=a)b+"),  # a repeated literal: unchanged
        (r"(?<=(a))(b)", r"(?<=(a))(b)"),  # its own group would be numbered second
    ],
)
def test_a_look_behind_moves_after_the_literal_it_stands_before(pattern: str, moved: str) -> None:
    from briefer.split.tokens import lookbehind_later

    compiled = re.compile(pattern)
    result = lookbehind_later(compiled)
    assert result.pattern == moved
    assert _same_matches(compiled, result, "ab'\"x(c \x00ReVEtS\u212a", seed=len(pattern))


@pytest.mark.parametrize(
    ("pattern", "template"),
    [
        (r"([:,])([^\d])", r" \1 \2"),
        (r"[;@#$%&]", r" \g<0> "),
        (r"(a)|(b)", r"<\1|\2>"),  # a group that took no part writes nothing
        (r"(x)(y)(z)", r"\3\2\1 "),
        (r"(q)", r"\n\1"),  # an escape: the template is kept
    ],
)
def test_a_filler_writes_what_its_template_writes(pattern: str, template: str) -> None:
    from briefer.split.tokens import filler

    compiled = re.compile(pattern)
    text = "a, b: 3, xyz q; ab@ #"
    assert compiled.sub(filler(template), text) == compiled.sub(template, text)
