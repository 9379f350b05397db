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

import re
from functools import lru_cache
from typing import Any

from briefer.split.nltk_modules import nltk_modules

_AGREE: set[str] = set()
_DIFFER: set[str] = set()
_CLASSES = (r"\w", r"\d", r"\s")


def engines_agree(text: str) -> bool:
    """Whether ``\\w``, ``\\d`` and ``\\s`` class every character of ``text`` and of its lower
    case alike in the stdlib ``re`` and in the engine of NLTK's ``redos`` (``regex``)."""
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
def _judges() -> Any:
    redos = getattr(nltk_modules().punkt, "redos", None)  # what NLTK's Punkt compiles with
    if redos is None:  # another release: no judge, so the stdlib copy is never used
        return lambda ch: False
    pairs = [(re.compile(c), redos.compile(c, re.UNICODE)) for c in _CLASSES]

    def same(ch: str) -> bool:
        return all((a.match(ch) is None) == (b.match(ch) is None) for a, b in pairs)

    return same


_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII


def _stdlib(pattern: Any) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)  # not regex's own bits


@lru_cache(maxsize=1)
def stdlib_classes() -> tuple[Any, Any] | None:
    """(language variables class, token class): NLTK's Punkt classes with every pattern they
    hold recompiled by the stdlib ``re``, or None when one is missing or does not compile."""
    punkt = nltk_modules().punkt
    try:
        plain = punkt.PunktLanguageVars()
        word_re = _stdlib(plain._word_tokenizer_re())
        period_re = _stdlib(plain.period_context_re())
        realign = _stdlib(punkt.PunktLanguageVars.re_boundary_realignment)
        token = punkt.PunktToken
        non_punct = _stdlib(punkt._re_non_punct)

        class LanguageVars(punkt.PunktLanguageVars):  # type: ignore[misc,name-defined]
            re_boundary_realignment = realign

            def __init__(self) -> None:
                super().__init__()
                self._re_word_tokenizer = word_re
                self._re_period_context = period_re

        class Token(token):  # type: ignore[misc,valid-type]
            __slots__ = ()
            _RE_ELLIPSIS = _stdlib(token._RE_ELLIPSIS)
            _RE_NUMERIC = _stdlib(token._RE_NUMERIC)
            _RE_INITIAL = _stdlib(token._RE_INITIAL)
            _RE_ALPHA = _stdlib(token._RE_ALPHA)

            @property
            def is_non_punct(self) -> Any:
                return non_punct.search(self.type)

    except (AttributeError, TypeError, ValueError, re.error):
        return None
    return LanguageVars, Token
