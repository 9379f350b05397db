"""Many sentences through NLTK's word tokenizer in one pass, and the memo that serves them.

NLTK's ``NLTKWordTokenizer.tokenize`` runs some thirty substitutions over one sentence; on a
sentence of a hundred characters the cost of each call (not the matching) is most of the work.
:class:`BatchTokenizer` runs each substitution once over many sentences joined by a separator
(``\\x00``) that no pattern can match, rewritten so that each sentence is cut exactly as it is
alone: ``^`` and ``$`` become the separator's edges, and every negated class (``[^.]``) leaves
the separator out. Patterns are rewritten only where that is known to be exact (no ``.``, no
``\\W``, ``\\S``, ``\\D``, ``\\A``, ``\\Z``, ``\\B``, no multi-line or verbose flags); otherwise,
or when the result differs from NLTK's on the self-check sentences, there is no batch
tokenizer and every sentence goes through NLTK's ``tokenize`` on its own.

:func:`expect` is told the sentences of each document that is split (its sentence texts, in
order); :func:`tokens_of` serves a sentence that a ranking method asks for from tokens cut in
batches of the sentences that follow it, so the callers (``briefer.rank``) need not change.
The state is per thread, holds the latest document's sentence texts until the next one, and
holds at most one batch of tokens.
"""

from __future__ import annotations

import importlib
import re
import sys
import threading
from collections.abc import Callable, Sequence
from typing import Any

SEPARATOR = "\x00"
"""Joins the sentences of a batch: neither a word character nor white space, and no pattern of
NLTK's tokenizer matches it. A sentence that holds it is tokenized on its own."""

_SEP = r"\x00"
_START = rf"(?<={_SEP})"
_END = rf"(?=\n?{_SEP})"  # ``$`` without MULTILINE: the end, or before a final newline
_REFUSED_ESCAPES = frozenset("AZWSDB")
_REFUSED_FLAGS = re.MULTILINE | re.DOTALL | re.VERBOSE
BATCH_CHARS = 60_000
"""At most about this many characters of sentences are tokenized in one batch."""
FIRST_BATCH_CHARS = 4_000
MIN_BATCH_CHARS = 500


