"""Names as entities: capitalised runs cut free of roles and sentence words, grouped by alias."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from briefer.facts.lang import FactWords
from briefer.models import Sentence, Term

_CAP_WORD = (
    r"(?:(?:[A-Z]\.){2,}"  # U.S., D.C.
    r"|[A-Z][a-z]{0,3}\.(?=\s[A-Z])"  # Sen. / Gov. / St. before a name
    r"|[^\W\d_a-z][\w-]*(?:['’][^\W\d_s][\w-]*)?|[A-Z]\.)"
)
_CONNECTOR = r"(?:of|for|de|du|la|van|von|al|bin|der|da|del|di|le)"
_CAP_RUN = re.compile(
    rf"(?<![\w'’-]){_CAP_WORD}(?:(?:\s+{_CONNECTOR}\s+(?:the\s+)?|\s+(?:and|&)\s+|\s+|-){_CAP_WORD})*"
    r"(?:['’]s\b)?"
)
_CONNECTORS = frozenset(
    [
        "of",
        "for",
        "de",
        "du",
        "la",
        "van",
        "von",
        "al",
        "bin",
        "der",
        "da",
        "del",
        "di",
        "le",
        "the",
    ]
)
_ADJECTIVE_ENDINGS = ("an", "ean", "ian", "ese", "ish", "ic", "i", "ch", "ss", "ite", "ist")
LEAD_SENTENCES = 0
"""A name met once is shown only from the opening sentences (the story's actors and places)."""
_LAST_WORD = re.compile(r"(\w+)\s+$")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_TOKEN = re.compile(r"\S+")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a name: ``text == source[start:end]``."""

    text: str
    start: int
    end: int
    sentence: int
    honorific: str = ""  # "Mr", "Ms", ... written just before the name
    role: bool = False  # a job title was written before it ("President", "Sen.")
    adjectival: bool = False  # one word before a lower-case word ("Turkish exports")
    possessive: bool = False  # written with 's: an owner, rarely the subject
    modifier: bool = False  # before a role ("Federal Reserve chairman"): not who acts


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


@lru_cache(maxsize=65536)
def _lower(word: str) -> str:
    return word.lower().rstrip(".")


@lru_cache(maxsize=65536)
def _is_role(word: str, words: FactWords) -> bool:
    parts = _lower(word).split("-")
    return all(p in words.roles or p in words.honorifics for p in parts if p)


def _cut(
    tokens: list[tuple[int, str]],
    at_start: bool,
    lowercase: set[str],
    words: FactWords,
    inside: frozenset[str] = frozenset(),
) -> list[tuple[list[tuple[int, str]], str, bool]]:
    """The names inside one capitalised run, with any honorific and role before each."""
    out: list[tuple[list[tuple[int, str]], str, bool]] = []
    while (
        tokens
        and (
            _lower(tokens[0][1]) in words.function_words
            or (
                at_start
                and not _is_role(tokens[0][1], words)
                and (
                    _lower(tokens[0][1]) in lowercase
                    or _lower(tokens[0][1]) + "s" in lowercase  # "Passenger Kevin Smith"
                    or _lower(tokens[0][1]).endswith("ly")  # "Historically"
                    or (  # "Entering Westminster", unless "enter" is no word of the article
                        _lower(tokens[0][1]).endswith("ing")
                        and len(tokens) > 1
                        and (
                            _lower(tokens[0][1])[:-3] in lowercase
                            or _lower(tokens[0][1])[:-3] + "e" in lowercase
                        )
                    )
                    or (len(tokens) > 2 and tokens[1][1] == "of" and tokens[0][1] not in inside)
                )
            )
            or _lower(tokens[0][1]) in _CONNECTORS
            or (
                _lower(tokens[0][1]) in words.number_words
                and len(tokens) > 1
                and (at_start or tokens[1][1] == "of")
            )
            or _lower(tokens[0][1]).endswith(words.descriptor_endings)
            or (len(tokens) > 1 and (_lower(tokens[0][1]) in words.weekdays))
            or (
                len(tokens) >= 3
                and _lower(tokens[0][1]).endswith(_ADJECTIVE_ENDINGS)
                and person_like(" ".join(t for _, t in tokens[1:]), words)
            )
        )
    ):
        tokens = tokens[1:]  # "Australian Adam Scott", "Frankfurt-based Deutsche Boerse"
        at_start = False
    honorific, role = "", False
    while tokens and _is_role(tokens[0][1], words):
        # "Foreign Minister Hakan Fidan" is Hakan Fidan; "Foreign Ministry" stays an organisation.
        rest = [t for t in tokens[1:] if not _is_role(t[1], words)]
        if len(tokens) == 1 or (not rest and len(tokens) > 1):
            break
        if _lower(tokens[0][1]) in words.honorifics:
            honorific = _lower(tokens[0][1])
        role = True
        tokens = tokens[1:]
        while tokens and _lower(tokens[0][1]) in _CONNECTORS:
            tokens = tokens[1:]
    # A role inside the run ("African Union Commission Chairman Jean Ping") starts a new name.
    for k in range(len(tokens) - 1, 0, -1):
        if _is_role(tokens[k][1], words) and len(tokens) - k - 1 >= 1 and k + 1 < len(tokens):
            after = tokens[k + 1 :]
            if all(not _is_role(t[1], words) for t in after):
                out.extend(_cut(tokens[:k], False, lowercase, words, inside))
                out.extend(_cut(tokens[k:], False, lowercase, words, inside))
                return out
    # "France and Germany" are two names; "Work and Pensions Committee" and "Centers for
    # Disease Control and Prevention" are one
    for k, (_, tok) in enumerate(tokens):
        if (
            tok in ("and", "&")
            and 0 < k < len(tokens) - 1
            and not any(t in ("of", "for") for _, t in tokens[:k])
            and _lower(tokens[-1][1]) not in words.org_words
        ):
            out.extend(_cut(tokens[:k], at_start, lowercase, words, inside))
            out.extend(_cut(tokens[k + 1 :], False, lowercase, words, inside))
            return out
    # "Gordon Brown of the United Kingdom": a person, then a place
    for k, (_, tok) in enumerate(tokens):
        if (
            tok == "of"
            and 2 <= k <= 3
            and (role or honorific)
            and person_like(" ".join(t for _, t in tokens[:k]), words)
        ):
            out.append((tokens[:k], honorific, role))
            out.extend(_cut(tokens[k + 1 :], False, lowercase, words, inside))
            return out
    while tokens and (
        _lower(tokens[-1][1]) in _CONNECTORS
        or tokens[-1][1] in ("and", "&")
        or _lower(tokens[-1][1]) in words.weekdays
        or (_is_role(tokens[-1][1], words) and len(tokens) > 1)
        or (_lower(tokens[-1][1]) in words.months and len(tokens) > 1)
    ):
        tokens = tokens[:-1]
    if tokens:
        out.append((tokens, honorific, role))
    return out


def mentions(
    sentences: Sequence[Sentence], stop_words: frozenset[str], words: FactWords
) -> list[Mention]:
    """Every name mention, in article order, each a span of the text."""
    lowercase: set[str] = set()
    for s in sentences:
        lowercase.update(w for w in _WORDS.findall(s.text) if w.islower())
    lowercase |= stop_words
    inside = frozenset(
        m.group()
        for s in sentences
        for m in _WORDS.finditer(s.text)
        if m.group()[0].isupper()
        and m.start() > 0
        and s.text[m.start() - 1] == " "
        and s.text[: m.start()].strip(" \"“‘'(«-—")
    )
    found: list[Mention] = []
    for s in sentences:
        lead = len(s.text) - len(s.text.lstrip(" \"“‘'(«-—"))
        for m in _CAP_RUN.finditer(s.text):
            run = m.group()
            owner = run.endswith(("'s", "’s"))
            if owner:
                run = run[:-2]
            # possessives inside the run ("GE's Jeff Immelt") end one name and start another
            pieces: list[list[tuple[int, str]]] = [[]]
            ends_owned: set[int] = set()
            for t in _TOKEN.finditer(run):
                tok = t.group()
                if tok.endswith(("'s", "’s")) and len(tok) > 2:
                    pieces[-1].append((m.start() + t.start(), tok[:-2]))
                    pieces.append([])
                    ends_owned.add(len(pieces) - 2)
                else:
                    pieces[-1].append((m.start() + t.start(), tok))
            for n, piece in enumerate(pieces):
                at_start = n == 0 and m.start() <= lead
                for tokens, honorific, role in _cut(piece, at_start, lowercase, words, inside):
                    first, last = tokens[0], tokens[-1]
                    a = first[0]
                    b = last[0] + len(last[1])
                    text = s.text[a:b].rstrip(".") if not last[1].isupper() else s.text[a:b]
                    if (
                        text.endswith(".")
                        and len(text.split()[-1]) > 2
                        and not _DOTTED.fullmatch(text.split()[-1])
                    ):
                        text = text[:-1]
                    b = a + len(text)
                    low = _lower(text)
                    if (
                        len(text) < 2
                        or low in words.weekdays
                        or low in words.months
                        or low in stop_words
                        or low in words.function_words
                        or low in words.currency_words
                        or text in words.currency_codes
                        or (" " not in text and _is_role(text, words))
                    ):
                        continue
                    if " " not in text and a <= lead and (low in lowercase or low.endswith("ly")):
                        continue
                    if (
                        " " not in text
                        and a <= lead
                        and text.endswith("s")
                        and low[:-1] in lowercase
                        and text not in inside
                    ):
                        continue  # "Members" opening a sentence, "member" elsewhere
                    after = re.match(r"\s*(\S+)", s.text[b : b + 30])
                    modifier = bool(
                        after and after.group(1)[:1].isalpha() and _is_role(after.group(1), words)
                    )  # "French President", "Federal Reserve chairman"
                    adjectival = modifier or bool(
                        " " not in text and after and after.group(1)[:1].islower()
                    )  # "Turkish exports"
                    possessive = s.text[b : b + 2] in ("'s", "’s")
                    before = _LAST_WORD.search(s.text, max(0, a - 30), a)
                    role = role or bool(
                        before and before.group(1).islower() and _is_role(before.group(1), words)
                    )  # "chairman Alan Greenspan", "owner Peter Poulakakos"
                    if adjectival and before and before.group(1).lower() in ("the", "a", "an"):
                        modifier = True  # "the Afghan government": a modifier, not who acts
                    found.append(
                        Mention(
                            text,
                            s.start + a,
                            s.start + b,
                            s.index,
                            honorific,
                            role,
                            adjectival,
                            possessive,
                            modifier,
                        )
                    )
    return found


def _initials(name: str) -> str:
    parts = name.replace("-", " ").split()
    return "".join(w[0] for w in parts if w.lower() not in _CONNECTORS)


@lru_cache(maxsize=65536)
def person_like(name: str, words: FactWords) -> bool:
    """Whether a name looks like a person's: two to four capitalised words (particles such as
    "de" or "bin" inside), none an organisation's or place's word, acronym or number."""
    parts = name.split()
    return (
        2 <= len(parts) <= 4
        and parts[0][:1].isupper()
        and parts[-1][:1].isupper()
        and not any(p.lower() in ("of", "for", "the") for p in parts)
        and not any(_lower(p) in words.org_words for p in parts)
        and not any(p.isupper() and len(p) > 1 for p in parts)
        and not any(p.lower() in words.number_words or p.lower() in words.ordinals for p in parts)
    )


def _key(form: str) -> str:
    """Forms that differ only in case or hyphens are one name ("WikiLeaks", "G-20")."""
    return form.lower().replace("-", "")


def _modifier(word: str, words: FactWords) -> bool:
    """A word that can stand before a name without changing whom it names ("Victorian")."""
    low = _lower(word)
    return low in words.org_words or (word[:1].isupper() and low.endswith(_ADJECTIVE_ENDINGS))


def _single(candidates: list[str], counts: Counter[str]) -> str | None:
    """The one longer form a shorter one belongs to: the only one, or far the most used."""
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        ranked = sorted(candidates, key=lambda x: (counts[x], len(x)), reverse=True)
        if counts[ranked[0]] > 1 and counts[ranked[1]] * 2 < counts[ranked[0]]:
            return ranked[0]
    return None


def entities(
    sentences: Sequence[Sentence], stop_words: frozenset[str], words: FactWords
) -> list[Entity]:
    """Names grouped into entities (surname, "Mr X", acronym -> the fullest form), article order."""
    found = [
        m
        for m in mentions(sentences, stop_words, words)
        if _lower(m.text) not in words.not_names and not re.fullmatch(r"[A-Z]{2,}s", m.text)
    ]
    spelled: dict[str, Counter[str]] = {}
    for m in found:
        spelled.setdefault(_key(m.text), Counter())[m.text] += 1
    # each key is shown in its most used spelling
    display = {k: c.most_common(1)[0][0] for k, c in spelled.items()}
    counts = Counter({k: sum(c.values()) for k, c in spelled.items()})
    # index multiword forms by last word, first word, modified endings and initials: linear
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    by_suffix: dict[str, list[str]] = {}
    by_initials: dict[str, list[str]] = {}
    for key, form in display.items():
        parts = form.split()
        if len(parts) < 2:
            continue
        if person_like(form, words):
            by_last.setdefault(_key(parts[-1]), []).append(key)
        if (
            person_like(form, words)
            or (parts[0].isupper() and len(parts[0]) > 1)
            or all(_lower(p) in words.company_words for p in parts[1:])  # Mitsubishi Motors
        ):
            by_first.setdefault(_key(parts[0]), []).append(key)
        if not any(p in _CONNECTORS for p in parts):
            for k in range(1, len(parts)):
                if k == len(parts) - 1 and person_like(form, words):
                    continue  # a surname is matched by its last word above
                if all(_modifier(p, words) for p in parts[:k]):
                    by_suffix.setdefault(_key(" ".join(parts[k:])), []).append(key)
        for k in range(len(parts) - 1):
            by_initials.setdefault(_initials(" ".join(parts[k:])), []).append(key)
    owner: dict[str, str] = {}
    for key, form in display.items():
        parts = form.split()
        target: str | None = None
        if len(parts) == 1:
            target = _single(by_last.get(key, []), counts)
            bare = form.replace(".", "")
            if target is None and bare.isupper() and 2 <= len(bare) <= 6:
                target = _single(by_initials.get(bare, []), counts)  # "U.S.", "NPC"
            if target is None:
                first = _single(by_first.get(key, []), counts)
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
            target = _single(by_suffix.get(key, []), counts)  # "Senate": "Italian Senate"
        if target is not None and target != key:
            owner[key] = target
    for key in list(owner):
        seen = {key}
        while owner[key] in owner and owner[key] not in seen:
            seen.add(owner[key])
            owner[key] = owner[owner[key]]
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
    """The entities worth naming in a brief, by mentions (full names and acronyms weigh double)."""
    shown: list[Entity] = []
    for e in found:
        if (
            " " not in e.text
            and not e.text.isupper()
            and (
                (
                    all(m.adjectival for m in e.mentions)
                    and e.text.lower().endswith(_ADJECTIVE_ENDINGS)
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
