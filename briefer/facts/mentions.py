"""Name mentions: capitalised runs of a sentence, cut free of roles and sentence words.

Each :class:`Mention` is a span of the text with what was written around it (an honorific, a
role, an owner's 's); :mod:`briefer.facts.names` groups the mentions into entities.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from briefer.facts.lang import FactWords
from briefer.facts.patterns import class_body
from briefer.models import Sentence

UPPER = class_body(c for c in map(chr, range(0x2000)) if c.isupper() and c.isalpha())
"""Every capital letter of the Latin, Greek and Cyrillic scripts, as the inside of a character
class (in ranges: what a pattern costs to compile grows with the length of its classes)."""
LOWER = class_body(c for c in map(chr, range(0x2000)) if c.islower() and c.isalpha())
"""Every small letter of the Latin, Greek and Cyrillic scripts ("é" is no capital), as the
inside of a character class."""
_CAP_WORD = (
    r"(?:(?:[A-Z]\.){2,}"  # U.S., D.C.
    r"|[A-Z][a-z]{0,3}\.(?=\s[A-Z])"  # Sen. / Gov. / St. before a name
    rf"|[^\W\d_{LOWER}][\w-]*(?:['’][^\W\d_s][\w-]*)?|[A-Z]\.)"
)
_FIRST = rf"[^\W\d_{LOWER}]"
"""A name's first character: a letter, not a small one."""
_CAP_WORD_ON = (
    r"(?:(?<=[A-Z])\.(?:[A-Z]\.)+"
    r"|(?<=[A-Z])[a-z]{0,3}\.(?=\s[A-Z])"
    r"|[\w-]*(?:['’][^\W\d_s][\w-]*)?|(?<=[A-Z])\.)"
)
""":data:`_CAP_WORD` after its first character (:data:`_FIRST`, read already): each
alternative in its order, the character it opened with asked of by a look-behind."""
_CONNECTOR = "of|for|de|du|la|van|von|al|bin|der|da|del|di|le|el"


@cache
def _cap_run(words: FactWords) -> re.Pattern[str]:
    """A run of capitalised words, joined by the connectors of names ("Bank of England",
    and the record's own: "Coreia do Sul", "Ligue de Protection des Oiseaux")."""
    extra = "".join("|" + re.escape(w) for w in sorted(words.name_connectors))
    connector = f"(?:{_CONNECTOR}{extra})"
    letters = "".join(sorted({c for e in words.elisions for c in e[:1] + e[:1].upper()}))
    # what comes before the first character, asked once it is read (it is a \w itself)
    start = (
        rf"(?:(?<![\w'’-]\w)|(?<=(?<![\w'’-])[{letters}]['’]\w))" if letters else r"(?<![\w'’-]\w)"
    )
    # the first character first: the standard library skips in C to where one may start
    # (the same matches as a look-ahead for it, then the look-behinds, then _CAP_WORD;
    # tests/test_facts_patterns.py compares the two)
    return re.compile(
        rf"{_FIRST}{start}{_CAP_WORD_ON}(?:(?:(?:\s+{connector}){{1,2}}\s+(?:the\s+)?|\s+(?:and|&)\s+|\s+|-){_CAP_WORD})*"
        r"(?:['’]s\b)?"
    )


CONNECTORS = frozenset(
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
        "el",
        "the",
    ]
)
ADJECTIVE_ENDINGS = ("an", "ean", "ian", "ese", "ish", "ic", "i", "ch", "ss", "ite", "ist")
"""Endings of nationality and other adjectives written with a capital ("Turkish", "Afghan")."""
_NEXT_TOKEN = re.compile(r"\s*(\S+)")
_DOTTED = re.compile(r"(?:[A-Z]\.){2,}")
_TOKEN = re.compile(r"\S+")
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
_OPENING = " \"“‘'(«-—"
"""What may open a sentence before its first word."""
_INSIDE = re.compile(r"(?<= )[^\W\d_][\w'’-]*")


def _lead(text: str) -> int:
    """Where a sentence's first word begins, after any opening marks."""
    return len(text) - len(text.lstrip(_OPENING))


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


@lru_cache(maxsize=65536)
def plain(word: str) -> str:
    """A word as the word lists hold it: lower case, without a final full stop."""
    return word.lower().rstrip(".")


@lru_cache(maxsize=65536)
def _is_role(word: str, words: FactWords) -> bool:
    parts = plain(word).split("-")
    return all(p in words.roles or p in words.honorifics for p in parts if p)


Tokens = list[tuple[int, str]]
"""The words of a capitalised run, each with its offset in the sentence."""
Cut = tuple[Tokens, str, bool]
"""One name of a run: its words, the honorific before it ("mr", or ""), whether a role was."""


