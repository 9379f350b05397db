"""Start-up cost of the ``briefer`` command, against a bare import of what a brief needs.

Prints the median wall time over N runs of ``briefer --version``, ``briefer --help``, a brief
of samples/fidan-paris-visit.txt, and ``python -c "import <the modules a brief needs>"``;
then the slowest imports of a brief according to ``python -X importtime``, and what
``import nltk`` and ``import sumy.utils`` cost on their own.

    python bench/speed_startup.py            # 15 runs each
    python bench/speed_startup.py -n 30 --top 25
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "fidan-paris-visit.txt"
BRIEF_MODULES = (
    "briefer.cli",
    "typer._adapters",  # typer >= 0.29 parses options with pydantic
    "briefer.brief",
    "briefer.rank",
    "briefer.split",
    "briefer.rank.default",
    "briefer.facts",
    "briefer.output",
    "briefer.ingest",
    "nltk.tokenize.punkt",
    "punkt.data.english",  # the Punkt model, compiled Python data
    "nltk.stem.snowball",  # the default method's stemmer
    "sumy",  # the package only: its stop-word lists (sumy.utils, with requests, is not needed)
    "numpy",
)
"""What a default brief imports (the lower bound for its start-up)."""


def briefer_command() -> list[str]:
    exe = Path(sys.executable).parent / "briefer"
    return [str(exe)] if exe.exists() else [shutil.which("briefer") or "briefer"]


def timed_rounds(cases: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall times of every command over ``runs`` rounds, after one warm-up run of each.

    Each round runs every command once, so the VM's slow and fast spells fall on all of them
    alike and the ratios between commands stay fair.
    """
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    for cmd in cases.values():
        subprocess.run(cmd, capture_output=True, check=True, env=env, cwd=ROOT)
    times: dict[str, list[float]] = {label: [] for label in cases}
    for _ in range(runs):
        for label, cmd in cases.items():
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env=env, cwd=ROOT)
            times[label].append(time.perf_counter() - t0)
    return times


def import_times(code: str) -> list[tuple[int, int, str]]:
    """(cumulative µs, self µs, module) for every import done by ``code``; [] if it fails."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        return []
    out = proc.stderr
    rows = []
    for line in out.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (.*)$", line)
        if m:
            rows.append((int(m.group(2)), int(m.group(1)), m.group(3).rstrip()))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=15)
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()

    briefer = briefer_command()
    imports = "import " + ", ".join(BRIEF_MODULES)
    print(f"# {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} (shared machine)")
    print(f"# median (min) of {args.runs} runs, wall seconds\n")
    cases = {
        "briefer --version": [*briefer, "--version"],
        "briefer --help": [*briefer, "--help"],
        f"briefer {SAMPLE.relative_to(ROOT)}": [*briefer, str(SAMPLE)],
        "python -c 'import <brief's modules>'": [sys.executable, "-c", imports],
        "python -c pass": [sys.executable, "-c", "pass"],
    }
    results = {}
    for label, times in timed_rounds(cases, args.runs).items():
        results[label] = statistics.median(times)
        print(f"{label:45} {results[label]:7.3f} ({min(times):.3f})")
    brief, bare = list(results.values())[2], list(results.values())[3]
    print(f"\nbrief / bare import: {brief / bare:.2f}x (target <= 1.15x)")
    print(f"--version: {results['briefer --version']:.3f} s (target <= 0.15 s)")

    print(f"\n# python -X importtime, top {args.top} by cumulative time (µs) — {imports}")
    rows = import_times(imports)
    for cumulative, own, module in sorted(rows, reverse=True)[: args.top]:
        print(f"{cumulative:10,} {own:9,}  {module}")
    print("\n# single libraries (cumulative µs, fresh interpreter)")
    for code in (
        "import nltk",
        "import nltk.tokenize.punkt",
        "import scipy",
        "import sumy.utils",
        "import requests",
        "import pycountry",
        "import numpy",
        "import typer",
        "import rich",
    ):
        rows = import_times(code)
        if not rows:
            print(f"{'-':>10}  {code}  (not installed)")
            continue
        top = max(rows, default=(0, 0, ""))
        heavy = "('scipy', 'requests', 'pycountry')"
        probe = f"{code}; import sys; print(*(m for m in {heavy} if m in sys.modules))"
        loaded = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=False
        ).stdout.split()
        pulled = [m for m in loaded if f"import {m}" != code]
        note = f"  (pulls {', '.join(sorted(set(pulled)))})" if pulled else ""
        print(f"{top[0]:10,}  {code}{note}")


if __name__ == "__main__":
    main()
