"""Help and usage errors read as briefer's own words (issue 14), and one exit-code table holds
for every command (issue 11)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefer.errors import ExitCode

from .conftest import SAMPLES

Cli = tuple[CliRunner, typer.Typer]
BRIEFER = str(Path(sys.executable).with_name("briefer"))
COMMANDS = ["", "brief", "sentences", "eval", "batch"]
SEED = str(SAMPLES / "fidan-paris-visit.txt")


def _help(command: str, columns: int = 80) -> str:
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm"}
    args = [BRIEFER, *([command] if command else []), "--help"]
    proc = subprocess.run(args, capture_output=True, text=True, env=env, timeout=60, check=True)
    return proc.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_metavars_people_expect(command: str) -> None:
    text = _help(command)
    for annotation in ("<bool>", "list[str]", "int range", "float range", "<str>", "[x>="):
        assert annotation not in text
    assert not re.search(r"\{[\w.]+\}", text)  # Typer's {data} for a required argument


@pytest.mark.parametrize("columns", [60, 80])
def test_long_choice_lists_wrap_between_words(columns: int) -> None:
    text = _help("brief", columns)
    for word in ("edmundson", "sumbasic", "portuguese", "markdown"):
        assert word in text  # whole, not "edmund|son" split across two lines


def test_top_level_help_shows_how_to_brief_a_file() -> None:
    text = _help("")
    assert "Usage: briefer [OPTIONS] [FILE|URL]... | COMMAND [ARGS]..." in text
    assert "`briefer FILE|URL...` briefs files" in text
    assert "-f text|markdown|json|jsonl" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-n", "abc", SEED], "--sentences must be a whole number"),
        (["-n", "0", SEED], "--sentences must be at least 1"),
        (["--ratio", "x", SEED], "--ratio must be a number"),
        (["--timeout", "0", SEED], "--timeout must be more than 0, not 0"),
        (
            ["-m", "nope", SEED],
            "--method: 'nope' is not one of: default, lead, lsa, lexrank, "
            "textrank, luhn, edmundson, kl, sumbasic, reduction, random",
        ),
        (["-f", "nope", SEED], "--format: 'nope' is not one of: auto, text, markdown, json, jsonl"),
        (["batch", "--jobs", "0", "-"], "--jobs must be at least 1, not 0"),
        (["batch", "--partition-size", "0", "-"], "--partition-size must be more than 0, not 0"),
        (["eval", "-n", "0", "x.jsonl"], "--sentences must be at least 1, not 0"),
        (["sentences", "-l", "klingon", SEED], "--language: 'klingon' is not one of: auto, czech,"),
    ],
)
def test_usage_errors_are_one_line_in_briefers_words(
    cli: Cli, args: list[str], message: str
) -> None:
    runner, app = cli
    result = runner.invoke(app, args, input="")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"briefer: error: {message}")
    assert len(result.stderr.splitlines()) == 1
    assert "Value error" not in result.stderr and "Input should" not in result.stderr


def test_with_no_input_at_a_terminal_the_help_is_of_what_was_typed() -> None:
    for typed, usage in (([], "Usage: briefer [OPTIONS]"), (["brief"], "Usage: briefer brief")):
        main, child = os.openpty()
        try:
            proc = subprocess.run(
                [BRIEFER, *typed], stdin=child, capture_output=True, text=True, timeout=60
            )
        finally:
            os.close(main)
            os.close(child)
        assert proc.returncode == ExitCode.USAGE
        assert usage in proc.stderr
        assert proc.stdout == ""  # stdout is for data, even here
        assert proc.stderr.endswith(
            "briefer: error: no input: give a FILE, or pipe text into briefer\n"
        )
