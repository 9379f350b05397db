"""Sentence splitting: a table of news cases, the offsets property, and two quality floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefer import split
from briefer.errors import UsageError
from briefer.models import LANGUAGES
from briefer.split import (
    MAX_SENTENCE_CHARS,
    analyse,
    analyse_capped,
    cap_sentence,
    is_heading_text,
    sanitize,
    split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "data" / "sbd" / "sbd_golden_en.jsonl"
GUM = ROOT.parent / "shared" / "eval" / "sbd_gum_dev.jsonl"


def texts(text: str, language: str = "english") -> list[str]:
    return [s.text for s in split_sentences(text, language)]


CASES = [
    # quotations
    pytest.param(
        '"We will not back down," he said. "Never!" Smith added.',
        ['"We will not back down," he said.', '"Never!" Smith added.'],
        id="quote-comma-then-said",
    ),
    pytest.param(
        '"How long have you been going out?" Obama asked. The couple laughed.',
        ['"How long have you been going out?" Obama asked.', "The couple laughed."],
        id="quoted-question-then-name-asked",
    ),
    pytest.param(
        '"Get out of our state!" the protesters yelled. Police watched.',
        ['"Get out of our state!" the protesters yelled.', "Police watched."],
        id="quoted-exclamation-then-lowercase",
    ),
    pytest.param(
        'She turned to him, "This is great." She held the book out.',
        ['She turned to him, "This is great."', "She held the book out."],
        id="quote-ends-sentence",
    ),
    pytest.param(
        'He said "Wow!" and left.',
        ['He said "Wow!" and left.'],
        id="exclamation-inside-quote-mid-sentence",
    ),
    # abbreviations
    pytest.param(
        "The U.S. Senate voted 52-48. Sen. John Smith said no.",
        ["The U.S. Senate voted 52-48.", "Sen. John Smith said no."],
        id="us-and-sen",
    ),
    pytest.param(
        "I live in the U.S. How about you?",
        ["I live in the U.S.", "How about you?"],
        id="us-ends-sentence",
    ),
    pytest.param(
        "The rally was backed by former Gov. Sarah Palin and Dr. Jane E. Smith.",
        ["The rally was backed by former Gov. Sarah Palin and Dr. Jane E. Smith."],
        id="titles-and-initial",
    ),
    pytest.param(
        "Talks began in Jan. 2020 in St. Louis, Mo. and ended quickly.",
        ["Talks began in Jan. 2020 in St. Louis, Mo. and ended quickly."],
        id="month-saint-state",
    ),
    pytest.param(
        "Use a solvent, e.g. Acetone or ethanol, i.e. Something volatile.",
        ["Use a solvent, e.g. Acetone or ethanol, i.e. Something volatile."],
        id="eg-ie-never-end",
    ),
    pytest.param(
        "It was No. 5 on the list. The answer was no. Everyone agreed.",
        ["It was No. 5 on the list.", "The answer was no.", "Everyone agreed."],
        id="no-before-number-only",
    ),
    pytest.param(
        "Please turn to p. 55 for details.",
        ["Please turn to p. 55 for details."],
        id="page-number",
    ),
    pytest.param(
        "The suspect was O.J. Simpson. He denied it.",
        ["The suspect was O.J. Simpson.", "He denied it."],
        id="dotted-initials-then-surname",
    ),
    pytest.param(
        "The FBI and U.S. Marshals Service offered a reward.",
        ["The FBI and U.S. Marshals Service offered a reward."],
        id="us-then-capitalised-name",
    ),
    # numbers
    pytest.param(
        "Profits rose 1.5% to $7.1 billion. Shares fell 3.2 points.",
        ["Profits rose 1.5% to $7.1 billion.", "Shares fell 3.2 points."],
        id="decimals-and-money",
    ),
    pytest.param(
        "The first signal came at 4:27 p.m. That lasted five minutes.",
        ["The first signal came at 4:27 p.m.", "That lasted five minutes."],
        id="pm-ends-sentence",
    ),
    # lists
    pytest.param(
        "1) The first item 2) The second item",
        ["1) The first item", "2) The second item"],
        id="inline-numbered-list",
    ),
    pytest.param(
        "• Meet the bride • Collect the rings • Give a speech",
        ["• Meet the bride", "• Collect the rings", "• Give a speech"],
        id="inline-bullets",
    ),
    pytest.param(
        "Here are five reasons:\n\n1. The people won't support it.\n\n2. The army is split.",
        ["Here are five reasons:", "1. The people won't support it.", "2. The army is split."],
        id="numbered-paragraphs",
    ),
    pytest.param(
        "He scored 2 goals. 3 people were hurt in the crush.",
        ["He scored 2 goals.", "3 people were hurt in the crush."],
        id="number-in-sentence-is-no-list",
    ),
    # ellipses and parentheses
    pytest.param(
        "I never meant that.... She left the store.",
        ["I never meant that....", "She left the store."],
        id="ellipsis-then-capital",
    ),
    pytest.param(
        "Nobody knows what happened next. ... It is a mystery.",
        ["Nobody knows what happened next.", "... It is a mystery."],
        id="ellipsis-opens-next-sentence",
    ),
    pytest.param(
        "They keep old customs (using cell phones, etc.), as before.",
        ["They keep old customs (using cell phones, etc.), as before."],
        id="etc-inside-parentheses",
    ),
    pytest.param(
        "He was born in London. [3] He died in 2014. [4]",
        ["He was born in London. [3]", "He died in 2014. [4]"],
        id="citation-markers-stay-with-their-sentence",
    ),
    # headings, datelines, offsets
    pytest.param(
        "Budget talks collapse\nWASHINGTON (CNN) -- Talks collapsed. More later.",
        ["Budget talks collapse", "WASHINGTON (CNN) -- Talks collapsed.", "More later."],
        id="heading-on-its-own-line",
    ),
    pytest.param(
        "The storm hit\nthe coast on Monday and\nkilled three people.",
        ["The storm hit\nthe coast on Monday and\nkilled three people."],
        id="soft-wrapped-prose",
    ),
    # known failures, kept so that a fix shows up
    pytest.param(
        "At 5 a.m. Mr. Smith left. He came back at 6 P.M. Mr. Smith then went home.",
        ["At 5 a.m. Mr. Smith left.", "He came back at 6 P.M.", "Mr. Smith then went home."],
        id="pm-before-title",
        marks=pytest.mark.xfail(
            strict=True, reason="a.m./p.m. before a title: only meaning tells the two apart"
        ),
    ),
    pytest.param(
        "Why now? Smith asked. He left.",
        ["Why now? Smith asked.", "He left."],
        id="unquoted-question-then-attribution",
        marks=pytest.mark.xfail(
            strict=True, reason="attribution is only joined after a closing quote"
        ),
    ),
    pytest.param(
        "They would be protected. 4 Even though the number grew, little changed.",
        ["They would be protected. 4", "Even though the number grew, little changed."],
        id="bare-footnote-number",
        marks=pytest.mark.xfail(
            strict=True, reason="a bare footnote number reads like '5 people died.'"
        ),
    ),
]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        pytest.param(
            "french",
            "Le maire est arrivé à Lyon. « Nous allons reconstruire le pont », a déclaré Pierre "
            "Martin. Les travaux commencent en mars.",
            [
                "Le maire est arrivé à Lyon.",
                "« Nous allons reconstruire le pont », a déclaré Pierre Martin.",
                "Les travaux commencent en mars.",
            ],
            id="french-spaced-guillemet-opens-the-next",
        ),
        pytest.param(
            "german",
            "Der Minister kam an. „Wir bauen die Brücke“, sagte er. Dann ging er.",
            ["Der Minister kam an.", "„Wir bauen die Brücke“, sagte er.", "Dann ging er."],
            id="german-low-quote",
        ),
        pytest.param(
            "french",
            "Il a répondu : « C'est fini. » Puis il est parti.",
            ["Il a répondu : « C'est fini. »", "Puis il est parti."],
            id="french-spaced-closing-guillemet-stays",
        ),
    ],
)
def test_an_opening_quotation_mark_begins_the_sentence_it_opens(
    language: str, text: str, expected: list[str]
) -> None:
    """Punkt keeps what follows a period with the sentence before ("…à Lyon. «"): a mark that
    opens the next sentence begins it, so its quotation stays whole and keeps its speaker."""
    assert [s.text for s in split_sentences(text, language)] == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_offsets_point_into_the_sanitized_text() -> None:
    text = "Hello\r\nthere. Second\x00 one.\n\nNew paragraph."
    clean = sanitize(text)
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Hello \nthere.", "Second  one.", "New paragraph."]
    assert [(s.index, s.paragraph) for s in sentences] == [(0, 0), (1, 0), (2, 1)]
    assert all(clean[s.start : s.end] == s.text for s in sentences)


def test_analyse_separates_title_dateline_and_headings() -> None:
    text = (
        "Budget talks collapse\n\nWASHINGTON (CNN) -- Talks collapsed on Monday. More later."
        "\n\nWhat comes next\n\nNobody knows."
    )
    doc = analyse(text)
    assert doc.title is not None and doc.title.text == "Budget talks collapse"
    assert [h.text for h in doc.headings] == ["What comes next"]
    assert [s.text for s in doc.sentences] == [
        "Talks collapsed on Monday.",
        "More later.",
        "Nobody knows.",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Budget talks collapse", True), ("He left.", False), ("- a list item", False)],
)
def test_is_heading_text(line: str, expected: bool) -> None:
    assert is_heading_text(line) is expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_splits(language: str) -> None:
    got = split_sentences("Erste Zeile. Zweite Zeile.\n\nDritte, 1.5 Punkte. Vierte.", language)
    assert len(got) == 4


def test_unsupported_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        split_sentences("", "klingon")


# Regressions, named after what broke.


def test_regression_citation_before_a_lone_period_is_not_a_sentence() -> None:
    assert texts("You can't afford to waste time. [2] .") == [
        "You can't afford to waste time. [2] ."
    ]


def test_regression_web_address_after_a_period_starts_a_sentence() -> None:
    assert texts("Roosevelt slept here. grandcanyonlodges.com, rooms from $178.") == [
        "Roosevelt slept here.",
        "grandcanyonlodges.com, rooms from $178.",
    ]


def test_regression_lowercase_brand_starts_a_sentence() -> None:
    assert texts("Apple reported results. iPhone sales rose.") == [
        "Apple reported results.",
        "iPhone sales rose.",
    ]


def test_regression_all_lowercase_text_is_not_one_sentence() -> None:
    text = "the storm hit the coast. three people died. more rain is coming. it was bad."
    assert texts(text) == [
        "the storm hit the coast.",
        "three people died.",
        "more rain is coming.",
        "it was bad.",
    ]


def test_regression_enumerator_alone_joins_its_item() -> None:
    assert texts("Step 2. Mix the flour.") == ["Step 2. Mix the flour."]


# Properties.

_ALPHABET = st.sampled_from(
    [*"aAbZ é1.?!…,;:'\"“”()[]•-\n\n\t\r\x00\u2028", "Mr.", "U.S.", " e.g. ", "1) ", "..."]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_sentences_keep_offsets_order_and_every_character(text: str) -> None:
    clean = sanitize(text)
    sentences = split_sentences(text)
    pos = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert clean[s.start : s.end] == s.text
        assert s.text and not s.text[0].isspace() and not s.text[-1].isspace()
        assert pos <= s.start < s.end
        assert clean[pos : s.start].strip() == ""  # nothing lost between sentences
        pos = s.end
    assert clean[pos:].strip() == ""


# Quality floors over pinned data.


def _load(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.mark.slow
def test_golden_rules_exact_match_floor() -> None:
    records = _load(GOLDEN)
    ok = sum(texts(str(r["text"])) == r["sentences"] for r in records)
    assert len(records) == 48
    assert ok / len(records) >= 0.80, f"{ok}/{len(records)} golden cases"


def _nonspace(text: str) -> int:
    return sum(not ch.isspace() for ch in text)


def _boundaries(text: str, ends: list[int]) -> set[int]:
    """Sentence ends as counts of non-whitespace characters before them, end of text excluded."""
    prefix = [0]
    for ch in text:
        prefix.append(prefix[-1] + (not ch.isspace()))
    return {prefix[e] for e in ends if 0 < prefix[e] < prefix[-1]}


@pytest.mark.slow
def test_gum_boundary_f1_floor() -> None:
    if not GUM.exists():
        pytest.skip(f"{GUM} is not here (it is not part of the repository)")
    tp = fp = fn = 0
    for rec in _load(GUM):
        text = str(rec["text"])
        gold, n = set(), 0
        for sentence in rec["sentences"]:  # type: ignore[attr-defined]
            n += _nonspace(sentence)
            gold.add(n)
        gold.discard(_nonspace(text))
        got = _boundaries(text, [s.end for s in split_sentences(text)])
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.975, f"GUM boundary F1 {100 * f1:.2f}"


@pytest.mark.parametrize(
    "text",
    [
        "Seoul (CNN) -- South Korea said it would send no delegation.",
        "seoul (cnn) -- south korea said it would send no delegation.",
        "(cnn) -- south korea said it would send no delegation.",
    ],
)
def test_a_dateline_is_not_part_of_the_first_sentence_in_any_case(text: str) -> None:
    (sentence,) = analyse(text).sentences
    assert sentence.text.lower() == "south korea said it would send no delegation."


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "By . Daily Mail Reporter . PUBLISHED: . 10:31 EST, 4 June 2013 . | . UPDATED: . "
            "12:02 EST, 4 June 2013 . A man was arrested on Monday. He was freed.",
            "A man was arrested on Monday.",
        ),
        (
            "by . mail foreign service . last updated at 9:02 am on 4th january 2012 . "
            "the man said it. it rained.",
            "the man said it.",
        ),
        ("By . Sam Webb . and Jennifer Newton . A man fled. He was caught.", "A man fled."),
        (
            "By . Daily Mail Reporter . PUBLISHED: . 10:31 EST, 4 June 2013 .\n\n"
            "London (CNN) -- A man was arrested. He was freed.",
            "A man was arrested.",
        ),
        (
            "By the time police arrived, he had gone. It rained.",
            "By the time police arrived, he had gone.",
        ),
        ("By . Rob Cooper . It rained.", "It rained."),
    ],
)
def test_a_byline_and_time_stamps_before_the_article_are_not_sentences(
    text: str, first: str
) -> None:
    """Wire copy (Daily Mail in CNN/DM) opens with "By . Name . PUBLISHED: . time . | ."."""
    doc = analyse(text)
    assert doc.sentences[0].text == first
    assert text[doc.sentences[0].start : doc.sentences[0].end] == first


def test_in_text_without_capitals_a_number_can_end_a_sentence() -> None:
    """Punkt keeps "2008. it" together (a lower-case word follows); without capitals anywhere,
    that is no evidence, and the year ends the sentence. A list's "3." is left alone."""
    text = (
        "he took office in 2008. it contrasted with the past. prices rose 3.5 percent in 2010. "
        "the panel met on jan. 5, when 1,200 people came. walked in (46%) 3. hide the photos."
    )
    assert [s.text for s in analyse(text).sentences] == [
        "he took office in 2008.",
        "it contrasted with the past.",
        "prices rose 3.5 percent in 2010.",
        "the panel met on jan. 5, when 1,200 people came.",
        "walked in (46%) 3. hide the photos.",
    ]
    cased = "He took office in 2008. It contrasted. Prices rose in 2010. the panel met."
    assert len(analyse(cased).sentences) == 3  # with capitals, Punkt's reading stands


