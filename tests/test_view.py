"""briefer view, -f html and batch -f html --output DIR: the HTML view wired into the commands."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefer.errors import ExitCode

from .conftest import SAMPLES

Cli = tuple[CliRunner, typer.Typer]
SEED = SAMPLES / "fidan-paris-visit.txt"
ARTICLE = (
    "The council met on Monday to approve the budget. It raised spending on schools by 4 percent. "
    "Critics said the increase came too late for the new school year."
)


def test_view_writes_a_page_named_after_the_input_and_says_where(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner, app = cli
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["view", str(SEED)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr == "fidan-paris-visit.brief.html\n"
    page = (tmp_path / "fidan-paris-visit.brief.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page and "<script" not in page
    assert [p.name for p in tmp_path.iterdir()] == ["fidan-paris-visit.brief.html"]


def test_view_never_overwrites_its_input(cli: Cli, tmp_path: Path) -> None:
    runner, app = cli
    saved = tmp_path / "page.html"
    saved.write_bytes((SAMPLES / "time-warner-profit.html").read_bytes())
    before = saved.read_bytes()
    result = runner.invoke(app, ["view", str(saved), "-o", str(saved)])
    assert result.exit_code == ExitCode.USAGE
    assert "would overwrite its input" in result.stderr
    assert saved.read_bytes() == before


def test_view_of_stdin_and_errors(cli: Cli, tmp_path: Path) -> None:
    runner, app = cli
    out = tmp_path / "x.html"
    ok = runner.invoke(app, ["view", "-", "-o", str(out)], input=ARTICLE)
    assert ok.exit_code == 0 and out.exists() and ok.stderr == f"{out}\n"
    missing = runner.invoke(app, ["view", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert missing.exit_code == ExitCode.INPUT
    assert missing.stderr == f"briefer: error: {tmp_path / 'nope.txt'}: no such file\n"


def test_format_html_prints_the_page_and_wants_one_input(cli: Cli) -> None:
    runner, app = cli
    one = runner.invoke(app, [str(SEED), "-f", "html"])
    assert one.exit_code == 0
    assert one.stdout.startswith("<!DOCTYPE html>") and one.stdout.rstrip().endswith("</html>")
    two = runner.invoke(app, [str(SEED), str(SEED), "-f", "html"])
    assert two.exit_code == ExitCode.USAGE
    assert two.stdout == ""


def test_batch_html_writes_a_page_a_record_and_an_index_linking_each(
    cli: Cli, tmp_path: Path
) -> None:
    runner, app = cli
    feed = tmp_path / "feed.jsonl"
    records = [{"id": i, "article": ARTICLE} for i in range(3)] + [{"id": "bad"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records))
    out = tmp_path / "pages"
    result = runner.invoke(app, ["batch", "-j", "2", "-f", "html", "-o", str(out), str(feed)])
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stdout == ""
    pages = sorted(p.name for p in out.iterdir() if p.name != "index.html")
    assert pages == ["0000-feed-1.html", "0001-feed-2.html", "0002-feed-3.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'href="(\d{4}-feed-\d\.html)"', index) == pages
    assert "no text: the record has no" in index  # the failed record, listed with its error


@pytest.mark.parametrize("inside", [False, True], ids=["no-output", "output-holds-input"])
def test_batch_html_needs_a_folder_of_its_own(cli: Cli, tmp_path: Path, inside: bool) -> None:
    runner, app = cli
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": 1, "article": ARTICLE}) + "\n")
    args = ["batch", "-f", "html", str(feed), *(["-o", str(tmp_path)] if inside else [])]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.USAGE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.jsonl"]
