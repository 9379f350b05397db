"""Punkt's patterns on the stdlib ``re``, for text on which the two engines cannot differ.

NLTK compiles Punkt's patterns through ``nltk.redos`` (the ``regex`` module with a per-call
time-out), a third of a long document's splitting time. Punkt's patterns are fixed, reviewed
ones; compiled by the stdlib ``re`` they match alike wherever ``\\w``, ``\\d`` and ``\\s`` mean
the same to both engines, which is not so for every character (combining marks are ``\\w`` to
``regex`` only, ``\\x1c``-``\\x1f`` are ``\\s`` to ``re`` only, and the engines' Unicode versions
differ). :func:`engines_agree` says whether a text holds only characters (and lower-cased
characters, as Punkt lower-cases its tokens) on which the classes agree, checking each new
character once; the sentence splitter uses the stdlib copy only there, and NLTK's own
patterns everywhere else.
"""

from __future__ import annotations

import importlib.util
import os
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from briefer.split.nltk_modules import installed_version, nltk_modules, stdlib_copy

_AGREE: set[str] = set()
_DIFFER: set[str] = set()
_CLASSES = (r"\w", r"\d", r"\s")

TABLE_FOR = ("14.0.0", ("2026.5.9", "2026.11.19"))
"""The stdlib's Unicode version (``unicodedata.unidata_version``) and the ``regex`` releases
that :data:`DIFFERING` was checked with; with any other, every character is judged by compiling
the classes with NLTK's ``redos`` (tests/test_split.py checks the table against the engines)."""
COVERED = ((0x0000, 0x0530), (0x1E00, 0x2070), (0x20A0, 0x20C1))
"""The code points the table speaks for: Latin, IPA, combining marks, Greek and Cyrillic;
Latin Extended Additional, Greek Extended, general punctuation (curly quotes, dashes) and the
currency signs of Unicode 14. Most articles hold no other character. (The superscripts, and
what Unicode assigned after 14.0, are classed otherwise by ``regex`` releases apart.)"""
DIFFERING = (
    (0x001C, 0x001F), (0x00B2, 0x00B3), (0x00B9, 0x00B9), (0x00BC, 0x00BE), (0x0300, 0x036F),
    (0x0483, 0x0489), (0x200C, 0x200D), (0x203F, 0x2040), (0x2054, 0x2054),
)  # fmt: skip
r"""The code points of :data:`COVERED` (first, last) that the engines class otherwise: file
separators (``\s`` to ``re`` only), superscript and fraction digits (``\w`` to ``re`` only),
combining marks, joiners and ties (``\w`` to ``regex`` only)."""


def engines_agree(text: str) -> bool:
    """Whether ``\\w``, ``\\d`` and ``\\s`` class every character of ``text`` and of its lower
    case alike in the stdlib ``re`` and in the engine of NLTK's ``redos`` (``regex``).

    An ASCII text (``str.isascii`` is a flag of the string) and its lower case hold ASCII only:
    it is looked for the few ASCII characters the engines class otherwise, and nothing more."""
    if text.isascii():
        return not any(ch in text for ch in _ascii_differing())
    chars = set(text)
    chars.update(text.lower())
    new = chars - _AGREE
    if not new:
        return True
    if new & _DIFFER:
        return False
    same = _judges()
    for ch in new:
        (_AGREE if same(ch) else _DIFFER).add(ch)
    return not (new & _DIFFER)


@lru_cache(maxsize=1)
def _ascii_differing() -> tuple[str, ...]:
    """The ASCII characters the engines class otherwise (the file separators ``\\x1c``-``\\x1f``,
    ``\\s`` to ``re`` only), as the judge says."""
    same = _judges()
    return tuple(ch for ch in map(chr, range(128)) if not same(ch))


def shipped_table() -> frozenset[int] | None:
    """The code points of :data:`COVERED` on which the engines differ, as shipped; None unless
    NLTK was imported lightly (its release known) and the installed ``regex`` and the stdlib's
    Unicode are those of :data:`TABLE_FOR`. Reading the table spares a brief ``regex`` itself:
    its import and its compiling of NLTK's patterns, about a tenth of a brief's start-up."""
    if not nltk_modules().light or unicodedata.unidata_version != TABLE_FOR[0]:
        return None
    spec = importlib.util.find_spec("regex")  # found, not imported
    if spec is None or spec.origin is None:
        return None
    if installed_version(os.path.dirname(spec.origin), "regex") not in TABLE_FOR[1]:
        return None
    return frozenset(c for first, last in DIFFERING for c in range(first, last + 1))


@lru_cache(maxsize=1)
def _judges() -> Callable[[str], bool]:
    redos = getattr(nltk_modules().punkt, "redos", None)  # what NLTK's Punkt compiles with
    if redos is None:  # another release: no judge, so the stdlib copy is never used
        return lambda ch: False
    table = shipped_table()
    pairs: list[tuple[re.Pattern[str], Any]] = []

    def same(ch: str) -> bool:
        point = ord(ch)
        if table is not None and any(first <= point < end for first, end in COVERED):
            return point not in table
        if not pairs:  # compiled by regex on the first character the table does not cover
            pairs.extend((re.compile(c), redos.compile(c, re.UNICODE)) for c in _CLASSES)
        return all((a.match(ch) is None) == (b.match(ch) is None) for a, b in pairs)

    return same


@lru_cache(maxsize=1)
def stdlib_classes() -> tuple[Any, Any] | None:
    """(language variables class, token class): NLTK's Punkt classes with every pattern they
    hold recompiled by the stdlib ``re``, or None when one is missing or does not compile."""
    punkt = nltk_modules().punkt
    try:
        plain = punkt.PunktLanguageVars()
        word_re = stdlib_copy(plain._word_tokenizer_re())
        period_re = stdlib_copy(plain.period_context_re())
        realign = stdlib_copy(punkt.PunktLanguageVars.re_boundary_realignment)
        token = punkt.PunktToken
        non_punct = stdlib_copy(punkt._re_non_punct)

        class LanguageVars(punkt.PunktLanguageVars):  # type: ignore[misc,name-defined]
            re_boundary_realignment = realign

            def __init__(self) -> None:
                super().__init__()
                self._re_word_tokenizer = word_re
                self._re_period_context = period_re

        class Token(token):  # type: ignore[misc,valid-type]
            __slots__ = ()
            _RE_ELLIPSIS = stdlib_copy(token._RE_ELLIPSIS)
            _RE_NUMERIC = stdlib_copy(token._RE_NUMERIC)
            _RE_INITIAL = stdlib_copy(token._RE_INITIAL)
            _RE_ALPHA = stdlib_copy(token._RE_ALPHA)

            @property
            def is_non_punct(self) -> Any:
                return non_punct.search(self.type)

    except (AttributeError, TypeError, ValueError, re.error):
        return None
    return LanguageVars, Token
