"""Quotations as spans of the text, then each one's speaker, resolved when the article says."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from briefer.facts.lang import FactWords
from briefer.facts.names import Entity
from briefer.facts.patterns import alternation, first_characters
from briefer.facts.speakers import Speakers
from briefer.models import Quote, Sentence

_OPENERS = {"“": "”", "«": "»", "„": "“”", '"': '"”', "»": "«"}
_BOUNDARY = " \t\n([{—–-/"
_MARKS = re.compile("[\"“”«»„'‘’]")
MIN_WORDS = 3
_CLAUSE_END = re.compile(
    r"(?<![A-Z]\.)(?<![A-Z][a-z]\.)(?<![A-Z][a-z]{2}\.)(?<![A-Z][a-z]{3}\.)"  # Lt. Cmdr. F.
    r"(?<=[.!?])\s+(?=[A-Z])"
)


@dataclass(frozen=True, slots=True)
class Marked:
    """A quoted span: ``start``/``end`` inside the marks, ``open``/``close`` the marks' offsets
    (``close`` is -1 when the paragraph ends with the quotation still open)."""

    start: int
    end: int
    open: int
    close: int
    paragraph: int

    @property
    def stop(self) -> int:
        """Where the quotation ends: its closing mark, else the end of its text."""
        return self.close if self.close >= 0 else self.end


def _paragraphs(sentences: Sequence[Sentence]) -> list[tuple[int, int, int]]:
    spans: dict[int, list[int]] = {}
    for s in sentences:
        span = spans.setdefault(s.paragraph, [s.start, s.end])
        span[0], span[1] = min(span[0], s.start), max(span[1], s.end)
    return [(p, a, b) for p, (a, b) in sorted(spans.items(), key=lambda kv: kv[1][0])]


def marked(text: str, sentences: Sequence[Sentence]) -> list[Marked]:
    """Pair the quotation marks of each paragraph (straight, curly, guillemets, single marks
    outside double ones); a paragraph that ends inside a quotation closes it there."""
    found: list[Marked] = []
    for para, a, b in _paragraphs(sentences):
        closers = ""
        single = ""
        opened = -1
        for mark in _MARKS.finditer(text, a, b):
            i = mark.start()
            ch = text[i]
            prev = text[i - 1] if i > a else " "
            nxt = text[i + 1] if i + 1 < b else " "
            if closers:
                if ch == '"' and prev.isspace() and nxt.isalnum() and '"' in closers:
                    # an opening mark inside an open quotation: the last one was never closed
                    # ('walk away. "I've started') or the marks nest ('need "significant"')
                    found.append(Marked(opened + 1, i - 1, opened, -1, para))
                    opened = i
                elif ch in closers:
                    found.append(Marked(opened + 1, i, opened, i, para))
                    closers = ""
            elif single:
                closes = ch == single and not nxt.isalnum() and not prev.isspace()
                if closes and ch == "’" and prev == "s" and nxt == " " and i + 2 < b:
                    # "the players’ union": an apostrophe unless what follows ends the clause
                    closes = not text[i + 2].isalpha() or text[i + 2].isupper()
                if closes:
                    found.append(Marked(opened + 1, i, opened, i, para))
                    single = ""
            elif (
                ch in _OPENERS
                and not (ch == '"' and prev.isalnum() and not nxt.isalnum())
                and (ch != "»" or nxt.isalnum())  # German »…«; a French » closes
            ):
                closers, opened = _OPENERS[ch], i
            elif ch in "'‘" and (prev in _BOUNDARY or i == a) and nxt.isalnum():
                single, opened = ("’" if ch == "‘" else "'"), i
        if closers or (single and opened == a):
            found.append(Marked(opened + 1, b, opened, -1, para))
    return found


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """The text with each ``[a, b)`` range (marks and quoted words) written as spaces."""
    pieces: list[str] = []
    done = 0  # the text before this offset is in pieces
    for a, b in sorted(ranges):
        a, b = max(a, done), min(b, len(text))
        if a < b:
            pieces.extend((text[done:a], " " * (b - a)))
            done = b
    pieces.append(text[done:])
    return "".join(pieces)


@cache
def _refers(words: FactWords) -> re.Pattern[str]:
    """A pronoun or possessive that can refer back to a speaker ("he", "her")."""
    back = words.pronouns_male | words.pronouns_female | words.possessives
    if not back:
        return re.compile(r"\b")  # as an empty alternation would: any word
    guard = first_characters(w.lower() for w in back)
    return re.compile(rf"\b(?=(?i:[{guard}]))(?:{alternation(back)})\b", re.I)


_WORD = re.compile(r"[^\W_][\w'’-]*")


def _words_of(text: str) -> list[str]:
    return _WORD.findall(text)


@cache
def _determiner(words: FactWords) -> re.Pattern[str]:
    """A determiner (and one word) right before the marks: 'a "behavioral evaluation" team'."""
    return re.compile(rf"\b(?:{'|'.join(sorted(words.determiners))})\s+(?:[a-z]+\s+)?$")


def is_quotation(text: str, lead: str, follow: str, said: bool, words: FactWords) -> bool:
    """Whether a quoted span is someone's words, not a title, nickname, slogan or scare quote.

    ``lead`` and ``follow`` are the sentence's text before and after the marks; ``said``
    whether the sentence has a reporting verb."""
    ws = _words_of(text)
    if len(ws) < MIN_WORDS or len(text.split()) < MIN_WORDS:
        return False  # too short, or one token: a URL, a path, code ("//pms.orange.fr/…")
    previous = _words_of(lead[-40:])
    if previous and previous[-1].lower() in words.title_cues:
        return False
    after = re.match(r"\s*([^\W\d_][\w'’-]*)", follow)
    determiner = _determiner(words).search(lead)
    if determiner and after and after.group(1).islower():
        nxt = after.group(1)
        if nxt not in words.function_words and nxt not in words.reporting_verbs:
            return False  # 'a "behavioral evaluation and threat assessment" team'
    if determiner and not said and len(ws) <= 6:
        return False  # 'the metaphorical "chicken in every pot"': a scare quote
    if (
        not said
        and previous
        and previous[-1].lower() in words.term_prepositions
        and len(ws) <= 8
        and not re.search(r"[,.!?;:]", text.rstrip(".,!?"))
    ):
        return False  # 'une enquête pour "non-assistance à personne en danger"': a term
    content = [w for w in ws if w.lower() not in words.function_words]
    # a title in capitals ("Who Wants to Be a Millionaire", "Smarter Sentencing Act")
    return not (
        len(content) >= 2
        and len(ws) <= 12
        and all(w[0].isupper() or w[0].isdigit() for w in content)
        and not re.search(r"(?:[,!?;:]|(?<!\b[A-Z])\.)\s", text.rstrip(".,!?") + " ")
    )


class _Chained:
    """The sentences whose narrative refers back to someone with a pronoun (``_refers``), each
    read when first asked about: pronouns are resolved for a few sentences of an article."""

    def __init__(
        self, sentences: Sequence[Sentence], narrative: str, refers: re.Pattern[str]
    ) -> None:
        self._sentences = {s.index: s for s in sentences}
        self._narrative = narrative
        self._refers = refers
        self._known: dict[int, bool] = {}

    def __contains__(self, index: object) -> bool:
        if not isinstance(index, int):
            return False
        known = self._known.get(index)
        if known is None:
            s = self._sentences.get(index)
            found = s is not None and self._refers.search(self._narrative[s.start : s.end])
            known = self._known[index] = bool(found)
        return known


def quotes(
    sentences: Sequence[Sentence], text: str, found: list[Entity], words: FactWords
) -> list[Quote]:
    """Direct quotations (three words or more) with their speakers where the article says."""
    spans = marked(text, sentences)
    if not spans:
        return []  # no quotation marks: the speakers' cues need not be compiled
    by_start = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in by_start]
    r = Speakers(text, sentences, found, words)
    narrative = _blanked(text, [(q.open, q.stop + 1) for q in spans])
    bounds: list[int] = []  # the quotations' opening and closing offsets, in order
    for q in spans:
        bounds.extend((q.open, q.stop))
    out: list[Quote] = []
    last_speaker: Entity | None = None
    last_name: str | None = None
    last_para = -10
    last_sentence = -10
    last_end = 0
    chained = _Chained(sentences, narrative, _refers(words))
    for q in spans:
        raw = text[q.start : q.end]
        quoted = raw.strip().rstrip(",").rstrip()
        if not quoted:
            continue
        qs = q.start + (len(raw) - len(raw.lstrip()))
        i = max(0, bisect.bisect_right(starts, q.open) - 1)
        j = max(i, bisect.bisect_left(starts, q.stop) - 1)
        first, last = by_start[i], by_start[j]
        lead = _CLAUSE_END.split(narrative[first.start : q.open])[-1]
        after = _CLAUSE_END.split(narrative[q.stop + 1 : last.end])[0]
        said = bool(r.p.verb.search(narrative[first.start : last.end]))
        if not is_quotation(quoted, text[first.start : q.open], after, said, words):
            continue
        how, who = r.same_sentence(lead, after)
        speaker: str | None = None
        entity: Entity | None = None
        if how == "name" and who is not None:
            speaker = r.full(who)
            entity = r.entity(who)
        elif how == "pronoun":
            floor = by_start[max(0, i - 4)].start
            entity = r.pronoun(
                first.start, who, floor, last_speaker, bounds, first.index - 1, last_end, chained
            )
            speaker = entity.text if entity is not None else None
        elif how == "nothing":
            prev = by_start[i - 1] if i > 0 else None
            intro = narrative[prev.start : prev.end].rstrip() if prev is not None else ""
            if prev is not None and intro.endswith(":"):
                m = r.p.before.search(intro[:-1])
                if m:
                    kind, name = r.subject(m)
                    if kind == "name" and name is not None:
                        speaker, entity = r.full(name), r.entity(name)
                    elif kind == "pronoun":  # 'He added: "…"'
                        entity = r.pronoun(
                            prev.start,
                            name,
                            by_start[max(0, i - 5)].start,
                            last_speaker,
                            bounds,
                            prev.index - 1,
                            last_end,
                            chained,
                        )
                        speaker = entity.text if entity is not None else None
            elif q.paragraph - last_para <= 1 and i - last_sentence <= 1 and not lead.strip():
                speaker, entity = last_name, last_speaker
        out.append(Quote(quoted, speaker, first.index, qs, qs + len(quoted)))
        last_speaker, last_name = entity, speaker
        last_para, last_sentence = q.paragraph, j
        last_end = q.stop
    return out
