"""What a terminal would act on never survives: escape sequences, controls, bidi, zero-width.

Regression from issue 14: control characters became spaces but the rest of an ANSI sequence
stayed, so ``The \\x1b[31mred\\x1b[0m company`` briefed as ``The [31mred [0m company``.
"""

from __future__ import annotations

import json

import pytest

from briefer import summarize
from briefer.split import analyse, neutralize, sanitize, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("The \x1b[31mred\x1b[0m company", "The      red     company", id="csi-sgr"),
        pytest.param("a\x1b[2Jb\x1b[1;1Hc", "a    b      c", id="csi-clear-and-move"),
        pytest.param("a\x1b[?25lb", "a      b", id="csi-private"),
        pytest.param("a\x9b31mb", "a    b", id="c1-csi"),
        pytest.param("x\x1b]0;PWNED\x07y", "x          y", id="osc-title-bel"),
        pytest.param("x\x1b]0;PWNED\x1b\\y", "x           y", id="osc-title-st"),
        pytest.param("x\x9d0;PWNED\x9cy", "x         y", id="c1-osc-st"),
        pytest.param(
            "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
            " " * 27 + "click" + " " * 7,
            id="osc-8-hyperlink",
        ),
        pytest.param("a\x1bPq#0;2;0;0;0\x1b\\b", "a" + " " * 15 + "b", id="dcs"),
        pytest.param("a\x1b(Bb\x1b7c\x1bcd", "a   b  c  d", id="other-esc"),
        pytest.param("open \x1b]0;title", "open   0;title", id="osc-unterminated"),
        pytest.param("a\u202eevil\u202cb", "a evil b", id="bidi-override"),
        pytest.param("a\u2066b\u2067c\u2068d\u2069e", "a b c d e", id="bidi-isolates"),
        pytest.param("a\u202a\u202b\u202c\u202db", "a    b", id="bidi-embeddings"),
        pytest.param("a\u200bb\u200cc\u200dd\u2060e\ufefff", "a b c d e f", id="zero-width"),
    ],
)
def test_sanitize_blanks_what_a_terminal_acts_on(text: str, expected: str) -> None:
    assert sanitize(text) == expected
    assert len(sanitize(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("end \x1b", "end  ", id="lone-esc"),
        pytest.param("tab\tand\nline", "tab\tand\nline", id="tab-and-newline-stay"),
        pytest.param("crlf\r\nand\rcr", "crlf \nand\ncr", id="line-ends"),
        pytest.param("Café — “quoted” £5 € [1] ESC", "Café — “quoted” £5 € [1] ESC", id="text"),
        pytest.param("שלום \u05e2\u05d5\u05dc\u05dd", "שלום עולם", id="hebrew-text"),
    ],
)
def test_sanitize_leaves_text_alone(text: str, expected: str) -> None:
    """Guards, passing before the fix too: what sanitize had right stays right."""
    assert sanitize(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("id\x1b]0;PWNED\x07\x1b[2J", "id" + " " * 14, id="osc-and-csi-in-an-id"),
        pytest.param("two\nlines\r\n", "two lines  ", id="newlines"),
        pytest.param("tab\there", "tab here", id="tab"),
        pytest.param("\u202etxt.exe", " txt.exe", id="bidi-in-a-file-name"),
        pytest.param("bad\udcff", "bad\ufffd", id="lone-surrogate"),
        pytest.param("Café owners", "Café owners", id="text-untouched"),
    ],
)
def test_neutralize_makes_one_safe_line(text: str, expected: str) -> None:
    assert neutralize(text) == expected


def test_offsets_hold_against_the_clean_text() -> None:
    text = (
        "The \x1b[31mred\x1b[0m company \x1b]0;x\x07reported a \u202eprofit\u202c of $5 million."
        " Its \x9b1mshares\x9b0m rose 3 percent.\r\nIt said so."
    )
    document = analyse(text)
    assert len(document.text) == len(text)
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text
        assert "\x1b" not in sentence.text and "[" not in sentence.text
    assert [" ".join(s.text.split()) for s in split_sentences(text)] == [
        "The red company reported a profit of $5 million.",
        "Its shares rose 3 percent.",
        "It said so.",
    ]


def test_no_escape_residue_in_a_brief() -> None:
    text = (
        "The \x1b[31mred\x1b[0m company reported a profit of $5 million on Monday. "
        "Its shares rose 3 percent."
    )
    out = json.dumps(summarize(text).to_dict(), ensure_ascii=False)
    assert "[31m" not in out and "[0m" not in out and "\x1b" not in out
