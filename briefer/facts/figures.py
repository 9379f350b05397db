"""Figures from a small number grammar: a number, its scale, currency, unit and kind."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from briefer.facts.lang import FactWords, number_format
from briefer.facts.patterns import alternation, first_characters
from briefer.models import Figure, Sentence

_WORD = re.compile(r"[a-z]+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_STRONG_SCALE = ("thousand", "million", "millions", "billion", "billions", "trillion", "hundred")
_SCORE = re.compile(r"(?<![\w.,/-])\d{1,2}-\d{1,2}(?![\w/-])")


@dataclass(frozen=True)
class _Grammar:
    number: re.Pattern[str]
    date: re.Pattern[str]
    ordinal: re.Pattern[str]
    percent: re.Pattern[str]
    currency_word: re.Pattern[str]  # " dollars", " d'euros": a currency word after a number
    sign_after: re.Pattern[str]  # " €": a currency sign after a number
    decimal: str  # the locale's decimal symbol
    groups: str  # every character that separates groups of thousands


def _digits(decimal: str, groups: str) -> str:
    """A number written in digits, with its locale's groups of thousands and decimals."""
    g = re.escape(groups) if len(groups) == 1 else "[" + re.escape(groups) + "]"
    d = re.escape(decimal)
    return rf"\d{{1,3}}(?:{g}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?|(?<![\w.,]){d}\d+(?=\s?%)"


@cache
def _grammar(words: FactWords) -> _Grammar:
    nw = alternation(k for k in words.number_words if k not in ("a", "an"))
    strong = alternation(_STRONG_SCALE)
    scales = alternation(words.scale_words)
    signs = alternation(words.currency_signs)
    decimal, groups = number_format(words)
    digits = _digits(decimal, groups)
    codes = alternation(words.currency_codes)
    title = words.month_case == "title"
    months = alternation(m.capitalize() if title else m for m in words.months)
    word_number = rf"(?:(?i:{nw})(?:-(?i:{nw}))?(?:\s(?i:{strong}))*|(?i:an?)\s(?i:dozen|{strong}))"
    before = alternation(words.percent_before)  # "yüzde 5"
    # where a number can begin, checked once per position before the alternatives are tried
    letters = first_characters(w.lower() for w in [*words.number_words, "a"])
    starts = (
        f"[{re.escape(decimal)}{first_characters(words.currency_signs)}"
        f"{first_characters(words.percent_before)}]"
    )
    code_starts = f"[{first_characters(words.currency_codes)}]|" if words.currency_codes else ""
    guard = rf"(?=\d|{starts}|\b(?:{code_starts}(?i:[{letters}])))"
    number = re.compile(
        rf"{guard}(?:(?P<cur>(?<![\w$])(?:{signs})\s?|\b(?:{codes})\s?)"
        rf"|(?P<pct>(?<!\w)(?:{before or '(?!)'})\s?))?"
        rf"(?P<num>(?<![\w.,]){digits}|\b{word_number}\b)"
        rf"(?P<range>(?:\s?(?:-|–|to)\s?)(?:{signs})?(?:{digits}))?"
        rf"(?P<scale>\s?(?i:{scales})(?:\b|(?<=\.)))?"
    )
    day = rf"\d{{1,2}}(?:{'|'.join(words.day_suffixes)})?"
    of = rf"(?:{re.escape(words.date_of)}\s)?" if words.date_of else ""
    # "March 17, 2008" / "5 de maio de 2019": the word between day and year only where it is
    # not English's "of" (which is not written there)
    year = r"(?:,?\s\d{4})?" if words.date_of == "of" else rf"(?:,?\s{of}\d{{4}})?"
    date = re.compile(
        rf"\b(?:{months})\.?\s{day}{year}\b(?!,\d)"
        rf"|\b{day}\s{of}(?:{months}){year}\b"
        rf"|\b(?:{months})\s{of}\d{{4}}\b"
    )
    ordinal_words = alternation(words.ordinals)
    ordinal = re.compile(
        rf"\b\d+(?:st|nd|rd|th)\b|\b(?i:{ordinal_words})-(?:largest|biggest|highest|lowest|"
        rf"most|best|worst|richest|oldest|busiest|fastest|longest)\b|\bNo\.\s?\d+\b"
    )
    percent_words = "|".join(rf"{re.escape(w)}\b" for w in words.percent_words)
    percent = re.compile(rf"\s?(?:%|{percent_words})" if percent_words else r"\s?%")
    of = "|".join(re.escape(w) for w in words.currency_of)
    currency_word = re.compile(
        rf"\s(?:(?:{of})\s?)?(?P<w>[^\W\d_]+)\b"
        if of or words.nouns_capitalised  # "Euro", "Dollar" written with a capital
        else r"\s(?P<w>[^\W\d_A-Z]+)\b"  # small letters of any script: "рублей"
    )
    sign_after = re.compile(rf"\s?(?P<s>{signs})(?![\w$])")
    return _Grammar(number, date, ordinal, percent, currency_word, sign_after, decimal, groups)


