"""The cues around a quotation that say who speaks, compiled from a language's record.

:func:`patterns` turns the record's reporting verbs, auxiliaries, adverbs, listeners,
"according to" phrases and inversions into the regular expressions :mod:`~briefer.facts.speakers`
matches against the narrative around a quotation; :func:`holders` finds whom a role or
description ("la ministre", "le politologue") refers back to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from briefer.facts.lang import FactWords
from briefer.facts.mentions import LOWER, UPPER
from briefer.facts.names import Entity, person_like
from briefer.facts.patterns import alternation


@dataclass(frozen=True)
class Patterns:
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
    apposed: re.Pattern[str]  # ', a dit le chef du gouvernement du Brésil, le général X'
    inverted_tail: re.Pattern[str]  # '« … », le seuil demandé, a-t-il assuré.'
    opening: re.Pattern[str]  # 'Pour Patrice Ribeiro, on « … »'
    goes_on: re.Pattern[str]  # ', précisant que « … »': the attribution before goes on
    verb_after: re.Pattern[str]  # '"…" dedi', '"…" ifade etti': the verb after the quote
    lead_subject: re.Pattern[str]  # 'Erdoğan, "…"': the subject set off before the quote
    lead_first: re.Pattern[str]  # 'Erdoğan bugün "…"': the name that opens the clause
    listened: re.Pattern[str]  # a 'pre' that ends with 'à', 'auprès de': the listener follows
    listeners: str  # an alternation: 'à', 'au', 'auprès de'
    complement: re.Pattern[str]  # "de ", "par ", "d'": the name after one is no subject


ORGANISATION = "org"
"""The "gender" of an organisation described by a noun ("a poursuivi la plate-forme"): it
refers back to the organisation that spoke last only."""
NAME_PARTICLES = frozenset(["de", "van", "von", "der", "da", "du", "la", "le", "bin"])
NAME = (
    rf"(?:[{UPPER}][\w'’.-]*|al-\w+)"
    r"(?:\s+(?:[" + UPPER + r"][\w'’.-]*|(?:de|van|von|der|da|du|la|le|bin)\b|al-\w+))*"
)
LOWER_WORD = rf"[{LOWER}][\w'’-]*"


def either(items: frozenset[str] | tuple[str, ...]) -> str:
    """An alternation of words, longest first; an apostrophe matches either ' or ’."""
    return alternation(items, apostrophes=True)


def phrases(items: tuple[str, ...]) -> str:
    """An alternation of phrases as written, longest first."""
    return alternation(items)


def after_verb_cues(words: FactWords) -> str:
    """What may stand between a reporting verb and its subject besides the words of
    ``pre``: adverbs ("a dit également X") and one listener ("a dit à l'AFP X")."""
    adverbs = rf"(?:\s+(?:{phrases(words.verb_adverbs)})){{0,2}}" if words.verb_adverbs else ""
    if not words.listeners:
        return adverbs
    articles = either(words.articles - {a for a in words.articles if a.endswith(("'", "’"))})
    listener = (
        rf"(?:\s+(?:{phrases(words.listeners)})\s+(?:[{LOWER}]{{1,2}}['’]|(?:{articles})\s+)?"
        rf"{NAME}(?!\s+[{UPPER}]))?"  # the whole run: "à l'AFP Vincent Durand" names no listener
    )
    return adverbs + listener + adverbs


def _any(*alternatives: str) -> str:
    """The alternatives that are not empty as one pattern; one that never matches if none."""
    return "|".join(x for x in alternatives if x) or "(?!)"


def _goes_on(words: FactWords) -> str:
    """', précisant que', ", avant d'ajouter": a clause that goes on with the attribution
    before it (group 1 is its first word or phrase)."""
    participle = phrases(words.participle_endings)
    found = _any(
        rf"[{LOWER}][\w'’-]*(?:{participle})\b" if participle else "",
        rf"(?:{phrases(words.goes_on)})" if words.goes_on else "",
    )
    return rf",\s+({found})" if found != "(?!)" else found