def batch_pattern(pattern: str) -> str | None:
    """``pattern`` rewritten to match within each separated sentence as it matches alone.

    Returns None for anything not known to be exact: ``.``, an escape in ``\\A \\Z \\W \\S \\D
    \\B``, the separator itself, or an inline flag other than ``i``.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    if "\x00" in pattern or "x00" in pattern:
        return None
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            if pattern[i + 1 : i + 2] in _REFUSED_ESCAPES:
                return None
            out.append(pattern[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(pattern, i)
            body = pattern[i + 1 : end]
            if any(f"\\{e}" in body for e in _REFUSED_ESCAPES):
                return None
            negated = body.startswith("^")
            out.append(f"[^{_SEP}{body[1:]}]" if negated else f"[{body}]")
            i = end + 1
        elif ch == "(" and pattern.startswith("(?", i):
            if pattern.startswith("(?#", i):
                end = pattern.index(")", i)
                out.append(pattern[i : end + 1])
                i = end + 1
                continue
            flags = re.match(r"\(\?([a-zA-Z]+)\)", pattern[i:])
            if flags and flags.group(1) != "i":
                return None
            out.append("(?")
            i += 2
        elif ch == ".":
            return None
        else:
            out.append({"^": _START, "$": _END}.get(ch, ch))
            i += 1
    return "".join(out)


def _class_end(pattern: str, start: int) -> int:
    """The index of the ``]`` that closes the class opened at ``start``."""
    i = start + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1  # a ``]`` first in a class is a literal
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i


Filler = str | Callable[[re.Match[str]], str]
Substitutions = list[tuple[re.Pattern[str], Filler]]


class BatchTokenizer:
    """NLTK's ``NLTKWordTokenizer.tokenize`` over many sentences at once, cut for cut the same.

    Built from a tokenizer whose patterns are the stdlib's (see
    :func:`briefer.split.words.word_tokenizer`), it applies the same substitutions in the same
    order as NLTK's ``tokenize`` (without ``convert_parentheses``), rewritten by
    :func:`batch_pattern`.
    """

    def __init__(self, tokenizer: Any) -> None:
        def subs(pairs: Sequence[tuple[Any, str]]) -> Substitutions:
            moved = [literal_first(lookbehind_later(_compiled(p)), sub) for p, sub in pairs]
            return [(p, filler(sub)) for p, sub in moved]

        self.before_padding = [
            *subs(tokenizer.STARTING_QUOTES),
            *subs(tokenizer.PUNCTUATION),
            *subs([tokenizer.PARENS_BRACKETS, tokenizer.DOUBLE_DASHES]),
        ]
        self.after_padding = [
            *subs(tokenizer.ENDING_QUOTES),
            *subs([(p, r" \1 \2 ") for p in tokenizer.CONTRACTIONS2]),
            *subs([(p, r" \1 \2 ") for p in tokenizer.CONTRACTIONS3]),
        ]
        self.needed = {p: need for p, _ in self.after_padding if (need := required(p))}
        self.squeezed = {  # NLTK's white space to one space: by str.split, several times faster
            p
            for p, sub in self.after_padding
            if p.pattern == r"\s+" and sub == " " and not p.flags & re.ASCII
        }
        self.absent = absence_check([literal(p) for p in self.needed])
        self.openings = {
            p: first
            for p, _ in [*self.before_padding, *self.after_padding]
            if p not in self.needed and (first := openings(p))
        }
        self.contained = {
            p: run
            for p, _ in [*self.before_padding, *self.after_padding]
            if p not in self.needed and (run := contained(p))
        }

    def tokenize(self, sentences: Sequence[str]) -> list[list[str]]:
        """The tokens of each sentence (none may hold :data:`SEPARATOR`)."""
        if not sentences:
            return []
        text = SEPARATOR + SEPARATOR.join(sentences) + SEPARATOR
        for pattern, sub in self.before_padding:
            text = self._substitute(pattern, sub, text)
        text = text.replace(SEPARATOR, f" {SEPARATOR} ")  # NLTK's " " + text + " "
        none_needed: bool | None = None  # known while no pattern without a need has run
        for pattern, sub in self.after_padding:
            need = self.needed.get(pattern)
            if need is None:
                text = self._substitute(pattern, sub, text)
                none_needed = None
                continue
            if none_needed is None:
                none_needed = self.absent is not None and self.absent(text)
            if not none_needed and need.search(text):  # a contraction's letters: a fast search
                text = pattern.sub(sub, text)
        return [part.split() for part in text.split(SEPARATOR)[1:-1]]

    def _substitute(self, pattern: re.Pattern[str], sub: Filler, text: str) -> str:
        """``pattern.sub(sub, text)``: white space squeezed by ``str.split``, and nothing done
        on a text without any character the pattern's matches open with (:func:`openings`) or
        without the characters every match holds (:func:`contained`)."""
        if pattern in self.squeezed:
            return squeeze_spaces(text)
        first = self.openings.get(pattern)
        if first is not None and not any(ch in text for ch in first):
            return text
        run = self.contained.get(pattern)
        if run is not None and run not in text:
            return text
        return pattern.sub(sub, text)


FEW_OPENINGS = 8
"""A pattern whose every match opens with one of at most this many characters is skipped on a
batch that holds none of them (:func:`openings`)."""


def openings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The characters every match of ``pattern`` opens with, when they are few and the pattern
    says so plainly (literals, classes of literals, groups, alternatives, repeats of at least
    one); else None. A text without any of them holds no match: ``([«“‘„]|[`]+)``, tried at
    every position of a batch, is skipped on the 97 % of news articles without such quotes.

    Reads the pattern with the standard library's own parser (``re._parser``); any surprise
    from it (another Python's internals) means None: the pattern always runs."""
    if pattern.flags & re.IGNORECASE:
        return None
    found = _read_parsed(pattern, _first_characters)
    return frozenset(found) if found is not None and 0 < len(found) <= FEW_OPENINGS else None


