"""The stem memo and its seeds: a memoized or seeded stem is always the live stemmer's stem."""

from __future__ import annotations

import gzip
import random
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sumy.summarizers.luhn import LuhnSummarizer

from briefer import lang, rank
from briefer.rank import fast
from briefer.rank.stems import WORD
from briefer.split import analyse, nltk_version

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "briefer" / "lang" / "stems").glob("*.tsv.gz"))


def _seed_pairs(path: Path) -> tuple[str, list[tuple[str, str]]]:
    header, _, body = gzip.decompress(path.read_bytes()).decode().partition("\n")
    return header, [tuple(line.split("\t")) for line in body.splitlines()]  # type: ignore[misc]


def test_every_snowball_language_has_a_seed() -> None:
    snowball = {r.name for r in lang.records() if r.stemmer == "snowball"}
    assert {r.name for r in lang.records() if r.stem_seed is not None} == snowball
    assert {p.name for p in SEEDS} == {lang.get(name).stem_seed for name in snowball}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seeded_stems_are_the_live_stemmers(path: Path) -> None:
    language = path.name.removesuffix(".tsv.gz")
    header, pairs = _seed_pairs(path)
    assert len(pairs) >= 20_000
    if header.split()[:3] != ["#", "nltk", nltk_version()]:
        # another NLTK made it: briefer must then ignore it (and stem live)
        assert rank.stem_seed(language) == {}
        pytest.skip(f"seed made by {header}; installed nltk {nltk_version()}")
    stemmer = rank.stemmer(language)
    sample = pairs if language == "english" else random.Random(language).sample(pairs, 4000)
    wrong = [(w, s, stemmer(w)) for w, s in sample if stemmer(w) != s]
    assert not wrong, wrong[:10]
    assert rank.stem_seed(language) == dict(pairs)


def test_a_seed_from_another_nltk_is_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    assert rank.stem_seed("english")
    monkeypatch.setattr("briefer.split.nltk_version", lambda: "0.0-other")
    assert rank.stem_seed("english") == {}
    for record in lang.records():
        if record.stem_seed is None:  # no seed: a stemmer of its own, or none
            assert rank.stem_seed(record.name) == {}


def test_the_memo_is_seeded_after_enough_misses() -> None:
    stemmer = rank.stemmer("english")
    rank.clear_stem_cache()
    stems = rank.stem_cache(stemmer)
    words = [f"zq{i}ings" for i in range(rank.SEED_AFTER - 1)]
    assert [stems[w] for w in words] == [stemmer(w) for w in words]
    assert len(stems) == rank.SEED_AFTER - 1  # short documents never pay for the seed
    assert stems["Running"] == "run"  # the 500th miss: sumy lower-cases, then stems
    assert len(stems) > 20_000
    assert stems["Running"] == stems["running"] == stemmer("running")
    stems.reset()
    assert len(stems) == 0
    rank.clear_stem_cache()


def test_capitalized_words_share_the_lowercase_stem() -> None:
    stemmer = rank.stemmer("english")
    stems = rank.StemCache(stemmer, None)
    assert stems["Organizations"] == stems["organizations"] == stemmer("organizations")
    assert stems["NATO"] == stemmer("nato")


WORDS = ["apple", "banana", "cherry", "the", "of", "dates", "elder", "figs"]


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=40),
    significant=st.sets(st.sampled_from(["appl", "banana", "cherri", "date", "elder"])),
)
def test_luhn_chunks_as_sumy_rates_them(words: list[str], significant: set[str]) -> None:
    """The position-based chunking gives sumy's rating for any pattern of significant words."""
    sentence = rank.sumy_document(analyse(" ".join(words) + "."), "english").sentences[0]
    stemmer = rank.stemmer("english")
    sig = frozenset(significant)
    ours = fast.FastLuhnSummarizer(stemmer).rate_sentence(sentence, sig)
    assert ours == LuhnSummarizer(stemmer).rate_sentence(sentence, sig)


SUMYS = [
    r.name
    for r in lang.records()
    if r.stemmer != "none" and r.stemmer_package is None and r.sumy_stop_words is not None
]
"""Languages whose stemmer and stop words sumy builds without an extra package."""


@pytest.mark.parametrize("language", SUMYS)
def test_stemmer_and_stop_words_are_sumys(language: str, samples: dict[str, str]) -> None:
    """briefer builds them without importing sumy.utils; they must be what sumy builds."""
    import pkgutil

    from sumy.nlp.stemmers import Stemmer as SumyStemmer
    from sumy.utils import parse_stop_words

    ours, stops = rank.stemmer(language), rank.stop_words(language)
    record = lang.get(language)
    theirs = SumyStemmer(record.stemmer_name)
    words = [w for text in samples.values() for w in text.lower().split()][:3000]
    words += ["running", "nationalities", "Häuser", "organisations", "correría", "ääliö"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # sumy's Czech stemmer on mixed case
        assert [ours(w) for w in words] == [theirs(w) for w in words]
    data = pkgutil.get_data("sumy", f"data/stopwords/{record.sumy_stop_words}.txt")
    assert stops == parse_stop_words(data)


def test_word_pattern_is_sumys() -> None:
    from sumy.nlp.tokenizers import Tokenizer

    assert WORD.pattern == Tokenizer._WORD_PATTERN.pattern
    assert WORD.flags == Tokenizer._WORD_PATTERN.flags
    tokens = ["word", "Word's", "co-op", "'tis", "3d", "_x", "é", "naïve", "x1", "-", "don't"]
    assert [bool(WORD.match(t)) for t in tokens] == [Tokenizer._is_word(t) for t in tokens]
