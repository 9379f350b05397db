"""Quotations as spans of the text, then each one's speaker, resolved when the article says."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from briefer.facts.lang import FactWords
from briefer.facts.names import Entity, person_like
from briefer.models import Quote, Sentence

_OPENERS = {"“": "”", "«": "»", "„": "“”", '"': '"”'}
_CLOSERS_ALONE = "”»"
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
            elif ch in _OPENERS and not (ch == '"' and prev.isalnum() and not nxt.isalnum()):
                closers, opened = _OPENERS[ch], i
            elif ch in "'‘" and (prev in _BOUNDARY or i == a) and nxt.isalnum():
                single, opened = ("’" if ch == "‘" else "'"), i
        if closers or (single and opened == a):
            found.append(Marked(opened + 1, b, opened, -1, para))
    return found


@dataclass(frozen=True)
class _Patterns:
    after_verb: re.Pattern[str]  # ', said Mr Smith' / ', agreed economy minister Heizo Takenaka'
    after_subject: re.Pattern[str]  # ', Smith said' / ', he said' / ', Smith, an analyst, said'
    before: re.Pattern[str]  # 'Smith told ABC: ' / 'Smith said the plan was '
    according: re.Pattern[str]
    verb: re.Pattern[str]
    pronoun: re.Pattern[str]
    quoted_as: re.Pattern[str]  # 'PA Sport quoted him as saying'
    tail: re.Pattern[str]  # '…, Prime Minister Gordon Brown of the United Kingdom said Sunday.'


_PREPOSITIONS = "in|on|at|of|for|to|with|by|from|during|about"
_FUNCTION = "in|on|at|of|for|to|with|by|from|as|and|but|when|after|before|who|which|that|during"
_NAME_PARTICLES = frozenset(["de", "van", "von", "der", "da", "du", "la", "le", "bin"])
_NAME = r"(?:[A-Z][\w'’.-]*|al-\w+)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|du|la|le|bin|al-\w+))*"


@cache
def _patterns(words: FactWords) -> _Patterns:
    verbs = "|".join(sorted(words.reporting_verbs, key=len, reverse=True))
    inverting = "|".join(sorted(words.reporting_verbs - words.object_verbs, key=len, reverse=True))
    pronouns = "|".join(sorted(words.pronouns_male | words.pronouns_female | words.pronouns_other))
    subject = (
        rf"(?P<subj>(?<![\w'’-])(?:[a-z][\w'’-]*\s+){{0,3}}?{_NAME}|(?i:{pronouns})"
        rf"|(?:the|a|an)\s+[\w\s'’-]{{1,40}}?)"
    )
    appos = r"(?:\s*,(?P<appos>[^,\"“”]{1,90}),)?"
    adverb = r"(?:\s+\w+ly)?"
    according = "|".join(re.escape(a) for a in words.according_to)
    objects = "(?P<obj>" + "|".join(sorted(words.objects_male | words.objects_female)) + ")"
    return _Patterns(
        after_verb=re.compile(
            rf"^[\s,.!?:;—–-]*(?:{inverting})\s+(?P<pre>(?:[a-z][\w'’-]*\s+){{0,4}}?)(?P<name>{_NAME})"
        ),
        after_subject=re.compile(rf"^[\s,.!?:;—–-]*{subject}{appos}{adverb}\s+(?:{verbs})\b"),
        before=re.compile(rf"{subject}{appos}{adverb}\s+(?:{verbs})\b(?P<tail>[^.!?]*)$"),
        according=re.compile(
            rf"\b(?:{according})\s+(?P<pre>(?:[a-z][\w'’-]*\s+){{0,4}}?)(?P<name>{_NAME})"
        ),
        verb=re.compile(rf"\b(?:{verbs})\b"),
        pronoun=re.compile(rf"^(?:{pronouns})$", re.IGNORECASE),
        quoted_as=re.compile(words.quoted_as.format(obj=objects)),
        tail=re.compile(
            rf",\s+(?P<subj>(?:[a-z][\w'’-]*\s+){{0,3}}?{_NAME})(?:\s+of\s+(?:the\s+)?{_NAME})?"
            rf"{appos}{adverb}\s+(?:{verbs})\b[^,;:]*$"
        ),
    )


def _lower_ends(name: str, endings: tuple[str, ...]) -> bool:
    return any(w.lower().endswith(endings) for w in name.split())


def _words_of(text: str) -> list[str]:
    return re.findall(r"[^\W_][\w'’-]*", text)


def is_quotation(text: str, lead: str, follow: str, said: bool, words: FactWords) -> bool:
    """Whether a quoted span is someone's words, not a title, nickname, slogan or scare quote.

    ``lead`` and ``follow`` are the sentence's text before and after the marks; ``said``
    whether the sentence has a reporting verb."""
    ws = _words_of(text)
    if len(ws) < MIN_WORDS:
        return False
    previous = _words_of(lead[-40:])
    if previous and previous[-1].lower() in words.title_cues:
        return False
    after = re.match(r"\s*([^\W\d_][\w'’-]*)", follow)
    determiner = re.search(r"\b(?:the|a|an|this|that|its|their|his|her)\s+(?:[a-z]+\s+)?$", lead)
    if determiner and after and after.group(1).islower():
        nxt = after.group(1)
        if nxt not in words.function_words and nxt not in words.reporting_verbs:
            return False  # 'a "behavioral evaluation and threat assessment" team'
    if determiner and not said and len(ws) <= 6:
        return False  # 'the metaphorical "chicken in every pot"': a scare quote
    content = [w for w in ws if w.lower() not in words.function_words]
    # a title in capitals ("Who Wants to Be a Millionaire", "Smarter Sentencing Act")
    return not (
        len(content) >= 2
        and len(ws) <= 12
        and all(w[0].isupper() or w[0].isdigit() for w in content)
        and not re.search(r"[,.!?;:]\s", text.rstrip(".,!?") + " ")
    )


class _Resolver:
    def __init__(
        self, text: str, sentences: Sequence[Sentence], found: list[Entity], words: FactWords
    ):
        self.text = text
        self.words = words
        self.p = _patterns(words)
        self.by_form: dict[str, Entity] = {}
        for e in found:
            for f in e.forms:
                self.by_form.setdefault(f, e)
        self.persons = sorted(
            (
                (m.start, m.sentence, e)
                for e in found
                if e.person or person_like(e.text, words)
                for m in e.mentions
                if not m.possessive and not m.modifier
            ),
            key=lambda t: t[0],
        )
        self.person_starts = [t[0] for t in self.persons]

    def clean(self, raw: str) -> str | None:
        """A speaker as written, without roles and sentence words; None when it is no person."""
        parts = raw.replace("’s ", "'s ").split()
        if parts and parts[0] in ("of", "for"):
            return None  # the end of a longer name ("Director of National Intelligence")
        for k in range(len(parts) - 1, -1, -1):
            if parts[k].endswith(("'s", "’s")) and k < len(parts) - 1:
                parts = parts[k + 1 :]  # "GE's Jeff Immelt"
                break
        w = self.words
        while parts and (
            parts[0].lower().rstrip(".") in w.roles
            or parts[0].lower().rstrip(".") in w.honorifics
            or parts[0].lower() in w.function_words
            or parts[0].islower()
        ):
            parts = parts[1:]
        while parts and (parts[-1].lower() in w.weekdays or parts[-1].lower() in w.months):
            parts = parts[:-1]
        if not parts or any(p.islower() and p not in _NAME_PARTICLES for p in parts):
            return None  # "the Sale player", "World Cup winner": a description, not a name
        name = " ".join(parts).rstrip(".,")
        low = [p.lower().strip(".,'’") for p in parts]
        if any(x in w.outlets or x.endswith(w.outlet_endings) for x in low) or any(
            x in w.weekdays or x in w.months for x in low
        ):
            return None
        if len(name) < 2 or name.endswith(("'s", "’s")):
            return None
        if " " not in name and name not in self.by_form:
            return None  # one word that is no name of the article ("Sources told KMGH")
        return name

    def entity(self, name: str) -> Entity | None:
        """The entity whose form is ``name`` or its longest ending ("… James Clapper")."""
        parts = name.split()
        for k in range(len(parts) - 1):
            e = self.by_form.get(" ".join(parts[k:]))
            if e is not None and (k == 0 or e.person):
                return e
        return self.by_form.get(name)

    def full(self, name: str) -> str:
        e = self.entity(name)
        return e.text if e is not None else name

    def subject(self, m: re.Match[str]) -> tuple[str, str | None]:
        """("name", speaker) / ("pronoun", gender) / ("none", None) for a matched subject."""
        subj = m.group("subj").strip()
        if self.p.pronoun.match(subj):
            low = subj.lower()
            if low in self.words.pronouns_male:
                return "pronoun", "m"
            if low in self.words.pronouns_female:
                return "pronoun", "f"
            return "none", None
        if re.search(rf"\b(?:{_PREPOSITIONS})\s", subj):
            return "none", None  # "an analyst at Nomura told": an apposition, not a name
        if subj[:1].islower() and not re.search(r"[A-Z]", subj):
            return "none", None  # "a spokesman said", "police said": not named
        if re.search(r"\b(?:of|for)\s+$", m.string[: m.start("subj")]):
            return "none", None  # the end of a longer name ("Director of National Intelligence")
        return "name", self.clean(subj)

    def same_sentence(self, before: str, after: str) -> tuple[str, str | None]:
        p = self.p
        m = p.according.search(after) or p.according.search(before)
        if m and re.search(rf"\b(?:{_PREPOSITIONS})\s", m.group("pre")):
            m = None  # "citing the progress in Liberia": the name is not the source
        if m and self.clean(m.group("name")) is not None:
            return "name", self.clean(m.group("name"))
        m = p.after_subject.match(after)
        if m:
            return self.subject(m)
        m = p.quoted_as.search(after) or p.quoted_as.search(before)
        if m:
            low = m.group("obj").lower()
            return "pronoun", "m" if low in self.words.objects_male else "f"
        m = p.after_verb.match(after)
        if m:
            if re.match(r"\s+[a-z]", after[m.end("name") :]) and not re.match(
                rf"\s+(?:{_FUNCTION})\b", after[m.end("name") :]
            ):
                return "none", None  # "said the Sale player": a description
            return "name", self.clean(m.group("name"))
        m = p.before.search(before)
        if m:
            return self.subject(m)
        m = p.tail.search(after)
        if m:
            return self.subject(m)  # the sentence's own frame names who says the quoted part
        if p.verb.search(after) or p.verb.search(before):
            return "unsure", None
        return "nothing", None

    def pronoun(
        self,
        at: int,
        gender: str | None,
        floor: int,
        previous: Entity | None,
        bounds: list[int],
        nearest: int,
        since: int,
        chained: set[int],
    ) -> Entity | None:
        """Whom "he said" means: the previous speaker when nobody is named since their quote
        ended (``since``); else the subject of the nearest sentence before ``at`` (not before
        ``floor``) that names a person, if the pronoun fits it and every sentence between
        refers back with a pronoun too (``chained``)."""
        k = bisect.bisect_left(self.person_starts, at)
        if previous is not None and (
            not previous.gender or not gender or previous.gender == gender
        ):
            j = k
            while j > 0 and self.persons[j - 1][0] >= since:
                if bisect.bisect_right(bounds, self.persons[j - 1][0]) % 2 == 0:
                    break  # somebody is named outside the quotations since
                j -= 1
            else:
                return previous
            if j == 0 or self.persons[j - 1][0] < since:
                return previous
        seen: list[Entity] = []
        sentence = -1
        while k > 0:
            k -= 1
            start, sent, e = self.persons[k]
            if start < floor:
                break
            if bisect.bisect_right(bounds, start) % 2 == 1:
                continue  # a name inside a quotation is not who speaks
            if sentence != -1 and sent != sentence:
                break
            sentence = sent
            seen.append(e)
        if not seen:
            return None
        if previous not in seen and not all(x in chained for x in range(sentence + 1, nearest + 1)):
            return None  # a sentence without a person between: the pronoun may be anyone's
        if previous is not None and previous in seen:
            return previous
        subject = seen[-1]
        if subject.gender and gender and subject.gender != gender:
            return None
        return subject


def quotes(
    sentences: Sequence[Sentence], text: str, found: list[Entity], words: FactWords
) -> list[Quote]:
    """Direct quotations (three words or more) with their speakers where the article says."""
    spans = marked(text, sentences)
    by_start = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in by_start]
    r = _Resolver(text, sentences, found, words)
    masked = list(text)
    for q in spans:
        for i in range(q.open, (q.close if q.close >= 0 else q.end) + 1):
            if i < len(masked):
                masked[i] = " "
    narrative = "".join(masked)
    bounds: list[int] = []  # the quotations' opening and closing offsets, in order
    for q in spans:
        bounds.extend((q.open, q.close if q.close >= 0 else q.end))
    out: list[Quote] = []
    last_speaker: Entity | None = None
    last_name: str | None = None
    last_para = -10
    last_sentence = -10
    last_end = 0
    back = "|".join(sorted(words.pronouns_male | words.pronouns_female | words.possessives))
    refers = re.compile(rf"\b(?:{back})\b", re.I)
    chained = {s.index for s in sentences if refers.search(narrative[s.start : s.end])}
    for q in spans:
        raw = text[q.start : q.end]
        quoted = raw.strip().rstrip(",").rstrip()
        if not quoted:
            continue
        qs = q.start + (len(raw) - len(raw.lstrip()))
        i = max(0, bisect.bisect_right(starts, q.open) - 1)
        j = max(i, bisect.bisect_left(starts, q.close if q.close >= 0 else q.end) - 1)
        first, last = by_start[i], by_start[j]
        lead = _CLAUSE_END.split(narrative[first.start : q.open])[-1]
        after = _CLAUSE_END.split(narrative[(q.close if q.close >= 0 else q.end) + 1 : last.end])[0]
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
        last_end = q.close if q.close >= 0 else q.end
    return out
