"""Punkt's splits mended: list items cut, and splits that cannot be sentence ends undone."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefer.split.punkt import Rules

_CAPITAL_START = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]?\w")


_NUMBER_END = re.compile(r"(?<![\w.,])\d[\d,]*\.\s+(?=[^\W\d_])")
"""A number ending a sentence: "... in 2008. it contrasted". Punkt keeps such a period inside
the sentence when the next word is in lower case; in text without capitals that says nothing,
so there the period ends the sentence."""


def number_ends(unit: str) -> Iterator[int]:
    """Where sentences start after a number ending the one before, in text without capitals;
    not after a list's "7." (a small number after a closing bracket or colon)."""
    for m in _NUMBER_END.finditer(unit):
        number = m[0].split(".", 1)[0]
        before = unit[: m.start()].rstrip()[-1:]
        if len(number) <= 2 and before in (")", ":", ""):
            continue
        yield m.end()


def is_cased(text: str) -> bool:
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


def cut(text: str, spans: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
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


def list_cuts(unit: str) -> list[int]:
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


def join(
    text: str, spans: list[tuple[int, int]], cuts: set[int], rules: Rules, cased: bool
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
    text: str, prev: tuple[int, int], nxt: tuple[int, int], rules: Rules, cased: bool
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


OPENING_MARKS = frozenset("«„‹“‘‚¿¡")
"""Marks that open what follows them when a space stands before them ("Lyon. « Nous…"); a
closing mark is written against its last word (Danish "»Hej«", German "„Ja“")."""


def opening_marks_forward(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans where a quotation mark left at the end of one sentence ("…à Lyon. «") begins the
    next one instead, as Punkt, which keeps what follows a period with the sentence before,
    cuts French and German text."""
    out = list(spans)
    for i in range(len(out) - 1):
        start, end = out[i]
        body = text[start:end].rstrip()
        if len(body) < 3 or body[-1] not in OPENING_MARKS or not body[-2].isspace():
            continue
        mark = start + len(body) - 1
        cut_at = start + len(body[:-1].rstrip())
        out[i] = (start, cut_at)
        out[i + 1] = (mark, out[i + 1][1])
    return out
