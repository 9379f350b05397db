"""Formats and the Rich layout: content, escaping, and no markup from articles."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from briefer import Options, summarize
from briefer.output import (
    FORMATS,
    Briefed,
    Writer,
    duration,
    get,
    to_json,
    to_jsonl,
    to_markdown,
    to_text,
)
from briefer.output.rich import brief_renderable

TRICKY = (
    "The [bold]council[/bold] met on Monday with *all* members. "
    "It voted 7-2 for the _new_ plan | a # first. "
    "The mayor said the plan would cost $3 million over two years."
)


def _record(renderable: object, width: int = 80) -> str:
    console = Console(record=True, width=width, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def test_rich_layout_has_every_section(seed: str) -> None:
    text = _record(brief_renderable(summarize(seed), "fidan.txt", seed))
    for part in ("fidan.txt", "gist · sentence 0", "Key points", "Key figures", "Quotes", "Names:"):
        assert part in text
    assert "$7.1 billion" in text and "Erdoğan" in text


def test_rich_layout_follows_the_width(seed: str) -> None:
    for width in (60, 120):
        lines = _record(brief_renderable(summarize(seed), None, seed), width).splitlines()
        assert max(len(line) for line in lines) <= width


def test_rich_never_reads_article_text_as_markup() -> None:
    brief = summarize(TRICKY, Options(sentences=3))
    out = _record(brief_renderable(brief, None, TRICKY), 200)
    assert "[bold]council[/bold]" in out


def test_markdown_escapes_article_text() -> None:
    md = to_markdown(summarize(TRICKY, Options(sentences=3)))
    assert "\\[bold\\]council\\[/bold\\]" in md
    assert "\\*all\\*" in md and "\\_new\\_" in md and "\\|" in md


def test_text_has_gist_points_and_stats(seed: str) -> None:
    brief = summarize(seed)
    out = to_text(brief)
    assert out.startswith("Gist: Foreign Minister Hakan Fidan")
    assert out.count("\n  - ") == len(brief.points) - 1
    assert out.endswith(
        "\n562 words in 21 sentences → 123 words (22%); reading time 2 min → 31 s; method default\n"
    )


def test_json_and_jsonl_agree(seed: str) -> None:
    brief = summarize(seed)
    assert json.loads(to_json(brief, "a")) == json.loads(to_jsonl(brief, "a"))
    assert to_jsonl(brief, "a").count("\n") == 1


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [(0, "0 s"), (45, "45 s"), (60, "1 min"), (150, "2 min"), (3900, "1 h 5 min")],
)
def test_duration(seconds: int, spoken: str) -> None:
    assert duration(seconds) == spoken


# --- The registry: every format decision of the commands, in one table.


@pytest.fixture(scope="module")
def two(samples: dict[str, str]) -> list[Briefed]:
    names = ["fidan-paris-visit", "time-warner-profit"]
    return [Briefed(summarize(samples[n]), f"{n}.txt", samples[n]) for n in names]


def _write(fmt: str, items: list[Briefed], *, many: bool, fail: bool = False) -> str:
    out = io.StringIO()
    writer = Writer(get(fmt), out.write, many=many)
    for item in items:
        writer.brief(item)
    if fail:
        writer.error("missing.txt", "no such file", 1)
    writer.close()
    return out.getvalue()


def test_every_format_names_its_files_and_renders_a_brief(two: list[Briefed]) -> None:
    assert list(FORMATS) == ["text", "markdown", "json", "jsonl", "html"]
    for name, fmt in FORMATS.items():
        assert (fmt.name, fmt.suffix[:1]) == (name, ".")
        assert fmt.render(two[0])
    assert len({fmt.suffix for fmt in FORMATS.values()}) == len(FORMATS)


@pytest.mark.parametrize(
    ("fmt", "separator"), [("text", "\n" + "=" * 72 + "\n\n"), ("markdown", "\n---\n\n")]
)
def test_text_formats_separate_briefs_once_and_head_them_when_many(
    two: list[Briefed], fmt: str, separator: str
) -> None:
    many = _write(fmt, two, many=True, fail=True)
    assert many.count(separator) == 1
    assert many == get(fmt).render(two[0]) + separator + get(fmt).render(two[1])
    assert "missing.txt" not in many  # the error line on stderr tells it
    alone = _write(fmt, two[:1], many=False)
    assert "fidan-paris-visit.txt" not in alone


def test_json_of_many_is_one_array_with_the_error_records(two: list[Briefed]) -> None:
    data = json.loads(_write("json", two, many=True, fail=True))
    assert [d["source"] for d in data] == [
        "fidan-paris-visit.txt",
        "time-warner-profit.txt",
        "missing.txt",
    ]
    assert data[2] == {
        "source": "missing.txt",
        "error": {
            "source": "missing.txt",
            "message": "no such file",
            "kind": "input",
            "exit_code": 1,
        },
    }
    assert _write("json", [], many=False, fail=True) == ""  # a lone failure: stderr only


def test_jsonl_writes_a_line_a_brief_and_a_line_an_error(two: list[Briefed]) -> None:
    lines = _write("jsonl", two, many=True, fail=True).splitlines()
    assert [json.loads(line)["source"] for line in lines] == [
        "fidan-paris-visit.txt",
        "time-warner-profit.txt",
        "missing.txt",
    ]
    assert json.loads(lines[2])["error"]["kind"] == "input"


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        ("text", "# a.txt\n\nError: no such file\n"),
        ("markdown", "## a.txt\n\n**Error:** no such file\n"),
        (
            "jsonl",
            '{"source":"a.txt","error":{"source":"a.txt","message":"no such file",'
            '"kind":"input","exit_code":1}}\n',
        ),
        ("html", ""),
    ],
)
def test_error_renderers(fmt: str, expected: str) -> None:
    assert get(fmt).render_error("a.txt", "no such file", 1, None) == expected
