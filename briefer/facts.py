"""Key figures, quotes with their speakers, names and key terms, each tied to its sentence."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from briefer.models import Figure, Quote, Sentence, Term

_SCALE = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
    "yuan": "CNY",
    "rupees": "INR",
    "lira": "TRY",
    "tl": "TRY",
}
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = r"thousand|million|billion|trillion|bn|mn|tn|[mkb](?![\w])"
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)
_ORDINAL_WORDS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"

_FIGURE = re.compile(
    rf"""
    (?P<money>(?:US\$|[$€£¥₹])\s?(?:{_NUM})(?:\s?(?:{_SCALE_WORDS}))?
      | \b(?:TL|USD|EUR|GBP)\s?(?:{_NUM})(?:\s(?:{_SCALE_WORDS}))?
      | \b(?:{_NUM})(?:\s(?:{_SCALE_WORDS}))?\s(?:dollars|euros|pounds|yen|yuan|rupees|lira)\b)
    | (?P<percent>\b(?:{_NUM})\s?(?:%|percent\b|per\scent\b|percentage\spoints?\b))
    | (?P<date>\b(?:{_MONTHS})\s\d{{1,2}}(?:,\s\d{{4}})?\b
      | \b\d{{1,2}}\s(?:{_MONTHS})(?:\s\d{{4}})?\b)
    | (?P<rank>\b\d+(?:st|nd|rd|th)\b
      | \b(?:ranked|ranks|ranking|placed|placing)\s(?:{_ORDINAL_WORDS})\b)
    | (?P<year>\b(?:in|since|by|until|of|from|to|during|before|after)\s(?:1[89]|20)\d{{2}}\b)
    | (?P<count>\b(?:{_NUM})(?:\s(?:{_SCALE_WORDS}))?\s(?P<noun>[^\W\d_][\w-]+)
        (?:\s(?P<noun2>[a-z][\w-]+s)\b)?)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NOT_UNITS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "that",
        "this",
        "than",
        "then",
        "times",
        "per",
        "cent",
        "percent",
        "years",
        "year",
    ]
)
_TIME_UNITS = frozenset(
    [
        "years",
        "months",
        "weeks",
        "days",
        "hours",
        "minutes",
        "seconds",
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
    ]
)


def _number(text: str) -> float | None:
    m = re.search(_NUM, text)
    if not m:
        return None
    value = float(m.group().replace(",", ""))
    scale = re.search(rf"(?:{_NUM})\s?({_SCALE_WORDS})", text, re.IGNORECASE)
    if scale:
        value *= _SCALE.get(scale.group(1).lower(), 1.0)
    return value


def _currency(text: str) -> str:
    for sign, code in _CURRENCY_SIGNS.items():
        if text.startswith(sign):
            return code
    head = text.split()[0].upper()
    if head in ("TL", "USD", "EUR", "GBP"):
        return "TRY" if head == "TL" else head
    return _CURRENCY_WORDS.get(text.split()[-1].lower(), "")


def figures(sentences: Sequence[Sentence]) -> list[Figure]:
    """Every figure in the sentences, in article order."""
    found: list[Figure] = []
    for s in sentences:
        for m in _FIGURE.finditer(s.text):
            kind = m.lastgroup or ""
            text = m.group().strip()
            start = s.start + m.start() + (len(m.group()) - len(m.group().lstrip()))
            at = {"sentence": s.index, "start": start, "end": start + len(text)}
            if kind == "noun":
                kind = "count"
            if kind == "money":
                found.append(Figure(text, "money", _currency(text), _number(text), **at))
            elif kind == "percent":
                found.append(Figure(text, "percent", "percent", _number(text), **at))
            elif kind == "date":
                found.append(Figure(text, "date", "date", None, **at))
            elif kind == "rank":
                found.append(Figure(text, "rank", "rank", _number(text), **at))
            elif kind == "year":
                year = text.split()[-1]
                at["start"] = at["end"] - len(year)
                found.append(Figure(year, "date", "year", float(year), **at))
            elif kind == "count":
                noun = m.group("noun")
                if noun.lower() in _NOT_UNITS:
                    continue
                noun2 = m.group("noun2")
                if noun2 and not noun.endswith("s") and noun.islower():
                    noun = f"{noun} {noun2}"  # "40 foreign ministers": the unit is two words
                else:
                    text = text[: len(text) - len(noun2) - 1].rstrip() if noun2 else text
                at["end"] = at["start"] + len(text)
                value = _number(text)
                if re.fullmatch(r"(?:1[89]|20)\d\d", m.group().split()[0]):
                    continue  # a year followed by a word ("2003 performance") is not a count
                if noun.lower() in _TIME_UNITS or (
                    value is not None and (value >= 2 or "." in text)
                ):
                    found.append(Figure(text, "count", noun.lower(), value, **at))
    return found


