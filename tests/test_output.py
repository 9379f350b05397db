"""Formats and the Rich layout: content, escaping, and no markup from articles."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from briefer import Options, summarize
from briefer.output import duration, to_json, to_jsonl, to_markdown, to_text
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
    assert "562 words" in out or f"{brief.stats.words} words" in out


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
