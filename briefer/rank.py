"""Method → a score for every sentence of a document. The only module that imports sumy.

sumy's summarizers only return the chosen sentences; briefer needs a score for every sentence
(for provenance, for the default method and for length control). Each summarizer is wrapped in a
subclass whose ``_get_best_sentences`` records the ratings sumy computed instead of choosing,
so the numbers are sumy's own.

By default the summarizers are briefer's vectorized subclasses of sumy's (:mod:`briefer.fast`),
which compute the same ratings without sumy's quadratic loops; ``original=True`` runs sumy's
own classes, for comparison.
"""

from __future__ import annotations

import random
import re
import warnings
import weakref
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from briefer.errors import UsageError
from briefer.models import SUMY_METHODS, Document
from briefer.split import snowball_stemmer, word_tokens

FAST_METHODS = frozenset(SUMY_METHODS) - {"random"}
"""Methods computed by briefer's vectorized subclasses of sumy's summarizers by default."""


_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$", re.UNICODE)
"""sumy's ``Tokenizer._WORD_PATTERN`` (a token is a word if it is letters, apostrophes and
hyphens, starting with a letter), kept here so that the default method need not import
``sumy.nlp.tokenizers``, whose ``sumy.utils`` imports requests (~60 ms a start). A test keeps the
two patterns equal."""


class _WordTokenizer:
    """sumy's tokenizer interface, without sumy's NLTK-data lookup (works offline)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def to_words(self, sentence: str) -> tuple[str, ...]:
        is_word = _WORD.match
        return tuple(w for w in word_tokens(sentence) if is_word(w))

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:  # pragma: no cover - unused
        raise NotImplementedError("briefer splits sentences itself")


def _recording(cls: type) -> type:
    """A subclass of a sumy summarizer that records every sentence's rating."""

    def _get_best_sentences(
        self: Any, sentences: Sequence[Any], count: Any, rating: Any, *args: Any, **kwargs: Any
    ) -> tuple[Any, ...]:
        if isinstance(rating, dict):
            self.recorded = [float(rating[s]) for s in sentences]
        else:
            self.recorded = [float(rating(s, *args, **kwargs)) for s in sentences]
        return ()

    return type(f"Recording{cls.__name__}", (cls,), {"_get_best_sentences": _get_best_sentences})


_EXTRA_STEMMERS = {"greek": "greek-stemmer-pos", "polish": "pystempel"}
"""Languages whose sumy stemmer needs a package of its own (briefer's extras of that name)."""

_SUMY_STEMMERS = frozenset({"czech", *_EXTRA_STEMMERS})
"""Languages whose stemmer is sumy's own, not NLTK's Snowball."""


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


@lru_cache(maxsize=32)
def _stemmer_and_stop_words(language: str) -> tuple[Stemmer, frozenset[str]]:
    """sumy's stemmer and stop words for one of briefer's (full-name) languages."""
    import pkgutil

    if language in _SUMY_STEMMERS:
        from sumy.nlp import stemmers

        stemmer = Stemmer(stemmers.Stemmer.SPECIAL_STEMMERS[language], language)
    else:
        stemmer = Stemmer(snowball_stemmer(language), language)
    if language in _EXTRA_STEMMERS:
        # sumy imports these stemmers on first use; pystempel then reads its 11 MB table and
        # draws a progress bar on stderr, which is no place for it.
        import contextlib
        import io
        import warnings

        try:
            with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # pystempel's resources
                stemmer("a")
        except ValueError:  # sumy's "requires <package>"
            raise UsageError(
                f"--language {language} needs the {_EXTRA_STEMMERS[language]} package: "
                f"pip install 'briefer[{language}]'"
            ) from None
    data = pkgutil.get_data("sumy", f"data/stopwords/{language}.txt")
    if data is None:  # pragma: no cover - sumy ships a list for every briefer language
        raise LookupError(f"sumy has no stop words for {language}")
    # sumy.utils.parse_stop_words, which a test compares with this
    return stemmer, frozenset(w.rstrip() for w in data.decode("utf-8").splitlines() if w)


def stop_words(language: str) -> frozenset[str]:
    """sumy's stop-word list for ``language``."""
    return _stemmer_and_stop_words(language)[1]


def _summarizer_class(method: str, original: bool = False) -> type:
    if not original and method in FAST_METHODS:
        from briefer.fast import FAST_CLASSES

        return FAST_CLASSES[method]
    if method == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif method == "lexrank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif method == "textrank":
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    elif method == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif method == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer as cls
    elif method == "kl":
        from sumy.summarizers.kl import KLSummarizer as cls
    elif method == "sumbasic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    elif method == "reduction":
        from sumy.summarizers.reduction import ReductionSummarizer as cls
    elif method == "random":
        from sumy.summarizers.random import RandomSummarizer as cls
    else:
        raise ValueError(f"not a sumy method: {method}")
    result: type = cls
    return result