_DIGIT = re.compile(r"\d")


@cache
def _number_words(words: FactWords) -> Callable[[str], bool]:
    """Whether a sentence holds, in lower case, a word that makes it worth reading for figures
    ("seven", "first", "million"; "a" alone does not) as a whole run of ``a-z`` letters.

    With a digit search, that is what ``\\d|(?<![a-z])(?:seven|first|…)(?![a-z])`` finds, the
    record's words being runs of ``a-z`` themselves, at a quarter of the cost: the pattern has
    no literal to scan for and is tried at every position; a set lookup of the runs is not."""
    scales = {w for w in words.scale_words if len(w) > 2}
    names = frozenset(words.number_words) - {"a", "an"} | frozenset(words.ordinals) | scales
    ascii_names = frozenset(w for w in names if _WORD.fullmatch(w))
    runs = _WORD.findall
    return lambda text: not ascii_names.isdisjoint(runs(text.lower()))


def _value(num: str, scale: str, words: FactWords, g: _Grammar) -> float | None:
    num = num.strip()
    value: float | None
    plain = num.translate({ord(c): None for c in g.groups}).replace(g.decimal, ".")
    try:
        value = float(plain)
    except ValueError:
        value = _word_value(num, words)
    if value is None:
        return None
    if scale:
        value *= words.scale_words.get(scale.strip().lower(), 1.0)
    return float(f"{value:.12g}")  # 8.3 million, not 8300000.000000001


def _word_value(text: str, words: FactWords) -> float | None:
    total = 0.0
    current = 0.0
    for part in re.split(r"[\s-]+", text.lower()):
        if part in ("a", "an"):
            continue  # "a million", "a dozen": the scale or the word is the number
        if part in ("hundred",) and current:
            current *= 100
        elif part in words.scale_words and part not in ("m", "b", "k"):
            current = (current or 1) * words.scale_words[part]
            total, current = total + current, 0.0
        elif part in words.number_words:
            current += words.number_words[part]
        else:
            return None
    return total + current


_NEXT = re.compile(r"(?P<sep>[\s-])(?P<w1>[^\W\d_][\w'’-]*)")
_MORE = re.compile(r"\s([a-z][\w'’-]*)")
_AND = re.compile(r"\s+and\s+([a-z][\w'’-]*s)\b")
_PLAIN_NOUNS = frozenset(["people", "men", "women", "children"])


def _nounish(w: str, words: FactWords, verbs: frozenset[str]) -> bool:
    low = w.lower()
    return not (
        low in words.function_words
        or low in words.not_count_nouns
        or low in verbs
        or low in words.weekdays
        or low in words.months
        or low.endswith(words.not_noun_endings)
        or (w[0].isupper() and not w.endswith("s"))
    )


