"""The words the fact extractors need, one record per language.

The extractors never test the language by name.
The words themselves are data: the ``[facts]`` table of each language's record in
:mod:`briefer.lang` (``english.toml``, ...). A language without that table has no facts
extracted (the brief says so in its notes) rather than English rules applied to it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from briefer import lang


@dataclass(frozen=True, eq=False)  # hashed by identity: the records are cache keys
class FactWords:
    """Word lists of one language, lower-cased unless said otherwise."""

    reporting_verbs: frozenset[str]  # say, tell, add ... in every tense that introduces speech
    object_verbs: frozenset[str]  # reporting verbs whose next name is the listener ("told CNN")
    according_to: tuple[str, ...]  # phrases whose next name is the source
    pronouns_male: frozenset[str]
    pronouns_female: frozenset[str]
    possessives: frozenset[str]  # his, her: a sentence that refers back to a person
    objects_male: frozenset[str]
    objects_female: frozenset[str]
    quoted_as: str  # a pattern with {obj}: the outlet relays the words of him or her
    pronouns_other: frozenset[str]  # they, it, we ...: never resolved to a person
    honorifics_male: frozenset[str]
    honorifics_female: frozenset[str]
    honorifics: frozenset[str]  # every honorific, both sexes and none (Dr, Prof)
    roles: frozenset[str]  # job titles that precede a name ("President", "Sen")
    outlets: frozenset[str]  # news media: the listener or the medium, never the speaker
    outlet_endings: tuple[str, ...]  # "Businessweek", "Newsday": a medium by its ending
    company_words: frozenset[str]  # "Motors", "Inc": the company of the name before them
    org_words: frozenset[str]  # words that make a name an organisation or a place, not a person
    weekdays: frozenset[str]
    not_names: frozenset[str]  # capitalised words and acronyms that name nothing ("TV", "GMT")
    descriptor_endings: tuple[str, ...]  # "Turin-based", "Russian-speaking": not part of a name
    months: dict[str, float]  # name or abbreviation -> month number
    function_words: frozenset[str]
    title_cues: frozenset[str]  # words before a quoted title, nickname or scare quote
    number_words: dict[str, float]
    scale_words: dict[str, float]  # million, bn, m ...
    fractions: dict[str, float]  # half, third, two-thirds ...
    currency_words: dict[str, str]  # dollars -> USD
    subunits: dict[str, str]  # cents -> USD: a hundredth of the currency
    temperature_scales: frozenset[str]
    currency_codes: frozenset[str]  # upper case as written
    duration_units: frozenset[str]
    measure_units: frozenset[str]
    not_count_nouns: frozenset[str]  # words after a number that are not what it counts
    model_nouns: frozenset[str]  # words after a number that make it a name ("911 call")
    ordinals: dict[str, float]
    year_nouns: frozenset[str]  # "the 2011 murder": a year used as an attribute
    caption_openings: tuple[str, ...]  # photo captions and credits, never a gist
    credits: tuple[str, ...]  # "… contributed to this report"
    headings: frozenset[str]  # section headings that are never a gist or headline
    hook_openings: frozenset[str]  # first words of a feature's hook, not a news lead
    name_suffixes: frozenset[str]  # "Jr", "IV": a name's generation, the same person without it
    writer_subjects: frozenset[str]  # "I", "I'm" as written: the writer speaks (before a verb)
    writer_objects: frozenset[str]  # "me", "my": the writer is in the sentence
    locale: str  # the CLDR locale whose decimal and group symbols the numbers use ("en", "fr")
    number_symbols: tuple[
        str, ...
    ]  # that locale's CLDR decimal and group symbols, as babel has them
    currency_signs: dict[str, str]  # "$" -> USD, "R$" -> BRL, as written
    percent_words: tuple[str, ...]  # "percent", "pour cent" after a number (besides "%")
    auxiliaries: frozenset[str]  # "a", "avait": before a reporting verb's participle
    inversion: str  # a pattern with {verbs}, {aux}, {pronouns}: "a-t-il dit", "dit-elle"
    month_case: str  # "title" ("March") or "lower" ("mars"): how month names are written
    date_of: str  # the word between day, month and year ("17 of March", "5 de maio de 2019")
    day_suffixes: tuple[str, ...]  # "st", "nd" / "er": a day of the month written as ordinal
    currency_of: tuple[str, ...]  # "de", "d'": between a number and its currency word
    determiners: frozenset[str]  # "the", "its": before a quoted term, not a quotation
    term_prepositions: frozenset[str]  # 'pour "…"' without a reporting verb: a term or title
    articles: frozenset[str]  # "the", "a": a subject that starts with one is a description
    prepositions: frozenset[str]  # "an analyst at Nomura told": an apposition, not a name
    clause_words: frozenset[str]  # words after a speaker's name that go on with the clause
    description_words: frozenset[str]  # "le", "ces": "a dit le ministre" means the one named
    genitives: frozenset[str]  # "le président de la région X": X is not who speaks
    elisions: frozenset[str]  # "d'", "l'": written onto the next word ("d'Emmanuel Macron")
    name_connectors: frozenset[str]  # "do", "des": small words inside names, besides "of", "de"
    not_noun_endings: tuple[str, ...]  # "ly", "ed" / "ou", "eu": no counted noun ends so
    verb_name_gap: str  # a mark before an apposed speaker's name ("disse o porta-voz, X")
    nouns_capitalised: bool  # every noun has a capital (German): a name needs more evidence
    noun_endings: tuple[str, ...]  # "ung", "heit": a capitalised word so ending is a noun
    no_names: bool  # names are found (for speakers) but not shown: too few are right yet
    first_names: frozenset[str]  # "angela", "peter": given names that make a run a person's
    verb_adverbs: tuple[str, ...]  # "également", "de son côté": inside "a également dit X"
    listeners: tuple[str, ...]  # "à", "auprès de": "a dit à l'AFP la ministre": the listener
    according_opening: tuple[str, ...]  # "Pour": "Pour X, « … »" only opening a sentence
    participle_endings: tuple[str, ...]  # "ant": ", précisant que « … »" goes on with the speaker
    goes_on: tuple[str, ...]  # "avant de": ", avant d'ajouter : « … »" goes on with the speaker
    descriptions: frozenset[str]  # "politologue": a noun that refers back to whom it introduced
    percent_before: tuple[str, ...]  # "yüzde", "%": a percent word written before the number
    verb_final: bool  # the verb after the quotation, its subject before: 'Erdoğan, "…" dedi'
    complement_words: frozenset[str]  # "de", "par": a name after one is no subject (genitives)
    case_endings: bool  # names take case endings after an apostrophe ("Ankara'da")
    opening_nouns: bool  # a sentence's first word before a number is no name ("Toplantıya 250")


_NUMBERS = {f.name for f in fields(FactWords) if f.type == "dict[str, float]"}
_CODES = {f.name for f in fields(FactWords) if f.type == "dict[str, str]"}
_SEQUENCES = {f.name for f in fields(FactWords) if f.type.startswith("tuple")}
_TEXTS = {f.name for f in fields(FactWords) if f.type == "str"}


def _read(table: dict[str, Any]) -> FactWords:
    """A record's ``[facts]`` table as :class:`FactWords`: word lists are words separated by
    white space (or TOML lists), tables are ``word=value`` items ("one=1 two=2",
    "euros=EUR") mapping a word to its number or code."""
    values: dict[str, Any] = {}
    for f in fields(FactWords):
        raw = table.get(f.name)
        if f.name in _NUMBERS or f.name in _CODES:
            pairs = (item.split("=", 1) for item in (raw or "").split())
            values[f.name] = {k: float(v) if f.name in _NUMBERS else v for k, v in pairs}
        elif f.name in _SEQUENCES:
            values[f.name] = tuple(raw or ())
        elif f.name in _TEXTS:
            values[f.name] = raw or ""
        elif f.type == "bool":
            values[f.name] = bool(raw)
        else:
            values[f.name] = frozenset(raw.split() if isinstance(raw, str) else raw or ())
    unknown = set(table) - set(values)
    if unknown:
        raise ValueError(f"unknown [facts] keys: {', '.join(sorted(unknown))}")
    return FactWords(**values)


@cache
def number_symbols(locale: str) -> tuple[str, str]:
    """The decimal and the group symbol of ``locale``'s numbers, from CLDR (babel's data,
    offline): ("." , ",") for English, ("," , narrow no-break space) for French."""
    from babel import numbers  # imported here only: babel's import costs start-up time

    return numbers.get_decimal_symbol(locale), numbers.get_group_symbol(locale)


_SPACES = " \u00a0\u202f"
"""The spaces a number's groups are written with where the locale's group symbol is a space."""


@cache
def number_format(words: FactWords) -> tuple[str, str]:
    """The decimal symbol and the group separators of the record's locale: its CLDR group
    symbol, any space where that is a space ("15 000", "15\u202f000"), and a dot where the
    decimal is a comma (the press writes "1.500" in French as in Portuguese and German).

    The symbols are the record's ``number_symbols`` (a copy of babel's that a test checks):
    loading babel's locale data costs a brief about 60 ms of start-up. A record without them
    gets babel's (:func:`number_symbols`)."""
    if len(words.number_symbols) == 2:
        decimal, group = words.number_symbols
    else:
        decimal, group = number_symbols(words.locale)
    groups = _SPACES if group.isspace() else group
    if decimal == "," and "." not in groups:
        groups += "."
    return decimal, groups


@cache
def record(language: str) -> FactWords | None:
    """The fact words of ``language`` (the ``[facts]`` table of its record in
    :mod:`briefer.lang`), or None when its record has none: no facts are extracted then."""
    table = lang.facts_table(language)
    return None if table is None else _read(table)


def words_for(language: str) -> FactWords:
    """The fact words of ``language``, or the English ones when it has none (for the brief's
    own word lists: captions, hooks, months; the fact extractors use :func:`record`)."""
    return record(language) or record(lang.DEFAULT) or _read({})
