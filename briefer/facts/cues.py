"""The cues around a quotation that say who speaks, compiled from a language's record.

:func:`patterns` turns the record's reporting verbs, auxiliaries, adverbs, listeners,
"according to" phrases and inversions into the regular expressions :mod:`~briefer.facts.speakers`
matches against the narrative around a quotation; :func:`holders` finds whom a role or
description ("la ministre", "le politologue") refers back to.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from briefer.facts.lang import FactWords
from briefer.facts.mentions import LOWER, UPPER
from briefer.facts.names import Entity, person_like
from briefer.facts.patterns import alternation


class _Compiled:
    """A field of :class:`Patterns`: its pattern, compiled the first time it is read.

    Most patterns are tried only when the earlier ones found no speaker; their sources are
    large alternations over every capital and small letter, whose compilation costs a brief
    more than all of its matching, so each is compiled once it is needed (and kept).
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, patterns: Patterns, owner: type | None = None) -> re.Pattern[str]:
        compiled = re.compile(patterns.sources[self.name])
        vars(patterns)[self.name] = compiled  # read from the instance from now on
        return compiled


class Patterns:
    """A record's cues: the patterns and alternations :mod:`~briefer.facts.speakers` uses."""

    after_verb = _Compiled()  # ', said Mr Smith' / ', agreed economy minister Heizo Takenaka'
    after_subject = _Compiled()  # ', Smith said' / ', he said' / ', Smith, an analyst, said'
    before = _Compiled()  # 'Smith told ABC: ' / 'Smith said the plan was '
    according = _Compiled()
    verb = _Compiled()
    pronoun = _Compiled()
    quoted_as = _Compiled()  # 'PA Sport quoted him as saying'
    tail = _Compiled()  # '…, Prime Minister Gordon Brown of the United Kingdom said Sunday.'
    inverted = _Compiled()  # ', a-t-il dit' / ', dit-elle': the pronoun after the verb
    described = _Compiled()  # ', a déclaré le président': a role that refers back
    apposed = _Compiled()  # ', a dit le chef du gouvernement du Brésil, le général X'
    inverted_tail = _Compiled()  # '« … », le seuil demandé, a-t-il assuré.'
    opening = _Compiled()  # 'Pour Patrice Ribeiro, on « … »'
    goes_on = _Compiled()  # ', précisant que « … »': the attribution before goes on
    verb_after = _Compiled()  # '"…" dedi', '"…" ifade etti': the verb after the quote
    lead_subject = _Compiled()  # 'Erdoğan, "…"': the subject set off before the quote
    lead_first = _Compiled()  # 'Erdoğan bugün "…"': the name that opens the clause
    listened = _Compiled()  # a 'pre' that ends with 'à', 'auprès de': the listener follows
    complement = _Compiled()  # "de ", "par ", "d'": the name after one is no subject

    def __init__(
        self, sources: dict[str, str], prepositions: str, clause_words: str, listeners: str
    ) -> None:
        unknown = set(sources) ^ {k for k, v in vars(Patterns).items() if isinstance(v, _Compiled)}
        if unknown:
            raise ValueError(f"patterns without a source or field: {sorted(unknown)}")
        self.sources = sources
        """Each pattern's source, by field name (compiled on first use)."""
        self.prepositions = prepositions  # an alternation: "an analyst at Nomura" is no name
        self.clause_words = clause_words  # an alternation: words that may follow a name
        self.listeners = listeners  # an alternation: 'à', 'au', 'auprès de'


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
    sources = {
        "after_verb": (
            rf"^[\s,.!?:;—–-]*(?:{inverting}){then}\s+"
            rf"(?P<pre>(?:{LOWER_WORD}{gap}\s+){{0,4}}?)(?P<name>{NAME})"
        ),
        "after_subject": rf"^[\s,.!?:;—–-]*{subject}{appos}{adverb}\s+(?:{verbs})\b",
        "before": rf"{subject}{appos}{adverb}{gap}\s+(?:{verbs})\b(?P<tail>[^.!?]*)$",
        "according": (
            rf"\b(?:{according})\s+(?P<pre>(?:{LOWER_WORD}{gap}\s+){{0,{6 if gap else 4}}}?)"
            rf"(?P<name>{NAME})"
        ),
        "verb": rf"\b(?:{verbs})\b",
        "pronoun": rf"(?i)^(?:{pronouns})$",  # re.IGNORECASE
        "quoted_as": words.quoted_as.format(obj=objects) if words.quoted_as else "(?!)",
        "tail": (
            rf",\s+(?P<subj>(?:{LOWER_WORD}\s+){{0,3}}?{NAME})(?:\s+of\s+(?:the\s+)?{NAME})?"
            rf"{appos}{adverb}\s+(?:{verbs})\b[^,;:]*$"
        ),
        "described": (
            rf"^[\s,.!?:;—–-]*(?:{inverting}){then}\s+(?:{described})(?P<role>{LOWER_WORD})"
            if words.description_words
            else "(?!)"
        ),
        "inverted": rf"^[\s,.!?:;—–-]*{inversion}\b" if inversion else "(?!)",
        "apposed": (
            rf"^[\s,.!?:;—–-]*(?:{inverting}){then}\s+"
            rf"(?P<pre>[^,.;:!?]{{1,80}}{re.escape(words.verb_name_gap)}\s+"
            rf"(?:{LOWER_WORD}\s+){{0,3}}?)(?P<name>{NAME})"
            if gap
            else "(?!)"
        ),
        "inverted_tail": rf",\s*{inversion}\b[^,;:]*$" if inversion else "(?!)",
        "opening": (
            rf"^\s*(?:{opening})\s+(?P<pre>(?:{LOWER_WORD}{gap}\s+){{0,6}}?)(?P<name>{NAME})"
            r"(?:\s[^,;:.!?]{0,60})?,"
            if opening
            else "(?!)"
        ),
        "goes_on": _goes_on(words),
        "complement": (
            _any(
                rf"(?<![\w'’])(?:{either(marks)})\s+(?:(?:{articles})\s+)?$" if marks else "",
                rf"(?<![\w'’])(?:{either(words.elisions)})$" if words.elisions else "",
            )
        ),
        "verb_after": (
            rf"^[\s,]*(?:[{LOWER}][\w'’-]*\s+){{0,2}}?(?:{verbs})\b" if words.verb_final else "(?!)"
        ),
        "lead_subject": rf"(?P<subj>(?<![\w'’.-]){NAME}),\s*$",
        "lead_first": rf"^[\s\"“”«»—–-]*(?P<subj>{NAME})(?=[,\s])",
        "listened": rf"(?:^|\s)(?:{listeners})\s*$" if listeners else "(?!)",
    }
    return Patterns(
        sources,
        prepositions=either(words.prepositions),
        clause_words=either(words.clause_words),
        listeners=listeners or "(?!)",
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