def _read_parsed(pattern: re.Pattern[str], read: Callable[[list[Any], Any], Any]) -> Any:
    """``read(items, constants)`` of ``pattern`` parsed by the standard library's own parser,
    or None when anything about that internal parser surprises (another Python's internals)."""
    try:
        parser = importlib.import_module("re._parser")  # internal: typed Any
        sre = importlib.import_module("re._constants")
        return read(list(parser.parse(pattern.pattern, pattern.flags)), sre)
    except Exception:  # the parser is internal: no prefilter then
        return None


def contained(pattern: re.Pattern[str]) -> str | None:
    """The longest run of characters that every match of ``pattern`` holds, one after the
    other, when the pattern says so plainly; else None. A text without it holds no match:
    ``([^'])' `` (tried at every position: its class holds almost every character) needs
    ``' ``, and ``\\.{2,}`` needs ``..``.

    Read from the pattern's top-level sequence with the standard library's parser: literal
    characters, groups of them, and a literal repeated a fixed least number of times; anything
    else ends a run. Under ``re.IGNORECASE`` only characters without case count. Any surprise
    from the internal parser means None: the pattern always runs."""
    runs: list[str] | None = _read_parsed(pattern, _literal_runs)
    if runs is None:
        return None
    caseless = not pattern.flags & re.IGNORECASE
    usable = [
        r for r in runs if r and (caseless or all(c.isascii() and not c.isalpha() for c in r))
    ]
    return max(usable, key=len) if usable else None


def _literal_runs(items: list[Any], sre: Any) -> list[str]:
    """The runs of :func:`contained` in a parsed sequence (``sre``: the parser's constants),
    in order: the first goes on from what comes before the sequence, the last into what comes
    after it (one run: the sequence is only literals)."""
    runs: list[str] = [""]
    for op, av in items:
        if op is sre.LITERAL:
            runs[-1] += chr(av)
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:  # a group, no flags of its own
            inner = _literal_runs(list(av[3]), sre)
            runs[-1] += inner[0]
            runs.extend(inner[1:])
        elif (
            op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
            and av[0] >= 1
            and len(av[2]) == 1
            and av[2][0][0] is sre.LITERAL
        ):
            runs[-1] += chr(av[2][0][1]) * av[0]  # "." at least twice: ".."
            if av[1] != av[0]:
                runs.append("")  # more may follow: the next characters are not known
        else:
            runs.append("")
    return runs


def _first_characters(items: list[Any], sre: Any) -> set[str] | None:
    """What :func:`openings` reads: the first characters of a parsed pattern's ``items``
    (``sre``: the parser's constants), or None."""
    if not items:
        return None
    op, av = items[0]
    if op is sre.LITERAL:
        return {chr(av)}
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is not sre.LITERAL:
                return None  # a range, a category, a negation
            chars.add(chr(value))
        return chars
    if op is sre.SUBPATTERN:
        if av[1] & sre.SRE_FLAG_IGNORECASE:  # (?i:...): the other case matches too
            return None
        return _first_characters(list(av[3]), sre)
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            first = _first_characters(list(alternative), sre)
            if first is None:
                return None
            union |= first
        return union
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _first_characters(list(av[2]), sre)
    return None


_GROUP_REF = re.compile(r"\\(?:(\d)|g<(\d+)>)")


def filler(template: str) -> Filler:
    """``template`` (``" \\1 \\2"``, ``" \\g<0> "``) as a function of the match where that is
    faster: before Python 3.12 the standard library expands a template in Python, once a match,
    at about twice the cost of a function made for its shape. The same text: a group that took
    no part gives "", as the template does. Other templates stay as they are."""
    if sys.version_info >= (3, 12):  # expanded in C from 3.12 on
        return template
    parts = _GROUP_REF.split(template)  # text, digit, g<n>, text, digit, g<n>, text, ...
    texts = parts[0::3]
    groups = [int(d or n) for d, n in zip(parts[1::3], parts[2::3], strict=True)]
    if any("\\" in t for t in texts) or not 1 <= len(groups) <= 3:
        return template
    a, b = texts[0], texts[1]
    if len(groups) == 1:
        (g,) = groups
        return lambda m: a + (m.group(g) or "") + b
    c = texts[2]
    if len(groups) == 2:
        g, h = groups
        return lambda m: a + (m.group(g) or "") + b + (m.group(h) or "") + c
    d = texts[3]
    g, h, k = groups
    return lambda m: a + (m.group(g) or "") + b + (m.group(h) or "") + c + (m.group(k) or "") + d