@dataclass(frozen=True, eq=False)
class _Cutter:
    """Cuts capitalised runs into names, knowing the article's lower-case words
    (``lowercase``) and the capitalised words it uses inside a sentence (``inside``)."""

    lowercase: set[str]
    words: FactWords
    texts: tuple[str, ...]  # the article's sentences, which ``inside`` is read from
    connectors: frozenset[str]  # CONNECTORS and the record's own

    @cached_property
    def inside(self) -> frozenset[str]:
        """The capitalised words the article writes after a space inside a sentence (read
        only for a few sentence openings, so only when one asks)."""
        after_space: set[str] = set()
        for t in self.texts:  # a word after a space, with something before it but opening marks
            after_space.update(_INSIDE.findall(t, _lead(t) + 1))
        return frozenset(w for w in after_space if w[0].isupper())

    def cut(self, tokens: Tokens, at_start: bool) -> list[Cut]:
        """The names inside one capitalised run, with any honorific and role before each."""
        while tokens and self._no_part(tokens, at_start):
            tokens = tokens[1:]  # "Australian Adam Scott", "Frankfurt-based Deutsche Boerse"
            at_start = False
        tokens, honorific, role = self._roles(tokens)
        split = self._split(tokens, at_start, honorific, role)
        if split is not None:
            return split
        words = self.words
        while tokens and (
            plain(tokens[-1][1]) in self.connectors
            or tokens[-1][1] in ("and", "&")
            or plain(tokens[-1][1]) in words.weekdays
            or (
                _is_role(tokens[-1][1], words)
                and len(tokens) > 1
                and tokens[-2][1] not in ("of", "for")  # "Department of Health"
            )
            or (plain(tokens[-1][1]) in words.months and len(tokens) > 1)
        ):
            tokens = tokens[:-1]
        return [(tokens, honorific, role)] if tokens else []

    def _sentence_word(self, tokens: Tokens) -> bool:
        """Whether the run's first word, opening the sentence, is a word of the sentence."""
        low, lowercase = plain(tokens[0][1]), self.lowercase
        return (
            not _is_role(tokens[0][1], self.words)
            and (
                low in lowercase
                or low + "s" in lowercase  # "Passenger Kevin Smith"
                or low.endswith("ly")  # "Historically"
                or (  # "Entering Westminster", unless "enter" is no word of the article
                    low.endswith("ing")
                    and len(tokens) > 1
                    and (low[:-3] in lowercase or low[:-3] + "e" in lowercase)
                )
                or (len(tokens) > 2 and tokens[1][1] == "of" and tokens[0][1] not in self.inside)
            )
        )

    def _no_part(self, tokens: Tokens, at_start: bool) -> bool:
        """Whether the run's first word is no part of the name that follows it."""
        low, words = plain(tokens[0][1]), self.words
        return (
            low in words.function_words
            or (at_start and self._sentence_word(tokens))
            or tokens[0][1] in self.connectors  # "de la Renta"; "Le Monde", "Al Gore" keep theirs
            or (
                low in words.number_words and len(tokens) > 1 and (at_start or tokens[1][1] == "of")
            )
            or low.endswith(words.descriptor_endings)
            or (len(tokens) > 1 and (low in words.weekdays))
            or (
                len(tokens) >= 3
                and low.endswith(ADJECTIVE_ENDINGS)
                and person_like(" ".join(t for _, t in tokens[1:]), words)
            )
        )

    def _roles(self, tokens: Tokens) -> tuple[Tokens, str, bool]:
        """The run without the roles and honorifics before the name, and what they say."""
        words = self.words
        honorific, role = "", False
        while (
            tokens
            and _is_role(tokens[0][1], words)
            and (plain(tokens[0][1]) in words.honorifics or not self._portfolio(tokens[1:]))
        ):
            # "Foreign Minister Hakan Fidan" is Hakan Fidan; "Foreign Ministry" stays an
            # organisation.
            rest = [t for t in tokens[1:] if not _is_role(t[1], words)]
            if len(tokens) == 1 or (not rest and len(tokens) > 1):
                break
            if plain(tokens[0][1]) in words.honorifics:
                honorific = plain(tokens[0][1])
            role = True
            tokens = tokens[1:]
            while tokens and (
                plain(tokens[0][1]) in self.connectors or tokens[0][1] in ("and", "&")
            ):
                tokens = tokens[1:]  # "Tory and Lib Dem leaders"
        return tokens, honorific, role

    def _portfolio(self, after: Tokens) -> bool:
        """Whether the words after a role make it part of an organisation's name: the next
        is an organisation's word ("Health Organization", "Foreign Ministry", "Premier League")."""
        words = self.words
        return (
            bool(after)
            and plain(after[0][1]) in words.org_words
            and not any(_is_role(t, words) for _, t in after)  # "Deputy Police Chief X"
        )

    def _split(
        self, tokens: Tokens, at_start: bool, honorific: str, role: bool
    ) -> list[Cut] | None:
        """The names of a run that holds more than one, or None when it holds one."""
        words = self.words
        # A role inside the run ("African Union Commission Chairman Jean Ping") starts a new name.
        for k in range(len(tokens) - 1, 0, -1):
            if (
                _is_role(tokens[k][1], words)
                and len(tokens) - k - 1 >= 1
                and k + 1 < len(tokens)
                and not self._portfolio(tokens[k + 1 :])
            ):
                after = tokens[k + 1 :]
                if all(not _is_role(t[1], words) for t in after):
                    return [*self.cut(tokens[:k], False), *self.cut(tokens[k:], False)]
        # "Chairman of the African Union Jean Ping": the role's organisation, then the person;
        # "Secretary of State John Kerry": the role's portfolio, then the person
        if role:
            for k in range(len(tokens) - 3, -1, -1):
                tail = tokens[k + 1 :]
                if (
                    plain(tokens[k][1]) in words.org_words
                    and len(tail) <= (3 if k > 0 else 2)  # not "Northern | Ireland Martin …"
                    and person_like(" ".join(t for _, t in tail), words)
                ):
                    head = self.cut(tokens[: k + 1], False) if k > 0 else []
                    return [*head, (tail, honorific, role)]
        # "France and Germany" are two names; "Work and Pensions Committee" and "Centers for
        # Disease Control and Prevention" are one
        for k, (_, tok) in enumerate(tokens):
            if (
                tok in ("and", "&")
                and 0 < k < len(tokens) - 1
                and not any(t in ("of", "for") for _, t in tokens[:k])
                and plain(tokens[-1][1]) not in words.org_words
            ):
                return [*self.cut(tokens[:k], at_start), *self.cut(tokens[k + 1 :], False)]
        # "Gordon Brown of the United Kingdom": a person, then a place
        for k, (_, tok) in enumerate(tokens):
            if (
                tok == "of"
                and 2 <= k <= 3
                and (role or honorific)
                and person_like(" ".join(t for _, t in tokens[:k]), words)
            ):
                return [(tokens[:k], honorific, role), *self.cut(tokens[k + 1 :], False)]
        return None


