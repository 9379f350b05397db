"""Text → paragraphs and the units Punkt sees on their own (a paragraph, or its lines)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

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


def blocks(text: str) -> Iterator[tuple[int, int]]:
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


def dateline_end(text: str, start: int, end: int) -> int:
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


def units_of(clean: str) -> Iterator[tuple[int, int, int]]:
    """Every unit of the text as (paragraph number, start, end)."""
    for paragraph, (b_start, b_end) in enumerate(blocks(clean)):
        for u_start, u_end in _units(clean, b_start, b_end):
            yield paragraph, u_start, u_end