@cache
def patterns(words: FactWords) -> Patterns:
    """The record's cues compiled once per record."""
    between = rf"(?:(?:{phrases(words.verb_adverbs)})\s+){{0,2}}" if words.verb_adverbs else ""
    aux = rf"(?:(?:{either(words.auxiliaries)})\s+{between})?" if words.auxiliaries else ""
    verbs = either(words.reporting_verbs)
    verbs = f"{aux}(?:{verbs})" if aux else verbs
    inverting = either(words.reporting_verbs - words.object_verbs)
    inverting = f"{aux}(?:{inverting})" if aux else inverting
    pronouns = "|".join(sorted(words.pronouns_male | words.pronouns_female | words.pronouns_other))
    articles = either(words.articles)
    by_article = rf"|(?:{articles})\s+[\w\s'’-]{{1,40}}?" if articles else ""
    subject = (
        rf"(?P<subj>(?<![\w'’-])(?:{LOWER_WORD}\s+){{0,3}}?{NAME}|(?i:{pronouns}){by_article})"
    )
    appos = r"(?:\s*,(?P<appos>[^,\"“”]{1,90}),)?"
    adverb = r"(?:\s+\w+ly)?"
    according = "|".join(re.escape(a) for a in words.according_to)
    objects = "(?P<obj>" + "|".join(sorted(words.objects_male | words.objects_female)) + ")"
    gap = re.escape(words.verb_name_gap) + "?" if words.verb_name_gap else ""
    sexed = "|".join(sorted(words.pronouns_male | words.pronouns_female))
    inversion = words.inversion.format(
        verbs=either(words.reporting_verbs), aux=either(words.auxiliaries), pronouns=sexed
    )
    then = after_verb_cues(words)
    described = "|".join(
        re.escape(w) if w.endswith(("'", "’")) else re.escape(w) + r"\s+"
        for w in sorted(words.description_words, key=len, reverse=True)
    )
    opening, listeners = phrases(words.according_opening), phrases(words.listeners)
    marks = words.complement_words or words.genitives
    return Patterns(
        after_verb=re.compile(
            rf"^[\s,.!?:;—–-]*(?:{inverting}){then}\s+"
            rf"(?P<pre>(?:{LOWER_WORD}{gap}\s+){{0,4}}?)(?P<name>{NAME})"
        ),
        after_subject=re.compile(rf"^[\s,.!?:;—–-]*{subject}{appos}{adverb}\s+(?:{verbs})\b"),
        before=re.compile(rf"{subject}{appos}{adverb}{gap}\s+(?:{verbs})\b(?P<tail>[^.!?]*)$"),
        according=re.compile(
            rf"\b(?:{according})\s+(?P<pre>(?:{LOWER_WORD}{gap}\s+){{0,{6 if gap else 4}}}?)"
            rf"(?P<name>{NAME})"
        ),
        verb=re.compile(rf"\b(?:{verbs})\b"),
        pronoun=re.compile(rf"^(?:{pronouns})$", re.IGNORECASE),
        quoted_as=re.compile(words.quoted_as.format(obj=objects) if words.quoted_as else "(?!)"),
        tail=re.compile(
            rf",\s+(?P<subj>(?:{LOWER_WORD}\s+){{0,3}}?{NAME})(?:\s+of\s+(?:the\s+)?{NAME})?"
            rf"{appos}{adverb}\s+(?:{verbs})\b[^,;:]*$"
        ),
        described=re.compile(
            rf"^[\s,.!?:;—–-]*(?:{inverting}){then}\s+(?:{described})(?P<role>{LOWER_WORD})"
            if words.description_words
            else "(?!)"
        ),
        prepositions=either(words.prepositions),
        clause_words=either(words.clause_words),
        inverted=re.compile(rf"^[\s,.!?:;—–-]*{inversion}\b" if inversion else "(?!)"),
        apposed=re.compile(
            rf"^[\s,.!?:;—–-]*(?:{inverting}){then}\s+"
            rf"(?P<pre>[^,.;:!?]{{1,80}}{re.escape(words.verb_name_gap)}\s+"
            rf"(?:{LOWER_WORD}\s+){{0,3}}?)(?P<name>{NAME})"
            if gap
            else "(?!)"
        ),
        inverted_tail=re.compile(rf",\s*{inversion}\b[^,;:]*$" if inversion else "(?!)"),
        opening=re.compile(
            rf"^\s*(?:{opening})\s+(?P<pre>(?:{LOWER_WORD}{gap}\s+){{0,6}}?)(?P<name>{NAME})"
            r"(?:\s[^,;:.!?]{0,60})?,"
            if opening
            else "(?!)"
        ),
        goes_on=re.compile(_goes_on(words)),
        listeners=listeners or "(?!)",
        complement=re.compile(
            _any(
                rf"(?<![\w'’])(?:{either(marks)})\s+(?:(?:{articles})\s+)?$" if marks else "",
                rf"(?<![\w'’])(?:{either(words.elisions)})$" if words.elisions else "",
            )
        ),
        verb_after=re.compile(
            rf"^[\s,]*(?:[{LOWER}][\w'’-]*\s+){{0,2}}?(?:{verbs})\b" if words.verb_final else "(?!)"
        ),
        lead_subject=re.compile(rf"(?P<subj>(?<![\w'’.-]){NAME}),\s*$"),
        lead_first=re.compile(rf"^[\s\"“”«»—–-]*(?P<subj>{NAME})(?=[,\s])"),
        listened=re.compile(rf"(?:^|\s)(?:{listeners})\s*$" if listeners else "(?!)"),
    )


