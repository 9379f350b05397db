"""The language records (briefer/lang): each is whole, and everything reads them."""

from __future__ import annotations

import pytest

from briefer import LANGUAGES, lang, langid, rank
from briefer.errors import UsageError
from briefer.split import analyse

RECORDS = lang.records()


def test_the_languages_are_the_records() -> None:
    assert tuple(r.name for r in RECORDS) == LANGUAGES
    assert lang.DEFAULT in LANGUAGES


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.name)
def test_a_record_is_whole(record: lang.Language) -> None:
    assert record.codes, "the detector must be able to name it"
    for code in record.codes:
        assert lang.by_code(code) == record
    assert rank.stop_words(record.name)
    assert all(w == w.lower() for w in record.stop_words | record.leans_on_context)
    if record.stemmer_package is None:  # the others need an extra (tested in test_brief)
        assert isinstance(rank.stemmer(record.name)("Words"), str)
    if record.stem_seed is not None:
        assert lang.stem_seed_bytes(record.name)
    assert analyse("One. Two.", record.name).sentences  # its Punkt model loads


def test_the_detectors_codes_are_read_from_each_records_first_lines() -> None:
    codes = [code for record in RECORDS for code in record.codes]
    assert len(codes) == len(set(codes)), "a code names one language"
    for record in RECORDS:  # what by_code reads without parsing every record whole
        assert lang._head_codes(record.name) == record.codes


def test_a_record_whose_first_lines_hold_no_codes_is_read_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lang, "_head_codes", lambda name: None)
    lang._by_code.cache_clear()
    try:
        assert lang.by_code("fr") == lang.get("french")
        assert lang.by_code("nn") == lang.get("norwegian")
    finally:
        lang._by_code.cache_clear()


def test_an_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unsupported language 'klingon'"):
        lang.get("klingon")
    assert lang.by_code("xx") is None


def test_detection_names_only_languages_with_a_record() -> None:
    found, name = langid.detect("Это текст на языке, которого нет в записях briefer. " * 5)
    assert found in (*LANGUAGES, None)
    assert name is not None


DUTCH = """Kabinet trekt extra geld uit voor woningbouw

Het kabinet trekt de komende vier jaar 2,5 miljard euro extra uit voor de bouw van betaalbare woningen. Dat heeft minister De Jong dinsdag in Den Haag bekendgemaakt. Volgens het ministerie moeten er jaarlijks 100.000 nieuwe huizen bij komen.

Gemeenten krijgen een groter deel van het geld dan vorig jaar. Vooral in de Randstad is het tekort aan woningen groot. Dhr. Jansen van de Vereniging van Nederlandse Gemeenten noemde het plan een goede eerste stap.

Maar de oppositie is kritisch. Zij vindt dat het kabinet te laat in actie komt. De Tweede Kamer debatteert volgende week over de plannen van de minister.
"""
"""A Dutch news article (written for this test): a title, three paragraphs, a title before a
name ("Dhr. Jansen") and a decimal comma."""


def test_a_dutch_article_is_briefed_given_or_detected() -> None:
    from typer.testing import CliRunner

    from briefer import Options, summarize
    from briefer.cli import app

    for language in ("dutch", "auto"):
        brief = summarize(DUTCH, Options(language=language))
        assert brief.language == "dutch"
        assert brief.headline == "Kabinet trekt extra geld uit voor woningbouw"
        assert brief.stats.sentences == 9  # "Dhr. Jansen" does not end a sentence
        assert brief.gist.sentence.index == 0
        assert not brief.gist.sentence.text.startswith("Maar")
        result = CliRunner().invoke(app, ["--language", language, "-f", "json", "-"], input=DUTCH)
        assert result.exit_code == 0, result.output
        assert '"language": "dutch"' in result.stdout
    assert langid.detect(DUTCH) == ("dutch", "dutch")
    assert "de" in rank.stop_words("dutch") and rank.stemmer("dutch")("woningen") == "woning"


@pytest.mark.parametrize(
    ("language", "words", "stem"),
    [
        ("turkish", ["kitaplarımızdan", "kitaplar", "kitap"], "kitap"),
        ("estonian", ["raamatutest", "raamatu", "raamatut"], "raama"),
        ("russian", ["президента", "президентом", "президент"], "президент"),
    ],
)
def test_languages_nltk_cannot_stem_are_stemmed_by_the_snowball_projects_package(
    language: str, words: list[str], stem: str
) -> None:
    """Turkish and Estonian have no NLTK stemmer; the Snowball project's package stems them, so
    the inflections of one word count as one word for every method (as NLTK's do in Russian)."""
    stemmer = rank.stemmer(language)
    assert {stemmer(w) for w in words} == {stem}
    assert stemmer(words[0].capitalize()) == stem  # words are lower-cased first, as NLTK's are
