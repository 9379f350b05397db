"""Who says a quotation: the sentence's own attribution, the sentence before, a pronoun.

:class:`Speakers` resolves the speaker of one quotation from the narrative around it (the text
outside the marks); when unsure it says so, and the caller leaves the speaker null.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from briefer.facts.lang import FactWords
from briefer.facts.mentions import LOWER, UPPER
from briefer.facts.names import Entity, person_like
from briefer.models import Sentence


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
    inverted: re.Pattern[str]  # ', a-t-il dit' / ', dit-elle': the pronoun after the verb
    described: re.Pattern[str]  # ', a déclaré le président': a role that refers back
    prepositions: str  # an alternation: "an analyst at Nomura" is no name
    clause_words: str  # an alternation: words that may follow a speaker's name


_NAME_PARTICLES = frozenset(["de", "van", "von", "der", "da", "du", "la", "le", "bin"])
_NAME = (
    rf"(?:[{UPPER}][\w'’.-]*|al-\w+)"
    r"(?:\s+(?:[" + UPPER + r"][\w'’.-]*|de|van|von|der|da|du|la|le|bin|al-\w+))*"
)
_LOWER_WORD = rf"[{LOWER}][\w'’-]*"


def _either(items: frozenset[str] | tuple[str, ...]) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


@cache
def _patterns(words: FactWords) -> _Patterns:
    aux = rf"(?:(?:{_either(words.auxiliaries)})\s+)?" if words.auxiliaries else ""
    verbs = _either(words.reporting_verbs)
    verbs = f"{aux}(?:{verbs})" if aux else verbs
    inverting = _either(words.reporting_verbs - words.object_verbs)
    inverting = f"{aux}(?:{inverting})" if aux else inverting
    pronouns = "|".join(sorted(words.pronouns_male | words.pronouns_female | words.pronouns_other))
    articles = _either(words.articles)
    subject = (
        rf"(?P<subj>(?<![\w'’-])(?:{_LOWER_WORD}\s+){{0,3}}?{_NAME}|(?i:{pronouns})"
        rf"|(?:{articles})\s+[\w\s'’-]{{1,40}}?)"
    )
    appos = r"(?:\s*,(?P<appos>[^,\"“”]{1,90}),)?"
    adverb = r"(?:\s+\w+ly)?"
    according = "|".join(re.escape(a) for a in words.according_to)
    objects = "(?P<obj>" + "|".join(sorted(words.objects_male | words.objects_female)) + ")"
    gap = re.escape(words.verb_name_gap) + "?" if words.verb_name_gap else ""
    sexed = "|".join(sorted(words.pronouns_male | words.pronouns_female))
    inversion = words.inversion.format(
        verbs=_either(words.reporting_verbs), aux=_either(words.auxiliaries), pronouns=sexed
    )
    return _Patterns(
        after_verb=re.compile(
            rf"^[\s,.!?:;—–-]*(?:{inverting})\s+(?P<pre>(?:{_LOWER_WORD}{gap}\s+){{0,4}}?)"
            rf"(?P<name>{_NAME})"
        ),
        after_subject=re.compile(rf"^[\s,.!?:;—–-]*{subject}{appos}{adverb}\s+(?:{verbs})\b"),
        before=re.compile(rf"{subject}{appos}{adverb}{gap}\s+(?:{verbs})\b(?P<tail>[^.!?]*)$"),
        according=re.compile(
            rf"\b(?:{according})\s+(?P<pre>(?:{_LOWER_WORD}{gap}\s+){{0,{6 if gap else 4}}}?)"
            rf"(?P<name>{_NAME})"
        ),
        verb=re.compile(rf"\b(?:{verbs})\b"),
        pronoun=re.compile(rf"^(?:{pronouns})$", re.IGNORECASE),
        quoted_as=re.compile(words.quoted_as.format(obj=objects) if words.quoted_as else "(?!)"),
        tail=re.compile(
            rf",\s+(?P<subj>(?:{_LOWER_WORD}\s+){{0,3}}?{_NAME})(?:\s+of\s+(?:the\s+)?{_NAME})?"
            rf"{appos}{adverb}\s+(?:{verbs})\b[^,;:]*$"
        ),
        described=re.compile(
            rf"^[\s,.!?:;—–-]*(?:{inverting})\s+(?:{_either(words.description_words)})\s+"
            rf"(?P<role>{_LOWER_WORD})"
            if words.description_words
            else "(?!)"
        ),
        prepositions=_either(words.prepositions),
        clause_words=_either(words.clause_words),
        inverted=re.compile(rf"^[\s,.!?:;—–-]*{inversion}\b" if inversion else "(?!)"),
    )


def _apposed(pre: str, words: FactWords) -> bool:
    """Whether the words before a name describe it, set off by the record's mark ("selon le
    président de la région, Hervé Morin"): the name is then who the words are about."""
    return bool(words.verb_name_gap) and pre.rstrip().endswith(words.verb_name_gap)