def test_in_text_without_capitals_a_speech_tag_stays_with_its_quoted_cry() -> None:
    text = (
        '"isn\'t that amazing?" said siemionow. culp came back. "stop!" she yelled at them. '
        'he left. "what?" police said the suspect fled the scene with a bag, a gun and a car, '
        "and more besides."
    )
    assert [s.text for s in analyse(text).sentences] == [
        '"isn\'t that amazing?" said siemionow.',
        "culp came back.",
        '"stop!" she yelled at them.',
        "he left.",
        '"what?"',
        "police said the suspect fled the scene with a bag, a gun and a car, and more besides.",
    ]


# Over-long sentences (issue 14): a 200 KB line without punctuation was one sentence, the gist.

_WORDS = [
    "the",
    "quick",
    "brown",
    "fox",
    "jumps",
    "over",
    "the",
    "lazy",
    "dog",
    "and",
    "then",
    "runs",
    "into",
    "the",
    "forest",
    "beyond",
]


def _flat(n: int, sep: str = " ") -> str:
    return sep.join(_WORDS[i % len(_WORDS)] for i in range(n))


def _assert_pieces(text: str, start: int, end: int, pieces: list[tuple[int, int]]) -> None:
    """Pieces in order, each at most the cap, trimmed, with only white space between them."""
    pos = start
    for a, b in pieces:
        assert 0 < b - a <= MAX_SENTENCE_CHARS
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert text[pos:a].strip() == ""
        pos = b
    assert pos == end