_QUOTE = re.compile(r"“([^”]{8,}?)”|\"([^\"\n]{8,}?)\"|«([^»]{8,}?)»|„([^“”]{8,}?)[“”]")
_SPEECH_VERBS = (
    r"said|says|told|added|asked|explained|wrote|warned|stated|noted|insisted|argued|"
    r"declared|announced|continued|replied|according to"
)
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|al-\w+|bin|de|van|von|der|da|du|la|le)"
_SPEAKER_AFTER = re.compile(
    rf"(?:{_SPEECH_VERBS})\s+(?:(?:the|a|an)\s+)?(?P<who>(?:{_NAME_TOKEN}\s+)*[A-Z][\w'’.-]+)"
)
_SPEAKER_BEFORE = re.compile(
    rf"(?P<who>[A-Z][\w'’.-]+(?:\s+{_NAME_TOKEN})*)\s*(?:,[^,]{{0,80}},\s*)?"
    rf"(?:{_SPEECH_VERBS})\b"
)
_PRONOUNS = frozenset(["He", "She", "They", "It", "We", "I", "You", "This", "That", "There"])


def _mask_quotes(text: str) -> str:
    return _QUOTE.sub(lambda m: " " * len(m.group()), text)


def _speaker(context: str) -> str | None:
    masked = _mask_quotes(context)
    for pattern in (_SPEAKER_BEFORE, _SPEAKER_AFTER):
        for m in pattern.finditer(masked):
            who = m.group("who").strip().rstrip(".,")
            first = who.split()[0]
            if first in _PRONOUNS or len(who) < 2:
                continue
            return who
    return None


def quotes(sentences: Sequence[Sentence], text: str) -> list[Quote]:
    """Direct quotations (at least three words) with the speaker the sentence names, if any."""
    found: list[Quote] = []
    by_start = sorted(sentences, key=lambda s: s.start)
    for m in _QUOTE.finditer(text):
        group = next(i for i, g in enumerate(m.groups(), start=1) if g is not None)
        raw = m.group(group)
        quoted = raw.strip().rstrip(",").rstrip()
        if len(quoted.split()) < 3:
            continue
        q_start = m.start(group) + (len(raw) - len(raw.lstrip()))
        inside = [s for s in by_start if s.start < m.end() and s.end > m.start()]
        if not inside:
            continue
        context = text[inside[0].start : inside[-1].end]
        found.append(
            Quote(quoted, _speaker(context), inside[0].index, q_start, q_start + len(quoted))
        )
    return found


_CAP_WORD = r"(?:[^\W\d_a-z][\w-]*(?:['’][^\W\d_s][\w-]*)?|[A-Z]\.)"
_CAP_RUN = re.compile(
    rf"(?<![\w'’-]){_CAP_WORD}(?:(?:\s+(?:of|for|de|du|la|van|von|al|bin)\s+|\s+|-){_CAP_WORD})*"
)
_ROLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sir",
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "defense",
        "defence",
        "interior",
        "secretary",
        "general",
        "chairman",
        "chairwoman",
        "chief",
        "executive",
        "ceo",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "judge",
        "justice",
        "officer",
        "commander",
        "cmdr",
        "lt",
        "col",
        "gen",
        "capt",
        "sgt",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "deputy",
        "former",
        "acting",
        "attorney",
        "ambassador",
        "director",
        "coach",
        "manager",
        "captain",
        "leader",
        "state",
    ]
)
_ADJECTIVE_ENDINGS = ("an", "ean", "ian", "ese", "ish", "ic")


_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "but",
        "and",
        "or",
        "of",
        "for",
        "to",
        "with",
        "by",
        "from",
        "as",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "this",
        "that",
        "these",
        "those",
        "when",
        "while",
        "after",
        "before",
        "if",
        "then",
        "so",
        "yet",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "there",
        "here",
        "what",
        "which",
        "who",
        "where",
        "why",
        "how",
        "all",
        "some",
        "many",
        "most",
        "more",
        "such",
        "no",
        "not",
        "also",
    ]
)
_CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_CONNECTORS = frozenset(["of", "for", "de", "du", "la", "van", "von", "al", "bin"])


