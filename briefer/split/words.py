"""Words: NLTK's Treebank-style tokenizer (on the stdlib ``re``), word counts, Snowball."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from briefer.split.nltk_modules import MADE_FOR, nltk_modules, stdlib_copy
from briefer.split.tokens import BatchTokenizer, batch_tokenizer, tokens_of

_WORD = re.compile(r"[^\W_][\w'’.-]*+")
"""A word as a reader counts it: a run of letters, digits, apostrophes, dots and hyphens from
its first letter or digit ("U.S.", "co-founder", "1,000" is two). One match a run, taken whole
(possessive: no backtracking), so the count is that of ``[^\\W_](?:[\\w'’.-]*[^\\W_])?``,
which also trims a run's closing marks, at twice the speed; a test compares the two."""

_PATTERN_LISTS = ("STARTING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES", "ENDING_QUOTES")
_PATTERN_PAIRS = ("PARENS_BRACKETS", "DOUBLE_DASHES")
_PATTERNS = ("CONTRACTIONS2", "CONTRACTIONS3")
_SELF_CHECK = (
    "He said, \"I can't go -- won't go...\" (at 3.88 p.m.) and left.",
    "‘Don’t’ say «oui»? [No] {yes} <maybe>; they'd've gone, y'know!",
    "The U.S. paid $1,000.50 - about 25% - to A.B.C. Corp.'s unit... ok?!",
    "``Quoted'' text, 'single' words: gonna wanna gimme lemme cannot d'ye.",
    "Ünïcödé — dashes – and “curly” quotes’ end.  Tabs\tand\nlines.",
)
"""Sentences that exercise every pattern group: the stdlib copy must cut them as NLTK does."""


@lru_cache(maxsize=1)
def word_tokenizer() -> Any:
    """NLTK's own Treebank-style word tokenizer, its patterns compiled with the stdlib ``re``.

    NLTK routes each of its patterns through ``nltk.redos`` (the ``regex`` module with a
    per-call time-out), which halves the tokenizer's speed; its patterns are fixed, reviewed
    ones applied to one sentence at a time, and a sentence is at most ``MAX_SENTENCE_CHARS``
    long, so the stdlib engine is safe here. The same instance of NLTK's class does the work
    (its ``tokenize``, its substitutions); only the compiled patterns differ. Should any pattern
    not compile, or the copy cut the self-check sentences otherwise (checked for any release but
    :data:`~briefer.split.nltk_modules.MADE_FOR`, whose cuts tests/test_word_tokens.py compares
    on 3,000 sentences and adversarial text), NLTK's tokenizer is used as it is.
    """
    modules = nltk_modules()
    tokenizer_class = modules.words.NLTKWordTokenizer
    plain = tokenizer_class()
    fast = tokenizer_class()
    try:
        for name in _PATTERN_LISTS:
            setattr(fast, name, [(stdlib_copy(p), sub) for p, sub in getattr(plain, name)])
        for name in _PATTERN_PAIRS:
            pattern, sub = getattr(plain, name)
            setattr(fast, name, (stdlib_copy(pattern), sub))
        for name in _PATTERNS:
            setattr(fast, name, [stdlib_copy(p) for p in getattr(plain, name)])
        same = modules.version == MADE_FOR or all(
            fast.tokenize(s) == plain.tokenize(s) for s in _SELF_CHECK
        )
    except (AttributeError, TypeError, ValueError, re.error):
        return plain
    return fast if same else plain


def word_tokens(text: str) -> list[str]:
    """Words of a sentence as NLTK's Treebank-style tokenizer cuts them (sumy's tokenizer).

    A sentence of the document split last (in this thread) is cut in a batch with the
    sentences that follow it (see :mod:`briefer.split.tokens`): the same tokens, faster.
    """
    batch = sentence_batcher()
    if batch is None:
        return list(word_tokenizer().tokenize(text))
    return tokens_of(text, batch, word_tokenizer().tokenize)


@lru_cache(maxsize=1)
def sentence_batcher() -> BatchTokenizer | None:
    """The batch tokenizer for :func:`word_tokenizer`, or None where NLTK's patterns or its
    ``tokenize`` would not cut batches exactly as it cuts each sentence.

    The batches are checked against NLTK's tokenizer as it is; for the release of
    :data:`~briefer.split.nltk_modules.MADE_FOR`, whose stdlib copy tests/test_word_tokens.py
    finds the same on 3,000 sentences, against that copy (as :func:`word_tokenizer` does), which
    spares a brief the ``regex`` engine.
    """
    tokenizer = word_tokenizer()
    modules = nltk_modules()
    if modules.version == MADE_FOR:
        return batch_tokenizer(tokenizer, _SELF_CHECK, tokenizer.tokenize)
    return batch_tokenizer(tokenizer, _SELF_CHECK, modules.words.NLTKWordTokenizer().tokenize)


def snowball_stemmer(language: str) -> Callable[[str], str]:
    """NLTK's Snowball stemmer for ``language``, as sumy builds it (its bound ``stem``)."""
    snowball = nltk_modules().snowball
    stem: Callable[[str], str] = getattr(snowball, language.capitalize() + "Stemmer")().stem
    return stem


def nltk_version() -> str:
    """The installed NLTK's version (stem seeds record the version that computed them)."""
    return nltk_modules().version


def count_words(text: str) -> int:
    """Count words the way a reader would (numbers and hyphenated words count once)."""
    return len(_WORD.findall(text))
