"""Names as entities: mentions grouped by alias (surname, "Mr X", acronym), then ranked."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from briefer.facts.lang import FactWords
from briefer.facts.mentions import (
    ADJECTIVE_ENDINGS,
    CONNECTORS,
    Mention,
    mentions,
    person_like,
    plain,
)
from briefer.facts.nouns import evidenced
from briefer.models import Sentence, Term

_DOTTED = re.compile(r"(?:[A-Z]\.)+")
_THE = re.compile(r"\b[Tt]he\s+$")

__all__ = ["Entity", "Mention", "entities", "person_like", "rank"]

_BUCKET = 12
"""Forms sharing a last word compared pairwise: at most this many."""
LEAD_SENTENCES = 0
"""A name met once is shown only from the opening sentences (the story's actors and places)."""


@dataclass(slots=True)
class Entity:
    """One named thing and every form the article uses for it."""

    text: str  # the fullest form
    mentions: list[Mention] = field(default_factory=list)
    person: bool = False  # a role, an honorific or an age says so
    gender: str = ""  # "m" / "f" when an honorific says so

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def first_sentence(self) -> int:
        return min(m.sentence for m in self.mentions)

    @property
    def forms(self) -> set[str]:
        return {m.text for m in self.mentions}


def _initials(name: str) -> str:
    parts = name.replace("-", " ").split()
    return "".join(w[0] for w in parts if w.lower() not in CONNECTORS)


def _key(form: str) -> str:
    """Forms that differ only in case or hyphens are one name ("WikiLeaks", "G-20")."""
    return form.lower().replace("-", "")


def _modifier(word: str, words: FactWords) -> bool:
    """A word that can stand before a name without changing whom it names ("Victorian")."""
    low = plain(word)
    return low in words.org_words or (word[:1].isupper() and low.endswith(ADJECTIVE_ENDINGS))


def _single(candidates: list[str], counts: Counter[str]) -> str | None:
    """The one longer form a shorter one belongs to: the only one, or far the most used."""
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        ranked = sorted(candidates, key=lambda x: (counts[x], len(x)), reverse=True)
        if counts[ranked[0]] > 1 and counts[ranked[1]] * 2 < counts[ranked[0]]:
            return ranked[0]
    return None


class _Index(NamedTuple):
    """The multiword forms of an article by the shorter forms that can stand for them."""

    by_last: dict[str, list[str]]  # a surname: "Smith" -> "John Smith"
    by_first: dict[str, list[str]]  # a first word: "Doug", "Mitsubishi", "UBS"
    by_suffix: dict[str, list[str]]  # an ending after modifiers: "Senate" -> "Italian Senate"
    by_initials: dict[str, list[str]]  # an acronym: "NPC" -> "National People's Congress"
    by_end: dict[str, list[str]]  # a last word: "United" -> "Manchester United"


def _index(display: dict[str, str], words: FactWords) -> _Index:
    """Index multiword forms by last word, first word, modified endings and initials: linear."""
    index = _Index({}, {}, {}, {}, {})
    tables = index._asdict()  # the same dicts, by name
    for key, form in display.items():
        for table, entry in _entries(form, words):
            tables[table].setdefault(entry, []).append(key)
    return index


@lru_cache(maxsize=65536)
def _entries(form: str, words: FactWords) -> tuple[tuple[str, str], ...]:
    """Where :func:`_index` files one form, in order: (table, entry) pairs. They depend on the
    form alone, so a name met in many articles is read once."""
    parts = form.split()
    if len(parts) < 2:
        return ()
    out = [("by_end", _key(parts[-1]))]
    if person_like(form, words):
        out.append(("by_last", _key(parts[-1])))
    if (
        person_like(form, words)
        or (parts[0].isupper() and len(parts[0]) > 1)
        or all(plain(p) in words.company_words for p in parts[1:])  # Mitsubishi Motors
    ):
        out.append(("by_first", _key(parts[0])))
    if not any(p in CONNECTORS for p in parts):
        for k in range(1, len(parts)):
            if k == len(parts) - 1 and person_like(form, words):
                continue  # a surname is matched by its last word above
            if all(_modifier(p, words) for p in parts[:k]):
                out.append(("by_suffix", _key(" ".join(parts[k:]))))
    for k in range(len(parts) - 1):
        out.append(("by_initials", _initials(" ".join(parts[k:]))))
    head = form.split(" and ")[0]
    if head != form and " " in head:  # "CDC": Centers for Disease Control and Prevention
        out.append(("by_initials", _initials(head)))
    return tuple(out)


def _bucket(forms: list[str]) -> list[str]:
    """A bucket of forms to compare with each other, or none when it is too big to compare
    (which keeps the pass linear on a long document full of one surname)."""
    return forms if len(forms) <= _BUCKET else []


def _variants(
    display: dict[str, str], counts: Counter[str], index: _Index, words: FactWords
) -> dict[str, str]:
    """Multiword forms that name what another multiword form names: the same person without
    a generation ("Christian Martin" for Christian Martin IV) or with a short first name
    ("Chris Martin"), a plural ("Wayne Rooneys"), or a name with words left out ("Winship
    Institute" for Emory Winship Cancer Institute, "Martin Guitars" for C.F. Martin Guitars)."""
    owner: dict[str, str] = {}
    for key, form in display.items():
        parts = form.split()
        if len(parts) < 2:
            continue
        base = _key(" ".join(parts[:-1]))
        if len(parts) > 2 and plain(parts[-1]) in words.name_suffixes and base in display:
            owner.setdefault(base, key)
        if form.endswith("s") and len(parts[-1]) > 3 and _key(form[:-1]) in display:
            owner.setdefault(key, _key(form[:-1]))
            continue
        person = person_like(form, words)
        longer: list[str] = []
        for other in _bucket(index.by_end.get(_key(parts[-1]), [])):
            theirs = display[other].split()
            if other == key or len(theirs) < len(parts):
                continue
            if person and len(parts) == len(theirs) == 2:
                mine = parts[0].lower()
                if (
                    len(mine) >= 4
                    and len(theirs[0]) > len(mine)
                    and theirs[0].lower().startswith(mine)
                ):
                    longer.append(other)  # "Chris Martin": Christian Martin
            elif (
                len(theirs) > len(parts)
                and not person_like(display[other], words)
                and not {"and", "&"} & set(theirs)  # two names in one run: not one name
                and _within(parts, theirs, gaps=not person)
            ):
                longer.append(other)
        target = _single(longer, counts)
        if target is not None:
            owner.setdefault(key, target)
    return owner


def _glued(display: dict[str, str], words: FactWords) -> dict[str, str]:
    """Runs that are two names written one after the other, the second a name of the article
    ("Premier League Manchester City", "CNN Hero Taryn Davis"): each is a mention of the
    second. The first must be a name of the article too, or end in an organisation's word."""
    owner: dict[str, str] = {}
    for key, form in display.items():
        parts = form.split()
        for k in range(2, len(parts) - 1):  # each of two words or more
            head, rest = _key(" ".join(parts[:k])), _key(" ".join(parts[k:]))
            named = head in display or plain(parts[k - 1]) in words.org_words
            if named and rest in display and "of" not in parts[k - 1 : k + 1]:
                owner[key] = rest
                break
    return owner


def _within(parts: list[str], longer: list[str], gaps: bool = True) -> bool:
    """Whether a name is a longer one with words left out: its words in the same order, with
    a word left out between them ("Winship Institute": Emory Winship Cancer Institute) or only
    initials left out before them ("Martin Guitars": C.F. Martin Guitars). A name with other
    words only before it is another name ("Calling Citizens United", "Defeat of ..."); a
    person's name (``gaps`` false) may leave out only initials."""
    low = [w.lower() for w in longer]
    at: list[int] = []
    for w in parts:
        start = at[-1] + 1 if at else 0
        if w.lower() not in low[start:]:
            return False
        at.append(low.index(w.lower(), start))
    if at[-1] - at[0] + 1 > len(parts):
        return gaps
    return all(_DOTTED.fullmatch(w) for w in longer[: at[0]])


def _by_first_mention(
    key: str, candidates: list[str], first_at: dict[str, int], common: set[str]
) -> str | None:
    """The person a surname alone means when the article names several with it: the one
    named before the surname's first use, if every other one is named only after it."""
    if key in common:
        return None  # written after "the" somewhere ("the Bible"): no surname
    before = [c for c in candidates if first_at[c] < first_at[key]]
    return before[0] if len(before) == 1 else None


def _owners(
    display: dict[str, str],
    counts: Counter[str],
    first_at: dict[str, int],
    common: set[str],
    words: FactWords,
) -> dict[str, str]:
    """For each shorter form that stands for a longer one, the key of the longer one."""
    index = _index(display, words)
    owner: dict[str, str] = {**_variants(display, counts, index, words), **_glued(display, words)}
    for key, form in display.items():
        parts = form.split()
        target: str | None = None
        if len(parts) == 1:
            surnames = index.by_last.get(key, [])
            target = _single(surnames, counts) or _by_first_mention(key, surnames, first_at, common)
            bare = form.replace(".", "")
            if target is None and bare.isupper() and 2 <= len(bare) <= 6:
                target = _single(index.by_initials.get(bare, []), counts)  # "U.S.", "NPC"
            if target is None:
                first = _single(index.by_first.get(key, []), counts)
                surname = first is not None and _key(display[first].split()[-1]) in display
                if first is not None and (counts[first] >= counts[key] or surname):
                    target = first  # "Doug" for Doug Smith
                elif (
                    first is not None
                    and first not in owner
                    and _key(display[first].split()[-1]) not in display
                ):
                    owner[first] = key  # "Inter Milan" once, "Inter" often: Inter is the name
        if target is None:
            target = _single(index.by_suffix.get(key, []), counts)  # "Senate": "Italian Senate"
        if target is None and len(parts) == 1 and plain(form) in words.org_words:
            ends = [k for k in index.by_end.get(key, []) if not person_like(display[k], words)]
            target = _single(ends, counts)  # "United": Manchester United, the only one
        if target is not None and target != key:
            owner[key] = target
    for key in list(owner):
        seen = {key}
        while owner[key] in owner and owner[key] not in seen:
            seen.add(owner[key])
            owner[key] = owner[owner[key]]
    return owner


_ACRONYM_PLURAL = re.compile(r"[A-Z]{2,}s")  # "CEOs", "MPs": no names


def entities(
    sentences: Sequence[Sentence], stop_words: frozenset[str], words: FactWords
) -> list[Entity]:
    """Names grouped into entities (surname, "Mr X", acronym -> the fullest form), article order."""
    raw = mentions(sentences, stop_words, words)
    if words.nouns_capitalised:
        raw = evidenced(raw, sentences, words, stop_words)  # every noun has a capital
    found = [
        m
        for m in raw
        if plain(m.text) not in words.not_names and not _ACRONYM_PLURAL.fullmatch(m.text)
    ]
    spelled: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for m in found:
        spelled[_key(m.text)][m.text] += 1
    # each key is shown in its most used spelling
    display = {k: c.most_common(1)[0][0] for k, c in spelled.items()}
    counts = Counter({k: sum(c.values()) for k, c in spelled.items()})
    first_at: dict[str, int] = {}
    common: set[str] = set()  # forms written after "the" somewhere
    ordered = sorted(sentences, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    for m in found:
        first_at.setdefault(_key(m.text), m.start)
        s = ordered[bisect.bisect_right(starts, m.start) - 1]
        before = s.text[: m.start - s.start]
        if _THE.search(s.text, max(0, len(before.rstrip()) - 3), len(before)):  # "the X"
            common.add(_key(m.text))
    owner = _owners(display, counts, first_at, common, words)
    groups: dict[str, Entity] = {}
    order: list[str] = []
    for m in found:
        key = owner.get(_key(m.text), _key(m.text))
        if key not in groups:
            groups[key] = Entity(display[key])
            order.append(key)
        e = groups[key]
        e.mentions.append(m)
        if m.honorific or m.role:
            e.person = e.person or m.honorific not in ("", "dr", "dr.", "prof", "prof.")
            e.person = e.person or (m.role and person_like(e.text, words))
        if m.honorific in words.honorifics_male:
            e.gender = e.gender or "m"
        elif m.honorific in words.honorifics_female:
            e.gender = e.gender or "f"
    for e in groups.values():
        e.person = e.person or (person_like(e.text, words) and any(" " not in f for f in e.forms))
    return [groups[k] for k in order]


def rank(found: Sequence[Entity], words: FactWords, limit: int = 15) -> list[Term]:
    """The entities worth naming in a brief, by mentions (full names and acronyms weigh double);
    none where the record says its names are not shown (``no_names``: they still find speakers)."""
    if words.no_names:
        return []
    shown: list[Entity] = []
    for e in found:
        if (
            " " not in e.text
            and not e.text.isupper()
            and (
                (
                    all(m.adjectival for m in e.mentions)
                    and e.text.lower().endswith(ADJECTIVE_ENDINGS)
                )
                or e.text.endswith(("ans", "ians", "ites"))
            )
        ):
            continue  # "Turkish exports"
        if e.count > 1 or " " in e.text or e.text.isupper() or e.first_sentence <= LEAD_SENTENCES:
            shown.append(e)
    first = {id(e): e.first_sentence for e in shown}
    ranked = sorted(shown, key=lambda e: (-e.count * _weight(e.text), first[id(e)], e.text))
    return [Term(e.text, "name", e.count, first[id(e)]) for e in ranked[:limit]]


def _weight(name: str) -> int:
    """Full names and acronyms say more than a lone capitalised word."""
    return 2 if " " in name or (name.isupper() and len(name) > 1) else 1
