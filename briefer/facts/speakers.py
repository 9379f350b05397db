"""Who says a quotation: the sentence's own attribution, the sentence before, a pronoun.

:class:`Speakers` resolves the speaker of one quotation from the narrative around it (the text
outside the marks); when unsure it says so, and the caller leaves the speaker null.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Container, Sequence
from functools import cached_property

from briefer.facts.cues import (
    LOWER_WORD,
    NAME,
    NAME_PARTICLES,
    ORGANISATION,
    apposed,
    either,
    holders,
    patterns,
)
from briefer.facts.lang import FactWords
from briefer.facts.mentions import LOWER, UPPER, plain
from briefer.facts.names import Entity, person_like
from briefer.models import Sentence


class Speakers:
    """Resolves speakers against the article's entities (their forms and person mentions)."""

    def __init__(
        self, text: str, sentences: Sequence[Sentence], found: list[Entity], words: FactWords
    ):
        self.text = text
        self.words = words
        self.p = patterns(words)
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
        self.in_sentence: dict[int, list[tuple[int, int, Entity]]] = {}  # persons by sentence
        for person in self.persons:
            self.in_sentence.setdefault(person[1], []).append(person)
        self._found = found

    @cached_property
    def holders(self) -> dict[str, list[Entity]]:
        """Each role word -> the entities introduced with it (:func:`~briefer.facts.cues.holders`):
        read only when a quotation's speaker is a role ("a déclaré le ministre"), which most
        articles never need."""
        return holders(self.text, self._found, self.words)

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
        honoured = False
        while parts and (
            parts[0].lower().rstrip(".") in w.roles
            or parts[0].lower().rstrip(".") in w.honorifics
            or (parts[0].lower() in w.function_words and not (honoured and parts[0][0].isupper()))
            or parts[0].islower()
        ):
            honoured = parts[0].lower().rstrip(".") in w.honorifics  # "M. Le Maire": a name
            parts = parts[1:]
        for k in range(len(parts) - 2, 0, -1):
            if parts[k].lower().rstrip(".") in w.roles and person_like(" ".join(parts[k + 1 :]), w):
                parts = parts[k + 1 :]  # "Dışişleri Bakanı Mevlüt Çavuşoğlu": after the title
                break
        while parts and (
            parts[-1].lower() in w.weekdays
            or parts[-1].lower() in w.months
            or parts[-1] in NAME_PARTICLES  # "Patrice Ribeiro du syndicat"
        ):
            parts = parts[:-1]
        if not parts or any(p.islower() and p not in NAME_PARTICLES for p in parts):
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
        """The fullest form of the speaker ``name``, without a case ending's word where the
        record's names take them ("Naci Ağbal Ankara'da" -> "Naci Ağbal")."""
        e = self.entity(name)
        text = e.text if e is not None else name
        if not self.words.case_endings:
            return text
        parts = text.split()
        for k, part in enumerate(parts):
            if re.search(rf"['’][{LOWER}]+$", part):
                return " ".join(parts[:k]) or re.sub(r"['’]\w+$", "", part)
        return text

    def subject(self, m: re.Match[str]) -> tuple[str, str | None]:
        """("name", speaker) / ("pronoun", gender) / ("none", None) for a matched subject."""
        subj = m.group("subj").strip()
        appos = (m.groupdict().get("appos") or "").strip()
        if self.words.verb_name_gap and re.fullmatch(NAME, appos) and " " in appos:
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
        """Whom "a déclaré le président" means: ("name", X) when the article introduces one
        entity only with that role or description ("le président de la région Hervé
        Morin"); ("pronoun", None) for another role, which refers back to someone named before;
        ("none", None) when the subject is no role."""
        m = self.p.described.match(after)
        if not m:
            return "none", None
        role = m.group("role").lower()
        end = m.end()
        title = re.match(rf"\s+({LOWER_WORD})", after[end:])
        nouns = self.words.roles | self.words.descriptions
        if role in nouns and title and title.group(1).lower() in nouns:
            role, end = title.group(1).lower(), end + title.end()  # "l'ancien chef": a chef
        holders = self.holders.get(role, [])
        fresh = re.match(rf"\s+(?:{either(self.words.genitives)})(?!\w)|\s+\w+['’]", after[end:])
        if len(holders) == 1 and not fresh:  # "le chef du gouvernement du Brésil" is new
            return "name", holders[0].text
        if role in self.words.roles:
            return "pronoun", None
        if role in self.words.org_words:
            return "pronoun", ORGANISATION
        return "none", None

    def _genitive_name(self, pre: str, name: str) -> str | None:
        """The person named after a role's complement ("la procureure de la République Audrey
        Quey", "le ministre de l'Économie Bruno Le Maire"), or None ("le président de la
        région Normandie": the name is the complement's)."""
        last = pre.split()[-1] if pre.split() else ""
        if re.search(rf"[{UPPER}]", last) and person_like(name, self.words):
            return name  # the complement has its name already ("de l'Économie")
        parts = name.split()
        for k in range(1, len(parts) - 1):
            rest = " ".join(parts[k:])
            e = self.by_form.get(rest)
            if (e is not None and (e.person or person_like(e.text, self.words))) or (
                person_like(rest, self.words)
                and all(plain(x) in self.words.org_words for x in parts[:k])
            ):
                return rest  # "la procureure de la République Audrey Quey"
        return None

    def _incise(self, after: str) -> tuple[str, str | None] | None:
        """The attribution that follows a quotation ("», a déclaré X", "», dit-elle"), or
        None when ``after`` opens with none."""
        p = self.p
        m = p.after_subject.match(after)
        if m:
            found = self.subject(m)
            tail = p.inverted_tail.search(after) if found[0] == "none" else None
            if tail:  # "« … », le seuil demandé, a-t-il assuré": the participle was no verb
                return self._sexed(tail)
            return found
        m = p.quoted_as.search(after)
        if m:
            low = m.group("obj").lower()
            return "pronoun", "m" if low in self.words.objects_male else "f"
        m = p.inverted.match(after)
        if m:
            return self._sexed(m)
        m = p.after_verb.match(after)
        if m:
            return self._after_verb(m, after)
        m = p.apposed.match(after)
        if m and apposed(m.group("pre"), self.words):
            return self._after_verb(m, after)
        if self.p.described.match(after):
            return self.described(after)
        return None

    def _after_verb(self, m: re.Match[str], after: str) -> tuple[str, str | None]:
        """The subject after the verb of an incise: the name, unless it is the listener, a
        complement's or followed by a description."""
        p, w = self.p, self.words
        pre = m.group("pre")
        if self._listener(pre):
            return "unsure", None  # "a confié au magazine Vogue": the listener, not the speaker
        rest = after[m.end("name") :]
        after_name = re.match(rf",\s+({NAME})", rest) if w.verb_name_gap else None
        if after_name and person_like(after_name.group(1), w):
            return "name", self.clean(after_name.group(1))  # "dijo el ministro de X, Luis Y"
        nxt = re.match(rf"\s+([{LOWER}][\w'’-]*)", rest)
        if (
            nxt
            and not re.match(rf"\s+(?:{p.clause_words})\b", rest)
            and nxt.group(1) not in w.weekdays  # "a déclaré X lundi"
        ):
            return self.described(after)  # "said the Sale player": a description
        if set(pre.split()) & w.genitives and not apposed(pre, w):
            person = self._genitive_name(pre, m.group("name"))
            if person is None:  # "a déclaré le président de la région X": not X
                found = self.described(after)
                return found if found[0] == "name" else ("unsure", None)
            return "name", self.clean(person)
        return "name", self.clean(m.group("name"))

    def _verb_final(self, before: str) -> tuple[str, str | None]:
        """Who says a quotation whose verb follows it ('Erdoğan, "…" dedi'): the name set off
        by a comma before the quotation, else the name that opens the clause; with none, the
        subject left unsaid refers back ("pronoun")."""
        m = self.p.lead_subject.search(before) or self.p.lead_first.match(before)
        if m is None:
            return ("pronoun", None) if not before.strip(" ,") else ("unsure", None)
        subj = m.group("subj")
        if re.search(rf"['’][{LOWER}]", subj):
            return "unsure", None  # "Erdoğan'a": a case ending, not the subject
        who = self.clean(subj)
        if who is None and all(x.lower() in self.words.roles for x in subj.split()):
            return "pronoun", None  # "Bakan, "…" dedi": the minister named before
        e = self.entity(who) if who is not None else None
        if who is not None and " " not in who and not (e and (e.person or " " in e.text)):
            return "unsure", None  # "Ekonomistler, "…" dedi": a capitalised opening word
        return "name", who

    def _sexed(self, m: re.Match[str]) -> tuple[str, str | None]:
        """("pronoun", "m" / "f") for an inverted pronoun ("a-t-il dit", "dit-elle")."""
        return "pronoun", "m" if m.group("subj").lower() in self.words.pronouns_male else "f"

    def _listener(self, pre: str) -> bool:
        """Whether the name after the words ``pre`` (between a verb and a name) is who listens:
        "a confié à Paris Match", "à la chaîne BFMTV", "la chanteuse au magazine Vogue"."""
        p, ws = self.p, pre.split()
        if not ws:
            return False
        if p.listened.search(pre) or ws[-1].lower() in self.words.outlets:
            return True
        inner = re.search(rf"\s(?:{p.listeners})\s+[^{UPPER}]*$", " " + pre.strip())
        return inner is not None and inner.start() > 0

    def _source(self, m: re.Match[str] | None) -> tuple[str, str | None] | None:
        """The source named after "selon", "according to", "Pour" (``m``), if it is a name."""
        if m is None:
            return None
        pre, name = m.group("pre"), m.group("name")
        if re.search(rf"\b(?:{self.p.prepositions})\s", pre) and not apposed(pre, self.words):
            if not (set(pre.split()) & self.words.genitives):
                return None  # "citing the progress in Liberia": the name is not the source
            person = self._genitive_name(pre, name)  # "selon le ministre de l'Économie X"
            if person is None:
                return None
            name = person
        who = self.clean(name)
        return None if who is None else ("name", who)

    def same_sentence(self, before: str, after: str) -> tuple[str, str | None]:
        """How the sentence says who speaks the quotation between ``before`` and ``after``
        (the sentence's narrative on either side): ("name", X), ("pronoun", gender),
        ("none", None) for someone unnamed, "unsure" when a reporting verb has no subject
        found, "nothing" when the sentence has no attribution."""
        p = self.p
        found = self._source(p.according.search(after) or p.according.search(before))
        found = found or self._incise(after)
        m = None if found else p.quoted_as.search(before)
        if m:
            low = m.group("obj").lower()
            return "pronoun", "m" if low in self.words.objects_male else "f"
        found = found or self._source(p.opening.match(before))
        if found is None:
            # "« … », a expliqué X, parlant d'une « … »": the attribution goes on
            w = self.words
            small = w.function_words | w.prepositions | set(w.verb_adverbs) | set(w.listeners)
            clause = [c for c in p.goes_on.finditer(before) if c.group(1).lower() not in small]
            if clause:
                found = self._incise(before[: clause[-1].start()])
                if found is not None and found[0] not in ("name", "pronoun"):
                    found = None
        if found is not None:
            return found
        if p.verb_after.match(after):
            return self._verb_final(before)
        m = p.before.search(before)
        if m:
            return self.subject(m)
        m = p.inverted_tail.search(after)
        if m:
            return self._sexed(m)
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
        chained: Container[int],
    ) -> Entity | None:
        """Whom "he said" means: the previous speaker when nobody is named since their quote
        ended (``since``); else the subject of the nearest sentence before ``at`` (not before
        ``floor``) that names a person, if the pronoun fits it and every sentence between
        refers back with a pronoun too (``chained``)."""
        k = bisect.bisect_left(self.person_starts, at)
        if gender == ORGANISATION and (previous is None or previous.person):
            return None  # "a poursuivi la plate-forme": only an organisation that spoke last
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
        if gender == ORGANISATION:
            return None
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
        subjects = [
            e
            for start, _, e in self.in_sentence.get(sentence, ())
            if any(e is x for x in seen)
            and not self.p.complement.search(self.text, max(0, start - 20), start)
        ]  # "Invité par Emmanuel Macron, Donald Trump …": a complement is not the subject
        if not subjects:
            return None  # "la capsule d'Elon Musk": no subject named
        subject = subjects[0]
        if subject.gender and gender and subject.gender != gender:
            return None
        return subject