def test_regression_a_200kb_line_without_punctuation_is_cut_into_sentences() -> None:
    line = _flat(40_000)[:200_000].rsplit(" ", 1)[0]
    document, capped = analyse_capped(line)
    assert len(document.sentences) >= 200
    assert capped == tuple(range(len(document.sentences)))
    assert max(len(s.text) for s in document.sentences) <= MAX_SENTENCE_CHARS
    for s in document.sentences:
        assert document.text[s.start : s.end] == s.text
    _assert_pieces(line, 0, len(line), [(s.start, s.end) for s in document.sentences])
    assert all(s.text.split()[-1] in _WORDS for s in document.sentences)  # cut between words
    assert max(len(s.text) for s in split_sentences(line)) <= MAX_SENTENCE_CHARS


@pytest.mark.parametrize(
    ("text", "last"),
    [
        pytest.param(_flat(250, ", ") + " end.", ",", id="at-a-comma"),
        pytest.param(_flat(250, "; ") + " end.", ";", id="at-a-semicolon"),
        pytest.param(_flat(250, " — ") + " end.", "—", id="at-a-spaced-dash"),
        pytest.param(_flat(250, "–") + " end.", "–", id="at-an-unspaced-dash"),
        pytest.param(_flat(300) + ": " + _flat(10) + " end.", None, id="a-colon-too-early"),
    ],
)
def test_an_over_long_sentence_is_cut_at_clause_marks_first(text: str, last: str | None) -> None:
    pieces = cap_sentence(text, 0, len(text))
    _assert_pieces(text, 0, len(text), pieces)
    assert len(pieces) >= 2
    first = text[pieces[0][0] : pieces[0][1]]
    assert len(first) > MAX_SENTENCE_CHARS // 2
    if last is None:
        assert first.split()[-1] in _WORDS  # at a word boundary
    else:
        assert first.endswith(last)