def sumy_document(doc: Document, language: str) -> Any:
    """The document as sumy's object model, with briefer's sentences and headings."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    tokenizer = _WordTokenizer(language)
    paragraphs: dict[int, list[Any]] = {}
    if doc.title is not None:
        paragraphs.setdefault(-1, []).append(SumySentence(doc.title.text, tokenizer, True))
    for s in doc.sentences:
        paragraphs.setdefault(s.paragraph, []).append(SumySentence(s.text, tokenizer))
    return ObjectDocumentModel([Paragraph(p) for _, p in sorted(paragraphs.items())])


def sumy_scores(doc: Document, method: str, language: str, original: bool = False) -> list[float]:
    """sumy's rating of every sentence of ``doc`` under ``method`` (higher is better).

    Args:
        doc: the document.
        method: one of :data:`SUMY_METHODS`.
        language: one of :data:`briefer.models.LANGUAGES`.
        original: run sumy's own summarizer instead of briefer's vectorized subclass of it
            (same ratings, to floating-point rounding; much slower on long documents).

    Returns:
        One rating per sentence, in order.
    """
    if not doc.sentences:
        return []
    with warnings.catch_warnings():
        # sumy warns on stderr when a text is short for its method ("Number of words (77) is
        # lower than number of sentences (139). LSA algorithm may not work properly."): the
        # ratings are still usable, and a library must not write to stderr.
        warnings.filterwarnings("ignore", r"Number of words .* may not work", UserWarning)
        return recorded_ratings(sumy_document(doc, language), doc, method, language, original)


def recorded_ratings(
    sumy_doc: Any, doc: Document, method: str, language: str, original: bool = False
) -> list[float]:
    """The ratings of the sentences of ``sumy_doc`` (built by :func:`sumy_document`)."""
    stemmer, stops = _stemmer_and_stop_words(language)
    cls = _recording(_summarizer_class(method, original))
    summarizer = cls() if method == "random" else cls(stemmer)
    if method == "random":
        # sumy shuffles with the global generator; a per-text seed keeps briefs reproducible.
        rng = random.Random(doc.text)

        def shuffled(sentences: Sequence[Any]) -> dict[Any, int]:
            ratings = list(range(len(sentences)))
            rng.shuffle(ratings)
            return dict(zip(sentences, ratings, strict=True))

        summarizer._get_random_ratings = shuffled
    if hasattr(summarizer, "stop_words"):
        summarizer.stop_words = stops
    if method == "edmundson":
        bonus = _bonus_words(sumy_doc, stops)
        if not bonus:  # no word Edmundson can use ("1 2 3. 4 5 6."): the article's own order
            return lead_scores(doc)
        summarizer.null_words = stops
        summarizer.bonus_words = bonus
        # sumy needs some stigma words; its CLI uses the parser's defaults, and so do we.
        from sumy.parsers.parser import DocumentParser

        summarizer.stigma_words = DocumentParser.STIGMA_WORDS
    summarizer.recorded = [0.0] * len(doc.sentences)
    summarizer(sumy_doc, len(doc.sentences))
    recorded: list[float] = summarizer.recorded
    return recorded


def _bonus_words(sumy_doc: Any, stops: frozenset[str]) -> tuple[str, ...]:
    """Edmundson's cue words: the headline's words, else the article's most frequent words."""
    heading_words = [w for h in sumy_doc.headings for w in h.words if w.lower() not in stops]
    if heading_words:
        return tuple(heading_words)
    from collections import Counter

    counts = Counter(w for w in map(str.lower, sumy_doc.words) if w not in stops)
    return tuple(sorted(counts, key=lambda w: (-counts[w], w))[:10])


def lead_scores(doc: Document) -> list[float]:
    """Lead-N as scores: earlier sentences score higher."""
    n = len(doc.sentences)
    return [1.0 - i / n for i in range(n)]


def score(doc: Document, method: str, language: str) -> list[float]:
    """A score for every sentence of ``doc`` (higher is better) under ``method``."""
    if method == "lead":
        return lead_scores(doc)
    if method == "default":
        from briefer.default import default_scores

        return default_scores(doc, language)
    return sumy_scores(doc, method, language)


SEED_AFTER = 500
"""Distinct words a stemmer stems before its memo is seeded with the language's commonest
words: a seed costs ~7 ms to read, the stems of ~700 words; short articles never need it."""

_MAX_STEMS = 200_000


class StemCache(dict[str, str]):
    """One stemmer's memo, word → stem: ``cache[word]`` stems ``word`` on a miss.

    Snowball costs ~10 µs a word in pure Python and sumy stems every occurrence of a word;
    a language's vocabulary is shared by every sentence and every document of a batch. After
    :data:`SEED_AFTER` misses the memo is seeded with NLTK's stems of the language's 30,000
    commonest words (``briefer/data/stems``, computed by this same stemmer; see
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
    import gzip
    import pkgutil

    from briefer.split import nltk_version

    try:
        data = pkgutil.get_data("briefer", f"data/stems/{language}.tsv.gz")
    except OSError:
        data = None
    if data is None:
        return {}
    header, _, body = gzip.decompress(data).decode().partition("\n")
    if header.split()[:3] != ["#", "nltk", nltk_version()]:
        return {}
    pairs = body.split()  # word, stem, word, stem, ...: neither holds whitespace
    return dict(zip(pairs[::2], pairs[1::2], strict=True))


_STEMS: weakref.WeakKeyDictionary[Any, StemCache] = weakref.WeakKeyDictionary()


def stem_cache(stemmer: Any) -> StemCache:
    """The memo of ``stemmer`` (a stemmer from :func:`_stemmer_and_stop_words`, or any callable)."""
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


def content_stems(text: str, language: str) -> list[str]:
    """The stems of a sentence's content words (sumy's stemmer, without stop words)."""
    stemmer, stops = _stemmer_and_stop_words(language)
    stems = stem_cache(stemmer)  # Snowball is the default method's largest cost without it
    lowered = map(str.lower, _WordTokenizer(language).to_words(text))
    return [stems[w] for w in lowered if w not in stops]
