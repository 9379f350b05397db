"""Names where every noun has a capital (German): a capitalised word is a name only on evidence.

A record with ``nouns_capitalised = true`` keeps a mention only when the article says it is a
name. A run of two or more capitalised words, none a common noun of the record, is one when
an honorific or a role precedes it, it holds a given name of the record, the article repeats
it, or it opens with an adjective of names after an article ("die Deutsche Bank"); the nouns
an article puts before it are cut off ("der Medienkonzern Time Warner" is Time Warner). One
word is a name when it is an acronym, follows an honorific or a role ("Herr Müller",
"Kanzlerin Merkel"), is one of the record's outlets, or is a word of a name the article
writes in full ("Parsons" after "Richard Parsons"). Everything else (a noun, "Prozent",
"Millionen Euro") is left out.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from briefer.facts.lang import FactWords
from briefer.facts.mentions import Mention, plain
from briefer.models import Sentence

_PARTICLES = frozenset(["von", "van", "de", "zu", "der", "den"])
"""Small words inside a person's name ("Ursula von der Leyen"), never alone."""
_OPENING = ' "„»“(«-—'
"""What may stand before a sentence's first word."""
_BREAKS = ("-", "–", "—", ":", ";")
"""Marks after which a new clause starts with a capital."""
_PREV = re.compile(r"(\S+)\s+$")
_ADJECTIVES = ("ische", "ischen", "tsche", "tschen")
"""Endings of adjectives that start names ("Deutsche Bank", "Europäische Union")."""
_ENDINGS = ("", "e", "en", "er", "es", "em")
"""Endings of a German adjective: "Neue" opening a sentence is "neue", "neuen" elsewhere."""


def _common(token: str, words: FactWords, stop_words: frozenset[str]) -> bool:
    low = plain(token)
    return (
        low in words.not_names
        or low in stop_words
        or low in words.function_words
        or low in words.scale_words
        or low in words.currency_words
        or low in words.months
        or low in words.weekdays
        or low in words.percent_words
        or low in words.number_words  # "Nummer EINS"
        or (len(low) > 5 and low.endswith(words.noun_endings))  # "Leistung", "Gesundheit"
    )


def _after_article(start: int, s: Sentence, words: FactWords) -> bool:
    """Whether the word before offset ``start`` of the text is an article or determiner
    ("der Vorsitzende der Zentralstelle": the role is of an organisation, not a person's)."""
    prev = _PREV.search(s.text, 0, start - s.start)
    return bool(prev and plain(prev.group(1)) in words.determiners | words.genitives)


def _shouted(m: Mention, s: Sentence) -> bool:
    """Whether the word before a capitals-only word is written in capitals too ("SEHR GUT")."""
    prev = _PREV.search(s.text, 0, m.start - s.start)
    word = prev.group(1).strip(".,;:!?") if prev else ""
    return len(word) > 1 and word.isupper() and word.isalpha()


def _trimmed(m: Mention, s: Sentence, words: FactWords, stop: frozenset[str]) -> Mention | None:
    """The mention without the nouns before the name ("Medienkonzern Time Warner" after an
    article is "Time Warner"), or None when a word inside it is no part of a name."""
    tokens = m.text.split()
    if any(t[:1].islower() and t not in _PARTICLES for t in tokens):
        return None  # "Zahl der Kunden"
    if tokens[0] in _PARTICLES or tokens[-1] in _PARTICLES:
        return None
    start = m.start
    while len(tokens) > 1:
        noun_after_article = _after_article(start, s, words) and not tokens[0].endswith(
            _ADJECTIVES
        )  # "die Deutsche Bank" keeps its adjective
        if not (noun_after_article or _common(tokens[0], words, stop)):
            break
        start = m.start + m.text.index(tokens[1], start - m.start + len(tokens[0]))
        tokens = tokens[1:]
    if any(_common(t, words, stop) for t in tokens):
        return None
    return dataclasses.replace(m, text=m.text[start - m.start :], start=start)


def _adjective_start(m: Mention, s: Sentence, inside: set[str]) -> bool:
    """Whether a run opening a sentence may start with an adjective ("Neue Regeln gelten"):
    its first word ends as one, no honorific or role precedes, and the article does not
    write the run elsewhere inside a sentence."""
    first = m.text.split()[0].lower()
    before = s.text[: m.start - s.start].rstrip()
    return (
        (not before.strip(_OPENING) or before.endswith(_BREAKS))  # "Super Beratung -- Schöne …"
        and not (m.honorific or m.role)
        and first.endswith(_ENDINGS[1:])
        and m.text not in inside
    )


def _given(token: str, words: FactWords) -> bool:
    """Whether a word is a given name of the record ("Frank-Walter" by its first part)."""
    return plain(token) in words.first_names or plain(token.split("-")[0]) in words.first_names


def _from_given_name(m: Mention, words: FactWords) -> Mention:
    """The mention from its first given name on ("Kundenberaters Horst Rosenberger" is
    Horst Rosenberger), or the mention itself."""
    tokens = m.text.split()
    for k, token in enumerate(tokens[:-1]):
        if _given(token, words):
            if k == 0:
                return m
            at = m.text.index(token, len(" ".join(tokens[:k])))
            return dataclasses.replace(m, text=m.text[at:], start=m.start + at)
    return m


def evidenced(
    found: list[Mention],
    sentences: Sequence[Sentence],
    words: FactWords,
    stop_words: frozenset[str],
) -> list[Mention]:
    """The mentions that are names by the evidence above, trimmed of the nouns before them."""
    by_index = {s.index: s for s in sentences}
    trimmed = [(m, _trimmed(m, by_index[m.sentence], words, stop_words)) for m in found]
    inside = {
        t.text
        for m, t in trimmed
        if t is not None and not by_index[m.sentence].text.lstrip(_OPENING).startswith(t.text)
    }
    runs = Counter(t.text for _, t in trimmed if t is not None)
    kept: list[Mention] = []
    singles: list[Mention] = []
    for m, t in trimmed:
        if t is None:
            continue
        t = _from_given_name(t, words)
        if " " not in t.text:
            singles.append(t)
        elif not _adjective_start(t, by_index[m.sentence], inside) and (
            t.honorific
            or t.role
            or _given(t.text.split()[0], words)
            or runs[t.text] > 1  # repeated in the same form
            or (  # "die Deutsche Bank", not "echte Tropische Pflanzen"
                t.text.split()[0].endswith(_ADJECTIVES)
                and _after_article(t.start, by_index[m.sentence], words)
            )
        ):
            kept.append(t)
    full = {w for m in kept for w in m.text.split()}
    for m in singles:
        word = m.text
        if _common(word, words, stop_words):
            continue
        if (
            (  # an acronym, not a shouted word ("MONACO", "SEHR GUT")
                word.isupper()
                and 1 < len(word) <= 5
                and word.isalpha()
                and not _shouted(m, by_index[m.sentence])
            )
            or m.honorific
            or (m.role and not _after_article(m.start, by_index[m.sentence], words))
            or plain(word) in words.outlets
            or word in full
        ):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
