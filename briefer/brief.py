"""The policy: how many points, which sentences, no repeats, and the assembled Brief."""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import replace

from briefer import facts, lang, langid, rank, split
from briefer.errors import InputError, Setting
from briefer.models import (
    Brief,
    Document,
    Figure,
    Options,
    Point,
    Quote,
    Sentence,
    Stats,
    Term,
)
from briefer.split import MAX_SENTENCE_CHARS, count_words

WORDS_PER_MINUTE = 238  # average silent reading speed of adults for non-fiction (Brysbaert 2019)
NEAR_DUPLICATE = 0.8  # Jaccard overlap of word sets above which two sentences say the same
MAX_FIGURES = 12
MAX_QUOTES = 5
_WORDS = re.compile(r"\w+")


def default_length(n_sentences: int) -> int:
    """Key points for an article of ``n_sentences``: about the square root, 3 to 12."""
    return min(n_sentences, max(3, min(12, round(math.sqrt(n_sentences)))))


def target_length(options: Options, n_sentences: int) -> int:
    """How many points the options ask for (the word budget is applied while choosing)."""
    if options.sentences is not None:
        return min(options.sentences, n_sentences)
    if options.ratio is not None:
        return max(1, min(n_sentences, round(options.ratio * n_sentences)))
    if options.words is not None:
        return n_sentences
    return default_length(n_sentences)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORDS.findall(text))


