"""Units → sentences with offsets, over-long ones capped: the numbering every command shares."""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefer.models import Document, Sentence, Span
from briefer.split.clean import sanitize
from briefer.split.fastpunkt import engines_agree
from briefer.split.join import cut, is_cased, join, list_cuts, number_ends, opening_marks_forward
from briefer.split.punkt import rules, stdlib_tokenizer, tokenizer
from briefer.split.tokens import expect
from briefer.split.units import dateline_end, is_heading_text, units_of


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


def _spans(
    language: str, text: str, start: int, end: int, cased: bool = True
) -> list[tuple[int, int]]:
    """Sentence spans of one unit: Punkt's, cut at inline list items, then re-joined."""
    unit = text[start:end]
    fast = stdlib_tokenizer(language)
    punkt = fast if fast is not None and engines_agree(unit) else tokenizer(language)
    spans = [(start + s, start + e) for s, e in punkt.span_tokenize(unit)]
    spans = opening_marks_forward(text, spans)
    cuts = [start + c for c in list_cuts(unit)]
    if not cased:
        cuts = sorted({*cuts, *(start + c for c in number_ends(unit))})
    if cuts:
        spans = cut(text, spans, cuts)
    return join(text, spans, set(cuts), rules(language), cased)


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
    cased = is_cased(clean)
    tokenizer(language)  # an unsupported language fails here, even on empty text
    sentences: list[Sentence] = []
    headings: list[Span] = []
    found_title: Span | None = None
    paragraphs: set[int] = set()
    for paragraph, u_start, u_end in units_of(clean):
        unit = clean[u_start:u_end]
        if "\n" not in unit and is_heading_text(unit):
            span = Span(u_start, u_end, unit)
            if title is None and found_title is None and not sentences and not headings:
                found_title = span
            else:
                headings.append(span)
            continue
        if not sentences:
            u_start = dateline_end(clean, u_start, u_end)
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
    expect([s.text for s in document.sentences])
    return document, tuple(capped)


def document(
    text: str, language: str = "english", title: str | None = None
) -> tuple[Document, tuple[int, ...]]:
    """The document a brief is made of, numbered as every command numbers its sentences.

    As :func:`analyse_capped`; but a text that is only title-like lines (no sentence is left
    once its title and headings are taken out) is not empty: each of its units is a sentence.

    Args:
        text: the article; offsets refer to this string (after :func:`sanitize`).
        language: one of :data:`briefer.models.LANGUAGES`.
        title: a headline given by the caller; when set, no title is detected.

    Returns:
        The document, and the indices of the pieces of over-long sentences (see
        :func:`analyse_capped`).
    """
    doc, capped = analyse_capped(text, language, title)
    if doc.sentences:
        return doc, capped
    every = _every_unit(text, language)
    return Document(text=doc.text, sentences=every, paragraphs=1, given_title=title), capped


def split_sentences(text: str, language: str = "english") -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with their index, paragraph and character offsets.

    Every unit of text counts here, titles, headings and datelines too, so the numbering is
    not a brief's: :func:`document` gives the sentences as a brief numbers them.

    Args:
        text: any text; offsets refer to this string.
        language: one of :data:`briefer.models.LANGUAGES`.

    Returns:
        The sentences in order; ``text[s.start:s.end] == s.text`` up to what
        :func:`sanitize` blanks; none is longer than :data:`MAX_SENTENCE_CHARS`.
    """
    return _every_unit(text, language)


def _every_unit(text: str, language: str) -> tuple[Sentence, ...]:
    """Every unit's sentences, titles and headings too (for a text that has nothing else)."""
    clean = sanitize(text)
    cased = is_cased(clean)
    tokenizer(language)  # an unsupported language fails here, even on empty text
    out: list[Sentence] = []
    for paragraph, u_start, u_end in units_of(clean):
        out.extend(_sentences_in(language, clean, paragraph, u_start, u_end, len(out), cased))
    expect([s.text for s in out])
    return tuple(out)