def _name_words(run: str, stop_words: frozenset[str], sentence_start: bool) -> list[str]:
    words = run.split()
    while words and (
        words[0].lower() in _FUNCTION_WORDS or (sentence_start and words[0].lower() in stop_words)
    ):
        words = words[1:]
        sentence_start = False
    while words and (words[-1].lower() in _FUNCTION_WORDS or words[-1].lower() in _CALENDAR):
        if len(words) == 1:
            break
        words = words[:-1]
    # "Foreign Minister Hakan Fidan" is Hakan Fidan; "Foreign Ministry" stays an organisation.
    k = 0
    while k < len(words) and (
        all(part in _ROLES for part in words[k].lower().rstrip(".").split("-"))
        or (k > 0 and words[k].lower() in _CONNECTORS)
    ):
        k += 1
    if k > 0 and len(words) - k >= 2:
        words = words[k:]
    return words


def names(sentences: Sequence[Sentence], stop_words: frozenset[str], limit: int = 15) -> list[Term]:
    """Proper names (runs of capitalised words), longest forms first, ranked by mentions."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    adjectival: dict[str, bool] = {}
    inside: set[str] = set()  # names seen away from the start of a sentence
    for s in sentences:
        for m in _CAP_RUN.finditer(s.text):
            run = m.group()
            possessive = run.endswith(("'s", "’s"))
            at_start = not s.text[: m.start()].strip(" \"“‘'(")
            words = _name_words(run[:-2] if possessive else run, stop_words, at_start)
            if not words:
                continue
            name = " ".join(words)
            if (
                len(name) < 2
                or name.lower() in _CALENDAR
                or name.lower() in stop_words
                or name.lower() in _CURRENCY_WORDS
                or name in _CURRENCY_SIGNS.values()
            ):
                continue
            counts[name] += 1
            first.setdefault(name, s.index)
            if not at_start or len(words) > 1:
                inside.add(name)
            if len(words) == 1:
                after = s.text[m.end() : m.end() + 2].strip()
                before_lower = (after[:1].islower()) and not possessive
                adjectival[name] = adjectival.get(name, True) and before_lower
    # A single word that is part of a longer name ("Fidan" in "Hakan Fidan") counts for it.
    merged: Counter[str] = Counter()
    for name, c in counts.items():
        longer = [n for n in counts if n != name and len(name.split()) == 1 and name in n.split()]
        if longer:
            merged[max(longer, key=lambda n: (counts[n], len(n)))] += c
        elif not (adjectival.get(name) and name.lower().endswith(_ADJECTIVE_ENDINGS)):
            merged[name] += c
    ranked = sorted(merged, key=lambda n: (-merged[n] * _name_weight(n), first[n], n))
    ranked = [
        n for n in ranked if n in inside and (merged[n] > 1 or len(n.split()) > 1 or n.isupper())
    ]
    return [Term(n, "name", merged[n], first[n]) for n in ranked[:limit]]


def _name_weight(name: str) -> int:
    """Full names and acronyms say more than a lone capitalised word."""
    return 2 if " " in name or (name.isupper() and len(name) > 1) else 1


def full_name(speaker: str | None, known: Sequence[Term]) -> str | None:
    """A one-word speaker ("Coll") as the longer name the article gives ("Kelly Coll")."""
    if speaker is None or " " in speaker:
        return speaker
    for term in known:
        if speaker in term.text.split() and term.text != speaker:
            return term.text
    return speaker


_TERM_WORD = re.compile(r"[^\W\d_][\w-]{2,}")


def terms(
    sentences: Sequence[Sentence],
    stop_words: frozenset[str],
    exclude: Iterable[str] = (),
    limit: int = 8,
) -> list[Term]:
    """Salient lower-case content words, by frequency, not already among the names."""
    excluded = {w.lower() for n in exclude for w in n.split()}
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for s in sentences:
        for m in _TERM_WORD.finditer(s.text):
            w = m.group()
            if not w.islower() or w in stop_words or w in excluded or len(w) < 4:
                continue
            counts[w] += 1
            first.setdefault(w, s.index)
    ranked = sorted((w for w in counts if counts[w] > 1), key=lambda w: (-counts[w], first[w], w))
    return [Term(w, "term", counts[w], first[w]) for w in ranked[:limit]]
