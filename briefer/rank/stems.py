"""Words, stems and stop words of a language, and the stem memo every method shares.

A language's stemmer and stop words come from its record (:mod:`briefer.lang`): NLTK's
Snowball stemmer, sumy's own, or none; sumy's stop-word list, or the record's own.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import pkgutil
import re
import warnings
import weakref
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from briefer import lang, split
from briefer.errors import UsageError
from briefer.split import snowball_stemmer, word_tokens

WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$", re.UNICODE)
"""sumy's ``Tokenizer._WORD_PATTERN`` (a token is a word if it is letters, apostrophes and
hyphens, starting with a letter), kept here so that the default method need not import
``sumy.nlp.tokenizers``, whose ``sumy.utils`` imports requests (~60 ms a start). A test keeps the
two patterns equal."""


class WordTokenizer:
    """sumy's tokenizer interface, without sumy's NLTK-data lookup (works offline)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """The words of a sentence: NLTK's tokens that are words by sumy's pattern."""
        is_word = WORD.match
        return tuple(w for w in word_tokens(sentence) if is_word(w))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - unused
        """Not used: briefer splits sentences itself."""
        raise NotImplementedError("briefer splits sentences itself")


class Stemmer:
    """A language's stemmer: the callable sumy's summarizers take (word → stem).

    It is what ``sumy.nlp.stemmers.Stemmer(language)`` builds (NLTK's Snowball stemmer, or
    sumy's own for Czech, Greek and Polish), built without importing that module for the
    Snowball languages: it imports ``sumy.utils``, which imports requests and pycountry
    (~65 ms at every start of a brief), and normalises the language name through pycountry's
    ISO 639 database (~75 ms more).
    """

    __slots__ = ("__weakref__", "_stem", "briefer_language")

    def __init__(self, stem: Callable[[str], str], language: str) -> None:
        self._stem = stem
        self.briefer_language = language  # names the seed of its stem memo (StemCache)

    def __call__(self, word: str) -> str:
        return self._stem(word)


def _snowball_project(name: str) -> Callable[[str], str]:
    """The Snowball project's own stemmer of ``name`` (the ``snowballstemmer`` package), on
    lower-cased words as NLTK's Snowball stemmers take them."""
    import snowballstemmer

    stem = snowballstemmer.stemmer(name).stemWord
    return lambda word: str(stem(word.lower()))


def _no_stem(word: str) -> str:
    return word.lower()  # sumy's null_stemmer


@lru_cache(maxsize=32)
def stemmer(language: str) -> Stemmer:
    """The stemmer of ``language`` (its record's), as sumy's summarizers take it.

    Raises:
        UsageError: the language is unknown, or its stemmer needs a package that is missing.
    """
    record = lang.get(language)
    if record.stemmer == "sumy":
        from sumy.nlp import stemmers

        found = Stemmer(stemmers.Stemmer.SPECIAL_STEMMERS[record.stemmer_name], language)
    elif record.stemmer == "snowball":
        found = Stemmer(snowball_stemmer(str(record.stemmer_name)), language)
    elif record.stemmer == "snowballstemmer":
        found = Stemmer(_snowball_project(str(record.stemmer_name)), language)
    else:
        found = Stemmer(_no_stem, language)
    if record.stemmer_package is not None:
        # sumy imports these stemmers on first use; pystempel then reads its 11 MB table and
        # draws a progress bar on stderr, which is no place for it.
        try:
            with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # pystempel's resources
                found("a")
        except ValueError:  # sumy's "requires <package>"
            raise UsageError(
                f"briefing in {language} needs the {record.stemmer_package} package: "
                f"pip install 'briefer[{language}]'"
            ) from None
    return found


@lru_cache(maxsize=32)
def stop_words(language: str) -> frozenset[str]:
    """The stop words of ``language``: its record's own list, else sumy's of the name it gives."""
    record = lang.get(language)
    if record.stop_words:
        return record.stop_words
    data = pkgutil.get_data("sumy", f"data/stopwords/{record.sumy_stop_words}.txt")
    if data is None:  # pragma: no cover - a record names only a list that sumy ships
        raise LookupError(f"sumy has no stop words for {language}")
    # sumy.utils.parse_stop_words, which a test compares with this
    return frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


SEED_AFTER = 500
"""Distinct words a stemmer stems before its memo is seeded with the language's commonest
words: a seed costs ~7 ms to read, the stems of ~700 words; short articles never need it."""