def test_a_word_longer_than_the_cap_is_cut_hard() -> None:
    text = "a" * 2500 + " tail"
    pieces = cap_sentence(text, 0, len(text))
    assert pieces == [(0, 1000), (1000, 2000), (2000, 2505)]


def test_sentences_up_to_the_cap_are_not_cut() -> None:
    sentence = ("Word " + "word " * 200)[: MAX_SENTENCE_CHARS - 1] + "."
    text = f"{sentence} {sentence}"
    document, capped = analyse_capped(text)
    assert capped == ()
    assert [s.text for s in document.sentences] == [sentence, sentence]
    assert cap_sentence(sentence, 0, len(sentence)) == [(0, len(sentence))]


def test_only_the_over_long_sentence_is_reported() -> None:
    long = _flat(400)
    text = f"It began well. The {long}. It ended badly."
    document, capped = analyse_capped(text)
    assert document.sentences[0].text == "It began well."
    assert document.sentences[-1].text == "It ended badly."
    assert capped == tuple(range(1, len(document.sentences) - 1))
    assert len(capped) >= 2


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"ab ,;:—–\n\t", "word", "x" * 30]), max_size=80).map("".join),
    st.integers(min_value=2, max_value=40),
)
def test_capped_pieces_keep_offsets_and_every_character(text: str, limit: int) -> None:
    text = text.strip()
    if not text:
        return
    pieces = cap_sentence(text, 0, len(text), limit)
    pos = 0
    for a, b in pieces:
        assert 0 < b - a <= limit
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert text[pos:a].strip() == ""
        pos = b
    assert pos == len(text)