def _noun(rest: str, words: FactWords, verbs: frozenset[str]) -> tuple[str, int] | None:
    """The counted noun phrase right after a number and where it ends: adjectives up to the
    plural head ("40 foreign ministers", "2,000 local police forces"), a compound ("two
    weapons charges") and a pair ("11 towns and cities"); None for a function word or verb."""
    m = _NEXT.match(rest)
    if not m or not _nounish(m.group("w1"), words, verbs):
        return None
    unit, end = [m.group("w1")], m.end("w1")
    if m.group("sep") == " " and unit[0].islower() and unit[0].lower() not in _PLAIN_NOUNS:
        at = end
        for _ in range(2):
            nxt = _MORE.match(rest, at)
            if not nxt or not _nounish(nxt.group(1), words, verbs):
                break
            w = nxt.group(1)
            head_plural = unit[-1].endswith("s")
            if w.endswith("s") and (not head_plural or len(unit) == 1):
                unit.append(w)
                at = end = nxt.end()
                if head_plural:
                    break  # a compound: "weapons charges"
            elif not head_plural and not w.endswith("s"):
                unit.append(w)  # an adjective or noun before the head, kept if a head follows
                at = nxt.end()
            else:
                break
        while len(unit) > 1 and rest[:end].count(" ") < len(unit):
            unit.pop()  # words read past the head that no plural closed
    pair = _AND.match(rest, end)
    if pair and unit[-1].endswith("s") and _nounish(pair.group(1), words, verbs):
        unit.append(f"and {pair.group(1)}")
        end = pair.end()
    return " ".join(unit), end


def figures(
    sentences: Sequence[Sentence], words: FactWords, stop_words: frozenset[str]
) -> list[Figure]:
    """Every figure in the sentences, in article order, each a span of the text."""
    g = _grammar(words)
    lowercase_ok = words.function_words | stop_words
    found: list[Figure] = []
    for s in sentences:
        found.extend(_in_sentence(s, g, words, lowercase_ok))
    return found


class _Taken:
    """The spans of one sentence already read as figures."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.spans)


def _in_sentence(
    s: Sentence, g: _Grammar, words: FactWords, lowercase_ok: frozenset[str]
) -> list[Figure]:
    t = s.text
    has_digit = _DIGIT.search(t) is not None
    if not has_digit and not _number_words(words)(t):
        return []  # most sentences hold no number: skip the grammar
    taken = _Taken()
    out: list[tuple[int, int, str, str, float | None]] = []
    # every date and score holds a digit, and every ordinal a digit or "-" ("third-largest"):
    # a sentence with neither ("one of the men") skips their patterns, tried at every position
    for m in g.date.finditer(t) if has_digit else ():
        out.append((m.start(), m.end(), "date", "date", None))
    for m in _SCORE.finditer(t) if has_digit else ():
        if not _YEAR.fullmatch(m.group().split("-")[0]):
            out.append((m.start(), m.end(), "score", "score", None))
    for m in g.ordinal.finditer(t) if has_digit or "-" in t else ():
        digits = re.search(r"\d+", m.group())
        value = (
            float(digits.group())
            if digits
            else float(words.ordinals.get(m.group().split("-")[0].lower(), 0))
        )
        out.append((m.start(), m.end(), "rank", "rank", value))
    kept: list[tuple[int, int, str, str, float | None]] = []
    for item in out:
        if taken.free(item[0], item[1]):
            taken.spans.append((item[0], item[1]))
            kept.append(item)
    for m in g.number.finditer(t):
        if not taken.free(m.start(), m.end()):
            continue
        figure = _classify(t, m, g, words, lowercase_ok)
        if figure is not None:
            kind, unit, amount, end = figure
            a = m.start() + (len(m.group()) - len(m.group().lstrip()))
            if amount is not None and amount < 0 and not m.group("cur"):
                a -= 1  # the minus sign before the number
            taken.spans.append((a, end))
            kept.append((a, end, kind, unit, amount))
    kept.sort()
    return [Figure(t[a:b], k, u, v, s.index, s.start + a, s.start + b) for a, b, k, u, v in kept]


_Found = tuple[str, str, float | None, int]
"""A figure's kind, unit, value and where its text ends in the sentence."""