def _pieces(run: str, offset: int) -> list[Tokens]:
    """A run's words, cut after each possessive inside it ("GE's Jeff Immelt" ends one name
    and starts another); a possessive ending the run is dropped."""
    if run.endswith(("'s", "’s")):
        run = run[:-2]
    pieces: list[Tokens] = [[]]
    for t in _TOKEN.finditer(run):
        tok = t.group()
        if tok.endswith(("'s", "’s")) and len(tok) > 2:
            pieces[-1].append((offset + t.start(), tok[:-2]))
            pieces.append([])
        else:
            pieces[-1].append((offset + t.start(), tok))
    return pieces


def _span(text: str, cut: Cut) -> tuple[int, str]:
    """Where a cut name starts in its sentence, and its text without a sentence's full stop."""
    tokens = cut[0]
    first, last = tokens[0], tokens[-1]
    a = first[0]
    b = last[0] + len(last[1])
    name = text[a:b].rstrip(".") if not last[1].isupper() else text[a:b]
    if name.endswith(".") and len(name.split()[-1]) > 2 and not _DOTTED.fullmatch(name.split()[-1]):
        name = name[:-1]
    return a, name


def _is_word(name: str, a: int, lead: int, cutter: _Cutter, stop_words: frozenset[str]) -> bool:
    """Whether a cut name is a word, not a name: a weekday, a stop word, a currency, a role
    alone, or a sentence's capitalised first word that the article also writes in lower case."""
    words, lowercase = cutter.words, cutter.lowercase
    low = plain(name)
    if (
        len(name) < 2
        or low in words.weekdays
        or low in words.months
        or low in stop_words
        or low in words.function_words
        or low in words.currency_words
        or low in words.number_words  # "Cinq lignes", "Treze anos depois"
        or name in words.currency_codes
        or (" " not in name and _is_role(name, words))
    ):
        return True
    if " " not in name and a <= lead and (low in lowercase or low.endswith("ly")):
        return True
    # "Members" opening a sentence, "member" elsewhere
    return (
        " " not in name
        and a <= lead
        and name.endswith("s")
        and low[:-1] in lowercase
        and name not in cutter.inside
    )


