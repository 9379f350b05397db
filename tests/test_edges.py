"""The edges a new user hit (issue 14): budgets that cannot be met and over-long lines say so."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from briefer import Options, summarize

from .conftest import SAMPLES

BRIEFER = str(Path(sys.executable).with_name("briefer"))
SEED = (SAMPLES / "fidan-paris-visit.txt").read_text(encoding="utf-8")


def test_a_word_budget_that_cannot_be_met_says_so() -> None:
    brief = summarize(SEED, Options(words=10))
    assert brief.stats.brief_words > 10
    assert brief.notes == (
        "the budget of 10 words cannot be met: key points are whole sentences, and the best "
        f"one alone has {brief.stats.brief_words} words",
    )
    assert summarize(SEED, Options(words=200)).notes == ()  # a budget that is met: no note


def test_a_line_without_punctuation_gives_points_a_reader_can_read() -> None:
    text = " ".join(f"word{i % 97}" for i in range(40_000))  # about 270 KB, no punctuation
    brief = summarize(text, Options(language="english"))  # no language to detect in it
    assert max(len(p.sentence.text) for p in brief.points) <= 1_000
    assert all(text[p.sentence.start : p.sentence.end] == p.sentence.text for p in brief.points)
    assert brief.stats.compression < 0.1  # not the whole text as its gist
    (note,) = brief.notes
    assert note.startswith("over-long sentences were cut into ")
    assert note.endswith(" pieces of at most 1,000 characters, at a clause mark or between words")


def test_a_long_single_brief_shows_it_is_working_on_a_terminal(tmp_path: Path) -> None:
    big = tmp_path / "long.txt"
    big.write_text((SEED + "\n\n") * (1_000_000 // len(SEED) + 1), encoding="utf-8")
    main, child = os.openpty()
    try:
        proc = subprocess.run(
            [BRIEFER, "-m", "lead", "-f", "json", str(big)],
            stdout=subprocess.PIPE,
            stderr=child,
            env={**os.environ, "TERM": "xterm"},
            timeout=120,
        )
        os.close(child)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the terminal's other side is closed
            while chunk := os.read(main, 65536):
                shown += chunk
    finally:
        os.close(main)
    assert proc.returncode == 0
    assert b"briefing" in shown and b"characters)" in shown  # wrapped to the terminal's width
    assert json.loads(proc.stdout)["method"] == "lead"  # stdout is still only the data