def _classify(
    t: str, m: re.Match[str], g: _Grammar, words: FactWords, lowercase_ok: frozenset[str]
) -> _Found | None:
    """(kind, unit, value, end) of one number, or None when it is no figure."""
    verbs = words.reporting_verbs
    cur = (m.group("cur") or "").strip()
    num = m.group("num")
    scale = m.group("scale") or ""
    a, b = m.start(), m.end()
    pre = t[max(0, a - 30) : a]
    rest = t[b : b + 60]
    digits = num[:1].isdigit() or num[:1] == "."
    if m.group("pct"):  # "yüzde 5", "%5": the percent word before the number
        return "percent", "percent", _value(num, scale, words, g), b
    if (
        digits
        and _in_a_name(pre, rest, cur, words, lowercase_ok)
        and not (words.nouns_capitalised and (scale or g.percent.match(rest)))
    ):
        return None  # a name's number; but "Quartal 13,1 Prozent" is a noun before a figure
    if not cur and scale.strip().lower() in ("m", "b", "k"):
        scale = ""  # "5m" is five metres or a model unless it is money
        b = m.end("range") if m.group("range") else m.end("num")
        rest = t[b : b + 60]
    value = _value(num, scale, words, g)
    end = b
    if cur:
        code = words.currency_signs.get(cur, cur.upper())
        code = "TRY" if code == "TL" else code
        return "money", code, value, end
    if not digits and re.search(r"\b(?:the|these|those|both|all|its|their|his|her)\s$", pre):
        return None  # "the two men": a reference back, not a new figure
    if not digits and scale == "" and value is not None and value < 2:
        return None  # "one of the", "a dozen" is kept (12)
    share = _share_or_age(num, digits, value, pre, rest, end, g)
    if share is not None:
        return share
    if not digits and re.match(r"[\s-][A-Z]", rest):
        return None  # "Six Nations", "Five Live": a name
    measured = _measured(value, scale, pre, rest, end, words, g)
    if measured is not None:
        return measured
    if digits and _YEAR.fullmatch(num) and not scale and not m.group("range"):
        year = _year(value, pre, rest, end, words)
        if year is not None or not re.match(r"\s[a-z]*s(?![a-z])", rest):
            return year
    noun = _noun(rest, words, verbs)
    if noun is None:
        return None
    unit, stop = noun
    if value is None or (value < 2 and "." not in num):
        return None
    if words.model_nouns & {unit.lower()}:
        return None
    if words.nouns_capitalised and not unit[:1].isupper():
        return None  # "drei gute Profile": the word after the number is no noun
    return "count", unit, value, end + stop


_CODE_BEFORE = re.compile(r"[^\W\d_]-?$|[/:#]$")  # "F-250", "G20", "9/11", "#3"
_CODE_AFTER = re.compile(r"[/:]\d|-[A-Z]|\s?(?:a\.m|p\.m|am\b|pm\b|GMT)")  # "10:30", "10 pm"
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’.-]*)\s$")
_SUBUNIT = re.compile(r"\s(?P<c>)(?P<u>[a-z]+)\b")  # "50 cents"
_CURRENCY_SUBUNIT = re.compile(r"\s(?P<c>[a-z]+)\s(?P<u>[a-z]+)\b")  # "70 euro cents"
_MEASURE = re.compile(r"(?:\s|-)?(?P<u>(?:[^\W\d_]|/)+)\b")


def _in_a_name(
    pre: str, rest: str, cur: str, words: FactWords, lowercase_ok: frozenset[str]
) -> bool:
    """Whether digits belong to a name, model, code or time rather than a figure."""
    if _CODE_BEFORE.search(pre) or _CODE_AFTER.match(rest):
        return True  # F-250, 9/11, G20, 10:30, 10 pm
    prev = _WORD_BEFORE.search(pre)
    if prev and words.opening_nouns and prev.start() == 0 and len(pre) < 30:
        return False  # "Toplantıya 250 bin kişi katıldı": the sentence opens with a noun
    return bool(
        not cur
        and prev
        and prev.group(1)[0].isupper()
        and prev.group(1).lower().rstrip(".") not in lowercase_ok
        and prev.group(1).lower().rstrip(".") not in words.months
    )  # Boeing 737, Windows 8, FTSE 100, Flight 370