def apposed(pre: str, words: FactWords) -> bool:
    """Whether the words before a name describe it, set off by the record's mark ("selon le
    président de la région, Hervé Morin", "le chef du gouvernement du Brésil, le général
    Walter Braga Netto"): the name is then who the words are about."""
    gap = words.verb_name_gap
    if not gap:
        return False
    _, mark, tail = pre.rpartition(gap)
    titles = words.description_words | words.roles | words.honorifics | words.articles
    return bool(mark) and all(x.lower() in titles for x in tail.split())


def _add(holders: dict[str, list[Entity]], role: str, e: Entity, words: FactWords) -> None:
    person = e.person or person_like(e.text, words)
    if person == (role in words.org_words):
        return  # "le ministre de l'Intérieur": no person; "la plate-forme X": no organisation
    known = holders.setdefault(role, [])
    if not any(x is e for x in known):
        known.append(e)


_CLAUSE = re.compile(r"[.!?;:«»\"“”()]")
_ELIDED = re.compile(r"^\w{1,2}'")


@lru_cache(maxsize=65536)
def _bare(word: str) -> str:
    """A word lower-cased, without an elided article: "L’expert" → "expert"."""
    return _ELIDED.sub("", word.lower().replace("’", "'"))


@cache
def _apposed(words: FactWords) -> re.Pattern[str]:
    """A description apposed after a name: ", politologue", ", l'expert"."""
    return re.compile(rf",\s+(?:(?:{either(words.articles)})\s+|\w{{1,2}}['’])?([{LOWER}][\w'’-]*)")


def holders(text: str, found: list[Entity], words: FactWords) -> dict[str, list[Entity]]:
    """Each role or description word ("ministre", "politologue") -> the entities the article
    introduces with it: written before a mention in the same clause ("la ministre des
    Outre-mer Annick Girardin") or apposed after it ("Pascal Perrineau, politologue")."""
    nouns = (words.roles | words.descriptions) - words.honorifics
    out: dict[str, list[Entity]] = {}
    if not nouns:
        return out
    small = words.function_words | words.genitives | words.articles
    apposed = _apposed(words)
    for e in found:
        for m in e.mentions:
            window = _CLAUSE.split(text[max(0, m.start - 80) : m.start])[-1]
            ws = window.split()[-8:]
            for k in range(len(ws) - 1, -1, -1):
                low = _bare(ws[k])  # l'expert
                if low in nouns:
                    if k > 0 and ws[k - 1].lower() in nouns:
                        break  # "le Premier ministre X": a title of its own, not "le ministre"
                    between = ws[k + 1 :]
                    loose = [x for x in between if x.islower() and x.lower() not in small]
                    if not loose or loose == between[:1]:  # "le président américain X"
                        _add(out, low, e, words)
                    break
            after = apposed.match(text, m.end, m.end + 60)
            if after and after.group(1).lower() in nouns:
                _add(out, after.group(1).lower(), e, words)
    return out