def squeeze_spaces(text: str) -> str:
    """``re.sub(r"\\s+", " ", text)``: ``str.split`` cuts at the same white space (the stdlib's
    ``\\s`` and ``str.isspace`` are one Unicode property; a test checks every code point)."""
    inner = " ".join(text.split())
    if not inner:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + inner + (" " if text[-1].isspace() else "")


_CONTRACTION = re.compile(
    r"(?P<flags>\(\?i\))?(?P<lead> |\\b)\((?P<a>[\w']+)\)\(\?#X\)\((?P<b>[\w']+)\)"
    r"(?:\\b|\(\?=\\s\))"
)


def literal(pattern: re.Pattern[str]) -> str | None:
    """The letters that every match of ``pattern`` holds, where ``pattern`` has the shape of
    NLTK's contractions (``(?i)\\b(can)(?#X)(not)\\b`` → ``cannot``, ``(?i) ('t)(?#X)(is)\\b`` →
    `` 'tis``), matched with the pattern's flags; else None."""
    shape = _CONTRACTION.fullmatch(pattern.pattern)
    if shape is None:
        return None
    return (" " if shape["lead"] == " " else "") + shape["a"] + shape["b"]


def required(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern for :func:`literal`'s letters of ``pattern``, or None. Searching for those
    letters is many times faster than the pattern's own scan, which tries its ``\\b`` at every
    position, and a text without them cannot match."""
    letters = literal(pattern)
    return None if letters is None else re.compile(re.escape(letters), pattern.flags)


CASE_ODD = "\u0130\u0131\u017f\u212a"
"""The characters beyond ASCII that ``re.IGNORECASE`` matches to an ASCII letter (İ ı ſ and the
Kelvin sign; tests/test_word_tokens.py checks every code point)."""


def absence_check(literals: Sequence[str | None]) -> Callable[[str], bool] | None:
    """A test that no literal occurs in a text, as case-insensitive searches for each would find,
    but by substring tests on the lower-cased text: ten ``re.IGNORECASE`` searches cost ten
    times as much. Exact for ASCII literals in a text without :data:`CASE_ODD`: every other
    character that matches an ASCII letter case-insensitively is that letter in either case, so
    lower-casing keeps each occurrence. None when a literal is missing or not ASCII."""
    if not literals or not all(w is not None and w.isascii() for w in literals):
        return None
    lowered = [w.lower() for w in literals if w is not None]

    def absent(text: str) -> bool:
        if any(ch in text for ch in CASE_ODD):
            return False  # unknown: the searches decide
        low = text.lower()
        return not any(w in low for w in lowered)  # ``in``: the stdlib's fast substring search

    return absent


_CLASS_THEN_GROUP = re.compile(
    r"\((?P<c>\[(?:\\.|[^\]\\])+\])\)\((?P<g>(?:\\[^\w\s]|\[(?:\\.|[^\]\\|])+\]|[^\\()\[\]])+)\)(?P<rest>.*)",
    re.S,
)
_OPENING_LITERAL = re.compile(r"(\\[^\w\s]|[^\\()\[\]{}.*+?|^$])(?![*+?{])")


def literal_first(pattern: re.Pattern[str], sub: str) -> tuple[re.Pattern[str], str]:
    """``([^.])(\\.)(…)…`` with ``\\1 \\2\\3 `` as ``(\\.(?<=[^.]\\.))(…)…`` with `` \\1\\2 ``:
    the same substitutions, many times faster, or the pair unchanged.

    The standard library scans fast for a pattern that opens with a literal (or with one of a
    few literals); one that opens with a class of almost every character (NLTK's final-period
    and ``'s`` patterns) is tried at every position. Moved into a look-behind after each
    alternative's opening literal, the class's character is left out of the match and out of the
    template, which only wrote it back. Done only where that is exact: the template opens with
    ``\\1`` and names no other ``\\1`` (nor ``\\g``), and no match can end where the next
    one would read its look-behind: every match ends before a separator (the pattern ends with
    the batch's ``$``) and no opening literal is a separator or newline, or every match ends
    with a literal character that the class does not hold.
    """
    shape = _CLASS_THEN_GROUP.fullmatch(pattern.pattern)
    if (
        shape is None
        or "|" in shape["rest"]  # an alternation of the whole pattern: another shape
        or not sub.startswith("\\1")
        or "\\g" in sub
        or re.search(r"\\1(?!\d)", sub[2:])
        or pattern.groups > 9
    ):
        return pattern, sub
    cls, rest = shape["c"], shape["rest"]
    alternatives: list[tuple[str, str]] = []  # (opening literal, the rest of the alternative)
    for alternative in _top_level_alternatives(shape["g"]):
        opening = _OPENING_LITERAL.match(alternative)
        if opening is None:
            return pattern, sub
        alternatives.append((opening.group(1), alternative[opening.end() :]))
    literals = [a.removeprefix("\\") for a, _ in alternatives]
    ends_before_separator = rest.endswith(_END) and not {"\n", SEPARATOR} & set(literals)
    last = rest[-1:]
    ends_outside_class = (
        rest[-2:-1] != "\\"
        and last not in "\\()[]{}.*+?|^$"
        and re.fullmatch(cls, last, pattern.flags) is None
    )
    if not (ends_before_separator or ends_outside_class):
        return pattern, sub
    group = "|".join(f"{a}(?<={cls}{a}){tail}" for a, tail in alternatives)
    renumbered = re.sub(r"\\(\d)", lambda m: f"\\{int(m.group(1)) - 1}", sub[2:])
    return re.compile(f"({group}){rest}", pattern.flags), renumbered


_FLAGS_FIRST = re.compile(r"\(\?[a-zA-Z]+\)")


def lookbehind_later(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""``(?<!\w)(\')…`` as ``(\'(?<!(?:\w)\'))…``: the same matches, found many times faster,
    or the pattern unchanged.

    A pattern that opens with a look-behind is tried at every position; one that opens with a
    literal character is scanned for it. A look-behind before a literal ``L`` asks about the
    text before ``L``; after ``L``, the look-behind with ``L`` at its end asks the same, as the
    character it reads last is ``L`` itself. Done only for that plain shape (optional global
    flags, the look-behind, then ``L`` alone or opening a group)."""
    source = pattern.pattern
    flags = _FLAGS_FIRST.match(source)
    at = flags.end() if flags else 0
    if not source.startswith(("(?<!", "(?<="), at):
        return pattern
    end = _group_end(source, at)
    if end is None:
        return pattern
    look, rest = source[at : end - 1], source[end:]
    if re.compile(source[at:end], pattern.flags).groups:
        return pattern  # its groups would be numbered after the one L opens
    group = "(" if rest.startswith("(") and not rest.startswith("(?") else ""
    if group:  # L opens a group: one that has no alternatives and is not repeated
        close = _group_end(rest, 0)
        if (
            close is None
            or len(_top_level_alternatives(rest[1 : close - 1])) != 1
            or rest[close : close + 1] in ("*", "+", "?", "{")
        ):
            return pattern
    literal = _OPENING_LITERAL.match(rest, len(group))  # one character, not repeated
    if literal is None:
        return pattern
    char = literal.group(1)
    opener, body = look[:4], look[4:]  # "(?<!", and what it asks (alternatives, maybe)
    moved = f"{source[:at]}{group}{char}{opener}(?:{body}){char}){rest[literal.end() :]}"
    try:
        return re.compile(moved, pattern.flags)
    except re.error:
        return pattern


def _group_end(source: str, start: int) -> int | None:
    """The index after the ``)`` that closes the group opened at ``start``, or None."""
    depth, i = 0, start
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = _class_end(source, i) + 1
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _top_level_alternatives(body: str) -> list[str]:
    """A group's alternatives: ``body`` cut at each ``|`` outside classes and escapes."""
    out, current, i = [], [], 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            current.append(body[i : i + 2])
            i += 2
        elif ch == "[":
            end = _class_end(body, i)
            current.append(body[i : end + 1])
            i = end + 1
        elif ch == "|":
            out.append("".join(current))
            current = []
            i += 1
        else:
            current.append(ch)
            i += 1
    out.append("".join(current))
    return out


def _compiled(pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, re.Pattern) or pattern.flags & _REFUSED_FLAGS:
        raise ValueError("not a stdlib pattern that can be batched")
    rewritten = batch_pattern(pattern.pattern)
    if rewritten is None:
        raise ValueError(f"cannot batch {pattern.pattern!r}")
    return re.compile(rewritten, pattern.flags)


def batch_tokenizer(
    tokenizer: Any, check: tuple[str, ...], tokenize: Callable[[str], list[str]]
) -> BatchTokenizer | None:
    """A :class:`BatchTokenizer` for ``tokenizer``, or None when its patterns cannot be batched
    or it cuts the ``check`` sentences otherwise than ``tokenize`` (NLTK's own) does."""
    try:
        batch = BatchTokenizer(tokenizer)
    except (AttributeError, TypeError, ValueError, re.error):
        return None
    sentences = (*check, "", " ", '"', "x.", *(s + "\n" for s in check))
    same = batch.tokenize(sentences) == [tokenize(s) for s in sentences]
    return batch if same else None


class _Expected(threading.local):
    """This thread's latest document: its sentence texts, and one batch of their tokens."""

    def __init__(self) -> None:
        self.texts: tuple[str, ...] = ()
        self.index: dict[str, int] | None = None
        self.ready: dict[str, list[str]] = {}
        self.served = 0
        self.budget = FIRST_BATCH_CHARS
        self.cursor = 0  # where the last batch ended


_expected = _Expected()


def expect(texts: Sequence[str]) -> None:
    """Say which sentences will be tokenized next, in order (a document's, once it is split)."""
    _expected.texts = tuple(texts)
    _expected.index = None
    _expected.ready = {}
    _expected.served = 0
    _expected.budget = FIRST_BATCH_CHARS
    _expected.cursor = 0


def tokens_of(text: str, batch: BatchTokenizer, one: Callable[[str], list[str]]) -> list[str]:
    """The tokens of ``text``: from the current batch, else from a new batch of the expected
    sentences from ``text`` on, else ``one(text)`` (a sentence that is not expected).

    A batch grows (to :data:`BATCH_CHARS`) while its sentences are asked for, and shrinks to
    nothing when they are not (sentences asked for out of order), so a batch never costs much
    more than tokenizing what is asked for one by one.
    """
    state = _expected
    found = state.ready.get(text)
    if found is not None:
        state.served += 1
        return list(found)
    if not state.texts or SEPARATOR in text:
        return one(text)
    texts = state.texts
    if state.cursor < len(texts) and texts[state.cursor] == text:
        start: int | None = state.cursor  # in order: a repeated sentence is not looked up
    else:
        if state.index is None:
            state.index = {t: i for i, t in reversed(list(enumerate(texts)))}
        start = state.index.get(text)
    if start is None:
        return one(text)
    if state.ready:  # the last batch was used: grow; mostly unused: shrink
        used = state.served * 2 >= len(state.ready)
        state.budget = min(BATCH_CHARS, state.budget * 2) if used else state.budget // 8
    if state.budget < MIN_BATCH_CHARS:
        state.ready = {}
        return one(text)
    chunk: list[str] = []
    size = 0
    stop = start
    while stop < len(texts) and size <= state.budget:
        if SEPARATOR not in texts[stop]:
            chunk.append(texts[stop])
            size += len(texts[stop])
        stop += 1
    state.cursor = stop
    tokens = batch.tokenize(chunk)
    state.ready = dict(zip(chunk, tokens, strict=True))
    state.served = 1
    return list(tokens[0])