def test_document_numbers_sentences_as_the_brief_does() -> None:
    """One numbering (issue 11): a brief's point i is sentence i of split.document."""
    from briefer import summarize

    text = (ROOT / "samples" / "libya-tripoli-attack.txt").read_text(encoding="utf-8")
    doc, _ = split.document(text)
    brief = summarize(text)
    for point in (brief.gist, *brief.points):
        assert doc.sentences[point.sentence.index] == point.sentence
    assert split.document("Just A Heading")[0].sentences[0].text == "Just A Heading"


def _articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))]
    for name in ("cnn_dev_60.jsonl", "bbc_dev_40.jsonl"):
        texts += [str(r["article"]) for r in _load(ROOT / "tests/data/quality" / name)]
    return texts


def test_punkt_on_the_stdlib_engine_splits_as_nltks_own_patterns() -> None:
    """Where the engines class every character alike, the stdlib copy of Punkt's patterns
    gives NLTK's spans; where they do not ('½' is ``\\w`` to ``re`` only), it is not used."""
    from briefer.split.fastpunkt import engines_agree
    from briefer.split.punkt import stdlib_tokenizer, tokenizer

    fast, plain = stdlib_tokenizer("english"), tokenizer("english")
    assert fast is not None
    paragraphs = [p for t in _articles() for p in t.split("\n\n") if engines_agree(p)]
    assert len(paragraphs) > 1000
    assert [list(fast.span_tokenize(p)) for p in paragraphs] == [
        list(plain.span_tokenize(p)) for p in paragraphs
    ]
    assert not engines_agree("1½ cups") and not engines_agree("cafe\u0301")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"aZ9 .!?\"'()-…\n’”", "Mr.", "U.S."]), max_size=60).map("".join))
