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


def test_an_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unsupported language 'klingon'"):
        lang.get("klingon")
    assert lang.by_code("xx") is None


def test_detection_names_only_languages_with_a_record() -> None:
    found, name = langid.detect("Это текст на языке, которого нет в записях briefer. " * 5)
    assert found in (*LANGUAGES, None)
    assert name is not None