def _near_duplicate(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return a == b
    return len(a & b) / len(a | b) >= NEAR_DUPLICATE


def choose(
    sentences: Sequence[Sentence], scores: Sequence[float], count: int, words: int | None = None
) -> list[int]:
    """Indices of the best-scored sentences, skipping near-duplicates, in article order.

    With a word budget, sentences are taken best first while they fit; the best one is always
    taken so that a brief is never empty.
    """
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    seen: list[frozenset[str]] = []
    used = 0
    for i in order:
        if len(chosen) >= count:
            break
        ws = _word_set(sentences[i].text)
        if any(_near_duplicate(ws, other) for other in seen):
            continue
        n_words = count_words(sentences[i].text)
        if words is not None and chosen and used + n_words > words:
            continue
        chosen.append(i)
        seen.append(ws)
        used += n_words
    return sorted(chosen)


_OPENING = re.compile(r"[^\w\"'“‘«]*([\"'“‘«]?)([\w'’-]+)")


def stands_alone(text: str, language: str) -> bool:
    """Whether a sentence can be read without the one before it (as far as its first word
    shows: the language record's ``leans_on_context``; without such a list it always can). A
    sentence that opens with a quotation stands alone: its pronouns are the speaker's ("“It is
    a disaster,” he said")."""
    first = _OPENING.match(text)
    if not first or first.group(1):
        return True
    return first.group(2).lower() not in lang.get(language).leans_on_context


def _is_caption(text: str, language: str) -> bool:
    """A detected title that is a caption, credit, byline or section heading is no headline
    (a short title without a full stop is what titles look like, so length alone is not)."""
    words = facts.words_for(language)
    low = text.strip().lower()
    return (
        low.startswith(words.caption_openings)
        or any(c in low for c in words.credits)
        or low.strip(" .:") in words.headings
        or bool(re.fullmatch(r"by(?:\s+[A-Z][\w'’.-]*){1,4}\.?", text.strip()))
    )


def is_furniture(text: str, language: str) -> bool:
    """Whether a sentence is a caption, credit, byline or section heading ("File photo of …",
    "Jane Doe contributed to this report.", "By Jane Doe", "Introduction"): never a gist."""
    if _is_caption(text, language):
        return True
    bare = text.strip().lower().strip(" .:")
    return len(bare.split()) <= 6 and not re.search(r"[.!?]\W*$", text.strip())


LEAD_MIN_WORDS = 8  # a shorter opening is a hook or a heading, not the story in one sentence


def _length_is_default(options: Options) -> bool:
    return options.sentences is None and options.ratio is None and options.words is None


def with_lead(
    chosen: list[int], sentences: Sequence[Sentence], lead: int, language: str
) -> list[int]:
    """The key points with the lead added when it stands alone and says enough: news states
    its story first (the inverted pyramid), and a brief whose length the reader left to
    briefer should carry that sentence. The method's own choice stays whole."""
    if lead in chosen or len(chosen) < 3 or lead >= len(sentences):
        return chosen
    text = sentences[lead].text
    if (
        not stands_alone(text, language)
        or count_words(text) < LEAD_MIN_WORDS
        or is_hook(text, language)
    ):
        return chosen
    return sorted([*chosen, lead])


_FIRST_WORD = re.compile(r"[^\w]*([\w'’-]+)")


def is_hook(text: str, language: str) -> bool:
    """Whether an opening sentence is a feature's hook, not a news lead: it speaks to or as
    someone ("I am…", "You almost have to…"), opens with a clause or a scene ("When…",
    "Traveling through…", "On July 24, 2008, …") rather than with what happened."""
    first = _FIRST_WORD.match(text)
    if first is None:
        return False
    word = first.group(1).lower()
    words = facts.words_for(language)
    if word in words.hook_openings or (word.endswith("ing") and word not in words.function_words):
        return True
    scene = re.match(r"\W*on\s+(\w+)", text, re.IGNORECASE)
    return scene is not None and scene.group(1).lower() in words.months  # "On July 24, 2008"


_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_TOKEN_AND_NEXT = re.compile(r"([\w'’]+)(?=\s+(\S)|)")


def speaks_as_writer(text: str, language: str) -> bool:
    """Whether a sentence speaks as its writer outside quotation marks ("…stopped me in my
    tracks", "I sat outside…"): a column's hook, not what the article is about. "I" before a
    capital is a title's ("I'm A Celebrity", "I, Robot")."""
    words = facts.words_for(language)
    for m in _TOKEN_AND_NEXT.finditer(_QUOTED.sub(" ", text)):
        word, nxt = m.group(1), m.group(2) or ""
        if word in words.writer_objects or (word in words.writer_subjects and nxt.islower()):
            return True
    return False


def choose_gist(
    points: Sequence[Point], n_sentences: int, language: str = "english", lead: int = 0
) -> Point:
    """The one sentence that says what the article is about.

    News puts it first (the inverted pyramid): the article's first sentence (``lead``, the
    first one that is no caption or byline) is the gist when it is a key point and stands
    alone. Otherwise, as in an essay or shuffled text, the best-scored key point that stands
    alone is (see :func:`stands_alone`), or the best-scored one if none does. Captions,
    credits, bylines and headings (:func:`is_furniture`) are never the gist while any other
    point remains.
    """
    usable = [p for p in points if not is_furniture(p.sentence.text, language)] or list(points)
    first = usable[0]
    if (
        first.sentence.index == lead
        and stands_alone(first.sentence.text, language)
        and not is_hook(first.sentence.text, language)
        and not speaks_as_writer(first.sentence.text, language)
    ):
        return first
    alone = [
        p
        for p in usable
        if stands_alone(p.sentence.text, language)
        and not (p.sentence.index == lead and is_hook(p.sentence.text, language))
    ]
    # a column's point, not the writer's own experience ("The moment I saw…, I made up my mind")
    alone = [p for p in alone if not speaks_as_writer(p.sentence.text, language)] or alone
    return min(alone or usable, key=lambda p: p.rank)


def _ranks(scores: Sequence[float]) -> list[int]:
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    ranks = [0] * len(scores)
    for r, i in enumerate(order, start=1):
        ranks[i] = r
    return ranks


def _prominent_figures(
    found: list[Figure], chosen: set[int], scores: Sequence[float]
) -> tuple[Figure, ...]:
    """Figures from the key points first, then from the best-scored sentences; article order."""
    unique: dict[str, Figure] = {}
    for f in found:
        unique.setdefault(f.text.lower(), f)
    ranked = sorted(
        unique.values(),
        key=lambda f: (
            f.kind == "date",
            f.sentence not in chosen,
            -scores[f.sentence],
            f.sentence,
        ),
    )
    kept = ranked[:MAX_FIGURES]
    return tuple(sorted(kept, key=lambda f: (f.sentence, f.start)))


def _prominent_quotes(found: list[Quote], scores: Sequence[float]) -> tuple[Quote, ...]:
    ranked = sorted(found, key=lambda q: (q.speaker is None, -scores[q.sentence], q.sentence))
    return tuple(sorted(ranked[:MAX_QUOTES], key=lambda q: q.sentence))


def _document(text: str, options: Options) -> tuple[Document, tuple[int, ...]]:
    """The text cut into sentences, and which sentences were cut at ``MAX_SENTENCE_CHARS``."""
    if len(text) > options.max_chars:
        raise InputError(
            [
                f"input is {len(text):,} characters, over the limit of {options.max_chars:,}; "
                "raise it with ",
                Setting("max_chars"),
            ]
        )
    # a text that is only a title-like line is still a sentence to brief
    doc, capped = split.document(text, options.language, options.title)
    if not any(any(ch.isalnum() for ch in s.text) for s in doc.sentences):
        raise InputError("no text to brief: the input is empty or has no words")
    return doc, capped


def _stats(doc: Document, points: Sequence[Point]) -> Stats:
    """Words, sentences and reading times of the article and of its brief."""
    # one count over the texts joined by a newline, which no word holds: the sum of the counts
    words = count_words("\n".join(s.text for s in doc.sentences))
    brief_words = count_words("\n".join(p.sentence.text for p in points))
    return Stats(
        words=words,
        sentences=len(doc.sentences),
        paragraphs=doc.paragraphs,
        brief_words=brief_words,
        reading_seconds=round(words * 60 / WORDS_PER_MINUTE),
        brief_reading_seconds=round(brief_words * 60 / WORDS_PER_MINUTE),
    )


def _headline(doc: Document, options: Options) -> tuple[str | None, str]:
    """The headline and where it came from: given, detected (unless a caption) or none."""
    if options.title is not None:
        return options.title, "given"
    if doc.title is not None and not _is_caption(doc.title.text, options.language):
        return doc.title.text, "detected"
    return None, "none"


def _notes(
    stats: Stats, options: Options, capped: tuple[int, ...], language_note: str | None
) -> list[str]:
    """What the reader should know about how the brief was made."""
    notes: list[str] = [] if language_note is None else [language_note]
    words = facts.record(options.language)
    if words is None:
        notes.append(
            f"no names, figures or quotes: briefer has no fact words for {options.language}"
        )
    elif words.no_names:
        notes.append(
            f"no names: briefer cannot yet tell {options.language} names apart well enough "
            "(they still find who is quoted)"
        )
    n = stats.sentences
    if n < 3:
        notes.append(
            f"short text: {n} sentence{'s' if n != 1 else ''}; the brief is the text itself"
        )
    if capped:
        notes.append(
            f"over-long sentences were cut into {len(capped):,} pieces of at most "
            f"{MAX_SENTENCE_CHARS:,} characters, at a clause mark or between words"
        )
    if options.words is not None and stats.brief_words > options.words:
        notes.append(
            f"the budget of {options.words:,} words cannot be met: key points are whole "
            f"sentences, and the best one alone has {stats.brief_words:,} words"
        )
    return notes


def summarize(text: str, options: Options | None = None) -> Brief:
    """Brief an article (see :func:`summarize_parts`, which also returns what it was cut into)."""
    return summarize_parts(text, options)[0]


BACKGROUND_SENTENCES = 2_000
"""From this many sentences on, ``summarize_parts(background=True)`` finds the facts in a
child process while the sentences are ranked (see :mod:`briefer.background`)."""


def _facts(
    sentences: Sequence[Sentence], text: str, stop_words: frozenset[str], language: str
) -> tuple[facts.Facts, list[Term]]:
    found = facts.extract(sentences, text, stop_words, language)
    words = facts.record(language)  # its function words are no key terms either ("avait")
    common = stop_words | words.function_words if words is not None else stop_words
    terms = facts.terms(sentences, common, exclude=[n.text for n in found.names])
    # a brief shows names, not the entities with every mention: those stay where they were found
    return found._replace(entities=[]), terms


def _scores(doc: Document, options: Options) -> list[float]:
    with warnings.catch_warnings():
        # sumy divides by zero on sentences without words; such sentences simply score 0.
        warnings.simplefilter("ignore", RuntimeWarning)
        return [
            x if math.isfinite(x) else 0.0
            for x in rank.score(doc, options.method, options.language)
        ]


def summarize_parts(
    text: str, options: Options | None = None, *, background: bool = False
) -> tuple[Brief, Document, list[float]]:
    """Brief an article.

    Args:
        text: the article as plain text (paragraphs separated by blank lines).
        options: how to brief it; ``Options()`` when omitted.
        background: for a long document (:data:`BACKGROUND_SENTENCES`), find the facts in a
            forked child process while the sentences are ranked, on a second core; the brief
            is the same. Leave it off where processes already run in parallel (a batch).

    Returns:
        A frozen :class:`Brief` whose points are sentences of ``text`` with their offsets; the
        :class:`Document` it was cut into and every sentence's score (for the HTML view).

    Raises:
        InputError: the text is empty, has no words, or is longer than ``options.max_chars``.
        UsageError: the options are inconsistent.
    """
    options = options or Options()
    language, language_note = langid.resolve(text, options.language)
    options = replace(options, language=language)
    doc, capped = _document(text, options)
    sentences = doc.sentences
    args = (sentences, doc.text, rank.stop_words(options.language), options.language)
    if background and len(sentences) >= BACKGROUND_SENTENCES:
        from briefer import background as work  # loaded only for a long document

        with work.start(_facts, *args) as pending:
            scores = _scores(doc, options)
            found, terms = pending.result()
    else:
        scores = _scores(doc, options)
        found, terms = _facts(*args)
    chosen = choose(sentences, scores, target_length(options, len(sentences)), options.words)
    ranks = _ranks(scores)
    lead = next((s.index for s in sentences if not is_furniture(s.text, options.language)), 0)
    if _length_is_default(options):
        chosen = with_lead(chosen, sentences, lead, options.language)
    points = tuple(Point(sentences[i], scores[i], ranks[i]) for i in chosen)
    gist = choose_gist(points, len(sentences), options.language, lead)

    names = found.names
    figures = _prominent_figures(found.figures, set(chosen), scores)
    quotes = _prominent_quotes(found.quotes, scores)

    stats = _stats(doc, points)
    headline, source = _headline(doc, options)
    notes = _notes(stats, options, capped, language_note)
    brief = Brief(
        headline=headline,
        headline_source=source,
        gist=gist,
        points=points,
        figures=figures,
        quotes=quotes,
        names=tuple(names),
        terms=tuple(terms),
        stats=stats,
        method=options.method,
        language=options.language,
        notes=tuple(notes),
    )
    return brief, doc, scores