def test_punkt_on_the_stdlib_engine_splits_adversarial_text_alike(text: str) -> None:
    from briefer.split.fastpunkt import engines_agree
    from briefer.split.punkt import stdlib_tokenizer, tokenizer

    fast = stdlib_tokenizer("english")
    assert fast is not None and engines_agree(text)
    assert list(fast.span_tokenize(text)) == list(tokenizer("english").span_tokenize(text))


def test_the_shipped_agreement_table_is_what_the_engines_say() -> None:
    """Where the table speaks (fastpunkt.COVERED), it says what compiling ``\\w``, ``\\d`` and
    ``\\s`` with the stdlib and with NLTK's redos says, for the installed ``regex``; a release
    it was not checked with never reads it."""
    import importlib.metadata
    import re
    import unicodedata

    from nltk import redos

    from briefer.split import fastpunkt

    pairs = [(re.compile(c), redos.compile(c, re.UNICODE)) for c in (r"\w", r"\d", r"\s")]
    differing = {
        point
        for first, end in fastpunkt.COVERED
        for point in range(first, end)
        if any((a.match(chr(point)) is None) != (b.match(chr(point)) is None) for a, b in pairs)
    }
    shipped = {p for first, last in fastpunkt.DIFFERING for p in range(first, last + 1)}
    installed = (unicodedata.unidata_version, importlib.metadata.version("regex"))
    if installed[0] != fastpunkt.TABLE_FOR[0] or installed[1] not in fastpunkt.TABLE_FOR[1]:
        assert fastpunkt.shipped_table() is None
        pytest.skip(f"the table was checked with {fastpunkt.TABLE_FOR}, not {installed}")
    assert differing == shipped
    assert {0x1C, 0xB2, 0x301, 0x200D} <= shipped and not {ord("a"), 0x201C, 0x20AC} & shipped


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_an_ascii_text_is_judged_as_every_character_of_it_would_be(text: str) -> None:
    from briefer.split import fastpunkt

    same = fastpunkt._judges()
    assert fastpunkt.engines_agree(text) == all(same(ch) for ch in text + text.lower())