def word_before(text: str, a: int, window: int = 30) -> str | None:
    """The word (``\\w+``) that whitespace separates from ``text[a]``, read back at most
    ``window`` characters (as ``re.search(r"(\\w+)\\s+$", text, a - window, a)`` finds it)."""
    low = max(0, a - window)
    i = a
    while i > low and text[i - 1].isspace():
        i -= 1
    j = i
    while j > low and (text[j - 1].isalnum() or text[j - 1] == "_"):
        j -= 1
    return text[j:i] if j < i < a else None


def _mention(s: Sentence, a: int, name: str, cut: Cut, words: FactWords) -> Mention:
    """A mention with what the words around it say (a role before, an owner's 's after...)."""
    b = a + len(name)
    after = _NEXT_TOKEN.match(s.text, b, b + 30)
    modifier = bool(
        after and after.group(1)[:1].isalpha() and _is_role(after.group(1), words)
    )  # "French President", "Federal Reserve chairman"
    adjectival = modifier or bool(
        " " not in name and after and after.group(1)[:1].islower()
    )  # "Turkish exports"
    possessive = s.text[b : b + 2] in ("'s", "’s")
    before = word_before(s.text, a)
    role = cut[2] or bool(
        before and before.islower() and _is_role(before, words)
    )  # "chairman Alan Greenspan", "owner Peter Poulakakos"
    if adjectival and before and before.lower() in ("the", "a", "an"):
        modifier = True  # "the Afghan government": a modifier, not who acts
    return Mention(
        name, s.start + a, s.start + b, s.index, cut[1], role, adjectival, possessive, modifier
    )


def _cutter(sentences: Sequence[Sentence], stop_words: frozenset[str], words: FactWords) -> _Cutter:
    """A cutter that knows the article's lower-case words and the capitalised words it uses
    inside a sentence (not only at its start)."""
    texts = tuple(s.text for s in sentences)
    every: set[str] = set()
    for t in texts:
        every.update(_WORDS.findall(t))
    lowercase = {w for w in every if w.islower()} | stop_words
    return _Cutter(lowercase, words, texts, CONNECTORS | words.name_connectors)


def mentions(
    sentences: Sequence[Sentence], stop_words: frozenset[str], words: FactWords
) -> list[Mention]:
    """Every name mention, in article order, each a span of the text."""
    cutter = _cutter(sentences, stop_words, words)
    names: dict[tuple[str, bool], Sequence[_Name]] = {}  # a run's names, read once per article
    found: list[Mention] = []
    run = _cap_run(words)
    for s in sentences:
        lead = _lead(s.text)
        for m in run.finditer(s.text):
            key = (m.group(), m.start() <= lead)
            if key not in names:
                names[key] = _names_of_run(key[0], key[1], cutter)
            for offset, name, cut in names[key]:
                a = m.start() + offset
                if not _is_word(name, a, lead, cutter, stop_words):
                    found.append(_mention(s, a, name, cut, words))
    return found


_Name = tuple[int, str, Cut]
"""A name cut from a run: where it starts in the run, its text, and its cut."""


def _names_of_run(run: str, at_start: bool, cutter: _Cutter) -> Sequence[_Name]:
    """The names one capitalised run holds, with offsets inside the run.

    Only a run that opens its sentence is cut with what the article writes (whether its first
    word is a word of the sentence); any other is cut alike in every article, so its names are
    kept across articles (tests/test_facts_properties.py compares the two on every run).
    """
    if at_start:
        return _cut_run(run, True, cutter)
    return _names_inside(run, cutter.words)


@lru_cache(maxsize=65536)
def _names_inside(run: str, words: FactWords) -> tuple[_Name, ...]:
    """The names of a run that does not open its sentence (see :func:`_names_of_run`)."""
    return tuple(_cut_run(run, False, _any_article(words)))


@cache
def _any_article(words: FactWords) -> _Cutter:
    """A cutter that knows no article: enough for a run that does not open its sentence."""
    return _Cutter(set(), words, (), CONNECTORS | words.name_connectors)


def _cut_run(run: str, at_start: bool, cutter: _Cutter) -> list[_Name]:
    out: list[_Name] = []
    for n, piece in enumerate(_pieces(run, 0)):
        for cut in cutter.cut(piece, n == 0 and at_start):
            a, name = _span(run, cut)
            if name[:2].lower().replace("’", "'") in cutter.words.elisions and name[2:3].isupper():
                a, name = a + 2, name[2:]  # "L'ONAT" is ONAT
            out.append((a, name, cut))
    return out


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
        and not any(plain(p) in words.org_words for p in parts)
        and not any(p.isupper() and len(p) > 1 for p in parts)
        and not any(p.lower() in words.number_words or p.lower() in words.ordinals for p in parts)
    )