class Speakers:
    """Resolves speakers against the article's entities (their forms and person mentions)."""

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
        if parts and parts[0][:2].lower().replace("’", "'") in self.words.elisions:
            parts[0] = parts[0][2:]  # "d'Ingrid Levavasseur"
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
        appos = (m.groupdict().get("appos") or "").strip()
        if self.words.verb_name_gap and re.fullmatch(_NAME, appos) and " " in appos:
            return "name", self.clean(appos)  # "le président de la LPO, Richard Grège, dénonce"
        if self.p.pronoun.match(subj):
            low = subj.lower()
            if low in self.words.pronouns_male:
                return "pronoun", "m"
            if low in self.words.pronouns_female:
                return "pronoun", "f"
            return "none", None
        if re.search(rf"\b(?:{self.p.prepositions})\s", subj):
            return "none", None  # "an analyst at Nomura told": an apposition, not a name
        if subj[:1].islower() and not re.search(rf"[{UPPER}]", subj):
            return "none", None  # "a spokesman said", "police said": not named
        if re.search(r"\b(?:of|for)\s+$", m.string[: m.start("subj")]):
            return "none", None  # the end of a longer name ("Director of National Intelligence")
        return "name", self.clean(subj)

    def described(self, after: str) -> tuple[str, str | None]:
        """("pronoun", None) when the verb's subject is a role that refers back to someone
        named before ("a déclaré le président", "disse o secretário"), else ("none", None)."""
        m = self.p.described.match(after)
        if m and m.group("role").lower() in self.words.roles:
            return "pronoun", None
        return "none", None

    def same_sentence(self, before: str, after: str) -> tuple[str, str | None]:
        p = self.p
        m = p.according.search(after) or p.according.search(before)
        if (
            m
            and re.search(rf"\b(?:{p.prepositions})\s", m.group("pre"))
            and not _apposed(m.group("pre"), self.words)
        ):
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
        m = p.inverted.match(after)
        if m:
            return "pronoun", "m" if m.group("subj").lower() in self.words.pronouns_male else "f"
        m = p.after_verb.match(after)
        if m:
            rest = after[m.end("name") :]
            apposed = re.match(rf",\s+({_NAME})", rest) if self.words.verb_name_gap else None
            if apposed and person_like(apposed.group(1), self.words):
                return "name", self.clean(apposed.group(1))  # "dijo el ministro de X, Luis Y"
            nxt = re.match(rf"\s+([{LOWER}][\w'’-]*)", rest)
            if (
                nxt
                and not re.match(rf"\s+(?:{p.clause_words})\b", rest)
                and nxt.group(1) not in self.words.weekdays  # "a déclaré X lundi"
            ):
                return self.described(after)  # "said the Sale player": a description
            if set(m.group("pre").split()) & self.words.genitives and not _apposed(
                m.group("pre"), self.words
            ):
                return self.described(after)  # "a déclaré le président de la région X": not X
            return "name", self.clean(m.group("name"))
        if self.p.described.match(after):
            return self.described(after)
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