_MAX_STEMS = 200_000


class StemCache(dict[str, str]):
    """One stemmer's memo, word → stem: ``cache[word]`` stems ``word`` on a miss.

    Snowball costs ~10 µs a word in pure Python and sumy stems every occurrence of a word;
    a language's vocabulary is shared by every sentence and every document of a batch. After
    :data:`SEED_AFTER` misses the memo is seeded with NLTK's stems of the language's 30,000
    commonest words (the record's ``stem_seed``, computed by this same stemmer; see
    ``bench/build_stem_seeds.py``), so a long document stems only its rarer words.
    """

    __slots__ = ("_language", "_misses", "_seeded", "_stemmer")

    def __init__(self, stemmer: Callable[[str], str], language: str | None) -> None:
        super().__init__()
        self._stemmer = stemmer
        self._language = language
        self._misses = 0
        self._seeded = language is None

    def __missing__(self, word: str) -> str:
        lower = word.lower()  # sumy's normalize_word: the stem of "The" is the stem of "the"
        stem = self.get(lower) if lower != word else None
        if stem is not None:
            self[word] = stem
            return stem
        stem = self[word] = self._stemmer(lower)
        self._misses += 1
        if self._misses >= SEED_AFTER and not self._seeded and self._language is not None:
            self._seeded = True
            self.update(stem_seed(self._language))
        return stem

    def reset(self) -> None:
        """Forget every stem (the seed too, until :data:`SEED_AFTER` misses again)."""
        self.clear()
        self._misses = 0
        self._seeded = self._language is None


def stem_seed(language: str) -> dict[str, str]:
    """NLTK's stems of ``language``'s commonest words, if they were made by this NLTK.

    Returns an empty mapping when there is no seed for the language, or when the seed was
    computed by another NLTK version, whose Snowball rules may differ: a seeded stem must be the
    stem the live stemmer gives.
    """
    data = lang.stem_seed_bytes(language)
    if data is None:
        return {}
    header, _, body = gzip.decompress(data).decode().partition("\n")
    if header.split()[:3] != ["#", "nltk", split.nltk_version()]:
        return {}
    pairs = body.split()  # word, stem, word, stem, ...: neither holds whitespace
    return dict(zip(pairs[::2], pairs[1::2], strict=True))


_STEMS: weakref.WeakKeyDictionary[Any, StemCache] = weakref.WeakKeyDictionary()


def stem_cache(stemmer: Any) -> StemCache:
    """The memo of ``stemmer`` (a stemmer from :func:`stemmer`, or any callable)."""
    try:
        stems = _STEMS.get(stemmer)
        if stems is None:
            stems = _STEMS[stemmer] = StemCache(stemmer, getattr(stemmer, "briefer_language", None))
    except TypeError:  # not weakly referenceable (a plain function): a private memo
        return StemCache(stemmer, None)
    if len(stems) > _MAX_STEMS:
        stems.reset()
    return stems


def clear_stem_cache() -> None:
    """Forget every memoized stem (benchmarks time a cold start)."""
    _STEMS.clear()
    _content_memo.cache_clear()


class _ContentStems(dict[str, "str | None"]):
    """One language's memo, token → the stem of its content word, or None for a token that is
    no word (sumy's pattern) or a stop word: one lookup a token instead of four steps."""

    __slots__ = ("_language", "_stemmer")

    def __init__(self, stem: Stemmer, language: str) -> None:
        super().__init__()
        self._stemmer = stem
        self._language = language

    def __missing__(self, token: str) -> str | None:
        if len(self) > _MAX_STEMS:
            self.clear()
        low = token.lower()
        found = None
        if WORD.match(token) and low not in stop_words(self._language):
            found = stem_cache(self._stemmer)[low]
        self[token] = found
        return found


@lru_cache(maxsize=32)
def _content_memo(stem: Stemmer, language: str) -> _ContentStems:
    return _ContentStems(stem, language)


def content_stems(text: str, language: str) -> list[str]:
    """The stems of a sentence's content words (sumy's stemmer, without stop words): its NLTK
    tokens that are words, lower-cased, not stop words, stemmed."""
    memo = _content_memo(stemmer(language), language)  # a new stemmer (tests): a new memo
    return [stem for stem in map(memo.__getitem__, word_tokens(text)) if stem is not None]
