"""Shared fixtures: the repository's sample articles and a CLI runner."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from briefer.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")


@pytest.fixture(autouse=True)
def no_proxy_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests reach their own servers on 127.0.0.1 directly, whatever proxy the machine sets."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)


@pytest.fixture(scope="session")
def samples() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}


@pytest.fixture(scope="session")
def seed(samples: dict[str, str]) -> str:
    return samples["fidan-paris-visit"]


@pytest.fixture()
def cli() -> tuple[CliRunner, typer.Typer]:
    return CliRunner(), app


QUALITY = Path(__file__).parent / "data" / "quality"
QUALITY_SETS = {
    "english": ("cnn_dev_60.jsonl", "bbc_dev_40.jsonl"),
    "french": ("orangesum_dev_50.jsonl",),
    "portuguese": ("temario_dev_20.jsonl",),
}


def quality_articles() -> Iterator[tuple[str, str]]:
    """(language, article) of every record of the pinned quality sets, in three languages."""
    for language, names in QUALITY_SETS.items():
        for name in names:
            for line in (QUALITY / name).read_text(encoding="utf-8").splitlines():
                yield language, json.loads(line)["article"]