def _share_or_age(
    num: str, digits: bool, value: float | None, pre: str, rest: str, end: int, g: _Grammar
) -> _Found | None:
    """A percentage ("29 percent") or an age ("19 years old", "Dedmon, 19,")."""
    unit_m = g.percent.match(rest)
    if unit_m:
        return "percent", "percent", value, end + unit_m.end()
    age = re.match(r"(?:\s|-)years?(?:\s|-)old\b", rest)
    if age:
        return "age", "years", value, end + age.end()
    if (
        digits
        and re.search(r"[A-Z][\w'’-]+,\s$", pre)
        and re.match(r",", rest)
        and value is not None
        and value < 120
        and "." not in num
    ):
        return "age", "years", value, end
    return None


def _measured(
    value: float | None, scale: str, pre: str, rest: str, end: int, words: FactWords, g: _Grammar
) -> _Found | None:
    """A figure with a unit word after it: money in subunits or currency words, a weight in
    pounds, a duration, a measure."""
    sub = _SUBUNIT.match(rest)
    if not (sub and sub.group("u") in words.subunits):
        sub = _CURRENCY_SUBUNIT.match(rest)  # "70 euro cents"
    if sub and sub.group("u") in words.subunits and value is not None:
        c = sub.group("c")
        code = words.currency_words.get(c, "") if c else ""
        return "money", code or words.subunits[sub.group("u")], value / 100, end + sub.end()
    sign = g.sign_after.match(rest)
    if sign and value is not None:  # "15 €", "3,5 millions €"
        return "money", words.currency_signs[sign.group("s")], value, end + sign.end()
    cw = g.currency_word.match(rest)
    if cw:
        w = cw.group("w").lower() if words.currency_of or words.nouns_capitalised else cw.group("w")
        if w in words.currency_words and w not in ("p", "won"):
            return "money", words.currency_words[w], value, end + cw.end()
        if w == "pounds":
            if scale or re.match(r"\s(?:pounds\s)?sterling", rest):
                return "money", "GBP", value, end + cw.end()
            return "measure", "pounds", value, end + cw.end()
    dur = re.match(
        r"[\s-](?P<u>[^\W\d_]+)\b" if words.nouns_capitalised else r"[\s-](?P<u>[^\W\d_A-Z]+)\b",
        rest,
    )
    if dur and dur.group("u").lower() in words.duration_units:
        return "duration", dur.group("u"), value, end + dur.end()
    meas = _MEASURE.match(rest)
    if meas and meas.group("u").lower() in words.measure_units and value is not None:
        unit, stop = meas.group("u"), end + meas.end()
        scale_m = re.match(r"\s([A-Z]\w+)", rest[meas.end() :])
        if scale_m and scale_m.group(1).lower() in words.temperature_scales:
            unit, stop = f"{unit} {scale_m.group(1)}", stop + scale_m.end()
        if unit.startswith("degree") and re.search(r"(?:^|[\s(\[])[-−]$", pre):
            return "measure", unit, -value, stop  # "-50 degrees Celsius"
        return "measure", unit, value, stop
    return None


def _year(value: float | None, pre: str, rest: str, end: int, words: FactWords) -> _Found | None:
    """A year ("in 2008", "the 1990s", "the 2011 murder"), or None."""
    decade = re.match(r"['’]?s\b", rest)
    if decade:
        return "date", "year", value, end + decade.end()
    word_after = re.match(r"\s([^\W\d_A-Z]+)", rest)  # small letters of any script: "yılında"
    before = re.search(r"(\w+)\s$", pre)
    if (before and before.group(1).lower() in words.function_words | {"early", "late", "mid"}) or (
        word_after and word_after.group(1) in words.year_nouns
    ):
        return "date", "year", value, end
    return None
