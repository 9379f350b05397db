"""Facts gate: the dev-set facts scores of the default brief must stay at their recorded floors.

``tests/data/facts`` pins the 40 annotated English dev articles (``facts_dev.jsonl``, from
``../shared/eval``), the 16 French and Portuguese ones (``facts_ml_dev.jsonl``, briefed with the
language detected) and the scorer exactly as published (``facts_score.py.txt``, kept as text so
the linters leave it as it is). Floors live in ``floors.json`` and ``floors_ml.json``: a
minimum for every score, a maximum for ``speaker_wrong`` and ``name_dup``. To re-pin after an improvement (raising a floor,
or lowering a maximum, is free)::

    python -m tests.test_facts_gate

Loosening one needs both an environment variable and a flag, and says so in the diff::

    BRIEFER_REPIN=1 python -m tests.test_facts_gate --allow-lower
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import sys
import tempfile
import types
from functools import cache
from pathlib import Path
from typing import IO, Any

import pytest

from briefer import Options, summarize

DATA = Path(__file__).parent / "data" / "facts"
SETS = {"facts_dev.jsonl": DATA / "floors.json", "facts_ml_dev.jsonl": DATA / "floors_ml.json"}
"""Each pinned set of annotated articles and the file of its floors."""
SLACK = 0.01
"""Floors sit this far under the measured scores (ceilings this far over) so that one more or
one fewer right answer in 40 articles does not trip the gate; a real drop does."""
SCORES = (
    "quote_precision",
    "speaker_right",
    "speaker_wrong",
    "figure_precision",
    "key_figure_recall",
    "name_precision",
    "name_dup",
    "main_name_recall",
    "gist_ok",
)


def _is_ceiling(score: str) -> bool:
    return score.endswith(("_wrong", "_dup"))


def _score(gold: Path, briefs: Path) -> dict[str, Any]:
    """The published scorer's ``--json`` report; the files it leaves open are closed here."""
    module = types.ModuleType("facts_score")
    opened: list[IO[Any]] = []

    def tracked_open(*args: Any, **kwargs: Any) -> IO[Any]:
        f: IO[Any] = open(*args, **kwargs)  # noqa: SIM115 - closed after the scorer returns
        opened.append(f)
        return f

    module.__dict__["open"] = tracked_open
    source = (DATA / "facts_score.py.txt").read_text(encoding="utf-8")
    exec(compile(source, str(DATA / "facts_score.py"), "exec"), module.__dict__)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            module.main(["facts_score", str(gold), str(briefs), "--json"])
    finally:
        for f in opened:
            f.close()
    report: dict[str, Any] = json.loads(out.getvalue().splitlines()[0])
    return report


@cache
def measure(name: str = "facts_dev.jsonl") -> dict[str, float]:
    """Brief every article of the pinned set ``name`` as ``briefer batch`` does (its title as
    --title, the language detected) and score."""
    gold = DATA / name
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "briefs.jsonl"
        with out.open("w", encoding="utf-8") as f:
            for line in gold.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                title = record.get("title")
                options = Options(title=title.strip()) if title and title.strip() else Options()
                brief = summarize(record["article"], options).to_dict()
                f.write(json.dumps({"id": record["id"], "brief": brief}) + "\n")
        scores = _score(gold, out)
    return {k: float(scores[k]) for k in SCORES}


def _floors(path: Path) -> dict[str, float]:
    floors: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))["floors"]
    return floors


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SETS))
def test_facts_stay_at_their_floors(name: str) -> None:
    scores = measure(name)
    floors = _floors(SETS[name])
    assert set(floors) == set(SCORES)
    off = {
        k: (scores[k], floors[k])
        for k in SCORES
        if (scores[k] > floors[k] if _is_ceiling(k) else scores[k] < floors[k])
    }
    assert not off, f"facts scores past their floors (measured, floor): {off}"


def repin(allow_lower: bool) -> int:
    """Write every set's floors = measured -/+ SLACK; refuse to loosen any unless allowed."""
    return max(_repin(name, path, allow_lower) for name, path in sorted(SETS.items()))


def _repin(name: str, path: Path, allow_lower: bool) -> int:
    old = _floors(path) if path.exists() else {}
    loosening = allow_lower and os.environ.get("BRIEFER_REPIN") == "1"
    scores = measure(name)
    new: dict[str, float] = {}
    refused = []
    for k in SCORES:
        if _is_ceiling(k):
            floor = math.ceil((scores[k] + SLACK) * 1000) / 1000
            looser = k in old and floor > old[k]
        else:
            floor = math.floor((scores[k] - SLACK) * 1000) / 1000
            looser = k in old and floor < old[k]
        if looser and not loosening:
            refused.append(f"{k}: {old[k]} -> {floor}")
            floor = old[k]
        new[k] = floor
        print(f"{name} {k:18} measured {scores[k]:.3f} floor {floor:.3f}")
    body = {
        "about": f"facts scores of the default brief on tests/data/facts/{name}; "
        "see test_facts_gate.py",
        "slack": SLACK,
        "ceilings": [k for k in SCORES if _is_ceiling(k)],
        "floors": new,
    }
    path.write_text(json.dumps(body, indent=2) + "\n", encoding="utf-8")
    if refused:
        print("refused to loosen (BRIEFER_REPIN=1 and --allow-lower):", *refused, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Re-pin the facts floors.")
    parser.add_argument("--allow-lower", action="store_true")
    sys.exit(repin(parser.parse_args().allow_lower))
