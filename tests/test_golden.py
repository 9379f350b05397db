"""What users see, compared with fixed expected files (sqlite-utils' and trafilatura's habit).

The expected files in ``tests/golden/`` change only on purpose: after a deliberate change to the
briefs or their layout, regenerate them with ``BRIEFER_REGENERATE=1 python -m pytest
tests/test_golden.py`` and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from briefer import summarize
from briefer.output.rich import brief_renderable

from .conftest import ROOT, SAMPLES

Cli = tuple[CliRunner, typer.Typer]
GOLDEN = ROOT / "tests" / "golden"
SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt"))
FORMATS = {"text": "txt", "markdown": "md", "json": "json"}


def _check(path: Path, actual: str) -> None:
    if os.environ.get("BRIEFER_REGENERATE"):
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: regenerate with BRIEFER_REGENERATE=1"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_command_prints_the_expected_brief(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, name: str, fmt: str
) -> None:
    runner, app = cli
    monkeypatch.chdir(ROOT)  # the sources in the output are the paths as typed
    result = runner.invoke(app, [f"samples/{name}.txt", "-f", fmt])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    _check(GOLDEN / f"{name}.{FORMATS[fmt]}", result.stdout)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_rich_layout_at_80_columns(name: str) -> None:
    text = (SAMPLES / f"{name}.txt").read_text(encoding="utf-8")
    console = Console(record=True, width=80, color_system=None, file=open(os.devnull, "w"))  # noqa: SIM115
    console.print(brief_renderable(summarize(text), f"samples/{name}.txt", text))
    console.file.close()
    _check(GOLDEN / f"{name}.rich.txt", console.export_text())
